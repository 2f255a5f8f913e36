//! `chorus eval-claims`: the perturbation benchmark for `chorus-claims`, and `--show`, which
//! prints every claim and group found in some inputs.
//!
//! The benchmark is built from clusters (the DUC 2006 dev split by default) by a seeded
//! generator, so a run is reproducible from `--seed`: in one document of a cluster it
//! changes one figure that another document states alike (to a value no rounding or
//! range covers, and never to one that could read as a later update), alters one word of
//! a quote inside the stretch another outlet also quotes, or gives a quote another
//! speaker. Each perturbation is one edited copy of the cluster; the report on it must
//! flag exactly that group as a conflict. The unperturbed clusters measure false alarms.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use chorus_claims::{AlignOptions, ClaimKind, DocClaims, Report, Verdict, Witness};
use chorus_model::{Cluster, Span};
use chorus_text::SentenceOptions;
use rayon::prelude::*;

/// Arguments of `chorus eval-claims`.
#[derive(clap::Args)]
pub struct EvalClaimsArgs {
    /// Clusters JSONL to perturb (default: the DUC 2006 dev split in ../shared).
    #[arg(long, default_value = "../shared/data/duc2006-dev/clusters.jsonl")]
    clusters: PathBuf,
    /// Seed of the generator: the same seed gives the same perturbations.
    #[arg(long, default_value_t = 15)]
    seed: u64,
    /// At most this many perturbations per cluster, drawn at random among the candidates
    /// (default: every candidate).
    #[arg(long)]
    per_cluster: Option<usize>,
    /// Print every perturbation and whether it was caught.
    #[arg(long, short)]
    verbose: bool,
    /// Also time claims and alignment against `summarize` on each cluster (use a release
    /// build; medians of three runs).
    #[arg(long)]
    time: bool,
    /// Instead of the benchmark: print the claims and groups of these inputs (articles,
    /// a folder, a JSONL batch, as `summarize` reads them).
    #[arg(long, num_args = 1..)]
    show: Vec<PathBuf>,
}

/// The three kinds of perturbation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Change {
    Figure,
    QuoteWords,
    Speaker,
}

impl Change {
    const ALL: [Change; 3] = [Change::Figure, Change::QuoteWords, Change::Speaker];
    fn name(self) -> &'static str {
        match self {
            Change::Figure => "figure value",
            Change::QuoteWords => "quote words",
            Change::Speaker => "quote speaker",
        }
    }
}

/// One edit of one document: replace `at` with `with`; `target` is the claim that must
/// then be in a conflict group.
#[derive(Debug, Clone)]
struct Perturbation {
    change: Change,
    doc: usize,
    at: Span,
    with: String,
    target: Witness,
}

impl Perturbation {
    /// Where a byte offset of the original document lands after the edit.
    fn moved(&self, pos: usize) -> usize {
        if pos >= self.at.end {
            pos + self.with.len() - self.at.len()
        } else {
            pos
        }
    }

    fn apply(&self, cluster: &Cluster) -> Cluster {
        let mut edited = cluster.clone();
        let text = &mut edited.documents[self.doc].text;
        text.replace_range(self.at.range(), &self.with);
        edited
    }

    /// Caught: a conflict group has the edited claim among its witnesses.
    fn caught(&self, report: &Report) -> bool {
        let start = self.moved(self.target.span.start);
        report.groups.iter().any(|g| {
            g.verdict == Verdict::Conflict
                && g.values
                    .iter()
                    .flat_map(|v| &v.witnesses)
                    .any(|w| w.doc == self.doc && w.span.start == start)
        })
    }
}

