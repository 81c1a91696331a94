//! `careers schema`: the JSON Schemas of the front matter and of
//! `site.yaml`, checked with a real validator (the `jsonschema` crate)
//! against the build. Every sample and generated profile is valid; and for
//! every rule the schema states, a value the build rejects is rejected by
//! the schema too (the build, reading one file, is the oracle).

mod common;

use std::path::PathBuf;

use careers::content::{self, SourceFile};
use careers::schema::Which;
use common::*;
use proptest::prelude::*;
use serde_json::Value;

fn validator(which: Which) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&which.schema())
        .expect("the schema compiles")
}

/// The front matter of a Markdown file as the JSON a schema checks
/// (YAML 1.2, as editors' YAML services read it).
fn front_matter_json(markdown: &str) -> Value {
    let rest = markdown
        .trim_start_matches('\u{feff}')
        .strip_prefix("---\n")
        .expect("front matter");
    let end = rest.find("\n---").expect("closed front matter");
    let yaml = rest.get(..end + 1).unwrap();
    serde_yaml::from_str(yaml).expect("YAML")
}

/// The build's errors for one file (the parse stage: every rule that needs
/// no other file).
fn build_errors(markdown: &str) -> Vec<String> {
    let file = SourceFile {
        rel_path: "test.md".into(),
        display_path: PathBuf::from("content/test.md"),
        text: markdown.to_string(),
    };
    let mut problems = Vec::new();
    content::parse(file, &mut problems);
    problems
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect()
}

