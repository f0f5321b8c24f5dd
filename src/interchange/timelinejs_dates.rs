//! TimelineJS dates (year, month, day and time as numbers) → quipu's EDTF text.

use chrono::NaiveDate;

use super::ImportReport;
use super::timelinejs::TimelineDate;
use crate::model::EventDate;

/// `start` alone, or `start/end` when there is a later end. An end before the start is dropped
/// with a note rather than written as an interval quipu would refuse.
pub(super) fn interval(
    start: Option<&TimelineDate>,
    end: Option<&TimelineDate>,
    report: &mut ImportReport,
) -> Option<String> {
    let start = start?;
    let start_text = edtf(start, report)?;
    let Some(end) = end.filter(|e| e.year.is_some()) else {
        return Some(start_text);
    };
    let Some(end_text) = edtf(end, report) else {
        return Some(start_text);
    };
    if end_text == start_text {
        return Some(start_text);
    }
    if first_day(end) < first_day(start) {
        report.notes.push(format!(
            "end date {end_text} is before start date {start_text}; kept the start only"
        ));
        return Some(start_text);
    }
    let both = format!("{start_text}/{end_text}");
    // quipu's date reader has the last word: an interval it cannot read (EDTF has no intervals
    // of `Y` years) keeps its start, so the import still loads.
    if EventDate::parse(&both).is_err() {
        report.notes.push(format!(
            "interval {both} cannot be written in quipu's dates; kept the start only"
        ));
        return Some(start_text);
    }
    Some(both)
}

/// A sort key for the first day a date can mean, for comparing ends of an interval.
fn first_day(date: &TimelineDate) -> (i64, i64, i64) {
    let month = date.month.filter(|m| (1..=12).contains(m));
    let day = month.and(date.day).filter(|d| (1..=31).contains(d));
    (date.year.unwrap_or(0), month.unwrap_or(1), day.unwrap_or(1))
}

/// The EDTF for a TimelineJS date: `1990`, `1990-05`, `1990-05-04`, `-0044`, `Y-13800000000`.
/// Parts that make no sense (month 13, 30 February) are dropped, with a note, down to the last
/// precision that does; a time of day is counted and dropped.
pub fn edtf(date: &TimelineDate, report: &mut ImportReport) -> Option<String> {
    let year = date.year?;
    if date.has_time() {
        report.times_dropped += 1;
    }
    if !(-9999..=9999).contains(&year) {
        // EDTF writes long years with a `Y` prefix, and such years carry no month or day.
        if date.month.is_some() {
            report
                .notes
                .push(format!("year {year} is kept without its month and day"));
        }
        return Some(format!("Y{year}"));
    }
    // TimelineJS shows year -44 as 44 BCE; EDTF counts astronomically (year 0 is 1 BC), so
    // -44 there is -0043 here. Deep-time years above are round figures and keep their number.
    let year = if year < 0 { year + 1 } else { year };
    let mut text = if year < 0 {
        format!("-{:04}", -year)
    } else {
        format!("{year:04}")
    };
    let Some(month) = date.month else {
        return Some(text);
    };
    if !(1..=12).contains(&month) {
        report.notes.push(format!(
            "month {month} of year {year} is not a month; kept the year"
        ));
        return Some(text);
    }
    text.push_str(&format!("-{month:02}"));
    let Some(day) = date.day else {
        return Some(text);
    };
    let valid = i32::try_from(year)
        .ok()
        .zip(u32::try_from(day).ok())
        .and_then(|(y, d)| NaiveDate::from_ymd_opt(y, month as u32, d))
        .is_some();
    if !valid {
        report
            .notes
            .push(format!("day {day} is not in {text}; kept the month"));
        return Some(text);
    }
    text.push_str(&format!("-{day:02}"));
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i64, month: Option<i64>, day: Option<i64>) -> TimelineDate {
        TimelineDate {
            year: Some(year),
            month,
            day,
            ..TimelineDate::default()
        }
    }

    fn edtf_of(d: &TimelineDate) -> String {
        edtf(d, &mut ImportReport::default()).unwrap()
    }

    #[test]
    fn dates_keep_their_precision() {
        assert_eq!(edtf_of(&date(1990, None, None)), "1990");
        assert_eq!(edtf_of(&date(1990, Some(5), None)), "1990-05");
        assert_eq!(edtf_of(&date(1990, Some(5), Some(4))), "1990-05-04");
        assert_eq!(edtf_of(&date(602, None, None)), "0602");
    }

    #[test]
    fn years_before_the_era_are_signed_and_padded() {
        assert_eq!(edtf_of(&date(-44, Some(3), Some(15))), "-0043-03-15");
        assert_eq!(edtf_of(&date(-3500, None, None)), "-3499");
        assert_eq!(edtf_of(&date(-1, None, None)), "0000");
    }

    #[test]
    fn long_years_take_the_y_prefix() {
        assert_eq!(edtf_of(&date(-13_800_000_000, None, None)), "Y-13800000000");
        assert_eq!(edtf_of(&date(-315_000, None, None)), "Y-315000");
        assert_eq!(edtf_of(&date(10_000, None, None)), "Y10000");
    }

    #[test]
    fn impossible_parts_fall_back_to_coarser_precision() {
        let mut report = ImportReport::default();
        assert_eq!(
            edtf(&date(1990, Some(2), Some(30)), &mut report).unwrap(),
            "1990-02"
        );
        assert_eq!(
            edtf(&date(1990, Some(13), Some(1)), &mut report).unwrap(),
            "1990"
        );
        assert_eq!(report.notes.len(), 2);
    }

    #[test]
    fn times_are_counted_not_kept() {
        let mut report = ImportReport::default();
        let d = TimelineDate {
            hour: Some(6),
            minute: Some(45),
            ..date(1900, Some(1), Some(5))
        };
        assert_eq!(edtf(&d, &mut report).unwrap(), "1900-01-05");
        assert_eq!(report.times_dropped, 1);
    }

    #[test]
    fn an_end_date_makes_an_interval() {
        let mut report = ImportReport::default();
        let start = date(1815, Some(12), Some(10));
        let end = date(1852, Some(11), Some(27));
        assert_eq!(
            interval(Some(&start), Some(&end), &mut report).unwrap(),
            "1815-12-10/1852-11-27"
        );
        assert_eq!(
            interval(Some(&start), Some(&start), &mut report).unwrap(),
            "1815-12-10"
        );
        assert_eq!(
            interval(Some(&end), Some(&start), &mut report).unwrap(),
            "1852-11-27"
        );
        assert_eq!(report.notes.len(), 1, "{:?}", report.notes);
    }

    #[test]
    fn an_end_without_a_year_is_no_end() {
        let end = TimelineDate::default();
        let start = date(1943, Some(7), None);
        assert_eq!(
            interval(Some(&start), Some(&end), &mut ImportReport::default()).unwrap(),
            "1943-07"
        );
    }
}
