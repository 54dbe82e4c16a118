//! Publication dates, read one way wherever they come from: an HTML page's meta tags, JSON-LD
//! and `<time>` elements, a dateline, the `date` field of JSONL input, the store's date
//! filters. The same value gives the same `YYYY-MM-DD` everywhere, or nothing.
//!
//! Read: dates in digits, year first (ISO 8601 `2024-03-05`, also with `/` or `.` and one-digit
//! parts, `2024-03-05T10:00:00Z`, and the basic form `20240305`), and dates with a month name,
//! day first or month first (`5 March 2024`, `5th March 2024`, `Tue, 05 Mar 2024 10:00:00 GMT`,
//! `March 5, 2024`, `Sept. 30, 2023`). Not read: day-first or month-first dates in digits
//! (`05/03/2024` is March or May depending on the country), a month without a day, a day that
//! does not exist (`2023-02-29`), a year that is not four digits.

/// Month names and abbreviations with their numbers (English), from `lexicons/en/months.tsv`.
const MONTHS: &str = include_str!("../lexicons/en/months.tsv");

/// Endings of ordinal day numbers (English: `5th`, `21st`), from `lexicons/en/day_endings.tsv`.
const DAY_ENDINGS: &str = include_str!("../lexicons/en/day_endings.tsv");

/// The `YYYY-MM-DD` form of a date value, or `None` when it holds no date this module reads:
/// a date in digits at its start, else the first date with a month name in it.
///
/// ```
/// use saywho_record::date::normalize_date;
/// assert_eq!(normalize_date("2024-03-05T10:00:00Z").as_deref(), Some("2024-03-05"));
/// assert_eq!(normalize_date("Tue, 5 Mar 2024 10:00:00 GMT").as_deref(), Some("2024-03-05"));
/// assert_eq!(normalize_date("March 5, 2024").as_deref(), Some("2024-03-05"));
/// assert_eq!(normalize_date("2023-02-29"), None); // not a leap year
/// assert_eq!(normalize_date("yesterday"), None);
/// ```
pub fn normalize_date(value: &str) -> Option<String> {
    numeric_date(value).or_else(|| written_date(value))
}

/// A date in digits, year first, at the start of `value` (leading and trailing space
/// ignored): `YYYY-MM-DD` with `-`, `/` or `.` (the same twice) and one- or two-digit month
/// and day, or `YYYYMMDD`; what follows must not be a digit (`T10:00` may follow, but
/// `1554336000`, a timestamp, is no date).
///
/// ```
/// use saywho_record::date::numeric_date;
/// assert_eq!(numeric_date("2019/3/4 10:00").as_deref(), Some("2019-03-04"));
/// assert_eq!(numeric_date("20190304").as_deref(), Some("2019-03-04"));
/// assert_eq!(numeric_date("March 4, 2019"), None);
/// ```
pub fn numeric_date(value: &str) -> Option<String> {
    let v = value.trim().as_bytes();
    let digits_at = |from: usize| {
        v.get(from..)
            .map_or(0, |s| s.iter().take_while(|b| b.is_ascii_digit()).count())
    };
    let number = |from: usize, len: usize| {
        v[from..from + len]
            .iter()
            .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
    };
    let (year, month, day) = match digits_at(0) {
        8 => (number(0, 4), number(4, 2), number(6, 2)),
        4 => {
            let separator = v.get(4).filter(|b| matches!(b, b'-' | b'/' | b'.'))?;
            let month_len = digits_at(5);
            if !(1..=2).contains(&month_len) || v.get(5 + month_len) != Some(separator) {
                return None;
            }
            let day_at = 6 + month_len;
            let day_len = digits_at(day_at);
            if !(1..=2).contains(&day_len) {
                return None;
            }
            (number(0, 4), number(5, month_len), number(day_at, day_len))
        }
        _ => return None,
    };
    formatted(year, month, day)
}

