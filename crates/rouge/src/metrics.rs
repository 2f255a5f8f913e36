//! Counting primitives over token ids: n-gram and skip-bigram counts of a reference
//! against a prediction's, and the union-LCS / weighted-LCS hit masks of ROUGE-1.5.5
//! (which rouge-score's `rougeLsum` shares: same recurrence, same tie-breaking in the
//! traceback).

use rustc_hash::FxHashMap;

use crate::config::Metric;

/// Packs up to four token ids into one key (id + 1 per 32-bit lane, so a unigram and a
/// bigram never collide).
#[inline]
fn pack(window: &[u32]) -> u128 {
    window
        .iter()
        .fold(0u128, |acc, &t| (acc << 32) | (t as u128 + 1))
}

/// The key of an n-gram: packed for n <= 4; longer n-grams are hashed from their 4-gram
/// prefix and suffix, exact for any realistic vocabulary.
#[inline]
fn ngram_key(w: &[u32]) -> u128 {
    if w.len() <= 4 {
        return pack(w);
    }
    let head = pack(&w[..4]);
    let tail = w[4..].iter().fold(0u64, |acc, &t| {
        acc.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (t as u64 + 1)
    });
    head ^ ((tail as u128) << 64).rotate_left(17)
}

/// The end (exclusive) of the tokens token `i` of `len` pairs with in a skip-bigram.
#[inline]
fn skip_end(i: usize, len: usize, skip: i32) -> usize {
    if skip < 0 {
        len
    } else {
        (i + skip as usize + 2).min(len)
    }
}

/// Calls `f` with every key metric `m` counts over `tokens` (none for the LCS metrics):
/// for `N(n)` each n-gram; for `S` ROUGE-1.5.5's `createSkipBigram`: for every token but
/// the last, its unigram (with `unigrams`, the script's `-u`) and its pairs with the next
/// `skip + 1` tokens (all following tokens when `skip < 0`). The last token's unigram is
/// never counted: the script's loop stops one early, and the official numbers depend on it.
///
/// Keys holding a token for which `wanted` is false are not made (a reference's keys
/// holding a word the prediction lacks can match nothing), except hashed n-grams (n > 4),
/// which are all made, as the sorted lists compared them.
fn for_each_key(m: Metric, tokens: &[u32], wanted: impl Fn(u32) -> bool, mut f: impl FnMut(u128)) {
    match m {
        Metric::N(n) => {
            let n = n as usize;
            if n == 0 || tokens.len() < n {
                return;
            }
            if n > 4 {
                tokens.windows(n).for_each(|w| f(ngram_key(w)));
                return;
            }
            // Windows starting before `clear_from` hold an unwanted token.
            let mut clear_from = 0;
            for (i, &t) in tokens.iter().enumerate() {
                if !wanted(t) {
                    clear_from = i + 1;
                }
                if i + 1 >= n && i + 1 - n >= clear_from {
                    f(pack(&tokens[i + 1 - n..=i]));
                }
            }
        }
        Metric::S { skip, unigrams } => {
            let len = tokens.len();
            for i in 0..len.saturating_sub(1) {
                if !wanted(tokens[i]) {
                    continue;
                }
                if unigrams {
                    f(pack(&tokens[i..=i]));
                }
                for &t in &tokens[i + 1..skip_end(i, len, skip)] {
                    if wanted(t) {
                        f(pack(&[tokens[i], t]));
                    }
                }
            }
        }
        _ => {}
    }
}

/// The number of keys metric `m` counts over `len` tokens, repeats included (what
/// [`for_each_key`] makes with every token wanted).
pub(crate) fn key_count(m: Metric, len: usize) -> u64 {
    match m {
        Metric::N(n) => {
            let n = n as usize;
            if n == 0 || len < n {
                0
            } else {
                (len - n + 1) as u64
            }
        }
        Metric::S { skip, unigrams } => {
            let len = len as u64;
            if len < 2 {
                return 0;
            }
            // Token i pairs with the next min(skip + 1, len - 1 - i) tokens.
            let all = len * (len - 1) / 2;
            let pairs = if skip < 0 {
                all
            } else {
                let s = skip as u64 + 1;
                if s >= len - 1 {
                    all
                } else {
                    s * (s + 1) / 2 + (len - 1 - s) * s
                }
            };
            pairs + if unigrams { len - 1 } else { 0 }
        }
        _ => 0,
    }
}

/// A prediction's n-grams (or skip-bigrams) for one metric, counted by distinct key. A
/// reference is matched against them as its keys are made: no list of its keys is built
/// and sorted (that sort was two fifths of scoring a batch whose references all differ),
/// and no key holding a word the prediction lacks is looked up.
#[derive(Default)]
pub(crate) struct PeerGrams {
    /// Each distinct key of the prediction and its slot.
    slots: FxHashMap<u128, u32>,
    /// The prediction's count of each slot's key.
    counts: Vec<u32>,
    /// The reference's count of each slot's key, while one is counted (zero otherwise).
    seen: Vec<u32>,
    /// The slots `seen` counts, to clear them after.
    touched: Vec<u32>,
    /// Keys of the prediction, repeats included.
    total: u64,
}

