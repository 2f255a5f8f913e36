//! `chorus serve`: the HTTP API and the web page embedded in the binary.
//!
//! Endpoints: `POST /v1/summarize` (the same [`chorus_render::SummaryJson`] the CLI
//! prints, where the sources differ included), `POST /v1/stories` (the stories of a stream
//! of articles, as `chorus stories --format json` prints them), `POST /v1/extract` (the
//! article text chorus reads from an HTML page), `POST /v1/rouge`, `GET /healthz`,
//! `GET /openapi.json` (generated from the request and response types with `utoipa`), and
//! the page at `/` with its script and style.
//!
//! Not here: any summarizing, clustering, reading or scoring logic. Handlers translate JSON
//! to the library types and back; the work is `chorus_select::summarize`,
//! `chorus_ingest::document_from_bytes`, `chorus_render::to_json_with_claims` and
//! `chorus_stories`, exactly as in the CLI.
//!
//! Key design choice: CPU work never runs on the async runtime. A request's body is read
//! first, within a body deadline and an in-flight byte budget counted as bytes arrive;
//! then the request takes a place in a bounded queue (beyond it the answer is `429` at
//! once), waits for one of a fixed number of worker slots and runs in `spawn_blocking`.
//! The slot travels with the blocking job, so a request that timed out still holds its
//! slot until its computation really ends: the pool never runs more jobs than it has
//! slots, and one huge request can only ever occupy one of them. A computation cannot be
//! cancelled from outside, and freeing its slot early would let runaway jobs pile up
//! without bound, so the slot stays held; instead, when every slot is held by a job that
//! outran its deadline, new requests get `503` at once rather than waiting, and health
//! checks, which never touch the pool, keep answering.
//!
//! Health checks never wait for a computation: CPU work runs only on the pool's blocking
//! threads, so what a health check waits for is a runtime thread getting the CPU. Those
//! threads run at the default priority. A lower `nice` for them (tried twice) starved them
//! whenever anything else ran on the machine, and made health checks slower, not faster
//! (`/healthz` max 68 to 160 ms against 20 to 44 ms at the default, beside other builds);
//! the likely cause is priority inversion: a lowered thread taken off the CPU while it holds
//! a lock the runtime threads share with it (tokio's blocking-pool lock, the worker
//! semaphore's waiter list) stalls the runtime thread that reaches for it. The accept loop runs on a runtime thread, so a new
//! connection is served by the thread that accepted it without waking another one first.
//! The listening socket's backlog is raised so a burst of reconnecting clients is not
//! dropped (a dropped handshake costs the client a one-second retry).
//!
//! Connections are served by hyper directly (see [`serve`]): a header timeout closes
//! clients that send their request head slowly or sit idle, and a connection cap (sized
//! under the open-file limit by [`run`]) makes room for a new connection by closing the
//! oldest one that is not working on a request. On Ctrl-C or SIGTERM the server stops
//! accepting, gives requests in flight `shutdown_grace` to finish, and [`run`] returns
//! without waiting for computations still running, so the process exits promptly.
//!
//! | limit ([`Config`] field, `chorus serve` flag) | default | answer when exceeded |
//! |---|---|---|
//! | body size (`max_body`, `--max-body`) | 10 MiB | `413 body_too_large` |
//! | documents, articles or references per request (`max_documents`) | 100 | `413 too_many_documents` |
//! | sentences over all documents or articles (`max_sentences`) | 5,000 | `413 too_many_sentences` |
//! | `words` / `sentences` budget (`max_summary_words`, `max_summary_sentences`) | 2,000 / 100 | `422 budget_too_large` |
//! | requests queued or computing (`max_queue`) | 2,048 | `429 overloaded` + `Retry-After: 1` |
//! | body bytes in flight (`max_inflight_bytes`) | 512 MiB | `429 overloaded` + `Retry-After: 1` |
//! | time to receive the body (`body_timeout`, `--body-timeout`) | 10 s | `408 timeout` |
//! | time from arrival to answer (`timeout`) | 30 s | `503` still queued (at once if every worker runs a job past its deadline), `504` still computing |
//! | time to receive a request head, from opening or from the previous answer (`header_timeout`, `--header-timeout`); also the keep-alive idle timeout | 10 s | connection closed |
//! | open connections (`max_connections`, `--max-connections`), lowered to fit under the open-file limit | 4,096 | oldest idle (else still-receiving) connection closed to make room; if every connection is working, `503 overloaded` and closed |
//! | request head size (fixed) | 64 KiB | `431` (empty body), connection closed |
//! | time for requests in flight at shutdown (`shutdown_grace`, `--shutdown-grace`) | 2 s | process exits anyway |
//!
//! Saturation policy: requests queue (fairly, first come first served, for a worker) up
//! to `max_queue`, and are refused with `429` beyond it; so a burst of a thousand clients
//! is served, late but without errors, while memory stays bounded by the two in-flight
//! limits and the connection cap. Health, OpenAPI and the page never queue.

