//! The filter prompt's history on disk: `$XDG_STATE_HOME/quipu/queries` (else
//! `~/.local/state/quipu/queries`), one query a line, oldest first, at most
//! [`HISTORY_LIMIT`](crate::app::query::HISTORY_LIMIT) of them, each once.
//!
//! Keeping it is a convenience, never a condition: a missing file is an empty history, and a
//! directory that cannot be read or written is said once in the status line, not as an error.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::app::query::bound;

/// The file's name inside the state directory.
const FILE: &str = "queries";

/// Where the history lives, by the XDG base directory rules; `None` with no usable `$HOME`.
pub fn default_path() -> Option<PathBuf> {
    let absolute = |var: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let dir = match absolute("XDG_STATE_HOME") {
        Some(state) => state,
        None => absolute("HOME")?.join(".local").join("state"),
    };
    Some(dir.join("quipu").join(FILE))
}

/// The queries in `path`, oldest first, and why they could not be read, if so. A missing file
/// is no problem. Each line is cleaned of control characters: a hand-edited file must not write
/// to the terminal.
pub fn read(path: &Path) -> (Vec<String>, Option<String>) {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return (Vec::new(), None),
        Err(err) => return (Vec::new(), Some(problem("read", path, &err.to_string()))),
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut entries: Vec<String> = text
        .lines()
        .map(|line| crate::text::sanitize(line, false).trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect();
    bound(&mut entries);
    (entries, None)
}

/// Writes `entries` to `path`, creating its directory: to a temporary file first, renamed over
/// the old one, so a crash never leaves half a history.
pub fn write(path: &Path, entries: &[String]) -> Result<(), String> {
    // Saves from two quick queries in a row must not interleave.
    static WRITING: Mutex<()> = Mutex::new(());
    let _one_at_a_time = WRITING.lock().unwrap_or_else(|e| e.into_inner());
    let fail = |err: io::Error| problem("write", path, &err.to_string());
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let mut entries = entries.to_vec();
    bound(&mut entries);
    let mut text = String::new();
    for entry in &entries {
        // One query a line: a line break inside one would make two.
        text.push_str(&entry.replace(['\n', '\r'], " "));
        text.push('\n');
    }
    let temporary = path.with_extension("tmp");
    std::fs::write(&temporary, text).map_err(fail)?;
    std::fs::rename(&temporary, path).map_err(fail)
}

fn problem(what: &str, path: &Path, why: &str) -> String {
    let path = crate::text::sanitize(&path.display().to_string(), false);
    format!("query history not kept: cannot {what} {path}: {why}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::query::HISTORY_LIMIT;

    #[test]
    fn persists_deduplicates_and_bounds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state").join("quipu").join(FILE);
        assert_eq!(
            read(&path),
            (Vec::new(), None),
            "no file: empty, no problem"
        );
        let mut entries: Vec<String> = (0..HISTORY_LIMIT + 20).map(|i| format!("q{i}")).collect();
        entries.push("q5".to_owned());
        write(&path, &entries).unwrap();
        let (back, problem) = read(&path);
        assert_eq!(problem, None);
        assert_eq!(back.len(), HISTORY_LIMIT);
        assert_eq!(back.last().map(String::as_str), Some("q5"), "newest last");
        assert_eq!(back.iter().filter(|q| *q == "q5").count(), 1);
        assert!(!back.contains(&"q0".to_owned()), "the oldest are dropped");
    }

    #[test]
    fn a_hand_edited_file_is_cleaned_and_an_unreadable_one_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE);
        std::fs::write(
            &path,
            b"actor:usa\n\n\x1b]0;owned\x07tag:x\nactor:usa\n\xff\n",
        )
        .unwrap();
        let (back, problem) = read(&path);
        assert_eq!(problem, None);
        assert!(back.iter().all(|q| crate::text::is_clean(q)), "{back:?}");
        assert_eq!(back.iter().filter(|q| *q == "actor:usa").count(), 1);
        // A directory where the file should be cannot be read as one.
        let (none, problem) = read(dir.path());
        assert!(none.is_empty());
        assert!(problem.unwrap().contains("cannot read"));
        let blocked = dir.path().join(FILE).join("queries");
        assert!(
            write(&blocked, &["x".to_owned()]).is_err(),
            "a file is in the way"
        );
    }
}
