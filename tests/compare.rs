//! Properties of the comparison on real text: a report compared with itself is all `same`,
//! input order changes only ids, and every body sentence lands in exactly one place.

use parallax::align::{Options, Relation};
use parallax::ingest::{Input, ReadOptions};
use parallax::report::Report;
use std::collections::{BTreeSet, HashMap};

fn read(paths: &[&str]) -> Vec<parallax::Document> {
    let inputs: Vec<Input> = paths.iter().map(Input::from_arg).collect();
    parallax::read_all(&inputs, &[], &ReadOptions::default())
        .expect("fixtures read")
        .0
}

fn compare(paths: &[&str]) -> Report {
    parallax::compare_documents(&read(paths), &[], &Options::default(), &Default::default())
}

/// Groups as sets of (label, sentence text), independent of ids and input order.
fn groups_by_text(r: &Report) -> BTreeSet<BTreeSet<(String, String)>> {
    let mut text: HashMap<&str, (&str, &str)> = HashMap::new();
    for d in &r.documents {
        for p in &d.paragraphs {
            for s in &p.sentences {
                text.insert(&s.id, (&d.label, &s.text));
            }
        }
    }
    r.groups
        .as_ref()
        .unwrap()
        .iter()
        .map(|g| {
            g.members
                .iter()
                .flat_map(|m| m.sentences.iter())
                .map(|s| {
                    let (l, t) = text[s.as_str()];
                    (l.to_string(), t.to_string())
                })
                .collect()
        })
        .collect()
}

#[test]
fn a_report_compared_with_itself_is_all_same() {
    for path in [
        "fixtures/kaspersky/rferl.txt",
        "fixtures/kaspersky/moscowtimes.txt",
    ] {
        let r = compare(&[path, path]);
        let body = r.documents[0].counts.body_sentences;
        let groups = r.groups.as_ref().unwrap();
        assert_eq!(groups.len(), body, "{path}: one group per body sentence");
        for g in groups {
            assert_eq!(g.relation, Relation::Same, "{path}: {g:?}");
            assert_eq!(g.members.len(), 2);
            assert_eq!(g.members[0].sentences.len(), 1);
            // A.sN pairs with B.sN.
            let a = g.members[0].sentences[0].trim_start_matches("A.");
            let b = g.members[1].sentences[0].trim_start_matches("B.");
            assert_eq!(a, b);
        }
        let cov = r.coverage.as_ref().unwrap();
        assert!(cov.values().all(|c| c.only == 0 && c.missing == 0));
    }
}

#[test]
fn input_order_changes_only_ids() {
    let ab = compare(&[
        "fixtures/kaspersky/rferl.txt",
        "fixtures/kaspersky/moscowtimes.txt",
        "fixtures/kaspersky/wire.txt",
    ]);
    let ba = compare(&[
        "fixtures/kaspersky/wire.txt",
        "fixtures/kaspersky/moscowtimes.txt",
        "fixtures/kaspersky/rferl.txt",
    ]);
    assert_eq!(groups_by_text(&ab), groups_by_text(&ba));
}

#[test]
fn output_is_deterministic() {
    let paths = [
        "fixtures/kaspersky/rferl.txt",
        "fixtures/kaspersky/moscowtimes.txt",
        "fixtures/kaspersky/wire.txt",
    ];
    let a = serde_json::to_string(&compare(&paths)).unwrap();
    let b = serde_json::to_string(&compare(&paths)).unwrap();
    assert_eq!(a, b);
}

#[test]
fn json_round_trips() {
    let r = compare(&[
        "fixtures/kaspersky/rferl.txt",
        "fixtures/kaspersky/moscowtimes.txt",
    ]);
    let s = serde_json::to_string(&r).unwrap();
    let back: Report = serde_json::from_str(&s).unwrap();
    assert_eq!(back, r);
}

