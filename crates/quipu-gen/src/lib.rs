//! Synthetic chronologies of any size, for benchmarks, fuzzing seeds and tests of scale.
//!
//! The output must stay valid at every size — the benches measure loading, not error reporting — so
//! the generator upholds what validation checks: unique ids, every reference defined, every event
//! with an actor, and consequences that never start before their cause (hence no causal cycle).
//! It is deterministic: the same [`Spec`] gives the same bytes on every machine, so a slow case can
//! be reproduced from its three numbers. No `rand` crate: a SplitMix64 stream per item is enough,
//! and lets any item be regenerated on its own while streaming.

#![forbid(unsafe_code)]

mod names;

use std::io::{self, Write};

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};

use names::*;
use quipu::model::date::MONTHS;
use quipu::model::raw::{
    ActorKind, RawActor, RawActorRef, RawActorRole, RawChronology, RawEra, RawEvent, RawEventNote,
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

        let actors = cast
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

        let consequences = self.link_to[self.link_start[ix]..self.link_start[ix + 1]]
            .iter()
            .map(|&to| {
                let event = event_id(self.spec.seed, to);
                if rng.chance(50) {
                    RawEventRef::Id(event)
                } else {
                    let note = rng.chance(70).then(|| rng.word(LINK_NOTES).to_string());
                    RawEventRef::Full(RawEventNote { event, note })
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
        }
    }
}

/// The topic is the first draw of the event's stream, so the id is known without the event.
fn event_id(seed: u64, ix: usize) -> String {
    let mut rng = Rng::stream(seed, Stream::Event, ix);
    let (topic, _) = *rng.pick(EVENT_TEMPLATES);
    format!("{topic}-{ix}")
}

/// A human wording of an EDTF date, as an author would put in `display_date`.
fn display_date(edtf: &str) -> String {
    let year = edtf.get(..4).unwrap_or(edtf);
    let month = edtf
        .get(5..7)
        .and_then(|m| m.parse::<usize>().ok())
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    let when = match month {
        Some(month) => format!("{month} {year}"),
        None => year.to_string(),
    };
    if edtf.contains('/') {
        format!("from {when}")
    } else if edtf.ends_with(['~', '%']) {
        format!("around {when}")
    } else if edtf.ends_with('?') {
        format!("{when}, perhaps")
    } else {
        format!("in {when}")
    }
}

// ---------------------------------------------------------------------------------------------
// Actors

fn make_actor(seed: u64, ix: usize) -> RawActor {
    let mut rng = Rng::stream(seed, Stream::Actor, ix);
    let kind = match rng.below(20) {
        0..=11 => ActorKind::Person,
        12..=13 => ActorKind::State,
        14..=16 => ActorKind::Organization,
        17..=18 => ActorKind::Group,
        _ => ActorKind::Other,
    };
    let mut aliases: Vec<String> = Vec::new();
    let name = match kind {
        ActorKind::Person => {
            let first = rng.word(FIRST_NAMES);
            let surname = rng.word(SURNAMES);
            if rng.chance(30) {
                aliases.push(format!(
                    "{}. {surname}",
                    first.chars().next().unwrap_or('X')
                ));
            }
            if rng.chance(5) {
                aliases.push(rng.word(NICKNAMES).to_string());
            }
            if rng.chance(40) {
                format!("{first} {surname} {}", rng.word(SURNAMES))
            } else {
                format!("{first} {surname}")
            }
        }
        ActorKind::State => {
            if rng.chance(50) {
                rng.word(COUNTRIES).to_string()
            } else {
                format!(
                    "{} {}",
                    rng.word(&["Departamento de", "Provincia de", "Land", "Województwo"]),
                    rng.word(PLACES)
                )
            }
        }
        ActorKind::Organization => {
            if rng.chance(20) {
                let (name, acronyms) = *rng.pick(NAMED_ORGANIZATIONS);
                aliases.extend(acronyms.iter().map(|a| a.to_string()));
                name.to_string()
            } else {
                format!("{} {}", rng.word(ORGANIZATION_KINDS), rng.word(PLACES))
            }
        }
        ActorKind::Group => {
            if rng.chance(20) {
                let (name, acronyms) = *rng.pick(NAMED_GROUPS);
                aliases.extend(acronyms.iter().map(|a| a.to_string()));
                name.to_string()
            } else {
                format!("{} {}", rng.word(GROUP_KINDS), rng.word(PLACES))
            }
        }
        ActorKind::Other => format!("{} {}", rng.word(OTHER_KINDS), rng.word(PLACES)),
    };
    // Users type names without accents; the folded name is what they would search for.
    let folded = fold_to_ascii(&name);
    if folded != name && !folded.trim().is_empty() && rng.chance(50) {
        aliases.push(folded);
    }
    let description = rng
        .chance(25)
        .then(|| rng.word(ACTOR_DESCRIPTIONS).to_string());
    let stem = slug(&name);
    let stem = if stem.is_empty() {
        kind.as_str().to_string()
    } else {
        stem
    };
    RawActor {
        id: format!("{stem}-{ix}"),
        name,
        kind,
        aliases,
        description,
    }
}

/// The name as a reader without accents types it (`Łódź` → `Lodz`): quipu's own fold, char by char,
/// with capitals kept. Other scripts are kept.
fn fold_to_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let plain = quipu::fold::fold(c.encode_utf8(&mut [0; 4]));
        let mut chars = plain.chars();
        match chars.next() {
            Some(first) if c.is_uppercase() => {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
            _ => out.push_str(&plain),
        }
    }
    out
}

