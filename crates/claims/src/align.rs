//! Alignment: figures about the same thing and the same quote across documents are
//! grouped, and each group is judged `agree`, `update` or `conflict`.
//!
//! Figures are grouped by what they count and the outcome ("people" + "killed"), and
//! only when their sentences share enough context words to be about the same event, so
//! that a cluster mentioning two disasters does not pit one toll against the other.
//! Quotes are grouped by their words (an aligned run of at least four) and compared word
//! for word inside the stretch both outlets quote, so different excerpts of one
//! statement agree and one changed word does not.

use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};

use chorus_model::{Cluster, Span};

use crate::report::{ClaimKind, Group, Report, Value, Verdict, Witness};
use crate::scan::{tokens, Kind};
use crate::DocClaims;

/// Tuning of the alignment; the defaults are what the benchmark was measured with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlignOptions {
    /// Content words near two figures they must share to be about the same event.
    pub min_shared_context: usize,
    /// ... and the share of the smaller of the two word sets that must be shared.
    pub min_context_overlap: f64,
    /// A context word near figures in more than this share of the documents is the
    /// cluster's topic and does not count as shared context.
    pub topic_share: f64,
    /// Similarity (Jaccard of adjacent word pairs) above which two sentences are one
    /// wire story reprinted: one origin, not two witnesses.
    pub wire_copy_similarity: f64,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            min_shared_context: 3,
            min_context_overlap: 0.3,
            topic_share: 0.3,
            wire_copy_similarity: 0.6,
        }
    }
}

pub(crate) fn hash<T: Hash + ?Sized>(s: &T) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// The pairs of adjacent words of a sentence (lowercase), hashed, sorted and unique: two
/// sentences share most of them only when one is a copy of the other, word order and all.
fn word_pairs(text: &str, span: Span) -> Vec<u64> {
    let words: Vec<String> = tokens(text, span)
        .iter()
        .filter(|t| t.kind != Kind::Punct)
        .filter_map(|t| t.span.slice(text))
        .map(|w| w.to_lowercase())
        .collect();
    let mut out: Vec<u64> = words
        .windows(2)
        .map(|p| hash(&(p[0].as_str(), p[1].as_str())))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Sentences' word pairs, computed once per (document, sentence).
struct Contexts<'a> {
    cluster: &'a Cluster,
    cache: FxHashMap<(usize, Span), Vec<u64>>,
}

impl<'a> Contexts<'a> {
    fn get(&mut self, doc: usize, span: Span) -> &[u64] {
        let text = &self.cluster.documents[doc].text;
        self.cache
            .entry((doc, span))
            .or_insert_with(|| word_pairs(text, span))
    }

    /// The word pairs of each witness's sentence, computed (once) first.
    fn all(&mut self, witnesses: &[(usize, Span)]) -> Vec<&[u64]> {
        for &(doc, span) in witnesses {
            self.get(doc, span);
        }
        witnesses
            .iter()
            .map(|w| self.cache.get(w).map_or(&[][..], Vec::as_slice))
            .collect()
    }
}

/// Two sentences' word pairs make them one wire story: their Jaccard similarity is at
/// least `threshold` (and they have word pairs at all).
fn wire_copies(x: &[u64], y: &[u64], threshold: f64) -> bool {
    let n = shared(x, y);
    let union = x.len() + y.len() - n;
    union > 0 && n as f64 / union as f64 >= threshold
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind((0..n).collect())
    }
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        // The smaller index is the root, so groups come out the same on every run.
        match a.cmp(&b) {
            std::cmp::Ordering::Less => self.0[b] = a,
            std::cmp::Ordering::Greater => self.0[a] = b,
            std::cmp::Ordering::Equal => {}
        }
    }
    /// The groups of more than one member, each ascending (so its first member is its
    /// root), in order of their first members.
    fn components(&mut self, n: usize) -> Vec<Vec<usize>> {
        let mut by_root: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for i in 0..n {
            let r = self.find(i);
            by_root.entry(r).or_default().push(i);
        }
        let mut out: Vec<Vec<usize>> = by_root.into_values().filter(|g| g.len() > 1).collect();
        out.sort_unstable();
        out
    }
}

