//! `careers check`: links, anchors, templates, notes, insecure and
//! external links, and the report formats.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::Duration;

use careers::check::{check, external, CheckOptions, CheckReport};
use common::*;

fn options(site: &TestSite) -> CheckOptions {
    CheckOptions {
        root: site.path().to_path_buf(),
        include_drafts: false,
        external: false,
        limits: external::Limits::default(),
        today: jiff::civil::date(2026, 11, 22),
    }
}

fn run_check(site: &TestSite) -> CheckReport {
    check(&options(site)).expect("check runs")
}

#[test]
fn a_clean_site_has_no_problems_and_writes_nothing() {
    let site = TestSite::new().file("content/techs.md", VALID_PROFILE);
    let report = run_check(&site);
    assert_eq!(report.errors, 0, "{}", show(&report.diagnostics));
    assert!(
        report.links_checked > 10,
        "links in templates are checked too"
    );
    assert!(!site.path().join("output").exists(), "check wrote output");
}

#[test]
fn broken_internal_links_and_missing_anchors() {
    let site = TestSite::new()
        .file(
            "content/a.md",
            "---\ntitle: A\n---\nSee [b](b.md#somewher) and [gone](/gone/) and [top](#top).\n",
        )
        .file(
            "content/b.md",
            "---\ntitle: B\n---\n## Somewhere\n\nText.\n",
        );
    let report = run_check(&site);
    let missing_anchor = find(
        &report.diagnostics,
        "there is no `#somewher` on b/index.html",
    );
    assert_eq!(location(missing_anchor), "content/a.md:4:13");
    assert_eq!(
        missing_anchor.hint.as_deref(),
        Some("did you mean `#somewhere`?")
    );
    let gone = find(&report.diagnostics, "the link to `/gone/` leads to no file");
    assert_eq!(location(gone), "content/a.md:4:35");
    find(&report.diagnostics, "there is no `#top` on this page");
    assert_eq!(report.errors, 3, "{}", show(&report.diagnostics));
}

/// A broken link is one problem, however often and in whatever form it is
/// written, with the nearest existing page suggested.
#[test]
fn a_broken_link_is_reported_once_with_the_nearest_page() {
    let site = TestSite::new()
        .file(
            "content/techs.md",
            "---\ntitle: Techs\n---\nSee [coders](coders.md) and [again](coders.md).\n\nAnd [folder](../coderz/), [x](coders.md#duties), [y](../coderz/).\n",
        )
        .file("content/coder.md", "---\ntitle: Coders\n---\nHi\n");
    let report = run_check(&site);
    assert_eq!(report.errors, 2, "{}", show(&report.diagnostics));
    let md = find(
        &report.diagnostics,
        "the link to `coders.md` leads to no page",
    );
    assert_eq!(location(md), "content/techs.md:4:5");
    assert!(md.message.contains("written 3 times"), "{md}");
    assert_eq!(md.hint.as_deref(), Some("did you mean `coder.md`?"));
    let folder = find(
        &report.diagnostics,
        "the link to `../coderz/` leads to no file",
    );
    assert_eq!(location(folder), "content/techs.md:6:14");
    assert_eq!(
        folder.hint.as_deref(),
        Some("did you mean `/coder/`, the page of content/coder.md?")
    );
}

#[test]
fn links_written_by_templates_are_checked() {
    let site = TestSite::new().file("content/a.md", "---\ntitle: A\n---\n").file(
        "templates/page.html",
        "<!doctype html><html lang=en><title>{{ page.title }}</title><a href=\"{{ site.base_path }}nowhere/\">x</a>",
    );
    let report = run_check(&site);
    let d = find(
        &report.diagnostics,
        "the link to `/nowhere/` leads to no file",
    );
    assert!(d.file.ends_with("templates/page.html"), "{d}");
}

#[test]
fn a_broken_template_fails_check() {
    let site = TestSite::new()
        .file("content/techs.md", VALID_PROFILE)
        .file("templates/profile.html", "{% extends \"base.html\" %}{% block content %}{{ profile.soc | nosuchfilter }}{% endblock content %}");
    let report = run_check(&site);
    assert!(report.errors >= 1);
    find(&report.diagnostics, "Unknown filter");
    site.run(&["check"]).code(1);
}

#[test]
fn notes_are_listed_with_dates_and_stale_ones_flagged() {
    let site = TestSite::new().file(
        "content/a.md",
        "---\ntitle: A\n---\nText.\n\n#checked 2/12/15 lh\n\n#fresh 2026-10-01\n\n#no date here\n",
    );
    let report = run_check(&site);
    let notes: Vec<_> = report
        .notes
        .iter()
        .map(|n| (n.line, n.date.clone(), n.stale))
        .collect();
    assert_eq!(
        notes,
        [
            (6, Some("2015-02-12".to_string()), true),
            (8, Some("2026-10-01".to_string()), false),
            (10, None, false)
        ]
    );
    let d = find(
        &report.diagnostics,
        "review date is more than 24 months old",
    );
    assert_eq!(location(d), "content/a.md:6:1");
}

