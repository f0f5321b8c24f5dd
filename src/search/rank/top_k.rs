//! Keeping the best `limit` results of a scan.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use crate::search::{Field, Hit};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Ranked {
    pub(super) score: i64,
    pub(super) count: u32,
    pub(super) item: usize,
    pub(super) field: Field,
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
pub(super) struct TopK {
    pub(super) limit: usize,
    pub(super) heap: BinaryHeap<Reverse<Ranked>>,
}

impl TopK {
    pub(super) fn new(limit: usize) -> TopK {
        TopK {
            limit,
            heap: BinaryHeap::with_capacity(limit.min(1 << 16) + 1),
        }
    }

    /// What a newcomer must beat to enter; `None` while there is room.
    pub(super) fn floor(&self) -> Option<Ranked> {
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

    pub(super) fn offer(&mut self, ranked: Ranked) {
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

    pub(super) fn into_hits(self) -> Vec<Hit> {
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
