//! Text measured in terminal columns, not bytes or chars: Japanese takes two columns, a combining
//! accent none, so titles and dates stay aligned whatever script they are in.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

const ELLIPSIS: char = '…';

/// Most characters kept per column: a base and its combining marks, a ZWJ emoji sequence. A run
/// of zero-width characters takes no room, so without this a million of them would be copied
/// into every frame; with it, what is drawn and what it costs are bounded by the width.
const MAX_CHARS_PER_COLUMN: usize = 8;

/// Most lines [`wrap`] gives: a text longer than that (a summary of a megabyte) is cut, so a
/// frame wraps what a pane can show and not the whole text.
pub const MAX_WRAPPED_LINES: usize = 200;

/// Columns of one character, a control character counted as one as `str::width` counts it.
fn cols(c: char) -> usize {
    c.width().unwrap_or(1)
}

fn max_chars(width: usize) -> usize {
    width
        .saturating_mul(MAX_CHARS_PER_COLUMN)
        .saturating_add(MAX_CHARS_PER_COLUMN)
}

/// Whether `text` fits in `width` columns without cutting. Reads at most what fits, never the
/// whole of a long text.
pub fn fits(text: &str, width: usize) -> bool {
    let mut used = 0;
    for (n, c) in text.chars().enumerate() {
        used += cols(c);
        if used > width || n >= max_chars(width) {
            return false;
        }
    }
    true
}

/// The start of `text` that [`fit`] at `width` could show, and one character more when there is
/// more, so fitting it still ends in an ellipsis. Borrowed, and read only that far: for putting a
/// field of any length into a `format!` that is fitted afterwards.
pub fn clip(text: &str, width: usize) -> &str {
    let mut used = 0;
    for (n, (i, c)) in text.char_indices().enumerate() {
        if used > width || n > max_chars(width) {
            return &text[..i];
        }
        used += cols(c);
    }
    text
}

/// [`clip`] for text to be wrapped at `width`: as much as [`wrap`] can show.
pub fn clip_lines(text: &str, width: usize) -> &str {
    clip(text, width.max(1).saturating_mul(MAX_WRAPPED_LINES))
}

/// The first of `forms` (longest first) that fits in `width`, else the last one cut to it: for
/// a value with shorter spellings, so a narrow column shows the shortest whole one before it
/// cuts any.
pub fn first_fitting(forms: impl IntoIterator<Item = String>, width: usize) -> String {
    let mut last = String::new();
    for form in forms {
        if fits(&form, width) {
            return form;
        }
        last = form;
    }
    fit(&last, width)
}

