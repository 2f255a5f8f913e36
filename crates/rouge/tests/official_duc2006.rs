//! Proof of exactness against NIST: every per-summary R/P/F that NIST's own ROUGE-1.5.5 run
//! printed for DUC 2006 (`../shared/data/duc2006-dev/official_rouge.tsv`, made with
//! `-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d`, jackknifed over the
//! references) must come out of `Config::rouge155_official()` to the printed 5 decimals.
//! Skips when ../shared is absent.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use chorus_rouge::{Config, Scorer};
use serde_json::Value;

fn shared_dir() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/duc2006-dev");
    if p.join("official_rouge.tsv").exists() {
        Some(p)
    } else {
        // Written to the real stderr: `eprintln!` is captured and shown only on failure.
        let _ = writeln!(
            std::io::stderr(),
            "reproduces_nist_official_rouge_for_duc2006: skipped: {} not found (../shared is absent)",
            p.display()
        );
        None
    }
}

fn read_jsonl(path: &PathBuf) -> Vec<Value> {
    std::fs::read_to_string(path)
        .expect("read jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

#[test]
fn reproduces_nist_official_rouge_for_duc2006() {
    let Some(dir) = shared_dir() else { return };
    // topic -> [(ref id, text)]
    let mut refs: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for c in read_jsonl(&dir.join("clusters.jsonl")) {
        // Cluster ids carry the assessor letter (D0601A); eval ids use the bare topic.
        let id: String = c["id"].as_str().unwrap().chars().take(5).collect();
        let list = c["references"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["id"].as_str().unwrap().to_string(),
                    r["text"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        refs.insert(id, list);
    }
    // (file prefix, peer) -> text, e.g. ("D0601.M.250.A", "7")
    let mut peers: HashMap<(String, String), String> = HashMap::new();
    for p in read_jsonl(&dir.join("peers.jsonl")) {
        let file = p["file"].as_str().unwrap();
        let peer = p["peer"].as_str().unwrap().to_string();
        let prefix = file.rsplit_once('.').unwrap().0.to_string();
        peers.insert((prefix, peer), p["text"].as_str().unwrap().to_string());
    }
    let tsv = std::fs::read_to_string(dir.join("official_rouge.tsv")).unwrap();
    // eval id -> [(metric, R, P, F)]
    let mut evals: Vec<(String, Vec<[String; 4]>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 6, "bad line {line}");
        let key = f[2].to_string();
        let i = *index.entry(key.clone()).or_insert_with(|| {
            evals.push((key, Vec::new()));
            evals.len() - 1
        });
        let metric = f[1].to_ascii_lowercase();
        evals[i]
            .1
            .push([metric, f[3].to_string(), f[4].to_string(), f[5].to_string()]);
    }
    let mut scorer = Scorer::new(Config::rouge155_official()).unwrap();
    let mut compared = 0usize;
    let mut mismatches: HashMap<String, usize> = HashMap::new();
    let mut examples = Vec::new();
    for (eval_id, rows) in &evals {
        // D0601.M.250.A-B.7: peer 7 on D0601 against the references other than B.
        let (head, peer) = eval_id.rsplit_once('.').unwrap();
        let (prefix, excluded) = head.rsplit_once('-').unwrap();
        let topic = prefix.split('.').next().unwrap();
        let text = peers
            .get(&(prefix.to_string(), peer.to_string()))
            .unwrap_or_else(|| panic!("no peer text for {eval_id}"));
        let models: Vec<&str> = refs[topic]
            .iter()
            .filter(|(id, _)| id != excluded)
            .map(|(_, t)| t.as_str())
            .collect();
        assert!(!models.is_empty());
        let scores = scorer.score(text, &models).unwrap();
        for [metric, r, p, f] in rows {
            let s = scores
                .get(metric)
                .unwrap_or_else(|| panic!("metric {metric} not computed"));
            let got = [
                format!("{:.5}", s.r),
                format!("{:.5}", s.p),
                format!("{:.5}", s.f),
            ];
            compared += 3;
            if got != [r.clone(), p.clone(), f.clone()] {
                *mismatches.entry(metric.clone()).or_default() += 1;
                if examples.len() < 10 {
                    examples.push(format!(
                        "{eval_id} {metric}: official {r} {p} {f}, got {got:?}"
                    ));
                }
            }
        }
    }
    eprintln!(
        "compared {compared} numbers ({} evals x metrics); mismatches by metric: {mismatches:?}",
        evals.len()
    );
    assert!(
        mismatches.is_empty(),
        "mismatches {mismatches:?}\n{}",
        examples.join("\n")
    );
    assert_eq!(compared, 3600 * 7 * 3);
}
