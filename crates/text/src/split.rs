//! Sentence splitting.
//!
//! PLACEHOLDER: naive split on `. ` ; the real splitter comes next.

use chorus_model::Span;

/// Splits the whole text into sentence spans.
pub fn split(text: &str) -> Vec<Span> {
    split_span(text, Span::new(0, text.len()))
}

/// Splits the region `within` of `text` into sentence spans (trimmed of white space).
pub fn split_span(text: &str, within: Span) -> Vec<Span> {
    let region = &text[within.range()];
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = region.as_bytes();
    for i in 0..bytes.len() {
        let end_here = matches!(bytes[i], b'.' | b'?' | b'!')
            && (i + 1 == bytes.len() || bytes[i + 1] == b' ' || bytes[i + 1] == b'\n');
        if end_here {
            push_trimmed(region, within.start, start, i + 1, &mut out);
            start = i + 1;
        }
    }
    push_trimmed(region, within.start, start, bytes.len(), &mut out);
    out
}

fn push_trimmed(region: &str, base: usize, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &region[start..end];
    let t = piece.trim();
    if t.is_empty() {
        return;
    }
    let lead = piece.len() - piece.trim_start().len();
    out.push(Span::new(
        base + start + lead,
        base + start + lead + t.len(),
    ));
}
