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

use crate::model::raw::ActorKind;
use crate::model::{ActorIx, Chronology, EraIx, EventIx};

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

/// Counts `events` (`None`: every event) by each dimension. Linear in the events and what they
/// carry; the distinct values are sorted once at the end.
pub fn count(chronology: &Chronology, events: Option<&[EventIx]>) -> Facets {
    let mut actors: Vec<usize> = vec![0; chronology.actors.len()];
    let mut eras: Vec<usize> = vec![0; chronology.eras.len()];
    let mut kinds: [usize; ActorKind::ALL.len()] = [0; ActorKind::ALL.len()];
    let mut tags: HashMap<&str, usize> = HashMap::default();
    let mut roles: HashMap<&str, usize> = HashMap::default();
    let mut years: HashMap<i64, usize> = HashMap::default();
    // Per event, what it already counted for: small, reused, so repeated values count once.
    let mut seen_actors: Vec<ActorIx> = Vec::new();
    let mut seen_text: Vec<&str> = Vec::new();
    let mut seen_kinds = [false; ActorKind::ALL.len()];
    let all = 0..chronology.events.len();
    let mut each = |ix: EventIx| {
        let Some(event) = chronology.events.get(ix) else {
            return;
        };
        seen_actors.clear();
        seen_kinds = [false; ActorKind::ALL.len()];
        for part in &event.actors {
            if !seen_actors.contains(&part.actor) {
                seen_actors.push(part.actor);
                if let Some(n) = actors.get_mut(part.actor) {
                    *n += 1;
                }
                if let Some(actor) = chronology.actors.get(part.actor) {
                    let kind = kind_slot(actor.kind);
                    if !seen_kinds[kind] {
                        seen_kinds[kind] = true;
                        kinds[kind] += 1;
                    }
                }
            }
        }
        seen_text.clear();
        for role in event.actors.iter().filter_map(|p| p.role.as_deref()) {
            if !seen_text.contains(&role) {
                seen_text.push(role);
                *roles.entry(role).or_default() += 1;
            }
        }
        seen_text.clear();
        for tag in &event.tags {
            if !seen_text.contains(&tag.as_str()) {
                seen_text.push(tag);
                *tags.entry(tag).or_default() += 1;
            }
        }
        *years.entry(start_year(event)).or_default() += 1;
        for (n, era) in eras.iter_mut().zip(&chronology.eras) {
            if era.date.earliest <= event.date.latest && event.date.earliest <= era.date.latest {
                *n += 1;
            }
        }
    };
    let counted = match events {
        Some(events) => {
            events.iter().for_each(|&ix| each(ix));
            events.len()
        }
        None => {
            all.for_each(&mut each);
            chronology.events.len()
        }
    };
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
