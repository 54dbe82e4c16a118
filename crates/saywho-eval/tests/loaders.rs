//! Gold loaders: brat (PolNeAR), GGT lines, the seed format and format detection, on fixtures
//! written here.

use saywho_eval::gold::{detect_format, load, GoldFormat};
use saywho_eval::span::Span;
use saywho_eval::{ggt, polnear, seed, EvalError};
use serde_json::json;
use std::path::{Path, PathBuf};

/// Code-point span of the `nth` occurrence of `needle` in `text`.
fn find(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let byte = text
        .match_indices(needle)
        .nth(nth)
        .map(|(b, _)| b)
        .expect("needle in fixture");
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn spans(set: &saywho_eval::span::SpanSet) -> Vec<(usize, usize)> {
    set.fragments().iter().map(|s| (s.start, s.end)).collect()
}

/// A fresh folder under the system temp dir.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("saywho-eval-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

const BRAT_TEXT: &str = "Café owners were “shocked,” the mayor said. “We lost everything,” \
Ms. Okafor told reporters, “but we will reopen.”\n\nThe council believes the plan is sound.";

fn brat_fixture() -> String {
    let t = BRAT_TEXT;
    let (s1, e1) = find(t, "Café owners were “shocked,”", 0);
    let (s2, e2) = find(t, "the mayor", 0);
    let (s3, e3) = find(t, "said", 0);
    let (s4, e4) = find(t, "“We lost everything,”", 0);
    let (s5, e5) = find(t, "“but we will reopen.”", 0);
    let (s6, e6) = find(t, "Ms. Okafor", 0);
    let (s7, e7) = find(t, "told reporters", 0);
    let (s8, e8) = find(t, "the plan is sound", 0);
    let (s9, e9) = find(t, "believes", 0);
    format!(
        "T1\tContent {s1} {e1}\tCafé owners were “shocked,”\n\
         T2\tSource {s2} {e2}\tthe mayor\n\
         T3\tCue {s3} {e3}\tsaid\n\
         T4\tAttribution {s3} {e3}\tsaid\n\
         E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n\
         T5\tContent {s4} {e4};{s5} {e5}\t“We lost everything,” “but we will\n\
         reopen.”\n\
         T6\tSource {s6} {e6}\tMs. Okafor\n\
         T7\tCue {s7} {e7}\ttold reporters\n\
         T8\tAttribution {s7} {e7}\ttold reporters\n\
         E2\tSource:T6 Cue:T7 Attribution:T8 Content:T5\n\
         #1\tAnnotatorNotes T5\ttwo fragments\n\
         T9\tContent {s8} {e8}\tthe plan is sound\n\
         T10\tCue {s9} {e9}\tbelieves\n\
         T11\tAttribution-no-source {s9} {e9}\tbelieves\n\
         E3\tAttribution-no-source:T11 Cue:T10 Content:T9\n\
         E4\tAttribution-no-source:T11 \n"
    )
}

#[test]
fn brat_relations_become_gold_quotes() {
    let t = BRAT_TEXT;
    let (quotes, stats) = polnear::parse_ann(&brat_fixture(), t, Path::new("fixture.ann")).expect("parses");
    assert_eq!(stats.without_content, 1, "E4 has no Content");
    assert_eq!(quotes.len(), 3);

    assert_eq!(quotes[0].id, "E1");
    assert_eq!(spans(&quotes[0].span), vec![find(t, "Café owners were “shocked,”", 0)]);
    let (ms, me) = find(t, "the mayor", 0);
    assert_eq!(quotes[0].speaker_mention, Some(Span { start: ms, end: me }));
    assert_eq!(quotes[0].cue.as_deref(), Some("said"));
    assert_eq!(quotes[0].speaker, None, "PolNeAR has no resolved speaker");

    // Discontinuous content keeps both fragments; the covered text comes from the article.
    assert_eq!(
        spans(&quotes[1].span),
        vec![find(t, "“We lost everything,”", 0), find(t, "“but we will reopen.”", 0)]
    );
    assert_eq!(quotes[1].text, "“We lost everything,” “but we will reopen.”");
    assert_eq!(quotes[1].speaker_mention_text.as_deref(), Some("Ms. Okafor"));
    assert_eq!(quotes[1].cue.as_deref(), Some("told reporters"));

    assert_eq!(quotes[2].speaker_mention, None, "no Source");
    assert_eq!(quotes[2].cue.as_deref(), Some("believes"));
}

#[test]
fn brat_errors_name_the_annotation() {
    let t = BRAT_TEXT;
    let cases = [
        ("T1\tContent 5 9999\tx\n", "T1"),
        ("T1\tContent 9 5\tx\n", "T1"),
        ("T1\tContent five 9\tx\n", "T1"),
        ("T1\tContent 0 4\tCafé\nE1\tContent:T1 Source:T7\n", "E1"),
        ("T1\tContent 0 4\tCafé\nE1\tContent=T1\n", "E1"),
    ];
    for (ann, location) in cases {
        match polnear::parse_ann(ann, t, Path::new("bad.ann")) {
            Err(EvalError::Invalid { location: found, .. }) => assert_eq!(found, location, "{ann:?}"),
            other => panic!("{ann:?}: expected an Invalid error, got {other:?}"),
        }
    }
}

#[test]
fn polnear_folder_uses_the_first_annotator() {
    let dir = temp_dir("polnear");
    std::fs::create_dir_all(dir.join("text")).expect("mkdir");
    std::fs::create_dir_all(dir.join("attributions")).expect("mkdir");
    std::fs::write(dir.join("text/site_2016-01-01_story.txt"), BRAT_TEXT).expect("write");
    std::fs::write(dir.join("attributions/site_2016-01-01_story_b2.ann"), "").expect("write");
    std::fs::write(dir.join("attributions/site_2016-01-01_story_a1.ann"), brat_fixture()).expect("write");
    assert_eq!(detect_format(&dir).expect("detects"), GoldFormat::Polnear);
    let gold = load(&dir, None).expect("loads");
    assert_eq!(gold.documents.len(), 1);
    assert_eq!(gold.documents[0].id, "site_2016-01-01_story");
    assert_eq!(gold.quote_count(), 3, "the a1 file, not the empty b2 one");
    assert!(gold.merge_predicted_groups);
    assert!(!gold.annotations.resolved_speaker);
    let _ = std::fs::remove_dir_all(&dir);
}

const GGT_TEXT: &str = "“Taxes will not rise,” Mayor Lee said. Critics say she is wrong. \
Lee repeated: “Taxes will not rise.”";

#[test]
fn ggt_lines_use_aligned_spans_and_fall_back_to_search() {
    let t = GGT_TEXT;
    let (qs, qe) = find(t, "“Taxes will not rise,”", 0);
    let (ss, se) = find(t, "Mayor Lee", 0);
    let (second, _) = find(t, "Taxes will not rise.", 0);
    let line = json!({
        "id": "doc1",
        "text": t,
        "quotes": [
            {"quote": "“Taxes will not rise,”", "speaker": "Mayor Lee", "verb": "said",
             "reference": "Jane Lee", "quote_index": "(0,22)",
             "quote_span_aligned": [qs, qe], "speaker_span_aligned": [ss, se],
             "verb_span_aligned": null},
            // straight quotes in the annotation, curly in the text; nearest the drifted index
            {"quote": "\"Taxes will not rise.\"", "speaker": "Lee", "verb": "repeated",
             "reference": "Jane Lee", "quote_index": format!("({},{})", second + 3, second + 30),
             "quote_span_aligned": null, "speaker_span_aligned": null},
            {"quote": "nowhere in the text", "speaker": "", "verb": "", "reference": "Critics",
             "quote_span_aligned": null}
        ]
    });
    let (doc, stats) = ggt::parse_line(&line.to_string(), Path::new("g.jsonl"), 1).expect("parses");
    assert_eq!(doc.id, "doc1");
    assert_eq!(spans(&doc.quotes[0].span), vec![(qs, qe)]);
    assert_eq!(doc.quotes[0].speaker.as_deref(), Some("Jane Lee"));
    assert_eq!(doc.quotes[0].speaker_mention, Some(Span { start: ss, end: se }));
    assert_eq!(doc.quotes[0].cue.as_deref(), Some("said"));
    assert_eq!(spans(&doc.quotes[1].span), vec![find(t, "“Taxes will not rise.”", 0)]);
    assert_eq!(doc.quotes[1].speaker_mention, None);
    assert!(
        doc.quotes[2].span.is_empty(),
        "not found: an empty span, a certain miss"
    );
    assert_eq!(doc.quotes[2].cue, None, "blank verb");
    assert_eq!(
        stats,
        ggt::LineStats {
            located_by_search: 1,
            unlocated: 1,
            speaker_unaligned: 1,
            duplicates: 0
        }
    );
}

#[test]
fn ggt_repeated_quotes_are_dropped_and_counted() {
    let t = GGT_TEXT;
    let (qs, qe) = find(t, "“Taxes will not rise,”", 0);
    let (ss, se) = find(t, "Mayor Lee", 0);
    let quote = json!({"quote": "“Taxes will not rise,”", "speaker": "Mayor Lee", "verb": "said",
        "reference": "Jane Lee", "quote_span_aligned": [qs, qe], "speaker_span_aligned": [ss, se]});
    // The same span given to someone else is another annotation, and stays.
    let other = json!({"quote": "“Taxes will not rise,”", "speaker": "Mayor Lee", "verb": "said",
        "reference": "Critics", "quote_span_aligned": [qs, qe], "speaker_span_aligned": [ss, se]});
    let line = json!({"id": "doc1", "text": t, "quotes": [quote, other, quote]});
    let (doc, stats) = ggt::parse_line(&line.to_string(), Path::new("g.jsonl"), 1).expect("parses");
    assert_eq!(doc.quotes.len(), 2);
    assert_eq!(doc.quotes[1].speaker.as_deref(), Some("Critics"));
    assert_eq!(stats.duplicates, 1);
}

#[test]
fn ggt_search_prefers_the_occurrence_nearest_the_index() {
    let text = "He said “yes.” Later he said “yes.” again.";
    let first = find(text, "yes.", 0);
    let second = find(text, "yes.", 1);
    assert_eq!(
        ggt::locate(text, "yes.", Some(0)),
        Some(Span {
            start: first.0,
            end: first.1
        })
    );
    assert_eq!(
        ggt::locate(text, "yes.", Some(40)),
        Some(Span {
            start: second.0,
            end: second.1
        })
    );
    // enclosing marks and punctuation the text lacks are dropped for a second try
    assert_eq!(
        ggt::locate("He said yes!", "'yes.'", None),
        Some(Span { start: 8, end: 11 })
    );
    assert_eq!(ggt::locate("He said no.", "yes", None), None);
}

#[test]
fn ggt_bad_lines_are_errors_with_their_line() {
    let out_of_range = json!({"id": "d", "text": "short", "quotes": [
        {"quote": "x", "quote_span_aligned": [2, 50]}]});
    match ggt::parse_line(&out_of_range.to_string(), Path::new("g.jsonl"), 7) {
        Err(EvalError::Invalid { location, .. }) => {
            assert!(location.starts_with("line 7"), "{location}")
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    match ggt::parse_line("{not json", Path::new("g.jsonl"), 3) {
        Err(EvalError::Json { location, .. }) => assert_eq!(location, "line 3"),
        other => panic!("expected Json, got {other:?}"),
    }
}

#[test]
fn a_jsonl_file_without_gold_quotes_is_an_error_not_an_empty_gold_set() {
    let dir = temp_dir("no-gold");
    let corpus = json!({"id": "a", "text": "“Yes,” Ann Lee said."}).to_string();
    let empty = json!({"id": "b", "text": "x", "quotes": []}).to_string();
    let gold = json!({"id": "c", "text": "“Yes,” Ann Lee said.", "quotes": [
        {"quote": "Yes,", "quote_span_aligned": [1, 5]}]})
    .to_string();
    // (file contents, is it gold?)
    let cases = [
        (format!("{corpus}\n{corpus}\n"), false),
        (format!("{empty}\n"), false),
        (String::new(), false),
        (format!("{corpus}\n{gold}\n"), true),
    ];
    for (i, (contents, is_gold)) in cases.iter().enumerate() {
        let path = dir.join(format!("c{i}.jsonl"));
        std::fs::write(&path, contents).expect("write");
        match load(&path, None) {
            Ok(set) => assert!(is_gold, "case {i} loaded {} documents", set.documents.len()),
            Err(EvalError::NoGold { path: p, .. }) => assert!(!is_gold && p == path, "case {i}"),
            Err(other) => panic!("case {i}: {other}"),
        }
    }
    let message = load(&dir.join("c0.jsonl"), None).expect_err("no gold").to_string();
    assert!(
        message.starts_with("no gold quotes in ") && message.contains("2 lines"),
        "{message}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

const SEED_TEXT: &str = "Okafor posted a photo. “It’s been a long year,” she wrote on Instagram.";

fn seed_json(quote_start: usize, quote_end: usize) -> String {
    let (ss, se) = find(SEED_TEXT, "she", 0);
    let (cs, ce) = find(SEED_TEXT, "wrote", 0);
    json!({
        "doc_id": "fixture",
        "source": "article.txt",
        "quotes": [{
            "qid": "q1", "group": "g1", "type": "Direct",
            "quote": "It’s been a long year,", "quote_start": quote_start, "quote_end": quote_end,
            "speaker": "Ada Okafor", "speaker_mention": "she", "speaker_start": ss, "speaker_end": se,
            "cue": "wrote", "cue_start": cs, "cue_end": ce, "channel": "Instagram"
        }]
    })
    .to_string()
}

#[test]
fn seed_quotes_carry_every_field() {
    let (qs, qe) = find(SEED_TEXT, "It’s been a long year,", 0);
    let doc = seed::parse(&seed_json(qs, qe), SEED_TEXT.to_string(), Path::new("gold.json")).expect("parses");
    assert_eq!(doc.id, "fixture");
    let q = &doc.quotes[0];
    assert_eq!((q.id.as_str(), spans(&q.span)), ("q1", vec![(qs, qe)]));
    assert_eq!(q.speaker.as_deref(), Some("Ada Okafor"));
    assert_eq!(q.speaker_mention_text.as_deref(), Some("she"));
    assert_eq!(q.cue.as_deref(), Some("wrote"));
    assert_eq!(q.channel.as_deref(), Some("Instagram"));
    assert_eq!(q.kind.as_deref(), Some("direct"), "kind is lower-cased");
}

#[test]
fn seed_offsets_must_match_the_quote() {
    let (qs, qe) = find(SEED_TEXT, "It’s been a long year,", 0);
    for (start, end) in [(qs + 1, qe + 1), (qs, 10_000), (qe, qs)] {
        let result = seed::parse(&seed_json(start, end), SEED_TEXT.to_string(), Path::new("gold.json"));
        assert!(
            matches!(result, Err(EvalError::Invalid { ref location, .. }) if location == "quote q1"),
            "{start}..{end}: {result:?}"
        );
    }
}

#[test]
fn formats_are_detected_from_the_path() {
    let dir = temp_dir("detect");
    let (qs, qe) = find(SEED_TEXT, "It’s been a long year,", 0);
    std::fs::write(dir.join("gold.json"), seed_json(qs, qe)).expect("write");
    std::fs::write(dir.join("article.txt"), SEED_TEXT).expect("write");
    std::fs::write(dir.join("other.json"), r#"{"quotes": [{"id": 1}]}"#).expect("write");
    std::fs::write(dir.join("g.jsonl"), "").expect("write");
    assert_eq!(detect_format(&dir.join("gold.json")).expect("seed"), GoldFormat::Seed);
    assert_eq!(detect_format(&dir.join("g.jsonl")).expect("ggt"), GoldFormat::Ggt);
    assert!(matches!(
        detect_format(&dir.join("other.json")),
        Err(EvalError::UnknownFormat { .. })
    ));
    assert!(matches!(detect_format(&dir), Err(EvalError::UnknownFormat { .. })));
    assert!(matches!(
        detect_format(&dir.join("missing.txt")),
        Err(EvalError::UnknownFormat { .. })
    ));
    let gold = load(&dir.join("gold.json"), None).expect("seed loads with its article");
    assert_eq!(gold.documents[0].text, SEED_TEXT);
    assert!(gold.annotations.channel && gold.annotations.kind);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ggt_sources_by_gender_are_read_from_strings_or_arrays() {
    let text = "“Yes,” Cindy Dalglish said.";
    let as_strings = json!({
        "id": "a", "text": text, "quotes": [],
        "sources_female": "[\"Cindy Dalglish\"]", "sources_male": "[]", "sources_unknown": "[\" \"]",
    });
    let (doc, _) = ggt::parse_line(&as_strings.to_string(), Path::new("g.jsonl"), 1).expect("parses");
    let sources = doc.sources.expect("annotated");
    assert_eq!(sources.female, vec!["Cindy Dalglish".to_string()]);
    assert!(
        sources.male.is_empty() && sources.unknown.is_empty(),
        "blank names dropped"
    );

    let as_arrays = json!({"id": "b", "text": text, "sources_male": ["Doug McCallum"]});
    let (doc, _) = ggt::parse_line(&as_arrays.to_string(), Path::new("g.jsonl"), 2).expect("parses");
    assert_eq!(doc.sources.expect("annotated").male, vec!["Doug McCallum".to_string()]);

    let without = json!({"id": "c", "text": text});
    let (doc, _) = ggt::parse_line(&without.to_string(), Path::new("g.jsonl"), 3).expect("parses");
    assert_eq!(doc.sources, None);

    let broken = json!({"id": "d", "text": text, "sources_female": "[\"unclosed"});
    let err = ggt::parse_line(&broken.to_string(), Path::new("g.jsonl"), 4).expect_err("not a list");
    assert!(err.to_string().contains("line 4"), "{err}");
}

#[test]
fn gap_files_are_detected_by_name_and_not_loaded_as_quotations() {
    let dir = temp_dir("gap");
    let header = "ID\tText\tPronoun\tPronoun-offset\tA\tA-offset\tA-coref\tB\tB-offset\tB-coref\tURL\n";
    let line = "d-1\tAnn met Bea. She left.\tShe\t13\tAnn\t0\tFALSE\tBea\t8\tTRUE\thttp://x\n";
    let path = dir.join("gap-development.tsv");
    std::fs::write(&path, format!("{header}{line}")).expect("write");
    std::fs::write(dir.join("other.tsv"), "").expect("write");
    assert_eq!(detect_format(&path).expect("gap"), GoldFormat::Gap);
    assert!(detect_format(&dir.join("other.tsv")).is_err());
    assert!(matches!(load(&path, None), Err(EvalError::UnknownFormat { .. })));
    let set = saywho_eval::gap::load(&path).expect("loads");
    assert_eq!(set.examples.len(), 1);
    assert_eq!(set.examples[0].names[1].text, "Bea");
    assert!(set.examples[0].names[1].coref && !set.examples[0].names[0].coref);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A LitBank-style text: tokenised, one sentence a line, with characters beyond ASCII (curly
/// marks, an accented name) so that code points and bytes differ.
const LITBANK_TEXT: &str = "CHAPTER I. Zoë sat by the fire .\n\
‘ Oh dear ! ’ said Zoë , ‘ I shall be late !\n\
Come along ! ’\n\
“ Nonsense , ” Mr. Hall replied .\n";

#[test]
fn litbank_quotes_are_read_by_sentence_and_token() {
    let ann = "QUOTE\tQ2\t3\t0\t3\t3\t“ Nonsense , ”\n\
               QUOTE\tQ1\t1\t0\t1\t4\t‘ Oh dear ! ’\n\
               QUOTE\tQ3\t1\t8\t2\t3\t‘ I shall be late ! Come along ! ’\n\
               ATTRIB\tQ1\tZoë-0\n\
               ATTRIB\tQ3\tZoë-0\n\
               ATTRIB\tQ2\tMr__Hall-4\n\
               ATTRIB\tQ9\tNobody-1\n";
    let (quotes, stats) = saywho_eval::litbank::parse_ann(ann, LITBANK_TEXT, Path::new("x.ann")).expect("parses");
    assert_eq!(quotes.len(), 3);
    // File order is kept; the end token is inclusive; offsets are code points.
    assert_eq!(quotes[0].id, "Q2");
    assert_eq!(spans(&quotes[0].span), vec![find(LITBANK_TEXT, "“ Nonsense , ”", 0)]);
    assert_eq!(spans(&quotes[1].span), vec![find(LITBANK_TEXT, "‘ Oh dear ! ’", 0)]);
    // A quote over two sentences keeps the line break between them.
    assert_eq!(
        spans(&quotes[2].span),
        vec![find(LITBANK_TEXT, "‘ I shall be late !\nCome along ! ’", 0)]
    );
    assert_eq!(quotes[2].text, "‘ I shall be late !\nCome along ! ’");
    // The speaker is the entity's name: `_` read as a space, the entity number dropped.
    assert_eq!(quotes[0].speaker.as_deref(), Some("Mr Hall"));
    assert_eq!(quotes[1].speaker.as_deref(), Some("Zoë"));
    // No mention span, no cue: LitBank does not annotate them.
    assert!(quotes.iter().all(|q| q.speaker_mention.is_none() && q.cue.is_none()));
    assert_eq!(stats.orphan_attributions, 1);
    assert_eq!(stats.unresolved, 0);

    assert_eq!(
        saywho_eval::litbank::speaker_name("Tom_s_aunt-1").as_deref(),
        Some("Tom s aunt")
    );
    assert_eq!(saywho_eval::litbank::speaker_name("-3"), None);
    assert_eq!(
        saywho_eval::litbank::speaker_name("Narrator").as_deref(),
        Some("Narrator")
    );
}

#[test]
fn litbank_rows_that_disagree_with_the_text_are_errors() {
    let parse = |ann: &str| saywho_eval::litbank::parse_ann(ann, LITBANK_TEXT, Path::new("x.ann"));
    // The tokens do not hold the quotation.
    let err = parse("QUOTE\tQ1\t1\t0\t1\t2\t‘ Oh dear ! ’\n").expect_err("text differs");
    assert!(err.to_string().contains("Q1"), "{err}");
    // No such token, no such sentence.
    assert!(parse("QUOTE\tQ1\t1\t0\t1\t40\t‘\n").is_err());
    assert!(parse("QUOTE\tQ1\t9\t0\t9\t1\t‘\n").is_err());
    // Not a number, a short row, an unknown label.
    assert!(parse("QUOTE\tQ1\tone\t0\t1\t4\t‘ Oh dear ! ’\n").is_err());
    assert!(parse("QUOTE\tQ1\t1\t0\n").is_err());
    assert!(parse("SPEAKER\tQ1\tZoë-0\n").is_err());
    // A quote without attribution is unresolved, not an error; blank rows are skipped.
    let (quotes, stats) = parse("\nQUOTE\tQ1\t1\t0\t1\t4\t‘ Oh dear ! ’\n\n").expect("parses");
    assert_eq!((quotes[0].speaker.clone(), stats.unresolved), (None, 1));
}

#[test]
fn litbank_folders_are_detected_and_loaded() {
    let dir = temp_dir("litbank");
    let tsv = dir.join("tsv");
    std::fs::create_dir_all(&tsv).expect("mkdir");
    // A text without quotations has an empty .ann; it sorts first and must not hide the format.
    std::fs::write(tsv.join("1_empty_brat.ann"), "").expect("write");
    std::fs::write(tsv.join("1_empty_brat.txt"), "Nothing was said .\n").expect("write");
    std::fs::write(tsv.join("2_zoe_brat.txt"), LITBANK_TEXT).expect("write");
    std::fs::write(
        tsv.join("2_zoe_brat.ann"),
        "QUOTE\tQ1\t1\t0\t1\t4\t‘ Oh dear ! ’\nATTRIB\tQ1\tZoë-0\n",
    )
    .expect("write");
    std::fs::write(tsv.join("3_lonely_brat.txt"), "Alone .\n").expect("write");
    assert_eq!(detect_format(&tsv).expect("litbank"), GoldFormat::Litbank);
    assert_eq!(detect_format(&dir).expect("its parent too"), GoldFormat::Litbank);
    assert_eq!("litbank".parse::<GoldFormat>(), Ok(GoldFormat::Litbank));
    let gold = load(&tsv, None).expect("loads");
    assert_eq!(gold.format, GoldFormat::Litbank);
    let ids: Vec<&str> = gold.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, vec!["1_empty_brat", "2_zoe_brat"]);
    assert_eq!(gold.quote_count(), 1);
    assert!(gold.annotations.resolved_speaker && !gold.annotations.speaker_mention);
    assert!(gold
        .notes
        .iter()
        .any(|n| n.contains("texts without a .ann file, skipped: 1")));
    assert_eq!(
        load(&dir, Some(GoldFormat::Litbank)).expect("via tsv/").quote_count(),
        1
    );

    // A folder of other .ann files is not LitBank.
    let other = dir.join("other");
    std::fs::create_dir_all(&other).expect("mkdir");
    std::fs::write(other.join("a.ann"), "T1\tSource 0 3\tAnn\n").expect("write");
    std::fs::write(other.join("a.txt"), "Ann said so.").expect("write");
    assert!(detect_format(&other).is_err());
    let _ = std::fs::remove_dir_all(&dir);
}
