//! One search (#14): `/` over actors and events together, `@` and `#` to keep to one, Enter on
//! either kind, and `n`/`N` after a plain `/`.

use super::*;
use quipu::app::palette::Palette;
use quipu::search::{Scope, SearchIndex};
use quipu::tui::search::run_now;

fn search(app: &mut App, text: &str) -> SearchIndex {
    let index = SearchIndex::build(&app.chronology);
    let asked = update(app, Action::OpenSearch);
    run_now(app, &index, asked);
    for c in text.chars() {
        let asked = update(app, Action::PromptInput(c));
        run_now(app, &index, asked);
    }
    index
}

fn palette(app: &App) -> &Palette {
    match app.overlays.last() {
        Some(Overlay::Palette(palette)) => palette,
        other => panic!("palette expected, found {other:?}"),
    }
}

/// The rows as the palette lists them: scope and the actor's name or the event's id.
fn rows(app: &App) -> Vec<(Scope, String)> {
    palette(app)
        .rows()
        .map(|(scope, hit)| {
            let name = match scope {
                Scope::Actors => app.chronology.actors[hit.item].name.clone(),
                Scope::Events => app.chronology.events[hit.item].id.to_string(),
            };
            (scope, name)
        })
        .collect()
}

fn select_row(app: &mut App, wanted: impl Fn(&(Scope, String)) -> bool) {
    let at = rows(app)
        .iter()
        .position(wanted)
        .expect("the row is listed");
    update(app, Action::SelectFirst);
    for _ in 0..at {
        update(app, Action::SelectNext);
    }
}

#[test]
fn slash_coup_offers_the_self_coup() {
    let mut app = shipped(120, 40);
    search(&mut app, "coup");
    assert!(palette(&app).is_current());
    let found = rows(&app);
    assert!(
        found.contains(&(Scope::Events, "self-coup".to_owned())),
        "{found:?}"
    );
}

#[test]
fn a_plain_search_lists_actors_first_then_events() {
    let mut app = shipped(120, 40);
    search(&mut app, "fujimori");
    let found = rows(&app);
    let first_event = found
        .iter()
        .position(|(scope, _)| *scope == Scope::Events)
        .expect("events match");
    assert!(first_event > 0, "actors come first: {found:?}");
    assert_eq!(found[0], (Scope::Actors, "Alberto Fujimori".to_owned()));
    assert!(
        found[first_event..]
            .iter()
            .all(|(scope, _)| *scope == Scope::Events),
        "{found:?}"
    );
}

#[test]
fn at_keeps_to_actors_and_hash_to_events() {
    let mut app = shipped(120, 40);
    search(&mut app, "@fujimori");
    let actors = rows(&app);
    assert!(!actors.is_empty() && actors.iter().all(|(s, _)| *s == Scope::Actors));
    update(&mut app, Action::PromptClear);
    let index = SearchIndex::build(&app.chronology);
    for c in "#fujimori".chars() {
        let asked = update(&mut app, Action::PromptInput(c));
        run_now(&mut app, &index, asked);
    }
    let events = rows(&app);
    assert!(!events.is_empty() && events.iter().all(|(s, _)| *s == Scope::Events));
    assert!(palette(&app).actor_section().is_empty());
}

#[test]
fn enter_on_an_event_jumps_and_n_steps_through_the_matches() {
    let mut app = shipped(120, 40);
    search(&mut app, "coup");
    select_row(&mut app, |(scope, id)| {
        *scope == Scope::Events && id == "self-coup"
    });
    // The actor becomes a term of the query, evaluated as the shell's thread would.
    let asked = update(&mut app, Action::PromptSubmit);
    quipu::tui::filter::run_now(&mut app, asked);
    assert!(app.overlays.is_empty(), "the palette closes");
    assert_eq!(selected_id(&app), "self-coup");
    let search = app.last_search.clone().expect("the search is kept for n");
    assert!(search.complete && search.matches.len() > 1, "{search:?}");
    update(&mut app, Action::SearchNext);
    let ix = app.selected_event().expect("an event is selected");
    assert!(search.matches.contains(&ix) && selected_id(&app) != "self-coup");
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.contains(" of ") || status.contains("continuing"),
        "{status}"
    );
    update(&mut app, Action::SearchPrev);
    assert_eq!(selected_id(&app), "self-coup");
}

#[test]
fn enter_on_an_actor_filters_and_n_still_walks_the_events() {
    let mut app = shipped(120, 40);
    search(&mut app, "fujimori");
    select_row(&mut app, |(scope, name)| {
        *scope == Scope::Actors && name == "Alberto Fujimori"
    });
    // The actor becomes a term of the query, evaluated as the shell's thread would.
    let asked = update(&mut app, Action::PromptSubmit);
    quipu::tui::filter::run_now(&mut app, asked);
    assert!(app.overlays.is_empty(), "the palette closes");
    let fujimori = app.chronology.actor_ix("fujimori").expect("known actor");
    assert_eq!(
        app.filter.as_ref().map(|f| f.actors.clone()),
        Some(vec![fujimori])
    );
    assert!(
        app.last_search
            .as_ref()
            .is_some_and(|s| !s.matches.is_empty()),
        "the search matched events, so n and N have them"
    );
}

#[test]
fn enter_before_the_events_arrive_waits_for_them() {
    let mut app = shipped(120, 40);
    let index = SearchIndex::build(&app.chronology);
    let asked = update(&mut app, Action::OpenSearch);
    run_now(&mut app, &index, asked);
    let mut asked = Vec::new();
    for c in "coup".chars() {
        asked = update(&mut app, Action::PromptInput(c));
    }
    // Only the actors are asked for first; the events follow their answer.
    assert!(matches!(
        asked.as_slice(),
        [Effect::Search { query, .. }] if query.scope == Scope::Actors
    ));
    update(&mut app, Action::PromptSubmit);
    assert!(matches!(app.overlays.last(), Some(Overlay::Palette(_))));
    let left = run_now(&mut app, &index, asked);
    quipu::tui::filter::run_now(&mut app, left);
    assert!(app.overlays.is_empty(), "submitted once the events came");
}

#[test]
fn nothing_typed_lists_the_actors_without_scanning_the_events() {
    let mut app = shipped(120, 40);
    let index = SearchIndex::build(&app.chronology);
    let asked = update(&mut app, Action::OpenSearch);
    assert!(matches!(
        asked.as_slice(),
        [Effect::Search { query, .. }] if query.scope == Scope::Actors
    ));
    run_now(&mut app, &index, asked);
    let palette = palette(&app);
    assert!(palette.is_current() && palette.event_hits().is_empty());
    assert_eq!(palette.actor_section().len(), app.chronology.actors.len());
}
