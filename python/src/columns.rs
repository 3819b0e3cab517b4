//! Columns in and out.
//!
//! An argument of a vectorized function is an Arrow array or stream (through the Arrow
//! PyCapsule interface: pyarrow, polars, pandas with Arrow dtypes, arro3, nanoarrow), a 1-D
//! numpy array, or one value (a `datetime.date`, an `int`, `None`) that is broadcast. Each
//! becomes a [`Column`]: contiguous pieces of the caller's buffers, never copied whole. Arrow
//! `Date32` and `Int32` values are handed to the engine as they are; other integer widths and
//! numpy's `i64` values (`datetime64[D]`, NaT a null) are narrowed to `i32` one block at a
//! time.
//!
//! [`blocks`] walks several columns together in blocks that are contiguous in every one of
//! them, so that the engine's bulk functions run on slices; [`for_valid_runs`] splits a block
//! into the runs of positions where every column has a value (nulls in, nulls out). A result
//! takes the form of the first argument that is a column.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type,
    UInt64Type,
};
use arrow_array::{Array, ArrayRef, BooleanArray, Date32Array, Int32Array};
use arrow_buffer::{BooleanBuffer, BooleanBufferBuilder, NullBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field};
use numpy::datetime::Datetime;
use numpy::datetime::units::Days;
use numpy::{PyArray1, PyReadonlyArray1, PyUntypedArray, PyUntypedArrayMethods};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyInt};
use pyo3_arrow::PyArray;
use pyo3_arrow::input::AnyArray;
use slacal::date32;

use crate::errors::{self, InputError, RangeError};

/// Elements per block: the unit of work handed to the engine's bulk functions.
const BLOCK: usize = 4096;

/// numpy's NaT, as the `i64` of a `datetime64`.
const NAT: i64 = i64::MIN;

/// What a value of a column means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A date, as days since 1970-01-01.
    Date,
    /// An integer.
    Int,
}

/// Where a column came from, which decides the form of a result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// One value, broadcast.
    Scalar,
    /// An Arrow array or stream.
    Arrow,
    /// A numpy array.
    Numpy,
}

