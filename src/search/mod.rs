//! Fuzzy search over actors (names and aliases) and events (title, aliases, tags, date text
//! fuzzily; the summary where the query appears as typed).
//!
//! Names are folded (case and accents) once when the index is built; queries are folded the same
//! way, matching runs on the plain forms and the UI shows the originals. A palette drives it through
//! [`SearchWorker`] (background thread, stale searches cancelled) or [`SearchSession`] (narrows the
//! previous result set while the query grows); [`SearchIndex::search`] is the one-shot form.
//! The index also keeps a vocabulary of the folded words with the items holding them, so that
//! most queries are ranked from a few postings rather than a scan of every item, and a bare
//! query word is one substring search over the folded text ([`SearchIndex::events_with_word`]).

mod corpus;
mod find;
pub mod matcher;
mod rank;
pub mod session;
mod vocab;
pub mod worker;

use std::borrow::Cow;
use std::sync::Arc;

use crate::fold;
use crate::model::Chronology;
use corpus::Corpus;
pub use matcher::{Matcher, SkimMatcher};
pub use session::SearchSession;
pub use worker::{SearchResults, SearchWorker};

/// What a palette query searches: actors by default, events when it starts with `#`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Actors,
    Events,
}

/// A query as typed, split into scope and text (`#cholera` → Events, "cholera"; `@fuji` →
/// Actors, "fuji", as the palette reads them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub scope: Scope,
    pub text: String,
}

impl Query {
    pub fn parse(typed: &str) -> Query {
        let (scope, text) = match typed.strip_prefix('#') {
            Some(rest) => (Scope::Events, rest),
            None => (Scope::Actors, typed.strip_prefix('@').unwrap_or(typed)),
        };
        Query {
            scope,
            text: text.to_owned(),
        }
    }
}

/// Which text of the item matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// An actor's name or an event's title.
    Name,
    /// An actor's or event's alias, by position in `Actor::aliases` or `Event::aliases`.
    Alias(usize),
    Summary,
    /// An event's tag, by position in `Event::tags`.
    Tag(usize),
    /// An event's human date text.
    Date,
}

/// One ranked result: an `ActorIx` or an `EventIx` depending on the query's scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub item: usize,
    pub score: i64,
    pub field: Field,
}

/// Folded text of every actor and event, built once at load. Holds no reference to the chronology,
/// so it can move to a worker thread behind an `Arc`.
#[derive(Clone)]
pub struct SearchIndex {
    matcher: Arc<dyn Matcher>,
    actors: Corpus,
    events: Corpus,
}

/// All items that match a query (for narrowing the next one) and the best of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchOutcome {
    /// Ranked, best first, at most the limit asked for.
    pub hits: Vec<Hit>,
    /// Every matching item, in ascending order.
    pub matches: Vec<usize>,
}

impl Default for SearchIndex {
    fn default() -> Self {
        SearchIndex {
            matcher: Arc::new(SkimMatcher::new()),
            actors: Corpus::default(),
            events: Corpus::default(),
        }
    }
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("actors", &self.actors.len())
            .field("events", &self.events.len())
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    pub fn build(chronology: &Chronology) -> SearchIndex {
        SearchIndex::build_with(chronology, Arc::new(SkimMatcher::new()))
    }

    /// Like [`SearchIndex::build`] with another matcher (the bench compares them).
    pub fn build_with(chronology: &Chronology, matcher: Arc<dyn Matcher>) -> SearchIndex {
        let mut actors = Corpus::with_capacity(chronology.actors.len());
        for (ix, actor) in chronology.actors.iter().enumerate() {
            let aliases = actor.aliases.iter().enumerate();
            actors.push(
                chronology.events_of(ix).len(),
                std::iter::once((Field::Name, actor.name.as_str()))
                    .chain(aliases.map(|(i, a)| (Field::Alias(i), a.as_str()))),
            );
        }
        actors.finish();
        // Two halves folded, and their vocabularies built, on two threads (that is most of
        // building a million events), then joined: the first half has room for the second's
        // text, so joining copies only that, and merges the two sorted vocabularies.
        let halves = chronology.events.split_at(chronology.events.len() / 2);
        // The room the events take: their number, fields and folded text (folding keeps a
        // text's length or shortens it; 24 bytes an event for the dates' tails).
        let room = |events: &[crate::model::Event]| -> (usize, usize, usize) {
            let (spans, bytes) = events.iter().fold((0, 0), |(spans, bytes), e| {
                let listed = e.tags.iter().map(|t| t.len()).sum::<usize>()
                    + e.aliases.iter().map(String::len).sum::<usize>();
                (
                    spans + 3 + e.tags.len() + e.aliases.len(),
                    bytes + e.title.len() + e.summary.len() + e.date.text.len() + listed + 24,
                )
            });
            (events.len(), spans, bytes)
        };
        let mut events = if chronology.events.len() >= PARALLEL_BUILD_FROM {
            std::thread::scope(|scope| {
                let second = scope.spawn(|| {
                    let mut corpus = events_corpus(halves.1, room(halves.1));
                    corpus.finish();
                    corpus
                });
                let mut first = events_corpus(halves.0, room(&chronology.events));
                first.finish();
                // A panic on the other thread is a bug: raise it here.
                let second = second
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                first.append(second);
                first
            })
        } else {
            events_corpus(&chronology.events, room(&chronology.events))
        };
        events.finish();
        SearchIndex {
            matcher,
            actors,
            events,
        }
    }

