//! The chain view: the tree of everything the selected event led to and came from.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};

use super::theme::{Theme, highlight};
use crate::app::chain::{ChainView, Direction, NodeKind};
use crate::app::layout::Layout;
use crate::app::{Action, App, Mode};
use crate::fit::{clip, fit};

pub fn draw(app: &App, theme: &Theme, layout: &Layout, view: &ChainView, frame: &mut Frame) {
    let area = layout.overlay;
    if area.width < 4 || area.height < 4 {
        return;
    }
    frame.render_widget(Clear, layout.body());
    let title = format!(
        " Chain: {} linked events{} ",
        view.linked_events(),
        if view.truncated { " (cut)" } else { "" }
    );
    frame.render_widget(Block::new().borders(Borders::ALL).title(title), area);
    let list = layout.overlay_list();
    let width = usize::from(list.width);
    let buf = frame.buffer_mut();
    buf.set_line(
        list.x,
        list.y.saturating_sub(1),
        &Line::styled(
            fit(
                &format!(
                    "→ led to · ← came from · (implied) (inferred) not stated · {} goes there · {} folds · {} closes",
                    app.keymap.key_for(Mode::Chain, &Action::FollowLink),
                    app.keymap.key_for(Mode::Chain, &Action::ToggleCollapse),
                    app.keymap.key_for(Mode::Chain, &Action::Close),
                ),
                width,
            ),
            theme.dim,
        ),
        list.width,
    );
    let height = usize::from(list.height);
    let offset = view
        .cursor
        .offset
        .min(view.rows.len().saturating_sub(height));
    for (row, (pos, &node_ix)) in
        (0u16..).zip(view.rows.iter().enumerate().skip(offset).take(height))
    {
        let node = view.nodes[node_ix];
        let event = &app.chronology.events[node.event];
        let fold = match (view.has_children(node_ix), view.collapsed[node_ix]) {
            (false, _) => "  ",
            (true, false) => "▾ ",
            (true, true) => "▸ ",
        };
        let indent = "  ".repeat(node.depth.saturating_sub(1).min(40));
        let spans = match node.kind {
            NodeKind::Root => vec![
                Span::raw(fold),
                Span::styled(event.human_date(), theme.date),
                Span::styled(format!("  {}", clip(&event.title, width)), theme.title),
            ],
            NodeKind::Section(direction) => {
                let (text, style) = match direction {
                    Direction::Downstream => ("Consequences (downstream)", theme.consequence),
                    Direction::Upstream => ("Causes (upstream)", theme.cause),
                };
                vec![
                    Span::raw(indent),
                    Span::raw(fold),
                    Span::styled(text, style),
                ]
            }
            NodeKind::Event { direction, repeat } => {
                let (arrow, style) = match direction {
                    Direction::Downstream => ("→ ", theme.consequence),
                    Direction::Upstream => ("← ", theme.cause),
                };
                let mut spans = vec![
                    Span::raw(indent),
                    Span::raw(fold),
                    Span::styled(arrow, style),
                    Span::styled(event.human_date(), theme.date),
                    Span::raw(format!("  {}", clip(&event.title, width))),
                ];
                if let Some(mark) = node.basis.mark() {
                    spans.push(Span::styled(format!(" ({mark})"), theme.status));
                }
                if repeat {
                    spans.push(Span::styled(" (again, see above)", theme.dim));
                }
                spans
            }
        };
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        let line = if fit(&text, width) == text {
            Line::from(spans)
        } else {
            // Too long: keep the styles of the start and cut the whole by columns.
            Line::raw(fit(&text, width))
        };
        let line = if pos == view.cursor.selected {
            highlight(&line, theme.selected)
        } else {
            line
        };
        buf.set_line(list.x, list.y + row, &line, list.width);
    }
}
