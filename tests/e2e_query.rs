//! The query in the real binary and a real terminal: `f` filters, the query is shown, `x`
//! clears it; `F` counts the events shown and Enter adds a term; the history is written to the
//! state directory. Fails (does not skip) when tmux is missing, unless QUIPU_SKIP_TMUX=1.

mod common;

use common::tmux::Tmux;

/// quipu on the shipped chronology in a 120x40 pane, its state (the query history) in `state`.
fn start(name: &str, state: &std::path::Path) -> Option<Tmux> {
    let env = format!("XDG_STATE_HOME={}", state.display());
    common::tmux::quipu(name, (120, 40), &env, "", None)
}

/// The position in the footer: `N/M`, M the number of events shown.
fn shown(screen: &str) -> usize {
    let footer = screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    let last = footer.split_whitespace().last().unwrap_or("");
    last.split('/')
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[test]
fn f_filters_shows_the_query_and_x_clears_it() {
    let state = tempfile::tempdir().unwrap();
    let Some(tmux) = start("filter", state.path()) else {
        return;
    };
    let screen = tmux.wait_for("the title", |s| {
        s.contains("Foreign relations of Peru") && s.contains("j/k move")
    });
    let all = shown(&screen);
    assert!(all > 20, "{screen}");

    tmux.send(&["f"]);
    tmux.wait_for("the filter prompt", |s| s.contains("Filter by a query"));
    tmux.send(&["-l", "actor:japan date:1990"]);
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("only Japan's 1990", |s| {
        s.contains("only: actor:japan date:1990") && !s.contains("Filter by a query")
    });
    let some = shown(&screen);
    assert!(some > 0 && some < all, "{some} of {all}:\n{screen}");
    assert!(screen.contains("Japan"), "{screen}");
    assert!(
        !screen.contains("Sendero Luminoso wages"),
        "not Japan's:\n{screen}"
    );

    tmux.send(&["x"]);
    let screen = tmux.wait_for("every event again", |s| !s.contains("only: "));
    assert_eq!(shown(&screen), all, "{screen}");

    let history = state.path().join("quipu").join("queries");
    let kept = std::fs::read_to_string(&history).unwrap_or_default();
    assert_eq!(kept, "actor:japan date:1990\n", "the history is kept");
    tmux.send(&["q"]);
    tmux.wait_for("quipu to exit", |s| s.contains("EXIT=0"));
}

#[test]
fn facets_count_and_enter_adds_a_term() {
    let state = tempfile::tempdir().unwrap();
    let Some(tmux) = start("facets", state.path()) else {
        return;
    };
    tmux.wait_for("the title", |s| {
        s.contains("Foreign relations of Peru") && s.contains("j/k move")
    });
    tmux.send(&["F"]);
    let screen = tmux.wait_for("the counts", |s| {
        s.contains("Facets of") && s.contains("Alberto Fujimori") && s.contains("█")
    });
    assert!(screen.contains("Peru"), "{screen}");
    // Peru is in most events, first; one down is the next busiest actor.
    tmux.send(&["j"]);
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("the term added", |s| {
        s.contains("only: actor:") && !s.contains("Facets of")
    });
    assert!(shown(&screen) > 0, "{screen}");
    tmux.send(&["q"]);
    tmux.wait_for("quipu to exit", |s| s.contains("EXIT=0"));
}
