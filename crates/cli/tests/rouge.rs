//! `chorus rouge` driven as a user does: the batch contract, ROUGE-1.5.5 flag spellings
//! (including `-2 4`), predictions joined to references by id, files, and bad input.

mod common;

use std::path::Path;

use chorus_rouge::{Compat, Config, Scorer};
use common::chorus_in;
use serde_json::Value;

const REF1: &str =
    "The harbor fire destroyed three warehouses.\nFirefighters fought the blaze for six hours.";
const REF2: &str = "A fire at the harbor burned three warehouses overnight.\nNo one was hurt.";
const PRED: &str = "A harbor fire destroyed three warehouses.\nFirefighters fought it for hours.";

fn write(dir: &Path, name: &str, body: &str) {
    std::fs::write(dir.join(name), body).unwrap();
}

fn pairs_file(dir: &Path) {
    let lines = [
        serde_json::json!({"id": "a", "prediction": PRED, "references": [REF1, REF2]}),
        serde_json::json!({"id": "b", "prediction": REF1, "references": [REF1]}),
        serde_json::json!({"id": "c", "prediction": PRED, "references": []}),
        serde_json::json!({"id": "d", "prediction": "Café déjà vu.", "references": ["Café déjà vu."]}),
    ];
    let body: String = lines.iter().map(|l| l.to_string() + "\n").collect();
    write(dir, "pairs.jsonl", &body);
}

fn lines(out: &str) -> Vec<Value> {
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn batch_contract_with_pasted_rouge155_flags() {
    let dir = tempfile::tempdir().unwrap();
    pairs_file(dir.path());
    let flags = "-n 4 -w 1.2 -m -2 4 -u -p 0.5 -f A -c 95 -r 1000 -a -d -t 0";
    let mut args = vec!["rouge", "--pairs", "pairs.jsonl", "--compat", "rouge155"];
    args.extend(flags.split(' '));
    args.extend(["--format", "jsonl"]);
    let run = chorus_in(dir.path(), &args, None).ok();
    let out = lines(&run.stdout());
    // One line per input line, in order; the pair without references reports an error.
    let ids: Vec<&str> = out.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "b", "c", "d"], "{}", run.explain());
    assert!(out[2].get("error").is_some());
    let keys: Vec<&String> = out[0].as_object().unwrap().keys().collect();
    for k in [
        "rouge-1",
        "rouge-2",
        "rouge-3",
        "rouge-4",
        "rouge-l",
        "rouge-w-1.2",
        "rouge-su4",
    ] {
        assert!(keys.iter().any(|x| *x == k), "missing {k} in {keys:?}");
    }
    // The numbers are the library's under the official DUC configuration.
    let mut scorer = Scorer::new(Config::rouge155_official()).unwrap();
    let lib = scorer.score(PRED, &[REF1, REF2]).unwrap();
    for (m, s) in lib.iter() {
        assert_eq!(out[0][m]["r"].as_f64(), Some(s.r), "{m}");
        assert_eq!(out[0][m]["p"].as_f64(), Some(s.p), "{m}");
        assert_eq!(out[0][m]["f"].as_f64(), Some(s.f), "{m}");
    }
    // Identical text scores 1 on every metric; ROUGE-1.5.5 drops non-ASCII letters.
    assert_eq!(out[1]["rouge-1"]["f"].as_f64(), Some(1.0));
    assert_eq!(out[1]["rouge-l"]["r"].as_f64(), Some(1.0));
    assert!(
        run.stderr().contains("c: no reference"),
        "{}",
        run.explain()
    );
}

#[test]
fn skip_distance_flag_and_bundled_flags() {
    let dir = tempfile::tempdir().unwrap();
    pairs_file(dir.path());
    let run = chorus_in(
        dir.path(),
        &[
            "rouge",
            "--pairs",
            "pairs.jsonl",
            "-x",
            "-2",
            "-1",
            "-U",
            "-n",
            "1",
            "--format",
            "jsonl",
        ],
        None,
    )
    .ok();
    let out = lines(&run.stdout());
    let keys: Vec<&String> = out[0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["id", "rouge-1", "rouge-s*", "rouge-su*"],
        "{}",
        run.explain()
    );
}

