//! The query index gives the answers the scan gives: for random queries over every key, on a
//! generated chronology and on the shipped one, including errors (a name that matches nothing
//! must fail the same way either way). And the algebra holds on the generated one too.

use proptest::prelude::*;
use quipu::model::{Chronology, EventIx};
use quipu::query::{Index, Query};
use quipu_gen::{Generator, Layout, Spec};

struct Fixture {
    chronology: Chronology,
    index: Index,
    /// Terms naming things the chronology holds, spelt as a reader might.
    terms: Vec<String>,
}

fn generated() -> &'static Fixture {
    static GENERATED: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
    GENERATED.get_or_init(|| {
        let spec = Spec {
            events: 3_000,
            actors: 150,
            seed: 7,
        };
        let json = Generator::new(spec).to_json(Layout::Compact);
        fixture(Chronology::from_str(&json).expect("generated chronologies are valid"))
    })
}

fn shipped() -> &'static Fixture {
    static SHIPPED: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(|| fixture(Chronology::shipped()))
}

fn quoted(key: &str, value: &str) -> String {
    format!("{key}:\"{}\"", value.replace('"', ""))
}

fn fixture(chronology: Chronology) -> Fixture {
    let mut terms: Vec<String> = [
        "kind:person",
        "kind:state",
        "kind:organization",
        "kind:group",
        "kind:other",
        "basis:stated",
        "basis:implied",
        "basis:inferred",
        "links:0",
        "links:>2",
        "links:<=1",
        "date:1991",
        "date:1992-04",
        "date:1992-04-05",
        "date:1990-07..1991-05",
        "date:>=1991",
        "date:<1990",
        "date:>1950",
        "date:<=1930",
        "tag:no-such-tag",
        "role:no-such-role",
        "actor:nobody-at-all",
        "war",
        "\"War\"",
    ]
    .map(str::to_owned)
    .to_vec();
    terms.extend(quipu::query::PRECISIONS.map(|p| format!("precision:{p}")));
    let events = &chronology.events;
    let step = (events.len() / 12).max(1);
    for event in events.iter().step_by(step) {
        for tag in &event.tags {
            terms.push(quoted("tag", tag));
            terms.push(quoted("tag", &tag.to_uppercase()));
        }
        for role in event.actors.iter().filter_map(|p| p.role.as_deref()) {
            terms.push(quoted("role", role));
            terms.push(quoted("role", &role.to_uppercase()));
        }
        for key in ["effects", "causes", "downstream", "upstream"] {
            terms.push(format!("{key}:{}", event.id));
        }
    }
    for actor in chronology.actors.iter().step_by(7).take(12) {
        terms.push(format!("actor:{}", actor.id));
        terms.push(quoted("actor", &actor.name));
    }
    for source in chronology.sources.iter().take(6) {
        terms.push(format!("source:{}", source.id));
    }
    for era in chronology.eras.iter().take(6) {
        terms.push(format!("era:{}", era.id));
    }
    terms.sort();
    terms.dedup();
    let index = Index::build(&chronology);
    Fixture {
        chronology,
        index,
        terms,
    }
}

fn query(fixture: &'static Fixture) -> impl Strategy<Value = String> {
    let term = prop::sample::select(fixture.terms.clone());
    term.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} {b}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} or {b})")),
            inner.prop_map(|a| format!("-({a})")),
        ]
    })
}

fn indexed(fixture: &Fixture, text: &str) -> Result<Vec<EventIx>, quipu::query::QueryError> {
    Query::parse(text, 0)?.select_in(&fixture.chronology, &fixture.index)
}

fn scanned(fixture: &Fixture, text: &str) -> Result<Vec<EventIx>, quipu::query::QueryError> {
    Query::parse(text, 0)?.select_by_scan(&fixture.chronology)
}

fn ask(fixture: &Fixture, text: &str) -> Vec<EventIx> {
    indexed(fixture, text).unwrap_or_else(|e| panic!("{text}: {}", e.render()))
}

fn subset(small: &[EventIx], big: &[EventIx]) -> bool {
    small.iter().all(|ix| big.binary_search(ix).is_ok())
}

#[test]
fn every_single_term_answers_as_the_scan_does() {
    for fixture in [generated(), shipped()] {
        let mut nonempty = 0;
        for term in &fixture.terms {
            let index = indexed(fixture, term);
            assert_eq!(index, scanned(fixture, term), "{term}");
            nonempty += usize::from(index.is_ok_and(|found| !found.is_empty()));
        }
        // The comparison means something only if most terms select events.
        assert!(
            nonempty * 2 > fixture.terms.len(),
            "{nonempty} of {}",
            fixture.terms.len()
        );
    }
}

