//! Test hooks for tests/e2e_hostile.rs and tests/e2e_editor.rs: ways to make a debug build slow
//! or broken on purpose, so the end-to-end tests can prove the loading screen, the "searching…"
//! palette, a slow `E` and the panic paths on any machine. They exist only in debug builds (`cargo test` builds the binary that
//! way); a release build has empty functions here and never reads these variables.

/// `QUIPU_TEST_SLOW_LOAD=MS`: loading waits that long first, so the loading screen shows.
pub(super) fn before_load() {
    #[cfg(debug_assertions)]
    sleep_for("QUIPU_TEST_SLOW_LOAD");
}

/// `QUIPU_TEST_SLOW_INDEX=MS` builds the search index that much later, as a huge file would;
/// `QUIPU_TEST_PANIC=index` panics there, to prove the loop carries on and the report is printed
/// after the terminal is given back.
pub(super) fn before_index() {
    #[cfg(debug_assertions)]
    {
        sleep_for("QUIPU_TEST_SLOW_INDEX");
        if panic_wanted("index") {
            panic!("QUIPU_TEST_PANIC=index: deliberate panic while building the index");
        }
    }
}

/// `QUIPU_TEST_SLOW_FIND=MS`: finding an event's line for `E` waits that long first, as a
/// huge file would, to prove the explorer answers keys meanwhile.
pub(super) fn before_find_line() {
    #[cfg(debug_assertions)]
    sleep_for("QUIPU_TEST_SLOW_FIND");
}

/// `QUIPU_TEST_PANIC=1`: panic once the first frame is on the alternate screen, to prove the
/// panic hook gives the terminal back. `QUIPU_TEST_ALLOC_FAILURE=1`: fail an allocation there,
/// which aborts the process as a real failure does (no unwinding, no panic hook), to prove the
/// abort handler gives the terminal back.
pub(super) fn after_first_frame() {
    #[cfg(debug_assertions)]
    {
        if panic_wanted("1") {
            panic!("QUIPU_TEST_PANIC=1: deliberate panic after the first frame");
        }
        if std::env::var_os("QUIPU_TEST_ALLOC_FAILURE").is_some_and(|v| v == "1") {
            std::alloc::handle_alloc_error(std::alloc::Layout::new::<[u8; 4096]>());
        }
    }
}

#[cfg(debug_assertions)]
fn sleep_for(variable: &str) {
    if let Some(ms) = std::env::var(variable).ok().and_then(|ms| ms.parse().ok()) {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

#[cfg(debug_assertions)]
fn panic_wanted(value: &str) -> bool {
    std::env::var_os("QUIPU_TEST_PANIC").is_some_and(|v| v == value)
}

/// `QUIPU_TEST_POLL_WATCH=1`: watch the file by polling, as quipu does where the system's
/// watcher cannot start, so the end-to-end tests prove that path too.
pub(super) fn force_polling() -> bool {
    // `cfg!` is a constant: a release build never reads the variable.
    cfg!(debug_assertions) && std::env::var_os("QUIPU_TEST_POLL_WATCH").is_some_and(|v| v == "1")
}
