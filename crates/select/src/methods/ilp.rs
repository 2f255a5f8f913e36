//! Exact concept coverage (Gillick & Favre 2009, "A Scalable Global Model for
//! Summarization"): choose sentences maximizing the total weight of the distinct concepts
//! covered, within the budget, with no two redundant sentences. Gillick & Favre state it
//! as an integer linear program; we solve the same program with our own branch and bound
//! (`solver.rs`), which knows its structure: a concept's weight counts once however many
//! chosen sentences hold it.
//!
//! Why not a general MILP solver: the one pure-Rust choice (`microlp`) re-solved an LP at
//! every node and cost several times the rest of the pipeline, while this problem has a
//! cheap, tight bound of its own. At each node the remaining gain is bounded by a
//! fractional knapsack over the candidates' concept weights, where each concept's weight
//! is split between an up-front part (counted once) and a part counted per holding
//! sentence; any split gives a valid bound, and a few subgradient steps move it toward
//! the LP relaxation's value. The search starts from the budgeted greedy or the best
//! single sentence, whichever is better (Khuller, Moss & Naor 1999), and dives along the
//! relaxation's solution.
//!
//! Kept small and deterministic: only the best sentences by concept weight per word enter
//! the pool, and the search stops after a fixed number of nodes (never a time limit,
//! which would make output depend on machine speed). Whatever budget the solution leaves
//! is filled greedily.

mod solver;

use rustc_hash::FxHashSet;

use super::concepts::{ConceptOptions, Concepts};
use super::coverage::greedy;
use crate::{Budget, Picker, Prepared, Summarizer};

/// Exact budgeted concept coverage.
pub(crate) struct Ilp {
    /// Concept extraction and weighting.
    pub concepts: ConceptOptions,
    /// At most this many sentences (best by concept weight per word) enter the search.
    pub max_sentences: usize,
    /// Branch-and-bound nodes allowed before the best solution found so far is taken: a
    /// deterministic cap, unlike a time limit.
    pub node_limit: u64,
}

impl Default for Ilp {
    fn default() -> Self {
        Ilp {
            concepts: ConceptOptions::default(),
            // Measured on the DUC 2006 dev split (250 words, before the relevance term),
            // pools of 50 / 100 / 150 / 200: ROUGE-2 0.0982 / 0.0982 / 0.0997 / 0.0983 and SU4 0.1481 / 0.1490 /
            // 0.1494 / 0.1484 (noise), but ROUGE-1 0.4017 / 0.4083 / 0.4099 / 0.4092 and
            // ROUGE-L 0.3718 / 0.3808 / 0.3816 / 0.3806 (150 vs 50: paired interval above
            // zero); at 150 the whole method costs about what the greedy `coverage` does.
            max_sentences: 150,
            // The hardest dev cluster needs about 10,000 nodes (~25 ms) at a pool of 150.
            node_limit: 100_000,
        }
    }
}

impl Summarizer for Ilp {
    fn name(&self) -> &'static str {
        "ilp"
    }

    fn select(&self, prepared: &Prepared, picker: &mut Picker) {
        let concepts = prepared.concepts(self.concepts);
        for i in self.solve(prepared, picker, &concepts) {
            picker.offer(i);
        }
        // Whatever budget the solution left is filled greedily.
        greedy(prepared, picker, &concepts, 1.0);
    }
}

