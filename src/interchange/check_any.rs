//! `quipu check` of any file the explorer opens: quipu JSON as it is, TimelineJS and CSV
//! converted first, with every finding placed in the original file.

use std::path::Path;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::detect::{detect, fallback_title, import_diagnostic};
use super::{ImportOptions, Origin, import, to_json};
use crate::model::input::{Source, read_source};
use crate::model::locate::LineIndex;
use crate::model::{Checked, Chronology, Diagnostic, LoadError, Report, Stage};

/// Checks any file the explorer opens, as `quipu check` does. A TimelineJS or CSV file is
/// converted, as opening it would, and the converted chronology checked; each finding about an
/// event is then placed at the slide or row the event came from, so every position is in the
/// original file. Findings about what the conversion made up (actors from groups) stay at 1:1.
pub fn check_any_telling(path: &Path, stage: &dyn Fn(Stage)) -> Result<Checked, LoadError> {
    any_telling(
        path,
        stage,
        |source| Chronology::check_source_telling(source, stage, true),
        |checked| checked,
        |diagnostics| Checked {
            chronology: None,
            diagnostics,
        },
    )
}

/// [`check_any_telling`] for a caller that only reports: a quipu file is checked but not built
/// (see [`Report`]). A converted file is still built: its conversion is checked through the
/// chronology it makes.
pub fn report_any_telling(path: &Path, stage: &dyn Fn(Stage)) -> Result<Report, LoadError> {
    any_telling(
        path,
        stage,
        |source| Chronology::report_source_telling(source, stage),
        |checked| Report::of(&checked),
        |diagnostics| Report {
            counts: None,
            diagnostics,
        },
    )
}

/// Reads `path`, then checks it with `quipu` when it is a quipu file, or converts it and hands
/// the converted file's [`Checked`] to `converted`; `failed` makes the answer of a file that
/// could not be read as text or converted.
fn any_telling<R>(
    path: &Path,
    stage: &dyn Fn(Stage),
    quipu: impl FnOnce(Source) -> R,
    converted: impl FnOnce(Checked) -> R,
    failed: impl FnOnce(Vec<Diagnostic>) -> R,
) -> Result<R, LoadError> {
    stage(Stage::Reading);
    let source = match read_source(path) {
        Ok(source) => source,
        Err(LoadError::Invalid { diagnostics, .. }) => return Ok(failed(diagnostics)),
        Err(error) => return Err(error),
    };
    let kind = detect(path, &source.text);
    let Some(format) = kind.import_format() else {
        return Ok(quipu(source));
    };
    let options = ImportOptions {
        fallback_title: fallback_title(path),
        ..ImportOptions::default()
    };
    stage(Stage::Parsing);
    let imported = match import(&source.text, format, &options) {
        Ok(imported) => imported,
        Err(error) => return Ok(failed(vec![import_diagnostic(error)])),
    };
    let mut checked = Chronology::check_telling(&to_json(&imported.raw), stage);
    let places = Places::new(&source.text, &imported.origins);
    for diagnostic in &mut checked.diagnostics {
        places.place(diagnostic);
    }
    // What the conversion left behind (rows without a date, a slide's bad month, links to no
    // event) is missing from the explorer too: a check that said `ok` over it would hide it.
    // Each note names its rows or slides; it stands at the top of the file.
    checked
        .diagnostics
        .extend(imported.report.notes.iter().map(|note| {
            Diagnostic::warning(1, 1, format!("converting: {note}")).with_help(
                "the explorer reads the file the same way; mend it, or see the whole conversion with `quipu import FILE`",
            )
        }));
    checked.diagnostics.sort_by_key(|d| (d.line, d.column));
    Ok(converted(checked))
}

/// Where converted events came from, for [`check_any_telling`].
struct Places<'a> {
    lines: LineIndex<'a>,
    origins: &'a [Origin],
    /// A TimelineJS file's slides, as slices of its text (parsed only if a slide is asked for).
    slides: std::cell::OnceCell<Vec<&'a RawValue>>,
    text: &'a str,
}

impl<'a> Places<'a> {
    fn new(text: &'a str, origins: &'a [Origin]) -> Self {
        Places {
            lines: LineIndex::new(text),
            origins,
            slides: std::cell::OnceCell::new(),
            text,
        }
    }

    /// Moves a diagnostic about `events[N]` of the converted chronology to event N's origin.
    fn place(&self, diagnostic: &mut Diagnostic) {
        let Some(event) = diagnostic
            .path
            .as_deref()
            .and_then(|p| p.strip_prefix("events["))
            .and_then(|p| p.split(']').next())
            .and_then(|n| n.parse::<usize>().ok())
        else {
            (diagnostic.line, diagnostic.column) = (1, 1);
            return;
        };
        match self.origins.get(event) {
            Some(&Origin::Line(line)) => {
                (diagnostic.line, diagnostic.column) = (line, 1);
                diagnostic.path = None;
            }
            Some(&Origin::Slide(slide)) => {
                let slides = self.slides.get_or_init(|| {
                    #[derive(Deserialize)]
                    struct Events<'b> {
                        #[serde(borrow)]
                        events: Vec<&'b RawValue>,
                    }
                    let text = self.text.strip_prefix('\u{feff}').unwrap_or(self.text);
                    serde_json::from_str::<Events<'_>>(text)
                        .map_or_else(|_| Vec::new(), |e| e.events)
                });
                let at = slides.get(slide).map_or(0, |value| {
                    (value.get().as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize)
                });
                (diagnostic.line, diagnostic.column) = self.lines.line_col(at);
                diagnostic.path = Some(format!("events[{slide}]"));
            }
            None => (diagnostic.line, diagnostic.column) = (1, 1),
        }
    }
}
