//! Reading the file a chronology comes from: a path, or `-` for standard input.
//!
//! Whatever the path names — a regular file, a FIFO, `/dev/stdin`, `/dev/zero` — it is opened
//! once and read once, with the size limit enforced while reading (a device's `metadata().len()`
//! is 0 and says nothing). The path is never opened a second time: a FIFO would block on it and
//! `/dev/stdin` would read nothing, so diagnostics lost their positions or the load hung.
//! Diagnostics are located in the bytes read, which loading keeps until the chronology is built
//! (the parsed file borrows its strings from them).

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::diagnostic::Diagnostic;
use super::load::{LoadError, MAX_FILE_BYTES};
use super::locate::LineIndex;
use crate::text::escape_controls;

/// The path that means standard input, as in most Unix tools.
pub const STDIN: &str = "-";

/// How much a stream is read at a time before it is checked, so `/dev/zero` or `/dev/urandom`
/// is refused after one chunk rather than after a gigabyte.
const CHUNK: u64 = 1 << 16;

/// Whether `path` is `-`, standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == STDIN
}

/// The name messages give `path`: `<stdin>` for `-`, otherwise the path with any control
/// characters escaped (a file name may hold an escape sequence, and it is printed).
pub fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        return "<stdin>".into();
    }
    escape_controls(&path.display().to_string()).into_owned()
}

/// A file's text, read once.
pub struct Source {
    /// The name messages use (see [`display_name`]).
    pub name: String,
    pub text: String,
}

impl Source {
    /// A text that did not come from a file.
    pub fn from_text(name: impl Into<String>, text: String) -> Source {
        Source {
            name: name.into(),
            text,
        }
    }
}

/// Reads `path` (or standard input for `-`) as UTF-8 text of at most [`MAX_FILE_BYTES`].
/// Bytes that are not UTF-8 (or a NUL, in a stream) are an [`LoadError::Invalid`] at their line
/// and column.
pub fn read_source(path: &Path) -> Result<Source, LoadError> {
    let name = display_name(path);
    let io = |err: std::io::Error| LoadError::Io {
        file: name.clone(),
        message: err.to_string(),
    };
    if is_stdin(path) {
        let text = read_stream(&name, &mut std::io::stdin().lock(), 0, true, MAX_FILE_BYTES)?;
        return Ok(Source { name, text });
    }
    let mut file = File::open(path).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    if metadata.is_dir() {
        return Err(LoadError::Io {
            file: name,
            message: "it is a directory".into(),
        });
    }
    let regular = metadata.is_file();
    if regular && metadata.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            file: name,
            bytes: Some(metadata.len()),
        });
    }
    let hint = if regular { metadata.len() } else { 0 };
    let text = read_stream(&name, &mut file, hint, !regular, MAX_FILE_BYTES)?;
    Ok(Source { name, text })
}

/// Reads `reader` to its end, refusing more than `limit` bytes. A `stream` (anything but
/// a regular file) is checked chunk by chunk as it arrives, so an endless device of binary data
/// is refused at its first bad byte; a regular file has a known, bounded size and is checked
/// once, whole.
fn read_stream(
    name: &str,
    reader: &mut dyn Read,
    size_hint: u64,
    stream: bool,
    limit: u64,
) -> Result<String, LoadError> {
    let io = |err: std::io::Error| LoadError::Io {
        file: name.to_owned(),
        message: err.to_string(),
    };
    let mut limited = reader.take(limit + 1);
    let mut bytes = Vec::with_capacity(size_hint.min(limit) as usize + 1);
    let mut valid = 0;
    loop {
        let before = bytes.len();
        let got = (&mut limited)
            .take(if stream { CHUNK } else { u64::MAX })
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > limit {
            return Err(LoadError::TooLarge {
                file: name.to_owned(),
                bytes: None,
            });
        }
        if got == 0 || !stream {
            break;
        }
        if let Some(nul) = bytes[before..].iter().position(|&b| b == 0) {
            return Err(not_text(name, &bytes, before + nul, NUL_BYTE));
        }
        match std::str::from_utf8(&bytes[valid..]) {
            Ok(_) => valid = bytes.len(),
            Err(err) if err.error_len().is_some() => {
                return Err(not_text(name, &bytes, valid + err.valid_up_to(), NOT_UTF8));
            }
            // A character cut by the chunk's end: the next chunk completes it.
            Err(err) => valid += err.valid_up_to(),
        }
    }
    String::from_utf8(bytes).map_err(|err| {
        let at = err.utf8_error().valid_up_to();
        not_text(name, err.as_bytes(), at, NOT_UTF8)
    })
}

