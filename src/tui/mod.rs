//! The terminal shell around the state machine: set the terminal up, read an event, turn it into
//! an action, update, draw; and put the terminal back however the program ends (return, error,
//! panic, abort, any terminating signal), or for a while when it is suspended (C-z, SIGTSTP).

mod clipboard;
mod editor;
mod emergency;
mod export;
pub mod filter;
mod hooks;
mod loader;
pub mod query_history;
mod query_index;
mod reload;
pub mod search;
mod signals;
mod terminal;
pub(crate) mod watch;

use std::io::{self, Stdout};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;

use crate::app::edit::{EditOutcome, Origin};
use crate::app::keymap::{Keymap, Mode};
use crate::app::problems::Problems;
use crate::app::{Action, App, Effect, Effects, keymap, update};
use crate::cli::exit;
use crate::config::Config;
use crate::model::{Chronology, LoadError};
use crate::ui::loading::{self, Loading};
use crate::ui::theme::Theme;
use crate::ui::view;
use editor::Edits;
use emergency::EDITOR_RUNNING;
use export::Exports;
use filter::Filters;
use loader::Loader;
use query_index::QueryIndexJob;
use reload::Reloader;
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

/// The explorer's state for a loaded chronology, with the config's key table and where the
/// chronology came from (for `E`).
fn app_for(chronology: Chronology, config: &Config, file: Option<&Path>) -> App {
    let mut app = App::new(chronology);
    app.keymap = Arc::clone(&config.keymap);
    app.origin = match file {
        None => Origin::BuiltIn,
        Some(path) if crate::model::input::is_stdin(path) => Origin::Stdin,
        Some(path) => Origin::File(path.to_path_buf()),
    };
    app
}

