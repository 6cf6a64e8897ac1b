//! The row layout shared by the side-by-side views (terminal and HTML): one row per shared fact
//! and per run of sentences only one report carries, in an order that follows every report's
//! reading order as far as the reports agree, and one cell per report in each row.
//!
//! Ordering is presentation, not analysis: it only places what the report model already says.
//! Reports are merged in turn; each sentence of report N goes right after the row holding the
//! sentence before it in report N, so an outlet's exclusives sit next to the facts around them.

use crate::report::{DiffOp, GroupReport, Report};
use rustc_hash::FxHashMap;

/// What a row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A shared fact: the index into `report.groups`.
    Group(usize),
    /// Sentences only one report carries: the index into `report.documents`.
    Only(usize),
}

/// One report's part of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell<'r> {
    /// Sentence ids, in reading order.
    pub sentences: Vec<&'r str>,
    /// The paragraph of the first sentence (`A.p3`).
    pub paragraph: &'r str,
    /// The sentences' text, joined by single spaces (borrowed from the report when the cell
    /// holds one sentence).
    pub text: std::borrow::Cow<'r, str>,
    /// True when the other reports' word diffs are taken against this one (the first report of a
    /// shared fact); its marks are then words some other report lacks.
    pub pivot: bool,
    /// Byte ranges of `text` that differ from the other reports in the row (sorted, disjoint).
    pub marks: Vec<(usize, usize)>,
}

impl Cell<'_> {
    /// True when any byte of `start..end` is marked.
    pub fn marked(&self, start: usize, end: usize) -> bool {
        self.marks.iter().any(|&(s, e)| s < end && start < e)
    }

    /// The cell's words with whether each is marked.
    pub fn words(&self) -> impl Iterator<Item = (&str, bool)> + '_ {
        let base = self.text.as_ptr() as usize;
        self.text.split_whitespace().map(move |w| {
            let s = w.as_ptr() as usize - base;
            (w, self.marked(s, s + w.len()))
        })
    }
}

/// A row: its kind and one optional cell per report (`None` where the report is silent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'r> {
    /// What the row shows.
    pub kind: RowKind,
    /// One entry per document, in document order.
    pub cells: Vec<Option<Cell<'r>>>,
}

