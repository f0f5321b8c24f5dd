//! Damaged files: valid chronologies mutated byte by byte and value by value. Whatever the damage,
//! the loader must answer with a chronology or with at least one error that points inside the
//! file, never panic, and never point at a line or column that does not exist.

use std::io::Write as _;
use std::sync::OnceLock;
use std::time::Instant;

use proptest::prelude::*;
use proptest::sample::Index;
use quipu::app::{Action, App, update};
use quipu::model::load::MAX_FILE_BYTES;
use quipu::model::{Checked, Chronology, Report};
use quipu::ui::theme::Theme;
use quipu::ui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;

/// The valid files the mutations start from: the shipped chronology and the valid fixtures.
fn seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut seeds = vec![quipu::model::load::SHIPPED_JSON.to_owned()];
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid");
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .expect("fixtures/valid exists")
            .map(|entry| entry.expect("readable dir entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        paths.sort();
        for path in paths {
            seeds.push(std::fs::read_to_string(&path).expect("fixture is UTF-8"));
        }
        assert!(seeds.len() >= 5, "expected the valid fixtures: {seeds:?}");
        // The same content as other programs write it: Windows line ends, and minified.
        let space_race = seeds.iter().find(|s| s.contains("Sputnik")).cloned();
        if let Some(src) = space_race {
            seeds.push(src.replace('\n', "\r\n"));
            let value: Value = serde_json::from_str(&src).expect("fixture is JSON");
            seeds.push(serde_json::to_string(&value).unwrap());
        }
        seeds
    })
}

/// The property every answer must have: a chronology, or at least one error; and every
/// diagnostic (warnings too) at a real position of `src`.
fn assert_well_reported(src: &str, checked: &Checked) {
    let lines: Vec<&str> = src.split('\n').collect();
    for d in &checked.diagnostics {
        assert!(
            d.line >= 1 && d.column >= 1,
            "position {}:{} is not 1-based: {d:?}",
            d.line,
            d.column
        );
        assert!(
            d.line <= lines.len(),
            "line {} past the end ({} lines): {d:?}",
            d.line,
            lines.len()
        );
        let width = lines[d.line - 1].chars().count();
        assert!(
            d.column <= width + 1,
            "column {} past the end of line {} ({width} chars): {d:?}",
            d.column,
            d.line
        );
        assert!(!d.message.trim().is_empty(), "empty message: {d:?}");
    }
    let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
    match &checked.chronology {
        Some(_) => assert_eq!(errors, 0, "a chronology despite errors: {checked:?}"),
        None => assert!(errors > 0, "refused without saying why"),
    }
}

fn check_text(src: &str) {
    let checked = Chronology::check(src);
    assert_well_reported(src, &checked);
    // `quipu check` does not build the chronology; it must say exactly what building would.
    assert_eq!(Chronology::report(src), Report::of(&checked));
    if let Some(chronology) = checked.chronology {
        explore(chronology);
    }
}

