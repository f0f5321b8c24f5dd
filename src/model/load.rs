//! Loading a chronology: read, parse, validate, build, in that order, stopping at the first stage
//! that found errors (later stages would only report their echoes).

use std::path::Path;

use super::build::build;
use super::chronology::Chronology;
use super::diagnostic::{Diagnostic, SHOWN, left_out};
use super::document::Document;
use super::input::{Source, display_name, read_source};
use super::parse::parse;
use super::validate::{self, Validated};
use crate::text::escape_controls;

/// Files larger than this are refused (before reading when the size is known, once this many
/// bytes have been read otherwise): a chronology of a million events is a few hundred MiB, and
/// reading a larger file would only end in the out-of-memory killer.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// The chronology quipu ships with: Peru's foreign relations under Alberto Fujimori.
pub const SHIPPED_JSON: &str = include_str!("../../assets/fujimori.json");

/// The name diagnostics use for the shipped chronology.
pub const SHIPPED_NAME: &str = "assets/fujimori.json";

/// How far a load has got, for a display that should not look stuck on a big file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading the file's bytes.
    Reading,
    /// Syntax and structure (`parse`), once per format for an imported file.
    Parsing,
    /// Meaning: dates, references, links, cycles (`validate`).
    Checking,
    /// The indexed chronology (`build`): text cleaned, events put in time order, indexes made.
    Building,
}

impl Stage {
    pub const ALL: [Stage; 4] = [
        Stage::Reading,
        Stage::Parsing,
        Stage::Checking,
        Stage::Building,
    ];

    /// One word for the stage, as `quipu check --timings` prints it.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Parsing => "parsing",
            Stage::Checking => "checking",
            Stage::Building => "building",
        }
    }
}

/// The result of checking a document: the chronology when it is valid, and every diagnostic
/// (warnings included) either way.
#[derive(Debug)]
pub struct Checked {
    pub chronology: Option<Chronology>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What `quipu check` says of a valid file besides its warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub events: usize,
    pub actors: usize,
    /// Causal links, each counted once.
    pub links: usize,
}

impl Counts {
    pub fn of(chronology: &Chronology) -> Counts {
        Counts {
            events: chronology.events.len(),
            actors: chronology.actors.len(),
            links: chronology.link_count(),
        }
    }
}

/// A document checked but not built: what a validator reports. Building writes every event
/// out again in the explorer's form, which at a million events was more than half of
/// `quipu check`'s time for a chronology nothing then reads; it can find no problem, so the
/// diagnostics are exactly [`Checked`]'s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The counts when the file is valid (no error).
    pub counts: Option<Counts>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// The report of a document already checked and built (an imported file is).
    pub fn of(checked: &Checked) -> Report {
        Report {
            counts: checked.chronology.as_ref().map(Counts::of),
            diagnostics: checked.diagnostics.clone(),
        }
    }
}

/// Why a file could not be opened as a chronology.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read; the message is the operating system's.
    #[error(
        "{}: error: cannot read the file: {}",
        escape_controls(.file),
        escape_controls(.message)
    )]
    Io { file: String, message: String },
    /// The file is larger than [`MAX_FILE_BYTES`]; its size when it is known beforehand (a
    /// stream's is not).
    #[error("{}", too_large(.file, .bytes))]
    TooLarge { file: String, bytes: Option<u64> },
    /// The file was read but is not a valid chronology: its diagnostics, one per line, summarised
    /// past [`SHOWN`].
    #[error("{}", render_all(.file, .diagnostics))]
    Invalid {
        file: String,
        diagnostics: Vec<Diagnostic>,
    },
}

fn too_large(file: &str, bytes: &Option<u64>) -> String {
    let file = escape_controls(file);
    let size = match bytes {
        Some(bytes) => format!("the file is {bytes} bytes"),
        None => format!("the file is larger than {MAX_FILE_BYTES} bytes"),
    };
    format!(
        "{file}: error: {size}; quipu reads chronologies of up to {MAX_FILE_BYTES} bytes (1 GiB)\n  help: split it into several files, e.g. by period"
    )
}

fn render_all(file: &str, diagnostics: &[Diagnostic]) -> String {
    let mut rendered: Vec<String> = diagnostics
        .iter()
        .take(SHOWN)
        .map(|d| d.render(file))
        .collect();
    if diagnostics.len() > SHOWN {
        rendered.push(left_out(file, diagnostics.len() - SHOWN));
    }
    rendered.join("\n")
}

impl Chronology {
    /// Parses, validates and indexes `src`, keeping warnings.
    pub fn check(src: &str) -> Checked {
        Chronology::check_telling(src, &|_| ())
    }

