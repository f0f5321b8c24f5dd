//! `quipu check --watch FILE` (#13): a compiler's watch mode. Each save (here by rename, as vim
//! saves) prints a header with the time and the result, then the report. Waits are for lines to
//! arrive, with a generous deadline, never a fixed sleep.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use quipu::model::load::SHIPPED_JSON;

const PATIENCE: Duration = Duration::from_secs(20);

/// The watching process, killed when the test ends however it ends.
struct Watching {
    child: Child,
    lines: Receiver<String>,
}

impl Watching {
    fn start(file: &Path) -> Watching {
        // Both streams into one pipe, as a terminal shows them: the order of a header and an
        // error is part of what is tested.
        let (stdout, writer) = std::io::pipe().expect("a pipe");
        let child = Command::new(env!("CARGO_BIN_EXE_quipu"))
            .args(["check", "--watch"])
            .arg(file)
            .stdout(writer.try_clone().expect("a second end"))
            .stderr(writer)
            .spawn()
            .expect("quipu runs");
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Watching { child, lines }
    }

    /// The lines up to and including the first that `wanted` accepts.
    fn until(&self, what: &str, wanted: impl Fn(&str) -> bool) -> Vec<String> {
        let mut seen = Vec::new();
        loop {
            let line = self
                .lines
                .recv_timeout(PATIENCE)
                .unwrap_or_else(|_| panic!("no {what}; the output was:\n{}", seen.join("\n")));
            let done = wanted(&line);
            seen.push(line);
            if done {
                return seen;
            }
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn save_by_rename(file: &Path, text: &str) {
    let tmp = file.with_extension("swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, file).unwrap();
}

/// A header line: `── 01:42:05 · quipu check: ok (watching; Ctrl-C ends) ──`.
fn is_header(line: &str, verdict: &str) -> bool {
    let time = line
        .strip_prefix("── ")
        .and_then(|rest| rest.split(' ').next())
        .is_some_and(|t| t.len() == 8 && t.split(':').all(|n| n.parse::<u8>().is_ok()));
    time && line.contains(&format!("· quipu check: {verdict} "))
}

#[test]
fn every_save_is_checked_again_with_a_header_of_time_and_result() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("peru.json");
    std::fs::write(&file, SHIPPED_JSON).unwrap();
    let watching = Watching::start(&file);
    watching.until("first header", |l| is_header(l, "ok"));
    watching.until("first report", |l| {
        l.ends_with("peru.json: ok: 56 events, 34 actors, 46 links")
    });

    save_by_rename(
        &file,
        &SHIPPED_JSON.replacen("\"actor\": \"fujimori\"", "\"actor\": \"nobody\"", 1),
    );
    watching.until("the invalid header", |l| is_header(l, "invalid"));
    let report = watching.until("the summary", |l| l.contains("peru.json: invalid: 1 error"));
    assert!(
        report
            .iter()
            .any(|l| l.contains(": error: unknown actor `nobody`")),
        "{report:?}"
    );

    // Deleted (as some editors save): the header comes first, then why, as for any result.
    std::fs::remove_file(&file).unwrap();
    let gone = watching.until("the unreadable report", |l| {
        l.contains("cannot read the file")
    });
    assert!(
        gone.iter().any(|l| is_header(l, "cannot read")),
        "the error came before its header: {gone:?}"
    );

    save_by_rename(&file, SHIPPED_JSON);
    watching.until("the mended header", |l| is_header(l, "ok"));
}

#[test]
fn watch_needs_a_file_it_can_watch() {
    for args in [&["check", "--watch"][..], &["check", "--watch", "-"][..]] {
        let out = Command::new(env!("CARGO_BIN_EXE_quipu"))
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("`--watch` needs files to watch"), "{err}");
    }
}
