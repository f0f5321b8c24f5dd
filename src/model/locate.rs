//! Finding where a value sits in the source text, for diagnostics.
//!
//! The happy path deserialises straight into typed structs and never comes here. Only when there is
//! something to report do we re-read the document as borrowed `RawValue` slices: a slice's address
//! inside the source string *is* its position, so no hand-written JSON parser is needed.

use std::collections::HashMap;

use serde_json::value::RawValue;

/// One step of a path such as `events[12].actors[0]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(&'static str),
    Index(usize),
}

/// Renders steps the way people write them: `events[12].actors[0]`.
pub fn render_path(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Step::Index(ix) => {
                out.push('[');
                out.push_str(&ix.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// Line and column (1-based, column in characters) of byte offsets, with the line table built
/// once for all diagnostics of a file.
///
/// Counting characters from the start of the line would make each diagnostic cost the line's
/// length, and a minified file is one line: ten thousand warnings on a 30 MB line took a minute.
/// So the last answer is remembered, and a later offset on the same line counts on from it; since
/// diagnostics come roughly in document order, the total stays linear in the file.
pub struct LineIndex<'a> {
    src: &'a str,
    line_starts: Vec<usize>,
    /// (offset, line, column) of the last answer.
    last: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(src: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(ix, _)| ix + 1))
            .collect();
        LineIndex {
            src,
            line_starts,
            last: std::cell::Cell::new((0, 1, 1)),
        }
    }

    /// The text from `offset` on (empty past the end or inside a char).
    pub fn text_from(&self, offset: usize) -> &'a str {
        self.src.get(offset..).unwrap_or_default()
    }

    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.src.len());
        while !self.src.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .line_starts
            .partition_point(|&start| start <= offset)
            .max(1);
        let start = self.line_starts[line - 1];
        let (last_offset, last_line, last_column) = self.last.get();
        let (from, column) = if last_line == line && (start..=offset).contains(&last_offset) {
            (last_offset, last_column)
        } else {
            (start, 1)
        };
        count::step(offset - from);
        let column = column + self.src[from..offset].chars().count();
        self.last.set((offset, line, column));
        (line, column)
    }

    /// The byte offset of a 1-based line and column as serde_json reports them (column in bytes).
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.src.len());
        (start + column.saturating_sub(1)).min(self.src.len())
    }
}

/// The 1-based line of one byte offset, by counting the newlines before it: for a single answer
/// in a large file, where [`LineIndex`]'s table of every line's start would cost more memory than
/// the count costs time.
pub fn line_of(src: &str, offset: usize) -> usize {
    let before = &src.as_bytes()[..offset.min(src.len())];
    memchr::memchr_iter(b'\n', before).count() + 1
}

/// Resolves paths to byte offsets. Every object or list on the way is parsed once and kept, by
/// its offset, so many findings inside one item (twenty thousand unknown actors on one event) cost
/// one parse of it, not one each: the whole cost stays linear in the document.
pub struct Locator<'a> {
    src: &'a str,
    root: Option<HashMap<String, &'a RawValue>>,
    /// Parsed containers by the offset they start at.
    parsed: HashMap<usize, Container<'a>>,
}

