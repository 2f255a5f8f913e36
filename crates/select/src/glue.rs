//! Glued pairs: a chosen sentence that refers back ("is taking that message to ...") read
//! right after the sentence its article put before it, which introduces what it refers to.
//!
//! Instead of dropping such a sentence, selection may offer it together with that earlier
//! sentence; the pair costs both sentences' words and is read as one passage, so every
//! word still comes from one article, in the article's order.

use crate::{Offer, Picker};

/// A chosen sentence that needs the sentence its article put right before it: the two are
/// offered together and read together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Glue {
    /// The earlier sentence, which introduces what `dependent` refers to.
    pub antecedent: usize,
    /// The sentence that refers back.
    pub dependent: usize,
}

/// Offers a glued pair: both sentences or neither (the antecedent may already be in, as
/// the opening or another pair's sentence). False when the pair does not fit or repeats
/// what is chosen.
pub(crate) fn offer_glued(picker: &mut Picker, g: &Glue) -> bool {
    let have = picker.chosen().contains(&g.antecedent);
    if picker.chosen().contains(&g.dependent) {
        return have;
    }
    if !have {
        let room = picker.fits_all(&[g.antecedent, g.dependent]);
        if !room || picker.prepared().similarity(g.antecedent, g.dependent) >= picker.threshold() {
            return false;
        }
        if picker.offer(g.antecedent) != Offer::Added {
            return false;
        }
    }
    picker.offer(g.dependent) == Offer::Added
}

/// Sentence `i` preceded by the antecedents glued to it, earliest first.
pub(crate) fn chain_to(i: usize, glued: &[Glue]) -> Vec<usize> {
    let mut chain = vec![i];
    while let Some(g) = glued.iter().find(|g| g.dependent == chain[0]) {
        if chain.contains(&g.antecedent) {
            break;
        }
        chain.insert(0, g.antecedent);
    }
    chain
}

/// The reading order with each glued antecedent moved right before its dependent; a pair
/// whose antecedent is the `lead` keeps it first, its dependent right after.
pub(crate) fn glue_order(ordered: &[usize], glued: &[Glue], lead: Option<usize>) -> Vec<usize> {
    let live: Vec<Glue> = glued
        .iter()
        .copied()
        .filter(|g| ordered.contains(&g.antecedent) && ordered.contains(&g.dependent))
        .collect();
    let is_antecedent = |i: usize| live.iter().any(|g| g.antecedent == i);
    let mut out: Vec<usize> = Vec::with_capacity(ordered.len());
    for &i in ordered {
        if out.contains(&i) {
            continue;
        }
        if is_antecedent(i) && Some(i) != lead {
            continue;
        }
        // Its own antecedents first, then it and, when it opens a chain, the rest.
        for c in chain_to(i, &live) {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        let mut at = i;
        while let Some(g) = live.iter().find(|g| g.antecedent == at) {
            if out.contains(&g.dependent) {
                break;
            }
            out.push(g.dependent);
            at = g.dependent;
        }
    }
    // Anything a cycle left out keeps its place at the end.
    for &i in ordered {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::doc;
    use crate::{summarize, Budget, Options};
    use chorus_model::Cluster;

    /// "is taking that message to carmakers" is worth choosing (the other articles report
    /// the show and the carmakers), but only right after the sentence that says what the
    /// message is.
    #[test]
    fn a_sentence_pointing_back_comes_with_the_sentence_before_it() {
        let cluster = Cluster {
            id: "seats".into(),
            documents: vec![
                doc(
                    "a",
                    "Cars should be designed with the safety of children in the back seat first in mind, a federal safety official said.\n\
                     Mara Quill, chairwoman of the Riverton safety board, is taking that message to carmakers at the Riverton auto show this week.\n\
                     Crashes are the leading cause of death for children older than five.\n",
                ),
                doc(
                    "b",
                    "The Riverton safety board wants carmakers to put children first.\n\
                     Most children ride in the back seat, where crashes kill many of them.\n",
                ),
                doc(
                    "c",
                    "Carmakers at the Riverton auto show heard calls for safer back seats.\n\
                     The Riverton auto show runs until Sunday.\n",
                ),
            ],
            ..Default::default()
        };
        let opts = Options {
            budget: Budget::Words(60),
            ..Options::default()
        };
        let summary = summarize(&cluster, &opts).expect("summary");
        let texts: Vec<String> = summary
            .sentences
            .iter()
            .map(|s| {
                let text = &cluster.documents[s.doc].text;
                s.spans
                    .iter()
                    .filter_map(|p| p.slice(text))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let at = texts
            .iter()
            .position(|t| t.contains("that message"))
            .unwrap_or_else(|| panic!("the pointing sentence was not chosen: {texts:?}"));
        assert!(at > 0, "{texts:?}");
        assert!(
            texts[at - 1].starts_with("Cars should be designed"),
            "{texts:?}"
        );
        assert_eq!(summary.sentences[at - 1].doc, summary.sentences[at].doc);
    }

    fn pair(antecedent: usize, dependent: usize) -> Glue {
        Glue {
            antecedent,
            dependent,
        }
    }

    #[test]
    fn an_antecedent_moves_right_before_its_dependent() {
        // Reading order 7, 3, 9, 4 with 3 glued before 4: 3 moves to 4's place.
        assert_eq!(
            glue_order(&[7, 3, 9, 4], &[pair(3, 4)], Some(7)),
            vec![7, 9, 3, 4]
        );
        // The dependent read first: its antecedent comes in just before it.
        assert_eq!(
            glue_order(&[7, 4, 9, 3], &[pair(3, 4)], Some(7)),
            vec![7, 3, 4, 9]
        );
    }

    #[test]
    fn a_lead_antecedent_stays_first_and_pulls_its_dependent_after_it() {
        assert_eq!(
            glue_order(&[2, 5, 8, 3], &[pair(2, 3)], Some(2)),
            vec![2, 3, 5, 8]
        );
    }

    #[test]
    fn chains_keep_article_order_and_absent_pairs_change_nothing() {
        let glued = [pair(4, 5), pair(5, 6)];
        assert_eq!(
            glue_order(&[9, 6, 1, 4, 5], &glued, Some(9)),
            vec![9, 4, 5, 6, 1]
        );
        assert_eq!(chain_to(6, &glued), vec![4, 5, 6]);
        // A pair whose antecedent was not chosen leaves the order alone.
        assert_eq!(glue_order(&[9, 6, 1], &glued[..1], Some(9)), vec![9, 6, 1]);
    }
}
