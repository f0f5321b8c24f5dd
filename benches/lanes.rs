//! One frame of the actors' lanes (`s`) at 160x50, on generated chronologies of 1,000 events and,
//! with QUIPU_BENCH_BIG=1, 1,000,000.
//!
//! Budget (docs/PERFORMANCE.md): a lanes frame at a million events costs no more than 1.2x one at
//! a thousand, since each lane draws what a binary search in that actor's events finds for the
//! visible span, at most one event a column.
//!
//! ```text
//! cargo bench --bench lanes                      # 1,000 events
//! QUIPU_BENCH_BIG=1 cargo bench --bench lanes    # and 1,000,000
//! ```

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use quipu::app::{Action, App, update};
use quipu::model::Chronology;
use quipu::ui::theme::Theme;
use quipu::ui::view;
use quipu_gen::{Generator, Layout, Spec};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The allocator the `quipu` binary uses (src/main.rs), so the bench measures what users get.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn sizes() -> Vec<usize> {
    let mut sizes = vec![1_000];
    if std::env::var_os("QUIPU_BENCH_BIG").is_some_and(|v| v == "1") {
        sizes.push(1_000_000);
    }
    sizes
}

fn lanes(c: &mut Criterion) {
    let mut group = c.benchmark_group("lanes_160x50");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(3));
    let theme = Theme::color();
    for events in sizes() {
        let json = Generator::new(Spec {
            events,
            actors: (events / 20).max(10),
            seed: 1,
        })
        .to_json(Layout::Compact);
        let chronology = Chronology::from_str(&json).expect("generated files are valid");
        // At every zoom, from everything to two weeks: the widest spans hold the most events.
        for zoom in [0, 1, 4] {
            let mut app = App::new(chronology.clone());
            update(
                &mut app,
                Action::Resize {
                    width: 160,
                    height: 50,
                },
            );
            update(&mut app, Action::PageDown);
            update(&mut app, Action::OpenLanes);
            app.zoom = zoom.min(app.max_zoom());
            let mut terminal = Terminal::new(TestBackend::new(160, 50)).expect("test backend");
            group.bench_with_input(
                BenchmarkId::new(format!("zoom{zoom}"), events),
                &events,
                |b, _| {
                    b.iter(|| {
                        terminal
                            .draw(|f| view(black_box(&app), &theme, f))
                            .expect("draw");
                    })
                },
            );
        }
    }
    group.finish();
}

criterion_group!(benches, lanes);
criterion_main!(benches);
