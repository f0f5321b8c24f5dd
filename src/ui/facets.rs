//! The facets (`F`): the events shown, counted by one dimension at a time, most frequent first,
//! each with a bar against the largest count. Only the rows on screen are drawn.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};
use unicode_width::UnicodeWidthStr;

use super::theme::{Theme, highlight};
use crate::app::layout::Layout;
use crate::app::query::FacetsView;
use crate::app::{Action, App, Mode};
use crate::fit::{fit, pad, pad_left};
use crate::query::facets::Dimension;

const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

pub fn draw(app: &App, theme: &Theme, layout: &Layout, view: &FacetsView, frame: &mut Frame) {
    let area = layout.overlay;
    if area.width < 4 || area.height < 4 {
        return;
    }
    frame.render_widget(Clear, layout.body());
    let title = match &view.facets {
        Some(facets) => {
            let noun = if facets.events == 1 {
                "event"
            } else {
                "events"
            };
            format!(" Facets of {} {noun} shown ", facets.events)
        }
        None => " Facets ".to_owned(),
    };
    frame.render_widget(Block::new().borders(Borders::ALL).title(title), area);
    let list = layout.overlay_list();
    let width = usize::from(list.width);
    let buf = frame.buffer_mut();
    let key = |action| app.keymap.key_for(Mode::Facets, &action);
    let mut tabs: Vec<Span> = Vec::new();
    for dimension in Dimension::ALL {
        let style = if dimension == view.dimension {
            theme.selected
        } else {
            theme.dim
        };
        tabs.push(Span::styled(format!(" {} ", dimension.label()), style));
        tabs.push(Span::raw(" "));
    }
    let used: usize = tabs.iter().map(|s| s.content.width()).sum();
    let keys = format!(
        "{} dimension · {} adds to the query",
        key(Action::NextDimension),
        key(Action::PromptSubmit)
    );
    tabs.push(Span::styled(
        fit(&keys, width.saturating_sub(used)),
        theme.dim,
    ));
    buf.set_line(
        list.x,
        list.y.saturating_sub(1),
        &Line::from(tabs),
        list.width,
    );
    if list.height == 0 {
        return;
    }
    if view.facets.is_none() {
        buf.set_line(
            list.x,
            list.y,
            &Line::styled("counting…", theme.dim),
            list.width,
        );
        return;
    }
    let rows = view.rows();
    if rows.is_empty() {
        let text = format!("no {} in the events shown", view.dimension.label());
        buf.set_line(
            list.x,
            list.y,
            &Line::styled(fit(&text, width), theme.dim),
            list.width,
        );
        return;
    }
    let height = usize::from(list.height);
    let offset = view.cursor.offset.min(rows.len().saturating_sub(height));
    let most = rows[0].count.max(1);
    let count_width = rows[0].count.to_string().len().max(5);
    let label_width = (width * 2 / 5).max(8).min(width);
    let bar_width = width.saturating_sub(label_width + count_width + 4);
    for (line, (pos, row)) in (0u16..).zip(rows.iter().enumerate().skip(offset).take(height)) {
        let spans = vec![
            Span::raw("  "),
            Span::raw(pad(&row.label, label_width)),
            Span::styled(pad_left(&row.count.to_string(), count_width), theme.date),
            Span::raw(" "),
            Span::styled(bar(row.count, most, bar_width), theme.density),
        ];
        let text = Line::from(spans);
        let text = if pos == view.cursor.selected {
            highlight(&text, theme.selected)
        } else {
            text
        };
        buf.set_line(list.x, list.y + line, &text, list.width);
    }
}

/// A bar of `count` against `most` in `width` columns, in eighths of a column.
fn bar(count: usize, most: usize, width: usize) -> String {
    let eighths = (count.saturating_mul(width * 8) / most.max(1)).max(usize::from(count > 0));
    let mut out = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        out.push(EIGHTHS[eighths % 8 - 1]);
    }
    out
}
