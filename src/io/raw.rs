//! An instant's text as written, kept in 32 bits next to the instant.
//!
//! Rejects show a value as it was written in the input. An unsorted event log is grouped in
//! memory with a few bytes per event, so it cannot keep every instant's text; but the text is
//! almost always the instant itself in some layout (`2026-11-20T09:00:00-08:00`,
//! `2026-11-20 17:00Z`, `2026-11-20T09:00:00.250+0530`), and the layout and the offset fit in
//! a word: [`encode`] gives that word when [`decode`] gives the text back exactly, and `None`
//! when it would not (the caller keeps the text itself then).

use chrono::{Datelike, Timelike};
use chrono_tz::Tz;

use crate::clock::Instant;

/// Bits of the layout word, from the lowest: the separator between date and time (2: `T`,
/// `t`, space), seconds written (1), fraction digits (4: 0 to 9), the fraction's mark (1: `.`
/// or `,`), the offset's form (3: none, a date alone, `Z`, `z`, `±HH:MM`, `±HHMM`), the
/// offset's sign (1) and its minutes (11: up to 23:59).
const SEPARATORS: [u8; 3] = [b'T', b't', b' '];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// A local time, read in the policy's input zone.
    Local = 0,
    /// A date alone: the first instant of that day in the input zone.
    Date = 1,
    UpperZ = 2,
    LowerZ = 3,
    Colon = 4,
    Plain = 5,
}

impl Form {
    fn from_bits(bits: u32) -> Option<Form> {
        Some(match bits {
            0 => Form::Local,
            1 => Form::Date,
            2 => Form::UpperZ,
            3 => Form::LowerZ,
            4 => Form::Colon,
            5 => Form::Plain,
            _ => return None,
        })
    }
}

/// The layout word of an instant's text, when [`decode`] gives that text back from the
/// instant; `zone` is the zone local times and dates were read in.
pub(crate) fn encode(text: &str, at: Instant, zone: Option<Tz>) -> Option<u32> {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    if b.len() < 10
        || !(0..10).all(|i| {
            if i == 4 || i == 7 {
                b[i] == b'-'
            } else {
                digit(i)
            }
        })
    {
        return None;
    }
    let (form, mut word) = if b.len() == 10 {
        (Form::Date, 0)
    } else {
        let separator = SEPARATORS.iter().position(|&s| s == b[10])? as u32;
        if !(digit(11) && digit(12) && b.get(13) == Some(&b':') && digit(14) && digit(15)) {
            return None;
        }
        let mut at_byte = 16;
        let mut word = separator;
        if b.get(16) == Some(&b':') {
            // A leap second, `:60`, is read as `:59` (see `Instant::parse`): no layout gives
            // its text back from the instant, so the text is kept.
            if !(digit(17) && digit(18)) || b[17..19] == *b"60" {
                return None;
            }
            word |= 1 << 2;
            at_byte = 19;
            if let Some(&mark) = b.get(19).filter(|&&m| m == b'.' || m == b',') {
                let count = b[20..].iter().take_while(|d| d.is_ascii_digit()).count();
                if !(1..=9).contains(&count) {
                    return None;
                }
                word |= (count as u32) << 3;
                word |= u32::from(mark == b',') << 7;
                at_byte = 20 + count;
            }
        }
        let rest = &b[at_byte..];
        let (form, minutes, negative) = match rest {
            [] => (Form::Local, 0, false),
            [b'Z'] => (Form::UpperZ, 0, false),
            [b'z'] => (Form::LowerZ, 0, false),
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                (Form::Colon, minutes_of(*h1, *h2, *m1, *m2)?, *sign == b'-')
            }
            [sign @ (b'+' | b'-'), h1, h2, m1, m2] => {
                (Form::Plain, minutes_of(*h1, *h2, *m1, *m2)?, *sign == b'-')
            }
            _ => return None,
        };
        word |= u32::from(negative) << 11;
        word |= minutes << 12;
        (form, word)
    };
    word |= (form as u32) << 8;
    // Texts with an offset come back exactly (the parse and the layout are each other's
    // inverse); local times and dates depend on the zone's rules, so check them.
    match form {
        Form::Local | Form::Date => (decode(word, at, zone) == text).then_some(word),
        _ => Some(word),
    }
}

