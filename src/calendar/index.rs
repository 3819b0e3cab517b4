//! The precomputed business-day index behind every calendar query.
//!
//! The covered days are a bitmap (bit set = business day), 64 days a word. Next to it:
//!
//! - `through[w]`: the number of business days in the words up to and including word `w`, so
//!   that the rank `F(x)` (business days before day `x`) is `through[w]` less the business
//!   days from `x` to the end of its word: two reads, one shift and one `popcount`;
//! - `positions[k]`: the `k`-th business day (counting from 0), so that the business day of a
//!   given rank is one table read.
//!
//! Adding `n` business days is then a rank, an addition and a select: O(1), no loop over days,
//! no allocation. For 300 years the index takes about 14 KiB of bitmap, 7 KiB of counts and
//! 300 KiB of positions; the part a typical workload touches stays in the L1 and L2 caches.
//!
//! The bulk forms run loops that read the bitmap without bounds checks (its length is fixed
//! here, when the index is built) and count bits with the hardware `popcnt` when the CPU has
//! it: the portable x86-64 target does not assume it, and counting the bits of a word without
//! it takes a dozen instructions, more than the rest of a rank (figures in the README).

use chrono::WeekdaySet;

use super::date32;

/// The index of one calendar over its covered days.
#[derive(Clone, Debug)]
pub(crate) struct Index {
    /// Day number of the first covered day.
    first: i32,
    /// Number of covered days.
    len: u32,
    /// The business-day bitmap, 64 days a word from `first` (bits past the last covered day
    /// are zero): exactly `len / 64 + 1` words, so that every offset in `0..=len` has its
    /// word. The bulk kernels rely on this length to read words unchecked.
    bits: Box<[u64]>,
    /// `through[w]`: the number of business days in `bits[..=w]`; as long as `bits`.
    through: Box<[u32]>,
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
    pub(crate) fn from_words(first: i32, len: u32, mut bits: Vec<u64>) -> Index {
        bits.resize(len as usize / 64 + 1, 0);
        if let Some(last) = bits.last_mut() {
            *last &= (1u64 << (len % 64)) - 1;
        }
        let mut total = 0u32;
        let through: Vec<u32> = bits
            .iter()
            .map(|word| {
                total += word.count_ones();
                total
            })
            .collect();
        let mut positions = Vec::with_capacity(total as usize);
        for (w, &word) in bits.iter().enumerate() {
            let mut rest = word;
            while rest != 0 {
                positions.push(first + (w as u32 * 64 + rest.trailing_zeros()) as i32);
                rest &= rest - 1;
            }
        }
        Index {
            first,
            len,
            bits: bits.into_boxed_slice(),
            through: through.into_boxed_slice(),
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
        self.bits.to_vec()
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
        self.bits[(off / 64) as usize] >> (off % 64) & 1 == 1
    }

    /// Whether a day is a covered business day.
    #[inline(always)]
    pub(crate) fn is_business(&self, day: i32) -> Option<bool> {
        self.offset(day).map(|off| self.is_business_offset(off))
    }

    /// `F(off)`: the number of business days at offsets before `off`, for `off` in `0..=len`.
    #[inline(always)]
    fn rank(&self, off: u32) -> u32 {
        let w = (off / 64) as usize;
        self.through[w] - (self.bits[w] >> (off % 64)).count_ones()
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

/// The bulk forms. Each writes `out[i]` in order, for `i` up to the shortest of its columns,
/// and stops at the first element that fails, returning its position (the elements before it
/// are written): the result of calling the single form on each element in turn.
impl Index {
    /// [`Index::add`] over columns.
    pub(crate) fn add_bulk(&self, days: &[i32], n: &[i32], out: &mut [i32]) -> Result<(), usize> {
        let count = days.len().min(n.len()).min(out.len());
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        if std::is_x86_feature_detected!("popcnt") {
            // SAFETY: the CPU has `popcnt`, checked just above.
            return all_done(count, unsafe { self.add_bulk_popcnt(days, n, out) });
        }
        all_done(count, self.add_bulk_kernel(days, n, out))
    }

    /// [`Index::between`] over columns.
    pub(crate) fn between_bulk(&self, a: &[i32], b: &[i32], out: &mut [i32]) -> Result<(), usize> {
        let count = a.len().min(b.len()).min(out.len());
        #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
        if std::is_x86_feature_detected!("popcnt") {
            // SAFETY: the CPU has `popcnt`, checked just above.
            return all_done(count, unsafe { self.between_bulk_popcnt(a, b, out) });
        }
        all_done(count, self.between_bulk_kernel(a, b, out))
    }

    /// [`Index::add_bulk_kernel`] compiled with `popcnt`.
    ///
    /// # Safety
    ///
    /// The CPU must have `popcnt`.
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    #[target_feature(enable = "popcnt")]
    unsafe fn add_bulk_popcnt(&self, days: &[i32], n: &[i32], out: &mut [i32]) -> usize {
        self.add_bulk_kernel(days, n, out)
    }

    /// [`Index::between_bulk_kernel`] compiled with `popcnt`.
    ///
    /// # Safety
    ///
    /// The CPU must have `popcnt`.
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    #[target_feature(enable = "popcnt")]
    unsafe fn between_bulk_popcnt(&self, a: &[i32], b: &[i32], out: &mut [i32]) -> usize {
        self.between_bulk_kernel(a, b, out)
    }

    /// The number of leading elements added: all of them, or the position of the first that
    /// fails.
    #[inline(always)]
    fn add_bulk_kernel(&self, days: &[i32], n: &[i32], out: &mut [i32]) -> usize {
        let count = days.len().min(n.len()).min(out.len());
        let (days, n, out) = (&days[..count], &n[..count], &mut out[..count]);
        let ranks = self.ranks();
        for i in 0..count {
            let Some(off) = self.offset(days[i]) else {
                return i;
            };
            // As in `target_rank`.
            let after = u32::from(n[i] > 0);
            // SAFETY: off + after <= len, as `off` is covered.
            let rank = unsafe { ranks.rank_unchecked(off + after) };
            let rank = i64::from(rank) + i64::from(n[i]) - i64::from(after);
            // A negative rank wraps to a huge one, past the end like a rank too large.
            match usize::try_from(rank as u64)
                .ok()
                .and_then(|rank| self.positions.get(rank))
            {
                Some(&result) => out[i] = result,
                None => return i,
            }
        }
        count
    }

    /// The number of leading elements counted: all of them, or the position of the first
    /// that fails.
    #[inline(always)]
    fn between_bulk_kernel(&self, a: &[i32], b: &[i32], out: &mut [i32]) -> usize {
        let count = a.len().min(b.len()).min(out.len());
        let (a, b, out) = (&a[..count], &b[..count], &mut out[..count]);
        let ranks = self.ranks();
        for i in 0..count {
            let (Some(a), Some(b)) = (self.offset(a[i]), self.offset(b[i])) else {
                return i;
            };
            // SAFETY: covered offsets are under len.
            let (a, b) = unsafe { (ranks.rank_unchecked(a), ranks.rank_unchecked(b)) };
            // The covered range is under 110,000 days, so a count fits in i32.
            out[i] = b as i32 - a as i32;
        }
        count
    }

    /// The bitmap and counts that a rank reads.
    #[inline(always)]
    fn ranks(&self) -> Ranks<'_> {
        Ranks {
            len: self.len,
            bits: &self.bits,
            through: &self.through,
        }
    }
}

/// The part of an [`Index`] that a rank reads, borrowed for a kernel's loop.
#[derive(Clone, Copy)]
struct Ranks<'a> {
    len: u32,
    bits: &'a [u64],
    through: &'a [u32],
}

impl Ranks<'_> {
    /// `F(off)` without bounds checks.
    ///
    /// # Safety
    ///
    /// `off <= len`.
    #[inline(always)]
    unsafe fn rank_unchecked(self, off: u32) -> u32 {
        debug_assert!(off <= self.len);
        let w = (off / 64) as usize;
        // SAFETY: `w <= len / 64`, and `bits` and `through` have `len / 64 + 1` words (see
        // `Index::from_words`).
        let (bits, through) =
            unsafe { (*self.bits.get_unchecked(w), *self.through.get_unchecked(w)) };
        through - (bits >> (off % 64)).count_ones()
    }
}

