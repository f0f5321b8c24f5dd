//! One frame drawn at 120x40 into ratatui's `TestBackend`, near the start, the middle and the end
//! of generated chronologies of 1,000 and 100,000 events (and 1,000,000 with QUIPU_BENCH_BIG=1).
//!
//! Budget (docs/PERFORMANCE.md): a frame at a million events costs no more than 1.2x a frame at a
//! thousand, since drawing slices to the visible rows. Also measured: moving one row, and the time
//! from nothing to the first frame of the shipped chronology (budget: 30 ms).
//!
//! ```text
//! cargo bench --bench frame
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
    let mut sizes = vec![1_000, 100_000];
    if std::env::var_os("QUIPU_BENCH_BIG").is_some_and(|v| v == "1") {
        sizes.push(1_000_000);
    }
    sizes
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame_120x40");
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
        for (place, at) in [("start", 0), ("middle", events / 2), ("end", events - 1)] {
            let mut app = App::new(chronology.clone());
            update(
                &mut app,
                Action::Resize {
                    width: 120,
                    height: 40,
                },
            );
            update(&mut app, Action::SelectFirst);
            for _ in 0..at.min(50) {
                update(&mut app, Action::SelectNext);
            }
            if at > 50 {
                // Jump by pages to reach the middle or the end without 500,000 single steps.
                update(
                    &mut app,
                    if place == "end" {
                        Action::SelectLast
                    } else {
                        Action::PageDown
                    },
                );
                while place == "middle" && app_position(&app) < at {
                    update(&mut app, Action::PageDown);
                }
            }
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
            group.bench_with_input(BenchmarkId::new(place, events), &events, |b, _| {
                b.iter(|| {
                    terminal
                        .draw(|f| view(black_box(&app), &theme, f))
                        .expect("draw");
                })
            });
            group.bench_with_input(
                BenchmarkId::new(format!("{place}_move_and_draw"), events),
                &events,
                |b, _| {
                    b.iter(|| {
                        update(&mut app, Action::SelectNext);
                        update(&mut app, Action::SelectPrev);
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

/// What `quipu` does before the reader sees anything: load the shipped chronology (parse,
/// validate, index), make the app state, size it and draw. The search index is built on another
/// thread in the binary, so it is not on this path.
fn first_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("first_frame");
    group.sample_size(50);
    let theme = Theme::color();
    group.bench_function("shipped_120x40", |b| {
        b.iter(|| {
            let mut app = App::new(Chronology::shipped());
            update(
                &mut app,
                Action::Resize {
                    width: 120,
                    height: 40,
                },
            );
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
            terminal
                .draw(|f| view(black_box(&app), &theme, f))
                .expect("draw");
            app
        })
    });
    group.finish();
}

/// The selected event's position, read through the public state.
fn app_position(app: &App) -> usize {
    app.timeline.selected
}

criterion_group!(benches, frame, first_frame);
criterion_main!(benches);
