//! Names shared by every row of a batch: clock names and calendar ids, interned once.
//!
//! Every outcome row names its clock and its calendar. Holding them as `Arc<str>` costs two
//! atomic reference-count updates per name and row (a quarter of a typical record's
//! evaluation), on counters that every thread of a batch shares. Interned, a name is a
//! `&'static str`: copying it is copying a pointer. The set only grows by names not seen
//! before in the process — a policy's clock names and the calendar ids it runs on, a few bytes
//! each — so loading the same policy again costs nothing more.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

/// The interned copy of `name`: the same pointer for equal names.
pub(crate) fn intern(name: &str) -> &'static str {
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let names = NAMES.get_or_init(|| Mutex::new(HashSet::new()));
    // A poisoned lock only means another thread panicked while inserting; the set is intact.
    let mut names = names
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(&found) = names.get(name) {
        return found;
    }
    let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
    names.insert(leaked);
    leaked
}

#[cfg(test)]
mod tests {
    use super::intern;

    #[test]
    fn equal_names_are_one_copy() {
        let a = intern(&String::from("certification"));
        let b = intern("certification");
        assert_eq!(a, "certification");
        assert!(std::ptr::eq(a, b));
        assert!(!std::ptr::eq(a, intern("publish")));
    }
}
