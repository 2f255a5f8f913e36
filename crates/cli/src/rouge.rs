//! `chorus rouge`: score summaries with ROUGE, reproducing ROUGE-1.5.5 or rouge-score.
//!
//! Inputs: a pairs JSONL (`{"id","prediction","references":[...]}` a line), predictions
//! JSONL joined by id to references JSONL (or a clusters JSONL with `references`, or
//! `chorus summarize` JSON lines as predictions), or files/folders given as PRED REF...
//! Accepts ROUGE-1.5.5's flag spellings (`-n 4 -w 1.2 -m -2 4 -u -p 0.5 -f A -s -l N -b N
//! -c 95 -r 1000 -a -d -t 0`) so a command from a paper can be pasted.

use std::collections::HashMap;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};

use crate::input;
use chorus_rouge::{Compat, Config, Limit, Metric, MultiRef, Score, Scorer, Scores};
use serde_json::{json, Value};

/// Compatibility mode on the command line.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum CompatArg {
    /// ROUGE-1.5.5.pl exactly (ASCII tokens, 5-decimal rounding).
    Rouge155,
    /// Google's rouge-score exactly.
    RougeScore,
    /// ROUGE-1.5.5 semantics, letters of any script tokenize.
    Default,
}

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Aggregate table (default on a terminal).
    Table,
    /// One JSON document: per-item scores and the aggregate (default otherwise).
    Json,
    /// One JSON line per item, in input order.
    Jsonl,
}

/// Arguments of `chorus rouge`.
#[derive(clap::Args, Debug)]
pub struct RougeArgs {
    /// PRED REF [REF...]: a prediction file and its reference files, or a folder of
    /// predictions and folder(s) of references (references `NAME` or `NAME.*` go with
    /// prediction `NAME.*`). One sentence per line.
    inputs: Vec<PathBuf>,
    /// JSONL of pairs: {"id","prediction","references":[...]} a line ("-" = stdin).
    #[arg(long)]
    pairs: Option<PathBuf>,
    /// JSONL of predictions ({"id","prediction"|"summary"|"text"}, or `chorus summarize`
    /// output with "sentences"), joined by id to --references.
    #[arg(long, requires = "references")]
    predictions: Option<PathBuf>,
    /// JSONL of references for --predictions: {"id","references":[text or {"text"}]} (a
    /// clusters JSONL works).
    #[arg(long)]
    references: Option<PathBuf>,
    /// Whose semantics to reproduce.
    #[arg(long, value_enum, default_value = "default")]
    compat: CompatArg,
    /// Metrics, comma-separated (rouge-1..4, rouge-l, rouge-lsum, rouge-w-1.2, rouge-su4, ...).
    /// Without it and without -n/-w/-2: rouge-1, rouge-2, rouge-l, rouge-su4
    /// (rouge-score mode: rouge1, rouge2, rougeL, rougeLsum).
    #[arg(long, value_delimiter = ',')]
    metrics: Vec<String>,
    /// Output format [default: table on a terminal, json otherwise].
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Score each item against every set of all-but-one references and average (DUC/TAC).
    #[arg(long)]
    jackknife: bool,
    /// ROUGE-1.5.5 -n: ROUGE-N for N = 1..n.
    #[arg(short = 'n', value_name = "N")]
    ngram: Option<u8>,
    /// ROUGE-1.5.5 -w: ROUGE-W with this weight.
    #[arg(short = 'w', value_name = "WEIGHT")]
    weight: Option<f64>,
    /// ROUGE-1.5.5 -2: skip-bigrams with at most this gap (negative: no limit).
    #[arg(short = '2', value_name = "SKIP", allow_hyphen_values = true)]
    skip: Option<i32>,
    /// ROUGE-1.5.5 -u: add unigrams to skip-bigrams (ROUGE-SU).
    #[arg(short = 'u')]
    su: bool,
    /// ROUGE-1.5.5 -U: both ROUGE-S and ROUGE-SU.
    #[arg(short = 'U')]
    s_and_su: bool,
    /// ROUGE-1.5.5 -x: no ROUGE-L.
    #[arg(short = 'x')]
    no_l: bool,
    /// ROUGE-1.5.5 -m (rouge-score: use_stemmer): Porter stemming.
    #[arg(short = 'm', long = "stem")]
    stem: bool,
    /// ROUGE-1.5.5 -s: remove stop words.
    #[arg(short = 's')]
    stopwords: bool,
    /// ROUGE-1.5.5 -l: keep the first N words of every summary.
    #[arg(short = 'l', value_name = "WORDS", conflicts_with = "bytes")]
    words: Option<usize>,
    /// ROUGE-1.5.5 -b: keep the first N bytes of every summary.
    #[arg(short = 'b', value_name = "BYTES")]
    bytes: Option<usize>,
    /// ROUGE-1.5.5 -p: alpha, the weight of recall against precision in F.
    #[arg(short = 'p', value_name = "ALPHA", default_value_t = 0.5)]
    alpha: f64,
    /// ROUGE-1.5.5 -f: A = pool all references, B = best reference.
    #[arg(short = 'f', value_name = "A|B")]
    formula: Option<String>,
    /// ROUGE-1.5.5 -c: confidence level of the bootstrap interval, in percent (0 < CF < 100).
    #[arg(short = 'c', value_name = "CF", default_value_t = 95.0)]
    confidence: f64,
    /// ROUGE-1.5.5 -r: bootstrap resamples; 0 means no bootstrap: plain means, no interval.
    #[arg(short = 'r', value_name = "N", default_value_t = 1000)]
    resamples: usize,
    /// ROUGE-1.5.5 -a (evaluate all systems): accepted, always on.
    #[arg(short = 'a')]
    _all: bool,
    /// ROUGE-1.5.5 -d (per-evaluation scores): accepted; jsonl/json print them.
    #[arg(short = 'd')]
    _per_eval: bool,
    /// ROUGE-1.5.5 -t: only 0 (average per summary) is supported.
    #[arg(short = 't', value_name = "0", default_value_t = 0)]
    counting_unit: u8,
    /// ROUGE-1.5.5 -e (data directory): accepted and ignored; the data is built in.
    #[arg(short = 'e', value_name = "DIR")]
    _eval_home: Option<String>,
    /// Worker threads for `--pairs` (default: one per core). Output does not depend on it.
    #[arg(long, short = 'j')]
    threads: Option<usize>,
}