    /// Ranked hits, best first, at most `limit`. An empty actor query lists every actor by number of
    /// events. Deterministic: ties break by event count, then by position.
    pub fn search(&self, query: &Query, limit: usize) -> Vec<Hit> {
        match self.rank_by_vocabulary(query, limit, &|| false) {
            Some(hits) => hits,
            None => self
                .run(query, None, limit, &|| false)
                .map(|outcome| outcome.hits)
                .unwrap_or_default(),
        }
    }

    /// The same hits as [`SearchIndex::search`], found from the vocabulary when the word tiers
    /// settle them (see `rank::by_class`); `None` when a scan is needed, or `cancelled` said stop.
    pub fn rank_by_vocabulary(
        &self,
        query: &Query,
        limit: usize,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Hit>> {
        match self.by_class(query, limit, cancelled) {
            rank::by_class::ByClass::Ranked { hits, .. } => Some(hits),
            rank::by_class::ByClass::Unanswered | rank::by_class::ByClass::Cancelled => None,
        }
    }

    pub(crate) fn by_class(
        &self,
        query: &Query,
        limit: usize,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> rank::by_class::ByClass {
        let folded = fold::fold(&query.text);
        let needle = rank::Needle::new(&folded);
        let corpus = self.corpus(query.scope);
        rank::by_class::rank(corpus, self.matcher.as_ref(), &needle, limit, cancelled)
    }

    /// Every event holding `folded` (a bare query word, already folded) in its title, summary,
    /// a tag, an alias, its shown date or its EDTF date, ascending: one substring search over the
    /// folded text, where a scan would fold every event again. `None` when this index cannot
    /// answer (its text passed 4 GiB); the caller then scans.
    pub fn events_with_word(&self, folded: &str) -> Option<Vec<usize>> {
        find::items_containing(&self.events, folded, &|| false)
    }

    /// Bytes the index holds on the heap, for the memory budget (docs/PERFORMANCE.md).
    pub fn heap_bytes(&self) -> usize {
        self.actors.heap_bytes() + self.events.heap_bytes()
    }

    /// Searches only `candidates` (ascending item indexes, e.g. the `matches` of a query this one
    /// extends): same results as a full search whenever the candidates hold every match.
    pub fn search_within(
        &self,
        query: &Query,
        candidates: &[usize],
        limit: usize,
    ) -> SearchOutcome {
        self.run(query, Some(candidates), limit, &|| false)
            .unwrap_or_default()
    }

    /// The general form: `None` for all items, and `cancelled` polled every few thousand items;
    /// returns `None` when it said stop.
    pub fn run(
        &self,
        query: &Query,
        candidates: Option<&[usize]>,
        limit: usize,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<SearchOutcome> {
        let fresh: Vec<rank::Trail> = match candidates {
            Some(c) => c.iter().copied().map(rank::Trail::fresh).collect(),
            None => (0..self.len(query.scope)).map(rank::Trail::fresh).collect(),
        };
        let mut trails = Vec::new();
        let hits = self.scan(query, &fresh, limit, true, &mut trails, cancelled)?;
        Some(SearchOutcome {
            hits,
            matches: trails.iter().map(|t| t.item).collect(),
        })
    }

    /// Scans from what an earlier scan learned (see [`rank::Trail`]) into `out`; `exact` as in
    /// [`rank::Pass`].
    pub(crate) fn scan(
        &self,
        query: &Query,
        candidates: &[rank::Trail],
        limit: usize,
        exact: bool,
        out: &mut Vec<rank::Trail>,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<Hit>> {
        let folded = fold::fold(&query.text);
        let needle = rank::Needle::new(&folded);
        let pass = rank::Pass {
            corpus: self.corpus(query.scope),
            matcher: self.matcher.as_ref(),
            needle: &needle,
            limit,
            exact,
        };
        rank::scan(&pass, candidates, out, cancelled)
    }

    /// Number of items in a scope.
    pub fn len(&self, scope: Scope) -> usize {
        self.corpus(scope).len()
    }

    pub fn is_empty(&self) -> bool {
        self.actors.len() == 0 && self.events.len() == 0
    }

    /// Char positions in the matched field's original text to highlight. Computed per visible row
    /// only, never for the whole result list.
    pub fn highlight(&self, chronology: &Chronology, query: &Query, hit: &Hit) -> Vec<usize> {
        self.highlight_shown(chronology, query, hit, usize::MAX)
    }

    /// [`SearchIndex::highlight`] for a row that shows at most the first `shown` characters of
    /// the field: only those are folded and matched, so a frame costs the width of the screen
    /// and not the length of the text (a million-letter name against an 80-letter query made
    /// a 1.3 GB score matrix per row). A match that goes on past the visible part marks what
    /// of it is visible, in order, leftmost first.
    pub fn highlight_shown(
        &self,
        chronology: &Chronology,
        query: &Query,
        hit: &Hit,
        shown: usize,
    ) -> Vec<usize> {
        let Some(original) = field_text(chronology, query.scope, hit) else {
            return Vec::new();
        };
        let needle = fold::fold(&query.text);
        if needle.is_empty() {
            return Vec::new();
        }
        let visible = match original.char_indices().nth(shown) {
            Some((end, _)) => &original[..end],
            None => &*original,
        };
        let (folded, map) = fold::fold_with_map(visible);
        let positions = if hit.field == Field::Summary {
            // Summaries match only as typed (see `rank::rules::field_matches`): show that occurrence.
            let Some(at) = rank::shown_occurrence(&folded, &needle) else {
                return Vec::new();
            };
            let start = folded[..at].chars().count();
            (start..start + needle.chars().count()).collect()
        } else {
            match self.matcher.positions(&folded, &needle) {
                Some(positions) => positions,
                None if visible.len() < original.len() => in_order(&folded, &needle),
                None => return Vec::new(),
            }
        };
        let mut shown: Vec<usize> = positions
            .iter()
            .filter_map(|&p| map.get(p).copied())
            .collect();
        shown.dedup();
        shown
    }

    fn corpus(&self, scope: Scope) -> &Corpus {
        match scope {
            Scope::Actors => &self.actors,
            Scope::Events => &self.events,
        }
    }
}

/// Below this many events one thread builds the index: a thread costs more than it saves.
const PARALLEL_BUILD_FROM: usize = 50_000;

/// The folded texts of `events`, in order, with room for `reserve` bytes of text.
fn events_corpus(
    events: &[crate::model::Event],
    (items, spans, bytes): (usize, usize, usize),
) -> Corpus {
    let mut corpus = Corpus::with_capacity(0);
    corpus.reserve(items + 1, spans, bytes);
    // Events are in time order, so neighbours often share a date: its human form is made once
    // per run of them, not per event (a tenth of building a million events).
    // Borrowed, not cloned: a copy per event was a million allocations.
    let mut shown: (&str, String) = ("", String::new());
    for event in events {
        let date = match &event.display_date {
            Some(display) => display.as_str(),
            None => {
                if shown.0 != event.date.text || shown.0.is_empty() {
                    shown = (&event.date.text, event.date.human());
                }
                shown.1.as_str()
            }
        };
        let tags = event.tags.iter().enumerate();
        let aliases = event.aliases.iter().enumerate();
        corpus.push_with_tail(
            0,
            std::iter::once((Field::Name, event.title.as_str()))
                .chain(aliases.map(|(i, a)| (Field::Alias(i), a.as_str())))
                .chain(tags.map(|(i, t)| (Field::Tag(i), t.as_str())))
                .chain([
                    (Field::Date, date),
                    (Field::Summary, event.summary.as_str()),
                ]),
            // A bare query word also finds the EDTF date (`quipu list 1992-04`).
            &event.date.text,
        );
    }
    corpus
}

/// Positions of the needle's chars found one after another in `folded`, each as early as it can
/// be: the visible part of a match that the whole text completes.
fn in_order(folded: &str, needle: &str) -> Vec<usize> {
    let mut wanted = needle.chars().peekable();
    let mut out = Vec::new();
    for (i, c) in folded.chars().enumerate() {
        let Some(&next) = wanted.peek() else {
            break;
        };
        if c == next {
            out.push(i);
            wanted.next();
        }
    }
    out
}

/// The original text of the field a hit matched, or `None` if the hit does not fit the chronology.
/// Borrowed: a frame copies none of a long text.
pub fn field_text<'a>(chronology: &'a Chronology, scope: Scope, hit: &Hit) -> Option<Cow<'a, str>> {
    match scope {
        Scope::Actors => {
            let actor = chronology.actors.get(hit.item)?;
            match hit.field {
                Field::Name => Some(Cow::Borrowed(&actor.name)),
                Field::Alias(i) => actor.aliases.get(i).map(|a| Cow::Borrowed(a.as_str())),
                _ => None,
            }
        }
        Scope::Events => {
            let event = chronology.events.get(hit.item)?;
            match hit.field {
                Field::Name => Some(Cow::Borrowed(&event.title)),
                Field::Summary => Some(Cow::Borrowed(&event.summary)),
                Field::Tag(i) => event.tags.get(i).map(|t| Cow::Borrowed(t.as_str())),
                Field::Date => Some(Cow::Owned(event.human_date())),
                Field::Alias(i) => event.aliases.get(i).map(|a| Cow::Borrowed(a.as_str())),
            }
        }
    }
}
