//! Batch runs that cannot harm the machine, lose a reject, or grow without bound (issue 9):
//! outputs that are not regular files, outputs naming the same file, one commit point,
//! signals, stale temporary files, broken pipes, spilling, and the attack cases of the
//! bad-input corpus.

use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::*;

const AS_OF: &str = "2026-11-22T12:00:00Z";
const LOG: &str = "record_id,event,at\n\
                   offer-1,submitted,2026-11-20T09:00:00Z\n\
                   offer-1,prerequisites_validated,2026-11-20T09:05:00Z\n\
                   offer-2,submitted,2026-11-31T09:00:00Z\n";

fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_slacal"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the slacal binary runs")
}

/// Waits for a child at most `limit`; kills it and fails the test when it takes longer.
#[track_caller]
fn finish(mut child: Child, limit: Duration) -> Run {
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return Run::from(child.wait_with_output().expect("output"));
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("slacal did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The names in a folder that contain `part`.
fn names_with(dir: &Path, part: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.contains(part))
        .collect()
}

fn mkfifo(path: &Path) {
    rustix::fs::mknodat(
        rustix::fs::CWD,
        path,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o644),
        0,
    )
    .expect("mkfifo");
}

fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

#[test]
fn issue_9_dev_null_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    // As root, a device node of our own with /dev/null's numbers, so that a regression cannot
    // replace the machine's /dev/null; otherwise /dev/null itself, which we cannot replace.
    let null = if is_root() {
        let path = dir.path().join("null");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &path,
            rustix::fs::FileType::CharacterDevice,
            rustix::fs::Mode::from_raw_mode(0o666),
            rustix::fs::makedev(1, 3),
        )
        .expect("mknod as root");
        path
    } else {
        Path::new("/dev/null").to_owned()
    };
    let null_text = null.to_str().unwrap();
    let out = slacal_with_input(
        &["run", "--as-of", AS_OF, "-q", "-o", null_text],
        Some(LOG.as_bytes()),
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        std::fs::metadata(&null)
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert!(
        !Path::new(&format!("{null_text}.meta.json")).exists(),
        "no sidecar next to a device"
    );
    assert!(names_with(null.parent().unwrap(), ".slacal-tmp-").is_empty());
    // The rejects to a device too; and `-` is standard output.
    let out = slacal_with_input(
        &[
            "run",
            "--as-of",
            AS_OF,
            "-q",
            "-o",
            "-",
            "--rejects",
            null_text,
        ],
        Some(LOG.as_bytes()),
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("offer-1,validation,1,US,"));
    assert!(
        std::fs::metadata(&null)
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // A character device may take several outputs: nothing written there replaces anything.
    let out = slacal_with_input(
        &[
            "run",
            "--as-of",
            AS_OF,
            "-q",
            "-o",
            null_text,
            "--rejects",
            null_text,
        ],
        Some(LOG.as_bytes()),
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        std::fs::metadata(&null)
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn issue_9_a_fifo_output_is_written_through_and_stays_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("results.csv");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let child = spawn(&["run", "--as-of", AS_OF, "-q", "-o", fifo.to_str().unwrap()]);
    let mut child = child;
    let mut stdin = child.stdin.take().unwrap();
    std::io::Write::write_all(&mut stdin, LOG.as_bytes()).unwrap();
    drop(stdin);
    let out = finish(child, Duration::from_secs(60));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let text = reader.join().unwrap();
    assert!(text.starts_with("record_id,clock,"), "{text}");
    assert!(text.contains("offer-1,validation,1,US,"));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(names_with(dir.path(), "meta.json"), Vec::<String>::new());
}

#[test]
fn issue_9_a_symlink_output_replaces_its_target_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("results.csv");
    std::fs::write(&target, "old\n").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = slacal_with_input(
        &["run", "--as-of", AS_OF, "-q", "-o", link.to_str().unwrap()],
        Some(LOG.as_bytes()),
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("offer-1,validation")
    );
    assert!(dir.path().join("link.csv.meta.json").exists());
    assert!(names_with(elsewhere.path(), ".slacal-tmp-").is_empty());
}

#[test]
fn issue_9_rejects_equal_to_the_output_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let out_csv = dir.path().join("out.csv");
    std::fs::write(&out_csv, "old\n").unwrap();
    let out_text = out_csv.to_str().unwrap();
    let same = format!("{}/./out.csv", dir.path().display());
    let meta = format!("{out_text}.meta.json");
    let hard = dir.path().join("hard.csv");
    std::fs::hard_link(&out_csv, &hard).unwrap();
    for rejects in [
        out_text,
        same.as_str(),
        meta.as_str(),
        hard.to_str().unwrap(),
    ] {
        // Standard input is never written: a run that read it would wait forever.
        let child = spawn(&[
            "run",
            "--as-of",
            AS_OF,
            "-o",
            out_text,
            "--rejects",
            rejects,
        ]);
        let out = finish(child, Duration::from_secs(60));
        assert_eq!(out.code, 2, "{rejects}: {}", out.stderr);
        assert!(out.stderr.contains("name the same file"), "{}", out.stderr);
        assert_eq!(std::fs::read_to_string(&out_csv).unwrap(), "old\n");
    }
    // An output over the input would destroy it.
    let input = dir.path().join("input.csv");
    std::fs::write(&input, LOG).unwrap();
    let out = slacal(&[
        "run",
        "--as-of",
        AS_OF,
        "-i",
        input.to_str().unwrap(),
        "--rejects",
        input.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("`--input`"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&input).unwrap(), LOG);
    // Standard output named twice: `/dev/stdout` is where the results go already.
    let child = spawn(&["run", "--as-of", AS_OF, "--rejects", "/dev/stdout"]);
    let out = finish(child, Duration::from_secs(60));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("name the same file"), "{}", out.stderr);
    assert!(names_with(dir.path(), ".slacal-tmp-").is_empty());
}

