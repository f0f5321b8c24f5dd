//! Unix manners of every command: exit codes, standard input as `-`, files that are not regular
//! files (devices, FIFOs), closed pipes and full disks.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn quipu() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_quipu"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Runs quipu with `stdin` piped in: (exit code, stdout, stderr).
fn run(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = quipu()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run quipu");
    let mut input = child.stdin.take().unwrap();
    // A command that does not read standard input may close it first: that is no failure.
    let _ = input.write_all(stdin);
    drop(input);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().expect("an exit code, not a signal"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn a_missing_file_exits_two_in_every_command() {
    let cases: [&[&str]; 5] = [
        &["check", "no/such.json"],
        &["import", "no/such.json"],
        &["export", "--to", "json", "no/such.json"],
        &["search", "a", "no/such.json"],
        &["no/such.json"],
    ];
    for args in cases {
        let (code, out, err) = run(args, b"");
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains("no/such.json: error: cannot read the file"),
            "{args:?}: {err}"
        );
        assert_eq!(out, "", "{args:?}");
    }
}

#[test]
fn a_word_close_to_a_command_is_taken_for_a_typo() {
    for (typo, meant) in [("chek", "check"), ("exprot", "export"), ("serch", "search")] {
        let (code, _, err) = run(&[typo], b"");
        assert_eq!(code, 2, "{typo}");
        assert!(
            err.contains(&format!("unknown command '{typo}', did you mean {meant}?")),
            "{typo}: {err}"
        );
    }
    // A word close to no command is a missing file, as before.
    let (code, _, err) = run(&["zzzz"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("zzzz: error: cannot read the file"), "{err}");
}

/// `-` is standard input in every command, and positions are real ones in it.
#[test]
fn dash_reads_standard_input_everywhere() {
    let invalid = fixture("tests/fixtures/invalid/unknown-actor-ref.json");
    let (code, out, _) = run(&["check", "-"], &invalid);
    assert_eq!(code, 1);
    assert!(
        out.contains("<stdin>:52:9: error: unknown actor `aldirn`"),
        "{out}"
    );

    // /dev/stdin is a pipe here: it cannot be opened a second time to locate the finding.
    let (code, out, _) = run(&["check", "/dev/stdin"], &invalid);
    assert_eq!(code, 1);
    assert!(
        out.contains("/dev/stdin:52:9: error: unknown actor `aldirn`"),
        "{out}"
    );

    let valid = fixture("tests/fixtures/valid/space-race.json");
    let (code, out, err) = run(&["export", "--to", "json", "-"], &valid);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"quipu\": 1"), "{out}");

    let (code, out, err) = run(&["search", "--events", "apollo", "-"], &valid);
    assert_eq!(code, 0, "{err}");
    assert!(!out.is_empty());

    let csv = fixture("tests/fixtures/interchange/simple.csv");
    let (code, out, err) = run(&["import", "-"], &csv);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"events\""), "{out}");
    let (code, out, _) = run(&["check", "-"], &csv);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("<stdin>: ok: 4 events"), "{out}");
}

/// The explorer reads a piped file from standard input (keys come from the terminal); a file
/// that does not load is reported with its position before the terminal is touched.
#[test]
fn the_explorer_reports_a_piped_file_at_its_positions() {
    let invalid = fixture("tests/fixtures/invalid/unknown-actor-ref.json");
    let (code, _, err) = run(&["-"], &invalid);
    assert_eq!(code, 1);
    assert!(err.contains("<stdin>:52:9: error: unknown actor"), "{err}");
}

#[test]
fn an_endless_device_is_refused_at_once() {
    for device in ["/dev/zero", "/dev/urandom"] {
        assert!(Path::new(device).exists(), "{device} is needed");
        for args in [
            vec!["check", device],
            vec!["export", "--to", "json", device],
            vec!["import", "--from", "csv", device],
            vec![device],
        ] {
            let (code, out, err) = run(&args, b"");
            assert_eq!(code, 1, "{args:?}: {out}{err}");
            let said = format!("{out}{err}");
            assert!(
                said.contains(&format!("{device}:"))
                    && (said.contains("NUL byte") || said.contains("not UTF-8 text")),
                "{args:?}: {said}"
            );
        }
    }
}

