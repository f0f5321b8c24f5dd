//! The only place state changes. `update` is pure: no terminal, no files, no clock, so a key
//! sequence is a list of actions and a test can replay it.

use super::action::Action;
use super::chain::{ChainView, NodeKind};
use super::history::Place;
use super::keymap::help_lines;
use super::overlay::{ActorsView, DatePrompt, ListCursor, Overlay};
use super::palette::{EventSearch, MAX_QUERY, PALETTE_LIMIT, Palette};
use super::state::{App, Filter, Focus};
use super::timeline::Row;
use crate::model::{ActorIx, EventIx};
use crate::search::{Hit, Scope};
use crate::ui::detail;
use crate::ui::layout::Layout;

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

pub fn update(app: &mut App, action: Action) {
    if !matches!(action, Action::Resize { .. }) {
        app.status = None;
    }
    match action {
        Action::Quit => app.quit = true,
        Action::Suspend => app.pending_suspend = true,
        Action::Resize { width, height } => {
            app.width = width;
            app.height = height;
            refit(app);
        }
        Action::SelectNext => move_cursor(app, Move::By(1)),
        Action::SelectPrev => move_cursor(app, Move::By(-1)),
        Action::SelectFirst => move_cursor(app, Move::First),
        Action::SelectLast => move_cursor(app, Move::Last),
        Action::PageDown => move_cursor(app, Move::Pages(1)),
        Action::PageUp => move_cursor(app, Move::Pages(-1)),
        Action::HalfPageDown => move_cursor(app, Move::HalfPages(1)),
        Action::HalfPageUp => move_cursor(app, Move::HalfPages(-1)),
        Action::NextYear => jump_or_say(app, App::next_year_position, "No later year has events."),
        Action::PrevYear => {
            jump_or_say(app, App::prev_year_position, "No earlier year has events.")
        }
        Action::NextEra => jump_or_say(app, App::next_era_position, "No later era."),
        Action::PrevEra => jump_or_say(app, App::prev_era_position, "No earlier era."),
        Action::ZoomIn => app.zoom = (app.zoom + 1).min(app.max_zoom()),
        Action::ZoomOut => app.zoom = app.zoom.saturating_sub(1),
        Action::FocusNext => cycle_focus(app, 1),
        Action::FocusPrev => cycle_focus(app, -1),
        Action::FollowLink => follow_link(app),
        Action::FilterByActor => filter_by_actor(app),
        Action::ClearFilter => clear_filter(app),
        Action::Back => {
            let here = place(app);
            match app.history.back(here) {
                Some(to) => restore(app, &to),
                None => app.status = Some("Nothing to go back to.".to_owned()),
            }
        }
        Action::Forward => {
            let here = place(app);
            match app.history.forward(here) {
                Some(to) => restore(app, &to),
                None => app.status = Some("Nothing to go forward to.".to_owned()),
            }
        }
        Action::OpenChain => {
            if let Some(event) = app.selected_event() {
                app.overlays
                    .push(Overlay::Chain(ChainView::new(&app.chronology, event)));
            }
        }
        Action::OpenActors => open_actors(app),
        Action::OpenHelp => app.overlays.push(Overlay::Help {
            cursor: ListCursor::default(),
        }),
        Action::OpenDatePrompt => app
            .overlays
            .push(Overlay::DatePrompt(DatePrompt::default())),
        Action::OpenSearch => {
            app.search_generation += 1;
            app.overlays.push(Overlay::Palette(Palette::default()));
        }
        Action::SearchNext => search_step(app, true),
        Action::SearchPrev => search_step(app, false),
        Action::SearchResults {
            generation,
            hits,
            complete,
        } => receive_results(app, generation, hits, complete),
        Action::EventMatches { text, matches } => {
            if let Some(search) = app.last_search.as_mut().filter(|s| s.text == text) {
                search.matches = matches;
                search.complete = true;
                let steps = std::mem::take(&mut search.pending_steps);
                for _ in 0..steps.unsigned_abs() {
                    search_step(app, steps > 0);
                }
            }
        }
        Action::Export => app.overlays.push(Overlay::ExportMenu),
        Action::ExportAs(format) => {
            if matches!(app.overlays.last(), Some(Overlay::ExportMenu)) {
                app.overlays.pop();
            }
            app.pending_export = Some(format);
            app.status = Some("Exporting…".to_owned());
        }
        Action::Exported(result) => {
            app.pending_export = None;
            app.status = Some(match result {
                Ok(path) => {
                    let n = app.visible_len();
                    let events = if n == 1 { "event" } else { "events" };
                    format!("exported {n} {events} to {}", path.display())
                }
                Err(why) => format!("export failed: {why}"),
            });
        }
        Action::ToggleCollapse => fold(app, None),
        Action::Collapse => fold(app, Some(true)),
        Action::Expand => fold(app, Some(false)),
        Action::Close => {
            if app.overlays.pop().is_none() {
                app.focus = Focus::Timeline;
                app.item = 0;
            }
        }
        Action::PromptInput(c) if !c.is_control() => match app.overlays.last_mut() {
            Some(Overlay::DatePrompt(prompt)) if prompt.input.chars().count() < 40 => {
                prompt.input.push(c);
                prompt.error = None;
            }
            Some(Overlay::Palette(palette)) if palette.input.chars().count() < MAX_QUERY => {
                palette.input.push(c);
                app.search_generation += 1;
            }
            _ => {}
        },
        Action::PromptInput(_) => {}
        Action::PromptBackspace => match app.overlays.last_mut() {
            Some(Overlay::DatePrompt(prompt)) => {
                prompt.input.pop();
                prompt.error = None;
            }
            Some(Overlay::Palette(palette)) if !palette.input.is_empty() => {
                palette.input.pop();
                app.search_generation += 1;
            }
            _ => {}
        },
        Action::PromptClear => match app.overlays.last_mut() {
            Some(Overlay::DatePrompt(prompt)) => {
                prompt.input.clear();
                prompt.error = None;
            }
            Some(Overlay::Palette(palette)) if !palette.input.is_empty() => {
                palette.input.clear();
                app.search_generation += 1;
            }
            _ => {}
        },
        Action::PromptSubmit => match app.overlays.last() {
            Some(Overlay::Palette(_)) => submit_palette(app),
            _ => submit_date(app),
        },
        Action::Click { column, row } => click(app, column, row),
        Action::ScrollDown { .. } => move_cursor(app, Move::By(WHEEL_STEP)),
        Action::ScrollUp { .. } => move_cursor(app, Move::By(-WHEEL_STEP)),
    }
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

/// After a resize, keep every cursor on screen.
fn refit(app: &mut App) {
    let height = timeline_height(app);
    app.timeline.offset = app.offset_showing(app.timeline.selected, app.timeline.offset, height);
    let list = overlay_height(app);
    let help_len = help_lines().len();
    for overlay in &mut app.overlays {
        match overlay {
            Overlay::Help { cursor } => cursor.ensure_visible(help_len, list),
            Overlay::Chain(chain) => chain.cursor.ensure_visible(chain.rows.len(), list),
            Overlay::Actors(actors) => actors.cursor.ensure_visible(actors.order.len(), list),
            Overlay::Palette(palette) => palette.cursor.ensure_visible(palette.hits.len(), list),
            Overlay::DatePrompt(_) | Overlay::ExportMenu => {}
        }
    }
}

fn target(current: usize, len: usize, page: usize, movement: Move) -> usize {
    let last = len.saturating_sub(1);
    let page = page.max(1) as isize;
    let delta = match movement {
        Move::First => return 0,
        Move::Last => return last,
        Move::By(n) => n,
        Move::Pages(n) => n.saturating_mul(page),
        Move::HalfPages(n) => n.saturating_mul((page / 2).max(1)),
    };
    current.saturating_add_signed(delta).min(last)
}

fn move_cursor(app: &mut App, movement: Move) {
    let list = overlay_height(app);
    let help_len = help_lines().len();
    match app.overlays.last_mut() {
        Some(Overlay::Help { cursor }) => {
            // Help has nothing to select: keys scroll the page directly.
            let top = target(
                cursor.offset,
                help_len.saturating_sub(list) + 1,
                list,
                movement,
            );
            *cursor = ListCursor {
                selected: top,
                offset: top,
            };
        }
        Some(Overlay::Chain(chain)) => {
            move_list(&mut chain.cursor, chain.rows.len(), list, movement)
        }
        Some(Overlay::Actors(actors)) => {
            move_list(&mut actors.cursor, actors.order.len(), list, movement);
        }
        Some(Overlay::Palette(palette)) => {
            move_list(&mut palette.cursor, palette.hits.len(), list, movement);
        }
        Some(Overlay::DatePrompt(_) | Overlay::ExportMenu) => {}
        None if app.focus == Focus::Timeline => {
            let to = target(
                app.timeline.selected,
                app.visible_len(),
                timeline_height(app),
                movement,
            );
            select_position(app, to);
        }
        None => {
            let len = app.focus_len(app.focus);
            app.item = target(app.item, len, timeline_height(app), movement);
        }
    }
}

fn move_list(cursor: &mut ListCursor, len: usize, height: usize, movement: Move) {
    let to = target(cursor.selected, len, height, movement);
    cursor.set(to, len, height);
}

/// Moves the timeline cursor without recording history (plain movement, clicks, wheel).
fn select_position(app: &mut App, pos: usize) {
    let len = app.visible_len();
    if len == 0 {
        app.timeline = Default::default();
        return;
    }
    let pos = pos.min(len - 1);
    if pos != app.timeline.selected {
        app.item = 0;
    }
    app.timeline.selected = pos;
    app.timeline.offset = app.offset_showing(pos, app.timeline.offset, timeline_height(app));
    if app.focus != Focus::Timeline && app.focus_len(app.focus) == 0 {
        app.focus = Focus::Timeline;
    }
    app.item = app.item.min(app.focus_len(app.focus).saturating_sub(1));
}

fn place(app: &App) -> Place {
    Place {
        event: app.selected_event().unwrap_or(0),
        offset: app.timeline.offset,
        filter: app
            .filter
            .as_ref()
            .map(|f| f.actors.clone())
            .unwrap_or_default(),
        focus: app.focus,
        item: app.item,
    }
}

/// A jump: remember where we stood, then go.
fn jump_to(app: &mut App, pos: usize) {
    if app.visible_len() == 0 {
        return;
    }
    let here = place(app);
    app.history.record(here);
    app.focus = Focus::Timeline;
    land(app, pos);
}

/// Selects after a jump with context above: the landing event sits a third of the way down, so
/// what led up to it and what followed are both in view.
fn land(app: &mut App, pos: usize) {
    let height = timeline_height(app);
    let top = app.timeline.offset;
    if pos < top || pos + height / 3 >= top + height {
        app.timeline.offset = pos.saturating_sub(height / 3);
    }
    select_position(app, pos);
    app.item = 0;
}

fn jump_or_say(app: &mut App, find: fn(&App) -> Option<usize>, otherwise: &str) {
    match find(app) {
        Some(pos) => jump_to(app, pos),
        None => app.status = Some(otherwise.to_owned()),
    }
}

fn restore(app: &mut App, to: &Place) {
    app.filter = Filter::new(&app.chronology, to.filter.clone());
    let pos = app.position_of(to.event).unwrap_or_else(|| {
        app.position_from_day(app.earliest_days.get(to.event).copied().unwrap_or(0))
    });
    app.focus = Focus::Timeline;
    app.timeline.offset = to.offset;
    select_position(app, pos);
    if app.focus_len(to.focus) > 0 {
        app.focus = to.focus;
        app.item = to.item.min(app.focus_len(to.focus) - 1);
    }
}

/// Goes to an event, lifting the actor filter if it hides it (Back brings the filter back).
fn go_to_event(app: &mut App, event: EventIx) {
    let here = place(app);
    app.history.record(here);
    if app.position_of(event).is_none() {
        app.filter = None;
        app.status =
            Some("Actor filter lifted to show the linked event (Bksp restores it).".to_owned());
    }
    let pos = app.position_of(event).unwrap_or(0);
    app.focus = Focus::Timeline;
    land(app, pos);
}

fn cycle_focus(app: &mut App, step: isize) {
    let current = Focus::ORDER
        .iter()
        .position(|&f| f == app.focus)
        .unwrap_or(0);
    let n = Focus::ORDER.len() as isize;
    for i in 1..n {
        let next = Focus::ORDER[(current as isize + step * i).rem_euclid(n) as usize];
        if next == Focus::Timeline || app.focus_len(next) > 0 {
            app.focus = next;
            app.item = 0;
            return;
        }
    }
}

fn follow_link(app: &mut App) {
    if let Some(Overlay::Chain(chain)) = app.overlays.last() {
        let Some(node) = chain.selected_node().copied() else {
            return;
        };
        if matches!(node.kind, NodeKind::Section(_)) {
            fold(app, None);
            return;
        }
        app.overlays.pop();
        go_to_event(app, node.event);
        return;
    }
    let Some(event) = app.selected_event().map(|ix| &app.chronology.events[ix]) else {
        return;
    };
    let links = match app.focus {
        Focus::Consequences => &event.consequences,
        Focus::Causes => &event.causes,
        _ => return,
    };
    if let Some(link) = links.get(app.item) {
        let target = link.event;
        go_to_event(app, target);
    }
}

fn actor_under_cursor(app: &App) -> Option<ActorIx> {
    match app.overlays.last() {
        Some(Overlay::Actors(view)) => view.selected_actor(),
        Some(Overlay::Palette(palette)) if palette.answered.as_ref()?.scope == Scope::Actors => {
            let actor = palette.selected_hit()?.item;
            (actor < app.chronology.actors.len()).then_some(actor)
        }
        Some(_) => None,
        None if app.focus == Focus::Actors => {
            let event = &app.chronology.events[app.selected_event()?];
            event.actors.get(app.item).map(|p| p.actor)
        }
        None => None,
    }
}

fn filter_by_actor(app: &mut App) {
    let Some(actor) = actor_under_cursor(app) else {
        return;
    };
    let name = app.chronology.actors[actor].name.clone();
    let mut actors = app
        .filter
        .as_ref()
        .map(|f| f.actors.clone())
        .unwrap_or_default();
    if actors.contains(&actor) {
        app.status = Some(format!("Already showing only events with {name}."));
        return;
    }
    actors.push(actor);
    let Some(filter) = Filter::new(&app.chronology, actors) else {
        app.status = Some(format!(
            "No event involves {name} together with the current filter."
        ));
        return;
    };
    let here = place(app);
    app.history.record(here);
    let day = app.selected_event().map(|ix| app.earliest_days[ix]);
    let keep = app.selected_event();
    app.filter = Some(filter);
    if matches!(
        app.overlays.last(),
        Some(Overlay::Actors(_) | Overlay::Palette(_))
    ) {
        app.overlays.pop();
    }
    let pos = keep
        .and_then(|ix| app.position_of(ix))
        .unwrap_or_else(|| app.position_from_day(day.unwrap_or(i64::MIN)));
    app.timeline.offset = 0;
    let focus = app.focus;
    let item = app.item;
    select_position(app, pos);
    if keep.and_then(|ix| app.position_of(ix)).is_some() {
        app.focus = focus;
        app.item = item;
    } else {
        app.focus = Focus::Timeline;
        app.item = 0;
    }
}

fn clear_filter(app: &mut App) {
    if app.filter.is_none() {
        app.status = Some("No filter to clear.".to_owned());
        return;
    }
    let here = place(app);
    app.history.record(here);
    let keep = app.selected_event();
    app.filter = None;
    let pos = keep.unwrap_or(0);
    select_position(app, pos);
}

fn open_actors(app: &mut App) {
    let mut view = ActorsView::new(&app.chronology);
    let wanted = if app.focus == Focus::Actors {
        actor_under_cursor(app)
    } else {
        app.filter.as_ref().and_then(|f| f.actors.last().copied())
    };
    if let Some(at) = wanted.and_then(|a| view.order.iter().position(|&x| x == a)) {
        view.cursor.set(at, view.order.len(), overlay_height(app));
    }
    app.overlays.push(Overlay::Actors(view));
}

fn fold(app: &mut App, fold: Option<bool>) {
    let height = overlay_height(app);
    if let Some(Overlay::Chain(chain)) = app.overlays.last_mut() {
        match fold {
            Some(true) => chain.collapse_or_parent(height),
            _ => chain.set_collapsed(fold, height),
        }
    }
}

fn submit_date(app: &mut App) {
    let Some(Overlay::DatePrompt(prompt)) = app.overlays.last() else {
        return;
    };
    match app.position_for_date(&prompt.input) {
        Ok(found) => {
            app.overlays.pop();
            match found {
                Some(pos) => jump_to(app, pos),
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

fn click(app: &mut App, column: u16, row: u16) {
    let layout = layout(app);
    if layout.too_small {
        return;
    }
    let inside = |r: ratatui::layout::Rect| {
        column >= r.x && column < r.right() && row >= r.y && row < r.bottom()
    };
    if let Some(top) = app.overlays.last_mut() {
        let list = layout.overlay_list();
        if !inside(list) {
            return;
        }
        let line = usize::from(row - list.y);
        let height = usize::from(list.height);
        match top {
            Overlay::Chain(chain) => {
                let at = chain.cursor.offset + line;
                if at < chain.rows.len() {
                    chain.cursor.set(at, chain.rows.len(), height);
                }
            }
            Overlay::Actors(actors) => {
                let at = actors.cursor.offset + line;
                if at < actors.order.len() {
                    actors.cursor.set(at, actors.order.len(), height);
                }
            }
            Overlay::Palette(palette) => {
                let at = palette.cursor.offset + line;
                if at < palette.hits.len() {
                    palette.cursor.set(at, palette.hits.len(), height);
                }
            }
            Overlay::Help { .. } | Overlay::DatePrompt(_) | Overlay::ExportMenu => {}
        }
        return;
    }
    if inside(layout.timeline) {
        let rows = app.timeline_rows(app.timeline.offset, usize::from(layout.timeline.height));
        if let Some(Row::Event(pos)) = rows.get(usize::from(row - layout.timeline.y)) {
            app.focus = Focus::Timeline;
            select_position(app, *pos);
        }
    } else if inside(layout.detail_text()) {
        let text = layout.detail_text();
        let content = detail::content(app, usize::from(text.width));
        let rows = detail::text_rows(&content, text.height);
        let scroll = detail::scroll(&content, app, usize::from(rows));
        let line = scroll + usize::from(row - text.y);
        if let Some(&(focus, item, _)) = content.items.iter().find(|(_, _, l)| *l == line) {
            app.focus = focus;
            app.item = item;
        }
    } else if Some(row) == layout.density_row()
        && inside(layout.header)
        && let Some(window) = app.axis_window()
    {
        let day = window.day_at(column - layout.header.x, layout.header.width);
        let pos = app
            .position_from_day(day)
            .min(app.visible_len().saturating_sub(1));
        jump_to(app, pos);
    }
}

/// Takes the worker's answer if it is for the query typed now; a new answer puts the cursor back
/// on the best hit.
fn receive_results(app: &mut App, generation: u64, hits: Vec<Hit>, complete: bool) {
    if generation != app.search_generation {
        return;
    }
    let height = overlay_height(app);
    let Some(Overlay::Palette(palette)) = app.overlays.last_mut() else {
        return;
    };
    palette.answered = Some(palette.query());
    palette.hits = hits;
    palette.complete = complete;
    palette.cursor = ListCursor::default();
    palette.cursor.ensure_visible(palette.hits.len(), height);
    if complete && palette.submit_when_ready {
        submit_palette(app);
    }
}

/// Enter in the palette: filter to the actor, or jump to the event and remember the search for
/// `n` / `N`. Before the answer to the typed query has come, wait for it.
fn submit_palette(app: &mut App) {
    let Some(Overlay::Palette(palette)) = app.overlays.last_mut() else {
        return;
    };
    if !palette.is_current() || !palette.complete {
        palette.submit_when_ready = true;
        return;
    }
    palette.submit_when_ready = false;
    let query = palette.query();
    let Some(hit) = palette.selected_hit().cloned() else {
        // Nothing to go to: the "no match" line already says so; keep the palette open to edit.
        return;
    };
    match query.scope {
        Scope::Actors => filter_by_actor(app),
        Scope::Events => {
            let mut matches: Vec<EventIx> = palette.hits.iter().map(|h| h.item).collect();
            // Fewer hits than were asked for means every match is among them.
            let complete = matches.len() < PALETTE_LIMIT;
            matches.sort_unstable();
            matches.dedup();
            app.last_search = Some(EventSearch {
                text: query.text,
                matches,
                complete,
                pending_steps: 0,
            });
            app.overlays.pop();
            if hit.item < app.chronology.events.len() {
                go_to_event(app, hit.item);
            }
        }
    }
}

/// `n` / `N`: the next or previous matching event in time, wrapping at the ends like vim.
fn search_step(app: &mut App, forward: bool) {
    let Some(search) = app.last_search.as_mut() else {
        app.status = Some("No search yet: / then #words searches events.".to_owned());
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
    go_to_event(app, to);
    app.status = Some(if wrapped && forward {
        "search hit BOTTOM, continuing at TOP".to_owned()
    } else if wrapped {
        "search hit TOP, continuing at BOTTOM".to_owned()
    } else {
        // Where the reader is among the matches, as vim's search count shows it.
        format!("#{text}: match {position} of {total}")
    });
}