/// Runs `chorus eval-claims`.
pub fn run(args: EvalClaimsArgs) -> anyhow::Result<ExitCode> {
    let sentences = SentenceOptions::default();
    let align = AlignOptions::default();
    if !args.show.is_empty() {
        return show(&args.show, &sentences, &align);
    }
    let loaded = chorus_ingest::load(std::slice::from_ref(&args.clusters));
    let mut clusters = Vec::new();
    for (item, origin) in loaded.clusters.into_iter().zip(loaded.origins) {
        match item {
            Ok(c) => clusters.push(c),
            Err(e) => eprintln!(
                "chorus: {}",
                chorus_ingest::error::one_line(&match origin.location() {
                    Some(at) => format!("{at}: {e}"),
                    None => e.to_string(),
                })
            ),
        }
    }
    if clusters.is_empty() {
        anyhow::bail!("no clusters read from {}", args.clusters.display());
    }
    println!(
        "# chorus eval-claims: {} clusters from {}, seed {}, perturbations per cluster: {}\n",
        clusters.len(),
        args.clusters.display(),
        args.seed,
        args.per_cluster
            .map_or("every candidate".to_string(), |n| format!("at most {n}"))
    );
    struct ClusterResult {
        id: String,
        false_conflicts: usize,
        results: Vec<(Perturbation, bool, usize)>,
    }
    let results: Vec<ClusterResult> = clusters
        .par_iter()
        .enumerate()
        .map(|(ci, cluster)| {
            let claims = chorus_claims::extract_all(cluster, &sentences);
            let baseline = chorus_claims::align::align(cluster, &claims, &align);
            let mut rng = fastrand::Rng::with_seed(
                args.seed ^ (ci as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
            );
            let mut candidates = perturbations(cluster, &claims, &baseline, &mut rng);
            rng.shuffle(&mut candidates);
            candidates.truncate(args.per_cluster.unwrap_or(usize::MAX));
            // Cluster order, then position: the listing does not depend on the shuffle.
            candidates.sort_by_key(|p| (p.change, p.doc, p.at.start));
            let results = candidates
                .into_iter()
                .map(|p| {
                    let edited = p.apply(cluster);
                    let report = chorus_claims::analyze(&edited, &sentences, &align);
                    let caught = p.caught(&report);
                    let extra = report
                        .conflicts()
                        .saturating_sub(baseline.conflicts() + usize::from(caught));
                    (p, caught, extra)
                })
                .collect();
            ClusterResult {
                id: cluster.id.clone(),
                false_conflicts: baseline.conflicts(),
                results,
            }
        })
        .collect();

    let mut total = 0;
    let mut caught_all = 0;
    let mut exact = 0;
    for change in Change::ALL {
        let rows: Vec<&(Perturbation, bool, usize)> = results
            .iter()
            .flat_map(|r| &r.results)
            .filter(|(p, _, _)| p.change == change)
            .collect();
        let caught = rows.iter().filter(|r| r.1).count();
        total += rows.len();
        caught_all += caught;
        exact += rows.iter().filter(|r| r.1 && r.2 == 0).count();
        println!(
            "{:<14} {:>4} perturbations, {:>4} caught, recall {:.3}",
            change.name(),
            rows.len(),
            caught,
            ratio(caught, rows.len())
        );
    }
    println!(
        "{:<14} {:>4} perturbations, {:>4} caught, recall {:.3}; flagged alone (no other new conflict): {:.3}",
        "all",
        total,
        caught_all,
        ratio(caught_all, total),
        ratio(exact, total)
    );
    let false_total: usize = results.iter().map(|r| r.false_conflicts).sum();
    let worst = results
        .iter()
        .max_by_key(|r| (r.false_conflicts, std::cmp::Reverse(r.id.clone())));
    println!(
        "\nunperturbed clusters: {} conflicts in {} clusters, {:.2} per cluster; worst: {} ({})",
        false_total,
        results.len(),
        false_total as f64 / results.len() as f64,
        worst.map_or("-", |w| w.id.as_str()),
        worst.map_or(0, |w| w.false_conflicts)
    );
    if args.verbose {
        println!();
        for (r, cluster) in results.iter().zip(&clusters) {
            for (p, caught, extra) in &r.results {
                let doc = &cluster.documents[p.doc];
                let was = p.at.slice(&doc.text).unwrap_or("");
                println!(
                    "{} {} {}: {:?} -> {:?}: {}{}",
                    r.id,
                    doc.id,
                    p.change.name(),
                    was,
                    p.with,
                    if *caught { "caught" } else { "MISSED" },
                    if *extra > 0 {
                        format!(" (+{extra} other conflicts)")
                    } else {
                        String::new()
                    }
                );
            }
        }
    }
    if args.time {
        timing(&clusters, &sentences, &align)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Every perturbation the generator can make in one cluster: one per witness of each
/// agreeing group (at least two documents), per kind that applies.
fn perturbations(
    cluster: &Cluster,
    claims: &[DocClaims],
    baseline: &Report,
    rng: &mut fastrand::Rng,
) -> Vec<Perturbation> {
    let mut out = Vec::new();
    let speakers: Vec<String> = {
        let mut s: Vec<String> = claims
            .iter()
            .flat_map(|c| &c.quotes)
            .filter_map(|q| {
                q.speaker
                    .as_ref()
                    .filter(|s| s.explicit)
                    .map(|s| s.surname.clone())
            })
            .filter(|s| s.chars().all(char::is_alphabetic))
            .collect();
        s.sort();
        s.dedup();
        s
    };
    for g in baseline
        .groups
        .iter()
        .filter(|g| g.verdict == Verdict::Agree)
    {
        let witnesses: Vec<&Witness> = g.values.iter().flat_map(|v| &v.witnesses).collect();
        let mut docs: Vec<usize> = witnesses.iter().map(|w| w.doc).collect();
        docs.sort_unstable();
        docs.dedup();
        if docs.len() < 2 {
            continue;
        }
        match g.kind {
            ClaimKind::Figure => {
                // Only figures every document states alike: a changed one must stand out.
                if g.values.len() != 1 {
                    continue;
                }
                for w in &witnesses {
                    for size in [Size::Far, Size::Mid, Size::Near] {
                        if let Some(p) = change_figure(cluster, claims, &witnesses, w, size) {
                            out.push(p);
                        }
                    }
                }
            }
            ClaimKind::Quote => {
                for w in &witnesses {
                    for p in change_words(claims, &witnesses, w, rng) {
                        out.push(p);
                    }
                    if let Some(p) = change_speaker(cluster, claims, &witnesses, w, &speakers, rng)
                    {
                        out.push(p);
                    }
                }
            }
        }
    }
    out
}

fn figure_of<'a>(claims: &'a [DocClaims], w: &Witness) -> Option<&'a chorus_claims::Figure> {
    claims.get(w.doc)?.figures.iter().find(|f| f.span == w.span)
}

fn quote_of<'a>(claims: &'a [DocClaims], w: &Witness) -> Option<&'a chorus_claims::Quote> {
    claims.get(w.doc)?.quotes.iter().find(|q| q.span == w.span)
}

