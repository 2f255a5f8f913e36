//! Sentence selection: the summarization methods and everything around them.
//!
//! Given a [`Cluster`], [`summarize`] runs the text layer (cleaning, splitting, terms),
//! lets one [`Summarizer`] choose sentences under a [`Budget`] while a shared [`Picker`]
//! refuses redundant ones, orders the result for reading, and attributes every chosen
//! sentence to its document and to the other documents that corroborate it.
//!
//! Not here: reading files (`chorus-ingest`), turning a summary into text or JSON
//! (`chorus-render`), scoring against references (`chorus-rouge`).
//!
//! Key design choice: methods only *rank or pick*; the budget, the redundancy rule, the
//! ordering and the attribution are shared code, so every method obeys the same contract
//! and a new method is a small file in `methods/`.

mod attribute;
mod budget;
pub mod compress;
mod methods;
mod order;
mod params;
mod prepare;
mod similarity;

use std::fmt;
use std::str::FromStr;

use chorus_model::{Cluster, Selected, Summary};
use chorus_text::tokenize::TokenizerOptions;
use chorus_text::SentenceOptions;

pub use budget::{Budget, Picker};
pub use methods::{summarizer_for, Summarizer};
pub use params::{summarize_options, OptionsError, SummarizeParams};
pub use prepare::Prepared;
pub use similarity::SparseVec;

/// Why a cluster could not be summarized.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectError {
    /// The cluster holds no documents at all.
    #[error("cluster {cluster}: no documents")]
    NoDocuments {
        /// Cluster id.
        cluster: String,
    },
    /// Every document was empty or boilerplate: nothing to choose from.
    #[error("cluster {cluster}: no usable sentence in {documents} document(s)")]
    NoUsableSentence {
        /// Cluster id.
        cluster: String,
        /// Number of documents looked at.
        documents: usize,
    },
}

/// The summarization methods, selectable by name (`--method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// First sentences of each document, interleaved.
    Lead,
    /// Continuous LexRank (Erkan & Radev 2004).
    LexRank,
    /// TextRank (Mihalcea & Tarau 2004).
    TextRank,
    /// Centroid-based selection (Radev et al. 2004).
    Centroid,
    /// Maximal Marginal Relevance (Carbonell & Goldstein 1998).
    Mmr,
    /// SumBasic (Nenkova & Vanderwende 2005).
    SumBasic,
    /// KLSum (Haghighi & Vanderwende 2009).
    KlSum,
    /// Greedy concept coverage (Gillick & Favre 2009 concepts, budgeted greedy).
    Coverage,
    /// Exact concept coverage by ILP (Gillick & Favre 2009).
    Ilp,
    /// Submodular coverage plus diversity (Lin & Bilmes 2011).
    Submodular,
}

impl Method {
    /// Every method, in the order help texts and tables list them.
    pub const ALL: &'static [Method] = &[
        Method::Lead,
        Method::LexRank,
        Method::TextRank,
        Method::Centroid,
        Method::Mmr,
        Method::SumBasic,
        Method::KlSum,
        Method::Coverage,
        Method::Ilp,
        Method::Submodular,
    ];

    /// The method's name as used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Method::Lead => "lead",
            Method::LexRank => "lexrank",
            Method::TextRank => "textrank",
            Method::Centroid => "centroid",
            Method::Mmr => "mmr",
            Method::SumBasic => "sumbasic",
            Method::KlSum => "klsum",
            Method::Coverage => "coverage",
            Method::Ilp => "ilp",
            Method::Submodular => "submodular",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The name given to `--method` is not one we know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown method {0:?} (known: lead, lexrank, textrank, centroid, mmr, sumbasic, klsum, coverage, ilp, submodular)")]
pub struct UnknownMethod(pub String);

impl FromStr for Method {
    type Err = UnknownMethod;
    fn from_str(s: &str) -> Result<Method, UnknownMethod> {
        let lower = s.to_ascii_lowercase();
        Method::ALL
            .iter()
            .copied()
            .find(|m| m.name() == lower)
            .ok_or_else(|| UnknownMethod(s.to_string()))
    }
}

/// Everything that shapes a summary besides the input.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Which method picks the sentences.
    pub method: Method,
    /// How long the summary may be.
    pub budget: Budget,
    /// Two sentences whose similarity reaches this value say the same thing: the second is
    /// never added, and each counts as corroborating the other's document.
    pub similarity_threshold: f64,
    /// Focus question; overrides the cluster's own `query` when set.
    pub query: Option<String>,
    /// Ignore any query, the cluster's included (generic summarization).
    pub ignore_query: bool,
    /// Shorten sentences (attributions, parentheticals, asides) so more content fits.
    pub compress: bool,
    /// Sentences with fewer words are never chosen (fragments, bylines).
    pub min_sentence_words: usize,
    /// How sentences are found.
    pub sentences: SentenceOptions,
    /// How sentences become terms.
    pub tokenizer: TokenizerOptions,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            method: Method::Ilp,
            budget: Budget::Words(100),
            similarity_threshold: 0.4,
            query: None,
            ignore_query: false,
            compress: true,
            min_sentence_words: 6,
            sentences: SentenceOptions::default(),
            tokenizer: TokenizerOptions::default(),
        }
    }
}

impl Options {
    /// The query in force for `cluster`: the explicit one, else the cluster's, unless ignored.
    pub fn query_for<'a>(&'a self, cluster: &'a Cluster) -> Option<&'a str> {
        if self.ignore_query {
            return None;
        }
        self.query
            .as_deref()
            .or(cluster.query.as_deref())
            .filter(|q| !q.trim().is_empty())
    }
}

/// Summarizes one cluster: the whole pipeline from documents to an attributed summary.
pub fn summarize(cluster: &Cluster, opts: &Options) -> Result<Summary, SelectError> {
    if cluster.documents.is_empty() {
        return Err(SelectError::NoDocuments {
            cluster: cluster.id.clone(),
        });
    }
    let prepared = Prepared::new(cluster, opts);
    if prepared.candidates().next().is_none() {
        return Err(SelectError::NoUsableSentence {
            cluster: cluster.id.clone(),
            documents: cluster.documents.len(),
        });
    }
    let summarizer = summarizer_for(opts.method);
    let mut picker = Picker::new(&prepared, opts.budget, opts.similarity_threshold);
    summarizer.select(&prepared, &mut picker);
    let mut chosen = picker.into_chosen();
    order::reading_order(&prepared, &mut chosen);
    let sentences = chosen
        .into_iter()
        .map(|i| {
            let s = &prepared.sentences[i];
            Selected {
                sentence: i,
                doc: s.doc,
                spans: prepared.pieces[i].clone(),
                sources: attribute::corroborating_docs(&prepared, i, opts.similarity_threshold),
                kind: s.kind,
            }
        })
        .collect();
    Ok(Summary {
        id: cluster.id.clone(),
        method: opts.method.name().to_string(),
        sentences,
    })
}
