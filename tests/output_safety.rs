//! A failed build leaves the previous output exactly as it was; a good one
//! replaces it whole and leaves no staging folders behind.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::*;

/// Every file below `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
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

fn entries_beside_output(site: &TestSite) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = TestSite::new().file("content/techs.md", VALID_PROFILE);
    assert!(site.build().succeeded());
    let before = snapshot(&site.path().join("output"));
    assert!(before.contains_key("techs/index.html"));

    for broken in [
        "---\ntitle: Techs\nsoc: \"29-2071\"\nwages:\n  areas:\n    - area: WA\n      hourly: [5, 4, 3, 2, 1]\n---\n",
        "---\ntitle: [unclosed\n---\n",
        "---\ntitel: Techs\n---\n",
    ] {
        site.write("content/techs.md", broken);
        site.write("content/new-page.md", "---\ntitle: New\n---\n");
        let report = site.build();
        assert!(!report.succeeded());
        assert_eq!(report.files_written, 0);
        assert_eq!(snapshot(&site.path().join("output")), before, "output changed after a failed build");
        assert_eq!(entries_beside_output(&site), ["content", "output", "themes"]);
    }
}

#[test]
fn a_broken_template_also_leaves_the_output_untouched() {
    let site = TestSite::new().file("content/techs.md", VALID_PROFILE);
    assert!(site.build().succeeded());
    let before = snapshot(&site.path().join("output"));
    site.write("templates/profile.html", "{% extends \"base.html\" %}{% block content %}{{ profile.soc | nosuchfilter }}{% endblock content %}");
    let report = site.build();
    assert!(!report.succeeded());
    let d = find(&report.diagnostics, "template");
    assert!(d.file.ends_with("templates/profile.html"), "{d}");
    assert_eq!(snapshot(&site.path().join("output")), before);
}

#[test]
fn a_good_build_replaces_the_output_whole_and_keeps_dotfiles() {
    let site = TestSite::new().file("content/techs.md", VALID_PROFILE);
    fs::create_dir_all(site.path().join("output")).unwrap();
    fs::write(site.path().join("output/stale.html"), "old").unwrap();
    fs::write(site.path().join("output/.gitkeep"), "").unwrap();
    assert!(site.build().succeeded());
    assert!(
        !site.output_exists("stale.html"),
        "files from an older build survive"
    );
    assert!(site.output_exists(".gitkeep"));
    assert!(site.output_exists("techs/index.html"));
    assert_eq!(
        entries_beside_output(&site),
        ["content", "output", "themes"]
    );
}

#[test]
fn staging_folders_left_by_a_killed_build_are_removed() {
    let site = TestSite::new().file("content/techs.md", VALID_PROFILE);
    fs::create_dir_all(site.path().join("output.careers-staging-999-1/x")).unwrap();
    assert!(site.build().succeeded());
    assert_eq!(
        entries_beside_output(&site),
        ["content", "output", "themes"]
    );
}