impl Ilp {
    /// The pool (best concept weight per word first) and the best selection among it, in
    /// pool order.
    fn solve(&self, prepared: &Prepared, picker: &Picker, concepts: &Concepts) -> Vec<usize> {
        // A sentence holding concepts may be chosen (`Concepts::new`): those with none,
        // worth nothing here, are not asked about.
        let mut pool: Vec<(usize, f64)> = (0..prepared.sentences.len())
            .filter(|&i| !concepts.of_sentence[i].is_empty() && picker.can_add(i))
            .map(|i| (i, concepts.weight(i) / prepared.words(i).max(1) as f64))
            .filter(|&(_, d)| d > 0.0)
            .collect();
        pool.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let pool = distinct_prefix(
            prepared,
            pool.into_iter().map(|(i, _)| i),
            self.max_sentences,
        );
        if pool.is_empty() {
            return Vec::new();
        }
        let (costs, capacity): (Vec<usize>, usize) = match picker.budget() {
            Budget::Words(n) => (
                pool.iter().map(|&i| prepared.words(i)).collect(),
                n.saturating_sub(picker.words_used()),
            ),
            Budget::Sentences(n) => (vec![1; pool.len()], n.saturating_sub(picker.chosen().len())),
        };
        // Concepts already covered by earlier choices are worth nothing more.
        let mut weights = concepts.weights.clone();
        for &i in picker.chosen() {
            for &c in &concepts.of_sentence[i] {
                if let Some(w) = weights.get_mut(c as usize) {
                    *w = 0.0;
                }
            }
        }
        let sentences: Vec<&[u32]> = pool
            .iter()
            .map(|&i| concepts.of_sentence[i].as_slice())
            .collect();
        let conflicts = conflicts(prepared, &pool, picker.threshold());
        let problem = solver::CoverageProblem {
            weights: &weights,
            sentences: &sentences,
            costs: &costs,
            capacity,
            conflicts: &conflicts,
        };
        let solution = solver::solve(&problem, self.node_limit);
        solution.chosen.into_iter().map(|k| pool[k]).collect()
    }
}

/// The first `limit` of `ranked` that are not copies of an earlier one. A copy (the same
/// words, as term ids, and the same figures: a wire story repeated by several outlets)
/// holds the same bigram concepts and a relevance concept of the same weight, costs the
/// same and conflicts with the same sentences, its original included, so it can only
/// ever stand in for it: in the pool it adds nothing but symmetric branches, which made
/// the search of a big cluster full of copies run out of nodes in every round (1,600
/// articles: 100,000 nodes in each of 6 rounds; a few hundred each without copies). A
/// DUC dev cluster has no copy among its best 150, so dev output is unchanged.
fn distinct_prefix(
    prepared: &Prepared,
    ranked: impl Iterator<Item = usize>,
    limit: usize,
) -> Vec<usize> {
    // What makes two sentences copies: words, content terms, figures, budget words.
    type Copy<'p> = (&'p [u32], &'p [u32], &'p [String], usize);
    let mut seen: FxHashSet<Copy> = FxHashSet::default();
    ranked
        .filter(|&i| {
            seen.insert((
                &prepared.tokens[i],
                &prepared.terms[i],
                &prepared.figures[i],
                prepared.words(i),
            ))
        })
        .take(limit)
        .collect()
}

/// Pairs of pool positions whose sentences the picker would call redundant
/// (`Prepared::similarity` at least `threshold`, or a figure both state), in order.
///
/// The dot products come from an index of the pool's terms: for each sentence, its terms
/// in increasing id order, and for each term the later sentences holding it, so only the
/// products of shared terms are computed (a pair of sentences shares few terms). Each
/// pair's products are added in increasing term order, as the merge in `SparseVec::dot`
/// adds them (the terms it does not share add an exact zero), so the sums are the same
/// numbers.
fn conflicts(prepared: &Prepared, pool: &[usize], threshold: f64) -> Vec<(usize, usize)> {
    let vector = |i: usize| prepared.vectors.get(i).map_or(&[][..], |v| v.entries());
    let size = pool
        .iter()
        .flat_map(|&i| vector(i).iter().map(|&(t, _)| t as usize + 1))
        .max()
        .unwrap_or(0);
    // The postings of each term, laid out one term after another: (pool position, weight)
    // in increasing position, those of term `t` at `postings[starts[t]..starts[t + 1]]`.
    let mut starts = vec![0usize; size + 1];
    for &i in pool {
        for &(t, _) in vector(i) {
            starts[t as usize + 1] += 1;
        }
    }
    for t in 0..size {
        starts[t + 1] += starts[t];
    }
    let mut fill = starts.clone();
    let mut postings = vec![(0usize, 0.0f64); starts[size]];
    for (b, &i) in pool.iter().enumerate() {
        for &(t, w) in vector(i) {
            let at = &mut fill[t as usize];
            postings[*at] = (b, w);
            *at += 1;
        }
    }
    let mut dot = vec![0.0f64; pool.len()];
    // The later sentences sharing a term with the one at `a`: when it states no figure and
    // the threshold is above zero, no other can conflict with it, so only these are read
    // (the pairs scan had been quadratic in the pool in every round).
    let mut touched: Vec<usize> = Vec::new();
    let every_pair = threshold.is_nan() || threshold <= 0.0;
    let mut pairs = Vec::new();
    for (a, &i) in pool.iter().enumerate() {
        for &(t, w) in vector(i) {
            let held = &postings[starts[t as usize]..starts[t as usize + 1]];
            // Positions increase: the sentences after `a` are the tail past it.
            let after = held.partition_point(|&(b, _)| b <= a);
            for &(b, v) in &held[after..] {
                if dot[b] == 0.0 {
                    touched.push(b);
                }
                dot[b] += w * v;
            }
        }
        if every_pair || !prepared.figures[i].is_empty() {
            for (b, &j) in pool.iter().enumerate().skip(a + 1) {
                let same_figure = prepared.figures[i]
                    .iter()
                    .any(|f| prepared.figures[j].contains(f));
                if dot[b].clamp(0.0, 1.0) >= threshold || same_figure {
                    pairs.push((a, b));
                }
                dot[b] = 0.0;
            }
        } else {
            touched.sort_unstable();
            touched.dedup();
            for &b in &touched {
                if dot[b].clamp(0.0, 1.0) >= threshold {
                    pairs.push((a, b));
                }
                dot[b] = 0.0;
            }
        }
        touched.clear();
    }
    pairs
}

