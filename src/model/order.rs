//! The reading order of events: the one order the timeline, the exports and every list use.
//!
//! Dates first: an event with a known start sorts by its earliest day, one with an open or
//! unknown start (`../1992-04-04`, "before 5 April 1992") by its latest, since the end is all
//! that is known of it; then by latest day, then id. Where the dates of a cause and its
//! consequence overlap ("April 1992" and the 5 April coup that caused it), dates cannot say
//! which comes first, so the link does: a consequence is never listed above its cause. That is
//! a topological sort (Kahn's, with a heap picking the event the dates put first, so it stays
//! stable and n log n) over the links whose dates overlap. A consequence dated wholly before its
//! cause is warned about by the checker and keeps its dated place. Causal cycles are errors the
//! checker reports before any chronology is built; should one reach here, its events go out in
//! date order instead of looping.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rayon::prelude::*;

use super::date::EventDate;

/// The first 16 bytes of `id`, big-endian and padded with zeros, so that comparing two prefixes
/// orders two ids as comparing them does whenever the prefixes differ. (A shorter id padded
/// with zeros sorts before a longer one it begins; equal prefixes fall back to the ids.)
fn id_prefix(id: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let head = &id.as_bytes()[..id.len().min(16)];
    bytes[..head.len()].copy_from_slice(head);
    u128::from_be_bytes(bytes)
}

/// Whether a link from `cause` to `effect` decides their order: their dates overlap or the effect
/// is later. An effect that ends before its cause begins is a dating problem and stays dated.
pub fn link_orders(cause: &EventDate, effect: &EventDate) -> bool {
    effect.latest >= cause.earliest
}

/// Events `0..n` in reading order, given each one's date, id and consequences (as indices).
///
/// The dates to sort by sit in one array beside the indices, so most comparisons never leave
/// it (at a million events, chasing each date through its event missed the cache at every
/// step). So do the first 16 bytes of each id, for the ties: a million events over a century
/// and a half share each day with some twenty others, and comparing their ids through their
/// events was a tenth of the load. Only ids alike in their first 16 bytes are read again.
pub fn reading_order<'a>(
    n: usize,
    date: impl Fn(usize) -> &'a EventDate + Sync,
    id: impl Fn(usize) -> &'a str + Sync,
    consequences: impl Fn(usize) -> &'a [u32] + Sync,
) -> Vec<u32> {
    // The keys are made, sorted and checked against the links on every core.
    let mut keys: Vec<(i64, i64, u128, u32)> = (0..n)
        .into_par_iter()
        .map(|ix| {
            let d = date(ix);
            (d.sort_day(), d.latest, id_prefix(id(ix)), ix as u32)
        })
        .collect();
    keys.par_sort_unstable_by(|a, b| {
        (a.0, a.1, a.2)
            .cmp(&(b.0, b.1, b.2))
            .then_with(|| id(a.3 as usize).cmp(id(b.3 as usize)))
    });
    let by_date: Vec<u32> = keys.into_iter().map(|(_, _, _, ix)| ix).collect();
    let mut rank = vec![0u32; n];
    for (r, &ix) in by_date.iter().enumerate() {
        rank[ix as usize] = r as u32;
    }

    let orders = |cause: usize, effect: u32| {
        effect as usize != cause && link_orders(date(cause), date(effect as usize))
    };
    // Usually the dates already put every cause above the consequences it orders (a link
    // points forward in time); the sort below would then give the date order back unchanged,
    // so it is skipped. At a million events its heap was a twentieth of the explorer's load.
    let forward = (0..n).into_par_iter().all(|cause| {
        consequences(cause)
            .iter()
            .all(|&effect| !orders(cause, effect) || rank[cause] < rank[effect as usize])
    });
    if forward {
        return by_date;
    }
    by_links(n, &by_date, &rank, orders, consequences)
}

