//! Hostile and odd files: each gets a correct build, or an error naming the
//! file and line — never a panic, a hang, or a page with mangled text.
//! Also the template-safety promises: front-matter values are escaped, and
//! raw HTML in bodies can be turned off.

mod common;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use common::*;

fn page(title: &str) -> String {
    format!("---\ntitle: {title}\n---\nBody text.\n")
}

fn errors(problems: &[careers::diagnostics::Diagnostic]) -> Vec<String> {
    problems
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect()
}

fn assert_builds(site: &TestSite) {
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
}

// ---- encodings and line endings ----

#[test]
fn a_byte_order_mark_is_allowed() {
    let site = TestSite::new().file("content/a.md", &format!("\u{feff}{}", page("Bom page")));
    assert_builds(&site);
    let html = site.output("a/index.html");
    assert!(html.contains("<h1>Bom page</h1>") || html.contains("Bom page"));
    assert!(!html.contains('\u{feff}'));
}

#[test]
fn crlf_line_endings_build_and_errors_keep_their_lines() {
    let site = TestSite::new().file(
        "content/a.md",
        "---\r\ntitle: A\r\n---\r\n#note\r\nText\r\n",
    );
    assert_builds(&site);
    assert!(!site.output("a/index.html").contains("note"));
    site.write("content/a.md", "---\r\ntitle: A\r\nsumary: x\r\n---\r\n");
    let problems = site.problems();
    assert_eq!(location(find(&problems, "sumary")), "content/a.md:3:1");
}

#[test]
fn lone_cr_line_endings_build_and_errors_keep_their_lines() {
    let site = TestSite::new().file("content/a.md", "---\rtitle: A\r---\r#note\rText\r");
    assert_builds(&site);
    let html = site.output("a/index.html");
    assert!(!html.contains("note"), "{html}");
    assert!(html.contains("Text"));
    site.write("content/a.md", "---\rtitle: A\rsumary: x\r---\r");
    let problems = site.problems();
    assert_eq!(location(find(&problems, "sumary")), "content/a.md:3:1");
}

#[test]
fn tabs_in_yaml_indentation_are_an_error_with_the_line() {
    let site = TestSite::new().file("content/a.md", "---\ntitle: A\nwages:\n\tsource: X\n---\n");
    let problems = site.problems();
    let d = find(&problems, "tab");
    assert!(d.is_error());
    assert!(
        location(d).starts_with("content/a.md:4:"),
        "{}",
        show(&problems)
    );
}

#[test]
fn invalid_utf8_is_an_error_naming_the_line() {
    let site = TestSite::new();
    fs::write(
        site.path().join("content/a.md"),
        b"---\ntitle: A\n---\nfine\nbad \xff byte\n",
    )
    .unwrap();
    let problems = site.problems();
    assert_eq!(
        location(find(&problems, "not valid UTF-8")),
        "content/a.md:5:5"
    );
}

#[test]
fn an_empty_file_is_an_error_naming_the_file() {
    let site = TestSite::new().file("content/empty.md", "");
    let problems = site.problems();
    let d = find(&problems, "title");
    assert!(d.is_error());
    assert_eq!(d.file, Path::new("content/empty.md"));
}

#[test]
fn a_file_of_front_matter_only_builds() {
    let site = TestSite::new().file("content/a.md", "---\ntitle: Only front\n---");
    assert_builds(&site);
    assert!(site.output("a/index.html").contains("Only front"));
}

#[test]
fn a_huge_file_is_refused_quickly_with_a_clear_error() {
    let site = TestSite::new().file("content/small.md", &page("Small"));
    let path = site.path().join("content/huge.md");
    fs::write(&path, page("Huge")).unwrap();
    // 50 MB: the rest of the file is a sparse run of zero bytes.
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(50 * 1024 * 1024)
        .unwrap();
    let start = Instant::now();
    let problems = site.problems();
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    let d = find(&problems, "too large");
    assert!(d.is_error());
    assert_eq!(d.file, Path::new("content/huge.md"));
}

