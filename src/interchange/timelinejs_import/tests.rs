use super::*;

fn run(json: &str) -> Imported {
    import(json, &ImportOptions::default()).unwrap()
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

/// A TimelineJS file with one bad value is told about that value, at its place; a JSON file
/// without an "events" list is told it is no TimelineJS file.
#[test]
fn a_bad_value_is_named_and_a_file_without_slides_is_refused() {
    let refusal = |json: &str| import(json, &ImportOptions::default()).unwrap_err();
    let year = refusal(r#"{"events": [{"start_date": {"year": "abc"}}]}"#);
    assert_eq!(year.message, r#""abc" is not a whole number"#);
    assert_eq!(year.at, Some((1, 41)));
    assert!(
        year.help.as_deref().unwrap().contains(r#""year": 1991"#),
        "{year:?}"
    );
    // serde's own type names ("struct SlideText") never reach the reader.
    let text = refusal(r#"{"events": [{"start_date": {"year": 1}, "text": 5}]}"#);
    assert_eq!(
        text.message,
        "a value of the wrong kind for TimelineJS: expected an object { … }, found the number 5"
    );
    assert!(
        text.help.as_deref().unwrap().contains("json-format"),
        "{text:?}"
    );
    let broken = refusal(r#"{"events": [{"start_date": {"year": 1}} {}]}"#);
    assert_eq!(broken.message, "not valid JSON: expected `,` or `]`");
    assert!(
        broken.help.as_deref().unwrap().contains("comma"),
        "{broken:?}"
    );
    let list = refusal("[1, 2]");
    assert!(
        list.message.starts_with("not a TimelineJS file:"),
        "{list:?}"
    );
    assert!(
        !list.message.contains(" at line "),
        "the place is given apart: {list:?}"
    );
}
