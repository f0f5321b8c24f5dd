//! Spreadsheets saved as CSV, in one of two layouts told apart by the header row:
//!
//! - the TimelineJS template (`Year, Month, Day, Time, End Year, ..., Headline, Text, Media, ...,
//!   Type, Group, Background`): rows become TimelineJS slides and go through the same mapping as
//!   TimelineJS JSON, so both imports agree;
//! - quipu's own columns (`id, date, title, summary, actors, consequences, tags`, `;` between
//!   items in a cell), for people who keep a chronology in a spreadsheet from the start.

use std::collections::{HashMap, HashSet};

use super::ids::{IdAllocator, is_plain_id, slug};
use super::timelinejs::{Slide, SlideText, TimelineDate, TimelineEra, TimelineFile, parse_int};
use super::{
    ImportError, ImportOptions, ImportReport, Imported, Origin, briefly, timelinejs_import,
};
use crate::model::EventDate;
use crate::model::locate::LineIndex;
use crate::model::raw::{
    ActorKind, Basis, RawActor, RawActorRef, RawChronology, RawEvent, RawEventRef,
};

/// Separates ids (or tags) inside one cell of the quipu layout.
const ITEM_SEPARATOR: char = ';';

/// Reads a CSV file in either layout.
pub fn import(text: &str, options: &ImportOptions) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(csv_error)?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let columns = Columns::new(&headers);
    let rows = reader
        .records()
        .collect::<Result<Vec<_>, _>>()
        .map_err(csv_error)?;
    let index = LineIndex::new(text);
    let lines: Vec<usize> = (rows.iter().enumerate())
        .map(|(n, row)| row_line(text, &index, row, n))
        .collect();
    let mut imported = if columns.has("year") && columns.has("headline") {
        timelinejs_rows(&columns, &rows, &lines, options)
    } else if columns.has("date") && columns.has("title") {
        quipu_rows(&columns, &rows, &lines, options)
    } else {
        return Err(ImportError::new(format!(
            "the header row ({}) matches no layout quipu knows",
            briefly(&headers, ", ")
        ))
        .with_help(
            "use the TimelineJS spreadsheet template (Year, Month, Day, ..., Headline, Text, ...) or quipu's columns: id,date,title,summary,actors,consequences,tags",
        ));
    };
    if let Some(line) = unclosed_quote(text, &rows, &lines) {
        imported.report.notes.push(format!(
            "line {line}: a quoted cell runs to the end of the file, the rows after it read into it; is its closing \" missing?"
        ));
    }
    Ok(imported)
}

/// The line of a quoted cell never closed. The reader takes the rest of the file into it without
/// a word, so that cell is in the last row, spans lines, and leaves an odd number of quotes
/// from the row's start to the end (quotes pair up otherwise: `"…"` around a cell, `""` in it).
fn unclosed_quote(text: &str, rows: &[csv::StringRecord], lines: &[usize]) -> Option<usize> {
    let row = rows.last()?;
    let byte = usize::try_from(row.position()?.byte()).ok()?;
    let quotes = text.get(byte..)?.bytes().filter(|&b| b == b'"').count();
    let spans_lines = row.iter().any(|cell| cell.contains('\n'));
    (quotes % 2 == 1 && spans_lines).then(|| lines.last().copied())?
}

fn csv_error(e: csv::Error) -> ImportError {
    let line = e
        .position()
        .map_or(1, |p| usize::try_from(p.line()).unwrap_or(1));
    ImportError::new(format!("cannot read the CSV: {e}")).at(line, 1)
}

/// Column positions by lower-case header name.
struct Columns {
    index: HashMap<String, usize>,
    names: Vec<String>,
}

impl Columns {
    fn new(headers: &[String]) -> Self {
        let mut index = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            index.entry(h.clone()).or_insert(i);
        }
        Columns {
            index,
            names: headers.to_vec(),
        }
    }

    fn has(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }

    /// The trimmed cell, `None` when the column is missing or the cell is empty.
    fn get<'r>(&self, row: &'r csv::StringRecord, name: &str) -> Option<&'r str> {
        let cell = row.get(*self.index.get(name)?)?.trim();
        (!cell.is_empty()).then_some(cell)
    }

    /// Columns other than `known`, to tell the user what was ignored.
    fn unknown(&self, known: &[&str]) -> Vec<&str> {
        self.names
            .iter()
            .map(String::as_str)
            .filter(|n| !n.is_empty() && !known.contains(n))
            .collect()
    }
}

