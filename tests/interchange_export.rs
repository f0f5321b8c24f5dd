//! Exports: Markdown snapshots, Graphviz output that `dot` accepts, JSON that round-trips byte for
//! byte, and TimelineJS that comes back with its ids, spans and titles.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use quipu::interchange::{
    Format, ImportFormat, ImportOptions, downstream_of, events_of_actor, export, export_events,
    import, to_json,
};
use quipu::model::{Basis, Chronology};

fn small() -> Chronology {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interchange/small.json");
    Chronology::from_path(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn load(json: &str) -> Chronology {
    Chronology::from_str(json).unwrap_or_else(|diagnostics| {
        let rendered: Vec<String> = diagnostics.iter().map(|d| d.render("<export>")).collect();
        panic!("export does not load:\n{}\n{json}", rendered.join("\n"))
    })
}

#[test]
fn markdown_of_the_shipped_chronology() {
    insta::assert_snapshot!(
        "shipped_markdown",
        export(&Chronology::shipped(), Format::Markdown)
    );
}

#[test]
fn markdown_of_a_chronology_with_awkward_text() {
    insta::assert_snapshot!("small_markdown", export(&small(), Format::Markdown));
}

#[test]
fn markdown_links_point_at_anchors_that_exist() {
    let markdown = export(&small(), Format::Markdown);
    for target in markdown.split("](#").skip(1) {
        let anchor = &target[..target.find(')').unwrap()];
        assert!(
            markdown.contains(&format!("<a id=\"{anchor}\"></a>")),
            "no anchor for #{anchor}"
        );
    }
}

#[test]
fn markdown_of_a_view_names_only_what_the_view_holds() {
    let chronology = small();
    let ana = chronology.actor_ix("ana").unwrap();
    let markdown = export_events(
        &chronology,
        &events_of_actor(&chronology, ana),
        Format::Markdown,
    );
    assert!(markdown.contains("Caesar"));
    assert!(
        !markdown.contains("Roughly May"),
        "an event Ana has no part in"
    );
    assert!(
        !markdown.contains("Idle one"),
        "an actor with no event in the view"
    );
    assert!(!markdown.contains("Never cited"));
}

/// Runs Graphviz on `dot` and gives its SVG; `None` when Graphviz is missing and QUIPU_SKIP_DOT=1. Without that
/// variable a missing `dot` fails the test, as a missing tmux does: a skipped check must be a
/// decision, not an accident.
fn graphviz(dot: &str) -> Option<Result<String, String>> {
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(err) if std::env::var("QUIPU_SKIP_DOT").as_deref() == Ok("1") => {
            eprintln!("Graphviz `dot` not runnable ({err}); skipped because QUIPU_SKIP_DOT=1");
            return None;
        }
        Err(err) => panic!(
            "Graphviz `dot` is not runnable ({err}): install it (apt-get install graphviz) or set \
             QUIPU_SKIP_DOT=1"
        ),
    };
    child
        .stdin
        .take()
        .expect("dot's stdin is piped")
        .write_all(dot.as_bytes())
        .expect("dot reads its input");
    let output = child.wait_with_output().expect("dot finishes");
    Some(if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    })
}

#[test]
fn dot_output_is_accepted_by_graphviz() {
    for (name, chronology) in [("shipped", Chronology::shipped()), ("small", small())] {
        let dot = export(&chronology, Format::Dot);
        if let Some(result) = graphviz(&dot) {
            result.unwrap_or_else(|e| panic!("{name}: dot refused the export: {e}\n{dot}"));
        }
    }
}

