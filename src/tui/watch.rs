//! Watching the open file for changes. The file's directory is watched, not the file: editors
//! that save by writing a new file and renaming it over the old one (vim, most IDEs) replace the
//! file's inode, and a watch on the old inode would never fire again. Events are filtered to the
//! file's name and debounced, so a save that writes in several steps is one change; opening and
//! reading the file are no change (quipu's own reading of it would reload it again). Where the
//! system's watcher cannot start (no inotify left, a file system without events) the file is
//! looked at about once a second instead: its modification time to the nanosecond, size and
//! inode. (notify's `PollWatcher` compares whole seconds, so it misses a second save within the
//! same second, or it hashes every file of the directory each time.) Either way the shell sees
//! one signal: the file changed.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, NoCache, new_debouncer_opt};

/// How long the file must be quiet before a change is told: long enough to gather a save's
/// writes, short enough to feel immediate.
const QUIET: Duration = Duration::from_millis(120);

/// How often the fallback looks at the directory.
const POLL_EVERY: Duration = Duration::from_secs(1);

/// A running watch; dropping it stops it.
pub(crate) struct Watch {
    changed: Option<Receiver<()>>,
    /// Held for its thread; which kind only matters to how it was started.
    _watcher: Watcher,
}

/// Never read: holding it keeps the watch running.
#[allow(dead_code)]
enum Watcher {
    Native(Debouncer<RecommendedWatcher, NoCache>),
    Polling(Poller),
}

/// The fallback's thread, stopped when this is dropped.
struct Poller {
    stop: Arc<AtomicBool>,
}

impl Drop for Poller {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// What tells one version of the file from the next without reading it.
fn stamp(file: &Path) -> Option<(std::time::SystemTime, u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(file).ok()?;
    Some((meta.modified().ok()?, meta.len(), meta.ino()))
}

impl Poller {
    fn start(file: &Path, send: Sender<()>) -> Option<Poller> {
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let file = file.to_owned();
        std::thread::Builder::new()
            .name("quipu-poll".into())
            .spawn(move || {
                let mut last = stamp(&file);
                while !stopped.load(Ordering::Relaxed) {
                    std::thread::sleep(POLL_EVERY);
                    let now = stamp(&file);
                    if now != last {
                        last = now;
                        if send.send(()).is_err() {
                            return;
                        }
                    }
                }
            })
            .ok()?;
        Some(Poller { stop })
    }
}

impl Watch {
    /// Watches `file`; `None` only when neither the system's watcher nor polling can start.
    pub(crate) fn start(file: &Path) -> Option<Watch> {
        let (send, changed) = mpsc::channel();
        let mut watch = Watch::sending(file, send)?;
        watch.changed = Some(changed);
        Some(watch)
    }

    /// Watches `file`, sending `()` on `send` at each change: several files can share one
    /// channel (`quipu check --watch A B`).
    pub(crate) fn sending(file: &Path, send: Sender<()>) -> Option<Watch> {
        let name = file.file_name()?.to_owned();
        let dir = match file.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
            _ => PathBuf::from("."),
        };
        let poll_send = send.clone();
        let handler = move |events: DebounceEventResult| {
            if let Ok(events) = events
                && events.iter().any(|e| {
                    !matches!(e.kind, EventKind::Access(_))
                        && e.paths.iter().any(|path| is_the_file(path, &name))
                })
            {
                // The receiver is gone only when the explorer is closing.
                let _ = send.send(());
            }
        };
        let native = (!super::hooks::force_polling())
            .then(|| {
                let mut debouncer = new_debouncer_opt::<_, RecommendedWatcher, _>(
                    QUIET,
                    None,
                    handler,
                    NoCache,
                    notify::Config::default(),
                )
                .ok()?;
                debouncer.watch(&dir, RecursiveMode::NonRecursive).ok()?;
                Some(Watcher::Native(debouncer))
            })
            .flatten();
        let watcher = match native {
            Some(watcher) => watcher,
            None => Watcher::Polling(Poller::start(file, poll_send)?),
        };
        Some(Watch {
            changed: None,
            _watcher: watcher,
        })
    }

    /// Whether the file changed since the last call; every signal waiting is taken, so changes
    /// faster than the loop asks are one change.
    pub(crate) fn changed(&self) -> bool {
        let mut any = false;
        while self.changed.as_ref().is_some_and(|c| c.try_recv().is_ok()) {
            any = true;
        }
        any
    }
}

fn is_the_file(path: &Path, name: &OsString) -> bool {
    path.file_name() == Some(name.as_os_str())
}
