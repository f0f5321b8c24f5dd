//! Loading a file on its own thread, so that the terminal can show it is.

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::model::Chronology;
use crate::ui::loading::Loading;

/// A file loading on its own thread, so that the terminal can show it is.
pub(super) struct Loader {
    answer: mpsc::Receiver<Result<Chronology, String>>,
    started: Instant,
    /// The file as named, cleaned for the screen.
    file: String,
    bytes: u64,
}

impl Loader {
    pub(super) fn start(path: &Path) -> Loader {
        let (send, answer) = mpsc::channel();
        let inline = send.clone();
        let owned = path.to_owned();
        let spawned = std::thread::Builder::new()
            .name("quipu-load".into())
            .spawn(move || load_into(&owned, &send));
        if spawned.is_err() {
            load_into(path, &inline);
        }
        Loader {
            answer,
            started: Instant::now(),
            file: crate::text::sanitize(&path.display().to_string(), false),
            bytes: std::fs::metadata(path).map_or(0, |m| m.len()),
        }
    }

    /// The outcome, if loading ends within `wait`; problems come as the text to print.
    pub(super) fn wait(&self, wait: Duration) -> Option<Result<Chronology, String>> {
        match self.answer.recv_timeout(wait) {
            Ok(result) => Some(result),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Err(format!(
                "{}: error: loading stopped unexpectedly",
                self.file
            ))),
        }
    }

    pub(super) fn loading(&self) -> Loading {
        Loading {
            file: self.file.clone(),
            bytes: self.bytes,
            seconds: self.started.elapsed().as_secs(),
        }
    }
}

fn load_into(path: &Path, send: &mpsc::Sender<Result<Chronology, String>>) {
    // Test hook for tests/e2e_hostile.rs, debug builds only: QUIPU_TEST_SLOW_LOAD=MS waits that
    // long first, so that the loading screen shows however fast the machine is.
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("QUIPU_TEST_SLOW_LOAD")
        .ok()
        .and_then(|ms| ms.parse().ok())
    {
        std::thread::sleep(Duration::from_millis(ms));
    }
    let result = crate::interchange::load_any(path).map_err(|err| err.to_string());
    // The receiver is gone only when the reader has already quit.
    let _ = send.send(result);
}
