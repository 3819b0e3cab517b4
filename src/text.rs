//! Small text helpers of the hot paths.

/// `text` without leading and trailing white space, as [`str::trim`] gives it, with a fast
/// way for the usual field of an export: one that starts and ends with a visible ASCII
/// character is returned as it is after looking at two bytes.
#[inline]
pub(crate) fn trim(text: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_graphic());
    let bytes = text.as_bytes();
    if visible(bytes.first()) && visible(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

/// The pieces of `text` between the `separator`s, as [`str::split`] gives them, found with
/// [`memchr`] (faster than `split`'s searcher on the short fields of an export).
pub(crate) fn split(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    debug_assert!(
        separator.is_ascii(),
        "an ASCII separator keeps pieces on characters"
    );
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let text = rest?;
        match memchr::memchr(separator, text.as_bytes()) {
            // ASCII, so on a character boundary.
            Some(at) => {
                rest = text.get(at + 1..);
                text.get(..at)
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitting_is_what_str_split_does() {
        for text in [
            "",
            ";",
            "a",
            "a;b",
            ";a;",
            "a;;b",
            "é;ü;",
            ";;",
            "2026-01-01T00:00:00Z",
        ] {
            let ours: Vec<&str> = split(text, b';').collect();
            let theirs: Vec<&str> = text.split(';').collect();
            assert_eq!(ours, theirs, "{text:?}");
        }
    }

    #[test]
    fn trimming_is_what_str_trim_does() {
        let samples = [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\ta\n",
            "a b",
            "\u{a0}a",
            "a\u{2003}",
            "\u{3000}",
            "é",
            "aé",
            "éa",
            "\u{85}x\u{85}",
            "x\r",
            "\u{1680}a\u{1680}",
        ];
        for sample in samples {
            assert_eq!(trim(sample), sample.trim(), "{sample:?}");
        }
        // Every character below U+0800 around a letter, alone and on either side.
        for c in (0u32..0x800).filter_map(char::from_u32) {
            for text in [
                format!("{c}"),
                format!("{c}a"),
                format!("a{c}"),
                format!("{c}a{c}"),
            ] {
                assert_eq!(trim(&text), text.trim(), "{text:?}");
            }
        }
    }
}
