//! Nothing quipu prints sends a file's (or a file name's) escape sequences to the terminal: paths,
//! CSV header cells and cells quoted in import notes, ids given on the command line, arguments
//! clap refuses. Every payload in every place, output checked byte for byte.

use std::path::{Path, PathBuf};
use std::process::Command;

use quipu::text::needs_cleaning;

/// ESC, CSI, OSC, the C1 forms of CSI, OSC and ST, BEL, carriage return, bidi overrides.
const PAYLOADS: &[&str] = &[
    "\u{1b}[2J",
    "\u{1b}]0;pwned\u{7}",
    "\u{1b}]8;;evil\u{1b}\\",
    "\u{9b}31m",
    "\u{9d}0;pwned\u{9c}",
    "\u{85}",
    "\u{7}",
    "\r",
    "\u{202e}",
    "\u{2066}",
    "\u{200f}",
];

fn quipu(args: &[&std::ffi::OsStr]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_quipu"))
        .args(args)
        .output()
        .expect("run quipu");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Nothing that needs cleaning but the newlines between lines, and the payload shown escaped
/// (in any case: CSV headers are read lower-cased; and a cell of ids is split at `;`).
fn assert_inert(said: &str, payload: &str, what: &str) {
    assert_clean(said, what);
    // Notes quote some cells as Rust string literals (`"19\r90"`): escaped too.
    let shown = [
        quipu::text::escape_controls(payload).to_lowercase(),
        payload.escape_debug().to_string().to_lowercase(),
    ];
    let said = said.to_lowercase();
    assert!(
        shown
            .iter()
            .any(|escaped| escaped.split(';').all(|piece| said.contains(piece))),
        "{what}: the payload is not shown escaped ({shown:?}):\n{said}"
    );
}

/// Nothing that needs cleaning but the newlines between lines.
fn assert_clean(said: &str, what: &str) {
    let raw: Vec<char> = said
        .chars()
        .filter(|&c| needs_cleaning(c) && c != '\n')
        .collect();
    assert!(raw.is_empty(), "{what}: raw {raw:?} in\n{said:?}");
}

fn write(dir: &Path, name: String, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const VALID: &str = r#"{"quipu": 1, "title": "t", "actors": [{"id": "a", "name": "A"}],
  "events": [{"id": "e", "date": "1990", "title": "E", "actors": ["a"]}]}"#;
const INVALID: &str =
    r#"{"quipu": 1, "title": "t", "events": [{"id": "e", "date": "x", "title": "E"}]}"#;

#[test]
fn file_names_are_printed_escaped_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    for (n, &payload) in PAYLOADS.iter().enumerate() {
        let valid = write(dir.path(), format!("v{n}{payload}.json"), VALID);
        let invalid = write(dir.path(), format!("i{n}{payload}.json"), INVALID);
        let missing = dir.path().join(format!("m{n}{payload}.json"));
        let os = |p: &Path| p.as_os_str().to_owned();
        let cases: Vec<(&str, Vec<std::ffi::OsString>)> = vec![
            ("check summary", vec!["check".into(), os(&valid)]),
            (
                "check --timings",
                vec!["check".into(), "--timings".into(), os(&valid)],
            ),
            ("check diagnostics", vec!["check".into(), os(&invalid)]),
            ("check missing", vec!["check".into(), os(&missing)]),
            (
                "export missing",
                vec!["export".into(), "--to".into(), "json".into(), os(&missing)],
            ),
            (
                "export invalid",
                vec!["export".into(), "--to".into(), "json".into(), os(&invalid)],
            ),
            ("import missing", vec!["import".into(), os(&missing)]),
            (
                "search missing",
                vec!["search".into(), "a".into(), os(&missing)],
            ),
            ("explorer missing", vec![os(&missing)]),
            ("explorer invalid", vec![os(&invalid)]),
        ];
        for (what, args) in cases {
            let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
            assert_inert(&quipu(&args), payload, what);
        }
    }
}

#[test]
fn csv_cells_and_headers_are_printed_escaped() {
    let dir = tempfile::tempdir().unwrap();
    for (n, &payload) in PAYLOADS.iter().enumerate() {
        let sheets = [
            (
                "unknown column",
                format!("id,date,title,\"x{payload}y\"\na,1990,A,1\n"),
            ),
            (
                "undatable row",
                format!("id,date,title\na,1990,A\nb,\"19{payload}90\",B\n"),
            ),
            (
                "dangling consequence",
                format!("id,date,title,consequences\na,1990,A,\"z{payload}z\"\n"),
            ),
            (
                "bad date part",
                format!("Year,Month,Headline\n1990,\"1{payload}2\",A\n"),
            ),
            ("no layout", format!("\"what{payload}now\",ever\n1,2\n")),
        ];
        for (what, sheet) in sheets {
            let file = write(dir.path(), format!("s{n}.csv"), &sheet);
            let said = quipu(&["import".as_ref(), file.as_os_str()]);
            assert_inert(&said, payload, what);
        }
    }
}

#[test]
fn arguments_are_printed_escaped() {
    for &payload in PAYLOADS {
        let id = format!("x{payload}");
        assert_inert(
            &quipu(&[
                "export".as_ref(),
                "--to".as_ref(),
                "json".as_ref(),
                "--actor".as_ref(),
                id.as_ref(),
            ]),
            payload,
            "unknown actor",
        );
        // clap drops some sequences itself; whatever is left must be escaped.
        assert_clean(
            &quipu(&["export".as_ref(), "--to".as_ref(), id.as_ref()]),
            "clap's error",
        );
    }
}
