//! What matches and how well: the tiers (exact, prefix, word start, anywhere) and the rules that
//! decide whether a field matches a query at all.

use crate::search::Field;

/// How a short field (name, alias, title, tag, date) matches: the query's first char starts a word
/// there and the rest follow in order (`imf` in "international monetary fund", `fjmr` in
/// "fujimori"), or the query appears as typed (`mori` in "fujimori"). A query scattered from the
/// middle of a word is noise: "cholera" spread over "becomes the soviets' biggest military
/// customer" is no match. Both rules keep every match of a longer query among the shorter one's
/// matches, which narrowing relies on.
///
/// Matching from the first word start where the first char appears is enough: any later one leaves
/// less text for the rest. Returns where a longer needle resumes: just after the greedy match from
/// that word start, or 0 (start over) when the field matched only as typed.
pub(super) fn fuzzy_field_match(text: &str, needle: &str) -> Option<usize> {
    let mut chars = needle.chars();
    let Some(first) = chars.next() else {
        return Some(0);
    };
    let anchored = text
        .match_indices(first)
        .find(|&(at, _)| !first.is_alphanumeric() || starts_word_at(text, at))
        .and_then(|(at, _)| {
            let from = at + first.len_utf8();
            subsequence_end(&text[from..], chars.as_str()).map(|end| from + end)
        });
    anchored.or_else(|| text.contains(needle).then_some(0))
}

/// True when byte `at` of `text` begins a word: nothing alphanumeric just before it.
pub(crate) fn starts_word_at(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// The byte offset just after the greedy (leftmost) match of `needle` as a subsequence of
/// `haystack`, or `None`. Greedy is what makes resuming valid: a longer needle is a subsequence
/// exactly when its added chars are one of what follows this offset.
pub(super) fn subsequence_end(haystack: &str, needle: &str) -> Option<usize> {
    let mut at = 0;
    for c in needle.chars() {
        // A memchr for the char's last byte, then a check of the rest.
        at += haystack[at..].find(c)? + c.len_utf8();
    }
    Some(at)
}

/// 3 exact, 2 prefix, 1 the query starts a word, 0 anywhere else (scattered or inside a word).
#[cfg(test)]
pub(super) fn tier(text: &str, needle: &str) -> i64 {
    cheap_tier(text, needle).unwrap_or_else(|| i64::from(starts_a_word(text, needle)))
}

/// The tier when a comparison at the start settles it (exact, prefix, empty query); `None` when
/// telling word start from elsewhere needs a scan.
pub(super) fn cheap_tier(text: &str, needle: &str) -> Option<i64> {
    if needle.is_empty() {
        Some(0)
    } else if text == needle {
        Some(3)
    } else if text.starts_with(needle) {
        Some(2)
    } else {
        None
    }
}

/// Short fields match fuzzily; a summary only where the query appears as typed, because nearly
/// every paragraph holds a few given letters in order and such matches would bury the real ones.
pub(crate) fn field_matches(field: Field, text: &str, needle: &str) -> bool {
    match field {
        Field::Summary => text.contains(needle),
        _ => fuzzy_field_match(text, needle).is_some(),
    }
}

/// Byte offset of the occurrence of `needle` to show: the first at a word start, else the first.
pub(crate) fn shown_occurrence(text: &str, needle: &str) -> Option<usize> {
    let mut first = None;
    for (at, _) in text.match_indices(needle) {
        if text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
        {
            return Some(at);
        }
        first.get_or_insert(at);
    }
    first
}

pub(super) fn starts_a_word(text: &str, needle: &str) -> bool {
    text.match_indices(needle)
        .any(|(at, _)| starts_word_at(text, at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::matcher::{Matcher, SkimMatcher};

    #[test]
    fn a_short_field_matches_from_a_word_start_or_as_typed() {
        let matches = |text: &str, needle: &str| field_matches(Field::Name, text, needle);
        assert!(matches("international monetary fund", "imf"));
        assert!(matches("alberto fujimori", "fjmr"));
        assert!(
            matches("alberto fujimori", "mori"),
            "as typed, inside a word"
        );
        assert!(matches("(comun)", "cmn"));
        assert!(
            matches("a-b", "-b"),
            "a first char that is no letter may be anywhere"
        );
        // Scattered from inside words: the noise the rule keeps out.
        let soviets = "peru becomes the soviets' biggest military customer in south america";
        assert!(!matches(soviets, "cholera"));
        assert!(!matches("peruvian armed forces", "imf"));
        assert!(!matches("argentina recalls its ambassador", "garcia"));
        assert!(!matches("refujio", "fjo"));
        // A later word start leaves less text, so the first one decides.
        assert!(matches("fx fjord", "fjd"));
        assert_eq!(fuzzy_field_match("alberto fujimori", "fuj"), Some(11));
        assert_eq!(fuzzy_field_match("alberto fujimori", "jim"), Some(0));
        // Summaries still match only as typed.
        assert!(!field_matches(Field::Summary, "alberto fujimori", "fjmr"));
    }

    proptest::proptest! {
        /// Narrowing keeps only the previous query's matches, so whatever matches a longer query
        /// must match every shorter one; and every match is one Skim can score.
        #[test]
        fn a_field_matching_a_query_matches_its_prefixes(
            text in "[ab (-]{0,24}",
            needle in "[ab (-]{1,6}",
        ) {
            if field_matches(Field::Name, &text, &needle) {
                proptest::prop_assert!(SkimMatcher::new().score(&text, &needle).is_some());
                for end in 0..needle.len() {
                    proptest::prop_assert!(
                        field_matches(Field::Name, &text, &needle[..end]),
                        "{:?} matches {:?} but not {:?}", text, needle, &needle[..end]
                    );
                }
            }
        }
    }

    #[test]
    fn word_start_needs_a_boundary_before_it() {
        assert!(starts_a_word("alberto fujimori", "fuj"));
        assert!(starts_a_word("(fuj)", "fuj"));
        assert!(!starts_a_word("refujio", "fuj"));
        assert_eq!(tier("peru", "peru"), 3);
        assert_eq!(tier("peruvian", "peru"), 2);
        assert_eq!(tier("a peru", "peru"), 1);
        assert_eq!(tier("superu", "peru"), 0);
    }
}
