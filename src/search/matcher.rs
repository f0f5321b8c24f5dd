//! The fuzzy matcher behind one small trait, so another algorithm can be compared side by side
//! (the bench plugs in nucleo-matcher) without touching ranking, narrowing or the worker.

use fuzzy_matcher::skim::SkimMatcherV2;

/// Scores a folded needle against a folded haystack. Both sides are already plain (see
/// [`crate::fold`]), so implementations compare chars exactly.
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

    /// The same bound knowing the needle itself, for a haystack that starts with the needle's first
    /// char (`at_start`) or not. A matcher whose bonuses depend on neighbouring chars can bound far
    /// tighter here than by length alone.
    fn max_score_for(&self, needle: &str, at_start: bool) -> i64 {
        let chars = needle.chars().count();
        if at_start {
            self.max_score(chars)
        } else {
            self.max_score_not_at_start(chars)
        }
    }

    /// The same bound for this one haystack. A field that begins with the needle's first char but
    /// not with its first two (a summary "talks in lima … a turning point" for `turning`) would
    /// otherwise keep the start's ceiling, above every score it can reach: a million such
    /// summaries were each handed to the matcher.
    fn max_score_in(&self, haystack: &str, needle: &str) -> i64 {
        self.max_score_for(needle, haystack.chars().next() == needle.chars().next())
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

    /// Skim's bonus for a char depends on the char before it, and when two needle chars match side
    /// by side that char is the needle's own: in `asunc` every char after the first follows a
    /// letter and earns at most 16 + 4 (a consecutive or a gapped match, whichever is better),
    /// not 24. Off the start the first char loses the doubled bonus too. Many fields of a million
    /// events tie at exactly this score, so only a bound this tight lets ranking pass over them.
    /// `skim_bound_holds_exhaustively_for_short_strings` and `skim_scores_stay_under_the_bound`
    /// check it.
    fn max_score_for(&self, needle: &str, at_start: bool) -> i64 {
        let mut chars = needle.chars();
        let Some(mut previous) = chars.next() else {
            return 0;
        };
        let mut bound = if at_start {
            SKIM_MAX_PER_CHAR + SKIM_FIRST_EXTRA
        } else {
            SKIM_MAX_PER_CHAR - 1
        };
        for c in chars {
            bound += if c == previous {
                // A repeated char may carry a bonus from the cell before; take Skim's largest.
                2 * SKIM_MATCH
            } else {
                SKIM_MATCH + skim_bonus_after(previous, c).max(SKIM_CONSECUTIVE)
            };
            previous = c;
        }
        bound
    }

    fn max_score_in(&self, haystack: &str, needle: &str) -> i64 {
        self.skim_max_score_in(haystack, needle)
    }
}

impl SkimMatcher {
    /// What `max_score_in` adds to the bound for [`Matcher::max_score_for`]: an alignment that
    /// puts the needle's first char at the haystack's start (the only one the start's doubled
    /// bonus can reward) reaches the needle's second char at char `q` only across a gap when
    /// `q > 1`, and Skim's gap costs: the second char then earns at most `16 + 8 − 4 − (q − 2)`
    /// (match, a word head's bonus, the gap's opening and its extension), in place of the
    /// increment `max_score_for` allows it. The rest of the needle is bounded as there. Every
    /// other alignment starts off the start, under the bound for a haystack that does not begin
    /// with the needle's first char. So once `q` is far enough, the start adds nothing.
    fn skim_max_score_in(&self, haystack: &str, needle: &str) -> i64 {
        let mut wanted = needle.chars();
        let mut chars = haystack.chars();
        let (Some(first), Some(second)) = (wanted.next(), wanted.next()) else {
            return self.max_score_for(needle, haystack.chars().next() == needle.chars().next());
        };
        if chars.next() != Some(first) {
            return self.max_score_for(needle, false);
        }
        let at = self.max_score_for(needle, true);
        let rest = chars.as_str();
        if rest.starts_with(second) {
            // Side by side: the start's ceiling stands.
            return at;
        }
        let off = self.max_score_for(needle, false);
        let second_step = if second == first {
            2 * SKIM_MATCH
        } else {
            SKIM_MATCH + skim_bonus_after(first, second).max(SKIM_CONSECUTIVE)
        };
        // The start's alignments, with the second char at char `q > 1`.
        let from_start =
            |q: i64| at - second_step + SKIM_MATCH + SKIM_HEAD - SKIM_GAP_OPEN - (q - 2);
        // From this `q` on they stay under `off`: no need to look further.
        let horizon = usize::try_from(from_start(0) - off).unwrap_or(0);
        match rest.chars().take(horizon).position(|c| c == second) {
            Some(p) => off.max(from_start(i64::try_from(p).unwrap_or(i64::MAX - 1) + 1)),
            None => off,
        }
    }
}

/// Skim's score for a matched char.
const SKIM_MATCH: i64 = 16;
/// Skim's largest bonus for a char's place off the start (a word head; a break 7, a hump 6).
const SKIM_HEAD: i64 = 8;
/// What a gap of one char costs (its opening −3 and extension −1); each further char −1.
const SKIM_GAP_OPEN: i64 = 4;
/// Skim's least bonus for a char matched right after the previous one; a char after a gap earns
/// at most its word-head bonus (8) less the gap's opening (−4), the same.
const SKIM_CONSECUTIVE: i64 = 4;

