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
    let d = find(&problems, "the `[` here is never closed with `]`");
    assert_eq!(location(d), "content/techs.md:3:6");
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

// ------------------------------------------- every problem, at its line

/// The editor's trial from issue 14: four mistakes, four errors.
#[test]
fn four_mistakes_give_four_errors_at_their_own_lines() {
    let front = "title: Techs
soc: \"29-2071\"
eduction: associate
reviewed: 2/24/19
outlook:
  areas:
    - area: Washington
      employment: 62,000
      growth: 12 %
";
    let problems = profile(front).problems();
    let errors: Vec<_> = problems.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 4, "{}", show(&problems));
    let at = |text: &str| {
        let d = find(&problems, text);
        (location(d), d.hint.clone().unwrap_or_default())
    };
    assert_eq!(
        at("unknown key `eduction`"),
        (
            "content/techs.md:4:1".into(),
            "did you mean `education`?".into()
        )
    );
    assert_eq!(
        at("`2/24/19` is not a date"),
        (
            "content/techs.md:5:11".into(),
            "did you mean 2019-02-24?".into()
        )
    );
    assert_eq!(
        at("`employment` should be a number, not `62,000`"),
        ("content/techs.md:9:19".into(), "write 62000".into())
    );
    assert_eq!(
        at("`growth` should be a number, not `12 %`"),
        ("content/techs.md:10:15".into(), "write 12".into())
    );
}

#[test]
fn hints_come_from_what_was_written() {
    let front = "title: Techs
soc: \"29-2071\"
reviewed: 3/5/21
wages:
  areas:
    - area: Washington
      hourly:
        - 10
        - $45,000
        - 12
        - 13
        - 14
outlook:
  areas:
    - area: Washington
      growth: 9,5
";
    let problems = profile(front).problems();
    assert_eq!(
        find(&problems, "`3/5/21` is not a date").hint.as_deref(),
        Some("did you mean 2021-03-05?")
    );
    let wage = find(&problems, "`$45,000` is not a wage figure");
    assert_eq!(location(wage), "content/techs.md:10:11");
    assert_eq!(wage.hint.as_deref(), Some("write 45000"));
    assert_eq!(
        find(&problems, "not `9,5`").hint.as_deref(),
        Some("write 9.5")
    );
}

#[test]
fn figures_are_quoted_as_written() {
    let front = format!(
        "{BASE}wages:\n  areas:\n    - area: Washington\n      hourly: [12.00, 49.10, 48.20, 50.00, 51.00]\n    - area: United States\n      hourly: [12.00, 13.00, 14.00, 15.00, 16.00]\n      yearly: [24960, 27040, 29120, 31200, 40000.50]\n"
    );
    let problems = profile(&front).problems();
    find(
        &problems,
        "the median (48.20) is lower than the 25th percentile (49.10)",
    );
    find(
        &problems,
        "in the United States, the yearly 90th percentile (40000.50) differs by more than 1%",
    );
}

#[test]
fn a_short_row_is_an_hourly_row_with_an_article() {
    let front =
        format!("{BASE}wages:\n  areas:\n    - area: United States\n      hourly: [1, 2, 3, 4]\n");
    let problems = profile(&front).problems();
    find(
        &problems,
        "an `hourly` row has 4 entries; it needs exactly 5",
    );
    let front = format!(
        "{BASE}wages:\n  areas:\n    - area: United States\n      monthly: [1, 2, 3, 4, 5]\n"
    );
    find(
        &profile(&front).problems(),
        "the wages for the United States need an `hourly` or a `yearly` row",
    );
}

#[test]
fn a_missing_space_after_a_colon_is_reported_at_its_line() {
    let front = "title: Techs
soc: \"29-2071\"
summary: Keep records.
also_called: [Coders]
holland: CIE
job_zone: 3
education: associate
cluster:Health Science
";
    let problems = profile(front).problems();
    assert_eq!(problems.len(), 1, "{}", show(&problems));
    let d = &problems[0];
    assert_eq!(d.position.map(|p| p.line), Some(9), "{d}");
    assert_eq!(
        d.hint.as_deref(),
        Some("add a space after the colon: `cluster: Health Science`")
    );
}

#[test]
fn bad_indentation_is_reported_at_its_line() {
    let front = "title: Techs
soc: \"29-2071\"
wages:
  source: BLS
   as_of: \"2019\"
  areas: []
";
    let problems = profile(front).problems();
    let d = find(
        &problems,
        "`as_of:` is indented more than `source:` above it",
    );
    assert_eq!(location(d), "content/techs.md:6:4");
    let front = "title: Techs
soc: \"29-2071\"
wages:
  source: BLS
 as_of: \"2019\"
";
    let d = find(&profile(front).problems(), "indented less").clone();
    assert_eq!(d.position.map(|p| p.line), Some(6), "{d}");
}

