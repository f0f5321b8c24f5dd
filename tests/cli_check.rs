//! `quipu check` as scripts see it: exit status, summary line, diagnostics on standard output.

use std::process::Command;

fn quipu(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_quipu"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run quipu");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_shipped_chronology_checks_clean() {
    let (code, out, _) = quipu(&["check"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.lines().count(), 1, "no diagnostics expected:\n{out}");
    assert!(out.starts_with("assets/fujimori.json: ok: "), "{out}");
    assert!(out.contains(" events, ") && out.contains(" actors, ") && out.contains(" links"));
}

#[test]
fn warnings_keep_exit_status_zero() {
    let (code, out, err) = quipu(&["check", "tests/fixtures/warnings/event-without-actors.json"]);
    assert_eq!(code, 0);
    assert_eq!(
        err, "",
        "the report goes to standard output, nothing else to stderr"
    );
    assert!(
        out.contains(": warning: event `lonely` has no actors"),
        "{out}"
    );
    assert!(
        out.contains(": ok: ") && out.contains(", 1 warning"),
        "{out}"
    );
}

#[test]
fn an_invalid_file_exits_one_with_located_errors() {
    let (code, out, err) = quipu(&[
        "check",
        "tests/fixtures/valid/minimal.json",
        "tests/fixtures/invalid/unknown-actor-ref.json",
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        err, "",
        "the report goes to standard output, nothing else to stderr"
    );
    assert!(
        out.contains("tests/fixtures/valid/minimal.json: ok: 0 events"),
        "{out}"
    );
    assert!(
        out.contains(
            "tests/fixtures/invalid/unknown-actor-ref.json:52:9: error: unknown actor `aldirn`"
        ),
        "{out}"
    );
    assert!(out.contains("invalid: 1 error"), "{out}");
}

#[test]
fn a_missing_file_exits_two_and_says_why_on_stderr() {
    let (code, _, err) = quipu(&[
        "check",
        "tests/fixtures/valid/minimal.json",
        "no/such/file.json",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no/such/file.json: error: cannot read the file"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_two() {
    let (code, _, err) = quipu(&["check", "--frobnicate"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn help_and_version_work() {
    let (code, out, _) = quipu(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("check") && out.contains("--no-mouse"), "{out}");
    let (code, out, _) = quipu(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("quipu "), "{out}");
}

/// `--timings` tells how long each stage took, on standard error so the report stays clean; a
/// file that fails to parse stops the clock at parsing. A quipu file is checked, not built (the
/// explorer builds it), so there is no building stage.
#[test]
fn timings_go_to_stderr_stage_by_stage() {
    let (code, out, err) = quipu(&["check", "--timings", "assets/fujimori.json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("assets/fujimori.json: ok: "), "{out}");
    let line = err.trim_end();
    assert!(
        line.starts_with("assets/fujimori.json: reading ")
            && line.contains(" s · parsing ")
            && line.contains(" s · checking ")
            && !line.contains("building")
            && line.contains(" s · total "),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"quipu\": 1, \"title\": ").unwrap();
    let (code, _, err) = quipu(&["check", "--timings", broken.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("reading ") && err.contains("parsing ") && !err.contains("checking "),
        "{err}"
    );
}

/// A hundred and twenty warnings before the one error that makes the file invalid: the report's
/// cap must leave out warnings, never that error.
#[test]
fn the_error_is_printed_before_the_warnings_the_cap_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.json");
    let mut events: Vec<String> = (0..120)
        .map(|i| format!(r#"{{"id": "e{i}", "date": "1990", "title": "t{i}"}}"#))
        .collect();
    events.push(
        r#"{"id": "last", "date": "1990", "title": "t", "actors": [{"actor": "nobody"}]}"#.into(),
    );
    let text = format!(
        "{{\"quipu\": 1, \"title\": \"t\", \"events\": [\n{}\n]}}\n",
        events.join(",\n")
    );
    std::fs::write(&path, text).unwrap();
    let (code, out, _) = quipu(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].contains(":122:") && lines[0].contains("error: unknown actor `nobody`"),
        "{out}"
    );
    assert!(
        lines[1..].iter().any(|l| l.contains(": warning: ")),
        "{out}"
    );
    assert!(out.contains("… and 21 more"), "{out}");
    assert!(out.contains("invalid: 1 error, 120 warnings"), "{out}");
}

/// Rows and slides the conversion leaves out are warnings of `check`: the explorer leaves them
/// out too, and an `ok` with nothing said hid them.
#[test]
fn what_a_conversion_leaves_out_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("rows.csv");
    std::fs::write(
        &csv,
        "id,date,title,consequences\na,1990,t1,zz\nb,,t2,\nc,July 1969,t3,\n",
    )
    .unwrap();
    let (code, out, _) = quipu(&["check", csv.to_str().unwrap()]);
    assert_eq!(code, 0, "warnings only: {out}");
    for wanted in [
        "rows.csv:1:1: warning: converting: skipped rows without a date or a title: line 3",
        "skipped rows whose date is not EDTF",
        "line 4 (\"July 1969\")",
        "dropped consequences naming no event in the file: line 2: zz",
        "help: the explorer reads the file the same way",
    ] {
        assert!(out.contains(wanted), "{wanted:?} in\n{out}");
    }
    let slides = dir.path().join("slides.json");
    std::fs::write(
        &slides,
        r#"{"events": [
            {"start_date": {"year": "1990"}, "text": {"headline": "ok"}},
            {"text": {"headline": "no date"}}
        ]}"#,
    )
    .unwrap();
    let (code, out, _) = quipu(&["check", slides.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("warning: converting: skipped 1 slide without a start year"),
        "{out}"
    );
}
