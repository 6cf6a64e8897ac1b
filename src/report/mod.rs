//! The serialisable report: the single contract between analysis and every renderer, and the
//! JSON that other tools read (`docs/json.md`). It owns its data, is deterministic (vectors in
//! input order, no timestamps), and names every unit by a stable id: documents `A`, `B`, …;
//! paragraphs `A.p1`…; sentences `A.s1`… (numbered through the document).

use crate::text::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub mod vocab;
pub use vocab::*;

/// One scored pair of `parallax match`: the input's id, the link probability, and the relation
/// when the pair reaches a threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairScore {
    /// The id field of the input line, as given.
    pub id: String,
    /// The learned scorer's link probability (0–1).
    pub score: f32,
    /// `same` or `partial` at the thresholds asked for; none below them.
    pub relation: Option<Relation>,
}

/// How a path is shown in messages, headers and labels: as written, with any byte that is not
/// UTF-8 shown as a visible `\xNN` escape (a file name is bytes on Unix, not text).
pub fn display_path(path: &std::path::Path) -> String {
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

/// Version of the JSON contract; bumped only when a field is renamed or removed.
pub const FORMAT_VERSION: u32 = 1;

/// What `parallax inspect` reports: how each input was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// [`FORMAT_VERSION`].
    pub format_version: u32,
    /// One entry per input, in input order.
    pub documents: Vec<DocumentReport>,
    /// Every aligned pair of body sentences from two reports: the alignment itself
    /// (`compare` only). Many-to-many; each pair once, the earlier report first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<LinkReport>>,
    /// For every pair of reports, how much they share and whether they look like reports of
    /// one event (`compare` only). With more than 20 reports, only the pairs with a link are
    /// listed: the others share nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overlap: Option<Vec<OverlapReport>>,
    /// What every view says first: how much the reports share and what each leaves out of
    /// what most others carry (`compare` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<VerdictReport>,
    /// Groups of sentences that carry one fact in two or more reports, built from the links
    /// for display (`compare` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<GroupReport>>,
    /// Paragraphs of two reports that carry the same facts (`compare` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph_alignment: Option<Vec<ParagraphAlignment>>,
    /// Per document id: what it shares, carries alone and leaves out (`compare` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<BTreeMap<String, Coverage>>,
    /// Quotes of one report matched with quotes of another (`compare` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_matches: Option<Vec<QuoteMatchReport>>,
    /// Which report names whom: people, organisations, places (`compare` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entities: Option<Vec<EntityReport>>,
    /// Where reports disagree: speakers, dates, numbers (`compare` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflicts: Option<Vec<ConflictReport>>,
    /// The same claim credited to different sources (kind `attribution`; `compare` only).
    /// Not conflicts: one outlet may cite the original report, another its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sourcing: Option<Vec<ConflictReport>>,
    /// Things worth knowing that did not stop the run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// One input as read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentReport {
    /// `A`, `B`, … in input order (`AA` after `Z`).
    pub id: String,
    /// `--label`, else the file stem.
    pub label: String,
    /// The input as named on the command line.
    pub source: String,
    /// `text`, `markdown` or `html`.
    pub format: InputFormat,
    /// The encoding the input was decoded from.
    pub encoding: Encoding,
    /// The headline, or null.
    pub title: Option<String>,
    /// Publication date `YYYY-MM-DD`, or null.
    pub published: Option<Date>,
    /// Counts of paragraphs and sentences by kind.
    pub counts: Counts,
    /// The language matched in (ISO 639-1, `und` when unknown; `compare` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Blocks in reading order.
    pub paragraphs: Vec<ParagraphReport>,
    /// Direct and mixed quotes of the body (words in quote marks), in reading order, with
    /// their speakers.
    #[serde(default)]
    pub quotes: Vec<QuoteReport>,
    /// Attributed indirect speech (`X said that …`), in reading order: the same shape, kind
    /// `indirect`, ids `A.r1`….
    #[serde(default)]
    pub reported_speech: Vec<QuoteReport>,
    /// Facts of the body: names, numbers, money, percentages, dates.
    #[serde(default)]
    pub facts: Vec<FactReport>,
    /// The blocks of an HTML page the article extractor left out, with why (`inspect` only;
    /// absent when there are none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stripped: Vec<Stripped>,
    /// The text that every `start`/`end` offset points into: the decoded input for plain text,
    /// the extracted readable text for HTML and Markdown.
    pub text: String,
}

/// Paragraph and sentence counts of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// All blocks.
    pub paragraphs: usize,
    /// Blocks of news text.
    pub body_paragraphs: usize,
    /// Sentences in body blocks.
    pub body_sentences: usize,
    /// Word and number tokens in body blocks.
    pub body_tokens: usize,
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParagraphReport {
    /// `A.p3`.
    pub id: String,
    /// `body`, `title`, `dateline`, `credit` or `boilerplate`.
    pub kind: BlockKind,
    /// Why it is not body (null for body).
    pub reason: Option<Reason>,
    /// Byte offset of the first byte in the document text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The paragraph's text, exactly as in the input.
    pub text: String,
    /// Its sentences.
    pub sentences: Vec<SentenceReport>,
}

