//! The real binary in tmux, ended or stopped every way a process can be: each terminating
//! signal, an abort, an allocation that fails under a memory cap, C-z and SIGTSTP with `fg`.
//! After each, the terminal must be the shell's again: cooked mode (read from the pane's tty with
//! `stty -F`), the normal screen, the cursor shown, mouse reporting off. Fails (does not skip)
//! when tmux is missing, unless QUIPU_SKIP_TMUX=1.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::tmux::Tmux;

/// A tmux server whose pane runs `script` under `sh`, in `dir`.
fn start(name: &str, dir: &Path, script: &str) -> Option<Tmux> {
    let tmux = Tmux::new(&format!("signals-{name}"))?;
    let path = dir.join("run.sh");
    std::fs::write(&path, script).unwrap();
    let command = format!("sh '{}'", path.display());
    tmux.session((100, 30), Some(dir), &command);
    Some(tmux)
}

/// A script that runs quipu with `before` (shell lines) first, writes its pid, and after it
/// ends prints its exit status and idles, so the pane can be read.
fn quipu_script(dir: &Path, before: &str, args: &str) -> String {
    format!(
        r#"export TERM=xterm-256color
ulimit -c 0
{before}
sh -c 'echo $$ > "$0/pid"; exec "$@"' '{dir}' '{bin}' {args}
echo "EXIT=$?"
sleep 60
"#,
        dir = dir.display(),
        bin = env!("CARGO_BIN_EXE_quipu"),
    )
}

