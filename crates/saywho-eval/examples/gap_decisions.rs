//! One JSON line per GAP example: the gold and predicted answers, the pronoun's cluster and the
//! number of quotes found; to compare two engines' decisions example by example.
//! `cargo run -p saywho-eval --example gap_decisions -- gap-development.tsv > out.jsonl`
use saywho_eval::gap;

fn main() {
    let path = std::env::args().nth(1).expect("a GAP .tsv file");
    let set = gap::load(std::path::Path::new(&path)).expect("loads");
    let engine = saywho::Engine::new();
    for example in &set.examples {
        let doc = engine.analyze(&example.text).expect("analyses");
        let mentions = gap::engine_mentions(&engine, &example.text).expect("mentions");
        let answer = gap::decide(example, &mentions);
        let byte = |c: usize| {
            example
                .text
                .char_indices()
                .nth(c)
                .map_or(example.text.len(), |(b, _)| b)
        };
        let p = byte(example.pronoun_offset);
        let entity = mentions.iter().find(|m| m.start <= p && p < m.end).map(|m| m.entity);
        let cluster: Vec<String> = mentions
            .iter()
            .filter(|m| Some(m.entity) == entity)
            .map(|m| format!("{}@{}", &example.text[m.start..m.end], m.start))
            .collect();
        let name_entities: Vec<Vec<u32>> = example
            .names
            .iter()
            .map(|n| {
                let (s, e) = (byte(n.offset), byte(n.offset + n.text.chars().count()));
                mentions
                    .iter()
                    .filter(|m| m.start < e && s < m.end)
                    .map(|m| m.entity)
                    .collect()
            })
            .collect();
        let line = serde_json::json!({
            "id": example.id,
            "gender": format!("{:?}", example.gender),
            "gold": [example.names[0].coref, example.names[1].coref],
            "pred": answer,
            "pronoun_entity": entity,
            "name_entities": name_entities,
            "cluster": cluster,
            "quotes": doc.quotes.len(),
        });
        println!("{line}");
    }
}
