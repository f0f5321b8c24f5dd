//! The key bindings, as data. The default table (`table.rs`) writes each binding as key strings
//! and an action name; [`Keymap`] is that table parsed. Dispatch, the footer, the `?` help
//! screen, every key a message names ("Bksp restores it"), and the README all read one
//! `Keymap`, so they can never disagree, and a rebinding can never leave a screen lying.

mod key;
pub mod modes;
mod table;

use std::sync::{Arc, LazyLock};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::focus::Focus;
use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use super::overlay::Overlay;
use super::state::App;
pub use key::{Key, KeyError};
pub use modes::Mode;
pub use table::{DEFAULTS, Row};

impl Mode {
    pub fn of(app: &App) -> Mode {
        if app.width < MIN_WIDTH || app.height < MIN_HEIGHT {
            return Mode::TooSmall;
        }
        match app.top_overlay() {
            Some(Overlay::Help { typing: true, .. }) => Mode::HelpSearch,
            Some(Overlay::Help { .. }) => Mode::Help,
            Some(Overlay::Chain(_)) => Mode::Chain,
            Some(Overlay::Actors(_)) => Mode::ActorsView,
            Some(Overlay::DatePrompt(_)) => Mode::DatePrompt,
            Some(Overlay::Palette(_)) => Mode::Palette,
            Some(Overlay::ExportMenu) => Mode::ExportMenu,
            Some(Overlay::About(_)) => Mode::About,
            Some(Overlay::Lanes(_)) => Mode::Lanes,
            Some(Overlay::Problems(_)) => Mode::Problems,
            Some(Overlay::FilterPrompt(_)) => Mode::FilterPrompt,
            Some(Overlay::Facets(_)) => Mode::Facets,
            None => match app.focus {
                Focus::Timeline => Mode::Timeline,
                Focus::Actors => Mode::Actors,
                Focus::Consequences => Mode::Consequences,
                Focus::Causes => Mode::Causes,
            },
        }
    }
}

/// One binding, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// Each key with the modes it still works in: a user's config can take a key away in one
    /// mode and leave it in the others.
    bound: Vec<(Key, u32)>,
    pub action: Action,
    /// Bit set of [`Mode`]s in which the binding applies.
    pub modes: u32,
    /// Heading in the help screen.
    pub group: &'static str,
    pub help: &'static str,
    /// Short word for the footer; neighbours with the same word share it ("j/k move").
    pub footer: Option<&'static str>,
}

impl Binding {
    pub fn applies_in(&self, mode: Mode) -> bool {
        self.modes & mode.bit() != 0
    }

    /// The keys that trigger it somewhere, in the order help lists them.
    pub fn keys(&self) -> impl Iterator<Item = &Key> {
        self.bound.iter().filter(|(_, m)| *m != 0).map(|(k, _)| k)
    }

    /// Where it works, when that is not everywhere its group suggests: "timeline",
    /// "consequences and causes", "any window"… `None` for keys that work in every list or
    /// anywhere.
    pub fn context(&self) -> Option<String> {
        use modes::*;
        const NAMED: &[(u32, &str)] = &[
            (ALL, "anywhere"),
            (LISTS, "any list"),
            (
                MAIN | HELP | CHAIN | ACTORS_VIEW | EXPORT | ABOUT | LANES | FACETS | LOADING,
                "anywhere but a prompt",
            ),
            (OVERLAYS, "any window"),
            (
                HELP | CHAIN | ACTORS_VIEW | EXPORT | ABOUT | LANES | FACETS,
                "help, chain, actors, export, about, lanes, facets",
            ),
            (
                MAIN | CHAIN | ACTORS_VIEW,
                "main screen, chain, actors view",
            ),
            (MAIN | ACTORS_VIEW, "main screen, actors view"),
            (MAIN | LOADING, "main screen"),
            (MAIN, "main screen"),
            (ACTORS | LINKS, "detail pane"),
            (LINKS, "consequences and causes"),
            (TIMELINE, "timeline"),
            (ACTORS, "an event's actors"),
            (HELP, "help"),
            (ABOUT, "about screen"),
            (LANES, "lanes"),
            (
                MAIN | CHAIN | ACTORS_VIEW | LANES,
                "main screen, chain, actors view, lanes",
            ),
            (HELP_SEARCH, "help, while searching"),
            (CHAIN, "chain view"),
            (ACTORS_VIEW, "actors view"),
            (PROMPT, "date prompt"),
            (PALETTE, "search palette"),
            (EXPORT, "export menu"),
            (LOADING, "loading screen"),
            (TOO_SMALL, "a terminal too small"),
            (PROBLEMS, "problems panel"),
            (FILTER_PROMPT, "filter prompt"),
            (FACETS, "facets"),
            (MAIN | LOADING | TOO_SMALL, "main screen"),
        ];
        let mut left = self.modes;
        let mut names = Vec::new();
        for &(mask, name) in NAMED {
            if left & mask == mask && mask != 0 {
                names.push(name);
                left &= !mask;
            }
        }
        match names.as_slice() {
            ["anywhere"] | ["any list"] => None,
            _ => Some(names.join(", ")),
        }
    }

