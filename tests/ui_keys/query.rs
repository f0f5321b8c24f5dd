//! The filter prompt and the facets: `f`, typing, Tab, a broken query, Enter, `x`, `X`, Enter on
//! an actor and on a facet, the history. Queries are answered at once (`act`), as the shell's
//! threads would answer them.

use super::*;
use quipu::app::effect::Effect as E;
use quipu::app::query::FilterPrompt;
use quipu::query::facets::Dimension;
use quipu::tui::query_history;

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        act(app, Action::PromptInput(c));
    }
}

/// `f`, the text, Enter.
fn filter(app: &mut App, text: &str) -> Vec<Effect> {
    act(app, Action::OpenFilterPrompt);
    act(app, Action::PromptClear);
    type_text(app, text);
    act(app, Action::PromptSubmit)
}

fn prompt(app: &App) -> &FilterPrompt {
    match app.overlays.last() {
        Some(Overlay::FilterPrompt(prompt)) => prompt,
        other => panic!("filter prompt expected, found {other:?}"),
    }
}

fn query(app: &App) -> &str {
    app.filter.as_ref().map_or("", |f| f.query.as_str())
}

fn shown_ids(app: &App) -> Vec<&str> {
    (0..app.visible_len())
        .map(|pos| {
            app.chronology.events[app.visible_event(pos).unwrap()]
                .id
                .as_str()
        })
        .collect()
}

#[test]
fn f_applies_a_query_f_again_edits_it_and_x_clears_it() {
    let mut app = shipped(120, 40);
    let all = app.visible_len();
    filter(&mut app, "actor:fujimori date:1992");
    assert!(app.overlays.is_empty(), "Enter closes the prompt");
    assert_eq!(query(&app), "actor:fujimori date:1992");
    assert!(shown_ids(&app).contains(&"self-coup"));
    assert!(app.visible_len() < all);
    let fujimori = app.chronology.actor_ix("fujimori").unwrap();
    assert_eq!(app.filter.as_ref().unwrap().actors, [fujimori]);
    act(&mut app, Action::OpenFilterPrompt);
    assert_eq!(
        prompt(&app).input,
        "actor:fujimori date:1992 ",
        "f opens with it"
    );
    act(&mut app, Action::Close);
    act(&mut app, Action::ClearFilter);
    assert!(app.filter.is_none());
    assert_eq!(app.visible_len(), all);
}

#[test]
fn a_broken_query_is_explained_at_its_column_and_not_applied() {
    let mut app = shipped(120, 40);
    filter(&mut app, "actor:fujimori dat:1991");
    let error = prompt(&app).error.clone().expect("an error");
    assert_eq!(error.column, 16);
    assert!(error.help.contains("date"), "did you mean: {error:?}");
    assert!(app.filter.is_none(), "not applied");
    // Names are checked when the query runs; the answer is explained the same way.
    act(&mut app, Action::PromptClear);
    type_text(&mut app, "tag:economy actor:fujimorri");
    act(&mut app, Action::PromptSubmit);
    let error = prompt(&app).error.clone().expect("an unknown actor");
    assert_eq!(error.column, 13);
    assert!(error.help.contains("fujimori"), "{error:?}");
    assert!(app.filter.is_none());
    type_text(&mut app, "x");
    assert!(prompt(&app).error.is_none(), "typing clears the error");
}

#[test]
fn a_query_that_matches_nothing_says_so_and_keeps_the_view() {
    let mut app = shipped(120, 40);
    filter(&mut app, "actor:fujimori");
    let before = (app.visible_len(), app.timeline);
    filter(&mut app, "actor:fujimori -actor:fujimori");
    let note = prompt(&app).note.clone().expect("a note");
    assert!(note.contains("no event matches"), "{note}");
    assert_eq!((app.visible_len(), app.timeline), before);
    assert_eq!(query(&app), "actor:fujimori");
}

