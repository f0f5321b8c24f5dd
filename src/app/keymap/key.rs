//! Keys as people write them in a table or a config file: `"j"`, `"G"`, `"down"`, `"ctrl-d"`,
//! `"shift-tab"`, `"alt-j"`, `"space"`. One parser ([`Key::from_str`]) reads them all, so the
//! default table, a user's config and the tests agree on what a key string means.

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with the modifiers that change its meaning. Shift is part of the character for letters
/// and symbols (`G`, `?`), so it is kept only for keys that have no shifted character (`shift-up`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

/// Why a key string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("an empty key")]
    Empty,
    #[error("unknown key name '{0}' (try a character, or one of: {NAMES})")]
    UnknownName(String),
    #[error("unknown modifier '{0}' (ctrl, alt and shift are known)")]
    UnknownModifier(String),
}

const NAMES: &str = "space enter esc tab backspace up down left right home end pageup pagedown \
                     delete insert f1-f12";

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
            shift: false,
        }
    }

    /// Whether a key press is this key. Terminals differ in whether Ctrl-letters arrive upper or
    /// lower case, so those compare folded; Alt must match, so Alt-j is not j.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        let shift = match code {
            KeyCode::Char(_) | KeyCode::BackTab => false,
            _ => event.modifiers.contains(KeyModifiers::SHIFT),
        };
        self.code == code && self.ctrl == ctrl && self.alt == alt && self.shift == shift
    }

    /// How help and the footer write the key: short, with arrows for arrows (`C-d`, `M-j`, `↓`).
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "S-Tab".to_owned(),
            KeyCode::Backspace => "Bksp".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::Delete => "Del".to_owned(),
            KeyCode::Insert => "Ins".to_owned(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut label = String::new();
        for (on, prefix) in [(self.ctrl, "C-"), (self.alt, "M-"), (self.shift, "S-")] {
            if on {
                label.push_str(prefix);
            }
        }
        label + &name
    }
}

impl FromStr for Key {
    type Err = KeyError;

    fn from_str(text: &str) -> Result<Key, KeyError> {
        if text.is_empty() {
            return Err(KeyError::Empty);
        }
        let mut key = Key::plain(KeyCode::Null);
        let mut rest = text;
        // Modifiers lead, each ending in '-'; a lone '-' (or a trailing one, as in "ctrl--") is
        // the minus key itself.
        while let Some((modifier, after)) = rest.split_once('-')
            && !after.is_empty()
            && !modifier.is_empty()
        {
            match modifier.to_ascii_lowercase().as_str() {
                "ctrl" | "c" => key.ctrl = true,
                "alt" | "m" | "meta" => key.alt = true,
                "shift" | "s" => key.shift = true,
                _ => return Err(KeyError::UnknownModifier(modifier.to_owned())),
            }
            rest = after;
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => named(&rest.to_ascii_lowercase())
                .ok_or_else(|| KeyError::UnknownName(rest.to_owned()))?,
        };
        // Shift is in the character for letters and symbols, and in BackTab for Tab.
        match key.code {
            KeyCode::Char(c) if key.shift => {
                key.code = KeyCode::Char(c.to_ascii_uppercase());
                key.shift = false;
            }
            KeyCode::Tab if key.shift => {
                key.code = KeyCode::BackTab;
                key.shift = false;
            }
            KeyCode::Char(c) if key.ctrl => key.code = KeyCode::Char(c.to_ascii_lowercase()),
            _ => {}
        }
        Ok(key)
    }
}

fn named(name: &str) -> Option<KeyCode> {
    Some(match name {
        "space" => KeyCode::Char(' '),
        "minus" => KeyCode::Char('-'),
        "enter" | "return" | "ret" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "backspace" | "bksp" => KeyCode::Backspace,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        f if f.starts_with('f') => match f[1..].parse::<u8>() {
            Ok(n @ 1..=12) => KeyCode::F(n),
            _ => return None,
        },
        _ => return None,
    })
}

