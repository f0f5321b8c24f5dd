//! The parsed file as the loader holds it between parsing and building: [`RawChronology`]'s
//! fields, with the events in fixed-size chunks instead of one array.
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

use super::raw::{Object, RawActor, RawEra, RawEvent, RawSource};

/// Events per chunk: 16,384 events of 248 bytes, 4 MB: small beside the whole list, large
/// enough that indexing and iterating cost nothing measurable.
const CHUNK: usize = 1 << 14;

/// [`RawChronology`](super::raw::RawChronology) as loading reads it; the same fields, names and order, so serde's messages
/// (unknown field, missing field) are those of the public type.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Document {
    /// For editors; any value passes, and the chronology does not keep it.
    #[serde(rename = "$schema", default)]
    _schema: Option<serde::de::IgnoredAny>,
    pub quipu: u32,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "super::raw::objects")]
    pub sources: Vec<RawSource>,
    #[serde(default, deserialize_with = "super::raw::objects")]
    pub actors: Vec<RawActor>,
    #[serde(default, deserialize_with = "super::raw::objects")]
    pub eras: Vec<RawEra>,
    #[serde(default)]
    pub events: Chunks<RawEvent>,
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

    fn push(&mut self, item: T) {
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

    pub(crate) fn iter(&self) -> impl Iterator<Item = &T> {
        self.chunks.iter().flatten()
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

impl<'a, T> IntoIterator for &'a Chunks<T> {
    type Item = &'a T;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Vec<T>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.chunks.iter().flatten()
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
    use crate::model::raw::RawChronology;

    #[test]
    fn chunks_index_and_iterate_like_the_list_they_hold() {
        let items: Vec<usize> = (0..CHUNK * 2 + 5).collect();
        let chunks = Chunks::from_vec(items.clone());
        assert_eq!(chunks.len(), items.len());
        assert!(chunks.iter().copied().eq(items.iter().copied()));
        for ix in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 4] {
            assert_eq!(chunks[ix], ix);
        }
        let sizes: Vec<usize> = chunks.into_chunks().map(|c| c.len()).collect();
        assert_eq!(sizes, [CHUNK, CHUNK, 5]);
    }

    #[test]
    fn a_document_reads_what_the_public_type_reads() {
        let src =
            r#"{"quipu": 1, "title": "t", "events": [{"id": "a", "date": "1990", "title": "A"}]}"#;
        let document: Document = serde_json::from_str::<Object<Document>>(src).unwrap().0;
        let raw: RawChronology = serde_json::from_str(src).unwrap();
        assert_eq!(document.events.len(), raw.events.len());
        assert_eq!(document.events[0], raw.events[0]);
        assert_eq!(document.title, raw.title);
    }
}