/// An object's members or a list's items, as unparsed slices of the source.
enum Container<'a> {
    Object(HashMap<String, &'a RawValue>),
    List(Vec<&'a RawValue>),
    /// Neither (a string, a number, or not valid JSON).
    Leaf,
}

impl<'a> Locator<'a> {
    pub fn new(src: &'a str) -> Self {
        count::parse();
        let root = serde_json::from_str::<HashMap<String, &RawValue>>(src).ok();
        Locator {
            src,
            root,
            parsed: HashMap::new(),
        }
    }

    /// Byte offset of the value at `steps`, or of the deepest ancestor found.
    pub fn offset(&mut self, steps: &[Step]) -> usize {
        let Some(root) = &self.root else { return 0 };
        let Some((Step::Key(first), rest)) = steps.split_first() else {
            return 0;
        };
        let Some(&top) = root.get(*first) else {
            return 0;
        };
        let mut current = top;
        for step in rest {
            let at = self.offset_of(current);
            let container = self.parsed.entry(at).or_insert_with(|| {
                count::parse();
                let text = current.get();
                if text.starts_with('{') {
                    serde_json::from_str(text).map_or(Container::Leaf, Container::Object)
                } else if text.starts_with('[') {
                    serde_json::from_str(text).map_or(Container::Leaf, Container::List)
                } else {
                    Container::Leaf
                }
            });
            let next = match (step, &*container) {
                (Step::Key(key), Container::Object(map)) => map.get(*key).copied(),
                (Step::Index(ix), Container::List(list)) => list.get(*ix).copied(),
                _ => None,
            };
            match next {
                Some(value) => current = value,
                None => break,
            }
        }
        self.offset_of(current)
    }

    /// A borrowed `RawValue` always points into `src`; its address difference is its offset.
    fn offset_of(&self, value: &RawValue) -> usize {
        (value.get().as_ptr() as usize).saturating_sub(self.src.as_ptr() as usize)
    }
}

/// How many times the locator parsed a piece of the document, and how many bytes columns were
/// counted through, on this thread: tests of the many-findings cases assert both stay
/// proportional to the document, not to the findings.
pub mod count {
    use std::cell::Cell;

    thread_local! {
        static PARSES: Cell<usize> = const { Cell::new(0) };
        static STEPS: Cell<usize> = const { Cell::new(0) };
    }

    pub(super) fn parse() {
        PARSES.with(|n| n.set(n.get() + 1));
    }

    /// `bytes` counted through to find a column.
    pub(super) fn step(bytes: usize) {
        STEPS.with(|n| n.set(n.get() + bytes));
    }

    /// Bytes counted through for columns on this thread so far.
    #[cfg(test)]
    pub fn steps() -> usize {
        STEPS.with(Cell::get)
    }

    /// Parses made on this thread so far.
    #[cfg(test)]
    pub fn parses() -> usize {
        PARSES.with(Cell::get)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_like_people_write_them() {
        let steps = [
            Step::Key("events"),
            Step::Index(12),
            Step::Key("actors"),
            Step::Index(0),
        ];
        assert_eq!(render_path(&steps), "events[12].actors[0]");
    }

    #[test]
    fn locates_nested_values() {
        let src = "{\n  \"events\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\", \"actors\": [\"x\", \"yy\"]}\n  ]\n}";
        let lines = LineIndex::new(src);
        let mut locator = Locator::new(src);
        let at = locator.offset(&[
            Step::Key("events"),
            Step::Index(1),
            Step::Key("actors"),
            Step::Index(1),
        ]);
        assert_eq!(lines.line_col(at), (4, 33));
        assert_eq!(&src[at..at + 4], "\"yy\"");
    }

    #[test]
    fn missing_steps_fall_back_to_the_deepest_ancestor() {
        let src = "{\"events\": [{\"id\": \"a\"}]}";
        let mut locator = Locator::new(src);
        let at = locator.offset(&[Step::Key("events"), Step::Index(0), Step::Key("nope")]);
        assert_eq!(&src[at..at + 1], "{");
    }

    /// Ten thousand findings in one event parse the event once, not once each.
    #[test]
    fn many_findings_in_one_item_parse_it_once() {
        let refs: Vec<String> = (0..10_000).map(|n| format!("\"x{n}\"")).collect();
        let src = format!(
            "{{\"events\": [{{\"id\": \"a\", \"actors\": [{}]}}]}}",
            refs.join(", ")
        );
        let before = count::parses();
        let mut locator = Locator::new(&src);
        for n in (0..10_000).rev() {
            let at = locator.offset(&[
                Step::Key("events"),
                Step::Index(0),
                Step::Key("actors"),
                Step::Index(n),
            ]);
            assert_eq!(&src[at..at + 2], "\"x");
        }
        // The root, the events list, the event, its actors.
        assert_eq!(count::parses() - before, 4);
    }

    #[test]
    fn remembered_positions_give_the_same_answers_in_any_order() {
        let src = "{\"a\": \"Perú\", \"b\": [1, 2],\n \"c\": \"日本\", \"d\": 3}";
        let fresh: Vec<(usize, usize)> = (0..=src.len())
            .map(|at| LineIndex::new(src).line_col(at))
            .collect();
        let shared = LineIndex::new(src);
        for at in (0..=src.len())
            .chain((0..=src.len()).rev())
            .chain([7, 30, 2, 41])
        {
            assert_eq!(shared.line_col(at), fresh[at], "offset {at}");
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let lines = LineIndex::new("\"Perú\": 1");
        assert_eq!(lines.line_col(8), (1, 8));
    }
}