/// One item to score.
struct Item {
    id: String,
    prediction: String,
    references: Vec<String>,
}

impl RougeArgs {
    fn config(&self) -> anyhow::Result<Config> {
        let compat = match self.compat {
            CompatArg::Rouge155 => Compat::Rouge155,
            CompatArg::RougeScore => Compat::RougeScore,
            CompatArg::Default => Compat::Default,
        };
        let mut metrics = Vec::new();
        for m in &self.metrics {
            metrics.push(Metric::parse(m.trim())?);
        }
        let perl_metrics = self.ngram.is_some() || self.weight.is_some() || self.skip.is_some();
        if perl_metrics {
            for n in 1..=self.ngram.unwrap_or(0) {
                metrics.push(Metric::N(n));
            }
            if !self.no_l {
                metrics.push(Metric::L);
            }
            if let Some(w) = self.weight {
                metrics.push(Metric::W(w));
            }
            if let Some(skip) = self.skip {
                if self.s_and_su {
                    metrics.push(Metric::S {
                        skip,
                        unigrams: false,
                    });
                }
                metrics.push(Metric::S {
                    skip,
                    unigrams: self.su || self.s_and_su,
                });
            }
        }
        if metrics.is_empty() {
            let names: &[&str] = match compat {
                Compat::RougeScore => &["rouge1", "rouge2", "rougeL", "rougeLsum"],
                _ => &["rouge-1", "rouge-2", "rouge-l", "rouge-su4"],
            };
            for n in names {
                metrics.push(Metric::parse(n)?);
            }
        }
        if self.counting_unit != 0 {
            bail!(
                "-t {}: only -t 0 (average per summary) is supported",
                self.counting_unit
            );
        }
        let multi_ref = match self.formula.as_deref() {
            None | Some("A") | Some("a") => MultiRef::Average,
            Some("B") | Some("b") => MultiRef::Best,
            Some(other) => bail!("-f {other}: must be A or B"),
        };
        let cfg = Config {
            compat,
            metrics,
            stem: self.stem,
            remove_stopwords: self.stopwords,
            limit: self
                .words
                .map(Limit::Words)
                .or(self.bytes.map(Limit::Bytes)),
            multi_ref: if compat == Compat::RougeScore {
                MultiRef::Best
            } else {
                multi_ref
            },
            alpha: self.alpha,
        };
        cfg.validate()?;
        Ok(cfg)
    }
}

