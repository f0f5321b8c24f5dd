//! The real binary in a real terminal: tmux runs quipu, we type as a person would and read the
//! screen. Fails (does not skip) when tmux is missing, unless QUIPU_SKIP_TMUX=1.

mod common;

use common::tmux::Tmux;
use std::process::Command;

/// A tmux server running `quipu ARGS` in a `width`x`height` pane, or `None` when the test is to
/// be skipped (tmux missing and QUIPU_SKIP_TMUX=1).
fn start(name: &str, width: u16, height: u16, env: &str, args: &str) -> Option<Tmux> {
    start_in(name, width, height, env, args, None)
}

/// Like [`start`], with the pane's working directory set (where `e` writes its file).
fn start_in(
    name: &str,
    width: u16,
    height: u16,
    env: &str,
    args: &str,
    dir: Option<&std::path::Path>,
) -> Option<Tmux> {
    common::tmux::quipu(name, (width, height), env, args, dir)
}

#[test]
fn explore_the_self_coup_and_come_back() {
    let Some(tmux) = start("coup", 120, 40, "", "") else {
        return;
    };

    tmux.wait_for("the title", |s| {
        s.contains("Foreign relations of Peru") && s.contains("j/k move")
    });

    tmux.send(&["t"]);
    tmux.wait_for("the date prompt", |s| s.contains("Jump to date"));
    tmux.send(&["-l", "1992-04-05"]);
    tmux.send(&["Enter"]);
    // One wait for both: under load a capture can catch a frame half drawn.
    tmux.wait_for("the self-coup and its consequences", |s| {
        s.contains("│ Fujimori's self-coup suspends")
            && s.contains("The United States suspends all but")
    });

    // Tab to the actors, Tab to the consequences, down to the third (US aid), follow it.
    tmux.send(&["Tab", "Tab", "j", "j", "Enter"]);
    tmux.wait_for("the US aid suspension", |s| {
        s.contains("│ The United States suspends all but")
    });

    tmux.send(&["BSpace"]);
    tmux.wait_for("back on the self-coup", |s| {
        s.contains("│ Fujimori's self-coup suspends")
    });

    tmux.send(&["c"]);
    tmux.wait_for("the chain view", |s| {
        s.contains("Chain:") && s.contains("Consequences (downstream)")
    });
    tmux.send(&["Escape"]);
    tmux.wait_for("the chain closed", |s| !s.contains("Chain:"));

    tmux.send(&["q"]);
    let screen = tmux.wait_for("a clean exit", |s| s.contains("EXIT="));
    assert!(screen.contains("EXIT=0"), "exit status:\n{screen}");
    assert!(
        !screen.contains("j/k move"),
        "the alternate screen is gone:\n{screen}"
    );
}

#[test]
fn search_filters_to_an_actor_and_e_writes_the_view() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let Some(tmux) = start_in("palette", 120, 40, "", "", Some(dir.path())) else {
        return;
    };
    tmux.wait_for("the title", |s| {
        s.contains("Foreign relations of Peru") && s.contains("j/k move")
    });

    tmux.send(&["/"]);
    tmux.wait_for("the palette", |s| {
        s.contains("actors and events… (@actors, #events)")
    });
    tmux.send(&["-l", "venez"]);
    tmux.wait_for("Venezuela ranked", |s| {
        s.contains("/ venez█") && s.contains("Venezuela")
    });
    tmux.send(&["Enter"]);
    tmux.wait_for("the timeline filtered to Venezuela", |s| {
        s.contains("only: actor:venezuela") && !s.contains("Search actors")
    });

    tmux.send(&["e"]);
    tmux.wait_for("the export menu", |s| s.contains("m Markdown"));
    tmux.send(&["m"]);
    let screen = tmux.wait_for("the export message", |s| s.contains("exported "));
    // Named after the query that selected the events.
    let file = dir.path().join("actor-venezuela.md");
    let written = std::fs::read_to_string(&file)
        .unwrap_or_else(|err| panic!("{} not written ({err}); screen:\n{screen}", file.display()));
    assert!(
        written.contains("Venezuela"),
        "the export holds the filtered view:\n{written}"
    );
    assert!(
        screen.contains("actor-venezuela.md"),
        "the footer names the file:\n{screen}"
    );

    // A second export never overwrites the first.
    tmux.send(&["e"]);
    tmux.wait_for("the export menu", |s| s.contains("m Markdown"));
    tmux.send(&["m"]);
    tmux.wait_for("the second file", |s| s.contains("venezuela-2.md"));
    assert!(dir.path().join("actor-venezuela-2.md").exists());

    // The same view as quipu JSON, which loads as a chronology of just those events.
    tmux.send(&["e"]);
    tmux.wait_for("the export menu", |s| s.contains("j JSON"));
    tmux.send(&["j"]);
    tmux.wait_for("the JSON file", |s| s.contains("venezuela.json"));
    let json = dir.path().join("actor-venezuela.json");
    let exported = quipu::model::Chronology::from_path(&json).expect("the export loads");
    assert!(
        !exported.events.is_empty() && exported.events.len() < 55,
        "{} events",
        exported.events.len()
    );

    tmux.send(&["q"]);
    let screen = tmux.wait_for("a clean exit", |s| s.contains("EXIT="));
    assert!(screen.contains("EXIT=0"), "exit status:\n{screen}");
}

