//! Single-pass online clustering of origins into stories, in date order (TDT style).
//!
//! Each origin is a tf-idf vector over stemmed terms of its headline and lead, with names
//! (capitalized words inside a sentence) and numbers weighted up, since they are what tells
//! one event from another of the same kind. Document frequencies grow as the stream is
//! read, so a decision depends only on what came before it: yesterday's stories do not
//! change when today's articles arrive. An origin joins the live story whose centroid is
//! most similar (cosine) if that reaches [`Params::threshold`], else starts a new story. A
//! story whose last article is older than the window is closed. Candidate stories come from
//! an inverted index over the origin's heaviest terms, so the cost per origin is bounded by
//! the live stories sharing a distinctive term, not by everything seen.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use chorus_text::tokenize::{Tokenizer, TokenizerOptions};

/// Clustering settings; the defaults are the ones tuned on the DUC 2006 dev stream (README).
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Cosine similarity to a story's centroid at which an origin joins it.
    pub threshold: f64,
    /// A story closes when its last article is this many seconds older than the article
    /// being placed (`i64::MAX`: never).
    pub window: i64,
    /// Weight of a name's occurrence (a plain word counts 1).
    pub name_weight: f64,
    /// Weight of a number's occurrence.
    pub number_weight: f64,
    /// Words of the article's text read (after the headline): the lead says what happened.
    pub lead_words: usize,
    /// Heaviest terms kept per origin vector.
    pub max_terms: usize,
    /// Heaviest terms of an origin looked up in the index to find candidate stories.
    pub probe_terms: usize,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            threshold: 0.12,
            window: 3 * 86_400,
            name_weight: 2.0,
            number_weight: 1.5,
            lead_words: 1000,
            max_terms: 100,
            probe_terms: 20,
        }
    }
}

/// The weighted term counts of one text, before idf: (term key from [`Keys`], weight), in the
/// order of the terms' strings. What can be computed in parallel.
pub type Counts = Vec<(u32, f64)>;

/// Term keys shared by the threads counting one batch of articles: each distinct term gets a
/// number the first time any thread meets it, so the sequential clusterer finds a counted
/// term's vocabulary id in a flat table instead of hashing and comparing its string. Keys are
/// handed out in whatever order the threads run: they only name terms, every decision uses
/// the vocabulary ids, which are given in stream order.
#[derive(Debug)]
pub struct Keys {
    /// Tells this batch's keys from another's in the per-thread and per-clusterer caches.
    generation: u64,
    inner: Mutex<KeyTable>,
}

#[derive(Debug, Default)]
struct KeyTable {
    keys: FxHashMap<Arc<str>, u32>,
    terms: Vec<Arc<str>>,
}

impl Default for Keys {
    fn default() -> Keys {
        Keys::new()
    }
}

impl Keys {
    /// An empty table.
    pub fn new() -> Keys {
        static GENERATION: AtomicU64 = AtomicU64::new(0);
        Keys {
            generation: GENERATION.fetch_add(1, Ordering::Relaxed) + 1,
            inner: Mutex::default(),
        }
    }

    fn table(&self) -> std::sync::MutexGuard<'_, KeyTable> {
        // A panic while holding the lock cannot leave the table half-updated in a way that
        // matters (a key is pushed and inserted together), so a poisoned lock is still usable.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The key of `term`, new if no thread has met it.
    fn key(&self, term: &Arc<str>) -> u32 {
        let mut t = self.table();
        if let Some(&k) = t.keys.get(term) {
            return k;
        }
        let k = t.terms.len() as u32;
        t.terms.push(term.clone());
        t.keys.insert(term.clone(), k);
        k
    }

    /// The term of `key`.
    pub fn term(&self, key: u32) -> Option<Arc<str>> {
        self.table().terms.get(key as usize).cloned()
    }
}

/// Most distinct words whose terms a worker thread remembers; past it the memory starts over.
const STEM_CACHE: usize = 1 << 18;

/// What marks a stop word in [`Terms::memo`], and an unknown key or id in the caches.
const NONE: u32 = u32::MAX;

