//! The explorer's state machine: plain data ([`App`]), verbs ([`Action`]) and one pure
//! [`update`] that applies a verb and returns the [`Effect`]s the shell must run. Nothing here
//! touches the terminal, a file or a thread, so every key sequence can be tested by feeding
//! actions straight into the state.
//!
//! The modules depend on each other in one direction: the leaves (`cursor`, `focus`, `visible`,
//! `layout`, `effect`) name nothing above them; `state` and the views built on it (`chain`,
//! `overlay`, `palette`, `timeline`, `zoom`, `navigate`, `detail`) come next; `keymap` reads the
//! state to pick a mode; `update` sits on top.

pub mod about;
pub mod action;
pub mod chain;
pub mod cite;
pub mod completion;
pub mod cursor;
pub mod detail;
pub mod edit;
pub mod effect;
pub mod focus;
pub mod history;
pub mod keymap;
pub mod lanes;
pub mod layout;
pub mod navigate;
pub mod overlay;
pub mod palette;
pub mod problems;
pub mod query;
pub mod reload;
pub mod state;
pub mod timeline;
pub mod update;
pub mod visible;
pub mod zoom;

pub use action::Action;
pub use effect::{Effect, Effects};
pub use focus::Focus;
pub use keymap::{Binding, Keymap, Mode};
pub use overlay::Overlay;
pub use state::App;
pub use update::update;
pub use visible::Visible;
