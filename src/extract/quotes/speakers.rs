//! Speakers: the attribution of a quote (the cue nearest it, the speaker left or right of the
//! cue, the sentence's subject), with titles, appositions and datelines peeled off, and the
//! check that what was found can be a speaker at all.

use super::*;

/// "WASHINGTON President Donald Trump" → "President Donald Trump", "Wednesday Suncor" →
/// "Suncor": a dateline in capitals (six letters or more, so "FBI Director …" keeps its
/// acronym), a weekday or a month run into the name.
pub(super) fn strip_dateline(s: &str) -> String {
    let s = strip_trailing_time(s);
    let mut words = s.split_whitespace();
    match (words.next(), words.clone().next()) {
        (Some(first), Some(_))
            if (first.chars().count() >= 6
                && first
                    .chars()
                    .all(|c| c.is_uppercase() || !c.is_alphabetic()))
                || crate::text::date::is_weekday(first)
                || crate::text::date::month_number(first).is_some() =>
        {
            words.collect::<Vec<_>>().join(" ")
        }
        _ => s.to_string(),
    }
}

/// "Republicans Tuesday" → "Republicans", "Obama last year" → "Obama": a day or a time
/// phrase run onto the end of a name.
pub(super) fn strip_trailing_time(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut n = words.len();
    if n >= 3
        && matches!(words[n - 2], "last" | "next" | "this")
        && matches!(
            words[n - 1],
            "year"
                | "week"
                | "month"
                | "night"
                | "weekend"
                | "spring"
                | "summer"
                | "fall"
                | "winter"
        )
    {
        n -= 2;
    } else if n >= 2
        && (crate::text::date::is_weekday(words[n - 1])
            || matches!(words[n - 1], "yesterday" | "today" | "tonight"))
    {
        n -= 1;
    }
    words[..n].join(" ")
}

/// Words that open a description that can speak ("the governor", "a spokesman", "two
/// officials").
pub(super) const SPEAKER_DETERMINERS: &[&str] = &[
    "a", "an", "another", "both", "each", "five", "four", "her", "his", "its", "many", "most",
    "one", "other", "our", "several", "some", "the", "their", "three", "two",
];

/// Whether a resolved speaker can be one: a name, a role or a description — never a weekday
/// or month, a single letter, a dateline in capitals, an adverb, or a clause fragment ("not
/// seen on camera", "he defended his recent").
pub(crate) fn plausible_speaker(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let Some(first) = words.first() else {
        return false;
    };
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    // A weekday or month alone ("Theresa May" is a name).
    if words.len() == 1 && {
        let w = bare(first);
        crate::text::date::is_weekday(&w) || crate::text::date::month_number(&w).is_some()
    } {
        return false;
    }
    if s.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return false;
    }
    if words.len() == 1 && first.chars().count() >= 6 && first.chars().all(|c| !c.is_lowercase()) {
        return false; // a dateline
    }
    // One capitalised word that opens a sentence rather than names someone: "The", "An",
    // "To", "As", "Notably", "Having".
    if words.len() == 1 && {
        let w = bare(first).to_lowercase();
        crate::text::lexicon::is_stop_word(&w)
            || (w.ends_with("ly") && w.len() > 4)
            || (w.ends_with("ing") && w.len() > 5)
    } {
        return false;
    }
    if first.starts_with(char::is_uppercase) {
        return true;
    }
    // Lower case: a description opened by a determiner ("the governor"), or a plural noun
    // standing alone ("officials", "prosecutors").
    let f = bare(first).to_lowercase();
    if SPEAKER_DETERMINERS.contains(&f.as_str()) {
        return words.len() > 1;
    }
    // A bare noun phrase ("refugee advocates", "city staff"), not a clause ("did exactly what
    // everyone", "mostly for its seven"): no function words but "of", no adverb, not ending
    // in a verb form; a single word only when it is a plural ("officials").
    let lower: Vec<String> = words.iter().map(|w| bare(w).to_lowercase()).collect();
    let last = lower.last().map_or("", String::as_str);
    let phrase = words.len() <= 4
        && lower
            .iter()
            .all(|w| w == "of" || (!crate::text::lexicon::is_stop_word(w) && !w.ends_with("ly")))
        && !last.ends_with("ing")
        && !last.ends_with("ed");
    phrase && (words.len() > 1 || (f.len() > 4 && f.ends_with('s') && !f.ends_with("ss")))
}

