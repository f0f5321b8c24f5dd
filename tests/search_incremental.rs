//! Narrowing while a query grows must give exactly what a fresh search gives.

use proptest::prelude::*;
use quipu::model::Chronology;
use quipu::search::{Query, Scope, SearchIndex, SearchSession};
use std::sync::OnceLock;

fn shipped() -> &'static (Chronology, SearchIndex) {
    static SHIPPED: OnceLock<(Chronology, SearchIndex)> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        let chronology = Chronology::shipped();
        let index = SearchIndex::build(&chronology);
        (chronology, index)
    })
}

#[test]
fn a_growing_query_narrows_and_another_scope_starts_over() {
    let (_, index) = shipped();
    let mut session = SearchSession::new().scanning_only();
    session.search(index, &Query::parse("co"), 10);
    assert!(session.narrows(&Query::parse("com")));
    assert!(
        session.narrows(&Query::parse("CÓM")),
        "folded forms are compared"
    );
    assert!(!session.narrows(&Query::parse("cx")));
    assert!(!session.narrows(&Query::parse("#com")));
    session.reset();
    assert!(!session.narrows(&Query::parse("com")));
}

#[test]
fn typing_comun_del_letter_by_letter_ends_at_mercosur() {
    let (chronology, index) = shipped();
    let mut session = SearchSession::new();
    let mut hits = Vec::new();
    for end in 1..="comun del".len() {
        hits = session.search(index, &Query::parse(&"comun del"[..end]), 5);
    }
    assert_eq!(chronology.actors[hits[0].item].id, "mercosur");
}

proptest! {
    #[test]
    fn narrowed_equals_fresh(
        base in "[a-z ]{0,3}",
        more in "[a-z ]{1,3}",
        events in any::<bool>(),
        limit in 1usize..12,
    ) {
        let (_, index) = shipped();
        let scope = if events { Scope::Events } else { Scope::Actors };
        let query = |text: &str| Query { scope, text: text.to_owned() };
        // Scanning only: a session that asks the vocabulary first narrows only after a scan.
        let mut session = SearchSession::new().scanning_only();
        session.search(index, &query(&base), limit);
        let extended = format!("{base}{more}");
        prop_assert!(session.narrows(&query(&extended)));
        let narrowed = session.search(index, &query(&extended), limit);
        let fresh = index.search(&query(&extended), limit);
        prop_assert_eq!(&narrowed, &fresh);
        // And as the palette runs it: the vocabulary when it settles the query, else a scan.
        let mut session = SearchSession::new();
        session.search(index, &query(&base), limit);
        prop_assert_eq!(session.search(index, &query(&extended), limit), fresh);
    }

    #[test]
    fn search_within_all_matches_equals_fresh(text in "[a-zé]{1,4}", limit in 0usize..8) {
        let (chronology, index) = shipped();
        let query = Query { scope: Scope::Actors, text };
        let all: Vec<usize> = (0..chronology.actors.len()).collect();
        let within = index.search_within(&query, &all, limit);
        prop_assert_eq!(within.hits, index.search(&query, limit));
        prop_assert!(within.matches.windows(2).all(|w| w[0] < w[1]));
    }
}

/// Actors named from a few words, so many tie, many share a first letter, and some names are
/// prefixes of others: what lets narrowing pass over candidates by their bounds. Enough of them
/// that a scan is split over threads.
fn crowded() -> &'static (Chronology, SearchIndex) {
    static CROWDED: OnceLock<(Chronology, SearchIndex)> = OnceLock::new();
    CROWDED.get_or_init(|| {
        use quipu::model::chronology::{Actor, ActorKind};
        const WORDS: &[&str] = &[
            "asunción",
            "as",
            "a",
            "asa",
            "sun",
            "banco",
            "ban",
            "(asu)",
            "x-as",
            "Ana",
            "nas",
        ];
        let mut chronology = Chronology::default();
        chronology.actors = (0..40_000)
            .map(|i| Actor {
                id: format!("a{i}"),
                name: format!(
                    "{} {} {}",
                    WORDS[i % WORDS.len()],
                    WORDS[(i / 7) % WORDS.len()],
                    WORDS[(i / 61) % WORDS.len()]
                ),
                kind: ActorKind::Person,
                aliases: if i % 3 == 0 {
                    vec![WORDS[(i / 5) % WORDS.len()].to_owned()]
                } else {
                    Vec::new()
                },
                description: None,
            })
            .collect();
        let index = SearchIndex::build(&chronology);
        (chronology, index)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Every keystroke of a query typed letter by letter, narrowed from the one before, ranks
    /// exactly as a fresh search: the bounds that pass over candidates never drop a hit.
    #[test]
    fn typing_letter_by_letter_equals_fresh(
        typed in "[asunbc() -]{1,6}",
        limit in 1usize..12,
        crowd in any::<bool>(),
        events in any::<bool>(),
    ) {
        let (_, index) = if crowd { crowded() } else { shipped() };
        let scope = if events && !crowd { Scope::Events } else { Scope::Actors };
        // The palette's session (vocabulary first) and one that always scans and narrows, both
        // against a fresh full scan.
        let mut session = SearchSession::new();
        let mut scanning = SearchSession::new().scanning_only();
        for end in 1..=typed.len() {
            let query = Query { scope, text: typed[..end].to_owned() };
            let fresh = index.run(&query, None, limit, &|| false).expect("not cancelled").hits;
            prop_assert_eq!(scanning.search(index, &query, limit), fresh.clone(), "{:?}", query.text);
            prop_assert_eq!(session.search(index, &query, limit), fresh, "{:?}", query.text);
        }
    }
}
