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
        let centroid = super::centroid(prepared);
        let relevance: Vec<f64> = (0..prepared.sentences.len())
            .map(|i| {
                let c = prepared.vectors[i].dot(&centroid);
                match prepared.query_similarity(i) {
                    Some(q) => 0.5 * c + q,
                    None => c,
                }
            })
            .collect();
        let candidates: Vec<usize> = prepared.candidates().collect();
        loop {
            let best = candidates
                .iter()
                .copied()
                .filter(|&i| picker.can_add(i))
                .map(|i| {
                    let redundancy = picker
                        .chosen()
                        .iter()
                        .map(|&c| prepared.similarity(i, c))
                        .fold(0.0, f64::max);
                    (
                        i,
                        self.lambda * relevance[i] - (1.0 - self.lambda) * redundancy,
                    )
                })
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            match best {
                Some((i, _)) => {
                    picker.offer(i);
                }
                None => break,
            }
        }
    }
}
