//! The actors' lanes (`s`): one row per actor, time across at the current zoom, so who acted when
//! and alongside whom is seen at a glance, with how precisely each event is dated.
//!
//! The state is a cursor: which lanes, which lane, which event. What a frame shows of a lane is
//! found by binary search in that actor's events (`Chronology::events_of`, built once at load)
//! over their place days, so a frame costs the lanes and columns on screen, not the file.

use super::state::App;
use super::zoom::Window;
use crate::model::{ActorIx, EventIx};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanesView {
    pub actors: Vec<ActorIx>,
    /// The lane with the cursor.
    pub lane: usize,
    /// First lane drawn.
    pub offset: usize,
    /// The event the cursor is on; its causes and consequences are marked in every lane.
    pub event: Option<EventIx>,
    /// Per lane, in the order of [`LanesView::actors`]: for each of the actor's events (in
    /// `events_of` order), the one reaching latest among it and those before it. A frame looks
    /// only at the events just before its window, so without this an interval begun long before,
    /// behind a crowd of short events, was not drawn. Built when the lanes open: linear in the
    /// lanes' events, never per frame.
    pub reach: Vec<Box<[EventIx]>>,
}

/// [`LanesView::reach`] for `actors`.
pub fn reaches(app: &App, actors: &[ActorIx]) -> Vec<Box<[EventIx]>> {
    actors.iter().map(|&a| furthest_reaching(app, a)).collect()
}

/// For each of `actor`'s events, the one among it and those before it whose latest day is the
/// latest (the first such, on a tie).
fn furthest_reaching(app: &App, actor: ActorIx) -> Box<[EventIx]> {
    let events = &app.chronology.events;
    let mut best: Option<EventIx> = None;
    app.chronology
        .events_of(actor)
        .iter()
        .map(|&ix| {
            let keep = best.filter(|&b| events[b].date.latest >= events[ix].date.latest);
            *best.insert(keep.unwrap_or(ix))
        })
        .collect()
}

impl LanesView {
    /// The lanes: the actors picked with Space in the actors view, else those of the filter,
    /// else the `fit` most active. The cursor starts on the selected event, in the first lane
    /// it is in.
    pub fn new(app: &App, fit: usize) -> LanesView {
        let chronology = &app.chronology;
        let actors: Vec<ActorIx> = if !app.lane_picks.is_empty() {
            app.lane_picks.clone()
        } else if let Some(filter) = &app.filter {
            filter.actors.clone()
        } else {
            let mut busiest: Vec<ActorIx> = (0..chronology.actors.len())
                .filter(|&a| !chronology.events_of(a).is_empty())
                .collect();
            busiest.sort_by(|&a, &b| {
                chronology
                    .events_of(b)
                    .len()
                    .cmp(&chronology.events_of(a).len())
                    .then_with(|| chronology.actors[a].name.cmp(&chronology.actors[b].name))
            });
            busiest.truncate(fit.max(1));
            busiest
        };
        let selected = app.selected_event();
        let lane = selected
            .and_then(|ix| {
                actors
                    .iter()
                    .position(|&a| chronology.events_of(a).binary_search(&ix).is_ok())
            })
            .unwrap_or(0);
        let reach = reaches(app, &actors);
        let mut view = LanesView {
            actors,
            lane,
            offset: 0,
            event: selected,
            reach,
        };
        view.event = view.nearest_in_lane(app, selected.map(|ix| app.place_days[ix]));
        view.offset = lane.saturating_sub(fit.saturating_sub(1));
        view
    }

    pub fn actor(&self) -> Option<ActorIx> {
        self.actors.get(self.lane).copied()
    }

    /// The event of the current lane at or nearest after `day` (else the last one before).
    pub(super) fn nearest_in_lane(&self, app: &App, day: Option<i64>) -> Option<EventIx> {
        let events = app.chronology.events_of(self.actor()?);
        if let Some(event) = self.event
            && events.binary_search(&event).is_ok()
        {
            return Some(event);
        }
        let day = day.unwrap_or(i64::MIN);
        let at = events.partition_point(|&ix| app.place_days[ix] < day);
        events.get(at).or(events.last()).copied()
    }

