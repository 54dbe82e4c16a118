#![cfg(feature = "html")]
//! HTML pages in other charsets and languages, and where a page's date comes from. The
//! fixtures were written for these tests.

mod common;

use saywho_io::DateSource;

/// A page, the charset its HTTP header declares (if any), and words its text must hold.
struct Charset {
    file: &'static str,
    header: Option<&'static str>,
    kept: &'static [&'static str],
    title: &'static str,
}

const CHARSETS: &[Charset] = &[
    // windows-1251, declared by <meta http-equiv>.
    Charset {
        file: "russian_cp1251.html",
        header: None,
        kept: &[
            "Городской совет в понедельник",
            "сказала председатель совета Анна Петрова",
        ],
        title: "Совет утвердил новый мост",
    },
    // KOI8-R declared only by the HTTP header, in another case than usual.
    Charset {
        file: "russian_koi8r_undeclared.html",
        header: Some("KOI8-R"),
        kept: &["Строительство начнётся весной"],
        title: "Совет утвердил новый мост",
    },
    // Shift_JIS, declared by <meta charset>; Japanese has no spaces between words.
    Charset {
        file: "japanese_sjis.html",
        header: None,
        kept: &["市議会は月曜日", "長く待たれていた決定だ"],
        title: "市議会が新しい橋を承認",
    },
    // ISO-8859-1, declared by an upper-case <META HTTP-EQUIV>.
    Charset {
        file: "french_latin1.html",
        header: None,
        kept: &["a déclaré la présidente Hélène Durand", "selon la mairie."],
        title: "Le conseil approuve le pont",
    },
];

#[test]
fn pages_in_other_charsets_and_languages_give_their_text() {
    for case in CHARSETS {
        let page = common::fixture(case.file);
        assert!(std::str::from_utf8(&page).is_err(), "{} must not be UTF-8", case.file);
        let article = saywho_io::extract_article(&page, case.header, Default::default(), case.file, case.file)
            .unwrap_or_else(|e| panic!("{}: {e}", case.file));
        for kept in case.kept {
            assert!(
                article.text.contains(kept),
                "{}: lost {kept:?} in {:?}",
                case.file,
                article.text
            );
        }
        assert!(!article.text.contains('\u{fffd}'), "{}: {:?}", case.file, article.text);
        assert_eq!(article.meta.title.as_deref(), Some(case.title), "{}", case.file);
        // The engine runs on it without failing.
        saywho::Engine::new()
            .extract(case.file, &article.text)
            .unwrap_or_else(|e| panic!("{}: {e}", case.file));
    }
}

#[test]
fn a_warc_response_header_gives_the_charset() {
    let dir = common::TempDir::new("warc-charset");
    let page = common::fixture("russian_koi8r_undeclared.html");
    let record = common::response("https://news.example/ru", "r1", "text/html; Charset=KOI8-R", &page);
    let [plain, _] = common::plain_and_gzipped(&dir, "ru.warc", &[record]);
    let (summary, out, errors) = common::run(&dir, &[plain], None, &common::jsonl_options(1));
    assert_eq!(summary.failed, 0, "{errors}");
    let lines = common::json_lines(&out);
    let text = lines[0]["text"].as_str().expect("text");
    assert!(text.contains("Строительство начнётся весной"), "{text}");
}

#[test]
fn a_date_comes_from_metadata_or_a_dateline_never_from_prose() {
    let cases: &[(&str, Option<&str>, Option<DateSource>)] = &[
        ("harbour.html", Some("2025-03-14"), Some(DateSource::Metadata)),
        ("orchard.html", Some("2024-09-02"), Some(DateSource::Metadata)),
        ("dateline.html", Some("2019-03-03"), Some(DateSource::Dateline)),
        // "its 2003 performance, when it won the league on 2003-05-04": prose, not a date.
        ("year_in_prose.html", None, None),
    ];
    for (file, date, source) in cases {
        let page = common::fixture(file);
        let article = saywho_io::extract_article(&page, None, Default::default(), file, file)
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(
            (article.meta.date.as_deref(), article.meta.date_source),
            (*date, *source),
            "{file}"
        );
    }
    // A date the container knew is kept, with its source.
    let known = saywho_io::Meta {
        date: Some("2001-02-03".into()),
        ..Default::default()
    };
    let page = common::fixture("harbour.html");
    let article = saywho_io::extract_article(&page, None, known, "p", "p").expect("extracts");
    assert_eq!(
        (article.meta.date.as_deref(), article.meta.date_source),
        (Some("2001-02-03"), None)
    );
}
