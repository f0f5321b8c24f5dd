//! Ids for things that arrive without one: a slug of their title, made unique.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

/// Slugs longer than this are cut at a word boundary: an id is typed and read, not a title.
const MAX_SLUG: usize = 48;

/// `"Ada Lovelace: the first programmer"` → `"ada-lovelace-the-first-programmer"`. Accents are
/// dropped (`é` → `e`) so ids stay ASCII; `None` when nothing usable is left.
pub fn slug(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in text.nfkd() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else if !unicode_normalization::char::is_combining_mark(c) && c != '\'' && c != '’' {
            pending_dash = true;
        }
    }
    if out.len() > MAX_SLUG {
        let cut = out[..MAX_SLUG]
            .rfind('-')
            .filter(|&i| i > 0)
            .unwrap_or(MAX_SLUG);
        out.truncate(cut);
    }
    (!out.is_empty()).then_some(out)
}

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
    fn slug_lowercases_and_joins_words_with_dashes() {
        assert_eq!(
            slug("Ada Lovelace: the first programmer").as_deref(),
            Some("ada-lovelace-the-first-programmer")
        );
        assert_eq!(
            slug("  ...And the women who made it work").as_deref(),
            Some("and-the-women-who-made-it-work")
        );
    }

    #[test]
    fn slug_drops_accents_and_apostrophes() {
        assert_eq!(slug("Perú's autogolpe").as_deref(), Some("perus-autogolpe"));
    }

    #[test]
    fn slug_of_nothing_usable_is_none() {
        assert_eq!(slug("¿?"), None);
        assert_eq!(slug(""), None);
    }

    #[test]
    fn long_slugs_are_cut_at_a_word_boundary() {
        let s = slug(&"word ".repeat(30)).unwrap();
        assert!(s.len() <= MAX_SLUG);
        assert!(!s.ends_with('-'));
        assert!(s.ends_with("word"));
    }

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
