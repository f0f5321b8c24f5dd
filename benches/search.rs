//! Palette search at scale: 100,000 actors and 1,000,000 events, generated in memory with accented,
//! realistic names. Measures building the index, the first keystroke (a full scan), a keystroke that
//! narrows the previous matches, and Skim against nucleo-matcher behind the same ranking.
//!
//! `cargo bench --bench search`; figures are quoted in docs/PERFORMANCE.md.

use std::cell::RefCell;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group};
use quipu::model::Chronology;
use quipu::model::EventDate;
use quipu::model::chronology::{Actor, ActorKind, Event};
use quipu::search::session::PREVIEW;
use quipu::search::{Matcher, Query, Scope, SearchIndex, SearchSession};

const ACTORS: usize = 100_000;
const EVENTS: usize = 1_000_000;
const LIMIT: usize = 50;

const GIVEN: &[&str] = &[
    "Alberto",
    "José",
    "María",
    "Sebastián",
    "Ángela",
    "Jorge",
    "Andrés",
    "Lucía",
    "Óscar",
    "Inés",
    "Martín",
    "Raúl",
    "Ramón",
    "Javier",
    "Hernán",
    "Begoña",
    "Joaquín",
    "Fernando",
    "Susana",
    "Efraín",
    "Keiko",
    "Vladimiro",
    "Françoise",
    "Jürgen",
    "Søren",
    "Zbigniew",
];
const FAMILY: &[&str] = &[
    "Fujimori",
    "Montesinos",
    "Pérez de Cuéllar",
    "Toledo",
    "García",
    "Belaúnde",
    "Vargas Llosa",
    "Menem",
    "Cardoso",
    "Durán Ballén",
    "Caldera",
    "Pastrana",
    "Frei",
    "Sánchez de Lozada",
    "Núñez",
    "Muñoz",
    "Ibáñez",
    "Gutiérrez",
    "Cerpa Cartolini",
    "Guzmán",
    "Hermoza Ríos",
    "Łukasiewicz",
    "Müller",
    "Ødegaard",
    "Castañeda",
    "Peña",
];
const BODIES: &[&str] = &[
    "Ministerio de Relaciones Exteriores",
    "Banco Central de Reserva",
    "Mercado Común del Sur",
    "Comunidad Andina",
    "Organización de los Estados Americanos",
    "Fondo Monetario Internacional",
    "Congreso Constituyente Democrático",
    "Servicio de Inteligencia Nacional",
    "Comisión de la Verdad",
    "Sociedad Nacional de Minería",
];
const PLACES: &[&str] = &[
    "Lima",
    "Asunción",
    "Brasília",
    "Bogotá",
    "Quito",
    "Tokyo",
    "Washington",
    "Santiago",
    "Montevideo",
    "Cartagena de Indias",
    "Itamaraty",
    "Cuzco",
    "Iquitos",
    "Tumbes",
    "Ciudad de México",
];
const VERBS: &[&str] = &[
    "signs",
    "meets",
    "suspends",
    "restores",
    "denounces",
    "ratifies",
    "negotiates",
    "visits",
    "recognises",
    "mediates between",
    "expels",
    "welcomes",
];
const THINGS: &[&str] = &[
    "border treaty",
    "debt rescheduling",
    "aid programme",
    "extradition request",
    "trade pact",
    "cease-fire",
    "hostage crisis talks",
    "fisheries accord",
    "drug-control agreement",
    "diplomatic relations",
];
const TAGS: &[&str] = &[
    "diplomacy",
    "economy",
    "security",
    "border",
    "trade",
    "human rights",
    "narcotics",
    "ecuador",
    "japan",
    "united states",
];

/// A small deterministic generator, so every run benches the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 16) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.next() % from.len()]
    }
}

fn actor(rng: &mut Rng, ix: usize) -> Actor {
    let (name, kind, aliases) = match ix % 4 {
        0 => {
            let body = rng.pick(BODIES);
            let acronym: String = body
                .split(' ')
                .filter(|w| w.len() > 3)
                .filter_map(|w| w.chars().next())
                .collect();
            let place = rng.pick(PLACES);
            (
                format!("{body} ({place})"),
                ActorKind::Organization,
                vec![acronym],
            )
        }
        _ => {
            let name = format!("{} {}", rng.pick(GIVEN), rng.pick(FAMILY));
            (name, ActorKind::Person, Vec::new())
        }
    };
    Actor {
        id: format!("actor-{ix}"),
        name,
        kind,
        aliases,
        description: None,
    }
}

