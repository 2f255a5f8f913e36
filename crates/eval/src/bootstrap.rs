//! Percentile bootstrap intervals with a generator of our own, so the same seed gives the
//! same intervals on every machine and every version.

/// Mean of `values` and its 95% percentile bootstrap interval over `resamples` resamples
/// (seeded, so reproducible). No values give zeros; no resamples give the mean three times.
pub fn bootstrap_mean(values: &[f64], resamples: usize, seed: u64) -> (f64, f64, f64) {
    let n = values.len();
    if n == 0 {
        return (0.0, 0.0, 0.0);
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    if resamples == 0 {
        return (mean, mean, mean);
    }
    let mut rng = SplitMix64(seed);
    let mut means: Vec<f64> = (0..resamples)
        .map(|_| (0..n).map(|_| values[rng.below(n)]).sum::<f64>() / n as f64)
        .collect();
    means.sort_by(f64::total_cmp);
    let at = |q: f64| means[((q * (resamples - 1) as f64).round() as usize).min(resamples - 1)];
    (mean, at(0.025), at(0.975))
}

/// A tiny, stable pseudo-random generator (SplitMix64): a library RNG does not promise the
/// same stream across versions, and published intervals must be reproducible.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0), by rejection so there is no modulo bias.
    fn below(&mut self, n: usize) -> usize {
        let n = n as u64;
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let x = self.next();
            if x < zone {
                return (x % n) as usize;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bootstrap_interval_brackets_the_mean_and_is_reproducible() {
        let v: Vec<f64> = (0..25).map(|i| (i as f64 * 0.37).sin().abs()).collect();
        let (m, lo, hi) = bootstrap_mean(&v, 500, 7);
        assert!(lo < m && m < hi, "{lo} {m} {hi}");
        assert_eq!(bootstrap_mean(&v, 500, 7), (m, lo, hi));
        assert_ne!(bootstrap_mean(&v, 500, 8).1, lo);
    }

    #[test]
    fn constant_values_have_a_zero_width_interval() {
        assert_eq!(bootstrap_mean(&[0.5; 10], 100, 1), (0.5, 0.5, 0.5));
    }

    #[test]
    fn no_values_and_no_resamples() {
        assert_eq!(bootstrap_mean(&[], 100, 1), (0.0, 0.0, 0.0));
        assert_eq!(bootstrap_mean(&[0.25, 0.75], 0, 1), (0.5, 0.5, 0.5));
    }

    #[test]
    fn splitmix_below_stays_in_range() {
        let mut r = SplitMix64(3);
        assert!((0..10_000).all(|_| r.below(7) < 7));
    }
}
