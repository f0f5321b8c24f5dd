//! What `update` asks the shell to do. `update` stays pure: it changes the state and returns
//! these as values; the event loop (`tui/`) runs them, off the UI thread where they take time,
//! and answers with an [`Action`](super::Action) when they are done. A test can look at what a
//! key asked for without running it, or run it on its own thread of control.

use std::sync::Arc;

use crate::interchange::Format;
use crate::model::EventIx;
use crate::search::Query;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Rank the palette's query; answer with `Action::SearchResults` carrying `generation`, so an
    /// answer to an older query can be told apart and dropped.
    Search { generation: u64, query: Query },
    /// Find every event a submitted `#` search matches (the palette ranks only the best few);
    /// answer with `Action::EventMatches`. A newer request makes an older one useless.
    FindAllMatches(Query),
    /// Write these events (`None`: every event) to a new file in this format; answer with
    /// `Action::Exported`.
    Export {
        format: Format,
        events: Option<Arc<[EventIx]>>,
    },
    /// As `Export`, the file named after the query that selected the events (`e` under a query).
    ExportQuery {
        format: Format,
        events: Arc<[EventIx]>,
        query: String,
    },
    /// Run the filter query `query` (dates relative to `today`) over the chronology; answer with
    /// `Action::Filtered` carrying `generation`. At a million events this takes a while, so the
    /// shell runs it on a thread; an answer to an older query is dropped by `update`.
    Filter {
        generation: u64,
        query: String,
        today: i64,
    },
    /// Count the facets of these events (`None`: every event); answer with
    /// `Action::FacetsCounted` for the same purpose.
    CountFacets {
        purpose: FacetsFor,
        events: Option<Arc<[EventIx]>>,
    },
    /// Write the query history (oldest first) to the state directory; a failure answers with
    /// `Action::QueryHistoryProblem`.
    SaveQueryHistory(Vec<String>),
    /// Put `text` on the clipboard of the reader's terminal (OSC 52, so it works over SSH and
    /// in tmux). Nothing is ever read back.
    Copy(String),
    /// `E`: give the terminal to the reader's editor on `path` at `target`, wait for it, take the
    /// terminal back and reload; answer with `Action::Edited`.
    Edit {
        path: std::path::PathBuf,
        target: super::edit::EditTarget,
    },
    /// C-z: give the terminal back and stop, as vim and less do; take it again on `fg`.
    Suspend,
    /// `r`: read the file again now (it is also read again whenever it changes); answer with
    /// `Action::ReloadStarted`, then `Action::Reloaded` or `Action::ReloadFailed`.
    Reload,
    /// A new version replaced this chronology: build the search index for the new one, and free
    /// this one off the UI thread. Comes before the effects of the same reload.
    Retire(super::reload::Retired),
    /// The reader asked to leave.
    Quit,
}

/// What a count of facets is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetsFor {
    /// The `F` overlay waiting for answer `generation`.
    Overlay { generation: u64 },
    /// The tags and roles Tab offers in the filter prompt (every event).
    Completion,
}

/// Most actions ask for nothing, and an empty `Vec` does not allocate.
pub type Effects = Vec<Effect>;
