//! The precomputed business-day index behind every calendar query.
//!
//! The covered days are a bitmap (bit set = business day), 64 days a word. Next to it:
//!
//! - next to each word, the number of business days in the words before it, so that the rank
//!   `F(x)` (business days before day `x`) is one read of 16 bytes plus one `popcount`;
//! - `positions[k]`: the `k`-th business day (counting from 0), so that the business day of a
//!   given rank is one table read.
//!
//! Adding `n` business days is then a rank, an addition and a select: O(1), no loop over days,
//! no allocation. For 300 years the index takes about 14 KiB of bitmap, 7 KiB of counts and
//! 300 KiB of positions; the part a typical workload touches stays in the L1 and L2 caches.
//!
//! The bitmap is stored one day late: bit `j` of word `w` is the day at offset `64 w + j - 1`.
//! The days before offset `x` in its word are then the bits `0..=x % 64`, which one shift by
//! `63 - x % 64` keeps, instead of building a mask (two instructions fewer per rank on x86).
//! The bulk kernels take the hardware `popcnt` when the CPU has it (the portable x86-64
//! target does not assume it): without it, counting the bits of a word takes a dozen
//! instructions, more than everything else in a rank.

use chrono::WeekdaySet;

use super::date32;

/// 64 days of the bitmap and the number of business days before them.
#[derive(Clone, Copy, Debug, Default)]
struct Word {
    bits: u64,
    before: u32,
}

/// The index of one calendar over its covered days.
#[derive(Clone, Debug)]
pub(crate) struct Index {
    /// Day number of the first covered day.
    first: i32,
    /// Number of covered days.
    len: u32,
    /// The business-day bitmap, 64 days a word and one day late (see the module docs), each
    /// word next to the number of business days before it (so that one cache line serves a
    /// rank). Exactly `len / 64 + 1` words, so that the rank of every offset in `0..=len` is
    /// defined: the bulk kernels rely on this length to read words unchecked.
    words: Box<[Word]>,
    /// The business days, in order.
    positions: Box<[i32]>,
}

impl Index {
    /// Builds the index of the days `first..=last`.
    ///
    /// A day is a business day when its weekday is not in the weekend in force on it and it is
    /// not a holiday, or when it is declared a working day. `weekends` is sorted by its first
    /// day; the first entry applies to every day before the second. Holidays and working days
    /// outside the range are ignored.
    pub(crate) fn build(
        first: i32,
        last: i32,
        weekends: &[(i32, WeekdaySet)],
        holidays: impl IntoIterator<Item = i32>,
        working_days: impl IntoIterator<Item = i32>,
    ) -> Index {
        let len = u32::try_from(last - first + 1).unwrap_or(0);
        let word_count = len as usize / 64 + 1;
        let mut words = vec![0u64; word_count];
        fill_weekdays(&mut words, first, len, weekends);
        let offset = |day: i32| {
            let off = day.wrapping_sub(first) as u32;
            (off < len).then_some(off as usize)
        };
        for day in working_days {
            if let Some(off) = offset(day) {
                words[off / 64] |= 1 << (off % 64);
            }
        }
        for day in holidays {
            if let Some(off) = offset(day) {
                words[off / 64] &= !(1 << (off % 64));
            }
        }
        Index::from_words(first, len, words)
    }

