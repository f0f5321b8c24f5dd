//! The actors view: every actor with kind and number of events; Enter filters the timeline.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};

use super::theme::{Theme, highlight};
use crate::app::layout::Layout;
use crate::app::overlay::ActorsView;
use crate::app::{Action, App, Mode};
use crate::fit::{fit, pad, pad_left};

pub fn draw(app: &App, theme: &Theme, layout: &Layout, view: &ActorsView, frame: &mut Frame) {
    let area = layout.overlay;
    if area.width < 4 || area.height < 4 {
        return;
    }
    frame.render_widget(Clear, layout.body());
    let title = format!(" Actors ({}) ", view.order.len());
    frame.render_widget(Block::new().borders(Borders::ALL).title(title), area);
    let list = layout.overlay_list();
    let width = usize::from(list.width);
    let buf = frame.buffer_mut();
    let filtered = app
        .filter
        .as_ref()
        .map(|f| f.actors.as_slice())
        .unwrap_or(&[]);
    let key = |action| app.keymap.key_for(Mode::ActorsView, &action);
    let (enter, close) = (key(Action::FilterByActor), key(Action::Close));
    let lane = key(Action::ToggleLane);
    let heading = if filtered.is_empty() {
        format!("{enter} shows only this actor's events · {lane} picks a lane (≡) · {close} closes")
    } else {
        let clear = key(Action::ClearFilter);
        format!("{enter} narrows the filter (✓) · {clear} clears · {lane} picks a lane (≡)")
    };
    buf.set_line(
        list.x,
        list.y.saturating_sub(1),
        &Line::styled(fit(&heading, width), theme.dim),
        list.width,
    );
    let height = usize::from(list.height);
    let offset = view
        .cursor
        .offset
        .min(view.order.len().saturating_sub(height));
    let kind_width = 13;
    let count_width = 11;
    let name_width = width.saturating_sub(kind_width + count_width + 3);
    for (row, (pos, &actor_ix)) in
        (0u16..).zip(view.order.iter().enumerate().skip(offset).take(height))
    {
        let actor = &app.chronology.actors[actor_ix];
        let count = app.chronology.events_of(actor_ix).len();
        let mark = if filtered.contains(&actor_ix) {
            "✓ "
        } else if app.lane_picks.contains(&actor_ix) {
            "≡ "
        } else {
            "  "
        };
        let events = if count == 1 { "event" } else { "events" };
        let line = Line::from(vec![
            Span::raw(mark),
            Span::styled(pad(&actor.name, name_width), theme.actor),
            Span::styled(
                pad(&format!(" {}", actor.kind.as_str()), kind_width),
                theme.dim,
            ),
            Span::raw(pad_left(&format!("{count} {events}"), count_width)),
        ]);
        let line = if pos == view.cursor.selected {
            highlight(&line, theme.selected)
        } else {
            line
        };
        buf.set_line(list.x, list.y + row, &line, list.width);
    }
}
