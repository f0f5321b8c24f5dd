//! Closing and quitting, copying, help, and the about screen.

use super::*;

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
