//! The handful of CPython calls that build a record's objects, made directly through the
//! limited API (abi3, CPython ≥ 3.9) instead of PyO3's generic `set_item`/`PyList::new`
//! conversions: a BBC pass builds some 370,000 objects, so the conversions' extra reference
//! counting, `Result` plumbing and intermediate `Vec`s are worth leaving out here.
//!
//! Every function takes `Python<'py>` (or a `Bound<'py, _>`), so it only runs attached to the
//! interpreter, and hands back owned references as `Bound`, which releases them on drop.

use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

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