/// Counts the origins among witnesses: witnesses in one document, and wire copies
/// (near-identical sentences), are one.
///
/// Comparing every two witnesses grew with the square of a group, and a big cluster's
/// groups hold thousands. Identical sentences are one copy without comparing them, and the
/// rest are compared only when their rarest word pairs meet: two sets whose Jaccard
/// similarity reaches `t` share at least `t` times the larger's size, so with each set's
/// pairs ranked rarest first, their first `size - ceil(t * size) + 1` pairs always meet
/// (prefix filtering; Chaudhuri, Ganti & Kaushik 2006, "A Primitive Operator for
/// Similarity Joins in Data Cleaning", ICDE). The count is that of the all-pairs test.
fn origins(ctx: &mut Contexts<'_>, witnesses: &[(usize, Span)], threshold: f64) -> usize {
    let m = witnesses.len();
    let mut uf = UnionFind::new(m);
    let mut first_in_doc: FxHashMap<usize, usize> = FxHashMap::default();
    for (k, &(doc, _)) in witnesses.iter().enumerate() {
        let first = *first_in_doc.entry(doc).or_insert(k);
        uf.union(first, k);
    }
    let sets = ctx.all(witnesses);
    if !(threshold > 0.0 && threshold <= 1.0) {
        // Every two sentences with any word pairs are copies (a threshold of 0 or less),
        // or none are (above 1): nothing to gain from an index.
        for i in 0..m {
            for j in i + 1..m {
                if wire_copies(sets[i], sets[j], threshold) {
                    uf.union(i, j);
                }
            }
        }
        return (0..m).filter(|&i| uf.find(i) == i).count();
    }
    // Witnesses with the same word pairs are copies (similarity 1); one stands for all.
    let mut class_of: FxHashMap<&[u64], usize> = FxHashMap::default();
    let mut classes: Vec<usize> = Vec::new();
    for (k, set) in sets.iter().enumerate() {
        if set.is_empty() {
            continue;
        }
        match class_of.get(set) {
            Some(&c) => uf.union(classes[c], k),
            None => {
                class_of.insert(set, classes.len());
                classes.push(k);
            }
        }
    }
    let mut freq: FxHashMap<u64, u32> = FxHashMap::default();
    for &k in &classes {
        for &p in sets[k] {
            *freq.entry(p).or_default() += 1;
        }
    }
    let mut index: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    let mut seen = vec![usize::MAX; classes.len()];
    let mut ranked: Vec<(u32, u64)> = Vec::new();
    for (c, &k) in classes.iter().enumerate() {
        let set = sets[k];
        ranked.clear();
        ranked.extend(set.iter().map(|&p| (freq.get(&p).copied().unwrap_or(0), p)));
        ranked.sort_unstable();
        // Pairs any copy must share: at least `threshold` times this set's size (a hair
        // less, so that rounding can only lengthen the prefix).
        let need = ((threshold * set.len() as f64 - 1e-9).ceil() as usize).clamp(1, set.len());
        let prefix = &ranked[..set.len() - need + 1];
        for &(_, p) in prefix {
            for &d in index.get(&p).map_or(&[][..], Vec::as_slice) {
                if seen[d] != c {
                    seen[d] = c;
                    if wire_copies(set, sets[classes[d]], threshold) {
                        uf.union(classes[d], k);
                    }
                }
            }
        }
        for &(_, p) in prefix {
            index.entry(p).or_default().push(c);
        }
    }
    (0..m).filter(|&i| uf.find(i) == i).count()
}

/// Dates compare as strings: ISO 8601 sorts correctly. A pair is an update when both are
/// dated, the dates differ and the later one carries the larger value.
fn is_update(cluster: &Cluster, a: (usize, f64, f64), b: (usize, f64, f64)) -> bool {
    let (Some(da), Some(db)) = (
        cluster.documents[a.0].date.as_deref(),
        cluster.documents[b.0].date.as_deref(),
    ) else {
        return false;
    };
    match da.cmp(db) {
        std::cmp::Ordering::Less => b.1 > a.2,
        std::cmp::Ordering::Greater => a.1 > b.2,
        std::cmp::Ordering::Equal => false,
    }
}

