//! The jump-to-date prompt: a small box under the header.
//!
//! A refusal explains itself (both readings of `5/4/1992`, what EDTF expects), so the box grows
//! to show the whole message wrapped, instead of cutting it at the frame.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear};

use super::theme::Theme;
use crate::app::Action;
use crate::app::keymap::{Keymap, Mode};
use crate::app::layout::Layout;
use crate::app::overlay::DatePrompt;
use crate::fit::{fit, wrap};

const HINT: &str = "e.g. 5 April 1992, April 1992, spring 1991, the 1990s, 1991-05, today";

pub fn draw(
    keymap: &Keymap,
    theme: &Theme,
    layout: &Layout,
    prompt: &DatePrompt,
    frame: &mut Frame,
) {
    let body = layout.body();
    // An error takes the width of the body (less a margin), so long messages need few lines.
    let width = match &prompt.error {
        Some(_) => body.width.saturating_sub(4).max(layout.prompt.width),
        None => layout.prompt.width,
    };
    let inner_width = usize::from(width.saturating_sub(2));
    let (message, style) = match &prompt.error {
        Some(error) => (wrap(error, inner_width), theme.warning),
        None => (vec![fit(HINT, inner_width)], theme.dim),
    };
    let wanted = u16::try_from(message.len() + 3).unwrap_or(u16::MAX);
    let area = Rect {
        x: body.x + (body.width.saturating_sub(width)) / 2,
        y: layout.prompt.y,
        width: width.min(body.width),
        height: wanted.min(body.height),
    };
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
    for (row, text) in (inner.y + 1..inner.bottom()).zip(&message) {
        buf.set_line(
            inner.x,
            row,
            &Line::styled(fit(text, width), style),
            inner.width,
        );
    }
}
