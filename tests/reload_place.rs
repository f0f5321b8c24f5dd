//! Keeping the reader's place across a reload (#13): each test edits the shipped chronology as a
//! reader would in their editor, hands the new version to `update` as the shell does, and checks
//! that the selection, focus, filter, history and chain view followed by id.

use quipu::app::overlay::Overlay;
use quipu::app::problems::Problems;
use quipu::app::reload::{Diff, Fresh, Reload, diff};
use quipu::app::{Action, App, Effect, Effects, Focus, update};
use quipu::model::Chronology;
use quipu::model::load::SHIPPED_JSON;
use serde_json::{Value, json};

fn shipped() -> App {
    let mut app = App::new(Chronology::shipped());
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    app
}

/// The shipped chronology's JSON, edited by `edit`, loaded.
fn edited(edit: impl FnOnce(&mut Value)) -> Chronology {
    let mut doc: Value = serde_json::from_str(SHIPPED_JSON).unwrap();
    edit(&mut doc);
    Chronology::from_str(&doc.to_string()).expect("the edited file is valid")
}

fn events(doc: &mut Value) -> &mut Vec<Value> {
    doc["events"].as_array_mut().unwrap()
}

/// Feeds the new version to `update`, as the shell does once the loader thread has built it.
fn reload(app: &mut App, new: Chronology) -> Effects {
    let diff = diff(&app.chronology, &new);
    let reload = Reload {
        fresh: Some(Fresh(Box::new(App::new(new)))),
        diff,
        problems: Problems::default(),
    };
    update(app, Action::Reloaded(Box::new(reload)))
}

fn selected_id(app: &App) -> &str {
    &app.chronology.events[app.selected_event().expect("a selection")].id
}

fn select_id(app: &mut App, id: &str) {
    update(app, Action::SelectFirst);
    while selected_id(app) != id {
        update(app, Action::SelectNext);
    }
}

fn early_event(id: &str) -> Value {
    json!({
        "id": id,
        "date": "1920-01-01",
        "title": format!("Added {id}"),
        "summary": "added while quipu was open",
        "actors": [{"actor": "peru"}],
        "sources": [{"source": "lcs-peru"}]
    })
}

#[test]
fn events_added_before_the_selection_keep_it_on_the_same_row() {
    let mut app = shipped();
    select_id(&mut app, "self-coup");
    let row = app.timeline.selected - app.timeline.offset;
    let new = edited(|doc| {
        for n in 0..3 {
            events(doc).push(early_event(&format!("early-{n}")));
        }
    });
    let effects = reload(&mut app, new);
    assert_eq!(selected_id(&app), "self-coup");
    assert_eq!(app.timeline.selected - app.timeline.offset, row, "no jump");
    assert_eq!(app.chronology.events.len(), 59);
    assert_eq!(app.status.as_deref(), Some("reloaded: 3 added"));
    assert!(
        matches!(effects.first(), Some(Effect::Retire(_))),
        "the old version is handed to the shell first: {effects:?}"
    );
}

#[test]
fn a_deleted_selection_moves_to_its_nearest_neighbour_in_time() {
    let mut app = shipped();
    select_id(&mut app, "self-coup");
    let day = app.place_days[app.selected_event().unwrap()];
    let new = edited(|doc| {
        events(doc).retain(|e| e["id"] != "self-coup");
        for e in events(doc) {
            for list in ["consequences", "causes"] {
                if let Some(links) = e.get_mut(list).and_then(Value::as_array_mut) {
                    links.retain(|l| l["event"] != "self-coup");
                }
            }
        }
    });
    reload(&mut app, new);
    let now = app.selected_event().unwrap();
    assert!(app.chronology.event_ix("self-coup").is_none());
    // Nothing is nearer in time than what was selected.
    let distance = (app.place_days[now] - day).abs();
    let nearest = app
        .place_days
        .iter()
        .map(|d| (d - day).abs())
        .min()
        .unwrap();
    assert_eq!(distance, nearest, "selected {}", selected_id(&app));
    assert_eq!(
        app.status.as_deref(),
        Some("reloaded: 1 removed · the selected event is gone: on its nearest in time")
    );
}

