//! `quipu export` as a command: what a query, an actor or a starting event selects, in every
//! format, and its refusals.

use std::path::Path;

use quipu::cli::export::{ExportArgs, run_to};
use quipu::interchange::{Format, export};
use quipu::model::Chronology;

fn load(json: &str) -> Chronology {
    Chronology::from_str(json).unwrap_or_else(|diagnostics| {
        let rendered: Vec<String> = diagnostics.iter().map(|d| d.render("<export>")).collect();
        panic!("export does not load:\n{}\n{json}", rendered.join("\n"))
    })
}

fn run(args: &ExportArgs) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_to(args, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn args(to: Format) -> ExportArgs {
    ExportArgs {
        to,
        file: Some(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interchange/small.json"),
        ),
        output: None,
        actor: None,
        from: None,
        query: None,
    }
}

#[test]
fn the_command_exports_only_what_the_query_selects_in_every_format() {
    let selected = quipu::query::select(&Chronology::shipped(), "tag:drugs", 0).unwrap();
    assert!(!selected.is_empty());
    for format in [
        Format::Markdown,
        Format::Dot,
        Format::Json,
        Format::TimelineJs,
    ] {
        let (code, out, err) = run(&ExportArgs {
            file: None,
            query: Some("tag:drugs".into()),
            ..args(format)
        });
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            out,
            quipu::interchange::export_events(&Chronology::shipped(), &selected, format),
            "{format:?}"
        );
    }
}

#[test]
fn the_command_refuses_a_broken_query_with_its_column() {
    let (code, out, err) = run(&ExportArgs {
        query: Some("tag:drugs actr:ana".into()),
        ..args(Format::Json)
    });
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.starts_with("quipu: query:11: error: unknown key `actr`")
            && err.contains("did you mean `actor:`"),
        "{err}"
    );
}

#[test]
fn the_command_filters_by_actor_and_by_starting_event() {
    let (code, out, _) = run(&ExportArgs {
        actor: Some("ana".into()),
        from: Some("spring".into()),
        ..args(Format::Json)
    });
    assert_eq!(code, 0);
    let ids: Vec<String> = load(&out).events.iter().map(|e| e.id.to_string()).collect();
    assert_eq!(ids, ["spring", "span"]);
}

#[test]
fn the_command_suggests_a_near_id() {
    let (code, out, err) = run(&ExportArgs {
        actor: Some("anna".into()),
        ..args(Format::Dot)
    });
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("unknown actor `anna`") && err.contains("did you mean `ana`?"),
        "{err}"
    );
}

/// `--actor` takes an id; given a name, the refusal names the ids those words mean in a query.
#[test]
fn an_actor_given_by_name_is_answered_with_its_id() {
    let refusal = |actor: &str, shipped: bool| {
        let mut asked = ExportArgs {
            actor: Some(actor.into()),
            ..args(Format::Markdown)
        };
        if shipped {
            asked.file = None;
        }
        let (code, out, err) = run(&asked);
        assert_eq!((code, out.as_str()), (2, ""), "{err}");
        err
    };
    let one = refusal("the state", false);
    assert!(
        one.contains("help: --actor takes an id: by name that is `state` (The State)"),
        "{one}"
    );
    let shipped = refusal("usa", true);
    assert!(
        shipped.contains("by name that is `united-states` (United States)"),
        "{shipped}"
    );
    let none = refusal("zzzqqq", false);
    assert!(
        none.contains("`quipu search zzzqqq` on the same file"),
        "{none}"
    );

    let actors: Vec<String> = (1..=5)
        .map(|n| format!(r#"{{"id": "bank-{n}", "name": "Banco {n}", "kind": "organization"}}"#))
        .collect();
    let file = std::env::temp_dir().join(format!("quipu-export-banks-{}.json", std::process::id()));
    std::fs::write(
        &file,
        format!(
            r#"{{"quipu": 1, "title": "T", "actors": [{}], "events": [
                {{"id": "e", "date": "1990", "title": "E", "actors": ["bank-1"]}}]}}"#,
            actors.join(",")
        ),
    )
    .unwrap();
    let (code, _, several) = run(&ExportArgs {
        actor: Some("banco".into()),
        file: Some(file.clone()),
        ..args(Format::Markdown)
    });
    std::fs::remove_file(&file).unwrap();
    assert_eq!(code, 2);
    assert!(
        several.contains(
            "by name that could be `bank-1` (Banco 1), `bank-2` (Banco 2), `bank-3` (Banco 3) or 2 more; --query 'actor:banco' takes them all"
        ),
        "{several}"
    );
}

#[test]
fn the_command_exports_the_shipped_chronology_by_default_and_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("quipu.md");
    let (code, out, err) = run(&ExportArgs {
        file: None,
        output: Some(target.clone()),
        ..args(Format::Markdown)
    });
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    let written = std::fs::read_to_string(&target).unwrap();
    assert_eq!(written, export(&Chronology::shipped(), Format::Markdown));
}

#[test]
fn the_command_exports_an_imported_timeline_directly() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/timelinejs/eras.json");
    let (code, out, err) = run(&ExportArgs {
        file: Some(file),
        ..args(Format::Dot)
    });
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("subgraph \"cluster_era-test-600-650\""),
        "{out}"
    );
}

/// The reading order of docs/FORMAT.md, as the exports write it.
#[test]
fn exports_list_events_in_the_reading_order() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/reading-order.json");
    let chronology = Chronology::from_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let expected = [
        "early-1991",
        "march-1992",
        "before-coup",
        "coup",
        "reaction",
    ];
    let ids: Vec<&str> = chronology.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, expected);

    let in_order = |text: &str, needles: &[&str]| {
        let at: Vec<usize> = needles
            .iter()
            .map(|n| {
                text.find(n)
                    .unwrap_or_else(|| panic!("{n} missing:\n{text}"))
            })
            .collect();
        assert!(
            at.windows(2).all(|w| w[0] < w[1]),
            "{needles:?} out of order:\n{text}"
        );
    };
    let titles = [
        "Early 1991",
        "Mid-March 1992",
        "Money gathered before the coup",
        "The self-coup",
        "The world reacts",
    ];
    in_order(&export(&chronology, Format::Markdown), &titles);
    in_order(&export(&chronology, Format::TimelineJs), &titles);
    let json = export(&chronology, Format::Json);
    let quoted: Vec<String> = expected
        .iter()
        .map(|id| format!("\"id\": \"{id}\""))
        .collect();
    let quoted: Vec<&str> = quoted.iter().map(String::as_str).collect();
    in_order(&json, &quoted);
    // The JSON written loads back in the same order.
    let again: Vec<String> = load(&json)
        .events
        .iter()
        .map(|e| e.id.to_string())
        .collect();
    assert_eq!(again, expected);
}
