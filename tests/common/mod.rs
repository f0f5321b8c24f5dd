//! Helpers shared by the test binaries. Each binary uses a part of them, so the rest would be
//! reported as dead code there.
#![allow(dead_code)]

pub mod answers;
pub mod clean_frame;
pub mod query_answers;
pub mod screen;
pub mod session;
pub mod tmux;

use quipu::app::action::NAMED;
use quipu::app::{Action, App, update};

/// Every action that opens an overlay over the main screen, found by trying each named action
/// on a copy of `app` (the main screen, on an event): a new overlay is covered by every test that
/// walks this list the day its key is bound.
pub fn overlay_openers(app: &App) -> Vec<Action> {
    assert!(app.overlays.is_empty(), "start from the main screen");
    NAMED
        .iter()
        .map(|(_, action)| action.clone())
        .filter(|action| {
            let mut trial = app.clone();
            update(&mut trial, action.clone());
            !trial.overlays.is_empty()
        })
        .collect()
}
