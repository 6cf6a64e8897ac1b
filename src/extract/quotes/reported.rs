//! Reported speech: attributed clauses without quote marks ("Peskov said the reports were …",
//! "…, officials said", "according to X, …").

use super::*;

/// Indirect speech: `SUBJECT (adverbs) VERB (that) CLAUSE` or `according to X, CLAUSE`.
pub(super) fn indirect(
    text: &str,
    words: &[Word],
    people: &Mentions,
    p: usize,
    si: usize,
) -> Vec<Quote> {
    let frame: Vec<&Word> = words.iter().collect();
    let comma_before =
        |k: usize| k > 0 && text[frame[k - 1].span.end..frame[k].span.start].contains(',');
    for (v, w) in frame.iter().enumerate() {
        // Written in lowercase: a verb, not a name or a headline word.
        let aside = v > 1
            && matches!(
                frame[v - 1].lower(),
                "meanwhile" | "however" | "though" | "too" | "also" | "separately"
            )
            && comma_before(v - 1);
        if v == 0 || !INDIRECT_CUES.contains(&w.text.as_str()) {
            continue;
        }
        let prev = frame[v - 1].lower();
        // "the index added 10 points": a rise, not speech
        if matches!(w.text.as_str(), "added" | "adds" | "add")
            && frame.get(v + 1).is_some_and(|x| {
                x.text.starts_with(|c: char| c.is_ascii_digit())
                    || matches!(
                        x.lower(),
                        "one"
                            | "two"
                            | "three"
                            | "four"
                            | "five"
                            | "six"
                            | "another"
                            | "yet"
                            | "a"
                            | "an"
                    )
            })
        {
            continue;
        }
        // Verbs that as often take a thing as a clause ("reported a 30 per cent drop",
        // "announced the agreement") report speech only with "that" or a pronoun subject next.
        if matches!(
            w.text.as_str(),
            "reported"
                | "reports"
                | "report"
                | "announced"
                | "announces"
                | "denied"
                | "denies"
                | "confirmed"
                | "confirms"
                | "estimated"
                | "estimates"
                | "found"
                | "predicted"
                | "predicts"
                | "admitted"
                | "acknowledged"
        ) && !(v + 1..(v + 6).min(frame.len())).any(|k| {
            frame[k].lower() == "that" || (k == v + 1 && PRONOUNS.contains(&frame[k].lower()))
        }) {
            continue;
        }
        // "was announced": passive, the subject is not a speaker
        if matches!(
            prev,
            "was" | "were" | "been" | "be" | "being" | "is" | "are"
        ) {
            continue;
        }
        // "a final report", "the claims": a noun, not a verb
        if AMBIGUOUS_CUES.contains(&w.text.as_str())
            && !(PRONOUNS.contains(&prev)
                || frame[v - 1].capitalised()
                || (prev.ends_with('s') && !prev.ends_with("ss")))
        {
            continue;
        }
        // "… praised China and said he …": the verb shares the sentence's subject.
        let coordinated = matches!(prev, "and" | "but") && !comma_before(v);
        let found = if coordinated {
            subject(text, &frame, v - 1, people)
        } else {
            speaker_left(text, &frame, 0, v, people)
        };
        let Some((mention, name)) = found else {
            continue;
        };
        let subject_at = frame
            .iter()
            .position(|x| x.span.start >= mention.start)
            .unwrap_or(0);
        // A comma right before the verb: an apposition after a subject that opens the sentence
        // ("Hiram Macharia, marketing executive at LG Electronics, said …"), or an aside
        // ("The Journal, meanwhile, reported …"); else an inverted attribution handled below.
        let mention_last = frame
            .iter()
            .rposition(|x| x.span.end <= mention.end)
            .unwrap_or(subject_at);
        let leads = subject_at <= 5 || comma_before(subject_at);
        let apposition = mention_last + 1 < v && comma_before(mention_last + 1);
        if comma_before(v) && !aside && !(leads && (subject_at <= 2 || apposition)) {
            continue;
        }
        // "…, he says, and …": a comma right after the verb; the attribution is parenthetical
        if v + 1 < frame.len() && comma_before(v + 1) {
            continue;
        }
        // The subject opens the sentence or a clause ("… as city staff said they …").
        let marker_before = (subject_at.saturating_sub(4)..subject_at).any(|k| {
            matches!(
                frame[k].lower(),
                "while" | "whereas" | "as" | "because" | "although" | "though"
            )
        });
        let opens_clause = subject_at == 0
            || marker_before
            || comma_before(subject_at)
            || matches!(
                frame[subject_at - 1].lower(),
                "and"
                    | "but"
                    | "as"
                    | "while"
                    | "because"
                    | "when"
                    | "after"
                    | "though"
                    | "although"
                    | "where"
                    | "since"
                    | "so"
            );
        if subject_at > 10 && !opens_clause && !coordinated {
            continue;
        }
        // The reported clause: after "that" when it comes within a few words, else after the
        // verb, its object ("told reporters") and time or place phrases ("on Thursday").
        let mut c = v + 1;
        if matches!(w.text.as_str(), "told" | "tell" | "tells") {
            // the listener: "told reporters", "told HuffPost Canada", "told CBC News"
            c += frame
                .get(c)
                .filter(|x| x.capitalised())
                .map_or(1, |_| name_run(text, &frame, c).len().max(1));
        }
        // "that" opening the clause, not "such as that", "all that"
        let complementiser = |k: usize| {
            frame[k].lower() == "that"
                && !matches!(
                    frame[k - 1].lower(),
                    "as" | "like" | "such" | "of" | "all" | "than" | "and"
                )
        };
        if let Some(k) = (v + 1..(v + 9).min(frame.len())).find(|&k| complementiser(k)) {
            c = k + 1;
        } else {
            while c < frame.len() && is_adverbial_start(frame[c].lower()) {
                // skip to the next word that could open a clause: past the phrase's head
                c += 1;
                while c < frame.len()
                    && !frame[c].capitalised()
                    && !PRONOUNS.contains(&frame[c].lower())
                    && !matches!(
                        frame[c].lower(),
                        "the" | "a" | "an" | "it" | "there" | "this"
                    )
                {
                    c += 1;
                }
                if c < frame.len()
                    && matches!(frame[c].lower(), "the" | "a" | "an")
                    && c + 1 < frame.len()
                    && frame[c + 1].capitalised()
                {
                    break;
                }
            }
            if c < frame.len() && is_adverbial_start(frame[c].lower()) {
                continue;
            }
        }
        if frame.len() < c + 3 {
            continue;
        }
        let quote = |from: usize, to: usize, cue: &str| Quote {
            span: Span::new(frame[from].span.start, frame[to].span.end),
            parts: vec![Span::new(frame[from].span.start, frame[to].span.end)],
            kind: QuoteKind::Indirect,
            speaker: Some(name.clone()),
            speaker_span: Some(mention),
            cue: Some(cue.to_string()),
            inherited: false,
            paragraph: p,
            sentence: si,
        };
        // "…, saying the party needs to move on": a second clause, the same speaker
        let last = frame.len() - 1;
        let second = (c + 3..last).find(|&k| {
            comma_before(k)
                && matches!(
                    frame[k].text.as_str(),
                    "saying"
                        | "noting"
                        | "adding"
                        | "insisting"
                        | "arguing"
                        | "explaining"
                        | "warning"
                        | "stressing"
                        | "claiming"
                )
        });
        let mut out = vec![quote(c, second.map_or(last, |k| k - 1), &w.text)];
        if let Some(k) = second {
            let from = if frame.get(k + 1).is_some_and(|x| x.lower() == "that") {
                k + 2
            } else {
                k + 1
            };
            if from + 2 <= last {
                out.push(quote(from, last, &frame[k].text));
            }
        }
        return out;
    }
    // "CLAUSE, NP said (…)." / "CLAUSE, said NP (…)."
    let n = frame.len();
    if n >= 6 {
        for c in (3..n - 1).rev() {
            if !text[frame[c].span.end..frame[c + 1].span.start].contains(',') {
                continue;
            }
            let tail = &frame[c + 1..];
            let (speaker, v) =
                if tail.len() > 2 && tail[0].text == "according" && tail[1].text == "to" {
                    (speaker_right(text, &frame, c + 3, people), c + 2)
                } else if INDIRECT_CUES.contains(&tail[0].text.as_str()) {
                    (speaker_right(text, &frame, c + 2, people), c + 1)
                } else if let Some(off) = tail
                    .iter()
                    .take(6)
                    .position(|w| INDIRECT_CUES.contains(&w.text.as_str()))
                {
                    (
                        speaker_left(text, &frame, c + 1, c + 1 + off, people),
                        c + 1 + off,
                    )
                } else {
                    continue;
                };
            let Some((mention, name)) = speaker else {
                continue;
            };
            // at most a short phrase after the attribution ("in a statement", "on Monday")
            let mention_end = frame
                .iter()
                .rposition(|w| w.span.end <= mention.end)
                .unwrap_or(v);
            // … or a comma, when the attribution sits inside the sentence ("…, Lohmar said,
            // adding that …")
            let attr_end = mention_end.max(v);
            let parenthetical = attr_end + 1 < n
                && text[frame[attr_end].span.end..frame[attr_end + 1].span.start].contains(',');
            if n - 1 - attr_end > 5 && !parenthetical {
                break;
            }
            let span = Span::new(frame[0].span.start, frame[c].span.end);
            return vec![Quote {
                span,
                parts: vec![span],
                kind: QuoteKind::Indirect,
                speaker: Some(name),
                speaker_span: Some(mention),
                cue: Some(frame[v].text.clone()),
                inherited: false,
                paragraph: p,
                sentence: si,
            }];
        }
    }
    // "According to X, CLAUSE"
    if frame.len() > 6 && frame[0].lower() == "according" && frame[1].lower() == "to" {
        let Some((mention, name)) = speaker_right(text, &frame, 2, people) else {
            return Vec::new();
        };
        let Some(after) = frame.iter().position(|w| {
            w.span.start > mention.end && text[mention.end..w.span.start].contains(',')
        }) else {
            return Vec::new();
        };
        let span = Span::new(frame[after].span.start, frame[frame.len() - 1].span.end);
        return vec![Quote {
            span,
            parts: vec![span],
            kind: QuoteKind::Indirect,
            speaker: Some(name),
            speaker_span: Some(mention),
            cue: Some("according to".into()),
            inherited: false,
            paragraph: p,
            sentence: si,
        }];
    }
    Vec::new()
}
