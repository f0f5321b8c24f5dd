//! `quipu check [FILE…]`: every diagnostic of every file, then a summary line per file.
//!
//! The report is the command's product, so it goes to standard output where it can be piped;
//! only failures to read a file go to standard error.

use std::cell::RefCell;
use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use super::{exit, output_failure};
use crate::interchange::check_any::report_any_telling as check_any;
use crate::model::diagnostic::{SHOWN, left_out};
use crate::model::input::display_name;
use crate::model::load::{SHIPPED_JSON, SHIPPED_NAME};
use crate::model::{Chronology, LoadError, Report, Severity, Stage};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files to check; with none, the shipped chronology.
    pub files: Vec<PathBuf>,
    /// Also print how long reading, parsing and checking took, to standard error (a converted
    /// file, TimelineJS or CSV, is also built: its conversion is checked in the chronology it
    /// makes).
    #[arg(long)]
    pub timings: bool,
    /// Print every diagnostic; without it a file's first 100 are printed and the rest counted.
    #[arg(long)]
    pub all: bool,
    /// Check again every time a file is saved, until Ctrl-C: each time a header line with the
    /// time and the result, then the report.
    #[arg(long)]
    pub watch: bool,
}

pub fn run(args: &CheckArgs) -> u8 {
    if args.watch {
        return watch(args);
    }
    super::with_std_streams(|out, err| run_to(args, out, err))
}

/// `run` with its output streams passed in, for tests.
pub fn run_to(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut code = exit::OK;
    match check_all(args, out, err, &mut code).and_then(|()| out.flush()) {
        Ok(()) => code,
        Err(error) => output_failure(&error, err).unwrap_or(code),
    }
}

/// Checks every file, setting `code` as it goes; stops at the first failure to write the report.
fn check_all(
    args: &CheckArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    code: &mut u8,
) -> io::Result<()> {
    if args.files.is_empty() {
        let clock = Clock::default();
        let checked = Chronology::report_telling(SHIPPED_JSON, &|stage| clock.tell(stage));
        if args.timings {
            clock.report(SHIPPED_NAME, err);
        }
        if !report(SHIPPED_NAME, &checked, args.all, out)? {
            *code = exit::FAILURE;
        }
        return Ok(());
    }
    for path in &args.files {
        let name = display_name(path);
        let clock = Clock::default();
        let checked = check_any(path, &|stage| clock.tell(stage));
        if args.timings {
            clock.report(&name, err);
        }
        match checked {
            Ok(checked) => {
                if !report(&name, &checked, args.all, out)? && *code == exit::OK {
                    *code = exit::FAILURE;
                }
            }
            Err(error @ (LoadError::Io { .. } | LoadError::TooLarge { .. })) => {
                let _ = writeln!(err, "{error}");
                *code = exit::USAGE;
            }
            Err(error @ LoadError::Invalid { .. }) => {
                writeln!(out, "{error}")?;
                if *code == exit::OK {
                    *code = exit::FAILURE;
                }
            }
        }
    }
    Ok(())
}

/// When each loading stage began, for `--timings`.
#[derive(Default)]
struct Clock {
    began: RefCell<Vec<(Stage, Instant)>>,
}

impl Clock {
    fn tell(&self, stage: Stage) {
        self.began.borrow_mut().push((stage, Instant::now()));
    }

    /// `FILE: reading 0.15 s · parsing 2.51 s · … · total 6.46 s`, each stage lasting until the
    /// next began, the last until now.
    fn report(&self, name: &str, err: &mut dyn Write) {
        let began = self.began.borrow();
        let Some(&(_, start)) = began.first() else {
            return;
        };
        let now = Instant::now();
        let ends = began.iter().skip(1).map(|&(_, at)| at).chain([now]);
        let stages: Vec<String> = began
            .iter()
            .zip(ends)
            .map(|(&(stage, from), to)| {
                format!("{} {:.2} s", stage.name(), (to - from).as_secs_f64())
            })
            .collect();
        let _ = writeln!(
            err,
            "{name}: {} · total {:.2} s",
            stages.join(" · "),
            (now - start).as_secs_f64()
        );
    }
}

