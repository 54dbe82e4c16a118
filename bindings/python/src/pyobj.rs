//! The handful of CPython calls that build a record's objects, made directly through the
//! limited API (abi3, CPython ≥ 3.9) instead of PyO3's generic `set_item`/`PyList::new`
//! conversions: a BBC pass builds some 370,000 objects, so the conversions' extra reference
//! counting, `Result` plumbing and intermediate `Vec`s are worth leaving out here.
//!
//! Every function takes `Python<'py>` (or a `Bound<'py, _>`), so it only runs attached to the
//! interpreter, and hands back owned references as `Bound`, which releases them on drop.

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString};
use std::borrow::Cow;

/// A new reference from a C API call as a `Bound`, or the Python error the call set.
fn owned<'py>(py: Python<'py>, ptr: *mut ffi::PyObject) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: every caller passes the result of a C API call that returns a new reference
    // (or NULL with an exception set), and `py` proves the thread is attached.
    unsafe { Bound::from_owned_ptr_or_err(py, ptr) }
}

/// A copy of `template`, a dict whose keys are in place: filling the copy replaces values
/// instead of inserting keys and growing the table.
pub fn copy_dict<'py, T>(template: &Bound<'py, T>) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: `template` is a live object held by the attached thread; PyDict_Copy returns a
    // new reference, or NULL with an error set (a SystemError if it is not a dict).
    owned(template.py(), unsafe { ffi::PyDict_Copy(template.as_ptr()) })
}

/// `d[key] = value` for a dict `d` made by [`copy_dict`].
pub fn set<V>(d: &Bound<'_, PyAny>, key: &Bound<'_, PyString>, value: &Bound<'_, V>) -> PyResult<()> {
    // SAFETY: all three are live objects of the attached thread and `d` is a dict (only this
    // module's constructors make the dicts passed here); PyDict_SetItem takes its own
    // references to key and value and returns -1 with an error set on failure.
    if unsafe { ffi::PyDict_SetItem(d.as_ptr(), key.as_ptr(), value.as_ptr()) } < 0 {
        return Err(PyErr::fetch(d.py()));
    }
    Ok(())
}

/// An int (offsets, ids, group numbers).
pub fn int(py: Python<'_>, v: usize) -> PyResult<Bound<'_, PyAny>> {
    // PyLong_FromLong has CPython's fast path for one-digit ints (below 2^30, every offset of
    // a text under 1 GB), where PyLong_FromSsize_t takes the general path on some versions.
    let ptr = match std::ffi::c_long::try_from(v) {
        // SAFETY: attached (`py`); a new reference or NULL with an error set.
        Ok(v) => unsafe { ffi::PyLong_FromLong(v) },
        // SAFETY: as above; usize fits in Py_ssize_t for any text (below isize::MAX bytes).
        Err(_) => unsafe { ffi::PyLong_FromSsize_t(v as ffi::Py_ssize_t) },
    };
    owned(py, ptr)
}

/// A str from UTF-8 text.
pub fn str<'py>(py: Python<'py>, s: &str) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: attached (`py`); the pointer and length describe `s`, valid UTF-8 that lives
    // across the call (CPython copies it); a new reference or NULL with an error set.
    owned(py, unsafe {
        ffi::PyUnicode_FromStringAndSize(s.as_ptr().cast(), s.len() as ffi::Py_ssize_t)
    })
}

#[cfg(unix)]
extern "C" {
    /// In the limited API from CPython 3.10 on (pyo3-ffi declares it only for wheels built for
    /// 3.10 and later); exported with this signature by every CPython 3 on Unix, where an
    /// extension's symbols are resolved against the interpreter when it is loaded.
    fn PyUnicode_AsUTF8AndSize(unicode: *mut ffi::PyObject, size: *mut ffi::Py_ssize_t) -> *const std::ffi::c_char;
}

/// Whether the interpreter has `PyUnicode_AsUTF8AndSize` in its stable ABI (3.10 and later).
fn has_utf8_and_size(py: Python<'_>) -> bool {
    static CHECKED: PyOnceLock<bool> = PyOnceLock::new();
    *CHECKED.get_or_init(py, || cfg!(unix) && py.version_info() >= (3, 10))
}

/// The UTF-8 text of a str, borrowed from the str itself where the interpreter allows:
/// CPython keeps a str's UTF-8 form with it (an ASCII str *is* its UTF-8 form; another gets
/// it made once, on first request, and kept until the str is freed). PyO3's `to_cow` for an
/// abi3-py39 wheel instead encodes the text into a new bytes object and copies that into a
/// `String`: for `extract_many` on BBC x8, 40 MB copied twice per call and some 5,000 page
/// faults for the copies' fresh memory. A str with lone surrogates has no UTF-8 form: the
/// `UnicodeEncodeError` is returned, as from `to_cow`.
pub fn utf8<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    #[cfg(unix)]
    if has_utf8_and_size(s.py()) {
        let mut size: ffi::Py_ssize_t = 0;
        // SAFETY: attached (`s` is bound); `s` is a str. The function returns NULL with an
        // error set, or a pointer to `size` bytes of valid UTF-8 owned by the str, which
        // lives (and, a str being immutable, stays unchanged) at least as long as the `'a`
        // borrow of `s`, also while the GIL is released.
        let data = unsafe { PyUnicode_AsUTF8AndSize(s.as_ptr(), &mut size) };
        if data.is_null() {
            return Err(PyErr::fetch(s.py()));
        }
        // SAFETY: as above; the size is never negative when the pointer is not NULL.
        let bytes = unsafe { std::slice::from_raw_parts(data.cast::<u8>(), size as usize) };
        // SAFETY: CPython's UTF-8 form of a str is valid UTF-8 (strict encoding).
        return Ok(Cow::Borrowed(unsafe { std::str::from_utf8_unchecked(bytes) }));
    }
    s.to_cow()
}

/// A list of `n` items made by `item(i)`, filled in place (no intermediate `Vec`).
pub fn list<'py>(
    py: Python<'py>,
    n: usize,
    mut item: impl FnMut(usize) -> PyResult<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: attached (`py`); PyList_New returns a new list of `n` NULL slots or NULL with an
    // error set. A list whose slots are not all filled yet is safe to drop (its dealloc skips
    // NULL items) and is never handed to Python before the loop has filled every one.
    let list = owned(py, unsafe { ffi::PyList_New(n as ffi::Py_ssize_t) })?;
    for i in 0..n {
        let value = item(i)?;
        // SAFETY: `i < n` is within the list; PyList_SetItem steals the reference that
        // `into_ptr` gives up, also when it fails.
        if unsafe { ffi::PyList_SetItem(list.as_ptr(), i as ffi::Py_ssize_t, value.into_ptr()) } < 0 {
            return Err(PyErr::fetch(py));
        }
    }
    Ok(list)
}

/// Takes `d` out of the cyclic garbage collector's lists. Only for a dict that holds no
/// containers: CPython's dicts track themselves again when a container is stored in them.
pub fn untrack(d: &Bound<'_, PyDict>) {
    // SAFETY: `d` is a live dict of the attached thread; PyObject_GC_UnTrack accepts an
    // object already untracked, and a dict of atomic values can be part of no cycle.
    unsafe { ffi::PyObject_GC_UnTrack(d.as_ptr().cast()) }
}
