//! Facets, as VisiData's frequency table: how many of some events have each actor, tag, role,
//! actor kind, year and era, most frequent first. The explorer counts the events its query shows
//! (off the UI thread) and turns a chosen row back into a query term, so the counting is a pure
//! function of the model here and the term it writes is the one the language reads.
//!
//! Each event counts once per value however often it carries it (an actor named twice, a tag
//! repeated). A year is the year an event begins in (its end, when the start is open), so the
//! years add up to the number of events; an era counts every event whose span overlaps it, as
//! `era:` selects them.

use foldhash::HashMap;

use super::bits::Bits;
use super::index::Index;
use crate::model::raw::ActorKind;
use crate::model::{Chronology, EraIx, EventIx};

/// What events are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    Actor,
    Tag,
    Role,
    Kind,
    Year,
    Era,
}

impl Dimension {
    pub const ALL: [Dimension; 6] = [
        Dimension::Actor,
        Dimension::Tag,
        Dimension::Role,
        Dimension::Kind,
        Dimension::Year,
        Dimension::Era,
    ];

    /// The name a heading gives it.
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Actor => "actor",
            Dimension::Tag => "tag",
            Dimension::Role => "role",
            Dimension::Kind => "kind",
            Dimension::Year => "year",
            Dimension::Era => "era",
        }
    }
}

/// One row of a facet: what is shown, the query term that selects it, and how many events have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetRow {
    pub label: String,
    pub term: String,
    pub count: usize,
}

/// The rows of every dimension, each sorted by count (then label), and how many events were
/// counted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    pub events: usize,
    rows: [Vec<FacetRow>; 6],
}

impl Facets {
    pub fn rows(&self, dimension: Dimension) -> &[FacetRow] {
        &self.rows[dimension as usize]
    }
}

/// What one thread counted over its share of the events.
struct Tally<'a> {
    actors: Vec<usize>,
    eras: Vec<usize>,
    kinds: [usize; ActorKind::ALL.len()],
    tags: HashMap<&'a str, usize>,
    roles: HashMap<&'a str, usize>,
    years: HashMap<i64, usize>,
}

impl<'a> Tally<'a> {
    fn new(chronology: &Chronology) -> Tally<'a> {
        Tally {
            actors: vec![0; chronology.actors.len()],
            eras: vec![0; chronology.eras.len()],
            kinds: [0; ActorKind::ALL.len()],
            tags: HashMap::default(),
            roles: HashMap::default(),
            years: HashMap::default(),
        }
    }

    /// Counts one event; `kind_of` is each actor's kind slot, read once for all events (looking
    /// it up in the actors themselves was a cache miss per participation). Without `lists`, only
    /// what the event holds inline (its dates: years and eras): the rest comes from postings.
    fn add(
        &mut self,
        chronology: &'a Chronology,
        kind_of: &[u8],
        event: &'a crate::model::Event,
        lists: bool,
    ) {
        if lists {
            self.add_lists(kind_of, event);
        }
        *self.years.entry(start_year(event)).or_default() += 1;
        for (n, era) in self.eras.iter_mut().zip(&chronology.eras) {
            if era.date.earliest <= event.date.latest && event.date.earliest <= era.date.latest {
                *n += 1;
            }
        }
    }

    /// The event's actors, kinds, roles and tags: each a pointer away, so a cache miss or more.
    fn add_lists(&mut self, kind_of: &[u8], event: &'a crate::model::Event) {
        // What the event already counted for: an actor, role or tag repeated counts once.
        let mut seen_kinds = [false; ActorKind::ALL.len()];
        for (at, part) in event.actors.iter().enumerate() {
            if event.actors[..at].iter().any(|p| p.actor == part.actor) {
                continue;
            }
            if let Some(n) = self.actors.get_mut(part.actor) {
                *n += 1;
            }
            if let Some(&kind) = kind_of.get(part.actor) {
                let kind = usize::from(kind);
                if !seen_kinds[kind] {
                    seen_kinds[kind] = true;
                    self.kinds[kind] += 1;
                }
            }
        }
        for (at, part) in event.actors.iter().enumerate() {
            let Some(role) = part.role.as_deref() else {
                continue;
            };
            let before = &event.actors[..at];
            if !before.iter().any(|p| p.role.as_deref() == Some(role)) {
                *self.roles.entry(role).or_default() += 1;
            }
        }
        for (at, tag) in event.tags.iter().enumerate() {
            if !event.tags[..at].contains(tag) {
                *self.tags.entry(tag).or_default() += 1;
            }
        }
    }

    /// Actors, kinds, tags and roles counted from lists built once (`events_of`, the query
    /// index's postings) against a bitset of the events counted: contiguous reads, instead of a
    /// walk into every event's own lists.
    fn add_from_postings(
        &mut self,
        chronology: &Chronology,
        index: &'a Index,
        kind_of: &[u8],
        events: Option<&[EventIx]>,
    ) {
        let len = chronology.events.len();
        let shown = events.map(|events| {
            let mut bits = Bits::empty(len);
            for &ix in events {
                bits.set(ix);
            }
            bits
        });
        let counted = |list: &mut dyn Iterator<Item = EventIx>| match &shown {
            Some(bits) => list.filter(|&ix| bits.get(ix)).count(),
            None => list.filter(|&ix| ix < len).count(),
        };
        let mut kinds: Vec<Bits> = (0..self.kinds.len()).map(|_| Bits::empty(len)).collect();
        for (actor, n) in self.actors.iter_mut().enumerate() {
            let list = chronology.events_of(actor);
            *n = counted(&mut list.iter().copied());
            if let Some(bits) = kind_of
                .get(actor)
                .and_then(|&k| kinds.get_mut(usize::from(k)))
            {
                for &ix in list {
                    bits.set(ix);
                }
            }
        }
        for (n, mut bits) in self.kinds.iter_mut().zip(kinds) {
            if let Some(shown) = &shown {
                bits.and(shown);
            }
            *n = bits.count();
        }
        for (map, each) in [
            (&mut self.tags, index.each_tag().collect::<Vec<_>>()),
            (&mut self.roles, index.each_role().collect::<Vec<_>>()),
        ] {
            for (value, list) in each {
                let n = counted(&mut list.iter().map(|&ix| ix as EventIx));
                if n > 0 {
                    map.insert(value, n);
                }
            }
        }
    }

    fn merge(&mut self, other: Tally<'a>) {
        for (n, m) in self.actors.iter_mut().zip(other.actors) {
            *n += m;
        }
        for (n, m) in self.eras.iter_mut().zip(other.eras) {
            *n += m;
        }
        for (n, m) in self.kinds.iter_mut().zip(other.kinds) {
            *n += m;
        }
        for (tag, m) in other.tags {
            *self.tags.entry(tag).or_default() += m;
        }
        for (role, m) in other.roles {
            *self.roles.entry(role).or_default() += m;
        }
        for (year, m) in other.years {
            *self.years.entry(year).or_default() += m;
        }
    }
}

