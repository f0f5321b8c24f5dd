//! The explorer's side of the query language: the `f` prompt, the query history it walks, the
//! facets overlay, and the few edits of a query's text that keys make (add a term, drop the last).
//!
//! The query is kept as text, as typed: it is what the reader sees and edits, what the history
//! and an export's file name are made of, and what a reload runs again.

use std::sync::Arc;

use super::cursor::ListCursor;
use crate::model::{ActorIx, Chronology};
use crate::query::QueryError;
use crate::query::facets::{Dimension, FacetRow, Facets};

/// Longest query worth typing; far beyond what a person writes, small enough to draw.
pub const MAX_QUERY: usize = 400;

/// At most this many queries are remembered; the oldest go first.
pub const HISTORY_LIMIT: usize = 500;

/// `f`: the filter prompt.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FilterPrompt {
    pub input: String,
    /// Why the query was refused, with its column, shown under the input with a caret.
    pub error: Option<QueryError>,
    /// Something to say that is not an error ("no event matches …").
    pub note: Option<String>,
    /// What Tab offered when it could not choose: a row under the input, as shells show.
    pub candidates: Vec<String>,
    /// Where ↑/↓ stand in the history (`None`: at the text being typed, kept in `draft`).
    pub recalled: Option<usize>,
    pub draft: String,
}

impl FilterPrompt {
    pub fn new(input: String) -> FilterPrompt {
        FilterPrompt {
            input,
            ..FilterPrompt::default()
        }
    }

    /// A change of the text makes what was said about the old text stale.
    pub fn edited(&mut self) {
        self.error = None;
        self.note = None;
        self.candidates.clear();
        self.recalled = None;
    }
}

/// The queries applied, oldest first, each once (a query used again moves to the end). The shell
/// reads and writes them (`Effect::SaveQueryHistory`); here they are plain data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueryHistory {
    pub entries: Vec<String>,
    /// The shell could not read or write the history file: said once, then quiet.
    pub problem_told: bool,
}

impl QueryHistory {
    /// Remembers `query` as the newest, dropping an older copy and the oldest beyond the limit.
    pub fn push(&mut self, query: &str) {
        let query = query.trim();
        if query.is_empty() {
            return;
        }
        self.entries.retain(|q| q != query);
        self.entries.push(query.to_owned());
        bound(&mut self.entries);
    }
}

/// Keeps the newest [`HISTORY_LIMIT`] of `entries`, each once, in their order.
pub fn bound(entries: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    let mut kept: Vec<String> = Vec::with_capacity(entries.len().min(HISTORY_LIMIT));
    for entry in entries.drain(..).rev() {
        if kept.len() == HISTORY_LIMIT {
            break;
        }
        if !entry.trim().is_empty() && seen.insert(entry.clone()) {
            kept.push(entry);
        }
    }
    kept.reverse();
    *entries = kept;
}

/// `F`: counts of the events shown by one dimension at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetsView {
    pub dimension: Dimension,
    pub cursor: ListCursor,
    /// `None` while they are being counted.
    pub facets: Option<Arc<Facets>>,
    /// The answer to wait for; older ones are dropped.
    pub generation: u64,
}

impl FacetsView {
    pub fn rows(&self) -> &[FacetRow] {
        self.facets
            .as_ref()
            .map_or(&[], |facets| facets.rows(self.dimension))
    }

    /// The next (or previous) dimension, round.
    pub fn turn(&mut self, step: isize) {
        let all = Dimension::ALL;
        let at = all.iter().position(|&d| d == self.dimension).unwrap_or(0) as isize;
        let n = all.len() as isize;
        self.dimension = all[(at + step).rem_euclid(n) as usize];
        self.cursor = ListCursor::default();
    }
}

/// The query's top-level parts, as written: the terms that must all hold, each with what `or`
/// joins to it and its parentheses. Dropping one leaves a query that reads as before without it.
pub fn top_terms(text: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let mut quoted = false;
    let mut join_next = false;
    let flush = |current: &mut String, parts: &mut Vec<String>, join_next: &mut bool| {
        if current.is_empty() {
            return;
        }
        let word = std::mem::take(current);
        if word == "or"
            && let Some(last) = parts.last_mut()
        {
            last.push_str(" or");
            *join_next = true;
            return;
        }
        match parts.last_mut() {
            Some(last) if *join_next => {
                last.push(' ');
                last.push_str(&word);
            }
            _ => parts.push(word),
        }
        *join_next = false;
    };
    for c in text.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted && c == '(' {
            depth += 1;
        } else if !quoted && c == ')' {
            depth = depth.saturating_sub(1);
        }
        if c.is_whitespace() && depth == 0 && !quoted {
            flush(&mut current, &mut parts, &mut join_next);
        } else {
            current.push(c);
        }
    }
    flush(&mut current, &mut parts, &mut join_next);
    parts
}

/// `text` with `term` added (all must hold), unless it is there already.
pub fn with_term(text: &str, term: &str) -> String {
    let terms = top_terms(text);
    if terms.iter().any(|t| t == term) {
        return text.trim().to_owned();
    }
    match text.trim() {
        "" => term.to_owned(),
        text => format!("{text} {term}"),
    }
}

/// `text` without its last top-level term, and the term dropped.
pub fn without_last_term(text: &str) -> (String, Option<String>) {
    let mut terms = top_terms(text);
    let last = terms.pop();
    (terms.join(" "), last)
}

/// The actors a query names by id in a top-level `actor:` term: every event it selects
/// involves each of them (the lanes show them, the actors view marks them).
pub fn named_actors(chronology: &Chronology, text: &str) -> Vec<ActorIx> {
    let mut actors = Vec::new();
    for term in top_terms(text) {
        let Some(value) = term.strip_prefix("actor:") else {
            continue;
        };
        let value = value.trim_matches('"');
        if let Some(ix) = chronology.actor_ix(value)
            && !actors.contains(&ix)
        {
            actors.push(ix);
        }
    }
    actors
}

/// A file name for the events of `query`: its slug (`actor-usa-date-1991`).
pub fn query_stem(query: &str) -> Option<String> {
    crate::fold::slug(query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_terms_keep_or_groups_quotes_and_parentheses_whole() {
        assert_eq!(
            top_terms("actor:usa  tag:\"human rights\" (a or b) -c d or e"),
            [
                "actor:usa",
                "tag:\"human rights\"",
                "(a or b)",
                "-c",
                "d or e"
            ]
        );
        assert_eq!(top_terms(""), Vec::<String>::new());
        assert_eq!(
            without_last_term("a b or c"),
            ("a".to_owned(), Some("b or c".to_owned()))
        );
        assert_eq!(with_term("a", "a"), "a");
        assert_eq!(with_term(" ", "actor:usa"), "actor:usa");
        assert_eq!(with_term("x", "actor:usa"), "x actor:usa");
    }

    #[test]
    fn history_is_deduplicated_and_bounded() {
        let mut history = QueryHistory::default();
        for i in 0..HISTORY_LIMIT + 10 {
            history.push(&format!("q{i}"));
        }
        history.push("q20");
        history.push("  ");
        assert_eq!(history.entries.len(), HISTORY_LIMIT);
        assert_eq!(history.entries.last().map(String::as_str), Some("q20"));
        assert_eq!(history.entries.iter().filter(|q| *q == "q20").count(), 1);
        assert!(!history.entries.contains(&"q0".to_owned()), "the oldest go");
    }
}
