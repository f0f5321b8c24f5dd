//! Random sessions over friendly and hostile chronologies. After every step the state must be
//! coherent (the cursor on a shown event) and the rendered frame must hold no character a
//! terminal would act on, whatever the file contained.

mod common;

use common::clean_frame::{assert_clean_frame, assert_only_csi, dangerous_cell, frame_bytes};

use std::sync::OnceLock;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use proptest::sample::Index;
use quipu::app::action::{ActionKind, NAMED};
use quipu::app::{Action, App, Focus, keymap, update};
use quipu::model::Chronology;
use quipu::ui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use serde_json::json;
use strum::IntoEnumIterator;

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture exists")
}

fn load(name: &str, src: &str) -> Chronology {
    Chronology::from_str(src).unwrap_or_else(|d| panic!("{name} should load: {d:?}"))
}

/// Events far apart in time, none sharing a day, a year or an era with another.
fn scattered() -> String {
    json!({
        "quipu": 1,
        "title": "Scattered",
        "actors": [{"id": "a", "name": "A", "kind": "person"},
                   {"id": "b", "name": "B", "kind": "group"}],
        "eras": [{"id": "x", "title": "Only era", "date": "1990/1991"}],
        "events": [
            {"id": "deep", "date": "-5000", "title": "Deep past", "actors": ["a"],
             "consequences": ["mid"]},
            {"id": "mid", "date": "1066-10-14", "title": "Middle", "actors": ["b"]},
            {"id": "now", "date": "2024-02-29", "title": "Leap day", "actors": ["a", "b"],
             "consequences": []},
            {"id": "far", "date": "9999-12-31", "title": "Far future"}
        ]
    })
    .to_string()
}

/// Long titles, wide characters, combining marks and emoji everywhere text is shown.
fn wide() -> String {
    let long = "長い題名 🎌 ".repeat(60);
    let combining = "e\u{301}\u{302}\u{303}".repeat(50);
    let events: Vec<_> = (0..30)
        .map(|i| {
            json!({
                "id": format!("e{i}"),
                "date": format!("{}-0{}", 1900 + i, 1 + i % 9),
                "display_date": if i % 3 == 0 { format!("{long}{i}") } else { format!("{i}") },
                "title": format!("{i} {long}{combining}"),
                "summary": format!("{long}\n\n{combining}\n👩‍👩‍👧‍👦"),
                "actors": [{"actor": "wide", "role": long.clone()}, "narrow"],
                "consequences": if i + 1 < 30 { vec![format!("e{}", i + 1)] } else { vec![] },
                "tags": [long.clone()],
            })
        })
        .collect();
    json!({
        "quipu": 1,
        "title": long,
        "description": combining,
        "actors": [
            {"id": "wide", "name": format!("ＡＢＣ　{long}"), "kind": "organization"},
            {"id": "narrow", "name": "n", "kind": "person"}
        ],
        "eras": [{"id": "era", "title": long, "date": "1900/1920"}],
        "events": events,
    })
    .to_string()
}

