//! Keeps README.md true: its screen capture and its key table are generated from the code, and
//! this test fails when they drift. `QUIPU_UPDATE_README=1 cargo test --test readme` rewrites them.

use quipu::app::keymap::{HelpLine, Keymap, NOTES_HEADING};
use quipu::app::{Action, App, update};
use quipu::model::Chronology;
use quipu::ui::text_capture::capture;
use quipu::ui::theme::Theme;

fn readme_path() -> String {
    format!("{}/README.md", env!("CARGO_MANIFEST_DIR"))
}

/// The main screen at 120x40 on the self-coup, as the README shows it.
fn screen() -> String {
    let mut app = App::new(Chronology::shipped());
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    update(&mut app, Action::OpenDatePrompt);
    for c in "1992-04-05".chars() {
        update(&mut app, Action::PromptInput(c));
    }
    update(&mut app, Action::PromptSubmit);
    format!(
        "```text\n{}```\n",
        capture(&app, &Theme::monochrome(), 120, 40)
    )
}

/// The key table, from the same table the explorer's `?` screen reads.
fn keys() -> String {
    let mut out = String::from("| Keys | What they do | Where |\n|---|---|---|\n");
    let keymap = Keymap::defaults();
    for line in keymap.help_lines() {
        match line {
            HelpLine::Heading(NOTES_HEADING) => break,
            HelpLine::Heading(group) => out.push_str(&format!("| **{group}** | | |\n")),
            HelpLine::Binding(binding) => {
                let keys: Vec<String> = binding
                    .keys()
                    .map(|k| format!("`{}`", k.label().replace('|', "\\|")))
                    .collect();
                let context = binding.context().unwrap_or_default();
                out.push_str(&format!(
                    "| {} | {} | {context} |\n",
                    keys.join(" "),
                    binding.help
                ));
            }
            HelpLine::Blank | HelpLine::Note(_) => {}
        }
    }
    out
}

/// Replaces the text between `<!-- NAME:start -->` and `<!-- NAME:end -->`.
fn splice(readme: &str, name: &str, body: &str) -> String {
    let start = format!("<!-- {name}:start -->\n");
    let end = format!("<!-- {name}:end -->");
    let from = readme
        .find(&start)
        .unwrap_or_else(|| panic!("README lacks {start}"))
        + start.len();
    let to = readme
        .find(&end)
        .unwrap_or_else(|| panic!("README lacks {end}"));
    format!("{}{}{}", &readme[..from], body, &readme[to..])
}

#[test]
fn readme_shows_the_real_screen_and_keys() {
    let readme = std::fs::read_to_string(readme_path()).unwrap();
    let want = splice(&splice(&readme, "screen", &screen()), "keys", &keys());
    if std::env::var_os("QUIPU_UPDATE_README").is_some() {
        std::fs::write(readme_path(), &want).unwrap();
        return;
    }
    assert!(
        readme == want,
        "README.md's screen capture or key table is out of date; run QUIPU_UPDATE_README=1 cargo test --test readme and commit README.md"
    );
}

#[test]
fn readme_gives_the_two_commands() {
    let readme = std::fs::read_to_string(readme_path()).unwrap();
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test"));
}

#[test]
fn readme_example_file_is_valid() {
    let readme = std::fs::read_to_string(readme_path()).unwrap();
    let start = readme.find("```json\n").expect("a JSON example") + "```json\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let checked = Chronology::check(&readme[start..end]);
    let messages: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| d.render("README.md"))
        .collect();
    assert!(
        checked.chronology.is_some() && messages.is_empty(),
        "{messages:?}"
    );
}

#[test]
fn readme_counts_match_the_shipped_chronology() {
    let readme = std::fs::read_to_string(readme_path()).unwrap();
    let c = Chronology::shipped();
    let summary = format!(
        "assets/fujimori.json: ok: {} events, {} actors, {} links",
        c.events.len(),
        c.actors.len(),
        c.link_count()
    );
    assert!(readme.contains(&summary), "README should show `{summary}`");
    let prose = format!(
        "{} events, {} actors, {} causal links",
        c.events.len(),
        c.actors.len(),
        c.link_count()
    );
    assert!(readme.contains(&prose), "README should say `{prose}`");
}
