//! The server on a real loopback socket: slow clients, the connection cap and slow bodies.
//! Limits are small and timeouts short so each test takes seconds; time bounds are loose
//! ("answers within a few seconds" against "hangs"), for a loaded 2-core machine.

use std::net::SocketAddr;
use std::time::Duration;

use chorus_serve::{serve, Config};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::time::{timeout, Instant};

/// A server on a free loopback port; stops when dropped.
struct Server {
    addr: SocketAddr,
    _stop: oneshot::Sender<()>,
}

async fn start(config: Config) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(async move {
        serve(listener, config, async {
            let _ = stopped.await;
        })
        .await
        .expect("valid config");
    });
    Server { addr, _stop: stop }
}

/// Reads until the peer closes; `None` if it is still open after `within`.
async fn read_to_close(stream: &mut TcpStream, within: Duration) -> Option<String> {
    let mut raw = Vec::new();
    match timeout(within, stream.read_to_end(&mut raw)).await {
        Ok(_) => Some(String::from_utf8_lossy(&raw).into_owned()),
        Err(_) => None,
    }
}

/// One request on a new connection (`Connection: close`); returns the status and the
/// whole answer, or panics if there is no answer within `within`.
async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: &str,
    within: Duration,
) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: chorus\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.expect("send head");
    stream.write_all(body.as_bytes()).await.expect("send body");
    let answer = read_to_close(&mut stream, within)
        .await
        .unwrap_or_else(|| panic!("no answer to {method} {path} within {within:?}"));
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {answer:?}"));
    (status, answer)
}

async fn healthz(addr: SocketAddr) -> (u16, String) {
    request(addr, "GET", "/healthz", "", Duration::from_secs(5)).await
}

/// Connections that send the start of a request head and then nothing.
async fn slow_headers(addr: SocketAddr, n: usize) -> Vec<TcpStream> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let mut s = TcpStream::connect(addr).await.expect("connect");
        s.write_all(b"GET /healthz HTTP/1.1\r\nHost: ch")
            .await
            .expect("send");
        out.push(s);
    }
    out
}

/// Whether each connection is closed by the server within `within` (all read at once).
async fn all_closed(conns: Vec<TcpStream>, within: Duration) -> usize {
    let reads = conns
        .into_iter()
        .map(|mut s| tokio::spawn(async move { read_to_close(&mut s, within).await.is_some() }));
    let mut closed = 0;
    for r in reads.collect::<Vec<_>>() {
        if r.await.expect("task") {
            closed += 1;
        }
    }
    closed
}

