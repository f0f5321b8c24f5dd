//! Taking the terminal and giving it back, whatever ends the program: raw mode, the alternate
//! screen, mouse capture and keyboard flags undone on return, panic, signal or a vanished tty,
//! and for a while on suspend (C-z). Aborts and core-dumping signals, which run no Rust code
//! after them, are `emergency`'s.

use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossterm::event::{
    DisableMouseCapture, EnableMouseCapture, KeyboardEnhancementFlags, PopKeyboardEnhancementFlags,
    PushKeyboardEnhancementFlags,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::emergency::{self, ACTIVE, EDITOR_RUNNING, ENHANCED_KEYS, MOUSE};

/// Raw mode, the alternate screen and mouse capture, undone on drop.
pub(super) struct TerminalGuard {
    mouse: bool,
}

impl TerminalGuard {
    pub(super) fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        // Before raw mode: the handlers for aborts must know the cooked settings to go back to.
        emergency::prepare()?;
        // The guard first: if taking fails halfway, dropping it undoes what was done.
        let guard = TerminalGuard { mouse };
        take(mouse)?;
        Ok(guard)
    }

    /// Gives the terminal back for a while (job control), as on the way out.
    pub(super) fn give_back(&self) {
        restore();
    }

    /// Takes the terminal again after [`TerminalGuard::give_back`] or after someone else (the
    /// shell, after a stop) set it back to cooked mode: whatever state it is in, it ends in ours.
    pub(super) fn retake(&self) -> io::Result<()> {
        restore();
        take(self.mouse)
    }
}

/// Raw mode, the alternate screen, mouse capture if wanted, and Ctrl-i told from Tab.
///
/// Nothing here asks the terminal anything: a terminal that never answers (a serial console,
/// `script`, some CI and screen-reader setups) would make quipu wait for the answer and then
/// fail. The kitty keyboard flags are pushed without first asking whether they are understood:
/// a terminal that does not speak the protocol ignores the sequence, as it ignores the pop.
fn take(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(io::stdout(), EnterAlternateScreen)?;
    if mouse {
        MOUSE.store(true, Ordering::SeqCst);
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    // Terminals that speak the kitty protocol then send Ctrl-i as itself, so it can mean
    // "forward" as in a browser; elsewhere it stays Tab and L does the job.
    ENHANCED_KEYS.store(true, Ordering::SeqCst);
    execute!(
        io::stdout(),
        PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
    )?;
    Ok(())
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back. Errors are ignored: after SIGHUP there may be no terminal to write to.
/// Runs once however many ways out are taken.
fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if ENHANCED_KEYS.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, PopKeyboardEnhancementFlags);
    }
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, LeaveAlternateScreen, crossterm::cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Reports of panics on helper threads while quipu had the terminal, printed once it is given
/// back (see [`report_helper_panics`]).
static HELPER_PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Restores the terminal before the previous hook prints the panic, so the message is readable.
/// Only for the main thread's panic, which ends quipu. One on a helper thread (loading, index,
/// search) does not: the loop notices the lost answer and carries on, in the terminal it set up,
/// so the report is kept for the end instead of being written over the screen.
pub(super) fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let thread = std::thread::current();
        if thread.name() == Some("main") {
            restore();
            report_helper_panics();
        } else if ACTIVE.load(Ordering::SeqCst) {
            let name = thread.name().unwrap_or("<unnamed>");
            if let Ok(mut reports) = HELPER_PANICS.lock() {
                reports.push(format!("thread '{name}' {info}"));
                return;
            }
        }
        previous(info);
    }));
}

/// Prints what helper threads reported while quipu had the terminal.
pub(super) fn report_helper_panics() {
    let reports = HELPER_PANICS
        .lock()
        .map(|mut reports| std::mem::take(&mut *reports))
        .unwrap_or_default();
    // Not `eprintln!`, which panics when stderr is gone (the watchdog calls this after the
    // terminal closed).
    let mut err = io::stderr();
    for report in reports {
        let _ = writeln!(err, "quipu: {report}");
    }
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
/// signal (SIGHUP for a vanished terminal), as the loop would have. While the reader's editor
/// runs (`E`) the loop is waiting for it, not stuck: a signal waits until the editor exits (C-c
/// typed in the editor reaches quipu too, and is forgotten then).
pub(super) fn spawn_watchdog(stop: Arc<AtomicUsize>) -> io::Result<()> {
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
                if EDITOR_RUNNING.load(Ordering::SeqCst) {
                    signalled = None;
                } else if signal != 0 {
                    signalled.get_or_insert_with(Instant::now);
                }
                let gone = watched && !io::stdout().is_terminal();
                let overdue = signalled.is_some_and(|at| at.elapsed() > SIGNAL_GRACE);
                if gone || overdue {
                    if !gone {
                        restore();
                    }
                    let signal = if signal == 0 {
                        signal_hook::consts::SIGHUP as usize
                    } else {
                        signal
                    };
                    report_helper_panics();
                    std::process::exit(128 + signal as i32);
                }
            }
        })?;
    Ok(())
}
