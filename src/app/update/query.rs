//! The filter prompt (`f`) and the facets (`F`): typing, Tab, the history, Enter; the counts and
//! Enter on one. Both hand the query to `filter::request`, which runs it off the UI thread.

use std::sync::Arc;

use super::filter::{active_query, request};
use crate::app::App;
use crate::app::completion::complete;
use crate::app::effect::{Effect, Effects, FacetsFor};
use crate::app::overlay::Overlay;
use crate::app::query::{FacetsView, FilterPrompt, MAX_QUERY, bound, with_term, without_last_term};
use crate::query::Query;
use crate::query::facets::Facets;

/// `f`: the prompt, holding the active query to edit. The first time, the shell is asked to
/// count the tags and roles Tab offers.
pub(super) fn open_prompt(app: &mut App) -> Effects {
    let mut input = active_query(app).to_owned();
    if !input.is_empty() {
        input.push(' ');
    }
    app.overlays
        .push(Overlay::FilterPrompt(FilterPrompt::new(input)));
    if app.vocabulary_asked {
        return Effects::new();
    }
    app.vocabulary_asked = true;
    vec![Effect::CountFacets {
        purpose: FacetsFor::Completion,
        events: None,
    }]
}

fn prompt(app: &mut App) -> Option<&mut FilterPrompt> {
    match app.overlays.last_mut() {
        Some(Overlay::FilterPrompt(prompt)) => Some(prompt),
        _ => None,
    }
}

/// A character typed into the prompt. Returns whether the prompt took it.
pub(super) fn input(app: &mut App, c: char) -> bool {
    let Some(prompt) = prompt(app) else {
        return false;
    };
    if !c.is_control() && prompt.input.chars().count() < MAX_QUERY {
        prompt.input.push(c);
        prompt.edited();
    }
    true
}

/// Backspace, Ctrl-w or Ctrl-u in the prompt: returns whether the prompt took it.
pub(super) fn delete(app: &mut App, what: Delete) -> bool {
    let Some(prompt) = prompt(app) else {
        return false;
    };
    match what {
        Delete::Char => {
            prompt.input.pop();
        }
        Delete::Term => {
            let (rest, _) = without_last_term(&prompt.input);
            prompt.input = if rest.is_empty() { rest } else { rest + " " };
        }
        Delete::All => prompt.input.clear(),
    }
    prompt.edited();
    true
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Delete {
    Char,
    Term,
    All,
}

/// Tab: complete the last word, or list what it could become.
pub(super) fn tab(app: &mut App) {
    let chronology = Arc::clone(&app.chronology);
    let vocabulary = app.vocabulary.clone();
    let Some(prompt) = prompt(app) else {
        return;
    };
    let done = complete(&chronology, vocabulary.as_deref(), &prompt.input);
    prompt.edited();
    prompt.input = done.input;
    prompt.candidates = done.candidates;
    prompt.note = done.note;
}

/// ↑ (`older`) / ↓: walk the history; below the newest is the text being typed.
pub(super) fn recall(app: &mut App, older: bool) {
    let entries = app.query_history.entries.clone();
    let Some(prompt) = prompt(app) else {
        return;
    };
    let at = match (prompt.recalled, older) {
        (None, true) if !entries.is_empty() => Some(entries.len() - 1),
        (None, _) => return,
        (Some(at), true) => Some(at.saturating_sub(1)),
        (Some(at), false) if at + 1 < entries.len() => Some(at + 1),
        (Some(_), false) => None,
    };
    if prompt.recalled.is_none() {
        prompt.draft = prompt.input.clone();
    }
    let text = match at {
        Some(at) => entries[at].clone(),
        None => std::mem::take(&mut prompt.draft),
    };
    prompt.edited();
    prompt.input = text;
    prompt.recalled = at;
}

/// Enter: a query that does not parse is explained under the prompt, with its column; one that
/// does is run (names are checked then, off the UI thread, and explained the same way).
pub(super) fn submit_prompt(app: &mut App) -> Effects {
    let today = app.today;
    let Some(prompt) = prompt(app) else {
        return Effects::new();
    };
    if let Err(error) = Query::parse(&prompt.input, today) {
        prompt.error = Some(error);
        return Effects::new();
    }
    let text = prompt.input.clone();
    request(app, &text)
}

/// `F`: the facets of the events shown, counted by the shell; with no query, those of every
/// event may have been counted already for Tab.
pub(super) fn open_facets(app: &mut App) -> Effects {
    let generation = app.filter_generation;
    let known = app.vocabulary.clone().filter(|_| app.filter.is_none());
    let asked = known.is_none();
    app.overlays.push(Overlay::Facets(FacetsView {
        dimension: crate::query::facets::Dimension::Actor,
        cursor: Default::default(),
        facets: known,
        generation,
    }));
    if !asked {
        return Effects::new();
    }
    vec![Effect::CountFacets {
        purpose: FacetsFor::Overlay { generation },
        events: app.filter.as_ref().map(|f| Arc::clone(&f.events)),
    }]
}

pub(super) fn receive_facets(app: &mut App, purpose: FacetsFor, facets: Arc<Facets>) {
    match purpose {
        FacetsFor::Completion => app.vocabulary = Some(facets),
        FacetsFor::Overlay { generation } => {
            for overlay in &mut app.overlays {
                if let Overlay::Facets(view) = overlay
                    && view.generation == generation
                    && view.facets.is_none()
                {
                    view.facets = Some(Arc::clone(&facets));
                }
            }
        }
    }
}

/// Tab / Shift-Tab in the facets.
pub(super) fn turn(app: &mut App, step: isize) {
    if let Some(Overlay::Facets(view)) = app.overlays.last_mut() {
        view.turn(step);
    }
}

/// Enter on a facet: its term joins the query, and the facets close.
pub(super) fn submit_facet(app: &mut App) -> Effects {
    let Some(Overlay::Facets(view)) = app.overlays.last() else {
        return Effects::new();
    };
    let Some(row) = view.rows().get(view.cursor.selected) else {
        return Effects::new();
    };
    let query = with_term(active_query(app), &row.term);
    app.overlays.pop();
    if query == active_query(app) {
        app.status = Some("The query already has that term.".to_owned());
        return Effects::new();
    }
    request(app, &query)
}

pub(super) fn facets_len(view: &FacetsView) -> usize {
    view.rows().len()
}

/// The history the shell read at start, before what this session added.
pub(super) fn history_loaded(app: &mut App, entries: Vec<String>, problem: Option<String>) {
    let mut all = entries;
    all.append(&mut app.query_history.entries);
    bound(&mut all);
    app.query_history.entries = all;
    if let Some(problem) = problem {
        history_problem(app, problem);
    }
}

/// Said once a session at most: a history that cannot be kept is no reason to nag.
pub(super) fn history_problem(app: &mut App, problem: String) {
    if !app.query_history.problem_told {
        app.query_history.problem_told = true;
        app.status = Some(problem);
    }
}
