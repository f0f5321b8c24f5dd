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
    let mut session = SearchSession::new();
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
fn typing_comun_letter_by_letter_ends_at_mercosur() {
    let (chronology, index) = shipped();
    let mut session = SearchSession::new();
    let mut hits = Vec::new();
    for end in 1..="comun".len() {
        hits = session.search(index, &Query::parse(&"comun"[..end]), 5);
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
        let (chronology, index) = shipped();
        let scope = if events { Scope::Events } else { Scope::Actors };
        let query = |text: &str| Query { scope, text: text.to_owned() };
        let mut session = SearchSession::new();
        session.search(index, &query(&base), limit);
        let extended = format!("{base}{more}");
        prop_assert!(session.narrows(&query(&extended)));
        let narrowed = session.search(index, &query(&extended), limit);
        let fresh = index.search(chronology, &query(&extended), limit);
        prop_assert_eq!(narrowed, fresh);
    }

    #[test]
    fn search_within_all_matches_equals_fresh(text in "[a-zé]{1,4}", limit in 0usize..8) {
        let (chronology, index) = shipped();
        let query = Query { scope: Scope::Actors, text };
        let all: Vec<usize> = (0..chronology.actors.len()).collect();
        let within = index.search_within(&query, &all, limit);
        prop_assert_eq!(within.hits, index.search(chronology, &query, limit));
        prop_assert!(within.matches.windows(2).all(|w| w[0] < w[1]));
    }
}
