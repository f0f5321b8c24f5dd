//! The terminal shell around the state machine: set the terminal up, read an event, turn it into
//! an action, update, draw; and put the terminal back however the program ends (return, error,
//! panic, abort, any terminating signal), or for a while when it is suspended (C-z, SIGTSTP).

mod clipboard;
mod emergency;
mod export;
mod hooks;
mod loader;
mod query_index;
pub mod search;
mod signals;
mod terminal;

use std::io::{self, Stdout};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;

use crate::app::keymap::{Keymap, Mode};
use crate::app::{Action, App, Effect, Effects, keymap, update};
use crate::cli::exit;
use crate::config::Config;
use crate::model::{Chronology, LoadError};
use crate::ui::loading::{self, Loading};
use crate::ui::theme::Theme;
use crate::ui::view;
use export::Exports;
use loader::Loader;
use query_index::QueryIndexJob;
use search::Search;
use signals::Signals;
use terminal::{TerminalGuard, install_panic_hook, report_helper_panics, spawn_watchdog};

/// How long to wait for input before looking at the signal flag again.
const POLL: Duration = Duration::from_millis(150);
/// How long to wait while a search is running, so its answer is drawn within a frame.
const POLL_SEARCHING: Duration = Duration::from_millis(15);

/// Files that load within this open straight into the explorer, their problems printed on the
/// plain terminal; slower ones show the loading screen until they are ready.
const QUIET_LOAD: Duration = Duration::from_millis(200);

/// How often the loading screen looks for the file, a key and the clock.
const LOADING_POLL: Duration = Duration::from_millis(50);

/// `quipu [FILE]`: load, then explore. A file that loads quickly opens at once, and its problems
/// are printed before the terminal is touched; a slow one shows the loading screen meanwhile, and
/// its problems are printed once the terminal is given back. Returns the process exit code.
pub fn open(file: Option<&Path>, config: &Config) -> u8 {
    let code = open_file(file, config);
    // The terminal is the reader's again: what went wrong on a helper thread can be read now.
    report_helper_panics();
    code
}

/// The explorer's state for a loaded chronology, with the config's key table.
fn app_for(chronology: Chronology, config: &Config) -> App {
    let mut app = App::new(chronology);
    app.keymap = Arc::clone(&config.keymap);
    app
}

fn open_file(file: Option<&Path>, config: &Config) -> u8 {
    let Some(path) = file else {
        return explore(app_for(Chronology::shipped(), config), config);
    };
    // `quipu -` reads the chronology from a pipe; keys then come from the controlling terminal
    // (crossterm opens /dev/tty when standard input is not one). With standard input the
    // terminal itself there would be no file to read, only keys.
    if crate::model::input::is_stdin(path) && io::IsTerminal::is_terminal(&io::stdin()) {
        crate::cli::say(
            "error: `-` reads the chronology from standard input, which is the terminal\n  help: pipe a file in (`quipu - < file.json`), or name the file: `quipu file.json`",
        );
        return exit::USAGE;
    }
    let loader = Loader::start(path);
    match loader.wait(QUIET_LOAD) {
        Some(Ok(chronology)) => explore(app_for(chronology, config), config),
        Some(Err(error)) => {
            crate::cli::say(&error);
            exit::for_load_error(&error)
        }
        None => explore_once_loaded(&loader, config),
    }
}

fn explore(mut app: App, config: &Config) -> u8 {
    let outcome = run(&mut app, config);
    // The process ends here: freeing a big chronology piece by piece would hold the shell
    // prompt back for seconds after the screen is restored, for memory the OS takes back anyway.
    std::mem::forget(app);
    exit_code(outcome)
}

