//! The command line: `quipu [FILE]` opens the explorer; subcommands serve scripts.
//!
//! Each subcommand lives in its own file and returns the process exit code, so `main.rs` stays a
//! one-liner and tests can call the commands directly.

pub mod check;
pub mod config;
pub mod export;
mod formats;
pub mod import;
pub mod list;
pub mod new;
pub mod search;

use std::path::{Path, PathBuf};

use clap::{CommandFactory, Parser, Subcommand};

/// Exit codes shared by every subcommand.
pub mod exit {
    pub const OK: u8 = 0;
    /// The file is invalid, or a search found nothing.
    pub const FAILURE: u8 = 1;
    /// Bad usage or an unreadable file.
    pub const USAGE: u8 = 2;

    /// The code for a file that could not be loaded: an unreadable (missing, too large) file is
    /// [`USAGE`], as in every command; a file read but not valid is [`FAILURE`].
    pub fn for_load_error(error: &crate::model::LoadError) -> u8 {
        match error {
            crate::model::LoadError::Invalid { .. } => FAILURE,
            _ => USAGE,
        }
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "quipu",
    version,
    about = "Explore a chronology in the terminal: events on a time line, their actors, causes and consequences.",
    long_about = None,
    after_help = "With no FILE, quipu opens the chronology it ships with: Peru's foreign relations under Alberto Fujimori.\nPress ? inside the explorer for every key."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Chronology to open (quipu JSON, TimelineJS JSON or CSV).
    pub file: Option<PathBuf>,

    /// Do not capture the mouse (leaves the terminal's own selection working).
    #[arg(long)]
    pub no_mouse: bool,

    /// Colours: dark, light, high-contrast or mono (NO_COLOR always means mono).
    #[arg(long, value_name = "THEME")]
    pub theme: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate chronology files and print every problem, like a compiler.
    Check(check::CheckArgs),
    /// Print the events a query selects, in time order (`quipu list 'tag:drugs date:<1992'`).
    List(list::ListArgs),
    /// Print ranked fuzzy matches of actors (or events) for scripts.
    Search(search::SearchArgs),
    /// Convert a TimelineJS or CSV file into a quipu chronology.
    Import(import::ImportArgs),
    /// Write a chronology as Markdown, Graphviz, normalised JSON or TimelineJS.
    Export(export::ExportArgs),
    /// Show where the config file is, print the defaults, or check a file.
    Config(config::ConfigArgs),
    /// Write a small valid chronology to start from (never over an existing file).
    New(new::NewArgs),
}

/// `quipu [FILE]`: the explorer, with the config file read first.
pub fn explore(cli: &Cli) -> u8 {
    match config::for_explorer(cli.theme.as_deref(), cli.no_mouse) {
        Ok(config) => crate::tui::open(cli.file.as_deref(), &config),
        Err(code) => code,
    }
}

/// Writes `text` to stdout. A reader who closed the pipe (`| head`) wanted no more: that is
/// not an error. Any other failure to write is, and is said.
pub fn print_out(text: &str) -> u8 {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => exit::OK,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => exit::OK,
        Err(err) => {
            eprintln!("quipu: cannot write the output: {err}");
            exit::FAILURE
        }
    }
}

/// `quipu chek`: a FILE that does not exist, has no directory or extension, and is close to a
/// subcommand's name is taken for a mistyped command rather than a missing file. The message,
/// when it is one.
pub fn mistyped_command(file: &Path) -> Option<String> {
    let word = file.to_str()?;
    let plain_word =
        !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !plain_word || word == crate::model::input::STDIN || std::fs::symlink_metadata(file).is_ok()
    {
        return None;
    }
    let command = Cli::command();
    let names: Vec<&str> = command.get_subcommands().map(|c| c.get_name()).collect();
    let near = crate::model::suggest::closest(word, names.iter().copied())?;
    Some(format!(
        "error: unknown command '{word}', did you mean {near}?\n  help: `quipu {near} --help` explains it; `quipu --help` lists every command"
    ))
}

/// Prints a line to standard error, ignoring a failure: `eprintln!` panics when it cannot write
/// (`2>/dev/full`), and a message nobody can read is no reason to crash.
pub fn say(message: impl std::fmt::Display) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{message}");
}

/// What a command does when standard output fails: a reader that went away (`| head -1`) is the
/// reader's choice, so the command stops silently, as `head`-fed tools do, and exits with the code
/// it would have had; any other failure (`> /dev/full`) is reported and exits [`exit::USAGE`].
/// `None` means silent.
/// Runs a command on standard output, locked for the run (it is buffered by line, and a command
/// writes many), and standard error, not locked: loading runs on rayon's workers, and a line
/// one of them wrote to stderr (a debugging print, say) would wait forever for a lock the main
/// thread holds until the command ends.
pub(crate) fn with_std_streams(
    run: impl FnOnce(&mut dyn std::io::Write, &mut dyn std::io::Write) -> u8,
) -> u8 {
    run(&mut std::io::stdout().lock(), &mut std::io::stderr())
}

pub(crate) fn output_failure(error: &std::io::Error, err: &mut dyn std::io::Write) -> Option<u8> {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        return None;
    }
    let _ = writeln!(err, "error: cannot write to standard output: {error}");
    Some(exit::USAGE)
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    /// Another thread can take stderr while a command runs: had the command locked it, the
    /// thread would wait until the command ended, and this command waits for the thread.
    #[test]
    fn a_command_leaves_stderr_free_for_other_threads() {
        let code = super::with_std_streams(|_, _| {
            let (said, heard) = mpsc::channel();
            std::thread::spawn(move || {
                drop(std::io::stderr().lock());
                let _ = said.send(());
            });
            match heard.recv_timeout(Duration::from_secs(20)) {
                Ok(()) => 0,
                Err(_) => 1,
            }
        });
        assert_eq!(
            code, 0,
            "a thread could not take stderr while the command ran"
        );
    }
}
