//! Making file text safe for the terminal.
//!
//! A chronology is untrusted input: an event title could carry an escape sequence that retitles the
//! window, clears the screen or reorders text. Everything shown passes through [`sanitize`] once, at
//! load, so the UI never has to think about it.

/// Removes C0 and C1 control characters (with the escape sequences they start), DEL, and the bidi
/// embedding, override and isolate controls. Tabs become a space; newlines are kept only when
/// `keep_newlines` (summaries have paragraphs; titles and names are one line).
pub fn sanitize(text: &str, keep_newlines: bool) -> String {
    if !text.chars().any(needs_cleaning) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\t' | '\n' => out.push(' '),
            '\u{1b}' => skip_escape(&mut chars),
            // CSI, OSC, DCS, APC, PM, SOS as single C1 code points start sequences too.
            '\u{9b}' => skip_until_final(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{9f}' | '\u{9e}' | '\u{98}' => skip_string(&mut chars),
            c if needs_cleaning(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// True for characters that must never reach the terminal raw.
pub fn needs_cleaning(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_until_final(chars);
        }
        Some(']' | 'P' | '_' | '^' | 'X') => {
            chars.next();
            skip_string(chars);
        }
        // Two-character sequences such as ESC c (reset): drop the next character too.
        Some(c) if ('\u{20}'..='\u{7e}').contains(c) => {
            chars.next();
        }
        _ => {}
    }
}

/// A CSI sequence ends at its first byte in 0x40..=0x7e.
fn skip_until_final(chars: &mut Chars<'_>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            return;
        }
    }
}

/// OSC and friends end at BEL, ST (ESC \) or the C1 ST.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_untouched() {
        assert_eq!(
            sanitize("Perú, 5 April 1992 — 日本", false),
            "Perú, 5 April 1992 — 日本"
        );
    }

    #[test]
    fn osc_title_sequence_is_removed_whole() {
        assert_eq!(sanitize("a\u{1b}]0;pwned\u{7}b", false), "ab");
        assert_eq!(sanitize("a\u{1b}]2;pwned\u{1b}\\b", false), "ab");
    }

    #[test]
    fn csi_clear_screen_is_removed_whole() {
        assert_eq!(sanitize("x\u{1b}[2J\u{1b}[1;31my", false), "xy");
        assert_eq!(sanitize("x\u{9b}2Jy", false), "xy");
    }

    #[test]
    fn controls_and_bidi_are_removed() {
        assert_eq!(sanitize("a\u{0}b\u{7}c\u{202e}d\u{7f}", false), "abcd");
    }

    #[test]
    fn newlines_are_kept_only_when_asked() {
        assert_eq!(sanitize("a\nb\tc", true), "a\nb c");
        assert_eq!(sanitize("a\nb", false), "a b");
    }
}
