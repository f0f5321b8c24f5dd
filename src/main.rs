//! No `unsafe` but in one place, allowed there alone: setting the allocator's purge delay.
#![deny(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;
use quipu::cli::{Cli, Command};

/// Loading a big chronology makes tens of millions of small strings; glibc's allocator spent a
/// quarter of the load time on them (docs/PERFORMANCE.md), mimalloc a fraction of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (the same in its versions 2 and 3), which
/// libmimalloc-sys does not name; a test below holds it to its default.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc keeps freed memory from the system for a while (a second, in its version 3), and
/// memory freed on a thread that then ends, the loader's, until another thread takes it. A
/// million-event load frees the file's text and its parsed form, some 400 MiB, just as the
/// search index is built, and the process peaked with the freed memory and the index both
/// counted. Given back at once, the peak is about 8 % lower, at no cost in time measured
/// (docs/PERFORMANCE.md, "Freed memory given back").
fn give_freed_memory_back_at_once() {
    // SAFETY: sets one entry of mimalloc's table of options, which it reads atomically; no
    // memory is touched.
    #[allow(unsafe_code)]
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0)
    }
}

fn main() -> ExitCode {
    give_freed_memory_back_at_once();
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

#[cfg(test)]
mod tests {
    /// The option set is the purge delay: no other option of mimalloc's starts at 1000 (ms),
    /// and setting it reads back. A renumbering in a new mimalloc fails here, not silently.
    #[test]
    #[allow(unsafe_code)]
    fn the_option_set_is_the_purge_delay() {
        use super::PURGE_DELAY;
        // SAFETY: reads one entry of mimalloc's table of options.
        let before = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert!(
            before == 1000 || before == 0,
            "purge delay read as {before}"
        );
        super::give_freed_memory_back_at_once();
        // SAFETY: as above.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 0);
    }
}
