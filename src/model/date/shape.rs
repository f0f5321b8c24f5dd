//! What a parsed EDTF date says, kept in our own terms so spans and wording never go through edtf's
//! iterators (they hit `todo!()` on seasons) or chrono (which cannot hold `Y` years).

use edtf::level_1::{Certainty, Date, Edtf, Precision, Season, Terminal};

use super::calendar::{day_number, days_in_month, years_span};

/// How much of a single date is known. Years are astronomical (0 = 1 BC) and i64 so `Y` years fit.
/// Months and days are bytes: every event holds up to two of these, and with `u32`s a date took
/// 16 bytes more (see docs/PERFORMANCE.md, "Smaller events").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Day(i64, u8, u8),
    Month(i64, u8),
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

/// A month or a day as stored; the parsers only give 1–31, so nothing is ever cut.
fn byte(n: u32) -> u8 {
    u8::try_from(n).unwrap_or(u8::MAX)
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
            Precision::Month(y, m) | Precision::DayOfMonth(y, m) => {
                Granularity::Month(y.into(), byte(m))
            }
            Precision::Day(y, m, d) => Granularity::Day(y.into(), byte(m), byte(d)),
        };
        Point {
            granularity,
            certainty,
        }
    }

    /// A month the calendar lacks, as edtf gives for an unspecified day of a season.
    pub fn month_out_of_range(&self) -> bool {
        matches!(self.granularity, Granularity::Month(_, m) | Granularity::Day(_, m, _) if !(1..=12).contains(&m))
    }

    /// First and last day the point can mean; certainty does not widen it.
    pub fn span(&self) -> (i64, i64) {
        match self.granularity {
            Granularity::Day(y, m, d) => {
                let day = day_number(y, m.into(), d.into());
                (day, day)
            }
            Granularity::Month(y, m) => {
                let m = u32::from(m);
                (
                    day_number(y, m, 1),
                    day_number(y, m, days_in_month(y, m).max(1)),
                )
            }
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
    /// The shape of a plain, certain `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and
    /// day, read without the EDTF parser; `None` for anything else, which the parser then reads
    /// (and explains, when it is wrong). Most dates in a file are of these forms, and at a
    /// million events the parser was a tenth of validation. Held to the parser by a proptest.
    pub fn plain(text: &str) -> Option<Shape> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            bytes.get(range)?.iter().try_fold(0u32, |n, &b| {
                b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
            })
        };
        let dash = |at: usize| bytes.get(at) == Some(&b'-');
        let year = i64::from(digits(0..4)?);
        let granularity = match bytes.len() {
            4 => Granularity::Year(year),
            7 if dash(4) => {
                let month = digits(5..7)?;
                (1..=12).contains(&month).then_some(())?;
                Granularity::Month(year, byte(month))
            }
            10 if dash(4) && dash(7) => {
                let (month, day) = (digits(5..7)?, digits(8..10)?);
                (1..=days_in_month(year, month))
                    .contains(&day)
                    .then_some(())?;
                Granularity::Day(year, byte(month), byte(day))
            }
            _ => return None,
        };
        Some(Shape::Single(Point::certain(granularity)))
    }

    pub fn from_edtf(edtf: Edtf) -> Shape {
        match edtf {
            Edtf::Date(d) => Shape::Single(Point::from_date(d)),
            Edtf::DateTime(dt) => {
                let d = dt.date();
                Shape::Single(Point::certain(Granularity::Day(
                    d.year().into(),
                    byte(d.month()),
                    byte(d.day()),
                )))
            }
            Edtf::YYear(y) => Shape::Single(Point::certain(Granularity::Year(y.value()))),
            Edtf::Interval(a, b) => Shape::Interval(Point::from_date(a), Point::from_date(b)),
            Edtf::IntervalFrom(a, t) => Shape::From(Point::from_date(a), t),
            Edtf::IntervalTo(t, b) => Shape::Until(t, Point::from_date(b)),
        }
    }

    /// The dates it names: one, or an interval's known ends.
    pub fn points(&self) -> impl Iterator<Item = &Point> {
        let (a, b) = match self {
            Shape::Single(p) | Shape::From(p, _) | Shape::Until(_, p) => (p, None),
            Shape::Interval(a, b) => (a, Some(b)),
        };
        std::iter::once(a).chain(b)
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the EDTF parser makes of `text`, as [`Shape::plain`] must.
    fn parsed(text: &str) -> Option<Shape> {
        Edtf::parse(text).ok().map(Shape::from_edtf)
    }

    #[test]
    fn plain_dates_read_as_the_parser_reads_them() {
        for text in [
            "1992",
            "0000",
            "1992-04",
            "1992-04-05",
            "2000-02-29",
            "1900-12-31",
        ] {
            assert_eq!(Shape::plain(text), parsed(text), "{text}");
            assert!(Shape::plain(text).is_some(), "{text}");
        }
    }

    #[test]
    fn anything_else_is_left_to_the_parser() {
        for text in [
            "1900-02-29",
            "1992-13",
            "1992-00",
            "1992-21",
            "1992-04-31",
            "1992-04-00",
            "199",
            "19922",
            "1992-4",
            "1992-04-5",
            "1992~",
            "1992-04-05/..",
            "197X",
            "-1992",
            "1992/1993",
            "1992-04-05T10:00:00",
            "Y12345",
            "１９９２",
        ] {
            assert_eq!(Shape::plain(text), None, "{text}");
        }
    }

    proptest! {
        /// Digits and dashes in every arrangement of the plain forms' lengths: where the fast
        /// reading answers, it answers as the parser does, and it answers for every plain date
        /// the parser reads as certain.
        #[test]
        fn plain_agrees_with_the_parser(text in "[0-9]{4}(-[0-3][0-9](-[0-3][0-9])?)?|[0-9-]{4,10}") {
            let fast = Shape::plain(&text);
            if fast.is_some() {
                prop_assert_eq!(fast, parsed(&text));
            }
            let plain_form = text.len() == 4 || (text.len() == 7 && &text[4..5] == "-")
                || (text.len() == 10 && &text[4..5] == "-" && &text[7..8] == "-");
            if let Some(Shape::Single(point)) = parsed(&text) {
                let season = matches!(point.granularity, Granularity::Season(..));
                if plain_form && !season && text.bytes().filter(|&b| b == b'-').count() == (text.len() - 4) / 3 {
                    prop_assert!(fast.is_some(), "{} parsed as {:?}", text, point);
                }
            }
        }
    }
}
