//! `chorus eval`: reads a dataset, has `chorus_eval` summarize and score every cluster the
//! way NIST scored DUC, and prints its table; or compares two result files cluster by
//! cluster. The evaluation itself is the `chorus-eval` crate (shared with Python's
//! `chorus.evaluate`); this file reads files and reports their bad lines.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use crate::input;
use chorus_eval::{ClusterScore, Peer, Row, TableOptions};
use chorus_model::Cluster;
use chorus_select::{Budget, Method, Options};

/// Arguments of `chorus eval`.
#[derive(clap::Args)]
pub struct EvalArgs {
    /// Clusters with references (JSONL, as `chorus summarize` reads). Not needed with `--compare`.
    #[arg(required_unless_present = "compare")]
    data: Option<PathBuf>,
    /// Methods to run side by side: names separated by commas (lead, lexrank, textrank,
    /// centroid, mmr, sumbasic, klsum, coverage, ilp, submodular), `default` or `all`.
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
    /// F columns beside the recall columns (a table twice as wide).
    #[arg(long)]
    wide: bool,
    /// Compare two per-cluster result files (written by `--out`): paired differences.
    #[arg(long, num_args = 2, value_names = ["A", "B"], conflicts_with = "data")]
    compare: Option<Vec<PathBuf>>,
    /// With `--compare`: the system to take from each file (`ilp,DUC peer 24`), when a file
    /// holds several (`--out` with `--peers`); default: each file's first.
    #[arg(long, value_delimiter = ',', value_name = "A,B", requires = "compare")]
    systems: Option<Vec<String>>,
    /// Bootstrap resamples for the intervals.
    #[arg(long, default_value_t = 1000)]
    resamples: usize,
    /// Seed of the bootstrap, so intervals are reproducible.
    #[arg(long, default_value_t = 1)]
    seed: u64,
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
        // Nothing to do is exit 1, as for `summarize` and `split` (2 is for usage errors).
        eprintln!(
            "chorus: {}: no cluster with references to evaluate",
            input::shown(data)
        );
        return Ok(ExitCode::from(1));
    }

    let mut rows: Vec<Row> = Vec::new();
    for &method in &methods {
        let opts = Options {
            method,
            budget: Budget::Words(args.words),
            ignore_query: args.no_query,
            compress: !args.no_compress,
            similarity_threshold: args.similarity,
            ..Options::default()
        };
        let mut ok = Vec::with_capacity(clusters.len());
        for (r, c) in chorus_eval::evaluate_clusters(&clusters, &opts)
            .into_iter()
            .zip(&clusters)
        {
            match r {
                Ok(s) => ok.push(s),
                Err(e) => {
                    let msg = e.to_string();
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
        rows.push(Row {
            system: method.name().to_string(),
            scores: ok,
        });
    }
    if let Some(peers) = &args.peers {
        rows.extend(score_peers(peers, &clusters, &args.peer_rows)?);
    }

    if let Some(out) = &args.out {
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(out).with_context(|| format!("creating {}", out.display()))?,
        );
        for row in &rows {
            for s in &row.scores {
                serde_json::to_writer(&mut w, s)?;
                w.write_all(b"\n")?;
            }
        }
        w.flush()?;
    }

    let table = TableOptions {
        resamples: args.resamples,
        seed: args.seed,
        wide: args.wide,
        markdown: args.markdown,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    out.write_all(chorus_eval::report(&rows, clusters.len(), args.words, &table).as_bytes())?;
    out.flush()?;
    Ok(if rows.iter().any(|r| !r.scores.is_empty()) {
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

/// Reads the peers file (a bad line is one error naming file and line; the other peers
/// are still scored) and scores the `wanted` peers.
fn score_peers(path: &Path, clusters: &[Cluster], wanted: &[String]) -> anyhow::Result<Vec<Row>> {
    let reader =
        input::Lines::open(path).map_err(|e| anyhow::anyhow!("{}: {e}", input::shown(path)))?;
    let mut peers: Vec<Peer> = Vec::new();
    for (n, line) in reader {
        match line.and_then(|l| serde_json::from_str(&l).map_err(|e| e.to_string())) {
            Ok(p) => peers.push(p),
            Err(e) => eprintln!(
                "chorus: {}:{n}: not a peer line: {}",
                input::shown(path),
                input::one_line(&e)
            ),
        }
    }
    let (rows, errors) = chorus_eval::score_peers(&peers, clusters, wanted);
    for e in errors {
        eprintln!(
            "chorus: {}: {}",
            input::shown(path),
            input::one_line(&e.to_string())
        );
    }
    for want in wanted {
        let label = if want == "humans" {
            "human summaries (avg)".to_string()
        } else {
            format!("DUC peer {want}")
        };
        if !rows.iter().any(|r| r.system == label) {
            eprintln!("chorus: no summaries of peer {want} in {}", path.display());
        }
    }
    Ok(rows)
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
    if let Some(s) = &args.systems {
        if s.len() != 2 {
            anyhow::bail!("--systems wants two names separated by a comma (A,B), not {s:?}");
        }
    }
    let wanted = |i: usize| {
        args.systems
            .as_ref()
            .and_then(|s| s.get(i))
            .map(|s| s.trim())
    };
    let mut picked = Vec::new();
    for (i, path) in [a, b].into_iter().enumerate() {
        let (_, scores, note) = chorus_eval::pick_system(&read(path)?, wanted(i))
            .with_context(|| input::shown(path))?;
        if let Some(note) = note {
            eprintln!("chorus: {}: {note}", input::shown(path));
        }
        picked.push(scores);
    }
    let comparison = chorus_eval::compare(&picked[0], &picked[1], args.resamples, args.seed)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    out.write_all(comparison.render().as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
