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

mod common;

use common::{output_with_stdin, repo_root, saywho};

struct Sample {
    line: usize,
    args: Vec<String>,
    stdin: Option<String>,
    expected: String,
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
        } else if let Some(rest) = line.strip_prefix("<!-- sample:") {
            let args = rest
                .trim_end_matches("-->")
                .split_whitespace()
                .map(String::from)
                .collect();
            let start = i + 1;
            assert!(
                lines.get(start).is_some_and(|l| l.starts_with("```")),
                "README line {}: a sample marker must be followed by a fenced block",
                i + 1
            );
            let end = (start + 1..lines.len())
                .find(|&k| lines[k].starts_with("```"))
                .unwrap_or_else(|| panic!("README line {}: the sample's block is not closed", i + 1));
            let expected = lines[start + 1..end].iter().map(|l| format!("{l}\n")).collect();
            samples.push(Sample {
                line: i + 1,
                args,
                stdin: stdin.take(),
                expected,
            });
            i = end;
        }
        i += 1;
    }
    samples
}

#[test]
fn readme_samples_are_the_commands_real_output() {
    let root = repo_root();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let samples = samples(&readme);
    assert!(samples.len() >= 2, "the README shows at least two samples");
    for sample in samples {
        let input = sample.stdin.clone().unwrap_or_default();
        let out = output_with_stdin(saywho().args(&sample.args).current_dir(&root), input.as_bytes());
        assert!(
            out.status.success(),
            "README line {}: {:?} failed",
            sample.line,
            sample.args
        );
        let got = String::from_utf8(out.stdout).expect("UTF-8");
        assert_eq!(
            got,
            sample.expected,
            "README line {}: `saywho {}` prints something else; paste its output into the README",
            sample.line,
            sample.args.join(" ")
        );
    }
}