    /// j/k: to the next or previous lane, onto its event nearest the cursor's day.
    pub fn move_lane(&mut self, app: &App, delta: isize, height: usize) {
        if self.actors.is_empty() {
            return;
        }
        let day = self.event.map(|ix| app.place_days[ix]);
        self.lane = self
            .lane
            .saturating_add_signed(delta)
            .min(self.actors.len() - 1);
        self.event = self.nearest_in_lane(app, day);
        let height = height.max(1);
        if self.lane < self.offset {
            self.offset = self.lane;
        } else if self.lane >= self.offset + height {
            self.offset = self.lane + 1 - height;
        }
    }

    /// h/l: to the previous or next event of this lane's actor.
    pub fn step_event(&mut self, app: &App, forward: bool) {
        let Some(actor) = self.actor() else {
            return;
        };
        let events = app.chronology.events_of(actor);
        let here = match self.event.map(|e| events.binary_search(&e)) {
            Some(Ok(at)) => at,
            _ => return self.event = events.first().copied(),
        };
        let to = if forward {
            (here + 1).min(events.len().saturating_sub(1))
        } else {
            here.saturating_sub(1)
        };
        self.event = events.get(to).copied();
    }
}

/// How one event is drawn in a lane: a point for a day, a bar for a month, season or year, a thin
/// line for an interval between two dates, faded for an approximate, uncertain or open date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Point,
    Bar,
    Interval,
    Faded,
}

/// One event as a lane draws it: columns `from..=to` of the time area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stroke {
    pub event: EventIx,
    pub from: u16,
    pub to: u16,
    pub mark: Mark,
}

impl App {
    /// How event `ix` is drawn in a lane of `width` columns, if its place is in the window: from
    /// its place to its latest day (cut at the window's end).
    pub fn stroke_of(&self, ix: EventIx, window: Window, width: u16) -> Option<Stroke> {
        self.stroke_from(ix, self.place_days[ix], window, width)
    }

    /// [`App::stroke_of`] drawn from `first_day` on.
    fn stroke_from(
        &self,
        ix: EventIx,
        first_day: i64,
        window: Window,
        width: u16,
    ) -> Option<Stroke> {
        let from = window.column_of(first_day, width)?;
        let date = &self.chronology.events[ix].date;
        let last = date.latest.min(window.end.saturating_sub(1));
        let to = window.column_of(last, width).unwrap_or(from).max(from);
        let mark = if date.is_approximate() || date.is_uncertain() || date.is_open() {
            Mark::Faded
        } else if date.earliest == date.latest {
            Mark::Point
        } else if date.is_interval() {
            Mark::Interval
        } else {
            Mark::Bar
        };
        Some(Stroke {
            event: ix,
            from,
            to,
            mark,
        })
    }

    /// An event placed before the window whose latest day is inside it: a stroke from column 0.
    fn entering_stroke(&self, ix: EventIx, window: Window, width: u16) -> Option<Stroke> {
        let date = &self.chronology.events[ix].date;
        (date.latest >= window.start).then_some(())?;
        self.stroke_from(ix, window.start, window, width)
    }

    /// The window the lanes show: the axis at the current zoom, centred on the lanes' event.
    pub fn lanes_window(&self, view: &LanesView) -> Option<Window> {
        self.window_around(view.event.map(|ix| self.place_days[ix]))
    }