#[test]
fn an_unclosed_front_matter_is_named_whatever_follows() {
    let body_with_rule =
        "---\ntitle: Techs\nsoc: \"29-2071\"\n\n## Duties\n\nKeep records.\n\n---\n\nMore.\n";
    let prose_with_colon = "---\ntitle: Techs\n\n## Duties\n\nNote: records are kept for years.\n";
    let list = "---\ntitle: Techs\n\n- keep records\n- code them\n---\n";
    let nothing_after = "---\ntitle: Techs\n\nBody\n";
    for (text, line) in [
        (body_with_rule, Some(5)),
        (prose_with_colon, Some(4)),
        (list, Some(4)),
        (nothing_after, None),
    ] {
        let problems = TestSite::new().file("content/techs.md", text).problems();
        assert_eq!(problems.len(), 1, "{text}\n{}", show(&problems));
        let d = &problems[0];
        assert_eq!(
            d.message, "the front matter starting at line 1 is never closed with `---`",
            "{text}"
        );
        assert_eq!(location(d), "content/techs.md:1:1");
        if let Some(line) = line {
            assert!(
                d.hint
                    .as_deref()
                    .unwrap_or("")
                    .contains(&format!("before line {line}")),
                "{d}"
            );
        }
    }
}

#[test]
fn duplicate_keys_name_both_lines() {
    let problems = profile(&format!(
        "{BASE}summary: a\nextra:\n  x: 1\n  x: 2\nsummary: b\n"
    ))
    .problems();
    let errors: Vec<_> = problems
        .iter()
        .filter(|d| d.message.starts_with("duplicate key"))
        .collect();
    assert_eq!(errors.len(), 2, "{}", show(&problems));
    assert_eq!(location(errors[0]), "content/techs.md:7:3");
    assert_eq!(
        errors[0].hint.as_deref(),
        Some("keep one of the two: the other is on line 6")
    );
    assert_eq!(location(errors[1]), "content/techs.md:8:1");
}

/// Issue 13: keys given twice are found with a hash set, so four times the
/// keys under `extra` take about four times as long, never sixteen.
#[test]
fn duplicate_keys_are_found_in_linear_time() {
    let site_for = |keys: usize| {
        let mut extra = String::with_capacity(keys * 16);
        for i in 0..keys {
            extra.push_str(&format!("  key{i}: {i}\n"));
        }
        extra.push_str("  key7: again\n");
        let text = format!("---\ntitle: Big\nextra:\n{extra}---\n");
        careers::content::SourceFile {
            rel_path: "big.md".into(),
            display_path: "content/big.md".into(),
            text,
        }
    };
    let time = |keys: usize| {
        (0..5)
            .map(|_| {
                let file = site_for(keys);
                let start = std::time::Instant::now();
                let mut out = Vec::new();
                careers::content::parse(file, &mut out);
                let elapsed = start.elapsed();
                assert_eq!(out.len(), 1, "{}", show(&out));
                elapsed
            })
            .min()
            .unwrap()
    };
    let (small, large) = (time(25_000), time(100_000));
    eprintln!("duplicate keys under extra: 25,000 keys {small:?}, 100,000 keys {large:?}");
    assert!(
        large < small * 8,
        "25,000 keys: {small:?}; 100,000 keys: {large:?}"
    );
}

#[test]
fn an_area_no_other_profile_has_gets_the_nearest_site_area() {
    let with_area = |title: &str, soc: &str, area: &str| {
        format!("---\ntitle: {title}\nsoc: \"{soc}\"\noutlook:\n  areas:\n    - area: {area}\n      growth: 1.0\n---\n")
    };
    let site = TestSite::new()
        .file("content/a.md", &with_area("A", "29-2071", "Washington"))
        .file("content/b.md", &with_area("B", "29-2072", "Washington"))
        .file(
            "content/c.md",
            &with_area("C", "29-2073", "Washingtn\n    - area: Walla Walla"),
        );
    let problems = site.problems();
    let d = find(
        &problems,
        "the area `Washingtn` appears in no other profile",
    );
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(location(d), "content/c.md:6:13");
    assert_eq!(d.hint.as_deref(), Some("did you mean `Washington`?"));
    // An area only one profile has, and no typo of another: no question.
    assert!(
        !problems.iter().any(|d| d.message.contains("Walla Walla")),
        "{}",
        show(&problems)
    );
}

#[test]
fn a_primary_area_no_profile_has_gets_the_nearest_area() {
    let site = TestSite::new()
        .file("site.yaml", "title: X\nprimary_area: Washingtn\n")
        .file("content/a.md", VALID_PROFILE);
    let problems = site.problems();
    let d = find(
        &problems,
        "`primary_area: Washingtn` is an area of no profile",
    );
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(location(d), "site.yaml:2:15");
    assert_eq!(d.hint.as_deref(), Some("did you mean `Washington`?"));
}
