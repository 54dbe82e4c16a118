//! Arrow in and out through the Arrow C data interface and its PyCapsule protocol
//! (`__arrow_c_array__`), so that pyarrow (or any other Arrow library in Python) and this
//! module share buffers without sharing a PyO3 version: arrow-rs is built without its
//! `pyarrow` feature.
//!
//! In: string columns (`string`, `large_string` or `string_view`), read in place. Out: one
//! record batch of [`saywho_record::COLUMNS`], built by [`saywho_io::quote_batch`] with the
//! types of the Parquet output.

use arrow_array::ffi::{from_ffi, to_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::{
    make_array, Array, ArrayRef, LargeStringArray, RecordBatch, StringArray, StringViewArray, StructArray,
};
use arrow_schema::DataType;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyCapsuleMethods, PyTuple};

/// A string column read in place from Arrow memory.
pub enum Strings {
    /// `string` (32-bit offsets).
    Utf8(StringArray),
    /// `large_string` (64-bit offsets).
    Large(LargeStringArray),
    /// `string_view`.
    View(StringViewArray),
}

impl Strings {
    /// The number of rows.
    pub fn len(&self) -> usize {
        match self {
            Strings::Utf8(a) => a.len(),
            Strings::Large(a) => a.len(),
            Strings::View(a) => a.len(),
        }
    }

    /// Row `i`, or `None` when it is null.
    pub fn get(&self, i: usize) -> Option<&str> {
        match self {
            Strings::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Strings::View(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }
}

/// Imports `obj`, any object with `__arrow_c_array__` (a `pyarrow.Array`, for instance), as a
/// string column named `name` (for messages).
pub fn import_strings(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Strings> {
    let array = import_array(obj, name)?;
    let data = array.to_data();
    match array.data_type() {
        DataType::Utf8 => Ok(Strings::Utf8(StringArray::from(data))),
        DataType::LargeUtf8 => Ok(Strings::Large(LargeStringArray::from(data))),
        DataType::Utf8View => Ok(Strings::View(StringViewArray::from(data))),
        other => Err(PyTypeError::new_err(format!(
            "column {name:?} must hold strings (string, large_string or string_view), not {other}"
        ))),
    }
}

fn import_array(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<ArrayRef> {
    if !obj.hasattr("__arrow_c_array__")? {
        return Err(PyTypeError::new_err(format!(
            "column {name:?} is not an Arrow array (it has no __arrow_c_array__)"
        )));
    }
    let pair = obj.call_method0("__arrow_c_array__")?;
    let pair = pair.cast::<PyTuple>()?;
    if pair.len() != 2 {
        return Err(PyTypeError::new_err("__arrow_c_array__ must return a pair of capsules"));
    }
    let schema_capsule = pair.get_item(0)?;
    let array_capsule = pair.get_item(1)?;
    let schema_capsule = schema_capsule.cast::<PyCapsule>()?;
    let array_capsule = array_capsule.cast::<PyCapsule>()?;
    let schema_ptr = schema_capsule.pointer_checked(Some(c"arrow_schema"))?;
    let array_ptr = array_capsule.pointer_checked(Some(c"arrow_array"))?;
    // SAFETY: the capsules are named as the Arrow PyCapsule interface says, so they point to
    // an FFI_ArrowSchema and an FFI_ArrowArray. The array is moved out (its release callback
    // becomes ours and the capsule's copy is marked released, as the interface prescribes);
    // the schema is only borrowed while the capsule is alive.
    let data = unsafe {
        let array = FFI_ArrowArray::from_raw(array_ptr.cast::<FFI_ArrowArray>().as_ptr());
        let schema = &*schema_ptr.cast::<FFI_ArrowSchema>().as_ptr();
        from_ffi(array, schema)
    }
    .map_err(|e| PyValueError::new_err(format!("column {name:?} could not be read as Arrow: {e}")))?;
    Ok(make_array(data))
}

/// A record batch of quotes on its way to Python: `pyarrow.record_batch(batch)` (or any
/// library that reads the Arrow PyCapsule interface) takes it without copying.
#[pyclass(frozen, module = "saywho", name = "QuoteBatch")]
pub struct QuoteBatch {
    batch: RecordBatch,
}

impl QuoteBatch {
    /// Wraps a batch.
    pub fn new(batch: RecordBatch) -> QuoteBatch {
        QuoteBatch { batch }
    }
}

#[pymethods]
impl QuoteBatch {
    /// The number of rows (quotes and error rows).
    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    /// The Arrow PyCapsule interface: the schema capsule of the batch's struct type.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        let struct_type = DataType::Struct(self.batch.schema().fields().clone());
        let schema = FFI_ArrowSchema::try_from(&struct_type).map_err(arrow_error)?;
        PyCapsule::new_with_value(py, schema, c"arrow_schema")
    }

    /// The Arrow PyCapsule interface: the batch as a struct array, `(schema, array)` capsules.
    /// A `requested_schema` is ignored (the batch has one schema).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let _ = requested_schema;
        let data = StructArray::from(self.batch.clone()).into_data();
        let (array, schema) = to_ffi(&data).map_err(arrow_error)?;
        let schema = PyCapsule::new_with_value(py, schema, c"arrow_schema")?;
        let array = PyCapsule::new_with_value(py, array, c"arrow_array")?;
        PyTuple::new(py, [schema.into_any(), array.into_any()])
    }
}

/// An Arrow error as a Python `ValueError`.
pub fn arrow_error(e: arrow_schema::ArrowError) -> PyErr {
    PyValueError::new_err(format!("Arrow: {e}"))
}