/// Where results go, in input order: a `jsonl` line at once for every item (a score or
/// an error), the per-item scores kept for the `json` document and the table.
struct Sink<'a> {
    format: FormatArg,
    out: BufWriter<std::io::StdoutLock<'a>>,
    /// Every item's scores, for the aggregate of `json` and `table`; `jsonl` writes each
    /// line and keeps nothing, so its memory does not grow with the input.
    scored: Vec<(String, Scores)>,
    /// Items scored.
    ok: usize,
    failed: usize,
}

impl Sink<'_> {
    fn scored(&mut self, id: String, scores: Scores) -> anyhow::Result<()> {
        if self.format == FormatArg::Jsonl {
            serde_json::to_writer(
                &mut self.out,
                &ItemLine {
                    id: &id,
                    scores: &scores,
                },
            )?;
            self.out.write_all(b"\n")?;
        } else {
            self.scored.push((id, scores));
        }
        self.ok += 1;
        Ok(())
    }

    /// An item that could not be scored: one line on stderr naming the file, the line and
    /// the id when known, and in `jsonl` an error line in the item's place.
    fn failed(&mut self, at: &At<'_>, id: Option<&str>, err: &str) -> anyhow::Result<()> {
        self.failed += 1;
        report(at, id, err);
        if self.format == FormatArg::Jsonl {
            let line = ErrorLine {
                id,
                line: at.line,
                error: err,
            };
            serde_json::to_writer(&mut self.out, &line)?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn score(
        &mut self,
        scorer: &mut Scorer,
        jackknife: bool,
        at: &At<'_>,
        item: Item,
    ) -> anyhow::Result<()> {
        let refs: Vec<&str> = item.references.iter().map(String::as_str).collect();
        let result = if jackknife {
            scorer.score_jackknife(&item.prediction, &refs)
        } else {
            scorer.score(&item.prediction, &refs)
        };
        match result {
            Ok(s) => self.scored(item.id, s),
            Err(err) => self.failed(at, Some(&item.id), &err.to_string()),
        }
    }
}

/// What became of one pairs line: its scores, or (its id when known and) why not.
enum Outcome {
    Scored(String, Scores),
    Failed(Option<String>, String),
}

/// The `jsonl` line of an item that could not be scored, in the item's place.
#[derive(serde::Serialize)]
struct ErrorLine<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    error: &'a str,
}

/// Where an item came from: a file, and its line for JSONL.
struct At<'a> {
    file: &'a Path,
    line: Option<usize>,
}

/// One line on stderr: `chorus rouge: FILE:LINE: id ID: problem`.
fn report(at: &At<'_>, id: Option<&str>, err: &str) {
    let mut msg = format!("chorus rouge: {}", input::shown(at.file));
    if let Some(n) = at.line {
        msg.push_str(&format!(":{n}"));
    }
    if let Some(id) = id {
        msg.push_str(&format!(": id {}", input::one_line(id)));
    }
    eprintln!("{msg}: {}", input::one_line(err));
}

/// Checks what clap cannot: the interval's confidence and that there is something to read.
fn check_usage(args: &RougeArgs) -> anyhow::Result<()> {
    if !(args.confidence > 0.0 && args.confidence < 100.0) {
        bail!(
            "-c {}: the confidence level is a percentage strictly between 0 and 100 (95 is usual)",
            args.confidence
        );
    }
    if args.pairs.is_none() && args.predictions.is_none() && args.inputs.is_empty() {
        bail!("nothing to score: give --pairs FILE, --predictions FILE --references FILE, or PRED REF...");
    }
    if args.inputs.len() == 1 {
        bail!("give a prediction and at least one reference (PRED REF...)");
    }
    Ok(())
}

