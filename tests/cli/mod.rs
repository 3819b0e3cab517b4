//! The `slacal` binary end to end, on the real files of `tests/data/`, compared with
//! `tests/golden/cli/` (rerun with `SLACAL_BLESS=1` to rewrite the golden files after a
//! deliberate change, and review the diff).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod calendars;
mod dates;
mod estimates;
mod issue_9;
mod run;
mod shift;

/// A finished run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Asserts a successful run and returns its standard output.
    #[track_caller]
    pub fn ok(&self) -> &str {
        assert_eq!(self.code, 0, "exit code; stderr: {}", self.stderr);
        &self.stdout
    }
}

/// Runs `slacal` with arguments, from the repository root.
pub fn slacal(args: &[&str]) -> Run {
    slacal_with_input(args, None)
}

/// Runs `slacal` with arguments and text on standard input.
pub fn slacal_with_input(args: &[&str], input: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_slacal"))
        .args(args)
        .current_dir(root())
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the slacal binary runs");
    if let Some(input) = input {
        let mut stdin = child.stdin.take().expect("piped stdin");
        stdin.write_all(input).expect("write stdin");
    }
    Run::from(child.wait_with_output().expect("slacal finishes"))
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file of `tests/data/`, as a path relative to the repository root.
pub fn data(name: &str) -> String {
    format!("tests/data/{name}")
}

/// Compares text with `tests/golden/cli/<name>`, or writes it there under `SLACAL_BLESS`.
#[track_caller]
pub fn assert_golden(name: &str, got: &str) {
    let path = root().join("tests/golden/cli").join(name);
    if std::env::var_os("SLACAL_BLESS").is_some() {
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no golden file {} (run with SLACAL_BLESS=1)",
            path.display()
        )
    });
    if want != got {
        let first = want
            .lines()
            .zip(got.lines())
            .enumerate()
            .find(|(_, (w, g))| w != g)
            .map_or_else(
                || {
                    format!(
                        "lengths differ: {} vs {} lines",
                        want.lines().count(),
                        got.lines().count()
                    )
                },
                |(i, (w, g))| format!("line {}:\n  want: {w}\n  got:  {g}", i + 1),
            );
        panic!("output differs from {}: {first}", path.display());
    }
}

/// The temporary files of our naming in a folder (`.<name>.slacal-tmp-<pid>-<random>`).
pub fn temporary_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.contains(".slacal-tmp-"))
        .collect()
}