/// Prints the diagnostics (the first [`SHOWN`] unless `all`) and the summary; true when the
/// file is valid. Errors come first, each kind in the file's order: a hundred warnings must not
/// push the one error that makes the file invalid out of the report.
fn report(name: &str, checked: &Report, all: bool, out: &mut dyn Write) -> io::Result<bool> {
    let shown = if all { usize::MAX } else { SHOWN };
    let errors_first = [Severity::Error, Severity::Warning]
        .into_iter()
        .flat_map(|severity| (checked.diagnostics.iter()).filter(move |d| d.severity == severity));
    for diagnostic in errors_first.take(shown) {
        writeln!(out, "{}", diagnostic.render(name))?;
    }
    if checked.diagnostics.len() > shown {
        writeln!(out, "{}", left_out(name, checked.diagnostics.len() - shown))?;
    }
    let errors = count(checked, Severity::Error);
    let warnings = count(checked, Severity::Warning);
    match &checked.counts {
        Some(counts) => writeln!(
            out,
            "{name}: ok: {} event{}, {} actor{}, {} link{}{}",
            counts.events,
            crate::text::plural(counts.events),
            counts.actors,
            crate::text::plural(counts.actors),
            counts.links,
            crate::text::plural(counts.links),
            warning_note(warnings)
        )?,
        None => writeln!(
            out,
            "{name}: invalid: {} error{}{}",
            errors,
            crate::text::plural(errors),
            warning_note(warnings)
        )?,
    };
    Ok(checked.counts.is_some())
}

fn count(checked: &Report, severity: Severity) -> usize {
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

/// `quipu check --watch FILE…`: a compiler's watch mode. Runs until interrupted; a file that
/// cannot be read (deleted while saved by rename) is reported and watched for its return.
fn watch(args: &CheckArgs) -> u8 {
    let watchable =
        !args.files.is_empty() && !args.files.iter().any(|f| crate::model::input::is_stdin(f));
    if !watchable {
        super::say(
            "error: `--watch` needs files to watch, not standard input or the shipped chronology\n  help: quipu check --watch FILE",
        );
        return exit::USAGE;
    }
    let (send, changed) = std::sync::mpsc::channel();
    let watches: Vec<_> = args
        .files
        .iter()
        .filter_map(|file| crate::tui::watch::Watch::sending(file, send.clone()))
        .collect();
    drop(send);
    let once = CheckArgs {
        files: args.files.clone(),
        timings: args.timings,
        all: args.all,
        watch: false,
    };
    loop {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_to(&once, &mut out, &mut err);
        let verdict = match code {
            exit::OK => "ok",
            exit::FAILURE => "invalid",
            _ => "cannot read",
        };
        let header = format!(
            "── {} · quipu check: {verdict} (watching; Ctrl-C ends) ──\n",
            chrono::Local::now().format("%H:%M:%S")
        );
        // The header first and flushed, then why a file could not be read (stderr), then the
        // report: on a terminal, which shows both streams, each round reads top to bottom.
        let mut stdout = std::io::stdout().lock();
        let written = stdout
            .write_all(header.as_bytes())
            .and_then(|()| stdout.flush())
            .and_then(|()| {
                let _ = std::io::stderr().write_all(&err);
                stdout.write_all(&out)
            })
            .and_then(|()| stdout.flush());
        drop(stdout);
        if let Err(error) = written {
            return output_failure(&error, &mut std::io::stderr()).unwrap_or(code);
        }
        if watches.is_empty() {
            super::say("error: cannot watch the files for changes on this system");
            return code;
        }
        if changed.recv().is_err() {
            return code;
        }
        while changed.try_recv().is_ok() {}
    }
}
