//! What a parsed EDTF date says, kept in our own terms so spans and wording never go through edtf's
//! iterators (they hit `todo!()` on seasons) or chrono (which cannot hold `Y` years).

use edtf::level_1::{Certainty, Date, Edtf, Precision, Season, Terminal};

use super::calendar::{day_number, days_in_month, years_span};

/// How much of a single date is known. Years are astronomical (0 = 1 BC) and i64 so `Y` years fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Day(i64, u32, u32),
    Month(i64, u32),
    Season(i64, Season),
    Year(i64),
    /// First year of the decade as written: `197X` is 1970, `-197X` is -1970.
    Decade(i64),
    /// First year of the century as written: `19XX` is 1900.
    Century(i64),
}

/// One end of a date: what is known and how sure the writer was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub granularity: Granularity,
    pub certainty: Certainty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Single(Point),
    Interval(Point, Point),
    From(Point, Terminal),
    Until(Terminal, Point),
}

impl Point {
    fn certain(granularity: Granularity) -> Point {
        Point {
            granularity,
            certainty: Certainty::Certain,
        }
    }

    fn from_date(date: Date) -> Point {
        let (precision, certainty) = date.precision_certainty();
        let granularity = match precision {
            Precision::Century(y) => Granularity::Century(y.into()),
            Precision::Decade(y) => Granularity::Decade(y.into()),
            // An unspecified month or day inside a known year or month says no more than the year
            // or month itself, so it spans and reads the same.
            Precision::Year(y) | Precision::MonthOfYear(y) | Precision::DayOfYear(y) => {
                Granularity::Year(y.into())
            }
            Precision::Season(y, s) => Granularity::Season(y.into(), s),
            Precision::Month(y, m) | Precision::DayOfMonth(y, m) => Granularity::Month(y.into(), m),
            Precision::Day(y, m, d) => Granularity::Day(y.into(), m, d),
        };
        Point {
            granularity,
            certainty,
        }
    }

    /// First and last day the point can mean; certainty does not widen it.
    pub fn span(&self) -> (i64, i64) {
        match self.granularity {
            Granularity::Day(y, m, d) => {
                let day = day_number(y, m, d);
                (day, day)
            }
            Granularity::Month(y, m) => (
                day_number(y, m, 1),
                day_number(y, m, days_in_month(y, m).max(1)),
            ),
            Granularity::Season(y, season) => season_span(y, season),
            Granularity::Year(y) => years_span(y, y),
            Granularity::Decade(y) => counted_years_span(y, 9),
            Granularity::Century(y) => counted_years_span(y, 99),
        }
    }
}

/// Spring, summer and autumn are the meteorological seasons of the northern hemisphere; winter
/// starts in December of the year written and runs into the next year's February.
pub fn season_span(year: i64, season: Season) -> (i64, i64) {
    match season {
        Season::Spring => (day_number(year, 3, 1), day_number(year, 5, 31)),
        Season::Summer => (day_number(year, 6, 1), day_number(year, 8, 31)),
        Season::Autumn => (day_number(year, 9, 1), day_number(year, 11, 30)),
        Season::Winter => (
            day_number(year, 12, 1),
            day_number(year.saturating_add(1), 3, 1).saturating_sub(1),
        ),
    }
}

/// Years `year..=year+extra`; for negative years the masked digits count away from zero, so
/// `-197X` covers -1979..=-1970.
pub fn counted_years(year: i64, extra: i64) -> (i64, i64) {
    if year >= 0 {
        (year, year.saturating_add(extra))
    } else {
        (year.saturating_sub(extra), year)
    }
}

fn counted_years_span(year: i64, extra: i64) -> (i64, i64) {
    let (first, last) = counted_years(year, extra);
    years_span(first, last)
}

impl Shape {
    pub fn from_edtf(edtf: Edtf) -> Shape {
        match edtf {
            Edtf::Date(d) => Shape::Single(Point::from_date(d)),
            Edtf::DateTime(dt) => {
                let d = dt.date();
                Shape::Single(Point::certain(Granularity::Day(
                    d.year().into(),
                    d.month(),
                    d.day(),
                )))
            }
            Edtf::YYear(y) => Shape::Single(Point::certain(Granularity::Year(y.value()))),
            Edtf::Interval(a, b) => Shape::Interval(Point::from_date(a), Point::from_date(b)),
            Edtf::IntervalFrom(a, t) => Shape::From(Point::from_date(a), t),
            Edtf::IntervalTo(t, b) => Shape::Until(t, Point::from_date(b)),
        }
    }

    /// Earliest and latest day; an open or unknown end takes the known side's bound.
    pub fn span(&self) -> (i64, i64) {
        match self {
            Shape::Single(p) | Shape::From(p, _) | Shape::Until(_, p) => p.span(),
            Shape::Interval(a, b) => (a.span().0, b.span().1),
        }
    }

    /// The certainty of the whole date: an interval is as unsure as its least sure end.
    pub fn certainty(&self) -> Certainty {
        match self {
            Shape::Single(p) | Shape::From(p, _) | Shape::Until(_, p) => p.certainty,
            Shape::Interval(a, b) => combine(a.certainty, b.certainty),
        }
    }
}

pub fn is_approximate(c: Certainty) -> bool {
    matches!(c, Certainty::Approximate | Certainty::ApproximateUncertain)
}

pub fn is_uncertain(c: Certainty) -> bool {
    matches!(c, Certainty::Uncertain | Certainty::ApproximateUncertain)
}

fn combine(a: Certainty, b: Certainty) -> Certainty {
    match (
        is_approximate(a) || is_approximate(b),
        is_uncertain(a) || is_uncertain(b),
    ) {
        (true, true) => Certainty::ApproximateUncertain,
        (true, false) => Certainty::Approximate,
        (false, true) => Certainty::Uncertain,
        (false, false) => Certainty::Certain,
    }
}
