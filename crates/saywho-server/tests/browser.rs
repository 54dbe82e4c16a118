//! The web page in headless Chromium, driven through WebDriver (ChromeDriver) by a small client
//! of our own: the page shows the seed article's quotes with the right speakers, hostile HTML
//! stays inert, the keyboard alone works, and screenshots go to `docs/screenshots/`.
//!
//! Ignored by `cargo test`: `scripts/test-browser` installs Chromium if needed, starts
//! `saywho serve` and ChromeDriver on free loopback ports, and runs these with `--ignored`,
//! passing `SAYWHO_URL` and `WEBDRIVER_URL`.

mod common;

use hyper::Method;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// The W3C name of an element reference in WebDriver answers.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A WebDriver session.
struct Browser {
    base: String,
}

impl Browser {
    async fn start(webdriver: &str) -> Browser {
        let profile = std::env::temp_dir().join(format!("saywho-chromium-{}-{:?}", std::process::id(), Instant::now()));
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain([format!("--user-data-dir={}", profile.display())])
        .collect::<Vec<_>>();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": args}
        }}});
        let answer = call(Method::POST, &format!("{webdriver}/session"), Some(caps)).await;
        let id = answer["sessionId"].as_str().expect("a session id").to_string();
        Browser {
            base: format!("{webdriver}/session/{id}"),
        }
    }

    async fn cmd(&self, method: Method, path: &str, body: Option<Value>) -> Value {
        call(method, &format!("{}{path}", self.base), body).await
    }

    async fn goto(&self, url: &str) {
        self.cmd(Method::POST, "/url", Some(json!({ "url": url }))).await;
    }

    async fn script(&self, script: &str, args: Value) -> Value {
        self.cmd(
            Method::POST,
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
        .await
    }

    async fn find(&self, css: &str) -> String {
        let v = self
            .cmd(
                Method::POST,
                "/element",
                Some(json!({"using": "css selector", "value": css})),
            )
            .await;
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}: {v}"))
            .to_string()
    }

    async fn click(&self, css: &str) {
        let id = self.find(css).await;
        self.cmd(Method::POST, &format!("/element/{id}/click"), Some(json!({})))
            .await;
    }

    async fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css).await;
        self.cmd(
            Method::POST,
            &format!("/element/{id}/value"),
            Some(json!({ "text": text })),
        )
        .await;
    }

    /// Presses keys on the focused element (WebDriver key codes, e.g. `\u{E004}` for Tab).
    async fn keys(&self, keys: &[&str]) {
        let actions: Vec<Value> = keys
            .iter()
            .flat_map(|k| {
                [
                    json!({"type": "keyDown", "value": k}),
                    json!({"type": "keyUp", "value": k}),
                ]
            })
            .collect();
        let body = json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]});
        self.cmd(Method::POST, "/actions", Some(body)).await;
    }

    async fn resize(&self, width: u32, height: u32) {
        let rect = json!({"width": width, "height": height});
        self.cmd(Method::POST, "/window/rect", Some(rect)).await;
    }

    /// Waits until `script` returns true, at most ten seconds.
    async fn wait_for(&self, script: &str) {
        let start = Instant::now();
        while self.script(script, json!([])).await != json!(true) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "timed out waiting for: {script}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// A screenshot of the whole page (the window made as tall as the page) saved as `name`.
    async fn screenshot(&self, name: &str, width: u32) {
        self.resize(width, 900).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        let height = self
            .script("return Math.ceil(document.documentElement.scrollHeight)", json!([]))
            .await
            .as_u64()
            .unwrap_or(900)
            .clamp(400, 4000) as u32;
        self.resize(width, height).await;
        self.script("window.scrollTo(0, 0)", json!([])).await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        let shot = self.cmd(Method::GET, "/screenshot", None).await;
        let png = base64_decode(shot.as_str().expect("base64 PNG"));
        let dir = common::repo_root().join("docs/screenshots");
        std::fs::create_dir_all(&dir).expect("docs/screenshots");
        std::fs::write(dir.join(name), png).expect("the screenshot is written");
    }

    async fn quit(self) {
        self.cmd(Method::DELETE, "", None).await;
    }
}

