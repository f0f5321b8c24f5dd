//! The shipped chronology read as a historian would: every event says where it comes from, every
//! fact from outside the country study cites the general record, no link pretends the study says
//! what is only our reading, and no date is more precise than the words shown for it.
//!
//! These checks are about the file's content, not the loader: they fail when an edit to
//! `assets/fujimori.json` makes a claim the file cannot back.

use quipu::model::date::{MONTHS, year_of};
use quipu::model::load::SHIPPED_JSON;
use quipu::model::raw::{Basis, RawChronology, RawEvent};
use quipu::model::{Chronology, Event};
use quipu::search::{Query, SearchIndex};

const STUDY: &str = "lcs-peru";
const GENERAL: &str = "general-history";
/// The country study's section has eight paragraphs.
const PARAGRAPHS: std::ops::RangeInclusive<u32> = 1..=8;

fn raw() -> RawChronology {
    serde_json::from_str(SHIPPED_JSON).expect("the shipped chronology parses")
}

fn cites(event: &RawEvent, source: &str) -> bool {
    event.sources.iter().any(|c| c.source() == source)
}

#[test]
fn every_event_cites_the_study_at_a_paragraph_and_every_citation_has_a_locator() {
    let raw = raw();
    assert!(raw.sources.iter().any(|s| s.id == GENERAL));
    for event in &raw.events {
        assert!(cites(event, STUDY), "{} does not cite the study", event.id);
        for citation in &event.sources {
            let locator = citation.locator().unwrap_or_else(|| {
                panic!(
                    "{}: a citation of {} without a locator",
                    event.id,
                    citation.source()
                )
            });
            if citation.source() == STUDY {
                let paragraph: u32 = locator
                    .strip_prefix("paragraph ")
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| {
                        panic!("{}: locator {locator:?} is not \"paragraph N\"", event.id)
                    });
                assert!(PARAGRAPHS.contains(&paragraph), "{}: {locator}", event.id);
            }
        }
    }
}

/// The summaries say in words which facts are from general history; the citation must agree,
/// both ways, so "where does this come from" always has an answer.
#[test]
fn general_history_in_a_summary_and_its_citation_go_together() {
    for event in &raw().events {
        let says = event
            .summary
            .as_deref()
            .is_some_and(|s| s.contains("general history"));
        assert_eq!(
            says,
            cites(event, GENERAL),
            "{}: the summary {} general history but the event {} it",
            event.id,
            if says { "mentions" } else { "does not mention" },
            if cites(event, GENERAL) {
                "cites"
            } else {
                "does not cite"
            }
        );
    }
}

#[test]
fn a_link_noted_as_our_reading_is_not_marked_stated_and_every_unstated_link_says_why() {
    let raw = raw();
    let mut counts = [0usize; 3];
    for event in &raw.events {
        for link in &event.consequences {
            let note = link.note().unwrap_or("");
            counts[Basis::ALL.iter().position(|&b| b == link.basis()).unwrap()] += 1;
            if link.basis() == Basis::Stated {
                assert!(
                    !note.contains("(inferred)") && !note.contains("(implied)"),
                    "{} → {}: stated, but noted {note:?}",
                    event.id,
                    link.event()
                );
            } else {
                assert!(
                    !note.is_empty(),
                    "{} → {}: {} without a note saying why",
                    event.id,
                    link.event(),
                    link.basis().as_str()
                );
            }
        }
    }
    // The file does use all three, so the marks in the UI and the exports are exercised by it.
    assert!(counts.iter().all(|&n| n > 0), "{counts:?}");
}

/// How finely one end of an EDTF date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Precision {
    Open,
    Decade,
    Year,
    Season,
    Month,
    Day,
}

fn precision(end: &str) -> Precision {
    let end = end.trim_end_matches(['~', '?', '%']);
    if end.is_empty() || end == ".." {
        return Precision::Open;
    }
    let body = end.strip_prefix('-').unwrap_or(end);
    let parts: Vec<&str> = body.split('-').collect();
    match parts.as_slice() {
        [year] if year.contains('X') => Precision::Decade,
        [_] => Precision::Year,
        [_, month] => match month.parse::<u32>() {
            Ok(21..=24) => Precision::Season,
            _ => Precision::Month,
        },
        _ => Precision::Day,
    }
}

fn ends(edtf: &str) -> (Precision, Precision) {
    match edtf.split_once('/') {
        Some((start, end)) => (precision(start), precision(end)),
        None => (precision(edtf), precision(edtf)),
    }
}

/// "5 April 1992", "5–30 April 1992", "28 July 1990".
fn names_a_day(text: &str) -> bool {
    let words: Vec<&str> = text.split([' ', ',', '(', ')']).collect();
    words.windows(2).any(|pair| {
        let day = pair[0].rsplit('–').next().unwrap_or("");
        !day.is_empty()
            && day.len() <= 2
            && day.chars().all(|c| c.is_ascii_digit())
            && MONTHS.contains(&pair[1])
    })
}

fn names_a_month(text: &str) -> bool {
    text.split([' ', ',', '(', ')'])
        .any(|word| MONTHS.contains(&word))
}

