//! The search side of the event loop.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, TryRecvError};

use crate::app::palette::{all_event_matches, incomplete_event_search, limit_for, pending_query};
use crate::app::{Action, App};
use crate::model::EventIx;
use crate::search::{Query, SearchIndex, SearchWorker};

/// The search side of the loop: the index is built on a thread at startup (a huge file opens at
/// once), the worker starts when `/` is first pressed, and each palette query is sent once. Nothing
/// here waits: a query typed while the index is still being built (seconds, at a million events)
/// is sent when it is ready, and the palette says "searching…" meanwhile.
pub(super) struct Search {
    building: Option<std::thread::JoinHandle<SearchIndex>>,
    index: Option<Arc<SearchIndex>>,
    worker: Option<SearchWorker>,
    /// The app generation of the last request sent, and whether its answer is still due.
    sent: u64,
    pub(super) pending: bool,
    /// A palette query is waiting for the index to be built.
    waiting: bool,
    /// Every match of the last submitted `#` search, being found on a thread for `n` / `N`.
    matching: Option<MatchJob>,
}

impl Search {
    pub(super) fn start(app: &App) -> Search {
        let chronology = Arc::clone(&app.chronology);
        let building = std::thread::Builder::new()
            .name("quipu-index".into())
            .spawn(move || {
                // Test hook for tests/e2e_hostile.rs, debug builds only: QUIPU_TEST_SLOW_INDEX=MS
                // builds the index that much later, as a huge file would.
                #[cfg(debug_assertions)]
                if let Some(ms) = std::env::var("QUIPU_TEST_SLOW_INDEX")
                    .ok()
                    .and_then(|ms| ms.parse().ok())
                {
                    std::thread::sleep(std::time::Duration::from_millis(ms));
                }
                // And QUIPU_TEST_PANIC=index panics here, to prove the loop carries on and the
                // report is printed after the terminal is given back.
                #[cfg(debug_assertions)]
                if std::env::var_os("QUIPU_TEST_PANIC").is_some_and(|v| v == "index") {
                    panic!("QUIPU_TEST_PANIC=index: deliberate panic while building the index");
                }
                SearchIndex::build(&chronology)
            })
            .ok();
        Search {
            building,
            index: None,
            worker: None,
            sent: 0,
            pending: false,
            waiting: false,
            matching: None,
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

    /// Sends the palette query if it changed since the last request.
    pub(super) fn send(&mut self, app: &App) {
        self.waiting = false;
        let Some((generation, query)) = pending_query(app) else {
            return;
        };
        if generation == self.sent {
            return;
        }
        let Some(index) = self.index(app) else {
            // Look again soon: the query goes out as soon as the index is ready.
            self.waiting = true;
            return;
        };
        let limit = limit_for(&index, &query);
        let worker = self
            .worker
            .get_or_insert_with(|| SearchWorker::spawn(Arc::clone(&index)));
        worker.request(query, limit);
        self.sent = generation;
        self.pending = true;
    }

    /// Every match of the last submitted `#` search, once found, as an action for `update`. The
    /// scan runs on its own thread: at a million events it takes a few tenths of a second.
    pub(super) fn all_matches(&mut self, app: &App) -> Option<Action> {
        let Some(query) = incomplete_event_search(app) else {
            // Nothing to complete (any more): an answer still coming would be for an old search.
            self.matching = None;
            return None;
        };
        if let Some(job) = &self.matching
            && job.text == query.text
        {
            let matches = match job.answer.try_recv() {
                Ok(matches) => matches,
                Err(TryRecvError::Empty) => return None,
                // The thread panicked or could not start: find them here rather than never.
                Err(TryRecvError::Disconnected) => {
                    let index = self.index(app)?;
                    all_event_matches(&index, &query, &|| false).unwrap_or_default()
                }
            };
            self.matching = None;
            return Some(Action::EventMatches {
                text: query.text,
                matches,
            });
        }
        let index = self.index(app)?;
        // Replacing a job for an older search drops it, which stops its thread.
        self.matching = Some(MatchJob::start(index, query));
        None
    }

    /// Whether a scan is under way whose answer the loop should look for soon.
    pub(super) fn busy(&self) -> bool {
        self.pending || self.waiting || self.matching.is_some()
    }

    /// The newest answer, as an action for `update`.
    pub(super) fn receive(&mut self) -> Option<Action> {
        let results = self.worker.as_ref()?.try_recv()?;
        if results.complete {
            self.pending = false;
        }
        Some(Action::SearchResults {
            generation: self.sent,
            hits: results.hits,
            complete: results.complete,
        })
    }
}

/// Every match of one `#` search, being found on its own thread. Dropping the job stops the scan:
/// a newer search has made it useless.
struct MatchJob {
    text: String,
    answer: mpsc::Receiver<Vec<EventIx>>,
    stop: Arc<AtomicBool>,
}

impl MatchJob {
    fn start(index: Arc<SearchIndex>, query: Query) -> MatchJob {
        let (send, answer) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let text = query.text.clone();
        let find = {
            let stop = Arc::clone(&stop);
            move || {
                let stopped = || stop.load(Ordering::Relaxed);
                if let Some(matches) = all_event_matches(&index, &query, &stopped) {
                    let _ = send.send(matches);
                }
            }
        };
        // A thread that cannot start drops `find` and its sender: `all_matches` sees the channel
        // closed and finds the matches itself.
        let _ = std::thread::Builder::new()
            .name("quipu-matches".into())
            .spawn(find);
        MatchJob { text, answer, stop }
    }
}

impl Drop for MatchJob {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
