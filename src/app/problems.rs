//! The problems panel (`!`): every diagnostic of the file as it is now, as `quipu check` prints
//! it, with the event each belongs to. It opens by itself when a reload finds the file invalid
//! (the last good version stays on screen) and closes by itself once the file is mended.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::value::RawValue;

use super::cursor::ListCursor;
use super::state::App;
use crate::model::{Diagnostic, Severity};

/// The diagnostics of the version last read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Problems {
    /// The file as its diagnostics name it (`display_name`).
    pub file: String,
    /// The file itself, for an editor to open at a problem's line; `None` for the shipped
    /// chronology and standard input.
    pub path: Option<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
    /// Per diagnostic, the id of the event it is about, when the file says one.
    pub events: Vec<Option<String>>,
    /// The version read is invalid: the timeline shows the last good one, or nothing.
    pub invalid: bool,
    pub errors: usize,
    pub warnings: usize,
}

impl Problems {
    pub fn new(
        file: String,
        path: Option<PathBuf>,
        diagnostics: Vec<Diagnostic>,
        events: Vec<Option<String>>,
        invalid: bool,
    ) -> Problems {
        // Errors first, each kind in the file's order: the one error that keeps the file from
        // loading is what the reader came for, not the hundredth warning above it.
        let mut events = events;
        events.resize(diagnostics.len(), None);
        let mut paired: Vec<_> = diagnostics.into_iter().zip(events).collect();
        paired.sort_by_key(|(d, _)| d.severity);
        let (diagnostics, events): (Vec<_>, Vec<_>) = paired.into_iter().unzip();
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        Problems {
            file,
            path,
            diagnostics,
            events,
            invalid,
            errors,
            warnings,
        }
    }

    /// `2 warnings`, `1 error, 3 warnings`; empty when there is nothing to say.
    pub fn counts(&self) -> String {
        let plural = |n: usize, what: &str| match n {
            1 => format!("1 {what}"),
            n => format!("{n} {what}s"),
        };
        let mut parts = Vec::new();
        if self.errors > 0 {
            parts.push(plural(self.errors, "error"));
        }
        if self.warnings > 0 {
            parts.push(plural(self.warnings, "warning"));
        }
        parts.join(", ")
    }

    /// The lines the panel shows for diagnostic `at`: exactly what `quipu check` prints
    /// (escaped there: nothing from the file reaches the terminal raw), then the event.
    pub fn lines(&self, at: usize, event_title: Option<&str>) -> Vec<String> {
        let Some(diagnostic) = self.diagnostics.get(at) else {
            return Vec::new();
        };
        let mut lines: Vec<String> = diagnostic
            .render(&self.file)
            .lines()
            .map(|line| crate::text::sanitize(line, false))
            .collect();
        if let Some(Some(id)) = self.events.get(at) {
            let id = crate::text::sanitize(id, false);
            lines.push(match event_title {
                Some(title) => format!("  event: {id} · {title}"),
                None => format!("  event: {id} (not in the version shown)"),
            });
        }
        lines
    }
}

/// The panel's cursor; what it lists is [`App::problems`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProblemsView {
    pub cursor: ListCursor,
}

impl App {
    /// The problem under the panel's cursor, as the file and line an editor should open.
    pub fn selected_problem(&self) -> Option<(&Path, usize)> {
        let view = self.overlays.iter().rev().find_map(|o| match o {
            super::Overlay::Problems(view) => Some(view),
            _ => None,
        })?;
        let diagnostic = self.problems.diagnostics.get(view.cursor.selected)?;
        Some((self.problems.path.as_deref()?, diagnostic.line))
    }
}

/// For each diagnostic about `events[N]`, the id of the file's event N. Only the events named
/// are parsed (each from its own slice of the text), so this costs a skim of the file, once per
/// load that found problems, on the loader thread.
pub fn event_ids(text: &str, diagnostics: &[Diagnostic]) -> Vec<Option<String>> {
    let index = |d: &Diagnostic| {
        d.path
            .as_deref()?
            .strip_prefix("events[")?
            .split(']')
            .next()?
            .parse::<usize>()
            .ok()
    };
    if diagnostics.iter().all(|d| index(d).is_none()) {
        return vec![None; diagnostics.len()];
    }
    #[derive(Deserialize)]
    struct Events<'a> {
        #[serde(borrow)]
        events: Vec<&'a RawValue>,
    }
    #[derive(Deserialize)]
    struct Id {
        id: Option<String>,
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let events = serde_json::from_str::<Events<'_>>(text).map_or_else(|_| Vec::new(), |e| e.events);
    diagnostics
        .iter()
        .map(|d| {
            let raw = events.get(index(d)?)?;
            serde_json::from_str::<Id>(raw.get()).ok()?.id
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostics_name_the_event_they_are_about() {
        let text = r#"{"events": [{"id": "a"}, {"id": "b", "x": [1, {"y": 2}]}, {"id": 3}]}"#;
        let at = |path: &str| Diagnostic::error(1, 1, "m").at_path(path);
        let ids = event_ids(
            text,
            &[
                at("events[1].actors[0]"),
                Diagnostic::error(1, 1, "syntax"),
                at("events[0]"),
                at("events[2].id"),
                at("events[9]"),
            ],
        );
        assert_eq!(ids, [Some("b".into()), None, Some("a".into()), None, None]);
    }

    /// The error that keeps a file from loading is listed before every warning, with its event.
    #[test]
    fn errors_come_first_each_with_its_event() {
        let problems = Problems::new(
            "f.json".into(),
            None,
            vec![
                Diagnostic::warning(1, 1, "w1"),
                Diagnostic::warning(2, 1, "w2"),
                Diagnostic::error(9, 1, "e"),
            ],
            vec![Some("a".into()), None, Some("z".into())],
            true,
        );
        let order: Vec<_> = problems.diagnostics.iter().map(|d| &d.message).collect();
        assert_eq!(order, ["e", "w1", "w2"]);
        assert_eq!(problems.events, [Some("z".into()), Some("a".into()), None]);
    }

    #[test]
    fn counts_say_errors_then_warnings() {
        let problems = Problems::new(
            "f.json".into(),
            None,
            vec![
                Diagnostic::warning(1, 1, "w"),
                Diagnostic::error(2, 1, "e"),
                Diagnostic::warning(3, 1, "w"),
            ],
            Vec::new(),
            true,
        );
        assert_eq!(problems.counts(), "1 error, 2 warnings");
        assert_eq!(Problems::default().counts(), "");
    }

    #[test]
    fn a_problem_reads_as_check_prints_it_with_nothing_raw() {
        let problems = Problems::new(
            "f\u{1b}[31m.json".into(),
            None,
            vec![Diagnostic::error(3, 7, "bad \u{1b}]52;c;x\u{7}").with_help("fix it")],
            vec![Some("ev\u{1b}[2J".into())],
            true,
        );
        let lines = problems.lines(0, None);
        assert!(lines[0].starts_with("f"), "{lines:?}");
        assert!(lines[0].contains(":3:7: error: bad"), "{lines:?}");
        assert_eq!(lines[1], "  help: fix it");
        assert!(lines[2].starts_with("  event: ev"), "{lines:?}");
        assert!(
            lines.iter().all(|l| !l.chars().any(char::is_control)),
            "{lines:?}"
        );
    }
}
