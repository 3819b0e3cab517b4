//! What the crate's TOML files (holiday files, policies) share: positions in the text, time
//! zone names, plain dates, and tables keyed by weekday.

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

use chrono::{NaiveDate, Weekday};
use chrono_tz::Tz;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use toml::value::Datetime;

use crate::Error;

/// Where a byte offset of a text is, as `line:column` (both from 1; the column counts
/// characters).
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// An IANA time zone by name.
///
/// # Errors
///
/// A data error for a name the time zone database does not know.
pub(crate) fn parse_zone(name: &str) -> Result<Tz, Error> {
    name.parse::<Tz>().map_err(|_| {
        Error::data(format!(
            "unknown time zone `{name}` (expected an IANA name such as `America/Los_Angeles`)"
        ))
    })
}

/// The date of a TOML value that is a plain date (`2026-11-26`: no time, no offset).
///
/// # Errors
///
/// A data error for a value with a time or an offset, or a date chrono cannot represent.
pub(crate) fn to_date(value: &Datetime) -> Result<NaiveDate, Error> {
    match (value.date, value.time, value.offset) {
        (Some(date), None, None) => NaiveDate::from_ymd_opt(
            i32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
        )
        .ok_or_else(|| Error::data(format!("`{value}` is not a date"))),
        _ => Err(Error::data(format!(
            "`{value}` is not a plain date (write it as YYYY-MM-DD, without a time)"
        ))),
    }
}

/// The weekdays as the files name them, Monday first.
pub(crate) const WEEKDAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The short lowercase name of a weekday, as in holiday and policy files: `mon` … `sun`.
pub(crate) fn weekday_key(weekday: Weekday) -> &'static str {
    WEEKDAY_KEYS[weekday.num_days_from_monday() as usize]
}

/// One value per weekday, Monday first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct PerWeekday<T>(pub(crate) [T; 7]);

impl<T> PerWeekday<T> {
    /// The value of each weekday from a function of it.
    pub(crate) fn from_fn(mut value: impl FnMut(Weekday) -> T) -> PerWeekday<T> {
        PerWeekday(std::array::from_fn(|index| {
            // `index` is below 7.
            value(Weekday::try_from(index as u8).unwrap_or(Weekday::Mon))
        }))
    }

    /// Each weekday with its value, Monday first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (Weekday, &T)> {
        self.0
            .iter()
            .enumerate()
            // `index` is below 7.
            .map(|(index, value)| {
                (
                    Weekday::try_from(index as u8).unwrap_or(Weekday::Mon),
                    value,
                )
            })
    }
}

impl<T> Index<Weekday> for PerWeekday<T> {
    type Output = T;

    fn index(&self, weekday: Weekday) -> &T {
        &self.0[weekday.num_days_from_monday() as usize]
    }
}

impl<T> IndexMut<Weekday> for PerWeekday<T> {
    fn index_mut(&mut self, weekday: Weekday) -> &mut T {
        &mut self.0[weekday.num_days_from_monday() as usize]
    }
}

/// The key a [`WeekdayTable`] takes besides the weekdays, if any.
pub(crate) trait ExtraKey {
    /// The extra key (`overlap`, `weekdays`), or none.
    const NAME: Option<&'static str>;
    /// Every key the table takes, for the message about an unknown one.
    const KEYS: &'static [&'static str];
}

/// A table of weekdays only: `{ sat = "previous", sun = "next" }`.
pub(crate) struct NoExtra;

impl ExtraKey for NoExtra {
    const NAME: Option<&'static str> = None;
    const KEYS: &'static [&'static str] = &WEEKDAY_KEYS;
}

/// A table of the files keyed by weekday, each key optional (`{ sat = "previous", sun =
/// "next" }`), with at most one other key of the same kind of value (an observed rule's
/// `overlap`, business hours' `weekdays`). Unknown and repeated keys are errors, as for the
/// files' other tables.
pub(crate) struct WeekdayTable<T, K = NoExtra> {
    /// The value given for each weekday.
    pub(crate) days: PerWeekday<Option<T>>,
    /// The value of the extra key, when given.
    pub(crate) extra: Option<T>,
    key: PhantomData<K>,
}

impl<'de, T: Deserialize<'de>, K: ExtraKey> Deserialize<'de> for WeekdayTable<T, K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TableVisitor<T, K>(PhantomData<(T, K)>);

        impl<'de, T: Deserialize<'de>, K: ExtraKey> Visitor<'de> for TableVisitor<T, K> {
            type Value = WeekdayTable<T, K>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table keyed by weekday (`mon` ... `sun`)")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut table = WeekdayTable {
                    days: PerWeekday::from_fn(|_| None),
                    extra: None,
                    key: PhantomData,
                };
                while let Some(key) = map.next_key::<String>()? {
                    let slot = match WEEKDAY_KEYS.iter().position(|name| *name == key) {
                        Some(index) => &mut table.days.0[index],
                        None if K::NAME == Some(key.as_str()) => &mut table.extra,
                        None => return Err(de::Error::unknown_field(&key, K::KEYS)),
                    };
                    if slot.is_some() {
                        return Err(de::Error::custom(format!("duplicate key `{key}`")));
                    }
                    *slot = Some(map.next_value()?);
                }
                Ok(table)
            }
        }

        deserializer.deserialize_map(TableVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Overlap;

    impl ExtraKey for Overlap {
        const NAME: Option<&'static str> = Some("overlap");
        const KEYS: &'static [&'static str] =
            &["mon", "tue", "wed", "thu", "fri", "sat", "sun", "overlap"];
    }

    #[derive(serde::Deserialize)]
    struct File {
        moves: WeekdayTable<i32>,
        observed: WeekdayTable<String, Overlap>,
    }

    #[test]
    fn a_weekday_table_reads_its_keys_and_refuses_others() {
        let file: File = toml::from_str(
            "moves = { fri = -1, sat = -2 }\nobserved = { sun = \"next\", overlap = \"next\" }\n",
        )
        .unwrap();
        assert_eq!(
            file.moves.days.0,
            [None, None, None, None, Some(-1), Some(-2), None]
        );
        assert_eq!(file.moves.days[Weekday::Sat], Some(-2));
        assert_eq!(file.observed.days[Weekday::Sun].as_deref(), Some("next"));
        assert_eq!(file.observed.extra.as_deref(), Some("next"));

        let Err(err) = toml::from_str::<File>("moves = { fri = -1, overlap = 2 }\nobserved = {}\n")
        else {
            panic!("an unknown key is an error");
        };
        assert!(
            err.message()
                .starts_with("unknown field `overlap`, expected one of `mon`, `tue`"),
            "{err}"
        );
        let (line, column) = line_column("moves = {}\nx", 11);
        assert_eq!((line, column), (2, 1));
    }

    #[test]
    fn dates_and_zones_are_data_errors_when_wrong() {
        let date: Datetime = "2026-11-26".parse().unwrap();
        assert_eq!(to_date(&date).unwrap().to_string(), "2026-11-26");
        let time: Datetime = "2026-11-26T10:00:00".parse().unwrap();
        assert!(to_date(&time).unwrap_err().is_data());
        assert!(parse_zone("Mars/Olympus").unwrap_err().is_data());
        assert_eq!(weekday_key(Weekday::Sun), "sun");
        let per = PerWeekday::from_fn(weekday_key);
        assert_eq!(
            per.iter().map(|(_, k)| *k).collect::<Vec<_>>(),
            WEEKDAY_KEYS
        );
    }
}
