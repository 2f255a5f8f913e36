//! Attribution: which other documents carry a near-equivalent of a chosen sentence.

use crate::Prepared;

/// Documents other than sentence `i`'s own that hold a sentence at least
/// `threshold`-similar to it, ascending by index.
pub fn corroborating_docs(prepared: &Prepared, i: usize, threshold: f64) -> Vec<usize> {
    let own = prepared.sentences[i].doc;
    let mut docs: Vec<usize> = Vec::new();
    for (j, s) in prepared.sentences.iter().enumerate() {
        if s.doc != own && !docs.contains(&s.doc) && prepared.similarity(i, j) >= threshold {
            docs.push(s.doc);
        }
    }
    docs.sort_unstable();
    docs
}
