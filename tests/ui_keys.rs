//! Key sequences fed straight into `update`, checked against what a reader would expect.

use quipu::app::overlay::Overlay;
use quipu::app::{Action, App, Effect, Focus, update};
use quipu::model::Chronology;

fn shipped(width: u16, height: u16) -> App {
    let mut app = App::new(Chronology::shipped());
    update(&mut app, Action::Resize { width, height });
    app
}

fn run(app: &mut App, actions: &[Action]) {
    for action in actions {
        update(app, action.clone());
    }
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
    jump_to_date(&mut app, "2020");
    assert_eq!(app.timeline.selected, app.visible_len() - 1);
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
    update(&mut app, Action::FilterByActor);
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
    update(&mut app, Action::FilterByActor);
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
    update(&mut app, Action::FilterByActor);
    assert!(app.filter.is_some());
    assert_eq!(selected_id(&app), "self-coup");
}

#[test]
fn following_a_link_hidden_by_the_filter_lifts_it_and_back_restores_it() {
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "1992-04-05");
    update(&mut app, Action::FocusNext);
    update(&mut app, Action::FilterByActor); // Fujimori, the first actor
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

mod palette {
    use super::*;
    use quipu::app::palette::Palette;
    use quipu::search::{Field, SearchIndex};
    use quipu::tui::search::run_now;

    fn index(app: &App) -> SearchIndex {
        SearchIndex::build(&app.chronology)
    }

    /// Types into the open palette, answering each keystroke as the worker would.
    fn type_in(app: &mut App, index: &SearchIndex, text: &str) {
        for c in text.chars() {
            let asked = update(app, Action::PromptInput(c));
            run_now(app, index, asked);
        }
    }

    fn palette(app: &App) -> &Palette {
        match app.overlays.last() {
            Some(Overlay::Palette(palette)) => palette,
            other => panic!("palette expected, found {other:?}"),
        }
    }

    fn hit_names(app: &App) -> Vec<&str> {
        palette(app)
            .hits
            .iter()
            .map(|h| app.chronology.actors[h.item].name.as_str())
            .collect()
    }

