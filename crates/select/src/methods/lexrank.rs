//! LexRank (Erkan & Radev 2004, "LexRank: Graph-based Lexical Centrality as Salience in
//! Text Summarization", JAIR 22): sentences are nodes, tf-idf cosine similarities above a
//! threshold are weighted edges (the "continuous" variant), and a sentence's salience is
//! its PageRank score. With a query, the random jump is biased toward query-similar
//! sentences (topic-sensitive LexRank, Otterbacher, Erkan & Radev 2005).

use super::graph::Graph;
use crate::{Picker, Prepared, Summarizer};

/// Continuous LexRank with a similarity threshold.
pub(crate) struct LexRank {
    /// Edges below this cosine similarity are dropped (0.1 in the paper's experiments).
    pub threshold: f64,
    /// Probability of following an edge rather than jumping.
    pub damping: f64,
    /// Damping with a query: most of the walk's mass then jumps by query relevance, as
    /// Otterbacher et al. found best for question-focused summaries.
    pub query_damping: f64,
}

impl Default for LexRank {
    fn default() -> Self {
        LexRank {
            threshold: 0.1,
            damping: 0.85,
            query_damping: 0.2,
        }
    }
}

impl Summarizer for LexRank {
    fn name(&self) -> &'static str {
        "lexrank"
    }

    fn select(&self, prepared: &Prepared, picker: &mut Picker) {
        let graph = Graph::build(prepared, |a, b| {
            let s = prepared.similarity(a, b);
            if s >= self.threshold {
                s
            } else {
                0.0
            }
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
