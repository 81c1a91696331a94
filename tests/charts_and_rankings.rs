//! Charts on profile pages and the ranked lists: the chart geometry agrees
//! with the figures, descriptions state them, missing and negative figures
//! are handled, rankings are in order and say what they leave out.

mod common;

use common::*;

/// The `<svg>` element whose class list contains `class`.
fn svg<'a>(html: &'a str, class: &str) -> &'a str {
    let at = html
        .find(&format!("class=\"chart-svg {class}\""))
        .unwrap_or_else(|| panic!("no {class}"));
    let start = html[..at].rfind("<svg").unwrap();
    let end = at + html[at..].find("</svg>").unwrap();
    &html[start..end]
}

/// The number in attribute `name` of the first tag after `from` in `text`.
fn attr(text: &str, from: &str, name: &str) -> f64 {
    let at = text
        .find(from)
        .unwrap_or_else(|| panic!("{from} not found"));
    let rest = &text[at..];
    let rest = &rest[rest.find(&format!(" {name}=\"")).unwrap() + name.len() + 3..];
    rest[..rest.find('"').unwrap()].parse().unwrap()
}

/// The x of the tick labelled `label`.
fn tick_x(chart: &str, label: &str) -> f64 {
    let at = chart
        .find(&format!(">{label}</text>"))
        .unwrap_or_else(|| panic!("no tick {label}"));
    let start = chart[..at].rfind("<text").unwrap();
    attr(&chart[start..], "<text", "x")
}

/// The part of a chart for the area labelled `area`.
fn chart_row<'a>(chart: &'a str, area: &str) -> &'a str {
    let at = chart.find(&format!(">{area}<")).expect("the area's row");
    let rest = &chart[at..];
    &rest[..rest.find("</g>").unwrap()]
}

#[test]
fn the_wage_chart_puts_washington_on_the_shared_scale() {
    let site = TestSite::sample();
    assert!(site.build().succeeded());
    let html = site.output("health-information-technicians/index.html");
    let chart = svg(&html, "wage-chart");
    assert!(chart.contains("role=\"img\""));
    assert!(chart.contains("aria-labelledby=\"wage-chart-title wage-chart-desc\""));
    // Two ticks fix the scale: $20,000 apart on the sample site.
    let (x40, x60) = (tick_x(chart, "$40,000"), tick_x(chart, "$60,000"));
    let at = |value: f64| x40 + (x60 - x40) * (value - 40000.0) / 20000.0;
    let row = chart_row(chart, "Washington");
    let median = attr(row, "class=\"median\"", "x1");
    assert!(
        (median - at(43500.0)).abs() < 0.2,
        "{median} vs {}",
        at(43500.0)
    );
    let band_x = attr(row, "class=\"band\"", "x");
    assert!(
        (band_x - at(35760.0)).abs() < 0.2,
        "{band_x} vs {}",
        at(35760.0)
    );
    // Nested areas are indented under their parent.
    let tspan_x = |area: &str| {
        let at = chart.find(&format!(">{area}<")).unwrap();
        let start = chart[..at].rfind("<tspan").unwrap();
        attr(&chart[start..], "<tspan", "x")
    };
    assert!(tspan_x("Bellingham") > tspan_x("Washington"));
    assert!(chart.contains(
        "In Washington the median yearly wage is $43,500; half of workers earn between $35,760 and $54,920"
    ));
    // The tables stay on the page.
    assert!(html.contains("class=\"figures wages\""));
    assert!(html.contains("class=\"figures outlook\""));
}