mod api;
mod error;
mod openapi;
mod page;
mod pool;
mod rouge;
mod server;
mod stories;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

pub use api::{
    DocumentInput, ExtractRequest, ExtractResponse, FormatName, Health, SummarizeRequest,
};
pub use chorus_select::{summarize_options, OptionsError, SummarizeParams};
pub use error::{ApiError, ErrorBody};
pub use openapi::openapi_json;
pub use rouge::{rouge_config, CompatName, MultiRefName, RougeRequest, RougeResponse, ScoreJson};
pub use stories::StoriesRequest;

/// Limits and sizes of a server. Every limit answers with a JSON error naming it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Largest request body in bytes (`413 body_too_large` above it).
    pub max_body: usize,
    /// Most documents in one request (`413 too_many_documents`).
    pub max_documents: usize,
    /// Most sentences, over all documents of a request, after splitting
    /// (`413 too_many_sentences`); bounds the quadratic similarity work per request.
    pub max_sentences: usize,
    /// Largest `words` budget a request may ask for (`422 budget_too_large`).
    pub max_summary_words: usize,
    /// Largest `sentences` budget a request may ask for (`422 budget_too_large`).
    pub max_summary_sentences: usize,
    /// Time from arrival to answer: queued too long gives `503 overloaded`, computing too
    /// long gives `504 timeout`.
    pub timeout: Duration,
    /// Worker slots: summaries computed at the same time.
    pub workers: usize,
    /// Requests admitted at once (running or waiting for a worker), counted once their
    /// body is read so slow bodies take no place; beyond that, `429`.
    pub max_queue: usize,
    /// Request body bytes held at once, counted as they arrive (a declared length costs
    /// nothing until sent); beyond that, `429`. Bounds the memory held by bodies.
    pub max_inflight_bytes: usize,
    /// Time a request body may take to arrive, from the end of its head (and never past
    /// `timeout`); beyond it, `408`. Short, so slow bodies cannot hold the server's memory.
    pub body_timeout: Duration,
    /// Time a connection may take to send a complete request head, counted from its
    /// opening and again from the end of each answer (so also the keep-alive idle timeout);
    /// beyond it the connection is closed.
    pub header_timeout: Duration,
    /// Open connections at once; beyond it the oldest connection not working on a request
    /// is closed to make room, or the new one is refused with `503` if there is none.
    pub max_connections: usize,
    /// Time requests in flight get to finish after Ctrl-C or SIGTERM before the server
    /// returns regardless.
    pub shutdown_grace: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_body: 10 * 1024 * 1024,
            max_documents: 100,
            max_sentences: 5_000,
            max_summary_words: 2_000,
            max_summary_sentences: 100,
            timeout: Duration::from_secs(30),
            workers: std::thread::available_parallelism().map_or(2, |n| n.get()),
            max_queue: 2_048,
            max_inflight_bytes: 512 * 1024 * 1024,
            body_timeout: Duration::from_secs(10),
            header_timeout: Duration::from_secs(10),
            max_connections: 4_096,
            shutdown_grace: Duration::from_secs(2),
        }
    }
}

/// A configuration that cannot work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// A count or size that must be positive is zero.
    #[error("{0} must be at least 1")]
    Zero(&'static str),
    /// One request could never be admitted.
    #[error("max_inflight_bytes ({inflight}) must be at least max_body ({body})")]
    InflightBelowBody {
        /// The in-flight byte budget.
        inflight: usize,
        /// The largest body.
        body: usize,
    },
}

impl Config {
    /// Checks the configuration once, up front.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let positive = [
            ("max_body", self.max_body),
            ("max_documents", self.max_documents),
            ("max_sentences", self.max_sentences),
            ("max_summary_words", self.max_summary_words),
            ("max_summary_sentences", self.max_summary_sentences),
            ("workers", self.workers),
            ("max_queue", self.max_queue),
            ("max_connections", self.max_connections),
        ];
        if let Some((name, _)) = positive.iter().find(|(_, v)| *v == 0) {
            return Err(ConfigError::Zero(name));
        }
        let durations = [
            ("timeout", self.timeout),
            ("body_timeout", self.body_timeout),
            ("header_timeout", self.header_timeout),
        ];
        if let Some((name, _)) = durations.iter().find(|(_, d)| d.is_zero()) {
            return Err(ConfigError::Zero(name));
        }
        if self.max_inflight_bytes < self.max_body {
            return Err(ConfigError::InflightBelowBody {
                inflight: self.max_inflight_bytes,
                body: self.max_body,
            });
        }
        Ok(())
    }
}

