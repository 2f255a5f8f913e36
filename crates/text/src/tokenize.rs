//! Turning sentences into terms for scoring: lowercase, stop words, Snowball stemming.
//!
//! A word is a run of letters and digits, with apostrophes allowed inside (`don't`,
//! `Obama’s`; the typographic `’` counts as `'`). Terms are words lowercased, minus
//! English function words ([`is_stopword`], our own list of about 240), stemmed with the
//! Snowball English stemmer (Porter2, via `rust-stemmers`). Only Snowball is offered: the
//! original Porter algorithm lives in `chorus-rouge`, which needs it to match ROUGE-1.5.5,
//! and nothing in summarization depends on Porter's quirks.
//!
//! [`Tokenizer::for_each_term`] is the allocation-light core (one reusable buffer, no
//! allocation per term unless the stemmer rewrites the word); [`Tokenizer::terms`]
//! collects its output.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

/// Which stemmer to apply to each word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StemmerChoice {
    /// No stemming.
    None,
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

/// True for characters that may sit inside a word: `'` and the typographic `’`.
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The words of `text` (letters and digits, apostrophes inside words), unmodified, lazily.
///
/// Scanned byte by byte: an ASCII byte is classified without decoding, only a non-ASCII
/// character is decoded (this runs over every sentence several times, and a split on a
/// char predicate decoded every character).
pub fn words_iter(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || loop {
        // Skip separators to the start of the next run of word characters: ASCII ones
        // (nearly all) by one table test each, a non-ASCII character decoded.
        let start = loop {
            while bytes
                .get(at)
                .is_some_and(|&b| b < 0x80 && !ascii_word_byte(b))
            {
                at += 1;
            }
            if at >= bytes.len() {
                return None;
            }
            let (word, width) = word_char_at(text, at);
            if word {
                break at;
            }
            at += width;
        };
        loop {
            while bytes.get(at).copied().is_some_and(ascii_word_byte) {
                at += 1;
            }
            // The end, or an ASCII byte that is no word character, ends the word.
            if bytes.get(at).is_none_or(|&b| b < 0x80) {
                break;
            }
            let (word, width) = word_char_at(text, at);
            if !word {
                break;
            }
            at += width;
        }
        let run = &text[start..at];
        // Only a run that starts or ends with an apostrophe byte (`'`, or `’`'s first or
        // last byte) can have one to trim.
        let ends = run.as_bytes();
        let w = if matches!(ends.first(), Some(b'\'' | 0xE2))
            || matches!(ends.last(), Some(b'\'' | 0x99))
        {
            run.trim_matches(is_apostrophe)
        } else {
            run
        };
        if !w.is_empty() {
            return Some(w);
        }
    })
}

/// ASCII letters, digits and `'`: the ASCII bytes [`words_iter`] counts as word characters
/// (one table load instead of three range tests, for every byte of every sentence).
#[inline]
fn ascii_word_byte(b: u8) -> bool {
    ASCII_WORD[usize::from(b)]
}

/// [`ascii_word_byte`]'s table: true for ASCII letters, digits and `'`.
const ASCII_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b as u8 == b'\'';
        b += 1;
    }
    table
};

/// Whether the character at byte `at` of `text` (a char boundary) belongs to a word
/// (alphanumeric or an apostrophe), and its width in bytes.
#[inline]
fn word_char_at(text: &str, at: usize) -> (bool, usize) {
    let b = text.as_bytes()[at];
    if b < 0x80 {
        return (ascii_word_byte(b), 1);
    }
    match text[at..].chars().next() {
        Some(c) => (c.is_alphanumeric() || is_apostrophe(c), c.len_utf8()),
        None => (false, 1),
    }
}