/// Aligns the claims of every document of `cluster` (one [`DocClaims`] per document).
pub fn align(cluster: &Cluster, claims: &[DocClaims], opts: &AlignOptions) -> Report {
    let mut ctx = Contexts {
        cluster,
        cache: FxHashMap::default(),
    };
    let mut groups = align_figures(cluster, claims, opts, &mut ctx);
    groups.extend(align_quotes(cluster, claims, opts, &mut ctx));
    Report { groups }
}

/// A claim by (document, index in that document's list).
type Member = (usize, usize);

fn align_figures(
    cluster: &Cluster,
    claims: &[DocClaims],
    opts: &AlignOptions,
    ctx: &mut Contexts<'_>,
) -> Vec<Group> {
    let mut buckets: std::collections::BTreeMap<(&str, Option<&str>), Vec<Member>> =
        Default::default();
    for (d, c) in claims.iter().enumerate() {
        for (i, f) in c.figures.iter().enumerate() {
            buckets
                .entry((f.what.as_str(), f.event))
                .or_default()
                .push((d, i));
        }
    }
    // Context words near figures in many documents are the cluster's topic ("virus",
    // "tribe"), not evidence that two figures report one event.
    let mut df: FxHashMap<u64, usize> = FxHashMap::default();
    for c in claims {
        let mut words: Vec<u64> = c
            .figures
            .iter()
            .flat_map(|f| f.context.iter().copied())
            .collect();
        words.sort_unstable();
        words.dedup();
        for w in words {
            *df.entry(w).or_default() += 1;
        }
    }
    // A small cluster is one story: all its words may be evidence.
    let common = ((claims.len() as f64 * opts.topic_share).ceil() as usize).max(5);
    let specific = |ctx: &[u64]| -> Vec<u64> {
        ctx.iter()
            .copied()
            .filter(|w| df.get(w).copied().unwrap_or(0) <= common)
            .collect()
    };
    let contexts: Vec<Vec<Vec<u64>>> = claims
        .iter()
        .map(|c| c.figures.iter().map(|f| specific(&f.context)).collect())
        .collect();
    let mut out = Vec::new();
    for ((what, event), members) in buckets {
        if members.iter().all(|m| m.0 == members[0].0) {
            continue;
        }
        let fig = |m: (usize, usize)| &claims[m.0].figures[m.1];
        let mut uf = UnionFind::new(members.len());
        let mut links: Vec<(usize, usize)> = Vec::new();
        for i in 0..members.len() {
            for j in i + 1..members.len() {
                let (a, b) = (members[i], members[j]);
                if a.0 == b.0 {
                    continue;
                }
                let (ca, cb) = (&contexts[a.0][a.1], &contexts[b.0][b.1]);
                let n = shared(ca, cb);
                let smaller = ca.len().min(cb.len()).max(1);
                if n >= opts.min_shared_context
                    && n as f64 / smaller as f64 >= opts.min_context_overlap
                {
                    uf.union(i, j);
                    links.push((i, j));
                }
            }
        }
        // What each group's links say, found once per link rather than once per link
        // and group: (conflict, update) by the group's root, its smallest member.
        let mut said: FxHashMap<usize, (bool, bool)> = FxHashMap::default();
        for &(i, j) in &links {
            let (a, b) = (fig(members[i]), fig(members[j]));
            if a.compatible(b) || a.ambiguous || b.ambiguous {
                continue;
            }
            let flags = said.entry(uf.find(i)).or_default();
            if is_update(
                cluster,
                (members[i].0, a.lo, a.hi),
                (members[j].0, b.lo, b.hi),
            ) {
                flags.1 = true;
            } else {
                flags.0 = true;
            }
        }
        for comp in uf.components(members.len()) {
            let (conflict, update) = said.get(&comp[0]).copied().unwrap_or_default();
            let verdict = if conflict {
                Verdict::Conflict
            } else if update {
                Verdict::Update
            } else {
                Verdict::Agree
            };
            // Values: witnesses with the same reading, in order of first appearance.
            let mut values: Vec<(f64, f64, Vec<Member>)> = Vec::new();
            for &k in &comp {
                let f = fig(members[k]);
                match values.iter_mut().find(|v| v.0 == f.lo && v.1 == f.hi) {
                    Some(v) => v.2.push(members[k]),
                    None => values.push((f.lo, f.hi, vec![members[k]])),
                }
            }
            let values = values
                .into_iter()
                .map(|(_, _, ws)| {
                    let first = fig(ws[0]);
                    let text = &cluster.documents[ws[0].0].text;
                    let sentences: Vec<(usize, Span)> =
                        ws.iter().map(|&m| (m.0, fig(m).sentence)).collect();
                    Value {
                        text: first
                            .span
                            .slice(text)
                            .unwrap_or("")
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                        speaker: None,
                        origins: origins(ctx, &sentences, opts.wire_copy_similarity),
                        witnesses: ws
                            .iter()
                            .map(|&m| Witness {
                                doc: m.0,
                                span: fig(m).span,
                                value_span: fig(m).value_span,
                                sentence: fig(m).sentence,
                            })
                            .collect(),
                    }
                })
                .collect::<Vec<_>>();
            let all: Vec<(usize, Span)> = comp
                .iter()
                .map(|&k| (members[k].0, fig(members[k]).sentence))
                .collect();
            out.push(Group {
                kind: ClaimKind::Figure,
                verdict,
                about: match event {
                    Some(e) if what != e => format!("{what} {e}"),
                    _ => what.to_string(),
                },
                origins: origins(ctx, &all, opts.wire_copy_similarity),
                values,
            });
        }
    }
    out
}

