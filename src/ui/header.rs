//! The header: the chronology's title and a time axis across the full width: era bands, event
//! density, year (or month, or day) ticks and a marker under the selected event.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::axis::{choose_unit, ticks};
use super::theme::Theme;
use crate::app::App;
use crate::app::layout::Layout;
use crate::app::zoom::Window;
use crate::fit::clip;
use crate::fit::fit;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
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
        draw_ticks(app, theme, window, marker, row(3), buf);
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
            // A title is cut to what the band could show before its label is chosen, so a
            // frame costs the band's width, not the title's length.
            let mut text = era_label(clip(&eras[era].title, run.saturating_add(2).max(80)), run);
            let used = text.width();
            text.extend(std::iter::repeat_n(fill, run.saturating_sub(used)));
            buf.set_stringn(area.x + col, area.y, &text, run, theme.era(era));
        }
        col = end;
    }
}

/// The era's title if it fits its band, else its first word, else its initials ("Fujimori's
/// first year", "Fujimori's", "Ffy"), so every era on screen can be told apart; a band of one
/// column has room only for its fill.
fn era_label(title: &str, run: usize) -> String {
    let first_word = title.split_whitespace().next().unwrap_or_default();
    let initials: String = title
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .collect();
    [title, first_word, initials.as_str()]
        .into_iter()
        .map(|label| format!(" {label} "))
        .find(|label| label.width() <= run)
        .or_else(|| (run >= 2).then(|| leading(&initials, run)))
        .unwrap_or_default()
}

/// As many characters from the start as fit in `width` columns, with no ellipsis: in a band of
/// two columns "Ff" says more than "F…".
fn leading(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut used = 0;
    text.chars()
        .take_while(|c| {
            used += c.width().unwrap_or(0);
            used <= width
        })
        .collect()
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

/// Year (or month, or day) ticks, with the events beyond the window counted at its ends
/// (`◂ 8`, `3 ▸`); a count lights up when the selected event is out there.
fn draw_ticks(
    app: &App,
    theme: &Theme,
    window: Window,
    marker: Option<u16>,
    area: Rect,
    buf: &mut Buffer,
) {
    let (before, after) = app.outside_window(window);
    let selected = app.selected_event().map(|ix| app.place_days[ix]);
    let style_for = |outside: bool| if outside { theme.marker } else { theme.dim };
    let mut free_from = 0u16;
    let mut limit = area.width;
    if before > 0 {
        let text = format!("◂ {before}");
        let style = style_for(selected.is_some_and(|d| d < window.start));
        buf.set_stringn(area.x, area.y, &text, usize::from(area.width), style);
        free_from = (text.width() as u16).saturating_add(1);
    }
    if after > 0 {
        let text = format!("{after} ▸");
        let w = (text.width() as u16).min(area.width);
        let style = style_for(selected.is_some_and(|d| d >= window.end));
        buf.set_stringn(
            area.x + area.width - w,
            area.y,
            &text,
            usize::from(w),
            style,
        );
        limit = area.width.saturating_sub(w + 1);
    }
    let unit = choose_unit(window, area.width);
    for (day, label) in ticks(window, unit, usize::from(area.width)) {
        let Some(col) = window.column_of(day, area.width) else {
            continue;
        };
        if col < free_from {
            continue;
        }
        let text = format!("╵{label}");
        let end = col.saturating_add(text.width() as u16);
        // A label under the marker would be cut by it, one at the edge by the screen or a
        // count; leave those out rather than show half a word.
        if marker.is_some_and(|m| m >= col && m < end) || end > limit {
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
    use crate::model::date::day_number;

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
                    let ticks = ticks(window, unit, usize::from(width));
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
        let app = App::new(crate::model::Chronology::default());
        draw_ticks(&app, &Theme::monochrome(), window, None, area, &mut buf);
        let line: String = (0..120).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert!(line.contains('╵'), "no tick drawn: {line:?}");
    }
}