    /// What a lane shows in `width` columns of `window`: its events placed in the window, at
    /// most one starting per column (the first), so the work is bounded by the width — each step
    /// is a binary search to the next column's first day. Intervals that began before the window
    /// and reach into it are those among the `width` events just before it, and the one reaching
    /// furthest of all before those (`reach`, see [`LanesView::reach`]), which covers the columns
    /// any other one further back would.
    pub fn lane_strokes(
        &self,
        actor: ActorIx,
        reach: &[EventIx],
        window: Window,
        width: u16,
    ) -> Vec<Stroke> {
        let events = self.chronology.events_of(actor);
        let place = |ix: EventIx| self.place_days[ix];
        let mut at = events.partition_point(|&ix| place(ix) < window.start);
        let near = at.saturating_sub(usize::from(width));
        let far = near.checked_sub(1).and_then(|before| reach.get(before));
        let mut out: Vec<Stroke> = far
            .into_iter()
            .chain(&events[near..at])
            .filter_map(|&ix| self.entering_stroke(ix, window, width))
            .collect();
        while let Some(&ix) = events.get(at) {
            let Some(stroke) = self.stroke_of(ix, window, width) else {
                break;
            };
            let from = stroke.from;
            out.push(stroke);
            // Columns narrower than a day share one: step at least a day, so this ends.
            let next_column = window
                .first_day_from_column(from.saturating_add(1), width)
                .max(place(ix).saturating_add(1));
            // Galloping: in a full lane the next column's event is a step or two away, so
            // look there first and only then search the rest, in O(log gap) not O(log n).
            let rest = &events[at..];
            let mut bound = 1;
            while bound < rest.len() && place(rest[bound]) < next_column {
                bound *= 2;
            }
            let (lo, hi) = (bound / 2, (bound + 1).min(rest.len()));
            at += lo + rest[lo..hi].partition_point(|&ix| place(ix) < next_column);
        }
        out
    }
}

/// Lanes that fit on screen: the body less the tick row and the legend.
pub fn lane_rows(app: &App) -> usize {
    let body = crate::app::layout::Layout::for_size(app.width, app.height).body();
    usize::from(body.height.saturating_sub(2)).max(1)
}

/// `s`: opens the lanes, or says why there are none.
pub fn open(app: &mut App) {
    let view = LanesView::new(app, lane_rows(app));
    if view.actors.is_empty() {
        app.status = Some("No actor has events to draw lanes for.".to_owned());
        return;
    }
    app.overlays.push(super::Overlay::Lanes(view));
}

/// j/k in the lanes.
pub fn move_lane(app: &mut App, delta: isize) {
    let height = lane_rows(app);
    let mut overlays = std::mem::take(&mut app.overlays);
    if let Some(super::Overlay::Lanes(view)) = overlays.last_mut() {
        view.move_lane(app, delta, height);
    }
    app.overlays = overlays;
}

/// h/l in the lanes.
pub fn step_event(app: &mut App, forward: bool) {
    let mut overlays = std::mem::take(&mut app.overlays);
    if let Some(super::Overlay::Lanes(view)) = overlays.last_mut() {
        view.step_event(app, forward);
    }
    app.overlays = overlays;
}

