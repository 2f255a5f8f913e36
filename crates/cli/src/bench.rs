//! `chorus bench`: throughput of the splitter and of every method, against sumy run in the
//! same session, reported as ratios (never as absolute pass/fail numbers).
//!
//! Every figure is the median of `--repeat` runs. A ratio compares the same clusters, timed
//! the same way on both sides (one thread, the summarization work only), with our runs and
//! the peer's interleaved so that a change in the machine's load hits both; the load
//! average is printed beside the numbers, since the machine may be shared.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use chorus_model::Cluster;
use chorus_select::{Budget, Method, Options};
use rayon::prelude::*;

/// Arguments of `chorus bench`.
#[derive(clap::Args)]
pub struct BenchArgs {
    /// Clusters JSONL to summarize (default: the DUC 2006 dev split in ../shared).
    #[arg(long, default_value = "../shared/data/duc2006-dev/clusters.jsonl")]
    clusters: PathBuf,
    /// Word budget per summary.
    #[arg(long, default_value_t = 250)]
    words: usize,
    /// Run sumy's LexRank and TextRank (Python, `pip install sumy numpy`) on the first N
    /// clusters as the peer; 0 skips the peer.
    #[arg(long, default_value_t = 5)]
    peer_clusters: usize,
    /// Timed repetitions of each measurement, ours and the peer's (the median is reported).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Python with sumy installed (`python3` on the PATH when this does not exist).
    #[arg(long, default_value = ".venv/bin/python")]
    python: PathBuf,
}

