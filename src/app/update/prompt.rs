//! Typing in the date prompt and the search palette. A change of the palette's query asks the
//! shell for a search; the prompt's text is only checked on Enter.

use super::jumps::jump_to;
use crate::app::App;
use crate::app::effect::{Effect, Effects};
use crate::app::overlay::Overlay;
use crate::app::palette::MAX_QUERY;

/// Longest date worth typing.
const MAX_DATE: usize = 40;

/// A new palette query: bump the generation, so answers to older ones are dropped, and ask for it.
pub(super) fn query_changed(app: &mut App) -> Option<Effect> {
    let Some(Overlay::Palette(palette)) = app.overlays.last_mut() else {
        return None;
    };
    // Under a plain `/` the actors come first; their answer asks for the events.
    let query = palette.first_query();
    palette.asked = Some(query.scope);
    app.search_generation += 1;
    Some(Effect::Search {
        generation: app.search_generation,
        query,
    })
}

pub(super) fn input(app: &mut App, c: char) -> Effects {
    if c.is_control() {
        return Effects::new();
    }
    match app.overlays.last_mut() {
        Some(Overlay::DatePrompt(prompt)) if prompt.input.chars().count() < MAX_DATE => {
            prompt.input.push(c);
            prompt.error = None;
        }
        Some(Overlay::Palette(palette)) if palette.input.chars().count() < MAX_QUERY => {
            palette.input.push(c);
            return query_changed(app).into_iter().collect();
        }
        Some(Overlay::Help {
            search,
            typing: true,
            cursor,
        }) if search.chars().count() < MAX_QUERY => {
            search.push(c);
            *cursor = Default::default();
        }
        _ => {}
    }
    Effects::new()
}

pub(super) fn backspace(app: &mut App) -> Effects {
    match app.overlays.last_mut() {
        Some(Overlay::DatePrompt(prompt)) => {
            prompt.input.pop();
            prompt.error = None;
        }
        Some(Overlay::Palette(palette)) if !palette.input.is_empty() => {
            palette.input.pop();
            return query_changed(app).into_iter().collect();
        }
        Some(Overlay::Help {
            search,
            typing: true,
            cursor,
        }) => {
            search.pop();
            *cursor = Default::default();
        }
        _ => {}
    }
    Effects::new()
}

pub(super) fn clear(app: &mut App) -> Effects {
    match app.overlays.last_mut() {
        Some(Overlay::DatePrompt(prompt)) => {
            prompt.input.clear();
            prompt.error = None;
        }
        Some(Overlay::Palette(palette)) if !palette.input.is_empty() => {
            palette.input.clear();
            return query_changed(app).into_iter().collect();
        }
        _ => {}
    }
    Effects::new()
}

pub(super) fn submit_date(app: &mut App) {
    let Some(Overlay::DatePrompt(prompt)) = app.overlays.last() else {
        return;
    };
    match app.position_for_date(&prompt.input) {
        Ok(found) => {
            let input = crate::text::sanitize(&prompt.input, false);
            app.overlays.pop();
            match found {
                Some((pos, beyond)) => {
                    jump_to(app, pos);
                    if let Some(beyond) = beyond {
                        app.status = Some(format!("{input} is {beyond}"));
                    }
                }
                None => app.status = Some("No events to jump to.".to_owned()),
            }
        }
        Err(why) => {
            if let Some(Overlay::DatePrompt(prompt)) = app.overlays.last_mut() {
                prompt.error = Some(why);
            }
        }
    }
}