/// Lays out the rows of `report`.
pub fn rows<'r>(report: &'r Report) -> Vec<Row<'r>> {
    let groups: &[GroupReport] = report.groups.as_deref().unwrap_or(&[]);
    let doc_index: FxHashMap<&str, usize> = report
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut group_of: FxHashMap<&str, usize> = FxHashMap::default();
    for (gi, g) in groups.iter().enumerate() {
        for m in &g.members {
            for s in &m.sentences {
                group_of.insert(s.as_str(), gi);
            }
        }
    }
    let sentence = super::sentence_index(report);

    // A linked list of rows, so that inserting next to a row is O(1).
    let mut list = List::default();
    let mut node_of_group: Vec<usize> = vec![0; groups.len()];
    let mut placed = vec![false; groups.len()];
    let mut only_nodes: Vec<(usize, &str, Vec<&str>)> = Vec::new(); // (node, paragraph, sentences)
    for (di, d) in report.documents.iter().enumerate() {
        let mut cursor = List::HEAD;
        for p in d
            .paragraphs
            .iter()
            .filter(|p| p.kind == crate::report::BlockKind::Body)
        {
            for s in &p.sentences {
                match group_of.get(s.id.as_str()) {
                    Some(&g) if placed[g] => cursor = node_of_group[g],
                    Some(&g) => {
                        cursor = list.insert_after(cursor, RowKind::Group(g));
                        node_of_group[g] = cursor;
                        placed[g] = true;
                    }
                    None => {
                        let extend = list.kind[cursor] == Some(RowKind::Only(di))
                            && only_nodes
                                .last()
                                .is_some_and(|(n, para, _)| *n == cursor && *para == p.id);
                        if extend {
                            only_nodes.last_mut().expect("checked").2.push(&s.id);
                        } else {
                            cursor = list.insert_after(cursor, RowKind::Only(di));
                            only_nodes.push((cursor, &p.id, vec![&s.id]));
                        }
                    }
                }
            }
        }
    }
    // Groups whose sentences are not in body paragraphs (never expected) still get a row.
    let mut tail = List::HEAD;
    while list.next[tail] != List::END {
        tail = list.next[tail];
    }
    for (g, _) in placed.iter().enumerate().filter(|(_, p)| !**p) {
        tail = list.insert_after(tail, RowKind::Group(g));
    }
    let only_at: FxHashMap<usize, &Vec<&str>> =
        only_nodes.iter().map(|(n, _, s)| (*n, s)).collect();

    let ndocs = report.documents.len();
    let cell = |ids: &[&'r str]| -> Option<Cell<'r>> {
        let first = sentence.get(ids.first()?)?;
        let text = match ids {
            [one] => std::borrow::Cow::Borrowed(sentence.get(one).map_or("", |(_, t)| *t)),
            _ => std::borrow::Cow::Owned(
                ids.iter()
                    .filter_map(|id| sentence.get(id).map(|(_, t)| *t))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        };
        Some(Cell {
            sentences: ids.to_vec(),
            paragraph: first.0,
            text,
            pivot: false,
            marks: Vec::new(),
        })
    };
    let mut out = Vec::new();
    let mut n = list.next[List::HEAD];
    while n != List::END {
        let kind = list.kind[n].expect("only the head has no kind");
        let mut cells: Vec<Option<Cell>> = vec![None; ndocs];
        match kind {
            RowKind::Only(di) => {
                if let Some(ids) = only_at.get(&n) {
                    cells[di] = cell(ids);
                }
            }
            RowKind::Group(gi) => {
                let g = &groups[gi];
                for m in &g.members {
                    let Some(&di) = doc_index.get(m.doc.as_str()) else {
                        continue;
                    };
                    let ids: Vec<&str> = m.sentences.iter().map(String::as_str).collect();
                    cells[di] = cell(&ids);
                }
                for d in &g.diffs {
                    if let Some(c) = doc_index
                        .get(d.doc.as_str())
                        .and_then(|&i| cells[i].as_mut())
                    {
                        mark(
                            c,
                            d.ops
                                .iter()
                                .filter(|o| o.op == DiffOp::Insert)
                                .map(|o| o.text.as_str()),
                        );
                    }
                    if let Some(c) = doc_index
                        .get(d.against.as_str())
                        .and_then(|&i| cells[i].as_mut())
                    {
                        c.pivot = true;
                        mark(
                            c,
                            d.ops
                                .iter()
                                .filter(|o| o.op == DiffOp::Delete)
                                .map(|o| o.text.as_str()),
                        );
                    }
                }
            }
        }
        if cells.iter().any(Option::is_some) {
            out.push(Row { kind, cells });
        }
        n = list.next[n];
    }
    out
}

/// A singly linked list of row kinds in a vector; node 0 is the head.
struct List {
    kind: Vec<Option<RowKind>>,
    next: Vec<usize>,
}

impl Default for List {
    fn default() -> List {
        List {
            kind: vec![None],
            next: vec![List::END],
        }
    }
}

impl List {
    const HEAD: usize = 0;
    const END: usize = usize::MAX;

    /// Inserts a node after `at` and returns it.
    fn insert_after(&mut self, at: usize, kind: RowKind) -> usize {
        self.kind.push(Some(kind));
        self.next.push(self.next[at]);
        let n = self.next.len() - 1;
        self.next[at] = n;
        n
    }
}

/// Marks each segment in `cell.text`, found in order (segments are slices of the cell's
/// sentences, in reading order), then merges overlapping marks.
fn mark<'a>(cell: &mut Cell, segments: impl Iterator<Item = &'a str>) {
    let mut from = 0;
    for seg in segments {
        if seg.is_empty() {
            continue;
        }
        if let Some(s) = super::find_word(&cell.text, from, seg) {
            cell.marks.push((s, s + seg.len()));
            from = s + seg.len();
        }
    }
    cell.marks.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(cell.marks.len());
    for &(s, e) in &cell.marks {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    cell.marks = merged;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(texts: &[&str]) -> Report {
        let inputs: Vec<crate::Input> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| crate::Input::Bytes {
                name: format!("r{i}.txt"),
                bytes: t.as_bytes().to_vec(),
            })
            .collect();
        crate::compare(&inputs, &crate::CompareOptions::default()).unwrap()
    }

    #[test]
    fn every_body_sentence_is_in_exactly_one_cell_and_order_is_kept() {
        let a = "The minister resigned on Monday after a week of protests in the capital.\n\nThe cabinet will meet on Friday to choose a successor.\n\nOpposition leaders welcomed the decision.";
        let b = "Protesters cheered outside parliament late into the night.\n\nThe minister resigned on Monday after a week of protests in the capital city.\n\nThe cabinet will meet on Friday to choose a successor, officials said.";
        let r = report(&[a, b]);
        let rows = rows(&r);
        for (di, d) in r.documents.iter().enumerate() {
            let body: Vec<&str> = d
                .paragraphs
                .iter()
                .filter(|p| p.kind == crate::report::BlockKind::Body)
                .flat_map(|p| p.sentences.iter().map(|s| s.id.as_str()))
                .collect();
            let shown: Vec<&str> = rows
                .iter()
                .filter_map(|row| row.cells[di].as_ref())
                .flat_map(|c| c.sentences.iter().copied())
                .collect();
            assert_eq!(
                shown, body,
                "report {di}: every sentence once, in reading order"
            );
        }
        // B's opening exclusive comes before the first shared fact.
        assert_eq!(rows[0].kind, RowKind::Only(1));
        // The changed words are marked: "city" in B, and nothing unmarked is different.
        let g = rows
            .iter()
            .find(|r| matches!(r.kind, RowKind::Group(_)))
            .unwrap();
        let b_cell = g.cells[1].as_ref().unwrap();
        let marked: Vec<&str> = b_cell.words().filter(|w| w.1).map(|w| w.0).collect();
        assert_eq!(marked, ["city."]);
    }
}
