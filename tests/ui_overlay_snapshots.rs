//! Overlays rendered into ratatui's TestBackend and compared as text: the search palette, the
//! loading screen, the export menu and the about screen.

mod common;

use common::screen::{app_at, screen};
use quipu::app::keymap::Mode;
use quipu::app::{Action, update};
use quipu::model::Chronology;
use quipu::tui::search::run_now;
use quipu::ui::theme::Theme;

/// The palette after typing `query`, each keystroke answered synchronously as the worker would.
fn palette_screen(query: &str, width: u16, height: u16) -> String {
    let mut app = app_at(Chronology::shipped(), width, height, Some("1992-04-05"));
    let index = quipu::search::SearchIndex::build(&app.chronology);
    let asked = update(&mut app, Action::OpenSearch);
    run_now(&mut app, &index, asked);
    for c in query.chars() {
        let asked = update(&mut app, Action::PromptInput(c));
        run_now(&mut app, &index, asked);
    }
    screen(&app, width, height)
}

/// The first result row of the palette (the line under the prompt).
fn first_result(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let prompt = lines
        .iter()
        .position(|l| l.contains("│/ "))
        .expect("a prompt line");
    let row = lines[prompt + 1..].iter().find(|l| !l.contains(" · "));
    row.map_or_else(String::new, |l| l.to_string())
}

#[test]
fn palette_ranks_what_a_reader_means() {
    let fuj = palette_screen("fuj", 120, 40);
    assert!(first_result(&fuj).contains("Alberto Fujimori"), "{fuj}");
    let imf = palette_screen("imf", 120, 40);
    assert!(
        first_result(&imf).contains("IMF → International Monetary Fund"),
        "{imf}"
    );
    assert!(first_result(&imf).contains("6 events"), "{imf}");
    let comun = palette_screen("comun", 120, 40);
    assert!(comun.contains("Mercado Común del Sur"), "{comun}");
}

#[test]
fn palette_screens() {
    for (w, h) in [(80, 24), (120, 40)] {
        for (name, query) in [
            ("empty", ""),
            ("actors", "peru"),
            ("alias", "imf"),
            ("events", "#cholera"),
            ("nomatch", "zzqxw"),
        ] {
            let text = palette_screen(query, w, h);
            if name == "nomatch" {
                assert!(text.contains("no match for “zzqxw”"), "{text}");
            }
            if name == "empty" {
                assert!(text.contains("events… (@actors, #events)"), "{text}");
            }
            insta::assert_snapshot!(format!("palette_{name}_{w}x{h}"), text);
        }
    }
}

/// The loading screen, centred, at both sizes and in both themes.
#[test]
fn loading_screen() {
    use quipu::ui::loading::{Loading, draw};
    use quipu::ui::text_capture::capture_with;
    let loading = Loading {
        file: "/data/newsroom/chronology-1970-2020.json".to_owned(),
        bytes: 654_653_676,
        stage: quipu::model::Stage::Checking,
        seconds: 7,
    };
    for (w, h) in [(80, 24), (120, 40)] {
        let text = capture_with(w, h, |frame| {
            draw(
                &quipu::app::Keymap::defaults(),
                &loading,
                &Theme::color(),
                frame,
            )
        });
        assert_eq!(
            text,
            capture_with(w, h, |frame| draw(
                &quipu::app::Keymap::defaults(),
                &loading,
                &Theme::monochrome(),
                frame
            )),
            "NO_COLOR must not change the text"
        );
        assert!(
            text.contains("Loading /data/newsroom/chronology-1970-2020.json (624.3 MiB)"),
            "{text}"
        );
        insta::assert_snapshot!(format!("loading_{w}x{h}"), text);
    }
}

/// `e`: the formats, from the key table, over the timeline.
#[test]
fn export_menu() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app_at(Chronology::shipped(), w, h, None);
        update(&mut app, Action::Export);
        let text = screen(&app, w, h);
        assert!(
            text.contains("m Markdown  d dot  j JSON  t TimelineJS"),
            "{text}"
        );
        insta::assert_snapshot!(format!("export_menu_{w}x{h}"), text);
    }
}

/// A narrow terminal wraps the formats instead of cutting the last ones off: every choice in the
/// key table, and how to cancel, is on screen whole.
#[test]
fn narrow_export_menu_shows_every_choice() {
    for (w, h) in [(40, 16), (40, 10), (48, 12)] {
        let mut app = app_at(Chronology::shipped(), w, h, None);
        update(&mut app, Action::Export);
        let text = screen(&app, w, h);
        let hints = app.keymap.footer_hints(Mode::ExportMenu);
        assert!(hints.len() >= 5, "{hints:?}");
        for (keys, word) in hints {
            assert!(
                text.contains(&format!("{keys} {word}")),
                "{keys} {word}:\n{text}"
            );
        }
        insta::assert_snapshot!(format!("export_menu_{w}x{h}"), text);
    }
}

#[test]
fn about_screen_shipped() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app_at(Chronology::shipped(), w, h, None);
        update(&mut app, Action::OpenAbout);
        let text = screen(&app, w, h);
        let counts = app.chronology.basis_counts();
        let stated = format!(
            "{:<10}{:>8}{:>8}",
            "stated", counts.events[0], counts.links[0]
        );
        if h == 40 {
            assert!(text.contains(&stated), "{stated:?} in\n{text}");
            assert!(text.contains("General historical record"), "{text}");
        }
        insta::assert_snapshot!(format!("about_shipped_{w}x{h}"), text);
    }
    // It scrolls to its end and no further.
    let mut app = app_at(Chronology::shipped(), 80, 24, None);
    update(&mut app, Action::OpenAbout);
    for _ in 0..5 {
        update(&mut app, Action::PageDown);
    }
    let text = screen(&app, 80, 24);
    assert!(text.contains("inferred"), "{text}");
    assert!(
        !text.contains("Sources (2)"),
        "scrolled past the sources:\n{text}"
    );
    update(&mut app, Action::Close);
    assert!(!screen(&app, 80, 24).contains(" About "));
}
