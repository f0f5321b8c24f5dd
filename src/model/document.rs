//! The parsed file as the loader holds it between parsing and building: [`RawChronology`]'s
//! fields, with every string borrowed from the file's text (see [`parsed`](super::parsed)) and
//! the events in fixed-size chunks instead of one array.
//!
//! At a million events one array of [`RawEvent`]s is about 250 MB. Parsed into a `Vec`, it grows
//! by doubling, so the last step holds the old and the new buffer at once and copies 130 MB. In
//! chunks nothing is copied, and building frees each chunk once its events are converted.
//! (That last part did not lower the measured peak: the chronology's own array is allocated
//! whole before the first event is converted, and the freed chunks are not what it reuses; see
//! docs/PERFORMANCE.md, Loading.) The public [`RawChronology`] (importers, exporters) keeps its
//! plain `Vec`.
//!
//! [`RawChronology`]: super::raw::RawChronology

use std::ops::Index;

use serde::Deserialize;

use super::events::Events;
use super::parsed::{Actor, Era, Source, Str};
use super::raw::Object;

/// Events per chunk: 16,384 events of 168 bytes, 3 MB: small beside the whole list, large
/// enough that indexing and iterating cost nothing measurable.
const CHUNK: usize = 1 << 14;

/// [`RawChronology`](super::raw::RawChronology) as loading reads it; the same fields, names and order, so serde's messages
/// (unknown field, missing field) are those of the public type.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Document<'a> {
    /// For editors; any value passes, and the chronology does not keep it.
    #[serde(rename = "$schema", default)]
    _schema: Option<serde::de::IgnoredAny>,
    pub quipu: u32,
    #[serde(borrow)]
    pub title: Str<'a>,
    #[serde(default, borrow)]
    pub description: Option<Str<'a>>,
    #[serde(default, borrow, deserialize_with = "super::raw::objects")]
    pub sources: Vec<Source<'a>>,
    #[serde(default, borrow, deserialize_with = "super::raw::objects")]
    pub actors: Vec<Actor<'a>>,
    #[serde(default, borrow, deserialize_with = "super::raw::objects")]
    pub eras: Vec<Era<'a>>,
    #[serde(default, borrow)]
    pub events: Events<'a>,
}

/// A list kept as chunks of [`CHUNK`] items: indexable and iterable like a slice, and consumed
/// chunk by chunk.
pub(crate) struct Chunks<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Chunks<T> {
    fn default() -> Self {
        Chunks {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Chunks<T> {
    #[cfg(test)]
    fn from_vec(items: Vec<T>) -> Chunks<T> {
        let mut chunks = Chunks::default();
        items.into_iter().for_each(|item| chunks.push(item));
        chunks
    }

    pub(crate) fn push(&mut self, item: T) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < CHUNK => last.push(item),
            _ => {
                let mut chunk = Vec::with_capacity(CHUNK);
                chunk.push(item);
                self.chunks.push(chunk);
            }
        }
        self.len += 1;
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Chunks of items made elsewhere, every one but the last holding [`CHUNK`] (as the chunks
    /// of another list do, which is what they are made from: see [`Chunks::slices`]).
    pub(crate) fn from_chunks(chunks: Vec<Vec<T>>) -> Chunks<T> {
        debug_assert!(
            chunks
                .iter()
                .rev()
                .skip(1)
                .all(|chunk| chunk.len() == CHUNK),
            "a chunk short of CHUNK before the last"
        );
        let len = chunks.iter().map(Vec::len).sum();
        Chunks { chunks, len }
    }

    /// The chunks as slices, each with the position of its first item: work on a long list
    /// split over threads.
    pub(crate) fn slices(&self) -> impl Iterator<Item = (usize, &[T])> {
        self.chunks
            .iter()
            .enumerate()
            .map(|(n, chunk)| (n * CHUNK, chunk.as_slice()))
    }

    pub(crate) fn get(&self, ix: usize) -> Option<&T> {
        self.chunks.get(ix / CHUNK)?.get(ix % CHUNK)
    }

    /// The items in order, saying how many are left: a map or list sized from the iterator (the
    /// id maps of validation) is then allocated once, not grown by doubling to a million.
    pub(crate) fn iter(&self) -> Iter<'_, T> {
        Iter {
            items: self.chunks.iter().flatten(),
            left: self.len,
        }
    }

    /// The chunks in order, each to be consumed (and so freed) before the next is taken.
    pub(crate) fn into_chunks(self) -> impl Iterator<Item = Vec<T>> {
        self.chunks.into_iter()
    }
}

impl<T> Index<usize> for Chunks<T> {
    type Output = T;

    fn index(&self, ix: usize) -> &T {
        &self.chunks[ix / CHUNK][ix % CHUNK]
    }
}

/// [`Chunks::iter`].
pub(crate) struct Iter<'a, T> {
    items: std::iter::Flatten<std::slice::Iter<'a, Vec<T>>>,
    left: usize,
}

impl<'a, T> Iterator for Iter<'a, T> {
    type Item = &'a T;