/// A word of at most 15 bytes as one integer: its bytes, then its length in the last byte,
/// so two words share a key only when they are the same word (a cache key that needs no
/// allocation). `None` when longer. Built in registers: a copy into a buffer called
/// `memcpy` for every word.
pub fn pack_word(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    (bytes.len() < 16).then(|| {
        let (mut low, mut high) = (0u64, (bytes.len() as u64) << 56);
        for (i, &b) in bytes.iter().enumerate() {
            if i < 8 {
                low |= u64::from(b) << (8 * i);
            } else {
                high |= u64::from(b) << (8 * (i - 8));
            }
        }
        u128::from(high) << 64 | u128::from(low)
    })
}

/// Snowball stems of the words this thread has stemmed: stemming is a pure function of
/// the word and cost more than everything else a term takes, and news repeats its words
/// (the select crate's reference checks and attribution stem the same sentences'
/// words again). Words and stems under 16 bytes (nearly all) are kept as integers;
/// others are stemmed each time. Only speed depends on it.
mod stem_cache {
    use std::cell::RefCell;

    use rustc_hash::FxHashMap;

    /// Words kept before the cache starts over (a few MB at most).
    const MAX_WORDS: usize = 200_000;

    thread_local! {
        static STEMS: RefCell<FxHashMap<u128, u128>> = RefCell::new(FxHashMap::default());
    }

    /// A stem unpacked from its integer: up to 15 bytes held inline.
    pub(super) struct Stem {
        bytes: [u8; 16],
    }

    impl Stem {
        /// The stem as text.
        pub(super) fn as_str(&self) -> &str {
            let len = usize::from(self.bytes[15]).min(15);
            // Packed from a `&str` by `remember`, so always UTF-8; empty otherwise.
            std::str::from_utf8(&self.bytes[..len]).unwrap_or("")
        }
    }

    /// The stem of `word` when this thread has stemmed it before.
    pub(super) fn cached(word: &str) -> Option<Stem> {
        let key = super::pack_word(word)?;
        STEMS
            .try_with(|stems| stems.try_borrow().ok()?.get(&key).copied())
            .ok()
            .flatten()
            .map(|stem| Stem {
                bytes: stem.to_le_bytes(),
            })
    }

    /// [`cached`] of each word of `forms`, the words laid end to end and the `n`th ending
    /// at `ends[n]`: one borrow of the thread's map for them all, and the lookups one
    /// after another with nothing in between, so that their cache misses overlap.
    pub(super) fn cached_all(forms: &str, ends: &[usize]) -> Vec<Option<Stem>> {
        let mut out = Vec::with_capacity(ends.len());
        let looked = STEMS.try_with(|stems| {
            let stems = stems.try_borrow().ok()?;
            let mut start = 0;
            for &end in ends {
                let word = forms.get(start..end).unwrap_or("");
                start = end;
                out.push(
                    super::pack_word(word)
                        .and_then(|key| stems.get(&key).copied())
                        .map(|stem| Stem {
                            bytes: stem.to_le_bytes(),
                        }),
                );
            }
            Some(())
        });
        if !matches!(looked, Ok(Some(()))) {
            out.clear();
            out.resize_with(ends.len(), || None);
        }
        out
    }

    /// Keeps the stem of `word` for later calls on this thread.
    pub(super) fn remember(word: &str, stem: &str) {
        let (Some(key), Some(value)) = (super::pack_word(word), super::pack_word(stem)) else {
            return;
        };
        let _ = STEMS.try_with(|stems| {
            if let Ok(mut stems) = stems.try_borrow_mut() {
                if stems.len() >= MAX_WORDS {
                    stems.clear();
                }
                stems.insert(key, value);
            }
        });
    }
}

impl Tokenizer {
    /// Builds a tokenizer with the given options.
    pub fn new(opts: TokenizerOptions) -> Tokenizer {
        let stemmer = match opts.stemmer {
            StemmerChoice::None => None,
            StemmerChoice::Snowball => Some(Stemmer::create(Algorithm::English)),
        };
        Tokenizer { opts, stemmer }
    }

    /// The options this tokenizer was built with.
    pub fn options(&self) -> TokenizerOptions {
        self.opts
    }

