//! Local times in a time zone: the one place where a wall-clock time becomes an instant.
//!
//! Twice a year (in most zones that keep daylight saving time) the wall clock skips or repeats
//! an hour. A local time in the skipped hour (a *gap*, e.g. 02:30 on 2026-03-08 in
//! America/Los_Angeles) names no instant; a local time in the repeated hour (a *fold*, e.g.
//! 01:30 on 2026-11-01 there) names two. [`Disambiguation`] says what to do; every conversion in
//! the crate goes through [`to_instant`] with an explicit rule, and no other code calls the
//! time zone's local-time lookup.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};
use chrono_tz::{GapInfo, Tz};

use super::Instant;
use crate::Error;

/// What a local time that is skipped (a gap) or repeated (a fold) by a DST change means.
///
/// | rule | gap (02:30 when 02:00 jumps to 03:00) | fold (01:30 when 02:00 falls back to 01:00) |
/// |---|---|---|
/// | [`Compatible`](Disambiguation::Compatible) | 03:30, the time shifted forward by the gap | the earlier 01:30 |
/// | [`Earlier`](Disambiguation::Earlier) | 01:30, the time shifted back by the gap | the earlier 01:30 |
/// | [`Later`](Disambiguation::Later) | 03:30 | the later 01:30 |
/// | [`Reject`](Disambiguation::Reject) | an error | an error |
/// | [`FirstReached`](Disambiguation::FirstReached) | 03:00, the end of the gap | the earlier 01:30 |
///
/// `Compatible` is the rule of RFC 5545 (iCalendar) and of JavaScript's Temporal, and the
/// default for naive times in records. `FirstReached` is the first instant at which a wall
/// clock in the zone shows the time or a later one; it never goes backwards as the local time
/// grows, which is what the boundaries of days and business hours need (a shop that opens at
/// 02:30 on a night when 02:00 jumps to 03:00 opens at 03:00).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use slacal::{to_instant, Disambiguation};
///
/// let zone: chrono_tz::Tz = "America/Los_Angeles".parse().unwrap();
/// // 2026-03-08 02:30 does not exist in Los Angeles: the clocks jump from 02:00 PST to 03:00 PDT.
/// let gap = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap().and_hms_opt(2, 30, 0).unwrap();
/// let compatible = to_instant(zone, gap, Disambiguation::Compatible)?;
/// assert_eq!(compatible.rfc3339(zone).to_string(), "2026-03-08T03:30:00-07:00");
/// let first = to_instant(zone, gap, Disambiguation::FirstReached)?;
/// assert_eq!(first.rfc3339(zone).to_string(), "2026-03-08T03:00:00-07:00");
/// assert!(to_instant(zone, gap, Disambiguation::Reject).is_err());
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Disambiguation {
    /// Gap: shift forward by the gap's length. Fold: the earlier instant. The default.
    #[default]
    Compatible,
    /// Gap: shift back by the gap's length. Fold: the earlier instant.
    Earlier,
    /// Gap: shift forward by the gap's length. Fold: the later instant.
    Later,
    /// Gap or fold: an error.
    Reject,
    /// The first instant at which the wall clock shows this time or a later one. Gap: the end
    /// of the gap. Fold: the earlier instant.
    FirstReached,
}

impl std::str::FromStr for Disambiguation {
    type Err = Error;

    fn from_str(text: &str) -> Result<Disambiguation, Error> {
        match text.replace('-', "_").as_str() {
            "compatible" => Ok(Disambiguation::Compatible),
            "earlier" => Ok(Disambiguation::Earlier),
            "later" => Ok(Disambiguation::Later),
            "reject" => Ok(Disambiguation::Reject),
            "first_reached" => Ok(Disambiguation::FirstReached),
            _ => Err(Error::input(format!(
                "unknown disambiguation `{text}` (expected compatible, earlier, later, reject or \
                 first_reached)"
            ))),
        }
    }
}

