//! Turning user-facing summary settings into [`Options`], validated once.
//!
//! The CLI flags, the HTTP request fields and the Python keyword arguments are the same
//! knobs; every shell fills a [`SummarizeParams`] and calls [`summarize_options`], so the
//! defaults and the checks (budget of at least one, not both budgets, similarity in 0..=1,
//! not a query and ignore-query at once) live here, once.

use crate::{Budget, Method, Options};
use chorus_text::tokenize::StemmerChoice;

/// The settings a user can give for one summary; `None` means the library default.
#[derive(Debug, Clone, PartialEq)]
pub struct SummarizeParams {
    /// Which method picks the sentences.
    pub method: Method,
    /// Word budget (default 100 when no sentence budget is given).
    pub words: Option<usize>,
    /// Sentence budget instead of a word budget.
    pub sentences: Option<usize>,
    /// Focus question; overrides the cluster's own query.
    pub query: Option<String>,
    /// Ignore every query, the cluster's included.
    pub ignore_query: bool,
    /// Shorten sentences (attributions, asides) so more content fits.
    pub compress: bool,
    /// Remove news boilerplate before splitting.
    pub clean: bool,
    /// Similarity at which two sentences say the same thing.
    pub similarity: Option<f64>,
    /// Sentences with fewer words are never chosen.
    pub min_words: Option<usize>,
    /// Stemmer used when comparing words.
    pub stemmer: StemmerChoice,
    /// Keep stop words when comparing sentences.
    pub keep_stopwords: bool,
}

impl Default for SummarizeParams {
    fn default() -> Self {
        SummarizeParams {
            method: Options::default().method,
            words: None,
            sentences: None,
            query: None,
            ignore_query: false,
            compress: true,
            clean: true,
            similarity: None,
            min_words: None,
            stemmer: StemmerChoice::Snowball,
            keep_stopwords: false,
        }
    }
}

/// Settings that do not make a summary.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OptionsError {
    /// Both a word and a sentence budget were given.
    #[error("give either a word budget or a sentence budget, not both")]
    BothBudgets,
    /// A budget of zero.
    #[error("the {0} budget must be at least 1")]
    ZeroBudget(&'static str),
    /// Similarity threshold outside 0..=1 (or not a number).
    #[error("similarity must be between 0 and 1, got {0}")]
    Similarity(f64),
    /// A query was given together with the instruction to ignore queries.
    #[error("give a query or ignore queries, not both")]
    QueryAndIgnore,
}

/// Builds validated selection options from user settings.
pub fn summarize_options(p: &SummarizeParams) -> Result<Options, OptionsError> {
    let defaults = Options::default();
    let budget = match (p.words, p.sentences) {
        (Some(_), Some(_)) => return Err(OptionsError::BothBudgets),
        (_, Some(0)) => return Err(OptionsError::ZeroBudget("sentence")),
        (_, Some(n)) => Budget::Sentences(n),
        (Some(0), None) => return Err(OptionsError::ZeroBudget("word")),
        (Some(n), None) => Budget::Words(n),
        (None, None) => Budget::Words(100),
    };
    if p.ignore_query && p.query.is_some() {
        return Err(OptionsError::QueryAndIgnore);
    }
    let similarity = p.similarity.unwrap_or(defaults.similarity_threshold);
    if !(0.0..=1.0).contains(&similarity) {
        return Err(OptionsError::Similarity(similarity));
    }
    let mut opts = Options {
        method: p.method,
        budget,
        similarity_threshold: similarity,
        query: p.query.clone(),
        ignore_query: p.ignore_query,
        compress: p.compress,
        min_sentence_words: p.min_words.unwrap_or(defaults.min_sentence_words),
        ..defaults
    };
    opts.sentences.clean = p.clean;
    opts.tokenizer.stemmer = p.stemmer;
    opts.tokenizer.remove_stopwords = !p.keep_stopwords;
    Ok(opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_library_defaults_with_a_100_word_budget() {
        let opts = summarize_options(&SummarizeParams::default()).expect("valid");
        assert_eq!(opts, Options::default());
        assert_eq!(opts.budget, Budget::Words(100));
    }

    #[test]
    fn budgets_are_checked() {
        let both = SummarizeParams {
            words: Some(10),
            sentences: Some(2),
            ..Default::default()
        };
        assert_eq!(summarize_options(&both), Err(OptionsError::BothBudgets));
        let zero = SummarizeParams {
            sentences: Some(0),
            ..Default::default()
        };
        assert_eq!(
            summarize_options(&zero),
            Err(OptionsError::ZeroBudget("sentence"))
        );
        let three = SummarizeParams {
            sentences: Some(3),
            ..Default::default()
        };
        assert_eq!(
            summarize_options(&three).map(|o| o.budget),
            Ok(Budget::Sentences(3))
        );
    }

    #[test]
    fn similarity_outside_unit_interval_or_nan_is_refused() {
        for bad in [-0.1, 1.5, f64::NAN] {
            let p = SummarizeParams {
                similarity: Some(bad),
                ..Default::default()
            };
            assert!(summarize_options(&p).is_err(), "{bad}");
        }
    }

    #[test]
    fn switches_reach_the_text_options() {
        let p = SummarizeParams {
            clean: false,
            keep_stopwords: true,
            stemmer: StemmerChoice::None,
            compress: false,
            ..Default::default()
        };
        let o = summarize_options(&p).expect("valid");
        assert!(!o.sentences.clean && !o.tokenizer.remove_stopwords && !o.compress);
        assert_eq!(o.tokenizer.stemmer, StemmerChoice::None);
    }
}
