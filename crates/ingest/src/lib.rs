//! Readers that turn what users have into [`Cluster`]s: article files, folders, stdin,
//! Multi-News files, JSONL batches, DUC/TREC SGML and DUC-style folders of topic folders,
//! and HTML pages.
//!
//! What it is not: no cleaning of boilerplate and no sentence splitting (that is
//! `chorus-text`), no network (pages are read from files or bytes, never fetched).
//!
//! | input | yields |
//! |---|---|
//! | `a.txt b.html ...` | one cluster, one document per file (or per `<DOC>`, per Multi-News article) |
//! | `folder/` with files | one cluster, one document per file, sorted by name, hidden files skipped |
//! | `folder/` with only subfolders | a batch: one cluster per subfolder (DUC layout) |
//! | `-` | stdin, read like a file |
//! | `*.jsonl`, or a file whose first line is a JSON object | a batch: one cluster per line ([`jsonl`]) |
//!
//! Key design choices:
//!
//! - **Formats are told by content, not by name** ([`sniff`]): scraped pages are saved as
//!   `.txt`, downloads have no extension, and stdin has no name at all. Only `.jsonl` is
//!   trusted up front, so a big batch gets the batch size limit.
//! - **Every item stands alone.** [`Loaded::clusters`] holds one `Result` per cluster (per
//!   JSONL line, per topic folder): a bad line or folder is one error naming the file, the
//!   line and the problem ([`IngestError`]), and the rest of the batch still runs. Inside a
//!   cluster, a document that cannot be used (empty, binary, unreadable file in a folder) is
//!   skipped with a warning; a cluster left without documents is an error. An input named
//!   on the command line that cannot be read at all (missing, too large, binary) is an
//!   error of its own, and the other inputs are still read.
//! - **Invalid UTF-8 is decoded lossily, with a warning naming the file**, rather than
//!   refused: news text scraped or converted from Latin-1 is common, a few replaced
//!   characters (U+FFFD) do not change what an article says, and refusing it would lose a
//!   whole article over one byte. The spans later computed point into the decoded text,
//!   which is what [`Document::text`] holds. A UTF-8 byte order mark is dropped; UTF-16 with
//!   a byte order mark is decoded; an HTML page that is not UTF-8 but declares its charset
//!   (`<meta charset=...>`) is decoded with that charset.
//! - **Plain text is kept byte for byte** (after decoding), so offsets into
//!   [`Document::text`] are offsets into the file. Formats that need rewriting say what
//!   the text becomes: Multi-News turns `NEWLINE_CHAR` into newlines, SGML and HTML give
//!   their paragraphs, one per line, separated by blank lines.

pub mod duc;
pub mod error;
mod files;
pub mod html;
pub mod jsonl;
pub mod multinews;
pub mod sniff;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chorus_model::{Cluster, Document};
use rayon::prelude::*;

pub use error::IngestError;
use files::{is_stdin, name_of};
use sniff::Kind;

/// Limits on what is read. The defaults suit news: an article is kilobytes, a batch megabytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Largest file (or stdin, or byte string) read as articles, in bytes (default 64 MiB).
    pub max_file_bytes: u64,
    /// Largest JSONL batch file (`.jsonl`, `.ndjson`), in bytes (default 1 GiB).
    pub max_batch_bytes: u64,
    /// Longest JSONL line, in bytes (default 64 MiB, the size of one article file): a longer
    /// line is an error for that line, read past without being kept.
    pub max_line_bytes: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_file_bytes: 64 << 20,
            max_batch_bytes: 1 << 30,
            max_line_bytes: 64 << 20,
        }
    }
}

