//! Dates in the words a reader expects: "5 April 1992", "c. 1991", "autumn 1990", "44 BC".

use edtf::level_1::{Season, Terminal};

use super::shape::{Granularity, Point, Shape, counted_years, is_approximate, is_uncertain};

/// English month names, January first; also used by the generator's display dates.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Three-letter month names, January first: the time axis's labels and the narrow date column's.
pub const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// How much of a date a column too narrow for [`human`] keeps, each shorter than the last: a
/// reader scanning a narrow list wants the year before anything is cut, never "26 Ma…".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Brevity {
    /// Months abbreviated: "26 Mar 1991", "from Mar 1991", "c. Sep 1990".
    Months,
    /// Years only, certainty marked tightly: "1991", "c.1991", "1975–1990", "1991–", "–1992".
    Years,
    /// Years only, unmarked.
    Bare,
    /// An interval by its first year, open behind: "1968–"; an interval until a date, "–1992".
    Begun,
    /// One year, an interval's first (or the only one it names): the last form before cutting.
    Year,
}

pub fn brief(shape: &Shape, brevity: Brevity) -> String {
    // Points stop shrinking at bare years; the last two forms drop an interval's ends instead.
    let point = |p: &Point| brief_point(p, brevity.min(Brevity::Bare));
    match (shape, brevity) {
        (Shape::Single(p), _) => point(p),
        (Shape::Interval(a, _) | Shape::From(a, _), Brevity::Year) => point(a),
        (Shape::Until(_, b), Brevity::Year) => point(b),
        (Shape::Interval(a, b), _) => {
            let (a, b) = (point(a), point(b));
            if brevity > Brevity::Months && a == b {
                a
            } else if brevity == Brevity::Begun {
                format!("{a}–")
            } else {
                format!("{a}–{b}")
            }
        }
        (Shape::From(a, _), Brevity::Months) => format!("from {}", point(a)),
        (Shape::Until(_, b), Brevity::Months) => format!("until {}", point(b)),
        (Shape::From(a, _), _) => format!("{}–", point(a)),
        (Shape::Until(_, b), _) => format!("–{}", point(b)),
    }
}

fn brief_point(p: &Point, brevity: Brevity) -> String {
    let body = match (p.granularity, brevity) {
        (Granularity::Day(y, m, d), Brevity::Months) => {
            format!("{d} {} {}", short_month_name(m.into()), year(y))
        }
        (Granularity::Month(y, m), Brevity::Months) => {
            format!("{} {}", short_month_name(m.into()), year(y))
        }
        (Granularity::Season(..), Brevity::Months) => granularity(p.granularity),
        (
            Granularity::Day(y, ..)
            | Granularity::Month(y, _)
            | Granularity::Season(y, _)
            | Granularity::Year(y),
            _,
        ) => year(y),
        (g @ (Granularity::Decade(_) | Granularity::Century(_)), _) => granularity(g),
    };
    let (approximate, uncertain) = match brevity {
        Brevity::Months | Brevity::Years => {
            (is_approximate(p.certainty), is_uncertain(p.certainty))
        }
        _ => (false, false),
    };
    let prefix = match (approximate, brevity) {
        (false, _) => "",
        (true, Brevity::Months) => "c. ",
        (true, _) => "c.",
    };
    let suffix = if uncertain { "?" } else { "" };
    format!("{prefix}{body}{suffix}")
}

pub fn human(shape: &Shape) -> String {
    match shape {
        Shape::Single(p) => point(p),
        Shape::Interval(a, b) => format!("{}–{}", point(a), point(b)),
        Shape::From(a, _) => format!("from {}", point(a)),
        Shape::Until(_, b) => format!("until {}", point(b)),
    }
}

pub fn precision(shape: &Shape) -> String {
    let what = match shape {
        Shape::Single(p) => granularity_name(p.granularity),
        Shape::Interval(..) => "interval",
        Shape::From(_, Terminal::Open) | Shape::Until(Terminal::Open, _) => "open interval",
        Shape::From(_, Terminal::Unknown) => "interval with unknown end",
        Shape::Until(Terminal::Unknown, _) => "interval with unknown start",
    };
    let certainty = shape.certainty();
    let how = match (is_approximate(certainty), is_uncertain(certainty)) {
        (true, true) => ", approximate and uncertain",
        (true, false) => ", approximate",
        (false, true) => ", uncertain",
        (false, false) => "",
    };
    format!("{what}{how}")
}

fn granularity_name(g: Granularity) -> &'static str {
    match g {
        Granularity::Day(..) => "exact day",
        Granularity::Month(..) => "month",
        Granularity::Season(..) => "season",
        Granularity::Year(_) => "year",
        Granularity::Decade(_) => "decade",
        Granularity::Century(_) => "century",
    }
}

/// "c." in front for approximate, "?" behind for uncertain, around the whole point.
fn point(p: &Point) -> String {
    let body = granularity(p.granularity);
    let prefix = if is_approximate(p.certainty) {
        "c. "
    } else {
        ""
    };
    let suffix = if is_uncertain(p.certainty) { "?" } else { "" };
    format!("{prefix}{body}{suffix}")
}