    /// The words of `text` (letters and digits, apostrophes inside words), unmodified.
    pub fn words<'a>(&self, text: &'a str) -> Vec<&'a str> {
        words_iter(text).collect()
    }

    /// Calls `f` with each term of `text` in order: the word lowercased (per options) with
    /// `’` folded to `'`, stop words skipped, then stemmed. The `&str` is only valid during
    /// the call; nothing is allocated per term unless the stemmer changes the word.
    pub fn for_each_term(&self, text: &str, f: impl FnMut(&str)) {
        self.for_each_term_in(text, &mut String::new(), f);
    }

    /// [`Tokenizer::for_each_term`] with the caller's buffer for the lower-cased word: a
    /// caller that tokenizes many short texts (a sentence clause by clause) allocates it
    /// once.
    pub fn for_each_term_in(&self, text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
        self.for_each_form_in(text, buf, |form| match &self.stemmer {
            Some(s) => match stem_cache::cached(form) {
                Some(stem) => f(stem.as_str()),
                None => Self::stem_new(s, form, &mut f),
            },
            None => f(form),
        });
    }

    /// Stems `form`, which the thread's cache does not hold, keeps its stem there and
    /// calls `f` with it.
    fn stem_new(stemmer: &Stemmer, form: &str, f: &mut impl FnMut(&str)) {
        match stemmer.stem(form) {
            Cow::Borrowed(b) => {
                stem_cache::remember(form, b);
                f(b)
            }
            Cow::Owned(o) => {
                stem_cache::remember(form, &o);
                f(&o)
            }
        }
    }

    /// Calls `f` with each word of `text` as a term is made from it, before stemming:
    /// lowercased (per options), `’` folded to `'`, stop words skipped (per options).
    fn for_each_form_in(&self, text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
        for word in words_iter(text) {
            buf.clear();
            if word.is_ascii() {
                buf.push_str(word);
                if self.opts.lowercase {
                    buf.make_ascii_lowercase();
                }
            } else {
                for c in word.chars() {
                    if is_apostrophe(c) {
                        buf.push('\'');
                    } else if self.opts.lowercase {
                        buf.extend(c.to_lowercase());
                    } else {
                        buf.push(c);
                    }
                }
            }
            if self.opts.remove_stopwords && is_stopword(buf) {
                continue;
            }
            f(buf);
        }
    }

    /// The terms of `text`: words lowercased, stop words removed and stemmed, per options.
    ///
    /// The same terms as [`Tokenizer::for_each_term`] gives, found in three passes: every
    /// word made a form, then all looked up in the thread's stems one after another (their
    /// cache misses overlap: one at a time, they were most of the reference rounds' cost of
    /// reading a sentence), then the forms not found stemmed.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let Some(stemmer) = &self.stemmer else {
            self.for_each_term(text, |t| out.push(t.to_owned()));
            return out;
        };
        let mut forms = String::new();
        let mut ends = Vec::new();
        self.for_each_form_in(text, &mut String::new(), |form| {
            forms.push_str(form);
            ends.push(forms.len());
        });
        let found = stem_cache::cached_all(&forms, &ends);
        out.reserve(ends.len());
        let mut start = 0;
        for (&end, stem) in ends.iter().zip(found) {
            let form = forms.get(start..end).unwrap_or("");
            start = end;
            match stem {
                Some(stem) => out.push(stem.as_str().to_owned()),
                None => Self::stem_new(stemmer, form, &mut |t: &str| out.push(t.to_owned())),
            }
        }
        out
    }
}

/// [`ASCII_CLASS`] bit of the ASCII white space `char::is_whitespace` accepts (vertical
/// tab included).
const SPACE: u8 = 1;
/// [`ASCII_CLASS`] bit of ASCII letters and digits.
const ALNUM: u8 = 2;

/// The class of each byte for [`word_count`]'s ASCII path.
const ASCII_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            table[b] = SPACE;
        } else if c.is_ascii_alphanumeric() {
            table[b] = ALNUM;
        }
        b += 1;
    }
    table
};

