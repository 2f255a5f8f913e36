//! Sparse term vectors and cosine similarity, the one notion of "says the same thing".

/// A vector this many times longer than the other is searched rather than walked.
const LOOKUP_RATIO: usize = 8;

/// A sparse vector over term ids, sorted by id, with no duplicate ids.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVec {
    entries: Vec<(u32, f64)>,
}

impl SparseVec {
    /// Builds a vector from `(term, weight)` pairs in any order; weights of repeated
    /// terms add up.
    pub fn from_pairs(mut pairs: Vec<(u32, f64)>) -> SparseVec {
        pairs.sort_by_key(|&(t, _)| t);
        let mut entries: Vec<(u32, f64)> = Vec::with_capacity(pairs.len());
        for (t, w) in pairs {
            match entries.last_mut() {
                Some(last) if last.0 == t => last.1 += w,
                _ => entries.push((t, w)),
            }
        }
        SparseVec { entries }
    }

    /// The `(term, weight)` entries, sorted by term.
    pub fn entries(&self) -> &[(u32, f64)] {
        &self.entries
    }

    /// True when no term has weight.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Euclidean length.
    pub fn norm(&self) -> f64 {
        self.entries.iter().map(|&(_, w)| w * w).sum::<f64>().sqrt()
    }

    /// Scales the vector to unit length (no-op on the zero vector).
    pub fn normalized(mut self) -> SparseVec {
        let n = self.norm();
        if n > 0.0 {
            for e in &mut self.entries {
                e.1 /= n;
            }
        }
        self
    }

    /// Dot product, by merging the two sorted entry lists, or, when one is far longer (a
    /// sentence against a centroid), by looking the short one's terms up in it. Products
    /// are summed in term order either way, so the result is the same to the bit.
    pub fn dot(&self, other: &SparseVec) -> f64 {
        let (a, b) = (&self.entries, &other.entries);
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        if short.len() * LOOKUP_RATIO < long.len() {
            let mut sum = 0.0;
            let mut from = 0;
            for &(t, w) in short {
                match long[from..].binary_search_by_key(&t, |&(u, _)| u) {
                    Ok(k) => {
                        sum += w * long[from + k].1;
                        from += k + 1;
                    }
                    Err(k) => from += k,
                }
            }
            return sum;
        }
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    /// The vector spread into a dense array of `len` weights by term id (terms at or past
    /// `len` left out), for many [`SparseVec::dot_dense`] products with one vector.
    pub(crate) fn to_dense(&self, len: usize) -> Vec<f64> {
        let mut dense = vec![0.0; len];
        for &(t, w) in &self.entries {
            if let Some(slot) = dense.get_mut(t as usize) {
                *slot = w;
            }
        }
        dense
    }

    /// Dot product with a vector given dense ([`SparseVec::to_dense`], holding every term
    /// of this one): products in term order, a term the other lacks adding an exact zero,
    /// so for weights that are not negative it is the same number as [`SparseVec::dot`],
    /// without a search per term.
    pub(crate) fn dot_dense(&self, dense: &[f64]) -> f64 {
        let mut sum = 0.0;
        for &(t, w) in &self.entries {
            sum += w * dense.get(t as usize).copied().unwrap_or(0.0);
        }
        sum
    }

    /// Cosine similarity; 0 when either vector is zero.
    pub fn cosine(&self, other: &SparseVec) -> f64 {
        let d = self.norm() * other.norm();
        if d == 0.0 {
            0.0
        } else {
            (self.dot(other) / d).clamp(0.0, 1.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_identical_vectors_is_one_and_disjoint_is_zero() {
        let a = SparseVec::from_pairs(vec![(3, 1.0), (1, 2.0), (3, 1.0)]);
        assert_eq!(a.entries(), &[(1, 2.0), (3, 2.0)]);
        assert!((a.cosine(&a) - 1.0).abs() < 1e-12);
        let b = SparseVec::from_pairs(vec![(7, 1.0)]);
        assert_eq!(a.cosine(&b), 0.0);
        assert_eq!(a.cosine(&SparseVec::default()), 0.0);
    }

    #[test]
    fn a_long_vector_is_searched_with_the_same_result_as_a_walk() {
        let long = SparseVec::from_pairs((0..500).map(|t| (t * 3, 1.0 / (t + 1) as f64)).collect());
        let short = SparseVec::from_pairs(vec![(0, 0.5), (4, 9.0), (300, 0.25), (1497, 2.0)]);
        let walked = short
            .entries()
            .iter()
            .filter_map(|&(t, w)| {
                long.entries()
                    .iter()
                    .find(|&&(u, _)| u == t)
                    .map(|&(_, v)| w * v)
            })
            .fold(0.0, |a, b| a + b);
        assert_eq!(short.dot(&long), walked);
        assert_eq!(long.dot(&short), walked);
        assert!(walked > 0.0);
    }

    /// A dense product is the sparse one to the bit, whichever way `dot` goes (lookup in a
    /// long vector or merge of two similar ones), in either order of the operands.
    #[test]
    fn dense_products_are_the_sparse_ones() {
        let weight = |t: u32| ((t * 7919 % 1000) as f64 + 1.0) / 997.0;
        let long =
            SparseVec::from_pairs((0..600).map(|t| (t * 2, weight(t))).collect()).normalized();
        let shorts = [
            SparseVec::from_pairs(vec![(0, 0.3), (4, 9.0), (5, 0.1), (300, 0.25), (1198, 2.0)]),
            SparseVec::from_pairs((0..400).map(|t| (t * 3, weight(t + 5))).collect()),
            SparseVec::from_pairs(vec![(1, 1.0), (3, 1.0)]),
            SparseVec::default(),
        ];
        let dense = long.to_dense(1200);
        for short in shorts.iter().map(|s| s.clone().normalized()) {
            assert_eq!(
                short.dot_dense(&dense).to_bits(),
                short.dot(&long).to_bits()
            );
            assert_eq!(
                short.dot_dense(&dense).to_bits(),
                long.dot(&short).to_bits()
            );
        }
    }
}
