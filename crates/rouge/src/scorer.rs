//! The scorer: prepares texts with a [`Vocab`] and computes each metric with the exact
//! arithmetic of the reference it imitates (including ROUGE-1.5.5's rounding of R and P to
//! five decimals before F is computed from them).

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use crate::config::{Compat, Config, Metric, MultiRef};
use crate::metrics::{key_count, mark_wlcs_bits, Dp, PeerGrams, Pow, WlcsBuf};
use crate::tokenize::{Text, Vocab};
use crate::{RougeError, Score, Scores, MAX_LCS_WORDS, MAX_SKIP_BIGRAMS, MAX_WLCS_CELLS};

/// A reusable scorer for one [`Config`]: keeps the vocabulary (so each distinct word is
/// stemmed once) and all work buffers between calls. Not `Sync`; use one per thread.
pub struct Scorer {
    config: Config,
    vocab: Vocab,
    peer: Text,
    models: Vec<Text>,
    /// Prepared references by text (their tokens do not depend on the prediction).
    refs: FxHashMap<Box<str>, Text>,
    dp: Dp,
    wb: WlcsBuf,
    mask: Vec<bool>,
    cnt_m: Vec<i32>,
    cnt_p: Vec<i32>,
    pm: Vec<u64>,
    pows: Vec<Pow>,
    /// The prediction the memo belongs to (valid once a prediction was scored).
    memo_peer: String,
    memo_valid: bool,
    /// Per reference text seen with `memo_peer`: its [`Pair`] for every metric.
    memo: Vec<(String, Vec<Pair>)>,
    /// `memo_peer`'s n-grams / skip-bigrams counted by key, per metric.
    peer_grams: Vec<PeerGrams>,
    /// Whether each token id occurs in `memo_peer`.
    in_peer: Vec<bool>,
}

/// References remembered per prediction before the memo is dropped and started again.
const MEMO_CAP: usize = 64;

/// Prepared references kept before that cache is dropped and started again.
const REF_CAP: usize = 1024;

/// One metric's result for one (prediction, reference) pair: ROUGE-1.5.5's counts
/// (hits, reference count, prediction count) and per-reference score, which `-f A`/`-f B`
/// combine across references; in rouge-score mode, that reference's score (`rs`).
#[derive(Debug, Clone, Copy)]
struct Pair {
    hit: f64,
    count: f64,
    count_p: f64,
    s: f64,
    rs: Score,
}

impl Default for Pair {
    fn default() -> Pair {
        Pair {
            hit: 0.0,
            count: 0.0,
            count_p: 0.0,
            s: 0.0,
            rs: Score {
                r: 0.0,
                p: 0.0,
                f: 0.0,
            },
        }
    }
}

/// Rounds as Perl's `sprintf("%7.5f", x)` and reads the number back, as ROUGE-1.5.5 does
/// with every per-summary R, P and F.
pub(crate) fn round5(x: f64) -> f64 {
    format!("{x:.5}").parse().unwrap_or(x)
}

/// ROUGE-1.5.5's F from its (rounded) R and P.
fn perl_f(r: f64, p: f64, alpha: f64) -> f64 {
    let d = (1.0 - alpha) * p + alpha * r;
    if d > 0.0 {
        round5((p * r) / d)
    } else {
        0.0
    }
}

