//! The records a streaming pass has finished: each one's fingerprint and first line, to
//! reject the rows of a record that comes back after other records.
//!
//! One is kept per record of the input, so the table is compact: 12 bytes a slot (the
//! fingerprint in 8, the line in 4), in 256 shards chosen by the fingerprint's top byte, each
//! an open-addressing table probed linearly, at most 85% full and grown by half when it is
//! (so 57% full just after): 14 to 21 bytes per record. A shard grows on its own, so growing
//! never holds two copies of the whole table. A line past `u32::MAX - 1` is kept, exactly, in
//! a side map.

use std::collections::HashMap;

/// Shards, chosen by the top bits of the fingerprint.
const SHARD_BITS: u32 = 8;
/// Slots of a shard when it first holds a record.
const FIRST_SLOTS: usize = 16;
/// The line slot of a line that does not fit 32 bits: the line is in the side map.
const LONG_LINE: u32 = u32::MAX;

/// A set of fingerprints with the first line of each.
#[derive(Debug)]
pub(super) struct Seen {
    shards: Vec<Shard>,
    long_lines: HashMap<u64, u64>,
}

#[derive(Debug, Default)]
struct Shard {
    /// Fingerprints, 0 for an empty slot (a fingerprint of 0 is kept as 1).
    keys: Vec<u64>,
    lines: Vec<u32>,
    len: usize,
}

impl Default for Seen {
    fn default() -> Self {
        Seen {
            shards: (0..1 << SHARD_BITS).map(|_| Shard::default()).collect(),
            long_lines: HashMap::new(),
        }
    }
}

impl Seen {
    /// The first line of the record with `fingerprint`, if it was seen; else keeps `line` as
    /// its first line and gives `None`.
    pub(super) fn check_in(&mut self, fingerprint: u64, line: u64) -> Option<u64> {
        let key = fingerprint.max(1);
        let shard = &mut self.shards[(key >> (64 - SHARD_BITS)) as usize];
        if shard.len * 20 >= shard.keys.len() * 17 {
            shard.grow();
        }
        let mut slot = home(key, shard.keys.len());
        loop {
            match shard.keys[slot] {
                0 => break,
                k if k == key => {
                    let first = shard.lines[slot];
                    return Some(if first == LONG_LINE {
                        self.long_lines.get(&key).copied().unwrap_or(u64::MAX)
                    } else {
                        u64::from(first)
                    });
                }
                _ => {
                    slot = if slot + 1 == shard.keys.len() {
                        0
                    } else {
                        slot + 1
                    }
                }
            }
        }
        shard.keys[slot] = key;
        shard.lines[slot] = match u32::try_from(line) {
            Ok(short) if short != LONG_LINE => short,
            _ => {
                self.long_lines.insert(key, line);
                LONG_LINE
            }
        };
        shard.len += 1;
        None
    }

    /// Reads the first slot that each of `fingerprints` is looked up in, its key and its line,
    /// so that the memory of all of them is fetched at once (the reads do not wait on each
    /// other) before [`Seen::check_in`] takes them one by one: a table of millions of records
    /// is far larger than the caches, and each fingerprint lands in it at random.
    pub(super) fn warm(&self, fingerprints: &[u64]) {
        let mut any = 0u64;
        for &fingerprint in fingerprints {
            let key = fingerprint.max(1);
            let shard = &self.shards[(key >> (64 - SHARD_BITS)) as usize];
            let home = home(key, shard.keys.len());
            if let (Some(&slot), Some(&line)) = (shard.keys.get(home), shard.lines.get(home)) {
                any ^= slot ^ u64::from(line);
            }
        }
        std::hint::black_box(any);
    }
}

impl Shard {
    fn grow(&mut self) {
        let slots = (self.keys.len() + self.keys.len() / 2).max(FIRST_SLOTS);
        let keys = std::mem::replace(&mut self.keys, vec![0; slots]);
        let lines = std::mem::replace(&mut self.lines, vec![0; slots]);
        for (key, line) in keys.into_iter().zip(lines) {
            if key == 0 {
                continue;
            }
            let mut slot = home(key, slots);
            while self.keys[slot] != 0 {
                slot = if slot + 1 == slots { 0 } else { slot + 1 };
            }
            self.keys[slot] = key;
            self.lines[slot] = line;
        }
    }
}

/// The first slot to probe for `key` in a shard of `slots` slots: the bits below the shard's,
/// scaled to the number of slots (which need not be a power of two).
fn home(key: u64, slots: usize) -> usize {
    ((u128::from(key << SHARD_BITS) * slots as u128) >> 64) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_seen_gives_its_first_line_and_keeps_it() {
        let mut seen = Seen::default();
        // Distinct fingerprints in three shards, crowded at the start of each (the worst
        // case of linear probing), spread ones, and the largest.
        let keys: Vec<u64> = (0..5_000u64)
            .map(|i| (i % 3) << 62 | (i + 2) << 8)
            .chain((1..5_000u64).map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1 << 63 | 1))
            .chain([u64::MAX])
            .collect();
        for (line, &key) in keys.iter().enumerate() {
            assert_eq!(seen.check_in(key, line as u64 + 2), None, "{key:#x}");
        }
        for (line, &key) in keys.iter().enumerate() {
            assert_eq!(
                seen.check_in(key, 9_999_999),
                Some(line as u64 + 2),
                "{key:#x}"
            );
        }
        // 0 is kept as 1: one fingerprint.
        assert_eq!(seen.check_in(0, 5), None);
        assert_eq!(seen.check_in(1, 6), Some(5));
    }

    #[test]
    fn a_line_past_32_bits_is_kept_exactly() {
        let mut seen = Seen::default();
        let lines = [u64::from(u32::MAX) - 1, u64::from(u32::MAX), 1 << 40];
        for (i, &line) in lines.iter().enumerate() {
            assert_eq!(seen.check_in(i as u64 + 7, line), None);
        }
        for (i, &line) in lines.iter().enumerate() {
            assert_eq!(seen.check_in(i as u64 + 7, 3), Some(line));
        }
    }
}
