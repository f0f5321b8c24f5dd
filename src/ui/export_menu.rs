//! `e`: the formats the events shown can be written in, read from the key table, in the small box
//! the date prompt uses.

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear};

use super::footer::hint_line;
use super::theme::Theme;
use crate::app::App;
use crate::app::keymap::Mode;
use crate::app::layout::Layout;

pub fn draw(app: &App, theme: &Theme, layout: &Layout, frame: &mut Frame) {
    let area = layout.prompt;
    if area.width < 4 || area.height < 3 {
        return;
    }
    frame.render_widget(Clear, area);
    let n = app.visible_len();
    let events = if n == 1 { "event" } else { "events" };
    let block = Block::new()
        .borders(Borders::ALL)
        .title(format!(" Export the {n} {events} shown "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let buf = frame.buffer_mut();
    let choices = hint_line(&app.keymap, Mode::ExportMenu, theme);
    buf.set_line(inner.x, inner.y, &choices, inner.width);
    if inner.height > 1 {
        buf.set_line(
            inner.x,
            inner.y + 1,
            &Line::styled(
                "a new file in the current directory, never overwriting",
                theme.dim,
            ),
            inner.width,
        );
    }
}
