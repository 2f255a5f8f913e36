//! Maximal Marginal Relevance (Carbonell & Goldstein 1998, "The Use of MMR,
//! Diversity-Based Reranking for Reordering Documents and Producing Summaries", SIGIR):
//! repeatedly take the sentence that best trades relevance (to the query, or to the
//! cluster centroid without one) against similarity to what is already chosen.

use crate::{Picker, Prepared, Summarizer};

/// Greedy MMR selection.
pub(crate) struct Mmr {
    /// Weight of relevance against redundancy (1 = relevance only).
    pub lambda: f64,
}

impl Default for Mmr {
    fn default() -> Self {
        Mmr { lambda: 0.7 }
    }
}

impl Summarizer for Mmr {
    fn name(&self) -> &'static str {
        "mmr"
    }

    fn select(&self, prepared: &Prepared, picker: &mut Picker) {
        let centroid = prepared.centroid();
        let relevance: Vec<f64> = (0..prepared.sentences.len())
            .map(|i| {
                let c = prepared.vectors[i].dot(centroid);
                match prepared.query_similarity(i) {
                    Some(q) => 0.5 * c + q,
                    None => c,
                }
            })
            .collect();
        let candidates: Vec<usize> = prepared.candidates().collect();
        // Each candidate's highest similarity to a chosen sentence, brought up to date with
        // the sentences chosen since the last pick only (a max does not care about order),
        // so a pick costs one pass over the candidates rather than one per chosen sentence.
        let mut redundancy = vec![0.0f64; prepared.sentences.len()];
        let mut open = candidates;
        let mut seen = 0;
        loop {
            for &c in &picker.chosen()[seen..] {
                for &i in &open {
                    redundancy[i] = redundancy[i].max(prepared.similarity(i, c));
                }
            }
            seen = picker.chosen().len();
            let score =
                |i: usize| Some(self.lambda * relevance[i] - (1.0 - self.lambda) * redundancy[i]);
            let Some(i) = super::best_open(picker, &mut open, score) else {
                break;
            };
            picker.offer(i);
        }
    }
}
