//! TimelineJS export.
use crate::model::{Chronology, EventIx};
pub fn render(_c: &Chronology, _e: &[EventIx]) -> String { String::new() }
