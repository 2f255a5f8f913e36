//! The scorer: prepares texts with a [`Vocab`] and computes each metric with the exact
//! arithmetic of the reference it imitates (including ROUGE-1.5.5's rounding of R and P to
//! five decimals before F is computed from them).

use std::cell::RefCell;

use crate::config::{Compat, Config, Metric, MultiRef};
use crate::metrics::{ngram_keys, overlap, skip_keys, Dp, Pow};
use crate::tokenize::{Text, Vocab};
use crate::{RougeError, Score, Scores};

/// A reusable scorer for one [`Config`]: keeps the vocabulary (so each distinct word is
/// stemmed once) and all work buffers between calls. Not `Sync`; use one per thread.
pub struct Scorer {
    config: Config,
    vocab: Vocab,
    peer: Text,
    models: Vec<Text>,
    keys_p: Vec<u128>,
    keys_m: Vec<u128>,
    dp: Dp,
    mask: Vec<bool>,
    cnt_m: Vec<i32>,
    cnt_p: Vec<i32>,
    pm: Vec<u64>,
    pows: Vec<Pow>,
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
            keys_p: Vec::new(),
            keys_m: Vec::new(),
            dp: Dp::default(),
            mask: Vec::new(),
            cnt_m: Vec::new(),
            cnt_p: Vec::new(),
            pm: Vec::new(),
            pows,
        })
    }

    /// The configuration this scorer applies.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Scores `prediction` against `references` (texts with one sentence per line).
    pub fn score(&mut self, prediction: &str, references: &[&str]) -> Result<Scores, RougeError> {
        if references.is_empty() {
            return Err(RougeError::NoReferences);
        }
        let limit = self.config.limit;
        self.vocab.prepare(prediction, limit, &mut self.peer);
        if self.models.len() < references.len() {
            self.models.resize_with(references.len(), Text::default);
        }
        for (text, slot) in references.iter().zip(self.models.iter_mut()) {
            self.vocab.prepare(text, limit, slot);
        }
        let n_vocab = self.vocab.len();
        if self.cnt_m.len() < n_vocab {
            self.cnt_m.resize(n_vocab, 0);
            self.cnt_p.resize(n_vocab, 0);
            self.pm.resize(n_vocab, 0);
        }
        let nrefs = references.len();
        let metrics = self.config.metrics.clone();
        let mut out = Vec::with_capacity(metrics.len());
        let mut w_index = 0;
        for m in &metrics {
            let s = match self.config.compat {
                Compat::RougeScore => self.rouge_score_metric(*m, nrefs),
                Compat::Rouge155 | Compat::Default => {
                    let s = self.perl_metric(*m, nrefs, w_index);
                    if matches!(m, Metric::W(_)) {
                        w_index += 1;
                    }
                    s
                }
            };
            out.push((m.name(), s));
        }
        Ok(Scores(out))
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

    fn perl_metric(&mut self, m: Metric, nrefs: usize, w_index: usize) -> Score {
        let alpha = self.config.alpha;
        let mut acc = Acc::new(self.config.multi_ref);
        match m {
            Metric::N(n) => {
                ngram_keys(&self.peer.flat, n as usize, &mut self.keys_p);
                let peer_cn = self.keys_p.len() as f64;
                for model in &self.models[..nrefs] {
                    ngram_keys(&model.flat, n as usize, &mut self.keys_m);
                    let hit = overlap(&self.keys_m, &self.keys_p) as f64;
                    let cn = self.keys_m.len() as f64;
                    let s = if cn != 0.0 { round5(hit / cn) } else { 0.0 };
                    acc.add(hit, cn, peer_cn, s);
                }
                acc.finish(alpha, |x| x)
            }
            Metric::S { skip, unigrams } => {
                skip_keys(&self.peer.flat, skip, unigrams, &mut self.keys_p);
                let peer_cn = self.keys_p.len() as f64;
                for model in &self.models[..nrefs] {
                    skip_keys(&model.flat, skip, unigrams, &mut self.keys_m);
                    let hit = overlap(&self.keys_m, &self.keys_p) as f64;
                    let cn = self.keys_m.len() as f64;
                    let s = if cn != 0.0 { round5(hit / cn) } else { 0.0 };
                    acc.add(hit, cn, peer_cn, s);
                }
                acc.finish(alpha, |x| x)
            }
            Metric::L | Metric::Lsum => {
                let peer_cn = self.peer.flat.len() as f64;
                for mi in 0..nrefs {
                    let (hit, base) = self.union_lcs(mi, true);
                    let s = if base > 0.0 { hit / base } else { 0.0 };
                    acc.add(hit, base, peer_cn, s);
                }
                acc.finish(alpha, |x| x)
            }
            Metric::W(_) => {
                let Some(pow) = self.pows.get(w_index) else {
                    return Score {
                        r: 0.0,
                        p: 0.0,
                        f: 0.0,
                    };
                };
                let peer_cn = pow.get(self.peer.flat.len());
                for mi in 0..nrefs {
                    let (hit, base) = wlcs(
                        &self.models[mi],
                        &self.peer,
                        pow,
                        &mut self.dp,
                        &mut self.mask,
                        &mut self.cnt_m,
                        &mut self.cnt_p,
                    );
                    let s = if base > 0.0 {
                        pow.inverse(hit / base)
                    } else {
                        0.0
                    };
                    acc.add(hit, pow.of(base), peer_cn, s);
                }
                acc.finish(alpha, |x| pow.inverse(x))
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

    fn rouge_score_metric(&mut self, m: Metric, nrefs: usize) -> Score {
        let mut best: Option<Score> = None;
        for mi in 0..nrefs {
            let s = match m {
                Metric::N(n) => {
                    ngram_keys(&self.peer.flat, n as usize, &mut self.keys_p);
                    ngram_keys(&self.models[mi].flat, n as usize, &mut self.keys_m);
                    let inter = overlap(&self.keys_m, &self.keys_p) as f64;
                    let p = inter / (self.keys_p.len().max(1) as f64);
                    let r = inter / (self.keys_m.len().max(1) as f64);
                    Score {
                        r,
                        p,
                        f: fmeasure(p, r),
                    }
                }
                Metric::L => {
                    let (t, c) = (&self.models[mi].flat, &self.peer.flat);
                    if t.is_empty() || c.is_empty() {
                        Score {
                            r: 0.0,
                            p: 0.0,
                            f: 0.0,
                        }
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
                    let m_len = self.models[mi].sents.len();
                    let n_len = self.peer.sents.len();
                    if m_len == 0 || n_len == 0 {
                        Score {
                            r: 0.0,
                            p: 0.0,
                            f: 0.0,
                        }
                    } else {
                        let (hit, _) = self.union_lcs(mi, false);
                        let r = hit / m_len as f64;
                        let p = hit / n_len as f64;
                        Score {
                            r,
                            p,
                            f: fmeasure(p, r),
                        }
                    }
                }
            };
            // score_multi: np.argmax over F, the first maximum wins.
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
}

/// ROUGE-1.5.5's `wlcs` for one model: weighted union-LCS hits (runs of consecutive hits
/// of length k count k^w) and the model's weighted length (sum of sentence length^w).
fn wlcs(
    model: &Text,
    peer: &Text,
    pow: &Pow,
    dp: &mut Dp,
    mask: &mut Vec<bool>,
    cnt_m: &mut [i32],
    cnt_p: &mut [i32],
) -> (f64, f64) {
    for &t in &model.flat {
        cnt_m[t as usize] += 1;
    }
    for &t in &peer.flat {
        cnt_p[t as usize] += 1;
    }
    let mut hit = 0.0f64;
    let mut base = 0.0f64;
    for ms in model.sentences() {
        mask.clear();
        mask.resize(ms.len(), false);
        base += pow.get(ms.len());
        for ps in peer.sentences() {
            dp.mark_wlcs(ms, ps, pow, mask);
        }
        let mut run = 0usize;
        for (j, &t) in ms.iter().enumerate() {
            if !mask[j] {
                continue;
            }
            let t = t as usize;
            if cnt_m[t] > 0 && cnt_p[t] > 0 {
                run += 1;
                // a run ends before a non-hit position or at the end of the sentence
                if (j + 1 < ms.len() && !mask[j + 1]) || j + 1 == ms.len() {
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