    /// [`Chronology::check`], telling `stage` as each stage begins.
    pub fn check_telling(src: &str, stage: &dyn Fn(Stage)) -> Checked {
        Chronology::check_str(src, stage, true)
    }

    /// The valid chronology, or the errors only (warnings are never located), telling `stage`
    /// as each stage begins: for a caller that shows no warnings, such as the explorer.
    pub(crate) fn errors_of_str(
        src: &str,
        stage: &dyn Fn(Stage),
    ) -> Result<Chronology, Vec<Diagnostic>> {
        let checked = Chronology::check_str(src, stage, false);
        checked.chronology.ok_or(checked.diagnostics)
    }

    fn check_str(src: &str, stage: &dyn Fn(Stage), warnings: bool) -> Checked {
        let (chronology, diagnostics) = validated(src, stage, warnings, |raw, validated| {
            stage(Stage::Building);
            build(raw, validated)
        });
        finish(chronology, diagnostics)
    }

    /// Parses and validates `src` without building it, keeping warnings: `quipu check`'s
    /// answer, the same diagnostics as [`Chronology::check`] at a fraction of the cost.
    pub fn report(src: &str) -> Report {
        Chronology::report_telling(src, &|_| ())
    }

    /// [`Chronology::report`], telling `stage` as each stage begins.
    pub fn report_telling(src: &str, stage: &dyn Fn(Stage)) -> Report {
        let (counts, diagnostics) = validated(src, stage, true, |raw, validated| Counts {
            events: raw.events.len(),
            actors: raw.actors.len(),
            links: validated.refs.consequences.len(),
        });
        Report {
            counts,
            diagnostics: escaped(diagnostics),
        }
    }

    /// [`Chronology::report`] of a file's text, already read.
    pub fn report_source_telling(source: Source, stage: &dyn Fn(Stage)) -> Report {
        Chronology::report_telling(&source.text, stage)
    }

    /// Parses, validates and indexes `src`; on failure returns every diagnostic, errors first.
    ///
    /// An inherent function rather than `FromStr` so callers need no trait import; `str::parse`
    /// works too through the `FromStr` impl below.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(src: &str) -> Result<Chronology, Vec<Diagnostic>> {
        Chronology::from_str_telling(src, &|_| ())
    }

    /// [`Chronology::from_str`], telling `stage` as each stage begins.
    pub fn from_str_telling(
        src: &str,
        stage: &dyn Fn(Stage),
    ) -> Result<Chronology, Vec<Diagnostic>> {
        let Checked {
            chronology,
            mut diagnostics,
        } = Chronology::check_telling(src, stage);
        chronology.ok_or_else(|| {
            diagnostics.sort_by_key(|d| (d.severity, d.line, d.column));
            diagnostics
        })
    }

    /// Reads and checks a file (`-` for standard input), keeping warnings. Bytes that are not
    /// text are an error at their position.
    pub fn check_path(path: &Path) -> Result<Checked, LoadError> {
        Chronology::check_path_telling(path, &|_| ())
    }

    /// [`Chronology::check_path`], telling `stage` as each stage begins.
    pub fn check_path_telling(path: &Path, stage: &dyn Fn(Stage)) -> Result<Checked, LoadError> {
        stage(Stage::Reading);
        match read_source(path) {
            Ok(source) => Ok(Chronology::check_source_telling(source, stage, true)),
            Err(LoadError::Invalid { diagnostics, .. }) => Ok(finish(None, diagnostics)),
            Err(error) => Err(error),
        }
    }

    /// Checks a file's text, already read (the explorer reads a file once to tell its format).
    /// The text lives until the chronology is built: the parsed file borrows its strings from
    /// it, so a reference is never allocated and a kept string only once (see
    /// [`parsed`](super::parsed)).
    pub fn check_source(source: Source) -> Checked {
        Chronology::check_source_telling(source, &|_| (), true)
    }

    /// [`Chronology::check_source`], telling `stage` as each stage begins. Without `warnings`
    /// (the explorer shows none) they are dropped before they are located, so a valid file with
    /// a million warnings costs no more than one with none.
    pub(crate) fn check_source_telling(
        source: Source,
        stage: &dyn Fn(Stage),
        warnings: bool,
    ) -> Checked {
        Chronology::check_str(&source.text, stage, warnings)
    }

    /// Reads, checks and indexes a file.
    pub fn from_path(path: &Path) -> Result<Chronology, LoadError> {
        valid_or_errors(display_name(path), Chronology::check_path(path)?)
    }

    /// [`Chronology::check_source`], keeping only a valid chronology or the errors, telling
    /// `stage` as each stage begins.
    pub fn from_source_telling(
        source: Source,
        stage: &dyn Fn(Stage),
    ) -> Result<Chronology, LoadError> {
        let name = source.name.clone();
        valid_or_errors(name, Chronology::check_source_telling(source, stage, false))
    }

    /// The chronology compiled into the binary. It is checked by the test suite, so failing to
    /// load it here is a build defect, not a user error.
    pub fn shipped() -> Chronology {
        Chronology::from_str(SHIPPED_JSON)
            .expect("the shipped chronology is valid (checked by tests)")
    }
}

