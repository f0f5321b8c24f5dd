//! Screens of the explorer as text, for the snapshot tests: each checked to read the same under
//! NO_COLOR.

use quipu::app::{Action, App, update};
use quipu::model::Chronology;
use quipu::ui::theme::Theme;

pub fn render(app: &App, theme: &Theme, width: u16, height: u16) -> String {
    quipu::ui::text_capture::capture(app, theme, width, height)
}

pub fn app_at(chronology: Chronology, width: u16, height: u16, date: Option<&str>) -> App {
    let mut app = App::new(chronology);
    update(&mut app, Action::Resize { width, height });
    if let Some(date) = date {
        update(&mut app, Action::OpenDatePrompt);
        for c in date.chars() {
            update(&mut app, Action::PromptInput(c));
        }
        update(&mut app, Action::PromptSubmit);
    }
    app
}

pub fn styles(app: &App, theme: &Theme, width: u16, height: u16) -> String {
    quipu::ui::text_capture::capture_styles(width, height, |frame| {
        quipu::ui::view(app, theme, frame)
    })
}

/// The screen's text, checked to read the same under NO_COLOR: the same characters, no colour
/// at all, and the emphasis (bold, reverse, underline) still there to carry the meaning.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let text = render(app, &Theme::color(), width, height);
    assert_eq!(
        text,
        render(app, &Theme::monochrome(), width, height),
        "NO_COLOR must not change the text"
    );
    let mono = styles(app, &Theme::monochrome(), width, height);
    assert!(
        !mono.contains("fg:") && !mono.contains("bg:"),
        "NO_COLOR draws without colour:\n{mono}"
    );
    assert!(
        mono.contains("+REVERSED")
            || app.visible_len() == 0
            || quipu::app::layout::Layout::for_size(width, height).too_small,
        "NO_COLOR still shows the selection:\n{mono}"
    );
    text
}

pub fn fixture(name: &str) -> Chronology {
    let path = format!("{}/tests/fixtures/valid/{name}", env!("CARGO_MANIFEST_DIR"));
    Chronology::from_path(std::path::Path::new(&path)).unwrap()
}
