//! Incremental search while a query is typed.
//!
//! Most keystrokes are answered from the vocabulary without a scan (`rank::by_class`); the rest
//! scan, and that scan narrows the previous one when it can.
//!
//! Every item that matches `comun` also matches `comu` (a subsequence of the longer query is a
//! subsequence of the text), so when the new query extends the previous one only the previous
//! candidates need scanning. The session keeps a trail for each of them, not just the shown top:
//! where its match ended, to resume there, and a bound on its score, to pass over it unread while
//! it cannot reach the top (see [`super::rank::Trail`]).

use super::rank::Trail;
use super::rank::by_class::ByClass;
use super::{Hit, Query, Scope, SearchIndex};
use crate::fold::fold;

/// Above this many items to scan, a preview of the first [`PREVIEW`] is ranked first.
pub const PREVIEW_FROM: usize = 200_000;
/// How many items a preview ranks: a few milliseconds of work, well inside a 16 ms frame (65,536
/// took up to 26 ms of CPU for a scattered query at a million events).
pub const PREVIEW: usize = 1 << 14;

/// The last completed query and every item that may match it.
#[derive(Debug, Clone)]
pub struct SearchSession {
    last: Option<Last>,
    /// [`PREVIEW_FROM`] and [`PREVIEW`], unless a test asks for a preview of a small corpus.
    preview_from: usize,
    preview_len: usize,
    /// Whether to ask the vocabulary before scanning (off only to test and measure the scans).
    vocabulary: bool,
    /// Buffers kept between keystrokes (see [`super::rank::scan`]): the next scan's output, the
    /// fresh trails of a first keystroke, and the preview's output.
    spare: Vec<Trail>,
    fresh: Vec<Trail>,
    head: Vec<Trail>,
}

#[derive(Debug, Clone)]
struct Last {
    scope: Scope,
    folded: String,
    /// Every match, and possibly items the bounds passed over that no longer match.
    candidates: Vec<Trail>,
}

impl Default for SearchSession {
    fn default() -> Self {
        SearchSession::with_preview(PREVIEW_FROM, PREVIEW)
    }
}

impl SearchSession {
    pub fn new() -> SearchSession {
        SearchSession::default()
    }

    /// A session that always scans, narrowing when it can: what every keystroke did before the
    /// vocabulary, kept so tests and benches can hold the scans to the same answers.
    pub fn scanning_only(mut self) -> SearchSession {
        self.vocabulary = false;
        self
    }

    /// A session that previews the first `len` items when more than `from` are to be searched
    /// (the property tests check previews on small corpora).
    pub fn with_preview(from: usize, len: usize) -> SearchSession {
        SearchSession {
            last: None,
            preview_from: from,
            preview_len: len.min(from),
            vocabulary: true,
            spare: Vec::new(),
            fresh: Vec::new(),
            head: Vec::new(),
        }
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
        self.search_with_preview(index, query, limit, cancelled, &mut |_| {})
    }

