//! `slacal._slacal`: the compiled part of the `slacal` Python package.
//!
//! Vectorized business-day arithmetic over Arrow `Date32` and numpy `datetime64[D]` columns,
//! on the public API of the `slacal` crate: the bulk functions over day numbers
//! ([`slacal::Calendar::add_business_days_bulk`] and its siblings) run on the callers' buffers
//! in blocks, without the GIL. The pure-Python layer (`python/slacal/__init__.py`) accepts
//! pyarrow, polars, pandas and numpy objects, calls these functions, and gives results back in
//! the caller's library.

mod calendar;
mod columns;
mod errors;
mod sla;

use std::sync::Arc;

use arrow_array::{ArrayRef, BooleanArray, Date32Array, RecordBatch, StringArray};
use arrow_buffer::BooleanBuffer;
use arrow_schema::{DataType, Field, Schema};
use chrono::NaiveDate;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3_arrow::PyTable;
use slacal::{Calendar, Convention, StartRule, date32};

use calendar::{PyCalendar, calendar_arg};
use columns::{Column, Failed, Kind, Numpy, Results, Shape, blocks, for_valid_runs};
use errors::InputError;

/// A result column is freed (when Python drops it) into an allocator that keeps the memory for
/// the next call's result, instead of returning it to the system and faulting it in again.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Adds `n` business days to each date (see `slacal.add_business_days`).
#[pyfunction]
#[pyo3(signature = (dates, n, calendar, start_rule="next-day"))]
fn add_business_days(
    py: Python<'_>,
    dates: &Bound<'_, PyAny>,
    n: &Bound<'_, PyAny>,
    calendar: &Bound<'_, PyAny>,
    start_rule: &str,
) -> PyResult<Py<PyAny>> {
    let calendar = calendar_arg(calendar)?;
    let rule: StartRule = start_rule.parse().map_err(|err| errors::to_py(&err))?;
    let dates_numpy = Numpy::borrow(dates, Kind::Date, "dates")?;
    let dates = Column::dates(dates, &dates_numpy, "dates")?;
    let n_numpy = Numpy::borrow(n, Kind::Int, "n")?;
    let n = Column::ints(n, &n_numpy, "n")?;
    let shape = Shape::of(&[&dates, &n])?;
    if shape.all_null() {
        return shape.to_py(py, Results::Dates(vec![0; shape.len]), None);
    }
    let result = py.detach(|| {
        let mut out = vec![0i32; shape.len];
        let mut validity = shape.validity();
        let mut rolled = Vec::new();
        blocks([&dates, &n], shape.len, |start, [days, counts], valid| {
            let block = &mut out[start..start + days.len()];
            for_valid_runs(valid, days.len(), |s, e| {
                let (days, counts, out) = (&days[s..e], &counts[s..e], &mut block[s..e]);
                let done = match rule {
                    StartRule::RollForward => roll_forward(&calendar, days, counts, &mut rolled)
                        .and_then(|()| calendar.add_business_days_bulk(&rolled, counts, out)),
                    _ => calendar.add_business_days_bulk(days, counts, out),
                };
                done.map_err(|err| Failed {
                    start: start + s,
                    end: start + e,
                    err,
                })
            })?;
            validity.append(valid, days.len());
            Ok::<(), Failed>(())
        })
        .map(|()| (out, validity.finish()))
    });
    match result {
        Ok((out, nulls)) => shape.to_py(py, Results::Dates(out), nulls),
        Err(failed) => Err(failed.explain(&shape, |i| {
            let day = match dates.day(i)? {
                Ok(day) => day,
                Err(err) => return Some(Err(err)),
            };
            let n = n.value(i)?;
            Some(add_one(&calendar, day, n, rule).map(drop))
        })),
    }
}

/// For the roll-forward start rule: each date that gets n > 0 rolled forward to a business
/// day first (`rolled` takes the block's dates).
fn roll_forward(
    calendar: &Calendar,
    days: &[i32],
    counts: &[i32],
    rolled: &mut Vec<i32>,
) -> Result<(), slacal::Error> {
    rolled.clear();
    for (&day, &n) in days.iter().zip(counts) {
        rolled.push(if n > 0 {
            calendar.add_business_days_date32(day, 0)?
        } else {
            day
        });
    }
    Ok(())
}

