//! `chorus serve` as a user runs it: the real binary on a free loopback port, answering
//! with exactly the bytes `chorus summarize --format json` prints.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{chorus, repo_root};

/// The server process, killed when the test ends (passing or not).
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chorus"))
        .arg("serve")
        .args(["--addr", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("chorus serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("first line");
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    Server { child, addr }
}

/// One HTTP/1.1 request; returns (status, body).
fn http(addr: &str, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let text = String::from_utf8(raw).expect("UTF-8 answer");
    let (head, body) = text.split_once("\r\n\r\n").expect("header end");
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    assert!(
        !head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked"),
        "expected a sized body: {head}"
    );
    (status, body.to_string())
}

/// Every file of an example folder, in name order, as `{"id": FILE NAME, field: CONTENT}`.
fn example_as_json(example: &str, field: &str) -> Vec<serde_json::Value> {
    let dir = repo_root().join("examples").join(example);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("example folder")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            serde_json::json!({
                "id": p.file_name().expect("name").to_string_lossy(),
                field: std::fs::read_to_string(p).expect("example file"),
            })
        })
        .collect()
}

fn harbor_fire_request() -> String {
    let docs = example_as_json("harbor-fire", "text");
    serde_json::json!({"id": "harbor-fire", "documents": docs, "words": 80}).to_string()
}

#[test]
fn serve_answers_with_the_bytes_summarize_prints() {
    let server = start(&[]);
    let (status, health) = http(&server.addr, "GET", "/healthz", "");
    assert_eq!(status, 200, "{health}");
    let (status, body) = http(
        &server.addr,
        "POST",
        "/v1/summarize",
        &harbor_fire_request(),
    );
    assert_eq!(status, 200, "{body}");
    // Claims compared, as the CLI does by default (issue 15).
    let cli = chorus(&[
        "summarize",
        "examples/harbor-fire/",
        "--format",
        "json",
        "--words",
        "80",
    ])
    .ok();
    assert_eq!(body, cli.stdout());
    assert!(body.contains("\"agreements\""), "{body}");
    // And `"claims": false` is `--no-claims`.
    let mut request: serde_json::Value =
        serde_json::from_str(&harbor_fire_request()).expect("JSON");
    request["claims"] = serde_json::json!(false);
    let (status, body) = http(&server.addr, "POST", "/v1/summarize", &request.to_string());
    assert_eq!(status, 200, "{body}");
    let cli = chorus(&[
        "summarize",
        "examples/harbor-fire/",
        "--format",
        "json",
        "--words",
        "80",
        "--no-claims",
    ])
    .ok();
    assert_eq!(body, cli.stdout());
}

/// Issue 14: `POST /v1/stories` answers with the bytes `chorus stories --format json`
/// prints for the same articles given as a JSONL feed.
#[test]
fn serve_stories_answers_with_the_bytes_stories_prints() {
    let articles = example_as_json("stories", "html");
    let tmp = tempfile::tempdir().expect("temp dir");
    let feed = tmp.path().join("feed.jsonl");
    let lines: String = articles.iter().map(|a| format!("{a}\n")).collect();
    std::fs::write(&feed, lines).expect("feed written");
    let server = start(&[]);
    for (extra, flags) in [
        (serde_json::json!({}), vec![]),
        (
            serde_json::json!({"words": 40, "min_sources": 1, "method": "lexrank"}),
            vec!["--words", "40", "--min-sources", "1", "--method", "lexrank"],
        ),
        (serde_json::json!({"summary": false}), vec!["--no-summary"]),
    ] {
        let mut request = serde_json::json!({ "articles": articles });
        for (k, v) in extra.as_object().expect("object") {
            request[k] = v.clone();
        }
        let (status, body) = http(&server.addr, "POST", "/v1/stories", &request.to_string());
        assert_eq!(status, 200, "{body}");
        let feed_arg = feed.to_string_lossy();
        let mut args = vec!["stories", &feed_arg, "--format", "json"];
        args.extend(flags.iter().copied());
        let cli = chorus(&args).ok();
        assert_eq!(body, cli.stdout(), "{extra}");
    }
}

#[test]
fn serve_limits_come_from_the_flags() {
    let server = start(&[
        "--max-documents",
        "2",
        "--max-body",
        "2000",
        "--max-words",
        "50",
    ]);
    let (status, body) = http(
        &server.addr,
        "POST",
        "/v1/summarize",
        &harbor_fire_request(),
    );
    // 3 articles of about 1 KB each: over the body limit before anything else.
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("\"code\":\"body_too_large\""), "{body}");
    let two = serde_json::json!({"documents": [{"text": "a"}, {"text": "b"}, {"text": "c"}]});
    let (status, body) = http(&server.addr, "POST", "/v1/summarize", &two.to_string());
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("\"code\":\"too_many_documents\""), "{body}");
    let words = serde_json::json!({"documents": [{"text": "a"}], "words": 51});
    let (status, body) = http(&server.addr, "POST", "/v1/summarize", &words.to_string());
    assert_eq!(status, 422, "{body}");
}

