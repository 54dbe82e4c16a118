//! Running the engine over many documents on several threads, in input order: all at once
//! ([`map_items`], for Arrow batches, whose output is built without the GIL) or handing each
//! result, in order, to a sink that needs the GIL ([`in_order`], for `extract_many`).

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{fence, AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// `f` over `items`, in order: on the calling thread for `threads == Some(1)`, on a pool of
/// `n` threads for `Some(n)`, on rayon's global pool (all cores) for `None`.
pub fn map_items<I: Sync, O: Send>(
    threads: Option<usize>,
    items: &[I],
    f: impl Fn(usize, &I) -> O + Sync + Send,
) -> Result<Vec<O>, String> {
    match threads {
        Some(0) => Err("threads must be at least 1".to_string()),
        Some(1) => Ok(items.iter().enumerate().map(|(i, x)| f(i, x)).collect()),
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| format!("cannot start {n} threads: {e}"))?;
            Ok(pool.install(|| items.par_iter().enumerate().map(|(i, x)| f(i, x)).collect()))
        }
        None => Ok(items.par_iter().enumerate().map(|(i, x)| f(i, x)).collect()),
    }
}

/// Documents extracted on one thread between two conversions: the GIL is released once per
/// chunk, not per document (which measured some 1% slower on BBC, near the noise).
const CHUNK: usize = 256;

/// `f` over `items` with the GIL released, and `sink` (with the GIL) over the results in
/// input order, on `threads` threads in all (all cores for `None`): this one and
/// `threads - 1` workers. The workers take document after document; this thread hands each
/// finished result to `sink` as soon as those before it have been, and while the next one
/// is not finished yet, extracts a document itself. So the GIL-bound conversion to Python
/// objects overlaps the extraction with no more threads than `threads` wanting a core (a
/// producer thread driving a pool of `threads` beside a converting thread made 3 busy
/// threads for 2 threads asked, and twice the context switches). A result is dropped by the
/// thread that made it, after `sink` has seen it (but for a worker's last few, handed over
/// after it stopped, which this thread drops at the end): memory freed by another thread
/// than the one that allocated it costs mimalloc more (in a profile on 2 threads, its
/// functions took 2% more of the time than on 1). A worker waits before starting a document more than
/// [`AHEAD`] past the last handed to `sink`. An error from `sink` stops it all.
pub fn in_order<'i, I: Sync, O: Send>(
    py: Python<'_>,
    threads: Option<usize>,
    items: &'i [I],
    f: impl Fn(&'i I) -> O + Sync + Send,
    mut sink: impl FnMut(&O) -> PyResult<()>,
) -> PyResult<()> {
    let threads = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => n,
        None => rayon::current_num_threads(),
    };
    if threads == 1 || items.len() <= 1 {
        for chunk in items.chunks(CHUNK) {
            let done: Vec<O> = py.detach(|| chunk.iter().map(&f).collect());
            done.iter().try_for_each(&mut sink)?;
        }
        return Ok(());
    }
    let threads = threads.min(items.len());
    let work = Work::new(items.len(), threads);
    std::thread::scope(|scope| {
        let (work, f) = (&work, &f);
        for worker in 1..threads {
            let run = move || {
                while let Some(i) = work.claim() {
                    if !work.wait_for_room(i) {
                        return;
                    }
                    match catch_unwind(AssertUnwindSafe(|| f(&items[i]))) {
                        Ok(done) => work.put(i, worker, done),
                        Err(_) => return work.fail(),
                    }
                    work.empty_trash(worker);
                }
            };
            if let Err(e) = std::thread::Builder::new().spawn_scoped(scope, run) {
                work.stop();
                return Err(PyValueError::new_err(format!("cannot start {threads} threads: {e}")));
            }
        }
        let result = (0..items.len()).try_for_each(|k| {
            let (maker, done) = loop {
                if let Some(done) = work.take(k) {
                    break done;
                }
                match work.claim() {
                    // The next result is not there yet: extract a document meanwhile.
                    Some(i) => {
                        let done = py.detach(|| f(&items[i]));
                        work.put(i, MAIN, done);
                    }
                    None => py.detach(|| work.wait(k))?,
                }
            };
            let result = sink(&done);
            work.throw_away(maker, done);
            work.handed_over(k + 1);
            result
        });
        if result.is_err() {
            work.stop();
        }
        result
    })
}

/// Documents a worker may be ahead of the sink (a bound on the results held at once, as the
/// 2 chunks of 256 in flight and 1 being converted were before).
const AHEAD: usize = 1024;

/// The thread that calls [`in_order`], in [`Work`]'s thread numbers; the workers are 1, 2, ….
const MAIN: usize = 0;

