//! `E`: the reader's editor, at the event's line. Which editor (`$VISUAL`, else `$EDITOR`, else
//! `vi`, split into words as a shell would), how it is told the line (each editor has its own
//! way), finding the line off the UI thread, and running the editor in the foreground until it
//! exits. Handing the terminal over and back is the screen's (`Screen::edit` in `mod.rs`).

use std::ffi::OsString;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;

use rustix::process::{Pid, Signal, WaitOptions, WaitStatus, kill_process, waitpid};

use crate::app::edit::{EditOutcome, EditTarget};
use crate::interchange::event_line::event_line_in_file;
use crate::model::input::display_name;

/// The editor to run: its program and the words that came with it (`code --wait`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Editor {
    pub(super) program: String,
    pub(super) args: Vec<String>,
    /// The variable it came from; `None` for the `vi` fallback.
    pub(super) variable: Option<&'static str>,
}

/// `$VISUAL`, else `$EDITOR`, else `vi`, as git and most Unix tools choose. A variable that is
/// empty or all blanks counts as unset; one that cannot be split (an unclosed quote) is an error
/// rather than a guess.
pub(super) fn choose(visual: Option<&str>, editor: Option<&str>) -> Result<Editor, EditOutcome> {
    for (variable, value) in [("VISUAL", visual), ("EDITOR", editor)] {
        let Some(value) = value.filter(|v| !v.trim().is_empty()) else {
            continue;
        };
        let mut words = shlex::split(value)
            .ok_or(EditOutcome::Unsplittable { variable })?
            .into_iter();
        let Some(program) = words.next() else {
            continue;
        };
        return Ok(Editor {
            program,
            args: words.collect(),
            variable: Some(variable),
        });
    }
    Ok(Editor {
        program: "vi".to_owned(),
        args: Vec::new(),
        variable: None,
    })
}

/// The editor from this process's environment.
pub(super) fn from_environment() -> Result<Editor, EditOutcome> {
    let read = |name: &str| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
    choose(read("VISUAL").as_deref(), read("EDITOR").as_deref())
}

/// How an editor is told which line to open at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineStyle {
    /// `+LINE FILE`: vi and its descendants, nano, emacs, micro, kak, and the default.
    Plus,
    /// `FILE:LINE`: helix, Sublime Text, Zed.
    Colon,
    /// `-g FILE:LINE`: VS Code and its builds.
    Goto,
    /// `FLAG LINE FILE`: Kate and TextMate (`-l`), the JetBrains IDEs (`--line`).
    Flag(&'static str),
}

/// Editors by the base name of their program. Any other takes `+LINE FILE`, which most
/// terminal editors understand.
const EDITORS: &[(&str, LineStyle)] = &[
    ("vi", LineStyle::Plus),
    ("vim", LineStyle::Plus),
    ("nvim", LineStyle::Plus),
    ("gvim", LineStyle::Plus),
    ("nano", LineStyle::Plus),
    ("emacs", LineStyle::Plus),
    ("emacsclient", LineStyle::Plus),
    ("micro", LineStyle::Plus),
    ("kak", LineStyle::Plus),
    ("hx", LineStyle::Colon),
    ("helix", LineStyle::Colon),
    ("subl", LineStyle::Colon),
    ("zed", LineStyle::Colon),
    ("zeditor", LineStyle::Colon),
    ("code", LineStyle::Goto),
    ("code-insiders", LineStyle::Goto),
    ("codium", LineStyle::Goto),
    ("kate", LineStyle::Flag("-l")),
    ("mate", LineStyle::Flag("-l")),
    ("idea", LineStyle::Flag("--line")),
    ("pycharm", LineStyle::Flag("--line")),
    ("clion", LineStyle::Flag("--line")),
];

fn style_of(program: &str) -> LineStyle {
    let base = Path::new(program)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(program);
    let base = base.strip_suffix(".exe").unwrap_or(base);
    EDITORS
        .iter()
        .find(|(name, _)| *name == base)
        .map_or(LineStyle::Plus, |(_, style)| *style)
}

/// The arguments that open `file` at `line` in `program` (after the words `$EDITOR` gave it).
/// Without a line, just the file. A relative name starting with `-` or `+` is written `./name`,
/// so no editor takes the file for an option or a line.
pub(super) fn arguments(program: &str, file: &Path, line: Option<usize>) -> Vec<OsString> {
    let file: PathBuf = match file.to_str() {
        Some(name) if file.is_relative() && name.starts_with(['-', '+']) => {
            Path::new(".").join(file)
        }
        _ => file.to_path_buf(),
    };
    let Some(line) = line else {
        return vec![file.into_os_string()];
    };
    let with_line = || {
        let mut joined = file.clone().into_os_string();
        joined.push(format!(":{line}"));
        joined
    };
    match style_of(program) {
        LineStyle::Plus => vec![format!("+{line}").into(), file.into_os_string()],
        LineStyle::Colon => vec![with_line()],
        LineStyle::Goto => vec!["-g".into(), with_line()],
        LineStyle::Flag(flag) => vec![flag.into(), line.to_string().into(), file.into_os_string()],
    }
}