    /// Builds the index from a bitmap of the covered days, 64 days a word from the first (bit
    /// set = business day). Words and bits past the `len` covered days are ignored; missing
    /// words are days that are not business days.
    pub(crate) fn from_words(first: i32, len: u32, mut bitmap: Vec<u64>) -> Index {
        bitmap.resize(len as usize / 64 + 1, 0);
        if let Some(last) = bitmap.last_mut() {
            *last &= (1u64 << (len % 64)) - 1;
        }
        let mut words = Vec::with_capacity(bitmap.len());
        let mut total = 0u32;
        // Each word takes the last day of the word before it in its bit 0.
        let mut carry = 0;
        for &day_bits in &bitmap {
            let bits = day_bits << 1 | carry;
            carry = day_bits >> 63;
            words.push(Word {
                bits,
                before: total,
            });
            total += bits.count_ones();
        }
        let mut positions = Vec::with_capacity(total as usize);
        for (w, &word) in bitmap.iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                positions.push(first + (w as u32 * 64 + bits.trailing_zeros()) as i32);
                bits &= bits - 1;
            }
        }
        Index {
            first,
            len,
            words: words.into_boxed_slice(),
            positions: positions.into_boxed_slice(),
        }
    }

    /// Day number of the first covered day.
    #[inline]
    pub(crate) fn first(&self) -> i32 {
        self.first
    }

    /// A copy of the business-day bitmap, 64 days a word from the first covered day (bits past
    /// the last covered day are zero).
    pub(crate) fn bitmap(&self) -> Vec<u64> {
        let next = self.words.iter().skip(1).map(|w| w.bits).chain([0]);
        self.words
            .iter()
            .zip(next)
            .map(|(word, next)| word.bits >> 1 | next << 63)
            .collect()
    }

    /// Day number of the last covered day.
    #[inline]
    pub(crate) fn last(&self) -> i32 {
        self.first + self.len as i32 - 1
    }

    /// The offset of a day from the first covered day, if the day is covered.
    #[inline(always)]
    pub(crate) fn offset(&self, day: i32) -> Option<u32> {
        let off = day.wrapping_sub(self.first) as u32;
        (off < self.len).then_some(off)
    }

    /// Whether the covered day at `off` is a business day.
    #[inline(always)]
    pub(crate) fn is_business_offset(&self, off: u32) -> bool {
        let bit = off + 1;
        self.words[(bit / 64) as usize].bits >> (bit % 64) & 1 == 1
    }

    /// Whether a day is a covered business day.
    #[inline(always)]
    pub(crate) fn is_business(&self, day: i32) -> Option<bool> {
        self.offset(day).map(|off| self.is_business_offset(off))
    }

    /// `F(off)`: the number of business days at offsets before `off`, for `off` in `0..=len`.
    #[inline(always)]
    fn rank(&self, off: u32) -> u32 {
        rank_in(&self.words, off)
    }

    /// The day number of the business day of rank `rank`, if there is one.
    #[inline(always)]
    fn select(&self, rank: i64) -> Option<i32> {
        let rank = usize::try_from(rank).ok()?;
        self.positions.get(rank).copied()
    }

    /// The rank of the business day that `add(day, n)` lands on, or `None` when `day` is not
    /// covered. See [`Index::add`].
    #[inline(always)]
    fn target_rank(&self, day: i32, n: i64) -> Option<i64> {
        let off = self.offset(day)?;
        // n > 0: the n-th business day strictly after `day`, rank F(day + 1) + n - 1.
        // n < 0: the |n|-th business day strictly before `day`, rank F(day) + n.
        // n = 0: `day` if it is a business day, else the next one: rank F(day).
        // Written without a branch on the sign of n, which random inputs would mispredict.
        let after = u32::from(n > 0);
        let rank = i64::from(self.rank(off + after)).saturating_add(n) - i64::from(after);
        Some(rank)
    }

    /// Adds `n` business days to `day` (the library's semantics: n > 0 strictly after, n < 0
    /// strictly before, n = 0 rolls forward).
    ///
    /// `Err(true)` when `day` is not covered, `Err(false)` when the answer leaves the covered
    /// days.
    #[inline(always)]
    pub(crate) fn add(&self, day: i32, n: i64) -> Result<i32, bool> {
        let rank = self.target_rank(day, n).ok_or(true)?;
        self.select(rank).ok_or(false)
    }

    /// `F(b) - F(a)`, or `None` when either day is not covered.
    #[inline(always)]
    pub(crate) fn between(&self, a: i32, b: i32) -> Option<i64> {
        let a = self.offset(a)?;
        let b = self.offset(b)?;
        Some(i64::from(self.rank(b)) - i64::from(self.rank(a)))
    }

    /// The covered business days at or after `day` (`Forward`) or at or before it, by rank.
    #[inline]
    pub(crate) fn roll(&self, day: i32, forward: bool) -> Option<i32> {
        let off = self.offset(day)?;
        if self.is_business_offset(off) {
            return Some(day);
        }
        let rank = i64::from(self.rank(off));
        self.select(if forward { rank } else { rank - 1 })
    }
}

