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
use super::matcher::Matcher;

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
    mask: u64,
}

impl<'a> Needle<'a> {
    pub fn new(folded: &'a str) -> Needle<'a> {
        Needle {
            text: folded,
            first: folded.chars().next(),
            mask: folded.chars().fold(0, |m, c| m | char_mask(c)),
        }
    }
}

/// What a scan learned about one candidate, so that the next, longer query resumes where this one
/// ended instead of starting over.
///
/// A growing query keeps its matches' first field and greedy subsequence: `asu` matches where `as`
/// matched plus one `memchr` step from where `as` ended. And a longer query never reaches a higher
/// tier in a field than a shorter one (except prefix to exact), so the tiers seen now bound every
/// later score: an item whose bound cannot beat the weakest kept hit is passed on untouched, without
/// reading its text. That is what makes a keystroke over a million candidates cost milliseconds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Trail {
    pub item: usize,
    /// Index, among the item's fields, of the first field that matched the needle's first `done`
    /// bytes; fields before it match no extension of them either.
    field: u16,
    done: u16,
    /// Byte offset in that field where matching resumes: after the greedy subsequence match of a
    /// fuzzy field, at the first occurrence in a summary.
    at: u32,
    caps: Caps,
}

impl Trail {
    /// Knows nothing yet: matching starts at the first field, and nothing is pruned.
    pub fn fresh(item: usize) -> Trail {
        Trail {
            item,
            field: 0,
            done: 0,
            at: 0,
            caps: Caps::OPEN,
        }
    }
}

/// Bounds on `tier * TIER_STEP + field_bonus` of an item for the needle they were taken with and
/// every extension of it, over fields whose text starts with the needle's first char (where the
/// matcher may score more) and over the others. An extension keeps the first char, so the split
/// stays valid, and a field never reaches a better tier for a longer needle, except that a prefix
/// may become the whole text.
#[derive(Debug, Clone, Copy)]
struct Caps {
    /// Needle bytes these bounds were taken for.
    done: u16,
    /// Fields that began with the needle (tier 2 or 3), counted as exact; and the byte that
    /// followed the needle in them ([`ANY_BYTE`] if they differ, [`NO_BYTE`] at the end). A longer
    /// needle that does not continue with that byte makes them tier 1 at best: after typing `a`,
    /// the titles starting with `a` do not all have to be read again for `as`.
    prefix: i32,
    prefix_next: u16,
    at_start: i32,
    elsewhere: i32,
}

const ANY_BYTE: u16 = 0x100;
const NO_BYTE: u16 = 0x200;

impl Caps {
    const OPEN: Caps = Caps {
        done: 0,
        prefix: i32::MIN,
        prefix_next: ANY_BYTE,
        at_start: i32::MAX,
        elsewhere: i32::MAX,
    };

    fn none(needle: &str) -> Caps {
        match u16::try_from(needle.len()) {
            Ok(done) => Caps {
                done,
                prefix: i32::MIN,
                prefix_next: ANY_BYTE,
                at_start: i32::MIN,
                elsewhere: i32::MIN,
            },
            // Too long to record where the needle ended: bound nothing.
            Err(_) => Caps::OPEN,
        }
    }

    /// Records a field that may match at `tier` now; `text` is its folded text.
    fn raise(&mut self, at_start: bool, tier: i64, field: Field, text: &str) {
        if tier >= 2 {
            let bound = i32::try_from(3 * TIER_STEP + field_bonus(field)).unwrap_or(i32::MAX);
            let next = text
                .as_bytes()
                .get(usize::from(self.done))
                .map_or(NO_BYTE, |&b| u16::from(b));
            if self.prefix == i32::MIN {
                self.prefix_next = next;
            } else if self.prefix_next != next {
                self.prefix_next = ANY_BYTE;
            }
            self.prefix = self.prefix.max(bound);
            return;
        }
        let bound = i32::try_from(tier * TIER_STEP + field_bonus(field)).unwrap_or(i32::MAX);
        let slot = if at_start {
            &mut self.at_start
        } else {
            &mut self.elsewhere
        };
        *slot = (*slot).max(bound);
    }

    /// The best score the item could reach for `needle`, given the matcher's ceilings at and off
    /// the start.
    fn ceiling(&self, needle: &str, max_matcher: (i64, i64)) -> i64 {
        let mut at_start = i64::from(self.at_start);
        if self.prefix != i32::MIN {
            let prefix = i64::from(self.prefix);
            let still = match needle.as_bytes().get(usize::from(self.done)) {
                None => true,
                Some(&b) => self.prefix_next == ANY_BYTE || self.prefix_next == u16::from(b),
            };
            at_start = at_start.max(if still {
                prefix
            } else {
                prefix - 2 * TIER_STEP
            });
        }
        (at_start + max_matcher.0).max(i64::from(self.elsewhere) + max_matcher.1)
    }
}

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

/// Where `needle` matches the item first, continuing from `trail` (whose needle it extends); `None`
/// when no field matches. The caps are kept: bounds for a shorter needle bound this one too.
fn resume(corpus: &Corpus, needle: &Needle<'_>, trail: &Trail) -> Option<Trail> {
    let spans = corpus.spans(trail.item);
    spans
        .iter()
        .enumerate()
        .skip(usize::from(trail.field))
        .find_map(|(k, span)| {
            let at = match_at(span.field(), corpus.span_text(span), needle, trail, k)?;
            Some(Trail::at_match(trail.item, k, needle, at, trail.caps))
        })
}

