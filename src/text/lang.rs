//! The language of a report, and what matching needs from it: a stemmer, a word-frequency table
//! for content-word weights, and whether words are written without spaces (Chinese, Japanese).

use rust_stemmers::{Algorithm, Stemmer};
use whatlang::Lang;

/// What the matcher knows about one language.
pub struct Language {
    /// ISO 639-1 code ("en"), or "und" when undetected.
    pub code: &'static str,
    stemmer: Option<Stemmer>,
    freq: Option<&'static super::wordfreq::Table>,
    /// Words are not separated by spaces: match on character bigrams.
    pub unspaced: bool,
}

impl Language {
    /// The language for an ISO 639-1 code, "und" (unknown) for anything Parallax has no data for.
    pub fn from_code(code: &str) -> Language {
        let (code, algorithm, unspaced): (&'static str, Option<Algorithm>, bool) = match code {
            "en" => ("en", Some(Algorithm::English), false),
            "de" => ("de", Some(Algorithm::German), false),
            "fr" => ("fr", Some(Algorithm::French), false),
            "es" => ("es", Some(Algorithm::Spanish), false),
            "it" => ("it", Some(Algorithm::Italian), false),
            "pt" => ("pt", Some(Algorithm::Portuguese), false),
            "nl" => ("nl", Some(Algorithm::Dutch), false),
            "ru" => ("ru", Some(Algorithm::Russian), false),
            "sv" => ("sv", Some(Algorithm::Swedish), false),
            "da" => ("da", Some(Algorithm::Danish), false),
            "nb" => ("nb", Some(Algorithm::Norwegian), false),
            "fi" => ("fi", Some(Algorithm::Finnish), false),
            "tr" => ("tr", Some(Algorithm::Turkish), false),
            "ar" => ("ar", Some(Algorithm::Arabic), false),
            "el" => ("el", Some(Algorithm::Greek), false),
            "hu" => ("hu", Some(Algorithm::Hungarian), false),
            "ro" => ("ro", Some(Algorithm::Romanian), false),
            "zh" => ("zh", None, true),
            "ja" => ("ja", None, true),
            _ => ("und", None, false),
        };
        let freq = super::wordfreq::TABLES.iter().find(|t| t.code == code);
        Language {
            code,
            stemmer: algorithm.map(Stemmer::create),
            freq,
            unspaced,
        }
    }

    /// Detects the language of `sample` (a report's body text). Short or mixed samples that the
    /// detector is unsure of count as English, the language of most news Parallax sees.
    pub fn detect(sample: &str) -> Language {
        if plainly_english(sample) {
            return Language::from_code("en");
        }
        let code = match whatlang::detect(sample) {
            Some(info) if info.is_reliable() || info.confidence() > 0.5 => iso639_1(info.lang()),
            // Unsure: scripts still tell Chinese and Japanese apart from Latin text.
            Some(info) if matches!(info.lang(), Lang::Cmn | Lang::Jpn) => iso639_1(info.lang()),
            _ => "en",
        };
        Language::from_code(code)
    }

    /// Zipf frequency × 10 of a lower-case word (70+ for "the", 30 for one in a million words),
    /// `None` when the word is rarer than anything in the table or there is no table.
    pub fn zipf(&self, word: &str) -> Option<u8> {
        let t = self.freq?;
        let word_at = |i: usize| {
            let start = t.starts[i] as usize;
            let end = t
                .starts
                .get(i + 1)
                .map_or(t.words.len(), |&e| e as usize - 1);
            &t.words[start..end]
        };
        let (mut lo, mut hi) = (0, t.starts.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match word_at(mid).cmp(word) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(t.zipf[mid]),
            }
        }
        None
    }

    /// Whether there is a frequency table for this language.
    pub fn has_frequencies(&self) -> bool {
        self.freq.is_some()
    }

    /// The stem of a lower-case word (the word itself when there is no stemmer).
    pub fn stem<'a>(&self, word: &'a str) -> std::borrow::Cow<'a, str> {
        match &self.stemmer {
            Some(s) => s.stem(word),
            None => std::borrow::Cow::Borrowed(word),
        }
    }
}

/// At least this many words, of which at least this share are English function words: the text
/// is English, without running the detector (news in any other language, even with English
/// names and quotes in it, stays far below; English prose sits around half).
const ENGLISH_MIN_WORDS: usize = 40;
const ENGLISH_MIN_STOP_SHARE: f32 = 0.3;

