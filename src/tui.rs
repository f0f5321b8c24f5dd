//! The terminal shell around the state machine: set the terminal up, read an event, turn it into
//! an action, update, draw; and put the terminal back however the program ends (return, error,
//! panic, SIGINT, SIGTERM, SIGHUP).

use std::io::{self, Stdout, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

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

use crate::app::keymap::Mode;
use crate::app::palette::{complete_event_search, limit_for, pending_query};
use crate::app::{Action, App, keymap, update};
use crate::cli::exit;
use crate::interchange::{Format, export_events};
use crate::model::Chronology;
use crate::search::{SearchIndex, SearchWorker};
use crate::ui::loading::{self, Loading};
use crate::ui::theme::Theme;
use crate::ui::view;

/// How long to wait for input before looking at the signal flag again.
const POLL: Duration = Duration::from_millis(150);
/// How long to wait while a search is running, so its answer is drawn within a frame.
const POLL_SEARCHING: Duration = Duration::from_millis(15);

/// The search side of the loop: the index is built on a thread at startup (a huge file opens at
/// once), the worker starts when `/` is first pressed, and each palette query is sent once.
struct Search {
    building: Option<std::thread::JoinHandle<SearchIndex>>,
    index: Option<Arc<SearchIndex>>,
    worker: Option<SearchWorker>,
    /// The app generation of the last request sent, and whether its answer is still due.
    sent: u64,
    pending: bool,
}

impl Search {
    fn start(app: &App) -> Search {
        let chronology = Arc::clone(&app.chronology);
        let building = std::thread::Builder::new()
            .name("quipu-index".into())
            .spawn(move || SearchIndex::build(&chronology))
            .ok();
        Search {
            building,
            index: None,
            worker: None,
            sent: 0,
            pending: false,
        }
    }

    fn index(&mut self, app: &App) -> Arc<SearchIndex> {
        if let Some(index) = &self.index {
            return Arc::clone(index);
        }
        // Joining waits only if the palette opened before the build finished.
        let built = self
            .building
            .take()
            .and_then(|handle| handle.join().ok())
            .unwrap_or_else(|| SearchIndex::build(&app.chronology));
        let index = Arc::new(built);
        self.index = Some(Arc::clone(&index));
        index
    }

    /// Sends the palette query if it changed since the last request.
    fn send(&mut self, app: &App) {
        let Some((generation, query)) = pending_query(app) else {
            return;
        };
        if generation == self.sent {
            return;
        }
        let index = self.index(app);
        let limit = limit_for(&index, &query);
        let worker = self
            .worker
            .get_or_insert_with(|| SearchWorker::spawn(Arc::clone(&index)));
        worker.request(query, limit);
        self.sent = generation;
        self.pending = true;
    }

    /// The newest answer, as an action for `update`.
    fn receive(&mut self) -> Option<Action> {
        let results = self.worker.as_ref()?.try_recv()?;
        if results.complete {
            self.pending = false;
        }
        Some(Action::SearchResults {
            generation: self.sent,
            hits: results.hits,
            complete: results.complete,
        })
    }
}

/// Writes the events shown to a new file in the current directory, named from the chronology's
/// title, never overwriting: `title.md`, then `title-2.md`, …
fn write_export(app: &App, format: Format) -> Result<std::path::PathBuf, String> {
    let text = export_events(&app.chronology, &app.visible_events(), format);
    let stem = file_stem(&app.chronology.title);
    let extension = format.extension();
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{stem}.{extension}")
        } else {
            format!("{stem}-{n}.{extension}")
        };
        let path = std::path::PathBuf::from(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                return file
                    .write_all(text.as_bytes())
                    .map(|()| path)
                    .map_err(|err| err.to_string());
            }
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(err) => return Err(err.to_string()),
        }
    }
    Err(format!("{stem}-2 … {stem}-999 all exist"))
}

