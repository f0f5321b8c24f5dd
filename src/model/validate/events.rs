//! The checks of each event on its own: its date, texts and references. At a million events
//! these are most of validation, each reference a look-up that misses the cache, so a large
//! file's events are checked in chunks on every core (rayon) and the chunks' findings merged
//! in file order: the findings, and so the diagnostics, are those of one pass.
//!
//! The links are resolved in a pass of their own: their look-ups need the map of every
//! event's id, and building that map (a million inserts on one core) overlaps everything else
//! the events are checked for.

use rayon::prelude::*;

use super::{Checker, IdMap, Resolved};
use crate::model::date::EventDate;
use crate::model::document::{Chunks, Document};
use crate::model::events::Event;
use crate::model::locate::Step;

/// The id maps an event's actors and sources are resolved in.
pub(super) struct Known<'m, 'a> {
    pub actors: &'m IdMap<'a>,
    pub sources: &'m IdMap<'a>,
}

/// One chunk's findings, dates and resolved references.
#[derive(Default)]
struct Part {
    checker: Checker,
    dates: Vec<Option<EventDate>>,
}

impl Checker {
    /// Checks every event but its links, filling `event_dates` and the actors and sources of
    /// `refs` (whose `starts` are set apart), adding the findings after those found so far.
    pub(super) fn check_events(&mut self, raw: &Document<'_>, known: &Known<'_, '_>) {
        let parts = in_chunks(raw, |first, events| check_chunk(raw, known, first, events));
        self.event_dates = Chunks::from_chunks(self.absorb(parts));
    }

    /// Resolves every event's consequences in `events` (the map of event ids), filling the
    /// consequences of `refs`.
    pub(super) fn check_links(&mut self, raw: &Document<'_>, events: &IdMap<'_>) {
        let parts = in_chunks(raw, |first, chunk| link_chunk(raw, events, first, chunk));
        self.absorb(parts);
    }

    /// Takes in the chunks' findings and references, in order; their dates, by chunk.
    fn absorb(&mut self, parts: Vec<Part>) -> Vec<Vec<Option<EventDate>>> {
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
        dates
    }
}

/// `check` of each chunk of events (its first event's position, its events), on every core;
/// the answers in file order.
fn in_chunks<'r, 'a: 'r>(
    raw: &'r Document<'a>,
    check: impl Fn(usize, &'r [Event<'a>]) -> Part + Sync,
) -> Vec<Part> {
    let chunks: Vec<(usize, &'r [Event<'a>])> = raw.events.list.slices().collect();
    chunks
        .into_par_iter()
        .map(|(first, events)| check(first, events))
        .collect()
}

/// Resolves the consequences of one chunk's events, `first` being the position of its first.
fn link_chunk(raw: &Document<'_>, known: &IdMap<'_>, first: usize, events: &[Event<'_>]) -> Part {
    let mut checker = Checker::default();
    for (n, event) in events.iter().enumerate() {
        let ix = first + n;
        for (r, reference) in raw.events.consequences_of(event).iter().enumerate() {
            let at = || {
                vec![
                    Step::Key("events"),
                    Step::Index(ix),
                    Step::Key("consequences"),
                ]
            };
            let found = checker.reference(at, r, "event", reference.event(), known, "events");
            checker.refs.consequences.push(found);
            checker.basis_in_note(ix, r, reference);
        }
    }
    Part {
        checker,
        dates: Vec::new(),
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
