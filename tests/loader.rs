//! The loader on small inline documents: order, indexes, and where diagnostics point.

use proptest::prelude::*;
use quipu::model::{Chronology, Diagnostic, Severity};

const SMALL: &str = r#"{
  "quipu": 1,
  "title": "Small",
  "sources": [{"id": "s", "title": "A source"}],
  "actors": [
    {"id": "a", "name": "Ana", "kind": "person"},
    {"id": "b", "name": "Bolivia", "kind": "state", "aliases": ["BO"]}
  ],
  "eras": [{"id": "e", "title": "Era", "date": "1990/1991"}],
  "events": [
    {"id": "late", "date": "1992-04-05", "title": "Late", "actors": ["a"]},
    {"id": "early", "date": "1990-05", "title": "Early",
     "actors": ["a", {"actor": "b", "role": "host"}],
     "consequences": ["late", {"event": "middle", "note": "because"}],
     "sources": [{"source": "s", "locator": "p. 1"}]},
    {"id": "middle", "date": "1991", "title": "Middle", "actors": ["b"], "consequences": ["late"]}
  ]
}"#;

fn errors(src: &str) -> Vec<Diagnostic> {
    Chronology::from_str(src)
        .expect_err("should be invalid")
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect()
}

#[test]
fn events_are_sorted_in_time_and_indexed() {
    let c = Chronology::from_str(SMALL).unwrap();
    let ids: Vec<&str> = c.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["early", "middle", "late"]);
    assert_eq!(c.event_ix("late"), Some(2));
    assert_eq!(c.actor_ix("b"), Some(1));
    assert_eq!(c.events_of(0), &[0, 2]);
    assert_eq!(c.events_of(1), &[0, 1]);
    assert_eq!(c.link_count(), 3);
}

#[test]
fn causes_are_the_reverse_of_consequences_with_notes() {
    let c = Chronology::from_str(SMALL).unwrap();
    let late = &c.events[2];
    let causes: Vec<usize> = late.causes.iter().map(|l| l.event).collect();
    assert_eq!(causes, [0, 1]);
    let middle = &c.events[1];
    assert_eq!(middle.causes[0].event, 0);
    assert_eq!(middle.causes[0].note.as_deref(), Some("because"));
    assert_eq!(c.events[0].actors[1].role.as_deref(), Some("host"));
    assert_eq!(c.events[0].sources[0].locator.as_deref(), Some("p. 1"));
}

#[test]
fn era_at_finds_the_era_of_a_day() {
    let c = Chronology::from_str(SMALL).unwrap();
    let day = quipu::model::date::day_number(1991, 6, 1);
    assert_eq!(c.era_at(day), Some(0));
}

#[test]
fn every_structural_error_is_reported_not_just_the_first() {
    let src = "{\"quipu\": 1, \"title\": \"t\", \"events\": [\n  {\"id\": \"a\", \"date\": \"1990\", \"titel\": \"x\"},\n  {\"id\": 5, \"date\": \"1990\", \"title\": \"y\"}\n]}";
    let found = errors(src);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        (found[0].line, found[0].message.as_str()),
        (2, "unknown field `titel`")
    );
    assert!(
        found[0]
            .help
            .as_deref()
            .unwrap()
            .contains("did you mean `title`?")
    );
    assert_eq!(found[0].path.as_deref(), Some("events[0]"));
    assert_eq!(found[1].line, 3);
    assert_eq!(found[1].path.as_deref(), Some("events[1].id"));
}

#[test]
fn semantic_errors_point_at_the_offending_value() {
    let src = "{\"quipu\": 1, \"title\": \"t\",\n \"actors\": [{\"id\": \"fujimori\", \"name\": \"F\"}],\n \"events\": [\n  {\"id\": \"a\", \"date\": \"1990\", \"title\": \"x\",\n   \"actors\": [\"fujimory\"]}\n]}";
    let found = errors(src);
    assert_eq!(found.len(), 1);
    let d = &found[0];
    assert_eq!((d.line, d.column), (5, 15));
    assert_eq!(d.path.as_deref(), Some("events[0].actors[0]"));
    assert_eq!(d.message, "unknown actor `fujimory`");
    assert_eq!(d.help.as_deref(), Some("did you mean `fujimori`?"));
}

#[test]
fn cycles_are_printed_as_chains() {
    let src = r#"{"quipu": 1, "title": "t", "actors": [{"id": "x", "name": "X"}], "events": [
      {"id": "a", "date": "1990", "title": "A", "actors": ["x"], "consequences": ["b"]},
      {"id": "b", "date": "1990", "title": "B", "actors": ["x"], "consequences": ["a"]}]}"#;
    let found = errors(src);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].message, "causal cycle: a → b → a");
}