/// One element of `add_business_days`, with the start rule.
fn add_one(calendar: &Calendar, day: i32, n: i64, rule: StartRule) -> Result<i32, slacal::Error> {
    let start = if rule == StartRule::RollForward && n > 0 {
        calendar.add_business_days_date32(day, 0)?
    } else {
        day
    };
    calendar.add_business_days_date32(start, n)
}

/// The business days from `a` to `b` (see `slacal.business_days_between`).
#[pyfunction]
fn business_days_between(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    calendar: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let calendar = calendar_arg(calendar)?;
    let a_numpy = Numpy::borrow(a, Kind::Date, "a")?;
    let a = Column::dates(a, &a_numpy, "a")?;
    let b_numpy = Numpy::borrow(b, Kind::Date, "b")?;
    let b = Column::dates(b, &b_numpy, "b")?;
    let shape = Shape::of(&[&a, &b])?;
    if shape.all_null() {
        return shape.to_py(py, Results::Ints(vec![0; shape.len]), None);
    }
    let result = py.detach(|| {
        let mut out = vec![0i32; shape.len];
        let mut validity = shape.validity();
        blocks([&a, &b], shape.len, |start, [from, to], valid| {
            let block = &mut out[start..start + from.len()];
            for_valid_runs(valid, from.len(), |s, e| {
                calendar
                    .business_days_between_bulk(&from[s..e], &to[s..e], &mut block[s..e])
                    .map_err(|err| Failed {
                        start: start + s,
                        end: start + e,
                        err,
                    })
            })?;
            validity.append(valid, from.len());
            Ok::<(), Failed>(())
        })
        .map(|()| (out, validity.finish()))
    });
    match result {
        Ok((out, nulls)) => shape.to_py(py, Results::Ints(out), nulls),
        Err(failed) => Err(failed.explain(&shape, |i| {
            let (from, to) = (a.day(i)?, b.day(i)?);
            Some(from.and_then(|from| {
                to.and_then(|to| calendar.business_days_between_date32(from, to))
                    .map(drop)
            }))
        })),
    }
}

/// Whether each date is a business day (see `slacal.is_business_day`).
#[pyfunction]
fn is_business_day(
    py: Python<'_>,
    dates: &Bound<'_, PyAny>,
    calendar: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let calendar = calendar_arg(calendar)?;
    let dates_numpy = Numpy::borrow(dates, Kind::Date, "dates")?;
    let dates = Column::dates(dates, &dates_numpy, "dates")?;
    let shape = Shape::of(&[&dates])?;
    if shape.all_null() {
        let none = BooleanBuffer::new_unset(shape.len);
        return shape.to_py(py, Results::Bools(none), None);
    }
    let result = py.detach(|| {
        let mut out = vec![false; shape.len];
        let mut validity = shape.validity();
        blocks([&dates], shape.len, |start, [days], valid| {
            let block = &mut out[start..start + days.len()];
            for_valid_runs(valid, days.len(), |s, e| {
                calendar
                    .is_business_day_bulk(&days[s..e], &mut block[s..e])
                    .map_err(|err| Failed {
                        start: start + s,
                        end: start + e,
                        err,
                    })
            })?;
            validity.append(valid, days.len());
            Ok::<(), Failed>(())
        })
        .map(|()| (BooleanBuffer::from(out), validity.finish()))
    });
    match result {
        Ok((out, nulls)) => shape.to_py(py, Results::Bools(out), nulls),
        Err(failed) => Err(failed.explain(&shape, |i| {
            Some(
                dates
                    .day(i)?
                    .and_then(|day| calendar.add_business_days_date32(day, 0).map(drop)),
            )
        })),
    }
}

