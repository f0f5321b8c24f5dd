//! The validated chronology and the indexes built once at load.
//!
//! Everything the UI asks per frame or per key is a slice or an O(1) / O(log n) lookup here, so a
//! frame costs what is visible, not the size of the file.

use compact_str::CompactString;

use super::date::{Brevity, EventDate};
use super::id_index::IdIndex;
pub use super::raw::{ActorKind, Basis};

pub type EventIx = usize;
pub type ActorIx = usize;
pub type EraIx = usize;
pub type SourceIx = usize;

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Era {
    pub id: String,
    pub title: String,
    pub date: EventDate,
}

/// An actor's part in an event. Events hold millions of these and the links below, so their
/// texts are boxed (`Option<Box<str>>` is 16 bytes, `Option<String>` 24): nothing edits them.
#[derive(Debug, Clone, PartialEq)]
pub struct Participation {
    pub actor: ActorIx,
    pub role: Option<Box<str>>,
}

/// A causal link, seen from either end: in `Event::consequences` `event` is the effect, in
/// `Event::causes` it is the cause. The note is the same on both sides.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub event: EventIx,
    pub basis: Basis,
    pub note: Option<Box<str>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    pub source: SourceIx,
    pub locator: Option<Box<str>>,
}

/// One event. Text fields are already cleaned of control characters and escape sequences, so
/// any of them can go to the terminal as they are.
///
/// A million of these are built at load and kept, so its size is the explorer's memory: lists
/// are boxed slices (16 bytes, no spare room) because nothing grows them once the chronology is
/// built, and the id and the tags, which are short, are kept inline when they fit in 24 bytes
/// (see docs/PERFORMANCE.md, "Smaller events").
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: CompactString,
    pub date: EventDate,
    pub display_date: Option<String>,
    pub title: String,
    /// Other names history gave the event; searched like an actor's aliases.
    pub aliases: Box<[String]>,
    pub summary: String,
    pub basis: Basis,
    pub actors: Box<[Participation]>,
    pub consequences: Box<[Link]>,
    pub causes: Box<[Link]>,
    pub tags: Box<[CompactString]>,
    pub sources: Box<[Citation]>,
}

impl Event {
    /// The date as shown to people: the file's `display_date` when it has one.
    pub fn human_date(&self) -> String {
        match &self.display_date {
            Some(shown) => shown.clone(),
            None => self.date.human(),
        }
    }

    /// [`Event::human_date`], then ever shorter forms of the date ("26 Mar 1991", "1991"), made
    /// only as far as they are read: a narrow column takes the first that fits rather than cut
    /// the first one to "26 Ma…".
    pub fn date_forms(&self) -> impl Iterator<Item = String> + '_ {
        std::iter::once_with(|| self.human_date()).chain(
            [
                Brevity::Months,
                Brevity::Years,
                Brevity::Bare,
                Brevity::Begun,
                Brevity::Year,
            ]
            .into_iter()
            .map(|brevity| self.date.brief(brevity)),
        )
    }
}

/// Events and links per basis, indexed like [`Basis::ALL`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BasisCounts {
    pub events: [usize; 3],
    pub links: [usize; 3],
}

fn basis_slot(basis: Basis) -> usize {
    match basis {
        Basis::Stated => 0,
        Basis::Implied => 1,
        Basis::Inferred => 2,
    }
}

/// A loaded, valid chronology. Events are in reading order (see [`super::order`]: by date, an
/// open start by its end, causes above overlapping consequences), and every `EventIx` is a
/// position in that order.
#[derive(Debug, Clone, Default)]
pub struct Chronology {
    pub title: String,
    pub description: Option<String>,
    pub sources: Vec<Source>,
    pub actors: Vec<Actor>,
    /// In time order, like events.
    pub eras: Vec<Era>,
    pub events: Vec<Event>,
    pub(crate) event_by_id: IdIndex,
    pub(crate) actor_by_id: IdIndex,
    /// For each actor, its events in time order.
    pub(crate) actor_events: Vec<Vec<EventIx>>,
}

impl Chronology {
    pub fn event_ix(&self, id: &str) -> Option<EventIx> {
        self.event_by_id
            .get(id, |ix| self.events.get(ix).map_or("", |e| &e.id))
    }

    pub fn actor_ix(&self, id: &str) -> Option<ActorIx> {
        self.actor_by_id
            .get(id, |ix| self.actors.get(ix).map_or("", |a| &a.id))
    }

    /// The actor's events, in time order.
    pub fn events_of(&self, actor: ActorIx) -> &[EventIx] {
        self.actor_events.get(actor).map_or(&[], Vec::as_slice)
    }

    /// Number of causal links (each counted once).
    pub fn link_count(&self) -> usize {
        self.events.iter().map(|e| e.consequences.len()).sum()
    }

    /// How many events and how many links rest on each basis, in the order of [`Basis::ALL`].
    /// Walks the whole file, so it is for a screen opened on request, not for every frame.
    pub fn basis_counts(&self) -> BasisCounts {
        let mut counts = BasisCounts::default();
        for event in &self.events {
            counts.events[basis_slot(event.basis)] += 1;
            for link in &event.consequences {
                counts.links[basis_slot(link.basis)] += 1;
            }
        }
        counts
    }

    /// The era that contains `day`, if any (the latest-starting one when eras overlap).
    pub fn era_at(&self, day: i64) -> Option<EraIx> {
        self.eras
            .iter()
            .rposition(|era| era.date.earliest <= day && day <= era.date.latest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A million events are kept at load: a field that grows `Event` by 8 bytes costs 8 MB
    /// there. The figures are what docs/PERFORMANCE.md ("Smaller events") measured with.
    #[test]
    fn an_event_stays_small() {
        assert_eq!(std::mem::size_of::<EventDate>(), 88);
        assert_eq!(std::mem::size_of::<Event>(), 288);
        assert_eq!(std::mem::size_of::<Participation>(), 24);
        assert_eq!(std::mem::size_of::<Link>(), 32);
        assert_eq!(std::mem::size_of::<Citation>(), 24);
    }
}