/// The loading screen until the file is ready, then the explorer on the same screen.
fn explore_once_loaded(loader: &Loader, config: &Config) -> u8 {
    let outcome = Screen::enter(config).and_then(|mut screen| match screen.await_load(loader)? {
        Waited::Loaded(chronology) => {
            let mut app = app_for(*chronology, config);
            let ending = screen.explore(&mut app);
            std::mem::forget(app);
            ending.map(Ok)
        }
        Waited::Failed(message) => Ok(Err(message)),
        Waited::Ended(ending) => Ok(Ok(ending)),
    });
    // The screen has been dropped: the terminal is the reader's again.
    match outcome {
        Ok(Err(error)) => {
            crate::cli::say(&error);
            exit::for_load_error(&error)
        }
        Ok(Ok(ending)) => exit_code(Ok(ending)),
        Err(err) => exit_code(Err(err)),
    }
}

fn exit_code(outcome: io::Result<Ending>) -> u8 {
    match outcome {
        Ok(Ending::Quit) => exit::OK,
        Ok(Ending::Signal(signal)) => 128u8.saturating_add(signal as u8),
        Err(err) => {
            eprintln!("quipu: terminal error: {err}");
            exit::FAILURE
        }
    }
}

/// How the explorer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The reader quit.
    Quit,
    /// A signal (SIGINT, SIGTERM, SIGHUP or another of `signals::ENDING`) with this number
    /// ended it.
    Signal(i32),
}

/// How waiting for a file ended.
enum Waited {
    Loaded(Box<Chronology>),
    Failed(LoadError),
    Ended(Ending),
}

/// The event loop on a fresh screen.
pub fn run(app: &mut App, config: &Config) -> io::Result<Ending> {
    Screen::enter(config)?.explore(app)
}

/// The terminal while quipu has it: signals watched, panics reported on the normal screen, and
/// raw mode and the alternate screen undone when it is dropped, or for a while when quipu is
/// suspended.
struct Screen {
    terminal: Terminal<CrosstermBackend<Stdout>>,
    signals: Signals,
    theme: Theme,
    keymap: Arc<Keymap>,
    guard: TerminalGuard,
}

impl Screen {
    fn enter(config: &Config) -> io::Result<Screen> {
        let signals = Signals::register()?;
        spawn_watchdog(Arc::clone(&signals.stop))?;
        install_panic_hook();
        let guard = TerminalGuard::enter(config.mouse)?;
        let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        redraw_whole(&mut terminal)?;
        Ok(Screen {
            terminal,
            signals,
            theme: config.theme.clone(),
            keymap: Arc::clone(&config.keymap),
            guard,
        })
    }

    /// How the session ends if a signal has come.
    fn signalled(&self) -> Option<Ending> {
        self.signals.ending().map(Ending::Signal)
    }

    /// Job control, as vim and less do it. A stop asked for (`asked`: C-z; or SIGTSTP from
    /// outside) gives the terminal back, stops the process, and takes the terminal again once it
    /// is continued; a continue alone (after a SIGSTOP nobody could catch) takes it again too,
    /// since the shell sets a stopped job's terminal back to cooked mode. Either way the next
    /// frame is drawn whole. Returns whether that happened.
    fn job_control(&mut self, asked: bool) -> io::Result<bool> {
        if asked || self.signals.take_suspend() {
            self.guard.give_back();
            signals::stop_here();
            self.signals.take_resumed();
        } else if !self.signals.take_resumed() {
            return Ok(false);
        }
        self.guard.retake()?;
        redraw_whole(&mut self.terminal)?;
        Ok(true)
    }