/// Counts words the way the budget does: whitespace-separated pieces that hold a letter or digit.
pub fn word_count(text: &str) -> usize {
    // One pass, no splitting: this runs on every sentence. ASCII text (nearly all news)
    // is counted on bytes without decoding.
    if text.is_ascii() {
        return ascii_word_count(text.as_bytes());
    }
    let (mut count, mut has_alnum) = (0, false);
    for c in text.chars() {
        if c.is_whitespace() {
            count += usize::from(has_alnum);
            has_alnum = false;
        } else {
            has_alnum |= c.is_alphanumeric();
        }
    }
    count + usize::from(has_alnum)
}

/// [`word_count`] of ASCII `bytes`, eight bytes at a time: a piece is counted where it
/// starts (a byte that is no white space after white space or the text's start) when that
/// byte is a letter or digit, found for eight bytes at once with masks; the rare piece
/// that starts with punctuation (`"We`, `--`) is read on until it shows a letter or digit
/// or ends.
fn ascii_word_count(bytes: &[u8]) -> usize {
    use crate::swar::{load, within, HIGH};
    let is_space = |b: u8| ASCII_CLASS[usize::from(b)] & SPACE != 0;
    let run_has_alnum = |at: usize| {
        bytes[at..]
            .iter()
            .take_while(|&&b| !is_space(b))
            .any(u8::is_ascii_alphanumeric)
    };
    let mut count = 0;
    // Whether the byte before the current one is white space (the text's start counts).
    let mut after_space = true;
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    for chunk in chunks.by_ref() {
        let x = load(chunk);
        let space = within(x, 0x09, 0x0D) | within(x, b' ', b' ');
        let alnum = within(x, b'0', b'9') | within(x, b'A', b'Z') | within(x, b'a', b'z');
        let starts = ((space << 8) | (u64::from(after_space) << 7)) & !space & HIGH;
        count += (starts & alnum).count_ones() as usize;
        let mut punct_starts = starts & !alnum;
        while punct_starts != 0 {
            count += usize::from(run_has_alnum(
                base + punct_starts.trailing_zeros() as usize / 8,
            ));
            punct_starts &= punct_starts - 1;
        }
        after_space = space >> 63 != 0;
        base += 8;
    }
    for (k, &b) in chunks.remainder().iter().enumerate() {
        let space = is_space(b);
        if !space && after_space && (b.is_ascii_alphanumeric() || run_has_alnum(base + k)) {
            count += 1;
        }
        after_space = space;
    }
    count
}

/// True for common English function words (lowercase, with `'` as the apostrophe).
pub fn is_stopword(word: &str) -> bool {
    // Packed keys compare as integers: no string comparison on the hot path.
    pack_short(word).is_some_and(|key| STOPWORD_KEYS.binary_search(&key).is_ok())
}

/// `word` of at most 15 bytes as one integer, big-endian and zero-padded with its length
/// in the last byte: one-to-one, and in byte order for words without NUL, so packing the
/// sorted [`STOPWORDS`] gives sorted keys. `None` when longer.
const fn pack_short(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() >= 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    let mut i = 0;
    while i < bytes.len() {
        buf[i] = bytes[i];
        i += 1;
    }
    buf[15] = bytes.len() as u8;
    Some(u128::from_be_bytes(buf))
}

/// [`STOPWORDS`] packed by [`pack_short`], in the same (sorted) order.
const STOPWORD_KEYS: [u128; STOPWORDS.len()] = {
    let mut keys = [0u128; STOPWORDS.len()];
    let mut i = 0;
    while i < STOPWORDS.len() {
        keys[i] = match pack_short(STOPWORDS[i]) {
            Some(key) => key,
            None => panic!("stop words are shorter than 16 bytes"),
        };
        i += 1;
    }
    keys
};

