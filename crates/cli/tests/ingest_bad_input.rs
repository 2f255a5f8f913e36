//! The README's "Bad input" rows for ingest and `summarize`, one test per row: each input
//! is generated here (nothing big is committed), run through the real binary, and checked
//! for its one-line error, the good items beside it, and the batch contract.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{chorus_in, Run};
use serde_json::Value;

const GOOD: &str = "The city council approved a new budget on Monday night after a debate that lasted more than four hours.\n\nThe budget raises spending on road repairs by a third and adds money for two new libraries in the northern districts.\n";

fn good_line(id: &str) -> String {
    serde_json::json!({"id": id, "documents": [{"id": "d", "text": GOOD}]}).to_string()
}

fn json_lines(r: &Run) -> Vec<Value> {
    r.stdout()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}\n{}", r.explain())))
        .collect()
}

/// Every stderr line is one message from chorus.
fn assert_one_line_messages(r: &Run) {
    for line in r.stderr().lines() {
        assert!(
            line.starts_with("chorus: "),
            "stray line {line:?}\n{}",
            r.explain()
        );
    }
}

/// Runs chorus with no stdin, killing it (and failing) if it has not finished in `limit`:
/// a blocked read must fail the test, not hang it.
fn chorus_within(dir: &Path, args: &[&str], limit: Duration) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chorus"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chorus runs");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > limit {
            child.kill().ok();
            panic!("chorus {} still running after {limit:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Run {
        cmd: format!("chorus {}", args.join(" ")),
        out: child.wait_with_output().expect("output"),
    }
}

// README "Bad input": a 1 MB HTML nesting bomb.
#[test]
fn html_nesting_bomb_is_refused_and_the_good_file_beside_it_summarized() {
    let dir = tempfile::tempdir().unwrap();
    let n = 100_000;
    let bomb = format!(
        "<html><body>{}<p>One sentence deep inside.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    std::fs::write(dir.path().join("bomb.html"), bomb).unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    let r = chorus_within(
        dir.path(),
        &["summarize", "bomb.html", "good.txt", "--sentences", "1"],
        Duration::from_secs(120),
    );
    assert_eq!(r.code(), 0, "{}", r.explain());
    assert_eq!(r.stdout().lines().count(), 1, "{}", r.explain());
    assert_eq!(
        r.stderr().trim_end(),
        "chorus: bomb.html: page nests 100003 levels deep (limit 256)"
    );
}

// README "Bad input": a JSONL with one NUL line (and one of control characters).
#[test]
fn jsonl_binary_line_is_an_error_for_that_line_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut body = Vec::new();
    writeln!(body, "{}", good_line("a")).unwrap();
    body.extend_from_slice(b"{\"id\":\"nul\",\"documents\":[{\"text\":\"x\x00y\"}]}\n\n");
    body.extend_from_slice(b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\n");
    writeln!(body, "{}", good_line("b")).unwrap();
    std::fs::write(dir.path().join("batch.jsonl"), &body).unwrap();
    // Also without the .jsonl name: the first line tells it is a batch.
    std::fs::write(dir.path().join("batch.txt"), &body).unwrap();
    for name in ["batch.jsonl", "batch.txt"] {
        let r = chorus_in(dir.path(), &["summarize", name, "--sentences", "1"], None);
        assert_eq!(r.code(), 0, "{}", r.explain());
        assert_one_line_messages(&r);
        let out = json_lines(&r);
        assert_eq!(out.len(), 4, "{}", r.explain());
        assert_eq!(out[0]["id"], "a");
        assert_eq!(out[1]["line"], 2);
        assert!(
            out[1]["error"].as_str().unwrap().contains("NUL byte"),
            "{}",
            r.explain()
        );
        assert_eq!(out[2]["line"], 4);
        assert!(out[2]["error"]
            .as_str()
            .unwrap()
            .contains("control characters"));
        assert_eq!(out[3]["id"], "b");
        let stderr = r.stderr();
        assert!(
            stderr.contains(&format!("chorus: {name}:2: binary data")),
            "{stderr}"
        );
        assert!(
            stderr.contains(&format!("chorus: {name}:4: binary data")),
            "{stderr}"
        );
    }
}

