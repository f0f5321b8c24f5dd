//! The one table of key bindings. Dispatch, the footer and the `?` help screen all read it, so
//! they can never disagree.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::overlay::Overlay;
use super::state::{App, Focus};
use crate::interchange::Format;
use crate::ui::layout::{MIN_HEIGHT, MIN_WIDTH};

/// What has the keys: the focused pane of the main screen or the innermost overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Timeline,
    Actors,
    Consequences,
    Causes,
    Help,
    Chain,
    ActorsView,
    DatePrompt,
    Palette,
    /// A large file is still loading: there is no app yet, only a way out.
    Loading,
    ExportMenu,
    /// The terminal is smaller than the explorer needs: only the keys its message names work.
    TooSmall,
}

impl Mode {
    const fn bit(self) -> u16 {
        1 << self as u16
    }

    pub fn of(app: &App) -> Mode {
        if app.width < MIN_WIDTH || app.height < MIN_HEIGHT {
            return Mode::TooSmall;
        }
        match app.top_overlay() {
            Some(Overlay::Help { .. }) => Mode::Help,
            Some(Overlay::Chain(_)) => Mode::Chain,
            Some(Overlay::Actors(_)) => Mode::ActorsView,
            Some(Overlay::DatePrompt(_)) => Mode::DatePrompt,
            Some(Overlay::Palette(_)) => Mode::Palette,
            Some(Overlay::ExportMenu) => Mode::ExportMenu,
            None => match app.focus {
                Focus::Timeline => Mode::Timeline,
                Focus::Actors => Mode::Actors,
                Focus::Consequences => Mode::Consequences,
                Focus::Causes => Mode::Causes,
            },
        }
    }
}

/// A key as the table writes it. Shift is implied by the character for letters and symbols.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

impl Key {
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let code = match event.code {
            // Terminals differ in whether Ctrl-letters arrive upper or lower case.
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        self.code == code && self.ctrl == ctrl
    }

    /// How help and the footer write the key.
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
            other => format!("{other:?}"),
        };
        if self.ctrl { format!("C-{name}") } else { name }
    }
}

/// One row of the table.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// Bit set of [`Mode`]s in which the binding applies.
    pub modes: u16,
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
}

const TIMELINE: u16 = Mode::Timeline.bit();
const ACTORS: u16 = Mode::Actors.bit();
const LINKS: u16 = Mode::Consequences.bit() | Mode::Causes.bit();
const MAIN: u16 = TIMELINE | ACTORS | LINKS;
const HELP: u16 = Mode::Help.bit();
const CHAIN: u16 = Mode::Chain.bit();
const ACTORS_VIEW: u16 = Mode::ActorsView.bit();
const PROMPT: u16 = Mode::DatePrompt.bit();
const PALETTE: u16 = Mode::Palette.bit();
const LISTS: u16 = MAIN | HELP | CHAIN | ACTORS_VIEW;
const OVERLAYS: u16 = HELP | CHAIN | ACTORS_VIEW | PROMPT | PALETTE | EXPORT;
const LOADING: u16 = Mode::Loading.bit();
const EXPORT: u16 = Mode::ExportMenu.bit();
const TOO_SMALL: u16 = Mode::TooSmall.bit();
const ALL: u16 = LISTS | PROMPT | PALETTE | LOADING | EXPORT | TOO_SMALL;

macro_rules! bind {
    ($keys:expr, $action:expr, $modes:expr, $group:literal, $help:literal) => {
        Binding {
            keys: $keys,
            action: $action,
            modes: $modes,
            group: $group,
            help: $help,
            footer: None,
        }
    };
    ($keys:expr, $action:expr, $modes:expr, $group:literal, $help:literal, $footer:literal) => {
        Binding {
            keys: $keys,
            action: $action,
            modes: $modes,
            group: $group,
            help: $help,
            footer: Some($footer),
        }
    };
}

