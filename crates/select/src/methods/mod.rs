//! The summarization methods, one file each, behind the [`Summarizer`] trait.
//!
//! A method only decides which sentences to offer and in what order; the [`Picker`]
//! enforces the budget and the redundancy rule, and `summarize` orders and attributes.

mod centroid;
pub(crate) mod concepts;
mod coverage;
mod graph;
mod ilp;
mod klsum;
mod lead;
mod lexrank;
mod mmr;
mod submodular;
mod sumbasic;
mod textrank;

use crate::{Method, Picker, Prepared};

/// A way of choosing sentences for a summary.
pub trait Summarizer: Send + Sync {
    /// The method's name, as `--method` spells it.
    fn name(&self) -> &'static str;

    /// Offers sentences of `prepared` to `picker` until the method is done or the budget is full.
    fn select(&self, prepared: &Prepared, picker: &mut Picker);
}

/// The summarizer behind a [`Method`], with its default parameters.
pub fn summarizer_for(method: Method) -> Box<dyn Summarizer> {
    match method {
        Method::Lead => Box::new(lead::Lead),
        Method::LexRank => Box::new(lexrank::LexRank::default()),
        Method::TextRank => Box::new(textrank::TextRank::default()),
        Method::Centroid => Box::new(centroid::Centroid::default()),
        Method::Mmr => Box::new(mmr::Mmr::default()),
        Method::SumBasic => Box::new(sumbasic::SumBasic),
        Method::KlSum => Box::new(klsum::KlSum::default()),
        Method::Coverage => Box::new(coverage::Coverage::default()),
        Method::Ilp => Box::new(ilp::Ilp::default()),
        Method::Submodular => Box::new(submodular::Submodular::default()),
    }
}

/// Cluster centroid: the sum of all sentences' tf-idf vectors, scaled to unit length.
pub(crate) fn centroid(prepared: &Prepared) -> crate::SparseVec {
    let mut sum = vec![0.0f64; prepared.vocab_size];
    for ids in &prepared.terms {
        for &t in ids {
            sum[t as usize] += prepared.idf[t as usize];
        }
    }
    let pairs = sum
        .into_iter()
        .enumerate()
        .filter(|&(_, w)| w > 0.0)
        .map(|(t, w)| (t as u32, w))
        .collect();
    crate::SparseVec::from_pairs(pairs).normalized()
}

/// The candidate of `open` with the highest `score` (ties: the earlier in `open`; `None`
/// scores are out this round) that `picker` can still add. Candidates it cannot add are
/// dropped from `open` for good: a picker only fills up, so a sentence that does not fit,
/// is taken or repeats the summary never becomes addable again. Asking the picker only down
/// the ranking, rather than about every candidate at every pick, keeps a greedy method's
/// cost from growing with the cluster times the summary.
pub(crate) fn best_open(
    picker: &Picker,
    open: &mut Vec<usize>,
    score: impl Fn(usize) -> Option<f64>,
) -> Option<usize> {
    let mut ranked: Vec<(usize, f64)> = open
        .iter()
        .enumerate()
        .filter_map(|(k, &i)| score(i).map(|s| (k, s)))
        .collect();
    ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut closed = Vec::new();
    let mut found = None;
    for (k, _) in ranked {
        if picker.can_add(open[k]) {
            found = Some(open[k]);
            break;
        }
        closed.push(k);
    }
    if !closed.is_empty() {
        closed.sort_unstable();
        let mut k = 0;
        open.retain(|_| {
            let keep = closed.binary_search(&k).is_err();
            k += 1;
            keep
        });
    }
    found
}

#[cfg(test)]
mod tests;

/// A score or probability as a max-heap key, ordered by `f64::total_cmp` (the methods'
/// scores are never NaN).
#[derive(Clone, Copy, PartialEq)]
pub(crate) struct HeapKey(pub f64);

impl Eq for HeapKey {}

impl PartialOrd for HeapKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for HeapKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}