/// rouge-score's `fmeasure`.
fn fmeasure(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// ROUGE-1.5.5's combination of per-reference counts (`-f A` sums, `-f B` keeps the
/// reference with the best score, the first on ties).
struct Acc {
    mode: MultiRef,
    hit: f64,
    count: f64,
    count_p: f64,
    best: f64,
}

impl Acc {
    fn new(mode: MultiRef) -> Acc {
        Acc {
            mode,
            hit: 0.0,
            count: 0.0,
            count_p: 0.0,
            best: -1.0,
        }
    }

    fn add(&mut self, hit: f64, count: f64, count_p: f64, score: f64) {
        match self.mode {
            MultiRef::Average => {
                self.hit += hit;
                self.count += count;
                self.count_p += count_p;
            }
            MultiRef::Best => {
                if score > self.best {
                    self.best = score;
                    self.hit = hit;
                    self.count = count;
                    self.count_p = count_p;
                }
            }
        }
    }

    fn finish(&self, alpha: f64, transform: impl Fn(f64) -> f64) -> Score {
        let r = if self.count != 0.0 {
            round5(transform(self.hit / self.count))
        } else {
            0.0
        };
        let p = if self.count_p != 0.0 {
            round5(transform(self.hit / self.count_p))
        } else {
            0.0
        };
        Score {
            r,
            p,
            f: perl_f(r, p, alpha),
        }
    }
}

impl Scorer {
    /// A scorer for `config` (checked here once).
    pub fn new(config: Config) -> Result<Scorer, RougeError> {
        config.validate()?;
        let pows = config
            .metrics
            .iter()
            .filter_map(|m| match m {
                Metric::W(w) => Some(Pow::new(*w)),
                _ => None,
            })
            .collect();
        Ok(Scorer {
            vocab: Vocab::new(&config),
            config,
            peer: Text::default(),
            models: Vec::new(),
            refs: FxHashMap::default(),
            dp: Dp::default(),
            wb: WlcsBuf::default(),
            mask: Vec::new(),
            cnt_m: Vec::new(),
            cnt_p: Vec::new(),
            pm: Vec::new(),
            pows,
            memo_peer: String::new(),
            memo_valid: false,
            memo: Vec::new(),
            peer_grams: Vec::new(),
            in_peer: Vec::new(),
        })
    }

    /// The configuration this scorer applies.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Scores `prediction` against `references` (texts with one sentence per line).
    ///
    /// Each (prediction, reference) pair's counts are computed once and remembered while
    /// the same prediction is scored again (as jackknifing does, against overlapping
    /// reference subsets), so only the per-subset combination is repeated; the counts do not
    /// depend on the other references, so the numbers are the same as computing afresh.
    pub fn score(&mut self, prediction: &str, references: &[&str]) -> Result<Scores, RougeError> {
        if references.is_empty() {
            return Err(RougeError::NoReferences);
        }
        if !self.memo_valid || self.memo_peer != prediction {
            self.set_peer(prediction)?;
        }
        let mut slots = Vec::with_capacity(references.len());
        for text in references {
            let slot = match self.memo.iter().position(|(r, _)| r == text) {
                Some(i) => i,
                None => self.add_reference(text)?,
            };
            slots.push(slot);
        }
        let metrics = self.config.metrics.clone();
        let mut out = Vec::with_capacity(metrics.len());
        let mut w_index = 0;
        for (k, m) in metrics.iter().enumerate() {
            let pairs = slots
                .iter()
                .filter_map(|&i| self.memo.get(i).and_then(|(_, st)| st.get(k)).copied());
            let s = match self.config.compat {
                Compat::RougeScore => {
                    // score_multi: np.argmax over F, the first maximum wins.
                    let mut best: Option<Score> = None;
                    for p in pairs {
                        let s = p.rs;
                        if best.is_none_or(|b| s.f > b.f) {
                            best = Some(s);
                        }
                    }
                    best.unwrap_or(Score {
                        r: 0.0,
                        p: 0.0,
                        f: 0.0,
                    })
                }
                Compat::Rouge155 | Compat::Default => {
                    let mut acc = Acc::new(self.config.multi_ref);
                    for p in pairs {
                        acc.add(p.hit, p.count, p.count_p, p.s);
                    }
                    let alpha = self.config.alpha;
                    match m {
                        Metric::W(_) => {
                            let s = match self.pows.get(w_index) {
                                Some(pow) => acc.finish(alpha, |x| pow.inverse(x)),
                                None => Score {
                                    r: 0.0,
                                    p: 0.0,
                                    f: 0.0,
                                },
                            };
                            w_index += 1;
                            s
                        }
                        _ => acc.finish(alpha, |x| x),
                    }
                }
            };
            out.push((m.name(), s));
        }
        Ok(Scores(out))
    }

    /// Tokenizes a new prediction, forgets the previous one's pair counts and builds its
    /// n-gram keys per metric; refuses a prediction whose skip-bigrams are over the limit.
    fn set_peer(&mut self, prediction: &str) -> Result<(), RougeError> {
        let limit = self.config.limit;
        self.memo_valid = false;
        self.memo.clear();
        // The previous prediction's words are no longer the prediction's.
        for &t in &self.peer.flat {
            if let Some(f) = self.in_peer.get_mut(t as usize) {
                *f = false;
            }
        }
        self.vocab.prepare(prediction, limit, &mut self.peer);
        if self.in_peer.len() < self.vocab.len() {
            self.in_peer.resize(self.vocab.len(), false);
        }
        for &t in &self.peer.flat {
            if let Some(f) = self.in_peer.get_mut(t as usize) {
                *f = true;
            }
        }
        check_skip_keys(&self.config.metrics, self.peer.flat.len(), "prediction")?;
        self.memo_peer.clear();
        self.memo_peer.push_str(prediction);
        self.memo_valid = true;
        let metrics = &self.config.metrics;
        self.peer_grams
            .resize_with(metrics.len(), PeerGrams::default);
        for (m, grams) in metrics.iter().zip(self.peer_grams.iter_mut()) {
            grams.build(*m, &self.peer.flat);
        }
        Ok(())
    }

    /// Tokenizes one reference, computes its counts against the current prediction for
    /// every metric and remembers them; returns the memo slot. Refuses a reference whose
    /// skip-bigrams or LCS tables against the prediction would be over the limits.
    fn add_reference(&mut self, text: &str) -> Result<usize, RougeError> {
        if self.memo.len() >= MEMO_CAP {
            // A prediction scored against very many references: keep memory bounded.
            self.memo.clear();
        }
        // The reference's tokens, prepared once per distinct reference text.
        let (key, mut prep) = match self.refs.remove_entry(text) {
            Some(kv) => kv,
            None => {
                let mut prep = Text::default();
                self.vocab.prepare(text, self.config.limit, &mut prep);
                check_skip_keys(&self.config.metrics, prep.flat.len(), "reference")?;
                (text.into(), prep)
            }
        };
        check_lcs_work(&self.config, &prep, &self.peer)?;
        if self.models.is_empty() {
            self.models.push(Text::default());
        }
        if let Some(slot) = self.models.first_mut() {
            std::mem::swap(slot, &mut prep);
        }
        let n_vocab = self.vocab.len();
        if self.cnt_m.len() < n_vocab {
            self.cnt_m.resize(n_vocab, 0);
            self.cnt_p.resize(n_vocab, 0);
            self.pm.resize(n_vocab, 0);
        }
        let metrics = self.config.metrics.clone();
        let mut stats = Vec::with_capacity(metrics.len());
        let mut w_index = 0;
        for (k, m) in metrics.iter().enumerate() {
            let st = match self.config.compat {
                Compat::RougeScore => Pair {
                    rs: self.rouge_score_pair(*m, k),
                    ..Pair::default()
                },
                Compat::Rouge155 | Compat::Default => {
                    let st = self.perl_pair(*m, k, w_index);
                    if matches!(m, Metric::W(_)) {
                        w_index += 1;
                    }
                    st
                }
            };
            stats.push(st);
        }
        if let Some(slot) = self.models.first_mut() {
            std::mem::swap(slot, &mut prep);
        }
        if self.refs.len() >= REF_CAP {
            self.refs.clear();
        }
        self.refs.insert(key, prep);
        self.memo.push((text.to_string(), stats));
        Ok(self.memo.len() - 1)
    }

    /// Jackknifed score as in DUC/TAC: with n > 1 references, the mean of the n scores
    /// against each set of n-1 references; with one reference, the plain score.
    pub fn score_jackknife(
        &mut self,
        prediction: &str,
        references: &[&str],
    ) -> Result<Scores, RougeError> {
        if references.len() < 2 {
            return self.score(prediction, references);
        }
        let mut total: Option<Scores> = None;
        let mut subset: Vec<&str> = Vec::with_capacity(references.len() - 1);
        for leave in 0..references.len() {
            subset.clear();
            subset.extend(
                references
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != leave)
                    .map(|(_, r)| *r),
            );
            let s = self.score(prediction, &subset)?;
            match total.as_mut() {
                None => total = Some(s),
                Some(t) => {
                    for ((_, a), (_, b)) in t.0.iter_mut().zip(s.0.iter()) {
                        a.r += b.r;
                        a.p += b.p;
                        a.f += b.f;
                    }
                }
            }
        }
        let n = references.len() as f64;
        let mut t = total.unwrap_or_default();
        for (_, s) in t.0.iter_mut() {
            s.r /= n;
            s.p /= n;
            s.f /= n;
        }
        Ok(t)
    }

    /// One metric's counts of model slot 0 against the peer, as ROUGE-1.5.5 adds them up
    /// across references: (hits, model count, peer count, per-reference score).
    fn perl_pair(&mut self, m: Metric, k: usize, w_index: usize) -> Pair {
        let Some(model) = self.models.first() else {
            return Pair::default();
        };
        match m {
            Metric::N(_) | Metric::S { .. } => {
                let (hit, cn, cn_p) = match self.peer_grams.get_mut(k) {
                    Some(grams) => {
                        let (hit, cn) = grams.count(m, &model.flat, &self.in_peer);
                        (hit as f64, cn as f64, grams.total() as f64)
                    }
                    None => (0.0, 0.0, 0.0),
                };
                let s = if cn != 0.0 { round5(hit / cn) } else { 0.0 };
                Pair {
                    hit,
                    count: cn,
                    count_p: cn_p,
                    s,
                    ..Pair::default()
                }
            }
            Metric::L | Metric::Lsum => {
                let peer_cn = self.peer.flat.len() as f64;
                let (hit, base) = self.union_lcs(0, true);
                let s = if base > 0.0 { hit / base } else { 0.0 };
                Pair {
                    hit,
                    count: base,
                    count_p: peer_cn,
                    s,
                    ..Pair::default()
                }
            }
            Metric::W(_) => {
                let Some(pow) = self.pows.get(w_index) else {
                    return Pair::default();
                };
                let peer_cn = pow.get(self.peer.flat.len());
                let (hit, base) = wlcs(
                    model,
                    &self.peer,
                    pow,
                    &mut WlcsBufs {
                        dp: &mut self.dp,
                        wb: &mut self.wb,
                        mask: &mut self.mask,
                        cnt_m: &mut self.cnt_m,
                        cnt_p: &mut self.cnt_p,
                        pm: &mut self.pm,
                    },
                );
                let s = if base > 0.0 {
                    pow.inverse(hit / base)
                } else {
                    0.0
                };
                Pair {
                    hit,
                    count: pow.of(base),
                    count_p: peer_cn,
                    s,
                    ..Pair::default()
                }
            }
        }
    }

    /// Union-LCS hits of model `mi` against the peer, clipped by unigram counts
    /// (ROUGE-1.5.5's `lcs`; rouge-score's `_summary_level_lcs`). `perl` takes the clipping
    /// counts from the n-gram reader's tokens, as the script does; otherwise from the
    /// sentence tokens. Returns (hits, model length).
    fn union_lcs(&mut self, mi: usize, perl: bool) -> (f64, f64) {
        let model = &self.models[mi];
        let peer = &self.peer;
        let (cm, cp) = if perl {
            (&model.flat, &peer.flat)
        } else {
            (&model.sents, &peer.sents)
        };
        for &t in cm {
            self.cnt_m[t as usize] += 1;
        }
        for &t in cp {
            self.cnt_p[t as usize] += 1;
        }
        // Marks of the union LCS for every model token, peer sentence by peer sentence.
        self.mask.clear();
        self.mask.resize(model.sents.len(), false);
        for ps in peer.sentences() {
            let bits = ps.len() <= 64;
            if bits {
                for (j, &t) in ps.iter().enumerate() {
                    self.pm[t as usize] |= 1u64 << j;
                }
            }
            let mut start = 0usize;
            for &end in &model.bounds {
                let end = end as usize;
                let (ms, mask) = (&model.sents[start..end], &mut self.mask[start..end]);
                if bits {
                    self.dp.mark_lcs_bits(ms, ps.len(), &self.pm, mask);
                } else {
                    self.dp.mark_lcs(ms, ps, mask);
                }
                start = end;
            }
            if bits {
                for &t in ps {
                    self.pm[t as usize] = 0;
                }
            }
        }
        let mut hit = 0u64;
        let base = model.sents.len() as u64;
        for (j, &t) in model.sents.iter().enumerate() {
            if self.mask[j] {
                let t = t as usize;
                if self.cnt_m[t] > 0 && self.cnt_p[t] > 0 {
                    hit += 1;
                    self.cnt_m[t] -= 1;
                    self.cnt_p[t] -= 1;
                }
            }
        }
        for &t in cm {
            self.cnt_m[t as usize] = 0;
        }
        for &t in cp {
            self.cnt_p[t as usize] = 0;
        }
        (hit as f64, base as f64)
    }

    /// One metric's score of model slot 0 against the peer, as rouge-score computes it per
    /// reference (the best reference is chosen afterwards).
    fn rouge_score_pair(&mut self, m: Metric, k: usize) -> Score {
        let zero = Score {
            r: 0.0,
            p: 0.0,
            f: 0.0,
        };
        let Some(model) = self.models.first() else {
            return zero;
        };
        match m {
            Metric::N(_) => {
                let (inter, cn, cn_p) = match self.peer_grams.get_mut(k) {
                    Some(grams) => {
                        let (hit, cn) = grams.count(m, &model.flat, &self.in_peer);
                        (hit as f64, cn, grams.total())
                    }
                    None => (0.0, 0, 0),
                };
                let p = inter / (cn_p.max(1) as f64);
                let r = inter / (cn.max(1) as f64);
                Score {
                    r,
                    p,
                    f: fmeasure(p, r),
                }
            }
            Metric::L => {
                let (t, c) = (&model.flat, &self.peer.flat);
                if t.is_empty() || c.is_empty() {
                    zero
                } else {
                    let lcs = self.dp.lcs_len(t, c) as f64;
                    let p = lcs / c.len() as f64;
                    let r = lcs / t.len() as f64;
                    Score {
                        r,
                        p,
                        f: fmeasure(p, r),
                    }
                }
            }
            _ => {
                let m_len = model.sents.len();
                let n_len = self.peer.sents.len();
                if m_len == 0 || n_len == 0 {
                    zero
                } else {
                    let (hit, _) = self.union_lcs(0, false);
                    let r = hit / m_len as f64;
                    let p = hit / n_len as f64;
                    Score {
                        r,
                        p,
                        f: fmeasure(p, r),
                    }
                }
            }
        }
    }
}

