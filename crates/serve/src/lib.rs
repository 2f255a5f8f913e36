//! `chorus serve`: the HTTP API and the web page embedded in the binary.
//!
//! Endpoints: `POST /v1/summarize` (the same [`chorus_render::SummaryJson`] the CLI
//! prints), `POST /v1/extract` (the article text chorus reads from an HTML page),
//! `POST /v1/rouge`, `GET /healthz`, `GET /openapi.json` (generated from the request and
//! response types with `utoipa`), and the page at `/` with its script and style.
//!
//! Not here: any summarizing, reading or scoring logic. Handlers translate JSON to the
//! library types and back; the work is `chorus_select::summarize`,
//! `chorus_ingest::document_from_bytes` and `chorus_render::to_json`, exactly as in the CLI.
//!
//! Key design choice: CPU work never runs on the async runtime. Every request first gets
//! admitted (a bounded number of requests and of body bytes may be in flight; beyond that
//! the answer is `429` at once, so memory stays bounded), then waits for one of a fixed
//! number of worker slots and runs in `spawn_blocking`. The slot travels with the blocking
//! job, so a request that timed out still holds its slot until its computation really
//! ends: the pool never runs more jobs than it has slots, and one huge request can only
//! ever occupy one of them.
//!
//! | limit ([`Config`] field, `chorus serve` flag) | default | answer when exceeded |
//! |---|---|---|
//! | body size (`max_body`, `--max-body`) | 10 MiB | `413 body_too_large` |
//! | documents or references per request (`max_documents`) | 100 | `413 too_many_documents` |
//! | sentences over all documents (`max_sentences`) | 5,000 | `413 too_many_sentences` |
//! | `words` / `sentences` budget (`max_summary_words`, `max_summary_sentences`) | 2,000 / 100 | `422 budget_too_large` |
//! | requests in flight (`max_queue`) | 2,048 | `429 overloaded` + `Retry-After: 1` |
//! | body bytes in flight (`max_inflight_bytes`) | 512 MiB | `429 overloaded` + `Retry-After: 1` |
//! | time from arrival to answer (`timeout`) | 30 s | `408` body too slow, `503` still queued, `504` still computing |
//!
//! Saturation policy: requests queue (fairly, first come first served, for a worker) up
//! to `max_queue`, and are refused with `429` beyond it; so a burst of a thousand clients
//! is served, late but without errors, while memory stays bounded by the two in-flight
//! limits. Health, OpenAPI and the page never queue.

mod api;
mod error;
mod openapi;
mod page;
mod pool;
mod rouge;

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
    /// Requests admitted at once (running or waiting for a worker); beyond that, `429`.
    pub max_queue: usize,
    /// Request body bytes admitted at once (declared `Content-Length`, or `max_body` when
    /// unknown); beyond that, `429`. Bounds the memory held by waiting requests.
    pub max_inflight_bytes: usize,
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
        ];
        if let Some((name, _)) = positive.iter().find(|(_, v)| *v == 0) {
            return Err(ConfigError::Zero(name));
        }
        if self.timeout.is_zero() {
            return Err(ConfigError::Zero("timeout"));
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

/// Serves on `addr` until Ctrl-C or SIGTERM, then finishes the requests in flight.
///
/// Builds its own tokio runtime, so callers (the CLI) need no async code. `on_bound` is
/// called with the address actually bound (useful with port 0) before the first request
/// is accepted.
pub fn run(
    addr: SocketAddr,
    config: Config,
    on_bound: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let app = router(config)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("chorus-serve")
        .build()
        .map_err(|source| ServeError::Io {
            context: "starting the runtime".into(),
            source,
        })?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ServeError::Io {
                context: format!("binding {addr}"),
                source,
            })?;
        let bound = listener.local_addr().map_err(|source| ServeError::Io {
            context: "reading the bound address".into(),
            source,
        })?;
        on_bound(bound);
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(|source| ServeError::Io {
                context: "serving".into(),
                source,
            })
    })
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
