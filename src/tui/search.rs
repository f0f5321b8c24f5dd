//! The search side of the event loop.

use std::sync::Arc;

use crate::app::palette::{limit_for, pending_query};
use crate::app::{Action, App};
use crate::search::{SearchIndex, SearchWorker};

/// The search side of the loop: the index is built on a thread at startup (a huge file opens at
/// once), the worker starts when `/` is first pressed, and each palette query is sent once.
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
            .spawn(move || SearchIndex::build(&chronology))
            .ok();
        Search {
            building,
            index: None,
            worker: None,
            sent: 0,
            pending: false,
        }
    }

    pub(super) fn index(&mut self, app: &App) -> Arc<SearchIndex> {
        if let Some(index) = &self.index {
            return Arc::clone(index);
        }
        // Joining waits only if the palette opened before the build finished.
        let built = self
            .building
            .take()
            .and_then(|handle| handle.join().ok())
            .unwrap_or_else(|| SearchIndex::build(&app.chronology));
        let index = Arc::new(built);
        self.index = Some(Arc::clone(&index));
        index
    }

    /// Sends the palette query if it changed since the last request.
    pub(super) fn send(&mut self, app: &App) {
        let Some((generation, query)) = pending_query(app) else {
            return;
        };
        if generation == self.sent {
            return;
        }
        let index = self.index(app);
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
