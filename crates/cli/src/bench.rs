//! `chorus bench`: throughput of the splitter and of every method, against sumy run in the
//! same session, reported as ratios (never as absolute pass/fail numbers).
//!
//! Every figure is the median of `--repeat` runs, on both sides of a ratio, and a ratio
//! compares the same clusters: the peer's clusters are timed again on our side.

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
}

/// Runs the benchmarks and prints a report.
pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let repeat = args.repeat.max(1);
    println!(
        "# chorus bench ({} threads available)\n",
        rayon::current_num_threads()
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
            "\n## Peer: sumy on the first {} clusters, against chorus on the same clusters (one thread each; medians of {repeat}; plain regex splitter swapped in: NLTK data cannot be downloaded here)",
            subset.len()
        );
        let path = std::env::temp_dir().join(format!("chorus-bench-{}.jsonl", std::process::id()));
        let lines: Vec<String> = subset
            .iter()
            .map(serde_json::to_string)
            .collect::<Result<_, _>>()?;
        std::fs::write(&path, lines.join("\n"))
            .with_context(|| format!("writing {}", path.display()))?;
        for (peer, ours) in [("lexrank", Method::LexRank), ("textrank", Method::TextRank)] {
            let opts = Options {
                method: ours,
                budget: Budget::Words(args.words),
                ..Options::default()
            };
            let mine = median(repeat, || {
                for c in &subset {
                    let _ = std::hint::black_box(chorus_select::summarize(c, &opts));
                }
            });
            let mine = ms(mine) / subset.len() as f64;
            let mut runs = Vec::with_capacity(repeat);
            for _ in 0..repeat {
                match sumy(&path, peer) {
                    Ok((seconds, n)) => runs.push(seconds * 1000.0 / n as f64),
                    Err(e) => {
                        println!("sumy {peer}: not measured: {e:#}");
                        break;
                    }
                }
            }
            if runs.len() == repeat {
                runs.sort_by(f64::total_cmp);
                let theirs = runs[runs.len() / 2];
                println!(
                    "sumy {peer:<9} {theirs:>10.1} ms/cluster | chorus {ours}: {mine:.2} ms/cluster | chorus is {:.0}x faster",
                    theirs / mine
                );
            }
        }
        let _ = std::fs::remove_file(&path);
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs the peer script; returns (seconds, clusters).
fn sumy(subset: &std::path::Path, method: &str) -> anyhow::Result<(f64, usize)> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/bench/sumy_peer.py");
    let out = std::process::Command::new("python3")
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
    let seconds = v["seconds"].as_f64().context("peer printed no seconds")?;
    let n = v["clusters"]
        .as_u64()
        .context("peer printed no cluster count")? as usize;
    Ok((seconds, n.max(1)))
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
