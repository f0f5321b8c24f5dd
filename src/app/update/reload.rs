//! Reloading: `r`, the shell's answers about a new version, and the problems panel (`!`).

use super::jumps::go_to_event;
use crate::app::effect::{Effect, Effects};
use crate::app::overlay::Overlay;
use crate::app::reload::{Diff, Fresh, Reload, keep_place, problems_changed};
use crate::app::state::App;

/// `r`: ask the shell to read the file again, when there is one.
pub(super) fn reload(app: &mut App) -> Option<Effect> {
    if app.problems.path.is_none() {
        app.status = Some("Nothing to reload: this chronology was not read from a file.".into());
        return None;
    }
    Some(Effect::Reload)
}

/// A new version was read: the valid one takes over with the reader's place kept; an invalid
/// one leaves the last good version on screen and opens the problems panel.
pub(super) fn reloaded(app: &mut App, reload: Reload) -> Effects {
    let Reload {
        fresh,
        diff,
        problems,
    } = reload;
    app.file_note = None;
    let mut edit_note = app.edit_note.take();
    // What the status line says until the next key; a reload that changed nothing leaves it.
    let said = app.status.take();
    let counts = problems.counts();
    let mut effects = Effects::new();
    match fresh {
        Some(Fresh(fresh)) => {
            let mended = app.problems.invalid;
            let old = std::mem::replace(app, *fresh);
            effects = keep_place(old, app, &diff);
            problems_changed(app, problems);
            if mended {
                let file = crate::text::sanitize(&app.problems.file, false);
                app.status = Some(match app.status.take() {
                    Some(summary) => format!("{file} is valid again · {summary}"),
                    None => format!("{file} is valid again"),
                });
            }
            if !counts.is_empty() {
                let status = app.status.get_or_insert_with(String::new);
                status.push_str(&format!(" · {counts}"));
            }
            if diff == Diff::default() && !mended && said.is_some() {
                // The editor's answer, if it is what is said, is said once.
                app.status = said;
                edit_note = None;
            }
        }
        None => {
            let file = crate::text::sanitize(&problems.file, false);
            problems_changed(app, problems);
            let shown = if app.chronology.events.is_empty() {
                "the timeline appears once it is saved valid"
            } else {
                "showing the last good version"
            };
            app.status = Some(format!("{file} is invalid ({counts}): {shown}"));
        }
    }
    if let Some(note) = edit_note {
        app.status = Some(match app.status.take() {
            Some(summary) => format!("{note} · {summary}"),
            None => note,
        });
    }
    effects
}

/// `!`: open the panel, or close it when it is on top.
pub(super) fn toggle_problems(app: &mut App) {
    if matches!(app.overlays.last(), Some(Overlay::Problems(_))) {
        app.overlays.pop();
        return;
    }
    if app.problems.diagnostics.is_empty() {
        app.status = Some(match app.problems.file.as_str() {
            "" => "No problems: no errors or warnings.".to_owned(),
            file => format!(
                "No problems: {} has no errors or warnings.",
                crate::text::sanitize(file, false)
            ),
        });
        return;
    }
    app.overlays.push(Overlay::Problems(Default::default()));
}

/// Enter on a problem: go to its event, when the version shown has it.
pub(super) fn follow_problem(app: &mut App) {
    let Some(Overlay::Problems(view)) = app.overlays.last() else {
        return;
    };
    let at = view.cursor.selected;
    let Some(id) = app.problems.events.get(at).cloned().flatten() else {
        app.status = Some("This problem is not about one event.".into());
        return;
    };
    match app.chronology.event_ix(&id) {
        Some(event) => {
            app.overlays.pop();
            go_to_event(app, event);
        }
        None => {
            app.status = Some(format!(
                "Event {} is not in the version shown.",
                crate::text::sanitize(&id, false)
            ))
        }
    }
}

/// Rows one problem takes in the panel, for paging: its line, a help line and its event.
pub(super) const PROBLEM_ROWS: usize = 3;
