//! A cluster made ready for selection: sentences, their terms and weighted vectors.
//!
//! Everything a method needs is computed once here, so methods stay short and the
//! same sentence never gets tokenized twice. Whether a sentence may be chosen, and what
//! it costs, is found the first time a method asks (see [`Prepared::eligible`]): the
//! methods built on concepts never ask about the many sentences that hold none.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use chorus_model::{Cluster, Sentence, SentenceKind, Span};

use crate::compress::compress;
use crate::names::{DocNames, NameRepair};
use chorus_text::tokenize::pack_word;
use chorus_text::tokenize::{is_stopword, word_count, StemmerChoice, Tokenizer, TokenizerOptions};

use crate::methods::concepts::{ConceptOptions, Concepts};
use crate::similarity::SparseVec;
use crate::Options;

/// The cluster's sentences with everything the methods score them by.
#[derive(Debug)]
pub struct Prepared<'a> {
    /// The cluster being summarized.
    pub cluster: &'a Cluster,
    /// Every sentence of every document, documents in order.
    pub sentences: Vec<Sentence>,
    /// The spans each sentence shows: its whole span, or the pieces compression keeps.
    pub pieces: Vec<Vec<Span>>,
    /// Term ids of each sentence (stemmed, stop words removed), in text order.
    pub terms: Vec<Vec<u32>>,
    /// Every word of each sentence as a term id, stop words kept, in text order (for
    /// n-gram concepts, which need word adjacency).
    pub tokens: Vec<Vec<u32>>,
    /// Ranges of each sentence's `terms` that fall in one clause (between commas, dashes,
    /// parentheses...): the units a fact is restated in, for attribution.
    pub clauses: Vec<Vec<std::ops::Range<usize>>>,
    /// Whether each term id is a stop word.
    pub is_stop: Vec<bool>,
    /// Words of each sentence's shown pieces (without the repairs and roles
    /// [`Prepared::words`] adds).
    shown_words: Vec<usize>,
    /// Unit-length tf-idf vector of each sentence.
    pub vectors: Vec<SparseVec>,
    /// Inverse document frequency of each term id (documents = the cluster's articles).
    pub idf: Vec<f64>,
    /// Number of documents each term id occurs in.
    pub doc_freq: Vec<u32>,
    /// Number of distinct terms.
    pub vocab_size: usize,
    /// Unit-length tf-idf vector of the query, when one is in force.
    pub query: Option<SparseVec>,
    /// Number of sentences in each document.
    pub doc_lengths: Vec<usize>,
    /// The figures each sentence states ("217 people", "1.6 billion"): two sentences
    /// stating the same figure repeat a fact however different their words.
    pub figures: Vec<Vec<String>>,
    /// The people each document introduces, with their roles.
    pub doc_names: Vec<DocNames>,
    /// Concepts built by the first method call, kept for the reference rounds that choose
    /// again over the same sentences.
    concept_cache: std::sync::OnceLock<(ConceptOptions, Concepts)>,
    /// What a method computes once per cluster (graph scores, similarity rows), kept for
    /// the reference rounds, which would otherwise rebuild it up to ten times. Keyed by the
    /// method and its parameters.
    method_cache: std::sync::OnceLock<(String, MethodCache)>,
    /// The cluster's centroid, built on first use: the opening, the relevance term of
    /// generic concepts and the centroid methods all read it, some in every round.
    centroid_cache: std::sync::OnceLock<crate::SparseVec>,
    /// The content words each sentence shows, as the reference rounds remember them
    /// (`references::Antecedents::terms_of`): built the first time a round reads the
    /// sentence, since every round reads the chosen sentences again.
    pub(crate) antecedent_terms: Vec<std::sync::OnceLock<Box<[String]>>>,
    /// The sentence the summary opens with (see `lead`), when the options ask for one.
    pub opening: Option<usize>,
    /// Whether each sentence can stand alone, and what showing it costs
    /// ([`Standing`]): found the first time a method or the summary asks, since most
    /// methods never ask about a sentence that holds no concept (a third of a cluster's),
    /// and these tests were a fifth of preparing a cluster.
    standing: Vec<std::sync::OnceLock<Standing>>,
    /// Sentences with fewer words are never eligible (`Options::min_sentence_words`).
    min_sentence_words: usize,
}

/// Whether a sentence may be chosen, and the words choosing it costs.
#[derive(Debug, Clone, Default)]
struct Standing {
    /// Long enough, has content terms, can stand alone, names no unintroduced speaker.
    eligible: bool,
    /// Its shown words, its name repairs' and its roles'.
    words: usize,
    /// Words of the roles its names would be shown with (counted in `words`).
    role_words: usize,
    /// Bare surnames whose introduction came earlier in its document, with the words that
    /// introduce them (counted in `words`). Looked for only in a sentence with content terms
    /// that can stand alone: no other is ever chosen.
    name_repairs: Vec<NameRepair>,
}

