//! Checks that a frame holds nothing a terminal would act on rather than show: no control
//! character or bidi override in any cell, and only CSI escapes in the bytes written.

use std::cell::RefCell;
use std::rc::Rc;

use proptest::test_runner::TestCaseError;
use quipu::app::App;
use quipu::ui::theme::Theme;
use quipu::ui::view;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// Characters a terminal acts on rather than shows.
pub fn is_dangerous(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The first dangerous symbol of a buffer, with its cell.
pub fn dangerous_cell(buffer: &Buffer) -> Option<(u16, u16, String)> {
    let width = buffer.area.width.max(1);
    buffer.content.iter().enumerate().find_map(|(i, cell)| {
        let symbol = cell.symbol();
        let i = u16::try_from(i).unwrap_or(u16::MAX);
        symbol
            .chars()
            .any(is_dangerous)
            .then(|| (i % width, i / width, symbol.to_owned()))
    })
}

/// Renders the state at its own size and fails on any dangerous character in any cell.
pub fn assert_clean_frame(app: &App, theme: &Theme) -> Result<(), TestCaseError> {
    let mut terminal = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    terminal.draw(|frame| view(app, theme, frame)).unwrap();
    if let Some((x, y, symbol)) = dangerous_cell(terminal.backend().buffer()) {
        return Err(TestCaseError::fail(format!(
            "cell ({x}, {y}) at {}x{} holds {symbol:?}",
            app.width, app.height
        )));
    }
    Ok(())
}

/// A writer the test keeps a handle on (the backend's own accessor is unstable).
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl std::io::Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The bytes crossterm would write to the terminal for one frame of `app`.
pub fn frame_bytes(app: &App, theme: &Theme) -> Vec<u8> {
    let area = Rect::new(0, 0, app.width, app.height);
    let out = Shared::default();
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(out.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )
    .unwrap();
    terminal.draw(|frame| view(app, theme, frame)).unwrap();
    drop(terminal);
    out.0.take()
}

/// Fails unless every escape in `bytes` is a CSI sequence (`ESC [` parameters, final byte) as
/// crossterm writes for colour and cursor moves, and no other control character or bidi control
/// appears: no OSC (window titles, hyperlinks), no BEL, NUL, C1 or `ESC c`.
pub fn assert_only_csi(bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).expect("frames are UTF-8");
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\u{1b}' {
            assert_eq!(
                chars.next().map(|(_, c)| c),
                Some('['),
                "a non-CSI escape at byte {at}: {:?}",
                &text[at..(at + 20).min(text.len())]
            );
            let final_byte =
                chars.find(|&(_, c)| !matches!(c, '0'..='9' | ';' | ':' | '?' | '<' | '=' | '>'));
            assert!(
                final_byte.is_some_and(|(_, c)| ('\u{40}'..='\u{7e}').contains(&c)),
                "a malformed CSI at byte {at}: {:?}",
                &text[at..(at + 20).min(text.len())]
            );
        } else {
            assert!(
                !is_dangerous(c),
                "{c:?} written raw at byte {at}: {:?}",
                &text[at.saturating_sub(20)..(at + 20).min(text.len())]
            );
        }
    }
}
