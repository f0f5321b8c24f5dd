//! What a query looks up instead of walking every event: built once per loaded chronology.
//!
//! A scan of a million events costs 50–800 ms for the terms whose values sit behind a pointer in
//! each event (tags, roles, sources, the bases of links): every event's list is a cache miss, and
//! resolving `tag:X` walked them all once more to find the spellings that fold to X. Here each
//! distinct tag and role is stored once, with the events that carry it (postings, in event order),
//! and each source its citing events; a term then costs its answer. Precision and the bases of an
//! event and its links are one byte an event, so `precision:` and `basis:` read a megabyte instead
//! of following every link.
//!
//! Dates are two 32-bit days an event, and link counts a byte, so `date:`, `era:` and `links:`
//! read a few contiguous megabytes instead of a cache line of every event. `actor:` and `kind:`
//! use the chronology's own per-actor lists; the graph terms walk only what they reach; bare words
//! are answered as the `#` search does.
//!
//! Memory: 4 bytes an occurrence of a tag, role or citation, 4 bytes and the text of each distinct
//! value, and 10 bytes an event (docs/PERFORMANCE.md, "Queries", has the figures at a million).
//! Event indexes are 32 bits: four billion events is far past what a file can load.

use compact_str::CompactString;
use foldhash::HashMap;

use crate::model::{Basis, Chronology, Event, EventIx};

/// The words `precision:` accepts, in the order of the codes [`Index`] stores.
pub const PRECISIONS: [&str; 8] = [
    "day", "month", "season", "year", "decade", "century", "range", "open",
];

/// Built with [`Index::build`] from one chronology, and only valid for that one: a query given an
/// index of another size falls back to scanning (see [`Index::fits`]).
#[derive(Debug, Clone, Default)]
pub struct Index {
    events: usize,
    /// Where the chronology's events were when this was built: with `events`, tells a
    /// chronology loaded again (a reload with as many events) from the one indexed.
    built_from: usize,
    tags: Values,
    roles: Values,
    /// By `SourceIx`: the events citing each source.
    sources: Postings,
    /// Per event: the precision's position in [`PRECISIONS`] (bits 0–2) and, from bit 3, one bit
    /// per [`Basis::ALL`] that the event or one of its links rests on.
    flags: Vec<u8>,
    /// Per event: its earliest and latest day, compacted (see [`compact_day`]): `date:` and
    /// `era:` read 8 bytes an event instead of a cache line of each event.
    days: Vec<(i32, i32)>,
    /// Per event: its causes and consequences together, up to [`MANY_LINKS`].
    links: Vec<u8>,
}

/// Lists of event indexes, one after the other: list `k` is `events[starts[k]..starts[k + 1]]`.
/// One allocation for all of them, so a million events' tags are two vectors, not a hundred
/// thousand.
#[derive(Debug, Clone, Default)]
struct Postings {
    starts: Vec<u32>,
    events: Vec<u32>,
}