const NOT_UTF8: &str = "the file is not UTF-8 text";
const NUL_BYTE: &str = "the file holds a NUL byte: it is binary data, not text";

/// The error for a byte that is not text, at its line and column.
fn not_text(name: &str, bytes: &[u8], at: usize, message: &str) -> LoadError {
    let before = String::from_utf8_lossy(&bytes[..at]);
    let (line, column) = LineIndex::new(&before).line_col(before.len());
    let diagnostic = Diagnostic::error(line, column, message)
        .with_help("save the file as UTF-8 text; a chronology is a JSON or CSV text file");
    LoadError::Invalid {
        file: name.to_owned(),
        diagnostics: vec![diagnostic],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], stream: bool) -> Result<String, LoadError> {
        read_stream("f", &mut &bytes[..], 0, stream, MAX_FILE_BYTES)
    }

    fn position(result: Result<String, LoadError>) -> (usize, usize, String) {
        match result {
            Err(LoadError::Invalid { diagnostics, .. }) => (
                diagnostics[0].line,
                diagnostics[0].column,
                diagnostics[0].message.clone(),
            ),
            other => panic!("expected a located error, got {other:?}"),
        }
    }

    #[test]
    fn bad_bytes_are_located_in_files_and_streams() {
        for stream in [false, true] {
            let (line, column, message) = position(read(b"{\n  \"t\": \"P\xffr\"", stream));
            assert_eq!((line, column), (2, 10), "stream: {stream}");
            assert!(message.contains("not UTF-8"), "{message}");
        }
        let (line, column, message) = position(read(b"ab\ncd\0\0", true));
        assert_eq!((line, column), (2, 3));
        assert!(message.contains("NUL"), "{message}");
    }

    /// A multi-byte character split across two chunks is still text.
    #[test]
    fn characters_across_chunk_ends_are_text() {
        let mut text = "a".repeat(CHUNK as usize - 1);
        text.push('é');
        text.push_str("end");
        assert_eq!(read(text.as_bytes(), true).unwrap(), text);
        let cut = &text.as_bytes()[..CHUNK as usize];
        assert!(matches!(read(cut, true), Err(LoadError::Invalid { .. })));
    }

    /// An endless stream of zeros is refused at its first chunk, not after a gigabyte.
    #[test]
    fn an_endless_stream_is_refused_early() {
        let mut zeros = std::io::repeat(0);
        let mut counted = CountingReader(&mut zeros, 0);
        assert!(read_stream("z", &mut counted, 0, true, MAX_FILE_BYTES).is_err());
        assert!(counted.1 <= CHUNK as usize, "read {} bytes", counted.1);
        // Endless text is refused at the limit, having read one byte past it at most.
        let mut letters = std::io::repeat(b'a');
        let mut counted = CountingReader(&mut letters, 0);
        let limit = 5 * CHUNK + 7;
        assert!(matches!(
            read_stream("a", &mut counted, 0, true, limit),
            Err(LoadError::TooLarge { bytes: None, .. })
        ));
        assert_eq!(counted.1 as u64, limit + 1);
    }

    struct CountingReader<'a>(&'a mut dyn Read, usize);

    impl Read for CountingReader<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.read(buf)?;
            self.1 += n;
            Ok(n)
        }
    }

    #[test]
    fn names_are_escaped_and_dash_is_stdin() {
        assert_eq!(display_name(Path::new("-")), "<stdin>");
        assert_eq!(display_name(Path::new("a\u{1b}[2Jb")), "a\\u{1b}[2Jb");
    }
}
