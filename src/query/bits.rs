//! A fixed-size set of event indexes: one bit an event, so `and`, `or` and `not` over a million
//! events are 15,625 word operations each.

use crate::model::EventIx;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bits {
    words: Vec<u64>,
    len: usize,
}

impl Bits {
    pub fn empty(len: usize) -> Bits {
        Bits {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    pub fn full(len: usize) -> Bits {
        let mut bits = Bits {
            words: vec![u64::MAX; len.div_ceil(64)],
            len,
        };
        bits.trim();
        bits
    }

    /// The events `holds`, asked in order; bits are gathered a word at a time, not set one by one.
    pub fn from_fn(len: usize, mut holds: impl FnMut(EventIx) -> bool) -> Bits {
        let mut words = Vec::with_capacity(len.div_ceil(64));
        for w in 0..len.div_ceil(64) {
            let mut word = 0u64;
            for bit in 0..64.min(len - w * 64) {
                word |= u64::from(holds(w * 64 + bit)) << bit;
            }
            words.push(word);
        }
        Bits { words, len }
    }

    /// Sets `ix`; indexes past the end are ignored, so a stray link cannot panic.
    pub fn set(&mut self, ix: EventIx) {
        if ix < self.len {
            self.words[ix / 64] |= 1 << (ix % 64);
        }
    }

    /// How many are set.
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn get(&self, ix: EventIx) -> bool {
        ix < self.len && self.words[ix / 64] & (1 << (ix % 64)) != 0
    }

    pub fn and(&mut self, other: &Bits) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    pub fn or(&mut self, other: &Bits) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    pub fn not(&mut self) {
        for word in &mut self.words {
            *word = !*word;
        }
        self.trim();
    }

    /// Clears the bits past `len` in the last word, which `not` and `full` would set.
    fn trim(&mut self) {
        let extra = self.words.len() * 64 - self.len;
        if extra > 0
            && let Some(last) = self.words.last_mut()
        {
            *last &= u64::MAX >> extra;
        }
    }

    /// The set indexes, ascending.
    pub fn ones(&self) -> Vec<EventIx> {
        let mut out = Vec::new();
        for (w, &word) in self.words.iter().enumerate() {
            let mut word = word;
            while word != 0 {
                let bit = word.trailing_zeros() as usize;
                out.push(w * 64 + bit);
                word &= word - 1;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Bits;

    #[test]
    fn not_stays_within_the_length() {
        let mut bits = Bits::empty(70);
        bits.set(3);
        bits.set(69);
        bits.set(70);
        bits.not();
        let ones = bits.ones();
        assert_eq!(ones.len(), 68);
        assert!(!ones.contains(&3) && !ones.contains(&69) && ones.iter().all(|&i| i < 70));
        assert_eq!(Bits::full(70).ones().len(), 70);
    }
}