/// The title as a file name: folded to lower-case ASCII letters and digits joined by dashes.
fn file_stem(title: &str) -> String {
    let folded = crate::search::fold::fold(title);
    let words: Vec<String> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    let stem = words.join("-");
    let stem: String = stem.chars().take(80).collect();
    if stem.is_empty() {
        "quipu-export".to_owned()
    } else {
        stem
    }
}

/// Files that load within this open straight into the explorer, their problems printed on the
/// plain terminal; slower ones show the loading screen until they are ready.
const QUIET_LOAD: Duration = Duration::from_millis(200);

/// How often the loading screen looks for the file, a key and the clock.
const LOADING_POLL: Duration = Duration::from_millis(50);

/// `quipu [FILE]`: load, then explore. A file that loads quickly opens at once, and its problems
/// are printed before the terminal is touched; a slow one shows the loading screen meanwhile, and
/// its problems are printed once the terminal is given back. Returns the process exit code.
pub fn open(file: Option<&Path>, mouse: bool) -> u8 {
    let Some(path) = file else {
        return explore(App::new(Chronology::shipped()), mouse);
    };
    let loader = Loader::start(path);
    match loader.wait(QUIET_LOAD) {
        Some(Ok(chronology)) => explore(App::new(chronology), mouse),
        Some(Err(message)) => {
            eprintln!("{message}");
            exit::FAILURE
        }
        None => explore_once_loaded(&loader, mouse),
    }
}

fn explore(mut app: App, mouse: bool) -> u8 {
    let outcome = run(&mut app, mouse);
    // The process ends here: freeing a big chronology piece by piece would hold the shell
    // prompt back for seconds after the screen is restored, for memory the OS takes back anyway.
    std::mem::forget(app);
    exit_code(outcome)
}

