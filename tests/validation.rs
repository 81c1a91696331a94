//! One fixture per content-model rule: each bad input gives one clear error
//! at `file:line:column` with a hint, and good input builds.

mod common;

use careers::diagnostics::Severity;
use common::*;

/// A site with one profile whose front matter is `front` (without fences).
fn profile(front: &str) -> TestSite {
    TestSite::new().file("content/techs.md", &format!("---\n{front}---\nBody.\n"))
}

const BASE: &str = "title: Techs\nsoc: \"29-2071\"\n";

#[test]
fn soc_code_format_with_a_suggestion() {
    let problems = profile("title: Techs\nsoc: \"292071\"\n").problems();
    let d = find(&problems, "not a SOC code");
    assert_eq!(location(d), "content/techs.md:3:6");
    assert_eq!(d.hint.as_deref(), Some("did you mean `29-2071`?"));
}

#[test]
fn soc_major_group_must_exist() {
    let problems = profile("title: Techs\nsoc: \"28-2071\"\n").problems();
    let d = find(&problems, "no SOC major group 28");
    assert_eq!(location(d), "content/techs.md:3:6");
}

#[test]
fn soc_version_is_2010_or_2018() {
    let problems = profile(&format!("{BASE}soc_version: 2000\n")).problems();
    assert_eq!(
        location(find(&problems, "no SOC version 2000")),
        "content/techs.md:4:14"
    );
}

#[test]
fn onet_code_format() {
    let problems = profile(&format!("{BASE}onet: [\"29-2071.00\", \"29-2071\"]\n")).problems();
    let d = find(&problems, "not an O*NET-SOC code");
    assert_eq!(location(d), "content/techs.md:4:22");
    assert_eq!(d.hint.as_deref(), Some("did you mean `29-2071.00`?"));
}

#[test]
fn wage_rows_have_five_entries() {
    let front =
        format!("{BASE}wages:\n  areas:\n    - area: Washington\n      hourly: [1, 2, 3, 4]\n");
    let problems = profile(&front).problems();
    let d = find(&problems, "has 4 entries; it needs exactly 5");
    assert_eq!(location(d), "content/techs.md:7:15");
}

#[test]
fn percentiles_never_decrease() {
    let front = format!("{BASE}wages:\n  areas:\n    - area: Washington\n      yearly: [30000, 35000, 34000, 50000, 60000]\n");
    let problems = profile(&front).problems();
    let d = find(
        &problems,
        "the median (34000) is lower than the 25th percentile (35000)",
    );
    assert_eq!(location(d), "content/techs.md:7:30");
}

#[test]
fn hourly_and_yearly_that_disagree_give_a_warning_only() {
    let front = format!(
        "{BASE}wages:\n  areas:\n    - area: Washington\n      hourly: [10, 11, 12, 13, 14]\n      yearly: [20800, 22880, 26000, 27040, 29120]\n"
    );
    let site = profile(&front);
    let report = site.build();
    let d = find(&report.diagnostics, "differs by more than 1%");
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(location(d), "content/techs.md:8:30");
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
}

#[test]
fn within_names_an_earlier_area() {
    let front = format!(
        "{BASE}wages:\n  areas:\n    - area: Washington\n      hourly: [1, 2, 3, 4, 5]\n    - area: King County\n      within: Washingtn\n      hourly: [1, 2, 3, 4, 5]\n"
    );
    let problems = profile(&front).problems();
    let d = find(
        &problems,
        "`within: Washingtn` names no area listed earlier",
    );
    assert_eq!(location(d), "content/techs.md:9:15");
    assert_eq!(d.hint.as_deref(), Some("did you mean `Washington`?"));
}

#[test]
fn within_cannot_name_a_later_area() {
    let front = format!(
        "{BASE}outlook:\n  areas:\n    - area: King County\n      within: Washington\n    - area: Washington\n"
    );
    let problems = profile(&front).problems();
    find(
        &problems,
        "`within: Washington` names no area listed earlier",
    );
}

#[test]
fn an_area_needs_hourly_or_yearly() {
    let front =
        format!("{BASE}wages:\n  areas:\n    - area: Washington\n      monthly: [1, 2, 3, 4, 5]\n");
    let problems = profile(&front).problems();
    find(&problems, "need an `hourly` or a `yearly` row");
}

#[test]
fn job_zone_is_1_to_5() {
    let problems = profile(&format!("{BASE}job_zone: 7\n")).problems();
    assert_eq!(
        location(find(&problems, "no job zone 7")),
        "content/techs.md:4:11"
    );
}

#[test]
fn education_suggests_the_closest_level() {
    let problems = profile(&format!("{BASE}education: asociate\n")).problems();
    let d = find(&problems, "not an education level");
    assert_eq!(location(d), "content/techs.md:4:12");
    assert_eq!(d.hint.as_deref(), Some("did you mean `associate`?"));
}

#[test]
fn holland_letters_are_riasec() {
    let problems = profile(&format!("{BASE}holland: CXZ\n")).problems();
    assert_eq!(
        location(find(&problems, "not a Holland code")),
        "content/techs.md:4:10"
    );
}

#[test]
fn reviewed_is_a_date() {
    let problems = profile(&format!("{BASE}reviewed: 2019-02-30\n")).problems();
    find(&problems, "`2019-02-30` is not a date");
}

