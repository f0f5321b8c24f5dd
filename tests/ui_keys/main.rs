//! Key sequences fed straight into `update`, checked against what a reader would expect.

use quipu::app::overlay::Overlay;
use quipu::app::{Action, App, Effect, Focus, update};
use quipu::model::Chronology;

mod edit;
mod lanes;
mod palette;
mod problems;
mod query;
mod unified_search;
mod views;

fn shipped(width: u16, height: u16) -> App {
    let mut app = App::new(Chronology::shipped());
    update(&mut app, Action::Resize { width, height });
    app
}

fn run(app: &mut App, actions: &[Action]) {
    for action in actions {
        act(app, action.clone());
    }
}

/// One action, with the queries it asks for answered at once, as the shell's threads would.
fn act(app: &mut App, action: Action) -> Vec<Effect> {
    let asked = update(app, action);
    quipu::tui::filter::run_now(app, asked)
}

fn selected_id(app: &App) -> &str {
    let ix = app.selected_event().expect("an event is selected");
    &app.chronology.events[ix].id
}

fn jump_to_date(app: &mut App, text: &str) {
    update(app, Action::OpenDatePrompt);
    for c in text.chars() {
        update(app, Action::PromptInput(c));
    }
    update(app, Action::PromptSubmit);
}

fn select_id(app: &mut App, id: &str) {
    let ix = app.chronology.event_ix(id).expect("known id");
    let pos = app.position_of(ix).expect("visible");
    update(app, Action::SelectFirst);
    for _ in 0..pos {
        update(app, Action::SelectNext);
    }
    assert_eq!(selected_id(app), id);
}

fn consequence_titles(app: &App) -> Vec<&str> {
    let event = &app.chronology.events[app.selected_event().unwrap()];
    event
        .consequences
        .iter()
        .map(|l| app.chronology.events[l.event].title.as_str())
        .collect()
}

#[test]
fn jump_to_the_self_coup_by_date() {
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "1992-04-05");
    assert_eq!(selected_id(&app), "self-coup");
    assert!(app.overlays.is_empty(), "the prompt closes after a jump");
    assert!(
        consequence_titles(&app)
            .iter()
            .any(|t| t.contains("United States suspends"))
    );
}

#[test]
fn jump_to_a_month_lands_on_its_first_event() {
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "1991-05");
    let ix = app.selected_event().unwrap();
    let date = &app.chronology.events[ix].date;
    assert!(date.earliest >= quipu::model::date::day_number(1991, 5, 1));
    assert!(date.earliest <= quipu::model::date::day_number(1991, 5, 31));
}

#[test]
fn jump_outside_the_span_lands_on_the_nearest_end() {
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "1900");
    assert_eq!(app.timeline.selected, 0);
    assert_eq!(
        app.status.as_deref(),
        Some("1900 is before every event shown: at the first one")
    );
    jump_to_date(&mut app, "2020");
    assert_eq!(app.timeline.selected, app.visible_len() - 1);
    assert_eq!(
        app.status.as_deref(),
        Some("2020 is after every event shown: at the last one")
    );
    // A year of EDTF's long form, however far, is the same jump, and said the same way.
    jump_to_date(&mut app, "Y999999999999");
    assert_eq!(app.timeline.selected, app.visible_len() - 1);
    assert!(app.status.as_deref().unwrap().contains("after every event"));
    // Inside the span nothing is said.
    app.status = None;
    jump_to_date(&mut app, "1992-04-05");
    assert_eq!(app.status, None);
}

#[test]
fn a_bad_date_keeps_the_prompt_open_with_the_reason() {
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "April");
    match app.top_overlay() {
        Some(Overlay::DatePrompt(prompt)) => assert!(prompt.error.is_some()),
        other => panic!("prompt closed: {other:?}"),
    }
    update(&mut app, Action::Close);
    assert!(app.overlays.is_empty());
    assert_eq!(app.timeline.selected, 0, "a refused date moves nothing");
}

#[test]
fn dates_as_people_write_them_jump_like_edtf() {
    for text in ["5 April 1992", "April 5, 1992", "5 apr 1992"] {
        let mut app = shipped(120, 40);
        jump_to_date(&mut app, text);
        assert_eq!(selected_id(&app), "self-coup", "{text}");
        assert!(app.overlays.is_empty(), "{text}: the prompt closes");
    }
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "May 1991");
    let may = quipu::model::date::day_number(1991, 5, 1);
    let ix = app.selected_event().unwrap();
    assert!(app.chronology.events[ix].date.latest >= may);
}