/// Refuses a text of `len` tokens whose skip-bigram keys, for any skip-bigram metric
/// asked for, would be more than [`MAX_SKIP_BIGRAMS`] (`rouge-s*` is quadratic).
fn check_skip_keys(metrics: &[Metric], len: usize, what: &str) -> Result<(), RougeError> {
    for m in metrics {
        if let Metric::S { .. } = *m {
            let keys = key_count(*m, len);
            if keys > MAX_SKIP_BIGRAMS {
                return Err(RougeError::TooLong(format!(
                    "{}: the {what} ({len} tokens) has {keys} skip-bigrams, over the limit of \
                     {MAX_SKIP_BIGRAMS}; shorten it, use a bounded skip (rouge-su4) or leave \
                     {} out",
                    m.name(),
                    m.name()
                )));
            }
        }
    }
    Ok(())
}

/// Refuses a (reference, prediction) pair whose LCS work for ROUGE-L / ROUGE-Lsum or
/// ROUGE-W would be over [`MAX_LCS_WORDS`] / [`MAX_WLCS_CELLS`]: the work grows with the
/// product of the two lengths, so past the limits a call would run for minutes. Estimated
/// as the program runs: table cells (per 64 for the bit-parallel LCS) plus one row and
/// one traceback per pair of sentences.
fn check_lcs_work(config: &Config, model: &Text, peer: &Text) -> Result<(), RougeError> {
    let sized = |t: &Text, flat: bool| {
        if flat {
            (t.flat.len() as u64, 1u64)
        } else {
            (t.sents.len() as u64, t.bounds.len() as u64)
        }
    };
    for m in &config.metrics {
        let (flat, limit, per) = match (m, config.compat) {
            (Metric::L, Compat::RougeScore) => (true, MAX_LCS_WORDS, 64),
            (Metric::L | Metric::Lsum, _) => (false, MAX_LCS_WORDS, 64),
            (Metric::W(_), Compat::Rouge155 | Compat::Default) => (false, MAX_WLCS_CELLS, 1),
            _ => continue,
        };
        let (mt, ms) = sized(model, flat);
        let (pt, ps) = sized(peer, flat);
        let work = (mt * pt / per)
            .saturating_add(mt.saturating_mul(ps))
            .saturating_add(pt.saturating_mul(ms));
        if work > limit {
            return Err(RougeError::TooLong(format!(
                "{}: a prediction of {pt} tokens against a reference of {mt} tokens needs about \
                 {work} LCS steps, over the limit of {limit} (the work grows with the product \
                 of the lengths); shorten the texts or leave {} out",
                m.name(),
                m.name()
            )));
        }
    }
    Ok(())
}

