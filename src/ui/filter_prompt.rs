//! The filter prompt (`f`): a box under the header with the query, and under it whichever has
//! something to say: the error with a caret under its column, Tab's candidates, a note, or a hint.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::layout::Layout;
use crate::app::query::FilterPrompt;
use crate::app::{Action, App, Mode};
use crate::fit::{fit, wrap};

const HINT: &str = "e.g. actor:usa date:<1992-04 -tag:economy · (a or b) · \"quoted words\"";

/// Widest the box grows on a wide terminal.
const MAX_WIDTH: u16 = 100;

pub fn draw(app: &App, theme: &Theme, layout: &Layout, prompt: &FilterPrompt, frame: &mut Frame) {
    let body = layout.body();
    let width = body.width.saturating_sub(4).min(MAX_WIDTH);
    let inner_width = usize::from(width.saturating_sub(2));
    let key = |action| app.keymap.key_for(Mode::FilterPrompt, &action);
    // What the input shows: its tail when it is wider than the box, so the end being typed is seen.
    let room = inner_width.saturating_sub(3);
    let skipped = skip_for(&prompt.input, room);
    let shown: String = prompt.input.chars().skip(skipped).collect();
    let mut lines: Vec<Line> = vec![Line::from(vec![
        Span::styled("> ", theme.key),
        Span::raw(fit(&shown, room)),
        Span::raw("█"),
    ])];
    if let Some(error) = &prompt.error {
        let before: String = prompt
            .input
            .chars()
            .skip(skipped)
            .take(error.column.saturating_sub(1 + skipped))
            .collect();
        let caret = 2 + before.width();
        lines.push(Line::styled(
            fit(&format!("{}^", " ".repeat(caret)), inner_width),
            theme.warning,
        ));
        let message = format!("column {}: {}", error.column, error.message);
        lines.extend(styled(wrap(&message, inner_width), theme.warning));
        if !error.help.is_empty() {
            lines.extend(styled(
                wrap(&format!("help: {}", error.help), inner_width),
                theme.dim,
            ));
        }
    } else if !prompt.candidates.is_empty() {
        lines.push(candidates(&prompt.candidates, inner_width, theme));
    } else if let Some(note) = &prompt.note {
        lines.extend(styled(wrap(note, inner_width), theme.status));
    } else if app.filtering.is_some() {
        lines.push(Line::styled("filtering…", theme.dim));
    } else {
        let keys = format!(
            "{} applies · {} completes · {}/{} history · {} cancels",
            key(Action::PromptSubmit),
            key(Action::PromptComplete),
            key(Action::PromptHistoryPrev),
            key(Action::PromptHistoryNext),
            key(Action::Close),
        );
        lines.push(Line::styled(fit(HINT, inner_width), theme.dim));
        lines.push(Line::styled(fit(&keys, inner_width), theme.dim));
    }
    let wanted = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let area = Rect {
        x: body.x + body.width.saturating_sub(width) / 2,
        y: layout.prompt.y,
        width: width.min(body.width),
        height: wanted.min(body.height),
    };
    if area.width < 4 || area.height < 3 {
        return;
    }
    frame.render_widget(Clear, area);
    let title = match &app.filter {
        Some(_) => " Filter: edit the query ",
        None => " Filter by a query ",
    };
    let block = Block::new().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let buf = frame.buffer_mut();
    for (row, line) in (inner.y..inner.bottom()).zip(&lines) {
        buf.set_line(inner.x, row, line, inner.width);
    }
}

/// How many chars of `input` to leave out at the start so its end fits in `room` columns.
fn skip_for(input: &str, room: usize) -> usize {
    let mut width = 0;
    let mut kept = 0;
    for c in input.chars().rev() {
        width += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if width > room.saturating_sub(1) {
            break;
        }
        kept += 1;
    }
    input.chars().count() - kept
}

fn styled(lines: Vec<String>, style: Style) -> impl Iterator<Item = Line<'static>> {
    lines.into_iter().map(move |l| Line::styled(l, style))
}

/// Tab's candidates on one row, as many as fit, and how many more there are.
fn candidates(all: &[String], width: usize, theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (i, candidate) in all.iter().enumerate() {
        let more = format!(" … +{}", all.len() - i);
        let needed = candidate.width() + 2;
        if used + needed + more.width() > width && i + 1 < all.len() || used + needed > width {
            spans.push(Span::styled(more, theme.dim));
            break;
        }
        spans.push(Span::styled(candidate.clone(), theme.actor));
        spans.push(Span::raw("  "));
        used += needed;
    }
    Line::from(spans)
}