/// A numpy argument, borrowed read-only for the call. The borrow is held here, outside the
/// columns, because it belongs to the GIL; the columns keep only its slice, which the work
/// reads after the GIL is released.
pub(crate) enum Numpy<'py> {
    /// Not a numpy array.
    None,
    Dates(PyReadonlyArray1<'py, Datetime<Days>>),
    I64(PyReadonlyArray1<'py, i64>),
    I32(PyReadonlyArray1<'py, i32>),
}

impl<'py> Numpy<'py> {
    /// The numpy array an argument is, borrowed; `Numpy::None` for anything else.
    pub(crate) fn borrow(
        obj: &Bound<'py, PyAny>,
        kind: Kind,
        what: &'static str,
    ) -> PyResult<Numpy<'py>> {
        // A process that has not imported numpy has no numpy arrays (and asking numpy's C API
        // would import it, or fail without it).
        let modules = obj.py().import("sys")?.getattr("modules")?;
        if modules.get_item("numpy").is_ok_and(|numpy| numpy.is_none())
            || !modules.contains("numpy")?
        {
            return Ok(Numpy::None);
        }
        let Ok(array) = obj.cast::<PyUntypedArray>() else {
            return Ok(Numpy::None);
        };
        let wrong = |expected: &str| {
            PyTypeError::new_err(format!(
                "`{what}` is a numpy array of dtype `{}` with {} dimension(s): expected a \
                 contiguous 1-D {expected} array",
                dtype_name(array),
                array.ndim()
            ))
        };
        let borrowed = match kind {
            Kind::Date => array
                .extract()
                .map(Numpy::Dates)
                .map_err(|_| wrong("datetime64[D]"))?,
            Kind::Int => match array.extract() {
                Ok(array) => Numpy::I64(array),
                Err(_) => array
                    .extract()
                    .map(Numpy::I32)
                    .map_err(|_| wrong("int32 or int64"))?,
            },
        };
        let contiguous = match &borrowed {
            Numpy::None => true,
            Numpy::Dates(a) => a.as_slice().is_ok(),
            Numpy::I64(a) => a.as_slice().is_ok(),
            Numpy::I32(a) => a.as_slice().is_ok(),
        };
        if !contiguous {
            return Err(wrong(match kind {
                Kind::Date => "datetime64[D]",
                Kind::Int => "int32 or int64",
            }));
        }
        Ok(borrowed)
    }
}

/// The values of a piece, as the caller gave them.
enum Values<'a> {
    /// `i32` values as they are: Arrow `Date32` and `Int32`.
    Direct(ScalarBuffer<i32>),
    /// Arrow integers of another width, narrowed block by block.
    Arrow(ArrayRef),
    NumpyDates(&'a [Datetime<Days>]),
    NumpyI64(&'a [i64]),
    NumpyI32(&'a [i32]),
}

/// A contiguous run of a column's values.
struct Piece<'a> {
    /// Position of the first value in the column.
    start: usize,
    len: usize,
    values: Values<'a>,
    /// Arrow validity (numpy dates: NaT, found block by block).
    nulls: Option<NullBuffer>,
}

impl Piece<'_> {
    fn end(&self) -> usize {
        self.start + self.len
    }

    /// The value at an offset as given (not narrowed), or `None` for a null.
    fn value(&self, offset: usize) -> Option<i64> {
        if self.nulls.as_ref().is_some_and(|n| n.is_null(offset)) {
            return None;
        }
        match &self.values {
            Values::Direct(values) => Some(i64::from(values[offset])),
            Values::Arrow(array) => Some(arrow_value(array, offset)),
            Values::NumpyDates(values) => Some(i64::from(values[offset])).filter(|&v| v != NAT),
            Values::NumpyI64(values) => Some(values[offset]),
            Values::NumpyI32(values) => Some(i64::from(values[offset])),
        }
    }

    /// The `i32` values of `offset..offset + count` (saturated where they do not fit, which
    /// the engine rejects), in `scratch` unless they are the caller's as they are; and the
    /// positions that are nulls of numpy dates (NaT), if any.
    fn block<'s>(
        &'s self,
        offset: usize,
        count: usize,
        scratch: &'s mut Vec<i32>,
    ) -> (&'s [i32], Option<BooleanBuffer>) {
        scratch.clear();
        let mut nat = false;
        match &self.values {
            Values::Direct(values) => return (&values[offset..offset + count], None),
            Values::Arrow(array) => {
                macro_rules! narrow {
                    ($type:ty) => {{
                        let values =
                            &array.as_primitive::<$type>().values()[offset..offset + count];
                        scratch.extend(values.iter().map(|&v| {
                            // u64 values past i64::MAX saturate too: no calendar is that long.
                            narrow(i64::try_from(v).unwrap_or(i64::MAX))
                        }));
                    }};
                }
                match array.data_type() {
                    DataType::Int8 => narrow!(Int8Type),
                    DataType::Int16 => narrow!(Int16Type),
                    DataType::Int64 => narrow!(Int64Type),
                    DataType::UInt8 => narrow!(UInt8Type),
                    DataType::UInt16 => narrow!(UInt16Type),
                    DataType::UInt32 => narrow!(UInt32Type),
                    DataType::UInt64 => narrow!(UInt64Type),
                    // `Column::arrow` let only integer types through, Date32 and Int32 directly.
                    _ => scratch.resize(count, 0),
                }
            }
            Values::NumpyDates(values) => {
                scratch.extend(values[offset..offset + count].iter().map(|&d| {
                    let v = i64::from(d);
                    nat |= v == NAT;
                    narrow(v)
                }));
            }
            Values::NumpyI64(values) => {
                scratch.extend(values[offset..offset + count].iter().map(|&v| narrow(v)));
            }
            Values::NumpyI32(values) => scratch.extend_from_slice(&values[offset..offset + count]),
        }
        let valid = match (&self.values, nat) {
            (Values::NumpyDates(values), true) => Some(BooleanBuffer::from_iter(
                values[offset..offset + count]
                    .iter()
                    .map(|&d| i64::from(d) != NAT),
            )),
            _ => None,
        };
        (scratch, valid)
    }
}

/// One argument of a vectorized function.
pub(crate) struct Column<'a> {
    /// The argument's name, for messages.
    what: &'static str,
    kind: Kind,
    form: Form,
    len: usize,
    pieces: Vec<Piece<'a>>,
    /// The value of a scalar as given (`None`: a null).
    scalar: Option<i64>,
    /// Whether any value is null.
    nulls: bool,
    /// The Arrow field's name, kept on a result.
    name: String,
}

