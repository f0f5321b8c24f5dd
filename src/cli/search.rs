//! `quipu search`. STUB: being written.

use clap::Args;

#[derive(Debug, Args)]
pub struct SearchArgs {}

pub fn run(args: &SearchArgs) -> u8 {
    let _ = args;
    super::exit::USAGE
}
