//! Text processing for news articles: cleaning, sentence splitting, tokenizing.
//!
//! The pipeline is `clean` (find the article's real prose, skipping boilerplate) →
//! `split` (sentence boundaries) → `tokenize` (terms for scoring). Every stage works on
//! byte spans into the original text and never rewrites it, so a sentence chosen later
//! can always be shown exactly as the outlet printed it. Normalization (curly quotes,
//! dashes) exists only for matching and lives in [`normalize`].
//!
//! The sentence splitter is our own rule-based scanner rather than a library or a trained
//! model: news English has a small, known set of traps (titles, `U.S.` at the end of a
//! sentence or not, datelines, wrapped lines), the rules are easy to audit and test, and a
//! single linear pass keeps megabyte inputs cheap. Cleaning is on by default and can be
//! turned off ([`SentenceOptions::clean`]) to see exactly what the outlet printed.
//!
//! Not here: anything about choosing sentences (that is `chorus-select`) or reading files
//! (that is `chorus-ingest`).

pub mod clean;
pub mod normalize;
pub mod split;
pub mod surface;
pub mod swar;
pub mod tokenize;

use chorus_model::{Sentence, SentenceKind};

/// Options for turning a document into sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceOptions {
    /// Remove news boilerplate (widgets, RELATED lines, repeated titles, datelines).
    pub clean: bool,
    /// Sentences longer than this many bytes are not usable summary material and are dropped.
    pub max_sentence_bytes: usize,
}

impl Default for SentenceOptions {
    fn default() -> Self {
        SentenceOptions {
            clean: true,
            max_sentence_bytes: 2_000,
        }
    }
}

/// Splits document `doc` (index `doc_index` in its cluster) into sentences with spans into
/// `text`, cleaning boilerplate first when `opts.clean` is set.
///
/// With cleaning, the document's first sentence loses its dateline (any form), the first
/// sentence of a later paragraph only an agency dateline (`(AP) --`), and pieces without a
/// letter or digit are dropped. Sentences longer than `opts.max_sentence_bytes` are
/// dropped in both modes: a megabyte without a sentence end is not summary material.
pub fn sentences(doc_index: usize, text: &str, opts: &SentenceOptions) -> Vec<Sentence> {
    kept::take(doc_index, text, opts).unwrap_or_else(|| split_sentences(doc_index, text, opts))
}

/// [`sentences`], also kept on this thread for the next call of [`sentences`] with the
/// same arguments (the same text, compared byte for byte), which then takes them instead
/// of splitting again: summarizing a cluster splits every document, and the claims
/// analysis of the same cluster, usually run next on the same thread, splits them again.
/// Only speed depends on it: a call that finds nothing kept splits as usual.
pub fn sentences_kept(doc_index: usize, text: &str, opts: &SentenceOptions) -> Vec<Sentence> {
    let out = sentences(doc_index, text, opts);
    kept::keep(doc_index, text, opts, &out);
    out
}

/// The splits [`sentences_kept`] keeps for a later [`sentences`] call on the same thread.
mod kept {
    use std::cell::RefCell;
    use std::collections::VecDeque;

    use chorus_model::Sentence;

    use crate::SentenceOptions;

    /// At most this many documents' splits are kept (the oldest go first)...
    const MAX_DOCUMENTS: usize = 64;
    /// ...and at most this many bytes of their texts.
    const MAX_TEXT_BYTES: usize = 4 << 20;

    /// One document's split, with a copy of its text to compare the next call's against.
    struct Split {
        doc_index: usize,
        opts: SentenceOptions,
        text: Box<str>,
        sentences: Vec<Sentence>,
    }

    thread_local! {
        static KEPT: RefCell<VecDeque<Split>> = const { RefCell::new(VecDeque::new()) };
    }

    /// The split kept for these arguments, removed from the keep.
    pub(crate) fn take(
        doc_index: usize,
        text: &str,
        opts: &SentenceOptions,
    ) -> Option<Vec<Sentence>> {
        KEPT.try_with(|kept| {
            let mut kept = kept.try_borrow_mut().ok()?;
            let k = kept
                .iter()
                .position(|s| s.doc_index == doc_index && s.opts == *opts && *s.text == *text)?;
            kept.remove(k).map(|s| s.sentences)
        })
        .ok()
        .flatten()
    }

    /// Keeps a copy of `sentences`, the split of `text`, for one later [`take`].
    pub(crate) fn keep(
        doc_index: usize,
        text: &str,
        opts: &SentenceOptions,
        sentences: &[Sentence],
    ) {
        if text.len() > MAX_TEXT_BYTES {
            return;
        }
        let _ = KEPT.try_with(|kept| {
            let Ok(mut kept) = kept.try_borrow_mut() else {
                return;
            };
            let mut bytes: usize = kept.iter().map(|s| s.text.len()).sum::<usize>() + text.len();
            while kept.len() >= MAX_DOCUMENTS || bytes > MAX_TEXT_BYTES {
                match kept.pop_front() {
                    Some(old) => bytes -= old.text.len(),
                    None => break,
                }
            }
            kept.push_back(Split {
                doc_index,
                opts: *opts,
                text: text.into(),
                sentences: sentences.to_vec(),
            });
        });
    }
}

/// The work of [`sentences`].
fn split_sentences(doc_index: usize, text: &str, opts: &SentenceOptions) -> Vec<Sentence> {
    let blocks = if opts.clean {
        clean::clean(text)
    } else {
        vec![clean::Block {
            span: chorus_model::Span::new(0, text.len()),
            kind: SentenceKind::Body,
        }]
    };
    let mut out = Vec::new();
    let mut first_body = true;
    for block in blocks {
        let pieces = match block.kind {
            SentenceKind::Body => split::split_span(text, block.span),
            SentenceKind::Quote { .. } => vec![block.span],
        };
        let is_body = block.kind == SentenceKind::Body;
        for (i, mut span) in pieces.into_iter().enumerate() {
            if opts.clean && is_body && i == 0 {
                span = if first_body {
                    clean::strip_dateline(text, span)
                } else {
                    clean::strip_agency_dateline(text, span)
                };
                first_body = false;
            }
            if span.is_empty() || span.len() > opts.max_sentence_bytes {
                continue;
            }
            if opts.clean
                && !span
                    .slice(text)
                    .is_some_and(|s| s.chars().any(char::is_alphanumeric))
            {
                continue;
            }
            let position = out.len();
            out.push(Sentence {
                doc: doc_index,
                position,
                span,
                kind: block.kind,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
