//! What readers get: derived and unpublished figures, nesting, links,
//! drafts, slugs, pretty URLs, plain pages, the home page, base paths,
//! theme overrides and escaping. Snapshots pin whole pages.

mod common;

use common::*;

const PROFILE: &str = "---
title: Sample Technicians
soc: \"29-2071\"
soc_version: 2010
also_called: [Sample clerks]
summary: Sample data for tests.
at_a_glance: [Work with records]
pros: [Calm work]
cons: [Long hours at a desk]
cluster: Health Science
holland: CIE
job_zone: 3
education: associate
related: [coders]
onet: [\"29-2071.00\"]
reviewed: 2019-02-24
wages:
  source: Sample data
  as_of: \"2019\"
  areas:
    - area: Washington
      hourly: [15.20, 17.19, null, 26.40, \">=115.00\"]
    - area: King County
      within: Washington
      yearly: [31610, 35760, 43500, 54920, 65620]
outlook:
  source: Sample projections
  period: 2017-2027
  areas:
    - area: Washington
      employment: 5050
      growth: 19.4
      growth_all: 16.1
      openings: 523
    - area: King County
      within: Washington
      employment: 1958
      growth: -2.0
      growth_all: null
      openings: 213
---
## Job duties

Techs keep records. See [the coders](coders.md#duties).

#private note checked 2/12/15 lh

## Working conditions

Offices.
";

const CODERS: &str = "---
title: Medical Coders
soc: \"29-2072\"
summary: Code records.
---
## Duties

Coding.
";

/// The `<td ...>` opening tag of the first cell showing `figure`.
fn cell_classes<'a>(html: &'a str, figure: &str) -> &'a str {
    let at = html
        .find(&format!(">{figure}"))
        .unwrap_or_else(|| panic!("{figure} not shown"));
    let start = html[..at].rfind("<td").expect("in a cell");
    &html[start..at]
}

fn sample() -> TestSite {
    let site = TestSite::new()
        .file("content/techs.md", PROFILE)
        .file("content/coders.md", CODERS)
        .file(
            "content/_index.md",
            "---\ntitle: Sample Careers\n---\nWelcome, *reader*.\n",
        )
        .file(
            "content/guides/about.md",
            "---\ntitle: About us\n---\nPlain **page**.\n",
        )
        .file(
            "site.yaml",
            "title: Sample Site\nprimary_area: Washington\n",
        );
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    site
}

#[test]
fn derived_figures_are_marked_and_explained() {
    let site = sample();
    let html = site.output("techs/index.html");
    // King County gave yearly figures only: hourly and monthly are derived.
    assert!(html.contains("$15.20"), "given hourly figure");
    assert!(html.contains("status-derived"), "derived cells are marked");
    assert!(text_of(&html).contains("$15.20"));
    assert!(
        cell_classes(&html, "$20.91").contains("status-derived"),
        "derived hourly median 43500 / 2080"
    );
    assert!(
        cell_classes(&html, "$3,625").contains("status-derived"),
        "derived monthly median 43500 / 12"
    );
    assert!(cell_classes(&html, "$15.20").contains("status-given"));
    assert!(
        text_of(&html).to_lowercase().contains("derived"),
        "a legend explains the mark"
    );
}

#[test]
fn unpublished_and_top_coded_figures() {
    let html = sample().output("techs/index.html");
    let text = text_of(&html);
    assert!(text.contains("not published"));
    assert!(text.contains("$115.00 or more"));
    // Chart axes may start at a $0 tick; figures never read $0.
    let figures: String = html
        .split("</svg>")
        .map(|s| s.split("<svg").next().unwrap_or(s))
        .collect();
    assert!(
        !text_of(&figures).contains("$0"),
        "a null is never shown as zero"
    );
}

#[test]
fn nested_areas_and_outlook_percentages() {
    let html = sample().output("techs/index.html");
    assert!(html.contains("depth-1"));
    let text = text_of(&html);
    assert!(text.contains("19.4%") && text.contains("16.1%"));
    assert!(
        text.contains("\u{2212}2.0%"),
        "negative growth with a minus sign"
    );
    assert!(text.contains("2017-2027") || text.contains("2017–2027"));
}

#[test]
fn links_related_careers_and_taxonomies() {
    let site = sample();
    let html = site.output("techs/index.html");
    assert!(
        html.contains(r#"href="/coders/#duties""#),
        "relative .md link rewritten"
    );
    assert!(html.contains(r#"href="/coders/""#), "related career linked");
    assert!(text_of(&html).contains("Medical Coders"));
    for url in [
        "/clusters/health-science/",
        "/interests/c/",
        "/job-zones/3/",
        "/education/associate/",
    ] {
        assert!(html.contains(&format!("href=\"{url}\"")), "link to {url}");
    }
    let term = site.output("clusters/health-science/index.html");
    assert!(term.contains("Sample Technicians"));
}

#[test]
fn editor_notes_never_reach_the_page() {
    let html = sample().output("techs/index.html");
    assert!(!html.contains("private note"));
    assert!(!html.contains("2/12/15"));
}

#[test]
fn table_of_contents_from_sections() {
    let html = sample().output("techs/index.html");
    assert!(html.contains(r##"href="#job-duties""##));
    assert!(html.contains(r#"id="job-duties""#));
}

#[test]
fn home_page_lists_profiles_with_headline_figures() {
    let site = sample();
    let home = site.output("index.html");
    let text = text_of(&home);
    assert!(text.contains("Sample Careers"));
    assert!(home.contains("<em>reader</em>"));
    assert!(text.contains("Sample Technicians") && text.contains("Medical Coders"));
    assert!(text.contains("29-2071"));
    assert!(text.contains("19.4%"), "growth in the primary area");
}

#[test]
fn plain_pages_and_pretty_urls() {
    let site = sample();
    let page = site.output("guides/about/index.html");
    assert!(page.contains("<strong>page</strong>"));
    assert!(site.output_exists("404.html"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::new().file("content/draft.md", "---\ntitle: Draft\ndraft: true\n---\n");
    assert!(site.build().succeeded());
    assert!(!site.output_exists("draft/index.html"));
    assert!(site.build_with(|o| o.include_drafts = true).succeeded());
    assert!(site.output_exists("draft/index.html"));
}

#[test]
fn slugs_replace_the_file_name_in_the_url() {
    let site = TestSite::new().file(
        "content/jobs/long-file-name.md",
        "---\ntitle: X\nslug: short\n---\n",
    );
    assert!(site.build().succeeded());
    assert!(site.output_exists("jobs/short/index.html"));
}

#[test]
fn a_base_url_with_a_path_prefixes_every_link() {
    let site = sample();
    let report = site.build_with(|o| o.base_url = Some("https://example.org/guide/".into()));
    assert!(report.succeeded());
    let html = site.output("techs/index.html");
    assert!(html.contains(r#"href="/guide/coders/#duties""#));
    assert!(
        html.contains(r#"href="/guide/static/"#),
        "assets under the base path"
    );
    for (i, _) in html.match_indices("href=\"/") {
        assert!(
            html[i..].starts_with("href=\"/guide/"),
            "unprefixed link: {}",
            &html[i..i + 40]
        );
    }
}

#[test]
fn site_templates_and_static_files_override_the_theme() {
    let site = sample();
    site.write(
        "templates/page.html",
        "<!doctype html><title>x</title><p>OVERRIDDEN {{ page.title }}</p>",
    );
    site.write("static/style.css", "/* site css */");
    site.write("static/extra.txt", "extra");
    assert!(site.build().succeeded());
    assert!(site
        .output("guides/about/index.html")
        .contains("OVERRIDDEN About us"));
    assert_eq!(site.output("static/style.css"), "/* site css */");
    assert_eq!(site.output("static/extra.txt"), "extra");
    assert!(!site.output("techs/index.html").contains("OVERRIDDEN"));
}

#[test]
fn front_matter_values_are_escaped() {
    let site = TestSite::new().file(
        "content/x.md",
        "---\ntitle: \"<script>alert(1)</script>\"\nsoc: \"29-2071\"\nalso_called: [\"<b>bold</b>\"]\n---\n",
    );
    assert!(site.build().succeeded());
    let html = site.output("x/index.html");
    assert!(!html.contains("<script>alert(1)"));
    assert!(html.contains("&lt;script&gt;"));
    assert!(!html.contains("<b>bold</b>"));
}

#[test]
fn other_files_in_content_are_copied() {
    let site = TestSite::new()
        .file("content/a.md", "---\ntitle: A\n---\n")
        .file("content/files/chart.pdf", "%PDF");
    assert!(site.build().succeeded());
    assert_eq!(site.output("files/chart.pdf"), "%PDF");
}

#[test]
fn snapshot_of_a_profile_page() {
    insta::assert_snapshot!("profile_page", sample().output("techs/index.html"));
}

#[test]
fn snapshot_of_a_term_page() {
    insta::assert_snapshot!(
        "term_page",
        sample().output("clusters/health-science/index.html")
    );
}

/// Issue 14: "not published" means the source withheld a figure. A profile
/// without a wage table says "No wage figures yet", on its page and in every
/// listing; one whose figures were withheld still says "not published".
#[test]
fn a_profile_without_wages_says_no_wage_figures_yet() {
    let site = sample().file(
        "content/withheld.md",
        "---\ntitle: Withheld Wages\nsoc: \"29-2081\"\nwages:\n  areas:\n    - area: Washington\n      yearly: [null, null, null, null, null]\n---\nText.\n",
    );
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));

    let coders = site.output("coders/index.html");
    assert!(
        coders.contains("<h2 id=\"wages-heading\">Wages</h2>\n    <p class=\"no-figures\">No wage figures yet.</p>"),
        "{coders}"
    );
    assert!(!text_of(&coders).contains("not published"), "{coders}");
    assert!(
        !coders.contains("Median yearly wage"),
        "no key figure for it"
    );

    for listing in ["index.html", "explore/index.html"] {
        let html = site.output(listing);
        assert!(
            cell_classes(&html, "No wage figures yet").contains("status-missing"),
            "{listing}"
        );
        let withheld = &html[html.find("Withheld Wages").expect("listed")..];
        assert!(
            cell_classes(withheld, "not published").contains("status-not-published"),
            "{listing}"
        );
    }
    let index: serde_json::Value =
        serde_json::from_str(&site.output("explore/index.json")).unwrap();
    let coders = index["occupations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o[1] == "Medical Coders")
        .expect("in the index");
    // Entries are arrays in the order of `columns`; a figure without a
    // number is the build's figure, with its text.
    assert_eq!(index["columns"][8], "median_yearly");
    assert_eq!(coders[8]["text"], "No wage figures yet");
    assert_eq!(coders[8]["status"], "missing");
}

#[test]
fn every_page_names_the_theme_favicon_and_a_site_file_replaces_it() {
    let site = TestSite::sample();
    assert!(site.build().succeeded());
    let icon = site.output("static/favicon.svg");
    assert!(icon.starts_with("<svg"), "{icon}");
    for page in ["index.html", "explore/index.html", "404.html"] {
        assert!(
            site.output(page)
                .contains(r#"<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">"#),
            "{page}"
        );
    }
    let site = TestSite::sample().file("static/favicon.svg", "<svg>mine</svg>");
    assert!(site.build().succeeded());
    assert_eq!(site.output("static/favicon.svg"), "<svg>mine</svg>");
}