/// An edit whose line is known, ready to hand the terminal over for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Ready {
    pub(super) path: PathBuf,
    pub(super) line: Option<usize>,
    /// Why the editor opens at the top instead of at the event, when it does.
    pub(super) note: Option<String>,
}

/// The edit asked for last: its line being found on a thread, or found.
#[derive(Default)]
pub(super) struct Edits {
    finding: Option<mpsc::Receiver<Ready>>,
    ready: Option<Ready>,
}

impl Edits {
    /// Starts an edit of `path` at `target`. An event's line is looked for on a thread: the
    /// file is read and scanned whole, which takes a while at a million events, and the screen
    /// stays responsive meanwhile. A newer `E` replaces an older one still looking.
    pub(super) fn start(&mut self, path: PathBuf, target: EditTarget) {
        self.ready = None;
        self.finding = None;
        let id = match target {
            EditTarget::Line(line) => {
                self.ready = Some(Ready {
                    path,
                    line: Some(line),
                    note: None,
                });
                return;
            }
            EditTarget::Event(id) => id,
        };
        let (send, answer) = mpsc::channel();
        let look = {
            let path = path.clone();
            let id = id.clone();
            move || {
                let _ = send.send(find(path, &id));
            }
        };
        match std::thread::Builder::new()
            .name("quipu-find-line".into())
            .spawn(look)
        {
            Ok(_) => self.finding = Some(answer),
            Err(err) => {
                self.ready = Some(Ready {
                    path,
                    line: None,
                    note: Some(format!("could not look for the event's line: {err}")),
                })
            }
        }
    }

    /// The edit to run now, if its line has been found.
    pub(super) fn take_ready(&mut self) -> Option<Ready> {
        if let Some(answer) = &self.finding {
            match answer.try_recv() {
                Ok(ready) => {
                    self.finding = None;
                    self.ready = Some(ready);
                }
                Err(mpsc::TryRecvError::Empty) => {}
                // The thread died (a panic, reported at exit): nothing to open.
                Err(mpsc::TryRecvError::Disconnected) => self.finding = None,
            }
        }
        self.ready.take()
    }

    /// Whether a line is still being looked for, so the loop looks again soon.
    pub(super) fn busy(&self) -> bool {
        self.finding.is_some()
    }
}

/// The line of event `id` in the file as it is now, or the top of the file and why.
fn find(path: PathBuf, id: &str) -> Ready {
    super::hooks::before_find_line();
    let shown = crate::text::escape_controls(id).into_owned();
    // A FIFO or a device would be read anew, or block this thread for good: only a regular
    // file is looked into.
    if std::fs::metadata(&path).is_ok_and(|m| !m.is_file()) {
        let note = format!(
            "{} is not a regular file: opened as it is",
            display_name(&path)
        );
        return Ready {
            path,
            line: None,
            note: Some(note),
        };
    }
    let (line, note) = match event_line_in_file(&path, id) {
        Ok(Some(line)) => (Some(line), None),
        Ok(None) => (
            None,
            Some(format!(
                "`{shown}` is no longer in the file: opened at the top"
            )),
        ),
        Err(why) => (
            None,
            Some(format!(
                "{} could not be read to find `{shown}` ({}): opened as it is",
                display_name(&path),
                crate::text::escape_controls(why.lines().next().unwrap_or_default())
            )),
        ),
    };
    Ready { path, line, note }
}

/// Runs the editor on the ready edit in the foreground and waits for it. The terminal must
/// already be handed over. The editor shares quipu's process group, as an editor run by git
/// does: C-c and C-z typed in it reach quipu too, whose handlers only set flags the caller then
/// forgets (see `Screen::edit`).
pub(super) fn run(editor: &Editor, ready: &Ready) -> EditOutcome {
    let mut command = Command::new(&editor.program);
    command
        .args(&editor.args)
        .args(arguments(&editor.program, &ready.path, ready.line));
    // Keys for the editor come from the terminal even when quipu's standard input is a pipe.
    if !io::stdin().is_terminal()
        && let Ok(tty) = std::fs::File::open("/dev/tty")
    {
        command.stdin(Stdio::from(tty));
    }
    let child = match command.spawn() {
        Ok(child) => child,
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            return EditOutcome::NotFound {
                program: editor.program.clone(),
                variable: editor.variable,
            };
        }
        Err(err) => {
            return EditOutcome::CannotStart {
                program: editor.program.clone(),
                error: err.to_string(),
            };
        }
    };
    let program = editor.program.clone();
    match wait(Pid::from_child(&child)) {
        Ok(status) => match (status.exit_status(), status.terminating_signal()) {
            (Some(0), _) => EditOutcome::Done {
                program,
                path: ready.path.clone(),
                line: ready.line,
                note: ready.note.clone(),
            },
            (Some(status), _) => EditOutcome::Failed { program, status },
            (None, Some(signal)) => EditOutcome::Killed { program, signal },
            (None, None) => EditOutcome::CannotStart {
                program,
                error: "it ended in a way the system did not say".to_owned(),
            },
        },
        Err(err) => EditOutcome::CannotStart {
            program,
            error: format!("waiting for it failed: {err}"),
        },
    }
}