/// One worker thread's tokenizer and memo of the terms of the words it has seen. Stemming is
/// most of the cost of counting, and news repeats its words: each distinct word is stemmed
/// once per thread. Terms get thread-local numbers, so counting an article hashes each word
/// once and adds into a flat table instead of hashing and comparing term strings. A pure
/// memo: the counts are the same whatever a thread saw before.
struct Terms {
    tokenizer: Tokenizer,
    /// The local number of each word's term as written ([`NONE`] for a stop word), for words
    /// of at most 16 bytes by their [`packed`] bytes (most words: a hit then costs no string
    /// comparison), else by the word.
    memo: FxHashMap<u128, u32>,
    memo_long: FxHashMap<Box<str>, u32>,
    /// The terms by local number, each once (two words may stem to one term).
    terms: Vec<Arc<str>>,
    /// Per local number: its term's first 16 bytes [`packed`], to sort by string with integer
    /// comparisons.
    prefix: Vec<u128>,
    numbers: FxHashMap<Arc<str>, u32>,
    /// Per local number: its key in the [`Keys`] of generation `generation` ([`NONE`]: not
    /// asked yet).
    keys: Vec<u32>,
    generation: u64,
    /// Per local number: where the article being counted keeps its count ([`NONE`]: not
    /// seen in it yet); reset after each article.
    slot: Vec<u32>,
}

impl Terms {
    fn new() -> Terms {
        Terms {
            tokenizer: Tokenizer::new(TokenizerOptions::default()),
            memo: FxHashMap::default(),
            memo_long: FxHashMap::default(),
            terms: Vec::new(),
            prefix: Vec::new(),
            numbers: FxHashMap::default(),
            keys: Vec::new(),
            generation: 0,
            slot: Vec::new(),
        }
    }

    /// The local number of `word`'s term, stemming it the first time.
    fn number(&mut self, word: &str) -> u32 {
        let short = (word.len() <= 16).then(|| packed(word));
        let known = match short {
            Some(p) => self.memo.get(&p),
            None => self.memo_long.get(word),
        };
        if let Some(&n) = known {
            return n;
        }
        let mut term: Option<String> = None;
        // One word as the scanner cut it is at most one term.
        self.tokenizer
            .for_each_term(word, |t| term = Some(t.to_owned()));
        let n = match term {
            None => NONE,
            Some(owned) => match self.numbers.get(owned.as_str()) {
                Some(&n) => n,
                None => {
                    let n = self.terms.len() as u32;
                    let shared: Arc<str> = owned.into();
                    self.prefix.push(packed(&shared));
                    self.terms.push(shared.clone());
                    self.numbers.insert(shared, n);
                    self.keys.push(NONE);
                    self.slot.push(NONE);
                    n
                }
            },
        };
        match short {
            Some(p) => self.memo.insert(p, n),
            None => self.memo_long.insert(word.into(), n),
        };
        n
    }

    /// Words remembered.
    fn remembered(&self) -> usize {
        self.memo.len() + self.memo_long.len()
    }
}

/// The first 16 bytes of `s`, zero-padded, as a big-endian integer: words and terms hold no
/// NUL byte, so for strings of at most 16 bytes this is one to one, and integer order is
/// string order wherever two strings' first 16 bytes differ.
fn packed(s: &str) -> u128 {
    let b = s.as_bytes();
    let n = b.len().min(16);
    let mut buf = [0u8; 16];
    buf[..n].copy_from_slice(&b[..n]);
    u128::from_be_bytes(buf)
}

thread_local! {
    static TERMS: std::cell::RefCell<Terms> = std::cell::RefCell::new(Terms::new());
}

