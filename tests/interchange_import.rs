//! Importing real TimelineJS files and spreadsheets: every sample must become a chronology the
//! loader accepts, with what it read and dropped reported.

use std::path::{Path, PathBuf};

use quipu::cli::import::{ImportArgs, run_to};
use quipu::interchange::{
    FileKind, ImportFormat, ImportOptions, Imported, Origin, detect, import, load_any, open_any,
    to_json,
};
use quipu::model::Chronology;
use quipu::model::raw::ActorKind;

/// The samples every test reads: the copy inside the repository, so CI needs nothing beside it.
fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/timelinejs")
}

/// The TimelineJS 3 samples (all but the TimelineJS 2 `example.json`).
const TIMELINEJS3: [&str; 7] = [
    "all-media-types.json",
    "cosmo.json",
    "eras.json",
    "mediatypes-timeline3.json",
    "twain-marktwain.json",
    "user-interface-timeline3.json",
    "women_in_computing.json",
];

fn read(name: &str) -> String {
    std::fs::read_to_string(samples().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn import_sample(name: &str, options: &ImportOptions) -> Imported {
    let format = if name.ends_with(".csv") {
        ImportFormat::Csv
    } else {
        ImportFormat::TimelineJs
    };
    import(&read(name), format, options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Loads the importer's JSON as `quipu check` would; any error fails the test with the diagnostics.
fn load(name: &str, imported: &Imported) -> Chronology {
    let json = to_json(&imported.raw);
    Chronology::from_str(&json).unwrap_or_else(|diagnostics| {
        let rendered: Vec<String> = diagnostics.iter().map(|d| d.render(name)).collect();
        panic!(
            "{name} imports to an invalid chronology:\n{}",
            rendered.join("\n")
        )
    })
}

fn slide_count(name: &str) -> usize {
    let value: serde_json::Value = serde_json::from_str(&read(name)).unwrap();
    value["events"].as_array().map_or(0, Vec::len)
}

#[test]
fn every_timelinejs3_sample_imports_and_loads_with_every_slide() {
    for name in TIMELINEJS3 {
        let imported = import_sample(name, &ImportOptions::default());
        let chronology = load(name, &imported);
        assert_eq!(chronology.events.len(), slide_count(name), "{name}");
        assert_eq!(imported.report.events, slide_count(name), "{name}");
        assert!(!chronology.title.is_empty(), "{name}");
    }
}

#[test]
fn every_sample_loads_with_groups_as_actors_too() {
    let options = ImportOptions {
        group_actors: true,
        ..ImportOptions::default()
    };
    for name in TIMELINEJS3
        .iter()
        .copied()
        .chain(["women_in_computing.csv"])
    {
        load(name, &import_sample(name, &options));
    }
}

#[test]
fn the_timelinejs2_sample_is_refused_clearly() {
    let err = import(
        &read("example.json"),
        ImportFormat::TimelineJs,
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(err.message.contains("TimelineJS 2"), "{err}");
    assert!(
        err.help
            .as_deref()
            .is_some_and(|h| h.contains("TimelineJS 3")),
        "{err}"
    );
    // Opening it directly says the same, not a confusing quipu-format error.
    let loaded = load_any(&samples().join("example.json"))
        .unwrap_err()
        .to_string();
    assert!(loaded.contains("TimelineJS 2"), "{loaded}");
}

#[test]
fn eras_and_their_intervals_come_across() {
    let imported = import_sample("eras.json", &ImportOptions::default());
    let chronology = load("eras.json", &imported);
    assert_eq!(imported.report.eras, 3);
    let eras: Vec<(&str, &str)> = chronology
        .eras
        .iter()
        .map(|e| (e.title.as_str(), e.date.text.as_str()))
        .collect();
    assert_eq!(
        eras,
        [
            ("Era Test 600-650", "0600/0650"),
            ("Era Test 650-700", "0650/0700"),
            ("Era Test 700-720", "0700/0720")
        ]
    );
    assert_eq!(chronology.title, "Eras Test");
}

#[test]
fn unique_ids_are_kept_and_groups_counted() {
    let imported = import_sample("all-media-types.json", &ImportOptions::default());
    let chronology = load("all-media-types.json", &imported);
    for id in [
        "wistia",
        "wikipedia-images",
        "wikipedia-commons",
        "wikipedia-image-error",
    ] {
        assert!(chronology.event_ix(id).is_some(), "{id}");
    }
    assert_eq!(imported.report.groups, 5);
    assert!(imported.report.media_dropped >= 41, "{:?}", imported.report);
    assert!(imported.raw.actors.is_empty());
    let video = chronology
        .events
        .iter()
        .filter(|e| e.tags[..] == ["Video"])
        .count();
    assert!(video > 0);
}

#[test]
fn groups_as_actors_give_every_grouped_event_its_actor() {
    let options = ImportOptions {
        group_actors: true,
        ..ImportOptions::default()
    };
    let imported = import_sample("all-media-types.json", &options);
    let chronology = load("all-media-types.json", &imported);
    assert_eq!(chronology.actors.len(), 5);
    assert!(chronology.actors.iter().all(|a| a.kind == ActorKind::Group));
    let video = chronology
        .actor_ix("video")
        .expect("the Video group is an actor");
    let tagged = chronology
        .events
        .iter()
        .filter(|e| e.tags[..] == ["Video"])
        .count();
    assert_eq!(chronology.events_of(video).len(), tagged);
}

#[test]
fn cosmological_years_keep_their_scale() {
    let imported = import_sample("cosmo.json", &ImportOptions::default());
    let chronology = load("cosmo.json", &imported);
    let big_bang = &chronology.events[0];
    assert_eq!(big_bang.title, "The Big Bang");
    assert_eq!(big_bang.date.text, "Y-13800000000");
    let raw_dates: Vec<&str> = imported
        .raw
        .events
        .iter()
        .map(|e| e.date.as_str())
        .collect();
    // TimelineJS -3500 is 3500 BCE, astronomical -3499; deep-time intervals stay whole.
    assert!(raw_dates.contains(&"-3499"), "{raw_dates:?}");
    assert!(
        raw_dates.contains(&"Y-538800000/Y-251902000"),
        "{raw_dates:?}"
    );
    let wheel = chronology.events.last().unwrap();
    assert_eq!(wheel.human_date(), "3500 BC");
}

#[test]
fn empty_strings_are_absent_parts_and_ends_make_intervals() {
    let imported = import_sample("women_in_computing.json", &ImportOptions::default());
    let chronology = load("women_in_computing.json", &imported);
    let ada = &chronology.events[chronology.event_ix("ada-lovelace").unwrap()];
    assert_eq!(ada.date.text, "1815-12-10/1852-11-27");
    assert!(
        ada.summary.starts_with("Women have been programming"),
        "{}",
        ada.summary
    );
    assert!(!ada.summary.contains('<'), "HTML left in {}", ada.summary);
    let eniac = &imported
        .raw
        .events
        .iter()
        .find(|e| e.title.starts_with("...And"))
        .unwrap();
    assert_eq!(eniac.date, "1943-07/1946");
}

#[test]
fn times_of_day_are_reported_as_dropped() {
    let imported = import_sample("twain-marktwain.json", &ImportOptions::default());
    load("twain-marktwain.json", &imported);
    assert!(imported.report.times_dropped > 0);
    assert!(
        imported.report.render().contains("time of day"),
        "{}",
        imported.report.render()
    );
}

#[test]
fn the_spreadsheet_and_the_json_of_the_same_timeline_agree() {
    let from_csv = import_sample("women_in_computing.csv", &ImportOptions::default());
    let from_json = import_sample("women_in_computing.json", &ImportOptions::default());
    load("women_in_computing.csv", &from_csv);
    let events = |i: &Imported| -> Vec<(String, String, String)> {
        i.raw
            .events
            .iter()
            .map(|e| (e.id.clone(), e.date.clone(), e.title.clone()))
            .collect()
    };
    assert_eq!(events(&from_csv), events(&from_json));
    assert_eq!(from_csv.raw.title, from_json.raw.title);
    assert_eq!(
        from_csv.report.media_dropped,
        from_json.report.media_dropped
    );
}

#[test]
fn files_are_opened_by_what_they_are() {
    let kinds: Vec<FileKind> = ["eras.json", "women_in_computing.csv", "example.json"]
        .iter()
        .map(|name| detect(Path::new(name), &read(name)))
        .collect();
    assert_eq!(
        kinds,
        [FileKind::TimelineJs, FileKind::Csv, FileKind::TimelineJs]
    );

    let opened = open_any(&samples().join("eras.json")).unwrap();
    assert_eq!(opened.kind, FileKind::TimelineJs);
    assert_eq!(opened.chronology.events.len(), 20);
    assert_eq!(opened.report.map(|r| r.eras), Some(3));

    let csv = load_any(&samples().join("women_in_computing.csv")).unwrap();
    assert_eq!(csv.events.len(), 10);

    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interchange/small.json");
    let opened = open_any(&own).unwrap();
    assert_eq!(opened.kind, FileKind::Quipu);
    assert!(opened.report.is_none());
}

#[test]
fn a_missing_file_is_an_io_error() {
    let err = load_any(Path::new("/nonexistent/timeline.json")).unwrap_err();
    assert!(matches!(err, quipu::model::LoadError::Io { .. }), "{err}");
}

#[test]
fn the_command_writes_json_to_stdout_and_the_report_to_stderr() {
    let args = ImportArgs {
        from: Some(ImportFormat::TimelineJs),
        file: samples().join("eras.json"),
        output: None,
        group_actors: false,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(run_to(&args, &mut out, &mut err), 0);
    let out = String::from_utf8(out).unwrap();
    let err = String::from_utf8(err).unwrap();
    assert!(Chronology::from_str(&out).is_ok());
    assert!(err.contains("read 20 events, 3 eras, 0 groups"), "{err}");
    assert!(err.contains("not carried over: media on"), "{err}");
}

#[test]
fn the_command_guesses_the_format_and_writes_the_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.json");
    let args = ImportArgs {
        from: None,
        file: samples().join("women_in_computing.csv"),
        output: Some(target.clone()),
        group_actors: false,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(
        run_to(&args, &mut out, &mut err),
        0,
        "{}",
        String::from_utf8_lossy(&err)
    );
    assert!(out.is_empty());
    let written = Chronology::from_path(&target).unwrap();
    assert_eq!(written.events.len(), 10);
}

#[test]
fn the_command_fails_on_the_timelinejs2_sample() {
    let args = ImportArgs {
        from: None,
        file: samples().join("example.json"),
        output: None,
        group_actors: false,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(run_to(&args, &mut out, &mut err), 1);
    assert!(out.is_empty());
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.contains("example.json:1:1: error: this is a TimelineJS 2 file"),
        "{err}"
    );
}

/// The fixtures are copies of `../shared/data/timelinejs/`; when that folder sits beside the
/// repository (as in CI and development), the copies must not have drifted.
#[test]
fn fixtures_match_the_shared_samples_when_present() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/timelinejs");
    let Ok(entries) = std::fs::read_dir(&shared) else {
        println!(
            "note: {} not found; comparing fixtures skipped",
            shared.display()
        );
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name == "README.md" {
            continue;
        }
        let ours = std::fs::read(samples().join(&name)).unwrap_or_default();
        let theirs = std::fs::read(entry.path()).unwrap();
        assert!(
            ours == theirs,
            "tests/fixtures/timelinejs/{} differs from the shared copy",
            name.to_string_lossy()
        );
    }
}

#[test]
fn a_sheet_in_quipu_columns_imports_with_links_and_actors() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interchange/simple.csv");
    let args = ImportArgs {
        from: Some(ImportFormat::Csv),
        file,
        output: None,
        group_actors: false,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(
        run_to(&args, &mut out, &mut err),
        0,
        "{}",
        String::from_utf8_lossy(&err)
    );
    let chronology = Chronology::from_str(&String::from_utf8(out).unwrap()).unwrap();
    assert_eq!(chronology.title, "simple");
    assert_eq!(chronology.link_count(), 2);
    let coup = &chronology.events[chronology.event_ix("self-coup").unwrap()];
    assert_eq!(
        coup.summary,
        "The \"autogolpe\": Congress and the courts are suspended."
    );
    assert_eq!(coup.tags[..], ["crisis", "democracy"]);
    let us = chronology.actor_ix("united-states").unwrap();
    assert_eq!(chronology.events_of(us).len(), 2);
    assert!(
        chronology
            .event_ix("elections-for-a-constituent-congress")
            .is_some()
    );
    assert_eq!(
        chronology.actors[chronology.actor_ix("alberto-fujimori").unwrap()].name,
        "Alberto Fujimori"
    );
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.contains("read 4 events, 0 eras, 0 groups, 5 actors"),
        "{err}"
    );
}

/// A hand-edited `quipu` object on a slide: a bad one is dropped with a note and costs only
/// itself, a link to a slide that is not there is dropped with a note, and the rest is kept.
#[test]
fn a_slides_quipu_object_is_read_leniently() {
    let text = r#"{
      "events": [
        { "unique_id": "coup", "start_date": {"year": 1992, "month": 4, "day": 5},
          "text": {"headline": "Coup"},
          "quipu": { "aliases": ["autogolpe"],
                     "consequences": [{"event": "aid", "basis": "inferred", "note": "why"},
                                      "missing"] } },
        { "unique_id": "aid", "start_date": {"year": 1992, "month": 4},
          "text": {"headline": "Aid"}, "quipu": { "basis": "guessed" } },
        { "unique_id": "later", "start_date": {"year": 1993},
          "text": {"headline": "Later"}, "quipu": { "basis": "implied" } }
      ]
    }"#;
    let imported = import(text, ImportFormat::TimelineJs, &ImportOptions::default()).unwrap();
    let notes = imported.report.notes.join("\n");
    assert!(
        notes.contains("ignored the \"quipu\" object of slide `aid`"),
        "{notes}"
    );
    assert!(
        notes.contains("dropped 1 link to events not in the file: coup → missing"),
        "{notes}"
    );
    let chronology = Chronology::from_str(&to_json(&imported.raw)).unwrap();
    let coup = &chronology.events[chronology.event_ix("coup").unwrap()];
    assert_eq!(coup.aliases[..], ["autogolpe"]);
    assert_eq!(coup.consequences.len(), 1);
    assert_eq!(coup.consequences[0].basis, quipu::model::Basis::Inferred);
    let later = &chronology.events[chronology.event_ix("later").unwrap()];
    assert_eq!(later.basis, quipu::model::Basis::Implied);
}

/// Ids made on import, search and export file names fold text one way (`quipu::fold`): the actor
/// "Straße-Verband" gets the id a search for `strasse` would suggest, not `stra-e-verband`.
#[test]
fn imported_ids_fold_like_search() {
    let csv = "date,title,actors\n1990,Die Straße wird gebaut,Straße-Verband;Łódź\n";
    let imported = import(csv, ImportFormat::Csv, &ImportOptions::default()).expect("imports");
    let actor_ids: Vec<&str> = imported.raw.actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(actor_ids, ["strasse-verband", "lodz"]);
    assert_eq!(imported.raw.events[0].id, "die-strasse-wird-gebaut");

    let chronology = load("inline.csv", &imported);
    let index = quipu::search::SearchIndex::build(&chronology);
    let hits = index.search(&quipu::search::Query::parse("strasse"), 5);
    assert_eq!(chronology.actors[hits[0].item].id, "strasse-verband");
    for actor in &chronology.actors {
        assert_eq!(
            quipu::fold::slug(&actor.name).as_deref(),
            Some(actor.id.as_str())
        );
    }
}

/// Each row's line is the same whether the file ends its lines with LF or CRLF, a quoted cell
/// spanning lines included (the CSV reader's own count was one short after a CRLF).
#[test]
fn rows_are_placed_on_their_lines_with_crlf_too() {
    let lf = "id,date,title,summary\na,1990,t1,\"two\nlines\"\nb,1991,t2,\n\nc,1992,t3,\n";
    let crlf = lf.replace('\n', "\r\n");
    for text in [lf, crlf.as_str()] {
        let imported = import(text, ImportFormat::Csv, &ImportOptions::default()).unwrap();
        assert_eq!(
            imported.origins,
            [Origin::Line(2), Origin::Line(4), Origin::Line(6)],
            "{text:?}"
        );
    }
}

/// A quoted cell never closed takes the rest of the file into it, which the CSV reader allows
/// without a word: the import says so, at the cell's line. Closed quotes, spanning lines or
/// doubled inside a cell, are not mistaken for it.
#[test]
fn an_unclosed_quote_is_reported_at_its_line() {
    let broken = "id,date,title\r\na,1990,\"unclosed, x\r\nb,1991,t2\r\n";
    let imported = import(broken, ImportFormat::Csv, &ImportOptions::default()).unwrap();
    let notes = imported.report.notes.join("\n");
    assert!(
        notes.contains("line 2: a quoted cell runs to the end of the file"),
        "{notes}"
    );
    let fine = "id,date,title,summary\na,1990,t1,\"two\nlines, \"\"quoted\"\"\"\nb,1991,t2,\n";
    let imported = import(fine, ImportFormat::Csv, &ImportOptions::default()).unwrap();
    assert!(
        imported.report.notes.is_empty(),
        "{:?}",
        imported.report.notes
    );
    let last_spans = "id,date,title,summary\na,1990,t1,\"two\nlines\"\n";
    let imported = import(last_spans, ImportFormat::Csv, &ImportOptions::default()).unwrap();
    assert!(
        imported.report.notes.is_empty(),
        "{:?}",
        imported.report.notes
    );
}

/// `import` of a file that is not for it says which of two things it is: quipu's own format
/// (a top-level `quipu` key), or neither TimelineJS nor CSV.
#[test]
fn import_tells_quipus_own_files_from_anything_else() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "own.json",
            "{\"quipu\": 1, \"title\": \"t\"}",
            "already a quipu chronology",
        ),
        (
            "other.json",
            "{\"foo\": 1}",
            "neither a TimelineJS file nor a CSV file",
        ),
        (
            "notes.txt",
            "hello world\n",
            "neither a TimelineJS file nor a CSV file",
        ),
    ];
    for (name, text, wanted) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let args = ImportArgs {
            from: None,
            file,
            output: None,
            group_actors: false,
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(run_to(&args, &mut out, &mut err), 2, "{name}");
        let err = String::from_utf8(err).unwrap();
        assert!(err.contains(wanted), "{name}: {err}");
    }
}
