//! Structured data, metadata and the publishing files: JSON-LD on profile
//! pages, Open Graph tags, sitemap.xml, robots.txt and the data downloads
//! (occupations.csv, occupations.json).

mod common;

use common::{TestSite, VALID_PROFILE};
use serde_json::Value;

const PROFILE: &str = "health-information-technicians/index.html";

/// The JSON-LD block of a page, parsed.
fn json_ld(html: &str) -> Value {
    let start_tag = "<script type=\"application/ld+json\">";
    let start = html.find(start_tag).expect("a JSON-LD block") + start_tag.len();
    let end = start + html[start..].find("</script>").expect("the block ends");
    serde_json::from_str(&html[start..end]).expect("the JSON-LD parses")
}

/// The `<tbody>` of an area in the wage table.
fn wage_area<'a>(html: &'a str, area: &str) -> &'a str {
    let table = &html[html.find("class=\"figures wages\"").expect("a wage table")..];
    let heading = format!(">{area}<");
    let at = table.find(&heading).expect("the area's rows");
    let rest = &table[at..];
    &rest[..rest.find("</tbody>").expect("the area ends")]
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("CSV parses");
    (header, rows)
}

fn cell<'a>(header: &[String], row: &'a csv::StringRecord, name: &str) -> &'a str {
    let i = header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    &row[i]
}

#[test]
fn json_ld_parses_and_agrees_with_the_page() {
    let site = TestSite::sample();
    assert!(site.build().succeeded());
    let html = site.output(PROFILE);
    let data = json_ld(&html);
    assert_eq!(data["@context"], "https://schema.org");
    assert_eq!(data["@type"], "Occupation");
    assert_eq!(data["name"], "Health Information Technicians");
    assert_eq!(data["alternateName"][0], "Medical records technicians");
    assert!(data["description"]
        .as_str()
        .unwrap()
        .starts_with("Gather, code"));
    let category = &data["occupationalCategory"];
    assert_eq!(category["@type"], "CategoryCode");
    assert_eq!(category["codeValue"], "29-2071");
    assert_eq!(category["inCodeSet"]["@type"], "CategoryCodeSet");
    assert_eq!(category["inCodeSet"]["name"], "SOC 2010");
    assert_eq!(data["educationRequirements"], "Associate's degree");
    assert_eq!(data["mainEntityOfPage"]["@type"], "WebPage");
    assert_eq!(data["mainEntityOfPage"]["lastReviewed"], "2019-02-24");
    assert!(html.contains("datetime=\"2019-02-24\""));

    let salaries = data["estimatedSalary"].as_array().expect("salaries");
    assert!(salaries.len() > 10);
    let washington = &salaries[0];
    assert_eq!(washington["@type"], "MonetaryAmountDistribution");
    assert_eq!(washington["name"], "Washington");
    assert_eq!(washington["currency"], "USD");
    assert_eq!(washington["duration"], "P1Y");
    assert_eq!(washington["median"], 43500);
    assert_eq!(washington["percentile10"], 31610);
    assert_eq!(washington["percentile90"], 65620);
    // Every area's yearly figures are the ones its table rows show.
    for salary in salaries {
        let area = salary["name"].as_str().unwrap();
        let rows = wage_area(&html, area);
        for key in [
            "percentile10",
            "percentile25",
            "median",
            "percentile75",
            "percentile90",
        ] {
            if let Some(value) = salary[key].as_f64() {
                let text = careers::format::money(value, false);
                assert!(rows.contains(&text), "{area} {key}: {text} not on the page");
            }
        }
    }
    let places = data["occupationLocation"].as_array().expect("locations");
    assert_eq!(places[0]["@type"], "AdministrativeArea");
    assert_eq!(places[0]["name"], "Washington");
    assert_eq!(places[1]["containedInPlace"]["name"], "Washington");
    // Without a host in base_url there is no permalink to name.
    assert!(data["mainEntityOfPage"].get("url").is_none());
}

#[test]
fn json_ld_cannot_close_its_script_element() {
    let profile = VALID_PROFILE.replace(
        "summary: Keep medical records.",
        "summary: \"Tricky </script><script>alert(1)</script> & more\"",
    );
    let site = TestSite::new().file("content/tech.md", &profile);
    let report = site.build();
    assert!(report.succeeded(), "{:?}", report.diagnostics);
    let html = site.output("tech/index.html");
    let head = &html[..html.find("</head>").unwrap()];
    assert_eq!(head.matches("</script>").count(), 1, "{head}");
    let data = json_ld(&html);
    assert_eq!(
        data["description"],
        "Tricky </script><script>alert(1)</script> & more"
    );
}

