//! The scan over a candidate list, and its split over threads.

use std::cmp::Reverse;

use super::ceiling::MATCHER_CLAMP;
use super::top_k::{Ranked, TopK};
use super::trail::{Eval, Needle, Trail, best_field, resume};
use crate::search::corpus::Corpus;
use crate::search::matcher::Matcher;
use crate::search::{Field, Hit};

/// Items between two looks at the cancellation flag: long enough that the check costs nothing,
/// short enough (well under a millisecond) that a stale search stops at once.
pub(crate) const CHUNK: usize = 4096;

/// What one scan is asked for.
pub(crate) struct Pass<'a> {
    pub corpus: &'a Corpus,
    pub matcher: &'a dyn Matcher,
    pub needle: &'a Needle<'a>,
    pub limit: usize,
    /// Check candidates that cannot enter the top for a match too, so the trails name exactly the
    /// matches; without, they are passed on as they came.
    pub exact: bool,
}

/// Scans `candidates` into `out` (a trail for every candidate that may still match, in the order
/// scanned) and returns the best `limit` hits, best first; `None` as soon as `cancelled` says so.
/// `out` is overwritten, not reallocated: a session hands back the same buffers every keystroke,
/// because on this machine faulting in 32 MB of fresh pages for a million trails costs about as
/// much as the narrowing itself. Large scans are split over the cores; the halves keep their own
/// top lists, merged at the end, so the result is the same as one pass.
pub(crate) fn scan(
    pass: &Pass<'_>,
    candidates: &[Trail],
    out: &mut Vec<Trail>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Hit>> {
    out.clear();
    out.resize(candidates.len(), Trail::fresh(0));
    let threads = threads_for(candidates.len());
    let part = candidates.len().div_ceil(threads).max(1);
    let parts: Vec<Option<(usize, TopK)>> = if threads <= 1 {
        vec![scan_part(pass, candidates, out, cancelled)]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = candidates
                .chunks(part)
                .zip(out.chunks_mut(part))
                .map(|(c, o)| scope.spawn(move || scan_part(pass, c, o, cancelled)))
                .collect();
            // A part that panicked is a bug, not a cancelled scan: re-raise it here rather than
            // answer as if cancelled, which callers take for "no answer yet".
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        })
    };
    let mut top = TopK::new(pass.limit);
    let mut kept = 0;
    for (i, part_result) in parts.into_iter().enumerate() {
        let (written, part_top) = part_result?;
        let start = i * part;
        out.copy_within(start..start + written, kept);
        kept += written;
        for Reverse(ranked) in part_top.heap {
            top.offer(ranked);
        }
    }
    out.truncate(kept);
    Some(top.into_hits())
}

/// Below this many candidates a thread costs more than it saves.
const PARALLEL_FROM: usize = 32 * 1024;

