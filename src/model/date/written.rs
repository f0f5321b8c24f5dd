//! Dates as people type them ("5 April 1992", "spring 1991", "the 1990s", "today") as well as
//! EDTF, read into the span of days they can mean.
//!
//! The jump-to-date prompt uses it, and the query language's `date:` terms are meant to, so a
//! reader can type back any date quipu shows. Day-month-year wording goes through chrono's
//! parser (month names, abbreviations, case); years, seasons and decades are ours, because
//! chrono has no notion of them. Numeric dates such as `5/4/1992` read differently in different
//! countries, so when both readings exist the text is refused rather than guessed.

use chrono::NaiveDate;
use chrono::format::ParseErrorKind;

use super::calendar::{day_number, years_span};
use edtf::level_1::Season;

use super::shape::season_span;
use super::{DateError, EventDate, diagnose, render};

/// The first and last day a typed date can mean, counted from 1970-01-01 like [`EventDate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySpan {
    pub earliest: i64,
    pub latest: i64,
}

impl DaySpan {
    fn day(day: i64) -> DaySpan {
        DaySpan {
            earliest: day,
            latest: day,
        }
    }
}

const EXAMPLES: &str = "try 5 April 1992, April 5, 1992, April 1992, spring 1991, mid-1990, \
    the 1990s, 44 BC, today, or EDTF such as 1992-04-05, 1991-05, 197X, 1990-23, 1968/1975";

/// Reads a date as a person or EDTF writes it. `today` (a day number) is what `today` means; the
/// caller reads the clock, so the parser stays a pure function.
pub fn parse_written(text: &str, today: i64) -> Result<DaySpan, DateError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DateError::new(format!("the date is empty; {EXAMPLES}")));
    }
    if text.chars().count() > diagnose::MAX_LEN {
        return Err(DateError::new(format!(
            "`{}` is too long for a date (at most {} characters); {EXAMPLES}",
            diagnose::shown(text),
            diagnose::MAX_LEN
        )));
    }
    if diagnose::has_edtf_alphabet(text) {
        return match EventDate::parse(text) {
            Ok(date) => Ok(DaySpan {
                earliest: date.earliest,
                latest: date.latest,
            }),
            Err(edtf_error) => numeric(text).unwrap_or(Err(edtf_error)),
        };
    }
    let words = normalise(text);
    let words = words.strip_prefix("the ").unwrap_or(&words);
    if words == "today" {
        return Ok(DaySpan::day(today));
    }
    if let Some(found) = decade(words)
        .or_else(|| season(words))
        .or_else(|| part_of_year(words))
        .or_else(|| year(words).map(|y| Ok(year_span(y))))
    {
        return found.map_err(DateError::new);
    }
    match numeric(words).or_else(|| day_month_year(words)) {
        Some(found) => found,
        None => Err(DateError::new(format!(
            "`{}` is not a date quipu can read; {EXAMPLES}",
            diagnose::shown(text)
        ))),
    }
}

/// Lowercase, single spaces, no full stop after a word ("Apr. 5"): the forms below compare
/// against this.
fn normalise(text: &str) -> String {
    let lower = text.to_lowercase().replace(". ", " ");
    let joined = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.trim_end_matches('.').to_owned()
}

fn year_span(year: i64) -> DaySpan {
    let (earliest, latest) = years_span(year, year);
    DaySpan { earliest, latest }
}

/// An astronomical year from `1992`, `44 BC`, `44 bce`, `AD 9`, `9 ce`: up to six digits, which
/// covers history; deep time has EDTF's `Y` years.
fn year(words: &str) -> Option<i64> {
    let (digits, bc) = if let Some(rest) = words
        .strip_suffix(" bc")
        .or_else(|| words.strip_suffix(" bce"))
    {
        (rest, true)
    } else if let Some(rest) = words
        .strip_prefix("ad ")
        .or_else(|| words.strip_suffix(" ad"))
        .or_else(|| words.strip_suffix(" ce"))
    {
        (rest, false)
    } else {
        (words, false)
    };
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = digits.parse().ok()?;
    match (bc, n) {
        (_, 0) => None,
        (true, n) => Some(1 - n),
        (false, n) => Some(n),
    }
}