#[test]
fn top_coded_and_derived_figures_are_labelled() {
    let profile = VALID_PROFILE.replace(
        "hourly: [15.20, 17.19, 20.91, 26.40, 31.55]",
        "hourly: [null, 17.19, 20.91, 26.40, \">=115.00\"]",
    );
    let site = TestSite::new().file("content/tech.md", &profile);
    let report = site.build();
    assert!(report.succeeded(), "{:?}", report.diagnostics);

    // JSON-LD: derived yearly figures as numbers; not published and
    // top-coded ones left out.
    let data = json_ld(&site.output("tech/index.html"));
    let salary = &data["estimatedSalary"][0];
    assert_eq!(salary["median"], 43493);
    assert!(salary.get("percentile10").is_none());
    assert!(salary.get("percentile90").is_none());

    let (header, rows) = csv_rows(&site.output("occupations.csv"));
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(cell(&header, row, "hourly_p10"), "");
    assert_eq!(cell(&header, row, "hourly_p90"), ">=115.00");
    assert_eq!(cell(&header, row, "yearly_median"), "43493");
    assert_eq!(cell(&header, row, "yearly_p90"), ">=239200");
    let derived: Vec<&str> = cell(&header, row, "derived").split(' ').collect();
    assert!(derived.contains(&"yearly_median") && derived.contains(&"monthly_p25"));
    assert!(!derived.iter().any(|d| d.starts_with("hourly")));
    assert!(
        !derived.contains(&"yearly_p10"),
        "not published is not derived"
    );
    assert_eq!(
        cell(&header, row, "top_coded"),
        "hourly_p90 monthly_p90 yearly_p90"
    );

    let json: Value = serde_json::from_str(&site.output("occupations.json")).unwrap();
    let yearly = &json["occupations"][0]["wages"]["areas"][0]["yearly"];
    assert_eq!(yearly["p10"], Value::Null);
    assert_eq!(yearly["median"]["value"], 43493);
    assert_eq!(yearly["median"]["derived"], true);
    assert_eq!(yearly["p90"]["top_coded"], true);
    let hourly = &json["occupations"][0]["wages"]["areas"][0]["hourly"];
    assert_eq!(hourly["median"]["value"], 20.91);
    // A given figure carries no `derived` (it is written only when true).
    assert_eq!(hourly["median"]["derived"], Value::Null);
    assert_eq!(hourly["median"]["top_coded"], Value::Null);
}

#[test]
fn open_graph_and_description_tags() {
    let site = TestSite::sample();
    assert!(site
        .build_with(|o| o.base_url = Some("https://example.org/guide/".into()))
        .succeeded());
    let html = site.output(PROFILE);
    assert!(html.contains("<meta name=\"description\" content=\"Gather, code"));
    assert!(
        html.contains("<meta property=\"og:title\" content=\"Health Information Technicians\">")
    );
    assert!(html.contains("<meta property=\"og:description\" content=\"Gather, code"));
    assert!(html.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(html.contains(
        "<meta property=\"og:url\" content=\"https://example.org/guide/health-information-technicians/\">"
    ));
    assert!(
        html.contains("<meta property=\"og:site_name\" content=\"Washington Career Profiles\">")
    );
    assert!(html.contains(
        "<link rel=\"canonical\" href=\"https://example.org/guide/health-information-technicians/\">"
    ));
    let not_found = site.output("404.html");
    assert!(!not_found.contains("og:url"));
    let home = site.output("index.html");
    assert!(home.contains("<meta property=\"og:type\" content=\"website\">"));
}

#[test]
fn sitemap_lists_every_page_with_review_dates() {
    let site = TestSite::sample();
    assert!(site
        .build_with(|o| o.base_url = Some("https://example.org/guide/".into()))
        .succeeded());
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    // The sample site is in English and Spanish: alternates are written
    // with the xhtml namespace.
    assert!(sitemap.contains(
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">"
    ));
    let locs: Vec<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| &s[..s.find("</loc>").unwrap()])
        .collect();
    // Every page written (all index.html files), and nothing else, but
    // the untranslated pages of a language, whose canonical address is
    // their source's.
    let output = site.path().join("output");
    let mut pages: Vec<String> = walkdir::WalkDir::new(&output)
        .into_iter()
        .flatten()
        .filter(|e| e.file_name() == "index.html")
        .filter(|e| {
            !std::fs::read_to_string(e.path())
                .unwrap()
                .contains("class=\"fallback-notice\"")
        })
        .map(|e| {
            let rel = e.path().parent().unwrap().strip_prefix(&output).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            if rel.is_empty() {
                "https://example.org/guide/".to_string()
            } else {
                format!("https://example.org/guide/{rel}/")
            }
        })
        .collect();
    pages.sort();
    let mut listed: Vec<String> = locs.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(listed, pages);
    assert!(!sitemap.contains("404"));
    assert!(sitemap.contains(
        "<loc>https://example.org/guide/health-information-technicians/</loc><lastmod>2019-02-24</lastmod>"
    ));
    // The translated profile names both versions, each in both entries;
    // an untranslated one names none.
    let both = "<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/guide/health-information-technicians/\"/>\
                <xhtml:link rel=\"alternate\" hreflang=\"es\" href=\"https://example.org/guide/es/health-information-technicians/\"/>\
                <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://example.org/guide/health-information-technicians/\"/>";
    assert_eq!(sitemap.matches(both).count(), 2, "{sitemap}");
    assert!(
        sitemap.contains("<loc>https://example.org/guide/es/health-information-technicians/</loc>")
    );
    assert!(!sitemap.contains("/es/medical-records-specialists/"));
    // Every profile with a review date has a lastmod.
    for entry in sitemap.split("<url>").skip(1) {
        if entry.contains("health-information-technicians/") {
            assert!(entry.contains("<lastmod>"), "{entry}");
        }
    }

    let robots = site.output("robots.txt");
    assert!(robots.contains("User-agent: *"));
    assert!(robots.contains("Sitemap: https://example.org/guide/sitemap.xml\n"));
}

