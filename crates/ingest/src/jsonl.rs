//! JSON Lines batches: one cluster per line, in one of two shapes, told apart per line.
//!
//! - chorus/DUC: `{"id", "title"?, "query"?, "documents": [{"id", "text", "headline"?,
//!   "date"?}], "references"?: [{"id", "text"}]}`
//! - Multi-News: `{"document": "a ||||| b", "summary"?}`; the summary becomes the one
//!   reference.
//!
//! Each line is parsed on its own, so one bad line costs one item, never the batch. Lines
//! are parsed in parallel (rayon) and collected in input order. Blank lines are skipped but
//! still counted, so line numbers in messages are the file's.

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
    /// The cluster; errors carry the line number (not the file: callers add it).
    pub cluster: Result<Cluster, IngestError>,
    /// Skipped documents, each error naming its document and line.
    pub skipped: Vec<IngestError>,
}

/// Parses every non-blank line of a JSONL text, in parallel, in order.
pub fn parse(text: &str) -> Vec<Item> {
    let lines: Vec<(usize, &str)> = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    lines
        .into_par_iter()
        .map(|(line, text)| {
            let mut skipped = Vec::new();
            let cluster = parse_line(text, line, &mut skipped).map_err(|e| e.with_line(line));
            Item {
                line,
                cluster,
                skipped: skipped.into_iter().map(|e| e.with_line(line)).collect(),
            }
        })
        .collect()
}

/// Parses one JSONL line (either shape) into a cluster. `line` (from 1) names the cluster
/// when it has no id (`line-N`). Documents that cannot be used are skipped: their errors
/// go to `skipped`. A cluster left with no document is an error.
pub fn parse_line(
    text: &str,
    line: usize,
    skipped: &mut Vec<IngestError>,
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
                let (documents, empty) = multinews::split_documents(&document, "doc-");
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
        if let Err(e) = crate::sniff::decode(text.as_bytes()) {
            skipped.push(e.with_document(id));
            return None;
        }
        Some(Document {
            id,
            text,
            headline: self.headline.filter(|h| !h.trim().is_empty()),
            date: self.date.filter(|d| !d.trim().is_empty()),
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
    fn multi_news_shape_and_missing_ids() {
        let line = r#"{"document":"First outlet: a dam failed. NEWLINE_CHAR NEWLINE_CHAR Water spread. ||||| Second outlet: the dam broke at dawn.","summary":"– A dam failed NEWLINE_CHAR at dawn."}"#;
        let mut skipped = Vec::new();
        let c = parse_line(line, 7, &mut skipped).unwrap();
        assert_eq!(c.id, "line-7");
        let ids: Vec<&str> = c.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["doc-1", "doc-2"]);
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
