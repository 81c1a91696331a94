//! `careers import`: OEWS wages, employment projections and O*NET drafts,
//! run through the binary on copies of the sample site with the sample
//! files in `tests/fixtures/import/` (real layouts, the seed's figures for
//! 29-2071). The main test imports them into the hand-written profile and
//! checks that its wage and outlook tables come out as written, and that
//! nothing outside the two replaced blocks changed by a single byte.

mod common;

use std::fs;

use careers::content::model::{Amount, Profile};
use careers::content::{self, SourceFile};
use common::*;

const PROFILE: &str = "content/health-information-technicians.md";
const ESD_WAGES: &str = "Employment Security Department, OEWS";
const ESD_OUTLOOK: &str = "Employment Security Department; BLS Employment Projections";

fn fixture(rel: &str) -> String {
    format!("{REPO}/tests/fixtures/import/{rel}")
}

fn oews_files() -> Vec<String> {
    [
        "national_M2018_dl.xlsx",
        "state_M2018_dl.xlsx",
        "MSA_M2018_dl.csv",
    ]
    .iter()
    .map(|f| fixture(&format!("oews/{f}")))
    .collect()
}

fn import_oews(site: &TestSite, extra: &[&str]) -> Run {
    let files = oews_files();
    let mut args = vec!["import", "oews"];
    args.extend(files.iter().map(String::as_str));
    args.extend(extra);
    site.run(&args)
}

fn import_projections(site: &TestSite, national: &str, extra: &[&str]) -> Run {
    let national = fixture(&format!("projections/{national}"));
    let state = fixture("projections/wa-long-term-projections.csv");
    let mut args = vec!["import", "projections", national.as_str(), state.as_str()];
    args.extend(extra);
    site.run(&args)
}

fn read(site: &TestSite, rel: &str) -> String {
    fs::read_to_string(site.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The profile a file parses to, with no errors.
fn parsed(text: &str) -> Profile {
    let mut problems = Vec::new();
    let file = SourceFile {
        rel_path: "x.md".into(),
        display_path: "content/x.md".into(),
        text: text.into(),
    };
    let page = content::parse(file, &mut problems).expect("the file parses");
    let errors: Vec<_> = problems.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    page.meta.profile.expect("a profile")
}

/// The file with its `wages` and `outlook` blocks cut out of the front matter.
fn without_tables(text: &str) -> String {
    let start = text.find("---\n").unwrap() + 4;
    let end = start + text[start..].find("\n---\n").unwrap() + 1;
    let yaml = &text[start..end];
    let mut spans: Vec<_> = ["wages", "outlook"]
        .iter()
        .filter_map(|key| careers::yaml::top_level_block(yaml, key))
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.start));
    let mut yaml = yaml.to_string();
    for span in spans {
        yaml.replace_range(span, "");
    }
    format!("{}{yaml}{}", &text[..start], &text[end..])
}

fn value(amount: Amount) -> f64 {
    amount.value().expect("a published figure")
}