#[cfg(test)]
mod tests {
    use chorus_model::{Cluster, Document};

    use super::*;
    use crate::budget::Offer;
    use crate::Options;

    /// Four short invented articles about one event, repeating facts in different words.
    /// The two "met on Tuesday" sentences hold the same words in another order: redundant
    /// by tf-idf, yet with different concepts, so only the conflicts keep them apart.
    fn cluster() -> Cluster {
        let doc = |id: &str, text: &str| Document {
            id: id.into(),
            text: text.into(),
            ..Default::default()
        };
        Cluster {
            id: "dam".into(),
            documents: vec![
                doc(
                    "a.txt",
                    "Workers finished the new Alder Creek dam on Monday after six years of construction.\n\
                     The dam will supply drinking water to forty thousand homes in the valley.\n\
                     Officials said the project cost two hundred million dollars in total.\n\
                     Valley farmers met dam officials on Tuesday.\n",
                ),
                doc(
                    "b.txt",
                    "The Alder Creek dam opened on Monday, six years after construction began.\n\
                     Its reservoir will supply drinking water to the valley towns.\n\
                     Farmers downstream worry that the river will run dry in summer.\n\
                     Dam farmers met valley officials on Tuesday.\n",
                ),
                doc(
                    "c.txt",
                    "After six years of construction the Alder Creek dam opened Monday.\n\
                     The project cost two hundred million dollars, officials said.\n\
                     Environmental groups had sued twice to stop the construction.\n\
                     On a cold morning a group of valley farmers walked to the river to speak with dam officials.\n",
                ),
                doc(
                    "d.txt",
                    "Drinking water for forty thousand homes will come from the Alder Creek dam.\n\
                     Farmers downstream fear the river will run dry in summer months.\n\
                     Environmental groups sued twice to stop construction of the dam.\n\
                     In a long meeting at the town hall the dam farmers told valley officials that fields need water.\n",
                ),
            ],
            ..Default::default()
        }
    }

    /// The dense conflict computation finds exactly the pairs `Prepared::similarity` and
    /// the shared figures do, reading only the sentences that share a term with one that
    /// states no figure.
    #[test]
    fn conflicts_match_the_pairwise_similarity() {
        let mut c = cluster();
        // Figures, so some sentences take the scan of every later one: two share theirs.
        c.documents[0]
            .text
            .push_str("The flood displaced 300 families in the valley.\n");
        c.documents[1]
            .text
            .push_str("About 300 families lost homes to the water.\n");
        let prepared = Prepared::new(&c, &Options::default());
        let pool: Vec<usize> = prepared.candidates().collect();
        let mut seen = 0;
        for threshold in [0.0, 0.1, 0.2, 0.4, 0.6, 0.9, 1.0] {
            let mut naive = Vec::new();
            for a in 0..pool.len() {
                for b in (a + 1)..pool.len() {
                    let (i, j) = (pool[a], pool[b]);
                    let same_figure = prepared.figures[i]
                        .iter()
                        .any(|f| prepared.figures[j].contains(f));
                    if prepared.similarity(i, j) >= threshold || same_figure {
                        naive.push((a, b));
                    }
                }
            }
            seen += naive.len();
            assert_eq!(conflicts(&prepared, &pool, threshold), naive, "{threshold}");
        }
        assert!(seen > 0);
        assert!(pool.iter().any(|&i| !prepared.figures[i].is_empty()));
    }

