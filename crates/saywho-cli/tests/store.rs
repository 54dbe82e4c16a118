//! `saywho index`, `search`, `report` and `speakers` as a user runs them: the store holds what
//! `extract` outputs, indexing twice changes nothing, a killed index run leaves whole documents
//! and a rerun completes it, and the report's numbers match counts made here from the records.

mod common;

use common::{repo_root, saywho, TempDir};
use saywho_record::{Output, OutputLine};
use saywho_store::{Filters, Store};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output as Run;
use std::time::{Duration, Instant};

const BBC: &str = "../../../shared/data/news-corpus/bbc/bbc_news_2225.jsonl";

fn run(args: &[&str]) -> Run {
    saywho().args(args).output().expect("saywho runs")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A small corpus from the example article: outlets, dates in several forms (one missing, one
/// malformed), a quote in another article, and a broken line.
fn small_corpus(dir: &Path) -> PathBuf {
    let article = std::fs::read_to_string(repo_root().join("examples/article.txt")).unwrap();
    let other = "“We will not raise rents,” said Maria Lopez, the housing minister. She added that the \
                 plan was “fair to tenants”. Tom Reid, the opposition leader, said it was a failure.";
    let rows = [
        ("a1", article.as_str(), Some("2024-01-15"), Some("Herald")),
        ("a2", other, Some("2024-02-01T09:30:00Z"), Some("Herald")),
        ("a3", article.as_str(), Some("3 March 2024"), Some("Post")),
        ("a4", other, None, Some("Post")),
        ("a5", other, Some("sometime"), None),
    ];
    let mut lines = String::new();
    for (id, text, date, outlet) in rows {
        let mut v = serde_json::json!({"id": id, "text": text, "title": format!("Story {id}")});
        if let Some(d) = date {
            v["date"] = d.into();
        }
        if let Some(o) = outlet {
            v["outlet"] = o.into();
        }
        lines.push_str(&v.to_string());
        lines.push('\n');
    }
    lines.push_str("{broken\n");
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, lines).unwrap();
    path
}

fn extract_records(corpus: &Path, dir: &Path) -> Vec<OutputLine> {
    let out = dir.join("extract.jsonl");
    let r = run(&["extract", s(corpus), "--emit-text", "-o", s(&out)]);
    assert!(r.status.code().unwrap() <= 1, "{}", String::from_utf8_lossy(&r.stderr));
    std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn documents(lines: &[OutputLine]) -> Vec<&Output> {
    lines
        .iter()
        .filter_map(|l| match l {
            OutputLine::Document(o) => Some(o.as_ref()),
            OutputLine::Error(_) => None,
        })
        .collect()
}

/// Every row of every table, rowids included: two stores that dump equal are the same.
fn dump(db: &Path) -> Vec<String> {
    let store = Store::open_read_only(db).unwrap();
    let conn = store.connection();
    let mut rows = Vec::new();
    for (table, sql) in [
        ("documents", "SELECT * FROM documents ORDER BY doc"),
        ("quotes", "SELECT * FROM quotes ORDER BY quote"),
        ("entities", "SELECT * FROM entities ORDER BY doc, entity"),
        ("mentions", "SELECT * FROM mentions ORDER BY doc, entity, seq"),
        ("errors", "SELECT * FROM errors ORDER BY id, position"),
        ("quotes_fts", "SELECT rowid, text FROM quotes_fts ORDER BY rowid"),
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let mut q = stmt.query([]).unwrap();
        while let Some(r) = q.next().unwrap() {
            let cols: Vec<String> = (0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect();
            rows.push(format!("{table}|{}", cols.join("|")));
        }
    }
    rows
}

#[test]
fn the_store_holds_what_extract_outputs_and_indexing_twice_changes_nothing() {
    let dir = TempDir::new("roundtrip");
    let corpus = small_corpus(&dir);
    let lines = extract_records(&corpus, &dir);
    let db = dir.join("c.db");
    let r = run(&["index", s(&corpus), "--db", s(&db)]);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(1), "one line failed: {stderr}");
    assert!(stderr.contains("6 documents read, 5 indexed, 1 failed"), "{stderr}");
    let store = Store::open_read_only(&db).unwrap();
    for out in documents(&lines) {
        assert_eq!(store.get(&out.record.id).unwrap().as_ref(), Some(out));
    }
    let counts = store.counts().unwrap();
    assert_eq!((counts.documents, counts.errors), (5, 1));
    let kind: String = store
        .connection()
        .query_row("SELECT kind FROM errors", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kind, "malformed_json");
    drop(store);

    let before = dump(&db);
    let again = run(&["index", s(&corpus), "--db", s(&db)]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(dump(&db), before, "a second run changed the store");

    // The extract output indexes to the same store (detected without --from-output).
    let db2 = dir.join("from-output.db");
    let r = run(&["index", s(&dir.join("extract.jsonl")), "--db", s(&db2)]);
    assert!(String::from_utf8_lossy(&r.stderr).contains("6 documents read, 5 indexed, 1 failed"));
    assert_eq!(dump(&db2), before);
}

#[test]
fn an_id_twice_in_one_run_is_said_to_replace_the_first() {
    let dir = TempDir::new("dupid");
    let corpus = dir.join("dup.jsonl");
    std::fs::write(
        &corpus,
        "{\"id\":\"x\",\"text\":\"\\\"One thing,\\\" said Ann Lee.\"}\n\
         {\"id\":\"y\",\"text\":\"\\\"Another,\\\" said Tom Reid.\"}\n\
         {\"id\":\"x\",\"text\":\"\\\"Two things,\\\" said Bob Jones.\"}\n",
    )
    .unwrap();
    let db = dir.join("d.db");
    let r = run(&["index", s(&corpus), "--db", s(&db)]);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(r.status.success(), "{stderr}");
    assert!(stderr.contains("3 documents read, 3 indexed"), "{stderr}");
    assert!(stderr.contains("now holds 2 documents"), "{stderr}");
    assert!(
        stderr.contains("warning: 1 document had the id of one indexed before in this run and replaced it"),
        "{stderr}"
    );
    assert!(stderr.contains("\"x\""), "{stderr}");
    // Lines without an id, in two files: their made-up ids collide, and the warning says why.
    let (one, two) = (dir.join("one.jsonl"), dir.join("two.jsonl"));
    std::fs::write(&one, "{\"text\":\"\\\"One,\\\" said Ann Lee.\"}\n").unwrap();
    std::fs::write(&two, "{\"text\":\"\\\"Two,\\\" said Bob Jones.\"}\n").unwrap();
    let r = run(&["index", s(&one), s(&two), "--db", s(&dir.join("lines.db"))]);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(stderr.contains("with --id-field"), "{stderr}");
    // A second run warns of "x" once more, and not of "y", which the first run stored.
    let again = run(&["index", s(&corpus), "--db", s(&db)]);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert_eq!(stderr.matches("warning").count(), 1, "{stderr}");
}

#[test]
fn search_filters_formats_and_bad_queries() {
    let dir = TempDir::new("search");
    let corpus = small_corpus(&dir);
    let db = dir.join("c.db");
    run(&["index", s(&corpus), "--db", s(&db), "--quiet"]);
    let jsonl = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut all = vec!["search", "--db", s(&db), "--format", "jsonl"];
        all.extend_from_slice(args);
        let r = run(&all);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        String::from_utf8_lossy(&r.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let all = jsonl(&["--limit", "1000"]).len();
    let rents = jsonl(&["rent*"]);
    assert!(!rents.is_empty());
    assert!(rents
        .iter()
        .all(|h| h["quote"].as_str().unwrap().to_lowercase().contains("rent")));
    // a4 (no date) and a5 (malformed) are out of date filters, in without them.
    let dated = jsonl(&["rent*", "--from", "2024-01-01"]);
    assert_eq!(dated.len(), 1, "only a2's rent quote is dated");
    let by_outlet = jsonl(&["rent*", "--outlet", "Post"]);
    assert_eq!(by_outlet.len(), 1);
    assert!(jsonl(&["--gender", "female", "--limit", "1000"]).len() < all);
    // A phrase and an operator; and a quote that would break SQL is only text.
    assert!(!jsonl(&["\"raise rents\" OR ferry"]).is_empty());
    assert!(jsonl(&["--literal", "x' OR 1=1; --"]).is_empty());
    for bad in ["\"raise rents", "OR", "rents AND"] {
        let r = run(&["search", bad, "--db", s(&db)]);
        assert_eq!(r.status.code(), Some(2));
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(
            err.contains("cannot read the search query") && err.contains("--literal") && !err.contains("panicked"),
            "{err}"
        );
    }
    // The command line's messages name its options.
    for (args, names) in [
        (
            &["search", "--from", "2024-02-30"][..],
            "--from \"2024-02-30\" is not a date",
        ),
        (&["report", "--to", "soon"], "--to \"soon\" is not a date"),
        (&["speakers", "--speaker", "++"], "--speaker \"++\" has no letters"),
    ] {
        let r = saywho().args(args).args(["--db", s(&db)]).output().expect("runs");
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(r.status.code() == Some(2) && err.contains(names), "{args:?}: {err}");
    }
    let csv = run(&["search", "rents", "--db", s(&db), "--format", "csv"]);
    assert!(String::from_utf8_lossy(&csv.stdout).starts_with("doc_id,title,date,outlet,url,quote,before,after"));
    let table = run(&["search", "rents", "--db", s(&db)]);
    assert!(String::from_utf8_lossy(&table.stdout).contains("[We will not raise rents,]"));
}

#[test]
fn reports_on_an_empty_store_in_every_format() {
    let dir = TempDir::new("empty");
    let db = dir.join("empty.db");
    let empty = dir.join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    run(&["index", s(&empty), "--db", s(&db)]);
    for (file, needle) in [
        ("r.html", "<svg"),
        ("r.md", "| 0 | 0 | 0 | 0 |"),
        ("r.json", "\"quotes\": 0"),
    ] {
        let out = dir.join(file);
        let r = run(&["report", "--db", s(&db), "-o", s(&out)]);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains(needle) || file == "r.html", "{file}: {text}");
    }
    let r = run(&["speakers", "--db", s(&db)]);
    assert!(r.status.success());
    let missing = run(&["report", "--db", s(&dir.join("nope.db"))]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no store at"));
}

/// Women, men and unknown as the report counts them, computed from the extract records.
#[derive(Default, Debug, PartialEq)]
struct Shares {
    people: [u64; 3],
    quotes: [u64; 3],
}

fn slot(gender: &str) -> usize {
    match gender {
        "female" => 0,
        "male" => 1,
        _ => 2,
    }
}

fn expected_shares(docs: &[&Output], group: impl Fn(&Output) -> String) -> BTreeMap<String, Shares> {
    // The corpus-wide gender of a key: more articles showing female than male, or the reverse.
    let mut votes: BTreeMap<String, [i64; 2]> = BTreeMap::new();
    for d in docs {
        for e in &d.record.entities {
            if let Some(k) = &e.key {
                let v = votes.entry(k.clone()).or_default();
                match e.gender.as_str() {
                    "female" => v[0] += 1,
                    "male" => v[1] += 1,
                    _ => {}
                }
            }
        }
    }
    let key_gender = |k: &str| match votes.get(k).map(|v| v[0].cmp(&v[1])) {
        Some(std::cmp::Ordering::Greater) => "female",
        Some(std::cmp::Ordering::Less) => "male",
        _ => "unknown",
    };
    let mut out: BTreeMap<String, Shares> = BTreeMap::new();
    let mut seen: BTreeSet<(String, String)> = BTreeSet::new();
    for d in docs {
        let g = group(d);
        for q in &d.record.quotes {
            let Some(e) = d.record.speaker_entity(q) else { continue };
            if e.kind.as_str() != "person" {
                continue;
            }
            out.entry(g.clone()).or_default().quotes[slot(e.gender.as_str())] += 1;
            if let Some(k) = &e.key {
                if seen.insert((g.clone(), k.clone())) {
                    out.entry(g.clone()).or_default().people[slot(key_gender(k))] += 1;
                }
            }
        }
    }
    out
}

#[test]
fn report_numbers_match_counts_made_from_the_extract_records() {
    let dir = TempDir::new("report");
    let bbc = Path::new(env!("CARGO_MANIFEST_DIR")).join(BBC);
    // The BBC corpus when it is there (thousands of speakers); the small corpus otherwise.
    let corpus = if bbc.is_file() {
        let lines: Vec<String> = std::fs::read_to_string(&bbc)
            .unwrap()
            .lines()
            .take(400)
            .enumerate()
            .map(|(i, l)| {
                let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["outlet"] = ["BBC", "Herald", "Post"][i % 3].into();
                if i % 7 != 0 {
                    v["date"] = format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28).into();
                }
                v.to_string()
            })
            .collect();
        let p = dir.join("bbc.jsonl");
        std::fs::write(&p, lines.join("\n")).unwrap();
        p
    } else {
        eprintln!("BBC corpus not found at {}; using the small corpus", bbc.display());
        small_corpus(&dir)
    };
    let lines = extract_records(&corpus, &dir);
    let docs = documents(&lines);
    let db = dir.join("c.db");
    run(&["index", s(&corpus), "--db", s(&db), "--quiet"]);
    let json = run(&["report", "--db", s(&db), "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let quotes: usize = docs.iter().map(|d| d.record.quotes.len()).sum();
    assert_eq!(report["documents"], docs.len());
    assert_eq!(report["quotes"], quotes);
    assert_eq!(
        report["documents_with_quotes"],
        docs.iter().filter(|d| !d.record.quotes.is_empty()).count()
    );
    let as_shares = |v: &serde_json::Value| Shares {
        people: ["female", "male", "unknown"].map(|g| v["people"][g].as_u64().unwrap()),
        quotes: ["female", "male", "unknown"].map(|g| v["quotes"][g].as_u64().unwrap()),
    };
    let overall = expected_shares(&docs, |_| String::new());
    assert_eq!(
        as_shares(&report["gender"]),
        overall.into_values().next().unwrap_or_default()
    );
    let by_outlet = expected_shares(&docs, |d| d.meta.outlet.clone().unwrap_or_else(|| "(none)".into()));
    for g in report["gender_by_outlet"].as_array().unwrap() {
        assert_eq!(as_shares(g), by_outlet[g["group"].as_str().unwrap()], "{}", g["group"]);
    }
    assert_eq!(report["gender_by_outlet"].as_array().unwrap().len(), by_outlet.len());
    let month = |d: &Output| {
        let date = d.meta.date.as_deref().and_then(saywho_store::normalize_date);
        date.map_or("(no date)".to_string(), |d| d[..7].to_string())
    };
    let by_month = expected_shares(&docs, month);
    for g in report["gender_by_month"].as_array().unwrap() {
        assert_eq!(as_shares(g), by_month[g["group"].as_str().unwrap()], "{}", g["group"]);
    }
    // The most quoted person and the channels.
    let mut per_key: BTreeMap<String, usize> = BTreeMap::new();
    let mut channels: BTreeMap<String, u64> = BTreeMap::new();
    for d in &docs {
        for q in &d.record.quotes {
            *channels
                .entry(q.channel.clone().unwrap_or_else(|| "(none)".into()))
                .or_default() += 1;
            if let Some(e) = d.record.speaker_entity(q).filter(|e| e.kind.as_str() == "person") {
                if let Some(k) = &e.key {
                    *per_key.entry(k.clone()).or_default() += 1;
                }
            }
        }
    }
    let top = per_key.values().max().copied().unwrap_or(0);
    assert_eq!(report["people"][0]["quotes"], top);
    for c in report["channels"].as_array().unwrap() {
        assert_eq!(c["quotes"].as_u64().unwrap(), channels[c["key"].as_str().unwrap()]);
    }
    // The library agrees with the command, and a filter narrows the same way.
    let store = Store::open_read_only(&db).unwrap();
    let herald = Filters {
        outlet: Some("Herald".into()),
        ..Filters::default()
    };
    let r = store.report(None, &herald).unwrap();
    let herald_quotes: usize = docs
        .iter()
        .filter(|d| d.meta.outlet.as_deref() == Some("Herald"))
        .map(|d| d.record.quotes.len())
        .sum();
    assert_eq!(r.quotes as usize, herald_quotes);
    // The HTML page stands alone and escapes the data.
    let html = dir.join("r.html");
    run(&["report", "--db", s(&db), "-o", s(&html)]);
    let page = std::fs::read_to_string(&html).unwrap();
    // Nothing loaded from elsewhere (the SVG namespace URI is a name, not a fetch).
    assert!(page.contains("<svg"));
    for external in ["<script", "<link", "src=", "url(", "@import", "href="] {
        assert!(!page.contains(external), "{external}");
    }
}

#[test]
fn a_killed_index_run_leaves_whole_documents_and_a_rerun_completes_it() {
    let bbc = Path::new(env!("CARGO_MANIFEST_DIR")).join(BBC);
    if !bbc.is_file() {
        eprintln!("skipped: the BBC corpus is not at {}", bbc.display());
        return;
    }
    let dir = TempDir::new("kill");
    let full = dir.join("full.db");
    let r = run(&["index", s(&bbc), "--db", s(&full), "--quiet", "--batch", "50"]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let total = Store::open_read_only(&full).unwrap().counts().unwrap().documents;

    let killed = dir.join("killed.db");
    let mut child = saywho()
        .args(["index", s(&bbc), "--db", s(&killed), "--quiet", "--batch", "50"])
        .spawn()
        .unwrap();
    // Kill once some batches are committed, while the run is still going.
    let start = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(50));
        let committed = Store::open_read_only(&killed)
            .and_then(|s| s.counts())
            .map_or(0, |c| c.documents);
        if committed >= 100 || start.elapsed() > Duration::from_secs(120) {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();

    let store = Store::open_read_only(&killed).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let reference = Store::open_read_only(&full).unwrap();
    let ids: Vec<String> = {
        let mut stmt = store.connection().prepare("SELECT id FROM documents").unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    assert!(
        !ids.is_empty() && (ids.len() as u64) < total,
        "killed after {} of {total} documents",
        ids.len()
    );
    for id in &ids {
        // Whole documents only: each equals the uninterrupted run's, quotes and all.
        assert_eq!(store.get(id).unwrap(), reference.get(id).unwrap(), "{id}");
    }
    let stray: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM quotes WHERE doc NOT IN (SELECT doc FROM documents)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stray, 0);
    drop((store, reference));

    let r = run(&["index", s(&bbc), "--db", s(&killed), "--quiet", "--batch", "50"]);
    assert!(r.status.success());
    assert_eq!(dump(&killed), dump(&full));
}

#[test]
fn speakers_lists_counts_gender_evidence_and_names() {
    let dir = TempDir::new("speakers");
    let corpus = small_corpus(&dir);
    let db = dir.join("c.db");
    run(&["index", s(&corpus), "--db", s(&db), "--quiet"]);
    let r = run(&["speakers", "--db", s(&db), "--format", "jsonl"]);
    let speakers: Vec<serde_json::Value> = String::from_utf8_lossy(&r.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let maria = speakers
        .iter()
        .find(|s| s["key"] == "maria-lopez")
        .expect("Maria Lopez is quoted");
    assert_eq!(maria["gender"], "female");
    assert_eq!(maria["gender_source"], "text");
    assert_eq!(maria["documents"], 3);
    assert!(maria["names"].as_array().unwrap().iter().any(|n| n == "She"));
    let table = run(&["speakers", "--db", s(&db), "--type", "person"]);
    assert!(String::from_utf8_lossy(&table.stdout).starts_with("SPEAKER"));
}

#[test]
fn a_missing_or_broken_store_is_one_clear_message_for_every_command() {
    let dir = TempDir::new("bad-store");
    let missing = dir.join("missing.db");
    let broken = dir.join("broken.db");
    std::fs::write(
        &broken,
        "not an SQLite file, not at all, and long enough to tell".repeat(4),
    )
    .unwrap();
    let commands: [&[&str]; 4] = [&["search", "x"], &["speakers"], &["report"], &["serve"]];
    for command in commands {
        // (store, what stderr says)
        for (db, says) in [(&missing, "no store at "), (&broken, "cannot open the store ")] {
            let out = saywho().args(command).arg("--db").arg(db).output().expect("runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{command:?} {}: {stderr}", db.display());
            assert!(stderr.contains(says), "{command:?}: {stderr}");
            if db == &broken {
                // SQLite's reason, said once (it came three times through the chain of causes).
                assert_eq!(stderr.matches("not a database").count(), 1, "{command:?}: {stderr}");
            } else {
                assert!(
                    stderr.contains("create one with `saywho index"),
                    "{command:?}: {stderr}"
                );
            }
        }
    }
}

#[test]
fn the_index_summary_counts_in_english() {
    let dir = TempDir::new("index-one");
    let article = dir.join("one.txt");
    std::fs::write(&article, "“Yes,” Ann Lee said.").unwrap();
    let db = dir.join("one.db");
    let r = run(&["index", s(&article), "--db", s(&db)]);
    assert!(r.status.success());
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(
        stderr.contains("saywho: 1 document read, 1 indexed, 0 failed (1 quote)\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("now holds 1 document, 1 quote, 1 entity, 0 error records\n"),
        "{stderr}"
    );
}
