//! quipu on a terminal that answers nothing (a serial console, `script`, some CI and screen-reader
//! setups): a pseudo-terminal whose other end the test only reads and never answers. quipu must
//! draw its first frame without waiting for, or failing for want of, an answer, which here means
//! without asking anything at all. Asserted on the bytes read, not on time; the long deadline only
//! keeps a broken build from hanging the suite.

use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rustix::fs::{Mode, OFlags};
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};

/// Stop reading after this much output without a frame: a frame of 80x24 is a few kilobytes.
const MOST_BYTES: usize = 1 << 20;

/// Only against a hang: the test never waits this long when quipu works.
const DEADLINE: Duration = Duration::from_secs(60);

/// What a program writes to ask a terminal something; each needs an answer that never comes here.
const QUERIES: &[&[u8]] = &[
    b"\x1b[6n",   // cursor position
    b"\x1b[?6n",  // cursor position (DEC)
    b"\x1b[?u",   // kitty keyboard flags
    b"\x1b[c",    // primary device attributes
    b"\x1b[0c",   // the same
    b"\x1b[>c",   // secondary device attributes
    b"\x1b[5n",   // device status
    b"\x1b[14t",  // window size in pixels
    b"\x1b[18t",  // window size in cells
    b"\x1b]10;?", // foreground colour
    b"\x1b]11;?", // background colour
    b"\x1bP+q",   // terminfo capability
];

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A pseudo-terminal of 80x24: (the end the test holds, the end quipu gets).
fn pty() -> (OwnedFd, OwnedFd) {
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC).unwrap();
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    let slave = rustix::fs::open(
        name.as_c_str(),
        OFlags::RDWR | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .unwrap();
    tcsetwinsize(
        &slave,
        Winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        },
    )
    .unwrap();
    (master, slave)
}

/// Everything quipu writes, passed on in chunks; the channel closes when the pty does.
fn reader(master: std::fs::File) -> mpsc::Receiver<Vec<u8>> {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let mut master = master;
        let mut chunk = [0u8; 4096];
        // EIO once quipu has ended and the last slave descriptor is closed.
        while let Ok(n @ 1..) = master.read(&mut chunk) {
            if send.send(chunk[..n].to_vec()).is_err() {
                return;
            }
        }
    });
    receive
}

/// Reads until `done` says so, the output passes [`MOST_BYTES`], the pty closes or the deadline.
fn read_until(
    output: &mpsc::Receiver<Vec<u8>>,
    seen: &mut Vec<u8>,
    done: impl Fn(&[u8]) -> bool,
) -> bool {
    let deadline = Instant::now() + DEADLINE;
    while !done(seen) && seen.len() < MOST_BYTES {
        let left = deadline.saturating_duration_since(Instant::now());
        match output.recv_timeout(left) {
            Ok(chunk) => seen.extend(chunk),
            Err(_) => break,
        }
    }
    done(seen)
}

#[test]
fn a_terminal_that_never_answers_gets_a_frame_at_once() {
    let (master, slave) = pty();
    let master = std::fs::File::from(master);
    let mut child = Command::new(env!("CARGO_BIN_EXE_quipu"))
        .env("TERM", "xterm-256color")
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave))
        .spawn()
        .unwrap();
    let output = reader(master.try_clone().unwrap());
    let mut seen = Vec::new();
    let drawn = read_until(&output, &mut seen, |s| find(s, b"j/k").is_some());
    let text = String::from_utf8_lossy(&seen).into_owned();
    if !drawn {
        let _ = child.kill();
    }
    assert!(
        drawn,
        "no frame in {} bytes (status {:?}):\n{text:?}",
        seen.len(),
        child.try_wait()
    );
    for query in QUERIES {
        assert!(
            find(&seen, query).is_none(),
            "quipu asked the terminal {query:?}, which would wait for an answer:\n{text:?}"
        );
    }

    // Still answering keys, and gives the terminal back on the way out.
    (&master).write_all(b"q").unwrap();
    let left = read_until(&output, &mut seen, |s| find(s, b"\x1b[?1049l").is_some());
    assert!(left, "the alternate screen was not left after q");
    let deadline = Instant::now() + DEADLINE;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "quipu did not exit after q");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "exit status {status:?}");
}
