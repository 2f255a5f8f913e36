//! `chorus summarize`: read inputs, summarize each cluster in parallel, print summaries.
//!
//! Batch contract: every item of a batch (JSONL line, topic folder) gives exactly one
//! stdout line, in input order: its summary, or `{"id"?, "file"?, "line"?, "error"}`; each
//! error is also one stderr line naming the file and the file's line number.
//!
//! JSONL batches (`.jsonl` files, or stdin whose first line is a JSON object) are streamed:
//! lines are read lazily, summarized in parallel, and written in input order as they are
//! done, with a window of items in flight ([`crate::output::ordered`]), so memory does not
//! grow with the batch and output starts before the input ends. Other inputs are loaded
//! whole by chorus-ingest first (a cluster of articles is one item anyway).

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chorus_ingest::error::one_line;
use chorus_ingest::{jsonl, sniff, IngestError, Origin};
use chorus_model::Cluster;
use chorus_render::Format;
use chorus_select::{summarize_options, Method, Options, SelectError, SummarizeParams};
use chorus_text::tokenize::StemmerChoice;

use crate::input;

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
    let job = Job {
        opts,
        claims: !args.no_claims,
        format: Format::Json,
    };
    if let Some(streams) = jsonl_streams(&args.inputs) {
        if let Some(asked @ (FormatArg::Text | FormatArg::Md)) = args.format {
            warn_batch_format(asked);
        }
        return stream(streams, &job);
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
            warn_batch_format(asked);
        }
        Format::Json
    } else {
        match args.format.unwrap_or(FormatArg::Text) {
            FormatArg::Text => Format::Text,
            FormatArg::Md => Format::Markdown,
            FormatArg::Json => Format::Json,
        }
    };
    let job = Job { format, ..job };
    let batch = loaded.batch;
    let progress = progress_bar(Some(loaded.clusters.len() as u64), batch);
    let items = loaded
        .clusters
        .into_iter()
        .zip(loaded.origins)
        .map(|(item, origin)| (Vec::new(), item, origin));
    let mut tally = Tally::new(batch, format);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    crate::output::ordered(
        items,
        crate::output::window(),
        |_| 1,
        |(warnings, item, origin)| (warnings, job.run(item, origin)),
        |(warnings, result)| {
            progress.inc(1);
            tally.write(&mut out, &warnings, result)
        },
    )?;
    progress.finish_and_clear();
    out.flush()?;
    Ok(tally.finish())
}

/// What every item of a run is summarized with.
struct Job {
    opts: Options,
    claims: bool,
    format: Format,
}

impl Job {
    /// Summarizes one item and renders it, or says in one line why it could not be.
    fn run(
        &self,
        item: Result<Cluster, IngestError>,
        origin: Origin,
    ) -> Result<String, (Origin, String)> {
        let out = match item {
            Err(e) => Err(e.to_string()),
            Ok(cluster) => {
                // The claims analysis does not depend on the summary, so it runs beside
                // it: a big cluster uses a second core for it (the report is the one
                // `to_json_with_claims` would build, so output is unchanged).
                let (summary, report) = if self.claims {
                    let (summary, report) = rayon::join(
                        || chorus_select::summarize(&cluster, &self.opts),
                        || {
                            chorus_claims::analyze(
                                &cluster,
                                &self.opts.sentences,
                                &chorus_claims::AlignOptions::default(),
                            )
                        },
                    );
                    (summary, Some(report))
                } else {
                    (chorus_select::summarize(&cluster, &self.opts), None)
                };
                summary
                    .map(|summary| {
                        let mut json = chorus_render::to_json(&cluster, &summary);
                        if let Some(report) = &report {
                            chorus_render::attach_claims(&mut json, &cluster, &summary, report);
                        }
                        chorus_render::render(&json, self.format)
                    })
                    .map_err(|e| select_message(&e, &cluster, &origin, self.opts.sentences.clean))
            }
        };
        out.map_err(|message| (origin, one_line(&message).into_owned()))
    }
}

/// Writes results in input order and counts them, for the closing line and the exit code.
struct Tally {
    batch: bool,
    format: Format,
    ok: usize,
    failed: usize,
}

impl Tally {
    fn new(batch: bool, format: Format) -> Tally {
        Tally {
            batch,
            format,
            ok: 0,
            failed: 0,
        }
    }

    /// One item: its warnings on stderr, then its output (or its error on stderr and, in a
    /// batch, its error line on stdout).
    fn write(
        &mut self,
        out: &mut impl Write,
        warnings: &[String],
        result: Result<String, (Origin, String)>,
    ) -> std::io::Result<()> {
        for warning in warnings {
            eprintln!("chorus: warning: {}", one_line(warning));
        }
        match result {
            Ok(rendered) => {
                self.ok += 1;
                out.write_all(rendered.as_bytes())?;
                if self.format == Format::Json {
                    out.write_all(b"\n")?;
                }
            }
            Err((origin, message)) => {
                self.failed += 1;
                eprintln!("chorus: {message}");
                if self.batch {
                    writeln!(out, "{}", error_line(&origin, &message))?;
                }
            }
        }
        // A streamed batch shows each line as it is done (a reader downstream may be
        // waiting); the buffer still batches writes between items.
        if self.batch && self.format == Format::Json {
            out.flush()?;
        }
        Ok(())
    }