const PROFILE: &str = "---
title: Sample Technicians
soc: \"29-2071\"
wages:
  areas:
    - area: Washington
      hourly: [15.20, null, 20.91, null, \">=115.00\"]
    - area: Nowhere
      yearly: [null, null, null, null, null]
outlook:
  period: 2017-2027
  areas:
    - area: Washington
      growth: 19.4
      growth_all: 16.1
      openings: 523
    - area: King County
      within: Washington
      growth: -2.0
      growth_all: null
---
Text.
";

#[test]
fn missing_top_coded_and_derived_wages_are_drawn_honestly() {
    let site = TestSite::new().file("content/techs.md", PROFILE);
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    let html = site.output("techs/index.html");
    let chart = svg(&html, "wage-chart");
    let row = chart_row(chart, "Washington");
    assert!(
        !row.contains("class=\"band\""),
        "no band without both quartiles"
    );
    assert!(row.contains("class=\"median\""));
    assert!(row.contains("class=\"or-more\""));
    assert!(row.contains(">or more</text>"));
    assert!(chart.contains("the median yearly wage is $43,493"));
    assert!(chart.contains("the 90th percentile is $239,200 or more"));
    assert!(
        chart.contains("The 25th percentile and 75th percentile are not published and not drawn.")
    );
    assert!(chart.contains("derived from hourly wages"));
    let nowhere = chart_row(chart, "Nowhere");
    assert!(nowhere.contains(">not published</text>"));
    assert!(!nowhere.contains("<line"));
}

#[test]
fn the_outlook_chart_draws_negative_growth_left_of_zero() {
    let site = TestSite::new().file("content/techs.md", PROFILE);
    assert!(site.build().succeeded());
    let html = site.output("techs/index.html");
    let chart = svg(&html, "outlook-chart");
    let zero = attr(chart, "class=\"zero-line\"", "x1");
    let king = chart_row(chart, "King County");
    let x = attr(king, "class=\"bar occupation\"", "x");
    let width = attr(king, "class=\"bar occupation\"", "width");
    assert!(x < zero && (x + width - zero).abs() < 0.2);
    assert!(king.contains(">\u{2212}2.0%</text>"));
    assert!(king.contains(">not published</text>"));
    assert!(!king.contains("class=\"bar all\""));
    let washington = chart_row(chart, "Washington");
    assert!(attr(washington, "class=\"bar occupation\"", "x") >= zero - 0.1);
    assert!(chart.contains("This occupation") && chart.contains("All occupations in the area"));
    assert!(
        chart.contains("fill=\"url(#outlook-hatch)\""),
        "not colour alone"
    );
    assert!(chart.contains(
        "In King County, jobs in this occupation are projected to change by \u{2212}2.0% over 2017-2027"
    ));
}

fn profile(slug: &str, title: &str, wages: &str, outlook: &str) -> (String, String) {
    (
        format!("content/{slug}.md"),
        format!("---\ntitle: {title}\nsoc: \"29-2071\"\n{wages}{outlook}---\nText.\n"),
    )
}

fn ranked_site(primary: Option<&str>) -> TestSite {
    let wages = |area: &str, yearly: &str| {
        format!("wages:\n  areas:\n    - area: {area}\n      yearly: [1, 2, {yearly}, 4000000, 5000000]\n")
    };
    let outlook = |area: &str, growth: &str, openings: &str| {
        format!("outlook:\n  areas:\n    - area: {area}\n      growth: {growth}\n      openings: {openings}\n")
    };
    let files = [
        profile(
            "a",
            "Alpha",
            &wages("Washington", "50000"),
            &outlook("Washington", "3.5", "10"),
        ),
        profile(
            "b",
            "Beta",
            "wages:\n  areas:\n    - area: Washington\n      hourly: [1, 2, 30.00, 400, 500]\n",
            &outlook("Washington", "-1.5", "null"),
        ),
        profile("c", "Gamma", &wages("Oregon", "90000"), ""),
        profile("d", "Delta", "", ""),
    ];
    let mut site = TestSite::new();
    for (path, text) in files {
        site = site.file(&path, &text);
    }
    if let Some(area) = primary {
        site = site.file("site.yaml", &format!("primary_area: {area}\n"));
    }
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    site
}

/// The ranked titles of a ranking page, in order.
fn ranked_titles(html: &str) -> Vec<String> {
    html.split("class=\"occupation\"><a href=")
        .skip(1)
        .map(|s| {
            let s = &s[s.find('>').unwrap() + 1..];
            s[..s.find('<').unwrap()].to_string()
        })
        .collect()
}

#[test]
fn rankings_order_profiles_and_count_the_left_out() {
    let site = ranked_site(Some("Washington"));
    let paying = site.output("rankings/highest-paying/index.html");
    assert_eq!(ranked_titles(&paying), ["Beta", "Alpha"]);
    assert!(
        paying.contains("$62,400<span class=\"marker\""),
        "Beta's derived median is marked"
    );
    assert!(paying.contains("<strong>Derived:</strong>"));
    assert!(text_of(&paying).contains(
        "2 profiles are left out because no median yearly wage is published for Washington."
    ));
    assert!(text_of(&paying).contains("Figures for Washington."));
    let growing = site.output("rankings/fastest-growing/index.html");
    assert_eq!(ranked_titles(&growing), ["Alpha", "Beta"]);
    assert!(growing.contains("\u{2212}1.5%"));
    let openings = site.output("rankings/most-openings/index.html");
    assert_eq!(ranked_titles(&openings), ["Alpha"]);
    assert!(text_of(&openings).contains("3 profiles are left out"));
    let index = site.output("rankings/index.html");
    for page in ["highest-paying", "fastest-growing", "most-openings"] {
        assert!(index.contains(&format!("/rankings/{page}/")));
    }
    assert!(index.contains("href=\"/rankings/\" aria-current=\"page\""));
    assert!(site.output("index.html").contains("href=\"/rankings/\""));
}

#[test]
fn without_a_primary_area_each_profiles_first_area_is_used_and_said() {
    let site = ranked_site(None);
    let paying = site.output("rankings/highest-paying/index.html");
    assert_eq!(ranked_titles(&paying), ["Gamma", "Beta", "Alpha"]);
    assert!(text_of(&paying).contains("each profile’s figure is for its first listed area"));
    assert!(paying.contains("<td class=\"area\">Oregon</td>"));
    assert!(text_of(&paying).contains("1 profile is left out"));
}

#[test]
fn a_content_page_in_the_rankings_folder_is_a_collision() {
    let site = TestSite::new()
        .file("content/a.md", VALID_PROFILE)
        .file("content/rankings/top.md", "---\ntitle: Top\n---\nText.\n");
    let problems = site.problems();
    let d = find(&problems, "which the ranking pages already use");
    assert!(d.file.display().to_string().contains("rankings"));
}
