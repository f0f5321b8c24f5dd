//! `quipu list` and `export --query` as scripts see them: every format, every exit code, the
//! error line, standard input, and files quipu converts on the way in.

use std::io::Write;
use std::process::{Command, Stdio};

use quipu::model::Chronology;

fn quipu_with(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quipu"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run quipu");
    let mut input = child.stdin.take().expect("stdin");
    input
        .write_all(stdin.unwrap_or_default())
        .expect("write stdin");
    drop(input);
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().expect("exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn quipu(args: &[&str]) -> (i32, String, String) {
    quipu_with(args, None)
}

#[test]
fn tsv_is_one_event_a_line_in_time_order() {
    let (code, out, err) = quipu(&[
        "list",
        "downstream:self-coup -tag:economy",
        "--format",
        "tsv",
    ]);
    assert_eq!((code, err.as_str()), (0, ""));
    let c = Chronology::shipped();
    let expected = quipu::query::select(&c, "downstream:self-coup -tag:economy", 0).unwrap();
    assert_eq!(out.lines().count(), expected.len());
    for (line, &ix) in out.lines().zip(&expected) {
        let fields: Vec<&str> = line.split('\t').collect();
        let event = &c.events[ix];
        assert_eq!(
            fields,
            [
                event.id.as_str(),
                event.date.text.as_str(),
                &event.human_date(),
                event.title.as_str()
            ]
        );
    }
}

#[test]
fn the_table_aligns_date_title_and_id() {
    let (code, out, _) = quipu(&["list", "actor:FMI"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert!(!lines.is_empty());
    let id_column = |line: &str| {
        let id = line.rsplit(' ').next().unwrap();
        unicode_width::UnicodeWidthStr::width(&line[..line.len() - id.len()])
    };
    let first = id_column(lines[0]);
    assert!(lines.iter().all(|l| id_column(l) == first), "{out}");
    let imf = Chronology::shipped().actor_ix("imf").unwrap();
    assert_eq!(lines.len(), Chronology::shipped().events_of(imf).len());
}

#[test]
fn json_is_a_quipu_file_of_just_those_events() {
    let (code, out, _) = quipu(&["list", "tag:drugs", "--format", "json"]);
    assert_eq!(code, 0);
    let loaded = Chronology::from_str(&out).expect("a valid quipu file");
    let c = Chronology::shipped();
    let expected = quipu::query::select(&c, "tag:drugs", 0).unwrap();
    assert_eq!(loaded.events.len(), expected.len());
    assert!(
        loaded
            .events
            .iter()
            .all(|e| e.tags.iter().any(|t| t == "drugs"))
    );
}

#[test]
fn count_prints_the_number_and_nothing_is_exit_one() {
    let (code, out, _) = quipu(&["list", "colera", "--count"]);
    assert_eq!(code, 0);
    assert_eq!(out.trim().parse::<usize>().unwrap(), 1);
    let (code, out, err) = quipu(&["list", "zzzzqqq"]);
    assert_eq!((code, out.as_str(), err.as_str()), (1, "", ""));
    let (code, out, _) = quipu(&["list", "zzzzqqq", "--count"]);
    assert_eq!((code, out.as_str()), (1, "0\n"));
    let (code, out, _) = quipu(&["list", "--count"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.trim().parse::<usize>().unwrap(),
        Chronology::shipped().events.len(),
        "no query lists everything"
    );
}

#[test]
fn a_broken_query_is_exit_two_with_its_column_and_help() {
    let (code, out, err) = quipu(&["list", "tag:drugs date:1992-13"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.starts_with("quipu: query:11: error: `1992-13` is not a date"),
        "{err}"
    );
    assert!(err.contains("\n  help: "), "{err}");
    let (code, _, err) = quipu(&["list", "actor:fujimory"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `fujimori`?"), "{err}");
    let (code, _, err) = quipu(&["list", "actor:\"x\u{1b}[31m"]);
    assert_eq!(code, 2);
    assert!(
        !err.contains('\u{1b}'),
        "escapes in the query are not echoed raw: {err:?}"
    );
}

#[test]
fn an_unreadable_file_is_exit_two() {
    let (code, out, err) = quipu(&["list", "", "no/such/file.json"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("no/such/file.json"), "{err}");
    let (code, _, err) = quipu(&["list", "", "tests/fixtures/invalid/bad-event-basis.json"]);
    assert_eq!(code, 1, "an invalid file is 1, as in every command");
    assert!(err.contains("bad-event-basis.json:"), "{err}");
}

#[test]
fn standard_input_csv_and_timelinejs_are_read_like_check_reads_them() {
    let shipped = std::fs::read("assets/fujimori.json").unwrap();
    let (code, out, _) = quipu_with(&["list", "colera", "-", "--count"], Some(&shipped));
    assert_eq!((code, out.as_str()), (0, "1\n"));
    let (code, out, _) = quipu(&[
        "list",
        "ada",
        "tests/fixtures/timelinejs/women_in_computing.csv",
        "--format",
        "tsv",
    ]);
    assert_eq!(code, 0);
    assert!(out.starts_with("ada-lovelace\t"), "{out}");
    let (code, out, _) = quipu(&[
        "list",
        "",
        "tests/fixtures/timelinejs/women_in_computing.json",
        "--count",
    ]);
    assert_eq!(code, 0);
    assert!(out.trim().parse::<usize>().unwrap() > 0);
}

#[test]
fn export_query_selects_the_same_events_as_list() {
    let (code, out, err) = quipu(&[
        "export",
        "--to",
        "json",
        "--query",
        "actor:usa date:<1992-04-05",
    ]);
    assert_eq!(code, 0, "{err}");
    let (_, listed, _) = quipu(&["list", "actor:usa date:<1992-04-05", "--format", "json"]);
    assert_eq!(out, listed);
    let (code, _, err) = quipu(&["export", "--to", "dot", "--query", "(tag:drugs"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("quipu: query:1: error: this `(` is never closed"),
        "{err}"
    );
}

#[test]
fn a_file_given_as_the_query_gets_a_hint() {
    let (code, out, err) = quipu(&["list", "tests/fixtures/interchange/small.json"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(
        err.contains("is a file; to list it, give the query first"),
        "{err}"
    );
}

#[test]
fn a_closed_pipe_is_silent() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quipu"))
        .args(["list"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run quipu");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
}