    /// The keys that trigger it in `mode`.
    pub fn keys_in(&self, mode: Mode) -> impl Iterator<Item = &Key> {
        self.bound
            .iter()
            .filter(move |(_, m)| m & mode.bit() != 0)
            .map(|(k, _)| k)
    }
}

/// Why a row of a key table could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    #[error("'{keys}': {error}")]
    Key { keys: String, error: KeyError },
    #[error("unknown action '{0}'")]
    Action(String),
}

/// The bindings in force, in table order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

static DEFAULT: LazyLock<Arc<Keymap>> = LazyLock::new(|| {
    Arc::new(Keymap::from_rows(DEFAULTS).expect("the default key table reads (tested)"))
});

impl Keymap {
    /// The default table, parsed once per process and shared.
    pub fn defaults() -> Arc<Keymap> {
        Arc::clone(&DEFAULT)
    }

    pub fn from_rows(rows: &[Row]) -> Result<Keymap, TableError> {
        let bindings = rows
            .iter()
            .map(|row| {
                let keys = row
                    .keys
                    .split_whitespace()
                    .map(|k| {
                        k.parse().map_err(|error| TableError::Key {
                            keys: row.keys.to_owned(),
                            error,
                        })
                    })
                    .collect::<Result<Vec<Key>, _>>()?;
                let action = Action::from_name(row.action)
                    .ok_or_else(|| TableError::Action(row.action.to_owned()))?;
                Ok(Binding {
                    bound: keys.into_iter().map(|k| (k, row.modes)).collect(),
                    action,
                    modes: row.modes,
                    group: row.group,
                    help: row.help,
                    footer: row.footer,
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Keymap { bindings })
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// Binds `key` to `action` in `modes`, or unbinds it there (`None`), as a user's config asks.
    /// The key is first taken from whatever it did in those modes; then it joins the binding of
    /// that action there if the table has one (first, so help and the footer show it), or a new
    /// binding under "Your bindings".
    pub fn rebind(&mut self, modes: u32, key: Key, action: Option<Action>) {
        for binding in &mut self.bindings {
            for (k, m) in &mut binding.bound {
                if *k == key {
                    *m &= !modes;
                }
            }
        }
        let Some(action) = action else {
            return;
        };
        // The binding that held the key before, if it does the same; else the first that does.
        let fits = |b: &Binding| b.action == action && b.modes & modes == modes;
        let at = self
            .bindings
            .iter()
            .position(|b| fits(b) && b.bound.iter().any(|(k, _)| *k == key))
            .or_else(|| self.bindings.iter().position(fits));
        if let Some(binding) = at.map(|at| &mut self.bindings[at]) {
            match binding.bound.iter_mut().find(|(k, _)| *k == key) {
                // Bound to what it already did: give the modes back where the key stood.
                Some((_, m)) => *m |= modes,
                None => binding.bound.insert(0, (key, modes)),
            }
            return;
        }
        let help = self
            .bindings
            .iter()
            .find(|b| b.action == action)
            .map_or("", |b| b.help);
        self.bindings.push(Binding {
            bound: vec![(key, modes)],
            action,
            modes,
            group: USER_GROUP,
            help,
            footer: None,
        });
    }

    /// The action a key press means in `mode`, if any. In the prompts, printable characters
    /// without Ctrl or Alt are text.
    pub fn resolve(&self, mode: Mode, key: &KeyEvent) -> Option<Action> {
        let bound = self
            .bindings
            .iter()
            .filter(|b| b.applies_in(mode))
            .find(|b| b.keys_in(mode).any(|k| k.matches(key)))
            .map(|b| b.action.clone());
        if bound.is_some() {
            return bound;
        }
        match key.code {
            KeyCode::Char(c)
                if matches!(
                    mode,
                    Mode::DatePrompt | Mode::Palette | Mode::HelpSearch | Mode::FilterPrompt
                ) && !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(Action::PromptInput(c))
            }
            _ => None,
        }
    }

    /// How a message names the key for `action` in `mode`: its first key, or the action's name
    /// in brackets when nothing is bound to it, so the message still says what to do.
    pub fn key_for(&self, mode: Mode, action: &Action) -> String {
        self.bindings
            .iter()
            .filter(|b| b.applies_in(mode) && b.action == *action)
            .find_map(|b| b.keys_in(mode).next())
            .map(|k| k.label())
            .unwrap_or_else(|| format!("[{}]", action.name().unwrap_or("unbound")))
    }

    /// Every key bound to `action` in `mode`, in table order, as messages write them.
    pub fn keys_for(&self, mode: Mode, action: &Action) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|b| b.applies_in(mode) && b.action == *action)
            .flat_map(|b| b.keys_in(mode))
            .map(Key::label)
            .collect()
    }

    /// The footer's hints for a mode: bindings with a footer word, neighbours sharing a word
    /// merged into one hint ("j/k move").
    pub fn footer_hints(&self, mode: Mode) -> Vec<(String, &'static str)> {
        self.hints_where(mode, |_| true)
    }

    /// The footer words that must never be dropped however narrow the terminal: how to get
    /// help, how to search, how to leave.
    pub fn essential_words(&self, mode: Mode) -> Vec<&'static str> {
        self.bindings
            .iter()
            .filter(|b| b.applies_in(mode) && ESSENTIAL.contains(&b.action))
            .filter(|b| b.keys_in(mode).next().is_some())
            .filter_map(|b| b.footer)
            .collect()
    }

