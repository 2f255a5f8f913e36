//! KLSum (Haghighi & Vanderwende 2009, "Exploring Content Models for Multi-Document
//! Summarization", NAACL): greedily add the sentence that brings the summary's word
//! distribution closest, in KL divergence, to the cluster's.

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

impl Summarizer for KlSum {
    fn name(&self) -> &'static str {
        "klsum"
    }

    fn select(&self, prepared: &Prepared, picker: &mut Picker) {
        let v = prepared.vocab_size;
        let mut cluster = vec![0.0f64; v];
        for ids in &prepared.terms {
            for &t in ids {
                cluster[t as usize] += 1.0;
            }
        }
        let total: f64 = cluster.iter().sum();
        if total == 0.0 {
            return;
        }
        let support: Vec<usize> = (0..v).filter(|&t| cluster[t] > 0.0).collect();
        let mut summary = vec![0.0f64; v];
        let mut summary_total = 0.0;
        let candidates: Vec<usize> = prepared.candidates().collect();
        let kl = |summary: &[f64], summary_total: f64| -> f64 {
            let denom = summary_total + self.smoothing * v as f64;
            support
                .iter()
                .map(|&t| {
                    let p = cluster[t] / total;
                    let q = (summary[t] + self.smoothing) / denom;
                    p * (p / q).ln()
                })
                .sum()
        };
        loop {
            let mut best: Option<(usize, f64)> = None;
            for &i in &candidates {
                if !picker.can_add(i) {
                    continue;
                }
                for &t in &prepared.terms[i] {
                    summary[t as usize] += 1.0;
                }
                let d = kl(&summary, summary_total + prepared.terms[i].len() as f64);
                for &t in &prepared.terms[i] {
                    summary[t as usize] -= 1.0;
                }
                if best.is_none_or(|(_, bd)| d < bd) {
                    best = Some((i, d));
                }
            }
            let Some((i, _)) = best else { break };
            picker.offer(i);
            for &t in &prepared.terms[i] {
                summary[t as usize] += 1.0;
            }
            summary_total += prepared.terms[i].len() as f64;
        }
    }
}
