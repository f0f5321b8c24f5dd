//! quipu: a terminal explorer for chronologies.
//!
//! The library holds everything; `main.rs` only parses the command line and hands over, so tests and
//! benches drive the same code the binary runs. Dependencies point one way: `ui` and `app` read
//! `model`, `model` knows nothing of them.
//!
//! No `unsafe` but in one place, allowed there alone: installing the signal handler that gives
//! the terminal back on an abort (`tui::emergency`). So this is `deny`, not `forbid`, which no
//! `allow` could lift.
#![deny(unsafe_code)]

pub mod app;
pub mod cli;
pub mod config;
pub mod fit;
pub mod fold;
pub mod free;
pub mod interchange;
pub mod model;
pub mod query;
pub mod search;
pub mod text;
pub mod tui;
pub mod ui;
