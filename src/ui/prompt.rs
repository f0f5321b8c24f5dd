//! The jump-to-date prompt: a small box under the header.

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear};

use super::theme::Theme;
use crate::app::Action;
use crate::app::keymap::{Keymap, Mode};
use crate::app::layout::Layout;
use crate::app::overlay::DatePrompt;
use crate::fit::fit;

pub fn draw(
    keymap: &Keymap,
    theme: &Theme,
    layout: &Layout,
    prompt: &DatePrompt,
    frame: &mut Frame,
) {
    let area = layout.prompt;
    if area.width < 4 || area.height < 3 {
        return;
    }
    frame.render_widget(Clear, area);
    let block = Block::new().borders(Borders::ALL).title(format!(
        " Jump to date ({} jumps, {} cancels) ",
        keymap.key_for(Mode::DatePrompt, &Action::PromptSubmit),
        keymap.key_for(Mode::DatePrompt, &Action::Close)
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let buf = frame.buffer_mut();
    let input = format!("> {}█", prompt.input);
    buf.set_line(
        inner.x,
        inner.y,
        &Line::raw(fit(&input, width)),
        inner.width,
    );
    if inner.height > 1 {
        let (text, style) = match &prompt.error {
            Some(error) => (error.as_str(), theme.warning),
            None => ("e.g. 1992, 1991-05, 1992-04-05, 1990~", theme.dim),
        };
        buf.set_line(
            inner.x,
            inner.y + 1,
            &Line::styled(fit(text, width), style),
            inner.width,
        );
    }
}