/// Wording that places a time within a year without naming a month ("late 1990").
fn part_of_a_year(text: &str) -> bool {
    [
        "early", "mid", "late", "spring", "summer", "autumn", "winter",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// Every four-digit year the text names, as the years it covers: "1980s" is 1980 to 1989.
fn years(text: &str) -> Vec<(i64, i64)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                let year: i64 = chars[start..i].iter().collect::<String>().parse().unwrap();
                let decade = chars.get(i) == Some(&'s');
                out.push((year, if decade { year + 9 } else { year }));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The words shown for a date must claim exactly the precision the EDTF date has: a day named in
/// the text needs a day in the date and a day in the date needs one named in the text; a month
/// in the date needs a month or a part of the year in the text; an open end needs "before",
/// "by" or "until" (start) or "after" / "from" (end); and every year the text names lies in the
/// span the date covers.
fn date_problems(event: &Event) -> Vec<String> {
    let Some(shown) = &event.display_date else {
        // quipu writes the date itself from the EDTF, which cannot disagree.
        return Vec::new();
    };
    let edtf = &event.date.text;
    let (start, end) = ends(edtf);
    let finest = start.max(end);
    let mut problems = Vec::new();
    let mut check = |ok: bool, what: &str| {
        if !ok {
            problems.push(format!("{}: {edtf:?} shown as {shown:?}: {what}", event.id));
        }
    };
    check(
        names_a_day(shown) == (finest == Precision::Day),
        "a day is named in the text exactly when the date has one",
    );
    if finest == Precision::Month {
        check(
            names_a_month(shown) || part_of_a_year(shown),
            "a date known to the month needs its month, or a part of the year, in the text",
        );
    }
    if names_a_month(shown) {
        check(
            finest >= Precision::Month,
            "the text names a month the date does not have",
        );
    }
    if start == Precision::Open {
        check(
            ["before", "by ", "until"].iter().any(|w| shown.contains(w)),
            "an open start needs \"before\", \"by\" or \"until\"",
        );
    }
    if end == Precision::Open && edtf.contains('/') {
        check(
            ["after", "from"].iter().any(|w| shown.contains(w)),
            "an open end needs \"after\" or \"from\"",
        );
    }
    let (first, last) = (year_of(event.date.earliest), year_of(event.date.latest));
    for (from, to) in years(shown) {
        let fits = match (start, end) {
            (Precision::Open, _) => from <= last,
            (_, Precision::Open) => to >= first,
            _ => from <= last && to >= first,
        };
        check(fits, &format!("the text names {from}, outside the date"));
    }
    problems
}

#[test]
fn display_dates_claim_no_more_and_no_less_than_the_dates() {
    let chronology = Chronology::shipped();
    let problems: Vec<String> = chronology.events.iter().flat_map(date_problems).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The check itself, on dates it must refuse: it would pass silently if it could not fail.
#[test]
fn the_date_check_refuses_overprecise_and_vague_wording() {
    let event = |edtf: &str, shown: &str| {
        let json = format!(
            r#"{{"quipu": 1, "title": "t", "actors": [{{"id": "a", "name": "A"}}],
               "events": [{{"id": "e", "date": "{edtf}", "display_date": "{shown}", "title": "E", "actors": ["a"]}}]}}"#
        );
        Chronology::from_str(&json).unwrap().events.remove(0)
    };
    let refused = |edtf: &str, shown: &str| !date_problems(&event(edtf, shown)).is_empty();
    // A guessed day range shown as a month, and a month shown as a day.
    assert!(refused("1992-04-05/1992-04-30", "April 1992"));
    assert!(refused("1992-04", "5 April 1992"));
    // A year shown with a month it does not have; a month without any month word.
    assert!(refused("1991", "May 1991"));
    assert!(refused("1991-01/1991-12", "1991, soon after the outbreak"));
    // An open start that reads as if its start were known; a year outside the span.
    assert!(refused("../1992-04-04", "4 April 1992"));
    assert!(refused("1990/1992", "early 1990s to 1993"));
    assert!(refused("1975/1985", "the 1960s"));
    // And wording that is right.
    assert!(!refused(
        "1992-04-05/1992-04-30",
        "after the coup, 5–30 April 1992"
    ));
    assert!(!refused("../1992-04-04", "before 5 April 1992"));
    assert!(!refused("1990-10/1990-12", "late 1990"));
    assert!(!refused("1975/1991-12", "from 1975 until December 1991"));
}

/// Nothing Soviet outlives the Soviet Union (dissolved in December 1991).
#[test]
fn soviet_relations_end_with_the_soviet_union() {
    let chronology = Chronology::shipped();
    let soviet = chronology.actor_ix("soviet-union").unwrap();
    let end = quipu::model::date::day_number(1991, 12, 31);
    for &ix in chronology.events_of(soviet) {
        let event = &chronology.events[ix];
        assert!(
            event.date.latest <= end,
            "{} runs past 1991: {}",
            event.id,
            event.date.text
        );
    }
}

#[test]
fn spanish_names_find_actors_and_names_history_gave_find_events() {
    let chronology = Chronology::shipped();
    let index = SearchIndex::build(&chronology);
    let first = |typed: &str| -> String {
        let query = Query::parse(typed);
        let hits = index.search(&query, 1);
        let hit = hits.first().unwrap_or_else(|| panic!("{typed}: no hit"));
        match query.scope {
            quipu::search::Scope::Actors => chronology.actors[hit.item].id.clone(),
            quipu::search::Scope::Events => chronology.events[hit.item].id.to_string(),
        }
    };
    for (typed, id) in [
        ("FMI", "imf"),
        ("Estados Unidos", "united-states"),
        ("Japón", "japan"),
        ("Alemania", "germany"),
        ("España", "spain"),
        ("Unión Soviética", "soviet-union"),
        ("Fuerzas Armadas", "armed-forces"),
        ("#autogolpe", "self-coup"),
        ("#fujishock", "gradualism-abandoned"),
        ("#Tratado de Asuncion", "mercosur-founded"),
    ] {
        assert_eq!(first(typed), id, "{typed}");
    }
}
