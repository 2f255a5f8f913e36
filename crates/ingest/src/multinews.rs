//! Multi-News (Fabbri et al., 2019): the articles of one story in one string, separated by
//! `|||||`, with line breaks written as the token `NEWLINE_CHAR`. A file with the token but
//! no separator is one Multi-News article.
//!
//! Each `NEWLINE_CHAR` (with the spaces around it) becomes a real newline, so paragraph
//! breaks come out as blank lines; each article is then trimmed. [`Document::text`] is the
//! text after this replacement, and every span points into it.

use chorus_model::Document;

use crate::error::IngestError;
use crate::sniff::MULTI_NEWS_SEPARATOR;

/// The line-break token of Multi-News.
pub const NEWLINE_TOKEN: &str = "NEWLINE_CHAR";

/// Replaces each `NEWLINE_CHAR` token, and the spaces and tabs right around it, by `\n`.
pub fn replace_newline_tokens(text: &str) -> String {
    if !text.contains(NEWLINE_TOKEN) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(NEWLINE_TOKEN) {
        out.push_str(rest[..at].trim_end_matches([' ', '\t']));
        out.push('\n');
        rest = rest[at + NEWLINE_TOKEN.len()..].trim_start_matches([' ', '\t']);
    }
    out.push_str(rest);
    out
}

/// Splits a Multi-News string into documents with ids `{prefix}{n}` (`n` from 1).
///
/// Empty articles are skipped, each with a warning (their number is not reused, so ids
/// stay tied to the position in the input). Returns the documents and the skipped
/// articles' errors, already wrapped with their document id.
pub fn split_documents(text: &str, prefix: &str) -> (Vec<Document>, Vec<IngestError>) {
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    for (i, piece) in text.split(MULTI_NEWS_SEPARATOR).enumerate() {
        let id = format!("{prefix}{}", i + 1);
        let body = replace_newline_tokens(piece);
        let body = body.trim();
        if body.is_empty() {
            skipped.push(IngestError::Empty.with_document(id));
            continue;
        }
        docs.push(Document {
            id,
            text: body.to_string(),
            derived: true,
            ..Document::default()
        });
    }
    (docs, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newline_tokens_become_newlines_without_stray_spaces() {
        assert_eq!(
            replace_newline_tokens("One. NEWLINE_CHAR NEWLINE_CHAR Two.\tNEWLINE_CHAR Three."),
            "One.\n\nTwo.\nThree."
        );
        assert_eq!(replace_newline_tokens("no tokens here"), "no tokens here");
        assert_eq!(replace_newline_tokens("NEWLINE_CHAR"), "\n");
    }

    #[test]
    fn articles_split_on_the_separator_and_keep_positions_in_ids() {
        let text = "A mill burned down. NEWLINE_CHAR NEWLINE_CHAR Nobody was hurt. ||||| |||||  The mill had stood for a century. ";
        let (docs, skipped) = split_documents(text, "story#");
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["story#1", "story#3"]);
        assert_eq!(docs[0].text, "A mill burned down.\n\nNobody was hurt.");
        assert_eq!(docs[1].text, "The mill had stood for a century.");
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].document(), Some("story#2"));
    }
}
