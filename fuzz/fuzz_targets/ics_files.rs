//! Any text as an iCalendar file of closures: reading it gives closures or an error, never a
//! panic; the closures lie in the supported range, and written back as iCalendar they read
//! back as the same days and names.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slacal::holiday::ics::{read_closures, to_ics};
use slacal::{Calendar, Holiday};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(closures) = read_closures("fuzz.ics", text) else {
        return;
    };
    for closure in &closures {
        let year = chrono::Datelike::year(&closure.date());
        assert!((1900..=2199).contains(&year), "{closure}");
        assert!(!closure.name().trim().is_empty());
    }
    let Ok(calendar) = Calendar::builder("FUZZ")
        .holidays(closures.iter().cloned())
        .build()
    else {
        return;
    };
    let written = to_ics(
        &calendar,
        chrono_tz::Tz::UTC,
        calendar.holidays(),
        chrono::NaiveDate::MIN,
    );
    let back = read_closures("FUZZ.ics", &written).expect("an export reads back");
    let key = |h: &Holiday| (h.date(), h.name().to_owned());
    let mut want: Vec<_> = calendar.holidays().iter().map(key).collect();
    let mut got: Vec<_> = back.iter().map(key).collect();
    want.sort();
    got.sort();
    assert_eq!(want, got);
});