/// Skim's bonus for `c` following `previous` (its `CharRole`, from its `CharType`s): a word head
/// after the start, a space or a bracket; a break after punctuation; a camel hump where a capital
/// follows a lower-case letter or a digit; nothing inside a word.
fn skim_bonus_after(previous: char, c: char) -> i64 {
    match previous {
        '\0' | ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => 8,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => 7,
        // Skim calls every other char lower case, so only a capital makes a hump.
        _ if !previous.is_ascii_uppercase() && c.is_ascii_uppercase() => 6,
        _ => 0,
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

    /// Behind a narrowing test that failed once in many runs: with fuzzy-matcher 0.3.7 as
    /// published, whose cached score matrix kept values from earlier calls (fixed in
    /// `vendor/fuzzy-matcher`, see PATCHED.md there),
    /// `keeper` scored 79 for `eepe` after `e e p e` had been scored on the same thread, 87 after
    /// `deep peel`, and 75 on a fresh one.
    #[test]
    fn scores_do_not_depend_on_earlier_calls() {
        let fresh = SkimMatcher::new().score("keeper", "eepe");
        assert_eq!(fresh, Some(75));
        for (hay, needle) in [("e e p e", "ep"), ("deep peel", "deep peel")] {
            let m = SkimMatcher::new();
            m.score(hay, needle);
            assert_eq!(m.score("keeper", "eepe"), fresh, "after {hay:?}");
        }
    }

    #[test]
    fn skim_needle_bound_is_reached_by_a_word_start() {
        let m = SkimMatcher::new();
        assert_eq!(
            m.score("talks in asuncion", "asunc"),
            Some(m.max_score_for("asunc", false))
        );
        assert_eq!(
            m.score("asuncion", "asunc"),
            Some(m.max_score_for("asunc", true))
        );
        assert_eq!(m.max_score_for("", false), 0);
    }

    /// The summaries `turning` was slow on: each begins with its `t`, and each scores exactly the
    /// ceiling off the start, so only a bound that knows the `u` is far from the start passes
    /// over them; a `u` close to the start keeps the start's ceiling.
    #[test]
    fn skim_haystack_bound_sees_past_a_lone_first_char() {
        let m = SkimMatcher::new();
        let summary = "talks in lima with the oas follow months of pressure; a turning point.";
        let off = m.max_score_for("turning", false);
        assert_eq!(m.score(summary, "turning"), Some(off));
        assert_eq!(m.max_score_in(summary, "turning"), off);
        assert!(m.max_score_in("tu", "turning") == m.max_score_for("turning", true));
        assert!(m.max_score_in("t-u", "turning") > off);
        assert_eq!(m.max_score_in("lima turning", "turning"), off);
        // A repeated first char side by side at the start keeps the start's ceiling.
        assert_eq!(m.max_score_in("aab", "aa"), m.max_score_for("aa", true));
        assert_eq!(m.max_score_in("a-a", "aa"), m.max_score_for("aa", false));
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
        let needles = all(&['a', 'b', ' ', '.'], 3);
        for hay in all(&['a', 'b', 'B', ' ', '.', '1'], 5) {
            for needle in &needles[1..] {
                if let Some(score) = m.score(&hay, needle) {
                    let n = needle.chars().count();
                    assert!(score <= m.max_score(n), "{hay:?} {needle:?}: {score}");
                    let at_start = hay.chars().next() == needle.chars().next();
                    if !at_start {
                        let bound = m.max_score_not_at_start(n);
                        assert!(score <= bound, "{hay:?} {needle:?}: {score} > {bound}");
                    }
                    let bound = m.max_score_for(needle, at_start);
                    assert!(score <= bound, "{hay:?} {needle:?}: {score} > {bound}");
                    let bound = m.max_score_in(&hay, needle);
                    assert!(
                        score <= bound,
                        "{hay:?} {needle:?}: {score} > {bound} in it"
                    );
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

        #[test]
        fn a_score_is_the_same_whatever_came_before(
            before in proptest::collection::vec(("[a-c .]{0,16}", "[a-c ]{1,6}"), 0..4),
            hay in "[a-c .]{0,16}",
            needle in "[a-c ]{1,4}",
        ) {
            let m = SkimMatcher::new();
            for (h, n) in &before {
                m.score(h, n);
            }
            prop_assert_eq!(m.score(&hay, &needle), SkimMatcher::new().score(&hay, &needle));
        }

        /// The haystack-aware bound, where it differs from the needle's: haystacks that begin with
        /// the needle's first char, its second char at every distance, repeated chars included.
        #[test]
        fn skim_haystack_bound_holds(
            gap in "[a-dA-D0-9 ,.(/-]{0,14}",
            rest in "[a-dA-D0-9 ,.()/-]{0,40}",
            needle in "[a-d0-9 ,.(-]{2,8}",
        ) {
            let m = SkimMatcher::new();
            let first = needle.chars().next().unwrap_or('a');
            for hay in [format!("{first}{gap}{needle}{rest}"), format!("{first}{gap}{rest}"),
                        format!("{first}{rest}")] {
                if let Some(score) = m.score(&hay, &needle) {
                    let bound = m.max_score_in(&hay, &needle);
                    prop_assert!(score <= bound, "{hay:?} {needle:?}: {score} > {bound}");
                }
            }
        }

        /// The needle-aware bound, on text shaped like titles: words, separators, digits, capitals.
        #[test]
        fn skim_needle_bound_holds(
            hay in "[a-dA-D0-9 ,.()/-]{0,60}",
            needle in "[a-d0-9 ,.(-]{1,8}",
        ) {
            let m = SkimMatcher::new();
            for hay in [hay.clone(), format!("{needle}{hay}"), format!("x {needle}{hay}")] {
                if let Some(score) = m.score(&hay, &needle) {
                    let at_start = hay.chars().next() == needle.chars().next();
                    let bound = m.max_score_for(&needle, at_start);
                    prop_assert!(score <= bound, "{hay:?} {needle:?}: {score} > {bound}");
                }
            }
        }
    }
}
