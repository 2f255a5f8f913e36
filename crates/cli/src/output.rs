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

/// A message to the writing thread of [`ordered`]: an item was queued (with a sender for
/// the job that will take it), or a job's result.
enum Msg<R> {
    Queued(std::sync::mpsc::Sender<Msg<R>>),
    /// The item's index, the window places it held, its result.
    Done(usize, usize, R),
}

/// An item read for [`ordered`]: its index in the input and the window places it holds.
struct Queued<T> {
    index: usize,
    places: usize,
    item: T,
}

/// What the reading thread and the jobs of [`ordered`] share: the items read and not yet
/// taken, in input order, and whether the run was stopped by a write error.
struct Queue<T> {
    items: std::sync::Mutex<std::collections::VecDeque<Queued<T>>>,
    stopped: std::sync::atomic::AtomicBool,
}

impl<T> Queue<T> {
    /// The next item to work on, unless the queue is empty or the run stopped.
    fn take(&self) -> Option<Queued<T>> {
        if self.stopped.load(std::sync::atomic::Ordering::Relaxed) {
            return None;
        }
        // A poisoned lock only means a job panicked while holding it; the queue is intact.
        let mut items = self.items.lock().unwrap_or_else(|e| e.into_inner());
        items.pop_front()
    }

    /// True when an item is waiting to be taken.
    fn has_waiting(&self) -> bool {
        !self
            .items
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_empty()
    }
}

/// One job of [`ordered`]: takes the next queued item, works on it and reports the
/// result; then, when another item is waiting, starts a job for it on this worker, so a
/// busy pool keeps going without the writing thread.
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
    let Some(Queued {
        index,
        places,
        item,
    }) = queue.take()
    else {
        return;
    };
    if report.send(Msg::Done(index, places, work(item))).is_err() {
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
/// A job that finishes an item starts the next queued one itself, so the workers keep
/// busy without waiting for the writing thread to be scheduled (that thread also starts a
/// job for each item read; it finds the queue empty when a worker got there first).
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
        items: std::sync::Mutex::new(std::collections::VecDeque::new()),
        stopped: std::sync::atomic::AtomicBool::new(false),
    });
    // Permits for the window: the reader takes one before reading an item and the rest
    // of the item's cost after, the writer gives them back after writing the item.
    let window = window.max(1);
    let (permit_tx, permit_rx) = mpsc::sync_channel::<()>(window);
    // Detached, not scoped: a reader blocked on a slow stdin must not keep the process
    // from exiting when writing fails.
    let reader_queue = Arc::clone(&queue);
    std::thread::spawn(move || {
        let mut items = items;
        let mut index = 0usize;
        loop {
            if permit_tx.send(()).is_err() {
                return;
            }
            let Some(item) = items.next() else {
                return;
            };
            let places = cost(&item).clamp(1, window);
            for _ in 1..places {
                if permit_tx.send(()).is_err() {
                    return;
                }
            }
            reader_queue
                .items
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push_back(Queued {
                    index,
                    places,
                    item,
                });
            if tx.send(Msg::Queued(tx.clone())).is_err() {
                return;
            }
            index += 1;
        }
    });
    let queue = &*queue;
    rayon::in_place_scope(|scope| {
        let work = &work;
        let mut done: std::collections::BTreeMap<usize, (usize, R)> =
            std::collections::BTreeMap::new();
        let mut next = 0usize;
        // Ends when the reader has finished and every job has reported (all senders gone).
        for msg in rx {
            match msg {
                Msg::Queued(report) => {
                    scope.spawn(move |scope| take_one(scope, queue, work, report))
                }
                Msg::Done(index, places, result) => {
                    done.insert(index, (places, result));
                    while let Some((places, result)) = done.remove(&next) {
                        if let Err(e) = write(result) {
                            queue.stopped.store(true, Ordering::Relaxed);
                            return Err(e);
                        }
                        next += 1;
                        for _ in 0..places {
                            let _ = permit_rx.recv();
                        }
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
