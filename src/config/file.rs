//! Reading a config file's text: TOML through serde, with every name checked against what quipu
//! knows and every mistake reported at its line and column, with a did-you-mean.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::style::{Color, Style};
use serde::Deserialize;
use toml::Spanned;

use crate::app::action::NAMED;
use crate::app::keymap::{Key, Keymap, Mode};
use crate::app::{Action, keymap};
use crate::model::locate::LineIndex;
use crate::model::suggest::closest;
use crate::ui::theme::{STYLE_NAMES, THEME_NAMES, Theme};

/// A mistake in the config file (or in `--theme`), as `FILE:LINE:COL: error: …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// `FILE:LINE:COL`, or `FILE` or `--theme` where there is no position.
    pub at: String,
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: error: {}", self.at, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl ConfigError {
    pub(super) fn unreadable(path: &std::path::Path, err: &std::io::Error) -> ConfigError {
        ConfigError {
            at: crate::text::sanitize(&path.display().to_string(), false),
            message: format!("cannot read the config file: {err}"),
            help: Some("fix its permissions, or move it away to run with the defaults".into()),
        }
    }

    pub(super) fn flag(message: String) -> ConfigError {
        ConfigError {
            at: "--theme".to_owned(),
            message,
            help: None,
        }
    }
}

/// What a config file says, checked; the defaults where it says nothing.
#[derive(Debug, Clone)]
pub struct Settings {
    pub keymap: Keymap,
    pub theme_name: Option<String>,
    /// `[theme.colors]`: a style's name, and the colours laid over the theme's style.
    pub colors: Vec<(String, Style)>,
    pub mouse: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            keymap: (*Keymap::defaults()).clone(),
            theme_name: None,
            colors: Vec::new(),
            mouse: true,
        }
    }
}

impl Settings {
    /// The theme the file names (dark when it names none), with its colours laid on.
    pub fn theme(&self) -> Theme {
        let mut theme = self
            .theme_name
            .as_deref()
            .and_then(Theme::named)
            .unwrap_or_else(Theme::color);
        self.paint(&mut theme);
        theme
    }