/// One sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentenceReport {
    /// `A.s5`.
    pub id: String,
    /// Byte offset of the first byte in the document text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The sentence's text, exactly as in the input.
    pub text: String,
}

/// One quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteReport {
    /// `A.q2`.
    pub id: String,
    /// The sentence it starts in (`A.s9`).
    pub sentence: String,
    /// Byte offset of the opening mark (of the reported clause, for indirect speech).
    pub start: usize,
    /// Byte offset one past the closing mark.
    pub end: usize,
    /// The quoted words without marks; the parts of a quote split by an attribution are
    /// joined by a space.
    pub text: String,
    /// Byte spans of the quoted words, one per part (`"A," he said, "B."` has two).
    pub parts: Vec<[usize; 2]>,
    /// `direct`, `mixed` or `indirect`.
    pub kind: QuoteKind,
    /// The resolved speaker, or null when unknown.
    pub speaker: Option<String>,
    /// Byte span of the mention the speaker was resolved from ("he"), or null.
    pub speaker_span: Option<[usize; 2]>,
    /// The reporting verb or phrase, or null for a floating quote.
    pub cue: Option<String>,
    /// True for a floating quote that takes the speaker of the quote before it (the
    /// `speaker_span` is then that quote's mention).
    pub inherited: bool,
}

/// One fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactReport {
    /// `person`, `org`, `place`, `number`, `date`, `money`, `percent` or `time`.
    pub kind: FactKind,
    /// The words, as written.
    pub text: String,
    /// Normalised: `2017-10-12`, `2017-09`, `2017-W40`, `4000`, `5000000 USD`, `3.5`, `07:48`,
    /// or the name; null for a relative date with no date to count from.
    pub value: Option<String>,
    /// For a number, the unit it counts or measures (`page`, `pound`, `nation`); null for a
    /// bare number and for other kinds.
    pub unit: Option<String>,
    /// What the unit measures: `weight`, `length`, `area`, `duration`, `temperature`,
    /// `speed` or `count`; null when there is no unit.
    pub measure: Option<String>,
    /// The sentence (`A.s5`).
    pub sentence: String,
    /// Byte offset of the first word.
    pub start: usize,
    /// Byte offset one past the last word.
    pub end: usize,
}

/// A named entity and its mentions per report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityReport {
    /// The fullest form of the name the reports use.
    pub name: String,
    /// `person`, `org` or `place`.
    pub kind: FactKind,
    /// Document id → number of mentions; a report that does not name it is absent.
    pub mentions: BTreeMap<String, usize>,
}

/// One disagreement between reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictReport {
    /// `speaker`, `attribution`, `date` or `number`.
    pub kind: ConflictKind,
    /// Sentence ids of the sides.
    pub members: Vec<String>,
    /// The group it was found in, or null (a quote given to different speakers).
    pub group: Option<String>,
    /// What each side says, one line.
    pub detail: String,
    /// Each side's value, structured: the report, the value, its unit, the sentence, the words.
    #[serde(default)]
    pub sides: Vec<ConflictSide>,
}

/// One side of a conflict (or of a sourcing difference).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictSide {
    /// Document id.
    pub doc: String,
    /// The value: a day (`2016-09-28`, or `weekday thursday` in a report with no date to count
    /// from), a number (`48`, `5587.75`), a speaker or the sources named.
    pub value: String,
    /// The unit of a number: `$`, `%` or the counted noun (`page`); null otherwise.
    pub unit: Option<String>,
    /// The sentence it is in (`A.s3`); null when the side spans several.
    pub sentence: Option<String>,
    /// The words as written (`48-page`, `Thursday`).
    pub text: String,
}

/// A quote of one report matched with a quote of another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteMatchReport {
    /// The two quote ids, the earlier report first (`["A.q5", "B.q2"]`).
    pub quotes: [String; 2],
    /// `identical`, `fragment` or `altered`: the wording alone.
    pub relation: QuoteRelation,
    /// The speakers as each report gives them (null when unknown).
    pub speakers: [Option<String>; 2],
    /// True when both reports name the speaker in the quote's own attribution and the names
    /// share no word.
    pub speakers_differ: bool,
    /// Word diff of the second quote against the first (empty when identical).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ops: Vec<DiffSegment>,
}

/// Two body sentences of different reports that carry one fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkReport {
    /// The two sentence ids, the earlier report first (`["A.s4", "B.s2"]`).
    pub sentences: [String; 2],
    /// `same` (neither adds a fact) or `partial` (they share a specific piece of content).
    pub relation: Relation,
    /// Calibrated (0–1): about the share of such links a careful reader accepts.
    pub score: f32,
    /// The evidence: the heaviest terms both sentences carry (stems, `#27` for numbers).
    pub why: Vec<String>,
}