const TIMELINEJS_COLUMNS: [&str; 18] = [
    "year",
    "month",
    "day",
    "time",
    "end year",
    "end month",
    "end day",
    "end time",
    "display date",
    "headline",
    "text",
    "media",
    "media credit",
    "media caption",
    "media thumbnail",
    "type",
    "group",
    "background",
];

/// TimelineJS template rows → a TimelineJS file → the shared mapping.
fn timelinejs_rows(
    columns: &Columns,
    rows: &[csv::StringRecord],
    lines: &[usize],
    options: &ImportOptions,
) -> Imported {
    let mut file = TimelineFile {
        events: Some(Vec::new()),
        ..TimelineFile::default()
    };
    let mut bad_numbers = Vec::new();
    let mut slide_lines = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        let line = lines.get(n).copied().unwrap_or(n + 2);
        let mut date = |prefix: &str, time: &str| -> Option<TimelineDate> {
            let mut part = |name: &str| -> Option<i64> {
                let cell = columns.get(row, &format!("{prefix}{name}"))?;
                parse_int(cell).unwrap_or_else(|_| {
                    bad_numbers.push(format!("line {line}: {prefix}{name} {cell:?}"));
                    None
                })
            };
            let mut d = TimelineDate {
                year: part("year"),
                month: part("month"),
                day: part("day"),
                ..TimelineDate::default()
            };
            if let Some(time) = columns.get(row, time) {
                let mut parts = time.split(':').map(|p| p.trim().parse::<i64>().ok());
                // A time that does not parse is still a time the import drops: count it as one.
                d.hour = Some(parts.next().flatten().unwrap_or(1));
                d.minute = parts.next().flatten();
                d.second = parts.next().flatten();
            }
            d.year.is_some().then_some(d)
        };
        let start_date = date("", "time");
        let end_date = date("end ", "end time");
        let text = Some(SlideText {
            headline: columns.get(row, "headline").map(str::to_owned),
            text: columns.get(row, "text").map(str::to_owned),
        });
        let kind = columns.get(row, "type").map(str::to_lowercase);
        match kind.as_deref() {
            Some("era") => file.eras.push(TimelineEra {
                start_date,
                end_date,
                text,
            }),
            _ => {
                let slide = Slide {
                    start_date,
                    end_date,
                    text,
                    media: columns
                        .get(row, "media")
                        .map(|url| serde_json::json!({ "url": url })),
                    background: columns
                        .get(row, "background")
                        .map(|bg| serde_json::json!({ "url": bg })),
                    group: columns.get(row, "group").map(str::to_owned),
                    display_date: columns.get(row, "display date").map(str::to_owned),
                    unique_id: None,
                    quipu: None,
                };
                if kind.as_deref() == Some("title") && file.title.is_none() {
                    file.title = Some(slide);
                } else {
                    file.events.get_or_insert_with(Vec::new).push(slide);
                    slide_lines.push(line);
                }
            }
        }
    }
    let mut imported = timelinejs_import::convert(file, options);
    for origin in &mut imported.origins {
        if let Origin::Slide(ix) = *origin {
            *origin = Origin::Line(slide_lines.get(ix).copied().unwrap_or(1));
        }
    }
    if !bad_numbers.is_empty() {
        imported.report.notes.push(format!(
            "ignored date parts that are not whole numbers: {}",
            briefly(&bad_numbers, "; ")
        ));
    }
    note_unknown_columns(columns, &TIMELINEJS_COLUMNS, &mut imported.report);
    imported
}

const QUIPU_COLUMNS: [&str; 10] = [
    "id",
    "date",
    "display_date",
    "title",
    "summary",
    "actors",
    "consequences",
    "tags",
    "aliases",
    "basis",
];

