//! The timeline pane: one event a row (date, title, how many consequences and causes), era
//! separators, drawn from the offset only, so a million events cost what twenty do.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::fit::{clip, fit, pad, pad_left};
use super::layout::Layout;
use super::theme::Theme;
use crate::app::timeline::Row;
use crate::app::{App, Focus};

pub fn draw(app: &App, theme: &Theme, layout: &Layout, frame: &mut Frame) {
    let area = layout.timeline;
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    if width == 0 || height == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    if app.visible_len() == 0 {
        buf.set_stringn(area.x, area.y, " No events.", width, theme.dim);
        return;
    }
    // The stored offset was computed for the last known size; recompute for this frame's height
    // without touching the state.
    let selected = app.timeline.selected.min(app.visible_len() - 1);
    let offset = app.offset_showing(selected, app.timeline.offset, height);
    let date_width = app.date_width.min(width / 3);
    for (line_no, row) in (0u16..).zip(app.timeline_rows(offset, height)) {
        let y = area.y + line_no;
        let line = match row {
            Row::Era(era) => {
                let era = &app.chronology.eras[era];
                let label = format!("── {} ({}) ", clip(&era.title, width), era.date.human());
                let mut text = fit(&label, width);
                let used = text.width();
                text.extend(std::iter::repeat_n('─', width.saturating_sub(used)));
                Line::styled(text, theme.heading)
            }
            Row::Event(pos) => {
                let Some(ix) = app.visible_event(pos) else {
                    continue;
                };
                let event = &app.chronology.events[ix];
                let links = link_markers(event.consequences.len(), event.causes.len());
                let title_width = width.saturating_sub(date_width + links.width() + 3);
                let style = match (pos == selected, app.focus == Focus::Timeline) {
                    (true, true) => Some(theme.selected),
                    (true, false) => Some(theme.selected_idle),
                    _ => None,
                };
                let mut spans = vec![
                    Span::styled(pad_left(&event.human_date(), date_width), theme.date),
                    Span::raw("  "),
                    Span::raw(pad(&event.title, title_width)),
                    Span::raw(" "),
                    Span::styled(links, theme.dim),
                ];
                if let Some(style) = style {
                    for span in &mut spans {
                        span.style = span.style.patch(style);
                    }
                }
                Line::from(spans)
            }
        };
        buf.set_line(area.x, y, &line, area.width);
    }
}

/// "→2 ←1": how many consequences and causes, blank when none so busy events stand out.
fn link_markers(consequences: usize, causes: usize) -> String {
    let out = if consequences > 0 {
        format!("→{consequences}")
    } else {
        String::new()
    };
    let back = if causes > 0 {
        format!("←{causes}")
    } else {
        String::new()
    };
    format!("{:<3}{:<3}", fit(&out, 3), fit(&back, 3))
}
