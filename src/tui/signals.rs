//! Which signals end quipu through the event loop, and job control: a stop asked for from outside
//! (SIGTSTP) and a continue (SIGCONT). The handlers only set flags; the loop acts on them.
//! The signals whose default is a core dump, SIGABRT among them, are handled in `emergency`.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use signal_hook::consts::{
    SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGIO, SIGPROF, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2, SIGVTALRM,
};

/// Every signal whose default action ends the process without a core dump (with Linux's SIGPWR
/// and SIGSTKFLT and the real-time signals, added at run time), but SIGPIPE (which Rust ignores,
/// so a write to a closed pipe is an error, not an end) and SIGKILL (which cannot be caught). The
/// loop restores the terminal and exits with 128 + the number, as a shell expects of a program a
/// signal ended.
pub(super) const ENDING: &[i32] = &[
    SIGHUP, SIGINT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGIO,
];

/// Linux's own terminating signals, which signal-hook does not name. The real-time ones end a
/// process too (`kill -40` from a script), and their range is asked of the C library at run time
/// because it keeps the first few for its own threads.
#[cfg(target_os = "linux")]
fn linux_ending() -> Vec<i32> {
    use rustix::process::Signal;
    let mut more: Vec<i32> = (libc::SIGRTMIN()..=libc::SIGRTMAX()).collect();
    more.push(Signal::POWER.as_raw());
    #[cfg(not(any(
        target_arch = "mips",
        target_arch = "mips32r6",
        target_arch = "mips64",
        target_arch = "mips64r6",
        target_arch = "sparc",
        target_arch = "sparc64"
    )))]
    more.push(Signal::STKFLT.as_raw());
    more
}

#[cfg(not(target_os = "linux"))]
fn linux_ending() -> Vec<i32> {
    Vec::new()
}

/// The flags the handlers set.
pub(super) struct Signals {
    /// The signal that asked quipu to stop, 0 for none yet.
    pub(super) stop: Arc<AtomicUsize>,
    /// SIGTSTP came: give the terminal back and stop.
    suspend: Arc<AtomicBool>,
    /// SIGCONT came: the terminal may have been set back to cooked mode meanwhile.
    resumed: Arc<AtomicBool>,
}

impl Signals {
    pub(super) fn register() -> io::Result<Signals> {
        let stop = Arc::new(AtomicUsize::new(0));
        for signal in ENDING.iter().copied().chain(linux_ending()) {
            signal_hook::flag::register_usize(signal, Arc::clone(&stop), signal as usize)?;
        }
        let suspend = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(SIGTSTP, Arc::clone(&suspend))?;
        let resumed = Arc::new(AtomicBool::new(false));
        signal_hook::flag::register(SIGCONT, Arc::clone(&resumed))?;
        Ok(Signals {
            stop,
            suspend,
            resumed,
        })
    }

    /// The signal that asked quipu to end, if one has.
    pub(super) fn ending(&self) -> Option<i32> {
        match self.stop.load(Ordering::Relaxed) {
            0 => None,
            signal => Some(signal as i32),
        }
    }

    /// Whether a stop was asked for since the last look.
    pub(super) fn take_suspend(&self) -> bool {
        self.suspend.swap(false, Ordering::SeqCst)
    }

    /// Forgets what the terminal sent while the editor had it (`E`): C-c and C-z typed there
    /// reach the whole foreground process group, quipu included, but were the editor's. A
    /// SIGTERM or SIGHUP sent to quipu meanwhile is kept and ends it now.
    pub(super) fn forget_terminal_signals(&self) {
        let _ = self
            .stop
            .compare_exchange(SIGINT as usize, 0, Ordering::SeqCst, Ordering::SeqCst);
        self.suspend.store(false, Ordering::SeqCst);
        self.resumed.store(false, Ordering::SeqCst);
    }

    /// Whether quipu was continued since the last look.
    pub(super) fn take_resumed(&self) -> bool {
        self.resumed.swap(false, Ordering::SeqCst)
    }
}

/// Stops the process as SIGTSTP would have with no handler (signal-hook raises SIGSTOP), and
/// returns once it is continued (`fg`, SIGCONT).
pub(super) fn stop_here() {
    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
}
