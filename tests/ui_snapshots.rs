//! Screens rendered into ratatui's TestBackend and compared as text, at 80x24 and 120x40, on the
//! shipped chronology and on a fixture. Run `cargo insta review` after a deliberate change.

mod common;

use common::screen::{app_at, fixture, render, screen, styles};

use quipu::app::{Action, App, update};
use quipu::model::Chronology;
use quipu::ui::theme::Theme;

#[test]
fn main_screen_shipped() {
    for (w, h) in [(80, 24), (120, 40)] {
        let app = app_at(Chronology::shipped(), w, h, Some("1992-04-05"));
        insta::assert_snapshot!(format!("main_shipped_{w}x{h}"), screen(&app, w, h));
    }
}

#[test]
fn main_screen_focus_on_consequences() {
    let mut app = app_at(Chronology::shipped(), 80, 24, Some("1992-04-05"));
    for action in [Action::FocusNext, Action::FocusNext, Action::SelectLast] {
        update(&mut app, action);
    }
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("Credit and a"),
        "the detail scrolled to the last consequence:\n{text}"
    );
    insta::assert_snapshot!("main_shipped_consequences_80x24", text);
}

/// What colour and emphasis say on the main screen: the selected event, the focused item of the
/// detail pane against the idle selection in the timeline, consequences against causes, the
/// footer's keys; in colour and under NO_COLOR.
#[test]
fn main_screen_styles() {
    let mut app = app_at(Chronology::shipped(), 80, 24, Some("1992-04-05"));
    for action in [Action::FocusNext, Action::FocusNext] {
        update(&mut app, action);
    }
    insta::assert_snapshot!(
        "main_shipped_styles_color_80x24",
        styles(&app, &Theme::color(), 80, 24)
    );
    insta::assert_snapshot!(
        "main_shipped_styles_mono_80x24",
        styles(&app, &Theme::monochrome(), 80, 24)
    );
}

/// Each theme says the same things in its own colours: the light theme's dark text, the high
/// contrast theme's bright and bold marks. The selection must differ from the text around it.
#[test]
fn themes_styles() {
    let mut app = app_at(Chronology::shipped(), 80, 24, Some("1992-04-05"));
    for action in [Action::FocusNext, Action::FocusNext] {
        update(&mut app, action);
    }
    for name in ["light", "high-contrast"] {
        let theme = Theme::named(name).unwrap();
        let text = styles(&app, &theme, 80, 24);
        let selected = format!("bg:{}", theme.selected.bg.unwrap());
        assert!(
            text.contains(&selected),
            "{name}: the selection's {selected} is drawn:\n{text}"
        );
        insta::assert_snapshot!(format!("main_shipped_styles_{name}_80x24"), text);
    }
}

#[test]
fn main_screen_zoomed_to_april_1992() {
    let mut app = app_at(Chronology::shipped(), 120, 40, Some("1992-04-05"));
    for _ in 0..app.max_zoom() {
        update(&mut app, Action::ZoomIn);
    }
    let text = screen(&app, 120, 40);
    assert!(text.contains("Apr"), "day ticks name the month");
    insta::assert_snapshot!("main_shipped_zoomed_120x40", text);
}

#[test]
fn chain_view_shipped() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app_at(Chronology::shipped(), w, h, Some("1992-04-05"));
        update(&mut app, Action::OpenChain);
        insta::assert_snapshot!(format!("chain_shipped_{w}x{h}"), screen(&app, w, h));
    }
}

#[test]
fn actors_view_shipped() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app_at(Chronology::shipped(), w, h, None);
        update(&mut app, Action::OpenActors);
        insta::assert_snapshot!(format!("actors_shipped_{w}x{h}"), screen(&app, w, h));
    }
}

#[test]
fn filtered_timeline_shows_the_filter() {
    let mut app = app_at(Chronology::shipped(), 120, 40, Some("1992-04-05"));
    update(&mut app, Action::FocusNext);
    let asked = update(&mut app, Action::FilterByActor);
    quipu::tui::filter::run_now(&mut app, asked);
    let text = screen(&app, 120, 40);
    assert!(text.contains("only: actor:fujimori"));
    insta::assert_snapshot!("filtered_shipped_120x40", text);
}

#[test]
fn help_screen() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app_at(Chronology::shipped(), w, h, None);
        update(&mut app, Action::OpenHelp);
        insta::assert_snapshot!(format!("help_{w}x{h}"), screen(&app, w, h));
    }
}

#[test]
fn date_prompt_with_an_error() {
    let mut app = app_at(Chronology::shipped(), 80, 24, None);
    update(&mut app, Action::OpenDatePrompt);
    for c in "spring".chars() {
        update(&mut app, Action::PromptInput(c));
    }
    update(&mut app, Action::PromptSubmit);
    insta::assert_snapshot!("date_prompt_error_80x24", screen(&app, 80, 24));
}

