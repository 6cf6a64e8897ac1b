//! Who has been named so far: people and organisations by type, by head word and by recency,
//! so that pronouns, descriptions and surnames resolve to a named speaker.

use super::*;

/// A word in capitals of five letters or more: a dateline ("OTTAWA") or a rubric, not a name.
pub(super) fn is_shouted(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 5 && !w.chars().any(char::is_lowercase)
}

/// Lowercase words that may sit inside a name ("Bank of England", "bin Salman").
pub(super) fn is_name_joiner(w: &str) -> bool {
    matches!(
        w,
        "of" | "de"
            | "der"
            | "den"
            | "du"
            | "le"
            | "van"
            | "von"
            | "al"
            | "bin"
            | "la"
            | "del"
            | "da"
            | "for"
            | "and"
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum EntityType {
    Person,
    Org,
}

pub(super) fn name_type(name: &str) -> EntityType {
    let org = name.split_whitespace().any(|w| {
        ORG_WORDS.contains(&w.trim_end_matches('.'))
            || w.chars().filter(|c| c.is_uppercase()).count() >= 2 && w.len() <= 5
    });
    if org || name.split_whitespace().count() == 1 && ORG_WORDS.contains(&name) {
        EntityType::Org
    } else {
        EntityType::Person
    }
}

/// Names seen so far, for resolving pronouns, descriptions and surnames. Every list is kept by
/// type and by head word, so noting a name and finding the latest one cost the same in the
/// thousandth paragraph as in the first.
#[derive(Debug, Default)]
pub(super) struct Mentions {
    /// One clock for all lists: a name noted later has a higher stamp.
    pub(super) clock: u32,
    /// Speakers in order of their last quote, by type.
    pub(super) speakers: [Recency; 2],
    /// Named people and organisations in order of mention, by type.
    pub(super) names: [Recency; 2],
    /// Named people by surname and organisations by first word: what a bare "Peskov" or
    /// "Kaspersky" expands to.
    pub(super) heads: HashMap<(String, EntityType), Recency>,
    /// Named subjects of sentences, in order (the most salient referents), by type.
    pub(super) subjects: [Recency; 2],
    /// The named subject of the sentence being read.
    pub(super) current_subject: Option<String>,
}

/// Names in the order of their last mention: noting a name again moves it to the end. Old
/// places are dropped lazily (a stamp tells the live one), and compacted away once they
/// outnumber the live ones, so every operation is O(1) amortised.
#[derive(Debug, Default)]
pub(super) struct Recency {
    pub(super) order: Vec<(u32, String)>,
    pub(super) latest: HashMap<String, u32>,
}

impl Recency {
    pub(super) fn note(&mut self, name: &str, stamp: u32) {
        self.latest.insert(name.to_string(), stamp);
        self.order.push((stamp, name.to_string()));
        if self.order.len() > 2 * self.latest.len() + 32 {
            let latest = &self.latest;
            self.order.retain(|(s, n)| latest.get(n) == Some(s));
        }
    }

    /// Live names, the latest first, with their stamps.
    pub(super) fn latest_first(&self) -> impl Iterator<Item = (u32, &String)> {
        self.order
            .iter()
            .rev()
            .filter(|(s, n)| self.latest.get(n) == Some(s))
            .map(|(s, n)| (*s, n))
    }

    pub(super) fn last(&self) -> Option<&String> {
        self.latest_first().next().map(|(_, n)| n)
    }
}

impl EntityType {
    pub(super) fn index(self) -> usize {
        match self {
            EntityType::Person => 0,
            EntityType::Org => 1,
        }
    }
}

impl Mentions {
    pub(super) fn tick(&mut self) -> u32 {
        self.clock += 1;
        self.clock
    }

    pub(super) fn note_speaker(&mut self, name: &str) {
        let stamp = self.tick();
        self.speakers[name_type(name).index()].note(name, stamp);
        self.note_name(name);
    }

    pub(super) fn note_name(&mut self, name: &str) {
        let t = name_type(name);
        let stamp = self.tick();
        self.names[t.index()].note(name, stamp);
        let mut ws = name.split_whitespace();
        let head = match t {
            EntityType::Person => ws.next_back(),
            EntityType::Org => ws.next(),
        };
        if let Some(head) = head {
            self.heads
                .entry((head.to_string(), t))
                .or_default()
                .note(name, stamp);
        }
    }

    pub(super) fn note_subject(&mut self, name: String) {
        let stamp = self.tick();
        self.subjects[name_type(&name).index()].note(&name, stamp);
    }

    /// Notes the capitalised runs (not the first word of the sentence unless it is a name run
    /// of two or more words) of a sentence's frame.
    pub(super) fn note_sentence(&mut self, text: &str, frame: &[&Word]) {
        let mut i = 0;
        while i < frame.len() {
            if frame[i].capitalised() && !is_title_word(&frame[i].text) {
                let mut run = name_run(text, frame, i);
                let full = run.len();
                // "But Trudeau", "In Valanciunas": a capitalised small word opens the sentence
                while run.len() > 1 && crate::text::lexicon::is_stop_word(run[0].lower()) {
                    run.remove(0);
                }
                let n = run.len();
                let single_org = n == 1 && name_type(&run[0].text) == EntityType::Org;
                if n >= 2 || (i > 0 && single_org) {
                    let name = join(&run);
                    if !PRONOUNS.contains(&name.to_lowercase().as_str()) {
                        self.note_name(&name);
                    }
                }
                i += full.max(1);
            } else {
                i += 1;
            }
        }
    }

    /// The full form of a name: "Peskov" after "Dmitry Peskov" is Dmitry Peskov; "Kaspersky"
    /// after "Kaspersky Lab" is Kaspersky Lab (the most recent such name wins).
    pub(super) fn expand(&self, name: &str) -> String {
        if !name.contains(' ') {
            let latest = |t: EntityType| {
                self.heads
                    .get(&(name.to_string(), t))
                    .and_then(|r| r.latest_first().find(|(_, n)| *n != name))
            };
            let best = match (latest(EntityType::Person), latest(EntityType::Org)) {
                (Some(a), Some(b)) => Some(if a.0 > b.0 { a } else { b }),
                (a, b) => a.or(b),
            };
            if let Some((_, n)) = best {
                return n.clone();
            }
        }
        name.to_string()
    }

    /// What pronoun `pronoun` (of type `t`) refers to: as [`Mentions::last`], unless that
    /// name's gender ([`crate::text::gender`]) is not the pronoun's — "she" is not "Donald
    /// Trump". Then the latest name in the same order whose gender is the pronoun's, or nobody:
    /// a name that tells no gender ("Peskov") is not taken in its place.
    pub(super) fn for_pronoun(&self, pronoun: &str, t: EntityType) -> Option<String> {
        use crate::text::gender;
        let base = self.last(t);
        let Some(g) = gender::of_pronoun(pronoun) else {
            return base;
        };
        match base.as_deref().and_then(gender::of_name) {
            Some(b) if b != g => {}
            _ => return base,
        }
        let fits = |n: &&String| gender::of_name(n) == Some(g);
        fn first_fit(r: &Recency, fits: impl Fn(&&String) -> bool) -> Option<&String> {
            r.latest_first().map(|(_, n)| n).find(|n| fits(n))
        }
        self.current_subject
            .as_ref()
            .filter(|s| name_type(s) == t)
            .filter(fits)
            .or_else(|| first_fit(&self.speakers[t.index()], fits))
            .or_else(|| first_fit(&self.subjects[t.index()], fits))
            .or_else(|| first_fit(&self.names[t.index()], fits))
            .cloned()
    }

    /// What a pronoun or description of type `t` refers to: the subject of this sentence, else
    /// the last speaker, else the last named subject, else the last name of that type.
    pub(super) fn last(&self, t: EntityType) -> Option<String> {
        let speaker_or_subject = match (
            self.speakers[t.index()].latest_first().next(),
            self.subjects[t.index()].latest_first().next(),
        ) {
            // A person named as a sentence's subject since the last quote is the likelier
            // referent ("…," said the producer. / Trump went on … / "…," he said): only a
            // full name with a known first name, not a capitalised opener ("Story") or a place
            // ("Nova Scotia").
            (Some((ss, _)), Some((js, j)))
                if js > ss
                    && t == EntityType::Person
                    && crate::extract::facts::name_kind(j, None)
                        == Some(crate::extract::facts::FactKind::Person)
                    && crate::text::gender::of_name(j).is_some() =>
            {
                Some(j)
            }
            (Some((_, s)), Some(_)) => Some(s),
            (s, j) => s.or(j).map(|(_, n)| n),
        };
        self.current_subject
            .as_ref()
            .filter(|s| name_type(s) == t)
            .or(speaker_or_subject)
            .or_else(|| self.names[t.index()].last())
            .cloned()
    }
}

/// A capitalised name run starting at `i` (joiners allowed inside, a possessive ends it).
pub(super) fn name_run<'a>(text: &str, ws: &[&'a Word], i: usize) -> Vec<&'a Word> {
    let mut run: Vec<&Word> = Vec::new();
    let mut j = i;
    while j < ws.len() {
        let w = ws[j];
        if let Some(prev) = run.last() {
            if text[prev.span.end..w.span.start].contains([',', ';', ':', '"', '“', '”', '(', ')'])
            {
                break;
            }
        }
        if w.capitalised() {
            run.push(w);
            if w.text.ends_with("'s") || w.text.ends_with("’s") {
                break;
            }
        } else if is_name_joiner(&w.text)
            && j + 1 < ws.len()
            && ws[j + 1].capitalised()
            && !run.is_empty()
        {
            run.push(w);
        } else {
            break;
        }
        j += 1;
    }
    run
}

pub(super) fn join(ws: &[&Word]) -> String {
    let mut s = String::new();
    for w in ws {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(w.text.trim_end_matches("'s").trim_end_matches("’s"));
    }
    s
}
