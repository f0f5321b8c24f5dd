//! The one search's palette (#14) as a reader sees it: a plain `/` lists actors, then events,
//! each under a heading; `@` keeps to actors and `#` to events, without headings.

use quipu::app::{Action, App, update};
use quipu::model::Chronology;
use quipu::tui::search::run_now;
use quipu::ui::theme::Theme;

/// The palette after typing `query`, each keystroke answered synchronously as the worker would.
fn palette_screen(query: &str, width: u16, height: u16) -> String {
    let mut app = App::new(Chronology::shipped());
    update(&mut app, Action::Resize { width, height });
    let index = quipu::search::SearchIndex::build(&app.chronology);
    let asked = update(&mut app, Action::OpenSearch);
    run_now(&mut app, &index, asked);
    for c in query.chars() {
        let asked = update(&mut app, Action::PromptInput(c));
        run_now(&mut app, &index, asked);
    }
    quipu::ui::text_capture::capture(&app, &Theme::color(), width, height)
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not on screen:\n{text}"))
}

#[test]
fn both_sections_actors_first() {
    for (w, h) in [(80, 24), (120, 40)] {
        let text = palette_screen("fujimori", w, h);
        let (actors, events) = (line_of(&text, "Actors · "), line_of(&text, "Events · "));
        assert!(actors < line_of(&text, "Alberto Fujimori"), "{text}");
        assert!(line_of(&text, "Alberto Fujimori") < events, "{text}");
        insta::assert_snapshot!(format!("search_both_{w}x{h}"), text);
    }
}

#[test]
fn coup_offers_the_self_coup() {
    let text = palette_screen("coup", 120, 40);
    assert!(text.contains("Fujimori's self-coup suspends"), "{text}");
    insta::assert_snapshot!("search_coup_120x40", text);
}

#[test]
fn at_lists_only_actors() {
    let text = palette_screen("@fujimori", 120, 40);
    assert!(text.contains("Search actors (") && text.contains("Alberto Fujimori"));
    assert!(
        !text.contains("Events · ") && !text.contains("Actors · "),
        "{text}"
    );
    insta::assert_snapshot!("search_actors_only_120x40", text);
}

#[test]
fn hash_lists_only_events() {
    let text = palette_screen("#fujimori", 120, 40);
    assert!(text.contains("Search events ("), "{text}");
    assert!(
        !text.contains("Events · ") && !text.contains("Actors · "),
        "{text}"
    );
    insta::assert_snapshot!("search_events_only_120x40", text);
}