#[test]
fn tab_completes_keys_and_values_and_lists_candidates() {
    let mut app = shipped(120, 40);
    act(&mut app, Action::OpenFilterPrompt);
    assert!(app.vocabulary.is_some(), "the tags were counted on opening");
    type_text(&mut app, "acto");
    act(&mut app, Action::PromptComplete);
    assert_eq!(prompt(&app).input, "actor:");
    type_text(&mut app, "fuji");
    act(&mut app, Action::PromptComplete);
    assert_eq!(prompt(&app).input, "actor:fujimori ");
    type_text(&mut app, "tag:");
    act(&mut app, Action::PromptComplete);
    assert!(prompt(&app).candidates.len() > 1, "{:?}", prompt(&app));
    type_text(&mut app, "econ");
    act(&mut app, Action::PromptComplete);
    assert_eq!(prompt(&app).input, "actor:fujimori tag:economy ");
    act(&mut app, Action::PromptDeleteTerm);
    assert_eq!(prompt(&app).input, "actor:fujimori ");
    act(&mut app, Action::PromptSubmit);
    assert_eq!(query(&app), "actor:fujimori");
}

#[test]
fn x_upper_drops_the_last_term_and_back_restores_it() {
    let mut app = shipped(120, 40);
    filter(&mut app, "actor:fujimori date:1992");
    let narrow = app.visible_len();
    act(&mut app, Action::RemoveLastTerm);
    assert_eq!(query(&app), "actor:fujimori");
    assert!(app.visible_len() > narrow);
    act(&mut app, Action::Back);
    assert_eq!(query(&app), "actor:fujimori date:1992");
    act(&mut app, Action::RemoveLastTerm);
    act(&mut app, Action::RemoveLastTerm);
    assert!(app.filter.is_none(), "the last term gone, every event");
}

#[test]
fn enter_on_an_actor_adds_a_term_to_the_same_query() {
    let mut app = shipped(120, 40);
    filter(&mut app, "date:1992");
    let us = app.chronology.actor_ix("united-states").unwrap();
    act(&mut app, Action::OpenActors);
    let Some(Overlay::Actors(view)) = app.top_overlay() else {
        panic!("actors view did not open");
    };
    let at = view.order.iter().position(|&a| a == us).unwrap();
    for _ in 0..at {
        act(&mut app, Action::SelectNext);
    }
    act(&mut app, Action::FilterByActor);
    assert_eq!(query(&app), "date:1992 actor:united-states");
    assert!(app.overlays.is_empty());
    act(&mut app, Action::OpenFilterPrompt);
    assert_eq!(prompt(&app).input, "date:1992 actor:united-states ");
}

#[test]
fn facets_count_the_events_shown_and_enter_adds_a_term() {
    let mut app = shipped(120, 40);
    filter(&mut app, "actor:fujimori");
    let shown = app.visible_len();
    act(&mut app, Action::OpenFacets);
    let Some(Overlay::Facets(view)) = app.top_overlay() else {
        panic!("facets did not open");
    };
    assert_eq!(view.facets.as_ref().unwrap().events, shown);
    assert_eq!(view.rows()[0].term, "actor:fujimori");
    assert_eq!(
        view.rows()[0].count,
        shown,
        "every event shown has Fujimori"
    );
    act(&mut app, Action::NextDimension);
    act(&mut app, Action::SelectNext);
    let Some(Overlay::Facets(view)) = app.top_overlay() else {
        panic!("facets closed");
    };
    assert_eq!(view.dimension, Dimension::Tag);
    let (term, count) = (view.rows()[1].term.clone(), view.rows()[1].count);
    act(&mut app, Action::PromptSubmit);
    assert!(app.overlays.is_empty(), "Enter closes the facets");
    assert_eq!(query(&app), format!("actor:fujimori {term}"));
    assert_eq!(app.visible_len(), count, "the count was right");
    act(&mut app, Action::OpenFacets);
    act(&mut app, Action::PrevDimension);
    let Some(Overlay::Facets(view)) = app.top_overlay() else {
        panic!("facets did not open");
    };
    assert_eq!(view.dimension, Dimension::Era);
}

