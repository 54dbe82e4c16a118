//! What the HTML step's tests share: the pages at hand, and every string of a length over an
//! alphabet.

use std::io::Read;
use std::path::Path;

/// Every page at hand as (path, HTML): saywho's fixtures, then the 91 pages of the
/// article-extraction benchmark when `../shared` is there (a message says when it is not).
/// `.html` files are read as UTF-8 (lossily), `.html.gz` files gunzipped; other files are
/// left out.
pub(super) fn pages_at_hand() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = Vec::new();
    for dir in [
        root.join("tests/fixtures"),
        root.join("../../../shared/data/article-extraction/html"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipping the pages of {}: absent", dir.display());
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let name = path.to_string_lossy().into_owned();
            let bytes = std::fs::read(&path).expect("page");
            let html = if name.ends_with(".gz") {
                let mut html = String::new();
                flate2::read::GzDecoder::new(&bytes[..])
                    .read_to_string(&mut html)
                    .expect("gzip");
                html
            } else if name.ends_with(".html") {
                String::from_utf8_lossy(&bytes).into_owned()
            } else {
                continue;
            };
            pages.push((name, html));
        }
    }
    pages
}

/// Every string of `len` characters from `alphabet`, `alphabet.len()` to the power `len` of
/// them.
pub(super) fn every_string(alphabet: &[char], len: usize) -> impl Iterator<Item = String> + '_ {
    (0..alphabet.len().pow(len as u32)).map(move |n| {
        let mut digits = n;
        (0..len)
            .map(|_| {
                let c = alphabet[digits % alphabet.len()];
                digits /= alphabet.len();
                c
            })
            .collect()
    })
}
