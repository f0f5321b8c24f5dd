//! Colours with a meaning, and a monochrome theme for `NO_COLOR` that says the same things with
//! bold, reverse and underline. Both themes draw the same characters, so a screen reads the same
//! either way (and snapshots do not change).

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub dim: Style,
    pub heading: Style,
    /// The cursor in the pane that has the keys.
    pub selected: Style,
    /// The selection in a pane that does not have the keys.
    pub selected_idle: Style,
    pub date: Style,
    pub consequence: Style,
    pub cause: Style,
    pub actor: Style,
    pub key: Style,
    pub density: Style,
    pub marker: Style,
    pub warning: Style,
    pub status: Style,
    pub filter: Style,
    /// Era bands cycle through these.
    pub eras: [Style; 4],
}

impl Theme {
    pub fn color() -> Theme {
        Theme {
            title: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selected: Style::new().fg(Color::Black).bg(Color::Yellow),
            selected_idle: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            date: Style::new().fg(Color::Cyan),
            consequence: Style::new().fg(Color::Green),
            cause: Style::new().fg(Color::Magenta),
            actor: Style::new().fg(Color::LightBlue),
            key: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            density: Style::new().fg(Color::Cyan),
            marker: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            status: Style::new().fg(Color::Yellow),
            filter: Style::new().fg(Color::Black).bg(Color::LightBlue),
            eras: [
                Style::new().fg(Color::White).bg(Color::Blue),
                Style::new().fg(Color::Black).bg(Color::Green),
                Style::new().fg(Color::White).bg(Color::Magenta),
                Style::new().fg(Color::Black).bg(Color::Cyan),
            ],
        }
    }

    pub fn monochrome() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            title: bold,
            dim: plain,
            heading: bold.add_modifier(Modifier::UNDERLINED),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_idle: bold.add_modifier(Modifier::UNDERLINED),
            date: plain,
            consequence: plain,
            cause: plain,
            actor: plain,
            key: bold,
            density: plain,
            marker: bold.add_modifier(Modifier::REVERSED),
            warning: bold,
            status: bold,
            filter: Style::new().add_modifier(Modifier::REVERSED),
            eras: [
                Style::new().add_modifier(Modifier::REVERSED),
                bold,
                Style::new().add_modifier(Modifier::REVERSED),
                bold,
            ],
        }
    }

    /// Monochrome when `NO_COLOR` is set to anything but the empty string (no-color.org).
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Theme::monochrome(),
            _ => Theme::color(),
        }
    }

    pub fn era(&self, era: usize) -> Style {
        self.eras[era % self.eras.len()]
    }
}

/// The line with `style` laid over every span, so a selection shows whatever colours the spans
/// had.
pub fn highlight(
    line: &ratatui::text::Line<'static>,
    style: Style,
) -> ratatui::text::Line<'static> {
    let mut line = line.clone();
    for span in &mut line.spans {
        span.style = span.style.patch(style);
    }
    line.style = line.style.patch(style);
    line
}