#[test]
fn issue_9_a_run_that_fails_replaces_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (out_csv, rejects) = (dir.path().join("out.csv"), dir.path().join("rejects.csv"));
    let meta = dir.path().join("out.csv.meta.json");
    for path in [&out_csv, &rejects, &meta] {
        std::fs::write(path, "old\n").unwrap();
    }
    // A damaged gzip stream: rows are read and rejected before the damage is found.
    let out = slacal(&[
        "run",
        "--as-of",
        AS_OF,
        "--input",
        &data("bad/truncated.csv.gz"),
        "-o",
        out_csv.to_str().unwrap(),
        "--rejects",
        rejects.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    for path in [&out_csv, &rejects, &meta] {
        assert_eq!(std::fs::read_to_string(path).unwrap(), "old\n", "{path:?}");
    }
    assert!(names_with(dir.path(), ".slacal-tmp-").is_empty());
}

/// Starts `slacal` writing to `dir`, feeds it a header and waits until its temporary files
/// exist: the run is in progress, blocked on its input.
fn in_progress(args: &[&str], dir: &Path, header: &str, temporaries: usize) -> Child {
    let mut child = spawn(args);
    let mut stdin = child.stdin.take().unwrap();
    std::io::Write::write_all(&mut stdin, header.as_bytes()).unwrap();
    // Kept open (leaked into the thread) so that the run waits for more input.
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(120));
        drop(stdin);
    });
    let started = Instant::now();
    while names_with(dir, ".slacal-tmp-").len() < temporaries {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no temporary files"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

#[test]
fn issue_9_sigint_sigterm_and_sighup_leave_the_old_outputs() {
    use rustix::process::{Pid, Signal, kill_process};
    for (signal, code) in [(Signal::INT, 130), (Signal::TERM, 143), (Signal::HUP, 129)] {
        let dir = tempfile::tempdir().unwrap();
        let (out_csv, rejects) = (dir.path().join("out.csv"), dir.path().join("rejects.csv"));
        for path in [&out_csv, &rejects] {
            std::fs::write(path, "old\n").unwrap();
        }
        let child = in_progress(
            &[
                "run",
                "--as-of",
                AS_OF,
                "-o",
                out_csv.to_str().unwrap(),
                "--rejects",
                rejects.to_str().unwrap(),
            ],
            dir.path(),
            "record_id,event,at\noffer-1,submitted,2026-11-20T09:00:00Z\n",
            3,
        );
        let pid = Pid::from_raw(child.id() as i32).unwrap();
        kill_process(pid, signal).unwrap();
        let out = finish(child, Duration::from_secs(60));
        assert_eq!(out.code, code, "{signal:?}: {}", out.stderr);
        assert!(
            out.stderr
                .contains("the output files were left as they were"),
            "{}",
            out.stderr
        );
        for path in [&out_csv, &rejects] {
            assert_eq!(std::fs::read_to_string(path).unwrap(), "old\n");
        }
        assert_eq!(names_with(dir.path(), ".slacal-tmp-"), Vec::<String>::new());
        assert!(!dir.path().join("out.csv.meta.json").exists());
    }
    // `shift -o` too.
    let dir = tempfile::tempdir().unwrap();
    let shifted = dir.path().join("shifted.csv");
    std::fs::write(&shifted, "old\n").unwrap();
    let child = in_progress(
        &["shift", "US", "-o", shifted.to_str().unwrap()],
        dir.path(),
        "date,days\n2026-11-20,1\n",
        1,
    );
    kill_process(Pid::from_raw(child.id() as i32).unwrap(), Signal::INT).unwrap();
    let out = finish(child, Duration::from_secs(60));
    assert_eq!(out.code, 130, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&shifted).unwrap(), "old\n");
    assert_eq!(names_with(dir.path(), ".slacal-tmp-"), Vec::<String>::new());
}

