//! Names from the file system reach the terminal and the site safely: a
//! name holding a terminal escape sequence is printed escaped, never raw,
//! by every command that prints it; a name that is not UTF-8, in
//! `content/` or `static/`, is an error naming it (its odd bytes as
//! `\xNN`), neither published nor hidden nor merged with another name.
//! Reproductions of issue 13.

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use common::*;

/// A file name that sets the terminal's title and turns the text red.
const ESCAPE_NAME: &str = "x\u{1b}]0;pwned\u{7}\u{1b}[31mred\u{9b}2J.md";

fn no_raw_controls(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
}

#[test]
fn escape_sequences_in_names_are_printed_escaped() {
    let site = TestSite::new()
        .file(
            &format!("content/{ESCAPE_NAME}"),
            "---\ntitle: [Broken\n---\n",
        )
        .file(
            "content/ok.md",
            "---\ntitle: Ok\n---\n[x](missing\u{1b}[1m.md)\n",
        );
    let build = site.run(&["build"]).code(1);
    assert!(no_raw_controls(&build.stderr), "{:?}", build.stderr);
    assert!(build
        .stderr
        .contains("x\\u001b]0;pwned\\u0007\\u001b[31mred\\u009b2J.md"));
    for format in ["human", "json"] {
        let check = site.run(&["check", "--format", format]).code(1);
        assert!(
            no_raw_controls(&check.stdout),
            "{format}: {:?}",
            check.stdout
        );
        assert!(check.stdout.contains("pwned"), "{}", check.stdout);
    }
    // The JSON stays JSON, naming the same file.
    let json = site.run(&["check", "--format", "json"]).stdout;
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let files: Vec<&str> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["file"].as_str())
        .collect();
    assert!(
        files.contains(&format!("content/{ESCAPE_NAME}").as_str()),
        "{files:?}"
    );
}

/// Writes `text` at the path `rel` (bytes, any of them), making folders.
fn write_bytes_name(site: &TestSite, rel: &[u8], text: &str) {
    let path = site.path().join(OsStr::from_bytes(rel));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn names_that_are_not_utf8_are_errors_in_content_and_static() {
    let site = TestSite::new().file("content/ok.md", "---\ntitle: Ok\n---\nText.\n");
    // Two names that the old lossy reading made into one (`caf\u{FFFD}`).
    write_bytes_name(&site, b"content/caf\xe9.md", "---\ntitle: One\n---\n");
    write_bytes_name(&site, b"content/caf\xff.md", "---\ntitle: Two\n---\n");
    // A name starting with `.` is hidden like any other.
    write_bytes_name(&site, b"content/.hidden\xff.pdf", "secret");
    write_bytes_name(
        &site,
        b"content/d\xe9j\xe0/page.md",
        "---\ntitle: In\n---\n",
    );
    write_bytes_name(&site, b"static/logo\xfe.svg", "<svg/>");
    let report = site.build();
    assert!(!report.succeeded());
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("not UTF-8"))
        .map(|d| d.file.display().to_string())
        .collect();
    assert_eq!(
        errors,
        [
            "content/caf\\xE9.md",
            "content/caf\\xFF.md",
            "content/d\\xE9j\\xE0",
            "static/logo\\xFE.svg"
        ],
        "{}",
        show(&report.diagnostics)
    );
    // Nothing was published (the build failed), and a build without the
    // bad names publishes neither them nor the hidden file.
    for name in [&b"caf\xe9.md"[..], b"caf\xff.md"] {
        std::fs::remove_file(site.path().join("content").join(OsStr::from_bytes(name))).unwrap();
    }
    std::fs::remove_dir_all(
        site.path()
            .join("content")
            .join(OsStr::from_bytes(b"d\xe9j\xe0")),
    )
    .unwrap();
    std::fs::remove_file(
        site.path()
            .join("static")
            .join(OsStr::from_bytes(b"logo\xfe.svg")),
    )
    .unwrap();
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    let published: Vec<String> = walkdir::WalkDir::new(site.path().join("output"))
        .into_iter()
        .flatten()
        .map(|e| e.path().to_string_lossy().into_owned())
        .collect();
    assert!(
        !published
            .iter()
            .any(|p| p.contains("hidden") || p.contains('\u{FFFD}')),
        "{published:?}"
    );
}

#[test]
fn check_reports_names_that_are_not_utf8() {
    let site = TestSite::new().file("content/ok.md", "---\ntitle: Ok\n---\nText.\n");
    write_bytes_name(&site, b"content/caf\xe9.md", "---\ntitle: One\n---\n");
    let check = site.run(&["check"]).code(1);
    assert!(
        check.stdout.contains("content/caf\\xE9.md"),
        "{}",
        check.stdout
    );
}
