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

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::graph::{keep_top, per_node, Postings};
use super::HeapKey;
use crate::{Picker, Prepared, SparseVec, Summarizer};

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
    /// Each sentence's coverage counts only its this many most similar sentences, so the
    /// similarities kept grow linearly with the cluster. See `TOP_K` for the measured effect.
    pub top_k: usize,
}

/// Similar sentences kept per sentence. Measured on the DUC 2006 dev split (250 words,
/// R-2/SU4 recall): with the query 0.0788/0.1392 against 0.0788/0.1382 with full rows,
/// generic 0.0787/0.1371 against 0.0798/0.1381; 100 lost 0.0037 R-2 with the query.
const TOP_K: usize = 300;

/// Terms held by more candidates than this are left out of the similarity rows (see
/// `graph::Postings`), as in `lexrank` and `textrank`: at 400 articles (about 8,000
/// candidates) the walk of terms held by up to 1,000 of them was most of the method's
/// time (1,000 before: 1.06 s at 400 articles, 0.74 s at 300, one run each). Measured
/// on the DUC 2006 dev split (250 words, R-2/SU4 recall): with the query 0.0814/0.1413
/// against 0.0804/0.1406 at 1,000, generic 0.0798/0.1382 against 0.0791/0.1375.
const MAX_POSTINGS: usize = 300;

impl Default for Submodular {
    fn default() -> Self {
        // The paper's DUC settings: a = 5, lambda = 6, K = 0.2 N, r = 0.3.
        Submodular {
            saturation: 5.0,
            diversity: 6.0,
            clusters_per_sentence: 0.2,
            cost_exponent: 0.3,
            cluster_share: 0.5,
            top_k: TOP_K,
        }
    }
}

impl Summarizer for Submodular {
    fn name(&self) -> &'static str {
        "submodular"
    }

    fn select(&self, prepared: &Prepared, picker: &mut Picker) {
        // Rows and themes depend on the cluster alone, not on what earlier rounds excluded.
        let key = format!(
            "submodular {} {} {} {} {} {}",
            self.saturation,
            self.diversity,
            self.clusters_per_sentence,
            self.cost_exponent,
            self.cluster_share,
            self.top_k
        );
        prepared.with_cached(
            key,
            || self.setup(prepared),
            |setup| self.pick(prepared, setup, picker),
        );
    }
}

impl Submodular {
    /// Offers sentences greedily by the objective's gain over `setup`'s rows and themes.
    fn pick(&self, prepared: &Prepared, setup: &Setup, picker: &mut Picker) {
        let n = setup.cand.len();
        let mut cover = vec![0.0f64; n];
        let mut theme_sum = vec![0.0f64; setup.themes];
        // Lazy greedy (Minoux 1978): a candidate's gain only shrinks as the summary grows
        // (the objective is submodular), so the score it had when last weighed bounds the
        // one it has now, and each pick re-weighs only the candidates whose bound comes
        // near the best fresh score, not every candidate.
        let mut bounds: BinaryHeap<(HeapKey, Reverse<usize>)> = (setup.initial.iter().enumerate())
            .filter_map(|(j, s)| s.map(|s| (HeapKey(s), Reverse(j))))
            .collect();
        let mut weighed: Vec<(f64, usize)> = Vec::new();
        loop {
            weighed.clear();
            // The best (highest score, ties: the earliest) addable candidate.
            let mut best: Option<(f64, usize)> = None;
            while let Some(&(HeapKey(bound), Reverse(j))) = bounds.peek() {
                if best.is_some_and(|(s, _)| bound < s - LAZY_SLACK) {
                    break;
                }
                bounds.pop();
                // Not addable now, never addable again: a picker only fills up. A gain
                // down to 0 stays there: what it covered is saturated for good.
                if !picker.can_add(setup.cand[j]) {
                    continue;
                }
                let Some(s) = self.score(prepared, setup, j, &cover, &theme_sum) else {
                    continue;
                };
                weighed.push((s, j));
                if best.is_none_or(|(b, bj)| s > b || (s == b && j < bj)) {
                    best = Some((s, j));
                }
            }
            let Some((_, j)) = best else { break };
            for &(s, other) in &weighed {
                if other != j {
                    bounds.push((HeapKey(s), Reverse(other)));
                }
            }
            picker.offer(setup.cand[j]);
            for &(i, x) in &setup.rows[j] {
                cover[i] += x;
            }
            theme_sum[setup.theme[j]] += setup.reward[j];
        }
    }
}

/// How far below the best fresh score a stale bound must be for its candidate to be
/// passed over unweighed. Floating-point sums can make a gain grow by a few units in the
/// last place when, exactly, it would shrink; this margin, far above that noise and far
/// below any real difference of gains, keeps the lazy greedy's choices those of the
/// plain greedy.
const LAZY_SLACK: f64 = 1e-9;

/// Each candidate's similarity row, saturation cap, singleton reward and theme.
struct Setup {
    cand: Vec<usize>,
    rows: Vec<Vec<(usize, f64)>>,
    cap: Vec<f64>,
    reward: Vec<f64>,
    theme: Vec<usize>,
    themes: usize,
    /// Each candidate's score before anything is chosen (`None`: no gain).
    initial: Vec<Option<f64>>,
}

