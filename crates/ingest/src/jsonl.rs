//! JSON Lines batches: one cluster per line, in one of two shapes, told apart per line.
//!
//! - chorus/DUC: `{"id", "title"?, "query"?, "documents": [{"id", "text", "headline"?,
//!   "date"?}], "references"?: [{"id", "text"}]}`
//! - Multi-News: `{"document": "a ||||| b", "summary"?}`; the summary becomes the one
//!   reference.
//!
//! Each line is read, decoded and parsed on its own, so one bad line costs one item, never
//! the batch: a line with a NUL byte or mostly control characters is a binary line, a line
//! longer than the limit is skipped without being held in memory, invalid UTF-8 is decoded
//! lossily for that line. Lines are parsed in parallel (rayon) and collected in input
//! order. Blank lines are skipped but still counted, so line numbers in messages are the
//! file's.

use std::io::BufRead;

use chorus_model::{Cluster, Document, Reference};
use rayon::prelude::*;
use serde::Deserialize;

use crate::error::IngestError;
use crate::multinews;

/// One parsed line: the cluster (or why not), and the documents skipped on the way.
#[derive(Debug)]
pub struct Item {
    /// Line number, from 1.
    pub line: usize,
    /// The cluster's id when the line got as far as naming one.
    pub id: Option<String>,
    /// True when the line was not valid UTF-8 and was decoded with replacement characters.
    pub lossy: bool,
    /// The cluster; errors carry the line number (not the file: callers add it).
    pub cluster: Result<Cluster, IngestError>,
    /// Skipped documents, each error naming its document and line.
    pub skipped: Vec<IngestError>,
}

/// Parses every non-blank line of a JSONL text, in parallel, in order.
pub fn parse(text: &str) -> Vec<Item> {
    // Reading from memory cannot fail.
    parse_reader(text.as_bytes(), u64::MAX).unwrap_or_default()
}

/// Reads, decodes and parses every non-blank line of a JSONL stream, in order. A line
/// longer than `max_line` bytes is an error item ([`IngestError::LineTooLong`]); the rest of
/// it is read past, never kept. Errors are only the reader's own (I/O).
pub fn parse_reader(reader: impl BufRead, max_line: u64) -> std::io::Result<Vec<Item>> {
    let lines = read_lines(reader, max_line)?;
    Ok(lines
        .into_par_iter()
        .map(|(line, raw)| {
            let mut skipped = Vec::new();
            let mut id = None;
            let mut lossy = false;
            let cluster = raw
                .and_then(|bytes| {
                    let decoded = crate::sniff::decode(&bytes)?;
                    lossy = decoded.lossy;
                    parse_line_with_id(&decoded.text, line, &mut skipped, &mut id)
                })
                .map_err(|e| e.with_line(line));
            Item {
                line,
                id,
                lossy,
                cluster,
                skipped: skipped.into_iter().map(|e| e.with_line(line)).collect(),
            }
        })
        .collect())
}

/// A line's number (from 1) and its bytes, or why they were not kept.
type NumberedLine = (usize, LineBytes);

/// The non-blank lines with their numbers (from 1): the bytes without the end of line, or
/// the error of a line that is too long. A line counts as blank when it holds only ASCII
/// whitespace.
fn read_lines(reader: impl BufRead, max_line: u64) -> std::io::Result<Vec<NumberedLine>> {
    let mut reader = BoundedLines::new(reader, max_line);
    let mut lines = Vec::new();
    let mut number = 0;
    while let Some(line) = reader.next_line()? {
        number += 1;
        if !line
            .as_ref()
            .is_ok_and(|l| l.iter().all(u8::is_ascii_whitespace))
        {
            lines.push((number, line));
        }
    }
    Ok(lines)
}

/// A line's bytes without its end of line, or why they were not kept.
pub type LineBytes = Result<Vec<u8>, IngestError>;

