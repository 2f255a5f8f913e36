//! `chorus serve`: the HTTP API and the web page (see the `chorus-serve` crate).

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;

/// Arguments of `chorus serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port; the address is printed on stdout).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = chorus_serve::Config::default().max_body)]
    max_body: usize,
    /// Most documents in one request.
    #[arg(long, default_value_t = chorus_serve::Config::default().max_documents)]
    max_documents: usize,
    /// Most sentences over all documents of one request.
    #[arg(long, default_value_t = chorus_serve::Config::default().max_sentences)]
    max_sentences: usize,
    /// Largest `words` budget a request may ask for.
    #[arg(long, default_value_t = chorus_serve::Config::default().max_summary_words)]
    max_words: usize,
    /// Largest `sentences` budget a request may ask for.
    #[arg(long, default_value_t = chorus_serve::Config::default().max_summary_sentences)]
    max_summary_sentences: usize,
    /// Seconds from a request's arrival to its answer (503 when still queued, 504 when
    /// still computing).
    #[arg(long, default_value_t = chorus_serve::Config::default().timeout.as_secs_f64())]
    timeout: f64,
    /// Summaries computed at once (default: one per core).
    #[arg(long)]
    workers: Option<usize>,
    /// Requests admitted at once, running or waiting; more get 429.
    #[arg(long, default_value_t = chorus_serve::Config::default().max_queue)]
    max_queue: usize,
    /// Request body bytes admitted at once; more get 429 [default: 512 MiB, or
    /// --max-body when that is larger].
    #[arg(long)]
    max_inflight_bytes: Option<usize>,
    /// Seconds a request body may take to arrive; slower bodies get 408.
    #[arg(long, default_value_t = chorus_serve::Config::default().body_timeout.as_secs_f64())]
    body_timeout: f64,
    /// Seconds a connection may take to send a request head, from its opening or its
    /// previous answer (so also the keep-alive idle timeout); then it is closed.
    #[arg(long, default_value_t = chorus_serve::Config::default().header_timeout.as_secs_f64())]
    header_timeout: f64,
    /// Open connections at once (lowered to fit under the open-file limit); beyond it the
    /// oldest connection not working on a request is closed to make room.
    #[arg(long, default_value_t = chorus_serve::Config::default().max_connections)]
    max_connections: usize,
    /// Seconds requests in flight get to finish after Ctrl-C or SIGTERM before the
    /// server exits regardless.
    #[arg(long, default_value_t = chorus_serve::Config::default().shutdown_grace.as_secs_f64())]
    shutdown_grace: f64,
}

/// A positive number of seconds given to `flag`.
fn seconds(flag: &str, value: f64) -> anyhow::Result<Duration> {
    if !(value.is_finite() && value > 0.0) {
        anyhow::bail!("--{flag} must be a positive number of seconds");
    }
    Duration::try_from_secs_f64(value).with_context(|| format!("--{flag} {value}"))
}

/// Runs `chorus serve` until Ctrl-C or SIGTERM.
pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let timeout = seconds("timeout", args.timeout)?;
    let body_timeout = seconds("body-timeout", args.body_timeout)?;
    let header_timeout = seconds("header-timeout", args.header_timeout)?;
    if !(args.shutdown_grace.is_finite() && (0.0..=60.0).contains(&args.shutdown_grace)) {
        anyhow::bail!("--shutdown-grace must be between 0 and 60 seconds");
    }
    let defaults = chorus_serve::Config::default();
    let config = chorus_serve::Config {
        max_body: args.max_body,
        max_documents: args.max_documents,
        max_sentences: args.max_sentences,
        max_summary_words: args.max_words,
        max_summary_sentences: args.max_summary_sentences,
        timeout,
        workers: args.workers.unwrap_or(defaults.workers),
        max_queue: args.max_queue,
        max_inflight_bytes: args
            .max_inflight_bytes
            .unwrap_or(defaults.max_inflight_bytes.max(args.max_body)),
        body_timeout,
        header_timeout,
        max_connections: args.max_connections,
        shutdown_grace: Duration::from_secs_f64(args.shutdown_grace),
    };
    let wanted_connections = config.max_connections;
    chorus_serve::run(args.addr, config, |bound| {
        // One line on stdout for scripts (tests pick the port from it), flushed at once.
        println!("listening on http://{}", bound.addr);
        use std::io::Write;
        let _ = std::io::stdout().flush();
        if bound.max_connections < wanted_connections {
            eprintln!(
                "chorus serve: at most {} connections (not {wanted_connections}), to stay under \
                 the open-file limit",
                bound.max_connections
            );
        }
    })
    .context("chorus serve")?;
    Ok(ExitCode::SUCCESS)
}