/// A damaged file that still loads must also be shown: the explorer's first screens, the last
/// event, its chain and the actors, drawn without a panic.
fn explore(chronology: Chronology) {
    let mut app = App::new(chronology);
    let theme = Theme::monochrome();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    update(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    for action in [
        Action::SelectLast,
        Action::OpenChain,
        Action::SelectLast,
        Action::FollowLink,
        Action::OpenActors,
        Action::SelectLast,
        Action::FilterByActor,
        Action::NextEra,
        Action::Back,
    ] {
        let asked = update(&mut app, action);
        quipu::tui::filter::run_now(&mut app, asked);
        terminal.draw(|frame| view(&app, &theme, frame)).unwrap();
    }
}

/// Bytes that are not UTF-8 take the file path, where the loader reports the encoding.
fn check_bytes(bytes: &[u8]) {
    match std::str::from_utf8(bytes) {
        Ok(src) => check_text(src),
        Err(_) => {
            let mut file = tempfile::NamedTempFile::new().unwrap();
            file.write_all(bytes).unwrap();
            let checked = Chronology::check_path(file.path()).expect("a small file is read");
            assert!(checked.chronology.is_none(), "non-UTF-8 accepted");
            let text = String::from_utf8_lossy(bytes);
            assert_well_reported(&text, &checked);
        }
    }
}

/// One edit to the raw bytes.
#[derive(Debug, Clone)]
enum ByteEdit {
    Delete(Index, usize),
    Duplicate(Index, usize),
    Swap(Index, Index),
    Truncate(Index),
    Insert(Index, u8),
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    // Structural characters and a few troublemakers are likelier to change meaning than letters.
    let interesting = prop_oneof![
        prop::sample::select(b"{}[]\":,\\ \n\t0-e.".to_vec()),
        any::<u8>(),
    ];
    prop_oneof![
        (any::<Index>(), 1..16usize).prop_map(|(at, n)| ByteEdit::Delete(at, n)),
        (any::<Index>(), 1..64usize).prop_map(|(at, n)| ByteEdit::Duplicate(at, n)),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| ByteEdit::Swap(a, b)),
        any::<Index>().prop_map(ByteEdit::Truncate),
        (any::<Index>(), interesting).prop_map(|(at, b)| ByteEdit::Insert(at, b)),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &ByteEdit) {
    if bytes.is_empty() {
        if let ByteEdit::Insert(_, b) = edit {
            bytes.push(*b);
        }
        return;
    }
    let len = bytes.len();
    match edit {
        ByteEdit::Delete(at, n) => {
            let start = at.index(len);
            bytes.drain(start..(start + n).min(len));
        }
        ByteEdit::Duplicate(at, n) => {
            let start = at.index(len);
            let piece = bytes[start..(start + n).min(len)].to_vec();
            bytes.splice(start..start, piece);
        }
        ByteEdit::Swap(a, b) => bytes.swap(a.index(len), b.index(len)),
        ByteEdit::Truncate(at) => bytes.truncate(at.index(len)),
        ByteEdit::Insert(at, b) => bytes.insert(at.index(len + 1), *b),
    }
}

/// JSON pointers of every node of `value`, with the key or index that leads to each.
fn pointers(value: &Value, here: String, out: &mut Vec<(String, String)>, key: &str) {
    out.push((here.clone(), key.to_owned()));
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let escaped = k.replace('~', "~0").replace('/', "~1");
                pointers(v, format!("{here}/{escaped}"), out, k);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                // Inside a list the meaning comes from the list's key (`actors`, `consequences`).
                pointers(v, format!("{here}/{i}"), out, key);
            }
        }
        _ => {}
    }
}

fn parse_seed(seed: &Index) -> (String, Value) {
    let seeds = seeds();
    let src = seeds[seed.index(seeds.len())].clone();
    let value = serde_json::from_str(&src).expect("seed is JSON");
    (src, value)
}

/// Strings that make ids interesting: empty, duplicated, control characters, very long, unicode.
fn id_text() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::String(String::new())),
        "[a-z-]{1,12}".prop_map(Value::String),
        "\\PC{0,12}".prop_map(Value::String),
        "[\\x00-\\x1f\u{202e}a]{1,6}".prop_map(Value::String),
        Just(Value::String("x".repeat(5000))),
        any::<i64>().prop_map(Value::from),
        Just(Value::Null),
        Just(Value::Bool(true)),
        Just(serde_json::json!({"id": "nested"})),
        Just(serde_json::json!([])),
    ]
}

/// Dates people type, right and wrong: partial, out of range, intervals, approximate, garbage.
fn date_text() -> impl Strategy<Value = Value> {
    let part = "-?[0-9]{1,7}(-[0-9]{1,3}(-[0-9]{1,3})?)?[?~%]?";
    prop_oneof![
        part.prop_map(Value::String),
        (part, part).prop_map(|(a, b)| Value::String(format!("{a}/{b}"))),
        part.prop_map(|a| Value::String(format!("{a}/.."))),
        part.prop_map(|a| Value::String(format!("../{a}"))),
        "\\PC{0,16}".prop_map(Value::String),
        prop::sample::select(vec![
            "",
            "0000-00-00",
            "9999-12-31",
            "-9999999-01-01",
            "2000-02-30",
            "1900-02-29",
            "2000-13",
            "2000-00",
            "Y-1000000000",
            "Y170000002",
            "2000/1990",
            "1990/",
            "/",
            "..",
            "2000-21",
            "2000-24",
            "2000-40",
            "2001-02-29T10:00",
            "1e9",
            "١٩٩٠",
        ])
        .prop_map(|s| Value::String(s.to_owned())),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<i64>().prop_map(Value::from),
    ]
}

