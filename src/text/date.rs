//! Calendar dates: the type, and parsing of the date forms news pages put in datelines and
//! metadata ("Oct 13, 2017 — 09:09", "13 October 2017", "2017-10-13T09:09:00Z").

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar date (proleptic Gregorian), serialised as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2017.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

impl Date {
    /// A date when `year-month-day` exists on the calendar (years 1000–9999), else `None`.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        (day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`, optionally followed by a time (`T09:09:00Z`, ` 09:09`).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        if b.len() > 10 && b[10].is_ascii_digit() {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
        Date::new(num(0..4)? as i32, num(5..7)? as u8, num(8..10)? as u8)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("invalid date {s:?}")))
    }
}

/// Month number for an English month name or abbreviation ("Oct", "oct.", "October", "Sept").
pub fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| w == *m || (w.len() == 3 && m.starts_with(w.as_str())))
        .map(|i| i as u8 + 1)
}

const DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// True for an English weekday name or abbreviation.
pub fn is_weekday(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    DAYS.iter()
        .any(|d| w == *d || (w.len() >= 3 && w.len() <= 4 && d.starts_with(w.as_str())))
}

/// Monday = 0 … Sunday = 6 for a full English weekday name, any case.
pub fn weekday_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    DAYS.iter().position(|d| *d == w).map(|i| i as u32)
}

/// A date found in a short text, with the byte range of the words that make it up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    /// The date.
    pub date: Date,
    /// Byte range of the date expression within the searched text.
    pub start: usize,
    /// End of that range.
    pub end: usize,
}

/// Finds the first full date (with a year) in `s`: ISO `2017-10-13`, `Oct 13, 2017`,
/// `October 13 2017`, `13 October 2017`, `Oct. 13, 2017`.
pub fn find_date(s: &str) -> Option<FoundDate> {
    let words: Vec<(usize, &str)> = words_with_offsets(s);
    for (i, &(at, w)) in words.iter().enumerate() {
        if w.len() == 10 || (w.len() > 10 && w.as_bytes()[10] == b'T') {
            if let Some(date) = Date::parse_iso(w) {
                return Some(FoundDate {
                    date,
                    start: at,
                    end: at + w.len().min(10),
                });
            }
        }
        let next = |k: usize| words.get(i + k).map(|&(_, w)| w);
        let end_of = |k: usize| {
            words
                .get(i + k)
                .map(|&(a, w)| a + w.len())
                .unwrap_or(s.len())
        };
        if let Some(month) = month_number(w) {
            // Month Day[,] Year
            if let (Some(d), Some(y)) =
                (next(1).and_then(day_number), next(2).and_then(year_number))
            {
                if let Some(date) = Date::new(y, month, d) {
                    return Some(FoundDate {
                        date,
                        start: at,
                        end: end_of(2),
                    });
                }
            }
        } else if let Some(d) = day_number(w) {
            // Day Month Year
            if let (Some(m), Some(y)) = (
                next(1).and_then(month_number),
                next(2).and_then(year_number),
            ) {
                if let Some(date) = Date::new(y, m, d) {
                    return Some(FoundDate {
                        date,
                        start: at,
                        end: end_of(2),
                    });
                }
            }
        }
    }
    None
}

/// Splits on whitespace and the separators that sit between date parts, keeping byte offsets.
fn words_with_offsets(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let sep = c.is_whitespace()
            || c == ','
            || c == '|'
            || c == '/'
            || c == '·'
            || c == '('
            || c == ')';
        match (sep, start) {
            (true, Some(st)) => {
                out.push((st, &s[st..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

fn day_number(w: &str) -> Option<u8> {
    let w = w.trim_end_matches(['.', ',']);
    let w = w
        .strip_suffix("st")
        .or_else(|| w.strip_suffix("nd"))
        .or_else(|| w.strip_suffix("rd"))
        .or_else(|| w.strip_suffix("th"))
        .unwrap_or(w);
    if w.is_empty() || w.len() > 2 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(w: &str) -> Option<i32> {
    let w = w.trim_end_matches(['.', ',', ';', ':']);
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

/// The date in a metadata value: ISO (`2017-10-13T09:09:00Z`) or a written date.
pub fn find_date_in_meta(s: &str) -> Option<Date> {
    Date::parse_iso(s.trim()).or_else(|| find_date(s).map(|f| f.date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn finds_dateline_forms() {
        assert_eq!(
            find_date("Oct 13, 2017 — 09:09").unwrap().date,
            d(2017, 10, 13)
        );
        assert_eq!(
            find_date("Published: October 13, 2017").unwrap().date,
            d(2017, 10, 13)
        );
        assert_eq!(
            find_date("Friday, 13 October 2017 09:09 BST").unwrap().date,
            d(2017, 10, 13)
        );
        assert_eq!(
            find_date("Oct. 13, 2017 at 9:09 a.m. ET").unwrap().date,
            d(2017, 10, 13)
        );
        assert_eq!(
            find_date("2017-10-13T09:09:00Z").unwrap().date,
            d(2017, 10, 13)
        );
        assert_eq!(
            find_date("Reuters November 18, 2019 11:03 PM")
                .unwrap()
                .date,
            d(2019, 11, 18)
        );
    }

    #[test]
    fn rejects_impossible_and_partial_dates() {
        assert!(find_date("February 30, 2017").is_none());
        assert!(find_date("October 12").is_none());
        assert!(find_date("May I help you 2017").is_none());
        assert!(Date::parse_iso("2017-13-01").is_none());
        assert!(Date::parse_iso("2017-10-130").is_none());
        assert_eq!(Date::parse_iso("2016-02-29"), Some(d(2016, 2, 29)));
    }

    #[test]
    fn found_range_covers_the_expression() {
        let s = "Updated Oct 13, 2017 — 09:09";
        let f = find_date(s).unwrap();
        assert_eq!(&s[f.start..f.end], "Oct 13, 2017");
    }

    #[test]
    fn serialises_as_iso() {
        let json = serde_json::to_string(&d(2017, 10, 13)).unwrap();
        assert_eq!(json, "\"2017-10-13\"");
        let back: Date = serde_json::from_str(&json).unwrap();
        assert_eq!(back, d(2017, 10, 13));
    }
}
