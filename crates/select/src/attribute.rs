//! Attribution: which other documents carry a near-equivalent of a chosen sentence.
//!
//! Two outlets rarely report a fact in the same sentence: one writes "..., after attacks in
//! Paris killed 129 people", the other "Three teams ... swarmed six locations in Paris and
//! killed 129 people in a spree of shootings". Whole-sentence similarity misses that, so a
//! document also corroborates a sentence when one of its sentences restates a whole clause
//! of it: most of the clause's content terms, and enough of them to be a fact.

use chorus_text::tokenize::{words_iter, Tokenizer, TokenizerOptions};

use crate::Prepared;

/// A clause is restated when at least this share of its distinct content terms appear in
/// the other sentence...
const CLAUSE_CONTAINMENT: f64 = 0.75;
/// ...and at least this many of them: fewer is a phrase ("Obama said Monday"), not a fact.
const CLAUSE_MIN_SHARED: usize = 4;
/// ...of which at least this many are not names: a shared name with one word beside it
/// ("owned by the Alder Bay Fishing Co-operative" in a sentence about what the
/// co-operative's manager said) names the same thing without stating the same fact.
const CLAUSE_MIN_SHARED_PLAIN: usize = 2;

/// The documents corroborating the sentences of one summary: sentence `i` is spread dense
/// over the cluster's terms, and each of its terms marked with its clauses, in buffers
/// allocated once for the summary (zeroing them for every sentence cost more than the
/// search) and cleared after each sentence by its own terms.
pub struct Corroborator<'p, 'c> {
    prepared: &'p Prepared<'c>,
    threshold: f64,
    /// Sentence `i`'s tf-idf weight of each term id (0 for the others).
    dense: Vec<f64>,
    /// Bit `c` set for the terms of sentence `i`'s clause `c`.
    clause_bits: Vec<u64>,
}

impl<'p, 'c> Corroborator<'p, 'c> {
    /// Buffers for the sentences of `prepared`, at similarity `threshold`.
    pub fn new(prepared: &'p Prepared<'c>, threshold: f64) -> Self {
        Corroborator {
            prepared,
            threshold,
            dense: vec![0.0; prepared.vocab_size],
            clause_bits: vec![0; prepared.vocab_size],
        }
    }

    /// Documents other than sentence `i`'s own that hold a sentence at least
    /// `threshold`-similar to it or restating one of its clauses, ascending by index.
    pub fn docs(&mut self, i: usize) -> Vec<usize> {
        let prepared = self.prepared;
        let own = prepared.sentences[i].doc;
        let clauses = clause_terms(prepared, i);
        // Sentence `i` spread dense, and each term's clauses as bits: every other sentence
        // is then read in one pass over its terms, with a lookup per term instead of a
        // merge for the similarity and a binary search per clause term for the clauses.
        // (The similarity sums the same products in the same order as
        // `Prepared::similarity`: a term `i` lacks adds an exact zero.)
        let entries = prepared.vectors[i].entries();
        for &(t, w) in entries {
            if let Some(slot) = self.dense.get_mut(t as usize) {
                *slot = w;
            }
        }
        for (c, clause) in clauses.iter().enumerate().take(u64::BITS as usize) {
            for &t in clause {
                if let Some(bits) = self.clause_bits.get_mut(t as usize) {
                    *bits |= 1 << c;
                }
            }
        }
        let found = self.search(i, own, &clauses);
        for &(t, _) in entries {
            if let Some(slot) = self.dense.get_mut(t as usize) {
                *slot = 0.0;
            }
        }
        for &t in clauses.iter().flatten() {
            if let Some(bits) = self.clause_bits.get_mut(t as usize) {
                *bits = 0;
            }
        }
        (0..found.len()).filter(|&d| found[d]).collect()
    }