#[test]
fn importing_the_seed_files_reproduces_the_hand_written_tables() {
    let site = TestSite::sample();
    let original = read(&site, PROFILE);
    let areas = fixture("oews-areas.yaml");
    import_oews(&site, &["--areas", &areas, "--source", ESD_WAGES])
        .code(0)
        .stderr_has("Updated 1 profile:\n  content/health-information-technicians.md");
    import_projections(&site, "occupation.xlsx", &["--source", ESD_OUTLOOK])
        .code(0)
        .stderr_has("Updated 1 profile:");
    let imported = read(&site, PROFILE);

    // Nothing outside the two blocks changed, byte for byte.
    assert_eq!(without_tables(&imported), without_tables(&original));

    let (before, after) = (parsed(&original), parsed(&imported));
    let (written, wages) = (before.wages.unwrap(), after.wages.unwrap());
    assert_eq!(wages.source.as_deref(), Some(ESD_WAGES));
    assert_eq!(wages.as_of.as_deref(), Some("May 2018"));
    assert_eq!(wages.areas.len(), 15);
    let mut monthly_differences = 0;
    for (w, i) in written.areas.iter().zip(&wages.areas) {
        assert_eq!((&i.area, &i.within, i.depth), (&w.area, &w.within, w.depth));
        // Hourly and yearly figures are exactly the seed's, as given figures.
        assert_eq!(i.hourly, w.hourly, "{}", w.area);
        assert_eq!(i.yearly, w.yearly, "{}", w.area);
        // Monthly figures are derived from the yearly ones (yearly ÷ 12); the
        // seed's were hourly × 173.3, so some differ by a few dollars.
        for p in 0..5 {
            assert!(i.monthly[p].derived && !w.monthly[p].derived);
            let derived = value(i.monthly[p].amount());
            assert_eq!(derived, (value(i.yearly[p].amount()) / 12.0).round());
            let difference = (derived - value(w.monthly[p].amount())).abs();
            assert!(difference <= 3.0, "{} p{p}: {difference}", w.area);
            monthly_differences += usize::from(difference > 0.0);
        }
    }
    assert_eq!(monthly_differences, 48, "of 75 monthly figures");

    let (written, outlook) = (before.outlook.unwrap(), after.outlook.unwrap());
    assert_eq!(outlook.areas, written.areas);
    assert_eq!(outlook.source, written.source);
    assert_eq!(outlook.period.as_deref(), Some("2018-2028"));

    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
}

#[test]
fn a_second_import_changes_nothing() {
    let site = TestSite::sample();
    let areas = fixture("oews-areas.yaml");
    import_oews(&site, &["--areas", &areas]).code(0);
    let once = read(&site, PROFILE);
    import_oews(&site, &["--areas", &areas])
        .code(0)
        .stderr_has("Updated 0 profiles")
        .stderr_has("Unchanged: 1 profile:\n  content/health-information-technicians.md");
    assert_eq!(read(&site, PROFILE), once);
}

#[test]
fn the_report_names_profiles_without_data_and_codes_without_profiles() {
    let site = TestSite::sample();
    let areas = fixture("oews-areas.yaml");
    import_oews(&site, &["--areas", &areas, "--dry-run"])
        .code(0)
        .stderr_has("Read 3 files (May 2018)")
        .stderr_has("Without data in these files: 2 profiles:\n  content/health-information-technologists-and-medical-registrars.md (29-9021)\n  content/medical-records-specialists.md (29-2072)")
        .stderr_has("In the files but without a profile: 4 occupations:\n  25-2021 Elementary School Teachers, Except Special Education\n  27-2011 Actors\n  29-1061 Anesthesiologists\n  29-2081 Opticians, Dispensing\n");
}

#[test]
fn a_dry_run_prints_a_unified_diff_and_writes_nothing() {
    let site = TestSite::sample();
    let before = read(&site, PROFILE);
    let areas = fixture("oews-areas.yaml");
    import_oews(&site, &["--areas", &areas, "--dry-run"])
        .code(0)
        .stdout_has("--- a/content/health-information-technicians.md\n+++ b/content/health-information-technicians.md\n")
        .stdout_has("+  as_of: \"May 2018\"\n")
        .stdout_has("-      monthly: [2634, 2979, 3624, 4575, 5468]\n")
        .stderr_has("Dry run: nothing was written.");
    assert_eq!(read(&site, PROFILE), before);
}

const TEST_PROFILE: &str = "---
title: Test occupation # an editor's comment
soc: \"SOC\"
wages:
  source: Old source
  areas:
    - area: Washington
      hourly: [1, 2, 3, 4, 5]
    - area: Bellingham
      within: Washington
      hourly: [1, 2, 3, 4, 5]
    - area: United States
      hourly: [1, 2, 3, 4, 5]
---
## Duties

#checked 2/24/19 lh
";

fn with_profile(site: &TestSite, name: &str, soc: &str) {
    site.write(
        &format!("content/{name}.md"),
        &TEST_PROFILE.replace("SOC", soc),
    );
}

/// The test profile with only Washington and the United States.
fn with_two_areas(site: &TestSite, name: &str, soc: &str) {
    let bellingham =
        "    - area: Bellingham\n      within: Washington\n      hourly: [1, 2, 3, 4, 5]\n";
    let text = TEST_PROFILE.replace("SOC", soc).replace(bellingham, "");
    site.write(&format!("content/{name}.md"), &text);
}