#[test]
fn without_an_address_there_is_no_sitemap() {
    let site = TestSite::sample();
    assert!(site.build().succeeded());
    assert!(!site.output_exists("sitemap.xml"));
    let robots = site.output("robots.txt");
    assert!(robots.contains("User-agent: *"));
    assert!(!robots.contains("Sitemap"));
    assert!(site.output_exists("404.html"));
}

#[test]
fn csv_has_one_row_per_occupation_and_area() {
    let site = TestSite::sample();
    assert!(site.build().succeeded());
    let (header, rows) = csv_rows(&site.output("occupations.csv"));
    // The sample site is in English and Spanish: the Spanish titles
    // follow the English ones.
    assert_eq!(
        &header[..11],
        [
            "title",
            "title_es",
            "soc",
            "soc_version",
            "url",
            "cluster",
            "education",
            "job_zone",
            "holland",
            "area",
            "within"
        ]
    );
    assert!(header.contains(&"hourly_p10".to_string()));
    assert!(header.contains(&"yearly_p90".to_string()));
    assert!(header.contains(&"derived".to_string()));
    // Each profile and area once.
    let mut keys: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r[0].to_string(), cell(&header, r, "area").to_string()))
        .collect();
    let count = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), count);
    let technicians: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| &r[0] == "Health Information Technicians")
        .collect();
    let page = site.output(PROFILE);
    let wage_areas = page.split("<tbody class=\"area").skip(1).count();
    assert!(technicians.len() >= wage_areas);
    let washington = technicians
        .iter()
        .find(|r| cell(&header, r, "area") == "Washington")
        .expect("a Washington row");
    assert_eq!(cell(&header, washington, "soc"), "29-2071");
    assert_eq!(
        cell(&header, washington, "title_es"),
        "Técnicos de información de salud"
    );
    assert_eq!(cell(&header, washington, "soc_version"), "2010");
    assert_eq!(
        cell(&header, washington, "url"),
        "/health-information-technicians/"
    );
    assert_eq!(cell(&header, washington, "education"), "Associate's degree");
    assert_eq!(cell(&header, washington, "hourly_p10"), "15.20");
    assert_eq!(cell(&header, washington, "monthly_median"), "3624");
    assert_eq!(cell(&header, washington, "yearly_median"), "43500");
    assert_eq!(cell(&header, washington, "yearly_p90"), "65620");
    assert_eq!(cell(&header, washington, "derived"), "");
    assert_eq!(cell(&header, washington, "employment"), "5050");
    assert_eq!(cell(&header, washington, "growth_pct"), "19.4");
    assert_eq!(cell(&header, washington, "openings_per_year"), "523");
    let bellingham = technicians
        .iter()
        .find(|r| cell(&header, r, "area") == "Bellingham")
        .expect("a Bellingham row");
    assert_eq!(cell(&header, bellingham, "within"), "Washington");
    assert_eq!(cell(&header, bellingham, "yearly_median"), "42852");
}