/// The chronologies every session is run over, loaded once.
fn chronologies() -> &'static [(&'static str, Chronology)] {
    static ALL: OnceLock<Vec<(&'static str, Chronology)>> = OnceLock::new();
    ALL.get_or_init(|| {
        let one = r#"{"quipu": 1, "title": "One", "events": [{"id": "e", "date": "2000", "title": "Only"}]}"#;
        vec![
            ("shipped", Chronology::shipped()),
            ("hostile", load("hostile", &fixture("hostile/escapes.json"))),
            ("empty", load("empty", r#"{"quipu": 1, "title": "Empty"}"#)),
            ("one", load("one", one)),
            ("scattered", load("scattered", &scattered())),
            ("wide", load("wide", &wide())),
            ("unicode", load("unicode", &fixture("valid/unicode-wide.json"))),
            ("controls", load("controls", &fixture("warnings/control-characters.json"))),
        ]
    })
}

/// What must hold after every step.
fn assert_coherent(app: &App) -> Result<(), TestCaseError> {
    let len = app.visible_len();
    if len == 0 {
        prop_assert_eq!(app.timeline.selected, 0);
        prop_assert_eq!(app.selected_event(), None);
    } else {
        prop_assert!(
            app.timeline.selected < len,
            "selected {} of {len} shown",
            app.timeline.selected
        );
        prop_assert!(
            app.timeline.offset <= app.timeline.selected,
            "offset {} below the selection {}",
            app.timeline.offset,
            app.timeline.selected
        );
    }
    prop_assert!(app.focus == Focus::Timeline || app.item < app.focus_len(app.focus));
    prop_assert!(app.zoom <= app.max_zoom());
    if let Some(quipu::app::Overlay::Lanes(lanes)) = app.top_overlay() {
        prop_assert!(lanes.lane < lanes.actors.len().max(1));
        if let (Some(actor), Some(event)) = (lanes.actor(), lanes.event) {
            prop_assert!(
                app.chronology
                    .events_of(actor)
                    .binary_search(&event)
                    .is_ok(),
                "the lanes' event is in its lane"
            );
        }
    }
    if let Some(filter) = &app.filter {
        prop_assert!(!filter.events.is_empty(), "an empty filter is refused");
        // The answers these sessions feed in are made up (`common::query_answers`): stale,
        // out of range, unordered, and not what their query would select. Whatever they hold,
        // the filter shows each event of the chronology at most once and in order. That an
        // answer holds its query's events is the evaluator's promise, held by tests/query*.rs;
        // a made-up answer that reaches the current request (generations 0..4) need not keep it.
        prop_assert!(
            filter.events.windows(2).all(|w| w[0] < w[1]),
            "the filter's events ascend, each once"
        );
        prop_assert!(
            filter
                .events
                .last()
                .is_none_or(|&ix| ix < app.chronology.events.len()),
            "the filter's events are the chronology's"
        );
    }
    Ok(())
}

/// One thing a user does: a verb directly, or a key press resolved by the keymap.
#[derive(Debug, Clone)]
enum Step {
    Act(Action),
    Key(KeyEvent),
}

fn prompt_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select("0123456789-/?~. ".chars().collect::<Vec<_>>()),
        any::<char>(),
        prop::sample::select(vec![
            '\u{1b}', '\u{7}', '\0', '\r', '\n', '\t', '\u{202e}', '\u{9b}'
        ]),
    ]
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        6 => (1u16..=130, 1u16..=50),
        2 => prop::sample::select(vec![(1, 1), (1, 50), (200, 1), (40, 10), (60, 15), (80, 24)]),
        1 => (130u16..=500, 50u16..=200),
    ]
}

/// Every action a key can trigger, read from the table of names, so a new one is covered the
/// day it is named; and every answer from the shell or the terminal, each by its own strategy.
fn action() -> impl Strategy<Value = Action> {
    let named: Vec<Action> = NAMED.iter().map(|(_, action)| action.clone()).collect();
    let answers: Vec<BoxedStrategy<Action>> = ActionKind::iter()
        .filter(|kind| kind.is_answer())
        .map(|kind| answer(kind).unwrap_or_else(|| panic!("no strategy for {kind:?}")))
        .collect();
    prop_oneof![
        12 => prop::sample::select(named),
        8 => prop::strategy::Union::new(answers),
    ]
}

