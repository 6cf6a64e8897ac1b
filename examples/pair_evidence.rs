//! Prints the evidence behind every candidate sentence pair of a comparison, as one JSON
//! object: the documents' body sentences (id and text) and, per candidate pair, the two
//! sentence ids and the feature vector the learned pair scorer reads. Used by
//! `scripts/train_aligner.py`; not part of the tool.
//!
//! usage: cargo run --release --example pair_evidence -- a.txt b.txt [c.txt …]

use parallax::align::evidence;
use parallax::ingest::{Input, ReadOptions};
use parallax::report::doc_id;
use serde_json::json;

fn main() {
    let inputs: Vec<Input> = std::env::args_os()
        .skip(1)
        .map(|a| Input::Path(a.into()))
        .collect();
    let (docs, _) = match parallax::read_all(&inputs, &[], &ReadOptions::default()) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("pair_evidence: {e}");
            std::process::exit(2);
        }
    };
    let (sentences, cands) = parallax::align::evidence_of(&docs);
    let sid = |i: u32| {
        let r = sentences[i as usize];
        format!("{}.s{}", doc_id(r.doc), r.ordinal + 1)
    };
    let documents: Vec<_> = docs
        .iter()
        .enumerate()
        .map(|(d, doc)| {
            let mut ordinal = 0;
            let paragraphs: Vec<_> = doc
                .paragraphs
                .iter()
                .map(|p| {
                    let sentences: Vec<_> = p
                        .sentences
                        .iter()
                        .map(|s| {
                            ordinal += 1;
                            json!({"id": format!("{}.s{ordinal}", doc_id(d)), "text": doc.slice(s.span)})
                        })
                        .collect();
                    json!({"kind": p.kind.as_str(), "sentences": sentences})
                })
                .collect();
            json!({"id": doc_id(d), "label": doc.label, "paragraphs": paragraphs})
        })
        .collect();
    let pairs: Vec<_> = cands
        .iter()
        .map(|c| json!([sid(c.a), sid(c.b), c.x.to_vec()]))
        .collect();
    let out = json!({"features": evidence::NAMES, "documents": documents, "pairs": pairs});
    println!("{out}");
}
