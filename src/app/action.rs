//! The verbs of the explorer. Keys and mouse events become actions in one place (`keymap.rs` and
//! `tui/mod.rs`); `update` is the only thing that gives them meaning.

use std::path::PathBuf;
use std::sync::Arc;

use crate::search::Hit;

/// One thing the user asked for. Movement verbs act on the innermost thing that has a cursor (an
/// overlay if one is open, else the focused pane), so the same key moves whatever the reader is
/// looking at.
#[derive(Debug, Clone, PartialEq, Eq, strum::EnumDiscriminants)]
#[strum_discriminants(name(ActionKind), derive(strum::EnumIter))]
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
    /// `/` in help: type to show only the lines that hold the text.
    SearchHelp,
    /// `i`: the about screen (description, sources, counts by basis).
    OpenAbout,
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
    /// Every event the last submitted `#` search matches: the answer to `Effect::FindAllMatches`.
    EventMatches {
        text: String,
        matches: Vec<crate::model::EventIx>,
    },
    /// The query index, built on its own thread after the first frame (a million events take
    /// a few tenths of a second): until it comes, queries scan and give the same answers.
    QueryIndexReady(crate::query::SharedIndex),
    /// `e`: ask in which format to write the events shown.
    Export,
    /// Write the events shown to a file in this format (the shell does it: `Effect::Export`).
    ExportAs(crate::interchange::Format),
    /// The shell's answer to `Effect::Export`: the file written, or why not, and how many
    /// events went into it.
    Exported {
        written: Result<PathBuf, String>,
        events: usize,
    },
    /// `y`: the selected event as a citation, to the clipboard (the shell does it:
    /// `Effect::Copy`).
    CopyCitation,
    /// `Y`: the selected event's id, to the clipboard.
    CopyId,
    /// `E`: the selected event in the reader's editor, at its line (the shell does it:
    /// `Effect::Edit`).
    Edit,
    /// The shell's answer to `Effect::Edit`: how the editor session went.
    Edited(super::edit::EditOutcome),
    /// Chain view: fold or unfold the subtree under the cursor.
    ToggleCollapse,
    Collapse,
    Expand,
    /// `s`: the actors' lanes.
    OpenLanes,
    /// `r`: read the file again now.
    Reload,
    /// `!`: the problems panel, or close it.
    OpenProblems,
    /// The shell started reading a new version of the file.
    ReloadStarted,
    /// A new version was read (valid or not); see [`Reload`](super::reload::Reload).
    Reloaded(Box<super::reload::Reload>),
    /// The file could not be read again (deleted, unreadable): the last version stays.
    ReloadFailed(String),
    /// Lanes: j/k to the next or previous lane.
    NextLane,
    PrevLane,
    /// Lanes: l/h to the next or previous event in the lane.
    NextInLane,
    PrevInLane,
    /// Lanes: Enter shows the lanes' event in the timeline.
    OpenInTimeline,
    /// Space in the actors view: pick the actor for the lanes, or unpick it.
    ToggleLane,
    /// `f`: the filter prompt, holding the active query to edit.
    OpenFilterPrompt,
    /// `X`: drop the last term of the active query.
    RemoveLastTerm,
    /// `F`: counts of the events shown by actor, tag, role, kind, year and era.
    OpenFacets,
    /// Tab / Shift-Tab in the facets: the next or previous dimension.
    NextDimension,
    PrevDimension,
    /// Tab in the filter prompt: complete the key or value being typed.
    PromptComplete,
    /// ↑ / ↓ in the filter prompt: older or newer queries from the history.
    PromptHistoryPrev,
    PromptHistoryNext,
    /// Ctrl-w in the filter prompt: delete the last term typed.
    PromptDeleteTerm,
    /// The answer to `Effect::Filter`: the events the query selects, or why it cannot run.
    Filtered {
        generation: u64,
        query: String,
        outcome: Result<Arc<[crate::model::EventIx]>, crate::query::QueryError>,
    },
    /// The answer to `Effect::CountFacets`.
    FacetsCounted {
        purpose: crate::app::effect::FacetsFor,
        facets: Arc<crate::query::facets::Facets>,
    },
    /// The shell read the query history at start; `problem` says why it could not, if so.
    QueryHistoryLoaded {
        entries: Vec<String>,
        problem: Option<String>,
    },
    /// The shell could not write the query history.
    QueryHistoryProblem(String),
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

use crate::interchange::Format;

