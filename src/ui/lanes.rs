//! The actors' lanes: a row per actor, time across. A point is an event known to the day, a bar
//! one known to the month, season or year, a faded dashed bar one approximate, uncertain or
//! open; the lanes' event is highlighted and its causes and consequences marked in every lane.
//!
//! Each lane draws what [`App::lane_strokes`] finds by binary search, so a frame costs the lanes
//! and columns on screen whatever the size of the file.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;
use unicode_width::UnicodeWidthStr;

use super::axis::{choose_unit, ticks};
use super::theme::Theme;
use crate::app::App;
use crate::app::lanes::{LanesView, Mark, Stroke};
use crate::app::layout::Layout;
use crate::app::zoom::Window;
use crate::fit::{fit, pad};

/// Widest name column; narrower screens give it a fifth of the width.
const NAME_WIDTH: u16 = 22;

pub fn draw(app: &App, theme: &Theme, layout: &Layout, view: &LanesView, frame: &mut Frame) {
    let body = layout.body();
    if body.width < 10 || body.height < 3 {
        return;
    }
    frame.render_widget(Clear, body);
    let buf = frame.buffer_mut();
    let names = NAME_WIDTH.min(body.width / 5);
    let time = Rect {
        x: body.x + names + 1,
        width: body.width - names - 1,
        ..body
    };
    let heading = format!("Lanes ({})", view.actors.len());
    buf.set_stringn(
        body.x,
        body.y,
        fit(&heading, usize::from(names)),
        usize::from(names),
        theme.heading,
    );
    let Some(window) = app.lanes_window(view) else {
        return;
    };
    draw_ticks(window, theme, Rect { height: 1, ..time }, buf);
    let rows = usize::from(body.height - 2);
    let lanes = view.actors.iter().enumerate().skip(view.offset).take(rows);
    let links = view.event.map(|ix| {
        let event = &app.chronology.events[ix];
        (&*event.causes, &*event.consequences)
    });
    for (row, (lane, &actor)) in (1u16..).zip(lanes) {
        let y = body.y + row;
        let name = pad(&app.chronology.actors[actor].name, usize::from(names));
        let style = if lane == view.lane {
            theme.selected
        } else {
            theme.actor
        };
        buf.set_stringn(body.x, y, name, usize::from(names), style);
        buf.set_stringn(body.x + names, y, "│", 1, theme.dim);
        // Longest first, so a point or a month is never hidden under a long interval.
        let reach = view.reach.get(lane).map_or(&[][..], |r| &r[..]);
        let mut strokes = app.lane_strokes(actor, reach, window, time.width);
        strokes.sort_by_key(|s| std::cmp::Reverse(s.to - s.from));
        for stroke in strokes {
            paint(stroke, time.x, y, mark_style(stroke.mark, theme), buf);
        }
        // The lanes' event and its links are drawn over whatever shares their columns.
        let involves = |ix: usize| app.chronology.events_of(actor).binary_search(&ix).is_ok();
        if let Some((causes, consequences)) = links {
            for (list, linked) in [
                (causes, linked_style(theme.cause, Modifier::BOLD)),
                (
                    consequences,
                    linked_style(theme.consequence, Modifier::UNDERLINED),
                ),
            ] {
                for link in list.iter().filter(|l| involves(l.event)) {
                    if let Some(stroke) = app.stroke_of(link.event, window, time.width) {
                        let style = mark_style(stroke.mark, theme).patch(linked);
                        paint(stroke, time.x, y, style, buf);
                    }
                }
            }
        }
        if let Some(ix) = view.event.filter(|&ix| involves(ix))
            && let Some(stroke) = app.stroke_of(ix, window, time.width)
        {
            let style = if lane == view.lane {
                theme.selected
            } else {
                theme.selected_idle
            };
            paint(stroke, time.x, y, style, buf);
        }
    }
    draw_legend(
        theme,
        Rect {
            y: body.bottom() - 1,
            height: 1,
            ..body
        },
        buf,
    );
}

fn linked_style(colour: Style, modifier: Modifier) -> Style {
    colour.add_modifier(modifier)
}

fn mark_style(mark: Mark, theme: &Theme) -> Style {
    match mark {
        Mark::Point | Mark::Bar | Mark::Interval => theme.density,
        Mark::Faded => theme.dim,
    }
}

/// A point is one glyph, a bar runs over its columns, a faded bar is dashed.
fn paint(stroke: Stroke, x: u16, y: u16, style: Style, buf: &mut Buffer) {
    let (first, rest) = match stroke.mark {
        Mark::Point => ('●', '●'),
        Mark::Bar if stroke.from == stroke.to => ('▬', '▬'),
        Mark::Bar => ('┣', '━'),
        Mark::Interval if stroke.from == stroke.to => ('│', '│'),
        Mark::Interval => ('├', '─'),
        Mark::Faded if stroke.from == stroke.to => ('○', '○'),
        Mark::Faded => ('╌', '╌'),
    };
    // Reset first: a stroke replaces what was under it, style and all, instead of adding to it.
    let style = Style::reset().patch(style);
    // One cell at a time, in place: a long interval crosses the whole lane, and a string per
    // cell made the frame's cost the allocator's.
    for col in stroke.from..=stroke.to {
        let glyph = if col == stroke.from { first } else { rest };
        if let Some(cell) = buf.cell_mut((x + col, y)) {
            cell.set_char(glyph).set_style(style);
        }
    }
}

fn draw_ticks(window: Window, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let mut free_from = 0u16;
    for (day, label) in ticks(
        window,
        choose_unit(window, area.width),
        usize::from(area.width),
    ) {
        let Some(col) = window.column_of(day, area.width) else {
            continue;
        };
        let text = format!("╵{label}");
        let end = col.saturating_add(text.width() as u16);
        if col < free_from || end > area.width {
            continue;
        }
        buf.set_stringn(
            area.x + col,
            area.y,
            &text,
            usize::from(area.width - col),
            theme.dim,
        );
        free_from = end.saturating_add(1);
    }
}

fn draw_legend(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let spans = vec![
        Span::styled("●", theme.density),
        Span::raw(" day  "),
        Span::styled("━", theme.density),
        Span::raw(" month/season/year  "),
        Span::styled("─", theme.density),
        Span::raw(" interval  "),
        Span::styled("╌", theme.dim),
        Span::raw(" approximate/open  "),
        Span::styled("cause", linked_style(theme.cause, Modifier::BOLD)),
        Span::raw("  "),
        Span::styled(
            "consequence",
            linked_style(theme.consequence, Modifier::UNDERLINED),
        ),
    ];
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}
