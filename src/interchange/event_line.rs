//! Where an event opens in its file as the file is on disk now, for `E`: the line of the `{` of
//! its object in quipu JSON (found by id), of its slide in TimelineJS, of its row in CSV.
//!
//! Found when asked, never kept from the load: the reader may have edited the file since, and
//! a position per event would cost memory at a million events for a key pressed now and then.
//! The caller runs this off the UI thread: it reads and scans the whole file (one pass of
//! serde_json for quipu JSON, the import for the others). At 100,000 events (65 MB) the editor
//! opened 0.55–0.7 s after `E` in a release build, on a machine busy with other builds; a million
//! events take about ten times that, during which the explorer stays responsive and the file's
//! text is held in memory a second time.

use std::borrow::Cow;
use std::path::Path;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::detect::fallback_title;
use super::{FileKind, ImportOptions, Origin, detect, import};
use crate::model::input::read_source;
use crate::model::locate::{Locator, Step, line_of};

/// The 1-based line where the event `id` opens in the file at `path`, `Ok(None)` when the file
/// no longer has it, or why the file could not be read.
pub fn event_line_in_file(path: &Path, id: &str) -> Result<Option<usize>, String> {
    let source = read_source(path).map_err(|e| e.to_string())?;
    Ok(event_line(path, &source.text, id))
}

/// [`event_line_in_file`] on text already read; `path` tells the format as the loader does.
pub fn event_line(path: &Path, text: &str, id: &str) -> Option<usize> {
    let kind = detect(path, text);
    let offset = match kind.import_format() {
        None => quipu_event(text, id).or_else(|| id_key_anywhere(text, id))?,
        Some(format) => {
            let options = ImportOptions {
                fallback_title: fallback_title(path),
                ..ImportOptions::default()
            };
            let imported = import(text, format, &options).ok()?;
            let at = imported.raw.events.iter().position(|e| e.id == id)?;
            match imported.origins.get(at)? {
                Origin::Line(line) => return Some(*line),
                Origin::Slide(slide) => {
                    debug_assert_eq!(kind, FileKind::TimelineJs);
                    Locator::new(text).offset(&[Step::Key("events"), Step::Index(*slide)])
                }
            }
        }
    };
    Some(line_of(text, offset))
}

/// The top level's `events`, each left unparsed; every other member is skipped.
#[derive(Deserialize)]
struct Events<'a> {
    #[serde(borrow, default)]
    events: Vec<&'a RawValue>,
}

/// Just an event's id; the rest of the object is skipped.
#[derive(Deserialize)]
struct IdOnly<'a> {
    #[serde(borrow)]
    id: Option<Cow<'a, str>>,
}

/// Byte offset of the `{` of the event whose id is `id`, in a document that parses as JSON.
///
/// Only events whose text holds the id as JSON writes it are parsed for their id, so the file
/// is parsed about once, not twice; an id written with escapes (`"caf\u00e9"`) is found by the
/// second look, which parses every event.
fn quipu_event(text: &str, id: &str) -> Option<usize> {
    let top: Events = serde_json::from_str(text).ok()?;
    let is_it = |raw: &RawValue| {
        serde_json::from_str::<IdOnly>(raw.get()).is_ok_and(|e| e.id.as_deref() == Some(id))
    };
    let written = serde_json::to_string(id).ok()?;
    let holds = memchr::memmem::Finder::new(written.as_bytes());
    let event = top
        .events
        .iter()
        .find(|raw| holds.find(raw.get().as_bytes()).is_some() && is_it(raw))
        .or_else(|| top.events.iter().find(|raw| is_it(raw)))?;
    Some((event.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize))
}

/// For a file that is not valid JSON right now (half-way through an edit): the first
/// `"id": "<id>"` anywhere, as JSON would write it. Not the object's `{`, which only a parse can
/// tell, but the event's own line, which is what the reader wants.
fn id_key_anywhere(text: &str, id: &str) -> Option<usize> {
    let needle = serde_json::to_string(id).ok()?;
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, needle.as_bytes()).find_map(|at| {
        let before = text[..at].trim_end().strip_suffix(':')?.trim_end();
        before.strip_suffix("\"id\"").map(|key| key.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUIPU: &str = r#"{
  "quipu": 1,
  "title": "T",
  "actors": [{ "id": "b", "name": "B" }],
  "events": [
    {
      "id": "a", "date": "1990", "title": "A"
    },
    { "title": "B", "date": "1991",
      "id": "b" }
  ]
}
"#;

    #[test]
    fn a_quipu_event_is_found_at_the_brace_that_opens_it() {
        let path = Path::new("x.json");
        assert_eq!(event_line(path, QUIPU, "a"), Some(6));
        // Its id may come last, and an actor of the same id is no event.
        assert_eq!(event_line(path, QUIPU, "b"), Some(9));
        assert_eq!(event_line(path, QUIPU, "gone"), None);
    }

    #[test]
    fn an_escaped_id_is_read_as_json_reads_it() {
        let text = "{\"quipu\": 1,\n\"events\": [\n{\"id\": \"caf\\u00e9\"}]}";
        assert_eq!(event_line(Path::new("x.json"), text, "café"), Some(3));
    }

    #[test]
    fn a_broken_file_still_finds_the_events_id() {
        let broken = QUIPU.replace("\"title\": \"A\"", "\"title\": \"A\",,");
        assert_eq!(event_line(Path::new("x.json"), &broken, "a"), Some(7));
    }

    #[test]
    fn a_csv_event_is_its_row() {
        let text =
            "id,date,title\nfirst,1990,One\n\"second\",1991,\"Two\nlines\"\nthird,1992,Three\n";
        let path = Path::new("x.csv");
        assert_eq!(event_line(path, text, "first"), Some(2));
        assert_eq!(event_line(path, text, "second"), Some(3));
        assert_eq!(event_line(path, text, "third"), Some(5));
    }

    #[test]
    fn a_timelinejs_event_is_its_slide() {
        let text = r#"{"events": [
  {"start_date": {"year": "1990"}, "text": {"headline": "One"}},

  {"start_date": {"year": "1991"},
   "text": {"headline": "Two"}, "unique_id": "two"}
]}"#;
        let path = Path::new("x.json");
        assert_eq!(event_line(path, text, "two"), Some(4));
    }
}