impl<'a> Prepared<'a> {
    /// Splits and tokenizes every document of `cluster` and weighs the terms.
    pub fn new(cluster: &'a Cluster, opts: &Options) -> Prepared<'a> {
        let tokenizer = Tokenizer::new(opts.tokenizer);
        // Words are normalized (folded, lowercased) once per occurrence, but stemmed once
        // per distinct form: stemming dominated the whole pipeline before this cache.
        let normalizer = Tokenizer::new(TokenizerOptions {
            remove_stopwords: false,
            stemmer: StemmerChoice::None,
            ..opts.tokenizer
        });
        let stem_only = Tokenizer::new(TokenizerOptions {
            remove_stopwords: false,
            ..opts.tokenizer
        });
        // The thread's word forms and stems, numbered across clusters; the cluster's own
        // term ids are given in order of first appearance (see `TermCache`).
        let mut cache = TermCache::take(stem_only.options());
        let mut vocab = cache.cluster();
        let mut is_stop: Vec<bool> = Vec::new();
        let mut sentences = Vec::new();
        let mut terms = Vec::new();
        let mut tokens = Vec::new();
        let mut clause_terms = Vec::new();
        let mut pieces = Vec::new();
        let mut shown_words = Vec::new();
        let mut doc_lengths = Vec::with_capacity(cluster.documents.len());
        let mut text = String::new();
        // The normalizer's buffer for each word, kept across clauses and sentences.
        let mut word_buf = String::new();
        let mut forms = SentenceForms::default();
        let mut figures = Vec::new();
        let mut doc_names = Vec::with_capacity(cluster.documents.len());
        for (d, doc) in cluster.documents.iter().enumerate() {
            // Kept for the claims analysis of the same cluster, which splits them again.
            let doc_sentences = chorus_text::sentences_kept(d, &doc.text, &opts.sentences);
            let names = DocNames::new(&doc.text);
            doc_lengths.push(doc_sentences.len());
            for s in doc_sentences {
                let kept = if opts.compress && s.kind == SentenceKind::Body {
                    compress(&doc.text, s.span)
                } else {
                    vec![s.span]
                };
                text.clear();
                for piece in kept.iter().filter_map(|p| p.slice(&doc.text)) {
                    if !text.is_empty() {
                        text.push(' ');
                    }
                    text.push_str(piece);
                }
                // Sized for the sentence's words (about one per five bytes of news prose,
                // a space included): growing them one push at a time showed in profiles.
                let mut ids: Vec<u32> = Vec::with_capacity(text.len() / 8 + 1);
                let mut all: Vec<u32> = Vec::with_capacity(text.len() / 5 + 1);
                let mut clauses: Vec<std::ops::Range<usize>> = Vec::new();
                // Every word is looked up first, then numbered (see `SentenceForms`).
                forms.clear();
                for clause in clauses_of(&text) {
                    normalizer.for_each_term_in(clause, &mut word_buf, |form| {
                        vocab.look_up(form, &mut forms);
                    });
                    forms.clause_ends.push(forms.looked.len());
                }
                vocab.settle(&mut forms);
                let mut next = 0;
                for &end in &forms.clause_ends {
                    let from = ids.len();
                    for looked in &forms.looked[next..end] {
                        let (id, stop) = vocab.resolve(&stem_only, looked, &forms.text);
                        if id as usize == is_stop.len() {
                            is_stop.push(false);
                        }
                        // A stem is a stop word when any form of it is (was, is -> be).
                        is_stop[id as usize] |= stop;
                        all.push(id);
                        if !(tokenizer.options().remove_stopwords && stop) {
                            ids.push(id);
                        }
                    }
                    next = end;
                    if ids.len() > from {
                        clauses.push(from..ids.len());
                    }
                }
                clause_terms.push(clauses);
                tokens.push(all);
                figures.push(figures_in(&text));
                pieces.push(kept);
                shown_words.push(word_count(&text));
                terms.push(ids);
                sentences.push(s);
            }
            doc_names.push(names);
        }
        let vocab_size = vocab.len();
        let mut doc_freq = vec![0u32; vocab_size];
        let mut last_doc = vec![usize::MAX; vocab_size];
        for (s, ids) in sentences.iter().zip(&terms) {
            for &t in ids {
                if last_doc[t as usize] != s.doc {
                    last_doc[t as usize] = s.doc;
                    doc_freq[t as usize] += 1;
                }
            }
        }
        let n_docs = cluster.documents.len() as f64;
        let idf: Vec<f64> = doc_freq
            .iter()
            .map(|&df| ((1.0 + n_docs) / (1.0 + df as f64)).ln() + 1.0)
            .collect();
        let vectors = terms.iter().map(|ids| tfidf(ids, &idf)).collect();
        let query = opts.query_for(cluster).map(|q| {
            let ids: Vec<u32> = tokenizer
                .terms(q)
                .into_iter()
                .filter_map(|t| vocab.get(&t))
                .collect();
            tfidf(&ids, &idf)
        });
        vocab.finish();
        cache.put_back();
        let n_sentences = sentences.len();
        let mut prepared = Prepared {
            cluster,
            sentences,
            pieces,
            terms,
            tokens,
            clauses: clause_terms,
            is_stop,
            shown_words,
            vectors,
            idf,
            doc_freq,
            vocab_size,
            query: query.filter(|q| !q.is_empty()),
            doc_lengths,
            figures,
            doc_names,
            concept_cache: std::sync::OnceLock::new(),
            method_cache: std::sync::OnceLock::new(),
            centroid_cache: std::sync::OnceLock::new(),
            antecedent_terms: (0..n_sentences)
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            opening: None,
            standing: (0..n_sentences)
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            min_sentence_words: opts.min_sentence_words,
        };
        // The lead baseline stays what DUC defined; every other method opens on the lead.
        if opts.lead && opts.method != crate::Method::Lead {
            prepared.opening = crate::lead::choose(&prepared, opts.budget, opts.query_for(cluster));
        }
        prepared
    }

    /// True when sentence `i` may be chosen: long enough with its name repairs, has content
    /// terms, can stand alone and names no unintroduced speaker.
    pub fn eligible(&self, i: usize) -> bool {
        self.standing(i).eligible
    }

    /// Word count of sentence `i` as the budget counts words: its shown pieces, the name
    /// repairs it needs and the roles of the people it names (shown when the summary
    /// introduces them here; otherwise the budget gets them back).
    pub fn words(&self, i: usize) -> usize {
        self.standing(i).words
    }

    /// Bare surnames in sentence `i` whose introduction came earlier in its document, with
    /// the words that introduce them ([`Prepared::words`] counts them); none in a sentence
    /// that cannot be chosen.
    pub fn name_repairs(&self, i: usize) -> &[NameRepair] {
        &self.standing(i).name_repairs
    }

    /// Words of the roles sentence `i`'s names would be shown with, counted in
    /// [`Prepared::words`]: the room `introduce_names` shows them in.
    pub fn role_words(&self, i: usize) -> usize {
        self.standing(i).role_words
    }

    /// Sentence `i`'s [`Standing`], found on first use.
    fn standing(&self, i: usize) -> &Standing {
        self.standing[i].get_or_init(|| {
            let s = &self.sentences[i];
            let text = &self.cluster.documents[s.doc].text;
            let kept = &self.pieces[i];
            let names = &self.doc_names[s.doc];
            // A sentence with no content term or one that cannot stand alone is never
            // chosen, so the repairs and roles below, which only a chosen sentence shows,
            // are not looked for.
            let stands_alone = !self.terms[i].is_empty()
                && crate::standalone::defect(
                    kept.iter().filter_map(|p| p.slice(text)),
                    kept.first().is_some_and(|p| p.start > s.span.start),
                )
                .is_none()
                && !names.unintroduced_speaker(text, kept);
            if !stands_alone {
                return Standing {
                    words: self.shown_words[i],
                    ..Standing::default()
                };
            }
            let mut name_repairs = names.repairs(text, s.span.start, kept);
            name_repairs.extend(names.shortened_name_repairs(text, s.span.start, kept));
            // The roles this sentence's names would be shown with, when the summary
            // introduces them here: part of what choosing it costs.
            let role_words: usize = names
                .role_insertions(text, kept)
                .iter()
                .map(|r| crate::names::words_in(text, &r.spans))
                .sum();
            let words = self.shown_words[i] + name_repairs.iter().map(|r| r.words).sum::<usize>();
            Standing {
                eligible: words >= self.min_sentence_words,
                // Choosing a sentence costs the roles it introduces, so the budget keeps
                // room for them (`introduce_names` in lib.rs shows them).
                words: words + role_words,
                role_words,
                name_repairs,
            }
        })
    }

    /// True when sentence `later` comes right after sentence `earlier` in one article.
    pub fn next_in_article(&self, earlier: usize, later: usize) -> bool {
        let (a, b) = (&self.sentences[earlier], &self.sentences[later]);
        a.doc == b.doc && a.position + 1 == b.position
    }

    /// The cluster centroid ([`crate::methods::centroid`]), built once.
    pub(crate) fn centroid(&self) -> &crate::SparseVec {
        self.centroid_cache
            .get_or_init(|| crate::methods::centroid(self))
    }

    /// The concepts of this cluster under `opts`: built once and reused by later rounds
    /// (building them costs more than the search that uses them).
    pub(crate) fn concepts(&self, opts: ConceptOptions) -> std::borrow::Cow<'_, Concepts> {
        let (cached_opts, concepts) = self
            .concept_cache
            .get_or_init(|| (opts, Concepts::new(self, opts)));
        if *cached_opts == opts {
            std::borrow::Cow::Borrowed(concepts)
        } else {
            std::borrow::Cow::Owned(Concepts::new(self, opts))
        }
    }

