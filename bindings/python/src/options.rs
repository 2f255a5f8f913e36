//! Keyword arguments to [`chorus_select::Options`], checked the way the CLI checks its flags.

use chorus_select::{summarize_options, Method, Options, SummarizeParams};
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
    /// Converts the Python values (integers that may be negative, names as strings) and
    /// hands them to the library's one validation, [`summarize_options`], which the CLI and
    /// the server use too.
    pub(crate) fn options(&self) -> PyResult<Options> {
        let words = self.words.map(|n| at_least_one("words", n)).transpose()?;
        let sentences = self
            .sentences
            .map(|n| at_least_one("sentences", n))
            .transpose()?;
        let method = match &self.method {
            None => Options::default().method,
            Some(name) => name
                .parse::<Method>()
                .map_err(|e| PyValueError::new_err(e.to_string()))?,
        };
        let min_words = self
            .min_words
            .map(|n| {
                usize::try_from(n).map_err(|_| {
                    PyValueError::new_err(format!("min_words must be 0 or more, got {n}"))
                })
            })
            .transpose()?;
        let stemmer = match self.stemmer.as_deref() {
            None => Options::default().tokenizer.stemmer,
            Some(s) if s.eq_ignore_ascii_case("snowball") => StemmerChoice::Snowball,
            Some(s) if s.eq_ignore_ascii_case("none") => StemmerChoice::None,
            Some(other) => {
                return Err(PyValueError::new_err(format!(
                    "unknown stemmer {other:?} (known: snowball, none)"
                )))
            }
        };
        let params = SummarizeParams {
            method,
            words,
            sentences,
            query: self.query.clone(),
            ignore_query: self.ignore_query,
            compress: self.compress,
            clean: self.clean,
            similarity: self.similarity,
            min_words,
            stemmer,
            keep_stopwords: self.keep_stopwords,
        };
        summarize_options(&params).map_err(|e| PyValueError::new_err(e.to_string()))
    }
}