// README "Bad input": a JSONL batch with a bad JSON line, a bad UTF-8 line and a cluster
// with no usable sentence: N lines in, N lines out, numbered by file line.
#[test]
fn jsonl_batch_contract_one_output_line_per_input_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut body = Vec::new();
    writeln!(body, "{{not json").unwrap();
    writeln!(body).unwrap();
    body.extend_from_slice(b"{\"id\":\"caf\xE9\",\"documents\":[{\"text\":\"The caf\xE9 on the square will close for two months of repairs, its owner said on Friday.\"}]}\n");
    let rule = "Share this article on Facebook";
    writeln!(
        body,
        "{}",
        serde_json::json!({"id": "junk", "documents": [{"text": format!("{rule}\n{rule}\n")}]})
    )
    .unwrap();
    writeln!(body, "{}", good_line("last")).unwrap();
    std::fs::write(dir.path().join("b.jsonl"), &body).unwrap();
    let r = chorus_in(
        dir.path(),
        &["summarize", "b.jsonl", "--sentences", "1"],
        None,
    );
    assert_eq!(r.code(), 0, "{}", r.explain());
    assert_one_line_messages(&r);
    let out = json_lines(&r);
    assert_eq!(out.len(), 4, "{}", r.explain());
    assert_eq!(out[0]["line"], 1);
    assert!(out[0]["error"]
        .as_str()
        .unwrap()
        .starts_with("b.jsonl:1: invalid JSON"));
    assert_eq!(out[1]["id"], "caf\u{FFFD}");
    assert_eq!(
        (&out[2]["id"], &out[2]["line"]),
        (&Value::from("junk"), &Value::from(4))
    );
    assert_eq!(
        out[2]["error"],
        "b.jsonl:4: cluster junk: no usable sentence in 1 document(s): 2 of 2 lines were dropped as repeated boilerplate; --no-clean keeps them"
    );
    assert_eq!(out[3]["id"], "last");
    assert!(
        r.stderr()
            .contains("chorus: warning: b.jsonl:3: invalid UTF-8"),
        "{}",
        r.explain()
    );
    assert!(r
        .stderr()
        .contains("chorus: b.jsonl:4: cluster junk: no usable sentence"));
}

// README "Bad input": a 200 MB JSONL line.
#[test]
fn jsonl_line_of_200_mb_is_an_error_and_the_next_line_runs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    f.write_all(b"{\"id\":\"big\",\"documents\":[{\"text\":\"")
        .unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..200 {
        f.write_all(&chunk).unwrap();
    }
    writeln!(f, "\"}}]}}").unwrap();
    writeln!(f, "{}", good_line("after")).unwrap();
    drop(f);
    let r = chorus_within(
        dir.path(),
        &["summarize", "big.jsonl", "--sentences", "1"],
        Duration::from_secs(300),
    );
    assert_eq!(r.code(), 0, "{}", r.explain());
    let out = json_lines(&r);
    assert_eq!(out.len(), 2, "{}", r.explain());
    assert_eq!(
        out[0]["error"],
        "big.jsonl:1: line too long: 200.0 MiB is over the limit of 64.0 MiB"
    );
    assert_eq!(out[1]["id"], "after");
}

// README "Bad input": a FIFO and /dev/zero given as paths.
#[cfg(unix)]
#[test]
fn fifo_and_dev_zero_are_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    let made = Command::new("mkfifo")
        .arg(dir.path().join("pipe"))
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo");
    let r = chorus_within(
        dir.path(),
        &[
            "summarize",
            "pipe",
            "good.txt",
            "/dev/zero",
            "--sentences",
            "1",
        ],
        Duration::from_secs(60),
    );
    assert_eq!(r.code(), 0, "{}", r.explain());
    assert_eq!(r.stdout().lines().count(), 1, "{}", r.explain());
    let stderr = r.stderr();
    let errors: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        errors,
        [
            "chorus: pipe: not a regular file (a FIFO): give a file, a folder, or - for stdin",
            "chorus: /dev/zero: not a regular file (a character device): give a file, a folder, or - for stdin"
        ]
    );
    // stdin still works.
    let r = chorus_in(
        dir.path(),
        &["summarize", "-", "--sentences", "1"],
        Some(GOOD.as_bytes()),
    );
    assert_eq!(r.code(), 0, "{}", r.explain());
}

