//! A frame costs what the screen shows, never the size of the data: the bytes one frame
//! allocates are counted (a counting allocator, this test binary only) on files made to be
//! expensive, a span of 2·10^17 years and fields of a million characters, and must stay under a
//! bound set by the screen. Debug builds check arithmetic overflow, so the extreme dates also
//! prove the axis never steps past the end of the day numbers.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::Path;

use quipu::app::{Action, App, update};
use quipu::model::Chronology;
use quipu::search::{Field, Hit};
use quipu::ui::text_capture::capture;
use quipu::ui::theme::Theme;

/// Counts the bytes asked for by the thread that is measuring, so tests running beside it on
/// other threads do not add to its count.
struct Counting;

thread_local! {
    static MEASURING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
}

fn note(bytes: usize) {
    if MEASURING.with(Cell::get) {
        ALLOCATED.with(|a| a.set(a.get() + bytes));
    }
}

// SAFETY: every call is passed on to the system allocator unchanged; counting only adds.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: the caller's contract is passed on as it is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The bytes one frame of `app` at `width`x`height` allocates.
fn frame_bytes(app: &App, width: u16, height: u16) -> (usize, String) {
    let theme = Theme::monochrome();
    MEASURING.with(|m| m.set(true));
    let before = ALLOCATED.with(Cell::get);
    let screen = capture(app, &theme, width, height);
    let after = ALLOCATED.with(Cell::get);
    MEASURING.with(|m| m.set(false));
    (after - before, screen)
}

/// What a frame may allocate: a generous constant per cell (buffers, spans, labels; the shipped
/// chronology takes 150 to 220 bytes a cell) and the detail pane's fixed cap of wrapped lines,
/// nothing that grows with the file. A field of a million characters copied into each row, or
/// one score matrix for it, is far past it.
fn bound(width: u16, height: u16) -> usize {
    usize::from(width) * usize::from(height) * 512 + (768 << 10)
}

fn sized(chronology: Chronology, width: u16, height: u16) -> App {
    let mut app = App::new(chronology);
    update(&mut app, Action::Resize { width, height });
    app
}

fn assert_bounded(app: &App, width: u16, height: u16, what: &str) -> String {
    let (bytes, screen) = frame_bytes(app, width, height);
    assert!(
        bytes <= bound(width, height),
        "{what} at {width}x{height}: one frame allocated {bytes} bytes (bound {}):\n{screen}",
        bound(width, height)
    );
    screen
}

const SIZES: [(u16, u16); 4] = [(40, 10), (80, 24), (120, 40), (300, 80)];

#[test]
fn the_axis_of_extreme_dates_costs_the_width() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/extreme-dates.json");
    let chronology = Chronology::from_path(&path).unwrap();
    for (width, height) in SIZES {
        let mut app = sized(chronology.clone(), width, height);
        for select in [Action::SelectFirst, Action::SelectNext, Action::SelectLast] {
            update(&mut app, select);
            while app.zoom > 0 {
                update(&mut app, Action::ZoomOut);
            }
            for _ in 0..=app.max_zoom() {
                let screen = assert_bounded(&app, width, height, "extreme dates");
                assert!(screen.contains("Long"), "{screen}");
                update(&mut app, Action::ZoomIn);
            }
        }
        let screen = assert_bounded(&sized(chronology.clone(), width, height), width, height, "");
        if height >= 20 {
            assert!(screen.contains('╵'), "no tick on the axis:\n{screen}");
        }
    }
}

