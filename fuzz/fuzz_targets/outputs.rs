//! Sets of output paths of every kind (new files, an existing file, a link to it, a hard link
//! to it, the same file by another spelling, a device): outputs naming the same file are
//! refused (a device may be shared), and the others are committed together, the regular files replaced through their
//! links, the device left a device, no temporary file left behind.
#![no_main]

use std::io::Write;
use std::os::unix::fs::FileTypeExt;
use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use slacal::io::{Output, Target, check_distinct, commit_all};

/// The paths, and which file each one is (same number, same file).
const KINDS: [(&str, u8); 7] = [
    ("a.csv", 0),
    ("./a.csv", 0),
    ("b.csv", 1),
    ("c.csv", 2),
    ("link-to-c", 2),
    ("hard-to-c", 2),
    ("/dev/null", 3),
];

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("c.csv"), "old\n").expect("c");
    std::os::unix::fs::symlink(dir.path().join("c.csv"), dir.path().join("link-to-c"))
        .expect("link");
    std::fs::hard_link(dir.path().join("c.csv"), dir.path().join("hard-to-c")).expect("hard link");
    let picks: Vec<usize> = data
        .iter()
        .take(4)
        .map(|&b| usize::from(b) % KINDS.len())
        .collect();
    let paths: Vec<PathBuf> = picks
        .iter()
        .map(|&k| {
            let name = KINDS[k].0;
            if name.starts_with('/') {
                PathBuf::from(name)
            } else {
                dir.path().join(name)
            }
        })
        .collect();
    let targets: Vec<Target> = paths
        .iter()
        .map(|p| Target::of(Some(p)).expect("every kind is a target"))
        .collect();
    let named: Vec<(&str, &Target)> = targets.iter().map(|t| ("output", t)).collect();
    let mut files: Vec<u8> = picks.iter().map(|&k| KINDS[k].1).collect();
    files.sort_unstable();
    // A character device may be shared: nothing written there replaces anything.
    let duplicated = files.windows(2).any(|w| w[0] == w[1] && w[0] != 3);
    let distinct = check_distinct(&named);
    assert_eq!(distinct.is_err(), duplicated, "{picks:?}");
    if duplicated {
        return;
    }
    let mut outputs = Vec::new();
    for (n, target) in targets.iter().enumerate() {
        let mut output = Output::open(target).expect("opened");
        writeln!(output, "output {n}").expect("written");
        outputs.push(output);
    }
    commit_all(outputs).expect("committed");
    for (n, &k) in picks.iter().enumerate() {
        match KINDS[k].1 {
            3 => assert!(
                std::fs::metadata("/dev/null")
                    .expect("/dev/null")
                    .file_type()
                    .is_char_device()
            ),
            _ => assert_eq!(
                std::fs::read_to_string(&paths[n]).expect("read"),
                format!("output {n}\n")
            ),
        }
    }
    assert!(
        std::fs::symlink_metadata(dir.path().join("link-to-c"))
            .expect("link")
            .file_type()
            .is_symlink()
    );
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("listed")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.contains(".slacal-tmp-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
});
