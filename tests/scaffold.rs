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
    // A new profile is a draft: left out until the editor says it is ready.
    assert!(text.contains("\ndraft: true "), "{text}");
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    assert!(!site.output_exists("medical-coders/index.html"));
    let report = site.build_with(|o| o.include_drafts = true);
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
fn check_warns_about_placeholder_text_left_by_new() {
    let site = TestSite::new();
    site.run(&["new", "medical-coders", "--soc", "29-2072"])
        .code(0);
    let path = site.path().join("content/medical-coders.md");
    let text = std::fs::read_to_string(&path).unwrap();
    // Published without writing the profile: every placeholder is reported.
    let text = text.replace("\ndraft: true ", "\n# draft: true ");
    std::fs::write(&path, &text).unwrap();
    let report = check_site(site.path());
    let placeholders: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.message == "this is placeholder text that `careers new` wrote")
        .collect();
    assert_eq!(placeholders.len(), 6, "{}", show(&report.diagnostics));
    assert_eq!(location(placeholders[0]), "content/medical-coders.md:6:1");
    assert!(placeholders.iter().all(|d| !d.is_error()));
    // Once the text is written, nothing is reported.
    let written: String = text
        .lines()
        .filter(|l| !l.starts_with("#hint:"))
        .map(|l| match l.starts_with("summary:") {
            true => "summary: Code medical records.\n".to_string(),
            false => format!("{l}\n"),
        })
        .collect();
    std::fs::write(&path, written).unwrap();
    let report = check_site(site.path());
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("placeholder")),
        "{}",
        show(&report.diagnostics)
    );
}

fn check_site(root: &std::path::Path) -> careers::check::CheckReport {
    careers::check::check(&careers::check::CheckOptions {
        root: root.to_path_buf(),
        include_drafts: false,
        external: false,
        limits: careers::check::external::Limits::default(),
        today: jiff::civil::date(2026, 11, 22),
    })
    .unwrap()
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
    let checked = check_site(&target);
    assert!(
        checked.diagnostics.is_empty() && checked.notes.is_empty(),
        "careers check reports nothing on a new site:\n{}",
        show(&checked.diagnostics)
    );
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

#[test]
fn init_writes_editor_settings_for_front_matter_cms_and_vs_code() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new-site");
    let written = careers::scaffold::init(&target).unwrap();
    for which in careers::schema::Which::ALL {
        let path = target.join("schemas").join(which.file_name());
        assert!(written.contains(&path), "{written:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), which.text());
    }
    // VS Code's YAML extension finds the schema of site.yaml.
    let settings: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(target.join(".vscode/settings.json")).unwrap(),
    )
    .unwrap();
    let schemas = settings["yaml.schemas"].as_object().unwrap();
    assert_eq!(schemas.len(), 1);
    for (file, globs) in schemas {
        assert!(target.join(file).is_file(), "{file}");
        assert_eq!(globs, &serde_json::json!(["site.yaml"]));
    }
    // Front Matter CMS: content/ as "Profiles", every key a typed field.
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(target.join("frontmatter.json")).unwrap())
            .unwrap();
    assert_eq!(
        config["frontMatter.content.pageFolders"][0]["title"],
        "Profiles"
    );
    let fields = config["frontMatter.taxonomy.contentTypes"][0]["fields"]
        .as_array()
        .unwrap();
    let schema = careers::schema::Which::FrontMatter.schema();
    for key in schema["properties"].as_object().unwrap().keys() {
        let field = fields.iter().find(|f| f["name"] == *key);
        let field = field.unwrap_or_else(|| panic!("{key} is a field"));
        assert!(field["type"].is_string(), "{field}");
    }
    // None of these files is content: the site still checks cleanly.
    let checked = check_site(&target);
    assert!(
        checked.diagnostics.is_empty(),
        "{}",
        show(&checked.diagnostics)
    );
}
