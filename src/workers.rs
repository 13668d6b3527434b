//! Worker threads for the row-parallel loops: pools kept between calls, so that a call does not start threads.
//!
//! `run` gives its first part to the calling thread and the others to a pool of worker
//! threads, made by `rayon` on first use, enlarged when a call needs more, and kept for
//! the process. Starting and joining a scoped thread per part cost 37 µs on the 2-core
//! development machine, which `reqc correct --threads 2` paid on every block of 16,384
//! rows: on blocks that stay in the cache, two threads ran slower than one
//! (`specs/kernels.md`, Threads). Once its own part is done, the caller spins briefly and
//! then yields its core while the helpers finish, and sleeps only after that. Invariants:
//! the results come back in the parts' order; a part that panics panics the caller after
//! every part has finished, as a scoped thread's join would; a process forked from one
//! that made a pool (a PyTorch data loader's workers) makes its own, since a child
//! inherits a pool's state but none of its threads; and when no thread can be started the
//! parts run one after another on the caller.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// A pool of worker threads and the process that started them.
struct Pool {
    helpers: usize,
    process: u32,
    threads: Arc<rayon::ThreadPool>,
}

/// The pool: made on first use with as many threads as that call needs, and replaced by a
/// larger one when a call needs more (calls that still run on the old one keep it alive
/// until they return), so that a process never holds more worker threads than its
/// largest call asked for.
static POOL: Mutex<Option<Pool>> = Mutex::new(None);

/// The threads a call takes unless told otherwise: the cores this process may run on
/// (`std::thread::available_parallelism`, which reads the affinity mask and cgroup CPU
/// quotas), read once per process. Asking costs several system calls each time (Python's
/// `os.cpu_count()` took 6 µs here, as long as a whole 512-row correction of heloc), and a
/// process rarely changes its cores; one that does passes its count explicitly.
pub fn available() -> usize {
    static AVAILABLE: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *AVAILABLE.get_or_init(|| std::thread::available_parallelism().map_or(1, |count| count.get()))
}

/// Runs every part, the first on the calling thread and each other on its own pooled
/// worker thread, and returns their results in the parts' order.
pub fn run<'a, R, F>(parts: Vec<F>) -> Vec<R>
where
    R: Send,
    F: FnOnce() -> R + Send + 'a,
{
    let mut parts = parts.into_iter();
    let Some(first) = parts.next() else {
        return Vec::new();
    };
    let rest: Vec<F> = parts.collect();
    if rest.is_empty() {
        return vec![first()];
    }
    run_on(pool(rest.len()).as_deref(), first, rest)
}

/// `run` on `pool` (one thread for each part of `rest`), or in turn on the calling thread
/// when there is no pool.
fn run_on<'a, R, F>(pool: Option<&rayon::ThreadPool>, first: F, rest: Vec<F>) -> Vec<R>
where
    R: Send,
    F: FnOnce() -> R + Send + 'a,
{
    let Some(pool) = pool else {
        return std::iter::once(first)
            .chain(rest)
            .map(|part| part())
            .collect();
    };
    let mut results: Vec<Option<R>> = (0..=rest.len()).map(|_| None).collect();
    let (head, tail) = results
        .split_first_mut()
        .expect("a result for the first part");
    let unfinished = AtomicUsize::new(rest.len());
    pool.in_place_scope(|scope| {
        for (part, slot) in rest.into_iter().zip(tail.iter_mut()) {
            let unfinished = &unfinished;
            scope.spawn(move |_| {
                // Counted as finished even when it panics (the scope then re-raises it).
                let _finished = Finished(unfinished);
                *slot = Some(part());
            });
        }
        *head = Some(first());
        await_helpers(&unfinished);
    });
    results
        .into_iter()
        .map(|result| result.expect("in_place_scope returns after every part has run"))
        .collect()
}

/// How long the caller spins, then yields, for the helpers' parts after its own, before
/// it sleeps until they finish. A caller that goes straight to sleep (`rayon`'s scope does,
/// outside its pool) is woken by the last helper, which cost 18–33 µs a call on the 2-core
/// development machine; spinning first, two 50 µs parts took 54 µs back to back instead of
/// 67–75 µs. Only spinning kept a helper that had to be woken off the caller's core, where
/// the scheduler often puts it (77–85 µs instead of 15 µs for empty parts after a pause),
/// hence yielding after a short spin (`specs/kernels.md`, Threads).
const SPINNING: Duration = Duration::from_micros(10);
const YIELDING: Duration = Duration::from_micros(200);

/// Marks one helper's part as finished when dropped, whether it returned or panicked.
struct Finished<'a>(&'a AtomicUsize);

impl Drop for Finished<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Release);
    }
}

/// Waits for `unfinished` to reach zero by spinning for SPINNING, then yielding the core
/// until YIELDING has passed; after that the scope's own wait puts the caller to sleep.
fn await_helpers(unfinished: &AtomicUsize) {
    let started = Instant::now();
    while unfinished.load(Ordering::Acquire) != 0 {
        let waited = started.elapsed();
        if waited >= YIELDING {
            return;
        }
        if waited < SPINNING {
            std::hint::spin_loop();
        } else {
            std::thread::yield_now();
        }
    }
}

