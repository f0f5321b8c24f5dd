//! `quipu search [--events] [--limit N] QUERY [FILE]`: the palette's ranking, one match a line
//! (`score<TAB>id<TAB>name`), for scripts. Exit 1 when nothing matches, like grep.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{exit, output_failure};
use crate::interchange::load_any;
use crate::model::Chronology;
use crate::search::{Query, Scope, SearchIndex};

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Search events (title, tags, date, summary) instead of actors; a QUERY starting with `#`
    /// does the same, and one starting with `@` keeps to actors, as in the palette.
    #[arg(long)]
    pub events: bool,

    /// Print at most this many matches, best first.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,

    /// A few letters, as typed in the palette; case and accents do not matter.
    pub query: String,

    /// Chronology to search; with none, the shipped one.
    pub file: Option<PathBuf>,
}

pub fn run(args: &SearchArgs) -> u8 {
    super::with_std_streams(|out, err| run_to(args, out, err))
}

/// `run` with its output streams passed in, for tests.
pub fn run_to(args: &SearchArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    if args.limit == 0 {
        let _ = writeln!(err, "error: --limit must be at least 1");
        return exit::USAGE;
    }
    let chronology = crate::free::FreedLater::new(match &args.file {
        None => Chronology::shipped(),
        Some(path) => match load_any(path) {
            Ok(chronology) => chronology,
            Err(error) => {
                let _ = writeln!(err, "{error}");
                return exit::for_load_error(&error);
            }
        },
    });
    let query = if args.events {
        Query {
            scope: Scope::Events,
            // `--events '#cholera'` is the palette's `#cholera`, not a search for the `#`.
            text: args
                .query
                .strip_prefix('#')
                .unwrap_or(&args.query)
                .to_owned(),
        }
    } else {
        Query::parse(&args.query)
    };
    let index = SearchIndex::build(&chronology);
    let hits = index.search(&query, args.limit);
    let code = if hits.is_empty() {
        exit::FAILURE
    } else {
        exit::OK
    };
    match print_hits(&chronology, &query, &hits, out).and_then(|()| out.flush()) {
        Ok(()) => code,
        Err(error) => output_failure(&error, err).unwrap_or(code),
    }
}

fn print_hits(
    chronology: &Chronology,
    query: &Query,
    hits: &[crate::search::Hit],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for hit in hits {
        let (id, name) = match query.scope {
            Scope::Actors => chronology
                .actors
                .get(hit.item)
                .map(|a| (a.id.as_str(), a.name.as_str())),
            Scope::Events => chronology
                .events
                .get(hit.item)
                .map(|e| (e.id.as_str(), e.title.as_str())),
        }
        .unwrap_or_default();
        writeln!(out, "{}\t{id}\t{name}", hit.score)?;
    }
    Ok(())
}
