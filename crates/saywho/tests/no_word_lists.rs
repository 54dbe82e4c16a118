//! The engine's stages hold no words of a language: every word, ending and phrase they test is
//! a row of the lexicon's tables (`crates/saywho/lexicons/<lang>/`), reached through flags and
//! lookups. This test reads the stage code and fails when a word list or a spelling test comes
//! back: a string or character literal with a letter in it outside comments, doc comments and
//! `#[cfg(test)]` items, or a call of a word-list helper.

use std::path::{Path, PathBuf};

/// Source files whose literals are not stage code, and why.
const FILES_NOT_SCANNED: &[(&str, &str)] = &[
    (
        "error.rs",
        "error messages for people, not words the rules test",
    ),
    (
        "scope.rs",
        "the names of the scopes an option takes (`--scope speech`) and its error message, not words the rules test",
    ),
    (
        "lexicon/tables.rs",
        "reads the tables: its literals are the codes of the table format (DET, subj, role names) and the tables' paths",
    ),
    (
        "lexicon/tests.rs",
        "unit tests of the lexicon: their literals are example words",
    ),
    (
        "rank/learned.rs",
        "the learned ranker: its literals are feature names of the weights file and its error messages, not words the rules test",
    ),
    (
        "np/tests.rs",
        "unit tests of the speaker phrases (moved out of np.rs): their literals are example sentences",
    ),
    (
        "names/tests.rs",
        "unit tests of the name finder (moved out of names.rs): their literals are example sentences",
    ),
];

/// Literals with letters that stage code may hold, each with its reason.
const ALLOWED_LITERALS: &[(&str, &str, &str)] = &[
    (
        "name_gender.rs",
        "../lexicons/en/first_names.tsv",
        "the path of the first-name table, which holds the names",
    ),
    (
        "places.rs",
        "../lexicons/en/places.txt",
        "the path of the place table, which holds the names",
    ),
    (
        "surnames.rs",
        "../lexicons/en/surnames.txt",
        "the path of the surname list, which holds the names",
    ),
    (
        "lexicon/mod.rs",
        "no lexicon for language {:?}; the languages known are: {}",
        "the message of UnknownLanguage, for people, not a word the rules test",
    ),
];

/// Calls that exist only to compare a token with a list of spellings.
const FORBIDDEN_CALLS: &[&str] = &["is_any(", "starts_with_any(", "is_any_of("];

/// A literal found in code, with its line.
struct Literal {
    line: usize,
    text: String,
    /// Byte offset of the literal in the code text (comments and literals blanked).
    at: usize,
}

/// The code of `src` with comments and literals blanked, and the literals.
fn scan(src: &str) -> (String, Vec<Literal>) {
    let chars: Vec<char> = src.chars().collect();
    let mut code = String::with_capacity(src.len());
    let mut literals = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let push_blank = |code: &mut String, c: char| code.push(if c == '\n' { '\n' } else { ' ' });
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                push_blank(&mut code, chars[i]);
                i += 1;
            }
            continue;
        }
        if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    if depth == 0 {
                        code.push_str("  ");
                        i += 2;
                        break;
                    }
                }
                if chars[i] == '\n' {
                    line += 1;
                }
                push_blank(&mut code, chars[i]);
                i += 1;
            }
            continue;
        }
        // Raw strings: r"…", r#"…"#, br"…".
        let raw_start = if c == 'r' && matches!(next, Some('"' | '#')) {
            Some(i + 1)
        } else if c == 'b' && next == Some('r') && matches!(chars.get(i + 2), Some('"' | '#')) {
            Some(i + 2)
        } else {
            None
        };
        let ident_before = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if let (Some(mut j), false) = (raw_start, ident_before) {
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) == Some(&'"') {
                let start = j + 1;
                let mut k = start;
                let closes = |k: usize| chars[k] == '"' && (0..hashes).all(|h| chars.get(k + 1 + h) == Some(&'#'));
                while k < chars.len() && !closes(k) {
                    k += 1;
                }
                let text: String = chars[start..k.min(chars.len())].iter().collect();
                literals.push(Literal {
                    line,
                    text: text.clone(),
                    at: code.len(),
                });
                line += text.matches('\n').count();
                for &ch in &chars[i..(k + 1 + hashes).min(chars.len())] {
                    push_blank(&mut code, ch);
                }
                i = k + 1 + hashes;
                continue;
            }
        }
        if c == '"' {
            let mut k = i + 1;
            let mut text = String::new();
            while k < chars.len() && chars[k] != '"' {
                if chars[k] == '\\' {
                    k += escape_len(&chars[k..]);
                    continue;
                }
                text.push(chars[k]);
                k += 1;
            }
            literals.push(Literal {
                line,
                text: text.clone(),
                at: code.len(),
            });
            for &ch in &chars[i..(k + 1).min(chars.len())] {
                if ch == '\n' {
                    line += 1;
                }
                push_blank(&mut code, ch);
            }
            i = k + 1;
            continue;
        }
        if c == '\'' {
            // A character literal ('a', '\n', '\u{2019}'), or a lifetime ('t).
            let len = match next {
                Some('\\') => Some(1 + escape_len(&chars[i + 1..])),
                Some(_) if chars.get(i + 2) == Some(&'\'') => Some(2),
                _ => None,
            };
            if let Some(len) = len.filter(|&l| chars.get(i + l) == Some(&'\'')) {
                let text: String = if next == Some('\\') {
                    String::new()
                } else {
                    chars[i + 1..i + len].iter().collect()
                };
                literals.push(Literal {
                    line,
                    text,
                    at: code.len(),
                });
                for _ in 0..=len {
                    code.push(' ');
                }
                i += len + 1;
                continue;
            }
        }
        if c == '\n' {
            line += 1;
        }
        code.push(c);
        i += 1;
    }
    (code, literals)
}

