//! `quipu import [--from timelinejs|csv] FILE [-o OUT]`: converts a TimelineJS or CSV file into a
//! quipu chronology. The chronology goes to stdout (or OUT); what was read and what could not be
//! carried over goes to stderr, so a pipe gets only the file.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{exit, output_failure};
use crate::interchange::detect::{
    declares_quipu, detect, fallback_title, import_failure, read_text,
};
use crate::interchange::{ImportFormat, ImportOptions, import, to_json};
use crate::model::Chronology;
use crate::model::input::display_name;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Format of FILE; guessed from its name and content when left out.
    #[arg(long = "from", value_parser = super::formats::import_format(), value_name = "FORMAT")]
    pub from: Option<ImportFormat>,

    /// The TimelineJS (JSON) or spreadsheet (CSV) file to convert.
    pub file: PathBuf,

    /// Write the chronology here instead of to standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Also make each TimelineJS group an actor (kind "group") that takes part in its events.
    #[arg(long)]
    pub group_actors: bool,
}

pub fn run(args: &ImportArgs) -> u8 {
    super::with_std_streams(|out, err| run_to(args, out, err))
}

/// `run` with its output streams passed in, for tests.
pub fn run_to(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let name = display_name(&args.file);
    let text = match read_text(&args.file) {
        Ok(text) => text,
        Err(error) => {
            let _ = writeln!(err, "{error}");
            return exit::for_load_error(&error);
        }
    };
    let Some(format) = args
        .from
        .or_else(|| detect(&args.file, &text).import_format())
    else {
        let message = if declares_quipu(&text) {
            format!(
                "{name}: error: this is already a quipu chronology\n  help: open it with `quipu {name}` or check it with `quipu check {name}`; pass --from to force a format"
            )
        } else {
            format!(
                "{name}: error: this is neither a TimelineJS file nor a CSV file\n  help: quipu imports TimelineJS JSON (an object whose `events` have a `start_date`) and CSV (a file named .csv); pass --from timelinejs or --from csv to read it as one"
            )
        };
        let _ = writeln!(err, "{message}");
        return exit::USAGE;
    };
    let options = ImportOptions {
        group_actors: args.group_actors,
        fallback_title: fallback_title(&args.file),
    };
    let imported = match import(&text, format, &options) {
        Ok(imported) => imported,
        Err(error) => {
            let _ = writeln!(err, "{}", import_failure(&name, error));
            return exit::FAILURE;
        }
    };
    let json = to_json(&imported.raw);
    let _ = writeln!(
        err,
        "{name}: {}",
        imported
            .report
            .render()
            .replace('\n', &format!("\n{name}: "))
    );

    // The importer aims to write only valid files; the loader has the last word.
    let target = args
        .output
        .as_ref()
        .map_or_else(|| "<stdout>".to_owned(), |p| display_name(p));
    let checked = Chronology::check(&json);
    if checked.chronology.is_none() {
        for diagnostic in checked.diagnostics.iter().filter(|d| d.is_error()) {
            let _ = writeln!(err, "{}", diagnostic.render(&target));
        }
        let _ = writeln!(
            err,
            "{name}: the converted chronology is not valid; written anyway so it can be fixed by hand"
        );
        let code = write_output(args.output.as_deref(), &json, out, err);
        return if code == exit::OK {
            exit::FAILURE
        } else {
            code
        };
    }
    let no_actors = imported
        .raw
        .events
        .iter()
        .filter(|e| e.actors.is_empty())
        .count();
    if no_actors > 0 {
        let _ = writeln!(
            err,
            "{name}: {no_actors} event{} without actors (`quipu check` warns about them){}",
            crate::text::plural(no_actors),
            if imported.report.groups > 0 && !args.group_actors {
                "; --group-actors makes TimelineJS groups into actors"
            } else {
                ""
            }
        );
    }
    write_output(args.output.as_deref(), &json, out, err)
}

/// Writes `text` to the file, or to `out` when there is none; see [`super::output_failure`] for
/// a failing standard output.
pub(crate) fn write_output(
    path: Option<&Path>,
    text: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    match path {
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => exit::OK,
            Err(e) => {
                let _ = writeln!(
                    err,
                    "{}: error: cannot write the file: {e}",
                    display_name(path)
                );
                exit::USAGE
            }
        },
        None => match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            Ok(()) => exit::OK,
            Err(e) => output_failure(&e, err).unwrap_or(exit::OK),
        },
    }
}