#[test]
fn today_comes_from_the_app_not_the_clock() {
    let mut app = shipped(120, 40);
    app.today = quipu::model::date::day_number(1992, 4, 5);
    jump_to_date(&mut app, "today");
    assert_eq!(selected_id(&app), "self-coup");
}

#[test]
fn an_ambiguous_date_names_both_readings() {
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "5/4/1992");
    match app.top_overlay() {
        Some(Overlay::DatePrompt(prompt)) => {
            let error = prompt.error.as_deref().unwrap_or_default();
            assert!(
                error.contains("5 April 1992") && error.contains("4 May 1992"),
                "{error}"
            );
        }
        other => panic!("prompt closed: {other:?}"),
    }
}

#[test]
fn following_a_consequence_and_coming_back_restores_the_selection() {
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "1992-04-05");
    let before = app.timeline;
    // Tab: actors, Tab: consequences; third consequence is the US aid suspension.
    run(&mut app, &[Action::FocusNext, Action::FocusNext]);
    assert_eq!(app.focus, Focus::Consequences);
    run(
        &mut app,
        &[Action::SelectNext, Action::SelectNext, Action::FollowLink],
    );
    assert_eq!(selected_id(&app), "us-suspends-aid");
    assert_eq!(app.focus, Focus::Timeline);

    update(&mut app, Action::Back);
    assert_eq!(selected_id(&app), "self-coup");
    assert_eq!(app.timeline, before);
    assert_eq!(
        app.focus,
        Focus::Consequences,
        "back puts the cursor on the link followed"
    );
    assert_eq!(app.item, 2);

    update(&mut app, Action::Forward);
    assert_eq!(selected_id(&app), "us-suspends-aid");
    update(&mut app, Action::Forward);
    assert_eq!(
        selected_id(&app),
        "us-suspends-aid",
        "nothing further forward"
    );
    assert!(app.status.is_some());
}

#[test]
fn following_a_cause_goes_upstream() {
    let mut app = shipped(120, 40);
    select_id(&mut app, "us-suspends-aid");
    update(&mut app, Action::FocusPrev);
    assert_eq!(app.focus, Focus::Causes);
    update(&mut app, Action::FollowLink);
    assert_eq!(selected_id(&app), "self-coup");
}

#[test]
fn a_new_jump_forgets_the_forward_trail() {
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "1992-04-05");
    jump_to_date(&mut app, "1990");
    update(&mut app, Action::Back);
    assert_eq!(selected_id(&app), "self-coup");
    jump_to_date(&mut app, "1991");
    update(&mut app, Action::Forward);
    assert!(app.status.is_some(), "forward trail was dropped");
}

#[test]
fn filters_narrow_and_clear() {
    let mut app = shipped(120, 40);
    let all = app.visible_len();
    let us = app.chronology.actor_ix("united-states").unwrap();
    let fujimori = app.chronology.actor_ix("fujimori").unwrap();

    update(&mut app, Action::OpenActors);
    let Some(Overlay::Actors(view)) = app.top_overlay() else {
        panic!("actors view did not open");
    };
    let at = view.order.iter().position(|&a| a == us).unwrap();
    for _ in 0..at {
        update(&mut app, Action::SelectNext);
    }
    act(&mut app, Action::FilterByActor);
    assert!(app.overlays.is_empty(), "choosing an actor closes the view");
    let us_only = app.visible_len();
    assert_eq!(us_only, app.chronology.events_of(us).len());
    assert!(us_only < all);
    for pos in 0..us_only {
        let ix = app.visible_event(pos).unwrap();
        assert!(
            app.chronology.events[ix]
                .actors
                .iter()
                .any(|p| p.actor == us)
        );
    }

    update(&mut app, Action::OpenActors);
    let Some(Overlay::Actors(view)) = app.top_overlay() else {
        panic!("actors view did not open");
    };
    let at = view.order.iter().position(|&a| a == fujimori).unwrap();
    update(&mut app, Action::SelectFirst);
    for _ in 0..at {
        update(&mut app, Action::SelectNext);
    }
    act(&mut app, Action::FilterByActor);
    let both = app.visible_len();
    assert!(both <= us_only && both > 0);
    for pos in 0..both {
        let event = &app.chronology.events[app.visible_event(pos).unwrap()];
        assert!(event.actors.iter().any(|p| p.actor == us));
        assert!(event.actors.iter().any(|p| p.actor == fujimori));
    }
    assert_eq!(app.filter.as_ref().unwrap().actors, vec![us, fujimori]);

    update(&mut app, Action::Back);
    assert_eq!(app.visible_len(), us_only, "back undoes the narrowing");
    update(&mut app, Action::ClearFilter);
    assert_eq!(app.visible_len(), all);
    assert!(app.filter.is_none());
}