    pub(super) fn paint(&self, theme: &mut Theme) {
        for (name, colors) in &self.colors {
            if let Some(style) = theme.style_mut(name) {
                *style = style.patch(*colors);
            }
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct File {
    theme: Option<Spanned<ThemeField>>,
    mouse: Option<bool>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<String>>>,
}

/// `theme = "light"`, or a `[theme]` table with a `name` and `[theme.colors]`.
#[derive(Deserialize)]
#[serde(untagged)]
enum ThemeField {
    Name(String),
    Table(ThemeTable),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeTable {
    name: Option<String>,
    #[serde(default)]
    colors: BTreeMap<String, ColorField>,
}

/// A colour for the text, or `{ fg = …, bg = … }`.
#[derive(Deserialize)]
#[serde(untagged)]
enum ColorField {
    Fg(String),
    Both {
        fg: Option<String>,
        bg: Option<String>,
    },
}

/// The modes a `[keys.<name>]` table binds in: each mode by its name, and three groups.
fn modes_named(name: &str) -> Option<u32> {
    use strum::IntoEnumIterator;
    match name {
        "global" => Some(keymap::modes::ALL),
        "main" => Some(keymap::modes::MAIN),
        "detail" => Some(keymap::modes::ACTORS | keymap::modes::LINKS),
        "prompt" => Some(keymap::modes::PROMPT),
        _ => Mode::iter().find(|m| m.name() == name).map(Mode::bit),
    }
}

fn mode_names() -> Vec<&'static str> {
    use strum::IntoEnumIterator;
    let mut names = vec!["global", "main", "detail", "prompt"];
    names.extend(Mode::iter().map(Mode::name));
    names
}

/// Reads a config file's text; `file` names it in errors. Every mistake is reported, not only
/// the first, except that a TOML syntax error stops the reading there.
pub fn parse(text: &str, file: &str) -> Result<Settings, Vec<ConfigError>> {
    let file = crate::text::sanitize(file, false);
    let lines = LineIndex::new(text);
    let at = |offset: usize| {
        let (line, col) = lines.line_col(offset);
        format!("{file}:{line}:{col}")
    };
    let raw: File = toml::from_str(text).map_err(|err| {
        let offset = err.span().map_or(0, |span| span.start);
        let message = err.message().to_owned();
        vec![ConfigError {
            at: at(offset),
            help: unknown_field_help(&message),
            message: crate::text::sanitize(&message, false),
        }]
    })?;
    let mut errors = Vec::new();
    let mut settings = Settings {
        mouse: raw.mouse.unwrap_or(true),
        ..Settings::default()
    };
    if let Some(theme) = &raw.theme {
        let offset = theme.span().start;
        let (name, colors) = match theme.get_ref() {
            ThemeField::Name(name) => (Some(name), None),
            ThemeField::Table(table) => (table.name.as_ref(), Some(&table.colors)),
        };
        if let Some(name) = name {
            if Theme::named(name).is_some() {
                settings.theme_name = Some(name.clone());
            } else {
                errors.push(unknown(
                    at(offset),
                    "theme",
                    name,
                    THEME_NAMES.iter().copied(),
                ));
            }
        }
        for (style, color) in colors.into_iter().flatten() {
            if !STYLE_NAMES.contains(&style.as_str()) {
                errors.push(unknown(
                    at(offset),
                    "colour name",
                    style,
                    STYLE_NAMES.iter().copied(),
                ));
                continue;
            }
            match color_style(color) {
                Ok(patch) => settings.colors.push((style.clone(), patch)),
                Err(bad) => errors.push(ConfigError {
                    at: at(offset),
                    message: format!(
                        "'{}' for {style} is not a colour",
                        crate::text::sanitize(&bad, false)
                    ),
                    help: Some(
                        "use a name (yellow, dark-gray, light-blue…), a number 0-255 or #rrggbb"
                            .to_owned(),
                    ),
                }),
            }
        }
    }
    for (mode, table) in &raw.keys {
        let Some(modes) = modes_named(mode.get_ref()) else {
            errors.push(unknown(
                at(mode.span().start),
                "mode",
                mode.get_ref(),
                mode_names(),
            ));
            continue;
        };
        let mut seen: std::collections::HashMap<Key, &str> = Default::default();
        for (key, action) in table {
            let key_at = at(key.span().start);
            let parsed: Key = match key.get_ref().parse() {
                Ok(parsed) => parsed,
                Err(err) => {
                    errors.push(ConfigError {
                        at: key_at,
                        message: format!(
                            "'{}' is not a key: {err}",
                            crate::text::sanitize(key.get_ref(), false)
                        ),
                        help: Some("write keys as j, G, ctrl-d, alt-j, shift-tab, space…".into()),
                    });
                    continue;
                }
            };
            if let Some(first) = seen.insert(parsed, key.get_ref()) {
                errors.push(ConfigError {
                    at: key_at,
                    message: format!(
                        "'{}' is bound twice in [keys.{}] (also as '{}')",
                        crate::text::sanitize(key.get_ref(), false),
                        mode.get_ref(),
                        crate::text::sanitize(first, false)
                    ),
                    help: Some("keep one of the two lines".into()),
                });
                continue;
            }
            let wanted = match action.get_ref().as_str() {
                "none" => None,
                name => match Action::from_name(name) {
                    Some(action) => Some(action),
                    None => {
                        errors.push(unknown(
                            at(action.span().start),
                            "action",
                            name,
                            NAMED.iter().map(|(n, _)| *n).chain(["none"]),
                        ));
                        continue;
                    }
                },
            };
            settings.keymap.rebind(modes, parsed, wanted);
        }
    }
    if errors.is_empty() {
        Ok(settings)
    } else {
        // The tables are read in name order; the reader wants the file's order.
        errors.sort_by_key(|e: &ConfigError| position(&e.at));
        Err(errors)
    }
}

/// (line, column) of a `FILE:LINE:COL`, for sorting.
fn position(at: &str) -> (usize, usize) {
    let mut parts = at.rsplitn(3, ':');
    let col = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
    let line = parts.next().and_then(|l| l.parse().ok()).unwrap_or(0);
    (line, col)
}

fn unknown<'a>(
    at: String,
    what: &str,
    name: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
) -> ConfigError {
    let list: Vec<&str> = known.clone().into_iter().collect();
    let help = match closest(name, known) {
        Some(near) => format!("did you mean '{near}'? Known: {}", list.join(", ")),
        None => format!("known: {}", list.join(", ")),
    };
    ConfigError {
        at,
        message: format!("unknown {what} '{}'", crate::text::sanitize(name, false)),
        help: Some(help),
    }
}

/// serde says "unknown field `thme`, expected one of `theme`, `mouse`, `keys`": add the nearest.
fn unknown_field_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, expected) = rest.split_once('`')?;
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    closest(field, known.iter().copied()).map(|near| format!("did you mean '{near}'?"))
}

fn color_style(color: &ColorField) -> Result<Style, String> {
    let parse = |name: &String| name.parse::<Color>().map_err(|_| name.clone());
    let mut style = Style::new();
    match color {
        ColorField::Fg(fg) => style = style.fg(parse(fg)?),
        ColorField::Both { fg, bg } => {
            if let Some(fg) = fg {
                style = style.fg(parse(fg)?);
            }
            if let Some(bg) = bg {
                style = style.bg(parse(bg)?);
            }
        }
    }
    Ok(style)
}
