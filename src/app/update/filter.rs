//! The actor filter: narrowing the timeline to the events of one actor, then of several.

use super::jumps::place;
use super::moves::select_position;
use super::overlay_height;
use crate::app::App;
use crate::app::focus::Focus;
use crate::app::overlay::{ActorsView, Overlay};
use crate::app::state::Filter;
use crate::model::ActorIx;
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

pub(super) fn filter_by_actor(app: &mut App) {
    let Some(actor) = actor_under_cursor(app) else {
        return;
    };
    let name = app.chronology.actors[actor].name.clone();
    let mut actors = app
        .filter
        .as_ref()
        .map(|f| f.actors.clone())
        .unwrap_or_default();
    if actors.contains(&actor) {
        app.status = Some(format!("Already showing only events with {name}."));
        return;
    }
    actors.push(actor);
    let Some(filter) = Filter::new(&app.chronology, actors) else {
        app.status = Some(format!(
            "No event involves {name} together with the current filter."
        ));
        return;
    };
    let here = place(app);
    app.history.record(here);
    let day = app.selected_event().map(|ix| app.place_days[ix]);
    let keep = app.selected_event();
    app.filter = Some(filter);
    if matches!(
        app.overlays.last(),
        Some(Overlay::Actors(_) | Overlay::Palette(_))
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
