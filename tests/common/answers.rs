//! Strategies for the answers the shell gives `update` that `tests/ui_props.rs` (at its size
//! limit) does not write itself: its `answer` asks here for every kind it has no arm for, so
//! the random sessions cover each new answer the day it exists. A reload may bring a new
//! version at any moment, valid or not.

use proptest::prelude::*;
use quipu::app::action::ActionKind;
use quipu::app::edit::EditOutcome;
use quipu::app::problems::Problems;
use quipu::app::reload::{Diff, Fresh, Reload};
use quipu::app::{Action, App};
use quipu::model::{Chronology, Diagnostic};

/// A strategy for `kind`, or `None` when there is none (the property test then fails, naming it).
pub fn strategy(kind: ActionKind) -> Option<BoxedStrategy<Action>> {
    Some(match kind {
        ActionKind::Edited => prop::sample::select(vec![
            EditOutcome::Done {
                program: "vim".into(),
                path: "peru.json".into(),
                line: Some(12),
                note: None,
            },
            EditOutcome::Done {
                program: "hx".into(),
                path: "peru.json".into(),
                line: None,
                note: Some("`gone` is no longer in the file: opened at the top".into()),
            },
            EditOutcome::NotFound {
                program: "nvi".into(),
                variable: Some("EDITOR"),
            },
            EditOutcome::Unsplittable { variable: "VISUAL" },
            EditOutcome::Failed {
                program: "ed\u{1b}[2J".into(),
                status: 1,
            },
            EditOutcome::Killed {
                program: "vim".into(),
                signal: 9,
            },
        ])
        .prop_map(Action::Edited)
        .boxed(),
        ActionKind::ReloadStarted => Just(Action::ReloadStarted).boxed(),
        ActionKind::ReloadFailed => Just(Action::ReloadFailed(
            "f.json is gone: showing the last version".to_owned(),
        ))
        .boxed(),
        ActionKind::Reloaded => (any::<bool>(), 0usize..3)
            .prop_map(|(valid, diagnostics)| {
                let problems = Problems::new(
                    "f.json".into(),
                    Some("f.json".into()),
                    (0..diagnostics)
                        .map(|n| Diagnostic::error(n + 1, 1, "unknown actor `x\u{1b}[2J`"))
                        .collect(),
                    (0..diagnostics).map(|_| Some("self-coup".into())).collect(),
                    !valid,
                );
                Action::Reloaded(Box::new(Reload {
                    fresh: valid.then(|| Fresh(Box::new(App::new(Chronology::shipped())))),
                    diff: Diff::default(),
                    problems,
                }))
            })
            .boxed(),
        ActionKind::QueryIndexReady => Just(Action::QueryIndexReady(Default::default())).boxed(),
        _ => return super::query_answers::answer(kind),
    })
}
