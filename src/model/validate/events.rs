//! The checks of each event on its own: its date, texts and references. At a million events
//! these are most of validation, each reference a look-up that misses the cache, so a large
//! file's events are checked in chunks on every core (rayon) and the chunks' findings merged
//! in file order: the findings, and so the diagnostics, are those of one pass.

use rayon::prelude::*;

use super::{Checker, IdMap, Resolved};
use crate::model::date::EventDate;
use crate::model::document::{Chunks, Document};
use crate::model::events::Event;
use crate::model::locate::Step;

/// The id maps references are resolved in.
pub(super) struct Known<'m, 'a> {
    pub actors: &'m IdMap<'a>,
    pub events: &'m IdMap<'a>,
    pub sources: &'m IdMap<'a>,
}

/// One chunk's findings, dates and resolved references.
#[derive(Default)]
struct Part {
    checker: Checker,
    dates: Vec<Option<EventDate>>,
}

impl Checker {
    /// Checks every event, filling `event_dates` and `refs` (whose `starts` are set apart) and
    /// adding the findings after those found so far.
    pub(super) fn check_events(&mut self, raw: &Document<'_>, known: &Known<'_, '_>) {
        let chunks: Vec<(usize, &[Event<'_>])> = raw.events.list.slices().collect();
        let parts: Vec<Part> = if chunks.len() > 1 {
            chunks
                .into_par_iter()
                .map(|(first, events)| check_chunk(raw, known, first, events))
                .collect()
        } else {
            chunks
                .into_iter()
                .map(|(first, events)| check_chunk(raw, known, first, events))
                .collect()
        };
        let mut dates = Vec::with_capacity(parts.len());
        for part in parts {
            let Part {
                checker,
                dates: chunk_dates,
            } = part;
            dates.push(chunk_dates);
            let before = self.findings.len();
            self.findings.extend(checker.findings);
            self.unresolved.extend(
                checker
                    .unresolved
                    .into_iter()
                    .map(|(finding, list, id)| (before + finding, list, id)),
            );
            let Resolved {
                actors,
                consequences,
                sources,
                ..
            } = checker.refs;
            self.refs.actors.extend(actors);
            self.refs.consequences.extend(consequences);
            self.refs.sources.extend(sources);
            self.dirty_text |= checker.dirty_text;
        }
        self.event_dates = Chunks::from_chunks(dates);
    }
}

/// Checks the events of one chunk, `first` being the position of its first.
fn check_chunk(
    raw: &Document<'_>,
    known: &Known<'_, '_>,
    first: usize,
    events: &[Event<'_>],
) -> Part {
    let mut checker = Checker::default();
    let mut dates = Vec::with_capacity(events.len());
    for (n, event) in events.iter().enumerate() {
        let ix = first + n;
        let at = |key| vec![Step::Key("events"), Step::Index(ix), Step::Key(key)];
        let date = checker.date(|| at("date"), &event.date);
        dates.push(date);
        checker.non_empty(|| at("title"), &event.title, "an event's title");
        checker.text(|| at("title"), &event.title);
        if let Some(summary) = &event.summary {
            checker.text(|| at("summary"), summary);
        }
        if let Some(shown) = &event.display_date {
            checker.text(|| at("display_date"), shown);
        }
        for (alias_ix, alias) in raw.events.aliases_of(event).iter().enumerate() {
            let path = || {
                let mut path = at("aliases");
                path.push(Step::Index(alias_ix));
                path
            };
            checker.text(path, alias);
        }
        if event.actors.is_empty() {
            checker.warning(
                vec![Step::Key("events"), Step::Index(ix)],
                format!("event `{}` has no actors", event.id),
                Some("list who took part: \"actors\": [\"actor-id\"]".into()),
            );
        }
        for (r, reference) in raw.events.actors_of(event).iter().enumerate() {
            let found = checker.reference(
                || at("actors"),
                r,
                "actor",
                reference.actor(),
                known.actors,
                "actors",
            );
            checker.refs.actors.push(found);
            if let Some(role) = reference.role() {
                checker.text(|| at("actors"), role);
            }
        }
        for (r, reference) in raw.events.consequences_of(event).iter().enumerate() {
            let found = checker.reference(
                || at("consequences"),
                r,
                "event",
                reference.event(),
                known.events,
                "events",
            );
            checker.refs.consequences.push(found);
            checker.basis_in_note(ix, r, reference);
        }
        for (r, reference) in raw.events.sources_of(event).iter().enumerate() {
            let found = checker.reference(
                || at("sources"),
                r,
                "source",
                reference.source(),
                known.sources,
                "sources",
            );
            checker.refs.sources.push(found);
        }
        for (t, tag) in raw.events.tags_of(event).iter().enumerate() {
            let path = || {
                let mut path = at("tags");
                path.push(Step::Index(t));
                path
            };
            checker.text(path, tag);
        }
    }
    Part { checker, dates }
}
