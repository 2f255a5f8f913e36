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

/// Runs `chorus ARGS` in `dir` with stdin read from `stdin_file` (e.g. /dev/zero).
fn chorus_stdin_from(dir: &Path, args: &[&str], stdin_file: &Path) -> common::Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chorus"))
        .args(args)
        .current_dir(dir)
        .stdin(std::fs::File::open(stdin_file).unwrap())
        .output()
        .expect("chorus runs");
    common::Run {
        cmd: format!("chorus {} < {}", args.join(" "), stdin_file.display()),
        out,
    }
}

/// About 1 MB of words in one line (no newline), deterministic.
fn one_mb_line() -> String {
    let syll = ["ka", "to", "ri", "mu", "sen", "pa", "lo", "ve", "dri", "gu"];
    let mut x = 88172645463325252u64;
    let mut out = String::new();
    while out.len() < 1 << 20 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let id = x % 4000;
        for i in 0..2 + id % 3 {
            out.push_str(syll[((id / 10u64.pow(i as u32)) % 10) as usize]);
        }
        out.push(' ');
    }
    out
}

#[test]
fn issue12_one_mb_single_line_against_itself_scores_one() {
    // Was: "memory allocation of 134596531876 bytes failed", SIGABRT.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", &one_mb_line());
    let run = chorus_in(
        dir.path(),
        &["rouge", "a.txt", "a.txt", "--format", "jsonl"],
        None,
    )
    .ok();
    let out = lines(&run.stdout());
    assert_eq!(out.len(), 1, "{}", run.explain());
    for m in ["rouge-1", "rouge-2", "rouge-l", "rouge-su4"] {
        assert_eq!(out[0][m]["f"].as_f64(), Some(1.0), "{m}: {}", run.explain());
    }
    // ROUGE-W cannot be bit-parallel; over its limit it is one clear error, exit 1.
    let run = chorus_in(
        dir.path(),
        &[
            "rouge",
            "a.txt",
            "a.txt",
            "--format",
            "jsonl",
            "--metrics",
            "rouge-w-1.2",
        ],
        None,
    );
    assert_eq!(run.code(), 1, "{}", run.explain());
    assert!(
        run.stderr().contains("too long to score: rouge-w-1.2"),
        "{}",
        run.explain()
    );
    assert_eq!(run.stderr().lines().count(), 2, "{}", run.explain());
}

#[test]
fn issue12_pairs_bad_lines_keep_one_output_line_each_numbered_by_file_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = |id: &str| {
        serde_json::json!({"id": id, "prediction": PRED, "references": [REF1]}).to_string()
    };
    let mut body = Vec::new();
    body.extend(good("a").as_bytes()); // line 1
    body.extend(b"\n\n"); // line 2 is blank
    body.extend(b"{\"id\": \"bad\xff\", \"prediction\": \"x\"}\n"); // line 3: invalid UTF-8
    body.extend(b"{\"id\": \"broken\", \"prediction\": \n"); // line 4: malformed JSON
    body.extend(good("b").as_bytes()); // line 5
    body.extend(b"\n{\"id\": \"np\", \"references\": [\"x\"]}\n"); // line 6: no prediction
    body.extend(b"{\"id\": \"nr\", \"prediction\": \"x\", \"references\": []}\n"); // line 7
    std::fs::write(dir.path().join("pairs.jsonl"), &body).unwrap();
    let run = chorus_in(
        dir.path(),
        &["rouge", "--pairs", "pairs.jsonl", "--format", "jsonl"],
        None,
    );
    assert_eq!(run.code(), 0, "{}", run.explain());
    let out = lines(&run.stdout());
    assert_eq!(
        out.len(),
        6,
        "one line per non-blank input line: {}",
        run.explain()
    );
    assert_eq!(out[0]["id"], "a");
    assert!(out[0]["rouge-1"]["f"].as_f64().unwrap() > 0.5);
    assert_eq!(out[1]["line"], 3);
    assert!(out[1]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(out[2]["line"], 4);
    assert!(out[2]["error"].as_str().unwrap().contains("invalid JSON"));
    assert_eq!(out[3]["id"], "b");
    assert!(out[3].get("error").is_none());
    assert_eq!(
        (out[4]["id"].as_str(), out[4]["line"].as_u64()),
        (Some("np"), Some(6))
    );
    assert_eq!(
        (out[5]["id"].as_str(), out[5]["line"].as_u64()),
        (Some("nr"), Some(7))
    );
    let err = run.stderr();
    for n in [3, 4, 6, 7] {
        let tag = format!("chorus rouge: pairs.jsonl:{n}: ");
        assert_eq!(
            err.lines().filter(|l| l.starts_with(&tag)).count(),
            1,
            "{tag}\n{err}"
        );
    }
    // Nothing scorable: exit 1, still one line per input line.
    std::fs::write(dir.path().join("bad.jsonl"), b"{\n\xff\n").unwrap();
    let run = chorus_in(
        dir.path(),
        &["rouge", "--pairs", "bad.jsonl", "--format", "jsonl"],
        None,
    );
    assert_eq!(run.code(), 1, "{}", run.explain());
    assert_eq!(lines(&run.stdout()).len(), 2, "{}", run.explain());
}

