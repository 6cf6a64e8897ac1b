//! Property tests (proptest). The reading half: no input panics; every span lies on char
//! boundaries and slices back to its unit's text; units are ordered and disjoint; normalising
//! is idempotent; the fast tokenizer agrees with Unicode word boundaries. The whole pipeline:
//! every body sentence is in exactly one place of a comparison; swapping the inputs changes
//! only ids; a report compared with itself is all `same`; offsets slice back; JSON round-trips;
//! output is byte-identical across runs.

use parallax::document::{Encoding, InputFormat};
use parallax::ingest::{self, Input, ReadOptions};
use parallax::text::{normalize, paragraph, sentence, Span};
use proptest::prelude::*;

mod invariants;

/// Text that looks like news some of the time and like noise the rest: words, punctuation the
/// splitters care about, quotes of every kind, line breaks, controls, and other scripts.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("The".to_string()),
        Just("minister".to_string()),
        Just("U.S.".to_string()),
        Just("Oct.".to_string()),
        Just("Mr.".to_string()),
        Just("said".to_string()),
        Just("2017".to_string()),
        Just(".".to_string()),
        Just("...".to_string()),
        Just("…".to_string()),
        Just("?".to_string()),
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("’".to_string()),
        Just("‘".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("„".to_string()),
        Just("「".to_string()),
        Just("」".to_string()),
        Just("''".to_string()),
        Just("he".to_string()),
        Just("Peskov".to_string()),
        Just("Thursday".to_string()),
        Just("$5".to_string()),
        Just("million".to_string()),
        Just("3%".to_string()),
        Just("according to".to_string()),
        Just(",".to_string()),
        Just("—".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just(" ".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("東京".to_string()),
        Just("Москва.".to_string()),
        Just("مرحبا.".to_string()),
        Just("👩‍👩‍👧".to_string()),
        "\\PC{1,8}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

fn check_document(doc: &parallax::Document) -> Result<(), TestCaseError> {
    invariants::document(doc).map_err(TestCaseError::fail)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn normalising_is_idempotent(s in "\\PC{0,200}") {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn text_spans_are_sound(s in newsish()) {
        let doc = ingest::analyse("p".into(), "p".into(), InputFormat::Text, Encoding::Utf8, s);
        check_document(&doc)?;
    }

    /// Quotes and facts: spans on char boundaries inside the text, parts inside the quote and
    /// inside body paragraphs, the quote's text is its parts; unbalanced marks never panic.
    #[test]
    fn quote_and_fact_spans_are_sound(s in newsish()) {
        let doc = ingest::analyse("p".into(), "p".into(), InputFormat::Text, Encoding::Utf8, s);
        let x = parallax::extract::extract(&doc, &Default::default());
        let text = &doc.text;
        let body: Vec<Span> = doc.body().map(|p| p.span).collect();
        let ok = |sp: Span| sp.start <= sp.end && sp.end <= text.len() && text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end);
        for q in &x.quotes {
            prop_assert!(ok(q.span), "{q:?}");
            prop_assert!(!q.parts.is_empty());
            for part in &q.parts {
                prop_assert!(ok(*part) && q.span.start <= part.start && part.end <= q.span.end, "{q:?}");
                prop_assert!(body.iter().any(|b| b.start <= part.start && part.end <= b.end), "part inside a body paragraph: {q:?}");
            }
            let joined: Vec<&str> = q.parts.iter().map(|p| p.slice(text)).collect();
            prop_assert_eq!(q.text(text), joined.join(" "));
            if let Some(sp) = q.speaker_span {
                prop_assert!(ok(sp));
            }
            prop_assert!(doc.paragraphs[q.paragraph].sentences.len() > q.sentence);
        }
        for f in &x.facts {
            prop_assert!(ok(f.span) && !f.span.is_empty(), "{f:?}");
            prop_assert!(doc.paragraphs[f.paragraph].sentences[f.sentence].span.start <= f.span.start);
        }
    }

    #[test]
    fn markdown_and_html_spans_are_sound(s in newsish()) {
        for format in [InputFormat::Markdown, InputFormat::Html] {
            let doc = ingest::analyse("p".into(), "p".into(), format, Encoding::Utf8, s.clone());
            check_document(&doc)?;
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let input = Input::Bytes { name: "fuzz".into(), bytes };
        // An error or a document, never a panic.
        if let Ok((doc, _)) = ingest::load(&input, None, &ReadOptions::default()) {
            check_document(&doc)?;
        }
    }

    #[test]
    fn paragraph_and_sentence_splitters_stay_in_bounds(s in "[a-zA-Z .?!\"“”’\\n\\r]{0,300}") {
        for p in paragraph::split(&s) {
            prop_assert_eq!(p.slice(&s).trim(), p.slice(&s));
            for sent in sentence::split(&s, p) {
                prop_assert!(sent.start >= p.start && sent.end <= p.end);
            }
        }
    }

    #[test]
    fn fast_tokens_match_unicode_words(s in "[a-zA-Z0-9 .,;:'’‘“”—–…_-]{0,120}") {
        // Ingest tokenises through the fast path for such text; compare with UAX #29 directly.
        use unicode_segmentation::UnicodeSegmentation;
        let doc = ingest::analyse("p".into(), "p".into(), InputFormat::Text, Encoding::Utf8, s.clone());
        let ours: Vec<&str> = doc.paragraphs.iter().flat_map(|p| p.sentences.iter()).flat_map(|st| st.tokens.iter()).map(|t| t.span.slice(&doc.text)).collect();
        let theirs: Vec<&str> = doc.paragraphs.iter().flat_map(|p| p.sentences.iter())
            .flat_map(|st| st.span.slice(&doc.text).split_word_bounds().filter(|w| w.chars().any(char::is_alphanumeric)).collect::<Vec<_>>())
            .collect();
        prop_assert_eq!(ours, theirs);
    }
}

/// Sentences for side-by-side reports: English, Japanese and Chinese (wide), Russian, emoji and
/// ZWJ sequences, combining marks, a long unbroken run of wide characters, a very long word.
fn wide_sentence() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("The minister said talks would resume in Tokyo on Monday.".to_string()),
        Just("東京で会議が開かれ、首相は交渉を再開すると述べた。".to_string()),
        Just("北京时间星期四，外交部发言人表示谈判将继续进行。".to_string()),
        Just("Министр заявил, что переговоры возобновятся в понедельник.".to_string()),
        Just("Fans cheered 🎉👩‍👩‍👧 and waved 🇺🇦 flags outside the stadium.".to_string()),
        Just("Cafe\u{301} owners in Zu\u{308}rich said prices rose 3% last month.".to_string()),
        Just("会議会議会議会議会議会議会議会議会議会議会議会議会議会議会議会議会議会議会議会議会議会議会議会議会議会議会議会議。".to_string()),
        Just("Officials cited Pneumonoultramicroscopicsilicovolcanoconiosis-related-supercalifragilisticexpialidocious-complaints again.".to_string()),
        "[a-z]{1,12}( [a-zA-Z東京한국🎉]{1,10}){3,12}\\.",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Side-by-side lines never exceed the width, with or without colour (escape codes aside).
    #[test]
    fn side_by_side_fits_the_width(
        docs in prop::collection::vec(prop::collection::vec(wide_sentence(), 1..8), 2..5)
    ) {
        use parallax::render::{self, Palette};
        let docs: Vec<parallax::Document> = docs
            .iter()
            .enumerate()
            .map(|(i, s)| {
                ingest::analyse(
                    format!("東京新聞 outlet {i} 🎉"),
                    format!("r{i}.txt"),
                    InputFormat::Text,
                    Encoding::Utf8,
                    s.join("\n\n"),
                )
            })
            .collect();
        let report = parallax::compare_documents(&docs, &[], &Default::default(), &Default::default());
        colored::control::set_override(true);
        for width in [60usize, 100, 200] {
            for palette in [Palette::plain(), Palette::colored()] {
                let mut out = Vec::new();
                render::views::render_view(
                    &report,
                    render::views::View::SideBySide,
                    width,
                    palette,
                    &mut out,
                )
                .unwrap();
                let text = String::from_utf8(out).unwrap();
                for line in text.lines() {
                    let plain = strip_sgr(line);
                    prop_assert!(!plain.contains('\u{1b}'), "stray escape in {:?}", line);
                    let w = render::width::width(&plain);
                    let uw = unicode_width::UnicodeWidthStr::width(plain.as_str());
                    prop_assert!(w <= width && uw <= width, "{} / {} columns > {}: {:?}", w, uw, width, plain);
                }
            }
        }
    }
}

/// Removes SGR colour sequences (`ESC [ … m`).
fn strip_sgr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Sentences of the seeds, for reports that share some facts and not others.
fn seed_sentences() -> Vec<String> {
    let mut out = Vec::new();
    for f in [
        "fixtures/kaspersky/rferl.txt",
        "fixtures/kaspersky/moscowtimes.txt",
    ] {
        let input = Input::Path(f.into());
        let (doc, _) = ingest::load(&input, None, &ReadOptions::default()).unwrap();
        for p in doc.body() {
            for s in &p.sentences {
                out.push(s.span.slice(&doc.text).to_string());
            }
        }
    }
    out
}

/// A report: some of the seed sentences, in any order, a few words changed, in paragraphs of
/// one to three sentences.
fn report_text(pool: std::sync::Arc<Vec<String>>) -> impl Strategy<Value = String> {
    let n = pool.len();
    (
        prop::collection::vec((0..n, 0..4usize, any::<bool>()), 1..14),
        prop::collection::vec(1..4usize, 14),
    )
        .prop_map(move |(picks, sizes)| {
            let sentences: Vec<String> = picks
                .iter()
                .map(|&(i, edit, upper)| {
                    let s = &pool[i];
                    match edit {
                        0 => s.replacen("said", "stated", 1),
                        1 if upper => s.replacen(" the ", " THE ", 1),
                        2 => s.replacen("Kaspersky", "Kasperski", 1),
                        _ => s.clone(),
                    }
                })
                .collect();
            let mut out = String::from("Kaspersky And Interpol\n\n");
            let mut k = 0;
            for size in sizes {
                if k >= sentences.len() {
                    break;
                }
                let end = (k + size).min(sentences.len());
                out.push_str(&sentences[k..end].join(" "));
                out.push_str("\n\n");
                k = end;
            }
            out
        })
}

fn doc(name: &str, text: &str) -> parallax::Document {
    invariants::load(name, text.as_bytes(), Some(InputFormat::Text)).unwrap()
}

use invariants::compare;

/// A comparison's groups with ids taken out: per group, each member's label and sentence texts.
fn groups_by_text(
    r: &parallax::report::Report,
) -> std::collections::BTreeSet<Vec<(String, Vec<String>)>> {
    let text_of = invariants::sentence_texts(r);
    let label_of: std::collections::HashMap<&str, &str> = r
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.label.as_str()))
        .collect();
    r.groups
        .iter()
        .flatten()
        .map(|g| {
            let mut members: Vec<(String, Vec<String>)> = g
                .members
                .iter()
                .map(|m| {
                    let texts = m.sentences.iter().map(|s| text_of[s.as_str()].to_string());
                    (label_of[m.doc.as_str()].to_string(), texts.collect())
                })
                .collect();
            members.sort();
            members
        })
        .collect()
}

/// A comparison's links with ids taken out: per link, (label, text) of each side, sorted.
fn links_by_text(
    r: &parallax::report::Report,
) -> std::collections::BTreeSet<Vec<(String, String)>> {
    let text_of = invariants::sentence_texts(r);
    let label_of = |sid: &str| -> String {
        let doc = sid.split('.').next().unwrap_or("");
        r.documents
            .iter()
            .find(|d| d.id == doc)
            .map(|d| d.label.clone())
            .unwrap_or_default()
    };
    r.links
        .iter()
        .flatten()
        .map(|l| {
            let mut sides: Vec<(String, String)> = l
                .sentences
                .iter()
                .map(|s| (label_of(s), text_of[s.as_str()].to_string()))
                .collect();
            sides.sort();
            sides
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn comparisons_are_whole_symmetric_and_deterministic(
        (a, b) in {
            let pool = std::sync::Arc::new(seed_sentences());
            (report_text(pool.clone()), report_text(pool))
        }
    ) {
        let (da, db) = (doc("a.txt", &a), doc("b.txt", &b));
        let ab = compare(&[da.clone(), db.clone()]);
        invariants::report(&ab).map_err(TestCaseError::fail)?;
        // Swapping the inputs changes ids, not what is grouped with what.
        let ba = compare(&[db, da.clone()]);
        invariants::report(&ba).map_err(TestCaseError::fail)?;
        prop_assert_eq!(groups_by_text(&ab), groups_by_text(&ba));
        // The same links whichever report comes first, each once (`invariants::report` checks
        // that no link joins a report to itself and that each is listed once).
        prop_assert_eq!(links_by_text(&ab), links_by_text(&ba));
        // The same inputs give byte-identical output.
        let again = compare(&[doc("a.txt", &a), doc("b.txt", &b)]);
        let json = |r: &parallax::report::Report| serde_json::to_string(r).unwrap();
        prop_assert_eq!(json(&ab), json(&again));
        // A report compared with itself is all `same`, every sentence grouped.
        let own = compare(&[da.clone(), da]);
        invariants::report(&own).map_err(TestCaseError::fail)?;
        for c in own.coverage.as_ref().unwrap().values() {
            prop_assert_eq!((c.only, c.missing), (0, 0));
        }
        prop_assert!(own
            .groups
            .iter()
            .flatten()
            .all(|g| g.relation == parallax::align::Relation::Same));
        // … and links every body sentence to its twin as `same`.
        let twins: std::collections::BTreeSet<(String, String)> = own
            .links
            .iter()
            .flatten()
            .filter(|l| l.relation == parallax::align::Relation::Same)
            .map(|l| (l.sentences[0].clone(), l.sentences[1].clone()))
            .collect();
        for s in &invariants::body_sentence_ids(&own)["A"] {
            let twin = s.replacen('A', "B", 1);
            prop_assert!(twins.contains(&(s.clone(), twin.clone())), "{} has no same link to {}", s, twin);
        }
    }
}
