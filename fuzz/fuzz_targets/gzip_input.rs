//! Any bytes behind a gzip header, and any export compressed: decompression either works or
//! reports an error, and a compressed export reads exactly like the plain one.
#![no_main]

use std::io::{Read, Write};

use libfuzzer_sys::fuzz_target;
use slacal::io::Input;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    // Damaged or truncated compressed data: an error, never a panic.
    let mut raw = vec![0x1f, 0x8b];
    raw.extend_from_slice(data);
    if let Ok(mut input) = Input::from_reader("fuzz", std::io::Cursor::new(raw)) {
        assert!(input.is_compressed());
        let mut sink = Vec::new();
        let _ = input.by_ref().take(1 << 24).read_to_end(&mut sink);
    }
    // A compressed export reads like the plain one.
    let mut plain = b"record_id,event,at,calendar\n".to_vec();
    plain.extend_from_slice(data);
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(&plain).expect("writing to memory");
    let compressed = encoder.finish().expect("writing to memory");
    let a = common::run(&plain, 1 << 18, false);
    let b = common::run(&compressed, 1 << 18, false);
    assert_eq!(a.map(|r| (r.0, r.1)), b.map(|r| (r.0, r.1)));
});
