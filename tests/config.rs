//! The config file: defaults that read back as themselves, partial overrides, unbinding, and
//! every kind of mistake reported at its line and column with a did-you-mean; and the CLI.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use quipu::app::Action;
use quipu::app::keymap::{Keymap, Mode};
use quipu::config::{default_toml, parse};
use ratatui::style::Color;

fn press(c: char, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), modifiers)
}

fn errors(text: &str) -> Vec<String> {
    parse(text, "config.toml")
        .expect_err("the file has mistakes")
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_default_file_reads_back_as_the_defaults() {
    let settings = parse(&default_toml(), "default").expect("the defaults are valid");
    assert_eq!(settings.keymap, *Keymap::defaults());
    assert_eq!(settings.theme(), quipu::ui::theme::Theme::color());
    assert!(settings.mouse);
}

#[test]
fn an_empty_file_is_the_defaults() {
    let settings = parse("", "config.toml").unwrap();
    assert_eq!(settings.keymap, *Keymap::defaults());
}

#[test]
fn a_file_overrides_only_what_it_names() {
    let settings = parse(
        r##"
mouse = false
[theme]
name = "light"
[theme.colors]
title = "#ff8800"
selected = { fg = "black", bg = "light-yellow" }
date = 130
cause = { bg = "21" }
[keys.timeline]
"ctrl-n" = "next"
"j" = "none"
[keys.global]
"Q" = "quit"
"##,
        "config.toml",
    )
    .unwrap();
    assert!(!settings.mouse);
    let keymap = &settings.keymap;
    assert_eq!(
        keymap.resolve(Mode::Timeline, &press('n', KeyModifiers::CONTROL)),
        Some(Action::SelectNext)
    );
    assert_eq!(
        keymap.resolve(Mode::Timeline, &press('j', KeyModifiers::NONE)),
        None
    );
    assert_eq!(
        keymap.resolve(Mode::Chain, &press('j', KeyModifiers::NONE)),
        Some(Action::SelectNext),
        "j is unbound in the timeline only"
    );
    assert_eq!(
        keymap.resolve(Mode::Timeline, &press('k', KeyModifiers::NONE)),
        Some(Action::SelectPrev),
        "what the file does not name stays"
    );
    assert_eq!(
        keymap.resolve(Mode::Help, &press('Q', KeyModifiers::SHIFT)),
        Some(Action::Quit)
    );
    // The footer and help read the merged table.
    assert_eq!(keymap.footer_hints(Mode::Timeline)[0].0, "C-n/k");
    let theme = settings.theme();
    assert_eq!(theme.title.fg, Some(Color::Rgb(0xff, 0x88, 0)));
    assert_eq!(theme.selected.bg, Some(Color::LightYellow));
    assert_eq!(theme.date.fg, Some(Color::Indexed(130)), "a bare number");
    assert_eq!(
        theme.cause.bg,
        Some(Color::Indexed(21)),
        "a number in quotes"
    );
    assert_eq!(
        theme.dim,
        quipu::ui::theme::Theme::light().dim,
        "the named theme under the overrides"
    );
}

#[test]
fn mistakes_are_reported_at_their_place_with_a_did_you_mean() {
    let cases: &[(&str, &[&str])] = &[
        (
            "thme = \"dark\"\n",
            &[
                "config.toml:1:1: error: unknown field `thme`",
                "did you mean 'theme'?",
            ],
        ),
        (
            "theme = \"ligth\"\n",
            &[
                "config.toml:1:9: error: unknown theme 'ligth'",
                "did you mean 'light'?",
            ],
        ),
        (
            "[keys.timelin]\n\"j\" = \"next\"\n",
            &[
                "config.toml:1:7: error: unknown mode 'timelin'",
                "did you mean 'timeline'?",
            ],
        ),
        (
            "[keys.timeline]\n\"j\" = \"nxt\"\n",
            &[
                "config.toml:2:7: error: unknown action 'nxt'",
                "did you mean 'next'?",
            ],
        ),
        (
            "[keys.timeline]\n\"hyper-j\" = \"next\"\n",
            &[
                "config.toml:2:1: error: 'hyper-j' is not a key",
                "unknown modifier 'hyper'",
            ],
        ),
        (
            "[keys.timeline]\n\"ctrl-n\" = \"next\"\n\"C-n\" = \"previous\"\n",
            &["is bound twice in [keys.timeline]"],
        ),
        (
            "[theme.colors]\ntitel = \"red\"\n",
            &["unknown colour name 'titel'", "'title'"],
        ),
        (
            "[theme.colors]\ntitle = \"reddish\"\n",
            &["'reddish' for title is not a colour"],
        ),
        // Each colour's mistake at the colour itself, not at the `[theme.colors]` line.
        (
            "[theme.colors]\nselected = { fg = \"white\", bg = 300 }\n",
            &[
                "config.toml:2:33: error: '300' for selected is not a colour",
                "0-255",
            ],
        ),
        (
            "[theme.colors]\ntitle = [\"red\"]\n",
            &[
                "config.toml:2:9: error:",
                "expected a colour",
                "{ fg = …, bg = … }",
            ],
        ),
        (
            "[theme.colors]\nselected = { fg = \"white\", boldd = 1 }\n",
            &["config.toml:2:28: error: unknown field `boldd`, expected `fg` or `bg`"],
        ),
        (
            "[theme]\nname = \"ligth\"\n",
            &["config.toml:2:8: error: unknown theme 'ligth'"],
        ),
        (
            "theme = 3\n",
            &["config.toml:1:9: error:", "a theme's name"],
        ),
        // Every key that quits the timeline taken away: the reader could not get out.
        (
            "[keys.global]\nq = \"none\"\nQ = \"none\"\nctrl-c = \"next\"\n",
            &[
                "config.toml:2:1: error: no key is left to quit from the timeline: 'q' (line 2), 'Q' (line 3) and 'ctrl-c' (line 4) took them away",
                "keep one bound, e.g. q = \"quit\"",
            ],
        ),
        // Taken away across two tables, the later table first in the file: the error is at the
        // file's first such line, whichever table is read first.
        (
            "[keys.main]\nq = \"none\"\nQ = \"none\"\n[keys.global]\nctrl-c = \"none\"\n",
            &[
                "config.toml:2:1: error: no key is left to quit from the timeline: 'q' (line 2), 'Q' (line 3) and 'ctrl-c' (line 5) took them away",
            ],
        ),
        ("mouse = \"yes\"\n", &["config.toml:1:9: error:"]),
        ("[keys\n", &["config.toml:1:"]),
    ];
    for (text, wanted) in cases {
        let found = errors(text).join("\n");
        for want in *wanted {
            assert!(
                found.contains(want),
                "{text:?}: wanted {want:?} in\n{found}"
            );
        }
    }
}

/// Unbinding quit keys is fine while one is left, in any mode the timeline reads.
#[test]
fn a_config_may_move_quit_to_another_key() {
    let moved =
        "[keys.global]\nq = \"none\"\nQ = \"none\"\nctrl-c = \"next\"\n[keys.main]\nx = \"quit\"\n";
    parse(moved, "config.toml").unwrap_or_else(|e| panic!("{e:?}"));
    parse("[keys.global]\nq = \"none\"\n", "config.toml").unwrap_or_else(|e| panic!("{e:?}"));
}

#[test]
fn every_mistake_is_reported_in_file_order() {
    let found = errors("[keys.timeline]\n\"z\" = \"zzz\"\n\"a\" = \"aaa\"\n");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("config.toml:2:"), "{found:?}");
    assert!(found[1].starts_with("config.toml:3:"), "{found:?}");
}

