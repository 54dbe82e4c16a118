//! The README's sample outputs are the real output of the commands it shows.
//!
//! A sample is marked in README.md by an HTML comment naming the command's arguments (and,
//! optionally, what it reads on standard input), followed by a fenced block holding exactly
//! what the command prints:
//!
//! ````text
//! <!-- sample: extract examples/article.txt --format text -->
//! ```text
//! == article (10 quotes)
//! …
//! ```
//! <!-- sample-stdin: “Yes,” Ann Lee said. -->   (optional, before the sample line)
//! ````
//!
//! The store's samples (`<!-- sample-store: … -->`) run in order in one scratch folder, on the
//! BBC corpus (`../shared/…` paths are the repository's), so that `index` makes the `bbc.db`
//! the later ones read; they are skipped when the corpus is not there. `stderr` after `sample`
//! or `sample-store` compares standard error instead of standard output, and `excerpt` says
//! the block's lines are some of the output's, in order (the block may then be a Markdown
//! table, ending at a blank line, instead of a fenced block). Arguments are split as a shell does
//! with quotes (`search '"interest rates"'`). Any other comment opening with `<!-- sample` fails
//! the test, so that a misspelt marker is not a sample left unchecked.

mod common;

use common::{output_with_stdin, repo_root, saywho};

struct Sample {
    line: usize,
    args: Vec<String>,
    stdin: Option<String>,
    expected: String,
    /// A `sample-store` marker: run in the store's scratch folder.
    store: bool,
    /// Compare standard error.
    stderr: bool,
    /// The block is some of the output's lines, in order.
    excerpt: bool,
}

/// `line`'s words, split at white space outside quotes; quotes (single or double) group words
/// and are removed, as a shell does (no escapes: the README needs none).
fn shell_words(line: &str) -> Vec<String> {
    let (mut words, mut word, mut quote, mut started) = (Vec::new(), String::new(), None, false);
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => (quote, started) = (Some(c), true),
            (None, c) if c.is_whitespace() => {
                if started {
                    words.push(std::mem::take(&mut word));
                }
                started = false;
            }
            (None, c) => (word.push(c), started = true).0,
        }
    }
    if started {
        words.push(word);
    }
    words
}

/// A marker's kind and arguments: `<!-- sample[-store] [stderr] [excerpt]: ARGS -->`; `Ok(None)`
/// for a line that is no sample marker (`sample-stdin` included). Any other comment opening
/// with `<!-- sample` is an error, so that a misspelt marker fails rather than leaving its
/// sample unchecked.
type Marker = (bool, bool, bool, Vec<String>);
fn marker(line: &str) -> Result<Option<Marker>, String> {
    let Some(rest) = line.strip_prefix("<!-- sample") else {
        return Ok(None);
    };
    if rest.starts_with("-stdin:") {
        return Ok(None);
    }
    let unknown = || format!("not a sample marker saywho's readme.rs knows: {line}");
    let (head, args) = rest.split_once(':').ok_or_else(unknown)?;
    let (store, flags) = match head.strip_prefix("-store") {
        Some(flags) => (true, flags),
        None => (false, head),
    };
    if !(flags.is_empty() || flags.starts_with(char::is_whitespace)) {
        return Err(unknown());
    }
    let flags: Vec<&str> = flags.split_whitespace().collect();
    if let Some(flag) = flags.iter().find(|f| !["stderr", "excerpt"].contains(f)) {
        return Err(format!("{}: unknown flag {flag:?} (stderr, excerpt)", unknown()));
    }
    let args = shell_words(args.trim_end().trim_end_matches("-->"));
    Ok(Some((
        store,
        flags.contains(&"stderr"),
        flags.contains(&"excerpt"),
        args,
    )))
}

fn samples(readme: &str) -> Vec<Sample> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut samples = Vec::new();
    let mut stdin = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if let Some(rest) = line.strip_prefix("<!-- sample-stdin:") {
            stdin = Some(rest.trim_end_matches("-->").trim().to_string() + "\n");
        } else if let Some((store, stderr, excerpt, args)) =
            marker(line).unwrap_or_else(|e| panic!("README line {}: {e}", i + 1))
        {
            let start = i + 1;
            let fenced = lines.get(start).is_some_and(|l| l.starts_with("```"));
            assert!(
                fenced || excerpt,
                "README line {}: a sample marker must be followed by a fenced block",
                i + 1
            );
            let (first, end) = if fenced {
                let end = (start + 1..lines.len())
                    .find(|&k| lines[k].starts_with("```"))
                    .unwrap_or_else(|| panic!("README line {}: the sample's block is not closed", i + 1));
                (start + 1, end)
            } else {
                let end = (start..lines.len())
                    .find(|&k| lines[k].trim().is_empty())
                    .unwrap_or(lines.len());
                (start, end)
            };
            let expected = lines[first..end].iter().map(|l| format!("{l}\n")).collect();
            samples.push(Sample {
                line: i + 1,
                args,
                stdin: stdin.take(),
                expected,
                store,
                stderr,
                excerpt,
            });
            i = end;
        }
        i += 1;
    }
    samples
}