/// How two wordings of one quote line up.
enum Wording {
    /// Not the same quote.
    Unrelated,
    /// The same words where both quote (one may quote more).
    Same,
    /// Some words differ inside the stretch both quote.
    Different,
}

/// Words either quote may have inside the shared stretch that the other lacks, and still
/// be one quote worded differently rather than two statements.
const MAX_WORDING_GAP: usize = 3;

/// Word-by-word comparison by longest common subsequence; words either side of the
/// shared stretch are another excerpt, not a difference.
fn compare(a: &[u64], b: &[u64]) -> Wording {
    const CAP: usize = 300;
    let (a, b) = (&a[..a.len().min(CAP)], &b[..b.len().min(CAP)]);
    let (n, m) = (a.len(), b.len());
    let mut dp = vec![0u16; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            dp[i * (m + 1) + j] = if a[i] == b[j] {
                dp[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                dp[(i + 1) * (m + 1) + j].max(dp[i * (m + 1) + j + 1])
            };
        }
    }
    let matched = dp[0] as usize;
    if matched < 5 || (matched as f64) < 0.75 * n.min(m) as f64 {
        return Wording::Unrelated;
    }
    // Walk one alignment; gaps between the first and last matched pair are differences.
    let (mut i, mut j) = (0, 0);
    let mut pairs = Vec::with_capacity(matched);
    while i < n && j < m {
        if a[i] == b[j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if dp[(i + 1) * (m + 1) + j] >= dp[i * (m + 1) + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    let (Some(&(i0, j0)), Some(&(i1, j1))) = (pairs.first(), pairs.last()) else {
        return Wording::Unrelated;
    };
    let (gap_a, gap_b) = (i1 - i0 + 1 - pairs.len(), j1 - j0 + 1 - pairs.len());
    if gap_a == 0 && gap_b == 0 {
        Wording::Same
    } else if gap_a <= MAX_WORDING_GAP && gap_b <= MAX_WORDING_GAP {
        Wording::Different
    } else {
        // Words in common scattered across two longer statements: another quote.
        Wording::Unrelated
    }
}

fn align_quotes(
    cluster: &Cluster,
    claims: &[DocClaims],
    opts: &AlignOptions,
    ctx: &mut Contexts<'_>,
) -> Vec<Group> {
    let mut all: Vec<(usize, usize)> = Vec::new();
    let mut words: Vec<Vec<u64>> = Vec::new();
    for (d, c) in claims.iter().enumerate() {
        for (i, q) in c.quotes.iter().enumerate() {
            all.push((d, i));
            words.push(q.words.iter().map(|w| hash(w.as_str())).collect());
        }
    }
    let quote = |m: (usize, usize)| &claims[m.0].quotes[m.1];
    // Candidates share a pair of adjacent words (not a stock one): a changed word in a
    // short quote still leaves one pair intact.
    // Each quote's distinct pairs, sorted by pair: a run of one pair lists the quotes
    // holding it, in order (one list, where a map of lists allocated one per pair).
    let mut grams: Vec<(u64, usize)> = words
        .iter()
        .enumerate()
        .flat_map(|(k, w)| w.windows(2).map(move |g| (hash(&g), k)))
        .collect();
    grams.sort_unstable();
    grams.dedup();
    let mut counts: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    for run in grams.chunk_by(|a, b| a.0 == b.0) {
        if run.len() > 64 {
            continue; // a stock phrase, not a quote
        }
        for (x, &(_, i)) in run.iter().enumerate() {
            for &(_, j) in &run[x + 1..] {
                if all[i].0 != all[j].0 {
                    *counts.entry((i.min(j), i.max(j))).or_default() += 1;
                }
            }
        }
    }
    // Five words lined up with at most one changed word inside leave three word pairs
    // intact; fewer shared pairs cannot pass `compare`'s bar, so they are not compared.
    let mut pairs: Vec<(usize, usize)> = counts
        .into_iter()
        .filter(|&(_, n)| n >= 3)
        .map(|(p, _)| p)
        .collect();
    pairs.sort_unstable();
    let mut uf = UnionFind::new(all.len());
    let mut judged: Vec<(usize, usize, bool)> = Vec::new();
    for (i, j) in pairs {
        match compare(&words[i], &words[j]) {
            Wording::Unrelated => {}
            Wording::Same => {
                uf.union(i, j);
                judged.push((i, j, true));
            }
            Wording::Different => {
                uf.union(i, j);
                judged.push((i, j, false));
            }
        }
    }
    let mut out = Vec::new();
    // What each group's judged pairs say, found once per pair rather than once per pair
    // and group: (worded differently, speakers differ) by the group's root, its smallest
    // member.
    let mut said: FxHashMap<usize, (bool, bool)> = FxHashMap::default();
    for &(i, j, same) in &judged {
        let flags = said.entry(uf.find(i)).or_default();
        flags.0 |= !same;
        if let (Some(a), Some(b)) = (&quote(all[i]).speaker, &quote(all[j]).speaker) {
            flags.1 |= a.explicit && b.explicit && a.surname != b.surname;
        }
    }
    for comp in uf.components(all.len()) {
        let (worded, speakers_differ) = said.get(&comp[0]).copied().unwrap_or_default();
        let verdict = if worded || speakers_differ {
            Verdict::Conflict
        } else {
            Verdict::Agree
        };
        // Values: same words and same speaker.
        let mut values: Vec<(usize, Vec<usize>)> = Vec::new();
        for &k in &comp {
            let q = quote(all[k]);
            let who = q.speaker.as_ref().map(|s| s.surname.as_str());
            match values.iter_mut().find(|(r, _)| {
                let rq = quote(all[*r]);
                words[*r] == words[k] && rq.speaker.as_ref().map(|s| s.surname.as_str()) == who
            }) {
                Some(v) => v.1.push(k),
                None => values.push((k, vec![k])),
            }
        }
        let first = quote(all[comp[0]]);
        let speaker_name = |m: (usize, usize)| {
            quote(m)
                .speaker
                .as_ref()
                .and_then(|s| s.span.slice(&cluster.documents[m.0].text))
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        };
        let values: Vec<Value> = values
            .into_iter()
            .map(|(r, ks)| {
                let m = all[r];
                let text = &cluster.documents[m.0].text;
                let sentences: Vec<(usize, Span)> = ks
                    .iter()
                    .map(|&k| (all[k].0, quote(all[k]).sentence))
                    .collect();
                Value {
                    text: quote(m)
                        .span
                        .slice(text)
                        .unwrap_or("")
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    speaker: speaker_name(m),
                    origins: origins(ctx, &sentences, opts.wire_copy_similarity),
                    witnesses: ks
                        .iter()
                        .map(|&k| Witness {
                            doc: all[k].0,
                            span: quote(all[k]).span,
                            value_span: quote(all[k]).span,
                            sentence: quote(all[k]).sentence,
                        })
                        .collect(),
                }
            })
            .collect();
        let every: Vec<(usize, Span)> = comp
            .iter()
            .map(|&k| (all[k].0, quote(all[k]).sentence))
            .collect();
        // Named by surname as the first source writes it; no name when the sources
        // disagree on who spoke.
        let who = first
            .speaker
            .as_ref()
            .filter(|_| !speakers_differ)
            .and_then(|s| s.span.slice(&cluster.documents[all[comp[0]].0].text))
            .and_then(|name| name.split_whitespace().last())
            .map(|w| {
                w.trim_end_matches("'s")
                    .trim_end_matches("\u{2019}s")
                    .to_string()
            });
        out.push(Group {
            kind: ClaimKind::Quote,
            verdict,
            about: match who {
                Some(w) => format!("quote by {w}"),
                None => "quote".to_string(),
            },
            origins: origins(ctx, &every, opts.wire_copy_similarity),
            values,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(s: &str) -> Vec<u64> {
        s.split(" ").map(hash::<str>).collect()
    }

    /// The all-pairs count the indexed `origins` replaced.
    fn origins_all_pairs(ctx: &mut Contexts<'_>, w: &[(usize, Span)], threshold: f64) -> usize {
        let sets: Vec<Vec<u64>> = ctx.all(w).into_iter().map(<[u64]>::to_vec).collect();
        let mut uf = UnionFind::new(w.len());
        for i in 0..w.len() {
            for j in i + 1..w.len() {
                if w[i].0 == w[j].0 || w[i] == w[j] || wire_copies(&sets[i], &sets[j], threshold) {
                    uf.union(i, j);
                }
            }
        }
        (0..w.len()).filter(|&i| uf.find(i) == i).count()
    }

    #[test]
    fn indexed_origins_count_what_comparing_every_pair_counted() {
        // Sentences built from a few shared word runs, so that copies, near copies, one-word
        // sentences and strangers all occur, spread over documents with repeats.
        let runs = [
            "the storm hit the coast",
            "officials said on monday",
            "three people were killed",
            "the storm hit",
            "rescue teams reached the valley",
            "Ok",
        ];
        let mut documents = Vec::new();
        let mut witnesses = Vec::new();
        for d in 0..12 {
            let mut text = String::new();
            for s in 0..4 {
                let start = text.len();
                let a = runs[(d * 7 + s * 3) % runs.len()];
                let b = runs[(d + s) % runs.len()];
                let sentence = if (d + s) % 5 == 0 {
                    a.to_string()
                } else {
                    format!("{a} and {b}")
                };
                text.push_str(&sentence);
                witnesses.push((d, Span::new(start, text.len())));
                text.push_str(". ");
            }
            documents.push(chorus_model::Document {
                id: format!("d{d}"),
                text,
                ..Default::default()
            });
        }
        let cluster = Cluster {
            id: "c".into(),
            documents,
            ..Default::default()
        };
        let mut ctx = Contexts {
            cluster: &cluster,
            cache: FxHashMap::default(),
        };
        for threshold in [-1.0, 0.0, 0.2, 0.5, 0.6, 0.8, 1.0, 1.5] {
            for take in [1, 2, 5, 17, witnesses.len()] {
                for skip in [0, 3] {
                    let w: Vec<(usize, Span)> = witnesses
                        .iter()
                        .copied()
                        .skip(skip)
                        .step_by(1 + skip % 2)
                        .take(take)
                        .collect();
                    assert_eq!(
                        origins(&mut ctx, &w, threshold),
                        origins_all_pairs(&mut ctx, &w, threshold),
                        "threshold {threshold}, {take} witnesses from {skip}"
                    );
                }
            }
        }
        // The data tells thresholds apart: only exact copies join at 1, near copies at 0.2.
        let (strict, loose) = (
            origins(&mut ctx, &witnesses, 1.0),
            origins(&mut ctx, &witnesses, 0.2),
        );
        assert!(strict > loose, "{strict} {loose}");
    }

    #[test]
    fn excerpts_of_one_quote_are_the_same_wording() {
        let a = h("we will rebuild every home on this coast");
        let b = h("rebuild every home on this coast and more");
        assert!(matches!(compare(&a, &b), Wording::Same));
    }

    #[test]
    fn one_changed_word_is_a_different_wording() {
        let a = h("we will rebuild every home on this coast");
        let b = h("we will rebuild every house on this coast");
        assert!(matches!(compare(&a, &b), Wording::Different));
        let c = h("nothing at all in common here today");
        assert!(matches!(compare(&a, &c), Wording::Unrelated));
    }
}