/// Lines of a buffered reader, each of at most `max_line` bytes: what every reader of a
/// JSONL batch (loaded whole here, streamed by the command line) reads it with, so both
/// see the same lines and the same errors.
pub struct BoundedLines<R> {
    reader: R,
    max_line: u64,
    /// Bytes of the input an over-long line is read past up to, in all.
    max_total: u64,
    /// Bytes taken from the reader so far.
    read: u64,
}

impl<R: BufRead> BoundedLines<R> {
    /// Lines of `reader`; a longer line than `max_line` bytes is an error.
    pub fn new(reader: R, max_line: u64) -> BoundedLines<R> {
        BoundedLines::with_total(reader, max_line, u64::MAX)
    }

    /// [`BoundedLines::new`], reading past an over-long line only until `max_total` bytes
    /// of the input have been read in all: a stream that never ends its line (or never
    /// ends) is then cut there, for a caller that stops at that total, instead of being
    /// read forever.
    pub fn with_total(reader: R, max_line: u64, max_total: u64) -> BoundedLines<R> {
        BoundedLines {
            reader,
            max_line,
            max_total,
            read: 0,
        }
    }

    /// Bytes taken from the reader so far, the ends of line included.
    pub fn read(&self) -> u64 {
        self.read
    }

    /// The next line, blank or not, without its end of line (`\n` or `\r\n`); `None` at
    /// the end of the input. A line over `max_line` bytes is [`IngestError::LineTooLong`],
    /// read past without being kept.
    pub fn next_line(&mut self) -> std::io::Result<Option<LineBytes>> {
        let mut current = Vec::new();
        let (mut size, mut too_long, mut any) = (0u64, false, false);
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            any = true;
            // memchr: a batch's every byte passes through this search.
            let newline = memchr::memchr(b'\n', buf);
            let chunk = &buf[..newline.unwrap_or(buf.len())];
            size += chunk.len() as u64;
            if !too_long {
                if size > self.max_line {
                    too_long = true;
                    current = Vec::new();
                } else {
                    current.extend_from_slice(chunk);
                }
            }
            let used = chunk.len() + usize::from(newline.is_some());
            self.reader.consume(used);
            self.read += used as u64;
            if newline.is_some() || (too_long && self.read > self.max_total) {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        if too_long {
            let err = IngestError::LineTooLong {
                size,
                limit: self.max_line,
            };
            return Ok(Some(Err(err)));
        }
        if current.last() == Some(&b'\r') {
            current.pop();
        }
        Ok(Some(Ok(current)))
    }
}

/// Parses one JSONL line (either shape) into a cluster. `line` (from 1) names the cluster
/// when it has no id (`line-N`). Documents that cannot be used are skipped: their errors
/// go to `skipped`. A cluster left with no document is an error.
pub fn parse_line(
    text: &str,
    line: usize,
    skipped: &mut Vec<IngestError>,
) -> Result<Cluster, IngestError> {
    parse_line_with_id(text, line, skipped, &mut None)
}

/// [`parse_line`] as an [`Item`]: the id is kept even when the line fails after naming its
/// cluster (so a batch's error line can name it, as `chorus summarize` does).
pub fn parse_line_item(text: &str, line: usize) -> Item {
    let mut skipped = Vec::new();
    let mut id = None;
    let cluster =
        parse_line_with_id(text, line, &mut skipped, &mut id).map_err(|e| e.with_line(line));
    Item {
        line,
        id,
        lossy: false,
        cluster,
        skipped: skipped.into_iter().map(|e| e.with_line(line)).collect(),
    }
}

/// [`parse_line`], also telling the cluster's id once known (for a line that fails later).
fn parse_line_with_id(
    text: &str,
    line: usize,
    skipped: &mut Vec<IngestError>,
    id_out: &mut Option<String>,
) -> Result<Cluster, IngestError> {
    let raw: RawLine = serde_json::from_str(text).map_err(|e| {
        if e.is_data() {
            IngestError::Shape(e.to_string())
        } else {
            IngestError::Json(e)
        }
    })?;
    let id = raw
        .id
        .map(Id::into_string)
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| format!("line-{line}"));
    *id_out = Some(id.clone());
    let query = raw.query.filter(|q| !q.trim().is_empty());
    let (documents, references) =
        match (raw.documents, raw.document) {
            (Some(docs), _) => {
                let documents = docs
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, d)| d.into_document(i + 1, skipped))
                    .collect();
                let references = raw
                    .references
                    .unwrap_or_default()
                    .into_iter()
                    .enumerate()
                    .map(|(i, r)| r.into_reference(i + 1))
                    .filter(|r| !r.text.trim().is_empty())
                    .collect();
                (documents, references)
            }
            (None, Some(document)) => {
                // Named as a Multi-News file's documents are (`story.txt#1`): the cluster
                // stands where the file name would.
                let (documents, empty) = multinews::split_documents(&document, &format!("{id}#"));
                skipped.extend(empty);
                let references = raw
                    .summary
                    .map(|s| multinews::replace_newline_tokens(&s).trim().to_string())
                    .filter(|s| !s.is_empty())
                    .map(|text| Reference {
                        id: "summary".to_string(),
                        text,
                    })
                    .into_iter()
                    .collect();
                (documents, references)
            }
            (None, None) => return Err(IngestError::Shape(
                "expected an object with \"documents\" (a list) or \"document\" (Multi-News text)"
                    .to_string(),
            )),
        };
    let mut cluster = Cluster {
        id,
        query,
        documents,
        references,
    };
    if cluster.documents.is_empty() {
        return Err(IngestError::NoDocuments {
            skipped: skipped.len(),
        });
    }
    crate::dedupe_ids(&mut cluster.documents, skipped);
    Ok(cluster)
}

