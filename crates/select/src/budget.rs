//! The budget and the redundancy rule every method obeys.

use crate::Prepared;

/// How long a summary may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    /// At most this many words in all (whole sentences only; shorter ones fill the rest).
    Words(usize),
    /// At most this many sentences.
    Sentences(usize),
}

/// What happened when a method offered a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offer {
    /// The sentence is now part of the summary.
    Added,
    /// It does not fit in what is left of the budget.
    TooLong,
    /// It says what a chosen sentence already says.
    Redundant,
    /// It may not be chosen (too short, no content, or already chosen).
    Ineligible,
}

/// Collects a method's choices, refusing what overflows the budget or repeats a chosen
/// sentence, so no method can break either rule.
#[derive(Debug)]
pub struct Picker<'p> {
    prepared: &'p Prepared<'p>,
    budget: Budget,
    threshold: f64,
    chosen: Vec<usize>,
    taken: Vec<bool>,
    words: usize,
}

impl<'p> Picker<'p> {
    /// An empty summary with the given budget and similarity threshold.
    pub fn new(prepared: &'p Prepared<'p>, budget: Budget, threshold: f64) -> Picker<'p> {
        Picker {
            prepared,
            budget,
            threshold,
            chosen: Vec::new(),
            taken: vec![false; prepared.sentences.len()],
            words: 0,
        }
    }

    /// Offers sentence `i`; it is added only if eligible, fitting and not redundant.
    pub fn offer(&mut self, i: usize) -> Offer {
        if i >= self.taken.len() || self.taken[i] || !self.prepared.eligible(i) {
            return Offer::Ineligible;
        }
        if !self.fits(i) {
            return Offer::TooLong;
        }
        if self.is_redundant(i) {
            return Offer::Redundant;
        }
        self.taken[i] = true;
        self.chosen.push(i);
        self.words += self.prepared.words(i);
        Offer::Added
    }

    /// Keeps sentence `i` out of this summary (it was found unusable in context).
    pub fn exclude(&mut self, i: usize) {
        if let Some(t) = self.taken.get_mut(i) {
            *t = true;
        }
    }

    /// True when sentence `i` fits in what is left of the budget.
    pub fn fits(&self, i: usize) -> bool {
        self.fits_all(&[i])
    }

    /// True when the `sentences` together fit in what is left of the budget (a pair that
    /// is chosen both or neither).
    pub fn fits_all(&self, sentences: &[usize]) -> bool {
        match self.budget {
            Budget::Words(n) => {
                self.words
                    + sentences
                        .iter()
                        .map(|&i| self.prepared.words(i))
                        .sum::<usize>()
                    <= n
            }
            Budget::Sentences(n) => self.chosen.len() + sentences.len() <= n,
        }
    }

    /// True when sentence `i` is at least `threshold`-similar to a chosen sentence.
    /// A sentence stating a figure a chosen one states ("killing all 217 people") repeats
    /// that fact too.
    pub fn is_redundant(&self, i: usize) -> bool {
        let figures = &self.prepared.figures[i];
        self.chosen.iter().any(|&c| {
            self.prepared.similarity(i, c) >= self.threshold
                || figures.iter().any(|f| self.prepared.figures[c].contains(f))
        })
    }

    /// True when sentence `i` could still be added (eligible, unchosen, fits, not redundant).
    pub fn can_add(&self, i: usize) -> bool {
        i < self.taken.len()
            && !self.taken[i]
            && self.prepared.eligible(i)
            && self.fits(i)
            && !self.is_redundant(i)
    }

    /// True when no further sentence can fit.
    pub fn is_full(&self) -> bool {
        match self.budget {
            Budget::Words(n) => {
                self.words >= n
                    || self
                        .prepared
                        .candidates()
                        .all(|i| self.taken[i] || !self.fits(i))
            }
            Budget::Sentences(n) => self.chosen.len() >= n,
        }
    }

    /// The chosen sentences, in the order they were added.
    pub fn chosen(&self) -> &[usize] {
        &self.chosen
    }

    /// The prepared cluster the sentences come from.
    pub fn prepared(&self) -> &'p Prepared<'p> {
        self.prepared
    }

    /// The budget this picker enforces.
    pub fn budget(&self) -> Budget {
        self.budget
    }

    /// The similarity at which a sentence counts as a repeat.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Words used so far.
    pub fn words_used(&self) -> usize {
        self.words
    }

    /// Gives up the chosen sentences.
    pub fn into_chosen(self) -> Vec<usize> {
        self.chosen
    }

    /// Offers candidates from best to worst `scores` (ties: earlier sentence first) until
    /// the budget is full; the common driver for methods that score sentences once.
    pub fn fill_by_score(&mut self, scores: &[f64]) {
        let mut order: Vec<usize> = self.prepared.candidates().collect();
        order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
        for i in order {
            if let Budget::Sentences(n) = self.budget {
                if self.chosen.len() >= n {
                    break;
                }
            }
            self.offer(i);
        }
    }
}
