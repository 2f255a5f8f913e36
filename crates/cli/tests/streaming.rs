//! Streaming batches (issue 16): `chorus summarize` and `chorus rouge --pairs` read a JSONL
//! batch lazily and write each result as soon as it and every earlier one are done, so the
//! output of a long batch starts before its input ends, and the output is the same for any
//! thread count.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::{chorus_in, repo_root};

/// A small cluster of two articles, different for each `i`.
fn cluster_line(i: usize) -> String {
    let town = format!("Town{i}");
    let a = format!(
        "Floods hit {town} on Monday after heavy rain. Officials in {town} said {n} homes were damaged. \
         The river rose two meters overnight. Rescue teams moved families to schools.",
        n = 10 + i
    );
    let b = format!(
        "Heavy rain flooded {town} early Monday. About {n} homes were damaged, officials said. \
         Schools opened as shelters for families. The river is expected to fall by Thursday.",
        n = 10 + i
    );
    serde_json::json!({"id": format!("c{i}"), "documents": [{"id": "a", "text": a}, {"id": "b", "text": b}]})
        .to_string()
}

#[test]
fn issue16_summarize_writes_the_first_line_before_stdin_ends() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chorus"))
        .args(["summarize", "-", "--words", "30"])
        .current_dir(repo_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chorus runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.expect("stdout line")).is_err() {
                return;
            }
        }
    });
    stdin
        .write_all(format!("{}\n", cluster_line(0)).as_bytes())
        .expect("write");
    stdin.flush().expect("flush");
    // The input is still open: the first summary must come out anyway. The bound is loose
    // (a debug build on a loaded machine); a loading reader would never answer here.
    let first = rx.recv_timeout(Duration::from_secs(120));
    let first = match first {
        Ok(line) => line,
        Err(e) => {
            let _ = child.kill();
            panic!("no output while stdin stayed open: {e}");
        }
    };
    let v: serde_json::Value = serde_json::from_str(&first).expect("a JSON line");
    assert_eq!(v["id"], "c0", "{first}");
    stdin
        .write_all(format!("{{bad\n{}\n", cluster_line(1)).as_bytes())
        .expect("write");
    drop(stdin);
    let rest: Vec<String> = rx.iter().collect();
    reader.join().expect("reader");
    let status = child.wait().expect("exit");
    assert!(status.success(), "{status:?}");
    assert_eq!(rest.len(), 2, "{rest:?}");
    assert!(
        rest[0].contains("\"line\":2") && rest[0].contains("error"),
        "{rest:?}"
    );
    assert!(rest[1].contains("\"id\":\"c1\""), "{rest:?}");
}

#[test]
fn issue16_streamed_batch_is_the_same_in_order_with_any_thread_count() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut body = String::new();
    for i in 0..40 {
        if i % 13 == 5 {
            body.push_str("{\"id\": \"broken\"\n\n");
        } else {
            body.push_str(&cluster_line(i));
            body.push('\n');
        }
    }
    std::fs::write(dir.path().join("batch.jsonl"), &body).expect("write");
    let one = chorus_in(
        dir.path(),
        &["summarize", "batch.jsonl", "--words", "30", "-j", "1"],
        None,
    )
    .ok();
    let two = chorus_in(
        dir.path(),
        &["summarize", "batch.jsonl", "--words", "30", "-j", "3"],
        None,
    )
    .ok();
    assert_eq!(one.stdout(), two.stdout());
    assert_eq!(one.stderr(), two.stderr());
    let stdout = one.stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 40, "{}", one.explain());
    for (k, line) in lines.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        if k % 13 == 5 {
            assert!(v["error"].is_string(), "{line}");
        } else {
            assert_eq!(v["id"], format!("c{k}"), "{line}");
        }
    }
}

#[test]
fn issue16_rouge_pairs_in_parallel_keep_input_order_and_numbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut body = String::new();
    for i in 0..60 {
        if i % 17 == 3 {
            body.push_str("{not json\n");
        } else {
            body.push_str(
                &serde_json::json!({
                    "id": format!("p{i}"),
                    "prediction": format!("the river rose {i} meters in town {i}"),
                    "references": [format!("the river in town {i} rose"), "floods hit the town"],
                })
                .to_string(),
            );
            body.push('\n');
        }
    }
    std::fs::write(dir.path().join("pairs.jsonl"), &body).expect("write");
    let args = |j: &'static str| {
        [
            "rouge",
            "--pairs",
            "pairs.jsonl",
            "--format",
            "jsonl",
            "-n",
            "2",
            "-j",
            j,
        ]
    };
    let one = chorus_in(dir.path(), &args("1"), None).ok();
    let two = chorus_in(dir.path(), &args("3"), None).ok();
    assert_eq!(one.stdout(), two.stdout());
    let stdout = one.stdout();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 60, "{}", one.explain());
    for (k, line) in lines.iter().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        if k % 17 == 3 {
            assert_eq!(v["line"], k + 1, "{line}");
        } else {
            assert_eq!(v["id"], format!("p{k}"), "{line}");
        }
    }
}
