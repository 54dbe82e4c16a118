//! pymalloc's arenas kept for reuse instead of handed back to the kernel at once.
//!
//! CPython's small-object allocator takes memory from the kernel in arenas (1 MiB from 3.10 on)
//! and unmaps an arena as soon as the last object in it is freed. The records of one
//! `extract_many` call on BBC x8 are some 1.5 million objects in 150 MB of arenas; when the
//! caller drops them, the arenas go back to the kernel, and the next call's objects fault
//! every page in again: 41,000 page faults a call, some 4% of its CPU time (perf: the
//! kernel's fault path and page zeroing, and the cache misses of fresh pages), which the CLI,
//! reusing its allocator's memory, never pays. So the module wraps CPython's arena allocator
//! (`PyObject_SetArenaAllocator`, the documented hook for this) with a cache: a freed arena
//! is kept, up to [`DEFAULT_LIMIT_MB`] in all, and handed out again before a new one is
//! mapped. A kept arena is marked `MADV_FREE`, so that the kernel may still take its pages
//! back when memory runs short (they then read as zeros, which pymalloc does not mind); until
//! it does, reusing them costs no fault. The cost is that much memory (at most) staying in
//! the process's resident size after its objects are freed, as with any allocator that keeps
//! memory for reuse. `SAYWHO_ARENA_CACHE_MB` sets the limit when the module is first
//! imported; `0` leaves CPython's allocator alone.
//!
//! The hook is process-wide: arenas freed by any Python code are kept while there is room,
//! which only ever saves faults. It is not in the limited API, so it is looked up by name at
//! run time and the cache is simply not installed where the interpreter lacks it (Linux
//! only, where `MADV_FREE` exists). Its signature and structure have not changed since
//! CPython 3.4. Arenas are allocated and freed under the interpreter's lock; the cache's own
//! lock covers interpreters with a lock of their own (3.12 and later).

use std::ffi::{c_char, c_int, c_void};
use std::sync::{Mutex, Once, PoisonError};

/// The default limit on the memory kept, in MiB: more than the arenas of the records of
/// `extract_many` on BBC x8 (150 MB).
pub const DEFAULT_LIMIT_MB: usize = 256;

/// CPython's `PyObjectArenaAllocator`.
#[repr(C)]
#[derive(Clone, Copy)]
struct ArenaAllocator {
    ctx: *mut c_void,
    alloc: Option<unsafe extern "C" fn(*mut c_void, usize) -> *mut c_void>,
    free: Option<unsafe extern "C" fn(*mut c_void, *mut c_void, usize)>,
}

/// The arenas kept, and the allocator wrapped.
struct Cache {
    inner: ArenaAllocator,
    /// (address, size) of the arenas kept.
    kept: Vec<(usize, usize)>,
    kept_bytes: usize,
    limit: usize,
}

// SAFETY: `inner` is CPython's own allocator, whose functions (mmap and munmap by default)
// may be called from any thread that holds an interpreter's lock; the addresses are plain
// numbers until handed back to CPython.
unsafe impl Send for Cache {}

static CACHE: Mutex<Option<Cache>> = Mutex::new(None);

/// The limit installed, in bytes (0: none), for `_saywho._ARENA_CACHE_BYTES`.
static INSTALLED: Mutex<usize> = Mutex::new(0);

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(target_os = "linux")]
extern "C" {
    fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
    fn madvise(addr: *mut c_void, len: usize, advice: c_int) -> c_int;
}

/// Linux's `MADV_FREE` (4.5 and later; an older kernel refuses it, and the arena is then
/// kept as it is).
const MADV_FREE: c_int = 8;

