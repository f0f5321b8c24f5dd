//! Incremental search while a query is typed.
//!
//! Every item that matches `comu` also matches `comun` (a subsequence of the longer query is a
//! subsequence of the text), so when the new query extends the previous one only the previous
//! matches need scanning. The session keeps the whole match list, not just the shown top, for that.

use super::fold::fold;
use super::{Hit, Query, Scope, SearchIndex};

/// The last completed query and every item it matched.
#[derive(Debug, Clone, Default)]
pub struct SearchSession {
    last: Option<Last>,
}

#[derive(Debug, Clone)]
struct Last {
    scope: Scope,
    folded: String,
    matches: Vec<usize>,
}

impl SearchSession {
    pub fn new() -> SearchSession {
        SearchSession::default()
    }

    /// Ranked hits for `query`, narrowing the previous search when `query` extends it. Use one
    /// session per index: after loading another chronology, start a new one (or [`Self::reset`]).
    pub fn search(&mut self, index: &SearchIndex, query: &Query, limit: usize) -> Vec<Hit> {
        self.search_cancellable(index, query, limit, &|| false)
            .unwrap_or_default()
    }

    /// Like [`Self::search`], stopping with `None` when `cancelled` says so; the session then still
    /// holds the last completed search, so the next query narrows from it if it can.
    pub fn search_cancellable(
        &mut self,
        index: &SearchIndex,
        query: &Query,
        limit: usize,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Hit>> {
        let folded = fold(&query.text);
        let candidates = self
            .last
            .as_ref()
            .filter(|last| last.scope == query.scope && folded.starts_with(&last.folded))
            .map(|last| last.matches.as_slice());
        let outcome = index.run(query, candidates, limit, cancelled)?;
        self.last = Some(Last {
            scope: query.scope,
            folded,
            matches: outcome.matches,
        });
        Some(outcome.hits)
    }

    /// Forgets the previous search, so the next one scans everything.
    pub fn reset(&mut self) {
        self.last = None;
    }

    /// Whether `query` would be answered by narrowing (for tests and the bench).
    pub fn narrows(&self, query: &Query) -> bool {
        let folded = fold(&query.text);
        self.last
            .as_ref()
            .is_some_and(|last| last.scope == query.scope && folded.starts_with(&last.folded))
    }
}
