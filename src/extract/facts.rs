//! Facts of each body sentence: dates (absolute, and relative ones resolved against the
//! report's publication date), numbers, money, percentages, and named people, organisations
//! and places (by capitalisation, titles and organisational words: no model, no gazetteer).

use crate::document::{BlockKind, Document};
use crate::text::date::{month_number, weekday_number};
use crate::text::{Date, Span};

pub use crate::report::vocab::FactKind;

/// One fact.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    /// What it is.
    pub kind: FactKind,
    /// Byte span of its words in the document text.
    pub span: Span,
    /// Normalised value: `2017-10-12` (a day), `2017-09` (a month), `2017-W40` (a week), a
    /// plain number (`4000`, `1500000`), money with its currency (`5000000 USD`), a percentage
    /// (`3.5`), a time of day (`07:48`), or the name itself.
    pub value: Option<String>,
    /// For a number, the unit it counts or measures, singular: `page` ("48-page", "47
    /// pages"), `pound` ("215 pounds"), `nation` ("12-nation"); none for a bare number.
    pub unit: Option<String>,
    /// Index of the paragraph.
    pub paragraph: usize,
    /// Index of the sentence in its paragraph.
    pub sentence: usize,
}

/// Extracts the facts of a document's body. Relative dates resolve against `reference` (the
/// publication date, or the date given with `--date`); without one they keep no value.
pub fn extract(doc: &Document, reference: Option<Date>) -> Vec<Fact> {
    let text = doc.text.as_str();
    let mut out = Vec::new();
    for (p, para) in doc.paragraphs.iter().enumerate() {
        if para.kind != BlockKind::Body {
            continue;
        }
        for (si, s) in para.sentences.iter().enumerate() {
            let words = words_of(text, s.span);
            sentence_facts(text, &words, reference, p, si, &mut out);
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
struct W<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

/// The words of `span` (see [`super::words`]), with what facts need kept on them: a currency
/// sign before ("$5"), a per cent sign after ("3.5%"), an abbreviation's last full stop ("U.S.").
fn words_of(text: &str, span: Span) -> Vec<W<'_>> {
    super::words::spans(text, span)
        .into_iter()
        .map(|w| {
            let before = text[span.start..w.start].chars().next_back();
            let start = match before {
                Some(c @ ('$' | '€' | '£')) => w.start - c.len_utf8(),
                _ => w.start,
            };
            let word = w.slice(text);
            let after = text[w.end..span.end].chars().next();
            let abbreviation =
                word.contains('.') && word.split('.').all(|x| x.chars().count() == 1);
            let end = match after {
                Some('%') => w.end + 1,
                Some('.') if abbreviation => w.end + 1,
                _ => w.end,
            };
            W {
                start,
                end,
                text: &text[start..end],
            }
        })
        .collect()
}

/// Days since 1970-01-01 (Howard Hinnant's days-from-civil).
fn days(d: Date) -> i64 {
    let (y, m, dd) = (
        i64::from(d.year) - i64::from(d.month <= 2),
        i64::from(d.month),
        i64::from(d.day),
    );
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn from_days(z: i64) -> Option<Date> {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date::new(i32::try_from(y).ok()?, m as u8, d as u8)
}

/// Monday = 0.
fn weekday(d: Date) -> u32 {
    ((days(d) + 3).rem_euclid(7)) as u32
}

fn iso_week(d: Date) -> String {
    // the Thursday of d's week decides the ISO year
    let thursday = days(d) - i64::from(weekday(d)) + 3;
    let t = from_days(thursday).unwrap_or(d);
    let jan1 = days(Date {
        year: t.year,
        month: 1,
        day: 1,
    });
    format!("{}-W{:02}", t.year, (thursday - jan1) / 7 + 1)
}

fn sentence_facts(
    text: &str,
    ws: &[W<'_>],
    reference: Option<Date>,
    p: usize,
    si: usize,
    out: &mut Vec<Fact>,
) {
    let mut push_unit =
        |kind: FactKind, a: &W<'_>, b: &W<'_>, value: Option<String>, unit: Option<String>| {
            out.push(Fact {
                kind,
                span: Span::new(a.start, b.end),
                value,
                unit,
                paragraph: p,
                sentence: si,
            });
        };
    macro_rules! push {
        ($kind:expr, $a:expr, $b:expr, $value:expr $(,)?) => {
            push_unit($kind, $a, $b, $value, None)
        };
    }
    let lower = |i: usize| ws[i].text.to_lowercase();
    let mut i = 0;
    while i < ws.len() {
        let w = &ws[i];
        // Absolute dates: "October 12", "Oct. 10", "Oct 10, 2017", "12 October 2017".
        if let Some(m) = month_number(w.text).filter(|_| w.text.starts_with(char::is_uppercase)) {
            let day = ws.get(i + 1).and_then(|n| n.text.parse::<u8>().ok());
            let year_after = |k: usize| {
                ws.get(k)
                    .and_then(|n| n.text.parse::<i32>().ok())
                    .filter(|y| (1000..=9999).contains(y))
            };
            if let Some(day) = day {
                let year = year_after(i + 2).or(reference.map(|r| r.year));
                let last = if year_after(i + 2).is_some() {
                    i + 2
                } else {
                    i + 1
                };
                let value = year
                    .and_then(|y| Date::new(y, m, day))
                    .map(|d| d.to_string());
                if value.is_some() || reference.is_none() {
                    push!(FactKind::Date, w, &ws[last], value);
                    i = last + 1;
                    continue;
                }
            }
            if let Some(y) = year_after(i + 1) {
                push!(
                    FactKind::Date,
                    w,
                    &ws[i + 1],
                    Some(format!("{y:04}-{m:02}")),
                );
                i += 2;
                continue;
            }
        }
        if let Ok(day) = w.text.parse::<u8>() {
            if let Some(m) = ws.get(i + 1).and_then(|n| {
                month_number(n.text).filter(|_| n.text.starts_with(char::is_uppercase))
            }) {
                let year = ws
                    .get(i + 2)
                    .and_then(|n| n.text.parse::<i32>().ok())
                    .filter(|y| (1000..=9999).contains(y));
                let last = if year.is_some() { i + 2 } else { i + 1 };
                let value = year
                    .or(reference.map(|r| r.year))
                    .and_then(|y| Date::new(y, m, day))
                    .map(|d| d.to_string());
                push!(FactKind::Date, w, &ws[last], value);
                i = last + 1;
                continue;
            }
        }
        if w.text.len() == 10 {
            if let Some(d) = Date::parse_iso(w.text) {
                push!(FactKind::Date, w, w, Some(d.to_string()));
                i += 1;
                continue;
            }
        }
        // Relative dates.
        if let Some(wd) = weekday_number(w.text).filter(|_| w.text.starts_with(char::is_uppercase))
        {
            let next = i > 0 && lower(i - 1) == "next";
            let value = reference.and_then(|r| {
                let rd = weekday(r);
                let delta = if next {
                    (i64::from(wd) - i64::from(rd)).rem_euclid(7).max(1)
                } else {
                    // news convention: the latest such day on or before publication
                    -((i64::from(rd) - i64::from(wd)).rem_euclid(7))
                };
                from_days(days(r) + delta).map(|d| d.to_string())
            });
            let first = if next || (i > 0 && lower(i - 1) == "last") {
                &ws[i - 1]
            } else {
                w
            };
            push!(FactKind::Date, first, w, value);
            i += 1;
            continue;
        }
        let l = lower(i);
        let rel_day = match l.as_str() {
            "yesterday" => Some(-1),
            "today" => Some(0),
            "tomorrow" => Some(1),
            _ => None,
        };
        if let Some(delta) = rel_day {
            push!(
                FactKind::Date,
                w,
                w,
                reference
                    .and_then(|r| from_days(days(r) + delta))
                    .map(|d| d.to_string()),
            );
            i += 1;
            continue;
        }
        if matches!(l.as_str(), "last" | "this" | "next") {
            if let Some(unit) = ws.get(i + 1).map(|n| n.text.to_lowercase()) {
                let sign: i64 = match l.as_str() {
                    "last" => -1,
                    "this" => 0,
                    _ => 1,
                };
                let value = match unit.as_str() {
                    "week" => Some(
                        reference
                            .and_then(|r| from_days(days(r) + 7 * sign))
                            .map(iso_week),
                    ),
                    "month" => Some(reference.map(|r| {
                        let m = i32::from(r.month) - 1 + sign as i32;
                        format!(
                            "{:04}-{:02}",
                            r.year + m.div_euclid(12),
                            m.rem_euclid(12) + 1
                        )
                    })),
                    "year" => Some(reference.map(|r| format!("{:04}", i64::from(r.year) + sign))),
                    _ => None,
                };
                if let Some(value) = value {
                    push!(FactKind::Date, w, &ws[i + 1], value);
                    i += 2;
                    continue;
                }
            }
        }
        // Money, percentages, numbers.
        if let Some(rest) = w.text.strip_prefix(['$', '€', '£']) {
            let cur = match w.text.chars().next() {
                Some('€') => "EUR",
                Some('£') => "GBP",
                _ => "USD",
            };
            if let Some(n) = parse_number(rest) {
                let (n, last) = scaled(ws, i, n);
                push!(
                    FactKind::Money,
                    w,
                    &ws[last],
                    Some(format!("{} {cur}", fmt_number(n))),
                );
                i = last + 1;
                continue;
            }
        }
        if let Some(n) = w.text.strip_suffix('%').and_then(parse_number) {
            push!(FactKind::Percent, w, w, Some(fmt_number(n)));
            i += 1;
            continue;
        }
        // Times of day: "7:48 a.m.", "19:30", "7 p.m.".
        if let Some((value, last)) = time_of_day(text, ws, i) {
            push!(FactKind::Time, w, &ws[last], Some(value));
            i = last + 1;
            continue;
        }
        // A count joined to its noun: "48-page", "12-nation", "3.5-mile".
        if let Some((num, noun)) = w.text.split_once('-') {
            if let (Some(n), Some(unit)) = (parse_number(num), super::quantity::counted_noun(noun))
            {
                push_unit(FactKind::Number, w, w, Some(fmt_number(n)), Some(unit));
                i += 1;
                continue;
            }
        }
        if let Some(n) = parse_number(w.text) {
            if ws
                .get(i + 1)
                .is_some_and(|n| matches!(n.text.to_lowercase().as_str(), "percent" | "per"))
            {
                let last = if ws.get(i + 2).is_some_and(|x| x.text == "cent") {
                    i + 2
                } else {
                    i + 1
                };
                push!(FactKind::Percent, w, &ws[last], Some(fmt_number(n)));
                i = last + 1;
                continue;
            }
            let (v, last) = scaled(ws, i, n);
            let next = ws.get(last + 1).map(|x| x.text.to_lowercase());
            // "215 pounds" is a weight; "5 million pounds" or "500 pounds sterling" money
            let sterling = ws
                .get(last + 2)
                .is_some_and(|x| x.text.eq_ignore_ascii_case("sterling"));
            let pounds_money = last > i || sterling;
            if next.as_deref().is_some_and(|x| {
                matches!(x, "dollars" | "euros" | "rubles" | "roubles" | "yuan")
                    || (x == "pounds" && pounds_money)
            }) {
                let cur = match ws[last + 1].text.to_lowercase().as_str() {
                    "euros" => "EUR",
                    "pounds" => "GBP",
                    "rubles" | "roubles" => "RUB",
                    "yuan" => "CNY",
                    _ => "USD",
                };
                push!(
                    FactKind::Money,
                    w,
                    &ws[last + 1],
                    Some(format!("{} {cur}", fmt_number(v))),
                );
                i = last + 2;
                continue;
            }
            // the counted noun or measure after it: "47 pages", "215 pounds", "4 people"
            let unit = next.as_deref().and_then(super::quantity::counted_noun);
            let end = if unit.is_some() { last + 1 } else { last };
            push_unit(FactKind::Number, w, &ws[end], Some(fmt_number(v)), unit);
            i = end + 1;
            continue;
        }
        // Names.
        // (the first word of a sentence is capitalised anyway: a name only if the next is too)
        let opens_run = i > 0
            || !crate::text::lang::is_common_word(w.text)
                && ws.get(1).is_some_and(|n| {
                    n.text.starts_with(char::is_uppercase) && !text[w.end..n.start].contains(',')
                });
        if w.text.starts_with(char::is_uppercase) && opens_run {
            let mut j = i;
            while j + 1 < ws.len()
                && (ws[j + 1].text.starts_with(char::is_uppercase)
                    || (matches!(ws[j + 1].text, "of" | "de" | "al" | "bin" | "van" | "von")
                        && ws
                            .get(j + 2)
                            .is_some_and(|x| x.text.starts_with(char::is_uppercase))))
                && !text[ws[j].end..ws[j + 1].start]
                    .contains([',', ';', ':', '(', ')', '"', '“', '”'])
            {
                j += 1;
            }
            // titles and roles are not part of the name: "Spokesman Dmitry Peskov"
            let mut first = i;
            while first < j && crate::text::lexicon::is_title_word(ws[first].text) {
                first += 1;
            }
            let w = &ws[first];
            let name = text[w.start..ws[j].end]
                .trim_end_matches("'s")
                .trim_end_matches("’s");
            let kind = name_kind(name, i.checked_sub(1).map(|k| ws[k].text.to_lowercase()));
            if let Some(kind) = kind {
                push!(kind, w, &ws[j], Some(name.to_string()));
            }
            i = j + 1;
            continue;
        }
        i += 1;
    }
}

const PLACE_WORDS: &[&str] = &[
    "City",
    "County",
    "Province",
    "Republic",
    "River",
    "Street",
    "Island",
    "Islands",
    "Region",
    "State",
    "States",
    "Kingdom",
    "Emirates",
    "Sea",
    "Ocean",
    "Valley",
    "Mountains",
];

/// The kind of a capitalised run, or `None` for words that are capitalised for other reasons
/// (a month, a single common word).
pub(crate) fn name_kind(name: &str, before: Option<String>) -> Option<FactKind> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words
        .iter()
        .all(|w| month_number(w).is_some() || weekday_number(w).is_some())
    {
        return None;
    }
    if words
        .iter()
        .any(|w| crate::text::lexicon::ORG_WORDS.contains(&w.trim_end_matches('.')))
        || words.iter().any(|w| {
            w.len() >= 2
                && w.len() <= 5
                && w.chars().all(|c| c.is_ascii_uppercase() || c == '.')
                && w.chars().filter(char::is_ascii_uppercase).count() >= 2
        })
    {
        return Some(FactKind::Org);
    }
    if words.iter().any(|w| PLACE_WORDS.contains(w))
        || matches!(
            before.as_deref(),
            Some("in" | "at" | "from" | "to" | "near" | "across")
        )
    {
        return Some(FactKind::Place);
    }
    if words.len() >= 2
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return Some(FactKind::Person);
    }
    None
}

/// A time of day starting at word `i`: "7:48 a.m." (`07:48`), "19:30", "7 p.m." (`19:00`),
/// with the index of its last word.
fn time_of_day(text: &str, ws: &[W<'_>], i: usize) -> Option<(String, usize)> {
    let hour: u32 = ws[i].text.parse().ok().filter(|h| *h <= 24)?;
    if ws[i].text.len() > 2 {
        return None;
    }
    let mut last = i;
    let mut minute = None;
    if text[ws[i].end..].starts_with(':') {
        let m = ws.get(i + 1)?;
        if m.start != ws[i].end + 1 || m.text.len() != 2 {
            return None;
        }
        minute = Some(m.text.parse::<u32>().ok().filter(|m| *m < 60)?);
        last = i + 1;
    }
    let meridiem =
        ws.get(last + 1)
            .and_then(|x| match x.text.to_lowercase().trim_end_matches('.') {
                "a.m" | "am" => Some(false),
                "p.m" | "pm" => Some(true),
                _ => None,
            });
    if minute.is_none() && meridiem.is_none() {
        return None;
    }
    let mut h = hour;
    if let Some(pm) = meridiem {
        if !(1..=12).contains(&hour) {
            return None;
        }
        h = match (pm, hour) {
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, 12) => 0,
            (false, h) => h,
        };
        last += 1;
    }
    Some((format!("{h:02}:{:02}", minute.unwrap_or(0)), last))
}

fn parse_number(s: &str) -> Option<f64> {
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let t: String = s.chars().filter(|c| *c != ',').collect();
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A number followed by "million", "billion", "thousand": the value and the index of the last
/// word used.
fn scaled(ws: &[W<'_>], i: usize, n: f64) -> (f64, usize) {
    let f = match ws.get(i + 1).map(|w| w.text.to_lowercase()) {
        Some(ref w) if w == "thousand" => 1e3,
        Some(ref w) if w == "million" || w == "mln" => 1e6,
        Some(ref w) if w == "billion" || w == "bln" => 1e9,
        Some(ref w) if w == "trillion" => 1e12,
        _ => return (n, i),
    };
    (n * f, i + 1)
}

fn fmt_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    #[test]
    fn weekday_and_day_arithmetic() {
        assert_eq!(weekday(d("2017-10-13")), 4); // a Friday
        assert_eq!(from_days(days(d("2017-10-13")) - 1), Some(d("2017-10-12")));
        assert_eq!(from_days(days(d("2000-03-01")) - 1), Some(d("2000-02-29")));
        assert_eq!(iso_week(d("2017-10-06")), "2017-W40");
        assert_eq!(iso_week(d("2021-01-01")), "2020-W53");
    }

    fn facts(s: &str, reference: Option<Date>) -> Vec<(FactKind, String, Option<String>)> {
        let span = Span::new(0, s.len());
        let ws = words_of(s, span);
        let mut out = Vec::new();
        sentence_facts(s, &ws, reference, 0, 0, &mut out);
        out.into_iter()
            .map(|f| (f.kind, f.span.slice(s).to_string(), f.value))
            .collect()
    }

    #[test]
    fn relative_dates_resolve_against_publication() {
        let r = Some(d("2017-10-13"));
        let f = facts("Kaspersky said Thursday that it would share data.", r);
        assert!(
            f.contains(&(FactKind::Date, "Thursday".into(), Some("2017-10-12".into()))),
            "{f:?}"
        );
        let f = facts("The ban came last month, and talks resume next Monday.", r);
        assert!(
            f.contains(&(FactKind::Date, "last month".into(), Some("2017-09".into()))),
            "{f:?}"
        );
        assert!(
            f.contains(&(
                FactKind::Date,
                "next Monday".into(),
                Some("2017-10-16".into())
            )),
            "{f:?}"
        );
        let f = facts("Without a date line, Friday stays unresolved.", None);
        assert!(
            f.contains(&(FactKind::Date, "Friday".into(), None)),
            "{f:?}"
        );
    }

    /// (kind, text, value, unit) of each fact.
    fn units(s: &str) -> Vec<(FactKind, String, Option<String>, Option<String>)> {
        let ws = words_of(s, Span::new(0, s.len()));
        let mut out = Vec::new();
        sentence_facts(s, &ws, None, 0, 0, &mut out);
        out.into_iter()
            .map(|f| (f.kind, f.span.slice(s).to_string(), f.value, f.unit))
            .collect()
    }

    #[test]
    fn numbers_carry_their_units_and_times_are_times() {
        let n = |text: &str, value: &str, unit: Option<&str>| {
            (
                FactKind::Number,
                text.to_string(),
                Some(value.to_string()),
                unit.map(str::to_string),
            )
        };
        // wire copy of the kind BASIL holds
        let f = units("The 215-pound suspect, who weighs 215 pounds, ran 3.5 miles.");
        assert_eq!(
            f,
            [
                n("215-pound", "215", Some("pound")),
                n("215 pounds", "215", Some("pound")),
                n("3.5 miles", "3.5", Some("mile")),
            ]
        );
        assert_eq!(super::super::quantity::measure("pound"), "weight");
        assert_eq!(super::super::quantity::measure("mile"), "length");
        assert_eq!(super::super::quantity::measure("nation"), "count");
        let f = units("A 12-nation group met at 7:48 a.m. and again at 7 p.m. and 19:30.");
        assert_eq!(f[0], n("12-nation", "12", Some("nation")));
        let times: Vec<_> = f
            .iter()
            .filter(|x| x.0 == FactKind::Time)
            .map(|x| x.2.clone().unwrap())
            .collect();
        assert_eq!(times, ["07:48", "19:00", "19:30"]);
        // money stays money; a bare number has no unit
        let f = units("It cost 5 million pounds, or $3.5 billion, in 15 of them.");
        assert_eq!(f[0].0, FactKind::Money);
        assert_eq!(f[0].2.as_deref(), Some("5000000 GBP"));
        assert_eq!(f[1].0, FactKind::Money);
        assert_eq!(f[2], n("15", "15", None));
    }

    #[test]
    fn absolute_dates_numbers_money_percent() {
        let r = Some(d("2017-10-13"));
        let f = facts(
            "On Oct. 10, it said 4,000 staff and $5 million, up 3.5% since 12 October 2016.",
            r,
        );
        assert!(
            f.contains(&(FactKind::Date, "Oct. 10".into(), Some("2017-10-10".into()))),
            "{f:?}"
        );
        assert!(
            f.contains(&(FactKind::Number, "4,000 staff".into(), Some("4000".into()))),
            "{f:?}"
        );
        assert!(
            f.contains(&(
                FactKind::Money,
                "$5 million".into(),
                Some("5000000 USD".into())
            )),
            "{f:?}"
        );
        assert!(
            f.contains(&(FactKind::Percent, "3.5%".into(), Some("3.5".into()))),
            "{f:?}"
        );
        assert!(
            f.contains(&(
                FactKind::Date,
                "12 October 2016".into(),
                Some("2016-10-12".into())
            )),
            "{f:?}"
        );
    }

    #[test]
    fn kind_names_are_the_json_names() {
        use crate::report::ConflictKind;
        for k in [
            FactKind::Person,
            FactKind::Org,
            FactKind::Place,
            FactKind::Number,
            FactKind::Date,
            FactKind::Money,
            FactKind::Percent,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
        for k in [
            ConflictKind::Speaker,
            ConflictKind::Attribution,
            ConflictKind::Date,
            ConflictKind::Number,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
    }

    #[test]
    fn names_are_typed() {
        let f = facts(
            "Spokesman Dmitry Peskov met Kaspersky Lab officials in Moscow.",
            None,
        );
        assert!(
            f.contains(&(
                FactKind::Person,
                "Dmitry Peskov".into(),
                Some("Dmitry Peskov".into())
            )),
            "{f:?}"
        );
        assert!(
            f.contains(&(
                FactKind::Org,
                "Kaspersky Lab".into(),
                Some("Kaspersky Lab".into())
            )),
            "{f:?}"
        );
        assert!(
            f.contains(&(FactKind::Place, "Moscow".into(), Some("Moscow".into()))),
            "{f:?}"
        );
    }
}
