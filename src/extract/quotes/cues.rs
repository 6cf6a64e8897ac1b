//! Attribution cues: reporting verbs and nouns, the narrower set that introduces indirect
//! speech, and the small word lists that tell a verb phrase (pronouns, descriptions that can
//! speak, adverbial openers).

/// Reporting verbs and nouns, lowercase, every form.
pub(super) const CUES: &[&str] = &[
    "acknowledged",
    "acknowledges",
    "add",
    "added",
    "adding",
    "adds",
    "admit",
    "admits",
    "admitted",
    "advised",
    "agreed",
    "agrees",
    "announced",
    "announces",
    "argue",
    "argued",
    "argues",
    "arguing",
    "ask",
    "asked",
    "asking",
    "asks",
    "assert",
    "asserted",
    "asserts",
    "assured",
    "believes",
    "called",
    "calling",
    "calls",
    "cautioned",
    "charged",
    "cited",
    "cites",
    "citing",
    "claim",
    "claimed",
    "claiming",
    "claims",
    "commented",
    "complained",
    "concluded",
    "conceded",
    "confirmed",
    "confirms",
    "contend",
    "contended",
    "contends",
    "continued",
    "cried",
    "declared",
    "declares",
    "denied",
    "denies",
    "described",
    "describes",
    "described",
    "emphasized",
    "emphasised",
    "estimated",
    "explain",
    "explained",
    "explaining",
    "explains",
    "expressed",
    "hoped",
    "insist",
    "insisted",
    "insists",
    "maintained",
    "mentioned",
    "noted",
    "notes",
    "noting",
    "observed",
    "pointed",
    "predicted",
    "promised",
    "recalled",
    "recalls",
    "referred",
    "remarked",
    "replied",
    "reported",
    "reports",
    "responded",
    "said",
    "say",
    "saying",
    "says",
    "shouted",
    "speaking",
    "state",
    "stated",
    "states",
    "stating",
    "stressed",
    "suggested",
    "suggests",
    "tell",
    "telling",
    "tells",
    "testified",
    "thinks",
    "told",
    "tweeted",
    "urged",
    "warned",
    "warns",
    "wrote",
    "writes",
];

/// A reporting verb as written (lowercase: "States" in "United States" is not one).
pub(super) fn is_cue(word: &str) -> bool {
    CUES.contains(&word)
}

/// Verbs that introduce indirect speech (a narrower set: "called" or "cited" do not).
pub(super) const INDIRECT_CUES: &[&str] = &[
    "acknowledged",
    "acknowledges",
    "add",
    "added",
    "adds",
    "admit",
    "admits",
    "admitted",
    "announced",
    "announces",
    "argue",
    "argued",
    "argues",
    "asserted",
    "believe",
    "believes",
    "claim",
    "claimed",
    "claims",
    "concede",
    "conceded",
    "concedes",
    "concluded",
    "confirmed",
    "confirms",
    "contended",
    "declared",
    "denied",
    "denies",
    "estimate",
    "estimated",
    "estimates",
    "explain",
    "explained",
    "explains",
    "expects",
    "found",
    "insist",
    "insisted",
    "insists",
    "maintained",
    "maintains",
    "note",
    "noted",
    "notes",
    "predicted",
    "predicts",
    "report",
    "reported",
    "reports",
    "said",
    "say",
    "says",
    "stated",
    "states",
    "stressed",
    "suggest",
    "suggested",
    "suggests",
    "tell",
    "tells",
    "told",
    "warn",
    "warned",
    "warns",
    "wrote",
    "writes",
];

/// Cue forms that are also nouns ("a final report", "the claims").
pub(super) const AMBIGUOUS_CUES: &[&str] = &[
    "claim",
    "claims",
    "estimate",
    "estimates",
    "found",
    "note",
    "notes",
    "report",
    "reports",
    "states",
    "warns",
];

/// Words that open a time, place or manner phrase after a verb ("said on Thursday that").
pub(super) fn is_adverbial_start(w: &str) -> bool {
    matches!(
        w,
        "on" | "in"
            | "at"
            | "during"
            | "after"
            | "before"
            | "last"
            | "this"
            | "earlier"
            | "later"
            | "yesterday"
            | "today"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "recently"
            | "previously"
            | "also"
            | "again"
            | "repeatedly"
            | "publicly"
            | "privately"
            | "of"
            | "about"
            | "to"
            | "with"
            | "for"
            | "from"
            | "through"
    )
}

pub(super) const PRONOUNS: &[&str] = &["he", "she", "it", "they", "we", "i"];

/// Lowercase nouns that, after "the", describe a speaker ("the company said").
pub(super) const DESCRIPTIONS: &[&str] = &[
    "agency",
    "authorities",
    "bank",
    "company",
    "court",
    "department",
    "firm",
    "government",
    "group",
    "lab",
    "ministry",
    "minister",
    "newspaper",
    "office",
    "official",
    "officials",
    "organisation",
    "organization",
    "paper",
    "police",
    "president",
    "prosecutor",
    "report",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "statement",
    "minister",
    "senator",
    "statement",
];
