//! The causal links as a graph: a consequence dated before its cause, and causal cycles. Kept
//! apart from the field checks because both walk the whole graph, read in place from the
//! resolved references.

use rayon::prelude::*;

use super::{Checker, Finding, UNRESOLVED, consequence_at};
use crate::model::document::Document;

impl Checker {
    /// A consequence that ends before its cause can have begun is usually a wrong date or a
    /// reversed link. Overlapping dates ("April 1992" caused by 5 April 1992) are fine: the
    /// reading order puts the cause first (see `order::link_orders`, the same test).
    /// The same walk finds a consequence listed twice by one event: the link would be counted,
    /// drawn and exported twice.
    /// `starts` is where each event's consequences begin in `self.refs.consequences`.
    pub(super) fn causal_order(&self, raw: &Document<'_>, starts: &[u32]) -> Vec<Finding> {
        let mut found = Vec::new();
        let mut repeated = Vec::new();
        for (ix, event) in raw.events.iter().enumerate() {
            let effects = &self.refs.consequences[starts[ix] as usize..starts[ix + 1] as usize];
            for r in repeats(effects) {
                let reference = &raw.events.consequences_of(event)[r];
                repeated.push((ix, r, reference.event().to_owned()));
            }
            let Some(Some(cause_date)) = self.event_dates.get(ix) else {
                continue;
            };
            for (r, (reference, &effect)) in raw
                .events
                .consequences_of(event)
                .iter()
                .zip(effects)
                .enumerate()
            {
                let Some(Some(effect_date)) = self.event_dates.get(effect as usize) else {
                    continue;
                };
                if !crate::model::order::link_orders(cause_date, effect_date) {
                    let message = format!(
                        "consequence `{}` ({}) is dated before its cause `{}` ({})",
                        reference.event(),
                        effect_date.human(),
                        event.id,
                        cause_date.human()
                    );
                    found.push((ix, r, message));
                }
            }
        }
        let mut out = Checker::default();
        for (ix, r, message) in found {
            out.warning(
                consequence_at(ix, r),
                message,
                Some("check both dates, or whether the link points the wrong way".into()),
            );
        }
        for (ix, r, effect) in repeated {
            out.warning(
                consequence_at(ix, r),
                format!(
                    "consequence `{effect}` is listed twice by `{}`",
                    raw.events[ix].id.as_str()
                ),
                Some("remove one of them: the link is counted and drawn once per listing".into()),
            );
        }
        out.findings
    }

    /// Whether every link leads to an event that starts later, or on the same day but further
    /// down the file: then no chain of links can come back to where it began, and there is no
    /// cycle to search for. Most files link causes to later consequences, and this pass (on
    /// every core, reading the links in order) is far cheaper than the search, which visits the
    /// events in the links' order and missed the cache at every step.
    fn links_climb(&self, starts: &[u32]) -> bool {
        let targets = &self.refs.consequences;
        let key = |ix: usize| {
            self.event_dates
                .get(ix)
                .and_then(Option::as_ref)
                .map(|date| (date.earliest, ix))
        };
        (0..starts.len().saturating_sub(1))
            .into_par_iter()
            .all(|cause| {
                let effects = &targets[starts[cause] as usize..starts[cause + 1] as usize];
                effects.iter().all(|&effect| {
                    effect == UNRESOLVED
                        || matches!((key(cause), key(effect as usize)), (Some(c), Some(e)) if e > c)
                })
            })
    }

    /// Finds causal cycles with an iterative depth-first search (a million events must not
    /// overflow the stack) and reports each once, as the chain a → b → a.
    ///
    /// The graph is read in place: event `n`'s edges are `self.refs.consequences[starts[n]..
    /// starts[n + 1]]`, so no per-event list is allocated.
    pub(super) fn cycles(&self, raw: &Document<'_>, starts: &[u32]) -> Vec<Finding> {
        let targets = &self.refs.consequences;
        let mut out = Checker::default();
        if self.links_climb(starts) {
            return out.findings;
        }
        let edge = |node: usize, r: usize| -> Option<usize> {
            let at = starts[node] as usize + r;
            (at < starts[node + 1] as usize).then(|| targets[at] as usize)
        };
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Open,
            Done,
        }
        let mut mark = vec![Mark::New; raw.events.len()];
        // Where each open node sits on the stack, so a back edge finds its cycle at once.
        let mut depth = vec![0u32; raw.events.len()];
        for start in 0..raw.events.len() {
            if mark[start] != Mark::New {
                continue;
            }
            // (node, next edge to try)
            let mut stack = vec![(start, 0usize)];
            mark[start] = Mark::Open;
            depth[start] = 0;
            while let Some(top) = stack.last_mut() {
                let node = top.0;
                let r = top.1;
                let next = edge(node, r);
                top.1 += 1;
                if let Some(to) = next {
                    if to == UNRESOLVED as usize {
                        continue;
                    }
                    match mark[to] {
                        Mark::New => {
                            mark[to] = Mark::Open;
                            depth[to] = stack.len() as u32;
                            stack.push((to, 0));
                        }
                        Mark::Open => {
                            let from = depth[to] as usize;
                            let chain = cycle_chain(raw, &stack[from..]);
                            out.error(
                                consequence_at(node, r),
                                format!("causal cycle: {chain}"),
                                Some("an event cannot lead back to itself; remove one of these links".into()),
                            );
                        }
                        Mark::Done => {}
                    }
                } else {
                    mark[node] = Mark::Done;
                    stack.pop();
                }
            }
        }
        out.findings
    }
}