/// What a set of inputs yields: clusters in input order, each read or failed on its own.
#[derive(Debug, Default)]
pub struct Loaded {
    /// One entry per cluster (or per JSONL line, per topic folder), plus one error per
    /// input that could not be read at all; errors name the file and line.
    pub clusters: Vec<Result<Cluster, IngestError>>,
    /// Where each entry of `clusters` came from (same length, same order): its file, its
    /// JSONL line, its id when known. Messages about an item (a cluster that could not be
    /// summarized, say) name its file and line from here.
    pub origins: Vec<Origin>,
    /// Non-fatal problems (lossy UTF-8, skipped documents, renamed ids), one line each.
    pub warnings: Vec<String>,
    /// True when the input is a batch (JSONL, a folder of topic folders): output is then
    /// one line per cluster.
    pub batch: bool,
}

/// Where one item of a [`Loaded`] came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The file or folder (`<stdin>` for `-`), when the item comes from one input.
    pub path: Option<PathBuf>,
    /// The JSONL line (from 1), for an item of a JSONL batch.
    pub line: Option<usize>,
    /// The cluster's id, when it got as far as having one.
    pub id: Option<String>,
}

impl Origin {
    /// `FILE:LINE`, `FILE` or nothing: the prefix of a message about this item (control
    /// characters in the path escaped, so the message stays one line).
    pub fn location(&self) -> Option<String> {
        let path = error::shown(self.path.as_deref()?);
        Some(match self.line {
            Some(line) => format!("{path}:{line}"),
            None => path,
        })
    }

    fn of_path(path: &Path) -> Origin {
        Origin {
            path: Some(path.to_path_buf()),
            ..Origin::default()
        }
    }
}

impl Loaded {
    /// Adds one item and where it came from.
    fn push(&mut self, origin: Origin, item: Result<Cluster, IngestError>) {
        self.origins.push(origin);
        self.clusters.push(item);
    }
}

/// Opens `path` for reading if it is a regular file, and refuses anything else (a FIFO,
/// `/dev/zero`, a socket, a folder) before opening it, so that reading can neither block
/// nor run forever. The error names the path on one line. Commands that read a named file
/// (`split`, `rouge`, ...) use this; `-` (stdin) is theirs to handle.
pub fn open_regular_file(path: &Path) -> Result<std::fs::File, IngestError> {
    files::open_regular(path).map_err(|e| e.with_path(path))
}

/// Reads a whole regular file ([`open_regular_file`]), refusing more than `limit` bytes.
/// The error names the path on one line.
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, IngestError> {
    files::read_file(path, limit).map_err(|e| e.with_path(path))
}

/// Reads the given inputs (`-` is stdin) with the default [`Options`].
///
/// ```no_run
/// let loaded = chorus_ingest::load(&["articles/".into()]);
/// for warning in &loaded.warnings {
///     eprintln!("warning: {warning}");
/// }
/// for cluster in loaded.clusters {
///     match cluster {
///         Ok(c) => println!("{}: {} documents", c.id, c.documents.len()),
///         Err(e) => eprintln!("error: {e}"),
///     }
/// }
/// ```
pub fn load(inputs: &[PathBuf]) -> Loaded {
    load_with(inputs, &Options::default())
}

