//! Fuzzy search over actors (names and aliases) and events (title, summary, tags, date text).
//!
//! STUB: the interface is fixed so the UI can call it; the implementation is being written.
//! Names are folded (case and accents) once when the index is built; queries are folded the same
//! way, matching runs on the plain forms and the UI shows the originals.

use crate::model::Chronology;

/// What a palette query searches: actors by default, events when it starts with `#`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Actors,
    Events,
}

/// A query as typed, split into scope and text (`#cholera` → Events, "cholera").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub scope: Scope,
    pub text: String,
}

impl Query {
    pub fn parse(typed: &str) -> Query {
        match typed.strip_prefix('#') {
            Some(rest) => Query {
                scope: Scope::Events,
                text: rest.to_owned(),
            },
            None => Query {
                scope: Scope::Actors,
                text: typed.to_owned(),
            },
        }
    }
}

/// Which text of the item matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// An actor's name or an event's title.
    Name,
    /// An actor's alias, by position in `Actor::aliases`.
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

/// Folded text of every actor and event, built once at load.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {}

impl SearchIndex {
    pub fn build(chronology: &Chronology) -> SearchIndex {
        let _ = chronology;
        SearchIndex {}
    }

    /// Ranked hits, best first, at most `limit`. An empty actor query lists every actor by number of
    /// events. Deterministic: ties break by event count, then by position.
    pub fn search(&self, chronology: &Chronology, query: &Query, limit: usize) -> Vec<Hit> {
        let _ = (chronology, query, limit);
        Vec::new()
    }

    /// Char positions in the matched field's original text to highlight. Computed per visible row
    /// only, never for the whole result list.
    pub fn highlight(&self, chronology: &Chronology, query: &Query, hit: &Hit) -> Vec<usize> {
        let _ = (chronology, query, hit);
        Vec::new()
    }
}
