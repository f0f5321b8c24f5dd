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
//! What stays a scan, because it already meets the budget by reading only the event itself: dates
//! (`date:`, `era:`), `links:`; `actor:` and `kind:` use the chronology's own per-actor lists; the
//! graph terms walk only what they reach; bare words are answered by the search index's words.
//!
//! Memory: 4 bytes an occurrence of a tag, role or citation, 4 bytes and the text of each distinct
//! value, and 1 byte an event (docs/PERFORMANCE.md, "Queries", has the figures at a million).

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
    tags: Values,
    roles: Values,
    /// By `SourceIx`: the events citing each source.
    sources: Postings,
    /// Per event: the precision's position in [`PRECISIONS`] (bits 0–2) and, from bit 3, one bit
    /// per [`Basis::ALL`] that the event or one of its links rests on.
    flags: Vec<u8>,
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

/// Distinct spellings of one kind of value (tags, roles), sorted, with their events.
#[derive(Debug, Clone, Default)]
struct Values {
    spellings: Vec<Box<str>>,
    postings: Postings,
}

impl Values {
    /// Interns every value `of` each event yields; an event is listed once per spelling.
    fn build<'a>(events: &'a [Event], of: impl Fn(&'a Event) -> Vec<&'a str>) -> Values {
        let mut ids: HashMap<&str, u32> = HashMap::default();
        let mut seen: Vec<&str> = Vec::new();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for (ix, event) in events.iter().enumerate() {
            let first = pairs.len();
            for value in of(event) {
                let id = *ids.entry(value).or_insert_with(|| {
                    seen.push(value);
                    (seen.len() - 1) as u32
                });
                if !pairs[first..].iter().any(|&(other, _)| other == id) {
                    pairs.push((id, ix as u32));
                }
            }
        }
        // Sorted spellings, so a leaf finds its lists by binary search and did-you-mean lists
        // them in order.
        let mut order: Vec<u32> = (0..seen.len() as u32).collect();
        order.sort_unstable_by_key(|&id| seen[id as usize]);
        let mut rank = vec![0u32; seen.len()];
        for (new, &old) in order.iter().enumerate() {
            rank[old as usize] = new as u32;
        }
        for pair in &mut pairs {
            pair.0 = rank[pair.0 as usize];
        }
        Values {
            spellings: order.iter().map(|&id| seen[id as usize].into()).collect(),
            postings: Postings::from_pairs(seen.len(), &pairs),
        }
    }

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
        let tags = Values::build(events, |e| e.tags.iter().map(String::as_str).collect());
        let roles = Values::build(events, |e| {
            e.actors.iter().filter_map(|p| p.role.as_deref()).collect()
        });
        let mut cited: Vec<(u32, u32)> = Vec::new();
        for (ix, event) in events.iter().enumerate() {
            let first = cited.len();
            for citation in &event.sources {
                let source = citation.source as u32;
                if citation.source < chronology.sources.len()
                    && !cited[first..].iter().any(|&(s, _)| s == source)
                {
                    cited.push((source, ix as u32));
                }
            }
        }
        Index {
            events: events.len(),
            tags,
            roles,
            sources: Postings::from_pairs(chronology.sources.len(), &cited),
            flags: events.iter().map(flags_of).collect(),
        }
    }

    /// Whether this index was built from a chronology of this many events. An index is never
    /// updated, so one that does not fit belongs to another file (a reload in flight).
    pub fn fits(&self, chronology: &Chronology) -> bool {
        self.events == chronology.events.len() && self.flags.len() == self.events
    }

    /// Every distinct tag, sorted.
    pub fn tags(&self) -> impl Iterator<Item = &str> {
        self.tags.spellings.iter().map(|s| &**s)
    }

    /// Every distinct role, sorted.
    pub fn roles(&self) -> impl Iterator<Item = &str> {
        self.roles.spellings.iter().map(|s| &**s)
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
    }
}