    fn hints_where(
        &self,
        mode: Mode,
        useful: impl Fn(&Action) -> bool,
    ) -> Vec<(String, &'static str)> {
        let mut hints: Vec<(String, &'static str)> = Vec::new();
        for binding in self
            .bindings
            .iter()
            .filter(|b| b.applies_in(mode) && useful(&b.action))
        {
            let (Some(word), Some(key)) = (binding.footer, binding.keys_in(mode).next()) else {
                continue;
            };
            match hints.last_mut() {
                Some((keys, last)) if *last == word => {
                    keys.push('/');
                    keys.push_str(&key.label());
                }
                _ => hints.push((key.label(), word)),
            }
        }
        hints
    }

    /// The help screen, read from the table: a heading per group, then its bindings, then the
    /// notes, which name keys through the table too.
    pub fn help_lines(&self) -> Vec<HelpLine<'_>> {
        let mut lines = Vec::new();
        let mut group = "";
        for binding in &self.bindings {
            if binding.group != group {
                if !lines.is_empty() {
                    lines.push(HelpLine::Blank);
                }
                lines.push(HelpLine::Heading(binding.group));
                group = binding.group;
            }
            lines.push(HelpLine::Binding(binding));
        }
        lines.push(HelpLine::Blank);
        lines.push(HelpLine::Heading(NOTES_HEADING));
        lines.extend(self.notes().into_iter().map(HelpLine::Note));
        lines
    }

