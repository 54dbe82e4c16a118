//! The store library on hand-made records: round trip, re-indexing, search syntax and
//! injection, dates, errors, and a report checked against counts made here.

use saywho_record::{
    entity_key, DateSource, DocError, EntityKind, EntityRecord, ErrorKind, Gender, GenderSource, Meta, Output,
    QuoteKind, QuoteRecord, Record, SpeakerRecord, TextSpan,
};
use saywho_store::{fts_literal, Error, Filters, Store, STORE_SCHEMA_VERSION};

fn span(text: &str, start: usize) -> TextSpan {
    TextSpan {
        text: text.into(),
        start,
        end: start + text.chars().count(),
    }
}

fn entity(id: usize, name: &str, kind: EntityKind, gender: Gender) -> EntityRecord {
    EntityRecord {
        id,
        name: name.into(),
        key: entity_key(name),
        kind,
        gender,
        gender_source: if gender == Gender::Unknown {
            GenderSource::None
        } else {
            GenderSource::Text
        },
        mentions: vec![
            span(name, 0),
            span(if gender == Gender::Female { "she" } else { "he" }, 40),
        ],
    }
}

fn quote(text: &str, speaker: Option<(&str, usize)>, channel: Option<&str>) -> QuoteRecord {
    QuoteRecord {
        text: text.into(),
        start: 10,
        end: 10 + text.chars().count(),
        kind: QuoteKind::Direct,
        group: 0,
        cue: Some(span("said", 60)),
        speaker: speaker.map(|(name, entity)| SpeakerRecord {
            name: name.into(),
            entity,
            mention: Some(span(name, 70)),
        }),
        channel: channel.map(str::to_string),
        confidence: 0.7,
    }
}

/// Three documents: Ann Lee (female) twice at the Herald, Bob Roe (male) and the Housing
/// Board (an organisation) at the Post, and an undated Herald story.
fn corpus() -> Vec<Output> {
    let ann = || entity(0, "Ann Lee", EntityKind::Person, Gender::Female);
    let doc = |id: &str, date: Option<&str>, outlet: &str, quotes, entities| Output {
        record: Record::new(id, quotes, entities),
        meta: Meta {
            date: date.map(str::to_string),
            outlet: Some(outlet.into()),
            title: Some(format!("Story {id}")),
            ..Meta::default()
        },
        text: Some(format!(
            "{id}: Ann Lee said “we must build more homes now” to reporters."
        )),
    };
    let mut outputs = vec![
        doc(
            "a",
            Some("2024-01-15"),
            "Herald",
            vec![
                quote("We must build more homes", Some(("Ann Lee", 0)), Some("Twitter")),
                quote("Rents are too high", Some(("Ann Lee", 0)), None),
            ],
            vec![ann()],
        ),
        doc(
            "b",
            Some("2024-02-03T08:00:00Z"),
            "Post",
            vec![
                quote("Housing is a right", Some(("Bob Roe", 0)), None),
                quote(
                    "The board will review housing rules",
                    Some(("Housing Board", 1)),
                    Some("statement"),
                ),
                quote("Nobody knows", None, None),
            ],
            vec![
                entity(0, "Bob Roe", EntityKind::Person, Gender::Male),
                entity(1, "Housing Board", EntityKind::Organization, Gender::Unknown),
            ],
        ),
        doc(
            "c",
            Some("sometime in March"),
            "Herald",
            vec![quote("Homes first", Some(("Ann Lee", 0)), None)],
            vec![ann()],
        ),
    ];
    // Where an HTML page's date came from is stored with it, and comes back.
    outputs[0].meta.date_source = Some(DateSource::Metadata);
    outputs
}

fn store_with(outputs: &[Output]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let mut w = store.writer(2).unwrap();
    for out in outputs {
        w.put(out).unwrap();
    }
    w.finish().unwrap();
    store
}

