//! Bounded reading for the commands that read files themselves (`rouge`, `split`, `eval`):
//! inputs must be regular files or `-` (a FIFO or a device would block or never end),
//! whole files and single lines have byte caps (chorus-ingest's default limits, so every
//! command refuses the same sizes), and a JSONL file is read line by line so one bad line
//! (too long, invalid UTF-8) is an error for that line alone.
//!
//! Lines are read with chorus-ingest's [`BoundedLines`], as ingest reads a batch, with
//! ingest's limits ([`chorus_ingest::Options`]) and error wording ([`IngestError`]).

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use chorus_ingest::jsonl::{BoundedLines, LineBytes};
use chorus_ingest::IngestError;

/// Largest text file or single JSONL line, in bytes: ingest's article limit (64 MiB).
pub fn max_text_bytes() -> u64 {
    chorus_ingest::Options::default().max_file_bytes
}

/// Largest JSONL file (or stream), in bytes: ingest's batch limit (1 GiB).
pub fn max_batch_bytes() -> u64 {
    chorus_ingest::Options::default().max_batch_bytes
}

/// True when `path` is `-` (standard input).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// `s` on one line: control characters (a newline in a file name or an id) escaped, so
/// an error message stays one line.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            let _ = write!(out, "{}", c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// `path` for a one-line message.
pub fn shown(path: &Path) -> String {
    one_line(&path.display().to_string())
}

/// Opens `path` for reading, or `-` as stdin, refusing what is not a regular file before
/// opening it (opening a FIFO blocks until a writer comes; `/dev/zero` never ends).
pub fn open(path: &Path) -> Result<Box<dyn BufRead + Send>, String> {
    if is_stdin(path) {
        return Ok(Box::new(BufReader::new(std::io::stdin())));
    }
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.is_dir() {
        return Err("is a folder, not a file".into());
    }
    if !meta.is_file() {
        return Err(
            "not a regular file (a FIFO, socket or device); give a file, or - for stdin".into(),
        );
    }
    let file = File::open(path).map_err(|e| e.to_string())?;
    Ok(Box::new(BufReader::new(file)))
}

/// Reads a whole text file (or `-`) of at most `limit` bytes.
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let reader = open(path)?;
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit,
        }
        .to_string());
    }
    Ok(bytes)
}

/// One line of a [`Lines`] reader: its 1-based number in the file (blank lines counted)
/// and its text, or why that line cannot be used.
pub type Line = (usize, Result<String, String>);

/// The non-blank lines of a bounded input, as text: [`RawLines`], decoded. A line over
/// `max_line` bytes or not UTF-8 is an error for that line and reading goes on; an I/O
/// error, or more than `max_total` bytes in all, is a last error and the end.
pub struct Lines {
    raw: RawLines,
}

impl Lines {
    /// Lines of `path` (`-` = stdin) with the default caps.
    pub fn open(path: &Path) -> Result<Lines, String> {
        // A large buffer: skipping an over-long line (or an endless stream up to the
        // total cap) then costs few reads.
        let reader = BufReader::with_capacity(1 << 20, open(path)?);
        Ok(Lines::new(
            Box::new(reader),
            max_text_bytes(),
            max_batch_bytes(),
        ))
    }

    /// Lines of `reader` with the given caps.
    pub fn new(reader: Box<dyn BufRead + Send>, max_line: u64, max_total: u64) -> Lines {
        Lines {
            raw: RawLines::new(reader, max_line, max_total),
        }
    }
}

impl Iterator for Lines {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        let (number, line) = self.raw.next()?;
        let text = match line {
            Ok(mut bytes) => {
                while matches!(bytes.last(), Some(b'\n' | b'\r')) {
                    bytes.pop();
                }
                String::from_utf8(bytes).map_err(|e| {
                    format!(
                        "invalid UTF-8 at byte {} of the line",
                        e.utf8_error().valid_up_to()
                    )
                })
            }
            // The limits come with the errors: the wording names them as it always did.
            Err(IngestError::LineTooLong { limit, .. }) => {
                let err = IngestError::TooLarge {
                    size: limit.saturating_add(1),
                    limit,
                };
                Err(format!("line {err}"))
            }
            Err(IngestError::TooLarge { limit, .. }) => Err(format!(
                "the input is over the limit of {limit} bytes; stopped reading at this line"
            )),
            Err(IngestError::Io(e)) => Err(format!("reading: {e}")),
            Err(e) => Err(e.to_string()),
        };
        Some((number, text))
    }
}

/// One line of a [`RawLines`] reader: its number (from 1, blank lines counted) and its
/// bytes without the end of line, or why they were not kept.
pub type RawLine = (usize, LineBytes);

/// The non-blank lines of a JSONL batch as bytes, read lazily, as chorus-ingest reads a
/// batch (same line numbers, same [`IngestError::LineTooLong`] for a line over `max_line`
/// bytes, read past without being kept), so a streamed batch reports what a loaded one
/// does. More than `max_total` bytes in all is a last error item and the end.
pub struct RawLines {
    lines: BoundedLines<Box<dyn BufRead + Send>>,
    number: usize,
    max_total: u64,
    done: bool,
}

