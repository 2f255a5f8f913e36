//! Exact budgeted concept coverage by branch and bound.
//!
//! The problem (Gillick & Favre 2009): choose sentences, each holding a set of weighted
//! concepts and costing some words (or 1 under a sentence budget), so that the total
//! cost stays within a capacity, no two conflicting (redundant) sentences are both
//! chosen, and the total weight of the distinct concepts covered is maximal.
//!
//! Bound. At a node, with the concepts of the chosen sentences covered, give every
//! concept `c` still reachable a share `u_c` in `[0, w_c]`. For any completion `T` that
//! fits, `gain(T) <= sum_c (w_c - u_c) + sum_{i in T} U_i` with `U_i = sum_{c in i} u_c`:
//! a concept covered by `k >= 1` sentences of `T` is counted `(w_c - u_c) + k u_c >= w_c`
//! on the right, an uncovered one never negatively. The sum over `T` is at most the
//! fractional knapsack of the `U_i` by `U_i / cost_i`, so this is a valid bound for
//! *every* `u`. With `u = w` it is the textbook bound for monotone submodular coverage
//! under a knapsack (marginal gains as a fractional knapsack), which counts a concept
//! once per sentence holding it; with `u_c = 0` a concept is counted once, up front.
//! Minimizing over `u` is the dual of the ILP's LP relaxation; a few projected subgradient
//! steps per node (warm-started from the previous node's shares) get close to it. Since
//! any `u` is valid, the steps affect speed only, never correctness. Conflicts are
//! ignored by the bound, which only weakens it.
//!
//! Fixing. With the knapsack's slope `lambda` (the ratio of the item cut by the capacity),
//! `r_i = U_i - lambda * cost_i` bounds how much including or leaving out `i` can change
//! the bound (the LP's reduced costs), so a candidate whose inclusion (or exclusion)
//! cannot beat the incumbent is excluded (or included) without branching. When all
//! weights are multiples of a common quantum (document counts, with boosts of 1.5 or 2),
//! so is every objective value, and a node is pruned unless its bound reaches the
//! incumbent plus a whole quantum.
//!
//! Search. Depth first; the incumbent starts as the better of the budgeted greedy and the
//! best single sentence (Khuller, Moss & Naor 1999). Each node branches on the open
//! candidate first in the bound's knapsack order (best `U_i / cost_i`), including it
//! first, so the search dives along the relaxation's solution and finds the optimum
//! early; including a sentence excludes its conflicts. Candidates that no longer fit or
//! add nothing are dropped for the whole subtree (capacity only shrinks, gains only fall).
//!
//! Determinism: no clocks; the search stops after a fixed number of nodes, and every
//! tie is broken by index, so the same input gives the same output everywhere.

/// One budgeted coverage instance. Concept ids index `weights`; sentence `i` costs
/// `costs[i]`. Out-of-range ids, missing costs and non-finite or non-positive weights are
/// ignored (such a concept is worth nothing; such a sentence is never chosen).
pub(crate) struct CoverageProblem<'a, S = Vec<u32>> {
    /// Weight of each concept id.
    pub weights: &'a [f64],
    /// Concept ids each sentence holds (duplicates allowed; counted once): owned lists, or
    /// slices of lists kept elsewhere (the `ilp` rounds borrow the cluster's concepts).
    pub sentences: &'a [S],
    /// Cost of each sentence: its words, or 1 under a sentence budget.
    pub costs: &'a [usize],
    /// Total cost allowed.
    pub capacity: usize,
    /// Pairs of sentences that may not both be chosen.
    pub conflicts: &'a [(usize, usize)],
}

/// The best selection found.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CoverageSolution {
    /// Chosen sentence indices, ascending.
    pub chosen: Vec<usize>,
    /// Total weight of the distinct concepts they cover.
    pub objective: f64,
    /// True when the search finished, so no selection is better (up to rounding).
    pub optimal: bool,
    /// Search nodes expanded.
    pub nodes: u64,
}

/// Solves `problem` exactly, or returns the best selection found after `node_limit`
/// nodes (then `optimal` is false).
pub(crate) fn solve<S: AsRef<[u32]>>(
    problem: &CoverageProblem<'_, S>,
    node_limit: u64,
) -> CoverageSolution {
    let inst = Instance::new(problem);
    let mut search = Search::new(&inst);
    let optimal = search.run(node_limit);
    let mut chosen: Vec<usize> = search.best.iter().map(|&k| inst.orig[k]).collect();
    chosen.sort_unstable();
    CoverageSolution {
        objective: inst.value_of(&search.best),
        chosen,
        optimal,
        nodes: search.nodes,
    }
}

