//! The folded text of one scope (actors or events), laid out for scanning.
//!
//! Every searchable text is folded once, at build, into one contiguous string: a scan walks memory
//! in order instead of chasing a heap pointer per field, and a million events cost one allocation.
//! Original texts stay in the chronology; positions for highlighting are recomputed per visible row.

use super::Field;
use super::vocab::Vocabulary;
use crate::fold::fold_append;

/// One searchable text of an item: where its folded form lies in `Corpus::text`, and which field
/// it is. Packed into 16 bytes (a million events have five million spans) with 32-bit offsets:
/// the text is folded from a file of at most 1 GiB, and real text folds to about its own size.
/// Only a file built to expand (NFKD turns U+FDFA into 18 chars) could fold past 4 GiB; spans
/// beyond that read as empty text, which matches nothing, rather than as the wrong text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    start: u32,
    end: u32,
    /// The alias or tag's position; 0 for the other fields.
    index: u32,
    kind: FieldKind,
}

const _: () = assert!(std::mem::size_of::<Span>() == 16);

#[derive(Debug, Clone, Copy)]
enum FieldKind {
    Name,
    Alias,
    Summary,
    Tag,
    Date,
}

impl Span {
    /// Byte range of the span's folded text in [`Corpus::text`].
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn is_summary(&self) -> bool {
        matches!(self.kind, FieldKind::Summary)
    }

    /// Which of the vocabulary's field kinds the span is (see [`super::vocab::Kind`]).
    pub fn vocab_kind(&self) -> super::vocab::Kind {
        use super::vocab::Kind;
        match self.kind {
            FieldKind::Name => Kind::Name,
            FieldKind::Alias => Kind::Alias,
            FieldKind::Tag => Kind::Tag,
            FieldKind::Date => Kind::Date,
            FieldKind::Summary => Kind::Summary,
        }
    }

