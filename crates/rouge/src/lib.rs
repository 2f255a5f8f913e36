//! ROUGE scoring that reproduces the official scorers number for number.
//!
//! Two references exist and they disagree: NIST's `ROUGE-1.5.5.pl` (the numbers in papers
//! since DUC) and Google's `rouge-score` Python package (the numbers in most recent papers).
//! This crate implements both exactly, selected by [`Compat`]: the Perl script's
//! tokenization, stemmer (Porter + WordNet exceptions), stop list, truncation, union-LCS,
//! ROUGE-W, skip-bigrams (with its unigram quirk) and its rounding to five decimals; or
//! rouge-score's tokenizer, NLTK-Porter stemming, LCS and `rougeLsum`. [`Compat::Default`]
//! is the Perl semantics with letters of any script kept, so non-English text scores.
//!
//! It is a library first: [`score`] takes a prediction and references (one sentence per
//! line) and a [`Config`], and returns serde-serializable [`Scores`]; [`Scorer`] is the
//! reusable form for batches. It does not read files or parse ROUGE-1.5.5 command lines
//! beyond [`Config::from_rouge155_args`]; the CLI does the rest.
//!
//! Design: every token is interned to a `u32` once (stemming is cached per distinct word),
//! n-grams are packed into one `u128` key, and counting is a sort of the packed keys into a
//! reused buffer followed by a merge, so the hot loop allocates nothing per n-gram. ROUGE-W's
//! weighted-LCS rows are built as running maxima between match columns (found from
//! per-token bit sets of the peer sentence) with the script's exact float operations; a
//! [`Scorer`] remembers each (prediction, reference) pair's counts while the same
//! prediction is scored again, so jackknifed subsets only recombine them.

mod bootstrap;
mod config;
mod metrics;
mod porter155;
mod porter_nltk;
mod scorer;
mod tokenize;

pub use bootstrap::{bootstrap_rouge155, bootstrap_rouge_score, Aggregate, Interval};
pub use config::{Compat, Config, Limit, Metric, MultiRef};
pub use scorer::{jackknife, score, Scorer};

use serde::{Deserialize, Serialize};

/// Recall, precision and F-measure of one metric.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// Recall: matched units over reference units.
    pub r: f64,
    /// Precision: matched units over prediction units.
    pub p: f64,
    /// F-measure with the configured alpha (`-p`; 0.5 is the harmonic mean).
    pub f: f64,
}

/// Scores of one prediction, metric name -> [`Score`], in the order the metrics were asked
/// for. Serializes as a JSON object (`{"rouge-1": {"r":..,"p":..,"f":..}, ...}`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores(pub Vec<(String, Score)>);

impl Scores {
    /// The score of a metric by name (`"rouge-1"`, `"rouge-l"`, `"rouge-su4"`, ...).
    pub fn get(&self, metric: &str) -> Option<&Score> {
        self.0.iter().find(|(m, _)| m == metric).map(|(_, s)| s)
    }

    /// Iterates (metric name, score) in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Score)> {
        self.0.iter().map(|(m, s)| (m.as_str(), s))
    }
}

impl Serialize for Scores {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Scores {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Scores;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of metric name to {r,p,f}")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Scores, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = a.next_entry::<String, Score>()? {
                    out.push((k, v));
                }
                Ok(Scores(out))
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum RougeError {
    /// A metric name that is not one of `rouge-N` (1-9), `rouge-l`, `rouge-lsum`,
    /// `rouge-w-W`, `rouge-sK`, `rouge-suK`, `rouge-s*`, `rouge-su*` (or rouge-score's
    /// `rouge1`, `rougeL`, `rougeLsum`).
    #[error("unknown ROUGE metric {0:?}")]
    UnknownMetric(String),
    /// An option outside its range (alpha not in [0,1], a W weight <= 0, ...).
    #[error("invalid ROUGE option: {0}")]
    InvalidOption(String),
    /// Scoring needs at least one reference.
    #[error("no reference summary given")]
    NoReferences,
    /// The texts are too long for a metric whose work grows with the product of their
    /// lengths (ROUGE-L/Lsum/W, unbounded skip-bigrams): see [`MAX_LCS_WORDS`],
    /// [`MAX_WLCS_CELLS`] and [`MAX_SKIP_BIGRAMS`].
    #[error("too long to score: {0}")]
    TooLong(String),
}

/// The most work ROUGE-L / ROUGE-Lsum may take for one (prediction, reference) pair, in
/// 64-cell words of the bit-parallel LCS table (prediction tokens x reference tokens / 64,
/// plus one row and one traceback per pair of sentences). About 250,000 x 250,000 tokens
/// in one line each (a 1 MB line against itself, in about a second), or 100,000 tokens
/// in 10-token sentences against 1,000 such sentences. Over it: [`RougeError::TooLong`].
pub const MAX_LCS_WORDS: u64 = 1 << 30;

/// The most cells ROUGE-W's weighted-LCS table may have for one (prediction, reference)
/// pair (it cannot be bit-parallel: its cells are sums of powers): about 16,000 x 16,000
/// tokens. Over it: [`RougeError::TooLong`].
pub const MAX_WLCS_CELLS: u64 = 1 << 28;

/// The most skip-bigram keys one text may make (`rouge-s*` pairs every two tokens, so a
/// 4,096-token text is at the limit; `rouge-su4` makes five a token). Over it:
/// [`RougeError::TooLong`].
pub const MAX_SKIP_BIGRAMS: u64 = 1 << 23;