#[test]
fn stale_reviewed_dates_and_missing_parts_of_profiles() {
    let site = TestSite::new()
        .file(
            "site.yaml",
            "primary_area: Oregon\nreview_after_months: 12\n",
        )
        .file(
            "content/techs.md",
            &VALID_PROFILE.replace("summary: Keep medical records.\n", "reviewed: 2024-01-01\n"),
        );
    let report = run_check(&site);
    find(
        &report.diagnostics,
        "last reviewed 2024-01-01, more than 12 months ago",
    );
    find(&report.diagnostics, "no `summary`");
    find(
        &report.diagnostics,
        "the wages have no row for the primary area, Oregon",
    );
    find(&report.diagnostics, "no `outlook`");
    assert_eq!(report.errors, 0, "these are warnings");
}

#[test]
fn insecure_and_unsafe_links() {
    let site = TestSite::new().file(
        "content/a.md",
        "---\ntitle: A\n---\n[old](http://example.org/) and [bad](javascript:alert(1))\n",
    );
    let report = run_check(&site);
    let insecure = find(
        &report.diagnostics,
        "`http://example.org/` is not a secure link",
    );
    assert!(!insecure.is_error());
    assert_eq!(location(insecure), "content/a.md:4:7");
    assert!(find(&report.diagnostics, "`javascript:` link").is_error());
    assert!(
        report.external.is_empty(),
        "nothing is fetched without --external"
    );
}

/// A loopback server answering by path: /ok 200, /missing 404, /error 500,
/// /head-refused 405 to HEAD but 200 to GET, /slow after 3 seconds.
fn start_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request_line = String::new();
                if reader.read_line(&mut request_line).is_err() {
                    return;
                }
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let mut parts = request_line.split_whitespace();
                let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                let status = match (method, path) {
                    (_, "/ok") => "200 OK",
                    (_, "/missing") => "404 Not Found",
                    (_, "/error") => "500 Internal Server Error",
                    ("HEAD", "/head-refused") => "405 Method Not Allowed",
                    (_, "/head-refused") => "200 OK",
                    (_, "/slow") => {
                        std::thread::sleep(Duration::from_secs(3));
                        "200 OK"
                    }
                    _ => "404 Not Found",
                };
                let mut stream = stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
            });
        }
    });
    address
}

#[test]
fn external_links_are_fetched_only_when_asked() {
    let server = start_server();
    let body: String = ["ok", "missing", "error", "head-refused", "slow"]
        .iter()
        .map(|p| format!("- [{p}]({server}/{p})\n"))
        .collect();
    let site = TestSite::new().file("content/a.md", &format!("---\ntitle: A\n---\n{body}"));
    let mut opts = options(&site);
    opts.external = true;
    opts.limits = external::Limits {
        timeout: Duration::from_millis(700),
        retries: 1,
        backoff: Duration::from_millis(10),
        ..Default::default()
    };
    let report = check(&opts).unwrap();
    let outcome = |p: &str| {
        report
            .external
            .iter()
            .find(|l| l.url.ends_with(&format!("/{p}")))
            .map(|l| l.outcome.clone())
            .unwrap()
    };
    assert_eq!(outcome("ok"), external::Outcome::Ok { status: 200 });
    assert_eq!(
        outcome("missing"),
        external::Outcome::Broken { status: 404 }
    );
    assert_eq!(outcome("error"), external::Outcome::Broken { status: 500 });
    assert_eq!(
        outcome("head-refused"),
        external::Outcome::Ok { status: 200 }
    );
    assert!(matches!(
        outcome("slow"),
        external::Outcome::Unreachable { .. }
    ));
    assert!(find(&report.diagnostics, "answers 404").is_error());
    assert!(!find(&report.diagnostics, "could not be reached").is_error());
    // The loopback server speaks http://, which is also reported as insecure.
    assert_eq!(
        report
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("not a secure link"))
            .count(),
        5
    );
}

#[test]
fn cli_formats_and_exit_codes() {
    let site = TestSite::new().file("content/a.md", "---\ntitle: A\n---\n[x](/nope/)\n");
    let human = site.run(&["check"]).code(1);
    assert!(
        human
            .stdout
            .contains("── content/a.md (1 error, 0 warnings)"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("Checked "), "{}", human.stdout);
    let json = site.run(&["check", "--format", "json"]).code(1);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("one JSON document");
    assert_eq!(value["errors"], 1);
    assert_eq!(value["diagnostics"][0]["file"], "content/a.md");
    assert_eq!(value["diagnostics"][0]["position"]["line"], 4);
    TestSite::new()
        .file("content/techs.md", VALID_PROFILE)
        .run(&["check"])
        .code(0);
}