/// Runs `chorus rouge`.
pub fn run(args: RougeArgs) -> anyhow::Result<ExitCode> {
    let config = match check_usage(&args).and_then(|()| args.config()) {
        Ok(c) => c,
        Err(err) => {
            eprintln!("chorus rouge: {err:#}");
            return Ok(ExitCode::from(2));
        }
    };
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        FormatArg::Table
    } else {
        FormatArg::Json
    });
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("starting worker threads")?;
    }
    let mut scorer = Scorer::new(config.clone())?;
    let stdout = std::io::stdout();
    let mut sink = Sink {
        format,
        out: BufWriter::new(stdout.lock()),
        scored: Vec::new(),
        ok: 0,
        failed: 0,
    };
    score_all(&args, &mut scorer, &mut sink)?;
    let Sink {
        mut out,
        scored,
        ok,
        failed,
        ..
    } = sink;
    if ok == 0 && failed == 0 {
        eprintln!("chorus rouge: nothing to score");
        return Ok(ExitCode::from(1));
    }
    match format {
        FormatArg::Jsonl => {}
        FormatArg::Json => {
            let doc = json!({
                "config": config,
                "items": scored.iter().map(|(id, s)| item_json(id, s)).collect::<Vec<_>>(),
                "aggregate": aggregate_json(&config, &scored, &args),
            });
            serde_json::to_writer_pretty(&mut out, &doc)?;
            out.write_all(b"\n")?;
        }
        FormatArg::Table => write_table(&mut out, &config, &scored, &args)?,
    }
    out.flush()?;
    if failed > 0 {
        eprintln!(
            "chorus rouge: {failed} of {} items could not be scored",
            failed + ok
        );
    }
    Ok(if ok == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// One output line: the id, then the metrics in the order asked for, each {r, p, f}.
#[derive(serde::Serialize)]
struct ItemLine<'a> {
    id: &'a str,
    #[serde(flatten)]
    scores: &'a Scores,
}

fn item_json(id: &str, s: &Scores) -> Value {
    serde_json::to_value(ItemLine { id, scores: s }).unwrap_or(Value::Null)
}

/// Per metric: the per-item scores in the order ROUGE-1.5.5 sorts its evals (by id).
fn per_metric(scored: &[(String, Scores)]) -> Vec<(String, Vec<Score>)> {
    let mut order: Vec<usize> = (0..scored.len()).collect();
    order.sort_by(|&a, &b| scored[a].0.cmp(&scored[b].0));
    let Some((_, first)) = scored.first() else {
        return Vec::new();
    };
    first
        .iter()
        .map(|(m, _)| {
            let v = order
                .iter()
                .filter_map(|&i| scored[i].1.get(m).copied())
                .collect();
            (m.to_string(), v)
        })
        .collect()
}

/// The bootstrap aggregate, or `None` with `-r 0`: no resampling, so no interval (the
/// table and JSON then give the plain mean, which is what the script's average tends to).
fn aggregate(config: &Config, v: &[Score], args: &RougeArgs) -> Option<chorus_rouge::Aggregate> {
    if args.resamples == 0 {
        return None;
    }
    Some(match config.compat {
        Compat::RougeScore => {
            chorus_rouge::bootstrap_rouge_score(v, args.resamples, args.confidence / 100.0, 0)
        }
        _ => chorus_rouge::bootstrap_rouge155(v, args.resamples, args.confidence),
    })
}

/// The plain mean of R, P and F.
fn mean(v: &[Score]) -> Score {
    let n = v.len().max(1) as f64;
    Score {
        r: v.iter().map(|s| s.r).sum::<f64>() / n,
        p: v.iter().map(|s| s.p).sum::<f64>() / n,
        f: v.iter().map(|s| s.f).sum::<f64>() / n,
    }
}

fn aggregate_json(config: &Config, scored: &[(String, Scores)], args: &RougeArgs) -> Value {
    let mut obj = serde_json::Map::new();
    for (m, v) in per_metric(scored) {
        obj.insert(
            m,
            json!({"n": v.len(), "mean": mean(&v), "bootstrap": aggregate(config, &v, args)}),
        );
    }
    Value::Object(obj)
}