/// A strategy for each kind of action that answers rather than being bound to a key.
fn answer(kind: ActionKind) -> Option<BoxedStrategy<Action>> {
    use Action::*;
    let cell = (0u16..520, 0u16..210);
    Some(match kind {
        ActionKind::PromptInput => prompt_char().prop_map(PromptInput).boxed(),
        ActionKind::Click => cell.prop_map(|(column, row)| Click { column, row }).boxed(),
        ActionKind::ScrollDown => cell
            .prop_map(|(column, row)| ScrollDown { column, row })
            .boxed(),
        ActionKind::ScrollUp => cell
            .prop_map(|(column, row)| ScrollUp { column, row })
            .boxed(),
        ActionKind::Resize => size()
            .prop_map(|(width, height)| Resize { width, height })
            .boxed(),
        ActionKind::SearchResults => (
            0u64..4,
            prop::collection::vec((0usize..400, 0usize..3), 0..30),
            any::<bool>(),
        )
            .prop_map(|(generation, hits, complete)| SearchResults {
                generation,
                hits: hits
                    .into_iter()
                    .map(|(item, field)| quipu::search::Hit {
                        item,
                        score: 0,
                        field: match field {
                            0 => quipu::search::Field::Name,
                            1 => quipu::search::Field::Alias(item % 3),
                            _ => quipu::search::Field::Tag(item % 3),
                        },
                    })
                    .collect(),
                complete,
            })
            .boxed(),
        ActionKind::EventMatches => (
            prop::sample::select(vec!["a", "coup", "", "zz"]),
            prop::collection::vec(0usize..400, 0..30),
        )
            .prop_map(|(text, mut matches)| {
                matches.sort_unstable();
                matches.dedup();
                EventMatches {
                    text: text.to_owned(),
                    matches,
                }
            })
            .boxed(),
        ActionKind::Exported => prop::sample::select(vec![
            Exported {
                written: Ok(std::path::PathBuf::from("out.md")),
                events: 3,
            },
            Exported {
                written: Err("disk full".to_owned()),
                events: 0,
            },
        ])
        .boxed(),
        _ => return common::answers::strategy(kind),
    })
}

#[test]
fn every_answer_has_a_strategy() {
    for kind in ActionKind::iter().filter(|kind| kind.is_answer()) {
        assert!(answer(kind).is_some(), "{kind:?}");
    }
}

fn key() -> impl Strategy<Value = KeyEvent> {
    let code = prop_oneof![
        4 => prop::sample::select("jkgGhlHLtTcCa?/nNxq[]{}+-=zZ01 \t".chars().collect::<Vec<_>>())
            .prop_map(KeyCode::Char),
        1 => any::<char>().prop_map(KeyCode::Char),
        2 => prop::sample::select(vec![
            KeyCode::Enter, KeyCode::Esc, KeyCode::Tab, KeyCode::BackTab, KeyCode::Backspace,
            KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right, KeyCode::Home,
            KeyCode::End, KeyCode::PageUp, KeyCode::PageDown, KeyCode::Delete, KeyCode::F(1),
        ]),
    ];
    let modifiers = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
    ]);
    (code, modifiers).prop_map(|(code, modifiers)| KeyEvent::new(code, modifiers))
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => action().prop_map(Step::Act),
        2 => key().prop_map(Step::Key),
    ]
}

fn apply(app: &mut App, step: &Step) {
    let action = match step {
        Step::Act(action) => Some(action.clone()),
        Step::Key(key) => keymap::resolve(app, key),
    };
    // The event loop stops on Quit; a session here carries on so later steps still run.
    if let Some(action) = action {
        update(app, action);
    }
}

fn start(which: &Index, width: u16, height: u16) -> App {
    let all = chronologies();
    open(&all[which.index(all.len())].1, width, height)
}