#[test]
fn enter_on_an_actor_in_the_detail_filters_and_keeps_the_event() {
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "1992-04-05");
    update(&mut app, Action::FocusNext);
    assert_eq!(app.focus, Focus::Actors);
    act(&mut app, Action::FilterByActor);
    assert!(app.filter.is_some());
    assert_eq!(selected_id(&app), "self-coup");
}

#[test]
fn following_a_link_hidden_by_the_filter_lifts_it_and_back_restores_it() {
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "1992-04-05");
    update(&mut app, Action::FocusNext);
    act(&mut app, Action::FilterByActor); // Fujimori, the first actor
    let filtered = app.visible_len();
    run(
        &mut app,
        &[Action::FocusNext, Action::SelectNext, Action::SelectNext],
    );
    assert_eq!(app.focus, Focus::Consequences);
    update(&mut app, Action::FollowLink);
    assert_eq!(selected_id(&app), "us-suspends-aid");
    update(&mut app, Action::Back);
    assert_eq!(app.visible_len(), filtered);
    assert_eq!(selected_id(&app), "self-coup");
}

#[test]
fn first_last_and_paging() {
    let mut app = shipped(120, 40);
    let len = app.visible_len();
    update(&mut app, Action::SelectLast);
    assert_eq!(app.timeline.selected, len - 1);
    update(&mut app, Action::SelectFirst);
    assert_eq!(app.timeline.selected, 0);
    let height = usize::from(
        quipu::app::layout::Layout::for_size(120, 40)
            .timeline
            .height,
    );
    update(&mut app, Action::HalfPageDown);
    assert_eq!(app.timeline.selected, height / 2);
    update(&mut app, Action::HalfPageUp);
    assert_eq!(app.timeline.selected, 0);
    update(&mut app, Action::PageDown);
    assert_eq!(app.timeline.selected, height.min(len - 1));
    update(&mut app, Action::SelectPrev);
    update(&mut app, Action::PageUp);
    assert_eq!(app.timeline.selected, 0);
}

#[test]
fn years_and_eras_move_through_time() {
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "1990");
    let year_of =
        |app: &App| quipu::model::date::year_of(app.place_days[app.selected_event().unwrap()]);
    assert_eq!(year_of(&app), 1990);
    update(&mut app, Action::NextYear);
    assert_eq!(year_of(&app), 1991);
    update(&mut app, Action::NextYear);
    assert_eq!(year_of(&app), 1992);
    update(&mut app, Action::PrevYear);
    assert_eq!(year_of(&app), 1991);

    let era_of = |app: &App| {
        app.chronology
            .era_at(app.place_days[app.selected_event().unwrap()])
    };
    update(&mut app, Action::SelectFirst);
    update(&mut app, Action::NextEra);
    let first = era_of(&app).expect("landed in an era");
    update(&mut app, Action::NextEra);
    let second = era_of(&app).expect("landed in an era");
    assert!(second > first);
    update(&mut app, Action::PrevEra);
    assert_eq!(era_of(&app), Some(first));
}

#[test]
fn esc_closes_the_innermost_thing_first() {
    let mut app = shipped(120, 40);
    run(&mut app, &[Action::OpenActors, Action::OpenHelp]);
    assert_eq!(app.overlays.len(), 2);
    update(&mut app, Action::Close);
    assert!(matches!(app.top_overlay(), Some(Overlay::Actors(_))));
    update(&mut app, Action::Close);
    assert!(app.overlays.is_empty());
    run(&mut app, &[Action::FocusNext]);
    assert_eq!(app.focus, Focus::Actors);
    update(&mut app, Action::Close);
    assert_eq!(app.focus, Focus::Timeline);
    assert!(!update(&mut app, Action::Close).contains(&Effect::Quit));
    assert_eq!(update(&mut app, Action::Quit), [Effect::Quit]);
}

