//! Messages for dates we cannot read: say what is wrong, then how EDTF wants it written.
//!
//! edtf only answers "Invalid" or "OutOfRange", which helps nobody fix a chronology file, so the
//! common slips (month 13, 31 April, a season with a day, lowercase x) are looked for here.

use super::calendar::days_in_month;
use super::render;

/// Longer than any EDTF level 1 date we accept (a `Y` year with 19 digits, intervals of full days
/// with certainty marks); also keeps pathological input away from the parser.
pub const MAX_LEN: usize = 64;

const HOW_TO_WRITE: &str = "write it as YYYY-MM-DD, YYYY-MM or YYYY (e.g. 1992-04-05, 1991-05, \
    1990), 197X for a decade, 19XX for a century, 1990-23 for autumn 1990 (21–24: spring, summer, \
    autumn, winter), 1991~ for approximate, 1985? for uncertain, 1968/1975 for an interval, \
    1990/.. or ../1990 for an open one, Y-13800000000 for years beyond four digits";

/// Whether every character could appear in EDTF level 1 (dates, intervals, date-times, Y years).
pub fn has_edtf_alphabet(text: &str) -> bool {
    text.chars().all(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                'X' | '?' | '~' | '%' | '/' | '.' | '-' | 'Y' | 'T' | ':' | '+' | 'Z'
            )
    })
}

pub fn empty() -> String {
    format!("the date is empty; {HOW_TO_WRITE}")
}

pub fn too_long(text: &str) -> String {
    format!(
        "`{}` is too long for an EDTF date (at most {MAX_LEN} characters); {HOW_TO_WRITE}",
        shown(text)
    )
}

pub fn ends_before_start(text: &str, start: &str, end: &str) -> String {
    format!(
        "`{}` ends before it starts ({end} is before {start}); write the earlier date first, \
         e.g. 1968/1975",
        shown(text)
    )
}

/// Why edtf refused `text`, as specifically as we can tell.
pub fn not_edtf(text: &str) -> String {
    let shown = shown(text);
    if let Some(problem) = text.split('/').find_map(part_problem) {
        return format!("`{shown}` {problem}; {HOW_TO_WRITE}");
    }
    if let Some(year) = text.split('/').find(|part| year_beyond_reach(part)) {
        // The part is named only when there are two: a single date is the part.
        let part = if year.len() < text.len() {
            format!(" ({})", self::shown(year))
        } else {
            String::new()
        };
        return format!(
            "`{shown}` names a year beyond what quipu can count{part}; a `Y` year has at most 19 \
             digits, from Y-9223372036854775807 to Y9223372036854775807"
        );
    }
    if text.contains('x') {
        return format!(
            "`{shown}` uses a lowercase x; unspecified digits are a capital X (197X, 1991-XX); \
             {HOW_TO_WRITE}"
        );
    }
    format!("`{shown}` is not an EDTF date; {HOW_TO_WRITE}")
}

/// A `Y` year written in the right form whose digits no 64-bit number holds: telling its
/// writer to use the form already used would help nobody.
fn year_beyond_reach(part: &str) -> bool {
    let Some(digits) = part.trim_end_matches(['?', '~', '%']).strip_prefix('Y') else {
        return false;
    };
    let unsigned = digits.strip_prefix('-').unwrap_or(digits);
    all_digits(unsigned) && !unsigned.is_empty() && digits.parse::<i64>().is_err()
}

/// Looks at one side of an interval written like a date (`[-]YYYY-MM[-DD][?~%]`) for a month or
/// day that does not exist.
fn part_problem(part: &str) -> Option<String> {
    let bare = part.trim_end_matches(['?', '~', '%']);
    let unsigned = bare.strip_prefix('-').unwrap_or(bare);
    let mut fields = unsigned.split('-');
    let year_digits = fields.next()?;
    let month_digits = fields.next()?;
    let day_digits = fields.next();
    if fields.next().is_some() || year_digits.len() != 4 || !all_digits(year_digits) {
        return None;
    }
    let year: i64 = year_digits.parse().ok()?;
    let year = if unsigned.len() < bare.len() {
        -year
    } else {
        year
    };
    if !all_digits(month_digits) || month_digits.len() != 2 {
        return None;
    }
    let month: u32 = month_digits.parse().ok()?;
    let is_season = (21..=24).contains(&month);
    if !(1..=12).contains(&month) && !is_season {
        return Some(format!(
            "has month {month_digits}, which does not exist: months are 01–12, seasons 21–24"
        ));
    }
    let day_digits = day_digits?;
    // Even an unspecified one (`1990-21-XX`, which edtf reads as a day of month 21).
    if is_season {
        return Some("gives a day within a season; a season (21–24) has no days".to_owned());
    }
    if day_digits == "XX" {
        return None;
    }
    if !all_digits(day_digits) || day_digits.len() != 2 {
        return None;
    }
    let day: u32 = day_digits.parse().ok()?;
    let last = days_in_month(year, month);
    if day == 0 || day > last {
        return Some(format!(
            "has day {day_digits}, which does not exist: {} {} has days 01–{last}",
            render::month_name(month),
            render::year(year),
        ));
    }
    None
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The text as it can safely go into a message: control characters escaped, long input cut.
pub fn shown(text: &str) -> String {
    const SHOWN: usize = 40;
    let mut out = String::new();
    for c in text.chars().take(SHOWN) {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    if text.chars().nth(SHOWN).is_some() {
        out.push('…');
    }
    out
}
