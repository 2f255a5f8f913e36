//! Small helpers shared by subcommands for writing output.

/// True when `err` comes from writing to a pipe whose reader has gone away.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// How many items a streaming batch keeps in flight (read, being worked on, or done and
/// waiting for an earlier one): a few per worker thread, so every core stays busy while
/// memory is bounded by the window, not by the input.
pub fn window() -> usize {
    rayon::current_num_threads().max(1) * 4
}

/// A message to the writing thread of [`ordered`]: an item read (with the sender its job
/// reports on), or a job's result.
enum Msg<T, R> {
    Item(usize, T, std::sync::mpsc::Sender<Msg<T, R>>),
    Done(usize, R),
}

/// Runs `work` on every item of `items` in rayon's pool and hands the results to `write`
/// in input order, each as soon as every earlier one has been written. Items are read
/// lazily on a thread of their own, at most `window` at a time ahead of the writer, so
/// memory is bounded by the window whatever the input's length, and output appears while
/// the input is still being read. Output order never depends on the thread count.
///
/// An error from `write` (a closed pipe) stops the run: no more items are read.
pub fn ordered<T, R, E>(
    items: impl Iterator<Item = T> + Send + 'static,
    window: usize,
    work: impl Fn(T) -> R + Sync,
    mut write: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send + 'static,
    R: Send + 'static,
{
    use std::sync::mpsc;
    let (tx, rx) = mpsc::channel::<Msg<T, R>>();
    // One permit per item in flight: the reader takes one before reading an item, the
    // writer gives one back after writing an item.
    let (permit_tx, permit_rx) = mpsc::sync_channel::<()>(window.max(1));
    // Detached, not scoped: a reader blocked on a slow stdin must not keep the process
    // from exiting when writing fails.
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
            if tx.send(Msg::Item(index, item, tx.clone())).is_err() {
                return;
            }
            index += 1;
        }
    });
    rayon::in_place_scope(|scope| {
        let work = &work;
        let mut done: std::collections::BTreeMap<usize, R> = std::collections::BTreeMap::new();
        let mut next = 0usize;
        // Ends when the reader has finished and every job has reported (all senders gone).
        for msg in rx {
            match msg {
                Msg::Item(index, item, report) => scope.spawn(move |_| {
                    let _ = report.send(Msg::Done(index, work(item)));
                }),
                Msg::Done(index, result) => {
                    done.insert(index, result);
                    while let Some(result) = done.remove(&next) {
                        write(result)?;
                        next += 1;
                        let _ = permit_rx.recv();
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

    #[test]
    fn no_more_than_the_window_is_read_ahead_of_the_writer() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        let read = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&read);
        let items = (0..200usize).inspect(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        let mut written = 0usize;
        let mut most_ahead = 0usize;
        ordered(
            items,
            5,
            |i| i,
            |_| {
                written += 1;
                most_ahead = most_ahead.max(read.load(Ordering::SeqCst) - written);
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(written, 200);
        assert!(most_ahead <= 5, "read {most_ahead} items ahead");
    }

    #[test]
    fn a_write_error_stops_the_run() {
        let mut written = 0;
        let result = ordered(
            0..1_000_000u32,
            4,
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
