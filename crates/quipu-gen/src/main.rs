//! Writes a synthetic chronology to standard output, for benchmarks and stress tests:
//!
//! ```text
//! cargo run --release -p quipu-gen -- --events 1000000 --actors 20000 --seed 7 > big.json
//! cargo run --release -p quipu-gen -- --events 1000000 --actors 100000 --short --compact > short.json
//! ```
//!
//! The same arguments always give the same bytes. The logic lives in the `quipu_gen` library so
//! the tests and benches use exactly what this writes.

#![forbid(unsafe_code)]

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use quipu_gen::{Generator, Layout, Spec};

#[derive(Debug, Parser)]
#[command(
    name = "quipu-gen",
    about = "Write a valid, deterministic synthetic chronology (quipu JSON) to standard output."
)]
struct Args {
    /// Number of events.
    #[arg(long, default_value_t = 1000)]
    events: usize,
    /// Number of actors; by default one for every 20 events (at least 10).
    #[arg(long)]
    actors: Option<usize>,
    /// Seed: the same seed gives the same file.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// One line instead of indented JSON.
    #[arg(long)]
    compact: bool,
    /// Short events: id, date, title, actors, links and tags only (see `Generator::short_events`).
    #[arg(long)]
    short: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let actors = args.actors.unwrap_or((args.events / 20).max(10));
    let generator = Generator::new(Spec {
        events: args.events,
        actors,
        seed: args.seed,
    });
    let generator = if args.short {
        generator.short_events()
    } else {
        generator
    };
    let layout = if args.compact {
        Layout::Compact
    } else {
        Layout::Pretty
    };
    let stdout = std::io::stdout();
    let written = generator
        .write_json(stdout.lock(), layout)
        .and_then(|()| stdout.lock().flush());
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`gen | head`) is the reader's choice, not a failure worth a message.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("quipu-gen: cannot write: {err}");
            ExitCode::FAILURE
        }
    }
}
