//! Dates as EDTF strings (levels 0 and 1) turned into a span of days people can sort and read.
//!
//! The edtf crate parses; everything after that (spans, wording) is ours, because edtf's iterators
//! panic on seasons and chrono cannot hold the billions of years a `Y` year may name.

mod calendar;
mod diagnose;
mod render;
mod shape;
mod written;

use std::fmt;

use compact_str::CompactString;

pub use calendar::{civil_from_days, day_number, year_of};
pub use render::{Brevity, MONTHS, MONTHS_SHORT, year as human_year};
use shape::{Shape, is_approximate, is_uncertain};
pub use written::{DaySpan, days_of, parse_written};

/// A parsed EDTF date: the text as written, and the earliest and latest day it can mean.
///
/// Days are counted from 1970-01-01 in the proleptic Gregorian calendar, so sorting, the time axis
/// and "jump to date" are integer comparisons. Open or unknown interval ends take the other end's
/// bound, so every date has a finite span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDate {
    /// The EDTF text, without surrounding whitespace; inline, as almost every date fits in 24
    /// bytes.
    pub text: CompactString,
    pub earliest: i64,
    pub latest: i64,
    shape: Shape,
}

/// Why a date string is not EDTF we accept; the message says what EDTF expects.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DateError {
    pub message: String,
}

impl DateError {
    fn new(message: String) -> DateError {
        DateError { message }
    }
}

impl EventDate {
    /// Reads an EDTF level 0 or 1 date; surrounding whitespace is ignored.
    pub fn parse(text: &str) -> Result<EventDate, DateError> {
        let mut date = EventDate::parse_textless(text)?;
        date.text = CompactString::new(text.trim());
        Ok(date)
    }

    /// [`EventDate::parse`], leaving `text` empty: validation reads every date of a file, and
    /// building then hands each date the file's own string ([`EventDate::with_text`]) instead
    /// of a copy made here, a million allocations fewer at a million events.
    pub(crate) fn parse_textless(text: &str) -> Result<EventDate, DateError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DateError::new(diagnose::empty()));
        }
        if text.len() > diagnose::MAX_LEN {
            return Err(DateError::new(diagnose::too_long(text)));
        }
        // Only text made of EDTF characters reaches the parser, so odd input cannot find a panic
        // in it and the message for prose ("April 1992") stays the general one.
        if !diagnose::has_edtf_alphabet(text) {
            return Err(DateError::new(diagnose::not_edtf(text)));
        }
        let shape = match Shape::plain(text) {
            Some(shape) => shape,
            None => match edtf::level_1::Edtf::parse(text) {
                Ok(edtf) => Shape::from_edtf(edtf),
                Err(_) => long_year_interval(text)
                    .ok_or_else(|| DateError::new(diagnose::not_edtf(text)))?,
            },
        };
        // edtf reads `1990-21-XX` as an unknown day of month 21: a season has no days.
        if shape.points().any(|p| p.month_out_of_range()) {
            return Err(DateError::new(diagnose::not_edtf(text)));
        }
        if let Shape::Interval(start, end) = shape {
            let (start_first, _) = start.span();
            let (_, end_last) = end.span();
            if end_last < start_first {
                return Err(DateError::new(diagnose::ends_before_start(
                    text,
                    &render::human(&Shape::Single(start)),
                    &render::human(&Shape::Single(end)),
                )));
            }
        }
        let (earliest, latest) = shape.span();
        Ok(EventDate {
            text: CompactString::default(),
            earliest,
            latest,
            shape,
        })
    }

    /// The date with `text`, the string it was parsed from, as its text (trimmed, as `parse`
    /// keeps it).
    pub(crate) fn with_text(self, text: &str) -> EventDate {
        EventDate {
            text: CompactString::new(text.trim()),
            ..self
        }
    }

    /// The date as a person writes it: "5 April 1992", "May 1991", "1970s", "c. 1991", "1985?",
    /// "1968–1975", "autumn 1990", "44 BC".
    pub fn human(&self) -> String {
        render::human(&self.shape)
    }

    /// The date shorter than [`EventDate::human`], for a column too narrow for it.
    pub fn brief(&self, brevity: Brevity) -> String {
        render::brief(&self.shape, brevity)
    }

    /// How precise and how certain the date is, e.g. "exact day", "month, approximate",
    /// "open interval".
    pub fn precision(&self) -> String {
        render::precision(&self.shape)
    }

    /// The one word `precision:` in a query names this date by: `day`, `month`, `season`, `year`,
    /// `decade`, `century` for a single date, `range` for a closed interval and `open` for one
    /// with an open or unknown end. Certainty marks (`~`, `?`) do not change it.
    pub fn precision_word(&self) -> &'static str {
        match self.shape {
            Shape::Single(point) => match point.granularity {
                shape::Granularity::Day(..) => "day",
                shape::Granularity::Month(..) => "month",
                shape::Granularity::Season(..) => "season",
                shape::Granularity::Year(_) => "year",
                shape::Granularity::Decade(_) => "decade",
                shape::Granularity::Century(_) => "century",
            },
            Shape::Interval(..) => "range",
            Shape::From(..) | Shape::Until(..) => "open",
        }
    }

    /// The day the reading order sorts this date by: its earliest day, except that an interval
    /// with an open or unknown start (`../1992-04-04`) sorts by its latest, because its end is
    /// all that is known of it.
    pub fn sort_day(&self) -> i64 {
        match self.shape {
            Shape::Until(..) => self.latest,
            _ => self.earliest,
        }
    }

    /// Whether the date names a stretch between two dates (closed, open or with an unknown end),
    /// as opposed to one day, month, year… that is only imprecise.
    pub fn is_interval(&self) -> bool {
        !matches!(self.shape, Shape::Single(_))
    }

    /// An interval with an open (`..`) or unknown (empty) end: its span is only the known end.
    pub fn is_open(&self) -> bool {
        matches!(self.shape, Shape::From(..) | Shape::Until(..))
    }

    /// Marked `~` or `%` (on either end of an interval).
    pub fn is_approximate(&self) -> bool {
        is_approximate(self.shape.certainty())
    }

    /// Marked `?` or `%` (on either end of an interval).
    pub fn is_uncertain(&self) -> bool {
        is_uncertain(self.shape.certainty())
    }
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.human())
    }
}

