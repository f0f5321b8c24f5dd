//! The query index, built on its own thread once the explorer is up: at a million events it
//! costs a few tenths of a second of walking every event's tags, roles, sources and links, which
//! the first frame must not wait for. Queries asked before it is there scan, with the same
//! answers.

use std::sync::Arc;
use std::thread::JoinHandle;

use crate::app::{Action, App};
use crate::query::{Index, SharedIndex};

#[derive(Default)]
pub(super) struct QueryIndexJob {
    building: Option<JoinHandle<Index>>,
}

impl QueryIndexJob {
    pub(super) fn start(app: &App) -> QueryIndexJob {
        let chronology = Arc::clone(&app.chronology);
        let building = std::thread::Builder::new()
            .name("quipu-query-index".into())
            .spawn(move || Index::build(&chronology))
            .ok();
        QueryIndexJob { building }
    }

    /// The index once built, as an action for `update`; a thread that panicked leaves queries
    /// scanning, which is slower, never wrong.
    pub(super) fn poll(&mut self) -> Option<Action> {
        if !self.building.as_ref()?.is_finished() {
            return None;
        }
        let built = self.building.take()?.join().ok()?;
        Some(Action::QueryIndexReady(SharedIndex(Arc::new(built))))
    }
}
