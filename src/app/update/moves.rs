//! Cursor movement: whatever has the cursor (the innermost overlay, else the focused pane) moves
//! by a step, a page or to an end, and stays on screen.

use super::{Move, overlay_height, timeline_height};
use crate::app::cursor::ListCursor;
use crate::app::overlay::Overlay;
use crate::app::{App, Focus};

/// After a resize, keep every cursor on screen.
pub(super) fn refit(app: &mut App) {
    let height = timeline_height(app);
    app.timeline.offset = app.offset_showing(app.timeline.selected, app.timeline.offset, height);
    let list = overlay_height(app);
    for overlay in &mut app.overlays {
        match overlay {
            Overlay::Help { cursor, search, .. } => {
                let len = app_help_len(&app.keymap, search);
                cursor.ensure_visible(len, list)
            }
            Overlay::Chain(chain) => chain.cursor.ensure_visible(chain.rows.len(), list),
            Overlay::Actors(actors) => actors.cursor.ensure_visible(actors.order.len(), list),
            Overlay::Palette(palette) => palette.cursor.ensure_visible(palette.row_count(), list),
            Overlay::Facets(view) => {
                let len = super::query::facets_len(view);
                view.cursor.ensure_visible(len, list)
            }
            Overlay::FilterPrompt(_)
            | Overlay::DatePrompt(_)
            | Overlay::ExportMenu
            | Overlay::About(_)
            | Overlay::Lanes(_) => {}
            Overlay::Problems(view) => {
                let len = app.problems.diagnostics.len();
                view.cursor
                    .ensure_visible(len, (list / super::reload::PROBLEM_ROWS).max(1))
            }
        }
    }
}

pub(super) fn target(current: usize, len: usize, page: usize, movement: Move) -> usize {
    let last = len.saturating_sub(1);
    let page = page.max(1) as isize;
    let delta = match movement {
        Move::First => return 0,
        Move::Last => return last,
        Move::By(n) => n,
        Move::Pages(n) => n.saturating_mul(page),
        Move::HalfPages(n) => n.saturating_mul((page / 2).max(1)),
    };
    current.saturating_add_signed(delta).min(last)
}

pub(super) fn move_cursor(app: &mut App, movement: Move) {
    let list = overlay_height(app);
    // The about page's length depends on the width it is wrapped to.
    let about_len = match app.overlays.last() {
        Some(Overlay::About(view)) => {
            let width = usize::from(super::layout(app).overlay_list().width);
            crate::app::about::lines(app, view, width).len()
        }
        _ => 0,
    };
    match app.overlays.last_mut() {
        Some(Overlay::Help { cursor, search, .. }) => {
            let help_len = app_help_len(&app.keymap, search);
            // Help has nothing to select: keys scroll the page directly.
            let top = target(
                cursor.offset,
                help_len.saturating_sub(list) + 1,
                list,
                movement,
            );
            *cursor = ListCursor {
                selected: top,
                offset: top,
            };
        }
        Some(Overlay::Chain(chain)) => {
            move_list(&mut chain.cursor, chain.rows.len(), list, movement)
        }
        Some(Overlay::Actors(actors)) => {
            move_list(&mut actors.cursor, actors.order.len(), list, movement);
        }
        Some(Overlay::Palette(palette)) => {
            let rows = palette.row_count();
            move_list(&mut palette.cursor, rows, list, movement);
        }
        Some(Overlay::Facets(view)) => {
            let len = super::query::facets_len(view);
            move_list(&mut view.cursor, len, list, movement);
        }
        Some(Overlay::About(view)) => {
            // Like help, a page to scroll.
            let top = target(
                view.cursor.offset,
                about_len.saturating_sub(list) + 1,
                list,
                movement,
            );
            view.cursor = ListCursor {
                selected: top,
                offset: top,
            };
        }
        Some(
            Overlay::DatePrompt(_)
            | Overlay::FilterPrompt(_)
            | Overlay::ExportMenu
            | Overlay::Lanes(_),
        ) => {}
        Some(Overlay::Problems(view)) => {
            let len = app.problems.diagnostics.len();
            let fit = (list / super::reload::PROBLEM_ROWS).max(1);
            move_list(&mut view.cursor, len, fit, movement);
        }
        None if app.focus == Focus::Timeline => {
            let to = target(
                app.timeline.selected,
                app.visible_len(),
                timeline_height(app),
                movement,
            );
            select_position(app, to);
        }
        None => {
            let len = app.focus_len(app.focus);
            app.item = target(app.item, len, timeline_height(app), movement);
        }
    }
}

pub(super) fn move_list(cursor: &mut ListCursor, len: usize, height: usize, movement: Move) {
    let to = target(cursor.selected, len, height, movement);
    cursor.set(to, len, height);
}

/// Moves the timeline cursor without recording history (plain movement, clicks, wheel).
pub(super) fn select_position(app: &mut App, pos: usize) {
    let len = app.visible_len();
    if len == 0 {
        app.timeline = Default::default();
        return;
    }
    let pos = pos.min(len - 1);
    if pos != app.timeline.selected {
        app.item = 0;
    }
    app.timeline.selected = pos;
    app.timeline.offset = app.offset_showing(pos, app.timeline.offset, timeline_height(app));
    if app.focus != Focus::Timeline && app.focus_len(app.focus) == 0 {
        app.focus = Focus::Timeline;
    }
    app.item = app.item.min(app.focus_len(app.focus).saturating_sub(1));
}

/// Lines of help shown, with a search in help.
fn app_help_len(keymap: &crate::app::Keymap, search: &str) -> usize {
    keymap.help_lines_matching(search).len()
}