/// An attribution: the cue, the mention and the resolved name.
pub(super) struct Attribution {
    pub(super) cue: String,
    pub(super) mention: Option<Span>,
    pub(super) name: Option<String>,
}

/// Finds the attribution of quote `q` among the frame words of its sentence: the cues nearest
/// the quote (after it first, `"…," he said`; then before it, `He said: "…"`), each tried for a
/// speaker next to it; failing that, the sentence's subject (`Kaspersky Lab referred to the
/// reports as "unsubstantiated claims"`).
pub(super) fn attribute(
    text: &str,
    frame: &[&Word],
    q: &RawQuote,
    people: &Mentions,
) -> Option<Attribution> {
    // Frame words are outside the quote: those before `split` precede it. Attributions sit
    // near their quote, so only a window around it is searched (a paragraph of thousands of
    // quotes stays linear).
    let split = frame.partition_point(|w| w.span.end <= q.span.start);
    let (lo, hi) = (split.saturating_sub(30), (split + 30).min(frame.len()));
    // "according to X" — unless a reporting verb stands between it and the quote: in
    // `"…," the House speaker said Tuesday, according to reporter Erik Wasson` the speaker
    // spoke and the reporter relayed it.
    let cue_between = |i: usize| {
        let (from, to) = if frame[i].span.start >= q.span.end {
            (split, i)
        } else {
            (i + 2, split)
        };
        (from..to.min(frame.len())).any(|k| is_cue(&frame[k].text))
    };
    for i in lo..hi {
        if frame[i].lower() == "according"
            && frame.get(i + 1).is_some_and(|n| n.lower() == "to")
            && !cue_between(i)
        {
            if let Some((mention, name)) = speaker_right(text, frame, i + 2, people) {
                return Some(Attribution {
                    cue: "according to".into(),
                    mention: Some(mention),
                    name: Some(name),
                });
            }
        }
    }
    let after = (split..hi)
        .filter(|&i| frame[i].span.start >= q.span.end)
        .take(8);
    let before = (lo..split).rev();
    let mut first_cue: Option<String> = None;
    let mut first_cue_at: Option<usize> = None;
    for i in after.chain(before) {
        let w = frame[i];
        if !is_cue(&w.text) {
            continue;
        }
        // "the reports", "media reports": a noun, not a verb
        if i > 0
            && matches!(
                frame[i - 1].lower(),
                "the"
                    | "a"
                    | "an"
                    | "media"
                    | "news"
                    | "these"
                    | "those"
                    | "such"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
            )
        {
            continue;
        }
        if first_cue.is_none() {
            first_cue = Some(w.text.clone());
            first_cue_at = Some(i);
        }
        let after_quote = w.span.start >= q.span.end;
        // Speaker to the left of the verb (only words after the quote when the quote precedes).
        let left_limit = if after_quote { split } else { 0 };
        // A participle ("…, citing X", "…, adding that") has the sentence's subject as speaker.
        let participle = w.text.ends_with("ing")
            && i > 0
            && text[frame[i - 1].span.end..w.span.start].contains(',');
        let left = if participle {
            let upto = split.min(i);
            subject(text, frame, upto, people)
        } else {
            speaker_left(text, frame, left_limit, i, people)
        };
        let right = if after_quote && left.is_none() && !participle {
            speaker_right(text, frame, i + 1, people)
        } else {
            None
        };
        if let Some((mention, name)) = left.or(right) {
            return Some(Attribution {
                cue: w.text.clone(),
                mention: Some(mention),
                name: Some(name),
            });
        }
    }
    let colon = text[..q.span.start].trim_end().ends_with(':');
    // The sentence's subject speaks only when the cue is close to the quote: "Kaspersky Lab
    // referred to the media reports as "unsubstantiated claims"", not any verb of the sentence.
    let close = first_cue_at.is_some_and(|i| {
        let between = if i < split { split - 1 - i } else { i - split };
        between <= 6
    });
    if !close && !colon {
        return None;
    }
    let subject = subject(text, frame, split, people);
    Some(Attribution {
        cue: first_cue.unwrap_or_default(),
        mention: subject.as_ref().map(|s| s.0),
        name: subject.map(|s| s.1),
    })
}

