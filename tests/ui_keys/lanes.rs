//! The actors' lanes: opening on the selection, moving by lane and by event.

use super::*;
use quipu::app::lanes::LanesView;

fn lanes(app: &App) -> &LanesView {
    match app.top_overlay() {
        Some(Overlay::Lanes(view)) => view,
        other => panic!("lanes not open: {other:?}"),
    }
}

fn lane_event_id(app: &App) -> &str {
    &app.chronology.events[lanes(app).event.expect("an event")].id
}

#[test]
fn lanes_open_on_the_selected_event_and_move_by_lane_and_event() {
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "5 April 1992");
    update(&mut app, Action::OpenLanes);
    assert_eq!(lane_event_id(&app), "self-coup");
    let first = lanes(&app).actor().unwrap();
    assert!(
        app.chronology.events_of(first).len()
            >= app.chronology.events_of(lanes(&app).actors[1]).len()
    );

    // l and h walk the lane's own events, in reading order.
    update(&mut app, Action::NextInLane);
    let actor = lanes(&app).actor().unwrap();
    let events = app.chronology.events_of(actor);
    let coup = app.chronology.event_ix("self-coup").unwrap();
    let at = events.binary_search(&coup).unwrap();
    assert_eq!(lanes(&app).event, events.get(at + 1).copied());
    update(&mut app, Action::PrevInLane);
    assert_eq!(lane_event_id(&app), "self-coup");

    // j moves to the next lane, onto an event of that actor.
    update(&mut app, Action::NextLane);
    assert_eq!(lanes(&app).lane, 1);
    let actor = lanes(&app).actor().unwrap();
    let event = lanes(&app).event.unwrap();
    assert!(
        app.chronology
            .events_of(actor)
            .binary_search(&event)
            .is_ok()
    );
    update(&mut app, Action::PrevLane);
    update(&mut app, Action::PrevLane);
    assert_eq!(lanes(&app).lane, 0, "k stops at the first lane");

    // + and - zoom the lanes with the axis.
    let zoom = app.zoom;
    update(&mut app, Action::ZoomIn);
    assert_eq!(app.zoom, zoom + 1);
    update(&mut app, Action::ZoomOut);
    assert_eq!(app.zoom, zoom);

    // Enter shows the lanes' event in the timeline.
    update(&mut app, Action::NextInLane);
    let chosen = lanes(&app).event.unwrap();
    update(&mut app, Action::OpenInTimeline);
    assert!(app.overlays.is_empty());
    assert_eq!(app.selected_event(), Some(chosen));
    update(&mut app, Action::Back);
    assert_eq!(selected_id(&app), "self-coup", "Back returns from the jump");
}

#[test]
fn space_in_the_actors_view_picks_the_lanes() {
    let mut app = shipped(120, 40);
    update(&mut app, Action::OpenActors);
    update(&mut app, Action::SelectNext);
    update(&mut app, Action::ToggleLane);
    update(&mut app, Action::SelectNext);
    update(&mut app, Action::ToggleLane);
    assert_eq!(app.lane_picks.len(), 2);
    let picked = app.lane_picks.clone();
    update(&mut app, Action::ToggleLane);
    assert_eq!(app.lane_picks, picked[..1], "Space again unpicks");
    update(&mut app, Action::Close);
    update(&mut app, Action::OpenLanes);
    assert_eq!(lanes(&app).actors, picked[..1]);
}

#[test]
fn lanes_follow_the_actor_filter() {
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "5 April 1992");
    update(&mut app, Action::FocusNext);
    act(&mut app, Action::FilterByActor);
    let filter = app.filter.clone().unwrap();
    update(&mut app, Action::OpenLanes);
    assert_eq!(lanes(&app).actors, filter.actors);
}

#[test]
fn the_keys_reach_the_lanes() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use quipu::app::keymap::resolve;
    let mut app = shipped(120, 40);
    let key = |c: KeyCode| KeyEvent::new(c, KeyModifiers::NONE);
    assert_eq!(
        resolve(&app, &key(KeyCode::Char('s'))),
        Some(Action::OpenLanes)
    );
    update(&mut app, Action::OpenLanes);
    for (code, action) in [
        (KeyCode::Char('j'), Action::NextLane),
        (KeyCode::Down, Action::NextLane),
        (KeyCode::Char('k'), Action::PrevLane),
        (KeyCode::Char('h'), Action::PrevInLane),
        (KeyCode::Left, Action::PrevInLane),
        (KeyCode::Char('l'), Action::NextInLane),
        (KeyCode::Right, Action::NextInLane),
        (KeyCode::Char('+'), Action::ZoomIn),
        (KeyCode::Char('-'), Action::ZoomOut),
        (KeyCode::Enter, Action::OpenInTimeline),
        (KeyCode::Esc, Action::Close),
    ] {
        assert_eq!(resolve(&app, &key(code)), Some(action), "{code:?}");
    }
}
