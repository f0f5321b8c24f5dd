//! Live reload in a real terminal (#13): quipu open in tmux while the test edits the file from
//! outside, as an editor beside it would (write a new file, rename it over the old one). Every
//! wait polls the screen with a generous deadline (`Tmux::wait_for`), never a fixed sleep.

mod common;

use std::path::{Path, PathBuf};

use common::tmux::Tmux;
use quipu::model::load::SHIPPED_JSON;
use serde_json::{Value, json};

/// quipu on `file` in a 120x40 pane, with `env` set.
fn open(name: &str, file: &Path, env: &str) -> Option<Tmux> {
    common::tmux::quipu(name, (120, 40), env, &file.display().to_string(), None)
}

fn shipped() -> Value {
    serde_json::from_str(SHIPPED_JSON).unwrap()
}

/// Saves `doc` as vim does: a new file beside it, renamed over the old one (a new inode).
fn save_by_rename(file: &Path, doc: &Value) {
    let tmp = file.with_extension("json.swp");
    std::fs::write(&tmp, serde_json::to_string_pretty(doc).unwrap()).unwrap();
    std::fs::rename(&tmp, file).unwrap();
}

fn event<'a>(doc: &'a mut Value, id: &str) -> &'a mut Value {
    doc["events"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["id"] == id)
        .unwrap()
}

/// The shipped chronology with one event's actor pointing nowhere (its id carrying an escape
/// sequence that must not reach the terminal).
fn broken() -> Value {
    let mut doc = shipped();
    event(&mut doc, "self-coup")["actors"][0]["actor"] = json!("nobody\u{1b}[2J");
    doc
}

fn scratch() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("peru.json");
    (dir, file)
}

/// Opens the shipped chronology from `file` and selects the self-coup (43 of 56).
fn on_the_self_coup(name: &str, file: &Path, env: &str) -> Option<Tmux> {
    save_by_rename(file, &shipped());
    let tmux = open(name, file, env)?;
    tmux.wait_for("the timeline", |s| s.contains("Foreign relations of Peru"));
    tmux.send(&["t"]);
    tmux.wait_for("the date prompt", |s| s.contains("Jump to date"));
    tmux.send(&["-l", "1992-04-05"]);
    tmux.send(&["Enter"]);
    tmux.wait_for("the self-coup", |s| s.contains("43/56"));
    Some(tmux)
}

fn edited_and_added() -> Value {
    let mut doc = shipped();
    event(&mut doc, "self-coup")["title"] = json!("The self-coup, edited outside");
    doc["events"].as_array_mut().unwrap().push(json!({
        "id": "added-early",
        "date": "1920",
        "title": "An event added while quipu was open",
        "summary": "added",
        "actors": [{"actor": "peru"}],
        "sources": [{"source": "lcs-peru"}]
    }));
    doc
}

fn change_shows_without_a_key(tmux: &Tmux, file: &Path) {
    save_by_rename(file, &edited_and_added());
    // One added before the selection: the same event is now 44 of 57, edited.
    let screen = tmux.wait_for("the reload", |s| {
        s.contains("reloaded: 1 added, 1 changed") && s.contains("44/57")
    });
    assert!(
        screen.contains("│ The self-coup, edited outside"),
        "the detail pane shows the new version of the selected event:\n{screen}"
    );
}

#[test]
fn a_save_by_rename_shows_without_a_key_and_keeps_the_selection() {
    let (_dir, file) = scratch();
    let Some(tmux) = on_the_self_coup("rename", &file, "") else {
        return;
    };
    change_shows_without_a_key(&tmux, &file);
    // And a second save is seen too: the watch survived the first rename.
    save_by_rename(&file, &shipped());
    tmux.wait_for("the second reload", |s| {
        s.contains("reloaded: 1 removed, 1 changed") && s.contains("43/56")
    });
}

/// Where the system's watcher cannot start, quipu polls the directory; the debug build's
/// `QUIPU_TEST_POLL_WATCH=1` forces that path.
#[test]
#[cfg(debug_assertions)]
fn polling_sees_a_save_where_no_watcher_works() {
    let (_dir, file) = scratch();
    let Some(tmux) = on_the_self_coup("poll", &file, "QUIPU_TEST_POLL_WATCH=1") else {
        return;
    };
    change_shows_without_a_key(&tmux, &file);
}