/// The id stem quipu itself would make (`Pérez de Cuéllar` → `perez-de-cuellar`); empty for
/// non-Latin names.
fn slug(name: &str) -> String {
    quipu::fold::slug(name).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Dates and links

/// A date and a safe bracket `[lo, hi]` around its earliest day (days from 0001-01-01). The bracket
/// is generous where EDTF leaves room for interpretation — how far `~` widens a date, when a season
/// starts — so links stay valid under any reasonable reading.
struct PlannedDate {
    text: String,
    lo: i64,
    hi: i64,
}

/// The forms of EDTF dates generated; the first events take one of each, so that any file of at
/// least this many events has them all.
const DATE_FORMS: usize = 14;

fn plan_date(seed: u64, ix: usize) -> PlannedDate {
    let mut rng = Rng::stream(seed, Stream::Date, ix);
    let span =
        (NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or(EPOCH) - EPOCH).num_days() as usize;
    let day = EPOCH + Days::new(rng.below(span + 1) as u64);
    let form = if ix < DATE_FORMS {
        ix
    } else {
        // Mostly exact days, as in real chronologies; every form keeps a share.
        match rng.below(40) {
            0..=17 => 0,
            18..=23 => 1,
            24..=27 => 2,
            n => (n - 25).min(DATE_FORMS - 1),
        }
    };
    let (y, m, d) = (day.year(), day.month(), day.day());
    let first_of_month = days(y, m, 1);
    let first_of_year = days(y, 1, 1);
    let exact = |text: String, earliest: i64| PlannedDate {
        text,
        lo: earliest,
        hi: earliest,
    };
    match form {
        0 => exact(format!("{y:04}-{m:02}-{d:02}"), days(y, m, d)),
        1 => exact(format!("{y:04}-{m:02}"), first_of_month),
        2 => exact(format!("{y:04}"), first_of_year),
        3 => exact(format!("{:03}X", y / 10), days(y - y % 10, 1, 1)),
        4 => exact(format!("{:02}XX", y / 100), days(y - y % 100, 1, 1)),
        5 => {
            let season = match m {
                3..=5 => 21,
                6..=8 => 22,
                9..=11 => 23,
                _ => 24,
            };
            PlannedDate {
                text: format!("{y:04}-{season}"),
                lo: first_of_year - 31,
                hi: days(y, 12, 31),
            }
        }
        6..=8 => {
            let mark = ["~", "?", "%"][form - 6];
            let (text, earliest) = match rng.below(3) {
                0 => (format!("{y:04}-{m:02}-{d:02}{mark}"), days(y, m, d)),
                1 => (format!("{y:04}-{m:02}{mark}"), first_of_month),
                _ => (format!("{y:04}{mark}"), first_of_year),
            };
            PlannedDate {
                text,
                lo: earliest - 2 * 366,
                hi: earliest,
            }
        }
        9 => exact(format!("{y:04}-XX"), first_of_year),
        10 => {
            if rng.chance(50) {
                exact(format!("{y:04}-XX-XX"), first_of_year)
            } else {
                exact(format!("{y:04}-{m:02}-XX"), first_of_month)
            }
        }
        _ => {
            let end = day + Days::new(32 + rng.below(8 * 365) as u64);
            let (ey, em, ed) = (end.year(), end.month(), end.day());
            let (start, end, earliest) = match rng.below(3) {
                0 => (
                    format!("{y:04}"),
                    format!("{:04}", ey.max(y + 1)),
                    first_of_year,
                ),
                1 => (
                    format!("{y:04}-{m:02}"),
                    format!("{ey:04}-{em:02}"),
                    first_of_month,
                ),
                _ => (
                    format!("{y:04}-{m:02}-{d:02}"),
                    format!("{ey:04}-{em:02}-{ed:02}"),
                    days(y, m, d),
                ),
            };
            match form {
                11 => exact(format!("{start}/{end}"), earliest),
                12 => exact(format!("{start}/.."), earliest),
                // An open or unknown start takes the end's span, so the end's earliest day counts.
                _ => match rng.below(3) {
                    0 => exact(format!("{start}/"), earliest),
                    1 => exact(format!("../{start}"), earliest),
                    _ => exact(format!("/{start}"), earliest),
                },
            }
        }
    }
}

fn days(year: i32, month: u32, day: u32) -> i64 {
    NaiveDate::from_ymd_opt(year, month, day).map_or(0, |date| i64::from(date.num_days_from_ce()))
}

/// Links each event to a few events later in time order. Targets come strictly after the source in
/// one total order (earliest bound, then index) and start no earlier than the source possibly can,
/// so the graph is acyclic and no consequence precedes its cause.
fn plan_links(seed: u64, dates: &[PlannedDate]) -> (Vec<usize>, Vec<usize>) {
    let mut order: Vec<usize> = (0..dates.len()).collect();
    order.sort_unstable_by_key(|&ix| (dates[ix].lo, ix));
    let mut position = vec![0; dates.len()];
    for (pos, &ix) in order.iter().enumerate() {
        position[ix] = pos;
    }
    let sorted_lo: Vec<i64> = order.iter().map(|&ix| dates[ix].lo).collect();

    let mut link_start = Vec::with_capacity(dates.len() + 1);
    let mut link_to = Vec::with_capacity(dates.len() * 3 / 2);
    for (ix, date) in dates.iter().enumerate() {
        link_start.push(link_to.len());
        let mut rng = Rng::stream(seed, Stream::Link, ix);
        let wanted = match rng.below(20) {
            0..=5 => 0,
            6..=12 => 1,
            13..=17 => 2,
            _ => 3,
        };
        let from = (position[ix] + 1).max(sorted_lo.partition_point(|&lo| lo < date.hi));
        let window = dates.len().saturating_sub(from).min(LINK_WINDOW);
        if window == 0 {
            continue;
        }
        let first = link_to.len();
        for _ in 0..wanted {
            let target = order[from + rng.below(window)];
            if !link_to[first..].contains(&target) {
                link_to.push(target);
            }
        }
    }
    link_start.push(link_to.len());
    (link_start, link_to)
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