unsafe extern "C" fn alloc(_ctx: *mut c_void, size: usize) -> *mut c_void {
    let mut guard = lock(&CACHE);
    let Some(cache) = guard.as_mut() else {
        return std::ptr::null_mut();
    };
    if let Some(i) = cache.kept.iter().rposition(|&(_, s)| s == size) {
        let (address, _) = cache.kept.swap_remove(i);
        cache.kept_bytes -= size;
        return address as *mut c_void;
    }
    let inner = cache.inner;
    drop(guard);
    match inner.alloc {
        // SAFETY: CPython's own allocator, called as CPython would call it.
        Some(f) => unsafe { f(inner.ctx, size) },
        None => std::ptr::null_mut(),
    }
}

unsafe extern "C" fn free(_ctx: *mut c_void, ptr: *mut c_void, size: usize) {
    let mut guard = lock(&CACHE);
    let Some(cache) = guard.as_mut() else {
        return;
    };
    if !ptr.is_null() && cache.kept_bytes + size <= cache.limit {
        // SAFETY: `ptr` is an arena of `size` bytes that pymalloc no longer uses. A failure
        // (an old kernel) leaves the pages as they are, which is harmless.
        #[cfg(target_os = "linux")]
        unsafe {
            madvise(ptr, size, MADV_FREE)
        };
        cache.kept.push((ptr as usize, size));
        cache.kept_bytes += size;
        return;
    }
    let inner = cache.inner;
    drop(guard);
    if let Some(f) = inner.free {
        // SAFETY: an arena made by the wrapped allocator (or by us, from it), freed as
        // CPython would free it.
        unsafe { f(inner.ctx, ptr, size) }
    }
}

/// Installs the cache once per process (see the module's documentation); returns the limit in
/// bytes, 0 when not installed.
pub fn install() -> usize {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let limit_mb = match std::env::var("SAYWHO_ARENA_CACHE_MB") {
            Ok(v) => v.trim().parse::<usize>().unwrap_or(DEFAULT_LIMIT_MB),
            Err(_) => DEFAULT_LIMIT_MB,
        };
        let limit = limit_mb.saturating_mul(1 << 20);
        if limit > 0 && wrap(limit) {
            *lock(&INSTALLED) = limit;
        }
    });
    *lock(&INSTALLED)
}

#[cfg(target_os = "linux")]
fn wrap(limit: usize) -> bool {
    type Hook = unsafe extern "C" fn(*mut ArenaAllocator);
    // SAFETY: dlsym with RTLD_DEFAULT (a null handle on glibc and musl) looks the names up in
    // the process, where the interpreter's exported functions are; a name it lacks gives NULL.
    let (get, set) = unsafe {
        (
            dlsym(std::ptr::null_mut(), c"PyObject_GetArenaAllocator".as_ptr()),
            dlsym(std::ptr::null_mut(), c"PyObject_SetArenaAllocator".as_ptr()),
        )
    };
    if get.is_null() || set.is_null() {
        return false;
    }
    // SAFETY: both are CPython's functions of this signature (`void f(PyObjectArenaAllocator *)`).
    let (get, set) = unsafe {
        (
            std::mem::transmute::<*mut c_void, Hook>(get),
            std::mem::transmute::<*mut c_void, Hook>(set),
        )
    };
    let mut inner = ArenaAllocator {
        ctx: std::ptr::null_mut(),
        alloc: None,
        free: None,
    };
    // SAFETY: the module is being imported, so the interpreter's lock is held; `get` fills
    // the structure.
    unsafe { get(&mut inner) };
    if inner.alloc.is_none() || inner.free.is_none() {
        return false;
    }
    *lock(&CACHE) = Some(Cache {
        inner,
        kept: Vec::with_capacity(limit >> 20),
        kept_bytes: 0,
        limit,
    });
    let mut ours = ArenaAllocator {
        ctx: std::ptr::null_mut(),
        alloc: Some(alloc),
        free: Some(free),
    };
    // SAFETY: as above; CPython copies the structure. Arenas mapped before are freed through
    // `free`, which keeps them or hands them to the allocator that made them.
    unsafe { set(&mut ours) };
    true
}

#[cfg(not(target_os = "linux"))]
fn wrap(_limit: usize) -> bool {
    false
}
