//! Deterministic readability checks of a finished summary, reported beside ROUGE so a
//! regression in how summaries read shows at once (`chorus eval`, the test suite).
//!
//! They count the defects blind assessors penalize and that surface rules can see: an
//! opening that is not an article lead, sentences opening with a reference nothing earlier
//! in the summary resolves (a pronoun, a demonstrative, "the panel" never introduced, a
//! surname whose full name the summary never gives), leading connectives ("So,",
//! "However,"), questions, quotations with no named speaker, and junk (labels, list items,
//! heads, transcript lines). They do not judge grammar or order beyond that; the blind
//! assessment does.

use chorus_model::{Cluster, Summary};

use crate::names::{names_in_full, DocNames};
use crate::references::Antecedents;
use crate::standalone::{self, Defect};

/// Counts of readability defects in one summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Readability {
    /// Sentences in the summary.
    pub sentences: usize,
    /// The first sentence is one of the first two sentences of its article.
    pub lead_first: bool,
    /// Sentences opening with a pronoun, a demonstrative or a definite description that
    /// nothing earlier in the summary introduces, or naming a person by a bare surname
    /// the summary never gives in full.
    pub unresolved: usize,
    /// Sentences opening with a connective ("So,", "However,", "But").
    pub connectives: usize,
    /// Questions.
    pub questions: usize,
    /// Direct quotations whose speaker the sentence does not name.
    pub unattributed_quotes: usize,
    /// Labels, list items, heads, transcript lines, fragments.
    pub junk: usize,
}

impl Readability {
    /// Sum of the defect counts (the lead is not counted).
    pub fn defects(&self) -> usize {
        self.unresolved + self.connectives + self.questions + self.unattributed_quotes + self.junk
    }
}

/// First words of connective phrases ("For that reason,", "As a result,"), counted as
/// connectives beside the single connective words of `standalone`.
const CONNECTIVE_PHRASE_STARTS: &[&str] = &[
    "for", "as", "in", "even", "by", "at", "after", "because", "to",
];