    fn finish(&self) -> ExitCode {
        if self.failed > 0 && self.batch {
            eprintln!("chorus: {} summarized, {} failed", self.ok, self.failed);
        }
        if self.ok == 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

fn warn_batch_format(asked: FormatArg) {
    eprintln!(
        "chorus: warning: --format {} does not apply to a batch: it prints one JSON line per cluster",
        asked.name()
    );
}

/// One JSONL input to stream: how it is shown in messages, and its bytes.
struct JsonlStream {
    shown: PathBuf,
    reader: Box<dyn BufRead + Send>,
}

/// The inputs as JSONL streams, when every input is one: a regular `.jsonl`/`.ndjson` file,
/// or stdin (given alone) whose first line is a JSON object. A stream has no cap on its
/// total size (only on a line's): memory is bounded by the window of items in flight.
/// `None` sends everything else (articles, folders, UTF-16, a missing file: errors
/// chorus-ingest words) to the loading path.
fn jsonl_streams(inputs: &[PathBuf]) -> Option<Vec<JsonlStream>> {
    if let [one] = inputs {
        if input::is_stdin(one) {
            return stdin_stream().map(|s| vec![s]);
        }
    }
    let mut streams = Vec::with_capacity(inputs.len());
    for path in inputs {
        if !sniff::has_jsonl_extension(path) {
            return None;
        }
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() {
            return None;
        }
        let file = chorus_ingest::open_regular_file(path).ok()?;
        let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
        if sniff::has_utf16_bom(reader.fill_buf().ok()?) {
            return None;
        }
        streams.push(JsonlStream {
            shown: path.clone(),
            reader: Box::new(reader),
        });
    }
    Some(streams)
}

/// Stdin as a JSONL stream when it starts like one. Peeking goes through the process's
/// stdin buffer, so when stdin is not JSONL nothing is lost for chorus-ingest to read. A
/// first line longer than that buffer counts as JSONL when it opens with `{`.
fn stdin_stream() -> Option<JsonlStream> {
    let stdin = std::io::stdin();
    let jsonl = {
        let mut lock = stdin.lock();
        let head = lock.fill_buf().ok()?;
        let bom_free = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let first = bom_free
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .map(|at| &bom_free[at..]);
        match first {
            Some(rest) if rest.contains(&b'\n') => sniff::starts_like_jsonl(head),
            Some(rest) => rest.first() == Some(&b'{'),
            None => false,
        }
    };
    jsonl.then(|| JsonlStream {
        shown: PathBuf::from("<stdin>"),
        reader: Box::new(std::io::BufReader::with_capacity(1 << 16, stdin)),
    })
}

/// An item of a streamed batch before it is summarized: its file's label and line, and
/// the line's bytes (or why they could not be read).
type RawItem = (PathBuf, input::RawLine);

/// Summarizes JSONL streams: lines read lazily, in parallel, written in order.
fn stream(streams: Vec<JsonlStream>, job: &Job) -> anyhow::Result<ExitCode> {
    let items = streams.into_iter().flat_map(|s| {
        let shown = s.shown;
        input::RawLines::new(
            s.reader,
            chorus_ingest::Options::default().max_line_bytes,
            u64::MAX,
        )
        .map(move |line| (shown.clone(), line))
    });
    let progress = progress_bar(None, true);
    let mut tally = Tally::new(true, Format::Json);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    crate::output::ordered(
        items,
        crate::output::window(),
        |(_, (_, raw)): &RawItem| {
            crate::output::cost_of_bytes(raw.as_ref().map_or(0, |bytes| bytes.len()))
        },
        |raw: RawItem| {
            let (warnings, cluster, origin) = parse_raw(raw);
            (warnings, job.run(cluster, origin))
        },
        |(warnings, result)| {
            progress.inc(1);
            tally.write(&mut out, &warnings, result)
        },
    )?;
    progress.finish_and_clear();
    out.flush()?;
    Ok(tally.finish())
}

/// One JSONL line as chorus-ingest reads a batch line: decoded (lossily, with a warning),
/// parsed into a cluster, skipped documents as warnings, errors naming file and line.
fn parse_raw((shown, (line, raw)): RawItem) -> (Vec<String>, Result<Cluster, IngestError>, Origin) {
    let item = match raw.and_then(|bytes| {
        let decoded = sniff::decode(&bytes)?;
        Ok((decoded.lossy, jsonl::parse_line_item(&decoded.text, line)))
    }) {
        Ok((lossy, item)) => jsonl::Item { lossy, ..item },
        Err(e) => jsonl::Item {
            line,
            id: None,
            lossy: false,
            cluster: Err(e.with_line(line)),
            skipped: Vec::new(),
        },
    };
    let mut warnings = Vec::new();
    if item.lossy {
        warnings.push(format!(
            "{}:{line}: invalid UTF-8, decoded with U+FFFD replacement characters",
            chorus_ingest::error::shown(&shown)
        ));
    }
    warnings.extend(item.skipped.into_iter().map(|e| {
        let e = e.with_path(&shown);
        match e.problem() {
            IngestError::DuplicateId { .. } => e.to_string(),
            _ => format!("{e}; skipped"),
        }
    }));
    let origin = Origin {
        path: Some(shown.clone()),
        line: Some(line),
        id: item.id,
    };
    (
        warnings,
        item.cluster.map_err(|e| e.with_path(&shown)),
        origin,
    )
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

/// A progress bar on stderr for batches when stderr is a terminal; hidden otherwise. A
/// streamed batch has no known length: it counts clusters as they are written.
fn progress_bar(len: Option<u64>, batch: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !batch || len.is_some_and(|n| n < 2) || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let (bar, template) = match len {
        Some(n) => (
            indicatif::ProgressBar::new(n),
            "{bar:40} {pos}/{len} clusters {elapsed} (eta {eta})",
        ),
        None => (
            indicatif::ProgressBar::no_length(),
            "{spinner} {pos} clusters {elapsed} ({per_sec})",
        ),
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}
