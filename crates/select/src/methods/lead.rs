//! Lead: the first sentences of each document, interleaved (first of every document, then
//! second of every document, ...). The classic news baseline: reporters put the most
//! important facts first (cf. the DUC lead baseline).

use crate::{Picker, Prepared, Summarizer};

/// First-k sentences of each document, interleaved.
pub(crate) struct Lead;

impl Summarizer for Lead {
    fn name(&self) -> &'static str {
        "lead"
    }

    fn select(&self, prepared: &Prepared, picker: &mut Picker) {
        let mut order: Vec<usize> = prepared.candidates().collect();
        // Rank among a document's eligible sentences, so a skipped fragment costs no turn.
        let mut rank = vec![0usize; prepared.sentences.len()];
        let mut seen = vec![0usize; prepared.cluster.documents.len()];
        for &i in &order {
            let d = prepared.sentences[i].doc;
            rank[i] = seen[d];
            seen[d] += 1;
        }
        order.sort_by_key(|&i| (rank[i], prepared.sentences[i].doc));
        for i in order {
            picker.offer(i);
        }
    }
}
