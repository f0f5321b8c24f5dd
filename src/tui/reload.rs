//! Reading the open file again whenever it changes (and on `r`), off the UI thread: at most one
//! reload runs, and changes that come while it runs set one flag for one more, so a file written
//! in a loop never queues reloads. The loader thread also builds the new state and the diff, so
//! the UI thread only swaps them in and the old version stays interactive meanwhile.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::loader::Loader;
use super::watch::Watch;
use crate::app::problems::{Problems, event_ids};
use crate::app::reload::{Diff, Fresh, Reload, diff};
use crate::app::{Action, App};
use crate::model::input::{display_name, is_stdin};
use crate::model::{Checked, Chronology, Diagnostic, LoadError};

/// The problems of a checked file, each with the event it is about.
pub(super) fn problems_of(path: &Path, diagnostics: Vec<Diagnostic>, invalid: bool) -> Problems {
    let events = events_named(path, &diagnostics);
    let watched = (!is_stdin(path)).then(|| path.to_owned());
    Problems::new(display_name(path), watched, diagnostics, events, invalid)
}

/// The event each diagnostic is about. The checker has freed the file's text by now, so it is
/// read again, only when some diagnostic names an event (a pipe cannot be read again: none).
fn events_named(path: &Path, diagnostics: &[Diagnostic]) -> Vec<Option<String>> {
    let names_one = diagnostics
        .iter()
        .any(|d| d.path.as_deref().is_some_and(|p| p.starts_with("events[")));
    if !names_one || is_stdin(path) {
        return vec![None; diagnostics.len()];
    }
    match std::fs::read_to_string(path) {
        Ok(text) => event_ids(&text, diagnostics),
        Err(_) => vec![None; diagnostics.len()],
    }
}

/// What the loader thread makes of a new version: its state, what changed, its problems.
fn prepare(path: &Path, old: &Chronology, checked: Checked) -> Reload {
    let Checked {
        chronology,
        diagnostics,
    } = checked;
    let problems = problems_of(path, diagnostics, chronology.is_none());
    match chronology {
        Some(new) => Reload {
            diff: diff(old, &new),
            fresh: Some(Fresh(Box::new(App::new(new)))),
            problems,
        },
        None => Reload {
            fresh: None,
            diff: Diff::default(),
            problems,
        },
    }
}

/// The watch on the open file and the reload under way, if any.
pub(super) struct Reloader {
    path: PathBuf,
    watch: Option<Watch>,
    running: Option<Loader<Reload>>,
    /// The file changed (or `r` was pressed) while a reload ran: read it once more after.
    again: bool,
    /// Whether the app has been told that the running reload started.
    told: bool,
}

impl Reloader {
    /// For a chronology read from a file; `None` for the shipped one and standard input.
    pub(super) fn new(app: &App) -> Option<Reloader> {
        let path = app.problems.path.clone()?;
        Some(Reloader {
            watch: Watch::start(&path),
            path,
            running: None,
            again: false,
            told: false,
        })
    }

    /// Read the file again: now, or once the reload under way is done.
    pub(super) fn request(&mut self, app: &App) {
        if self.running.is_some() {
            self.again = true;
        } else {
            self.start(app);
        }
    }

    fn start(&mut self, app: &App) {
        // The loader thread holds the version shown, to diff against; the UI keeps its own.
        let old = Arc::clone(&app.chronology);
        let path = self.path.clone();
        self.running = Some(Loader::start_then(&self.path, move |checked| {
            prepare(&path, &old, checked)
        }));
        self.told = false;
    }

    /// The next thing to tell the app: a reload started, or its outcome.
    pub(super) fn poll(&mut self, app: &App) -> Option<Action> {
        if self.watch.as_ref().is_some_and(Watch::changed) {
            self.request(app);
        }
        // Started only here, after the last outcome was applied, so it diffs against the
        // version on screen.
        if self.running.is_none() && std::mem::take(&mut self.again) {
            self.start(app);
        }
        let loader = self.running.as_ref()?;
        if !std::mem::replace(&mut self.told, true) {
            return Some(Action::ReloadStarted);
        }
        let outcome = loader.wait(Duration::ZERO)?;
        self.running = None;
        Some(match outcome {
            Ok(reload) => Action::Reloaded(Box::new(reload)),
            Err(error) => Action::ReloadFailed(unreadable(&self.path, &error)),
        })
    }

    /// Whether a reload is under way, so the loop looks for its outcome soon.
    pub(super) fn busy(&self) -> bool {
        self.running.is_some() || self.again
    }
}

/// What the footer says while the file cannot be read: the last version stays, and the watch
/// picks the file up again when it is back.
fn unreadable(path: &Path, error: &LoadError) -> String {
    let file = crate::text::sanitize(&display_name(path), false);
    match error {
        LoadError::Io { .. } if !path.exists() => {
            format!("{file} is gone: showing the last version")
        }
        LoadError::Io { message, .. } => format!(
            "cannot read {file} ({}): showing the last version",
            crate::text::sanitize(message, false)
        ),
        LoadError::TooLarge { .. } => {
            format!("{file} is over 1 GiB: showing the last version")
        }
        LoadError::Invalid { .. } => format!("{file} is invalid: showing the last version"),
    }
}
