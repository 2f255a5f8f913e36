//! Shared machinery of the graph methods: a weighted sentence graph and PageRank on it.

use crate::Prepared;

/// Weighted undirected graph over the eligible sentences, as adjacency lists.
pub(crate) struct Graph {
    /// Sentence index of each node.
    pub nodes: Vec<usize>,
    /// Neighbours of each node with edge weights (node indices, not sentence indices).
    pub edges: Vec<Vec<(usize, f64)>>,
}

impl Graph {
    /// Builds the graph with `weight(a, b)` for every pair of eligible sentences, keeping
    /// edges whose weight is positive.
    pub fn build(prepared: &Prepared, weight: impl Fn(usize, usize) -> f64) -> Graph {
        let nodes: Vec<usize> = prepared.candidates().collect();
        let mut edges = vec![Vec::new(); nodes.len()];
        for a in 0..nodes.len() {
            for b in (a + 1)..nodes.len() {
                let w = weight(nodes[a], nodes[b]);
                if w > 0.0 {
                    edges[a].push((b, w));
                    edges[b].push((a, w));
                }
            }
        }
        Graph { nodes, edges }
    }

    /// Stationary scores of a random walk that follows edges in proportion to their
    /// weight with probability `damping` and otherwise jumps by `teleport` (uniform when
    /// `None`; a query-biased distribution otherwise). Returns one score per sentence of
    /// `prepared` (0 for sentences not in the graph).
    pub fn pagerank(&self, n_sentences: usize, damping: f64, teleport: Option<&[f64]>) -> Vec<f64> {
        let n = self.nodes.len();
        let mut out = vec![0.0; n_sentences];
        if n == 0 {
            return out;
        }
        let uniform = vec![1.0 / n as f64; n];
        let jump: &[f64] = teleport.unwrap_or(&uniform);
        let out_weight: Vec<f64> = self
            .edges
            .iter()
            .map(|e| e.iter().map(|&(_, w)| w).sum())
            .collect();
        let mut rank = uniform.clone();
        let mut next = vec![0.0; n];
        for _ in 0..200 {
            // Mass on nodes without edges goes where the jump goes, so ranks keep summing to 1.
            let dangling: f64 = (0..n)
                .filter(|&i| out_weight[i] == 0.0)
                .map(|i| rank[i])
                .sum();
            for i in 0..n {
                next[i] = (1.0 - damping + damping * dangling) * jump[i];
            }
            for (i, edges) in self.edges.iter().enumerate() {
                if out_weight[i] == 0.0 {
                    continue;
                }
                let share = damping * rank[i] / out_weight[i];
                for &(j, w) in edges {
                    next[j] += share * w;
                }
            }
            let delta: f64 = rank.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
            std::mem::swap(&mut rank, &mut next);
            if delta < 1e-10 {
                break;
            }
        }
        for (node, &s) in self.nodes.iter().enumerate() {
            out[s] = rank[node];
        }
        out
    }

    /// The jump distribution biased toward the query (Otterbacher et al. 2005), or
    /// `None` when there is no query or nothing matches it.
    pub fn query_teleport(&self, prepared: &Prepared) -> Option<Vec<f64>> {
        prepared.query.as_ref()?;
        let raw: Vec<f64> = self
            .nodes
            .iter()
            .map(|&s| prepared.query_similarity(s).unwrap_or(0.0) + 0.02)
            .collect();
        let total: f64 = raw.iter().sum();
        if total <= 0.0 {
            return None;
        }
        Some(raw.into_iter().map(|r| r / total).collect())
    }
}