/// `1990s`, `1990's`: the ten years from a year ending in 0.
fn decade(words: &str) -> Option<Result<DaySpan, String>> {
    let digits = words
        .strip_suffix("'s")
        .or_else(|| words.strip_suffix('s'))?;
    let first = year(digits)?;
    if first.rem_euclid(10) != 0 {
        return Some(Err(format!(
            "`{words}` is not a decade: a decade starts with a year ending in 0, e.g. the 1990s"
        )));
    }
    let (earliest, latest) = years_span(first, first + 9);
    Some(Ok(DaySpan { earliest, latest }))
}

/// `spring 1991` (or `fall`): the meteorological seasons EDTF's 21–24 mean.
fn season(words: &str) -> Option<Result<DaySpan, String>> {
    let (name, rest) = words.split_once(' ')?;
    let which = match name {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "autumn" | "fall" => Season::Autumn,
        "winter" => Season::Winter,
        _ => return None,
    };
    let Some(y) = year(rest) else {
        return Some(Err(format!(
            "`{words}`: a season needs a year after it, e.g. spring 1991"
        )));
    };
    let (earliest, latest) = season_span(y, which);
    Some(Ok(DaySpan { earliest, latest }))
}

/// `early 1990`, `mid-1990`, `late 1990`: the first, middle and last third of the year
/// (January–April, May–August, September–December).
fn part_of_year(words: &str) -> Option<Result<DaySpan, String>> {
    let (part, rest) = ["early", "mid", "late"].iter().find_map(|part| {
        let rest = words.strip_prefix(part)?;
        let rest = rest.strip_prefix('-').or_else(|| rest.strip_prefix(' '))?;
        Some((*part, rest))
    })?;
    let Some(y) = year(rest) else {
        return Some(Err(format!(
            "`{words}`: {part} needs a year after it, e.g. {part}-1990"
        )));
    };
    let (first, last) = match part {
        "early" => (1, 4),
        "mid" => (5, 8),
        _ => (9, 12),
    };
    Some(Ok(DaySpan {
        earliest: day_number(y, first, 1),
        latest: day_number(y, last + 1, 1).saturating_sub(1),
    }))
}

/// Three numbers joined by `/`, `.` or `-`, the year last: day and month are told apart only when
/// one of them is over 12 (or both are the same); otherwise both readings are named and refused.
fn numeric(words: &str) -> Option<Result<DaySpan, DateError>> {
    let parts: Vec<&str> = words.split(['/', '.', '-']).collect();
    let [a, b, y] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (a, b) = (number(a)?, number(b)?);
    if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i64 = y.parse().ok()?;
    let reading = |day: u32, month: u32| {
        let valid = (1..=12).contains(&month)
            && day >= 1
            && day <= super::calendar::days_in_month(year, month);
        valid.then(|| (day_number(year, month, day), day, month))
    };
    let day_first = reading(a, b);
    let month_first = reading(b, a);
    let spoken = |day: u32, month: u32| {
        format!("{day} {} {}", render::month_name(month), render::year(year))
    };
    let iso = |day: u32, month: u32| format!("{year:04}-{month:02}-{day:02}");
    Some(match (day_first, month_first) {
        (Some((x, ..)), Some((z, ..))) if x == z => Ok(DaySpan::day(x)),
        (Some((_, d1, m1)), Some((_, d2, m2))) => Err(DateError::new(format!(
            "`{words}` is ambiguous: day first it is {}, month first {}; write {} or {}",
            spoken(d1, m1),
            spoken(d2, m2),
            iso(d1, m1),
            iso(d2, m2)
        ))),
        (Some((x, ..)), None) | (None, Some((x, ..))) => Ok(DaySpan::day(x)),
        (None, None) => Err(DateError::new(format!(
            "`{words}` is not a day in either order (day/month or month/day); {EXAMPLES}"
        ))),
    })
}