/// Whether `sample` is plainly English prose: most news Parallax reads is, and a count of
/// function words costs a fraction of the detector's trigram model.
fn plainly_english(sample: &str) -> bool {
    let (mut words, mut stop, mut foreign) = (0usize, 0usize, 0usize);
    for w in sample.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        words += 1;
        if w.chars().any(|c| !c.is_ascii() && c != '’') {
            foreign += 1; // another script, or accents
        } else {
            stop += usize::from(crate::text::lexicon::is_stop_word(w));
        }
    }
    // Words with accents or in another script: leave it to the detector.
    words >= ENGLISH_MIN_WORDS
        && foreign * 20 <= words
        && stop as f32 >= ENGLISH_MIN_STOP_SHARE * words as f32
}

fn iso639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Eng => "en",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Nld => "nl",
        Lang::Rus => "ru",
        Lang::Swe => "sv",
        Lang::Dan => "da",
        Lang::Nob => "nb",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Ara => "ar",
        Lang::Ell => "el",
        Lang::Hun => "hu",
        Lang::Ron => "ro",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        _ => "und",
    }
}

/// A common English word ("Finally", "Really", "So"): capitalised at the start of a sentence,
/// not a name.
pub fn is_common_word(w: &str) -> bool {
    static EN: std::sync::OnceLock<Language> = std::sync::OnceLock::new();
    let en = EN.get_or_init(|| Language::from_code("en"));
    let lower = w.to_lowercase();
    crate::text::lexicon::is_stop_word(&lower) || en.zipf(&lower).is_some_and(|z| z >= 45)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_and_weighs() {
        let en = Language::detect("Kremlin spokesman Dmitry Peskov said on Thursday that the reports were absurd and that the company would appeal.");
        assert_eq!(en.code, "en");
        let the = en.zipf("the").expect("'the' is in the table");
        let rare = en.zipf("interpol").expect("'interpol' is in the table");
        assert!(the > 70 && rare < 40, "the={the} interpol={rare}");
        assert_eq!(en.zipf("qwxzvk"), None);
        assert_eq!(en.stem("banned"), "ban");
        let ru = Language::detect("Представитель Кремля Дмитрий Песков заявил в четверг, что сообщения абсурдны и компания будет обжаловать решение.");
        assert_eq!(ru.code, "ru");
        assert!(ru.has_frequencies());
        let zh =
            Language::detect("卡巴斯基实验室周四宣布与国际刑警组织签署协议，共享网络犯罪信息。");
        assert_eq!(zh.code, "zh");
        assert!(zh.unspaced);
    }

    #[test]
    fn plain_english_skips_the_detector_and_nothing_else_does() {
        let en = "Kremlin spokesman Dmitry Peskov said on Thursday that the reports were absurd \
                  and that the company would appeal. He added that there was no evidence of any \
                  wrongdoing by the firm, which has denied all of the allegations made against it \
                  in the United States and in Europe over the past year.";
        assert!(plainly_english(en));
        let fr = "Le porte-parole du Kremlin, Dmitri Peskov, a déclaré jeudi que les informations \
                  étaient absurdes et que la société ferait appel. Il a ajouté qu'il n'y avait \
                  aucune preuve d'un quelconque méfait de la part de l'entreprise, qui a démenti \
                  toutes les accusations portées contre elle aux États-Unis et en Europe.";
        assert!(!plainly_english(fr));
        assert_eq!(Language::detect(fr).code, "fr");
        let de = "Der Sprecher des Kreml sagte am Donnerstag, die Berichte seien absurd und das \
                  Unternehmen werde Berufung einlegen. Er fügte hinzu, es gebe keine Beweise für \
                  ein Fehlverhalten der Firma, die alle Vorwürfe in den Vereinigten Staaten und \
                  in Europa im vergangenen Jahr zurückgewiesen hat, wie es hieß.";
        assert!(!plainly_english(de));
        assert!(!plainly_english("The company said it would appeal."));
    }

    #[test]
    fn tables_are_sorted_for_binary_search() {
        for t in super::super::wordfreq::TABLES {
            let words: Vec<&str> = t.words.split('\n').collect();
            assert_eq!(words.len(), t.starts.len(), "{}", t.code);
            assert_eq!(words.len(), t.zipf.len(), "{}", t.code);
            assert!(
                words.windows(2).all(|w| w[0] < w[1]),
                "{} table is not strictly sorted",
                t.code
            );
            // Every listed word is found by the lookup.
            let lang = Language::from_code(t.code);
            for (i, w) in words.iter().enumerate().step_by(97) {
                assert_eq!(lang.zipf(w), Some(t.zipf[i]), "{} {w}", t.code);
            }
        }
    }
}