#[test]
fn dot_escapes_quotes_and_backslashes_and_clusters_by_era() {
    let dot = export(&small(), Format::Dot);
    assert!(
        dot.contains(r#"label="A \"small\" chronology &amp; friends""#),
        "{dot}"
    );
    assert!(dot.contains(r#"Caesar \\ murdered"#), "{dot}");
    assert!(dot.contains(r#"subgraph "cluster_antiquity""#), "{dot}");
    assert!(
        dot.contains(r#""caesar" -> "spring" [tooltip="a long \"while\" later"];"#),
        "{dot}"
    );
}

/// Graphviz decodes entities in every string: a title that holds `&amp;` as text must be drawn
/// as `&amp;`, not `&`, and a bare `&` as `&`.
#[test]
fn graphviz_draws_ampersands_as_written() {
    let chronology = load(
        r#"{"quipu": 1, "title": "T", "events": [
            {"id": "a", "date": "1990", "title": "AT&amp;T & Peru"}]}"#,
    );
    let dot = export(&chronology, Format::Dot);
    if let Some(result) = graphviz(&dot) {
        let svg = result.unwrap_or_else(|e| panic!("dot refused the export: {e}\n{dot}"));
        // SVG escapes `&` once more: `&amp;amp;` is the text `&amp;`.
        assert!(svg.contains("AT&amp;amp;T &amp; Peru"), "{svg}");
    }
}

#[test]
fn dot_from_an_event_holds_only_what_follows_it() {
    let chronology = small();
    let spring = chronology.event_ix("spring").unwrap();
    let downstream = downstream_of(&chronology, spring);
    let ids: Vec<&str> = downstream
        .iter()
        .map(|&ix| chronology.events[ix].id.as_str())
        .collect();
    assert_eq!(ids, ["spring", "span", "approx"]);
    let dot = export_events(&chronology, &downstream, Format::Dot);
    assert!(!dot.contains("\"caesar\""), "{dot}");
    assert!(dot.contains(r#""spring" -> "approx";"#), "{dot}");
    if let Some(result) = graphviz(&dot) {
        result.unwrap();
    }
}

#[test]
fn json_export_round_trips_byte_for_byte() {
    for (name, chronology) in [("shipped", Chronology::shipped()), ("small", small())] {
        let first = export(&chronology, Format::Json);
        let second = export(&load(&first), Format::Json);
        assert!(
            first == second,
            "{name}: a second JSON export differs from the first"
        );
    }
}

#[test]
fn json_export_of_imported_samples_round_trips_too() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/timelinejs");
    for name in [
        "all-media-types.json",
        "cosmo.json",
        "eras.json",
        "twain-marktwain.json",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let imported = import(&text, ImportFormat::TimelineJs, &ImportOptions::default()).unwrap();
        let first = export(&load(&to_json(&imported.raw)), Format::Json);
        assert!(first == export(&load(&first), Format::Json), "{name}");
    }
}

#[test]
fn json_export_writes_references_in_object_form_and_events_in_time_order() {
    let json = export(&small(), Format::Json);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let events = value["events"].as_array().unwrap();
    let ids: Vec<&str> = events.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["big-bang", "caesar", "decade", "spring", "span", "approx"]
    );
    assert_eq!(
        events[0]["actors"][0],
        serde_json::json!({"actor": "state"})
    );
    assert_eq!(
        events[3]["consequences"][0],
        serde_json::json!({"event": "span"})
    );
    assert_eq!(
        events[2]["sources"][0],
        serde_json::json!({"source": "book"})
    );
}

#[test]
fn json_of_a_view_drops_links_leaving_it_and_still_loads() {
    let chronology = small();
    let view = [
        chronology.event_ix("caesar").unwrap(),
        chronology.event_ix("decade").unwrap(),
    ];
    let json = export_events(&chronology, &view, Format::Json);
    let loaded = load(&json);
    assert_eq!(loaded.events.len(), 2);
    assert_eq!(loaded.link_count(), 0);
}

/// ids, titles and the span of days of every event survive quipu → TimelineJS → quipu.
fn assert_timelinejs_round_trip(name: &str, chronology: &Chronology) {
    let timeline = export(chronology, Format::TimelineJs);
    let back = import(
        &timeline,
        ImportFormat::TimelineJs,
        &ImportOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"));
    let back = load(&to_json(&back.raw));
    let summary = |c: &Chronology| -> Vec<(String, String, i64, i64)> {
        let mut events: Vec<_> = c
            .events
            .iter()
            .map(|e| {
                (
                    e.id.to_string(),
                    e.title.clone(),
                    e.date.earliest,
                    e.date.latest,
                )
            })
            .collect();
        events.sort();
        events
    };
    assert_eq!(summary(&back), summary(chronology), "{name}");
    assert_eq!(back.title, chronology.title, "{name}");
    let eras = |c: &Chronology| -> Vec<(String, i64, i64)> {
        c.eras
            .iter()
            .map(|e| (e.title.clone(), e.date.earliest, e.date.latest))
            .collect()
    };
    assert_eq!(eras(&back), eras(chronology), "{name}");
    assert_eq!(claims(&back), claims(chronology), "{name}");
}

/// Every event's basis and aliases and every link with its basis and note, by id, sorted.
type Claims = (
    Vec<(String, Basis, Vec<String>)>,
    Vec<(String, String, Basis, Option<String>)>,
);

fn claims(c: &Chronology) -> Claims {
    let mut events: Vec<_> = c
        .events
        .iter()
        .map(|e| (e.id.to_string(), e.basis, e.aliases.to_vec()))
        .collect();
    events.sort();
    let mut links: Vec<_> = c
        .events
        .iter()
        .flat_map(|e| {
            e.consequences.iter().map(|l| {
                (
                    e.id.to_string(),
                    c.events[l.event].id.to_string(),
                    l.basis,
                    l.note.as_deref().map(str::to_owned),
                )
            })
        })
        .collect();
    links.sort();
    (events, links)
}

fn with_basis() -> Chronology {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/basis-and-aliases.json");
    Chronology::from_path(&path).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn markdown_says_which_claims_are_implied_or_inferred() {
    let markdown = export(&with_basis(), Format::Markdown);
    assert!(
        markdown.contains("Refusal](#event-refusal) (inferred) — *our reading*"),
        "{markdown}"
    );
    assert!(
        markdown.contains("(#event-reinsertion-threatened) (implied) — *follows from the aid cut*"),
        "{markdown}"
    );
    // A stated link carries no mark; the implied event says so, and aliases are listed.
    assert!(
        markdown.contains("Aid suspended](#event-aid-suspended);"),
        "{markdown}"
    );
    assert!(markdown.contains("Basis: implied"), "{markdown}");
    assert!(markdown.contains("Basis: inferred"), "{markdown}");
    assert!(
        markdown.contains("Also called: autogolpe, Fujigolpe"),
        "{markdown}"
    );
    assert_eq!(markdown.matches("Basis: ").count(), 2, "{markdown}");
}

#[test]
fn dot_draws_inferred_links_dashed_and_implied_ones_dotted() {
    let dot = export(&with_basis(), Format::Dot);
    assert!(
        dot.contains(r#""self-coup" -> "refusal" [style=dashed, tooltip="our reading"];"#),
        "{dot}"
    );
    assert!(
        dot.contains(r#""self-coup" -> "reinsertion-threatened" [style=dotted, tooltip="follows from the aid cut"];"#),
        "{dot}"
    );
    assert!(dot.contains(r#""self-coup" -> "aid-suspended";"#), "{dot}");
    assert!(dot.contains(r#"style="rounded,dashed""#), "{dot}");
    assert!(dot.contains(r#"style="rounded,dotted""#), "{dot}");
    if let Some(result) = graphviz(&dot) {
        result.unwrap_or_else(|e| panic!("dot refused the export: {e}\n{dot}"));
    }
}

#[test]
fn json_export_keeps_basis_and_aliases() {
    let chronology = with_basis();
    let first = export(&chronology, Format::Json);
    assert!(first == export(&load(&first), Format::Json));
    let back = load(&first);
    assert_eq!(claims(&back), claims(&chronology));
    let value: serde_json::Value = serde_json::from_str(&first).unwrap();
    let coup = &value["events"][0];
    assert_eq!(
        coup["aliases"],
        serde_json::json!(["autogolpe", "Fujigolpe"])
    );
    assert_eq!(
        coup["consequences"][3],
        serde_json::json!({"event": "refusal", "basis": "inferred", "note": "our reading"})
    );
    // The default is not written: a stated claim looks as it always did.
    assert_eq!(coup.get("basis"), None);
    assert_eq!(
        coup["consequences"][1],
        serde_json::json!({"event": "aid-suspended"})
    );
}

#[test]
fn timelinejs_carries_basis_aliases_and_links_in_a_quipu_object() {
    let chronology = with_basis();
    assert_timelinejs_round_trip("basis", &chronology);
    let timeline = export(&chronology, Format::TimelineJs);
    let value: serde_json::Value = serde_json::from_str(&timeline).unwrap();
    let slide = |id: &str| {
        value["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["unique_id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        slide("refusal")["quipu"],
        serde_json::json!({"basis": "inferred"})
    );
    assert_eq!(
        slide("self-coup")["quipu"]["aliases"],
        serde_json::json!(["autogolpe", "Fujigolpe"])
    );
    // A stated event with nothing else to say is a plain slide.
    assert_eq!(slide("condemnation").get("quipu"), None);
}

#[test]
fn a_timelinejs_view_keeps_only_links_inside_it() {
    let chronology = with_basis();
    let view = [
        chronology.event_ix("self-coup").unwrap(),
        chronology.event_ix("refusal").unwrap(),
    ];
    let timeline = export_events(&chronology, &view, Format::TimelineJs);
    let back = import(
        &timeline,
        ImportFormat::TimelineJs,
        &ImportOptions::default(),
    )
    .unwrap();
    let back = load(&to_json(&back.raw));
    assert_eq!(back.link_count(), 1);
    assert_eq!(claims(&back).1[0].2, Basis::Inferred);
}

#[test]
fn timelinejs_round_trip_keeps_ids_spans_and_titles() {
    assert_timelinejs_round_trip("shipped", &Chronology::shipped());
    assert_timelinejs_round_trip("small", &small());
}

#[test]
fn timelinejs_export_carries_display_dates_groups_and_escaped_html() {
    let timeline = export(&small(), Format::TimelineJs);
    let value: serde_json::Value = serde_json::from_str(&timeline).unwrap();
    let spring = value["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["unique_id"] == "spring")
        .unwrap();
    assert_eq!(spring["text"]["headline"], "A spring &lt;happening&gt;");
    assert_eq!(spring["group"], "season");
    assert_eq!(spring["display_date"], "spring 1990");
    assert_eq!(
        spring["start_date"],
        serde_json::json!({"year": 1990, "month": 3})
    );
    assert_eq!(
        spring["end_date"],
        serde_json::json!({"year": 1990, "month": 5})
    );
    assert_eq!(
        value["title"]["text"]["headline"],
        "A &quot;small&quot; chronology &amp; friends"
    );
}
