//! A bare query word answered by the search index must select exactly what evaluating it over
//! every event selects (`Query::select_with` against `Query::select`), alone and inside larger
//! queries, on the shipped chronology and a generated one.

use quipu::model::Chronology;
use quipu::query::Query;
use quipu::search::SearchIndex;
use quipu_gen::{Generator, Layout, Spec};

fn same_answers(chronology: &Chronology, queries: &[&str]) {
    let index = SearchIndex::build(chronology);
    let terms = quipu::query::Index::build(chronology);
    let mut nonempty = 0;
    for text in queries {
        let query = Query::parse(text, 0).unwrap_or_else(|e| panic!("{text}: {}", e.render()));
        // A term the chronology cannot resolve fails the same way on both paths.
        let scanned = query.select(chronology);
        // With both indexes, the query index built for it and the search index for the words.
        let indexed = query.select_with(chronology, &terms, Some(&index));
        assert_eq!(indexed, scanned, "{text}");
        nonempty += usize::from(scanned.is_ok_and(|s| !s.is_empty()));
    }
    assert!(
        nonempty >= 4,
        "only {nonempty} of these queries select anything"
    );
}

const QUERIES: &[&str] = &[
    "war",
    "colera",
    "Cólera",
    "peru",
    "1992",
    "1992-04",
    "april",
    "19xx",
    "a",
    "autogolpe",
    "imf -peru",
    "peru or chile",
    "-the",
    "\"Peru\"",
    "coup tag:economy",
    "zzzz",
    "de",
    "e",
];

#[test]
fn words_from_the_index_select_what_the_scan_selects_in_the_shipped_chronology() {
    same_answers(&Chronology::shipped(), QUERIES);
}

#[test]
fn words_from_the_index_select_what_the_scan_selects_in_generated_data() {
    let json = Generator::new(Spec {
        events: 2000,
        actors: 100,
        seed: 3,
    })
    .to_json(Layout::Compact);
    let chronology = Chronology::check(&json).chronology.expect("valid");
    same_answers(&chronology, QUERIES);
}

#[test]
fn an_index_of_another_chronology_is_not_used() {
    let shipped = Chronology::shipped();
    let empty = SearchIndex::default();
    let query = Query::parse("peru", 0).expect("parses");
    assert_eq!(
        query
            .select_with(&shipped, &quipu::query::Index::default(), Some(&empty))
            .expect("resolves"),
        query.select(&shipped).expect("resolves")
    );
}
