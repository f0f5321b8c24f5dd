//! The verbs of the explorer. Keys and mouse events become actions in one place (`keymap.rs` and
//! `tui/mod.rs`); `update` is the only thing that gives them meaning.

use std::path::PathBuf;

use crate::search::Hit;

/// One thing the user asked for. Movement verbs act on the innermost thing that has a cursor (an
/// overlay if one is open, else the focused pane), so the same key moves whatever the reader is
/// looking at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// C-z: back to the shell until `fg`, as vim and less do.
    Suspend,
    SelectNext,
    SelectPrev,
    SelectFirst,
    SelectLast,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    NextYear,
    PrevYear,
    NextEra,
    PrevEra,
    ZoomIn,
    ZoomOut,
    /// Tab: timeline → actors → consequences → causes, skipping empty lists.
    FocusNext,
    FocusPrev,
    /// Enter on a consequence or cause (or on an event in the chain view): go there.
    FollowLink,
    /// Enter on an actor: narrow the timeline to that actor's events.
    FilterByActor,
    ClearFilter,
    Back,
    Forward,
    OpenChain,
    OpenActors,
    OpenHelp,
    OpenDatePrompt,
    /// `/`: the search palette over actors, or events when the query starts with `#`.
    OpenSearch,
    /// `n` / `N`: the next or previous event matching the last submitted `#` search.
    SearchNext,
    SearchPrev,
    /// The search worker's answer for the palette query of `generation` (older ones are ignored).
    SearchResults {
        generation: u64,
        hits: Vec<Hit>,
        /// False for a quick preview of a huge scan; the complete list follows.
        complete: bool,
    },
    /// Every event the last submitted `#` search matches (see `palette::all_event_matches`).
    EventMatches {
        text: String,
        matches: Vec<crate::model::EventIx>,
    },
    /// `e`: ask in which format to write the events shown.
    Export,
    /// Ask the event loop to write the events shown to a file in this format.
    ExportAs(crate::interchange::Format),
    /// The event loop's answer to [`Action::ExportAs`]: the file written, or why not.
    Exported(Result<PathBuf, String>),
    /// Chain view: fold or unfold the subtree under the cursor.
    ToggleCollapse,
    Collapse,
    Expand,
    /// Esc: close the innermost thing.
    Close,
    PromptInput(char),
    PromptBackspace,
    PromptSubmit,
    /// Ctrl-u in a prompt: clear what was typed.
    PromptClear,
    Click {
        column: u16,
        row: u16,
    },
    ScrollDown {
        column: u16,
        row: u16,
    },
    ScrollUp {
        column: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
}
