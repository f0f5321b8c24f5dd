//! `quipu new FILE`: a small valid chronology to start from (one source, one actor, an era, two
//! linked events), with the JSON Schema beside it for editors that complete fields. It never
//! writes over a file: the reader's chronology may be the one named by mistake.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use super::exit;
use crate::app::Action;
use crate::app::keymap::{Keymap, Mode};
use crate::model::input::{display_name, is_stdin};

/// What `quipu new` writes: every part of the format a first file needs, each with one example.
pub const STARTER: &str = include_str!("../../assets/starter.json");

/// The schema the starter's `$schema` names, written beside it when not there yet.
pub const SCHEMA: &str = include_str!("../../assets/quipu.schema.json");

/// The name `$schema` gives the schema in the starter, relative to the new file.
pub const SCHEMA_NAME: &str = "quipu.schema.json";

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Where to write the new chronology (`-`: standard output). An existing file is never
    /// written over.
    pub file: PathBuf,
}

pub fn run(args: &NewArgs) -> u8 {
    super::with_std_streams(|out, err| run_to(args, out, err))
}

/// `run` with its output streams passed in, for tests. The file's contents go to the file (or
/// to `out` for `-`); what was written and how to open it, to `err`, so `quipu new - > x.json`
/// writes only the chronology.
pub fn run_to(args: &NewArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let path = &args.file;
    if is_stdin(path) {
        return super::import::write_output(None, STARTER, out, err);
    }
    let name = display_name(path);
    // As the reader would type it: `quipu 'my notes.json'`.
    let as_typed = |name: &str| {
        shlex::try_quote(name).map_or_else(|_| name.to_owned(), |quoted| quoted.into_owned())
    };
    let typed = as_typed(&name);
    // A folder is no chronology to open: name a file in it instead.
    if path.is_dir() {
        let _ = writeln!(
            err,
            "{name}: error: this is a folder; quipu new writes a file\n  help: name the file to write, e.g. `quipu new {}`",
            as_typed(&display_name(&path.join("chronology.json")))
        );
        return exit::USAGE;
    }
    match write_new(path, STARTER) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            let _ = writeln!(
                err,
                "{name}: error: the file already exists, and quipu new never writes over a file\n  help: choose another name, or open this one: `quipu {typed}`"
            );
            return exit::USAGE;
        }
        Err(e) => {
            let _ = writeln!(err, "{name}: error: cannot write the file: {e}");
            return exit::USAGE;
        }
    }
    let schema = path.with_file_name(SCHEMA_NAME);
    let schema_note = match write_new(&schema, SCHEMA) {
        Ok(()) => format!(
            "\n  and {} beside it, the JSON Schema its \"$schema\" names, so editors complete fields",
            display_name(&schema)
        ),
        // One there already (an earlier `quipu new` in the same folder) is the one named.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => String::new(),
        Err(e) => format!(
            "\n  (the JSON Schema could not be written beside it: {e}; the file is valid without it)"
        ),
    };
    let _ = writeln!(
        err,
        "wrote {name}: a chronology to start from (1 actor, 1 era, 2 linked events){schema_note}\n  open it with `quipu {typed}`, and keep it open beside your editor: {} edits the selected event",
        edit_key()
    );
    exit::OK
}

/// The key that opens the editor, as the config file binds it (the default's if the file has
/// a mistake: the explorer will report that itself when it starts).
fn edit_key() -> String {
    let keymap = crate::config::load(crate::config::path().as_deref(), None)
        .map_or_else(|_| Keymap::defaults(), |config| config.keymap);
    keymap.key_for(Mode::Timeline, &Action::Edit)
}

/// Writes `text` to a file that must not exist yet: checked and created in one step, so
/// nothing another program writes meanwhile is lost.
fn write_new(path: &Path, text: &str) -> io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Chronology;

    #[test]
    fn the_starter_is_valid_without_a_single_warning() {
        let checked = Chronology::check(STARTER);
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        let chronology = checked.chronology.expect("valid");
        assert_eq!(chronology.actors.len(), 1);
        assert_eq!(chronology.events.len(), 2);
        assert_eq!(chronology.link_count(), 1);
    }

    #[test]
    fn the_starter_names_the_schema_written_beside_it() {
        let value: serde_json::Value = serde_json::from_str(STARTER).unwrap();
        assert_eq!(value["$schema"], SCHEMA_NAME);
    }
}
