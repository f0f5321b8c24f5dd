//! `quipu new FILE` as a reader runs it: the file it writes loads with `quipu check` and gives
//! no diagnostic, the schema its `$schema` names is written beside it and accepts it, an
//! existing file is never written over, and the messages say how to open what was written.

use std::path::Path;
use std::process::Command;

fn quipu(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_quipu"))
        .args(args)
        .current_dir(dir)
        // No config file of the machine's: the default key table names the keys.
        .env("XDG_CONFIG_HOME", dir)
        .output()
        .expect("quipu runs");
    (
        out.status.code().expect("an exit code"),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn it_writes_a_chronology_that_checks_clean_and_says_how_to_open_it() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = quipu(dir.path(), &["new", "history.json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "", "the messages go to stderr");
    assert!(err.starts_with("wrote history.json: "), "{err}");
    assert!(err.contains("`quipu history.json`"), "{err}");
    assert!(err.contains("keep it open beside your editor"), "{err}");
    assert!(err.contains("E edits the selected event"), "{err}");

    // `quipu check` semantics: valid, and not a single warning either.
    let (code, out, err) = quipu(dir.path(), &["check", "history.json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out, "history.json: ok: 2 events, 1 actor, 1 link\n");
    let text = std::fs::read_to_string(dir.path().join("history.json")).unwrap();
    let checked = quipu::model::Chronology::check(&text);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
}

#[test]
fn the_schema_it_names_is_written_beside_it_and_accepts_it() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = quipu(dir.path(), &["new", "history.json"]);
    assert_eq!(code, 0, "{err}");
    let read = |name: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(dir.path().join(name)).unwrap()).unwrap()
    };
    let file = read("history.json");
    let schema_name = file["$schema"].as_str().expect("a $schema path");
    let schema = read(schema_name);
    let validator = jsonschema::draft202012::new(&schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&file)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn it_never_writes_over_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.json");
    std::fs::write(&path, "my own work").unwrap();
    let (code, out, err) = quipu(dir.path(), &["new", "mine.json"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(out, "");
    assert_eq!(
        err,
        "mine.json: error: the file already exists, and quipu new never writes over a file\n  help: choose another name, or open this one: `quipu mine.json`\n"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my own work");
    assert!(
        !dir.path().join("quipu.schema.json").exists(),
        "nothing is written when the file is refused"
    );
}

/// `quipu new .` once suggested opening `.`: a folder is refused with a file name to use.
#[test]
fn a_folder_is_refused_with_a_file_to_name_instead() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = quipu(dir.path(), &["new", "."]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(out, "");
    assert_eq!(
        err,
        ".: error: this is a folder; quipu new writes a file\n  help: name the file to write, e.g. `quipu new ./chronology.json`\n"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn a_schema_already_there_is_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("quipu.schema.json");
    std::fs::write(&schema, "{}").unwrap();
    let (code, _, err) = quipu(dir.path(), &["new", "second.json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&schema).unwrap(), "{}");
    assert!(!err.contains("quipu.schema.json"), "{err}");
}

#[test]
fn a_folder_that_is_not_there_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = quipu(dir.path(), &["new", "nowhere/new.json"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("nowhere/new.json: error: cannot write the file: "),
        "{err}"
    );
}

#[test]
fn a_dash_writes_the_chronology_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = quipu(dir.path(), &["new", "-"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, quipu::cli::new::STARTER);
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn a_name_with_spaces_is_quoted_in_the_command_to_open_it() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = quipu(dir.path(), &["new", "my notes.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("`quipu 'my notes.json'`"), "{err}");
}
