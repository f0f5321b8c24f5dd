//! The verbs of the explorer. Keys and mouse events become actions in one place (`keymap.rs` and
//! `tui.rs`); `update` is the only thing that gives them meaning.

/// One thing the user asked for. Movement verbs act on the innermost thing that has a cursor (an
/// overlay if one is open, else the focused pane), so the same key moves whatever the reader is
/// looking at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
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
    /// Reserved for the search palette; today it only says so.
    OpenSearch,
    SearchNext,
    SearchPrev,
    /// Chain view: fold or unfold the subtree under the cursor.
    ToggleCollapse,
    Collapse,
    Expand,
    /// Esc: close the innermost thing.
    Close,
    PromptInput(char),
    PromptBackspace,
    PromptSubmit,
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
