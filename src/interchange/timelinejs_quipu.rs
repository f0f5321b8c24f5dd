//! What TimelineJS has no place for — an event's basis, its aliases and its causal links — rides
//! along in one `quipu` object on each slide. TimelineJS ignores keys it does not know, so the file
//! still shows as before, and quipu's importer reads the object back: an export round-trips.
//!
//! ```json
//! { "unique_id": "self-coup", …,
//!   "quipu": { "basis": "stated", "aliases": ["autogolpe"],
//!              "consequences": [{ "event": "us-aid", "basis": "inferred", "note": "…" }] } }
//! ```

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::ImportReport;
use super::select::Selection;
use crate::model::raw::{Basis, RawEvent, RawEventRef};
use crate::model::{Chronology, Event};

/// The `quipu` object of a slide. Every part is optional, so a slide written by hand may carry
/// just one of them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SlideExtension {
    #[serde(default, skip_serializing_if = "Basis::is_stated")]
    basis: Basis,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    consequences: Vec<RawEventRef>,
}

/// The object for one event's slide, or `None` when it would say nothing (a stated event with
/// no aliases and no links inside the selection), so plain chronologies export as plain slides.
pub fn export(
    chronology: &Chronology,
    selection: &Selection,
    event: &Event,
) -> Option<serde_json::Value> {
    let extension = SlideExtension {
        basis: event.basis,
        aliases: event.aliases.to_vec(),
        consequences: super::json::raw_consequences(chronology, selection, event),
    };
    if extension == SlideExtension::default() {
        return None;
    }
    serde_json::to_value(extension).ok()
}

/// Copies a slide's `quipu` object into the event made from it. An object quipu cannot read is
/// left out with a note: the rest of the slide is still a good event.
pub fn import(value: Option<&serde_json::Value>, event: &mut RawEvent, report: &mut ImportReport) {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return;
    };
    match SlideExtension::deserialize(value) {
        Ok(extension) => {
            event.basis = extension.basis;
            event.aliases = extension.aliases;
            event.consequences = extension.consequences;
        }
        Err(err) => report.notes.push(format!(
            "ignored the \"quipu\" object of slide `{}`: {err}",
            event.id
        )),
    }
}

/// Drops links to events the import does not hold (a slide left out, or a hand-edited id), so
/// the result still loads; says how many.
pub fn drop_dangling(events: &mut [RawEvent], report: &mut ImportReport) {
    let ids: HashSet<String> = events.iter().map(|e| e.id.clone()).collect();
    let mut dropped = Vec::new();
    for event in events.iter_mut() {
        event.consequences.retain(|link| {
            let keep = ids.contains(link.event());
            if !keep {
                dropped.push(format!("{} → {}", event.id, link.event()));
            }
            keep
        });
    }
    if !dropped.is_empty() {
        report.notes.push(format!(
            "dropped {} link{} to events not in the file: {}",
            dropped.len(),
            crate::text::plural(dropped.len()),
            dropped.join(", ")
        ));
    }
}
