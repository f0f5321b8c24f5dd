//! The time axis: which days it spans at each zoom level, and how days map to columns.
//!
//! Level 0 is everything; level 1, where the explorer opens, is fitted to where most events are
//! (see [`fitted_window`]), so one birth in 1938 does not squeeze fifty events of 1990–1992 into
//! the last columns; the levels after it are named spans around the selection.

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

    /// The first day [`Window::column_of`] puts in `column` or later: the inverse of
    /// `column_of`, rounding up where [`Window::day_at`] rounds down.
    pub fn first_day_from_column(&self, column: u16, width: u16) -> i64 {
        let len = (i128::from(self.end) - i128::from(self.start)).max(1);
        let width = i128::from(width.max(1));
        let offset = (i128::from(column) * len + width - 1) / width;
        i64::try_from(i128::from(self.start) + offset).unwrap_or(i64::MAX)
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

/// Share of events the fitted axis holds; the rest, at either end, are outliers it counts.
const FITTED_SHARE: f64 = 0.85;

/// The shortest window holding [`FITTED_SHARE`] of the events by place day, run on to the
/// latest day those events reach (so an era they end in is seen, within half the window again),
/// and widened by a twentieth on each side so the first and last are not on the edge. `None`
/// when it would be (nearly) the whole span anyway, so there is no level that adds nothing. Two
/// passes over the sorted days at load; `latest(i)` is event `i`'s latest day.
pub fn fitted_window(
    place_days: &[i64],
    latest: impl Fn(usize) -> i64,
    full: Window,
) -> Option<Window> {
    let n = place_days.len();
    let keep = ((n as f64 * FITTED_SHARE).ceil() as usize).max(1);
    if n < 8 || keep >= n {
        return None;
    }
    let (first, _) = (0..=n - keep)
        .map(|i| (i, place_days[i + keep - 1].saturating_sub(place_days[i])))
        .min_by_key(|&(i, len)| (len, i))?;
    let (lo, last_place) = (place_days[first], place_days[first + keep - 1]);
    let reach = (first..first + keep)
        .map(&latest)
        .max()
        .unwrap_or(last_place);
    let hi = reach.clamp(
        last_place,
        last_place.saturating_add(last_place.saturating_sub(lo) / 2),
    );
    let margin = (hi.saturating_sub(lo) / 20).max(15);
    let start = lo.saturating_sub(margin).max(full.start);
    let end = hi.saturating_add(margin).saturating_add(1).min(full.end);
    let window = Window { start, end };
    (window.days() < full.days() / 10 * 9).then_some(window)
}

impl App {
    /// First and last day of the whole chronology (`None` without events).
    pub fn full_span(&self) -> Option<Window> {
        self.place_days.first()?;
        let start = self.span_start;
        let end = self.span_end.saturating_add(1).max(start.saturating_add(1));
        Some(Window { start, end })
    }

    /// The zoom levels before the named spans: "all", and "fit" when the events have outliers.
    fn base_levels(&self) -> usize {
        1 + usize::from(self.fitted.is_some())
    }

    /// The level the explorer opens at: fitted to the events when that differs from all.
    pub fn default_zoom(&self) -> usize {
        usize::from(self.fitted.is_some())
    }

    /// The spans narrower than the widest window before them: the zoom levels worth having.
    pub fn zoom_spans(&self) -> &'static [(i64, &'static str)] {
        let len = self
            .fitted
            .or_else(|| self.full_span())
            .map_or(0, |w| w.days());
        let first = SPANS
            .iter()
            .position(|&(days, _)| i128::from(days) < len)
            .unwrap_or(SPANS.len());
        &SPANS[first..]
    }

    pub fn max_zoom(&self) -> usize {
        self.zoom_spans().len() + self.base_levels() - 1
    }

    /// What the axis shows now: everything at zoom 0, the fitted window at 1 (when there is
    /// one), else a named span centred on the selection and kept inside the chronology.
    pub fn axis_window(&self) -> Option<Window> {
        self.window_around(self.selected_event().map(|ix| self.place_days[ix]))
    }

    /// The window at the current zoom, centred on `centre` when zoomed past the fitted level
    /// (the timeline's selection for the axis, the lanes' event for the lanes).
    pub fn window_around(&self, centre: Option<i64>) -> Option<Window> {
        let full = self.full_span()?;
        let level = self.zoom.min(self.max_zoom());
        if level == 0 {
            return Some(full);
        }
        if let (1, Some(fitted)) = (level, self.fitted) {
            return Some(fitted);
        }
        let (span, _) = self.zoom_spans()[level - self.base_levels()];
        let centre = centre.unwrap_or(full.start);
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
        match (self.zoom.min(self.max_zoom()), self.fitted) {
            (0, _) => "all",
            (1, Some(_)) => "fit",
            (level, _) => self.zoom_spans()[level - self.base_levels()].1,
        }
    }

    /// Events shown (in the filter, if any) before and after the axis window: the counts at
    /// its ends.
    pub fn outside_window(&self, window: Window) -> (usize, usize) {
        (
            self.count_between(i64::MIN, window.start),
            self.count_between(window.end, i64::MAX),
        )
    }

    /// Events whose place day falls in `lo..hi`: two binary searches, in the filter when one is
    /// active, so drawing the axis costs O(width · log n) whatever the size of the file.
    pub fn count_between(&self, lo: i64, hi: i64) -> usize {
        let visible = self.visible();
        let from = |d: i64| visible.partition_point(|ix| self.place_days[ix] < d);
        from(hi).saturating_sub(from(lo))
    }
}