/// Writes `v` (in units of `scale`) the way a paper would: thousands commas, one decimal
/// when not whole.
fn written(v: f64) -> String {
    if v.fract() != 0.0 {
        return format!("{v:.1}");
    }
    let digits = format!("{}", v as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// How far a figure is moved: each is a separate perturbation.
#[derive(Debug, Clone, Copy)]
enum Size {
    /// By half (up) or 40% (down).
    Far,
    /// By 30% or 25%.
    Mid,
    /// By 12%: just past what rounding allows.
    Near,
}

/// Changes a figure to a value outside every reading of its group: lower when another
/// witness is dated earlier (a toll does not fall, so it cannot read as an update),
/// higher when this is the earliest document.
fn change_figure(
    cluster: &Cluster,
    claims: &[DocClaims],
    group: &[&Witness],
    w: &Witness,
    size: Size,
) -> Option<Perturbation> {
    let f = figure_of(claims, w)?;
    if !f.hi.is_finite() || f.lo <= 0.0 || f.ambiguous || (!f.digits && f.lo != f.hi) {
        // "more than", "up to": too open to move out of the group's range; a sentence
        // comparing values; "hundreds": vague by design.
        return None;
    }
    // Another document must state it where it can be compared.
    if !group
        .iter()
        .filter(|x| x.doc != w.doc)
        .any(|x| figure_of(claims, x).is_some_and(|g| !g.ambiguous))
    {
        return None;
    }
    let figures: Vec<&chorus_claims::Figure> =
        group.iter().filter_map(|x| figure_of(claims, x)).collect();
    let lo = figures.iter().map(|x| x.lo).fold(f64::INFINITY, f64::min);
    let hi = figures.iter().map(|x| x.hi).fold(0.0, f64::max);
    let date = |d: usize| cluster.documents[d].date.as_deref();
    let earliest =
        group
            .iter()
            .filter(|x| x.doc != w.doc)
            .all(|x| match (date(w.doc), date(x.doc)) {
                (Some(a), Some(b)) => a < b,
                _ => false,
            });
    let scale = f.scale;
    let width = f.hi - f.lo;
    let (up, down) = match size {
        Size::Far => (1.5, 0.6),
        Size::Mid => (1.3, 0.75),
        Size::Near => (1.12, 0.88),
    };
    // One unit past the group's widest reading, at least.
    let step = 1.0;
    let new = if earliest {
        if !hi.is_finite() {
            return None;
        }
        ((hi * up + width) / scale + step).ceil()
    } else {
        let v = ((lo - width) * down / scale - step).floor();
        if v < 2.0 || v * scale < 2.0 {
            return None;
        }
        v
    };
    Some(Perturbation {
        change: Change::Figure,
        doc: w.doc,
        at: f.number_span,
        with: written(new),
        target: *w,
    })
}

/// Words that replace one quoted word.
const SUBSTITUTES: &[&str] = &[
    "never",
    "certainly",
    "barely",
    "entirely",
    "quietly",
    "openly",
    "wrongly",
    "gladly",
];

/// Replaces one word of the quote that another document's copy also has (so the change
/// falls inside the stretch both quote), not the first or last word: up to two such
/// perturbations at different words, and a third that deletes another such word.
fn change_words(
    claims: &[DocClaims],
    group: &[&Witness],
    w: &Witness,
    rng: &mut fastrand::Rng,
) -> Vec<Perturbation> {
    let Some(q) = quote_of(claims, w) else {
        return Vec::new();
    };
    let others: Vec<&chorus_claims::Quote> = group
        .iter()
        .filter(|x| x.doc != w.doc)
        .filter_map(|x| quote_of(claims, x))
        .collect();
    let n = q.words.len();
    let mut inner: Vec<usize> = (1..n.saturating_sub(1))
        .filter(|&i| q.words[i].len() >= 3 && q.words[i].chars().all(char::is_alphabetic))
        .filter(|&i| {
            others.iter().any(|o| {
                o.words
                    .windows(3)
                    .any(|g| g[0] == q.words[i - 1] && g[1] == q.words[i] && g[2] == q.words[i + 1])
            })
        })
        .collect();
    rng.shuffle(&mut inner);
    let deleted = inner.get(2).map(|&i| Perturbation {
        change: Change::QuoteWords,
        doc: w.doc,
        // The word and the space before it.
        at: Span::new(q.word_spans[i - 1].end, q.word_spans[i].end),
        with: String::new(),
        target: *w,
    });
    inner
        .into_iter()
        .take(2)
        .filter_map(|i| {
            let with = SUBSTITUTES
                .iter()
                .copied()
                .filter(|s| !q.words.iter().any(|x| x == s))
                .nth(rng.usize(..4))?;
            Some(Perturbation {
                change: Change::QuoteWords,
                doc: w.doc,
                at: q.word_spans[i],
                with: with.to_string(),
                target: *w,
            })
        })
        .chain(deleted)
        .collect()
}

/// Surnames given to a quote when the cluster has no other speaker to swap in.
const OTHER_SPEAKERS: &[&str] = &["Hollis", "Marsh", "Okafor", "Lindqvist", "Barros"];

/// Gives the quote's speaker another surname: another speaker of the cluster when there is
/// one, so the swap looks like a real misattribution.
fn change_speaker(
    cluster: &Cluster,
    claims: &[DocClaims],
    group: &[&Witness],
    w: &Witness,
    speakers: &[String],
    rng: &mut fastrand::Rng,
) -> Option<Perturbation> {
    let q = quote_of(claims, w)?;
    let s = q.speaker.as_ref().filter(|s| s.explicit)?;
    // Someone in another document must name the speaker for a swap to be visible.
    let named_elsewhere = group
        .iter()
        .filter(|x| x.doc != w.doc)
        .filter_map(|x| quote_of(claims, x))
        .any(|o| o.speaker.as_ref().is_some_and(|t| t.explicit));
    if !named_elsewhere {
        return None;
    }
    let name = s.span.slice(&cluster.documents[w.doc].text)?;
    let last = name.rsplit(char::is_whitespace).next()?;
    let at = Span::new(s.span.end - last.len(), s.span.end);
    let group_names: Vec<String> = group
        .iter()
        .filter_map(|x| quote_of(claims, x))
        .filter_map(|o| o.speaker.as_ref().map(|t| t.surname.clone()))
        .collect();
    let pool: Vec<String> = speakers
        .iter()
        .filter(|c| !group_names.contains(c))
        .map(|c| {
            let mut cs = c.chars();
            cs.next()
                .map_or(String::new(), |f| f.to_uppercase().chain(cs).collect())
        })
        .chain(OTHER_SPEAKERS.iter().map(|s| s.to_string()))
        .collect();
    let with = pool[rng.usize(..pool.len().min(3))].clone();
    Some(Perturbation {
        change: Change::Speaker,
        doc: w.doc,
        at,
        with,
        target: *w,
    })
}

/// Median time of three runs of `f`.
fn median(mut f: impl FnMut()) -> Duration {
    let mut t: Vec<Duration> = (0..3)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    t.sort();
    t[1]
}

/// Times claims and alignment against `summarize` (ILP, 250 words) cluster by cluster on
/// one thread, and prints the ratio.
fn timing(
    clusters: &[Cluster],
    sentences: &SentenceOptions,
    align: &AlignOptions,
) -> anyhow::Result<()> {
    let opts = chorus_select::Options::default();
    let params = chorus_select::SummarizeParams {
        words: Some(250),
        ..Default::default()
    };
    let opts = chorus_select::summarize_options(&params).unwrap_or(opts);
    let (mut ts, mut tc, mut tsplit) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    for c in clusters {
        tsplit += median(|| {
            for (i, d) in c.documents.iter().enumerate() {
                std::hint::black_box(chorus_text::sentences(i, &d.text, sentences));
            }
        });
        ts += median(|| {
            std::hint::black_box(chorus_select::summarize(c, &opts).ok());
        });
        tc += median(|| {
            std::hint::black_box(chorus_claims::analyze(c, sentences, align));
        });
    }
    println!(
        "\ntime over {} clusters: summarize {:.1} ms, claims and alignment {:.1} ms (of which sentence splitting {:.1} ms): +{:.1}% (medians of 3, one thread)",
        clusters.len(),
        ts.as_secs_f64() * 1e3,
        tc.as_secs_f64() * 1e3,
        tsplit.as_secs_f64() * 1e3,
        100.0 * tc.as_secs_f64() / ts.as_secs_f64().max(1e-9)
    );
    Ok(())
}

/// Prints every claim of every document and every group, for the inputs given.
fn show(
    inputs: &[PathBuf],
    sentences: &SentenceOptions,
    align: &AlignOptions,
) -> anyhow::Result<ExitCode> {
    let loaded = chorus_ingest::load(inputs);
    let mut ok = false;
    for item in loaded.clusters {
        let cluster = match item {
            Ok(c) => c,
            Err(e) => {
                eprintln!("chorus: {}", chorus_ingest::error::one_line(&e.to_string()));
                continue;
            }
        };
        ok = true;
        let claims = chorus_claims::extract_all(&cluster, sentences);
        println!("# {}", cluster.id);
        for (d, c) in claims.iter().enumerate() {
            let doc = &cluster.documents[d];
            let t = |s: Span| {
                s.slice(&doc.text)
                    .unwrap_or("")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            for f in &c.figures {
                println!(
                    "figure {} [{}, {}] {:?}: {} {}{}",
                    doc.id,
                    f.span.start,
                    f.span.end,
                    t(f.span),
                    f.what,
                    f.event.unwrap_or("-"),
                    format_args!(" ({}..{})", f.lo, f.hi)
                );
            }
            for q in &c.quotes {
                let who = match &q.speaker {
                    Some(s) if s.explicit => t(s.span),
                    Some(s) => format!("{} (from a pronoun)", t(s.span)),
                    None => "?".into(),
                };
                println!(
                    "quote {} [{}, {}] {}: \u{201C}{}\u{201D}",
                    doc.id,
                    q.span.start,
                    q.span.end,
                    who,
                    t(q.span)
                );
            }
        }
        let report = chorus_claims::align::align(&cluster, &claims, align);
        for g in &report.groups {
            let values: Vec<String> = g
                .values
                .iter()
                .map(|v| {
                    let docs: Vec<&str> = v
                        .witnesses
                        .iter()
                        .map(|w| cluster.documents[w.doc].id.as_str())
                        .collect();
                    format!("{:?} in {}", v.text, docs.join(", "))
                })
                .collect();
            println!(
                "group {} {} ({} origins) {}: {}",
                g.kind.name(),
                g.verdict.name(),
                g.origins,
                g.about,
                values.join(" | ")
            );
        }
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
