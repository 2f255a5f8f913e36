//! SumBasic (Nenkova & Vanderwende 2005, "The Impact of Frequency on Summarization",
//! Microsoft Research MSR-TR-2005-101): words frequent in the cluster are likely in a
//! human summary; take the best sentence by mean word probability among those holding the
//! currently most probable word, then square the probabilities of the words it used so
//! the next pick covers something else.
//!
//! Each pick asks the picker only about the sentences it has to: words are visited from
//! the most probable down, each through the candidates holding it, and a candidate the
//! picker refuses is dropped for good (a picker only fills up, so it never becomes
//! addable again). Asking about every candidate at every pick made the method's cost grow
//! with the cluster times the summary.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::HeapKey;
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
        // The candidates holding each word, ascending, each once.
        let mut holders: Vec<Vec<usize>> = vec![Vec::new(); prepared.vocab_size];
        for i in prepared.candidates() {
            for &t in &prepared.terms[i] {
                let list = &mut holders[t as usize];
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        // Candidates the picker refused: never addable again.
        let mut closed = vec![false; prepared.sentences.len()];
        // Words by probability, most probable first (ties: lowest id). A word whose
        // probability changed is pushed again; the entry with its old value is stale.
        let mut words: BinaryHeap<(HeapKey, Reverse<u32>)> = holders
            .iter()
            .enumerate()
            .filter(|(_, list)| !list.is_empty())
            .map(|(t, _)| (HeapKey(p[t]), Reverse(t as u32)))
            .collect();
        let mean = |p: &[f64], i: usize| {
            let ids = &prepared.terms[i];
            ids.iter().map(|&t| p[t as usize]).sum::<f64>() / ids.len().max(1) as f64
        };
        loop {
            // The most probable word some addable sentence holds.
            let mut top = None;
            while let Some(&(HeapKey(pt), Reverse(t))) = words.peek() {
                if pt.to_bits() != p[t as usize].to_bits() {
                    words.pop();
                    continue;
                }
                let mut found = false;
                holders[t as usize].retain(|&i| {
                    if found {
                        return true;
                    }
                    if closed[i] {
                        return false;
                    }
                    found = picker.can_add(i);
                    closed[i] = !found;
                    found
                });
                if found {
                    top = Some(t);
                    break;
                }
                // No sentence holding it can be added, now or later.
                words.pop();
            }
            let Some(top) = top else { break };
            // Its addable holder of highest mean probability (ties: the earliest).
            let mut ranked: Vec<(usize, f64)> = holders[top as usize]
                .iter()
                .filter(|&&i| !closed[i])
                .map(|&i| (i, mean(&p, i)))
                .collect();
            ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let mut best = None;
            for (i, _) in ranked {
                if picker.can_add(i) {
                    best = Some(i);
                    break;
                }
                closed[i] = true;
            }
            let Some(best) = best else { break };
            picker.offer(best);
            let mut used: Vec<(u32, f64)> = prepared.terms[best]
                .iter()
                .map(|&t| (t, p[t as usize]))
                .collect();
            // Squared once per occurrence, as the paper's update reads.
            for &t in &prepared.terms[best] {
                p[t as usize] *= p[t as usize];
            }
            used.sort_unstable_by_key(|&(t, _)| t);
            used.dedup_by_key(|&mut (t, _)| t);
            for (t, before) in used {
                let now = p[t as usize];
                if now.to_bits() != before.to_bits() {
                    words.push((HeapKey(now), Reverse(t)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Budget, Options};

    /// SumBasic as first written: every candidate asked about at every pick. The indexed
    /// version must choose exactly what it chose.
    fn every_candidate_every_pick(prepared: &Prepared, picker: &mut Picker) {
        let mut p = vec![0.0f64; prepared.vocab_size];
        let mut total = 0.0;
        for ids in &prepared.terms {
            for &t in ids {
                p[t as usize] += 1.0;
                total += 1.0;
            }
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

    #[test]
    fn indexed_sumbasic_chooses_what_asking_every_candidate_chose() {
        // The shared test cluster three times over (copies tie on every score), so ties,
        // repeats and budgets that leave only short sentences all come up.
        let mut cluster = super::super::tests::cluster();
        let docs = cluster.documents.clone();
        for copy in 1..3 {
            cluster.documents.extend(docs.iter().cloned().map(|mut d| {
                d.id = format!("{}#{copy}", d.id);
                d
            }));
        }
        let opts = Options::default();
        let prepared = Prepared::new(&cluster, &opts);
        let budgets = [
            Budget::Words(12),
            Budget::Words(40),
            Budget::Words(100),
            Budget::Words(1000),
            Budget::Sentences(3),
        ];
        for budget in budgets {
            for threshold in [0.1, 0.4, 1.1] {
                let mut indexed = Picker::new(&prepared, budget, threshold);
                SumBasic.select(&prepared, &mut indexed);
                let mut reference = Picker::new(&prepared, budget, threshold);
                every_candidate_every_pick(&prepared, &mut reference);
                assert!(!reference.chosen().is_empty());
                assert_eq!(
                    indexed.chosen(),
                    reference.chosen(),
                    "{budget:?}, threshold {threshold}"
                );
            }
        }
    }
}
