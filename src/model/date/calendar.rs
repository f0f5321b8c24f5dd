//! Day arithmetic for the proleptic Gregorian calendar with astronomical years (year 0 = 1 BC).
//!
//! chrono stops near ±262,000 years, but EDTF `Y` years reach billions, so this is Howard Hinnant's
//! days-from-civil algorithm done in i128 and clamped back to i64: nothing overflows or panics, and
//! every date whose day number fits in an i64 round-trips exactly.

/// Days since 1970-01-01 of a proleptic Gregorian date; valid for any i64 year that fits.
///
/// Month 1–12 and a day valid for that month are expected; other values give some nearby day but
/// never panic. Results beyond the i64 range saturate.
pub fn day_number(year: i64, month: u32, day: u32) -> i64 {
    let (m, d) = (i128::from(month), i128::from(day));
    let y = i128::from(year) - i128::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let shifted_month = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * shifted_month + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    clamp(era * 146_097 + doe - 719_468)
}

/// The (year, month, day) of a day number; the inverse of [`day_number`].
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = i128::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i128::from(month <= 2);
    // month is 1..=12 and day 1..=31 by construction; the year of an i64 day always fits in i64.
    (
        clamp(year),
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

/// The astronomical year a day number falls in, for axis labels and "jump to year".
pub fn year_of(days: i64) -> i64 {
    civil_from_days(days).0
}

pub fn is_leap_year(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// Length of a month (1–12) in a given year; 0 for a month that does not exist.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// First day of `first_year` to last day of `last_year`.
pub fn years_span(first_year: i64, last_year: i64) -> (i64, i64) {
    (day_number(first_year, 1, 1), day_number(last_year, 12, 31))
}

fn clamp(value: i128) -> i64 {
    i64::try_from(value).unwrap_or(if value < 0 { i64::MIN } else { i64::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(day_number(1992, 4, 5), 8130);
        assert_eq!(day_number(1969, 12, 31), -1);
        assert_eq!(day_number(2000, 1, 1), 10_957);
        // 0000-03-01 is the epoch of Hinnant's eras: 719,468 days before 1970.
        assert_eq!(day_number(0, 3, 1), -719_468);
    }

    #[test]
    fn leap_rules() {
        // 2000 is divisible by 400, so February has 29 days and March 1 is two days after Feb 28.
        assert_eq!(day_number(2000, 3, 1) - day_number(2000, 2, 28), 2);
        assert_eq!(days_in_month(2000, 2), 29);
        // 1900 is divisible by 100 but not 400: not leap.
        assert_eq!(day_number(1900, 3, 1) - day_number(1900, 2, 28), 1);
        assert_eq!(days_in_month(1900, 2), 28);
        assert!(is_leap_year(0));
        assert!(is_leap_year(-4));
        assert!(!is_leap_year(-1));
        assert!(!is_leap_year(-100));
        assert_eq!(days_in_month(1991, 13), 0);
    }

    #[test]
    fn round_trips_negative_and_huge_years() {
        for (y, m, d) in [
            (-43, 3, 15),
            (0, 2, 29),
            (-1, 12, 31),
            (1, 1, 1),
            (-13_800_000_000, 1, 1),
            (13_800_000_000, 12, 31),
            (10_000_000_000_000_000, 6, 30),
        ] {
            assert_eq!(
                civil_from_days(day_number(y, m, d)),
                (y, m, d),
                "{y}-{m}-{d}"
            );
        }
        assert_eq!(year_of(day_number(-13_800_000_000, 7, 1)), -13_800_000_000);
    }

    #[test]
    fn extremes_saturate_instead_of_overflowing() {
        assert_eq!(day_number(i64::MAX, 12, 31), i64::MAX);
        assert_eq!(day_number(i64::MIN, 1, 1), i64::MIN);
        // Nonsense months and days must not panic either (the result is unspecified).
        for (m, d) in [(0, 0), (13, 40), (u32::MAX, u32::MAX)] {
            let _ = day_number(i64::MAX, m, d);
            let _ = day_number(i64::MIN, m, d);
        }
        let (y, m, d) = civil_from_days(i64::MIN);
        assert!(y < -25_000_000_000_000_000 && (1..=12).contains(&m) && (1..=31).contains(&d));
        let (y, m, d) = civil_from_days(i64::MAX);
        assert!(y > 25_000_000_000_000_000 && (1..=12).contains(&m) && (1..=31).contains(&d));
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn civil_round_trip(
                year in -10_000_000_000_000_000i64..10_000_000_000_000_000,
                month in 1u32..=12,
                day in 1u32..=31,
            ) {
                let day = day.min(days_in_month(year, month));
                prop_assert_eq!(civil_from_days(day_number(year, month, day)), (year, month, day));
            }

            #[test]
            fn consecutive_days_are_consecutive(days in -4_000_000_000i64..4_000_000_000) {
                let (y, m, d) = civil_from_days(days);
                prop_assert_eq!(day_number(y, m, d), days);
                let (y2, m2, d2) = civil_from_days(days + 1);
                let next = if d < days_in_month(y, m) {
                    (y, m, d + 1)
                } else if m < 12 {
                    (y, m + 1, 1)
                } else {
                    (y + 1, 1, 1)
                };
                prop_assert_eq!((y2, m2, d2), next);
            }
        }
    }
}
