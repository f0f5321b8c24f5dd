//! The explorer's state machine: plain data ([`App`]), verbs ([`Action`]) and one pure
//! [`update`] that applies a verb. Nothing here touches the terminal, so every key sequence can be
//! tested by feeding actions straight into the state.

pub mod action;
pub mod chain;
pub mod history;
pub mod keymap;
pub mod lanes;
pub mod navigate;
pub mod overlay;
pub mod palette;
pub mod state;
pub mod timeline;
pub mod update;
pub mod zoom;

pub use action::Action;
pub use keymap::{Binding, Mode};
pub use overlay::Overlay;
pub use state::{App, Focus};
pub use update::update;
