//! A new version of the open file replaces the old one, and the reader keeps their place in it.
//!
//! Event and actor indexes mean nothing across versions (an event added in 1990 moves every
//! later one down), so everything the reader was looking at is carried over by id: the selected
//! event, the focused item, the actor filter, the history, the chain view, the lanes. An event
//! that vanished gives way to its nearest neighbour in time. Pure functions of the two versions,
//! so every case is a unit test; the shell only prepares the new [`App`] on the loader thread
//! (`App::new` and [`diff`] walk every event) and hands it to `update`.

use std::collections::HashMap;
use std::sync::Arc;

use super::chain::ChainView;
use super::effect::{Effect, Effects};
use super::focus::Focus;
use super::history::Place;
use super::lanes::LanesView;
use super::layout::Layout;
use super::overlay::{AboutView, ActorsView, Overlay};
use super::problems::Problems;
use super::state::{App, Filter};
use crate::model::{ActorIx, Chronology, Event, EventIx, Link};
use crate::search::{Query, Scope};

/// What a reload changed, counted by event id. "Changed" is any field the file writes for the
/// event, links and actors compared by the ids they point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Diff {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
}

impl Diff {
    /// `reloaded: 2 added, 1 removed, 3 changed`, naming only what happened, or
    /// `reloaded: no change`.
    pub fn summary(&self) -> String {
        let parts: Vec<String> = [
            (self.added, "added"),
            (self.removed, "removed"),
            (self.changed, "changed"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        if parts.is_empty() {
            "reloaded: no change".to_owned()
        } else {
            format!("reloaded: {}", parts.join(", "))
        }
    }
}

/// Events added, removed and changed between two versions, by id. Linear in the events (one id
/// lookup each); the shell runs it on the loader thread.
pub fn diff(old: &Chronology, new: &Chronology) -> Diff {
    let mut diff = Diff::default();
    let mut kept = 0;
    for (ix, event) in old.events.iter().enumerate() {
        match new.event_ix(&event.id) {
            None => diff.removed += 1,
            Some(at) => {
                kept += 1;
                if !same_event(old, ix, new, at) {
                    diff.changed += 1;
                }
            }
        }
    }
    diff.added = new.events.len().saturating_sub(kept);
    diff
}

/// Whether event `a` of `old` and `b` of `new` say the same, as the file writes them, every
/// reference compared by id. Causes are left out: they are other events' consequences, counted
/// where they are written, so deleting one event does not make each of its effects "changed".
fn same_event(old: &Chronology, a: EventIx, new: &Chronology, b: EventIx) -> bool {
    let (x, y) = (&old.events[a], &new.events[b]);
    fn actor(c: &Chronology, ix: ActorIx) -> Option<&str> {
        c.actors.get(ix).map(|a| a.id.as_str())
    }
    let links_same = |p: &[Link], q: &[Link]| {
        p.len() == q.len()
            && p.iter().zip(q).all(|(l, m)| {
                l.basis == m.basis
                    && l.note == m.note
                    && old.events.get(l.event).map(|e| &e.id)
                        == new.events.get(m.event).map(|e| &e.id)
            })
    };
    #[allow(clippy::type_complexity)]
    fn plain(
        e: &Event,
    ) -> (
        &str,
        &crate::model::EventDate,
        &Option<String>,
        &String,
        &[String],
        &String,
        crate::model::Basis,
        &[compact_str::CompactString],
    ) {
        (
            &e.id,
            &e.date,
            &e.display_date,
            &e.title,
            &e.aliases,
            &e.summary,
            e.basis,
            &e.tags,
        )
    }
    plain(x) == plain(y)
        && x.actors.len() == y.actors.len()
        && x.actors
            .iter()
            .zip(&y.actors)
            .all(|(p, q)| p.role == q.role && actor(old, p.actor) == actor(new, q.actor))
        && links_same(&x.consequences, &y.consequences)
        && x.sources.len() == y.sources.len()
        && x.sources.iter().zip(&y.sources).all(|(s, t)| {
            s.locator == t.locator
                && old.sources.get(s.source).map(|s| &s.id)
                    == new.sources.get(t.source).map(|s| &s.id)
        })
}

/// The version a reload found valid, prepared on the loader thread, with what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reload {
    /// The new version's state, before the place is carried over; `None` when the file is
    /// invalid and the last good version stays.
    pub fresh: Option<Fresh>,
    pub diff: Diff,
    /// Every diagnostic of the version read, warnings included.
    pub problems: Problems,
}

/// A freshly built [`App`] for a new version. Compared by the chronology it holds, so actions
/// stay comparable in tests without comparing a million events.
#[derive(Clone)]
pub struct Fresh(pub Box<App>);

impl PartialEq for Fresh {
    fn eq(&self, other: &Fresh) -> bool {
        Arc::ptr_eq(&self.0.chronology, &other.0.chronology)
    }
}

impl Eq for Fresh {}

impl std::fmt::Debug for Fresh {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Fresh({} events)", self.0.chronology.events.len())
    }
}