/// How many members of a causal cycle its message names; a longer cycle is shown by its first
/// and last few, so one report stays short however long the cycle.
const CYCLE_SHOWN: usize = 8;

/// `a → b → c → a`: the cycle's members (`(event, edge)` entries of the search stack) in order and
/// back to the first, at most [`CYCLE_SHOWN`] of them named (`a → b → c → d → … 992 more … → w → x
/// → y → z → a`). Only the named ones are read, so a long cycle costs no more than a short one.
fn cycle_chain(raw: &Document<'_>, members: &[(usize, usize)]) -> String {
    let id = |&(n, _): &(usize, usize)| raw.events[n].id.as_str();
    let mut parts: Vec<String> = Vec::with_capacity(CYCLE_SHOWN + 2);
    if members.len() <= CYCLE_SHOWN {
        parts.extend(members.iter().map(|m| id(m).to_owned()));
    } else {
        let head = CYCLE_SHOWN / 2;
        let tail = CYCLE_SHOWN - head;
        parts.extend(members[..head].iter().map(|m| id(m).to_owned()));
        parts.push(format!("… {} more …", members.len() - CYCLE_SHOWN));
        parts.extend(
            members[members.len() - tail..]
                .iter()
                .map(|m| id(m).to_owned()),
        );
    }
    if let Some(first) = members.first() {
        parts.push(id(first).to_owned());
    }
    parts.join(" → ")
}

/// The positions in `effects` of each event already listed before it (unresolved references,
/// already reported, aside). An event lists a few consequences, compared pairwise; a long list
/// is sorted instead, so a hostile file costs n log n, not n².
fn repeats(effects: &[u32]) -> Vec<usize> {
    const PAIRWISE: usize = 16;
    let mut out = Vec::new();
    if effects.len() <= PAIRWISE {
        for (r, effect) in effects.iter().enumerate() {
            if *effect != UNRESOLVED && effects[..r].contains(effect) {
                out.push(r);
            }
        }
        return out;
    }
    let mut sorted: Vec<(u32, usize)> = effects.iter().copied().zip(0..).collect();
    sorted.sort_unstable();
    for pair in sorted.windows(2) {
        if pair[0].0 == pair[1].0 && pair[1].0 != UNRESOLVED {
            out.push(pair[1].1);
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse::parse;

    fn checked(src: &str) -> Checker {
        let raw = parse(src).unwrap_or_else(|_| panic!("parses: {src}"));
        let mut checker = Checker::default();
        checker.check(&raw);
        checker
    }

    fn file(links: &[(&str, &str, &str)]) -> String {
        let events: Vec<String> = links
            .iter()
            .map(|(id, date, effect)| {
                let effects = if effect.is_empty() {
                    String::new()
                } else {
                    format!(r#""{effect}""#)
                };
                format!(
                    r#"{{"id":"{id}","date":"{date}","title":"t","actors":["a"],"consequences":[{effects}]}}"#
                )
            })
            .collect();
        format!(
            r#"{{"quipu":1,"title":"t","actors":[{{"id":"a","name":"A"}}],"events":[{}]}}"#,
            events.join(",")
        )
    }

    /// Links to later events, or to the same day further down, need no search; any other link
    /// sends the search on, and a cycle is still found.
    #[test]
    fn links_that_climb_skip_the_cycle_search_and_others_do_not() {
        let climbing = checked(&file(&[
            ("a", "1990", "b"),
            ("b", "1990-01-01", "c"),
            ("c", "1991", ""),
        ]));
        assert!(climbing.links_climb(&climbing.refs.starts[1]));
        let back_up_the_file = checked(&file(&[("a", "1991", ""), ("b", "1991", "a")]));
        assert!(!back_up_the_file.links_climb(&back_up_the_file.refs.starts[1]));
        let cycle = checked(&file(&[("a", "1990", "b"), ("b", "1991", "a")]));
        assert!(!cycle.links_climb(&cycle.refs.starts[1]));
        assert!(
            cycle
                .findings
                .iter()
                .any(|f| f.message.starts_with("causal cycle")),
            "the cycle is reported"
        );
        let shipped = checked(crate::model::load::SHIPPED_JSON);
        assert!(shipped.links_climb(&shipped.refs.starts[1]));
    }

    mod repeated_links {
        use proptest::prelude::*;

        use super::super::{UNRESOLVED, repeats};

        proptest! {
            /// Short lists (compared pairwise) and long ones (sorted) name the same positions:
            /// every listing of an event after its first, unresolved ones never.
            #[test]
            fn repeats_are_the_later_listings(effects in proptest::collection::vec(
                prop_oneof![0u32..6, Just(UNRESOLVED)], 0..40,
            )) {
                let expected: Vec<usize> = (0..effects.len())
                    .filter(|&r| effects[r] != UNRESOLVED && effects[..r].contains(&effects[r]))
                    .collect();
                prop_assert_eq!(repeats(&effects), expected);
            }
        }
    }
}