/// ROUGE-1.5.5's `wlcs` for one model: weighted union-LCS hits (runs of consecutive hits
/// of length k count k^w) and the model's weighted length (sum of sentence length^w).
/// The marks of every model sentence are computed first, peer sentence by peer sentence
/// (so each peer sentence's token bit sets are built once), then counted in the script's
/// order; marking does not read the counts, so the result is the same.
fn wlcs(model: &Text, peer: &Text, pow: &Pow, bufs: &mut WlcsBufs<'_>) -> (f64, f64) {
    let WlcsBufs {
        dp,
        wb,
        mask,
        cnt_m,
        cnt_p,
        pm,
    } = bufs;
    mask.clear();
    mask.resize(model.sents.len(), false);
    for ps in peer.sentences() {
        let bits = ps.len() <= 64;
        if bits {
            for (j, &t) in ps.iter().enumerate() {
                if let Some(b) = pm.get_mut(t as usize) {
                    *b |= 1u64 << j;
                }
            }
        }
        let mut start = 0usize;
        for &end in &model.bounds {
            let end = end as usize;
            if let (Some(ms), Some(mk)) = (model.sents.get(start..end), mask.get_mut(start..end)) {
                // The short-sentence path keeps its whole table (model length x 65 cells at
                // most); past a few MB the checkpointed program bounds memory instead.
                if bits && ms.len() * (ps.len() + 1) <= WLCS_TABLE_CELLS {
                    mark_wlcs_bits(wb, ms, ps.len(), pm, pow, mk);
                } else {
                    dp.mark_wlcs(ms, ps, pow, mk);
                }
            }
            start = end;
        }
        if bits {
            for &t in ps {
                if let Some(b) = pm.get_mut(t as usize) {
                    *b = 0;
                }
            }
        }
    }
    for &t in &model.flat {
        cnt_m[t as usize] += 1;
    }
    for &t in &peer.flat {
        cnt_p[t as usize] += 1;
    }
    let mut hit = 0.0f64;
    let mut base = 0.0f64;
    let mut start = 0usize;
    for &end in &model.bounds {
        let end = end as usize;
        let (Some(ms), Some(mk)) = (model.sents.get(start..end), mask.get(start..end)) else {
            continue;
        };
        start = end;
        base += pow.get(ms.len());
        let mut run = 0usize;
        for (j, &t) in ms.iter().enumerate() {
            if !mk[j] {
                continue;
            }
            let t = t as usize;
            if cnt_m[t] > 0 && cnt_p[t] > 0 {
                run += 1;
                // a run ends before a non-hit position or at the end of the sentence
                if (j + 1 < ms.len() && !mk[j + 1]) || j + 1 == ms.len() {
                    hit += pow.get(run);
                    run = 0;
                }
                cnt_m[t] -= 1;
                cnt_p[t] -= 1;
            }
        }
    }
    for &t in &model.flat {
        cnt_m[t as usize] = 0;
    }
    for &t in &peer.flat {
        cnt_p[t as usize] = 0;
    }
    (hit, base)
}