impl Postings {
    fn list(&self, k: usize) -> &[u32] {
        match (self.starts.get(k), self.starts.get(k + 1)) {
            (Some(&from), Some(&to)) => self.events.get(from as usize..to as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Lists from `(value, event)` pairs where `value < values`, each list in the order given.
    fn from_pairs(values: usize, pairs: &[(u32, u32)]) -> Postings {
        let mut starts = vec![0u32; values + 1];
        for &(value, _) in pairs {
            starts[value as usize + 1] += 1;
        }
        for k in 1..starts.len() {
            starts[k] += starts[k - 1];
        }
        let mut next = starts.clone();
        let mut events = vec![0u32; pairs.len()];
        for &(value, event) in pairs {
            let slot = &mut next[value as usize];
            events[*slot as usize] = event;
            *slot += 1;
        }
        Postings { starts, events }
    }

    fn heap_bytes(&self) -> usize {
        (self.starts.capacity() + self.events.capacity()) * 4
    }
}

impl Values {
    /// Each spelling with the events carrying it (ascending, each event once).
    fn each(&self) -> impl Iterator<Item = (&str, &[u32])> {
        self.spellings
            .iter()
            .enumerate()
            .map(|(k, s)| (&**s, self.postings.list(k)))
    }
}

/// Distinct spellings of one kind of value (tags, roles), sorted, with their events.
#[derive(Debug, Clone, Default)]
struct Values {
    spellings: Vec<Box<str>>,
    postings: Postings,
}

/// Gives each distinct value a number while the events are walked, and pairs it with the event.
#[derive(Default)]
struct Interner<'a> {
    ids: HashMap<&'a str, u32>,
    seen: Vec<&'a str>,
    pairs: Vec<(u32, u32)>,
}

impl<'a> Interner<'a> {
    /// Adds the values of event `ix`; an event is listed once per spelling.
    fn add(&mut self, ix: usize, values: impl Iterator<Item = &'a str>) {
        let first = self.pairs.len();
        for value in values {
            let next = self.seen.len() as u32;
            let id = *self.ids.entry(value).or_insert(next);
            if id == next {
                self.seen.push(value);
            }
            if !self.pairs[first..].iter().any(|&(other, _)| other == id) {
                self.pairs.push((id, ix as u32));
            }
        }
    }

    fn finish(mut self) -> Values {
        // Sorted spellings, so a leaf finds its lists by binary search and did-you-mean lists
        // them in order.
        let seen = &self.seen;
        let mut order: Vec<u32> = (0..seen.len() as u32).collect();
        order.sort_unstable_by_key(|&id| seen[id as usize]);
        let mut rank = vec![0u32; seen.len()];
        for (new, &old) in order.iter().enumerate() {
            rank[old as usize] = new as u32;
        }
        for pair in &mut self.pairs {
            pair.0 = rank[pair.0 as usize];
        }
        Values {
            spellings: order.iter().map(|&id| seen[id as usize].into()).collect(),
            postings: Postings::from_pairs(seen.len(), &self.pairs),
        }
    }
}

impl Values {
    fn events_of(&self, spelling: &str) -> &[u32] {
        match self.spellings.binary_search_by(|s| (**s).cmp(spelling)) {
            Ok(k) => self.postings.list(k),
            Err(_) => &[],
        }
    }

    fn heap_bytes(&self) -> usize {
        self.postings.heap_bytes()
            + self.spellings.capacity() * std::mem::size_of::<Box<str>>()
            + self.spellings.iter().map(|s| s.len()).sum::<usize>()
    }
}

/// A day in 32 bits, or [`FAR`] when it does not fit (deep time): such an event is then read
/// from the chronology itself. 32 bits hold ±5.8 million years, which is every date of history.
pub(super) fn compact_day(day: i64) -> i32 {
    i32::try_from(day).ok().filter(|&d| d != FAR).unwrap_or(FAR)
}

pub(super) const FAR: i32 = i32::MIN;

/// Link counts from this one up are read from the event itself.
pub(super) const MANY_LINKS: u8 = u8::MAX;

fn flags_of(event: &Event) -> u8 {
    let precision = PRECISIONS
        .iter()
        .position(|&w| w == event.date.precision_word())
        .unwrap_or(0) as u8;
    let mut flags = precision | basis_bit(event.basis);
    for link in event.causes.iter().chain(&event.consequences) {
        flags |= basis_bit(link.basis);
    }
    flags
}

pub fn basis_bit(basis: Basis) -> u8 {
    let at = Basis::ALL.iter().position(|&b| b == basis).unwrap_or(0);
    1 << (3 + at)
}

impl Index {
    /// One pass over the events; linear, with one hash look-up per tag and role occurrence.
    pub fn build(chronology: &Chronology) -> Index {
        let events = &chronology.events;
        let mut tags = Interner::default();
        let mut roles = Interner::default();
        let mut cited: Vec<(u32, u32)> = Vec::new();
        let mut flags = Vec::with_capacity(events.len());
        let mut days = Vec::with_capacity(events.len());
        let mut links = Vec::with_capacity(events.len());
        for (ix, event) in events.iter().enumerate() {
            tags.add(ix, event.tags.iter().map(CompactString::as_str));
            roles.add(ix, event.actors.iter().filter_map(|p| p.role.as_deref()));
            let first = cited.len();
            for citation in &event.sources {
                let source = citation.source as u32;
                if citation.source < chronology.sources.len()
                    && !cited[first..].iter().any(|&(s, _)| s == source)
                {
                    cited.push((source, ix as u32));
                }
            }
            flags.push(flags_of(event));
            days.push((
                compact_day(event.date.earliest),
                compact_day(event.date.latest),
            ));
            let count = event.causes.len() + event.consequences.len();
            links.push(u8::try_from(count).unwrap_or(MANY_LINKS));
        }
        Index {
            events: events.len(),
            built_from: events.as_ptr() as usize,
            tags: tags.finish(),
            roles: roles.finish(),
            sources: Postings::from_pairs(chronology.sources.len(), &cited),
            flags,
            days,
            links,
        }
    }

    /// Whether this index was built from this very chronology (its events, where they are in
    /// memory, and how many). An index is never updated: one that does not fit belongs to
    /// another file or to the same file loaded again, and whoever swaps the chronology should
    /// drop it (`App::query_index` back to the default) and build another.
    pub fn fits(&self, chronology: &Chronology) -> bool {
        if self.built_from != chronology.events.as_ptr() as usize {
            return false;
        }
        [self.flags.len(), self.days.len(), self.links.len()]
            .iter()
            .all(|&n| n == self.events)
            && self.events == chronology.events.len()
    }

    /// Every distinct tag, sorted.
    pub fn tags(&self) -> impl Iterator<Item = &str> {
        self.tags.spellings.iter().map(|s| &**s)
    }

    /// Every distinct role, sorted.
    pub fn roles(&self) -> impl Iterator<Item = &str> {
        self.roles.spellings.iter().map(|s| &**s)
    }

    /// Every tag with its events, for the facets.
    pub(super) fn each_tag(&self) -> impl Iterator<Item = (&str, &[u32])> {
        self.tags.each()
    }

    /// Every role with the events where some actor holds it, for the facets.
    pub(super) fn each_role(&self) -> impl Iterator<Item = (&str, &[u32])> {
        self.roles.each()
    }

    pub(super) fn tagged(&self, spelling: &str) -> &[u32] {
        self.tags.events_of(spelling)
    }

    pub(super) fn with_role(&self, spelling: &str) -> &[u32] {
        self.roles.events_of(spelling)
    }

    pub(super) fn citing(&self, source: usize) -> &[u32] {
        self.sources.list(source)
    }

    pub(super) fn flags(&self) -> &[u8] {
        &self.flags
    }

    pub(super) fn days(&self) -> &[(i32, i32)] {
        &self.days
    }

    pub(super) fn links(&self) -> &[u8] {
        &self.links
    }

    /// The events carrying `tag` as spelled, in time order: for facets and completion.
    pub fn events_tagged(&self, tag: &str) -> impl Iterator<Item = EventIx> + '_ {
        self.tagged(tag).iter().map(|&ix| ix as EventIx)
    }

    /// Bytes on the heap, for the memory figures in docs/PERFORMANCE.md.
    pub fn heap_bytes(&self) -> usize {
        self.tags.heap_bytes()
            + self.roles.heap_bytes()
            + self.sources.heap_bytes()
            + self.flags.capacity()
            + self.days.capacity() * 8
            + self.links.capacity()
    }
}
