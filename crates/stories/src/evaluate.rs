//! Clustering quality against gold story labels: B-cubed precision/recall/F1 (Bagga and
//! Baldwin 1998, averaged over items), the adjusted Rand index (Hubert and Arabie 1985),
//! NMI (mutual information over the arithmetic mean of the entropies), and how many gold
//! stories were split and how many predicted stories merge two or more gold stories.

use std::collections::HashMap;

use serde::Serialize;

/// The scores of one clustering.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    /// Items scored.
    pub items: usize,
    /// Gold stories.
    pub gold: usize,
    /// Predicted stories.
    pub predicted: usize,
    /// B-cubed precision.
    pub precision: f64,
    /// B-cubed recall.
    pub recall: f64,
    /// B-cubed F1.
    pub f1: f64,
    /// Adjusted Rand index.
    pub ari: f64,
    /// Normalized mutual information.
    pub nmi: f64,
    /// Gold stories spread over more than one predicted story.
    pub split: usize,
    /// Predicted stories holding items of more than one gold story.
    pub merged: usize,
}

fn ids<T: Eq + std::hash::Hash + Clone>(labels: &[T]) -> (Vec<usize>, usize) {
    let mut map: HashMap<T, usize> = HashMap::new();
    let out = labels
        .iter()
        .map(|l| {
            let n = map.len();
            *map.entry(l.clone()).or_insert(n)
        })
        .collect();
    (out, map.len())
}

fn pairs(n: usize) -> f64 {
    let n = n as f64;
    n * (n - 1.0) / 2.0
}

/// Scores `predicted` against `gold` (same length, one label per item).
pub fn score<G, P>(gold: &[G], predicted: &[P]) -> Scores
where
    G: Eq + std::hash::Hash + Clone,
    P: Eq + std::hash::Hash + Clone,
{
    let n = gold.len().min(predicted.len());
    let (g, ng) = ids(&gold[..n]);
    let (p, np) = ids(&predicted[..n]);
    let mut joint: HashMap<(usize, usize), usize> = HashMap::new();
    let mut gsize = vec![0usize; ng];
    let mut psize = vec![0usize; np];
    for i in 0..n {
        *joint.entry((g[i], p[i])).or_insert(0) += 1;
        gsize[g[i]] += 1;
        psize[p[i]] += 1;
    }
    let (mut prec, mut rec) = (0.0, 0.0);
    for i in 0..n {
        let both = joint[&(g[i], p[i])] as f64;
        prec += both / psize[p[i]] as f64;
        rec += both / gsize[g[i]] as f64;
    }
    let nf = n.max(1) as f64;
    let (precision, recall) = (prec / nf, rec / nf);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    // Adjusted Rand index from the contingency table.
    let sum_joint: f64 = joint.values().map(|&c| pairs(c)).sum();
    let sum_g: f64 = gsize.iter().map(|&c| pairs(c)).sum();
    let sum_p: f64 = psize.iter().map(|&c| pairs(c)).sum();
    let total = pairs(n);
    let expected = if total > 0.0 {
        sum_g * sum_p / total
    } else {
        0.0
    };
    let max = (sum_g + sum_p) / 2.0;
    let ari = if (max - expected).abs() < 1e-12 {
        1.0
    } else {
        (sum_joint - expected) / (max - expected)
    };
    // NMI with the arithmetic mean of the entropies.
    let h = |sizes: &[usize]| -> f64 {
        sizes
            .iter()
            .filter(|&&c| c > 0)
            .map(|&c| {
                let q = c as f64 / nf;
                -q * q.ln()
            })
            .sum()
    };
    let (hg, hp) = (h(&gsize), h(&psize));
    let mi: f64 = joint
        .iter()
        .map(|(&(a, b), &c)| {
            let q = c as f64 / nf;
            q * (q * nf * nf / (gsize[a] as f64 * psize[b] as f64)).ln()
        })
        .sum();
    let nmi = if hg + hp > 0.0 {
        (2.0 * mi / (hg + hp)).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let mut per_gold = vec![0usize; ng];
    let mut per_pred = vec![0usize; np];
    for &(a, b) in joint.keys() {
        per_gold[a] += 1;
        per_pred[b] += 1;
    }
    Scores {
        items: n,
        gold: ng,
        predicted: np,
        precision,
        recall,
        f1,
        ari,
        nmi,
        split: per_gold.iter().filter(|&&k| k > 1).count(),
        merged: per_pred.iter().filter(|&&k| k > 1).count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_clustering_scores_one_whatever_the_label_names() {
        let s = score(&["a", "a", "b", "b", "c"], &[7, 7, 3, 3, 9]);
        assert_eq!((s.precision, s.recall, s.f1), (1.0, 1.0, 1.0));
        assert!((s.ari - 1.0).abs() < 1e-12 && (s.nmi - 1.0).abs() < 1e-12);
        assert_eq!((s.split, s.merged), (0, 0));
    }

    #[test]
    fn bcubed_matches_a_hand_computed_example() {
        // Gold {0,1,2},{3,4}; predicted {0,1},{2,3,4}.
        let s = score(&[0, 0, 0, 1, 1], &[0, 0, 1, 1, 1]);
        // Precision: items 0,1: 1; item 2: 1/3; items 3,4: 2/3 -> (2 + 1/3 + 4/3) / 5.
        assert!((s.precision - (2.0 + 1.0 / 3.0 + 4.0 / 3.0) / 5.0).abs() < 1e-12);
        // Recall: items 0,1: 2/3; item 2: 1/3; items 3,4: 1 -> (4/3 + 1/3 + 2) / 5.
        assert!((s.recall - (4.0 / 3.0 + 1.0 / 3.0 + 2.0) / 5.0).abs() < 1e-12);
        assert_eq!((s.split, s.merged), (1, 1));
        // ARI: sum_joint = C(2,2)+C(1,2)+C(1,2)+C(2,2) = 2; sum_g = 3+1 = 4; sum_p = 1+3 = 4;
        // expected = 16/10; max = 4 -> (2 - 1.6) / (4 - 1.6).
        assert!((s.ari - 0.4 / 2.4).abs() < 1e-12);
    }

    #[test]
    fn everything_in_one_story_has_full_recall_and_zero_ari() {
        let s = score(&[0, 0, 1, 1], &[5, 5, 5, 5]);
        assert_eq!(s.recall, 1.0);
        assert!((s.precision - 0.5).abs() < 1e-12);
        assert!(s.ari.abs() < 1e-12);
        assert_eq!(s.merged, 1);
    }
}