impl PeerGrams {
    /// Counts the keys metric `m` makes over the prediction's `tokens`.
    pub fn build(&mut self, m: Metric, tokens: &[u32]) {
        self.slots.clear();
        self.counts.clear();
        self.seen.clear();
        self.touched.clear();
        self.total = 0;
        let (slots, counts) = (&mut self.slots, &mut self.counts);
        for_each_key(
            m,
            tokens,
            |_| true,
            |key| {
                let next = counts.len() as u32;
                let slot = *slots.entry(key).or_insert(next);
                if slot == next {
                    counts.push(0);
                }
                counts[slot as usize] += 1;
            },
        );
        self.total = key_count(m, tokens.len());
        self.seen.resize(self.counts.len(), 0);
    }

    /// Keys of the prediction, repeats included.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// (hits, keys) of a reference's `tokens` under metric `m` (the one these keys were
    /// built with): hits are the sum over distinct keys of the smaller of the two counts,
    /// keys the reference's count, repeats included. `in_peer[t]` says whether token id
    /// `t` occurs in the prediction (ids past its end do not).
    pub fn count(&mut self, m: Metric, tokens: &[u32], in_peer: &[bool]) -> (u64, u64) {
        let has = |t: u32| in_peer.get(t as usize).copied().unwrap_or(false);
        let (slots, seen, touched) = (&self.slots, &mut self.seen, &mut self.touched);
        let look = |key: u128| {
            if let Some(&slot) = slots.get(&key) {
                let s = &mut seen[slot as usize];
                if *s == 0 {
                    touched.push(slot);
                }
                *s += 1;
            }
        };
        for_each_key(m, tokens, has, look);
        let mut hits = 0u64;
        for slot in self.touched.drain(..) {
            let s = slot as usize;
            hits += u64::from(self.counts[s].min(self.seen[s]));
            self.seen[s] = 0;
        }
        (hits, key_count(m, tokens.len()))
    }
}

/// Reused work buffers for the dynamic programs.
#[derive(Default)]
pub(crate) struct Dp {
    rows: Vec<u64>,
    long: LongBuf,
}

impl Dp {
    /// Length of the LCS of `a` and `b`, in memory linear in the shorter one.
    pub fn lcs_len(&mut self, a: &[u32], b: &[u32]) -> u32 {
        self.long.lcs_len(a, b)
    }

    /// Marks in `mask` the positions of `model` on one LCS with `peer`, choosing the path
    /// exactly as ROUGE-1.5.5's `lcs_inner` + `markLCS` (and rouge-score's backtrack) do:
    /// diagonal on equal tokens, otherwise up when the upper cell is >= the left one. Any
    /// length: see [`LongBuf::mark_lcs`].
    pub fn mark_lcs(&mut self, model: &[u32], peer: &[u32], mask: &mut [bool]) {
        self.long.mark_lcs(model, peer, mask);
    }

    /// ROUGE-1.5.5's `wlcs_inner` + `markLCS`: the weighted-LCS table (consecutive runs of
    /// length k gain `pow[k+1] - pow[k]`) and its traceback, marking hits in `mask`. Any
    /// length: see [`LongBuf::mark_wlcs`].
    pub fn mark_wlcs(&mut self, model: &[u32], peer: &[u32], pow: &Pow, mask: &mut [bool]) {
        self.long.mark_wlcs(model, peer, pow, mask);
    }

    /// [`Dp::mark_lcs`] for a peer sentence of at most 64 tokens, bit-parallel: `pm[t]` has
    /// bit j set where `peer[j] == t`. Each row of the LCS table is one word (Hyyrö's
    /// recurrence; bit j clear means the row steps up after column j), so the table costs
    /// O(m) and the same traceback reads cells as popcounts: identical marks, far faster.
    pub fn mark_lcs_bits(&mut self, model: &[u32], n: usize, pm: &[u64], mask: &mut [bool]) {
        let m = model.len();
        if m == 0 || n == 0 || n > 64 {
            return;
        }
        self.rows.clear();
        let mut v = !0u64;
        self.rows.push(v);
        for &a in model {
            let u = v & pm.get(a as usize).copied().unwrap_or(0);
            v = v.wrapping_add(u) | v.wrapping_sub(u);
            self.rows.push(v);
        }
        let rows = &self.rows;
        let low = |j: usize| if j >= 64 { !0u64 } else { (1u64 << j) - 1 };
        let cell = |i: usize, j: usize| (!rows[i] & low(j)).count_ones();
        let (mut i, mut j) = (m, n);
        // The table's value at (i, j), kept as the walk moves: a step left or along the
        // diagonal changes it by the row's own bit, so only a step up reads a new row.
        let mut here = cell(i, j);
        // Once it is zero no match is left above or to the left: nothing more to mark.
        while here != 0 && i != 0 && j != 0 {
            let bit = 1u64 << (j - 1);
            if pm.get(model[i - 1] as usize).copied().unwrap_or(0) & bit != 0 {
                i -= 1;
                j -= 1;
                mask[i] = true;
                here -= 1;
                continue;
            }
            // Off the diagonal: (i, j) is the larger of the cells above and to the left,
            // and each is it or one less. The cell to the left is one less where this
            // row steps up at column j; then the one above wins the tie or is larger.
            let left = here - u32::from(!rows[i] & bit != 0);
            let up = cell(i - 1, j);
            if up >= left {
                i -= 1;
                here = up;
            } else {
                j -= 1;
                here = left;
            }
        }
    }
}

/// The full-table programs the long-sequence ones replaced, kept as the oracle they are
/// tested against (quadratic memory: tests only).
#[cfg(test)]
pub(crate) mod table {
    use super::Pow;