#[test]
fn csv_quotes_commas_and_quotes() {
    let profile = VALID_PROFILE
        .replace(
            "title: Health Information Technicians",
            "title: \"Technicians, \\\"health\\\" records\"",
        )
        .replace(
            "    - area: Washington\n",
            "    - area: Washington\n      hourly: [1.00, 2.00, 3.00, 4.00, 5.00]\n    - area: \"Portland-Vancouver-Hillsboro, OR-WA\"\n",
        );
    let site = TestSite::new().file("content/tech.md", &profile);
    let report = site.build();
    assert!(report.succeeded(), "{:?}", report.diagnostics);
    let text = site.output("occupations.csv");
    assert!(text.contains("\"Portland-Vancouver-Hillsboro, OR-WA\""));
    let (header, rows) = csv_rows(&text);
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[1][0], "Technicians, \"health\" records");
    assert_eq!(
        cell(&header, &rows[1], "area"),
        "Portland-Vancouver-Hillsboro, OR-WA"
    );
    assert_eq!(cell(&header, &rows[1], "yearly_median"), "43493");
    assert!(rows.iter().all(|r| r.len() == header.len()));
}

#[test]
fn json_download_parses() {
    let site = TestSite::sample();
    assert!(site.build().succeeded());
    let data: Value = serde_json::from_str(&site.output("occupations.json")).expect("JSON");
    let occupations = data["occupations"].as_array().unwrap();
    assert_eq!(occupations.len(), 3);
    let technicians = occupations
        .iter()
        .find(|o| o["soc"] == "29-2071")
        .expect("the sample profile");
    assert_eq!(technicians["url"], "/health-information-technicians/");
    assert_eq!(technicians["reviewed"], "2019-02-24");
    let washington = &technicians["wages"]["areas"][0];
    assert_eq!(washington["area"], "Washington");
    assert_eq!(washington["yearly"]["median"]["value"], 43500);
    assert_eq!(washington["yearly"]["median"]["derived"], Value::Null);
    assert_eq!(washington["hourly"]["p10"]["value"], 15.2);
    let outlook = &technicians["outlook"]["areas"][0];
    assert_eq!(outlook["employment"], 5050);
    assert_eq!(outlook["growth_pct"], 19.4);

    // The downloads are linked from every page.
    let home = site.output("index.html");
    assert!(home.contains("href=\"/occupations.csv\""));
    assert!(home.contains("href=\"/occupations.json\""));
}

#[test]
fn new_files_use_the_base_url_with_its_path() {
    let base = "https://example.org/guide/";
    let site = TestSite::sample();
    assert!(site
        .build_with(|o| o.base_url = Some(base.into()))
        .succeeded());
    let sitemap = site.output("sitemap.xml");
    for loc in sitemap.split("<loc>").skip(1) {
        assert!(loc.starts_with(base), "{loc}");
    }
    let robots = site.output("robots.txt");
    for line in robots.lines().filter(|l| l.contains("://")) {
        assert!(line.starts_with(&format!("Sitemap: {base}")), "{line}");
    }
    let (header, rows) = csv_rows(&site.output("occupations.csv"));
    assert!(!rows.is_empty());
    for row in &rows {
        assert!(cell(&header, row, "url").starts_with(base));
    }
    let data: Value = serde_json::from_str(&site.output("occupations.json")).unwrap();
    for occupation in data["occupations"].as_array().unwrap() {
        assert!(occupation["url"].as_str().unwrap().starts_with(base));
    }
    let ld = json_ld(&site.output(PROFILE));
    assert_eq!(
        ld["mainEntityOfPage"]["url"],
        "https://example.org/guide/health-information-technicians/"
    );
    let page = site.output(PROFILE);
    assert!(page.contains("href=\"/guide/occupations.csv\""));
    assert!(page.contains("href=\"/guide/occupations.json\""));
}

#[test]
fn a_site_without_profiles_has_no_downloads() {
    let site = TestSite::new().file("content/about.md", "---\ntitle: About\n---\nHello.\n");
    assert!(site.build().succeeded());
    assert!(!site.output_exists("occupations.csv"));
    assert!(!site.output_exists("occupations.json"));
    assert!(site.output_exists("robots.txt"));
    assert!(!site.output("about/index.html").contains("occupations.csv"));
}

#[test]
fn the_sitemap_lists_only_pages_the_theme_publishes() {
    let site = TestSite::sample();
    std::fs::remove_file(site.path().join("themes/default/templates/explore.html")).unwrap();
    let report = site.build_with(|o| o.base_url = Some("https://example.org/guide/".into()));
    assert!(report.succeeded(), "{}", common::show(&report.diagnostics));
    assert!(!site.output_exists("explore/index.html"));
    let sitemap = site.output("sitemap.xml");
    assert!(!sitemap.contains("/explore/"), "{sitemap}");
    assert!(
        sitemap.contains("https://example.org/guide/compare/"),
        "{sitemap}"
    );
}