#[test]
fn the_shared_rebuttal_is_found_with_its_wording_diff() {
    let r = compare(&[
        "fixtures/kaspersky/rferl.txt",
        "fixtures/kaspersky/moscowtimes.txt",
    ]);
    let groups = r.groups.as_ref().unwrap();
    let g = groups
        .iter()
        .find(|g| g.shared_terms.iter().any(|t| t == "reiter"))
        .expect("the 'reiterates its willingness' quote is shared");
    // The quote and the rebuttal sentence that carries it are in one group, one from each.
    assert!(g.members.iter().all(|m| !m.sentences.is_empty()) && g.members.len() == 2);
    let ops = &g.diffs[0].ops;
    assert!(ops
        .iter()
        .any(|o| o.op == parallax::report::DiffOp::Insert && o.text.contains("rebuttal")));
}

/// A report about something else: a football match, in the register of a news report.
const UNRELATED: &str = "Rovers Hold Leaders to a Draw\n\n\
    Rovers came from behind twice to hold the league leaders to a 2-2 draw at a rain-soaked ground on Saturday.\n\n\
    The visitors went ahead after eleven minutes when their captain headed in a corner at the far post.\n\n\
    Rovers equalised before half-time through a low shot from the edge of the area, and fell behind again soon after the break.\n\n\
    A penalty in the last minute, awarded for a trip on the substitute striker, rescued a point for the home side.\n\n\
    \"We showed character today,\" the Rovers manager told reporters after the match.\n\n\
    The leaders stay three points clear at the top of the table with four games left to play.\n";

#[test]
fn reports_of_different_events_are_said_not_to_be_one_event() {
    let dir = std::env::temp_dir().join(format!("parallax-unrelated-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let other = dir.join("football.txt");
    std::fs::write(&other, UNRELATED).unwrap();
    let other = other.to_str().unwrap();
    let r = compare(&["fixtures/kaspersky/rferl.txt", other]);
    let overlap = r.overlap.as_ref().unwrap();
    assert_eq!(overlap.len(), 1);
    assert!(!overlap[0].same_event, "{overlap:?}");
    let mut text = Vec::new();
    parallax::render::compare::render(&r, parallax::render::Palette::plain(), &mut text).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains("These reports do not look like the same event"),
        "{text}"
    );
    let mut md = Vec::new();
    parallax::render::markdown::render(&r, &mut md).unwrap();
    assert!(String::from_utf8(md)
        .unwrap()
        .contains("do not look like the same event"));

    // Reports of one event say nothing of the kind; a third, unrelated one is named.
    let seeds = compare(&[
        "fixtures/kaspersky/rferl.txt",
        "fixtures/kaspersky/moscowtimes.txt",
    ]);
    assert!(seeds.overlap.as_ref().unwrap().iter().all(|o| o.same_event));
    let three = compare(&[
        "fixtures/kaspersky/rferl.txt",
        "fixtures/kaspersky/moscowtimes.txt",
        other,
    ]);
    let mut text = Vec::new();
    parallax::render::compare::render(&three, parallax::render::Palette::plain(), &mut text)
        .unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains("C football does not look like the same event as any other report."),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Two one-paragraph reports compared.
fn read_texts(texts: &[&str]) -> Vec<parallax::Document> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let input = Input::Bytes {
                name: format!("{}.txt", (b'a' + i as u8) as char),
                bytes: text.as_bytes().to_vec(),
            };
            parallax::ingest::load(&input, None, &ReadOptions::default())
                .unwrap()
                .0
        })
        .collect()
}

fn compare_texts(a: &str, b: &str) -> Report {
    parallax::compare_documents(
        &read_texts(&[a, b]),
        &[],
        &Options::default(),
        &Default::default(),
    )
}

fn conflict_details(r: &Report) -> Vec<String> {
    r.conflicts
        .iter()
        .flatten()
        .map(|c| format!("{} {}", c.kind.as_str(), c.detail))
        .collect()
}

const LEAD: &str = "Lawmakers met in the capital as the dispute over the bill went on.\n\n";

