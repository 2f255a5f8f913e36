//! Rendering summaries as plain text, Markdown or JSON.
//!
//! The JSON shape defined here ([`SummaryJson`]) is the one every shell emits: the CLI
//! prints it, the HTTP server returns it, the Python bindings hand it over as a dict. Text
//! shown to a reader is always cut from the original document by the summary's spans,
//! never stored separately, so it cannot drift from the source.
//!
//! Not here: choosing sentences (`chorus-select`) or reading input (`chorus-ingest`).

use chorus_model::{Cluster, SentenceKind, Span, Summary};
use serde::{Deserialize, Serialize};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// One sentence per line.
    #[default]
    Text,
    /// Sentences with `[n]` citations and a numbered source list.
    Markdown,
    /// The [`SummaryJson`] object, one line.
    Json,
}

/// A summary as JSON: the documented, stable output schema.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryJson {
    /// Cluster id.
    pub id: String,
    /// Method that produced the summary.
    pub method: String,
    /// Total words in the summary's sentences.
    pub words: usize,
    /// Sentences in reading order.
    pub sentences: Vec<SentenceJson>,
    /// The text of every cited document whose text is not the input's bytes (an HTML
    /// page's extracted article, SGML paragraphs, Multi-News with its tokens replaced), in
    /// order of first citation: what its sentences' `start`/`end`/`spans` index into.
    /// Absent when every cited document is its input's bytes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<DocumentJson>,
}

/// A document's text as the spans index it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentJson {
    /// Document id, as in the sentences' `doc`.
    pub id: String,
    /// The text the spans of the sentences from this document index into (UTF-8 bytes).
    pub text: String,
}

/// One summary sentence with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceJson {
    /// The sentence as shown: its spans' text joined ([`spans_text`]), runs of white
    /// space (hard line wraps) collapsed to one space, then wire conventions shown as
    /// readers expect them (`chorus_text::surface`: ``` ``x'' ``` → `“x”`, ` _ ` → ` — `,
    /// `dlrs` → `dollars`, a capital first letter after a cut connective). The words are
    /// the source's: only their typing changes.
    pub text: String,
    /// Id of the source document.
    pub doc: String,
    /// Byte offset where the sentence starts in the source document's original text.
    pub start: usize,
    /// Byte offset one past the sentence's end in the source document's original text.
    pub end: usize,
    /// The byte ranges shown, in order: one for a whole sentence, several when shortened.
    pub spans: Vec<[usize; 2]>,
    /// Ids of the other documents that carry a near-equivalent sentence.
    pub sources: Vec<String>,
    /// For a quotation lifted from a share widget: who said it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

/// The text a list of spans shows: inside each span, runs of white space (hard line
/// wraps) become one space; pieces are joined by one space, none before closing punctuation.
pub fn spans_text(text: &str, spans: &[Span]) -> String {
    let mut out = String::new();
    for span in spans {
        let piece = span
            .slice(text)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if piece.is_empty() {
            continue;
        }
        let glued = piece.starts_with([',', '.', ';', ':', '!', '?', ')', '\u{201D}'])
            || piece.starts_with("'s ")
            || piece.starts_with("\u{2019}s ");
        if !out.is_empty() && !glued {
            out.push(' ');
        }
        out.push_str(&piece);
    }
    out
}

/// Counts words the way budgets do (whitespace-separated pieces holding a letter or digit).
pub fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Builds the JSON view of `summary` over `cluster`.
pub fn to_json(cluster: &Cluster, summary: &Summary) -> SummaryJson {
    let sentences: Vec<SentenceJson> = summary
        .sentences
        .iter()
        .map(|s| {
            let doc = &cluster.documents[s.doc];
            // A repaired unit may show a span from before its sentence (a name's
            // introduction), so the bounds are the extremes, not the first and last piece.
            let start = s.spans.iter().map(|x| x.start).min().unwrap_or(0);
            let end = s.spans.iter().map(|x| x.end).max().unwrap_or(0);
            let author = match s.kind {
                SentenceKind::Quote { author: Some(a) } => a.slice(&doc.text).map(str::to_string),
                _ => None,
            };
            SentenceJson {
                text: chorus_text::surface::display(&spans_text(&doc.text, &s.spans)),
                doc: doc.id.clone(),
                start,
                end,
                spans: s.spans.iter().map(|x| [x.start, x.end]).collect(),
                sources: s
                    .sources
                    .iter()
                    .map(|&d| cluster.documents[d].id.clone())
                    .collect(),
                author,
            }
        })
        .collect();
    let mut cited: Vec<usize> = Vec::new();
    for s in &summary.sentences {
        if !cited.contains(&s.doc) {
            cited.push(s.doc);
        }
    }
    let documents = cited
        .into_iter()
        .filter_map(|d| cluster.documents.get(d))
        .filter(|d| d.derived)
        .map(|d| DocumentJson {
            id: d.id.clone(),
            text: d.text.clone(),
        })
        .collect();
    SummaryJson {
        id: summary.id.clone(),
        method: summary.method.clone(),
        words: sentences.iter().map(|s| count_words(&s.text)).sum(),
        sentences,
        documents,
    }
}

