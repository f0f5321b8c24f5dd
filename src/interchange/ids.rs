//! Ids for things that arrive without one: a slug of their title (see [`crate::fold::slug`]),
//! made unique.

use std::collections::HashSet;

pub use crate::fold::slug;

/// True when `id` can be used as written: what [`slug`] would produce, plus `_` and `.` which
/// people use in hand-made ids.
pub fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Hands out ids unique within one namespace: the second "Treaty" becomes `treaty-2`.
#[derive(Debug, Default)]
pub struct IdAllocator {
    taken: HashSet<String>,
}

impl IdAllocator {
    /// Reserves an id given in the file; false when it was already taken.
    pub fn reserve(&mut self, id: &str) -> bool {
        self.taken.insert(id.to_owned())
    }

    /// A fresh id from `text`'s slug, or from `fallback` when the text has no letters or digits.
    pub fn fresh(&mut self, text: &str, fallback: &str) -> String {
        let base = slug(text).unwrap_or_else(|| fallback.to_owned());
        self.unique(&base)
    }

    /// `base`, or `base-2`, `base-3`... whichever is free first.
    pub fn unique(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_owned()) {
            return base.to_owned();
        }
        let mut n = 2usize;
        loop {
            let candidate = format!("{base}-{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocator_numbers_repeats_from_two() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.fresh("Treaty", "event"), "treaty");
        assert_eq!(ids.fresh("Treaty!", "event"), "treaty-2");
        assert_eq!(ids.fresh("treaty", "event"), "treaty-3");
        assert_eq!(ids.fresh("!!", "event"), "event");
    }

    #[test]
    fn reserved_ids_are_not_handed_out_again() {
        let mut ids = IdAllocator::default();
        assert!(ids.reserve("wistia"));
        assert!(!ids.reserve("wistia"));
        assert_eq!(ids.fresh("Wistia", "event"), "wistia-2");
    }

    #[test]
    fn plain_ids_are_ascii_words() {
        assert!(is_plain_id("wikipedia-images"));
        assert!(is_plain_id("a_b.c"));
        assert!(!is_plain_id(""));
        assert!(!is_plain_id("-x"));
        assert!(!is_plain_id("with space"));
    }
}