/// A WebDriver command; its `value`, or a panic with WebDriver's error.
async fn call(method: Method, url: &str, body: Option<Value>) -> Value {
    let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
    let answer = common::request(method, url, Some("application/json"), bytes).await;
    let v = answer.json();
    assert!(answer.status.is_success(), "WebDriver {url}: {} {v}", answer.status);
    v["value"].clone()
}

fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let digits: Vec<u8> = s.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk.iter().fold(0u32, |n, &d| n << 6 | d as u32) << (6 * (4 - chunk.len()));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

/// The server and ChromeDriver addresses, or `None` (with a message) outside the script.
fn endpoints() -> Option<(String, String)> {
    match (std::env::var("SAYWHO_URL"), std::env::var("WEBDRIVER_URL")) {
        (Ok(server), Ok(driver)) => Some((server.trim_end_matches('/').into(), driver.trim_end_matches('/').into())),
        _ => {
            eprintln!("skipped: run scripts/test-browser (it sets SAYWHO_URL and WEBDRIVER_URL)");
            None
        }
    }
}

/// Pastes `text` into the page and runs the extraction.
async fn paste_and_run(browser: &Browser, text: &str) {
    browser
        .script("document.getElementById('source').value = arguments[0];", json!([text]))
        .await;
    browser.click("#run").await;
    browser
        .wait_for("return !document.getElementById('result').hidden && document.querySelectorAll('#article mark.q').length > 0")
        .await;
}

#[tokio::test]
#[ignore = "needs Chromium and a running server: scripts/test-browser"]
async fn the_seed_article_shows_its_quotes_with_their_speakers() {
    let Some((server, driver)) = endpoints() else { return };
    let (text, gold) = match common::seed() {
        Some(seed) => seed,
        None => {
            eprintln!("../shared/seed is absent: using examples/article.txt without gold speakers");
            let text = std::fs::read_to_string(common::repo_root().join("examples/article.txt")).expect("example");
            (text, json!({"quotes": []}))
        }
    };
    let browser = Browser::start(&driver).await;
    browser.resize(1280, 900).await;
    browser.goto(&format!("{server}/")).await;
    paste_and_run(&browser, &text).await;
    let shown = browser
        .script(
            "return [...document.querySelectorAll('#article mark.q')].map(m => [m.textContent, m.dataset.speaker])",
            json!([]),
        )
        .await;
    let shown = shown.as_array().expect("a list");
    if let Some(gold_quotes) = gold["quotes"].as_array().filter(|q| !q.is_empty()) {
        assert_eq!(shown.len(), gold_quotes.len(), "{shown:?}");
        assert_eq!(shown.len(), 11);
        for (mark, q) in shown.iter().zip(gold_quotes) {
            assert_eq!(mark[1], q["speaker"], "speaker of {}", mark[0]);
            // A mixed quote's span may start a few words before the gold's, and it ends with its
            // fragment's closing mark, which the seed's gold leaves out; the words end the same.
            let words = mark[0].as_str().unwrap_or("").trim_end_matches(['"', '”']);
            let gold_words = q["quote"].as_str().unwrap_or("");
            assert!(
                words.ends_with(gold_words) || gold_words.ends_with(words),
                "{words} / {gold_words}"
            );
        }
    } else {
        assert!(!shown.is_empty());
    }
    // The side list: one row per speaker, with gender and count.
    let speakers = browser
        .script(
            "return [...document.querySelectorAll('#speakers .speaker')].map(b => b.textContent)",
            json!([]),
        )
        .await;
    if !gold["quotes"].as_array().is_none_or(|q| q.is_empty()) {
        assert_eq!(
            speakers,
            json!([
                "John Legendmale7 quotes",
                "Chrissy Teigenfemale3 quotes",
                "Kelly Clarksonfemale1 quote"
            ])
        );
    }
    browser.screenshot("article-desktop.png", 1280).await;
    // The tooltip of the first quote, by keyboard focus.
    browser.resize(1280, 900).await;
    browser
        .script(
            "window.scrollTo(0, 0); document.querySelector('#article mark.q').focus();",
            json!([]),
        )
        .await;
    browser.wait_for("return !document.getElementById('tip').hidden").await;
    let tip = browser
        .script("return document.getElementById('tip').textContent", json!([]))
        .await;
    let tip = tip.as_str().unwrap_or("");
    assert!(tip.contains("kind") && tip.contains("confidence"), "{tip}");
    browser.screenshot("article-tooltip.png", 1280).await;
    browser
        .script("document.activeElement.blur(); window.scrollTo(0, 0);", json!([]))
        .await;
    browser.screenshot("article-phone.png", 390).await;
    browser.goto(&format!("{server}/api")).await;
    browser
        .wait_for("return document.querySelectorAll('.endpoint').length >= 5")
        .await;
    browser.screenshot("api-desktop.png", 1280).await;
    browser.quit().await;
}

