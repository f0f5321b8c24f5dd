//! Synthetic chronologies of any size, for benchmarks, fuzzing seeds and tests of scale.
//!
//! The output must stay valid at every size — the benches measure loading, not error reporting — so
//! the generator upholds what validation checks: unique ids, every reference defined, every event
//! with an actor, and consequences that never start before their cause (hence no causal cycle).
//! It is deterministic: the same [`Spec`] gives the same bytes on every machine, so a slow case can
//! be reproduced from its three numbers. No `rand` crate: a SplitMix64 stream per item is enough,
//! and lets any item be regenerated on its own while streaming.

#![forbid(unsafe_code)]

mod actors;
mod dates;
mod names;

use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

use actors::make_actor;
use dates::{PlannedDate, display_date, plan_date, plan_links};
use names::*;
use quipu::model::raw::{
    RawActor, RawActorRef, RawActorRole, RawChronology, RawEra, RawEvent, RawEventNote,
    RawEventRef, RawSource, RawSourceLocator, RawSourceRef,
};

/// The file format version written (`quipu` field); the loader reads version 1.
const FORMAT_VERSION: u32 = 1;

/// Events are spread over these years.
const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2024;
const EPOCH: NaiveDate = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).expect("a valid constant date");

/// How far ahead (in time order) an event looks for its consequences: they follow soon after.
const LINK_WINDOW: usize = 24;

/// What to generate. Equal specs give byte-identical output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub events: usize,
    /// Raised to 1 when there are events, since every event needs an actor.
    pub actors: usize,
    pub seed: u64,
}

/// How the JSON is laid out: pretty like a hand-edited file, or compact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Pretty,
    Compact,
}

/// Everything decided before writing: actors (events name them), each event's date and the
/// consequence links, which need all dates at once. Event bodies are generated on demand.
pub struct Generator {
    spec: Spec,
    sources: usize,
    actors: Vec<RawActor>,
    dates: Vec<String>,
    /// Consequences of event `i` are `link_to[link_start[i]..link_start[i + 1]]`.
    link_start: Vec<usize>,
    link_to: Vec<usize>,
    /// See [`Generator::short_events`].
    short: bool,
}

/// Independent random streams, so adding a draw to one kind of item never shifts another.
#[derive(Clone, Copy)]
enum Stream {
    Actor = 1,
    Source = 2,
    Date = 3,
    Link = 4,
    Event = 5,
}

impl Generator {
    pub fn new(spec: Spec) -> Generator {
        let actor_count = if spec.events > 0 {
            spec.actors.max(1)
        } else {
            spec.actors
        };
        let spec = Spec {
            actors: actor_count,
            ..spec
        };
        let sources = if spec.events == 0 {
            0
        } else {
            (spec.events / 200).clamp(1, 2000)
        };
        let actors = (0..actor_count)
            .map(|ix| make_actor(spec.seed, ix))
            .collect();
        let planned: Vec<PlannedDate> = (0..spec.events)
            .map(|ix| plan_date(spec.seed, ix))
            .collect();
        let (link_start, link_to) = plan_links(spec.seed, &planned);
        let dates = planned.into_iter().map(|date| date.text).collect();
        Generator {
            spec,
            sources,
            actors,
            dates,
            link_start,
            link_to,
            short: false,
        }
    }

    /// Events as a large feed holds them (ACLED and the like): id, date, title, actors as bare
    /// ids, bare consequence links and tags; no summary, display date, role, note or citation.
    /// About 230 bytes an event in compact JSON, so a file of a million is mostly ids and
    /// references: the load budgets (docs/PERFORMANCE.md) are set on such a file. The same draws
    /// are made as for full events, so ids, dates, links and actors are those of the full file.
    pub fn short_events(self) -> Generator {
        Generator {
            short: true,
            ..self
        }
    }

    pub fn spec(&self) -> Spec {
        self.spec
    }

    /// The whole chronology in memory; [`Generator::write_json`] writes the same document without
    /// holding it.
    pub fn chronology(&self) -> RawChronology {
        RawChronology {
            schema: None,
            quipu: FORMAT_VERSION,
            title: self.title(),
            description: Some(self.description()),
            sources: (0..self.sources).map(|ix| self.source(ix)).collect(),
            actors: self.actors.clone(),
            eras: self.eras(),
            events: (0..self.spec.events).map(|ix| self.event(ix)).collect(),
        }
    }

