//! The ticks of the time axis: which unit, where, and labels that read like the list ("44 BC",
//! "13.8 billion years ago", never "-13000000000").
//!
//! Built per frame, so the work is bounded by the screen width, never by the span: a file from
//! Y-99999999999999999 to Y99999999999999999 gets a step of quadrillions of years, not a loop
//! over them, and no arithmetic on its days can overflow.

use unicode_width::UnicodeWidthStr;

use crate::app::zoom::Window;
use crate::model::date::{MONTHS_SHORT as MONTHS, civil_from_days, day_number, human_year};

/// A tick every `step` of a unit; the finest step whose labels do not collide is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Years(i64),
    Months(u32),
    Days(i64),
}

/// A year as an axis label: as the list writes it within a million years of now, else in years
/// ago (or, far ahead, the year in words), so deep time reads as a reader says it.
pub fn year_label(year: i64) -> String {
    const WORDS: [(f64, &str); 5] = [
        (1e15, "quadrillion"),
        (1e12, "trillion"),
        (1e9, "billion"),
        (1e6, "million"),
        (1.0, ""),
    ];
    if (-1_000_000..1_000_000).contains(&year) {
        return human_year(year);
    }
    let magnitude = year.unsigned_abs() as f64;
    let (scale, word) = WORDS
        .iter()
        .find(|(scale, _)| magnitude >= *scale)
        .copied()
        .unwrap_or((1.0, ""));
    let value = magnitude / scale;
    let number = if value >= 100.0 || (value - value.round()).abs() < 0.05 {
        format!("{}", value.round())
    } else {
        format!("{value:.1}")
    };
    if year < 0 {
        format!("{number} {word} years ago")
    } else {
        format!("year {number} {word}")
    }
}

/// The finest unit whose labels, with a gap, fit between ticks.
pub fn choose_unit(window: Window, width: u16) -> Unit {
    let days_per_col = window.days() as f64 / f64::from(width.max(1));
    let fits = |step_days: f64, label: f64| step_days / days_per_col >= label + 2.0;
    for step in [1, 7] {
        if fits(step as f64, 6.0) {
            return Unit::Days(step);
        }
    }
    for step in [1, 3, 6] {
        if fits(f64::from(step) * 30.4, 5.0) {
            return Unit::Months(step);
        }
    }
    let (first, _, _) = civil_from_days(window.start);
    let (last, _, _) = civil_from_days(window.end);
    let label = year_label(first).width().max(year_label(last).width()) as f64;
    let mut step: i64 = 1;
    loop {
        for factor in [1, 2, 5] {
            let Some(years) = step.checked_mul(factor) else {
                return Unit::Years(step);
            };
            if fits(years as f64 * 365.25, label) {
                return Unit::Years(years);
            }
        }
        match step.checked_mul(10) {
            Some(next) => step = next,
            None => return Unit::Years(step),
        }
    }
}

/// The ticks inside the window as (day, label), at most `limit` of them whatever the unit.
pub fn ticks(window: Window, unit: Unit, limit: usize) -> Vec<(i64, String)> {
    let (first_year, first_month, _) = civil_from_days(window.start);
    let mut out = Vec::new();
    match unit {
        Unit::Years(step) => {
            let mut year = first_year.div_euclid(step).saturating_mul(step);
            while out.len() < limit {
                let day = day_number(year, 1, 1);
                if day >= window.end {
                    break;
                }
                if day >= window.start {
                    out.push((day, year_label(year)));
                }
                match year.checked_add(step) {
                    Some(next) => year = next,
                    None => break,
                }
            }
        }
        Unit::Months(step) => {
            let (mut year, mut month) = (first_year, first_month);
            while out.len() < limit {
                let day = day_number(year, month, 1);
                if day >= window.end {
                    break;
                }
                if day >= window.start && (month - 1) % step == 0 {
                    // January is named by its year, so the years stand out among the months;
                    // the first tick carries its year too, so a window without a January
                    // still says which year it is.
                    let name = MONTHS[(month - 1) as usize];
                    let label = match (month, out.is_empty()) {
                        (1, _) => year_label(year),
                        (_, true) => format!("{name} {}", year_label(year)),
                        (_, false) => name.to_owned(),
                    };
                    out.push((day, label));
                }
                month += 1;
                if month > 12 {
                    month = 1;
                    year = year.saturating_add(1);
                }
            }
        }
        Unit::Days(step) => {
            let mut day = window.start;
            while day < window.end && out.len() < limit {
                let (_, month, d) = civil_from_days(day);
                out.push((day, format!("{d} {}", MONTHS[(month - 1) as usize])));
                day = day.saturating_add(step);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_time_reads_like_words() {
        assert_eq!(year_label(1992), "1992");
        assert_eq!(year_label(-43), "44 BC");
        assert_eq!(year_label(-13_800_000_000), "13.8 billion years ago");
        assert_eq!(year_label(-66_000_000), "66 million years ago");
        assert_eq!(year_label(-250_000), "250,000 BC");
        assert_eq!(year_label(5_000_000_000), "year 5 billion");
    }

    #[test]
    fn huge_spans_cost_the_width_not_the_span() {
        let start = day_number(-99_999_999_999_999_999, 1, 1);
        let end = day_number(99_999_999_999_999_999, 12, 31);
        let window = Window { start, end };
        for width in [1u16, 40, 80, 200, u16::MAX] {
            let unit = choose_unit(window, width);
            let ticks = ticks(window, unit, usize::from(width));
            assert!(
                ticks.len() <= usize::from(width),
                "{width}: {}",
                ticks.len()
            );
            for (_, label) in &ticks {
                assert!(!label.contains("-1"), "{label}");
            }
        }
        let extreme = Window {
            start: i64::MIN,
            end: i64::MAX,
        };
        let unit = choose_unit(extreme, 120);
        assert!(ticks(extreme, unit, 120).len() <= 120);
    }

    #[test]
    fn months_name_january_by_its_year() {
        let window = Window {
            start: day_number(1989, 11, 1),
            end: day_number(1992, 12, 31),
        };
        let labels: Vec<String> = ticks(window, Unit::Months(6), 100)
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        assert_eq!(labels, ["1990", "Jul", "1991", "Jul", "1992", "Jul"]);
        let spring = Window {
            start: day_number(2000, 1, 15),
            end: day_number(2000, 6, 30),
        };
        let labels: Vec<String> = ticks(spring, Unit::Months(1), 100)
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        assert_eq!(labels, ["Feb 2000", "Mar", "Apr", "May", "Jun"]);
    }
}
