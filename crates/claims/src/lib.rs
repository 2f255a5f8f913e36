//! Where the sources disagree: figures and quotes read from each article with byte spans,
//! aligned across the articles of a cluster, and judged `agree`, `update` or `conflict`.
//!
//! Pipeline: [`extract`] reads each document's figures ([`figures`]: a number with what
//! it counts, its unit and qualifiers, as an interval) and direct quotes ([`quotes`]:
//! words and speaker), every part a [`chorus_model::Span`] into the document's original
//! text; [`align::align`] groups them across documents and judges each group; the
//! [`report::Report`] is what the renderers show. Wire copies (near-identical sentences
//! in different documents) count as one origin.
//!
//! Not here: choosing summary sentences (`chorus-select`) or output formats
//! (`chorus-render`).

pub mod align;
pub mod figures;
pub mod quotes;
pub mod report;
mod scan;

use chorus_model::{Cluster, Sentence};
use chorus_text::SentenceOptions;

pub use align::AlignOptions;
pub use figures::Figure;
pub use quotes::{Quote, Speaker};
pub use report::{ClaimKind, Group, Report, Value, Verdict, Witness};

/// The claims read from one document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocClaims {
    /// Figures, in text order.
    pub figures: Vec<Figure>,
    /// Quotes (pieces between ellipses), in text order.
    pub quotes: Vec<Quote>,
}

/// Reads the figures and quotes of one document from its sentences (as
/// [`chorus_text::sentences`] gives them, so boilerplate is already left out).
pub fn extract(text: &str, sentences: &[Sentence]) -> DocClaims {
    let mut figures = Vec::new();
    for s in sentences {
        if !s.span.slice(text).is_some_and(scan::may_hold_figure) {
            continue;
        }
        let toks = scan::tokens(text, s.span);
        figures::figures_in(text, s.span, &toks, &mut figures);
    }
    figures::mark_ambiguous(&mut figures);
    DocClaims {
        figures,
        quotes: quotes::quotes_in(text, sentences),
    }
}

/// The claims of every document of `cluster`, in document order.
pub fn extract_all(cluster: &Cluster, sentences: &SentenceOptions) -> Vec<DocClaims> {
    cluster
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| extract(&d.text, &chorus_text::sentences(i, &d.text, sentences)))
        .collect()
}

/// Extracts every document's claims and aligns them: the whole analysis of one cluster.
/// Deterministic: the same cluster gives the same report.
pub fn analyze(cluster: &Cluster, sentences: &SentenceOptions, opts: &AlignOptions) -> Report {
    align::align(cluster, &extract_all(cluster, sentences), opts)
}

#[cfg(test)]
mod tests;
