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
    /// Each sentence keeps its this many heaviest edges (an edge stays when either end
    /// keeps it): every two sentences sharing a word are joined, so without a cap the graph
    /// grows with the square of the cluster. See `TOP_K` for the measured effect.
    pub top_k: usize,
    /// Terms held by more sentences than this are not walked when looking for neighbours
    /// (see `MAX_POSTINGS` for the measured effect).
    pub max_postings: usize,
}

/// Edges kept per sentence. Measured on the DUC 2006 dev split (250 words, R-2/SU4
/// recall): with the query 0.0785/0.1380 against 0.0796/0.1389 with every edge, generic
/// 0.0794/0.1369 against 0.0803/0.1376 (40 did no better, and costs twice the walk).
const TOP_K: usize = 20;

/// Terms held by more sentences than this are not walked when looking for neighbours
/// (see `graph::Postings`): every term counts the same in TextRank's overlap, so the
/// commonest ones made most of a big cluster's walk. Measured on the DUC 2006 dev split
/// (250 words, R-2/SU4 recall): 300 left the query run unchanged (0.0785/0.1380) and moved
/// generic from 0.0794/0.1369 to 0.0795/0.1371; 200 lost 0.0021 R-2 generic. A
/// 1,600-article cluster's graph costs 1.3 s less CPU.
const MAX_POSTINGS: usize = 300;

impl Default for TextRank {
    fn default() -> Self {
        TextRank {
            damping: 0.85,
            query_damping: 0.2,
            top_k: TOP_K,
            max_postings: MAX_POSTINGS,
        }
    }
}

impl Summarizer for TextRank {
    fn name(&self) -> &'static str {
        "textrank"
    }

    fn select(&self, prepared: &Prepared, picker: &mut Picker) {
        // The scores depend on the cluster alone, not on what earlier rounds excluded.
        let key = format!(
            "textrank {} {} {} {}",
            self.damping, self.query_damping, self.top_k, self.max_postings
        );
        prepared.with_cached(
            key,
            || self.scores(prepared),
            |scores| picker.fill_by_score(scores),
        );
    }
}

impl TextRank {
    /// PageRank score of each sentence.
    fn scores(&self, prepared: &Prepared) -> Vec<f64> {
        // Each sentence's distinct terms, weight 1, so the index's dot product is the
        // number of words two sentences share.
        let sets: Vec<Vec<(u32, f64)>> = prepared
            .terms
            .iter()
            .map(|t| {
                let mut v = t.clone();
                v.sort_unstable();
                v.dedup();
                v.into_iter().map(|t| (t, 1.0)).collect()
            })
            .collect();
        // Logarithms of the set sizes, once per sentence rather than twice per pair
        // weighed (they were most of the weighing's cost); `None` below two words.
        let ln_len: Vec<Option<f64>> = sets
            .iter()
            .map(|s| (s.len() >= 2).then(|| (s.len() as f64).ln()))
            .collect();
        let graph = Graph::build(
            prepared,
            |s| &sets[s],
            (0.0, self.top_k, self.max_postings),
            |a, b, overlap| match (ln_len[a], ln_len[b]) {
                (Some(x), Some(y)) => overlap / (x + y),
                _ => 0.0,
            },
        );
        let teleport = graph.query_teleport(prepared);
        let damping = if teleport.is_some() {
            self.query_damping
        } else {
            self.damping
        };
        graph.pagerank(prepared.sentences.len(), damping, teleport.as_deref())
    }
}
