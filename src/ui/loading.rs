//! The screen shown while a large file loads. A million events take seconds to read and check;
//! a blank terminal for that long looks like a hang, so the reader sees what is being loaded,
//! how big it is, for how long it has been going, and how to give up.

use bytesize::ByteSize;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::footer::hint_lines;
use super::theme::Theme;
use crate::app::keymap::{Keymap, Mode};
use crate::model::Stage;

/// What the loading screen says. Built by the event loop once a second; drawing reads only this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loading {
    /// The file as the reader named it, already cleaned of control characters.
    pub file: String,
    pub bytes: u64,
    pub stage: Stage,
    /// Whole seconds since loading began.
    pub seconds: u64,
}

/// What the reader is told quipu is doing: the checking is most of what takes the time, so it
/// says what is checked.
fn doing(stage: Stage) -> &'static str {
    match stage {
        Stage::Reading => "reading the file",
        Stage::Parsing => "parsing",
        Stage::Checking => "checking every date, reference and link",
        Stage::Building => "putting the events in time order",
    }
}

pub fn draw(keymap: &Keymap, loading: &Loading, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    let mut lines = vec![
        Line::styled("quipu", theme.title),
        Line::raw(""),
        Line::from(vec![
            Span::raw("Loading "),
            Span::styled(loading.file.clone(), theme.heading),
            Span::raw(format!(" ({})", ByteSize(loading.bytes).display().iec())),
        ]),
        Line::styled(
            format!("{}… {} s", doing(loading.stage), loading.seconds),
            theme.dim,
        ),
        Line::raw(""),
    ];
    lines.extend(hint_lines(
        keymap,
        Mode::Loading,
        theme,
        usize::from(area.width),
    ));
    let height = lines.len() as u16;
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(lines).centered().wrap(Wrap { trim: true }),
        middle,
    );
}
