//! Copying through the terminal: OSC 52 asks the terminal itself to set its clipboard, so it
//! works over SSH and inside tmux (with `set-clipboard on`), where no local clipboard tool could.
//! quipu only ever sets the clipboard; it never asks for it back.

use std::io::{self, Write};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The escape sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\u{1b}]52;c;{}\u{7}", STANDARD.encode(text.as_bytes()))
}

/// Writes the sequence to the terminal, between frames.
pub(super) fn copy(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_travels_as_base64_so_no_byte_of_it_reaches_the_terminal_raw() {
        assert_eq!(osc52("hi"), "\u{1b}]52;c;aGk=\u{7}");
        let hostile = osc52("a\u{1b}]0;pwned\u{7}b");
        assert_eq!(hostile.matches('\u{1b}').count(), 1);
        assert_eq!(hostile.matches('\u{7}').count(), 1);
    }
}