/// An old version, handed to the shell to free off the UI thread: freeing a million events
/// string by string takes a noticeable part of a second.
#[derive(Clone)]
pub struct Retired(pub Arc<Chronology>);

impl PartialEq for Retired {
    fn eq(&self, other: &Retired) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Retired {}

impl std::fmt::Debug for Retired {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Retired({} events)", self.0.events.len())
    }
}

/// The query filter on the new version: its text run again on `new`, so names resolve afresh.
/// `Err` says why it cannot stay (an actor it names is gone, nothing matches any more). The one
/// place a filter crosses versions: the current one, and each place in the history.
pub fn remap_filter(
    new: &Chronology,
    filter: Option<&Filter>,
    today: i64,
) -> Result<Option<Filter>, String> {
    let Some(filter) = filter else {
        return Ok(None);
    };
    let events = crate::query::Query::parse(&filter.query, today)
        .and_then(|query| query.select(new))
        .map_err(|error| error.message)?;
    if events.is_empty() {
        return Err("it matches no event now".to_owned());
    }
    Ok(Some(Filter::new(new, &filter.query, events.into())))
}

/// Actors of `old` by id in `new`, and the names of those that vanished.
fn remap_actors(
    old: &Chronology,
    new: &Chronology,
    actors: &[ActorIx],
) -> (Vec<ActorIx>, Vec<String>) {
    let mut kept = Vec::new();
    let mut gone = Vec::new();
    for &actor in actors {
        let Some(was) = old.actors.get(actor) else {
            continue;
        };
        match new.actor_ix(&was.id) {
            Some(now) => kept.push(now),
            None => gone.push(was.name.clone()),
        }
    }
    (kept, gone)
}

/// The same event by id in `new`, if it is still there.
fn same_id(old: &App, new: &Chronology, ix: EventIx) -> Option<EventIx> {
    new.event_ix(&old.chronology.events.get(ix)?.id)
}

/// The event of the whole new version nearest in time to `day`.
fn nearest_of_all(new: &App, day: i64) -> Option<EventIx> {
    let len = new.place_days.len();
    if len == 0 {
        return None;
    }
    let at = new.place_days.partition_point(|&d| d < day);
    let before = at.checked_sub(1);
    Some(match (before, at < len) {
        (Some(b), true) if day - new.place_days[b] <= new.place_days[at] - day => b,
        (Some(b), false) => b,
        _ => at.min(len - 1),
    })
}

/// The visible position nearest in time to `day`.
fn nearest_visible(new: &App, day: i64) -> usize {
    let len = new.visible_len();
    let at = new.position_from_day(day);
    let Some(before) = at.checked_sub(1) else {
        return 0;
    };
    if at >= len {
        return len.saturating_sub(1);
    }
    let days = |pos: usize| new.visible_event(pos).map_or(day, |ix| new.place_days[ix]);
    if day - days(before) <= days(at) - day {
        before
    } else {
        at
    }
}

/// An event of `old` in `new`: itself by id, else its nearest neighbour in time.
fn event_or_nearest(old: &App, new: &App, ix: EventIx) -> Option<EventIx> {
    same_id(old, &new.chronology, ix)
        .or_else(|| nearest_of_all(new, old.place_days.get(ix).copied().unwrap_or(0)))
}

