//! The config file, `$XDG_CONFIG_HOME/quipu/config.toml` (else `~/.config/quipu/config.toml`):
//! key bindings per mode, a theme and its colours, the mouse. All of it optional: a file
//! overrides only what it names. It is read before the terminal is touched, and a mistake in it
//! stops quipu with `config.toml:LINE:COL: error: …`, as git does with a bad config, rather than
//! running with half of what the reader asked for.

mod defaults;
mod file;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::app::Keymap;
use crate::ui::theme::{self, Theme};
pub use defaults::default_toml;
pub use file::{ConfigError, Settings, parse};

/// What quipu runs with once the config file and the command line have had their say.
#[derive(Debug, Clone)]
pub struct Config {
    pub keymap: Arc<Keymap>,
    pub theme: Theme,
    pub mouse: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            keymap: Keymap::defaults(),
            theme: Theme::color(),
            mouse: true,
        }
    }
}

/// Where quipu looks for its config file, whether or not one is there.
pub fn path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|home| !home.is_empty())
                .map(|home| PathBuf::from(home).join(".config"))
        })?;
    Some(base.join("quipu").join("config.toml"))
}

/// Reads the config file at `path` if there is one (no file is no error), then applies
/// `--theme` and `NO_COLOR`, which win in that order.
pub fn load(path: Option<&Path>, theme_flag: Option<&str>) -> Result<Config, Vec<ConfigError>> {
    let settings = match path {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => parse(&text, &path.display().to_string())?,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Settings::default(),
            Err(err) => {
                return Err(vec![ConfigError::unreadable(path, &err)]);
            }
        },
        None => Settings::default(),
    };
    let theme = match theme_flag {
        Some(name) => {
            let mut theme = Theme::named(name).ok_or_else(|| {
                vec![ConfigError::flag(format!(
                    "unknown theme '{name}' for --theme (one of: {})",
                    theme::THEME_NAMES.join(", ")
                ))]
            })?;
            settings.paint(&mut theme);
            theme
        }
        None => settings.theme(),
    };
    Ok(Config {
        keymap: Arc::new(settings.keymap),
        // NO_COLOR wins over the file and the command line (no-color.org).
        theme: if theme::no_color() {
            Theme::monochrome()
        } else {
            theme
        },
        mouse: settings.mouse,
    })
}
