//! Turning sentences into terms for scoring: lowercase, stop words, Snowball stemming.

use rust_stemmers::{Algorithm, Stemmer};

use crate::normalize;

/// Which stemmer to apply to each word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StemmerChoice {
    /// No stemming.
    None,
    /// The original Porter algorithm.
    Porter,
    /// Snowball English (Porter2), the default.
    #[default]
    Snowball,
}

/// Tokenizer options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenizerOptions {
    /// Lowercase words before stemming.
    pub lowercase: bool,
    /// Stemming algorithm.
    pub stemmer: StemmerChoice,
    /// Drop English stop words.
    pub remove_stopwords: bool,
}

impl Default for TokenizerOptions {
    fn default() -> Self {
        TokenizerOptions {
            lowercase: true,
            stemmer: StemmerChoice::Snowball,
            remove_stopwords: true,
        }
    }
}

/// Splits text into words and turns them into terms.
pub struct Tokenizer {
    opts: TokenizerOptions,
    stemmer: Option<Stemmer>,
}

impl Tokenizer {
    /// Builds a tokenizer with the given options.
    pub fn new(opts: TokenizerOptions) -> Tokenizer {
        let stemmer = match opts.stemmer {
            StemmerChoice::None => None,
            StemmerChoice::Porter => Some(Stemmer::create(Algorithm::English)),
            StemmerChoice::Snowball => Some(Stemmer::create(Algorithm::English)),
        };
        Tokenizer { opts, stemmer }
    }

    /// The words of `text` (letters and digits, apostrophes inside words), unmodified.
    pub fn words<'a>(&self, text: &'a str) -> Vec<&'a str> {
        text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
            .map(|w| w.trim_matches(|c| c == '\'' || c == '\u{2019}'))
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// The terms of `text`: words lowercased, stop words removed and stemmed, per options.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let folded = normalize::fold(text);
        let mut out = Vec::new();
        for w in self.words(&folded) {
            let w = if self.opts.lowercase {
                w.to_lowercase()
            } else {
                w.to_string()
            };
            if self.opts.remove_stopwords && is_stopword(&w) {
                continue;
            }
            let t = match &self.stemmer {
                Some(s) => s.stem(&w).into_owned(),
                None => w,
            };
            out.push(t);
        }
        out
    }
}

/// Counts words the way the budget does: whitespace-separated pieces that hold a letter or digit.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// True for common English function words.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "he", "in", "is", "it",
    "its", "of", "on", "that", "the", "to", "was", "were", "will", "with",
];