    /// Runs `with` on the value `build` makes, built by the first call and kept for later
    /// rounds under `key`; when the slot already holds another key, on a value built for
    /// this call only.
    pub(crate) fn with_cached<T: std::any::Any + Send + Sync, R>(
        &self,
        key: String,
        build: impl Fn() -> T,
        with: impl FnOnce(&T) -> R,
    ) -> R {
        let (held, value) = self
            .method_cache
            .get_or_init(|| (key.clone(), Box::new(build())));
        match value.downcast_ref::<T>().filter(|_| *held == key) {
            Some(value) => with(value),
            None => with(&build()),
        }
    }

    /// Indices of the sentences that may be chosen.
    pub fn candidates(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.sentences.len()).filter(|&i| self.eligible(i))
    }

    /// Cosine similarity of two sentences' tf-idf vectors.
    pub fn similarity(&self, a: usize, b: usize) -> f64 {
        self.vectors[a].dot(&self.vectors[b]).clamp(0.0, 1.0)
    }

    /// Similarity of a sentence to the query, or `None` without a query.
    pub fn query_similarity(&self, i: usize) -> Option<f64> {
        self.query
            .as_ref()
            .map(|q| q.dot(&self.vectors[i]).clamp(0.0, 1.0))
    }

    /// Relative position of a sentence in its document: 0 for the first, near 1 for the last.
    pub fn relative_position(&self, i: usize) -> f64 {
        let s = &self.sentences[i];
        let n = self.doc_lengths[s.doc].max(1) as f64;
        s.position as f64 / n
    }
}

