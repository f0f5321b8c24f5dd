//! What the vocabulary answers must be what a scan answers: the ranking found by word classes
//! (`SearchIndex::rank_by_vocabulary`) against the full scan (`SearchIndex::run`), on generated
//! chronologies and on crowded random ones; the bare query word (`events_with_word`) against
//! folding every field; and a session's partial answer against its final ranking.

use std::sync::OnceLock;

use proptest::prelude::*;
use quipu::fold::fold;
use quipu::model::chronology::{Actor, ActorKind, Event};
use quipu::model::{Chronology, EventDate};
use quipu::search::{Hit, Query, Scope, SearchIndex, SearchSession};
use quipu_gen::{Generator, Layout, Spec};

/// A quipu-gen chronology: accented names of every kind, aliases, every date form, and actors
/// with different numbers of events (ties between actors break on that count).
fn generated() -> &'static (Chronology, SearchIndex) {
    static GENERATED: OnceLock<(Chronology, SearchIndex)> = OnceLock::new();
    GENERATED.get_or_init(|| {
        let spec = Spec {
            events: 3000,
            actors: 150,
            seed: 7,
        };
        let json = Generator::new(spec).to_json(Layout::Compact);
        let chronology = Chronology::check(&json)
            .chronology
            .expect("generated files are valid");
        let index = SearchIndex::build(&chronology);
        (chronology, index)
    })
}

fn scanned(index: &SearchIndex, query: &Query, limit: usize) -> Vec<Hit> {
    index
        .run(query, None, limit, &|| false)
        .expect("never cancelled")
        .hits
}