#[test]
fn chain_view_reaches_transitive_consequences_and_jumps() {
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "1992-04-05");
    update(&mut app, Action::OpenChain);
    let Some(Overlay::Chain(chain)) = app.top_overlay() else {
        panic!("chain did not open");
    };
    let ids: Vec<&str> = chain
        .nodes
        .iter()
        .map(|n| app.chronology.events[n.event].id.as_str())
        .collect();
    // Two steps downstream: coup → US aid → IMF arrears.
    assert!(ids.contains(&"arrears-clearance-impossible"));
    let target = chain
        .rows
        .iter()
        .position(|&n| app.chronology.events[chain.nodes[n].event].id == "us-suspends-aid")
        .unwrap();
    let rows_before = chain.rows.len();
    for _ in 0..target {
        update(&mut app, Action::SelectNext);
    }
    update(&mut app, Action::Collapse);
    let Some(Overlay::Chain(chain)) = app.top_overlay() else {
        panic!()
    };
    assert!(chain.rows.len() < rows_before, "folding hides the subtree");
    update(&mut app, Action::Expand);
    update(&mut app, Action::FollowLink);
    assert!(app.overlays.is_empty());
    assert_eq!(selected_id(&app), "us-suspends-aid");
    update(&mut app, Action::Back);
    assert_eq!(selected_id(&app), "self-coup");
}

#[test]
fn tiny_and_huge_sizes_keep_cursors_valid() {
    for (w, h) in [(1, 1), (0, 0), (3, 2), (40, 10), (500, 200)] {
        let mut app = shipped(w, h);
        run(
            &mut app,
            &[
                Action::SelectLast,
                Action::PageUp,
                Action::HalfPageDown,
                Action::OpenChain,
                Action::PageDown,
                Action::Click { column: 0, row: 0 },
                Action::Close,
                Action::Click {
                    column: w / 2,
                    row: h / 2,
                },
                Action::ScrollDown { column: 0, row: 0 },
            ],
        );
        assert!(app.timeline.offset <= app.timeline.selected);
        assert!(app.timeline.selected < app.visible_len());
    }
}

#[test]
fn empty_chronology_does_not_panic() {
    let chronology = Chronology::from_str(r#"{"quipu": 1, "title": "nothing yet"}"#).unwrap();
    let mut app = App::new(chronology);
    for action in [
        Action::SelectNext,
        Action::SelectLast,
        Action::NextYear,
        Action::PrevEra,
        Action::OpenChain,
        Action::OpenActors,
        Action::FilterByActor,
        Action::FocusNext,
        Action::FollowLink,
        Action::Back,
        Action::ZoomIn,
    ] {
        update(&mut app, action);
    }
    jump_to_date(&mut app, "1990");
    assert_eq!(app.selected_event(), None);
}

#[test]
fn clicks_select_events_and_items() {
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "1992-04-05");
    let layout = quipu::app::layout::Layout::for_size(120, 40);

    // A click on a consequence in the detail pane puts the cursor on it.
    let text = layout.detail_text();
    let content = quipu::app::detail::layout(&app, usize::from(text.width));
    let &(focus, item, line) = content
        .items
        .iter()
        .find(|(f, p, _)| *f == Focus::Consequences && *p == 2)
        .expect("third consequence is listed");
    let row = text.y + u16::try_from(line).unwrap();
    assert!(row < text.bottom(), "visible without scrolling at 120x40");
    update(
        &mut app,
        Action::Click {
            column: text.x + 2,
            row,
        },
    );
    assert_eq!((app.focus, app.item), (focus, item));
    update(&mut app, Action::FollowLink);
    assert_eq!(selected_id(&app), "us-suspends-aid");

    // A click on the first timeline row selects the event drawn there.
    let rows = app.timeline_rows(app.timeline.offset, usize::from(layout.timeline.height));
    let (at, pos) = rows
        .iter()
        .enumerate()
        .find_map(|(i, r)| match r {
            quipu::app::timeline::Row::Event(pos) => Some((i, *pos)),
            quipu::app::timeline::Row::Era(_) | quipu::app::timeline::Row::NoEra => None,
        })
        .unwrap();
    update(
        &mut app,
        Action::Click {
            column: 5,
            row: layout.timeline.y + u16::try_from(at).unwrap(),
        },
    );
    assert_eq!(app.timeline.selected, pos);
    assert_eq!(app.focus, Focus::Timeline);

    // A click at the right end of the axis jumps to the latest events.
    let density = layout.density_row().unwrap();
    update(
        &mut app,
        Action::Click {
            column: 119,
            row: density,
        },
    );
    let day = app.place_days[app.selected_event().unwrap()];
    assert!(quipu::model::date::year_of(day) >= 1990);

    // Every row of the axis, not only the density bars, takes a click.
    for row in layout.header.y + 1..layout.header.bottom() {
        update(&mut app, Action::SelectLast);
        update(&mut app, Action::Click { column: 0, row });
        let window = app.axis_window().unwrap();
        let day = app.place_days[app.selected_event().unwrap()];
        assert!(day >= window.start, "row {row}");
        assert_ne!(app.timeline.selected, app.visible_len() - 1, "row {row}");
    }
}
