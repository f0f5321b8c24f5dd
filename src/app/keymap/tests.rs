//! The key table's own tests: it reads, no key is bound twice in a mode, keys resolve by mode.

use super::*;
use crossterm::event::KeyEventKind;
use strum::IntoEnumIterator;

fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new_with_kind(code, modifiers, KeyEventKind::Press)
}

fn app() -> App {
    App::new(crate::model::Chronology::default())
}

#[test]
fn table_keys_resolve_in_timeline() {
    let app = app();
    let cases = [
        (KeyCode::Char('j'), KeyModifiers::NONE, Action::SelectNext),
        (KeyCode::Down, KeyModifiers::NONE, Action::SelectNext),
        (KeyCode::Char('G'), KeyModifiers::SHIFT, Action::SelectLast),
        (
            KeyCode::Char('d'),
            KeyModifiers::CONTROL,
            Action::HalfPageDown,
        ),
        (
            KeyCode::Char('D'),
            KeyModifiers::CONTROL,
            Action::HalfPageDown,
        ),
        (KeyCode::Char('}'), KeyModifiers::SHIFT, Action::NextEra),
        (KeyCode::Backspace, KeyModifiers::NONE, Action::Back),
        (KeyCode::Char('o'), KeyModifiers::CONTROL, Action::Back),
        (KeyCode::Char('L'), KeyModifiers::SHIFT, Action::Forward),
        (KeyCode::BackTab, KeyModifiers::SHIFT, Action::FocusPrev),
        (KeyCode::Enter, KeyModifiers::NONE, Action::FocusNext),
        (KeyCode::Char('q'), KeyModifiers::NONE, Action::Quit),
    ];
    for (code, mods, want) in cases {
        assert_eq!(
            resolve(&app, &press(code, mods)),
            Some(want),
            "{code:?} {mods:?}"
        );
    }
    assert_eq!(
        resolve(&app, &press(KeyCode::Char('z'), KeyModifiers::NONE)),
        None
    );
}

#[test]
fn enter_means_what_the_focus_holds() {
    let mut app = app();
    let enter = press(KeyCode::Enter, KeyModifiers::NONE);
    app.focus = Focus::Consequences;
    assert_eq!(resolve(&app, &enter), Some(Action::FollowLink));
    app.focus = Focus::Actors;
    assert_eq!(resolve(&app, &enter), Some(Action::FilterByActor));
}