    /// Shows the loading screen until the file is loaded, fails, or the reader gives up.
    fn await_load(&mut self, loader: &Loader) -> io::Result<Waited> {
        let mut shown: Option<Loading> = None;
        loop {
            if let Some(ending) = self.signalled() {
                return Ok(Waited::Ended(ending));
            }
            if self.job_control(false)? {
                shown = None;
            }
            match loader.wait(Duration::ZERO) {
                Some(Ok(chronology)) => return Ok(Waited::Loaded(Box::new(chronology))),
                Some(Err(message)) => return Ok(Waited::Failed(message)),
                None => {}
            }
            let now = loader.loading();
            if shown.as_ref() != Some(&now) {
                let (theme, keymap) = (&self.theme, &self.keymap);
                self.terminal
                    .draw(|frame| loading::draw(keymap, &now, theme, frame))?;
                shown = Some(now);
            }
            if !event::poll(LOADING_POLL)? {
                continue;
            }
            match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => {
                    match self.keymap.resolve(Mode::Loading, &key) {
                        Some(Action::Quit) => return Ok(Waited::Ended(Ending::Quit)),
                        Some(Action::Suspend) => {
                            self.job_control(true)?;
                            shown = None;
                        }
                        _ => {}
                    }
                }
                Event::Resize(..) => {
                    self.terminal.autoresize()?;
                    shown = None;
                }
                _ => {}
            }
        }
    }

    /// The event loop. Draws only after something changed; polls with a timeout so a signal is
    /// seen within `POLL` even when no key comes.
    fn explore(&mut self, app: &mut App) -> io::Result<Ending> {
        app.today = crate::model::date::days_of(chrono::Local::now().date_naive());
        self.resized(app)?;
        let mut shell = Shell {
            search: Search::start(app),
            query_index: QueryIndexJob::start(app),
            exports: Exports::default(),
            quit: false,
            suspend: false,
        };
        let mut dirty = true;
        let mut first_frame = true;
        while !shell.quit && self.signals.ending().is_none() {
            if self.job_control(std::mem::take(&mut shell.suspend))? {
                // The terminal may have been resized while quipu was stopped.
                self.resized(app)?;
                dirty = true;
            }
            while let Some(answer) = shell.poll(app) {
                let effects = update(app, answer);
                shell.run(app, effects);
                dirty = true;
            }
            if dirty {
                let theme = &self.theme;
                self.terminal.draw(|frame| view(app, theme, frame))?;
                dirty = false;
                if std::mem::take(&mut first_frame) {
                    hooks::after_first_frame();
                }
            }
            let wait = if shell.busy() { POLL_SEARCHING } else { POLL };
            if !event::poll(wait)? {
                continue;
            }
            if let Some(action) = action_for(app, event::read()?) {
                if let Action::Resize { .. } = action {
                    self.terminal.autoresize()?;
                }
                let effects = update(app, action);
                shell.run(app, effects);
                dirty = true;
            }
        }
        Ok(self.signalled().unwrap_or(Ending::Quit))
    }

    /// Tells the app the terminal's size.
    fn resized(&mut self, app: &mut App) -> io::Result<()> {
        let size = self.terminal.size()?;
        update(
            app,
            Action::Resize {
                width: size.width,
                height: size.height,
            },
        );
        Ok(())
    }
}

/// Clears the screen and forgets what was drawn, so the next frame is drawn whole. Not
/// `Terminal::clear`, which asks the terminal where its cursor is and fails when no answer comes.
fn redraw_whole(terminal: &mut Terminal<CrosstermBackend<Stdout>>) -> io::Result<()> {
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))
}

/// What runs the effects `update` returns: the searches, the exports, and leaving.
struct Shell {
    search: Search,
    query_index: QueryIndexJob,
    exports: Exports,
    quit: bool,
    /// C-z asked to stop until `fg`.
    suspend: bool,
}

impl Shell {
    fn run(&mut self, app: &App, effects: Effects) {
        for effect in effects {
            match effect {
                Effect::Quit => self.quit = true,
                Effect::Suspend => self.suspend = true,
                // A terminal that cannot be written to will fail the next frame and say so.
                Effect::Copy(text) => {
                    let _ = clipboard::copy(&text);
                }
                Effect::Export { format, events } => {
                    self.exports
                        .start(std::sync::Arc::clone(&app.chronology), format, events)
                }
                search @ (Effect::Search { .. } | Effect::FindAllMatches(_)) => {
                    self.search.run(search)
                }
            }
        }
    }

    /// The next answer from a worker, as an action for `update`.
    fn poll(&mut self, app: &App) -> Option<Action> {
        self.search
            .poll(app)
            .or_else(|| self.exports.poll())
            .or_else(|| self.query_index.poll())
    }

    fn busy(&self) -> bool {
        self.search.busy() || self.exports.busy()
    }
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