/// Every action a key can trigger, with its stable kebab-case name: the key table and a config
/// file name actions this way, so these names must not change once released.
pub const NAMED: &[(&str, Action)] = &[
    ("quit", Action::Quit),
    ("next", Action::SelectNext),
    ("previous", Action::SelectPrev),
    ("first", Action::SelectFirst),
    ("last", Action::SelectLast),
    ("page-down", Action::PageDown),
    ("page-up", Action::PageUp),
    ("half-page-down", Action::HalfPageDown),
    ("half-page-up", Action::HalfPageUp),
    ("next-year", Action::NextYear),
    ("previous-year", Action::PrevYear),
    ("next-era", Action::NextEra),
    ("previous-era", Action::PrevEra),
    ("zoom-in", Action::ZoomIn),
    ("zoom-out", Action::ZoomOut),
    ("next-pane", Action::FocusNext),
    ("previous-pane", Action::FocusPrev),
    ("follow-link", Action::FollowLink),
    ("filter-by-actor", Action::FilterByActor),
    ("clear-filter", Action::ClearFilter),
    ("back", Action::Back),
    ("forward", Action::Forward),
    ("open-chain", Action::OpenChain),
    ("open-actors", Action::OpenActors),
    ("open-help", Action::OpenHelp),
    ("open-about", Action::OpenAbout),
    ("search-help", Action::SearchHelp),
    ("jump-to-date", Action::OpenDatePrompt),
    ("search", Action::OpenSearch),
    ("search-next", Action::SearchNext),
    ("search-previous", Action::SearchPrev),
    ("export", Action::Export),
    ("export-markdown", Action::ExportAs(Format::Markdown)),
    ("export-dot", Action::ExportAs(Format::Dot)),
    ("export-json", Action::ExportAs(Format::Json)),
    ("export-timelinejs", Action::ExportAs(Format::TimelineJs)),
    ("copy-citation", Action::CopyCitation),
    ("copy-id", Action::CopyId),
    ("edit", Action::Edit),
    ("open-lanes", Action::OpenLanes),
    ("reload", Action::Reload),
    ("open-problems", Action::OpenProblems),
    ("next-lane", Action::NextLane),
    ("previous-lane", Action::PrevLane),
    ("next-in-lane", Action::NextInLane),
    ("previous-in-lane", Action::PrevInLane),
    ("open-in-timeline", Action::OpenInTimeline),
    ("toggle-lane", Action::ToggleLane),
    ("toggle-fold", Action::ToggleCollapse),
    ("fold", Action::Collapse),
    ("unfold", Action::Expand),
    ("filter", Action::OpenFilterPrompt),
    ("remove-term", Action::RemoveLastTerm),
    ("open-facets", Action::OpenFacets),
    ("next-dimension", Action::NextDimension),
    ("previous-dimension", Action::PrevDimension),
    ("complete", Action::PromptComplete),
    ("history-previous", Action::PromptHistoryPrev),
    ("history-next", Action::PromptHistoryNext),
    ("delete-term", Action::PromptDeleteTerm),
    ("close", Action::Close),
    ("suspend", Action::Suspend),
    ("delete-char", Action::PromptBackspace),
    ("submit", Action::PromptSubmit),
    ("clear-input", Action::PromptClear),
];

impl Action {
    /// The action a name stands for, if a key can trigger it.
    pub fn from_name(name: &str) -> Option<Action> {
        NAMED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, action)| action.clone())
    }

    /// The action's name, if a key can trigger it (answers from workers and mouse events have
    /// none).
    pub fn name(&self) -> Option<&'static str> {
        NAMED.iter().find(|(_, a)| a == self).map(|(n, _)| *n)
    }
}

impl ActionKind {
    /// The kinds that carry what the shell or the terminal told, never bound to a key.
    pub fn is_answer(self) -> bool {
        matches!(
            self,
            ActionKind::SearchResults
                | ActionKind::EventMatches
                | ActionKind::QueryIndexReady
                | ActionKind::Exported
                | ActionKind::ReloadStarted
                | ActionKind::Reloaded
                | ActionKind::ReloadFailed
                | ActionKind::Edited
                | ActionKind::Filtered
                | ActionKind::FacetsCounted
                | ActionKind::QueryHistoryLoaded
                | ActionKind::QueryHistoryProblem
                | ActionKind::PromptInput
                | ActionKind::Click
                | ActionKind::ScrollDown
                | ActionKind::ScrollUp
                | ActionKind::Resize
        )
    }

    /// The kinds the reader does (a key, typing, a click, the wheel), as against what a worker
    /// or the terminal tells: only these clear the status line, so a message stays until the
    /// reader has seen it and done something, whatever answers arrive meanwhile.
    pub fn is_from_reader(self) -> bool {
        !self.is_answer()
            || matches!(
                self,
                ActionKind::PromptInput
                    | ActionKind::Click
                    | ActionKind::ScrollDown
                    | ActionKind::ScrollUp
            )
    }
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_read_back() {
        let mut seen = std::collections::HashSet::new();
        for (name, action) in NAMED {
            assert!(seen.insert(*name), "{name} twice");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name} is not kebab-case"
            );
            assert_eq!(Action::from_name(name).as_ref(), Some(action));
            assert_eq!(action.name(), Some(*name));
        }
    }

    /// A new action a key could trigger must get a name, or the key table and config file
    /// cannot reach it.
    #[test]
    fn every_kind_of_action_is_named_or_an_answer() {
        for kind in ActionKind::iter() {
            let named = NAMED.iter().any(|(_, a)| ActionKind::from(a) == kind);
            assert!(
                named != kind.is_answer(),
                "{kind:?}: named {named}, answer {}",
                kind.is_answer()
            );
        }
    }
}
