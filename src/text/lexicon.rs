//! Small word lists: English stop words, abbreviations that end in a full stop without ending a
//! sentence, and phrases that mark page furniture. Kept short and general on purpose (issue #2:
//! "a small phrase list", not rules for particular files).

/// An open-addressing hash set of short ASCII words: a lookup is one FNV hash and, usually,
/// one comparison (a `match` over 150 strings or a binary search costs several).
struct WordTable {
    slots: Vec<&'static str>,
}

impl WordTable {
    const BITS: u32 = 10;

    fn new(words: &[&'static str]) -> WordTable {
        let mut slots = vec![""; 1 << Self::BITS];
        for w in words {
            let mut i = Self::hash(w);
            while !slots[i].is_empty() {
                i = (i + 1) & ((1 << Self::BITS) - 1);
            }
            slots[i] = w;
        }
        WordTable { slots }
    }

    fn hash(w: &str) -> usize {
        let mut h: u32 = 0x811c_9dc5;
        for b in w.bytes() {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
        (h >> (32 - Self::BITS)) as usize
    }

    fn contains(&self, w: &str) -> bool {
        let mut i = Self::hash(w);
        loop {
            match self.slots[i] {
                "" => return false,
                s if s == w => return true,
                _ => i = (i + 1) & ((1 << Self::BITS) - 1),
            }
        }
    }
}

/// Common English function words (lower case). Used for stop-word density and to tell a
/// capitalised sentence opener ("The", "He") from a capitalised name after an abbreviation.
pub const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "many",
    "may",
    "me",
    "meanwhile",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "said",
    "same",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
];

/// True when `word` (any case) is an English stop word.
pub fn is_stop_word(word: &str) -> bool {
    // No stop word is longer than "meanwhile"; most content words are, and skip the lookup.
    if word.len() > 9 {
        return false;
    }
    let mut buf = [0u8; 16];
    let Some(lower) = ascii_lower(word, &mut buf) else {
        return false;
    };
    static TABLE: std::sync::OnceLock<WordTable> = std::sync::OnceLock::new();
    TABLE
        .get_or_init(|| WordTable::new(STOP_WORDS))
        .contains(lower)
}

/// Abbreviations (without their final dot, lower case) after which a full stop does not end a
/// sentence when a capitalised word follows: titles, months, and a few Latin and business forms.
/// Titles are never sentence-final in news prose; the others are checked against what follows.
pub const TITLES: &[&str] = &[
    "adm", "capt", "cmdr", "col", "cong", "dr", "fr", "gen", "gov", "hon", "lt", "maj", "messrs",
    "mr", "mrs", "ms", "mssrs", "pres", "prof", "rep", "reps", "rev", "sen", "sens", "sgt", "sr",
    "st", "supt",
];

/// Abbreviations that may end a sentence ("… at 5 p.m. The …") but usually do not.
pub const ABBREVIATIONS: &[&str] = &[
    "a.m", "ala", "apr", "ariz", "ark", "aug", "ave", "blvd", "calif", "cf", "co", "colo", "conn",
    "corp", "dec", "del", "dept", "e.g", "est", "etc", "feb", "fig", "fla", "ft", "ga", "i.e",
    "ill", "inc", "ind", "jan", "jr", "jul", "jun", "kan", "ky", "la", "ltd", "mass", "md", "mich",
    "minn", "miss", "mo", "mont", "mt", "no", "nos", "nov", "oct", "okla", "ore", "p.m", "pa",
    "pp", "sep", "sept", "tenn", "tex", "v", "va", "vol", "vs", "wash", "wis", "wyo",
];

/// True when `word` (without its final dot) is a title such as "Mr" or "Sen".
pub fn is_title(word: &str) -> bool {
    let mut buf = [0u8; 16];
    ascii_lower(word, &mut buf).is_some_and(|w| TITLES.binary_search(&w).is_ok())
}

/// True when `word` (without its final dot) is a known abbreviation such as "Oct" or "Inc".
pub fn is_abbreviation(word: &str) -> bool {
    let mut buf = [0u8; 16];
    ascii_lower(word, &mut buf).is_some_and(|w| ABBREVIATIONS.binary_search(&w).is_ok())
}

/// Lower-cases a short ASCII word into `buf`; `None` for long or non-ASCII words.
fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; 16]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..bytes.len()]).ok()
}

/// Whole blocks that are site navigation or interface text when they stand alone.
pub const NAVIGATION_PHRASES: &[&str] = &[
    "accessibility links",
    "advertisement",
    "back to top",
    "breaking",
    "breaking news",
    "close",
    "comments",
    "contact us",
    "continue reading",
    "download the app",
    "email",
    "facebook",
    "follow us",
    "home",
    "latest news",
    "listen",
    "load more",
    "log in",
    "login",
    "main menu",
    "menu",
    "more",
    "most popular",
    "most read",
    "navigation",
    "next",
    "previous",
    "print",
    "read more",
    "related",
    "related articles",
    "related content",
    "related stories",
    "search",
    "share",
    "share this article",
    "sign in",
    "sign up",
    "skip to content",
    "skip to main content",
    "sponsored",
    "subscribe",
    "top stories",
    "trending",
    "twitter",
    "watch",
    "whatsapp",
];

