//! Groups for display, from the links: greedy correlation clustering of the scored pairs, then
//! every linked sentence left alone joins its strongest link's group.

use super::features::{Features, Vocab};
use super::{score, Group, Link, Options, Relation, SentenceRef};
use rustc_hash::FxHashMap as HashMap;

/// Scored pairs of sentences as a symmetric adjacency list: each sentence's scored partners in
/// ascending order, all in one buffer (no per-pair hashing when clusters are built).
pub(super) struct Pairs {
    start: Vec<u32>,
    to: Vec<(u32, f32)>,
}

impl Pairs {
    /// From `later[i]`: the pairs `(j, score)` of sentence `i` with `j > i`, in any order.
    pub(super) fn new(n: usize, mut later: Vec<Vec<(u32, f32)>>) -> Pairs {
        let mut degree = vec![0u32; n];
        for (i, list) in later.iter_mut().enumerate() {
            list.sort_unstable_by_key(|x| x.0);
            degree[i] += list.len() as u32;
            for &(j, _) in list.iter() {
                degree[j as usize] += 1;
            }
        }
        let mut start = Vec::with_capacity(n + 1);
        let mut total = 0u32;
        for d in &degree {
            start.push(total);
            total += d;
        }
        start.push(total);
        let mut fill: Vec<u32> = start[..n].to_vec();
        let mut to = vec![(0u32, 0f32); total as usize];
        // Walking i upwards, each list receives its earlier partners in order, then its later
        // ones (already sorted): every list ends up sorted.
        for (i, list) in later.iter().enumerate() {
            for &(j, v) in list {
                to[fill[j as usize] as usize] = (i as u32, v);
                fill[j as usize] += 1;
            }
            let at = fill[i] as usize;
            to[at..at + list.len()].copy_from_slice(list);
            fill[i] += list.len() as u32;
        }
        Pairs { start, to }
    }

    /// The scored partners of sentence `i`, ascending.
    fn of(&self, i: usize) -> &[(u32, f32)] {
        &self.to[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

/// Groups for display, built from the links: greedy average-linkage clustering of the scored
/// pairs, strongest first; then every linked sentence the clustering left alone joins the group
/// of its strongest partner (or forms one with it), so a sentence is in a group exactly when it
/// has a link.
pub(super) fn cluster(
    sentences: &[SentenceRef],
    feats: &[Features],
    scores: &Pairs,
    links: &[Link],
    vocab: &Vocab,
    opts: &Options,
) -> Vec<Group> {
    let (owner, members, pair_scores) = merge_by_gain(sentences, scores, opts);
    let mut sets: Vec<(Vec<usize>, f32, usize)> = Vec::new(); // members, score sum, count
    let mut group_of: Vec<Option<usize>> = vec![None; sentences.len()];
    for (c, m) in members.iter().enumerate() {
        if m.len() < 2 || owner[m[0]] != c {
            continue;
        }
        let ls = &pair_scores[c];
        for &x in m {
            group_of[x] = Some(sets.len());
        }
        sets.push((m.clone(), ls.iter().sum(), ls.len()));
    }
    // Linked sentences left alone, strongest link first.
    let mut best: Vec<Option<(f32, usize)>> = vec![None; sentences.len()];
    for l in links {
        for (x, y) in [(l.a, l.b), (l.b, l.a)] {
            let better = match best[x] {
                None => true,
                Some((s, other)) => l.score > s || (l.score == s && y < other),
            };
            if better {
                best[x] = Some((l.score, y));
            }
        }
    }
    let mut alone: Vec<(f32, usize, usize)> = (0..sentences.len())
        .filter(|&x| group_of[x].is_none())
        .filter_map(|x| best[x].map(|(s, y)| (s, x, y)))
        .collect();
    alone.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)));
    for (s, x, y) in alone {
        if group_of[x].is_some() {
            continue; // joined as another sentence's partner
        }
        match group_of[y] {
            Some(g) => {
                sets[g].0.push(x);
                sets[g].1 += s;
                sets[g].2 += 1;
                group_of[x] = Some(g);
            }
            None => {
                group_of[x] = Some(sets.len());
                group_of[y] = Some(sets.len());
                sets.push((vec![x, y], s, 1));
            }
        }
    }
    let relation_of: HashMap<(usize, usize), Relation> =
        links.iter().map(|l| ((l.a, l.b), l.relation)).collect();
    let mut groups = Vec::new();
    for (mut m, sum, count) in sets {
        m.sort_unstable();
        let score = sum / count.max(1) as f32;
        // `same` when every cross-report pair of members is a `same` link.
        let mut relation = Relation::Same;
        // The heaviest terms shared across reports, pair by pair in member order.
        let mut shared: Vec<String> = Vec::new();
        for (k, &x) in m.iter().enumerate() {
            for &y in &m[k + 1..] {
                if sentences[x].doc == sentences[y].doc {
                    continue;
                }
                if relation_of.get(&(x, y)) != Some(&Relation::Same) {
                    relation = Relation::Partial;
                }
                for id in score::shared_terms(&feats[x], &feats[y], 6) {
                    let t = vocab.term(id).to_string();
                    if !shared.contains(&t) {
                        shared.push(t);
                    }
                }
            }
        }
        shared.truncate(8);
        groups.push(Group {
            members: m,
            relation,
            score: (score * 1000.0).round() / 1000.0,
            shared,
        });
    }
    groups.sort_by_key(|g| g.members[0]);
    groups
}

