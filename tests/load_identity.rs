//! Loading gets faster without changing what it loads: generated chronologies of 20,000 events
//! (imprecise dates of every form, causal diamonds, intervals with open ends) load to exactly the
//! counts, order and content the loader gave before the load budgets of issue #17 were worked on.
//! The digests below were computed by that older loader (commit 26fb0ee) and are recorded here;
//! a change to the loader that moves one event, link or string changes them.
//!
//! The file path goes through `Chronology::check_path` (what `quipu check` and the explorer use)
//! and the text through `Chronology::from_str`: both must agree.

use std::io::Write;

use quipu::model::raw::{RawChronology, RawEventRef};
use quipu::model::{Chronology, Link};
use quipu_gen::{Generator, Layout, Spec};

/// FNV-1a, 64 bits: a fixed, documented hash, so a digest recorded once stays comparable.
struct Digest(u64);

impl Digest {
    fn new() -> Digest {
        Digest(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }

    fn text(&mut self, text: &str) {
        self.bytes(text.as_bytes());
    }

    fn opt(&mut self, text: Option<&str>) {
        match text {
            Some(text) => self.text(text),
            None => self.bytes(b"\0none"),
        }
    }

    fn num(&mut self, n: i64) {
        self.bytes(&n.to_le_bytes());
    }

    fn links(&mut self, links: &[Link]) {
        self.num(links.len() as i64);
        for link in links {
            self.num(link.event as i64);
            self.text(link.basis.as_str());
            self.opt(link.note.as_deref());
        }
    }
}

/// What a load produced, as counts and digests of everything in reading order.
#[derive(Debug, PartialEq, Eq)]
struct Summary {
    events: usize,
    actors: usize,
    sources: usize,
    eras: usize,
    links: usize,
    participations: usize,
    /// The ids in reading order alone, so a failure says whether the order moved.
    order: u64,
    /// Every field of every event, in reading order.
    events_digest: u64,
    /// Actors, their events (`events_of`), sources and eras.
    rest_digest: u64,
}

fn summary(chronology: &Chronology) -> Summary {
    let mut order = Digest::new();
    let mut events = Digest::new();
    for (ix, event) in chronology.events.iter().enumerate() {
        order.text(&event.id);
        assert_eq!(
            chronology.event_ix(&event.id),
            Some(ix),
            "event_ix of {}",
            event.id
        );
        events.text(&event.id);
        events.text(&event.date.text);
        events.num(event.date.earliest);
        events.num(event.date.latest);
        events.opt(event.display_date.as_deref());
        events.text(&event.human_date());
        events.text(&event.title);
        events.num(event.aliases.len() as i64);
        event.aliases.iter().for_each(|a| events.text(a));
        events.text(&event.summary);
        events.text(event.basis.as_str());
        events.num(event.actors.len() as i64);
        for p in &event.actors {
            events.num(p.actor as i64);
            events.opt(p.role.as_deref());
        }
        events.links(&event.consequences);
        events.links(&event.causes);
        events.num(event.tags.len() as i64);
        event.tags.iter().for_each(|t| events.text(t));
        events.num(event.sources.len() as i64);
        for c in &event.sources {
            events.num(c.source as i64);
            events.opt(c.locator.as_deref());
        }
    }
    let mut rest = Digest::new();
    rest.text(&chronology.title);
    rest.opt(chronology.description.as_deref());
    for (ix, actor) in chronology.actors.iter().enumerate() {
        assert_eq!(
            chronology.actor_ix(&actor.id),
            Some(ix),
            "actor_ix of {}",
            actor.id
        );
        rest.text(&actor.id);
        rest.text(&actor.name);
        rest.text(actor.kind.as_str());
        actor.aliases.iter().for_each(|a| rest.text(a));
        rest.opt(actor.description.as_deref());
        let of = chronology.events_of(ix);
        rest.num(of.len() as i64);
        of.iter().for_each(|&e| rest.num(e as i64));
    }
    for source in &chronology.sources {
        rest.text(&source.id);
        rest.text(&source.title);
        rest.opt(source.url.as_deref());
        rest.opt(source.note.as_deref());
    }
    for era in &chronology.eras {
        rest.text(&era.id);
        rest.text(&era.title);
        rest.text(&era.date.text);
    }
    Summary {
        events: chronology.events.len(),
        actors: chronology.actors.len(),
        sources: chronology.sources.len(),
        eras: chronology.eras.len(),
        links: chronology.link_count(),
        participations: chronology.events.iter().map(|e| e.actors.len()).sum(),
        order: order.0,
        events_digest: events.0,
        rest_digest: rest.0,
    }
}

fn generator() -> Generator {
    Generator::new(Spec {
        events: 20_000,
        actors: 1_000,
        seed: 17,
    })
}

/// Loads `json` from a file and from the text; both ways must give the same chronology.
fn load_both_ways(json: &str) -> Summary {
    let mut file = tempfile::NamedTempFile::new().expect("a temporary file");
    file.write_all(json.as_bytes()).expect("written");
    let checked = Chronology::check_path(file.path()).expect("readable");
    assert!(
        checked.diagnostics.is_empty(),
        "{:?}",
        checked.diagnostics.first()
    );
    let from_file = summary(&checked.chronology.expect("valid"));
    let from_text = summary(&Chronology::from_str(json).expect("valid"));
    assert_eq!(from_file, from_text, "a file and its text load alike");
    from_file
}

/// Causal diamonds (a → b, a → c, b → d, c → d): two paths to one event, which ordering and
/// cycle search must treat as one event reached twice, not as a cycle.
fn diamonds(raw: &RawChronology) -> usize {
    let index: std::collections::HashMap<&str, usize> = raw
        .events
        .iter()
        .enumerate()
        .map(|(ix, e)| (e.id.as_str(), ix))
        .collect();
    let effects = |ix: usize| -> Vec<usize> {
        raw.events[ix]
            .consequences
            .iter()
            .map(|c| index[c.event()])
            .collect()
    };
    let mut count = 0;
    for a in 0..raw.events.len() {
        let middle = effects(a);
        let mut reached = std::collections::HashMap::new();
        for &b in &middle {
            for d in effects(b) {
                *reached.entry(d).or_insert(0) += 1;
            }
        }
        count += reached.values().filter(|&&n| n >= 2).count();
    }
    count
}

#[test]
fn a_generated_chronology_loads_as_it_did_before() {
    let generator = generator();
    let raw = generator.chronology();
    assert!(diamonds(&raw) >= 100, "the file has causal diamonds");
    let got = load_both_ways(&generator.to_json(Layout::Pretty));
    assert_eq!(
        got,
        Summary {
            events: 20_000,
            actors: 1_000,
            sources: 100,
            eras: 7,
            links: 22_595,
            participations: 50_024,
            order: 17_503_092_479_581_699_467,
            events_digest: 4_807_453_929_575_076_346,
            rest_digest: 5_952_522_999_145_790_529,
        }
    );
}

#[test]
fn a_generated_chronology_of_short_events_loads_as_it_did_before() {
    let got = load_both_ways(&generator().short_events().to_json(Layout::Compact));
    assert_eq!(
        got,
        Summary {
            events: 20_000,
            actors: 1_000,
            sources: 100,
            eras: 7,
            links: 22_595,
            participations: 50_024,
            order: 17_503_092_479_581_699_467,
            events_digest: 639_881_611_703_452_481,
            rest_digest: 5_952_522_999_145_790_529,
        }
    );
}

/// Closing a chain of links into a loop is refused, with the same diagnostics as before.
#[test]
fn a_cycle_in_a_generated_chronology_is_refused_as_before() {
    let mut raw = generator().chronology();
    // Follow first consequences from the first event that has one, three steps, then link back.
    let index: std::collections::HashMap<String, usize> = raw
        .events
        .iter()
        .enumerate()
        .map(|(ix, e)| (e.id.clone(), ix))
        .collect();
    let start = raw
        .events
        .iter()
        .position(|e| !e.consequences.is_empty())
        .expect("a linked event");
    let mut at = start;
    for _ in 0..3 {
        match raw.events[at].consequences.first() {
            Some(next) => at = index[next.event()],
            None => break,
        }
    }
    assert_ne!(at, start);
    let back = raw.events[start].id.clone();
    raw.events[at].consequences.push(RawEventRef::Id(back));
    let json = serde_json::to_string_pretty(&raw).expect("serialisable");
    let checked = Chronology::check(&json);
    assert!(checked.chronology.is_none(), "a cycle is refused");
    let rendered: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| d.render("gen.json"))
        .collect();
    assert_eq!(
        rendered,
        [
            "gen.json:98177:9: warning: consequence `hostages-0` (12 October 1989) is dated before its cause `report-3636` (1990) (at events[3636].consequences[1])\n  help: check both dates, or whether the link points the wrong way",
            "gen.json:98177:9: error: causal cycle: hostages-0 → visit-17693 → visit-18504 → report-3636 → hostages-0 (at events[3636].consequences[1])\n  help: an event cannot lead back to itself; remove one of these links",
        ]
    );
}
