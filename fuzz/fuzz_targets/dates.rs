//! Any bytes as a date and a day count: parsing and arithmetic on a built-in calendar must give
//! an answer or an error, never a panic, and a parsed date must print back as it was read;
//! any text as an instant, which must read back from what it is written as in any zone.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slacal::{Calendar, Instant, date32};

fuzz_target!(|data: &[u8]| {
    // Any text as an instant: an answer or an error; an instant written in any zone (offsets
    // with seconds included) reads back as itself.
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(at) = Instant::parse(text)
    {
        for zone in chrono_tz::TZ_VARIANTS.iter().step_by(97) {
            let written = at.rfc3339(*zone).to_string();
            assert_eq!(Instant::parse(&written).ok(), Some(at), "{written}");
        }
    }
    if data.len() < 18 {
        return;
    }
    let (date, rest) = data.split_at(10);
    let n = i64::from_le_bytes(rest[..8].try_into().expect("eight bytes"));
    let Ok(day) = date32::parse_iso(date) else {
        return;
    };
    let mut text = [0u8; 10];
    date32::write_iso(day, &mut text);
    assert_eq!(&text, date);
    let calendar = Calendar::builtin("US+GB-ENG").expect("built-in calendars");
    if let Ok(result) = calendar.add_business_days_date32(day, n) {
        assert_eq!(
            calendar
                .is_business_day(date32::to_naive(result).expect("in range"))
                .ok(),
            Some(true)
        );
    }
    let _ = calendar.business_days_between_date32(day, day.wrapping_add(n as i32));
});