/// Reads the given inputs (`-` is stdin).
///
/// Article inputs (files, folders of files, stdin) together make one cluster; batch
/// inputs (JSONL, folders of topic folders) make one cluster per item and may be given
/// together. Mixing the two kinds is an error.
pub fn load_with(inputs: &[PathBuf], opts: &Options) -> Loaded {
    // Stdin can be read once: a second `-` would race the first for its bytes.
    let first_stdin = inputs.iter().position(|p| is_stdin(p));
    let reads: Vec<(Part, Vec<String>)> = inputs
        .par_iter()
        .enumerate()
        .map(|(i, input)| {
            let mut warnings = Vec::new();
            let part = if is_stdin(input) && Some(i) != first_stdin {
                Part::Failed(IngestError::StdinTwice.with_path(label(input)))
            } else {
                read_input(input, opts, &mut warnings)
            };
            (part, warnings)
        })
        .collect();

    let mut loaded = Loaded::default();
    let mut parts = Vec::with_capacity(reads.len());
    for (part, warnings) in reads {
        loaded.warnings.extend(warnings);
        parts.push(part);
    }

    let first_batch = parts.iter().find_map(|p| match p {
        Part::Batch { input, .. } => Some(input.clone()),
        _ => None,
    });
    let first_article = parts.iter().find_map(|p| match p {
        Part::Articles { input, .. } => Some(input.clone()),
        _ => None,
    });
    match (first_batch, first_article) {
        (Some(batch), Some(article)) => {
            for part in parts {
                if let Part::Failed(e) = part {
                    loaded.push(failed_origin(&e), Err(e));
                }
            }
            loaded.push(
                Origin::default(),
                Err(IngestError::Mixed { batch, article }),
            );
        }
        (Some(_), None) => {
            loaded.batch = true;
            for part in parts {
                match part {
                    Part::Failed(e) => loaded.push(failed_origin(&e), Err(e)),
                    Part::Batch { items, .. } => {
                        for (origin, item) in items {
                            loaded.push(origin, item);
                        }
                    }
                    Part::Articles { .. } => {}
                }
            }
        }
        (None, _) => {
            let mut documents = Vec::new();
            let (mut skipped, mut failed) = (0, 0);
            for part in parts {
                match part {
                    Part::Failed(e) => {
                        failed += 1;
                        loaded.push(failed_origin(&e), Err(e));
                    }
                    Part::Articles {
                        docs, skipped: s, ..
                    } => {
                        documents.extend(docs);
                        skipped += s;
                    }
                    Part::Batch { .. } => {}
                }
            }
            if !documents.is_empty() {
                let mut notes = Vec::new();
                dedupe_ids(&mut documents, &mut notes);
                loaded.warnings.extend(notes.iter().map(warning));
                let id = inputs.first().map(|p| name_of(p)).unwrap_or_default();
                let origin = Origin {
                    path: match inputs {
                        [one] => Some(label(one)),
                        _ => None,
                    },
                    line: None,
                    id: Some(id.clone()),
                };
                loaded.push(
                    origin,
                    Ok(Cluster {
                        id,
                        documents,
                        ..Cluster::default()
                    }),
                );
            } else if failed == 0 {
                // Nothing failed outright, yet nothing is left: say so once, naming the input
                // when there is one (the warnings above say why each piece was skipped).
                let e = IngestError::NoDocuments { skipped };
                let e = match inputs {
                    [one] => e.with_path(label(one)),
                    _ => e,
                };
                loaded.push(failed_origin(&e), Err(e));
            }
        }
    }
    loaded
}

/// Makes a [`Document`] from the bytes of one article, as an HTTP upload or a Python
/// caller hands them over: checks the size (default [`Options`]), decodes (lossily, with
/// a warning), refuses binary and empty input, and extracts the article when the bytes are
/// an HTML page (detected by content). Any other bytes are plain text, kept as decoded.
///
/// Returns the document and its warnings (one line each, naming `id`). Errors name `id`.
///
/// ```
/// use chorus_ingest::{document_from_bytes, IngestError};
///
/// let page = b"<html><head><title>Dam Holds</title></head>\
///              <body><p>The dam held through the night.</p></body></html>";
/// let (doc, warnings) = document_from_bytes("upload-1", page)?;
/// assert_eq!(doc.headline.as_deref(), Some("Dam Holds"));
/// assert_eq!(doc.text, "The dam held through the night.");
/// assert!(warnings.is_empty());
///
/// let err = document_from_bytes("upload-2", b"   ").unwrap_err();
/// assert_eq!(err.to_string(), "document upload-2: empty (no text, only whitespace)");
/// assert!(matches!(err.problem(), IngestError::Empty));
/// # Ok::<(), IngestError>(())
/// ```
pub fn document_from_bytes(id: &str, bytes: &[u8]) -> Result<(Document, Vec<String>), IngestError> {
    document_from_bytes_with(id, bytes, &Options::default())
}