impl Submodular {
    /// The part of the work that depends on the cluster alone.
    fn setup(&self, prepared: &Prepared) -> Setup {
        let cand: Vec<usize> = prepared.candidates().collect();
        let n = cand.len();
        if n == 0 {
            return Setup {
                cand,
                rows: Vec::new(),
                cap: Vec::new(),
                reward: Vec::new(),
                theme: Vec::new(),
                themes: 0,
                initial: Vec::new(),
            };
        }
        // Each candidate's similarity to the whole cluster, C_i(V) (the saturation cap and
        // the singleton reward derive from it): the sum of its cosines with the others is
        // its dot product with their sum, plus 1 for itself.
        let mut sum = vec![0.0f64; prepared.vocab_size];
        for &s in &cand {
            for &(t, x) in prepared.vectors[s].entries() {
                sum[t as usize] += x;
            }
        }
        let totals: Vec<f64> = cand
            .iter()
            .map(|&s| {
                let v = prepared.vectors[s].entries();
                let with_all: f64 = v.iter().map(|&(t, x)| x * sum[t as usize]).sum();
                let with_self: f64 = v.iter().map(|&(_, x)| x * x).sum();
                with_all - with_self + 1.0
            })
            .collect();
        // Its row, through the index: its `top_k` most similar sentences and itself
        // (similarity 1), what adding it to the summary covers.
        let vectors: Vec<&[(u32, f64)]> = cand
            .iter()
            .map(|&s| prepared.vectors[s].entries())
            .collect();
        let postings = Postings::new(prepared.vocab_size, vectors.iter().copied(), MAX_POSTINGS);
        let rows = per_node(n, n, |acc, a| {
            let mut row: Vec<(usize, f64)> = acc
                .dots(&postings, vectors[a], Some(a))
                .map(|(b, dot)| (b, dot.clamp(0.0, 1.0)))
                .filter(|&(_, s)| s > 0.0)
                .collect();
            keep_top(&mut row, self.top_k);
            let at = row.partition_point(|&(b, _)| b < a);
            row.insert(at, (a, 1.0));
            row.shrink_to_fit();
            row
        });
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
        let mut setup = Setup {
            cand,
            rows,
            cap,
            reward,
            theme,
            themes: k,
            initial: Vec::new(),
        };
        let (cover, theme_sum) = (vec![0.0; n], vec![0.0; k]);
        // Each candidate's first score is its own, so a big cluster weighs them on every core.
        setup.initial = per_node(n, 0, |_, j| {
            self.score(prepared, &setup, j, &cover, &theme_sum)
        });
        setup
    }

    /// Candidate `j`'s gain per `words^r` given what the summary covers (`cover`) and
    /// holds of each theme (`theme_sum`); `None` when it gains nothing.
    fn score(
        &self,
        prepared: &Prepared,
        setup: &Setup,
        j: usize,
        cover: &[f64],
        theme_sum: &[f64],
    ) -> Option<f64> {
        let Setup {
            cand,
            rows,
            cap,
            reward,
            theme,
            ..
        } = setup;
        let coverage: f64 = rows[j]
            .iter()
            .map(|&(i, s)| (cover[i] + s).min(cap[i]) - cover[i].min(cap[i]))
            .sum();
        let t = theme[j];
        let diversity = (theme_sum[t] + reward[j]).sqrt() - theme_sum[t].sqrt();
        let gain = coverage + self.diversity * diversity;
        let words = prepared.words(cand[j]).max(1) as f64;
        (gain > 0.0).then(|| gain / words.powf(self.cost_exponent))
    }
}

/// Deterministic k-means of the candidates' tf-idf vectors (spherical: cosine to unit
/// centroids), seeded with evenly spaced sentences; returns each candidate's theme.
/// Centroids are sparse and found through an index of their terms, so an assignment round
/// costs the postings a sentence's terms reach, not `k` times the vocabulary; sums run in
/// the order a dense walk would take, so themes are the same to the bit.
fn kmeans(prepared: &Prepared, cand: &[usize], k: usize) -> Vec<usize> {
    let n = cand.len();
    let vector = |j: usize| prepared.vectors[cand[j]].entries();
    let mut centroids: Vec<Vec<(u32, f64)>> = (0..k).map(|c| vector(c * n / k).to_vec()).collect();
    let mut theme = vec![usize::MAX; n];
    for _ in 0..10 {
        let postings = Postings::new(
            prepared.vocab_size,
            centroids.iter().map(|c| c.as_slice()),
            usize::MAX,
        );
        let nearest = per_node(n, k, |acc, j| {
            // A centroid sharing no term scores 0, so the best is the highest positive
            // score (ties: lowest centroid), or centroid 0 when nothing scores above 0.
            let mut best = (0, 0.0);
            for (c, s) in acc.dots(&postings, vector(j), None) {
                if s > best.1 || (s == best.1 && c < best.0) {
                    best = (c, s);
                }
            }
            best.0
        });
        let changed = nearest != theme;
        theme = nearest;
        if !changed {
            break;
        }
        let mut members: Vec<Vec<(u32, f64)>> = vec![Vec::new(); k];
        for (j, &t) in theme.iter().enumerate() {
            members[t].extend_from_slice(vector(j));
        }
        // `from_pairs` adds a term's weights in member order, as the dense sums did.
        centroids = members
            .into_iter()
            .map(|m| SparseVec::from_pairs(m).normalized().entries().to_vec())
            .collect();
    }
    theme
}
