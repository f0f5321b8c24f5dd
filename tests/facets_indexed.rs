//! Facets counted from the query index's postings (what the explorer does once the index is
//! built) give exactly what walking every event gives: for all events and for a selection, on a
//! generated chronology with repeated tags and roles and on the shipped one; and an index built
//! for another chronology is not used.

use proptest::prelude::*;
use quipu::model::Chronology;
use quipu::query::Index;
use quipu::query::facets::{Dimension, count, count_with};
use quipu_gen::{Generator, Layout, Spec};

fn generated(seed: u64) -> Chronology {
    let spec = Spec {
        events: 2_000,
        actors: 150,
        seed,
    };
    Chronology::from_str(&Generator::new(spec).to_json(Layout::Compact)).expect("valid")
}

fn assert_same(chronology: &Chronology, index: &Index, events: Option<&[usize]>) {
    let walked = count(chronology, events);
    let indexed = count_with(chronology, index, events);
    for dimension in Dimension::ALL {
        assert_eq!(
            indexed.rows(dimension),
            walked.rows(dimension),
            "{dimension:?}"
        );
    }
    assert_eq!(indexed, walked);
}

#[test]
fn the_shipped_chronology_counts_the_same_from_its_index() {
    let chronology = Chronology::shipped();
    let index = Index::build(&chronology);
    assert_same(&chronology, &index, None);
    let fujimori = chronology.actor_ix("fujimori").unwrap();
    assert_same(&chronology, &index, Some(chronology.events_of(fujimori)));
    // Another chronology's index is not used: the counts are still the walk's.
    assert_same(&chronology, &Index::build(&generated(1)), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    #[test]
    fn postings_count_what_the_walk_counts(seed in 0u64..1_000, picks in prop::collection::vec(0usize..2_000, 0..400)) {
        let chronology = generated(seed);
        let index = Index::build(&chronology);
        assert_same(&chronology, &index, None);
        let mut picks: Vec<usize> = picks.into_iter().filter(|&ix| ix < chronology.events.len()).collect();
        picks.sort_unstable();
        picks.dedup();
        assert_same(&chronology, &index, Some(&picks));
    }
}
