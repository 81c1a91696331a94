//! The output folder is careers' own. A failed build leaves the previous
//! output exactly as it was; a good one replaces it whole, keeps its dot
//! entries and kept names, and leaves no staging folders behind. A folder
//! careers did not write, or one overlapping the site's sources (judged on
//! physical paths), is refused with exit status 2 and left untouched.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::*;

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
    fs::write(site.path().join("output/.gitkeep"), "").unwrap();
    assert!(site.build().succeeded());
    fs::write(site.path().join("output/stale.html"), "old").unwrap();
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

/// Every file and symbolic link below `dir`, with its bytes or its target.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            let what = if e.path_is_symlink() {
                format!("-> {}", fs::read_link(e.path()).unwrap().display())
            } else {
                String::from_utf8_lossy(&fs::read(e.path()).unwrap()).into_owned()
            };
            (rel, what)
        })
        .collect()
}

fn site_with_sources() -> TestSite {
    TestSite::new()
        .file("content/techs.md", VALID_PROFILE)
        .file("site.yaml", "title: Careers\n")
        .file("static/logo.svg", "<svg/>")
        .file("templates/.keep", "")
}

#[test]
fn a_folder_careers_did_not_write_is_refused_and_left_untouched() {
    let site = site_with_sources();
    let elsewhere = tempfile::tempdir().unwrap();
    let mine = elsewhere.path().join("mine");
    fs::create_dir_all(mine.join("photos")).unwrap();
    fs::write(mine.join("thesis.tex"), "precious").unwrap();
    fs::write(mine.join("photos/a.jpg"), "jpeg").unwrap();
    let before = tree(elsewhere.path());
    let run = site
        .run(&["build", "--output", mine.to_str().unwrap()])
        .code(2)
        .stderr_has("is not empty")
        .stderr_has(&mine.display().to_string())
        .stderr_has("--force");
    assert!(
        run.stderr.contains("`photos` and `thesis.tex`"),
        "{}",
        run.stderr
    );
    assert_eq!(
        tree(elsewhere.path()),
        before,
        "a refused build touched something"
    );

    // Forced, it replaces the contents; afterwards the folder is careers' own.
    site.run(&["build", "--output", mine.to_str().unwrap(), "--force"])
        .code(0);
    assert!(!mine.join("thesis.tex").exists());
    assert!(mine.join("techs/index.html").exists());
    assert!(fs::read_to_string(mine.join(".careers-output"))
        .unwrap()
        .contains("careers build"));
    fs::write(mine.join("stale.html"), "old").unwrap();
    site.run(&["build", "--output", mine.to_str().unwrap()])
        .code(0);
    assert!(!mine.join("stale.html").exists());
}

#[test]
fn a_folder_with_only_dot_entries_is_built_into() {
    let site = site_with_sources();
    let clone = tempfile::tempdir().unwrap();
    fs::create_dir(clone.path().join(".git")).unwrap();
    fs::write(clone.path().join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    site.run(&["build", "--output", clone.path().to_str().unwrap()])
        .code(0);
    assert!(clone.path().join("techs/index.html").exists());
    assert_eq!(
        fs::read_to_string(clone.path().join(".git/HEAD")).unwrap(),
        "ref: refs/heads/gh-pages\n"
    );
}

#[test]
fn the_sites_own_folders_and_files_are_refused_as_output() {
    let site = site_with_sources();
    fs::create_dir_all(site.path().join("templates")).unwrap();
    let before = tree(site.path());
    for (output, says) in [
        (".", "is the site folder"),
        ("..", "contains the site folder"),
        ("content", "is the content folder"),
        ("content/sub", "is inside the content folder"),
        ("static", "is the site's static folder"),
        ("templates", "is the site's templates folder"),
        ("themes", "is the themes folder"),
        ("themes/default/static", "is inside the themes folder"),
        ("site.yaml", "is the site configuration"),
        ("output/../static", "is the site's static folder"),
    ] {
        site.run(&["build", "--output", output])
            .code(2)
            .stderr_has("refusing to build")
            .stderr_has(says);
        // `--force` is about folders careers did not write, never the sources.
        site.run(&["build", "--output", output, "--force"]).code(2);
    }
    assert_eq!(
        tree(site.path()),
        before,
        "a refused build touched the site"
    );
}

#[cfg(unix)]
#[test]
fn a_path_through_a_symbolic_link_is_judged_where_it_leads() {
    use std::os::unix::fs::symlink;
    let site = site_with_sources();
    fs::create_dir_all(site.path().join("content/guides")).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let deep = elsewhere.path().join("deep");
    symlink(site.path().join("content/guides"), &deep).unwrap();
    symlink(site.path().join("static"), elsewhere.path().join("assets")).unwrap();
    let before = tree(site.path());
    // `deep/..` is the content folder, so `deep/../new` is inside it.
    for output in [
        format!("{}/../new", deep.display()),
        elsewhere.path().join("assets").display().to_string(),
    ] {
        site.run(&["build", "--output", &output])
            .code(2)
            .stderr_has("refusing to build")
            .stderr_has("really");
    }
    assert_eq!(tree(site.path()), before);
    assert!(!site.path().join("content/new").exists());
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_stays_a_link_and_the_build_goes_into_its_target() {
    use std::os::unix::fs::symlink;
    let site = site_with_sources();
    let deploy = tempfile::tempdir().unwrap();
    let target = deploy.path().join("site");
    fs::create_dir_all(target.join(".git")).unwrap();
    fs::write(target.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    symlink(&target, site.path().join("output")).unwrap();
    for _ in 0..2 {
        site.run(&["build"]).code(0);
        let link = fs::symlink_metadata(site.path().join("output")).unwrap();
        assert!(link.file_type().is_symlink(), "the link was replaced");
        assert!(target.join("techs/index.html").exists());
        assert_eq!(
            fs::read_to_string(target.join(".git/HEAD")).unwrap(),
            "ref: refs/heads/main\n"
        );
    }
    assert_eq!(
        entries_beside_output(&site),
        [
            "content",
            "output",
            "site.yaml",
            "static",
            "templates",
            "themes"
        ]
    );
    let mut beside: Vec<String> = fs::read_dir(deploy.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(beside, ["site"], "staging folders left beside the target");
}

#[test]
fn dot_entries_and_kept_names_are_carried_over() {
    let site = site_with_sources().file("site.yaml", "keep: [CNAME, downloads]\n");
    assert!(site.build().succeeded());
    let out = site.path().join("output");
    fs::write(out.join("CNAME"), "careers.example.org").unwrap();
    fs::create_dir_all(out.join("downloads")).unwrap();
    fs::write(out.join("downloads/big.zip"), "zip").unwrap();
    fs::write(out.join(".nojekyll"), "").unwrap();
    fs::write(out.join("stale.html"), "old").unwrap();
    for _ in 0..2 {
        assert!(site.build().succeeded());
        assert_eq!(site.output("CNAME"), "careers.example.org");
        assert_eq!(site.output("downloads/big.zip"), "zip");
        assert!(site.output_exists(".nojekyll"));
        assert!(!site.output_exists("stale.html"));
    }
}

#[test]
fn a_kept_name_the_build_writes_is_an_error_at_its_line() {
    let site = site_with_sources().file("site.yaml", "title: X\nkeep:\n  - CNAME\n  - static\n");
    let report = site.build();
    assert!(!report.succeeded());
    let d = find(&report.diagnostics, "`static`");
    assert_eq!(location(d), "site.yaml:4:5", "at the value, after the dash");
    assert!(d.message.contains("the build writes `static/"), "{d}");
}