/// The figures `text` states: a number that is not a year, with the word it counts
/// ("217 people", "7,000 deaths" as `7000 deaths`, "1.6 billion"), and the days it names
/// ("May 19" as `may 19`).
fn figures_in(text: &str) -> Vec<String> {
    // A figure starts with a digit: most sentences have none, and need no word list.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    // The words are read in one pass, each with the one before it and the two after it
    // (a copy of the iterator looks ahead): no list of the sentence's words is built.
    fn core(w: &str) -> &str {
        w.trim_matches(|c: char| !c.is_alphanumeric())
    }
    let mut words = text.split_whitespace().map(core);
    let mut out = Vec::new();
    let mut previous: Option<&str> = None;
    while let Some(w) = words.next() {
        let before = previous.replace(w);
        // Most words are not numbers: test before building anything.
        if !w.starts_with(|c: char| c.is_ascii_digit())
            || !w
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            continue;
        }
        let number: String = w.chars().filter(|&c| c != ',').collect();
        // "May 19": a day, which two sentences state about one event ("which opens May
        // 19", "opened May 19").
        if let Some(month) = before.filter(|b| {
            number.len() <= 2 && b.starts_with(char::is_uppercase) && crate::time::is_month(b)
        }) {
            out.push(format!("{} {number}", month.to_lowercase()));
            continue;
        }
        let year = number.len() == 4 && (number.starts_with("19") || number.starts_with("20"));
        let mut ahead = words.clone();
        let Some(next) = ahead.next().filter(|n| n.chars().all(char::is_alphabetic)) else {
            continue;
        };
        // "1999 elections" is a year; "10 people" and "2,000 troops" are figures.
        if year && !w.contains(',') {
            continue;
        }
        if next.is_empty() || is_stopword(&next.to_lowercase()) && next != "percent" {
            continue;
        }
        // "killed nearly 300 people" and "claimed over 300 lives" count the same dead
        // (blind round 14 read them as one fact stated twice).
        let counted = next.to_lowercase();
        let counted = match counted.as_str() {
            "lives" | "persons" | "dead" | "deaths" => "people".to_string(),
            _ => counted,
        };
        out.push(format!("{number} {counted}"));
        // "about 300 waterfront residents" and "around 300 residents" count the same
        // people: the noun after one lower-case modifier is the figure too.
        if next.starts_with(|c: char| c.is_lowercase()) {
            if let Some(noun) = ahead.next().filter(|n| {
                !n.is_empty()
                    && n.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
                    && !is_stopword(n)
            }) {
                out.push(format!("{number} {noun}"));
            }
        }
    }
    out
}

/// Word forms a thread keeps before starting over (a few MB).
const CACHED_FORMS: usize = 100_000;

/// A thread's word forms and their stems, kept across clusters: a batch meets the same
/// words again and again, and stemming, then string-keyed maps rebuilt for every cluster,
/// were the largest costs of preparing one. Each distinct stem gets a number for the
/// thread (its *stem number*); a cluster's term ids are then handed out by
/// [`ClusterVocab`] in order of first appearance, exactly as a fresh numbering per
/// cluster would give them, so only speed depends on the cache, never the output.
///
/// Forms and stems under 16 bytes (nearly all) are keyed by [`pack_word`], so a lookup
/// hashes and compares integers, not strings.
struct TermCache {
    /// The options of the stemming tokenizer these stems were made with.
    opts: TokenizerOptions,
    /// Normalized word form → (stem number, whether the form is a stop word).
    short_forms: FxHashMap<u128, (u32, bool)>,
    long_forms: FxHashMap<Box<str>, (u32, bool)>,
    /// Stem → stem number.
    short_stems: FxHashMap<u128, u32>,
    long_stems: FxHashMap<Box<str>, u32>,
    /// Number of stems numbered so far.
    stems: u32,
    /// For each stem number, its term id in the cluster being prepared plus one (0: not
    /// in the cluster); reset after each cluster through `numbered`.
    term_of: Vec<u32>,
    /// The stem numbers given a term id in the cluster being prepared, by term id.
    numbered: Vec<u32>,
    /// Short word forms of the cluster being prepared → (term id, whether a stop word):
    /// a cluster repeats most of its words, and this small map stays in the core's cache,
    /// where the thread's big maps above cost two cache misses a word (most of preparing's
    /// tokenizing time on the corpus benchmark).
    cluster_forms: FxHashMap<u128, (u32, bool)>,
}