/// Moves the reader's place from `old` into `app`, a fresh state of the new version, and says
/// in the status line what changed. Returns what the shell must do: search the palette's query
/// and the last `#` search again (their hits were indexes into the old version), and free the old
/// version off the UI thread.
pub fn keep_place(old: App, app: &mut App, diff: &Diff) -> Effects {
    let mut effects = vec![Effect::Retire(Retired(Arc::clone(&old.chronology)))];
    let new = Arc::clone(&app.chronology);
    app.width = old.width;
    app.height = old.height;
    app.keymap = Arc::clone(&old.keymap);
    app.today = old.today;
    app.origin = old.origin.clone();
    app.search_generation = old.search_generation;
    app.highlighter = Arc::clone(&old.highlighter);
    app.problems = Arc::clone(&old.problems);
    // A first valid version (the file was invalid when quipu opened) keeps its own zoom.
    if !old.chronology.events.is_empty() {
        app.zoom = old.zoom.min(app.max_zoom());
    }
    app.query_history = old.query_history.clone();
    // A query still being evaluated ran on the old version: its answer is dropped, and it runs
    // again here with the rest.
    app.filter_generation = old.filter_generation + 1;
    let dropped = match remap_filter(&new, old.filter.as_ref(), old.today) {
        Ok(filter) => {
            app.filter = filter;
            None
        }
        Err(why) => Some(why),
    };
    if let Some(pending) = &old.filtering {
        app.filtering = Some(super::state::PendingFilter {
            generation: app.filter_generation,
            query: pending.query.clone(),
        });
        effects.push(Effect::Filter {
            generation: app.filter_generation,
            query: pending.query.clone(),
            today: app.today,
        });
    }
    app.lane_picks = remap_actors(&old.chronology, &new, &old.lane_picks).0;
    // Places in the history mostly share a few queries: each is run once.
    let mut runs: HashMap<String, Option<Filter>> = HashMap::new();
    app.history = old.history.clone().remap(|place| {
        let filter = place.filter.as_ref().and_then(|filter| {
            runs.entry(filter.query.clone())
                .or_insert_with(|| remap_filter(&new, Some(filter), old.today).ok().flatten())
                .clone()
        });
        remap_place(&old, app, Place { filter, ..place })
    });
    select_as_before(&old, app);
    app.overlays = old
        .overlays
        .iter()
        .filter_map(|overlay| remap_overlay(&old, app, overlay, &mut effects))
        .collect();
    if let Some(search) = &old.last_search {
        let mut search = search.clone();
        search.matches.clear();
        search.complete = false;
        search.pending_steps = 0;
        effects.push(Effect::FindAllMatches(Query {
            scope: Scope::Events,
            text: search.text.clone(),
        }));
        app.last_search = Some(search);
    }
    let mut status = diff.summary();
    let vanished = old
        .selected_event()
        .is_some_and(|ix| same_id(&old, &new, ix).is_none());
    if vanished && app.selected_event().is_some() {
        status.push_str(" · the selected event is gone: on its nearest in time");
    }
    if let (Some(filter), Some(why)) = (&old.filter, dropped) {
        status.push_str(&format!(
            " · the filter {} is lifted: {why}",
            crate::text::sanitize(&filter.query, false)
        ));
    }
    app.status = Some(status);
    effects
}

fn remap_place(old: &App, new: &App, place: Place) -> Option<Place> {
    Some(Place {
        event: event_or_nearest(old, new, place.event)?,
        ..place
    })
}

/// The same event selected (else its nearest neighbour in time), on the same row of the screen,
/// with the same pane and item focused when the event is still there.
fn select_as_before(old: &App, app: &mut App) {
    let len = app.visible_len();
    if len == 0 {
        return;
    }
    let height = usize::from(Layout::for_size(app.width, app.height).timeline.height);
    let was = old.selected_event();
    let kept = was.and_then(|ix| same_id(old, &app.chronology, ix));
    let pos = match (was, kept.and_then(|ix| app.position_of(ix))) {
        (_, Some(pos)) => pos,
        (Some(ix), None) => nearest_visible(app, old.place_days[ix]),
        (None, None) => 0,
    };
    let row = old.timeline.selected.saturating_sub(old.timeline.offset);
    app.timeline.selected = pos;
    app.timeline.offset = app.offset_showing(pos, pos.saturating_sub(row), height);
    app.focus = Focus::Timeline;
    app.item = 0;
    let (Some(was), Some(now)) = (was, kept) else {
        return;
    };
    if app.selected_event() != Some(now) || old.focus == Focus::Timeline {
        return;
    }
    let (before, after) = (&old.chronology.events[was], &app.chronology.events[now]);
    let links_to = |links: &[Link], c: &Chronology| -> Vec<Option<String>> {
        links
            .iter()
            .map(|l| c.events.get(l.event).map(|e| e.id.to_string()))
            .collect()
    };
    let ids = |event: &Event, c: &Chronology, focus: Focus| -> Vec<Option<String>> {
        match focus {
            Focus::Actors => event
                .actors
                .iter()
                .map(|p| c.actors.get(p.actor).map(|a| a.id.clone()))
                .collect(),
            Focus::Consequences => links_to(&event.consequences, c),
            Focus::Causes => links_to(&event.causes, c),
            Focus::Timeline => Vec::new(),
        }
    };
    let items = ids(after, &app.chronology, old.focus);
    if items.is_empty() {
        return;
    }
    let held = ids(before, &old.chronology, old.focus)
        .get(old.item)
        .cloned();
    app.focus = old.focus;
    app.item = held
        .and_then(|id| items.iter().position(|i| *i == id))
        .unwrap_or(old.item.min(items.len() - 1));
}