impl<'a> Column<'a> {
    fn scalar(what: &'static str, kind: Kind, scalar: Option<i64>) -> Column<'a> {
        Column {
            what,
            kind,
            form: Form::Scalar,
            len: 1,
            pieces: Vec::new(),
            scalar,
            nulls: scalar.is_none(),
            name: String::new(),
        }
    }

    /// A column of dates: Arrow `date32`, numpy `datetime64[D]` (borrowed in `numpy`), a
    /// `datetime.date` or `None`.
    pub(crate) fn dates(
        obj: &Bound<'_, PyAny>,
        numpy: &'a Numpy<'_>,
        what: &'static str,
    ) -> PyResult<Column<'a>> {
        if let Numpy::Dates(array) = numpy {
            // `Numpy::borrow` checked that it is contiguous.
            let values = array.as_slice().unwrap_or_default();
            let nulls = values.iter().any(|&d| i64::from(d) == NAT);
            return Ok(Column::numpy(
                what,
                Kind::Date,
                Values::NumpyDates(values),
                values.len(),
                nulls,
            ));
        }
        if obj.is_none() {
            return Ok(Column::scalar(what, Kind::Date, None));
        }
        if obj.is_instance_of::<PyDateTime>() {
            return Err(PyTypeError::new_err(format!(
                "`{what}` is a datetime: pass a date (`value.date()`, after converting it to \
                 the zone whose calendar day you mean)"
            )));
        }
        if obj.is_instance_of::<PyDate>() {
            let date: chrono::NaiveDate = obj.extract()?;
            let day = i64::from(date32::from_naive(date));
            return Ok(Column::scalar(what, Kind::Date, Some(day)));
        }
        if is_arrow(obj)? {
            return Column::arrow(obj, what, Kind::Date);
        }
        Err(PyTypeError::new_err(format!(
            "`{what}` must be an Arrow date32 array (pyarrow, polars, pandas with Arrow dtypes), \
             a numpy datetime64[D] array, a datetime.date or None, not `{}`",
            type_name(obj)
        )))
    }

    /// A column of integers: an Arrow or numpy integer array (borrowed in `numpy`), an `int`
    /// or `None`.
    pub(crate) fn ints(
        obj: &Bound<'_, PyAny>,
        numpy: &'a Numpy<'_>,
        what: &'static str,
    ) -> PyResult<Column<'a>> {
        match numpy {
            Numpy::I64(array) => {
                let values = array.as_slice().unwrap_or_default();
                return Ok(Column::numpy(
                    what,
                    Kind::Int,
                    Values::NumpyI64(values),
                    values.len(),
                    false,
                ));
            }
            Numpy::I32(array) => {
                let values = array.as_slice().unwrap_or_default();
                return Ok(Column::numpy(
                    what,
                    Kind::Int,
                    Values::NumpyI32(values),
                    values.len(),
                    false,
                ));
            }
            Numpy::Dates(_) | Numpy::None => {}
        }
        if obj.is_none() {
            return Ok(Column::scalar(what, Kind::Int, None));
        }
        if obj.is_instance_of::<PyBool>() {
            return Err(PyTypeError::new_err(format!(
                "`{what}` must be an integer, not a bool"
            )));
        }
        if obj.is_instance_of::<PyInt>() {
            let value: i64 = obj.extract().map_err(|_| {
                RangeError::new_err(format!(
                    "`{what}` = {obj} is outside the range of a day count"
                ))
            })?;
            return Ok(Column::scalar(what, Kind::Int, Some(value)));
        }
        if is_arrow(obj)? {
            return Column::arrow(obj, what, Kind::Int);
        }
        Err(PyTypeError::new_err(format!(
            "`{what}` must be an integer or an Arrow or numpy integer array, not `{}`",
            type_name(obj)
        )))
    }

    fn numpy(
        what: &'static str,
        kind: Kind,
        values: Values<'a>,
        len: usize,
        nulls: bool,
    ) -> Column<'a> {
        Column {
            what,
            kind,
            form: Form::Numpy,
            len,
            pieces: vec![Piece {
                start: 0,
                len,
                values,
                nulls: None,
            }],
            scalar: None,
            nulls,
            name: String::new(),
        }
    }

    fn arrow(obj: &Bound<'_, PyAny>, what: &'static str, kind: Kind) -> PyResult<Column<'a>> {
        let input: AnyArray = obj.extract()?;
        let reader = input.into_reader()?;
        let field = reader.field();
        check_arrow_type(field.data_type(), what, kind)?;
        let mut pieces = Vec::new();
        let mut start = 0;
        for array in reader {
            let array = array.map_err(|err| {
                PyTypeError::new_err(format!("`{what}`: reading the Arrow stream failed: {err}"))
            })?;
            let values = match array.data_type() {
                DataType::Date32 => {
                    Values::Direct(array.as_primitive::<Date32Type>().values().clone())
                }
                DataType::Int32 => {
                    Values::Direct(array.as_primitive::<Int32Type>().values().clone())
                }
                _ => Values::Arrow(array.clone()),
            };
            let piece = Piece {
                start,
                len: array.len(),
                values,
                nulls: array.logical_nulls(),
            };
            start = piece.end();
            pieces.push(piece);
        }
        let nulls = pieces
            .iter()
            .any(|p| p.nulls.as_ref().is_some_and(|n| n.null_count() > 0));
        Ok(Column {
            what,
            kind,
            form: Form::Arrow,
            len: start,
            pieces,
            scalar: None,
            nulls,
            name: field.name().clone(),
        })
    }

    /// Whether the column is one broadcast value.
    pub(crate) fn is_scalar(&self) -> bool {
        self.form == Form::Scalar
    }

    /// Whether any value is null.
    fn has_nulls(&self) -> bool {
        self.nulls
    }

    /// The value at a position as given (not narrowed), or `None` for a null.
    pub(crate) fn value(&self, position: usize) -> Option<i64> {
        if self.is_scalar() {
            return self.scalar;
        }
        let piece = &self.pieces[self.pieces.partition_point(|p| p.end() <= position)];
        piece.value(position - piece.start)
    }

    /// The date at a position as a day number, or the range error for a value too far out to
    /// be one (which the engine could not show as a date).
    pub(crate) fn day(&self, position: usize) -> Option<Result<i32, slacal::Error>> {
        debug_assert_eq!(self.kind, Kind::Date);
        let value = self.value(position)?;
        Some(slacal::date32::from_i64(value))
    }
}

