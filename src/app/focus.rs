//! Which pane of the main screen has the cursor. A leaf: history, the detail layout and the key
//! table all name a focus without depending on the state that holds it.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Timeline,
    Actors,
    Consequences,
    Causes,
}

impl Focus {
    pub const ORDER: [Focus; 4] = [
        Focus::Timeline,
        Focus::Actors,
        Focus::Consequences,
        Focus::Causes,
    ];
}