/// Extracts the article and metadata of one HTML page from its bytes, for `chorus
/// extract`, `chorus.extract()` and `POST /v1/extract`: checks the size (default
/// [`Options`]), decodes as [`document_from_bytes`] does (a warning for invalid UTF-8),
/// refuses empty input, and extracts (as Markdown when `markdown` is set).
///
/// Returns the page and its warnings (one line each, naming `id`). Errors name `id`.
pub fn page_from_bytes(
    id: &str,
    bytes: &[u8],
    markdown: bool,
) -> Result<(html::Extracted, Vec<String>), IngestError> {
    let fail = |e: IngestError| e.with_document(id);
    let (decoded, warnings) = decode_upload(id, bytes, Options::default().max_file_bytes)?;
    let page = if markdown {
        html::extract_markdown(&decoded.text)
    } else {
        html::extract(&decoded.text)
    };
    Ok((page.map_err(fail)?, warnings))
}

/// [`document_from_bytes`] with explicit limits.
pub fn document_from_bytes_with(
    id: &str,
    bytes: &[u8],
    opts: &Options,
) -> Result<(Document, Vec<String>), IngestError> {
    let fail = |e: IngestError| e.with_document(id);
    let (decoded, warnings) = decode_upload(id, bytes, opts.max_file_bytes)?;
    let document = if sniff::looks_like_html(&decoded.text) {
        let page = html::extract(&decoded.text).map_err(fail)?;
        Document {
            id: id.to_string(),
            text: page.text,
            headline: page.title,
            date: page.published,
            derived: true,
        }
    } else {
        Document {
            id: id.to_string(),
            derived: decoded.text.len() != bytes.len(),
            text: decoded.text.into_owned(),
            ..Document::default()
        }
    };
    Ok((document, warnings))
}

/// The first steps of reading one uploaded document or page: the size checked against
/// `limit`, the bytes decoded (a warning naming `id` when that was lossy), empty text
/// refused. Errors name `id`.
fn decode_upload<'b>(
    id: &str,
    bytes: &'b [u8],
    limit: u64,
) -> Result<(sniff::Decoded<'b>, Vec<String>), IngestError> {
    let fail = |e: IngestError| e.with_document(id);
    let size = bytes.len() as u64;
    if size > limit {
        return Err(fail(IngestError::TooLarge { size, limit }));
    }
    let decoded = sniff::decode(bytes).map_err(fail)?;
    let mut warnings = Vec::new();
    if decoded.lossy {
        warnings.push(format!("document {id}: {LOSSY}"));
    }
    if decoded.text.trim().is_empty() {
        return Err(fail(IngestError::Empty));
    }
    Ok((decoded, warnings))
}

/// The warning for lossily decoded input.
const LOSSY: &str = "invalid UTF-8, decoded with U+FFFD replacement characters";

/// What one command-line input turned out to be.
enum Part {
    /// Could not be read at all: an error item of its own.
    Failed(IngestError),
    /// Articles for the one cluster (possibly none, when all were skipped).
    Articles {
        input: PathBuf,
        docs: Vec<Document>,
        skipped: usize,
    },
    /// A batch: one item per JSONL line or topic folder.
    Batch {
        input: PathBuf,
        items: Vec<BatchItem>,
    },
}

/// One item of a batch and where it came from.
type BatchItem = (Origin, Result<Cluster, IngestError>);

/// What one file holds once read.
enum Content {
    Articles { docs: Vec<Document>, skipped: usize },
    Batch(Vec<BatchItem>),
}

/// The origin of an error that concerns a whole input.
fn failed_origin(e: &IngestError) -> Origin {
    Origin {
        path: e.path().map(Path::to_path_buf),
        line: e.line(),
        id: None,
    }
}