thread_local! {
    /// The [`TermCache`]s of this thread, one per stemming option set in use.
    static TERM_CACHES: RefCell<Vec<TermCache>> = const { RefCell::new(Vec::new()) };
}

impl TermCache {
    /// This thread's cache for `opts`, taken out of the thread's slot while a cluster is
    /// prepared (so nothing else on the thread can see it half updated), and emptied
    /// when it has grown past [`CACHED_FORMS`].
    fn take(opts: TokenizerOptions) -> TermCache {
        let held = TERM_CACHES
            .try_with(|cell| {
                let mut caches = cell.borrow_mut();
                let k = caches.iter().position(|c| c.opts == opts)?;
                Some(caches.swap_remove(k))
            })
            .ok()
            .flatten();
        match held {
            Some(cache) if cache.short_forms.len() + cache.long_forms.len() < CACHED_FORMS => cache,
            _ => TermCache {
                opts,
                short_forms: FxHashMap::default(),
                long_forms: FxHashMap::default(),
                short_stems: FxHashMap::default(),
                long_stems: FxHashMap::default(),
                stems: 0,
                term_of: Vec::new(),
                numbered: Vec::new(),
                cluster_forms: FxHashMap::default(),
            },
        }
    }

    /// Returns the cache to this thread's slot for the next cluster.
    fn put_back(self) {
        // The thread is shutting down when this fails: the cache is simply dropped.
        let _ = TERM_CACHES.try_with(move |cell| cell.borrow_mut().push(self));
    }

    /// A numbering of the cluster's terms over this cache.
    fn cluster(&mut self) -> ClusterVocab<'_> {
        self.numbered.clear();
        self.cluster_forms.clear();
        ClusterVocab { cache: self }
    }

    /// The stem number of a normalized word `form` (stemmed by `stemmer`, a tokenizer
    /// keeping stop words, once per thread) and whether the form is a stop word.
    fn form(&mut self, stemmer: &Tokenizer, form: &str) -> (u32, bool) {
        let key = pack_word(form);
        let known = match key {
            Some(key) => self.short_forms.get(&key),
            None => self.long_forms.get(form),
        };
        if let Some(&known) = known {
            return known;
        }
        let mut stem_number = None;
        stemmer.for_each_term(form, |stem| stem_number = Some(self.stem_number(stem)));
        let number = match stem_number {
            Some(n) => n,
            None => self.stem_number(form),
        };
        let entry = (number, is_stopword(form));
        match key {
            Some(key) => self.short_forms.insert(key, entry),
            None => self.long_forms.insert(form.into(), entry),
        };
        entry
    }

    /// The number of `stem`, numbering it when new.
    fn stem_number(&mut self, stem: &str) -> u32 {
        let next = self.stems;
        let number = match pack_word(stem) {
            Some(key) => *self.short_stems.entry(key).or_insert(next),
            None => match self.long_stems.get(stem) {
                Some(&n) => n,
                None => *self.long_stems.entry(stem.into()).or_insert(next),
            },
        };
        if number == next {
            self.stems += 1;
        }
        number
    }

    /// The number of `stem`, when this cache has it.
    fn known_stem(&self, stem: &str) -> Option<u32> {
        match pack_word(stem) {
            Some(key) => self.short_stems.get(&key).copied(),
            None => self.long_stems.get(stem).copied(),
        }
    }
}

/// One sentence's word forms as looked up, before any is numbered: the thread's table of
/// forms is too big for the core's cache, and looked up word by word, each numbering
/// waited on its lookup's cache miss (the largest single cost of preparing on the corpus
/// benchmark). Looked up back to back, the misses overlap.
#[derive(Default)]
struct SentenceForms {
    /// Each word as [`ClusterVocab::look_up`] found it, in text order.
    looked: Vec<Looked>,
    /// Where each clause's words end in `looked`.
    clause_ends: Vec<usize>,
    /// The text of the forms new to the cluster, which numbering may have to stem.
    text: String,
}

impl SentenceForms {
    fn clear(&mut self) {
        self.looked.clear();
        self.clause_ends.clear();
        self.text.clear();
    }
}

