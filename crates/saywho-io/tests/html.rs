//! HTML extraction on pages written for these tests: the article's text is kept, menus, ads,
//! related links, comments and footers are dropped, and the metadata is read.

mod common;

struct Case {
    file: &'static str,
    kept: &'static [&'static str],
    dropped: &'static [&'static str],
    title: &'static str,
    author: &'static str,
    date: &'static str,
    outlet: &'static str,
    url: Option<&'static str>,
}

const CASES: &[Case] = &[
    Case {
        file: "harbour.html",
        kept: &[
            "The Harbour Road bridge will close for six weeks",
            "said Marta Kowalski, the council's head of transport.",
            "could not come at a worse time",
        ],
        dropped: &[
            "Subscribe today",
            "Gizmo Pro",
            "Related stories",
            "Ring road upgrade delayed",
            "Zebedee99",
            "potholes",
            "Holidays in the sun",
            "Copyright",
            "Privacy policy",
        ],
        title: "Harbour bridge to close for repairs",
        author: "Priya Natarajan",
        date: "2025-03-14",
        outlet: "The Millbrook Courier",
        url: Some("https://courier.example/news/harbour-bridge-repairs"),
    },
    Case {
        file: "orchard.html",
        kept: &["late frost in April", "said Greta Lindqvist, who farms eighty acres"],
        dropped: &[
            "Front page",
            "Log in",
            "Share this article",
            "morning newsletter",
            "Advertise with us",
        ],
        title: "Orchard growers warn of poor apple harvest",
        author: "Owen Castellanos",
        date: "2024-09-02",
        outlet: "Valley Gazette",
        url: None,
    },
];

#[test]
fn main_text_is_kept_boilerplate_dropped_metadata_read() {
    for case in CASES {
        let page = common::fixture(case.file);
        let article = saywho_io::extract_article(&page, None, Default::default(), case.file, case.file)
            .unwrap_or_else(|e| panic!("{}: {e}", case.file));
        for kept in case.kept {
            assert!(
                article.text.contains(kept),
                "{}: lost {kept:?} in {:?}",
                case.file,
                article.text
            );
        }
        for dropped in case.dropped {
            assert!(!article.text.contains(dropped), "{}: kept {dropped:?}", case.file);
        }
        let m = &article.meta;
        assert_eq!(m.title.as_deref(), Some(case.title), "{}", case.file);
        assert_eq!(m.author.as_deref(), Some(case.author), "{}", case.file);
        assert_eq!(m.date.as_deref(), Some(case.date), "{}", case.file);
        assert_eq!(m.outlet.as_deref(), Some(case.outlet), "{}", case.file);
        if let Some(url) = case.url {
            assert_eq!(m.url.as_deref(), Some(url), "{}", case.file);
        }
        // The engine separates paragraphs by lines: each <p> is one.
        assert!(article.text.lines().count() >= 3, "{}: {:?}", case.file, article.text);
    }
}

#[test]
fn quotes_are_found_in_extracted_text() {
    let page = common::fixture("harbour.html");
    let article = saywho_io::extract_article(&page, None, Default::default(), "p", "p").unwrap();
    let record = saywho::Engine::new().extract("p", &article.text);
    let speakers: Vec<&str> = record
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref())
        .map(|s| s.name.as_str())
        .collect();
    assert!(speakers.contains(&"Marta Kowalski"), "{speakers:?}");
}

#[test]
fn container_metadata_wins_and_bad_pages_fail_with_a_kind() {
    let page = common::fixture("harbour.html");
    let known = saywho_io::Meta {
        url: Some("https://crawl.example/x".into()),
        ..Default::default()
    };
    let article = saywho_io::extract_article(&page, None, known, "p", "p").unwrap();
    assert_eq!(article.meta.url.as_deref(), Some("https://crawl.example/x"));

    let cases: &[(&[u8], saywho_io::ErrorKind)] = &[
        (
            b"<html><body><p>caf\xe9 ol\xe9</p></body></html>",
            saywho_io::ErrorKind::InvalidUtf8,
        ),
        (b"<html><body></body></html>", saywho_io::ErrorKind::HtmlExtraction),
        (b"", saywho_io::ErrorKind::HtmlExtraction),
    ];
    for (bytes, kind) in cases {
        let err = saywho_io::extract_article(bytes, None, Default::default(), "pos", "id").unwrap_err();
        assert_eq!((err.kind, err.id.as_str(), err.position.as_str()), (*kind, "id", "pos"));
    }
}
