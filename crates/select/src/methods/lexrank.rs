//! LexRank (Erkan & Radev 2004, "LexRank: Graph-based Lexical Centrality as Salience in
//! Text Summarization", JAIR 22): sentences are nodes, tf-idf cosine similarities above a
//! threshold are weighted edges (the "continuous" variant), and a sentence's salience is
//! its PageRank score. With a query, the random jump is biased toward query-similar
//! sentences (topic-sensitive LexRank, Otterbacher, Erkan & Radev 2005).

use super::graph::Graph;
use crate::{Picker, Prepared, Summarizer};

/// Neighbours kept per sentence. Measured on the DUC 2006 dev split (250 words, R-2/SU4
/// recall): with the query unchanged (0.0809/0.1397), generic 0.0809/0.1376 against
/// 0.0808/0.1377 with every edge; 20 moved generic by +0.0025.
const TOP_K: usize = 40;

/// Terms held by more sentences than this are not walked when looking for neighbours
/// (see `graph::Postings`; a DUC dev cluster has under 1,000 candidates, so only its
/// commonest terms reach it). Measured on the DUC 2006 dev split (250 words, R-2/SU4
/// recall): with the query 0.0810/0.1399 against 0.0809/0.1397 at 1,000, generic
/// 0.0804/0.1371 against 0.0809/0.1376; a 1,600-article cluster's graph costs 0.9 s less CPU.
const MAX_POSTINGS: usize = 300;

/// Continuous LexRank with a similarity threshold.
pub(crate) struct LexRank {
    /// Edges below this cosine similarity are dropped (0.1 in the paper's experiments).
    pub threshold: f64,
    /// Probability of following an edge rather than jumping.
    pub damping: f64,
    /// Each sentence keeps its this many most similar neighbours (an edge stays when either
    /// end keeps it), so the graph grows linearly with the cluster. See `TOP_K` for the
    /// measured effect.
    pub top_k: usize,
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
            top_k: TOP_K,
        }
    }
}

impl Summarizer for LexRank {
    fn name(&self) -> &'static str {
        "lexrank"
    }

    fn select(&self, prepared: &Prepared, picker: &mut Picker) {
        // The scores depend on the cluster alone, not on what earlier rounds excluded.
        let key = format!(
            "lexrank {} {} {} {}",
            self.threshold, self.damping, self.query_damping, self.top_k
        );
        prepared.with_cached(
            key,
            || self.scores(prepared),
            |scores| picker.fill_by_score(scores),
        );
    }
}

impl LexRank {
    /// PageRank score of each sentence.
    fn scores(&self, prepared: &Prepared) -> Vec<f64> {
        // The dot product found through the index is `similarity`'s to the bit.
        let graph = Graph::build(
            prepared,
            |s| prepared.vectors[s].entries(),
            (self.threshold, self.top_k, MAX_POSTINGS),
            |_, _, dot| dot.clamp(0.0, 1.0),
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
