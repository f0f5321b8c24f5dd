//! Dates as EDTF strings (levels 0 and 1) turned into a span of days people can sort and read.
//!
//! STUB: interface only; the implementation is being written.

use std::fmt;

/// A parsed EDTF date: the text as written, and the earliest and latest day it can mean.
///
/// Days are counted from 1970-01-01 in the proleptic Gregorian calendar, so sorting, the time axis
/// and "jump to date" are integer comparisons. Open or unknown interval ends take the other end's
/// bound, so every date has a finite span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDate {
    pub text: String,
    pub earliest: i64,
    pub latest: i64,
}

/// Why a date string is not EDTF we accept; the message says what EDTF expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl EventDate {
    pub fn parse(text: &str) -> Result<EventDate, DateError> {
        let _ = text;
        todo!()
    }

    /// The date as a person writes it: "5 April 1992", "May 1991", "1970s", "c. 1991", "1985?",
    /// "1968–1975", "autumn 1990".
    pub fn human(&self) -> String {
        todo!()
    }

    /// How precise and how certain the date is, e.g. "day", "month, approximate".
    pub fn precision(&self) -> String {
        todo!()
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date; valid for any i64 year that fits.
pub fn day_number(year: i64, month: u32, day: u32) -> i64 {
    let _ = (year, month, day);
    todo!()
}

/// The (year, month, day) of a day number; the inverse of [`day_number`].
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let _ = days;
    todo!()
}
