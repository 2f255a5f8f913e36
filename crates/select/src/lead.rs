//! The opening sentence: the one that states the main event.
//!
//! A news summary opens the way a news story does, with who did what, where and when. The
//! sentences written for that job are the articles' leads, so the opening is chosen among
//! each article's first sentences, by how much of the cluster's content it carries (cosine
//! to the cluster centroid) and, with a question, how directly it answers it. It is placed
//! in the summary before the method chooses the rest, so the method's budget and
//! redundancy rule work around it, and `order` keeps it first.

use crate::{references, standalone};
use crate::{Budget, Prepared};

/// Only sentences this early in their article count as its lead (positions of kept
/// sentences: a lead split off a dateline or a one-line teaser is the second).
pub(crate) const LEAD_POSITIONS: usize = 2;
/// A lead shorter than this rarely states an event ("Officials were cautious.").
const MIN_LEAD_WORDS: usize = 10;
/// A lead may take at most this share of a word budget, so one long sentence cannot
/// crowd out the rest of a short summary.
const MAX_LEAD_SHARE: f64 = 0.45;

/// With a question, a sentence past the leads opens when it answers the question (its
/// similarity at least this) and no lead touches it ([`LEAD_TOUCHES`]): a pointed
/// question ("How will buses be rerouted?") that the leads do not address. Broad topic
/// statements (DUC's) keep the lead: their later matches read as background or reactions
/// (dev: two such openers, "Even then they seemed prepared ...", at similarity 0.32
/// against leads at 0.12).
const MIN_ANSWER_FOCUS: f64 = 0.3;
/// A lead at least this similar to the question is on its topic.
const LEAD_TOUCHES: f64 = 0.1;

/// Weight of the similarity to the question against centrality.
const FOCUS_WEIGHT: f64 = 2.0;

