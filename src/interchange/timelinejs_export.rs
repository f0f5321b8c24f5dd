//! quipu → TimelineJS 3, for slides and web pages. Dates go out as the span of days they cover,
//! at the coarsest precision that keeps that span exact (a year, a month, or days), with quipu's
//! human wording as `display_date` so "c. 1991" still reads that way.

use super::html::{escape, paragraphs};
use super::select::Selection;
use super::timelinejs::{Slide, SlideText, TimelineDate, TimelineEra, TimelineFile};
use super::timelinejs_quipu;
use crate::model::date::civil_from_days;
use crate::model::{Chronology, EventDate, EventIx};

/// Renders the chosen events, every era, and the chronology's title slide.
pub fn render(chronology: &Chronology, events: &[EventIx]) -> String {
    let selection = Selection::new(chronology, events);
    let file = TimelineFile {
        title: Some(Slide {
            text: Some(SlideText {
                headline: Some(escape(&chronology.title)),
                text: chronology.description.as_deref().map(paragraphs),
            }),
            ..Slide::default()
        }),
        events: Some(
            events
                .iter()
                .filter_map(|&ix| chronology.events.get(ix))
                .map(|event| {
                    let (start_date, end_date) = span(&event.date);
                    Slide {
                        start_date: Some(start_date),
                        end_date,
                        text: Some(SlideText {
                            headline: Some(escape(&event.title)),
                            text: (!event.summary.is_empty()).then(|| paragraphs(&event.summary)),
                        }),
                        // TimelineJS puts every text it shows into the page with innerHTML:
                        // the group label and display date as much as headline and text.
                        group: event.tags.first().map(|tag| escape(tag)),
                        display_date: Some(escape(&event.human_date())),
                        unique_id: Some(event.id.to_string()),
                        quipu: timelinejs_quipu::export(chronology, &selection, event),
                        ..Slide::default()
                    }
                })
                .collect(),
        ),
        eras: chronology
            .eras
            .iter()
            .map(|era| {
                let (start_date, end_date) = span(&era.date);
                TimelineEra {
                    // TimelineJS wants both ends of an era.
                    end_date: Some(end_date.unwrap_or_else(|| start_date.clone())),
                    start_date: Some(start_date),
                    text: Some(SlideText {
                        headline: Some(escape(&era.title)),
                        text: None,
                    }),
                }
            })
            .collect(),
        ..TimelineFile::default()
    };
    // Plain structs of strings and numbers always serialise.
    let mut out = super::json_out::to_string_pretty(&file);
    out.push('\n');
    out
}

/// The start and (when it differs) end of a date's span, each as a TimelineJS date.
fn span(date: &EventDate) -> (TimelineDate, Option<TimelineDate>) {
    let (y1, m1, d1) = civil_from_days(date.earliest);
    let (y2, m2, d2) = civil_from_days(date.latest);
    let (ny, nm, nd) = civil_from_days(date.latest.saturating_add(1));
    let whole_years = (m1, d1) == (1, 1) && (nm, nd) == (1, 1) && ny == y2 + 1;
    let whole_months = d1 == 1 && nd == 1;
    let part = |year: i64, month: u32, day: u32| TimelineDate {
        year: Some(timelinejs_year(year)),
        month: (!whole_years).then_some(i64::from(month)),
        day: (!whole_years && !whole_months).then_some(i64::from(day)),
        ..TimelineDate::default()
    };
    let start = part(y1, m1, d1);
    let end = part(y2, m2, d2);
    if end == start {
        (start, None)
    } else {
        (start, Some(end))
    }
}

/// The inverse of the importer's year rule: astronomical 0 (1 BC) is TimelineJS's -1, since
/// TimelineJS shows year -N as N BCE; deep-time years keep their number.
fn timelinejs_year(astronomical: i64) -> i64 {
    if (-9_998..=0).contains(&astronomical) {
        astronomical - 1
    } else {
        astronomical
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(edtf: &str) -> (Vec<Option<i64>>, Option<Vec<Option<i64>>>) {
        let (start, end) = span(&EventDate::parse(edtf).unwrap());
        let flat = |d: TimelineDate| vec![d.year, d.month, d.day];
        (flat(start), end.map(flat))
    }

    #[test]
    fn a_year_goes_out_as_a_year() {
        assert_eq!(parts("1992"), (vec![Some(1992), None, None], None));
        assert_eq!(
            parts("1968/1975"),
            (
                vec![Some(1968), None, None],
                Some(vec![Some(1975), None, None])
            )
        );
    }

    #[test]
    fn a_month_goes_out_as_a_month() {
        assert_eq!(parts("1992-02"), (vec![Some(1992), Some(2), None], None));
    }

    #[test]
    fn a_day_goes_out_as_a_day() {
        assert_eq!(
            parts("1992-04-05"),
            (vec![Some(1992), Some(4), Some(5)], None)
        );
        assert_eq!(
            parts("1990-07-28/1991-07-27"),
            (
                vec![Some(1990), Some(7), Some(28)],
                Some(vec![Some(1991), Some(7), Some(27)])
            )
        );
    }

    #[test]
    fn deep_time_survives() {
        assert_eq!(
            parts("Y-13800000000"),
            (vec![Some(-13_800_000_000), None, None], None)
        );
        // EDTF -0044 is 45 BC, which TimelineJS writes as -45.
        assert_eq!(parts("-0044"), (vec![Some(-45), None, None], None));
        assert_eq!(parts("0000"), (vec![Some(-1), None, None], None));
    }
}