/// The filter is a query: a reload runs its text again on the new version, so an event added
/// that it selects shows at once; a query naming an actor that vanished cannot run, and the
/// filter is lifted with the reason said.
#[test]
fn the_filter_runs_again_on_the_new_version_or_is_lifted_with_the_reason() {
    use quipu::tui::filter::run_now;
    let mut app = shipped();
    select_id(&mut app, "self-coup");
    // Filter to Fujimori (the event's first actor), then narrow to the armed forces, its second.
    let asked = update(&mut app, Action::FocusNext);
    run_now(&mut app, asked);
    let asked = update(&mut app, Action::FilterByActor);
    run_now(&mut app, asked);
    assert_eq!(app.focus, Focus::Actors);
    update(&mut app, Action::SelectNext);
    let asked = update(&mut app, Action::FilterByActor);
    run_now(&mut app, asked);
    let filter = app.filter.clone().expect("a filter");
    assert_eq!(filter.actors.len(), 2, "{}", filter.query);
    // A new event with both actors joins the filter.
    let new = edited(|doc| {
        let mut added = early_event("both-again");
        added["actors"] = json!([{"actor": "fujimori"}, {"actor": "armed-forces"}]);
        events(doc).push(added);
    });
    reload(&mut app, new);
    let shown = app.filter.as_ref().expect("the filter stays");
    assert_eq!(shown.query, filter.query);
    assert_eq!(shown.events.len(), filter.events.len() + 1);
    assert!(
        shown
            .events
            .iter()
            .any(|&ix| app.chronology.events[ix].id == "both-again")
    );
    assert_eq!(selected_id(&app), "self-coup");
    // The armed forces leave the file: the query cannot name them any more.
    let new = edited(|doc| {
        doc["actors"]
            .as_array_mut()
            .unwrap()
            .retain(|a| a["id"] != "armed-forces");
        for e in events(doc) {
            e["actors"]
                .as_array_mut()
                .unwrap()
                .retain(|p| p["actor"] != "armed-forces");
        }
    });
    reload(&mut app, new);
    assert!(app.filter.is_none(), "{:?}", app.filter);
    assert_eq!(selected_id(&app), "self-coup");
    let status = app.status.as_deref().unwrap();
    assert!(status.contains("the filter actor:"), "{status}");
    assert!(status.contains("is lifted"), "{status}");
}

#[test]
fn history_and_the_focused_link_follow_their_events() {
    let mut app = shipped();
    select_id(&mut app, "self-coup");
    // Into the consequences, onto the second, and follow it: a jump Back can undo.
    update(&mut app, Action::FocusNext);
    update(&mut app, Action::FocusNext);
    assert_eq!(app.focus, Focus::Consequences);
    update(&mut app, Action::SelectNext);
    let followed = {
        let event = &app.chronology.events[app.selected_event().unwrap()];
        app.chronology.events[event.consequences[1].event]
            .id
            .clone()
    };
    update(&mut app, Action::FollowLink);
    assert_eq!(selected_id(&app), followed);
    reload(
        &mut app,
        edited(|doc| events(doc).push(early_event("early"))),
    );
    assert_eq!(selected_id(&app), followed);
    update(&mut app, Action::Back);
    assert_eq!(
        selected_id(&app),
        "self-coup",
        "Back still goes where it went"
    );
    assert_eq!(app.focus, Focus::Consequences);
    assert_eq!(app.item, 1, "on the consequence that was followed");
    update(&mut app, Action::Forward);
    assert_eq!(selected_id(&app), followed);
}

#[test]
fn the_focused_item_is_kept_by_id_when_its_list_changes() {
    let mut app = shipped();
    select_id(&mut app, "self-coup");
    update(&mut app, Action::FocusNext);
    assert_eq!(app.focus, Focus::Actors);
    update(&mut app, Action::SelectNext);
    update(&mut app, Action::SelectNext);
    // The third actor, Peru, becomes the first.
    let new = edited(|doc| {
        let coup = events(doc)
            .iter_mut()
            .find(|e| e["id"] == "self-coup")
            .unwrap();
        coup["actors"].as_array_mut().unwrap().reverse();
    });
    reload(&mut app, new);
    assert_eq!(app.focus, Focus::Actors);
    assert_eq!(app.item, 0);
    assert_eq!(app.status.as_deref(), Some("reloaded: 1 changed"));
}

