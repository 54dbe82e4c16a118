//! A dateline: the place and date that open a news article ("WASHINGTON, March 3, 2019
//! (Reuters) — …", "3 March 2019 - …", "2019-03-03: …"). Only the head of the article's first
//! line is read, up to the dash or colon that ends the dateline, so a year or a date in the
//! prose is never taken for the article's date.

use saywho_record::date::{numeric_date, written_date};

/// Longest dateline read, in characters, before its closing dash or colon.
const DATELINE_CHARS: usize = 80;

/// Characters that end a dateline.
const SEPARATORS: &[char] = &['—', '–', '-', ':', '|'];

/// Lines of the article searched for its dateline: the headline, a standfirst, the first
/// paragraph.
const DATELINE_LINES: usize = 3;

/// The date of the dateline that opens `text` (one of its first [`DATELINE_LINES`] lines, the
/// headline coming first), as `YYYY-MM-DD`.
pub(crate) fn dateline(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(DATELINE_LINES)
        .find_map(line_date)
}

/// The date of a dateline at the start of `line`.
fn line_date(line: &str) -> Option<String> {
    // The head up to the first separator that stands apart (" - ", " — ", ": "); a hyphen
    // inside a word or a date ("2019-03-03") does not end it.
    let head = head_of(line)?;
    if let Some(date) = head.split_whitespace().find_map(|w| {
        let w = w.trim_matches(|c: char| !c.is_ascii_digit());
        (w.len() == 10).then(|| numeric_date(w)).flatten()
    }) {
        return Some(date);
    }
    written_date(head)
}

/// The start of `line` up to its first free-standing separator, when that comes within
/// [`DATELINE_CHARS`] characters.
fn head_of(line: &str) -> Option<&str> {
    let chars: Vec<(usize, char)> = line.char_indices().take(DATELINE_CHARS + 1).collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !SEPARATORS.contains(&c) {
            continue;
        }
        let before = k.checked_sub(1).map(|j| chars[j].1);
        let after = chars.get(k + 1).map(|&(_, c)| c);
        let spaced_before = before.is_some_and(char::is_whitespace) || c == ':' || c == '—';
        if spaced_before && after.is_none_or(char::is_whitespace) && i > 0 {
            return Some(&line[..i]);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_open_the_article_and_end_with_a_dash_or_colon() {
        let cases = [
            (
                "WASHINGTON, March 3, 2019 (Reuters) - The Senate voted.",
                Some("2019-03-03"),
            ),
            ("LONDON, 3 Sept. 2018 — Ministers met.", Some("2018-09-03")),
            ("Jan. 15, 2020: The storm passed.\nMore.", Some("2020-01-15")),
            ("\n  2017-06-01 — Paris — The accord.", Some("2017-06-01")),
            ("Updated May 2, 2021 | The mayor said so.", Some("2021-05-02")),
            // Prose: no dateline, whatever the first line holds.
            ("Its 2003 performance was its best - fans said.", None),
            ("The team, which won on March 3, 2019, lost again on Sunday.", None),
            (
                "On March 3, 2019 the council met and, after a long debate about the budget, voted - narrowly.",
                None,
            ),
            ("LONDON, Feb 30, 2019 - Nothing.", None),
            ("", None),
            // After the headline and a standfirst; not further down.
            (
                "Storm hits\nA long night.\nLONDON, 3 March 2019 - Winds rose.",
                Some("2019-03-03"),
            ),
            ("A\nB\nC\nLONDON, 3 March 2019 - Winds rose.", None),
        ];
        for (text, expected) in cases {
            assert_eq!(dateline(text).as_deref(), expected, "{text}");
        }
    }
}
