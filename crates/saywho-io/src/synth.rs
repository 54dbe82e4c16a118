//! Synthetic WARC files for benchmarks and tests: articles wrapped in minimal HTML pages inside
//! WARC response records, each record its own gzip member (as Common Crawl writes them).

use crate::input::write_warc_record;
use std::io::{self, Write};

/// Escapes text for HTML element content.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

/// A minimal news page: title, site name, a menu and footer to discard, one `<p>` a line.
pub fn article_page(title: &str, text: &str) -> String {
    let mut page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{t}</title>\
         <meta property=\"og:site_name\" content=\"Bench News\"></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>{t}</h1>",
        t = escape(title)
    );
    for para in text.lines().filter(|l| !l.trim().is_empty()) {
        page.push_str("<p>");
        page.push_str(&escape(para));
        page.push_str("</p>");
    }
    page.push_str("</article><footer>Copyright Bench News</footer></body></html>");
    page
}

/// Writes `articles` (id, title, text) as a `.warc.gz`: per article, one gzip member with a
/// response record. Returns the uncompressed WARC bytes written.
///
/// ```
/// let mut out = Vec::new();
/// let n = saywho_io::write_article_warc(&mut out, [("a", "Title", "“Yes,” Ann Lee said.")].into_iter()).unwrap();
/// assert!(n > 100 && out.starts_with(&[0x1f, 0x8b]));
/// ```
pub fn write_article_warc<'a>(
    out: &mut impl Write,
    articles: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
) -> io::Result<u64> {
    let mut total = 0u64;
    for (n, (id, title, text)) in articles.enumerate() {
        let page = article_page(title, text);
        let mut block = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
            page.len()
        )
        .into_bytes();
        block.extend_from_slice(page.as_bytes());
        let mut record = Vec::with_capacity(block.len() + 300);
        let url = format!("https://bench.example/{id}");
        let record_id = format!("urn:uuid:00000000-0000-0000-0000-{n:012}");
        write_warc_record(
            &mut record,
            "response",
            &url,
            &record_id,
            "application/http; msgtype=response",
            &block,
        )?;
        total += record.len() as u64;
        let mut gz = flate2::write::GzEncoder::new(&mut *out, flate2::Compression::fast());
        gz.write_all(&record)?;
        gz.finish()?;
    }
    Ok(total)
}