/// Checks `summary` of `cluster`, read as shown (each sentence's spans joined). `query` is
/// the question in force: it may introduce what a sentence refers to.
pub fn readability(cluster: &Cluster, summary: &Summary, query: Option<&str>) -> Readability {
    let mut r = Readability {
        sentences: summary.sentences.len(),
        ..Readability::default()
    };
    let mut antecedents = Antecedents::new();
    if let Some(q) = query {
        antecedents.read(q);
    }
    let mut names: Vec<Option<DocNames>> = (0..cluster.documents.len()).map(|_| None).collect();
    let mut earlier: Vec<String> = Vec::new();
    // The document and sentence index the previous summary sentence was cut from.
    let mut previous: Option<(usize, usize)> = None;
    let sentence_opts = chorus_text::SentenceOptions::default();
    for (k, s) in summary.sentences.iter().enumerate() {
        let Some(doc) = cluster.documents.get(s.doc) else {
            continue;
        };
        let pieces: Vec<&str> = s.spans.iter().filter_map(|p| p.slice(&doc.text)).collect();
        let shown = pieces.join(" ");
        let own = chorus_text::sentences(s.doc, &doc.text, &sentence_opts);
        let first = s.spans.first().map_or(0, |p| p.start);
        // The sentence the unit was cut from: the last one starting at or before its
        // first own piece (a repair's prefix may come from earlier, so use the max start).
        let start = s.spans.iter().map(|p| p.start).max().unwrap_or(first);
        let home = own
            .iter()
            .rposition(|x| x.span.start <= start && start < x.span.end);
        if k == 0 {
            r.lead_first = home.is_some_and(|h| h <= 1);
        }
        // The unit does not open on its sentence's first byte: a connective was cut, or a
        // role from the introduction goes first ("district spokesman Nat Harrington
        // said"); either way renderers show a capital.
        let opener_cut = home.is_some_and(|h| first != own[h].span.start);
        match standalone::defect(pieces.iter().copied(), opener_cut) {
            Some(Defect::Question) => r.questions += 1,
            Some(Defect::Junk) => r.junk += 1,
            Some(Defect::UnattributedQuote) => r.unattributed_quotes += 1,
            Some(Defect::UnbalancedQuote) => r.unattributed_quotes += 1,
            Some(Defect::DanglingOpener) => {
                let first_word = shown
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                if standalone::CONNECTIVE_WORDS.contains(&first_word.as_str())
                    || CONNECTIVE_PHRASE_STARTS.contains(&first_word.as_str())
                {
                    r.connectives += 1;
                } else {
                    r.unresolved += 1;
                }
            }
            None => {
                // Read right after the sentence its article put before it, "that message"
                // points where the reporter meant it to.
                let follows_its_own = matches!(
                    (previous, home),
                    (Some((d, h)), Some(at)) if d == s.doc && h + 1 == at
                );
                let definite = k > 0
                    && (antecedents.unresolved_after(&shown, follows_its_own)
                        || (!follows_its_own && crate::references::leans_on_previous(&shown)));
                let doc_names = names[s.doc].get_or_insert_with(|| DocNames::new(&doc.text));
                let sentence_start = home.map_or(start, |h| own[h].span.start);
                // The names of the sentence itself: spans a repair inserted from elsewhere
                // in the article (a name's introduction, a role) are not read as part of it.
                let own_spans: Vec<chorus_model::Span> = match home {
                    Some(h) => s
                        .spans
                        .iter()
                        .filter(|p| own[h].span.start <= p.start && p.end <= own[h].span.end)
                        .copied()
                        .collect(),
                    None => s.spans.clone(),
                };
                let bare = doc_names
                    .repairs(&doc.text, sentence_start, &own_spans)
                    .iter()
                    .any(|n| {
                        !names_in_full(&shown, &n.surname)
                            && !earlier.iter().any(|e| names_in_full(e, &n.surname))
                    });
                if definite || bare {
                    r.unresolved += 1;
                }
            }
        }
        antecedents.read(&shown);
        earlier.push(shown);
        previous = home.map(|h| (s.doc, h));
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{summarize, Options};
    use chorus_model::{Document, Selected, Span};

    fn cluster(text: &str) -> Cluster {
        Cluster {
            id: "c".into(),
            documents: vec![Document {
                id: "d".into(),
                text: text.into(),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn summary_of(c: &Cluster, sentences: &[&str]) -> Summary {
        let text = &c.documents[0].text;
        Summary {
            id: "c".into(),
            method: "test".into(),
            sentences: sentences
                .iter()
                .map(|s| {
                    let start = text.find(s).expect("sentence in text");
                    Selected {
                        doc: 0,
                        spans: vec![Span::new(start, start + s.len())],
                        ..Default::default()
                    }
                })
                .collect(),
        }
    }

    const TEXT: &str = "A United Nations panel of climate scientists met in Geneva on Monday. \
        Tom Wigley of the national research center presented new figures. \
        The panel said warming would speed up. Wigley said his model agreed. \
        So, the scientists concluded that emissions must fall. \
        Could this be related to global warming? \
        IMPACT: Coastal cities would flood more often.";

    #[test]
    fn a_clean_story_has_no_defects() {
        let c = cluster(TEXT);
        let s = summary_of(
            &c,
            &[
                "A United Nations panel of climate scientists met in Geneva on Monday.",
                "Tom Wigley of the national research center presented new figures.",
                "The panel said warming would speed up.",
                "Wigley said his model agreed.",
            ],
        );
        let r = readability(&c, &s, None);
        assert!(r.lead_first);
        assert_eq!(r.defects(), 0, "{r:?}");
    }

    /// A role inserted from the article's introduction ("Dr. Angell, editor of The New
    /// England Journal of Medicine, said") is not read as part of the sentence's own names:
    /// the eval once counted such a sentence as naming someone never introduced.
    #[test]
    fn an_inserted_role_does_not_count_as_a_name_of_the_sentence() {
        // "Alternative Medicine" reads as a name whose surname is "Medicine", so the role's
        // "Journal of Medicine" once looked like a bare surname in the quote's sentence.
        let text = "A new study questions herbal remedies for arthritis.\n\n\
            The center is part of the National Center for Complementary and Alternative \
            Medicine.\n\n\
            Dr. Marcia Angell, editor of The New England Journal of Medicine, said the center \
            had failed to publish. ``The proof is in the pudding,'' Dr. Angell said. ``Just \
            show us.''";
        let c = cluster(text);
        let lead = "A new study questions herbal remedies for arthritis.";
        let quote = "``The proof is in the pudding,'' Dr. Angell";
        let role = ", editor of The New England Journal of Medicine,";
        let at = |s: &str| text.find(s).expect("in text");
        let said = at(" said. ``Just") + 1;
        let s = Summary {
            id: "c".into(),
            method: "test".into(),
            sentences: vec![
                Selected {
                    doc: 0,
                    spans: vec![Span::new(0, lead.len())],
                    ..Default::default()
                },
                Selected {
                    doc: 0,
                    spans: vec![
                        Span::new(at(quote), at(quote) + quote.len()),
                        Span::new(at(role), at(role) + role.len()),
                        Span::new(said, said + "said.".len()),
                    ],
                    ..Default::default()
                },
            ],
        };
        let r = readability(&c, &s, None);
        assert_eq!(r.defects(), 0, "{r:?}");
    }

    #[test]
    fn each_defect_is_counted() {
        let c = cluster(TEXT);
        let s = summary_of(
            &c,
            &[
                "The panel said warming would speed up.",
                "Wigley said his model agreed.",
                "So, the scientists concluded that emissions must fall.",
                "Could this be related to global warming?",
                "IMPACT: Coastal cities would flood more often.",
            ],
        );
        let r = readability(&c, &s, None);
        assert!(!r.lead_first);
        assert_eq!(r.unresolved, 1, "Wigley is never introduced: {r:?}");
        assert_eq!(r.connectives, 1, "{r:?}");
        assert_eq!(r.questions, 1, "{r:?}");
        assert_eq!(r.junk, 1, "{r:?}");
    }

    #[test]
    fn our_own_summary_of_the_fixture_passes_its_checks() {
        let c = cluster(TEXT);
        let s = summarize(&c, &Options::default()).expect("summary");
        let r = readability(&c, &s, None);
        assert_eq!(r.defects(), 0, "{r:?}");
        assert!(r.lead_first);
    }
}