/// The instant a local (wall-clock) time in a zone names, with `rule` deciding gaps and folds.
///
/// # Errors
///
/// An input error when the local time is in a gap or a fold and the rule is
/// [`Disambiguation::Reject`], or when the result is outside the instants this crate
/// represents (years 0001 to 9999).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use slacal::{to_instant, Disambiguation};
///
/// let zone: chrono_tz::Tz = "America/Los_Angeles".parse().unwrap();
/// // 2026-11-01 01:30 happens twice in Los Angeles: first in PDT, then in PST.
/// let fold = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap().and_hms_opt(1, 30, 0).unwrap();
/// let earlier = to_instant(zone, fold, Disambiguation::Compatible)?;
/// let later = to_instant(zone, fold, Disambiguation::Later)?;
/// assert_eq!(earlier.rfc3339(zone).to_string(), "2026-11-01T01:30:00-07:00");
/// assert_eq!(later.rfc3339(zone).to_string(), "2026-11-01T01:30:00-08:00");
/// assert_eq!(later.unix_seconds() - earlier.unix_seconds(), 3600);
/// # Ok::<(), slacal::Error>(())
/// ```
pub fn to_instant(zone: Tz, local: NaiveDateTime, rule: Disambiguation) -> Result<Instant, Error> {
    // Offsets are whole seconds, so the fraction of a second is the local time's, except at
    // the end of a gap, which is a whole second.
    let nanos = i64::from(chrono::Timelike::nanosecond(&local));
    let local = if nanos == 0 {
        local
    } else {
        chrono::Timelike::with_nanosecond(&local, 0).unwrap_or(local)
    };
    let (seconds, nanos) = match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(time) => (time.timestamp(), nanos),
        chrono::LocalResult::Ambiguous(earlier, later) => match rule {
            Disambiguation::Later => (later.timestamp(), nanos),
            Disambiguation::Reject => {
                return Err(Error::input(format!(
                    "local time `{}` happens twice in {zone} (the clocks went back); give an \
                     offset to say which",
                    local.format("%Y-%m-%dT%H:%M:%S")
                )));
            }
            _ => (earlier.timestamp(), nanos),
        },
        chrono::LocalResult::None => match rule {
            Disambiguation::FirstReached => (gap_instant(zone, local, rule)?, 0),
            _ => (gap_instant(zone, local, rule)?, nanos),
        },
    };
    // Below a second, so it fits a u32.
    Instant::from_seconds_and_nanos(seconds, nanos as u32)
}

/// The instant of a local time that falls in a gap.
fn gap_instant(zone: Tz, local: NaiveDateTime, rule: Disambiguation) -> Result<i64, Error> {
    let gap = GapInfo::new(&local, &zone);
    let end = gap.as_ref().and_then(|gap| gap.end);
    let before = gap
        .as_ref()
        .and_then(|gap| gap.begin.as_ref().map(|(_, o)| *o));
    let local_seconds = local.and_utc().timestamp();
    let missing = || {
        Error::input(format!(
            "local time `{}` does not exist in {zone} (the clocks moved forward)",
            local.format("%Y-%m-%dT%H:%M:%S")
        ))
    };
    let (Some(end), Some(before)) = (end, before) else {
        return Err(missing());
    };
    let offset_before = i64::from(before.fix().local_minus_utc());
    let offset_after = i64::from(end.offset().fix().local_minus_utc());
    match rule {
        Disambiguation::Compatible | Disambiguation::Later => Ok(local_seconds - offset_before),
        Disambiguation::Earlier => Ok(local_seconds - offset_after),
        Disambiguation::FirstReached => Ok(end.timestamp()),
        Disambiguation::Reject => Err(missing()),
    }
}

/// The first instant of a local date in a zone (its local midnight, or the end of a gap that
/// swallows midnight).
pub(crate) fn start_of_day(zone: Tz, date: NaiveDate) -> Result<Instant, Error> {
    to_instant(
        zone,
        date.and_time(NaiveTime::MIN),
        Disambiguation::FirstReached,
    )
}

/// The UTC offset of a zone at an instant, in seconds east of UTC.
pub(crate) fn offset_at(zone: Tz, instant: Instant) -> i32 {
    zone.offset_from_utc_datetime(&instant.naive_utc())
        .fix()
        .local_minus_utc()
}

// The cache below is shared by the io layer and the schedule's local days (evaluation).

