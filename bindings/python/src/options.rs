//! Keyword arguments to [`chorus_select::Options`], checked the way the CLI checks its flags.

use chorus_select::{Budget, Method, Options};
use chorus_text::tokenize::StemmerChoice;
use pyo3::exceptions::PyValueError;
use pyo3::PyResult;

/// The summarization keyword arguments shared by `summarize` and `summarize_batch`.
pub(crate) struct SummaryArgs {
    pub words: Option<i64>,
    pub sentences: Option<i64>,
    pub method: Option<String>,
    pub query: Option<String>,
    pub compress: bool,
    pub ignore_query: bool,
    pub similarity: Option<f64>,
    pub min_words: Option<i64>,
    pub clean: bool,
    pub stemmer: Option<String>,
    pub keep_stopwords: bool,
}

/// The default word budget when neither `words` nor `sentences` is given (the CLI's).
pub(crate) const DEFAULT_WORDS: usize = 100;

fn at_least_one(name: &str, n: i64) -> PyResult<usize> {
    match usize::try_from(n) {
        Ok(v) if v >= 1 => Ok(v),
        _ => Err(PyValueError::new_err(format!(
            "{name} must be at least 1, got {n}"
        ))),
    }
}

impl SummaryArgs {
    /// Validates the arguments and builds the library's options.
    pub(crate) fn options(&self) -> PyResult<Options> {
        let defaults = Options::default();
        let budget = match (self.words, self.sentences) {
            (Some(_), Some(_)) => {
                return Err(PyValueError::new_err("give words or sentences, not both"))
            }
            (_, Some(n)) => Budget::Sentences(at_least_one("sentences", n)?),
            (Some(n), None) => Budget::Words(at_least_one("words", n)?),
            (None, None) => Budget::Words(DEFAULT_WORDS),
        };
        if self.ignore_query && self.query.is_some() {
            return Err(PyValueError::new_err(
                "give query or ignore_query=True, not both",
            ));
        }
        let method = match &self.method {
            None => defaults.method,
            Some(name) => name
                .parse::<Method>()
                .map_err(|e| PyValueError::new_err(e.to_string()))?,
        };
        let similarity = self.similarity.unwrap_or(defaults.similarity_threshold);
        if !(0.0..=1.0).contains(&similarity) {
            return Err(PyValueError::new_err(format!(
                "similarity must be between 0 and 1, got {similarity}"
            )));
        }
        let min_sentence_words = match self.min_words {
            None => defaults.min_sentence_words,
            Some(n) => usize::try_from(n).map_err(|_| {
                PyValueError::new_err(format!("min_words must be 0 or more, got {n}"))
            })?,
        };
        let stemmer = match self.stemmer.as_deref() {
            None => defaults.tokenizer.stemmer,
            Some(s) if s.eq_ignore_ascii_case("snowball") => StemmerChoice::Snowball,
            Some(s) if s.eq_ignore_ascii_case("none") => StemmerChoice::None,
            Some(other) => {
                return Err(PyValueError::new_err(format!(
                    "unknown stemmer {other:?} (known: snowball, none)"
                )))
            }
        };
        let mut opts = Options {
            method,
            budget,
            similarity_threshold: similarity,
            query: self.query.clone(),
            ignore_query: self.ignore_query,
            compress: self.compress,
            min_sentence_words,
            ..defaults
        };
        opts.sentences.clean = self.clean;
        opts.tokenizer.stemmer = stemmer;
        opts.tokenizer.remove_stopwords = !self.keep_stopwords;
        Ok(opts)
    }
}
