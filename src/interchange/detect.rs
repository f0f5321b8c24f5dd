//! Opening any file quipu reads: its own JSON, TimelineJS JSON, or CSV, told apart by the name
//! and a cheap look at the JSON's top level, so `quipu timeline.json` just works.

use std::path::Path;

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::value::RawValue;

use super::{ImportError, ImportFormat, ImportOptions, ImportReport, import, to_json};
use crate::model::input::{is_stdin, read_source};
use crate::model::{Chronology, Diagnostic, LoadError, Stage};

/// What a file holds, as far as opening it is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Quipu,
    TimelineJs,
    Csv,
}

impl FileKind {
    /// The importer for this kind, `None` for quipu's own format.
    pub fn import_format(self) -> Option<ImportFormat> {
        match self {
            FileKind::Quipu => None,
            FileKind::TimelineJs => Some(ImportFormat::TimelineJs),
            FileKind::Csv => Some(ImportFormat::Csv),
        }
    }
}

/// Just enough of a JSON document's top level to tell the formats apart, read key by key. It stops
/// at a `quipu` key, which settles the question wherever it is: quipu writes it first, so a file
/// of a million events is told by its first line instead of a scan of 600 MB. Otherwise values are
/// skipped or borrowed as unparsed slices, and only a file without a `quipu` key has its events
/// looked into.
#[derive(Default)]
struct Peek<'a> {
    quipu: bool,
    timeline: bool,
    events: Option<&'a RawValue>,
}