/// Bulk kernels: each writes `out[i]` element by element, in order, and stops at the first
/// element that fails, returning its position (the elements before it are written).
impl Index {
    /// [`Index::add`] over columns (as long as the shortest of them).
    pub(crate) fn add_bulk(&self, days: &[i32], n: &[i32], out: &mut [i32]) -> Result<(), usize> {
        let count = days.len().min(n.len()).min(out.len());
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        if std::is_x86_feature_detected!("popcnt") {
            // SAFETY: the CPU has `popcnt`, checked just above.
            return all_done(count, unsafe { self.add_bulk_popcnt(days, n, out) });
        }
        all_done(count, self.add_bulk_kernel(days, n, out))
    }

    /// [`Index::between`] over columns (as long as the shortest of them).
    pub(crate) fn between_bulk(&self, a: &[i32], b: &[i32], out: &mut [i32]) -> Result<(), usize> {
        let count = a.len().min(b.len()).min(out.len());
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        if std::is_x86_feature_detected!("popcnt") {
            // SAFETY: the CPU has `popcnt`, checked just above.
            return all_done(count, unsafe { self.between_bulk_popcnt(a, b, out) });
        }
        all_done(count, self.between_bulk_kernel(a, b, out))
    }

    /// The kernel of [`Index::add_bulk`] compiled with `popcnt`.
    ///
    /// # Safety
    ///
    /// The CPU must have `popcnt`.
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    #[target_feature(enable = "popcnt")]
    unsafe fn add_bulk_popcnt(&self, days: &[i32], n: &[i32], out: &mut [i32]) -> usize {
        self.add_bulk_kernel(days, n, out)
    }

    /// The kernel of [`Index::between_bulk`] compiled with `popcnt`.
    ///
    /// # Safety
    ///
    /// The CPU must have `popcnt`.
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    #[target_feature(enable = "popcnt")]
    unsafe fn between_bulk_popcnt(&self, a: &[i32], b: &[i32], out: &mut [i32]) -> usize {
        self.between_bulk_kernel(a, b, out)
    }

    /// The number of leading elements done: all of them, or the position of the first that
    /// fails.
    #[inline(always)]
    fn add_bulk_kernel(&self, days: &[i32], n: &[i32], out: &mut [i32]) -> usize {
        let (first, len) = (self.first, self.len);
        let words = &*self.words;
        let positions = &*self.positions;
        let count = days.len().min(n.len()).min(out.len());
        let (days, n, out) = (&days[..count], &n[..count], &mut out[..count]);
        for i in 0..count {
            let (day, n) = (days[i], n[i]);
            let off = day.wrapping_sub(first) as u32;
            if off >= len {
                return i;
            }
            // As in `target_rank`, without a branch on the sign of n.
            let after = u32::from(n > 0);
            // SAFETY: off + after <= len, and words.len() == len / 64 + 1.
            let rank = unsafe { rank_unchecked(words, off + after) };
            let rank = i64::from(rank) + i64::from(n) - i64::from(after);
            // A negative rank wraps to a huge one, past the end like a rank too large.
            match usize::try_from(rank as u64)
                .ok()
                .and_then(|r| positions.get(r))
            {
                Some(&day) => out[i] = day,
                None => return i,
            }
        }
        count
    }

    #[inline(always)]
    fn between_bulk_kernel(&self, a: &[i32], b: &[i32], out: &mut [i32]) -> usize {
        let (first, len) = (self.first, self.len);
        let words = &*self.words;
        let count = a.len().min(b.len()).min(out.len());
        let (a, b, out) = (&a[..count], &b[..count], &mut out[..count]);
        for i in 0..count {
            let (x, y) = (
                a[i].wrapping_sub(first) as u32,
                b[i].wrapping_sub(first) as u32,
            );
            if x >= len || y >= len {
                return i;
            }
            // The covered range is under 110,000 days, so a count fits in i32.
            // SAFETY: x, y < len, and words.len() == len / 64 + 1.
            out[i] = unsafe { rank_unchecked(words, y) as i32 - rank_unchecked(words, x) as i32 };
        }
        count
    }
}

/// `Ok` when a kernel did all `count` elements, else the position where it stopped.
fn all_done(count: usize, done: usize) -> Result<(), usize> {
    if done == count { Ok(()) } else { Err(done) }
}

/// `F(off)` over the words of an index, for `off` in `0..=len`.
#[inline(always)]
fn rank_in(words: &[Word], off: u32) -> u32 {
    let word = words[(off / 64) as usize];
    word.before + (word.bits << (!off % 64)).count_ones()
}

