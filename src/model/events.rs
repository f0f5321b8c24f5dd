//! A file's events as loading parses them: each event small and fixed in size, and the lists
//! inside events (aliases, actors, consequences, tags, sources) laid end to end in one list of
//! each kind, an event holding only where its part starts and how long it is.
//!
//! At a million events a `Vec` per list and event was up to five allocations an event, each
//! grown to four items whatever it held, and made a parsed event 272 bytes; an event is now 168
//! and its lists cost nothing of their own. Validation and building read the lists front to
//! back in file order, the order they were written in.
//!
//! The event is deserialised by hand (derive cannot hand the lists to an element), but accepts
//! exactly what [`RawEvent`](super::raw::RawEvent) accepts: the same fields, defaults and
//! refusals of unknown and duplicate fields (a test in `document` holds the two together). Its
//! error messages are never shown: a file that fails is parsed again with the public types for
//! its diagnostics.

use std::fmt;
use std::ops::{Index, Range};

use serde::de::{DeserializeSeed, Error, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::document::Chunks;
use super::parsed::{ActorRef, EventRef, SourceRef, Str};
use super::raw::Basis;

/// Where an event's part of one of the flat lists is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Span {
    start: u32,
    len: u32,
}

impl Span {
    pub(crate) fn len(self) -> usize {
        self.len as usize
    }

    pub(crate) fn is_empty(self) -> bool {
        self.len == 0
    }

    fn range(self) -> Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// [`RawEvent`](super::raw::RawEvent), borrowed, its lists in [`Events`].
pub(crate) struct Event<'a> {
    pub id: Str<'a>,
    pub date: Str<'a>,
    pub title: Str<'a>,
    pub display_date: Option<Str<'a>>,
    pub summary: Option<Str<'a>>,
    pub basis: Basis,
    pub aliases: Span,
    pub actors: Span,
    pub consequences: Span,
    pub tags: Span,
    pub sources: Span,
}

/// The events, and the lists their [`Span`]s point into.
#[derive(Default)]
pub(crate) struct Events<'a> {
    pub list: Chunks<Event<'a>>,
    pub aliases: Vec<Str<'a>>,
    pub actors: Vec<ActorRef<'a>>,
    pub consequences: Vec<EventRef<'a>>,
    pub tags: Vec<Str<'a>>,
    pub sources: Vec<SourceRef<'a>>,
}

impl<'a> Events<'a> {
    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    pub(crate) fn iter(&self) -> super::document::Iter<'_, Event<'a>> {
        self.list.iter()
    }

    pub(crate) fn aliases_of(&self, event: &Event<'a>) -> &[Str<'a>] {
        &self.aliases[event.aliases.range()]
    }

    pub(crate) fn actors_of(&self, event: &Event<'a>) -> &[ActorRef<'a>] {
        &self.actors[event.actors.range()]
    }

    pub(crate) fn consequences_of(&self, event: &Event<'a>) -> &[EventRef<'a>] {
        &self.consequences[event.consequences.range()]
    }

    pub(crate) fn tags_of(&self, event: &Event<'a>) -> &[Str<'a>] {
        &self.tags[event.tags.range()]
    }

    pub(crate) fn sources_of(&self, event: &Event<'a>) -> &[SourceRef<'a>] {
        &self.sources[event.sources.range()]
    }
}

impl<'a> Index<usize> for Events<'a> {
    type Output = Event<'a>;

    fn index(&self, ix: usize) -> &Event<'a> {
        &self.list[ix]
    }
}

/// A JSON list of event objects, each read with its lists appended to the flat ones.
impl<'de: 'a, 'a> Deserialize<'de> for Events<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EventsVisitor;
        impl<'de> Visitor<'de> for EventsVisitor {
            type Value = Events<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Events<'de>, A::Error> {
                let mut events = Events::default();
                loop {
                    let lists = Lists {
                        aliases: &mut events.aliases,
                        actors: &mut events.actors,
                        consequences: &mut events.consequences,
                        tags: &mut events.tags,
                        sources: &mut events.sources,
                    };
                    match seq.next_element_seed(lists)? {
                        Some(event) => events.list.push(event),
                        None => return Ok(events),
                    }
                }
            }
        }
        deserializer.deserialize_seq(EventsVisitor)
    }
}

/// The flat lists one event's lists are appended to.
struct Lists<'v, 'a> {
    aliases: &'v mut Vec<Str<'a>>,
    actors: &'v mut Vec<ActorRef<'a>>,
    consequences: &'v mut Vec<EventRef<'a>>,
    tags: &'v mut Vec<Str<'a>>,
    sources: &'v mut Vec<SourceRef<'a>>,
}