/// Waits for the editor to end. When it stops instead (C-z in vim), quipu stops too, so the
/// shell sees its job stopped and gives its prompt back; on `fg` both go on (the shell continues
/// the whole process group; the editor is continued once more in case only quipu was).
fn wait(pid: Pid) -> io::Result<WaitStatus> {
    loop {
        match waitpid(Some(pid), WaitOptions::UNTRACED) {
            Ok(Some((_, status))) if status.stopped() => {
                super::signals::stop_here();
                let _ = kill_process(pid, Signal::CONT);
            }
            Ok(Some((_, status))) => return Ok(status),
            Ok(None) | Err(rustix::io::Errno::INTR) => {}
            Err(err) => return Err(err.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(program: &str, file: &str, line: Option<usize>) -> Vec<String> {
        arguments(program, Path::new(file), line)
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn a_fifo_is_not_read_to_find_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        // Reading it would block until a writer came; none will.
        let ready = find(fifo.clone(), "x");
        assert_eq!(ready.line, None);
        assert!(ready.note.unwrap().contains("not a regular file"));
    }

    #[test]
    fn each_editor_is_told_the_line_its_own_way() {
        let cases: &[(&str, &[&str])] = &[
            ("vi", &["+12", "a.json"]),
            ("vim", &["+12", "a.json"]),
            ("nvim", &["+12", "a.json"]),
            ("nano", &["+12", "a.json"]),
            ("emacs", &["+12", "a.json"]),
            ("emacsclient", &["+12", "a.json"]),
            ("micro", &["+12", "a.json"]),
            ("kak", &["+12", "a.json"]),
            ("hx", &["a.json:12"]),
            ("helix", &["a.json:12"]),
            ("subl", &["a.json:12"]),
            ("zed", &["a.json:12"]),
            ("code", &["-g", "a.json:12"]),
            ("codium", &["-g", "a.json:12"]),
            ("kate", &["-l", "12", "a.json"]),
            ("idea", &["--line", "12", "a.json"]),
            // Unknown editors get what most terminal editors take.
            ("my-editor", &["+12", "a.json"]),
        ];
        for (program, want) in cases {
            assert_eq!(args(program, "a.json", Some(12)), *want, "{program}");
        }
    }

    #[test]
    fn the_base_name_decides_wherever_the_program_lives() {
        assert_eq!(args("/usr/local/bin/hx", "a.json", Some(3)), ["a.json:3"]);
        assert_eq!(args("code.exe", "a.json", Some(3)), ["-g", "a.json:3"]);
        assert_eq!(args("/opt/vim/vimx", "a.json", Some(3)), ["+3", "a.json"]);
    }

    #[test]
    fn without_a_line_only_the_file_is_given() {
        assert_eq!(args("code", "a.json", None), ["a.json"]);
        assert_eq!(args("vim", "a.json", None), ["a.json"]);
    }

    #[test]
    fn a_file_named_like_an_option_is_not_taken_for_one() {
        assert_eq!(args("vim", "-x.json", Some(2)), ["+2", "./-x.json"]);
        assert_eq!(args("vim", "+5", None), ["./+5"]);
        assert_eq!(args("vim", "/tmp/-x.json", None), ["/tmp/-x.json"]);
    }

    #[test]
    fn visual_wins_then_editor_then_vi() {
        let visual = choose(Some("nvim"), Some("nano")).unwrap();
        assert_eq!(
            (visual.program.as_str(), visual.variable),
            ("nvim", Some("VISUAL"))
        );
        let editor = choose(None, Some("nano")).unwrap();
        assert_eq!(
            (editor.program.as_str(), editor.variable),
            ("nano", Some("EDITOR"))
        );
        let blank = choose(Some("  "), Some("")).unwrap();
        assert_eq!((blank.program.as_str(), blank.variable), ("vi", None));
    }

    #[test]
    fn the_variable_is_split_as_a_shell_would() {
        let code = choose(None, Some("code --wait")).unwrap();
        assert_eq!(code.program, "code");
        assert_eq!(code.args, ["--wait"]);
        let quoted = choose(
            Some(r#"'/Applications/My Editor/bin/ed' --flag "two words""#),
            None,
        )
        .unwrap();
        assert_eq!(quoted.program, "/Applications/My Editor/bin/ed");
        assert_eq!(quoted.args, ["--flag", "two words"]);
        assert_eq!(
            choose(Some("vim 'unclosed"), Some("nano")),
            Err(EditOutcome::Unsplittable { variable: "VISUAL" })
        );
    }
}
