//! Screens of the query in the explorer: the filter prompt with an error and its caret, with
//! Tab's candidates, the active query in the footer, and the facets by two dimensions. Where style
//! carries the meaning (the caret and error, the bars, the selection) the styles are captured too.

use quipu::app::{Action, App, update};
use quipu::model::Chronology;
use quipu::tui::filter::run_now;
use quipu::ui::text_capture::{capture, capture_styles};
use quipu::ui::theme::Theme;

fn app(width: u16, height: u16) -> App {
    let mut app = App::new(Chronology::shipped());
    update(&mut app, Action::Resize { width, height });
    app
}

/// The screen's text, then its styled runs (`row: from-to style`), where the meaning is in them.
fn styled(app: &App, width: u16, height: u16) -> String {
    let theme = Theme::color();
    let runs = capture_styles(width, height, |frame| quipu::ui::view(app, &theme, frame));
    format!("{}styles:\n{runs}", capture(app, &theme, width, height))
}

fn act(app: &mut App, action: Action) {
    let asked = update(app, action);
    run_now(app, asked);
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        act(app, Action::PromptInput(c));
    }
}

#[test]
fn prompt_with_an_error_and_its_caret() {
    let mut app = app(100, 30);
    act(&mut app, Action::OpenFilterPrompt);
    type_text(&mut app, "actor:fujimori dat:1991");
    act(&mut app, Action::PromptSubmit);
    let screen = styled(&app, 100, 30);
    assert!(screen.contains("               ^"), "{screen}");
    insta::assert_snapshot!("filter_prompt_error_100x30", screen);
}

#[test]
fn prompt_with_completions() {
    let mut app = app(100, 30);
    act(&mut app, Action::OpenFilterPrompt);
    type_text(&mut app, "actor:fujimori kind:");
    act(&mut app, Action::PromptComplete);
    let screen = capture(&app, &Theme::color(), 100, 30);
    assert!(screen.contains("person"), "{screen}");
    insta::assert_snapshot!("filter_prompt_completions_100x30", screen);
}

#[test]
fn the_active_query_is_shown_and_clipped() {
    for width in [80u16, 120] {
        let mut app = app(width, 24);
        act(&mut app, Action::OpenFilterPrompt);
        type_text(
            &mut app,
            "actor:fujimori (date:1992 or tag:economy) -precision:day",
        );
        act(&mut app, Action::PromptSubmit);
        let screen = capture(&app, &Theme::color(), width, 24);
        let footer = screen.lines().last().unwrap();
        assert!(footer.contains("only: actor:fujimori"), "{footer}");
        assert!(footer.contains("? help"), "{footer}");
        insta::assert_snapshot!(format!("active_query_{width}x24"), screen);
    }
}

#[test]
fn facets_by_actor_and_by_year() {
    let mut app = app(100, 30);
    act(&mut app, Action::OpenFilterPrompt);
    type_text(&mut app, "date:1990..1992");
    act(&mut app, Action::PromptSubmit);
    act(&mut app, Action::OpenFacets);
    act(&mut app, Action::SelectNext);
    let actors = styled(&app, 100, 30);
    insta::assert_snapshot!("facets_actor_100x30", actors);
    for _ in 0..4 {
        act(&mut app, Action::NextDimension);
    }
    let years = styled(&app, 100, 30);
    assert!(years.contains("1991"), "{years}");
    insta::assert_snapshot!("facets_year_100x30", years);
}

/// Until the answer comes, the prompt and the footer say the query is being run, and the view
/// stays as it was.
#[test]
fn filtering_is_shown_while_the_query_runs() {
    let mut app = app(100, 30);
    act(&mut app, Action::OpenFilterPrompt);
    type_text(&mut app, "actor:fujimori");
    let asked = update(&mut app, Action::PromptSubmit);
    let screen = capture(&app, &Theme::color(), 100, 30);
    assert!(screen.contains("filtering…"), "{screen}");
    assert!(
        screen.lines().last().unwrap().contains("filtering…"),
        "{screen}"
    );
    assert!(app.filter.is_none(), "nothing applied before the answer");
    run_now(&mut app, asked);
    let screen = capture(&app, &Theme::color(), 100, 30);
    assert!(!screen.contains("filtering…"), "{screen}");
    assert!(screen.contains("only: actor:fujimori"), "{screen}");
}
