//! Finding an article's prose among news boilerplate.
//!
//! PLACEHOLDER: keeps every non-empty line as a block; the real rules come next.

use chorus_model::{SentenceKind, Span};

/// A region of the original text that holds prose to split into sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// The region's bytes in the original text.
    pub span: Span,
    /// Body text, or a widget quote (kept whole as one sentence).
    pub kind: SentenceKind,
}

/// Returns the blocks of `text` that hold article prose, in order.
pub fn clean(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            let start = pos + lead;
            out.push(Block {
                span: Span::new(start, start + trimmed.len()),
                kind: SentenceKind::Body,
            });
        }
        pos += line.len();
    }
    out
}

/// Removes a leading dateline (`BELEK, Turkey (Reuters) --`) from a sentence span.
pub fn strip_dateline(_text: &str, span: Span) -> Span {
    span
}
