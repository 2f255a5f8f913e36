//! Attribution: which other documents carry a near-equivalent of a chosen sentence.
//!
//! Two outlets rarely report a fact in the same sentence: one writes "..., after attacks in
//! Paris killed 129 people", the other "Three teams ... swarmed six locations in Paris and
//! killed 129 people in a spree of shootings". Whole-sentence similarity misses that, so a
//! document also corroborates a sentence when one of its sentences restates a whole clause
//! of it: most of the clause's content terms, and enough of them to be a fact.

use crate::Prepared;

/// A clause is restated when at least this share of its distinct content terms appear in
/// the other sentence...
const CLAUSE_CONTAINMENT: f64 = 0.75;
/// ...and at least this many of them: fewer is a phrase ("Obama said Monday"), not a fact.
const CLAUSE_MIN_SHARED: usize = 4;

/// Documents other than sentence `i`'s own that hold a sentence at least
/// `threshold`-similar to it or restating one of its clauses, ascending by index.
pub fn corroborating_docs(prepared: &Prepared, i: usize, threshold: f64) -> Vec<usize> {
    let own = prepared.sentences[i].doc;
    let clauses: Vec<Vec<u32>> = prepared.clauses[i]
        .iter()
        .filter_map(|r| prepared.terms[i].get(r.clone()))
        .map(|terms| {
            let mut t = terms.to_vec();
            t.sort_unstable();
            t.dedup();
            t
        })
        .filter(|t| t.len() >= CLAUSE_MIN_SHARED)
        .collect();
    let mut docs: Vec<usize> = Vec::new();
    let mut other: Vec<u32> = Vec::new();
    for (j, s) in prepared.sentences.iter().enumerate() {
        if s.doc == own || docs.contains(&s.doc) {
            continue;
        }
        if prepared.similarity(i, j) >= threshold {
            docs.push(s.doc);
            continue;
        }
        other.clear();
        other.extend_from_slice(&prepared.terms[j]);
        other.sort_unstable();
        let restated = clauses.iter().any(|clause| {
            let shared = clause
                .iter()
                .filter(|t| other.binary_search(t).is_ok())
                .count();
            shared >= CLAUSE_MIN_SHARED && shared as f64 >= CLAUSE_CONTAINMENT * clause.len() as f64
        });
        if restated {
            docs.push(s.doc);
        }
    }
    docs.sort_unstable();
    docs
}
