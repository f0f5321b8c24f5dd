//! The real binary under attack in a real terminal (tmux): signals and a panic must leave the
//! terminal as it was found, and a file full of escape sequences must not reach the terminal.
//! Fails (does not skip) when tmux is missing, unless QUIPU_SKIP_TMUX=1.
//!
//! Each test runs quipu from a small script that waits for a `go` file, so the test can start
//! recording the pane's raw output before quipu writes its first byte; after quipu ends the
//! script prints the exit status and the terminal modes, then idles so the pane can be read.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

mod common;

use common::session::Session;

/// A scripted session named for this file, so tmux servers of parallel tests never meet.
fn start(name: &str, env: &str, args: &[&Path]) -> Option<Session> {
    common::session::start(&format!("hostile-{name}"), env, args)
}

/// The terminal is as a shell wants it: line editing and echo on, signals from keys on.
fn assert_cooked(modes: &str, context: &str) {
    let modes: Vec<&str> = modes.split_whitespace().collect();
    for mode in ["icanon", "echo", "isig"] {
        assert!(
            modes.contains(&mode),
            "{context}: `{mode}` is off after quipu ended (stty: {modes:?})"
        );
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Sends `signal` to quipu while it shows the shipped chronology, and checks the terminal is
/// given back: normal screen, cooked mode, process gone.
fn survive(signal: &str) {
    let Some(session) = start(&signal.to_lowercase(), "", &[]) else {
        return;
    };
    session.go();
    let pid = session.pid();
    session.wait_for("the explorer", |s| {
        s.contains("Foreign relations of Peru") && s.contains("j/k move")
    });
    assert_eq!(
        session.pane("#{alternate_on}"),
        "1",
        "quipu uses the alternate screen"
    );

    let out = Command::new("kill")
        .args([&format!("-{signal}"), &pid])
        .output()
        .unwrap();
    assert!(out.status.success(), "kill -{signal} {pid}: {out:?}");
    let (status, modes) = session.finished();

    // A program a signal ended exits with 128 + the signal's number, so scripts can tell.
    let number = match signal {
        "HUP" => 1,
        "INT" => 2,
        "TERM" => 15,
        other => panic!("no number known for SIG{other}"),
    };
    assert_eq!(
        status,
        (128 + number).to_string(),
        "SIG{signal}: exit status\n{}",
        session.screen()
    );
    let gone = Command::new("kill").args(["-0", &pid]).output().unwrap();
    assert!(
        !gone.status.success(),
        "quipu ({pid}) still runs after SIG{signal}"
    );
    assert_eq!(
        session.pane("#{alternate_on}"),
        "0",
        "SIG{signal}: still on the alternate screen:\n{}",
        session.screen()
    );
    let screen = session.screen();
    assert!(
        !screen.contains("j/k move"),
        "SIG{signal}: the explorer is still drawn:\n{screen}"
    );
    assert_cooked(&modes, &format!("SIG{signal}"));
}

#[test]
fn sigterm_gives_the_terminal_back() {
    survive("TERM");
}

#[test]
fn sigint_gives_the_terminal_back() {
    survive("INT");
}

/// SIGHUP sent to quipu alone, so the pane stays to be inspected.
#[test]
fn sighup_gives_the_terminal_back() {
    survive("HUP");
}

/// Closing the terminal (here: killing the tmux server, as closing a terminal window does) must
/// end quipu. crossterm spins forever reading a vanished terminal (crossterm-rs/crossterm#793);
/// without quipu's watchdog the process lived on, orphaned, burning a core.
#[test]
fn closing_the_terminal_ends_quipu() {
    let Some(session) = start("close", "", &[]) else {
        return;
    };
    session.go();
    let pid = session.pid();
    session.wait_for("the explorer", |s| s.contains("j/k move"));

    let out = session.run(&["kill-server"]);
    assert!(out.status.success(), "kill-server: {out:?}");
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let alive = Command::new("kill").args(["-0", &pid]).output().unwrap();
        if !alive.status.success() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "quipu ({pid}) still runs 5 s after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A panic prints its message on the normal screen, exits 101, and leaves the terminal cooked.
/// Relies on the QUIPU_TEST_PANIC hook of debug builds (see `tui::run`).
#[test]
#[cfg(debug_assertions)]
fn a_panic_gives_the_terminal_back_and_says_why() {
    let Some(session) = start("panic", "QUIPU_TEST_PANIC=1 RUST_BACKTRACE=0", &[]) else {
        return;
    };
    session.record();
    session.go();
    let (status, modes) = session.finished();
    let screen = session.screen();
    assert_eq!(status, "101", "a Rust panic's exit status:\n{screen}");
    assert!(
        screen.contains("QUIPU_TEST_PANIC=1: deliberate panic"),
        "the panic message is readable on the normal screen:\n{screen}"
    );
    assert_eq!(session.pane("#{alternate_on}"), "0", "{screen}");
    assert_cooked(&modes, "panic");

    // The panic came after a frame on the alternate screen, and the screen was left before
    // the message was printed.
    let raw = session.raw();
    let entered = find(&raw, b"\x1b[?1049h").expect("entered the alternate screen");
    let drawn = find(&raw, b"Foreign relations of Peru").expect("a frame was drawn");
    let left = find(&raw, b"\x1b[?1049l").expect("left the alternate screen");
    let message = find(&raw, b"panicked").expect("the message was written");
    assert!(
        entered < drawn && drawn < left && left < message,
        "order: enter {entered}, frame {drawn}, leave {left}, message {message}"
    );
}

/// The whole panic report stays on screen when the shell writes after it. Today the terminal is
/// restored twice on a panic (by the panic hook, then by `TerminalGuard::drop` while unwinding),
/// and the second `ESC [?1049l` after the message moves the cursor back to where quipu started,
/// so the shell's next lines overwrite the report's first line ("thread 'main' panicked at …").
#[test]
#[cfg(debug_assertions)]
fn a_panic_report_is_not_overwritten_by_the_shell() {
    let Some(session) = start("panic-report", "QUIPU_TEST_PANIC=1 RUST_BACKTRACE=0", &[]) else {
        return;
    };
    session.record();
    session.go();
    let (status, _) = session.finished();
    assert_eq!(status, "101");
    let screen = session.screen();
    assert!(
        screen.contains("panicked at") && screen.contains("QUIPU_TEST_PANIC=1"),
        "the panic report was overwritten:\n{screen}"
    );
    let raw = session.raw();
    let message = find(&raw, b"panicked").expect("the message was written");
    assert!(
        find(&raw[message..], b"\x1b[?1049l").is_none(),
        "the alternate screen was left again after the report"
    );
}

/// The hostile fixture shown on every screen quipu has: none of the file's escape sequences
/// reach the terminal, and the window title stays the terminal's own.
#[test]
fn hostile_text_never_reaches_the_terminal() {
    let file = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hostile/escapes.json"
    ));
    let Some(session) = start("inject", "", &[file]) else {
        return;
    };
    let title = session.pane("#{pane_title}");
    session.record();
    session.go();
    session.wait_for("the explorer, its warnings announced", |s| {
        s.contains("Hostile text") && s.contains("18 warnings (! shows them)")
    });
    session.send(&["G"]);
    session.wait_for("the last event", |s| s.contains("4/4"));
    session.send(&["g"]);
    session.wait_for("the first event", |s| s.contains("1/4"));
    for n in 2..=4 {
        session.send(&["j"]);
        session.wait_for("the next event", |s| s.contains(&format!("{n}/4")));
        // Through the detail lists and back. Not Escape: an Escape followed at once by the next
        // key reaches quipu as one Alt chord.
        session.send(&["Tab", "Tab", "Tab", "BTab", "BTab", "BTab"]);
    }
    session.send(&["g"]);
    session.wait_for("the first event", |s| s.contains("1/4"));
    // Each overlay, moved in and closed: the screen comes back exactly as it was.
    let base = session.wait_for("the first event", |s| s.contains("1/4"));
    for (open, moves, shown) in [
        ("c", "j", "Chain:"),
        ("a", "j", "events"),
        ("?", "j", "Help"),
        ("t", "1", "Jump to date"),
        ("!", "j", "Problems:"),
    ] {
        session.send(&[open]);
        session.wait_for(shown, |s| s != base && s.contains(shown));
        session.send(&[moves, moves, "Escape"]);
        session.wait_for("the overlay closed", |s| s == base);
    }
    assert_eq!(
        session.pane("#{pane_title}"),
        title,
        "the file changed the window title"
    );
    session.send(&["q"]);
    let (status, modes) = session.finished();
    assert_eq!(status, "0", "{}", session.screen());
    assert_cooked(&modes, "after the hostile file");
    assert_eq!(
        session.pane("#{pane_title}"),
        title,
        "the file changed the window title"
    );

    let raw = session.raw();
    assert!(
        find(&raw, b"\x1b[?1049h").is_some(),
        "the recording holds the session ({} bytes)",
        raw.len()
    );
    assert!(
        find(&raw, b"Sets the window title").is_some()
            && find(&raw, b"Clears the screen!").is_some(),
        "the file's text was drawn"
    );
    // The sanitiser drops a whole OSC sequence, payload included.
    assert!(find(&raw, b"pwned").is_none(), "an OSC payload was written");
    for (what, bytes) in [
        ("an OSC sequence (window title, hyperlink)", &b"\x1b]"[..]),
        ("BEL", b"\x07"),
        ("NUL", b"\x00"),
        ("a terminal reset (ESC c)", b"\x1bc"),
        ("the C1 CSI U+009B", "\u{9b}".as_bytes()),
        ("a raw C1 CSI byte", b"\x9b2J"),
        ("the right-to-left override U+202E", "\u{202e}".as_bytes()),
        ("the left-to-right override U+202D", "\u{202d}".as_bytes()),
        (
            "the pop directional formatting U+202C",
            "\u{202c}".as_bytes(),
        ),
        ("the first strong isolate U+2067", "\u{2067}".as_bytes()),
        ("the pop directional isolate U+2069", "\u{2069}".as_bytes()),
        ("DEL", b"\x7f"),
    ] {
        if let Some(at) = find(&raw, bytes) {
            let from = at.saturating_sub(40);
            panic!(
                "{what} written to the terminal at byte {at}: {:?}",
                String::from_utf8_lossy(&raw[from..(at + 40).min(raw.len())])
            );
        }
    }
    // quipu clears the screen once when it starts; the file's own `ESC [2J ESC [H` (in the title,
    // two events, a note and an actor's name) must not add more.
    let clears = raw.windows(4).filter(|w| w == b"\x1b[2J").count();
    assert!(clears <= 1, "{clears} screen clears written");
    let home_after_clear = find(&raw, b"\x1b[2J\x1b[H");
    assert!(
        home_after_clear.is_none(),
        "the file's clear-and-home sequence was written at {home_after_clear:?}"
    );
}

/// What `quipu check` prints and what `quipu FILE` says when it refuses a file reach the terminal
/// too: no escape from the file may be among them. Minimal case: an unknown actor whose id is a
/// window-title OSC (more cases in tests/loader_mutations.rs).
#[test]
fn refusals_print_no_escape_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("osc.json");
    std::fs::write(
        &path,
        r#"{"quipu": 1, "title": "t", "events": [{"id": "e", "date": "2000", "title": "x", "actors": ["z\u001b]0;pwned\u0007"]}]}"#,
    )
    .unwrap();
    for args in [&["check"][..], &[][..]] {
        let out = Command::new(env!("CARGO_BIN_EXE_quipu"))
            .args(args)
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?} refuses the file");
        let printed = [out.stdout, out.stderr].concat();
        assert!(
            find(&printed, b"unknown actor").is_some(),
            "{args:?} says why: {}",
            String::from_utf8_lossy(&printed)
        );
        for bytes in [&b"\x1b"[..], b"\x07"] {
            assert!(
                find(&printed, bytes).is_none(),
                "{args:?} printed {bytes:?}: {:?}",
                String::from_utf8_lossy(&printed)
            );
        }
    }
}

