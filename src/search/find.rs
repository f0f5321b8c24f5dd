//! Finding a folded needle in the corpus's one contiguous text (memchr's SIMD substring search)
//! instead of in each item: the cost is one pass over the bytes plus a binary search per item
//! found, and an item is left as soon as it is found.

use memchr::memmem::Finder;

use super::corpus::Corpus;
use super::rank::starts_word_at;

/// Items holding `needle` inside one of their fields or their hidden tail (never across two),
/// ascending; `None` when the corpus is too large for its offsets or `cancelled` said stop.
pub(crate) fn items_containing(
    corpus: &Corpus,
    needle: &str,
    cancelled: &dyn Fn() -> bool,
) -> Option<Vec<usize>> {
    if needle.is_empty() {
        return Some((0..corpus.len()).collect());
    }
    let text = corpus.text();
    let finder = Finder::new(needle.as_bytes());
    let mut found = Vec::new();
    let mut from = 0;
    let mut steps = 0usize;
    let mut last = 0;
    while let Some(at) = finder.find(&text.as_bytes()[from..]).map(|i| from + i) {
        steps += 1;
        if steps.is_multiple_of(4096) && cancelled() {
            return None;
        }
        let item = corpus.item_at_from(at, last)?;
        last = item;
        let range = corpus.item_range(item)?;
        let end = at + needle.len();
        let spans = corpus.spans(item);
        // The tail runs from the last field's end to the item's end.
        let tail_start = spans.last().map_or(range.start, |s| s.range().end);
        let inside = spans
            .iter()
            .map(|s| s.range())
            .chain(std::iter::once(tail_start..range.end))
            .any(|r| r.start <= at && end <= r.end);
        if inside {
            found.push(item);
            from = range.end;
        } else {
            from = at + 1;
        }
        if from >= text.len() {
            break;
        }
    }
    Some(found)
}

/// The items whose summary holds `needle` at a word start, ascending, each once: the one word
/// class the vocabulary leaves to a text search (see `vocab`).
pub(crate) struct SummaryWordStarts<'a> {
    corpus: &'a Corpus,
    needle: &'a str,
    finder: Finder<'a>,
    from: usize,
    /// The item byte `from` lies in, or one before it.
    item: usize,
}

impl<'a> SummaryWordStarts<'a> {
    pub fn new(corpus: &'a Corpus, needle: &'a str) -> SummaryWordStarts<'a> {
        SummaryWordStarts {
            corpus,
            needle,
            finder: Finder::new(needle.as_bytes()),
            from: 0,
            item: 0,
        }
    }
}

impl Iterator for SummaryWordStarts<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let text = self.corpus.text();
        loop {
            let bytes = text.as_bytes().get(self.from..)?;
            let at = self.from + self.finder.find(bytes)?;
            let item = self.corpus.item_at_from(at, self.item)?;
            self.item = item;
            let range = self.corpus.item_range(item)?;
            let Some(summary) = self
                .corpus
                .spans(item)
                .iter()
                .map(|s| (s.is_summary(), s.range()))
                .find(|(is, r)| *is && r.end > at)
                .map(|(_, r)| r)
            else {
                // Past the item's summary: go on with the next item.
                self.from = range.end;
                continue;
            };
            if at < summary.start {
                self.from = summary.start;
                continue;
            }
            let field = &text[summary.clone()];
            let local = at - summary.start;
            if at + self.needle.len() <= summary.end && starts_word_at(field, local) {
                self.from = range.end;
                return Some(item);
            }
            self.from = at + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Field;

    #[test]
    fn a_needle_across_two_fields_is_no_match() {
        let mut c = Corpus::with_capacity(3);
        c.push(0, [(Field::Name, "ab"), (Field::Alias(0), "cd")]);
        c.push_with_tail(0, [(Field::Name, "x")], "1992-04");
        c.push(0, [(Field::Name, "abcd")]);
        assert_eq!(items_containing(&c, "bc", &|| false), Some(vec![2]));
        assert_eq!(items_containing(&c, "1992", &|| false), Some(vec![1]));
        assert_eq!(items_containing(&c, "x1", &|| false), Some(vec![]));
        assert_eq!(items_containing(&c, "", &|| false), Some(vec![0, 1, 2]));
    }

    #[test]
    fn summary_word_starts_skip_other_fields_and_inner_words() {
        let mut c = Corpus::with_capacity(4);
        c.push(0, [(Field::Name, "lima"), (Field::Summary, "in xlima")]);
        c.push(
            0,
            [(Field::Name, "y"), (Field::Summary, "talks in lima, lima")],
        );
        c.push(0, [(Field::Summary, "lima first")]);
        c.push(0, [(Field::Name, "lima")]);
        let found: Vec<usize> = SummaryWordStarts::new(&c, "lima").collect();
        assert_eq!(found, [1, 2]);
    }
}