    /// Like [`Self::search_cancellable`]; when more than [`PREVIEW_FROM`] items are to be searched,
    /// first ranks the first [`PREVIEW`] of them and hands those hits to `preview` (a few
    /// milliseconds, so a reader of a huge file sees results within a frame), then finds the exact
    /// ranking: from the vocabulary when the word tiers settle it, else by a scan that narrows the
    /// previous one when this query extends it.
    pub fn search_with_preview(
        &mut self,
        index: &SearchIndex,
        query: &Query,
        limit: usize,
        cancelled: &(dyn Fn() -> bool + Sync),
        preview: &mut dyn FnMut(Vec<Hit>),
    ) -> Option<Vec<Hit>> {
        let folded = fold(&query.text);
        let mut fresh = std::mem::take(&mut self.fresh);
        let mut head = std::mem::take(&mut self.head);
        let mut out = std::mem::take(&mut self.spare);
        let last = self
            .last
            .as_ref()
            .filter(|last| last.scope == query.scope && folded.starts_with(&last.folded));
        let hits = 'found: {
            let total = last.map_or(index.len(query.scope), |l| l.candidates.len());
            if total > self.preview_from {
                let len = self.preview_len;
                let first: &[Trail] = match last {
                    Some(last) => &last.candidates[..len],
                    None => {
                        fresh.clear();
                        fresh.extend((0..len).map(Trail::fresh));
                        &fresh
                    }
                };
                match index.scan(query, first, limit, false, &mut head, cancelled) {
                    Some(hits) => preview(hits),
                    None => break 'found None,
                }
            }
            let answer = if self.vocabulary {
                index.by_class(query, limit, cancelled)
            } else {
                ByClass::Unanswered
            };
            match answer {
                // Exact without a scan; the last scan's candidates stay, for a later query that
                // extends it and needs a scan.
                ByClass::Ranked { hits, .. } => {
                    self.fresh = fresh;
                    self.head = head;
                    self.spare = out;
                    return Some(hits);
                }
                ByClass::Cancelled => break 'found None,
                ByClass::Unanswered => {}
            }
            let candidates = match last {
                Some(last) => last.candidates.as_slice(),
                None => {
                    fresh.clear();
                    fresh.extend((0..index.len(query.scope)).map(Trail::fresh));
                    &fresh
                }
            };
            index.scan(query, candidates, limit, false, &mut out, cancelled)
        };
        self.fresh = fresh;
        self.head = head;
        let Some(hits) = hits else {
            self.spare = out;
            return None;
        };
        let previous = self.last.replace(Last {
            scope: query.scope,
            folded,
            candidates: out,
        });
        self.spare = previous.map(|last| last.candidates).unwrap_or_default();
        Some(hits)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Chronology;
    use crate::model::chronology::{Actor, ActorKind};

    fn many_actors(n: usize) -> Chronology {
        Chronology {
            actors: (0..n)
                .map(|i| Actor {
                    id: format!("a{i}"),
                    name: format!("Actor número {i}"),
                    kind: ActorKind::Person,
                    aliases: Vec::new(),
                    description: None,
                })
                .collect(),
            ..Chronology::default()
        }
    }

    #[test]
    fn huge_scans_preview_the_first_items_then_complete() {
        let chronology = many_actors(PREVIEW_FROM + 1);
        let index = SearchIndex::build(&chronology);
        let query = Query::parse("numero 2000");
        let mut previews = Vec::new();
        let hits = SearchSession::new()
            .search_with_preview(&index, &query, 5, &|| false, &mut |h| previews.push(h))
            .unwrap();
        assert_eq!(hits, index.search(&query, 5));
        assert_eq!(previews.len(), 1);
        assert!(previews[0].iter().all(|h| h.item < PREVIEW));
        assert!(!previews[0].is_empty());
    }

    #[test]
    fn a_cancelled_search_leaves_the_last_completed_one_to_narrow_from() {
        let chronology = many_actors(500);
        let index = SearchIndex::build(&chronology);
        let mut session = SearchSession::new();
        session.search(&index, &Query::parse("actor 1"), 5);
        let stopped = session.search_cancellable(&index, &Query::parse("actor 12"), 5, &|| true);
        assert!(stopped.is_none());
        assert!(session.narrows(&Query::parse("actor 1 ")));
        for typed in ["actor 12", "actor 123"] {
            let query = Query::parse(typed);
            let fresh = index.search(&query, 5);
            assert_eq!(session.search(&index, &query, 5), fresh, "{typed}");
        }
    }

    #[test]
    fn small_scans_have_no_preview() {
        let chronology = many_actors(100);
        let index = SearchIndex::build(&chronology);
        let mut previews = 0;
        SearchSession::new().search_with_preview(
            &index,
            &Query::parse("1"),
            5,
            &|| false,
            &mut |_| previews += 1,
        );
        assert_eq!(previews, 0);
    }
}
