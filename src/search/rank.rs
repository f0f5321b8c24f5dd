//! Scoring and top-k selection over a corpus.
//!
//! A field's score is its tier (exact > prefix > word start > anywhere) times a step larger than
//! any matcher score, plus the matcher's score, plus a small bonus for the field (names over
//! aliases, titles over tags and dates over summaries). Tiers make the rules a reader expects hold
//! whatever the matcher thinks; the matcher orders matches within a tier.
//!
//! Only the best `limit` items are kept (a bounded heap), and a field is only handed to the matcher
//! when its best possible score could still enter them: for a short query over a million events
//! most fields are settled by a prefix test, and the expensive alignment runs on a few thousand.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use super::corpus::{Corpus, char_mask};
use super::matcher::{Matcher, is_subsequence};

use super::{Field, Hit};

/// Larger than any clamped matcher score plus field bonus, so tiers never mix.
const TIER_STEP: i64 = 100_000;
const MATCHER_CLAMP: i64 = 40_000;

/// Items between two looks at the cancellation flag: long enough that the check costs nothing,
/// short enough (well under a millisecond) that a stale search stops at once.
pub(crate) const CHUNK: usize = 4096;

/// A folded query, with what the scan needs precomputed.
pub(crate) struct Needle<'a> {
    pub text: &'a str,
    first: Option<char>,
    chars: usize,
    mask: u64,
}

