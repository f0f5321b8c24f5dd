//! One candidate: its best field and score for a needle, and the trail a longer needle resumes
//! from.

use super::ceiling::{Caps, MATCHER_CLAMP, TIER_STEP, check_under_ceiling, field_bonus};
use super::rules::{cheap_tier, field_matches, fuzzy_field_match, starts_a_word, subsequence_end};
use super::top_k::Ranked;
use crate::search::Field;
use crate::search::corpus::{Corpus, char_mask};
use crate::search::matcher::Matcher;

/// A folded query, with what the scan needs precomputed.
pub(crate) struct Needle<'a> {
    pub text: &'a str,
    pub(super) first: Option<char>,
    pub(super) mask: u64,
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
    pub(super) field: u16,
    pub(super) done: u16,
    /// Byte offset in that field where matching resumes: after the greedy subsequence match of a
    /// fuzzy field, at the first occurrence in a summary.
    pub(super) at: u32,
    pub(super) caps: Caps,
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

impl Trail {
    /// The trail of an item whose field `k` matches `needle`, resuming at byte `at`.
    pub(super) fn at_match(
        item: usize,
        k: usize,
        needle: &Needle<'_>,
        at: usize,
        caps: Caps,
    ) -> Trail {
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

/// Where `needle` matches the item first, continuing from `trail` (whose needle it extends); `None`
/// when no field matches. The caps are kept: bounds for a shorter needle bound this one too.
pub(super) fn resume(corpus: &Corpus, needle: &Needle<'_>, trail: &Trail) -> Option<Trail> {
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
pub(super) fn match_at(
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

pub(super) enum Eval {
    NoMatch,
    /// Matches, but cannot enter the top results.
    Pruned,
    Scored(i64, Field),
}

/// The item's best field and score, and its trail for the next needle (`None` if nothing matches):
/// where it matches first, resuming from `trail` (fields before the trail's match no longer
/// needle), and the bounds on what it can score for this needle and longer ones.
pub(super) fn best_field(
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
            // The start's bonus is out of reach when the query's second char is far from it.
            matcher
                .max_score_in(text, needle.text)
                .min(MATCHER_CLAMP)
                .min(max_matcher.0)
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
                Some(s) => {
                    check_under_ceiling(s, max_matcher, text, needle.text);
                    base + s.clamp(-MATCHER_CLAMP, MATCHER_CLAMP)
                }
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
