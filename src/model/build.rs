//! From validated raw types to the indexed chronology the UI reads. Runs once per load.
//!
//! At a million events this is most of the load, so it allocates each kept string once, in its
//! final form, straight from the file's text it was parsed as a borrow of (or moves it, when
//! escapes made it owned), and every reference arrives already resolved by validation.

use compact_str::CompactString;

use super::chronology::{Actor, Chronology, Citation, Era, Event, Link, Participation, Source};
use super::document::Document;
use super::events::Events;
use super::id_index::IdIndex;
use super::order::reading_order;
use super::parsed::Str;
use super::raw::Basis;
use super::validate::Validated;
use crate::text::sanitize_owned;

/// How the text fields validation read are made safe: when it found nothing to clean in any of
/// them, only a newline in a one-line field is left to handle, and `memchr` finds that faster
/// than a second look at every character.
#[derive(Clone, Copy)]
struct Cleaner {
    checked_clean: bool,
}

impl Cleaner {
    fn line(self, text: Str<'_>) -> String {
        if !self.checked_clean {
            return sanitize_owned(text.into_string(), false);
        }
        if text.contains('\n') {
            text.replace('\n', " ")
        } else {
            text.into_string()
        }
    }

    /// [`Cleaner::line`] for a short text (a tag): kept inline, without an allocation, when it
    /// fits in 24 bytes.
    fn word(self, text: Str<'_>) -> CompactString {
        if !self.checked_clean || text.contains('\n') {
            return self.line(text).into();
        }
        text.into_compact()
    }

    fn paragraphs(self, text: Str<'_>) -> String {
        if self.checked_clean {
            text.into_string()
        } else {
            sanitize_owned(text.into_string(), true)
        }
    }
}

/// For the fields validation does not read (urls, notes, locators).
fn unchecked(text: Str<'_>) -> String {
    sanitize_owned(text.into_string(), false)
}

/// Builds the chronology. `raw` must have passed validation: every reference resolves.
pub fn build(mut raw: Document<'_>, validated: Validated) -> Chronology {
    let Validated {
        event_dates,
        era_dates,
        refs,
        clean_text,
    } = validated;
    let cleaner = Cleaner {
        checked_clean: clean_text,
    };
    let line = |text| cleaner.line(text);
    let paragraphs = |text| cleaner.paragraphs(text);
    let starts = &refs.starts;

    // The reading order (see `order`): dates, then causes above their consequences.
    let order = reading_order(
        event_dates.len(),
        |ix| {
            event_dates[ix]
                .as_ref()
                .expect("validation dates every event of a chronology it passes")
        },
        |ix| raw.events[ix].id.as_str(),
        |ix| &refs.consequences[starts[1][ix] as usize..starts[1][ix + 1] as usize],
    );
    let mut position = vec![0u32; order.len()];
    for (sorted, &original) in order.iter().enumerate() {
        position[original as usize] = sorted as u32;
    }

    // Each event is converted where it stands in the file, so every array is read front to back
    // (visiting a million events in time order missed the cache at every step), and then the
    // events are moved into time order in place. Each chunk of raw events is freed as soon as
    // it is converted (`flatten` drops it).
    let Events {
        list: raw_events,
        aliases: raw_aliases,
        actors: raw_actors,
        consequences: raw_consequences,
        tags: raw_tags,
        sources: raw_sources,
    } = std::mem::take(&mut raw.events);
    let mut events: Vec<Event> = Vec::with_capacity(raw_events.len());
    let raw_events = raw_events.into_chunks().flatten();
    // The flat lists are in file order, so each event's part is the next one.
    let (mut raw_aliases, mut raw_actors, mut raw_tags) = (
        raw_aliases.into_iter(),
        raw_actors.into_iter(),
        raw_tags.into_iter(),
    );
    let (mut raw_consequences, mut raw_sources) =
        (raw_consequences.into_iter(), raw_sources.into_iter());
    for (original, (raw_event, date)) in raw_events
        .zip(event_dates.into_chunks().flatten())
        .enumerate()
    {
        let date = date
            .expect("validation dates every event of a chronology it passes")
            .with_text(&raw_event.date);
        let span =
            |list: usize| starts[list][original] as usize..starts[list][original + 1] as usize;
        let actors = (&mut raw_actors)
            .take(raw_event.actors.len())
            .zip(&refs.actors[span(0)])
            .map(|(reference, &actor)| Participation {
                actor: actor as usize,
                role: reference.into_role().map(|role| line(role).into()),
            })
            .collect();
        let consequences = (&mut raw_consequences)
            .take(raw_event.consequences.len())
            .zip(&refs.consequences[span(1)])
            .map(|(reference, &effect)| {
                let (basis, note) = reference.into_basis_and_note();
                Link {
                    event: position[effect as usize] as usize,
                    basis,
                    note: note.map(|note| unchecked(note).into()),
                }
            })
            .collect();
        let sources = (&mut raw_sources)
            .take(raw_event.sources.len())
            .zip(&refs.sources[span(2)])
            .map(|(reference, &source)| Citation {
                source: source as usize,
                locator: reference
                    .into_locator()
                    .map(|locator| unchecked(locator).into()),
            })
            .collect();
        events.push(Event {
            id: raw_event.id.into_compact(),
            date,
            display_date: raw_event.display_date.map(line),
            title: line(raw_event.title),
            aliases: (&mut raw_aliases)
                .take(raw_event.aliases.len())
                .map(line)
                .collect(),
            summary: raw_event.summary.map(paragraphs).unwrap_or_default(),
            basis: raw_event.basis,
            actors,
            consequences,
            causes: Box::default(),
            tags: (&mut raw_tags)
                .take(raw_event.tags.len())
                .map(|tag| cleaner.word(tag))
                .collect(),
            sources,
        });
    }
    permute(&mut events, &order);

    // Three walks of the events in time order that only read them, on every core: the causes
    // gathered for each event, each actor's events, and the index of the events' ids.
    let ((causes, actor_events), event_by_id) = rayon::join(
        || {
            rayon::join(
                || gather_causes(&events),
                || events_of_actors(&events, raw.actors.len()),
            )
        },
        || IdIndex::new(events.len(), |ix| &events[ix].id),
    );
    hand_out_causes(&mut events, causes);

    let mut eras: Vec<Era> = std::mem::take(&mut raw.eras)
        .into_iter()
        .zip(era_dates)
        .map(|(era, date)| Era {
            id: era.id.into_string(),
            title: line(era.title),
            date: date.with_text(&era.date),
        })
        .collect();
    eras.sort_by(|a, b| {
        (a.date.earliest, a.date.latest, &a.id).cmp(&(b.date.earliest, b.date.latest, &b.id))
    });

    let actors: Vec<Actor> = std::mem::take(&mut raw.actors)
        .into_iter()
        .map(|a| Actor {
            id: a.id.into_string(),
            name: line(a.name),
            kind: a.kind,
            aliases: a.aliases.into_iter().map(line).collect(),
            description: a.description.map(paragraphs),
        })
        .collect();
    let actor_by_id = IdIndex::new(actors.len(), |ix| &actors[ix].id);

    Chronology {
        title: line(raw.title),
        description: raw.description.map(paragraphs),
        sources: raw
            .sources
            .into_iter()
            .map(|s| Source {
                id: s.id.into_string(),
                title: line(s.title),
                url: s.url.map(unchecked),
                note: s.note.map(unchecked),
            })
            .collect(),
        actors,
        eras,
        events,
        event_by_id,
        actor_by_id,
        actor_events,
    }
}