fn pid(dir: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(pid) = std::fs::read_to_string(dir.join("pid"))
            && !pid.trim().is_empty()
        {
            return pid.trim().to_owned();
        }
        assert!(Instant::now() < deadline, "quipu never started");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The pane's terminal modes as `stty` reports them, read from outside the pane.
fn modes(tmux: &Tmux) -> Vec<String> {
    let tty = tmux.pane("#{pane_tty}");
    let out = Command::new("stty")
        .args(["-a", "-F", &tty])
        .output()
        .unwrap();
    assert!(out.status.success(), "stty -F {tty}: {out:?}");
    String::from_utf8_lossy(&out.stdout)
        .split([' ', ';', '\n'])
        .map(str::to_owned)
        .collect()
}

/// The terminal is as a shell wants it: cooked, normal screen, cursor shown, no mouse reports.
fn assert_given_back(tmux: &Tmux, context: &str) {
    assert_cooked(&modes(tmux), context);
    assert_screen_given_back(tmux, context);
}

fn assert_cooked(modes: &[String], context: &str) {
    for mode in ["icanon", "echo", "isig"] {
        assert!(
            modes.iter().any(|m| m == mode),
            "{context}: `{mode}` is off (stty: {modes:?})"
        );
    }
}

/// Normal screen, cursor shown, no mouse reports: what no shell puts back by itself.
fn assert_screen_given_back(tmux: &Tmux, context: &str) {
    for (format, want) in [
        ("#{alternate_on}", "0"),
        ("#{cursor_flag}", "1"),
        ("#{mouse_any_flag}", "0"),
    ] {
        assert_eq!(
            tmux.pane(format),
            want,
            "{context}: {format} after quipu gave the terminal back:\n{}",
            tmux.screen()
        );
    }
}

/// quipu has the terminal: raw mode, alternate screen, mouse reports on.
fn assert_taken(tmux: &Tmux, context: &str) {
    let modes = modes(tmux);
    for mode in ["-icanon", "-echo"] {
        assert!(
            modes.iter().any(|m| m == mode),
            "{context}: `{mode}` expected while quipu runs (stty: {modes:?})"
        );
    }
    assert_eq!(tmux.pane("#{alternate_on}"), "1", "{context}");
    assert_eq!(tmux.pane("#{mouse_any_flag}"), "1", "{context}");
}

fn exit_status(tmux: &Tmux) -> String {
    let screen = tmux.wait_for("quipu to exit", |s| s.contains("EXIT="));
    screen
        .lines()
        .find_map(|l| l.trim().strip_prefix("EXIT="))
        .unwrap_or_default()
        .trim()
        .to_owned()
}

fn explorer(screen: &str) -> bool {
    screen.contains("Foreign relations of Peru") && screen.contains("j/k move")
}

/// Sends `signal` to quipu on the shipped chronology: it must end as that signal ends a
/// program (exit status 128 + `number` in the shell) and give the terminal back.
fn ends_cleanly(signal: &str, number: u8) {
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = start(
        &signal.to_lowercase(),
        dir.path(),
        &quipu_script(dir.path(), "", ""),
    ) else {
        return;
    };
    let pid = pid(dir.path());
    tmux.wait_for("the explorer", explorer);
    assert_taken(&tmux, "before the signal");
    let out = Command::new("kill")
        .args([&format!("-{signal}"), &pid])
        .output()
        .unwrap();
    assert!(out.status.success(), "kill -{signal} {pid}: {out:?}");
    let status = exit_status(&tmux);
    assert_eq!(
        status,
        (128 + u32::from(number)).to_string(),
        "SIG{signal}: exit status\n{}",
        tmux.screen()
    );
    assert_given_back(&tmux, &format!("SIG{signal}"));
    assert!(
        !explorer(&tmux.screen()),
        "SIG{signal}: the explorer is still drawn"
    );
}

macro_rules! signal_tests {
    ($($name:ident: $signal:literal = $number:literal,)*) => {
        $(
            #[test]
            #[cfg(target_os = "linux")]
            fn $name() {
                ends_cleanly($signal, $number);
            }
        )*
    };
}

// Linux numbers. Those whose default is a core dump (QUIT, TRAP, ABRT, BUS, XCPU, XFSZ, SYS)
// are restored from the handler itself; the others through the event loop.
signal_tests! {
    sighup_ends_cleanly: "HUP" = 1,
    sigint_ends_cleanly: "INT" = 2,
    sigquit_ends_cleanly: "QUIT" = 3,
    sigtrap_ends_cleanly: "TRAP" = 5,
    sigabrt_ends_cleanly: "ABRT" = 6,
    sigbus_ends_cleanly: "BUS" = 7,
    sigusr1_ends_cleanly: "USR1" = 10,
    sigusr2_ends_cleanly: "USR2" = 12,
    sigalrm_ends_cleanly: "ALRM" = 14,
    sigterm_ends_cleanly: "TERM" = 15,
    sigxcpu_ends_cleanly: "XCPU" = 24,
    sigxfsz_ends_cleanly: "XFSZ" = 25,
    sigvtalrm_ends_cleanly: "VTALRM" = 26,
    sigprof_ends_cleanly: "PROF" = 27,
    sigio_ends_cleanly: "IO" = 29,
    sigsys_ends_cleanly: "SYS" = 31,
}

// Linux's own, on the architectures whose numbers these are.
#[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
signal_tests! {
    sigstkflt_ends_cleanly: "STKFLT" = 16,
    sigpwr_ends_cleanly: "PWR" = 30,
}

/// The real-time signals end a process by default too. Their range is the C library's (glibc keeps
/// the first two for its threads), so quipu asks it at run time and so does this test; `kill`
/// takes them by number.
#[test]
#[cfg(target_os = "linux")]
fn real_time_signals_end_cleanly() {
    let (first, last) = (libc::SIGRTMIN(), libc::SIGRTMAX());
    assert!(first < last, "no real-time signals: {first}..={last}");
    for number in [first, first + 5, last] {
        let number = u8::try_from(number).unwrap();
        ends_cleanly(&number.to_string(), number);
    }
}

/// Address space quipu may use in the memory-capped tests (KiB, for `ulimit -v`): several times
/// what it needs for these files, and less than one score matrix for the long name (390 MB for
/// 300,000 letters against 81), which used to abort the process, terminal left raw.
const MEMORY_CAP_KIB: u32 = 400_000;

/// Letters in the long name: enough for the matrix to pass the cap, few enough for a debug
/// build's search to answer on a busy machine.
const LONG_NAME: usize = 300_000;

fn capped(name: &str, dir: &Path, file: &Path) -> Option<Tmux> {
    let script = quipu_script(
        dir,
        &format!("ulimit -v {MEMORY_CAP_KIB}"),
        &format!("'{}'", file.display()),
    );
    start(name, dir, &script)
}

#[test]
fn extreme_dates_draw_under_a_memory_cap() {
    let dir = tempfile::tempdir().unwrap();
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/extreme-dates.json");
    let Some(tmux) = capped("extreme", dir.path(), &file) else {
        return;
    };
    let screen = tmux.wait_for("the explorer", |s| {
        s.contains("Long before") && s.contains("j/k move")
    });
    assert!(screen.contains('╵'), "the axis has ticks:\n{screen}");
    // Every zoom level, at both ends of the day numbers.
    for key in [
        "+", "+", "+", "+", "+", "+", "+", "+", "+", "+", "G", "-", "-", "-", "-",
    ] {
        tmux.send(&[key]);
    }
    tmux.send(&["q"]);
    assert_eq!(exit_status(&tmux), "0", "{}", tmux.screen());
    assert_given_back(&tmux, "extreme dates");
}

#[test]
fn a_long_name_is_searched_under_a_memory_cap() {
    let dir = tempfile::tempdir().unwrap();
    let name = "N".repeat(LONG_NAME);
    let json = serde_json::json!({
        "quipu": 1,
        "title": "One long name",
        "actors": [{"id": "a", "name": name, "kind": "person"}],
        "events": [{"id": "e", "date": "2000", "title": "Something", "actors": ["a"]}]
    });
    let file = dir.path().join("long-name.json");
    std::fs::write(&file, json.to_string()).unwrap();
    let Some(tmux) = capped("long-name", dir.path(), &file) else {
        return;
    };
    tmux.wait_for("the explorer", |s| {
        s.contains("Something") && s.contains("j/k move")
    });
    tmux.send(&["/"]);
    tmux.send(&["-l", &"N".repeat(80)]);
    tmux.wait_for("the name found and marked", |s| {
        s.contains("Search actors (1)") && s.contains("NNNNNNNNNNNNNNNNNNNN…")
    });
    tmux.send(&["Escape"]);
    tmux.wait_for("the palette closed", |s| !s.contains("Search actors"));
    tmux.send(&["q"]);
    assert_eq!(exit_status(&tmux), "0", "{}", tmux.screen());
    assert_given_back(&tmux, "long name");
}

/// An interactive shell in the pane, with a prompt the test can wait for.
fn shell(name: &str, dir: &Path) -> Option<Tmux> {
    let script = "export TERM=xterm-256color PS1='PROMPT$ '\nexec bash --norc --noprofile -i\n";
    let tmux = start(name, dir, script)?;
    tmux.wait_for("the shell", |s| s.contains("PROMPT$"));
    Some(tmux)
}

fn prompts(screen: &str) -> usize {
    screen.matches("PROMPT$").count()
}

/// Suspended, quipu is a stopped job and the shell has a cooked terminal; after `fg` quipu has
/// it again, raw (a key acts without Enter), redrawn whole, and answering keys.
fn suspend_and_resume(tmux: &Tmux, dir: &Path, stop: impl Fn(&str)) {
    let bin = env!("CARGO_BIN_EXE_quipu");
    tmux.send(&[
        "-l",
        &format!("sh -c 'echo $$ > {}/pid; exec {bin}'", dir.display()),
    ]);
    tmux.send(&["Enter"]);
    tmux.wait_for("the explorer", explorer);
    let pid = pid(dir);
    for round in 0..2 {
        assert_taken(tmux, &format!("round {round}, before the stop"));
        let before = prompts(&tmux.screen());
        stop(&pid);
        let screen = tmux.wait_for("the shell's prompt", |s| {
            s.contains("Stopped") && prompts(s) > before
        });
        assert!(!explorer(&screen), "round {round}: still drawn:\n{screen}");
        assert_screen_given_back(tmux, &format!("round {round}, stopped"));
        // At its prompt bash's line editor has the terminal in its own mode; a command run
        // from the prompt sees the mode the shell keeps for commands.
        tmux.send(&[
            "-l",
            "echo MODES=$(stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|isig)$' | tr '\\n' ' ')",
        ]);
        tmux.send(&["Enter"]);
        let screen = tmux.wait_for("the modes", |s| s.matches("MODES=").count() > round * 2 + 1);
        let modes: Vec<String> = screen
            .lines()
            .rev()
            .find_map(|l| l.strip_prefix("MODES="))
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        assert_cooked(&modes, &format!("round {round}, stopped"));
        tmux.send(&["-l", "fg"]);
        tmux.send(&["Enter"]);
        tmux.wait_for("the explorer redrawn", explorer);
        assert_taken(tmux, &format!("round {round}, after fg"));
        // Raw: one key, no Enter, moves the selection (the detail pane shows the next event).
        tmux.send(&["j"]);
        tmux.wait_for("the next event selected", |s| {
            s.contains("Velasco years (1968–1975) · interval")
        });
        tmux.send(&["k"]);
        tmux.wait_for("back on the first event", |s| {
            s.contains("28 July 1938 · exact day")
        });
    }
    tmux.send(&["q"]);
    tmux.wait_for("quipu gone", |s| !explorer(s));
    assert_screen_given_back(tmux, "after q");
}

#[test]
fn ctrl_z_suspends_and_fg_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = shell("ctrl-z", dir.path()) else {
        return;
    };
    suspend_and_resume(&tmux, dir.path(), |_| tmux.send(&["C-z"]));
}