fn event(rng: &mut Rng, ix: usize) -> Event {
    let year = 1985 + (ix * 15 / EVENTS) as i64;
    let who = format!("{} {}", rng.pick(GIVEN), rng.pick(FAMILY));
    let verb = rng.pick(VERBS);
    let thing = rng.pick(THINGS);
    let place = rng.pick(PLACES);
    let body = rng.pick(BODIES);
    let month = 1 + rng.next() % 12;
    let day = 1 + rng.next() % 28;
    Event {
        id: compact_str::format_compact!("event-{ix}"),
        date: EventDate::parse(&format!("{year}-{month:02}-{day:02}")).unwrap_or_else(|e| {
            panic!("synthetic dates are valid EDTF: {e}");
        }),
        display_date: None,
        title: format!("{who} {verb} the {thing} in {place}"),
        summary: format!(
            "Talks in {place} with the {body} follow months of pressure; {who} calls the {thing} \
             a turning point."
        ),
        aliases: Box::default(),
        basis: Default::default(),
        actors: Box::default(),
        consequences: Box::default(),
        causes: Box::default(),
        tags: [rng.pick(TAGS).into(), rng.pick(TAGS).into()].into(),
        sources: Box::default(),
    }
}

fn chronology(actors: usize, events: usize) -> Chronology {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // Built field by field: the loader's id maps are crate-private and not needed to search.
    let mut chronology = Chronology::default();
    chronology.title = "synthetic".into();
    chronology.actors = (0..actors).map(|i| actor(&mut rng, i)).collect();
    chronology.events = (0..events).map(|i| event(&mut rng, i)).collect();
    chronology
}

/// nucleo-matcher behind the same trait. Its matcher needs `&mut`, so each thread keeps one.
struct NucleoMatcher;

thread_local! {
    static NUCLEO: RefCell<nucleo_matcher::Matcher> =
        RefCell::new(nucleo_matcher::Matcher::new(nucleo_matcher::Config::DEFAULT));
}

impl Matcher for NucleoMatcher {
    fn score(&self, haystack: &str, needle: &str) -> Option<i64> {
        let (mut hb, mut nb) = (Vec::new(), Vec::new());
        let hay = nucleo_matcher::Utf32Str::new(haystack, &mut hb);
        let needle = nucleo_matcher::Utf32Str::new(needle, &mut nb);
        NUCLEO.with(|m| m.borrow_mut().fuzzy_match(hay, needle).map(i64::from))
    }

    fn positions(&self, haystack: &str, needle: &str) -> Option<Vec<usize>> {
        let (mut hb, mut nb) = (Vec::new(), Vec::new());
        let hay = nucleo_matcher::Utf32Str::new(haystack, &mut hb);
        let needle = nucleo_matcher::Utf32Str::new(needle, &mut nb);
        let mut at = Vec::new();
        NUCLEO.with(|m| m.borrow_mut().fuzzy_indices(hay, needle, &mut at))?;
        Some(at.into_iter().map(|p| p as usize).collect())
    }

    fn max_score(&self, needle_chars: usize) -> i64 {
        // Match 16 plus a boundary bonus doubled on the first char, plus a prefix bonus: under 64.
        (needle_chars as i64).saturating_mul(64).saturating_add(64)
    }
}

fn query(scope: Scope, text: &str) -> Query {
    Query {
        scope,
        text: text.to_owned(),
    }
}

fn configure<'a>(
    c: &'a mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    group
}

fn actors(c: &mut Criterion) {
    let chron = chronology(ACTORS, 0);
    let mut group = configure(c, "actors_100k");
    group.bench_function("build_index", |b| {
        b.iter(|| SearchIndex::build(black_box(&chron)))
    });
    let skim = SearchIndex::build(&chron);
    let nucleo = SearchIndex::build_with(&chron, Arc::new(NucleoMatcher));
    for (label, index) in [("skim", &skim), ("nucleo", &nucleo)] {
        // First keystroke: every actor is scanned.
        for typed in ["m", "fuj", "comun"] {
            let q = query(Scope::Actors, typed);
            group.bench_function(format!("{label}/first/{typed}"), |b| {
                b.iter(|| index.run(black_box(&q), None, LIMIT, &|| false))
            });
        }
        // Next keystroke: only the previous query's matches are scanned.
        for (before, typed) in [("m", "mo"), ("mo", "mon"), ("fuj", "fuji")] {
            let prev = index
                .run(&query(Scope::Actors, before), None, LIMIT, &|| false)
                .unwrap();
            let q = query(Scope::Actors, typed);
            group.bench_function(format!("{label}/narrow/{before}->{typed}"), |b| {
                b.iter(|| index.search_within(black_box(&q), &prev.matches, LIMIT))
            });
        }
    }
    group.finish();
}

