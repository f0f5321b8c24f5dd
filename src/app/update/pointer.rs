//! The mouse: a click selects what is drawn under it, using the same layout the view draws with.

use super::jumps::jump_to;
use super::layout;
use super::moves::select_position;
use crate::app::detail;
use crate::app::overlay::Overlay;
use crate::app::palette::PaletteLine;
use crate::app::timeline::Row;
use crate::app::{App, Focus};

pub(super) fn click(app: &mut App, column: u16, row: u16) {
    let layout = layout(app);
    if layout.too_small {
        return;
    }
    let inside = |r: ratatui::layout::Rect| {
        column >= r.x && column < r.right() && row >= r.y && row < r.bottom()
    };
    if let Some(top) = app.overlays.last_mut() {
        let list = layout.overlay_list();
        if !inside(list) {
            return;
        }
        let line = usize::from(row - list.y);
        let height = usize::from(list.height);
        match top {
            Overlay::Chain(chain) => {
                let at = chain.cursor.offset + line;
                if at < chain.rows.len() {
                    chain.cursor.set(at, chain.rows.len(), height);
                }
            }
            Overlay::Actors(actors) => {
                let at = actors.cursor.offset + line;
                if at < actors.order.len() {
                    actors.cursor.set(at, actors.order.len(), height);
                }
            }
            Overlay::Palette(palette) => {
                let lines = palette.lines(height);
                if let Some(&PaletteLine::Row(at)) = lines.get(line) {
                    palette.cursor.set(at, palette.row_count(), height);
                }
            }
            Overlay::Facets(view) => {
                let len = super::query::facets_len(view);
                let at = view.cursor.offset + line;
                if at < len {
                    view.cursor.set(at, len, height);
                }
            }
            Overlay::Help { .. }
            | Overlay::FilterPrompt(_)
            | Overlay::DatePrompt(_)
            | Overlay::ExportMenu
            | Overlay::About(_)
            | Overlay::Lanes(_)
            | Overlay::Problems(_) => {}
        }
        return;
    }
    if inside(layout.timeline) {
        let rows = app.timeline_rows(app.timeline.offset, usize::from(layout.timeline.height));
        if let Some(Row::Event(pos)) = rows.get(usize::from(row - layout.timeline.y)) {
            app.focus = Focus::Timeline;
            select_position(app, *pos);
        }
    } else if inside(layout.detail_text()) {
        let text = layout.detail_text();
        let content = detail::layout(app, usize::from(text.width));
        if let Some((focus, item)) = content.item_at_row(app, text.height, row - text.y) {
            app.focus = focus;
            app.item = item;
        }
    } else if row > layout.header.y
        && inside(layout.header)
        && let Some(window) = app.axis_window()
    {
        let day = window.day_at(column - layout.header.x, layout.header.width);
        let pos = app
            .position_from_day(day)
            .min(app.visible_len().saturating_sub(1));
        jump_to(app, pos);
    }
}