#[test]
fn a_broken_save_opens_the_problems_and_mending_it_closes_them() {
    let (_dir, file) = scratch();
    let Some(tmux) = on_the_self_coup("break", &file, "") else {
        return;
    };
    save_by_rename(&file, &broken());
    let screen = tmux.wait_for("the problems panel", |s| {
        s.contains("Problems: ") && s.contains("error: unknown actor `nobody")
    });
    let name = format!("{}:", file.display());
    let located = screen.split(&name).nth(1).is_some_and(|rest| {
        let mut parts = rest.splitn(3, ':');
        let number = |p: Option<&str>| p.is_some_and(|p| p.parse::<usize>().is_ok());
        number(parts.next()) && number(parts.next())
    });
    assert!(located, "the problem names FILE:LINE:COL:\n{screen}");
    assert!(
        screen.contains("nobody\\u{1b}[2J"),
        "the escape is shown, not sent:\n{screen}"
    );
    assert!(
        screen.contains("event: self-coup"),
        "the problem names its event:\n{screen}"
    );
    assert!(screen.contains("showing the last good version"), "{screen}");
    // Enter goes to the event in the last good version; `!` brings the panel back.
    tmux.send(&["Enter"]);
    tmux.wait_for("the event", |s| {
        !s.contains("Problems: ") && s.contains("43/56")
    });
    tmux.send(&["!"]);
    tmux.wait_for("the panel again", |s| s.contains("Problems: "));
    save_by_rename(&file, &shipped());
    let screen = tmux.wait_for("the panel to go", |s| {
        !s.contains("Problems: ") && s.contains("is valid again")
    });
    assert!(screen.contains("43/56"), "{screen}");
}

#[test]
fn r_reloads_by_hand_and_a_deleted_file_is_picked_up_again() {
    let (_dir, file) = scratch();
    let Some(tmux) = on_the_self_coup("by-hand", &file, "") else {
        return;
    };
    tmux.send(&["r"]);
    tmux.wait_for("a reload by hand", |s| s.contains("reloaded: no change"));
    std::fs::remove_file(&file).unwrap();
    tmux.wait_for("the file gone", |s| {
        s.contains("peru.json is gone") && s.contains("43/56")
    });
    // Keys still work on the last version.
    tmux.send(&["j"]);
    tmux.wait_for("a move", |s| s.contains("44/56"));
    save_by_rename(&file, &edited_and_added());
    tmux.wait_for("the file back", |s| {
        s.contains("reloaded: 1 added, 1 changed") && !s.contains("is gone")
    });
}

#[test]
fn an_invalid_file_at_start_opens_on_the_problems_until_it_is_saved_valid() {
    let (_dir, file) = scratch();
    save_by_rename(&file, &broken());
    let Some(tmux) = open("at-start", &file, "") else {
        return;
    };
    let screen = tmux.wait_for("the problems panel", |s| {
        s.contains("Problems: ") && s.contains("error: unknown actor `nobody\\u{1b}[2J`")
    });
    assert!(
        screen.contains("0/0"),
        "an empty timeline behind:\n{screen}"
    );
    save_by_rename(&file, &shipped());
    tmux.wait_for("the timeline", |s| {
        !s.contains("Problems: ") && s.contains("Fujimori is born") && s.contains("/56")
    });
    tmux.send(&["q"]);
    tmux.wait_for("a clean exit", |s| s.contains("EXIT=0"));
}

/// A reload that takes seconds (as a million events do; the debug build's
/// `QUIPU_TEST_SLOW_LOAD` holds every load back) leaves the version on screen answering keys,
/// with `reloading…` in the footer; saves that come meanwhile end in the last one, not a queue.
#[test]
#[cfg(debug_assertions)]
fn a_slow_reload_keeps_the_explorer_answering_and_ends_on_the_last_save() {
    let (_dir, file) = scratch();
    let Some(tmux) = on_the_self_coup("slow", &file, "QUIPU_TEST_SLOW_LOAD=2500") else {
        return;
    };
    save_by_rename(&file, &broken());
    tmux.wait_for("the reload under way", |s| s.contains("reloading…"));
    tmux.send(&["j"]);
    tmux.wait_for("a key answered meanwhile", |s| {
        s.contains("44/56") && s.contains("reloading…")
    });
    // Two more saves while the first is still being read: only the last one counts.
    save_by_rename(&file, &shipped());
    save_by_rename(&file, &edited_and_added());
    let screen = tmux.wait_for("the last save", |s| {
        s.contains("57") && s.contains("The self-coup, edited outside") && !s.contains("reloading…")
    });
    assert!(!screen.contains("Problems: "), "{screen}");
}

/// A spreadsheet saved as CSV reloads as quipu's own files do, its problems placed in it.
#[test]
fn a_csv_file_reloads_too() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sheet.csv");
    let sheet = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/interchange/simple.csv"
    ))
    .unwrap();
    let save = |text: &str| {
        let tmp = dir.path().join("sheet.csv.tmp");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, &file).unwrap();
    };
    save(&sheet);
    let Some(tmux) = open("csv", &file, "") else {
        return;
    };
    tmux.wait_for("the timeline", |s| {
        s.contains("Fujimori closes Congress") && s.contains("1/4")
    });
    save(&format!(
        "{sheet}added-row,1993-01-01,A row added in the spreadsheet,,fujimori,,\n"
    ));
    tmux.wait_for("the reload", |s| {
        s.contains("reloaded: 1 added") && s.contains("/5")
    });
    // Columns quipu cannot read: the problem is at the header row of the file itself.
    save("a,b\n1\n");
    let screen = tmux.wait_for("the problem", |s| s.contains("Problems: "));
    let name = format!("{}:1:1: error: the header row", file.display());
    assert!(screen.contains(&name), "{screen}");
    assert!(
        screen.contains("/5"),
        "the last good version stays:\n{screen}"
    );
}
