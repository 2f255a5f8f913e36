//! Concepts for coverage-based selection (Gillick & Favre 2009, "A Scalable Global Model
//! for Summarization", NAACL ILP workshop): stemmed word bigrams, not both stop words,
//! weighted by how many documents contain them. A summary's value is the total weight of
//! the distinct concepts it covers, so saying a thing twice earns nothing.

use std::collections::HashMap;

use crate::Prepared;

/// Concept weights and which concepts each sentence holds.
pub(crate) struct Concepts {
    /// Weight of each concept id.
    pub weights: Vec<f64>,
    /// Distinct concept ids of each sentence (empty for ineligible sentences).
    pub of_sentence: Vec<Vec<u32>>,
}

/// Tuning of concept extraction and weighting.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ConceptOptions {
    /// Concepts found in fewer documents are ignored (scaled down for small clusters).
    pub min_docs: usize,
    /// Extra weight, as a multiple, for concepts sharing a term with the query.
    pub query_boost: f64,
    /// Extra weight for concepts seen in the first sentences of documents.
    pub lead_boost: f64,
}

impl Default for ConceptOptions {
    fn default() -> Self {
        ConceptOptions {
            min_docs: 3,
            query_boost: 1.0,
            lead_boost: 0.5,
        }
    }
}

impl Concepts {
    /// Extracts and weighs the concepts of `prepared`.
    pub fn new(prepared: &Prepared, opts: ConceptOptions) -> Concepts {
        let n_docs = prepared.cluster.documents.len();
        // Small clusters cannot demand agreement of three documents.
        let min_docs = opts.min_docs.min(n_docs.div_ceil(2)).max(1);
        let mut ids: HashMap<(u32, u32), u32> = HashMap::new();
        let mut df: Vec<u32> = Vec::new();
        let mut last_doc: Vec<usize> = Vec::new();
        let mut lead: Vec<bool> = Vec::new();
        let mut raw: Vec<Vec<u32>> = Vec::with_capacity(prepared.sentences.len());
        for (i, toks) in prepared.tokens.iter().enumerate() {
            let s = &prepared.sentences[i];
            let mut mine = Vec::new();
            for w in toks.windows(2) {
                if prepared.is_stop[w[0] as usize] && prepared.is_stop[w[1] as usize] {
                    continue;
                }
                let next = ids.len() as u32;
                let id = *ids.entry((w[0], w[1])).or_insert(next);
                if id == next {
                    df.push(0);
                    last_doc.push(usize::MAX);
                    lead.push(false);
                }
                let c = id as usize;
                if last_doc[c] != s.doc {
                    last_doc[c] = s.doc;
                    df[c] += 1;
                }
                if s.position < 2 {
                    lead[c] = true;
                }
                mine.push(id);
            }
            mine.sort_unstable();
            mine.dedup();
            raw.push(mine);
        }
        let query_terms: Vec<u32> = prepared
            .query
            .as_ref()
            .map(|q| q.entries().iter().map(|&(t, _)| t).collect())
            .unwrap_or_default();
        let mut weights = vec![0.0; df.len()];
        for (&(a, b), &id) in &ids {
            let c = id as usize;
            if (df[c] as usize) < min_docs {
                continue;
            }
            let mut w = df[c] as f64;
            if lead[c] {
                w *= 1.0 + opts.lead_boost;
            }
            if query_terms.contains(&a) || query_terms.contains(&b) {
                w *= 1.0 + opts.query_boost;
            }
            weights[c] = w;
        }
        let of_sentence = raw
            .into_iter()
            .enumerate()
            .map(|(i, cs)| {
                if prepared.eligible[i] {
                    cs.into_iter()
                        .filter(|&c| weights[c as usize] > 0.0)
                        .collect()
                } else {
                    Vec::new()
                }
            })
            .collect();
        Concepts {
            weights,
            of_sentence,
        }
    }

    /// Weight of sentence `i`'s concepts not yet in `covered`.
    pub fn gain(&self, i: usize, covered: &[bool]) -> f64 {
        self.of_sentence[i]
            .iter()
            .filter(|&&c| !covered[c as usize])
            .map(|&c| self.weights[c as usize])
            .sum()
    }
}
