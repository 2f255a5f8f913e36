//! Admission control and the bounded worker pool.
//!
//! A request is admitted (a place in the queue plus its body bytes) before its body is
//! read, or refused at once with `429`. Admitted requests wait for a worker slot until
//! their deadline (`503` if it passes) and compute in `spawn_blocking` holding the slot
//! (`504` if the deadline passes while computing; the slot is freed only when the
//! computation really ends, so the pool is never oversubscribed).

use std::sync::Arc;

use axum::http::StatusCode;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

use crate::error::ApiError;
use crate::Config;

/// Permits are counted in KiB so that large budgets fit the semaphore's `u32` requests.
const BYTES_PER_PERMIT: usize = 1024;

/// The queue, the body-byte budget and the worker slots.
pub(crate) struct Pool {
    queue: Arc<Semaphore>,
    bytes: Arc<Semaphore>,
    workers: Arc<Semaphore>,
    max_body: usize,
}

/// Proof that a request was admitted; dropping it frees its place and bytes.
pub(crate) struct Admission {
    _queue: OwnedSemaphorePermit,
    _bytes: OwnedSemaphorePermit,
}

impl Pool {
    /// Makes the pool for a validated configuration.
    pub fn new(config: &Config) -> Pool {
        Pool {
            queue: Arc::new(Semaphore::new(config.max_queue)),
            bytes: Arc::new(Semaphore::new(permits(config.max_inflight_bytes))),
            workers: Arc::new(Semaphore::new(config.workers)),
            max_body: config.max_body,
        }
    }

    /// Admits a request announcing `content_length` bytes (`None`: unknown, counted as the
    /// largest body), or refuses it with `429 overloaded`.
    pub fn admit(&self, content_length: Option<usize>) -> Result<Admission, ApiError> {
        let busy = || {
            ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "overloaded",
                "the server is at capacity; retry shortly",
            )
        };
        let queue = self.queue.clone().try_acquire_owned().map_err(|_| busy())?;
        let wanted = content_length.unwrap_or(self.max_body).min(self.max_body);
        let n = u32::try_from(permits(wanted).max(1)).unwrap_or(u32::MAX);
        let bytes = self
            .bytes
            .clone()
            .try_acquire_many_owned(n)
            .map_err(|_| busy())?;
        Ok(Admission {
            _queue: queue,
            _bytes: bytes,
        })
    }

    /// Runs `job` on a worker slot off the async runtime, answering by `deadline`.
    pub async fn run<T, F>(&self, deadline: Instant, job: F) -> Result<T, ApiError>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let slot =
            match tokio::time::timeout_at(deadline, self.workers.clone().acquire_owned()).await {
                Ok(Ok(slot)) => slot,
                // The semaphore is never closed; treat it like a full queue all the same.
                Ok(Err(_)) | Err(_) => {
                    return Err(ApiError::new(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "overloaded",
                        "no worker became free before the request timed out; retry later",
                    ))
                }
            };
        let handle = tokio::task::spawn_blocking(move || {
            let _slot = slot;
            job()
        });
        match tokio::time::timeout_at(deadline, handle).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(_)) => Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the computation failed unexpectedly",
            )),
            Err(_) => Err(ApiError::new(
                StatusCode::GATEWAY_TIMEOUT,
                "timeout",
                "the request took longer than the server's time limit",
            )),
        }
    }
}

/// Permits needed for `bytes` bytes, rounded up.
fn permits(bytes: usize) -> usize {
    bytes.div_ceil(BYTES_PER_PERMIT).min(Semaphore::MAX_PERMITS)
}
