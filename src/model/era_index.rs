//! Which era a day falls in, answered by a binary search. [`Chronology::era_at`] walks every era,
//! and the axis asks it for every column and the timeline for every row, so a file of many eras
//! made each frame cost its number of eras times the width of the screen.

use std::collections::BTreeSet;

use super::chronology::{Chronology, EraIx};

/// The days where the answer changes, each with the era from there on (`None`: no era). Eras
/// may overlap; where they do, the answer is the one `era_at` gives, the last in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EraIndex {
    starts: Vec<i64>,
    eras: Vec<Option<EraIx>>,
}

impl EraIndex {
    /// One sweep over the eras' first and last days: O(e log e) for e eras.
    pub fn new(chronology: &Chronology) -> EraIndex {
        // (day, era, opens): an era is in force from its first day through its last.
        let mut edges: Vec<(i64, EraIx, bool)> = Vec::with_capacity(chronology.eras.len() * 2);
        for (ix, era) in chronology.eras.iter().enumerate() {
            let (first, last) = (era.date.earliest, era.date.latest);
            if first > last {
                continue;
            }
            edges.push((first, ix, true));
            if let Some(after) = last.checked_add(1) {
                edges.push((after, ix, false));
            }
        }
        edges.sort_unstable_by_key(|&(day, _, _)| day);
        let mut index = EraIndex::default();
        let mut open: BTreeSet<EraIx> = BTreeSet::new();
        let mut i = 0;
        while i < edges.len() {
            let day = edges[i].0;
            while i < edges.len() && edges[i].0 == day {
                let (_, era, opens) = edges[i];
                if opens {
                    open.insert(era);
                } else {
                    open.remove(&era);
                }
                i += 1;
            }
            let era = open.last().copied();
            if index.eras.last() != Some(&era) {
                index.starts.push(day);
                index.eras.push(era);
            }
        }
        index
    }

    /// The era `day` falls in, as [`Chronology::era_at`] says, in O(log e).
    pub fn at(&self, day: i64) -> Option<EraIx> {
        match self.starts.partition_point(|&start| start <= day) {
            0 => None,
            after => self.eras[after - 1],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Era, EventDate};
    use proptest::prelude::*;

    fn era(first: i64, last: i64) -> Era {
        let mut date = EventDate::parse("2000").unwrap();
        date.earliest = first;
        date.latest = last;
        Era {
            id: String::new(),
            title: String::new(),
            date,
        }
    }

    proptest! {
        /// The index agrees with the plain walk on every day near every edge, overlapping and
        /// nested eras and the ends of the day numbers included.
        #[test]
        fn agrees_with_era_at(spans in prop::collection::vec((-50i64..50, 0i64..30), 0..12)) {
            let mut eras: Vec<Era> = spans.iter().map(|&(first, len)| era(first, first + len)).collect();
            eras.push(era(i64::MAX - 3, i64::MAX));
            eras.push(era(i64::MIN, i64::MIN + 2));
            let chronology = Chronology { eras, ..Chronology::default() };
            let index = EraIndex::new(&chronology);
            let days = (-60..90).chain([i64::MIN, i64::MIN + 2, i64::MIN + 3, i64::MAX - 4, i64::MAX - 3, i64::MAX]);
            for day in days {
                prop_assert_eq!(index.at(day), chronology.era_at(day), "day {}", day);
            }
        }
    }
}