/// Below this many events one thread counts them all: starting threads costs more.
const PARALLEL_FROM: usize = 50_000;

/// Counts `events` (`None`: every event) by each dimension. Linear in the events and what they
/// carry, shared among the machine's cores (the work is memory-bound: each event's actors and
/// tags are a pointer away); the distinct values are sorted once at the end.
pub fn count(chronology: &Chronology, events: Option<&[EventIx]>) -> Facets {
    count_with(chronology, &Index::default(), events)
}

/// [`count`], with actors, kinds, tags and roles taken from `index`'s postings when it was built
/// for `chronology` (at a million events, walking each event's own lists was most of the
/// time: a cache miss per event and per tag); the same counts either way.
pub fn count_with(chronology: &Chronology, index: &Index, events: Option<&[EventIx]>) -> Facets {
    let index = index.fits(chronology).then_some(index);
    let kind_of: Vec<u8> = chronology
        .actors
        .iter()
        .map(|a| kind_slot(a.kind) as u8)
        .collect();
    let counted = events.map_or(chronology.events.len(), <[EventIx]>::len);
    // The share `part` of `parts` of the events, counted on the caller's thread.
    let tally = |part: usize, parts: usize| {
        let (from, to) = (counted * part / parts, counted * (part + 1) / parts);
        let mut tally = Tally::new(chronology);
        let kind_of = kind_of.as_slice();
        match events {
            Some(events) => {
                for &ix in &events[from..to] {
                    if let Some(event) = chronology.events.get(ix) {
                        tally.add(chronology, kind_of, event, index.is_none());
                    }
                }
            }
            None => {
                for event in &chronology.events[from..to] {
                    tally.add(chronology, kind_of, event, index.is_none());
                }
            }
        }
        tally
    };
    let parts = if counted < PARALLEL_FROM {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
    };
    let tally = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..parts)
            .map(|part| {
                let tally = &tally;
                let spawned = std::thread::Builder::new()
                    .name("quipu-facets".into())
                    .spawn_scoped(scope, move || tally(part, parts));
                (part, spawned)
            })
            .collect();
        let mut total = tally(0, parts);
        for (part, spawned) in helpers {
            // A share whose thread could not start, or panicked, is counted here.
            let share = spawned.ok().and_then(|handle| handle.join().ok());
            total.merge(share.unwrap_or_else(|| tally(part, parts)));
        }
        total
    });
    let mut tally = tally;
    if let Some(index) = index {
        tally.add_from_postings(chronology, index, &kind_of, events);
    }
    let Tally {
        actors,
        eras,
        kinds,
        tags,
        roles,
        years,
    } = tally;
    let actor_rows = actors
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(ix, &count)| {
            let actor = &chronology.actors[ix];
            FacetRow {
                label: actor.name.clone(),
                term: format!("actor:{}", quote(&actor.id)),
                count,
            }
        })
        .collect();
    let era_rows = eras
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(ix, &count): (EraIx, &usize)| {
            let era = &chronology.eras[ix];
            FacetRow {
                label: era.title.clone(),
                term: format!("era:{}", quote(&era.id)),
                count,
            }
        })
        .collect();
    let kind_rows = ActorKind::ALL
        .iter()
        .map(|&kind| (kind, kinds[kind_slot(kind)]))
        .filter(|(_, n)| *n > 0)
        .map(|(kind, count)| FacetRow {
            label: kind.as_str().to_owned(),
            term: format!("kind:{}", kind.as_str()),
            count,
        })
        .collect();
    let text_rows = |map: HashMap<&str, usize>, key: &str| -> Vec<FacetRow> {
        map.into_iter()
            .map(|(value, count)| FacetRow {
                label: value.to_owned(),
                term: format!("{key}:{}", quote(value)),
                count,
            })
            .collect()
    };
    let year_rows = years
        .into_iter()
        .map(|(year, count)| FacetRow {
            label: crate::model::date::human_year(year),
            term: format!("date:{}", year_term(year)),
            count,
        })
        .collect();
    let mut rows = [
        actor_rows,
        text_rows(tags, "tag"),
        text_rows(roles, "role"),
        kind_rows,
        year_rows,
        era_rows,
    ];
    for dimension in &mut rows {
        dimension.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    }
    Facets {
        events: counted,
        rows,
    }
}

