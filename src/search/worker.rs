//! Searching on a background thread so typing never waits for a scan.
//!
//! Each request gets a generation number. The worker publishes the newest generation in an atomic
//! and a running search polls it between chunks of items: once a newer request exists, the older
//! search stops where it is and its results are never sent. Results carry their generation too, and
//! [`SearchWorker::try_recv`] hands back only the newest, so the UI never shows a stale list.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::{Hit, Query, SearchIndex, SearchSession};

/// The answer to one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResults {
    pub generation: u64,
    pub query: Query,
    pub hits: Vec<Hit>,
    /// False for a preview ranked from the first items of a huge scan; the complete results of the
    /// same generation follow.
    pub complete: bool,
}

struct Request {
    generation: u64,
    query: Query,
    limit: usize,
}

/// A search thread with its own [`SearchSession`], so a growing query narrows there.
pub struct SearchWorker {
    requests: Option<Sender<Request>>,
    results: Receiver<SearchResults>,
    current: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl SearchWorker {
    /// Starts the thread. The index is shared, not copied: build it once at load and keep the `Arc`.
    pub fn spawn(index: Arc<SearchIndex>) -> SearchWorker {
        let (request_tx, request_rx) = mpsc::channel::<Request>();
        let (result_tx, result_rx) = mpsc::channel();
        let current = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&current);
        let thread = thread::Builder::new()
            .name("quipu-search".into())
            .spawn(move || serve(&index, &request_rx, &result_tx, &seen))
            .ok();
        SearchWorker {
            requests: Some(request_tx),
            results: result_rx,
            current,
            thread,
        }
    }

    /// Asks for the best `limit` hits of `query`, cancelling any search still running. Returns the
    /// request's generation (increasing from 1).
    pub fn request(&self, query: Query, limit: usize) -> u64 {
        let generation = self.current.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(tx) = &self.requests {
            // A dead worker just never answers; the UI keeps its last list.
            let _ = tx.send(Request {
                generation,
                query,
                limit,
            });
        }
        generation
    }

    /// The generation of the newest request.
    pub fn latest(&self) -> u64 {
        self.current.load(Ordering::SeqCst)
    }

    /// The newest request's results if they have arrived; results of older requests are dropped.
    /// Never blocks: call it from the UI loop.
    pub fn try_recv(&self) -> Option<SearchResults> {
        let mut newest = None;
        while let Ok(results) = self.results.try_recv() {
            if results.generation == self.latest() {
                newest = Some(results);
            }
        }
        newest
    }

    /// Waits up to `timeout` for the newest request's complete results (for scripts and tests).
    pub fn recv_timeout(&self, timeout: Duration) -> Option<SearchResults> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            match self.results.recv_timeout(left) {
                Ok(results) if results.generation == self.latest() && results.complete => {
                    return Some(results);
                }
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }
}

impl Drop for SearchWorker {
    fn drop(&mut self) {
        // Closing the request channel ends the thread's loop; bumping the generation stops a scan.
        self.requests = None;
        self.current.fetch_add(1, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(
    index: &SearchIndex,
    requests: &Receiver<Request>,
    results: &Sender<SearchResults>,
    current: &AtomicU64,
) {
    let mut session = SearchSession::new();
    while let Ok(mut request) = requests.recv() {
        // Only the newest queued request matters.
        while let Ok(newer) = requests.try_recv() {
            request = newer;
        }
        let generation = request.generation;
        let stale = || current.load(Ordering::SeqCst) != generation;
        if stale() {
            continue;
        }
        let mut preview = |hits: Vec<Hit>| {
            let _ = results.send(SearchResults {
                generation,
                query: request.query.clone(),
                hits,
                complete: false,
            });
        };
        let Some(hits) =
            session.search_with_preview(index, &request.query, request.limit, &stale, &mut preview)
        else {
            continue;
        };
        let sent = results.send(SearchResults {
            generation,
            query: request.query,
            hits,
            complete: true,
        });
        if sent.is_err() {
            return;
        }
    }
}