fn dump(store: &Store) -> Vec<String> {
    let conn = store.connection();
    let mut rows = Vec::new();
    for sql in [
        "SELECT id, url, title, date, date_raw, date_source, outlet, text, quote_count FROM documents ORDER BY id",
        "SELECT d.id, q.seq, q.text, q.kind, q.speaker_key, q.speaker_gender, q.channel FROM quotes q JOIN documents d USING (doc) ORDER BY 1, 2",
        "SELECT d.id, e.entity, e.name, e.key, e.gender FROM entities e JOIN documents d USING (doc) ORDER BY 1, 2",
        "SELECT d.id, m.entity, m.seq, m.text FROM mentions m JOIN documents d USING (doc) ORDER BY 1, 2, 3",
        "SELECT id, position, kind, message FROM errors ORDER BY 1, 2",
        "SELECT rowid, text FROM quotes_fts ORDER BY 1",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let mut q = stmt.query([]).unwrap();
        while let Some(r) = q.next().unwrap() {
            let cols: Vec<String> = (0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect();
            rows.push(cols.join("|"));
        }
    }
    rows
}

#[test]
fn documents_come_back_as_they_were_put() {
    let outputs = corpus();
    let store = store_with(&outputs);
    for out in &outputs {
        assert_eq!(store.get(&out.record.id).unwrap().as_ref(), Some(out));
    }
    let counts = store.counts().unwrap();
    assert_eq!(
        (counts.documents, counts.quotes, counts.entities, counts.mentions),
        (3, 6, 4, 8)
    );
    assert_eq!(store.integrity_check().unwrap(), "ok");
}

#[test]
fn indexing_again_changes_nothing_and_a_new_version_replaces_the_old() {
    let outputs = corpus();
    let mut store = store_with(&outputs);
    let before = dump(&store);
    let mut w = store.writer(500).unwrap();
    for out in &outputs {
        w.put(out).unwrap();
    }
    w.finish().unwrap();
    assert_eq!(dump(&store), before);

    let mut shorter = outputs[1].clone();
    shorter.record.quotes.truncate(1);
    store.put(&shorter).unwrap();
    assert_eq!(store.get("b").unwrap(), Some(shorter));
    assert_eq!(store.counts().unwrap().quotes, 4);
    // The FTS index follows: the quote removed is no longer found.
    assert!(store.search(Some("board"), &Filters::default(), 10).unwrap().is_empty());
    assert_eq!(store.integrity_check().unwrap(), "ok");
    // The FTS index matches the quotes table exactly (rank 1: compare with the content too).
    store
        .connection()
        .execute(
            "INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .unwrap();
}

#[test]
fn a_writer_dropped_without_finish_keeps_only_committed_batches() {
    let outputs = corpus();
    let mut store = Store::open_in_memory().unwrap();
    {
        let mut w = store.writer(2).unwrap();
        for out in &outputs {
            w.put(out).unwrap();
        }
        // Dropped: the third document's batch is rolled back.
    }
    assert_eq!(store.counts().unwrap().documents, 2);
}

#[test]
fn error_records_are_kept_and_a_later_success_clears_them() {
    let mut store = store_with(&corpus());
    let e = DocError::new("d", "corpus.jsonl:4", ErrorKind::MalformedJson, "expected value");
    store.put_error(&e).unwrap();
    store.put_error(&e).unwrap();
    let also_a = DocError::new("a", "corpus.jsonl:1", ErrorKind::TooLarge, "too big");
    store.put_error(&also_a).unwrap();
    // The document already stored under "a" stays.
    assert_eq!(store.counts().unwrap().documents, 3);
    assert_eq!(store.counts().unwrap().errors, 2);
    store.put(&corpus()[0]).unwrap();
    assert_eq!(store.counts().unwrap().errors, 1);
    let kind: String = store
        .connection()
        .query_row("SELECT kind FROM errors WHERE id = 'd'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kind, "malformed_json");
}

#[test]
fn fts_phrases_prefixes_and_operators() {
    let store = store_with(&corpus());
    let texts = |q: &str| -> Vec<String> {
        let mut t: Vec<String> = store
            .search(Some(q), &Filters::default(), 50)
            .unwrap()
            .into_iter()
            .map(|h| h.quote)
            .collect();
        t.sort();
        t
    };
    assert_eq!(texts("\"build more homes\""), ["We must build more homes"]);
    assert_eq!(
        texts("hous*"),
        ["Housing is a right", "The board will review housing rules"]
    );
    assert_eq!(texts("housing NOT board"), ["Housing is a right"]);
    assert_eq!(texts("homes OR rents").len(), 3);
    // Context comes from the document text.
    let hit = &store.search(Some("\"build more\""), &Filters::default(), 1).unwrap()[0];
    assert_eq!(hit.before, "a: Ann Lee");
    assert_eq!(hit.after, "e homes now” to reporters.");
    assert_eq!(hit.date.as_deref(), Some("2024-01-15"));
}

#[test]
fn queries_are_parameters_and_bad_fts_syntax_is_a_clear_error() {
    let store = store_with(&corpus());
    for bad in [
        "\"unbalanced",
        "AND",
        "homes AND",
        "(homes",
        "nosuchcolumn:homes",
        "'; DROP TABLE quotes; --",
    ] {
        match store.search(Some(bad), &Filters::default(), 10) {
            Err(Error::Query { query, message }) => {
                assert_eq!(query, bad);
                assert!(!message.is_empty());
            }
            other => panic!("{bad:?}: {other:?}"),
        }
        // The same words searched literally are a valid query.
        let literal = fts_literal(bad).unwrap();
        store.search(Some(&literal), &Filters::default(), 10).unwrap();
        assert!(matches!(
            store.report(Some(bad), &Filters::default()),
            Err(Error::Query { .. })
        ));
    }
    // Filters are parameters too: a quote character in a value is just a character.
    let f = Filters {
        outlet: Some("Herald' OR '1'='1".into()),
        ..Filters::default()
    };
    assert!(store.search(None, &f, 10).unwrap().is_empty());
    assert_eq!(store.counts().unwrap().quotes, 6);
}

#[test]
fn missing_and_malformed_dates_are_left_out_of_date_filters_only() {
    let store = store_with(&corpus());
    let c = store.get("c").unwrap().unwrap();
    assert_eq!(c.meta.date.as_deref(), Some("sometime in March"));
    let date: Option<String> = store
        .connection()
        .query_row("SELECT date FROM documents WHERE id = 'c'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(date, None);
    let n = |f: Filters| store.search(None, &f, 100).unwrap().len();
    assert_eq!(n(Filters::default()), 6);
    let from = |d: &str| Filters {
        from: Some(d.into()),
        ..Filters::default()
    };
    assert_eq!(n(from("2024-01-01")), 5);
    assert_eq!(n(from("2024-02-01")), 3);
    let to = Filters {
        to: Some("2024-01-31".into()),
        ..Filters::default()
    };
    assert_eq!(n(to), 2);
    assert!(matches!(
        store.search(None, &from("2024-02-30"), 1),
        Err(Error::Filter { .. })
    ));
    assert!(matches!(
        store.search(None, &from("Feb 2024"), 1),
        Err(Error::Filter { .. })
    ));
}

#[test]
fn speaker_gender_outlet_and_kind_filters() {
    let store = store_with(&corpus());
    let n = |f: Filters| store.search(None, &f, 100).unwrap().len();
    let by = |s: &str| Filters {
        speaker: Some(s.into()),
        ..Filters::default()
    };
    assert_eq!(n(by("Ann Lee")), 3);
    assert_eq!(n(by("ann-lee")), 3);
    assert_eq!(n(by("ANN  LEE")), 3);
    let gender = Filters {
        gender: Some(Gender::Male),
        ..Filters::default()
    };
    assert_eq!(n(gender), 1);
    let outlet = Filters {
        outlet: Some("Post".into()),
        ..Filters::default()
    };
    assert_eq!(n(outlet), 3);
    let kind = Filters {
        kind: Some(QuoteKind::Indirect),
        ..Filters::default()
    };
    assert_eq!(n(kind), 0);
}

#[test]
fn report_on_an_empty_store() {
    let store = Store::open_in_memory().unwrap();
    let r = store.report(None, &Filters::default()).unwrap();
    assert_eq!((r.documents, r.quotes, r.errors), (0, 0, 0));
    assert!(r.people.is_empty() && r.gender_by_outlet.is_empty() && r.channels.is_empty());
    assert_eq!(r.gender.people.total(), 0);
    let r = store.report(Some("housing"), &Filters::default()).unwrap();
    assert_eq!(r.quotes, 0);
}

#[test]
fn report_counts_people_quotes_outlets_months_and_channels() {
    let store = store_with(&corpus());
    let r = store.report(None, &Filters::default()).unwrap();
    assert_eq!((r.documents, r.documents_with_quotes, r.quotes), (3, 3, 6));
    let people: Vec<(&str, u64, u64)> = r
        .people
        .iter()
        .map(|c| (c.name.as_str(), c.quotes, c.documents))
        .collect();
    assert_eq!(people, [("Ann Lee", 3, 2), ("Bob Roe", 1, 1)]);
    assert_eq!(r.people[0].gender.as_deref(), Some("female"));
    assert_eq!(r.organizations[0].key, "housing-board");
    // People: Ann (f), Bob (m). Person quotes: Ann 3, Bob 1. The board and the unattributed
    // quote are not people.
    assert_eq!(
        (r.gender.people.female, r.gender.people.male, r.gender.people.unknown),
        (1, 1, 0)
    );
    assert_eq!(
        (r.gender.quotes.female, r.gender.quotes.male, r.gender.quotes.unknown),
        (3, 1, 0)
    );
    let outlets: Vec<(&str, u64, u64)> = r
        .gender_by_outlet
        .iter()
        .map(|g| (g.group.as_str(), g.quotes.female, g.quotes.male))
        .collect();
    assert_eq!(outlets, [("Herald", 3, 0), ("Post", 0, 1)]);
    let months: Vec<&str> = r.gender_by_month.iter().map(|g| g.group.as_str()).collect();
    assert_eq!(months, ["2024-01", "2024-02", "(no date)"]);
    let channels: Vec<(&str, u64)> = r.channels.iter().map(|c| (c.key.as_str(), c.quotes)).collect();
    assert_eq!(channels, [("(none)", 4), ("Twitter", 1), ("statement", 1)]);
    // With a query: only the housing quotes.
    let h = store.report(Some("housing"), &Filters::default()).unwrap();
    assert_eq!((h.quotes, h.gender.quotes.male, h.organizations.len()), (2, 1, 1));
}

#[test]
fn speakers_with_gender_evidence_and_names() {
    let store = store_with(&corpus());
    let speakers = store.speakers(&Filters::default(), None, 10).unwrap();
    let ann = &speakers[0];
    assert_eq!(
        (ann.key.as_str(), ann.name.as_str(), ann.kind.as_str()),
        ("ann-lee", "Ann Lee", "person")
    );
    assert_eq!((ann.quotes, ann.documents, ann.female_documents), (3, 2, 2));
    assert_eq!((ann.gender.as_str(), ann.gender_source.as_str()), ("female", "text"));
    assert_eq!(ann.names, ["Ann Lee", "she"]);
    let orgs = store
        .speakers(&Filters::default(), Some(EntityKind::Organization), 10)
        .unwrap();
    assert_eq!(orgs.len(), 1);
    assert_eq!(
        (orgs[0].gender.as_str(), orgs[0].gender_source.as_str()),
        ("unknown", "none")
    );
}

#[test]
fn the_type_filter_selects_the_type_each_speaker_row_shows() {
    // (speaker, the type each of its articles gives it): Acme is an organisation in two
    // articles and a person in one; Tie Co is each once (a tie goes to person).
    let typed: [(&str, &[EntityKind]); 3] = [
        (
            "Acme",
            &[EntityKind::Organization, EntityKind::Organization, EntityKind::Person],
        ),
        ("Tie Co", &[EntityKind::Person, EntityKind::Organization]),
        ("Ann Lee", &[EntityKind::Person]),
    ];
    let mut outputs = Vec::new();
    for (name, kinds) in typed {
        for (i, kind) in kinds.iter().enumerate() {
            outputs.push(Output {
                record: Record::new(
                    format!("{name}-{i}"),
                    vec![quote("We will go on", Some((name, 0)), None)],
                    vec![entity(0, name, *kind, Gender::Unknown)],
                ),
                meta: Meta::default(),
                text: None,
            });
        }
    }
    let store = store_with(&outputs);
    // (--type, the rows: name, type shown, quotes)
    type Row<'a> = (&'a str, &'a str, u64);
    let cases: [(Option<EntityKind>, &[Row]); 4] = [
        (
            None,
            &[
                ("Acme", "organization", 3),
                ("Tie Co", "person", 2),
                ("Ann Lee", "person", 1),
            ],
        ),
        (
            Some(EntityKind::Person),
            &[("Tie Co", "person", 2), ("Ann Lee", "person", 1)],
        ),
        (Some(EntityKind::Organization), &[("Acme", "organization", 3)]),
        (Some(EntityKind::Other), &[]),
    ];
    for (kind, expected) in cases {
        let rows = store.speakers(&Filters::default(), kind, 10).unwrap();
        let rows: Vec<(&str, &str, u64)> = rows
            .iter()
            .map(|s| (s.name.as_str(), s.kind.as_str(), s.quotes))
            .collect();
        assert_eq!(rows, expected, "--type {kind:?}");
    }
}

#[test]
fn a_file_store_reopens_read_only_and_refuses_other_files() {
    let dir = std::env::temp_dir().join(format!("saywho-store-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("c.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.put(&corpus()[0]).unwrap();
    }
    let ro = Store::open_read_only(&path).unwrap();
    assert_eq!(ro.counts().unwrap().documents, 1);
    assert_eq!(ro.report(None, &Filters::default()).unwrap().quotes, 2);
    let other = dir.join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let e = Store::open_read_only(&other);
    assert!(matches!(e, Err(Error::NotAStore)), "{e:?}");
    // Opened for writing (`saywho index` into it), another application's database is refused
    // and left as it was: no tables added, its journal mode unchanged.
    let tables = |path: &std::path::Path| -> Vec<String> {
        let conn = rusqlite::Connection::open(path).unwrap();
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let e = Store::open(&other);
    assert!(matches!(e, Err(Error::Foreign { tables: 1 })), "{e:?}");
    assert_eq!(tables(&other), ["t"]);
    let mode: String = rusqlite::Connection::open(&other)
        .unwrap()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    // An empty database becomes a store.
    let empty = dir.join("empty.db");
    rusqlite::Connection::open(&empty)
        .unwrap()
        .execute_batch("VACUUM")
        .unwrap();
    assert!(Store::open(&empty).is_ok());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_version_1_store_is_upgraded_when_opened_for_writing() {
    let dir = std::env::temp_dir().join(format!("saywho-store-v1-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("v1.db");
    let mut old = corpus()[1].clone();
    {
        let mut store = Store::open(&path).unwrap();
        store.put(&old).unwrap();
    }
    // What a store written by version 1 looks like: no `date_source` column.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "ALTER TABLE documents DROP COLUMN date_source;
             UPDATE meta SET value = '1' WHERE key = 'schema_version';",
        )
        .unwrap();
    let e = Store::open_read_only(&path);
    assert!(
        matches!(&e, Err(Error::SchemaVersion { found, .. }) if found == "1"),
        "{:?}",
        e.err()
    );
    {
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.get("b").unwrap().as_ref(), Some(&old));
        old.meta.date_source = Some(DateSource::Dateline);
        store.put(&old).unwrap();
    }
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.get("b").unwrap().as_ref(), Some(&old));
    let version: String = store
        .connection()
        .query_row("SELECT value FROM meta WHERE key = 'schema_version'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, STORE_SCHEMA_VERSION);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn confidence_is_stored_as_the_record_writes_it() {
    // 0.7f32 widened is 0.699999988079071; SQL and search show the record's 0.7.
    let store = store_with(&corpus());
    let stored: f64 = store
        .connection()
        .query_row("SELECT DISTINCT confidence FROM quotes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, 0.7);
    let hits = store.search(None, &saywho_store::Filters::default(), 1).unwrap();
    assert_eq!(hits[0].confidence, 0.7);
}
