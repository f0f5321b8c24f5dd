//! Small bugs seen on screen, each pinned for its whole class: the keys a too-small terminal
//! names work whatever is open, the chain's title counts events and not rows, `h` walks up the
//! chain tree, and Forward puts the reader back as Back does.

use std::collections::HashSet;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use quipu::app::chain::NodeKind;
use quipu::app::keymap::resolve;
use quipu::app::overlay::Overlay;
use quipu::app::{Action, App, Focus, update};
use quipu::model::Chronology;
use quipu::ui::text_capture::capture;
use quipu::ui::theme::Theme;

fn shipped(width: u16, height: u16) -> App {
    let mut app = App::new(Chronology::shipped());
    update(&mut app, Action::Resize { width, height });
    app
}

fn jump_to_date(app: &mut App, text: &str) {
    update(app, Action::OpenDatePrompt);
    for c in text.chars() {
        update(app, Action::PromptInput(c));
    }
    update(app, Action::PromptSubmit);
}

fn press(c: char) -> KeyEvent {
    KeyEvent::new_with_kind(KeyCode::Char(c), KeyModifiers::NONE, KeyEventKind::Press)
}

/// Every way of opening something over the main screen, each leaving it open.
fn openers() -> Vec<(&'static str, Vec<Action>)> {
    vec![
        ("nothing", vec![]),
        (
            "palette",
            vec![Action::OpenSearch, Action::PromptInput('p')],
        ),
        ("date prompt", vec![Action::OpenDatePrompt]),
        ("help", vec![Action::OpenHelp]),
        ("chain", vec![Action::OpenChain]),
        ("actors", vec![Action::OpenActors]),
        ("export menu", vec![Action::Export]),
        ("detail pane", vec![Action::FocusNext]),
    ]
}

/// The too-small screen says "press q to quit": q must quit whatever is open beneath it (in the
/// palette and the date prompt, q was taken as text).
#[test]
fn q_quits_the_too_small_screen_whatever_is_open() {
    for (what, actions) in openers() {
        for (width, height) in [(39, 30), (100, 9), (20, 5)] {
            let mut app = shipped(120, 40);
            jump_to_date(&mut app, "1992-04-05");
            for action in &actions {
                update(&mut app, action.clone());
            }
            update(&mut app, Action::Resize { width, height });
            let screen = capture(&app, &Theme::monochrome(), width, height);
            assert!(screen.contains("press q"), "{what}: {screen}");
            assert_eq!(
                resolve(&app, &press('q')),
                Some(Action::Quit),
                "{what} at {width}x{height}"
            );
            // And once there is room again, q is what it was.
            update(
                &mut app,
                Action::Resize {
                    width: 120,
                    height: 40,
                },
            );
            if matches!(
                app.overlays.last(),
                Some(Overlay::Palette(_) | Overlay::DatePrompt(_))
            ) {
                assert_eq!(resolve(&app, &press('q')), Some(Action::PromptInput('q')));
            }
        }
    }
}

/// Events reachable from `root` along consequences, and along causes, without the root.
fn linked(chronology: &Chronology, root: usize) -> usize {
    let mut seen = HashSet::new();
    for downstream in [true, false] {
        let mut stack = vec![root];
        let mut visited = HashSet::from([root]);
        while let Some(ix) = stack.pop() {
            let event = &chronology.events[ix];
            let links = if downstream {
                &event.consequences
            } else {
                &event.causes
            };
            for link in links {
                if visited.insert(link.event) {
                    seen.insert(link.event);
                    stack.push(link.event);
                }
            }
        }
    }
    seen.len()
}