fn wages_block(site: &TestSite, name: &str) -> String {
    let text = read(site, &format!("content/{name}.md"));
    let start = text.find("wages:").unwrap();
    text[start..text.find("\n---\n").unwrap() + 1].to_string()
}

#[test]
fn without_an_areas_file_each_profile_keeps_its_areas_matched_by_name() {
    let site = TestSite::sample();
    with_profile(&site, "opticians", "29-2081");
    import_oews(&site, &[]).code(1);
    // The sample profile's Clarkston-Lewiston and Vancouver are not OEWS names.
    fs::remove_file(site.path().join(PROFILE)).unwrap();
    import_oews(&site, &[]).code(0);
    assert_eq!(
        wages_block(&site, "opticians"),
        "wages:
  source: BLS Occupational Employment and Wage Statistics
  as_of: \"May 2018\"
  areas:
    - area: Washington
      hourly: [13.25, 15.73, 19.33, 23.53, 28.29]
      yearly: [27560, 32720, 40200, 48940, 58840]
    - area: Bellingham
      within: Washington
      hourly: [null, null, null, null, null]
      yearly: [null, null, null, null, null]
    - area: United States
      hourly: [11.69, 14.03, 17.74, 22.06, 27.41]
      yearly: [24310, 29180, 36900, 45890, 57010]
"
    );
    let text = read(&site, "content/opticians.md");
    assert!(text.starts_with("---\ntitle: Test occupation # an editor's comment\n"));
    assert!(text.ends_with("---\n## Duties\n\n#checked 2/24/19 lh\n"));
}

#[test]
fn an_unmatched_area_fails_the_run_and_nothing_is_written() {
    let site = TestSite::sample();
    with_profile(&site, "opticians", "29-2081");
    let before = read(&site, "content/opticians.md");
    import_oews(&site, &[])
        .code(1)
        .stderr_has("error: the area `Clarkston-Lewiston` matches no area in the data files")
        .stderr_has("--> content/health-information-technicians.md:46:13")
        .stderr_has("say which area of the files it is with --areas")
        .stderr_has("Nothing was written.");
    assert_eq!(read(&site, "content/opticians.md"), before);
}

#[test]
fn special_values_unpublished_annual_only_hourly_only_and_top_coded() {
    let site = TestSite::new();
    with_profile(&site, "teachers", "25-2021");
    with_profile(&site, "actors", "27-2011");
    with_profile(&site, "anesthesiologists", "29-1061");
    import_oews(&site, &[]).code(0);
    let teachers = wages_block(&site, "teachers");
    assert!(
        teachers.contains("    - area: United States\n      hourly: [null, null, null, null, null]\n      yearly: [37780, 45850, 58230, 75210, 95270]\n"),
        "{teachers}"
    );
    let actors = wages_block(&site, "actors");
    assert!(
        actors.contains("      hourly: [9.57, 12.00, 17.54, 33.01, 63.17]\n      yearly: [null, null, null, null, null]\n"),
        "{actors}"
    );
    let anesthesiologists = wages_block(&site, "anesthesiologists");
    assert!(
        anesthesiologists
            .contains("    - area: Washington\n      hourly: [null, null, null, null, null]\n"),
        "{anesthesiologists}"
    );
    assert!(
        anesthesiologists.contains("      hourly: [62.90, \">=100.00\", \">=100.00\", \">=100.00\", \">=100.00\"]\n      yearly: [130830, \">=208000\", \">=208000\", \">=208000\", \">=208000\"]\n"),
        "{anesthesiologists}"
    );
    // From the May 2022 release on, the thresholds are 115.00 and 239,200.
    import_oews(&site, &["--as-of", "May 2023"]).code(0);
    let anesthesiologists = wages_block(&site, "anesthesiologists");
    assert!(
        anesthesiologists.contains("[62.90, \">=115.00\""),
        "{anesthesiologists}"
    );
    assert!(
        anesthesiologists.contains("[130830, \">=239200\""),
        "{anesthesiologists}"
    );
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
}