#[test]
fn issue12_joined_predictions_keep_the_contract_and_bad_reference_lines_are_named() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "preds.jsonl",
        &format!(
            "{}\nnot json\n{}\n{}\n",
            serde_json::json!({"id": "x", "prediction": PRED}),
            serde_json::json!({"id": "y", "prediction": REF1}),
            serde_json::json!({"id": "z", "prediction": REF2}),
        ),
    );
    write(
        dir.path(),
        "refs.jsonl",
        &format!(
            "{}\n{{oops\n{}\n",
            serde_json::json!({"id": "x", "references": [REF1]}),
            serde_json::json!({"id": "y", "references": [REF1]}),
        ),
    );
    let args = [
        "rouge",
        "--predictions",
        "preds.jsonl",
        "--references",
        "refs.jsonl",
        "--format",
        "jsonl",
    ];
    let run = chorus_in(dir.path(), &args, None);
    assert_eq!(run.code(), 0, "{}", run.explain());
    let out = lines(&run.stdout());
    assert_eq!(out.len(), 4, "{}", run.explain());
    assert_eq!(out[0]["id"], "x");
    assert_eq!(out[1]["line"], 2);
    assert_eq!(out[2]["rouge-1"]["f"].as_f64(), Some(1.0));
    assert_eq!(
        (out[3]["id"].as_str(), out[3]["line"].as_u64()),
        (Some("z"), Some(4))
    );
    assert!(
        run.stderr()
            .contains("chorus rouge: refs.jsonl:2: invalid JSON"),
        "{}",
        run.explain()
    );
    assert!(
        run.stderr()
            .contains("chorus rouge: preds.jsonl:4: id z: no references"),
        "{}",
        run.explain()
    );
}

#[test]
fn issue12_devices_and_fifos_are_refused_not_read_forever() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ref.txt", REF1);
    let run = chorus_in(
        dir.path(),
        &["rouge", "--pairs", "/dev/zero", "--format", "jsonl"],
        None,
    );
    assert_eq!(run.code(), 1, "{}", run.explain());
    assert!(
        run.stderr().contains("/dev/zero: not a regular file"),
        "{}",
        run.explain()
    );
    let run = chorus_in(dir.path(), &["rouge", "/dev/zero", "ref.txt"], None);
    assert_eq!(run.code(), 1, "{}", run.explain());
    let run = chorus_in(dir.path(), &["split", "/dev/zero"], None);
    assert_eq!(run.code(), 1, "{}", run.explain());
    assert!(
        run.stderr().contains("not a regular file"),
        "{}",
        run.explain()
    );
    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        // Opening a FIFO blocks until a writer comes: it must be refused before that.
        let run = chorus_in(
            dir.path(),
            &["rouge", "fifo", "ref.txt", "--format", "jsonl"],
            None,
        );
        assert_eq!(run.code(), 1, "{}", run.explain());
        assert!(
            run.stderr().contains("fifo: not a regular file"),
            "{}",
            run.explain()
        );
        let run = chorus_in(dir.path(), &["split", "fifo"], None);
        assert_eq!(run.code(), 1, "{}", run.explain());
    }
    // Endless stdin is cut at the limits, with one error (memory stays bounded).
    let run = chorus_stdin_from(dir.path(), &["split", "-"], Path::new("/dev/zero"));
    assert_eq!(run.code(), 1, "{}", run.explain());
    assert!(
        run.stderr().contains("too large") || run.stderr().contains("binary"),
        "{}",
        run.explain()
    );
}