/// Subgradient steps at the root, where the shares start cold. The nodes below go on
/// improving the same shares, so a short start costs few extra nodes: 15 instead of 60
/// cut dev summarizing by 6.8% of its instructions (150 corpus clusters by 2.2%), with
/// the same summaries on both.
const ROOT_STEPS: usize = 15;
/// Subgradient steps at every other node (warm-started). 2 instead of 4: dev -4.8% of
/// summarizing's instructions, the same summaries; 1 left the bound so loose that dev
/// took 12% more.
const NODE_STEPS: usize = 2;

/// The problem restricted to useful sentences (candidates) and concepts, renumbered densely.
struct Instance {
    /// Original index of each candidate.
    orig: Vec<usize>,
    /// Cost of each candidate.
    cost: Vec<usize>,
    /// Dense concept ids of each candidate, ascending, distinct.
    concepts: Vec<Vec<u32>>,
    /// The same as a bitset over concepts.
    concept_bits: Vec<Vec<u64>>,
    /// Conflicting candidates of each candidate, as a bitset over candidates.
    conflict_bits: Vec<Vec<u64>>,
    /// Weight of each dense concept (finite, positive).
    weight: Vec<f64>,
    capacity: usize,
    /// Differences below this are rounding noise.
    eps: f64,
    /// A better selection must gain at least this much more than the incumbent: the
    /// weights' common quantum when they have one (objective values are then its
    /// multiples), else `eps`.
    improvement: f64,
}

impl Instance {
    fn new<S: AsRef<[u32]>>(p: &CoverageProblem<'_, S>) -> Instance {
        let usable = |c: u32| {
            p.weights
                .get(c as usize)
                .is_some_and(|w| w.is_finite() && *w > 0.0)
        };
        let mut self_conflict = vec![false; p.sentences.len()];
        for &(a, b) in p.conflicts {
            if a == b {
                if let Some(s) = self_conflict.get_mut(a) {
                    *s = true;
                }
            }
        }
        // Dense id of each problem concept plus one (0: not numbered yet), by concept id:
        // usable concepts index `p.weights`, so a vector holds them (a map keyed by
        // concept, with the standard library's SipHash, was a fifth of building this).
        let mut dense: Vec<u32> = vec![0; p.weights.len()];
        let mut weight = Vec::new();
        let mut orig = Vec::new();
        let mut cost = Vec::new();
        let mut concepts = Vec::new();
        for (i, held) in p.sentences.iter().enumerate() {
            let Some(&c) = p.costs.get(i) else { continue };
            if c > p.capacity || self_conflict[i] {
                continue;
            }
            let mut mine: Vec<u32> = held
                .as_ref()
                .iter()
                .copied()
                .filter(|&c| usable(c))
                .collect();
            if mine.is_empty() {
                continue;
            }
            mine.sort_unstable();
            mine.dedup();
            let mine = mine
                .into_iter()
                .map(|c| {
                    // `usable` kept only concepts that index `p.weights`.
                    let slot = &mut dense[c as usize];
                    if *slot == 0 {
                        weight.push(p.weights[c as usize]);
                        *slot = weight.len() as u32;
                    }
                    *slot - 1
                })
                .collect::<Vec<u32>>();
            let mut mine = mine;
            mine.sort_unstable();
            orig.push(i);
            cost.push(c);
            concepts.push(mine);
        }
        let m = weight.len();
        let concept_bits = concepts
            .iter()
            .map(|cs: &Vec<u32>| {
                let mut b = zeros(m);
                for &c in cs {
                    set(&mut b, c as usize);
                }
                b
            })
            .collect();
        let n = orig.len();
        let mut position = vec![usize::MAX; p.sentences.len()];
        for (k, &i) in orig.iter().enumerate() {
            position[i] = k;
        }
        let mut conflict_bits = vec![zeros(n); n];
        for &(a, b) in p.conflicts {
            let (Some(&ka), Some(&kb)) = (position.get(a), position.get(b)) else {
                continue;
            };
            if ka < n && kb < n && ka != kb {
                set(&mut conflict_bits[ka], kb);
                set(&mut conflict_bits[kb], ka);
            }
        }
        let total: f64 = weight.iter().sum();
        let eps = 1e-9 * (1.0 + total);
        let improvement = quantum(&weight, total).map_or(eps, |q| (q - eps).max(eps));
        Instance {
            orig,
            cost,
            concepts,
            concept_bits,
            conflict_bits,
            weight,
            capacity: p.capacity,
            eps: 1e-9 * (1.0 + total),
            improvement,
        }
    }

