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

/// Resolves paths to byte offsets, caching the top-level lists so many diagnostics in a large file
/// each cost one item's parse, not the whole document's.
pub struct Locator<'a> {
    src: &'a str,
    root: Option<HashMap<String, &'a RawValue>>,
    lists: HashMap<&'static str, Vec<&'a RawValue>>,
}

impl<'a> Locator<'a> {
    pub fn new(src: &'a str) -> Self {
        let root = serde_json::from_str::<HashMap<String, &RawValue>>(src).ok();
        Locator {
            src,
            root,
            lists: HashMap::new(),
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
        let mut rest = rest;
        if let Some((Step::Index(ix), tail)) = rest.split_first() {
            let list = self
                .lists
                .entry(first)
                .or_insert_with(|| serde_json::from_str(top.get()).unwrap_or_default());
            match list.get(*ix) {
                Some(&item) => current = item,
                None => return self.offset_of(top),
            }
            rest = tail;
        }
        for step in rest {
            let next = match step {
                Step::Key(key) => serde_json::from_str::<HashMap<String, &RawValue>>(current.get())
                    .ok()
                    .and_then(|map| map.get(*key).copied()),
                Step::Index(ix) => serde_json::from_str::<Vec<&RawValue>>(current.get())
                    .ok()
                    .and_then(|list| list.get(*ix).copied()),
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