#[test]
fn unknown_keys_name_the_closest_known_key_at_every_level() {
    let front = format!("{BASE}sumary: x\nwages:\n  areas:\n    - area: Washington\n      huorly: [1, 2, 3, 4, 5]\n");
    let problems = profile(&front).problems();
    let top = find(&problems, "unknown key `sumary`");
    assert_eq!(location(top), "content/techs.md:4:1");
    assert_eq!(top.hint.as_deref(), Some("did you mean `summary`?"));
    let nested = find(&problems, "unknown key `huorly`");
    assert_eq!(location(nested), "content/techs.md:8:7");
    assert_eq!(nested.hint.as_deref(), Some("did you mean `hourly`?"));
}

#[test]
fn title_is_required() {
    let problems = profile("soc: \"29-2071\"\n").problems();
    find(&problems, "every page needs a `title`");
}

#[test]
fn front_matter_must_be_closed() {
    let site = TestSite::new().file("content/techs.md", "---\ntitle: Techs\n\nBody\n");
    let problems = site.problems();
    assert_eq!(
        location(find(&problems, "never closed")),
        "content/techs.md:1:1"
    );
}

#[test]
fn yaml_syntax_errors_are_located() {
    let problems = profile("title: Techs\nsoc: [\"29-2071\"\n").problems();
    let d = find(&problems, "front matter:");
    assert_eq!(d.file.to_str(), Some("content/techs.md"));
    assert!(d.position.unwrap().line >= 3, "{d}");
}

#[test]
fn wrong_types_are_located() {
    let problems = profile(&format!("{BASE}job_zone: three\n")).problems();
    let d = find(&problems, "job_zone");
    assert_eq!(d.position.unwrap().line, 4);
}

#[test]
fn related_careers_must_exist() {
    let site = profile(&format!("{BASE}related: [medical-coders, techs]\n")).file(
        "content/medical-coder.md",
        "---\ntitle: Coders\nsoc: \"29-2072\"\n---\n",
    );
    let problems = site.problems();
    let d = find(
        &problems,
        "related career `medical-coders` is not a profile",
    );
    assert_eq!(location(d), "content/techs.md:4:11");
    assert_eq!(d.hint.as_deref(), Some("did you mean `medical-coder`?"));
}

#[test]
fn links_to_content_files_must_resolve() {
    let site = TestSite::new()
        .file(
            "content/techs.md",
            "---\ntitle: Techs\n---\n#note\nSee [coders](coders.md).\n",
        )
        .file("content/coder.md", "---\ntitle: Coders\n---\n");
    let problems = site.problems();
    let d = find(&problems, "the link to `coders.md` leads to no page");
    assert_eq!(location(d), "content/techs.md:5:5");
    assert_eq!(d.hint.as_deref(), Some("did you mean `coder.md`?"));
}

#[test]
fn two_files_cannot_share_a_url() {
    let site = TestSite::new()
        .file("content/a.md", "---\ntitle: A\nslug: b\n---\n")
        .file("content/b.md", "---\ntitle: B\n---\n");
    let problems = site.problems();
    let d = find(&problems, "would be published at /b/");
    assert!(d.file.ends_with("b.md"), "{d}");
}

#[test]
fn a_slug_must_be_a_url_part() {
    let problems = profile(&format!("{BASE}slug: my page\n")).problems();
    let d = find(&problems, "cannot be part of a URL");
    assert_eq!(
        d.hint.as_deref(),
        Some("use letters, digits and hyphens, such as `my-page`")
    );
}

#[test]
fn profile_keys_on_a_plain_page_are_not_dropped_silently() {
    let problems = TestSite::new()
        .file(
            "content/about.md",
            "---\ntitle: About\ncluster: Health\n---\n",
        )
        .problems();
    let d = find(&problems, "`cluster` is used only on occupation profiles");
    assert_eq!(d.severity, Severity::Warning);
}

#[test]
fn site_yaml_unknown_keys() {
    let site = TestSite::new().file("site.yaml", "title: X\nprimary_aera: Washington\n");
    let problems = site.problems();
    let d = find(&problems, "unknown key `primary_aera`");
    assert_eq!(location(d), "site.yaml:2:1");
}

#[test]
fn invalid_utf8_names_the_line() {
    let site = TestSite::new();
    std::fs::write(
        site.path().join("content/bad.md"),
        b"---\ntitle: A\n---\nok\nbad \xff here\n",
    )
    .unwrap();
    let problems = site.problems();
    let d = find(&problems, "not valid UTF-8");
    assert_eq!(location(d), "content/bad.md:5:5");
}

#[test]
fn every_problem_of_a_run_is_reported() {
    let site = profile("title: Techs\nsoc: \"2-2\"\njob_zone: 9\neducation: phd\n").file(
        "content/other.md",
        "---\ntitle: Other\nsoc: \"29-2071\"\nholland: Q\n---\n",
    );
    let problems = site.problems();
    assert_eq!(
        problems.iter().filter(|d| d.is_error()).count(),
        4,
        "{}",
        show(&problems)
    );
}

#[test]
fn a_valid_profile_builds_cleanly() {
    let site = TestSite::new().file("content/techs.md", VALID_PROFILE);
    let report = site.build();
    assert!(
        report.diagnostics.is_empty(),
        "{}",
        show(&report.diagnostics)
    );
    assert!(site.output_exists("techs/index.html"));
}
