//! A screen as plain text, the way `tmux capture-pane` shows it: for snapshot tests, benches and
//! the capture in the README, which all need the same rendering without a terminal.

use ratatui::backend::TestBackend;
use ratatui::{Frame, Terminal};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::view;
use crate::app::App;

/// Draws `app` at `width`×`height` and returns the rows, trailing spaces trimmed.
pub fn capture(app: &App, theme: &Theme, width: u16, height: u16) -> String {
    capture_with(width, height, |frame| view(app, theme, frame))
}

/// [`capture`] for any drawing, such as the loading screen, which has no app behind it.
pub fn capture_with(width: u16, height: u16, draw: impl FnOnce(&mut Frame)) -> String {
    // TestBackend cannot fail: its error type is Infallible.
    let Ok(mut terminal) = Terminal::new(TestBackend::new(width, height));
    let Ok(_) = terminal.draw(draw);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buffer.area.width {
            // A wide character fills the cell after it; skip that cell as a terminal would.
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            x = x.saturating_add(u16::try_from(symbol.width().max(1)).unwrap_or(1));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