/// Each event's causes, in the cause's time order since causes are walked in order, gathered
/// into one flat list grouped by effect (a counting sort), with where each effect's causes
/// end: pushing onto each effect's own list instead reached a random event of a million at
/// every link, a cache miss into the big array each time.
fn gather_causes(events: &[Event]) -> (Vec<Link>, Vec<u32>) {
    let mut starts = vec![0u32; events.len() + 1];
    for event in events {
        for link in &event.consequences {
            starts[link.event + 1] += 1;
        }
    }
    for ix in 1..starts.len() {
        starts[ix] += starts[ix - 1];
    }
    let placeholder = Link {
        event: 0,
        basis: Basis::Stated,
        note: None,
    };
    let mut flat = vec![placeholder; starts.last().map_or(0, |&n| n as usize)];
    let mut next = starts;
    for (cause, event) in events.iter().enumerate() {
        for link in &event.consequences {
            let slot = &mut next[link.event];
            flat[*slot as usize] = Link {
                event: cause,
                basis: link.basis,
                note: link.note.clone(),
            };
            *slot += 1;
        }
    }
    // `next[ix]` now ends event `ix`'s causes, which is where `ix + 1`'s begin.
    (flat, next)
}

/// Gives each event its part of [`gather_causes`]'s list, front to back.
fn hand_out_causes(events: &mut [Event], (flat, ends): (Vec<Link>, Vec<u32>)) {
    let mut flat = flat.into_iter();
    let mut begun = 0;
    for (event, &end) in events.iter_mut().zip(&ends) {
        event.causes = flat.by_ref().take((end - begun) as usize).collect();
        begun = end;
    }
}

/// Each actor's events, in time order, each once. Counted first, so each actor's list is
/// allocated once at its size (a list grown by doubling is copied about five times on the way
/// to an actor's twenty events).
fn events_of_actors(events: &[Event], actors: usize) -> Vec<Vec<usize>> {
    let mut actor_count = vec![0u32; actors];
    for event in events {
        for participation in &event.actors {
            actor_count[participation.actor] += 1;
        }
    }
    let mut actor_events: Vec<Vec<usize>> = actor_count
        .into_iter()
        .map(|count| Vec::with_capacity(count as usize))
        .collect();
    for (ix, event) in events.iter().enumerate() {
        for participation in &event.actors {
            let list: &mut Vec<usize> = &mut actor_events[participation.actor];
            if list.last() != Some(&ix) {
                list.push(ix);
            }
        }
    }
    actor_events
}

/// Puts the item at `order[i]` at `i`, for every `i`, by following each cycle of the permutation
/// with swaps: no second array of a million events.
fn permute<T>(items: &mut [T], order: &[u32]) {
    debug_assert_eq!(items.len(), order.len());
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = order[at] as usize;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::permute;
    use proptest::prelude::*;

    #[test]
    fn permute_moves_each_item_to_where_the_order_puts_it() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e'];
        permute(&mut items, &[3, 0, 4, 1, 2]);
        assert_eq!(items, ['d', 'a', 'e', 'b', 'c']);
    }

    proptest! {
        #[test]
        fn permute_equals_gathering(order in Just((0..60u32).collect::<Vec<_>>()).prop_shuffle(), len in 0usize..60) {
            let order: Vec<u32> = order.into_iter().filter(|&ix| (ix as usize) < len).collect();
            let items: Vec<u32> = (0..len as u32).map(|ix| ix * 10).collect();
            let gathered: Vec<u32> = order.iter().map(|&ix| items[ix as usize]).collect();
            let mut permuted = items;
            permute(&mut permuted, &order);
            prop_assert_eq!(permuted, gathered);
        }
    }
}