fn kind_slot(kind: ActorKind) -> usize {
    ActorKind::ALL.iter().position(|&k| k == kind).unwrap_or(0)
}

/// The year an event begins in, or ends in when its start is open.
fn start_year(event: &crate::model::Event) -> i64 {
    let open_start = event.date.is_open() && event.date.text.starts_with(['.', '/']);
    let day = if open_start {
        event.date.latest
    } else {
        event.date.earliest
    };
    crate::model::date::year_of(day)
}

/// A year as `date:` reads it: four digits, with the sign EDTF wants beyond them.
fn year_term(year: i64) -> String {
    if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else if (-9999..0).contains(&year) {
        format!("-{:04}", -year)
    } else {
        format!("Y{year}")
    }
}

/// A value as the query language reads it back: quoted when it holds a space, a quote, a
/// parenthesis or a colon, or could be read as `or` or a negation.
pub fn quote(value: &str) -> String {
    let plain = !value.is_empty()
        && !value.starts_with('-')
        && !value.eq_ignore_ascii_case("or")
        && !value
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '"' | '(' | ')' | ':'));
    if plain {
        value.to_owned()
    } else {
        // The language has no escape for a quote inside quotes: drop it, the match is by words.
        format!("\"{}\"", value.replace('"', ""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_the_events_given_and_add_up() {
        let chronology = Chronology::shipped();
        let all = count(&chronology, None);
        assert_eq!(all.events, chronology.events.len());
        let years: usize = all.rows(Dimension::Year).iter().map(|r| r.count).sum();
        assert_eq!(years, chronology.events.len(), "each event has one year");
        for dimension in Dimension::ALL {
            let rows = all.rows(dimension);
            assert!(!rows.is_empty(), "{dimension:?}");
            assert!(rows.windows(2).all(|w| w[0].count >= w[1].count));
        }
        let fujimori = chronology.actor_ix("fujimori").unwrap();
        let only = chronology.events_of(fujimori).to_vec();
        let some = count(&chronology, Some(&only));
        assert_eq!(some.events, only.len());
        assert_eq!(some.rows(Dimension::Actor)[0].count, only.len());
        assert_eq!(some.rows(Dimension::Actor)[0].term, "actor:fujimori");
    }

    #[test]
    fn every_term_selects_exactly_the_events_counted() {
        let chronology = Chronology::shipped();
        let facets = count(&chronology, None);
        for dimension in Dimension::ALL {
            for row in facets.rows(dimension) {
                let found = crate::query::select(&chronology, &row.term, 0).unwrap();
                if dimension == Dimension::Year {
                    // `date:` also takes events that began earlier and run into the year.
                    assert!(found.len() >= row.count, "{}", row.term);
                } else {
                    assert_eq!(found.len(), row.count, "{}", row.term);
                }
            }
        }
    }

    #[test]
    fn values_that_need_quotes_get_them() {
        assert_eq!(quote("usa"), "usa");
        assert_eq!(quote("human rights"), "\"human rights\"");
        assert_eq!(quote("or"), "\"or\"");
        assert_eq!(quote("-x"), "\"-x\"");
        assert_eq!(quote("a\"b"), "\"ab\"");
    }
}
