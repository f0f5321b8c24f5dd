//! The distinct folded words of a corpus, sorted, each with the items that hold it.
//!
//! A query's better tiers are word tiers: a field is exact or a prefix when its first word starts
//! with the query, a word start when another word does. So the items that can reach them are the
//! postings of the words in one range of the sorted dictionary, found by binary search, whatever
//! the number of items. Postings are split by the field's kind (its bonus) and the word's place in
//! it (its tier), so a ranking can take the best class first and stop as soon as nothing left can
//! enter the top (see `rank::by_class`).
//!
//! Summaries contribute only their first word: the rest of a summary is most of the text and of
//! the words, and the one class it would fill (a word start in a summary, the lowest of the word
//! tiers) is found by a text search instead (`find`), only when ranking gets that far.

use foldhash::HashMap;

use super::corpus::Corpus;

/// The field kinds, by bonus: a class's ceiling depends on which it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Name,
    Alias,
    Tag,
    Date,
    Summary,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Name,
        Kind::Alias,
        Kind::Tag,
        Kind::Date,
        Kind::Summary,
    ];
}

/// Where in its field a word stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// The word is the whole field: exact when it is the query, else a prefix.
    Whole,
    /// The field starts with the word: a prefix.
    First,
    /// A later word in a field that begins with the word's first char: a word start, where the
    /// matcher may still align the query's first char at the field's start and score more.
    OtherAtStart,
    /// Any other later word: a word start, under the matcher's lower ceiling.
    Other,
}

impl Place {
    pub const ALL: [Place; 4] = [
        Place::Whole,
        Place::First,
        Place::OtherAtStart,
        Place::Other,
    ];
}

const CLASSES: usize = Kind::ALL.len() * Place::ALL.len();

fn class(kind: Kind, place: Place) -> usize {
    kind as usize * Place::ALL.len() + place as usize
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Vocabulary {
    /// The words, sorted byte-wise, one after another.
    words: String,
    /// Word `w` is `words[word_ends[w - 1]..word_ends[w]]` (from 0 for the first).
    word_ends: Vec<u32>,
    /// The postings of word `w` in class `c` are `postings[lists[w * CLASSES + c]..][..]` up to
    /// the next list's start.
    lists: Vec<u32>,
    /// Item indexes, ascending within each list, each at most once per list.
    postings: Vec<u32>,
}

/// The words of a folded text: runs of alphanumeric chars, with their byte offsets. Read a byte
/// at a time where the text is ASCII (most of it), a char at a time elsewhere.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    // Whether the char at byte `at` is alphanumeric, and its length.
    let char_at = move |at: usize| -> Option<(bool, usize)> {
        let b = *text.as_bytes().get(at)?;
        if b.is_ascii() {
            return Some((b.is_ascii_alphanumeric(), 1));
        }
        let c = text.get(at..)?.chars().next()?;
        Some((c.is_alphanumeric(), c.len_utf8()))
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = loop {
            let (alphanumeric, len) = char_at(at)?;
            if alphanumeric {
                break at;
            }
            at += len;
        };
        at = start;
        while let Some((true, len)) = char_at(at) {
            at += len;
        }
        Some((start, text.get(start..at)?))
    })
}

