#![cfg(feature = "html")]
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
    let record = saywho::Engine::new().extract("p", &article.text).expect("extracts");
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

#[test]
fn pages_of_navigation_and_boilerplate_are_errors_not_menus() {
    for file in ["nav_only.html", "link_list.html", "notices_only.html"] {
        let page = common::fixture(file);
        let got = saywho_io::extract_article(&page, None, Default::default(), file, file);
        let err = got.expect_err(file);
        assert_eq!(err.kind, saywho_io::ErrorKind::HtmlExtraction, "{file}");
        assert!(err.message.contains("no main text found"), "{file}: {}", err.message);
    }
}

#[test]
fn short_articles_keep_their_paragraphs_and_nothing_else() {
    let page = common::fixture("brief.html");
    let article = saywho_io::extract_article(&page, None, Default::default(), "brief", "brief").unwrap();
    assert_eq!(
        article.text.lines().collect::<Vec<_>>(),
        // The headline is the title, not a line of the text.
        [
            "Millbrook library will reopen on Monday after a month of repairs to its roof.",
            "\"The children have missed it terribly,\" said librarian Ruth Okafor.",
        ]
    );
    assert_eq!(article.meta.title.as_deref(), Some("Library to reopen on Monday"));
    let one = b"<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>\
        <p>Police said the road was closed.</p></body></html>";
    let article = saywho_io::extract_article(one, None, Default::default(), "one", "one").unwrap();
    assert_eq!(article.text, "Police said the road was closed.");
    let bare = "<p>“Yes,” Ann Lee said.</p>";
    let article = saywho_io::extract_article(bare.as_bytes(), None, Default::default(), "bare", "bare").unwrap();
    assert_eq!(article.text, "“Yes,” Ann Lee said.");
}

#[test]
fn articles_only_the_fallback_finds_are_still_read() {
    let body = "The council said on Tuesday that the harbour bridge would close for six weeks of repairs. \
                Drivers will be sent along the ring road while engineers replace its cables.";
    let pages = [
        // Rendered by script: the text is only in JSON-LD.
        format!(
            r#"<html><head><script type="application/ld+json">{{"@type": "NewsArticle", "articleBody": "{body}"}}</script></head>
            <body><div id="root"></div><nav><a href="/">Home</a> <a href="/news">News</a></nav></body></html>"#
        ),
        // No paragraphs, lines broken with <br>.
        format!(r#"<html><body><div class="story">{body}<br><br>Drivers will use the ring road.</div></body></html>"#),
    ];
    for page in pages {
        let article = saywho_io::extract_article(page.as_bytes(), None, Default::default(), "p", "p")
            .unwrap_or_else(|e| panic!("{e}: {page}"));
        assert!(article.text.contains(body), "{:?}", article.text);
    }
}

#[test]
fn articles_that_mention_notice_words_are_not_notices() {
    let cases = [
        // One line of text in a <div>, found only by the fallback.
        ("privacy_div.html", "The privacy commissioner said on Tuesday"),
        // The whole article is one JSON-LD articleBody line.
        ("copyright_jsonld.html", "backing copyright reform, the union said"),
        // "blog in" is not "log in".
        ("blog_in.html", "as he wrote on his blog in a final post"),
    ];
    let lost: Vec<String> = cases
        .iter()
        .filter_map(|(file, kept)| {
            let page = common::fixture(file);
            match saywho_io::extract_article(&page, None, Default::default(), file, file) {
                Ok(article) if article.text.contains(kept) => None,
                Ok(article) => Some(format!("{file}: lost {kept:?} in {:?}", article.text)),
                Err(e) => Some(format!("{file}: {e}")),
            }
        })
        .collect();
    assert!(lost.is_empty(), "{lost:#?}");
}