/// The canonical key string, which parses back to the same key.
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (on, prefix) in [
            (self.ctrl, "ctrl-"),
            (self.alt, "alt-"),
            (self.shift, "shift-"),
        ] {
            if on {
                f.write_str(prefix)?;
            }
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char('-') if self.ctrl || self.alt || self.shift => f.write_str("minus"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("enter"),
            KeyCode::Esc => f.write_str("esc"),
            KeyCode::Tab => f.write_str("tab"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            KeyCode::Backspace => f.write_str("backspace"),
            KeyCode::Up => f.write_str("up"),
            KeyCode::Down => f.write_str("down"),
            KeyCode::Left => f.write_str("left"),
            KeyCode::Right => f.write_str("right"),
            KeyCode::Home => f.write_str("home"),
            KeyCode::End => f.write_str("end"),
            KeyCode::PageUp => f.write_str("pageup"),
            KeyCode::PageDown => f.write_str("pagedown"),
            KeyCode::Delete => f.write_str("delete"),
            KeyCode::Insert => f.write_str("insert"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, ctrl: bool, alt: bool, shift: bool) -> Key {
        Key {
            code,
            ctrl,
            alt,
            shift,
        }
    }

    #[test]
    fn key_strings_parse_as_written() {
        let c = KeyCode::Char;
        let cases = [
            ("j", key(c('j'), false, false, false)),
            ("G", key(c('G'), false, false, false)),
            ("shift-g", key(c('G'), false, false, false)),
            ("?", key(c('?'), false, false, false)),
            ("-", key(c('-'), false, false, false)),
            ("ctrl--", key(c('-'), true, false, false)),
            ("ctrl-minus", key(c('-'), true, false, false)),
            ("ctrl-d", key(c('d'), true, false, false)),
            ("Ctrl-D", key(c('d'), true, false, false)),
            ("C-d", key(c('d'), true, false, false)),
            ("alt-j", key(c('j'), false, true, false)),
            ("ctrl-alt-x", key(c('x'), true, true, false)),
            ("space", key(c(' '), false, false, false)),
            ("down", key(KeyCode::Down, false, false, false)),
            ("shift-up", key(KeyCode::Up, false, false, true)),
            ("shift-tab", key(KeyCode::BackTab, false, false, false)),
            ("backtab", key(KeyCode::BackTab, false, false, false)),
            ("enter", key(KeyCode::Enter, false, false, false)),
            ("Esc", key(KeyCode::Esc, false, false, false)),
            ("pagedown", key(KeyCode::PageDown, false, false, false)),
            ("backspace", key(KeyCode::Backspace, false, false, false)),
            ("f12", key(KeyCode::F(12), false, false, false)),
        ];
        for (text, want) in cases {
            assert_eq!(text.parse::<Key>(), Ok(want), "{text}");
            // The canonical string reads back as the same key.
            assert_eq!(want.to_string().parse::<Key>(), Ok(want), "{text}");
        }
    }

    #[test]
    fn bad_key_strings_say_what_is_wrong() {
        assert_eq!("".parse::<Key>(), Err(KeyError::Empty));
        assert_eq!(
            "hyper-j".parse::<Key>(),
            Err(KeyError::UnknownModifier("hyper".into()))
        );
        assert_eq!(
            "pgdown".parse::<Key>(),
            Err(KeyError::UnknownName("pgdown".into()))
        );
        assert_eq!(
            "f13".parse::<Key>(),
            Err(KeyError::UnknownName("f13".into()))
        );
        assert!(
            KeyError::UnknownName("x".into())
                .to_string()
                .contains("pagedown")
        );
    }

    #[test]
    fn alt_and_ctrl_must_match_but_shift_is_in_the_character() {
        let j: Key = "j".parse().unwrap();
        let alt_j: Key = "alt-j".parse().unwrap();
        let press = |code, modifiers| KeyEvent::new(code, modifiers);
        assert!(j.matches(&press(KeyCode::Char('j'), KeyModifiers::NONE)));
        assert!(!j.matches(&press(KeyCode::Char('j'), KeyModifiers::ALT)));
        assert!(alt_j.matches(&press(KeyCode::Char('j'), KeyModifiers::ALT)));
        assert!(!alt_j.matches(&press(KeyCode::Char('j'), KeyModifiers::NONE)));
        let big_g: Key = "G".parse().unwrap();
        assert!(big_g.matches(&press(KeyCode::Char('G'), KeyModifiers::SHIFT)));
        let ctrl_d: Key = "ctrl-d".parse().unwrap();
        assert!(ctrl_d.matches(&press(KeyCode::Char('D'), KeyModifiers::CONTROL)));
        let back_tab: Key = "shift-tab".parse().unwrap();
        assert!(back_tab.matches(&press(KeyCode::BackTab, KeyModifiers::SHIFT)));
        let shift_up: Key = "shift-up".parse().unwrap();
        assert!(!shift_up.matches(&press(KeyCode::Up, KeyModifiers::NONE)));
        assert!(shift_up.matches(&press(KeyCode::Up, KeyModifiers::SHIFT)));
    }

    #[test]
    fn labels_are_short() {
        let label = |text: &str| text.parse::<Key>().unwrap().label();
        assert_eq!(label("ctrl-d"), "C-d");
        assert_eq!(label("alt-j"), "M-j");
        assert_eq!(label("down"), "↓");
        assert_eq!(label("shift-tab"), "S-Tab");
        assert_eq!(label("backspace"), "Bksp");
        assert_eq!(label("space"), "Space");
    }
}
