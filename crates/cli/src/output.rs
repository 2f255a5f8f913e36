//! Small helpers shared by subcommands for writing output.

/// True when `err` comes from writing to a pipe whose reader has gone away.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// How many items a streaming batch keeps in flight (read, being worked on, or done and
/// waiting for an earlier one): enough per worker thread that every core stays busy while
/// one slow item holds up the writer, or while the writing and reading threads wait for
/// a core on a loaded machine (with 4 per thread, a 2-core run over small clusters left a
/// core idle much of the time). Big items count for more (see [`ordered`]'s `cost`), so
/// memory stays bounded by the window, not by the input.
pub fn window() -> usize {
    rayon::current_num_threads().max(1) * 16
}

/// An item's cost against the window of [`ordered`] when it holds `bytes` bytes: one,
/// plus one per MiB, so a window of small items runs many at once while a few items of
/// tens of MiB hold the whole window (memory stays near a window of MiB-sized items).
pub fn cost_of_bytes(bytes: usize) -> usize {
    1 + bytes / (1 << 20)
}

/// At most this many items go into one chunk of [`ordered`]: enough that handing work
/// between threads costs little per item, few enough that the last chunks of a run still
/// spread over the workers.
const CHUNK_ITEMS: usize = 16;

/// A message to the writing thread of [`ordered`]: a chunk was queued (with a sender for
/// the job that will take it), or a job's results.
enum Msg<R> {
    Queued(std::sync::mpsc::Sender<Msg<R>>),
    /// The index of the chunk's first item, and each item's window places and result.
    Done(usize, Vec<(usize, R)>),
}

/// Consecutive items read for [`ordered`], worked on by one job: the first one's index in
/// the input, their window places in all, and each item with its places.
struct Chunk<T> {
    first: usize,
    places: usize,
    items: Vec<(usize, T)>,
}

/// What the reading thread and the jobs of [`ordered`] share: the chunks read and not yet
/// taken, in input order, and whether the run was stopped by a write error.
struct Queue<T> {
    chunks: std::sync::Mutex<std::collections::VecDeque<Chunk<T>>>,
    stopped: std::sync::atomic::AtomicBool,
}

impl<T> Queue<T> {
    /// The next chunk to work on, unless the queue is empty or the run stopped.
    fn take(&self) -> Option<Chunk<T>> {
        if self.is_stopped() {
            return None;
        }
        self.lock().pop_front()
    }