    fn filter_names(app: &App) -> Vec<&str> {
        app.filter
            .as_ref()
            .map(|f| {
                f.actors
                    .iter()
                    .map(|&a| app.chronology.actors[a].name.as_str())
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn empty_query_lists_every_actor_busiest_first() {
        let mut app = shipped(120, 40);
        let index = index(&app);
        let asked = update(&mut app, Action::OpenSearch);
        run_now(&mut app, &index, asked);
        let counts: Vec<usize> = palette(&app)
            .hits
            .iter()
            .map(|h| app.chronology.events_of(h.item).len())
            .collect();
        assert_eq!(counts.len(), app.chronology.actors.len());
        assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    }

    #[test]
    fn typing_narrows_and_enter_filters_like_the_actors_view() {
        let mut app = shipped(120, 40);
        let index = index(&app);
        jump_to_date(&mut app, "1992-04-05");
        let before = app.timeline;
        let asked = update(&mut app, Action::OpenSearch);
        run_now(&mut app, &index, asked);
        let all = palette(&app).hits.len();
        type_in(&mut app, &index, "fuj");
        assert!(palette(&app).hits.len() < all, "typing narrows");
        assert_eq!(hit_names(&app)[0], "Alberto Fujimori");
        assert_eq!(app.timeline, before, "typing never moves the selection");
        update(&mut app, Action::PromptSubmit);
        assert!(app.overlays.is_empty(), "Enter closes the palette");
        assert_eq!(filter_names(&app), ["Alberto Fujimori"]);
        assert!(app.history.can_go_back());
        update(&mut app, Action::Back);
        assert!(
            app.filter.is_none(),
            "Back undoes the filter as for the actors view"
        );
        assert_eq!(selected_id(&app), "self-coup");
    }

    #[test]
    fn esc_restores_the_selection_and_keys_move_in_the_results() {
        let mut app = shipped(120, 40);
        let index = index(&app);
        jump_to_date(&mut app, "1992-04-05");
        let before = (app.timeline, app.focus, app.filter.clone());
        let asked = update(&mut app, Action::OpenSearch);
        run_now(&mut app, &index, asked);
        run(&mut app, &[Action::SelectNext, Action::SelectNext]);
        assert_eq!(palette(&app).cursor.selected, 2);
        update(&mut app, Action::SelectPrev);
        assert_eq!(palette(&app).cursor.selected, 1);
        type_in(&mut app, &index, "pe");
        assert_eq!(
            palette(&app).cursor.selected,
            0,
            "a new answer starts at the best"
        );
        update(&mut app, Action::PromptClear);
        assert_eq!(palette(&app).input, "");
        update(&mut app, Action::Close);
        assert!(app.overlays.is_empty());
        assert_eq!((app.timeline, app.focus, app.filter.clone()), before);
        assert_eq!(selected_id(&app), "self-coup");
    }

    #[test]
    fn stale_answers_are_ignored_and_enter_waits_for_the_typed_query() {
        let mut app = shipped(120, 40);
        let index = index(&app);
        update(&mut app, Action::OpenSearch);
        let old = app.search_generation;
        update(&mut app, Action::PromptInput('v'));
        update(
            &mut app,
            Action::SearchResults {
                generation: old,
                hits: Vec::new(),
                complete: true,
            },
        );
        assert!(
            palette(&app).answered.is_none(),
            "an older answer is dropped"
        );
        type_in(&mut app, &index, "ene");
        let asked = update(&mut app, Action::PromptInput('z'));
        update(&mut app, Action::PromptSubmit);
        assert!(!app.overlays.is_empty(), "Enter before the answer waits");
        run_now(&mut app, &index, asked);
        assert_eq!(filter_names(&app), ["Venezuela"]);
    }

    #[test]
    fn alias_match_and_accents() {
        let mut app = shipped(120, 40);
        let index = index(&app);
        update(&mut app, Action::OpenSearch);
        type_in(&mut app, &index, "imf");
        let top = palette(&app).hits[0].clone();
        assert_eq!(
            app.chronology.actors[top.item].name,
            "International Monetary Fund"
        );
        assert!(matches!(top.field, Field::Alias(_)));
        update(&mut app, Action::PromptClear);
        type_in(&mut app, &index, "comun");
        assert!(
            hit_names(&app).contains(&"Mercado Común del Sur"),
            "{:?}",
            hit_names(&app)
        );
    }

    #[test]
    fn no_match_keeps_the_palette_open() {
        let mut app = shipped(120, 40);
        let index = index(&app);
        update(&mut app, Action::OpenSearch);
        type_in(&mut app, &index, "zzqxw");
        assert!(palette(&app).hits.is_empty());
        assert!(palette(&app).is_current());
        update(&mut app, Action::PromptSubmit);
        assert!(matches!(app.overlays.last(), Some(Overlay::Palette(_))));
        assert!(app.filter.is_none());
    }

    fn cholera_search(app: &mut App, index: &SearchIndex) {
        update(app, Action::OpenSearch);
        type_in(app, index, "#cholera");
        update(app, Action::PromptSubmit);
    }

    #[test]
    fn event_search_jumps_and_n_walks_the_matches_in_time_order() {
        let mut app = shipped(120, 40);
        let index = index(&app);
        update(&mut app, Action::SearchNext);
        assert!(
            app.status
                .as_deref()
                .unwrap_or("")
                .contains("No search yet")
        );
        jump_to_date(&mut app, "1992-04-05");
        let from = app.selected_event();
        cholera_search(&mut app, &index);
        assert!(app.overlays.is_empty());
        let first = app.selected_event().unwrap();
        assert!(app.chronology.events[first].title.contains("Cholera"));
        let matches = app.last_search.as_ref().unwrap().matches.clone();
        assert!(matches.len() >= 2, "{matches:?}");
        assert!(matches.windows(2).all(|w| w[0] < w[1]), "time order");
        update(&mut app, Action::Back);
        assert_eq!(app.selected_event(), from, "the jump is in history");

        // From before every match, n goes to the first, then on to the last, then wraps.
        update(&mut app, Action::SelectFirst);
        for (k, &want) in matches.iter().enumerate() {
            update(&mut app, Action::SearchNext);
            assert_eq!(app.selected_event(), Some(want));
            assert_eq!(
                app.status.as_deref(),
                Some(format!("#cholera: match {} of {}", k + 1, matches.len()).as_str()),
                "n says where the reader is among the matches"
            );
        }
        update(&mut app, Action::SearchNext);
        assert_eq!(app.selected_event(), Some(matches[0]));
        assert_eq!(
            app.status.as_deref(),
            Some("search hit BOTTOM, continuing at TOP")
        );
        update(&mut app, Action::SearchPrev);
        assert_eq!(app.selected_event(), Some(*matches.last().unwrap()));
        assert_eq!(
            app.status.as_deref(),
            Some("search hit TOP, continuing at BOTTOM")
        );
    }

    #[test]
    fn esc_does_not_submit_an_event_search() {
        let mut app = shipped(120, 40);
        let index = index(&app);
        update(&mut app, Action::OpenSearch);
        type_in(&mut app, &index, "#cholera");
        update(&mut app, Action::Close);
        assert!(
            app.last_search.is_none(),
            "like vim, only Enter makes n/N search"
        );
    }

    #[test]
    fn e_asks_for_a_format_and_the_answer_is_shown() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        use quipu::app::keymap::resolve;
        use quipu::interchange::Format;
        let press = |app: &mut App, c| {
            let action = resolve(app, &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            update(app, action.expect("a bound key"))
        };
        let mut app = shipped(120, 40);
        let asked = press(&mut app, 'e');
        assert!(matches!(
            app.overlays.last(),
            Some(quipu::app::Overlay::ExportMenu)
        ));
        assert_eq!(asked, [], "nothing is written before a choice");
        assert_eq!(update(&mut app, Action::Close), []);
        assert!(app.overlays.is_empty(), "Esc cancels");
        for (c, format) in [
            ('m', Format::Markdown),
            ('d', Format::Dot),
            ('j', Format::Json),
            ('t', Format::TimelineJs),
        ] {
            press(&mut app, 'e');
            let asked = press(&mut app, c);
            assert_eq!(
                asked,
                [Effect::Export {
                    format,
                    events: None
                }],
                "{c}"
            );
            assert!(app.overlays.is_empty(), "the menu closes on a choice");
            assert_eq!(app.status.as_deref(), Some("Exporting…"));
        }
        update(&mut app, Action::ExportAs(Format::Markdown));
        let n = app.visible_len();
        update(
            &mut app,
            Action::Exported {
                written: Ok(std::path::PathBuf::from("peru.md")),
                events: n,
            },
        );
        assert_eq!(
            app.status.as_deref(),
            Some(format!("exported {n} events to peru.md").as_str())
        );
        update(&mut app, Action::ExportAs(Format::Markdown));
        update(
            &mut app,
            Action::Exported {
                written: Err("disk full".to_owned()),
                events: n,
            },
        );
        assert_eq!(app.status.as_deref(), Some("export failed: disk full"));
    }

    /// The palette ranks at most `PALETTE_LIMIT` hits, so typing stays cheap on huge files; `n`
    /// must still walk every matching event, which the event loop completes once on Enter.
    #[test]
    fn n_walks_every_match_even_past_the_palette_limit() {
        use quipu::app::palette::PALETTE_LIMIT;
        use quipu::search::{Query, Scope};
        use quipu::tui::search::all_event_matches;
        use quipu_gen::{Generator, Layout, Spec};

        let json = Generator::new(Spec {
            events: 3_000,
            actors: 150,
            seed: 3,
        })
        .to_json(Layout::Compact);
        let mut app = App::new(Chronology::from_str(&json).expect("generated files are valid"));
        update(
            &mut app,
            Action::Resize {
                width: 120,
                height: 40,
            },
        );
        let index = index(&app);
        update(&mut app, Action::OpenSearch);
        type_in(&mut app, &index, "#a");
        assert_eq!(palette(&app).hits.len(), PALETTE_LIMIT);
        let query = Query {
            scope: Scope::Events,
            text: "a".into(),
        };
        let screen =
            quipu::ui::text_capture::capture(&app, &quipu::ui::theme::Theme::color(), 120, 40);
        assert!(
            screen.contains(&format!("Search events (best {PALETTE_LIMIT})")),
            "a full palette says it shows the best, not all:\n{screen}"
        );
        let asked = update(&mut app, Action::PromptSubmit);
        assert!(app.overlays.is_empty(), "Enter jumps to the best event");
        assert_eq!(
            asked,
            [Effect::FindAllMatches(query.clone())],
            "a full palette asks for every match"
        );
        assert!(
            !app.last_search.as_ref().unwrap().complete,
            "a full palette may not hold every match"
        );

        // Before the loop has found them all, n waits rather than skip matches the palette did
        // not rank, and says so; the step is taken once the list is complete.
        let from = app.selected_event().unwrap();
        update(&mut app, Action::SearchNext);
        assert_eq!(app.selected_event(), Some(from));
        assert_eq!(app.status.as_deref(), Some("counting the matches for #a…"));

        // What the event loop does with that effect, on a thread there.
        let matches = all_event_matches(&index, &query, &|| false).unwrap();
        update(
            &mut app,
            Action::EventMatches {
                text: query.text.clone(),
                matches,
            },
        );
        let search = app.last_search.clone().unwrap();
        let all: Vec<usize> = (0..app.chronology.events.len()).collect();
        let every = index
            .search_within(
                &Query {
                    scope: Scope::Events,
                    text: "a".into(),
                },
                &all,
                1,
            )
            .matches;
        assert!(search.complete);
        assert!(every.len() > PALETTE_LIMIT, "{} matches", every.len());
        assert_eq!(search.matches, every);

        // The loop runs the same scan on a thread, and stops it when a newer search replaces it.
        assert_eq!(
            all_event_matches(&index, &query, &|| false),
            Some(every.clone())
        );
        assert_eq!(all_event_matches(&index, &query, &|| true), None);

        // The waiting n went to the next match in time, past the ones the palette ranked.
        let next = every
            .iter()
            .copied()
            .find(|&m| m > from)
            .unwrap_or(every[0]);
        assert_eq!(app.selected_event(), Some(next));
        let position = every.iter().position(|&m| m == next).unwrap() + 1;
        assert_eq!(
            app.status,
            Some(format!("#a: match {position} of {}", every.len()))
        );
    }
}

/// `q` closes the innermost view, as in less and tig, and quits only from the main screen; `Q`
/// and `C-c` quit from any view.
#[test]
fn q_closes_the_innermost_view_and_q_quits_from_the_main_screen() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use quipu::app::keymap::resolve;
    let press = |app: &mut App, code: KeyCode, modifiers: KeyModifiers| {
        let action = resolve(app, &KeyEvent::new(code, modifiers));
        action.map(|action| update(app, action))
    };
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "1992-04-05");
    for open in [
        Action::OpenChain,
        Action::OpenActors,
        Action::OpenHelp,
        Action::Export,
    ] {
        update(&mut app, open.clone());
        assert_eq!(app.overlays.len(), 1, "{open:?}");
        let asked = press(&mut app, KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(asked, Some(vec![]), "{open:?}: q does not quit");
        assert!(app.overlays.is_empty(), "{open:?}: q closes it");
        update(&mut app, open.clone());
        let asked = press(&mut app, KeyCode::Char('Q'), KeyModifiers::SHIFT);
        assert_eq!(asked, Some(vec![Effect::Quit]), "{open:?}: Q quits");
        let asked = press(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(asked, Some(vec![Effect::Quit]), "{open:?}: C-c quits");
        update(&mut app, Action::Close);
    }
    // In a prompt q is text; C-c still quits.
    update(&mut app, Action::OpenDatePrompt);
    press(&mut app, KeyCode::Char('q'), KeyModifiers::NONE);
    assert!(matches!(app.overlays.last(), Some(Overlay::DatePrompt(p)) if p.input == "q"));
    let asked = press(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(asked, Some(vec![Effect::Quit]));
    update(&mut app, Action::Close);
    let asked = press(&mut app, KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(
        asked,
        Some(vec![Effect::Quit]),
        "q quits from the main screen"
    );
}

#[test]
fn y_and_capital_y_copy_the_citation_and_the_id() {
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "1992-04-05");
    let asked = update(&mut app, Action::CopyId);
    assert_eq!(asked, [Effect::Copy("self-coup".to_owned())]);
    assert_eq!(
        app.status.as_deref(),
        Some("copied the id self-coup to the clipboard")
    );
    let asked = update(&mut app, Action::CopyCitation);
    let [Effect::Copy(citation)] = asked.as_slice() else {
        panic!("{asked:?}");
    };
    assert!(citation.contains("(5 April 1992)"), "{citation}");
    assert_eq!(
        app.status.as_deref(),
        Some("copied the citation to the clipboard")
    );
}

/// `/` in help shows only the lines that hold the word; Esc ends the search before it closes help.
#[test]
fn help_is_searchable() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use quipu::app::keymap::{HelpLine, resolve};
    let mut app = shipped(120, 40);
    update(&mut app, Action::OpenHelp);
    let all = app.keymap.help_lines().len();
    let keys = |app: &mut App, text: &str| {
        for c in text.chars() {
            let action = resolve(app, &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            update(app, action.expect("a key that does something"));
        }
    };
    keys(&mut app, "/chain");
    let Some(Overlay::Help { search, typing, .. }) = app.overlays.last() else {
        panic!("help is open");
    };
    assert_eq!(
        (search.as_str(), *typing),
        ("chain", true),
        "q, j, k are text now"
    );
    let found = app.keymap.help_lines_matching("chain");
    assert!(found.len() < all);
    assert!(found.iter().all(|line| {
        match line {
            HelpLine::Binding(b) => format!("{} {}", b.help, b.context().unwrap_or_default())
                .to_lowercase()
                .contains("chain"),
            HelpLine::Note(n) => n.to_lowercase().contains("chain"),
            _ => true,
        }
    }));
    update(&mut app, Action::PromptSubmit);
    update(&mut app, Action::Close);
    assert!(
        matches!(app.overlays.last(), Some(Overlay::Help { search, typing: false, .. }) if search.is_empty()),
        "Esc clears the search first"
    );
    update(&mut app, Action::Close);
    assert!(app.overlays.is_empty());
}

/// Enter and Esc do different things in different views: help says where each works.
#[test]
fn help_says_where_each_key_works() {
    let keymap = quipu::app::Keymap::defaults();
    let enters: Vec<String> = keymap
        .bindings()
        .iter()
        .filter(|b| b.keys().any(|k| k.label() == "Enter"))
        .map(|b| b.context().expect("Enter works only in some views"))
        .collect();
    let unique: std::collections::HashSet<_> = enters.iter().collect();
    assert_eq!(unique.len(), enters.len(), "{enters:?}");
    assert!(enters.contains(&"timeline".to_owned()), "{enters:?}");
}

#[test]
fn i_opens_the_about_screen_and_i_or_esc_closes_it() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use quipu::app::keymap::resolve;
    let press = |app: &mut App, code| {
        let action = resolve(app, &KeyEvent::new(code, KeyModifiers::NONE));
        update(app, action.expect("a bound key"));
    };
    let mut app = shipped(80, 24);
    let before = selected_id(&app).to_owned();
    press(&mut app, KeyCode::Char('i'));
    let Some(Overlay::About(about)) = app.overlays.last() else {
        panic!("i opens the about screen: {:?}", app.overlays);
    };
    assert_eq!(about.counts, app.chronology.basis_counts());
    // j scrolls the page, not the timeline; the page stops at its end.
    for _ in 0..200 {
        press(&mut app, KeyCode::Char('j'));
    }
    let Some(Overlay::About(about)) = app.overlays.last() else {
        panic!("still open");
    };
    let scrolled = about.cursor.offset;
    assert!(scrolled > 0 && scrolled < 200, "{scrolled}");
    assert_eq!(selected_id(&app), before);
    press(&mut app, KeyCode::Char('i'));
    assert!(app.overlays.is_empty(), "i closes it again");
    press(&mut app, KeyCode::Char('i'));
    press(&mut app, KeyCode::Esc);
    assert!(app.overlays.is_empty(), "Esc closes it");
}

mod lanes {
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
        update(&mut app, Action::FilterByActor);
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
}
