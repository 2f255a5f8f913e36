//! `chorus stories` (a stream of articles into ranked stories with summaries) and
//! `chorus eval-stories` (the clustering scored against gold story labels).
//!
//! Bad items (a broken feed line, a page without a date) are one stderr line each naming
//! the file and line; the rest of the stream still runs.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chorus_ingest::error::one_line;
use chorus_select::{summarize_options, Method, SummarizeParams};
use chorus_stories::cluster::Params;
use chorus_stories::story::{self, StoryJson};
use chorus_stories::{input, Article};

use crate::summarize::method_parser;

/// Output formats of `chorus stories`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum StoriesFormat {
    /// A heading line per story, its outlets, then its summary.
    Text,
    /// A section per story with cited sources.
    Md,
    /// One JSON object `{"stories": [...]}`.
    Json,
    /// One JSON story per line.
    Jsonl,
}

/// Clustering settings shared by `stories` and `eval-stories`.
#[derive(clap::Args)]
struct ClusterArgs {
    /// Cosine similarity to a story's centroid at which an article joins it.
    #[arg(long, default_value_t = Params::default().threshold)]
    threshold: f64,
    /// Weight of a name (a capitalized word inside a sentence) against a plain word's 1.
    #[arg(long, default_value_t = Params::default().name_weight)]
    name_weight: f64,
    /// Weight of a number against a plain word's 1.
    #[arg(long, default_value_t = Params::default().number_weight)]
    number_weight: f64,
    /// Words of each article read for clustering (after the headline).
    #[arg(long, default_value_t = Params::default().lead_words)]
    lead_words: usize,
}

impl ClusterArgs {
    fn params(&self, window_days: Option<f64>) -> anyhow::Result<Params> {
        if !(0.0..=1.0).contains(&self.threshold) {
            anyhow::bail!(
                "--threshold must be between 0 and 1, got {}",
                self.threshold
            );
        }
        let window = match window_days {
            None => i64::MAX,
            Some(d) if d.is_finite() && d > 0.0 => (d * 86_400.0).round() as i64,
            Some(d) => anyhow::bail!("--window must be a positive number of days, got {d}"),
        };
        Ok(Params {
            threshold: self.threshold,
            window,
            name_weight: self.name_weight,
            number_weight: self.number_weight,
            lead_words: self.lead_words.max(1),
            ..Params::default()
        })
    }
}

/// Arguments of `chorus stories`.
#[derive(clap::Args)]
pub struct StoriesArgs {
    /// Folders of pages or text files, SGML files, JSONL feeds
    /// (`{"id","url"?,"source"?,"date"?,"title"?,"text"|"html"}` per line). May be empty
    /// with `--db`: the stored stories are printed.
    inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "text")]
    format: StoriesFormat,
    /// Leave out stories with fewer independent origins (copies of one article count once).
    #[arg(long, default_value_t = 2)]
    min_sources: usize,
    /// Days after its last article that a story closes (fractions allowed).
    #[arg(long, default_value_t = 3.0)]
    window: f64,
    #[command(flatten)]
    cluster: ClusterArgs,
    /// Keep the stream in this SQLite file: a later run extends its stories.
    #[arg(long)]
    db: Option<PathBuf>,
    /// Word budget of each story's summary.
    #[arg(long, short, default_value_t = 100)]
    words: usize,
    /// Summarization method.
    #[arg(long, short, default_value = "ilp", ignore_case = true, value_parser = method_parser())]
    method: Method,
    /// No summaries: only the stories and their sources.
    #[arg(long)]
    no_summary: bool,
    /// Leave out each summary's claims report (`disagreements`, `agreements`).
    #[arg(long)]
    no_claims: bool,
    /// Worker threads (default: one per core). Output does not depend on it.
    #[arg(long, short = 'j')]
    threads: Option<usize>,
}

fn threads(n: Option<usize>) -> anyhow::Result<()> {
    if let Some(n) = n {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("starting worker threads")?;
    }
    Ok(())
}

