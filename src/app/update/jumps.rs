//! Jumps: going somewhere the reader may want to come back from. Each records where the reader
//! stood in the history first, so Back returns there.

use super::moves::select_position;
use super::{overlay_height, timeline_height};
use crate::app::chain::NodeKind;
use crate::app::focus::Focus;
use crate::app::history::Place;
use crate::app::keymap::Mode;
use crate::app::overlay::Overlay;
use crate::app::{Action, App};
use crate::model::EventIx;

pub(super) fn place(app: &App) -> Place {
    Place {
        event: app.selected_event().unwrap_or(0),
        offset: app.timeline.offset,
        filter: app.filter.clone(),
        focus: app.focus,
        item: app.item,
    }
}

/// A jump: remember where we stood, then go.
pub(super) fn jump_to(app: &mut App, pos: usize) {
    if app.visible_len() == 0 {
        return;
    }
    let here = place(app);
    app.history.record(here);
    app.focus = Focus::Timeline;
    land(app, pos);
}

/// Selects after a jump with context above: the landing event sits a third of the way down, so
/// what led up to it and what followed are both in view.
pub(super) fn land(app: &mut App, pos: usize) {
    let height = timeline_height(app);
    let top = app.timeline.offset;
    if pos < top || pos + height / 3 >= top + height {
        app.timeline.offset = pos.saturating_sub(height / 3);
    }
    select_position(app, pos);
    app.item = 0;
}

pub(super) fn jump_or_say(app: &mut App, find: fn(&App) -> Option<usize>, otherwise: &str) {
    match find(app) {
        Some(pos) => jump_to(app, pos),
        None => app.status = Some(otherwise.to_owned()),
    }
}

pub(super) fn restore(app: &mut App, to: &Place) {
    app.filter = to.filter.clone();
    app.filtering = None;
    let pos = app.position_of(to.event).unwrap_or_else(|| {
        app.position_from_day(app.place_days.get(to.event).copied().unwrap_or(0))
    });
    app.focus = Focus::Timeline;
    app.timeline.offset = to.offset;
    select_position(app, pos);
    if app.focus_len(to.focus) > 0 {
        app.focus = to.focus;
        app.item = to.item.min(app.focus_len(to.focus) - 1);
    }
}

/// Goes to an event, lifting the query if it hides it (Back brings the query back).
pub(super) fn go_to_event(app: &mut App, event: EventIx) {
    let here = place(app);
    app.history.record(here);
    if app.position_of(event).is_none() {
        app.filter = None;
        app.filtering = None;
        app.status = Some(format!(
            "Query lifted to show the linked event ({} restores it).",
            app.keymap.key_for(Mode::Timeline, &Action::Back)
        ));
    }
    let pos = app.position_of(event).unwrap_or(0);
    app.focus = Focus::Timeline;
    land(app, pos);
}

pub(super) fn cycle_focus(app: &mut App, step: isize) {
    let current = Focus::ORDER
        .iter()
        .position(|&f| f == app.focus)
        .unwrap_or(0);
    let n = Focus::ORDER.len() as isize;
    for i in 1..n {
        let next = Focus::ORDER[(current as isize + step * i).rem_euclid(n) as usize];
        if next == Focus::Timeline || app.focus_len(next) > 0 {
            app.focus = next;
            app.item = 0;
            return;
        }
    }
}

pub(super) fn follow_link(app: &mut App) {
    if let Some(Overlay::Problems(_)) = app.overlays.last() {
        super::reload::follow_problem(app);
        return;
    }
    if let Some(Overlay::Chain(chain)) = app.overlays.last() {
        let Some(node) = chain.selected_node().copied() else {
            return;
        };
        if matches!(node.kind, NodeKind::Section(_)) {
            fold(app, None);
            return;
        }
        app.overlays.pop();
        go_to_event(app, node.event);
        return;
    }
    let Some(event) = app.selected_event().map(|ix| &app.chronology.events[ix]) else {
        return;
    };
    let links = match app.focus {
        Focus::Consequences => &event.consequences,
        Focus::Causes => &event.causes,
        _ => return,
    };
    if let Some(link) = links.get(app.item) {
        let target = link.event;
        go_to_event(app, target);
    }
}

pub(super) fn fold(app: &mut App, fold: Option<bool>) {
    let height = overlay_height(app);
    if let Some(Overlay::Chain(chain)) = app.overlays.last_mut() {
        match fold {
            Some(true) => chain.collapse_or_parent(height),
            _ => chain.set_collapsed(fold, height),
        }
    }
}

/// Enter in the lanes: closes them on the lanes' event in the timeline, dropping a filter that
/// hides it; a jump, so Back returns.
pub(super) fn open_lane_event(app: &mut App) {
    let Some(Overlay::Lanes(view)) = app.overlays.last() else {
        return;
    };
    let Some(event) = view.event else {
        return;
    };
    app.overlays.pop();
    let here = place(app);
    app.history.record(here);
    if app.position_of(event).is_none() {
        app.filter = None;
    }
    app.focus = Focus::Timeline;
    if let Some(pos) = app.position_of(event) {
        land(app, pos);
    }
}
