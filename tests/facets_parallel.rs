//! Facets over many events are counted on several threads: the shares must add up to what one
//! thread counts. Below the threshold one thread counts, so the halves of a generated chronology
//! (each under it) are counted serially and their sum compared with the whole (over it).

use std::collections::HashMap;

use quipu::model::Chronology;
use quipu::query::facets::{Dimension, count};
use quipu_gen::{Generator, Layout, Spec};

#[test]
fn shares_counted_on_threads_add_up_to_the_whole() {
    let spec = Spec {
        events: 60_000,
        actors: 3_000,
        seed: 7,
    };
    let json = Generator::new(spec).to_json(Layout::Compact);
    let chronology = Chronology::from_str(&json).expect("generated chronologies are valid");
    let all: Vec<usize> = (0..chronology.events.len()).collect();
    let (first, second) = all.split_at(all.len() / 2);
    let whole = count(&chronology, None);
    let halves = [
        count(&chronology, Some(first)),
        count(&chronology, Some(second)),
    ];
    assert_eq!(whole.events, chronology.events.len());
    for dimension in Dimension::ALL {
        let mut summed: HashMap<&str, usize> = HashMap::new();
        for half in &halves {
            for row in half.rows(dimension) {
                *summed.entry(row.term.as_str()).or_default() += row.count;
            }
        }
        let counted: HashMap<&str, usize> = whole
            .rows(dimension)
            .iter()
            .map(|row| (row.term.as_str(), row.count))
            .collect();
        assert!(!counted.is_empty(), "{dimension:?}");
        assert_eq!(counted, summed, "{dimension:?}");
    }
    let listed = count(&chronology, Some(&all));
    assert_eq!(listed, whole, "a list of every event counts as all of them");
}