/// Prints the stream's warnings and errors, one line each.
fn report(stream: &input::Stream) {
    for w in &stream.warnings {
        eprintln!("chorus: warning: {}", one_line(w));
    }
    for e in &stream.errors {
        eprintln!("chorus: {}", one_line(e));
    }
}

/// Runs `chorus stories`.
pub fn run(args: StoriesArgs) -> anyhow::Result<ExitCode> {
    threads(args.threads)?;
    let params = args.cluster.params(Some(args.window))?;
    let summary = if args.no_summary {
        None
    } else {
        Some(summarize_options(&SummarizeParams {
            method: args.method,
            words: Some(args.words),
            ..SummarizeParams::default()
        })?)
    };
    let opts = story::Options {
        min_sources: args.min_sources,
        summary,
        claims: !args.no_claims,
        ..story::Options::default()
    };
    if args.inputs.is_empty() && args.db.is_none() {
        anyhow::bail!("give articles to read, or --db with stored stories");
    }
    let stream = input::read(&args.inputs);
    report(&stream);
    let read = stream.articles.len();
    let stories = match &args.db {
        None => {
            if stream.articles.is_empty() {
                eprintln!("chorus: no usable article");
                return Ok(ExitCode::from(1));
            }
            stories_of(&stream.articles, &params, &opts)
        }
        Some(path) => {
            let mut store = chorus_stories::store::Store::open(path)?;
            let run = store.run(stream.articles, &params, &opts)?;
            eprintln!(
                "chorus: {}: {} stored articles, {} read, {} new, {} stored texts read again{}",
                path.display(),
                run.stored,
                read,
                run.new,
                run.texts_reread,
                if run.reclustered {
                    " (the whole stored stream clustered again)"
                } else {
                    ""
                }
            );
            run.stories
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        StoriesFormat::Text => out.write_all(story::text(&stories).as_bytes())?,
        StoriesFormat::Md => out.write_all(story::markdown(&stories).as_bytes())?,
        StoriesFormat::Json => {
            serde_json::to_writer(&mut out, &serde_json::json!({ "stories": stories }))?;
            out.write_all(b"\n")?;
        }
        StoriesFormat::Jsonl => {
            for s in &stories {
                serde_json::to_writer(&mut out, s)?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn stories_of(articles: &[Article], params: &Params, opts: &story::Options) -> Vec<StoryJson> {
    let clustered = chorus_stories::cluster(articles, params);
    story::build(articles, &clustered, opts)
}

/// Output formats of `chorus eval-stories`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum EvalFormat {
    /// One line per measure.
    Text,
    /// One JSON object.
    Json,
}

/// Arguments of `chorus eval-stories`.
#[derive(clap::Args)]
pub struct EvalStoriesArgs {
    /// Labelled JSONL feeds: every line carries its gold story in `"label"`.
    inputs: Vec<PathBuf>,
    /// Instead of feeds: a batch of clusters (JSONL, or a DUC folder of topic folders);
    /// each cluster is a gold story and its documents make one date-ordered stream.
    #[arg(long, conflicts_with = "inputs")]
    clusters: Option<PathBuf>,
    /// Days after its last article that a story closes [default: never: gold topic
    /// collections such as DUC's span years].
    #[arg(long)]
    window: Option<f64>,
    #[command(flatten)]
    cluster: ClusterArgs,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "text")]
    format: EvalFormat,
    /// Also write the labelled stream, in date order, as a JSONL feed to this file (the
    /// dev stream for `chorus stories`, for `--db` runs and the scale benchmark).
    #[arg(long)]
    write_stream: Option<PathBuf>,
    /// Also list every predicted story that merges gold stories, and every split gold story.
    #[arg(long)]
    details: bool,
    /// Worker threads (default: one per core). Output does not depend on it.
    #[arg(long, short = 'j')]
    threads: Option<usize>,
}

/// Runs `chorus eval-stories`.
pub fn eval(args: EvalStoriesArgs) -> anyhow::Result<ExitCode> {
    threads(args.threads)?;
    let params = args.cluster.params(args.window)?;
    let stream = match &args.clusters {
        Some(path) => {
            let loaded = chorus_ingest::load(std::slice::from_ref(path));
            for w in &loaded.warnings {
                eprintln!("chorus: warning: {}", one_line(w));
            }
            let mut clusters = Vec::new();
            for c in loaded.clusters {
                match c {
                    Ok(c) => clusters.push(c),
                    Err(e) => eprintln!("chorus: {}", one_line(&e.to_string())),
                }
            }
            input::from_clusters(&clusters)
        }
        None if args.inputs.is_empty() => {
            anyhow::bail!("give labelled JSONL feeds, or --clusters with a batch of clusters")
        }
        None => input::read(&args.inputs),
    };
    report(&stream);
    let mut articles = stream.articles;
    let before = articles.len();
    articles.retain(|a| a.label.is_some());
    if articles.len() < before {
        eprintln!(
            "chorus: warning: {} article(s) without a \"label\" left out of the evaluation",
            before - articles.len()
        );
    }
    if articles.is_empty() {
        eprintln!("chorus: no labelled article");
        return Ok(ExitCode::from(1));
    }
    if let Some(path) = &args.write_stream {
        write_stream(path, &articles)
            .with_context(|| format!("writing the stream to {}", path.display()))?;
    }
    let clustered = chorus_stories::cluster(&articles, &params);
    let gold: Vec<&str> = articles
        .iter()
        .map(|a| a.label.as_deref().unwrap_or(""))
        .collect();
    let scores = chorus_stories::evaluate::score(&gold, &clustered.story_of);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        EvalFormat::Json => {
            serde_json::to_writer(&mut out, &scores)?;
            out.write_all(b"\n")?;
        }
        EvalFormat::Text => {
            writeln!(
                out,
                "articles {}  gold stories {}  predicted stories {}",
                scores.items, scores.gold, scores.predicted
            )?;
            writeln!(
                out,
                "B-cubed P {:.4}  R {:.4}  F1 {:.4}",
                scores.precision, scores.recall, scores.f1
            )?;
            writeln!(out, "ARI {:.4}  NMI {:.4}", scores.ari, scores.nmi)?;
            writeln!(
                out,
                "split gold stories {}  merged predicted stories {}",
                scores.split, scores.merged
            )?;
        }
    }
    if args.details {
        details(&mut out, &articles, &clustered)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Writes `articles` in stream order as a JSONL feed with labels.
fn write_stream(path: &std::path::Path, articles: &[Article]) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for i in chorus_stories::stream_order(articles) {
        let a = &articles[i];
        let line = serde_json::json!({
            "id": a.id,
            "source": a.outlet,
            "date": a.date,
            "title": a.title,
            "text": a.text,
            "label": a.label,
        });
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// Lists merged predicted stories and split gold stories with their label counts.
fn details(
    out: &mut impl Write,
    articles: &[Article],
    clustered: &chorus_stories::Clustered,
) -> anyhow::Result<()> {
    use std::collections::BTreeMap;
    let label = |i: usize| articles[i].label.as_deref().unwrap_or("");
    for (s, m) in clustered.stories.iter().enumerate() {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for &i in &m.articles {
            *counts.entry(label(i)).or_insert(0) += 1;
        }
        if counts.len() > 1 {
            writeln!(out, "merged story {s}: {counts:?}")?;
        }
    }
    let mut per_gold: BTreeMap<&str, BTreeMap<usize, usize>> = BTreeMap::new();
    for (i, &s) in clustered.story_of.iter().enumerate() {
        *per_gold.entry(label(i)).or_default().entry(s).or_insert(0) += 1;
    }
    for (g, stories) in per_gold {
        if stories.len() > 1 {
            writeln!(out, "split {g}: {stories:?}")?;
        }
    }
    Ok(())
}