/// The shape of a call: the length and form of its result, from its columns.
pub(crate) struct Shape {
    pub(crate) len: usize,
    form: Form,
    name: String,
    /// Whether the result can have nulls.
    nullable: bool,
    /// Whether a scalar argument is null, which makes every result null.
    all_null: bool,
    /// Name of the argument that decides the form (for messages about numpy results).
    what: &'static str,
}

impl Shape {
    /// The shape of a call on these columns: every column that is not a scalar must have the
    /// same length; the result takes the form of the first.
    pub(crate) fn of(columns: &[&Column<'_>]) -> PyResult<Shape> {
        let first = columns.iter().find(|c| !c.is_scalar());
        if let Some(first) = first
            && let Some(other) = columns
                .iter()
                .find(|c| !c.is_scalar() && c.len != first.len)
        {
            return Err(InputError::new_err(format!(
                "`{}` has {} elements and `{}` has {}: give columns of one length, or a single \
                 value to use for every element",
                first.what, first.len, other.what, other.len
            )));
        }
        Ok(Shape {
            len: first.map_or(1, |c| c.len),
            form: first.map_or(Form::Scalar, |c| c.form),
            name: first.map_or_else(String::new, |c| c.name.clone()),
            nullable: columns.iter().any(|c| c.has_nulls()),
            all_null: columns.iter().any(|c| c.is_scalar() && c.scalar.is_none()),
            what: first.map_or("", |c| c.what),
        })
    }

    /// Whether every element of the result is null (a null scalar argument).
    pub(crate) fn all_null(&self) -> bool {
        self.all_null
    }

    /// A builder for the result's validity.
    pub(crate) fn validity(&self) -> Validity {
        Validity(self.nullable.then(|| BooleanBufferBuilder::new(self.len)))
    }

    /// The result as a Python object of the call's form.
    pub(crate) fn to_py(
        &self,
        py: Python<'_>,
        values: Results,
        nulls: Option<NullBuffer>,
    ) -> PyResult<Py<PyAny>> {
        let nulls = if self.all_null {
            Some(NullBuffer::new_null(self.len))
        } else {
            nulls.filter(|n| n.null_count() > 0)
        };
        match self.form {
            Form::Scalar => scalar_into_py(py, values, nulls.is_some()),
            Form::Arrow => {
                let array: ArrayRef = match values {
                    Results::Dates(values) => Arc::new(Date32Array::new(values.into(), nulls)),
                    Results::Ints(values) => Arc::new(Int32Array::new(values.into(), nulls)),
                    Results::Bools(values) => Arc::new(BooleanArray::new(values, nulls)),
                };
                let field = Field::new(self.name.clone(), array.data_type().clone(), true);
                let array = PyArray::try_new(array, Arc::new(field)).map_err(|err| {
                    PyTypeError::new_err(format!("building the result array failed: {err}"))
                })?;
                Ok(Bound::new(py, array)?.into_any().unbind())
            }
            Form::Numpy => match values {
                Results::Dates(values) => {
                    let values: Vec<Datetime<Days>> = values
                        .iter()
                        .enumerate()
                        .map(|(i, &day)| {
                            let null = nulls.as_ref().is_some_and(|n| n.is_null(i));
                            Datetime::from(if null { NAT } else { i64::from(day) })
                        })
                        .collect();
                    Ok(PyArray1::from_vec(py, values).into_any().unbind())
                }
                Results::Ints(values) => {
                    self.no_numpy_nulls(nulls.as_ref(), "int32")?;
                    Ok(PyArray1::from_vec(py, values).into_any().unbind())
                }
                Results::Bools(values) => {
                    self.no_numpy_nulls(nulls.as_ref(), "bool")?;
                    let values: Vec<bool> = values.iter().collect();
                    Ok(PyArray1::from_vec(py, values).into_any().unbind())
                }
            },
        }
    }

    /// A numpy result of a type without NaT cannot hold a null: say where the first one is.
    fn no_numpy_nulls(&self, nulls: Option<&NullBuffer>, dtype: &str) -> PyResult<()> {
        let Some(first) = nulls.and_then(|n| n.iter().position(|valid| !valid)) else {
            return Ok(());
        };
        Err(InputError::new_err(format!(
            "element {first} of `{}` is NaT, and a numpy {dtype} array has no null: drop or fill \
             the NaT values, or pass an Arrow array (`pyarrow.array(values)`) to get nulls",
            self.what
        )))
    }
}

/// The values of a result.
pub(crate) enum Results {
    Dates(Vec<i32>),
    Ints(Vec<i32>),
    Bools(BooleanBuffer),
}

/// The validity of a result, built block by block; nothing when no input has a null.
pub(crate) struct Validity(Option<BooleanBufferBuilder>);

impl Validity {
    /// Appends a block's validity (`None`: every position valid).
    pub(crate) fn append(&mut self, valid: Option<&BooleanBuffer>, len: usize) {
        if let Some(builder) = &mut self.0 {
            match valid {
                Some(valid) => builder.append_buffer(valid),
                None => builder.append_n(len, true),
            }
        }
    }

