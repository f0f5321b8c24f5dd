//! The header: the chronology's title and a time axis across the full width: era bands, event
//! density, year (or month, or day) ticks and a marker under the selected event.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::fit::{clip, fit};
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
        .and_then(|ix| window.column_of(app.earliest_days[ix], area.width));
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
        let era = app.era_index.at(window.day_at(col, area.width));
        let mut end = col + 1;
        while end < area.width && app.era_index.at(window.day_at(end, area.width)) == era {
            end += 1;
        }
        if let Some(era) = era {
            let run = usize::from(end - col);
            let fill = if era % 2 == 0 { '░' } else { '▒' };
            // A band too narrow for a readable label is left unlabelled rather than "…".
            let label = format!(" {} ", clip(&eras[era].title, run));
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
    let days_per_col = window.days() as f64 / f64::from(width.max(1));
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
    // Years far from ours have long labels ("-99999999999999999"): space the ticks for them.
    let label = [window.start, window.end.saturating_sub(1)]
        .iter()
        .map(|&day| civil_from_days(day).0.to_string().len())
        .max()
        .unwrap_or(4)
        .max(4) as f64;
    let mut step: i64 = 1;
    loop {
        for factor in [1, 2, 5] {
            let years = step.saturating_mul(factor);
            if fits(years as f64 * 365.25, label) || years == i64::MAX {
                return Unit::Years(years);
            }
        }
        step = step.saturating_mul(10);
    }
}

/// The ticks of `unit` inside `window`, in order. The step makes them at least a label apart,
/// so no more than a screen's width of them can be shown; the loops also stop there, and at the
/// end of the day numbers, so a frame never costs more than its width whatever the dates span.
fn ticks(window: Window, unit: Unit, width: u16) -> Vec<(i64, String)> {
    let most = usize::from(width) + 2;
    let (first_year, first_month, _) = civil_from_days(window.start);
    let mut out = Vec::new();
    match unit {
        Unit::Years(step) => {
            let mut year = first_year.div_euclid(step).saturating_mul(step);
            for _ in 0..most {
                let day = day_number(year, 1, 1);
                if day >= window.end {
                    break;
                }
                if day >= window.start {
                    out.push((day, year.to_string()));
                }
                let Some(next) = year.checked_add(step) else {
                    break;
                };
                year = next;
            }
        }
        Unit::Months(step) => {
            let (mut year, mut month) = (first_year, first_month);
            for _ in 0..most.saturating_mul(12) {
                let day = day_number(year, month, 1);
                if day >= window.end || out.len() >= most {
                    break;
                }
                if day >= window.start && (month - 1) % step == 0 {
                    let name = MONTHS[(month - 1) as usize];
                    out.push((day, format!("{name} {year}")));
                }
                month += 1;
                if month > 12 {
                    month = 1;
                    let Some(next) = year.checked_add(1) else {
                        break;
                    };
                    year = next;
                }
            }
        }
        Unit::Days(step) => {
            let mut day = window.start;
            while day < window.end && out.len() < most {
                let (_, month, d) = civil_from_days(day);
                out.push((day, format!("{d} {}", MONTHS[(month - 1) as usize])));
                let Some(next) = day.checked_add(step) else {
                    break;
                };
                day = next;
            }
        }
    }
    out
}

fn draw_ticks(theme: &Theme, window: Window, marker: Option<u16>, area: Rect, buf: &mut Buffer) {
    let unit = choose_unit(window, area.width);
    let mut free_from = 0u16;
    for (day, label) in ticks(window, unit, area.width) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever the window, from a fortnight to the whole range of day numbers and at either end
    /// of it, the tick list is bounded by the width and its loops end (a step past `i64::MAX`
    /// once wrapped around and never ended; a span of 10^17 years made tens of millions of
    /// labels per frame).
    #[test]
    fn ticks_are_bounded_by_the_width_for_any_span() {
        let starts = [
            i64::MIN,
            -36_524_999_999_999_999,
            -1,
            0,
            10_000,
            i64::MAX - 20,
        ];
        let lengths = [1, 14, 31, 365, 36_525, 1 << 40, i64::MAX / 2, i64::MAX];
        for &start in &starts {
            for &len in &lengths {
                let end = start.saturating_add(len);
                if end <= start {
                    continue;
                }
                let window = Window { start, end };
                for width in [1u16, 40, 120, 500] {
                    let unit = choose_unit(window, width);
                    let ticks = ticks(window, unit, width);
                    assert!(
                        ticks.len() <= usize::from(width) + 2,
                        "{window:?} at {width}: {unit:?} gave {} ticks",
                        ticks.len()
                    );
                    assert!(
                        ticks.windows(2).all(|w| w[0].0 < w[1].0),
                        "{window:?} at {width}: ticks out of order"
                    );
                }
            }
        }
    }

    /// The ticks drawn for the extreme dates of the issue: labels that fit, spaced for their
    /// length.
    #[test]
    fn extreme_years_get_readable_ticks() {
        let window = Window {
            start: day_number(-99_999_999_999_999_999, 1, 1),
            end: day_number(99_999_999_999_999_999, 12, 31),
        };
        let area = Rect::new(0, 0, 120, 1);
        let mut buf = Buffer::empty(area);
        draw_ticks(&Theme::monochrome(), window, None, area, &mut buf);
        let line: String = (0..120).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert!(line.contains('╵'), "no tick drawn: {line:?}");
    }
}