// README "Bad input": a newline in a path or a document id.
#[cfg(unix)]
#[test]
fn newline_in_a_path_or_id_stays_on_one_error_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad\nname.txt"), b"\x00\x01").unwrap();
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    let r = chorus_in(
        dir.path(),
        &["summarize", "bad\nname.txt", "good.txt"],
        None,
    );
    assert_eq!(r.code(), 0, "{}", r.explain());
    assert_one_line_messages(&r);
    assert_eq!(
        r.stderr().trim_end(),
        "chorus: bad\\nname.txt: binary data, not text (NUL byte at offset 0)"
    );
    let line = serde_json::json!({"id": "c", "documents": [{"id": "x\nchorus: forged", "text": " "}, {"text": GOOD}]});
    std::fs::write(dir.path().join("ids.jsonl"), format!("{line}\n")).unwrap();
    let r = chorus_in(dir.path(), &["summarize", "ids.jsonl"], None);
    assert_one_line_messages(&r);
    assert!(
        r.stderr().contains("document x\\nchorus: forged: empty"),
        "{}",
        r.explain()
    );
}

// README "Bad input": a batch mixed with article inputs.
#[test]
fn batch_mixed_with_articles_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.jsonl"), good_line("x")).unwrap();
    std::fs::write(dir.path().join("a.txt"), GOOD).unwrap();
    let r = chorus_in(dir.path(), &["summarize", "b.jsonl", "a.txt"], None);
    assert_eq!(r.code(), 2, "{}", r.explain());
    assert!(r.stdout().is_empty());
}

// README "Bad input": a large file of one repeated paragraph (the row's 50 MB was measured
// with the release binary; 8 MB takes the same path in a debug test).
#[test]
fn repeated_paragraph_file_says_the_cleaner_dropped_the_repeats() {
    let dir = tempfile::tempdir().unwrap();
    let para = "The city council approved a new budget on Monday night after a long debate.\n\n";
    std::fs::write(
        dir.path().join("rep.txt"),
        para.repeat((8 << 20) / para.len()),
    )
    .unwrap();
    let r = chorus_within(
        dir.path(),
        &["summarize", "rep.txt"],
        Duration::from_secs(300),
    );
    assert_eq!(r.code(), 1, "{}", r.explain());
    let n = (8 << 20) / para.len();
    assert_eq!(
        r.stderr().trim_end(),
        format!("chorus: rep.txt: cluster rep.txt: no usable sentence in 1 document(s): {n} of {n} lines were dropped as repeated boilerplate; --no-clean keeps them")
    );
    let kept = chorus_within(
        dir.path(),
        &["summarize", "rep.txt", "--no-clean", "--sentences", "1"],
        Duration::from_secs(300),
    );
    assert_eq!(kept.code(), 0, "{}", kept.explain());
}

// README "Bad input": 10,000 documents in one cluster (folder and JSONL). Under a second
// each with the release binary, but minutes in a debug build, hence ignored by default.
#[test]
#[ignore = "minutes in a debug build: cargo test --release -p chorus-cli --test ingest_bad_input -- --ignored"]
fn ten_thousand_documents_finish() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("docs");
    std::fs::create_dir(&folder).unwrap();
    let words = [
        "council", "budget", "road", "repairs", "library", "district", "mayor", "tax", "harbor",
        "storm", "river", "bridge",
    ];
    let mut docs = Vec::new();
    for i in 0..10_000usize {
        let sentence: Vec<&str> = (0..12)
            .map(|k| words[(i * 7 + k * 5 + k * k * i) % words.len()])
            .collect();
        let text = format!("The {} were discussed on day {i}.\n", sentence.join(" "));
        std::fs::write(folder.join(format!("d{i:05}.txt")), &text).unwrap();
        docs.push(serde_json::json!({"id": format!("d{i}"), "text": text}));
    }
    let line = serde_json::json!({"id": "many", "documents": docs});
    std::fs::write(dir.path().join("many.jsonl"), format!("{line}\n")).unwrap();
    for input in ["docs", "many.jsonl"] {
        let r = chorus_within(
            dir.path(),
            &["summarize", input, "--format", "json"],
            Duration::from_secs(600),
        );
        assert_eq!(r.code(), 0, "{}", r.explain());
        let out = json_lines(&r);
        assert_eq!(out.len(), 1, "{}", r.explain());
        assert!(!out[0]["sentences"].as_array().unwrap().is_empty());
    }
}