/// Renders a summary in the given format (JSON as one line, text and Markdown ending in a newline).
pub fn render(json: &SummaryJson, format: Format) -> String {
    match format {
        Format::Text => text(json),
        Format::Markdown => markdown(json),
        Format::Json => serde_json::to_string(json).unwrap_or_default(),
    }
}

/// The 1-based citation number of `id`, numbering it on first sight.
fn cite<'a>(id: &'a str, cited: &mut Vec<&'a str>) -> usize {
    match cited.iter().position(|c| *c == id) {
        Some(n) => n + 1,
        None => {
            cited.push(id);
            cited.len()
        }
    }
}

fn shown(s: &SentenceJson) -> String {
    match &s.author {
        Some(a) => format!("\u{201C}{}\u{201D} \u{2014} {a}", s.text),
        None => s.text.clone(),
    }
}

/// One sentence per line.
pub fn text(json: &SummaryJson) -> String {
    json.sentences.iter().map(|s| shown(s) + "\n").collect()
}

/// Sentences as a paragraph with `[n]` citations (own document first, then corroborating
/// ones), followed by the numbered list of cited documents.
pub fn markdown(json: &SummaryJson) -> String {
    let mut cited: Vec<&str> = Vec::new();
    let mut out = String::new();
    for s in &json.sentences {
        out.push_str(&shown(s));
        for id in std::iter::once(s.doc.as_str()).chain(s.sources.iter().map(String::as_str)) {
            let n = cite(id, &mut cited);
            out.push_str(&format!("[{n}]"));
        }
        out.push('\n');
    }
    out.push_str("\n**Sources**\n\n");
    for (n, id) in cited.iter().enumerate() {
        out.push_str(&format!("{}. {}\n", n + 1, id));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chorus_model::{Document, Selected};

    fn fixture() -> (Cluster, Summary) {
        let cluster = Cluster {
            id: "c".into(),
            documents: vec![
                Document {
                    id: "a".into(),
                    text: "First one.\nThe mayor, officials said, left\n town.".into(),
                    ..Default::default()
                },
                Document {
                    id: "b".into(),
                    text: "Other.".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let summary = Summary {
            id: "c".into(),
            method: "lead".into(),
            sentences: vec![
                Selected {
                    sentence: 0,
                    doc: 0,
                    spans: vec![Span::new(0, 10)],
                    sources: vec![1],
                    kind: SentenceKind::Body,
                },
                Selected {
                    sentence: 1,
                    doc: 0,
                    spans: vec![Span::new(11, 20), Span::new(38, 49)],
                    sources: vec![],
                    kind: SentenceKind::Body,
                },
            ],
        };
        (cluster, summary)
    }

    #[test]
    fn json_text_is_cut_from_the_original_by_spans() {
        let (c, s) = fixture();
        let j = to_json(&c, &s);
        assert_eq!(j.sentences[0].text, "First one.");
        assert_eq!(
            &c.documents[0].text[j.sentences[0].start..j.sentences[0].end],
            "First one."
        );
        assert_eq!(j.sentences[0].sources, vec!["b".to_string()]);
        assert_eq!(j.sentences[1].text, "The mayor left town.");
        assert_eq!(j.sentences[1].spans, vec![[11, 20], [38, 49]]);
        assert_eq!(j.words, 6);
    }

    #[test]
    fn markdown_cites_sources_and_lists_them() {
        let (c, s) = fixture();
        let md = markdown(&to_json(&c, &s));
        assert!(
            md.starts_with("First one.[1][2]\nThe mayor left town.[1]\n"),
            "{md}"
        );
        assert!(md.contains("1. a\n2. b\n"), "{md}");
    }

    #[test]
    fn json_round_trips() {
        let (c, s) = fixture();
        let j = to_json(&c, &s);
        let line = render(&j, Format::Json);
        let back: SummaryJson = serde_json::from_str(&line).expect("valid JSON");
        assert_eq!(back, j);
    }
}