fn minutes_of(h1: u8, h2: u8, m1: u8, m2: u8) -> Option<u32> {
    let two = |a: u8, b: u8| {
        (a.is_ascii_digit() && b.is_ascii_digit())
            .then(|| u32::from(a - b'0') * 10 + u32::from(b - b'0'))
    };
    let (hours, minutes) = (two(h1, h2)?, two(m1, m2)?);
    (hours <= 23 && minutes <= 59).then_some(hours * 60 + minutes)
}

/// The text of an instant in the layout of a word from [`encode`].
pub(crate) fn decode(word: u32, at: Instant, zone: Option<Tz>) -> String {
    let form = Form::from_bits(word >> 8 & 0b111).unwrap_or(Form::Colon);
    let negative = word >> 11 & 1 == 1;
    let minutes = i64::from(word >> 12 & 0x7ff);
    let offset_seconds = if negative {
        -minutes * 60
    } else {
        minutes * 60
    };
    let local = match form {
        Form::Local | Form::Date => at.in_zone(zone.unwrap_or(Tz::UTC)).naive_local(),
        _ => at.in_zone(Tz::UTC).naive_utc() + chrono::TimeDelta::seconds(offset_seconds),
    };
    let mut text = format!(
        "{:04}-{:02}-{:02}",
        local.year(),
        local.month(),
        local.day()
    );
    if form == Form::Date {
        return text;
    }
    let separator = SEPARATORS[(word & 0b11) as usize % SEPARATORS.len()];
    text.push(char::from(separator));
    text.push_str(&format!("{:02}:{:02}", local.hour(), local.minute()));
    if word >> 2 & 1 == 1 {
        text.push_str(&format!(":{:02}", local.second()));
        let digits = (word >> 3 & 0b1111) as usize;
        if digits > 0 {
            text.push(if word >> 7 & 1 == 1 { ',' } else { '.' });
            let nanos = format!("{:09}", at.subsec_nanos());
            text.push_str(&nanos[..digits.min(9)]);
        }
    }
    let sign = if negative { '-' } else { '+' };
    let (hours, minutes) = (minutes / 60, minutes % 60);
    match form {
        Form::UpperZ => text.push('Z'),
        Form::LowerZ => text.push('z'),
        Form::Colon => text.push_str(&format!("{sign}{hours:02}:{minutes:02}")),
        Form::Plain => text.push_str(&format!("{sign}{hours:02}{minutes:02}")),
        Form::Local | Form::Date => {}
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Disambiguation;

    #[test]
    fn instants_in_the_usual_layouts_come_back_as_written() {
        let zone: Tz = "America/Los_Angeles".parse().unwrap();
        for text in [
            "2026-11-20T09:00:00-08:00",
            "2026-11-20T17:00:00Z",
            "2026-11-20t17:00:00z",
            "2026-11-20 09:00-08:00",
            "2026-11-20T22:30:00.250+0530",
            "2026-11-20T17:00:00,5Z",
            "2026-11-20T17:00:00.000000001Z",
            "1950-11-20T17:00:00-00:00",
            "2026-11-20T09:00:00+14:00",
            "2026-11-20 09:00:00",
            "2026-11-20T09:00",
            "2026-11-20",
        ] {
            let at = Instant::parse_in(text, zone, Disambiguation::Compatible).unwrap();
            let word = encode(text, at, Some(zone)).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(decode(word, at, Some(zone)), text);
        }
    }

    #[test]
    fn texts_that_would_not_come_back_have_no_word() {
        let zone: Tz = "America/Los_Angeles".parse().unwrap();
        let rule = Disambiguation::Compatible;
        for text in [
            // More than nine digits, in a DST gap (02:30 becomes 03:30), surrounding space.
            "2026-11-20T17:00:00.0000000000Z",
            "2026-03-08 02:30",
            "2026-11-20T17:00:00Z ",
            // A leap second (read as 23:59:59), with and without a fraction.
            "2016-12-31T23:59:60Z",
            "2017-01-01T00:59:60.5+01:00",
        ] {
            let at = Instant::parse_in(text, zone, rule).unwrap();
            assert_eq!(encode(text, at, Some(zone)), None, "{text}");
        }
    }
}