/// A page that tries every usual way to run script: a `<script>`, an `onerror`, a
/// `javascript:` link, an `<svg onload>`, and markup written as text.
const HOSTILE: &str = r#"<!doctype html><html><head><title>Hostile page</title>
<script>window.__pwned = 1; document.title = "pwned";</script></head><body>
<article>
<p>"We will not be silenced," the activist Maria Lopez said on Friday at a rally in the city centre. <img src="x" onerror="window.__pwned = 2; document.title = 'pwned'"></p>
<p>Lopez told reporters that the council had ignored <a href="javascript:window.__pwned=3">the petition</a> signed by thousands of residents.</p>
<p>"&lt;script&gt;window.__pwned = 4&lt;/script&gt; is what they put on our website," she said. <svg onload="window.__pwned = 5"></svg></p>
<p>"<img src=x onerror=window.__pwned=6>" was the next message, Lopez added.</p>
</article></body></html>"#;

#[tokio::test]
#[ignore = "needs Chromium and a running server: scripts/test-browser"]
async fn a_hostile_html_page_stays_inert() {
    let Some((server, driver)) = endpoints() else { return };
    let dir = std::env::temp_dir().join(format!("saywho-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let page = dir.join("hostile.html");
    std::fs::write(&page, HOSTILE).expect("the page is written");
    let browser = Browser::start(&driver).await;
    browser.resize(1280, 900).await;
    browser.goto(&format!("{server}/")).await;
    // The page arrives as a dropped or opened file would: through the file input.
    browser.type_into("#file", &page.display().to_string()).await;
    browser
        .wait_for("return document.getElementById('source').value.includes('Maria Lopez')")
        .await;
    browser.click("#run").await;
    browser
        .wait_for("return !document.getElementById('result').hidden && document.querySelectorAll('#article mark.q').length > 0")
        .await;
    let state = browser
        .script(
            "const a = document.getElementById('article');
             return {pwned: window.__pwned === undefined ? null : window.__pwned, title: document.title,
                     elements: [...a.querySelectorAll('*')].map(e => e.tagName.toLowerCase()),
                     text: a.textContent}",
            json!([]),
        )
        .await;
    assert_eq!(state["pwned"], Value::Null, "{state}");
    assert_eq!(state["title"], "saywho — who said what", "{state}");
    let elements = state["elements"].as_array().expect("a list");
    assert!(
        elements
            .iter()
            .all(|t| ["mark", "span"].contains(&t.as_str().unwrap_or(""))),
        "only our own elements in the article: {elements:?}"
    );
    let text = state["text"].as_str().unwrap_or("");
    assert!(
        text.contains("<script>window.__pwned = 4</script>"),
        "markup shows as text: {text}"
    );
    // No alert is open (WebDriver answers 404 "no such alert").
    let alert = common::request(Method::GET, &format!("{}/alert/text", browser.base), None, vec![]).await;
    assert_eq!(alert.status.as_u16(), 404, "{}", alert.text());
    browser.screenshot("hostile-html.png", 1280).await;
    browser.quit().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
#[ignore = "needs Chromium and a running server: scripts/test-browser"]
async fn the_keyboard_alone_runs_an_extraction_and_reads_a_quote() {
    let Some((server, driver)) = endpoints() else { return };
    let browser = Browser::start(&driver).await;
    browser.resize(1280, 900).await;
    browser.goto(&format!("{server}/")).await;
    let tab = "\u{E004}";
    let enter = "\u{E007}";
    // Tab from the top of the page reaches the text box; typing and Ctrl+Enter run it.
    browser.script("document.activeElement.blur()", json!([])).await;
    let mut reached = false;
    for _ in 0..6 {
        browser.keys(&[tab]).await;
        let id = browser.script("return document.activeElement.id", json!([])).await;
        if id == "source" {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab reaches the text box");
    browser
        .type_into(
            "#source",
            "“The ferry will run all winter,” harbour master Ann Lee said.",
        )
        .await;
    browser
        .script("document.getElementById('source').focus()", json!([]))
        .await;
    let ctrl = "\u{E009}";
    let actions = json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
        {"type": "keyDown", "value": ctrl}, {"type": "keyDown", "value": enter},
        {"type": "keyUp", "value": enter}, {"type": "keyUp", "value": ctrl}]}]});
    browser.cmd(Method::POST, "/actions", Some(actions)).await;
    browser
        .wait_for("return document.querySelectorAll('#article mark.q').length === 1")
        .await;
    // Tab on to the quote: its tooltip shows; Enter selects its speaker in the side list.
    let mut on_quote = false;
    for _ in 0..12 {
        browser.keys(&[tab]).await;
        let is_quote = browser
            .script("return document.activeElement.matches('mark.q')", json!([]))
            .await;
        if is_quote == json!(true) {
            on_quote = true;
            break;
        }
    }
    assert!(on_quote, "Tab reaches the quote");
    browser.wait_for("return !document.getElementById('tip').hidden").await;
    browser.keys(&[enter]).await;
    let pressed = browser
        .script(
            "return document.querySelector('.speaker').getAttribute('aria-pressed')",
            json!([]),
        )
        .await;
    assert_eq!(pressed, "true");
    let tip = browser
        .script("return document.getElementById('tip').textContent", json!([]))
        .await;
    assert!(tip.as_str().unwrap_or("").contains("Ann Lee"), "{tip}");
    browser.quit().await;
}