/// Slots of the per-thread cache of offsets.
const OFFSET_SLOTS: usize = 4096;

/// A slot of the cache: the zone and UTC day it holds (the zone in the high 32 bits, the day
/// in the low; [`NO_DAY`] for none) and the offset over that day.
type OffsetSlot = std::cell::Cell<(u64, i32)>;

/// The tag of an empty slot: no zone has number `u32::MAX`.
const NO_DAY: u64 = u64::MAX;

thread_local! {
    /// Offsets of days over which a zone's offset does not change: the instants of a record
    /// fall on a few days, and looking an offset up in the time zone database costs more than
    /// formatting the instant. Cells rather than a `RefCell`: a lookup is a load and a compare.
    static OFFSETS: [OffsetSlot; OFFSET_SLOTS] =
        const { [const { std::cell::Cell::new((NO_DAY, 0)) }; OFFSET_SLOTS] };
}

/// [`offset_at`] through a per-thread cache keyed by zone and UTC day, for the paths that
/// convert many instants (writing results, grouping records by local day). A day whose first
/// and last second have different offsets is never cached; like [`super::schedule`]'s table
/// of transitions, it takes two changes of offset less than a day apart to be missed, and the
/// time zone database has none since 1900.
#[inline]
pub(crate) fn offset_at_cached(zone: Tz, instant: Instant) -> i32 {
    let day = instant.unix_seconds().div_euclid(86_400);
    // Instants are within the years 0001..=9999: the day fits 32 bits, one to one.
    let tag = u64::from(zone as u32) << 32 | u64::from(day as i32 as u32);
    // A zone's days in consecutive slots from a place of its own (zones 613 slots apart):
    // the days a batch touches then share cache lines, where hashed slots each took a line
    // of their own and the lookups missed the first-level cache.
    let slot = (day as usize).wrapping_add((zone as usize).wrapping_mul(613)) % OFFSET_SLOTS;
    let (cached, offset) = OFFSETS.with(|cache| cache[slot].get());
    if cached == tag {
        return offset;
    }
    offset_missed(zone, instant, day, tag, slot)
}

/// [`offset_at_cached`] for a day not in the cache.
#[cold]
#[inline(never)]
fn offset_missed(zone: Tz, instant: Instant, day: i64, tag: u64, slot: usize) -> i32 {
    // The day's first and last seconds are instants too: instants are within the years
    // 0001..=9999, whole UTC days included.
    let start = offset_at(zone, Instant::from_secs_unchecked(day * 86_400));
    let end = offset_at(zone, Instant::from_secs_unchecked(day * 86_400 + 86_399));
    if start != end {
        // The offset changes that day: no caching.
        return offset_at(zone, instant);
    }
    OFFSETS.with(|cache| cache[slot].set((tag, start)));
    start
}

/// The local date of an instant in a zone, as a day number (days since 1970-01-01), through
/// the cache of [`offset_at_cached`].
#[allow(dead_code)]
pub(crate) fn local_day(zone: Tz, instant: Instant) -> i64 {
    (instant.unix_seconds() + i64::from(offset_at_cached(zone, instant))).div_euclid(86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cached_offset_is_the_offset_at_every_hour_of_dst_years() {
        for name in [
            "America/Los_Angeles",
            "Europe/London",
            "Australia/Lord_Howe",
            "Africa/Monrovia",
        ] {
            let zone: Tz = name.parse().unwrap();
            // 1970 to 1980 (Monrovia's offset of -00:44:30 changed in 1972), every 15 minutes,
            // twice (the second pass reads the cache).
            for _ in 0..2 {
                for quarter in 0..(11 * 366 * 96) {
                    let instant = Instant::from_secs_unchecked(quarter * 900);
                    assert_eq!(
                        offset_at_cached(zone, instant),
                        offset_at(zone, instant),
                        "{name}"
                    );
                }
            }
            let instant = Instant::from_secs_unchecked(1_785_000_000);
            assert_eq!(
                local_day(zone, instant),
                i64::from(crate::calendar::date32::from_naive(
                    instant.local_date(zone)
                ))
            );
        }
    }
}