#[test]
fn issue_9_temporary_files_of_a_killed_run_are_removed_by_the_next() {
    use rustix::process::{Pid, Signal, kill_process};
    let dir = tempfile::tempdir().unwrap();
    let out_csv = dir.path().join("out.csv");
    let args = ["run", "--as-of", AS_OF, "-o", out_csv.to_str().unwrap()];
    let child = in_progress(
        &args,
        dir.path(),
        "record_id,event,at\noffer-1,submitted,2026-11-20T09:00:00Z\n",
        2,
    );
    kill_process(Pid::from_raw(child.id() as i32).unwrap(), Signal::KILL).unwrap();
    let killed = finish(child, Duration::from_secs(60));
    assert_eq!(killed.code, -1, "killed by a signal");
    assert_eq!(
        names_with(dir.path(), ".slacal-tmp-").len(),
        2,
        "SIGKILL cannot be caught"
    );
    // A temporary file of a live process (this test) is not touched.
    let live = dir
        .path()
        .join(format!(".out.csv.slacal-tmp-{}-live", std::process::id()));
    std::fs::write(&live, "in use").unwrap();
    let out = slacal_with_input(&args, Some(LOG.as_bytes()));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        names_with(dir.path(), ".slacal-tmp-"),
        [live.file_name().unwrap().to_str().unwrap()]
    );
    assert!(
        std::fs::read_to_string(&out_csv)
            .unwrap()
            .contains("offer-1,")
    );
}

#[test]
fn issue_9_a_closed_pipe_ends_the_run_with_141_and_keeps_the_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export.csv");
    let rejects = dir.path().join("rejects.csv");
    let made = slacal(&[
        "generate",
        "--offers",
        "40000",
        "--mistakes",
        "0.05",
        "-o",
        export.to_str().unwrap(),
    ]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let mut child = Command::new(env!("CARGO_BIN_EXE_slacal"))
        .args([
            "run",
            "--as-of",
            AS_OF,
            "--threads",
            "1",
            "-i",
            export.to_str().unwrap(),
            "--rejects",
            rejects.to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.starts_with("record_id,clock,"));
    drop(stdout); // `| head -1`
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(141), "{stderr}");
    assert!(
        stderr.contains("stopped early: an output was closed"),
        "{stderr}"
    );
    assert!(stderr.contains("rows read from"), "the summary: {stderr}");
    let written = std::fs::read_to_string(&rejects).unwrap();
    assert!(written.starts_with("line,record_id,column,value,reason\n"));
    assert!(written.lines().count() > 1, "the rejects of the rows read");
}