/// Merges sentences into groups by greedy correlation clustering. Every pair of sentences from
/// different reports in a would-be group counts: a scored pair adds its score minus the link
/// threshold, a pair never scored (nothing in common) adds minus the threshold. Two clusters merge
/// when that balance across them is positive, the best merge first, so a group grows only while
/// its members relate to one another on the whole: a bridge sentence that shares a name with two
/// unrelated facts cannot chain them together. No group takes more than `max_per_doc` sentences
/// of one report (a split of one fact, not a topic).
#[allow(clippy::type_complexity)]
fn merge_by_gain(
    sentences: &[SentenceRef],
    pairs: &Pairs,
    opts: &Options,
) -> (Vec<usize>, Vec<Vec<usize>>, Vec<Vec<f32>>) {
    use std::collections::BinaryHeap;
    let theta = opts.link;
    let n = sentences.len();
    let mut owner: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    // (document, how many of its sentences) per cluster
    let mut docs: Vec<Vec<(usize, usize)>> = sentences.iter().map(|s| vec![(s.doc, 1)]).collect();
    let mut links: Vec<Vec<f32>> = vec![Vec::new(); n];
    // Both lists are sorted by document.
    let cross_pairs = |a: &[(usize, usize)], b: &[(usize, usize)]| -> f32 {
        let (na, nb): (usize, usize) = (a.iter().map(|x| x.1).sum(), b.iter().map(|x| x.1).sum());
        let mut same = 0;
        for_each_common_doc(a, b, |ca, cb| same += ca * cb);
        (na * nb - same) as f32
    };
    // 1:n and n:1 (one outlet splits what another says in one sentence), never n:m: two
    // reports each with several sentences in one group is two facts glued together.
    let fits = |a: &[(usize, usize)], b: &[(usize, usize)]| -> bool {
        let mut split = a.iter().chain(b).filter(|x| x.1 > 1).count();
        let mut ok = a.iter().chain(b).all(|&(_, c)| c <= opts.max_per_doc);
        for_each_common_doc(a, b, |ca, cb| {
            ok &= ca + cb <= opts.max_per_doc;
            // counted twice above when both were split, once when one was, never when neither
            split = split + 1 - usize::from(ca > 1) - usize::from(cb > 1);
        });
        ok && split <= 1
    };
    // The merge after which each cluster last changed: an entry pushed after both its sides
    // last changed still holds their exact gain.
    let mut changed = vec![0u32; n];
    let mut step = 0u32;
    let mut heap: BinaryHeap<u128> = (0..n)
        .flat_map(|i| {
            let later = pairs.of(i).iter().filter(move |&&(j, _)| j as usize > i);
            later
                .filter(|&&(_, v)| v > theta)
                .map(move |&(j, v)| merge_key(v - theta, false, i, j as usize, 0))
        })
        .collect::<Vec<_>>()
        .into();
    // Scratch, indexed by cluster: the score summed towards the merged cluster, and whether
    // it was reached (bit 1) and reached from the absorbed side (bit 2).
    let mut toward = vec![0f32; n];
    let mut reach = vec![0u8; n];
    let mut reached: Vec<usize> = Vec::new();
    while let Some(key) = heap.pop() {
        let (gain, split, a, b, stamp) = unpack_merge(key);
        if owner[a] != a || owner[b] != b {
            continue; // one side has merged into another cluster since
        }
        if changed[a].max(changed[b]) > stamp {
            // A side has grown since: the scores across the two clusters, read from the
            // smaller one's pairs, give the gain now.
            let small_first = members[b].len() < members[a].len();
            let (small, other) = if small_first { (b, a) } else { (a, b) };
            let mut sum = 0.0;
            let mut any = false;
            for &x in &members[small] {
                for &(y, v) in pairs.of(x) {
                    if owner[y as usize] == other {
                        sum += v;
                        any = true;
                    }
                }
            }
            let now = sum - theta * cross_pairs(&docs[a], &docs[b]);
            if !any || now <= 0.0 {
                continue;
            }
            let split_now = shares_doc(&docs[a], &docs[b]);
            if (now - gain).abs() > 1e-6 || split_now != split {
                heap.push(merge_key(now, split_now, a, b, step));
                continue;
            }
        }
        if !fits(&docs[a], &docs[b]) {
            continue;
        }
        let (keep, gone) = if a < b { (a, b) } else { (b, a) };
        for &x in &members[gone] {
            for &(y, v) in pairs.of(x) {
                if owner[y as usize] == keep {
                    links[keep].push(v);
                }
            }
        }
        let kept = members[keep].len();
        step += 1;
        changed[keep] = step;
        let moved = std::mem::take(&mut members[gone]);
        for &m in &moved {
            owner[m] = keep;
        }
        members[keep].extend(moved);
        for (d, c) in std::mem::take(&mut docs[gone]) {
            match docs[keep].binary_search_by_key(&d, |x| x.0) {
                Ok(i) => docs[keep][i].1 += c,
                Err(i) => docs[keep].insert(i, (d, c)),
            }
        }
        let moved_links = std::mem::take(&mut links[gone]);
        links[keep].extend(moved_links);
        // The old neighbours of `keep` only lose gain (more pairs, same scores): their heap
        // entries are now overestimates, recomputed when popped. Neighbours of `gone` gain
        // scored pairs, so they get fresh entries.
        for (k, &x) in members[keep].iter().enumerate() {
            for &(y, v) in pairs.of(x) {
                let c = owner[y as usize];
                if c == keep {
                    continue;
                }
                if reach[c] == 0 {
                    reached.push(c);
                }
                toward[c] += v;
                reach[c] |= if k >= kept { 3 } else { 1 };
            }
        }
        reached.sort_unstable();
        for &c in &reached {
            if reach[c] & 2 != 0 {
                let gain = toward[c] - theta * cross_pairs(&docs[keep], &docs[c]);
                if gain > 0.0 {
                    let split = shares_doc(&docs[keep], &docs[c]);
                    heap.push(merge_key(gain, split, keep.min(c), keep.max(c), step));
                }
            }
            toward[c] = 0.0;
            reach[c] = 0;
        }
        reached.clear();
    }
    (owner, members, links)
}