fn write_table(
    out: &mut impl Write,
    config: &Config,
    scored: &[(String, Scores)],
    args: &RougeArgs,
) -> anyhow::Result<()> {
    let label = match config.compat {
        Compat::Rouge155 => "ROUGE-1.5.5",
        Compat::RougeScore => "rouge-score",
        Compat::Default => "default (ROUGE-1.5.5, any script)",
    };
    if args.resamples == 0 {
        writeln!(
            out,
            "{} items, {label}; means, no bootstrap intervals (-r 0)",
            scored.len()
        )?;
    } else {
        writeln!(
            out,
            "{} items, {label}; {}% bootstrap intervals over {} resamples",
            scored.len(),
            args.confidence,
            args.resamples
        )?;
    }
    writeln!(
        out,
        "{:<12} {:>27} {:>27} {:>27}",
        "metric", "recall", "precision", "F"
    )?;
    for (m, v) in per_metric(scored) {
        let cells = match aggregate(config, &v, args) {
            Some(a) => {
                let cell = |i: chorus_rouge::Interval| {
                    format!("{:.5} ({:.5}-{:.5})", i.mid, i.low, i.high)
                };
                [cell(a.r), cell(a.p), cell(a.f)]
            }
            None => {
                let s = mean(&v);
                [s.r, s.p, s.f].map(|x| format!("{x:.5}"))
            }
        };
        writeln!(
            out,
            "{:<12} {:>27} {:>27} {:>27}",
            m, cells[0], cells[1], cells[2]
        )?;
    }
    Ok(())
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(o) => o.get("text").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

fn id_of(v: &Value, line: usize) -> String {
    match v.get("id") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => format!("{line}"),
    }
}

fn prediction_of(v: &Value) -> Option<String> {
    for key in ["prediction", "summary", "text"] {
        if let Some(s) = v.get(key).and_then(Value::as_str) {
            return Some(s.to_string());
        }
    }
    // `chorus summarize --format json` output: one sentence per line.
    let sents = v.get("sentences")?.as_array()?;
    Some(
        sents
            .iter()
            .filter_map(text_of)
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

fn references_of(v: &Value) -> Vec<String> {
    v.get("references")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(text_of).collect())
        .unwrap_or_default()
}

/// A JSONL line as JSON, or why not.
fn parse_line(text: &str) -> Result<Value, String> {
    serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))
}

/// Reads every input and scores each item as it is read (a JSONL batch is never held in
/// memory); each item ends as one score or one error, in input order.
fn score_all(args: &RougeArgs, scorer: &mut Scorer, sink: &mut Sink<'_>) -> anyhow::Result<()> {
    let jk = args.jackknife;
    if let Some(p) = &args.pairs {
        let lines = match input::Lines::open(p) {
            Ok(l) => l,
            Err(e) => {
                return sink.failed(
                    &At {
                        file: p,
                        line: None,
                    },
                    None,
                    &e,
                )
            }
        };
        // Scored in parallel, a window of lines in flight, written in input order; one
        // scorer per worker at a time (a scorer keeps buffers, and is not `Sync`).
        let config = scorer.config().clone();
        let spare: std::sync::Mutex<Vec<Scorer>> = std::sync::Mutex::new(Vec::new());
        let score = |(n, line): input::Line| -> (usize, Outcome) {
            let v = match line.and_then(|t| parse_line(&t)) {
                Ok(v) => v,
                Err(e) => return (n, Outcome::Failed(None, e)),
            };
            let id = id_of(&v, n);
            let Some(prediction) = prediction_of(&v) else {
                let e = "no prediction (give \"prediction\", \"summary\" or \"text\")";
                return (n, Outcome::Failed(Some(id), e.to_string()));
            };
            let references = references_of(&v);
            let refs: Vec<&str> = references.iter().map(String::as_str).collect();
            let taken = spare.lock().ok().and_then(|mut s| s.pop());
            let mut scorer = match taken.map_or_else(|| Scorer::new(config.clone()), Ok) {
                Ok(s) => s,
                Err(e) => return (n, Outcome::Failed(Some(id), e.to_string())),
            };
            let result = if jk {
                scorer.score_jackknife(&prediction, &refs)
            } else {
                scorer.score(&prediction, &refs)
            };
            if let Ok(mut s) = spare.lock() {
                s.push(scorer);
            }
            match result {
                Ok(scores) => (n, Outcome::Scored(id, scores)),
                Err(e) => (n, Outcome::Failed(Some(id), e.to_string())),
            }
        };
        let cost = |(_, line): &input::Line| {
            crate::output::cost_of_bytes(line.as_ref().map_or(0, |text| text.len()))
        };
        crate::output::ordered(
            lines,
            crate::output::window(),
            cost,
            score,
            |(n, outcome)| {
                let at = At {
                    file: p,
                    line: Some(n),
                };
                match outcome {
                    Outcome::Scored(id, scores) => sink.scored(id, scores),
                    Outcome::Failed(id, e) => sink.failed(&at, id.as_deref(), &e),
                }
            },
        )?;
    }
    if let (Some(pp), Some(rp)) = (&args.predictions, &args.references) {
        // References are joined by id, so they are held; a bad line is reported and skipped.
        let mut refs: HashMap<String, Vec<String>> = HashMap::new();
        match input::Lines::open(rp) {
            Err(e) => report(
                &At {
                    file: rp,
                    line: None,
                },
                None,
                &e,
            ),
            Ok(lines) => {
                for (n, line) in lines {
                    match line.and_then(|t| parse_line(&t)) {
                        Ok(v) => {
                            refs.insert(id_of(&v, n), references_of(&v));
                        }
                        Err(e) => report(
                            &At {
                                file: rp,
                                line: Some(n),
                            },
                            None,
                            &e,
                        ),
                    }
                }
            }
        }
        let lines = match input::Lines::open(pp) {
            Ok(l) => l,
            Err(e) => {
                return sink.failed(
                    &At {
                        file: pp,
                        line: None,
                    },
                    None,
                    &e,
                )
            }
        };
        for (n, line) in lines {
            let at = At {
                file: pp,
                line: Some(n),
            };
            let v = match line.and_then(|t| parse_line(&t)) {
                Ok(v) => v,
                Err(e) => {
                    sink.failed(&at, None, &e)?;
                    continue;
                }
            };
            let id = id_of(&v, n);
            let Some(prediction) = prediction_of(&v) else {
                sink.failed(&at, Some(&id), "no prediction")?;
                continue;
            };
            let Some(references) = refs.get(&id).cloned() else {
                let msg = format!("no references with this id in {}", input::shown(rp));
                sink.failed(&at, Some(&id), &msg)?;
                continue;
            };
            let item = Item {
                id,
                prediction,
                references,
            };
            sink.score(scorer, jk, &at, item)?;
        }
    }
    if let Some((pred, refs)) = args.inputs.split_first() {
        let at = At {
            file: pred,
            line: None,
        };
        if pred.is_dir() {
            return folder_items(pred, refs, scorer, jk, sink);
        }
        let mut references = Vec::new();
        for r in refs {
            match read_text(r) {
                Ok(t) => references.push(t),
                Err(e) => {
                    return sink.failed(
                        &At {
                            file: r,
                            line: None,
                        },
                        None,
                        &e,
                    );
                }
            }
        }
        match read_text(pred) {
            Ok(prediction) => {
                let item = Item {
                    id: pred.display().to_string(),
                    prediction,
                    references,
                };
                sink.score(scorer, jk, &at, item)?;
            }
            Err(e) => sink.failed(&at, None, &e)?,
        }
    }
    Ok(())
}

