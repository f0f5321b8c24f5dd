//! `E` and the editor's answer. Which file and which event is decided here; finding the line,
//! running the editor and reloading are the shell's (`Effect::Edit`).

use crate::app::Action;
use crate::app::edit::{EditOutcome, EditTarget, Origin};
use crate::app::effect::Effect;
use crate::app::keymap::Mode;
use crate::app::state::App;
use crate::model::input::display_name;

/// The file quipu writes the built-in chronology to when asked how to edit it; the command is
/// `quipu export`'s (`cli/export.rs`: `--to json`, `-o OUT`).
const COPY_NAME: &str = "fujimori.json";

/// `E`: the selected event's file and id, or a status line saying why there is nothing to open
/// (short enough for the footer of a 120-column terminal).
pub(super) fn edit(app: &mut App) -> Option<Effect> {
    let key = app.keymap.key_for(Mode::Timeline, &Action::Edit);
    // In the problems panel, the problem's own place, which may be outside any event.
    if let Some((path, line)) = app.selected_problem() {
        let path = path.to_path_buf();
        app.status = Some(format!("opening {} in your editor…", display_name(&path)));
        return Some(Effect::Edit {
            path,
            target: EditTarget::Line(line.max(1)),
        });
    }
    let path = match &app.origin {
        Origin::BuiltIn => {
            app.status = Some(format!(
                "Built in: `quipu export --to json -o {COPY_NAME}` writes a copy; `quipu {COPY_NAME}`, then {key}, edits it."
            ));
            return None;
        }
        Origin::Stdin => {
            app.status = Some(format!(
                "Read from a pipe, so there is no file to edit: open the file itself (`quipu FILE`), then {key}."
            ));
            return None;
        }
        Origin::File(path) => path.clone(),
    };
    let target = match app.selected_event() {
        Some(event) => EditTarget::Event(app.chronology.events[event].id.to_string()),
        // An empty chronology (or filter): the file is still worth opening, at its top.
        None => EditTarget::Line(1),
    };
    app.status = Some(format!("opening {} in your editor…", display_name(&path)));
    Some(Effect::Edit { path, target })
}

/// The shell's answer: what happened, in the status line; and when the editor ran, the file is
/// read again now, so the edit shows at once even where the watch missed it.
pub(super) fn edited(app: &mut App, outcome: &EditOutcome) -> Option<Effect> {
    let message = outcome.message();
    app.status = Some(message.clone());
    outcome.ran().then(|| {
        app.edit_note = Some(message);
        Effect::Reload
    })
}