/// How a path is shown in messages: `<stdin>` for `-`.
fn label(path: &Path) -> PathBuf {
    if is_stdin(path) {
        PathBuf::from("<stdin>")
    } else {
        path.to_path_buf()
    }
}

/// A warning line for a document-level problem.
fn warning(e: &IngestError) -> String {
    match e.problem() {
        IngestError::DuplicateId { .. } => e.to_string(),
        _ => format!("{e}; skipped"),
    }
}

fn read_input(input: &Path, opts: &Options, warnings: &mut Vec<String>) -> Part {
    if is_stdin(input) {
        return match files::read_stdin(opts.max_file_bytes) {
            Ok(bytes) => content_part(input, &bytes, false, opts, warnings),
            Err(e) => Part::Failed(e.with_path(label(input))),
        };
    }
    match std::fs::metadata(input) {
        Err(e) => Part::Failed(IngestError::from(e).with_path(input)),
        Ok(m) if m.is_dir() => read_folder(input, opts, warnings),
        Ok(_) if sniff::has_jsonl_extension(input) => match stream_jsonl(input, opts, warnings) {
            Ok(items) => Part::Batch {
                input: input.to_path_buf(),
                items,
            },
            Err(e) => Part::Failed(e.with_path(input)),
        },
        Ok(_) => match files::read_file(input, opts.max_file_bytes) {
            Ok(bytes) => content_part(input, &bytes, false, opts, warnings),
            Err(e) => Part::Failed(e.with_path(input)),
        },
    }
}

/// Reads a `.jsonl` file line by line, so that no line longer than
/// [`Options::max_line_bytes`] is ever held whole. A file in UTF-16 (with a byte order
/// mark) is decoded whole first.
fn stream_jsonl(
    input: &Path,
    opts: &Options,
    warnings: &mut Vec<String>,
) -> Result<Vec<BatchItem>, IngestError> {
    use std::io::{BufRead, Read};
    let file = files::open_regular(input)?;
    let size = file.metadata()?.len();
    if size > opts.max_batch_bytes {
        return Err(IngestError::TooLarge {
            size,
            limit: opts.max_batch_bytes,
        });
    }
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file.take(opts.max_batch_bytes));
    if sniff::has_utf16_bom(reader.fill_buf()?) {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes)?;
        let decoded = sniff::decode(&bytes)?;
        if decoded.lossy {
            warnings.push(format!("{}: {LOSSY}", error::shown(input)));
        }
        return Ok(jsonl_batch(input, decoded.text.as_bytes(), opts, warnings)?);
    }
    Ok(jsonl_batch(input, reader, opts, warnings)?)
}

/// The items of a JSONL batch read from `reader`, each with its origin; lossy lines and
/// skipped documents become warnings naming `path` and the line.
fn jsonl_batch(
    path: &Path,
    reader: impl std::io::BufRead,
    opts: &Options,
    warnings: &mut Vec<String>,
) -> std::io::Result<Vec<BatchItem>> {
    let shown = label(path);
    let items = jsonl::parse_reader(reader, opts.max_line_bytes)?;
    Ok(items
        .into_iter()
        .map(|item| {
            if item.lossy {
                warnings.push(format!("{}:{}: {LOSSY}", error::shown(&shown), item.line));
            }
            warnings.extend(
                item.skipped
                    .into_iter()
                    .map(|e| warning(&e.with_path(&shown))),
            );
            let origin = Origin {
                path: Some(shown.clone()),
                line: Some(item.line),
                id: item.id,
            };
            (origin, item.cluster.map_err(|e| e.with_path(&shown)))
        })
        .collect())
}