#[test]
fn sigtstp_from_outside_suspends_and_fg_resumes_in_raw_mode() {
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = shell("tstp", dir.path()) else {
        return;
    };
    suspend_and_resume(&tmux, dir.path(), |pid| {
        let out = Command::new("kill").args(["-TSTP", pid]).output().unwrap();
        assert!(out.status.success(), "kill -TSTP {pid}: {out:?}");
    });
}

/// C-z works on the loading screen too, and `fg` brings the loading screen back, drawn whole.
/// Relies on the QUIPU_TEST_SLOW_LOAD hook of debug builds (see `src/tui/loader.rs`).
#[test]
#[cfg(debug_assertions)]
fn ctrl_z_on_the_loading_screen() {
    let dir = tempfile::tempdir().unwrap();
    let Some(tmux) = shell("loading", dir.path()) else {
        return;
    };
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fujimori.json");
    tmux.send(&[
        "-l",
        &format!(
            "QUIPU_TEST_SLOW_LOAD=60000 {} '{}'",
            env!("CARGO_BIN_EXE_quipu"),
            file.display()
        ),
    ]);
    tmux.send(&["Enter"]);
    tmux.wait_for("the loading screen", |s| s.contains("Loading"));
    assert_taken(&tmux, "loading");
    tmux.send(&["C-z"]);
    tmux.wait_for("the shell's prompt", |s| {
        s.contains("Stopped") && prompts(s) >= 2
    });
    assert_screen_given_back(&tmux, "stopped while loading");
    tmux.send(&["-l", "fg"]);
    tmux.send(&["Enter"]);
    tmux.wait_for("the loading screen again", |s| {
        s.contains("Loading") && !s.contains("Stopped")
    });
    assert_taken(&tmux, "loading, after fg");
    tmux.send(&["q"]);
    tmux.wait_for("quipu gone", |s| prompts(s) >= 3);
    assert_screen_given_back(&tmux, "after q");
}

/// A failed allocation aborts the process without unwinding, so neither the panic hook nor any
/// destructor runs: the abort handler alone must give the terminal back. Relies on the
/// QUIPU_TEST_ALLOC_FAILURE hook of debug builds (see `tui::Screen::explore`).
#[test]
#[cfg(debug_assertions)]
fn a_failed_allocation_gives_the_terminal_back() {
    let dir = tempfile::tempdir().unwrap();
    let script = quipu_script(dir.path(), "export QUIPU_TEST_ALLOC_FAILURE=1", "");
    let Some(tmux) = start("alloc-failure", dir.path(), &script) else {
        return;
    };
    assert_eq!(exit_status(&tmux), "134", "{}", tmux.screen());
    // std writes "memory allocation of 4096 bytes failed" before aborting, while the alternate
    // screen is still up, so it goes with it; the shell's "Aborted" is what stays.
    let screen = tmux.screen();
    assert!(!explorer(&screen), "the explorer is still drawn:\n{screen}");
    assert_given_back(&tmux, "failed allocation");
}