/// An id may be written as a string or a number.
#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(serde_json::Number),
}

impl Id {
    fn into_string(self) -> String {
        match self {
            Id::Text(s) => s,
            Id::Number(n) => n.to_string(),
        }
    }
}

#[derive(Deserialize)]
struct RawLine {
    id: Option<Id>,
    query: Option<String>,
    documents: Option<Vec<RawDocument>>,
    references: Option<Vec<RawReference>>,
    document: Option<String>,
    summary: Option<String>,
}

#[derive(Deserialize)]
struct RawDocument {
    id: Option<Id>,
    text: Option<String>,
    headline: Option<String>,
    date: Option<String>,
}

impl RawDocument {
    fn into_document(self, n: usize, skipped: &mut Vec<IngestError>) -> Option<Document> {
        let id = self
            .id
            .map(Id::into_string)
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| format!("doc-{n}"));
        let Some(text) = self.text else {
            skipped.push(IngestError::Shape("no \"text\"".to_string()).with_document(id));
            return None;
        };
        if text.trim().is_empty() {
            skipped.push(IngestError::Empty.with_document(id));
            return None;
        }
        if let Err(e) = crate::sniff::check_text(&text) {
            skipped.push(e.with_document(id));
            return None;
        }
        Some(Document {
            id,
            text,
            headline: self.headline.filter(|h| !h.trim().is_empty()),
            date: self.date.filter(|d| !d.trim().is_empty()),
            derived: false,
        })
    }
}

/// A reference is `{"id", "text"}` or a bare string.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawReference {
    Text(String),
    Object { id: Option<Id>, text: String },
}

