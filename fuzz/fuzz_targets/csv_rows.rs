//! Any bytes as the rows of a CSV export, after a header of either layout (or none): reading,
//! mapping rows to records and evaluating must reject or use every row, never panic, and give
//! the same answer whatever the size of the blocks the input is cut into.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const HEADERS: [&[u8]; 3] = [
    b"record_id,event,at,calendar\n",
    b"offer_id,calendar,submitted_at,prerequisites_validated_at,certification_passed_at,certification_failed_at,preview_ready_at,go_live_at,live_at\n",
    b"",
];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let mut bytes = HEADERS[usize::from(choice) % HEADERS.len()].to_vec();
    bytes.extend_from_slice(rest);
    common::check(&bytes, choice & 0x80 != 0);
});