fn valid_or_errors(file: String, checked: Checked) -> Result<Chronology, LoadError> {
    let Checked {
        chronology,
        diagnostics,
    } = checked;
    chronology.ok_or_else(|| LoadError::Invalid {
        file,
        diagnostics: diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect(),
    })
}

/// Parses and validates `src`, handing a valid document to `then`; the diagnostics either way
/// (not yet escaped: see [`escaped`]).
fn validated<T>(
    src: &str,
    stage: &dyn Fn(Stage),
    warnings: bool,
    then: impl FnOnce(Document<'_>, Validated) -> T,
) -> (Option<T>, Vec<Diagnostic>) {
    let src = without_bom(src);
    stage(Stage::Parsing);
    match parse(src) {
        Err(diagnostics) => (None, diagnostics),
        Ok(raw) => {
            stage(Stage::Checking);
            let mut verdict = validate::check(&raw);
            if !warnings {
                verdict.drop_warnings();
            }
            let (validated, diagnostics) = verdict.locate(&raw, src);
            (validated.map(|v| then(raw, v)), diagnostics)
        }
    }
}

fn without_bom(src: &str) -> &str {
    src.strip_prefix('\u{feff}').unwrap_or(src)
}

fn finish(chronology: Option<Chronology>, diagnostics: Vec<Diagnostic>) -> Checked {
    Checked {
        chronology,
        diagnostics: escaped(diagnostics),
    }
}

/// One place for every message that quotes the file, whichever stage wrote it.
fn escaped(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics
        .iter_mut()
        .for_each(Diagnostic::escape_quoted_text);
    diagnostics
}

impl std::str::FromStr for Chronology {
    type Err = Vec<Diagnostic>;

    fn from_str(src: &str) -> Result<Chronology, Vec<Diagnostic>> {
        Chronology::from_str(src)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::locate::count;

    /// A valid file's warnings are never located when only errors are kept (the explorer):
    /// no part of the document is parsed again for positions.
    #[test]
    fn warnings_are_not_located_for_a_caller_that_drops_them() {
        let events: Vec<String> = (0..2_000)
            .map(|n| format!(r#"{{"id": "e{n}", "date": "1990", "title": "E"}}"#))
            .collect();
        let src = format!(
            r#"{{"quipu": 1, "title": "t", "events": [{}]}}"#,
            events.join(",")
        );
        let before = count::parses();
        let loaded = Chronology::from_source_telling(Source::from_text("t", src.clone()), &|_| ());
        assert!(loaded.is_ok());
        assert_eq!(count::parses(), before, "warnings were located");
        let checked = Chronology::check_source(Source::from_text("t", src));
        assert_eq!(checked.diagnostics.len(), 2_000);
        assert!(count::parses() > before);
    }

    /// A minified file (one line) whose findings come in an order of their own — a cycle search
    /// jumps about the document — costs columns counted once through the line, not once per
    /// finding.
    #[test]
    fn findings_out_of_document_order_on_one_line_are_located_in_one_pass() {
        let n = 3_000;
        // e0 → e1 → … → e(n-1), and each back to e0: the search finds the back edges from the
        // deepest event up, the reverse of the file's order.
        let events: Vec<String> = (0..n)
            .map(|k| {
                let next = if k + 1 < n { format!(r#""e{}","#, k + 1) } else { String::new() };
                format!(
                    r#"{{"id":"e{k}","date":"1990","title":"E","actors":["a"],"consequences":[{next}"e0"]}}"#
                )
            })
            .collect();
        let src = format!(
            r#"{{"quipu":1,"title":"t","actors":[{{"id":"a","name":"A"}}],"events":[{}]}}"#,
            events.join(",")
        );
        assert_eq!(src.lines().count(), 1);
        let before = count::steps();
        let checked = Chronology::check(&src);
        assert_eq!(checked.diagnostics.len(), n);
        let steps = count::steps() - before;
        assert!(
            steps <= 2 * src.len(),
            "{steps} bytes counted for a {}-byte line",
            src.len()
        );
    }
}