/// What looking a word form up found.
enum Looked {
    /// The cluster has the form: its term id, and whether it is a stop word.
    Cluster(u32, bool),
    /// A form new to the cluster: its key when short enough for one, its place in
    /// [`SentenceForms::text`], and, once [`ClusterVocab::settle`] looked, the thread's
    /// stem number for it and whether it is a stop word.
    New {
        key: Option<u128>,
        at: std::ops::Range<usize>,
        thread: Option<(u32, bool)>,
    },
}

/// A cluster's term ids: stems numbered in order of first appearance in the cluster.
struct ClusterVocab<'c> {
    cache: &'c mut TermCache,
}

impl ClusterVocab<'_> {
    /// The term id of a normalized word `form` (stemmed by `stemmer`, see
    /// [`TermCache::form`]) and whether it is a stop word, numbering its stem when new.
    fn form_id(&mut self, stemmer: &Tokenizer, form: &str) -> (u32, bool) {
        let key = pack_word(form);
        if let Some(seen) = key.and_then(|key| self.cache.cluster_forms.get(&key)) {
            return *seen;
        }
        let (stem, stop) = self.cache.form(stemmer, form);
        let id = self.id(stem);
        if let Some(key) = key {
            self.cache.cluster_forms.insert(key, (id, stop));
        }
        (id, stop)
    }

    /// Looks `form` up in the cluster's table without numbering anything, and adds what
    /// it found to `forms`.
    fn look_up(&self, form: &str, forms: &mut SentenceForms) {
        let key = pack_word(form);
        let looked = match key.and_then(|key| self.cache.cluster_forms.get(&key)) {
            Some(&(id, stop)) => Looked::Cluster(id, stop),
            None => {
                let from = forms.text.len();
                forms.text.push_str(form);
                Looked::New {
                    key,
                    at: from..forms.text.len(),
                    thread: None,
                }
            }
        };
        forms.looked.push(looked);
    }

    /// Looks the forms new to the cluster up in the thread's table, one after another
    /// with nothing else in between: the table's cache misses overlap.
    fn settle(&self, forms: &mut SentenceForms) {
        let (short_forms, term_of) = (&self.cache.short_forms, &self.cache.term_of);
        // The stems' places in `term_of`, read here so that their misses overlap too
        // (numbering reads them again, from the core's cache).
        let mut touched = 0;
        for looked in &mut forms.looked {
            if let Looked::New {
                key: Some(key),
                thread,
                ..
            } = looked
            {
                *thread = short_forms.get(key).copied();
                if let Some((stem, _)) = thread {
                    touched ^= term_of.get(*stem as usize).copied().unwrap_or(0);
                }
            }
        }
        std::hint::black_box(touched);
    }

    /// The term id of a form [`ClusterVocab::look_up`] found (`text` is the sentence's
    /// [`SentenceForms::text`]) and whether it is a stop word: the same as
    /// [`ClusterVocab::form_id`] on the form.
    fn resolve(&mut self, stemmer: &Tokenizer, looked: &Looked, text: &str) -> (u32, bool) {
        match *looked {
            Looked::Cluster(id, stop) => (id, stop),
            Looked::New {
                key: Some(key),
                thread: Some((stem, stop)),
                ..
            } => {
                let id = self.id(stem);
                self.cache.cluster_forms.insert(key, (id, stop));
                (id, stop)
            }
            Looked::New { ref at, .. } => self.form_id(stemmer, text.get(at.clone()).unwrap_or("")),
        }
    }

    /// The term id of the stem numbered `stem`, giving it the next id when new.
    fn id(&mut self, stem: u32) -> u32 {
        let cache = &mut *self.cache;
        let at = stem as usize;
        if cache.term_of.len() <= at {
            cache.term_of.resize(cache.stems.max(stem + 1) as usize, 0);
        }
        match cache.term_of[at] {
            0 => {
                let id = cache.numbered.len() as u32;
                cache.numbered.push(stem);
                cache.term_of[at] = id + 1;
                id
            }
            known => known - 1,
        }
    }

    /// Number of distinct terms of the cluster.
    fn len(&self) -> usize {
        self.cache.numbered.len()
    }

    /// The term id of `stem`, when the cluster has it.
    fn get(&self, stem: &str) -> Option<u32> {
        let number = self.cache.known_stem(stem)?;
        match self.cache.term_of.get(number as usize) {
            Some(&id) if id > 0 => Some(id - 1),
            _ => None,
        }
    }

    /// Forgets the cluster's numbering, leaving the cache ready for the next cluster.
    fn finish(self) {
        let cache = self.cache;
        for &stem in &cache.numbered {
            cache.term_of[stem as usize] = 0;
        }
        cache.numbered.clear();
        cache.cluster_forms.clear();
    }
}

/// Punctuation that ends a clause.
#[cfg(test)]
fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '(' | ')' | '[' | ']' | '\u{2014}' | '\u{2013}'
    )
}

