//! Strategies for the answers the shell gives `update` that `tests/ui_props.rs` (at its size
//! limit) does not write itself: its `answer` asks here for every kind it has no arm for, so
//! the random sessions cover each new answer the day it exists.

use proptest::prelude::*;
use quipu::app::Action;
use quipu::app::action::ActionKind;
use quipu::app::edit::EditOutcome;

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
        _ => return None,
    })
}