#[test]
fn issue_9_concurrent_runs_leave_the_files_of_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let (out_csv, rejects) = (dir.path().join("out.csv"), dir.path().join("rejects.csv"));
    let input = |prefix: &str| {
        let mut text = String::from("record_id,event,at\n");
        for n in 0..3000 {
            text.push_str(&format!("{prefix}-{n},submitted,2026-11-20T09:00:00Z\n"));
            text.push_str(&format!("{prefix}-{n},submitted,2026-11-31T09:00:00Z\n"));
        }
        text
    };
    let (a, b) = (input("a"), input("b"));
    for _ in 0..4 {
        let args = [
            "run",
            "--as-of",
            AS_OF,
            "-q",
            "-o",
            out_csv.to_str().unwrap(),
            "--rejects",
            rejects.to_str().unwrap(),
        ];
        let mut children: Vec<Child> = (0..2).map(|_| spawn(&args)).collect();
        for (child, text) in children.iter_mut().zip([&a, &b]) {
            let mut stdin = child.stdin.take().unwrap();
            let text = text.clone();
            std::thread::spawn(move || std::io::Write::write_all(&mut stdin, text.as_bytes()));
        }
        for child in children {
            assert_eq!(finish(child, Duration::from_secs(120)).code, 1);
        }
        let results = std::fs::read_to_string(&out_csv).unwrap();
        let rejected = std::fs::read_to_string(&rejects).unwrap();
        let prefix = |text: &str| text.lines().nth(1).unwrap()[..1].to_owned();
        let rejected_prefix =
            rejected.lines().nth(1).unwrap().split(',').nth(1).unwrap()[..1].to_owned();
        assert_eq!(
            prefix(&results),
            rejected_prefix,
            "results and rejects of one run"
        );
        let meta = std::fs::read_to_string(dir.path().join("out.csv.meta.json")).unwrap();
        let meta: serde_json::Value = serde_json::from_str(&meta).unwrap();
        assert_eq!(meta["rows_rejected"], 3000);
        assert!(names_with(dir.path(), ".slacal-tmp-").is_empty());
    }
}

