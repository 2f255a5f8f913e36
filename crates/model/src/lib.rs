//! The chorus data model: what flows from ingest through text and select to render.
//!
//! This crate does no I/O and holds no algorithms. Its one design rule is provenance:
//! a [`Document`] keeps its original text untouched, and everything derived from it
//! (sentences, summary sentences, compressed sentences) is a [`Span`] or a list of spans
//! into that text, never a copy that could drift from the source.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's original text.
///
/// Invariant kept by every producer: `start <= end <= text.len()` and both ends lie on
/// UTF-8 character boundaries, so `&text[span.range()]` never panics.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// Makes a span; callers guarantee `start <= end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// The span as a `Range`, for slicing.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// Number of bytes covered.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text this span covers in `text`, or `None` when the span is out of bounds or
    /// not on character boundaries (a span from another document, say).
    pub fn slice(self, text: &str) -> Option<&str> {
        text.get(self.range())
    }
}

/// One article, with its original text exactly as read (after decoding and, for HTML,
/// after extraction of the article body; for Multi-News, after turning `NEWLINE_CHAR`
/// into newlines).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Document {
    /// Identifier, unique within its cluster (file name, JSON id, or `doc-N`).
    pub id: String,
    /// The original text; all spans point into it.
    pub text: String,
    /// Headline, when the input carries one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// Publication date as given (ISO 8601 `YYYY-MM-DD...` sorts correctly), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The text is not the input's bytes (extracted from an HTML page or SGML markup,
    /// Multi-News tokens replaced, decoded from UTF-16): the JSON output then carries it,
    /// so that a reader can resolve the spans.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub derived: bool,
}

/// A human reference summary, used for evaluation only.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Reference {
    /// Identifier of the reference (e.g. the summarizer's letter in DUC).
    #[serde(default)]
    pub id: String,
    /// The reference text; one sentence per line where the source provides it.
    pub text: String,
}

/// Several articles about one story: the unit chorus summarizes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Cluster {
    /// Identifier of the cluster (file or folder name, JSON id, or `line-N`).
    pub id: String,
    /// Focus question for query-focused summarization, when the input carries one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The articles, in input order.
    pub documents: Vec<Document>,
    /// Human reference summaries, when the input carries them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Reference>,
}

/// What a sentence is, beyond its span: most are body text; a pull quote lifted out of a
/// share widget carries the span of its author's name so it can be attributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SentenceKind {
    /// Ordinary article text.
    #[default]
    Body,
    /// A quotation from a share widget; `author` is the span of the author's name.
    Quote {
        /// Span of the quoted person's name in the original text, when the widget names one.
        author: Option<Span>,
    },
}

/// One sentence of a document, as found by the text layer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Sentence {
    /// Index of the document within its cluster.
    pub doc: usize,
    /// Position of the sentence within its document (0 = first kept sentence).
    pub position: usize,
    /// The sentence's bytes in the document's original text (dateline already excluded).
    pub span: Span,
    /// Body text or a widget quote.
    #[serde(default)]
    pub kind: SentenceKind,
}

/// One sentence chosen for a summary: where it comes from and who else says it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Selected {
    /// Index of the sentence in the cluster's sentence list.
    pub sentence: usize,
    /// Index of the source document within the cluster.
    pub doc: usize,
    /// The pieces shown, in reading order; one span unless the unit was shortened or
    /// repaired. Compression keeps pieces of the sentence; a repair adds spans from
    /// elsewhere in the same document (a bare surname's introduction, "Rep. Jim", shown
    /// before it; a person's role, ", president of the institute,", after the name), so
    /// spans are not always increasing, but every one points into `doc`'s text and
    /// joining their text rebuilds what the unit shows.
    pub spans: Vec<Span>,
    /// Other documents (indices) that carry a near-equivalent sentence.
    pub sources: Vec<usize>,
    /// Body text or a widget quote (whose author the renderers show).
    #[serde(default)]
    pub kind: SentenceKind,
    /// The paragraph the sentence is shown in (0 for the first; never decreasing along
    /// the summary): sentences on one sub-topic read together as a paragraph.
    #[serde(default)]
    pub paragraph: usize,
}

/// A summary of one cluster: chosen sentences in reading order, with attribution.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Summary {
    /// Cluster identifier.
    pub id: String,
    /// Name of the method that produced it.
    pub method: String,
    /// The sentences, in the order they should be read.
    pub sentences: Vec<Selected>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_slice_checks_bounds_and_boundaries() {
        let text = "héllo";
        assert_eq!(Span::new(0, 1).slice(text), Some("h"));
        assert_eq!(Span::new(1, 2).slice(text), None, "inside a two-byte char");
        assert_eq!(Span::new(0, 99).slice(text), None);
        assert_eq!(Span::new(1, 3).slice(text), Some("é"));
    }
}