#[test]
fn serve_refuses_a_bad_configuration_with_exit_2() {
    let run = chorus(&["serve", "--addr", "127.0.0.1:0", "--workers", "0"]);
    assert_eq!(run.code(), 2, "{}", run.explain());
    assert!(run.stderr().contains("workers"), "{}", run.explain());
    let run = chorus(&["serve", "--addr", "127.0.0.1:0", "--timeout", "-1"]);
    assert_eq!(run.code(), 2, "{}", run.explain());
    let run = chorus(&[
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--max-body",
        "2000",
        "--max-inflight-bytes",
        "1000",
    ]);
    assert_eq!(run.code(), 2, "{}", run.explain());
    assert!(
        run.stderr().contains("max_inflight_bytes"),
        "{}",
        run.explain()
    );
}

#[test]
fn a_max_body_above_the_default_in_flight_budget_raises_the_budget() {
    // 600 MiB bodies: the in-flight budget follows unless given explicitly.
    let server = start(&["--max-body", "629145600"]);
    let (status, body) = http(
        &server.addr,
        "POST",
        "/v1/summarize",
        &harbor_fire_request(),
    );
    assert_eq!(status, 200, "{body}");
}

#[test]
fn serve_stops_cleanly_on_sigterm() {
    let mut server = start(&[]);
    let (status, _) = http(&server.addr, "GET", "/healthz", "");
    assert_eq!(status, 200);
    let killed = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let exit = loop {
        if let Some(status) = server.child.try_wait().expect("wait") {
            break status;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "still running 20 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "exit status {exit:?}");
}

/// `n` distinct sentences: LexRank over thousands keeps a worker busy for many seconds.
fn many_sentences(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "The crew {} saw the boat {} near the pier {} at hour {}.",
                i % 17,
                (i / 17) % 13,
                (i * 7 + 3) % 11,
                i
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Issue 12: SIGTERM during a computation that runs far past the grace period used to
/// wait for it (over 90 s); now the process is gone within 5 s.
#[test]
fn sigterm_stops_the_server_within_5_s_while_a_long_job_runs() {
    // A job that outlasts the 2 s grace period, however fast this build and machine are:
    // LexRank over ever more sentences until one is that long.
    let mut tried = Vec::new();
    for n in [4_000, 16_000, 64_000, 256_000, 1_024_000] {
        let mut server = start(&[
            "--workers",
            "1",
            "--max-sentences",
            "2000000",
            "--max-body",
            "134217728",
            "--body-timeout",
            "120",
            "--timeout",
            "300",
        ]);
        let long = serde_json::json!({
            "documents": [{"text": many_sentences(n)}],
            "method": "lexrank",
        })
        .to_string();
        let addr = server.addr.clone();
        let client = std::thread::spawn(move || {
            // The server goes away mid-request: an error or an empty answer, never a summary.
            let mut stream = TcpStream::connect(&addr).expect("connect");
            let _ = write!(
                stream,
                "POST /v1/summarize HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{long}",
                long.len()
            );
            let mut raw = Vec::new();
            let _ = stream.read_to_end(&mut raw);
            String::from_utf8_lossy(&raw).into_owned()
        });
        std::thread::sleep(Duration::from_millis(1500));
        if client.is_finished() {
            tried.push(n);
            let _ = server.child.kill();
            let _ = server.child.wait();
            continue;
        }
        let (status, _) = http(&server.addr, "GET", "/healthz", "");
        assert_eq!(status, 200, "health answers while the worker is busy");
        let killed = Command::new("kill")
            .args(["-TERM", &server.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(killed.success());
        let signalled = std::time::Instant::now();
        let exit = loop {
            if let Some(status) = server.child.try_wait().expect("wait") {
                break status;
            }
            assert!(
                signalled.elapsed() < Duration::from_secs(5),
                "still running 5 s after SIGTERM ({n} sentences)"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(exit.success(), "exit status {exit:?}");
        let answer = client.join().expect("client thread");
        if answer.contains(" 200 ") {
            // It ended within the grace period, as it may: not long enough to test.
            tried.push(n);
            continue;
        }
        return;
    }
    panic!("every job ended too soon ({tried:?} sentences): none long enough to test shutdown");
}
