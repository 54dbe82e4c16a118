//! Work grows linearly with a document's length: coreference counts the entries it reads
//! (history, indexes) in `Doc::work`, a deterministic measure, so these tests never time
//! anything. Before the candidate window and the name indexes, every name was compared with
//! every cluster and every pronoun with every entity: the count grew with the square of the
//! document.

use saywho::Engine;

/// A made-up name from `i`, distinct for every `i` ("Bakemo").
fn name(mut i: usize) -> String {
    const CONSONANTS: &[u8] = b"bdfgklmnprstvz";
    const VOWELS: &[u8] = b"aeiou";
    let mut s = String::new();
    for k in 0..3 {
        let c = CONSONANTS[i % CONSONANTS.len()];
        i /= CONSONANTS.len();
        let v = VOWELS[i % VOWELS.len()];
        i /= VOWELS.len();
        s.push(if k == 0 { c.to_ascii_uppercase() } else { c } as char);
        s.push(v as char);
    }
    s
}

/// A document of about `bytes` bytes made of `piece(i)` for i = 0, 1, 2 …
fn document(bytes: usize, piece: impl Fn(usize) -> String) -> String {
    let mut out = String::new();
    for i in 0.. {
        let p = piece(i);
        if out.len() + p.len() > bytes {
            break;
        }
        out.push_str(&p);
    }
    out
}

/// A new person in every sentence, each a speaker (the benchmark's `said_that`).
fn said_that(i: usize) -> String {
    let gap = if i % 10 == 9 { "\n\n" } else { " " };
    format!(
        "{} {} said that the plan {i} works.{gap}",
        name(i),
        name(i.wrapping_mul(7919))
    )
}

/// Many names, no quote (`names_only`).
fn names_only(i: usize) -> String {
    let gap = if i % 10 == 9 { "\n\n" } else { " " };
    format!(
        "{} {} visited the plan {i} site.{gap}",
        name(i),
        name(i.wrapping_mul(7919))
    )
}

/// People, organisations, pronouns and descriptions to resolve, and quotes.
fn pronouns(i: usize) -> String {
    format!(
        "Mayor {a} {b} met {c} Corp. officials. He said they would pay. “It is fair,” she said. \
         The mayor told reporters the company agreed, and its chief said it would.\n\n",
        a = name(i),
        b = name(i.wrapping_mul(31)),
        c = name(i.wrapping_mul(7919)),
    )
}

fn work(text: &str) -> saywho::coref::Work {
    Engine::new().analyze(text).expect("analyzed").work
}

/// Work at 4 times the size is at most about 4 times the work, and within budget.
fn assert_linear(label: &str, piece: fn(usize) -> String) {
    let small = document(40_000, piece);
    let large = document(160_000, piece);
    let (w1, w4) = (work(&small), work(&large));
    assert!(!w4.degraded(), "{label}: {w4:?} is over budget");
    let ratio = w4.spent as f64 / w1.spent.max(1) as f64;
    assert!(
        ratio < 4.6,
        "{label}: 4x the text took {ratio:.2}x the work ({} → {})",
        w1.spent,
        w4.spent
    );
}

#[test]
fn work_grows_linearly_with_many_speakers() {
    assert_linear("said_that", said_that);
}

#[test]
fn work_grows_linearly_with_many_names() {
    assert_linear("names_only", names_only);
}

#[test]
fn work_grows_linearly_with_many_pronouns() {
    assert_linear("pronouns", pronouns);
}

#[test]
fn a_news_article_is_far_within_budget() {
    let text = include_str!("../../../examples/article.txt");
    let w = work(text);
    assert!(w.spent * 20 < w.budget, "{w:?}");
}

#[test]
fn pronouns_past_the_budget_degrade_deterministically() {
    // Every word a pronoun after a crowd of people: each look-up would read the whole window.
    let crowd: String = (0..300)
        .map(|i| format!("{} {} came. ", name(i), name(i * 7)))
        .collect();
    let text = format!("{crowd}{}", "He saw her and she saw him. ".repeat(20_000));
    let doc = Engine::new().analyze(&text).expect("analyzed");
    assert!(doc.work.degraded(), "{:?}", doc.work);
    // Past the budget each look-up reads a bounded number of entries.
    let queries = doc.queries.len() as u64;
    assert!(
        doc.work.spent <= doc.work.budget + (saywho::coref::DEGRADED_LOOKBACK as u64 + 2) * queries,
        "{:?} for {queries} queries",
        doc.work
    );
    let again = Engine::new().analyze(&text).expect("analyzed");
    assert_eq!(again.queries, doc.queries);
    assert_eq!(again.to_record("a"), doc.to_record("a"));
}
