use std::process::ExitCode;

use clap::Parser;
use quipu::cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match &cli.command {
        Some(Command::Check(args)) => quipu::cli::check::run(args),
        Some(Command::Search(args)) => quipu::cli::search::run(args),
        Some(Command::Import(args)) => quipu::cli::import::run(args),
        Some(Command::Export(args)) => quipu::cli::export::run(args),
        None => quipu::tui::open(cli.file.as_deref(), !cli.no_mouse),
    };
    ExitCode::from(code)
}
