//! TextRank (Mihalcea & Tarau 2004, "TextRank: Bringing Order into Texts", EMNLP):
//! PageRank over sentences whose edge weight is their term overlap normalized by the log
//! of their lengths. With a query, the jump is biased as in LexRank.

use super::graph::Graph;
use crate::{Picker, Prepared, Summarizer};

/// TextRank sentence extraction.
pub(crate) struct TextRank {
    /// Probability of following an edge rather than jumping (0.85 in the paper).
    pub damping: f64,
    /// Damping with a query: most of the walk's mass then jumps by query relevance, as
    /// Otterbacher et al. found best for question-focused summaries.
    pub query_damping: f64,
}

impl Default for TextRank {
    fn default() -> Self {
        TextRank {
            damping: 0.85,
            query_damping: 0.2,
        }
    }
}

impl Summarizer for TextRank {
    fn name(&self) -> &'static str {
        "textrank"
    }

    fn select(&self, prepared: &Prepared, picker: &mut Picker) {
        let sets: Vec<Vec<u32>> = prepared
            .terms
            .iter()
            .map(|t| {
                let mut v = t.clone();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let graph = Graph::build(prepared, |a, b| {
            let (x, y) = (&sets[a], &sets[b]);
            if x.len() < 2 || y.len() < 2 {
                return 0.0;
            }
            let overlap = sorted_overlap(x, y) as f64;
            overlap / ((x.len() as f64).ln() + (y.len() as f64).ln())
        });
        let teleport = graph.query_teleport(prepared);
        let damping = if teleport.is_some() {
            self.query_damping
        } else {
            self.damping
        };
        let scores = graph.pagerank(prepared.sentences.len(), damping, teleport.as_deref());
        picker.fill_by_score(&scores);
    }
}

/// Number of common elements of two sorted, deduplicated lists.
fn sorted_overlap(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}
