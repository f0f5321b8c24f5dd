//! Queries at scale: parse, resolve and evaluate over a generated chronology of 100,000 events,
//! and of 1,000,000 with `QUIPU_BENCH_BIG=1` (the issue's budget: 100 ms a query at a million).
//!
//! The chronology is generated and loaded once, outside the timing loop, so only the query is
//! measured: parsing, resolving names once, and one pass per term.
//!
//! ```text
//! cargo bench --bench query -- --quick
//! QUIPU_BENCH_BIG=1 cargo bench --bench query
//! ```

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use quipu::model::Chronology;
use quipu_gen::{Generator, Layout, Spec};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn size() -> usize {
    if std::env::var_os("QUIPU_BENCH_BIG").is_some_and(|v| v == "1") {
        1_000_000
    } else {
        100_000
    }
}

fn query(c: &mut Criterion) {
    let events = size();
    let spec = Spec {
        events,
        actors: (events / 20).max(10),
        seed: 1,
    };
    let json = Generator::new(spec).to_json(Layout::Compact);
    let chronology = Chronology::from_str(&json).expect("generated chronologies are valid");
    drop(json);
    // Names that exist in whatever the generator made.
    let actor = chronology.actors[0].id.clone();
    let event = chronology.events[events / 2].id.clone();
    let tag = chronology
        .events
        .iter()
        .find_map(|e| e.tags.first().cloned())
        .unwrap_or_else(|| "x".into());
    let queries = [
        ("actor", format!("actor:{actor}")),
        ("tag-date", format!("tag:\"{tag}\" date:>=1900")),
        (
            "or-not",
            format!("(actor:{actor} or tag:\"{tag}\") -precision:day"),
        ),
        ("downstream", format!("downstream:{event}")),
        ("word", "war".to_owned()),
        ("links-basis", "links:>2 basis:inferred".to_owned()),
    ];
    let mut group = c.benchmark_group(format!("query/{events}"));
    group.sample_size(10);
    for (name, text) in &queries {
        assert!(
            quipu::query::select(&chronology, text, 0).is_ok(),
            "{text} is a valid query"
        );
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| quipu::query::select(black_box(&chronology), black_box(text), 0));
        });
    }
    group.finish();
}

/// Facets (`F` in the explorer) over every event: the issue's budget is 200 ms at a million.
fn facets(c: &mut Criterion) {
    let events = size();
    let spec = Spec {
        events,
        actors: (events / 20).max(10),
        seed: 1,
    };
    let json = Generator::new(spec).to_json(Layout::Compact);
    let chronology = Chronology::from_str(&json).expect("generated chronologies are valid");
    drop(json);
    let mut group = c.benchmark_group(format!("facets/{events}"));
    group.sample_size(10);
    group.bench_function("all", |b| {
        b.iter(|| quipu::query::facets::count(black_box(&chronology), None));
    });
    group.finish();
}

criterion_group!(benches, query, facets);
criterion_main!(benches);