/// An overlay rebuilt on the new version, `None` when what it showed is gone.
fn remap_overlay(
    old: &App,
    app: &mut App,
    overlay: &Overlay,
    effects: &mut Effects,
) -> Option<Overlay> {
    let height = usize::from(
        Layout::for_size(app.width, app.height)
            .overlay_list()
            .height,
    );
    Some(match overlay {
        Overlay::Chain(chain) => {
            let root = same_id(old, &app.chronology, chain.nodes.first()?.event)?;
            let mut view = ChainView::new(&app.chronology, root);
            let at = chain
                .selected_node()
                .and_then(|node| same_id(old, &app.chronology, node.event))
                .and_then(|ix| {
                    view.rows
                        .iter()
                        .position(|&row| view.nodes[row].event == ix)
                });
            view.cursor.set(at.unwrap_or(0), view.rows.len(), height);
            Overlay::Chain(view)
        }
        Overlay::Actors(actors) => {
            let mut view = ActorsView::new(&app.chronology);
            let (picked, _) = remap_actors(
                &old.chronology,
                &app.chronology,
                &actors.selected_actor().into_iter().collect::<Vec<_>>(),
            );
            let at = picked
                .first()
                .and_then(|a| view.order.iter().position(|x| x == a))
                .unwrap_or(actors.cursor.selected);
            view.cursor.set(at, view.order.len(), height);
            Overlay::Actors(view)
        }
        Overlay::About(about) => {
            let mut view = AboutView::new(&app.chronology);
            view.cursor = about.cursor;
            Overlay::About(view)
        }
        Overlay::Lanes(lanes) => {
            let (actors, _) = remap_actors(&old.chronology, &app.chronology, &lanes.actors);
            if actors.is_empty() {
                return None;
            }
            let lane = lanes.lane.min(actors.len() - 1);
            let event = lanes
                .event
                .and_then(|ix| same_id(old, &app.chronology, ix))
                .or_else(|| app.selected_event());
            let mut view = LanesView {
                lane,
                offset: lanes.offset.min(lane),
                event,
                reach: super::lanes::reaches(app, &actors),
                actors,
            };
            // The event may have left this lane's actor (or the lane now holds another actor):
            // the cursor then goes to the lane's event nearest its day, as moving lanes does.
            view.event = view.nearest_in_lane(app, event.map(|ix| app.place_days[ix]));
            Overlay::Lanes(view)
        }
        // Asked again from the start, as when the query changes: what was found points into
        // the old version.
        Overlay::Palette(palette) => {
            let palette = super::palette::Palette {
                input: palette.input.clone(),
                asked: Some(palette.first_query().scope),
                submit_when_ready: palette.submit_when_ready,
                ..Default::default()
            };
            app.search_generation += 1;
            effects.push(Effect::Search {
                generation: app.search_generation,
                query: palette.first_query(),
            });
            Overlay::Palette(palette)
        }
        // Counted again on the new version, under the filter as it is now.
        Overlay::Facets(facets) => {
            let generation = app.filter_generation;
            effects.push(Effect::CountFacets {
                purpose: super::effect::FacetsFor::Overlay { generation },
                events: app.filter.as_ref().map(|f| Arc::clone(&f.events)),
            });
            Overlay::Facets(super::query::FacetsView {
                facets: None,
                generation,
                ..facets.clone()
            })
        }
        other => other.clone(),
    })
}

/// Problems of the version just read: the panel opens when the file is invalid, and closes by
/// itself once it is mended (a panel the reader opened on a valid file stays).
pub fn problems_changed(app: &mut App, problems: Problems) {
    let invalid = problems.invalid;
    let was_invalid = app.problems.invalid;
    app.problems = Arc::new(problems);
    let open = app
        .overlays
        .iter()
        .position(|o| matches!(o, Overlay::Problems(_)));
    match (invalid, open) {
        (true, None) => app.overlays.push(Overlay::Problems(Default::default())),
        (true, Some(_)) => {
            for overlay in &mut app.overlays {
                if let Overlay::Problems(view) = overlay {
                    *view = Default::default();
                }
            }
        }
        (false, Some(at)) if was_invalid => {
            app.overlays.remove(at);
        }
        (false, _) => {}
    }
}

/// The file as first opened: its problems kept for the panel, the panel opened on an invalid
/// file (over an empty timeline, until it is saved valid), and the warnings announced.
pub fn opened(app: &mut App, problems: Problems) {
    let counts = problems.counts();
    let file = crate::text::sanitize(&problems.file, false);
    let invalid = problems.invalid;
    app.problems = Arc::new(problems);
    if invalid {
        app.overlays.push(Overlay::Problems(Default::default()));
        app.status = Some(format!(
            "{file} is invalid ({counts}): the timeline appears once it is saved valid"
        ));
    } else if !counts.is_empty() {
        let key = app
            .keymap
            .key_for(super::keymap::Mode::Timeline, &super::Action::OpenProblems);
        app.status = Some(format!("{counts} ({key} shows them)"));
    }
}
