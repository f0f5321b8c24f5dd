//! `e`: the formats the events shown can be written in, read from the key table, in the small box
//! the date prompt uses. The box grows downwards when a narrow terminal wraps the choices, so
//! every format (and how to cancel) stays on screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear};

use super::footer::hint_lines;
use super::theme::Theme;
use crate::app::App;
use crate::app::keymap::Mode;
use crate::app::layout::Layout;
use crate::fit::{fit, wrap};

const WHERE: &str = "a new file in the current directory, never overwriting";

pub fn draw(app: &App, theme: &Theme, layout: &Layout, frame: &mut Frame) {
    let prompt = layout.prompt;
    if prompt.width < 4 || prompt.height < 3 {
        return;
    }
    let width = usize::from(prompt.width - 2);
    let mut lines = hint_lines(&app.keymap, Mode::ExportMenu, theme, width);
    lines.extend(
        wrap(WHERE, width)
            .into_iter()
            .map(|text| Line::styled(text, theme.dim)),
    );
    // The body's height: the box may cover the timeline down to the footer, no further.
    let room = layout.overlay.height.max(prompt.height);
    let height = u16::try_from(lines.len() + 2).map_or(room, |h| h.min(room));
    let area = Rect { height, ..prompt };
    frame.render_widget(Clear, area);
    let n = app.visible_len();
    let events = if n == 1 { "event" } else { "events" };
    let block = Block::new()
        .borders(Borders::ALL)
        .title(fit(&format!(" Export the {n} {events} shown "), width));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let buf = frame.buffer_mut();
    for (line, y) in lines.iter().zip(inner.y..inner.y + inner.height) {
        buf.set_line(inner.x, y, line, inner.width);
    }
}
