//! Everything the explorer knows, as plain data. `view` reads it; only `update` changes it.

use std::sync::Arc;

use unicode_width::UnicodeWidthStr;

use super::focus::Focus;
use super::history::History;
use super::keymap::Keymap;
use super::overlay::Overlay;
use super::palette::EventSearch;
use super::problems::Problems;
use super::query::QueryHistory;
use super::visible::Visible;
use crate::model::order::place_days;
use crate::model::{ActorIx, Chronology, EraIndex, EventIx};
use crate::query::facets::Facets;
use crate::search::SearchIndex;

/// The timeline's cursor: `selected` and `offset` are positions in the visible list (all events,
/// or the filtered ones), and the view draws rows from `offset` only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TimelineState {
    pub selected: usize,
    pub offset: usize,
}

/// The active query: its text as typed (shown on screen, edited with `f`, run again after a
/// reload) and the events it selects, computed off the UI thread when it changes, never per frame.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    pub query: String,
    /// The actors its top-level `actor:` terms name by id (see `query::named_actors`): every
    /// event shown involves each of them.
    pub actors: Vec<ActorIx>,
    /// Shared, so an export of the filtered events takes them without a copy. Never empty: a
    /// query that matches nothing is refused, so the screen is never left blank.
    pub events: Arc<[EventIx]>,
}

impl Filter {
    pub fn new(chronology: &Chronology, query: &str, events: Arc<[EventIx]>) -> Filter {
        Filter {
            query: query.trim().to_owned(),
            actors: super::query::named_actors(chronology, query),
            events,
        }
    }
}

/// A query sent for evaluation, not answered yet: "filtering…" is shown meanwhile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingFilter {
    pub generation: u64,
    pub query: String,
}

/// The whole state of the explorer.
#[derive(Debug, Clone)]
pub struct App {
    /// Shared, not copied, with the thread that builds the search index: at a million events a
    /// copy cost seconds and a gigabyte. It never changes after load.
    pub chronology: Arc<Chronology>,
    /// Built once per loaded chronology, on its own thread after the first frame
    /// (`Action::QueryIndexReady`), so a query costs its answer, not a walk over every event:
    /// `Query::select_in(&chronology, &index)`. Until then it is empty, fits no chronology with
    /// events, and queries scan.
    pub query_index: Arc<crate::query::Index>,
    /// Each event's place on the time axis, in event order and never decreasing (see
    /// `model::order::place_days`): the axis counts events in a column with two binary searches
    /// instead of walking the file.
    pub place_days: Vec<i64>,
    /// Earliest day of any event: the left end of the axis at "all".
    pub span_start: i64,
    /// Latest day of any event: the right end of the axis.
    pub span_end: i64,
    /// Width of the widest date of any event (up to a limit), measured once at load; the view
    /// gives the date column this much where titles keep half the row (see
    /// `ui::timeline::date_column`).
    pub date_width: usize,
    /// The era of any day by binary search: the axis and the timeline ask for every column and
    /// row of every frame.
    pub era_index: EraIndex,
    pub timeline: TimelineState,
    pub filter: Option<Filter>,
    pub focus: Focus,
    /// Cursor in the focused detail list (actors, consequences or causes).
    pub item: usize,
    pub history: History,
    /// Innermost last; Esc pops it.
    pub overlays: Vec<Overlay>,
    /// 0 shows the whole span, 1 the span most events are in (when that differs); each step
    /// after narrows the axis around the selection.
    pub zoom: usize,
    /// The axis fitted to most events, computed at load (see `zoom::fitted_window`).
    pub fitted: Option<super::zoom::Window>,
    /// Terminal size, told by the event loop, so paging and clicks know the layout.
    pub width: u16,
    pub height: u16,
    /// A one-line message for the footer ("no event in 1993"), cleared by the next key.
    pub status: Option<String>,
    /// Bumped by every change of the palette query: the event loop sends a search when it moves,
    /// and answers carrying an older number are dropped.
    pub search_generation: u64,
    /// The last submitted `#` search, walked by `n` / `N`.
    pub last_search: Option<EventSearch>,
    /// Highlighting needs only the matcher, not the folded texts: an empty index carries it, so
    /// the view can mark matched characters of the rows it draws.
    pub highlighter: Arc<SearchIndex>,
    /// The key bindings in force: dispatch, the footer, help and every message that names a key
    /// read this one table.
    pub keymap: Arc<Keymap>,
    /// Actors picked with Space in the actors view for the lanes (`s`), in the order picked.
    pub lane_picks: Vec<ActorIx>,
    /// Bumped by every query sent for evaluation: answers carrying an older number are dropped.
    pub filter_generation: u64,
    pub filtering: Option<PendingFilter>,
    /// The queries applied, walked by ↑/↓ in the filter prompt; loaded and saved by the shell.
    pub query_history: QueryHistory,
    /// Facets of every event, counted off the UI thread when the filter prompt first opens: the
    /// tags and roles Tab offers, most used first.
    pub vocabulary: Option<Arc<Facets>>,
    pub vocabulary_asked: bool,
    /// The day `today` means in the date prompt. The shell reads the clock once at start, so
    /// `update` stays pure and tests choose their own today.
    pub today: i64,
    /// The diagnostics of the file as last read, warnings included (the problems panel, `!`).
    pub problems: Arc<Problems>,
    /// What the footer keeps saying about the file until it changes: `reloading…`, or that the
    /// file is gone and the last version is shown. Unlike `status`, a key does not clear it.
    pub file_note: Option<String>,
    /// Where the chronology came from: `E` opens the file, and explains what to do on the
    /// built-in chronology or a pipe. The shell sets it; `App::new` assumes the built-in.
    pub origin: super::edit::Origin,
    /// The editor's answer, said again in front of the summary of the reload it causes: the
    /// reload's answer comes after it and would otherwise replace it. Cleared by the next key.
    pub edit_note: Option<String>,
}