/// Kahn's sort of the events over the links that order them, the earliest by date first among
/// those ready; `by_date` and `rank` are the date order and each event's place in it.
///
/// The events no link orders after another are ready from the start and taken by walking the
/// date order; only those that become ready as their causes are placed go through the heap,
/// which so stays small. (One heap of a million ready events missed the cache at every step.)
/// The earliest of the walk's next event and the heap's first is the earliest ready event, as
/// one heap of them all would give.
fn by_links<'a>(
    n: usize,
    by_date: &[u32],
    rank: &[u32],
    orders: impl Fn(usize, u32) -> bool,
    consequences: impl Fn(usize) -> &'a [u32],
) -> Vec<u32> {
    let mut waiting_on = vec![0u32; n];
    for cause in 0..n {
        for &effect in consequences(cause) {
            if orders(cause, effect) {
                waiting_on[effect as usize] += 1;
            }
        }
    }
    let ready_at_start: Vec<bool> = waiting_on.iter().map(|&count| count == 0).collect();

    // Ranks of the events made ready by a placed cause, smallest (earliest by date) first.
    let mut ready: BinaryHeap<Reverse<u32>> = BinaryHeap::new();
    // The walk: the date order's next event that was ready from the start.
    let mut walk = 0;
    let mut placed = vec![false; n];
    let mut order = Vec::with_capacity(n);
    // Only a cycle leaves events unplaced with nothing ready; this walks the date order once to
    // free them one at a time, so even then the sort ends.
    let mut next_unplaced = 0;
    while order.len() < n {
        while walk < n
            && (placed[by_date[walk] as usize] || !ready_at_start[by_date[walk] as usize])
        {
            walk += 1;
        }
        let from_walk = (walk < n).then_some(walk as u32);
        let ix = match (from_walk, ready.peek()) {
            (Some(w), Some(&Reverse(h))) if h < w => {
                ready.pop();
                by_date[h as usize]
            }
            (Some(w), _) => by_date[w as usize],
            (None, Some(&Reverse(h))) => {
                ready.pop();
                by_date[h as usize]
            }
            (None, None) => {
                while placed[by_date[next_unplaced] as usize] {
                    next_unplaced += 1;
                }
                by_date[next_unplaced]
            }
        };
        if placed[ix as usize] {
            continue;
        }
        placed[ix as usize] = true;
        order.push(ix);
        for &effect in consequences(ix as usize) {
            if orders(ix as usize, effect) {
                let count = &mut waiting_on[effect as usize];
                *count = count.saturating_sub(1);
                if *count == 0 && !placed[effect as usize] {
                    ready.push(Reverse(rank[effect as usize]));
                }
            }
        }
    }
    order
}