/// [`rank_in`] without the bounds check.
///
/// # Safety
///
/// `off / 64 < words.len()`.
#[inline(always)]
unsafe fn rank_unchecked(words: &[Word], off: u32) -> u32 {
    debug_assert!(((off / 64) as usize) < words.len());
    // SAFETY: the caller's promise.
    let word = unsafe { words.get_unchecked((off / 64) as usize) };
    word.before + (word.bits << (!off % 64)).count_ones()
}

/// Sets the bit of every covered day whose weekday is not a weekend day.
fn fill_weekdays(words: &mut [u64], first: i32, len: u32, weekends: &[(i32, WeekdaySet)]) {
    let weekend_at = |day: i32| super::weekend_at(weekends, day);
    let mut off = 0u32;
    while off < len {
        let start = first + off as i32;
        let end_off = (off + 64).min(len);
        let end = first + end_off as i32 - 1;
        let set = weekend_at(start);
        let word = if end_off - off == 64 && weekend_at(end) == set {
            weekly_pattern(set, date32::weekday_index(start))
        } else {
            (off..end_off).fold(0u64, |word, o| {
                let day = first + o as i32;
                let weekday = weekday_from_index(date32::weekday_index(day));
                if weekend_at(day).contains(weekday) {
                    word
                } else {
                    word | 1 << (o - off)
                }
            })
        };
        words[(off / 64) as usize] = word;
        off = end_off;
    }
}

/// The 64-day bitmap of business weekdays for a word whose first day has weekday `start`
/// (Monday = 0).
fn weekly_pattern(weekend: WeekdaySet, start: u32) -> u64 {
    let mut week = 0u64;
    for i in 0..7 {
        if !weekend.contains(weekday_from_index((start + i) % 7)) {
            week |= 1 << i;
        }
    }
    let mut word = 0u64;
    for shift in (0..64).step_by(7) {
        word |= week << shift;
    }
    word
}

/// The chrono weekday of an index Monday = 0 .. Sunday = 6.
pub(crate) fn weekday_from_index(index: u32) -> chrono::Weekday {
    use chrono::Weekday::*;
    [Mon, Tue, Wed, Thu, Fri, Sat, Sun][(index % 7) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn sat_sun() -> WeekdaySet {
        WeekdaySet::from_array([Weekday::Sat, Weekday::Sun])
    }

    #[test]
    fn weekday_fill_matches_a_day_by_day_check_across_a_weekend_change() {
        let first = date32::from_civil(2020, 1, 1);
        let last = date32::from_civil(2024, 12, 31);
        let change = date32::from_civil(2022, 1, 1);
        let fri_sat = WeekdaySet::from_array([Weekday::Fri, Weekday::Sat]);
        let index = Index::build(
            first,
            last,
            &[(first, fri_sat), (change, sat_sun())],
            [],
            [],
        );
        for day in first..=last {
            let weekday = weekday_from_index(date32::weekday_index(day));
            let weekend = if day < change { fri_sat } else { sat_sun() };
            assert_eq!(index.is_business(day), Some(!weekend.contains(weekday)));
        }
        assert_eq!(index.is_business(first - 1), None);
        assert_eq!(index.is_business(last + 1), None);
    }

    #[test]
    fn add_and_between_at_the_edges_of_the_range() {
        // 2024-01-01 is a Monday; 2024-01-06/07 a weekend.
        let first = date32::from_civil(2024, 1, 1);
        let last = date32::from_civil(2024, 1, 7);
        let index = Index::build(first, last, &[(first, sat_sun())], [], []);
        assert_eq!(index.positions.len(), 5);
        assert_eq!(index.add(first, 4), Ok(first + 4));
        assert_eq!(index.add(first, 5), Err(false));
        assert_eq!(index.add(first, -1), Err(false));
        assert_eq!(index.add(last, 0), Err(false));
        assert_eq!(index.add(last, -1), Ok(first + 4));
        assert_eq!(index.add(last + 1, 0), Err(true));
        assert_eq!(index.between(first, last), Some(5));
        assert_eq!(index.between(last, first), Some(-5));
        assert_eq!(index.roll(last, false), Some(first + 4));
        assert_eq!(index.roll(last, true), None);
    }
}