/// The event's fields, as [`RawEvent`](super::raw::RawEvent) names them; any other key is
/// refused.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Field {
    Id,
    Date,
    DisplayDate,
    Title,
    Aliases,
    Summary,
    Basis,
    Actors,
    Consequences,
    Tags,
    Sources,
}

impl<'de: 'a, 'a> DeserializeSeed<'de> for Lists<'_, 'a> {
    type Value = Event<'a>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Event<'a>, D::Error> {
        // An object only, as `raw::Object` insists (serde would take an array of the fields).
        deserializer.deserialize_map(self)
    }
}

impl<'de: 'a, 'a> Visitor<'de> for Lists<'_, 'a> {
    type Value = Event<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object { … }")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Event<'a>, A::Error> {
        let (mut id, mut date, mut title) = (None, None, None);
        let (mut display_date, mut summary, mut basis) = (None, None, None);
        let mut spans: [Option<Span>; 5] = [None; 5];
        fn once<T, E: Error>(slot: &Option<T>, name: &'static str) -> Result<(), E> {
            match slot {
                Some(_) => Err(E::duplicate_field(name)),
                None => Ok(()),
            }
        }
        while let Some(key) = map.next_key::<Field>()? {
            match key {
                Field::Id => {
                    once(&id, "id")?;
                    id = Some(map.next_value::<Str<'a>>()?);
                }
                Field::Date => {
                    once(&date, "date")?;
                    date = Some(map.next_value::<Str<'a>>()?);
                }
                Field::Title => {
                    once(&title, "title")?;
                    title = Some(map.next_value::<Str<'a>>()?);
                }
                Field::DisplayDate => {
                    once(&display_date, "display_date")?;
                    display_date = Some(map.next_value::<Option<Str<'a>>>()?);
                }
                Field::Summary => {
                    once(&summary, "summary")?;
                    summary = Some(map.next_value::<Option<Str<'a>>>()?);
                }
                Field::Basis => {
                    once(&basis, "basis")?;
                    basis = Some(map.next_value::<Basis>()?);
                }
                Field::Aliases => {
                    once(&spans[0], "aliases")?;
                    spans[0] = Some(map.next_value_seed(Append(&mut *self.aliases))?);
                }
                Field::Actors => {
                    once(&spans[1], "actors")?;
                    spans[1] = Some(map.next_value_seed(Append(&mut *self.actors))?);
                }
                Field::Consequences => {
                    once(&spans[2], "consequences")?;
                    spans[2] = Some(map.next_value_seed(Append(&mut *self.consequences))?);
                }
                Field::Tags => {
                    once(&spans[3], "tags")?;
                    spans[3] = Some(map.next_value_seed(Append(&mut *self.tags))?);
                }
                Field::Sources => {
                    once(&spans[4], "sources")?;
                    spans[4] = Some(map.next_value_seed(Append(&mut *self.sources))?);
                }
            }
        }
        let [aliases, actors, consequences, tags, sources] = spans.map(Option::unwrap_or_default);
        Ok(Event {
            id: id.ok_or_else(|| A::Error::missing_field("id"))?,
            date: date.ok_or_else(|| A::Error::missing_field("date"))?,
            title: title.ok_or_else(|| A::Error::missing_field("title"))?,
            display_date: display_date.flatten(),
            summary: summary.flatten(),
            basis: basis.unwrap_or_default(),
            aliases,
            actors,
            consequences,
            tags,
            sources,
        })
    }
}

/// A JSON list appended to a flat list; its span there.
struct Append<'v, T>(&'v mut Vec<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Append<'_, T> {
    type Value = Span;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Span, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Append<'_, T> {
    type Value = Span;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Span, A::Error> {
        let start = self.0.len();
        while let Some(item) = seq.next_element::<T>()? {
            self.0.push(item);
        }
        // The loader reads at most 1 GiB, so no list it parses reaches 2³² items; text handed to
        // `Chronology::from_str` is not capped, so that is refused here rather than wrapped.
        let too_many = || A::Error::custom("more than 4,294,967,295 items in one file's lists");
        Ok(Span {
            start: u32::try_from(start).map_err(|_| too_many())?,
            len: u32::try_from(self.0.len() - start).map_err(|_| too_many())?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sizes docs/PERFORMANCE.md and this module's account of the memory rest on.
    #[test]
    fn a_parsed_event_and_a_reference_stay_small() {
        assert_eq!(std::mem::size_of::<Event>(), 168);
        assert_eq!(std::mem::size_of::<ActorRef>(), 24);
        assert_eq!(std::mem::size_of::<EventRef>(), 24);
        assert_eq!(std::mem::size_of::<SourceRef>(), 24);
    }
}
