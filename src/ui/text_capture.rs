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

/// The styles of a drawn screen, row by row, as runs of cells that share one: `3: 0-17 fg:Cyan;
/// 18-59 fg:Yellow +BOLD`. Rows and runs in the default style are left out. Snapshots of this
/// check what colour and emphasis say (the selection, the focused pane, causes against
/// consequences), which the text alone cannot.
pub fn capture_styles(width: u16, height: u16, draw: impl FnOnce(&mut Frame)) -> String {
    let Ok(mut terminal) = Terminal::new(TestBackend::new(width, height));
    let Ok(_) = terminal.draw(draw);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut runs: Vec<String> = Vec::new();
        let mut x = 0;
        while x < buffer.area.width {
            let style = buffer[(x, y)].style();
            let start = x;
            while x < buffer.area.width && buffer[(x, y)].style() == style {
                x += 1;
            }
            let described = describe(style);
            if !described.is_empty() {
                runs.push(format!("{start}-{} {described}", x - 1));
            }
        }
        if !runs.is_empty() {
            out.push_str(&format!("{y}: {}\n", runs.join("; ")));
        }
    }
    out
}

fn describe(style: ratatui::style::Style) -> String {
    use ratatui::style::Color;
    let mut parts = Vec::new();
    if let Some(fg) = style.fg.filter(|c| *c != Color::Reset) {
        parts.push(format!("fg:{fg}"));
    }
    if let Some(bg) = style.bg.filter(|c| *c != Color::Reset) {
        parts.push(format!("bg:{bg}"));
    }
    for (name, _) in style.add_modifier.iter_names() {
        parts.push(format!("+{name}"));
    }
    parts.join(" ")
}
