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
    /// `f`: keys type the query.
    FilterPrompt,
    /// `F`: counts of the events shown.
    Facets,
}

impl Mode {
    pub const fn bit(self) -> u32 {
        1 << self as u32
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
            Mode::FilterPrompt => "filter-prompt",
            Mode::Facets => "facets",
        }
    }
}

pub const TIMELINE: u32 = Mode::Timeline.bit();
pub const ACTORS: u32 = Mode::Actors.bit();
pub const LINKS: u32 = Mode::Consequences.bit() | Mode::Causes.bit();
pub const MAIN: u32 = TIMELINE | ACTORS | LINKS;
pub const HELP: u32 = Mode::Help.bit();
pub const CHAIN: u32 = Mode::Chain.bit();
pub const ACTORS_VIEW: u32 = Mode::ActorsView.bit();
pub const PROMPT: u32 = Mode::DatePrompt.bit();
pub const PALETTE: u32 = Mode::Palette.bit();
pub const LOADING: u32 = Mode::Loading.bit();
pub const EXPORT: u32 = Mode::ExportMenu.bit();
pub const HELP_SEARCH: u32 = Mode::HelpSearch.bit();
pub const ABOUT: u32 = Mode::About.bit();
pub const LANES: u32 = Mode::Lanes.bit();
pub const TOO_SMALL: u32 = Mode::TooSmall.bit();
pub const FILTER_PROMPT: u32 = Mode::FilterPrompt.bit();
pub const FACETS: u32 = Mode::Facets.bit();
pub const PROBLEMS: u32 = Mode::Problems.bit();
pub const LISTS: u32 = MAIN | HELP | CHAIN | ACTORS_VIEW | ABOUT | FACETS;
pub const OVERLAYS: u32 = HELP
    | CHAIN
    | ACTORS_VIEW
    | PROMPT
    | PALETTE
    | EXPORT
    | HELP_SEARCH
    | ABOUT
    | LANES
    | FILTER_PROMPT
    | FACETS
    | PROBLEMS;
pub const ALL: u32 = LISTS
    | PROMPT
    | PALETTE
    | LOADING
    | EXPORT
    | HELP_SEARCH
    | LANES
    | TOO_SMALL
    | FILTER_PROMPT
    | PROBLEMS;
