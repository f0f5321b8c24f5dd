//! Dates of every EDTF form quipu reads, and consequence links that never point back in time.

use chrono::{Datelike, Days, NaiveDate};
use quipu::model::date::MONTHS;

use super::{EPOCH, LAST_YEAR, LINK_WINDOW, Rng, Stream};

/// A date and a safe bracket `[lo, hi]` around its earliest day (days from 0001-01-01). The bracket
/// is generous where EDTF leaves room for interpretation — how far `~` widens a date, when a season
/// starts — so links stay valid under any reasonable reading.
pub(super) struct PlannedDate {
    pub(super) text: String,
    pub(super) lo: i64,
    pub(super) hi: i64,
}

/// The forms of EDTF dates generated; the first events take one of each, so that any file of at
/// least this many events has them all.
const DATE_FORMS: usize = 14;

pub(super) fn plan_date(seed: u64, ix: usize) -> PlannedDate {
    let mut rng = Rng::stream(seed, Stream::Date, ix);
    let span =
        (NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or(EPOCH) - EPOCH).num_days() as usize;
    let day = EPOCH + Days::new(rng.below(span + 1) as u64);
    let form = if ix < DATE_FORMS {
        ix
    } else {
        // Mostly exact days, as in real chronologies; every form keeps a share.
        match rng.below(40) {
            0..=17 => 0,
            18..=23 => 1,
            24..=27 => 2,
            n => (n - 25).min(DATE_FORMS - 1),
        }
    };
    let (y, m, d) = (day.year(), day.month(), day.day());
    let first_of_month = days(y, m, 1);
    let first_of_year = days(y, 1, 1);
    let exact = |text: String, earliest: i64| PlannedDate {
        text,
        lo: earliest,
        hi: earliest,
    };
    match form {
        0 => exact(format!("{y:04}-{m:02}-{d:02}"), days(y, m, d)),
        1 => exact(format!("{y:04}-{m:02}"), first_of_month),
        2 => exact(format!("{y:04}"), first_of_year),
        3 => exact(format!("{:03}X", y / 10), days(y - y % 10, 1, 1)),
        4 => exact(format!("{:02}XX", y / 100), days(y - y % 100, 1, 1)),
        5 => {
            let season = match m {
                3..=5 => 21,
                6..=8 => 22,
                9..=11 => 23,
                _ => 24,
            };
            PlannedDate {
                text: format!("{y:04}-{season}"),
                lo: first_of_year - 31,
                hi: days(y, 12, 31),
            }
        }
        6..=8 => {
            let mark = ["~", "?", "%"][form - 6];
            let (text, earliest) = match rng.below(3) {
                0 => (format!("{y:04}-{m:02}-{d:02}{mark}"), days(y, m, d)),
                1 => (format!("{y:04}-{m:02}{mark}"), first_of_month),
                _ => (format!("{y:04}{mark}"), first_of_year),
            };
            PlannedDate {
                text,
                lo: earliest - 2 * 366,
                hi: earliest,
            }
        }
        9 => exact(format!("{y:04}-XX"), first_of_year),
        10 => {
            if rng.chance(50) {
                exact(format!("{y:04}-XX-XX"), first_of_year)
            } else {
                exact(format!("{y:04}-{m:02}-XX"), first_of_month)
            }
        }
        _ => {
            let end = day + Days::new(32 + rng.below(8 * 365) as u64);
            let (ey, em, ed) = (end.year(), end.month(), end.day());
            let (start, end, earliest) = match rng.below(3) {
                0 => (
                    format!("{y:04}"),
                    format!("{:04}", ey.max(y + 1)),
                    first_of_year,
                ),
                1 => (
                    format!("{y:04}-{m:02}"),
                    format!("{ey:04}-{em:02}"),
                    first_of_month,
                ),
                _ => (
                    format!("{y:04}-{m:02}-{d:02}"),
                    format!("{ey:04}-{em:02}-{ed:02}"),
                    days(y, m, d),
                ),
            };
            match form {
                11 => exact(format!("{start}/{end}"), earliest),
                12 => exact(format!("{start}/.."), earliest),
                // An open or unknown start takes the end's span, so the end's earliest day counts.
                _ => match rng.below(3) {
                    0 => exact(format!("{start}/"), earliest),
                    1 => exact(format!("../{start}"), earliest),
                    _ => exact(format!("/{start}"), earliest),
                },
            }
        }
    }
}

fn days(year: i32, month: u32, day: u32) -> i64 {
    NaiveDate::from_ymd_opt(year, month, day).map_or(0, |date| i64::from(date.num_days_from_ce()))
}

/// Links each event to a few events later in time order. Targets come strictly after the source in
/// one total order (earliest bound, then index) and start no earlier than the source possibly can,
/// so the graph is acyclic and no consequence precedes its cause.
pub(super) fn plan_links(seed: u64, dates: &[PlannedDate]) -> (Vec<usize>, Vec<usize>) {
    let mut order: Vec<usize> = (0..dates.len()).collect();
    order.sort_unstable_by_key(|&ix| (dates[ix].lo, ix));
    let mut position = vec![0; dates.len()];
    for (pos, &ix) in order.iter().enumerate() {
        position[ix] = pos;
    }
    let sorted_lo: Vec<i64> = order.iter().map(|&ix| dates[ix].lo).collect();

    let mut link_start = Vec::with_capacity(dates.len() + 1);
    let mut link_to = Vec::with_capacity(dates.len() * 3 / 2);
    for (ix, date) in dates.iter().enumerate() {
        link_start.push(link_to.len());
        let mut rng = Rng::stream(seed, Stream::Link, ix);
        let wanted = match rng.below(20) {
            0..=5 => 0,
            6..=12 => 1,
            13..=17 => 2,
            _ => 3,
        };
        let from = (position[ix] + 1).max(sorted_lo.partition_point(|&lo| lo < date.hi));
        let window = dates.len().saturating_sub(from).min(LINK_WINDOW);
        if window == 0 {
            continue;
        }
        let first = link_to.len();
        for _ in 0..wanted {
            let target = order[from + rng.below(window)];
            if !link_to[first..].contains(&target) {
                link_to.push(target);
            }
        }
    }
    link_start.push(link_to.len());
    (link_start, link_to)
}

/// A human wording of an EDTF date, as an author would put in `display_date`.
pub(super) fn display_date(edtf: &str) -> String {
    let year = edtf.get(..4).unwrap_or(edtf);
    let month = edtf
        .get(5..7)
        .and_then(|m| m.parse::<usize>().ok())
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    let when = match month {
        Some(month) => format!("{month} {year}"),
        None => year.to_string(),
    };
    if edtf.contains('/') {
        format!("from {when}")
    } else if edtf.ends_with(['~', '%']) {
        format!("around {when}")
    } else if edtf.ends_with('?') {
        format!("{when}, perhaps")
    } else {
        format!("in {when}")
    }
}
