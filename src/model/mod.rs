//! The chronology as the rest of quipu sees it: validated, sorted and indexed once at load.

pub mod chronology;
pub mod date;
pub mod diagnostic;
pub mod raw;

pub use chronology::{ActorIx, Chronology, EraIx, EventIx, SourceIx};
pub use date::{DateError, EventDate};
pub use diagnostic::{Diagnostic, Severity};
