//! `chorus eval`: summarize every cluster of a dataset, score the summaries with ROUGE the
//! way NIST scored DUC (jackknifed over the references), and report means with bootstrap
//! intervals; or compare two result files cluster by cluster.
//!
//! With 25 clusters a difference of a few thousandths of ROUGE-2 is noise, so the table
//! carries 95% bootstrap intervals and `--compare` reports a paired difference with its
//! interval and the wins and losses, rather than two means side by side.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

use crate::input;
use chorus_model::Cluster;
use chorus_select::{Budget, Method, Options};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use chorus_rouge::{Config, Score as Prf};

/// Arguments of `chorus eval`.
#[derive(clap::Args)]
pub struct EvalArgs {
    /// Clusters with references (JSONL, as `chorus summarize` reads). Not needed with `--compare`.
    #[arg(required_unless_present = "compare")]
    data: Option<PathBuf>,
    /// Methods to run side by side: names separated by commas, or `all`.
    #[arg(long, short, value_delimiter = ',', default_value = "default")]
    methods: Vec<String>,
    /// Word budget of each summary.
    #[arg(long, short, default_value_t = 250)]
    words: usize,
    /// JSON field of each cluster line that holds the focus question.
    #[arg(long, default_value = "query")]
    query_field: String,
    /// Ignore the clusters' queries (generic summarization).
    #[arg(long)]
    no_query: bool,
    /// Show whole sentences: no compression.
    #[arg(long)]
    no_compress: bool,
    /// Similarity at which two sentences say the same thing (as `summarize --similarity`).
    #[arg(long, default_value_t = 0.4)]
    similarity: f64,
    /// Also score the summaries in this peers JSONL (`{"topic","peer","text"}` lines, as NIST
    /// distributes them) with the same scorer, for reference rows.
    #[arg(long)]
    peers: Option<PathBuf>,
    /// Which peers get a row: ids separated by commas; `humans` averages every letter id.
    #[arg(long, value_delimiter = ',', default_value = "1,24,humans")]
    peer_rows: Vec<String>,
    /// Write per-cluster scores here, one JSON line per (method, cluster).
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Print the table as Markdown (for the README's results table).
    #[arg(long)]
    markdown: bool,
    /// Compare two per-cluster result files (written by `--out`): paired differences.
    #[arg(long, num_args = 2, value_names = ["A", "B"], conflicts_with = "data")]
    compare: Option<Vec<PathBuf>>,
    /// Bootstrap resamples for the intervals.
    #[arg(long, default_value_t = 1000)]
    resamples: usize,
    /// Seed of the bootstrap, so intervals are reproducible.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

const ZERO: Prf = Prf {
    r: 0.0,
    p: 0.0,
    f: 0.0,
};

/// NIST's DUC settings (`-n 4 -w 1.2 -m -2 4 -u -f A -p 0.5`), built once.
fn official() -> &'static Config {
    static CONFIG: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
    CONFIG.get_or_init(Config::rouge155_official)
}

/// Scores `prediction` (one sentence per line) against `references` with NIST's DUC
/// settings, jackknifed over the references as NIST did for systems.
fn jackknife(prediction: &str, references: &[&str]) -> anyhow::Result<BTreeMap<String, Prf>> {
    let scores = chorus_rouge::jackknife(prediction, references, official())?;
    Ok(scores.iter().map(|(k, v)| (k.to_string(), *v)).collect())
}

/// Scores `prediction` against all of `references` at once (no jackknife).
fn score_once(prediction: &str, references: &[&str]) -> anyhow::Result<BTreeMap<String, Prf>> {
    let scores = chorus_rouge::score(prediction, references, official())?;
    Ok(scores.iter().map(|(k, v)| (k.to_string(), *v)).collect())
}

/// One scored summary: what `--out` writes and `--compare` reads.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClusterScore {
    /// Method (or `peer N`) that produced the summary.
    pub system: String,
    /// Cluster id.
    pub id: String,
    /// Words in the summary.
    pub words: usize,
    /// Seconds spent summarizing the cluster (0 for peers).
    pub seconds: f64,
    /// Jackknifed ROUGE scores by metric name.
    pub scores: BTreeMap<String, Prf>,
    /// Readability checks of our own summaries (`chorus_select::checks`); none for peers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checks: Option<Checks>,
}

