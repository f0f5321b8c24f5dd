//! `quipu config --default`: the whole default configuration as a TOML file a reader can copy
//! and edit. It is written from the key table and the themes themselves, so it cannot drift from
//! what quipu does, and reading it back gives exactly the defaults (tested).

use std::fmt::Write;

use strum::IntoEnumIterator;

use crate::app::keymap::{Keymap, Mode};
use crate::ui::theme::{STYLE_NAMES, THEME_NAMES, Theme};

/// A string as TOML writes it, quotes and escapes included.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

pub fn default_toml() -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# quipu's configuration: {}\n\
         # Everything here is the default; a file needs only the lines it changes.\n\
         # `quipu config --check` checks a file; `quipu config --path` says where quipu looks.\n",
        super::path().map_or_else(
            || "~/.config/quipu/config.toml".to_owned(),
            |p| crate::text::sanitize(&p.display().to_string(), false)
        )
    );
    let _ = writeln!(
        out,
        "# Capture the mouse (false is what --no-mouse does).\nmouse = true\n"
    );
    let _ = writeln!(
        out,
        "# One of {}; --theme overrides it, and NO_COLOR always wins.\n[theme]\nname = \"dark\"\n",
        THEME_NAMES.join(", ")
    );
    let _ = writeln!(
        out,
        "# The dark theme's colours: a name (yellow, dark-gray, light-blue…), 0-255 or #rrggbb.\n\
         [theme.colors]"
    );
    let mut theme = Theme::color();
    for name in STYLE_NAMES {
        let Some(style) = theme.style_mut(name) else {
            continue;
        };
        let mut parts = Vec::new();
        if let Some(fg) = style.fg {
            parts.push(format!("fg = {}", quoted(&fg.to_string())));
        }
        if let Some(bg) = style.bg {
            parts.push(format!("bg = {}", quoted(&bg.to_string())));
        }
        if !parts.is_empty() {
            let _ = writeln!(out, "{name} = {{ {} }}", parts.join(", "));
        }
    }
    let _ = writeln!(
        out,
        "\n# Keys, per mode: a key string (j, G, ctrl-d, alt-j, shift-tab, space, pagedown…) and an\n\
         # action's name, or \"none\" to unbind. [keys.global], [keys.main] and [keys.detail] bind\n\
         # in several modes at once."
    );
    let keymap = Keymap::defaults();
    for mode in Mode::iter() {
        let _ = writeln!(out, "\n[keys.{}]", mode.name());
        for binding in keymap.bindings().iter().filter(|b| b.applies_in(mode)) {
            for key in binding.keys_in(mode) {
                let action = binding.action.name().unwrap_or("none");
                let _ = writeln!(
                    out,
                    "{} = {}  # {}",
                    quoted(&key.to_string()),
                    quoted(action),
                    binding.help
                );
            }
        }
    }
    out
}