/// English function words: articles, pronouns, auxiliaries, prepositions, conjunctions,
/// common adverbs and their contractions. Sorted (byte order), for binary search.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "almost",
    "along",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "anyone",
    "anything",
    "anyway",
    "are",
    "aren't",
    "around",
    "as",
    "at",
    "away",
    "back",
    "be",
    "became",
    "because",
    "become",
    "becomes",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "cannot",
    "could",
    "couldn't",
    "did",
    "didn't",
    "do",
    "does",
    "doesn't",
    "doing",
    "don't",
    "done",
    "down",
    "during",
    "each",
    "either",
    "else",
    "enough",
    "etc",
    "even",
    "ever",
    "every",
    "everyone",
    "everything",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "hasn't",
    "have",
    "haven't",
    "having",
    "he",
    "he'll",
    "he's",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "i'll",
    "i'm",
    "i've",
    "if",
    "in",
    "instead",
    "into",
    "is",
    "isn't",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "least",
    "less",
    "like",
    "many",
    "may",
    "me",
    "meanwhile",
    "might",
    "more",
    "most",
    "mostly",
    "much",
    "must",
    "my",
    "myself",
    "neither",
    "never",
    "nevertheless",
    "no",
    "nobody",
    "none",
    "nor",
    "not",
    "nothing",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "onto",
    "or",
    "other",
    "others",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "perhaps",
    "quite",
    "rather",
    "same",
    "several",
    "shall",
    "she",
    "she'll",
    "she's",
    "should",
    "shouldn't",
    "since",
    "so",
    "some",
    "someone",
    "something",
    "such",
    "than",
    "that",
    "that's",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "there's",
    "therefore",
    "these",
    "they",
    "they'll",
    "they're",
    "they've",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "together",
    "too",
    "toward",
    "towards",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "wasn't",
    "we",
    "we'll",
    "we're",
    "we've",
    "were",
    "weren't",
    "what",
    "whatever",
    "when",
    "whenever",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whoever",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "won't",
    "would",
    "wouldn't",
    "yet",
    "you",
    "you'll",
    "you're",
    "you've",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// `terms` looks a text's forms up all at once, then stems those not found: the same
    /// terms, in the same order, as `for_each_term` gives one word at a time, whether the
    /// thread's cache is cold (each test runs on its own thread), warm, or warm for only
    /// some of the words; with a word twice, words too long for a key, non-ASCII words,
    /// curly apostrophes and stop words; and without a stemmer.
    #[test]
    fn terms_are_the_terms_one_word_at_a_time() {
        let texts = [
            "Investigators said the investigators\u{2019} findings were internationalizations \
             of earlier findings, and the caf\u{e9} owners' running costs kept running.",
            "Running costs kept the owners running; counterrevolutionaries ran.",
            "",
            "the of and a",
        ];
        let stemmed = Tokenizer::new(TokenizerOptions::default());
        let plain = Tokenizer::new(TokenizerOptions {
            stemmer: StemmerChoice::None,
            ..TokenizerOptions::default()
        });
        let one_by_one = |t: &Tokenizer, text: &str| {
            let mut out = Vec::new();
            t.for_each_term(text, |w| out.push(w.to_owned()));
            out
        };
        for round in 0..2 {
            for text in texts {
                for t in [&stemmed, &plain] {
                    assert_eq!(
                        t.terms(text),
                        one_by_one(t, text),
                        "round {round}: {text:?}"
                    );
                }
            }
        }
        let terms = stemmed.terms(texts[0]);
        let expected = [
            "investig",
            "said",
            "investig",
            "find",
            "internation",
            "earlier",
            "find",
            "caf\u{e9}",
            "owner",
            "run",
            "cost",
            "kept",
            "run",
        ];
        assert_eq!(terms, expected);
    }

    #[test]
    fn packed_forms_are_one_to_one() {
        let forms = ["a", "a\0", "ab", "b", "", "fifteen-bytes-x", "caf\u{e9}"];
        for (i, a) in forms.iter().enumerate() {
            for (j, b) in forms.iter().enumerate() {
                assert_eq!(pack_word(a) == pack_word(b), i == j, "{a:?} {b:?}");
            }
        }
        assert!(pack_word("sixteen-bytes-xx").is_none());
        // The bytes in little-endian order, zero-padded, the length in the last byte.
        for form in forms
            .into_iter()
            .chain(["seven-b", "eight-by", "nine-byte"])
        {
            let mut buf = [0u8; 16];
            buf[..form.len()].copy_from_slice(form.as_bytes());
            buf[15] = form.len() as u8;
            assert_eq!(pack_word(form), Some(u128::from_le_bytes(buf)), "{form:?}");
        }
    }

    #[test]
    fn stopword_list_is_sorted_unique_lowercase_and_sized() {
        assert!(
            STOPWORDS.windows(2).all(|w| w[0] < w[1]),
            "STOPWORDS must be sorted and unique for binary search"
        );
        assert!(STOPWORDS
            .iter()
            .all(|w| !w.is_empty() && *w == w.to_lowercase() && !w.contains('\u{2019}')));
        assert!(
            (150..=250).contains(&STOPWORDS.len()),
            "{}",
            STOPWORDS.len()
        );
        for w in [
            "the",
            "a",
            "of",
            "and",
            "which",
            "don't",
            "they're",
            "yourselves",
            "would",
        ] {
            assert!(is_stopword(w), "{w}");
        }
        for w in ["obama", "paris", "said", "attack", "The"] {
            assert!(!is_stopword(w), "{w}");
        }
    }

    #[test]
    fn packed_stopword_test_agrees_with_the_list() {
        assert!(STOPWORD_KEYS.windows(2).all(|k| k[0] < k[1]));
        for w in STOPWORDS {
            assert!(is_stopword(w), "{w}");
            // Prefixes, extensions and near misses are not stop words unless listed.
            let near = [
                w[..w.len() - 1].to_string(),
                format!("{w}s"),
                format!("{w}\0"),
            ];
            for other in &near {
                let listed = STOPWORDS.contains(&other.as_str());
                assert_eq!(is_stopword(other), listed, "{other:?}");
            }
        }
        for w in ["", "\0", "yourselvesyourselves", "nevertheless-x", "théir"] {
            assert!(!is_stopword(w), "{w:?}");
        }
    }

    #[test]
    fn words_are_the_char_predicate_split() {
        for text in [
            "",
            "'",
            "''a''",
            "\u{2019}tis O\u{2019}Neil's",
            "'Hello,' said O'Neil — it’s 3.5% of U.S. GDP's…",
            "caf\u{e9} \u{d6}berg 北京 \u{1F600}x \u{a0}y",
            " a  b\tc\n",
            "ends\u{2019} \u{2019}\u{2019}x\u{2019}\u{2019} caf\u{e9}\u{2019} \u{2019}",
            "\u{2019}\u{e9}t\u{e9}' 'x\u{2014}y\u{2019}s\u{7f}z",
        ] {
            let want: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric() && !is_apostrophe(c))
                .map(|w| w.trim_matches(is_apostrophe))
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(words_iter(text).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    #[test]
    fn words_keep_inner_apostrophes_only() {
        let t = Tokenizer::new(TokenizerOptions::default());
        assert_eq!(
            t.words("'Hello,' said O'Neil — it’s 3.5% of U.S. GDP's…"),
            ["Hello", "said", "O'Neil", "it’s", "3", "5", "of", "U", "S", "GDP's"]
        );
        assert!(t.words("  ,.;  ").is_empty());
    }

    #[test]
    fn terms_lowercase_drop_stopwords_and_stem() {
        let t = Tokenizer::new(TokenizerOptions::default());
        assert_eq!(
            t.terms("The Attacks were running in Paris, and they’re DECLARING war."),
            ["attack", "run", "pari", "declar", "war"]
        );
        // Curly and straight apostrophes give the same terms.
        assert_eq!(t.terms("Obama’s policy"), t.terms("Obama's policy"));
        // Non-ASCII words are lowercased too.
        assert_eq!(t.terms("ÉTÉ"), ["été"]);
    }

    #[test]
    fn options_are_honoured() {
        let keep = Tokenizer::new(TokenizerOptions {
            lowercase: false,
            stemmer: StemmerChoice::None,
            remove_stopwords: false,
        });
        assert_eq!(keep.terms("The Cats ran"), ["The", "Cats", "ran"]);
        let no_stem = Tokenizer::new(TokenizerOptions {
            stemmer: StemmerChoice::None,
            ..TokenizerOptions::default()
        });
        assert_eq!(no_stem.terms("The Cats ran"), ["cats", "ran"]);
        assert_eq!(no_stem.options().stemmer, StemmerChoice::None);
    }

    #[test]
    fn for_each_term_matches_terms() {
        let t = Tokenizer::new(TokenizerOptions::default());
        let text = "Rhodes said getting arms directly to fighters seemed to be working.";
        let mut seen = Vec::new();
        t.for_each_term(text, |x| seen.push(x.to_string()));
        assert_eq!(seen, t.terms(text));
        assert_eq!(
            seen,
            ["rhode", "said", "get", "arm", "direct", "fighter", "seem", "work"]
        );
    }

    /// The thread's stem cache gives what the stemmer gives, on first and later calls,
    /// for short, long (uncached) and non-ASCII words alike.
    #[test]
    fn cached_stems_are_the_stemmers() {
        let t = Tokenizer::new(TokenizerOptions::default());
        let stemmer = Stemmer::create(Algorithm::English);
        let words = [
            "running",
            "generously",
            "internationalization",
            "counterrevolutionaries",
            "cafés",
            "naïvely",
            "skies",
            "dying",
            "news",
            "fifteen-letters",
            "a1b2c3",
        ];
        for round in 0..3 {
            for w in words {
                let expected: Vec<String> = words_iter(w)
                    .filter(|x| !is_stopword(x))
                    .map(|x| stemmer.stem(&x.to_lowercase()).into_owned())
                    .collect();
                assert_eq!(t.terms(w), expected, "{w} (round {round})");
            }
        }
    }

    /// The eight-byte count agrees with the byte-by-byte one it replaced on every length
    /// up to a few chunks, over texts mixing every kind of ASCII byte.
    #[test]
    fn ascii_word_count_is_the_byte_by_byte_count() {
        let by_byte = |bytes: &[u8]| {
            let (mut count, mut has_alnum) = (0usize, 0usize);
            for &b in bytes {
                let class = ASCII_CLASS[usize::from(b)];
                let space = usize::from(class & SPACE);
                let alnum = usize::from(class & ALNUM != 0);
                count += has_alnum & space;
                has_alnum = (has_alnum | alnum) & (space ^ 1);
            }
            count + has_alnum
        };
        let alphabet = b" \t\n\x0b\x0c\r\x01\x7f-\"'.(aZ09z@[`{/:";
        // A fixed pseudo-random sequence (xorshift), so the test is the same every run.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for len in 0..40 {
            for _ in 0..200 {
                let text: Vec<u8> = (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        alphabet[(state % alphabet.len() as u64) as usize]
                    })
                    .collect();
                assert_eq!(ascii_word_count(&text), by_byte(&text), "{text:?}");
            }
        }
        let all: Vec<u8> = (0..0x80).collect();
        assert_eq!(ascii_word_count(&all), by_byte(&all));
    }

    #[test]
    fn word_count_counts_pieces_with_letters_or_digits() {
        assert_eq!(word_count("He said -- \"no\" , 3.5 times ..."), 5);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("U.S.-led strikes"), 2);
        // Any Unicode white space separates; letters of any script count.
        assert_eq!(word_count("\u{a0}été\u{2003}-- \t\nZoë. "), 2);
        assert_eq!(word_count("last"), 1);
        for text in [
            "a b",
            " a  b ",
            "- -",
            "x\u{3000}y",
            "—",
            "3 — 4",
            "vertical\u{b}tab\u{c}feed\r\nx",
            "\u{1f}a\u{1f}",
            "plain ascii, with -- dashes . and\ttabs\u{b}vt\u{c}ff\r\n  ",
            "a",
            " ",
            "--a-- b--",
        ] {
            let split = text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            assert_eq!(word_count(text), split, "{text:?}");
        }
    }
}
