//! Any text given to the CSV importer (either layout) comes back as a chronology the loader
//! reads, or as an error at a line of the input; never a panic, a hang or an abort.

#![no_main]

mod import_common;

use libfuzzer_sys::fuzz_target;
use quipu::interchange::ImportFormat;

fuzz_target!(|data: &[u8]| import_common::import_any(data, ImportFormat::Csv));
