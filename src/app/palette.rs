//! The search palette's state and the `n`/`N` hit list. The palette only holds the query and the
//! latest answer; the search itself runs elsewhere (a worker thread driven by `tui/search.rs`, or
//! [`search_now`] in tests), so `update` stays pure and typing never waits for a scan.

use super::overlay::ListCursor;
use crate::model::EventIx;
use crate::search::{Hit, Query, Scope, SearchIndex};

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
    /// [`PALETTE_LIMIT`] hits; when it was full there may be more, and the event loop completes
    /// the list once with [`all_event_matches`].
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

/// How many hits to ask for a query.
pub fn limit_for(index: &SearchIndex, query: &Query) -> usize {
    index.len(query.scope).clamp(1, PALETTE_LIMIT)
}

/// The last submitted event search, when the palette's ranked hits may not have held all its
/// matches: the query whose every match `n` / `N` still need.
pub fn incomplete_event_search(app: &super::App) -> Option<Query> {
    let search = app.last_search.as_ref().filter(|s| !s.complete)?;
    Some(Query {
        scope: Scope::Events,
        text: search.text.clone(),
    })
}

/// Every event `query` matches, in time order: one unranked scan, `None` if `cancelled` said stop.
/// The event loop runs it off the UI thread (a million events take a few tenths of a second) and
/// hands the list to `update` as [`super::Action::EventMatches`].
pub fn all_event_matches(
    index: &SearchIndex,
    query: &Query,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<EventIx>> {
    let mut matches = index.run(query, None, 1, cancelled)?.matches;
    matches.sort_unstable();
    Some(matches)
}

/// The palette query the event loop should send to the worker, with the generation its answer
/// must carry; `None` when no palette is open.
pub fn pending_query(app: &super::App) -> Option<(u64, Query)> {
    match app.overlays.last() {
        Some(super::Overlay::Palette(palette)) => Some((app.search_generation, palette.query())),
        _ => None,
    }
}

/// Runs the palette's search on this thread and feeds the answer through `update`: the
/// deterministic path for tests and scripts.
pub fn search_now(app: &mut super::App, index: &SearchIndex) {
    let Some((generation, query)) = pending_query(app) else {
        return;
    };
    let hits = index.search(&query, limit_for(index, &query));
    super::update(
        app,
        super::Action::SearchResults {
            generation,
            hits,
            complete: true,
        },
    );
}

/// Whether a query searches events (for the event loop's bookkeeping and the view).
pub fn is_event_query(query: &Query) -> bool {
    query.scope == Scope::Events
}
