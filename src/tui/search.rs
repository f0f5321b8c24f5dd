//! The search side of the event loop.

use std::sync::Arc;

use crate::app::palette::{limit_for, pending_query};
use crate::app::{Action, App};
use crate::search::{SearchIndex, SearchWorker};

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
                SearchIndex::build(&chronology)
            })
            .ok();
        Search {
            building,
            index: None,
            worker: None,
            sent: 0,
            pending: false,
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
        let Some((generation, query)) = pending_query(app) else {
            return;
        };
        if generation == self.sent {
            return;
        }
        let Some(index) = self.index(app) else {
            // Look again soon: the query goes out as soon as the index is ready.
            self.pending = true;
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
