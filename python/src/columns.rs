//! Columns in and out.
//!
//! An argument of a vectorized function is an Arrow array or stream (through the Arrow
//! PyCapsule interface: pyarrow, polars, pandas with Arrow dtypes, arro3, nanoarrow), a 1-D
//! numpy array, or one value (a `datetime.date`, an `int`, `None`) that is broadcast. Each
//! becomes a [`Column`]: day numbers (Arrow `Date32`, numpy `datetime64[D]`) or integers as
//! `i32`, in contiguous pieces with their validity. Arrow `Date32` and `Int32` pieces are the
//! caller's buffers, not copies.
//!
//! [`blocks`] walks several columns together in blocks that are contiguous in every one of
//! them, so that the engine's bulk functions run on slices; [`for_valid_runs`] splits a block
//! into the runs of positions where every column has a value (nulls in, nulls out). A result
//! takes the form of the first argument that is a column.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
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

/// A contiguous run of a column's values.
struct Piece {
    /// Position of the first value in the column.
    start: usize,
    values: ScalarBuffer<i32>,
    nulls: Option<NullBuffer>,
}

impl Piece {
    fn end(&self) -> usize {
        self.start + self.values.len()
    }
}

/// One argument of a vectorized function, as `i32` values.
pub(crate) struct Column {
    /// The argument's name, for messages.
    what: &'static str,
    kind: Kind,
    form: Form,
    len: usize,
    pieces: Vec<Piece>,
    /// The value of a scalar (`None`: a null).
    scalar: Option<i32>,
    /// Values that do not fit in `i32`, by position, sorted (for a scalar, position 0). Their
    /// slot holds a saturated value, which the engine rejects; error messages show these.
    wide: Vec<(usize, i64)>,
    /// The Arrow field's name, kept on a result.
    name: String,
}

impl Column {
    fn scalar(what: &'static str, kind: Kind, value: Option<i64>) -> Column {
        let (scalar, wide) = match value {
            None => (None, Vec::new()),
            Some(v) => match i32::try_from(v) {
                Ok(v) => (Some(v), Vec::new()),
                Err(_) => (Some(saturate(v)), vec![(0, v)]),
            },
        };
        Column {
            what,
            kind,
            form: Form::Scalar,
            len: 1,
            pieces: Vec::new(),
            scalar,
            wide,
            name: String::new(),
        }
    }