// ---- YAML surprises ----

#[test]
fn yaml_1_1_booleans_and_octals_stay_text() {
    let front = "---\ntitle: no\nsoc: \"29-2071\"\ncluster: on\nsummary: 1e3\nalso_called: [yes, off, 0755]\n---\n";
    let site = TestSite::new().file("content/a.md", front);
    assert_builds(&site);
    let html = site.output("a/index.html");
    assert!(html.contains("<title>no"), "{html}");
    let text = text_of(&html);
    for word in ["on", "1e3", "yes", "off", "0755"] {
        assert!(text.contains(word), "{word} missing: {text}");
    }
}

#[test]
fn a_soc_code_written_like_an_octal_keeps_its_digits() {
    let site = TestSite::new().file("content/a.md", "---\ntitle: A\nsoc: 0755\n---\n");
    let problems = site.problems();
    let d = find(&problems, "0755");
    assert!(d.is_error());
    assert_eq!(location(d), "content/a.md:3:6");
}

#[test]
fn anchors_and_aliases_work() {
    let front = "---\ntitle: &t Techs\nsoc: \"29-2071\"\nsummary: *t\nat_a_glance: &l [One, Two]\npros: *l\n---\n";
    let site = TestSite::new().file("content/a.md", front);
    assert_builds(&site);
    let text = text_of(&site.output("a/index.html"));
    assert!(text.contains("One") && text.contains("Two"), "{text}");
}

#[test]
fn an_alias_bomb_is_refused_quickly() {
    let mut front = String::from("---\ntitle: Bomb\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for i in 1..10 {
        let p = i - 1;
        front.push_str(&format!(
            "a{i}: &a{i} [*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p},*a{p}]\n"
        ));
    }
    front.push_str("extra: *a9\n---\n");
    let site = TestSite::new().file("content/bomb.md", &front);
    let start = Instant::now();
    let problems = site.problems();
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    let errors = errors(&problems);
    assert!(
        errors.iter().any(|e| e.contains("content/bomb.md")),
        "{}",
        show(&problems)
    );
}

#[test]
fn many_aliases_are_refused() {
    let mut front = String::from("---\ntitle: &t A\nextra:\n  list:\n");
    for _ in 0..1000 {
        front.push_str("    - *t\n");
    }
    front.push_str("---\n");
    let site = TestSite::new().file("content/a.md", &front);
    let problems = site.problems();
    let d = find(&problems, "alias");
    assert!(d.is_error());
    assert_eq!(d.file, Path::new("content/a.md"));
}

#[test]
fn duplicate_keys_are_an_error_with_the_line() {
    let site = TestSite::new().file("content/a.md", "---\ntitle: A\nsummary: x\ntitle: B\n---\n");
    let problems = site.problems();
    let d = find(&problems, "duplicate");
    assert!(d.is_error());
    assert_eq!(location(d), "content/a.md:4:1");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = "[".repeat(10_000);
    let site = TestSite::new().file(
        "content/a.md",
        &format!("---\ntitle: A\nextra: {deep}\n---\n"),
    );
    let problems = site.problems();
    assert!(
        errors(&problems)
            .iter()
            .any(|e| e.contains("content/a.md:3")),
        "{}",
        show(&problems)
    );
}

#[test]
fn deep_nesting_in_a_body_builds() {
    let body = format!(
        "{}\n\n{}x\n\n{}\n",
        "[".repeat(10_000),
        "> ".repeat(10_000),
        "- ".repeat(5_000)
    );
    let site = TestSite::new().file("content/a.md", &format!("---\ntitle: A\n---\n{body}"));
    let start = Instant::now();
    let report = site.build();
    assert!(start.elapsed() < Duration::from_secs(20));
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
}

// ---- text in titles ----

