//! The built sample site is valid HTML: the Nu Html Checker (vnu.jar, run
//! with the system's Java) reports no errors. `scripts/install-test-tools.sh`
//! installs the checker; this test fails, rather than skips, without it.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn vnu_jar() -> std::path::PathBuf {
    let jar = Path::new(REPO).join("tools/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        jar.exists(),
        "the Nu Html Checker is missing: run scripts/install-test-tools.sh"
    );
    jar
}

/// Runs the checker on every HTML file below `dir`; returns its error report.
fn html_errors(dir: &Path) -> String {
    let out = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .arg(dir)
        .output()
        .expect("java runs");
    String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout)
}

#[test]
fn the_sample_site_has_no_html_errors() {
    let site = TestSite::sample();
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    // The checker sees every page, the search results page among them.
    assert!(site.output_exists("search/index.html"));
    // And the Spanish pages: a translated profile and an untranslated one.
    assert!(site.output_exists("es/health-information-technicians/index.html"));
    assert!(site.output_exists("es/medical-records-specialists/index.html"));
    let errors = html_errors(&site.path().join("output"));
    assert!(
        errors.trim().is_empty(),
        "Nu Html Checker errors:\n{errors}"
    );
}

#[test]
fn the_checker_does_find_errors() {
    // Guards the test above against a checker that never reports anything.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.html"),
        "<!doctype html><html lang=en><title>x</title><p><div></span>",
    )
    .unwrap();
    assert!(!html_errors(dir.path()).trim().is_empty());
}
