//! The command line: `quipu [FILE]` opens the explorer; subcommands serve scripts.
//!
//! Each subcommand lives in its own file and returns the process exit code, so `main.rs` stays a
//! one-liner and tests can call the commands directly.

pub mod check;
pub mod export;
mod formats;
pub mod import;
pub mod search;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Exit codes shared by every subcommand.
pub mod exit {
    pub const OK: u8 = 0;
    /// The file is invalid, or a search found nothing.
    pub const FAILURE: u8 = 1;
    /// Bad usage or an unreadable file.
    pub const USAGE: u8 = 2;
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
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate chronology files and print every problem, like a compiler.
    Check(check::CheckArgs),
    /// Print ranked fuzzy matches of actors (or events) for scripts.
    Search(search::SearchArgs),
    /// Convert a TimelineJS or CSV file into a quipu chronology.
    Import(import::ImportArgs),
    /// Write a chronology as Markdown, Graphviz, normalised JSON or TimelineJS.
    Export(export::ExportArgs),
}
