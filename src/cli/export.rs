//! `quipu export`. STUB: being written.

use clap::Args;

#[derive(Debug, Args)]
pub struct ExportArgs {}

pub fn run(args: &ExportArgs) -> u8 {
    let _ = args;
    super::exit::USAGE
}
