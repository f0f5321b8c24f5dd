//! Opening any file quipu reads: its own JSON, TimelineJS JSON, or CSV.
#[derive(Debug)]
pub struct LoadAnyError;
pub fn load_any() {}