impl RawReference {
    fn into_reference(self, n: usize) -> Reference {
        let (id, text) = match self {
            RawReference::Text(text) => (None, text),
            RawReference::Object { id, text } => (id.map(Id::into_string), text),
        };
        Reference {
            id: id
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| format!("ref-{n}")),
            text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duc_shape_with_all_fields() {
        let line = r#"{"id":"T1","title":"Floods","query":"What damage did the floods do?","documents":[{"id":"a","text":"Rivers rose.\n\nTowns flooded.","headline":"Rivers Rise","date":"2003-04-01"},{"text":"Second report."}],"references":[{"id":"A","text":"Floods hit towns."},"A bare summary."]}"#;
        let mut skipped = Vec::new();
        let c = parse_line(line, 1, &mut skipped).unwrap();
        assert!(skipped.is_empty());
        assert_eq!(c.id, "T1");
        assert_eq!(c.query.as_deref(), Some("What damage did the floods do?"));
        assert_eq!(c.documents.len(), 2);
        assert_eq!(c.documents[0].text, "Rivers rose.\n\nTowns flooded.");
        assert_eq!(c.documents[0].headline.as_deref(), Some("Rivers Rise"));
        assert_eq!(c.documents[0].date.as_deref(), Some("2003-04-01"));
        assert_eq!(c.documents[1].id, "doc-2");
        assert_eq!(c.references.len(), 2);
        assert_eq!(c.references[0].id, "A");
        assert_eq!(c.references[1].id, "ref-2");
        assert_eq!(c.references[1].text, "A bare summary.");
    }

    #[test]
    fn multi_news_shape_and_missing_ids_named_like_a_multi_news_file() {
        let line = r#"{"document":"First outlet: a dam failed. NEWLINE_CHAR NEWLINE_CHAR Water spread. ||||| Second outlet: the dam broke at dawn.","summary":"– A dam failed NEWLINE_CHAR at dawn."}"#;
        let mut skipped = Vec::new();
        let c = parse_line(line, 7, &mut skipped).unwrap();
        assert_eq!(c.id, "line-7");
        // As a `|||||` file names them (`story.txt#1`), the cluster id in the file's place
        // (issue 17: `doc-1` here, `story.txt#1` there).
        let ids: Vec<&str> = c.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["line-7#1", "line-7#2"]);
        assert_eq!(
            c.documents[0].text,
            "First outlet: a dam failed.\n\nWater spread."
        );
        assert_eq!(c.references.len(), 1);
        assert_eq!(c.references[0].text, "– A dam failed\nat dawn.");
    }

