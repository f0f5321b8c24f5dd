//! Running a resolved plan into a [`Bits`]; the tree combines bitsets word by word.
//!
//! With an [`Index`], tags, roles, sources, kinds, precisions and bases are read from lists and
//! columns built at load, so they cost their answer. Without one, every leaf is one pass over the
//! events (graph leaves over the links they reach): that scan is the reference the index is
//! tested against (tests/query_index.rs), and what runs when no index fits the chronology.

use super::bits::Bits;
use super::index::{FAR, Index, MANY_LINKS, PRECISIONS, basis_bit};
use super::resolve::{Leaf, Plan};
use crate::fold::fold;
use crate::model::{Chronology, Event, EventIx};

pub fn evaluate(plan: &Plan, chronology: &Chronology, index: Option<&Index>) -> Bits {
    let len = chronology.events.len();
    match plan {
        Plan::All => Bits::full(len),
        Plan::Leaf(leaf) => match index {
            Some(index) => indexed_leaf(leaf, chronology, index),
            None => evaluate_leaf(leaf, chronology),
        },
        Plan::Not(inner) => {
            let mut bits = evaluate(inner, chronology, index);
            bits.not();
            bits
        }
        Plan::And(all) => {
            let mut bits = Bits::full(len);
            for part in all {
                bits.and(&evaluate(part, chronology, index));
            }
            bits
        }
        Plan::Or(any) => {
            let mut bits = Bits::empty(len);
            for part in any {
                bits.or(&evaluate(part, chronology, index));
            }
            bits
        }
    }
}

fn where_events(chronology: &Chronology, holds: impl Fn(&Event) -> bool) -> Bits {
    let events = &chronology.events;
    Bits::from_fn(events.len(), |ix| holds(&events[ix]))
}

fn from_lists<'a>(len: usize, lists: impl Iterator<Item = &'a [u32]>) -> Bits {
    let mut bits = Bits::empty(len);
    for list in lists {
        for &ix in list {
            bits.set(ix as EventIx);
        }
    }
    bits
}

/// A leaf through the index where it has what the leaf needs; the rest as the scan does.
fn indexed_leaf(leaf: &Leaf, chronology: &Chronology, index: &Index) -> Bits {
    let len = chronology.events.len();
    let flags = index.flags();
    match leaf {
        Leaf::Tag(spellings) => from_lists(len, spellings.iter().map(|s| index.tagged(s))),
        Leaf::Role(spellings) => from_lists(len, spellings.iter().map(|s| index.with_role(s))),
        Leaf::Sources(sources) => from_lists(len, sources.iter().map(|&s| index.citing(s))),
        Leaf::Kind(kind) => {
            // The actors of that kind are few next to the events; their own lists are built at
            // load, so this costs the kind's participations.
            let mut bits = Bits::empty(len);
            for (actor, _) in chronology
                .actors
                .iter()
                .enumerate()
                .filter(|(_, a)| a.kind == *kind)
            {
                for &ix in chronology.events_of(actor) {
                    bits.set(ix);
                }
            }
            bits
        }
        Leaf::Precision(word) => {
            let code = PRECISIONS.iter().position(|w| w == word).unwrap_or(0) as u8;
            Bits::from_fn(len, |ix| flags.get(ix).is_some_and(|f| f & 0b111 == code))
        }
        Leaf::Basis(basis) => {
            let bit = basis_bit(*basis);
            Bits::from_fn(len, |ix| flags.get(ix).is_some_and(|f| f & bit != 0))
        }
        Leaf::Spans(spans) => {
            let (days, events) = (index.days(), &chronology.events);
            Bits::from_fn(len, |ix| match days.get(ix) {
                Some(&(from, to)) if from != FAR && to != FAR => spans
                    .iter()
                    .any(|&(a, b)| i64::from(from) <= b && i64::from(to) >= a),
                _ => spans
                    .iter()
                    .any(|&(a, b)| events[ix].date.earliest <= b && events[ix].date.latest >= a),
            })
        }
        Leaf::Links(cmp, n) => {
            let (links, events) = (index.links(), &chronology.events);
            Bits::from_fn(len, |ix| match links.get(ix) {
                Some(&count) if count < MANY_LINKS => cmp.holds(usize::from(count), *n),
                _ => cmp.holds(events[ix].causes.len() + events[ix].consequences.len(), *n),
            })
        }
        Leaf::Word(_) | Leaf::Exact(_) => words(leaf, chronology),
        _ => evaluate_leaf(leaf, chronology),
    }
}

/// Bare and quoted words: the one place to swap in the search index's vocabulary.
fn words(leaf: &Leaf, chronology: &Chronology) -> Bits {
    evaluate_leaf(leaf, chronology)
}

