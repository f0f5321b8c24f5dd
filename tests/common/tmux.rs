//! A private tmux server for end-to-end tests: the real binary in a real terminal, typed at and
//! read as a person would.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// How long `wait_for` waits: generous, since CI machines run many tests at once.
const PATIENCE: Duration = Duration::from_secs(20);

/// A tmux server on its own socket, with one session named `quipu`; the server is killed when
/// the test ends however it ends.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A server on a socket unique to this test process and `name`, or `None` when tmux is
    /// missing and QUIPU_SKIP_TMUX=1. Without that variable a missing tmux fails the test: a
    /// skipped end-to-end test must be a decision, not an accident.
    pub fn new(name: &str) -> Option<Tmux> {
        let available = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !available {
            if std::env::var("QUIPU_SKIP_TMUX").as_deref() == Ok("1") {
                eprintln!("tmux not installed; skipped because QUIPU_SKIP_TMUX=1");
                return None;
            }
            panic!(
                "tmux is not installed: install it (apt-get install tmux) or set QUIPU_SKIP_TMUX=1"
            );
        }
        Some(Tmux {
            socket: format!("quipu-test-{}-{name}", std::process::id()),
        })
    }

    /// Starts the session `quipu` running the shell command `command` in a `width`x`height`
    /// pane, in `dir` when given.
    pub fn session(
        &self,
        (width, height): (u16, u16),
        dir: Option<&std::path::Path>,
        command: &str,
    ) {
        let (w, h) = (width.to_string(), height.to_string());
        let dir = dir.map(|d| d.display().to_string());
        let mut args = vec!["new-session", "-d", "-s", "quipu", "-x", &w, "-y", &h];
        if let Some(dir) = &dir {
            args.extend_from_slice(&["-c", dir]);
        }
        args.push(command);
        let out = self.run(&args);
        assert!(out.status.success(), "tmux new-session failed: {out:?}");
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "quipu"];
        args.extend_from_slice(keys);
        let out = self.run(&args);
        assert!(out.status.success(), "send-keys failed: {out:?}");
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "quipu"]).stdout)
            .into_owned()
    }

    /// A tmux format variable of the pane, e.g. `#{alternate_on}`.
    pub fn pane(&self, format: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", "quipu", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Polls the pane until `wanted` says yes, or fails with the last screen.
    pub fn wait_for(&self, what: &str, wanted: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let screen = self.screen();
            if wanted(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; the screen was:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// A tmux server running `quipu ARGS` (with `env` before it) in a `width`x`height` pane, in
/// `dir` when given (where `e` writes its file), or `None` when the test is to be skipped (tmux
/// missing and QUIPU_SKIP_TMUX=1). After quipu ends the pane prints `EXIT=` and its status.
pub fn quipu(
    name: &str,
    (width, height): (u16, u16),
    env: &str,
    args: &str,
    dir: Option<&std::path::Path>,
) -> Option<Tmux> {
    let tmux = Tmux::new(name)?;
    let command = format!(
        // No config file of the person running the tests may change the keys they type.
        "TERM=xterm-256color XDG_CONFIG_HOME=/nonexistent {env} {} {args}; echo EXIT=$?; sleep 60",
        env!("CARGO_BIN_EXE_quipu")
    );
    tmux.session((width, height), dir, &command);
    Some(tmux)
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}