/// The grammatical subject of a sentence, from the frame words before `upto`: after a leading
/// prepositional phrase ("In a statement on its website, …"), the first name, pronoun or
/// description.
pub(super) fn subject(
    text: &str,
    frame: &[&Word],
    upto: usize,
    people: &Mentions,
) -> Option<(Span, String)> {
    let mut i = 0;
    if frame.first().is_some_and(|w| {
        matches!(
            w.lower(),
            "in" | "on"
                | "at"
                | "after"
                | "before"
                | "during"
                | "meanwhile"
                | "earlier"
                | "later"
                | "separately"
                | "since"
                | "when"
                | "while"
                | "for"
                | "with"
                | "by"
                | "from"
                | "as"
                | "despite"
                | "under"
                | "among"
                | "amid"
                | "following"
                | "although"
                | "though"
                | "if"
                | "because"
                | "unlike"
                | "like"
        )
    }) {
        while i + 1 < upto && !text[frame[i].span.end..frame[i + 1].span.start].contains(',') {
            i += 1;
        }
        i += 1;
    }
    // the subject ends before its verb: the first lowercase word that is not part of a
    // description or a name
    let mut j = i;
    while j < upto {
        let w = frame[j];
        let l = w.lower();
        let part = w.capitalised()
            || matches!(l, "the" | "a" | "an")
            || is_name_joiner(l)
            || (j > i && DESCRIPTIONS.contains(&l))
            || (j == i && PRONOUNS.contains(&l))
            || (j > i && j + 1 < upto && DESCRIPTIONS.contains(&frame[j + 1].lower()));
        if !part {
            break;
        }
        j += 1;
    }
    if j == i {
        return None;
    }
    speaker_left(
        text,
        frame,
        i,
        j.min(upto).max(i + 1).min(frame.len()),
        people,
    )
    .or_else(|| speaker_left(text, frame, i.saturating_sub(1), j, people))
}

