//! Connections: the accept loop, the connection cap, the header timeout and shutdown.
//!
//! chorus drives hyper's HTTP/1 connections itself rather than through `axum::serve`,
//! which has neither a header-read timeout nor a connection cap.
//!
//! The header timeout (hyper's `header_read_timeout`) runs from a connection's opening
//! and again from the end of each answer, so it bounds both a request head sent slowly and
//! a keep-alive connection left idle. The cap counts open connections; when it is reached,
//! a new connection closes the oldest one that is not working on a request (idle, or still
//! receiving its body) to make room, so a crowd of slow or idle clients cannot lock out a
//! health check, and only when every connection is working is the new one answered `503`
//! and closed at once.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};
use std::task::{Context, Poll};

use axum::body::Body;
use axum::Router;
use hyper::body::{Bytes, Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper::service::Service;
use hyper::Request;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};
use tokio::task::JoinSet;

use crate::Config;

/// Largest request head, and the read buffer size hyper aims for: with the connection cap
/// it bounds what half-sent heads can hold (4,096 × 64 KiB = 256 MiB at the defaults, where
/// hyper's own default buffer of about 400 KB would allow over 1.6 GB).
const MAX_BUF: usize = 64 * 1024;

/// Waiting for a request head: new, or between keep-alive requests.
const IDLE: u8 = 0;
/// A request head arrived; its body has not all arrived yet.
const RECEIVING: u8 = 1;
/// The request is complete and being answered.
const WORKING: u8 = 2;

/// One open connection, as the cap sees it.
struct Conn {
    phase: AtomicU8,
    /// Closes the connection when the cap needs its place.
    evict: Notify,
}

/// The open connections, oldest first.
struct Registry {
    open: Mutex<Open>,
    cap: usize,
}

struct Open {
    next_id: u64,
    conns: BTreeMap<u64, Arc<Conn>>,
}

/// A place among the open connections; dropping it frees the place.
struct Place {
    registry: Arc<Registry>,
    id: u64,
    conn: Arc<Conn>,
}

impl Drop for Place {
    fn drop(&mut self) {
        let mut open = self
            .registry
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        open.conns.remove(&self.id);
    }
}

impl Registry {
    /// A place for a new connection, making room by closing the oldest idle connection
    /// (else the oldest still receiving a body) when the cap is reached; `None` when every
    /// open connection is working on a request.
    fn register(self: &Arc<Self>) -> Option<Place> {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        if open.conns.len() >= self.cap {
            let oldest_in = |phase: u8| {
                open.conns
                    .iter()
                    .find(|(_, c)| c.phase.load(Ordering::SeqCst) == phase)
                    .map(|(id, _)| *id)
            };
            let victim = oldest_in(IDLE).or_else(|| oldest_in(RECEIVING))?;
            if let Some(conn) = open.conns.remove(&victim) {
                conn.evict.notify_one();
            }
        }
        let id = open.next_id;
        open.next_id += 1;
        let conn = Arc::new(Conn {
            phase: AtomicU8::new(IDLE),
            evict: Notify::new(),
        });
        open.conns.insert(id, conn.clone());
        Some(Place {
            registry: self.clone(),
            id,
            conn,
        })
    }
}

/// A request body that tells its connection when it has all arrived.
struct Tracked {
    inner: Incoming,
    conn: Arc<Conn>,
}

impl hyper::body::Body for Tracked {
    type Data = Bytes;
    type Error = hyper::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, hyper::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        if matches!(polled, Poll::Ready(None | Some(Err(_)))) {
            self.conn.phase.store(WORKING, Ordering::SeqCst);
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// The answer to a connection over the cap, written without waiting on the client.
static REFUSAL: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let body = r#"{"error":"the server has too many open connections; retry shortly","code":"overloaded"}"#;
    format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
         retry-after: 1\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
});

/// Serves `app` on `listener` until `shutdown` resolves, then gives the requests in
/// flight `config.shutdown_grace` to finish and returns, even if some computations are
/// still running (the caller decides whether to wait for those).
pub(crate) async fn serve_connections(
    listener: TcpListener,
    app: Router,
    config: &Config,
    shutdown: impl Future<Output = ()>,
) {
    let registry = Arc::new(Registry {
        open: Mutex::new(Open {
            next_id: 0,
            conns: BTreeMap::new(),
        }),
        cap: config.max_connections,
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout)
        .max_buf_size(MAX_BUF)
        .max_header_size(MAX_BUF)
        .keep_alive(true);
    let (stop, stopped) = watch::channel(false);
    let mut tasks = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        tokio::select! {
            biased;
            () = &mut shutdown => break,
            Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => match registry.register() {
                    Some(place) => {
                        tasks.spawn(connection(
                            stream,
                            place,
                            app.clone(),
                            builder.clone(),
                            stopped.clone(),
                        ));
                    }
                    None => {
                        // One non-blocking write: a client that does not read gets nothing.
                        let _ = stream.try_write(&REFUSAL);
                    }
                },
                // Out of file descriptors, or a connection reset before it was accepted:
                // pause briefly instead of spinning; the listener stays open.
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
            },
        }
    }
    drop(listener);
    // Receivers gone (every connection ended) is fine: nobody is left to tell.
    let _ = stop.send(true);
    let drained = async { while tasks.join_next().await.is_some() {} };
    let _ = tokio::time::timeout(config.shutdown_grace, drained).await;
    // Dropping the set aborts the connections still open; their computations are cut
    // loose and end with the process.
    drop(tasks);
}

/// Serves one connection until it closes, is evicted, or the server stops.
async fn connection(
    stream: TcpStream,
    place: Place,
    app: Router,
    builder: http1::Builder,
    mut stopped: watch::Receiver<bool>,
) {
    // Small answers go out at once rather than waiting on Nagle's algorithm.
    let _ = stream.set_nodelay(true);
    let conn = place.conn.clone();
    let app = TowerToHyperService::new(app);
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        let conn = conn.clone();
        let phase = if hyper::body::Body::is_end_stream(request.body()) {
            WORKING
        } else {
            RECEIVING
        };
        conn.phase.store(phase, Ordering::SeqCst);
        let tracked = request.map(|inner| {
            Body::new(Tracked {
                inner,
                conn: conn.clone(),
            })
        });
        let answer = app.call(tracked);
        async move {
            let answer = answer.await;
            conn.phase.store(IDLE, Ordering::SeqCst);
            answer
        }
    });
    let served = builder.serve_connection(TokioIo::new(stream), service);
    let mut served = std::pin::pin!(served);
    tokio::select! {
        _ = served.as_mut() => return,
        () = place.conn.evict.notified() => return,
        _ = stopped.wait_for(|s| *s) => {}
    }
    // Finish the request in flight, if any, then close; the caller bounds the wait.
    served.as_mut().graceful_shutdown();
    let _ = served.await;
}