/// `5 April 1992`, `April 5, 1992`, `5 Apr 1992`, `April 1992`, `apr 1992`, through chrono.
fn day_month_year(words: &str) -> Option<Result<DaySpan, DateError>> {
    const DAY_FORMATS: [&str; 4] = ["%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %B, %Y"];
    // chrono lets a number run into the next one ("april 1992" as 19 April 92), so the number of
    // words decides between a day and a month before chrono reads them.
    let tokens = words.split(' ').count();
    if tokens == 2 {
        return month_year(words);
    }
    if tokens != 3 {
        return None;
    }
    let mut impossible = false;
    for format in DAY_FORMATS {
        match NaiveDate::parse_from_str(words, format) {
            Ok(date) => return Some(Ok(DaySpan::day(days_of(date)))),
            Err(e)
                if matches!(
                    e.kind(),
                    ParseErrorKind::OutOfRange | ParseErrorKind::Impossible
                ) =>
            {
                impossible = true;
            }
            Err(_) => {}
        }
    }
    if impossible {
        return Some(Err(DateError::new(format!(
            "`{words}` names a day that does not exist in that month"
        ))));
    }
    None
}

fn month_year(words: &str) -> Option<Result<DaySpan, DateError>> {
    // chrono wants a day; the first of the month stands in and the span covers the month.
    let first = NaiveDate::parse_from_str(&format!("1 {words}"), "%d %B %Y").ok()?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    Some(Ok(DaySpan {
        earliest: days_of(first),
        latest: days_of(next) - 1,
    }))
}