fn threads_for(candidates: usize) -> usize {
    if candidates < PARALLEL_FROM {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// Scans `candidates` into the front of `out` (as long as `candidates`); returns how many trails
/// it wrote and its top list.
fn scan_part(
    pass: &Pass<'_>,
    candidates: &[Trail],
    out: &mut [Trail],
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<(usize, TopK)> {
    let Pass {
        corpus,
        matcher,
        needle,
        limit,
        exact,
    } = *pass;
    let mut top = TopK::new(limit);
    let mut written = 0;
    let mut keep = |trail: Trail| {
        out[written] = trail;
        written += 1;
    };
    // The matcher's ceiling for fields starting with the needle's first char, and for the rest.
    let max_matcher = (
        matcher.max_score_for(needle.text, true).min(MATCHER_CLAMP),
        matcher.max_score_for(needle.text, false).min(MATCHER_CLAMP),
    );
    for chunk in candidates.chunks(CHUNK) {
        if cancelled() {
            return None;
        }
        for trail in chunk {
            let item = trail.item;
            if needle.mask & !corpus.mask(item) != 0 {
                continue;
            }
            let floor = top.floor();
            let at_best = Ranked {
                score: trail.caps.ceiling(needle.text, max_matcher),
                count: corpus.count(item),
                item,
                field: Field::Name,
            };
            if floor.is_some_and(|weakest| at_best <= weakest) {
                if !exact {
                    keep(*trail);
                } else if let Some(found) = resume(corpus, needle, trail) {
                    keep(found);
                }
                continue;
            }
            let (eval, found) = best_field(corpus, matcher, needle, trail, max_matcher, floor);
            let Some(found) = found else {
                continue;
            };
            keep(found);
            if let Eval::Scored(score, field) = eval {
                // The item's bound from earlier scans let others like it be passed over unread.
                debug_assert!(
                    score <= at_best.score,
                    "item {item} scored {score} for {:?}, over its ceiling {}",
                    needle.text,
                    at_best.score
                );
                top.offer(Ranked {
                    score,
                    count: corpus.count(item),
                    item,
                    field,
                });
            }
        }
    }
    Some((written, top))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::matcher::SkimMatcher;
    use crate::search::rank::shown_occurrence;

    fn corpus(names: &[(&str, usize)]) -> Corpus {
        let mut c = Corpus::with_capacity(names.len());
        for &(name, count) in names {
            c.push(count, [(Field::Name, name)]);
        }
        c
    }

    fn all(c: &Corpus) -> Vec<Trail> {
        (0..c.len()).map(Trail::fresh).collect()
    }

    struct Scanned {
        trails: Vec<Trail>,
        hits: Vec<Hit>,
    }

    /// `scan` with Skim into a new buffer, as the tests want it.
    fn scan(
        c: &Corpus,
        query: &str,
        candidates: &[Trail],
        limit: usize,
        exact: bool,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Scanned> {
        let needle = Needle::new(query);
        let pass = Pass {
            corpus: c,
            matcher: &SkimMatcher::new(),
            needle: &needle,
            limit,
            exact,
        };
        let mut trails = Vec::new();
        let hits = super::scan(&pass, candidates, &mut trails, cancelled)?;
        Some(Scanned { trails, hits })
    }

    /// `scan_part` alone, never split.
    fn scan_part(
        c: &Corpus,
        query: &str,
        candidates: &[Trail],
        limit: usize,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Scanned> {
        let needle = Needle::new(query);
        let pass = Pass {
            corpus: c,
            matcher: &SkimMatcher::new(),
            needle: &needle,
            limit,
            exact: true,
        };
        let mut trails = vec![Trail::fresh(0); candidates.len()];
        let (written, top) = super::scan_part(&pass, candidates, &mut trails, cancelled)?;
        trails.truncate(written);
        Some(Scanned {
            trails,
            hits: top.into_hits(),
        })
    }

    fn items(trails: &[Trail]) -> Vec<usize> {
        trails.iter().map(|t| t.item).collect()
    }

    fn ranked(c: &Corpus, query: &str, limit: usize) -> Vec<usize> {
        let scan = scan(c, query, &all(c), limit, true, &|| false).unwrap();
        scan.hits.iter().map(|h| h.item).collect()
    }

    #[test]
    fn tiers_order_exact_prefix_word_start_inside() {
        let c = corpus(&[
            ("superman", 0),
            ("alberto peru", 0),
            ("peruvian navy", 0),
            ("peru", 0),
            ("p e r u", 0),
        ]);
        assert_eq!(ranked(&c, "peru", 10), vec![3, 2, 1, 4]);
        // Two prefixes tie on score and count: the earlier item comes first.
        assert_eq!(ranked(&c, "per", 10)[..3], [2, 3, 1]);
        assert_eq!(ranked(&c, "per", 10).len(), 5);
    }

    #[test]
    fn ties_break_by_event_count_then_position() {
        let c = corpus(&[("chile", 1), ("china", 5), ("chad", 5)]);
        assert_eq!(ranked(&c, "ch", 10), vec![1, 2, 0]);
        assert_eq!(ranked(&c, "", 2), vec![1, 2]);
    }

    #[test]
    fn limit_keeps_the_best_and_zero_keeps_none() {
        let c = corpus(&[("ab", 0), ("xab", 0), ("ab", 9)]);
        assert_eq!(ranked(&c, "ab", 1), vec![2]);
        assert!(ranked(&c, "ab", 0).is_empty());
        let scan = scan(&c, "ab", &all(&c), 0, true, &|| false).unwrap();
        assert_eq!(items(&scan.trails), vec![0, 1, 2]);
    }

    #[test]
    fn cancellation_is_polled_between_chunks() {
        let names: Vec<String> = (0..CHUNK * 3).map(|i| format!("name {i}")).collect();
        let mut c = Corpus::with_capacity(names.len());
        for name in &names {
            c.push(0, [(Field::Name, name.as_str())]);
        }
        let candidates = all(&c);
        let polls = std::sync::atomic::AtomicUsize::new(0);
        let stop_at_second = || polls.fetch_add(1, std::sync::atomic::Ordering::SeqCst) >= 1;
        let out = scan_part(&c, "n", &candidates, 5, &stop_at_second);
        assert!(out.is_none());
        assert_eq!(
            polls.into_inner(),
            2,
            "stopped at the second chunk, not the end"
        );
    }

    #[test]
    fn split_scan_equals_one_pass() {
        let names: Vec<String> = (0..PARALLEL_FROM + 5000)
            .map(|i| format!("actor {} {}", i % 97, i % 13))
            .collect();
        let mut c = Corpus::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            c.push(i % 7, [(Field::Name, name.as_str())]);
        }
        let candidates = all(&c);
        for query in ["a", "r 9", "actor 12 1"] {
            let split = scan(&c, query, &candidates, 20, true, &|| false).unwrap();
            let one = scan_part(&c, query, &candidates, 20, &|| false).unwrap();
            assert_eq!(items(&split.trails), items(&one.trails), "{query}");
            assert_eq!(split.hits, one.hits, "{query}");
        }
    }

    /// Narrows `first` to `then` the way a session does, and ranks `then` afresh.
    fn narrowed_and_fresh(c: &Corpus, first: &str, then: &str, limit: usize) -> [Vec<Hit>; 2] {
        let before = scan(c, first, &all(c), limit, false, &|| false).unwrap();
        let narrowed = scan(c, then, &before.trails, limit, false, &|| false).unwrap();
        let fresh = scan(c, then, &all(c), limit, true, &|| false).unwrap();
        [narrowed.hits, fresh.hits]
    }

    #[test]
    fn a_prefix_that_becomes_the_whole_text_is_not_passed_over() {
        // Under `a` all are prefixes and tie; under `ab` the last is exact and must come first.
        let c = corpus(&[("abx", 0), ("aby", 0), ("abz", 0), ("ab", 0)]);
        let [narrowed, fresh] = narrowed_and_fresh(&c, "a", "ab", 3);
        assert_eq!(fresh[0].item, 3);
        assert_eq!(narrowed, fresh);
    }

    #[test]
    fn a_prefix_that_stops_being_one_keeps_its_word_start() {
        // Under `as` the name `ab as` is no prefix but a word start, and beats the two aliases
        // (same tier, higher field bonus) that fill the top before it.
        let mut c = Corpus::with_capacity(3);
        c.push(0, [(Field::Name, "zzz"), (Field::Alias(0), "x as")]);
        c.push(0, [(Field::Name, "zzz"), (Field::Alias(0), "y as")]);
        c.push(0, [(Field::Name, "ab as")]);
        let [narrowed, fresh] = narrowed_and_fresh(&c, "a", "as", 2);
        assert_eq!(fresh[0].item, 2);
        assert_eq!(narrowed, fresh);
    }

    #[test]
    fn cancelled_scan_returns_nothing() {
        let c = corpus(&[("ab", 0)]);
        assert!(scan(&c, "a", &all(&c), 5, true, &|| true).is_none());
    }

    #[test]
    fn summaries_match_only_as_typed() {
        let mut c = Corpus::with_capacity(2);
        c.push(
            0,
            [(Field::Name, "x"), (Field::Summary, "talks in asuncion")],
        );
        c.push(0, [(Field::Name, "y"), (Field::Summary, "a sun rises")]);
        assert_eq!(ranked(&c, "asun", 10), vec![0]);
        assert_eq!(shown_occurrence("the asunto asun", "asun"), Some(4));
        assert_eq!(shown_occurrence("xasun", "asun"), Some(1));
    }

    #[test]
    fn a_field_matched_as_typed_starts_over_when_the_query_grows() {
        let c = corpus(&[("refujimori", 1), ("fujimori", 1), ("xjimenez o", 1)]);
        let first = scan(&c, "jim", &all(&c), 10, true, &|| false).unwrap();
        assert_eq!(items(&first.trails), vec![0, 1, 2]);
        // "xjimenez o" matched `jim` only as typed: resuming after it would find the `o`.
        let then = scan(&c, "jimo", &first.trails, 10, true, &|| false).unwrap();
        assert_eq!(items(&then.trails), vec![0, 1]);
        let fresh = scan(&c, "jimo", &all(&c), 10, true, &|| false).unwrap();
        assert_eq!(then.hits, fresh.hits);
    }

    /// Scores above what `max_score_for` promises, as an upgrade of fuzzy-matcher could make
    /// Skim's if its scoring constants changed.
    #[cfg(debug_assertions)]
    struct Overscoring;

    #[cfg(debug_assertions)]
    impl Matcher for Overscoring {
        fn score(&self, haystack: &str, needle: &str) -> Option<i64> {
            crate::search::matcher::is_subsequence(haystack, needle).then_some(1000)
        }
        fn positions(&self, _: &str, _: &str) -> Option<Vec<usize>> {
            None
        }
        fn max_score(&self, _: usize) -> i64 {
            10
        }
    }

    /// Ranking skips fields whose ceiling cannot beat the top, so a matcher that outgrows its
    /// ceiling would silently drop hits: debug builds (every test run) stop instead.
    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "exceeds its ceiling")]
    fn a_score_over_the_matchers_ceiling_fails_loudly() {
        let c = corpus(&[("peru", 0)]);
        let needle = Needle::new("pe");
        let pass = Pass {
            corpus: &c,
            matcher: &Overscoring,
            needle: &needle,
            limit: 5,
            exact: true,
        };
        let _ = super::scan(&pass, &all(&c), &mut Vec::new(), &|| false);
    }
}