#[test]
fn an_open_chain_view_and_the_zoom_survive() {
    let mut app = shipped();
    select_id(&mut app, "self-coup");
    update(&mut app, Action::ZoomIn);
    update(&mut app, Action::ZoomIn);
    let zoom = app.zoom;
    update(&mut app, Action::OpenChain);
    for _ in 0..3 {
        update(&mut app, Action::SelectNext);
    }
    let under_cursor = |app: &App| match app.overlays.last() {
        Some(Overlay::Chain(chain)) => {
            let node = chain.selected_node().unwrap();
            app.chronology.events[node.event].id.clone()
        }
        other => panic!("the chain view is open: {other:?}"),
    };
    let before = under_cursor(&app);
    reload(
        &mut app,
        edited(|doc| events(doc).push(early_event("early"))),
    );
    assert_eq!(under_cursor(&app), before);
    assert_eq!(app.zoom, zoom);
}

#[test]
fn the_palette_asks_again_and_drops_the_old_hits() {
    let mut app = shipped();
    update(&mut app, Action::OpenSearch);
    update(&mut app, Action::PromptInput('p'));
    let generation = app.search_generation;
    let effects = reload(
        &mut app,
        edited(|doc| events(doc).push(early_event("early"))),
    );
    let Some(Overlay::Palette(palette)) = app.overlays.last() else {
        panic!("the palette stays open");
    };
    assert!(palette.hits.is_empty() && palette.answered.is_none());
    assert!(
        app.search_generation > generation,
        "older answers are dropped"
    );
    assert!(
        effects.iter().any(
            |e| matches!(e, Effect::Search { generation: g, .. } if *g == app.search_generation)
        ),
        "{effects:?}"
    );
}

#[test]
fn the_diff_counts_by_id_not_by_position() {
    let old = Chronology::shipped();
    assert_eq!(diff(&old, &Chronology::shipped()), Diff::default());
    // An event added first shifts every index: nothing else changed.
    let new = edited(|doc| events(doc).insert(0, early_event("early")));
    assert_eq!(
        diff(&old, &new),
        Diff {
            added: 1,
            removed: 0,
            changed: 0
        }
    );
    let new = edited(|doc| {
        events(doc).retain(|e| e["id"] != "food-import-bans");
        let coup = events(doc)
            .iter_mut()
            .find(|e| e["id"] == "self-coup")
            .unwrap();
        coup["title"] = json!("A new title");
        events(doc).push(early_event("a"));
        events(doc).push(early_event("b"));
        for e in events(doc) {
            for list in ["consequences", "causes"] {
                if let Some(links) = e.get_mut(list).and_then(Value::as_array_mut) {
                    links.retain(|l| l["event"] != "food-import-bans");
                }
            }
        }
    });
    let doc: Value = serde_json::from_str(SHIPPED_JSON).unwrap();
    let linking = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["consequences"]
                .to_string()
                .contains("\"food-import-bans\"")
        })
        .count();
    // The coup, and each event whose consequences named the bans (the cholera outbreak); not
    // the bans' own effects, whose causes changed only because the bans went.
    assert!(linking >= 1);
    assert_eq!(
        diff(&old, &new),
        Diff {
            added: 2,
            removed: 1,
            changed: 1 + linking
        }
    );
    assert_eq!(Diff::default().summary(), "reloaded: no change");
    assert_eq!(
        Diff {
            added: 2,
            removed: 1,
            changed: 3
        }
        .summary(),
        "reloaded: 2 added, 1 removed, 3 changed"
    );
}

#[test]
fn an_invalid_version_leaves_the_last_good_one_and_opens_the_panel_until_mended() {
    let mut app = shipped();
    select_id(&mut app, "self-coup");
    let broken = Problems::new(
        "f.json".into(),
        Some("f.json".into()),
        vec![quipu::model::Diagnostic::error(12, 3, "unknown actor `x`")],
        vec![Some("self-coup".into())],
        true,
    );
    update(
        &mut app,
        Action::Reloaded(Box::new(Reload {
            fresh: None,
            diff: Diff::default(),
            problems: broken,
        })),
    );
    assert!(matches!(app.overlays.last(), Some(Overlay::Problems(_))));
    assert_eq!(
        app.chronology.events.len(),
        56,
        "the last good version stays"
    );
    assert_eq!(
        app.selected_problem(),
        Some((std::path::Path::new("f.json"), 12)),
        "an editor can open the problem's line"
    );
    // Enter goes to the problem's event in the version shown.
    update(&mut app, Action::SelectFirst);
    update(&mut app, Action::FollowLink);
    assert_eq!(selected_id(&app), "self-coup");
    assert!(app.overlays.is_empty());
    update(&mut app, Action::OpenProblems);
    assert!(matches!(app.overlays.last(), Some(Overlay::Problems(_))));
    reload(&mut app, Chronology::shipped());
    assert!(
        app.overlays.is_empty(),
        "mended: the panel closes by itself"
    );
    assert!(!app.problems.invalid);
}