fn evaluate_leaf(leaf: &Leaf, chronology: &Chronology) -> Bits {
    let len = chronology.events.len();
    match leaf {
        Leaf::Actors(actors) => {
            let mut bits = Bits::empty(len);
            for &actor in actors {
                for &ix in chronology.events_of(actor) {
                    bits.set(ix);
                }
            }
            bits
        }
        Leaf::Role(role) => where_events(chronology, |e| {
            e.actors.iter().any(|p| {
                p.role
                    .as_deref()
                    .is_some_and(|r| role.iter().any(|s| s == r))
            })
        }),
        Leaf::Kind(kind) => where_events(chronology, |e| {
            e.actors.iter().any(|p| {
                chronology
                    .actors
                    .get(p.actor)
                    .is_some_and(|a| a.kind == *kind)
            })
        }),
        Leaf::Tag(tag) => where_events(chronology, |e| {
            e.tags.iter().any(|t| tag.iter().any(|s| s == t))
        }),
        Leaf::Spans(spans) => where_events(chronology, |e| {
            spans
                .iter()
                .any(|&(from, to)| e.date.earliest <= to && e.date.latest >= from)
        }),
        Leaf::Sources(sources) => {
            // A table over sources, so each citation is one lookup however many sources match.
            let mut wanted = vec![false; chronology.sources.len()];
            for &source in sources {
                if let Some(slot) = wanted.get_mut(source) {
                    *slot = true;
                }
            }
            where_events(chronology, |e| {
                e.sources
                    .iter()
                    .any(|c| wanted.get(c.source).copied().unwrap_or(false))
            })
        }
        Leaf::Precision(word) => where_events(chronology, |e| e.date.precision_word() == *word),
        Leaf::Effects(ix) => linked(chronology, *ix, |e| &e.consequences),
        Leaf::Causes(ix) => linked(chronology, *ix, |e| &e.causes),
        Leaf::Downstream(ix) => reachable(chronology, *ix, |e| &e.consequences),
        Leaf::Upstream(ix) => reachable(chronology, *ix, |e| &e.causes),
        Leaf::Links(cmp, n) => where_events(chronology, |e| {
            cmp.holds(e.causes.len() + e.consequences.len(), *n)
        }),
        Leaf::Basis(basis) => where_events(chronology, |e| {
            e.basis == *basis
                || e.causes
                    .iter()
                    .chain(&e.consequences)
                    .any(|l| l.basis == *basis)
        }),
        Leaf::Word(word) => {
            // One buffer for every ASCII field, so most fields are lowercased without allocating.
            let buffer = std::cell::RefCell::new(String::new());
            where_events(chronology, |e| {
                fields(e, |f| folded_contains(f, word, &mut buffer.borrow_mut()))
            })
        }
        Leaf::Exact(text) => where_events(chronology, |e| fields(e, |f| f.contains(text.as_str()))),
        Leaf::Events(events) => {
            let mut bits = Bits::empty(len);
            for &ix in events.iter().filter(|&&ix| ix < len) {
                bits.set(ix);
            }
            bits
        }
    }
}

/// The events one link away from `start`.
fn linked(
    chronology: &Chronology,
    start: EventIx,
    links: impl Fn(&Event) -> &[crate::model::Link],
) -> Bits {
    let mut bits = Bits::empty(chronology.events.len());
    if let Some(event) = chronology.events.get(start) {
        for link in links(event) {
            bits.set(link.event);
        }
    }
    bits
}

/// Everything reachable from `start` (not `start` itself, unless a cycle returns to it). An
/// explicit stack and a visited set: each event is expanded once, so diamonds cost nothing extra
/// and a chain of any length cannot overflow the stack.
fn reachable(
    chronology: &Chronology,
    start: EventIx,
    links: impl Fn(&Event) -> &[crate::model::Link],
) -> Bits {
    let mut seen = Bits::empty(chronology.events.len());
    let mut stack = vec![start];
    while let Some(ix) = stack.pop() {
        let Some(event) = chronology.events.get(ix) else {
            continue;
        };
        for link in links(event) {
            if link.event < chronology.events.len() && !seen.get(link.event) {
                seen.set(link.event);
                stack.push(link.event);
            }
        }
    }
    seen
}

/// Whether any searched field of the event satisfies `test`: title, summary, tags, aliases, the
/// EDTF date, the shown date.
fn fields(event: &Event, test: impl Fn(&str) -> bool) -> bool {
    test(&event.title)
        || test(&event.summary)
        || event.tags.iter().any(|t| test(t))
        || event.aliases.iter().any(|a| test(a))
        || test(&event.date.text)
        || test(&event.human_date())
}

/// `word` (folded) in the folded `text`. ASCII text is lowercased into `buffer`, not folded into
/// a new string: that is most text, and most of the cost of a word term.
fn folded_contains(text: &str, word: &str, buffer: &mut String) -> bool {
    if word.is_empty() {
        return true;
    }
    if text.is_ascii() {
        if text.len() < word.len() {
            return false;
        }
        buffer.clear();
        buffer.push_str(text);
        buffer.make_ascii_lowercase();
        return buffer.contains(word);
    }
    fold(text).contains(word)
}