/// Every binding. Order matters twice: the first match wins, and help lists them in this order.
pub const BINDINGS: &[Binding] = &[
    bind!(
        &[k('j'), code(KeyCode::Down)],
        Action::SelectNext,
        LISTS,
        "Move",
        "next event or item",
        "move"
    ),
    bind!(
        &[k('k'), code(KeyCode::Up)],
        Action::SelectPrev,
        LISTS,
        "Move",
        "previous event or item",
        "move"
    ),
    bind!(
        &[k('g'), code(KeyCode::Home)],
        Action::SelectFirst,
        LISTS,
        "Move",
        "first"
    ),
    bind!(
        &[k('G'), code(KeyCode::End)],
        Action::SelectLast,
        LISTS,
        "Move",
        "last"
    ),
    bind!(
        &[code(KeyCode::PageDown)],
        Action::PageDown,
        LISTS,
        "Move",
        "page down"
    ),
    bind!(
        &[code(KeyCode::PageUp)],
        Action::PageUp,
        LISTS,
        "Move",
        "page up"
    ),
    bind!(
        &[ctrl('d')],
        Action::HalfPageDown,
        LISTS,
        "Move",
        "half a page down"
    ),
    bind!(
        &[ctrl('u')],
        Action::HalfPageUp,
        LISTS,
        "Move",
        "half a page up"
    ),
    bind!(
        &[k('[')],
        Action::PrevYear,
        MAIN,
        "Move through time",
        "start of this year, then previous year",
        "year"
    ),
    bind!(
        &[k(']')],
        Action::NextYear,
        MAIN,
        "Move through time",
        "next year",
        "year"
    ),
    bind!(
        &[k('{')],
        Action::PrevEra,
        MAIN,
        "Move through time",
        "start of this era, then previous era"
    ),
    bind!(
        &[k('}')],
        Action::NextEra,
        MAIN,
        "Move through time",
        "next era"
    ),
    bind!(
        &[k('t')],
        Action::OpenDatePrompt,
        MAIN,
        "Move through time",
        "jump to a date (1992, 1991-05, 1992-04-05)",
        "date"
    ),
    bind!(
        &[k('+'), k('=')],
        Action::ZoomIn,
        MAIN,
        "Move through time",
        "zoom the time axis in around the selection",
        "zoom"
    ),
    bind!(
        &[k('-')],
        Action::ZoomOut,
        MAIN,
        "Move through time",
        "zoom the time axis out",
        "zoom"
    ),
    bind!(
        &[code(KeyCode::Enter)],
        Action::FocusNext,
        TIMELINE,
        "Links",
        "into the detail pane"
    ),
    bind!(
        &[code(KeyCode::Tab)],
        Action::FocusNext,
        MAIN,
        "Links",
        "next pane: timeline, actors, consequences, causes",
        "focus"
    ),
    bind!(
        &[code(KeyCode::BackTab)],
        Action::FocusPrev,
        MAIN,
        "Links",
        "previous pane",
        "focus"
    ),
    bind!(
        &[code(KeyCode::Enter)],
        Action::FollowLink,
        LINKS,
        "Links",
        "go to the consequence or cause",
        "follow"
    ),
    bind!(
        &[code(KeyCode::Enter)],
        Action::FilterByActor,
        ACTORS,
        "Links",
        "show only this actor's events (again to narrow)",
        "filter"
    ),
    bind!(
        &[code(KeyCode::Backspace), ctrl('o')],
        Action::Back,
        MAIN,
        "Links",
        "back to where you jumped from",
        "back"
    ),
    bind!(
        &[k('L'), ctrl('i')],
        Action::Forward,
        MAIN,
        "Links",
        "forward again",
        "fwd"
    ),
    bind!(
        &[k('c')],
        Action::OpenChain,
        MAIN,
        "Views",
        "chain of causes and consequences",
        "chain"
    ),
    bind!(
        &[k('a')],
        Action::OpenActors,
        MAIN,
        "Views",
        "all actors; Enter filters to one",
        "actors"
    ),
    bind!(
        &[k('x')],
        Action::ClearFilter,
        MAIN | ACTORS_VIEW,
        "Views",
        "clear the actor filter",
        "unfilter"
    ),
    bind!(
        &[k('/')],
        Action::OpenSearch,
        MAIN,
        "Views",
        "search actors by name or alias; #words searches events",
        "search"
    ),
    bind!(
        &[k('n')],
        Action::SearchNext,
        MAIN,
        "Views",
        "next event matching the last #search (wraps)"
    ),
    bind!(
        &[k('N')],
        Action::SearchPrev,
        MAIN,
        "Views",
        "previous event matching the last #search"
    ),
    bind!(
        &[k('e')],
        Action::Export,
        MAIN,
        "Views",
        "export the events shown to a file here (then choose the format)",
        "export"
    ),
    bind!(
        &[k('?')],
        Action::OpenHelp,
        MAIN | CHAIN | ACTORS_VIEW,
        "Views",
        "this help",
        "help"
    ),
    bind!(
        &[code(KeyCode::Enter)],
        Action::FollowLink,
        CHAIN,
        "Chain view",
        "go to the event",
        "go"
    ),
    bind!(
        &[k(' ')],
        Action::ToggleCollapse,
        CHAIN,
        "Chain view",
        "fold or unfold the branch",
        "fold"
    ),
    bind!(
        &[k('h'), code(KeyCode::Left)],
        Action::Collapse,
        CHAIN,
        "Chain view",
        "fold the branch; on a folded one or a leaf, go to its parent"
    ),
    bind!(
        &[k('l'), code(KeyCode::Right)],
        Action::Expand,
        CHAIN,
        "Chain view",
        "unfold the branch"
    ),
    bind!(
        &[code(KeyCode::Enter)],
        Action::FilterByActor,
        ACTORS_VIEW,
        "Actors view",
        "filter the timeline to this actor (adds to the filter)",
        "filter"
    ),
    bind!(
        &[code(KeyCode::Enter)],
        Action::PromptSubmit,
        PROMPT,
        "Date prompt",
        "jump to the typed date",
        "jump"
    ),
    bind!(
        &[code(KeyCode::Backspace)],
        Action::PromptBackspace,
        PROMPT,
        "Date prompt",
        "delete a character"
    ),
    bind!(
        &[code(KeyCode::Down), ctrl('n')],
        Action::SelectNext,
        PALETTE,
        "Search palette",
        "next result (letters are query text)",
        "move"
    ),
    bind!(
        &[code(KeyCode::Up), ctrl('p')],
        Action::SelectPrev,
        PALETTE,
        "Search palette",
        "previous result",
        "move"
    ),
    bind!(
        &[code(KeyCode::PageDown)],
        Action::PageDown,
        PALETTE,
        "Search palette",
        "page down"
    ),
    bind!(
        &[code(KeyCode::PageUp)],
        Action::PageUp,
        PALETTE,
        "Search palette",
        "page up"
    ),
    bind!(
        &[code(KeyCode::Enter)],
        Action::PromptSubmit,
        PALETTE,
        "Search palette",
        "filter to the actor, or jump to the event",
        "go"
    ),
    bind!(
        &[code(KeyCode::Backspace)],
        Action::PromptBackspace,
        PALETTE,
        "Search palette",
        "delete a character"
    ),
    bind!(
        &[ctrl('u')],
        Action::PromptClear,
        PALETTE,
        "Search palette",
        "clear the query"
    ),
    bind!(
        &[k('m')],
        Action::ExportAs(Format::Markdown),
        EXPORT,
        "Export",
        "a Markdown document, with links between events and an actor index",
        "Markdown"
    ),
    bind!(
        &[k('d')],
        Action::ExportAs(Format::Dot),
        EXPORT,
        "Export",
        "the causal graph for Graphviz (dot)",
        "dot"
    ),
    bind!(
        &[k('j')],
        Action::ExportAs(Format::Json),
        EXPORT,
        "Export",
        "a quipu JSON file of just these events",
        "JSON"
    ),
    bind!(
        &[k('t')],
        Action::ExportAs(Format::TimelineJs),
        EXPORT,
        "Export",
        "a TimelineJS 3 file",
        "TimelineJS"
    ),
    bind!(
        &[code(KeyCode::Esc)],
        Action::Close,
        OVERLAYS,
        "Anywhere",
        "close the innermost window",
        "close"
    ),
    bind!(&[k('?')], Action::Close, HELP, "Anywhere", "close help"),
    bind!(
        &[code(KeyCode::Esc)],
        Action::Close,
        ACTORS | LINKS,
        "Anywhere",
        "back to the timeline"
    ),
    bind!(
        &[k('q')],
        Action::Quit,
        LISTS | LOADING | TOO_SMALL,
        "Anywhere",
        "quit",
        "quit"
    ),
    bind!(&[ctrl('c')], Action::Quit, ALL, "Anywhere", "quit"),
    bind!(
        &[ctrl('z')],
        Action::Suspend,
        ALL,
        "Anywhere",
        "suspend to the shell; fg comes back"
    ),
];

