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

    /// For a light background: dark text colours, where the dark theme's yellow and white would
    /// vanish.
    pub fn light() -> Theme {
        Theme {
            title: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::Gray),
            heading: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            selected: Style::new().fg(Color::White).bg(Color::Blue),
            date: Style::new().fg(Color::Blue),
            consequence: Style::new().fg(Color::Green),
            cause: Style::new().fg(Color::Magenta),
            actor: Style::new().fg(Color::Blue),
            key: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            density: Style::new().fg(Color::Blue),
            status: Style::new().fg(Color::Red),
            filter: Style::new().fg(Color::White).bg(Color::Blue),
            eras: [
                Style::new().fg(Color::Black).bg(Color::LightBlue),
                Style::new().fg(Color::Black).bg(Color::LightGreen),
                Style::new().fg(Color::Black).bg(Color::LightMagenta),
                Style::new().fg(Color::Black).bg(Color::LightCyan),
            ],
            ..Theme::color()
        }
    }

    /// Only the strongest contrasts: white, black and bright colours, bold where it helps.
    pub fn high_contrast() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            title: Style::new().fg(Color::White).add_modifier(bold),
            dim: Style::new().fg(Color::Gray),
            heading: Style::new().fg(Color::LightCyan).add_modifier(bold),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(bold),
            date: Style::new().fg(Color::LightCyan),
            consequence: Style::new().fg(Color::LightGreen).add_modifier(bold),
            cause: Style::new().fg(Color::LightMagenta).add_modifier(bold),
            actor: Style::new().fg(Color::LightYellow),
            key: Style::new().fg(Color::LightYellow).add_modifier(bold),
            density: Style::new().fg(Color::White),
            filter: Style::new().fg(Color::Black).bg(Color::LightYellow),
            ..Theme::color()
        }
    }

    /// The theme a name stands for in a config file or on the command line.
    pub fn named(name: &str) -> Option<Theme> {
        match name {
            "dark" => Some(Theme::color()),
            "light" => Some(Theme::light()),
            "high-contrast" => Some(Theme::high_contrast()),
            "mono" => Some(Theme::monochrome()),
            _ => None,
        }
    }

    /// The style a config file names (`[theme.colors]`), by the names [`STYLE_NAMES`] lists.
    pub fn style_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "title" => &mut self.title,
            "dim" => &mut self.dim,
            "heading" => &mut self.heading,
            "selected" => &mut self.selected,
            "selected-idle" => &mut self.selected_idle,
            "date" => &mut self.date,
            "consequence" => &mut self.consequence,
            "cause" => &mut self.cause,
            "actor" => &mut self.actor,
            "key" => &mut self.key,
            "density" => &mut self.density,
            "marker" => &mut self.marker,
            "warning" => &mut self.warning,
            "status" => &mut self.status,
            "filter" => &mut self.filter,
            "era-1" => &mut self.eras[0],
            "era-2" => &mut self.eras[1],
            "era-3" => &mut self.eras[2],
            "era-4" => &mut self.eras[3],
            _ => return None,
        })
    }

    pub fn era(&self, era: usize) -> Style {
        self.eras[era % self.eras.len()]
    }
}

/// The theme names a config file or `--theme` may give, the default first.
pub const THEME_NAMES: &[&str] = &["dark", "light", "high-contrast", "mono"];

/// Every style a config file can colour, in the order `quipu config --default` writes them.
pub const STYLE_NAMES: &[&str] = &[
    "title",
    "dim",
    "heading",
    "selected",
    "selected-idle",
    "date",
    "consequence",
    "cause",
    "actor",
    "key",
    "density",
    "marker",
    "warning",
    "status",
    "filter",
    "era-1",
    "era-2",
    "era-3",
    "era-4",
];

/// Whether `NO_COLOR` is set to anything but the empty string (no-color.org): then quipu draws
/// in the monochrome theme whatever the config or the command line chose.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_and_style_name_is_known() {
        for name in THEME_NAMES {
            let mut theme = Theme::named(name).expect(name);
            for style in STYLE_NAMES {
                assert!(theme.style_mut(style).is_some(), "{style}");
            }
        }
        assert!(Theme::named("solarized").is_none());
        // The themes differ where it matters: the selection is not the same on each.
        let selections: std::collections::HashSet<_> = THEME_NAMES
            .iter()
            .map(|n| format!("{:?}", Theme::named(n).unwrap().selected))
            .collect();
        assert_eq!(selections.len(), THEME_NAMES.len());
    }
}