    /// Length of the LCS of `a` and `b` (two rolling rows).
    pub fn lcs_len(a: &[u32], b: &[u32]) -> u32 {
        let mut c: Vec<u32> = Vec::new();
        let n = b.len();
        c.clear();
        c.resize(2 * (n + 1), 0);
        let (prev, cur) = c.split_at_mut(n + 1);
        let (mut prev, mut cur) = (prev, cur);
        for &x in a {
            cur[0] = 0;
            for j in 1..=n {
                cur[j] = if x == b[j - 1] {
                    prev[j - 1] + 1
                } else {
                    prev[j].max(cur[j - 1])
                };
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        prev[n]
    }

    /// Marks in `mask` the positions of `model` on one LCS with `peer`, choosing the path
    /// exactly as ROUGE-1.5.5's `lcs_inner` + `markLCS` (and rouge-score's backtrack) do:
    /// diagonal on equal tokens, otherwise up when the upper cell is >= the left one.
    pub fn mark_lcs(model: &[u32], peer: &[u32], mask: &mut [bool]) {
        let mut c: Vec<u32> = Vec::new();
        let (m, n) = (model.len(), peer.len());
        if m == 0 || n == 0 {
            return;
        }
        let w = n + 1;
        c.clear();
        c.resize((m + 1) * w, 0);
        let c = &mut c;
        for i in 1..=m {
            let x = model[i - 1];
            for j in 1..=n {
                c[i * w + j] = if x == peer[j - 1] {
                    c[(i - 1) * w + j - 1] + 1
                } else {
                    c[(i - 1) * w + j].max(c[i * w + j - 1])
                };
            }
        }
        let (mut i, mut j) = (m, n);
        while i != 0 && j != 0 {
            if model[i - 1] == peer[j - 1] {
                i -= 1;
                j -= 1;
                mask[i] = true;
            } else if c[(i - 1) * w + j] >= c[i * w + j - 1] {
                i -= 1;
            } else {
                j -= 1;
            }
        }
    }

    /// ROUGE-1.5.5's `wlcs_inner` + `markLCS`: the weighted-LCS table (consecutive runs of
    /// length k gain `pow[k+1] - pow[k]`) and its traceback, marking hits in `mask`.
    pub fn mark_wlcs(model: &[u32], peer: &[u32], pow: &Pow, mask: &mut [bool]) {
        let mut cw: Vec<f64> = Vec::new();
        let mut run: Vec<u32> = Vec::new();
        let (m, n) = (model.len(), peer.len());
        if m == 0 || n == 0 {
            return;
        }
        let w = n + 1;
        cw.clear();
        cw.resize((m + 1) * w, 0.0);
        run.clear();
        run.resize((m + 1) * w, 0);
        let (c, l) = (&mut cw, &mut run);
        for i in 1..=m {
            let x = model[i - 1];
            for j in 1..=n {
                let at = i * w + j;
                if x == peer[j - 1] {
                    let k = l[at - w - 1] as usize;
                    c[at] = c[at - w - 1] + pow.get(k + 1) - pow.get(k);
                    l[at] = k as u32 + 1;
                } else if c[at - w] >= c[at - 1] {
                    c[at] = c[at - w];
                    l[at] = 0;
                } else {
                    c[at] = c[at - 1];
                    l[at] = 0;
                }
            }
        }
        let (mut i, mut j) = (m, n);
        while i != 0 && j != 0 {
            if model[i - 1] == peer[j - 1] {
                i -= 1;
                j -= 1;
                mask[i] = true;
            } else if c[(i - 1) * w + j] >= c[i * w + j - 1] {
                i -= 1;
            } else {
                j -= 1;
            }
        }
    }
}

/// Weighted-LCS work buffers for [`mark_wlcs_bits`]: the score table (rows of `n + 1`
/// cells, never cleared: every cell the traceback reads is written first) and the run
/// lengths of the previous and current rows (read only where the row had a match).
pub(crate) struct WlcsBuf {
    c: Vec<f64>,
    at: Vec<u32>,
    runs: [[u32; 65]; 2],
}

impl Default for WlcsBuf {
    fn default() -> WlcsBuf {
        WlcsBuf {
            c: Vec::new(),
            at: Vec::new(),
            runs: [[0; 65]; 2],
        }
    }
}

/// [`Dp::mark_wlcs`] for a peer sentence of at most 64 tokens, with `pm[t]` the bit set of
/// the peer positions holding token `t` (empty for tokens absent from it). Same table
/// values by the same float operations in the same order, so the same marks, but each row
/// walks only its matching columns: the stretches between matches are a running maximum
/// of the row above, and the run length (`k` in `k ** w`) is only kept at match cells,
/// since it is the length of the diagonal chain of matches ending there. Rows above the
/// first row with a match are all zero and never built; the traceback stops there. A
/// matchless row under a matchless row equals it and shares its storage.
pub(crate) fn mark_wlcs_bits(
    buf: &mut WlcsBuf,
    model: &[u32],
    n: usize,
    pm: &[u64],
    pow: &Pow,
    mask: &mut [bool],
) {
    let m = model.len().min(mask.len());
    if m == 0 || n == 0 || n > 64 {
        return;
    }
    let bits_of = |t: u32| pm.get(t as usize).copied().unwrap_or(0);
    // First model row with a match; rows above it are all zero.
    let Some(first) = model[..m].iter().position(|&t| bits_of(t) != 0) else {
        return;
    };
    let w = n + 1;
    if buf.c.len() < (m + 1 - first) * w {
        buf.c.resize((m + 1 - first) * w, 0.0);
    }
    // Table row i lives at physical row at[i]: a row without a match that follows a
    // row without a match equals it (the running max of a non-decreasing row is that
    // row), so it shares the row above instead of being recomputed.
    buf.at.clear();
    buf.at.resize(m + 1, 0);
    let (c, at) = (&mut buf.c, &mut buf.at);
    // Row `first` (physical row 0) is all zero.
    for v in &mut c[..w] {
        *v = 0.0;
    }
    let mut phys = 0usize;
    let mut prev_bits = 0u64;
    let mut cur = 0usize;
    for i in first + 1..=m {
        let bits = bits_of(model[i - 1]);
        if bits == 0 && prev_bits == 0 {
            at[i] = at[i - 1];
            continue;
        }
        let up_row = at[i - 1] as usize * w;
        phys += 1;
        at[i] = phys as u32;
        let row = phys * w;
        c[row] = 0.0;
        let mut left = 0.0f64;
        let mut j = 1usize;
        let mut b = bits;
        let (runs_prev, runs_cur) = if cur == 0 {
            let (a, b2) = buf.runs.split_at_mut(1);
            (&a[0], &mut b2[0])
        } else {
            let (a, b2) = buf.runs.split_at_mut(1);
            (&b2[0], &mut a[0])
        };
        loop {
            let next = if b == 0 {
                n + 1
            } else {
                b.trailing_zeros() as usize + 1
            };
            // Non-match cells: max(up, left), up preferred on ties (same value either way).
            for jj in j..next {
                let up = c[up_row + jj];
                left = if up >= left { up } else { left };
                c[row + jj] = left;
            }
            if next > n {
                break;
            }
            // Match cell at column `next`: extend the diagonal run.
            let k = if next >= 2 && prev_bits & (1u64 << (next - 2)) != 0 {
                runs_prev[next - 1] as usize
            } else {
                0
            };
            left = c[up_row + next - 1] + pow.get(k + 1) - pow.get(k);
            c[row + next] = left;
            runs_cur[next] = k as u32 + 1;
            b &= b - 1;
            j = next + 1;
        }
        prev_bits = bits;
        cur ^= 1;
    }
    let (mut i, mut j) = (m, n);
    while i > first && j != 0 {
        if bits_of(model[i - 1]) & (1u64 << (j - 1)) != 0 {
            i -= 1;
            j -= 1;
            mask[i] = true;
        } else if c[at[i - 1] as usize * w + j] >= c[at[i] as usize * w + j - 1] {
            i -= 1;
        } else {
            j -= 1;
        }
    }
}

/// Positions of each token of a column sequence, sorted by token, so a row's match mask
/// is built from that token's positions alone (a dense token x word table would be
/// quadratic for a long sequence of distinct words).
#[derive(Default)]
struct Occ {
    pairs: Vec<(u32, u32)>,
}

impl Occ {
    fn build(&mut self, cols: &[u32]) {
        self.pairs.clear();
        self.pairs
            .extend(cols.iter().enumerate().map(|(j, &t)| (t, j as u32)));
        self.pairs.sort_unstable();
    }

    /// The (token, position) entries of token `t`.
    fn of(&self, t: u32) -> &[(u32, u32)] {
        let start = self.pairs.partition_point(|p| p.0 < t);
        let end = start + self.pairs[start..].partition_point(|p| p.0 == t);
        &self.pairs[start..end]
    }
}

/// One row of Hyyrö's bit-parallel LCS over any number of words: `v` is the previous row
/// (bit j clear where the row steps up after column j), `mbuf` an all-zero scratch of the
/// same length, `occ` the row token's positions among the columns. `V' = (V + (V & M)) |
/// (V & !M)` with the carry taken across words; bits above the last column are ignored.
fn bit_step(v: &mut [u64], mbuf: &mut [u64], occ: &[(u32, u32)]) {
    if occ.is_empty() {
        // No match: V + 0 | V = V.
        return;
    }
    for &(_, p) in occ {
        mbuf[p as usize / 64] |= 1u64 << (p % 64);
    }
    bit_row(v, mbuf);
    for &(_, p) in occ {
        mbuf[p as usize / 64] = 0;
    }
}

/// Hyyrö's step of row `v` for the row token's match mask `m` (bit j set where the
/// column token j is the row's): `V' = (V + (V & M)) | (V & !M)`, the carry taken across
/// words.
#[inline]
fn bit_row(v: &mut [u64], m: &[u64]) {
    let mut carry = false;
    for (x, &m) in v.iter_mut().zip(m) {
        let u = *x & m;
        let (s1, c1) = x.overflowing_add(u);
        let (s2, c2) = s1.overflowing_add(carry as u64);
        carry = c1 | c2;
        *x = s2 | (*x & !m);
    }
}

/// The LCS table cell `C[i][j]` of a bit row: the clear bits among columns `0..j`.
fn zeros_below(row: &[u64], j: usize) -> u32 {
    let full = j / 64;
    let mut z: u32 = row[..full].iter().map(|w| (!w).count_ones()).sum();
    let rest = j % 64;
    if rest != 0 {
        z += (!row[full] & ((1u64 << rest) - 1)).count_ones();
    }
    z
}

/// 1 when column `j`'s bit of `row` is clear (the row steps up after it).
fn zero_bit(row: &[u64], j: usize) -> u32 {
    ((row[j / 64] >> (j % 64)) & 1 == 0) as u32
}

/// The checkpoint spacing for `m` rows: about `sqrt(m)`, so checkpoints and one block of
/// recomputed rows together hold about `2 sqrt(m)` rows.
fn block_rows(m: usize) -> usize {
    let mut k = (m as f64).sqrt() as usize;
    while k * k < m {
        k += 1;
    }
    k.max(1)
}

/// Column sequences of at most this many 64-bit words (512 tokens: a summary, a
/// reference) get a match mask per distinct token ([`DenseMasks`]); longer ones are read
/// through [`Occ`], whose memory stays linear.
const DENSE_WORDS: usize = 8;

/// The match mask of each distinct token of a short column sequence, found by token id:
/// a row's step reads its mask directly, where [`Occ`] searched the sorted positions twice
/// and set and cleared a scratch row (most of ROUGE-L's time on a corpus of summaries).
/// At most [`DENSE_WORDS`] words per distinct token.
#[derive(Default)]
struct DenseMasks {
    /// For each token id, its mask's number plus one (0: not among the columns); reset
    /// after each use, so it only grows with the largest token id seen.
    slot: Vec<u32>,
    /// The masks, `w` words each.
    masks: Vec<u64>,
}

impl DenseMasks {
    /// [`LongBuf::lcs_len`] for `cols` of at most [`DENSE_WORDS`] words, `rows` the
    /// longer sequence.
    fn lcs_len(&mut self, rows: &[u32], cols: &[u32]) -> u32 {
        let n = cols.len();
        let w = n.div_ceil(64);
        self.masks.clear();
        for (j, &t) in cols.iter().enumerate() {
            let t = t as usize;
            if self.slot.len() <= t {
                self.slot.resize(t + 1, 0);
            }
            let k = match self.slot[t] {
                0 => {
                    self.masks.resize(self.masks.len() + w, 0);
                    let k = self.masks.len() / w;
                    self.slot[t] = k as u32;
                    k
                }
                k => k as usize,
            };
            self.masks[(k - 1) * w + j / 64] |= 1u64 << (j % 64);
        }
        let mut v = [!0u64; DENSE_WORDS];
        let v = &mut v[..w];
        for &x in rows {
            let k = self.slot.get(x as usize).copied().unwrap_or(0) as usize;
            if k == 0 {
                // No match: V + 0 | V = V.
                continue;
            }
            bit_row(v, &self.masks[(k - 1) * w..k * w]);
        }
        for &t in cols {
            self.slot[t as usize] = 0;
        }
        zeros_below(v, n)
    }
}

/// Work buffers of the long-sequence LCS and weighted-LCS programs.
#[derive(Default)]
pub(crate) struct LongBuf {
    dense: DenseMasks,
    occ: Occ,
    v: Vec<u64>,
    mbuf: Vec<u64>,
    ck: Vec<u64>,
    blk: Vec<u64>,
    fv: Vec<f64>,
    fl: Vec<u32>,
    fck: Vec<f64>,
    lck: Vec<u32>,
    fblk: Vec<f64>,
    lblk: Vec<u32>,
}

impl LongBuf {
    /// Length of the LCS of `a` and `b` in `O(min(|a|,|b|))` memory and
    /// `O(|a| |b| / 64)` time (bit-parallel rows over the shorter sequence).
    pub fn lcs_len(&mut self, a: &[u32], b: &[u32]) -> u32 {
        let (rows, cols) = if a.len() >= b.len() { (a, b) } else { (b, a) };
        let n = cols.len();
        if rows.is_empty() || n == 0 {
            return 0;
        }
        let w = n.div_ceil(64);
        if w <= DENSE_WORDS {
            return self.dense.lcs_len(rows, cols);
        }
        self.occ.build(cols);
        self.v.clear();
        self.v.resize(w, !0);
        self.mbuf.clear();
        self.mbuf.resize(w, 0);
        for &x in rows {
            bit_step(&mut self.v, &mut self.mbuf, self.occ.of(x));
        }
        zeros_below(&self.v, n)
    }

    /// Marks in `mask` the positions of `model` on the LCS path with `peer` that ROUGE-1.5.5's
    /// `lcs_inner` + `markLCS` choose (diagonal on equal tokens, otherwise toward the larger
    /// neighbour, toward a shorter model prefix on ties), for sequences of any length.
    ///
    /// The table is never held: bit-parallel rows run over the shorter sequence, every
    /// `sqrt` rows one is kept as a checkpoint, and the traceback recomputes one block of
    /// rows at a time from its checkpoint. Memory is about `2 sqrt(L) S / 64` words for
    /// lengths L >= S, time about three passes of `L S / 64` word steps.
    pub fn mark_lcs(&mut self, model: &[u32], peer: &[u32], mask: &mut [bool]) {
        if model.len() >= peer.len() {
            self.lcs_path(model, peer, true, |i, _| mask[i] = true);
        } else {
            // Transposed: rows are the peer, a tie steps along the model, now the columns.
            self.lcs_path(peer, model, false, |_, j| mask[j] = true);
        }
    }

    /// Walks the traceback of the LCS table of `rows` x `cols` from the bottom-right
    /// corner, calling `hit(i, j)` at every diagonal step (rows[i] == cols[j]). On a tie
    /// of the two neighbours it steps up when `tie_up`, else left.
    fn lcs_path(
        &mut self,
        rows: &[u32],
        cols: &[u32],
        tie_up: bool,
        mut hit: impl FnMut(usize, usize),
    ) {
        let (m, n) = (rows.len(), cols.len());
        if m == 0 || n == 0 {
            return;
        }
        let w = n.div_ceil(64);
        let k = block_rows(m);
        self.occ.build(cols);
        self.v.clear();
        self.v.resize(w, !0);
        self.mbuf.clear();
        self.mbuf.resize(w, 0);
        self.ck.clear();
        self.ck.extend_from_slice(&self.v);
        for (i, &x) in rows.iter().enumerate() {
            bit_step(&mut self.v, &mut self.mbuf, self.occ.of(x));
            if (i + 1) % k == 0 {
                self.ck.extend_from_slice(&self.v);
            }
        }
        let (mut i, mut j) = (m, n);
        while i > 0 && j > 0 {
            // Rebuild rows lo..=i of the block holding row i - 1 from its checkpoint.
            let lo = (i - 1) / k * k;
            let rows_in = i - lo + 1;
            self.blk.clear();
            self.blk
                .extend_from_slice(&self.ck[lo / k * w..(lo / k + 1) * w]);
            self.blk.resize(rows_in * w, 0);
            for r in 1..rows_in {
                let (done, next) = self.blk.split_at_mut(r * w);
                let next = &mut next[..w];
                next.copy_from_slice(&done[(r - 1) * w..]);
                bit_step(next, &mut self.mbuf, self.occ.of(rows[lo + r - 1]));
            }
            let blk = &self.blk;
            let row = |r: usize| &blk[(r - lo) * w..(r - lo + 1) * w];
            let mut cur = zeros_below(row(i), j);
            let mut up: Option<u32> = None;
            while i > lo && j > 0 {
                if rows[i - 1] == cols[j - 1] {
                    i -= 1;
                    j -= 1;
                    hit(i, j);
                    cur -= 1;
                    up = None;
                    continue;
                }
                let upv = *up.get_or_insert_with(|| zeros_below(row(i - 1), j));
                let left = cur - zero_bit(row(i), j - 1);
                if upv > left || (tie_up && upv == left) {
                    i -= 1;
                    cur = upv;
                    up = None;
                } else {
                    j -= 1;
                    cur = left;
                    up = Some(upv - zero_bit(row(i - 1), j));
                }
            }
        }
    }

    /// [`Dp::mark_wlcs`] for sequences of any length: the same weighted-LCS values by the
    /// same float operations (the table is symmetric, so rows run over the longer
    /// sequence), kept only every `sqrt` rows and recomputed block by block for the
    /// traceback. Memory about `2 sqrt(L) S` cells, time two passes of `L S` cells.
    pub fn mark_wlcs(&mut self, model: &[u32], peer: &[u32], pow: &Pow, mask: &mut [bool]) {
        if model.len() >= peer.len() {
            self.wlcs_path(model, peer, pow, true, |i, _| mask[i] = true);
        } else {
            self.wlcs_path(peer, model, pow, false, |_, j| mask[j] = true);
        }
    }

    fn wlcs_path(
        &mut self,
        rows: &[u32],
        cols: &[u32],
        pow: &Pow,
        tie_up: bool,
        mut hit: impl FnMut(usize, usize),
    ) {
        let (m, n) = (rows.len(), cols.len());
        if m == 0 || n == 0 {
            return;
        }
        let w = n + 1;
        let k = block_rows(m);
        // Row `prev` (values, run lengths) -> row `next` for row token `x`.
        let step = |pv: &[f64], pl: &[u32], nv: &mut [f64], nl: &mut [u32], x: u32| {
            nv[0] = 0.0;
            nl[0] = 0;
            for j in 1..w {
                if x == cols[j - 1] {
                    let r = pl[j - 1] as usize;
                    nv[j] = pv[j - 1] + pow.get(r + 1) - pow.get(r);
                    nl[j] = r as u32 + 1;
                } else if pv[j] >= nv[j - 1] {
                    nv[j] = pv[j];
                    nl[j] = 0;
                } else {
                    nv[j] = nv[j - 1];
                    nl[j] = 0;
                }
            }
        };
        self.fv.clear();
        self.fv.resize(2 * w, 0.0);
        self.fl.clear();
        self.fl.resize(2 * w, 0);
        self.fck.clear();
        self.fck.resize(w, 0.0);
        self.lck.clear();
        self.lck.resize(w, 0);
        for (i, &x) in rows.iter().enumerate() {
            let (pv, nv) = self.fv.split_at_mut(w);
            let (pl, nl) = self.fl.split_at_mut(w);
            step(pv, pl, nv, nl, x);
            pv.copy_from_slice(nv);
            pl.copy_from_slice(nl);
            if (i + 1) % k == 0 {
                self.fck.extend_from_slice(pv);
                self.lck.extend_from_slice(pl);
            }
        }
        let (mut i, mut j) = (m, n);
        while i > 0 && j > 0 {
            let lo = (i - 1) / k * k;
            let rows_in = i - lo + 1;
            let c = lo / k;
            self.fblk.clear();
            self.fblk.extend_from_slice(&self.fck[c * w..(c + 1) * w]);
            self.fblk.resize(rows_in * w, 0.0);
            self.lblk.clear();
            self.lblk.extend_from_slice(&self.lck[c * w..(c + 1) * w]);
            self.lblk.resize(rows_in * w, 0);
            for r in 1..rows_in {
                let (dv, nv) = self.fblk.split_at_mut(r * w);
                let (dl, nl) = self.lblk.split_at_mut(r * w);
                step(
                    &dv[(r - 1) * w..],
                    &dl[(r - 1) * w..],
                    &mut nv[..w],
                    &mut nl[..w],
                    rows[lo + r - 1],
                );
            }
            let blk = &self.fblk;
            let cell = |r: usize, jj: usize| blk[(r - lo) * w + jj];
            while i > lo && j > 0 {
                if rows[i - 1] == cols[j - 1] {
                    i -= 1;
                    j -= 1;
                    hit(i, j);
                    continue;
                }
                let (upv, left) = (cell(i - 1, j), cell(i, j - 1));
                if upv > left || (tie_up && upv == left) {
                    i -= 1;
                } else {
                    j -= 1;
                }
            }
        }
    }
}

/// `k ** w` for small k, precomputed; computed as Perl's `**` does (C `pow`).
pub(crate) struct Pow {
    w: f64,
    table: Vec<f64>,
}

impl Pow {
    /// A table of `k ** w` for k < 512.
    pub fn new(w: f64) -> Pow {
        Pow {
            w,
            table: (0..512).map(|k| (k as f64).powf(w)).collect(),
        }
    }

    /// `k ** w`.
    #[inline]
    pub fn get(&self, k: usize) -> f64 {
        match self.table.get(k) {
            Some(&v) => v,
            None => (k as f64).powf(self.w),
        }
    }

    /// `x ** w` for any x.
    pub fn of(&self, x: f64) -> f64 {
        x.powf(self.w)
    }

    /// `x ** (1 / w)`.
    pub fn inverse(&self, x: f64) -> f64 {
        x.powf(1.0 / self.w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sorted key lists the counting replaced: every key of `m` over `tokens`.
    fn sorted_keys(m: Metric, tokens: &[u32]) -> Vec<u128> {
        let mut out = Vec::new();
        for_each_key(m, tokens, |_| true, |k| out.push(k));
        out.sort_unstable();
        out
    }

    /// The merge the counting replaced: sum over distinct keys of min(count in a, count
    /// in b), both sorted.
    fn overlap(a: &[u128], b: &[u128]) -> u64 {
        let (mut i, mut j, mut hit) = (0, 0, 0u64);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let k = a[i];
                    let (si, sj) = (i, j);
                    while i < a.len() && a[i] == k {
                        i += 1;
                    }
                    while j < b.len() && b[j] == k {
                        j += 1;
                    }
                    hit += (i - si).min(j - sj) as u64;
                }
            }
        }
        hit
    }

    /// (hits, reference keys, prediction keys) by the counting.
    fn counted(m: Metric, reference: &[u32], prediction: &[u32]) -> (u64, u64, u64) {
        let mut g = PeerGrams::default();
        g.build(m, prediction);
        let mut in_peer = vec![false; 64];
        for &t in prediction {
            in_peer[t as usize] = true;
        }
        let (hits, keys) = g.count(m, reference, &in_peer);
        (hits, keys, g.total())
    }

    #[test]
    fn counts_are_clipped() {
        assert_eq!(
            counted(Metric::N(1), &[1, 1, 2, 3], &[1, 2, 2, 4]),
            (2, 4, 4)
        );
    }

    #[test]
    fn skip_bigrams_follow_the_script() {
        let su4 = |tokens: &[u32]| {
            sorted_keys(
                Metric::S {
                    skip: 4,
                    unigrams: true,
                },
                tokens,
            )
        };
        // unigrams of tokens 0 and 1 only, bigrams (1,2) (1,3) (2,3)
        assert_eq!(su4(&[1, 2, 3]).len(), 5);
        let s0 = sorted_keys(
            Metric::S {
                skip: 0,
                unigrams: false,
            },
            &[1, 2, 3, 4, 5, 6, 7],
        );
        assert_eq!(s0.len(), 6);
        assert!(su4(&[7]).is_empty());
    }

    /// The counting gives the merge of the sorted lists on every metric, over random texts
    /// with many repeats, words only one side has, and texts shorter than the n-gram.
    #[test]
    fn counting_matches_the_merge_of_sorted_keys() {
        let metrics = [
            Metric::N(1),
            Metric::N(2),
            Metric::N(3),
            Metric::N(4),
            Metric::N(6),
            Metric::S {
                skip: 4,
                unigrams: true,
            },
            Metric::S {
                skip: 0,
                unigrams: false,
            },
            Metric::S {
                skip: -1,
                unigrams: true,
            },
            Metric::S {
                skip: -1,
                unigrams: false,
            },
            Metric::L,
        ];
        let mut next = lcg(16);
        let mut g = PeerGrams::default();
        for round in 0..400 {
            let alphabet = 2 + (round % 40) as u64;
            let reference: Vec<u32> = (0..next(60)).map(|_| next(alphabet)).collect();
            let prediction: Vec<u32> = (0..next(30)).map(|_| next(alphabet + 8)).collect();
            let mut in_peer = vec![false; 64];
            for &t in &prediction {
                in_peer[t as usize] = true;
            }
            for m in metrics {
                // One set of buffers across rounds, as a scorer keeps them.
                g.build(m, &prediction);
                let (a, b) = (sorted_keys(m, &reference), sorted_keys(m, &prediction));
                let (hits, keys) = g.count(m, &reference, &in_peer);
                assert_eq!(hits, overlap(&a, &b), "{m:?} round {round}");
                assert_eq!(keys, a.len() as u64, "{m:?} round {round}");
                assert_eq!(g.total(), b.len() as u64, "{m:?} round {round}");
            }
        }
    }

    /// Deterministic pseudo-random token sequences over small alphabets (many ties).
    fn lcg(seed: u64) -> impl FnMut(u64) -> u32 {
        let mut x = seed;
        move |k: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) % k) as u32
        }
    }

    #[test]
    fn long_lcs_marks_and_lengths_equal_the_full_table() {
        let mut next = lcg(7);
        let mut long = LongBuf::default();
        for round in 0..300u64 {
            // Lengths across word boundaries and both orientations (model longer/shorter).
            let m = 1 + next(if round % 3 == 0 { 300 } else { 140 }) as usize;
            let n = 1 + next(if round % 2 == 0 { 300 } else { 70 }) as usize;
            let k = 2 + round % 7;
            let model: Vec<u32> = (0..m).map(|_| next(k + 3)).collect();
            let peer: Vec<u32> = (0..n).map(|_| next(k)).collect();
            let mut want = vec![false; m];
            let mut got = vec![false; m];
            table::mark_lcs(&model, &peer, &mut want);
            long.mark_lcs(&model, &peer, &mut got);
            assert_eq!(want, got, "model {model:?} peer {peer:?}");
            assert_eq!(table::lcs_len(&model, &peer), long.lcs_len(&model, &peer));
        }
    }

    /// Column sequences up to [`DENSE_WORDS`] words take per-token masks, longer ones the
    /// sorted positions: both give the table's length, with token ids far apart (the
    /// masks' slots grow to the largest) and the same buffers reused across calls.
    #[test]
    fn lcs_lengths_equal_the_full_table_on_both_sides_of_the_dense_limit() {
        let mut next = lcg(11);
        let mut long = LongBuf::default();
        let limit = DENSE_WORDS * 64;
        for round in 0..40u64 {
            let n = match round % 4 {
                0 => limit,
                1 => limit + 1,
                2 => 1 + next(limit as u64) as usize,
                _ => limit + 1 + next(200) as usize,
            };
            let m = n + next(300) as usize;
            let k = 3 + round % 40;
            let spread = |t: u32| t * 7_919 + (round as u32 % 3);
            let a: Vec<u32> = (0..m).map(|_| spread(next(k))).collect();
            let b: Vec<u32> = (0..n).map(|_| spread(next(k))).collect();
            let want = table::lcs_len(&a, &b);
            assert_eq!(long.lcs_len(&a, &b), want, "m {m} n {n}");
            assert_eq!(long.lcs_len(&b, &a), want, "m {m} n {n}");
        }
    }

    #[test]
    fn long_wlcs_marks_equal_the_full_table() {
        let mut next = lcg(11);
        let mut long = LongBuf::default();
        for round in 0..300u64 {
            let pow = Pow::new(1.0 + (round % 5) as f64 * 0.2);
            let m = 1 + next(if round % 3 == 0 { 200 } else { 90 }) as usize;
            let n = 1 + next(if round % 2 == 0 { 200 } else { 70 }) as usize;
            let k = 2 + round % 7;
            let model: Vec<u32> = (0..m).map(|_| next(k + 3)).collect();
            let peer: Vec<u32> = (0..n).map(|_| next(k)).collect();
            let mut want = vec![false; m];
            let mut got = vec![false; m];
            table::mark_wlcs(&model, &peer, &pow, &mut want);
            long.mark_wlcs(&model, &peer, &pow, &mut got);
            assert_eq!(want, got, "model {model:?} peer {peer:?}");
        }
    }

    /// The bit-parallel marks are the full table's, for every peer length up to 64.
    #[test]
    fn bit_parallel_lcs_marks_equal_the_full_table() {
        let mut next = lcg(7);
        let mut dp = Dp::default();
        for round in 0..3000 {
            let alphabet = 1 + (round % 12) as u64;
            let model: Vec<u32> = (0..next(40)).map(|_| next(alphabet)).collect();
            let peer: Vec<u32> = (0..1 + next(64)).map(|_| next(alphabet + 2)).collect();
            let mut pm = vec![0u64; 16];
            for (j, &t) in peer.iter().enumerate() {
                pm[t as usize] |= 1u64 << j;
            }
            let mut want = vec![false; model.len()];
            let mut got = vec![false; model.len()];
            table::mark_lcs(&model, &peer, &mut want);
            dp.mark_lcs_bits(&model, peer.len(), &pm, &mut got);
            assert_eq!(got, want, "{model:?} {peer:?}");
            // In a union (ROUGE-L over sentences), marks already set stay and the walk adds
            // its own.
            let before: Vec<bool> = (0..model.len())
                .map(|i| round % 3 == 0 || next(2) == 1 || want[i] && round % 2 == 0)
                .collect();
            let mut got = before.clone();
            dp.mark_lcs_bits(&model, peer.len(), &pm, &mut got);
            let union: Vec<bool> = before.iter().zip(&want).map(|(a, b)| a | b).collect();
            assert_eq!(got, union, "{model:?} {peer:?} {before:?}");
        }
    }

    #[test]
    fn lcs_marks_one_subsequence() {
        let mut dp = Dp::default();
        let mut mask = vec![false; 5];
        dp.mark_lcs(&[1, 2, 3, 4, 5], &[2, 9, 4, 5], &mut mask);
        assert_eq!(mask, vec![false, true, false, true, true]);
        assert_eq!(dp.lcs_len(&[1, 2, 3, 4, 5], &[2, 9, 4, 5]), 3);
        let mut mask = vec![false; 5];
        table::mark_lcs(&[1, 2, 3, 4, 5], &[2, 9, 4, 5], &mut mask);
        assert_eq!(mask, vec![false, true, false, true, true]);
    }
}