/// The deterministic readability checks of one summary, as written to `--out`.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Checks {
    /// The first sentence is an article's lead.
    pub lead_first: bool,
    /// Openers with an unresolved reference (pronoun, "the X" never introduced, bare surname).
    pub unresolved: usize,
    /// Openers with a connective.
    pub connectives: usize,
    /// Questions.
    pub questions: usize,
    /// Quotations with no named speaker.
    pub unattributed_quotes: usize,
    /// Labels, list items, heads, transcript lines, fragments.
    pub junk: usize,
}

impl From<chorus_select::checks::Readability> for Checks {
    fn from(r: chorus_select::checks::Readability) -> Checks {
        Checks {
            lead_first: r.lead_first,
            unresolved: r.unresolved,
            connectives: r.connectives,
            questions: r.questions,
            unattributed_quotes: r.unattributed_quotes,
            junk: r.junk,
        }
    }
}

/// Runs `chorus eval`.
pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    if let Some(files) = &args.compare {
        return compare(&files[0], &files[1], &args);
    }
    let Some(data) = &args.data else {
        anyhow::bail!("give a dataset to evaluate, or --compare A B");
    };
    let methods = parse_methods(&args.methods)?;
    let (clusters, lines) = load_clusters(data, &args.query_field)?;
    if clusters.is_empty() {
        anyhow::bail!("{}: no cluster with references to evaluate", data.display());
    }

    let mut rows: Vec<(String, Vec<ClusterScore>)> = Vec::new();
    for &method in &methods {
        let opts = Options {
            method,
            budget: Budget::Words(args.words),
            ignore_query: args.no_query,
            compress: !args.no_compress,
            similarity_threshold: args.similarity,
            ..Options::default()
        };
        let scored: Vec<anyhow::Result<ClusterScore>> =
            clusters.par_iter().map(|c| evaluate(c, &opts)).collect();
        let mut ok = Vec::with_capacity(scored.len());
        for (r, c) in scored.into_iter().zip(&clusters) {
            match r {
                Ok(s) => ok.push(s),
                Err(e) => {
                    let msg = format!("{e:#}");
                    // Most errors already name the cluster; say which one when not.
                    let named = msg.contains(&format!("cluster {}", c.id));
                    eprintln!(
                        "chorus: {}: {}{}",
                        where_is(data, &lines, &c.id),
                        if named {
                            String::new()
                        } else {
                            format!("cluster {}: ", input::one_line(&c.id))
                        },
                        input::one_line(&msg)
                    )
                }
            }
        }
        rows.push((method.name().to_string(), ok));
    }
    if let Some(peers) = &args.peers {
        rows.extend(score_peers(peers, &clusters, &args.peer_rows)?);
    }

    if let Some(out) = &args.out {
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(out).with_context(|| format!("creating {}", out.display()))?,
        );
        for (_, scores) in &rows {
            for s in scores {
                serde_json::to_writer(&mut w, s)?;
                w.write_all(b"\n")?;
            }
        }
        w.flush()?;
    }

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "{} clusters, {} words, ROUGE-1.5.5 settings -n 4 -w 1.2 -m -2 4 -u -f A -p 0.5, jackknifed; \
         recall (R) and F with 95% bootstrap intervals over clusters ({} resamples)",
        clusters.len(),
        args.words,
        args.resamples
    )?;
    print_table(&mut out, &rows, &args)?;
    print_checks(&mut out, &rows)?;
    Ok(if rows.iter().any(|(_, s)| !s.is_empty()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn parse_methods(names: &[String]) -> anyhow::Result<Vec<Method>> {
    let mut out = Vec::new();
    for n in names {
        match n.trim() {
            "all" => out.extend_from_slice(Method::ALL),
            "default" => out.push(Options::default().method),
            other => out.push(other.parse()?),
        }
    }
    out.dedup();
    Ok(out)
}

/// Reads the clusters that carry references; the query comes from `query_field`. Also
/// returns each cluster's line in `data` when it is a JSONL file, for error messages.
fn load_clusters(
    data: &Path,
    query_field: &str,
) -> anyhow::Result<(Vec<Cluster>, BTreeMap<String, usize>)> {
    let loaded = chorus_ingest::load(std::slice::from_ref(&data.to_path_buf()));
    for w in &loaded.warnings {
        eprintln!("chorus: warning: {}", input::one_line(w));
    }
    let (lines, queries) = index_lines(data, query_field);
    let mut clusters = Vec::new();
    for c in loaded.clusters {
        match c {
            Ok(c) if c.references.is_empty() => eprintln!(
                "chorus: {}: cluster {}: no references, not evaluated",
                where_is(data, &lines, &c.id),
                input::one_line(&c.id)
            ),
            Ok(c) => clusters.push(c),
            Err(e) => eprintln!("chorus: {}", input::one_line(&e.to_string())),
        }
    }
    if query_field != "query" {
        if !data.is_file() {
            anyhow::bail!(
                "--query-field {query_field}: {} is not a JSONL file",
                input::shown(data)
            );
        }
        for c in &mut clusters {
            c.query = queries.get(&c.id).cloned();
        }
    }
    Ok((clusters, lines))
}

/// `FILE:LINE` of cluster `id` when known, else `FILE`.
fn where_is(data: &Path, lines: &BTreeMap<String, usize>, id: &str) -> String {
    match lines.get(id) {
        Some(n) => format!("{}:{n}", input::shown(data)),
        None => input::shown(data),
    }
}

/// For a JSONL `data` file: the line of every `id`, and the string field `field` by id.
/// Lines that cannot be read are skipped here (the cluster reader reports them); a folder
/// gives nothing.
fn index_lines(data: &Path, field: &str) -> (BTreeMap<String, usize>, BTreeMap<String, String>) {
    let (mut lines, mut fields) = (BTreeMap::new(), BTreeMap::new());
    if !data.is_file() {
        return (lines, fields);
    }
    let Ok(reader) = input::Lines::open(data) else {
        return (lines, fields);
    };
    for (n, line) in reader {
        let Ok(v) = line
            .and_then(|l| serde_json::from_str::<serde_json::Value>(&l).map_err(|e| e.to_string()))
        else {
            continue;
        };
        let Some(id) = v["id"].as_str() else {
            continue;
        };
        lines.entry(id.to_string()).or_insert(n);
        if let Some(q) = v[field].as_str() {
            fields.insert(id.to_string(), q.to_string());
        }
    }
    (lines, fields)
}

/// Summarizes one cluster and scores it against its references.
fn evaluate(cluster: &Cluster, opts: &Options) -> anyhow::Result<ClusterScore> {
    let start = Instant::now();
    let summary = chorus_select::summarize(cluster, opts)?;
    let seconds = start.elapsed().as_secs_f64();
    let checks = chorus_select::checks::readability(cluster, &summary, opts.query_for(cluster));
    let json = chorus_render::to_json(cluster, &summary);
    let lines: Vec<&str> = json.sentences.iter().map(|s| s.text.as_str()).collect();
    let prediction = lines.join("\n");
    let refs: Vec<&str> = cluster.references.iter().map(|r| r.text.as_str()).collect();
    let scores =
        jackknife(&prediction, &refs).with_context(|| format!("scoring cluster {}", cluster.id))?;
    Ok(ClusterScore {
        system: opts.method.name().to_string(),
        id: cluster.id.clone(),
        words: json.words,
        seconds,
        scores,
        checks: Some(checks.into()),
    })
}

#[derive(Deserialize)]
struct PeerLine {
    topic: String,
    peer: String,
    text: String,
}

/// Scores the selected peers' summaries against the same references, jackknifed the same way.
/// A human summary is never scored against itself: its own reference is left out, and the
/// jackknife runs over the others, as NIST did.
fn score_peers(
    path: &Path,
    clusters: &[Cluster],
    wanted: &[String],
) -> anyhow::Result<Vec<(String, Vec<ClusterScore>)>> {
    let reader =
        input::Lines::open(path).map_err(|e| anyhow::anyhow!("{}: {e}", input::shown(path)))?;
    // DUC names a topic `D0601` in peer files and `D0601A` (topic + assessor) in cluster files.
    let mut by_id: BTreeMap<&str, &Cluster> = BTreeMap::new();
    for c in clusters {
        by_id.insert(c.id.as_str(), c);
        if let Some(topic) = c.id.strip_suffix(|ch: char| ch.is_ascii_uppercase()) {
            by_id.entry(topic).or_insert(c);
        }
    }
    let mut peers: Vec<PeerLine> = Vec::new();
    for (n, line) in reader {
        // A bad line is one error; the other peers are still scored.
        let p: PeerLine =
            match line.and_then(|l| serde_json::from_str(&l).map_err(|e| e.to_string())) {
                Ok(p) => p,
                Err(e) => {
                    eprintln!(
                        "chorus: {}:{n}: not a peer line: {}",
                        input::shown(path),
                        input::one_line(&e)
                    );
                    continue;
                }
            };
        if by_id.contains_key(p.topic.as_str()) {
            peers.push(p);
        }
    }
    let mut rows = Vec::new();
    for want in wanted {
        let humans = want == "humans";
        let label = if humans {
            "human summaries (avg)".to_string()
        } else {
            format!("DUC peer {want}")
        };
        let selected: Vec<&PeerLine> = peers
            .iter()
            .filter(|p| {
                if humans {
                    p.peer.chars().all(|c| c.is_ascii_uppercase())
                } else {
                    &p.peer == want
                }
            })
            .collect();
        let scored: Vec<anyhow::Result<ClusterScore>> = selected
            .par_iter()
            .map(|p| {
                let cluster = by_id
                    .get(p.topic.as_str())
                    .with_context(|| format!("no cluster for topic {}", p.topic))?;
                let others: Vec<&str> = cluster
                    .references
                    .iter()
                    .filter(|r| r.id != p.peer)
                    .map(|r| r.text.as_str())
                    .collect();
                let is_reference = others.len() < cluster.references.len();
                let scores = if is_reference {
                    // A human summary is scored once, against the other references (NIST's
                    // eval id `A-A.A`), not jackknifed again.
                    score_once(&p.text, &others)
                } else {
                    jackknife(&p.text, &others)
                }
                .with_context(|| format!("scoring peer {} on {}", p.peer, p.topic))?;
                Ok(ClusterScore {
                    system: label.clone(),
                    id: cluster.id.clone(),
                    words: chorus_text::tokenize::word_count(&p.text),
                    seconds: 0.0,
                    scores,
                    checks: None,
                })
            })
            .collect();
        let mut ok: Vec<ClusterScore> = Vec::new();
        for s in scored {
            match s {
                Ok(s) => ok.push(s),
                Err(e) => eprintln!(
                    "chorus: {}: {}",
                    input::shown(path),
                    input::one_line(&format!("{e:#}"))
                ),
            }
        }
        // Several humans per topic: a topic's score is the mean over its summaries, as for NIST.
        let ok = mean_per_topic(ok);
        if ok.is_empty() {
            eprintln!("chorus: no summaries of peer {want} in {}", path.display());
            continue;
        }
        rows.push((label, ok));
    }
    Ok(rows)
}

/// Collapses several scores of one topic into their mean, topics in first-seen order.
fn mean_per_topic(scores: Vec<ClusterScore>) -> Vec<ClusterScore> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: BTreeMap<String, Vec<ClusterScore>> = BTreeMap::new();
    for s in scores {
        if !groups.contains_key(&s.id) {
            order.push(s.id.clone());
        }
        groups.entry(s.id.clone()).or_default().push(s);
    }
    order
        .into_iter()
        .filter_map(|id| {
            let group = groups.remove(&id)?;
            let n = group.len() as f64;
            let first = group.first()?.clone();
            let mut scores = BTreeMap::new();
            for key in first.scores.keys() {
                let sum = group.iter().fold(ZERO, |acc, s| {
                    let x = s.scores.get(key).copied().unwrap_or(ZERO);
                    Prf {
                        r: acc.r + x.r,
                        p: acc.p + x.p,
                        f: acc.f + x.f,
                    }
                });
                scores.insert(
                    key.clone(),
                    Prf {
                        r: sum.r / n,
                        p: sum.p / n,
                        f: sum.f / n,
                    },
                );
            }
            Some(ClusterScore {
                words: (group.iter().map(|s| s.words).sum::<usize>() as f64 / n).round() as usize,
                scores,
                ..first
            })
        })
        .collect()
}

/// The metrics shown in the table, with the column label.
const TABLE: &[(&str, &str)] = &[
    ("rouge-1", "R-1"),
    ("rouge-2", "R-2"),
    ("rouge-l", "R-L"),
    ("rouge-su4", "SU4"),
];

/// The readability checks summed over clusters, one line per method.
fn print_checks(out: &mut impl Write, rows: &[(String, Vec<ClusterScore>)]) -> anyhow::Result<()> {
    let mut lines = Vec::new();
    for (name, scores) in rows {
        let checks: Vec<Checks> = scores.iter().filter_map(|s| s.checks).collect();
        if checks.is_empty() {
            continue;
        }
        let sum = |f: fn(&Checks) -> usize| checks.iter().map(f).sum::<usize>();
        lines.push(format!(
            "{name}: lead first {}/{}, unresolved openers {}, connective openers {}, questions {}, \
             unattributed quotes {}, junk {}",
            checks.iter().filter(|c| c.lead_first).count(),
            checks.len(),
            sum(|c| c.unresolved),
            sum(|c| c.connectives),
            sum(|c| c.questions),
            sum(|c| c.unattributed_quotes),
            sum(|c| c.junk),
        ));
    }
    if !lines.is_empty() {
        writeln!(out, "\nReadability checks (summed over clusters):")?;
        for l in lines {
            writeln!(out, "{l}")?;
        }
    }
    Ok(())
}

fn print_table(
    out: &mut impl Write,
    rows: &[(String, Vec<ClusterScore>)],
    args: &EvalArgs,
) -> anyhow::Result<()> {
    let mut header = vec!["system".to_string()];
    for (_, label) in TABLE {
        header.push(format!("{label} R"));
    }
    for (_, label) in TABLE {
        header.push(format!("{label} F"));
    }
    header.push("ms/cluster".to_string());
    let mut body: Vec<Vec<String>> = Vec::new();
    for (name, scores) in rows {
        if scores.is_empty() {
            continue;
        }
        let mut row = vec![name.clone()];
        for pick in [|p: &Prf| p.r, |p: &Prf| p.f] {
            for (key, _) in TABLE {
                let values: Vec<f64> = scores
                    .iter()
                    .map(|s| s.scores.get(*key).map_or(0.0, pick))
                    .collect();
                let (mean, lo, hi) = bootstrap_mean(&values, args.resamples, args.seed);
                row.push(format!("{mean:.4} [{lo:.4}, {hi:.4}]"));
            }
        }
        let secs: f64 = scores.iter().map(|s| s.seconds).sum();
        row.push(if secs > 0.0 {
            format!("{:.1}", secs * 1000.0 / scores.len() as f64)
        } else {
            "-".to_string()
        });
        body.push(row);
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            body.iter()
                .map(|r| r[c].len())
                .chain([header[c].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        if args.markdown {
            format!("| {} |", padded.join(" | "))
        } else {
            padded.join("  ")
        }
    };
    writeln!(out, "{}", line(&header))?;
    if args.markdown {
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        writeln!(out, "{}", line(&rule))?;
    }
    for row in &body {
        writeln!(out, "{}", line(row))?;
    }
    Ok(())
}

/// Mean of `values` and its 95% percentile bootstrap interval (seeded, so reproducible).
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

/// A tiny, stable pseudo-random generator (SplitMix64): the same seed gives the same
/// intervals on every machine and every version, which a library RNG does not promise.
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

/// `--compare A B`: paired per-cluster differences (B − A) for each metric's recall.
fn compare(a: &Path, b: &Path, args: &EvalArgs) -> anyhow::Result<ExitCode> {
    // A bad line is one error naming the file and line; the other lines still count.
    let read = |p: &Path| -> anyhow::Result<Vec<ClusterScore>> {
        let reader =
            input::Lines::open(p).map_err(|e| anyhow::anyhow!("{}: {e}", input::shown(p)))?;
        let mut out = Vec::new();
        for (n, line) in reader {
            match line.and_then(|l| serde_json::from_str(&l).map_err(|e| e.to_string())) {
                Ok(x) => out.push(x),
                Err(e) => eprintln!(
                    "chorus: {}:{n}: not a chorus eval line: {}",
                    input::shown(p),
                    input::one_line(&e)
                ),
            }
        }
        Ok(out)
    };
    let (xa, xb) = (read(a)?, read(b)?);
    let systems = |xs: &[ClusterScore]| -> Vec<String> {
        let mut s: Vec<String> = xs.iter().map(|x| x.system.clone()).collect();
        s.dedup();
        s
    };
    let (sa, sb) = (systems(&xa), systems(&xb));
    if sa.len() != 1 || sb.len() != 1 {
        anyhow::bail!(
            "--compare wants one system per file; {} has {:?}, {} has {:?} (write each method with its own --out)",
            a.display(),
            sa,
            b.display(),
            sb
        );
    }
    let by_id: BTreeMap<&str, &ClusterScore> = xa.iter().map(|x| (x.id.as_str(), x)).collect();
    let pairs: Vec<(&ClusterScore, &ClusterScore)> = xb
        .iter()
        .filter_map(|y| by_id.get(y.id.as_str()).map(|x| (*x, y)))
        .collect();
    if pairs.is_empty() {
        anyhow::bail!("the two files share no cluster id");
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "{} (B) minus {} (A), recall, over {} shared clusters; 95% bootstrap interval of the mean difference",
        sb[0],
        sa[0],
        pairs.len()
    )?;
    writeln!(
        out,
        "{:<10} {:>9} {:>9} {:>24} {:>5} {:>6} {:>5}",
        "metric", "A", "B", "B-A [95% CI]", "wins", "losses", "ties"
    )?;
    for key in pairs[0].0.scores.keys() {
        let get = |s: &ClusterScore| s.scores.get(key).map_or(0.0, |p| p.r);
        let diffs: Vec<f64> = pairs.iter().map(|(x, y)| get(y) - get(x)).collect();
        let (mean, lo, hi) = bootstrap_mean(&diffs, args.resamples, args.seed);
        let ma = pairs.iter().map(|(x, _)| get(x)).sum::<f64>() / pairs.len() as f64;
        let mb = pairs.iter().map(|(_, y)| get(y)).sum::<f64>() / pairs.len() as f64;
        let wins = diffs.iter().filter(|d| **d > 1e-12).count();
        let losses = diffs.iter().filter(|d| **d < -1e-12).count();
        writeln!(
            out,
            "{:<10} {ma:>9.5} {mb:>9.5} {:>24} {wins:>5} {losses:>6} {:>5}",
            key,
            format!("{mean:+.5} [{lo:+.5}, {hi:+.5}]"),
            pairs.len() - wins - losses
        )?;
    }
    Ok(ExitCode::SUCCESS)
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
    fn splitmix_below_stays_in_range() {
        let mut r = SplitMix64(3);
        assert!((0..10_000).all(|_| r.below(7) < 7));
    }
}