    pub fn field(&self) -> Field {
        let index = self.index as usize;
        match self.kind {
            FieldKind::Name => Field::Name,
            FieldKind::Alias => Field::Alias(index),
            FieldKind::Summary => Field::Summary,
            FieldKind::Tag => Field::Tag(index),
            FieldKind::Date => Field::Date,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Corpus {
    text: String,
    spans: Vec<Span>,
    /// Item `i` owns `spans[first_span[i]..first_span[i + 1]]`.
    first_span: Vec<usize>,
    /// Which chars occur anywhere in the item (see [`char_mask`]): most items that cannot match are
    /// turned away with one AND, without reading their text.
    masks: Vec<u64>,
    /// Tie-break after score: an actor's number of events (0 for events).
    counts: Vec<u32>,
    /// The largest of `counts`: ranking by vocabulary stops early only when no later item can win
    /// a tie on its count.
    max_count: u32,
    /// Where item `i`'s text ends in `text`, its hidden tail included: a text search maps an
    /// occurrence to its item by binary search here. Past 4 GiB of text offsets no longer fit,
    /// and the searches that need them answer `None`.
    ends: Vec<u32>,
    /// Distinct folded words and the items holding them, built by [`Corpus::finish`].
    vocab: Option<Vocabulary>,
}

impl Corpus {
    pub fn with_capacity(items: usize) -> Corpus {
        let mut first_span = Vec::with_capacity(items + 1);
        first_span.push(0);
        Corpus {
            first_span,
            masks: Vec::with_capacity(items),
            counts: Vec::with_capacity(items),
            ends: Vec::with_capacity(items),
            ..Corpus::default()
        }
    }

    /// Makes room for `items` more items of `spans` fields and `bytes` of folded text in all, so
    /// that appending a second corpus does not copy this one, and its lists are not grown by
    /// doubling on the way (at a million events the spans alone are 100 MB).
    pub fn reserve(&mut self, items: usize, spans: usize, bytes: usize) {
        self.text.reserve(bytes);
        self.spans.reserve(spans);
        self.first_span.reserve(items);
        self.masks.reserve(items);
        self.counts.reserve(items);
        self.ends.reserve(items);
    }

    /// Appends every item of `other` after this corpus's (built on another thread), shifting its
    /// offsets. When both are finished their vocabularies are merged, so the vocabulary too is
    /// built on both threads; otherwise [`Corpus::finish`] builds it.
    pub fn append(&mut self, other: Corpus) {
        let items_before = self.len();
        let vocab = match (self.vocab.take(), &other.vocab) {
            (Some(mine), Some(theirs)) => Some((mine, theirs)),
            _ => None,
        };
        let shift = self.text.len();
        let span_shift = self.spans.len();
        self.text.push_str(&other.text);
        // Past 4 GiB, as in `push`: an empty text, never a wrong one.
        let moved = |at: u32| match at {
            u32::MAX => u32::MAX,
            at => u32::try_from(at as usize + shift).unwrap_or(u32::MAX),
        };
        self.spans.extend(other.spans.iter().map(|span| Span {
            start: moved(span.start),
            end: moved(span.end),
            ..*span
        }));
        self.first_span
            .extend(other.first_span.iter().skip(1).map(|&f| f + span_shift));
        self.masks.extend_from_slice(&other.masks);
        self.counts.extend_from_slice(&other.counts);
        self.max_count = self.max_count.max(other.max_count);
        self.ends.extend(other.ends.iter().map(|&e| moved(e)));
        if u32::try_from(self.text.len()).is_ok() {
            self.vocab = vocab.and_then(|(mine, theirs)| {
                Vocabulary::merge(&mine, theirs, items_before, self.len())
            });
        }
    }

    /// Appends one item; `fields` in the order ties between them should be decided (first wins).
    pub fn push<'a>(&mut self, count: usize, fields: impl IntoIterator<Item = (Field, &'a str)>) {
        self.push_with_tail(count, fields, "");
    }

    /// Like [`Corpus::push`], with `tail` folded after the fields but in no field: text a bare
    /// query word finds (an event's EDTF date) that the palette does not rank.
    pub fn push_with_tail<'a>(
        &mut self,
        count: usize,
        fields: impl IntoIterator<Item = (Field, &'a str)>,
        tail: &str,
    ) {
        let mut mask = 0;
        for (field, original) in fields {
            let start = self.text.len();
            fold_append(original, &mut self.text);
            mask |= text_mask(&self.text[start..]);
            let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            let (kind, index) = match field {
                Field::Name => (FieldKind::Name, 0),
                Field::Alias(i) => (FieldKind::Alias, i),
                Field::Summary => (FieldKind::Summary, 0),
                Field::Tag(i) => (FieldKind::Tag, i),
                Field::Date => (FieldKind::Date, 0),
            };
            // Past 4 GiB both ends become the same point: an empty text, never a wrong one.
            let (start, end) = match (u32::try_from(start), u32::try_from(self.text.len())) {
                (Ok(start), Ok(end)) => (start, end),
                _ => (u32::MAX, u32::MAX),
            };
            self.spans.push(Span {
                start,
                end,
                index: small(index),
                kind,
            });
        }
        fold_append(tail, &mut self.text);
        // A vocabulary built before this item would miss it.
        self.vocab = None;
        self.first_span.push(self.spans.len());
        self.masks.push(mask);
        let count = u32::try_from(count).unwrap_or(u32::MAX);
        self.max_count = self.max_count.max(count);
        self.counts.push(count);
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    /// Builds the vocabulary once every item is in, unless [`Corpus::append`] merged it already.
    /// Until then (and past 4 GiB of text) the searches that need it answer `None` and callers
    /// scan.
    pub fn finish(&mut self) {
        if self.vocab.is_none() && u32::try_from(self.text.len()).is_ok() {
            self.vocab = Vocabulary::build(self);
        }
    }

    pub fn vocab(&self) -> Option<&Vocabulary> {
        self.vocab.as_ref()
    }

    /// Bytes held on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + self.spans.capacity() * std::mem::size_of::<Span>()
            + self.first_span.capacity() * std::mem::size_of::<usize>()
            + self.masks.capacity() * 8
            + (self.counts.capacity() + self.ends.capacity()) * 4
            + self.vocab.as_ref().map_or(0, Vocabulary::heap_bytes)
    }

    pub fn max_count(&self) -> u32 {
        self.max_count
    }

    /// The whole folded text, items one after another, each its fields then its tail.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Item `i`'s text, as a byte range of [`Corpus::text`]; `None` past 4 GiB or past the end.
    pub fn item_range(&self, item: usize) -> Option<std::ops::Range<usize>> {
        if u32::try_from(self.text.len()).is_err() {
            return None;
        }
        let end = *self.ends.get(item)? as usize;
        let start = match item.checked_sub(1) {
            Some(before) => *self.ends.get(before)? as usize,
            None => 0,
        };
        Some(start..end)
    }

    /// The item whose text holds byte `at` of [`Corpus::text`], known to be item `from` or a later
    /// one: a search that
    /// follows the text finds the next item a few entries on, so galloping from `from` reads one
    /// or two cache lines where a binary search over every item reads twenty.
    pub fn item_at_from(&self, at: usize, from: usize) -> Option<usize> {
        u32::try_from(self.text.len()).ok()?;
        let ends = self.ends.get(from..)?;
        let mut reach = 1;
        while reach < ends.len() && (ends[reach - 1] as usize) <= at {
            reach *= 2;
        }
        let item = from + ends[..reach.min(ends.len())].partition_point(|&end| end as usize <= at);
        (item < self.ends.len()).then_some(item)
    }

    pub fn len(&self) -> usize {
        self.masks.len()
    }

    pub fn mask(&self, item: usize) -> u64 {
        self.masks.get(item).copied().unwrap_or(0)
    }

    pub fn count(&self, item: usize) -> u32 {
        self.counts.get(item).copied().unwrap_or(0)
    }

    /// The item's fields with their folded text; empty for an item that does not exist.
    #[cfg(test)]
    pub fn fields(&self, item: usize) -> impl Iterator<Item = (Field, &str)> {
        self.spans(item)
            .iter()
            .map(|s| (s.field(), self.span_text(s)))
    }

    /// The item's fields in order; empty for an item that does not exist.
    pub fn spans(&self, item: usize) -> &[Span] {
        match (self.first_span.get(item), self.first_span.get(item + 1)) {
            (Some(&a), Some(&b)) => &self.spans[a..b],
            _ => &[],
        }
    }

    /// The folded text of one of this corpus's spans.
    pub fn span_text(&self, span: &Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or_default()
    }
}

/// A 64-bit summary of which chars a text holds: letters and digits get a bit each, other chars
/// share hashed bits. If a query needs a bit the item lacks, the item cannot match.
pub(crate) const fn char_mask(c: char) -> u64 {
    let bit = match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + (c as u32 - '0' as u32),
        c if c.is_ascii() => 36 + (c as u32 % 8),
        c => 44 + (c as u32 % 20),
    };
    1 << bit
}

