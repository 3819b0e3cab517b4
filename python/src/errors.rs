//! The Python exceptions: one base class, `slacal.Error`, and a subclass per question the
//! engine's [`slacal::Error`] answers (`is_range`, `is_data`, `is_input`, `is_io`).

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    slacal,
    Error,
    PyException,
    "Base class of every error slacal raises; the message is the engine's."
);
create_exception!(
    slacal,
    RangeError,
    Error,
    "A date, year or count outside the supported range (1900-01-01 ..= 2199-12-31) or outside \
     the years a calendar's data covers."
);
create_exception!(
    slacal,
    DataError,
    Error,
    "Broken holiday or calendar data, or an unknown calendar id."
);
create_exception!(
    slacal,
    InputError,
    Error,
    "A malformed value given by the caller: an unknown convention or start rule, columns of \
     different lengths, a null where the result type has none."
);
create_exception!(
    slacal,
    IoError,
    Error,
    "Reading a folder of holiday files failed."
);

/// The Python exception for an engine error, with the engine's message.
pub(crate) fn to_py(err: &slacal::Error) -> PyErr {
    with_message(err, err.to_string())
}

/// The Python exception of an engine error's kind, with another message (the engine's, with the
/// position of the element it is about in front).
pub(crate) fn with_message(err: &slacal::Error, message: String) -> PyErr {
    if err.is_range() {
        RangeError::new_err(message)
    } else if err.is_data() {
        DataError::new_err(message)
    } else if err.is_input() {
        InputError::new_err(message)
    } else if err.is_io() {
        IoError::new_err(message)
    } else {
        Error::new_err(message)
    }
}

/// Adds the exception classes to the module.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add("Error", py.get_type::<Error>())?;
    module.add("RangeError", py.get_type::<RangeError>())?;
    module.add("DataError", py.get_type::<DataError>())?;
    module.add("InputError", py.get_type::<InputError>())?;
    module.add("IoError", py.get_type::<IoError>())?;
    Ok(())
}
