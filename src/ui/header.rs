//! The header: the chronology's title and a time axis across the full width: era bands, event
//! density, year (or month, or day) ticks and a marker under the selected event.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::fit::fit;
use super::layout::Layout;
use super::theme::Theme;
use crate::app::App;
use crate::app::zoom::Window;
use crate::model::date::{civil_from_days, day_number};

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MARKER: &str = "▲";

pub fn draw(app: &App, theme: &Theme, layout: &Layout, frame: &mut Frame) {
    let area = layout.header;
    if area.height == 0 || area.width == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    draw_title(app, theme, Rect { height: 1, ..area }, buf);
    let Some(window) = app.axis_window() else {
        return;
    };
    let marker = app
        .selected_event()
        .and_then(|ix| window.column_of(app.place_days[ix], area.width));
    let row = |n: u16| Rect {
        y: area.y + n,
        height: 1,
        ..area
    };
    if layout.compact_header {
        if area.height > 1 {
            draw_density(app, theme, window, marker, row(1), buf);
        }
        return;
    }
    if area.height > 1 {
        draw_eras(app, theme, window, row(1), buf);
    }
    if area.height > 2 {
        draw_density(app, theme, window, marker, row(2), buf);
    }
    if area.height > 3 {
        draw_ticks(theme, window, marker, row(3), buf);
    }
}

fn draw_title(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    let mut right = format!("zoom {}", app.zoom_label());
    if let Some(ix) = app.selected_event() {
        right = format!("{} · {right}", app.chronology.events[ix].human_date());
    }
    let right = fit(&right, width / 2);
    let left = fit(
        &app.chronology.title,
        width.saturating_sub(right.width() + 2),
    );
    let gap = width.saturating_sub(left.width() + right.width());
    let line = Line::from(vec![
        Span::styled(left, theme.title),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, theme.dim),
    ]);
    buf.set_line(area.x, area.y, &line, area.width);
}

fn draw_eras(app: &App, theme: &Theme, window: Window, area: Rect, buf: &mut Buffer) {
    let eras = &app.chronology.eras;
    let mut col = 0;
    while col < area.width {
        let era = app.chronology.era_at(window.day_at(col, area.width));
        let mut end = col + 1;
        while end < area.width && app.chronology.era_at(window.day_at(end, area.width)) == era {
            end += 1;
        }
        if let Some(era) = era {
            let run = usize::from(end - col);
            let fill = if era % 2 == 0 { '░' } else { '▒' };
            // A band too narrow for a readable label is left unlabelled rather than "…".
            let label = format!(" {} ", eras[era].title);
            let mut text = if run >= label.width().min(8) {
                fit(&label, run)
            } else {
                String::new()
            };
            let used = text.width();
            text.extend(std::iter::repeat_n(fill, run.saturating_sub(used)));
            buf.set_stringn(area.x + col, area.y, &text, run, theme.era(era));
        }
        col = end;
    }
}

fn draw_density(
    app: &App,
    theme: &Theme,
    window: Window,
    marker: Option<u16>,
    area: Rect,
    buf: &mut Buffer,
) {
    let counts: Vec<usize> = (0..area.width)
        .map(|col| {
            let (lo, hi) = window.days_in(col, area.width);
            app.count_between(lo, hi)
        })
        .collect();
    let max = counts.iter().copied().max().unwrap_or(0);
    for (col, &count) in (0u16..).zip(&counts) {
        let symbol = match count {
            0 => ' ',
            _ if max <= 1 => BARS[0],
            n => BARS[((n - 1) * (BARS.len() - 1) / (max - 1)).min(BARS.len() - 1)],
        };
        let style = if Some(col) == marker {
            theme.marker
        } else {
            theme.density
        };
        buf.set_stringn(area.x + col, area.y, symbol.to_string(), 1, style);
    }
}

/// A tick every `step` of a unit; the finest step whose labels do not collide is used.
#[derive(Debug, Clone, Copy)]
enum Unit {
    Years(i64),
    Months(u32),
    Days(i64),
}

fn choose_unit(window: Window, width: u16) -> Unit {
    let days_per_col = window.len() as f64 / f64::from(width.max(1));
    let fits = |step_days: f64, label: f64| step_days / days_per_col >= label + 2.0;
    for step in [1, 7] {
        if fits(step as f64, 6.0) {
            return Unit::Days(step);
        }
    }
    for step in [1, 3, 6] {
        if fits(f64::from(step) * 30.4, 8.0) {
            return Unit::Months(step);
        }
    }
    let mut step = 1;
    loop {
        for factor in [1, 2, 5] {
            let years = step * factor;
            if fits(years as f64 * 365.25, 4.0) || years >= 1_000_000_000 {
                return Unit::Years(years);
            }
        }
        step *= 10;
    }
}

fn ticks(window: Window, unit: Unit) -> Vec<(i64, String)> {
    let (first_year, first_month, _) = civil_from_days(window.start);
    let mut out = Vec::new();
    match unit {
        Unit::Years(step) => {
            let mut year = first_year.div_euclid(step) * step;
            loop {
                let day = day_number(year, 1, 1);
                if day >= window.end {
                    break;
                }
                if day >= window.start {
                    out.push((day, year.to_string()));
                }
                year = year.saturating_add(step);
            }
        }
        Unit::Months(step) => {
            let (mut year, mut month) = (first_year, first_month);
            loop {
                let day = day_number(year, month, 1);
                if day >= window.end {
                    break;
                }
                if day >= window.start && (month - 1) % step == 0 {
                    let name = MONTHS[(month - 1) as usize];
                    out.push((day, format!("{name} {year}")));
                }
                month += 1;
                if month > 12 {
                    month = 1;
                    year += 1;
                }
            }
        }
        Unit::Days(step) => {
            let mut day = window.start;
            while day < window.end {
                let (_, month, d) = civil_from_days(day);
                out.push((day, format!("{d} {}", MONTHS[(month - 1) as usize])));
                day += step;
            }
        }
    }
    out
}

fn draw_ticks(theme: &Theme, window: Window, marker: Option<u16>, area: Rect, buf: &mut Buffer) {
    let unit = choose_unit(window, area.width);
    let mut free_from = 0u16;
    for (day, label) in ticks(window, unit) {
        let Some(col) = window.column_of(day, area.width) else {
            continue;
        };
        if col < free_from {
            continue;
        }
        let text = format!("╵{label}");
        let end = col.saturating_add(text.width() as u16);
        // A label under the marker would be cut by it, one at the edge by the screen; leave
        // those out rather than show half a word.
        if marker.is_some_and(|m| m >= col && m < end) || end > area.width {
            continue;
        }
        let room = usize::from(area.width - col);
        buf.set_stringn(area.x + col, area.y, &text, room, theme.dim);
        free_from = end.saturating_add(1);
    }
    if let Some(col) = marker {
        buf.set_stringn(area.x + col, area.y, MARKER, 1, theme.marker);
    }
}