/// The first date written with a month name in `text`, day first or month first ("March 3,
/// 2019", "3 Sept. 2019", "5th March 2024", "November 19, 2019, 07:47 PM EST"): three words in
/// a row, split at spaces, commas and parentheses.
///
/// ```
/// use saywho_record::date::written_date;
/// assert_eq!(written_date("LONDON, 3 Sept. 2019 (Reuters)").as_deref(), Some("2019-09-03"));
/// assert_eq!(written_date("in March 2019"), None);
/// ```
pub fn written_date(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.'))
        .collect();
    words.windows(3).find_map(|w| {
        let (month, day) = match (
            month_number(w[0]),
            day_number(w[1]),
            day_number(w[0]),
            month_number(w[1]),
        ) {
            (Some(m), Some(d), _, _) | (_, _, Some(d), Some(m)) => (m, d),
            _ => return None,
        };
        let year = w[2];
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        formatted(year.parse().ok()?, month, day)
    })
}

/// Whether the day exists in the calendar, with a four-digit year.
///
/// ```
/// assert!(saywho_record::date::is_real_day(2024, 2, 29));
/// assert!(!saywho_record::date::is_real_day(2100, 2, 29));
/// ```
pub fn is_real_day(year: u32, month: u32, day: u32) -> bool {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1000..=9999).contains(&year) && (1..=days).contains(&day)
}

fn formatted(year: u32, month: u32, day: u32) -> Option<String> {
    is_real_day(year, month, day).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The number of a month name or abbreviation, any case, a trailing "." already removed.
fn month_number(word: &str) -> Option<u32> {
    MONTHS
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case(word))
        .and_then(|(_, number)| number.trim().parse().ok())
}

/// A day of the month, in one or two digits, maybe with an ordinal ending (`5`, `05`, `5th`,
/// `21st`).
fn day_number(word: &str) -> Option<u32> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let ending = &word[digits..];
    let ordinal = ending.is_empty()
        || DAY_ENDINGS
            .lines()
            .filter(|line| !line.starts_with('#'))
            .any(|e| e.trim().eq_ignore_ascii_case(ending));
    if !(1..=2).contains(&digits) || !ordinal {
        return None;
    }
    word[..digits].parse().ok().filter(|d| (1..=31).contains(d))
}

#[cfg(test)]
mod tests {
    use super::normalize_date;

    #[test]
    fn dates_in_many_forms_and_the_ones_refused() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2024-03-05", Some("2024-03-05")),
            (" 2024-3-5 ", Some("2024-03-05")),
            ("2024/03/05 10:00", Some("2024-03-05")),
            ("2024.03.05", Some("2024-03-05")),
            ("2024-03-05T23:59:59+02:00", Some("2024-03-05")),
            ("20240305", Some("2024-03-05")),
            ("5 March 2024", Some("2024-03-05")),
            ("5th March 2024", Some("2024-03-05")),
            ("Sept 30, 2023", Some("2023-09-30")),
            ("Sept. 30, 2023", Some("2023-09-30")),
            ("Tue, 05 Mar 2024 10:00:00 GMT", Some("2024-03-05")),
            ("November 19, 2019, 07:47 PM EST", Some("2019-11-19")),
            ("Updated on March 5, 2024 by the desk", Some("2024-03-05")),
            ("2024-02-29", Some("2024-02-29")),
            ("2000-02-29", Some("2000-02-29")),
            ("2023-02-29", None),
            ("2100-02-29", None),
            ("2024-13-01", None),
            ("2024-00-10", None),
            ("2024-03", None),
            ("2024-03/05", None),
            ("1554336000", None),
            ("202403051", None),
            ("05/03/2024", None),
            ("March 2024", None),
            ("32 March 2024", None),
            ("5xx March 2024", None),
            ("March 5, 24", None),
            ("", None),
            ("not a date", None),
            ("2024-03-05x", Some("2024-03-05")),
            ("2024-03-051", None),
            ("0001-01-01", None),
        ];
        for &(raw, want) in cases {
            assert_eq!(normalize_date(raw).as_deref(), want, "{raw:?}");
        }
    }
}
