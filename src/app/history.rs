//! Browser-like history: every jump (following a link, jumping to a date, a year, an era, the chain
//! view, a filter change) records where the reader stood, so Back returns there and Forward
//! retraces. Plain movement with j/k is not a jump, just as scrolling is not in a browser.

use std::collections::VecDeque;

use super::focus::Focus;
use super::state::Filter;
use crate::model::EventIx;

/// Where the reader stood: the event, the filter in force, and which item of the detail pane had
/// the cursor, so coming back from a consequence puts the cursor on that consequence again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub event: EventIx,
    /// The timeline's scroll, so the screen looks as it was left.
    pub offset: usize,
    /// The query in force, with its events, so Back restores it without running it again.
    pub filter: Option<Filter>,
    pub focus: Focus,
    pub item: usize,
}

/// Bounded so a long session cannot grow it without end.
const LIMIT: usize = 1000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    back: VecDeque<Place>,
    forward: Vec<Place>,
}

impl History {
    /// Called before a jump with the place being left; a new jump forgets the forward trail.
    pub fn record(&mut self, from: Place) {
        if self.back.back() != Some(&from) {
            self.back.push_back(from);
            if self.back.len() > LIMIT {
                self.back.pop_front();
            }
        }
        self.forward.clear();
    }

    /// The place to return to, given the place being left (which Forward will offer).
    pub fn back(&mut self, current: Place) -> Option<Place> {
        let to = self.back.pop_back()?;
        self.forward.push(current);
        Some(to)
    }

    pub fn forward(&mut self, current: Place) -> Option<Place> {
        let to = self.forward.pop()?;
        self.back.push_back(current);
        Some(to)
    }

    /// The same history in another version of the file: each place mapped (`None` drops it).
    pub fn remap(self, mut map: impl FnMut(Place) -> Option<Place>) -> History {
        History {
            back: self.back.into_iter().filter_map(&mut map).collect(),
            forward: self.forward.into_iter().filter_map(&mut map).collect(),
        }
    }

    pub fn can_go_back(&self) -> bool {
        !self.back.is_empty()
    }

    pub fn can_go_forward(&self) -> bool {
        !self.forward.is_empty()
    }
}
