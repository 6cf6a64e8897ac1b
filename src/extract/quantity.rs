//! Quantities with their units, for number facts and conflicts: "48-page" and "47 pages" are counts of
//! pages, "$5,587.75" is money, "12 percent" a percentage. A bare number ("2001", "15") has no
//! unit and never conflicts with anything; a hedged one ("almost $6 million", "more than
//! 250,000") agrees with any value of its unit.

use crate::document::Sentence;
use crate::text::date::{is_weekday, month_number};
use crate::text::lexicon::is_stop_word;
use crate::text::token::TokenKind;

/// One quantity of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The value, scale words applied ("3.5 billion" → 3.5e9).
    pub value: f64,
    /// `$` for money, `%` for percentages, else the counted noun without a plural `s`.
    pub unit: String,
    /// Preceded by "about", "almost", "more than" …: agrees with any value of its unit.
    pub hedged: bool,
    /// The precision it is written to: 1,000 for "194,000" and for "194K", 0.01 for
    /// "$5,587.75", 1,000,000 for "6 million".
    pub step: f64,
    /// The words as written, for display ("48-page", "$5,587.75").
    pub text: String,
    /// What it is a quantity of: the lowercase content words just before it and just after it
    /// ("paid $43 million in federal taxes" → paid, federal, taxe), names and its unit left
    /// out. Two quantities of one unit are of the same thing only when these share a word.
    pub context: Vec<String>,
}

/// Content words this far before a quantity and after it make its context.
const CONTEXT_BEFORE: usize = 3;
const CONTEXT_AFTER: usize = 4;

/// Words before a number that make it approximate or a bound.
const HEDGES: &[&str] = &[
    "about",
    "almost",
    "approximately",
    "around",
    "estimated",
    "least",
    "less",
    "more",
    "most",
    "nearly",
    "over",
    "roughly",
    "some",
    "than",
    "under",
    "up",
];

/// Words before a number that make it a label or a measurement on a scale, not an amount.
const LABELS: &[&str] = &[
    "article",
    "chapter",
    "flight",
    "grade",
    "level",
    "magnitude",
    "no",
    "number",
    "page",
    "room",
    "route",
    "section",
    "size",
    "version",
];