/// A pool of at least `helpers` worker threads for this process, made or enlarged on
/// first need; `None` when its threads cannot be started.
fn pool(helpers: usize) -> Option<Arc<rayon::ThreadPool>> {
    let process = std::process::id();
    let mut current = POOL.lock().unwrap_or_else(PoisonError::into_inner);
    let mut size = helpers;
    if let Some(pool) = current.take() {
        if pool.process != process {
            // Made before a fork: its threads stayed in the parent. Dropping it would
            // signal threads that do not exist here, so it is leaked instead (once per fork).
            std::mem::forget(pool.threads);
        } else if pool.helpers >= helpers {
            let threads = Arc::clone(&pool.threads);
            *current = Some(pool);
            return Some(threads);
        } else {
            size = size.max(pool.helpers);
        }
    }
    let threads = rayon::ThreadPoolBuilder::new()
        .num_threads(size)
        .thread_name(|index| format!("reqc-worker-{index}"))
        .build()
        .ok()?;
    let threads = Arc::new(threads);
    *current = Some(Pool {
        helpers: size,
        process,
        threads: Arc::clone(&threads),
    });
    Some(threads)
}

#[cfg(test)]
mod tests {
    use super::run;
    use std::time::Duration;

    #[test]
    fn the_default_thread_count_is_the_processs_cores_read_once() {
        let cores = std::thread::available_parallelism().map_or(1, |count| count.get());
        assert_eq!(super::available(), cores);
        assert_eq!(super::available(), cores, "a second call answers the same");
    }

    #[test]
    fn results_come_back_in_the_parts_order_and_each_part_writes_only_its_slice() {
        for count in [0usize, 1, 2, 3, 7] {
            let mut data = vec![0u64; 1000];
            let chunk = data.len().div_ceil(count.max(1));
            let parts: Vec<_> = data
                .chunks_mut(chunk)
                .take(count)
                .enumerate()
                .map(|(index, slice)| {
                    move || {
                        for value in slice.iter_mut() {
                            *value = index as u64 + 1;
                        }
                        index * 10
                    }
                })
                .collect();
            let expected: Vec<usize> = (0..parts.len()).map(|index| index * 10).collect();
            assert_eq!(run(parts), expected, "{count} parts");
            for (index, slice) in data.chunks(chunk).take(count).enumerate() {
                assert!(slice.iter().all(|value| *value == index as u64 + 1));
            }
        }
    }

    #[test]
    fn parts_run_on_distinct_threads_and_the_first_on_the_caller() {
        let caller = std::thread::current().id();
        // A small pool, one that must grow, then fewer parts than the grown pool has.
        for count in [2usize, 3, 5, 2] {
            let arrived = std::sync::atomic::AtomicUsize::new(0);
            let parts: Vec<_> = (0..count)
                .map(|_| {
                    || {
                        // Every part waits for the others to arrive: parts on fewer
                        // threads than there are parts would wait until the deadline.
                        arrived.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        let deadline = std::time::Instant::now() + Duration::from_secs(20);
                        while arrived.load(std::sync::atomic::Ordering::SeqCst) < count
                            && std::time::Instant::now() < deadline
                        {
                            std::thread::sleep(Duration::from_millis(1));
                        }
                        let together = arrived.load(std::sync::atomic::Ordering::SeqCst) == count;
                        (std::thread::current().id(), together)
                    }
                })
                .collect();
            let answers = run(parts);
            assert!(
                answers.iter().all(|(_, together)| *together),
                "{count} parts did not all run at once"
            );
            assert_eq!(answers[0].0, caller, "{count} parts");
            let distinct: std::collections::BTreeSet<String> = answers
                .iter()
                .map(|(thread, _)| format!("{thread:?}"))
                .collect();
            assert_eq!(distinct.len(), count, "{count} parts");
        }
    }

    #[test]
    fn without_a_pool_the_parts_run_in_turn_on_the_calling_thread() {
        let caller = std::thread::current().id();
        let part = |index: usize| move || (index, std::thread::current().id());
        let answers = super::run_on(None, part(0), vec![part(1), part(2)]);
        assert_eq!(
            answers,
            vec![(0, caller), (1, caller), (2, caller)],
            "in order, on the caller"
        );
    }

    #[test]
    fn a_panicking_part_panics_the_caller_after_the_others_finish() {
        let finished = std::sync::atomic::AtomicUsize::new(0);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let parts: Vec<Box<dyn FnOnce() + Send + '_>> = vec![
                Box::new(|| {
                    finished.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }),
                Box::new(|| panic!("a part failed")),
                Box::new(|| {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    finished.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }),
            ];
            run(parts)
        }));
        assert!(outcome.is_err());
        assert_eq!(finished.load(std::sync::atomic::Ordering::SeqCst), 2);
    }
}
