#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;
use quipu::cli::{Cli, Command};

/// Loading a big chronology makes tens of millions of small strings; glibc's allocator spent a
/// quarter of the load time on them (docs/PERFORMANCE.md), mimalloc a fraction of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // clap quotes the arguments it refuses; they are outside text like any other, so the
        // error is printed escaped (and plain). Help and version go out as clap writes them.
        Err(error) if error.use_stderr() => {
            let text = error.render().to_string();
            for line in text.lines() {
                quipu::cli::say(quipu::text::escape_controls(line));
            }
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
        Err(error) => error.exit(),
    };
    let code = match &cli.command {
        Some(Command::Check(args)) => quipu::cli::check::run(args),
        Some(Command::List(args)) => quipu::cli::list::run(args),
        Some(Command::Search(args)) => quipu::cli::search::run(args),
        Some(Command::Import(args)) => quipu::cli::import::run(args),
        Some(Command::Export(args)) => quipu::cli::export::run(args),
        Some(Command::Config(args)) => quipu::cli::config::run(args),
        Some(Command::New(args)) => quipu::cli::new::run(args),
        None => match cli.file.as_deref().and_then(quipu::cli::mistyped_command) {
            Some(message) => {
                quipu::cli::say(message);
                quipu::cli::exit::USAGE
            }
            None => quipu::cli::explore(&cli),
        },
    };
    ExitCode::from(code)
}