/// A `basis` cell: empty is stated, as in a quipu file; a word quipu does not know is read as
/// stated too, and said, so a typo does not cost the row.
fn basis_of(cell: Option<&str>, line: usize, unknown: &mut Vec<String>) -> Basis {
    let Some(cell) = cell else {
        return Basis::Stated;
    };
    Basis::ALL
        .into_iter()
        .find(|b| b.as_str().eq_ignore_ascii_case(cell))
        .unwrap_or_else(|| {
            unknown.push(format!("line {line} ({cell:?})"));
            Basis::Stated
        })
}

/// quipu-layout rows → events; every actor named in a cell becomes an actor of kind `other`.
fn quipu_rows(
    columns: &Columns,
    rows: &[csv::StringRecord],
    lines: &[usize],
    options: &ImportOptions,
) -> Imported {
    let mut report = ImportReport::default();
    let mut event_ids = IdAllocator::default();
    // Ids the sheet gives are kept first, so ids made from titles never take them.
    let given: Vec<Option<String>> = rows
        .iter()
        .map(|row| {
            let id = columns.get(row, "id").filter(|id| is_plain_id(id))?;
            event_ids.reserve(id).then(|| id.to_owned())
        })
        .collect();

    let mut events = Vec::new();
    let mut origins = Vec::new();
    let mut cells = Vec::new();
    let mut skipped = Vec::new();
    let mut undatable = Vec::new();
    let mut unknown_basis = Vec::new();
    for (n, (row, given)) in rows.iter().zip(given).enumerate() {
        let line = lines.get(n).copied().unwrap_or(n + 2);
        let (Some(date), Some(title)) = (columns.get(row, "date"), columns.get(row, "title"))
        else {
            if row.iter().any(|c| !c.trim().is_empty()) {
                skipped.push(line.to_string());
            }
            continue;
        };
        // A row quipu cannot date would make the whole file fail to load; leave it out and say so.
        if EventDate::parse(date).is_err() {
            undatable.push(format!("line {line} ({date:?})"));
            continue;
        }
        let id = given.unwrap_or_else(|| {
            let base = columns.get(row, "id").unwrap_or(title);
            event_ids.fresh(base, "event")
        });
        events.push(RawEvent {
            id,
            date: date.to_owned(),
            display_date: columns.get(row, "display_date").map(str::to_owned),
            title: title.to_owned(),
            summary: columns.get(row, "summary").map(str::to_owned),
            tags: items(columns.get(row, "tags")).map(str::to_owned).collect(),
            aliases: items(columns.get(row, "aliases"))
                .map(str::to_owned)
                .collect(),
            basis: basis_of(columns.get(row, "basis"), line, &mut unknown_basis),
            ..RawEvent::default()
        });
        origins.push(Origin::Line(line));
        cells.push((
            line,
            columns.get(row, "actors"),
            columns.get(row, "consequences"),
        ));
    }
    if !skipped.is_empty() {
        report.notes.push(format!(
            "skipped rows without a date or a title: line {}",
            briefly(&skipped, ", ")
        ));
    }

    if !unknown_basis.is_empty() {
        report.notes.push(format!(
            "read as stated, the basis being none of stated, implied, inferred: {}",
            briefly(&unknown_basis, ", ")
        ));
    }

    if !undatable.is_empty() {
        report.notes.push(format!(
            "skipped rows whose date is not EDTF (write 1992-04-05, 1992-04, 1992 or 1968/1975): {}",
            briefly(&undatable, ", ")
        ));
    }

    let mut actors = Actors::default();
    let known: HashSet<String> = events.iter().map(|e| e.id.clone()).collect();
    let mut dangling = Vec::new();
    for (event, (line, actor_cell, consequence_cell)) in events.iter_mut().zip(cells) {
        // A set, not a search of the event's actors per name: a cell may name thousands.
        let mut taking_part = HashSet::new();
        for name in items(actor_cell) {
            if let Some(id) = actors.id_for(name)
                && taking_part.insert(id.clone())
            {
                event.actors.push(RawActorRef::Id(id));
            }
        }
        for target in items(consequence_cell) {
            let id = if known.contains(target) {
                Some(target.to_owned())
            } else {
                slug(target).filter(|s| known.contains(s))
            };
            match id {
                Some(id) if id != event.id => event.consequences.push(RawEventRef::Id(id)),
                _ => dangling.push(format!("line {line}: {target}")),
            }
        }
    }
    if !dangling.is_empty() {
        report.notes.push(format!(
            "dropped consequences naming no event in the file: {}",
            briefly(&dangling, ", ")
        ));
    }
    note_unknown_columns(columns, &QUIPU_COLUMNS, &mut report);

    let actors = actors.list;
    report.events = events.len();
    report.actors = actors.len();
    Imported {
        raw: RawChronology {
            quipu: 1,
            title: options
                .fallback_title
                .clone()
                .unwrap_or_else(|| "Untitled".to_owned()),
            actors,
            events,
            ..RawChronology::default()
        },
        report,
        origins,
    }
}