/// Moves each date to a business day by a convention (see `slacal.adjust`).
#[pyfunction]
#[pyo3(signature = (dates, calendar, convention="following"))]
fn adjust(
    py: Python<'_>,
    dates: &Bound<'_, PyAny>,
    calendar: &Bound<'_, PyAny>,
    convention: &str,
) -> PyResult<Py<PyAny>> {
    let calendar = calendar_arg(calendar)?;
    let convention: Convention = convention.parse().map_err(|err| errors::to_py(&err))?;
    let dates_numpy = Numpy::borrow(dates, Kind::Date, "dates")?;
    let dates = Column::dates(dates, &dates_numpy, "dates")?;
    let shape = Shape::of(&[&dates])?;
    if shape.all_null() {
        return shape.to_py(py, Results::Dates(vec![0; shape.len]), None);
    }
    let result = py.detach(|| {
        let mut out = vec![0i32; shape.len];
        let mut validity = shape.validity();
        blocks([&dates], shape.len, |start, [days], valid| {
            let block = &mut out[start..start + days.len()];
            for_valid_runs(valid, days.len(), |s, e| {
                // The engine has no bulk adjust: one call per date, on chrono dates.
                for (offset, (&day, out)) in days[s..e].iter().zip(&mut block[s..e]).enumerate() {
                    *out = adjust_one(&calendar, day, convention).map_err(|err| Failed {
                        start: start + s + offset,
                        end: start + s + offset + 1,
                        err,
                    })?;
                }
                Ok(())
            })?;
            validity.append(valid, days.len());
            Ok::<(), Failed>(())
        })
        .map(|()| (out, validity.finish()))
    });
    match result {
        Ok((out, nulls)) => shape.to_py(py, Results::Dates(out), nulls),
        Err(failed) => Err(failed.explain(&shape, |i| {
            Some(
                dates
                    .day(i)?
                    .and_then(|day| adjust_one(&calendar, day, convention).map(drop)),
            )
        })),
    }
}

fn adjust_one(calendar: &Calendar, day: i32, convention: Convention) -> Result<i32, slacal::Error> {
    let date = date32::to_naive(day)?;
    Ok(date32::from_naive(calendar.adjust(date, convention)?))
}

/// The holidays of the years `from_year ..= to_year` as an Arrow table (see `slacal.holidays`).
#[pyfunction]
fn holidays(calendar: &Bound<'_, PyAny>, from_year: i32, to_year: i32) -> PyResult<PyTable> {
    let calendar = calendar_arg(calendar)?;
    if from_year > to_year {
        return Err(InputError::new_err(format!(
            "`from_year` {from_year} is after `to_year` {to_year}"
        )));
    }
    let date = |year: i32, month: u32, day: u32| {
        NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
            errors::RangeError::new_err(format!(
                "year `{year}` is outside the supported range 1900 ..= 2199"
            ))
        })
    };
    let (from, to) = (date(from_year, 1, 1)?, date(to_year, 12, 31)?);
    let list = calendar
        .holidays_between(from, to)
        .map_err(|err| errors::to_py(&err))?;
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Date32Array::from_iter_values(
            list.iter().map(|h| date32::from_naive(h.date())),
        )),
        Arc::new(StringArray::from_iter_values(list.iter().map(|h| h.name()))),
        Arc::new(BooleanArray::from_iter(
            list.iter().map(|h| Some(h.is_estimated())),
        )),
        Arc::new(BooleanArray::from_iter(
            list.iter().map(|h| Some(h.is_observed())),
        )),
        Arc::new(StringArray::from_iter_values(
            list.iter().map(|h| h.calendar()),
        )),
    ];
    let schema = Arc::new(Schema::new(vec![
        Field::new("date", DataType::Date32, false),
        Field::new("name", DataType::Utf8, false),
        Field::new("estimated", DataType::Boolean, false),
        Field::new("observed", DataType::Boolean, false),
        Field::new("calendar", DataType::Utf8, false),
    ]));
    let batch = RecordBatch::try_new(schema.clone(), columns)
        .map_err(|err| PyTypeError::new_err(format!("building the holiday table failed: {err}")))?;
    PyTable::try_new(vec![batch], schema)
}

/// The compiled module.
#[pymodule]
fn _slacal(module: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(module)?;
    module.add_class::<PyCalendar>()?;
    module.add_function(wrap_pyfunction!(add_business_days, module)?)?;
    module.add_function(wrap_pyfunction!(business_days_between, module)?)?;
    module.add_function(wrap_pyfunction!(is_business_day, module)?)?;
    module.add_function(wrap_pyfunction!(adjust, module)?)?;
    module.add_function(wrap_pyfunction!(holidays, module)?)?;
    module.add_function(wrap_pyfunction!(calendar::calendars, module)?)?;
    module.add_function(wrap_pyfunction!(sla::evaluate, module)?)?;
    module.add_function(wrap_pyfunction!(sla::explain, module)?)?;
    module.add_function(wrap_pyfunction!(sla::outcome_schema, module)?)?;
    module.add_function(wrap_pyfunction!(sla::reject_schema, module)?)?;
    module.add("ENGINE_VERSION", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
