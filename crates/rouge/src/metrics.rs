//! Counting primitives over token ids: packed n-gram keys, clipped overlap of sorted key
//! lists, and the union-LCS / weighted-LCS hit masks of ROUGE-1.5.5 (which rouge-score's
//! `rougeLsum` shares: same recurrence, same tie-breaking in the traceback).

/// Packs up to four token ids into one key (id + 1 per 32-bit lane, so a unigram and a
/// bigram never collide).
#[inline]
fn pack(window: &[u32]) -> u128 {
    window
        .iter()
        .fold(0u128, |acc, &t| (acc << 32) | (t as u128 + 1))
}

/// The n-grams of `tokens` as sorted packed keys in `out` (n <= 4; longer n-grams are
/// hashed from their 4-gram prefix and suffix, exact for any realistic vocabulary).
pub(crate) fn ngram_keys(tokens: &[u32], n: usize, out: &mut Vec<u128>) {
    out.clear();
    if n == 0 || tokens.len() < n {
        return;
    }
    if n <= 4 {
        out.extend(tokens.windows(n).map(pack));
    } else {
        out.extend(tokens.windows(n).map(|w| {
            let head = pack(&w[..4]);
            let tail = w[4..].iter().fold(0u64, |acc, &t| {
                acc.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (t as u64 + 1)
            });
            head ^ ((tail as u128) << 64).rotate_left(17)
        }));
    }
    out.sort_unstable();
}

/// ROUGE-1.5.5's `createSkipBigram`: for every token but the last, its unigram (with
/// `unigrams`, the script's `-u`) and its pairs with the next `skip + 1` tokens (all
/// following tokens when `skip < 0`). The last token's unigram is never counted: the
/// script's loop stops one early, and the official numbers depend on it.
pub(crate) fn skip_keys(tokens: &[u32], skip: i32, unigrams: bool, out: &mut Vec<u128>) {
    out.clear();
    let len = tokens.len();
    for i in 0..len.saturating_sub(1) {
        if unigrams {
            out.push(pack(&tokens[i..=i]));
        }
        let end = if skip < 0 {
            len
        } else {
            (i + skip as usize + 2).min(len)
        };
        for j in i + 1..end {
            out.push(pack(&[tokens[i], tokens[j]]));
        }
    }
    out.sort_unstable();
}

/// Sum over distinct keys of min(count in a, count in b), both sorted.
pub(crate) fn overlap(a: &[u128], b: &[u128]) -> u64 {
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

/// Reused work buffers for the dynamic programs.
#[derive(Default)]
pub(crate) struct Dp {
    rows: Vec<u64>,
    c: Vec<u32>,
    cw: Vec<f64>,
    run: Vec<u32>,
}

impl Dp {
    /// Length of the LCS of `a` and `b` (two rolling rows).
    pub fn lcs_len(&mut self, a: &[u32], b: &[u32]) -> u32 {
        let n = b.len();
        self.c.clear();
        self.c.resize(2 * (n + 1), 0);
        let (prev, cur) = self.c.split_at_mut(n + 1);
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
    pub fn mark_lcs(&mut self, model: &[u32], peer: &[u32], mask: &mut [bool]) {
        let (m, n) = (model.len(), peer.len());
        if m == 0 || n == 0 {
            return;
        }
        let w = n + 1;
        self.c.clear();
        self.c.resize((m + 1) * w, 0);
        let c = &mut self.c;
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
        while i != 0 && j != 0 {
            let bit = 1u64 << (j - 1);
            if pm.get(model[i - 1] as usize).copied().unwrap_or(0) & bit != 0 {
                i -= 1;
                j -= 1;
                mask[i] = true;
            } else if cell(i - 1, j) >= cell(i, j - 1) {
                i -= 1;
            } else {
                j -= 1;
            }
        }
    }

    /// ROUGE-1.5.5's `wlcs_inner` + `markLCS`: the weighted-LCS table (consecutive runs of
    /// length k gain `pow[k+1] - pow[k]`) and its traceback, marking hits in `mask`.
    pub fn mark_wlcs(&mut self, model: &[u32], peer: &[u32], pow: &Pow, mask: &mut [bool]) {
        let (m, n) = (model.len(), peer.len());
        if m == 0 || n == 0 {
            return;
        }
        let w = n + 1;
        self.cw.clear();
        self.cw.resize((m + 1) * w, 0.0);
        self.run.clear();
        self.run.resize((m + 1) * w, 0);
        let (c, l) = (&mut self.cw, &mut self.run);
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

    #[test]
    fn overlap_clips_counts() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        ngram_keys(&[1, 1, 2, 3], 1, &mut a);
        ngram_keys(&[1, 2, 2, 4], 1, &mut b);
        assert_eq!(overlap(&a, &b), 2);
    }

    #[test]
    fn skip_bigrams_follow_the_script() {
        let mut k = Vec::new();
        skip_keys(&[1, 2, 3], 4, true, &mut k);
        // unigrams of tokens 0 and 1 only, bigrams (1,2) (1,3) (2,3)
        assert_eq!(k.len(), 5);
        skip_keys(&[1, 2, 3, 4, 5, 6, 7], 0, false, &mut k);
        assert_eq!(k.len(), 6);
        skip_keys(&[7], 4, true, &mut k);
        assert!(k.is_empty());
    }

    #[test]
    fn lcs_marks_one_subsequence() {
        let mut dp = Dp::default();
        let mut mask = vec![false; 5];
        dp.mark_lcs(&[1, 2, 3, 4, 5], &[2, 9, 4, 5], &mut mask);
        assert_eq!(mask, vec![false, true, false, true, true]);
        assert_eq!(dp.lcs_len(&[1, 2, 3, 4, 5], &[2, 9, 4, 5]), 3);
    }
}
