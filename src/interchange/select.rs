//! Choosing which events an export covers: all, one actor's, or everything downstream of one.

use std::collections::VecDeque;

use crate::model::{ActorIx, Chronology, EventIx};

/// The actor's events, in time order.
pub fn events_of_actor(chronology: &Chronology, actor: ActorIx) -> Vec<EventIx> {
    chronology.events_of(actor).to_vec()
}

/// `start` and every event reachable from it through consequences, in time order.
pub fn downstream_of(chronology: &Chronology, start: EventIx) -> Vec<EventIx> {
    let mut seen = vec![false; chronology.events.len()];
    let mut queue = VecDeque::new();
    if start < seen.len() {
        seen[start] = true;
        queue.push_back(start);
    }
    while let Some(ix) = queue.pop_front() {
        for link in &chronology.events[ix].consequences {
            if let Some(slot) = seen.get_mut(link.event)
                && !*slot
            {
                *slot = true;
                queue.push_back(link.event);
            }
        }
    }
    (0..seen.len()).filter(|&ix| seen[ix]).collect()
}

/// The selection in time order without repeats or out-of-range indexes, so every exporter can
/// trust it.
pub(crate) fn normalise(chronology: &Chronology, events: &[EventIx]) -> Vec<EventIx> {
    let mut chosen = vec![false; chronology.events.len()];
    for &ix in events {
        if let Some(slot) = chosen.get_mut(ix) {
            *slot = true;
        }
    }
    (0..chosen.len()).filter(|&ix| chosen[ix]).collect()
}

/// A membership test for a normalised selection.
pub(crate) struct Selection {
    chosen: Vec<bool>,
}

impl Selection {
    pub(crate) fn new(chronology: &Chronology, events: &[EventIx]) -> Self {
        let mut chosen = vec![false; chronology.events.len()];
        for &ix in events {
            if let Some(slot) = chosen.get_mut(ix) {
                *slot = true;
            }
        }
        Selection { chosen }
    }

    pub(crate) fn contains(&self, ix: EventIx) -> bool {
        self.chosen.get(ix).copied().unwrap_or(false)
    }
}
