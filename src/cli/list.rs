//! `quipu list [QUERY] [FILE]`: the events a query selects, in time order, as a table for people,
//! TSV for scripts, a quipu file (`--format json`) or a count. Exit 0 when something matched, 1
//! when nothing did, 2 for a broken query or an unreadable file — grep's manners. A file read but
//! invalid is 1, as in every command.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use unicode_width::UnicodeWidthChar;

use super::{exit, output_failure};
use crate::interchange::{Format, export_events, load_any};
use crate::model::{Chronology, EventIx};
use crate::text::escape_controls;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ListFormat {
    /// Date, title and id in aligned columns.
    #[default]
    Table,
    /// `id`, EDTF date, shown date, title: one event a line, tab-separated, no header.
    Tsv,
    /// A quipu file of just the matching events.
    Json,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// The question, e.g. `actor:"united states" date:<1992-04-05` or `downstream:self-coup
    /// -tag:economy`; every event when left out. README.md describes the language.
    pub query: Option<String>,

    /// Chronology to ask (quipu JSON, TimelineJS JSON or CSV; `-` for standard input); the
    /// shipped one when left out.
    pub file: Option<PathBuf>,

    /// How to print the events.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,

    /// Print only how many events match.
    #[arg(long)]
    pub count: bool,
}

pub fn run(args: &ListArgs) -> u8 {
    super::with_std_streams(|out, err| run_to(args, today(), out, err))
}

/// Today as a day number, for `date:today` and friends.
pub fn today() -> i64 {
    crate::model::date::days_of(chrono::Local::now().date_naive())
}

/// `run` with the day and the output streams passed in, for tests.
pub fn run_to(args: &ListArgs, today: i64, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    // A broken query is reported before the file is read: it is the cheaper mistake to find.
    let query = match crate::query::Query::parse(args.query.as_deref().unwrap_or(""), today) {
        Ok(query) => query,
        Err(error) => {
            let _ = writeln!(err, "quipu: {}", error.render());
            return exit::USAGE;
        }
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
    let events = match query.select(&chronology) {
        Ok(events) => events,
        Err(error) => {
            let _ = writeln!(err, "quipu: {}", error.render());
            return exit::USAGE;
        }
    };
    let code = if events.is_empty() {
        // `quipu list file.json` asks the shipped chronology for the word `file.json`.
        if let (Some(text), None) = (&args.query, &args.file)
            && std::path::Path::new(text).is_file()
        {
            let _ = writeln!(
                err,
                "quipu: note: `{}` is a file; to list it, give the query first: quipu list '' {}",
                escape_controls(text),
                escape_controls(text)
            );
        }
        exit::FAILURE
    } else {
        exit::OK
    };
    let text = if args.count {
        format!("{}\n", events.len())
    } else {
        match args.format {
            ListFormat::Table => table(&chronology, &events),
            ListFormat::Tsv => tsv(&chronology, &events),
            ListFormat::Json => export_events(&chronology, &events, Format::Json),
        }
    };
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => code,
        Err(error) => output_failure(&error, err).unwrap_or(code),
    }
}

fn tsv(chronology: &Chronology, events: &[EventIx]) -> String {
    let mut text = String::new();
    for event in events.iter().filter_map(|&ix| chronology.events.get(ix)) {
        let fields = [
            event.id.as_str(),
            event.date.text.as_str(),
            &event.human_date(),
            event.title.as_str(),
        ];
        let line: Vec<String> = fields.iter().map(|f| tsv_field(f)).collect();
        text.push_str(&line.join("\t"));
        text.push('\n');
    }
    text
}

/// A field with its tabs and newlines (and any other control) escaped, so a line stays a record.
fn tsv_field(field: &str) -> String {
    escape_controls(field).replace('\t', "\\t")
}

/// The widest date column before dates are cut; titles are cut at [`TITLE_WIDTH`].
const DATE_WIDTH: usize = 24;
const TITLE_WIDTH: usize = 64;

fn table(chronology: &Chronology, events: &[EventIx]) -> String {
    let rows: Vec<(String, String, String)> = events
        .iter()
        .filter_map(|&ix| chronology.events.get(ix))
        .map(|e| {
            (
                cut(&escape_controls(&e.human_date()), DATE_WIDTH),
                cut(&escape_controls(&e.title), TITLE_WIDTH),
                escape_controls(&e.id).into_owned(),
            )
        })
        .collect();
    let date_width = rows.iter().map(|r| width(&r.0)).max().unwrap_or(0);
    let title_width = rows.iter().map(|r| width(&r.1)).max().unwrap_or(0);
    let mut text = String::new();
    for (date, title, id) in rows {
        text.push_str(&date);
        text.push_str(&" ".repeat(date_width - width(&date) + 2));
        text.push_str(&title);
        text.push_str(&" ".repeat(title_width - width(&title) + 2));
        text.push_str(&id);
        text.push('\n');
    }
    text
}

fn width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `text` cut to at most `max` columns, with `…` where it was cut.
fn cut(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::{cut, width};

    #[test]
    fn cutting_counts_columns_not_chars() {
        assert_eq!(cut("short", 10), "short");
        let wide = cut("日本国憲法の改正", 7);
        assert!(width(&wide) <= 7, "{wide}");
        assert!(wide.ends_with('…'));
    }
}