const ALL_DATA_HEADER: &str = "AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,NAICS,NAICS_TITLE,I_GROUP,OWN_CODE,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,ANNUAL,HOURLY\n";

#[test]
fn only_cross_industry_rows_of_all_data_files_are_read() {
    let site = TestSite::new();
    with_two_areas(&site, "opticians", "29-2081");
    let rows = "\
99,U.S.,1,US,000000,Cross-industry,cross-industry,1235,292081,Opticians,detailed,1000,10,11,12,13,14,20800,22880,24960,27040,29120,,
99,U.S.,1,US,621000,Ambulatory health care,3-digit,5,292081,Opticians,detailed,800,20,21,22,23,24,41600,43680,45760,47840,49920,,
53,Washington,2,WA,000000,Cross-industry,cross-industry,1235,29-2081.00,Opticians,detailed,50,10,11,12,13,14,20800,22880,24960,27040,29120,,
";
    site.write("all_data_M_2023.csv", &format!("{ALL_DATA_HEADER}{rows}"));
    site.run(&["import", "oews", "all_data_M_2023.csv"]).code(0);
    let block = wages_block(&site, "opticians");
    assert!(block.contains("  as_of: \"May 2023\"\n"), "{block}");
    assert!(
        block.contains("      hourly: [10.00, 11.00, 12.00, 13.00, 14.00]\n"),
        "{block}"
    );
    assert!(!block.contains("20.00"), "{block}");
}

#[test]
fn a_bad_cell_is_reported_with_file_line_and_column() {
    let site = TestSite::sample();
    let row = "53,Washington,2,WA,000000,Cross-industry,cross-industry,1235,29-2071,Techs,detailed,50,10,11,lots,13,14,20800,22880,24960,27040,29120,,\n";
    site.write("all_data_M_2023.csv", &format!("{ALL_DATA_HEADER}{row}"));
    let before = read(&site, PROFILE);
    site.run(&["import", "oews", "all_data_M_2023.csv"])
        .code(1)
        .stderr_has(
            "error: all_data_M_2023.csv, line 2, column 15 (H_MEDIAN): `lots` is not a wage",
        );
    assert_eq!(read(&site, PROFILE), before);
}

#[test]
fn the_release_must_be_clear_from_the_files_or_given() {
    let site = TestSite::sample();
    let row = "99,U.S.,1,US,000000,Cross-industry,cross-industry,1235,29-2081,Opticians,detailed,50,10,11,12,13,#,20800,22880,24960,27040,#,,\n";
    site.write("wages.csv", &format!("{ALL_DATA_HEADER}{row}"));
    site.run(&["import", "oews", "wages.csv"])
        .code(1)
        .stderr_has("cannot tell which release wages.csv is from")
        .stderr_has("--as-of");
    site.run(&[
        "import",
        "oews",
        "wages.csv",
        "--as-of",
        "May 2021",
        "--dry-run",
    ])
    .code(0);
}

#[test]
fn the_projections_csv_export_gives_what_the_workbook_gives() {
    let from_workbook = TestSite::sample();
    let titles = "In the files but without a profile: 2 occupations:\n  29-2081 Opticians, dispensing\n  31-9094 Medical transcriptionists\n";
    import_projections(&from_workbook, "occupation.xlsx", &[])
        .code(0)
        .stderr_has(titles);
    let from_csv = TestSite::sample();
    import_projections(
        &from_csv,
        "occupational-projections-and-characteristics.csv",
        &[],
    )
    .code(0)
    .stderr_has("Read 2 files (2018-2028)")
    .stderr_has(titles);
    let text = read(&from_csv, PROFILE);
    assert_eq!(text, read(&from_workbook, PROFILE));
    assert!(text.contains("  source: BLS Employment Projections; State long-term occupational projections\n  period: \"2018-2028\"\n"));
    assert!(text.contains("    - area: United States\n      employment: 215500\n      growth: 10.7\n      growth_all: 5.2\n      openings: 16800\n"));
}