    /// Which documents corroborate sentence `i` (of document `own`), its dense weights and
    /// clause bits in place.
    fn search(&self, i: usize, own: usize, clauses: &[Vec<u32>]) -> Vec<bool> {
        let prepared = self.prepared;
        let mut found = vec![false; prepared.cluster.documents.len()];
        let mut shared = vec![0usize; clauses.len()];
        for (j, s) in prepared.sentences.iter().enumerate() {
            if s.doc == own || found[s.doc] {
                continue;
            }
            let vector = &prepared.vectors[j];
            if vector.dot_dense(&self.dense).clamp(0.0, 1.0) >= self.threshold {
                found[s.doc] = true;
                continue;
            }
            // The other sentence's distinct terms: its tf-idf vector's entries (every term
            // of a sentence has a positive weight).
            let other = vector.entries();
            shared.fill(0);
            for &(t, _) in other {
                let mut bits = self.clause_bits.get(t as usize).copied().unwrap_or(0);
                while bits != 0 {
                    shared[bits.trailing_zeros() as usize] += 1;
                    bits &= bits - 1;
                }
            }
            // Past the 64 clauses the bits hold (no sentence of news has that many), a
            // clause's terms are searched for.
            for (c, clause) in clauses.iter().enumerate().skip(u64::BITS as usize) {
                let holds = |t: &u32| other.binary_search_by_key(t, |&(u, _)| u).is_ok();
                shared[c] = clause.iter().filter(|t| holds(t)).count();
            }
            let restated = clauses.iter().zip(&shared).any(|(clause, &shared)| {
                shared >= CLAUSE_MIN_SHARED
                    && shared as f64 >= CLAUSE_CONTAINMENT * clause.len() as f64
            });
            if restated && shared_plain_terms(prepared, i, j) >= CLAUSE_MIN_SHARED_PLAIN {
                found[s.doc] = true;
            }
        }
        found
    }
}

/// The distinct content terms of each clause of sentence `i` that holds enough of them to
/// state a fact ([`CLAUSE_MIN_SHARED`]), sorted.
fn clause_terms(prepared: &Prepared, i: usize) -> Vec<Vec<u32>> {
    prepared.clauses[i]
        .iter()
        .filter_map(|r| prepared.terms[i].get(r.clone()))
        .map(|terms| {
            let mut t = terms.to_vec();
            t.sort_unstable();
            t.dedup();
            t
        })
        .filter(|t| t.len() >= CLAUSE_MIN_SHARED)
        .collect()
}