/// Runs the benchmarks and prints a report.
pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let repeat = args.repeat.max(1);
    println!(
        "# chorus bench ({} threads available; {})\n",
        rayon::current_num_threads(),
        load_average()
    );

    println!("## Sentence splitter");
    let synthetic = synthetic_single_line(1 << 20);
    let t = median(repeat, || {
        std::hint::black_box(chorus_text::split::split(&synthetic));
    });
    let n = chorus_text::split::split(&synthetic).len();
    println!(
        "1 MiB single line, no newlines: {:.1} ms, {} sentences, {:.1} MB/s",
        ms(t),
        n,
        mb_per_s(synthetic.len(), t)
    );

    let loaded = chorus_ingest::load(std::slice::from_ref(&args.clusters));
    let clusters: Vec<Cluster> = loaded.clusters.into_iter().filter_map(Result::ok).collect();
    if clusters.is_empty() {
        println!(
            "\n(no clusters read from {}: skipping the summarization benchmarks)",
            args.clusters.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let docs: Vec<&str> = clusters
        .iter()
        .flat_map(|c| c.documents.iter().map(|d| d.text.as_str()))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let t = median(repeat, || {
        for d in &docs {
            std::hint::black_box(chorus_text::split::split(d));
        }
    });
    println!(
        "{} news documents ({:.1} MB): {:.1} ms, {:.1} MB/s",
        docs.len(),
        bytes as f64 / 1e6,
        ms(t),
        mb_per_s(bytes, t)
    );

    println!(
        "\n## Summarization: {} clusters, {} words each ({})",
        clusters.len(),
        args.words,
        args.clusters.display()
    );
    println!(
        "{:<10} {:>14} {:>14} {:>16}",
        "method", "1 thread ms", "ms/cluster", "all threads ms"
    );
    let default_method = Options::default().method;
    // The default method's one-thread time, for the words/s line below.
    let mut default_one = Duration::ZERO;
    for &method in Method::ALL {
        let opts = Options {
            method,
            budget: Budget::Words(args.words),
            ..Options::default()
        };
        let one = median(repeat, || {
            for c in &clusters {
                let _ = std::hint::black_box(chorus_select::summarize(c, &opts));
            }
        });
        let all = median(repeat, || {
            clusters.par_iter().for_each(|c| {
                let _ = std::hint::black_box(chorus_select::summarize(c, &opts));
            });
        });
        if method == default_method {
            default_one = one;
        }
        let each = ms(one) / clusters.len() as f64;
        println!(
            "{:<10} {:>14.1} {:>14.2} {:>16.1}",
            method.name(),
            ms(one),
            each,
            ms(all)
        );
    }

    // Words per second per core: the default method's one-thread row above.
    let words: usize = docs
        .iter()
        .map(|d| chorus_text::tokenize::word_count(d))
        .sum();
    println!(
        "\n{} (default) reads {:.2} M words/s on one thread ({} words in {:.1} ms)",
        default_method.name(),
        words as f64 / 1e6 / default_one.as_secs_f64().max(1e-9),
        words,
        ms(default_one)
    );

    if args.peer_clusters > 0 {
        let subset: Vec<&Cluster> = clusters.iter().take(args.peer_clusters).collect();
        println!(
            "\n## Peer: sumy and chorus on the same {} clusters (one thread each; medians of {repeat} interleaved runs; plain regex splitter swapped in: NLTK data cannot be downloaded here)",
            subset.len()
        );
        let path = std::env::temp_dir().join(format!("chorus-bench-{}.jsonl", std::process::id()));
        let lines: Vec<String> = subset
            .iter()
            .map(serde_json::to_string)
            .collect::<Result<_, _>>()?;
        std::fs::write(&path, lines.join("\n"))
            .with_context(|| format!("writing {}", path.display()))?;
        let python = if args.python.exists() {
            args.python.clone()
        } else {
            PathBuf::from("python3")
        };
        for (peer, ours) in [("lexrank", Method::LexRank), ("textrank", Method::TextRank)] {
            let opts = Options {
                method: ours,
                budget: Budget::Words(args.words),
                ..Options::default()
            };
            match peer_ratio(repeat, &subset, &opts, || sumy(&python, &path, peer)) {
                Ok((theirs, mine)) => {
                    let n = subset.len() as f64;
                    println!(
                        "sumy {peer:<9} {:>10.1} ms/cluster | chorus {ours}: {:.2} ms/cluster | chorus is {:.0}x faster",
                        theirs * 1000.0 / n,
                        mine * 1000.0 / n,
                        theirs / mine.max(1e-9)
                    );
                }
                Err(e) => println!("sumy {peer}: not measured: {e:#}"),
            }
        }
        println!("({} after the peer runs)", load_average());
        let _ = std::fs::remove_file(&path);
    }
    Ok(ExitCode::SUCCESS)
}

/// Medians of `repeat` interleaved runs of the peer and of chorus on the same clusters (one
/// thread): (peer seconds, chorus seconds) for the whole subset.
fn peer_ratio(
    repeat: usize,
    subset: &[&Cluster],
    opts: &Options,
    mut peer: impl FnMut() -> anyhow::Result<f64>,
) -> anyhow::Result<(f64, f64)> {
    let (mut theirs, mut mine) = (Vec::with_capacity(repeat), Vec::with_capacity(repeat));
    for _ in 0..repeat.max(1) {
        theirs.push(peer()?);
        let start = Instant::now();
        for c in subset {
            let _ = std::hint::black_box(chorus_select::summarize(c, opts));
        }
        mine.push(start.elapsed().as_secs_f64());
    }
    Ok((median_of(theirs), median_of(mine)))
}

/// The median of some seconds (the upper one of an even count; 0 for none).
pub(crate) fn median_of(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// The machine's load average over 1, 5 and 15 minutes (`/proc/loadavg`), for the report:
/// on a shared machine the ratios move with it.
pub(crate) fn load_average() -> String {
    match std::fs::read_to_string("/proc/loadavg") {
        Ok(s) => {
            let parts: Vec<&str> = s.split_whitespace().take(3).collect();
            format!("load average {}", parts.join(" "))
        }
        Err(_) => "load average unknown".to_string(),
    }
}

/// Runs the peer script on every cluster of `subset`; returns the seconds it spent
/// summarizing (as the script measures them: its imports and reading are outside the clock).
fn sumy(python: &std::path::Path, subset: &std::path::Path, method: &str) -> anyhow::Result<f64> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/bench/sumy_peer.py");
    let out = std::process::Command::new(python)
        .arg(&script)
        .arg(subset)
        .arg(method)
        .arg("10")
        .output()
        .with_context(|| format!("running {}", script.display()))?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .with_context(|| format!("peer output: {}", String::from_utf8_lossy(&out.stderr)))?;
    if let Some(e) = v.get("error") {
        anyhow::bail!("{e}");
    }
    v["seconds"].as_f64().context("peer printed no seconds")
}

/// The median of `repeat` timed runs of `f` (the upper one of an even count).
fn median(repeat: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..repeat.max(1))
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9)
}

/// About `size` bytes of news-like prose on one line, full of the cases that make
/// splitters slow or wrong (abbreviations, initials, decimals, quotes, ellipses).
fn synthetic_single_line(size: usize) -> String {
    const SENTENCES: &[&str] = &[
        "Mr. Smith met Gen. Joe Dunford at 5 p.m. on Friday in Washington.",
        "The U.S. economy grew 2.5 percent, officials said.",
        "\u{201C}We are ready,\u{201D} said Dr. Jane E. Doe of St. Louis.",
        "Is this the end? Nobody knows!",
        "Shares of Acme Co. rose $1.25 to $40.10 after the report\u{2026} then fell.",
        "He moved to the U.S. He liked it there.",
        "Prices (in euros) rose again.",
    ];
    let mut out = String::with_capacity(size + 128);
    let mut i = 0;
    while out.len() < size {
        out.push_str(SENTENCES[i % SENTENCES.len()]);
        out.push(' ');
        i += 1;
    }
    out
}