#[test]
fn wrong_version_is_the_one_thing_said() {
    let found = errors(r#"{"quipu": 2, "title": "t", "timeline": []}"#);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "unsupported format version 2");
}

/// A version is shown as the file writes it: one past u64 is not turned into a float, and a
/// long one is cut short.
#[test]
fn a_wrong_version_is_shown_as_written() {
    let huge = errors(r#"{"quipu": 18446744073709551616, "title": "t", "events": []}"#);
    assert_eq!(
        huge[0].message,
        "unsupported format version 18446744073709551616"
    );
    let long = format!(
        r#"{{"quipu": 1{}, "title": "t", "events": []}}"#,
        "0".repeat(100)
    );
    assert_eq!(
        errors(&long)[0].message,
        format!("unsupported format version 1{}…", "0".repeat(39))
    );
}

#[test]
fn warnings_do_not_make_a_file_invalid() {
    let src = r#"{"quipu": 1, "title": "t\u001b]0;x\u0007", "events": [{"id": "a", "date": "1990", "title": "A"}]}"#;
    let checked = Chronology::check(src);
    let c = checked.chronology.expect("valid");
    assert_eq!(c.title, "t");
    let kinds: Vec<Severity> = checked.diagnostics.iter().map(|d| d.severity).collect();
    assert_eq!(kinds, [Severity::Warning, Severity::Warning]);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    assert!(Chronology::from_str("\u{feff}{\"quipu\": 1, \"title\": \"t\"}").is_ok());
}

#[test]
fn empty_and_garbage_input_are_errors_not_panics() {
    assert_eq!(errors("").len(), 1);
    assert_eq!(errors("   \n").len(), 1);
    assert!(!errors("\u{0}\u{1}binary").is_empty());
    assert!(!errors("[]").is_empty());
    let deep = format!(
        "{{\"quipu\": 1, \"title\": \"t\", \"events\": [{}",
        "[".repeat(100_000)
    );
    assert!(errors(&deep)[0].message.starts_with("EOF while parsing"));
    let closed = format!("{}]}}", deep.clone() + &"]".repeat(100_000));
    assert!(!errors(&closed).is_empty());
    let in_value = format!("{{\"quipu\": 1, \"title\": {}", "{\"a\":".repeat(100_000));
    assert!(!errors(&in_value).is_empty());
}

#[test]
fn the_shipped_chronology_loads() {
    let c = Chronology::shipped();
    assert!(!c.events.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn no_string_makes_the_loader_panic(src in ".{0,300}") {
        let _ = Chronology::check(&src);
    }
}

/// A large file reports every problem at its own event, in file order, located in its text (the
/// fast parse finds that there is a problem; the positions come from parsing it again).
#[test]
fn a_large_file_reports_problems_at_their_own_events() {
    use quipu::model::raw::{RawActorRef, RawChronology};
    use quipu_gen::{Generator, Layout, Spec};

    let json = Generator::new(Spec {
        events: 40_000,
        actors: 2_000,
        seed: 7,
    })
    .to_json(Layout::Compact);
    let mut raw: RawChronology = serde_json::from_str(&json).expect("generated JSON parses");
    raw.events[5].date = "1992-13-40".into();
    raw.events[25_000].actors = vec![RawActorRef::Id("nobody-at-all".into())];
    raw.events[39_999].title = "   ".into();
    let broken = serde_json::to_string_pretty(&raw).expect("serialises");

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.json");
    std::fs::write(&path, &broken).expect("write");
    let errors = match Chronology::from_path(&path) {
        Err(quipu::model::LoadError::Invalid { diagnostics, .. }) => diagnostics,
        other => panic!("expected three errors, got {other:?}"),
    };
    let paths: Vec<&str> = errors.iter().filter_map(|d| d.path.as_deref()).collect();
    assert_eq!(
        paths,
        [
            "events[5].date",
            "events[25000].actors[0]",
            "events[39999].title"
        ],
        "{errors:#?}"
    );
    assert!(errors[1].message.contains("unknown actor `nobody-at-all`"));
    // Positions come from the text: each points into its own event's line range.
    assert!(errors[0].line < errors[1].line && errors[1].line < errors[2].line);
}

/// The explorer's loading screen shows each stage as it begins, in order; a file that fails to
/// parse never reaches the later ones.
#[test]
fn loading_tells_each_stage_as_it_begins() {
    use quipu::model::Stage;
    use std::cell::RefCell;
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.json");
    std::fs::write(&good, quipu::model::load::SHIPPED_JSON).unwrap();
    let told = RefCell::new(Vec::new());
    let tell = |stage: Stage| told.borrow_mut().push(stage);
    quipu::interchange::load_any_telling(&good, &tell).expect("the shipped chronology loads");
    assert_eq!(told.take(), Stage::ALL.to_vec());

    // An imported file is parsed twice (its own format, then the quipu JSON it becomes) and
    // still ends with building.
    let csv = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interchange/simple.csv");
    quipu::interchange::load_any_telling(&csv, &tell).expect("the sample imports");
    assert_eq!(
        told.take(),
        vec![
            Stage::Reading,
            Stage::Parsing,
            Stage::Parsing,
            Stage::Checking,
            Stage::Building
        ]
    );

    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"quipu\": 1, \"title\": ").unwrap();
    assert!(quipu::interchange::load_any_telling(&broken, &tell).is_err());
    assert_eq!(told.take(), vec![Stage::Reading, Stage::Parsing]);
}

fn basis() -> impl Strategy<Value = quipu::model::Basis> {
    prop::sample::select(quipu::model::Basis::ALL.to_vec())
}

proptest! {
    /// Any basis on any link and event, with or without a note and aliases, is written out and
    /// read back as it was; the default is not written.
    #[test]
    fn basis_and_aliases_round_trip_through_the_file(
        event_basis in basis(),
        link_basis in basis(),
        note in proptest::option::of("[a-z ()]{0,20}"),
        aliases in prop::collection::vec("[a-zA-Zé ]{1,12}", 0..3),
    ) {
        use quipu::model::raw::{RawChronology, RawEvent, RawEventNote, RawEventRef};
        let raw = RawChronology {
            quipu: 1,
            title: "t".into(),
            events: vec![
                RawEvent {
                    id: "a".into(),
                    date: "1990".into(),
                    title: "A".into(),
                    aliases: aliases.clone(),
                    basis: event_basis,
                    consequences: vec![RawEventRef::Full(RawEventNote {
                        event: "b".into(),
                        basis: link_basis,
                        note,
                    })],
                    ..RawEvent::default()
                },
                RawEvent { id: "b".into(), date: "1991".into(), title: "B".into(), ..RawEvent::default() },
            ],
            ..RawChronology::default()
        };
        let json = serde_json::to_string_pretty(&raw).unwrap();
        let loaded = Chronology::from_str(&json).unwrap_or_else(|d| panic!("{d:?}\n{json}"));
        let a = &loaded.events[loaded.event_ix("a").unwrap()];
        prop_assert_eq!(a.basis, event_basis);
        prop_assert_eq!(&a.aliases[..], &aliases[..]);
        prop_assert_eq!(a.consequences[0].basis, link_basis);
        let b = &loaded.events[loaded.event_ix("b").unwrap()];
        prop_assert_eq!(b.causes[0].basis, link_basis, "both ends of a link agree");
        prop_assert!(!json.contains("\"stated\""), "the default is not written:\n{}", json);
    }

    /// A basis that is not one of the three is refused where it stands, never taken for the
    /// default, on an event and on a link alike.
    #[test]
    fn an_unknown_basis_is_refused_at_its_place(wrong in "[a-zA-Z]{1,10}", on_link in any::<bool>()) {
        prop_assume!(!quipu::model::Basis::ALL.iter().any(|b| b.as_str() == wrong));
        let (event_basis, link_basis) = if on_link {
            (String::new(), format!(r#", "basis": "{wrong}""#))
        } else {
            (format!(r#", "basis": "{wrong}""#), String::new())
        };
        let src = format!(
            r#"{{"quipu": 1, "title": "t", "events": [
  {{"id": "a", "date": "1990", "title": "A"{event_basis}, "consequences": [{{"event": "b"{link_basis}}}]}},
  {{"id": "b", "date": "1991", "title": "B"}}
]}}"#
        );
        let checked = Chronology::check(&src);
        prop_assert!(checked.chronology.is_none());
        let error = checked
            .diagnostics
            .iter()
            .find(|d| d.message == format!("unknown basis `{wrong}`"));
        prop_assert!(error.is_some(), "{:?}", checked.diagnostics);
        let error = error.unwrap();
        prop_assert_eq!(error.line, 2);
        let path = if on_link { "events[0].consequences[0]" } else { "events[0].basis" };
        prop_assert_eq!(error.path.as_deref(), Some(path));
    }
}
