//! Everything the explorer knows, as plain data. `view` reads it; only `update` changes it.

use std::sync::Arc;

use unicode_width::UnicodeWidthStr;

use super::history::History;
use super::overlay::Overlay;
use super::palette::EventSearch;
use crate::interchange::Format;
use crate::model::{ActorIx, Chronology, EraIndex, EventIx};
use crate::search::SearchIndex;

/// Which pane of the main screen has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Timeline,
    Actors,
    Consequences,
    Causes,
}

impl Focus {
    pub const ORDER: [Focus; 4] = [
        Focus::Timeline,
        Focus::Actors,
        Focus::Consequences,
        Focus::Causes,
    ];
}

/// The timeline's cursor: `selected` and `offset` are positions in the visible list (all events,
/// or the filtered ones), and the view draws rows from `offset` only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TimelineState {
    pub selected: usize,
    pub offset: usize,
}

/// An actor filter: the events that involve every actor in `actors`, computed once when the
/// filter changes (an intersection of sorted `events_of` slices), never per frame.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    pub actors: Vec<ActorIx>,
    pub events: Vec<EventIx>,
}

impl Filter {
    /// `None` when no event involves all the actors, so the caller can refuse a filter that would
    /// leave an empty screen.
    pub fn new(chronology: &Chronology, actors: Vec<ActorIx>) -> Option<Filter> {
        let (first, rest) = actors.split_first()?;
        let mut events: Vec<EventIx> = chronology.events_of(*first).to_vec();
        for &actor in rest {
            let other = chronology.events_of(actor);
            events.retain(|ix| other.binary_search(ix).is_ok());
        }
        (!events.is_empty()).then_some(Filter { actors, events })
    }
}

/// The whole state of the explorer.
#[derive(Debug, Clone)]
pub struct App {
    /// Shared, not copied, with the thread that builds the search index: at a million events a
    /// copy cost seconds and a gigabyte. It never changes after load.
    pub chronology: Arc<Chronology>,
    /// Earliest day of every event, in event order (already sorted): the axis counts events in a
    /// column with two binary searches instead of walking the file.
    pub earliest_days: Vec<i64>,
    /// Latest day of any event: the right end of the axis.
    pub span_end: i64,
    /// Width of the timeline's date column, measured once at load.
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
    /// 0 shows the whole span; each step narrows the axis around the selection.
    pub zoom: usize,
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
    /// Set by `e`; the event loop writes the file and answers with `Action::Exported`.
    pub pending_export: Option<Format>,
    /// Set by C-z; the event loop gives the terminal back, stops, and takes it again on `fg`.
    pub pending_suspend: bool,
    /// Highlighting needs only the matcher, not the folded texts: an empty index carries it, so
    /// the view can mark matched characters of the rows it draws.
    pub highlighter: Arc<SearchIndex>,
    pub quit: bool,
}

/// Longest date column worth giving up title space for.
const MAX_DATE_WIDTH: usize = 18;

impl App {
    pub fn new(chronology: Chronology) -> App {
        let earliest_days: Vec<i64> = chronology.events.iter().map(|e| e.date.earliest).collect();
        let span_end = chronology
            .events
            .iter()
            .map(|e| e.date.latest)
            .max()
            .unwrap_or(0);
        let date_width = chronology
            .events
            .iter()
            .map(|e| e.human_date().width())
            .max()
            .unwrap_or(0)
            .min(MAX_DATE_WIDTH);
        let era_index = EraIndex::new(&chronology);
        App {
            era_index,
            chronology: Arc::new(chronology),
            earliest_days,
            span_end,
            date_width,
            timeline: TimelineState::default(),
            filter: None,
            focus: Focus::Timeline,
            item: 0,
            history: History::default(),
            overlays: Vec::new(),
            zoom: 0,
            width: 80,
            height: 24,
            status: None,
            search_generation: 0,
            last_search: None,
            pending_export: None,
            pending_suspend: false,
            highlighter: Arc::new(SearchIndex::default()),
            quit: false,
        }
    }

    /// Number of events the timeline shows (all, or the filtered ones).
    pub fn visible_len(&self) -> usize {
        match &self.filter {
            Some(filter) => filter.events.len(),
            None => self.chronology.events.len(),
        }
    }

    /// The event at a position of the visible list.
    pub fn visible_event(&self, pos: usize) -> Option<EventIx> {
        match &self.filter {
            Some(filter) => filter.events.get(pos).copied(),
            None => (pos < self.chronology.events.len()).then_some(pos),
        }
    }

    /// Position of an event in the visible list, if it is shown.
    pub fn position_of(&self, event: EventIx) -> Option<usize> {
        match &self.filter {
            Some(filter) => filter.events.binary_search(&event).ok(),
            None => (event < self.chronology.events.len()).then_some(event),
        }
    }

    /// First visible position whose earliest day is on or after `day` (may equal `visible_len`).
    pub fn position_from_day(&self, day: i64) -> usize {
        match &self.filter {
            Some(filter) => filter
                .events
                .partition_point(|&ix| self.earliest_days[ix] < day),
            None => self.earliest_days.partition_point(|&d| d < day),
        }
    }

    /// The events the timeline shows, in order (what `e` exports).
    pub fn visible_events(&self) -> Vec<EventIx> {
        match &self.filter {
            Some(filter) => filter.events.clone(),
            None => (0..self.chronology.events.len()).collect(),
        }
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
