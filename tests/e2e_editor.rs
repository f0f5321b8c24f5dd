//! `E` in the real binary, in tmux: `EDITOR` is a script that records its arguments and the
//! terminal's modes, waits until the test lets it go, edits the chronology and exits. While it
//! runs the terminal is the editor's (cooked, normal screen, no mouse reports); after, it is
//! quipu's again and the status line says how the editor ended. Fails (does not skip) when tmux
//! is missing, unless QUIPU_SKIP_TMUX=1.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::tmux::Tmux;

/// The editor: records its arguments and `stty -a`, says it is running, waits for `go`, then
/// renames the first event (the file is its last argument) and exits with `$EDIT_EXIT` (or is
/// killed, with `$EDIT_KILL`). A C-c
/// typed while it waits is noted in `interrupted` and otherwise ignored, as a real editor
/// would.
const EDITOR: &str = r#"#!/bin/sh
dir=$(dirname "$0")
for last in "$@"; do :; done
printf '%s\n' "$@" > "$dir/args"
stty -a > "$dir/stty"
trap 'touch "$dir/interrupted"' INT
touch "$dir/editing"
while [ ! -e "$dir/go" ]; do sleep 0.05; done
sed 's/"title": "Alberto Fujimori is born/"title": "EDITED Fujimori is born/' "$last" > "$dir/tmp"
mv "$dir/tmp" "$last"
if [ -n "$EDIT_KILL" ]; then kill -KILL $$; fi
exit "${EDIT_EXIT:-0}"
"#;

struct Session {
    tmux: Tmux,
    dir: tempfile::TempDir,
}

