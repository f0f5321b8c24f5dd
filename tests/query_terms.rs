//! The edits keys make to the query's text (`X` drops the last term, Enter on an actor or a facet
//! adds one) keep it a query that means what it should: the terms split at the top level join
//! back to a query selecting the same events, a query without its last term still parses, and adding a term only
//! ever narrows what is shown.

use proptest::prelude::*;
use quipu::app::query::{top_terms, with_term, without_last_term};
use quipu::model::Chronology;
use quipu::query::{Query, parse};
use std::sync::OnceLock;

fn shipped() -> &'static Chronology {
    static SHIPPED: OnceLock<Chronology> = OnceLock::new();
    SHIPPED.get_or_init(Chronology::shipped)
}

/// Terms that hold in the shipped chronology, as a person writes them.
fn term() -> impl Strategy<Value = String> {
    let leaf = prop::sample::select(vec![
        "actor:fujimori",
        "actor:\"united states\"",
        "tag:economy",
        "date:1991",
        "date:>=1992-04",
        "-precision:day",
        "links:>1",
        "colera",
        "\"Lima\"",
        "kind:state",
    ])
    .prop_map(str::to_owned);
    leaf.prop_recursive(2, 6, 3, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} or {b}")),
            prop::collection::vec(inner.clone(), 1..3).prop_map(|t| format!("({})", t.join(" "))),
            inner.prop_map(|t| format!("-({t})")),
        ]
    })
}

fn query() -> impl Strategy<Value = String> {
    prop::collection::vec(term(), 0..4).prop_map(|terms| terms.join("  "))
}

proptest! {
    #[test]
    fn terms_join_back_to_the_same_query(text in query()) {
        let joined = top_terms(&text).join(" ");
        let select = |q: &str| Query::parse(q, 0).unwrap().select(shipped()).unwrap();
        prop_assert_eq!(select(&joined), select(&text));
    }

    #[test]
    fn dropping_the_last_term_leaves_a_query(text in query()) {
        let (rest, dropped) = without_last_term(&text);
        prop_assert_eq!(dropped.is_some(), !text.trim().is_empty());
        prop_assert!(parse(&rest).is_ok(), "{rest}");
    }

    #[test]
    fn adding_a_term_only_narrows(text in query(), extra in term()) {
        let before = Query::parse(&text, 0).unwrap().select(shipped()).unwrap();
        let narrowed = with_term(&text, &extra);
        let after = Query::parse(&narrowed, 0).unwrap().select(shipped()).unwrap();
        prop_assert!(after.iter().all(|ix| before.binary_search(ix).is_ok()));
    }
}