#[test]
fn projection_periods_must_agree_unless_one_is_given() {
    let site = TestSite::sample();
    site.write(
        "later.csv",
        "Area Name,Occupation Code,Occupation Name,Base Year,Base,Projected Year,Projection,Change,Percent Change,Average Annual Openings\n\
         Washington,29-2071,Medical Records,2020,\"5,100\",2030,\"5,600\",500,9.8,(NA)\n",
    );
    let national = fixture("projections/occupation.xlsx");
    site.run(&["import", "projections", &national, "later.csv"])
        .code(1)
        .stderr_has("the files cover different periods (2018-2028 in ")
        .stderr_has("--period");
    site.run(&[
        "import",
        "projections",
        &national,
        "later.csv",
        "--period",
        "2018-2030",
        "--dry-run",
    ])
    .code(1)
    .stderr_has("the area `King County` matches no area in the data files");
}

#[test]
fn onet_writes_drafts_for_occupations_without_a_profile() {
    let site = TestSite::sample();
    let existing = read(&site, "content/medical-records-specialists.md");
    let db = fixture("onet/db_28_3_text");
    site.run(&["import", "onet", &db])
        .code(0)
        .stderr_has("Created 2 draft profiles:\n  content/medical-transcriptionists.md\n  content/medical-secretaries-and-administrative-assistants.md")
        .stderr_has("Already with a profile: 2 profiles:\n  content/medical-records-specialists.md (29-2072.00)");
    let draft = read(&site, "content/medical-transcriptionists.md");
    assert!(draft.starts_with(
        "---
title: Medical Transcriptionists
soc: \"31-9094\"
also_called: [Medical Transcriber, Healthcare Documentation Specialist, Transcriptionist]
summary: \"Transcribe medical reports"
    ));
    for line in [
        "holland: CSI\n",
        "job_zone: 3\n",
        "education: postsecondary-award\n",
        "related: [medical-secretaries-and-administrative-assistants, medical-records-specialists, health-information-technologists-and-medical-registrars]\n",
        "onet: [\"31-9094.00\"]\ndraft: true\n---\n",
        "## Job duties\n\n- Transcribe dictation",
        "- Return dictated reports",
        "[O\\*NET 28.3 Database](https://www.onetcenter.org/database.html)",
        "[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/)",
    ] {
        assert!(draft.contains(line), "{line:?} in\n{draft}");
    }
    assert!(
        !draft.contains("Take dictation"),
        "supplemental tasks are left out"
    );
    assert_eq!(
        read(&site, "content/medical-records-specialists.md"),
        existing
    );

    let report = site.build_with(|o| o.include_drafts = true);
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    assert!(
        report.diagnostics.is_empty(),
        "{}",
        show(&report.diagnostics)
    );

    site.run(&["import", "onet", &db])
        .code(0)
        .stderr_has("Created 0 draft profiles")
        .stderr_has("Already with a profile: 4 profiles");
}

#[test]
fn onet_only_drafts_the_occupations_asked_for() {
    let site = TestSite::sample();
    let db = fixture("onet/db_28_3_text");
    site.run(&["import", "onet", &db, "--only", "31-9094,29-2072.00"])
        .code(0)
        .stderr_has("Created 1 draft profile:\n  content/medical-transcriptionists.md");
    let draft = read(&site, "content/medical-transcriptionists.md");
    assert!(draft.contains("related: [medical-records-specialists, health-information-technologists-and-medical-registrars]\n"), "{draft}");
    assert!(!site
        .path()
        .join("content/medical-secretaries-and-administrative-assistants.md")
        .exists());
    site.run(&["import", "onet", &db, "--only", "nonsense"])
        .code(2);
}

