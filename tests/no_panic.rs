//! No input makes `careers` panic: each crash found by hand is reproduced
//! here through the binary (so a panic shows as exit status 101 and a
//! `panicked at` message), and a closed stdout or stderr ends the program
//! quietly, as ripgrep does, instead of panicking in `print!`.

mod common;

use std::process::{Command, Stdio};

use common::*;

/// A run must not panic: exit status 101 and the panic message are Rust's.
fn assert_no_panic(run: &Run) {
    assert_ne!(run.code, 101, "panicked:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

fn with_onet(code: &str) -> String {
    VALID_PROFILE.replacen(
        "education: associate\n",
        &format!("education: associate\nonet: [\"{code}\"]\n"),
        1,
    )
}

#[test]
fn a_non_ascii_onet_code_is_an_error_in_build_check_and_import() {
    let site = TestSite::new().file("content/techs.md", &with_onet("29-114é.0"));
    let build = site.run(&["build"]);
    assert_no_panic(&build);
    let build = build
        .code(1)
        .stderr_has("--> content/techs.md:9:")
        .stderr_has("29-114é.0");
    assert!(!build.stderr.contains("panicked"));
    let check = site.run(&["check"]);
    assert_no_panic(&check);
    check.code(1).stdout_has("content/techs.md:9:");
    let db = format!("{REPO}/tests/fixtures/import/onet/db_28_3_text");
    let import = site.run(&["import", "onet", &db, "--dry-run"]);
    assert_no_panic(&import);
}

/// Runs the binary with its stdout (or stderr) a pipe whose reader has
/// gone, as `careers check | true` does: the first write fails with
/// BrokenPipe (Rust ignores SIGPIPE, so the write returns an error).
fn run_with_closed(site: &TestSite, args: &[&str], close_stderr: bool) -> (i32, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_careers"));
    command
        .args(args)
        .current_dir(site.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("the binary runs");
    // Close the reading end at once: every write of the child then fails.
    if close_stderr {
        drop(child.stderr.take());
    } else {
        drop(child.stdout.take());
    }
    let output = child.wait_with_output().expect("the binary ends");
    let other = if close_stderr {
        output.stdout
    } else {
        output.stderr
    };
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&other).into_owned(),
    )
}

#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    let site = TestSite::sample();
    // Content with errors and notes, so that check has a long report.
    site.write("content/broken.md", "---\ntitle: [Broken\n---\n#a note\n");
    for args in [
        &["check", "--format", "json"][..],
        &["check"],
        &["--help"],
        &["build", "--help"],
        &["init", "fresh"],
    ] {
        let (code, stderr) = run_with_closed(&site, args, false);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert_ne!(code, 101, "{args:?}: {stderr}");
    }
}

#[test]
fn a_closed_stderr_ends_every_command_quietly() {
    let site = TestSite::sample();
    site.write("content/broken.md", "---\ntitle: [Broken\n---\n");
    for args in [
        &["build"][..],
        &["check"],
        &["build", "--verbose"],
        &["build", "--root", "missing"],
        &["new", "x", "--root", "missing"],
    ] {
        let (code, stdout) = run_with_closed(&site, args, true);
        assert_ne!(code, 101, "{args:?}: {stdout}");
        assert!(!stdout.contains("panicked"), "{args:?}: {stdout}");
    }
}

#[test]
fn a_closed_stdout_exits_0_like_ripgrep() {
    let site = TestSite::sample();
    let (code, stderr) = run_with_closed(&site, &["check", "--format", "json"], false);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
}
