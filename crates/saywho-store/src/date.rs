//! Publication dates as they come (HTML metadata gives `YYYY-MM-DD`, JSONL anything) turned
//! into `YYYY-MM-DD` for date filters and months; what cannot be read is left out of them.

/// The `YYYY-MM-DD` form of a date, or `None` when it is missing, malformed or not a real day.
///
/// Read: ISO 8601 dates and timestamps (`2024-03-05`, `2024-03-05T10:00:00Z`, `2024-3-5`),
/// with `/` or `.` between the parts (`2024/03/05`), and the day-first or month-first forms
/// with an English month name (`5 March 2024`, `Tue, 05 Mar 2024 10:00:00 GMT`,
/// `March 5, 2024`). Numeric day-month orders (`05/03/2024`) are ambiguous and not read.
///
/// ```
/// use saywho_store::normalize_date;
/// assert_eq!(normalize_date("2024-03-05T10:00:00Z").as_deref(), Some("2024-03-05"));
/// assert_eq!(normalize_date("Tue, 5 Mar 2024 10:00:00 GMT").as_deref(), Some("2024-03-05"));
/// assert_eq!(normalize_date("March 5, 2024").as_deref(), Some("2024-03-05"));
/// assert_eq!(normalize_date("2023-02-29"), None); // not a leap year
/// assert_eq!(normalize_date("yesterday"), None);
/// ```
pub fn normalize_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let (y, m, d) = iso(raw).or_else(|| with_month_name(raw))?;
    valid(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// `YYYY-MM-DD…` with `-`, `/` or `.` between the parts; anything after the day must start
/// with a non-digit (`T10:00`, ` 10:00`).
fn iso(s: &str) -> Option<(u32, u32, u32)> {
    let year: String = s.chars().take_while(char::is_ascii_digit).collect();
    if year.len() != 4 {
        return None;
    }
    let rest = &s[4..];
    let sep = rest.chars().next().filter(|c| matches!(c, '-' | '/' | '.'))?;
    let (month, tail) = rest[1..].split_once(sep)?;
    let day: String = tail.chars().take_while(char::is_ascii_digit).collect();
    if !(1..=2).contains(&month.len()) || !(1..=2).contains(&day.len()) {
        return None;
    }
    Some((year.parse().ok()?, month.parse().ok()?, day.parse().ok()?))
}

/// `5 March 2024`, `Tue, 05 Mar 2024 …`, `March 5, 2024`: words split on spaces and commas,
/// one of them a month name, a 4-digit year and a 1–2 digit day among the others.
fn with_month_name(s: &str) -> Option<(u32, u32, u32)> {
    let words: Vec<&str> = s.split([' ', ',']).filter(|w| !w.is_empty()).take(5).collect();
    let month_at = words.iter().position(|w| month(w).is_some())?;
    let m = month(words[month_at])?;
    let numbers = |len: std::ops::RangeInclusive<usize>| {
        words
            .iter()
            .map(|w| w.trim_end_matches(['.', 't', 'h', 's', 'n', 'd', 'r']))
            .find(|w| len.contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit()))
            .and_then(|w| w.parse::<u32>().ok())
    };
    Some((numbers(4..=4)?, m, numbers(1..=2)?))
}

fn month(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    // "Sept" is the one abbreviation longer than three letters in common use.
    let w = if w == "sept" { "sep".to_string() } else { w };
    NAMES.iter().position(|name| name.starts_with(&w)).map(|i| i as u32 + 1)
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1000..=9999).contains(&y) && (1..=days).contains(&d)
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
            ("5 March 2024", Some("2024-03-05")),
            ("5th March 2024", Some("2024-03-05")),
            ("Sept 30, 2023", Some("2023-09-30")),
            ("Tue, 05 Mar 2024 10:00:00 GMT", Some("2024-03-05")),
            ("2024-02-29", Some("2024-02-29")),
            ("2023-02-29", None),
            ("2024-13-01", None),
            ("2024-00-10", None),
            ("2024-03", None),
            ("20240305", None),
            ("05/03/2024", None),
            ("March 2024", None),
            ("", None),
            ("not a date", None),
            ("2024-03-05x", Some("2024-03-05")),
            ("2024-03-051", None),
        ];
        for &(raw, want) in cases {
            assert_eq!(normalize_date(raw).as_deref(), want, "{raw:?}");
        }
    }
}
