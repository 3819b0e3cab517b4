//! Embeds the holiday definitions of `holidays/` into the library.
//!
//! It writes a sorted table of `(file name, contents)` pairs to `OUT_DIR` and does nothing else:
//! parsing happens at run time, through the same loader that reads a user's folder.

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("holidays");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<String> = fs::read_dir(&dir)
        .expect("the holidays/ folder exists in the package")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_str()?.to_owned();
            name.ends_with(".toml").then_some(name)
        })
        .collect();
    files.sort();
    let mut out = String::from("/// The embedded holiday files, sorted by name.\n");
    out.push_str("pub(crate) static EMBEDDED: &[(&str, &str)] = &[\n");
    for name in &files {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push_str("];\n");
    let target = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded.rs");
    fs::write(target, out).expect("OUT_DIR is writable");
}
