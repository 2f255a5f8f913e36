//! Shared machinery of the graph methods: a sparse sentence graph found through an
//! inverted index, and PageRank on it.
//!
//! Comparing every pair of sentences costs the square of the cluster (a 1,600-article
//! cluster has ~43k sentences: ~900 M pairs). Only sentences that share a term can have a
//! positive weight, so each node's neighbours are found by walking the postings of its own
//! terms, and only its `top_k` strongest edges are kept, which bounds memory and the walk's
//! cost by `n * top_k` whatever the cluster's size.

use rayon::prelude::*;

use crate::Prepared;

/// Weighted undirected graph over the eligible sentences, as adjacency lists.
pub(crate) struct Graph {
    /// Sentence index of each node.
    pub nodes: Vec<usize>,
    /// Neighbours of each node with edge weights (node indices, not sentence indices),
    /// sorted by node.
    pub edges: Vec<Vec<(usize, f64)>>,
}

/// Term postings of a set of nodes, compressed row storage: the nodes holding term `t`
/// and their weights are `entries[offsets[t]..offsets[t + 1]]`, in node order.
///
/// Terms held by more than `max_postings` nodes are not walked: in a big cluster they are
/// the near-stop-words of its story (a term in 1,000 sentences is in most articles), whose
/// postings would make the walk quadratic again. Dropping the most frequent terms is the
/// standard cut of pairwise similarity at scale (Elsayed, Lin & Oard 2008, "Pairwise
/// Document Similarity in Large Collections with MapReduce", ACL); each method sets its own
/// limit, with its measured effect on dev ROUGE.
pub(crate) struct Postings {
    offsets: Vec<usize>,
    entries: Vec<(u32, f64)>,
    max_postings: usize,
}

impl Postings {
    /// Indexes `vectors` (one sparse vector per node, entries sorted by term id below
    /// `vocab`); terms held by more than `max_postings` nodes are left out of walks.
    pub fn new<'v>(
        vocab: usize,
        vectors: impl Iterator<Item = &'v [(u32, f64)]> + Clone,
        max_postings: usize,
    ) -> Postings {
        let mut offsets = vec![0usize; vocab + 1];
        for v in vectors.clone() {
            for &(t, _) in v {
                offsets[t as usize + 1] += 1;
            }
        }
        for t in 0..vocab {
            offsets[t + 1] += offsets[t];
        }
        let mut fill = offsets.clone();
        let mut entries = vec![(0u32, 0.0f64); offsets[vocab]];
        for (node, v) in vectors.enumerate() {
            for &(t, w) in v {
                entries[fill[t as usize]] = (node as u32, w);
                fill[t as usize] += 1;
            }
        }
        Postings {
            offsets,
            entries,
            max_postings,
        }
    }

    /// The nodes holding term `t`, with their weights (none for a term held by more than
    /// `max_postings` nodes).
    pub fn of(&self, t: u32) -> &[(u32, f64)] {
        let t = t as usize;
        match (self.offsets.get(t), self.offsets.get(t + 1)) {
            (Some(&a), Some(&b)) if b - a <= self.max_postings => &self.entries[a..b],
            _ => &[],
        }
    }
}

/// Reusable scratch for accumulating one node's dot products with every other node.
pub(crate) struct Accumulator {
    sums: Vec<f64>,
    stamp: Vec<usize>,
    touched: Vec<usize>,
    round: usize,
}

impl Accumulator {
    /// Scratch for `n` nodes.
    pub fn new(n: usize) -> Accumulator {
        Accumulator {
            sums: vec![0.0; n],
            stamp: vec![0; n],
            touched: Vec::new(),
            round: 0,
        }
    }

    /// Dot products of `vector` with every indexed node sharing a term with it (except
    /// `skip`), as `(node, dot)` in order of first contact. Products are added in term
    /// order, as [`crate::SparseVec::dot`] adds them, so each sum is the same to the bit.
    pub fn dots<'s>(
        &'s mut self,
        postings: &Postings,
        vector: &[(u32, f64)],
        skip: Option<usize>,
    ) -> impl Iterator<Item = (usize, f64)> + 's {
        self.round += 1;
        self.touched.clear();
        for &(t, x) in vector {
            for &(b, y) in postings.of(t) {
                let b = b as usize;
                if Some(b) == skip {
                    continue;
                }
                if self.stamp[b] != self.round {
                    self.stamp[b] = self.round;
                    self.sums[b] = 0.0;
                    self.touched.push(b);
                }
                self.sums[b] += x * y;
            }
        }
        self.touched.iter().map(|&b| (b, self.sums[b]))
    }
}