/// Length of the escape sequence at the start of `s` ("\n", "\u{2019}").
fn escape_len(s: &[char]) -> usize {
    match s.get(1) {
        Some('u') => s.iter().position(|&c| c == '}').map_or(2, |p| p + 1),
        Some('x') => 4,
        _ => 2,
    }
}

/// Byte ranges of the code of `#[cfg(test)]` items (a `mod tests { … }` block).
fn test_items(code: &str) -> Vec<(usize, usize)> {
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = code[from..].find("#[cfg(test)]").map(|p| p + from) {
        let mut k = p;
        // The item ends at its first ';' or at the brace that closes its first '{'.
        while k < bytes.len() && bytes[k] != b'{' && bytes[k] != b';' {
            k += 1;
        }
        if k < bytes.len() && bytes[k] == b'{' {
            let mut depth = 0;
            while k < bytes.len() {
                match bytes[k] {
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                k += 1;
            }
        }
        out.push((p, k));
        from = k.max(p + 1);
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// What is wrong with the stage code of `src`, one message a finding.
fn findings(name: &str, src: &str) -> Vec<String> {
    let (code, literals) = scan(src);
    let tests = test_items(&code);
    let in_test = |at: usize| tests.iter().any(|&(a, b)| a <= at && at <= b);
    let mut out = Vec::new();
    for lit in &literals {
        let allowed = ALLOWED_LITERALS.iter().any(|&(f, t, _)| f == name && t == lit.text);
        if lit.text.chars().any(|c| c.is_alphabetic()) && !allowed && !in_test(lit.at) {
            out.push(format!(
                "{name}:{}: literal {:?}: a word, ending or phrase belongs in the lexicon's tables",
                lit.line, lit.text
            ));
        }
    }
    for call in FORBIDDEN_CALLS {
        for (at, _) in code.match_indices(call) {
            let word_start =
                at == 0 || !code.as_bytes()[at - 1].is_ascii_alphanumeric() && code.as_bytes()[at - 1] != b'_';
            if word_start && !in_test(at) {
                let line = code[..at].matches('\n').count() + 1;
                out.push(format!(
                    "{name}:{line}: {call}…) compares spellings; test a lexicon flag"
                ));
            }
        }
    }
    out
}

#[test]
fn stage_code_holds_no_words() {
    let src_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src_dir, &mut files);
    files.sort();
    assert!(
        files.len() >= 10,
        "the engine's sources were not found under {}",
        src_dir.display()
    );
    let mut problems = Vec::new();
    for path in &files {
        let name = path
            .strip_prefix(&src_dir)
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        if FILES_NOT_SCANNED.iter().any(|&(f, _)| f == name) {
            continue;
        }
        let src = std::fs::read_to_string(path).unwrap_or_default();
        problems.extend(findings(&name, &src));
    }
    assert!(
        problems.is_empty(),
        "English in the stage code:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_guard_sees_word_lists_and_spelling_tests() {
    let bad = r##"
        // "the" in a comment is fine.
        /// So is "who" in a doc comment.
        const WORDS: &[&str] = &["de", "van"];
        fn f(t: &Token, text: &str) -> bool {
            t.text(text).eq_ignore_ascii_case("the") || t.first == b'o' || t.is_any(text, &X)
                || t.text(text).ends_with('s') || t.text(text) == r#"raw"#
        }
        fn g<'t>(x: &'t str) -> char { '\u{2019}' }
        #[cfg(test)]
        mod tests { const OK: &str = "words in tests"; }
    "##;
    let found = findings("x.rs", bad);
    let words: Vec<&str> = ["\"de\"", "\"van\"", "\"the\"", "\"o\"", "is_any(", "\"s\"", "\"raw\""].to_vec();
    assert_eq!(found.len(), words.len(), "{found:#?}");
    for w in words {
        assert!(found.iter().any(|f| f.contains(w)), "{w} not found in {found:#?}");
    }
    assert!(findings("x.rs", "fn f() { let p = \"([{—–-/\"; let c = '\\n'; }").is_empty());
}
