//! `quipu export --to markdown|dot|json|timelinejs [FILE] [-o OUT]`: writes a chronology (the
//! shipped one when FILE is left out) for documents, slides and Graphviz. `--actor` and `--from`
//! narrow it to one actor's events or to everything downstream of one event; `--query` to the
//! events a query selects.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::exit;
use super::import::write_output;
use crate::interchange::{Format, downstream_of, events_of_actor, export_events, load_any};
use crate::model::{Chronology, EventIx};
use crate::query::Query;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long = "to", value_parser = super::formats::export_format(), value_name = "FORMAT")]
    pub to: Format,

    /// Chronology to export (quipu JSON, TimelineJS JSON or CSV); the shipped one when left out.
    pub file: Option<PathBuf>,

    /// Write here instead of to standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Only the events this actor (by id) takes part in.
    #[arg(long, value_name = "ID")]
    pub actor: Option<String>,

    /// Only this event (by id) and everything downstream of it through consequences.
    #[arg(long = "from", value_name = "EVENT")]
    pub from: Option<String>,

    /// Only the events this query selects (the language of `quipu list`, README.md); applies
    /// together with `--actor` and `--from`.
    #[arg(long, value_name = "QUERY")]
    pub query: Option<String>,
}

pub fn run(args: &ExportArgs) -> u8 {
    super::with_std_streams(|out, err| run_to(args, out, err))
}

/// `run` with its output streams passed in, for tests.
pub fn run_to(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let query = match args
        .query
        .as_deref()
        .map(|q| Query::parse(q, super::list::today()))
    {
        Some(Err(error)) => {
            let _ = writeln!(err, "quipu: {}", error.render());
            return exit::USAGE;
        }
        Some(Ok(query)) => Some(query),
        None => None,
    };
    let chronology = crate::free::FreedLater::new(match &args.file {
        Some(path) => match load_any(path) {
            Ok(chronology) => chronology,
            Err(error) => {
                let _ = writeln!(err, "{error}");
                return exit::for_load_error(&error);
            }
        },
        None => Chronology::shipped(),
    });
    let mut events = match select(&chronology, args) {
        Ok(events) => events,
        Err(message) => {
            let _ = writeln!(err, "{message}");
            return exit::USAGE;
        }
    };
    if let Some(query) = &query {
        match query.select(&chronology) {
            Ok(chosen) => events.retain(|e| chosen.binary_search(e).is_ok()),
            Err(error) => {
                let _ = writeln!(err, "quipu: {}", error.render());
                return exit::USAGE;
            }
        }
    }
    let text = export_events(&chronology, &events, args.to);
    write_output(args.output.as_deref(), &text, out, err)
}

/// The events `--actor` and `--from` leave (both apply when both are given).
fn select(chronology: &Chronology, args: &ExportArgs) -> Result<Vec<EventIx>, String> {
    let mut events: Vec<EventIx> = (0..chronology.events.len()).collect();
    if let Some(id) = &args.actor {
        let actor = chronology
            .actor_ix(id)
            .ok_or_else(|| unknown_actor(chronology, id))?;
        let own = events_of_actor(chronology, actor);
        events.retain(|e| own.binary_search(e).is_ok());
    }
    if let Some(id) = &args.from {
        let start = chronology
            .event_ix(id)
            .ok_or_else(|| unknown("event", id, chronology.events.iter().map(|e| e.id.as_str())))?;
        let downstream = downstream_of(chronology, start);
        events.retain(|e| downstream.binary_search(e).is_ok());
    }
    Ok(events)
}

/// `--actor` takes an id; one given by name ("usa", "fujimori") is answered with the ids the
/// same words name in a query (`actor:usa`), when no id is close to it.
fn unknown_actor(chronology: &Chronology, id: &str) -> String {
    let ids = chronology.actors.iter().map(|a| a.id.as_str());
    if crate::model::suggest::closest(id, ids.clone()).is_some() {
        return unknown("actor", id, ids);
    }
    let named = crate::query::actors_named(chronology, id);
    let shown: Vec<String> = named
        .iter()
        .take(3)
        .map(|&ix| {
            let actor = &chronology.actors[ix];
            format!(
                "`{}` ({})",
                crate::text::escape_controls(&actor.id),
                crate::text::escape_controls(&actor.name)
            )
        })
        .collect();
    let id = crate::text::escape_controls(id);
    match named.len() {
        0 => format!(
            "error: unknown actor `{id}`\n  help: --actor takes an id; `quipu search {id}` on the same file lists the closest actors with theirs"
        ),
        1 => format!(
            "error: unknown actor `{id}`\n  help: --actor takes an id: by name that is {}",
            shown[0]
        ),
        n => format!(
            "error: unknown actor `{id}`\n  help: --actor takes an id: by name that could be {}{}; --query 'actor:{id}' takes them all",
            shown.join(", "),
            if n > 3 {
                format!(" or {} more", n - 3)
            } else {
                String::new()
            }
        ),
    }
}

fn unknown<'a>(what: &str, id: &str, known: impl Iterator<Item = &'a str>) -> String {
    let id = crate::text::escape_controls(id);
    match crate::model::suggest::closest(&id, known) {
        Some(near) => format!("error: unknown {what} `{id}`\n  help: did you mean `{near}`?"),
        None => format!("error: unknown {what} `{id}`"),
    }
}