#[test]
fn date_prompt_shows_a_long_error_whole() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app_at(Chronology::shipped(), w, h, None);
        update(&mut app, Action::OpenDatePrompt);
        for c in "5/4/1992".chars() {
            update(&mut app, Action::PromptInput(c));
        }
        update(&mut app, Action::PromptSubmit);
        let text = screen(&app, w, h);
        assert!(
            text.contains("1992-05-04"),
            "the whole message is shown:\n{text}"
        );
        insta::assert_snapshot!(format!("date_prompt_ambiguous_{w}x{h}"), text);
    }
    let mut app = app_at(Chronology::shipped(), 80, 24, None);
    update(&mut app, Action::OpenDatePrompt);
    for c in "1992-13".chars() {
        update(&mut app, Action::PromptInput(c));
    }
    update(&mut app, Action::PromptSubmit);
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("Y-13800000000"),
        "EDTF's long advice is shown whole:\n{text}"
    );
    insta::assert_snapshot!("date_prompt_edtf_error_80x24", text);
}

/// Velasco years end in 1975: the 1980s events below them sit under a plain line, not the
/// header, and each header gives its era's span.
#[test]
fn eras_end_where_their_span_ends() {
    let app = app_at(Chronology::shipped(), 120, 40, Some("1975"));
    let text = screen(&app, 120, 40);
    let lines: Vec<&str> = text.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.starts_with("── Velasco years (1968–1975)"))
        .expect("the Velasco header");
    let gap = lines
        .iter()
        .position(|l| l.starts_with("────────"))
        .expect("a plain separator after Velasco years");
    let eighties = lines
        .iter()
        .position(|l| l.contains("1980s  Peru falls into arrears"))
        .expect("a 1980s event");
    assert!(header < gap && gap < eighties, "{text}");
    insta::assert_snapshot!("eras_with_gaps_120x40", text);
}

/// The axis opens fitted to where most events are (1989–1992 for the shipped chronology), counts
/// the rest at its ends, and `-` still zooms out to everything.
#[test]
fn the_axis_is_fitted_to_the_events() {
    let mut app = app_at(Chronology::shipped(), 120, 40, Some("1992-04-05"));
    let text = screen(&app, 120, 40);
    let ticks = text.lines().nth(3).unwrap();
    for year in ["╵1990", "╵1991", "╵1992"] {
        assert!(ticks.contains(year), "{year} labelled: {ticks}");
    }
    // The events before the fitted window are counted at its left end.
    let window = app.axis_window().unwrap();
    let before = app.place_days.iter().filter(|&&d| d < window.start).count();
    assert!(before > 0);
    assert!(
        ticks.starts_with(&format!("◂ {before}")),
        "{before} outliers counted: {ticks}"
    );
    assert!(!ticks.contains("1940"));
    update(&mut app, Action::ZoomOut);
    let all = screen(&app, 120, 40);
    assert!(all.lines().nth(3).unwrap().contains("╵1940"), "{all}");
    assert!(all.lines().next().unwrap().ends_with("zoom all"));
    insta::assert_snapshot!("axis_zoomed_out_120x40", all);
}

fn inline(json: &str) -> Chronology {
    Chronology::from_str(json).unwrap_or_else(|d| panic!("{d:?}"))
}

/// Deep time reads like the list, and a span of ±10^17 years neither overflows nor loops over
/// its years.
#[test]
fn deep_time_axis_labels() {
    let deep = inline(
        r#"{"quipu": 1, "title": "Deep time", "actors": [{"id": "a", "name": "A"}], "events": [
        {"id": "big-bang", "date": "Y-13800000000", "title": "Big Bang", "actors": ["a"]},
        {"id": "sun", "date": "Y-4600000000", "title": "The Sun forms", "actors": ["a"]},
        {"id": "dinosaurs", "date": "Y-66000000", "title": "Dinosaurs die out", "actors": ["a"]},
        {"id": "caesar", "date": "-0043-03-15", "title": "Caesar is killed", "actors": ["a"]}
    ]}"#,
    );
    let app = app_at(deep, 80, 24, None);
    let text = screen(&app, 80, 24);
    assert!(text.contains("billion years ago"), "{text}");
    assert!(!text.contains("-1"), "no raw negative years:\n{text}");
    insta::assert_snapshot!("axis_deep_time_80x24", text);

    let extreme = inline(
        r#"{"quipu": 1, "title": "Extremes", "actors": [{"id": "a", "name": "A"}], "events": [
        {"id": "first", "date": "Y-99999999999999999", "title": "First", "actors": ["a"]},
        {"id": "last", "date": "Y99999999999999999", "title": "Last", "actors": ["a"]}
    ]}"#,
    );
    let mut app = app_at(extreme, 80, 24, None);
    for action in [Action::ZoomIn, Action::SelectLast, Action::ZoomOut] {
        update(&mut app, action);
        let text = screen(&app, 80, 24);
        assert!(text.contains("First") || text.contains("Last"), "{text}");
    }
}