/// The largest weighted-LCS table [`mark_wlcs_bits`] may keep whole (8 MB of cells).
const WLCS_TABLE_CELLS: usize = 1 << 20;

/// The scorer's buffers [`wlcs`] works in.
struct WlcsBufs<'a> {
    dp: &'a mut Dp,
    wb: &'a mut WlcsBuf,
    mask: &'a mut Vec<bool>,
    cnt_m: &'a mut [i32],
    cnt_p: &'a mut [i32],
    pm: &'a mut [u64],
}

thread_local! {
    static CACHED: RefCell<Option<Scorer>> = const { RefCell::new(None) };
}

/// Scores `prediction` against `references` (one sentence per line) under `config`.
/// Reuses a per-thread [`Scorer`] while the config stays the same, so calling it in a loop
/// is as fast as holding a scorer.
pub fn score(prediction: &str, references: &[&str], config: &Config) -> Result<Scores, RougeError> {
    with_scorer(config, |s| s.score(prediction, references))
}

/// Jackknifed score (see [`Scorer::score_jackknife`]), for `chorus eval` and DUC-style runs.
pub fn jackknife(
    prediction: &str,
    references: &[&str],
    config: &Config,
) -> Result<Scores, RougeError> {
    with_scorer(config, |s| s.score_jackknife(prediction, references))
}