#[test]
fn issue12_confidence_outside_0_100_is_a_usage_error_and_r0_prints_means() {
    let dir = tempfile::tempdir().unwrap();
    pairs_file(dir.path());
    for c in ["150", "0", "100"] {
        let run = chorus_in(
            dir.path(),
            &["rouge", "--pairs", "pairs.jsonl", "-c", c],
            None,
        );
        assert_eq!(run.code(), 2, "-c {c}: {}", run.explain());
        assert!(
            run.stderr().contains("between 0 and 100"),
            "{}",
            run.explain()
        );
    }
    let run = chorus_in(
        dir.path(),
        &[
            "rouge",
            "--pairs",
            "pairs.jsonl",
            "-r",
            "0",
            "--format",
            "table",
        ],
        None,
    );
    assert_eq!(run.code(), 0, "{}", run.explain());
    let table = run.stdout();
    assert!(table.contains("no bootstrap intervals (-r 0)"), "{table}");
    let row = table.lines().find(|l| l.starts_with("rouge-1 ")).unwrap();
    assert!(!row.contains("0.00000"), "{table}");
    let json = chorus_in(
        dir.path(),
        &[
            "rouge",
            "--pairs",
            "pairs.jsonl",
            "-r",
            "0",
            "--format",
            "json",
        ],
        None,
    );
    let doc: Value = serde_json::from_str(&json.stdout()).unwrap();
    let agg = &doc["aggregate"]["rouge-1"];
    assert!(agg["bootstrap"].is_null());
    assert!(
        row.contains(&format!("{:.5}", agg["mean"]["r"].as_f64().unwrap())),
        "{table}"
    );
}

#[test]
fn issue12_split_decodes_utf16_and_warns_on_invalid_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Café one. Second one.".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    std::fs::write(dir.path().join("u16.txt"), &utf16).unwrap();
    let run = chorus_in(dir.path(), &["split", "u16.txt"], None).ok();
    assert_eq!(
        run.stdout(),
        "Café one.\nSecond one.\n",
        "{}",
        run.explain()
    );
    std::fs::write(dir.path().join("latin1.txt"), b"Caf\xe9 one. Second one.").unwrap();
    let run = chorus_in(dir.path(), &["split", "latin1.txt"], None).ok();
    assert_eq!(run.stdout().lines().count(), 2, "{}", run.explain());
    assert!(
        run.stderr().contains("latin1.txt: invalid UTF-8"),
        "{}",
        run.explain()
    );
    assert_eq!(run.stderr().lines().count(), 1, "{}", run.explain());
}

#[test]
fn issue12_eval_bad_lines_are_one_error_each_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let cluster = |id: &str| {
        serde_json::json!({
            "id": id,
            "documents": [
                {"id": "a", "text": "The harbor fire destroyed three warehouses on Tuesday night, officials said.\n\nFirefighters fought the blaze for six hours before it was under control."},
                {"id": "b", "text": "A fire at the harbor burned three warehouses overnight, and no one was hurt in it."}
            ],
            "references": [{"id": "A", "text": REF1}, {"id": "B", "text": REF2}]
        })
        .to_string()
    };
    let unusable = serde_json::json!({
        "id": "tiny",
        "documents": [{"id": "a", "text": "Ok."}],
        "references": [{"id": "A", "text": REF1}]
    });
    let body = format!(
        "{}\n\n{{bad json\n{unusable}\n{}\n",
        cluster("c1"),
        cluster("c2")
    );
    write(dir.path(), "data.jsonl", &body);
    let run = chorus_in(
        dir.path(),
        &["eval", "data.jsonl", "--resamples", "10"],
        None,
    );
    assert_eq!(run.code(), 0, "{}", run.explain());
    let err = run.stderr();
    assert_eq!(
        err.lines().filter(|l| l.contains("data.jsonl:3")).count(),
        1,
        "{err}"
    );
    assert_eq!(
        err.lines()
            .filter(|l| l.contains("data.jsonl:4: cluster tiny:"))
            .count(),
        1,
        "{err}"
    );
    assert!(run.stdout().contains("ROUGE-1.5.5"), "{}", run.explain());
}
