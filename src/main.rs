use std::process::ExitCode;

use clap::Parser;
use quipu::cli::{Cli, Command};

/// Loading a big chronology makes tens of millions of small strings; glibc's allocator spent a
/// quarter of the load time on them (docs/PERFORMANCE.md), mimalloc a fraction of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match &cli.command {
        Some(Command::Check(args)) => quipu::cli::check::run(args),
        Some(Command::Search(args)) => quipu::cli::search::run(args),
        Some(Command::Import(args)) => quipu::cli::import::run(args),
        Some(Command::Export(args)) => quipu::cli::export::run(args),
        None => match cli.file.as_deref().and_then(quipu::cli::mistyped_command) {
            Some(message) => {
                eprintln!("{message}");
                quipu::cli::exit::USAGE
            }
            None => quipu::tui::open(cli.file.as_deref(), !cli.no_mouse),
        },
    };
    ExitCode::from(code)
}
