//! The `i` screen, drawn from the layout `app::about` makes.

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear};

use super::theme::Theme;
use crate::app::about::{AboutLine, lines};
use crate::app::layout::Layout;
use crate::app::overlay::AboutView;
use crate::app::{Action, App, Mode};
use crate::fit::fit;

pub fn draw(app: &App, theme: &Theme, layout: &Layout, view: &AboutView, frame: &mut Frame) {
    let area = layout.overlay;
    if area.width < 4 || area.height < 4 {
        return;
    }
    frame.render_widget(Clear, layout.body());
    frame.render_widget(Block::new().borders(Borders::ALL).title(" About "), area);
    let list = layout.overlay_list();
    let width = usize::from(list.width);
    let buf = frame.buffer_mut();
    buf.set_line(
        list.x,
        list.y.saturating_sub(1),
        &Line::styled(
            fit(
                &format!(
                    "{}/{} scroll, {} closes.",
                    app.keymap.key_for(Mode::About, &Action::SelectNext),
                    app.keymap.key_for(Mode::About, &Action::SelectPrev),
                    app.keymap
                        .keys_for(Mode::About, &Action::Close)
                        .join(" or "),
                ),
                width,
            ),
            theme.dim,
        ),
        list.width,
    );
    let lines = lines(app, view, width);
    let height = usize::from(list.height);
    let offset = view.cursor.offset.min(lines.len().saturating_sub(height));
    for (row, line) in (0u16..).zip(lines.iter().skip(offset).take(height)) {
        let line = match line {
            AboutLine::Heading(text) => Line::styled(fit(text, width), theme.heading),
            AboutLine::Text(text) => Line::raw(fit(text, width)),
            AboutLine::Dim(text) => Line::styled(fit(text, width), theme.dim),
            AboutLine::Blank => Line::default(),
        };
        buf.set_line(list.x, list.y + row, &line, list.width);
    }
}
