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
    chars: usize,
    mask: u64,
}

impl<'a> Needle<'a> {
    pub fn new(folded: &'a str) -> Needle<'a> {
        Needle {
            text: folded,
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
pub(crate) fn scan(
    corpus: &Corpus,
    matcher: &dyn Matcher,
    needle: &Needle<'_>,
    candidates: Option<&[usize]>,
    limit: usize,
    cancelled: &dyn Fn() -> bool,
) -> Option<Scan> {
    let all: Vec<usize>;
    let candidates = match candidates {
        Some(c) => c,
        None => {
            all = (0..corpus.len()).collect();
            &all
        }
    };
    let mut top = TopK::new(limit);
    let mut matches = Vec::new();
    let max_matcher = matcher.max_score(needle.chars).min(MATCHER_CLAMP);
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
    Some(Scan {
        matches,
        hits: top.into_hits(),
    })
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
    max_matcher: i64,
    floor: Option<i64>,
) -> Eval {
    let mut matched = false;
    let mut best: Option<(i64, Field)> = None;
    for (field, text) in corpus.fields(item) {
        if !is_subsequence(text, needle.text) {
            continue;
        }
        matched = true;
        let base = tier(text, needle.text) * TIER_STEP + field_bonus(field);
        let ceiling = base + max_matcher;
        if floor.is_some_and(|f| ceiling < f) || best.is_some_and(|(b, _)| ceiling <= b) {
            continue;
        }
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
fn tier(text: &str, needle: &str) -> i64 {
    if needle.is_empty() {
        return 0;
    }
    if text == needle {
        3
    } else if text.starts_with(needle) {
        2
    } else if starts_a_word(text, needle) {
        1
    } else {
        0
    }
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
        Field::Name => 32,
        Field::Alias(_) => 28,
        Field::Tag(_) | Field::Date => 16,
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

    /// A score below this cannot enter; `None` while there is room.
    fn floor(&self) -> Option<i64> {
        if self.limit == 0 {
            return Some(i64::MAX);
        }
        if self.heap.len() < self.limit {
            return None;
        }
        self.heap.peek().map(|Reverse(r)| r.score)
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