/// The day number of a chrono date, e.g. the clock's today for [`parse_written`].
pub fn days_of(date: NaiveDate) -> i64 {
    use chrono::Datelike;
    day_number(i64::from(date.year()), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 1 December 2026, an arbitrary "today".
    const TODAY: i64 = 20_788;

    fn span(text: &str) -> (i64, i64) {
        match parse_written(text, TODAY) {
            Ok(s) => (s.earliest, s.latest),
            Err(e) => panic!("{text}: {e}"),
        }
    }

    fn days(first: (i64, u32, u32), last: (i64, u32, u32)) -> (i64, i64) {
        (
            day_number(first.0, first.1, first.2),
            day_number(last.0, last.1, last.2),
        )
    }

    fn error(text: &str) -> String {
        match parse_written(text, TODAY) {
            Ok(s) => panic!("{text} parsed as {s:?}"),
            Err(e) => e.message,
        }
    }

    #[test]
    fn accepted_forms() {
        let coup = days((1992, 4, 5), (1992, 4, 5));
        let april = days((1992, 4, 1), (1992, 4, 30));
        let cases: &[(&str, (i64, i64))] = &[
            ("5 April 1992", coup),
            ("April 5, 1992", coup),
            ("April 5 1992", coup),
            ("5 April, 1992", coup),
            ("5 Apr 1992", coup),
            ("5 apr 1992", coup),
            ("  5   APRIL  1992 ", coup),
            ("05 April 1992", coup),
            ("Apr. 5, 1992", coup),
            ("April 1992", april),
            ("apr 1992", april),
            ("February 2000", days((2000, 2, 1), (2000, 2, 29))),
            ("December 1991", days((1991, 12, 1), (1991, 12, 31))),
            ("spring 1991", days((1991, 3, 1), (1991, 5, 31))),
            ("Summer 1991", days((1991, 6, 1), (1991, 8, 31))),
            ("autumn 1991", days((1991, 9, 1), (1991, 11, 30))),
            ("fall 1991", days((1991, 9, 1), (1991, 11, 30))),
            ("winter 1991", days((1991, 12, 1), (1992, 2, 29))),
            ("the 1990s", days((1990, 1, 1), (1999, 12, 31))),
            ("1990s", days((1990, 1, 1), (1999, 12, 31))),
            ("1990's", days((1990, 1, 1), (1999, 12, 31))),
            ("The 1800s", days((1800, 1, 1), (1809, 12, 31))),
            ("mid-1990", days((1990, 5, 1), (1990, 8, 31))),
            ("mid 1990", days((1990, 5, 1), (1990, 8, 31))),
            ("early 1990", days((1990, 1, 1), (1990, 4, 30))),
            ("late 1990", days((1990, 9, 1), (1990, 12, 31))),
            ("44 BC", days((-43, 1, 1), (-43, 12, 31))),
            ("44 bce", days((-43, 1, 1), (-43, 12, 31))),
            ("AD 9", days((9, 1, 1), (9, 12, 31))),
            ("today", (TODAY, TODAY)),
            ("Today", (TODAY, TODAY)),
            // Numeric day and month where only one reading exists, or both agree.
            ("25/4/1992", days((1992, 4, 25), (1992, 4, 25))),
            ("4/25/1992", days((1992, 4, 25), (1992, 4, 25))),
            ("5/5/1992", days((1992, 5, 5), (1992, 5, 5))),
            // EDTF, unchanged.
            ("1992-04-05", coup),
            ("1992-04", april),
            ("1992", days((1992, 1, 1), (1992, 12, 31))),
            ("199X", days((1990, 1, 1), (1999, 12, 31))),
            ("1991-21", days((1991, 3, 1), (1991, 5, 31))),
            ("1991~", days((1991, 1, 1), (1991, 12, 31))),
            ("../1992-04-04", days((1992, 4, 4), (1992, 4, 4))),
            ("1968/1975", days((1968, 1, 1), (1975, 12, 31))),
            ("-0043", days((-43, 1, 1), (-43, 12, 31))),
        ];
        for &(text, expected) in cases {
            assert_eq!(span(text), expected, "{text}");
        }
    }

    #[test]
    fn refused_forms_say_why() {
        let ambiguous = error("5/4/1992");
        assert_eq!(
            ambiguous,
            "`5/4/1992` is ambiguous: day first it is 5 April 1992, month first 4 May 1992; \
             write 1992-04-05 or 1992-05-04"
        );
        assert!(error("5.4.1992").contains("ambiguous"));
        assert!(error("5-4-1992").contains("ambiguous"));
        assert!(error("31/31/1992").contains("not a day in either order"));
        assert!(error("31 April 1992").contains("does not exist"));
        assert!(error("30 February 1992").contains("does not exist"));
        assert!(error("1995s").contains("not a decade"));
        assert!(error("spring").contains("needs a year") || error("spring").contains("not a date"));
        assert!(error("spring of 1991").contains("needs a year"));
        assert!(error("mid-").contains("needs a year"));
        assert!(error("Aprul 1992").contains("not a date quipu can read"));
        assert!(error("yesterday").contains("not a date quipu can read"));
        assert!(error("0 BC").contains("not a date quipu can read"));
        assert!(error("").starts_with("the date is empty"));
        assert!(error(&"a".repeat(100)).contains("too long"));
        // EDTF-looking input keeps EDTF's specific message.
        assert!(error("1992-13").contains("has month 13"));
        assert!(error("1975/1968").contains("ends before it starts"));
        // Control characters never reach the message raw.
        assert!(!error("apr\u{1b}[31m 1992").contains('\u{1b}'));
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            #[test]
            fn never_panics(text in ".{0,80}") {
                if let Ok(s) = parse_written(&text, 0) {
                    prop_assert!(s.earliest <= s.latest, "{text}: {s:?}");
                }
            }

            #[test]
            fn words_and_numbers_never_panic(
                text in "(the |mid-|early |late )?[0-9]{0,7}(s|'s)?( ?[a-zA-Z]{0,9}){0,3}[ ,/.0-9-]{0,12}"
            ) {
                let _ = parse_written(&text, 0);
            }

            #[test]
            fn edtf_keeps_its_span(
                text in "-?[0-9]{4}(-[0-9X]{2}(-[0-9X]{2})?)?[?~%]?(/(\\.\\.)?(-?[0-9]{4}(-[0-9X]{2}(-[0-9X]{2})?)?[?~%]?)?)?|[0-9X?~%/.\\-Y]{0,20}"
            ) {
                if let Ok(date) = EventDate::parse(&text) {
                    let typed = parse_written(&text, 0)
                        .map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
                    prop_assert_eq!((typed.earliest, typed.latest), (date.earliest, date.latest));
                }
            }
        }
    }
}
