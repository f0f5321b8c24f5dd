//! Moving chronologies in and out of quipu: TimelineJS files and spreadsheets come in as
//! [`RawChronology`](crate::model::raw::RawChronology), and a loaded chronology goes out as
//! Markdown, Graphviz, normalised JSON or TimelineJS.
//!
//! Importers produce the raw file types rather than a `Chronology` so the result goes through the
//! same loader and validation as a hand-written file: an import that `quipu check` would refuse
//! is caught by the same code that refuses it.

pub mod check_any;
pub mod csv_import;
pub mod detect;
pub mod dot;
pub mod event_line;
mod html;
mod ids;
pub mod json;
mod json_out;
pub mod markdown;
mod select;
pub mod timelinejs;
mod timelinejs_dates;
pub mod timelinejs_export;
pub mod timelinejs_import;
mod timelinejs_quipu;

use crate::model::raw::RawChronology;
use crate::model::{Chronology, EventIx};

pub use detect::{FileKind, Opened, detect, load_any, load_any_telling, open_any};
pub use select::{downstream_of, events_of_actor};

/// A format quipu reads besides its own. (The command line's names for these are in `cli/`.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    /// TimelineJS 3 JSON.
    TimelineJs,
    /// A spreadsheet saved as CSV: the TimelineJS template or quipu's own columns.
    Csv,
}

/// A format quipu writes. (The command line's names for these are in `cli/`.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A readable document with links between events and an actor index.
    Markdown,
    /// The causal graph for Graphviz.
    Dot,
    /// quipu's own format, normalised.
    Json,
    /// A file TimelineJS 3 can display.
    TimelineJs,
}

impl Format {
    pub const ALL: [Format; 4] = [
        Format::Markdown,
        Format::Dot,
        Format::Json,
        Format::TimelineJs,
    ];

    /// The file name ending an export in this format should carry.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Dot => "dot",
            Format::Json => "json",
            Format::TimelineJs => "timeline.json",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Dot => "dot",
            Format::Json => "json",
            Format::TimelineJs => "timelinejs",
        }
    }
}

/// Choices an importer cannot guess.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Make each TimelineJS group an actor of kind `group` and give it to the group's events.
    pub group_actors: bool,
    /// Title to use when the file has none (usually the file name).
    pub fallback_title: Option<String>,
}

/// What an import read and what it had to leave behind, for the message on stderr.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub events: usize,
    pub eras: usize,
    pub groups: usize,
    pub actors: usize,
    /// Slides whose media (image, video, embed) quipu cannot show.
    pub media_dropped: usize,
    /// Slides whose background colour or image quipu cannot show.
    pub backgrounds_dropped: usize,
    /// Dates that had a time of day; quipu keeps the day.
    pub times_dropped: usize,
    /// Anything else worth saying, one sentence each (skipped rows, repaired dates...).
    pub notes: Vec<String>,
}

impl ImportReport {
    /// The stderr summary: what was read, then what was not carried over. Notes quote the file
    /// (a header cell, a date that would not parse), so they are escaped for the terminal.
    pub fn render(&self) -> String {
        let mut out = format!(
            "read {} event{}, {} era{}, {} group{}",
            self.events,
            crate::text::plural(self.events),
            self.eras,
            crate::text::plural(self.eras),
            self.groups,
            crate::text::plural(self.groups),
        );
        if self.actors > 0 {
            out.push_str(&format!(
                ", {} actor{}",
                self.actors,
                crate::text::plural(self.actors)
            ));
        }
        let mut dropped = Vec::new();
        if self.media_dropped > 0 {
            dropped.push(format!(
                "media on {} slide{}",
                self.media_dropped,
                crate::text::plural(self.media_dropped)
            ));
        }
        if self.backgrounds_dropped > 0 {
            dropped.push(format!(
                "background on {} slide{}",
                self.backgrounds_dropped,
                crate::text::plural(self.backgrounds_dropped)
            ));
        }
        if self.times_dropped > 0 {
            dropped.push(format!(
                "time of day on {} date{}",
                self.times_dropped,
                crate::text::plural(self.times_dropped)
            ));
        }
        if !dropped.is_empty() {
            out.push_str("\nnot carried over: ");
            out.push_str(&dropped.join(", "));
        }
        for note in &self.notes {
            out.push('\n');
            out.push_str(&crate::text::escape_controls(note));
        }
        out
    }
}