impl<'de> serde::de::Visitor<'de> for &mut Peek<'de> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match key.as_ref() {
                "quipu" => {
                    self.quipu = true;
                    // Stop reading; the caller has its answer and ignores the error.
                    return Err(serde::de::Error::custom("settled"));
                }
                "events" => self.events = Some(map.next_value()?),
                other => {
                    self.timeline |= other == "timeline";
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

#[derive(Deserialize)]
struct PeekEvent {
    start_date: Option<IgnoredAny>,
}

/// `.csv` by name (for `-`, standard input, anything that does not start like JSON); JSON with a
/// top-level `quipu` key is quipu's; JSON whose `events` carry `start_date` (or the TimelineJS 2
/// `timeline` key) is TimelineJS. Anything else is treated as
/// quipu's format, whose loader explains best what is wrong with it.
pub fn detect(path: &Path, text: &str) -> FileKind {
    let is_csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Standard input has no name to tell CSV by; JSON starts with `{` or `[`.
    let unnamed_csv = is_stdin(path) && !text.trim_start().starts_with(['{', '[']);
    if is_csv || unnamed_csv {
        return FileKind::Csv;
    }
    let timelinejs_events = |events: &RawValue| {
        serde_json::from_str::<Vec<PeekEvent>>(events.get())
            .is_ok_and(|events| events.iter().any(|e| e.start_date.is_some()))
    };
    let mut peek = Peek::default();
    let read = serde::Deserializer::deserialize_map(
        &mut serde_json::Deserializer::from_str(text),
        &mut peek,
    );
    match (read, peek.events) {
        _ if peek.quipu => FileKind::Quipu,
        (Ok(()), _) if peek.timeline => FileKind::TimelineJs,
        (Ok(()), Some(events)) if timelinejs_events(events) => FileKind::TimelineJs,
        _ => FileKind::Quipu,
    }
}

/// Whether `text` is a JSON object with a top-level `quipu` key: what sets quipu's own files
/// apart from anything else [`detect`] takes as quipu's (a README, `{"foo": 1}`).
pub fn declares_quipu(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut peek = Peek::default();
    let _ = serde::Deserializer::deserialize_map(
        &mut serde_json::Deserializer::from_str(text),
        &mut peek,
    );
    peek.quipu
}

/// A chronology opened from any supported file, with the import report when it was converted.
#[derive(Debug)]
pub struct Opened {
    pub chronology: Chronology,
    pub kind: FileKind,
    pub report: Option<ImportReport>,
}

/// Opens quipu JSON, TimelineJS JSON or CSV; see [`open_any`] for the import report.
pub fn load_any(path: &Path) -> Result<Chronology, LoadError> {
    open_any(path).map(|opened| opened.chronology)
}

/// [`load_any`], telling `stage` as each stage begins (the explorer's loading screen shows it).
pub fn load_any_telling(path: &Path, stage: &dyn Fn(Stage)) -> Result<Chronology, LoadError> {
    open_any_telling(path, stage).map(|opened| opened.chronology)
}

/// Opens any supported file. Converted files go through the same loader as quipu's own, via the
/// JSON the importer writes; problems in them are reported against that converted document.
pub fn open_any(path: &Path) -> Result<Opened, LoadError> {
    open_any_telling(path, &|_| ())
}

fn open_any_telling(path: &Path, stage: &dyn Fn(Stage)) -> Result<Opened, LoadError> {
    stage(Stage::Reading);
    let source = read_source(path)?;
    let kind = detect(path, &source.text);
    let Some(format) = kind.import_format() else {
        // The file loader frees the text as soon as it has parsed it, so a large file's size
        // stays off the peak memory.
        let chronology = Chronology::from_source_telling(source, stage)?;
        return Ok(Opened {
            chronology,
            kind,
            report: None,
        });
    };
    let options = ImportOptions {
        fallback_title: fallback_title(path),
        ..ImportOptions::default()
    };
    stage(Stage::Parsing);
    let file = source.name;
    let imported = import(&source.text, format, &options).map_err(|e| import_failure(&file, e))?;
    let json = to_json(&imported.raw);
    let chronology =
        Chronology::errors_of_str(&json, stage).map_err(|diagnostics| LoadError::Invalid {
            file: format!("{file} (converted to quipu JSON)"),
            diagnostics: diagnostics
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect(),
        })?;
    Ok(Opened {
        chronology,
        kind,
        report: Some(imported.report),
    })
}

/// The title an import gives a file that has none: its name without the extension (none for
/// standard input).
pub fn fallback_title(path: &Path) -> Option<String> {
    if is_stdin(path) {
        return None;
    }
    path.file_stem().map(|s| s.to_string_lossy().into_owned())
}

/// An import failure as the loader's error, so callers handle one error type.
pub fn import_failure(file: &str, error: ImportError) -> LoadError {
    LoadError::Invalid {
        file: file.to_owned(),
        diagnostics: vec![import_diagnostic(error)],
    }
}

pub(super) fn import_diagnostic(error: ImportError) -> Diagnostic {
    let (line, column) = error.at.unwrap_or((1, 1));
    let mut diagnostic = Diagnostic::error(line, column, error.message);
    diagnostic.help = error.help;
    diagnostic.escape_quoted_text();
    diagnostic
}

/// Reads a file (`-` for standard input) as UTF-8 text, refusing directories and files over the
/// loader's size limit; bytes that are not text are an error at their line and column.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    read_source(path).map(|source| source.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(name: &str, text: &str) -> FileKind {
        detect(Path::new(name), text)
    }

    #[test]
    fn csv_is_known_by_its_name() {
        assert_eq!(kind("sheet.CSV", "{}"), FileKind::Csv);
    }

    #[test]
    fn json_is_told_apart_by_its_top_level() {
        assert_eq!(
            kind("a.json", r#"{"quipu": 1, "events": [{"start_date": 1}]}"#),
            FileKind::Quipu
        );
        assert_eq!(
            kind(
                "a.json",
                r#"{"title": {}, "events": [{"start_date": {"year": 1}}]}"#
            ),
            FileKind::TimelineJs
        );
        assert_eq!(
            kind("a.json", r#"{"timeline": {"startDate": "1932"}}"#),
            FileKind::TimelineJs
        );
        assert_eq!(
            kind("a.json", r#"{"title": "x", "events": [{"date": "1990"}]}"#),
            FileKind::Quipu
        );
    }

    /// A `quipu` key wins wherever it stands, over a `timeline` key and TimelineJS-looking
    /// events before it; reading stops there, which is what makes opening a million events cost
    /// no scan of the file here.
    #[test]
    fn a_quipu_key_wins_wherever_it_stands() {
        assert_eq!(
            kind("a.json", r#"{"timeline": {}, "quipu": 1}"#),
            FileKind::Quipu
        );
        assert_eq!(
            kind(
                "a.json",
                r#"{"events": [{"start_date": 1}], "timeline": {}, "quipu": 1, "title": "x"}"#
            ),
            FileKind::Quipu
        );
    }

    #[test]
    fn broken_json_goes_to_the_loader_for_its_diagnostics() {
        assert_eq!(kind("a.json", "{\"events\": ["), FileKind::Quipu);
        assert_eq!(kind("notes.txt", "hello"), FileKind::Quipu);
    }
}