#[test]
fn issue_9_a_spilled_log_gives_what_one_held_in_memory_gives() {
    let dir = tempfile::tempdir().unwrap();
    let spill = tempfile::tempdir().unwrap();
    let export = dir.path().join("events.csv");
    let made = slacal(&[
        "generate",
        "--offers",
        "3000",
        "--seed",
        "5",
        "--format",
        "events",
        "--mistakes",
        "0.05",
        "-o",
        export.to_str().unwrap(),
    ]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    // Fractions of a second, and a record whose rows are far apart.
    let mut text = std::fs::read_to_string(&export).unwrap();
    text.push_str("offer-0000007,go_live,2026-11-03T10:00:00.5Z,\n");
    text.push_str("zz-fraction,submitted,2026-11-20T09:00:00.25Z,\n");
    // Rejects show instants as written: one kept as the layout of its text, one (an offset
    // with seconds) as the text itself.
    text.push_str("zz-raw,submitted,1950-11-20 17:00Z,US\n");
    text.push_str("zz-raw,live,1960-06-01T11:15:30.125-00:44:30,US\n");
    text.push_str("zz-raw,go_live,2026-11-20T09:00:00.5-08:00,US\n");
    std::fs::write(&export, text).unwrap();
    // A folder a killed run left behind.
    let stale = spill.path().join(".slacal-spill-2147480000-abc");
    std::fs::create_dir(&stale).unwrap();
    std::fs::write(stale.join("run-0"), "old").unwrap();
    let export = export.to_str().unwrap();
    let held = slacal(&["run", "--as-of", AS_OF, "-i", export]);
    let spilled = slacal(&[
        "run",
        "--as-of",
        AS_OF,
        "-i",
        export,
        "--memory-budget",
        "64K",
        "--temp-dir",
        spill.path().to_str().unwrap(),
    ]);
    assert_eq!(held.code, 1, "{}", held.stderr);
    assert_eq!(spilled.code, 1, "{}", spilled.stderr);
    assert_eq!(held.stdout, spilled.stdout);
    assert_eq!(held.stderr, spilled.stderr);
    for value in [
        "value `1950-11-20 17:00Z`",
        "value `1960-06-01T11:15:30.125-00:44:30`",
    ] {
        assert!(
            spilled.stderr.contains(value),
            "{value}: {}",
            spilled.stderr
        );
    }
    // In the byte order of the ids.
    let ids: Vec<&str> = held
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert!(ids.is_sorted(), "records in id order");
    assert_eq!(
        std::fs::read_dir(spill.path()).unwrap().count(),
        0,
        "the spill and the stale folder are gone"
    );
    let bad = slacal(&[
        "run",
        "--as-of",
        AS_OF,
        "-i",
        export,
        "--memory-budget",
        "lots",
    ]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("is not a size"), "{}", bad.stderr);
}

#[test]
fn issue_9_65537_distinct_calendars_reject_rows_instead_of_aborting() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("calendars.csv");
    let mut text = String::from("record_id,event,at,calendar\n");
    text.push_str("good,submitted,2026-11-20T09:00:00Z,US\n");
    for n in 0..65_537 {
        text.push_str(&format!("r{n},submitted,2026-11-20T09:00:00Z,X{n}\n"));
    }
    std::fs::write(&input, text).unwrap();
    let rejects = |extra: &[&str]| {
        let path = dir.path().join("rejects.csv");
        let mut args = vec![
            "run",
            "--as-of",
            AS_OF,
            "-q",
            "-i",
            input.to_str().unwrap(),
            "--rejects",
            path.to_str().unwrap(),
        ];
        args.extend(extra);
        let out = slacal(&args);
        assert_eq!(out.code, 1, "{extra:?}: {}", out.stderr);
        assert!(out.stdout.contains("good,validation,1,US,"));
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        lines.sort_unstable();
        lines
    };
    let unsorted = rejects(&[]);
    assert_eq!(unsorted.len(), 65_537 + 1);
    assert_eq!(unsorted, rejects(&["--sorted"]));
    assert!(
        unsorted
            .iter()
            .any(|l| l.starts_with("65539,r65536,calendar,X65536,\"unknown calendar `X65536`")),
        "{:?}",
        &unsorted[..3]
    );
}

#[test]
fn issue_9_a_bad_first_json_line_is_a_reject() {
    for extra in [&[][..], &["--layout", "events"][..]] {
        let mut args = vec![
            "run",
            "--as-of",
            AS_OF,
            "-i",
            "tests/data/bad/first_line_bad.jsonl",
        ];
        args.extend(extra);
        let out = slacal(&args);
        assert_eq!(out.code, 1, "{extra:?}: {}", out.stderr);
        assert!(
            out.stderr
                .contains("line 1: value `{\"record_id\": \"offer-0\", \"event\""),
            "{}",
            out.stderr
        );
        assert!(
            out.stderr.contains("not a valid JSON object"),
            "{}",
            out.stderr
        );
        assert!(
            out.stdout.contains("offer-1,validation,1,US,"),
            "{}",
            out.stdout
        );
    }
    // Nothing that shows the layout: a usage error that says what to do.
    let out = slacal_with_input(
        &["run", "--as-of", AS_OF, "--input-format", "jsonl"],
        Some(b"{\"record_id\n[1]\n"),
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("name the layout"), "{}", out.stderr);
    assert!(
        out.stderr.contains("slacal: hint: pass `--layout events`"),
        "{}",
        out.stderr
    );
}

