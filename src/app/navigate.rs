//! Where the time-based jumps land: next or previous year and era, and the event nearest a typed
//! date. Each answer is a position in the visible list, found by binary search.

use super::state::App;
use crate::model::date::{civil_from_days, day_number, parse_written};

impl App {
    fn selected_day(&self) -> Option<i64> {
        self.selected_event().map(|ix| self.place_days[ix])
    }

    fn first_of_year(year: i64) -> i64 {
        day_number(year, 1, 1)
    }

    /// The first event of the next year that has events.
    pub fn next_year_position(&self) -> Option<usize> {
        let (year, _, _) = civil_from_days(self.selected_day()?);
        let pos = self.position_from_day(Self::first_of_year(year.saturating_add(1)));
        (pos < self.visible_len()).then_some(pos)
    }

    /// The first event of the current year if the cursor is past it, else of the previous year
    /// that has events.
    pub fn prev_year_position(&self) -> Option<usize> {
        let (year, _, _) = civil_from_days(self.selected_day()?);
        let start = self.position_from_day(Self::first_of_year(year));
        if start < self.timeline.selected {
            return Some(start);
        }
        let before = start.checked_sub(1)?;
        let ix = self.visible_event(before)?;
        let (year, _, _) = civil_from_days(self.place_days[ix]);
        Some(self.position_from_day(Self::first_of_year(year)))
    }

    /// The first event of the next era that has events after the cursor.
    pub fn next_era_position(&self) -> Option<usize> {
        let day = self.selected_day()?;
        self.chronology
            .eras
            .iter()
            .filter(|era| era.date.earliest > day)
            .map(|era| self.position_from_day(era.date.earliest))
            .find(|&pos| pos < self.visible_len() && pos > self.timeline.selected)
    }

    /// The start of the current era if the cursor is past it, else the start of the era before.
    pub fn prev_era_position(&self) -> Option<usize> {
        let selected = self.timeline.selected;
        self.chronology
            .eras
            .iter()
            .rev()
            .map(|era| self.position_from_day(era.date.earliest))
            .find(|&pos| pos < selected && pos < self.visible_len())
    }

    /// The event a typed date lands on: the first one inside the date's span, else the nearest by
    /// days on either side. `Err` says why the text is not a date. Dates are read as people
    /// write them ("5 April 1992", "spring 1991") as well as EDTF.
    ///
    /// With the position, what to say when the date lies wholly before or after every event
    /// shown, so the jump lands on the first or the last: a mistyped year (`9192`) is then
    /// noticed, not taken for an answer.
    pub fn position_for_date(
        &self,
        text: &str,
    ) -> Result<Option<(usize, Option<&'static str>)>, String> {
        let date = parse_written(text, self.today).map_err(|e| e.to_string())?;
        let len = self.visible_len();
        if len == 0 {
            return Ok(None);
        }
        let pos = self.position_from_day(date.earliest);
        let day_of = |p: usize| self.visible_event(p).map(|ix| self.place_days[ix]);
        let after = day_of(pos).map(|d| (pos, d.saturating_sub(date.latest).max(0)));
        let before = pos
            .checked_sub(1)
            .and_then(|p| day_of(p).map(|d| (p, date.earliest.saturating_sub(d))));
        let found = match (before, after) {
            (Some((b, db)), Some((a, da))) => Some(if db < da { b } else { a }),
            (Some((b, _)), None) => Some(b),
            (None, Some((a, _))) => Some(a),
            (None, None) => None,
        };
        let beyond = match (day_of(0), day_of(len - 1)) {
            (_, Some(last)) if date.earliest > last => {
                Some("after every event shown: at the last one")
            }
            (Some(first), _) if date.latest < first => {
                Some("before every event shown: at the first one")
            }
            _ => None,
        };
        Ok(found.map(|pos| (pos, beyond)))
    }
}
