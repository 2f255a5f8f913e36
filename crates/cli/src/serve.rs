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
}

/// Runs `chorus serve` until Ctrl-C or SIGTERM.
pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        anyhow::bail!("--timeout must be a positive number of seconds");
    }
    let defaults = chorus_serve::Config::default();
    let config = chorus_serve::Config {
        max_body: args.max_body,
        max_documents: args.max_documents,
        max_sentences: args.max_sentences,
        max_summary_words: args.max_words,
        max_summary_sentences: args.max_summary_sentences,
        timeout: Duration::from_secs_f64(args.timeout),
        workers: args.workers.unwrap_or(defaults.workers),
        max_queue: args.max_queue,
        max_inflight_bytes: args
            .max_inflight_bytes
            .unwrap_or(defaults.max_inflight_bytes.max(args.max_body)),
    };
    chorus_serve::run(args.addr, config, |bound| {
        // One line on stdout for scripts (tests pick the port from it), flushed at once.
        println!("listening on http://{bound}");
        use std::io::Write;
        let _ = std::io::stdout().flush();
    })
    .context("chorus serve")?;
    Ok(ExitCode::SUCCESS)
}