/// Each event's place on the time axis, in reading order: its sort day, or the place of the
/// event before it when a cause pushed it down. Never decreasing, so the axis, year jumps and
/// "jump to date" can binary-search it although sort days alone are not sorted.
pub fn place_days<'a>(dates: impl IntoIterator<Item = &'a EventDate>) -> Vec<i64> {
    let mut last = i64::MIN;
    dates
        .into_iter()
        .map(|date| {
            last = last.max(date.sort_day());
            last
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn order(events: &[(&str, &str, &[u32])]) -> Vec<String> {
        let dates: Vec<EventDate> = events
            .iter()
            .map(|(_, d, _)| EventDate::parse(d).unwrap())
            .collect();
        reading_order(
            events.len(),
            |i| &dates[i],
            |i| events[i].0,
            |i| events[i].2,
        )
        .into_iter()
        .map(|ix| events[ix as usize].0.to_owned())
        .collect()
    }

    #[test]
    fn known_starts_sort_by_start_then_end_then_id() {
        let got = order(&[
            ("c", "1991-05-14", &[]),
            ("b", "1991-05", &[]),
            ("a", "1991", &[]),
            ("d", "1991-05-14", &[]),
        ]);
        assert_eq!(got, ["a", "b", "c", "d"]);
    }

    #[test]
    fn an_open_start_sorts_by_its_end() {
        let got = order(&[
            ("early-1991", "1991-02", &[]),
            ("before-coup", "../1992-04-04", &[]),
            ("unknown-start", "/1992-03", &[]),
            ("march-1992", "1992-03-15", &[]),
            ("coup", "1992-04-05", &[]),
        ]);
        assert_eq!(
            got,
            [
                "early-1991",
                "march-1992",
                "unknown-start",
                "before-coup",
                "coup"
            ]
        );
    }

    #[test]
    fn a_consequence_with_overlapping_dates_comes_after_its_cause() {
        // "April 1992" starts before the 5 April coup but was caused by it.
        let got = order(&[
            ("reaction", "1992-04", &[]),
            ("coup", "1992-04-05", &[0]),
            ("march", "1992-03", &[]),
            ("later", "1992-04-20", &[]),
        ]);
        assert_eq!(got, ["march", "coup", "reaction", "later"]);
    }

    #[test]
    fn a_chain_of_equal_dates_follows_the_links_not_the_ids() {
        let got = order(&[
            ("a", "1992-04", &[]),
            ("b", "1992-04", &[0]),
            ("c", "1992-04", &[1]),
        ]);
        assert_eq!(got, ["c", "b", "a"]);
    }

    #[test]
    fn a_consequence_dated_wholly_before_its_cause_keeps_its_date() {
        let got = order(&[("cause", "1995", &[1]), ("effect", "1990", &[])]);
        assert_eq!(got, ["effect", "cause"]);
    }

    #[test]
    fn a_cycle_still_ends_with_every_event_once() {
        let got = order(&[
            ("a", "1992", &[1]),
            ("b", "1992", &[2]),
            ("c", "1992", &[0]),
            ("d", "1991", &[]),
        ]);
        assert_eq!(got, ["d", "a", "b", "c"]);
    }

    #[test]
    fn place_days_never_decrease() {
        let dates: Vec<EventDate> = ["1992-04-05", "1992-04", "1992-04-20"]
            .iter()
            .map(|d| EventDate::parse(d).unwrap())
            .collect();
        let places = place_days(&dates);
        assert_eq!(
            places,
            [dates[0].earliest, dates[0].earliest, dates[2].earliest]
        );
    }

    proptest! {
        /// Prefixes never contradict the ids they are taken from.
        #[test]
        fn id_prefixes_order_as_the_ids_do(a in "[a-c\\-0-9]{0,20}", b in "[a-c\\-0-9]{0,20}") {
            let (pa, pb) = (id_prefix(&a), id_prefix(&b));
            if pa != pb {
                prop_assert_eq!(pa.cmp(&pb), a.cmp(&b));
            }
        }
    }

    /// The sort as it was written first, with every ready event in one heap: what [`by_links`]
    /// must give.
    fn one_heap<'a>(
        n: usize,
        by_date: &[u32],
        rank: &[u32],
        orders: impl Fn(usize, u32) -> bool,
        consequences: impl Fn(usize) -> &'a [u32],
    ) -> Vec<u32> {
        let mut waiting_on = vec![0u32; n];
        for cause in 0..n {
            for &effect in consequences(cause) {
                if orders(cause, effect) {
                    waiting_on[effect as usize] += 1;
                }
            }
        }

        // Ranks of the events whose causes are all placed, smallest (earliest by date) first.
        let mut ready: BinaryHeap<Reverse<u32>> = by_date
            .iter()
            .filter(|&&ix| waiting_on[ix as usize] == 0)
            .map(|&ix| Reverse(rank[ix as usize]))
            .collect();
        let mut placed = vec![false; n];
        let mut order = Vec::with_capacity(n);
        // Only a cycle leaves events unplaced with nothing ready; this walks the date order once to
        // free them one at a time, so even then the sort ends.
        let mut next_unplaced = 0;
        while order.len() < n {
            let ix = match ready.pop() {
                Some(Reverse(r)) => by_date[r as usize],
                None => {
                    while placed[by_date[next_unplaced] as usize] {
                        next_unplaced += 1;
                    }
                    by_date[next_unplaced]
                }
            };
            if placed[ix as usize] {
                continue;
            }
            placed[ix as usize] = true;
            order.push(ix);
            for &effect in consequences(ix as usize) {
                if orders(ix as usize, effect) {
                    let count = &mut waiting_on[effect as usize];
                    *count = count.saturating_sub(1);
                    if *count == 0 && !placed[effect as usize] {
                        ready.push(Reverse(rank[effect as usize]));
                    }
                }
            }
        }
        order
    }

    /// The date order the fast path returns is what the sort makes of links that all point
    /// down it: every event ready as its turn comes.
    #[test]
    fn links_that_follow_the_dates_leave_the_date_order() {
        let texts = [
            "1990",
            "1990-05",
            "1990-05-03",
            "1991",
            "../1991-02",
            "1991-02-01",
        ];
        let dates: Vec<EventDate> = texts.iter().map(|d| EventDate::parse(d).unwrap()).collect();
        let ids: Vec<String> = (0..texts.len()).map(|i| format!("e{i}")).collect();
        let by_date = reading_order(dates.len(), |i| &dates[i], |i| &ids[i], |_| &[]);
        let mut rank = vec![0u32; by_date.len()];
        for (r, &ix) in by_date.iter().enumerate() {
            rank[ix as usize] = r as u32;
        }
        // Each event caused by the one above it in date order, and the first causing all.
        let mut links: Vec<Vec<u32>> = vec![Vec::new(); dates.len()];
        for w in by_date.windows(2) {
            links[w[0] as usize].push(w[1]);
        }
        links[by_date[0] as usize].extend(by_date[2..].iter().copied());
        let orders = |cause: usize, effect: u32| {
            effect as usize != cause && link_orders(&dates[cause], &dates[effect as usize])
        };
        assert!(
            links
                .iter()
                .flatten()
                .any(|&e| orders(by_date[0] as usize, e))
        );
        let sorted = by_links(dates.len(), &by_date, &rank, orders, |i| &links[i]);
        assert_eq!(sorted, by_date);
        assert_eq!(
            reading_order(dates.len(), |i| &dates[i], |i| &ids[i], |i| &links[i]),
            by_date
        );
    }

    fn dates() -> impl Strategy<Value = String> {
        (1990i64..1993, 1u32..13, prop::option::of(1u32..29), 0u8..4).prop_map(
            |(y, m, d, shape)| {
                let point = match d {
                    Some(d) => format!("{y}-{m:02}-{d:02}"),
                    None => format!("{y}-{m:02}"),
                };
                match shape {
                    0 => format!("../{point}"),
                    1 => format!("{y}"),
                    _ => point,
                }
            },
        )
    }

    proptest! {
        /// Every event once; a cause above each consequence whose dates overlap it; events with
        /// no links among them in date order.
        #[test]
        fn the_order_is_a_topological_date_order(
            raw in prop::collection::vec((dates(), prop::collection::vec(0u32..30, 0..3)), 1..30)
        ) {
            let n = raw.len() as u32;
            // Links only go forward in the file, so there is no cycle, as after checking.
            let links: Vec<Vec<u32>> = raw
                .iter()
                .enumerate()
                .map(|(i, (_, l))| l.iter().map(|&e| e % n).filter(|&e| e > i as u32).collect())
                .collect();
            let parsed: Vec<EventDate> = raw.iter().map(|(d, _)| EventDate::parse(d).unwrap()).collect();
            let ids: Vec<String> = (0..raw.len()).map(|i| format!("e{i:02}")).collect();
            let order = reading_order(raw.len(), |i| &parsed[i], |i| &ids[i], |i| &links[i]);
            // Whether or not the fast path took it, the order is the sort's.
            let by_date = reading_order(raw.len(), |i| &parsed[i], |i| &ids[i], |_| &[]);
            let mut rank = vec![0u32; raw.len()];
            for (r, &ix) in by_date.iter().enumerate() {
                rank[ix as usize] = r as u32;
            }
            let orders = |cause: usize, effect: u32| {
                effect as usize != cause && link_orders(&parsed[cause], &parsed[effect as usize])
            };
            prop_assert_eq!(&order, &by_links(raw.len(), &by_date, &rank, orders, |i| &links[i]));
            prop_assert_eq!(&order, &one_heap(raw.len(), &by_date, &rank, orders, |i| &links[i]));
            // Links any way, cycles too (the checker refuses those; the sort must still end
            // and agree).
            let any_links: Vec<Vec<u32>> =
                raw.iter().map(|(_, l)| l.iter().map(|&e| e % n).collect()).collect();
            prop_assert_eq!(
                by_links(raw.len(), &by_date, &rank, orders, |i| &any_links[i]),
                one_heap(raw.len(), &by_date, &rank, orders, |i| &any_links[i])
            );
            let mut position = vec![usize::MAX; raw.len()];
            for (p, &ix) in order.iter().enumerate() {
                prop_assert_eq!(position[ix as usize], usize::MAX, "placed twice");
                position[ix as usize] = p;
            }
            prop_assert!(position.iter().all(|&p| p != usize::MAX));
            for (cause, effects) in links.iter().enumerate() {
                for &effect in effects {
                    if link_orders(&parsed[cause], &parsed[effect as usize]) {
                        prop_assert!(position[cause] < position[effect as usize]);
                    }
                }
            }
            if links.iter().all(Vec::is_empty) {
                for w in order.windows(2) {
                    let key = |i: u32| {
                        let d = &parsed[i as usize];
                        (d.sort_day(), d.latest, &ids[i as usize])
                    };
                    prop_assert!(key(w[0]) <= key(w[1]));
                }
            }
        }
    }
}