/// [`char_mask`] of every ASCII byte: the mask of a folded text is mostly read from here.
const ASCII_MASKS: [u64; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = char_mask(b as u8 as char);
        b += 1;
    }
    table
};

/// The union of [`char_mask`] over `text`'s chars, a byte at a time where it is ASCII (a char
/// at a time was a tenth of building a million events' index).
pub(crate) fn text_mask(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let (mut mask, mut at) = (0, 0);
    while let Some(&b) = bytes.get(at) {
        match ASCII_MASKS.get(usize::from(b)) {
            Some(&m) => {
                mask |= m;
                at += 1;
            }
            None => {
                // `at` is a char boundary: it only ever steps over whole chars.
                let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                mask |= char_mask(c);
                at += c.len_utf8();
            }
        }
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Galloping from any earlier item finds the item a byte lies in, empty items included.
    #[test]
    fn the_item_at_a_byte_is_found_from_any_item_before_it() {
        let mut corpus = Corpus::with_capacity(40);
        for i in 0..40 {
            let name = "x".repeat(i % 5);
            corpus.push(0, [(Field::Name, name.as_str())]);
        }
        corpus.finish();
        for at in 0..corpus.text().len() {
            let owner = (0..corpus.len())
                .find(|&i| corpus.item_range(i).is_some_and(|r| r.contains(&at)))
                .expect("every byte is some item's");
            for from in 0..=owner {
                assert_eq!(
                    corpus.item_at_from(at, from),
                    Some(owner),
                    "{at} from {from}"
                );
            }
        }
        assert_eq!(corpus.item_at_from(corpus.text().len(), 0), None);
    }

    #[test]
    fn items_keep_their_fields_in_order() {
        let mut corpus = Corpus::with_capacity(2);
        corpus.push(3, [(Field::Name, "Perú"), (Field::Alias(0), "PE")]);
        corpus.push(0, [(Field::Name, "Chile")]);
        let first: Vec<_> = corpus.fields(0).collect();
        assert_eq!(first, vec![(Field::Name, "peru"), (Field::Alias(0), "pe")]);
        assert_eq!(corpus.fields(1).count(), 1);
        assert_eq!(corpus.fields(7).count(), 0);
        assert_eq!(corpus.count(0), 3);
    }

    #[test]
    fn an_appended_corpus_reads_as_one_built_in_a_row() {
        let items: [&[(Field, &str)]; 3] = [
            &[(Field::Name, "Perú"), (Field::Alias(0), "PE")],
            &[(Field::Name, "Chile")],
            &[(Field::Name, "Bolivia"), (Field::Summary, "Andes")],
        ];
        let mut whole = Corpus::with_capacity(3);
        let (mut head, mut rest) = (Corpus::with_capacity(1), Corpus::with_capacity(2));
        for (i, fields) in items.iter().enumerate() {
            whole.push_with_tail(i, fields.iter().copied(), "19xx");
            let part = if i == 0 { &mut head } else { &mut rest };
            part.push_with_tail(i, fields.iter().copied(), "19xx");
        }
        // Unfinished halves: the joined corpus builds its vocabulary when finished.
        let (mut unfinished, tail) = (head.clone(), rest.clone());
        unfinished.append(tail.clone());
        unfinished.finish();
        head.finish();
        rest.finish();
        head.append(rest);
        whole.finish();
        assert!(whole.vocab().is_some_and(|v| v.len() > 0));
        assert_eq!(head.vocab(), whole.vocab(), "merged vocabularies");
        assert_eq!(unfinished.vocab(), whole.vocab());
        // A finished half and an unfinished one are built again by `finish`.
        let mut half = Corpus::with_capacity(1);
        half.push_with_tail(0, items[0].iter().copied(), "19xx");
        half.finish();
        half.append(tail);
        assert!(half.vocab().is_none());
        half.finish();
        assert_eq!(half.vocab(), whole.vocab());
        assert_eq!(head.text(), whole.text());
        for item in 0..4 {
            assert!(head.fields(item).eq(whole.fields(item)), "item {item}");
            assert_eq!(head.item_range(item), whole.item_range(item));
            assert_eq!(
                (head.mask(item), head.count(item)),
                (whole.mask(item), whole.count(item))
            );
        }
        assert_eq!(head.max_count(), 2);
        assert_eq!(head.len(), 3);
    }

    #[test]
    fn a_text_mask_is_the_union_of_its_chars_masks() {
        for text in ["", "peru", "Perú's 1992-04", "日本 ﬁ ß", "a\u{301}z~"] {
            let by_char = text.chars().fold(0, |m, c| m | char_mask(c));
            assert_eq!(text_mask(text), by_char, "{text}");
        }
    }

    #[test]
    fn mask_rejects_items_missing_a_letter() {
        let item = text_mask("peru");
        assert_eq!(text_mask("rep") & !item, 0);
        assert_ne!(text_mask("pex") & !item, 0);
    }
}