/// The documents of an [`in_order`] call: which is the next to take, the results finished
/// and not yet handed to the sink (by document, with the number of the thread that made
/// them), and the results handed over, for the worker that made them to drop.
struct Work<O> {
    next: AtomicUsize,
    slots: Vec<Mutex<Option<(usize, O)>>>,
    trash: Vec<Mutex<Vec<O>>>,
    failed: AtomicBool,
    /// Locked to wait for a result, and to signal one, so that no signal is missed.
    signal: Mutex<()>,
    ready: Condvar,
    /// Whether the sink's thread is waiting (or about to wait) for a result: a finished
    /// result is signalled only then. The sink's thread seldom waits (it extracts a document
    /// itself when the next result is not in), and a signal is a system call (futex wake)
    /// even with no one waiting: 17,800 of them for BBC x8 on 2 threads.
    sleeping: AtomicBool,
    /// Results handed to the sink, and workers waiting for it to take more.
    handed: AtomicUsize,
    waiting: AtomicUsize,
    stopped: AtomicBool,
    /// Locked to wait for room ahead of the sink, and to signal it.
    room_lock: Mutex<()>,
    room: Condvar,
}

/// A lock whose holder cannot have panicked while holding it (nothing here panics), or whose
/// data is a whole `Option` either way.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<O> Work<O> {
    fn new(n: usize, threads: usize) -> Self {
        Work {
            next: AtomicUsize::new(0),
            slots: (0..n).map(|_| Mutex::new(None)).collect(),
            trash: (0..threads).map(|_| Mutex::new(Vec::new())).collect(),
            failed: AtomicBool::new(false),
            signal: Mutex::new(()),
            ready: Condvar::new(),
            sleeping: AtomicBool::new(false),
            handed: AtomicUsize::new(0),
            waiting: AtomicUsize::new(0),
            stopped: AtomicBool::new(false),
            room_lock: Mutex::new(()),
            room: Condvar::new(),
        }
    }

    /// The next document no thread has taken, if any is left.
    fn claim(&self) -> Option<usize> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        (i < self.slots.len()).then_some(i)
    }

    /// No document is taken any more, and workers waiting for room stop.
    fn stop(&self) {
        self.next.store(self.slots.len(), Ordering::Relaxed);
        self.stopped.store(true, Ordering::SeqCst);
        let _room = lock(&self.room_lock);
        self.room.notify_all();
    }

    /// Waits until document `i` is at most [`AHEAD`] past the last handed to the sink; false
    /// when everything stopped meanwhile.
    fn wait_for_room(&self, i: usize) -> bool {
        if i < self.handed.load(Ordering::SeqCst) + AHEAD {
            return true;
        }
        let mut room = lock(&self.room_lock);
        // Counted before `handed` is read again: the sink either sees a waiter after moving
        // `handed` on (and signals under the lock), or moved it on before this reads it.
        self.waiting.fetch_add(1, Ordering::SeqCst);
        while i >= self.handed.load(Ordering::SeqCst) + AHEAD && !self.stopped.load(Ordering::SeqCst) {
            room = self.room.wait(room).unwrap_or_else(PoisonError::into_inner);
        }
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        !self.stopped.load(Ordering::SeqCst)
    }

    /// `n` results have been handed to the sink: wakes the workers waiting for room.
    fn handed_over(&self, n: usize) {
        self.handed.store(n, Ordering::SeqCst);
        if self.waiting.load(Ordering::SeqCst) > 0 {
            let _room = lock(&self.room_lock);
            self.room.notify_all();
        }
    }

    fn put(&self, i: usize, maker: usize, done: O) {
        *lock(&self.slots[i]) = Some((maker, done));
        // Paired with the fence in `wait`: either this sees `sleeping` set, or the waiter,
        // having set it, sees the result in its slot and does not sleep.
        fence(Ordering::SeqCst);
        if self.sleeping.load(Ordering::SeqCst) {
            let _signal = lock(&self.signal);
            self.ready.notify_one();
        }
    }

    fn take(&self, k: usize) -> Option<(usize, O)> {
        lock(&self.slots[k]).take()
    }

    /// Drops a result handed over, on this thread if it made it, else on its maker's.
    fn throw_away(&self, maker: usize, done: O) {
        if maker != MAIN {
            lock(&self.trash[maker]).push(done);
        }
    }

    /// Drops the results handed over that `worker` made (outside the lock).
    fn empty_trash(&self, worker: usize) {
        drop(std::mem::take(&mut *lock(&self.trash[worker])));
    }

    /// A worker panicked (the engine catches its own panics: this is for a bug here).
    fn fail(&self) {
        self.stop();
        self.failed.store(true, Ordering::SeqCst);
        let _signal = lock(&self.signal);
        self.ready.notify_one();
    }

    /// Waits until the result of document `k` is there, or a worker has panicked.
    fn wait(&self, k: usize) -> PyResult<()> {
        let mut signal = lock(&self.signal);
        self.sleeping.store(true, Ordering::SeqCst);
        fence(Ordering::SeqCst);
        let mut result = Ok(());
        while lock(&self.slots[k]).is_none() {
            if self.failed.load(Ordering::SeqCst) {
                result = Err(PyRuntimeError::new_err("a saywho worker thread panicked"));
                break;
            }
            signal = self.ready.wait(signal).unwrap_or_else(PoisonError::into_inner);
        }
        self.sleeping.store(false, Ordering::SeqCst);
        result
    }
}