    fn n(&self) -> usize {
        self.orig.len()
    }

    /// Weight of the distinct concepts of a set of candidates, summed in concept order so
    /// the same set always gives the same number.
    fn value_of(&self, set: &[usize]) -> f64 {
        let mut covered = zeros(self.weight.len());
        for &k in set {
            or_into(&mut covered, &self.concept_bits[k]);
        }
        ones(&covered).map(|c| self.weight[c]).sum()
    }

    /// Weight of candidate `k`'s concepts outside `covered`.
    fn gain(&self, k: usize, covered: &[u64]) -> f64 {
        self.concepts[k]
            .iter()
            .filter(|&&c| !get(covered, c as usize))
            .map(|&c| self.weight[c as usize])
            .sum()
    }

    /// The budgeted greedy (best gain per cost, conflicts respected), or the best single
    /// candidate if that is worth more (Khuller, Moss & Naor 1999).
    fn initial(&self) -> Vec<usize> {
        let n = self.n();
        let mut covered = zeros(self.weight.len());
        let mut blocked = zeros(n);
        let mut left = self.capacity;
        let mut greedy = Vec::new();
        loop {
            let mut best: Option<(usize, f64)> = None;
            for k in 0..n {
                if get(&blocked, k) || self.cost[k] > left {
                    continue;
                }
                let g = self.gain(k, &covered);
                if g <= 0.0 {
                    continue;
                }
                if best.is_none_or(|(b, bg)| better_ratio(g, self.cost[k], bg, self.cost[b])) {
                    best = Some((k, g));
                }
            }
            let Some((k, _)) = best else { break };
            greedy.push(k);
            left -= self.cost[k];
            or_into(&mut covered, &self.concept_bits[k]);
            set(&mut blocked, k);
            or_into(&mut blocked, &self.conflict_bits[k]);
        }
        let empty = zeros(self.weight.len());
        let single = (0..n).map(|k| (k, self.gain(k, &empty))).fold(
            None,
            |best: Option<(usize, f64)>, (k, g)| match best {
                Some((_, bg)) if bg >= g => best,
                _ => Some((k, g)),
            },
        );
        match single {
            Some((k, g)) if g > self.value_of(&greedy) + self.eps => vec![k],
            _ => greedy,
        }
    }
}

/// The largest `q` such that every weight is a whole multiple of it, if the weights are
/// multiples of 1/16 summing below 2^40 (so every sum of them is exact in `f64`).
fn quantum(weights: &[f64], total: f64) -> Option<f64> {
    const SCALE: f64 = 16.0;
    if total.is_nan() || total >= (1u64 << 40) as f64 {
        return None;
    }
    let mut g: u64 = 0;
    for &w in weights {
        let x = w * SCALE;
        if x.fract() != 0.0 {
            return None;
        }
        g = gcd(g, x as u64);
    }
    (g > 0).then(|| g as f64 / SCALE)
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// True when `ga / ca` is strictly better than `gb / cb` (a zero cost is the best ratio;
/// gains are positive).
fn better_ratio(ga: f64, ca: usize, gb: f64, cb: usize) -> bool {
    ga * cb as f64 > gb * ca as f64
}

/// One search node: what is decided so far.
struct Node {
    /// Chosen candidates, in choice order.
    chosen: Vec<usize>,
    /// Candidates still open (undecided and not excluded).
    open: Vec<u64>,
    /// Concepts covered by `chosen`.
    covered: Vec<u64>,
    /// Capacity left.
    left: usize,
    /// Weight covered by `chosen`.
    value: f64,
}

/// The branch-and-bound state, with scratch buffers reused across nodes.
struct Search<'i> {
    inst: &'i Instance,
    best: Vec<usize>,
    best_value: f64,
    nodes: u64,
    /// Concept shares of the bound, kept across nodes as a warm start.
    share: Vec<f64>,
    /// Scratch: per-concept accumulated fractions; marks of reachable concepts.
    load: Vec<f64>,
    reach: Vec<bool>,
    /// Scratch: the open items at a node: candidate, marginal gain, range in `flat`.
    items: Vec<(usize, f64, usize, usize)>,
    /// Scratch: uncovered concepts of the open items, concatenated.
    flat: Vec<u32>,
    /// Scratch: reachable concepts.
    active: Vec<u32>,
    /// Scratch: per item, the share sum and the fractional-knapsack fraction; the order.
    item_share: Vec<f64>,
    fraction: Vec<f64>,
    order: Vec<(f64, usize)>,
    /// Items the last knapsack took whole.
    taken: usize,
    /// From the last evaluation: the up-front remainders and the knapsack slope.
    upfront: f64,
    lambda: f64,
}

