//! Freeing big values off the thread that answers. A chronology of a million events is some
//! ten million allocations, freed one by one in the better part of a second: the explorer has
//! keys to answer meanwhile (a replaced version on reload), and a command that has given its
//! answer should not hold the shell back for it (`quipu list --count` on a million short
//! events: 8.04 s with the free, 7.27 s without; docs/PERFORMANCE.md).

/// Frees `value` on a thread of its own; without a thread (none could be made) it is freed here,
/// late but not leaked. When the process ends first, the OS takes the memory back whole.
pub fn elsewhere<T: Send + 'static>(value: T) {
    let freeing = std::thread::Builder::new()
        .name("quipu-free".into())
        .spawn(move || drop(value));
    drop(freeing);
}

/// A value given to [`elsewhere`] when it goes out of scope, whichever way its scope is left.
pub struct FreedLater<T: Send + 'static>(Option<T>);

impl<T: Send + 'static> FreedLater<T> {
    pub fn new(value: T) -> FreedLater<T> {
        FreedLater(Some(value))
    }
}

impl<T: Send + 'static> std::ops::Deref for FreedLater<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.0.as_ref().expect("held until dropped")
    }
}

impl<T: Send + 'static> Drop for FreedLater<T> {
    fn drop(&mut self) {
        if let Some(value) = self.0.take() {
            elsewhere(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    /// What a command holds is read through the guard and freed once the guard goes, on
    /// another thread.
    #[test]
    fn a_value_freed_later_is_freed_on_another_thread() {
        struct Telling(mpsc::Sender<std::thread::ThreadId>, u32);
        impl Drop for Telling {
            fn drop(&mut self) {
                let _ = self.0.send(std::thread::current().id());
            }
        }
        let (said, heard) = mpsc::channel();
        let held = super::FreedLater::new(Telling(said, 7));
        assert_eq!(held.1, 7);
        drop(held);
        let freed_on = heard.recv_timeout(Duration::from_secs(20)).expect("freed");
        assert_ne!(freed_on, std::thread::current().id());
    }
}