/// Whether `got` is what the sample shows: all of it, or for an excerpt its lines in order.
fn matches(sample: &Sample, got: &str) -> bool {
    if !sample.excerpt {
        return got == sample.expected;
    }
    let mut lines = got.lines();
    sample.expected.lines().all(|want| lines.any(|l| l == want))
}

/// Runs `sample` in `dir`; a failure message when it does not print what the README shows.
fn check(sample: &Sample, dir: &std::path::Path) -> Result<(), String> {
    let root = repo_root();
    let args: Vec<std::ffi::OsString> = sample
        .args
        .iter()
        .map(|a| match a.starts_with("../shared/") {
            true => root.join(a).into_os_string(),
            false => a.into(),
        })
        .collect();
    let input = sample.stdin.clone().unwrap_or_default();
    let out = output_with_stdin(saywho().args(&args).current_dir(dir), input.as_bytes());
    let command = format!("`saywho {}`", sample.args.join(" "));
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(format!("README line {}: {command} failed: {stderr}", sample.line));
    }
    let got = String::from_utf8(if sample.stderr { out.stderr } else { out.stdout }).expect("UTF-8");
    if matches(sample, &got) {
        return Ok(());
    }
    Err(format!(
        "README line {}: {command} prints something else; paste its output into the README:\n{got}",
        sample.line
    ))
}

#[test]
fn readme_samples_are_the_commands_real_output() {
    let root = repo_root();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let samples: Vec<Sample> = samples(&readme).into_iter().filter(|s| !s.store).collect();
    assert!(samples.len() >= 2, "the README shows at least two samples");
    for sample in samples {
        check(&sample, &root).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn readme_store_samples_are_the_commands_real_output() {
    let root = repo_root();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let samples: Vec<Sample> = samples(&readme).into_iter().filter(|s| s.store).collect();
    assert!(
        samples.len() >= 4,
        "the README shows index, search, speakers and report"
    );
    let missing = samples
        .iter()
        .flat_map(|s| &s.args)
        .find(|a| a.starts_with("../shared/") && !root.join(a).exists());
    if let Some(missing) = missing {
        eprintln!("skipped: {missing} is not there");
        return;
    }
    let dir = common::TempDir::new("readme-store");
    for sample in &samples {
        check(sample, &dir).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn sample_markers_and_their_arguments_are_read() {
    assert_eq!(
        shell_words(r#"search '"interest rates"' --db bbc.db --speaker "Gordon Brown" ''"#),
        [
            "search",
            "\"interest rates\"",
            "--db",
            "bbc.db",
            "--speaker",
            "Gordon Brown",
            ""
        ]
    );
    let (store, stderr, excerpt, args) = marker("<!-- sample-store stderr: index a --db b.db -->")
        .unwrap()
        .unwrap();
    assert_eq!(
        (store, stderr, excerpt, args),
        (
            true,
            true,
            false,
            vec!["index".into(), "a".into(), "--db".into(), "b.db".into()]
        )
    );
    let kind = |line| marker(line).map(|m| m.map(|(store, stderr, excerpt, _)| (store, stderr, excerpt)));
    assert_eq!(kind("<!-- sample: extract x -->"), Ok(Some((false, false, false))));
    // Flags on a plain sample, as on a store's.
    assert_eq!(
        kind("<!-- sample excerpt: extract x -->"),
        Ok(Some((false, false, true)))
    );
    assert_eq!(
        kind("<!-- sample stderr excerpt: extract x -->"),
        Ok(Some((false, true, true)))
    );
    assert_eq!(kind("<!-- sample-stdin: x -->"), Ok(None));
    assert_eq!(kind("<!-- other -->"), Ok(None));
    // A marker it cannot read fails instead of being skipped.
    for line in [
        "<!-- sample exerpt: extract x -->",
        "<!-- samples: extract x -->",
        "<!-- sample-stored: x -->",
        "<!-- sample extract x -->",
    ] {
        assert!(kind(line).is_err(), "{line}");
    }
}