#[test]
fn tags_roles_and_sources_are_each_stored_once() {
    let fixture = generated();
    let tags: Vec<&str> = fixture.index.tags().collect();
    assert!(tags.windows(2).all(|w| w[0] < w[1]), "sorted, distinct");
    let occurrences: usize = fixture.chronology.events.iter().map(|e| e.tags.len()).sum();
    assert!(!tags.is_empty() && tags.len() < occurrences);
    let roles: Vec<&str> = fixture.index.roles().collect();
    assert!(!roles.is_empty() && roles.windows(2).all(|w| w[0] < w[1]));
    let first = tags[0];
    let by_scan: Vec<EventIx> = (0..fixture.chronology.events.len())
        .filter(|&ix| {
            fixture.chronology.events[ix]
                .tags
                .iter()
                .any(|t| t == first)
        })
        .collect();
    assert_eq!(
        fixture.index.events_tagged(first).collect::<Vec<_>>(),
        by_scan
    );
}

#[test]
fn an_index_of_another_chronology_is_not_used() {
    let fixture = generated();
    let other = Index::build(&shipped().chronology);
    let text = quoted("tag", fixture.index.tags().next().unwrap_or("x"));
    let query = Query::parse(&text, 0).expect("a valid query");
    assert_eq!(
        query.select_in(&fixture.chronology, &other),
        query.select_by_scan(&fixture.chronology)
    );
    // The same file loaded again has as many events, but is not the chronology indexed.
    assert!(shipped().index.fits(&shipped().chronology));
    assert!(!shipped().index.fits(&Chronology::shipped()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn index_answer_is_the_scan_answer(q in query(generated())) {
        prop_assert_eq!(indexed(generated(), &q), scanned(generated(), &q));
    }

    #[test]
    fn index_answer_is_the_scan_answer_on_the_shipped_file(q in query(shipped())) {
        prop_assert_eq!(indexed(shipped(), &q), scanned(shipped(), &q));
    }

    #[test]
    fn negation_is_the_complement(q in query(generated())) {
        let f = generated();
        if let Ok(yes) = indexed(f, &q) {
            let no = ask(f, &format!("-({q})"));
            prop_assert_eq!(yes.len() + no.len(), f.chronology.events.len());
            prop_assert!(no.iter().all(|ix| yes.binary_search(ix).is_err()));
        }
    }

    #[test]
    fn and_narrows_and_or_widens(a in query(generated()), b in query(generated())) {
        let f = generated();
        if let (Ok(left), Ok(_)) = (indexed(f, &a), indexed(f, &b)) {
            let both = ask(f, &format!("({a}) ({b})"));
            let either = ask(f, &format!("({a}) or ({b})"));
            prop_assert!(subset(&both, &left));
            prop_assert!(subset(&left, &either));
        }
    }
}

/// Dates past 32 bits of days and link counts past a byte are kept out of the compact columns:
/// those events are read from the chronology, and answer as the scan does.
#[test]
fn deep_time_and_many_links_answer_as_the_scan_does() {
    let hub: Vec<String> = (0..300).map(|i| format!(r#"{{"event":"e{i}"}}"#)).collect();
    let mut events = vec![
        r#"{"id":"bang","date":"Y-13800000000","title":"Big bang"}"#.to_owned(),
        r#"{"id":"far","date":"Y170000000","title":"Far future"}"#.to_owned(),
        format!(
            r#"{{"id":"hub","date":"1900","title":"Hub","consequences":[{}]}}"#,
            hub.join(",")
        ),
    ];
    events.extend((0..300).map(|i| format!(r#"{{"id":"e{i}","date":"1950","title":"E{i}"}}"#)));
    let json = format!(
        r#"{{"quipu":1,"title":"far","actors":[],"events":[{}]}}"#,
        events.join(",")
    );
    let chronology = Chronology::from_str(&json).unwrap_or_else(|d| panic!("{d:?}"));
    let index = Index::build(&chronology);
    for text in [
        "date:<1000",
        "date:>3000",
        "date:>=1900",
        "links:>255",
        "links:300",
        "links:1",
        "-links:1",
    ] {
        let query = Query::parse(text, 0).expect("a valid query");
        let found = query.select_in(&chronology, &index);
        assert_eq!(found, query.select_by_scan(&chronology), "{text}");
        assert!(
            found.is_ok_and(|f| !f.is_empty()),
            "{text} selects something"
        );
    }
}

/// The explorer starts without an index (it is built on a thread after the first frame) and
/// takes the one built from its own chronology, never another's.
#[test]
fn the_explorer_takes_only_an_index_of_its_own_chronology() {
    use quipu::app::{Action, App, update};
    use quipu::query::SharedIndex;
    use std::sync::Arc;
    let mut app = App::new(Chronology::shipped());
    assert!(
        !app.query_index.fits(&app.chronology),
        "no index before it is built"
    );
    let other = Arc::new(Index::build(&generated().chronology));
    update(&mut app, Action::QueryIndexReady(SharedIndex(other)));
    assert!(
        !app.query_index.fits(&app.chronology),
        "another file's index is ignored"
    );
    let own = Arc::new(Index::build(&app.chronology));
    update(
        &mut app,
        Action::QueryIndexReady(SharedIndex(Arc::clone(&own))),
    );
    assert!(Arc::ptr_eq(&app.query_index, &own));
}
