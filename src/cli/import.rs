//! `quipu import`. STUB: being written.

use clap::Args;

#[derive(Debug, Args)]
pub struct ImportArgs {}

pub fn run(args: &ImportArgs) -> u8 {
    let _ = args;
    super::exit::USAGE
}
