//! The time axis: which days it spans at each zoom level, and how days map to columns.

use super::state::App;

/// Zoom levels after "everything": named spans a reader can think in.
pub const SPANS: [(i64, &str); 10] = [
    (40 * 365, "40 years"),
    (20 * 365, "20 years"),
    (10 * 365, "10 years"),
    (5 * 365, "5 years"),
    (2 * 365, "2 years"),
    (365, "1 year"),
    (182, "6 months"),
    (91, "3 months"),
    (30, "1 month"),
    (14, "2 weeks"),
];

/// Days `start..end` of the axis (end exclusive, never empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: i64,
    pub end: i64,
}

impl Window {
    pub fn len(&self) -> i64 {
        self.end.saturating_sub(self.start).max(1)
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    /// Days spanned, exactly: from the first day number to the last is more than an `i64` holds.
    pub fn days(&self) -> i128 {
        (i128::from(self.end) - i128::from(self.start)).max(1)
    }

    /// First day shown in `column` of `width` columns.
    pub fn day_at(&self, column: u16, width: u16) -> i64 {
        let offset = i128::from(column) * self.days() / i128::from(width.max(1));
        self.start
            .saturating_add(i64::try_from(offset).unwrap_or(i64::MAX))
    }

    /// Days counted in `column`: from its first day to the next column's (at least one day, so a
    /// day wider than a column is drawn in every column it covers).
    pub fn days_in(&self, column: u16, width: u16) -> (i64, i64) {
        let lo = self.day_at(column, width);
        let hi = self
            .day_at(column.saturating_add(1), width)
            .max(lo.saturating_add(1));
        (lo, hi)
    }

    /// The column showing `day`, if it is inside the window.
    pub fn column_of(&self, day: i64, width: u16) -> Option<u16> {
        if day < self.start || day >= self.end {
            return None;
        }
        let col = (i128::from(day) - i128::from(self.start)) * i128::from(width) / self.days();
        u16::try_from(col)
            .ok()
            .map(|c| c.min(width.saturating_sub(1)))
    }
}

impl App {
    /// First and last day of the whole chronology (`None` without events).
    pub fn full_span(&self) -> Option<Window> {
        let start = *self.earliest_days.first()?;
        let end = self.span_end.saturating_add(1).max(start.saturating_add(1));
        Some(Window { start, end })
    }

    /// The spans narrower than the whole chronology: the zoom levels worth having.
    pub fn zoom_spans(&self) -> &'static [(i64, &'static str)] {
        let len = self.full_span().map_or(0, |w| w.len());
        let first = SPANS
            .iter()
            .position(|&(days, _)| days < len)
            .unwrap_or(SPANS.len());
        &SPANS[first..]
    }

    pub fn max_zoom(&self) -> usize {
        self.zoom_spans().len()
    }

    /// What the axis shows now: everything at zoom 0, else a named span centred on the selection
    /// and kept inside the chronology.
    pub fn axis_window(&self) -> Option<Window> {
        let full = self.full_span()?;
        let level = self.zoom.min(self.max_zoom());
        if level == 0 {
            return Some(full);
        }
        let (span, _) = self.zoom_spans()[level - 1];
        let centre = self
            .selected_event()
            .map_or(full.start, |ix| self.earliest_days[ix]);
        let start = centre
            .saturating_sub(span / 2)
            .min(full.end.saturating_sub(span))
            .max(full.start);
        Some(Window {
            start,
            end: start.saturating_add(span),
        })
    }

    pub fn zoom_label(&self) -> &'static str {
        match self.zoom.min(self.max_zoom()) {
            0 => "all",
            level => self.zoom_spans()[level - 1].1,
        }
    }

    /// Events whose earliest day falls in `lo..hi`: two binary searches, in the filter when one is
    /// active, so drawing the axis costs O(width · log n) whatever the size of the file.
    pub fn count_between(&self, lo: i64, hi: i64) -> usize {
        match &self.filter {
            Some(filter) => {
                let days = |d: i64| {
                    filter
                        .events
                        .partition_point(|&ix| self.earliest_days[ix] < d)
                };
                days(hi).saturating_sub(days(lo))
            }
            None => {
                let days = |d: i64| self.earliest_days.partition_point(|&x| x < d);
                days(hi).saturating_sub(days(lo))
            }
        }
    }
}