/// The pieces `text.split(is_clause_break)` gives, found on bytes: a table test per byte,
/// and the two dashes (`—`, `–`) by their three bytes, with no character decoded (this
/// runs over every sentence of every cluster).
fn clauses_of(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let (mut from, mut at) = (0, 0);
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        while let Some(&b) = bytes.get(at) {
            let width = if !CLAUSE_BREAK_BYTE[usize::from(b)] {
                0
            } else if b != 0xE2 {
                1
            } else if bytes.get(at + 1) == Some(&0x80)
                && matches!(bytes.get(at + 2), Some(0x93 | 0x94))
            {
                3
            } else {
                0
            };
            if width > 0 {
                // A break is ASCII or starts a character: `from..at` ends on a boundary.
                let piece = &text[from..at];
                at += width;
                from = at;
                return Some(piece);
            }
            at += 1;
        }
        done = true;
        Some(&text[from..])
    })
}

/// The bytes that may start a clause break: the ASCII ones, and the first byte of both
/// dashes.
const CLAUSE_BREAK_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let breaks = [b',', b';', b':', b'(', b')', b'[', b']', 0xE2];
    let mut k = 0;
    while k < breaks.len() {
        table[breaks[k] as usize] = true;
        k += 1;
    }
    table
};

/// A method's once-per-cluster work, of the method's own type.
type MethodCache = Box<dyn std::any::Any + Send + Sync>;

/// Unit-length tf-idf vector of a bag of term ids.
fn tfidf(ids: &[u32], idf: &[f64]) -> SparseVec {
    SparseVec::from_pairs(ids.iter().map(|&t| (t, idf[t as usize])).collect()).normalized()
}

#[cfg(test)]
mod tests {
    use super::{clauses_of, figures_in, is_clause_break, Prepared};
    use crate::tests::doc;
    use crate::Options;
    use chorus_model::Cluster;

    /// Eligibility is what it was when it was computed after the repairs: long enough with
    /// its repairs, content terms, stands alone, names no unintroduced speaker. The repairs
    /// are looked for only where the sentence can be chosen, and found there.
    #[test]
    fn repairs_are_looked_for_only_in_sentences_that_can_be_chosen() {
        let text = "Mayor Anna Kowalski opened the new harbor bridge on Monday after two years \
            of work. Kowalski said the bridge would carry ten thousand cars a day across the \
            harbor. That is why Kowalski said the old ferry would keep running for the winter. \
            The bridge cost the city more than it had planned, officials said on Monday.";
        let cluster = Cluster {
            id: "bridge".into(),
            documents: vec![
                doc("a", text),
                doc(
                    "b",
                    "The new harbor bridge opened on Monday, the city said.",
                ),
            ],
            ..Default::default()
        };
        let opts = Options::default();
        let p = Prepared::new(&cluster, &opts);
        let mut repaired = 0;
        for i in 0..p.sentences.len() {
            let s = &p.sentences[i];
            let text = &cluster.documents[s.doc].text;
            let kept = &p.pieces[i];
            let stands_alone = !p.terms[i].is_empty()
                && crate::standalone::defect(
                    kept.iter().filter_map(|k| k.slice(text)),
                    kept.first().is_some_and(|k| k.start > s.span.start),
                )
                .is_none()
                && !p.doc_names[s.doc].unintroduced_speaker(text, kept);
            let words = p.words(i) - p.role_words(i);
            assert_eq!(
                p.eligible(i),
                stands_alone && words >= opts.min_sentence_words,
                "sentence {i}"
            );
            if !stands_alone {
                assert!(p.name_repairs(i).is_empty() && p.role_words(i) == 0);
            }
            repaired += usize::from(!p.name_repairs(i).is_empty());
        }
        // "Kowalski said ..." stands alone once repaired; "That is why Kowalski ..." does not.
        let repairs: Vec<_> = (0..p.sentences.len()).map(|i| p.name_repairs(i)).collect();
        assert_eq!(repaired, 1, "{repairs:?}");
    }

    /// Whether a sentence may be chosen is found when first asked: building the concepts
    /// asks only of the sentences that hold one, and a sentence past the leads that holds
    /// none is never tested (the tests were a fifth of preparing a cluster). Asked later,
    /// the answer is the one every sentence got when all were tested up front.
    #[test]
    fn a_sentence_holding_no_concept_is_not_tested_until_asked() {
        let cluster = Cluster {
            id: "bridge".into(),
            documents: vec![
                doc(
                    "a",
                    "The harbor bridge opened on Monday after two years of work. The mayor \
                    cut a ribbon at the harbor bridge before the first cars. Lighthouse keepers \
                    painted their wooden boats bright yellow for the regatta in spring.",
                ),
                doc(
                    "b",
                    "The harbor bridge opened on Monday to traffic from the north. Drivers \
                    crossed the harbor bridge all day long.",
                ),
                doc(
                    "c",
                    "Thousands crossed the harbor bridge on Monday, the city said.",
                ),
            ],
            ..Default::default()
        };
        let opts = Options::default();
        let p = Prepared::new(&cluster, &opts);
        let concepts = p.concepts(crate::methods::concepts::ConceptOptions::default());
        let tested = |i: usize| p.standing[i].get().is_some();
        let keepers = (0..p.sentences.len())
            .find(|&i| {
                p.pieces[i][0]
                    .slice(&cluster.documents[0].text)
                    .is_some_and(|t| t.starts_with("Lighthouse"))
            })
            .expect("the keepers' sentence");
        assert!(p.sentences[keepers].position >= crate::lead::LEAD_POSITIONS);
        assert!(concepts.of_sentence[keepers].is_empty());
        assert!(!tested(keepers), "tested though it holds no concept");
        for i in (0..p.sentences.len()).filter(|&i| !concepts.of_sentence[i].is_empty()) {
            assert!(tested(i) && p.eligible(i), "sentence {i}");
        }
        // Asked now, it is tested, and stands alone like any sentence of its length.
        assert!(p.eligible(keepers) && tested(keepers));
        assert_eq!(p.words(keepers), 13);
    }