impl<'i> Search<'i> {
    fn new(inst: &'i Instance) -> Search<'i> {
        let best = inst.initial();
        let best_value = inst.value_of(&best);
        let m = inst.weight.len();
        Search {
            inst,
            best,
            best_value,
            nodes: 0,
            share: inst.weight.clone(),
            load: vec![0.0; m],
            reach: vec![false; m],
            items: Vec::new(),
            flat: Vec::new(),
            active: Vec::new(),
            item_share: Vec::new(),
            fraction: Vec::new(),
            order: Vec::new(),
            taken: 0,
            upfront: 0.0,
            lambda: 0.0,
        }
    }

    /// Searches until done (returns true) or until `node_limit` nodes were expanded.
    fn run(&mut self, node_limit: u64) -> bool {
        let n = self.inst.n();
        let mut open = zeros(n);
        for k in 0..n {
            set(&mut open, k);
        }
        let mut stack = vec![Node {
            chosen: Vec::new(),
            open,
            covered: zeros(self.inst.weight.len()),
            left: self.inst.capacity,
            value: 0.0,
        }];
        while let Some(node) = stack.pop() {
            if self.nodes >= node_limit {
                return false;
            }
            self.nodes += 1;
            self.expand(node, &mut stack);
        }
        true
    }

    fn expand(&mut self, mut node: Node, stack: &mut Vec<Node>) {
        let inst = self.inst;
        if node.value > self.best_value + inst.eps {
            self.best_value = node.value;
            self.best.clone_from(&node.chosen);
        }
        // The open candidates that still fit and still add something.
        self.items.clear();
        self.flat.clear();
        for w in 0..node.open.len() {
            let mut word = node.open[w];
            while word != 0 {
                let k = w * 64 + word.trailing_zeros() as usize;
                word &= word - 1;
                self.gather(k, &mut node);
            }
        }
        if self.items.is_empty() {
            return;
        }
        // A completion must gain more than this to beat the incumbent.
        let target = self.best_value + inst.improvement - node.value;
        let steps = if self.nodes == 1 {
            ROOT_STEPS
        } else {
            NODE_STEPS
        };
        if self.bound(node.left, target, steps) <= target {
            return;
        }
        // Reduced-cost fixing with the last shares and their knapsack slope `lambda`: for
        // any lambda >= 0, a completion T gains at most
        // upfront + lambda * left + sum_{i in T} (U_i - lambda * cost_i), so
        // `d + min(0, r_j)` bounds completions holding j and `d - max(0, r_j)` those
        // without it, where r_j = U_j - lambda * cost_j and
        // d = upfront + lambda * left + sum_i max(0, r_i).
        let lambda = self.lambda;
        let reduced =
            |j: usize, this: &Self| this.item_share[j] - lambda * inst.cost[this.items[j].0] as f64;
        let mut d = self.upfront + lambda * node.left as f64;
        for j in 0..self.items.len() {
            d += reduced(j, self).max(0.0);
        }
        let mut forced = None;
        let mut fallback: Option<(usize, f64)> = None;
        for j in 0..self.items.len() {
            let (k, g, _, _) = self.items[j];
            let r = reduced(j, self);
            if d + r.min(0.0) <= target {
                // No improving completion holds k.
                clear(&mut node.open, k);
                continue;
            }
            if forced.is_none() && d - r.max(0.0) <= target {
                // Every improving completion holds k.
                forced = Some((k, g));
            }
            if fallback.is_none_or(|(b, bg)| better_ratio(g, inst.cost[k], bg, inst.cost[b])) {
                fallback = Some((k, g));
            }
        }
        // Branch on the open candidate with the best share sum per cost, the first in the
        // bound's knapsack order (ties: lowest candidate), so the search dives along the
        // relaxation's solution; the best marginal gain per cost if no share is left.
        let lp_first = self.order.iter().find_map(|&(_, j)| {
            let (k, g, _, _) = self.items[j];
            get(&node.open, k).then_some((k, g))
        });
        let Some((b, gain)) = forced.or(lp_first).or(fallback) else {
            return;
        };
        clear(&mut node.open, b);
        let mut with = Node {
            chosen: node.chosen.clone(),
            open: node.open.clone(),
            covered: node.covered.clone(),
            left: node.left - inst.cost[b],
            value: node.value + gain,
        };
        with.chosen.push(b);
        and_not(&mut with.open, &inst.conflict_bits[b]);
        or_into(&mut with.covered, &inst.concept_bits[b]);
        // Exclude below include, so include is explored first; a forced candidate has no
        // exclude branch worth exploring.
        if forced.is_none() {
            stack.push(node);
        }
        stack.push(with);
    }

    /// Adds open candidate `k` to the items if it fits and still gains something, and
    /// closes it otherwise: below this node capacity only shrinks and gains only fall.
    fn gather(&mut self, k: usize, node: &mut Node) {
        let inst = self.inst;
        let start = self.flat.len();
        let mut g = 0.0;
        if inst.cost[k] <= node.left {
            for &c in &inst.concepts[k] {
                if !get(&node.covered, c as usize) {
                    g += inst.weight[c as usize];
                    self.flat.push(c);
                }
            }
        }
        if g > 0.0 {
            self.items.push((k, g, start, self.flat.len()));
        } else {
            self.flat.truncate(start);
            clear(&mut node.open, k);
        }
    }

    /// Upper bound on the gain of any completion from the items gathered by `expand`,
    /// minimized over a few subgradient steps on the concept shares; stops early once it
    /// is at most `target`.
    fn bound(&mut self, left: usize, target: f64, steps: usize) -> f64 {
        let inst = self.inst;
        self.active.clear();
        for &c in &self.flat {
            if !self.reach[c as usize] {
                self.reach[c as usize] = true;
                self.active.push(c);
            }
        }
        for &c in &self.active {
            self.reach[c as usize] = false;
        }
        let mut best = f64::INFINITY;
        let mut theta = 1.0;
        let mut stale = 0;
        let steps = steps.max(1);
        for step in 0..steps {
            let d = self.dual_value(left);
            let improved = d < best - inst.eps;
            best = best.min(d);
            if improved {
                stale = 0;
            } else {
                stale += 1;
                if stale >= 2 {
                    theta *= 0.5;
                    stale = 0;
                }
            }
            if best <= target || step + 1 == steps {
                break;
            }
            // Subgradient of the bound in the shares: (fraction of holders taken) - 1,
            // projected onto the box [0, w].
            for &c in &self.active {
                self.load[c as usize] = -1.0;
            }
            for (j, &(_, _, s, e)) in self.items.iter().enumerate() {
                let f = self.fraction[j];
                if f > 0.0 {
                    for &c in &self.flat[s..e] {
                        self.load[c as usize] += f;
                    }
                }
            }
            let mut norm = 0.0;
            for &c in &self.active {
                let c = c as usize;
                let g = self.load[c];
                let u = self.share[c];
                if (g > 0.0 && u <= 0.0) || (g < 0.0 && u >= inst.weight[c]) {
                    self.load[c] = 0.0;
                } else {
                    norm += g * g;
                }
            }
            if norm <= 0.0 {
                break;
            }
            let t = theta * (d - target).max(inst.eps) / norm;
            for &c in &self.active {
                let c = c as usize;
                self.share[c] = (self.share[c] - t * self.load[c]).clamp(0.0, inst.weight[c]);
            }
        }
        best
    }

    /// The bound for the current shares: the up-front remainders plus the fractional
    /// knapsack of the items' share sums; records each item's fraction.
    fn dual_value(&mut self, left: usize) -> f64 {
        let inst = self.inst;
        let mut upfront = 0.0;
        for &c in &self.active {
            upfront += inst.weight[c as usize] - self.share[c as usize];
        }
        self.item_share.clear();
        self.fraction.clear();
        self.order.clear();
        for (j, &(k, _, s, e)) in self.items.iter().enumerate() {
            let u: f64 = self.flat[s..e]
                .iter()
                .map(|&c| self.share[c as usize])
                .sum();
            self.item_share.push(u);
            self.fraction.push(0.0);
            if u > 0.0 {
                let ratio = match inst.cost[k] {
                    0 => f64::INFINITY,
                    c => u / c as f64,
                };
                self.order.push((ratio, j));
            }
        }
        // Best ratio first, ties by item (= candidate) index. The knapsack usually takes
        // only a few items, so only a prefix a little longer than last time's is sorted,
        // and the rest only if the prefix does not fill the capacity.
        let by_ratio = |a: &(f64, usize), b: &(f64, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        let len = self.order.len();
        let prefix = (self.taken + 4).min(len);
        if prefix < len && prefix > 0 {
            self.order.select_nth_unstable_by(prefix - 1, by_ratio);
            self.order[..prefix].sort_unstable_by(by_ratio);
        } else {
            self.order.sort_unstable_by(by_ratio);
        }
        let mut room = left as f64;
        let mut total = upfront;
        // The slope of the knapsack value in the capacity: the ratio of the first item
        // that does not fit whole, or 0 when everything fits.
        self.upfront = upfront;
        self.lambda = 0.0;
        self.taken = 0;
        let mut at = 0;
        while at < len {
            if at == prefix && prefix < len {
                self.order[prefix..].sort_unstable_by(by_ratio);
            }
            let (ratio, j) = self.order[at];
            at += 1;
            let c = inst.cost[self.items[j].0] as f64;
            if c <= room {
                room -= c;
                total += self.item_share[j];
                self.fraction[j] = 1.0;
                self.taken += 1;
            } else {
                let f = room / c;
                total += self.item_share[j] * f;
                self.fraction[j] = f;
                self.lambda = ratio;
                break;
            }
        }
        total
    }
}

fn zeros(bits: usize) -> Vec<u64> {
    vec![0; bits.div_ceil(64)]
}

fn set(b: &mut [u64], i: usize) {
    if let Some(w) = b.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

fn clear(b: &mut [u64], i: usize) {
    if let Some(w) = b.get_mut(i / 64) {
        *w &= !(1 << (i % 64));
    }
}

fn get(b: &[u64], i: usize) -> bool {
    b.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
}

fn or_into(a: &mut [u64], b: &[u64]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x |= y;
    }
}

fn and_not(a: &mut [u64], b: &[u64]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x &= !y;
    }
}

/// Indices of the set bits, ascending.
fn ones(b: &[u64]) -> impl Iterator<Item = usize> + '_ {
    b.iter().enumerate().flat_map(|(w, &word)| {
        let mut word = word;
        std::iter::from_fn(move || {
            if word == 0 {
                return None;
            }
            let t = word.trailing_zeros() as usize;
            word &= word - 1;
            Some(w * 64 + t)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (SplitMix64), so the instances are the same on
    /// every machine.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        /// Uniform in `lo..=hi`.
        fn range(&mut self, lo: usize, hi: usize) -> usize {
            lo + (self.next() % (hi - lo + 1) as u64) as usize
        }

        fn unit(&mut self) -> f64 {
            (self.next() >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    struct Owned {
        weights: Vec<f64>,
        sentences: Vec<Vec<u32>>,
        costs: Vec<usize>,
        capacity: usize,
        conflicts: Vec<(usize, usize)>,
    }

    impl Owned {
        fn problem(&self) -> CoverageProblem<'_> {
            CoverageProblem {
                weights: &self.weights,
                sentences: &self.sentences,
                costs: &self.costs,
                capacity: self.capacity,
                conflicts: &self.conflicts,
            }
        }
    }

    /// A random instance: concepts shared by several sentences (as bigrams are across
    /// news articles), word or sentence budgets, random conflicts.
    fn random(rng: &mut Rng, n: usize) -> Owned {
        let m = rng.range(3, 40);
        // Whole numbers, multiples of 1.5 (as document counts with a lead boost are), or
        // arbitrary reals: the first two let the search prune by the weights' quantum.
        let kind = rng.range(0, 2);
        let weights = (0..m)
            .map(|_| match (rng.range(0, 9), kind) {
                (0, _) => 0.0,
                (_, 0) => rng.range(1, 6) as f64,
                (_, 1) => 1.5 * rng.range(1, 6) as f64,
                _ => 0.1 + 3.0 * rng.unit(),
            })
            .collect();
        let sentences = (0..n)
            .map(|_| {
                let k = rng.range(0, 8);
                (0..k).map(|_| rng.range(0, m - 1) as u32).collect()
            })
            .collect();
        let words = rng.range(0, 1) == 0;
        let costs: Vec<usize> = (0..n)
            .map(|_| if words { rng.range(1, 30) } else { 1 })
            .collect();
        let capacity = if words {
            rng.range(0, 90)
        } else {
            rng.range(0, 6)
        };
        let density = rng.unit() * 0.3;
        let mut conflicts = Vec::new();
        for a in 0..n {
            for b in (a + 1)..n {
                if rng.unit() < density {
                    conflicts.push((a, b));
                }
            }
        }
        Owned {
            weights,
            sentences,
            costs,
            capacity,
            conflicts,
        }
    }

    /// Covered weight of a set, or `None` if it breaks the budget or a conflict.
    fn evaluate(p: &CoverageProblem<'_>, set: &[usize]) -> Option<f64> {
        let cost: usize = set.iter().map(|&i| p.costs[i]).sum();
        if cost > p.capacity {
            return None;
        }
        if p.conflicts
            .iter()
            .any(|&(a, b)| set.contains(&a) && set.contains(&b))
        {
            return None;
        }
        let mut concepts: Vec<u32> = set
            .iter()
            .flat_map(|&i| p.sentences[i].iter().copied())
            .collect();
        concepts.sort_unstable();
        concepts.dedup();
        Some(
            concepts
                .iter()
                .filter_map(|&c| p.weights.get(c as usize))
                .filter(|w| w.is_finite() && **w > 0.0)
                .sum(),
        )
    }

    /// The optimum by trying every subset.
    fn brute_force(p: &CoverageProblem<'_>) -> f64 {
        let n = p.sentences.len();
        let mut best = 0.0f64;
        for mask in 0u32..(1 << n) {
            let set: Vec<usize> = (0..n).filter(|&i| mask >> i & 1 == 1).collect();
            if let Some(v) = evaluate(p, &set) {
                best = best.max(v);
            }
        }
        best
    }

    fn assert_consistent(p: &CoverageProblem<'_>, s: &CoverageSolution) {
        assert!(s.chosen.windows(2).all(|w| w[0] < w[1]), "{:?}", s.chosen);
        let v = evaluate(p, &s.chosen).expect("solution is feasible");
        assert!((v - s.objective).abs() < 1e-9, "{v} vs {}", s.objective);
    }

    #[test]
    fn equals_brute_force_on_random_instances() {
        let mut rng = Rng(20_091_206);
        let mut greedy_beaten = 0;
        for case in 0..300 {
            let n = rng.range(1, 14);
            let owned = random(&mut rng, n);
            let p = owned.problem();
            let s = solve(&p, u64::MAX);
            let exact = brute_force(&p);
            assert!(s.optimal, "case {case}: not proven optimal");
            assert_consistent(&p, &s);
            assert!(
                (s.objective - exact).abs() <= 1e-9 * (1.0 + exact),
                "case {case}: solver {} vs brute force {exact}",
                s.objective
            );
            let inst = Instance::new(&p);
            if inst.value_of(&inst.initial()) < exact - 1e-9 {
                greedy_beaten += 1;
            }
        }
        // The instances must be hard enough that the search, not the start, finds the optimum.
        assert!(
            greedy_beaten >= 20,
            "only {greedy_beaten} instances beat greedy"
        );
    }

    #[test]
    fn proves_optimality_on_pool_sized_instances() {
        let mut rng = Rng(7);
        for case in 0..10 {
            let mut owned = random(&mut rng, 60);
            owned.capacity = 100 + 20 * case;
            let p = owned.problem();
            let s = solve(&p, 2_000_000);
            assert!(s.optimal, "case {case}: {} nodes", s.nodes);
            assert_consistent(&p, &s);
            let inst = Instance::new(&p);
            assert!(s.objective + 1e-9 >= inst.value_of(&inst.initial()));
        }
    }

    #[test]
    fn quantum_is_the_weights_common_step() {
        assert_eq!(quantum(&[1.5, 3.0, 4.5], 9.0), Some(1.5));
        assert_eq!(quantum(&[2.0, 3.0], 5.0), Some(1.0));
        assert_eq!(quantum(&[0.5, 2.0], 2.5), Some(0.5));
        assert_eq!(quantum(&[1.0, 0.1], 1.1), None);
        assert_eq!(quantum(&[1e300], 1e300), None);
        assert_eq!(quantum(&[], 0.0), None);
    }

    #[test]
    fn best_single_sentence_beats_greedy_when_greedy_starts_small() {
        // Greedy takes the cheap sentence first (ratio 2 > 1) and then nothing fits.
        let owned = Owned {
            weights: vec![2.0, 10.0],
            sentences: vec![vec![0], vec![1]],
            costs: vec![1, 10],
            capacity: 10,
            conflicts: vec![],
        };
        let s = solve(&owned.problem(), 0);
        assert_eq!(s.chosen, vec![1]);
        assert!(!s.optimal, "no node was allowed, so nothing is proven");
        let s = solve(&owned.problem(), u64::MAX);
        assert_eq!((s.chosen, s.objective, s.optimal), (vec![1], 10.0, true));
    }

    #[test]
    fn conflicts_and_overlap_are_respected() {
        // 0 and 1 together cover everything but conflict; 2 overlaps 0 completely.
        let owned = Owned {
            weights: vec![3.0, 3.0, 1.0],
            sentences: vec![vec![0, 2], vec![1], vec![0, 2, 2], vec![1, 2]],
            costs: vec![2, 2, 2, 3],
            capacity: 5,
            conflicts: vec![(0, 1)],
        };
        let s = solve(&owned.problem(), u64::MAX);
        assert_eq!((s.chosen, s.objective, s.optimal), (vec![0, 3], 7.0, true));
    }

    #[test]
    fn edge_cases_do_not_panic() {
        let cases = [
            // Empty pool.
            (
                Owned {
                    weights: vec![],
                    sentences: vec![],
                    costs: vec![],
                    capacity: 10,
                    conflicts: vec![],
                },
                vec![],
                0.0,
            ),
            // Zero capacity: only a free sentence fits.
            (
                Owned {
                    weights: vec![1.0, 2.0],
                    sentences: vec![vec![0], vec![1]],
                    costs: vec![0, 1],
                    capacity: 0,
                    conflicts: vec![],
                },
                vec![0],
                1.0,
            ),
            // Zero, negative, NaN and infinite weights are worth nothing.
            (
                Owned {
                    weights: vec![0.0, -1.0, f64::NAN, f64::INFINITY],
                    sentences: vec![vec![0, 1], vec![2, 3]],
                    costs: vec![1, 1],
                    capacity: 5,
                    conflicts: vec![],
                },
                vec![],
                0.0,
            ),
            // Every sentence longer than the capacity.
            (
                Owned {
                    weights: vec![1.0],
                    sentences: vec![vec![0], vec![0]],
                    costs: vec![6, 7],
                    capacity: 5,
                    conflicts: vec![],
                },
                vec![],
                0.0,
            ),
            // Unknown concept ids, missing costs, conflicts naming no sentence, a sentence
            // in conflict with itself.
            (
                Owned {
                    weights: vec![1.0, 4.0],
                    sentences: vec![vec![0, 99], vec![1], vec![0], vec![1]],
                    costs: vec![1, 1, 1],
                    capacity: 5,
                    conflicts: vec![(0, 50), (50, 60), (1, 1)],
                },
                vec![0],
                1.0,
            ),
        ];
        for (k, (owned, chosen, objective)) in cases.iter().enumerate() {
            let s = solve(&owned.problem(), u64::MAX);
            assert_eq!(&s.chosen, chosen, "case {k}");
            assert_eq!(s.objective, *objective, "case {k}");
            assert!(s.optimal, "case {k}");
        }
    }

    #[test]
    fn node_limit_gives_a_feasible_answer_and_the_same_one_every_time() {
        let mut rng = Rng(99);
        for _ in 0..20 {
            let owned = random(&mut rng, 40);
            let p = owned.problem();
            for limit in [0, 1, 5, 50] {
                let a = solve(&p, limit);
                assert_consistent(&p, &a);
                assert!(a.nodes <= limit);
                assert_eq!(a, solve(&p, limit));
            }
        }
    }
}
