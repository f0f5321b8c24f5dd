//! The search side of the shell: runs the `Effect::Search` and `Effect::FindAllMatches` that
//! `update` returns, on threads in the explorer ([`Search`]) or on the caller's thread for tests
//! and scripts ([`run_now`]), and hands each answer back as an [`Action`].

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, TryRecvError};

use super::hooks;
use crate::app::palette::PALETTE_LIMIT;
use crate::app::{Action, App, Effect, Effects, update};
use crate::model::EventIx;
use crate::search::{Query, Scope, SearchIndex, SearchWorker};

/// How many hits to ask for a query.
pub fn limit_for(index: &SearchIndex, query: &Query) -> usize {
    index.len(query.scope).clamp(1, PALETTE_LIMIT)
}

/// Every event `query` matches, in time order: one unranked scan, `None` if `cancelled` said stop.
/// The explorer runs it off the UI thread (a million events take a few tenths of a second).
pub fn all_event_matches(
    index: &SearchIndex,
    query: &Query,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<EventIx>> {
    let mut matches = index.run(query, None, 1, cancelled)?.matches;
    matches.sort_unstable();
    Some(matches)
}

/// Runs the search effects among `effects` on this thread, feeding each answer through `update`
/// (and the effects that answer asks for, in turn) until none is left: the deterministic path for
/// tests and scripts. Returns the effects it does not run (exports, quitting), in order.
pub fn run_now(app: &mut App, index: &SearchIndex, effects: Effects) -> Effects {
    let mut queue: std::collections::VecDeque<Effect> = effects.into();
    let mut others = Effects::new();
    while let Some(effect) = queue.pop_front() {
        let answer = match effect {
            Effect::Search { generation, query } => {
                let hits = index.search(&query, limit_for(index, &query));
                Action::SearchResults {
                    generation,
                    hits,
                    complete: true,
                }
            }
            Effect::FindAllMatches(query) => Action::EventMatches {
                matches: all_event_matches(index, &query, &|| false).unwrap_or_default(),
                text: query.text,
            },
            other => {
                others.push(other);
                continue;
            }
        };
        queue.extend(update(app, answer));
    }
    others
}

/// The explorer's searches: the index is built on a thread at startup (a huge file opens at once),
/// the worker starts with the first palette query, and only the newest query is ever sent. Nothing
/// here waits: a query asked for while the index is still being built (seconds, at a million
/// events) is sent once it is ready, and the palette says "searching…" meanwhile.
pub(super) struct Search {
    building: Option<std::thread::JoinHandle<SearchIndex>>,
    index: Option<Arc<SearchIndex>>,
    /// One worker per scope: a plain `/` asks for actors, then events, on every keystroke, and
    /// each worker's session narrows only a query of its own scope. One worker for both would
    /// scan every event afresh on every keystroke.
    worker: Option<SearchWorker>,
    actor_worker: Option<SearchWorker>,
    /// The scope of the last query sent: only its worker's answers are handed on.
    sent_scope: Scope,
    /// The newest palette query not sent yet, with the generation its answer must carry.
    wanted: Option<(u64, Query)>,
    /// The generation of the last query sent, and whether its complete answer is still due.
    sent: u64,
    pending: bool,
    /// A `#` search whose every match is wanted, until the index is there to find them.
    wanted_matches: Option<Query>,
    /// Every match of the last submitted `#` search, being found on a thread for `n` / `N`.
    matching: Option<MatchJob>,
}

impl Search {
    pub(super) fn start(app: &App) -> Search {
        let chronology = Arc::clone(&app.chronology);
        let building = std::thread::Builder::new()
            .name("quipu-index".into())
            .spawn(move || {
                hooks::before_index();
                SearchIndex::build(&chronology)
            })
            .ok();
        Search::building(building)
    }

    /// Nothing asked yet, with the index coming from `building`.
    fn building(building: Option<std::thread::JoinHandle<SearchIndex>>) -> Search {
        Search {
            building,
            index: None,
            worker: None,
            actor_worker: None,
            sent_scope: Scope::Events,
            wanted: None,
            sent: 0,
            pending: false,
            wanted_matches: None,
            matching: None,
        }
    }

    /// The searches of a new version of the file: answers about the old one are dropped with
    /// it, and the new index is built once the old one's build (if any) has ended, so a file
    /// saved in a loop never has two builds at once. A build still waiting holds the version
    /// weakly: one that was replaced again meanwhile is never built, and its memory is freed.
    pub(super) fn restart(&mut self, app: &App) {
        let previous = self.building.take();
        let chronology = Arc::downgrade(&app.chronology);
        let building = std::thread::Builder::new()
            .name("quipu-index".into())
            .spawn(move || {
                if let Some(previous) = previous {
                    let _ = previous.join();
                }
                hooks::before_index();
                chronology
                    .upgrade()
                    .map_or_else(SearchIndex::default, |c| SearchIndex::build(&c))
            })
            .ok();
        *self = Search::building(building);
    }

    /// Takes a search effect; the others are not ours.
    pub(super) fn run(&mut self, effect: Effect) {
        match effect {
            Effect::Search { generation, query } => self.wanted = Some((generation, query)),
            // Replacing a job for an older search drops it, which stops its thread.
            Effect::FindAllMatches(query) => {
                self.matching = None;
                self.wanted_matches = Some(query);
            }
            _ => {}
        }
    }

    /// The index, once its thread has built it; `None` until then.
    pub(super) fn index(&mut self, app: &App) -> Option<Arc<SearchIndex>> {
        if self.index.is_none() {
            if self
                .building
                .as_ref()
                .is_some_and(|handle| !handle.is_finished())
            {
                return None;
            }
            // Built on this thread only if the thread could not be started or panicked.
            let built = self
                .building
                .take()
                .and_then(|handle| handle.join().ok())
                .unwrap_or_else(|| SearchIndex::build(&app.chronology));
            self.index = Some(Arc::new(built));
        }
        self.index.clone()
    }

    /// Sends what is wanted once the index is there, then takes the newest answer, as an action
    /// for `update`.
    pub(super) fn poll(&mut self, app: &App) -> Option<Action> {
        if self.wanted.is_some()
            && let Some(index) = self.index(app)
            && let Some((generation, query)) = self.wanted.take()
        {
            let limit = limit_for(&index, &query);
            self.sent_scope = query.scope;
            let worker = match query.scope {
                Scope::Events => &mut self.worker,
                Scope::Actors => &mut self.actor_worker,
            };
            let worker = worker.get_or_insert_with(|| SearchWorker::spawn(Arc::clone(&index)));
            worker.request(query, limit);
            self.sent = generation;
            self.pending = true;
        }
        if self.wanted_matches.is_some()
            && let Some(index) = self.index(app)
            && let Some(query) = self.wanted_matches.take()
        {
            self.matching = Some(MatchJob::start(index, query));
        }
        if let Some(action) = self.matches(app) {
            return Some(action);
        }
        let (live, other) = match self.sent_scope {
            Scope::Events => (&self.worker, &self.actor_worker),
            Scope::Actors => (&self.actor_worker, &self.worker),
        };
        // An answer of the other scope is for a query already replaced.
        while other.as_ref().and_then(SearchWorker::try_recv).is_some() {}
        let results = live.as_ref()?.try_recv()?;
        if results.complete {
            self.pending = false;
        }
        Some(Action::SearchResults {
            generation: self.sent,
            hits: results.hits,
            complete: results.complete,
        })
    }

    /// Every match of the last submitted `#` search, once found.
    fn matches(&mut self, app: &App) -> Option<Action> {
        let job = self.matching.as_ref()?;
        let (text, found) = (job.query.text.clone(), job.answer.try_recv());
        let matches = match found {
            Ok(matches) => matches,
            Err(TryRecvError::Empty) => return None,
            // The thread panicked or could not start: find them here rather than never.
            Err(TryRecvError::Disconnected) => {
                let query = job.query.clone();
                let index = self.index(app)?;
                all_event_matches(&index, &query, &|| false).unwrap_or_default()
            }
        };
        self.matching = None;
        Some(Action::EventMatches { text, matches })
    }

    /// Whether a scan is under way whose answer the loop should look for soon.
    pub(super) fn busy(&self) -> bool {
        self.pending
            || self.wanted.is_some()
            || self.wanted_matches.is_some()
            || self.matching.is_some()
    }
}

/// Every match of one `#` search, being found on its own thread. Dropping the job stops the scan:
/// a newer search has made it useless.
struct MatchJob {
    query: Query,
    answer: mpsc::Receiver<Vec<EventIx>>,
    stop: Arc<AtomicBool>,
}

impl MatchJob {
    fn start(index: Arc<SearchIndex>, query: Query) -> MatchJob {
        let (send, answer) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let find = {
            let stop = Arc::clone(&stop);
            let query = query.clone();
            move || {
                let stopped = || stop.load(Ordering::Relaxed);
                if let Some(matches) = all_event_matches(&index, &query, &stopped) {
                    let _ = send.send(matches);
                }
            }
        };
        // A thread that cannot start drops `find` and its sender: `matches` sees the channel
        // closed and finds the matches itself.
        let _ = std::thread::Builder::new()
            .name("quipu-matches".into())
            .spawn(find);
        MatchJob {
            query,
            answer,
            stop,
        }
    }
}

impl Drop for MatchJob {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