    /// Streams the document: events are generated one at a time as they are written.
    pub fn write_json<W: Write>(&self, out: W, layout: Layout) -> io::Result<()> {
        let mut out = io::BufWriter::with_capacity(1 << 16, out);
        match layout {
            Layout::Pretty => serde_json::to_writer_pretty(&mut out, &Document(self))?,
            Layout::Compact => serde_json::to_writer(&mut out, &Document(self))?,
        }
        out.write_all(b"\n")?;
        out.flush()
    }

    /// The document as a string (for tests and benches, which need it in memory anyway).
    pub fn to_json(&self, layout: Layout) -> String {
        let mut bytes = Vec::new();
        // Writing to a Vec cannot fail, and the serializers only emit UTF-8.
        let _ = self.write_json(&mut bytes, layout);
        String::from_utf8(bytes).unwrap_or_default()
    }

    fn title(&self) -> String {
        format!(
            "Synthetic chronology: {} events, {} actors (seed {})",
            self.spec.events, self.spec.actors, self.spec.seed
        )
    }

    fn description(&self) -> String {
        "Generated by `cargo run -p quipu-gen`; names are real-sounding, events are not.".into()
    }

    fn eras(&self) -> Vec<RawEra> {
        if self.spec.events == 0 {
            return Vec::new();
        }
        ERAS.iter()
            .enumerate()
            .map(|(ix, (title, date))| RawEra {
                id: format!("era-{ix}"),
                title: (*title).into(),
                date: (*date).into(),
            })
            .collect()
    }

    pub fn source(&self, ix: usize) -> RawSource {
        let mut rng = Rng::stream(self.spec.seed, Stream::Source, ix);
        let title = rng.word(SOURCE_TEMPLATES).replace("{p}", rng.word(PLACES));
        let url = rng
            .chance(60)
            .then(|| format!("https://example.org/archivo/{ix}?lang=es"));
        let note = rng
            .chance(20)
            .then(|| "Consultado en la Biblioteca Nacional del Perú.".to_string());
        RawSource {
            id: format!("src-{ix}"),
            title: format!("{title} ({})", 1900 + rng.below(125)),
            url,
            note,
        }
    }