#[test]
fn an_institution_dated_on_two_days_is_a_conflict_a_person_is_not() {
    let r = compare_texts(
        &format!(
            "{LEAD}The House voted on Wednesday to override the veto of the terrorism bill.\n"
        ),
        &format!("{LEAD}The House voted on Thursday to override the veto of the terrorism bill.\n"),
    );
    let c = conflict_details(&r);
    assert_eq!(c.len(), 1, "{c:?}");
    assert!(c[0].starts_with("date") && c[0].contains("Wednesday") && c[0].contains("Thursday"));
    // Where something happened, or who was told, is no institution acting (BASIL, 2017).
    for (a, b) in [
        (
            "Lieberman met with Trump at the White House on Wednesday to discuss the FBI job.",
            "Lieberman met with Trump at the White House on Thursday to discuss the FBI job.",
        ),
        (
            "Trump said he was very close to choosing a new FBI director, he told White House reporters on Wednesday.",
            "Trump said he was very close to choosing a new FBI director, he told White House reporters on Thursday.",
        ),
    ] {
        let r = compare_texts(&format!("{LEAD}{a}\n"), &format!("{LEAD}{b}\n"));
        assert!(conflict_details(&r).is_empty(), "{a}: {:?}", conflict_details(&r));
    }
    // A person acts on many days: two days told of one person are two acts.
    let r = compare_texts(
        &format!("{LEAD}Trump announced on Sunday that the defense secretary would leave early.\n"),
        &format!(
            "{LEAD}Trump announced on Thursday that the defense secretary would leave early.\n"
        ),
    );
    assert!(
        conflict_details(&r).is_empty(),
        "{:?}",
        conflict_details(&r)
    );
}

#[test]
fn quantities_conflict_only_with_one_unit_and_values_that_cannot_agree() {
    let pair = |a: &str, b: &str| {
        conflict_details(&compare_texts(
            &format!("{LEAD}{a}\n"),
            &format!("{LEAD}{b}\n"),
        ))
    };
    let c = pair(
        "The 48-page indictment charges the former aide with fraud and conspiracy in federal court.",
        "The 47-page indictment charges the former aide with fraud and conspiracy in federal court.",
    );
    assert_eq!(c.len(), 1, "{c:?}");
    assert!(c[0].starts_with("number") && c[0].contains("48-page") && c[0].contains("47-page"));
    let r = compare_texts(
        &format!("{LEAD}The 48-page indictment charges the former aide with fraud and conspiracy in federal court.\n"),
        &format!("{LEAD}The indictment of 47 pages charges the former aide with fraud and conspiracy in federal court.\n"),
    );
    let sides: Vec<(String, String, Option<String>)> = r.conflicts.as_ref().unwrap()[0]
        .sides
        .iter()
        .map(|s| (s.doc.clone(), s.value.clone(), s.unit.clone()))
        .collect();
    assert_eq!(
        sides,
        [
            ("A".to_string(), "48".to_string(), Some("page".to_string())),
            ("B".to_string(), "47".to_string(), Some("page".to_string()))
        ]
    );
    let c = pair(
        "The hospital sent the family a bill of $5,587.75 for the ambulance ride to the clinic.",
        "The hospital sent the family a bill of $5,687.75 for the ambulance ride to the clinic.",
    );
    assert_eq!(c.len(), 1, "{c:?}");
    // Hedged and rounded values agree; bare numbers never conflict; numbers of other things
    // are not compared.
    for (a, b) in [
        (
            "The settlement with the state cost the company almost $6 million in fines.",
            "The settlement with the state cost the company $5.9 million in fines.",
        ),
        (
            "The report said employers added 194,000 jobs in September across the country.",
            "The report said employers added 194K jobs in September across the country.",
        ),
        (
            "The earthquake of magnitude 6.1 struck near the coast in 2004 at dawn.",
            "The earthquake of magnitude 14000 struck near the coast in 2004 at dawn.",
        ),
        (
            "The fire destroyed 40 homes in the valley and forced 300 residents to flee overnight.",
            "The fire destroyed 40 homes in the valley overnight, and 12 firefighters were hurt.",
        ),
        // BASIL (2016): cut to its precision, the exact figure gives the round one
        (
            "The tax returns show the Clintons have paid $43 million in federal taxes since 2007.",
            "The tax returns show the Clintons have paid $43,885,310 in federal taxes since 2007.",
        ),
        // BASIL (2016): one unit, two different things (taxes paid, income earned)
        (
            "The tax returns released on Friday show the Clintons paid $43 million in federal taxes.",
            "The tax returns released on Friday show the Clintons earned $139 million in adjusted gross income.",
        ),
        // BASIL (2018): the sum converted and the price of one ticket
        (
            "Duncan Hunter was indicted on charges of illegally converting $250,000 in campaign funds for personal use.",
            "Duncan Hunter was indicted on charges of spending campaign funds on trips and a $600 airline ticket for a pet rabbit.",
        ),
    ] {
        assert!(pair(a, b).is_empty(), "{a} / {b}: {:?}", pair(a, b));
    }
}

