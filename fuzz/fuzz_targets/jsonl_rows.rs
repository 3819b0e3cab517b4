//! Any bytes as the lines of a JSON Lines export, after a first object of either layout (or
//! none): every line is used or rejected, nothing panics, and block sizes change nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const FIRST: [&[u8]; 3] = [
    b"{\"record_id\":\"a\",\"event\":\"submitted\",\"at\":\"2026-11-20T09:00:00Z\"}\n",
    b"{\"offer_id\":\"a\",\"calendar\":\"DE\",\"submitted_at\":[\"2026-11-20T09:00:00Z\"]}\n",
    b"",
];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let mut bytes = FIRST[usize::from(choice) % FIRST.len()].to_vec();
    bytes.extend_from_slice(rest);
    common::check(&bytes, choice & 0x80 != 0);
});