/// How much two reports share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverlapReport {
    /// The two document ids, the earlier first.
    pub docs: [String; 2],
    /// Links between them.
    pub links: usize,
    /// Share (0–1) of each one's body sentences linked to the other, in `docs` order.
    pub shares: [f32; 2],
    /// False when they share almost nothing: they do not look like reports of one event.
    pub same_event: bool,
}

/// The verdict of a comparison, in the order the views say it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictReport {
    /// Shared facts (groups).
    pub shared: usize,
    /// Shared facts every report carries.
    pub shared_by_all: usize,
    /// Per pair of reports (those `overlap` lists), the share of each one's body sentences
    /// that the other carries too, in percent, rounded.
    pub pairs: Vec<PairVerdict>,
    /// Per report that leaves any out, the shared facts most of the other reports carry and
    /// it does not (group ids, most important first). Empty with two reports.
    pub left_out: Vec<LeftOut>,
}

/// How much two reports share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairVerdict {
    /// The two document ids, the earlier first.
    pub docs: [String; 2],
    /// Percent of each one's body sentences linked to the other, in `docs` order.
    pub percent: [u32; 2],
}

/// What one report leaves out of what most others carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeftOut {
    /// The document id.
    pub doc: String,
    /// Group ids, most important first.
    pub groups: Vec<String>,
}

/// One fact carried by two or more reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupReport {
    /// `g1`, `g2`, … in the order of their first sentence.
    pub id: String,
    /// `same` or `partial`.
    pub relation: Relation,
    /// Mean score (0–1) of the links that built the group.
    pub score: f32,
    /// The sentences of each report that carry the fact, reports in input order.
    pub members: Vec<GroupMember>,
    /// Why: the heaviest terms (stems, `#27` for numbers) the members share.
    pub shared_terms: Vec<String>,
    /// Word diff of each member after the first against the first.
    pub diffs: Vec<GroupDiff>,
    /// Numbers that differ between members (each side has a number the other lacks).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub numbers: Vec<NumberDiff>,
}

/// One report's part of a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupMember {
    /// Document id.
    pub doc: String,
    /// Sentence ids, in reading order.
    pub sentences: Vec<String>,
}

/// A member's wording against the first member's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupDiff {
    /// The member's document.
    pub doc: String,
    /// The document it is compared with (the group's first).
    pub against: String,
    /// Runs of words: `equal` (in both), `delete` (only in `against`), `insert` (only in `doc`).
    pub ops: Vec<DiffSegment>,
}

impl GroupDiff {
    /// The runs of words this member shares with the first, in order: what a partial fact's
    /// views emphasise.
    pub fn equal_runs(&self) -> impl Iterator<Item = &str> {
        self.ops
            .iter()
            .filter(|o| o.op == DiffOp::Equal)
            .map(|o| o.text.as_str())
    }
}

/// A run of words in a word diff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiffSegment {
    /// What happened to the run.
    pub op: DiffOp,
    /// The run's display text, from the document it comes from.
    pub text: String,
}

/// What happened to a run of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffOp {
    /// In both.
    Equal,
    /// Only in the first member.
    Delete,
    /// Only in this member.
    Insert,
}

/// Numbers on which two members of a group differ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberDiff {
    /// The member's document.
    pub doc: String,
    /// The document compared with.
    pub against: String,
    /// Numbers only `doc` gives.
    pub only: Vec<String>,
    /// Numbers only `against` gives.
    pub against_only: Vec<String>,
}

/// Paragraphs of two reports that carry the same facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParagraphAlignment {
    /// Two sides, the lower document first.
    pub members: Vec<ParagraphMember>,
    /// Share (0–1) of the smaller side's sentences grouped with the other side.
    pub score: f32,
}

/// One side of a paragraph alignment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParagraphMember {
    /// Document id.
    pub doc: String,
    /// Paragraph ids.
    pub paragraphs: Vec<String>,
}

/// What one report shares with the others, carries alone and leaves out.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    /// Body sentences.
    pub body_sentences: usize,
    /// Body sentences in some group.
    pub shared: usize,
    /// Body sentences in no group: what this report alone carries.
    pub only: usize,
    /// Groups this report has no part in: what it leaves out that others carry.
    pub missing: usize,
    /// Ids of the `only` sentences.
    pub only_sentences: Vec<String>,
    /// Ids of the `missing` groups.
    pub missing_groups: Vec<String>,
}

/// The id of the `index`-th document (0-based): `A`…`Z`, then `AA`, `AB`, … like spreadsheet
/// columns, so any number of reports gets short, sortable-by-length ids.
pub fn doc_id(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("invariant: ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_ids_like_spreadsheet_columns() {
        let ids: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .iter()
            .map(|&i| doc_id(i))
            .collect();
        assert_eq!(ids, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }
}