/// Longest date column worth giving up title space for, on a terminal wide enough (the view
/// also keeps at least half the row for titles).
const MAX_DATE_WIDTH: usize = 32;

/// The width of the widest date any event shows, at most `cap`. Events in reading order share
/// their date with the one before most of the time (a million events over a century and a half
/// are about twenty a day), and then the same words are not written out again: at a million
/// events writing every date was a million strings on the way to the first frame.
fn widest_date(chronology: &Chronology, cap: usize) -> usize {
    let mut widest = 0;
    let mut previous: Option<&str> = None;
    for event in &chronology.events {
        let width = match &event.display_date {
            Some(shown) => shown.width(),
            None if previous == Some(event.date.text.as_str()) => continue,
            None => event.date.human().width(),
        };
        previous = event
            .display_date
            .is_none()
            .then_some(event.date.text.as_str());
        widest = widest.max(width);
        if widest >= cap {
            return cap;
        }
    }
    widest
}

impl App {
    /// The state for `chronology`, with no query index yet (see `query_index`): building it
    /// here would hold the first frame of a big file back.
    pub fn new(chronology: Chronology) -> App {
        App::with_query_index(chronology, crate::query::Index::default())
    }

    /// The state for `chronology` with the query index built from it (tests and benches).
    pub fn with_query_index(chronology: Chronology, query_index: crate::query::Index) -> App {
        let place_days = place_days(chronology.events.iter().map(|e| &e.date));
        let span_start = chronology
            .events
            .iter()
            .map(|e| e.date.earliest)
            .min()
            .unwrap_or(0);
        let span_end = chronology
            .events
            .iter()
            .map(|e| e.date.latest)
            .max()
            .unwrap_or(0);
        let date_width = widest_date(&chronology, MAX_DATE_WIDTH);
        let era_index = EraIndex::new(&chronology);
        let mut app = App {
            era_index,
            chronology: Arc::new(chronology),
            query_index: Arc::new(query_index),
            place_days,
            span_start,
            span_end,
            date_width,
            timeline: TimelineState::default(),
            filter: None,
            focus: Focus::Timeline,
            item: 0,
            history: History::default(),
            overlays: Vec::new(),
            zoom: 0,
            fitted: None,
            width: 80,
            height: 24,
            status: None,
            search_generation: 0,
            last_search: None,
            highlighter: Arc::new(SearchIndex::default()),
            keymap: Keymap::defaults(),
            lane_picks: Vec::new(),
            today: 0,
            problems: Arc::default(),
            file_note: None,
            origin: super::edit::Origin::BuiltIn,
            edit_note: None,
            filter_generation: 0,
            filtering: None,
            query_history: QueryHistory::default(),
            vocabulary: None,
            vocabulary_asked: false,
        };
        app.fitted = app.full_span().and_then(|full| {
            let events = &app.chronology.events;
            super::zoom::fitted_window(&app.place_days, |i| events[i].date.latest, full)
        });
        app.zoom = app.default_zoom();
        app
    }

