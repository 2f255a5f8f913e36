//! Corpus-level aggregation with bootstrap confidence intervals.
//!
//! [`bootstrap_rouge155`] is ROUGE-1.5.5's `computeAverages` exactly: resample `i` is drawn
//! with Perl's `srand(i)` + `int(rand(n))` (Perl's own drand48, the same on every
//! platform), the reported average is the mean of the resample means, and the interval
//! bounds interpolate between sorted resample means. [`bootstrap_rouge_score`] follows
//! rouge-score's `BootstrapAggregator` (percentiles 2.5/50/97.5 of resample means, numpy's
//! linear interpolation) with a seeded generator of our own, so it is deterministic but not
//! numpy's random stream.

use serde::{Deserialize, Serialize};

use crate::Score;

/// A point estimate with a confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// Lower bound.
    pub low: f64,
    /// The estimate (ROUGE-1.5.5: mean of resample means; rouge-score: their median).
    pub mid: f64,
    /// Upper bound.
    pub high: f64,
}

/// Aggregate R, P and F of one metric over a corpus.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Aggregate {
    /// Recall.
    pub r: Interval,
    /// Precision.
    pub p: Interval,
    /// F-measure.
    pub f: Interval,
}

/// Perl's drand48 (`srand`/`rand` since Perl 5.20).
struct Drand48(u64);

impl Drand48 {
    fn seed(seed: u32) -> Drand48 {
        Drand48(((seed as u64) << 16) + 0x330E)
    }
    fn next(&mut self) -> f64 {
        self.0 = (self.0.wrapping_mul(0x5DEE_CE66D).wrapping_add(0xB)) & 0xFFFF_FFFF_FFFF;
        self.0 as f64 / (1u64 << 48) as f64
    }
}

fn fmt5(x: f64) -> f64 {
    crate::scorer::round5(x)
}

/// ROUGE-1.5.5's `Average_R/P/F` and `-c` confidence interval over per-summary scores, in
/// the order the script sorts them (its eval ids as strings, `sort keys`). `samples` is
/// `-r` (1000), `confidence` is `-c` (95). Values come back rounded to 5 decimals as the
/// script prints them. An empty input gives zeros.
pub fn bootstrap_rouge155(scores: &[Score], samples: usize, confidence: f64) -> Aggregate {
    let n = scores.len();
    let mut means: [Vec<f64>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    for i in 0..samples {
        let mut rng = Drand48::seed(i as u32);
        let mut sum = [0.0f64; 3];
        for _ in 0..n {
            let idx = (rng.next() * n as f64) as usize;
            if let Some(s) = scores.get(idx) {
                sum[0] += s.r;
                sum[1] += s.p;
                sum[2] += s.f;
            }
        }
        for (k, v) in sum.iter().enumerate() {
            means[k].push(if n > 0 { v / n as f64 } else { 0.0 });
        }
    }
    let delta = samples as f64 * ((100.0 - confidence) / 2.0) / 100.0;
    let ci_ua = (samples as f64 - delta - 1.0) as isize;
    let ci_la = delta as isize;
    let ci_r = samples as f64 - delta - 1.0 - ci_ua as f64;
    let at = |v: &[f64], i: isize| -> f64 {
        usize::try_from(i)
            .ok()
            .and_then(|i| v.get(i))
            .copied()
            .unwrap_or(0.0)
    };
    let interval = |v: &mut Vec<f64>| -> Interval {
        v.sort_by(|a, b| a.total_cmp(b));
        let mid = if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        };
        let low = at(v, ci_la) + (at(v, ci_la + 1) - at(v, ci_la)) * ci_r;
        let high = at(v, ci_ua) + (at(v, ci_ua + 1) - at(v, ci_ua)) * ci_r;
        Interval {
            low: fmt5(low),
            mid: fmt5(mid),
            high: fmt5(high),
        }
    };
    let [mut r, mut p, mut f] = means;
    Aggregate {
        r: interval(&mut r),
        p: interval(&mut p),
        f: interval(&mut f),
    }
}

/// rouge-score's `BootstrapAggregator(confidence_interval, n_samples)` over per-summary
/// scores: low/mid/high are the (1-c)/2, 50 and (1+c)/2 percentiles of resample means
/// (numpy's linear interpolation), resampled with a generator seeded by `seed`.
pub fn bootstrap_rouge_score(
    scores: &[Score],
    samples: usize,
    confidence: f64,
    seed: u64,
) -> Aggregate {
    let n = scores.len();
    let mut state = seed ^ 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        // splitmix64
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut means: [Vec<f64>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    for _ in 0..samples {
        let mut sum = [0.0f64; 3];
        for _ in 0..n {
            let idx = (next() % n as u64) as usize;
            if let Some(s) = scores.get(idx) {
                sum[0] += s.r;
                sum[1] += s.p;
                sum[2] += s.f;
            }
        }
        for (k, v) in sum.iter().enumerate() {
            means[k].push(if n > 0 { v / n as f64 } else { 0.0 });
        }
    }
    let delta = (1.0 - confidence) / 2.0;
    let percentile = |v: &[f64], q: f64| -> f64 {
        if v.is_empty() {
            return 0.0;
        }
        let pos = q * (v.len() - 1) as f64;
        let lo = pos.floor() as usize;
        let hi = pos.ceil() as usize;
        let (a, b) = (
            v.get(lo).copied().unwrap_or(0.0),
            v.get(hi).copied().unwrap_or(0.0),
        );
        a + (b - a) * (pos - lo as f64)
    };
    let interval = |v: &mut Vec<f64>| -> Interval {
        v.sort_by(|a, b| a.total_cmp(b));
        Interval {
            low: percentile(v, delta),
            mid: percentile(v, 0.5),
            high: percentile(v, 1.0 - delta),
        }
    };
    let [mut r, mut p, mut f] = means;
    Aggregate {
        r: interval(&mut r),
        p: interval(&mut p),
        f: interval(&mut f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drand48_matches_perl() {
        // perl -e 'srand(1); printf "%.17g\n", rand(); srand(0); printf "%.17g\n", rand()'
        assert_eq!(Drand48::seed(1).next(), 0.041630344771878214);
        assert_eq!(Drand48::seed(0).next(), 0.17082803610628972);
    }

    #[test]
    fn constant_scores_have_a_point_interval() {
        let s = Score {
            r: 0.5,
            p: 0.25,
            f: 0.33333,
        };
        let a = bootstrap_rouge155(&[s; 7], 100, 95.0);
        assert_eq!(a.r.low, 0.5);
        assert_eq!(a.r.mid, 0.5);
        assert_eq!(a.f.high, 0.33333);
        let b = bootstrap_rouge_score(&[s; 7], 100, 0.95, 1);
        assert!((b.p.mid - 0.25).abs() < 1e-12);
    }
}
