//! The TimelineJS mapping on small files of each shape found in the wild.

use super::*;

fn date(year: i64, month: Option<i64>, day: Option<i64>) -> TimelineDate {
    TimelineDate {
        year: Some(year),
        month,
        day,
        ..TimelineDate::default()
    }
}

fn edtf_of(d: &TimelineDate) -> String {
    edtf(d, &mut ImportReport::default()).unwrap()
}

fn run(json: &str) -> Imported {
    import(json, &ImportOptions::default()).unwrap()
}

#[test]
fn dates_keep_their_precision() {
    assert_eq!(edtf_of(&date(1990, None, None)), "1990");
    assert_eq!(edtf_of(&date(1990, Some(5), None)), "1990-05");
    assert_eq!(edtf_of(&date(1990, Some(5), Some(4))), "1990-05-04");
    assert_eq!(edtf_of(&date(602, None, None)), "0602");
}

#[test]
fn years_before_the_era_are_signed_and_padded() {
    assert_eq!(edtf_of(&date(-44, Some(3), Some(15))), "-0043-03-15");
    assert_eq!(edtf_of(&date(-3500, None, None)), "-3499");
    assert_eq!(edtf_of(&date(-1, None, None)), "0000");
}

#[test]
fn long_years_take_the_y_prefix() {
    assert_eq!(edtf_of(&date(-13_800_000_000, None, None)), "Y-13800000000");
    assert_eq!(edtf_of(&date(-315_000, None, None)), "Y-315000");
    assert_eq!(edtf_of(&date(10_000, None, None)), "Y10000");
}

#[test]
fn impossible_parts_fall_back_to_coarser_precision() {
    let mut report = ImportReport::default();
    assert_eq!(
        edtf(&date(1990, Some(2), Some(30)), &mut report).unwrap(),
        "1990-02"
    );
    assert_eq!(
        edtf(&date(1990, Some(13), Some(1)), &mut report).unwrap(),
        "1990"
    );
    assert_eq!(report.notes.len(), 2);
}

#[test]
fn times_are_counted_not_kept() {
    let mut report = ImportReport::default();
    let d = TimelineDate {
        hour: Some(6),
        minute: Some(45),
        ..date(1900, Some(1), Some(5))
    };
    assert_eq!(edtf(&d, &mut report).unwrap(), "1900-01-05");
    assert_eq!(report.times_dropped, 1);
}

#[test]
fn an_end_date_makes_an_interval() {
    let mut report = ImportReport::default();
    let start = date(1815, Some(12), Some(10));
    let end = date(1852, Some(11), Some(27));
    assert_eq!(
        interval(Some(&start), Some(&end), &mut report).unwrap(),
        "1815-12-10/1852-11-27"
    );
    assert_eq!(
        interval(Some(&start), Some(&start), &mut report).unwrap(),
        "1815-12-10"
    );
    assert_eq!(
        interval(Some(&end), Some(&start), &mut report).unwrap(),
        "1852-11-27"
    );
    assert_eq!(report.notes.len(), 1, "{:?}", report.notes);
}

#[test]
fn an_end_without_a_year_is_no_end() {
    let end = TimelineDate::default();
    let start = date(1943, Some(7), None);
    assert_eq!(
        interval(Some(&start), Some(&end), &mut ImportReport::default()).unwrap(),
        "1943-07"
    );
}