/// `Ok` when a kernel did all `count` elements, else the position where it stopped.
fn all_done(count: usize, done: usize) -> Result<(), usize> {
    if done == count { Ok(()) } else { Err(done) }
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
    use proptest::prelude::*;

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

    /// An index over `len` days from `first`: a weekend of the given weekdays (Monday = bit
    /// 0), changed to Saturday and Sunday `change` days in, with holidays and working days at
    /// the given offsets.
    fn random_index(
        first: i32,
        len: u32,
        weekend_bits: u8,
        change: u32,
        holidays: &[u32],
        working: &[u32],
    ) -> Index {
        let weekend =
            (0..7)
                .filter(|i| weekend_bits >> i & 1 == 1)
                .fold(WeekdaySet::EMPTY, |mut set, i| {
                    set.insert(weekday_from_index(i));
                    set
                });
        let day = |off: &u32| first + *off as i32;
        Index::build(
            first,
            first + len as i32 - 1,
            &[(first, weekend), (first + change as i32, sat_sun())],
            holidays.iter().map(day),
            working.iter().map(day),
        )
    }

    prop_compose! {
        /// A random index and columns of days mostly in its range, a few just outside it and
        /// a few far away, with counts up to the extremes of i32.
        fn index_and_columns()(
            first in -40_000..40_000i32,
            len in 0..1_500u32,
            weekend_bits in 0..128u8,
            change in 0..2_000u32,
            holidays in prop::collection::vec(0..1_500u32, 0..200),
            working in prop::collection::vec(0..1_500u32, 0..40),
            rows in prop::collection::vec((0..1_510i32, -600..600i32, 0..1_510i32, 0..200u8), 0..300),
        ) -> (Index, Vec<i32>, Vec<i32>, Vec<i32>) {
            let index = random_index(first, len, weekend_bits, change, &holidays, &working);
            let day = |off: i32, pick: u8| match pick {
                0 => i32::MIN,
                1 => i32::MAX,
                2 => first - 1,
                _ => first + off - 5,
            };
            let count = |n: i32, pick: u8| match pick {
                3 => i32::MIN,
                4 => i32::MAX,
                _ => n,
            };
            let days = rows.iter().map(|&(a, _, _, pick)| day(a, pick)).collect();
            let n = rows.iter().map(|&(_, n, _, pick)| count(n, pick)).collect();
            let ends = rows.iter().map(|&(_, _, b, pick)| day(b, pick.wrapping_add(100))).collect();
            (index, days, n, ends)
        }
    }

    /// The one-by-one path: `out` up to the first element that fails, and its position.
    fn one_by_one<T>(
        rows: usize,
        mut single: impl FnMut(usize) -> Option<T>,
    ) -> (Vec<T>, Option<usize>) {
        let mut out = Vec::new();
        for i in 0..rows {
            match single(i) {
                Some(value) => out.push(value),
                None => return (out, Some(i)),
            }
        }
        (out, None)
    }

    /// Checks a bulk result against the one-by-one path: the same values before the failing
    /// element, that position reported, and nothing written from it on.
    fn check_bulk(
        got: Result<(), usize>,
        out: &[i32],
        want: &(Vec<i32>, Option<usize>),
    ) -> Result<(), TestCaseError> {
        let (values, failed) = want;
        prop_assert_eq!(got.err(), *failed);
        prop_assert_eq!(&out[..values.len()], &values[..]);
        if failed.is_some() {
            prop_assert!(out[values.len()..].iter().all(|&v| v == SENTINEL));
        }
        Ok(())
    }

    const SENTINEL: i32 = 0x5eed;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn bulk_kernels_equal_the_one_by_one_path_errors_included(
            (index, days, n, ends) in index_and_columns(),
        ) {
            let rows = days.len();
            let add = one_by_one(rows, |i| index.add(days[i], i64::from(n[i])).ok());
            let between = one_by_one(rows, |i| index.between(days[i], ends[i]).map(|c| c as i32));
            // The portable kernels, which the dispatching forms below may not pick here.
            let mut out = vec![SENTINEL; rows];
            let done = index.add_bulk_kernel(&days, &n, &mut out);
            check_bulk(all_done(rows, done), &out, &add)?;
            let mut out = vec![SENTINEL; rows];
            let done = index.between_bulk_kernel(&days, &ends, &mut out);
            check_bulk(all_done(rows, done), &out, &between)?;
            #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
            if std::is_x86_feature_detected!("popcnt") {
                let mut out = vec![SENTINEL; rows];
                // SAFETY: the CPU has `popcnt`, checked just above.
                let done = unsafe { index.add_bulk_popcnt(&days, &n, &mut out) };
                check_bulk(all_done(rows, done), &out, &add)?;
                let mut out = vec![SENTINEL; rows];
                // SAFETY: as above.
                let done = unsafe { index.between_bulk_popcnt(&days, &ends, &mut out) };
                check_bulk(all_done(rows, done), &out, &between)?;
            }
            // And the dispatching forms, whichever kernel they pick.
            let mut out = vec![SENTINEL; rows];
            check_bulk(index.add_bulk(&days, &n, &mut out), &out, &add)?;
            let mut out = vec![SENTINEL; rows];
            check_bulk(index.between_bulk(&days, &ends, &mut out), &out, &between)?;
        }

        #[test]
        fn rank_counts_the_business_days_before_each_offset(
            first in -40_000..40_000i32,
            len in 0..700u32,
            weekend_bits in 0..128u8,
            holidays in prop::collection::vec(0..700u32, 0..100),
        ) {
            let index = random_index(first, len, weekend_bits, 0, &holidays, &[]);
            let ranks = index.ranks();
            let mut before = 0;
            for off in 0..=len {
                prop_assert_eq!(index.rank(off), before);
                // SAFETY: off <= len.
                prop_assert_eq!(unsafe { ranks.rank_unchecked(off) }, before);
                if off < len && index.is_business_offset(off) {
                    prop_assert_eq!(index.positions[before as usize], first + off as i32);
                    before += 1;
                }
            }
            prop_assert_eq!(index.positions.len(), before as usize);
        }
    }

    #[test]
    fn from_words_takes_exactly_the_covered_days_of_any_bitmap() {
        let clean = Index::from_words(100, 130, vec![u64::MAX, u64::MAX, (1 << 2) - 1]);
        for bitmap in [vec![u64::MAX; 5], vec![u64::MAX, u64::MAX, u64::MAX]] {
            let index = Index::from_words(100, 130, bitmap);
            assert_eq!(index.bits.len(), 130 / 64 + 1);
            assert_eq!(index.through.len(), index.bits.len());
            assert_eq!(index.bitmap(), clean.bitmap());
            assert_eq!(index.positions, clean.positions);
            assert_eq!(index.between(100, 229), Some(129));
            assert_eq!(index.add(229, 0), Ok(229));
            assert_eq!(index.add(229, 1), Err(false));
        }
        // Missing words are closed days; an empty range has one word and no business day.
        let short = Index::from_words(0, 200, vec![1]);
        assert_eq!((short.bits.len(), short.positions.len()), (4, 1));
        assert_eq!(short.between(0, 199), Some(1));
        let empty = Index::from_words(0, 0, Vec::new());
        assert_eq!((empty.bits.len(), empty.positions.len()), (1, 0));
        assert_eq!(empty.add_bulk(&[0], &[0], &mut [0]), Err(0));
        assert_eq!(empty.between_bulk(&[], &[], &mut []), Ok(()));
    }

    #[test]
    fn issue_14_bulk_errors_name_the_first_failing_element_as_before() {
        let calendar = crate::Calendar::builder("TEST")
            .years(2024, 2025)
            .build()
            .unwrap();
        let day = |y, m, d| date32::from_civil(y, m, d);
        let ok = day(2024, 6, 3);
        // An uncovered start at 3; a result past the covered years at 5.
        let days = [ok, ok, ok, day(2026, 1, 1), ok, day(2025, 12, 31), ok];
        let n = [0, 1, -1, 0, i32::MAX, 1, 0];
        let mut out = [0; 7];
        let err = calendar
            .add_business_days_bulk(&days, &n, &mut out)
            .unwrap_err();
        let single = calendar.add_business_days_date32(days[3], 0).unwrap_err();
        assert_eq!(err.to_string(), format!("element 3: {single}"));
        assert!(err.is_range());
        assert_eq!(out[..3], [ok, ok + 1, ok - 3]);
        let err = calendar
            .add_business_days_bulk(&days[4..], &n[4..], &mut out[4..])
            .unwrap_err();
        let single = calendar
            .add_business_days_date32(days[4], i64::from(i32::MAX))
            .unwrap_err();
        assert_eq!(err.to_string(), format!("element 0: {single}"));
        let err = calendar
            .add_business_days_bulk(&days[5..], &n[5..], &mut out[5..])
            .unwrap_err();
        let single = calendar.add_business_days_date32(days[5], 1).unwrap_err();
        assert_eq!(err.to_string(), format!("element 0: {single}"));

        let ends = [ok, ok, ok, ok, ok, ok, day(2023, 12, 31)];
        let mut counts = [0; 7];
        let err = calendar
            .business_days_between_bulk(&ends, &days, &mut counts)
            .unwrap_err();
        let single = calendar
            .business_days_between_date32(ends[3], days[3])
            .unwrap_err();
        assert_eq!(err.to_string(), format!("element 3: {single}"));
        assert_eq!(counts[..3], [0, 0, 0]);
        let err = calendar
            .business_days_between_bulk(&ends[4..], &days[4..], &mut counts[4..])
            .unwrap_err();
        let single = calendar
            .business_days_between_date32(ends[6], days[6])
            .unwrap_err();
        assert_eq!(err.to_string(), format!("element 2: {single}"));
        // 2024-06-03 (a Monday) to 2025-12-31: 82 whole weeks and two days.
        assert_eq!(counts[4..6], [0, 412]);
    }
}
