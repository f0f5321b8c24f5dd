//! The events the timeline shows: all of them, or the ones a filter kept. Answering "which
//! events" once here keeps every caller (positions, the axis counts, exports) from deciding it
//! again with its own `match` on the filter.

use crate::model::EventIx;

/// A borrowed view of the shown events, in time order (event indexes are sorted by time, and a
/// filter keeps them sorted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visible<'a> {
    /// Every event of a chronology with this many.
    All(usize),
    /// Only these.
    Only(&'a [EventIx]),
}

impl Visible<'_> {
    pub fn len(&self) -> usize {
        match self {
            Visible::All(n) => *n,
            Visible::Only(events) => events.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The event at a position of the list.
    pub fn get(&self, pos: usize) -> Option<EventIx> {
        match self {
            Visible::All(n) => (pos < *n).then_some(pos),
            Visible::Only(events) => events.get(pos).copied(),
        }
    }

    /// Position of an event in the list, if it is shown.
    pub fn position_of(&self, event: EventIx) -> Option<usize> {
        match self {
            Visible::All(n) => (event < *n).then_some(event),
            Visible::Only(events) => events.binary_search(&event).ok(),
        }
    }

    /// The first position whose event fails `before` (the list is sorted, so `before` must hold
    /// for a prefix), by binary search.
    pub fn partition_point(&self, before: impl Fn(EventIx) -> bool) -> usize {
        match self {
            Visible::All(n) => {
                let (mut lo, mut hi) = (0, *n);
                while lo < hi {
                    let mid = lo + (hi - lo) / 2;
                    if before(mid) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                lo
            }
            Visible::Only(events) => events.partition_point(|&ix| before(ix)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_and_only_agree_on_the_same_events() {
        let every: Vec<EventIx> = (0..10).collect();
        for visible in [Visible::All(10), Visible::Only(&every)] {
            assert_eq!(visible.len(), 10);
            assert_eq!(visible.get(3), Some(3));
            assert_eq!(visible.get(10), None);
            assert_eq!(visible.position_of(7), Some(7));
            assert_eq!(visible.position_of(10), None);
            for cut in 0..=10 {
                assert_eq!(visible.partition_point(|ix| ix < cut), cut);
            }
        }
        let some = [2, 5, 8];
        let only = Visible::Only(&some);
        assert_eq!(only.position_of(5), Some(1));
        assert_eq!(only.position_of(4), None);
        assert_eq!(only.partition_point(|ix| ix < 6), 2);
    }
}
