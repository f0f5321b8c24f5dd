//! Helpers shared by the test binaries. Each binary uses a part of them, so the rest would be
//! reported as dead code there.
#![allow(dead_code)]

pub mod tmux;