fn granularity(g: Granularity) -> String {
    match g {
        Granularity::Day(y, m, d) => format!("{d} {} {}", month_name(m.into()), year(y)),
        Granularity::Month(y, m) => format!("{} {}", month_name(m.into()), year(y)),
        Granularity::Season(y, s) => format!("{} {}", season_name(s), year(y)),
        Granularity::Year(y) => year(y),
        Granularity::Decade(y) => plural_years(y, 9),
        Granularity::Century(y) => plural_years(y, 99),
    }
}

/// "1970s" when the decade or century lies in the common era; before it, "1970s BC" would be
/// ambiguous about direction, so the years are spelled out as a range.
fn plural_years(first: i64, extra: i64) -> String {
    if first >= 1 {
        return format!("{}s", year(first));
    }
    let (from, to) = counted_years(first, extra);
    if to <= 0 {
        format!("{}–{} BC", bc_number(from), bc_number(to))
    } else {
        format!("{} BC–AD {}", bc_number(from), grouped(to.unsigned_abs()))
    }
}

pub fn month_name(m: u32) -> &'static str {
    nth_month(&MONTHS, m)
}

pub fn short_month_name(m: u32) -> &'static str {
    nth_month(&MONTHS_SHORT, m)
}

/// Month `m` (1–12) of `names`, "?" for anything else, so a bad byte never panics a frame.
fn nth_month(names: &'static [&'static str; 12], m: u32) -> &'static str {
    usize::try_from(m)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|i| names.get(i))
        .copied()
        .unwrap_or("?")
}

fn season_name(s: Season) -> &'static str {
    match s {
        Season::Spring => "spring",
        Season::Summer => "summer",
        Season::Autumn => "autumn",
        Season::Winter => "winter",
    }
}

/// Astronomical year to the historian's: 1992 → "1992", -43 → "44 BC", 0 → "1 BC"; years of five
/// digits or more get thousands separators.
pub fn year(y: i64) -> String {
    if y >= 1 {
        grouped(y.unsigned_abs())
    } else {
        format!("{} BC", bc_number(y))
    }
}

/// The BC number of a non-positive astronomical year, grouped; u64 so -i64::MAX + 1 cannot overflow.
///
/// Year 0 is 1 BC, so historical years shift by one. Deep-time years (`Y-13800000000`, five digits
/// or more) are round figures of geology and cosmology, where "13,800,000,001 BC" would read as a
/// bug: those are shown as written.
fn bc_number(y: i64) -> String {
    let magnitude = y.unsigned_abs();
    if magnitude >= 10_000 {
        grouped(magnitude)
    } else {
        grouped(magnitude + 1)
    }
}