/// `text` cut to at most `width` columns, ending in an ellipsis when something was cut. Costs
/// what is kept, whatever the length of `text`.
pub fn fit(text: &str, width: usize) -> String {
    if fits(text, width) {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for (n, c) in text.chars().enumerate() {
        let w = cols(c);
        if used + w > width - 1 || n + 1 >= max_chars(width) {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push(ELLIPSIS);
    out
}

/// `text` fitted and padded with spaces to exactly `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    let mut out = fit(text, width);
    let used = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// `text` fitted and padded on the left to exactly `width` columns.
pub fn pad_left(text: &str, width: usize) -> String {
    let fitted = fit(text, width);
    let mut out: String = std::iter::repeat_n(' ', width.saturating_sub(fitted.width())).collect();
    out.push_str(&fitted);
    out
}

/// Words wrapped to `width` columns; a word longer than a line is broken. Newlines start a new
/// line; empty input gives no lines. At most [`MAX_WRAPPED_LINES`] lines, the last ending in an
/// ellipsis when the text goes on; the text past them is not read.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Wrapped {
        lines: Vec::new(),
        line: String::new(),
        used: 0,
        chars: 0,
        width,
    };
    'text: for paragraph in text.split('\n') {
        for word in paragraph.split_whitespace() {
            if lines.full() {
                break 'text;
            }
            let w = word.width();
            if lines.used > 0 && lines.used + 1 + w <= width && lines.chars < max_chars(width) {
                lines.push(' ', 1);
                for c in word.chars() {
                    lines.push(c, cols(c));
                }
                continue;
            }
            if lines.used > 0 || lines.chars > 0 {
                lines.end_line();
            }
            for c in word.chars() {
                let cw = cols(c);
                if (lines.used + cw > width && lines.used > 0) || lines.chars >= max_chars(width) {
                    lines.end_line();
                    if lines.full() {
                        break 'text;
                    }
                }
                lines.push(c, cw);
            }
        }
        if lines.full() {
            break;
        }
        lines.end_line();
    }
    let Wrapped {
        mut lines, line, ..
    } = lines;
    if lines.len() >= MAX_WRAPPED_LINES {
        lines.truncate(MAX_WRAPPED_LINES);
        if let Some(last) = lines.last_mut() {
            *last = fit(&format!("{last}{ELLIPSIS}{ELLIPSIS}"), width);
        }
        return lines;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// The lines of [`wrap`] so far and the one being filled.
struct Wrapped {
    lines: Vec<String>,
    line: String,
    used: usize,
    chars: usize,
    width: usize,
}

impl Wrapped {
    fn push(&mut self, c: char, width: usize) {
        self.line.push(c);
        self.used += width;
        self.chars += 1;
    }

    fn end_line(&mut self) {
        self.lines.push(std::mem::take(&mut self.line));
        self.used = 0;
        self.chars = 0;
    }

    /// The cap is reached, and something is left to say so.
    fn full(&self) -> bool {
        let _ = self.width;
        self.lines.len() >= MAX_WRAPPED_LINES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_columns_not_chars() {
        assert_eq!(fit("日本の外交", 6), "日本…");
        assert_eq!(fit("日本の外交", 6).width(), 5);
        assert_eq!(fit("Perú", 4), "Perú");
        assert_eq!(fit("Peru\u{301} and Chile", 6), "Peru\u{301} …");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("abcdef", 1), "…");
    }

    #[test]
    fn pad_fills_to_exact_width() {
        for text in ["", "a", "日本", "😀 emoji", "long text here"] {
            for width in 0..12 {
                assert_eq!(pad(text, width).width(), width, "{text:?} at {width}");
                assert_eq!(pad_left(text, width).width(), width, "{text:?} at {width}");
            }
        }
    }

    #[test]
    fn wrap_keeps_lines_within_width() {
        let text = "Fujimori dissolved Congress and the judiciary 日本語のテキストも折り返す supercalifragilistic";
        for width in 1..30 {
            for line in wrap(text, width) {
                assert!(line.width() <= width.max(2), "{line:?} wider than {width}");
            }
        }
        assert_eq!(wrap("a b\n\nc", 10), vec!["a b", "", "c"]);
        assert!(wrap("", 10).is_empty());
    }

    /// What a frame makes of a text is bounded by the width, whatever the text's length: a
    /// million characters (zero-width ones included) give no more than a screenful.
    #[test]
    fn fit_and_wrap_are_bounded_by_the_width_not_the_text() {
        let texts = [
            "N".repeat(1_000_000),
            "\u{200B}".repeat(1_000_000),
            "a\u{301}".repeat(500_000),
            "word ".repeat(200_000),
            "\n".repeat(1_000_000),
        ];
        for text in &texts {
            for width in [0, 1, 10, 80] {
                let fitted = fit(text, width);
                assert!(fitted.width() <= width, "{width}");
                assert!(fitted.chars().count() <= max_chars(width), "{width}");
                let wrapped = wrap(text, width);
                assert!(
                    wrapped.len() <= MAX_WRAPPED_LINES,
                    "{width}: {}",
                    wrapped.len()
                );
                for line in &wrapped {
                    assert!(line.width() <= width.max(2), "{line:?}");
                    assert!(line.chars().count() <= max_chars(width.max(1)), "{width}");
                }
            }
        }
        let cut = wrap(&"word ".repeat(200_000), 20);
        assert!(cut.last().unwrap().ends_with('…'), "{:?}", cut.last());
    }
}