#[tokio::test]
#[ignore = "needs Chromium and a running server: scripts/test-browser"]
async fn the_corpus_page_searches_and_reports() {
    let Some((server, driver)) = endpoints() else { return };
    let browser = Browser::start(&driver).await;
    browser.resize(1280, 900).await;
    browser.goto(&format!("{server}/corpus")).await;
    // The whole corpus first: quotes, the report and the speakers.
    browser
        .wait_for("return document.querySelectorAll('#hits .hit').length > 0 && document.querySelectorAll('#speakers-table tbody tr').length > 0")
        .await;
    let report = browser
        .script("return document.getElementById('report').textContent", json!([]))
        .await;
    assert!(report.as_str().unwrap_or("").contains("documents"), "{report}");
    // A search for a word every hit must contain.
    let word = browser
        .script(
            "return document.querySelector('#hits mark').textContent.split(/\\W+/).filter(w => w.length > 5)[0] || ''",
            json!([]),
        )
        .await;
    let word = word.as_str().unwrap_or("").to_lowercase();
    assert!(!word.is_empty());
    browser.type_into("input[name=q]", &word).await;
    browser.click("#filters button[type=submit]").await;
    browser
        .wait_for("return document.getElementById('status').textContent.endsWith('quotes shown.')")
        .await;
    let quotes = browser
        .script(
            "return [...document.querySelectorAll('#hits mark')].map(m => m.textContent.toLowerCase())",
            json!([]),
        )
        .await;
    let quotes = quotes.as_array().cloned().unwrap_or_default();
    assert!(!quotes.is_empty(), "the word of a hit finds it again");
    assert!(
        quotes.iter().all(|q| q.as_str().unwrap_or("").contains(&word[..4])),
        "{word}: {quotes:?}"
    );
    // The navigation shows the corpus page on the other pages too.
    browser
        .script("document.querySelector('input[name=q]').value = ''", json!([]))
        .await;
    browser.click("#filters button[type=submit]").await;
    browser
        .wait_for("return document.getElementById('status').textContent.endsWith('quotes shown.')")
        .await;
    browser.screenshot("corpus-desktop.png", 1280).await;
    browser.goto(&format!("{server}/")).await;
    browser
        .wait_for("return !!document.querySelector('.top nav a[href=\\'/corpus\\']')")
        .await;
    browser.quit().await;
}