#[test]
fn escapes_in_a_config_file_are_not_echoed_raw() {
    let found = errors("[keys.timeline]\n\"j\" = \"\\u001b[31mred\"\n").join("\n");
    assert!(!found.contains('\u{1b}'), "{found:?}");
}

mod cli {
    use std::process::Command;

    fn quipu(config_home: &std::path::Path, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_quipu"))
            .args(args)
            .env("XDG_CONFIG_HOME", config_home)
            .env_remove("NO_COLOR")
            .output()
            .expect("quipu runs")
    }

    #[test]
    fn config_path_default_and_check() {
        let home = tempfile::tempdir().unwrap();
        let out = quipu(home.path(), &["config", "--path"]);
        assert!(out.status.success());
        let path = home.path().join("quipu").join("config.toml");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            path.display().to_string()
        );

        let out = quipu(home.path(), &["config", "--default"]);
        assert!(out.status.success());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &out.stdout).unwrap();
        let out = quipu(home.path(), &["config", "--check"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );

        std::fs::write(&path, "[keys.timeline]\n\"j\" = \"nxt\"\n").unwrap();
        let out = quipu(home.path(), &["config", "--check"]);
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("config.toml:2:7: error: unknown action 'nxt'"),
            "{err}"
        );
    }

    /// A bad config stops the explorer before the terminal is touched, with exit 1, as git does.
    #[test]
    fn a_bad_config_stops_the_explorer_before_the_terminal() {
        let home = tempfile::tempdir().unwrap();
        let path = home.path().join("quipu").join("config.toml");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "theme = \"ligth\"\n").unwrap();
        let out = quipu(home.path(), &[]);
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("config.toml:1:9: error: unknown theme 'ligth'"),
            "{err}"
        );
        assert!(out.stdout.is_empty(), "nothing drawn: {:?}", out.stdout);
    }

    #[test]
    fn a_bad_theme_flag_is_an_error() {
        let home = tempfile::tempdir().unwrap();
        let out = quipu(home.path(), &["--theme", "neon"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&out.stderr).contains("unknown theme 'neon' for --theme"));
    }
}

/// The example in README.md is a config file quipu accepts.
#[test]
fn the_readme_example_is_valid() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("```toml\n")
        .expect("README shows a config file")
        + 8;
    let end = start + readme[start..].find("```").unwrap();
    let settings = parse(&readme[start..end], "README.md").unwrap_or_else(|e| panic!("{e:?}"));
    assert!(!settings.mouse);
    assert_eq!(
        settings
            .keymap
            .resolve(Mode::Timeline, &press('q', KeyModifiers::CONTROL)),
        Some(Action::Quit)
    );
}
