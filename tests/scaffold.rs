//! `careers new` and `careers init`: the files they write build cleanly and
//! nothing is ever overwritten.

mod common;

use common::*;

#[test]
fn new_writes_a_profile_that_builds() {
    let site = TestSite::new();
    site.run(&["new", "medical-coders", "--soc", "29-2072"])
        .code(0)
        .stdout_has("content/medical-coders.md");
    let text = std::fs::read_to_string(site.path().join("content/medical-coders.md")).unwrap();
    assert!(text.contains("title: Medical Coders"));
    assert!(text.contains("soc: \"29-2072\""));
    for key in [
        "soc_version",
        "wages",
        "outlook",
        "related",
        "education",
        "holland",
        "job_zone",
        "reviewed",
    ] {
        assert!(
            text.contains(&format!("# {key}:")),
            "{key} is offered, commented out"
        );
    }
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    assert!(
        report.diagnostics.is_empty(),
        "{}",
        show(&report.diagnostics)
    );
    let html = site.output("medical-coders/index.html");
    assert!(
        !html.contains("Job duties"),
        "a section left as the scaffold wrote it (its hint only) is not published"
    );
    assert!(
        !html.contains("#hint"),
        "hints are editor notes and never published"
    );
}

#[test]
fn new_without_a_soc_code_builds_as_a_plain_page() {
    let site = TestSite::new();
    site.run(&["new", "coders", "--title", "Coders: the people"])
        .code(0);
    assert!(site.build().succeeded());
}

#[test]
fn new_refuses_to_overwrite_and_bad_slugs() {
    let site = TestSite::new();
    site.run(&["new", "coders"]).code(0);
    site.run(&["new", "coders"])
        .code(2)
        .stderr_has("already exists");
    site.run(&["new", "Medical Coders"])
        .code(2)
        .stderr_has("such as `medical-coders`");
    site.run(&["new", "x", "--soc", "292072"])
        .code(2)
        .stderr_has("not a SOC code");
}

#[test]
fn init_creates_a_site_that_builds_and_checks_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new-site");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_careers"))
        .arg("init")
        .arg(&target)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !target.join("themes").exists(),
        "the default theme is built in"
    );
    let report = careers::build::build(&careers::build::BuildOptions {
        root: target.clone(),
        ..Default::default()
    })
    .unwrap();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    assert!(target
        .join("output/health-information-technicians/index.html")
        .exists());
    assert!(target.join("output/static/style.css").exists());
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_careers"))
        .arg("init")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(
        again.status.code(),
        Some(2),
        "init refuses a folder that is not empty"
    );
}
