//! The timeline pane: one event a row (date, title, how many consequences and causes), era
//! separators, drawn from the offset only, so a million events cost what twenty do.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::layout::Layout;
use crate::app::timeline::Row;
use crate::app::{App, Focus};
use crate::fit::{clip, first_fitting, fit, pad, pad_left};

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
    let date_width = date_column(app.date_width, width);
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
            Row::NoEra => Line::styled("─".repeat(width), theme.dim),
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
                    Span::styled(
                        pad_left(&first_fitting(event.date_forms(), date_width), date_width),
                        theme.date,
                    ),
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

/// Room between the date and the title, and the →N ←N column with its space.
const GAPS: usize = 2 + 1 + 6;

/// A title this wide reads comfortably; columns beyond it go to the date.
const TITLE_ROOM: usize = 48;

/// Columns of a year with its one mark, the least a date column can say ("1991", "1970s",
/// "1968–", "44 BC"); shorter forms of the date are taken before any is cut (see
/// [`Event::date_forms`](crate::model::chronology::Event)).
const YEAR_COLUMNS: usize = 5;

/// The fewest columns a title is given beside a year-wide date column.
const TITLE_LEAST: usize = 8;

/// The date column: on a wide row, everything beyond a comfortable title, up to the widest date
/// (so "after 1975, into the early 1990s" shows whole); on a narrower one 30% of the row;
/// and never so much that titles get less than half, except that a row with room for a year and
/// a short title keeps the year, and a row without it drops the column rather than show "1…".
pub fn date_column(widest: usize, width: usize) -> usize {
    let wanted = width.saturating_sub(TITLE_ROOM + GAPS).max(width * 3 / 10);
    let column = widest
        .min(wanted)
        .min(width.saturating_sub(width / 2 + GAPS));
    if column >= YEAR_COLUMNS.min(widest) {
        column
    } else if width >= YEAR_COLUMNS + GAPS + TITLE_LEAST {
        YEAR_COLUMNS.min(widest)
    } else {
        0
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_column_grows_with_the_row_but_leaves_titles_half() {
        assert_eq!(date_column(32, 200), 32, "wide: the widest date whole");
        assert_eq!(date_column(10, 200), 10, "never wider than the dates");
        assert_eq!(date_column(32, 88), 31, "the rest beyond a 48-column title");
        assert_eq!(date_column(32, 66), 19, "30% of a medium row");
        assert_eq!(date_column(32, 44), 13, "26 March 1991 fits at 80 columns");
        assert_eq!(date_column(32, 5), 0);
        assert_eq!(date_column(32, 22), 5, "a year beside a short title");
        assert_eq!(
            date_column(32, 20),
            0,
            "no room for both: the title has the row"
        );
        assert_eq!(date_column(3, 22), 3, "never wider than the dates");
        for width in 0..300 {
            let date = date_column(32, width);
            let title = width.saturating_sub(date + GAPS);
            assert!(
                title >= width / 2 || date == 0 || (date == YEAR_COLUMNS && title >= TITLE_LEAST),
                "{width}: date {date}, title {title}"
            );
            assert!(
                date == 0 || date >= YEAR_COLUMNS,
                "{width}: a date column of {date}"
            );
        }
    }
}