    fn next(&mut self) -> Option<&'a T> {
        let item = self.items.next()?;
        self.left -= 1;
        Some(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl<T> ExactSizeIterator for Iter<'_, T> {}

impl<'a, T> IntoIterator for &'a Chunks<T> {
    type Item = &'a T;
    type IntoIter = Iter<'a, T>;

    fn into_iter(self) -> Iter<'a, T> {
        self.iter()
    }
}

/// A JSON list of objects (see [`Object`]), read straight into chunks.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Chunks<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = Chunks<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Chunks<T>, A::Error> {
                let mut chunks = Chunks::default();
                while let Some(Object(item)) = seq.next_element::<Object<T>>()? {
                    chunks.push(item);
                }
                Ok(chunks)
            }
        }
        deserializer.deserialize_seq(Visitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::raw::{Basis, RawChronology};

    #[test]
    fn chunks_index_and_iterate_like_the_list_they_hold() {
        let items: Vec<usize> = (0..CHUNK * 2 + 5).collect();
        let chunks = Chunks::from_vec(items.clone());
        assert_eq!(chunks.len(), items.len());
        assert!(chunks.iter().copied().eq(items.iter().copied()));
        for ix in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 4] {
            assert_eq!(chunks[ix], ix);
        }
        assert_eq!(chunks.get(2 * CHUNK + 4), Some(&(2 * CHUNK + 4)));
        assert_eq!(chunks.get(2 * CHUNK + 5), None);
        let starts: Vec<usize> = chunks.slices().map(|(start, _)| start).collect();
        assert_eq!(starts, [0, CHUNK, 2 * CHUNK]);
        let doubled: Vec<Vec<usize>> = chunks
            .slices()
            .map(|(_, slice)| slice.iter().map(|n| n * 2).collect())
            .collect();
        let doubled = Chunks::from_chunks(doubled);
        assert_eq!(doubled.len(), items.len());
        assert_eq!(doubled[CHUNK + 1], 2 * (CHUNK + 1));
        let sizes: Vec<usize> = chunks.into_chunks().map(|c| c.len()).collect();
        assert_eq!(sizes, [CHUNK, CHUNK, 5]);
    }

    /// Validation sizes its id maps from this; a chunked `flatten` alone says 0 at the start.
    #[test]
    fn chunks_tell_how_many_items_are_left() {
        let chunks = Chunks::from_vec((0..CHUNK * 2 + 5).collect::<Vec<_>>());
        let mut items = chunks.iter();
        assert_eq!(items.len(), CHUNK * 2 + 5);
        items.nth(CHUNK).unwrap();
        assert_eq!(items.size_hint(), (CHUNK + 4, Some(CHUNK + 4)));
        assert_eq!(items.count(), CHUNK + 4);
    }

    fn document(src: &str) -> Result<Document<'_>, serde_json::Error> {
        serde_json::from_str::<Object<Document>>(src).map(|Object(document)| document)
    }

    /// Two events, so each one's part of the flat lists is its own.
    #[test]
    fn a_document_reads_what_the_public_type_reads() {
        let src = r#"{"quipu": 1, "title": "t\u00e9", "actors": [{"id": "x", "name": "X"}],
            "events": [{"id": "a", "date": "1990", "title": "A\nB", "tags": ["t"],
            "actors": ["x", {"actor": "x", "role": "r"}], "aliases": ["aa"],
            "consequences": ["b", {"event": "b", "basis": "inferred", "note": "n"}],
            "sources": [{"source": "s", "locator": "p. 2"}, "s"]},
            {"id": "b", "date": "1991", "title": "B", "actors": ["y"], "tags": ["u", "v"],
            "consequences": [{"event": "a"}], "sources": ["s"], "summary": "S"}]}"#;
        let document = document(src).unwrap();
        let raw: RawChronology = serde_json::from_str(src).unwrap();
        assert_eq!(document.title.as_str(), raw.title);
        assert_eq!(document.events.len(), raw.events.len());
        let events = &document.events;
        for (ours, theirs) in events.iter().zip(&raw.events) {
            assert_eq!(ours.id.as_str(), theirs.id);
            assert_eq!(ours.title.as_str(), theirs.title);
            assert_eq!(ours.summary.as_deref(), theirs.summary.as_deref());
            let texts = |list: &[Str]| list.iter().map(|t| t.to_string()).collect::<Vec<_>>();
            assert_eq!(texts(events.tags_of(ours)), theirs.tags);
            assert_eq!(texts(events.aliases_of(ours)), theirs.aliases);
            let actors: Vec<(&str, Option<&str>)> = events
                .actors_of(ours)
                .iter()
                .map(|r| (r.actor(), r.role()))
                .collect();
            let public: Vec<(&str, Option<&str>)> = theirs
                .actors
                .iter()
                .map(|r| (r.actor(), r.role()))
                .collect();
            assert_eq!(actors, public);
            let links: Vec<(&str, Basis, Option<&str>)> = events
                .consequences_of(ours)
                .iter()
                .map(|r| (r.event(), r.basis(), r.note()))
                .collect();
            let public: Vec<(&str, Basis, Option<&str>)> = theirs
                .consequences
                .iter()
                .map(|r| (r.event(), r.basis(), r.note()))
                .collect();
            assert_eq!(links, public);
            let sources: Vec<(&str, Option<&str>)> = events
                .sources_of(ours)
                .iter()
                .map(|r| (r.source(), r.locator()))
                .collect();
            let public: Vec<(&str, Option<&str>)> = theirs
                .sources
                .iter()
                .map(|r| (r.source(), r.locator()))
                .collect();
            assert_eq!(sources, public);
        }
    }

    /// Strings without escapes point into the text (no allocation); escaped ones are unescaped.
    #[test]
    fn strings_borrow_from_the_text_unless_escaped() {
        let src = r#"{"quipu": 1, "title": "caf\u00e9", "events": [
            {"id": "a", "date": "1990", "title": "A", "actors": ["x", {"actor": "y\"z"}]}]}"#;
        let document = document(src).unwrap();
        let within = |text: &str| src.as_bytes().as_ptr_range().contains(&text.as_ptr());
        assert_eq!(document.title.as_str(), "café");
        assert!(!within(&document.title));
        let event = &document.events[0];
        assert!(within(&event.id) && within(&event.date) && within(&event.title));
        let actors = document.events.actors_of(event);
        assert!(within(actors[0].actor()));
        assert_eq!(actors[1].actor(), "y\"z");
        assert!(!within(actors[1].actor()));
    }

    /// The borrowed form takes a file exactly when the public type does: every field name,
    /// default, shape and refusal (unknown, duplicate, missing fields; arrays for objects).
    #[test]
    fn a_document_accepts_and_refuses_what_the_public_type_does() {
        let events = [
            r#"{"id": "a", "date": "1990", "title": "A"}"#,
            r#"{"id": "a", "date": "1990", "title": "A", "display_date": "then", "summary": "s",
                "aliases": ["b"], "basis": "implied", "tags": [], "sources": ["s"]}"#,
            r#"{"id": "a", "date": "1990", "title": "A", "display_date": null, "summary": null}"#,
            r#"{"id": "a", "date": "1990"}"#,
            r#"{"id": "a", "date": "1990", "title": "A", "titel": "B"}"#,
            r#"{"id": "a", "id": "b", "date": "1990", "title": "A"}"#,
            r#"["a", "1990", "A"]"#,
            r#"{"id": 1, "date": "1990", "title": "A"}"#,
            r#"{"id": "a", "date": "1990", "title": "A", "actors": [{"actor": "x", "rol": "r"}]}"#,
            r#"{"id": "a", "date": "1990", "title": "A", "actors": [{"role": "r"}]}"#,
            r#"{"id": "a", "date": "1990", "title": "A", "actors": [["x"]]}"#,
            r#"{"id": "a", "date": "1990", "title": "A", "actors": [3]}"#,
            r#"{"id": "a", "date": "1990", "title": "A", "actors": "x"}"#,
            r#"{"id": "a", "date": "1990", "title": "A", "consequences": [{"event": "b", "basis": "guessed"}]}"#,
            r#"{"id": "a", "date": "1990", "title": "A", "sources": [{"source": "s", "page": 2}]}"#,
            r#"{"id": "a", "date": "1990", "title": "A", "tags": [null]}"#,
            r#"{"id": "a", "date": "1990", "title": "A", "aliases": null}"#,
        ];
        let tops = [
            r#"{"quipu": 1, "title": "t", "events": [EVENT]}"#,
            r#"{"$schema": 3, "quipu": 1, "title": "t", "description": "d", "events": [EVENT]}"#,
            r#"{"quipu": 1, "title": "t", "actors": [{"id": "x", "name": "X", "kind": "state", "aliases": ["y"]}], "events": [EVENT]}"#,
            r#"{"quipu": 1, "title": "t", "actors": [{"id": "x", "name": "X", "kind": "nation"}], "events": [EVENT]}"#,
            r#"{"quipu": 1, "title": "t", "eras": [{"id": "e", "title": "E", "date": "1990/1991"}], "events": [EVENT]}"#,
            r#"{"quipu": 1, "title": "t", "eras": [{"id": "e", "title": "E"}], "events": [EVENT]}"#,
            r#"{"quipu": 1, "title": "t", "sources": [{"id": "s", "title": "S", "url": "u", "note": "n"}], "events": [EVENT]}"#,
            r#"{"quipu": 1, "title": "t", "sources": [{"id": "s"}], "events": [EVENT]}"#,
            r#"{"quipu": 1, "events": [EVENT]}"#,
            r#"{"quipu": 1, "title": "t", "extra": 1, "events": [EVENT]}"#,
            r#"{"quipu": 1, "title": "t", "events": {"a": EVENT}}"#,
        ];
        for top in tops {
            for event in events {
                let src = top.replace("EVENT", event);
                let public = serde_json::from_str::<Object<RawChronology>>(&src).is_ok();
                assert_eq!(document(&src).is_ok(), public, "{src}");
            }
        }
    }
}
