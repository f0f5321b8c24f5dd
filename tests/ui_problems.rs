//! The problems panel (`!`, #13) on screen: as `quipu check` prints each problem, wrapped, with
//! its event, the selected one marked; and over an empty timeline when the file was invalid from
//! the start.

use quipu::app::problems::Problems;
use quipu::app::reload::opened;
use quipu::app::{Action, App, update};
use quipu::model::{Chronology, Diagnostic};
use quipu::ui::theme::Theme;

fn problems(invalid: bool) -> Problems {
    Problems::new(
        "chronologies/peru-foreign-relations-under-fujimori.json".into(),
        Some("chronologies/peru-foreign-relations-under-fujimori.json".into()),
        vec![
            Diagnostic::error(470, 9, "unknown actor `nobody\u{1b}[2J`")
                .at_path("events[41].actors[0]")
                .with_help("define it in `actors`, or correct the id"),
            Diagnostic::warning(12, 5, "source `lcs-peru` is cited by no event"),
        ],
        vec![Some("self-coup".into()), None],
        invalid,
    )
}

fn sized(mut app: App, width: u16, height: u16) -> App {
    update(&mut app, Action::Resize { width, height });
    app
}

#[test]
fn the_panel_lists_each_problem_as_check_prints_it() {
    let mut app = sized(App::new(Chronology::shipped()), 80, 24);
    opened(&mut app, problems(false));
    assert_eq!(
        app.status.as_deref(),
        Some("1 error, 1 warning (! shows them)")
    );
    update(&mut app, Action::OpenProblems);
    update(&mut app, Action::SelectNext);
    let text = quipu::ui::text_capture::capture(&app, &Theme::color(), 80, 24);
    insta::assert_snapshot!(text);
    // The selected problem (the warning) is marked by its style: checked under NO_COLOR, where
    // reverse video alone carries it.
    let styled = quipu::ui::text_capture::capture_styles(80, 24, |frame| {
        quipu::ui::view(&app, &Theme::monochrome(), frame)
    });
    insta::assert_snapshot!("the_panel_marks_the_selected_problem", styled);
}

#[test]
fn an_invalid_file_at_start_shows_the_panel_over_an_empty_timeline() {
    let mut app = sized(App::new(Chronology::default()), 100, 30);
    opened(&mut app, problems(true));
    let text = quipu::ui::text_capture::capture(&app, &Theme::color(), 100, 30);
    assert!(!text.contains('\u{1b}'), "no escape reaches the screen");
    insta::assert_snapshot!(text);
}

/// Once the panel is closed, the footer still says the file on disk is invalid, and which key
/// shows why, until a valid version is read.
#[test]
fn the_footer_says_the_file_is_invalid_after_the_panel_closes() {
    let mut app = sized(App::new(Chronology::shipped()), 100, 30);
    opened(&mut app, problems(true));
    update(&mut app, Action::Close);
    assert!(app.overlays.is_empty());
    let text = quipu::ui::text_capture::capture(&app, &Theme::color(), 100, 30);
    let footer = text.lines().last().unwrap_or_default();
    assert!(footer.contains("file invalid: ! shows why"), "{footer}");
    opened(&mut app, problems(false));
    let text = quipu::ui::text_capture::capture(&app, &Theme::color(), 100, 30);
    let footer = text.lines().last().unwrap_or_default();
    assert!(!footer.contains("invalid"), "warnings only: {footer}");
}

/// A file that cannot be read is said once, by the footer's note that stays until it is read
/// again, not also by the status line, which kept saying it after the file was back.
#[test]
fn a_file_gone_is_said_once_and_not_after_it_is_back() {
    let mut app = sized(App::new(Chronology::shipped()), 120, 30);
    update(
        &mut app,
        Action::ReloadFailed("f.json is gone: showing the last version".into()),
    );
    let text = quipu::ui::text_capture::capture(&app, &Theme::color(), 120, 30);
    let footer = text.lines().last().unwrap_or_default();
    assert_eq!(footer.matches("is gone").count(), 1, "{footer}");
    update(&mut app, Action::ReloadStarted);
    assert_eq!(app.file_note.as_deref(), Some("reloading…"));
    assert!(app.status.is_none(), "{:?}", app.status);
}

/// A file invalid from the start has no events: `x` says why instead of writing an empty file.
#[test]
fn exporting_a_file_invalid_from_the_start_says_why_and_writes_nothing() {
    let mut app = sized(App::new(Chronology::default()), 100, 30);
    opened(&mut app, problems(true));
    update(&mut app, Action::OpenProblems);
    let opened_menu = update(&mut app, Action::Export);
    assert!(opened_menu.is_empty(), "{opened_menu:?}");
    assert!(app.overlays.is_empty(), "no menu: {:?}", app.overlays);
    assert_eq!(
        app.status.as_deref(),
        Some("nothing to export: the file is invalid (! shows why)")
    );
    let asked = update(
        &mut app,
        Action::ExportAs(quipu::interchange::Format::Markdown),
    );
    assert!(asked.is_empty(), "no export asked of the shell: {asked:?}");
}

#[test]
fn exporting_an_empty_chronology_says_so() {
    let mut app = sized(App::new(Chronology::default()), 100, 30);
    assert!(update(&mut app, Action::Export).is_empty());
    assert_eq!(
        app.status.as_deref(),
        Some("nothing to export: the chronology has no events")
    );
}

/// A help longer than the panel is wrapped under its label, never cut: it names what to write.
#[test]
fn a_long_help_is_read_whole_in_a_narrow_panel() {
    let help =
        "a comma is missing between two fields of this object, or the object's `}` is missing";
    let mut app = sized(App::new(Chronology::shipped()), 60, 24);
    opened(
        &mut app,
        Problems::new(
            "f.json".into(),
            Some("f.json".into()),
            vec![Diagnostic::error(9, 7, "expected `,` or `}`").with_help(help)],
            vec![None],
            false,
        ),
    );
    update(&mut app, Action::OpenProblems);
    let text = quipu::ui::text_capture::capture(&app, &Theme::color(), 60, 24);
    let rows: Vec<&str> = text
        .lines()
        .skip_while(|line| !line.contains("help:"))
        .map(|line| line.trim_matches(|c: char| c == '│' || c == ' '))
        .take_while(|line| !line.is_empty())
        .collect();
    assert!(rows.len() > 1, "{text}");
    let shown: Vec<&str> = rows
        .iter()
        .flat_map(|row| row.split_whitespace())
        .filter(|word| *word != "help:")
        .collect();
    assert_eq!(shown.join(" "), help, "{text}");
}

/// The line that says which keys work in the panel takes a shorter spelling before it cuts
/// anything: at 60 and 40 columns it still names moving, going to the event and closing whole.
#[test]
fn the_keys_line_is_spelled_shorter_before_it_is_cut() {
    for (width, expected) in [
        (
            100,
            "j/k move, Enter goes to the event, ! or q or Esc closes.",
        ),
        (60, "j/k move, Enter goes to the event, Esc closes."),
        (40, "j/k move · Enter event · Esc close"),
    ] {
        let mut app = sized(App::new(Chronology::shipped()), width, 24);
        opened(&mut app, problems(false));
        update(&mut app, Action::OpenProblems);
        let text = quipu::ui::text_capture::capture(&app, &Theme::color(), width, 24);
        let line = text
            .lines()
            .find(|line| line.contains("j/k move"))
            .unwrap_or_else(|| panic!("no keys line at {width}:\n{text}"));
        assert!(line.contains(expected), "{width}: {line}\n{text}");
        assert!(!line.contains('…'), "{width}: {line}");
    }
}