/// The action a key press means in the current mode, if any. In the date prompt, printable
/// characters are text.
pub fn resolve(app: &App, key: &KeyEvent) -> Option<Action> {
    resolve_in(Mode::of(app), key)
}

/// [`resolve`] for a mode with no app behind it (the loading screen).
pub fn resolve_in(mode: Mode, key: &KeyEvent) -> Option<Action> {
    let bound = BINDINGS
        .iter()
        .filter(|b| b.applies_in(mode))
        .find(|b| b.keys.iter().any(|k| k.matches(key)))
        .map(|b| b.action.clone());
    if bound.is_some() {
        return bound;
    }
    match key.code {
        KeyCode::Char(c)
            if matches!(mode, Mode::DatePrompt | Mode::Palette)
                && !key.modifiers.contains(KeyModifiers::CONTROL) =>
        {
            Some(Action::PromptInput(c))
        }
        _ => None,
    }
}

/// The footer's hints for a mode: bindings with a footer word, neighbours sharing a word merged
/// into one hint ("j/k move").
pub fn footer_hints(mode: Mode) -> Vec<(String, &'static str)> {
    hints_where(mode, |_| true)
}

/// The footer's hints for the app as it is: no "back" with nothing to go back to, no "unfilter"
/// without a filter, so the few columns of an 80-wide footer go to keys that do something.
pub fn footer_hints_for(app: &App) -> Vec<(String, &'static str)> {
    hints_where(Mode::of(app), |action| match action {
        Action::Back => app.history.can_go_back(),
        Action::Forward => app.history.can_go_forward(),
        Action::ClearFilter => app.filter.is_some(),
        _ => true,
    })
}

