//! What has the keys, and the mode sets the key table writes its rows with.

/// What has the keys: the focused pane of the main screen or the innermost overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter)]
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
    /// `/` in help: keys type what to look for.
    HelpSearch,
    /// `i`: what the chronology covers and what its claims rest on.
    About,
    /// `s`: the actors' lanes.
    Lanes,
    /// The terminal is smaller than the explorer needs: only the keys its message names work.
    TooSmall,
    /// `!`: the file's problems.
    Problems,
}

impl Mode {
    pub const fn bit(self) -> u16 {
        1 << self as u16
    }

    /// The mode's name where a person writes it (a config file's `[keys.<mode>]`).
    pub fn name(self) -> &'static str {
        match self {
            Mode::Timeline => "timeline",
            Mode::Actors => "detail-actors",
            Mode::Consequences => "consequences",
            Mode::Causes => "causes",
            Mode::Help => "help",
            Mode::Chain => "chain",
            Mode::ActorsView => "actors",
            Mode::DatePrompt => "date-prompt",
            Mode::Palette => "palette",
            Mode::Loading => "loading",
            Mode::ExportMenu => "export",
            Mode::HelpSearch => "help-search",
            Mode::About => "about",
            Mode::Lanes => "lanes",
            Mode::TooSmall => "too-small",
            Mode::Problems => "problems",
        }
    }
}

pub const TIMELINE: u16 = Mode::Timeline.bit();
pub const ACTORS: u16 = Mode::Actors.bit();
pub const LINKS: u16 = Mode::Consequences.bit() | Mode::Causes.bit();
pub const MAIN: u16 = TIMELINE | ACTORS | LINKS;
pub const HELP: u16 = Mode::Help.bit();
pub const CHAIN: u16 = Mode::Chain.bit();
pub const ACTORS_VIEW: u16 = Mode::ActorsView.bit();
pub const PROMPT: u16 = Mode::DatePrompt.bit();
pub const PALETTE: u16 = Mode::Palette.bit();
pub const LOADING: u16 = Mode::Loading.bit();
pub const EXPORT: u16 = Mode::ExportMenu.bit();
pub const HELP_SEARCH: u16 = Mode::HelpSearch.bit();
pub const ABOUT: u16 = Mode::About.bit();
pub const LANES: u16 = Mode::Lanes.bit();
pub const TOO_SMALL: u16 = Mode::TooSmall.bit();
pub const PROBLEMS: u16 = Mode::Problems.bit();
pub const LISTS: u16 = MAIN | HELP | CHAIN | ACTORS_VIEW | ABOUT;
pub const OVERLAYS: u16 =
    HELP | CHAIN | ACTORS_VIEW | PROMPT | PALETTE | EXPORT | HELP_SEARCH | ABOUT | LANES | PROBLEMS;
pub const ALL: u16 =
    LISTS | PROMPT | PALETTE | LOADING | EXPORT | HELP_SEARCH | LANES | TOO_SMALL | PROBLEMS;
