//! Drawing. `view` reads the state and paints one frame; it never changes anything, so any state
//! can be rendered into a test buffer and compared.

pub mod about;
pub mod actors;
pub mod axis;
pub mod chain;
pub mod detail;
pub mod export_menu;
pub mod facets;
pub mod filter_prompt;
pub mod footer;
pub mod header;
pub mod help;
pub mod lanes;
pub mod loading;
pub mod palette;
pub mod problems;
pub mod prompt;
pub mod text_capture;
pub mod theme;
pub mod timeline;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::app::layout::{self, Layout};
use crate::app::{Action, App, Mode, Overlay};
use theme::Theme;

/// Paints the whole screen for the current state.
pub fn view(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let layout = Layout::new(area);
    if layout.too_small {
        let message = format!(
            "Terminal too small ({}x{}): quipu needs {}x{}. Enlarge it, or press {} to quit.",
            area.width,
            area.height,
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT,
            app.keymap.key_for(Mode::Timeline, &Action::Quit)
        );
        frame.render_widget(Clear, area);
        frame.render_widget(
            Paragraph::new(Line::styled(message, theme.warning)).wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    header::draw(app, theme, &layout, frame);
    timeline::draw(app, theme, &layout, frame);
    detail::draw(app, theme, &layout, frame);
    footer::draw(app, theme, &layout, frame);
    for overlay in &app.overlays {
        match overlay {
            Overlay::Help {
                cursor,
                search,
                typing,
            } => help::draw(
                &app.keymap,
                theme,
                &layout,
                (*cursor, search, *typing),
                frame,
            ),
            Overlay::Chain(chain) => chain::draw(app, theme, &layout, chain, frame),
            Overlay::Actors(actors) => actors::draw(app, theme, &layout, actors, frame),
            Overlay::DatePrompt(prompt) => prompt::draw(&app.keymap, theme, &layout, prompt, frame),
            Overlay::Palette(palette) => palette::draw(app, theme, &layout, palette, frame),
            Overlay::ExportMenu => export_menu::draw(app, theme, &layout, frame),
            Overlay::About(view) => about::draw(app, theme, &layout, view, frame),
            Overlay::Lanes(lanes) => lanes::draw(app, theme, &layout, lanes, frame),
            Overlay::Problems(problems) => problems::draw(app, theme, &layout, problems, frame),
            Overlay::FilterPrompt(prompt) => {
                filter_prompt::draw(app, theme, &layout, prompt, frame)
            }
            Overlay::Facets(facets) => facets::draw(app, theme, &layout, facets, frame),
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::app::{Action, update};
    use crate::model::{Chronology, Event, EventDate};

    /// A chronology far larger than any frame, built directly (the loader is not under test).
    fn huge(events: usize) -> Chronology {
        let template = EventDate::parse("1970-01-01").unwrap();
        let events = (0..events)
            .map(|i| {
                let day = i64::try_from(i / 4).unwrap_or(0);
                let mut date = template.clone();
                date.earliest = day;
                date.latest = day;
                Event {
                    id: compact_str::format_compact!("e{i}"),
                    date,
                    display_date: Some("a day".to_owned()),
                    title: format!("Event {i}"),
                    aliases: Box::default(),
                    summary: String::new(),
                    basis: Default::default(),
                    actors: Box::default(),
                    consequences: Box::default(),
                    causes: Box::default(),
                    tags: Box::default(),
                    sources: Box::default(),
                }
            })
            .collect();
        Chronology {
            title: "huge".to_owned(),
            events,
            ..Chronology::default()
        }
    }

    /// Drawing a million events works at every place the reader can go. How long a frame takes
    /// is measured by `benches/frame.rs`, not here: budgets belong in benches, not timed tests.
    #[test]
    fn a_million_events_draw_anywhere() {
        let mut app = App::new(huge(1_000_000));
        update(
            &mut app,
            Action::Resize {
                width: 200,
                height: 60,
            },
        );
        let theme = Theme::monochrome();
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        for i in 0..60 {
            let action = match i % 4 {
                0 => Action::PageDown,
                1 => Action::SelectLast,
                2 => Action::ZoomIn,
                _ => Action::HalfPageUp,
            };
            update(&mut app, action);
            terminal.draw(|frame| view(&app, &theme, frame)).unwrap();
            let screen: String = terminal
                .backend()
                .buffer()
                .content()
                .iter()
                .map(|c| c.symbol())
                .collect();
            let title = format!("Event {} ", app.timeline.selected);
            assert!(screen.contains(&title), "step {i}: {title} is on screen");
        }
    }
}
