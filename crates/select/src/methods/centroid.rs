//! Centroid-based summarization (Radev, Jing, Styś & Tam 2004, "Centroid-based
//! summarization of multiple documents", Information Processing & Management 40): a
//! sentence scores by its similarity to the cluster centroid, plus a position bonus and
//! its overlap with its document's first sentence, as in MEAD. A query, when given, adds
//! the sentence's similarity to it.

use crate::{Picker, Prepared, Summarizer};

/// Centroid + position + first-sentence overlap (MEAD's default features).
pub(crate) struct Centroid {
    /// Weight of the position feature, relative to the best centroid score.
    pub position_weight: f64,
    /// Weight of the overlap with the document's first sentence.
    pub first_weight: f64,
    /// Weight of query similarity.
    pub query_weight: f64,
}

impl Default for Centroid {
    fn default() -> Self {
        Centroid {
            position_weight: 0.5,
            first_weight: 0.5,
            query_weight: 3.0,
        }
    }
}

impl Summarizer for Centroid {
    fn name(&self) -> &'static str {
        "centroid"
    }

    fn select(&self, prepared: &Prepared, picker: &mut Picker) {
        let centroid = prepared.centroid();
        let n = prepared.sentences.len();
        let c: Vec<f64> = (0..n).map(|i| prepared.vectors[i].dot(centroid)).collect();
        let c_max = c.iter().copied().fold(0.0, f64::max);
        // Index of each document's first sentence.
        let mut first = vec![usize::MAX; prepared.cluster.documents.len()];
        for (i, s) in prepared.sentences.iter().enumerate() {
            if first[s.doc] == usize::MAX {
                first[s.doc] = i;
            }
        }
        let scores: Vec<f64> = (0..n)
            .map(|i| {
                let p = (1.0 - prepared.relative_position(i)) * c_max;
                let f = prepared.similarity(i, first[prepared.sentences[i].doc]);
                let q = prepared.query_similarity(i).unwrap_or(0.0);
                c[i] + self.position_weight * p + self.first_weight * f + self.query_weight * q
            })
            .collect();
        picker.fill_by_score(&scores);
    }
}
