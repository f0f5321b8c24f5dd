//! Making file text safe for the terminal.
//!
//! A chronology is untrusted input: an event title could carry an escape sequence that retitles the
//! window, clears the screen or reorders text. Everything shown passes through [`sanitize`] once, at
//! load, so the UI never has to think about it.
//!
//! Messages are the other way out: everything quipu prints that came from outside — a file's
//! path, a header cell or a date quoted in an import note, a diagnostic's message, an id given
//! on the command line — goes through [`escape_controls`] where it is printed (the diagnostic's
//! `render`, the load error's `Display`, the import report's `render`, `input::display_name`),
//! which shows control characters as `\u{1b}` instead of sending them.

/// Removes C0 and C1 control characters (with the escape sequences they start), DEL, and the bidi
/// embedding, override and isolate controls. Tabs become a space; newlines are kept only when
/// `keep_newlines` (summaries have paragraphs; titles and names are one line).
pub fn sanitize(text: &str, keep_newlines: bool) -> String {
    if is_clean(text) {
        return text.to_owned();
    }
    clean_chars(text, keep_newlines)
}

/// [`sanitize`] for text the caller owns: clean text, nearly all of it, is moved, not copied.
/// Loading a million events moves tens of millions of strings this way.
pub fn sanitize_owned(text: String, keep_newlines: bool) -> String {
    if is_clean(&text) {
        return text;
    }
    clean_chars(&text, keep_newlines)
}

/// True when no character of `text` needs cleaning, decided on bytes without decoding.
///
/// Every character [`needs_cleaning`] flags is a byte below 0x20, DEL, or a UTF-8 sequence that
/// starts with 0xC2 (the C1 controls), 0xD8 (U+061C) or 0xE2 (the bidi marks). Text is screened
/// for those bytes 32 at a time, in a loop the compiler vectorises; only a block holding one is
/// looked at byte by byte, and most of those are innocent (an em dash and « start with them too).
/// A test holds this to `needs_cleaning` for every code point.
pub fn is_clean(text: &str) -> bool {
    let bytes = text.as_bytes();
    let suspicious = |b: u8| b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xd8 || b == 0xe2;
    let (blocks, tail) = bytes.as_chunks::<32>();
    let block_clean = |block: usize, chunk: &[u8]| {
        !chunk.iter().fold(false, |seen, &b| seen | suspicious(b))
            || (0..chunk.len()).all(|i| !flagged_at(bytes, block * 32 + i))
    };
    blocks
        .iter()
        .enumerate()
        .all(|(block, chunk)| block_clean(block, chunk))
        && block_clean(blocks.len(), tail)
}

/// Whether a character that needs cleaning starts at `bytes[at]`.
fn flagged_at(bytes: &[u8], at: usize) -> bool {
    let next = |k: usize| bytes.get(at + k).copied().unwrap_or(0);
    match bytes[at] {
        b if b < 0x20 || b == 0x7f => true,
        0xc2 => (0x80..=0x9f).contains(&next(1)),
        0xd8 => next(1) == 0x9c,
        0xe2 => matches!(
            (next(1), next(2)),
            (0x80, 0x8e | 0x8f | 0xaa..=0xae) | (0x81, 0xa6..=0xa9)
        ),
        _ => false,
    }
}

fn clean_chars(text: &str, keep_newlines: bool) -> String {
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

/// Shows control characters as Rust-style escapes (`\u{1b}`), for messages that quote a file: the
/// reader should see that something is there and where, and the terminal must not act on it.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if is_clean(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_cleaning(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// True for characters that must never reach the terminal raw.
pub fn needs_cleaning(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// True when a reader would see nothing of `text` once it is cleaned: nothing but whitespace,
/// escape sequences, controls and characters of no width (U+200B, joiners, a lone combining
/// mark). A title or an id like that is as good as empty.
pub fn is_blank(text: &str) -> bool {
    use unicode_width::UnicodeWidthChar;
    let shown = if is_clean(text) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(clean_chars(text, true))
    };
    !shown
        .chars()
        .any(|c| !c.is_whitespace() && c.width().is_some_and(|w| w > 0))
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

/// The plural ending of a count in English, so a summary reads "1 actor" and "2 actors".
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whatever mix of what cannot be seen is blank; one visible character anywhere is not.
    #[test]
    fn blank_is_what_a_reader_cannot_see() {
        let invisible = [
            "",
            " ",
            "\t \n",
            "\u{200b}",
            "\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}",
            "\u{1b}[31m\u{1b}[0m",
            "\u{1b}]0;title\u{7}",
            "\u{301}",
            "\u{3000}",
            "\u{9b}2J",
            "\u{202e}\u{2066}",
            "\u{7f}\u{0}",
        ];
        for text in invisible {
            assert!(is_blank(text), "{text:?}");
            for visible in ["a", "日", "·", "😀", "-"] {
                for joined in [format!("{text}{visible}"), format!("{visible}{text}")] {
                    assert!(!is_blank(&joined), "{joined:?}");
                }
            }
        }
    }

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
    fn escaping_shows_controls_without_sending_them() {
        assert_eq!(escape_controls("z\u{1b}]0;x\u{7}"), "z\\u{1b}]0;x\\u{7}");
        assert_eq!(escape_controls("a\u{202e}b"), "a\\u{202e}b");
        assert!(matches!(
            escape_controls("Perú"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn owned_text_is_moved_when_clean_and_cleaned_otherwise() {
        let clean = String::from("Perú, 5 April 1992");
        let address = clean.as_ptr();
        let kept = sanitize_owned(clean, false);
        assert_eq!(kept.as_ptr(), address, "clean text must not be copied");
        assert_eq!(sanitize_owned("a\u{1b}[2Jb".into(), false), "ab");
    }

    #[test]
    fn the_byte_screen_agrees_with_the_character_check() {
        // Every character that needs cleaning must start with a byte the screen stops at.
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("plain {c} text");
            assert_eq!(
                is_clean(&text),
                !text.chars().any(needs_cleaning),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn cleanliness_is_judged_on_every_character() {
        assert!(is_clean("plain ASCII, with punctuation ~"));
        assert!(is_clean("Perú — 日本"));
        assert!(!is_clean("tab\there"));
        assert!(!is_clean("del\u{7f}"));
        assert!(!is_clean("Perú\u{202e}"));
        assert!(!is_clean("Perú\u{85}"));
    }

    #[test]
    fn newlines_are_kept_only_when_asked() {
        assert_eq!(sanitize("a\nb\tc", true), "a\nb c");
        assert_eq!(sanitize("a\nb", false), "a b");
    }
}
