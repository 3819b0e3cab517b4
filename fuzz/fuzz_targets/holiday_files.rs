//! Any text as a holiday file: parsing and building every calendar it defines must give a
//! calendar or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slacal::Registry;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(registry) = Registry::from_files([("fuzz.toml".to_owned(), text.to_owned())]) else {
        return;
    };
    let ids: Vec<String> = registry.ids().map(str::to_owned).collect();
    for id in ids {
        if let Ok(calendar) = registry.calendar(&id) {
            let first = calendar.first_date();
            let last = calendar.last_date();
            let _ = calendar.business_days_between(first, last);
            let _ = calendar.add_business_days(first, 10);
        }
    }
});