/// The explorer on `chronology`, at a terminal of `width` × `height`.
fn open(chronology: &Chronology, width: u16, height: u16) -> App {
    let mut app = App::new(chronology.clone());
    update(&mut app, Action::Resize { width, height });
    app
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// No panic, a coherent state and a clean frame after every one of a few hundred steps.
    #[test]
    fn random_sessions_stay_coherent_and_clean(
        which in any::<Index>(),
        (width, height) in size(),
        steps in prop::collection::vec(step(), 1..200),
        monochrome in any::<bool>(),
    ) {
        let theme = if monochrome { Theme::monochrome() } else { Theme::color() };
        let mut app = start(&which, width, height);
        assert_clean_frame(&app, &theme)?;
        for (i, step) in steps.iter().enumerate() {
            apply(&mut app, step);
            assert_coherent(&app)?;
            // Frames past 200x60 cost ten times more in a debug build: draw those only right
            // after the resize and on every tenth step.
            let big = u32::from(app.width) * u32::from(app.height) > 200 * 60;
            if !big || i % 10 == 0 || matches!(step, Step::Act(Action::Resize { .. })) {
                assert_clean_frame(&app, &theme)?;
            }
        }
    }

    /// Browser history: after a link that moved, Back returns to where the reader stood and
    /// Forward to where the link led, whatever came before.
    #[test]
    fn back_then_forward_returns_to_the_followed_event(
        which in any::<Index>(),
        before in prop::collection::vec(step(), 0..80),
        tabs in 0usize..4,
        downs in 0usize..4,
        via_chain in any::<bool>(),
    ) {
        // Only the chronologies that have a link to follow.
        let linked: Vec<&Chronology> = chronologies()
            .iter()
            .map(|(_, chronology)| chronology)
            .filter(|c| c.events.iter().any(|e| !e.consequences.is_empty()))
            .collect();
        let mut app = open(linked[which.index(linked.len())], 120, 40);
        for step in &before {
            apply(&mut app, step);
        }
        // Leave whatever overlay the prefix opened, then aim at a link.
        while !app.overlays.is_empty() {
            update(&mut app, Action::Close);
        }
        // The aim drawn first, then every other in a fixed order: a draw whose aim has no link
        // to follow takes the next that has one, so few cases are thrown away (rejecting each
        // such draw failed the test above about 270 cases for too many rejects).
        let aims = std::iter::once((via_chain, tabs, downs)).chain(
            [false, true]
                .into_iter()
                .flat_map(|chain| (0..4).flat_map(move |t| (0..4).map(move |d| (chain, t, d)))),
        );
        let followed = aims.into_iter().find_map(|(via_chain, tabs, downs)| {
            let mut aimed = app.clone();
            if via_chain {
                update(&mut aimed, Action::OpenChain);
            } else {
                for _ in 0..tabs {
                    update(&mut aimed, Action::FocusNext);
                }
            }
            for _ in 0..downs {
                update(&mut aimed, Action::SelectNext);
            }
            let from = aimed.selected_event();
            update(&mut aimed, Action::FollowLink);
            let to = aimed.selected_event();
            (to != from && aimed.overlays.is_empty()).then_some((aimed, from, to))
        });
        prop_assume!(followed.is_some(), "no link to follow from here");
        let (mut app, from, to) = followed.unwrap();

        update(&mut app, Action::Back);
        prop_assert_eq!(app.selected_event(), from, "Back returns to the event left");
        assert_coherent(&app)?;
        update(&mut app, Action::Forward);
        prop_assert_eq!(app.selected_event(), to, "Forward lands where the link led");
        assert_coherent(&app)?;
    }

    /// Random acyclic chronologies load; closing any path into a cycle is refused at load.
    #[test]
    fn generated_chronologies_load_and_cycles_are_refused(
        n in 1usize..12,
        links in prop::collection::vec((any::<Index>(), any::<Index>()), 0..20),
        back in (any::<Index>(), any::<Index>()),
        steps in prop::collection::vec(step(), 0..60),
    ) {
        // Links only run from an earlier index to a later one: acyclic by construction.
        let mut consequences = vec![Vec::<String>::new(); n];
        for (a, b) in &links {
            let (a, b) = (a.index(n), b.index(n));
            let (from, to) = (a.min(b), a.max(b));
            if from != to && !consequences[from].contains(&format!("e{to}")) {
                consequences[from].push(format!("e{to}"));
            }
        }
        let doc = |consequences: &[Vec<String>]| {
            let events: Vec<_> = (0..n)
                .map(|i| json!({
                    "id": format!("e{i}"),
                    "date": format!("{}", 1990 + i % 3),
                    "title": format!("Event {i}"),
                    "actors": if i % 2 == 0 { vec!["a"] } else { vec!["a", "b"] },
                    "consequences": consequences[i],
                }))
                .collect();
            json!({
                "quipu": 1, "title": "Generated",
                "actors": [{"id": "a", "name": "A", "kind": "person"},
                           {"id": "b", "name": "B", "kind": "state"}],
                "events": events,
            })
            .to_string()
        };
        let chronology = Chronology::from_str(&doc(&consequences));
        prop_assert!(chronology.is_ok(), "acyclic file refused: {:?}", chronology.err());
        let mut app = App::new(chronology.unwrap());
        update(&mut app, Action::Resize { width: 100, height: 30 });
        let theme = Theme::monochrome();
        for (i, step) in steps.iter().enumerate() {
            apply(&mut app, step);
            assert_coherent(&app)?;
            if i % 4 == 0 {
                assert_clean_frame(&app, &theme)?;
            }
        }

        // Add a link from some event back to one that reaches it (or to itself): a cycle.
        let (x, y) = (back.0.index(n), back.1.index(n));
        let (from, to) = (x.max(y), x.min(y));
        let reaches = |start: usize, goal: usize| {
            let mut seen = vec![false; n];
            let mut stack = vec![start];
            while let Some(i) = stack.pop() {
                if i == goal {
                    return true;
                }
                if !std::mem::replace(&mut seen[i], true) {
                    stack.extend(consequences[i].iter().map(|id| id[1..].parse::<usize>().unwrap()));
                }
            }
            false
        };
        if reaches(to, from) {
            let mut cyclic = consequences.clone();
            cyclic[from].push(format!("e{to}"));
            let refused = Chronology::from_str(&doc(&cyclic));
            prop_assert!(refused.is_err(), "a cycle {from} -> {to} was accepted");
            let diagnostics = refused.unwrap_err();
            prop_assert!(
                diagnostics.iter().any(|d| d.is_error() && d.message.contains("cycle")),
                "the refusal names the cycle: {:?}", diagnostics
            );
        }
    }
}