/// `quipu import` prints the converted chronology to standard output, often a terminal. JSON
/// escapes C0 controls, but a bidi override or a C1 control copied from the TimelineJS file
/// would go out raw (serde_json writes them as they are).
#[test]
fn import_prints_no_bidi_or_c1_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timeline.json");
    std::fs::write(
        &path,
        r#"{"events": [{"start_date": {"year": "2000"}, "text": {"headline": "H \u202e \u009b2J"}}]}"#,
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_quipu"))
        .arg("import")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("\"H "), "the event is printed: {printed}");
    let bad: Vec<char> = printed
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "printed raw {bad:?}: {printed}");
}

/// The shipped chronology as a file, so it goes through the loader like any other.
#[cfg(debug_assertions)]
fn shipped_file() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fujimori.json")
}

/// quipu opening `file` with loading held back `delay_ms` (the QUIPU_TEST_SLOW_LOAD hook of debug
/// builds, see `src/tui/loader.rs`, so the screen shows however fast the machine is), once its
/// loading screen is up; `None` when tmux tests are skipped.
#[cfg(debug_assertions)]
fn on_the_loading_screen(name: &str, delay_ms: u32, file: &Path) -> Option<(Session, String)> {
    let session = start(name, &format!("QUIPU_TEST_SLOW_LOAD={delay_ms}"), &[file])?;
    session.go();
    let screen = session.wait_for("the loading screen", |s| s.contains("Loading"));
    Some((session, screen))
}

