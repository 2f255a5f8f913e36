//! The one error type of the readers, with its context kept as layers.
//!
//! A problem is first described on its own ("empty text", "invalid JSON: ..."), then wrapped
//! with where it happened: the document id, the JSONL line, the file. The layers render as
//! one line, `FILE:LINE: document ID: problem`, and callers can still ask for the path, the
//! line or the bare problem (the Python bindings map the problem to an exception type).

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why an input, or one item of it, could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// `err` happened while reading `path` (a file, a folder, or `-` for stdin).
    #[error("{}", WithPathDisplay(path, err))]
    WithPath {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong there.
        err: Box<IngestError>,
    },
    /// `err` happened on line `line` (1-based) of a JSONL file.
    #[error("line {line}: {err}")]
    WithLine {
        /// Line number, counting from 1.
        line: usize,
        /// What went wrong on that line.
        err: Box<IngestError>,
    },
    /// `err` concerns the document `id`.
    #[error("document {}: {err}", one_line(id))]
    WithDocument {
        /// The document's identifier.
        id: String,
        /// What went wrong with it.
        err: Box<IngestError>,
    },
    /// The operating system refused to read (missing file, no permission, ...).
    #[error("{0}")]
    Io(std::io::Error),
    /// The input is larger than [`crate::Options`] allows.
    #[error("too large: {} is over the limit of {}", Size(*.size), Size(*.limit))]
    TooLarge {
        /// Size of the input in bytes (at least `limit + 1` when read from a stream).
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The path names something other than a regular file (a FIFO, a device, a socket):
    /// reading it could block or never end.
    #[error("not a regular file ({kind}): give a file, a folder, or - for stdin")]
    NotAFile {
        /// What it is instead: `a FIFO`, `a character device`, ...
        kind: &'static str,
    },
    /// One line of a JSONL batch is longer than [`crate::Options::max_line_bytes`]; the rest
    /// of that line was skipped without being kept in memory.
    #[error("line too long: {} is over the limit of {}", Size(*.size), Size(*.limit))]
    LineTooLong {
        /// Length of the line in bytes, without its end of line.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// An HTML page nests elements deeper than [`crate::html::MAX_DEPTH`]: extracting its
    /// article would take time quadratic in the depth.
    #[error("page nests {depth} levels deep (limit {limit})")]
    HtmlTooDeep {
        /// The deepest element's depth (the document is depth 0).
        depth: usize,
        /// The limit.
        limit: usize,
    },
    /// An HTML page has more elements than [`crate::html::MAX_ELEMENTS`].
    #[error("page has {elements} elements (limit {limit})")]
    HtmlTooManyElements {
        /// How many elements the page has.
        elements: usize,
        /// The limit.
        limit: usize,
    },
    /// The bytes are not text (an image, an archive, a compiled file, ...).
    #[error("binary data, not text ({0})")]
    Binary(String),
    /// Nothing but whitespace.
    #[error("empty (no text, only whitespace)")]
    Empty,
    /// A cluster ended up with no document to summarize.
    #[error("no documents to summarize{}", skipped_note(*.skipped))]
    NoDocuments {
        /// How many documents were skipped (each with a warning) on the way.
        skipped: usize,
    },
    /// A folder holds no file (hidden files are skipped).
    #[error("empty folder (hidden files are skipped)")]
    EmptyFolder,
    /// Two documents of a cluster had the same id; the later one was renamed (a warning,
    /// never an item's error).
    #[error("duplicate id, renamed to {}", one_line(renamed))]
    DuplicateId {
        /// The new id.
        renamed: String,
    },
    /// A JSONL line is not valid JSON.
    #[error("invalid JSON: {0}")]
    Json(serde_json::Error),
    /// A JSONL line is JSON but not one of the accepted shapes.
    #[error("unexpected JSON shape: {0}")]
    Shape(String),
    /// An HTML page yielded no article text.
    #[error("no article found in the HTML page ({0})")]
    Html(String),
    /// A DUC/TREC SGML file could not be read.
    #[error("SGML: {0}")]
    Sgml(String),
    /// `-` appeared more than once among the inputs (stdin can be read only once).
    #[error("standard input (-) is given more than once")]
    StdinTwice,
    /// A batch input (JSONL, a folder of topic folders) was given together with article inputs.
    #[error(
        "cannot mix the batch input {} with the article input {}: give batch inputs on their own",
        shown(.batch),
        shown(.article)
    )]
    Mixed {
        /// The batch input.
        batch: PathBuf,
        /// An article input.
        article: PathBuf,
    },
}

impl IngestError {
    /// Wraps the error with the file it concerns.
    pub fn with_path(self, path: impl Into<PathBuf>) -> IngestError {
        IngestError::WithPath {
            path: path.into(),
            err: Box::new(self),
        }
    }

    /// Wraps the error with the JSONL line (1-based) it concerns.
    pub fn with_line(self, line: usize) -> IngestError {
        IngestError::WithLine {
            line,
            err: Box::new(self),
        }
    }

    /// Wraps the error with the document it concerns.
    pub fn with_document(self, id: impl Into<String>) -> IngestError {
        IngestError::WithDocument {
            id: id.into(),
            err: Box::new(self),
        }
    }