#[test]
fn warnings_are_counted_in_the_status_line_on_reload() {
    let mut app = shipped();
    let new = Chronology::shipped();
    let reload = Reload {
        diff: diff(&app.chronology, &new),
        fresh: Some(Fresh(Box::new(App::new(new)))),
        problems: Problems::new(
            "f.json".into(),
            Some("f.json".into()),
            vec![
                quipu::model::Diagnostic::warning(1, 1, "a"),
                quipu::model::Diagnostic::warning(2, 1, "b"),
            ],
            vec![None, None],
            false,
        ),
    };
    update(&mut app, Action::Reloaded(Box::new(reload)));
    assert_eq!(
        app.status.as_deref(),
        Some("reloaded: no change · 2 warnings")
    );
    assert!(app.overlays.is_empty(), "warnings alone open no panel");
    assert_eq!(app.problems.warnings, 2, "but `!` lists them");
}

/// After `E`, the editor's answer asks for a reload, and the reload's summary keeps that answer
/// in front instead of replacing it; the file's origin survives, so `E` opens it again.
#[test]
fn the_editors_answer_leads_the_reload_it_causes_and_e_still_opens_the_file() {
    use quipu::app::edit::{EditOutcome, Origin};
    let mut app = shipped();
    app.origin = Origin::File("peru.json".into());
    let asked = update(
        &mut app,
        Action::Edited(EditOutcome::Failed {
            program: "vim".into(),
            status: 1,
        }),
    );
    assert!(asked.contains(&Effect::Reload), "{asked:?}");
    let new = edited(|doc| events(doc)[0]["title"] = json!("Renamed"));
    reload(&mut app, new);
    assert_eq!(
        app.status.as_deref(),
        Some("editor `vim` exited with status 1; the file is as it left it · reloaded: 1 changed")
    );
    assert_eq!(app.origin, Origin::File("peru.json".into()));
    // The note goes with the next key: a later reload says only its own summary.
    update(&mut app, Action::SelectNext);
    reload(&mut app, Chronology::shipped());
    assert_eq!(app.status.as_deref(), Some("reloaded: 1 changed"));
    // An editor that never ran changed nothing: no reload.
    let asked = update(
        &mut app,
        Action::Edited(EditOutcome::NotFound {
            program: "nvi".into(),
            variable: None,
        }),
    );
    assert!(!asked.contains(&Effect::Reload), "{asked:?}");
}

#[test]
fn the_lanes_cursor_stays_in_its_lane_when_its_event_leaves_that_actor() {
    let mut app = shipped();
    select_id(&mut app, "self-coup");
    update(&mut app, Action::OpenLanes);
    let lanes = |app: &App| match app.overlays.last() {
        Some(Overlay::Lanes(lanes)) => lanes.clone(),
        other => panic!("the lanes are open: {other:?}"),
    };
    let before = lanes(&app);
    let actor = before.actor().expect("a lane");
    assert_eq!(before.event, app.selected_event());
    let actor_id = app.chronology.actors[actor].id.clone();
    // The reader takes that actor off the self-coup; the actor keeps other events.
    reload(
        &mut app,
        edited(|doc| {
            let coup = events(doc)
                .iter_mut()
                .find(|e| e["id"] == "self-coup")
                .unwrap();
            coup["actors"]
                .as_array_mut()
                .unwrap()
                .retain(|a| a != &json!(actor_id) && a["actor"] != json!(actor_id));
        }),
    );
    let after = lanes(&app);
    let actor = after.actor().expect("a lane");
    assert_eq!(app.chronology.actors[actor].id, actor_id);
    let event = after.event.expect("an event in the lane");
    assert!(
        app.chronology
            .events_of(actor)
            .binary_search(&event)
            .is_ok(),
        "the cursor is on one of the lane's own events, not on {}",
        app.chronology.events[event].id
    );
}
