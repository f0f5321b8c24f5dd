//! From validated raw types to the indexed chronology the UI reads. Runs once per load.

use std::collections::HashMap;

use super::chronology::{Actor, Chronology, Citation, Era, Event, Link, Participation, Source};
use super::raw::RawChronology;
use super::validate::Validated;
use crate::text::sanitize;

/// Builds the chronology. `raw` must have passed validation: every reference resolves.
pub fn build(raw: RawChronology, validated: Validated) -> Chronology {
    let line = |text: &str| sanitize(text, false);

    let source_ix: HashMap<&str, usize> = raw
        .sources
        .iter()
        .enumerate()
        .map(|(ix, s)| (s.id.as_str(), ix))
        .collect();
    let actor_by_id: HashMap<String, usize> = raw
        .actors
        .iter()
        .enumerate()
        .map(|(ix, a)| (a.id.clone(), ix))
        .collect();

    // Time order: earliest day, then latest day, then id, so equal dates still sort the same way
    // on every load.
    let mut order: Vec<usize> = (0..raw.events.len()).collect();
    let dates = &validated.event_dates;
    order.sort_by(|&a, &b| {
        (dates[a].earliest, dates[a].latest, &raw.events[a].id).cmp(&(
            dates[b].earliest,
            dates[b].latest,
            &raw.events[b].id,
        ))
    });
    let mut position = vec![0; order.len()];
    for (sorted, &original) in order.iter().enumerate() {
        position[original] = sorted;
    }
    let event_by_id: HashMap<String, usize> = raw
        .events
        .iter()
        .enumerate()
        .map(|(original, e)| (e.id.clone(), position[original]))
        .collect();

    let mut event_dates: Vec<Option<_>> = validated.event_dates.into_iter().map(Some).collect();
    let mut raw_events: Vec<Option<_>> = raw.events.into_iter().map(Some).collect();
    let mut events: Vec<Event> = Vec::with_capacity(order.len());
    for &original in &order {
        let (Some(raw_event), Some(date)) =
            (raw_events[original].take(), event_dates[original].take())
        else {
            continue;
        };
        let actors = raw_event
            .actors
            .iter()
            .filter_map(|r| {
                Some(Participation {
                    actor: *actor_by_id.get(r.actor())?,
                    role: r.role().map(line),
                })
            })
            .collect();
        let consequences = raw_event
            .consequences
            .iter()
            .filter_map(|r| {
                Some(Link {
                    event: *event_by_id.get(r.event())?,
                    note: r.note().map(line),
                })
            })
            .collect();
        let sources = raw_event
            .sources
            .iter()
            .filter_map(|r| {
                Some(Citation {
                    source: *source_ix.get(r.source())?,
                    locator: r.locator().map(line),
                })
            })
            .collect();
        events.push(Event {
            id: raw_event.id,
            date,
            display_date: raw_event.display_date.as_deref().map(line),
            title: line(&raw_event.title),
            summary: raw_event
                .summary
                .as_deref()
                .map(|s| sanitize(s, true))
                .unwrap_or_default(),
            actors,
            consequences,
            causes: Vec::new(),
            tags: raw_event.tags.iter().map(|t| line(t)).collect(),
            sources,
        });
    }

    // Reverse links, in the cause's time order since we walk events in order.
    for cause in 0..events.len() {
        for l in 0..events[cause].consequences.len() {
            let Link {
                event: effect,
                note,
            } = events[cause].consequences[l].clone();
            events[effect].causes.push(Link { event: cause, note });
        }
    }

    let mut actor_events = vec![Vec::new(); raw.actors.len()];
    for (ix, event) in events.iter().enumerate() {
        for participation in &event.actors {
            let list: &mut Vec<usize> = &mut actor_events[participation.actor];
            if list.last() != Some(&ix) {
                list.push(ix);
            }
        }
    }

    let mut eras: Vec<Era> = raw
        .eras
        .iter()
        .zip(validated.era_dates)
        .map(|(era, date)| Era {
            id: era.id.clone(),
            title: line(&era.title),
            date,
        })
        .collect();
    eras.sort_by(|a, b| {
        (a.date.earliest, a.date.latest, &a.id).cmp(&(b.date.earliest, b.date.latest, &b.id))
    });

    Chronology {
        title: line(&raw.title),
        description: raw.description.as_deref().map(|d| sanitize(d, true)),
        sources: raw
            .sources
            .iter()
            .map(|s| Source {
                id: s.id.clone(),
                title: line(&s.title),
                url: s.url.as_deref().map(line),
                note: s.note.as_deref().map(line),
            })
            .collect(),
        actors: raw
            .actors
            .iter()
            .map(|a| Actor {
                id: a.id.clone(),
                name: line(&a.name),
                kind: a.kind,
                aliases: a.aliases.iter().map(|x| line(x)).collect(),
                description: a.description.as_deref().map(|d| sanitize(d, true)),
            })
            .collect(),
        eras,
        events,
        event_by_id,
        actor_by_id,
        actor_events,
    }
}
