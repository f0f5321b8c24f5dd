//! What both import targets check: an import ends in a chronology or a located error, never a
//! panic; what it makes goes through the loader without a panic either.

use quipu::interchange::{ImportFormat, ImportOptions, import, to_json};
use quipu::model::Chronology;

pub fn import_any(data: &[u8], format: ImportFormat) {
    // Files reach the importers as text; bytes that are not are refused before them.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = text.lines().count() + 1;
    for group_actors in [false, true] {
        let options = ImportOptions {
            group_actors,
            fallback_title: Some("fuzz".into()),
        };
        match import(text, format, &options) {
            Err(error) => {
                if let Some((line, column)) = error.at {
                    assert!(line >= 1 && line <= lines, "line out of range: {error:?}");
                    assert!(column >= 1, "column out of range: {error:?}");
                }
                let _ = error.to_string();
            }
            Ok(imported) => {
                assert_eq!(
                    imported.origins.len(),
                    imported.raw.events.len(),
                    "every event has an origin"
                );
                let _ = imported.report.render();
                let json = to_json(&imported.raw);
                let checked = Chronology::check(&json);
                assert_eq!(
                    checked.chronology.is_some(),
                    !checked.diagnostics.iter().any(|d| d.is_error()),
                    "valid exactly when there is no error"
                );
                for diagnostic in &checked.diagnostics {
                    let _ = diagnostic.render("fuzz.json");
                }
            }
        }
    }
}
