//! Queries at scale: parse, resolve and evaluate over a generated chronology of 100,000 events,
//! and of 1,000,000 with `QUIPU_BENCH_BIG=1` (the issue's budget: 100 ms a query at a million).
//!
//! The chronology is generated and loaded once, and its query index built once, outside the timing
//! loop, as the explorer does at load: each figure is parsing, resolving names once and evaluating
//! through the index. `index-build` is the index's own cost, and its size is printed.
//!
//! ```text
//! cargo bench --bench query -- --quick
//! QUIPU_BENCH_BIG=1 cargo bench --bench query
//! ```

use std::hint::black_box;
use std::time::Instant;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use quipu::model::Chronology;
use quipu::query::{Index, Query};
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

/// The generated chronology both groups measure, as JSON: `size()` events, one actor for
/// twenty of them.
fn generated(events: usize) -> String {
    let spec = Spec {
        events,
        actors: (events / 20).max(10),
        seed: 1,
    };
    Generator::new(spec).to_json(Layout::Compact)
}

fn query(c: &mut Criterion) {
    let events = size();
    let json = generated(events);
    let bytes = json.len();
    // One load and one index build, timed in the same run, for the index's share of loading
    // (docs/PERFORMANCE.md, "Queries"); a ratio, since this machine is shared.
    let started = Instant::now();
    let chronology = Chronology::from_str(&json).expect("generated chronologies are valid");
    let loaded = started.elapsed();
    drop(json);
    let started = Instant::now();
    drop(black_box(Index::build(&chronology)));
    let built = started.elapsed();
    eprintln!(
        "loading {events} events: {loaded:.2?}; building the query index: {built:.2?} ({:.1}% of loading)",
        100.0 * built.as_secs_f64() / loaded.as_secs_f64()
    );
    // Names that exist in whatever the generator made.
    let actor = chronology.actors[0].id.clone();
    let name = chronology.actors[0].name.clone();
    let event = chronology.events[events / 2].id.clone();
    let early = chronology.events[events / 100].id.clone();
    let first = |pick: &dyn Fn(&quipu::model::Event) -> Option<String>| {
        chronology
            .events
            .iter()
            .find_map(pick)
            .unwrap_or_else(|| "x".into())
    };
    let tag = first(&|e| e.tags.first().map(ToString::to_string));
    let role = first(&|e| {
        e.actors
            .iter()
            .find_map(|p| p.role.as_deref().map(str::to_owned))
    });
    let source = chronology
        .sources
        .first()
        .map_or_else(|| "x".into(), |s| s.id.clone());
    let era = chronology
        .eras
        .first()
        .map_or_else(|| "x".into(), |e| e.id.clone());
    let queries = [
        ("actor", format!("actor:{actor}")),
        ("actor-name", format!("actor:\"{name}\"")),
        ("role", format!("role:\"{role}\"")),
        ("kind", "kind:organization".to_owned()),
        ("tag", format!("tag:\"{tag}\"")),
        ("era", format!("era:{era}")),
        ("source", format!("source:{source}")),
        ("date-year", "date:1991".to_owned()),
        ("date-month", "date:1992-04".to_owned()),
        ("date-day", "date:1992-04-05".to_owned()),
        ("date-range", "date:1990-07..1991-05".to_owned()),
        ("date-from", "date:>=1991".to_owned()),
        ("date-before", "date:<1990".to_owned()),
        ("precision", "precision:year".to_owned()),
        ("effects", format!("effects:{event}")),
        ("causes", format!("causes:{event}")),
        ("downstream", format!("downstream:{event}")),
        ("downstream-early", format!("downstream:{early}")),
        ("upstream", format!("upstream:{event}")),
        ("links", "links:>2".to_owned()),
        ("basis", "basis:inferred".to_owned()),
        ("tag-date", format!("tag:\"{tag}\" date:>=1900")),
        (
            "or-not",
            format!("(actor:{actor} or tag:\"{tag}\") -precision:day"),
        ),
        ("links-basis", "links:>2 basis:inferred".to_owned()),
        ("word", "war".to_owned()),
    ];
    let index = Index::build(&chronology);
    eprintln!(
        "query index over {events} events: {:.1} MB on the heap; the chronology's file: {:.1} MB",
        index.heap_bytes() as f64 / 1e6,
        bytes as f64 / 1e6
    );
    let mut group = c.benchmark_group(format!("query/{events}"));
    group.sample_size(10);
    group.bench_function("index-build", |b| {
        b.iter(|| Index::build(black_box(&chronology)));
    });
    let select = |text: &str| Query::parse(text, 0)?.select_in(&chronology, &index);
    for (name, text) in &queries {
        assert!(select(text).is_ok(), "{text} is a valid query");
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| select(black_box(text)));
        });
    }
    group.finish();
}

/// Facets (`F` in the explorer) over every event: the issue's budget is 200 ms at a million.
fn facets(c: &mut Criterion) {
    let events = size();
    let json = generated(events);
    let chronology = Chronology::from_str(&json).expect("generated chronologies are valid");
    drop(json);
    let mut group = c.benchmark_group(format!("facets/{events}"));
    group.sample_size(10);
    group.bench_function("all", |b| {
        b.iter(|| quipu::query::facets::count(black_box(&chronology), None));
    });
    // As the explorer counts once its query index is built: from postings, in the same run.
    let index = quipu::query::Index::build(&chronology);
    group.bench_function("all_from_index", |b| {
        b.iter(|| quipu::query::facets::count_with(black_box(&chronology), &index, None));
    });
    let half: Vec<usize> = (0..chronology.events.len()).step_by(2).collect();
    group.bench_function("half_from_index", |b| {
        b.iter(|| quipu::query::facets::count_with(black_box(&chronology), &index, Some(&half)));
    });
    group.finish();
}

criterion_group!(benches, query, facets);
criterion_main!(benches);