/// Turns a named input's bytes into a part; an empty input is skipped with a warning.
fn content_part(
    input: &Path,
    bytes: &[u8],
    jsonl_name: bool,
    opts: &Options,
    warnings: &mut Vec<String>,
) -> Part {
    let shown = label(input);
    match read_content(&shown, &name_of(input), bytes, jsonl_name, opts, warnings) {
        Ok(Content::Articles { docs, skipped }) => Part::Articles {
            input: input.to_path_buf(),
            docs,
            skipped,
        },
        Ok(Content::Batch(items)) => Part::Batch {
            input: input.to_path_buf(),
            items,
        },
        Err(IngestError::Empty) => {
            warnings.push(warning(&IngestError::Empty.with_path(shown)));
            Part::Articles {
                input: input.to_path_buf(),
                docs: Vec::new(),
                skipped: 1,
            }
        }
        Err(e) => Part::Failed(e.with_path(shown)),
    }
}

/// Decodes and parses one file's bytes. Errors are bare; document-level problems become
/// warnings naming `path`.
fn read_content(
    path: &Path,
    doc_id: &str,
    bytes: &[u8],
    jsonl_name: bool,
    opts: &Options,
    warnings: &mut Vec<String>,
) -> Result<Content, IngestError> {
    // A JSONL batch is decoded line by line, so that one binary or broken line costs that
    // line only; the first line tells (UTF-16 is decoded whole first, below).
    if !sniff::has_utf16_bom(bytes) && (jsonl_name || sniff::starts_like_jsonl(bytes)) {
        return Ok(Content::Batch(jsonl_batch(path, bytes, opts, warnings)?));
    }
    let decoded = sniff::decode(bytes)?;
    if decoded.lossy {
        warnings.push(format!("{}: {LOSSY}", error::shown(path)));
    }
    let text = decoded.text;
    if text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    let (docs, notes) = match sniff::kind(&text, jsonl_name) {
        Kind::Jsonl => {
            return Ok(Content::Batch(jsonl_batch(
                path,
                text.as_bytes(),
                opts,
                warnings,
            )?));
        }
        Kind::Sgml => duc::parse(&text, doc_id)?,
        Kind::MultiNews => multinews::split_documents(&text, &format!("{doc_id}#")),
        Kind::Html => {
            let page = html::extract(&text)?;
            let doc = Document {
                id: doc_id.to_string(),
                text: page.text,
                headline: page.title,
                date: page.published,
                derived: true,
            };
            (vec![doc], Vec::new())
        }
        Kind::Text => {
            let doc = Document {
                id: doc_id.to_string(),
                // UTF-16, a byte order mark or replaced bytes: offsets are not the file's.
                derived: text.len() != bytes.len(),
                text: text.into_owned(),
                ..Document::default()
            };
            (vec![doc], Vec::new())
        }
    };
    let skipped = notes.len();
    warnings.extend(notes.into_iter().map(|e| warning(&e.with_path(path))));
    if docs.is_empty() {
        return Err(IngestError::NoDocuments { skipped });
    }
    Ok(Content::Articles { docs, skipped })
}

/// A folder with files is one cluster of articles; a folder with only subfolders is a batch
/// of topic clusters.
fn read_folder(dir: &Path, opts: &Options, warnings: &mut Vec<String>) -> Part {
    let listing = match files::list(dir) {
        Ok(l) => l,
        Err(e) => return Part::Failed(e.with_path(dir)),
    };
    if !listing.files.is_empty() {
        warn_ignored_dirs(&listing.dirs, warnings);
        let (docs, skipped) = read_article_files(&listing.files, opts, warnings);
        return Part::Articles {
            input: dir.to_path_buf(),
            docs,
            skipped,
        };
    }
    if listing.dirs.is_empty() {
        return Part::Failed(IngestError::EmptyFolder.with_path(dir));
    }
    let topics: Vec<(Result<Cluster, IngestError>, Vec<String>)> = listing
        .dirs
        .par_iter()
        .map(|topic| {
            let mut w = Vec::new();
            let cluster = topic_cluster(topic, opts, &mut w);
            (cluster, w)
        })
        .collect();
    let mut items = Vec::with_capacity(topics.len());
    for (topic, (cluster, w)) in listing.dirs.iter().zip(topics) {
        warnings.extend(w);
        let origin = Origin {
            id: Some(name_of(topic)),
            ..Origin::of_path(topic)
        };
        items.push((origin, cluster));
    }
    Part::Batch {
        input: dir.to_path_buf(),
        items,
    }
}