/// On a wide terminal the date column grows until the longest dates show whole.
#[test]
fn wide_terminals_show_dates_whole() {
    let app = app_at(Chronology::shipped(), 200, 40, Some("1975"));
    let text = screen(&app, 200, 40);
    // The widest date the column is allowed to give room to, shown whole with a gap after it.
    let widest = app
        .chronology
        .events
        .iter()
        .map(|e| e.human_date())
        .filter(|d| d.chars().count() <= 32)
        .max_by_key(|d| d.chars().count())
        .unwrap();
    let visible: Vec<String> = (0..app.visible_len())
        .map(|p| app.chronology.events[app.visible_event(p).unwrap()].human_date())
        .collect();
    if visible.contains(&widest) {
        assert!(
            text.contains(&format!("{widest}  ")),
            "{widest:?} in {text}"
        );
    }
    let event = &app.chronology.events[app.selected_event().unwrap()];
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let legend = format!(
        "→{} · ←{}",
        plural(event.consequences.len(), "consequence"),
        plural(event.causes.len(), "cause")
    );
    assert!(text.contains(&legend), "the legend {legend:?}: {text}");
    insta::assert_snapshot!("main_shipped_200x40", text);
}

/// The actors' lanes on the self-coup: points for days, bars for months, faded dashes for open
/// dates, the coup highlighted and its consequences marked; styles are part of the snapshot.
#[test]
fn lanes_shipped_styled() {
    for (w, h) in [(80, 24), (160, 50)] {
        let mut app = app_at(Chronology::shipped(), w, h, Some("1992-04-05"));
        update(&mut app, Action::OpenLanes);
        let text = screen(&app, w, h);
        assert!(text.contains("Lanes ("), "{text}");
        assert!(text.contains('●'), "a day is a point:\n{text}");
        assert!(
            text.contains('╌') || text.contains('○'),
            "open dates are faded:\n{text}"
        );
        let styled = format!("{text}styles:\n{}", styles(&app, &Theme::color(), w, h));
        insta::assert_snapshot!(format!("lanes_shipped_{w}x{h}"), styled);
    }
}

#[test]
fn fixtures_main_screen() {
    for name in ["space-race.json", "unicode-wide.json"] {
        for (w, h) in [(80, 24), (120, 40)] {
            let app = app_at(fixture(name), w, h, None);
            let stem = name.trim_end_matches(".json");
            insta::assert_snapshot!(format!("main_{stem}_{w}x{h}"), screen(&app, w, h));
        }
    }
}

#[test]
fn inline_chronology_main_screen() {
    let json = r#"{
      "quipu": 1,
      "title": "Small inline chronology",
      "actors": [{"id": "a", "name": "Ana", "kind": "person"}],
      "eras": [{"id": "e", "title": "The only era", "date": "2000/2001"}],
      "events": [
        {"id": "one", "date": "2000-01-02", "title": "First", "actors": ["a"], "consequences": ["two"]},
        {"id": "two", "date": "2000-06", "title": "Second", "summary": "Follows from the first."}
      ]
    }"#;
    let app = app_at(Chronology::from_str(json).unwrap(), 80, 24, None);
    insta::assert_snapshot!("main_inline_80x24", screen(&app, 80, 24));
}

#[test]
fn too_small_says_so() {
    let app = app_at(Chronology::shipped(), 30, 8, None);
    let text = screen(&app, 30, 8);
    assert!(text.contains("too small"));
}

#[test]
fn no_size_panics() {
    let mut app = App::new(Chronology::shipped());
    for (w, h) in [
        (1, 1),
        (2, 1),
        (1, 2),
        (39, 10),
        (40, 9),
        (40, 10),
        (41, 11),
        (60, 15),
        (500, 200),
        (200, 20),
    ] {
        update(
            &mut app,
            Action::Resize {
                width: w,
                height: h,
            },
        );
        let openers = common::overlay_openers(&app);
        assert!(openers.len() >= 6, "{openers:?}");
        for overlay in std::iter::once(None).chain(openers.into_iter().map(Some)) {
            if let Some(open) = overlay {
                update(&mut app, open);
            }
            for zoom in [
                Action::ZoomIn,
                Action::ZoomIn,
                Action::ZoomIn,
                Action::ZoomIn,
            ] {
                update(&mut app, zoom);
                render(&app, &Theme::color(), w, h);
            }
            update(&mut app, Action::Close);
            update(&mut app, Action::SelectLast);
        }
    }
}