    pub(crate) fn finish(self) -> Option<NullBuffer> {
        self.0.map(|mut builder| NullBuffer::new(builder.finish()))
    }
}

/// A bulk call that failed on a run of positions, with the engine's error.
pub(crate) struct Failed {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) err: slacal::Error,
}

impl Failed {
    /// The exception for the first element of the run that fails, found by computing the run
    /// one element at a time with `one` (which gives the engine's own message for that
    /// element); a scalar call's message has no position.
    pub(crate) fn explain(
        self,
        shape: &Shape,
        mut one: impl FnMut(usize) -> Option<Result<(), slacal::Error>>,
    ) -> PyErr {
        for position in self.start..self.end {
            if let Some(Err(err)) = one(position) {
                return if shape.form == Form::Scalar {
                    errors::to_py(&err)
                } else {
                    errors::with_message(&err, format!("element {position}: {err}"))
                };
            }
        }
        let (start, end, err) = (self.start, self.end, self.err);
        errors::with_message(&err, format!("elements {start}..{end}: {err}"))
    }
}

/// Calls `work(start, values, valid)` on consecutive blocks that cover `[0, len)` and are
/// contiguous in every column: `values[k]` is column k's values in the block as `i32` (a
/// scalar's value repeated), `valid` the positions where every column has a value (`None`:
/// all).
pub(crate) fn blocks<const N: usize, E>(
    columns: [&Column<'_>; N],
    len: usize,
    mut work: impl FnMut(usize, [&[i32]; N], Option<&BooleanBuffer>) -> Result<(), E>,
) -> Result<(), E> {
    let constants: [Vec<i32>; N] = columns.map(|c| match (c.is_scalar(), c.scalar) {
        (true, Some(value)) => vec![narrow(value); BLOCK.min(len)],
        _ => Vec::new(),
    });
    let mut scratch: [Vec<i32>; N] = std::array::from_fn(|_| Vec::with_capacity(BLOCK));
    let mut current = [0usize; N];
    let mut start = 0;
    while start < len {
        let mut end = (start + BLOCK).min(len);
        for (k, column) in columns.iter().enumerate() {
            if column.is_scalar() {
                continue;
            }
            while column.pieces[current[k]].end() <= start {
                current[k] += 1;
            }
            end = end.min(column.pieces[current[k]].end());
        }
        let count = end - start;
        let mut valid: Option<BooleanBuffer> = None;
        let mut and = |mask: BooleanBuffer| {
            valid = Some(match valid.take() {
                None => mask,
                Some(before) => &before & &mask,
            });
        };
        let mut values: [&[i32]; N] = [&[]; N];
        for ((k, column), scratch) in columns.iter().enumerate().zip(scratch.iter_mut()) {
            if column.is_scalar() {
                values[k] = &constants[k][..count];
                continue;
            }
            let piece = &column.pieces[current[k]];
            let offset = start - piece.start;
            if let Some(nulls) = &piece.nulls {
                and(nulls.inner().slice(offset, count));
            }
            let (block, nat) = piece.block(offset, count, scratch);
            if let Some(nat) = nat {
                and(nat);
            }
            values[k] = block;
        }
        work(start, values, valid.as_ref())?;
        start = end;
    }
    Ok(())
}

/// Calls `work(start, end)` on each maximal run of valid positions of a block of `len`.
pub(crate) fn for_valid_runs<E>(
    valid: Option<&BooleanBuffer>,
    len: usize,
    mut work: impl FnMut(usize, usize) -> Result<(), E>,
) -> Result<(), E> {
    match valid {
        None => work(0, len),
        Some(valid) => valid.set_slices().try_for_each(|(s, e)| work(s, e)),
    }
}

/// An `i32` for the engine: a value that does not fit saturates, and the engine rejects it
/// (every covered range is far shorter); messages show the value as given.
fn narrow(value: i64) -> i32 {
    i32::try_from(value).unwrap_or(if value < 0 { i32::MIN } else { i32::MAX })
}

/// An Arrow integer as `i64` (u64 values past `i64::MAX` saturate).
fn arrow_value(array: &ArrayRef, offset: usize) -> i64 {
    macro_rules! get {
        ($type:ty) => {
            i64::try_from(array.as_primitive::<$type>().value(offset)).unwrap_or(i64::MAX)
        };
    }
    match array.data_type() {
        DataType::Int8 => get!(Int8Type),
        DataType::Int16 => get!(Int16Type),
        DataType::Int64 => get!(Int64Type),
        DataType::UInt8 => get!(UInt8Type),
        DataType::UInt16 => get!(UInt16Type),
        DataType::UInt32 => get!(UInt32Type),
        DataType::UInt64 => get!(UInt64Type),
        _ => 0,
    }
}

fn is_arrow(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(obj.hasattr("__arrow_c_array__")? || obj.hasattr("__arrow_c_stream__")?)
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .fully_qualified_name()
        .map_or_else(|_| "?".to_owned(), |name| name.to_string())
}

fn dtype_name(array: &Bound<'_, PyUntypedArray>) -> String {
    array
        .dtype()
        .str()
        .map_or_else(|_| "?".to_owned(), |name| name.to_string())
}

fn check_arrow_type(data_type: &DataType, what: &'static str, kind: Kind) -> PyResult<()> {
    let ok = match kind {
        Kind::Date => *data_type == DataType::Date32,
        Kind::Int => data_type.is_integer(),
    };
    if ok {
        return Ok(());
    }
    let expected = match kind {
        Kind::Date => {
            "a date32 array (cast timestamps or date64 to date32 first, choosing the zone whose \
             calendar day you mean)"
        }
        Kind::Int => "an integer array",
    };
    Err(PyTypeError::new_err(format!(
        "`{what}` is an Arrow array of type `{data_type}`: expected {expected}"
    )))
}

fn scalar_into_py(py: Python<'_>, values: Results, null: bool) -> PyResult<Py<PyAny>> {
    if null {
        return Ok(py.None());
    }
    Ok(match values {
        Results::Dates(values) => {
            let date = date32::to_naive(values[0]).map_err(|err| errors::to_py(&err))?;
            date.into_pyobject(py)?.into_any().unbind()
        }
        Results::Ints(values) => values[0].into_pyobject(py)?.into_any().unbind(),
        Results::Bools(values) => PyBool::new(py, values.value(0))
            .to_owned()
            .into_any()
            .unbind(),
    })
}