/// Calls `f(count in a, count in b)` for each document both (doc, count) lists hold; both lists
/// are sorted by document.
fn for_each_common_doc(
    a: &[(usize, usize)],
    b: &[(usize, usize)],
    mut f: impl FnMut(usize, usize),
) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(a[i].1, b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
}

/// Whether two clusters hold sentences of one document (merging them splits a fact).
fn shares_doc(a: &[(usize, usize)], b: &[(usize, usize)]) -> bool {
    let mut any = false;
    for_each_common_doc(a, b, |_, _| any = true);
    any
}

/// A candidate merge of two clusters packed into one integer, so that the heap compares
/// plain numbers: the largest gain pops first (a positive `f32`'s bits order as the float);
/// on equal gains a merge that keeps one sentence per report beats one that splits a fact
/// (a report that says one thing twice, compared with itself, pairs each copy with its twin),
/// then the lowest cluster ids win (so the result never depends on hash order), then the
/// latest push. `stamp` is the number of merges done when it was pushed.
fn merge_key(gain: f32, split: bool, a: usize, b: usize, stamp: u32) -> u128 {
    debug_assert!(gain > 0.0 && stamp < 1 << 31);
    let id = |c: usize| u128::from(!u32::try_from(c).expect("invariant: sentence ids fit u32"));
    (u128::from(gain.to_bits()) << 96)
        | (u128::from(!split) << 95)
        | (id(a) << 63)
        | (id(b) << 31)
        | u128::from(stamp & 0x7FFF_FFFF)
}

