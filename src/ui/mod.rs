//! Drawing. `view` reads the state and paints one frame; it never changes anything, so any state
//! can be rendered into a test buffer and compared.

pub mod actors;
pub mod chain;
pub mod detail;
pub mod fit;
pub mod footer;
pub mod header;
pub mod help;
pub mod layout;
pub mod prompt;
pub mod theme;
pub mod timeline;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::app::{App, Overlay};
use layout::Layout;
use theme::Theme;

/// Paints the whole screen for the current state.
pub fn view(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let layout = Layout::new(area);
    if layout.too_small {
        let message = format!(
            "Terminal too small ({}x{}): quipu needs {}x{}. Enlarge it, or press q to quit.",
            area.width,
            area.height,
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
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
            Overlay::Help { cursor } => help::draw(theme, &layout, *cursor, frame),
            Overlay::Chain(chain) => chain::draw(app, theme, &layout, chain, frame),
            Overlay::Actors(actors) => actors::draw(app, theme, &layout, actors, frame),
            Overlay::DatePrompt(prompt) => prompt::draw(theme, &layout, prompt, frame),
        }
    }
}
