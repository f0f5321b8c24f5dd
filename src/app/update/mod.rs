//! The only place state changes. `update` is pure: no terminal, no files, no clock, no threads.
//! What must happen outside the state (a search, an export, leaving) it returns as [`Effect`]s
//! for the shell to run, so a key sequence is a list of actions and a test can replay it and see
//! what each key asked for.

mod edit;
mod filter;
mod jumps;
mod moves;
mod pointer;
mod prompt;
mod query;
mod reload;
mod search;

use super::action::{Action, ActionKind};
use super::chain::ChainView;
use super::cursor::ListCursor;
use super::effect::{Effect, Effects};
use super::focus::Focus;
use super::layout::Layout;
use super::overlay::{AboutView, DatePrompt, Overlay};
use super::palette::Palette;
use super::state::App;

/// Rows the mouse wheel moves.
const WHEEL_STEP: isize = 3;

/// A cursor movement, applied to whatever has the cursor.
#[derive(Debug, Clone, Copy)]
enum Move {
    By(isize),
    First,
    Last,
    Pages(isize),
    HalfPages(isize),
}

/// Applies one action and returns what the shell must do because of it (usually nothing).
pub fn update(app: &mut App, action: Action) -> Effects {
    // A message stays until the next key: answers from the shell's workers (a search finishing
    // after a reload, a reload starting, the query index ready) do not wipe it.
    if ActionKind::from(&action).is_from_reader() {
        app.status = None;
        app.edit_note = None;
    }
    let mut effects = Effects::new();
    match action {
        Action::Quit => effects.push(Effect::Quit),
        Action::Suspend => effects.push(Effect::Suspend),
        Action::Resize { width, height } => {
            app.width = width;
            app.height = height;
            moves::refit(app);
        }
        Action::SelectNext => moves::move_cursor(app, Move::By(1)),
        Action::SelectPrev => moves::move_cursor(app, Move::By(-1)),
        Action::SelectFirst => moves::move_cursor(app, Move::First),
        Action::SelectLast => moves::move_cursor(app, Move::Last),
        Action::PageDown => moves::move_cursor(app, Move::Pages(1)),
        Action::PageUp => moves::move_cursor(app, Move::Pages(-1)),
        Action::HalfPageDown => moves::move_cursor(app, Move::HalfPages(1)),
        Action::HalfPageUp => moves::move_cursor(app, Move::HalfPages(-1)),
        Action::NextYear => {
            jumps::jump_or_say(app, App::next_year_position, "No later year has events.")
        }
        Action::PrevYear => {
            jumps::jump_or_say(app, App::prev_year_position, "No earlier year has events.")
        }
        Action::NextEra => jumps::jump_or_say(app, App::next_era_position, "No later era."),
        Action::PrevEra => jumps::jump_or_say(app, App::prev_era_position, "No earlier era."),
        Action::ZoomIn => app.zoom = (app.zoom + 1).min(app.max_zoom()),
        Action::ZoomOut => app.zoom = app.zoom.saturating_sub(1),
        Action::FocusNext => jumps::cycle_focus(app, 1),
        Action::FocusPrev => jumps::cycle_focus(app, -1),
        Action::FollowLink => jumps::follow_link(app),
        Action::FilterByActor => effects.extend(filter::filter_by_actor(app)),
        Action::ClearFilter => filter::clear_filter(app),
        Action::Back => {
            let here = jumps::place(app);
            match app.history.back(here) {
                Some(to) => jumps::restore(app, &to),
                None => app.status = Some("Nothing to go back to.".to_owned()),
            }
        }
        Action::Forward => {
            let here = jumps::place(app);
            match app.history.forward(here) {
                Some(to) => jumps::restore(app, &to),
                None => app.status = Some("Nothing to go forward to.".to_owned()),
            }
        }
        Action::OpenChain => {
            if let Some(event) = app.selected_event() {
                app.overlays
                    .push(Overlay::Chain(ChainView::new(&app.chronology, event)));
            }
        }
        Action::OpenActors => filter::open_actors(app),
        Action::OpenHelp => app.overlays.push(Overlay::Help {
            cursor: ListCursor::default(),
            search: String::new(),
            typing: false,
        }),
        Action::SearchHelp => {
            if let Some(Overlay::Help { typing, .. }) = app.overlays.last_mut() {
                *typing = true;
            }
        }
        Action::OpenAbout => app
            .overlays
            .push(Overlay::About(AboutView::new(&app.chronology))),
        Action::OpenDatePrompt => app
            .overlays
            .push(Overlay::DatePrompt(DatePrompt::default())),
        Action::OpenSearch => {
            app.overlays.push(Overlay::Palette(Palette::default()));
            effects.extend(prompt::query_changed(app));
        }
        Action::SearchNext => search::search_step(app, true),
        Action::SearchPrev => search::search_step(app, false),
        Action::SearchResults {
            generation,
            hits,
            complete,
        } => effects.extend(search::receive_results(app, generation, hits, complete)),
        Action::EventMatches { text, matches } => search::receive_matches(app, text, matches),
        Action::QueryIndexReady(index) => {
            if index.0.fits(&app.chronology) {
                app.query_index = index.0;
            }
        }
        Action::Export => match nothing_to_export(app) {
            Some(why) => app.status = Some(why),
            None => app.overlays.push(Overlay::ExportMenu),
        },
        Action::ExportAs(format) => {
            if matches!(app.overlays.last(), Some(Overlay::ExportMenu)) {
                app.overlays.pop();
            }
            if let Some(why) = nothing_to_export(app) {
                app.status = Some(why);
            } else {
                app.status = Some("Exporting…".to_owned());
                effects.push(match &app.filter {
                    Some(filter) => Effect::ExportQuery {
                        format,
                        events: filter.events.clone(),
                        query: filter.query.clone(),
                    },
                    None => Effect::Export {
                        format,
                        events: None,
                    },
                });
            }
        }
        Action::Exported { written, events } => {
            let noun = if events == 1 { "event" } else { "events" };
            app.status = Some(match written {
                Ok(path) => format!("exported {events} {noun} to {}", path.display()),
                Err(why) => format!("export failed: {why}"),
            });
        }
        Action::CopyCitation | Action::CopyId => effects.extend(copy(app, &action)),
        Action::Edit => effects.extend(edit::edit(app)),
        Action::Edited(outcome) => effects.extend(edit::edited(app, &outcome)),
        Action::OpenLanes => super::lanes::open(app),
        Action::Reload => effects.extend(reload::reload(app)),
        Action::OpenProblems => reload::toggle_problems(app),
        Action::ReloadStarted => app.file_note = Some("reloading…".to_owned()),
        Action::Reloaded(reload) => effects.extend(reload::reloaded(app, *reload)),
        // Said once, by the footer's note, which stays until the file is read again (the
        // status line said it too, and kept saying it after the file was back).
        Action::ReloadFailed(why) => app.file_note = Some(why),
        Action::NextLane => super::lanes::move_lane(app, 1),
        Action::PrevLane => super::lanes::move_lane(app, -1),
        Action::NextInLane => super::lanes::step_event(app, true),
        Action::PrevInLane => super::lanes::step_event(app, false),
        Action::OpenInTimeline => jumps::open_lane_event(app),
        Action::ToggleLane => super::lanes::toggle_pick(app),
        Action::ToggleCollapse => jumps::fold(app, None),
        Action::Collapse => jumps::fold(app, Some(true)),
        Action::Expand => jumps::fold(app, Some(false)),
        Action::Close => {
            if let Some(Overlay::Help {
                search,
                typing,
                cursor,
            }) = app.overlays.last_mut()
                && (*typing || !search.is_empty())
            {
                // Esc ends a search in help before it closes help.
                search.clear();
                *typing = false;
                *cursor = ListCursor::default();
            } else if app.overlays.pop().is_none() {
                app.focus = Focus::Timeline;
                app.item = 0;
            }
        }
        Action::PromptInput(c) => {
            if !query::input(app, c) {
                effects.extend(prompt::input(app, c));
            }
        }
        Action::PromptBackspace => {
            if !query::delete(app, query::Delete::Char) {
                effects.extend(prompt::backspace(app));
            }
        }
        Action::PromptClear => {
            if !query::delete(app, query::Delete::All) {
                effects.extend(prompt::clear(app));
            }
        }
        Action::PromptDeleteTerm => {
            query::delete(app, query::Delete::Term);
        }
        Action::PromptComplete => query::tab(app),
        Action::PromptHistoryPrev => query::recall(app, true),
        Action::PromptHistoryNext => query::recall(app, false),
        Action::OpenFilterPrompt => effects.extend(query::open_prompt(app)),
        Action::RemoveLastTerm => effects.extend(filter::remove_last_term(app)),
        Action::OpenFacets => effects.extend(query::open_facets(app)),
        Action::NextDimension => query::turn(app, 1),
        Action::PrevDimension => query::turn(app, -1),
        Action::Filtered {
            generation,
            query,
            outcome,
        } => effects.extend(filter::receive(app, generation, &query, outcome)),
        Action::FacetsCounted { purpose, facets } => query::receive_facets(app, purpose, facets),
        Action::QueryHistoryLoaded { entries, problem } => {
            query::history_loaded(app, entries, problem)
        }
        Action::QueryHistoryProblem(problem) => query::history_problem(app, problem),
        Action::PromptSubmit => match app.overlays.last_mut() {
            Some(Overlay::FilterPrompt(_)) => effects.extend(query::submit_prompt(app)),
            Some(Overlay::Facets(_)) => effects.extend(query::submit_facet(app)),
            Some(Overlay::Palette(_)) => effects.extend(search::submit_palette(app)),
            Some(Overlay::Help { typing, .. }) => *typing = false,
            _ => prompt::submit_date(app),
        },
        Action::Click { column, row } => pointer::click(app, column, row),
        Action::ScrollDown { .. } => moves::move_cursor(app, Move::By(WHEEL_STEP)),
        Action::ScrollUp { .. } => moves::move_cursor(app, Move::By(-WHEEL_STEP)),
    }
    effects
}