impl RawLines {
    /// Lines of `reader` with the given caps.
    pub fn new(reader: Box<dyn BufRead + Send>, max_line: u64, max_total: u64) -> RawLines {
        RawLines {
            lines: BoundedLines::with_total(reader, max_line, max_total),
            number: 0,
            max_total,
            done: false,
        }
    }
}

impl Iterator for RawLines {
    type Item = RawLine;

    fn next(&mut self) -> Option<RawLine> {
        while !self.done {
            let line = match self.lines.next_line() {
                Ok(Some(line)) => line,
                Ok(None) => return None,
                Err(e) => {
                    self.done = true;
                    return Some((self.number + 1, Err(IngestError::from(e))));
                }
            };
            self.number += 1;
            let total = self.lines.read();
            if total > self.max_total {
                self.done = true;
                let err = IngestError::TooLarge {
                    size: total,
                    limit: self.max_total,
                };
                return Some((self.number, Err(err)));
            }
            match line {
                Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => continue,
                line => return Some((self.number, line)),
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(bytes: &[u8], max_line: u64, max_total: u64) -> Vec<Line> {
        Lines::new(
            Box::new(std::io::Cursor::new(bytes.to_vec())),
            max_line,
            max_total,
        )
        .collect()
    }

    #[test]
    fn numbers_are_file_lines_and_bad_lines_stand_alone() {
        let got = lines(b"a\n\n  \nb\xff\nccccccccccccc\nd\r\n", 8, 1000);
        assert_eq!(got[0], (1, Ok("a".into())));
        assert_eq!(got[1].0, 4);
        assert!(got[1].1.as_ref().is_err_and(|e| e.contains("UTF-8")));
        assert_eq!(got[2].0, 5);
        assert!(got[2].1.as_ref().is_err_and(|e| e.contains("too large")));
        // The line limit is named in the message.
        let over = IngestError::TooLarge { size: 9, limit: 8 };
        assert_eq!(got[2].1, Err(format!("line {over}")));
        assert_eq!(got[3], (6, Ok("d".into())));
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn a_stream_over_the_total_ends_with_one_error() {
        let got = lines(&[b'x'; 10_000], 100, 1000);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0]
            .1
            .as_ref()
            .is_err_and(|e| e.contains("stopped reading")));
        // The total limit is named in the message.
        assert_eq!(
            got[0].1,
            Err("the input is over the limit of 1000 bytes; stopped reading at this line".into())
        );
    }

    /// A line that never ends is read only up to the total cap, not forever.
    #[test]
    fn an_endless_line_is_read_only_to_the_total() {
        use std::sync::atomic::{AtomicU64, Ordering};
        use std::sync::Arc;
        struct Endless(Arc<AtomicU64>);
        impl Read for Endless {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                buf.fill(b'x');
                self.0.fetch_add(buf.len() as u64, Ordering::Relaxed);
                Ok(buf.len())
            }
        }
        let read = Arc::new(AtomicU64::new(0));
        let reader = BufReader::with_capacity(1024, Endless(Arc::clone(&read)));
        let got: Vec<Line> = Lines::new(Box::new(reader), 100, 10_000).collect();
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0]
            .1
            .as_ref()
            .is_err_and(|e| e.contains("stopped reading")));
        assert!(read.load(Ordering::Relaxed) <= 10_000 + 1024);
    }

    #[test]
    fn raw_lines_number_and_refuse_as_ingest_does() {
        let bytes = b"{}\n\n  \r\nxxxxxxxxxxxx\n{\"a\":1}\r\n{}".to_vec();
        let got: Vec<RawLine> =
            RawLines::new(Box::new(std::io::Cursor::new(bytes)), 8, 1000).collect();
        let numbers: Vec<usize> = got.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [1, 4, 5, 6]);
        assert_eq!(got[0].1.as_deref().ok(), Some(&b"{}"[..]));
        assert!(matches!(
            got[1].1,
            Err(IngestError::LineTooLong { size: 12, limit: 8 })
        ));
        assert_eq!(got[2].1.as_deref().ok(), Some(&b"{\"a\":1}"[..]));
        assert_eq!(got[3].1.as_deref().ok(), Some(&b"{}"[..]));
    }

    #[test]
    fn raw_lines_stop_with_one_error_past_the_total() {
        let bytes = "{}\n".repeat(100).into_bytes();
        let got: Vec<RawLine> =
            RawLines::new(Box::new(std::io::Cursor::new(bytes)), 8, 30).collect();
        assert_eq!(got.len(), 11, "{got:?}");
        assert!(matches!(got[10].1, Err(IngestError::TooLarge { .. })));
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(one_line("a\nb\tc"), "a\\nb\\tc");
    }
}
