//! KLSum (Haghighi & Vanderwende 2009, "Exploring Content Models for Multi-Document
//! Summarization", NAACL): greedily add the sentence that brings the summary's word
//! distribution closest, in KL divergence, to the cluster's.
//!
//! The divergence is kept up to date rather than recomputed: with `q_t = (s_t + e) / D`,
//! `KL(P || Q) = sum p ln p - sum_t p_t ln(s_t + e) + ln D`, and adding a sentence changes
//! only the middle sum's terms for the words it holds, and `D`. Weighing a candidate then
//! costs its own length, not the vocabulary's.

use crate::{Picker, Prepared, Summarizer};

/// Greedy KL-divergence minimization.
pub(crate) struct KlSum {
    /// Additive smoothing of the summary distribution, so unseen words cost finitely.
    pub smoothing: f64,
}

impl Default for KlSum {
    fn default() -> Self {
        KlSum { smoothing: 0.01 }
    }
}

/// A sentence's distinct terms with their counts, and its number of terms.
struct Bag {
    counts: Vec<(u32, f64)>,
    len: f64,
}

impl Bag {
    fn new(terms: &[u32]) -> Bag {
        let mut sorted = terms.to_vec();
        sorted.sort_unstable();
        let mut counts: Vec<(u32, f64)> = Vec::new();
        for t in sorted {
            match counts.last_mut() {
                Some(last) if last.0 == t => last.1 += 1.0,
                _ => counts.push((t, 1.0)),
            }
        }
        Bag {
            counts,
            len: terms.len() as f64,
        }
    }
}

/// The cluster's word distribution and the summary's counts, with the two sums of the
/// divergence that do not depend on the summary's total.
struct KlState {
    /// Cluster probability of each term (0 outside the cluster's words).
    p: Vec<f64>,
    /// The summary's count of each term.
    summary: Vec<f64>,
    summary_total: f64,
    smoothing: f64,
    /// `smoothing * vocabulary size`: the smoothing mass in the denominator.
    smoothing_mass: f64,
    /// `sum p ln p` over the cluster's words.
    neg_entropy: f64,
    /// `sum p_t ln(s_t + e)` over the cluster's words.
    cross: f64,
    /// `ln(s_t + e)` and `ln(s_t + 1 + e)` of each term, kept with the counts: a candidate
    /// is weighed for every pick, and logarithms were most of its cost.
    ln_now: Vec<f64>,
    ln_plus_one: Vec<f64>,
}

impl KlState {
    /// The state of an empty summary, or `None` for a cluster without terms.
    fn new(prepared: &Prepared, smoothing: f64) -> Option<KlState> {
        let v = prepared.vocab_size;
        let mut p = vec![0.0f64; v];
        for ids in &prepared.terms {
            for &t in ids {
                p[t as usize] += 1.0;
            }
        }
        let total: f64 = p.iter().sum();
        if total == 0.0 {
            return None;
        }
        p.iter_mut().for_each(|x| *x /= total);
        let support = p.iter().filter(|&&x| x > 0.0);
        let neg_entropy = support.clone().map(|&x| x * x.ln()).sum();
        let cross = support.map(|&x| x * smoothing.ln()).sum();
        Some(KlState {
            p,
            ln_now: vec![smoothing.ln(); v],
            ln_plus_one: vec![(1.0 + smoothing).ln(); v],
            summary: vec![0.0; v],
            summary_total: 0.0,
            smoothing,
            smoothing_mass: smoothing * v as f64,
            neg_entropy,
            cross,
        })
    }

    /// How much `cross` grows when `bag` joins the summary.
    fn cross_gain(&self, bag: &Bag) -> f64 {
        bag.counts
            .iter()
            .map(|&(t, c)| {
                let t = t as usize;
                let after = if c == 1.0 {
                    self.ln_plus_one[t]
                } else {
                    (self.summary[t] + c + self.smoothing).ln()
                };
                self.p[t] * (after - self.ln_now[t])
            })
            .sum()
    }

    /// The divergence of the cluster from the summary with `bag` added.
    fn divergence_with(&self, bag: &Bag) -> f64 {
        let denom = self.summary_total + bag.len + self.smoothing_mass;
        self.neg_entropy - (self.cross + self.cross_gain(bag)) + denom.ln()
    }

    /// Adds `bag` to the summary.
    fn add(&mut self, bag: &Bag) {
        self.cross += self.cross_gain(bag);
        for &(t, c) in &bag.counts {
            let t = t as usize;
            self.summary[t] += c;
            self.ln_now[t] = (self.summary[t] + self.smoothing).ln();
            self.ln_plus_one[t] = (self.summary[t] + 1.0 + self.smoothing).ln();
        }
        self.summary_total += bag.len;
    }

    /// The divergence recomputed over the whole vocabulary (what the updates stand for).
    #[cfg(test)]
    fn divergence(&self) -> f64 {
        let denom = self.summary_total + self.smoothing_mass;
        self.p
            .iter()
            .zip(&self.summary)
            .filter(|&(&p, _)| p > 0.0)
            .map(|(&p, &s)| p * (p / ((s + self.smoothing) / denom)).ln())
            .sum()
    }
}

impl Summarizer for KlSum {
    fn name(&self) -> &'static str {
        "klsum"
    }

    fn select(&self, prepared: &Prepared, picker: &mut Picker) {
        let Some(mut state) = KlState::new(prepared, self.smoothing) else {
            return;
        };
        let mut bags: Vec<Option<Bag>> = (0..prepared.sentences.len()).map(|_| None).collect();
        let mut open: Vec<usize> = prepared.candidates().collect();
        for &i in &open {
            bags[i] = Some(Bag::new(&prepared.terms[i]));
        }
        // The lowest divergence wins (ties: the earlier sentence).
        while let Some(i) = super::best_open(picker, &mut open, |i| {
            bags[i].as_ref().map(|bag| -state.divergence_with(bag))
        }) {
            picker.offer(i);
            if let Some(bag) = &bags[i] {
                state.add(bag);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incremental_divergence_equals_the_full_recomputation() {
        let cluster = super::super::tests::cluster();
        let prepared = Prepared::new(&cluster, &crate::Options::default());
        let mut state = KlState::new(&prepared, 0.01).expect("terms");
        assert!((state.divergence() - state.divergence_with(&Bag::new(&[]))).abs() < 1e-12);
        for i in prepared.candidates().step_by(2) {
            let bag = Bag::new(&prepared.terms[i]);
            let predicted = state.divergence_with(&bag);
            state.add(&bag);
            let full = state.divergence();
            assert!(
                (predicted - full).abs() < 1e-9,
                "sentence {i}: {predicted} != {full}"
            );
        }
        assert!(state.summary_total > 0.0);
    }
}