    #[test]
    fn numeric_ids_are_accepted() {
        let mut skipped = Vec::new();
        let c = parse_line(
            r#"{"id": 42, "documents": [{"id": 7, "text": "x"}]}"#,
            1,
            &mut skipped,
        )
        .unwrap();
        assert_eq!(c.id, "42");
        assert_eq!(c.documents[0].id, "7");
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        let mut s = Vec::new();
        let e = parse_line("{not json", 3, &mut s).unwrap_err();
        assert!(e.to_string().starts_with("invalid JSON: "), "{e}");
        let e = parse_line(r#"{"documents": "oops"}"#, 3, &mut s).unwrap_err();
        assert!(e.to_string().starts_with("unexpected JSON shape: "), "{e}");
        let e = parse_line(r#"{"id": "x"}"#, 3, &mut s).unwrap_err();
        assert!(e.to_string().contains("\"documents\""), "{e}");
        let e = parse_line("[1, 2]", 3, &mut s).unwrap_err();
        assert!(matches!(e, IngestError::Shape(_)), "{e}");
    }

    #[test]
    fn documents_without_text_are_skipped_and_an_empty_cluster_fails() {
        let mut s = Vec::new();
        let c = parse_line(
            r#"{"id":"c","documents":[{"id":"a","text":"  "},{"id":"b"},{"id":"n","text":"x\u0000y"},{"id":"ok","text":"Fine."}]}"#,
            2,
            &mut s,
        )
        .unwrap();
        assert_eq!(c.documents.len(), 1);
        let msgs: Vec<String> = s.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].starts_with("document a: empty"), "{msgs:?}");
        assert!(msgs[1].starts_with("document b: unexpected JSON shape: no \"text\""));
        assert!(msgs[2].starts_with("document n: binary data"), "{msgs:?}");

        let mut s = Vec::new();
        let e = parse_line(r#"{"id":"c","documents":[]}"#, 2, &mut s).unwrap_err();
        assert!(matches!(e, IngestError::NoDocuments { skipped: 0 }), "{e}");
        let e = parse_line(r#"{"document":" ||||| "}"#, 2, &mut s).unwrap_err();
        assert!(matches!(e, IngestError::NoDocuments { skipped: 2 }), "{e}");
    }

    #[test]
    fn batch_keeps_order_and_file_line_numbers() {
        let text = "{\"id\":\"a\",\"documents\":[{\"text\":\"x\"}]}\r\n\n{bad\n   \n{\"id\":\"b\",\"documents\":[{\"text\":\"y\"}]}\n";
        let items = parse(text);
        let lines: Vec<usize> = items.iter().map(|i| i.line).collect();
        assert_eq!(lines, [1, 3, 5]);
        assert_eq!(items[0].cluster.as_ref().unwrap().id, "a");
        let e = items[1].cluster.as_ref().unwrap_err();
        assert_eq!(e.line(), Some(3));
        assert_eq!(items[2].cluster.as_ref().unwrap().id, "b");
    }

    #[test]
    fn binary_and_overlong_lines_cost_only_their_line() {
        let good = |id: &str| format!("{{\"id\":\"{id}\",\"documents\":[{{\"text\":\"x\"}}]}}\n");
        let mut bytes = good("a").into_bytes();
        bytes.extend_from_slice(b"{\"id\":\"n\",\x00\"documents\":[]}\n");
        bytes.extend_from_slice(b"{\"id\":\"\x01\x02\x03\x04\x05\x06\"}\n");
        bytes.extend_from_slice(
            format!("{{\"id\":\"long\",\"x\":\"{}\"}}\r\n", "y".repeat(500)).as_bytes(),
        );
        bytes.extend_from_slice(b"{\"id\":\"caf\xE9\",\"documents\":[{\"text\":\"x\"}]}\n\n");
        bytes.extend_from_slice(good("b").trim_end().as_bytes());
        let items = parse_reader(&bytes[..], 200).unwrap();
        let lines: Vec<usize> = items.iter().map(|i| i.line).collect();
        assert_eq!(lines, [1, 2, 3, 4, 5, 7]);
        let msg = |k: usize| items[k].cluster.as_ref().unwrap_err().to_string();
        assert_eq!(items[0].cluster.as_ref().unwrap().id, "a");
        assert_eq!(
            msg(1),
            "line 2: binary data, not text (NUL byte at offset 10)"
        );
        assert!(msg(2).starts_with("line 3: binary data"), "{}", msg(2));
        assert_eq!(
            msg(3),
            "line 4: line too long: 521 bytes is over the limit of 200 bytes"
        );
        assert!(items[4].lossy);
        assert_eq!(items[4].cluster.as_ref().unwrap().id, "caf\u{FFFD}");
        assert_eq!(items[5].cluster.as_ref().unwrap().id, "b");
    }

    #[test]
    fn an_item_that_fails_after_its_id_keeps_the_id() {
        let items = parse("{\"id\":\"hollow\",\"documents\":[]}\n{oops\n");
        assert_eq!(items[0].id.as_deref(), Some("hollow"));
        assert!(items[0].cluster.is_err());
        assert_eq!(items[1].id, None);
    }

    #[test]
    fn many_lines_come_back_in_order() {
        let text: String = (0..500)
            .map(|i| format!("{{\"id\":\"c{i}\",\"documents\":[{{\"text\":\"t{i}\"}}]}}\n"))
            .collect();
        let ids: Vec<String> = parse(&text)
            .into_iter()
            .map(|i| i.cluster.unwrap().id)
            .collect();
        let want: Vec<String> = (0..500).map(|i| format!("c{i}")).collect();
        assert_eq!(ids, want);
    }
}
