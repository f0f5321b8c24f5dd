//! The synthetic chronologies the benches load must be valid, varied and reproducible: a bench that
//! measured error reporting, or a file that changed between runs, would measure the wrong thing.

use std::collections::BTreeSet;

use quipu::model::Chronology;
use quipu::model::raw::{ActorKind, RawChronology};
use quipu_gen::{Generator, Layout, Spec};

const SIZES: [usize; 4] = [0, 1, 50, 2000];
const SEEDS: [u64; 3] = [0, 1, 0x00DE_C0DE];

fn spec(events: usize, seed: u64) -> Spec {
    Spec {
        events,
        actors: (events / 20).max(10),
        seed,
    }
}

#[test]
fn every_size_and_seed_loads_without_a_single_diagnostic() {
    for events in SIZES {
        for seed in SEEDS {
            for layout in [Layout::Pretty, Layout::Compact] {
                let json = Generator::new(spec(events, seed)).to_json(layout);
                let checked = Chronology::check(&json);
                let shown: Vec<String> = checked
                    .diagnostics
                    .iter()
                    .map(|d| d.render("gen"))
                    .collect();
                assert!(
                    shown.is_empty(),
                    "{events} events, seed {seed}:\n{}",
                    shown.join("\n")
                );
                let chronology = checked.chronology.expect("valid without diagnostics");
                assert_eq!(chronology.events.len(), events);
            }
        }
    }
}

#[test]
fn the_same_spec_gives_the_same_bytes_and_another_seed_does_not() {
    let first = Generator::new(spec(500, 7)).to_json(Layout::Pretty);
    let again = Generator::new(spec(500, 7)).to_json(Layout::Pretty);
    assert_eq!(first, again);
    let other = Generator::new(spec(500, 8)).to_json(Layout::Pretty);
    assert_ne!(first, other);
}

#[test]
fn streaming_writes_exactly_the_in_memory_chronology() {
    for events in SIZES {
        let generator = Generator::new(spec(events, 3));
        let whole = serde_json::to_string_pretty(&generator.chronology()).unwrap() + "\n";
        assert_eq!(generator.to_json(Layout::Pretty), whole, "{events} events");
        let parsed: RawChronology =
            serde_json::from_str(&generator.to_json(Layout::Compact)).unwrap();
        assert_eq!(parsed, generator.chronology(), "{events} events, compact");
    }
}

/// The EDTF forms the generator promises, told apart by shape alone (independently of the loader).
fn date_form(date: &str) -> &'static str {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if date.ends_with("/..") {
        return "open end";
    }
    if date.starts_with("../") || date.starts_with('/') || date.ends_with('/') {
        return "open or unknown start or end";
    }
    if date.contains('/') {
        return "interval";
    }
    for (mark, form) in [
        ('~', "approximate"),
        ('?', "uncertain"),
        ('%', "approximate and uncertain"),
    ] {
        if date.ends_with(mark) {
            return form;
        }
    }
    let parts: Vec<&str> = date.split('-').collect();
    match parts.as_slice() {
        [y] if y.len() == 4 && digits(y) => "year",
        [y] if y.len() == 4 && y.ends_with("XX") && digits(&y[..2]) => "century",
        [y] if y.len() == 4 && y.ends_with('X') && digits(&y[..3]) => "decade",
        [_, "XX"] => "unspecified month",
        [_, "XX", "XX"] | [_, _, "XX"] => "unspecified day",
        [_, "21" | "22" | "23" | "24"] => "season",
        [_, m] if digits(m) => "month",
        [_, m, d] if digits(m) && digits(d) => "day",
        _ => "unknown",
    }
}

#[test]
fn every_date_form_appears() {
    let expected: BTreeSet<&str> = [
        "day",
        "month",
        "year",
        "decade",
        "century",
        "season",
        "approximate",
        "uncertain",
        "approximate and uncertain",
        "unspecified month",
        "unspecified day",
        "interval",
        "open end",
        "open or unknown start or end",
    ]
    .into();
    // The first events take one form each, so even a small file has them all.
    for events in [14, 2000] {
        let raw = Generator::new(spec(events, 11)).chronology();
        let seen: BTreeSet<&str> = raw.events.iter().map(|e| date_form(&e.date)).collect();
        assert_eq!(seen, expected, "{events} events");
    }
}

#[test]
fn the_file_has_the_variety_of_a_real_chronology() {
    let raw = Generator::new(spec(2000, 5)).chronology();
    let kinds: BTreeSet<&str> = raw.actors.iter().map(|a| a.kind.as_str()).collect();
    assert_eq!(kinds.len(), ActorKind::ALL.len(), "{kinds:?}");
    assert!(raw.actors.iter().any(|a| !a.aliases.is_empty()));
    assert!(
        raw.actors.iter().any(|a| !a.name.is_ascii()),
        "accented names"
    );
    assert!(raw.events.iter().all(|e| !e.actors.is_empty()));
    assert!(
        raw.events
            .iter()
            .any(|e| e.actors.iter().any(|a| a.role().is_some()))
    );
    assert!(raw.events.iter().any(|e| !e.tags.is_empty()));
    assert!(
        raw.events
            .iter()
            .any(|e| e.sources.iter().any(|s| s.locator().is_some()))
    );
    assert!(
        raw.events
            .iter()
            .any(|e| e.summary.as_deref().is_some_and(|s| s.contains('\n')))
    );
    assert!(raw.events.iter().any(|e| e.display_date.is_some()));
    let links: usize = raw.events.iter().map(|e| e.consequences.len()).sum();
    assert!(
        (1000..=6000).contains(&links),
        "a few links per event, got {links}"
    );
}

#[test]
fn consequences_never_start_before_their_cause() {
    let chronology =
        Chronology::from_str(&Generator::new(spec(2000, 9)).to_json(Layout::Compact)).unwrap();
    let mut links = 0;
    for event in &chronology.events {
        for link in &event.consequences {
            let effect = &chronology.events[link.event];
            assert!(
                effect.date.earliest >= event.date.earliest,
                "{} → {}",
                event.id,
                effect.id
            );
            links += 1;
        }
    }
    assert!(links > 0);
}

#[test]
fn events_without_actors_still_get_one() {
    let raw = Generator::new(Spec {
        events: 30,
        actors: 0,
        seed: 2,
    })
    .chronology();
    assert_eq!(raw.actors.len(), 1);
    assert!(raw.events.iter().all(|e| e.actors.len() == 1));
}

#[test]
fn the_json_schema_accepts_generated_files() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/quipu.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    for events in [0, 1, 2000] {
        let document: serde_json::Value =
            serde_json::from_str(&Generator::new(spec(events, 4)).to_json(Layout::Compact))
                .unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&document)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{events} events:\n{}", errors.join("\n"));
    }
}
