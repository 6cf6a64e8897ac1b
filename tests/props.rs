//! Property tests (proptest) for the reading half of the pipeline: no input panics; every span
//! lies on char boundaries and slices back to its unit's text; units are ordered and disjoint;
//! normalising is idempotent; the fast tokenizer agrees with Unicode word boundaries.

use parallax::document::{Encoding, InputFormat};
use parallax::ingest::{self, Input, ReadOptions};
use parallax::text::{normalize, paragraph, sentence, Span};
use proptest::prelude::*;

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
    let text = &doc.text;
    let mut last_end = 0;
    for p in &doc.paragraphs {
        let Span { start, end } = p.span;
        prop_assert!(start <= end && end <= text.len());
        prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        prop_assert!(start >= last_end, "paragraphs are ordered and disjoint");
        last_end = end;
        let mut s_end = start;
        for s in &p.sentences {
            prop_assert!(
                s.span.start >= s_end && s.span.end <= end,
                "sentences inside their paragraph, in order"
            );
            prop_assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
            prop_assert!(!s.span.slice(text).trim().is_empty());
            s_end = s.span.end;
            let mut t_end = s.span.start;
            for (i, t) in s.tokens.iter().enumerate() {
                prop_assert!(t.span.start >= t_end && t.span.end <= s.span.end);
                prop_assert!(
                    text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end)
                );
                prop_assert!(!s.token_norm(i).is_empty());
                t_end = t.span.end;
            }
        }
        // Every non-space character of a paragraph is in one of its sentences.
        let covered: usize = p
            .sentences
            .iter()
            .map(|s| {
                s.span
                    .slice(text)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .count()
            })
            .sum();
        let all = p
            .span
            .slice(text)
            .chars()
            .filter(|c| !c.is_whitespace())
            .count();
        prop_assert_eq!(covered, all);
    }
    Ok(())
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
        let report = parallax::compare(&docs, &[], &Default::default(), &Default::default());
        colored::control::set_override(true);
        for width in [60usize, 100, 200] {
            for palette in [Palette::plain(), Palette::colored()] {
                let mut out = Vec::new();
                render::compare::render_view(
                    &report,
                    render::compare::View::SideBySide,
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