/// A summary file's text: a regular file (or `-`) within ingest's size limit, invalid
/// UTF-8 replaced (ROUGE only compares words; the Perl script reads bytes).
fn read_text(p: &Path) -> Result<String, String> {
    let bytes = input::read_bytes(p, input::max_text_bytes())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn sorted_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("listing {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    Ok(files)
}

fn folder_items(
    pred_dir: &Path,
    ref_dirs: &[PathBuf],
    scorer: &mut Scorer,
    jk: bool,
    sink: &mut Sink<'_>,
) -> anyhow::Result<()> {
    let mut ref_files = Vec::new();
    for d in ref_dirs {
        if d.is_dir() {
            ref_files.extend(sorted_files(d)?);
        } else {
            ref_files.push(d.clone());
        }
    }
    for p in sorted_files(pred_dir)? {
        let at = At {
            file: &p,
            line: None,
        };
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = p
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut references = Vec::new();
        let mut bad = None;
        for r in &ref_files {
            let rn = r
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if rn == name || rn.starts_with(&format!("{stem}.")) {
                match read_text(r) {
                    Ok(t) => references.push(t),
                    Err(e) => bad = Some(format!("reference {}: {e}", input::shown(r))),
                }
            }
        }
        if let Some(e) = bad {
            sink.failed(&at, Some(&name), &e)?;
            continue;
        }
        if references.is_empty() {
            let msg = format!("no reference named {name} or {stem}.*");
            sink.failed(&at, Some(&name), &msg)?;
            continue;
        }
        match read_text(&p) {
            Ok(prediction) => {
                let item = Item {
                    id: name,
                    prediction,
                    references,
                };
                sink.score(scorer, jk, &at, item)?;
            }
            Err(e) => sink.failed(&at, Some(&name), &e)?,
        }
    }
    Ok(())
}