    /// Issue 16: a cluster whose articles are repeated by other outlets word for word put
    /// every sentence in the pool once per copy, and the search of a 1,600-article cluster
    /// ran out of nodes in every round; the pool now holds each sentence once.
    #[test]
    fn issue16_copies_enter_the_pool_once() {
        let single = cluster();
        let mut doubled = cluster();
        let copies: Vec<_> = doubled
            .documents
            .iter()
            .map(|d| chorus_model::Document {
                id: format!("{}#copy", d.id),
                ..d.clone()
            })
            .collect();
        doubled.documents.extend(copies);
        let opts = Options::default();
        let one = Prepared::new(&single, &opts);
        let two = Prepared::new(&doubled, &opts);
        let originals = distinct_prefix(&one, one.candidates(), usize::MAX);
        let pool = distinct_prefix(&two, two.candidates(), usize::MAX);
        assert!(originals.len() >= 6, "{originals:?}");
        assert_eq!(pool, originals, "the first of each copy, in ranked order");
        assert_eq!(two.candidates().count(), 2 * originals.len());
        // The limit counts distinct sentences.
        assert_eq!(distinct_prefix(&two, two.candidates(), 3), originals[..3]);
    }

    fn covered(concepts: &Concepts, set: &[usize]) -> f64 {
        let mut cs: Vec<u32> = set
            .iter()
            .flat_map(|&i| concepts.of_sentence[i].iter().copied())
            .collect();
        cs.sort_unstable();
        cs.dedup();
        cs.iter().map(|&c| concepts.weights[c as usize]).sum()
    }

    /// The solver's selection is one the picker accepts whole, and covers as much as the
    /// best set the picker accepts (budget and redundancy rule as the picker enforces
    /// them), found by trying every subset.
    #[test]
    fn ilp_reaches_the_brute_force_optimum() {
        let c = cluster();
        let ilp = Ilp {
            max_sentences: usize::MAX,
            ..Ilp::default()
        };
        let budgets = [
            Budget::Words(20),
            Budget::Words(35),
            Budget::Words(60),
            Budget::Words(80),
            Budget::Words(100),
            Budget::Sentences(1),
            Budget::Sentences(3),
            Budget::Sentences(6),
        ];
        // A low threshold makes sentences with different concepts conflict too.
        for (budget, threshold) in budgets.into_iter().flat_map(|b| [(b, 0.4), (b, 0.2)]) {
            let opts = Options {
                budget,
                similarity_threshold: threshold,
                compress: false,
                ..Options::default()
            };
            let prepared = Prepared::new(&c, &opts);
            let concepts = Concepts::new(&prepared, ilp.concepts);
            let mut picker = Picker::new(&prepared, budget, opts.similarity_threshold);
            // The exact solution alone must already be acceptable and optimal.
            let solution = ilp.solve(&prepared, &picker, &concepts);
            for &i in &solution {
                assert_eq!(
                    picker.offer(i),
                    Offer::Added,
                    "{budget:?}, {threshold}: {i}"
                );
            }
            let got = covered(&concepts, &solution);
            let mut full = Picker::new(&prepared, budget, opts.similarity_threshold);
            ilp.select(&prepared, &mut full);
            assert_eq!(covered(&concepts, full.chosen()), got);

            let pool: Vec<usize> = prepared
                .candidates()
                .filter(|&i| !concepts.of_sentence[i].is_empty())
                .collect();
            assert!((6..=16).contains(&pool.len()), "{} candidates", pool.len());
            let mut best = 0.0f64;
            for mask in 0u32..(1 << pool.len()) {
                let set: Vec<usize> = (0..pool.len())
                    .filter(|&k| mask >> k & 1 == 1)
                    .map(|k| pool[k])
                    .collect();
                let mut p = Picker::new(&prepared, budget, opts.similarity_threshold);
                if set.iter().all(|&i| p.offer(i) == Offer::Added) {
                    best = best.max(covered(&concepts, &set));
                }
            }
            assert!(best > 0.0, "{budget:?}, {threshold}: nothing to cover");
            assert!(
                (got - best).abs() < 1e-9,
                "{budget:?}, {threshold}: ilp {got}, best {best}"
            );
        }
    }
}