#[test]
fn prompt_takes_letters_as_text_but_esc_closes() {
    let mut app = app();
    app.overlays.push(Overlay::DatePrompt(Default::default()));
    let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(resolve(&app, &q), Some(Action::PromptInput('q')));
    let esc = press(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(resolve(&app, &esc), Some(Action::Close));
    let bksp = press(KeyCode::Backspace, KeyModifiers::NONE);
    assert_eq!(resolve(&app, &bksp), Some(Action::PromptBackspace));
}

#[test]
fn footer_merges_neighbours() {
    let keymap = Keymap::defaults();
    let hints = keymap.footer_hints(Mode::Timeline);
    assert_eq!(hints[0], ("j/k".to_owned(), "move"));
    assert!(hints.iter().any(|(k, w)| k == "+/-" && *w == "zoom"));
    assert!(hints.iter().all(|(_, w)| *w != "follow"));
    let links = keymap.footer_hints(Mode::Consequences);
    assert!(links.iter().any(|(k, w)| k == "Enter" && *w == "follow"));
}

#[test]
fn the_default_table_reads() {
    Keymap::from_rows(DEFAULTS).expect("every key string and action name is known");
}

/// Two bindings for one key in one mode would make the second unreachable.
#[test]
fn no_key_is_bound_twice_in_a_mode() {
    let keymap = Keymap::defaults();
    for mode in Mode::iter() {
        let mut seen = std::collections::HashMap::new();
        for binding in keymap.bindings().iter().filter(|b| b.applies_in(mode)) {
            for key in binding.keys_in(mode) {
                if let Some(first) = seen.insert(*key, binding.action.clone()) {
                    panic!(
                        "{key} is bound to {first:?} and {:?} in {}",
                        binding.action,
                        mode.name()
                    );
                }
            }
        }
    }
}

#[test]
fn alt_j_is_not_j() {
    let app = app();
    let alt_j = press(KeyCode::Char('j'), KeyModifiers::ALT);
    assert_eq!(resolve(&app, &alt_j), None);
    let mut app = app;
    app.overlays.push(Overlay::DatePrompt(Default::default()));
    assert_eq!(resolve(&app, &alt_j), None, "not text in a prompt either");
}

#[test]
fn messages_name_the_bound_key_or_the_action() {
    let keymap = Keymap::defaults();
    assert_eq!(keymap.key_for(Mode::Timeline, &Action::Back), "Bksp");
    assert_eq!(keymap.key_for(Mode::Timeline, &Action::ClearFilter), "x");
    let back = *DEFAULTS.iter().find(|r| r.action == "back").unwrap();
    let rebound = Keymap::from_rows(&[Row {
        keys: "ctrl-b",
        ..back
    }])
    .unwrap();
    assert_eq!(rebound.key_for(Mode::Timeline, &Action::Back), "C-b");
    let empty = Keymap::from_rows(&[]).unwrap();
    assert_eq!(empty.key_for(Mode::Timeline, &Action::Back), "[back]");
}

#[test]
fn rebinding_moves_a_key_in_its_modes_only() {
    let mut keymap = (*Keymap::defaults()).clone();
    let ctrl_n: Key = "ctrl-n".parse().unwrap();
    let press_j = press(KeyCode::Char('j'), KeyModifiers::NONE);
    let press_ctrl_n = press(KeyCode::Char('n'), KeyModifiers::CONTROL);
    // Unbind j in the timeline only; bind ctrl-n to next there.
    keymap.rebind(Mode::Timeline.bit(), "j".parse().unwrap(), None);
    keymap.rebind(Mode::Timeline.bit(), ctrl_n, Some(Action::SelectNext));
    assert_eq!(keymap.resolve(Mode::Timeline, &press_j), None);
    assert_eq!(
        keymap.resolve(Mode::Chain, &press_j),
        Some(Action::SelectNext),
        "j still moves in the chain view"
    );
    assert_eq!(
        keymap.resolve(Mode::Timeline, &press_ctrl_n),
        Some(Action::SelectNext)
    );
    assert_eq!(keymap.key_for(Mode::Timeline, &Action::SelectNext), "C-n");
    assert_eq!(keymap.footer_hints(Mode::Timeline)[0].0, "C-n/k");
    // Taking a key from one action gives it to the other.
    keymap.rebind(
        Mode::Timeline.bit(),
        "c".parse().unwrap(),
        Some(Action::Quit),
    );
    let press_c = press(KeyCode::Char('c'), KeyModifiers::NONE);
    assert_eq!(keymap.resolve(Mode::Timeline, &press_c), Some(Action::Quit));
    // An action with no binding in that mode gets one of its own, with the table's help.
    keymap.rebind(Mode::Help.bit(), "z".parse().unwrap(), Some(Action::ZoomIn));
    let added = keymap.bindings().last().unwrap();
    assert_eq!(
        (added.group, added.help),
        (USER_GROUP, "zoom the time axis in around the selection")
    );
}

#[test]
fn a_bad_row_says_which() {
    let bad_key = Row {
        keys: "j hyper-k",
        ..DEFAULTS[0]
    };
    assert!(matches!(
        Keymap::from_rows(&[bad_key]),
        Err(TableError::Key { .. })
    ));
    let bad_action = Row {
        action: "nxt",
        ..DEFAULTS[0]
    };
    assert_eq!(
        Keymap::from_rows(&[bad_action]),
        Err(TableError::Action("nxt".into()))
    );
}