/// The speaker ending just before frame word `v` (the verb), no further left than `limit`.
pub(super) fn speaker_left(
    text: &str,
    frame: &[&Word],
    limit: usize,
    v: usize,
    people: &Mentions,
) -> Option<(Span, String)> {
    if v == 0 || v <= limit {
        return None;
    }
    let mut end = v; // exclusive
                     // Skip a parenthesis before the verb: "Sen. Debbie Stabenow (D-Mich.) said".
    if frame
        .get(v)
        .is_some_and(|w| text[frame[v - 1].span.end..w.span.start].contains(')'))
    {
        let mut k = v - 1;
        while k > limit && !text[frame[k - 1].span.end..frame[k].span.start].contains('(') {
            k -= 1;
        }
        if k > limit && v - k <= 4 {
            end = k;
        }
    }
    // Skip an apposition: `Peskov, the Kremlin's spokesman, said`.
    let gap = frame
        .get(v)
        .map_or("", |w| &text[frame[v - 1].span.end..w.span.start]);
    if gap.contains(',') {
        // A name opening the sentence, then a comma: the apposition runs to the verb, however
        // many commas it holds ("Navdeep Bains, Minister of Innovation, Science and …, said").
        let opening = if limit == 0 && frame.first().is_some_and(|w| w.capitalised()) {
            let run = name_run(text, frame, 0);
            let n = run.len();
            (n > 0
                && n < v
                && text[frame[n - 1].span.end..frame[n].span.start].contains(',')
                && !run.iter().all(|w| is_common_word(&w.text)))
            .then_some(n)
        } else {
            None
        };
        if let Some(n) = opening {
            end = n;
        } else {
            let mut k = v - 1;
            while k > limit
                && v - k <= 10
                && !text[frame[k - 1].span.end..frame[k].span.start].contains(',')
            {
                k -= 1;
            }
            if k > limit && v - k <= 10 {
                end = k;
            }
        }
    }
    // Adverbs between subject and verb: "he also said", "she later told".
    while end > limit + 1
        && matches!(
            frame[end - 1].lower(),
            "also"
                | "later"
                | "then"
                | "previously"
                | "earlier"
                | "has"
                | "had"
                | "have"
                | "would"
                | "will"
                | "repeatedly"
                | "publicly"
                | "again"
                | "strongly"
                | "firmly"
                | "flatly"
                | "once"
                | "recently"
                | "subsequently"
                | "initially"
                | "further"
                | "finally"
                | "quickly"
                | "still"
        )
    {
        end -= 1;
    }
    let last = frame[end - 1];
    let lower = last.lower();
    // "Heather, who finally confessed that …": the relative pronoun's antecedent
    if lower == "who" && end >= 2 && end - 1 > limit {
        return speaker_left(text, frame, limit, end - 1, people);
    }
    if PRONOUNS.contains(&lower) {
        let t = if matches!(lower, "it" | "they" | "we") {
            EntityType::Org
        } else {
            EntityType::Person
        };
        // no antecedent: the mention stands (the report shows no name for it)
        let name = people
            .for_pronoun(lower, t)
            .unwrap_or_else(|| last.text.clone());
        return Some((last.span, name));
    }
    if !last.capitalised() && DESCRIPTIONS.contains(&lower) {
        // "the company", "the cybersecurity firm", "a Kremlin spokesman"
        let mut k = end - 1;
        while k > limit && k + 4 > end && !matches!(frame[k - 1].lower(), "the" | "a" | "an") {
            k -= 1;
        }
        let start = if k > limit {
            frame[k - 1].span.start
        } else {
            last.span.start
        };
        let t = if matches!(
            lower,
            "spokesman"
                | "spokeswoman"
                | "spokesperson"
                | "minister"
                | "president"
                | "official"
                | "prosecutor"
                | "senator"
        ) {
            EntityType::Person
        } else {
            EntityType::Org
        };
        let span = Span::new(start, last.span.end);
        let name = people
            .last(t)
            .unwrap_or_else(|| span.slice(text).to_string());
        return Some((span, name));
    }
    if last.capitalised() {
        let mut k = end - 1;
        while k > limit
            && (frame[k - 1].capitalised() || is_name_joiner(&frame[k - 1].text))
            && !text[frame[k - 1].span.end..frame[k].span.start].contains([',', '"', '“', '”'])
        {
            k -= 1;
        }
        while k < end - 1
            && (is_title_word(&frame[k].text)
                || is_name_joiner(&frame[k].text)
                || frame[k].text.ends_with("'s")
                || crate::text::lexicon::is_stop_word(frame[k].lower())
                || is_shouted(&frame[k].text)
                || (frame[k].text.chars().filter(|c| c.is_alphabetic()).count() >= 3
                    && !frame[k].text.chars().any(char::is_lowercase)
                    && frame[k + 1].text.chars().any(char::is_lowercase))
                || (k == 0 && is_common_word(&frame[k].text))
                || crate::text::date::weekday_number(&frame[k].text).is_some()
                || crate::text::date::month_number(&frame[k].text).is_some())
        {
            k += 1;
        }
        let run: Vec<&Word> = frame[k..end].to_vec();
        let name = people.expand(&join(&run));
        if is_title_word(&name) || name.is_empty() {
            return None;
        }
        return Some((
            Span::new(run[0].span.start, run[run.len() - 1].span.end),
            name,
        ));
    }
    // A common noun phrase: "addiction experts say", "South Korean officials said".
    if !crate::text::lexicon::is_stop_word(lower) && lower.chars().all(char::is_alphabetic) {
        let mut k = end - 1;
        while k > limit
            && k + 4 > end
            && !text[frame[k - 1].span.end..frame[k].span.start]
                .contains([',', ';', ':', '"', '“', '”'])
            && !matches!(
                frame[k - 1].lower(),
                "that"
                    | "which"
                    | "who"
                    | "and"
                    | "but"
                    | "because"
                    | "while"
                    | "when"
                    | "if"
                    | "as"
                    | "so"
                    | "said"
                    | "says"
            )
            && !is_cue(&frame[k - 1].text)
        {
            k -= 1;
            if matches!(
                frame[k].lower(),
                "the"
                    | "a"
                    | "an"
                    | "some"
                    | "many"
                    | "most"
                    | "several"
                    | "two"
                    | "three"
                    | "both"
            ) {
                break;
            }
        }
        let span = Span::new(frame[k].span.start, last.span.end);
        let name = span.slice(text).to_string();
        return Some((span, name));
    }
    None
}

