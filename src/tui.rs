//! The terminal shell around the state machine: set the terminal up, read an event, turn it into
//! an action, update, draw; and put the terminal back however the program ends (return, error,
//! panic, SIGINT, SIGTERM, SIGHUP).

use std::io::{self, Stdout, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, KeyboardEnhancementFlags,
    MouseButton, MouseEventKind, PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{Action, App, keymap, update};
use crate::cli::exit;
use crate::model::Chronology;
use crate::ui::theme::Theme;
use crate::ui::view;

/// How long to wait for input before looking at the signal flag again.
const POLL: Duration = Duration::from_millis(150);

/// `quipu [FILE]`: load (printing problems and failing before the terminal is touched), then
/// explore. Returns the process exit code.
pub fn open(file: Option<&Path>, mouse: bool) -> u8 {
    let chronology = match file {
        None => Chronology::shipped(),
        Some(path) => match crate::interchange::load_any(path) {
            Ok(chronology) => chronology,
            Err(err) => {
                eprintln!("{err}");
                return exit::FAILURE;
            }
        },
    };
    match run(App::new(chronology), mouse) {
        Ok(()) => exit::OK,
        Err(err) => {
            eprintln!("quipu: terminal error: {err}");
            exit::FAILURE
        }
    }
}

/// Whether we asked the terminal to tell Ctrl-i from Tab (kitty keyboard protocol), so every way
/// out, the panic hook included, undoes exactly what was done.
static ENHANCED_KEYS: AtomicBool = AtomicBool::new(false);

/// Raw mode, the alternate screen and mouse capture, undone on drop.
struct TerminalGuard {
    mouse: bool,
}

impl TerminalGuard {
    fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        enable_raw_mode()?;
        let guard = TerminalGuard { mouse };
        execute!(io::stdout(), EnterAlternateScreen)?;
        if mouse {
            execute!(io::stdout(), EnableMouseCapture)?;
        }
        // Terminals that speak the kitty protocol then send Ctrl-i as itself, so it can mean
        // "forward" as in a browser; elsewhere it stays Tab and L does the job.
        if crossterm::terminal::supports_keyboard_enhancement().unwrap_or(false)
            && execute!(
                io::stdout(),
                PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
            )
            .is_ok()
        {
            ENHANCED_KEYS.store(true, Ordering::SeqCst);
        }
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore(self.mouse);
    }
}

/// Puts the terminal back. Errors are ignored: after SIGHUP there may be no terminal to write to.
fn restore(mouse: bool) {
    let mut out = io::stdout();
    if ENHANCED_KEYS.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, PopKeyboardEnhancementFlags);
    }
    if mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, LeaveAlternateScreen, crossterm::cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal before the previous hook prints the panic, so the message is readable.
fn install_panic_hook(mouse: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore(mouse);
        previous(info);
    }));
}

fn register_signals() -> io::Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    Ok(stop)
}

/// The event loop. Draws only after something changed; polls with a timeout so a signal is seen
/// within `POLL` even when no key comes.
pub fn run(mut app: App, mouse: bool) -> io::Result<()> {
    let stop = register_signals()?;
    install_panic_hook(mouse);
    let _guard = TerminalGuard::enter(mouse)?;
    let mut terminal: Terminal<CrosstermBackend<Stdout>> =
        Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.clear()?;
    let theme = Theme::from_env();
    let size = terminal.size()?;
    update(
        &mut app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    // Test hook for tests/e2e_hostile.rs, debug builds only: QUIPU_TEST_PANIC=1 panics once the
    // first frame is on the alternate screen, to prove the panic hook gives the terminal back.
    #[cfg(debug_assertions)]
    if std::env::var_os("QUIPU_TEST_PANIC").is_some_and(|v| v == "1") {
        terminal.draw(|frame| view(&app, &theme, frame))?;
        panic!("QUIPU_TEST_PANIC=1: deliberate panic after the first frame");
    }
    let mut dirty = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if dirty {
            terminal.draw(|frame| view(&app, &theme, frame))?;
            dirty = false;
        }
        if !event::poll(POLL)? {
            continue;
        }
        if let Some(action) = action_for(&app, event::read()?) {
            if let Action::Resize { .. } = action {
                terminal.autoresize()?;
            }
            update(&mut app, action);
            dirty = true;
        }
    }
    Ok(())
}

/// Key presses (not releases or repeats reported as such), mouse clicks and wheel, resizes.
fn action_for(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => keymap::resolve(app, &key),
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
                MouseEventKind::ScrollDown => Some(Action::ScrollDown { column, row }),
                MouseEventKind::ScrollUp => Some(Action::ScrollUp { column, row }),
                _ => None,
            }
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}
