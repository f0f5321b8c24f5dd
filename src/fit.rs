//! Text measured in terminal columns, not bytes or chars: Japanese takes two columns, a combining
//! accent none, so titles and dates stay aligned whatever script they are in.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

const ELLIPSIS: char = '…';

/// `text` cut to at most `width` columns, ending in an ellipsis when something was cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
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
/// line; empty input gives no lines.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split_whitespace() {
            let w = word.width();
            if used > 0 && used + 1 + w <= width {
                line.push(' ');
                line.push_str(word);
                used += 1 + w;
                continue;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if used + cw > width && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        lines.push(line);
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
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
}
