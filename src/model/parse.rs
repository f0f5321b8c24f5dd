//! Syntax and structure: from text to the raw file types, with every structural problem reported
//! at its line and column.
//!
//! A valid file is deserialised in one pass. Only when that fails do we go item by item (each list
//! entry re-read from its borrowed slice of the source), so one typo does not hide the next.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::diagnostic::Diagnostic;
use super::document::Document;
use super::locate::LineIndex;
use super::raw::{
    Basis, Object, RawActor, RawActorRef, RawChronology, RawEra, RawEvent, RawEventRef, RawSource,
    RawSourceRef,
};
use super::serde_words::explain;
use super::suggest::closest;

/// The format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// Parses the document, or returns every structural error found.
pub fn parse(src: &str) -> Result<Document<'_>, Vec<Diagnostic>> {
    if src.trim().is_empty() {
        return Err(vec![Diagnostic::error(1, 1, "the file is empty").with_help(
            "a chronology is a JSON object such as {\"quipu\": 1, \"title\": \"My chronology\", \"events\": []}",
        )]);
    }
    match serde_json::from_str::<Object<Document>>(src) {
        Ok(Object(document)) => Ok(document),
        Err(first) => {
            let lines = LineIndex::new(src);
            let mut found = item_by_item(src, &lines);
            if found.is_empty() {
                // The public type's own words, whatever the loader's form of it would say.
                let first = serde_json::from_str::<Object<RawChronology>>(src)
                    .err()
                    .unwrap_or(first);
                found.push(from_serde(&first, &lines, 0));
            }
            Err(found)
        }
    }
}

/// The document's top level with its lists kept as unparsed slices.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Skeleton<'a> {
    #[serde(rename = "$schema", borrow)]
    _schema: Option<&'a RawValue>,
    #[serde(borrow)]
    quipu: Option<&'a RawValue>,
    #[serde(borrow)]
    title: Option<&'a RawValue>,
    #[serde(borrow)]
    description: Option<&'a RawValue>,
    // The lists are read as values, each then as a list on its own, so that one written as
    // something else (`"events": {}`) is reported at its name.
    #[serde(borrow, default)]
    sources: Option<&'a RawValue>,
    #[serde(borrow, default)]
    actors: Option<&'a RawValue>,
    #[serde(borrow, default)]
    eras: Option<&'a RawValue>,
    #[serde(borrow, default)]
    events: Option<&'a RawValue>,
}

/// Just the version, read leniently: a file of another version may use other fields, and its
/// version is then the one thing worth saying.
#[derive(Deserialize)]
struct VersionOnly<'a> {
    #[serde(borrow)]
    quipu: Option<&'a RawValue>,
}

fn item_by_item(src: &str, lines: &LineIndex<'_>) -> Vec<Diagnostic> {
    let base =
        |value: &RawValue| (value.get().as_ptr() as usize).saturating_sub(src.as_ptr() as usize);
    if let Ok(Object(VersionOnly { quipu: Some(value) })) =
        serde_json::from_str::<Object<VersionOnly<'_>>>(src)
        && let Err(diag) = check_version(value, lines, base(value))
    {
        return vec![diag];
    }
    let skeleton = match serde_json::from_str::<Object<Skeleton<'_>>>(src) {
        Ok(Object(skeleton)) => skeleton,
        Err(err) => return vec![from_serde(&err, lines, 0)],
    };
    let mut found = Vec::new();
    let base =
        |value: &RawValue| (value.get().as_ptr() as usize).saturating_sub(src.as_ptr() as usize);

    match skeleton.quipu {
        None => found.push(
            Diagnostic::error(1, 1, "missing field `quipu` (the format version)")
                .with_help("start the file with \"quipu\": 1"),
        ),
        Some(value) => {
            if let Err(diag) = check_version(value, lines, base(value)) {
                found.push(diag);
            }
        }
    }
    match skeleton.title {
        None => found.push(
            Diagnostic::error(1, 1, "missing field `title`")
                .with_help("give the chronology a title: \"title\": \"…\""),
        ),
        Some(value) => check_item::<String>(value, "title", lines, base(value), &mut found),
    }
    if let Some(value) = skeleton.description {
        check_item::<Option<String>>(value, "description", lines, base(value), &mut found);
    }
    let mut list = |value, name| items_of(value, name, lines, &base, &mut found);
    let (sources, actors) = (
        list(skeleton.sources, "sources"),
        list(skeleton.actors, "actors"),
    );
    let (eras, events) = (list(skeleton.eras, "eras"), list(skeleton.events, "events"));
    check_list::<Object<RawSource>>(&sources, "sources", lines, &base, &mut found);
    check_list::<Object<RawActor>>(&actors, "actors", lines, &base, &mut found);
    check_list::<Object<RawEra>>(&eras, "eras", lines, &base, &mut found);
    for (ix, item) in events.iter().enumerate() {
        let path = format!("events[{ix}]");
        if serde_json::from_str::<Object<RawEvent>>(item.get()).is_err() {
            let before = found.len();
            event_fields(item, &path, lines, &base, &mut found);
            if found.len() == before {
                check_item::<Object<RawEvent>>(item, &path, lines, base(item), &mut found);
            }
        }
    }
    found
}