fn harbor_request() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/harbor-fire");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/harbor-fire")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let docs: Vec<_> = files
        .iter()
        .map(|p| json!({"text": std::fs::read_to_string(p).expect("article")}))
        .collect();
    json!({"documents": docs, "words": 60}).to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_header_clients_are_closed_after_the_header_timeout_and_healthz_still_answers() {
    let server = start(Config {
        header_timeout: Duration::from_secs(1),
        max_connections: 1_000,
        ..Config::default()
    })
    .await;
    let opened = Instant::now();
    let slow = slow_headers(server.addr, 200).await;
    let (status, answer) = healthz(server.addr).await;
    assert_eq!(status, 200, "{answer}");
    let (closed, took) = {
        let n = slow.len();
        let c = all_closed(slow, Duration::from_secs(15)).await;
        (c == n, opened.elapsed())
    };
    assert!(
        closed,
        "some slow connections were still open after {took:?}"
    );
    // Closed by the timeout (1 s), not at once.
    assert!(
        took >= Duration::from_millis(900),
        "closed after only {took:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_header_clients_beyond_the_connection_cap_do_not_lock_out_healthz() {
    // The header timeout is long, so only the cap can make room.
    let server = start(Config {
        header_timeout: Duration::from_secs(60),
        max_connections: 20,
        ..Config::default()
    })
    .await;
    let slow = slow_headers(server.addr, 200).await;
    for _ in 0..5 {
        let (status, answer) = healthz(server.addr).await;
        assert_eq!(status, 200, "{answer}");
    }
    // At most the cap stays open: everything else was closed to make room.
    let still_open = 200 - all_closed(slow, Duration::from_secs(3)).await;
    assert!(
        still_open <= 20,
        "{still_open} slow connections open over a cap of 20"
    );
}

/// `n` distinct sentences: LexRank over thousands keeps a worker busy for seconds.
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_every_connection_is_working_a_new_one_gets_503_and_is_closed() {
    let server = start(Config {
        workers: 1,
        max_connections: 3,
        max_sentences: usize::MAX,
        max_body: 1 << 30,
        max_inflight_bytes: 2 << 30,
        timeout: Duration::from_secs(120),
        ..Config::default()
    })
    .await;
    let addr = server.addr;
    // One computes, two wait for the only worker: three connections, all working. The
    // computing job must outlast the checks below (~1 s) however fast this build and
    // machine are: LexRank over ever more sentences until one takes over a second, timed,
    // then scaled (it grows about linearly) to take some 3 s.
    let slow = |sentences: usize| {
        json!({"documents": [{"text": many_sentences(sentences)}], "method": "lexrank"}).to_string()
    };
    let mut sentences = 4_000;
    let took = loop {
        let body = slow(sentences);
        let started = Instant::now();
        let (status, answer) = request(
            addr,
            "POST",
            "/v1/summarize",
            &body,
            Duration::from_secs(300),
        )
        .await;
        assert_eq!(status, 200, "{answer}");
        let took = started.elapsed();
        if took > Duration::from_secs(1) || sentences >= 1_024_000 {
            break took;
        }
        sentences *= 4;
    };
    let scale = (3.0 / took.as_secs_f64()).clamp(1.0, 16.0);
    let body = slow((sentences as f64 * scale) as usize);
    let computing = tokio::spawn(async move {
        request(
            addr,
            "POST",
            "/v1/summarize",
            &body,
            Duration::from_secs(300),
        )
        .await
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let waiting: Vec<_> = (0..2)
        .map(|_| {
            tokio::spawn(async move {
                request(
                    addr,
                    "POST",
                    "/v1/summarize",
                    &harbor_request(),
                    Duration::from_secs(300),
                )
                .await
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !computing.is_finished(),
        "the long job ended too soon to test the cap ({took:?} for {sentences} sentences)"
    );
    let started = Instant::now();
    let (status, answer) = healthz(addr).await;
    assert_eq!(status, 503, "{answer}");
    assert!(answer.contains("\"code\":\"overloaded\""), "{answer}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    for w in waiting {
        let (status, answer) = w.await.expect("task");
        assert_eq!(status, 200, "{answer}");
    }
    let (status, answer) = computing.await.expect("task");
    assert_eq!(status, 200, "{answer}");
    // Places free again once the requests are answered.
    assert_eq!(healthz(addr).await.0, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_bodies_do_not_make_summarize_answer_429() {
    let server = start(Config {
        max_queue: 4,
        body_timeout: Duration::from_secs(2),
        ..Config::default()
    })
    .await;
    // Many more slow bodies than queue places: each announces 1,000 bytes and sends 10.
    let mut slow = Vec::new();
    for _ in 0..20 {
        let mut s = TcpStream::connect(server.addr).await.expect("connect");
        s.write_all(
            b"POST /v1/summarize HTTP/1.1\r\nHost: chorus\r\nContent-Type: application/json\r\n\
              Content-Length: 1000\r\n\r\n{\"documen",
        )
        .await
        .expect("send");
        slow.push(s);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    for _ in 0..6 {
        let (status, answer) = request(
            server.addr,
            "POST",
            "/v1/summarize",
            &harbor_request(),
            Duration::from_secs(30),
        )
        .await;
        assert_eq!(status, 200, "{answer}");
    }
    // The slow bodies themselves are answered 408 at their body deadline.
    for mut s in slow {
        let answer = read_to_close(&mut s, Duration::from_secs(15))
            .await
            .expect("a slow body is answered");
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    }
}

#[tokio::test]
async fn a_request_head_over_64_kib_is_431_and_closed() {
    let server = start(Config::default()).await;
    let mut s = TcpStream::connect(server.addr).await.expect("connect");
    let head = format!(
        "GET /healthz HTTP/1.1\r\nHost: chorus\r\nX-Big: {}\r\n\r\n",
        "a".repeat(100 * 1024)
    );
    // The server stops reading at 64 KiB and closes; closing with our bytes unread resets
    // the connection, which may discard its 431 before we read it. Closed is what counts.
    let _ = s.write_all(head.as_bytes()).await;
    let answer = read_to_close(&mut s, Duration::from_secs(10))
        .await
        .expect("closed, not held open");
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
        "{answer:?}"
    );
    assert_eq!(healthz(server.addr).await.0, 200);
}
