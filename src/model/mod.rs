//! The chronology as the rest of quipu sees it: parsed, validated, sorted and indexed once at load.
//!
//! Loading runs in stages: `parse` (syntax and structure), `validate` (meaning), `build` (indexes).
//! `locate` and `suggest` serve the diagnostics.

mod build;
pub mod chronology;
pub mod date;
pub mod diagnostic;
mod document;
mod era_index;
mod events;
mod id_index;
pub mod input;
pub mod load;
pub mod locate;
pub mod order;
mod parse;
mod parsed;
pub mod raw;
pub mod serde_words;
pub mod suggest;
mod validate;

pub use chronology::{
    Actor, ActorIx, Basis, BasisCounts, Chronology, Era, EraIx, Event, EventIx, Link, SourceIx,
};
pub use date::{DateError, EventDate};
pub use diagnostic::{Diagnostic, Severity};
pub use era_index::EraIndex;
pub use load::{Checked, Counts, LoadError, Report, Stage};