fn hints_where(mode: Mode, useful: impl Fn(Action) -> bool) -> Vec<(String, &'static str)> {
    let mut hints: Vec<(String, &'static str)> = Vec::new();
    for binding in BINDINGS
        .iter()
        .filter(|b| b.applies_in(mode) && useful(b.action.clone()))
    {
        let (Some(word), Some(key)) = (binding.footer, binding.keys.first()) else {
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

/// One line of the help screen.
#[derive(Debug, Clone, Copy)]
pub enum HelpLine {
    Heading(&'static str),
    Binding(&'static Binding),
    Note(&'static str),
    Blank,
}

/// What the keys alone do not say.
const NOTES: &[&str] = &[
    "Enter on an actor (detail pane or actors view) shows only that actor's",
    "events; a second actor narrows to events involving both. x clears.",
    "Back and forward retrace jumps (links, dates, years, eras, filters)",
    "like a browser; moving with j/k is not a jump.",
    "Ctrl-i works as forward only where the terminal tells it from Tab.",
    "Mouse: click an event or item to select it, click the axis to jump",
    "there, the wheel scrolls. Start with --no-mouse to keep the terminal's",
    "own text selection.",
    "/ searches actors (names and aliases); a query starting with # searches",
    "events (titles, tags, dates, summaries). After Enter on an event, n and",
    "N step through every matching event in time order, wrapping at the ends.",
];

/// The help screen, read from the table: a heading per group, then its bindings.
pub fn help_lines() -> Vec<HelpLine> {
    let mut lines = Vec::new();
    let mut group = "";
    for binding in BINDINGS {
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
    lines.push(HelpLine::Heading("Good to know"));
    lines.extend(NOTES.iter().map(|n| HelpLine::Note(n)));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventKind;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new_with_kind(code, modifiers, KeyEventKind::Press)
    }

    fn app() -> App {
        App::new(crate::model::Chronology::default())
    }

    #[test]
    fn table_keys_resolve_in_timeline() {
        let app = app();
        let cases = [
            (KeyCode::Char('j'), KeyModifiers::NONE, Action::SelectNext),
            (KeyCode::Down, KeyModifiers::NONE, Action::SelectNext),
            (KeyCode::Char('G'), KeyModifiers::SHIFT, Action::SelectLast),
            (
                KeyCode::Char('d'),
                KeyModifiers::CONTROL,
                Action::HalfPageDown,
            ),
            (
                KeyCode::Char('D'),
                KeyModifiers::CONTROL,
                Action::HalfPageDown,
            ),
            (KeyCode::Char('}'), KeyModifiers::SHIFT, Action::NextEra),
            (KeyCode::Backspace, KeyModifiers::NONE, Action::Back),
            (KeyCode::Char('o'), KeyModifiers::CONTROL, Action::Back),
            (KeyCode::Char('L'), KeyModifiers::SHIFT, Action::Forward),
            (KeyCode::BackTab, KeyModifiers::SHIFT, Action::FocusPrev),
            (KeyCode::Enter, KeyModifiers::NONE, Action::FocusNext),
            (KeyCode::Char('q'), KeyModifiers::NONE, Action::Quit),
        ];
        for (code, mods, want) in cases {
            assert_eq!(
                resolve(&app, &press(code, mods)),
                Some(want),
                "{code:?} {mods:?}"
            );
        }
        assert_eq!(
            resolve(&app, &press(KeyCode::Char('z'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn enter_means_what_the_focus_holds() {
        let mut app = app();
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        app.focus = Focus::Consequences;
        assert_eq!(resolve(&app, &enter), Some(Action::FollowLink));
        app.focus = Focus::Actors;
        assert_eq!(resolve(&app, &enter), Some(Action::FilterByActor));
    }

    #[test]
    fn prompt_takes_letters_as_text_but_esc_closes() {
        let mut app = app();
        app.overlays.push(Overlay::DatePrompt(Default::default()));
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(resolve(&app, &q), Some(Action::PromptInput('q')));
        let esc = press(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(resolve(&app, &esc), Some(Action::Close));
        let bksp = press(KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!(resolve(&app, &bksp), Some(Action::PromptBackspace));
    }

    #[test]
    fn footer_merges_neighbours() {
        let hints = footer_hints(Mode::Timeline);
        assert_eq!(hints[0], ("j/k".to_owned(), "move"));
        assert!(hints.iter().any(|(k, w)| k == "+/-" && *w == "zoom"));
        assert!(hints.iter().all(|(_, w)| *w != "follow"));
        let links = footer_hints(Mode::Consequences);
        assert!(links.iter().any(|(k, w)| k == "Enter" && *w == "follow"));
    }
}
