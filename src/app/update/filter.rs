//! The active query: asking for one (the prompt, Enter on an actor, a facet, `X`), taking the
//! answer, clearing it. One mechanism: an actor picked anywhere becomes an `actor:ID` term of the
//! same query the prompt edits.
//!
//! A query is run off the UI thread (`Effect::Filter`); the answer (`Action::Filtered`) is applied
//! only if no newer query was asked for since, and only if it selects something, so the screen
//! never goes blank.

use std::sync::Arc;

use super::jumps::place;
use super::moves::select_position;
use super::overlay_height;
use crate::app::App;
use crate::app::effect::{Effect, Effects};
use crate::app::focus::Focus;
use crate::app::overlay::{ActorsView, Overlay};
use crate::app::query::{with_term, without_last_term};
use crate::app::state::{Filter, PendingFilter};
use crate::model::{ActorIx, EventIx};
use crate::query::QueryError;
use crate::query::facets::quote;
use crate::search::Scope;

pub(super) fn actor_under_cursor(app: &App) -> Option<ActorIx> {
    match app.overlays.last() {
        Some(Overlay::Actors(view)) => view.selected_actor(),
        Some(Overlay::Palette(palette)) => match palette.selected()? {
            (Scope::Actors, hit) => (hit.item < app.chronology.actors.len()).then_some(hit.item),
            (Scope::Events, _) => None,
        },
        Some(_) => None,
        None if app.focus == Focus::Actors => {
            let event = &app.chronology.events[app.selected_event()?];
            event.actors.get(app.item).map(|p| p.actor)
        }
        None => None,
    }
}

/// The text of the query in force ("" for none).
pub(super) fn active_query(app: &App) -> &str {
    app.filter.as_ref().map_or("", |f| f.query.as_str())
}

/// Asks the shell to run `query`; the empty query clears the filter at once.
pub(super) fn request(app: &mut App, query: &str) -> Effects {
    let query = query.trim();
    if query.is_empty() {
        app.filtering = None;
        if app.filter.is_some() {
            clear_filter(app);
        }
        if matches!(app.overlays.last(), Some(Overlay::FilterPrompt(_))) {
            app.overlays.pop();
        }
        return Effects::new();
    }
    app.filter_generation += 1;
    app.filtering = Some(PendingFilter {
        generation: app.filter_generation,
        query: query.to_owned(),
    });
    vec![Effect::Filter {
        generation: app.filter_generation,
        query: query.to_owned(),
        today: app.today,
    }]
}

/// Enter on an actor: the active query gains `actor:ID`.
pub(super) fn filter_by_actor(app: &mut App) -> Effects {
    let Some(actor) = actor_under_cursor(app) else {
        return Effects::new();
    };
    let term = format!("actor:{}", quote(&app.chronology.actors[actor].id));
    let query = with_term(active_query(app), &term);
    if query == active_query(app) {
        let name = &app.chronology.actors[actor].name;
        app.status = Some(format!("Already showing only events with {name}."));
        return Effects::new();
    }
    request(app, &query)
}

/// `X`: the active query without its last term.
pub(super) fn remove_last_term(app: &mut App) -> Effects {
    let (rest, dropped) = without_last_term(active_query(app));
    let Some(dropped) = dropped else {
        app.status = Some("No query to drop a term from.".to_owned());
        return Effects::new();
    };
    app.status = Some(format!("dropped `{dropped}`"));
    request(app, &rest)
}

/// The shell's answer to `Effect::Filter`.
pub(super) fn receive(
    app: &mut App,
    generation: u64,
    query: &str,
    outcome: Result<Arc<[EventIx]>, QueryError>,
) -> Effects {
    if app.filtering.as_ref().map(|p| p.generation) != Some(generation) {
        return Effects::new();
    }
    app.filtering = None;
    let shown = crate::fit::clip(query, 60);
    let events = match outcome.map(|events| in_order(events, app.chronology.events.len())) {
        Ok(events) if !events.is_empty() => events,
        Ok(_) => {
            let note = format!("no event matches `{shown}`: the view is unchanged");
            if let Some(Overlay::FilterPrompt(prompt)) = app.overlays.last_mut() {
                prompt.note = Some(note);
            } else {
                app.status = Some(note);
            }
            return Effects::new();
        }
        Err(error) => {
            if let Some(Overlay::FilterPrompt(prompt)) = app.overlays.last_mut() {
                prompt.error = Some(error);
            } else {
                app.status = Some(crate::text::escape_controls(&error.to_string()).into_owned());
            }
            return Effects::new();
        }
    };
    let filter = Filter::new(&app.chronology, query, events);
    apply(app, filter);
    app.query_history.push(query);
    vec![Effect::SaveQueryHistory(app.query_history.entries.clone())]
}

/// The events as the timeline needs them: ascending, each once, each in the chronology. A
/// query's answer always is; anything else is mended rather than trusted.
fn in_order(events: Arc<[EventIx]>, len: usize) -> Arc<[EventIx]> {
    let ordered = events.windows(2).all(|w| w[0] < w[1]) && events.last().is_none_or(|&l| l < len);
    if ordered {
        return events;
    }
    let mut mended: Vec<EventIx> = events.iter().copied().filter(|&ix| ix < len).collect();
    mended.sort_unstable();
    mended.dedup();
    mended.into()
}

/// Shows the events of `filter`, keeping the selected event if it stays, else the nearest
/// later one; a jump, so Back returns to the view before.
fn apply(app: &mut App, filter: Filter) {
    let here = place(app);
    app.history.record(here);
    let day = app.selected_event().map(|ix| app.place_days[ix]);
    let keep = app.selected_event();
    app.filter = Some(filter);
    if matches!(
        app.overlays.last(),
        Some(
            Overlay::Actors(_)
                | Overlay::Palette(_)
                | Overlay::FilterPrompt(_)
                | Overlay::Facets(_)
        )
    ) {
        app.overlays.pop();
    }
    let pos = keep
        .and_then(|ix| app.position_of(ix))
        .unwrap_or_else(|| app.position_from_day(day.unwrap_or(i64::MIN)));
    app.timeline.offset = 0;
    let focus = app.focus;
    let item = app.item;
    select_position(app, pos);
    if keep.and_then(|ix| app.position_of(ix)).is_some() {
        app.focus = focus;
        app.item = item;
    } else {
        app.focus = Focus::Timeline;
        app.item = 0;
    }
}

pub(super) fn clear_filter(app: &mut App) {
    app.filtering = None;
    if app.filter.is_none() {
        app.status = Some("No filter to clear.".to_owned());
        return;
    }
    let here = place(app);
    app.history.record(here);
    let keep = app.selected_event();
    app.filter = None;
    let pos = keep.unwrap_or(0);
    select_position(app, pos);
}

pub(super) fn open_actors(app: &mut App) {
    let mut view = ActorsView::new(&app.chronology);
    let wanted = if app.focus == Focus::Actors {
        actor_under_cursor(app)
    } else {
        app.filter.as_ref().and_then(|f| f.actors.last().copied())
    };
    if let Some(at) = wanted.and_then(|a| view.order.iter().position(|&x| x == a)) {
        view.cursor.set(at, view.order.len(), overlay_height(app));
    }
    app.overlays.push(Overlay::Actors(view));
}
