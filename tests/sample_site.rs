//! The sample site in `content/`: it builds cleanly, its 29-2071 profile
//! shows every figure of the first seed's tables as printed and in the
//! printed order, and no editor note reaches the output.

mod common;

use common::*;

const SEED_TABLES: &str = include_str!("fixtures/seed-29-2071-tables.txt");
const PROFILE: &str = "health-information-technicians/index.html";

/// The seed's rows as the words a reader sees, in order: area names,
/// period names and figures.
fn seed_tokens(section: &str) -> Vec<String> {
    let body = SEED_TABLES.split(&format!("[{section}]\n")).nth(1).unwrap();
    let body = body.split("\n[").next().unwrap();
    let mut tokens = Vec::new();
    for line in body.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let first_figure = words
            .iter()
            .position(|w| {
                w.starts_with('$') || w.chars().next().is_some_and(|c| c.is_ascii_digit())
            })
            .unwrap();
        let label = words[..first_figure].join(" ");
        let label = label.trim_end_matches(" Hourly").to_string();
        if !matches!(label.as_str(), "Monthly" | "Yearly") {
            tokens.push(label);
        }
        tokens.extend(words[first_figure..].iter().map(|w| w.to_string()));
    }
    tokens
}

/// Checks that `tokens` appear in `text` in this order.
fn assert_in_order(text: &str, tokens: &[String]) {
    let mut from = 0;
    for token in tokens {
        match text[from..].find(token.as_str()) {
            Some(i) => from += i + token.len(),
            None => panic!(
                "`{token}` is missing after position {from} of:\n{}",
                &text[from.saturating_sub(200)..]
            ),
        }
    }
}

fn section_text(html: &str, id: &str) -> String {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} section"));
    text_of(&html[start..])
}

#[test]
fn the_sample_site_builds_without_problems() {
    let site = TestSite::sample();
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    assert!(
        report.diagnostics.is_empty(),
        "{}",
        show(&report.diagnostics)
    );
    for page in [
        "index.html",
        "about/index.html",
        PROFILE,
        "medical-records-specialists/index.html",
        "health-information-technologists-and-medical-registrars/index.html",
        "clusters/index.html",
        "clusters/health-science/index.html",
        "interests/c/index.html",
        "job-zones/3/index.html",
        "education/associate/index.html",
        "404.html",
    ] {
        assert!(site.output_exists(page), "{page} was not written");
    }
}

#[test]
fn every_seed_wage_figure_appears_as_printed_in_order() {
    let site = TestSite::sample();
    site.build();
    let tokens = seed_tokens("wages");
    assert_eq!(
        tokens.iter().filter(|t| t.starts_with('$')).count(),
        15 * 3 * 5
    );
    assert_in_order(&section_text(&site.output(PROFILE), "wages"), &tokens);
}

#[test]
fn every_seed_outlook_figure_appears_as_printed_in_order() {
    let site = TestSite::sample();
    site.build();
    let tokens = seed_tokens("outlook");
    assert_eq!(tokens.len(), 14 * 5);
    assert_in_order(&section_text(&site.output(PROFILE), "outlook"), &tokens);
}

#[test]
fn no_editor_note_reaches_the_output() {
    let site = TestSite::sample();
    site.build();
    let notes: Vec<String> = std::fs::read_to_string(
        site.path()
            .join("content/health-information-technicians.md"),
    )
    .unwrap()
    .lines()
    .filter(|l| l.starts_with('#') && !l.starts_with("# ") && !l.starts_with("##"))
    .map(|l| l[1..].to_string())
    .collect();
    assert_eq!(notes.len(), 2, "the sample keeps the seed's two notes");
    for entry in walkdir::WalkDir::new(site.path().join("output")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
            for note in &notes {
                assert!(
                    !text.contains(note.as_str()),
                    "{} contains the note {note:?}",
                    entry.path().display()
                );
            }
            for fragment in [
                "1431 medical records",
                "checked 2/12/15",
                "not a secure link",
            ] {
                assert!(
                    !text.contains(fragment),
                    "{} contains {fragment:?}",
                    entry.path().display()
                );
            }
        }
    }
}

#[test]
fn related_profiles_are_linked_by_title() {
    let site = TestSite::sample();
    site.build();
    let html = site.output(PROFILE);
    assert!(
        html.contains("href=\"/medical-records-specialists/\""),
        "related link missing"
    );
    assert!(text_of(&html).contains("Medical Records Specialists"));
}

/// Every file below `dir`, by path relative to it.
fn files_below(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (rel.display().to_string(), std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn the_search_index_is_written_and_the_same_content_gives_the_same_bytes() {
    let site = TestSite::sample();
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    let first = files_below(&site.path().join("output/search"));
    let names: Vec<&str> = first.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "doc/0.json",
            "doc/1.json",
            "doc/2.json",
            "doc/3.json",
            "index.html",
            "index/0.json",
            "typo/0.json"
        ]
    );
    // "abstract" is only in the body of the registrars' profile (document
    // 2): listed there with a body score (10). "registrars" is in the
    // bodies of documents 1 to 3 and the title of 2 (200, plus repeats):
    // postings are gaps from the previous document and scores.
    let shard: serde_json::Value =
        serde_json::from_str(&site.output("search/index/0.json")).unwrap();
    assert_eq!(shard["t"]["abstract"], serde_json::json!([2, 10]));
    assert_eq!(
        shard["t"]["registrar"],
        serde_json::json!([1, 10, 1, 207, 1, 10])
    );
    assert_eq!(shard["w"]["registries"], "registri");
    let doc: serde_json::Value = serde_json::from_str(&site.output("search/doc/2.json")).unwrap();
    assert_eq!(
        doc["title"],
        "Health Information Technologists and Medical Registrars"
    );
    assert!(doc["blocks"].to_string().contains("Abstract information"));
    // Every page's header has the box, leading to explore without script.
    let html = site.output(PROFILE);
    assert!(html.contains(r#"<form class="site-search" role="search" aria-label="Site" method="get" action="/explore/" data-search="/search/">"#), "{html}");

    let again = tempfile::tempdir().unwrap();
    let report = site.build_with(|o| o.output = Some(again.path().to_path_buf()));
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    assert!(
        first == files_below(&again.path().join("search")),
        "the index bytes differ between two builds"
    );
}

#[test]
fn search_false_writes_no_index_no_results_page_and_no_header_box() {
    let site = TestSite::sample();
    let config = std::fs::read_to_string(site.path().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{config}\nsearch: false\n"));
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    assert!(!site.output_exists("search"));
    let html = site.output(PROFILE);
    assert!(!html.contains("site-search"), "{html}");
    assert!(!html.contains("search.js"), "{html}");
}

#[test]
fn the_spanish_pages_have_their_own_index_with_spanish_stems() {
    let site = TestSite::sample();
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    let shard: serde_json::Value =
        serde_json::from_str(&site.output("es/search/index/0.json")).unwrap();
    // Spanish Snowball: "registros" and "registro" share the stem.
    assert_eq!(shard["w"]["registros"], "registr");
    assert_eq!(shard["w"]["registro"], "registr");
    // Spanish stop words are left out, English ones are not.
    assert!(shard["t"].get("de").is_none());
    let english: serde_json::Value =
        serde_json::from_str(&site.output("search/index/0.json")).unwrap();
    assert!(english["t"].get("registros").is_none() && english["w"].get("registros").is_none());
    let page = site.output("es/search/index.html");
    assert!(page.contains(r#"data-index="/es/search/""#), "{page}");
    assert!(page.contains(r#"data-stop="al como con de"#), "{page}");
}
