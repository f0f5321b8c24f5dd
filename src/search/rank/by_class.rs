//! Exact top results from the vocabulary: the cost follows the words and the few items that can
//! still enter the top, not the number of items.
//!
//! Every field at a word tier (exact, prefix, word start) holds a word that starts with the
//! query's first word, so its item is in the postings of one range of the sorted dictionary (see
//! [`crate::search::vocab`]). The postings are split into classes by field kind and the word's
//! place in its field, and each class has a ceiling: its best tier, its field's bonus, the
//! matcher's ceiling. Classes are taken best ceiling first; an item is scored (by the same
//! [`best_field`] as a scan, over all its fields) the first time it could still beat the weakest
//! kept hit, and once the weakest kept hit beats every ceiling left, nothing left can enter and
//! the answer is the scan's answer. For `a` over a million events that is the first few hundred
//! titles starting with `a`.
//!
//! Matches below the word tiers (letters scattered from a word start, or the query inside a word)
//! have no word to look up. When the word tiers hold fewer hits than were asked for, the answer is
//! `Unanswered` and the caller scans.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::ceiling::{MATCHER_CLAMP, TIER_STEP, field_bonus};
use super::rules::starts_a_word;
use super::scan::CHUNK;
use super::top_k::{Ranked, TopK};
use super::trail::{Eval, Needle, Trail, best_field};
use crate::search::corpus::Corpus;
use crate::search::find::SummaryWordStarts;
use crate::search::matcher::Matcher;
use crate::search::vocab::{Kind, Place, Vocabulary, words};
use crate::search::{Field, Hit};

/// What ranking by vocabulary could say.
pub(crate) enum ByClass {
    Ranked {
        hits: Vec<Hit>,
        /// How many items were handed to the scorer: what the answer cost, in items. Read by the
        /// tests that hold that cost to the top few, whatever the number of items.
        #[cfg_attr(not(test), allow(dead_code))]
        scored: usize,
    },
    /// The word tiers cannot settle it (see the module's doc): scan.
    Unanswered,
    Cancelled,
}

/// One class of candidates: the items holding a word of the range at `place` in a `kind` field.
struct Class {
    kind: Kind,
    place: Place,
    /// Best score any of its items can reach through this class's fields.
    ceiling: i64,
}