fn with_scorer(
    config: &Config,
    f: impl FnOnce(&mut Scorer) -> Result<Scores, RougeError>,
) -> Result<Scores, RougeError> {
    CACHED.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|s| s.config() != config) {
            *slot = Some(Scorer::new(config.clone())?);
        }
        match slot.as_mut() {
            Some(s) => f(s),
            None => Err(RougeError::NoReferences),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRED: &str =
        "The cat sat on the mat near the door.\nA dog barked at the cat all night long.";
    const REFS: [&str; 4] = [
        "The cat sat quietly on the mat.\nThe dog barked all night.",
        "A dog and a cat lived near the door of the house.",
        "Nothing here matches much at all, apart from night.",
        "The cat sat on the mat near the door.\nA dog barked at the cat.",
    ];

    /// Scores every subset through one reused scorer (pair counts remembered) and through
    /// a fresh scorer each time; both must agree bit for bit.
    fn memo_matches_fresh(config: Config) {
        let mut reused = Scorer::new(config.clone()).expect("valid config");
        let subsets: [&[usize]; 6] = [
            &[0, 1, 2],
            &[1, 2, 3],
            &[3, 0],
            &[2],
            &[0, 1, 2, 3],
            &[3, 2, 1, 0],
        ];
        for other in [PRED, "A different prediction about a dog.", PRED] {
            for subset in subsets {
                let refs: Vec<&str> = subset.iter().map(|&i| REFS[i]).collect();
                let a = reused.score(other, &refs).expect("scores");
                let mut fresh = Scorer::new(config.clone()).expect("valid config");
                let b = fresh.score(other, &refs).expect("scores");
                assert_eq!(a, b, "subset {subset:?}");
                if other == PRED && subset.contains(&0) {
                    assert!(a.iter().filter(|(_, s)| s.r > 0.0).count() >= 3, "{a:?}");
                }
            }
        }
    }

    #[test]
    fn remembered_pairs_give_the_numbers_of_a_fresh_scorer() {
        memo_matches_fresh(Config::rouge155_official());
        let mut best = Config::rouge155_official();
        best.multi_ref = MultiRef::Best;
        memo_matches_fresh(best);
        memo_matches_fresh(
            Config::rouge_score(&["rouge1", "rouge2", "rougeL", "rougeLsum"], true)
                .expect("valid config"),
        );
    }

    #[test]
    fn issue12_long_model_line_against_a_short_sentence_marks_like_the_table_path() {
        // A 40,000-token model line against a 60-token peer sentence is over
        // WLCS_TABLE_CELLS, so `wlcs` takes the checkpointed program instead of the
        // short-sentence one (which would keep a 20 MB table): same marks.
        let pow = Pow::new(1.2);
        let mut dp = Dp::default();
        let mut wb = WlcsBuf::default();
        let mut x = 99u64;
        let mut next = |k: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) % k) as u32
        };
        let model: Vec<u32> = (0..40_000).map(|_| next(300)).collect();
        let peer: Vec<u32> = (0..60).map(|_| next(300)).collect();
        assert!(model.len() * (peer.len() + 1) > WLCS_TABLE_CELLS);
        let mut pm = vec![0u64; 300];
        for (j, &t) in peer.iter().enumerate() {
            pm[t as usize] |= 1u64 << j;
        }
        let mut table = vec![false; model.len()];
        let mut long = vec![false; model.len()];
        mark_wlcs_bits(&mut wb, &model, peer.len(), &pm, &pow, &mut table);
        dp.mark_wlcs(&model, &peer, &pow, &mut long);
        assert_eq!(table, long);
        assert!(long.iter().filter(|&&b| b).count() > 30);
    }

    #[test]
    fn bit_parallel_wlcs_marks_like_the_full_table() {
        let pow = Pow::new(1.2);
        let mut wb = WlcsBuf::default();
        // Deterministic pseudo-random sentences over a small alphabet (many matches, runs).
        let mut x = 12345u64;
        let mut next = |k: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) % k) as u32
        };
        for round in 0..400 {
            let m = 1 + next(30) as usize;
            let n = 1 + next(64) as usize;
            let k = 2 + (round % 9) as u64;
            let model: Vec<u32> = (0..m).map(|_| next(k + 6)).collect();
            let peer: Vec<u32> = (0..n).map(|_| next(k)).collect();
            let mut pm = vec![0u64; 16];
            for (j, &t) in peer.iter().enumerate() {
                pm[t as usize] |= 1u64 << j;
            }
            let mut full = vec![false; m];
            let mut bits = vec![false; m];
            crate::metrics::table::mark_wlcs(&model, &peer, &pow, &mut full);
            mark_wlcs_bits(&mut wb, &model, n, &pm, &pow, &mut bits);
            assert_eq!(full, bits, "model {model:?} peer {peer:?}");
        }
    }
}