#[test]
fn usage_errors_exit_with_status_2() {
    let site = TestSite::sample();
    site.run(&["import", "--help"])
        .code(0)
        .stdout_has("oews")
        .stdout_has("projections")
        .stdout_has("onet");
    site.run(&["import", "oews", "missing.xlsx"])
        .code(2)
        .stderr_has("there is no file missing.xlsx");
    site.run(&["import", "oews"]).code(2);
    site.write("notes.txt", "x");
    site.run(&["import", "oews", "notes.txt"])
        .code(2)
        .stderr_has("import reads .xlsx and .csv files");
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_are_kept() {
    let site = TestSite::new();
    with_two_areas(&site, "opticians", "29-2081");
    let path = site.path().join("content/opticians.md");
    let text = fs::read_to_string(&path).unwrap().replace('\n', "\r\n");
    fs::write(&path, format!("\u{feff}{text}")).unwrap();
    import_oews(&site, &[]).code(0);
    let written = fs::read_to_string(&path).unwrap();
    assert!(written.starts_with("\u{feff}---\r\ntitle: Test occupation"));
    assert!(!written.replace("\r\n", "").contains('\n'), "{written:?}");
    assert!(written.contains("      hourly: [13.25, 15.73, 19.33, 23.53, 28.29]\r\n"));
    assert!(written.ends_with("---\r\n## Duties\r\n\r\n#checked 2/24/19 lh\r\n"));
}

/// An OEWS table of `rows` rows, each in an area of its own: every row
/// registers its area.
fn many_areas_csv(rows: usize) -> String {
    let mut text = String::from("AREA,AREA_TITLE,OCC_CODE,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90\n");
    for i in 0..rows {
        let area = i;
        let occupation = 1011 + i % 10;
        text.push_str(&format!(
            "{area},Area {area},11-{occupation},1,2,3,4,5,2080,4160,6240,8320,10400\n"
        ));
    }
    text
}

/// The shortest of `runs` dry-run imports of `file`: the best run is the
/// one least disturbed by whatever else the machine does.
fn best_import_time(site: &TestSite, file: &std::path::Path, runs: usize) -> std::time::Duration {
    let options = careers::import::OewsOptions {
        root: site.path().to_path_buf(),
        files: vec![file.to_path_buf()],
        dry_run: true,
        as_of: Some("May 2023".into()),
        ..Default::default()
    };
    (0..runs)
        .map(|_| {
            let start = std::time::Instant::now();
            let report = careers::import::oews::import(&options).expect("the import runs");
            assert!(report.succeeded(), "{:?}", report.errors);
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Issue 13: the area set was a list searched on every row (1 million rows
/// in 90,000 areas took 149 s). Four times the rows and areas must take
/// less than eight times as long (a quadratic set takes sixteen). The sizes
/// are small because tests run unoptimised; each row has an area of its
/// own, so that a set searched on every row would still dominate.
#[test]
fn import_time_grows_linearly_with_rows_and_areas() {
    let site = TestSite::new();
    let (small, large) = (site.path().join("small.csv"), site.path().join("large.csv"));
    fs::write(&small, many_areas_csv(8_000)).unwrap();
    fs::write(&large, many_areas_csv(32_000)).unwrap();
    best_import_time(&site, &small, 1); // warm the file cache and allocator
    let small_time = best_import_time(&site, &small, 3);
    let large_time = best_import_time(&site, &large, 3);
    let ratio = large_time.as_secs_f64() / small_time.as_secs_f64();
    assert!(
        ratio < 8.0,
        "4x the rows took {ratio:.1}x the time ({small_time:?} -> {large_time:?})"
    );
}

/// Issue 13: a profile saved with lone CR line breaks (classic Mac OS)
/// always failed with "changed on disk": the loader turns them into `\n`,
/// and the text read was compared with the bytes on disk.
#[test]
fn lone_cr_line_endings_are_imported_and_kept() {
    let site = TestSite::new();
    with_two_areas(&site, "opticians", "29-2081");
    let path = site.path().join("content/opticians.md");
    let text = fs::read_to_string(&path).unwrap().replace('\n', "\r");
    fs::write(&path, &text).unwrap();
    import_oews(&site, &["--dry-run"])
        .code(0)
        .stdout_has("+      hourly: [13.25, 15.73, 19.33, 23.53, 28.29]\n");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    import_oews(&site, &[])
        .code(0)
        .stderr_has("Updated 1 profile:");
    let written = fs::read_to_string(&path).unwrap();
    assert!(!written.contains('\n'), "{written:?}");
    assert!(written.starts_with("---\rtitle: Test occupation # an editor's comment\r"));
    assert!(written.contains("\r      hourly: [13.25, 15.73, 19.33, 23.53, 28.29]\r"));
    assert!(written.ends_with("---\r## Duties\r\r#checked 2/24/19 lh\r"));
    import_oews(&site, &[])
        .code(0)
        .stderr_has("Unchanged: 1 profile:");
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
}

/// Issue 13: negative wages were accepted, and a 300-digit figure was
/// published as a different number. Both are errors at their cell, and
/// nothing is written.
#[test]
fn negative_and_inexact_figures_are_errors_at_their_cell() {
    let site = TestSite::sample();
    let before = read(&site, PROFILE);
    let huge = format!("1{}", "0".repeat(299));
    let rows = format!(
        "53,Washington,2,WA,000000,Cross-industry,cross-industry,1235,29-2071,Techs,detailed,50,-10,11,12,13,14,20800,22880,24960,27040,29120,,\n\
         99,U.S.,1,US,000000,Cross-industry,cross-industry,1235,29-2071,Techs,detailed,50,10,11,12,13,14,20800,22880,{huge},27040,29120,,\n"
    );
    site.write("all_data_M_2023.csv", &format!("{ALL_DATA_HEADER}{rows}"));
    site.run(&["import", "oews", "all_data_M_2023.csv"])
        .code(1)
        .stderr_has("error: all_data_M_2023.csv, line 2, column 13 (H_PCT10): `-10` is negative: a wage cannot be below zero")
        .stderr_has("error: all_data_M_2023.csv, line 3, column 20 (A_MEDIAN): `100000000000000000000000… (300 characters)` cannot be published as written: it has more digits than a figure can hold exactly (it would be published as 100000000000000005250476… (")
        .stderr_has("Nothing was written.");
    assert_eq!(read(&site, PROFILE), before);

    site.write(
        "state.csv",
        &format!(
            "Area Name,Occupation Code,Occupation Name,Base Year,Base,Projected Year,Projection,Change,Percent Change,Average Annual Openings\n\
             Washington,29-2071,Medical Records,2018,\"5,050\",2028,\"6,030\",980,-19.4,-523\n\
             Oregon,29-2071,Medical Records,2018,{huge},2028,\"6,030\",980,19.4,523\n"
        ),
    );
    site.run(&["import", "projections", "state.csv"])
        .code(1)
        .stderr_has("error: state.csv, line 2, column 10 (Average Annual Openings): `-523` is negative: a count of jobs cannot be below zero")
        .stderr_has("error: state.csv, line 3, column 5 (Base): `100000000000000000000000… (300 characters)` cannot be published as written")
        .stderr_has("Nothing was written.");
    assert_eq!(read(&site, PROFILE), before);
}

/// Issue 13: comments inside a replaced block were dropped without a word.
#[test]
fn each_comment_a_replaced_block_drops_is_named() {
    let site = TestSite::new();
    let text = TEST_PROFILE
        .replace("SOC", "29-2081")
        .replace(
            "  source: Old source\n",
            "  source: Old source # from the 2019 seed\n",
        )
        .replace(
            "    - area: United States\n",
            "    # the national row last\n    - area: United States\n",
        );
    site.write("content/opticians.md", &text);
    let warning = |line: usize, comment: &str| {
        format!("warning: content/opticians.md:{line}: the comment `{comment}` is inside the `wages` block, which the import replaces, so it is dropped; to keep it, add it again above `wages:`\n")
    };
    for dry_run in [&["--dry-run"][..], &[]] {
        import_oews(&site, dry_run)
            .code(0)
            .stderr_has(&warning(5, "# from the 2019 seed"))
            .stderr_has(&warning(12, "# the national row last"));
    }
    let written = read(&site, "content/opticians.md");
    assert!(!written.contains("2019 seed"), "{written}");
    assert!(written.contains("# an editor's comment"), "{written}");
    // A second run has nothing left to drop.
    let run = import_oews(&site, &[]).code(0);
    assert!(!run.stderr.contains("comment"), "{}", run.stderr);
}

/// A one-sheet `.xlsx` workbook with `dimension` and `cells` (the
/// `<sheetData>`), written with the zip crate.
fn xlsx(site: &TestSite, name: &str, dimension: &str, cells: &str) -> std::path::PathBuf {
    use std::io::Write;
    let path = site.path().join(name);
    let mut zip = zip::ZipWriter::new(fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
    let parts = [
        ("xl/workbook.xml", format!("<workbook {ns}><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")),
        ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".to_string()),
        ("xl/worksheets/sheet1.xml", format!("<worksheet {ns}><dimension ref=\"{dimension}\"/><sheetData>{cells}</sheetData></worksheet>")),
    ];
    for (part, text) in parts {
        zip.start_file(part, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    path
}

/// Issue 13: an .xlsx whose cells are A1 and XFD1048576 made the sheet
/// reader allocate 512 GB, and a 2.4 MB zip bomb took 1.9 GB. Both are
/// refused with a clear error before the sheet is read; the formats whose
/// size cannot be checked first are refused as usage errors.
#[test]
fn oversized_workbooks_are_refused_before_their_sheets_are_read() {
    let site = TestSite::sample();
    let before = read(&site, PROFILE);
    let cells = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>OCC_CODE</t></is></c></row>\
                 <row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>";
    xlsx(&site, "far_M2023_dl.xlsx", "A1:XFD1048576", cells);
    site.run(&["import", "oews", "far_M2023_dl.xlsx"])
        .code(1)
        .stderr_has("error: far_M2023_dl.xlsx: sheet `Data` has 17,179,869,184 cells or more, more than import reads (20,000,000); is this the right file?")
        .stderr_has("Nothing was written.");

    // A part that declares 3 GB (a zip bomb's ratio is about 1,000 to 1).
    let bomb = xlsx(&site, "bomb_M2023_dl.xlsx", "A1", cells);
    let mut bytes = fs::read(&bomb).unwrap();
    let name = b"xl/worksheets/sheet1.xml";
    for i in 0..bytes.len() - 46 {
        let size_at = match &bytes[i..i + 4] {
            b"PK\x03\x04" if bytes[i + 30..].starts_with(name) => i + 22,
            b"PK\x01\x02" if bytes[i + 46..].starts_with(name) => i + 24,
            _ => continue,
        };
        bytes[size_at..size_at + 4].copy_from_slice(&(3u32 << 30).to_le_bytes());
    }
    fs::write(&bomb, bytes).unwrap();
    site.run(&["import", "oews", "bomb_M2023_dl.xlsx"])
        .code(1)
        .stderr_has("error: bomb_M2023_dl.xlsx: the workbook's part `xl/worksheets/sheet1.xml` unpacks to 3072 MB, more than import reads; is this the right file?");
    assert_eq!(read(&site, PROFILE), before);

    for old in ["wages.xls", "wages.ods", "wages.xlsb"] {
        site.write(old, "x");
        site.run(&["import", "oews", old]).code(2).stderr_has(
            "cannot be checked for size before they are read); save the table as one of those",
        );
    }
}

/// Issue 14: a profile without areas, imported without `--areas`, was
/// listed as having no data. It now gets a message saying why it was not
/// filled and what to do; the other profiles are imported.
#[test]
fn a_profile_without_areas_is_told_what_to_do() {
    let site = TestSite::new();
    with_two_areas(&site, "opticians", "29-2081");
    site.write(
        "content/actors.md",
        "---\ntitle: Actors\nsoc: \"27-2011\"\n---\nBody\n",
    );
    import_oews(&site, &[])
        .code(0)
        .stderr_has("Updated 1 profile:\n  content/opticians.md\n")
        .stderr_has("Not filled, because their `wages` block lists no areas and no --areas file was given: 1 profile:\n  content/actors.md (27-2011)\n  To fill them, give the areas to show with --areas AREAS.yaml (see \"Areas\" in docs/import.md), or list them in each profile's `wages` block (`- area: Washington`) and import again.\n")
        .stderr_has("Without data in these files: 0 profiles\n");
    assert_eq!(
        read(&site, "content/actors.md"),
        "---\ntitle: Actors\nsoc: \"27-2011\"\n---\nBody\n"
    );
    // With an areas file it is filled like any other.
    let areas = fixture("oews-areas.yaml");
    import_oews(&site, &["--areas", &areas])
        .code(0)
        .stderr_has("  content/actors.md\n");
    import_projections(&site, "occupation.xlsx", &[])
        .code(0)
        .stderr_has("Not filled, because their `outlook` block lists no areas");
}