impl Vocabulary {
    /// `None` when the corpus holds more items or words than 32-bit postings can name.
    pub fn build(corpus: &Corpus) -> Option<Vocabulary> {
        let items = corpus.len();
        u32::try_from(items).ok()?;
        let text = corpus.text();
        let mut ids: HashMap<&str, u32> = HashMap::default();
        let mut spelled: Vec<&str> = Vec::new();
        // Each item's (word id, class) slots, then where each item's slots end. A slot is kept
        // once per item: `seen[slot]` is the last item (plus one) that held it, which spares
        // sorting every item's slots to drop the repeats.
        let mut slots: Vec<u32> = Vec::with_capacity(text.len() / 8);
        let mut seen: Vec<u32> = Vec::new();
        let mut item_ends: Vec<usize> = Vec::with_capacity(items);
        let max_words = u32::MAX as usize / CLASSES - 1;
        for item in 0..items {
            let mark = item as u32 + 1;
            for span in corpus.spans(item) {
                let field = text.get(span.range()).unwrap_or_default();
                let kind = span.vocab_kind();
                let lead = field.chars().next();
                for (at, word) in words(field) {
                    let place = match (at, word.len() == field.len()) {
                        (0, true) => Place::Whole,
                        (0, false) => Place::First,
                        _ if kind == Kind::Summary => break,
                        _ if word.chars().next() == lead => Place::OtherAtStart,
                        _ => Place::Other,
                    };
                    let next = u32::try_from(spelled.len()).ok()?;
                    let id = *ids.entry(word).or_insert_with(|| {
                        spelled.push(word);
                        next
                    });
                    if spelled.len() > max_words {
                        return None;
                    }
                    let slot = id as usize * CLASSES + class(kind, place);
                    if slot >= seen.len() {
                        seen.resize(spelled.len() * CLASSES, 0);
                    }
                    if seen[slot] != mark {
                        seen[slot] = mark;
                        slots.push(slot as u32);
                    }
                }
            }
            item_ends.push(slots.len());
        }
        drop((ids, seen));
        // Sorted order, and each first-seen id's place in it.
        let mut order: Vec<u32> = (0..spelled.len() as u32).collect();
        order.sort_unstable_by_key(|&id| spelled[id as usize]);
        let mut rank = vec![0u32; spelled.len()];
        let mut words = String::with_capacity(spelled.iter().map(|w| w.len()).sum());
        let mut word_ends = Vec::with_capacity(spelled.len());
        for (new, &id) in order.iter().enumerate() {
            rank[id as usize] = new as u32;
            words.push_str(spelled[id as usize]);
            word_ends.push(u32::try_from(words.len()).ok()?);
        }
        let remap = |slot: u32| {
            let (id, class) = (slot as usize / CLASSES, slot as usize % CLASSES);
            rank[id] as usize * CLASSES + class
        };
        // Counting sort: list sizes, their starts, then every item into its lists in item order.
        let mut lists = vec![0u32; spelled.len() * CLASSES + 1];
        for &slot in &slots {
            lists[remap(slot) + 1] += 1;
        }
        for i in 1..lists.len() {
            lists[i] += lists[i - 1];
        }
        let mut cursor = lists.clone();
        let mut postings = vec![0u32; slots.len()];
        let mut start = 0;
        for (item, &end) in item_ends.iter().enumerate() {
            for &slot in &slots[start..end] {
                let list = remap(slot);
                postings[cursor[list] as usize] = item as u32;
                cursor[list] += 1;
            }
            start = end;
        }
        Some(Vocabulary {
            words,
            word_ends,
            lists,
            postings,
        })
    }

    /// The vocabulary of a corpus of `items` items, `first`'s followed by `second`'s, whose
    /// items are numbered from `shift`: what [`Vocabulary::build`] gives for the joined corpus,
    /// made from two halves built on two threads. One pass over both sorted dictionaries; each
    /// list is `first`'s then `second`'s, so it stays ascending. `None` as for `build`.
    pub fn merge(
        first: &Vocabulary,
        second: &Vocabulary,
        shift: usize,
        items: usize,
    ) -> Option<Vocabulary> {
        // Every shifted item is below `items`, so the additions below cannot overflow.
        u32::try_from(items).ok()?;
        let shift = u32::try_from(shift).ok()?;
        let bound = first.len() + second.len();
        let mut words = String::with_capacity(first.words.len() + second.words.len());
        let mut word_ends = Vec::with_capacity(bound);
        let mut lists = Vec::with_capacity(bound * CLASSES + 1);
        let mut postings = Vec::with_capacity(first.postings.len() + second.postings.len());
        let (mut a, mut b) = (0, 0);
        while a < first.len() || b < second.len() {
            let order = match (a < first.len(), b < second.len()) {
                (true, true) => first.word(a).cmp(second.word(b)),
                (true, false) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            };
            let from_first = order.is_le().then_some(a);
            let from_second = order.is_ge().then_some(b);
            let word = match from_first {
                Some(a) => first.word(a),
                None => second.word(b),
            };
            words.push_str(word);
            word_ends.push(u32::try_from(words.len()).ok()?);
            for c in 0..CLASSES {
                lists.push(u32::try_from(postings.len()).ok()?);
                if let Some(a) = from_first {
                    postings.extend_from_slice(first.list(a * CLASSES + c));
                }
                if let Some(b) = from_second {
                    let theirs = second.list(b * CLASSES + c);
                    postings.extend(theirs.iter().map(|&item| item + shift));
                }
            }
            a += usize::from(from_first.is_some());
            b += usize::from(from_second.is_some());
        }
        lists.push(u32::try_from(postings.len()).ok()?);
        if word_ends.len() > u32::MAX as usize / CLASSES - 1 {
            return None;
        }
        Some(Vocabulary {
            words,
            word_ends,
            lists,
            postings,
        })
    }

    /// The postings of list `list` (a word's class).
    fn list(&self, list: usize) -> &[u32] {
        match (self.lists.get(list), self.lists.get(list + 1)) {
            (Some(&a), Some(&b)) => self
                .postings
                .get(a as usize..b as usize)
                .unwrap_or_default(),
            _ => &[],
        }
    }

    pub fn len(&self) -> usize {
        self.word_ends.len()
    }

    pub fn word(&self, w: usize) -> &str {
        let end = self.word_ends.get(w).map_or(0, |&e| e as usize);
        let start = match w.checked_sub(1) {
            Some(before) => self.word_ends[before] as usize,
            None => 0,
        };
        self.words.get(start..end).unwrap_or_default()
    }

