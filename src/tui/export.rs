//! `e`: the events shown, written to a new file on a thread of its own, so the screen says
//! "Exporting…" and stays responsive while a big export is rendered and written.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::mpsc;

use crate::app::Action;
use crate::interchange::{Format, export_events};
use crate::model::{Chronology, EventIx};

/// Exports under way; each answers once, with `Action::Exported`.
#[derive(Default)]
pub(super) struct Exports {
    running: Vec<mpsc::Receiver<Action>>,
}

impl Exports {
    /// Starts writing `events` (`None`: all of them) in `format`, to a file named after `query`
    /// when they are its events, else after the chronology's title.
    pub(super) fn start(
        &mut self,
        chronology: Arc<Chronology>,
        format: Format,
        events: Option<Arc<[EventIx]>>,
        query: Option<String>,
    ) {
        let (send, answer) = mpsc::channel();
        let write = move || {
            let events: Vec<EventIx> = match events {
                Some(events) => events.to_vec(),
                None => (0..chronology.events.len()).collect(),
            };
            let stem = query
                .as_deref()
                .and_then(crate::app::query::query_stem)
                .unwrap_or_else(|| file_stem(&chronology.title));
            let written = write_export(&chronology, &events, format, &stem);
            let _ = send.send(Action::Exported {
                written,
                events: events.len(),
            });
        };
        if let Err(err) = std::thread::Builder::new()
            .name("quipu-export".into())
            .spawn(write)
        {
            let (send, answer) = mpsc::channel();
            let _ = send.send(Action::Exported {
                written: Err(format!("could not start writing: {err}")),
                events: 0,
            });
            self.running.push(answer);
            return;
        }
        self.running.push(answer);
    }

    /// The answer of an export that has finished, if any.
    pub(super) fn poll(&mut self) -> Option<Action> {
        for at in 0..self.running.len() {
            let answer = match self.running[at].try_recv() {
                Ok(action) => action,
                Err(mpsc::TryRecvError::Empty) => continue,
                // The thread died without answering (a panic, reported at exit): say so.
                Err(mpsc::TryRecvError::Disconnected) => Action::Exported {
                    written: Err("the export stopped on an internal error".to_owned()),
                    events: 0,
                },
            };
            self.running.swap_remove(at);
            return Some(answer);
        }
        None
    }

    pub(super) fn busy(&self) -> bool {
        !self.running.is_empty()
    }
}

/// Writes `events` to a new file in the current directory, named `stem`,
/// never overwriting: `title.md`, then `title-2.md`, …
fn write_export(
    chronology: &Chronology,
    events: &[EventIx],
    format: Format,
    stem: &str,
) -> Result<std::path::PathBuf, String> {
    let text = export_events(chronology, events, format);
    let extension = format.extension();
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.{extension}")
        } else {
            format!("{stem}-{n}.{extension}")
        };
        let path = std::path::PathBuf::from(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                return file
                    .write_all(text.as_bytes())
                    .map(|()| path)
                    .map_err(|err| err.to_string());
            }
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(err) => return Err(err.to_string()),
        }
    }
    Err(format!("{stem}-2 … {stem}-999 all exist"))
}

/// The title as a file name: folded to lower-case ASCII letters and digits joined by dashes.
fn file_stem(title: &str) -> String {
    crate::fold::slug(title).unwrap_or_else(|| "quipu-export".to_owned())
}
