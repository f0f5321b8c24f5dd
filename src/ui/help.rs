//! The `?` screen, written from the key table so it lists exactly what the keys do.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};

use super::theme::Theme;
use crate::app::Action;
use crate::app::cursor::ListCursor;
use crate::app::keymap::{HelpLine, Keymap, Mode};
use crate::app::layout::Layout;
use unicode_width::UnicodeWidthStr;

use crate::fit::{fit, pad};

const KEY_COLUMN: usize = 18;

/// The help overlay's cursor, what `/` typed in it, and whether keys still type there.
pub type HelpState<'a> = (ListCursor, &'a str, bool);

pub fn draw(keymap: &Keymap, theme: &Theme, layout: &Layout, state: HelpState, frame: &mut Frame) {
    let (cursor, search, typing) = state;
    let area = layout.overlay;
    if area.width < 4 || area.height < 4 {
        return;
    }
    frame.render_widget(Clear, layout.body());
    frame.render_widget(Block::new().borders(Borders::ALL).title(" Help "), area);
    let heading = layout.overlay_list();
    let buf = frame.buffer_mut();
    let width = usize::from(heading.width);
    let key = |action| keymap.key_for(Mode::Help, &action);
    let top = if typing || !search.is_empty() {
        let cursor = if typing { "█" } else { "" };
        Line::from(vec![
            Span::styled(
                format!("{}{search}{cursor}", key(Action::SearchHelp)),
                theme.key,
            ),
            Span::styled(
                format!("  ({} clears the search)", key(Action::Close)),
                theme.dim,
            ),
        ])
    } else {
        Line::styled(
            fit(
                &format!(
                    "Every key, and where it works. {}/{} scroll, {} searches, {} closes.",
                    key(Action::SelectNext),
                    key(Action::SelectPrev),
                    key(Action::SearchHelp),
                    key(Action::Close),
                ),
                width,
            ),
            theme.dim,
        )
    };
    buf.set_line(heading.x, heading.y.saturating_sub(1), &top, heading.width);
    let lines = keymap.help_lines_matching(search);
    let height = usize::from(heading.height);
    let offset = cursor.offset.min(lines.len().saturating_sub(height));
    for (row, line) in (0u16..).zip(lines.iter().skip(offset).take(height)) {
        let line = match line {
            HelpLine::Heading(text) => Line::styled(fit(text, width), theme.heading),
            HelpLine::Blank => Line::default(),
            HelpLine::Note(text) => Line::raw(fit(&format!("  {text}"), width)),
            HelpLine::Binding(binding) => {
                let keys: Vec<String> = binding.keys().map(|k| k.label()).collect();
                let keys = pad(&format!("  {}", keys.join(" ")), KEY_COLUMN);
                let rest = width.saturating_sub(KEY_COLUMN);
                let help = fit(binding.help, rest);
                let mut spans = vec![Span::styled(keys, theme.key)];
                let left = rest.saturating_sub(help.width());
                spans.push(Span::raw(help));
                if let Some(context) = binding.context().filter(|_| left > 4) {
                    spans.push(Span::styled(fit(&format!(" · {context}"), left), theme.dim));
                }
                Line::from(spans)
            }
        };
        buf.set_line(heading.x, heading.y + row, &line, heading.width);
    }
}