/// How many items of a list a note names before it counts the rest.
const NOTE_ITEMS: usize = 20;

/// `items` joined by `separator`, the first [`NOTE_ITEMS`] of them and then `… and 19,980 more`:
/// a sheet of twenty thousand bad rows makes a note to read, not a megabyte.
pub(crate) fn briefly<S: AsRef<str>>(items: &[S], separator: &str) -> String {
    let mut out = items
        .iter()
        .take(NOTE_ITEMS)
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(separator);
    if items.len() > NOTE_ITEMS {
        out.push_str(&format!(
            "{separator}… and {} more",
            crate::model::diagnostic::thousands(items.len() - NOTE_ITEMS)
        ));
    }
    out
}

/// The chronology an importer made, and its report.
#[derive(Debug, Clone)]
pub struct Imported {
    pub raw: RawChronology,
    pub report: ImportReport,
    /// Where each event of `raw` came from in the input, in the same order, so `quipu check`
    /// can report a converted event's problems at its place in the original file.
    pub origins: Vec<Origin>,
}

/// Where an imported event came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The slide at this position of a TimelineJS file's `events`.
    Slide(usize),
    /// The spreadsheet row starting on this line (1-based).
    Line(usize),
}

/// Why a file could not be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}{}", help_line(.help))]
pub struct ImportError {
    pub message: String,
    pub help: Option<String>,
    /// Line and column (1-based) in the input, when the problem has a place.
    pub at: Option<(usize, usize)>,
}

impl ImportError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        ImportError {
            message: message.into(),
            help: None,
            at: None,
        }
    }

    pub(crate) fn at(mut self, line: usize, column: usize) -> Self {
        self.at = Some((line, column));
        self
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// The help line that follows the message, when there is one.
fn help_line(help: &Option<String>) -> String {
    help.as_ref()
        .map_or_else(String::new, |help| format!("\n  help: {help}"))
}

/// Imports `text` in `format`.
pub fn import(
    text: &str,
    format: ImportFormat,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    match format {
        ImportFormat::TimelineJs => timelinejs_import::import(text, options),
        ImportFormat::Csv => csv_import::import(text, options),
    }
}

/// The raw chronology as quipu writes files: pretty JSON with a final newline.
pub fn to_json(raw: &RawChronology) -> String {
    // Serialising plain structs of strings and vectors cannot fail.
    let mut out = json_out::to_string_pretty(raw);
    out.push('\n');
    out
}

/// Writes the whole chronology in `format`.
pub fn export(chronology: &Chronology, format: Format) -> String {
    let all: Vec<EventIx> = (0..chronology.events.len()).collect();
    export_events(chronology, &all, format)
}

/// Writes the chosen events (the explorer's current view) in `format`. Links to events outside
/// the selection are left out, so the result is still a valid file of its kind.
pub fn export_events(chronology: &Chronology, events: &[EventIx], format: Format) -> String {
    let events = select::normalise(chronology, events);
    match format {
        Format::Markdown => markdown::render(chronology, &events),
        Format::Dot => dot::render(chronology, &events),
        Format::Json => to_json(&json::to_raw(chronology, &events)),
        Format::TimelineJs => timelinejs_export::render(chronology, &events),
    }
}

#[cfg(test)]
mod tests {
    use super::briefly;

    #[test]
    fn long_lists_in_notes_are_counted_past_twenty() {
        let few: Vec<String> = (2..5).map(|n| n.to_string()).collect();
        assert_eq!(briefly(&few, ", "), "2, 3, 4");
        let many: Vec<String> = (0..20_000).map(|n| n.to_string()).collect();
        let note = briefly(&many, ", ");
        assert!(note.starts_with("0, 1, 2"), "{note}");
        assert!(note.ends_with("19, … and 19,980 more"), "{note}");
    }
}
