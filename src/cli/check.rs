//! `quipu check`. STUB: being written.

use clap::Args;

#[derive(Debug, Args)]
pub struct CheckArgs {}

pub fn run(args: &CheckArgs) -> u8 {
    let _ = args;
    super::exit::USAGE
}