#[test]
fn control_characters_in_values_are_removed_with_a_warning() {
    let site = TestSite::new().file(
        "content/a.md",
        "---\ntitle: \"Bell\\aTech\\x1b\"\nsummary: \"Null\\0here\"\n---\n",
    );
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    let found: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("control character") && !d.is_error())
        .map(location)
        .collect();
    assert_eq!(found, ["content/a.md:2:8", "content/a.md:3:10"]);
    let html = site.output("a/index.html");
    assert!(html.contains("BellTech"), "{html}");
    assert!(!html.contains(['\u{7}', '\u{1b}', '\0']));
}

#[test]
fn raw_control_characters_in_a_file_are_an_error_with_the_line() {
    let site = TestSite::new().file(
        "content/a.md",
        "---\ntitle: A\n---\nfine\nbell \u{7} here\n",
    );
    let problems = site.problems();
    let d = find(&problems, "control character");
    assert!(d.is_error());
    assert_eq!(location(d), "content/a.md:5:6");
}

#[test]
fn right_to_left_marks_are_kept() {
    let title = "\u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{200f}Tech\u{202b}x\u{202c}";
    let site = TestSite::new().file("content/a.md", &page(title));
    assert_builds(&site);
    assert!(site.output("a/index.html").contains(title));
}

// ---- file names ----

/// Every `href` and `src` of the output's pages that points into the site
/// names a file that exists.
fn assert_links_resolve(site: &TestSite) -> usize {
    let out = site.path().join("output");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = fs::read_to_string(entry.path()).unwrap();
        for url in attribute_values(&html) {
            if !url.starts_with('/') || url.starts_with("//") {
                continue;
            }
            let path = url.split(['#', '?']).next().unwrap();
            let decoded = careers::markdown::percent_decode(path);
            let mut file = out.join(decoded.trim_start_matches('/'));
            if decoded.ends_with('/') {
                file = file.join("index.html");
            }
            assert!(
                file.is_file(),
                "{url} in {} leads nowhere",
                entry.path().display()
            );
            checked += 1;
        }
    }
    checked
}

fn attribute_values(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for part in html.split(attr).skip(1) {
            urls.push(part[..part.find('"').unwrap()].replace("&amp;", "&"));
        }
    }
    urls
}

#[test]
fn odd_file_names_get_working_urls() {
    let site = TestSite::new()
        .file(
            "content/_index.md",
            "---\ntitle: Home\n---\nSee [q](what%3F.md) and [s](my%20folder/a%20b.md).\n",
        )
        .file("content/my folder/a b.md", &page("Spaces"))
        .file("content/café/naïve.md", &page("Unicode"))
        .file("content/what?.md", &page("Question"))
        .file("content/c#sharp.md", &page("Hash"))
        .file("content/100%.md", &page("Percent"));
    assert_builds(&site);
    for file in [
        "my folder/a b/index.html",
        "café/naïve/index.html",
        "what?/index.html",
        "c#sharp/index.html",
        "100%/index.html",
    ] {
        assert!(site.output_exists(file), "{file}");
    }
    let home = site.output("index.html");
    assert!(home.contains("href=\"/what%3F/\""), "{home}");
    assert!(home.contains("href=\"/my%20folder/a%20b/\""), "{home}");
    assert!(assert_links_resolve(&site) > 5);
    let report = run_check(&site);
    assert_eq!(report.errors, 0, "{}", show(&report.diagnostics));
}

#[test]
fn files_that_differ_only_in_case_collide() {
    let site = TestSite::new()
        .file("content/Nurses.md", &page("A"))
        .file("content/nurses.md", &page("B"));
    let problems = site.problems();
    let d = find(&problems, "two pages would be published at /Nurses/");
    assert!(d.is_error());
    assert!(d.message.contains("content/Nurses.md:1:1"), "{d}");
    assert!(d.message.contains("content/nurses.md:1:1"), "{d}");
}