/// The loading screen until the file is ready, then the explorer on the same screen.
fn explore_once_loaded(loader: &Loader, mouse: bool) -> u8 {
    let outcome = Screen::enter(mouse).and_then(|mut screen| match screen.await_load(loader)? {
        Waited::Loaded(chronology) => {
            let mut app = App::new(*chronology);
            let ending = screen.explore(&mut app);
            std::mem::forget(app);
            ending.map(Ok)
        }
        Waited::Failed(message) => Ok(Err(message)),
        Waited::Ended(ending) => Ok(Ok(ending)),
    });
    // The screen has been dropped: the terminal is the reader's again.
    match outcome {
        Ok(Err(message)) => {
            eprintln!("{message}");
            exit::FAILURE
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

/// A file loading on its own thread, so that the terminal can show it is.
struct Loader {
    answer: mpsc::Receiver<Result<Chronology, String>>,
    started: Instant,
    /// The file as named, cleaned for the screen.
    file: String,
    bytes: u64,
}

impl Loader {
    fn start(path: &Path) -> Loader {
        let (send, answer) = mpsc::channel();
        let inline = send.clone();
        let owned = path.to_owned();
        let spawned = std::thread::Builder::new()
            .name("quipu-load".into())
            .spawn(move || load_into(&owned, &send));
        if spawned.is_err() {
            load_into(path, &inline);
        }
        Loader {
            answer,
            started: Instant::now(),
            file: crate::text::sanitize(&path.display().to_string(), false),
            bytes: std::fs::metadata(path).map_or(0, |m| m.len()),
        }
    }

    /// The outcome, if loading ends within `wait`; problems come as the text to print.
    fn wait(&self, wait: Duration) -> Option<Result<Chronology, String>> {
        match self.answer.recv_timeout(wait) {
            Ok(result) => Some(result),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Err(format!(
                "{}: error: loading stopped unexpectedly",
                self.file
            ))),
        }
    }

    fn loading(&self) -> Loading {
        Loading {
            file: self.file.clone(),
            bytes: self.bytes,
            seconds: self.started.elapsed().as_secs(),
        }
    }
}

fn load_into(path: &Path, send: &mpsc::Sender<Result<Chronology, String>>) {
    // Test hook for tests/e2e_hostile.rs, debug builds only: QUIPU_TEST_SLOW_LOAD=MS waits that
    // long first, so that the loading screen shows however fast the machine is.
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("QUIPU_TEST_SLOW_LOAD")
        .ok()
        .and_then(|ms| ms.parse().ok())
    {
        std::thread::sleep(Duration::from_millis(ms));
    }
    let result = crate::interchange::load_any(path).map_err(|err| err.to_string());
    // The receiver is gone only when the reader has already quit.
    let _ = send.send(result);
}

/// How waiting for a file ended.
enum Waited {
    Loaded(Box<Chronology>),
    Failed(String),
    Ended(Ending),
}

/// Whether we asked the terminal to tell Ctrl-i from Tab (kitty keyboard protocol), so every way
/// out, the panic hook included, undoes exactly what was done.
static ENHANCED_KEYS: AtomicBool = AtomicBool::new(false);

/// Whether the terminal is in our hands (raw mode, alternate screen). The panic hook restores it
/// and then unwinding drops the guard: a second restore would leave the alternate screen again
/// after the panic message and put the cursor back above it, so the shell overwrote the report.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Raw mode, the alternate screen and mouse capture, undone on drop.
struct TerminalGuard {
    mouse: bool,
}

impl TerminalGuard {
    fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
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
/// Runs once however many ways out are taken.
fn restore(mouse: bool) {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
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

/// The signal that asked quipu to stop, 0 for none yet. The handler only stores the number; the
/// event loop sees it within `POLL`, restores the terminal and exits with 128 + the number, as a
/// shell expects of a program a signal ended.
fn register_signals() -> io::Result<Arc<AtomicUsize>> {
    let stop = Arc::new(AtomicUsize::new(0));
    for signal in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register_usize(signal, Arc::clone(&stop), signal as usize)?;
    }
    Ok(stop)
}

/// How long a signal may wait for the event loop before the watchdog ends the process itself.
const SIGNAL_GRACE: Duration = Duration::from_secs(1);

/// How often the watchdog looks.
const WATCH: Duration = Duration::from_millis(200);

/// Ends the process when the event loop cannot.
///
/// crossterm 0.29 loops forever inside `event::poll`/`event::read` once its terminal is gone: the
/// dead tty reads as end-of-file, which it retries at once, never returning even from a poll with
/// a timeout (crossterm-rs/crossterm#793). Closing the terminal window would then leave quipu
/// spinning a core, orphaned, and a SIGHUP or SIGTERM would set a flag the loop never reads. So
/// this thread watches both: when the terminal has gone away, or a signal has waited longer
/// than [`SIGNAL_GRACE`], it restores what is left of the terminal and exits with 128 + the
/// signal (SIGHUP for a vanished terminal), as the loop would have.
fn spawn_watchdog(stop: Arc<AtomicUsize>, mouse: bool) -> io::Result<()> {
    use std::io::IsTerminal;
    // Only a terminal that was there at the start can go away; output piped elsewhere (tests
    // drawing to a file, say) is not watched.
    let watched = io::stdout().is_terminal();
    std::thread::Builder::new()
        .name("quipu-watchdog".into())
        .spawn(move || {
            let mut signalled: Option<Instant> = None;
            loop {
                std::thread::sleep(WATCH);
                let signal = stop.load(Ordering::Relaxed);
                if signal != 0 {
                    signalled.get_or_insert_with(Instant::now);
                }
                let gone = watched && !io::stdout().is_terminal();
                let overdue = signalled.is_some_and(|at| at.elapsed() > SIGNAL_GRACE);
                if gone || overdue {
                    if !gone {
                        restore(mouse);
                    }
                    let signal = if signal == 0 {
                        signal_hook::consts::SIGHUP as usize
                    } else {
                        signal
                    };
                    std::process::exit(128 + signal as i32);
                }
            }
        })?;
    Ok(())
}

/// How the explorer ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The reader quit.
    Quit,
    /// A signal (SIGINT, SIGTERM or SIGHUP) with this number ended it.
    Signal(i32),
}

/// The event loop on a fresh screen.
pub fn run(app: &mut App, mouse: bool) -> io::Result<Ending> {
    Screen::enter(mouse)?.explore(app)
}

/// The terminal while quipu has it: signals watched, panics reported on the normal screen, and
/// raw mode and the alternate screen undone when it is dropped.
struct Screen {
    terminal: Terminal<CrosstermBackend<Stdout>>,
    stop: Arc<AtomicUsize>,
    theme: Theme,
    _guard: TerminalGuard,
}

impl Screen {
    fn enter(mouse: bool) -> io::Result<Screen> {
        let stop = register_signals()?;
        spawn_watchdog(Arc::clone(&stop), mouse)?;
        install_panic_hook(mouse);
        let guard = TerminalGuard::enter(mouse)?;
        let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        terminal.clear()?;
        Ok(Screen {
            terminal,
            stop,
            theme: Theme::from_env(),
            _guard: guard,
        })
    }

    /// How the session ends if a signal has come.
    fn signalled(&self) -> Option<Ending> {
        match self.stop.load(Ordering::Relaxed) {
            0 => None,
            signal => Some(Ending::Signal(signal as i32)),
        }
    }

    /// Shows the loading screen until the file is loaded, fails, or the reader gives up.
    fn await_load(&mut self, loader: &Loader) -> io::Result<Waited> {
        let mut shown: Option<Loading> = None;
        loop {
            if let Some(ending) = self.signalled() {
                return Ok(Waited::Ended(ending));
            }
            match loader.wait(Duration::ZERO) {
                Some(Ok(chronology)) => return Ok(Waited::Loaded(Box::new(chronology))),
                Some(Err(message)) => return Ok(Waited::Failed(message)),
                None => {}
            }
            let now = loader.loading();
            if shown.as_ref() != Some(&now) {
                let theme = &self.theme;
                self.terminal
                    .draw(|frame| loading::draw(&now, theme, frame))?;
                shown = Some(now);
            }
            if !event::poll(LOADING_POLL)? {
                continue;
            }
            match event::read()? {
                Event::Key(key)
                    if key.kind == KeyEventKind::Press
                        && keymap::resolve_in(Mode::Loading, &key) == Some(Action::Quit) =>
                {
                    return Ok(Waited::Ended(Ending::Quit));
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
        let Screen {
            terminal, theme, ..
        } = self;
        let size = terminal.size()?;
        update(
            app,
            Action::Resize {
                width: size.width,
                height: size.height,
            },
        );
        // Test hook for tests/e2e_hostile.rs, debug builds only: QUIPU_TEST_PANIC=1 panics once the
        // first frame is on the alternate screen, to prove the panic hook gives the terminal back.
        #[cfg(debug_assertions)]
        if std::env::var_os("QUIPU_TEST_PANIC").is_some_and(|v| v == "1") {
            terminal.draw(|frame| view(app, theme, frame))?;
            panic!("QUIPU_TEST_PANIC=1: deliberate panic after the first frame");
        }
        let mut search = Search::start(app);
        let mut dirty = true;
        while !app.quit && self.stop.load(Ordering::Relaxed) == 0 {
            search.send(app);
            if let Some(action) = search.receive() {
                update(app, action);
                dirty = true;
            }
            if app.last_search.as_ref().is_some_and(|s| !s.complete) {
                let index = search.index(app);
                complete_event_search(app, &index);
                dirty = true;
            }
            if let Some(format) = app.pending_export {
                let written = write_export(app, format);
                update(app, Action::Exported(written));
                dirty = true;
            }
            if dirty {
                terminal.draw(|frame| view(app, theme, frame))?;
                dirty = false;
            }
            let wait = if search.pending { POLL_SEARCHING } else { POLL };
            if !event::poll(wait)? {
                continue;
            }
            if let Some(action) = action_for(app, event::read()?) {
                if let Action::Resize { .. } = action {
                    terminal.autoresize()?;
                }
                update(app, action);
                dirty = true;
            }
        }
        Ok(self.signalled().unwrap_or(Ending::Quit))
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