/// The sentence to open the summary with, or `None` when no sentence qualifies.
///
/// Without a question it is the best article lead. With one, a later sentence opens
/// instead when it answers the question and no lead does. A lead that opens on something
/// the reader has not met ("The young men, all scions of ...": a feature's first line)
/// cannot open a summary, unless the `query` introduces it.
pub(crate) fn choose(prepared: &Prepared, budget: Budget, query: Option<&str>) -> Option<usize> {
    let centroid = prepared.centroid();
    let mut known = references::Antecedents::new();
    if let Some(q) = query {
        known.read(q);
    }
    let max_words = match budget {
        Budget::Words(n) => ((n as f64 * MAX_LEAD_SHARE) as usize).max(MIN_LEAD_WORDS),
        Budget::Sentences(_) => usize::MAX,
    };
    // (score, focus, sentence) of the best lead and of the best answer past the leads.
    let mut lead: Option<(f64, f64, usize)> = None;
    let mut answer: Option<(f64, f64, usize)> = None;
    // Every sentence's position is read before whether it may be chosen: without a
    // question, only the leads are asked (see `Prepared::eligible`).
    for (i, s) in prepared.sentences.iter().enumerate() {
        let focus = prepared.query_similarity(i);
        if (focus.is_none() && s.position >= LEAD_POSITIONS)
            || !prepared.eligible(i)
            || prepared.words(i) < MIN_LEAD_WORDS
            || prepared.words(i) > max_words
            || s.kind != chorus_model::SentenceKind::Body
        {
            continue;
        }
        let centrality = centroid.dot(&prepared.vectors[i]).clamp(0.0, 1.0);
        let focus = focus.unwrap_or(0.0);
        // With a question, the opening should answer it: its similarity counts twice
        // (dev ROUGE-2 / SU4 with the question 0.0975 / 0.1521, was 0.0971 / 0.1511 at once).
        let score = centrality + FOCUS_WEIGHT * focus;
        // The very first sentence is the reporter's lead; the second only stands in for it.
        let (slot, score) = match s.position {
            0 => (&mut lead, score),
            1 => (&mut lead, score * 0.85),
            _ => (&mut answer, focus),
        };
        // The tests below only rule a sentence out: one that would not beat the best so
        // far needs none of them.
        if !slot.is_none_or(|(b, _, _)| score > b) {
            continue;
        }
        let text = &prepared.cluster.documents[s.doc].text;
        let shown = || prepared.pieces[i].iter().filter_map(|p| p.slice(text));
        if standalone::quotes_anything(shown()) {
            continue;
        }
        let shown: Vec<&str> = shown().collect();
        let shown = shown.join(" ");
        if known.unresolved(&shown) || references::leans_on_previous(&shown) {
            continue;
        }
        *slot = Some((score, focus, i));
    }
    match (lead, answer) {
        (Some((_, lead_focus, _)), Some((_, focus, i)))
            if focus >= MIN_ANSWER_FOCUS && lead_focus < LEAD_TOUCHES =>
        {
            Some(i)
        }
        (Some((_, _, i)), _) => Some(i),
        (None, Some((_, focus, i))) if focus >= MIN_ANSWER_FOCUS => Some(i),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::doc;
    use crate::{summarize, Budget, Options};
    use chorus_model::Cluster;

    /// The text of the sentence a one-sentence summary of `cluster` opens with.
    fn opening(cluster: &Cluster) -> String {
        let opts = Options {
            budget: Budget::Sentences(1),
            ..Options::default()
        };
        let summary = summarize(cluster, &opts).expect("summary");
        let s = &summary.sentences[0];
        let text = &cluster.documents[s.doc].text;
        s.spans.iter().filter_map(|sp| sp.slice(text)).collect()
    }

    fn first_sentence(query: Option<&str>) -> String {
        let cluster = Cluster {
            id: "bridge".into(),
            query: query.map(Into::into),
            documents: vec![
                doc(
                    "a",
                    "State inspectors closed the Old Mill Bridge over the Quarry River on Monday after finding a cracked steel beam. \
                     Repairs to the bridge are expected to take at least six weeks, the county engineer said. \
                     Bus routes 4 and 11 will be rerouted across the Canal Street bridge until the work is finished.",
                ),
                doc(
                    "b",
                    "The Old Mill Bridge was closed to all traffic on Monday after inspectors found a cracked beam under its eastern span. \
                     The county engineer said repairs to the cracked beam would take at least six weeks. \
                     Drivers were told to use the highway bypass during the repairs.",
                ),
            ],
            ..Default::default()
        };
        opening(&cluster)
    }

    #[test]
    fn a_generic_summary_opens_with_an_article_lead() {
        assert!(
            first_sentence(None).contains("closed"),
            "{}",
            first_sentence(None)
        );
    }

    #[test]
    fn a_pointed_question_no_lead_touches_is_answered_first() {
        let first = first_sentence(Some("How will buses be rerouted?"));
        assert!(first.starts_with("Bus routes 4 and 11"), "{first}");
    }

    /// Blind round 10: a feature's first line ("The young men, all scions of ...") opened a
    /// summary though nothing introduced the young men.
    #[test]
    fn a_lead_opening_on_something_unintroduced_does_not_open() {
        let cluster = Cluster {
            id: "wine".into(),
            documents: vec![
                doc(
                    "a",
                    "The young men, all heirs of old valley wine families, worried about how young adults in the valley drink wine. \
                     They started a club for young wine drinkers in the valley last spring.",
                ),
                doc(
                    "b",
                    "A survey found fewer drinkers of wine among the young. \
                     Old wine families in the valley are worried about how young adults drink wine.",
                ),
                doc(
                    "c",
                    "Valley wine families held a meeting on Friday. \
                     Heirs of the wine families worry how young adults in the valley drink wine.",
                ),
            ],
            ..Default::default()
        };
        let first = opening(&cluster);
        assert!(!first.starts_with("The young men"), "{first}");
    }
}
