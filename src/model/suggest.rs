//! "Did you mean …?" for misspelt ids and field names.
//!
//! Comparing every bad reference with every id is quadratic: twenty thousand unknown references
//! against twenty thousand ids is 400 million comparisons. A [`Suggester`] therefore compares a
//! misspelt id only with its neighbours: the [`NEIGHBOURS`] ids on each side of it in sorted order
//! (they share its beginning, so they catch a typo late in the word) and the [`NEIGHBOURS`] on each
//! side in the order of the reversed ids (they share its end: a typo early in the word). A list
//! of at most `4 × NEIGHBOURS` ids is searched whole, so small files get exactly the closest id.
//! Each distinct misspelling is looked up once. The cost is `O(log n)` per distinct bad value
//! after an `O(n log n)` sort.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// How many ids on each side of a misspelling, in each order, are compared with it.
pub const NEIGHBOURS: usize = 16;

/// The lowest Jaro-Winkler similarity that is still a likely typo.
const THRESHOLD: f64 = 0.8;

/// The candidate closest to `wanted`, if it is close enough to be a likely typo. Compares with
/// every candidate: for short lists (field names); ids go through a [`Suggester`].
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    best(
        &wanted_lower,
        candidates.into_iter().map(|c| (c.to_lowercase(), c)),
    )
}

/// The best of `(lower-cased candidate, candidate)` pairs for a lower-cased `wanted`.
fn best<'a, L: AsRef<str>>(
    wanted_lower: &str,
    candidates: impl Iterator<Item = (L, &'a str)>,
) -> Option<&'a str> {
    candidates
        .map(|(lower, candidate)| {
            (
                strsim::jaro_winkler(wanted_lower, lower.as_ref()),
                candidate,
            )
        })
        .filter(|(score, _)| *score >= THRESHOLD)
        // The first of equal scores, in the order given.
        .fold(None::<(f64, &str)>, |kept, next| match kept {
            Some(kept) if kept.0 >= next.0 => Some(kept),
            _ => Some(next),
        })
        .map(|(_, candidate)| candidate)
}

/// Suggestions among a fixed list of ids, for many misspellings (see the module's doc).
pub struct Suggester<'a> {
    /// (lower-cased id, id), sorted.
    forward: Vec<(String, &'a str)>,
    /// (reversed lower-cased id, id), sorted.
    backward: Vec<(String, &'a str)>,
    answers: RefCell<HashMap<String, Option<&'a str>>>,
    comparisons: Cell<usize>,
}

impl<'a> Suggester<'a> {
    pub fn new(ids: impl IntoIterator<Item = &'a str>) -> Self {
        let mut forward: Vec<(String, &str)> =
            ids.into_iter().map(|id| (id.to_lowercase(), id)).collect();
        forward.sort_unstable();
        forward.dedup();
        let mut backward: Vec<(String, &str)> = forward
            .iter()
            .map(|(lower, id)| (lower.chars().rev().collect(), *id))
            .collect();
        backward.sort_unstable();
        Suggester {
            forward,
            backward,
            answers: RefCell::default(),
            comparisons: Cell::new(0),
        }
    }

    /// The id closest to `wanted` among its neighbours, if it is close enough to be a typo.
    pub fn closest(&self, wanted: &str) -> Option<&'a str> {
        if let Some(&known) = self.answers.borrow().get(wanted) {
            return known;
        }
        let lower = wanted.to_lowercase();
        let found = if self.forward.len() <= 4 * NEIGHBOURS {
            self.compare(&lower, self.forward.iter())
        } else {
            let reversed: String = lower.chars().rev().collect();
            let forward = neighbours(&self.forward, &lower);
            let backward = neighbours(&self.backward, &reversed);
            // Backward entries hold reversed keys; compare the ids themselves.
            let backward = backward.iter().map(|(_, id)| (id.to_lowercase(), *id));
            let mut candidates: Vec<(String, &str)> = forward.to_vec();
            candidates.extend(backward);
            // One order for ties, whichever list a candidate came from.
            candidates.sort_unstable();
            candidates.dedup();
            self.compare(&lower, candidates.iter())
        };
        self.answers.borrow_mut().insert(wanted.to_owned(), found);
        found
    }

    fn compare<'c>(
        &self,
        lower: &str,
        candidates: impl Iterator<Item = &'c (String, &'a str)>,
    ) -> Option<&'a str>
    where
        'a: 'c,
    {
        best(
            lower,
            candidates.map(|(l, id)| {
                self.comparisons.set(self.comparisons.get() + 1);
                (l.as_str(), *id)
            }),
        )
    }

    /// How many ids have been compared so far, for tests of the cost.
    pub fn comparisons(&self) -> usize {
        self.comparisons.get()
    }
}

/// The [`NEIGHBOURS`] entries on each side of where `key` would sort in `list`.
fn neighbours<'l, T>(list: &'l [(String, T)], key: &str) -> &'l [(String, T)] {
    let at = list.partition_point(|(id, _)| id.as_str() < key);
    &list[at.saturating_sub(NEIGHBOURS)..(at + NEIGHBOURS).min(list.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let ids = ["fujimori", "united-states", "imf"];
        assert_eq!(closest("fujimory", ids), Some("fujimori"));
        assert_eq!(closest("united-state", ids), Some("united-states"));
        assert_eq!(closest("venezuela", ids), None);
        let suggester = Suggester::new(ids);
        assert_eq!(suggester.closest("fujimory"), Some("fujimori"));
        assert_eq!(suggester.closest("venezuela"), None);
    }

    /// Typos at either end of an id are found among many similar ids.
    #[test]
    fn typos_early_and_late_are_found_among_many_ids() {
        let ids: Vec<String> = (0..50_000).map(|n| format!("actor-{n:05}-x")).collect();
        let suggester = Suggester::new(ids.iter().map(String::as_str));
        assert_eq!(suggester.closest("actor-12345-y"), Some("actor-12345-x"));
        assert_eq!(suggester.closest("bctor-12345-x"), Some("actor-12345-x"));
        assert_eq!(suggester.closest("ACTOR-12345-X"), Some("actor-12345-x"));
    }

    /// Twenty thousand distinct misspellings against twenty thousand ids cost a bounded number
    /// of comparisons each (quadratic would be 400 million), and a repeated one costs nothing.
    #[test]
    fn the_cost_per_misspelling_is_bounded() {
        let ids: Vec<String> = (0..20_000).map(|n| format!("id-{n}")).collect();
        let suggester = Suggester::new(ids.iter().map(String::as_str));
        for n in 0..20_000 {
            suggester.closest(&format!("di-{n}"));
        }
        let made = suggester.comparisons();
        assert!(made <= 20_000 * 4 * NEIGHBOURS, "{made} comparisons");
        suggester.closest("di-7");
        assert_eq!(suggester.comparisons(), made);
    }
}