/// A file slower than a blink shows the loading screen (what, how big, how long, how to give
/// up), then the timeline on the same screen.
#[test]
#[cfg(debug_assertions)]
fn a_slow_file_shows_the_loading_screen_then_the_timeline() {
    let Some((session, loading)) = on_the_loading_screen("loading", 1500, &shipped_file()) else {
        return;
    };
    assert!(
        loading.contains("fujimori.json")
            && loading.contains("KiB)")
            && loading.contains("reading the file…")
            && loading.contains("q quit"),
        "{loading}"
    );
    assert_eq!(session.pane("#{alternate_on}"), "1", "{loading}");
    session.wait_for("the timeline", |s| s.contains("Foreign relations of Peru"));
    session.send(&["q"]);
    let (status, modes) = session.finished();
    assert_eq!(status, "0", "{}", session.screen());
    assert_cooked(&modes, "quit after loading");
}

/// `q` on the loading screen gives up at once: no waiting for the file.
#[test]
#[cfg(debug_assertions)]
fn q_on_the_loading_screen_gives_up_at_once() {
    let Some((session, _)) = on_the_loading_screen("loading-quit", 60_000, &shipped_file()) else {
        return;
    };
    // The file is held back a minute, three times the patience of `finished`: an exit seen at
    // all is an exit that did not wait for the file.
    session.send(&["q"]);
    let (status, modes) = session.finished();
    assert_eq!(status, "0", "{}", session.screen());
    assert_eq!(session.pane("#{alternate_on}"), "0");
    assert_cooked(&modes, "quit while loading");
}