/// Counts the terms of a headline and the first [`Params::lead_words`] words of a text, the
/// terms named by their keys in `keys`.
pub fn counts(title: Option<&str>, text: &str, params: &Params, keys: &Keys) -> Counts {
    TERMS.with_borrow_mut(|terms| {
        if terms.remembered() >= STEM_CACHE {
            // Between articles, so no slot is in use.
            *terms = Terms::new();
        }
        if terms.generation != keys.generation {
            terms.generation = keys.generation;
            terms.keys.iter_mut().for_each(|k| *k = NONE);
        }
        // (local term number, weight) in order of first occurrence.
        let mut acc: Vec<(u32, f64)> = Vec::new();
        let mut add = |piece: &str, limit: usize| {
            let mut sentence_start = true;
            let mut words = 0;
            let mut rest = piece;
            while let Some(begin) = rest.find(|c: char| c.is_alphanumeric()) {
                let gap = &rest[..begin];
                if gap.contains(['.', '!', '?', '\n', '"', ':']) {
                    sentence_start = true;
                }
                let tail = &rest[begin..];
                let end = tail
                    .find(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
                    .unwrap_or(tail.len());
                let word = &tail[..end];
                rest = &tail[end..];
                words += 1;
                if words > limit {
                    break;
                }
                let first = word.chars().next().unwrap_or(' ');
                let weight = if word.bytes().all(|b| b.is_ascii_digit()) {
                    params.number_weight
                } else if first.is_uppercase() && !sentence_start {
                    params.name_weight
                } else {
                    1.0
                };
                sentence_start = false;
                let n = terms.number(word);
                if n == NONE {
                    continue;
                }
                let slot = &mut terms.slot[n as usize];
                if *slot == NONE {
                    *slot = acc.len() as u32;
                    acc.push((n, weight));
                } else {
                    acc[*slot as usize].1 += weight;
                }
            }
        };
        if let Some(t) = title {
            // The headline is written in title case: every capital is not a name there.
            add(t, usize::MAX);
        }
        add(text, params.lead_words);
        // In the order of the terms' strings: the clusterer numbers new terms in this order.
        acc.sort_unstable_by(|a, b| {
            let (a, b) = (a.0 as usize, b.0 as usize);
            terms.prefix[a]
                .cmp(&terms.prefix[b])
                .then_with(|| terms.terms[a].cmp(&terms.terms[b]))
        });
        acc.into_iter()
            .map(|(n, w)| {
                let n = n as usize;
                terms.slot[n] = NONE;
                if terms.keys[n] == NONE {
                    terms.keys[n] = keys.key(&terms.terms[n]);
                }
                (terms.keys[n], w)
            })
            .collect()
    })
}

/// A sparse unit vector over interned term ids, sorted by id.
pub type Vector = Vec<(u32, f64)>;

/// Floats kept as their bit patterns when the state is saved: a JSON round trip of a float
/// is not always exact, and a continued run must decide exactly as one run would.
mod exact {
    use rustc_hash::FxHashMap;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        x.to_bits().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        u64::deserialize(d).map(f64::from_bits)
    }

    pub mod map {
        use super::*;

        pub fn serialize<S: Serializer>(m: &FxHashMap<u32, f64>, s: S) -> Result<S::Ok, S::Error> {
            let mut v: Vec<(u32, u64)> = m.iter().map(|(&k, x)| (k, x.to_bits())).collect();
            v.sort_unstable();
            v.serialize(s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<FxHashMap<u32, f64>, D::Error> {
            let v = Vec::<(u32, u64)>::deserialize(d)?;
            Ok(v.into_iter().map(|(k, x)| (k, f64::from_bits(x))).collect())
        }
    }

    pub mod vectors {
        use super::*;
        use crate::cluster::Vector;

        type Bits = Vec<(usize, Vec<(u32, u64)>)>;

        pub fn serialize<S: Serializer>(v: &[(usize, Vector)], s: S) -> Result<S::Ok, S::Error> {
            let bits: Bits = v
                .iter()
                .map(|(n, x)| (*n, x.iter().map(|&(t, w)| (t, w.to_bits())).collect()))
                .collect();
            bits.serialize(s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Vec<(usize, Vector)>, D::Error> {
            let bits = Bits::deserialize(d)?;
            Ok(bits
                .into_iter()
                .map(|(n, x)| {
                    (
                        n,
                        x.into_iter().map(|(t, w)| (t, f64::from_bits(w))).collect(),
                    )
                })
                .collect())
        }
    }
}

/// One story while the stream is read. A closed story keeps only its last time.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Live {
    #[serde(with = "exact::map")]
    centroid: FxHashMap<u32, f64>,
    #[serde(with = "exact")]
    norm2: f64,
    last: i64,
    /// Its origins (the caller's numbers) and their vectors, to pick the most central one.
    #[serde(with = "exact::vectors")]
    origins: Vec<(usize, Vector)>,
    closed: bool,
}

/// The online clusterer: feed it origins in date order with [`Clusterer::place`].
/// Serializable (without its settings), so a `--db` run continues where the last stopped.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Clusterer {
    #[serde(skip)]
    params: Params,
    vocab: FxHashMap<String, u32>,
    df: Vec<u32>,
    seen: u32,
    stories: Vec<Live>,
    postings: FxHashMap<u32, Vec<usize>>,
    /// Per key of the [`Keys`] of generation `generation`: its vocabulary id ([`NONE`]: not
    /// looked up yet). A cache of `vocab`, so not saved.
    #[serde(skip)]
    ids: Vec<u32>,
    #[serde(skip)]
    generation: u64,
}

/// What the stream before a point leaves for clustering what follows it, once no story or
/// copy can reach across (see [`crate::partition`]): the vocabulary in the order its terms
/// were numbered, each term's document frequency, and the origins seen. Merged in stream
/// order with [`Vocabulary::append`], the vocabularies of time-window partitions give the
/// state one run over the whole stream has at the start of each.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Vocabulary {
    /// Terms by vocabulary id.
    pub terms: Vec<String>,
    /// Per term: the origins that hold it.
    pub df: Vec<u32>,
    /// Origins seen.
    pub seen: u32,
}

impl Vocabulary {
    /// Adds the vocabulary of the stream's next part, read alone: its terms new here are
    /// numbered after these, in the order the part numbered them, and frequencies add up.
    pub fn append(&mut self, next: &Vocabulary) {
        let mut ids: FxHashMap<&str, usize> = FxHashMap::default();
        for (i, t) in self.terms.iter().enumerate() {
            ids.insert(t.as_str(), i);
        }
        let mut fresh: Vec<(String, u32)> = Vec::new();
        for (t, &d) in next.terms.iter().zip(&next.df) {
            match ids.get(t.as_str()) {
                Some(&i) => self.df[i] += d,
                None => fresh.push((t.clone(), d)),
            }
        }
        for (t, d) in fresh {
            self.terms.push(t);
            self.df.push(d);
        }
        self.seen += next.seen;
    }
}

impl Clusterer {
    /// A clusterer with the given settings.
    pub fn new(params: Params) -> Clusterer {
        Clusterer {
            params,
            ..Clusterer::default()
        }
    }

    /// A clusterer with no stories that has already read the origins `before` sums up:
    /// what one run over the whole stream holds once every earlier story has closed.
    pub fn after(params: Params, before: &Vocabulary) -> Clusterer {
        let vocab = before
            .terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        Clusterer {
            params,
            vocab,
            df: before.df.clone(),
            seen: before.seen,
            ..Clusterer::default()
        }
    }

    /// The vocabulary, document frequencies and origins read so far.
    pub fn vocabulary(&self) -> Vocabulary {
        let mut terms = vec![String::new(); self.vocab.len()];
        for (t, &i) in &self.vocab {
            if let Some(slot) = terms.get_mut(i as usize) {
                slot.clone_from(t);
            }
        }
        Vocabulary {
            terms,
            df: self.df.clone(),
            seen: self.seen,
        }
    }

    /// Replaces the settings (after loading a saved clusterer).
    pub fn set_params(&mut self, params: Params) {
        self.params = params;
    }

    /// The tf-idf unit vector of `counts` given the stream so far (which now includes it),
    /// cut to its [`Params::max_terms`] heaviest terms.
    fn vector(&mut self, counts: &Counts, keys: &Keys) -> Vector {
        self.seen += 1;
        if self.generation != keys.generation {
            self.generation = keys.generation;
            self.ids.clear();
        }
        let mut v: Vector = Vec::with_capacity(counts.len());
        // New terms are numbered in the order of their strings, as `counts` lists them.
        for &(key, tf) in counts {
            let k = key as usize;
            if k >= self.ids.len() {
                self.ids.resize(k + 1, NONE);
            }
            let id = match self.ids[k] {
                NONE => {
                    let term = keys.term(key).unwrap_or_default();
                    let id = match self.vocab.get(&*term) {
                        Some(&id) => id,
                        None => {
                            let id = self.vocab.len() as u32;
                            self.vocab.insert(term.to_string(), id);
                            id
                        }
                    };
                    self.ids[k] = id;
                    id
                }
                id => id,
            };
            if id as usize == self.df.len() {
                self.df.push(0);
            }
            self.df[id as usize] += 1;
            let idf = (f64::from(self.seen + 1) / f64::from(self.df[id as usize])).ln();
            v.push((id, (1.0 + tf.ln().max(0.0)) * idf));
        }
        v.retain(|&(_, w)| w > 0.0);
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(self.params.max_terms);
        let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut v {
                *w /= norm;
            }
        }
        v
    }

    /// Places origin `number` (the caller's numbering) seen at `time`, its `counts` naming
    /// terms by their keys in `keys`: returns its story. Stories are numbered from 0 in the
    /// order they start.
    pub fn place(&mut self, counts: &Counts, keys: &Keys, time: i64, number: usize) -> usize {
        let v = self.vector(counts, keys);
        let since = time.saturating_sub(self.params.window);
        let mut candidates: Vec<usize> = Vec::new();
        // The heaviest terms that some live story has: a term new to the stream is the
        // heaviest of all but can find nothing.
        let mut probed = 0;
        for &(term, _) in &v {
            if probed == self.params.probe_terms {
                break;
            }
            if let Some(list) = self.postings.get_mut(&term) {
                let stories = &self.stories;
                // Time only moves forward: a closed story never reopens, so drop it here.
                list.retain(|&s| stories[s].last >= since);
                if !list.is_empty() {
                    probed += 1;
                    candidates.extend_from_slice(list);
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(usize, f64)> = None;
        for s in candidates {
            let story = &self.stories[s];
            if story.norm2 <= 0.0 || story.closed {
                continue;
            }
            let dot: f64 = v
                .iter()
                .filter_map(|(t, w)| story.centroid.get(t).map(|c| c * w))
                .sum();
            let cos = dot / story.norm2.sqrt();
            if cos >= self.params.threshold && best.is_none_or(|(_, b)| cos > b) {
                best = Some((s, cos));
            }
        }
        let s = match best {
            Some((s, _)) => s,
            None => {
                self.stories.push(Live::default());
                self.stories.len() - 1
            }
        };
        let story = &mut self.stories[s];
        for &(t, w) in &v {
            let c = story.centroid.entry(t).or_insert_with(|| {
                self.postings.entry(t).or_default().push(s);
                0.0
            });
            story.norm2 += 2.0 * *c * w + w * w;
            *c += w;
        }
        story.last = story.last.max(time);
        story.origins.push((number, v));
        s
    }

    /// Records that a copy of an origin of story `s` was seen at `time` (a copy keeps its
    /// story open but does not move its centroid: twenty reprints are one report).
    pub fn touch(&mut self, s: usize, time: i64) {
        if let Some(story) = self.stories.get_mut(s) {
            story.last = story.last.max(time);
        }
    }

    /// The origin of live story `s` closest to its centroid (the first of equals), the one
    /// whose headline is the story's title; `None` for a closed story.
    pub fn central(&self, s: usize) -> Option<usize> {
        let story = self.stories.get(s).filter(|st| !st.closed)?;
        let mut best: Option<(f64, usize)> = None;
        for (n, v) in &story.origins {
            let c = if story.norm2 > 0.0 {
                v.iter()
                    .filter_map(|(t, w)| story.centroid.get(t).map(|c| c * w))
                    .sum::<f64>()
                    / story.norm2.sqrt()
            } else {
                0.0
            };
            if best.is_none_or(|(b, _)| c > b) {
                best = Some((c, *n));
            }
        }
        best.map(|(_, n)| n)
    }

    /// Closes the stories last seen before `since` (no later origin can join them), calling
    /// `closing` with each one's number and central origin first, and forgets their
    /// centroids: what keeps memory and saved state bounded by the live stories.
    pub fn prune(&mut self, since: i64, mut closing: impl FnMut(usize, Option<usize>)) {
        for s in 0..self.stories.len() {
            if !self.stories[s].closed && self.stories[s].last < since {
                closing(s, self.central(s));
                let story = &mut self.stories[s];
                story.closed = true;
                story.centroid = FxHashMap::default();
                story.origins = Vec::new();
                story.norm2 = 0.0;
            }
        }
        let stories = &self.stories;
        self.postings.retain(|_, list| {
            list.retain(|&s| !stories[s].closed);
            !list.is_empty()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_weigh_more_than_words_and_sentence_starts_are_not_names() {
        let p = Params::default();
        let keys = Keys::new();
        let c = counts(None, "Rain fell. The storm hit Boston at 5 pm.", &p, &keys);
        let get = |t: &str| {
            c.iter()
                .find(|(k, _)| keys.term(*k).as_deref() == Some(t))
                .map(|x| x.1)
        };
        assert_eq!(get("rain"), Some(1.0), "sentence start");
        assert_eq!(get("boston"), Some(p.name_weight));
        assert_eq!(get("5"), Some(p.number_weight));
        assert_eq!(get("storm"), Some(1.0));
    }

    #[test]
    fn similar_origins_join_and_a_different_one_starts_a_story() {
        let p = Params::default();
        let mut c = Clusterer::new(p.clone());
        let keys = Keys::new();
        let a = counts(
            None,
            "Floods hit Dresden as the Elbe rose to record levels.",
            &p,
            &keys,
        );
        let b = counts(
            None,
            "The Elbe flooded Dresden again, with record levels.",
            &p,
            &keys,
        );
        let x = counts(
            None,
            "The central bank raised interest rates by half a point.",
            &p,
            &keys,
        );
        assert_eq!(c.place(&a, &keys, 0, 0), 0);
        assert_eq!(c.place(&x, &keys, 10, 1), 1);
        assert_eq!(c.place(&b, &keys, 20, 2), 0);
    }

    #[test]
    fn a_story_past_the_window_is_closed() {
        let p = Params {
            window: 100,
            ..Params::default()
        };
        let mut c = Clusterer::new(p.clone());
        let keys = Keys::new();
        let a = counts(None, "Floods hit Dresden as the Elbe rose.", &p, &keys);
        assert_eq!(c.place(&a, &keys, 0, 0), 0);
        assert_eq!(c.place(&a, &keys, 50, 1), 0);
        assert_eq!(c.place(&a, &keys, 151, 2), 1, "last seen at 50, window 100");
    }

    /// Counts are sorted by the terms' packed first 16 bytes, then the strings: the same
    /// order as the strings', which decides how new terms are numbered.
    #[test]
    fn packed_prefixes_sort_like_the_strings() {
        let words = [
            "b",
            "a",
            "ab",
            "abc",
            "internationalization",
            "internationalizat",
            "internationalizatio",
            "internationaliza",
            "internationalise",
            "z\u{e9}ro",
            "zero",
            "9",
            "10",
            "it's",
        ];
        let mut by_string: Vec<&str> = words.to_vec();
        by_string.sort();
        let mut by_packed: Vec<&str> = words.to_vec();
        by_packed.sort_by(|a, b| packed(a).cmp(&packed(b)).then_with(|| a.cmp(b)));
        assert_eq!(by_packed, by_string);
        assert_ne!(packed("ab"), packed("abc"));
    }

    /// Keys are handed out in whatever order worker threads count; the clusterer must still
    /// number terms in stream order (the order decides ties between equal weights).
    #[test]
    fn keys_handed_out_in_any_order_give_the_same_vocabulary_and_vectors() {
        let p = Params::default();
        let texts = [
            "Floods hit Dresden as the Elbe rose to record levels.",
            "The central bank raised interest rates by half a point.",
            "The Elbe flooded Dresden again, with record levels and rates of rise.",
        ];
        let forward = Keys::new();
        let ahead: Vec<Counts> = texts
            .iter()
            .map(|t| counts(None, t, &p, &forward))
            .collect();
        let backward = Keys::new();
        let mut behind: Vec<Counts> = texts
            .iter()
            .rev()
            .map(|t| counts(None, t, &p, &backward))
            .collect();
        behind.reverse();
        assert_ne!(ahead, behind, "the two tables gave other keys");
        let mut a = Clusterer::new(p.clone());
        let mut b = Clusterer::new(p.clone());
        for (n, (x, y)) in ahead.iter().zip(&behind).enumerate() {
            assert_eq!(a.vector(x, &forward), b.vector(y, &backward), "origin {n}");
        }
        assert_eq!(a.vocab, b.vocab);
        // A clusterer continued with a new table (a later run) keeps its vocabulary.
        let later = Keys::new();
        let again = counts(None, texts[0], &p, &later);
        let before = a.vocab.len();
        a.vector(&again, &later);
        assert_eq!(a.vocab.len(), before);
    }
}