    /// A column of dates: Arrow `date32`, numpy `datetime64[D]`, a `datetime.date` or `None`.
    pub(crate) fn dates(obj: &Bound<'_, PyAny>, what: &'static str) -> PyResult<Column> {
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
            return Ok(Column::scalar(
                what,
                Kind::Date,
                Some(i64::from(date32::from_naive(date))),
            ));
        }
        if let Ok(array) = obj.cast::<PyUntypedArray>() {
            return Column::numpy_dates(array, what);
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

    /// A column of integers: an Arrow or numpy integer array, an `int` or `None`.
    pub(crate) fn ints(obj: &Bound<'_, PyAny>, what: &'static str) -> PyResult<Column> {
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
        if let Ok(array) = obj.cast::<PyUntypedArray>() {
            return Column::numpy_ints(array, what);
        }
        if is_arrow(obj)? {
            return Column::arrow(obj, what, Kind::Int);
        }
        Err(PyTypeError::new_err(format!(
            "`{what}` must be an integer or an Arrow or numpy integer array, not `{}`",
            type_name(obj)
        )))
    }

    fn from_pieces(
        what: &'static str,
        kind: Kind,
        form: Form,
        pieces: Vec<Piece>,
        wide: Vec<(usize, i64)>,
        name: String,
    ) -> Column {
        let len = pieces.last().map_or(0, Piece::end);
        Column {
            what,
            kind,
            form,
            len,
            pieces,
            scalar: None,
            wide,
            name,
        }
    }

    fn arrow(obj: &Bound<'_, PyAny>, what: &'static str, kind: Kind) -> PyResult<Column> {
        let input: AnyArray = obj.extract()?;
        let reader = input.into_reader()?;
        let field = reader.field();
        check_arrow_type(field.data_type(), what, kind)?;
        let mut pieces = Vec::new();
        let mut wide = Vec::new();
        let mut start = 0;
        for array in reader {
            let array = array.map_err(|err| {
                PyTypeError::new_err(format!("`{what}`: reading the Arrow stream failed: {err}"))
            })?;
            let piece = arrow_piece(&array, start, &mut wide);
            start = piece.end();
            pieces.push(piece);
        }
        Ok(Column::from_pieces(
            what,
            kind,
            Form::Arrow,
            pieces,
            wide,
            field.name().clone(),
        ))
    }

    fn numpy_dates(array: &Bound<'_, PyUntypedArray>, what: &'static str) -> PyResult<Column> {
        let array: PyReadonlyArray1<'_, Datetime<Days>> = array.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "`{what}` is a numpy array of dtype `{}` with {} dimension(s): expected a 1-D \
                 datetime64[D] array",
                dtype_name(array),
                array.ndim()
            ))
        })?;
        let view = array.as_array();
        Ok(numpy_column(
            what,
            Kind::Date,
            view.len(),
            view.iter().map(|&d| i64::from(d)),
        ))
    }

    fn numpy_ints(array: &Bound<'_, PyUntypedArray>, what: &'static str) -> PyResult<Column> {
        if let Ok(array) = array.extract::<PyReadonlyArray1<'_, i64>>() {
            let view = array.as_array();
            return Ok(numpy_column(
                what,
                Kind::Int,
                view.len(),
                view.iter().copied(),
            ));
        }
        if let Ok(array) = array.extract::<PyReadonlyArray1<'_, i32>>() {
            let view = array.as_array();
            return Ok(numpy_column(
                what,
                Kind::Int,
                view.len(),
                view.iter().map(|&v| i64::from(v)),
            ));
        }
        Err(PyTypeError::new_err(format!(
            "`{what}` is a numpy array of dtype `{}` with {} dimension(s): expected a 1-D \
             int32 or int64 array",
            dtype_name(array),
            array.ndim()
        )))
    }

    /// Whether the column is one broadcast value.
    pub(crate) fn is_scalar(&self) -> bool {
        self.form == Form::Scalar
    }

    /// Whether any value is null.
    fn has_nulls(&self) -> bool {
        if self.is_scalar() {
            return self.scalar.is_none();
        }
        self.pieces
            .iter()
            .any(|p| p.nulls.as_ref().is_some_and(|n| n.null_count() > 0))
    }

    /// The value at a position as given (not saturated), or `None` for a null.
    pub(crate) fn value(&self, position: usize) -> Option<i64> {
        let position = if self.is_scalar() { 0 } else { position };
        if let Ok(found) = self.wide.binary_search_by_key(&position, |&(p, _)| p) {
            return Some(self.wide[found].1);
        }
        if self.is_scalar() {
            return self.scalar.map(i64::from);
        }
        let piece = &self.pieces[self.pieces.partition_point(|p| p.end() <= position)];
        let offset = position - piece.start;
        if piece.nulls.as_ref().is_some_and(|n| n.is_null(offset)) {
            return None;
        }
        Some(i64::from(piece.values[offset]))
    }

    /// The date at a position as a covered-range day number, or the range error for a value
    /// too far out to be one (the engine's message, for a day number it cannot show as a date).
    pub(crate) fn day(&self, position: usize) -> Option<Result<i32, slacal::Error>> {
        debug_assert_eq!(self.kind, Kind::Date);
        let value = self.value(position)?;
        Some(i32::try_from(value).map_err(|_| {
            slacal::Error::range(format!(
                "date at day number {value} (days since 1970-01-01) is outside the supported \
                 range 1900-01-01 ..= 2199-12-31"
            ))
        }))
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
    pub(crate) fn of(columns: &[&Column]) -> PyResult<Shape> {
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
        values: Values,
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
                    Values::Dates(values) => Arc::new(Date32Array::new(values.into(), nulls)),
                    Values::Ints(values) => Arc::new(Int32Array::new(values.into(), nulls)),
                    Values::Bools(values) => Arc::new(BooleanArray::new(values, nulls)),
                };
                let field = Field::new(self.name.clone(), array.data_type().clone(), true);
                let array = PyArray::try_new(array, Arc::new(field)).map_err(|err| {
                    PyTypeError::new_err(format!("building the result array failed: {err}"))
                })?;
                Ok(Bound::new(py, array)?.into_any().unbind())
            }
            Form::Numpy => match values {
                Values::Dates(values) => {
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
                Values::Ints(values) => {
                    self.no_numpy_nulls(nulls.as_ref(), "int32")?;
                    Ok(PyArray1::from_vec(py, values).into_any().unbind())
                }
                Values::Bools(values) => {
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
pub(crate) enum Values {
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
/// contiguous in every column: `values[k]` is column k's values in the block (a scalar's
/// value repeated), `valid` the positions where every column has a value (`None`: all).
pub(crate) fn blocks<const N: usize, E>(
    columns: [&Column; N],
    len: usize,
    mut work: impl FnMut(usize, [&[i32]; N], Option<&BooleanBuffer>) -> Result<(), E>,
) -> Result<(), E> {
    let constants: [Vec<i32>; N] = columns.map(|c| match (c.is_scalar(), c.scalar) {
        (true, Some(value)) => vec![value; BLOCK.min(len)],
        _ => Vec::new(),
    });
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
        let values: [&[i32]; N] = std::array::from_fn(|k| {
            let column = columns[k];
            if column.is_scalar() {
                return &constants[k][..count];
            }
            let piece = &column.pieces[current[k]];
            let offset = start - piece.start;
            if let Some(nulls) = &piece.nulls {
                let slice = nulls.inner().slice(offset, count);
                valid = Some(match valid.take() {
                    None => slice,
                    Some(before) => &before & &slice,
                });
            }
            &piece.values[offset..offset + count]
        });
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

fn saturate(value: i64) -> i32 {
    if value < 0 { i32::MIN } else { i32::MAX }
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

/// A piece of a checked Arrow array: `Date32` and `Int32` values as they are, other integer
/// types narrowed to `i32` (values that do not fit go to `wide`).
fn arrow_piece(array: &ArrayRef, start: usize, wide: &mut Vec<(usize, i64)>) -> Piece {
    let nulls = array.logical_nulls();
    macro_rules! narrow {
        ($type:ty) => {{
            let values = array.as_primitive::<$type>().values();
            let narrowed: Vec<i32> = values
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    // u64 values past i64::MAX saturate: they are far outside any calendar too.
                    let v = i64::try_from(v).unwrap_or(i64::MAX);
                    i32::try_from(v).unwrap_or_else(|_| {
                        if nulls.as_ref().is_none_or(|n| n.is_valid(i)) {
                            wide.push((start + i, v));
                        }
                        saturate(v)
                    })
                })
                .collect();
            ScalarBuffer::from(narrowed)
        }};
    }
    let values = match array.data_type() {
        DataType::Date32 => array
            .as_primitive::<arrow_array::types::Date32Type>()
            .values()
            .clone(),
        DataType::Int32 => array.as_primitive::<Int32Type>().values().clone(),
        DataType::Int8 => narrow!(Int8Type),
        DataType::Int16 => narrow!(Int16Type),
        DataType::Int64 => narrow!(Int64Type),
        DataType::UInt8 => narrow!(UInt8Type),
        DataType::UInt16 => narrow!(UInt16Type),
        DataType::UInt32 => narrow!(UInt32Type),
        DataType::UInt64 => narrow!(UInt64Type),
        // check_arrow_type let only these through.
        _ => ScalarBuffer::from(vec![0; array.len()]),
    };
    Piece {
        start,
        values,
        nulls,
    }
}

/// A column from numpy values (`i64`; NaT, `i64::MIN`, is a null for dates).
fn numpy_column(
    what: &'static str,
    kind: Kind,
    len: usize,
    values: impl Iterator<Item = i64>,
) -> Column {
    let mut narrowed = Vec::with_capacity(len);
    let mut validity: Option<BooleanBufferBuilder> = None;
    let mut wide = Vec::new();
    for (i, value) in values.enumerate() {
        if kind == Kind::Date && value == NAT {
            validity
                .get_or_insert_with(|| {
                    let mut builder = BooleanBufferBuilder::new(len);
                    builder.append_n(i, true);
                    builder
                })
                .append(false);
            narrowed.push(0);
            continue;
        }
        if let Some(builder) = &mut validity {
            builder.append(true);
        }
        narrowed.push(i32::try_from(value).unwrap_or_else(|_| {
            wide.push((i, value));
            saturate(value)
        }));
    }
    let piece = Piece {
        start: 0,
        values: ScalarBuffer::from(narrowed),
        nulls: validity.map(|mut builder| NullBuffer::new(builder.finish())),
    };
    Column::from_pieces(what, kind, Form::Numpy, vec![piece], wide, String::new())
}

fn scalar_into_py(py: Python<'_>, values: Values, null: bool) -> PyResult<Py<PyAny>> {
    if null {
        return Ok(py.None());
    }
    Ok(match values {
        Values::Dates(values) => {
            let date = date32::to_naive(values[0]).map_err(|err| errors::to_py(&err))?;
            date.into_pyobject(py)?.into_any().unbind()
        }
        Values::Ints(values) => values[0].into_pyobject(py)?.into_any().unbind(),
        Values::Bools(values) => PyBool::new(py, values.value(0))
            .to_owned()
            .into_any()
            .unbind(),
    })
}
