//! `chorus summarize`: read inputs, summarize each cluster in parallel, print summaries.
//!
//! Batch contract: every item of a batch (JSONL line, topic folder) gives exactly one
//! stdout line, in input order: its summary, or `{"id"?, "file"?, "line"?, "error"}`; each
//! error is also one stderr line naming the file and the file's line number.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chorus_ingest::error::one_line;
use chorus_ingest::{IngestError, Origin};
use chorus_model::Cluster;
use chorus_render::Format;
use chorus_select::{summarize_options, Method, Options, SelectError, SummarizeParams};
use chorus_text::tokenize::StemmerChoice;
use rayon::prelude::*;

/// Output format names for `--format`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    /// One sentence per line.
    Text,
    /// Sentences with [n] citations and a source list.
    Md,
    /// One JSON object per cluster (documented schema).
    Json,
}

impl FormatArg {
    /// The name `--format` takes.
    fn name(self) -> &'static str {
        match self {
            FormatArg::Text => "text",
            FormatArg::Md => "md",
            FormatArg::Json => "json",
        }
    }
}

/// Stemmer names for `--stemmer`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum StemmerArg {
    /// Snowball English (Porter2).
    Snowball,
    /// No stemming.
    None,
}

/// Arguments of `chorus summarize`.
#[derive(clap::Args)]
pub struct SummarizeArgs {
    /// Article files, a folder (one cluster), `-` for stdin, a Multi-News file, or a JSONL
    /// batch (one cluster per line; output is then one JSON line per cluster).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Summarization method (the README's "Methods" table says what each does).
    #[arg(long, short, default_value = "ilp", ignore_case = true, value_parser = method_parser())]
    method: Method,
    /// Word budget (whole sentences only).
    #[arg(long, short, default_value_t = 100, conflicts_with = "sentences")]
    words: usize,
    /// Sentence budget instead of a word budget.
    #[arg(long, short)]
    sentences: Option<usize>,
    /// Output format [default: text] (batches always print JSON lines; another format
    /// given for a batch is warned about).
    #[arg(long, short, value_enum)]
    format: Option<FormatArg>,
    /// Focus question; overrides a cluster's own `query`.
    #[arg(long, short)]
    query: Option<String>,
    /// Ignore any query, the input's included (generic summary).
    #[arg(long, conflicts_with = "query")]
    no_query: bool,
    /// Show whole sentences: no cutting of attributions, parentheticals and asides.
    #[arg(long)]
    no_compress: bool,
    /// Keep boilerplate (widgets, RELATED lines, datelines): split the raw text.
    #[arg(long)]
    no_clean: bool,
    /// Similarity at which two sentences say the same thing: never both chosen, and each
    /// corroborates the other's document.
    #[arg(long, default_value_t = Options::default().similarity_threshold)]
    similarity: f64,
    /// Sentences with fewer words are never chosen.
    #[arg(long, default_value_t = Options::default().min_sentence_words)]
    min_words: usize,
    /// Stemmer used when comparing words.
    #[arg(long, value_enum, default_value = "snowball")]
    stemmer: StemmerArg,
    /// Keep stop words when comparing sentences.
    #[arg(long)]
    keep_stopwords: bool,
    /// Do not compare figures and quotes across the sources (no `disagreements` section,
    /// no "Where sources differ" block).
    #[arg(long)]
    no_claims: bool,
    /// Worker threads for batches (default: one per core). Output does not depend on it.
    #[arg(long, short = 'j')]
    threads: Option<usize>,
}

/// `--method`'s parser: the names of [`Method::ALL`], so `--help` and a wrong name list them.
pub(crate) fn method_parser() -> impl clap::builder::TypedValueParser<Value = Method> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(Method::ALL.iter().map(|m| m.name()))
        .try_map(|name| name.parse::<Method>())
}

impl SummarizeArgs {
    fn options(&self) -> anyhow::Result<Options> {
        let params = SummarizeParams {
            method: self.method,
            words: if self.sentences.is_some() {
                None
            } else {
                Some(self.words)
            },
            sentences: self.sentences,
            query: self.query.clone(),
            ignore_query: self.no_query,
            compress: !self.no_compress,
            clean: !self.no_clean,
            similarity: Some(self.similarity),
            min_words: Some(self.min_words),
            stemmer: match self.stemmer {
                StemmerArg::Snowball => StemmerChoice::Snowball,
                StemmerArg::None => StemmerChoice::None,
            },
            keep_stopwords: self.keep_stopwords,
        };
        Ok(summarize_options(&params)?)
    }
}