/// A chronology whose every text field is a million characters long.
fn long_texts() -> Chronology {
    let name = "N".repeat(1_000_000);
    let words = "word ".repeat(200_000);
    let json = serde_json::json!({
        "quipu": 1,
        "title": name,
        "actors": [{"id": "a", "name": name, "kind": "person", "aliases": [name]}],
        "eras": [{"id": "era", "title": name, "date": "1990/2010"}],
        "events": [
            {"id": "e", "date": "2000", "title": name, "summary": words,
             "tags": [name], "actors": [{"actor": "a", "role": name}],
             "consequences": [{"event": "f", "note": name}]},
            {"id": "f", "date": "2001", "title": words, "actors": ["a"]}
        ]
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.json");
    std::fs::write(&path, json.to_string()).unwrap();
    Chronology::from_path(&path).unwrap()
}

#[test]
fn a_million_character_field_costs_the_width() {
    let chronology = long_texts();
    for (width, height) in SIZES {
        let mut app = sized(chronology.clone(), width, height);
        assert_bounded(&app, width, height, "main screen");
        for action in [Action::FocusNext, Action::FocusNext, Action::FocusNext] {
            update(&mut app, action);
            assert_bounded(&app, width, height, "detail pane focused");
        }
        update(&mut app, Action::Close);
        update(&mut app, Action::OpenChain);
        assert_bounded(&app, width, height, "chain view");
        update(&mut app, Action::Close);
        update(&mut app, Action::OpenActors);
        assert_bounded(&app, width, height, "actors view");
        update(&mut app, Action::Close);

        // The palette, an 80-letter query marked on a million-letter name, alias and title.
        for (query, hits) in [
            (
                "N".repeat(80),
                vec![Field::Name, Field::Alias(0)]
                    .into_iter()
                    .map(|field| Hit {
                        item: 0,
                        score: 1,
                        field,
                    })
                    .collect::<Vec<_>>(),
            ),
            (
                format!("#{}", "N".repeat(79)),
                vec![Field::Name, Field::Tag(0)]
                    .into_iter()
                    .map(|field| Hit {
                        item: 0,
                        score: 1,
                        field,
                    })
                    .collect(),
            ),
        ] {
            update(&mut app, Action::OpenSearch);
            for c in query.chars() {
                update(&mut app, Action::PromptInput(c));
            }
            let generation = app.search_generation;
            update(
                &mut app,
                Action::SearchResults {
                    generation,
                    hits,
                    complete: true,
                },
            );
            let screen = assert_bounded(&app, width, height, "palette");
            if height >= 20 {
                assert!(screen.contains("NNNNNNNN"), "{screen}");
            }
            update(&mut app, Action::Close);
        }
    }
}

/// One event with twenty thousand actors, consequences and sources: the detail pane gives lines
/// to a screenful around the cursor, wherever the cursor is in those lists.
#[test]
fn an_event_with_twenty_thousand_links_costs_the_screen() {
    const N: usize = 20_000;
    let actors: Vec<_> = (0..N)
        .map(|i| serde_json::json!({"id": format!("a{i}"), "name": format!("Actor {i}"), "kind": "person"}))
        .collect();
    let sources: Vec<_> = (0..N)
        .map(|i| serde_json::json!({"id": format!("s{i}"), "title": format!("Source {i}")}))
        .collect();
    let mut events = vec![serde_json::json!({
        "id": "hub", "date": "1990", "title": "The hub",
        "actors": (0..N).map(|i| format!("a{i}")).collect::<Vec<_>>(),
        "sources": (0..N).map(|i| format!("s{i}")).collect::<Vec<_>>(),
        "consequences": (0..N).map(|i| format!("e{i}")).collect::<Vec<_>>(),
    })];
    events.extend((0..N).map(|i| {
        serde_json::json!({"id": format!("e{i}"), "date": "2000", "title": format!("Event {i}"), "actors": ["a0"]})
    }));
    let json = serde_json::json!({
        "quipu": 1, "title": "A hub", "actors": actors, "sources": sources, "events": events
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hub.json");
    std::fs::write(&path, json.to_string()).unwrap();
    let chronology = Chronology::from_path(&path).unwrap();
    for (width, height) in SIZES {
        let mut app = sized(chronology.clone(), width, height);
        let screen = assert_bounded(&app, width, height, "hub");
        assert!(screen.contains("The hub"), "{screen}");
        // Into the actors, to the middle and the end; then the consequences.
        for action in [
            vec![Action::FocusNext],
            vec![Action::PageDown; 300],
            vec![Action::SelectLast],
            vec![Action::FocusNext],
            vec![Action::PageDown; 300],
            vec![Action::SelectLast],
        ] {
            for a in action {
                update(&mut app, a);
            }
            let screen = assert_bounded(&app, width, height, "hub, detail focused");
            if height >= 24 {
                let item = app.item;
                let want = match app.focus {
                    quipu::app::Focus::Actors => format!("Actor {item} "),
                    _ => format!("Event {item}"),
                };
                assert!(screen.contains(&want), "{want:?} not shown:\n{screen}");
            }
        }
    }
}
