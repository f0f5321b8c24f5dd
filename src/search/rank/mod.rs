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
//!
//! By concern: [`rules`] says what matches and at which tier, [`ceiling`] bounds what an item can
//! still score, [`trail`] evaluates one candidate and records where a longer query resumes,
//! [`scan`] runs that over the candidates (split over threads when many), [`by_class`] finds the
//! same top from the vocabulary without a scan when the word tiers settle it, and [`top_k`] keeps
//! the best.

pub(crate) mod by_class;
mod ceiling;
mod rules;
mod scan;
mod top_k;
mod trail;

pub(crate) use rules::{shown_occurrence, starts_word_at};
pub(crate) use scan::{Pass, scan};
pub(crate) use trail::{Needle, Trail};
