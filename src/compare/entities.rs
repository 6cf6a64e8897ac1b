//! The entity table: which report mentions whom. Names found as facts (people, organisations,
//! places) are merged across reports when one is the other with words left off ("Peskov",
//! "Dmitry Peskov"; "Kaspersky", "Kaspersky Lab"), and counted per report.

use crate::extract::facts::FactKind;
use crate::extract::Extraction;

/// One named entity and how often each report names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The fullest form of the name any report uses.
    pub name: String,
    /// Person, organisation or place.
    pub kind: FactKind,
    /// Mentions per report, in input order.
    pub mentions: Vec<usize>,
}

/// Builds the entity table, most widely mentioned first.
pub fn table(extracted: &[Extraction], doc_texts: &[&str]) -> Vec<Entity> {
    use rustc_hash::FxHashMap;
    let n = extracted.len();
    let mut out: Vec<Entity> = Vec::new();
    // Names that could be one entity share their first or their last word: index both, so a
    // name is compared with those few entities, not with every entity so far.
    let mut by_word: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (d, x) in extracted.iter().enumerate() {
        for f in &x.facts {
            if !matches!(f.kind, FactKind::Person | FactKind::Org | FactKind::Place) {
                continue;
            }
            let name = f
                .value
                .clone()
                .unwrap_or_else(|| f.span.slice(doc_texts[d]).to_string());
            let ends = |s: &str| -> [String; 2] {
                let mut ws = s.split_whitespace();
                let first = ws.next().unwrap_or_default().to_string();
                let last = ws.next_back().map_or_else(|| first.clone(), str::to_string);
                [first, last]
            };
            let keys = ends(&name);
            let found = keys
                .iter()
                .filter_map(|k| by_word.get(k))
                .flatten()
                .copied()
                .filter(|&e| same_entity(&out[e].name, &name))
                .min();
            match found {
                Some(e) => {
                    out[e].mentions[d] += 1;
                    if name.len() > out[e].name.len() {
                        out[e].name = name;
                        out[e].kind = f.kind;
                        for k in ends(&out[e].name) {
                            by_word.entry(k).or_default().push(e);
                        }
                    }
                }
                None => {
                    let mut mentions = vec![0; n];
                    mentions[d] = 1;
                    for k in keys {
                        by_word.entry(k).or_default().push(out.len());
                    }
                    out.push(Entity {
                        name,
                        kind: f.kind,
                        mentions,
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| {
        let reach = |e: &Entity| e.mentions.iter().filter(|&&m| m > 0).count();
        reach(b)
            .cmp(&reach(a))
            .then(
                b.mentions
                    .iter()
                    .sum::<usize>()
                    .cmp(&a.mentions.iter().sum::<usize>()),
            )
            .then(a.name.cmp(&b.name))
    });
    out
}

/// "Dmitry Peskov" and "Peskov", "Kaspersky Lab" and "Kaspersky": one name is the other's
/// words with some left off at either end.
fn same_entity(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let wa: Vec<&str> = a.split_whitespace().collect();
    let wb: Vec<&str> = b.split_whitespace().collect();
    let (short, long) = if wa.len() <= wb.len() {
        (wa, wb)
    } else {
        (wb, wa)
    };
    let abbreviation = |w: &&str| !w.chars().any(char::is_lowercase);
    !short.is_empty()
        && short.len() < long.len()
        && short.iter().all(|w| w.len() > 2)
        // a surname, or an organisation's first word ("Kaspersky" for "Kaspersky Lab")
        && (long.ends_with(&short)
            || (long.starts_with(&short) && long.len() == short.len() + 1 && !short.iter().any(abbreviation)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_merge_on_leading_or_trailing_words() {
        assert!(same_entity("Dmitry Peskov", "Peskov"));
        assert!(same_entity("Kaspersky", "Kaspersky Lab"));
        assert!(!same_entity("Lab", "Kaspersky Lab Moscow"));
        assert!(!same_entity("U.S", "U.S Senate Committee"));
        assert!(!same_entity("John Smith", "Jane Smith"));
    }
}