    /// The words that start with `prefix`: one binary search, the range being contiguous in
    /// byte order.
    pub fn with_prefix(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = partition(self.len(), |w| self.word(w) < prefix);
        let end = partition(self.len(), |w| {
            let word = self.word(w);
            word < prefix || word.starts_with(prefix)
        });
        start..end.max(start)
    }

    /// The word spelled exactly so, if any.
    pub fn exactly(&self, word: &str) -> Option<usize> {
        let at = partition(self.len(), |w| self.word(w) < word);
        (at < self.len() && self.word(at) == word).then_some(at)
    }

    /// The items holding word `w` at `place` in a field of `kind`, ascending.
    pub fn postings(&self, w: usize, kind: Kind, place: Place) -> &[u32] {
        self.list(w * CLASSES + class(kind, place))
    }

    /// Bytes held, for docs/PERFORMANCE.md's memory figures.
    pub fn heap_bytes(&self) -> usize {
        self.words.capacity()
            + 4 * (self.word_ends.capacity() + self.lists.capacity())
            + 4 * self.postings.capacity()
    }
}

/// The first index in `0..len` where `before` stops holding (it holds for a prefix of them).
fn partition(len: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, len);
    while low < high {
        let mid = low + (high - low) / 2;
        if before(mid) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    low
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Field;

    fn corpus(items: &[&[(Field, &str)]]) -> Corpus {
        let mut c = Corpus::with_capacity(items.len());
        for fields in items {
            c.push(0, fields.iter().copied());
        }
        c.finish();
        c
    }

    #[test]
    fn words_are_alphanumeric_runs() {
        let found: Vec<_> = words("(perú) fmi-bid, 1992").collect();
        assert_eq!(found, [(1, "perú"), (8, "fmi"), (12, "bid"), (17, "1992")]);
        assert_eq!(words("").count(), 0);
        assert_eq!(words(" - ").count(), 0);
    }

    /// Two halves' vocabularies merged are the vocabulary of the whole, wherever it is split:
    /// words in both halves, in one only, repeated within an item and across its fields.
    #[test]
    fn merged_halves_are_the_whole() {
        let items: [&[(Field, &str)]; 6] = [
            &[(Field::Name, "Perú peru"), (Field::Tag(0), "peru")],
            &[(Field::Name, "Chile"), (Field::Summary, "chile and peru")],
            &[(Field::Name, "Asunción"), (Field::Alias(0), "asu")],
            &[(Field::Name, "pa peru"), (Field::Date, "5 april 1992")],
            &[
                (Field::Name, "Zaña"),
                (Field::Tag(0), "chile"),
                (Field::Tag(1), "ña"),
            ],
            &[(Field::Name, "1992 peru"), (Field::Date, "5 april 1992")],
        ];
        let whole = corpus(&items);
        for split in 0..=items.len() {
            let (head, rest) = items.split_at(split);
            let (first, second) = (corpus(head), corpus(rest));
            let merged = Vocabulary::merge(
                first.vocab().unwrap(),
                second.vocab().unwrap(),
                split,
                items.len(),
            );
            assert_eq!(merged.as_ref(), whole.vocab(), "split at {split}");
        }
    }

    #[test]
    fn postings_say_where_the_word_stands() {
        let c = corpus(&[
            &[(Field::Name, "Perú"), (Field::Alias(0), "the peru")],
            &[
                (Field::Name, "Peruvian navy"),
                (Field::Summary, "peru and peru again"),
            ],
            &[(Field::Name, "x"), (Field::Summary, "not peru first")],
            &[(Field::Name, "pa peru")],
        ]);
        let v = c.vocab().unwrap();
        let peru = v.exactly("peru").unwrap();
        assert_eq!(v.postings(peru, Kind::Name, Place::Whole), [0]);
        assert_eq!(v.postings(peru, Kind::Alias, Place::Other), [0]);
        let the = v.exactly("the").unwrap();
        assert_eq!(v.postings(the, Kind::Alias, Place::First), [0]);
        assert!(v.postings(the, Kind::Alias, Place::OtherAtStart).is_empty());
        assert_eq!(v.postings(peru, Kind::Summary, Place::First), [1]);
        // "pa peru": the title starts with the word's first letter.
        assert_eq!(v.postings(peru, Kind::Name, Place::OtherAtStart), [3]);
        assert!(v.postings(peru, Kind::Name, Place::Other).is_empty());
        // A summary's later words are left to the text search.
        assert!(v.postings(peru, Kind::Summary, Place::Other).is_empty());
        let range = v.with_prefix("peru");
        let spelled: Vec<&str> = range.map(|w| v.word(w)).collect();
        assert_eq!(spelled, ["peru", "peruvian"]);
        assert!(v.with_prefix("zz").is_empty());
        assert_eq!(v.exactly("per"), None);
    }
}
