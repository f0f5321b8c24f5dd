//! `quipu -`: the explorer reads a piped chronology from standard input and its keys from the
//! terminal; with the terminal itself as standard input it refuses, rather than wait for a file
//! typed by hand.

mod common;

use common::tmux::Tmux;

/// A tmux server running `command` (a shell line) in a 120x40 pane, then printing the exit code.
fn start(name: &str, command: &str) -> Option<Tmux> {
    let tmux = Tmux::new(name)?;
    let line = format!("TERM=xterm-256color; {command}; echo EXIT=$?; sleep 60");
    tmux.session((120, 40), None, &line);
    Some(tmux)
}

#[test]
fn a_piped_chronology_is_explored_with_keys_from_the_terminal() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/valid/space-race.json"
    );
    let command = format!("cat '{file}' | '{}' -", env!("CARGO_BIN_EXE_quipu"));
    let Some(tmux) = start("piped", &command) else {
        return;
    };
    tmux.wait_for("the piped chronology", |s| {
        s.contains("The space race") && s.contains("Sputnik 1 reaches orbit")
    });
    tmux.send(&["j"]);
    tmux.wait_for("a key read from the terminal", |s| {
        s.contains("│ The Sputnik crisis")
    });
    tmux.send(&["q"]);
    let screen = tmux.wait_for("a clean exit", |s| s.contains("EXIT="));
    assert!(screen.contains("EXIT=0"), "{screen}");
}

#[test]
fn dash_with_the_terminal_as_standard_input_is_refused() {
    let Some(tmux) = start("tty", &format!("'{}' -", env!("CARGO_BIN_EXE_quipu"))) else {
        return;
    };
    let screen = tmux.wait_for("the refusal", |s| s.contains("EXIT="));
    assert!(
        screen.contains("`-` reads the chronology from standard input, which is the terminal"),
        "{screen}"
    );
    assert!(screen.contains("EXIT=2"), "{screen}");
}
