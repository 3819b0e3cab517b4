//! The precomputed business-day index behind every calendar query.
//!
//! The covered days are a bitmap (bit set = business day), 64 days a word. Next to it:
//!
//! - next to each word, the number of business days in the words before it, so that the rank
//!   `F(x)` (business days before day `x`) is one read of 16 bytes plus one `popcount`;
//! - `positions[k]`: the offset of the `k`-th business day (counting from 0), so that the
//!   business day of a given rank is one table read.
//!
//! Adding `n` business days is then a rank, an addition and a select: O(1), no loop over days,
//! no allocation. For 300 years the index takes about 14 KiB of bitmap, 7 KiB of counts and
//! 300 KiB of positions; the part a typical workload touches stays in the L1 and L2 caches.

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
    /// The business-day bitmap, 64 days a word, each word next to the number of business days
    /// before it (so that one cache line serves a rank); one more word than needed, so that the
    /// rank of the day just past the end is defined.
    words: Box<[Word]>,
    /// Offsets (from `first`) of the business days, in order.
    positions: Box<[u32]>,
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

    /// Builds the index from a bitmap whose bits past `len` are zero.
    pub(crate) fn from_words(first: i32, len: u32, bitmap: Vec<u64>) -> Index {
        let mut words = Vec::with_capacity(bitmap.len());
        let mut total = 0u32;
        for &bits in &bitmap {
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
                positions.push(w as u32 * 64 + bits.trailing_zeros());
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
        self.words.iter().map(|word| word.bits).collect()
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
        self.words[(off / 64) as usize].bits >> (off % 64) & 1 == 1
    }

    /// Whether a day is a covered business day.
    #[inline(always)]
    pub(crate) fn is_business(&self, day: i32) -> Option<bool> {
        self.offset(day).map(|off| self.is_business_offset(off))
    }

    /// `F(off)`: the number of business days at offsets before `off`, for `off` in `0..=len`.
    #[inline(always)]
    fn rank(&self, off: u32) -> u32 {
        let word = self.words[(off / 64) as usize];
        let below = (1u64 << (off % 64)) - 1;
        word.before + (word.bits & below).count_ones()
    }

    /// The day number of the business day of rank `rank`, if there is one.
    #[inline(always)]
    fn select(&self, rank: i64) -> Option<i32> {
        let rank = usize::try_from(rank).ok()?;
        self.positions.get(rank).map(|&off| self.first + off as i32)
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