/// The speaker starting at frame word `i` (after the verb): a name, "the company", a pronoun.
pub(super) fn speaker_right(
    text: &str,
    frame: &[&Word],
    i: usize,
    people: &Mentions,
) -> Option<(Span, String)> {
    let w = frame.get(i)?;
    let lower = w.lower();
    if PRONOUNS.contains(&lower) {
        let t = if matches!(lower, "he" | "she" | "i") {
            EntityType::Person
        } else {
            EntityType::Org
        };
        return Some((
            w.span,
            people
                .for_pronoun(lower, t)
                .unwrap_or_else(|| w.text.clone()),
        ));
    }
    if !w.capitalised() && !matches!(lower, "the" | "a" | "an") {
        // "said police Chief Joseph Boinnet": a few role words, then the name
        let k = (i + 1..(i + 4).min(frame.len())).find(|&k| frame[k].capitalised())?;
        if (i..k).any(|j| crate::text::lexicon::is_stop_word(frame[j].lower())) {
            return None;
        }
        return speaker_right(text, frame, k, people);
    }
    if matches!(lower, "the" | "a" | "an") {
        // "said the company", "said a Kremlin spokesman, Dmitry Peskov"
        let mut k = i + 1;
        while k < frame.len() && k < i + 5 && !DESCRIPTIONS.contains(&frame[k].lower()) {
            k += 1;
        }
        if k < frame.len() && DESCRIPTIONS.contains(&frame[k].lower()) {
            // a name right after the description wins
            if let Some(n) = frame.get(k + 1).filter(|n| n.capitalised()) {
                let run = name_run(text, frame, k + 1);
                let _ = n;
                let name = people.expand(&join(&run));
                return Some((
                    Span::new(run[0].span.start, run[run.len() - 1].span.end),
                    name,
                ));
            }
            let t = if matches!(
                frame[k].lower(),
                "spokesman"
                    | "spokeswoman"
                    | "spokesperson"
                    | "minister"
                    | "president"
                    | "official"
            ) {
                EntityType::Person
            } else {
                EntityType::Org
            };
            return Some((Span::new(w.span.start, frame[k].span.end), people.last(t)?));
        }
        return None;
    }
    if w.capitalised() {
        let mut k = i;
        while k < frame.len() && is_title_word(&frame[k].text) {
            k += 1;
        }
        // lowercase role words between title-case ones: "Kremlin spokesman Dmitry Peskov"
        let mut j = k;
        while j < frame.len() && j < k + 3 && !frame[j].capitalised() {
            j += 1;
        }
        let start = if j < frame.len() && frame[j].capitalised() && j > k {
            j
        } else {
            k
        };
        let mut run = name_run(text, frame, start);
        if run.is_empty() {
            return None;
        }
        // "Heart and Stroke senior manager Erin Kim": an organisation, a role, then the person
        let after = start + run.len();
        if let Some(j) = (after..(after + 3).min(frame.len())).find(|&j| frame[j].capitalised()) {
            let between_roles = (after..j).all(|k| {
                !frame[k].capitalised()
                    && !crate::text::lexicon::is_stop_word(frame[k].lower())
                    && !comma_before(text, frame, k)
            });
            if j > after && between_roles && !comma_before(text, frame, j) {
                run = name_run(text, frame, j);
            }
        }
        let name = people.expand(&join(&run));
        return Some((
            Span::new(run[0].span.start, run[run.len() - 1].span.end),
            name,
        ));
    }
    None
}

/// A comma between frame word `k - 1` and word `k`.
pub(super) fn comma_before(text: &str, frame: &[&Word], k: usize) -> bool {
    k > 0 && text[frame[k - 1].span.end..frame[k].span.start].contains(',')
}
