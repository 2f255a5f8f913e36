//! Greedy concept coverage: repeatedly add the sentence with the most uncovered concept
//! weight per word (the budgeted maximum-coverage greedy of Khuller, Moss & Naor 1999,
//! applied to the concepts of Gillick & Favre 2009). Fast, and close to the exact
//! optimum that `ilp` computes.

use super::concepts::{ConceptOptions, Concepts};
use crate::{Picker, Prepared, Summarizer};

/// Greedy budgeted concept coverage.
pub(crate) struct Coverage {
    /// Concept extraction and weighting.
    pub concepts: ConceptOptions,
    /// Length penalty exponent: gain is divided by `words^length_exponent`.
    pub length_exponent: f64,
}

impl Default for Coverage {
    fn default() -> Self {
        Coverage {
            concepts: ConceptOptions::default(),
            length_exponent: 1.0,
        }
    }
}

impl Summarizer for Coverage {
    fn name(&self) -> &'static str {
        "coverage"
    }

    fn select(&self, prepared: &Prepared, picker: &mut Picker) {
        let concepts = prepared.concepts(self.concepts);
        greedy(prepared, picker, &concepts, self.length_exponent);
    }
}

/// Adds sentences by best uncovered weight per word until nothing with positive gain
/// fits; shared with `ilp`, which uses it to fill what its solution leaves.
pub(crate) fn greedy(prepared: &Prepared, picker: &mut Picker, concepts: &Concepts, exponent: f64) {
    let mut covered = vec![false; concepts.weights.len()];
    for &i in picker.chosen() {
        for &c in &concepts.of_sentence[i] {
            covered[c as usize] = true;
        }
    }
    // Only a sentence that may be chosen holds concepts (`Concepts::new`).
    let mut open: Vec<usize> = (0..prepared.sentences.len())
        .filter(|&i| !concepts.of_sentence[i].is_empty())
        .collect();
    let score = |i: usize, covered: &[bool]| {
        let gain = concepts.gain(i, covered);
        (gain > 0.0).then(|| gain / (prepared.words(i).max(1) as f64).powf(exponent))
    };
    while let Some(i) = super::best_open(picker, &mut open, |i| score(i, &covered)) {
        picker.offer(i);
        for &c in &concepts.of_sentence[i] {
            covered[c as usize] = true;
        }
    }
}
