//! The search palette's answers, Enter in it, and `n` / `N` through the events of a submitted
//! search.

use super::filter::filter_by_actor;
use super::jumps::go_to_event;
use super::overlay_height;
use crate::app::cursor::ListCursor;
use crate::app::effect::{Effect, Effects};
use crate::app::keymap::Mode;
use crate::app::overlay::Overlay;
use crate::app::palette::{EventSearch, PALETTE_LIMIT, Sections};
use crate::app::{Action, App};
use crate::model::EventIx;
use crate::search::{Hit, Query, Scope};

/// Takes the worker's answer if it is for the query typed now; a new answer puts the cursor back
/// on the best hit.
pub(super) fn receive_results(
    app: &mut App,
    generation: u64,
    hits: Vec<Hit>,
    complete: bool,
) -> Effects {
    if generation != app.search_generation {
        return Effects::new();
    }
    let height = overlay_height(app);
    let Some(Overlay::Palette(palette)) = app.overlays.last_mut() else {
        return Effects::new();
    };
    let asked = palette.asked.unwrap_or(palette.query().scope);
    if asked == Scope::Actors && palette.sections().0 == Sections::Both {
        // The actor section of a plain `/`: shown at once; once complete, the events are next.
        palette.actors = hits;
        palette.actors_for = Some(palette.sections().1.to_owned());
        palette.cursor = ListCursor::default();
        palette.cursor.ensure_visible(palette.row_count(), height);
        if !complete {
            return Effects::new();
        }
        if palette.sections().1.is_empty() {
            // Nothing typed yet: the actors, busiest first, are the list; every event in file
            // order would be a scan of the whole file for nothing anyone asked.
            palette.answered = Some(palette.query_of(Scope::Events));
            palette.hits = Vec::new();
            palette.complete = true;
            return if palette.submit_when_ready {
                submit_palette(app)
            } else {
                Effects::new()
            };
        }
        palette.asked = Some(Scope::Events);
        app.search_generation += 1;
        return vec![Effect::Search {
            generation: app.search_generation,
            query: palette.query_of(Scope::Events),
        }];
    }
    palette.answered = Some(palette.query_of(asked));
    palette.hits = hits;
    palette.complete = complete;
    palette.cursor = ListCursor::default();
    palette.cursor.ensure_visible(palette.row_count(), height);
    if complete && palette.submit_when_ready {
        return submit_palette(app);
    }
    Effects::new()
}

/// Enter in the palette: filter to the actor, or jump to the event. Either way a search that
/// matched events is remembered for `n` / `N`. Before the answer to the typed query has come,
/// wait for it.
pub(super) fn submit_palette(app: &mut App) -> Effects {
    let Some(Overlay::Palette(palette)) = app.overlays.last_mut() else {
        return Effects::new();
    };
    if !palette.is_current() || !palette.complete {
        palette.submit_when_ready = true;
        return Effects::new();
    }
    palette.submit_when_ready = false;
    let text = palette.query().text;
    let Some((scope, hit)) = palette.selected().map(|(scope, hit)| (scope, hit.clone())) else {
        // Nothing to go to: the "no match" line already says so; keep the palette open to edit.
        return Effects::new();
    };
    let mut matches: Vec<EventIx> = palette.event_hits().iter().map(|h| h.item).collect();
    let mut effects = Effects::new();
    if !matches.is_empty() {
        // Fewer hits than were asked for means every match is among them.
        let complete = matches.len() < PALETTE_LIMIT;
        matches.sort_unstable();
        matches.dedup();
        if !complete {
            // There may be more matches than the palette ranked: `n` / `N` need them all.
            effects.push(Effect::FindAllMatches(Query {
                scope: Scope::Events,
                text: text.clone(),
            }));
        }
        app.last_search = Some(EventSearch {
            text,
            matches,
            complete,
            pending_steps: 0,
        });
    }
    match scope {
        Scope::Actors => effects.extend(filter_by_actor(app)),
        Scope::Events => {
            app.overlays.pop();
            if hit.item < app.chronology.events.len() {
                go_to_event(app, hit.item);
            }
        }
    }
    effects
}

/// Every match of a submitted `#` search, found by the shell: taken if it is still the last
/// search, and the `n` / `N` pressed while it was being found are taken now.
pub(super) fn receive_matches(app: &mut App, text: String, matches: Vec<EventIx>) {
    if let Some(search) = app.last_search.as_mut().filter(|s| s.text == text) {
        search.matches = matches;
        search.complete = true;
        let steps = std::mem::take(&mut search.pending_steps);
        for _ in 0..steps.unsigned_abs() {
            search_step(app, steps > 0);
        }
    }
}

/// `n` / `N`: the next or previous matching event in time, wrapping at the ends like vim.
pub(super) fn search_step(app: &mut App, forward: bool) {
    let Some(search) = app.last_search.as_mut() else {
        app.status = Some(format!(
            "No search yet: {} then words searches actors and events.",
            app.keymap.key_for(Mode::Timeline, &Action::OpenSearch)
        ));
        return;
    };
    if !search.complete {
        search.pending_steps += if forward { 1 } else { -1 };
        app.status = Some(format!("counting the matches for #{}…", search.text));
        return;
    }
    let Some(search) = &app.last_search else {
        return;
    };
    let text = search.text.clone();
    let matches = &search.matches;
    if matches.is_empty() {
        app.status = Some(format!("no match for #{text}"));
        return;
    }
    let current = app.selected_event();
    let (to, wrapped) = match (forward, current) {
        (true, Some(at)) => match matches.iter().find(|&&m| m > at) {
            Some(&m) => (m, false),
            None => (matches[0], true),
        },
        (false, Some(at)) => match matches.iter().rev().find(|&&m| m < at) {
            Some(&m) => (m, false),
            None => (matches[matches.len() - 1], true),
        },
        (true, None) => (matches[0], false),
        (false, None) => (matches[matches.len() - 1], false),
    };
    if Some(to) == current {
        app.status = Some(format!("no more matches for #{text}"));
        return;
    }
    let (position, total) = (matches.partition_point(|&m| m < to) + 1, matches.len());
    let filtered = app.filter.is_some();
    go_to_event(app, to);
    let step = if wrapped && forward {
        "search hit BOTTOM, continuing at TOP".to_owned()
    } else if wrapped {
        "search hit TOP, continuing at BOTTOM".to_owned()
    } else {
        // Where the reader is among the matches, as vim's search count shows it.
        format!("#{text}: match {position} of {total}")
    };
    // The match was hidden by the query, which `go_to_event` lifted: say so, or the reader
    // sees the filter gone with no word of why or how to get it back.
    let lifted = filtered && app.filter.is_none();
    app.status = Some(if lifted {
        format!(
            "{step} · query lifted to show it ({} restores it)",
            app.keymap.key_for(Mode::Timeline, &Action::Back)
        )
    } else {
        step
    });
}
