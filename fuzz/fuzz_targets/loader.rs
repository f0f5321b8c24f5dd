//! Any text given to the loader must come back as a chronology or as diagnostics — never a panic,
//! a hang or an abort — and the two answers must agree with each other.

#![no_main]

use libfuzzer_sys::fuzz_target;
use quipu::model::Chronology;

fuzz_target!(|data: &[u8]| {
    // The loader reads text; non-UTF-8 bytes are refused before it (`Chronology::check_path`).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let checked = Chronology::check(text);

    let has_error = checked.diagnostics.iter().any(|d| d.is_error());
    assert_eq!(
        checked.chronology.is_some(),
        !has_error,
        "valid exactly when there is no error"
    );
    let lines = text.lines().count() + 1;
    for diagnostic in &checked.diagnostics {
        assert!(
            diagnostic.line >= 1 && diagnostic.line <= lines,
            "line out of range: {diagnostic:?}"
        );
        assert!(
            diagnostic.column >= 1,
            "column out of range: {diagnostic:?}"
        );
        let _ = diagnostic.render("fuzz.json");
    }

    // What the explorer does first with a loaded chronology must not panic either.
    if let Some(chronology) = &checked.chronology {
        for event in &chronology.events {
            let _ = (event.human_date(), event.date.precision());
        }
        for era in &chronology.eras {
            let _ = era.date.human();
        }
    }
});
