//! `quipu search` as scripts use it: tab-separated lines, grep-like exit statuses.

use std::io::Write;
use std::process::{Command, Output};

fn quipu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quipu"))
        .arg("search")
        .args(args)
        .output()
        .expect("runs the binary")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn prints_score_id_and_name_per_line() {
    let output = quipu(&["fuj"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let first: Vec<&str> = text.lines().next().unwrap().split('\t').collect();
    assert_eq!(first.len(), 3);
    assert!(first[0].parse::<i64>().is_ok(), "{first:?}");
    assert_eq!(&first[1..], ["fujimori", "Alberto Fujimori"]);
}

#[test]
fn events_by_flag_or_by_hash() {
    for args in [
        &["--events", "asuncion"][..],
        &["#asuncion"][..],
        &["--events", "#asuncion"][..],
    ] {
        let output = quipu(args);
        assert_eq!(output.status.code(), Some(0));
        let text = stdout(&output);
        assert!(
            text.lines()
                .next()
                .unwrap()
                .ends_with("\tmercosur-founded\tTreaty of Asunción creates Mercosur"),
            "{text}"
        );
    }
}

/// The palette's `@` (actors only) reads the same on the command line.
#[test]
fn actors_by_at_sign_as_in_the_palette() {
    let with_at = stdout(&quipu(&["@fuji"]));
    assert_eq!(with_at, stdout(&quipu(&["fuji"])));
    assert!(
        with_at
            .lines()
            .next()
            .unwrap()
            .ends_with("\tfujimori\tAlberto Fujimori"),
        "{with_at}"
    );
}

#[test]
fn limit_caps_lines() {
    let output = quipu(&["--limit", "2", "e"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output).lines().count(), 2);
}

#[test]
fn nothing_found_exits_1() {
    let output = quipu(&["zzxqj"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
}

#[test]
fn unreadable_file_exits_2() {
    let output = quipu(&["fuj", "/nonexistent/chronology.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/chronology.json"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(quipu(&[]).status.code(), Some(2));
    assert_eq!(quipu(&["--limit", "0", "fuj"]).status.code(), Some(2));
    assert_eq!(quipu(&["--limit", "x", "fuj"]).status.code(), Some(2));
}

#[test]
fn invalid_file_prints_diagnostics_and_exits_1() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(b"{ \"quipu\": 1, \"title\": ").unwrap();
    let path = file.path().to_str().unwrap().to_owned();
    let output = quipu(&["fuj", &path]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("{path}:1:")), "{stderr}");
    assert!(stderr.contains("error"), "{stderr}");
}

#[test]
fn searches_a_given_file() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(
        r#"{ "quipu": 1, "title": "T",
              "actors": [ { "id": "asu", "name": "Asunción Plain", "kind": "person" } ] }"#
            .as_bytes(),
    )
    .unwrap();
    let output = quipu(&["asuncion", file.path().to_str().unwrap()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout(&output).contains("\tasu\tAsunción Plain"));
}