/// Where field `k` of the trail's item (with folded `text`) matches `needle`, resuming from the
/// trail when it is the field the trail points at: the end of the greedy match of a short field
/// (0 when it matched only as typed, see [`fuzzy_field_match`]), the first occurrence in a
/// summary. A trail at 0 starts the field over.
fn match_at(
    field: Field,
    text: &str,
    needle: &Needle<'_>,
    trail: &Trail,
    k: usize,
) -> Option<usize> {
    let (start, rest) = if k == usize::from(trail.field) {
        let start = usize::try_from(trail.at).unwrap_or(usize::MAX);
        match (
            text.get(start..),
            needle.text.get(usize::from(trail.done)..),
        ) {
            (Some(_), Some(rest)) => (start, rest),
            _ => (0, needle.text),
        }
    } else {
        (0, needle.text)
    };
    match field {
        // A summary matches only as typed: a longer query's first occurrence is at or after the
        // shorter one's.
        Field::Summary => text[start..].find(needle.text).map(|i| start + i),
        _ if start > 0 => subsequence_end(&text[start..], rest)
            .map(|end| start + end)
            // The match from a word start ran out; the query may still appear as typed.
            .or_else(|| fuzzy_field_match(text, needle.text)),
        _ => fuzzy_field_match(text, needle.text),
    }
}

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
fn fuzzy_field_match(text: &str, needle: &str) -> Option<usize> {
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
fn starts_word_at(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

impl Trail {
    /// The trail of an item whose field `k` matches `needle`, resuming at byte `at`.
    fn at_match(item: usize, k: usize, needle: &Needle<'_>, at: usize, caps: Caps) -> Trail {
        match (
            u16::try_from(k),
            u16::try_from(needle.text.len()),
            u32::try_from(at),
        ) {
            (Ok(field), Ok(done), Ok(at)) => Trail {
                item,
                field,
                done,
                at,
                caps,
            },
            // Too long to record: the next query starts this item over.
            _ => Trail {
                caps,
                ..Trail::fresh(item)
            },
        }
    }
}

/// The byte offset just after the greedy (leftmost) match of `needle` as a subsequence of
/// `haystack`, or `None`. Greedy is what makes resuming valid: a longer needle is a subsequence
/// exactly when its added chars are one of what follows this offset.
fn subsequence_end(haystack: &str, needle: &str) -> Option<usize> {
    let mut at = 0;
    for c in needle.chars() {
        // A memchr for the char's last byte, then a check of the rest.
        at += haystack[at..].find(c)? + c.len_utf8();
    }
    Some(at)
}

enum Eval {
    NoMatch,
    /// Matches, but cannot enter the top results.
    Pruned,
    Scored(i64, Field),
}

/// The item's best field and score, and its trail for the next needle (`None` if nothing matches):
/// where it matches first, resuming from `trail` (fields before the trail's match no longer
/// needle), and the bounds on what it can score for this needle and longer ones.
fn best_field(
    corpus: &Corpus,
    matcher: &dyn Matcher,
    needle: &Needle<'_>,
    trail: &Trail,
    max_matcher: (i64, i64),
    floor: Option<Ranked>,
) -> (Eval, Option<Trail>) {
    let item = trail.item;
    // The first matching field and where its match ended (see `match_at`).
    let mut first: Option<(usize, usize)> = None;
    let mut best: Option<(i64, Field)> = None;
    // With no needle every field is a tier-0 match, but a first char typed next may make any a prefix.
    let mut caps = if needle.text.is_empty() {
        Caps::OPEN
    } else {
        Caps::none(needle.text)
    };
    for (k, span) in corpus
        .spans(item)
        .iter()
        .enumerate()
        .skip(usize::from(trail.field))
    {
        let (field, text) = (span.field(), corpus.span_text(span));
        let matched = first.is_some();
        let at_start = text.chars().next() == needle.first;
        let max_matcher = if at_start {
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
            Some(tier) => {
                // The text starts with the needle: a summary's occurrence at 0, a subsequence
                // ending where the needle does.
                let at = if field == Field::Summary {
                    0
                } else {
                    needle.text.len()
                };
                first.get_or_insert((k, at));
                tier
            }
            None if matched && hopeless(1) => {
                caps.raise(at_start, 1, field, text);
                continue;
            }
            None => {
                let at = if matched {
                    field_matches(field, text, needle.text).then_some(0)
                } else {
                    match_at(field, text, needle, trail, k)
                };
                let Some(at) = at else { continue };
                first.get_or_insert((k, at));
                if hopeless(1) {
                    caps.raise(at_start, 1, field, text);
                    continue;
                }
                i64::from(starts_a_word(text, needle.text))
            }
        };
        caps.raise(at_start, tier, field, text);
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
    let Some((k, at)) = first else {
        return (Eval::NoMatch, None);
    };
    let eval = match best {
        None => Eval::Pruned,
        Some((score, field)) => Eval::Scored(score, field),
    };
    (eval, Some(Trail::at_match(item, k, needle, at, caps)))
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

fn starts_a_word(text: &str, needle: &str) -> bool {
    text.match_indices(needle)
        .any(|(at, _)| starts_word_at(text, at))
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
