//! `quipu check [FILE…]`: every diagnostic of every file, then a summary line per file.
//!
//! The report is the command's product, so it goes to standard output where it can be piped;
//! only failures to read a file go to standard error.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::exit;
use crate::model::load::{SHIPPED_JSON, SHIPPED_NAME};
use crate::model::{Checked, Chronology, LoadError, Severity};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files to check; with none, the shipped chronology.
    pub files: Vec<PathBuf>,
}

pub fn run(args: &CheckArgs) -> u8 {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    run_to(args, &mut stdout.lock(), &mut stderr.lock())
}

/// `run` with its output streams passed in, for tests.
pub fn run_to(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut code = exit::OK;
    if args.files.is_empty() {
        let checked = Chronology::check(SHIPPED_JSON);
        if !report(SHIPPED_NAME, &checked, out) {
            code = exit::FAILURE;
        }
        return code;
    }
    for path in &args.files {
        let name = path.display().to_string();
        match Chronology::check_path(path) {
            Ok(checked) => {
                if !report(&name, &checked, out) && code == exit::OK {
                    code = exit::FAILURE;
                }
                // Nothing reads the chronology after its report, and freeing a million events
                // string by string took a sixth of `check`'s time; the OS takes the memory back
                // wholesale when the command ends. (Tests that call this leak a small fixture.)
                std::mem::forget(checked.chronology);
            }
            Err(error @ (LoadError::Io { .. } | LoadError::TooLarge { .. })) => {
                let _ = writeln!(err, "{error}");
                code = exit::USAGE;
            }
            Err(error @ LoadError::Invalid { .. }) => {
                let _ = writeln!(out, "{error}");
                if code == exit::OK {
                    code = exit::FAILURE;
                }
            }
        }
    }
    code
}

/// Prints the diagnostics and the summary; true when the file is valid.
fn report(name: &str, checked: &Checked, out: &mut dyn Write) -> bool {
    for diagnostic in &checked.diagnostics {
        let _ = writeln!(out, "{}", diagnostic.render(name));
    }
    let errors = count(checked, Severity::Error);
    let warnings = count(checked, Severity::Warning);
    let _ = match &checked.chronology {
        Some(chronology) => writeln!(
            out,
            "{name}: ok: {} events, {} actors, {} links{}",
            chronology.events.len(),
            chronology.actors.len(),
            chronology.link_count(),
            warning_note(warnings)
        ),
        None => writeln!(
            out,
            "{name}: invalid: {} error{}{}",
            errors,
            if errors == 1 { "" } else { "s" },
            warning_note(warnings)
        ),
    };
    checked.chronology.is_some()
}

fn count(checked: &Checked, severity: Severity) -> usize {
    checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

fn warning_note(warnings: usize) -> String {
    match warnings {
        0 => String::new(),
        1 => ", 1 warning".into(),
        n => format!(", {n} warnings"),
    }
}