pub(crate) fn rank(
    corpus: &Corpus,
    matcher: &dyn Matcher,
    needle: &Needle<'_>,
    limit: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> ByClass {
    let (Some(vocab), Some(first)) = (corpus.vocab(), needle.first) else {
        return ByClass::Unanswered;
    };
    if !first.is_alphanumeric() || limit == 0 {
        return ByClass::Unanswered;
    }
    let text = needle.text;
    // The query's first word: a word tier needs a field word that starts with it, or that is it
    // when more follows (then the text's word ends where the query's does).
    let head_len = text
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(at, _)| at);
    let head = &text[..head_len];
    let one_word = head_len == text.len();
    let range = if one_word {
        vocab.with_prefix(head)
    } else {
        match vocab.exactly(head) {
            Some(w) => w..w + 1,
            None => 0..0,
        }
    };
    let max_matcher = (
        matcher.max_score_for(text, true).min(MATCHER_CLAMP),
        matcher.max_score_for(text, false).min(MATCHER_CLAMP),
    );
    let has_exact_word = one_word && vocab.exactly(text).is_some();
    let mut classes: Vec<Class> = Vec::new();
    for kind in Kind::ALL {
        for place in Place::ALL {
            let tier = match place {
                // A field that is one word holds a longer query nowhere.
                Place::Whole if !one_word => continue,
                Place::Whole if has_exact_word => 3,
                Place::Whole => 2,
                // A field longer than its first word may equal a query of several words.
                Place::First if one_word => 2,
                Place::First => 3,
                Place::OtherAtStart | Place::Other => 1,
            };
            // Only a field that begins with the query's first char may score Skim's start bonus.
            let matcher_ceiling = match place {
                Place::Other => max_matcher.1,
                _ => max_matcher.0,
            };
            let bonus = field_bonus(kind_field(kind));
            classes.push(Class {
                kind,
                place,
                ceiling: tier * TIER_STEP + bonus + matcher_ceiling,
            });
        }
    }
    classes.sort_by_key(|c| Reverse(c.ceiling));
    let mut top = TopK::new(limit);
    let mut scored = vec![0u64; corpus.len().div_ceil(64)];
    let mut seen = 0usize;
    let mut scored_count = 0usize;
    // A query of several words: a field holding it at a word start holds its second word too,
    // as a later word (whole, or as a prefix when the query ends with it). Common first words
    // (`de` in `de la`) sit in hundreds of thousands of titles that do not go on with `la`; the
    // second word's postings pass over them without reading their text. Summaries' later words
    // are not in the vocabulary, so their class is read as before.
    let second = if one_word {
        None
    } else {
        words(&text[head_len..])
            .next()
            .map(|(_, w)| vocab.with_prefix(w))
    };
    let mut with_second: [Option<Vec<u32>>; Kind::ALL.len()] = Default::default();
    for class in &classes {
        if top.floor().is_some_and(|f| f.score > class.ceiling) {
            break;
        }
        let items: Box<dyn Iterator<Item = usize>> = match (class.kind, class.place) {
            // The text search finds a summary's later words whatever the summary begins with.
            (Kind::Summary, Place::OtherAtStart) => Box::new(SummaryWordStarts::new(corpus, text)),
            (Kind::Summary, Place::Other) => continue,
            _ => Box::new(Union::new(vocab, range.clone(), class.kind, class.place)),
        };
        let also: Option<&[u32]> = match &second {
            Some(words) if class.kind != Kind::Summary => {
                Some(with_second[class.kind as usize].get_or_insert_with(|| {
                    let later = |place| Union::new(vocab, words.clone(), class.kind, place);
                    let mut items: Vec<u32> = later(Place::OtherAtStart)
                        .chain(later(Place::Other))
                        .filter_map(|i| u32::try_from(i).ok())
                        .collect();
                    items.sort_unstable();
                    items.dedup();
                    items
                }))
            }
            _ => None,
        };
        if also.is_some_and(<[u32]>::is_empty) {
            continue;
        }
        let mut also_at = 0;
        for item in items {
            seen += 1;
            if seen.is_multiple_of(CHUNK) && cancelled() {
                return ByClass::Cancelled;
            }
            let floor = top.floor();
            // Items come in ascending order: once the best this class allows, with the largest
            // count there is, would not beat the floor at this item, it beats it at none after.
            let best_case = Ranked {
                score: class.ceiling,
                count: corpus.max_count(),
                item,
                field: Field::Name,
            };
            if floor.is_some_and(|f| best_case <= f) {
                break;
            }
            let (word, bit) = (item / 64, 1u64 << (item % 64));
            if scored.get(word).is_none_or(|w| w & bit != 0) {
                continue;
            }
            if let Some(also) = also {
                // Both ascending: step the second word's items up to this one.
                also_at += also[also_at..].partition_point(|&i| (i as usize) < item);
                if also.get(also_at).is_none_or(|&i| i as usize != item) {
                    continue;
                }
            }
            let spans = corpus.spans(item);
            let of_kind = || spans.iter().filter(|s| s.vocab_kind() == class.kind);
            // A query of several words: the postings hold its first word; the class's fields must
            // hold all of it at a word start, or the item matches below the word tiers, which the
            // answer never reaches (see the end).
            let text_searched = class.kind == Kind::Summary && class.place == Place::OtherAtStart;
            if !one_word
                && !text_searched
                && !of_kind().any(|s| starts_a_word(corpus.span_text(s), text))
            {
                continue;
            }
            let ceiling = match (class.kind, class.place) {
                // Fields that begin with the query's first char but not with the query: how far
                // its second char is from the start bounds what the start's bonus can add (the
                // text search does not split summaries by their first letter at all).
                (Kind::Summary, _) | (_, Place::OtherAtStart) => {
                    let in_fields = of_kind()
                        .map(|s| matcher.max_score_in(corpus.span_text(s), text))
                        .fold(max_matcher.1, i64::max)
                        .min(max_matcher.0);
                    class.ceiling - max_matcher.0 + in_fields
                }
                _ => class.ceiling,
            };
            let bound = Ranked {
                score: ceiling,
                count: corpus.count(item),
                item,
                field: Field::Name,
            };
            if floor.is_some_and(|f| bound <= f) {
                continue;
            }
            scored[word] |= bit;
            scored_count += 1;
            let (eval, _) = best_field(
                corpus,
                matcher,
                needle,
                &Trail::fresh(item),
                max_matcher,
                floor,
            );
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
    // Items outside every class match below the word tiers, if at all: at most the best bonus
    // and the matcher's ceiling. A scored candidate may have matched only so too (a query of
    // several words whose first word a field holds, the rest scattered).
    let below_word_tiers = field_bonus(Field::Name) + max_matcher.0;
    if top.floor().is_none_or(|f| f.score <= below_word_tiers) {
        return ByClass::Unanswered;
    }
    ByClass::Ranked {
        hits: top.into_hits(),
        scored: scored_count,
    }
}

fn kind_field(kind: Kind) -> Field {
    match kind {
        Kind::Name => Field::Name,
        Kind::Alias => Field::Alias(0),
        Kind::Tag => Field::Tag(0),
        Kind::Date => Field::Date,
        Kind::Summary => Field::Summary,
    }
}

/// The union of the postings of a range of words in one class, ascending, each item once: a
/// k-way merge, so a class is read only as far as ranking needs it.
struct Union<'a> {
    lists: Vec<&'a [u32]>,
    heads: BinaryHeap<Reverse<(u32, usize)>>,
    last: Option<u32>,
}

impl<'a> Union<'a> {
    fn new(vocab: &'a Vocabulary, words: std::ops::Range<usize>, kind: Kind, place: Place) -> Self {
        let lists: Vec<&[u32]> = words
            .map(|w| vocab.postings(w, kind, place))
            .filter(|l| !l.is_empty())
            .collect();
        let heads = lists
            .iter()
            .enumerate()
            .map(|(i, l)| Reverse((l[0], i)))
            .collect();
        Union {
            lists,
            heads,
            last: None,
        }
    }
}

impl Iterator for Union<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        loop {
            let Reverse((item, list)) = self.heads.pop()?;
            let rest = &self.lists[list][1..];
            self.lists[list] = rest;
            if let Some(&next) = rest.first() {
                self.heads.push(Reverse((next, list)));
            }
            if self.last != Some(item) {
                self.last = Some(item);
                return Some(item as usize);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::matcher::SkimMatcher;

    fn rank_names(names: &[String], query: &str, limit: usize) -> ByClass {
        let mut corpus = Corpus::with_capacity(names.len());
        for name in names {
            corpus.push(0, [(Field::Name, name.as_str())]);
        }
        corpus.finish();
        let needle = Needle::new(query);
        rank(&corpus, &SkimMatcher::new(), &needle, limit, &|| false)
    }

    /// The point of ranking by class: a query that matches every item reads only the few that
    /// can enter the top, not all of them.
    #[test]
    fn a_query_matching_every_item_scores_only_the_top_few() {
        let names: Vec<String> = (0..20_000).map(|i| format!("alpha {i} beta")).collect();
        match rank_names(&names, "a", 5) {
            ByClass::Ranked { hits, scored } => {
                assert_eq!(
                    hits.iter().map(|h| h.item).collect::<Vec<_>>(),
                    [0, 1, 2, 3, 4]
                );
                assert_eq!(scored, 5, "the first five fill the top at the ceiling");
            }
            _ => panic!("a prefix of every name is settled by the vocabulary"),
        }
        // A later word: the class below prefixes, still stopped once the top is full.
        match rank_names(&names, "be", 5) {
            ByClass::Ranked { scored, .. } => assert!(scored <= 5, "{scored} scored"),
            _ => panic!("a word start in every name is settled by the vocabulary"),
        }
    }

    #[test]
    fn scattered_letters_and_too_few_word_hits_are_left_to_the_scan() {
        let names: Vec<String> = (0..100).map(|i| format!("alpha {i} beta")).collect();
        assert!(matches!(rank_names(&names, "apa", 5), ByClass::Unanswered));
        // Three names hold a word starting `9`: fewer than the five asked for.
        let few: Vec<String> = ["x 9", "y 91", "z 92", "w"].map(str::to_owned).to_vec();
        assert!(matches!(rank_names(&few, "9", 5), ByClass::Unanswered));
        assert!(matches!(rank_names(&few, "9", 3), ByClass::Ranked { .. }));
        assert!(matches!(rank_names(&few, "(9", 1), ByClass::Unanswered));
    }
}
