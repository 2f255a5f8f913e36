//! Admission control and the bounded worker pool.
//!
//! A request's body bytes are counted against the in-flight byte budget as they arrive
//! (`429` once the budget is spent), and it takes a place in the queue only once its body
//! is complete (`429` if the queue is full): a slow body holds neither a queue place nor
//! more budget than the bytes it has sent. Admitted requests wait for a worker slot until
//! their deadline (`503` if it passes) and compute in `spawn_blocking` holding the slot
//! (`504` if the deadline passes while computing).
//!
//! A computation cannot be stopped from outside, so its slot is freed only when it really
//! ends: the pool never runs more jobs than it has slots, which bounds CPU and memory
//! whatever the input. The cost is that runaway jobs can hold every slot; then new
//! requests are answered `503` at once instead of waiting out their deadline, and health
//! checks, which never use the pool, still answer.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use axum::http::StatusCode;
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};
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
    worker_count: usize,
    /// Jobs still running after their request was answered `504`.
    orphans: Arc<AtomicUsize>,
    /// Wakes requests waiting for a slot when every slot is held by an orphan.
    all_orphaned: Arc<Notify>,
}

/// The body bytes a request holds so far; dropping it returns them to the budget.
pub(crate) struct BodyBytes {
    budget: Arc<Semaphore>,
    permit: Option<OwnedSemaphorePermit>,
    held: usize,
}

/// Proof that a request was admitted; dropping it frees its queue place and bytes.
pub(crate) struct Admission {
    _queue: OwnedSemaphorePermit,
    _bytes: BodyBytes,
}

fn overloaded() -> ApiError {
    ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "overloaded",
        "the server is at capacity; retry shortly",
    )
}

impl BodyBytes {
    /// Grows the holding to `total` bytes, or refuses with `429 overloaded` when the
    /// in-flight budget is spent.
    pub fn grow(&mut self, total: usize) -> Result<(), ApiError> {
        let needed = permits(total);
        if needed <= self.held {
            return Ok(());
        }
        let extra = u32::try_from(needed - self.held).map_err(|_| overloaded())?;
        let more = self
            .budget
            .clone()
            .try_acquire_many_owned(extra)
            .map_err(|_| overloaded())?;
        match &mut self.permit {
            Some(p) => p.merge(more),
            None => self.permit = Some(more),
        }
        self.held = needed;
        Ok(())
    }
}

/// The state of one job, shared by its request and its blocking thread.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Job {
    Running,
    /// Its request was answered `504`; the job counts as an orphan until it ends.
    Orphaned,
    Done,
}

/// Marks the job done when the blocking closure ends, even by a panic.
struct JobEnd {
    state: Arc<Mutex<Job>>,
    orphans: Arc<AtomicUsize>,
}

impl Drop for JobEnd {
    fn drop(&mut self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if *state == Job::Orphaned {
            self.orphans.fetch_sub(1, Ordering::SeqCst);
        }
        *state = Job::Done;
    }
}

impl Pool {
    /// Makes the pool for a validated configuration.
    pub fn new(config: &Config) -> Pool {
        Pool {
            queue: Arc::new(Semaphore::new(config.max_queue)),
            bytes: Arc::new(Semaphore::new(permits(config.max_inflight_bytes))),
            workers: Arc::new(Semaphore::new(config.workers)),
            worker_count: config.workers,
            orphans: Arc::new(AtomicUsize::new(0)),
            all_orphaned: Arc::new(Notify::new()),
        }
    }

    /// An empty holding of body bytes, to grow as the body arrives.
    pub fn body_bytes(&self) -> BodyBytes {
        BodyBytes {
            budget: self.bytes.clone(),
            permit: None,
            held: 0,
        }
    }

    /// Gives a request whose body is read a place in the queue, or refuses it with
    /// `429 overloaded`.
    pub fn admit(&self, bytes: BodyBytes) -> Result<Admission, ApiError> {
        let queue = self
            .queue
            .clone()
            .try_acquire_owned()
            .map_err(|_| overloaded())?;
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
        let unavailable = |why: &str| {
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "overloaded",
                why.to_string(),
            )
        };
        let slot = loop {
            // Registered before the check, so a wake-up between the two is not lost.
            let all_orphaned = self.all_orphaned.notified();
            if self.orphans.load(Ordering::SeqCst) >= self.worker_count {
                return Err(unavailable(
                    "every worker is still busy with a computation that outran its time \
                     limit; retry later",
                ));
            }
            tokio::select! {
                acquired = tokio::time::timeout_at(deadline, self.workers.clone().acquire_owned()) => {
                    match acquired {
                        Ok(Ok(slot)) => break slot,
                        // The semaphore is never closed; treat it like a full queue all the same.
                        Ok(Err(_)) | Err(_) => return Err(unavailable(
                            "no worker became free before the request timed out; retry later",
                        )),
                    }
                }
                () = all_orphaned => {}
            }
        };
        let state = Arc::new(Mutex::new(Job::Running));
        let end = JobEnd {
            state: state.clone(),
            orphans: self.orphans.clone(),
        };
        let handle = tokio::task::spawn_blocking(move || {
            // Dropped in this order: the job is done, then its slot is free.
            let _slot = slot;
            let _end = end;
            job()
        });
        match tokio::time::timeout_at(deadline, handle).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(_)) => Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the computation failed unexpectedly",
            )),
            Err(_) => {
                let mut job = state.lock().unwrap_or_else(PoisonError::into_inner);
                if *job == Job::Running {
                    *job = Job::Orphaned;
                    let orphans = self.orphans.fetch_add(1, Ordering::SeqCst) + 1;
                    if orphans >= self.worker_count {
                        self.all_orphaned.notify_waiters();
                    }
                }
                Err(ApiError::new(
                    StatusCode::GATEWAY_TIMEOUT,
                    "timeout",
                    "the request took longer than the server's time limit",
                ))
            }
        }
    }
}

/// Permits needed for `bytes` bytes, rounded up.
fn permits(bytes: usize) -> usize {
    bytes.div_ceil(BYTES_PER_PERMIT).min(Semaphore::MAX_PERMITS)
}