/// What the handlers share: the limits and the pool.
pub(crate) struct AppState {
    pub config: Config,
    pub pool: pool::Pool,
}

/// The whole application as an axum [`Router`](axum::Router), for serving or for testing
/// with `tower::ServiceExt::oneshot`.
pub fn router(config: Config) -> Result<axum::Router, ConfigError> {
    config.validate()?;
    let pool = pool::Pool::new(&config);
    let state = Arc::new(AppState { config, pool });
    Ok(api::routes(state))
}

/// Why the server stopped or could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The configuration is invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Binding, accepting or the runtime failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// File descriptors kept free beside the connections (listener, runtime, standard streams).
const FD_RESERVE: u64 = 64;

/// Where a server listens and the connection cap it applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    /// The address actually bound (useful with port 0).
    pub addr: SocketAddr,
    /// `max_connections`, lowered if needed to fit under the open-file limit.
    pub max_connections: usize,
}

/// Serves the application on `listener` until `shutdown` resolves, then gives requests
/// in flight [`Config::shutdown_grace`] to finish and returns.
///
/// Computations still running then are not waited for; a caller that must exit promptly
/// shuts its runtime down without waiting on blocking tasks (as [`run`] does).
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Config,
    shutdown: impl std::future::Future<Output = ()>,
) -> Result<(), ServeError> {
    let app = router(config.clone())?;
    server::serve_connections(listener, app, &config, shutdown).await;
    Ok(())
}

/// Raises the soft open-file limit to the hard one where the system allows, and returns
/// the soft limit in force (`None` if it cannot be read).
fn raise_open_file_limit() -> Option<u64> {
    rlimit::increase_nofile_limit(u64::MAX).ok().or_else(|| {
        rlimit::getrlimit(rlimit::Resource::NOFILE)
            .ok()
            .map(|(soft, _)| soft)
    })
}

/// Serves on `addr` until Ctrl-C or SIGTERM, gives requests in flight
/// [`Config::shutdown_grace`] to finish, and returns without waiting for computations
/// still running, so the process can exit within seconds of the signal.
///
/// Builds its own tokio runtime, so callers (the CLI) need no async code. Raises the
/// open-file limit and lowers `max_connections` to fit under it. `on_bound` is called with
/// the address actually bound (useful with port 0) and the connection cap in force, before
/// the first request is accepted.
pub fn run(
    addr: SocketAddr,
    mut config: Config,
    on_bound: impl FnOnce(Bound),
) -> Result<(), ServeError> {
    config.validate()?;
    if let Some(limit) = raise_open_file_limit() {
        let room = usize::try_from(limit.saturating_sub(FD_RESERVE).max(1)).unwrap_or(usize::MAX);
        config.max_connections = config.max_connections.min(room);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("chorus-serve")
        .build()
        .map_err(|source| ServeError::Io {
            context: "starting the runtime".into(),
            source,
        })?;
    let served = runtime.block_on(async move {
        let listener = listen(addr).map_err(|source| ServeError::Io {
            context: format!("binding {addr}"),
            source,
        })?;
        let bound = listener.local_addr().map_err(|source| ServeError::Io {
            context: "reading the bound address".into(),
            source,
        })?;
        on_bound(Bound {
            addr: bound,
            max_connections: config.max_connections,
        });
        // On a runtime thread, not this one: a connection the accept loop spawns then runs
        // on the thread that accepted it, at once, instead of waking another thread first
        // (one scheduler hop less for every request, which counts when the cores are busy).
        tokio::spawn(serve(listener, config, shutdown_signal()))
            .await
            .unwrap_or_else(|joined| {
                Err(ServeError::Io {
                    context: "the accept loop".into(),
                    source: std::io::Error::other(joined),
                })
            })
    });
    // A runaway computation must not keep the process alive: leave blocking threads
    // behind instead of joining them (they end with the process).
    runtime.shutdown_timeout(Duration::from_millis(100));
    served
}

/// Connections the kernel may hold completed but not yet accepted. `TcpListener::bind`
/// asks for 1,024, which a burst of a thousand clients reconnecting at once (slow clients
/// closed at their header timeout) can overflow; a dropped handshake is retried by the
/// client only after a second, so a health check caught in it would wait that long. The
/// kernel lowers it to its own cap (`net.core.somaxconn`).
const BACKLOG: u32 = 8192;

/// A listening socket on `addr` with [`BACKLOG`].
fn listen(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    // As `TcpListener::bind` does on Unix: a restarted server can take its port back at once.
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// Resolves on Ctrl-C or (on Unix) SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        // If the handler cannot be installed, wait for SIGTERM only.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}
