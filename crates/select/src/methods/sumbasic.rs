//! SumBasic (Nenkova & Vanderwende 2005, "The Impact of Frequency on Summarization",
//! Microsoft Research MSR-TR-2005-101): words frequent in the cluster are likely in a
//! human summary; take the best sentence by mean word probability among those holding the
//! currently most probable word, then square the probabilities of the words it used so
//! the next pick covers something else.

use crate::{Picker, Prepared, Summarizer};

/// SumBasic word-probability selection.
pub(crate) struct SumBasic;

impl Summarizer for SumBasic {
    fn name(&self) -> &'static str {
        "sumbasic"
    }

    fn select(&self, prepared: &Prepared, picker: &mut Picker) {
        let mut p = vec![0.0f64; prepared.vocab_size];
        let mut total = 0.0;
        for ids in &prepared.terms {
            for &t in ids {
                p[t as usize] += 1.0;
                total += 1.0;
            }
        }
        if total == 0.0 {
            return;
        }
        p.iter_mut().for_each(|x| *x /= total);
        let candidates: Vec<usize> = prepared.candidates().collect();
        let mean = |p: &[f64], i: usize| {
            let ids = &prepared.terms[i];
            ids.iter().map(|&t| p[t as usize]).sum::<f64>() / ids.len().max(1) as f64
        };
        loop {
            let open: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&i| picker.can_add(i))
                .collect();
            if open.is_empty() {
                break;
            }
            // The most probable word still present in some open sentence (ties: lowest id).
            let top_word = open
                .iter()
                .flat_map(|&i| prepared.terms[i].iter().copied())
                .max_by(|&a, &b| p[a as usize].total_cmp(&p[b as usize]).then(b.cmp(&a)));
            let Some(top_word) = top_word else { break };
            let best = open
                .iter()
                .copied()
                .filter(|&i| prepared.terms[i].contains(&top_word))
                .max_by(|&a, &b| mean(&p, a).total_cmp(&mean(&p, b)).then(b.cmp(&a)));
            let Some(best) = best else { break };
            picker.offer(best);
            for &t in &prepared.terms[best] {
                p[t as usize] *= p[t as usize];
            }
        }
    }
}