/// Phrases that mark an outlet's footer, a subscription box or a legal notice wherever they
/// occur in a block.
pub const FOOTER_PHRASES: &[&str] = &[
    "all rights reserved",
    "click here",
    "cookie policy",
    "cookies",
    "copyright ©",
    "find out more",
    "newsletter",
    "privacy policy",
    "sign up for",
    "subscribe to our",
    "terms of service",
    "terms of use",
    "this material may not be published",
];

/// Credit phrases found anywhere in a short closing line.
pub const END_CREDIT_PHRASES: &[&str] = &["contributed reporting", "contributed to this report"];

/// Phrase lists searched for inside blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phrases {
    /// [`FOOTER_PHRASES`].
    Footer,
    /// [`END_CREDIT_PHRASES`].
    EndCredit,
}

/// True when `text` contains any phrase of the list, ignoring ASCII case. One pass over the
/// text for all phrases (Aho–Corasick), with no lower-cased copy.
pub fn matches_any(list: Phrases, text: &str) -> bool {
    use aho_corasick::{AhoCorasick, AhoCorasickKind};
    use std::sync::OnceLock;
    // A contiguous NFA: built in microseconds, where the default DFA's construction was a
    // visible share of a two-report comparison's start-up; the lines searched are short.
    fn build(phrases: &[&str]) -> AhoCorasick {
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .ascii_case_insensitive(true)
            .build(phrases)
            .expect("invariant: static phrase lists build")
    }
    static FOOTER: OnceLock<AhoCorasick> = OnceLock::new();
    static END_CREDIT: OnceLock<AhoCorasick> = OnceLock::new();
    let ac = match list {
        Phrases::Footer => FOOTER.get_or_init(|| build(FOOTER_PHRASES)),
        Phrases::EndCredit => END_CREDIT.get_or_init(|| build(END_CREDIT_PHRASES)),
    };
    ac.is_match(text)
}

/// Starts of credit lines: who reported, wrote or edited the story.
pub const CREDIT_OPENERS: &[&str] = &[
    "additional reporting by",
    "compiled by",
    "contributing:",
    "edited by",
    "editing by",
    "reporting by",
    "with reporting by",
    "writing by",
    "written by",
];

/// Words that, in a short line, mark a photo or video credit or a caption label.
pub const MEDIA_WORDS: &[&str] = &[
    "afp",
    "ap",
    "epa",
    "getty",
    "image",
    "images",
    "photo",
    "photograph",
    "photos",
    "picture",
    "pictures",
    "shutterstock",
    "video",
];

/// Words that open a new clause (the aligner's clause matching), sorted.
pub const CLAUSE_OPENERS: &[&str] = &[
    "according",
    "after",
    "although",
    "and",
    "as",
    "because",
    "before",
    "but",
    "if",
    "said",
    "saying",
    "says",
    "since",
    "that",
    "though",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
];

/// Words that make a capitalised run an organisation ("Kaspersky Lab", "Interpol").
pub const ORG_WORDS: &[&str] = &[
    "AFP",
    "Agency",
    "Army",
    "Association",
    "Bank",
    "Board",
    "Bureau",
    "Co",
    "Commission",
    "Committee",
    "Company",
    "Congress",
    "Corp",
    "Corporation",
    "Council",
    "Court",
    "Department",
    "FBI",
    "Foundation",
    "Government",
    "Group",
    "House",
    "Inc",
    "Institute",
    "Interpol",
    "Journal",
    "Kremlin",
    "Lab",
    "Labs",
    "Ltd",
    "Ministry",
    "NATO",
    "News",
    "Office",
    "Organisation",
    "Organization",
    "Parliament",
    "Party",
    "Pentagon",
    "Police",
    "Post",
    "Reuters",
    "Senate",
    "Service",
    "TASS",
    "Times",
    "Union",
    "University",
];
/// Titles and roles before a name ("Kremlin spokesman Dmitry Peskov", "Sen. X").
pub fn is_title_word(w: &str) -> bool {
    is_title(w)
        || matches!(
            w.to_lowercase().trim_end_matches('.'),
            "president"
                | "minister"
                | "spokesman"
                | "spokeswoman"
                | "sen"
                | "rep"
                | "gov"
                | "senator"
                | "governor"
                | "mayor"
                | "chief"
                | "director"
                | "secretary"
                | "chairman"
                | "ceo"
                | "founder"
                | "prime"
                | "premier"
                | "judge"
                | "general"
                | "mr"
                | "mrs"
                | "ms"
                | "dr"
                | "prof"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for list in [
            STOP_WORDS,
            TITLES,
            ABBREVIATIONS,
            NAVIGATION_PHRASES,
            MEDIA_WORDS,
            CLAUSE_OPENERS,
        ] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            assert_eq!(sorted, list, "list must stay sorted");
        }
    }

    #[test]
    fn stop_words_fit_the_length_shortcut() {
        assert!(STOP_WORDS.iter().all(|w| w.len() <= 9));
    }

    #[test]
    fn phrase_search_ignores_case() {
        assert!(matches_any(
            Phrases::Footer,
            "To find out more, Click Here."
        ));
        assert!(matches_any(
            Phrases::EndCredit,
            "John Roe Contributed Reporting."
        ));
        assert!(!matches_any(
            Phrases::Footer,
            "The minister said the talks would resume."
        ));
    }

    #[test]
    fn lookups_ignore_case() {
        assert!(is_stop_word("The"));
        assert!(!is_stop_word("Kaspersky"));
        assert!(is_title("Sen"));
        assert!(is_abbreviation("Oct"));
        assert!(!is_abbreviation("October"));
    }
}