/// An interval with a `Y` year at either end, such as `Y-538800000/Y-251902000`.
///
/// EDTF allows such years, and deep-time chronologies (TimelineJS's cosmological scale) need them
/// as interval ends, but the edtf crate takes them only on their own; so each end is parsed alone.
fn long_year_interval(text: &str) -> Option<Shape> {
    let (start, end) = text.split_once('/')?;
    if !(start.starts_with('Y') || end.starts_with('Y')) {
        return None;
    }
    let single = |side: &str| match Shape::from_edtf(edtf::level_1::Edtf::parse(side).ok()?) {
        Shape::Single(point) => Some(point),
        _ => None,
    };
    Some(Shape::Interval(single(start)?, single(end)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> EventDate {
        EventDate::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn span(text: &str) -> (i64, i64) {
        let d = parse(text);
        (d.earliest, d.latest)
    }

    fn days(first: (i64, u32, u32), last: (i64, u32, u32)) -> (i64, i64) {
        (
            day_number(first.0, first.1, first.2),
            day_number(last.0, last.1, last.2),
        )
    }

    fn error(text: &str) -> String {
        match EventDate::parse(text) {
            Ok(d) => panic!("{text} parsed as {d:?}"),
            Err(e) => e.message,
        }
    }

    #[test]
    fn spans_of_single_dates() {
        assert_eq!(span("1992-04-05"), (8130, 8130));
        assert_eq!(span("1970-01-01"), (0, 0));
        assert_eq!(span("1992-04"), days((1992, 4, 1), (1992, 4, 30)));
        assert_eq!(span("2000-02"), days((2000, 2, 1), (2000, 2, 29)));
        assert_eq!(span("1900-02"), days((1900, 2, 1), (1900, 2, 28)));
        assert_eq!(span("1990"), days((1990, 1, 1), (1990, 12, 31)));
        assert_eq!(span("1991-XX"), span("1991"));
        assert_eq!(span("1991-XX-XX"), span("1991"));
        assert_eq!(span("1992-04-XX"), span("1992-04"));
        assert_eq!(span("197X"), days((1970, 1, 1), (1979, 12, 31)));
        assert_eq!(span("19XX"), days((1900, 1, 1), (1999, 12, 31)));
        assert_eq!(span("-0043"), days((-43, 1, 1), (-43, 12, 31)));
        assert_eq!(span("-197X"), days((-1979, 1, 1), (-1970, 12, 31)));
        assert_eq!(span("1992-04-05T10:30:00Z"), (8130, 8130));
    }

    #[test]
    fn spans_of_seasons() {
        assert_eq!(span("1990-21"), days((1990, 3, 1), (1990, 5, 31)));
        assert_eq!(span("1990-22"), days((1990, 6, 1), (1990, 8, 31)));
        assert_eq!(span("1990-23"), days((1990, 9, 1), (1990, 11, 30)));
        // Winter runs into next year's February, which is a leap February for 1999 → 2000.
        assert_eq!(span("1999-24"), days((1999, 12, 1), (2000, 2, 29)));
        assert_eq!(span("1990-24"), days((1990, 12, 1), (1991, 2, 28)));
    }

    #[test]
    fn certainty_does_not_change_the_span() {
        for mark in ["?", "~", "%"] {
            assert_eq!(span(&format!("1991{mark}")), span("1991"));
            assert_eq!(span(&format!("1992-04-05{mark}")), (8130, 8130));
        }
    }

    #[test]
    fn spans_of_intervals() {
        assert_eq!(span("1968/1975"), days((1968, 1, 1), (1975, 12, 31)));
        assert_eq!(span("1991-05/1992-06"), days((1991, 5, 1), (1992, 6, 30)));
        assert_eq!(span("1990/.."), span("1990"));
        assert_eq!(span("1990/"), span("1990"));
        assert_eq!(span("../1990-04"), span("1990-04"));
        assert_eq!(span("/1990-04"), span("1990-04"));
        // The end may be coarser than the start as long as it does not end first.
        assert_eq!(span("1990-05/1990"), days((1990, 5, 1), (1990, 12, 31)));
    }

    #[test]
    fn spans_of_y_years() {
        assert_eq!(
            span("Y-13800000000"),
            days((-13_800_000_000, 1, 1), (-13_800_000_000, 12, 31))
        );
        assert_eq!(span("Y12345"), days((12_345, 1, 1), (12_345, 12, 31)));
        let d = parse("Y-9223372036854775807");
        assert!(d.earliest <= d.latest);
        let d = parse("Y9223372036854775807");
        assert_eq!((d.earliest, d.latest), (i64::MAX, i64::MAX));
    }

    #[test]
    fn human_wording() {
        let cases = [
            ("1992-04-05", "5 April 1992"),
            ("1992-04", "April 1992"),
            ("1992", "1992"),
            ("197X", "1970s"),
            ("19XX", "1900s"),
            ("1990-21", "spring 1990"),
            ("1990-23", "autumn 1990"),
            ("1990-24", "winter 1990"),
            ("1991~", "c. 1991"),
            ("1985?", "1985?"),
            ("1991%", "c. 1991?"),
            ("1992-04-05~", "c. 5 April 1992"),
            ("1991-XX", "1991"),
            ("1991-XX-XX", "1991"),
            ("1992-04-XX", "April 1992"),
            ("1968/1975", "1968–1975"),
            ("1991-05/1992-06", "May 1991–June 1992"),
            ("1968~/1975?", "c. 1968–1975?"),
            ("1990/..", "from 1990"),
            ("1990/", "from 1990"),
            ("../1990", "until 1990"),
            ("/1990", "until 1990"),
            ("-0043-03-15", "15 March 44 BC"),
            ("0000", "1 BC"),
            ("0001", "1"),
            ("-197X", "1980–1971 BC"),
            ("Y-13800000000", "13,800,000,000 BC"),
            ("Y-538800000/Y-251902000", "538,800,000 BC–251,902,000 BC"),
            ("Y170000002", "170,000,002"),
            ("1992-04-05T23:59:30+04:30", "5 April 1992"),
        ];
        for (text, human) in cases {
            assert_eq!(parse(text).human(), human, "{text}");
            assert_eq!(parse(text).to_string(), human, "{text}");
        }
    }

    #[test]
    fn precision_phrases() {
        let cases = [
            ("1992-04-05", "exact day"),
            ("1992-04-05T10:00:00", "exact day"),
            ("1992-04", "month"),
            ("1992-04-XX", "month"),
            ("1992", "year"),
            ("1991-XX", "year"),
            ("Y-13800000000", "year"),
            ("197X", "decade"),
            ("19XX", "century"),
            ("1990-23", "season"),
            ("1968/1975", "interval"),
            ("1990/..", "open interval"),
            ("../1990", "open interval"),
            ("1990/", "interval with unknown end"),
            ("/1990", "interval with unknown start"),
            ("1991~", "year, approximate"),
            ("1985?", "year, uncertain"),
            ("1991-05%", "month, approximate and uncertain"),
            ("1968~/1975?", "interval, approximate and uncertain"),
            ("1990?/..", "open interval, uncertain"),
        ];
        for (text, phrase) in cases {
            assert_eq!(parse(text).precision(), phrase, "{text}");
        }
    }

    #[test]
    fn flags() {
        assert!(parse("1968/1975").is_interval());
        assert!(parse("1990/..").is_interval());
        assert!(!parse("197X").is_interval());
        assert!(parse("1991~").is_approximate() && !parse("1991~").is_uncertain());
        assert!(parse("1991?/1992").is_uncertain());
        assert!(parse("1991%").is_approximate() && parse("1991%").is_uncertain());
    }

    #[test]
    fn whitespace_around_is_ignored() {
        let d = parse("  1992-04-05\n");
        assert_eq!((d.text.as_str(), d.earliest), ("1992-04-05", 8130));
    }

    #[test]
    fn error_messages_say_what_is_wrong_and_what_edtf_expects() {
        let prose = error("April 1992");
        assert!(
            prose.starts_with("`April 1992` is not an EDTF date; write it as YYYY-MM-DD"),
            "{prose}"
        );
        assert!(prose.contains("1985? for uncertain") && prose.contains("1968/1975"));

        // A `Y` year in the right form but past 64 bits is told so, not sent back to the form.
        let far = error("Y-99999999999999999999");
        assert!(
            far.starts_with("`Y-99999999999999999999` names a year beyond what quipu can count"),
            "{far}"
        );
        assert!(
            !far.contains("write it as") && !far.contains("count ("),
            "{far}"
        );
        assert!(error("Y-99999999999999999999/1990").contains("beyond what quipu can count"));
        assert!(EventDate::parse("Y-9223372036854775807").is_ok());

        assert!(error("").starts_with("the date is empty; write it as"));
        assert!(error("   ").starts_with("the date is empty"));

        let month = error("1992-13");
        assert!(
            month.starts_with("`1992-13` has month 13, which does not exist"),
            "{month}"
        );
        assert!(error("1992-00-01").contains("has month 00"));
        assert!(error("1990/1992-13-01").contains("has month 13"));

        let day = error("1992-04-31");
        assert!(
            day.starts_with(
                "`1992-04-31` has day 31, which does not exist: April 1992 has days 01–30"
            ),
            "{day}"
        );
        assert!(error("1900-02-29").contains("February 1900 has days 01–28"));
        assert!(error("-0043-02-30").contains("February 44 BC has days 01–28"));
        assert!(error("1990-23-01").contains("a season (21–24) has no days"));
        // edtf accepts an unspecified day of a season as a day of month 21–24: refused here.
        assert!(error("1990-21-XX").contains("a season (21–24) has no days"));
        assert!(error("1989/1990-24-XX").contains("a season (21–24) has no days"));
        assert!(error("197x").contains("lowercase x"));

        let backwards = error("1975/1968");
        assert!(
            backwards.starts_with("`1975/1968` ends before it starts (1968 is before 1975)"),
            "{backwards}"
        );
        assert!(error("1992-04-05/1992-04-04").contains("ends before it starts"));

        let long = "1".repeat(200);
        let message = error(&long);
        assert!(message.contains("too long") && message.contains('…') && message.len() < 700);
        assert!(error("1992\u{1b}[31m").contains("\\u{1b}"));
    }

    #[test]
    fn leap_days_are_accepted_where_they_exist() {
        assert_eq!(span("2000-02-29").0, day_number(2000, 3, 1) - 1);
        assert!(EventDate::parse("1900-02-29").is_err());
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        fn check(text: &str) -> Result<(), TestCaseError> {
            if let Ok(d) = EventDate::parse(text) {
                prop_assert!(d.earliest <= d.latest, "{text}: {d:?}");
                prop_assert!(!d.human().is_empty());
                prop_assert!(!d.precision().is_empty());
            }
            Ok(())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            #[test]
            fn any_string_is_handled(text in ".*") {
                check(&text)?;
            }

            #[test]
            fn edtf_alphabet_is_handled(text in "[0-9X?~%/.\\-Y]{0,20}") {
                check(&text)?;
            }

            #[test]
            fn date_time_alphabet_is_handled(text in "[0-9X?~%/.\\-YTZ:+]{0,30}") {
                check(&text)?;
            }

            #[test]
            fn date_shaped_strings_are_handled(
                text in "-?[0-9]{4}(-[0-9X]{2}(-[0-9X]{2})?)?[?~%]?(/(\\.\\.)?(-?[0-9]{4}(-[0-9X]{2}(-[0-9X]{2})?)?[?~%]?)?)?"
            ) {
                check(&text)?;
            }

            #[test]
            fn valid_days_span_themselves(year in 0i64..=9999, month in 1u32..=12, day in 1u32..=31) {
                let day = day.min(calendar::days_in_month(year, month));
                let text = format!("{year:04}-{month:02}-{day:02}");
                let d = EventDate::parse(&text).map_err(|e| TestCaseError::fail(e.message))?;
                let n = day_number(year, month, day);
                prop_assert_eq!((d.earliest, d.latest), (n, n));
                prop_assert_eq!(civil_from_days(n), (year, month, day));
            }
        }
    }
}
