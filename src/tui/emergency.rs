//! Giving the terminal back from inside a signal handler, for the ways out that run no Rust code
//! afterwards: an abort (a failed allocation, a stack overflow, `kill -ABRT`) and the signals
//! whose default is a core dump (SIGQUIT, SIGBUS, SIGSYS, SIGTRAP, SIGXCPU, SIGXFSZ).
//!
//! A handler may only do what is async-signal-safe: no allocation, no lock, no `std::io` buffer.
//! So everything is prepared before the terminal is taken (the escape sequences rendered to bytes,
//! the tty's cooked settings read) and the handler only reads atomics, calls `write(2)` and
//! `tcsetattr(2)` through rustix's raw syscalls, then re-raises the signal with its default
//! disposition so the process ends as it would have (core dump and exit status included).

use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::Command;
use crossterm::event::{DisableMouseCapture, PopKeyboardEnhancementFlags};
use crossterm::terminal::LeaveAlternateScreen;
use rustix::termios::{OptionalActions, Termios};

/// Whether the terminal is in our hands (raw mode, alternate screen). Whoever swaps it to false
/// restores the terminal, so it is restored once however many ways out are taken: a second
/// restore after a panic would leave the alternate screen again after the report and put the
/// cursor back above it, so the shell overwrote the report.
pub(super) static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Whether mouse capture is on.
pub(super) static MOUSE: AtomicBool = AtomicBool::new(false);

/// Whether we asked the terminal to tell Ctrl-i from Tab (kitty keyboard protocol).
pub(super) static ENHANCED_KEYS: AtomicBool = AtomicBool::new(false);

/// Whether the reader's editor has the terminal (`E`). A SIGQUIT then came from `C-\` typed in
/// the editor, to the whole foreground process group: it is the editor's to act on, not a
/// reason for quipu to dump core under it.
pub(super) static EDITOR_RUNNING: AtomicBool = AtomicBool::new(false);

/// What the handler needs, made before any handler can run and never changed after.
struct Prepared {
    /// The terminal's settings before raw mode, and the descriptor they belong to.
    cooked: Option<(Tty, Termios)>,
    pop_keys: Vec<u8>,
    mouse_off: Vec<u8>,
    screen_back: Vec<u8>,
}

/// The descriptor crossterm puts in raw mode: standard input when it is a terminal, else
/// `/dev/tty`.
enum Tty {
    Stdin,
    Opened(OwnedFd),
}

impl Tty {
    fn open() -> io::Result<Tty> {
        if rustix::termios::isatty(rustix::stdio::stdin()) {
            return Ok(Tty::Stdin);
        }
        let file = std::fs::File::options()
            .read(true)
            .write(true)
            .open("/dev/tty")?;
        Ok(Tty::Opened(file.into()))
    }

    fn fd(&self) -> BorrowedFd<'_> {
        match self {
            Tty::Stdin => rustix::stdio::stdin(),
            Tty::Opened(fd) => fd.as_fd(),
        }
    }
}

static PREPARED: OnceLock<Prepared> = OnceLock::new();

/// Signals handled here: the restore is done in the handler, then the default action ends the
/// process. SIGABRT is what `abort()` raises, for a failed allocation among others.
const FATAL: &[i32] = &[
    signal_hook::consts::SIGABRT,
    signal_hook::consts::SIGQUIT,
    signal_hook::consts::SIGBUS,
    signal_hook::consts::SIGSYS,
    signal_hook::consts::SIGTRAP,
    signal_hook::consts::SIGXCPU,
    signal_hook::consts::SIGXFSZ,
];

fn ansi(command: impl Command) -> Vec<u8> {
    let mut text = String::new();
    // Writing ANSI to a String cannot fail for these commands.
    let _ = command.write_ansi(&mut text);
    text.into_bytes()
}

/// Reads the tty's cooked settings and renders the restore sequences, once, before raw mode;
/// then installs the handlers. Later calls do nothing: the settings to go back to are the ones
/// quipu found.
pub(super) fn prepare() -> io::Result<()> {
    if PREPARED.get().is_some() {
        return Ok(());
    }
    let cooked = Tty::open().ok().and_then(|tty| {
        let termios = rustix::termios::tcgetattr(tty.fd()).ok()?;
        Some((tty, termios))
    });
    let mut screen_back = ansi(LeaveAlternateScreen);
    screen_back.extend(ansi(crossterm::cursor::Show));
    let prepared = Prepared {
        cooked,
        pop_keys: ansi(PopKeyboardEnhancementFlags),
        mouse_off: ansi(DisableMouseCapture),
        screen_back,
    };
    if PREPARED.set(prepared).is_err() {
        return Ok(());
    }
    for &signal in FATAL {
        install(signal)?;
    }
    Ok(())
}

#[allow(unsafe_code)]
fn install(signal: i32) -> io::Result<()> {
    // SAFETY: `signal_hook::low_level::register` is unsafe because the action runs in a signal
    // handler and must be async-signal-safe. `restore_then_die` is: it reads atomics and a
    // `OnceLock` that was filled before the handler was installed (an atomic load), writes
    // prepared bytes with `write(2)`, calls `tcsetattr(2)` (both raw syscalls in rustix, no
    // allocation, no lock) and `emulate_default_handler`, which signal-hook documents as
    // async-signal-safe. None of the signals is in `signal_hook::consts::FORBIDDEN`.
    unsafe { signal_hook::low_level::register(signal, move || restore_then_die(signal)) }?;
    Ok(())
}

/// The handler: give the terminal back, then do what the signal would have done (but for a
/// SIGQUIT while the editor runs, see [`EDITOR_RUNNING`]).
fn restore_then_die(signal: i32) {
    if signal == signal_hook::consts::SIGQUIT && EDITOR_RUNNING.load(Ordering::SeqCst) {
        return;
    }
    restore_now();
    let _ = signal_hook::low_level::emulate_default_handler(signal);
}

/// Async-signal-safe restore: the sequences crossterm would write, then the cooked settings.
fn restore_now() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let Some(prepared) = PREPARED.get() else {
        return;
    };
    let out = rustix::stdio::stdout();
    if ENHANCED_KEYS.swap(false, Ordering::SeqCst) {
        write_all(out, &prepared.pop_keys);
    }
    if MOUSE.swap(false, Ordering::SeqCst) {
        write_all(out, &prepared.mouse_off);
    }
    write_all(out, &prepared.screen_back);
    if let Some((tty, termios)) = &prepared.cooked {
        let _ = rustix::termios::tcsetattr(tty.fd(), OptionalActions::Now, termios);
    }
}

/// `write(2)` until done; gives up on any error but an interruption (the terminal may be gone).
fn write_all(fd: BorrowedFd<'_>, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        match rustix::io::write(fd, bytes) {
            Ok(0) => return,
            Ok(n) => bytes = &bytes[n.min(bytes.len())..],
            Err(rustix::io::Errno::INTR) => {}
            Err(_) => return,
        }
    }
}