fn events(c: &mut Criterion) {
    let chron = chronology(0, EVENTS);
    let mut group = configure(c, "events_1m");
    group.bench_function("build_index", |b| {
        b.iter(|| SearchIndex::build(black_box(&chron)))
    });
    let skim = SearchIndex::build(&chron);
    let nucleo = SearchIndex::build_with(&chron, Arc::new(NucleoMatcher));
    // What a reader of a huge file sees first: the worker's preview of the first 64k events.
    let head: Vec<usize> = (0..PREVIEW).collect();
    for typed in ["a", "trty"] {
        let q = query(Scope::Events, typed);
        group.bench_function(format!("skim/preview/{typed}"), |b| {
            b.iter(|| skim.run(black_box(&q), Some(&head), LIMIT, &|| false))
        });
    }
    for (label, index) in [("skim", &skim), ("nucleo", &nucleo)] {
        for typed in ["a", "asun", "trty"] {
            let q = query(Scope::Events, typed);
            group.bench_function(format!("{label}/first/{typed}"), |b| {
                b.iter(|| index.run(black_box(&q), None, LIMIT, &|| false))
            });
        }
        // Through a session, as the worker narrows (preview included): it resumes from the
        // previous keystroke's trails, which `search_within` does not have.
        for (before, typed) in [("a", "as"), ("as", "asu"), ("asun", "asunc")] {
            let mut session = SearchSession::new();
            session.search(index, &query(Scope::Events, before), LIMIT);
            let q = query(Scope::Events, typed);
            group.bench_function(format!("{label}/narrow/{before}->{typed}"), |b| {
                // The copy and its freeing stay outside the timing.
                b.iter_batched_ref(
                    || session.clone(),
                    |s| s.search(index, black_box(&q), LIMIT),
                    BatchSize::PerIteration,
                )
            });
        }
    }
    group.finish();
}

/// CPU seconds (user + system, all threads) this process has used so far, from `/proc/self/stat`:
/// on a shared machine wall time measures the other jobs too, CPU time only ours.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name; 100 ticks a second.
    (ticks(11) + ticks(12)) / 100.0
}

/// `QUIPU_SEARCH_CPU=20 cargo bench --bench search`: the CPU time of each narrowing keystroke over
/// a million events through a session (preview included), and of the first keystroke before it, averaged over 20 repetitions so the
/// 10 ms tick evens out. `QUIPU_SEARCH_ONLY=asu` measures one keystroke.
fn narrowing_cpu() {
    let chron = chronology(0, EVENTS);
    let index = SearchIndex::build(&chron);
    let only = std::env::var("QUIPU_SEARCH_ONLY").ok();
    for (before, typed) in [("a", "as"), ("as", "asu"), ("asun", "asunc"), ("tr", "trt")] {
        if only.as_deref().is_some_and(|o| o != typed) {
            continue;
        }
        let mut session = SearchSession::new();
        let prev = query(Scope::Events, before);
        let next = query(Scope::Events, typed);
        let reps: u32 = std::env::var("QUIPU_SEARCH_CPU")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(20);
        let (mut cpu, mut wall, mut first) = (0.0, Duration::ZERO, 0.0);
        for _ in 0..reps {
            let start = cpu_seconds();
            session.search(&index, &prev, LIMIT);
            first += cpu_seconds() - start;
            let (start, clock) = (cpu_seconds(), std::time::Instant::now());
            black_box(session.search(&index, &next, LIMIT));
            wall += clock.elapsed();
            cpu += cpu_seconds() - start;
            session.reset();
        }
        println!(
            "first {before}: {:.1} ms CPU per keystroke ({reps} runs)",
            first * 1000.0 / f64::from(reps)
        );
        println!(
            "narrow {before} -> {typed}: {:.1} ms CPU, {:.1} ms wall per keystroke ({reps} runs)",
            cpu * 1000.0 / f64::from(reps),
            wall.as_secs_f64() * 1000.0 / f64::from(reps)
        );
    }
}

