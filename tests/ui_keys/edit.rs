//! `E`: the selected event to the reader's editor, or a status line saying why not; and the
//! editor's answer in the status line.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use quipu::app::edit::{EditOutcome, EditTarget, Origin};
use quipu::app::keymap::resolve;

use super::*;

fn press_e(app: &mut App) -> Option<Vec<Effect>> {
    let action = resolve(app, &KeyEvent::new(KeyCode::Char('E'), KeyModifiers::SHIFT))?;
    Some(update(app, action))
}

fn on_file(path: &str) -> App {
    let mut app = shipped(120, 40);
    app.origin = Origin::File(PathBuf::from(path));
    app
}

#[test]
fn e_asks_the_shell_to_edit_the_selected_event_in_its_file() {
    let mut app = on_file("peru.json");
    select_id(&mut app, "self-coup");
    let effects = press_e(&mut app).expect("E is bound on the main screen");
    assert_eq!(
        effects,
        [Effect::Edit {
            path: PathBuf::from("peru.json"),
            target: EditTarget::Event("self-coup".to_owned()),
        }]
    );
    assert_eq!(
        app.status.as_deref(),
        Some("opening peru.json in your editor…")
    );
}

#[test]
fn e_works_from_the_detail_panes_too() {
    let mut app = on_file("peru.json");
    select_id(&mut app, "self-coup");
    update(&mut app, Action::FocusNext);
    assert_ne!(app.focus, Focus::Timeline);
    let effects = press_e(&mut app).expect("E is bound in the detail panes");
    assert!(
        matches!(&effects[..], [Effect::Edit { target: EditTarget::Event(id), .. }] if id == "self-coup"),
        "{effects:?}"
    );
}

#[test]
fn on_the_built_in_chronology_e_says_how_to_get_an_editable_copy() {
    let mut app = shipped(120, 40);
    assert_eq!(app.origin, Origin::BuiltIn);
    let effects = press_e(&mut app).expect("E is bound");
    assert!(effects.is_empty(), "{effects:?}");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.starts_with("Built in"), "{status}");
    assert!(
        status.contains("`quipu export --to json -o fujimori.json`"),
        "{status}"
    );
    assert!(
        status.contains("`quipu fujimori.json`, then E, edits it"),
        "{status}"
    );
}

/// The message names the key the reader's config binds, not the default's.
#[test]
fn the_built_in_hint_names_the_key_as_bound() {
    let mut app = shipped(120, 40);
    let mut keymap = (*app.keymap).clone();
    let key: quipu::app::keymap::Key = "ctrl-e".parse().unwrap();
    keymap.rebind(quipu::app::keymap::modes::MAIN, key, Some(Action::Edit));
    app.keymap = std::sync::Arc::new(keymap);
    update(&mut app, Action::Edit);
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("then C-e, edits it"), "{status}");
}

#[test]
fn a_piped_chronology_has_no_file_to_edit() {
    let mut app = shipped(120, 40);
    app.origin = Origin::Stdin;
    let effects = update(&mut app, Action::Edit);
    assert!(effects.is_empty());
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("pipe"), "{status}");
    assert!(status.contains("`quipu FILE`"), "{status}");
}

#[test]
fn e_does_nothing_in_views_without_a_selected_event_of_the_timeline() {
    let mut app = on_file("peru.json");
    for open in [Action::OpenHelp, Action::OpenAbout, Action::OpenDatePrompt] {
        update(&mut app, open.clone());
        let effects = press_e(&mut app).unwrap_or_default();
        assert!(
            !effects.iter().any(|e| matches!(e, Effect::Edit { .. })),
            "{open:?}: {effects:?}"
        );
        update(&mut app, Action::Close);
    }
}

#[test]
fn the_editors_answer_is_the_status_line() {
    let mut app = on_file("peru.json");
    update(
        &mut app,
        Action::Edited(EditOutcome::Failed {
            program: "vim".into(),
            status: 1,
        }),
    );
    assert_eq!(
        app.status.as_deref(),
        Some("editor `vim` exited with status 1; the file is as it left it")
    );
    update(
        &mut app,
        Action::Edited(EditOutcome::NotFound {
            program: "nvi".into(),
            variable: Some("VISUAL"),
        }),
    );
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("`nvi` ($VISUAL) not found"), "{status}");
    assert!(status.contains("set $VISUAL or $EDITOR"), "{status}");
}