fn scale(word: &str) -> Option<f64> {
    match word {
        "thousand" => Some(1e3),
        "million" | "mln" => Some(1e6),
        "billion" | "bn" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// The quantities of `sentence` (whose text is in `text`).
pub fn quantities(sentence: &Sentence, text: &str) -> Vec<Quantity> {
    let toks = &sentence.tokens;
    let norm = |i: usize| sentence.token_norm(i);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind != TokenKind::Number {
            i += 1;
            continue;
        }
        let raw = norm(i);
        let gap_before = if i > 0 {
            text.get(toks[i - 1].span.end..toks[i].span.start)
                .unwrap_or("")
        } else {
            text.get(sentence.span.start..toks[i].span.start)
                .unwrap_or("")
        };
        let after_end = toks.get(i + 1).map_or(sentence.span.end, |t| t.span.start);
        let gap_after = text.get(toks[i].span.end..after_end).unwrap_or("");
        // Dates, times, fractions and scores are not quantities: "Sept. 11", "7:48", "9/11",
        // "348-77".
        let prev = i.checked_sub(1).map(norm);
        let in_date = prev.is_some_and(|p| month_number(p).is_some() || is_weekday(p));
        let joined = gap_before.ends_with(['/', ':'])
            || gap_after.starts_with(['/', ':'])
            || (gap_after.starts_with('-')
                && toks.get(i + 1).is_some_and(|t| t.kind == TokenKind::Number))
            || (gap_before.ends_with('-') && i > 0 && toks[i - 1].kind == TokenKind::Number);
        let Some((mut value, mut step)) = parse(raw) else {
            i += 1;
            continue;
        };
        // A label, not an amount: "magnitude 6.1", "No. 2", "page 5", "Flight 17".
        let label = prev.is_some_and(|p| LABELS.contains(&p));
        if in_date || joined || label {
            i += 1;
            continue;
        }
        let hedged = (1..=2).any(|k| i >= k && HEDGES.contains(&norm(i - k)));
        let money = gap_before.ends_with('$') || gap_before.ends_with("US$");
        let mut j = i + 1;
        if let Some(s) = toks.get(j).and_then(|_| scale(norm(j))) {
            value *= s;
            step *= s;
            j += 1;
        }
        let start = if money {
            toks[i].span.start - 1
        } else {
            toks[i].span.start
        };
        let unit = if money {
            Some("$".to_string())
        } else if gap_after.trim_start().starts_with('%')
            || toks
                .get(j)
                .is_some_and(|_| matches!(norm(j), "percent" | "per"))
        {
            Some("%".to_string())
        } else {
            toks.get(j)
                .filter(|t| t.kind == TokenKind::Word)
                .and_then(|_| counted_noun(norm(j)))
        };
        let end = if unit.as_deref().is_some_and(|u| u != "$" && u != "%") {
            toks[j].span.end
        } else {
            toks[j.saturating_sub(1).max(i)].span.end
        };
        if let Some(unit) = unit {
            // A four-digit year-like count of nothing in particular is left alone anyway by
            // the unit rule; a year followed by a noun ("the 2001 attacks") is not a count.
            let year_like = value.fract() == 0.0 && (1900.0..=2100.0).contains(&value);
            if !(year_like && unit != "$" && unit != "%") {
                let last = toks.iter().rposition(|t| t.span.end <= end).unwrap_or(i);
                let word = |k: usize| -> Option<String> {
                    let t = &toks[k];
                    let written = text.get(t.span.start..t.span.end).unwrap_or("");
                    let w = norm(k);
                    (t.kind == TokenKind::Word
                        && !written.starts_with(char::is_uppercase)
                        && w.chars().count() > 2
                        && !is_stop_word(w))
                    .then(|| singular(w))
                    .filter(|w| *w != unit)
                };
                let mut context: Vec<String> = (i.saturating_sub(CONTEXT_BEFORE)..i)
                    .chain(last + 1..(last + 1 + CONTEXT_AFTER).min(toks.len()))
                    .filter_map(word)
                    .collect();
                context.sort_unstable();
                context.dedup();
                out.push(Quantity {
                    value,
                    unit,
                    hedged,
                    step,
                    text: text.get(start..end).unwrap_or(raw).to_string(),
                    context,
                });
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// The unit a word after a number names, singular ("pages" → "page", "pounds" → "pound"): a
/// counted noun or a measure, not a verb or adverb form ("6.1 struck", "4 killed", "3
/// apiece"), a function word, a date word, or "years"/"times".
pub(crate) fn counted_noun(w: &str) -> Option<String> {
    let w = w.to_lowercase();
    let plain = w.chars().all(|c| c.is_alphabetic())
        && w.chars().count() > 2
        && !w.ends_with("ed")
        && !w.ends_with("ing")
        && !w.ends_with("ly")
        && !is_stop_word(&w)
        && month_number(&w).is_none()
        && !is_weekday(&w)
        && !matches!(
            w.as_str(),
            "years" | "year" | "times" | "th" | "st" | "nd" | "rd"
        );
    plain.then(|| singular(&w))
}

/// What a unit measures: `weight` (pound, kilogram), `length` (mile, foot), `area` (acre),
/// `duration` (hour, day), `temperature` (degree), `speed` (mph), else `count` (people, pages,
/// nations).
pub fn measure(unit: &str) -> &'static str {
    match unit {
        "pound" | "lb" | "lbs" | "kilogram" | "kilo" | "kg" | "gram" | "ounce" | "ton"
        | "tonne" | "stone" => "weight",
        "mile" | "kilometer" | "kilometre" | "km" | "meter" | "metre" | "foot" | "feet"
        | "inch" | "yard" | "centimeter" | "centimetre" | "millimeter" | "millimetre" => "length",
        "acre" | "hectare" => "area",
        "second" | "minute" | "hour" | "day" | "week" | "month" | "decade" | "century" => {
            "duration"
        }
        "degree" => "temperature",
        "mph" | "knot" => "speed",
        _ => "count",
    }
}

/// "pages" → "page", "people" stays.
fn singular(w: &str) -> String {
    if w.len() > 4 && (w.ends_with("ches") || w.ends_with("shes") || w.ends_with("xes")) {
        w[..w.len() - 2].to_string()
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    }
}

/// A number as written, with the precision it is written to: "5,587.75" (0.01), "194,000"
/// (1,000), "194k" (1,000), "3.5" (0.1). Ordinals ("15th") are not quantities.
fn parse(raw: &str) -> Option<(f64, f64)> {
    let s: String = raw.chars().filter(|c| *c != ',').collect();
    let (digits, mult) = match s.strip_suffix(['k', 'K']) {
        Some(d) => (d, 1e3),
        None => (s.as_str(), 1.0),
    };
    let value = digits.parse::<f64>().ok()?;
    let step = match digits.split_once('.') {
        Some((_, frac)) => 10f64.powi(-(frac.len() as i32)),
        None => {
            let zeros = digits.len() - digits.trim_end_matches('0').len();
            // "0" itself is written to a precision of 1.
            10f64.powi(zeros.min(digits.len().saturating_sub(1)) as i32)
        }
    };
    Some((value * mult, step * mult))
}

/// A value in plain digits: `48`, `5587.75`, `5700000000`.
pub fn display(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Whether two values of one unit can be the same quantity: a hedge on either side, or one
/// is the other rounded to the precision it is written to ("6 million" and "5.9 million",
/// "194,000" and "194,320"; not "$5,587.75" and "$5,687.75").
pub fn compatible(a: &Quantity, b: &Quantity) -> bool {
    if a.hedged || b.hedged {
        return true;
    }
    let near = |r: f64, x: &Quantity| (r - x.value).abs() <= 1e-9 * x.value.abs().max(1.0);
    // rounded or cut to x's precision ("$43 million" for $43,885,310; "$5 billion" for $5.7
    // billion), y gives x
    let rounds_to = |x: &Quantity, y: &Quantity| {
        near((y.value / x.step).round() * x.step, x) || near((y.value / x.step).floor() * x.step, x)
    };
    rounds_to(a, b) || rounds_to(b, a)
}

/// Whether two quantities of one unit are of the same thing: their contexts share a word
/// ("48-page indictment" / "the 47-page indictment says"; not "paid $43 million in taxes" /
/// "earned $139 million in income").
pub fn same_thing(a: &Quantity, b: &Quantity) -> bool {
    a.context.iter().any(|w| b.context.binary_search(w).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Span;

    fn q(s: &str) -> Vec<(f64, String, bool)> {
        let sentences = crate::ingest::segment(s, Span::new(0, s.len()));
        quantities(&sentences[0], s)
            .into_iter()
            .map(|q| (q.value, q.unit, q.hedged))
            .collect()
    }

    #[test]
    fn units_money_and_percent() {
        assert_eq!(
            q("The 48-page indictment was unsealed."),
            [(48.0, "page".to_string(), false)]
        );
        assert_eq!(
            q("The indictment runs to 47 pages."),
            [(47.0, "page".to_string(), false)]
        );
        assert_eq!(
            q("The bill came to $5,587.75 in all."),
            [(5587.75, "$".to_string(), false)]
        );
        assert_eq!(
            q("Prices rose 12 percent last year."),
            [(12.0, "%".to_string(), false)]
        );
        assert_eq!(
            q("It cost almost $6 million."),
            [(6e6, "$".to_string(), true)]
        );
        assert_eq!(
            q("At least 4 people were killed."),
            [(4.0, "people".to_string(), true)]
        );
    }

    #[test]
    fn precision_as_written() {
        assert_eq!(parse("194,000"), Some((194_000.0, 1e3)));
        assert_eq!(parse("194k"), Some((194_000.0, 1e3)));
        assert_eq!(parse("5,587.75"), Some((5587.75, 0.01)));
        assert_eq!(parse("3.5"), Some((3.5, 0.1)));
        assert_eq!(parse("0"), Some((0.0, 1.0)));
        assert_eq!(parse("15th"), None);
    }

    #[test]
    fn bare_numbers_dates_scores_and_years_are_not_quantities() {
        assert!(q("The attacks of 2001 killed nearly 3,000.").is_empty());
        assert!(q("The House voted 348-77 on Sept. 11 at 7:48.").is_empty());
        assert!(q("The 2001 attacks changed everything.").is_empty());
        assert!(q("He was 15th in line.").is_empty());
    }

    #[test]
    fn compatible_values() {
        let v = |value: f64, step: f64, hedged: bool| Quantity {
            value,
            unit: "$".into(),
            hedged,
            step,
            text: String::new(),
            context: Vec::new(),
        };
        assert!(compatible(
            &v(194_000.0, 1e3, false),
            &v(194_000.0, 1e3, false)
        ));
        assert!(compatible(
            &v(194_000.0, 1e3, false),
            &v(194_320.0, 10.0, false)
        ));
        assert!(compatible(&v(5.9e6, 1e5, false), &v(6e6, 1e6, true)));
        assert!(compatible(&v(5.9e6, 1e5, false), &v(6e6, 1e6, false)));
        assert!(compatible(
            &v(250_000.0, 1e4, true),
            &v(250_000.0, 1e4, false)
        ));
        assert!(!compatible(
            &v(5587.75, 0.01, false),
            &v(5687.75, 0.01, false)
        ));
        assert!(!compatible(&v(48.0, 1.0, false), &v(47.0, 1.0, false)));
        // a value cut to the other's precision agrees ("$43 million" for $43,885,310, "$5
        // billion" for $5.7 billion); at the same precision, different values do not
        assert!(compatible(
            &v(43e6, 1e6, false),
            &v(43_885_310.0, 10.0, false)
        ));
        assert!(compatible(&v(5e9, 1e9, false), &v(5.7e9, 1e8, false)));
        assert!(!compatible(&v(3.5e9, 1e8, false), &v(3.6e9, 1e8, false)));
        assert!(!compatible(&v(43e6, 1e6, false), &v(45e6, 1e6, false)));
    }
}
