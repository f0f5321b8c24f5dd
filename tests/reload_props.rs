//! Invariants of keeping the place across a reload (#13), over random edits of the shipped
//! chronology: whatever was deleted, the cursor stays valid, a surviving selection stays
//! selected, and a vanished one lands on an event as near in time as any.

use proptest::prelude::*;
use quipu::app::problems::Problems;
use quipu::app::reload::{Fresh, Reload, diff};
use quipu::app::{Action, App, update};
use quipu::model::Chronology;
use quipu::model::load::SHIPPED_JSON;
use serde_json::Value;

/// The shipped chronology without the events whose file positions are in `gone`, and without
/// the links to them.
fn without(gone: &[usize]) -> Chronology {
    let mut doc: Value = serde_json::from_str(SHIPPED_JSON).unwrap();
    let events = doc["events"].as_array_mut().unwrap();
    let ids: Vec<Value> = gone
        .iter()
        .filter_map(|&at| events.get(at).map(|e| e["id"].clone()))
        .collect();
    events.retain(|e| !ids.contains(&e["id"]));
    for event in events.iter_mut() {
        for list in ["consequences", "causes"] {
            if let Some(links) = event.get_mut(list).and_then(Value::as_array_mut) {
                links.retain(|l| !ids.contains(&l["event"]));
            }
        }
    }
    Chronology::from_str(&doc.to_string()).expect("removing events and their links stays valid")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_place_survives_any_deletion(
        gone in proptest::collection::vec(0usize..56, 0..30),
        steps in 0usize..56,
        zoom in 0usize..4,
        height in 24u16..60,
    ) {
        let mut app = App::new(Chronology::shipped());
        update(&mut app, Action::Resize { width: 120, height });
        for _ in 0..steps {
            update(&mut app, Action::SelectNext);
        }
        for _ in 0..zoom {
            update(&mut app, Action::ZoomIn);
        }
        let was = app.selected_event().unwrap();
        let (was_id, was_day) = (app.chronology.events[was].id.clone(), app.place_days[was]);
        let new = without(&gone);
        let reload = Reload {
            diff: diff(&app.chronology, &new),
            fresh: Some(Fresh(Box::new(App::new(new)))),
            problems: Problems::default(),
        };
        let zoom_before = app.zoom;
        update(&mut app, Action::Reloaded(Box::new(reload)));
        let len = app.visible_len();
        prop_assert!(app.timeline.offset <= app.timeline.selected);
        prop_assert!(app.timeline.selected < len.max(1));
        prop_assert!(app.zoom <= app.max_zoom());
        prop_assert!(app.zoom == zoom_before.min(app.max_zoom()));
        let now = app.selected_event().unwrap();
        match app.chronology.event_ix(&was_id) {
            Some(kept) => prop_assert_eq!(now, kept),
            None => {
                let distance = (app.place_days[now] - was_day).abs();
                let best = app.place_days.iter().map(|d| (d - was_day).abs()).min().unwrap();
                prop_assert_eq!(distance, best);
            }
        }
    }
}