/// `QUIPU_SEARCH_BUDGET=1 cargo bench --bench search`: issue #17's search budgets over a million
/// events, side by side in one run: building the index; per query the preview (the partial answer
/// a frame shows), the exact ranking as the palette gets it (`SearchIndex::search`: from the
/// vocabulary when the word tiers settle it) and the full scan it replaces; a bare query word
/// from the index against folding every event. Medians of `QUIPU_SEARCH_BUDGET` runs, wall and
/// CPU; also the index's size on the heap. With `QUIPU_SEARCH_BUILD_ONLY` set it stops after the
/// build and the size: a quick before/after for the index build alone.
fn budgets() {
    let runs: usize = std::env::var("QUIPU_SEARCH_BUDGET")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3)
        .max(1);
    let chron = chronology(0, EVENTS);
    let timed = |f: &mut dyn FnMut()| {
        let mut walls = Vec::new();
        let mut cpus = Vec::new();
        for _ in 0..runs {
            let (cpu, clock) = (cpu_seconds(), std::time::Instant::now());
            f();
            walls.push(clock.elapsed().as_secs_f64() * 1000.0);
            cpus.push((cpu_seconds() - cpu) * 1000.0);
        }
        walls.sort_by(f64::total_cmp);
        cpus.sort_by(f64::total_cmp);
        (walls[runs / 2], cpus[runs / 2])
    };
    let (wall, cpu) = timed(&mut || drop(black_box(SearchIndex::build(&chron))));
    println!("build index: {wall:.0} ms wall, {cpu:.0} ms CPU");
    let index = SearchIndex::build(&chron);
    println!(
        "index on the heap: {:.0} MB",
        index.heap_bytes() as f64 / 1e6
    );
    if std::env::var_os("QUIPU_SEARCH_BUILD_ONLY").is_some() {
        return;
    }
    const PALETTE: usize = 200;
    let head: Vec<usize> = (0..PREVIEW).collect();
    println!(
        "query | preview wall/CPU ms | exact (palette) wall/CPU ms | vocabulary? | scan wall/CPU ms"
    );
    // `QUIPU_SEARCH_QUERIES=trt,turning` measures only those (a quick before/after).
    let chosen = std::env::var("QUIPU_SEARCH_QUERIES").ok();
    for typed in [
        "a", "as", "asu", "asun", "asunc", "m", "fuj", "peru", "tr", "trt", "trty", "talks",
        "turning", "de la", "e",
    ] {
        if chosen
            .as_deref()
            .is_some_and(|c| !c.split(',').any(|q| q == typed))
        {
            continue;
        }
        let q = query(Scope::Events, typed);
        let preview =
            timed(&mut || drop(black_box(index.run(&q, Some(&head), PALETTE, &|| false))));
        let exact = timed(&mut || drop(black_box(index.search(&q, PALETTE))));
        let by_vocab = index.rank_by_vocabulary(&q, PALETTE, &|| false);
        let scan = timed(&mut || drop(black_box(index.run(&q, None, PALETTE, &|| false))));
        if let Some(hits) = &by_vocab {
            let scanned = index.run(&q, None, PALETTE, &|| false).map(|o| o.hits);
            assert_eq!(Some(hits), scanned.as_ref(), "{typed}");
        }
        println!(
            "{typed} | {:.1} / {:.0} | {:.1} / {:.0} | {} | {:.0} / {:.0}",
            preview.0,
            preview.1,
            exact.0,
            exact.1,
            if by_vocab.is_some() {
                "yes"
            } else {
                "no, scan"
            },
            scan.0,
            scan.1
        );
    }
    if chosen.is_some() {
        return;
    }
    for word in ["war", "asuncion", "a", "1992-04", "talks"] {
        let folded = quipu::fold::fold(word);
        let indexed = timed(&mut || drop(black_box(index.events_with_word(&folded))));
        let scanned = timed(&mut || {
            drop(black_box(quipu::query::select(&chron, word, 0)));
        });
        println!(
            "bare word {word}: index {:.1} ms wall ({:.0} CPU), scan {:.0} ms wall ({:.0} CPU)",
            indexed.0, indexed.1, scanned.0, scanned.1
        );
    }
}

criterion_group!(benches, actors, events);

fn main() {
    if std::env::var_os("QUIPU_SEARCH_BUDGET").is_some() {
        budgets();
        return;
    }
    if std::env::var_os("QUIPU_SEARCH_CPU").is_some() {
        narrowing_cpu();
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
