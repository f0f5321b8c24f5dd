//! The detail pane: the layout `app::detail` makes for the selected event, styled. Actors,
//! consequences and causes are items the cursor can sit on; the pane scrolls to keep that item
//! in view.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::theme::Theme;
use crate::app::detail::{DetailLine, Part, layout};
use crate::app::layout::Layout;
use crate::app::{Action, App, Focus, Mode};

fn style(part: Part, theme: &Theme) -> Style {
    match part {
        Part::Date => theme.date,
        Part::Title => theme.title,
        Part::Body => Style::new(),
        Part::Heading => theme.heading,
        Part::Actor => theme.actor,
        Part::Aside => theme.dim,
        Part::Basis => theme.status,
        Part::Arrow(Focus::Causes) => theme.cause,
        Part::Arrow(_) => theme.consequence,
    }
}

fn styled(line: &DetailLine, theme: &Theme) -> Line<'static> {
    Line::from(
        line.iter()
            .map(|piece| Span::styled(piece.text.clone(), style(piece.part, theme)))
            .collect::<Vec<_>>(),
    )
}

pub fn draw(app: &App, theme: &Theme, layout_of: &Layout, frame: &mut Frame) {
    let area = layout_of.detail;
    if area.width < 4 || area.height == 0 {
        return;
    }
    frame.render_widget(
        Block::new().borders(Borders::LEFT).border_style(theme.dim),
        area,
    );
    let text = layout_of.detail_text();
    let content = layout(app, usize::from(text.width));
    let overflows = content.lines.len() > usize::from(text.height);
    let rows = content.text_rows(text.height);
    let top = content.scroll(app, usize::from(rows));
    let selected = content.selected_line(app);
    let buf = frame.buffer_mut();
    for (row, (n, line)) in (0u16..rows).zip(content.lines.iter().enumerate().skip(top)) {
        let line = styled(line, theme);
        let line = if Some(n) == selected {
            super::theme::highlight(&line, theme.selected)
        } else {
            line
        };
        buf.set_line(text.x, text.y + row, &line, text.width);
    }
    if overflows && text.height > 0 {
        // The key that moves between panes everywhere (Enter does only from the timeline).
        let tab = app.keymap.key_for(Mode::Actors, &Action::FocusNext);
        let hint = match (top > 0, content.lines.len() > top + usize::from(rows)) {
            (true, true) => format!("↑↓ more ({tab})"),
            (true, false) => "↑ more".to_owned(),
            _ => format!("↓ more ({tab})"),
        };
        let x = text.right().saturating_sub(hint.chars().count() as u16);
        buf.set_stringn(
            x,
            text.bottom() - 1,
            &hint,
            usize::from(text.width),
            theme.dim,
        );
    }
}