fn schema_errors(validator: &jsonschema::Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn both_schemas_are_valid_draft_7_schemas_with_descriptions() {
    for which in Which::ALL {
        let schema = which.schema();
        assert!(jsonschema::meta::is_valid(&schema), "{}", which.file_name());
        assert_eq!(
            schema["$schema"],
            "http://json-schema.org/draft-07/schema#",
            "{}",
            which.file_name()
        );
        let properties = schema["properties"].as_object().unwrap();
        for (key, value) in properties {
            let described = careers::schema::description(&schema, value);
            assert!(
                described.is_some_and(|d| !d.is_empty()),
                "{key} in {} has no description",
                which.file_name()
            );
        }
    }
    let front = Which::FrontMatter.schema();
    let education = &front["properties"]["education"];
    assert_eq!(education["enum"].as_array().unwrap().len(), 8);
    assert_eq!(front["properties"]["job_zone"]["maximum"], 5);
    assert!(front["properties"]["soc"]["pattern"].is_string());
    assert!(front["properties"]["soc"]["examples"].is_array());
}

#[test]
fn every_sample_profile_and_page_is_valid() {
    let validator = validator(Which::FrontMatter);
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(PathBuf::from(REPO).join("content")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        // A translation (`NAME.es.md`) holds only a page's words and its
        // `source_hash`; the front-matter schema describes a source page.
        if entry.path().to_string_lossy().ends_with(".es.md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let value = front_matter_json(&text);
        let errors = schema_errors(&validator, &value);
        assert!(errors.is_empty(), "{}: {errors:#?}", entry.path().display());
        checked += 1;
    }
    assert!(checked >= 4);
}

#[test]
fn every_generated_profile_is_valid() {
    let validator = validator(Which::FrontMatter);
    for seed in [1, 7] {
        for profile in careers_corpus::profiles(300, seed) {
            let text = profile.markdown(careers_corpus::Flavor::Careers);
            assert!(build_errors(&text).is_empty(), "{text}");
            let errors = schema_errors(&validator, &front_matter_json(&text));
            assert!(errors.is_empty(), "{text}\n{errors:#?}");
        }
    }
}

#[test]
fn sample_and_scaffold_site_yaml_are_valid() {
    let validator = validator(Which::Site);
    let site = TestSite::new();
    let dir = site.path().join("new-site");
    careers::scaffold::init(&dir).unwrap();
    for path in [PathBuf::from(REPO).join("site.yaml"), dir.join("site.yaml")] {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let value: Value = serde_yaml::from_str(&text).unwrap();
        let errors = schema_errors(&validator, &value);
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
    // And the pages `careers init` writes.
    let front = self::validator(Which::FrontMatter);
    for entry in std::fs::read_dir(dir.join("content")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let errors = schema_errors(&front, &front_matter_json(&text));
        assert!(errors.is_empty(), "{text}\n{errors:#?}");
    }
}

/// `VALID_PROFILE` with `key: value` in place of its own entry for `key`
/// (the line and the indented lines under it), or added before the
/// closing `---`.
fn with_key(key: &str, value: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut replaced = false;
    let mut skipping = false;
    for line in VALID_PROFILE.lines() {
        if skipping && line.starts_with(' ') {
            continue;
        }
        skipping = false;
        if line.starts_with(&format!("{key}:")) {
            lines.push(format!("{key}: {value}"));
            replaced = true;
            skipping = true;
            continue;
        }
        if line == "---" && lines.len() > 1 && !replaced {
            lines.push(format!("{key}: {value}"));
            replaced = true;
        }
        lines.push(line.to_string());
    }
    lines.join("\n") + "\n"
}

/// The oracle: when the build rejects the file, the schema rejects its
/// front matter too. Returns whether the build accepted it, for the
/// counts of the tests.
fn assert_schema_rejects_what_the_build_rejects(
    validator: &jsonschema::Validator,
    text: &str,
) -> bool {
    let build = build_errors(text);
    let Ok(value) = serde_yaml::from_str::<Value>(
        text.strip_prefix("---\n")
            .and_then(|t| t.split_once("\n---\n"))
            .map(|(yaml, _)| yaml)
            .unwrap(),
    ) else {
        // Not YAML at all: nothing for a schema to check (the build says so).
        assert!(!build.is_empty(), "{text}");
        return false;
    };
    let schema = schema_errors(validator, &value);
    if !build.is_empty() {
        assert!(
            !schema.is_empty(),
            "the build rejects this, the schema does not:\n{text}\n{build:#?}"
        );
    }
    build.is_empty()
}

#[test]
fn the_base_profile_is_valid_for_both() {
    let validator = validator(Which::FrontMatter);
    assert!(build_errors(VALID_PROFILE).is_empty());
    assert!(schema_errors(&validator, &front_matter_json(VALID_PROFILE)).is_empty());
}

/// A table of values the build rejects, one per rule the schema states,
/// each with a value it accepts beside it.
#[test]
fn each_rule_rejects_what_the_build_rejects() {
    let validator = validator(Which::FrontMatter);
    let cases: &[(&str, &str, &str)] = &[
        ("soc", "\"29-2071\"", "\"292071\""),
        ("soc", "\"11-1011\"", "\"12-1011\""),
        ("soc", "\"55-1011\"", "\"57-1011\""),
        ("soc", "\"53-1011\"", "\"29-207\""),
        ("soc_version", "2010", "2000"),
        ("education", "bachelor", "asociate"),
        ("education", "high-school", "High School"),
        ("job_zone", "5", "6"),
        ("job_zone", "1", "0"),
        ("holland", "CIE", "CIEA"),
        ("holland", "cie", "CIC"),
        ("holland", "R", "X"),
        ("holland", "Ri", "rR"),
        ("onet", "[\"29-2071.00\"]", "[\"29-2071\"]"),
        ("onet", "[\"29-2071.01\"]", "[\"29-2071.0a\"]"),
        ("reviewed", "2019-02-24", "2/24/19"),
        ("reviewed", "2020-02-29", "2019-02-30"),
        ("slug", "nurses", "a b"),
        ("title", "Nurses", "\" \""),
        ("titel", "", "Nurses"),
        (
            "wages",
            "{areas: [{area: US, hourly: [1, 2, 3, 4, 5]}]}",
            "{areas: [{area: US, hourly: [1, 2, 3, 4]}]}",
        ),
        (
            "wages",
            "{areas: [{area: US, yearly: [1, 2, null, \">=4\", 5]}]}",
            "{areas: [{area: US, monthly: [1, 2, 3, 4, 5]}]}",
        ),
        (
            "wages",
            "{areas: [{area: US, hourly: [1, 2, 3, 4, 5]}]}",
            "{areas: [{area: \" \", hourly: [1, 2, 3, 4, 5]}]}",
        ),
        (
            "wages",
            "{areas: [{area: US, hourly: [1, 2, 3, 4, 5]}]}",
            "{areas: [{area: US, hourly: [1, 2, lots, 4, 5]}]}",
        ),
        ("wages", "{source: x, areas: []}", "{sorce: x, areas: []}"),
        (
            "outlook",
            "{areas: [{area: US, employment: 10, openings: 1}]}",
            "{areas: [{area: US, employment: -10}]}",
        ),
        (
            "outlook",
            "{areas: [{area: US, growth: -1.5}]}",
            "{areas: [{area: US, openings: -1}]}",
        ),
        (
            "outlook",
            "{areas: [{area: US, growth: 2}]}",
            "{areas: [{area: US, growth: \"12 %\"}]}",
        ),
    ];
    for (key, good, bad) in cases {
        if !good.is_empty() {
            let text = with_key(key, good);
            assert!(
                assert_schema_rejects_what_the_build_rejects(&validator, &text),
                "the build rejects the good value of {key}: {good}"
            );
            let value = front_matter_json(&text);
            let errors = schema_errors(&validator, &value);
            assert!(errors.is_empty(), "{key}: {good}: {errors:#?}");
        }
        let text = with_key(key, bad);
        assert!(
            !assert_schema_rejects_what_the_build_rejects(&validator, &text),
            "the build accepts the bad value of {key}: {bad}"
        );
    }
}

/// Slugs the build refuses only once it knows every output (a hidden
/// folder, a name it writes itself): the oracle is a whole build.
#[test]
fn reserved_slugs_are_rejected_like_the_build_does() {
    let validator = validator(Which::FrontMatter);
    for (slug, valid) in [
        ("nurses_2.x", true),
        ("nurses~1", true),
        (".hidden", false),
        ("index.html", false),
        ("Robots.TXT", false),
        ("sitemap.xml", false),
    ] {
        let text = with_key("slug", slug);
        let site = TestSite::new().file("content/test.md", &text);
        let report = site.build();
        assert_eq!(
            report.succeeded(),
            valid,
            "{slug}: {}",
            show(&report.diagnostics)
        );
        let schema_ok = validator.is_valid(&front_matter_json(&text));
        assert_eq!(schema_ok, valid, "{slug}");
    }
}

/// Text values made of the characters that matter to the rules: digits,
/// hyphens, dots, RIASEC letters in both cases, spaces, other letters.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,3}-[0-9]{2,5}",
        "[0-9]{2}-[0-9]{4}(\\.[0-9a]{1,3})?",
        "[RIASECriasecXx]{0,4}",
        "[a-z0-9._~ -]{0,8}",
        "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}",
        "[A-Za-z.]{1,12}",
        "(none|high-school|associate|bachelor|master|doctoral|Bachelor|asociate)",
    ]
}

/// Numbers, in and out of the ranges the rules allow.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        (-3i64..8).prop_map(|n| n.to_string()),
        (2005i64..2020).prop_map(|n| n.to_string()),
        (-100.0f64..100.0).prop_map(|n| format!("{n:.1}")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any generated value of any key the schema has a rule for: when the
    /// build rejects the file, so does the schema.
    #[test]
    fn generated_values_rejected_by_the_build_are_rejected_by_the_schema(
        key in prop::sample::select(vec![
            "soc", "soc_version", "holland", "job_zone", "education", "onet",
            "reviewed", "slug", "title",
        ]),
        text in scalar(),
        figure in number(),
        quoted in any::<bool>(),
        as_number in any::<bool>(),
    ) {
        let validator = validator(Which::FrontMatter);
        let value = match (key, as_number) {
            ("job_zone" | "soc_version", true) => figure,
            _ if quoted => serde_json::to_string(&text).unwrap(),
            _ => text.clone(),
        };
        let value = match key {
            "onet" => format!("[{value}]"),
            _ => value,
        };
        assert_schema_rejects_what_the_build_rejects(&validator, &with_key(key, &value));
    }

    /// Wage rows of any length, with figures, nulls, top-coded and broken
    /// entries. Figures rise along the row: that percentiles never
    /// decrease is a rule across values, which a schema does not state.
    #[test]
    fn generated_wage_rows_rejected_by_the_build_are_rejected_by_the_schema(
        kinds in prop::collection::vec(0u8..5, 0..8),
        period in prop::sample::select(vec!["hourly", "monthly", "yearly"]),
        area in prop::sample::select(vec!["US", "\" \"", "\"\""]),
    ) {
        let validator = validator(Which::FrontMatter);
        let entries: Vec<String> = kinds
            .iter()
            .enumerate()
            .map(|(i, kind)| {
                let figure = 10 * (i + 1);
                match kind {
                    0 => figure.to_string(),
                    1 => "null".to_string(),
                    2 => format!("\">={figure}.00\""),
                    3 => "\">= lots\"".to_string(),
                    _ => format!("\"{figure} %\""),
                }
            })
            .collect();
        let row = format!("[{}]", entries.join(", "));
        let value = format!("{{areas: [{{area: {area}, {period}: {row}}}]}}");
        assert_schema_rejects_what_the_build_rejects(&validator, &with_key("wages", &value));
    }
}

#[test]
fn site_schema_rejects_what_the_build_rejects() {
    let validator = validator(Which::Site);
    let cases = [
        ("title: X\nprimary_area: Washington\n", true),
        ("title: X\nprimary_aera: Washington\n", false),
        ("keep: [CNAME, .well-known]\n", true),
        ("keep: [../up]\n", false),
        ("keep: [a/b]\n", false),
        ("keep: [\"\"]\n", false),
        ("raw_html: false\nreview_after_months: 12\n", true),
        ("review_after_months: -1\n", false),
    ];
    for (text, valid) in cases {
        let (_, problems) = careers::config::parse(text, "site.yaml".into());
        let build_ok = !problems.iter().any(|d| d.is_error());
        assert_eq!(build_ok, valid, "{text}: {problems:?}");
        let value: Value = serde_yaml::from_str(text).unwrap();
        let schema_ok = validator.is_valid(&value);
        assert_eq!(schema_ok, valid, "{text}");
    }
}

#[test]
fn the_command_prints_and_writes_the_schemas_and_never_overwrites_a_foreign_file() {
    let site = TestSite::new();
    let printed = site.run(&["schema"]).code(0).stdout;
    let value: Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(value, Which::FrontMatter.schema());
    let printed = site.run(&["schema", "site"]).code(0).stdout;
    let value: Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(value, Which::Site.schema());

    site.run(&["schema", "--output", "schemas"]).code(0);
    for which in Which::ALL {
        let text =
            std::fs::read_to_string(site.path().join("schemas").join(which.file_name())).unwrap();
        assert_eq!(text, which.text());
    }
    // Its own files are refreshed; a file it did not write is kept.
    site.run(&["schema", "--output", "schemas"]).code(0);
    site.write("other/site.schema.json", "{\"mine\": true}");
    site.run(&["schema", "--output", "other"])
        .code(2)
        .stderr_has("never overwrites");
    assert_eq!(
        std::fs::read_to_string(site.path().join("other/site.schema.json")).unwrap(),
        "{\"mine\": true}"
    );
}
