//! A small harness for tests on real files: a site in a temporary folder,
//! built with the shipped default theme, through the library or through the
//! `careers` binary. Modelled on the fluent test builders of `just`.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use careers::build::{build, BuildOptions, BuildReport};
use careers::diagnostics::Diagnostic;

pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// A profile front matter that passes every rule, for tests that change one thing.
pub const VALID_PROFILE: &str = "---
title: Health Information Technicians
soc: \"29-2071\"
summary: Keep medical records.
cluster: Health Science
holland: CIE
job_zone: 3
education: associate
wages:
  source: Sample data
  as_of: \"2019\"
  areas:
    - area: Washington
      hourly: [15.20, 17.19, 20.91, 26.40, 31.55]
---
## Duties

Sample text.
";

pub struct TestSite {
    dir: tempfile::TempDir,
}

impl TestSite {
    /// An empty site with the default theme.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(
            &Path::new(REPO).join("themes/default"),
            &dir.path().join("themes/default"),
        );
        fs::create_dir_all(dir.path().join("content")).unwrap();
        TestSite { dir }
    }

    /// A copy of the repository's sample site (content/ and site.yaml).
    pub fn sample() -> Self {
        let site = Self::new();
        copy_dir(
            &Path::new(REPO).join("content"),
            &site.path().join("content"),
        );
        if let Ok(config) = fs::read_to_string(Path::new(REPO).join("site.yaml")) {
            site.write("site.yaml", &config);
        }
        site
    }

    pub fn file(self, path: &str, text: &str) -> Self {
        self.write(path, text);
        self
    }

    pub fn write(&self, path: &str, text: &str) {
        let path = self.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Builds through the library, into ROOT/output.
    pub fn build(&self) -> BuildReport {
        self.build_with(|_| {})
    }

    pub fn build_with(&self, change: impl FnOnce(&mut BuildOptions)) -> BuildReport {
        let mut options = BuildOptions {
            root: self.path().to_path_buf(),
            ..Default::default()
        };
        change(&mut options);
        build(&options).expect("the build runs")
    }

    /// Builds and returns the problems found.
    pub fn problems(&self) -> Vec<Diagnostic> {
        self.build().diagnostics
    }

    pub fn output(&self, rel: &str) -> String {
        fs::read_to_string(self.path().join("output").join(rel))
            .unwrap_or_else(|e| panic!("output/{rel}: {e}"))
    }

    pub fn output_exists(&self, rel: &str) -> bool {
        self.path().join("output").join(rel).exists()
    }

    /// Runs the `careers` binary in the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_careers"))
            .args(args)
            .current_dir(self.path())
            .output()
            .expect("the binary runs");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// The result of running the binary, with chainable assertions.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn code(self, expected: i32) -> Self {
        assert_eq!(
            self.code, expected,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn stderr_has(self, text: &str) -> Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}:\n{}",
            self.stderr
        );
        self
    }

    pub fn stdout_has(self, text: &str) -> Self {
        assert!(
            self.stdout.contains(text),
            "stdout lacks {text:?}:\n{}",
            self.stdout
        );
        self
    }
}

/// Finds the one problem whose message contains `text`; fails listing all otherwise.
pub fn find<'a>(problems: &'a [Diagnostic], text: &str) -> &'a Diagnostic {
    let found: Vec<_> = problems
        .iter()
        .filter(|d| d.message.contains(text))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one problem with {text:?}, got:\n{}",
        show(problems)
    );
    found[0]
}

pub fn show(problems: &[Diagnostic]) -> String {
    problems
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `file:line:column` of a diagnostic.
pub fn location(d: &Diagnostic) -> String {
    let p = d.position.expect("a position");
    format!("{}:{}:{}", d.file.display(), p.line, p.column)
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target: PathBuf = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Visible text of an HTML fragment: tags removed, entities decoded, spaces folded.
pub fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Proptest settings for the property tests: `PROPTEST_CASES` cases if set,
/// else `default`; no failure files written into the tree.
pub fn proptest_config(default: u32) -> proptest::test_runner::Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    proptest::test_runner::Config {
        cases,
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    }
}

/// Every file below `dir`, by its path there, with its bytes: to tell
/// whether a folder changed.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}
