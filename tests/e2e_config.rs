//! The config file, the clipboard and `q` in the real binary, in tmux: what a reader who set
//! quipu up for themselves sees.

mod common;

use common::tmux::Tmux;

/// quipu in a 100x30 pane with `config` as its config file (none when empty).
fn start(name: &str, config: &str) -> Option<(Tmux, tempfile::TempDir)> {
    let tmux = Tmux::new(name)?;
    let home = tempfile::tempdir().expect("a temporary directory");
    if !config.is_empty() {
        let dir = home.path().join("quipu");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("config.toml"), config).unwrap();
    }
    let command = format!(
        "TERM=xterm-256color XDG_CONFIG_HOME={} {}; echo EXIT=$?; sleep 60",
        home.path().display(),
        env!("CARGO_BIN_EXE_quipu")
    );
    tmux.session((100, 30), None, &command);
    Some((tmux, home))
}

#[test]
fn a_rebound_key_works_and_the_footer_says_so() {
    let config = "[keys.timeline]\n\"ctrl-n\" = \"next\"\n\"j\" = \"none\"\n";
    let Some((tmux, _home)) = start("rebind", config) else {
        return;
    };
    tmux.wait_for("the footer with the new key", |s| s.contains("C-n/k move"));
    tmux.send(&["j"]);
    let screen = tmux.wait_for("the first event still selected", |s| s.contains(" 1/"));
    assert!(screen.contains("C-n/k move"));
    tmux.send(&["C-n"]);
    tmux.wait_for("the second event", |s| s.contains(" 2/"));
    tmux.send(&["q"]);
    tmux.wait_for("a clean exit", |s| s.contains("EXIT=0"));
}

/// `y` puts the citation on the clipboard through OSC 52, which tmux keeps as a paste buffer.
#[test]
fn y_copies_the_citation_through_the_terminal() {
    let Some((tmux, _home)) = start("copy", "") else {
        return;
    };
    let out = tmux.run(&["set-option", "-g", "set-clipboard", "on"]);
    assert!(out.status.success(), "{out:?}");
    tmux.wait_for("the explorer", |s| s.contains("j/k move"));
    tmux.send(&["t"]);
    tmux.send(&["-l", "1992-04-05"]);
    tmux.send(&["Enter"]);
    tmux.wait_for("the self-coup", |s| s.contains("│ Fujimori's self-coup"));
    tmux.send(&["y"]);
    tmux.wait_for("the status line", |s| {
        s.contains("copied the citation to the clipboard")
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let buffer = loop {
        let out = tmux.run(&["show-buffer"]);
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        if out.status.success() && !text.is_empty() {
            break text;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no paste buffer: {out:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(buffer.starts_with("\"Fujimori's self-coup"), "{buffer:?}");
    assert!(buffer.contains("(5 April 1992)"), "{buffer:?}");
    tmux.send(&["Y"]);
    tmux.wait_for("the id copied", |s| s.contains("copied the id self-coup"));
    let out = tmux.run(&["show-buffer"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "self-coup");
}

/// `q` closes help, as less does, and only then quits.
#[test]
fn q_closes_help_before_it_quits() {
    let Some((tmux, _home)) = start("q", "") else {
        return;
    };
    tmux.wait_for("the explorer", |s| s.contains("j/k move"));
    tmux.send(&["?"]);
    tmux.wait_for("help", |s| s.contains("Every key, and where it works"));
    tmux.send(&["q"]);
    tmux.wait_for("help closed", |s| {
        !s.contains("Every key") && s.contains("j/k move")
    });
    tmux.send(&["q"]);
    tmux.wait_for("a clean exit", |s| s.contains("EXIT=0"));
}
