//! The project owns what its tests, benchmarks and scripts use: a lone
//! clone must build, test and benchmark on any machine. So no tracked file
//! may name the folder beside the development checkout (`..` + `/shared`)
//! or an absolute path of one machine (one that starts at the root with
//! `work`, `home`, `tmp`, `root`, `Users` or `mnt`, see [`MACHINE_ROOTS`]),
//! which exist only where they were written. Temporary folders are made at
//! run time (`tempfile`, `mktemp`) instead.
//!
//! Tracked files are what `git ls-files` lists; without git (a source
//! archive) every file below the checkout except build output counts. The
//! forbidden strings are assembled at run time, so this file does not name
//! them itself.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Top-level folders of an absolute path that only one machine has.
const MACHINE_ROOTS: [&str; 6] = ["work", "home", "tmp", "root", "Users", "mnt"];

/// Mentions that are not paths the project uses, each with why. An entry
/// is a file and a fragment of the line; every entry must still match, so
/// the list cannot outlive the lines it excuses.
fn allowed() -> Vec<(&'static str, String, &'static str)> {
    vec![(
        "tests/yaml_equivalence.rs",
        format!("YAML_CORPUS=/{}/yc", "tmp"),
        "a usage comment: an example of a scratch folder the reader picks",
    )]
}

/// What is wrong with one line, if anything.
fn problems_in(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let sibling = format!("..{}shared", '/');
    if line.contains(&sibling) {
        found.push(format!("names {sibling}, which a lone clone does not have"));
    }
    for root in MACHINE_ROOTS {
        let needle = format!("/{root}/");
        for (at, _) in line.match_indices(&needle) {
            // A path that continues another (`target/tmp/`, a URL's
            // `example.org/home/`, `$dir/tmp/`) is relative; only a path
            // that starts here is absolute.
            let before = line[..at].chars().next_back();
            let continues = before.is_some_and(|c| {
                c.is_alphanumeric() || matches!(c, '_' | '.' | '~' | '-' | '$' | '}' | ')')
            });
            if !continues {
                found.push(format!(
                    "names the absolute path {needle}…, which exists on one machine only"
                ));
            }
        }
    }
    found
}

fn tracked_files(repo: &Path) -> Vec<PathBuf> {
    let listed = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(repo)
        .output()
        .ok()
        .filter(|out| out.status.success());
    if let Some(out) = listed {
        return out
            .stdout
            .split(|&b| b == 0)
            .filter(|name| !name.is_empty())
            .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
            .collect();
    }
    // No git: a source archive. Everything but build output and tools.
    let skip = ["target", "output", ".git", "node_modules", ".tools"];
    walkdir::WalkDir::new(repo)
        .into_iter()
        .filter_entry(|e| !skip.iter().any(|s| e.file_name() == *s))
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.path().strip_prefix(repo).ok().map(Path::to_path_buf))
        .collect()
}

#[test]
fn no_tracked_file_names_a_path_outside_the_checkout() {
    let repo = Path::new(common::REPO);
    let files = tracked_files(repo);
    assert!(
        files.iter().any(|f| f == Path::new("Cargo.toml")),
        "found no files to check in {}",
        repo.display()
    );
    let allowed = allowed();
    let mut used = vec![false; allowed.len()];
    let mut bad = Vec::new();
    for rel in &files {
        // Binary files (images, fonts) and files listed but deleted in the
        // working tree are skipped.
        let Ok(text) = std::fs::read_to_string(repo.join(rel)) else {
            continue;
        };
        let name = rel.to_string_lossy().replace('\\', "/");
        for (n, line) in text.lines().enumerate() {
            let problems = problems_in(line);
            if problems.is_empty() {
                continue;
            }
            let excused = allowed
                .iter()
                .position(|(file, fragment, _)| *file == name && line.contains(fragment.as_str()));
            match excused {
                Some(i) => used[i] = true,
                None => {
                    for p in problems {
                        bad.push(format!("{name}:{}: {p}\n    {}", n + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "tracked files reach outside the checkout (use a path relative to the \
         repository, a temporary folder made at run time, or the corpus generator \
         `cargo run -p careers-corpus`):\n{}",
        bad.join("\n")
    );
    for ((file, fragment, why), used) in allowed.iter().zip(used) {
        assert!(
            used,
            "the allow-list entry for {file} ({fragment}: {why}) matches nothing any more; remove it"
        );
    }
}

#[test]
fn the_scan_finds_machine_paths_and_the_sibling_folder() {
    let sibling = format!("python3 ..{}shared/bench/gen.py", '/');
    assert_eq!(problems_in(&sibling).len(), 1);
    for root in MACHINE_ROOTS {
        for line in [
            format!("DEFAULT = Path(\"/{root}/x\")"),
            format!("/{root}/x at the start"),
            format!("cd /{root}/y && make"),
            format!("file:///{root}/z"),
        ] {
            assert_eq!(problems_in(&line).len(), 1, "{line}");
        }
    }
}

#[test]
fn the_scan_leaves_relative_paths_and_urls_alone() {
    // A path under the reader's home (`~/` then a machine root's name),
    // built at run time so this file does not itself hold such a path.
    let home_relative = format!("~/{}/notes", MACHINE_ROOTS[0]);
    for line in [
        "#!/usr/bin/env bash",
        "see https://example.org/home/ and target/tmp/x",
        "work=\"$(mktemp -d)\"; cp a \"$work/tmp/\"",
        "${dir}/home/x and $(pwd)/tmp/y",
        "bench/hugo/layouts and ../themes/bench and /dev/shm",
        home_relative.as_str(),
    ] {
        assert!(problems_in(line).is_empty(), "{line}");
    }
}
