//! The `careers` binary: help, exit codes and messages.

mod common;

use common::*;

#[test]
fn help_describes_the_tool_and_each_command() {
    let site = TestSite::new();
    site.run(&["--help"])
        .code(0)
        .stdout_has("static site generator for career profiles")
        .stdout_has("build");
    site.run(&["build", "--help"])
        .code(0)
        .stdout_has("--root <DIR>")
        .stdout_has("--output <DIR>")
        .stdout_has("--drafts")
        .stdout_has("--base-url <URL>")
        .stdout_has("Exit status");
}

#[test]
fn a_good_site_exits_0_and_says_what_it_wrote() {
    let site = TestSite::new().file("content/techs.md", VALID_PROFILE);
    site.run(&["build"])
        .code(0)
        .stderr_has("Built")
        .stderr_has("files into output");
    assert!(site.output_exists("techs/index.html"));
}

#[test]
fn content_errors_exit_1_with_file_line_column_and_the_line() {
    let site = TestSite::new().file(
        "content/techs.md",
        "---\ntitle: Techs\nsoc: \"29-2071\"\njob_zone: 9\n---\n",
    );
    site.run(&["build"])
        .code(1)
        .stderr_has("error: there is no job zone 9")
        .stderr_has("--> content/techs.md:4:11")
        .stderr_has(" 4 | job_zone: 9")
        .stderr_has("Build failed: 1 error, 0 warnings. output was left unchanged.");
}

#[test]
fn bad_yaml_exits_1_with_a_location() {
    let site = TestSite::new().file("content/techs.md", "---\ntitle: [Techs\n---\n");
    site.run(&["build"])
        .code(1)
        .stderr_has("--> content/techs.md:");
}

#[test]
fn usage_errors_exit_2() {
    let site = TestSite::new();
    site.run(&["build", "--no-such-flag"]).code(2);
    site.run(&["frobnicate"]).code(2);
}

#[test]
fn refuses_an_output_folder_that_would_replace_the_site() {
    let site = TestSite::new().file("content/techs.md", VALID_PROFILE);
    site.run(&["build", "--output", "."])
        .code(2)
        .stderr_has("refusing to build");
    site.run(&["build", "--output", "content"])
        .code(2)
        .stderr_has("is the content folder");
    site.run(&["build", "--output", ".."]).code(2);
    assert!(site.path().join("content/techs.md").exists());
}

#[test]
fn root_and_output_flags() {
    let site = TestSite::new().file("content/techs.md", VALID_PROFILE);
    let root = site.path().to_str().unwrap().to_string();
    let out = site.path().join("public");
    site.run(&["build", "--root", &root, "--output", out.to_str().unwrap()])
        .code(0);
    assert!(out.join("techs/index.html").exists());
}

#[test]
fn a_missing_content_folder_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_careers"))
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no content folder"));
}

#[test]
fn warnings_do_not_fail_the_build() {
    let site = TestSite::new().file("content/about.md", "---\ntitle: About\ncluster: X\n---\n");
    site.run(&["build"])
        .code(0)
        .stderr_has("warning: `cluster` is used only on occupation profiles")
        .stderr_has("1 warning");
}

#[test]
fn verbose_prints_each_stage_with_its_time_and_memory() {
    let site = TestSite::new().file("content/techs.md", VALID_PROFILE);
    let outcome = site.run(&["build", "--verbose"]).code(0);
    for stage in [
        "load",
        "parse",
        "resolve",
        "templates",
        "render+write",
        "swap",
    ] {
        let line = outcome
            .stderr
            .lines()
            .find(|l| l.trim_start().starts_with(stage))
            .unwrap_or_else(|| panic!("no line for {stage}:\n{}", outcome.stderr));
        assert!(line.contains(" ms"), "{line}");
        // Memory is read from /proc, which only Linux has.
        if cfg!(target_os = "linux") {
            assert!(
                line.contains("memory") && line.contains("MB, peak"),
                "{line}"
            );
        }
    }
}
