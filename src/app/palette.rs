//! The search palette's state and the `n`/`N` hit list. The palette only holds the query and the
//! latest answer; the search itself is an `Effect` the shell runs (on a worker thread in the
//! explorer, on the caller's thread with `tui::search::run_now`), so `update` stays pure and
//! typing never waits for a scan.

use super::cursor::ListCursor;
use crate::model::EventIx;
use crate::search::{Hit, Query};

/// Longest query kept: enough for any name, short enough to draw.
pub const MAX_QUERY: usize = 80;

/// The palette overlay: what is typed and the ranked hits of the newest answered query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Palette {
    pub input: String,
    pub hits: Vec<Hit>,
    /// The query `hits` answer; lags `input` while a search runs, `None` before the first answer.
    pub answered: Option<Query>,
    /// False while only a preview of a huge scan has arrived.
    pub complete: bool,
    pub cursor: ListCursor,
    /// Enter came before the answer to the typed query: act on it when it arrives.
    pub submit_when_ready: bool,
}

impl Palette {
    pub fn query(&self) -> Query {
        Query::parse(&self.input)
    }

    /// Whether `hits` answer what is typed now.
    pub fn is_current(&self) -> bool {
        self.answered.as_ref() == Some(&self.query())
    }

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits.get(self.cursor.selected)
    }
}

/// The last submitted event search, for `n` / `N`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventSearch {
    /// As typed after `#`.
    pub text: String,
    /// The matching events, in time order (event indexes are sorted by time).
    pub matches: Vec<EventIx>,
    /// Whether `matches` holds every matching event. The palette ranks at most
    /// [`PALETTE_LIMIT`] hits; when it was full there may be more, and `update` asks the shell
    /// for all of them (`Effect::FindAllMatches`).
    pub complete: bool,
    /// `n` (+1) and `N` (−1) pressed before `matches` was complete, taken once it is: stepping
    /// through the ranked few would skip matches in between.
    pub pending_steps: i32,
}

/// How many ranked hits the palette asks for: more than anyone scrolls through, and few enough
/// for ranking to prune. Asking for every item, as the palette once did, made a million-event
/// search score every match on every keystroke; at a million events a narrowing keystroke costs
/// about twice as much CPU at 1,000 hits as at 200 (docs/PERFORMANCE.md).
pub const PALETTE_LIMIT: usize = 200;
