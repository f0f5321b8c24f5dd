//! The loader's diagnostics on the fixture files, and the JSON Schema's agreement with the loader.
//!
//! Each broken file under `tests/fixtures/invalid/` has its expected diagnostics as an insta
//! snapshot, so a change to any message is seen and reviewed.

use std::path::{Path, PathBuf};

use quipu::model::{Chronology, Severity};

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", root.display());
    files
}

fn rendered(path: &Path) -> String {
    let name = format!("{}", path.file_name().unwrap().to_string_lossy());
    let checked = Chronology::check_path(path).unwrap();
    checked
        .diagnostics
        .iter()
        .map(|d| d.render(&name))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn invalid_fixtures_fail_with_located_diagnostics() {
    for path in fixtures("invalid") {
        let checked = Chronology::check_path(&path).unwrap();
        assert!(
            checked.chronology.is_none(),
            "{} should be invalid",
            path.display()
        );
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(!errors.is_empty(), "{} has no error", path.display());
        for error in errors {
            assert!(
                error.line >= 1 && error.column >= 1,
                "{}: {error:?}",
                path.display()
            );
        }
        insta::assert_snapshot!(
            format!("invalid__{}", path.file_stem().unwrap().to_string_lossy()),
            rendered(&path)
        );
    }
}

#[test]
fn valid_fixtures_load_without_errors_or_warnings() {
    for path in fixtures("valid") {
        let checked = Chronology::check_path(&path).unwrap();
        assert!(
            checked.chronology.is_some(),
            "{}:\n{}",
            path.display(),
            rendered(&path)
        );
        assert!(
            checked.diagnostics.is_empty(),
            "{}:\n{}",
            path.display(),
            rendered(&path)
        );
    }
}

#[test]
fn warning_fixtures_load_with_warnings_only() {
    for path in fixtures("warnings") {
        let checked = Chronology::check_path(&path).unwrap();
        assert!(
            checked.chronology.is_some(),
            "{}:\n{}",
            path.display(),
            rendered(&path)
        );
        assert!(
            !checked.diagnostics.is_empty(),
            "{} has no warning",
            path.display()
        );
        assert!(
            checked
                .diagnostics
                .iter()
                .all(|d| d.severity == Severity::Warning)
        );
        insta::assert_snapshot!(
            format!("warnings__{}", path.file_stem().unwrap().to_string_lossy()),
            rendered(&path)
        );
    }
}

#[test]
fn shipped_chronology_has_no_diagnostics() {
    let checked = Chronology::check(quipu::model::load::SHIPPED_JSON);
    let messages: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| d.render("fujimori.json"))
        .collect();
    assert!(messages.is_empty(), "{}", messages.join("\n"));
    assert!(checked.chronology.is_some());
}

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/quipu.schema.json"),
    )
    .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft202012::new(&schema).expect("the schema is a valid draft 2020-12 schema")
}

fn schema_accepts(validator: &jsonschema::Validator, path: &Path) -> bool {
    let text = std::fs::read_to_string(path).unwrap();
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(value) => validator.is_valid(&value),
        Err(_) => false,
    }
}

#[test]
fn schema_accepts_the_shipped_and_valid_files() {
    let validator = schema();
    let shipped: serde_json::Value =
        serde_json::from_str(quipu::model::load::SHIPPED_JSON).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&shipped)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    for path in fixtures("valid").into_iter().chain(fixtures("warnings")) {
        assert!(
            schema_accepts(&validator, &path),
            "schema rejects {}",
            path.display()
        );
    }
}

/// The schema cannot see meaning (duplicates, references, dates, cycles), but whatever structural
/// problem it can see, it must see exactly where the loader does.
#[test]
fn schema_and_loader_agree_on_invalid_files() {
    let validator = schema();
    let listed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/schema-rejects.txt"),
    )
    .unwrap();
    let listed: Vec<&str> = listed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    for path in fixtures("invalid") {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let rejects = !schema_accepts(&validator, &path);
        assert_eq!(
            rejects,
            listed.contains(&name.as_str()),
            "{name}: schema rejects = {rejects}, but schema-rejects.txt says otherwise"
        );
    }
}