fn warn_ignored_dirs(dirs: &[PathBuf], warnings: &mut Vec<String>) {
    for d in dirs {
        warnings.push(format!(
            "{}: subfolder ignored (a folder of articles is read one level deep)",
            error::shown(d)
        ));
    }
}

/// One topic folder of a DUC-style batch: every file's documents make one cluster named
/// after the folder.
fn topic_cluster(
    topic: &Path,
    opts: &Options,
    warnings: &mut Vec<String>,
) -> Result<Cluster, IngestError> {
    let listing = files::list(topic).map_err(|e| e.with_path(topic))?;
    if listing.files.is_empty() {
        return Err(IngestError::EmptyFolder.with_path(topic));
    }
    warn_ignored_dirs(&listing.dirs, warnings);
    let (mut documents, skipped) = read_article_files(&listing.files, opts, warnings);
    if documents.is_empty() {
        return Err(IngestError::NoDocuments { skipped }.with_path(topic));
    }
    let mut notes = Vec::new();
    dedupe_ids(&mut documents, &mut notes);
    warnings.extend(notes.into_iter().map(|e| warning(&e.with_path(topic))));
    Ok(Cluster {
        id: name_of(topic),
        documents,
        ..Cluster::default()
    })
}

/// Reads the files of a folder (in parallel, in order). A file that cannot be used is
/// skipped with a warning; returns the documents and the number skipped.
fn read_article_files(
    paths: &[PathBuf],
    opts: &Options,
    warnings: &mut Vec<String>,
) -> (Vec<Document>, usize) {
    let results: Vec<(Result<Content, IngestError>, Vec<String>)> = paths
        .par_iter()
        .map(|path| {
            let mut w = Vec::new();
            let content = files::read_file(path, opts.max_file_bytes)
                .and_then(|bytes| read_content(path, &name_of(path), &bytes, false, opts, &mut w));
            (content, w)
        })
        .collect();
    let mut docs = Vec::new();
    let mut skipped = 0;
    for (path, (content, w)) in paths.iter().zip(results) {
        warnings.extend(w);
        match content {
            Ok(Content::Articles { docs: d, .. }) => docs.extend(d),
            Ok(Content::Batch(_)) => {
                skipped += 1;
                warnings.push(format!(
                    "{}: a JSONL batch inside a folder of articles; skipped (give it on its own)",
                    error::shown(path)
                ));
            }
            Err(e) => {
                skipped += 1;
                warnings.push(warning(&e.with_path(path)));
            }
        }
    }
    (docs, skipped)
}

/// Makes document ids unique within a cluster: a repeated id gets `#2`, `#3`, ... (the
/// first keeps its id). Each rename is reported in `notes`.
pub(crate) fn dedupe_ids(docs: &mut [Document], notes: &mut Vec<IngestError>) {
    let mut seen: HashSet<String> = HashSet::with_capacity(docs.len());
    let mut repeated = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        if !seen.insert(d.id.clone()) {
            repeated.push(i);
        }
    }
    for i in repeated {
        let Some(doc) = docs.get_mut(i) else { continue };
        let mut n = 2;
        let renamed = loop {
            let candidate = format!("{}#{n}", doc.id);
            if !seen.contains(&candidate) {
                break candidate;
            }
            n += 1;
        };
        seen.insert(renamed.clone());
        notes.push(
            IngestError::DuplicateId {
                renamed: renamed.clone(),
            }
            .with_document(std::mem::replace(&mut doc.id, renamed)),
        );
    }
}

#[cfg(test)]
mod tests;
