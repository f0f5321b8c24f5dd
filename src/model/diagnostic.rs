//! Problems found in a chronology file, reported like a compiler: file, line, column, what is wrong,
//! and what to do about it.

use std::fmt::Write as _;

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

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `FILE:LINE:COL: error: message (at path)` and an indented `help:` line when there is one.
    pub fn render(&self, file: &str) -> String {
        let mut out = format!(
            "{file}:{}:{}: {}: {}",
            self.line,
            self.column,
            self.severity.as_str(),
            self.message
        );
        if let Some(path) = &self.path {
            let _ = write!(out, " (at {path})");
        }
        if let Some(help) = &self.help {
            let _ = write!(out, "\n  help: {help}");
        }
        out
    }
}