/// Runs `chorus summarize`.
pub fn run(args: SummarizeArgs) -> anyhow::Result<ExitCode> {
    let opts = args.options()?;
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("starting worker threads")?;
    }
    let loaded = chorus_ingest::load(&args.inputs);
    for warning in &loaded.warnings {
        eprintln!("chorus: warning: {}", one_line(warning));
    }
    // Mixing batch and article inputs is a usage error (exit 2), not a failed item.
    if let Some(e) = loaded
        .clusters
        .iter()
        .filter_map(|c| c.as_ref().err())
        .find(|e| matches!(e.problem(), IngestError::Mixed { .. }))
    {
        anyhow::bail!("{e}");
    }
    let format = if loaded.batch {
        if let Some(asked @ (FormatArg::Text | FormatArg::Md)) = args.format {
            eprintln!(
                "chorus: warning: --format {} does not apply to a batch: it prints one JSON line per cluster",
                asked.name()
            );
        }
        Format::Json
    } else {
        match args.format.unwrap_or(FormatArg::Text) {
            FormatArg::Text => Format::Text,
            FormatArg::Md => Format::Markdown,
            FormatArg::Json => Format::Json,
        }
    };
    let progress = progress_bar(loaded.clusters.len() as u64, loaded.batch);
    let clean = opts.sentences.clean;
    let claims = !args.no_claims;
    let results: Vec<Result<String, (Origin, String)>> = loaded
        .clusters
        .into_par_iter()
        .zip(loaded.origins)
        .map(|(item, origin)| {
            let out = match item {
                Err(e) => Err(e.to_string()),
                Ok(cluster) => chorus_select::summarize(&cluster, &opts)
                    .map(|summary| {
                        let json = if claims {
                            chorus_render::to_json_with_claims(&cluster, &summary, &opts.sentences)
                        } else {
                            chorus_render::to_json(&cluster, &summary)
                        };
                        chorus_render::render(&json, format)
                    })
                    .map_err(|e| select_message(&e, &cluster, &origin, clean)),
            };
            progress.inc(1);
            out.map_err(|message| (origin, one_line(&message).into_owned()))
        })
        .collect();
    progress.finish_and_clear();

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut ok, mut failed) = (0usize, 0usize);
    for result in results {
        match result {
            Ok(rendered) => {
                ok += 1;
                out.write_all(rendered.as_bytes())?;
                if format == Format::Json {
                    out.write_all(b"\n")?;
                }
            }
            Err((origin, message)) => {
                failed += 1;
                eprintln!("chorus: {message}");
                if loaded.batch {
                    writeln!(out, "{}", error_line(&origin, &message))?;
                }
            }
        }
    }
    out.flush()?;
    if failed > 0 && loaded.batch {
        eprintln!("chorus: {ok} summarized, {failed} failed");
    }
    Ok(if ok == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The one-line message for a cluster that could not be summarized: where it came from
/// (file and line), and, when cleaning dropped repeated lines, how many and how to keep
/// them.
fn select_message(e: &SelectError, cluster: &Cluster, origin: &Origin, clean: bool) -> String {
    let mut message = match origin.location() {
        Some(at) => format!("{at}: {e}"),
        None => e.to_string(),
    };
    if clean && matches!(e, SelectError::NoUsableSentence { .. }) {
        let (repeated, lines) = cluster
            .documents
            .iter()
            .map(|d| chorus_text::clean::repeated_lines(&d.text))
            .fold((0, 0), |(r, n), (dr, dn)| (r + dr, n + dn));
        if repeated > 0 {
            message.push_str(&format!(
                ": {repeated} of {lines} lines were dropped as repeated boilerplate; --no-clean keeps them"
            ));
        }
    }
    message
}

/// The stdout line standing in for a batch item that failed: `{"id"?, "file"?, "line"?,
/// "error"}`, so that output line N is always input item N.
fn error_line(origin: &Origin, message: &str) -> String {
    let mut line = serde_json::Map::new();
    if let Some(id) = &origin.id {
        line.insert("id".into(), id.clone().into());
    }
    if let Some(path) = &origin.path {
        line.insert("file".into(), path.to_string_lossy().into_owned().into());
    }
    if let Some(n) = origin.line {
        line.insert("line".into(), n.into());
    }
    line.insert("error".into(), message.into());
    serde_json::Value::Object(line).to_string()
}

/// A progress bar on stderr for batches when stderr is a terminal; hidden otherwise.
fn progress_bar(len: u64, batch: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !batch || len < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} clusters {elapsed} (eta {eta})",
    ) {
        bar.set_style(style);
    }
    bar
}
