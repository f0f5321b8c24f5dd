//! The search palette: typing, ranking as the worker answers, Enter, and `n`/`N`.

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
        .actor_section()
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
        .actor_section()
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
    let all = palette(&app).actor_section().len();
    type_in(&mut app, &index, "fuj");
    assert!(palette(&app).actor_section().len() < all, "typing narrows");
    assert_eq!(hit_names(&app)[0], "Alberto Fujimori");
    assert_eq!(app.timeline, before, "typing never moves the selection");
    act(&mut app, Action::PromptSubmit);
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
    let query = run_now(&mut app, &index, asked);
    quipu::tui::filter::run_now(&mut app, query);
    assert_eq!(filter_names(&app), ["Venezuela"]);
}

#[test]
fn alias_match_and_accents() {
    let mut app = shipped(120, 40);
    let index = index(&app);
    update(&mut app, Action::OpenSearch);
    type_in(&mut app, &index, "imf");
    let top = palette(&app).actor_section()[0].clone();
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
    let screen = quipu::ui::text_capture::capture(&app, &quipu::ui::theme::Theme::color(), 120, 40);
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

/// `n` to a match the query hides lifts the query; the status says so and how to get it back,
/// as well as where the reader is among the matches.
#[test]
fn n_to_a_match_the_query_hides_says_the_query_was_lifted() {
    let mut app = shipped(120, 40);
    let index = index(&app);
    cholera_search(&mut app, &index);
    act(&mut app, Action::OpenFilterPrompt);
    act(&mut app, Action::PromptClear);
    for c in "actor:fujimori".chars() {
        act(&mut app, Action::PromptInput(c));
    }
    act(&mut app, Action::PromptSubmit);
    assert!(app.filter.is_some(), "the query applies");
    let matches = app.last_search.as_ref().unwrap().matches.clone();
    let hidden = matches.iter().any(|&m| app.position_of(m).is_none());
    assert!(hidden, "some cholera event has no Fujimori: {matches:?}");
    let mut lifted = None;
    for _ in 0..=matches.len() {
        update(&mut app, Action::SearchNext);
        if app.filter.is_none() {
            lifted = app.status.clone();
            break;
        }
    }
    let status = lifted.expect("n reached a hidden match");
    assert!(
        status.contains("query lifted") && status.contains("restores it"),
        "{status}"
    );
    assert!(
        status.contains("#cholera: match") || status.contains("continuing"),
        "{status}"
    );
    update(&mut app, Action::Back);
    assert!(app.filter.is_some(), "Back brings the query back");
}
