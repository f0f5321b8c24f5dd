//! The footer: the keys that matter where the cursor is (read from the key table), the active
//! filter, a message if there is one, and the position in the timeline.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::Action;
use crate::app::App;
use crate::app::keymap::{Keymap, Mode, footer_hints_for};
use crate::app::layout::Layout;
use crate::app::overlay::Overlay;
use crate::fit::fit;

/// Every key of a mode that has no footer of its own (the loading screen, the export menu) as
/// hints (`m Markdown  d dot  …`) packed into lines of at most `width` columns, a key never
/// parted from its word, so a narrow box shows every choice instead of cutting the last ones off
/// mid-word. A hint wider than a whole line is cut with an ellipsis.
pub fn hint_lines(keymap: &Keymap, mode: Mode, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for (keys, word) in keymap.footer_hints(mode) {
        let needed = keys.width() + 1 + word.width();
        if used > 0 && used + 2 + needed > width {
            lines.push(Line::from(std::mem::take(&mut spans)));
            used = 0;
        }
        if used > 0 {
            spans.push(Span::raw("  "));
            used += 2;
        }
        let keys = fit(&keys, width);
        let word = fit(&format!(" {word}"), width.saturating_sub(keys.width()));
        used += keys.width() + word.width();
        spans.push(Span::styled(keys, theme.key));
        spans.push(Span::raw(word));
    }
    if !spans.is_empty() {
        lines.push(Line::from(spans));
    }
    lines
}

pub fn draw(app: &App, theme: &Theme, layout: &Layout, frame: &mut Frame) {
    let area = layout.footer;
    let width = usize::from(area.width);
    if width == 0 || area.height == 0 {
        return;
    }
    let position = match app.visible_len() {
        0 => "0/0".to_owned(),
        len => format!("{}/{len}", app.timeline.selected.min(len - 1) + 1),
    };
    let position = format!(" {position}");
    let hints = footer_hints_for(app);
    let essential = app.keymap.essential_words(Mode::of(app));
    let hint_width = |keys: &str, word: &str| keys.width() + word.width() + 2;
    // `? help`, `/ search` and `q quit` are kept whatever the width: the filter's text is cut
    // first, then the other hints go, last in the table first.
    let essentials: usize = hints
        .iter()
        .filter(|(_, word)| essential.contains(word))
        .map(|(keys, word)| hint_width(keys, word))
        .sum();
    let mut right = vec![Span::raw(position.clone())];
    let room = width
        .saturating_sub(position.width() + essentials + 1)
        .min(width / 2);
    if app.filtering.is_some() {
        right.insert(0, Span::styled(fit(" filtering… ", room), theme.status));
    } else if let Some(filter) = &app.filter {
        // The query as typed, cut to the room left: `f` shows it whole.
        let label = fit(
            &format!(
                " only: {} ({} clears) ",
                crate::fit::clip(&filter.query, room),
                app.keymap.key_for(Mode::Timeline, &Action::ClearFilter)
            ),
            room,
        );
        right.insert(0, Span::styled(label, theme.filter));
    }
    if let Some(note) = &app.file_note {
        let label = fit(&format!(" {note} "), width / 2);
        right.insert(0, Span::styled(label, theme.status));
    } else if app.problems.invalid && !matches!(app.overlays.last(), Some(Overlay::Problems(_))) {
        // Once the panel is closed, nothing else says that the file on disk is not what the
        // timeline shows: this stays until the file is mended.
        let label = fit(
            &format!(
                " file invalid: {} shows why ",
                app.keymap.key_for(Mode::Timeline, &Action::OpenProblems)
            ),
            width / 2,
        );
        right.insert(0, Span::styled(label, theme.warning));
    }
    let right_width: usize = right.iter().map(|s| s.content.width()).sum();
    let room = width.saturating_sub(right_width + 1);
    let mut left: Vec<Span> = Vec::new();
    if let Some(status) = &app.status {
        left.push(Span::styled(fit(status, room), theme.status));
    } else {
        let mut spare = room.saturating_sub(essentials);
        let shown: Vec<bool> = hints
            .iter()
            .map(|(keys, word)| {
                if essential.contains(word) {
                    return true;
                }
                let needed = hint_width(keys, word);
                // Skip rather than stop: a shorter hint further on may still fit.
                let fits = needed <= spare;
                if fits {
                    spare -= needed;
                }
                fits
            })
            .collect();
        let mut used = 0;
        for ((keys, word), shown) in hints.into_iter().zip(shown) {
            let needed = hint_width(&keys, word);
            if !shown || used + needed > room {
                continue;
            }
            left.push(Span::styled(keys, theme.key));
            left.push(Span::styled(format!(" {word} "), theme.dim));
            used += needed;
        }
    }
    let left_width: usize = left.iter().map(|s| s.content.width()).sum();
    left.push(Span::raw(
        " ".repeat(width.saturating_sub(left_width + right_width)),
    ));
    left.extend(right);
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &Line::from(left), area.width);
}