fn grouped(n: u64) -> String {
    let digits = n.to_string();
    if digits.len() <= 4 {
        return digits;
    }
    crate::model::diagnostic::group_digits(&digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_read_as_historians_write_them() {
        assert_eq!(year(1992), "1992");
        assert_eq!(year(1), "1");
        assert_eq!(year(0), "1 BC");
        assert_eq!(year(-43), "44 BC");
        assert_eq!(year(12_345), "12,345");
        assert_eq!(year(-13_800_000_000), "13,800,000,000 BC");
        assert_eq!(year(-9_999), "10,000 BC");
        assert_eq!(year(-10_000), "10,000 BC");
        assert_eq!(year(i64::MAX), "9,223,372,036,854,775,807");
        assert_eq!(year(-i64::MAX), "9,223,372,036,854,775,807 BC");
        assert_eq!(year(i64::MIN), "9,223,372,036,854,775,808 BC");
    }

    #[test]
    fn decades_and_centuries_before_the_era_are_spelled_out() {
        assert_eq!(plural_years(1970, 9), "1970s");
        assert_eq!(plural_years(-1970, 9), "1980–1971 BC");
        assert_eq!(plural_years(0, 9), "1 BC–AD 9");
        assert_eq!(plural_years(-1900, 99), "2000–1901 BC");
    }

    /// Each brevity of the dates a chronology writes, parsed as a file gives them.
    fn briefs(text: &str) -> [String; 6] {
        let date = crate::model::date::EventDate::parse(text).expect(text);
        [
            date.human(),
            date.brief(Brevity::Months),
            date.brief(Brevity::Years),
            date.brief(Brevity::Bare),
            date.brief(Brevity::Begun),
            date.brief(Brevity::Year),
        ]
    }

    #[test]
    fn brief_dates_keep_the_year_and_shorten_the_rest() {
        let cases: [(&str, [&str; 6]); 9] = [
            (
                "1991-03-26",
                [
                    "26 March 1991",
                    "26 Mar 1991",
                    "1991",
                    "1991",
                    "1991",
                    "1991",
                ],
            ),
            (
                "1990-09",
                ["September 1990", "Sep 1990", "1990", "1990", "1990", "1990"],
            ),
            (
                "1990-23",
                ["autumn 1990", "autumn 1990", "1990", "1990", "1990", "1990"],
            ),
            (
                "1991~",
                ["c. 1991", "c. 1991", "c.1991", "1991", "1991", "1991"],
            ),
            ("1985?", ["1985?", "1985?", "1985?", "1985", "1985", "1985"]),
            (
                "197X",
                ["1970s", "1970s", "1970s", "1970s", "1970s", "1970s"],
            ),
            (
                "1975/1990-12",
                [
                    "1975–December 1990",
                    "1975–Dec 1990",
                    "1975–1990",
                    "1975–1990",
                    "1975–",
                    "1975",
                ],
            ),
            (
                "1991-03/1991-06",
                [
                    "March 1991–June 1991",
                    "Mar 1991–Jun 1991",
                    "1991",
                    "1991",
                    "1991",
                    "1991",
                ],
            ),
            (
                "-0043-03-15",
                [
                    "15 March 44 BC",
                    "15 Mar 44 BC",
                    "44 BC",
                    "44 BC",
                    "44 BC",
                    "44 BC",
                ],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(briefs(text), want.map(String::from), "{text}");
        }
        assert_eq!(briefs("1991-05/..")[2], "1991–");
        assert_eq!(briefs("../1992-04-04")[1], "until 4 Apr 1992");
        assert_eq!(briefs("../1992-04-04")[2], "–1992");
        assert_eq!(briefs("../1992-04-04")[4], "–1992");
        assert_eq!(briefs("../1992-04-04")[5], "1992");
    }

    #[test]
    fn brief_forms_are_never_longer_than_the_one_before() {
        for text in [
            "2001-12-31",
            "1990-09~",
            "1970-01/1999-12",
            "1991-03/1991-06",
            "1991-05/..",
            "../1992-04-04",
            "19XX",
            "2020-21?",
            "0000",
        ] {
            let forms = briefs(text);
            for pair in forms.windows(2) {
                assert!(
                    pair[1].chars().count() <= pair[0].chars().count(),
                    "{text}: {pair:?}"
                );
            }
        }
    }

    mod props {
        use super::briefs;
        use crate::model::date::EventDate;
        use crate::model::date::calendar::year_of;
        use proptest::prelude::*;

        proptest! {
            /// Over any date quipu accepts: each form is a non-empty, one-line text no longer than
            /// the one before, and the last (what a column of five shows) names a year the date
            /// can fall in, so shortening never moves an event in time.
            #[test]
            fn brief_forms_shrink_and_keep_a_year_of_the_date(
                text in "(-?[0-9]{3}[0-9X](-(0[1-9]|1[0-2]|2[1-4]|XX)(-(0[1-9]|1[0-9]|2[0-8]|XX))?)?[?~%]?)(/(-?[0-9]{3}[0-9X](-(0[1-9]|1[0-2]|2[1-4]|XX)(-(0[1-9]|1[0-9]|2[0-8]|XX))?)?[?~%]?|\\.\\.))?|\\.\\./(-?[0-9]{3}[0-9X](-(0[1-9]|1[0-2]|2[1-4]|XX)(-(0[1-9]|1[0-9]|2[0-8]|XX))?)?[?~%]?)|[0-9]{2}XX|Y-?[1-9][0-9]{4,9}"
            ) {
                let Ok(date) = EventDate::parse(&text) else { return Ok(()) };
                let forms = briefs(&text);
                for pair in forms.windows(2) {
                    prop_assert!(pair[1].chars().count() <= pair[0].chars().count(), "{text}: {pair:?}");
                }
                for form in &forms {
                    prop_assert!(!form.is_empty() && !form.contains(char::is_control), "{text}: {form:?}");
                }
                let year = &forms[5];
                let digits: String = year
                    .trim_start_matches('-')
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == ',')
                    .filter(char::is_ascii_digit)
                    .collect();
                let n: i64 = digits
                    .parse()
                    .map_err(|_| TestCaseError::fail(format!("{text}: no year in {year:?}")))?;
                // Deep-time years (five digits and more) are written unshifted (see `bc_number`),
                // so "10,000 BC" is -9,999 or -10,000.
                let (low, high) = match (year.ends_with(" BC"), year.starts_with('-')) {
                    (true, _) if n >= 10_000 => (-n, 1 - n),
                    (true, _) => (1 - n, 1 - n),
                    (false, true) => (-n, -n),
                    (false, false) => (n, n),
                };
                prop_assert!(
                    year_of(date.earliest) <= high && low <= year_of(date.latest),
                    "{text}: {year:?} outside {}..={}",
                    year_of(date.earliest),
                    year_of(date.latest)
                );
            }
        }
    }

    #[test]
    fn out_of_range_month_does_not_panic() {
        assert_eq!(month_name(0), "?");
        assert_eq!(month_name(13), "?");
        assert_eq!(month_name(12), "December");
        assert_eq!(short_month_name(0), "?");
        assert_eq!(short_month_name(12), "Dec");
    }
}