#[test]
fn small_monochrome_terminal_without_mouse() {
    let Some(tmux) = start("small", 80, 24, "NO_COLOR=1", "--no-mouse") else {
        return;
    };
    tmux.wait_for("the title", |s| {
        s.contains("Foreign relations of Peru") && s.contains("1/56")
    });
    tmux.send(&["G"]);
    tmux.wait_for("the last event", |s| s.contains("56/56"));
    tmux.send(&["?"]);
    tmux.wait_for("help", |s| {
        s.contains("Help") && s.contains("next event or item")
    });
    tmux.send(&["Escape"]);
    tmux.wait_for("help closed", |s| !s.contains("next event or item"));
    tmux.send(&["i"]);
    tmux.wait_for("the about screen", |s| {
        s.contains("About") && s.contains("Sources (2)")
    });
    // Scrolled to its end, it shows the tally by basis.
    tmux.send(&["G"]);
    tmux.wait_for("the counts by basis", |s| {
        s.contains("What the claims rest on") && s.contains("inferred")
    });
    tmux.send(&["Escape"]);
    tmux.wait_for("the about screen closed", |s| {
        !s.contains("What the claims")
    });
    tmux.send(&["a"]);
    tmux.wait_for("the actors view", |s| {
        s.contains("Actors (") && s.contains("events")
    });
    tmux.send(&["Enter"]);
    tmux.wait_for("the filter", |s| s.contains("only: actor:peru"));
    tmux.send(&["x"]);
    tmux.wait_for("the filter cleared", |s| !s.contains("only: actor:peru"));
    tmux.send(&["q"]);
    let screen = tmux.wait_for("a clean exit", |s| s.contains("EXIT="));
    assert!(screen.contains("EXIT=0"), "exit status:\n{screen}");
}

#[test]
fn a_bad_file_fails_before_touching_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{\"quipu\": 1, \"title\": 3}").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_quipu"))
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("broken.json:1:"),
        "diagnostic names the file and line: {stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "nothing drawn: {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// On a file with more matches than the palette ranks, Enter then `n` walks every match: the
/// loop finds them all on a thread after Enter, and `n` says where the reader is among them.
#[test]
fn n_counts_every_match_of_a_search_past_the_palette() {
    use quipu_gen::{Generator, Layout, Spec};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("generated.json");
    let json = Generator::new(Spec {
        events: 3_000,
        actors: 150,
        seed: 3,
    })
    .to_json(Layout::Compact);
    std::fs::write(&path, json).unwrap();
    let Some(tmux) = start("all-matches", 120, 40, "", &path.display().to_string()) else {
        return;
    };
    tmux.wait_for("the timeline", |s| s.contains("/3000"));
    tmux.send(&["/"]);
    tmux.send(&["-l", "#a"]);
    tmux.wait_for("a full palette", |s| s.contains("best 200"));
    tmux.send(&["Enter"]);
    tmux.wait_for("the palette to close", |s| !s.contains("best 200"));
    // A press before the thread has counted them all waits for it ("counting the matches").
    tmux.send(&["n"]);
    let screen = tmux.wait_for("every match counted", |s| s.contains("#a: match "));
    let total: usize = screen
        .split("#a: match ")
        .nth(1)
        .and_then(|rest| rest.split(" of ").nth(1))
        .and_then(|n| n.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in:\n{screen}"));
    assert!(total > 200, "{total} matches:\n{screen}");
    tmux.send(&["q"]);
    tmux.wait_for("quipu to exit", |s| s.contains("EXIT=0"));
}

/// The date prompt takes a date as people write it, and `s` opens the actors' lanes on it.
#[test]
fn type_a_written_date_and_open_the_lanes() {
    let Some(tmux) = start("lanes", 120, 40, "", "") else {
        return;
    };
    tmux.wait_for("the title", |s| {
        s.contains("Foreign relations of Peru") && s.contains("j/k move")
    });
    tmux.send(&["t"]);
    tmux.wait_for("the date prompt", |s| s.contains("Jump to date"));
    tmux.send(&["-l", "5 April 1992"]);
    tmux.send(&["Enter"]);
    tmux.wait_for("the self-coup", |s| {
        s.contains("│ Fujimori's self-coup suspends") && !s.contains("Jump to date")
    });

    tmux.send(&["s"]);
    let screen = tmux.wait_for("the lanes", |s| {
        s.contains("Lanes (") && s.contains("month/season/year") && s.contains("j/k lane")
    });
    assert!(screen.contains("Alberto Fujimori"), "{screen}");
    assert!(screen.contains('●'), "a day is a point:\n{screen}");

    // Enter on the next event of the lane shows it in the timeline.
    tmux.send(&["l"]);
    tmux.send(&["Enter"]);
    tmux.wait_for("the timeline again", |s| !s.contains("Lanes ("));
    tmux.send(&["q"]);
    let screen = tmux.wait_for("a clean exit", |s| s.contains("EXIT="));
    assert!(screen.contains("EXIT=0"), "{screen}");
}
