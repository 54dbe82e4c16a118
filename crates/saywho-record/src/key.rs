//! The cross-document key of an entity: one spelling for one name, whatever the article's
//! casing, accents, punctuation or spacing.

/// The normalised key of a name: lower case, Latin accents folded, apostrophes and periods
/// dropped, every other run of non-alphanumeric characters one `-`.
///
/// Two articles that write "John Legend" and "JOHN  LEGEND" give one key; "Díaz" and "Diaz"
/// too, and "O'Brien" and "OBrien". It is a key for counting, not an identity: two people of
/// one name share it. An empty result (a name of punctuation only) is `None`.
///
/// ```
/// use saywho_record::entity_key;
/// assert_eq!(entity_key("John Legend").as_deref(), Some("john-legend"));
/// assert_eq!(entity_key("J.K. Rowling").as_deref(), Some("jk-rowling"));
/// assert_eq!(entity_key("Ségolène Royal"), entity_key("Segolene Royal"));
/// assert_eq!(entity_key("Dan O’Brien"), entity_key("Dan O'Brien"));
/// assert_eq!(entity_key("Jean-Luc  Picard").as_deref(), Some("jean-luc-picard"));
/// assert_eq!(entity_key("“”"), None);
/// ```
pub fn entity_key(name: &str) -> Option<String> {
    let mut key = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.chars() {
        // ASCII, most names: as below, without the tables of accents and of lower case.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                if gap {
                    key.push('-');
                    gap = false;
                }
                key.push(c.to_ascii_lowercase());
            } else if !matches!(c, '\'' | '.') {
                gap = !key.is_empty();
            }
            continue;
        }
        // Apostrophes and periods join: "O'Brien", "J.K.", "St.".
        if matches!(c, '\'' | '’' | '‘' | 'ʼ' | '.') {
            continue;
        }
        if !c.is_alphanumeric() {
            gap = !key.is_empty();
            continue;
        }
        if gap {
            key.push('-');
            gap = false;
        }
        match fold_latin(c) {
            Some(folded) => key.push_str(folded),
            None => key.extend(c.to_lowercase()),
        }
    }
    (!key.is_empty()).then_some(key)
}

/// The lower-case ASCII spelling of an accented Latin letter, as a reader of the name would
/// type it without accents. Unicode's decompositions (NFKD) would give the same for most; a
/// table keeps the crate free of the Unicode tables it would need.
fn fold_latin(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' | 'Č' | 'č' => "c",
        'Ď' | 'ď' | 'Đ' | 'đ' | 'Ð' | 'ð' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ĕ' | 'ĕ' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => "e",
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' => "g",
        'Ĥ' | 'ĥ' | 'Ħ' | 'ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ' | 'ĩ' | 'Ī' | 'ī' | 'Ĭ' | 'ĭ' | 'Į' | 'į' | 'İ' | 'ı' => "i",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ŀ' | 'ŀ' | 'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ŏ' | 'ŏ' | 'Ő' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' | 'Ș' | 'ș' => "s",
        'ß' => "ss",
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ŧ' | 'ŧ' | 'Ț' | 'ț' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ' | 'ũ' | 'Ū' | 'ū' | 'Ŭ' | 'ŭ' | 'Ů' | 'ů' | 'Ű' | 'ű' | 'Ų' | 'ų' => {
            "u"
        }
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' | 'Ŷ' | 'ŷ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::entity_key;

    #[test]
    fn one_key_for_one_name_however_written() {
        let cases: &[(&str, Option<&str>)] = &[
            ("John Legend", Some("john-legend")),
            ("  john   LEGEND ", Some("john-legend")),
            ("Chrissy Teigen", Some("chrissy-teigen")),
            ("CBC News", Some("cbc-news")),
            ("Dr. Theresa Tam", Some("dr-theresa-tam")),
            ("François Legault", Some("francois-legault")),
            ("Łukasz Żak", Some("lukasz-zak")),
            ("Müller-Lüdenscheidt", Some("muller-ludenscheidt")),
            ("习近平", Some("习近平")),
            ("Владимир Путин", Some("владимир-путин")),
            ("", None),
            ("—", None),
        ];
        for &(name, want) in cases {
            assert_eq!(entity_key(name).as_deref(), want, "{name:?}");
        }
    }
}