#[test]
fn default_mode_scores_non_english_and_rouge_score_mode_names() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pairs.jsonl",
        &(serde_json::json!({"id": "ru", "prediction": "Пожар в порту уничтожил склады.", "references": ["Пожар в порту уничтожил три склада."]}).to_string() + "\n"),
    );
    let run = chorus_in(
        dir.path(),
        &["rouge", "--pairs", "pairs.jsonl", "--format", "jsonl"],
        None,
    )
    .ok();
    let out = lines(&run.stdout());
    let f = out[0]["rouge-1"]["f"].as_f64().unwrap();
    assert!(f > 0.5 && f < 1.0, "{}", run.explain());
    let run = chorus_in(
        dir.path(),
        &[
            "rouge",
            "--pairs",
            "pairs.jsonl",
            "--compat",
            "rouge155",
            "--format",
            "jsonl",
        ],
        None,
    )
    .ok();
    assert_eq!(lines(&run.stdout())[0]["rouge-1"]["f"].as_f64(), Some(0.0));
    let run = chorus_in(
        dir.path(),
        &[
            "rouge",
            "--pairs",
            "pairs.jsonl",
            "--compat",
            "rouge-score",
            "--format",
            "jsonl",
        ],
        None,
    )
    .ok();
    let keys: Vec<String> = lines(&run.stdout())[0]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(keys, ["id", "rouge-1", "rouge-2", "rouge-l", "rouge-lsum"]);
}

#[test]
fn predictions_joined_by_id_and_files() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "preds.jsonl",
        &[
            serde_json::json!({"id": "x", "sentences": [{"text": "A harbor fire destroyed three warehouses."}, {"text": "Firefighters fought it for hours."}]}).to_string(),
            serde_json::json!({"id": "y", "prediction": "Nothing matches here."}).to_string(),
        ]
        .join("\n"),
    );
    write(
        dir.path(),
        "refs.jsonl",
        &[
            serde_json::json!({"id": "x", "references": [{"id": "A", "text": REF1}, {"id": "B", "text": REF2}]}).to_string(),
            serde_json::json!({"id": "y", "references": [REF1]}).to_string(),
        ]
        .join("\n"),
    );
    let run = chorus_in(
        dir.path(),
        &[
            "rouge",
            "--predictions",
            "preds.jsonl",
            "--references",
            "refs.jsonl",
            "--format",
            "json",
            "-n",
            "2",
        ],
        None,
    )
    .ok();
    let doc: Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(
        doc["items"].as_array().unwrap().len(),
        2,
        "{}",
        run.explain()
    );
    let cfg = Config::from_rouge155_args(Compat::Default, &["-n", "2"])
        .unwrap()
        .0;
    let lib = chorus_rouge::score(PRED, &[REF1, REF2], &cfg).unwrap();
    assert_eq!(
        doc["items"][0]["rouge-2"]["r"].as_f64(),
        Some(lib.get("rouge-2").unwrap().r)
    );
    assert_eq!(doc["aggregate"]["rouge-1"]["n"].as_u64(), Some(2));

    write(dir.path(), "pred.txt", PRED);
    write(dir.path(), "ref1.txt", REF1);
    write(dir.path(), "ref2.txt", REF2);
    let run = chorus_in(
        dir.path(),
        &[
            "rouge", "pred.txt", "ref1.txt", "ref2.txt", "--format", "jsonl", "-n", "2",
        ],
        None,
    )
    .ok();
    assert_eq!(
        lines(&run.stdout())[0]["rouge-2"]["r"].as_f64(),
        Some(lib.get("rouge-2").unwrap().r)
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    pairs_file(dir.path());
    let run = chorus_in(
        dir.path(),
        &["rouge", "--pairs", "pairs.jsonl", "-p", "1.5"],
        None,
    );
    assert_eq!(run.code(), 2, "{}", run.explain());
    let run = chorus_in(
        dir.path(),
        &["rouge", "--pairs", "pairs.jsonl", "--metrics", "bleu"],
        None,
    );
    assert_eq!(run.code(), 2, "{}", run.explain());
}
