//! The `slacal` binary end to end, on real files.

mod estimates;