    pub fn event(&self, ix: usize) -> RawEvent {
        let mut rng = Rng::stream(self.spec.seed, Stream::Event, ix);
        let (topic, template) = *rng.pick(EVENT_TEMPLATES);

        let wanted = 1 + rng.below(4);
        let mut cast: Vec<usize> = Vec::with_capacity(wanted);
        for _ in 0..wanted * 3 {
            let actor = rng.skewed(self.actors.len());
            if !cast.contains(&actor) {
                cast.push(actor);
            }
            if cast.len() == wanted {
                break;
            }
        }
        // A lone actor faces a country rather than itself.
        let other = rng.word(COUNTRIES);
        let name = |n: usize| cast.get(n).map_or(other, |&a| self.actors[a].name.as_str());
        let title = template
            .replace("{a}", name(0))
            .replace("{b}", name(1))
            .replace("{p}", rng.word(PLACES));

        let actors: Vec<RawActorRef> = cast
            .iter()
            .map(|&a| {
                let id = self.actors[a].id.clone();
                match rng.below(20) {
                    0..=9 => RawActorRef::Id(id),
                    10 => RawActorRef::Full(RawActorRole {
                        actor: id,
                        role: None,
                    }),
                    _ => RawActorRef::Full(RawActorRole {
                        actor: id,
                        role: Some(rng.word(ROLES).to_string()),
                    }),
                }
            })
            .collect();

        let consequences: Vec<RawEventRef> = self.link_to
            [self.link_start[ix]..self.link_start[ix + 1]]
            .iter()
            .map(|&to| {
                let event = event_id(self.spec.seed, to);
                if rng.chance(50) {
                    RawEventRef::Id(event)
                } else {
                    let note = rng.chance(70).then(|| rng.word(LINK_NOTES).to_string());
                    RawEventRef::Full(RawEventNote {
                        event,
                        note,
                        ..Default::default()
                    })
                }
            })
            .collect();

        let summary = match rng.below(10) {
            0..=2 => None,
            3 => Some(format!(
                "{}\n\n{}",
                rng.word(SUMMARY_SENTENCES),
                rng.word(SUMMARY_SENTENCES)
            )),
            _ => Some(format!(
                "{} {}",
                rng.word(SUMMARY_SENTENCES),
                rng.word(SUMMARY_SENTENCES)
            )),
        };

        let mut tags: Vec<String> = Vec::new();
        for _ in 0..rng.below(4) {
            let tag = rng.word(TAGS);
            if !tags.iter().any(|t| t == tag) {
                tags.push(tag.to_string());
            }
        }

        let sources = if self.sources == 0 {
            Vec::new()
        } else {
            (0..rng.below(3))
                .map(|_| {
                    let source = format!("src-{}", rng.below(self.sources));
                    if rng.chance(40) {
                        RawSourceRef::Id(source)
                    } else {
                        let (n, m) = (1 + rng.below(400), 1 + rng.below(9));
                        let locator = rng
                            .pick(LOCATORS)
                            .replace("{n}", &n.to_string())
                            .replace("{m}", &m.to_string());
                        RawSourceRef::Full(RawSourceLocator {
                            source,
                            locator: Some(locator),
                        })
                    }
                })
                .collect()
        };

        let date = self.dates[ix].clone();
        let display_date = rng.chance(5).then(|| display_date(&date));
        if self.short {
            return RawEvent {
                id: format!("{topic}-{ix}"),
                date,
                title,
                actors: actors
                    .into_iter()
                    .map(|a| RawActorRef::Id(a.actor().to_owned()))
                    .collect(),
                consequences: consequences
                    .into_iter()
                    .map(|c| RawEventRef::Id(c.event().to_owned()))
                    .collect(),
                tags,
                ..Default::default()
            };
        }
        RawEvent {
            id: format!("{topic}-{ix}"),
            date,
            display_date,
            title,
            summary,
            actors,
            consequences,
            tags,
            sources,
            ..Default::default()
        }
    }
}

/// The topic is the first draw of the event's stream, so the id is known without the event.
fn event_id(seed: u64, ix: usize) -> String {
    let mut rng = Rng::stream(seed, Stream::Event, ix);
    let (topic, _) = *rng.pick(EVENT_TEMPLATES);
    format!("{topic}-{ix}")
}

// ---------------------------------------------------------------------------------------------
// Writing

/// The document in `RawChronology`'s field order, with lists produced item by item.
struct Document<'a>(&'a Generator);

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let g = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("quipu", &FORMAT_VERSION)?;
        map.serialize_entry("title", &g.title())?;
        map.serialize_entry("description", &g.description())?;
        if g.sources > 0 {
            map.serialize_entry("sources", &Items(g.sources, |ix| g.source(ix)))?;
        }
        if !g.actors.is_empty() {
            map.serialize_entry("actors", &g.actors)?;
        }
        let eras = g.eras();
        if !eras.is_empty() {
            map.serialize_entry("eras", &eras)?;
        }
        if g.spec.events > 0 {
            map.serialize_entry("events", &Items(g.spec.events, |ix| g.event(ix)))?;
        }
        map.end()
    }
}

/// A list of `len` items made by `make` as they are serialised.
struct Items<F>(usize, F);

impl<T: Serialize, F: Fn(usize) -> T> Serialize for Items<F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0))?;
        for ix in 0..self.0 {
            seq.serialize_element(&(self.1)(ix))?;
        }
        seq.end()
    }
}

// ---------------------------------------------------------------------------------------------
// Randomness

/// SplitMix64 (Steele, Lea & Flood 2014): tiny, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    /// The stream of one item: seeded from the run's seed, the kind of item and its index.
    fn stream(seed: u64, stream: Stream, ix: usize) -> Rng {
        let mut rng = Rng(seed ^ (stream as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93));
        let base = rng.next_u64();
        let mut rng = Rng(base ^ (ix as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next_u64();
        rng
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; 0 when `n` is 0.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }

    /// In `0..n`, favouring small values: a few actors take part in many events, as in life.
    fn skewed(&mut self, n: usize) -> usize {
        let a = self.below(n);
        let b = self.below(n);
        a.min(b)
    }
}