/// The footer keeps `? help`, `/ search` and `q quit` at every width; the other hints and the
/// filter's text give way first.
#[test]
fn footer_keeps_the_essentials() {
    for width in [60u16, 80, 120] {
        let mut app = app_at(Chronology::shipped(), width, 24, Some("1992-04-05"));
        let plain = screen(&app, width, 24);
        let footer = plain.lines().last().unwrap().to_owned();
        update(&mut app, Action::FocusNext);
        let asked = update(&mut app, Action::FilterByActor);
        quipu::tui::filter::run_now(&mut app, asked);
        update(&mut app, Action::Close);
        let filtered = screen(&app, width, 24);
        let filtered_footer = filtered.lines().last().unwrap().to_owned();
        for footer in [&footer, &filtered_footer] {
            for essential in ["? help", "/ search", "q quit"] {
                assert!(
                    footer.contains(essential),
                    "{width}: {essential} in {footer:?}"
                );
            }
        }
        assert!(filtered_footer.contains("only: act"), "{filtered_footer:?}");
        insta::assert_snapshot!(
            format!("footer_{width}"),
            format!("{footer}\n{filtered_footer}\n")
        );
    }
}

/// The fixture's self-coup has a stated, an implied and an inferred consequence, and aliases.
#[test]
fn detail_pane_marks_implied_and_inferred_links() {
    let app = app_at(fixture("basis-and-aliases.json"), 120, 40, None);
    let text = screen(&app, 120, 40);
    assert!(text.contains("also called autogolpe · Fujigolpe"), "{text}");
    assert!(text.contains("· implied — follows"), "{text}");
    assert!(text.contains("· inferred — our"), "{text}");
    insta::assert_snapshot!("detail_basis_120x40", text);
}

#[test]
fn detail_pane_marks_an_implied_event() {
    let mut app = app_at(fixture("basis-and-aliases.json"), 120, 40, None);
    update(&mut app, Action::SelectLast);
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("implied: follows from the source's wording"),
        "{text}"
    );
    insta::assert_snapshot!("detail_implied_event_120x40", text);
}

#[test]
fn chain_view_marks_implied_and_inferred_links() {
    let mut app = app_at(fixture("basis-and-aliases.json"), 80, 24, None);
    update(&mut app, Action::OpenChain);
    let text = screen(&app, 80, 24);
    assert!(text.contains("Refusal (inferred)"), "{text}");
    assert!(text.contains("Reinsertion threatened (implied)"), "{text}");
    assert!(
        !text.contains("Aid suspended ("),
        "a stated link is unmarked:\n{text}"
    );
    insta::assert_snapshot!("chain_basis_80x24", text);
}

/// Actors picked for the lanes with Space are marked in the actors view.
#[test]
fn actors_view_marks_the_picked_lanes() {
    let mut app = app_at(Chronology::shipped(), 80, 24, None);
    update(&mut app, Action::OpenActors);
    update(&mut app, Action::SelectNext);
    update(&mut app, Action::ToggleLane);
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("≡ Alberto Fujimori") || text.contains("≡ Peru"),
        "{text}"
    );
    insta::assert_snapshot!("actors_picked_lanes_80x24", text);
}

/// A narrow timeline takes the first shorter form of a date that fits ("Sep 1989", "1968–",
/// "1938") before it cuts one, and never shows a sliver such as "1…".
#[test]
fn narrow_terminals_shorten_dates_before_cutting_them() {
    for (width, date_columns) in [(40u16, 5), (60, 8)] {
        let app = app_at(Chronology::shipped(), width, 16, None);
        let text = screen(&app, width, 16);
        let rows: Vec<&str> = text
            .lines()
            .filter(|line| line.contains(" │") && !line.starts_with("──"))
            .filter(|line| line.chars().nth(date_columns + 1) == Some(' '))
            .collect();
        assert!(rows.len() >= 8, "{width} columns: event rows in\n{text}");
        for row in &rows {
            let date: String = row.chars().take(date_columns).collect();
            assert!(
                !date.contains('…'),
                "{width} columns: {date:?} cut in\n{text}"
            );
            assert!(
                date.trim().chars().take(4).all(|c| c.is_ascii_digit())
                    || date.trim().starts_with(char::is_alphabetic),
                "{width} columns: {date:?} does not lead with a year or month in\n{text}"
            );
        }
        insta::assert_snapshot!(format!("main_shipped_{width}x16"), text);
    }
}