impl Session {
    /// quipu on a copy of the shipped chronology (`peru.json`, pretty JSON), with `EDITOR` set
    /// to `editor` (the recording script when `None`) and `env` (shell assignments) before it.
    /// The pane's own shell ignores SIGQUIT, as an interactive one does, so `C-\` cannot end
    /// the pane; quipu installs its own handler whatever it inherits.
    fn start(name: &str, editor: Option<&str>, env: &str) -> Option<Session> {
        let tmux = Tmux::new(&format!("editor-{name}"))?;
        let dir = tempfile::tempdir().unwrap();
        let bin = env!("CARGO_BIN_EXE_quipu");
        let out = Command::new(bin)
            .args(["export", "--to", "json", "-o"])
            .arg(dir.path().join("peru.json"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let script = dir.path().join("editor.sh");
        std::fs::write(&script, EDITOR).unwrap();
        let chmod = Command::new("chmod").arg("+x").arg(&script).status();
        assert!(chmod.unwrap().success());
        let editor = editor.map_or_else(|| script.display().to_string(), str::to_owned);
        let run = format!(
            "export TERM=xterm-256color\nulimit -c 0\ntrap '' QUIT\nunset VISUAL\nexport EDITOR='{editor}' {env}\nsh -c 'echo $$ > pid; exec \"$@\"' quipu '{bin}' peru.json\necho \"EXIT=$?\"\nsleep 60\n"
        );
        std::fs::write(dir.path().join("run.sh"), run).unwrap();
        let command = format!("sh '{}'", dir.path().join("run.sh").display());
        tmux.session((120, 40), Some(dir.path()), &command);
        tmux.wait_for("the explorer", explorer);
        Some(Session { tmux, dir })
    }

    /// Whether quipu's process is still there.
    fn quipu_alive(&self) -> bool {
        let pid = std::fs::read_to_string(self.path("pid")).unwrap();
        Command::new("kill")
            .args(["-0", pid.trim()])
            .status()
            .unwrap()
            .success()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn wait_for_file(&self, name: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.path(name).exists() {
            assert!(
                Instant::now() < deadline,
                "{name} never appeared; the screen was:\n{}",
                self.tmux.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn status_line(&self, what: &str, wanted: &str) -> String {
        let screen = self.tmux.wait_for(what, |s| s.contains(wanted));
        assert!(explorer(&screen), "{what}: not quipu's screen:\n{screen}");
        screen
    }
}

/// quipu's main screen: its header (the footer may hold a status line instead of the keys).
fn explorer(screen: &str) -> bool {
    screen.contains("Foreign relations of Peru") && screen.contains("zoom")
}

/// The pane's terminal modes as `stty` reports them, split into words.
fn words(stty: &str) -> Vec<String> {
    stty.split([' ', ';', '\n']).map(str::to_owned).collect()
}

fn pane_modes(tmux: &Tmux) -> Vec<String> {
    let tty = tmux.pane("#{pane_tty}");
    let out = Command::new("stty")
        .args(["-a", "-F", &tty])
        .output()
        .unwrap();
    assert!(out.status.success(), "stty -F {tty}: {out:?}");
    words(&String::from_utf8_lossy(&out.stdout))
}

fn assert_has(modes: &[String], wanted: &[&str], context: &str) {
    for mode in wanted {
        assert!(
            modes.iter().any(|m| m == mode),
            "{context}: `{mode}` expected (stty: {modes:?})"
        );
    }
}

/// quipu has the terminal: raw mode, alternate screen, mouse reports on.
fn assert_taken(tmux: &Tmux, context: &str) {
    assert_has(&pane_modes(tmux), &["-icanon", "-echo"], context);
    assert_eq!(tmux.pane("#{alternate_on}"), "1", "{context}");
    assert_eq!(tmux.pane("#{mouse_any_flag}"), "1", "{context}");
}

/// The 1-based line of the `{` that opens the event `id` in quipu's pretty JSON: the line
/// above its `"id"`.
fn opening_line(file: &Path, id: &str) -> usize {
    let text = std::fs::read_to_string(file).unwrap();
    let at = text
        .lines()
        .position(|l| l.trim() == format!("\"id\": \"{id}\","))
        .expect("the event is in the file");
    assert_eq!(text.lines().nth(at - 1).map(str::trim), Some("{"));
    at
}

#[test]
fn e_opens_the_editor_at_the_events_line_in_the_file_as_it_is_now_and_takes_the_terminal_back() {
    let Some(session) = Session::start("line", None, "") else {
        return;
    };
    let tmux = &session.tmux;
    let file = session.path("peru.json");
    assert_taken(tmux, "before E");
    // Edited from outside after quipu loaded it: three lines more above every event.
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replacen(
        "\"events\": [\n",
        "\"events\": [\n    {\n      \"id\": \"added-outside\", \"date\": \"1900\", \"title\": \"Added from outside\"\n    },\n",
        1,
    );
    std::fs::write(&file, text).unwrap();
    let line = opening_line(&file, "fujimori-born");

    tmux.send(&["E"]);
    session.wait_for_file("editing");
    let args = std::fs::read_to_string(session.path("args")).unwrap();
    assert_eq!(args, format!("+{line}\nperu.json\n"));
    // The editor had a cooked terminal, and the normal screen without mouse reports.
    let in_editor = words(&std::fs::read_to_string(session.path("stty")).unwrap());
    assert_has(&in_editor, &["icanon", "echo", "isig"], "in the editor");
    assert_eq!(tmux.pane("#{alternate_on}"), "0", "the editor's screen");
    assert_eq!(tmux.pane("#{mouse_any_flag}"), "0", "the editor's mouse");

    std::fs::write(session.path("go"), "").unwrap();
    session.status_line(
        "quipu's screen again",
        &format!("back from {}", script_name(&session)),
    );
    assert_taken(tmux, "after the editor");
    let edited = std::fs::read_to_string(&file).unwrap();
    assert!(
        edited.contains("EDITED Fujimori is born"),
        "the editor wrote the file"
    );
    // The file is read again as the editor returns: the edit shows, with no key pressed.
    tmux.wait_for("the edit on screen, after the editor's answer", |s| {
        s.contains("EDITED Fujimori is born")
            && s.contains(") · reloaded: ")
            && s.contains("changed")
    });

    tmux.send(&["q"]);
    let screen = tmux.wait_for("quipu to exit", |s| s.contains("EXIT="));
    assert!(screen.contains("EXIT=0"), "{screen}");
    // And given back clean at the end, as if no editor had come in between.
    assert_has(
        &pane_modes(tmux),
        &["icanon", "echo", "isig"],
        "after quipu",
    );
    assert_eq!(tmux.pane("#{alternate_on}"), "0", "after quipu");
    assert_eq!(tmux.pane("#{mouse_any_flag}"), "0", "after quipu");
}

/// The status line names the editor as `$EDITOR` gave it.
fn script_name(session: &Session) -> String {
    session.path("editor.sh").display().to_string()
}

#[test]
fn an_editor_that_fails_is_said_and_the_terminal_is_taken_back() {
    let Some(session) = Session::start("fails", None, "EDIT_EXIT=1") else {
        return;
    };
    std::fs::write(session.path("go"), "").unwrap();
    session.tmux.send(&["E"]);
    session.status_line(
        "the failure",
        "exited with status 1; the file is as it left it",
    );
    assert_taken(&session.tmux, "after a failed editor");
}

#[test]
fn an_editor_killed_by_a_signal_is_said_and_the_terminal_is_taken_back() {
    let Some(session) = Session::start("killed", None, "EDIT_KILL=1") else {
        return;
    };
    std::fs::write(session.path("go"), "").unwrap();
    session.tmux.send(&["E"]);
    session.status_line("the kill", "was ended by signal 9 (SIGKILL)");
    assert_taken(&session.tmux, "after a killed editor");
}

#[test]
fn an_editor_that_is_not_there_is_said_and_quipu_carries_on() {
    let Some(session) = Session::start("missing", Some("no-such-editor-here --wait"), "") else {
        return;
    };
    session.tmux.send(&["E"]);
    session.status_line(
        "the missing editor",
        "editor `no-such-editor-here` ($EDITOR) not found: set $VISUAL or $EDITOR",
    );
    assert_taken(&session.tmux, "after a missing editor");
    session.tmux.send(&["j"]);
    session
        .tmux
        .wait_for("the explorer to answer keys", |s| s.contains("2/56"));
}

/// `C-\` typed in the editor sends SIGQUIT to the whole foreground process group: it ends the
/// editor (a shell script does not catch it), never quipu, whose handler would dump core.
#[test]
fn c_backslash_in_the_editor_ends_only_the_editor() {
    let Some(session) = Session::start("ctrl-backslash", None, "") else {
        return;
    };
    session.tmux.send(&["E"]);
    session.wait_for_file("editing");
    session.tmux.send(&["C-\\"]);
    session.status_line("quipu's screen again", "was ended by signal 3 (SIGQUIT)");
    assert!(session.quipu_alive());
    assert_taken(&session.tmux, "after C-\\ in the editor");
}

/// Finding the event's line reads the whole file, which takes seconds at a million events: the
/// explorer answers keys meanwhile, and the editor opens at the event `E` was pressed on.
#[test]
#[cfg(debug_assertions)]
fn the_explorer_answers_keys_while_the_line_is_found() {
    let Some(session) = Session::start("slow-find", None, "QUIPU_TEST_SLOW_FIND=3000") else {
        return;
    };
    std::fs::write(session.path("go"), "").unwrap();
    let line = opening_line(&session.path("peru.json"), "fujimori-born");
    session.tmux.send(&["E"]);
    session.status_line("the wait", "opening peru.json in your editor…");
    session.tmux.send(&["j"]);
    session
        .tmux
        .wait_for("the explorer to answer keys", |s| s.contains("2/56"));
    assert!(
        !session.path("editing").exists(),
        "the editor opened before the line was found"
    );
    session.status_line("quipu's screen again", "back from");
    let args = std::fs::read_to_string(session.path("args")).unwrap();
    assert_eq!(args, format!("+{line}\nperu.json\n"));
}

/// C-c typed in the editor reaches the whole foreground process group, quipu too: it is the
/// editor's, and quipu neither quits on it nor lets its watchdog end it while the editor runs.
#[test]
fn c_c_in_the_editor_is_the_editors() {
    let Some(session) = Session::start("ctrl-c", None, "") else {
        return;
    };
    session.tmux.send(&["E"]);
    session.wait_for_file("editing");
    session.tmux.send(&["C-c"]);
    session.wait_for_file("interrupted");
    // Longer than the watchdog's grace for a signal the loop has not acted on.
    std::thread::sleep(Duration::from_millis(2000));
    assert!(session.quipu_alive(), "quipu ended under the editor");
    std::fs::write(session.path("go"), "").unwrap();
    session.status_line("quipu's screen again", "back from");
    assert_taken(&session.tmux, "after C-c in the editor");
    // And the C-c was not kept for later: quipu is still running a while after.
    std::thread::sleep(Duration::from_millis(400));
    session.tmux.send(&["j"]);
    session
        .tmux
        .wait_for("the explorer to answer keys", |s| s.contains("2/56"));
}

/// C-z in the editor stops the editor and, with it, quipu, so the shell shows its prompt with
/// the job stopped; `fg` brings the editor back, and when it exits quipu has the terminal again
/// and does not stop a second time for the C-z that was the editor's.
#[test]
fn c_z_in_the_editor_stops_the_job_and_fg_brings_the_editor_back() {
    let Some(tmux) = Tmux::new("editor-ctrl-z") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_quipu");
    let out = Command::new(bin)
        .args(["export", "--to", "json", "-o"])
        .arg(dir.path().join("peru.json"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let script = dir.path().join("editor.sh");
    std::fs::write(&script, EDITOR).unwrap();
    assert!(
        Command::new("chmod")
            .arg("+x")
            .arg(&script)
            .status()
            .unwrap()
            .success()
    );
    let run = format!(
        "export TERM=xterm-256color PS1='PROMPT$ ' EDITOR='{}'\nunset VISUAL\nexec bash --norc --noprofile -i\n",
        script.display()
    );
    std::fs::write(dir.path().join("run.sh"), run).unwrap();
    let command = format!("sh '{}'", dir.path().join("run.sh").display());
    tmux.session((120, 40), Some(dir.path()), &command);
    tmux.wait_for("the shell", |s| s.contains("PROMPT$"));
    tmux.send(&["-l", &format!("'{bin}' peru.json")]);
    tmux.send(&["Enter"]);
    tmux.wait_for("the explorer", explorer);
    tmux.send(&["E"]);
    let editing = dir.path().join("editing");
    tmux.wait_for("the editor", |_| editing.exists());
    tmux.send(&["C-z"]);
    tmux.wait_for("the job stopped", |s| s.contains("Stopped"));
    assert_eq!(tmux.pane("#{alternate_on}"), "0", "the shell's screen");
    tmux.send(&["-l", "fg"]);
    tmux.send(&["Enter"]);
    // The editor goes on waiting; let it finish.
    std::fs::write(dir.path().join("go"), "").unwrap();
    let screen = tmux.wait_for("quipu's screen again", |s| s.contains("back from"));
    assert!(explorer(&screen), "{screen}");
    assert_taken(&tmux, "after C-z and fg in the editor");
    tmux.send(&["j"]);
    let screen = tmux.wait_for("the explorer to answer keys", |s| s.contains("2/56"));
    assert_eq!(
        screen.matches("Stopped").count(),
        0,
        "stopped again:\n{screen}"
    );
}