/// (gain, split, cluster a, cluster b, stamp) of a [`merge_key`].
fn unpack_merge(key: u128) -> (f32, bool, usize, usize, u32) {
    let word = |shift: u32| (key >> shift) as u32;
    (
        f32::from_bits(word(96)),
        word(95) & 1 == 0,
        !word(63) as usize,
        !word(31) as usize,
        word(0) & 0x7FFF_FFFF,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::SentenceRef;

    fn refs(docs: &[usize]) -> Vec<SentenceRef> {
        docs.iter()
            .enumerate()
            .map(|(i, &doc)| SentenceRef {
                doc,
                paragraph: i,
                index: 0,
                ordinal: i,
            })
            .collect()
    }

    fn groups(docs: &[usize], pairs: &[(u32, u32, f32)], opts: &Options) -> Vec<Vec<usize>> {
        let sentences = refs(docs);
        let mut later = vec![Vec::new(); docs.len()];
        for &(a, b, v) in pairs {
            later[a.min(b) as usize].push((a.max(b), v));
        }
        let (owner, members, _) = merge_by_gain(&sentences, &Pairs::new(docs.len(), later), opts);
        let mut out: Vec<Vec<usize>> = members
            .into_iter()
            .enumerate()
            .filter(|(c, m)| m.len() > 1 && owner[m[0]] == *c)
            .map(|(_, mut m)| {
                m.sort_unstable();
                m
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_bridge_sentence_does_not_chain_two_facts() {
        // 0 (doc 0) and 2 (doc 1) are one fact, 1 (doc 0) and 3 (doc 2) another; 4 (doc 3)
        // links to 0 and to 1 (a shared name) but to neither fact's other report: single-link
        // merging would chain everything into one group.
        let pairs = [(0, 2, 0.8), (1, 3, 0.8), (0, 4, 0.3), (1, 4, 0.3)];
        let g = groups(&[0, 0, 1, 2, 3], &pairs, &Options::default());
        assert_eq!(g, vec![vec![0, 2], vec![1, 3]]);
    }

    #[test]
    fn a_split_joins_when_both_halves_link_but_never_n_to_m() {
        let opts = Options::default();
        // 0 (doc 0) said in one sentence what doc 1 says in 1 and 2.
        let g = groups(&[0, 1, 1], &[(0, 1, 0.5), (0, 2, 0.4)], &opts);
        assert_eq!(g, vec![vec![0, 1, 2]]);
        // Two sentences on each side, all linked: two 1:1 facts, not one 2:2 group.
        let pairs = [(0, 2, 0.9), (1, 3, 0.9), (0, 3, 0.5), (1, 2, 0.5)];
        let g = groups(&[0, 0, 1, 1], &pairs, &opts);
        assert_eq!(g, vec![vec![0, 2], vec![1, 3]]);
    }

    #[test]
    fn a_group_holds_at_most_max_per_doc_sentences_of_one_report() {
        let pairs = [(0, 1, 0.9), (0, 2, 0.8), (0, 3, 0.7)];
        let g = groups(&[0, 1, 1, 1], &pairs, &Options::default());
        assert_eq!(g, vec![vec![0, 1, 2]]);
        let three = Options {
            max_per_doc: 3,
            ..Options::default()
        };
        assert_eq!(
            groups(&[0, 1, 1, 1], &pairs, &three),
            vec![vec![0, 1, 2, 3]]
        );
    }

    #[test]
    fn a_repeated_sentence_pairs_with_its_twin_before_a_fact_is_split() {
        // Doc 0 says one thing twice (0, 1), and so does doc 1 (2, 3): every pair scores the
        // same, and two 1:1 groups beat a 2:1 group that leaves one copy alone.
        let pairs = [(0, 2, 0.9), (0, 3, 0.9), (1, 2, 0.9), (1, 3, 0.9)];
        let g = groups(&[0, 0, 1, 1], &pairs, &Options::default());
        assert_eq!(g, vec![vec![0, 2], vec![1, 3]]);
    }

    #[test]
    fn pairs_are_listed_on_both_sides_in_ascending_order() {
        let later = vec![vec![(3, 0.3), (1, 0.1)], vec![(2, 0.2)], vec![], vec![]];
        let p = Pairs::new(4, later);
        assert_eq!(p.of(0), &[(1, 0.1), (3, 0.3)]);
        assert_eq!(p.of(1), &[(0, 0.1), (2, 0.2)]);
        assert_eq!(p.of(2), &[(1, 0.2)]);
        assert_eq!(p.of(3), &[(0, 0.3)]);
    }

    #[test]
    fn merge_keys_order_by_gain_then_lowest_ids_and_round_trip() {
        let k = |g, a, b| merge_key(g, false, a, b, 7);
        assert!(k(0.5, 9, 10) > k(0.25, 0, 1));
        assert!(k(0.5, 0, 9) > k(0.5, 1, 2));
        assert!(k(0.5, 1, 2) > k(0.5, 1, 3));
        assert!(k(0.5, 8, 9) > merge_key(0.5, true, 0, 1, 7));
        assert!(merge_key(0.6, true, 8, 9, 0) > k(0.5, 0, 1));
        assert_eq!(unpack_merge(k(0.375, 4, 5)), (0.375, false, 4, 5, 7));
        assert_eq!(
            unpack_merge(merge_key(0.375, true, 4, 5, 9)),
            (0.375, true, 4, 5, 9)
        );
    }

    #[test]
    fn merging_is_independent_of_score_insertion_order() {
        let mut pairs = vec![
            (0, 2, 0.5),
            (1, 2, 0.5),
            (0, 3, 0.5),
            (1, 3, 0.5),
            (2, 4, 0.7),
        ];
        let a = groups(&[0, 0, 1, 1, 2], &pairs, &Options::default());
        pairs.reverse();
        let b = groups(&[0, 0, 1, 1, 2], &pairs, &Options::default());
        assert_eq!(a, b);
    }
}