/// Every prefix of up to four chars of the words in the generated titles and names, and a few
/// of several words: the queries a reader types.
fn typed_queries(chronology: &Chronology) -> Vec<String> {
    let mut words: Vec<String> = chronology
        .events
        .iter()
        .take(200)
        .map(|e| e.title.as_str())
        .chain(chronology.actors.iter().map(|a| a.name.as_str()))
        .flat_map(|t| t.split(' ').map(fold).collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort();
    words.dedup();
    let mut queries: Vec<String> = words
        .iter()
        .flat_map(|w| {
            (1..=4).filter_map(|n| w.char_indices().nth(n).map(|(at, _)| w[..at].to_owned()))
        })
        .collect();
    queries.extend(["a", "e", "the", "de la", "19", "san ", "1990s"].map(str::to_owned));
    queries.sort();
    queries.dedup();
    queries
}

#[test]
fn the_vocabulary_ranks_generated_data_as_the_scan_does() {
    let (chronology, index) = generated();
    let mut answered = 0;
    let queries = typed_queries(chronology);
    for text in &queries {
        for scope in [Scope::Actors, Scope::Events] {
            for limit in [1, 5, 50] {
                let query = Query {
                    scope,
                    text: text.clone(),
                };
                if let Some(hits) = index.rank_by_vocabulary(&query, limit, &|| false) {
                    answered += 1;
                    assert_eq!(
                        hits,
                        scanned(index, &query, limit),
                        "{scope:?} {text:?} {limit}"
                    );
                }
                assert_eq!(
                    index.search(&query, limit),
                    scanned(index, &query, limit),
                    "{scope:?} {text:?} {limit}"
                );
            }
        }
    }
    // Most typed queries are settled by their words; the test would prove nothing otherwise.
    assert!(
        answered * 2 > queries.len() * 6,
        "only {answered} of {} answered",
        queries.len() * 6
    );
}

const WORDS: &[&str] = &[
    "ab", "aba", "b", "ba", "á", "a-b", "(ab)", "ab.", "bab", "ábc", "c", "ca b", "Ab",
];

fn text(picks: &[usize]) -> String {
    picks
        .iter()
        .map(|&p| WORDS[p % WORDS.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words (indexes into [`WORDS`]) of an item's title or name, alias, tags and summary.
type Item = (Vec<usize>, Vec<usize>, Vec<usize>, Vec<usize>);

/// Events and actors made of a few short words, so that fields tie, share prefixes, equal the
/// query, and hold it after punctuation.
fn crowded(items: &[Item]) -> Chronology {
    let mut chronology = Chronology::default();
    for (i, (title, alias, tag, summary)) in items.iter().enumerate() {
        let aliases: Vec<String> = (!alias.is_empty())
            .then(|| text(alias))
            .into_iter()
            .collect();
        chronology.actors.push(Actor {
            id: format!("a{i}"),
            name: text(title),
            kind: ActorKind::Person,
            aliases: aliases.clone(),
            description: None,
        });
        chronology.events.push(Event {
            id: compact_str::format_compact!("e{i}"),
            date: EventDate::parse(if i % 2 == 0 { "1990-05-01" } else { "199X" })
                .expect("valid EDTF"),
            display_date: None,
            title: text(title),
            summary: text(summary),
            aliases: aliases.into(),
            basis: Default::default(),
            actors: Box::default(),
            consequences: Box::default(),
            causes: Box::default(),
            tags: tag.iter().map(|&t| WORDS[t % WORDS.len()].into()).collect(),
            sources: Box::default(),
        });
    }
    chronology
}

fn picks(max: usize) -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec(0usize..WORDS.len(), 0..max)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Whenever the vocabulary answers, it answers what the scan does, for both scopes.
    #[test]
    fn vocabulary_answer_equals_scan_answer(
        items in proptest::collection::vec((picks(4), picks(2), picks(2), picks(5)), 1..30),
        query in "[abcá (.-]{1,4}",
        limit in 1usize..8,
    ) {
        let chronology = crowded(&items);
        let index = SearchIndex::build(&chronology);
        for scope in [Scope::Actors, Scope::Events] {
            let query = Query { scope, text: query.clone() };
            let scan = scanned(&index, &query, limit);
            if let Some(hits) = index.rank_by_vocabulary(&query, limit, &|| false) {
                prop_assert_eq!(&hits, &scan, "{:?}", query);
            }
            prop_assert_eq!(index.search(&query, limit), scan);
        }
    }

    /// The bare query word finds what folding every field finds (what `quipu list WORD` did).
    #[test]
    fn events_with_a_word_are_those_whose_folded_fields_hold_it(
        items in proptest::collection::vec((picks(4), picks(2), picks(2), picks(5)), 1..30),
        word in "[abcá (.x9-]{0,4}",
    ) {
        let chronology = crowded(&items);
        let index = SearchIndex::build(&chronology);
        let folded = fold(&word);
        prop_assert_eq!(index.events_with_word(&folded), Some(folded_scan(&chronology, &folded)));
    }

    /// A huge search's first answer is partial: every hit in it is a match, with the score and
    /// field the final ranking gives it (so nothing shown is later taken back as no match), and
    /// the final answer is the fresh ranking.
    #[test]
    fn partial_is_a_subset_of_the_final_ranking(
        items in proptest::collection::vec((picks(4), picks(2), picks(2), picks(5)), 8..40),
        query in "[abcá (.-]{1,3}",
        limit in 1usize..6,
    ) {
        let chronology = crowded(&items);
        let index = SearchIndex::build(&chronology);
        for scope in [Scope::Actors, Scope::Events] {
            let query = Query { scope, text: query.clone() };
            let mut session = SearchSession::with_preview(4, 4);
            let mut partials = Vec::new();
            let last = session
                .search_with_preview(&index, &query, limit, &|| false, &mut |h| partials.push(h))
                .expect("never cancelled");
            prop_assert_eq!(partials.len(), 1);
            let everything = scanned(&index, &query, usize::MAX);
            for hit in &partials[0] {
                prop_assert!(everything.contains(hit), "{:?} not in the final ranking", hit);
            }
            prop_assert_eq!(last, index.search(&query, limit));
        }
    }
}

/// The scan `Leaf::Word` made before the index answered it: every searched field folded.
fn folded_scan(chronology: &Chronology, word: &str) -> Vec<usize> {
    (0..chronology.events.len())
        .filter(|&ix| {
            let e = &chronology.events[ix];
            std::iter::once(e.title.as_str())
                .chain([e.summary.as_str(), e.date.text.as_str()])
                .chain(e.tags.iter().map(|t| t.as_str()))
                .chain(e.aliases.iter().map(String::as_str))
                .map(fold)
                .chain([fold(&e.human_date())])
                .any(|f| f.contains(word))
        })
        .collect()
}

#[test]
fn a_word_on_generated_data_is_found_as_the_fold_finds_it() {
    let (chronology, index) = generated();
    for word in [
        "war", "peru", "1992", "19xx", "a", "de la", "", "-", "1990-0", "zzzz",
    ] {
        let folded = fold(word);
        assert_eq!(
            index.events_with_word(&folded),
            Some(folded_scan(chronology, &folded)),
            "{word:?}"
        );
    }
}

/// Events shaped like the million of `benches/search.rs`, where the slow query shapes were
/// measured: every summary begins with the `t` of "Talks" and holds "a turning point" far from
/// it; titles hold `de` in family names and places that do not go on with `la`, summaries
/// hold "de la" in one body; `trt` and `trty` are scattered over titles; `peru` is inside words.
fn shaped() -> &'static (Chronology, SearchIndex) {
    static SHAPED: OnceLock<(Chronology, SearchIndex)> = OnceLock::new();
    SHAPED.get_or_init(|| {
        const GIVEN: &[&str] = &["Teresa", "Tomás", "Alberto", "Ángela", "Tu", "Trinidad"];
        const FAMILY: &[&str] = &["Pérez de Cuéllar", "Truong", "Fujimori", "de la Torre"];
        const VERBS: &[&str] = &["signs", "restores", "meets", "tries"];
        const THINGS: &[&str] = &["border treaty", "trade pact", "aid programme"];
        const PLACES: &[&str] = &["Lima", "Tu", "Quito", "Cartagena de Indias", "Superú"];
        const BODIES: &[&str] = &["Comisión de la Verdad", "OAS", "Banco de Lima", "Turning"];
        let mut chronology = Chronology::default();
        let mut state = 0x9E37_79B9_u64;
        let mut pick = |list: &[&'static str]| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            list[(state >> 33) as usize % list.len()]
        };
        for i in 0..4000 {
            let who = format!("{} {}", pick(GIVEN), pick(FAMILY));
            let (verb, thing, place, body) =
                (pick(VERBS), pick(THINGS), pick(PLACES), pick(BODIES));
            let summary = match i % 3 {
                0 => format!(
                    "Talks in {place} with the {body}; {who} calls the {thing} a turning point."
                ),
                1 => format!("T{place} turning {body}"),
                _ => format!("tu {who} de la {body}"),
            };
            chronology.events.push(Event {
                id: compact_str::format_compact!("e{i}"),
                date: EventDate::parse("1990-05-01").expect("valid EDTF"),
                display_date: None,
                title: format!("{who} {verb} the {thing} in {place}"),
                summary,
                aliases: Box::default(),
                basis: Default::default(),
                actors: Box::default(),
                consequences: Box::default(),
                causes: Box::default(),
                tags: [pick(THINGS).into(), pick(PLACES).into()].into(),
                sources: Box::default(),
            });
        }
        let index = SearchIndex::build(&chronology);
        (chronology, index)
    })
}

/// The query shapes that scanned, or scored every summary, before the haystack-aware ceiling and
/// the second word's postings: the palette's answer and the vocabulary's are the scan's, and the
/// scan's is the head of the whole ranking (no floor, so no ceiling prunes an item).
#[test]
fn slow_query_shapes_rank_as_the_whole_ranking_does() {
    let (_, index) = shaped();
    for text in [
        "trt", "trty", "peru", "turning", "turn", "tu", "tur", "t", "ta", "talks", "talks in",
        "de la", "de l", "de la v", "de la t", "de", "tk", "in lima", "lima", "de cu",
    ] {
        let query = Query {
            scope: Scope::Events,
            text: text.to_owned(),
        };
        let whole = scanned(index, &query, usize::MAX);
        for limit in [1, 5, 50, 200] {
            let head = &whole[..limit.min(whole.len())];
            assert_eq!(scanned(index, &query, limit), head, "{text:?} {limit}");
            assert_eq!(index.search(&query, limit), head, "{text:?} {limit}");
            if let Some(hits) = index.rank_by_vocabulary(&query, limit, &|| false) {
                assert_eq!(hits, head, "{text:?} {limit}");
            }
        }
    }
}
