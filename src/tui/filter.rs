//! The query side of the shell: runs `Effect::Filter` and `Effect::CountFacets` on threads in the
//! explorer ([`Filters`]) or on the caller's thread for tests ([`run_now`]), and hands each
//! answer back as an [`Action`]. A query over a million events takes a while; the UI thread
//! never waits for one.

use std::sync::Arc;
use std::sync::mpsc;

use crate::app::{Action, App, Effect, Effects, update};
use crate::model::{Chronology, EventIx};
use crate::query::{Index, Query, QueryError, facets};
use crate::search::SearchIndex;

/// The indexes a query can be answered from, each used only when built for the chronology at
/// hand (else a scan gives the same answer, slower).
#[derive(Clone, Default)]
pub struct Indexes {
    /// Tags, roles, dates and the rest (`query::Index`).
    pub query: Arc<Index>,
    /// Bare words, from the search index's folded text; `None` while it is being built.
    pub words: Option<Arc<SearchIndex>>,
}

/// The events `query` selects, or why it cannot run.
pub fn evaluate(
    chronology: &Chronology,
    indexes: &Indexes,
    query: &str,
    today: i64,
) -> Result<Arc<[EventIx]>, QueryError> {
    Ok(Query::parse(query, today)?
        .select_with(chronology, &indexes.query, indexes.words.as_deref())?
        .into())
}

/// The answer to a query or facet effect; `None` for the effects that are not ours.
pub fn answer(chronology: &Chronology, indexes: &Indexes, effect: &Effect) -> Option<Action> {
    match effect {
        Effect::Filter {
            generation,
            query,
            today,
        } => Some(Action::Filtered {
            generation: *generation,
            query: query.clone(),
            outcome: evaluate(chronology, indexes, query, *today),
        }),
        Effect::CountFacets { purpose, events } => Some(Action::FacetsCounted {
            purpose: *purpose,
            facets: Arc::new(facets::count_with(
                chronology,
                &indexes.query,
                events.as_deref(),
            )),
        }),
        _ => None,
    }
}

/// Runs the query and facet effects among `effects` on this thread, feeding each answer through
/// `update` (and what that asks for, in turn) until none is left: the deterministic path for
/// tests. Returns the effects it does not run, in order.
pub fn run_now(app: &mut App, effects: Effects) -> Effects {
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    let mut others = Effects::new();
    while let Some(effect) = queue.pop_front() {
        let indexes = Indexes {
            query: Arc::clone(&app.query_index),
            words: None,
        };
        match answer(&app.chronology.clone(), &indexes, &effect) {
            Some(action) => queue.extend(update(app, action)),
            None => others.push(effect),
        }
    }
    others
}

/// Queries and counts under way, each on its own thread. Only the newest query matters (`update`
/// drops older answers by their generation); an older one is left to finish and its answer
/// dropped here, since evaluation cannot be interrupted.
#[derive(Default)]
pub(super) struct Filters {
    running: Vec<Job>,
}

struct Job {
    /// For a query: its generation and text, to answer with should the thread die.
    query: Option<(u64, String)>,
    answer: mpsc::Receiver<Action>,
}

impl Filters {
    pub(super) fn start(&mut self, chronology: Arc<Chronology>, indexes: Indexes, effect: Effect) {
        let query = match &effect {
            Effect::Filter {
                generation, query, ..
            } => Some((*generation, query.clone())),
            _ => None,
        };
        if query.is_some() {
            // A newer query makes the answers to older ones useless.
            self.running.retain(|job| job.query.is_none());
        }
        let (send, answer) = mpsc::channel();
        let work = move || {
            if let Some(action) = self::answer(&chronology, &indexes, &effect) {
                let _ = send.send(action);
            }
        };
        // A thread that cannot start drops `work` and its sender: `poll` sees the channel closed.
        let _ = std::thread::Builder::new()
            .name("quipu-filter".into())
            .spawn(work);
        self.running.push(Job { query, answer });
    }

    /// The answer of a job that has finished, if any.
    pub(super) fn poll(&mut self) -> Option<Action> {
        let mut at = 0;
        while at < self.running.len() {
            let action = match self.running[at].answer.try_recv() {
                Ok(action) => action,
                Err(mpsc::TryRecvError::Empty) => {
                    at += 1;
                    continue;
                }
                // Done without a word (a history saved), or the thread died (a panic, reported
                // at exit): a query says so rather than leave "filtering…" forever.
                Err(mpsc::TryRecvError::Disconnected) => {
                    let job = self.running.swap_remove(at);
                    let Some((generation, query)) = job.query else {
                        continue;
                    };
                    return Some(Action::Filtered {
                        generation,
                        query,
                        outcome: Err(QueryError::at(
                            0,
                            "",
                            "the query stopped on an internal error",
                            "",
                        )),
                    });
                }
            };
            self.running.swap_remove(at);
            return Some(action);
        }
        None
    }

    /// Writes the query history on a thread; only a failure answers.
    pub(super) fn save_history(&mut self, path: std::path::PathBuf, entries: Vec<String>) {
        let (send, answer) = mpsc::channel();
        let work = move || {
            if let Err(problem) = super::query_history::write(&path, &entries) {
                let _ = send.send(Action::QueryHistoryProblem(problem));
            }
        };
        let _ = std::thread::Builder::new()
            .name("quipu-history".into())
            .spawn(work);
        self.running.push(Job {
            query: None,
            answer,
        });
    }

    pub(super) fn busy(&self) -> bool {
        !self.running.is_empty()
    }
}
