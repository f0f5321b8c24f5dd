//! Normalised quipu JSON: the loaded chronology written back as the raw types define it.
//!
//! Events come out in time order and every reference in object form (`{"actor": "x"}` rather than
//! `"x"`), so two files that mean the same thing print the same, and a second export of an export
//! is byte-identical: diffs show meaning, not style.

use super::select::Selection;
use crate::model::raw::{
    RawActor, RawActorRef, RawActorRole, RawChronology, RawEra, RawEvent, RawEventNote,
    RawEventRef, RawSource, RawSourceLocator, RawSourceRef,
};
use crate::model::{Chronology, EventIx};

/// The format version this module writes.
const FORMAT_VERSION: u32 = 1;

/// The chosen events (in time order) with every actor, era and source of the chronology.
/// Consequences pointing outside the selection are left out so the file stays valid.
pub fn to_raw(chronology: &Chronology, events: &[EventIx]) -> RawChronology {
    let selection = Selection::new(chronology, events);
    RawChronology {
        // The loaded chronology does not keep the editor hint, and a path relative to the old
        // file would be wrong beside the new one.
        schema: None,
        quipu: FORMAT_VERSION,
        title: chronology.title.clone(),
        description: chronology.description.clone(),
        sources: chronology
            .sources
            .iter()
            .map(|s| RawSource {
                id: s.id.clone(),
                title: s.title.clone(),
                url: s.url.clone(),
                note: s.note.clone(),
            })
            .collect(),
        actors: chronology
            .actors
            .iter()
            .map(|a| RawActor {
                id: a.id.clone(),
                name: a.name.clone(),
                kind: a.kind,
                aliases: a.aliases.clone(),
                description: a.description.clone(),
            })
            .collect(),
        eras: chronology
            .eras
            .iter()
            .map(|e| RawEra {
                id: e.id.clone(),
                title: e.title.clone(),
                date: e.date.text.to_string(),
            })
            .collect(),
        events: events
            .iter()
            .filter_map(|&ix| chronology.events.get(ix))
            .map(|e| RawEvent {
                id: e.id.to_string(),
                date: e.date.text.to_string(),
                display_date: e.display_date.clone(),
                title: e.title.clone(),
                aliases: e.aliases.to_vec(),
                summary: (!e.summary.is_empty()).then(|| e.summary.clone()),
                basis: e.basis,
                actors: e
                    .actors
                    .iter()
                    .filter_map(|p| {
                        Some(RawActorRef::Full(RawActorRole {
                            actor: chronology.actors.get(p.actor)?.id.clone(),
                            role: p.role.as_deref().map(str::to_owned),
                        }))
                    })
                    .collect(),
                consequences: raw_consequences(chronology, &selection, e),
                tags: e.tags.iter().map(ToString::to_string).collect(),
                sources: e
                    .sources
                    .iter()
                    .filter_map(|c| {
                        Some(RawSourceRef::Full(RawSourceLocator {
                            source: chronology.sources.get(c.source)?.id.clone(),
                            locator: c.locator.as_deref().map(str::to_owned),
                        }))
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// An event's consequences as the file writes them, with their basis and note; those pointing
/// outside the selection are left out so what is written stays valid. The JSON export and the
/// TimelineJS slides' `quipu` object both write links this way.
pub(super) fn raw_consequences(
    chronology: &Chronology,
    selection: &Selection,
    event: &crate::model::Event,
) -> Vec<RawEventRef> {
    event
        .consequences
        .iter()
        .filter(|link| selection.contains(link.event))
        .filter_map(|link| {
            Some(RawEventRef::Full(RawEventNote {
                event: chronology.events.get(link.event)?.id.to_string(),
                basis: link.basis,
                note: link.note.as_deref().map(str::to_owned),
            }))
        })
        .collect()
}
