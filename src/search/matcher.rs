//! The fuzzy matcher behind one small trait, so another algorithm can be compared side by side
//! (the bench plugs in nucleo-matcher) without touching ranking, narrowing or the worker.

use fuzzy_matcher::skim::SkimMatcherV2;

/// Scores a folded needle against a folded haystack. Both sides are already plain (see
/// [`super::fold`]), so implementations compare chars exactly.
pub trait Matcher: Send + Sync {
    /// Higher is better; `None` when the needle is not a subsequence of the haystack.
    fn score(&self, haystack: &str, needle: &str) -> Option<i64>;

    /// Char positions in `haystack` of the best alignment; `None` when there is no match.
    fn positions(&self, haystack: &str, needle: &str) -> Option<Vec<usize>>;

    /// No `score` for a needle of `needle_chars` chars exceeds this. Ranking skips scoring a field
    /// whose best possible total cannot enter the top results, so the bound must hold for every
    /// haystack; a loose bound only costs speed.
    fn max_score(&self, needle_chars: usize) -> i64;

    /// The same bound for a haystack whose first char differs from the needle's first char, which
    /// rules out a match at the very start; a matcher that rewards the start can return less.
    fn max_score_not_at_start(&self, needle_chars: usize) -> i64 {
        self.max_score(needle_chars)
    }
}

/// fuzzy-matcher's Skim v2 algorithm (fzf's scoring): bonuses for word starts and runs, penalties
/// for gaps.
#[derive(Default)]
pub struct SkimMatcher {
    inner: SkimMatcherV2,
}

impl SkimMatcher {
    pub fn new() -> SkimMatcher {
        SkimMatcher {
            // Both sides are folded to lower case already; respecting case skips Skim's smart-case scan.
            inner: SkimMatcherV2::default().respect_case(),
        }
    }
}

impl std::fmt::Debug for SkimMatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SkimMatcher")
    }
}

/// Skim's default per-char ceiling: a match (16) plus a word-head bonus (8), which consecutive
/// matches carry on. The first char may instead sit at the very start, where the bonus doubles
/// (16), less the −1 Skim seeds its gap row with. `skim_scores_stay_under_the_bound` checks the
/// bound; the tighter it is, the more fields ranking can skip.
const SKIM_MAX_PER_CHAR: i64 = 24;
const SKIM_FIRST_EXTRA: i64 = 7;

impl Matcher for SkimMatcher {
    fn score(&self, haystack: &str, needle: &str) -> Option<i64> {
        self.inner.fuzzy(haystack, needle, false).map(|(s, _)| s)
    }

    fn positions(&self, haystack: &str, needle: &str) -> Option<Vec<usize>> {
        self.inner.fuzzy(haystack, needle, true).map(|(_, p)| p)
    }

    fn max_score(&self, needle_chars: usize) -> i64 {
        if needle_chars == 0 {
            return 0;
        }
        let n = i64::try_from(needle_chars).unwrap_or(i64::MAX / SKIM_MAX_PER_CHAR);
        n.saturating_mul(SKIM_MAX_PER_CHAR)
            .saturating_add(SKIM_FIRST_EXTRA)
    }
}

/// True when `needle` is a subsequence of `haystack` (chars in order, gaps allowed): exactly when
/// a fuzzy matcher can match at all. Each step is a memchr-backed `find`, so a miss costs a scan.
pub fn is_subsequence(haystack: &str, needle: &str) -> bool {
    let mut rest = haystack;
    for c in needle.chars() {
        match rest.find(c) {
            Some(at) => rest = &rest[at + c.len_utf8()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn subsequence_follows_char_order() {
        assert!(is_subsequence("international monetary fund", "imf"));
        assert!(is_subsequence("peru", ""));
        assert!(!is_subsequence("fmi", "imf"));
        assert!(is_subsequence("asunción", "ón"));
        assert!(!is_subsequence("asuncion", "ó"));
    }

    #[test]
    fn skim_prefers_word_starts() {
        let m = SkimMatcher::new();
        let start = m.score("alberto fujimori", "fuj").unwrap();
        let inside = m.score("refujio", "fuj").unwrap();
        assert!(start > inside, "{start} <= {inside}");
        assert_eq!(m.positions("alberto fujimori", "fuj"), Some(vec![8, 9, 10]));
        assert_eq!(m.score("peru", "x"), None);
    }

    #[test]
    fn skim_bound_is_reached_by_a_prefix() {
        let m = SkimMatcher::new();
        assert_eq!(m.score("a", "a"), Some(m.max_score(1)));
        assert!(m.score("abc", "abc") <= Some(m.max_score(3)));
        assert!(m.score("abc", "abc") > Some(m.max_score(3) - 16));
    }

    /// Every short haystack and needle over letters, a capital, a space and punctuation.
    #[test]
    fn skim_bound_holds_exhaustively_for_short_strings() {
        fn all(alphabet: &[char], max: usize) -> Vec<String> {
            let mut out = vec![String::new()];
            let mut frontier = vec![String::new()];
            for _ in 0..max {
                frontier = frontier
                    .iter()
                    .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                    .collect();
                out.extend(frontier.iter().cloned());
            }
            out
        }
        let m = SkimMatcher::new();
        let needles = all(&['a', 'b', ' '], 3);
        for hay in all(&['a', 'b', 'B', ' ', '.'], 5) {
            for needle in &needles[1..] {
                if let Some(score) = m.score(&hay, needle) {
                    let n = needle.chars().count();
                    assert!(score <= m.max_score(n), "{hay:?} {needle:?}: {score}");
                    if hay.chars().next() != needle.chars().next() {
                        let bound = m.max_score_not_at_start(n);
                        assert!(score <= bound, "{hay:?} {needle:?}: {score} > {bound}");
                    }
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]
        #[test]
        fn skim_scores_stay_under_the_bound(hay in "[a-cA-C _.-]{0,40}", needle in "[a-c _.-]{1,8}") {
            let m = SkimMatcher::new();
            let n = needle.chars().count();
            if let Some(score) = m.score(&hay, &needle) {
                prop_assert!(score <= m.max_score(n), "{score} > bound for {n}");
                if hay.chars().next() != needle.chars().next() {
                    prop_assert!(score <= m.max_score_not_at_start(n), "{score} not at start");
                }
            }
            let at_start = format!("{needle}{hay}");
            if let Some(score) = m.score(&at_start, &needle) {
                prop_assert!(score <= m.max_score(n), "{score} > bound for {n}");
            }
            prop_assert_eq!(m.score(&hay, &needle).is_some(), is_subsequence(&hay, &needle));
        }
    }
}
