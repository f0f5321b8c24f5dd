//! Reading a config file's text: TOML through serde, with every name checked against what quipu
//! knows and every mistake reported at its line and column, with a did-you-mean.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::style::{Color, Style};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
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
            help: Some(match err.kind() {
                std::io::ErrorKind::InvalidData => {
                    "save it as UTF-8 text, or move it away to run with the defaults".into()
                }
                _ => "fix its permissions, or move it away to run with the defaults".into(),
            }),
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
///
/// Read by hand rather than as an untagged enum: serde's untagged enums buffer the value, which
/// loses the places inside it (every mistake was reported at the `[theme]` line) and answers a
/// wrong shape with "data did not match any variant of untagged enum".
enum ThemeField {
    Name(String),
    Table(ThemeTable),
}

impl<'de> Deserialize<'de> for ThemeField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Shape;
        impl<'de> Visitor<'de> for Shape {
            type Value = ThemeField;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a theme's name, such as \"light\", or a [theme] table")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<ThemeField, E> {
                Ok(ThemeField::Name(name.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ThemeField, A::Error> {
                let table = de::value::MapAccessDeserializer::new(map);
                ThemeTable::deserialize(table).map(ThemeField::Table)
            }
        }
        deserializer.deserialize_any(Shape)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeTable {
    name: Option<Spanned<String>>,
    #[serde(default)]
    colors: BTreeMap<Spanned<String>, Spanned<ColorField>>,
}

/// A colour for the text, or `{ fg = …, bg = … }` (read by hand, as [`ThemeField`] is).
enum ColorField {
    Fg(ColorValue),
    Both(FgBg),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FgBg {
    fg: Option<Spanned<ColorValue>>,
    bg: Option<Spanned<ColorValue>>,
}

/// A colour as written: a name, `#rrggbb` or a number in quotes, or a bare number. Checked after
/// reading, so that a mistake names its style and says what a colour may be.
enum ColorValue {
    Text(String),
    Number(i64),
}

const COLOR_FORMS: &str = "a colour: a name (yellow, dark-gray, light-blue…), a number 0-255 or \
                           #rrggbb";

/// The visitor both colour shapes share: `table` says whether `{ fg, bg }` may stand here.
struct ColorShape {
    table: bool,
}

impl<'de> Visitor<'de> for ColorShape {
    type Value = ColorField;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(COLOR_FORMS)?;
        if self.table {
            f.write_str(", or { fg = …, bg = … }")?;
        }
        Ok(())
    }
    fn visit_str<E: de::Error>(self, text: &str) -> Result<ColorField, E> {
        Ok(ColorField::Fg(ColorValue::Text(text.to_owned())))
    }
    fn visit_i64<E: de::Error>(self, number: i64) -> Result<ColorField, E> {
        Ok(ColorField::Fg(ColorValue::Number(number)))
    }
    fn visit_u64<E: de::Error>(self, number: u64) -> Result<ColorField, E> {
        Ok(ColorField::Fg(ColorValue::Number(
            i64::try_from(number).unwrap_or(i64::MAX),
        )))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ColorField, A::Error> {
        if !self.table {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        }
        let table = de::value::MapAccessDeserializer::new(map);
        FgBg::deserialize(table).map(ColorField::Both)
    }
}

impl<'de> Deserialize<'de> for ColorField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ColorShape { table: true })
    }
}

impl<'de> Deserialize<'de> for ColorValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_any(ColorShape { table: false })? {
            ColorField::Fg(value) => Ok(value),
            ColorField::Both(_) => Err(de::Error::custom(COLOR_FORMS)),
        }
    }
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
        let (name, colors) = match theme.get_ref() {
            ThemeField::Name(name) => (Some((name, theme.span().start)), None),
            ThemeField::Table(table) => (
                table.name.as_ref().map(|n| (n.get_ref(), n.span().start)),
                Some(&table.colors),
            ),
        };
        if let Some((name, offset)) = name {
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
            if !STYLE_NAMES.contains(&style.get_ref().as_str()) {
                errors.push(unknown(
                    at(style.span().start),
                    "colour name",
                    style.get_ref(),
                    STYLE_NAMES.iter().copied(),
                ));
                continue;
            }
            match color_style(color) {
                Ok(patch) => settings.colors.push((style.get_ref().clone(), patch)),
                Err((bad, offset)) => errors.push(ConfigError {
                    at: at(offset),
                    message: format!(
                        "'{}' for {} is not a colour",
                        crate::text::sanitize(&bad, false),
                        style.get_ref()
                    ),
                    help: Some(format!("use {COLOR_FORMS}")),
                }),
            }
        }
    }
    // Every line that took a key to quit the timeline away: a config that leaves no key to quit
    // with would trap the reader (C-c is a key in raw mode, and may be rebound too). Keys are
    // read in name order, so which line took the last one is an accident of spelling; the error
    // names them all, at the first in the file.
    let mut quit_taken: Vec<(String, String)> = Vec::new();
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
            let quits = quit_keys(&settings.keymap);
            settings.keymap.rebind(modes, parsed, wanted);
            if quit_keys(&settings.keymap) < quits {
                quit_taken.push((crate::text::sanitize(key.get_ref(), false), key_at));
            }
        }
    }
    if quit_keys(&settings.keymap) == 0 {
        quit_taken.sort_by_key(|(_, at)| position(at));
        let lines: Vec<String> = quit_taken
            .iter()
            .map(|(key, at)| format!("'{key}' (line {})", position(at).0))
            .collect();
        let at = quit_taken
            .first()
            .map_or_else(|| at(0), |(_, at)| at.clone());
        errors.push(ConfigError {
            at,
            message: format!(
                "no key is left to quit from the timeline: {} took them away",
                and_list(&lines)
            ),
            help: Some("keep one bound, e.g. q = \"quit\" in [keys.main]".into()),
        });
    }
    if errors.is_empty() {
        Ok(settings)
    } else {
        // The tables are read in name order; the reader wants the file's order.
        errors.sort_by_key(|e: &ConfigError| position(&e.at));
        Err(errors)
    }
}

fn quit_keys(keymap: &Keymap) -> usize {
    keymap.keys_for(Mode::Timeline, &Action::Quit).len()
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [head @ .., last] => format!("{} and {last}", head.join(", ")),
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

/// The style a colour field lays on; else the colour as written and where it is.
fn color_style(color: &Spanned<ColorField>) -> Result<Style, (String, usize)> {
    let parse = |value: &ColorValue, at: usize| match value {
        ColorValue::Text(text) => text.parse::<Color>().map_err(|_| (text.clone(), at)),
        ColorValue::Number(n) => u8::try_from(*n)
            .map(Color::Indexed)
            .map_err(|_| (n.to_string(), at)),
    };
    let mut style = Style::new();
    match color.get_ref() {
        ColorField::Fg(fg) => style = style.fg(parse(fg, color.span().start)?),
        ColorField::Both(FgBg { fg, bg }) => {
            if let Some(fg) = fg {
                style = style.fg(parse(fg.get_ref(), fg.span().start)?);
            }
            if let Some(bg) = bg {
                style = style.bg(parse(bg.get_ref(), bg.span().start)?);
            }
        }
    }
    Ok(style)
}
