//! Ranking on the shipped chronology and on small inline files: what a reader types, what must come
//! first.

use quipu::model::Chronology;
use quipu::search::{Field, Hit, Query, Scope, SearchIndex};

fn shipped() -> (Chronology, SearchIndex) {
    let chronology = Chronology::shipped();
    let index = SearchIndex::build(&chronology);
    (chronology, index)
}

fn actor_ids(chronology: &Chronology, hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| chronology.actors[h.item].id.clone())
        .collect()
}

fn first_actor(typed: &str) -> (String, Field) {
    let (chronology, index) = shipped();
    let hits = index.search(&Query::parse(typed), 10);
    let top = hits
        .first()
        .unwrap_or_else(|| panic!("{typed:?} found nothing"));
    (chronology.actors[top.item].id.clone(), top.field)
}

#[test]
fn fuj_puts_alberto_fujimori_first() {
    assert_eq!(first_actor("fuj").0, "fujimori");
}

#[test]
fn imf_finds_the_fund_through_its_alias() {
    let (id, field) = first_actor("imf");
    assert_eq!(id, "imf");
    assert_eq!(field, Field::Alias(0));
}

#[test]
fn venez_finds_venezuela() {
    assert_eq!(first_actor("venez").0, "venezuela");
}

#[test]
fn unaccented_query_finds_accented_name() {
    let (id, field) = first_actor("mercado comun");
    assert_eq!(id, "mercosur");
    assert_eq!(field, Field::Name);
    // A Spanish alias is found the same way.
    assert_eq!(first_actor("japon"), ("japan".to_owned(), Field::Alias(0)));
}

#[test]
fn accented_query_finds_accented_name_too() {
    assert_eq!(first_actor("Común del Sur").0, "mercosur");
    assert_eq!(first_actor("MERCADO COMUN").0, "mercosur");
}

#[test]
fn hash_asuncion_finds_the_treaty_of_asuncion() {
    let (chronology, index) = shipped();
    let query = Query::parse("#asuncion");
    assert_eq!(query.scope, Scope::Events);
    let hits = index.search(&query, 5);
    let top = &hits[0];
    assert_eq!(chronology.events[top.item].id, "mercosur-founded");
    assert_eq!(top.field, Field::Name);
    // "Treaty of Asunción": the highlight covers "Asunción" in the original spelling.
    assert_eq!(
        index.highlight(&chronology, &query, top),
        (10..18).collect::<Vec<_>>()
    );
}

#[test]
fn highlight_points_at_original_chars_of_an_accented_name() {
    let (chronology, index) = shipped();
    let query = Query::parse("común del");
    let hits = index.search(&query, 1);
    // "Mercado Común del Sur": "Común del" is chars 8..17.
    assert_eq!(
        index.highlight(&chronology, &query, &hits[0]),
        (8..17).collect::<Vec<_>>()
    );
}

#[test]
fn empty_query_lists_every_actor_by_number_of_events() {
    let (chronology, index) = shipped();
    let hits = index.search(&Query::parse(""), usize::MAX);
    assert_eq!(hits.len(), chronology.actors.len());
    let counts: Vec<usize> = hits
        .iter()
        .map(|h| chronology.events_of(h.item).len())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    // Equal counts keep file order.
    for pair in hits.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if chronology.events_of(a.item).len() == chronology.events_of(b.item).len() {
            assert!(a.item < b.item, "{a:?} before {b:?}");
        }
    }
}

#[test]
fn no_match_is_an_empty_list() {
    let (_, index) = shipped();
    assert!(index.search(&Query::parse("zzxqj"), 10).is_empty());
    assert!(index.search(&Query::parse("#zzxqj"), 10).is_empty());
}

#[test]
fn limit_caps_the_results() {
    let (_, index) = shipped();
    assert_eq!(index.search(&Query::parse("e"), 3).len(), 3);
    assert!(index.search(&Query::parse("e"), 0).is_empty());
}

const INLINE: &str = r#"{
  "quipu": 1,
  "title": "Inline",
  "actors": [
    { "id": "plain", "name": "Comun Plain", "kind": "group" },
    { "id": "inside", "name": "Xcomunx", "kind": "group" },
    { "id": "busy", "name": "Comun Busy", "kind": "group" },
    { "id": "exact", "name": "Comun", "kind": "group" },
    { "id": "aliased", "name": "Zeta", "kind": "group", "aliases": ["Comun Zeta"] }
  ],
  "events": [
    { "id": "e1", "date": "1991-03-26", "title": "One", "actors": ["busy"],
      "summary": "Nothing about it.", "tags": ["misc"] },
    { "id": "e2", "date": "1992-04-05", "title": "Two", "actors": ["busy", "plain"],
      "summary": "The comun decides.", "tags": ["comun talks"] },
    { "id": "e3", "date": "1993", "title": "Comun day", "actors": ["busy"] }
  ]
}"#;

fn inline() -> (Chronology, SearchIndex) {
    let chronology = Chronology::from_str(INLINE).expect("inline fixture is valid");
    let index = SearchIndex::build(&chronology);
    (chronology, index)
}

#[test]
fn accented_query_finds_plain_spelling() {
    let (chronology, index) = inline();
    let hits = index.search(&Query::parse("Común"), 10);
    assert!(actor_ids(&chronology, &hits).contains(&"plain".to_owned()));
}

#[test]
fn exact_beats_prefix_beats_alias_beats_inside_a_word() {
    let (chronology, index) = inline();
    let hits = index.search(&Query::parse("comun"), 10);
    // Exact; then the two prefixes, the busier first; then the alias prefix; then inside a word.
    assert_eq!(
        actor_ids(&chronology, &hits),
        vec!["exact", "busy", "plain", "aliased", "inside"]
    );
    assert_eq!(hits[3].field, Field::Alias(0));
}

#[test]
fn event_title_beats_tag_of_equal_quality() {
    let (chronology, index) = inline();
    let hits = index.search(&Query::parse("#comun"), 10);
    let fields: Vec<Field> = hits.iter().map(|h| h.field).collect();
    assert_eq!(fields, vec![Field::Name, Field::Tag(0)]);
    assert_eq!(chronology.events[hits[0].item].id, "e3");
}

#[test]
fn summary_matches_only_as_typed() {
    let (chronology, index) = inline();
    let about = index.search(&Query::parse("#about"), 10);
    assert_eq!(about.len(), 1);
    assert_eq!(about[0].field, Field::Summary);
    assert_eq!(
        index.highlight(&chronology, &Query::parse("#about"), &about[0]),
        vec![8, 9, 10, 11, 12]
    );
    // n-o-t-h-i-t is a subsequence of the summary but not a run in it.
    assert!(index.search(&Query::parse("#nothit"), 10).is_empty());
}

#[test]
fn date_text_is_searchable() {
    let (chronology, index) = inline();
    let hits = index.search(&Query::parse("#april 1992"), 10);
    assert_eq!(hits.len(), 1);
    assert_eq!(chronology.events[hits[0].item].id, "e2");
    assert_eq!(hits[0].field, Field::Date);
}
