//! The chronology questions: one query language for the command line (and, later, the explorer).
//!
//! `actor:"united states" date:<1992-04-05`, `downstream:self-coup -tag:economy`,
//! `(tag:drugs or tag:debt) -basis:inferred`. The text is parsed once ([`parse`]); every name in it
//! is resolved once against the chronology ([`Query::select`] turns actor names, tags, eras and
//! event ids into indexes before looking at any event); then each term becomes a bitset, and the
//! bitsets are combined. Terms whose values hang off each event (tags, roles, sources, kinds,
//! bases) read an [`Index`] built once at load, and cost their answer; dates, precisions and link
//! counts are one pass over the events; graph terms walk only the links they reach.
//!
//! Semantics that are choices, not obvious (README's table says the same):
//! - `or` binds tighter than the space: `a b or c` is `a (b or c)`.
//! - `actor:X` is an actor with id X, or whose name or one of whose aliases begins with the words
//!   of X, whole words, case and accents ignored: `actor:united` finds "United States", `actor:unit`
//!   does not. `source:` and `era:` match ids and titles the same way; `role:` and `tag:` whole
//!   values, folded.
//! - `date:X` holds when the event's span of days overlaps X's. `>=X` / `>X` mean from X's first
//!   day / after its last; `<X` / `<=X` before its first / up to its last; `A..B` from A's first day
//!   to B's last.
//! - `downstream:X` / `upstream:X` exclude X itself (unless a cycle leads back to it).
//! - `links:N` counts an event's causes and consequences together.
//! - `basis:B` holds when the event itself, or any of its links in either direction, rests on B.
//! - A bare word is a substring of the folded words of the title, summary, tags, aliases or dates;
//!   a quoted one a substring of them as written, case included.
//! - A name, tag, era, source or event id that matches nothing is an error with a did-you-mean, not
//!   an empty answer.

mod bits;
mod eval;
pub mod facets;
mod index;
pub mod parse;
mod resolve;

pub use index::{Index, PRECISIONS};
pub use parse::{Expr, KEYS, Term, parse};
pub use resolve::actors_named;

use crate::model::{Chronology, EventIx};

/// An index shared between threads, as an action carries it: equal when it is the same index,
/// since comparing two indexes item by item would be a walk over the file.
#[derive(Debug, Clone, Default)]
pub struct SharedIndex(pub std::sync::Arc<Index>);

impl PartialEq for SharedIndex {
    fn eq(&self, other: &SharedIndex) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SharedIndex {}

/// A query that cannot be run: the term, its 1-based char column in the query, what is wrong and
/// what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("query:{column}: error: {message}")]
pub struct QueryError {
    pub column: usize,
    pub term: String,
    pub message: String,
    /// Empty when there is nothing to add.
    pub help: String,
}

impl QueryError {
    pub(crate) fn at(column: usize, term: &str, message: &str, help: &str) -> QueryError {
        QueryError {
            column,
            term: crate::text::escape_controls(term).into_owned(),
            message: message.to_owned(),
            help: help.to_owned(),
        }
    }

    /// The error and its help as the command line prints them, one line each, escaped.
    pub fn render(&self) -> String {
        let mut text = crate::text::escape_controls(&self.to_string()).into_owned();
        if !self.help.is_empty() {
            text.push_str("\n  help: ");
            text.push_str(&crate::text::escape_controls(&self.help));
        }
        text
    }
}

/// A parsed query, not yet tied to a chronology.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    expr: Expr,
    /// What `today` means in dates; the caller reads the clock.
    today: i64,
}

impl Query {
    pub fn parse(text: &str, today: i64) -> Result<Query, QueryError> {
        Ok(Query {
            expr: parse(text)?,
            today,
        })
    }

    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// The matching events, in time order (ascending `EventIx`), by scanning: the command line
    /// asks one question a load, and building an [`Index`] walks every list of every event,
    /// more than one query's scan. The explorer keeps its index and calls [`Query::select_in`].
    pub fn select(&self, chronology: &Chronology) -> Result<Vec<EventIx>, QueryError> {
        self.run(chronology, None, None)
    }

    /// The matching events, through an index built once from `chronology`. An index that does
    /// not fit it (see [`Index::fits`]) is not used: the answer is then the scan's, slower but
    /// never wrong.
    pub fn select_in(
        &self,
        chronology: &Chronology,
        index: &Index,
    ) -> Result<Vec<EventIx>, QueryError> {
        let index = index.fits(chronology).then_some(index);
        self.run(chronology, index, None)
    }

    /// Like [`Query::select_in`], with bare words answered by the search index `words` when it
    /// was built for this chronology (the explorer has one): well under 100 ms for a word at a
    /// million events, where folding every event takes about a second. Same answer.
    pub fn select_with(
        &self,
        chronology: &Chronology,
        index: &Index,
        words: Option<&crate::search::SearchIndex>,
    ) -> Result<Vec<EventIx>, QueryError> {
        let index = index.fits(chronology).then_some(index);
        let words =
            words.filter(|w| w.len(crate::search::Scope::Events) == chronology.events.len());
        self.run(chronology, index, words)
    }

    /// The matching events found by walking every event, without an index: the reference the
    /// index is tested against (the same as [`Query::select`], named for what it does).
    pub fn select_by_scan(&self, chronology: &Chronology) -> Result<Vec<EventIx>, QueryError> {
        self.run(chronology, None, None)
    }

    fn run(
        &self,
        chronology: &Chronology,
        index: Option<&Index>,
        words: Option<&crate::search::SearchIndex>,
    ) -> Result<Vec<EventIx>, QueryError> {
        let names = resolve::Names {
            chronology,
            index,
            today: self.today,
        };
        let mut plan = resolve::resolve(&self.expr, names)?;
        if let Some(words) = words {
            plan = resolve::answer_words(plan, words);
        }
        Ok(eval::evaluate(&plan, chronology, index).ones())
    }
}

/// Parses and runs `text` in one go.
pub fn select(chronology: &Chronology, text: &str, today: i64) -> Result<Vec<EventIx>, QueryError> {
    Query::parse(text, today)?.select(chronology)
}