/// The fields of an event that failed to parse, each checked alone, so every problem in it is
/// reported at its own value (`events[3].actors[1]`) rather than only the first, at the event.
fn event_fields(
    item: &RawValue,
    path: &str,
    lines: &LineIndex<'_>,
    base: &dyn Fn(&RawValue) -> usize,
    found: &mut Vec<Diagnostic>,
) {
    const FIELDS: [&str; 11] = [
        "id",
        "date",
        "display_date",
        "title",
        "aliases",
        "summary",
        "basis",
        "actors",
        "consequences",
        "tags",
        "sources",
    ];
    let Ok(fields) = serde_json::from_str::<HashMap<String, &RawValue>>(item.get()) else {
        return;
    };
    let mut fields: Vec<(String, &RawValue)> = fields.into_iter().collect();
    fields.sort_by_key(|(_, value)| base(value));
    // A misspelt required field is reported once, as the unknown field with its suggestion.
    let misspelt: Vec<&str> = fields
        .iter()
        .filter(|(key, _)| !FIELDS.contains(&key.as_str()))
        .filter_map(|(key, _)| closest(key, FIELDS))
        .collect();
    for required in ["id", "date", "title"] {
        if !fields.iter().any(|(key, _)| key == required) && !misspelt.contains(&required) {
            let (line, column) = lines.line_col(base(item));
            found.push(
                Diagnostic::error(line, column, format!("missing field `{required}`"))
                    .at_path(path)
                    .with_help(format!("add \"{required}\": … to this event")),
            );
        }
    }
    for (key, value) in &fields {
        let at = format!("{path}.{key}");
        match key.as_str() {
            "id" | "date" | "title" => check_item::<String>(value, &at, lines, base(value), found),
            "display_date" | "summary" => {
                check_item::<Option<String>>(value, &at, lines, base(value), found)
            }
            "actors" => check_each::<RawActorRef>(value, &at, lines, base, found),
            "consequences" => check_each::<RawEventRef>(value, &at, lines, base, found),
            "tags" | "aliases" => check_each::<String>(value, &at, lines, base, found),
            "basis" => check_item::<Basis>(value, &at, lines, base(value), found),
            "sources" => check_each::<RawSourceRef>(value, &at, lines, base, found),
            unknown => {
                let (line, column) = lines.line_col(base(value));
                let help = match closest(unknown, FIELDS) {
                    Some(near) => format!(
                        "did you mean `{near}`? The fields allowed here are {}",
                        FIELDS.join(", ")
                    ),
                    None => format!("the fields allowed here are {}", FIELDS.join(", ")),
                };
                found.push(
                    Diagnostic::error(line, column, format!("unknown field `{unknown}`"))
                        .at_path(path)
                        .with_help(help),
                );
            }
        }
    }
}

/// Checks each element of a list on its own; a value that is not a list is reported as such.
fn check_each<'a, T: Deserialize<'a>>(
    value: &'a RawValue,
    path: &str,
    lines: &LineIndex<'_>,
    base: &dyn Fn(&RawValue) -> usize,
    found: &mut Vec<Diagnostic>,
) {
    match serde_json::from_str::<Vec<&RawValue>>(value.get()) {
        Ok(items) => {
            for (ix, item) in items.iter().enumerate() {
                check_item::<T>(item, &format!("{path}[{ix}]"), lines, base(item), found);
            }
        }
        Err(err) => found.push(from_serde(&err, lines, base(value)).at_path(path)),
    }
}

