//! Folders are read recursively, in path order, without hidden entries and without following a
//! symbolic link loop; a file's id is its path below the folder given, and ids that several
//! sources would share are reported in the plan.

mod common;

use common::TempDir;
use saywho_io::{plan, InputFormat, SharedId};
use std::path::{Path, PathBuf};

const ARTICLE: &[u8] = "“Yes,” Ann Lee said.".as_bytes();

fn write(root: &Path, relative: &str) -> PathBuf {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(&path, ARTICLE).expect("write");
    path
}

fn ids(plan: &saywho_io::Plan) -> Vec<&str> {
    plan.sources.iter().map(|s| s.id.as_str()).collect()
}

#[test]
fn folders_are_read_recursively_in_path_order_with_relative_ids() {
    let dir = TempDir::new("folders");
    let root = dir.0.join("corpus");
    for file in [
        "top.txt",
        "2024/jan/story.txt",
        "2024/feb/story.html",
        "2024/feb/notes.md",
        "2024/a.txt.gz",
        ".hidden.txt",
        ".git/objects/x.txt",
        "2024/.drafts/draft.txt",
        "b.jsonl",
    ] {
        write(&root, file);
    }
    #[cfg(unix)]
    {
        // A loop back to the top, and a second way into a folder already read.
        std::os::unix::fs::symlink(&root, root.join("2024/loop")).expect("symlink");
        std::os::unix::fs::symlink(root.join("2024/jan"), root.join("z-jan")).expect("symlink");
    }
    let plan = plan(std::slice::from_ref(&root), None).expect("plan");
    assert_eq!(ids(&plan), ["2024/a", "2024/feb/story", "2024/jan/story", "b", "top"]);
    let formats: Vec<InputFormat> = plan.sources.iter().map(|s| s.format).collect();
    use InputFormat::*;
    assert_eq!(formats, [Text, Html, Text, Jsonl, Text]);
    assert!(plan.shared_ids.is_empty(), "{:?}", plan.shared_ids);
    assert_eq!(plan.total_bytes, Some(5 * ARTICLE.len() as u64));

    // Ids are relative to the folder as given; a file given itself is its stem.
    let again = saywho_io::plan(&[root.join("2024/jan/../feb"), root.join("top.txt")], None).expect("plan");
    assert_eq!(ids(&again), ["story", "top"]);
    assert!(again.shared_ids.is_empty());
    #[cfg(unix)]
    {
        // From a subfolder, the link out of it is followed, once: the top folder is read
        // through it, but not the subfolder again.
        let sub = saywho_io::plan(&[root.join("2024")], None).expect("plan");
        assert_eq!(ids(&sub), ["a", "feb/story", "jan/story", "loop/b", "loop/top"]);
    }

    // The ids reach the output.
    let (summary, out, _) = common::run(&dir, &[root], None, &common::jsonl_options(2));
    let got: Vec<String> = common::json_lines(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap_or("?").to_string())
        .collect();
    assert_eq!(got, ["2024/a", "2024/feb/story", "2024/jan/story", "line-1", "top"]);
    assert_eq!(summary.failed, 1, "b.jsonl holds no JSON: its line is an error");
}

#[test]
fn ids_that_sources_would_share_are_reported() {
    let dir = TempDir::new("shared-ids");
    let one = write(&dir.0, "one/x/story.txt");
    write(&dir.0, "one/x/story.html");
    write(&dir.0, "two/x/story.txt");
    let lone = write(&dir.0, "three/story.txt");
    let plan = plan(
        &[
            dir.0.join("one"),
            dir.0.join("two"),
            lone.clone(),
            dir.0.join("two/x/story.txt"),
        ],
        None,
    )
    .expect("plan");
    assert_eq!(ids(&plan), ["x/story", "x/story", "x/story", "story", "story"]);
    let show = |p: &Path| p.display().to_string();
    assert_eq!(
        plan.shared_ids,
        [
            SharedId {
                id: "x/story".into(),
                paths: vec![
                    show(&one.with_extension("html")),
                    show(&one),
                    show(&dir.0.join("two/x/story.txt")),
                ],
            },
            SharedId {
                id: "story".into(),
                paths: vec![show(&lone), show(&dir.0.join("two/x/story.txt"))],
            },
        ]
    );
    // JSONL and WARC files hold their own ids: no warning for them.
    write(&dir.0, "four/a.jsonl");
    write(&dir.0, "five/a.jsonl");
    let plan = saywho_io::plan(&[dir.0.join("four"), dir.0.join("five")], None).expect("plan");
    assert!(plan.shared_ids.is_empty());
}