/// The stemmed content words two sentences share, names left out: capitalized words
/// (proper names, acronyms) and each sentence's first word, whose capital says nothing.
fn shared_plain_terms(prepared: &Prepared, i: usize, j: usize) -> usize {
    let tokenizer = Tokenizer::new(TokenizerOptions::default());
    let plain = |k: usize| -> Vec<String> {
        let doc = &prepared.cluster.documents[prepared.sentences[k].doc];
        let mut terms: Vec<String> = Vec::new();
        let mut first = true;
        for piece in prepared.pieces[k].iter().filter_map(|p| p.slice(&doc.text)) {
            // Whole white-space tokens, so "Co-operative" is one name, not "Co" + "operative".
            for token in piece.split_whitespace() {
                let named = first
                    || token
                        .chars()
                        .find(|c| c.is_alphanumeric())
                        .is_some_and(char::is_uppercase);
                first = false;
                if !named {
                    for word in words_iter(token) {
                        terms.extend(tokenizer.terms(word));
                    }
                }
            }
        }
        terms.sort_unstable();
        terms.dedup();
        terms
    };
    let (a, b) = (plain(i), plain(j));
    a.iter().filter(|t| b.binary_search(t).is_ok()).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;
    use chorus_model::{Cluster, Document};

    fn cluster(texts: &[&str]) -> Cluster {
        Cluster {
            id: "c".into(),
            documents: texts
                .iter()
                .enumerate()
                .map(|(k, t)| Document {
                    id: format!("d{k}"),
                    text: t.to_string(),
                    ..Document::default()
                })
                .collect(),
            ..Cluster::default()
        }
    }

    /// The documents corroborating the first sentence of document 0 that contains `needle`.
    fn sources(c: &Cluster, needle: &str) -> Vec<usize> {
        let opts = Options::default();
        let p = Prepared::new(c, &opts);
        let i = (0..p.sentences.len())
            .find(|&i| {
                p.sentences[i].doc == 0
                    && p.sentences[i]
                        .span
                        .slice(&c.documents[0].text)
                        .is_some_and(|t| t.contains(needle))
            })
            .expect("the sentence");
        Corroborator::new(&p, opts.similarity_threshold).docs(i)
    }

    /// `Corroborator::docs` as first written: a merge per similarity and a binary search
    /// per clause term.
    fn by_search(p: &Prepared, i: usize, threshold: f64) -> Vec<usize> {
        let own = p.sentences[i].doc;
        let clauses = clause_terms(p, i);
        let mut found = vec![false; p.cluster.documents.len()];
        for (j, s) in p.sentences.iter().enumerate() {
            if s.doc == own || found[s.doc] {
                continue;
            }
            if p.similarity(i, j) >= threshold {
                found[s.doc] = true;
                continue;
            }
            let other = p.vectors[j].entries();
            let holds = |t: &u32| other.binary_search_by_key(t, |&(u, _)| u).is_ok();
            let restated = clauses.iter().any(|clause| {
                let shared = clause.iter().filter(|t| holds(t)).count();
                shared >= CLAUSE_MIN_SHARED
                    && shared as f64 >= CLAUSE_CONTAINMENT * clause.len() as f64
            });
            if restated && shared_plain_terms(p, i, j) >= CLAUSE_MIN_SHARED_PLAIN {
                found[s.doc] = true;
            }
        }
        (0..found.len()).filter(|&d| found[d]).collect()
    }

    #[test]
    fn one_pass_per_sentence_finds_what_the_searches_found() {
        // Clauses restated across outlets, near-copies, and a sentence of 70 clauses
        // (past the 64 a word of bits holds).
        let long: Vec<String> = (0..70).map(|k| format!("{k} red tugs left port")).collect();
        let long = format!("Officials listed the work: {}.", long.join(", "));
        let c = cluster(&[
            &format!(
                "World leaders gathered in Antalya on Sunday, after attacks in Paris killed \
                 129 people. The fire destroyed the warehouse on the pier. {long}"
            ),
            "Three teams of gunmen swarmed six locations in Paris and killed 129 people in a \
             spree of shootings and bombings. Harbor crews moved 12 barges past the burning \
             pier, officials said.",
            "The fire destroyed the old warehouse on the pier, the chief said. Turkey hosted \
             the meeting.",
            &long,
        ]);
        let opts = Options::default();
        let p = Prepared::new(&c, &opts);
        let most = p.clauses.iter().map(Vec::len).max();
        assert!(most > Some(64), "{most:?} {:?}", p.sentences.len());
        for threshold in [opts.similarity_threshold, 0.2, 0.9] {
            // One set of buffers for every sentence, as a summary uses them.
            let mut shared = Corroborator::new(&p, threshold);
            for i in 0..p.sentences.len() {
                let want = by_search(&p, i, threshold);
                assert_eq!(shared.docs(i), want, "sentence {i}, threshold {threshold}");
                assert_eq!(Corroborator::new(&p, threshold).docs(i), want);
            }
        }
    }

    #[test]
    fn issue17_a_shared_name_is_not_a_shared_fact() {
        // The post names the co-operative (and that it owned the building) in a sentence
        // about the damage: it does not say what the warehouse held.
        let c = cluster(&[
            "The warehouse, owned by the Alder Bay Fishing Co-operative, held nets, rope and \
             several hundred gallons of marine paint.",
            "Dan Okafor, who manages the Alder Bay Fishing Co-operative that owned the \
             building, put the damage at more than $2 million.",
            "Fishing nets, rope and hundreds of gallons of marine paint were stored in the \
             warehouse, the fire chief said.",
        ]);
        assert_eq!(sources(&c, "warehouse"), vec![2]);
    }

    #[test]
    fn a_restated_clause_still_corroborates() {
        let c = cluster(&[
            "World leaders gathered in Antalya on Sunday, after attacks in Paris killed 129 \
             people.",
            "Three teams of gunmen swarmed six locations in Paris and killed 129 people in a \
             spree of shootings and bombings.",
            "Turkey hosted the meeting of the Group of 20 at a seaside resort.",
        ]);
        assert_eq!(sources(&c, "Antalya"), vec![1]);
    }
}
