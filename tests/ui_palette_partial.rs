//! A huge search answers first with the best of its first items, then with the exact ranking:
//! the palette says which it is showing, so a reader knows the list may still change.

use quipu::app::{Action, App, update};
use quipu::model::Chronology;
use quipu::search::{Query, SearchIndex};

fn render(app: &App) -> String {
    quipu::ui::text_capture::capture(app, &quipu::ui::theme::Theme::color(), 80, 24)
}

/// The palette after typing `typed`, answered with the hits of a real search, partial or not.
fn answered(typed: &str, complete: bool) -> App {
    let mut app = App::new(Chronology::shipped());
    update(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    update(&mut app, Action::OpenSearch);
    for c in typed.chars() {
        update(&mut app, Action::PromptInput(c));
    }
    let hits = SearchIndex::build(&app.chronology).search(&Query::parse(typed), 200);
    let generation = app.search_generation;
    update(
        &mut app,
        Action::SearchResults {
            generation,
            hits,
            complete,
        },
    );
    app
}

#[test]
fn a_partial_answer_says_so_next_to_the_count() {
    let partial = render(&answered("#peru", false));
    insta::assert_snapshot!("palette_partial_answer", partial);
    let title = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains("Search events"))
            .map(str::to_owned)
    };
    assert!(
        title(&partial).is_some_and(|t| t.contains("partial…")),
        "{partial}"
    );
    let complete = render(&answered("#peru", true));
    assert!(
        title(&complete).is_some_and(|t| !t.contains("partial")),
        "the complete answer drops the mark:\n{complete}"
    );
    // Only the title changes: the rows are the same hits.
    let rows = |screen: &str| {
        screen
            .lines()
            .skip_while(|l| !l.contains("Search"))
            .skip(1)
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(rows(&partial), rows(&complete));
}
