//! The opening sentence: the one that states the main event.
//!
//! A news summary opens the way a news story does, with who did what, where and when. The
//! sentences written for that job are the articles' leads, so the opening is chosen among
//! each article's first sentences, by how much of the cluster's content it carries (cosine
//! to the cluster centroid) and, with a question, how directly it answers it. It is placed
//! in the summary before the method chooses the rest, so the method's budget and
//! redundancy rule work around it, and `order` keeps it first.

use crate::standalone;
use crate::{Budget, Prepared};

/// Only sentences this early in their article count as its lead (positions of kept
/// sentences: a lead split off a dateline or a one-line teaser is the second).
const LEAD_POSITIONS: usize = 2;
/// A lead shorter than this rarely states an event ("Officials were cautious.").
const MIN_LEAD_WORDS: usize = 10;
/// A lead may take at most this share of a word budget, so one long sentence cannot
/// crowd out the rest of a short summary.
const MAX_LEAD_SHARE: f64 = 0.45;

/// Weight of the similarity to the question against centrality.
const FOCUS_WEIGHT: f64 = 2.0;

/// The sentence to open the summary with, or `None` when no article lead qualifies.
pub(crate) fn choose(prepared: &Prepared, budget: Budget) -> Option<usize> {
    let centroid = crate::methods::centroid(prepared);
    let max_words = match budget {
        Budget::Words(n) => ((n as f64 * MAX_LEAD_SHARE) as usize).max(MIN_LEAD_WORDS),
        Budget::Sentences(_) => usize::MAX,
    };
    let mut best: Option<(f64, usize)> = None;
    for i in prepared.candidates() {
        let s = &prepared.sentences[i];
        if s.position >= LEAD_POSITIONS
            || prepared.words[i] < MIN_LEAD_WORDS
            || prepared.words[i] > max_words
            || s.kind != chorus_model::SentenceKind::Body
        {
            continue;
        }
        let text = &prepared.cluster.documents[s.doc].text;
        if standalone::quotes_anything(prepared.pieces[i].iter().filter_map(|p| p.slice(text))) {
            continue;
        }
        let centrality = centroid.dot(&prepared.vectors[i]).clamp(0.0, 1.0);
        let focus = prepared.query_similarity(i).unwrap_or(0.0);
        // The very first sentence is the reporter's lead; the second only stands in for it.
        let place = if s.position == 0 { 1.0 } else { 0.85 };
        // With a question, the opening should answer it: its similarity counts twice
        // (dev ROUGE-2 / SU4 with the question 0.0975 / 0.1521, was 0.0971 / 0.1511 at once).
        let score = (centrality + FOCUS_WEIGHT * focus) * place;
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}