#[test]
fn slides_map_to_events() {
    let imported = run(r##"{
        "title": {"text": {"headline": "<b>Women</b> in Computing", "text": "<p>Intro</p>"}},
        "events": [
          {"start_date": {"year": "1815", "month": "12", "day": "10"},
           "end_date": {"year": "1852", "month": "11", "day": "27"},
           "display_date": "1815–1852",
           "text": {"headline": "Ada Lovelace", "text": "<p>First <a href='x'>programmer</a>.</p>"},
           "group": "Pioneers", "media": {"url": "https://x/y.jpg"}, "background": {"color": "#000"}},
          {"start_date": {"year": 1948}, "text": {"headline": "", "text": "Edith Clarke was the first female professor of electrical engineering in the United States"}},
          {"start_date": {"year": 1950}, "text": {"headline": "Ada Lovelace"}, "unique_id": "ada-lovelace"},
          {"start_date": {"year": 1951}}
        ]}"##);
    let raw = &imported.raw;
    assert_eq!(raw.title, "Women in Computing");
    assert_eq!(raw.description.as_deref(), Some("Intro"));
    // The given unique_id wins; the headline-made id steps aside.
    let ids: Vec<&str> = raw.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "ada-lovelace-2",
            "edith-clarke-was-the-first-female-professor-of",
            "ada-lovelace",
            "untitled"
        ]
    );
    let ada = &raw.events[0];
    assert_eq!(ada.date, "1815-12-10/1852-11-27");
    assert_eq!(ada.display_date.as_deref(), Some("1815–1852"));
    assert_eq!(ada.summary.as_deref(), Some("First programmer."));
    assert_eq!(ada.tags, ["Pioneers"]);
    assert!(ada.actors.is_empty());
    assert_eq!(
        raw.events[1].title,
        "Edith Clarke was the first female professor of electrical…"
    );
    assert_eq!(raw.events[3].title, "Untitled");
    assert_eq!(imported.report.media_dropped, 1);
    assert_eq!(imported.report.backgrounds_dropped, 1);
    assert_eq!(imported.report.events, 4);
    assert_eq!(imported.report.groups, 1);
    assert!(raw.actors.is_empty());
}

#[test]
fn groups_become_actors_on_request() {
    let json = r#"{"events": [
        {"start_date": {"year": 1}, "text": {"headline": "a"}, "group": "Video"},
        {"start_date": {"year": 2}, "text": {"headline": "b"}, "group": "Video"},
        {"start_date": {"year": 3}, "text": {"headline": "c"}, "group": "Social Media"}]}"#;
    let options = ImportOptions {
        group_actors: true,
        ..ImportOptions::default()
    };
    let imported = import(json, &options).unwrap();
    let actors: Vec<(&str, &str, ActorKind)> = imported
        .raw
        .actors
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str(), a.kind))
        .collect();
    assert_eq!(
        actors,
        [
            ("video", "Video", ActorKind::Group),
            ("social-media", "Social Media", ActorKind::Group)
        ]
    );
    assert_eq!(
        imported.raw.events[1].actors,
        [RawActorRef::Id("video".into())]
    );
    assert_eq!(imported.report.groups, 2);
    assert_eq!(imported.raw.title, "Untitled");
}

#[test]
fn eras_get_ids_and_intervals() {
    let imported = run(r#"{"events": [], "eras": [
        {"start_date": {"year": "650"}, "end_date": {"year": "700"}, "text": {"headline": "Era 650-700"}},
        {"start_date": {"year": "600"}, "end_date": {"year": "650"}, "text": {"headline": "Era 650-700"}},
        {"end_date": {"year": "650"}}]}"#);
    let eras: Vec<(&str, &str)> = imported
        .raw
        .eras
        .iter()
        .map(|e| (e.id.as_str(), e.date.as_str()))
        .collect();
    assert_eq!(
        eras,
        [("era-650-700", "0650/0700"), ("era-650-700-2", "0600/0650")]
    );
    assert_eq!(imported.report.notes.len(), 1);
}

#[test]
fn slides_without_a_year_are_skipped_and_said() {
    let imported =
        run(r#"{"events": [{"text": {"headline": "no date"}}, {"start_date": {"year": ""}}]}"#);
    assert!(imported.raw.events.is_empty());
    assert!(
        imported
            .report
            .render()
            .contains("skipped 2 slides without a start year")
    );
}

#[test]
fn the_old_layout_is_refused_with_help() {
    let err = import(
        r#"{"timeline": {"headline": "x", "startDate": "1932", "date": []}}"#,
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(err.message.contains("TimelineJS 2"), "{err}");
    assert!(err.help.is_some());
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let imported = run("\u{feff}{\"events\": [{\"start_date\": {\"year\": 1990}}]}");
    assert_eq!(imported.raw.events.len(), 1);
}

#[test]
fn not_json_is_an_error_not_a_panic() {
    assert!(import("[1, 2", &ImportOptions::default()).is_err());
    assert!(import("[]", &ImportOptions::default()).is_err());
    assert!(import("{}", &ImportOptions::default()).is_err());
}
