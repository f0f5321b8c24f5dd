//! Loading a chronology: read, parse, validate, build, in that order, stopping at the first stage
//! that found errors (later stages would only report their echoes).

use std::path::Path;

use super::build::build;
use super::chronology::Chronology;
use super::diagnostic::Diagnostic;
use super::locate::LineIndex;
use super::parse::parse;
use super::validate;

/// Files larger than this are refused before reading: a chronology of a million events is a few
/// hundred MiB, and reading a larger file would only end in the out-of-memory killer.
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

/// Why a file could not be opened as a chronology.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read; the message is the operating system's.
    #[error("{file}: error: cannot read the file: {message}")]
    Io { file: String, message: String },
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error(
        "{file}: error: the file is {bytes} bytes; quipu reads chronologies of up to {max} bytes (1 GiB)\n  help: split it into several files, e.g. by period",
        max = MAX_FILE_BYTES
    )]
    TooLarge { file: String, bytes: u64 },
    /// The file was read but is not a valid chronology: every diagnostic, one per line.
    #[error("{}", render_all(.file, .diagnostics))]
    Invalid {
        file: String,
        diagnostics: Vec<Diagnostic>,
    },
}

fn render_all(file: &str, diagnostics: &[Diagnostic]) -> String {
    let rendered: Vec<String> = diagnostics.iter().map(|d| d.render(file)).collect();
    rendered.join("\n")
}

impl Chronology {
    /// Parses, validates and indexes `src`, keeping warnings.
    pub fn check(src: &str) -> Checked {
        Chronology::check_telling(src, &|_| ())
    }

    /// [`Chronology::check`], telling `stage` as each stage begins.
    pub fn check_telling(src: &str, stage: &dyn Fn(Stage)) -> Checked {
        let src = without_bom(src);
        stage(Stage::Parsing);
        match parse(src) {
            Err(diagnostics) => finish(None, diagnostics),
            Ok(raw) => {
                stage(Stage::Checking);
                let (validated, diagnostics) = validate::check(&raw).locate(&raw, src);
                stage(Stage::Building);
                finish(validated.map(|v| build(raw, v)), diagnostics)
            }
        }
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

    /// Reads and checks a file, keeping warnings. Non-UTF-8 bytes are an error at their position.
    pub fn check_path(path: &Path) -> Result<Checked, LoadError> {
        Chronology::check_path_telling(path, &|_| ())
    }

    /// [`Chronology::check_path`], telling `stage` as each stage begins.
    pub fn check_path_telling(path: &Path, stage: &dyn Fn(Stage)) -> Result<Checked, LoadError> {
        stage(Stage::Reading);
        let bytes = read_limited(path)?;
        match String::from_utf8(bytes) {
            Ok(text) => Chronology::check_text_telling(path, text, stage),
            Err(err) => {
                let valid = err.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(&err.as_bytes()[..valid]);
                let (line, column) = LineIndex::new(&text).line_col(valid);
                let diag = Diagnostic::error(line, column, "the file is not UTF-8 text")
                    .with_help("save the file as UTF-8; a chronology is a JSON text file");
                Ok(Checked {
                    chronology: None,
                    diagnostics: vec![diag],
                })
            }
        }
    }

    /// Checks `text`, the contents of the file at `path`, already read (the explorer reads a file
    /// once to tell its format). The text is freed as soon as it is parsed: from then on only
    /// diagnostics need it, to say where a problem is, and a valid file has none. It is read
    /// again from `path` only when there are some, which keeps the file's size off the peak
    /// memory of validating and building.
    pub fn check_text(path: &Path, text: String) -> Result<Checked, LoadError> {
        Chronology::check_text_telling(path, text, &|_| ())
    }

    /// [`Chronology::check_text`], telling `stage` as each stage begins.
    fn check_text_telling(
        path: &Path,
        text: String,
        stage: &dyn Fn(Stage),
    ) -> Result<Checked, LoadError> {
        stage(Stage::Parsing);
        let raw = match parse(without_bom(&text)) {
            Ok(raw) => raw,
            Err(diagnostics) => return Ok(finish(None, diagnostics)),
        };
        drop(text);
        stage(Stage::Checking);
        let verdict = validate::check(&raw);
        let (validated, diagnostics) = if verdict.needs_text() {
            // Should the file have vanished meanwhile, the findings are still reported, by path
            // only (at 1:1), rather than hidden behind a read error.
            let again = read_limited(path).unwrap_or_default();
            let again = String::from_utf8_lossy(&again);
            verdict.locate(&raw, without_bom(&again))
        } else {
            verdict.locate(&raw, "")
        };
        stage(Stage::Building);
        Ok(finish(validated.map(|v| build(raw, v)), diagnostics))
    }

    /// Reads, checks and indexes a file.
    pub fn from_path(path: &Path) -> Result<Chronology, LoadError> {
        valid_or_errors(path, Chronology::check_path(path)?)
    }

    /// [`Chronology::check_text`], keeping only a valid chronology or the errors, telling
    /// `stage` as each stage begins.
    pub fn from_text_telling(
        path: &Path,
        text: String,
        stage: &dyn Fn(Stage),
    ) -> Result<Chronology, LoadError> {
        valid_or_errors(path, Chronology::check_text_telling(path, text, stage)?)
    }

    /// The chronology compiled into the binary. It is checked by the test suite, so failing to
    /// load it here is a build defect, not a user error.
    pub fn shipped() -> Chronology {
        Chronology::from_str(SHIPPED_JSON)
            .expect("the shipped chronology is valid (checked by tests)")
    }
}

fn valid_or_errors(path: &Path, checked: Checked) -> Result<Chronology, LoadError> {
    let Checked {
        chronology,
        diagnostics,
    } = checked;
    chronology.ok_or_else(|| LoadError::Invalid {
        file: path.display().to_string(),
        diagnostics: diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect(),
    })
}

fn without_bom(src: &str) -> &str {
    src.strip_prefix('\u{feff}').unwrap_or(src)
}

/// One place for every message that quotes the file, whichever stage wrote it.
fn finish(chronology: Option<Chronology>, mut diagnostics: Vec<Diagnostic>) -> Checked {
    diagnostics
        .iter_mut()
        .for_each(Diagnostic::escape_quoted_text);
    Checked {
        chronology,
        diagnostics,
    }
}

/// The file's bytes, refusing directories and files over [`MAX_FILE_BYTES`] before reading.
pub(crate) fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    let file = path.display().to_string();
    let io = |err: std::io::Error| LoadError::Io {
        file: file.clone(),
        message: err.to_string(),
    };
    let metadata = std::fs::metadata(path).map_err(io)?;
    if metadata.is_dir() {
        return Err(LoadError::Io {
            file,
            message: "it is a directory".into(),
        });
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            file,
            bytes: metadata.len(),
        });
    }
    std::fs::read(path).map_err(io)
}

impl std::str::FromStr for Chronology {
    type Err = Vec<Diagnostic>;

    fn from_str(src: &str) -> Result<Chronology, Vec<Diagnostic>> {
        Chronology::from_str(src)
    }
}