/// Space in the actors view: adds the actor under the cursor to the lanes `s` shows, or takes it
/// out again.
pub fn toggle_pick(app: &mut App) {
    let Some(super::Overlay::Actors(view)) = app.overlays.last() else {
        return;
    };
    let Some(actor) = view.selected_actor() else {
        return;
    };
    match app.lane_picks.iter().position(|&a| a == actor) {
        Some(at) => {
            app.lane_picks.remove(at);
        }
        None => app.lane_picks.push(actor),
    }
    let names: Vec<&str> = app
        .lane_picks
        .iter()
        .map(|&a| app.chronology.actors[a].name.as_str())
        .collect();
    app.status = Some(if names.is_empty() {
        "No lanes picked: s shows the most active actors.".to_owned()
    } else {
        format!("Lanes: {} (s shows them)", names.join(", "))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::chronology::Participation;
    use crate::model::{Actor, Chronology, Event, EventDate};

    /// One actor in every one of `n` events, two a day from 1970.
    fn busy(n: usize) -> Chronology {
        let template = EventDate::parse("1970-01-01").unwrap();
        let events = (0..n)
            .map(|i| {
                let mut date = template.clone();
                date.earliest = (i / 2) as i64;
                date.latest = date.earliest;
                Event {
                    id: compact_str::format_compact!("e{i}"),
                    date,
                    display_date: None,
                    title: format!("Event {i}"),
                    aliases: Box::default(),
                    summary: String::new(),
                    basis: crate::model::Basis::Stated,
                    actors: vec![Participation {
                        actor: 0,
                        role: None,
                    }]
                    .into(),
                    consequences: Box::default(),
                    causes: Box::default(),
                    tags: Box::default(),
                    sources: Box::default(),
                }
            })
            .collect();
        Chronology {
            title: "busy".to_owned(),
            actors: vec![Actor {
                id: "a".to_owned(),
                name: "A".to_owned(),
                kind: crate::model::chronology::ActorKind::Person,
                aliases: Vec::new(),
                description: None,
            }],
            events,
            actor_events: vec![(0..n).collect()],
            ..Chronology::default()
        }
    }

    #[test]
    fn a_lane_draws_at_most_one_event_a_column_whatever_the_file() {
        let app = App::new(busy(200_000));
        let window = app.axis_window().unwrap();
        for width in [1u16, 80, 160] {
            let strokes = app.lane_strokes(0, &furthest_reaching(&app, 0), window, width);
            assert!(!strokes.is_empty());
            assert!(
                strokes.len() <= usize::from(width),
                "{width}: {}",
                strokes.len()
            );
            assert!(strokes.windows(2).all(|w| w[0].from < w[1].from));
        }
        // Narrower than a day per column: each day once, still ending.
        let narrow = Window { start: 0, end: 10 };
        let strokes = app.lane_strokes(0, &furthest_reaching(&app, 0), narrow, 160);
        assert_eq!(strokes.len(), 10);
    }

    /// Each column's stroke is the first event placed in it: what a plain scan of the lane finds.
    #[test]
    fn the_galloping_search_finds_each_columns_first_event() {
        let app = App::new(busy(5_000));
        for (start, end, width) in [(0, 2_500, 160u16), (100, 400, 80), (0, 40, 160), (7, 9, 3)] {
            let window = Window { start, end };
            let found: Vec<EventIx> = app
                .lane_strokes(0, &furthest_reaching(&app, 0), window, width)
                .iter()
                .map(|s| s.event)
                .collect();
            let mut wanted = Vec::new();
            let mut last_column = None;
            for ix in 0..app.chronology.events.len() {
                if let Some(column) = window.column_of(app.place_days[ix], width)
                    && last_column != Some(column)
                {
                    wanted.push(ix);
                    last_column = Some(column);
                }
            }
            assert_eq!(found, wanted, "{start}..{end} in {width}");
        }
    }

    #[test]
    fn marks_tell_days_months_intervals_and_uncertainty_apart() {
        let mut chronology = busy(4);
        for (event, text) in chronology.events.iter_mut().zip([
            "1970-01-01",
            "1970-02",
            "1970-03/1970-05",
            "1970-07~",
        ]) {
            event.date = EventDate::parse(text).unwrap();
        }
        let app = App::new(chronology);
        let window = Window { start: 0, end: 365 };
        // An interval begun before the window shows from its left edge.
        let late = Window {
            start: 120,
            end: 365,
        };
        let entering = app.lane_strokes(0, &furthest_reaching(&app, 0), late, 245);
        assert_eq!(
            entering.first().map(|s| (s.from, s.mark)),
            Some((0, Mark::Interval))
        );
        let marks: Vec<Mark> = app
            .lane_strokes(0, &furthest_reaching(&app, 0), window, 365)
            .iter()
            .map(|s| s.mark)
            .collect();
        assert_eq!(marks, [Mark::Point, Mark::Bar, Mark::Interval, Mark::Faded]);
    }

    /// A long interval behind more short events than the lane has columns still shows where it
    /// reaches into the window (it once went undrawn: only the last `width` events were looked at).
    #[test]
    fn an_interval_begun_long_before_the_window_is_drawn() {
        let mut chronology = busy(500);
        chronology.events[0].date = EventDate::parse("1970-01-01/1990-12-31").unwrap();
        let app = App::new(chronology);
        let window = Window {
            start: 5_000,
            end: 6_000,
        };
        let strokes = app.lane_strokes(0, &furthest_reaching(&app, 0), window, 80);
        assert_eq!(
            strokes.first().map(|s| (s.event, s.from, s.to, s.mark)),
            Some((0, 0, 79, Mark::Interval)),
            "{strokes:?}"
        );
        assert_eq!(
            strokes.len(),
            1,
            "the short events are all before the window"
        );
    }
}