#[test]
fn issue_9_too_many_threads_are_capped_with_a_warning() {
    let out = slacal(&[
        "run",
        "--as-of",
        AS_OF,
        "-i",
        "examples/offers_wide.csv",
        "--threads",
        "100000",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("warning: `--threads 100000` is more than 256; 256 threads are used"),
        "{}",
        out.stderr
    );
    let one = slacal(&["run", "--as-of", AS_OF, "-i", "examples/offers_wide.csv"]);
    assert_eq!(out.stdout, one.stdout);
}

#[test]
fn issue_9_control_characters_are_escaped_on_the_terminal_and_in_rejects() {
    let dir = tempfile::tempdir().unwrap();
    let rejects = dir.path().join("rejects.csv");
    let input = "tests/data/bad/control_characters.csv";
    let out = slacal(&["run", "--as-of", AS_OF, "-i", input]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        !out.stderr.contains('\u{1b}'),
        "no raw escape: {:?}",
        out.stderr
    );
    assert!(!out.stderr.contains('\u{7}'));
    assert!(
        out.stderr.contains("record `offer-\\x1b[2J`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("unknown event `live\\x07`"),
        "{}",
        out.stderr
    );
    let out = slacal(&[
        "run",
        "--as-of",
        AS_OF,
        "-i",
        input,
        "--rejects",
        rejects.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1);
    let written = std::fs::read_to_string(&rejects).unwrap();
    assert!(
        !written.contains('\u{1b}') && !written.contains('\u{7}'),
        "{written:?}"
    );
    assert!(written.contains("offer-\\x1b[2J"), "{written}");
    let out = slacal(&["explain", "offer-\u{1b}[2J", "--as-of", AS_OF, "-i", input]);
    assert!(!out.stdout.contains('\u{1b}'), "{:?}", out.stdout);
}

#[test]
fn issue_9_a_fifo_or_a_folder_named_toml_in_the_holidays_folder_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("tests/data/holidays-acme/acme.toml"),
        dir.path().join("acme.toml"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("folder.toml")).unwrap();
    mkfifo(&dir.path().join("pipe.toml"));
    let child = Command::new(env!("CARGO_BIN_EXE_slacal"))
        .args(["calendars", "--holidays-dir", dir.path().to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = finish(child, Duration::from_secs(60));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("ACME"), "{}", out.stdout);
    assert!(
        out.stderr
            .contains("folder.toml` is a folder, not a holiday file"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("pipe.toml` is not a regular file"),
        "{}",
        out.stderr
    );
}

#[test]
fn issue_9_leap_seconds_and_historic_offsets_are_read() {
    let out = slacal(&[
        "run",
        "--as-of",
        AS_OF,
        "-i",
        "tests/data/bad/leap_second.csv",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    // 23:59:60 is read as 23:59:59.
    assert!(
        out.stdout
            .contains("offer-1,validation,1,US,2016-12-31T15:59:59-08:00,"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("offer-2,validation,1,US,"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("line 4: record `offer-3`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("only at 23:59:60 UTC"),
        "{}",
        out.stderr
    );
}

#[test]
fn issue_9_events_out_of_order_give_the_record_they_give_in_order() {
    let mut rows = Vec::new();
    for n in 0..2000u32 {
        let event = [
            "submitted",
            "prerequisites_validated",
            "certification_failed",
        ][n as usize % 3];
        rows.push(format!(
            "offer-1,{event},2026-0{}-{:02}T{:02}:{:02}:00Z",
            1 + n / 500,
            1 + n % 500 / 20,
            n % 20,
            n % 60
        ));
    }
    let forward = format!("record_id,event,at\n{}\n", rows.join("\n"));
    rows.reverse();
    let backward = format!("record_id,event,at\n{}\n", rows.join("\n"));
    let a = slacal_with_input(&["run", "--as-of", AS_OF, "-q"], Some(forward.as_bytes()));
    let b = slacal_with_input(&["run", "--as-of", AS_OF, "-q"], Some(backward.as_bytes()));
    assert_eq!(a.code, 0, "{}", a.stderr);
    assert_eq!(a.stdout, b.stdout);
    assert!(a.stdout.lines().count() > 1000);
}