/// A slow file that turns out to be invalid: the loading screen gives way to the problems
/// panel (#13), as for a file that fails at once; quitting while it is invalid exits 1.
#[test]
#[cfg(debug_assertions)]
fn a_slow_invalid_file_opens_on_its_problems() {
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/unknown-actor-ref.json");
    let Some((session, _)) = on_the_loading_screen("loading-invalid", 1000, &file) else {
        return;
    };
    // The panel wraps the message after a long checkout path.
    let screen = session.wait_for("the problems panel", |s| {
        s.contains("unknown-actor-ref.json:52:9: error: unknown") && s.contains("`aldirn`")
    });
    assert!(!screen.contains("Loading"), "{screen}");
    session.send(&["Q"]);
    let (status, modes) = session.finished();
    assert_eq!(status, "1", "{}", session.screen());
    assert_eq!(session.pane("#{alternate_on}"), "0");
    assert_cooked(&modes, "invalid file after loading");
}

/// Typing in the palette never waits for the search index: at a million events it takes seconds
/// to build, on its own thread. Relies on the QUIPU_TEST_SLOW_INDEX hook of debug builds (see
/// `src/tui/search.rs`), which holds the index back for 6 s.
#[test]
#[cfg(debug_assertions)]
fn the_palette_answers_keys_while_the_index_is_still_building() {
    let Some(session) = start("slow-index", "QUIPU_TEST_SLOW_INDEX=6000", &[]) else {
        return;
    };
    session.go();
    session.wait_for("the timeline", |s| s.contains("Foreign relations of Peru"));
    session.send(&["/", "fuj"]);
    let screen = session.wait_for("the query on screen", |s| s.contains("/ fuj"));
    // The query shown beside "searching…" is the proof, not a clock: the index is still being
    // built, and the keys were taken anyway.
    assert!(screen.contains("searching…"), "{screen}");
    session.wait_for("the results", |s| s.contains("Fujimori → Alberto Fujimori"));
    session.send(&["Escape"]);
    // Escape then q at once would read as Alt-q.
    session.wait_for("the palette to close", |s| !s.contains("Search actors"));
    session.send(&["q"]);
    let (status, _) = session.finished();
    assert_eq!(status, "0", "{}", session.screen());
}

/// A panic on a helper thread does not end quipu: the explorer carries on in the terminal it set
/// up (the search index is then built on the main thread), and the report is printed once the
/// terminal is given back instead of being written over the screen. Relies on the
/// QUIPU_TEST_PANIC=index hook of debug builds (see `src/tui/search.rs`).
#[test]
#[cfg(debug_assertions)]
fn a_helper_threads_panic_is_reported_after_the_screen_is_given_back() {
    let Some(session) = start(
        "helper-panic",
        "QUIPU_TEST_PANIC=index RUST_BACKTRACE=0",
        &[],
    ) else {
        return;
    };
    session.go();
    session.wait_for("the timeline", |s| s.contains("Foreign relations of Peru"));
    session.send(&["/", "fuj"]);
    let screen = session.wait_for("the results", |s| s.contains("Fujimori → Alberto Fujimori"));
    assert!(!screen.contains("panicked"), "{screen}");
    assert_eq!(session.pane("#{alternate_on}"), "1", "{screen}");
    session.send(&["Escape"]);
    // Escape then q at once would read as Alt-q.
    session.wait_for("the palette to close", |s| !s.contains("Search actors"));
    session.send(&["q"]);
    let (status, modes) = session.finished();
    let screen = session.screen();
    assert_eq!(status, "0", "{screen}");
    assert!(
        screen.contains("quipu: thread 'quipu-index' panicked at")
            && screen.contains("deliberate panic while building the index"),
        "{screen}"
    );
    assert_cooked(&modes, "helper panic");
}
