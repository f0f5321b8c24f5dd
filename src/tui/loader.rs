//! Loading a file on its own thread, so that the terminal can show it is.

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::model::{Chronology, LoadError, Stage};
use crate::ui::loading::Loading;

/// A file loading on its own thread, so that the terminal can show it is.
pub(super) struct Loader {
    answer: mpsc::Receiver<Result<Chronology, LoadError>>,
    started: Instant,
    /// The file as named, cleaned for the screen.
    file: String,
    bytes: u64,
    /// The [`Stage`] the loading thread has reached, as its position in [`Stage::ALL`].
    stage: Arc<AtomicUsize>,
}

impl Loader {
    pub(super) fn start(path: &Path) -> Loader {
        let (send, answer) = mpsc::channel();
        let inline = send.clone();
        let owned = path.to_owned();
        let stage = Arc::new(AtomicUsize::new(0));
        let told = Arc::clone(&stage);
        let spawned = std::thread::Builder::new()
            .name("quipu-load".into())
            .spawn(move || load_into(&owned, &send, &told));
        if spawned.is_err() {
            load_into(path, &inline, &stage);
        }
        Loader {
            answer,
            started: Instant::now(),
            file: crate::text::sanitize(&crate::model::input::display_name(path), false),
            bytes: std::fs::metadata(path).map_or(0, |m| m.len()),
            stage,
        }
    }

    /// The outcome, if loading ends within `wait`.
    pub(super) fn wait(&self, wait: Duration) -> Option<Result<Chronology, LoadError>> {
        match self.answer.recv_timeout(wait) {
            Ok(result) => Some(result),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Err(LoadError::Io {
                file: self.file.clone(),
                message: "loading stopped unexpectedly".into(),
            })),
        }
    }

    pub(super) fn loading(&self) -> Loading {
        Loading {
            file: self.file.clone(),
            bytes: self.bytes,
            stage: Stage::ALL
                .get(self.stage.load(Ordering::Relaxed))
                .copied()
                .unwrap_or(Stage::Reading),
            seconds: self.started.elapsed().as_secs(),
        }
    }
}

fn load_into(path: &Path, send: &mpsc::Sender<Result<Chronology, LoadError>>, stage: &AtomicUsize) {
    super::hooks::before_load();
    let tell = |now: Stage| {
        let at = Stage::ALL.iter().position(|&s| s == now).unwrap_or(0);
        stage.store(at, Ordering::Relaxed);
    };
    let result = crate::interchange::load_any_telling(path, &tell);
    // The receiver is gone only when the reader has already quit.
    let _ = send.send(result);
}
