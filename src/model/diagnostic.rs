//! Problems found in a chronology file, reported like a compiler: file, line, column, what is wrong,
//! and what to do about it.

use std::fmt::Write as _;

use crate::text::escape_controls;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem. `line` and `column` are 1-based and point at the offending value; `path` names it
/// inside the document (`events[12].actors[0]`) when the problem is about a value rather than syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub line: usize,
    pub column: usize,
    pub path: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            line,
            column,
            path: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(line, column, message)
        }
    }

    pub fn at_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Escapes control characters in everything the diagnostic quotes from the file, so printing
    /// it cannot send the file's escape sequences to the terminal.
    pub fn escape_quoted_text(&mut self) {
        let escape = |text: &mut String| {
            if let std::borrow::Cow::Owned(escaped) = escape_controls(text) {
                *text = escaped;
            }
        };
        escape(&mut self.message);
        if let Some(help) = &mut self.help {
            escape(help);
        }
        if let Some(path) = &mut self.path {
            escape(path);
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `FILE:LINE:COL: error: message (at path)` and an indented `help:` line when there is one.
    /// Everything is escaped here, where it is printed, whoever made the diagnostic (escaping
    /// twice changes nothing: escaped text is plain).
    pub fn render(&self, file: &str) -> String {
        let mut out = format!(
            "{}:{}:{}: {}: {}",
            escape_controls(file),
            self.line,
            self.column,
            self.severity.as_str(),
            escape_controls(&self.message)
        );
        if let Some(path) = &self.path {
            let _ = write!(out, " (at {})", escape_controls(path));
        }
        if let Some(help) = &self.help {
            let _ = write!(out, "\n  help: {}", escape_controls(help));
        }
        out
    }
}

/// How many diagnostics of one file a report prints before it summarises the rest: a file with
/// twenty thousand copies of one mistake needs its first few shown, not a megabyte of them.
pub const SHOWN: usize = 100;

/// The line that stands for the diagnostics a report left out: `FILE: … and 19,950 more`.
pub fn left_out(file: &str, count: usize) -> String {
    format!(
        "{}: … and {} more (`quipu check --all` prints every one)",
        escape_controls(file),
        thousands(count)
    )
}

/// `19950` as `19,950`.
pub fn thousands(n: usize) -> String {
    group_digits(&n.to_string())
}

/// A run of decimal digits with a comma every three from the right.
pub(crate) fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(950), "950");
        assert_eq!(thousands(19_950), "19,950");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
