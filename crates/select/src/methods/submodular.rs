//! Submodular coverage plus diversity (Lin & Bilmes 2011, "A Class of Submodular
//! Functions for Document Summarization", ACL): maximize
//! `F(S) = L(S) + lambda * R(S)` under the word budget by the cost-scaled greedy.
//!
//! - Coverage `L(S) = sum_i min(C_i(S), alpha * C_i(V))`, where `C_i(S)` is how similar
//!   the summary `S` is to sentence `i` (sum of cosine similarities): every sentence of the
//!   cluster wants to be represented, but only up to a fraction `alpha` of what the whole
//!   cluster would give it, so piling onto one theme stops paying.
//! - Diversity `R(S) = sum_k sqrt(sum_{j in S, j in P_k} r_j)` over a k-means partition of
//!   the sentences, `r_j` the sentence's mean similarity to the cluster (blended with its
//!   similarity to the query when there is one): the square root rewards taking from a
//!   theme not yet represented.
//!
//! Both terms are monotone submodular, so the greedy that adds the best gain per
//! `words^r` is near-optimal (the paper's guarantee also compares with the best single
//! sentence, which at news budgets of a few sentences never wins, so we leave it out).

use crate::{Picker, Prepared, Summarizer};

/// Lin & Bilmes (2011) coverage + diversity.
pub(crate) struct Submodular {
    /// `alpha = saturation / N`: how much of its whole-cluster similarity a sentence can
    /// be given by the summary before coverage of it saturates (the paper's `a`).
    pub saturation: f64,
    /// Weight of the diversity reward (the paper's `lambda`).
    pub diversity: f64,
    /// Number of themes, as a fraction of the number of candidate sentences.
    pub clusters_per_sentence: f64,
    /// Cost scaling: gains are divided by `words^cost_exponent` (the paper's `r`).
    pub cost_exponent: f64,
    /// With a query: the share of a sentence's singleton reward that comes from the
    /// cluster (the rest from the query).
    pub cluster_share: f64,
}

impl Default for Submodular {
    fn default() -> Self {
        // The paper's DUC settings: a = 5, lambda = 6, K = 0.2 N, r = 0.3.
        Submodular {
            saturation: 5.0,
            diversity: 6.0,
            clusters_per_sentence: 0.2,
            cost_exponent: 0.3,
            cluster_share: 0.5,
        }
    }
}

impl Summarizer for Submodular {
    fn name(&self) -> &'static str {
        "submodular"
    }

    fn select(&self, prepared: &Prepared, picker: &mut Picker) {
        let cand: Vec<usize> = prepared.candidates().collect();
        let n = cand.len();
        if n == 0 {
            return;
        }
        // Dense similarity matrix over the candidates.
        let mut sim = vec![0.0f64; n * n];
        for a in 0..n {
            sim[a * n + a] = 1.0;
            for b in (a + 1)..n {
                let s = prepared.similarity(cand[a], cand[b]);
                sim[a * n + b] = s;
                sim[b * n + a] = s;
            }
        }
        let row = |a: usize| &sim[a * n..(a + 1) * n];
        // Each sentence's similarity to the whole cluster, C_i(V): the saturation cap and
        // the singleton reward both derive from it.
        let totals: Vec<f64> = (0..n).map(|i| row(i).iter().sum::<f64>()).collect();
        let alpha = self.saturation / n as f64;
        let cap: Vec<f64> = totals.iter().map(|t| alpha * t).collect();
        let reward: Vec<f64> = (0..n)
            .map(|j| {
                let mean = totals[j] / n as f64;
                match prepared.query_similarity(cand[j]) {
                    Some(q) => self.cluster_share * mean + (1.0 - self.cluster_share) * q,
                    None => mean,
                }
            })
            .collect();
        let k = ((n as f64 * self.clusters_per_sentence).round() as usize).clamp(1, n);
        let theme = kmeans(prepared, &cand, k);

        let mut cover = vec![0.0f64; n];
        let mut theme_sum = vec![0.0f64; k];
        let mut taken = vec![false; n];
        loop {
            let mut best: Option<(usize, f64)> = None;
            for j in 0..n {
                if taken[j] || !picker.can_add(cand[j]) {
                    continue;
                }
                let r = row(j);
                let coverage: f64 = (0..n)
                    .map(|i| (cover[i] + r[i]).min(cap[i]) - cover[i].min(cap[i]))
                    .sum();
                let t = theme[j];
                let diversity = (theme_sum[t] + reward[j]).sqrt() - theme_sum[t].sqrt();
                let gain = coverage + self.diversity * diversity;
                let words = prepared.words[cand[j]].max(1) as f64;
                let score = gain / words.powf(self.cost_exponent);
                if gain > 0.0 && best.is_none_or(|(_, b)| score > b) {
                    best = Some((j, score));
                }
            }
            let Some((j, _)) = best else { break };
            taken[j] = true;
            picker.offer(cand[j]);
            for (c, s) in cover.iter_mut().zip(row(j)) {
                *c += s;
            }
            theme_sum[theme[j]] += reward[j];
        }
    }
}

/// Deterministic k-means of the candidates' tf-idf vectors (spherical: cosine to unit
/// centroids), seeded with evenly spaced sentences; returns each candidate's theme.
fn kmeans(prepared: &Prepared, cand: &[usize], k: usize) -> Vec<usize> {
    let dims = prepared.vocab_size;
    let n = cand.len();
    let mut centroids = vec![0.0f64; k * dims];
    for c in 0..k {
        for &(t, x) in prepared.vectors[cand[c * n / k]].entries() {
            centroids[c * dims + t as usize] = x;
        }
    }
    let mut theme = vec![usize::MAX; n];
    for _ in 0..10 {
        let mut changed = false;
        for (j, &i) in cand.iter().enumerate() {
            let v = prepared.vectors[i].entries();
            let mut best = (0, f64::NEG_INFINITY);
            for c in 0..k {
                let base = c * dims;
                let s: f64 = v
                    .iter()
                    .map(|&(t, x)| x * centroids[base + t as usize])
                    .sum();
                if s > best.1 {
                    best = (c, s);
                }
            }
            if theme[j] != best.0 {
                theme[j] = best.0;
                changed = true;
            }
        }
        if !changed {
            break;
        }
        centroids.iter_mut().for_each(|x| *x = 0.0);
        for (j, &i) in cand.iter().enumerate() {
            let base = theme[j] * dims;
            for &(t, x) in prepared.vectors[i].entries() {
                centroids[base + t as usize] += x;
            }
        }
        for c in 0..k {
            let slice = &mut centroids[c * dims..(c + 1) * dims];
            let norm = slice.iter().map(|x| x * x).sum::<f64>().sqrt();
            if norm > 0.0 {
                slice.iter_mut().for_each(|x| *x /= norm);
            }
        }
    }
    theme
}
