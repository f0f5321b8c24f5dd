//! `e`: the events shown, written to a new file.

use std::io::{self, Write};

use crate::app::App;
use crate::interchange::{Format, export_events};

/// Writes the events shown to a new file in the current directory, named from the chronology's
/// title, never overwriting: `title.md`, then `title-2.md`, …
pub(super) fn write_export(app: &App, format: Format) -> Result<std::path::PathBuf, String> {
    let text = export_events(&app.chronology, &app.visible_events(), format);
    let stem = file_stem(&app.chronology.title);
    let extension = format.extension();
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.{extension}")
        } else {
            format!("{stem}-{n}.{extension}")
        };
        let path = std::path::PathBuf::from(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                return file
                    .write_all(text.as_bytes())
                    .map(|()| path)
                    .map_err(|err| err.to_string());
            }
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(err) => return Err(err.to_string()),
        }
    }
    Err(format!("{stem}-2 … {stem}-999 all exist"))
}

/// The title as a file name: folded to lower-case ASCII letters and digits joined by dashes.
fn file_stem(title: &str) -> String {
    crate::fold::slug(title).unwrap_or_else(|| "quipu-export".to_owned())
}