#[test]
fn different_sources_are_sourcing_not_conflicts() {
    let r = compare(&[
        "fixtures/kaspersky/rferl.txt",
        "fixtures/kaspersky/moscowtimes.txt",
    ]);
    assert!(
        r.conflicts.as_ref().unwrap().is_empty(),
        "{:?}",
        r.conflicts
    );
    let sourcing = r.sourcing.as_ref().unwrap();
    assert!(
        sourcing
            .iter()
            .any(|c| c.detail.contains("New York Times")
                && c.detail.contains("Israeli intelligence")),
        "{sourcing:?}"
    );
}

#[test]
fn a_short_phrase_in_quote_marks_is_a_quote_when_another_outlet_quotes_it_too() {
    // BASIL (2018): both outlets put "spill the beans" in quote marks; neither says who said it.
    let a = "Cohen had threatened to \u{201c}spill the beans\u{201d} on his former client.\n\n\
             Prosecutors in New York declined to comment on the case on Tuesday.\n";
    let b = "The lawyer was ready to \"spill the beans\" about the payments, friends said.\n\n\
             The lawyer's office in Manhattan was searched by agents in April.\n";
    let r = compare_texts(a, b);
    let texts = |d: usize| -> Vec<&str> {
        r.documents[d]
            .quotes
            .iter()
            .map(|q| q.text.as_str())
            .collect()
    };
    assert_eq!(texts(0), ["spill the beans"]);
    assert_eq!(texts(1), ["spill the beans"]);
    let m = r.quote_matches.as_ref().unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].relation.as_str(), "identical");
    assert_eq!(r.documents[0].quotes[0].speaker, None);
    // Alone, or beside an outlet that does not quote it, the phrase is not a quote.
    let c = "Agents searched the lawyer's office in Manhattan in April, officials said.\n";
    let r = compare_texts(a, c);
    assert!(
        r.documents[0].quotes.is_empty(),
        "{:?}",
        r.documents[0].quotes
    );
    let docs = read_texts(&[a]);
    let alone = parallax::inspect_documents(&docs, &[], &Default::default());
    assert!(alone.documents[0].quotes.is_empty());
}

#[test]
fn one_quote_given_to_two_named_people_is_a_speaker_conflict_a_pronoun_is_not() {
    let quote = "\u{201c}We will not raise taxes on working families this year or next,\u{201d}";
    let a = format!("{LEAD}{quote} said Paul Ryan.\n");
    let b = format!("{LEAD}{quote} said Chuck Grassley.\n");
    let r = compare_texts(&a, &b);
    let c = conflict_details(&r);
    assert_eq!(c.len(), 1, "{c:?}");
    assert!(
        c[0].starts_with("speaker")
            && c[0].contains("Paul Ryan")
            && c[0].contains("Chuck Grassley")
    );
    let m = &r.quote_matches.as_ref().unwrap()[0];
    assert_eq!(m.relation.as_str(), "identical");
    assert!(m.speakers_differ);
    // "he" resolved to someone is no certain speaker
    let b = format!("{LEAD}Chuck Grassley spoke to reporters on Monday.\n\n{quote} he said.\n");
    let r = compare_texts(&a, &b);
    assert!(
        conflict_details(&r).is_empty(),
        "{:?}",
        conflict_details(&r)
    );
}