/// A FIFO can be read only once: an invalid chronology in one is reported at its real
/// positions, and nothing waits for a second reading.
#[test]
fn a_fifo_with_an_invalid_chronology_is_located_without_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("chronology.json");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let text = fixture("tests/fixtures/invalid/causal-cycle.json");
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            // Opening blocks until quipu opens the other end.
            std::fs::write(&fifo, text).unwrap();
        })
    };
    let mut child = quipu()
        .arg("check")
        .arg(&fifo)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    writer.join().unwrap();
    // Had quipu opened the FIFO again it would block here for ever; a second writer that
    // never comes is what the old loader waited for. Give it a bounded chance to finish.
    let mut waited = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        waited += 1;
        if waited > 600 {
            child.kill().unwrap();
            panic!("quipu check blocked on the FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut out = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut out).unwrap();
    assert_eq!(status.code(), Some(1), "{out}");
    assert!(
        out.contains(":72:9: error: causal cycle: landing → splashdown → landing"),
        "{out}"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_located_in_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.json");
    std::fs::write(&file, b"{\n  \"quipu\": 1,\n  \"title\": \"Per\xfa\"\n}\n").unwrap();
    let name = file.to_str().unwrap();
    for args in [
        vec!["check", name],
        vec!["export", "--to", "markdown", name],
        vec!["import", "--from", "timelinejs", name],
        vec!["search", "x", name],
        vec![name],
    ] {
        let (code, out, err) = run(&args, b"");
        assert_eq!(code, 1, "{args:?}");
        assert!(
            format!("{out}{err}")
                .contains(&format!("{name}:3:16: error: the file is not UTF-8 text")),
            "{args:?}: {out}{err}"
        );
    }
}

/// `quipu export … | head -1`: the reader leaving is its choice, so quipu stops silently and
/// exits 0 (search and check do the same).
#[test]
fn a_closed_pipe_ends_a_command_silently() {
    for args in [
        vec!["export", "--to", "markdown"],
        vec!["search", "a"],
        vec!["check"],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = quipu()
            .args(&args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
    let shell = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' export --to markdown | head -1",
            env!("CARGO_BIN_EXE_quipu")
        ))
        .output()
        .expect("bash");
    assert_eq!(shell.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&shell.stderr), "");
    assert!(String::from_utf8_lossy(&shell.stdout).starts_with("# "));
}

/// `check > /dev/full`: a report that could not be written is a failure, and said.
#[test]
fn a_full_disk_is_reported_and_fails() {
    assert!(Path::new("/dev/full").exists(), "/dev/full is needed");
    for args in [
        vec!["check"],
        vec!["export", "--to", "json"],
        vec!["search", "a"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = quipu()
            .args(&args)
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("cannot write to standard output"),
            "{args:?}: {err}"
        );
    }
}

/// `quipu check` checks what the explorer opens, with positions in the original file.
#[test]
fn check_reads_timelinejs_and_csv_at_their_own_positions() {
    let (code, out, _) = run(&["check", "tests/fixtures/timelinejs/eras.json"], b"");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("tests/fixtures/timelinejs/eras.json:317:9: warning: event `north-south-states-period-begins-in-korea` has no actors (at events[19])"),
        "{out}"
    );
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("sheet.csv");
    std::fs::write(
        &sheet,
        "id,date,title,actors\na,1990,\"Two\nlines\",x\nb,1991,Lonely,\n",
    )
    .unwrap();
    let (code, out, _) = run(&["check", sheet.to_str().unwrap()], b"");
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(":4:1: warning: event `b` has no actors"),
        "the row after a two-line cell starts on line 4: {out}"
    );
    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        "{\"events\": [\n {\"start_date\": {\"year\": 1},\n  \"text\": 5}]}",
    )
    .unwrap();
    let (code, out, _) = run(&["check", broken.to_str().unwrap()], b"");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("broken.json:3:11: error: a value of the wrong kind for TimelineJS"),
        "{out}"
    );
}

/// A message that cannot be written (`2>/dev/full`) is no reason to crash: the exit code is
/// still the command's, not a panic's 101.
#[test]
fn a_full_standard_error_changes_no_exit_code() {
    for args in [
        vec!["check", "no/such.json"],
        vec!["export", "--to", "json", "no/such.json"],
        vec!["no/such.json"],
        vec!["chek"],
        vec!["export", "--to", "nothing"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let status = quipu().args(&args).stderr(full).status().unwrap();
        assert_eq!(status.code(), Some(2), "{args:?}");
    }
}