fn check_version(value: &RawValue, lines: &LineIndex<'_>, at: usize) -> Result<(), Diagnostic> {
    match serde_json::from_str::<serde_json::Value>(value.get()) {
        Ok(serde_json::Value::Number(n)) if n.as_u64() == Some(u64::from(FORMAT_VERSION)) => Ok(()),
        // A number as the file writes it: serde_json holds one past u64 as a float, and
        // 18446744073709551616 was shown as 1.8446744073709552e+19.
        Ok(serde_json::Value::Number(_)) => Err(version_error(value.get().trim(), lines, at)),
        Ok(other) => Err(version_error(&other.to_string(), lines, at)),
        Err(err) => Err(from_serde(&err, lines, at)),
    }
}

/// The error for a `quipu` value other than 1, shared with the semantic check of parsed files.
pub fn version_error(found: &str, lines: &LineIndex<'_>, at: usize) -> Diagnostic {
    const SHOWN: usize = 40;
    let found = match found.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}…", &found[..cut]),
        None => found.to_owned(),
    };
    let (line, column) = lines.line_col(at);
    Diagnostic::error(line, column, format!("unsupported format version {found}"))
        .at_path("quipu")
        .with_help(format!(
            "this quipu reads format version {FORMAT_VERSION}; write \"quipu\": {FORMAT_VERSION}, or upgrade quipu"
        ))
}

/// The items of a top-level list, or none when it is absent, `null`, or not a list (which is
/// reported at `name`).
fn items_of<'a>(
    value: Option<&'a RawValue>,
    name: &str,
    lines: &LineIndex<'_>,
    base: &dyn Fn(&RawValue) -> usize,
    found: &mut Vec<Diagnostic>,
) -> Vec<&'a RawValue> {
    let Some(value) = value else {
        return Vec::new();
    };
    match serde_json::from_str::<Option<Vec<&RawValue>>>(value.get()) {
        Ok(items) => items.unwrap_or_default(),
        Err(err) => {
            found.push(from_serde(&err, lines, base(value)).at_path(name));
            Vec::new()
        }
    }
}

fn check_list<'a, T: Deserialize<'a>>(
    list: &[&'a RawValue],
    name: &str,
    lines: &LineIndex<'_>,
    base: &dyn Fn(&RawValue) -> usize,
    found: &mut Vec<Diagnostic>,
) {
    for (ix, item) in list.iter().enumerate() {
        check_item::<T>(item, &format!("{name}[{ix}]"), lines, base(item), found);
    }
}

fn check_item<'a, T: Deserialize<'a>>(
    value: &'a RawValue,
    path: &str,
    lines: &LineIndex<'_>,
    at: usize,
    found: &mut Vec<Diagnostic>,
) {
    if let Err(err) = serde_json::from_str::<T>(value.get()) {
        found.push(from_serde(&err, lines, at).at_path(path));
    }
}

/// Turns a serde_json error into a diagnostic. `at` is the byte offset where the parsed slice
/// starts in the file, since serde counts lines and columns from the start of what it was given.
pub fn from_serde(err: &serde_json::Error, lines: &LineIndex<'_>, at: usize) -> Diagnostic {
    let offset = if err.line() <= 1 {
        at + err.column().saturating_sub(1)
    } else {
        let (start_line, _) = lines.line_col(at);
        lines.offset_of(start_line + err.line() - 1, err.column())
    };
    let (line, column) = lines.line_col(offset);
    let text = err.to_string();
    let message = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(message, _)| message);
    let diag = explain(Diagnostic::error(line, column, message), message);
    // A comment is the one slip serde cannot name: it sees a value or a key missing.
    let text = lines.text_from(offset);
    if err.is_syntax() && (text.starts_with("//") || text.starts_with("/*")) {
        return Diagnostic {
            message: "a comment, which JSON does not allow".into(),
            ..diag
        }
        .with_help("remove it, or keep the note in a field such as \"summary\"");
    }
    diag
}
