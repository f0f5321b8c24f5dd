//! `r` and `!` (#13): what they ask the shell for, and the problems panel's keys.

use std::sync::Arc;

use quipu::app::overlay::Overlay;
use quipu::app::problems::Problems;
use quipu::app::{Action, Effect, Mode, update};
use quipu::model::Diagnostic;

use super::shipped;

fn with_problems(path: Option<&str>) -> quipu::app::App {
    let mut app = shipped(120, 40);
    app.problems = Arc::new(Problems::new(
        "f.json".into(),
        path.map(Into::into),
        vec![
            Diagnostic::warning(3, 1, "first"),
            Diagnostic::warning(9, 4, "second"),
        ],
        vec![None, Some("cholera-outbreak".into())],
        false,
    ));
    app
}

#[test]
fn r_asks_the_shell_to_reload_only_a_file() {
    let mut app = shipped(120, 40);
    assert!(update(&mut app, Action::Reload).is_empty());
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .starts_with("Nothing to reload")
    );
    let mut app = with_problems(Some("f.json"));
    assert_eq!(update(&mut app, Action::Reload), vec![Effect::Reload]);
}

#[test]
fn bang_toggles_the_panel_whose_keys_move_and_go() {
    let mut app = shipped(120, 40);
    update(&mut app, Action::OpenProblems);
    assert!(app.overlays.is_empty(), "nothing to show");
    assert_eq!(
        app.status.as_deref(),
        Some("No problems: no errors or warnings.")
    );

    let mut app = with_problems(Some("f.json"));
    update(&mut app, Action::OpenProblems);
    assert_eq!(Mode::of(&app), Mode::Problems);
    assert_eq!(
        app.selected_problem(),
        Some((std::path::Path::new("f.json"), 3))
    );
    update(&mut app, Action::FollowLink);
    assert_eq!(
        app.status.as_deref(),
        Some("This problem is not about one event."),
        "the first is about no event: the panel stays"
    );
    update(&mut app, Action::SelectNext);
    update(&mut app, Action::SelectNext);
    assert_eq!(
        app.selected_problem().map(|(_, line)| line),
        Some(9),
        "stops at the last"
    );
    update(&mut app, Action::FollowLink);
    assert!(app.overlays.is_empty());
    let ix = app.selected_event().unwrap();
    assert_eq!(app.chronology.events[ix].id, "cholera-outbreak");
    update(&mut app, Action::OpenProblems);
    update(&mut app, Action::OpenProblems);
    assert!(
        !app.overlays
            .iter()
            .any(|o| matches!(o, Overlay::Problems(_))),
        "! again closes it"
    );
}