impl<'a> Needle<'a> {
    pub fn new(folded: &'a str) -> Needle<'a> {
        Needle {
            text: folded,
            first: folded.chars().next(),
            chars: folded.chars().count(),
            mask: folded.chars().fold(0, |m, c| m | char_mask(c)),
        }
    }
}

/// Every item that matched (in the order scanned) and the best `limit` of them, best first.
pub(crate) struct Scan {
    pub matches: Vec<usize>,
    pub hits: Vec<Hit>,
}

/// Scans `candidates` (all items when `None`), returning `None` as soon as `cancelled` says so.
/// Large scans are split over the cores; the halves keep their own top lists, merged at the end,
/// so the result is the same as one pass.
pub(crate) fn scan(
    corpus: &Corpus,
    matcher: &dyn Matcher,
    needle: &Needle<'_>,
    candidates: Option<&[usize]>,
    limit: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Scan> {
    let all: Vec<usize>;
    let candidates = match candidates {
        Some(c) => c,
        None => {
            all = (0..corpus.len()).collect();
            &all
        }
    };
    let threads = threads_for(candidates.len());
    let (matches, top) = if threads <= 1 {
        scan_part(corpus, matcher, needle, candidates, limit, cancelled)?
    } else {
        let part = candidates.len().div_ceil(threads);
        let parts: Vec<Option<(Vec<usize>, TopK)>> = std::thread::scope(|scope| {
            let handles: Vec<_> = candidates
                .chunks(part)
                .map(|c| {
                    scope.spawn(move || scan_part(corpus, matcher, needle, c, limit, cancelled))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().ok().flatten())
                .collect()
        });
        let mut merged: Option<(Vec<usize>, TopK)> = None;
        for part in parts {
            let (matches, top) = part?;
            match &mut merged {
                None => merged = Some((matches, top)),
                Some((all_matches, all_top)) => {
                    all_matches.extend(matches);
                    for Reverse(ranked) in top.heap {
                        all_top.offer(ranked);
                    }
                }
            }
        }
        merged.unwrap_or_else(|| (Vec::new(), TopK::new(limit)))
    };
    Some(Scan {
        matches,
        hits: top.into_hits(),
    })
}

/// Below this many candidates a thread costs more than it saves.
const PARALLEL_FROM: usize = 32 * 1024;

fn threads_for(candidates: usize) -> usize {
    if candidates < PARALLEL_FROM {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

fn scan_part(
    corpus: &Corpus,
    matcher: &dyn Matcher,
    needle: &Needle<'_>,
    candidates: &[usize],
    limit: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<(Vec<usize>, TopK)> {
    let mut top = TopK::new(limit);
    let mut matches = Vec::new();
    // The matcher's ceiling for fields starting with the needle's first char, and for the rest.
    let max_matcher = (
        matcher.max_score(needle.chars).min(MATCHER_CLAMP),
        matcher
            .max_score_not_at_start(needle.chars)
            .min(MATCHER_CLAMP),
    );
    for chunk in candidates.chunks(CHUNK) {
        if cancelled() {
            return None;
        }
        for &item in chunk {
            if needle.mask & !corpus.mask(item) != 0 {
                continue;
            }
            match best_field(corpus, matcher, needle, item, max_matcher, top.floor()) {
                Eval::NoMatch => continue,
                Eval::Pruned => {}
                Eval::Scored(score, field) => top.offer(Ranked {
                    score,
                    count: corpus.count(item),
                    item,
                    field,
                }),
            }
            matches.push(item);
        }
    }
    Some((matches, top))
}

enum Eval {
    NoMatch,
    /// Matches, but cannot enter the top results.
    Pruned,
    Scored(i64, Field),
}

fn best_field(
    corpus: &Corpus,
    matcher: &dyn Matcher,
    needle: &Needle<'_>,
    item: usize,
    max_matcher: (i64, i64),
    floor: Option<Ranked>,
) -> Eval {
    let mut matched = false;
    let mut best: Option<(i64, Field)> = None;
    for (field, text) in corpus.fields(item) {
        let max_matcher = if text.chars().next() == needle.first {
            max_matcher.0
        } else {
            max_matcher.1
        };
        let hopeless = |tier: i64| {
            let ceiling = tier * TIER_STEP + field_bonus(field) + max_matcher;
            let at_best = Ranked {
                score: ceiling,
                count: corpus.count(item),
                item,
                field,
            };
            floor.is_some_and(|weakest| at_best <= weakest)
                || best.is_some_and(|(b, _)| ceiling <= b)
        };
        // Exact and prefix are settled at the start of the text and imply a match; anything less
        // needs a scan, skipped when the item already matches and this field could not win.
        let tier = match cheap_tier(text, needle.text) {
            Some(tier) => tier,
            None if matched && hopeless(1) => continue,
            None if !field_matches(field, text, needle.text) => continue,
            None if hopeless(1) => {
                matched = true;
                continue;
            }
            None => i64::from(starts_a_word(text, needle.text)),
        };
        matched = true;
        if hopeless(tier) {
            continue;
        }
        let base = tier * TIER_STEP + field_bonus(field);
        let score = if needle.text.is_empty() {
            base
        } else {
            match matcher.score(text, needle.text) {
                Some(s) => base + s.clamp(-MATCHER_CLAMP, MATCHER_CLAMP),
                None => continue,
            }
        };
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, field));
        }
    }
    match (matched, best) {
        (false, _) => Eval::NoMatch,
        (true, None) => Eval::Pruned,
        (true, Some((score, field))) => Eval::Scored(score, field),
    }
}

/// 3 exact, 2 prefix, 1 the query starts a word, 0 anywhere else (scattered or inside a word).
#[cfg(test)]
fn tier(text: &str, needle: &str) -> i64 {
    cheap_tier(text, needle).unwrap_or_else(|| i64::from(starts_a_word(text, needle)))
}

/// The tier when a comparison at the start settles it (exact, prefix, empty query); `None` when
/// telling word start from elsewhere needs a scan.
fn cheap_tier(text: &str, needle: &str) -> Option<i64> {
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
        _ => is_subsequence(text, needle),
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

fn starts_a_word(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(at, _)| {
        text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Names a little over aliases; event titles over tags and dates, those over summaries. Small next
/// to a tier, so a better kind of match in a lesser field still wins.
fn field_bonus(field: Field) -> i64 {
    match field {
        Field::Name => 200,
        Field::Alias(_) => 190,
        Field::Tag(_) | Field::Date => 100,
        Field::Summary => 0,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ranked {
    score: i64,
    count: u32,
    item: usize,
    field: Field,
}

impl Ord for Ranked {
    /// Better is greater: higher score, then more events, then earlier item.
    fn cmp(&self, other: &Self) -> Ordering {
        self.score
            .cmp(&other.score)
            .then(self.count.cmp(&other.count))
            .then(other.item.cmp(&self.item))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The best `limit` items seen so far; a min-heap so the weakest is the one to evict.
struct TopK {
    limit: usize,
    heap: BinaryHeap<Reverse<Ranked>>,
}

impl TopK {
    fn new(limit: usize) -> TopK {
        TopK {
            limit,
            heap: BinaryHeap::with_capacity(limit.min(1 << 16) + 1),
        }
    }

    /// What a newcomer must beat to enter; `None` while there is room.
    fn floor(&self) -> Option<Ranked> {
        if self.limit == 0 {
            return Some(Ranked {
                score: i64::MAX,
                count: u32::MAX,
                item: 0,
                field: Field::Name,
            });
        }
        if self.heap.len() < self.limit {
            return None;
        }
        self.heap.peek().map(|Reverse(r)| *r)
    }

    fn offer(&mut self, ranked: Ranked) {
        if self.limit == 0 {
            return;
        }
        if self.heap.len() < self.limit {
            self.heap.push(Reverse(ranked));
        } else if self
            .heap
            .peek()
            .is_some_and(|Reverse(weakest)| ranked > *weakest)
        {
            self.heap.pop();
            self.heap.push(Reverse(ranked));
        }
    }

    fn into_hits(self) -> Vec<Hit> {
        // Ascending `Reverse` order is descending rank: best first.
        self.heap
            .into_sorted_vec()
            .into_iter()
            .map(|Reverse(r)| Hit {
                item: r.item,
                score: r.score,
                field: r.field,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::matcher::SkimMatcher;

    fn corpus(names: &[(&str, usize)]) -> Corpus {
        let mut c = Corpus::with_capacity(names.len());
        for &(name, count) in names {
            c.push(count, [(Field::Name, name)]);
        }
        c
    }

    fn ranked(c: &Corpus, query: &str, limit: usize) -> Vec<usize> {
        let needle = Needle::new(query);
        let scan = scan(c, &SkimMatcher::new(), &needle, None, limit, &|| false).unwrap();
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
        let scan = scan(
            &c,
            &SkimMatcher::new(),
            &Needle::new("ab"),
            None,
            0,
            &|| false,
        )
        .unwrap();
        assert_eq!(scan.matches, vec![0, 1, 2]);
    }

    #[test]
    fn cancellation_is_polled_between_chunks() {
        let names: Vec<String> = (0..CHUNK * 3).map(|i| format!("name {i}")).collect();
        let mut c = Corpus::with_capacity(names.len());
        for name in &names {
            c.push(0, [(Field::Name, name.as_str())]);
        }
        let candidates: Vec<usize> = (0..names.len()).collect();
        let polls = std::sync::atomic::AtomicUsize::new(0);
        let stop_at_second = || polls.fetch_add(1, std::sync::atomic::Ordering::SeqCst) >= 1;
        let m = SkimMatcher::new();
        let out = scan_part(&c, &m, &Needle::new("n"), &candidates, 5, &stop_at_second);
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
        let candidates: Vec<usize> = (0..names.len()).collect();
        let m = SkimMatcher::new();
        for query in ["a", "r 9", "actor 12 1"] {
            let needle = Needle::new(query);
            let split = scan(&c, &m, &needle, None, 20, &|| false).unwrap();
            let (matches, top) = scan_part(&c, &m, &needle, &candidates, 20, &|| false).unwrap();
            assert_eq!(split.matches, matches, "{query}");
            assert_eq!(split.hits, top.into_hits(), "{query}");
        }
    }

    #[test]
    fn cancelled_scan_returns_nothing() {
        let c = corpus(&[("ab", 0)]);
        assert!(
            scan(&c, &SkimMatcher::new(), &Needle::new("a"), None, 5, &|| {
                true
            })
            .is_none()
        );
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
