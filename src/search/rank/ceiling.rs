//! Bounds on scores, so that a field or a whole item that cannot enter the top results is passed
//! over without handing it to the matcher.
//!
//! Every bound rests on the matcher's own ceiling ([`crate::search::Matcher::max_score_for`]),
//! which for Skim is derived from fuzzy-matcher's internal scoring constants. If an upgrade of the
//! matcher raised a score past its ceiling, ranking would silently drop hits that should have
//! entered the top; [`check_under_ceiling`] makes that fail loudly in every debug build instead.

use crate::search::Field;

/// Larger than any clamped matcher score plus field bonus, so tiers never mix.
pub(super) const TIER_STEP: i64 = 100_000;
pub(super) const MATCHER_CLAMP: i64 = 40_000;

/// Bounds on `tier * TIER_STEP + field_bonus` of an item for the needle they were taken with and
/// every extension of it, over fields whose text starts with the needle's first char (where the
/// matcher may score more) and over the others. An extension keeps the first char, so the split
/// stays valid, and a field never reaches a better tier for a longer needle, except that a prefix
/// may become the whole text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Caps {
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
    pub(super) const OPEN: Caps = Caps {
        done: 0,
        prefix: i32::MIN,
        prefix_next: ANY_BYTE,
        at_start: i32::MAX,
        elsewhere: i32::MAX,
    };

    pub(super) fn none(needle: &str) -> Caps {
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
    pub(super) fn raise(&mut self, at_start: bool, tier: i64, field: Field, text: &str) {
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
    pub(super) fn ceiling(&self, needle: &str, max_matcher: (i64, i64)) -> i64 {
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

/// Names a little over aliases; event titles over tags and dates, those over summaries. Small next
/// to a tier, so a better kind of match in a lesser field still wins.
pub(super) fn field_bonus(field: Field) -> i64 {
    match field {
        Field::Name => 200,
        Field::Alias(_) => 190,
        Field::Tag(_) | Field::Date => 100,
        Field::Summary => 0,
    }
}

/// Panics in debug builds when the matcher scored `score` on a field it promised to keep under
/// `ceiling` (already clamped like the score is): pruning trusted that promise.
pub(super) fn check_under_ceiling(score: i64, ceiling: i64, text: &str, needle: &str) {
    debug_assert!(
        score.min(MATCHER_CLAMP) <= ceiling,
        "matcher score {score} for {needle:?} in {text:?} exceeds its ceiling {ceiling}: \
         the matcher's max_score_for no longer bounds its scores, and ranking would drop hits",
    );
}
