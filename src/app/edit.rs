//! `E`: the reader's editor at the selected event. `update` only decides what to open (or why
//! nothing can be); the shell finds the line in the file as it is on disk now, hands the
//! terminal over, waits, and answers with an [`EditOutcome`], which becomes the status line.

use std::path::PathBuf;

use crate::model::input::display_name;
use crate::text::escape_controls;

/// Where the chronology on screen came from, so `E` knows whether there is a file to edit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Origin {
    /// The chronology quipu ships with: there is no file of the reader's to open.
    #[default]
    BuiltIn,
    /// Read from standard input (`quipu - < file.json`): the pipe is gone.
    Stdin,
    /// A file on disk, as named on the command line.
    File(PathBuf),
}

/// What the editor should be opened at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    /// The event with this id: its line is found when `E` is pressed, in the file as it is then
    /// (it may have been edited since it was loaded), never from positions kept at load.
    Event(String),
    /// A known line (1-based), such as a problem's from the problems panel.
    Line(usize),
}

/// How a session in the editor went, as the shell tells `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditOutcome {
    /// The editor exited 0. `line` is where it was opened (`None`: at the top, because the
    /// event is no longer in the file, or the file could not be read to find it).
    Done {
        program: String,
        path: PathBuf,
        line: Option<usize>,
        /// Why it opened at the top instead of at the event, when it did.
        note: Option<String>,
    },
    /// No such program on `PATH`; `variable` is where its name came from (`None`: the `vi`
    /// fallback).
    NotFound {
        program: String,
        variable: Option<&'static str>,
    },
    /// `$VISUAL` or `$EDITOR` could not be split into words as a shell would (an unclosed quote).
    Unsplittable { variable: &'static str },
    /// The program could not be started for another reason (not executable, say).
    CannotStart { program: String, error: String },
    /// The editor exited with this status.
    Failed { program: String, status: i32 },
    /// A signal ended the editor.
    Killed { program: String, signal: i32 },
}

impl EditOutcome {
    /// Whether the editor ran (and so may have changed the file), whatever it ended with.
    pub fn ran(&self) -> bool {
        matches!(
            self,
            EditOutcome::Done { .. } | EditOutcome::Failed { .. } | EditOutcome::Killed { .. }
        )
    }

    /// The status line's words for it. Names from the environment and paths are escaped: they
    /// are outside text like a file's.
    pub fn message(&self) -> String {
        let name = |program: &str| escape_controls(program).into_owned();
        match self {
            EditOutcome::Done {
                program,
                path,
                line,
                note,
            } => {
                let file = display_name(path);
                let at = line.map_or(String::new(), |line| format!(":{line}"));
                let base = format!("back from {} ({file}{at})", name(program));
                match note {
                    Some(note) => format!("{base}; {note}"),
                    None => base,
                }
            }
            EditOutcome::NotFound { program, variable } => {
                let from = variable.map_or("the default editor".to_owned(), |v| format!("${v}"));
                format!(
                    "editor `{}` ({from}) not found: set $VISUAL or $EDITOR to the editor you use",
                    name(program)
                )
            }
            EditOutcome::Unsplittable { variable } => format!(
                "${variable} cannot be split into words as a shell would (an unclosed quote?): fix it, or set $VISUAL"
            ),
            EditOutcome::CannotStart { program, error } => {
                format!("cannot start editor `{}`: {error}", name(program))
            }
            EditOutcome::Failed { program, status } => format!(
                "editor `{}` exited with status {status}; the file is as it left it",
                name(program)
            ),
            EditOutcome::Killed { program, signal } => format!(
                "editor `{}` was ended by signal {signal}{}; the file is as it left it",
                name(program),
                signal_name(*signal).map_or(String::new(), |n| format!(" ({n})"))
            ),
        }
    }
}

/// The names of the signals that usually end an editor, for the status line.
fn signal_name(signal: i32) -> Option<&'static str> {
    Some(match signal {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        6 => "SIGABRT",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        15 => "SIGTERM",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_editor_and_what_to_do() {
        let missing = EditOutcome::NotFound {
            program: "nvi".into(),
            variable: Some("EDITOR"),
        };
        assert_eq!(
            missing.message(),
            "editor `nvi` ($EDITOR) not found: set $VISUAL or $EDITOR to the editor you use"
        );
        let killed = EditOutcome::Killed {
            program: "vim".into(),
            signal: 9,
        };
        assert!(killed.message().contains("signal 9 (SIGKILL)"));
        let done = EditOutcome::Done {
            program: "vim".into(),
            path: "a.json".into(),
            line: Some(12),
            note: None,
        };
        assert_eq!(done.message(), "back from vim (a.json:12)");
    }

    #[test]
    fn control_characters_from_the_environment_are_escaped() {
        let failed = EditOutcome::Failed {
            program: "ed\u{1b}[2J".into(),
            status: 1,
        };
        assert!(!failed.message().contains('\u{1b}'));
    }
}
