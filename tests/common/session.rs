//! A quipu session run from a script in its own directory: the script waits for a `go` file, so
//! a test can start recording the pane's raw output before quipu writes its first byte; after
//! quipu ends it prints the exit status and the terminal modes, then idles so the pane can be read.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::tmux::Tmux;

/// One quipu session run from a script in its own directory (see the top of this file).
pub struct Session {
    pub tmux: Tmux,
    pub dir: tempfile::TempDir,
}

/// The pane's keys, screen and variables are the tmux server's.
impl std::ops::Deref for Session {
    type Target = Tmux;
    fn deref(&self) -> &Tmux {
        &self.tmux
    }
}

impl Session {
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Lets quipu start.
    pub fn go(&self) {
        std::fs::write(self.path("go"), "").unwrap();
    }

    /// quipu's process id, once the script has written it.
    pub fn pid(&self) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(pid) = std::fs::read_to_string(self.path("pid"))
                && !pid.trim().is_empty()
            {
                return pid.trim().to_owned();
            }
            assert!(Instant::now() < deadline, "quipu never started");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Everything the pane's program wrote, byte for byte (after `record`).
    pub fn raw(&self) -> Vec<u8> {
        std::fs::read(self.path("raw")).unwrap_or_default()
    }

    pub fn record(&self) {
        let command = format!("cat >> '{}'", self.path("raw").display());
        let out = self.run(&["pipe-pane", "-o", "-t", "quipu", &command]);
        assert!(out.status.success(), "pipe-pane failed: {out:?}");
    }

    /// Waits for the script's report after quipu ended: (exit status, terminal modes).
    pub fn finished(&self) -> (String, String) {
        let screen = self.wait_for("quipu to exit", |s| s.contains("MODES="));
        let field = |name: &str| {
            screen
                .lines()
                .find_map(|l| l.trim().strip_prefix(name))
                .unwrap_or_default()
                .trim()
                .to_owned()
        };
        (field("EXIT="), field("MODES="))
    }
}

/// A session running `quipu ARGS` with `env` once `go` is called, or `None` when the test is to
/// be skipped (tmux missing and QUIPU_SKIP_TMUX=1).
pub fn start(name: &str, env: &str, args: &[&Path]) -> Option<Session> {
    let session = Session {
        tmux: Tmux::new(name)?,
        dir: tempfile::tempdir().unwrap(),
    };
    let dir = session.dir.path().display().to_string();
    let args: Vec<String> = args.iter().map(|a| format!("'{}'", a.display())).collect();
    // `exec` keeps the pid written by the inner shell, so signals go to quipu itself.
    let script = format!(
        r#"export TERM=xterm-256color XDG_CONFIG_HOME=/nonexistent {env}
while [ ! -e '{dir}/go' ]; do sleep 0.02; done
sh -c 'echo $$ > "$0/pid"; exec "$@"' '{dir}' '{bin}' {args}
echo "EXIT=$?"
echo "MODES=$(stty -a | tr ' ;' '\n\n' | grep -E '^-?(icanon|echo|isig)$' | tr '\n' ' ')"
sleep 60
"#,
        bin = env!("CARGO_BIN_EXE_quipu"),
        args = args.join(" "),
    );
    std::fs::write(session.path("run.sh"), script).unwrap();
    let command = format!("sh '{dir}/run.sh'");
    session.session((100, 30), None, &command);
    Some(session)
}
