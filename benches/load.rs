//! Loading at scale: parse, validate and index (`Chronology::from_str`) generated chronologies of
//! 1,000 and 100,000 events, and of 1,000,000 with `QUIPU_BENCH_BIG=1` (about a minute more).
//!
//! The JSON is generated once per size, outside the timing loop, so only loading is measured.
//! Budget (docs/PERFORMANCE.md): a million events in under 3 s.
//!
//! ```text
//! cargo bench --bench load
//! QUIPU_BENCH_BIG=1 cargo bench --bench load
//! ```

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use quipu::model::Chronology;
use quipu_gen::{Generator, Layout, Spec};

/// The allocator the `quipu` binary uses (src/main.rs), so the bench measures what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn sizes() -> Vec<usize> {
    let mut sizes = vec![1_000, 100_000];
    if std::env::var_os("QUIPU_BENCH_BIG").is_some_and(|v| v == "1") {
        sizes.push(1_000_000);
    }
    sizes
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    // One load per sample at the large sizes, rather than criterion's growing counts.
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    for events in sizes() {
        let spec = Spec {
            events,
            actors: (events / 20).max(10),
            seed: 1,
        };
        let json = Generator::new(spec).to_json(Layout::Pretty);
        group.throughput(Throughput::Bytes(json.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(events), &json, |b, json| {
            // Dropping the chronology is timed too: `iter_with_large_drop` would keep up to ten
            // million-event chronologies alive at once.
            b.iter(|| {
                let chronology = Chronology::from_str(black_box(json));
                assert!(chronology.is_ok(), "generated chronologies are valid");
                chronology
            });
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