/// Keeps the `k` heaviest of `edges` (ties: lower node first), then sorts them by node.
pub(crate) fn keep_top(edges: &mut Vec<(usize, f64)>, k: usize) {
    let heavier = |a: &(usize, f64), b: &(usize, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if edges.len() > k {
        if k == 0 {
            edges.clear();
        } else {
            edges.select_nth_unstable_by(k - 1, heavier);
            edges.truncate(k);
        }
    }
    edges.sort_unstable_by_key(|&(b, _)| b);
}

/// Each node's `top_k` strongest neighbours whose `weight(a, b, dot)` is positive and at
/// least `threshold`, where `dot` is the dot product of the two nodes' vectors over the
/// terms held by at most `max_postings` nodes. Rows are sorted by node; a pair sharing no
/// such term is never weighed.
pub(crate) fn neighbours(
    vectors: &[&[(u32, f64)]],
    vocab: usize,
    (threshold, top_k, max_postings): (f64, usize, usize),
    weight: impl Fn(usize, usize, f64) -> f64 + Sync,
) -> Vec<Vec<(usize, f64)>> {
    let postings = Postings::new(vocab, vectors.iter().copied(), max_postings);
    per_node(vectors.len(), vectors.len(), |acc, a| {
        let mut row: Vec<(usize, f64)> = acc
            .dots(&postings, vectors[a], Some(a))
            .map(|(b, dot)| (b, weight(a, b, dot)))
            .filter(|&(_, w)| w > 0.0 && w >= threshold)
            .collect();
        keep_top(&mut row, top_k);
        row.shrink_to_fit();
        row
    })
}

/// Nodes below this many are weighed on the calling thread: the DUC-sized clusters of a
/// batch, which the batch already spreads over the cores.
const PARALLEL_NODES: usize = 2000;

/// `f(scratch, node)` for every node `0..n` (the scratch accumulates over `indexed`
/// nodes), on every core for a big cluster. Each result depends on its node alone, not on
/// the scratch's history, so results are the same whichever thread computes them.
pub(crate) fn per_node<T: Send>(
    n: usize,
    indexed: usize,
    f: impl Fn(&mut Accumulator, usize) -> T + Sync,
) -> Vec<T> {
    if n < PARALLEL_NODES {
        let mut acc = Accumulator::new(indexed);
        return (0..n).map(|a| f(&mut acc, a)).collect();
    }
    (0..n)
        .into_par_iter()
        .with_min_len(256)
        .map_init(|| Accumulator::new(indexed), |acc, a| f(acc, a))
        .collect()
}

impl Graph {
    /// Builds the graph over the eligible sentences from term vectors (`vector(s)` for
    /// sentence `s`, entries sorted by term): an edge joins each node to its `top_k`
    /// strongest neighbours by `weight(a, b, dot)` (sentence indices and the vectors' dot
    /// product over the terms held by at most `max_postings` nodes) at or above
    /// `threshold`, kept when either end chose it.
    pub fn build<'v>(
        prepared: &Prepared,
        vector: impl Fn(usize) -> &'v [(u32, f64)],
        (threshold, top_k, max_postings): (f64, usize, usize),
        weight: impl Fn(usize, usize, f64) -> f64 + Sync,
    ) -> Graph {
        let nodes: Vec<usize> = prepared.candidates().collect();
        let vectors: Vec<&[(u32, f64)]> = nodes.iter().map(|&s| vector(s)).collect();
        let rows = neighbours(
            &vectors,
            prepared.vocab_size,
            (threshold, top_k, max_postings),
            |a, b, dot| weight(nodes[a], nodes[b], dot),
        );
        let mut edges: Vec<Vec<(usize, f64)>> = vec![Vec::new(); nodes.len()];
        for (a, row) in rows.iter().enumerate() {
            for &(b, w) in row {
                edges[a].push((b, w));
                edges[b].push((a, w));
            }
        }
        for e in &mut edges {
            e.sort_unstable_by_key(|x| x.0);
            e.dedup_by_key(|x| x.0);
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
        let mut share = vec![0.0; n];
        for _ in 0..200 {
            // Mass on nodes without edges goes where the jump goes, so ranks keep summing to 1.
            let dangling: f64 = (0..n)
                .filter(|&i| out_weight[i] == 0.0)
                .map(|i| rank[i])
                .sum();
            let base = 1.0 - damping + damping * dangling;
            for i in 0..n {
                if out_weight[i] != 0.0 {
                    share[i] = damping * rank[i] / out_weight[i];
                }
            }
            // Each node gathers what its neighbours send. Edges are symmetric (the same
            // weight both ways) and sorted by node, so the terms are added in the order a
            // scatter over senders would add them: the same sums to the bit, and each
            // node's sum is its own, so big graphs use every core.
            let gather = |(j, slot): (usize, &mut f64)| {
                let mut sum = base * jump[j];
                for &(i, w) in &self.edges[j] {
                    sum += share[i] * w;
                }
                *slot = sum;
            };
            if n < PARALLEL_NODES {
                next.iter_mut().enumerate().for_each(gather);
            } else {
                next.par_iter_mut()
                    .enumerate()
                    .with_min_len(1024)
                    .for_each(gather);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The all-pairs graph the index replaced, as the reference it must reproduce.
    fn all_pairs(
        vectors: &[&[(u32, f64)]],
        weight: impl Fn(usize, usize, f64) -> f64,
    ) -> Vec<Vec<(usize, f64)>> {
        let sv: Vec<crate::SparseVec> = vectors
            .iter()
            .map(|v| crate::SparseVec::from_pairs(v.to_vec()))
            .collect();
        (0..sv.len())
            .map(|a| {
                (0..sv.len())
                    .filter(|&b| b != a)
                    .map(|b| (b, weight(a, b, sv[a].dot(&sv[b]))))
                    .filter(|&(_, w)| w > 0.0)
                    .collect()
            })
            .collect()
    }

    fn pseudo_random_vectors(n: usize, vocab: u32) -> Vec<Vec<(u32, f64)>> {
        // A fixed linear congruential sequence: the test needs varied data, not randomness.
        let mut x: u64 = 16;
        let mut next = move || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as u32
        };
        (0..n)
            .map(|_| {
                let len = 1 + next() % 6;
                let pairs = (0..len)
                    .map(|_| (next() % vocab, 0.1 + (next() % 100) as f64 / 37.0))
                    .collect();
                crate::SparseVec::from_pairs(pairs)
                    .normalized()
                    .entries()
                    .to_vec()
            })
            .collect()
    }

    #[test]
    fn indexed_graph_equals_all_pairs_when_k_is_large_and_the_threshold_zero() {
        let owned = pseudo_random_vectors(120, 40);
        let vectors: Vec<&[(u32, f64)]> = owned.iter().map(|v| v.as_slice()).collect();
        let weight = |_: usize, _: usize, dot: f64| dot.clamp(0.0, 1.0);
        let indexed = neighbours(&vectors, 40, (0.0, usize::MAX, usize::MAX), weight);
        let reference = all_pairs(&vectors, weight);
        assert_eq!(indexed, reference, "weights must match to the bit");
        assert!(indexed.iter().map(Vec::len).sum::<usize>() > 500);
    }

    /// PageRank as it was computed before the gather: each node scatters its share to its
    /// neighbours, senders in ascending order, on one thread.
    fn scatter_pagerank(graph: &Graph, damping: f64) -> Vec<f64> {
        let n = graph.nodes.len();
        let jump = vec![1.0 / n as f64; n];
        let out_weight: Vec<f64> = graph
            .edges
            .iter()
            .map(|e| e.iter().map(|&(_, w)| w).sum())
            .collect();
        let mut rank = jump.clone();
        let mut next = vec![0.0; n];
        for _ in 0..200 {
            let dangling: f64 = (0..n)
                .filter(|&i| out_weight[i] == 0.0)
                .map(|i| rank[i])
                .sum();
            for i in 0..n {
                next[i] = (1.0 - damping + damping * dangling) * jump[i];
            }
            for (i, edges) in graph.edges.iter().enumerate() {
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
        rank
    }

    /// Graphs on both sides of `PARALLEL_NODES`, with isolated (dangling) nodes, built as
    /// `Graph::build` builds them: symmetric rows from per-node top-k lists.
    #[test]
    fn gathered_pagerank_equals_the_scatter_to_the_bit_on_one_thread_or_many() {
        for n in [300, PARALLEL_NODES + 700] {
            let owned = pseudo_random_vectors(n, 400);
            let vectors: Vec<&[(u32, f64)]> = owned.iter().map(|v| v.as_slice()).collect();
            let rows = neighbours(&vectors, 400, (0.2, 7, usize::MAX), |_, _, dot: f64| {
                dot.clamp(0.0, 1.0)
            });
            let mut edges: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
            for (a, row) in rows.iter().enumerate() {
                for &(b, w) in row {
                    edges[a].push((b, w));
                    edges[b].push((a, w));
                }
            }
            for e in &mut edges {
                e.sort_unstable_by_key(|x| x.0);
                e.dedup_by_key(|x| x.0);
            }
            // A few nodes with no edge at all, whose mass dangles.
            edges.extend(std::iter::repeat_n(Vec::new(), 5));
            let n = edges.len();
            let graph = Graph {
                nodes: (0..n).collect(),
                edges,
            };
            for damping in [0.85, 0.2] {
                let got = graph.pagerank(n, damping, None);
                let want = scatter_pagerank(&graph, damping);
                assert!(
                    got.iter()
                        .zip(&want)
                        .all(|(a, b)| a.to_bits() == b.to_bits()),
                    "{n} nodes, damping {damping}"
                );
            }
        }
    }

    #[test]
    fn top_k_keeps_the_heaviest_edges_ties_by_lower_node() {
        let owned = pseudo_random_vectors(80, 30);
        let vectors: Vec<&[(u32, f64)]> = owned.iter().map(|v| v.as_slice()).collect();
        let weight = |_: usize, _: usize, dot: f64| (dot * 4.0).round() / 4.0;
        let full = all_pairs(&vectors, weight);
        let kept = neighbours(&vectors, 30, (0.3, 3, usize::MAX), weight);
        for (a, (row, all)) in kept.iter().zip(&full).enumerate() {
            let mut want: Vec<(usize, f64)> = all.iter().copied().filter(|e| e.1 >= 0.3).collect();
            want.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            want.truncate(3);
            want.sort_by_key(|e| e.0);
            assert_eq!(row, &want, "node {a}");
        }
    }
}