fn replace(value: &mut Value, pointer: &str, with: Value) {
    if pointer.is_empty() {
        *value = with;
    } else if let Some(slot) = value.pointer_mut(pointer) {
        *slot = with;
    }
}

fn to_text(value: &Value, pretty: bool) -> String {
    if pretty {
        serde_json::to_string_pretty(value).unwrap()
    } else {
        serde_json::to_string(value).unwrap()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn byte_damage_is_reported_or_harmless(
        seed in any::<Index>(),
        edits in prop::collection::vec(byte_edit(), 1..6),
    ) {
        let seeds = seeds();
        let mut bytes = seeds[seed.index(seeds.len())].clone().into_bytes();
        for edit in &edits {
            apply(&mut bytes, edit);
        }
        check_bytes(&bytes);
    }

    #[test]
    fn random_ids_and_references_are_reported(
        seed in any::<Index>(),
        picks in prop::collection::vec((any::<Index>(), any::<Index>(), id_text(), any::<bool>()), 1..6),
        pretty in any::<bool>(),
    ) {
        let (_, mut value) = parse_seed(&seed);
        let mut all = Vec::new();
        pointers(&value, String::new(), &mut all, "");
        let strings: Vec<Value> = all
            .iter()
            .filter_map(|(p, _)| value.pointer(p).filter(|v| v.is_string()).cloned())
            .collect();
        let ids: Vec<String> = all
            .iter()
            .filter(|(p, k)| {
                matches!(k.as_str(), "id" | "event" | "actor" | "source" | "actors" | "consequences" | "sources")
                    && value.pointer(p).is_some_and(|v| v.is_string())
            })
            .map(|(p, _)| p.clone())
            .collect();
        for (target, other, fresh, reuse) in picks {
            let Some(pointer) = (!ids.is_empty()).then(|| ids[target.index(ids.len())].clone()) else {
                break;
            };
            // Reusing another string of the file makes duplicates and links to the wrong thing.
            let with = if reuse && !strings.is_empty() {
                strings[other.index(strings.len())].clone()
            } else {
                fresh
            };
            replace(&mut value, &pointer, with);
        }
        check_text(&to_text(&value, pretty));
    }

    #[test]
    fn random_dates_are_reported(
        seed in any::<Index>(),
        picks in prop::collection::vec((any::<Index>(), date_text()), 1..6),
        pretty in any::<bool>(),
    ) {
        let (_, mut value) = parse_seed(&seed);
        let mut all = Vec::new();
        pointers(&value, String::new(), &mut all, "");
        let dates: Vec<String> = all
            .iter()
            .filter(|(p, k)| k == "date" && !p.is_empty())
            .map(|(p, _)| p.clone())
            .collect();
        // Files without dates (minimal.json) get an event with one.
        if dates.is_empty() {
            value["events"] = serde_json::json!([{"id": "e", "date": "2000", "title": "t"}]);
        }
        for (target, with) in picks {
            let pointer = if dates.is_empty() {
                "/events/0/date".to_owned()
            } else {
                dates[target.index(dates.len())].clone()
            };
            replace(&mut value, &pointer, with);
        }
        check_text(&to_text(&value, pretty));
    }

    #[test]
    fn random_nesting_is_reported(
        seed in any::<Index>(),
        target in any::<Index>(),
        shape in prop::collection::vec(any::<bool>(), 1..300),
        pretty in any::<bool>(),
    ) {
        let (_, mut value) = parse_seed(&seed);
        let mut all = Vec::new();
        pointers(&value, String::new(), &mut all, "");
        let (pointer, _) = all[target.index(all.len())].clone();
        let mut wrapped = value.pointer(&pointer).cloned().unwrap_or(Value::Null);
        for &array in &shape {
            wrapped = if array {
                Value::Array(vec![wrapped])
            } else {
                serde_json::json!({ "k": wrapped })
            };
        }
        replace(&mut value, &pointer, wrapped);
        // serde_json's own writer recurses too, but 300 levels is well within the stack.
        check_text(&to_text(&value, pretty));
    }

    #[test]
    fn values_of_the_wrong_type_are_reported(
        seed in any::<Index>(),
        picks in prop::collection::vec((any::<Index>(), id_text()), 1..4),
    ) {
        let (_, mut value) = parse_seed(&seed);
        let mut all = Vec::new();
        pointers(&value, String::new(), &mut all, "");
        for (target, with) in picks {
            let (pointer, _) = &all[target.index(all.len())];
            replace(&mut value, pointer, with);
        }
        check_text(&to_text(&value, true));
    }
}

/// serde_json stops at 128 levels; far deeper input must still be an error, not a stack overflow.
#[test]
fn very_deep_nesting_is_an_error_not_a_crash() {
    let depth = 100_000;
    let whole = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    check_text(&whole);
    let unclosed = "{".repeat(depth);
    check_text(&unclosed);
    let in_a_field = format!(
        "{{\"quipu\": 1, \"title\": {}\"x\"{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    check_text(&in_a_field);
    let in_an_event = format!(
        "{{\"quipu\": 1, \"title\": \"t\", \"events\": [{{\"id\": \"e\", \"date\": \"2000\", \"title\": \"t\", \"summary\": {}1{}}}]}}",
        "{\"a\":".repeat(depth),
        "}".repeat(depth)
    );
    check_text(&in_an_event);
}

/// Every prefix of a small file, each cut a different kind of truncation.
#[test]
fn every_truncation_of_a_fixture_is_reported() {
    let src = seeds()
        .iter()
        .find(|s| s.contains("日本"))
        .expect("the unicode fixture, where cuts can fall inside wide characters' lines");
    for (at, _) in src.char_indices() {
        check_text(&src[..at]);
    }
}

/// A file over the limit is refused from its size alone: a sparse file of 1 GiB + 1 byte is
/// answered at once, which would be impossible if it were read.
#[test]
fn a_file_over_the_limit_is_refused_without_reading_it() {
    let file = tempfile::NamedTempFile::new().unwrap();
    file.as_file().set_len(MAX_FILE_BYTES + 1).unwrap();
    let start = Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quipu"))
        .arg("check")
        .arg(file.path())
        .output()
        .unwrap();
    let took = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "exit status; stderr: {stderr}");
    assert!(stderr.contains("1 GiB"), "the limit is named: {stderr}");
    assert!(
        stderr.contains(&file.path().display().to_string()),
        "the file is named: {stderr}"
    );
    assert!(took.as_secs() < 5, "took {took:?}: the file was read");

    // The explorer refuses it the same way, before touching the terminal.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quipu"))
        .arg(file.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "stderr: {stderr}");
    assert!(stderr.contains("1 GiB"), "the limit is named: {stderr}");
    assert!(out.stdout.is_empty(), "nothing drawn");
}

/// A million events load, sorted and indexed. The events are written newest first so the loader
/// has real sorting to do, and each links to the next one in time, so the links form one chain a
/// million long (a recursive walk over it would overflow the stack).
///
/// About 25 s of CPU in a debug build, most of a warm `cargo test`: so the default run leaves it
/// out and CI (`.ci/run`) runs it with `cargo test -- --ignored`, to show that a million events
/// load. (`--release` runs it in a second or two, after building every test target anew.)
#[test]
#[ignore = "a million events, 25 s unoptimised: `cargo test -- --ignored` runs it, as CI does"]
fn a_million_events_load() {
    use std::fmt::Write as _;
    let n = 1_000_000;
    let mut src = String::with_capacity(n * 110);
    src.push_str(
        "{\"quipu\":1,\"title\":\"A million\",\"actors\":[{\"id\":\"a\",\"name\":\"A\",\"kind\":\"person\"}],\"events\":[",
    );
    for k in (0..n).rev() {
        let year = 1000 + k / 1000;
        let month = 1 + (k % 1000) / 84;
        let _ = write!(
            src,
            "{{\"id\":\"e{k}\",\"date\":\"{year}-{month:02}\",\"title\":\"Event {k}\",\"actors\":[\"a\"]"
        );
        if k + 1 < n {
            let _ = write!(src, ",\"consequences\":[\"e{}\"]", k + 1);
        }
        src.push_str(if k == 0 { "}" } else { "}," });
    }
    src.push_str("]}");
    let start = Instant::now();
    let checked = Chronology::check(&src);
    let took = start.elapsed();
    eprintln!("{} MiB, {n} events checked in {took:?}", src.len() >> 20);
    assert!(
        checked.diagnostics.is_empty(),
        "first diagnostics: {:?}",
        &checked.diagnostics[..checked.diagnostics.len().min(3)]
    );
    let chronology = checked.chronology.expect("a valid file loads");
    assert_eq!(chronology.events.len(), n);
    assert!(
        chronology
            .events
            .windows(2)
            .all(|w| w[0].date.earliest <= w[1].date.earliest),
        "events sorted in time"
    );
    assert_eq!(chronology.events_of(0).len(), n);
    assert_eq!(chronology.link_count(), n - 1);
}

/// Characters a terminal acts on rather than shows.
fn is_dangerous(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Small files whose diagnostics quote the file's own text: a field name, a kind, an id, a
/// reference, a date. Each carries a terminal escape where the quoted text comes from.
const QUOTING: [(&str, &str); 7] = [
    (
        "unknown field",
        r#"{"quipu": 1, "title": "t", "x\u001b]0;pwned\u0007": 1}"#,
    ),
    (
        "unknown actor kind",
        r#"{"quipu": 1, "title": "t", "actors": [{"id": "a", "name": "A", "kind": "p\u001b]0;pwned\u0007"}]}"#,
    ),
    (
        "unknown actor",
        r#"{"quipu": 1, "title": "t", "events": [{"id": "e", "date": "2000", "title": "x", "actors": ["z\u001b]0;pwned\u0007"]}]}"#,
    ),
    (
        "unknown consequence",
        r#"{"quipu": 1, "title": "t", "events": [{"id": "e", "date": "2000", "title": "x", "consequences": ["q\u202eq"]}]}"#,
    ),
    (
        "unknown source",
        r#"{"quipu": 1, "title": "t", "events": [{"id": "e", "date": "2000", "title": "x", "sources": ["s\u009b2J"]}]}"#,
    ),
    (
        "invalid date",
        r#"{"quipu": 1, "title": "t", "events": [{"id": "e", "date": "20\u001b[2J00", "title": "x"}]}"#,
    ),
    (
        "duplicate id",
        r#"{"quipu": 1, "title": "t", "actors": [{"id": "a\u0007", "name": "A", "kind": "person"}, {"id": "a\u0007", "name": "B", "kind": "person"}]}"#,
    ),
];

/// Diagnostics are printed to the terminal by `quipu check` and by `quipu FILE` on refusal, so
/// text they quote from the file must be as clean as the text the explorer shows.
#[test]
fn diagnostics_quote_the_file_without_its_escapes() {
    let mut leaks = Vec::new();
    for (what, src) in QUOTING {
        let checked = Chronology::check(src);
        assert!(checked.chronology.is_none(), "{what}: accepted");
        for d in &checked.diagnostics {
            let quoted = [Some(&d.message), d.help.as_ref(), d.path.as_ref()];
            if quoted.iter().flatten().any(|t| t.chars().any(is_dangerous)) {
                leaks.push(format!("{what}: {:?}", d.render("f.json")));
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "escapes in diagnostics:\n{}",
        leaks.join("\n")
    );
}

/// The same cases, each minimal, pass the rest of the diagnostics contract today.
#[test]
fn quoting_cases_are_refused_at_a_real_position() {
    for (_, src) in QUOTING {
        check_text(src);
    }
}
