//! The one search in the real binary (#14): `/coup` in a tmux pane shows actors and events
//! under their headings, Enter jumps to the self-coup, and `n` goes on to the next match. Fails
//! (does not skip) when tmux is missing, unless QUIPU_SKIP_TMUX=1.

mod common;

#[test]
fn slash_coup_shows_both_sections_enter_jumps_and_n_goes_on() {
    let Some(tmux) = common::tmux::quipu("search", (120, 40), "", "", None) else {
        return;
    };
    tmux.wait_for("the title", |s| {
        s.contains("Foreign relations of Peru") && s.contains("j/k move")
    });

    tmux.send(&["/"]);
    tmux.wait_for("the palette", |s| s.contains("(@actors, #events)"));
    tmux.send(&["-l", "coup"]);
    let screen = tmux.wait_for("both sections for coup", |s| {
        s.contains("/ coup█") && s.contains("Actors · ") && s.contains("Events · 1")
    });
    let line = |s: &str, needle: &str| s.lines().position(|l| l.contains(needle));
    assert!(
        line(&screen, "Actors · ") < line(&screen, "Events · "),
        "actors above events:\n{screen}"
    );
    assert!(screen.contains("Fujimori's self-coup suspends"), "{screen}");

    // Down past the one actor to the first event, then Enter: the palette closes on it.
    tmux.send(&["Down"]);
    tmux.send(&["Enter"]);
    tmux.wait_for("the first event of the search selected", |s| {
        !s.contains("Search actors") && s.contains("international community condemns")
    });
    tmux.send(&["n"]);
    tmux.wait_for("n steps to another match", |s| {
        s.contains("#coup: match ") || s.contains("search hit BOTTOM")
    });
    tmux.send(&["q"]);
    tmux.wait_for("quipu to exit", |s| s.contains("EXIT=0"));
}