#[test]
fn facets_of_every_event_reuse_the_count_made_for_tab() {
    let mut app = shipped(120, 40);
    act(&mut app, Action::OpenFilterPrompt);
    act(&mut app, Action::Close);
    let asked = update(&mut app, Action::OpenFacets);
    assert!(asked.is_empty(), "already counted: {asked:?}");
    let Some(Overlay::Facets(view)) = app.top_overlay() else {
        panic!("facets did not open");
    };
    assert_eq!(
        view.facets.as_ref().unwrap().events,
        app.chronology.events.len()
    );
}

#[test]
fn the_history_is_walked_with_up_and_down_and_kept_in_the_state_dir() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quipu").join("queries");
    query_history::write(&path, &["tag:economy".to_owned()]).unwrap();
    let mut app = shipped(120, 40);
    let (entries, problem) = query_history::read(&path);
    assert_eq!(problem, None);
    act(&mut app, Action::QueryHistoryLoaded { entries, problem });
    let saved = filter(&mut app, "actor:fujimori");
    let Some(E::SaveQueryHistory(entries)) = saved.last().cloned() else {
        panic!("applying a query saves the history: {saved:?}");
    };
    assert_eq!(entries, ["tag:economy", "actor:fujimori"]);
    query_history::write(&path, &entries).unwrap();
    assert_eq!(query_history::read(&path).0, entries, "kept across runs");

    act(&mut app, Action::OpenFilterPrompt);
    act(&mut app, Action::PromptClear);
    type_text(&mut app, "draft");
    act(&mut app, Action::PromptHistoryPrev);
    assert_eq!(prompt(&app).input, "actor:fujimori");
    act(&mut app, Action::PromptHistoryPrev);
    assert_eq!(prompt(&app).input, "tag:economy");
    act(&mut app, Action::PromptHistoryPrev);
    assert_eq!(prompt(&app).input, "tag:economy", "the oldest stays");
    act(&mut app, Action::PromptHistoryNext);
    assert_eq!(prompt(&app).input, "actor:fujimori");
    act(&mut app, Action::PromptHistoryNext);
    assert_eq!(
        prompt(&app).input,
        "draft",
        "below the newest, what was typed"
    );
}

#[test]
fn an_unkept_history_is_said_once() {
    let mut app = shipped(120, 40);
    act(
        &mut app,
        Action::QueryHistoryLoaded {
            entries: Vec::new(),
            problem: Some("query history not kept: cannot read".to_owned()),
        },
    );
    assert!(app.status.as_deref().unwrap().contains("not kept"));
    act(&mut app, Action::SelectNext);
    act(&mut app, Action::QueryHistoryProblem("again".to_owned()));
    assert_eq!(app.status, None, "said once, then quiet");
}

#[test]
fn an_answer_to_an_older_query_is_dropped() {
    let mut app = shipped(120, 40);
    act(&mut app, Action::OpenFilterPrompt);
    type_text(&mut app, "actor:fujimori");
    let first = update(&mut app, Action::PromptSubmit);
    act(&mut app, Action::PromptClear);
    type_text(&mut app, "tag:economy");
    let second = update(&mut app, Action::PromptSubmit);
    quipu::tui::filter::run_now(&mut app, second);
    quipu::tui::filter::run_now(&mut app, first);
    assert_eq!(query(&app), "tag:economy");
}

#[test]
fn e_under_a_query_exports_its_events_named_after_it() {
    let mut app = shipped(120, 40);
    filter(&mut app, "actor:fujimori");
    let asked = act(
        &mut app,
        Action::ExportAs(quipu::interchange::Format::Markdown),
    );
    let [E::ExportQuery { events, query, .. }] = asked.as_slice() else {
        panic!("{asked:?}");
    };
    assert_eq!(query, "actor:fujimori");
    assert_eq!(events.len(), app.visible_len());
    assert_eq!(
        quipu::app::query::query_stem("actor:usa date:1991").as_deref(),
        Some("actor-usa-date-1991")
    );
}
