//! Strategies for the shell's answers about reloads (#13), for the property tests that walk
//! every kind of answer: a reload may bring a new version at any moment, valid or not.

use proptest::prelude::*;
use quipu::app::action::ActionKind;
use quipu::app::problems::Problems;
use quipu::app::reload::{Diff, Fresh, Reload};
use quipu::app::{Action, App};
use quipu::model::{Chronology, Diagnostic};

/// A strategy for `kind` if it is a reload answer.
pub fn strategy(kind: ActionKind) -> Option<BoxedStrategy<Action>> {
    Some(match kind {
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
        _ => return None,
    })
}
