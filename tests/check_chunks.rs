//! A large file's events are checked in chunks, on every core, and the chunks' findings merged.
//! Findings in several chunks must come out as one pass over the file would give them: each at
//! its event's own position, in file order, with its help; and `quipu check`'s report, which
//! does not build the chronology, must say what building it says.

use quipu::model::raw::{RawActorRef, RawEventRef};
use quipu::model::{Chronology, Counts, Report, Severity};
use quipu_gen::{Generator, Layout, Spec};

/// Three chunks of events and more (a chunk is 16,384).
fn generator() -> Generator {
    Generator::new(Spec {
        events: 40_000,
        actors: 500,
        seed: 3,
    })
}

#[test]
fn findings_in_every_chunk_are_merged_in_file_order() {
    let mut raw = generator().chronology();
    let actor = raw.actors[7].id.clone();
    raw.events[5].actors = vec![RawActorRef::Id(format!("{actor}x"))];
    raw.events[17_000].summary = Some("a bell \u{7} in the text".into());
    raw.events[20_000].date = "1991-13-45".into();
    let dangling = format!(
        "events[33000].consequences[{}]",
        raw.events[33_000].consequences.len()
    );
    raw.events[33_000]
        .consequences
        .push(RawEventRef::Id("no-such-event".into()));
    raw.events[39_999].title = " ".into();
    let json = serde_json::to_string_pretty(&raw).unwrap();

    let checked = Chronology::check(&json);
    assert!(checked.chronology.is_none());
    let found: Vec<(Severity, &str, &str, Option<&str>)> = checked
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.severity,
                d.path.as_deref().unwrap_or(""),
                d.message.as_str(),
                d.help.as_deref(),
            )
        })
        .collect();
    let unknown_actor = format!("unknown actor `{actor}x`");
    let did_you_mean = format!("did you mean `{actor}`?");
    assert_eq!(
        found,
        [
            (
                Severity::Error,
                "events[5].actors[0]",
                unknown_actor.as_str(),
                Some(did_you_mean.as_str())
            ),
            (
                Severity::Warning,
                "events[17000].summary",
                "control characters or escape sequences in text",
                Some("quipu removes them before showing the text; delete them from the file")
            ),
            (
                Severity::Error,
                "events[20000].date",
                "invalid date `1991-13-45`",
                found[2].3
            ),
            (
                Severity::Error,
                dangling.as_str(),
                "unknown event `no-such-event`",
                Some("define it in `events`, or correct the id")
            ),
            (
                Severity::Error,
                "events[39999].title",
                "an event's title is empty",
                None
            ),
        ]
        .as_slice()
    );
    assert!(
        found[2].3.is_some_and(|help| help.contains("month")),
        "{found:?}"
    );
    let lines: Vec<usize> = checked.diagnostics.iter().map(|d| d.line).collect();
    assert!(lines.is_sorted(), "{lines:?}");
    assert_eq!(Chronology::report(&json), Report::of(&checked));
}

#[test]
fn the_report_of_a_valid_file_counts_what_building_it_gives() {
    let json = generator().short_events().to_json(Layout::Compact);
    let report = Chronology::report(&json);
    let built = Chronology::from_str(&json).expect("valid");
    assert_eq!(report.counts, Some(Counts::of(&built)));
    assert_eq!(report.counts.map(|c| c.events), Some(40_000));
    assert!(report.diagnostics.is_empty());
}