    /// Term ids are numbered in order of first appearance, the same whatever the thread
    /// met before: forms new to the cluster are looked up for a whole sentence before any
    /// is numbered, so a form twice in one sentence, forms of one stem, and forms too long
    /// for a key must still each get one id.
    #[test]
    fn term_ids_follow_first_appearance_whatever_the_thread_met_before() {
        let cluster = |id: &str, text: &str| Cluster {
            id: id.into(),
            documents: vec![doc("a", text)],
            ..Default::default()
        };
        let a = cluster(
            "a",
            "Bridges and bridge builders met the bridge builder, internationalization \
             experts said; internationalization, they said, was new. The builders said \
             the bridges were new.",
        );
        let b = cluster(
            "b",
            "Experts said the internationalization of new bridges met builders halfway.",
        );
        let opts = Options::default();
        let cold = Prepared::new(&a, &opts).tokens;
        // The thread now knows every form of `b`, some of them new to `a`.
        let _ = Prepared::new(&b, &opts);
        let warm = Prepared::new(&a, &opts).tokens;
        assert_eq!(cold, warm);
        let mut next = 0;
        for &id in cold.iter().flatten() {
            assert!(id <= next, "{cold:?}");
            next = next.max(id + 1);
        }
        // One id per stem: "Bridges" and both "bridge"s; "builders" and "builder"; the
        // two long forms, whose first comes in the same clause as "builder".
        let first = &cold[0];
        assert_eq!(first.len(), 16, "{first:?}");
        assert_eq!((first[2], first[6]), (first[0], first[0]));
        assert_eq!(first[7], first[3]);
        assert_eq!(first[11], first[8]);
        assert_ne!(first[8], first[9]);
        // The second sentence repeats the first's stems; only "were" is new.
        assert_eq!((cold[1][1], cold[1][4]), (first[3], first[0]), "{cold:?}");
        assert_eq!(cold[1][5], 11, "{cold:?}");
    }

    #[test]
    fn clauses_are_the_char_split() {
        for text in [
            "",
            ",",
            "One, two; three: (four) [five]",
            "a\u{2014}b\u{2013}c\u{2012}d\u{2019}e \u{201c}f\u{201d}",
            "ends with a dash\u{2014}",
            "caf\u{e9}, na\u{ef}ve,,; done",
            "\u{2014}\u{2014}",
        ] {
            let want: Vec<&str> = text.split(is_clause_break).collect();
            let got: Vec<&str> = clauses_of(text).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    /// Blind round 12: "which opens May 19", "opened May 19" and "which opens nationwide
    /// May 19" in one summary.
    #[test]
    fn a_day_is_a_figure_two_sentences_share() {
        assert!(figures_in("The movie opens nationwide May 19.").contains(&"may 19".to_string()));
        assert!(figures_in("It opened on Oct. 3 in Paris.").contains(&"oct 3".to_string()));
        // A modal "may" before a count is not a month; a year is no day.
        assert!(!figures_in("They may 10 times refuse.")
            .iter()
            .any(|f| f.starts_with("may")));
        assert!(figures_in("It opened in May 1999.").is_empty());
    }

    #[test]
    fn harbor_fire_the_same_evacuees_are_one_figure() {
        let a = figures_in("The fire forced the evacuation of about 300 waterfront residents.");
        let b = figures_in("The fire forced around 300 residents to leave their homes.");
        assert!(a.iter().any(|f| b.contains(f)), "{a:?} {b:?}");
        // A year is not a figure.
        assert!(figures_in("In 1999 elections were held.").is_empty());
        assert!(figures_in("About 12 people died.").contains(&"12 people".to_string()));
        // Blind round 14: one toll, counted in people and in lives.
        let a = figures_in("Four bomb blasts killed nearly 300 people.");
        let b = figures_in("The blasts claimed over 300 lives in Moscow and Dagestan.");
        assert!(a.iter().any(|f| b.contains(f)), "{a:?} {b:?}");
    }
}
