//! The `?` screen, written from the key table so it lists exactly what the keys do.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};

use super::theme::Theme;
use crate::app::Action;
use crate::app::cursor::ListCursor;
use crate::app::keymap::{HelpLine, Keymap, Mode};
use crate::app::layout::Layout;
use crate::fit::{fit, pad};

const KEY_COLUMN: usize = 18;

pub fn draw(
    keymap: &Keymap,
    theme: &Theme,
    layout: &Layout,
    cursor: ListCursor,
    frame: &mut Frame,
) {
    let area = layout.overlay;
    if area.width < 4 || area.height < 4 {
        return;
    }
    frame.render_widget(Clear, layout.body());
    frame.render_widget(Block::new().borders(Borders::ALL).title(" Help "), area);
    let heading = layout.overlay_list();
    let buf = frame.buffer_mut();
    let width = usize::from(heading.width);
    buf.set_line(
        heading.x,
        heading.y.saturating_sub(1),
        &Line::styled(
            fit(
                &format!(
                    "Every key. {}/{} scroll, {} or {} closes.",
                    keymap.key_for(Mode::Help, &Action::SelectNext),
                    keymap.key_for(Mode::Help, &Action::SelectPrev),
                    keymap.key_for(Mode::Help, &Action::Close),
                    keymap
                        .bindings()
                        .iter()
                        .filter(|b| b.applies_in(Mode::Help) && b.action == Action::Close)
                        .flat_map(|b| b.keys_in(Mode::Help))
                        .nth(1)
                        .map_or_else(|| keymap.key_for(Mode::Help, &Action::Quit), |k| k.label()),
                ),
                width,
            ),
            theme.dim,
        ),
        heading.width,
    );
    let lines = keymap.help_lines();
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
                Line::from(vec![
                    Span::styled(keys, theme.key),
                    Span::raw(fit(binding.help, rest)),
                ])
            }
        };
        buf.set_line(heading.x, heading.y + row, &line, heading.width);
    }
}