/// The title counted rows, so an event reached by two paths counted twice (20 for 12 on the
/// self-coup). For every event with links, the title gives the number of distinct events.
#[test]
fn the_chain_title_counts_each_event_once() {
    let mut app = shipped(120, 40);
    let mut repeated = false;
    for ix in 0..app.chronology.events.len() {
        let pos = app.position_of(ix).unwrap();
        update(&mut app, Action::SelectFirst);
        for _ in 0..pos {
            update(&mut app, Action::SelectNext);
        }
        update(&mut app, Action::OpenChain);
        let Some(Overlay::Chain(chain)) = app.overlays.last() else {
            panic!("no chain view");
        };
        repeated |= chain
            .nodes
            .iter()
            .any(|n| matches!(n.kind, NodeKind::Event { repeat: true, .. }));
        let want = linked(&app.chronology, ix);
        let screen = capture(&app, &Theme::monochrome(), 120, 40);
        assert!(
            screen.contains(&format!("Chain: {want} linked events")),
            "event {}: want {want}:\n{screen}",
            app.chronology.events[ix].id
        );
        update(&mut app, Action::Close);
    }
    assert!(repeated, "the shipped file has an event reached twice");
}

/// `h` on an open branch folds it; on a folded branch or a leaf it goes to the parent, so
/// pressing it again and again climbs to the root. Checked from every row of every chain.
#[test]
fn h_climbs_the_chain_tree() {
    let mut app = shipped(120, 40);
    jump_to_date(&mut app, "1992-04-05");
    update(&mut app, Action::OpenChain);
    let rows = match app.overlays.last() {
        Some(Overlay::Chain(chain)) => chain.rows.len(),
        _ => panic!("no chain view"),
    };
    assert!(rows > 10);
    for start in 0..rows {
        update(&mut app, Action::Close);
        update(&mut app, Action::OpenChain);
        update(&mut app, Action::SelectFirst);
        for _ in 0..start {
            update(&mut app, Action::SelectNext);
        }
        // Folding only hides rows below; climbing needs at most two presses per level.
        for _ in 0..2 * rows {
            let Some(Overlay::Chain(chain)) = app.overlays.last() else {
                panic!("no chain view");
            };
            let node = chain.rows[chain.cursor.selected];
            let (depth, open) = (
                chain.nodes[node].depth,
                chain.has_children(node) && !chain.collapsed[node],
            );
            update(&mut app, Action::Collapse);
            let Some(Overlay::Chain(chain)) = app.overlays.last() else {
                panic!("no chain view");
            };
            let now = chain.rows[chain.cursor.selected];
            if open {
                assert_eq!(now, node, "folding keeps the cursor");
                assert!(chain.collapsed[node]);
            } else if depth > 0 {
                let parent = (0..node).rev().find(|&n| chain.nodes[n].depth < depth);
                assert_eq!(Some(now), parent, "from row {start}: to the parent");
            }
        }
        let Some(Overlay::Chain(chain)) = app.overlays.last() else {
            panic!("no chain view");
        };
        assert_eq!(chain.cursor.selected, 0, "from row {start}: at the root");
    }
}

/// Back puts the cursor back in the pane and on the item it was on; Forward must do the same
/// for the place Back left, whichever pane that was.
#[test]
fn forward_restores_the_pane_as_back_does() {
    for pane in [
        vec![],
        vec![Action::FocusNext],
        vec![Action::FocusNext, Action::SelectNext],
        vec![Action::FocusNext, Action::FocusNext],
        vec![Action::FocusPrev],
    ] {
        let mut app = shipped(120, 40);
        jump_to_date(&mut app, "1992-04-05");
        for action in [Action::FocusNext, Action::FocusNext, Action::SelectNext] {
            update(&mut app, action);
        }
        let from = (app.focus, app.item, app.selected_event());
        update(&mut app, Action::FollowLink);
        for action in &pane {
            update(&mut app, action.clone());
        }
        let there = (app.focus, app.item, app.selected_event());
        update(&mut app, Action::Back);
        assert_eq!(
            (app.focus, app.item, app.selected_event()),
            from,
            "{pane:?}"
        );
        update(&mut app, Action::Forward);
        assert_eq!(
            (app.focus, app.item, app.selected_event()),
            there,
            "{pane:?}"
        );
        assert!(pane.is_empty() || there.0 != Focus::Timeline, "{pane:?}");
    }
}