/// The shipped cyclic fixture is refused at load with a diagnostic naming the cycle.
#[test]
fn a_cyclic_file_is_refused_at_load() {
    let diagnostics = Chronology::from_str(&fixture("invalid/causal-cycle.json"))
        .expect_err("a causal cycle is refused");
    assert!(
        diagnostics
            .iter()
            .any(|d| d.is_error() && d.message.contains("cycle") && d.line > 1),
        "{diagnostics:?}"
    );
}

/// The hostile fixture loads (its text is cleaned, not refused) and every overlay of every event
/// renders clean, at the smallest and a very large size too.
#[test]
fn every_screen_of_the_hostile_file_is_clean() {
    let chronology = load("hostile", &fixture("hostile/escapes.json"));
    let theme = Theme::color();
    for (width, height) in [(1, 1), (20, 5), (80, 24), (500, 200)] {
        let mut app = App::new(chronology.clone());
        update(&mut app, Action::Resize { width, height });
        for pos in 0..app.visible_len() {
            update(&mut app, Action::SelectFirst);
            for _ in 0..pos {
                update(&mut app, Action::SelectNext);
            }
            let openers = common::overlay_openers(&app);
            assert!(openers.len() >= 6, "{openers:?}");
            for overlay in std::iter::once(None).chain(openers.into_iter().map(Some)) {
                if let Some(open) = overlay {
                    update(&mut app, open);
                }
                for _ in 0..4 {
                    assert_clean_frame(&app, &theme).unwrap();
                    let bytes = frame_bytes(&app, &theme);
                    assert!(!bytes.is_empty(), "a frame was written");
                    assert_only_csi(&bytes);
                    update(&mut app, Action::FocusNext);
                }
                update(&mut app, Action::Close);
            }
        }
    }
}

/// The checks above can fail: a raw escape or bidi override that reached a cell or the output
/// is caught.
#[test]
fn the_checks_catch_what_they_look_for() {
    let mut buffer = Buffer::empty(Rect::new(0, 0, 4, 2));
    assert_eq!(dangerous_cell(&buffer), None);
    buffer[(1, 1)].set_symbol("\u{202e}");
    assert_eq!(dangerous_cell(&buffer), Some((1, 1, "\u{202e}".to_owned())));
    buffer[(1, 1)].set_symbol("\u{1b}");
    assert!(dangerous_cell(&buffer).is_some());

    assert_only_csi(b"plain \x1b[38;5;12mtext\x1b[0m \x1b[?25h");
    for bad in [
        &b"\x1b]0;pwned\x07"[..],
        b"bell\x07",
        b"nul\x00",
        b"\x1bc",
        "rtl \u{202e}".as_bytes(),
        "c1 \u{9b}2J".as_bytes(),
    ] {
        let caught = std::panic::catch_unwind(|| assert_only_csi(bad)).is_err();
        assert!(caught, "{bad:?} passed");
    }
}