    /// The file the error concerns, when known.
    pub fn path(&self) -> Option<&Path> {
        match self {
            IngestError::WithPath { path, .. } => Some(path),
            IngestError::WithLine { err, .. } | IngestError::WithDocument { err, .. } => err.path(),
            _ => None,
        }
    }

    /// The JSONL line (1-based) the error concerns, when known.
    pub fn line(&self) -> Option<usize> {
        match self {
            IngestError::WithLine { line, .. } => Some(*line),
            IngestError::WithPath { err, .. } | IngestError::WithDocument { err, .. } => err.line(),
            _ => None,
        }
    }

    /// The document the error concerns, when known.
    pub fn document(&self) -> Option<&str> {
        match self {
            IngestError::WithDocument { id, .. } => Some(id),
            IngestError::WithPath { err, .. } | IngestError::WithLine { err, .. } => err.document(),
            _ => None,
        }
    }

    /// The problem itself, without the layers saying where it happened.
    pub fn problem(&self) -> &IngestError {
        match self {
            IngestError::WithPath { err, .. }
            | IngestError::WithLine { err, .. }
            | IngestError::WithDocument { err, .. } => err.problem(),
            other => other,
        }
    }
}

impl From<std::io::Error> for IngestError {
    fn from(e: std::io::Error) -> IngestError {
        IngestError::Io(e)
    }
}

/// `PATH:LINE: rest` when the next layer is a line, `PATH: rest` otherwise.
struct WithPathDisplay<'a>(&'a Path, &'a IngestError);

impl fmt::Display for WithPathDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = shown(self.0);
        match self.1 {
            IngestError::WithLine { line, err } => write!(f, "{path}:{line}: {err}"),
            other => write!(f, "{path}: {other}"),
        }
    }
}

/// `s` made safe for a one-line message: control characters (a newline or an escape in a
/// file name or document id) are written as Rust escapes (`\n`, `\u{1b}`), so one error
/// stays one line and cannot forge the next. Text without them is borrowed unchanged.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path for a one-line message: lossy for non-UTF-8 names, control characters escaped
/// ([`one_line`]).
pub fn shown(path: &Path) -> String {
    one_line(&path.to_string_lossy()).into_owned()
}

/// A byte count for people: `812 bytes`, `70.0 MiB`.
struct Size(u64);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const KIB: f64 = 1024.0;
        let n = self.0 as f64;
        if self.0 < 1024 {
            write!(f, "{} bytes", self.0)
        } else if n < KIB * KIB {
            write!(f, "{:.1} KiB", n / KIB)
        } else if n < KIB * KIB * KIB {
            write!(f, "{:.1} MiB", n / (KIB * KIB))
        } else {
            write!(f, "{:.1} GiB", n / (KIB * KIB * KIB))
        }
    }
}

fn skipped_note(skipped: usize) -> String {
    match skipped {
        0 => String::new(),
        1 => " (1 skipped, see the warning)".to_string(),
        n => format!(" ({n} skipped, see the warnings)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_render_as_one_line_file_line_document_problem() {
        let e = IngestError::Empty
            .with_document("d7")
            .with_line(12)
            .with_path("batch.jsonl");
        assert_eq!(
            e.to_string(),
            "batch.jsonl:12: document d7: empty (no text, only whitespace)"
        );
        assert_eq!(e.path(), Some(Path::new("batch.jsonl")));
        assert_eq!(e.line(), Some(12));
        assert_eq!(e.document(), Some("d7"));
        assert!(matches!(e.problem(), IngestError::Empty));
        assert!(!e.to_string().contains('\n'));
    }

    #[test]
    fn path_without_line_uses_a_colon_and_space() {
        let e = IngestError::TooLarge {
            size: 70 * 1024 * 1024,
            limit: 64 * 1024 * 1024,
        }
        .with_path("big.txt");
        assert_eq!(
            e.to_string(),
            "big.txt: too large: 70.0 MiB is over the limit of 64.0 MiB"
        );
        assert_eq!(e.line(), None);
    }

    #[test]
    fn control_characters_in_paths_and_ids_stay_on_one_line() {
        let e = IngestError::Empty
            .with_document("a\nb")
            .with_path("new\nline.txt");
        assert_eq!(
            e.to_string(),
            "new\\nline.txt: document a\\nb: empty (no text, only whitespace)"
        );
        assert_eq!(one_line("plain é"), "plain é");
        assert_eq!(one_line("tab\there\u{1b}"), "tab\\there\\u{1b}");
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(Size(5).to_string(), "5 bytes");
        assert_eq!(Size(2048).to_string(), "2.0 KiB");
        assert_eq!(Size(3 << 30).to_string(), "3.0 GiB");
    }

    #[test]
    fn skipped_count_is_reported() {
        assert_eq!(
            IngestError::NoDocuments { skipped: 2 }.to_string(),
            "no documents to summarize (2 skipped, see the warnings)"
        );
        assert_eq!(
            IngestError::NoDocuments { skipped: 0 }.to_string(),
            "no documents to summarize"
        );
    }
}