    /// The help lines that hold `search` (case-blind, in the keys, the text or where they
    /// work), under their headings; all of them when `search` is empty.
    pub fn help_lines_matching(&self, search: &str) -> Vec<HelpLine<'_>> {
        let lines = self.help_lines();
        if search.is_empty() {
            return lines;
        }
        let wanted = search.to_lowercase();
        let holds = |line: &HelpLine| match line {
            HelpLine::Binding(b) => {
                let keys: Vec<String> = b.keys().map(|k| k.label()).collect();
                format!(
                    "{} {} {}",
                    keys.join(" "),
                    b.help,
                    b.context().unwrap_or_default()
                )
                .to_lowercase()
                .contains(&wanted)
            }
            HelpLine::Note(text) => text.to_lowercase().contains(&wanted),
            HelpLine::Heading(_) | HelpLine::Blank => false,
        };
        let mut out = Vec::new();
        let mut heading = None;
        for line in lines {
            match line {
                HelpLine::Heading(_) => heading = Some(line),
                HelpLine::Blank => {}
                line if holds(&line) => {
                    if let Some(heading) = heading.take() {
                        if !out.is_empty() {
                            out.push(HelpLine::Blank);
                        }
                        out.push(heading);
                    }
                    out.push(line);
                }
                _ => {}
            }
        }
        out
    }

    /// What the keys alone do not say.
    fn notes(&self) -> Vec<String> {
        let key = |mode, action| self.key_for(mode, &action);
        let clear = key(Mode::Timeline, Action::ClearFilter);
        let filter = key(Mode::Timeline, Action::OpenFilterPrompt);
        let facets = key(Mode::Timeline, Action::OpenFacets);
        let drop = key(Mode::Timeline, Action::RemoveLastTerm);
        let forward = key(Mode::Timeline, Action::Forward);
        let search = key(Mode::Timeline, Action::OpenSearch);
        let (next, prev) = (
            key(Mode::Timeline, Action::SearchNext),
            key(Mode::Timeline, Action::SearchPrev),
        );
        let (down, up) = (
            key(Mode::Timeline, Action::SelectNext),
            key(Mode::Timeline, Action::SelectPrev),
        );
        vec![
            "→N ←N beside an event: N consequences (→, what it led to), N causes (←).".to_owned(),
            format!("{filter} filters by a query, e.g. actor:usa date:<1992-04 -tag:economy;"),
            "Enter on an actor (detail pane, actors view, search) adds actor:ID to".to_owned(),
            format!(
                "it, {facets} adds a counted value. {drop} drops the last term, {clear} clears."
            ),
            "Back and forward retrace jumps (links, dates, years, eras, filters)".to_owned(),
            format!("like a browser; moving with {down}/{up} is not a jump."),
            format!("{forward} works as forward only where the terminal tells it from Tab."),
            "Mouse: click an event or item to select it, click the axis to jump".to_owned(),
            "there, the wheel scrolls. Start with --no-mouse to keep the terminal's".to_owned(),
            "own text selection.".to_owned(),
            format!("{search} searches actors (names and aliases); a query starting with #"),
            "searches events (titles, tags, dates, summaries). After Enter on an".to_owned(),
            format!("event, {next} and {prev} step through every matching event in time order,"),
            "wrapping at the ends.".to_owned(),
        ]
    }
}

/// The actions whose footer hints stay at any width.
const ESSENTIAL: &[Action] = &[Action::OpenHelp, Action::OpenSearch, Action::Quit];

/// The help group of bindings a config adds where the table has none for that action.
pub const USER_GROUP: &str = "Your bindings";

/// The heading of the help screen's notes, after the bindings.
pub const NOTES_HEADING: &str = "Good to know";

/// One line of the help screen.
#[derive(Debug, Clone)]
pub enum HelpLine<'a> {
    Heading(&'static str),
    Binding(&'a Binding),
    Note(String),
    Blank,
}

/// The action a key press means in the app's current mode, by the app's key table.
pub fn resolve(app: &App, key: &KeyEvent) -> Option<Action> {
    app.keymap.resolve(Mode::of(app), key)
}

/// The footer's hints for the app as it is: no "back" with nothing to go back to, no "unfilter"
/// without a filter, so the few columns of an 80-wide footer go to keys that do something.
pub fn footer_hints_for(app: &App) -> Vec<(String, &'static str)> {
    app.keymap
        .hints_where(Mode::of(app), |action| match action {
            Action::Back => app.history.can_go_back(),
            Action::Forward => app.history.can_go_forward(),
            Action::ClearFilter => app.filter.is_some(),
            Action::RemoveLastTerm => app.filter.is_some(),
            _ => true,
        })
}

#[cfg(test)]
mod tests;