    /// The events the timeline shows (all, or the filtered ones).
    pub fn visible(&self) -> Visible<'_> {
        match &self.filter {
            Some(filter) => Visible::Only(&filter.events),
            None => Visible::All(self.chronology.events.len()),
        }
    }

    /// Number of events the timeline shows.
    pub fn visible_len(&self) -> usize {
        self.visible().len()
    }

    /// The event at a position of the visible list.
    pub fn visible_event(&self, pos: usize) -> Option<EventIx> {
        self.visible().get(pos)
    }

    /// Position of an event in the visible list, if it is shown.
    pub fn position_of(&self, event: EventIx) -> Option<usize> {
        self.visible().position_of(event)
    }

    /// First visible position whose earliest day is on or after `day` (may equal `visible_len`).
    pub fn position_from_day(&self, day: i64) -> usize {
        self.visible()
            .partition_point(|ix| self.place_days[ix] < day)
    }

    pub fn selected_event(&self) -> Option<EventIx> {
        self.visible_event(self.timeline.selected)
    }

    /// The list the detail cursor moves in, as its length.
    pub fn focus_len(&self, focus: Focus) -> usize {
        let Some(event) = self.selected_event().map(|ix| &self.chronology.events[ix]) else {
            return 0;
        };
        match focus {
            Focus::Timeline => self.visible_len(),
            Focus::Actors => event.actors.len(),
            Focus::Consequences => event.consequences.len(),
            Focus::Causes => event.causes.len(),
        }
    }

    pub fn top_overlay(&self) -> Option<&Overlay> {
        self.overlays.last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Skipping repeated dates gives the width writing every date gives.
    #[test]
    fn widest_date_is_the_widest_of_every_date_written_out() {
        let json = quipu_gen_like_dates();
        for chronology in [Chronology::shipped(), Chronology::from_str(&json).unwrap()] {
            let every = chronology
                .events
                .iter()
                .map(|e| e.human_date().width())
                .max()
                .unwrap_or(0);
            for cap in [0, 5, 12, MAX_DATE_WIDTH, 200] {
                assert_eq!(widest_date(&chronology, cap), every.min(cap), "cap {cap}");
            }
        }
    }

    /// Runs of one date, a shown date between them, and the widest date last.
    fn quipu_gen_like_dates() -> String {
        let dates = [
            ("1990", None),
            ("1990", None),
            ("1990", Some("in the year of the floods")),
            ("1990", None),
            ("1991-05-14", None),
            ("1991-05-14/1993-11-02", None),
        ];
        let events: Vec<String> = dates
            .iter()
            .enumerate()
            .map(|(n, (date, shown))| {
                let shown = shown.map_or(String::new(), |s| format!(r#","display_date":"{s}""#));
                format!(r#"{{"id":"e{n}","date":"{date}","title":"E"{shown}}}"#)
            })
            .collect();
        format!(
            r#"{{"quipu":1,"title":"t","events":[{}]}}"#,
            events.join(",")
        )
    }
}