    /// True once a write error stopped the run.
    fn is_stopped(&self) -> bool {
        self.stopped.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// True when a chunk is waiting to be taken.
    fn has_waiting(&self) -> bool {
        !self.lock().is_empty()
    }

    /// Adds item `index` to the last chunk while no job has taken it and it has room (the
    /// workers are busy: items gather), else queues it as a new chunk; true for a new one.
    fn push(&self, index: usize, places: usize, item: T, max_places: usize) -> bool {
        let mut chunks = self.lock();
        if let Some(last) = chunks.back_mut() {
            if last.items.len() < CHUNK_ITEMS && last.places + places <= max_places {
                last.places += places;
                last.items.push((places, item));
                return false;
            }
        }
        chunks.push_back(Chunk {
            first: index,
            places,
            items: vec![(places, item)],
        });
        true
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, std::collections::VecDeque<Chunk<T>>> {
        // A poisoned lock only means a job panicked while holding it; the queue is intact.
        self.chunks.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The places of [`ordered`]'s window: the reader takes them before reading an item, the
/// writer gives them back after writing it. A blocked reader is woken once a quarter of
/// the window is free (or what it waits for, if more), not at every item written, so
/// reading and writing do not hand the cores back and forth item by item.
struct Window {
    state: std::sync::Mutex<WindowState>,
    freed: std::sync::Condvar,
    size: usize,
}

struct WindowState {
    free: usize,
    /// Places the blocked reader waits for (0: not waiting).
    wanted: usize,
    /// The writer has finished or stopped: the reader stops too.
    closed: bool,
}

impl Window {
    fn new(size: usize) -> Window {
        Window {
            state: std::sync::Mutex::new(WindowState {
                free: size,
                wanted: 0,
                closed: false,
            }),
            freed: std::sync::Condvar::new(),
            size,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, WindowState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes `n` places (at most the window), waiting for them; false once closed.
    fn acquire(&self, n: usize) -> bool {
        let n = n.min(self.size);
        let mut state = self.lock();
        while state.free < n && !state.closed {
            state.wanted = n;
            state = self.freed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.wanted = 0;
        if state.closed {
            return false;
        }
        state.free -= n;
        true
    }

    /// Gives `n` places back, waking the reader once enough are free.
    fn release(&self, n: usize) {
        let mut state = self.lock();
        state.free = (state.free + n).min(self.size);
        let enough = state.wanted.max(self.size / 4).min(self.size);
        if state.wanted > 0 && state.free >= enough {
            self.freed.notify_one();
        }
    }

    /// Ends the run for the reader.
    fn close(&self) {
        self.lock().closed = true;
        self.freed.notify_all();
    }
}

/// Closes the window when the writer returns, however it returns.
struct CloseOnDrop<'w>(&'w Window);

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// One job of [`ordered`]: takes the next queued chunk, works on its items and reports
/// the results; then, when another chunk is waiting, starts a job for it on this worker,
/// so a busy pool keeps going without the writing thread.
fn take_one<'s, T, R, W>(
    scope: &rayon::Scope<'s>,
    queue: &'s Queue<T>,
    work: &'s W,
    report: std::sync::mpsc::Sender<Msg<R>>,
) where
    T: Send,
    R: Send + 's,
    W: Fn(T) -> R + Sync,
{
    let Some(Chunk { first, items, .. }) = queue.take() else {
        return;
    };
    let mut results = Vec::with_capacity(items.len());
    for (places, item) in items {
        // A write error ends the run: the rest of the chunk is not worked on.
        if queue.is_stopped() {
            return;
        }
        results.push((places, work(item)));
    }
    if report.send(Msg::Done(first, results)).is_err() {
        return;
    }
    if queue.has_waiting() {
        scope.spawn(move |scope| take_one(scope, queue, work, report));
    }
}

/// Runs `work` on every item of `items` in rayon's pool and hands the results to `write`
/// in input order, each as soon as every earlier one has been written. Items are read
/// lazily on a thread of their own, at most `window` at a time ahead of the writer, so
/// memory is bounded by the window whatever the input's length, and output appears while
/// the input is still being read. Output order never depends on the thread count. An
/// item takes `cost(&item)` places of the window (at least one, at most all of it).
///
/// Items read while every worker is busy gather into chunks (up to [`CHUNK_ITEMS`], and
/// a quarter of the window's places), one job each, so the threads hand work to each other
/// once a chunk instead of once an item: that handing had cost a fifth of `rouge --pairs`'s
/// CPU time in system calls and context switches. An item read while a worker waits is
/// taken at once, alone. A job that finishes a chunk starts the next queued one itself,
/// so the workers keep busy without waiting for the writing thread to be scheduled (that
/// thread also starts a job for each chunk queued; it finds the queue empty when a worker
/// got there first).
///
/// An error from `write` (a closed pipe) stops the run: no more items are read or started.
pub fn ordered<T, R, E>(
    items: impl Iterator<Item = T> + Send + 'static,
    window: usize,
    cost: impl Fn(&T) -> usize + Send + 'static,
    work: impl Fn(T) -> R + Sync,
    mut write: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send + 'static,
    R: Send + 'static,
{
    use std::sync::atomic::Ordering;
    use std::sync::{mpsc, Arc};
    let (tx, rx) = mpsc::channel::<Msg<R>>();
    let queue = Arc::new(Queue {
        chunks: std::sync::Mutex::new(std::collections::VecDeque::new()),
        stopped: std::sync::atomic::AtomicBool::new(false),
    });
    let window = window.max(1);
    let places = Arc::new(Window::new(window));
    let _close = CloseOnDrop(&places);
    let max_chunk_places = (window / 4).max(1);
    // Detached, not scoped: a reader blocked on a slow stdin must not keep the process
    // from exiting when writing fails.
    let reader_queue = Arc::clone(&queue);
    let reader_places = Arc::clone(&places);
    std::thread::spawn(move || {
        let mut items = items;
        let mut index = 0usize;
        loop {
            // One place before reading, so no more than the window is read ahead...
            if !reader_places.acquire(1) {
                return;
            }
            let Some(item) = items.next() else {
                return;
            };
            // ...and the rest of the item's cost once it is known.
            let places = cost(&item).clamp(1, window);
            if places > 1 && !reader_places.acquire(places - 1) {
                return;
            }
            if reader_queue.push(index, places, item, max_chunk_places)
                && tx.send(Msg::Queued(tx.clone())).is_err()
            {
                return;
            }
            index += 1;
        }
    });
    let queue = &*queue;
    let places = &*places;
    rayon::in_place_scope(|scope| {
        let work = &work;
        let mut done: std::collections::BTreeMap<usize, Vec<(usize, R)>> =
            std::collections::BTreeMap::new();
        let mut next = 0usize;
        // Ends when the reader has finished and every job has reported (all senders gone).
        for msg in rx {
            match msg {
                Msg::Queued(report) => {
                    scope.spawn(move |scope| take_one(scope, queue, work, report))
                }
                Msg::Done(first, results) => {
                    done.insert(first, results);
                    while let Some(results) = done.remove(&next) {
                        let mut freed = 0;
                        for (held, result) in results {
                            if let Err(e) = write(result) {
                                queue.stopped.store(true, Ordering::Relaxed);
                                return Err(e);
                            }
                            next += 1;
                            freed += held;
                        }
                        places.release(freed);
                    }
                }
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_finishing_order() {
        let mut got = Vec::new();
        // Earlier items sleep longer, so they finish last.
        ordered(
            0..40u64,
            8,
            |_| 1,
            |i| {
                std::thread::sleep(std::time::Duration::from_millis((40 - i) % 7));
                i * 2
            },
            |r| {
                got.push(r);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(got, (0..40).map(|i| i * 2).collect::<Vec<_>>());
    }

    /// Streams `items` numbers through `ordered` with `window` places and every item costing
    /// `cost`, checking they are written in order; returns how many were written and the
    /// most items read but not yet written at any write.
    fn read_ahead(items: usize, window: usize, cost: usize) -> (usize, usize) {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        let read = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&read);
        let items = (0..items).inspect(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        let mut written = 0usize;
        let mut most_ahead = 0usize;
        ordered(
            items,
            window,
            move |_| cost,
            |i| i,
            |i| {
                assert_eq!(i, written);
                written += 1;
                most_ahead = most_ahead.max(read.load(Ordering::SeqCst) - written);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        (written, most_ahead)
    }

    #[test]
    fn no_more_than_the_window_is_read_ahead_of_the_writer() {
        let (written, most_ahead) = read_ahead(200, 5, 1);
        assert_eq!(written, 200);
        assert!(most_ahead <= 5, "read {most_ahead} items ahead");
    }

    #[test]
    fn an_item_costing_the_whole_window_is_read_alone() {
        for (cost, allowed) in [(1usize, 5usize), (5, 1), (50, 1)] {
            let (written, most_ahead) = read_ahead(60, 5, cost);
            assert_eq!(written, 60);
            // A costly item waits for the whole window, read but not started.
            assert!(
                most_ahead <= allowed,
                "cost {cost}: read {most_ahead} ahead"
            );
        }
        assert_eq!(cost_of_bytes(0), 1);
        assert_eq!(cost_of_bytes(64 << 20), 65);
    }

    /// An item is not held back to fill a chunk: with a stream that gives its second item
    /// only once the first is written (a reader at a terminal), the first is written.
    #[test]
    fn an_item_is_written_before_the_stream_gives_the_next() {
        use std::sync::mpsc;
        use std::time::Duration;
        let (written_tx, written_rx) = mpsc::channel::<u32>();
        let (verdict_tx, verdict_rx) = mpsc::channel::<bool>();
        let items = (0..3u32).inspect(move |&i| {
            if i > 0 {
                // The item before this one must be out before this one is given.
                let out = written_rx.recv_timeout(Duration::from_secs(20));
                let _ = verdict_tx.send(out == Ok(i - 1));
            }
        });
        let mut got = Vec::new();
        ordered(
            items,
            32,
            |_| 1,
            |i| i,
            |i| {
                got.push(i);
                let _ = written_tx.send(i);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(got, [0, 1, 2]);
        let verdicts: Vec<bool> = verdict_rx.try_iter().collect();
        assert_eq!(verdicts, [true, true]);
    }

    #[test]
    fn a_write_error_stops_the_run() {
        let mut written = 0;
        let result = ordered(
            0..1_000_000u32,
            4,
            |_| 1,
            |i| i,
            |i| {
                written += 1;
                if i == 10 {
                    Err("closed")
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(result, Err("closed"));
        assert_eq!(written, 11);
    }
}