fn open_file(file: Option<&Path>, config: &Config) -> u8 {
    let Some(path) = file else {
        return explore(app_for(Chronology::shipped(), config, None), config);
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
    // The problems are made on the loader thread too: naming their events may read the file.
    let owned = path.to_owned();
    let loader = Loader::start_then(path, move |checked| {
        let invalid = checked.chronology.is_none();
        let problems = reload::problems_of(&owned, checked.diagnostics, invalid);
        Box::new((checked.chronology, problems))
    });
    match loader
        .wait(QUIET_LOAD)
        .map(|loaded| loaded.and_then(|c| opened(path, c, config)))
    {
        Some(Ok(app)) => explore(app, config),
        Some(Err(error)) => {
            crate::cli::say(&error);
            exit::for_load_error(&error)
        }
        None => explore_once_loaded(path, &loader, config),
    }
}

/// The explorer's state for a checked file. An invalid one opens on the problems panel over an
/// empty timeline, to be watched until it is saved valid; except from a pipe, which cannot be
/// read again, or with no terminal to show it on: then its errors are printed, as `quipu check`
/// would, and quipu ends.
fn opened(path: &Path, loaded: Opening, config: &Config) -> Result<App, LoadError> {
    let (chronology, problems) = *loaded;
    let watchable =
        !crate::model::input::is_stdin(path) && io::IsTerminal::is_terminal(&io::stdout());
    if chronology.is_none() && !watchable {
        return Err(LoadError::Invalid {
            file: crate::model::input::display_name(path),
            diagnostics: problems
                .diagnostics
                .into_iter()
                .filter(|d| d.is_error())
                .collect(),
        });
    }
    let mut app = app_for(chronology.unwrap_or_default(), config, Some(path));
    crate::app::reload::opened(&mut app, problems);
    Ok(app)
}

fn explore(mut app: App, config: &Config) -> u8 {
    let outcome = run(&mut app, config);
    let code = still_invalid(exit_code(outcome), &app);
    // The process ends here: freeing a big chronology piece by piece would hold the shell
    // prompt back for seconds after the screen is restored, for memory the OS takes back anyway.
    std::mem::forget(app);
    code
}

/// Quitting while the file is still invalid exits 1, as opening an invalid file always has.
fn still_invalid(code: u8, app: &App) -> u8 {
    if code == exit::OK && app.problems.invalid {
        exit::FAILURE
    } else {
        code
    }
}

/// The loading screen until the file is ready, then the explorer on the same screen.
/// What the loader thread makes of the file at start: the chronology when it is valid, and its
/// problems either way.
type Opening = Box<(Option<Chronology>, Problems)>;

fn explore_once_loaded(path: &Path, loader: &Loader<Opening>, config: &Config) -> u8 {
    let outcome = Screen::enter(config).and_then(|mut screen| match screen.await_load(loader)? {
        Waited::Loaded(loaded) => match opened(path, loaded, config) {
            Ok(mut app) => {
                let ending = screen.explore(&mut app);
                let invalid = app.problems.invalid;
                std::mem::forget(app);
                ending.map(|ending| Ok((ending, invalid)))
            }
            Err(error) => Ok(Err(error)),
        },
        Waited::Failed(message) => Ok(Err(message)),
        Waited::Ended(ending) => Ok(Ok((ending, false))),
    });
    // The screen has been dropped: the terminal is the reader's again.
    match outcome {
        Ok(Err(error)) => {
            crate::cli::say(&error);
            exit::for_load_error(&error)
        }
        Ok(Ok((ending, invalid))) => match exit_code(Ok(ending)) {
            exit::OK if invalid => exit::FAILURE,
            code => code,
        },
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
    Loaded(Opening),
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
    fn await_load(&mut self, loader: &Loader<Opening>) -> io::Result<Waited> {
        let mut shown: Option<Loading> = None;
        loop {
            if let Some(ending) = self.signalled() {
                return Ok(Waited::Ended(ending));
            }
            if self.job_control(false)? {
                shown = None;
            }
            match loader.wait(Duration::ZERO) {
                Some(Ok(loaded)) => return Ok(Waited::Loaded(loaded)),
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
            reload: Reloader::new(app),
            query_index: QueryIndexJob::start(app),
            exports: Exports::default(),
            edits: Edits::default(),
            filters: Filters::default(),
            history: query_history::default_path(),
            quit: false,
            suspend: false,
        };
        if let Some(path) = &shell.history {
            let (entries, problem) = query_history::read(path);
            update(app, Action::QueryHistoryLoaded { entries, problem });
        }
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
            if let Some(ready) = shell.edits.take_ready() {
                let outcome = self.edit(app, &ready)?;
                let effects = update(app, Action::Edited(outcome));
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

    /// `E`: hands the terminal to the reader's editor, waits for it, and takes the terminal back
    /// whatever happened (exit, failure, a signal, an editor that is not there), redrawn whole at
    /// the size it has now. While the editor runs the loop reads no input (the editor reads the
    /// terminal) and the signals typed there (C-c, C-z, `C-\`) are the editor's: they are
    /// forgotten when it ends, and the watchdog waits.
    fn edit(&mut self, app: &mut App, ready: &editor::Ready) -> io::Result<EditOutcome> {
        let editor = match editor::from_environment() {
            Ok(editor) => editor,
            Err(outcome) => return Ok(outcome),
        };
        self.guard.give_back();
        EDITOR_RUNNING.store(true, std::sync::atomic::Ordering::SeqCst);
        let outcome = editor::run(&editor, ready);
        EDITOR_RUNNING.store(false, std::sync::atomic::Ordering::SeqCst);
        self.signals.forget_terminal_signals();
        self.guard.retake()?;
        redraw_whole(&mut self.terminal)?;
        self.resized(app)?;
        Ok(outcome)
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

/// What runs the effects `update` returns: the searches, the exports, the editor, and leaving.
struct Shell {
    search: Search,
    /// The watch on the file and its reloads; `None` for the shipped chronology and a pipe.
    reload: Option<Reloader>,
    query_index: QueryIndexJob,
    exports: Exports,
    /// `E`: the edit whose line is being found, then run by the screen (`Screen::edit`).
    edits: Edits,
    filters: Filters,
    /// Where the filter prompt's history is kept; `None` without a home to keep it in.
    history: Option<std::path::PathBuf>,
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
                Effect::Edit { path, target } => self.edits.start(path, target),
                Effect::Export { format, events } => {
                    self.exports
                        .start(std::sync::Arc::clone(&app.chronology), format, events, None)
                }
                Effect::ExportQuery {
                    format,
                    events,
                    query,
                } => self.exports.start(
                    std::sync::Arc::clone(&app.chronology),
                    format,
                    Some(events),
                    Some(query),
                ),
                query @ (Effect::Filter { .. } | Effect::CountFacets { .. }) => {
                    let indexes = filter::Indexes {
                        query: Arc::clone(&app.query_index),
                        words: self.search.index(app),
                    };
                    self.filters
                        .start(Arc::clone(&app.chronology), indexes, query)
                }
                Effect::SaveQueryHistory(entries) => {
                    if let Some(path) = &self.history {
                        self.filters.save_history(path.clone(), entries);
                    }
                }
                search @ (Effect::Search { .. } | Effect::FindAllMatches(_)) => {
                    self.search.run(search)
                }
                Effect::Reload => {
                    if let Some(reload) = &mut self.reload {
                        reload.request(app);
                    }
                }
                Effect::Retire(old) => {
                    self.search.restart(app);
                    self.query_index = QueryIndexJob::start(app);
                    crate::free::elsewhere(old.0);
                }
            }
        }
    }

    /// The next answer from a worker, as an action for `update`.
    fn poll(&mut self, app: &App) -> Option<Action> {
        self.search
            .poll(app)
            .or_else(|| self.exports.poll())
            .or_else(|| self.reload.as_mut()?.poll(app))
            .or_else(|| self.filters.poll())
            .or_else(|| self.query_index.poll())
    }

    fn busy(&self) -> bool {
        self.search.busy()
            || self.exports.busy()
            || self.edits.busy()
            || self.filters.busy()
            || self.reload.as_ref().is_some_and(Reloader::busy)
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