/// The line a row starts on (a quoted cell may span lines). Found from the row's byte offset,
/// past any line ends there: the reader's own line count is one short after a CRLF. Row 1 is
/// the header, so without a position the `n`th data row is taken to be on line `n + 2`.
fn row_line(text: &str, index: &LineIndex<'_>, row: &csv::StringRecord, n: usize) -> usize {
    let Some(byte) = row.position().and_then(|p| usize::try_from(p.byte()).ok()) else {
        return n + 2;
    };
    let rest = text.as_bytes().get(byte..).unwrap_or_default();
    let blank = rest
        .iter()
        .take_while(|&&b| b == b'\r' || b == b'\n')
        .count();
    index.line_col(byte + blank).0
}

/// The `;`-separated items of a cell, trimmed, without empty ones.
fn items(cell: Option<&str>) -> impl Iterator<Item = &str> {
    cell.unwrap_or_default()
        .split(ITEM_SEPARATOR)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Actors met in `actors` cells, created as written: the id as given (or its slug when it is not
/// an id, with the text kept as the name).
#[derive(Default)]
struct Actors {
    by_text: HashMap<String, String>,
    ids: IdAllocator,
    list: Vec<RawActor>,
}

impl Actors {
    fn id_for(&mut self, text: &str) -> Option<String> {
        if let Some(id) = self.by_text.get(text) {
            return Some(id.clone());
        }
        let id = if is_plain_id(text) {
            self.ids.unique(text)
        } else {
            self.ids.unique(&slug(text)?)
        };
        self.list.push(RawActor {
            id: id.clone(),
            name: text.to_owned(),
            kind: ActorKind::Other,
            ..RawActor::default()
        });
        self.by_text.insert(text.to_owned(), id.clone());
        Some(id)
    }
}

fn note_unknown_columns(columns: &Columns, known: &[&str], report: &mut ImportReport) {
    let unknown = columns.unknown(known);
    if !unknown.is_empty() {
        report
            .notes
            .push(format!("ignored columns: {}", briefly(&unknown, ", ")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Imported {
        import(text, &ImportOptions::default()).unwrap()
    }

    #[test]
    fn quipu_layout_links_events_and_creates_actors() {
        let imported = run("id,date,title,summary,actors,consequences,tags\n\
             coup,1992-04-05,Self-coup,Congress closed,fujimori; army,us-aid;oas,crisis\n\
             us-aid,1992-04,Aid suspended,,usa,,\n\
             ,1992-05-18,OAS meeting,,Alberto Fujimori,,\n");
        let raw = &imported.raw;
        let ids: Vec<&str> = raw.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["coup", "us-aid", "oas-meeting"]);
        assert_eq!(
            raw.events[0].consequences,
            [RawEventRef::Id("us-aid".into())]
        );
        assert_eq!(
            raw.events[0].actors,
            [
                RawActorRef::Id("fujimori".into()),
                RawActorRef::Id("army".into())
            ]
        );
        assert_eq!(raw.events[0].tags, ["crisis"]);
        assert_eq!(raw.events[1].summary, None);
        let actors: Vec<(&str, &str)> = raw
            .actors
            .iter()
            .map(|a| (a.id.as_str(), a.name.as_str()))
            .collect();
        assert_eq!(
            actors,
            [
                ("fujimori", "fujimori"),
                ("army", "army"),
                ("usa", "usa"),
                ("alberto-fujimori", "Alberto Fujimori")
            ]
        );
        assert!(raw.actors.iter().all(|a| a.kind == ActorKind::Other));
        // `oas` names no event: dropped, and said.
        assert!(
            imported.report.render().contains("line 2: oas"),
            "{}",
            imported.report.render()
        );
    }

    /// A sheet says what each event rests on and what else it is called, as a quipu file does.
    #[test]
    fn quipu_layout_reads_basis_and_aliases() {
        let imported = run("id,date,title,basis,aliases\n\
             coup,1992-04-05,Self-coup,Inferred,autogolpe;Fujigolpe\n\
             aid,1992-04,Aid suspended,,\n\
             oas,1992-05,OAS meets,guessed,\n");
        let raw = &imported.raw;
        let basis: Vec<Basis> = raw.events.iter().map(|e| e.basis).collect();
        assert_eq!(basis, [Basis::Inferred, Basis::Stated, Basis::Stated]);
        assert_eq!(raw.events[0].aliases, ["autogolpe", "Fujigolpe"]);
        assert!(raw.events[1].aliases.is_empty());
        let report = imported.report.render();
        assert!(report.contains("line 4 (\"guessed\")"), "{report}");
    }

    #[test]
    fn rows_with_dates_quipu_cannot_read_are_skipped_and_said() {
        let imported = run("date,title\nApril 1992,Prose date\n1992-04,Fine\n");
        assert_eq!(imported.raw.events.len(), 1);
        assert!(
            imported.report.render().contains("line 2 (\"April 1992\")"),
            "{}",
            imported.report.render()
        );
    }

    #[test]
    fn quipu_layout_columns_can_come_in_any_order() {
        let imported = run("Title,Date\nTreaty,1998-10-26\n");
        assert_eq!(imported.raw.events[0].id, "treaty");
        assert_eq!(imported.raw.events[0].date, "1998-10-26");
    }

    #[test]
    fn rows_without_a_date_are_skipped_and_said() {
        let imported = run("date,title\n,No date\n1990,Fine\n,,\n");
        assert_eq!(imported.raw.events.len(), 1);
        assert!(imported.report.render().contains("line 2"));
        assert!(!imported.report.render().contains("line 4"));
    }

    #[test]
    fn timelinejs_template_rows_become_slides() {
        let imported = run(
            "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n\
             ,,,,,,,,,Women in Computing,<p>Intro</p>,,,,,title,,https://x/bg.gif\n\
             1815,12,10,,1852,11,27,,,Ada Lovelace,<p>Text</p>,https://x/a.jpg,,,,,Pioneers,\n\
             1943,7,,10:30,1946,,,,,ENIAC,,,,,,,,\n\
             1940,,,,1950,,,,,The forties,,,,,,era,,\n",
        );
        let raw = &imported.raw;
        assert_eq!(raw.title, "Women in Computing");
        assert_eq!(raw.description.as_deref(), Some("Intro"));
        let dates: Vec<&str> = raw.events.iter().map(|e| e.date.as_str()).collect();
        assert_eq!(dates, ["1815-12-10/1852-11-27", "1943-07/1946"]);
        assert_eq!(raw.events[0].tags, ["Pioneers"]);
        assert_eq!(raw.eras.len(), 1);
        assert_eq!(raw.eras[0].date, "1940/1950");
        assert_eq!(imported.report.media_dropped, 1);
        assert_eq!(imported.report.backgrounds_dropped, 1);
        assert_eq!(imported.report.times_dropped, 1);
    }

    #[test]
    fn unknown_headers_are_refused_with_help() {
        let err = import("when,what\n1990,x\n", &ImportOptions::default()).unwrap_err();
        assert!(err.message.contains("when, what"), "{err}");
        assert!(err.help.is_some());
    }

    #[test]
    fn empty_input_is_an_error_not_a_panic() {
        assert!(import("", &ImportOptions::default()).is_err());
    }
}
