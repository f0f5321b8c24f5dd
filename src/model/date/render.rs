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
    usize::try_from(m)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|i| MONTHS.get(i))
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

    #[test]
    fn out_of_range_month_does_not_panic() {
        assert_eq!(month_name(0), "?");
        assert_eq!(month_name(13), "?");
        assert_eq!(month_name(12), "December");
    }
}