#[cfg(unix)]
#[test]
fn symlinks_are_reported_not_followed() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.md"), page("Secret")).unwrap();
    let site = TestSite::new().file("content/a.md", &page("A"));
    let content = site.path().join("content");
    symlink(outside.path().join("secret.md"), content.join("outside.md")).unwrap();
    fs::create_dir(content.join("loop")).unwrap();
    symlink(content.join("loop"), content.join("loop/again")).unwrap();
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    for link in ["content/outside.md", "content/loop/again"] {
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.file == Path::new(link));
        let d = d.unwrap_or_else(|| panic!("{link}: {}", show(&report.diagnostics)));
        assert!(d.message.contains("symbolic link"), "{d}");
    }
    assert!(!site.output_exists("outside/index.html"));
    assert!(!site.output_exists("outside.md"));
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_error_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let site = TestSite::new().file("content/locked.md", &page("Locked"));
    let path = site.path().join("content/locked.md");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_ok() {
        // Running as root: permissions do not block reads. The same code
        // path is covered by a unit test in `content`.
        eprintln!("skipped: this user can read a file with mode 000");
        return;
    }
    let problems = site.problems();
    let d = find(&problems, "cannot read");
    assert!(d.is_error());
    assert_eq!(d.file, Path::new("content/locked.md"));
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn other_files_in_content_are_copied_as_assets() {
    let site = TestSite::new()
        .file(
            "content/a.md",
            "---\ntitle: A\n---\n![chart](chart.svg) [data](files/data.csv)\n",
        )
        .file(
            "content/chart.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        )
        .file("content/files/data.csv", "a,b\n1,2\n");
    assert_builds(&site);
    assert_eq!(site.output("files/data.csv"), "a,b\n1,2\n");
    assert!(site.output("chart.svg").starts_with("<svg"));
}

// ---- template safety ----

const SCRIPT: &str = "<script>alert(1)</script>";

#[test]
fn every_front_matter_value_is_escaped() {
    let s = format!("\"{SCRIPT}\"");
    let front = format!(
        "---
title: {s}
soc: \"29-2071\"
also_called: [{s}]
summary: {s}
at_a_glance: [{s}]
pros: [{s}]
cons: [{s}]
cluster: {s}
wages:
  source: {s}
  areas:
    - area: {s}
      hourly: [1, 2, 3, 4, 5]
outlook:
  source: {s}
  areas:
    - area: {s}
      employment: 10
---
Body.
"
    );
    let site = TestSite::new()
        .file("content/a.md", &front)
        .file("site.yaml", &format!("title: {s}\nprimary_area: {s}\n"));
    assert_builds(&site);
    for entry in walkdir::WalkDir::new(site.path().join("output")) {
        let entry = entry.unwrap();
        // HTML and XML must escape; CSV and JSON downloads hold the text as is.
        if entry
            .path()
            .extension()
            .is_some_and(|e| e == "html" || e == "xml")
        {
            let text = fs::read_to_string(entry.path()).unwrap();
            assert!(
                !text.contains("<script>alert"),
                "unescaped in {}",
                entry.path().display()
            );
        }
    }
    let html = site.output("a/index.html");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    assert!(
        text_of(&html).matches(SCRIPT).count() >= 9,
        "{}",
        text_of(&html)
    );
}

#[test]
fn raw_html_in_bodies_is_allowed_by_default() {
    let site = TestSite::new().file(
        "content/a.md",
        "---\ntitle: A\n---\n<div class=\"note\">Hi</div>\n\nSome <b>bold</b>.\n",
    );
    assert_builds(&site);
    let html = site.output("a/index.html");
    assert!(html.contains("<div class=\"note\">Hi</div>"));
    assert!(html.contains("<b>bold</b>"));
}

#[test]
fn raw_html_can_be_turned_off() {
    let site = TestSite::new()
        .file("site.yaml", "raw_html: false\n")
        .file("content/_index.md", "---\ntitle: Home\n---\n<i>intro</i>\n")
        .file(
            "content/a.md",
            &format!("---\ntitle: A\n---\n{SCRIPT}\n\nSome <b>bold</b>.\n"),
        );
    assert_builds(&site);
    let html = site.output("a/index.html");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<b>bold"), "{html}");
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"), "{html}");
    assert!(text_of(&html).contains(SCRIPT));
    assert!(!site.output("index.html").contains("<i>intro"));
}

#[test]
fn data_and_javascript_links_are_reported_by_check() {
    let site = TestSite::new().file(
        "content/a.md",
        "---\ntitle: A\n---\n[x](data:text/html,hi) and [y](javascript:alert(1))\n",
    );
    let report = run_check(&site);
    assert_eq!(
        location(find(&report.diagnostics, "`data:` link")),
        "content/a.md:4:5"
    );
    assert!(find(&report.diagnostics, "`data:` link").is_error());
    assert!(find(&report.diagnostics, "`javascript:` link").is_error());
}

fn run_check(site: &TestSite) -> careers::check::CheckReport {
    careers::check::check(&careers::check::CheckOptions {
        root: site.path().to_path_buf(),
        include_drafts: false,
        external: false,
        limits: careers::check::external::Limits::default(),
        today: jiff::civil::date(2026, 11, 22),
    })
    .expect("check runs")
}

// ---- output paths: every output checked against every other ----

/// Builds and checks through the binary: both fail with exit status 1 and
/// print `expected` (each piece), and the build prints no "os error".
fn assert_refused_by_build_and_check(site: &TestSite, expected: &[&str]) {
    let build = site.run(&["build"]).code(1);
    let check = site.run(&["check"]).code(1);
    for run in [&build, &check] {
        let printed = format!("{}{}", run.stdout, run.stderr);
        for piece in expected {
            assert!(
                printed.contains(piece),
                "{piece:?} missing from:\n{printed}"
            );
        }
        assert!(!printed.contains("os error"), "{printed}");
    }
}

#[test]
fn a_content_file_does_not_replace_a_generated_output() {
    for (file, generated) in [
        ("content/404.html", "the generated 404 page"),
        ("content/robots.txt", "the generated robots.txt"),
        ("content/occupations.csv", "the generated CSV download"),
        ("content/occupations.json", "the generated JSON download"),
        ("content/explore/index.json", "the generated explore index"),
        ("content/index.html", "the generated home page"),
    ] {
        let site = TestSite::new()
            .file("content/techs.md", VALID_PROFILE)
            .file(file, "mine");
        let report = site.build();
        let d = find(&report.diagnostics, "two outputs would be written");
        assert!(d.is_error());
        assert_eq!(d.file, Path::new(file));
        assert!(d.message.contains(generated), "{d}");
        assert!(
            !site.output_exists("techs/index.html"),
            "a failed build published"
        );
        let shown = file.trim_start_matches("content/");
        assert_refused_by_build_and_check(
            &site,
            &[&format!("`{shown}`"), &format!("--> {file}"), generated],
        );
    }
}

#[test]
fn a_content_file_does_not_replace_a_theme_file() {
    let site = TestSite::new()
        .file("content/a.md", &page("A"))
        .file("content/static/style.css", "body{}");
    let report = site.build();
    let d = find(&report.diagnostics, "two outputs would be written");
    assert_eq!(d.file, Path::new("content/static/style.css"));
    assert!(d.message.contains("themes/default/static/style.css"), "{d}");
    assert_refused_by_build_and_check(&site, &["--> content/static/style.css"]);
    // The site's own static folder overrides the theme's on purpose.
    let site = TestSite::new()
        .file("content/a.md", &page("A"))
        .file("static/style.css", "body{color:red}");
    assert_builds(&site);
    assert_eq!(site.output("static/style.css"), "body{color:red}");
}

#[test]
fn a_content_file_does_not_replace_a_page() {
    let site = TestSite::new()
        .file("content/about.md", "---\ntitle: About\n---\nText.\n")
        .file("content/about/index.html", "<p>mine</p>");
    let report = site.build();
    let d = find(&report.diagnostics, "two outputs would be written");
    assert_eq!(location(d), "content/about.md:1:1");
    assert!(d.message.contains("content/about/index.html"), "{d}");
    assert_refused_by_build_and_check(
        &site,
        &[
            "`about/index.html`",
            "content/about.md:1:1",
            "content/about/index.html",
        ],
    );
}

#[test]
fn a_file_where_a_folder_is_needed_collides() {
    let site = TestSite::new()
        .file("content/about.md", "---\ntitle: About\n---\nText.\n")
        .file("content/robots.txt.md", "---\ntitle: Robots\n---\nText.\n")
        .file("content/about", "a file named like the page's folder");
    let problems = site.problems();
    let found: Vec<&careers::diagnostics::Diagnostic> = problems
        .iter()
        .filter(|d| d.message.contains("would be both a file"))
        .collect();
    assert_eq!(found.len(), 2, "{}", show(&problems));
    // On the page, which names the file.
    assert!(found.iter().any(|d| location(d) == "content/about.md:1:1"
        && d.message.contains("written by content/about,")));
    assert!(found
        .iter()
        .any(|d| location(d) == "content/robots.txt.md:1:1"
            && d.message.contains("the generated robots.txt")));
}

#[test]
fn a_slug_starting_with_a_dot_is_an_error_and_output_git_survives() {
    let site = TestSite::new().file("content/a.md", &page("A"));
    assert!(site.build().succeeded());
    fs::create_dir_all(site.path().join("output/.git")).unwrap();
    fs::write(
        site.path().join("output/.git/HEAD"),
        "ref: refs/heads/main\n",
    )
    .unwrap();
    site.write("content/b.md", "---\ntitle: B\nslug: .git\n---\n");
    let report = site.build();
    let d = find(&report.diagnostics, "starts with `.`");
    assert!(d.is_error());
    assert_eq!(location(d), "content/b.md:3:7");
    assert_eq!(
        fs::read_to_string(site.path().join("output/.git/HEAD")).unwrap(),
        "ref: refs/heads/main\n"
    );
    assert_refused_by_build_and_check(&site, &["--> content/b.md:3:7", "starts with `.`"]);
    // The same with a build that would otherwise succeed.
    site.write("content/b.md", "---\ntitle: B\nslug: .well-known\n---\n");
    assert!(!site.build().succeeded());
    assert!(site.path().join("output/.git/HEAD").exists());
}

#[test]
fn a_slug_named_like_a_generated_file_is_an_error_at_its_line() {
    for slug in [
        "index.html",
        "robots.txt",
        "sitemap.xml",
        "occupations.csv",
        "404.html",
        "Robots.TXT",
    ] {
        let site = TestSite::new()
            .file("content/techs.md", VALID_PROFILE)
            .file(
                "content/guides/x.md",
                &format!("---\ntitle: X\nslug: {slug}\n---\n"),
            );
        let report = site.build();
        let d = find(
            &report.diagnostics,
            "is the name of a file the build writes",
        );
        assert!(d.is_error());
        assert_eq!(location(d), "content/guides/x.md:3:7", "{slug}");
        assert_refused_by_build_and_check(
            &site,
            &[
                "--> content/guides/x.md:3:7",
                "is the name of a file the build writes",
            ],
        );
    }
}

#[test]
fn a_page_in_a_generated_folder_is_an_error_even_without_a_page_there() {
    for file in [
        "content/clusters/mine.md",
        "content/explore.md",
        "content/Compare/x.md",
    ] {
        let site = TestSite::new().file(file, &page("Mine"));
        let problems = site.problems();
        let d = find(&problems, "already use");
        assert!(d.is_error());
        assert_eq!(d.file, Path::new(file));
    }
}

/// One file of a generated site: a page (`name.md`, maybe with a slug) or
/// another file copied as it is.
#[derive(Debug, Clone)]
enum Entry {
    Page {
        name: &'static str,
        slug: Option<&'static str>,
    },
    File {
        name: &'static str,
    },
}

fn entry() -> impl proptest::strategy::Strategy<Value = Entry> {
    use proptest::prelude::*;
    let names = prop::sample::select(vec![
        "about",
        "About",
        "a",
        "a/b",
        "404.html",
        "robots.txt",
        "index.html",
        "sitemap.xml",
        "occupations.csv",
        "occupations.json",
        "explore/index.json",
        "static/style.css",
        "about/index.html",
        "clusters/x",
        "static/explore.js",
        ".git",
    ]);
    let slugs = prop::option::of(prop::sample::select(vec![
        "x",
        "about",
        ".git",
        ".well-known",
        "robots.txt",
        "index.html",
        "Index.HTML",
        "occupations.json",
    ]));
    prop_oneof![
        (names.clone(), slugs).prop_map(|(name, slug)| Entry::Page { name, slug }),
        names.prop_map(|name| Entry::File { name }),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest_config(24))]

    /// Whatever files a site holds, a build either publishes every one of
    /// them intact (no output overwrote another) or fails with errors that
    /// each name a file of the site, without touching the output.
    #[test]
    fn no_output_silently_replaces_another(entries in proptest::collection::vec(entry(), 1..6)) {
        let site = TestSite::new()
            .file("content/techs.md", VALID_PROFILE)
            .file("site.yaml", "base_url: https://example.org/\n");
        // (path in the output, text it must hold)
        let mut expected: Vec<(String, String)> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let (file, text, published) = match entry {
                Entry::Page { name, slug } => {
                    let title = format!("Page number {i}");
                    let front = match slug {
                        Some(slug) => format!("---\ntitle: {title}\nslug: \"{slug}\"\n---\n"),
                        None => format!("---\ntitle: {title}\n---\n"),
                    };
                    let folder = match (slug, name.rsplit_once('/')) {
                        (Some(slug), Some((parent, _))) => format!("{parent}/{slug}"),
                        (Some(slug), None) => slug.to_string(),
                        (None, _) => name.to_string(),
                    };
                    (format!("content/{name}.md"), front, (format!("{folder}/index.html"), title))
                }
                Entry::File { name } => {
                    let text = format!("file number {i}");
                    (format!("content/{name}"), text.clone(), (name.to_string(), text))
                }
            };
            let path = site.path().join(&file);
            // Two entries may need one name as a file and as a folder; the
            // file system itself refuses the second.
            let written = path.parent().is_some_and(|p| fs::create_dir_all(p).is_ok())
                && !path.exists()
                && fs::write(&path, &text).is_ok();
            if written && !name_is_hidden(&file) {
                expected.push(published);
            }
        }
        let report = site.build();
        for d in &report.diagnostics {
            proptest::prop_assert!(!d.message.contains("os error"), "{d}");
        }
        if report.succeeded() {
            for (path, text) in &expected {
                let published = fs::read_to_string(site.path().join("output").join(path))
                    .unwrap_or_default();
                proptest::prop_assert!(published.contains(text.as_str()), "output/{path} lacks {text:?}");
            }
        } else {
            for d in report.diagnostics.iter().filter(|d| d.is_error()) {
                proptest::prop_assert!(site.path().join(&d.file).is_file(), "no such file: {d}");
                if d.file.extension().is_some_and(|e| e == "md" || e == "yaml") {
                    proptest::prop_assert!(d.position.is_some(), "no line: {d}");
                }
            }
            proptest::prop_assert!(!site.path().join("output").exists());
        }
    }
}

/// Files and folders starting with `.` are not part of the site.
fn name_is_hidden(file: &str) -> bool {
    file.split('/').any(|part| part.starts_with('.'))
}

#[test]
fn clusters_spelt_to_one_address_are_an_error_at_the_cluster_line() {
    let site = TestSite::new().file("content/a.md", VALID_PROFILE).file(
        "content/b.md",
        &VALID_PROFILE
            .replace("Health Science", "Health-Science")
            .replace("29-2071", "29-2072"),
    );
    let problems = site.problems();
    let d = find(&problems, "would share its page");
    assert_eq!(location(d), "content/b.md:5:10", "{d}");
    assert!(d.message.contains("/clusters/health-science/"), "{d}");
    assert!(
        !problems
            .iter()
            .any(|p| p.message.contains("two pages would be published")),
        "reported once, at the line: {}",
        show(&problems)
    );
}