/// Why an export would write an empty file, if it would: a file invalid from the start has no
/// events to show. (A query that matches nothing is never applied, so it cannot come to this.)
fn nothing_to_export(app: &App) -> Option<String> {
    if !app.chronology.events.is_empty() {
        return None;
    }
    Some(if app.problems.invalid {
        "nothing to export: the file is invalid (! shows why)".to_owned()
    } else {
        "nothing to export: the chronology has no events".to_owned()
    })
}

/// `y` / `Y`: the selected event's citation or id, for the shell to put on the clipboard.
fn copy(app: &mut App, action: &Action) -> Option<Effect> {
    let Some(event) = app.selected_event() else {
        app.status = Some("No event to copy.".to_owned());
        return None;
    };
    let (text, what) = if *action == Action::CopyId {
        let id = app.chronology.events[event].id.to_string();
        (id.clone(), format!("id {id}"))
    } else {
        (
            super::cite::citation(&app.chronology, event),
            "citation".to_owned(),
        )
    };
    app.status = Some(format!("copied the {what} to the clipboard"));
    Some(Effect::Copy(text))
}

fn layout(app: &App) -> Layout {
    Layout::for_size(app.width, app.height)
}

fn timeline_height(app: &App) -> usize {
    usize::from(layout(app).timeline.height)
}

fn overlay_height(app: &App) -> usize {
    usize::from(layout(app).overlay_list().height)
}
