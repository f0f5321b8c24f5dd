//! Which rows the timeline pane shows: events from `offset`, with a separator line where an era
//! begins and a plain one where it ends before the next begins, so no event sits under a header
//! whose span it is outside of. Shared by `view` (to draw) and `update` (to scroll and to map clicks), so both agree
//! on what is where without the view ever mutating state.

use super::state::App;
use crate::model::EraIx;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// The era that begins with the event on the next row.
    Era(EraIx),
    /// The era above has ended: the events below, until the next era, are in none.
    NoEra,
    /// A position in the visible list.
    Event(usize),
}

impl App {
    /// The era of the event at a visible position (`None` past the end; `Some(None)` outside
    /// every era).
    fn era_at_position(&self, pos: usize) -> Option<Option<EraIx>> {
        let event = self.visible_event(pos)?;
        Some(self.era_index.at(self.place_days[event]))
    }

    /// The separator above the event at `pos`: an era header where the event opens an era the
    /// previous visible event was not in, a plain line where it leaves the previous one's era for
    /// none.
    pub fn separator_at(&self, pos: usize) -> Option<Row> {
        let era = self.era_at_position(pos)?;
        let previous = pos.checked_sub(1).and_then(|p| self.era_at_position(p));
        match (previous, era) {
            (previous, Some(era)) if previous != Some(Some(era)) => Some(Row::Era(era)),
            (Some(Some(_)), None) => Some(Row::NoEra),
            _ => None,
        }
    }

    /// The rows drawn from `offset` in `height` lines. A separator never takes the last line, so
    /// the event at `offset` is always shown.
    pub fn timeline_rows(&self, offset: usize, height: usize) -> Vec<Row> {
        let mut rows = Vec::with_capacity(height);
        let mut pos = offset;
        while rows.len() < height && pos < self.visible_len() {
            if rows.len() + 1 < height
                && let Some(separator) = self.separator_at(pos)
            {
                rows.push(separator);
            }
            rows.push(Row::Event(pos));
            pos += 1;
        }
        rows
    }

    /// The offset closest to `offset` that shows `selected` within `height` rows.
    pub fn offset_showing(&self, selected: usize, offset: usize, height: usize) -> usize {
        let height = height.max(1);
        if selected <= offset {
            return selected;
        }
        let shown = |o: usize| {
            self.timeline_rows(o, height)
                .contains(&Row::Event(selected))
        };
        if shown(offset) {
            return offset;
        }
        // Walk up from the selection while the rows from there to it still fit.
        let mut best = selected;
        let mut used = 1 + usize::from(self.separator_at(selected).is_some() && height > 1);
        while best > offset {
            let candidate = best - 1;
            let cost = 1 + usize::from(self.separator_at(candidate).is_some());
            if used + cost > height {
                break;
            }
            used += cost;
            best = candidate;
        }
        best
    }
}
