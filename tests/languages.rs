//! Sites in more than one language (issue 15): translations beside their
//! sources, facts entered once, `/es/` addresses, the language switcher,
//! `hreflang` both ways, and untranslated pages under Spanish furniture.

mod common;

use common::{find, location, show, TestSite, VALID_PROFILE};

const LANGUAGES: &str =
    "title: Careers\nlanguages:\n  - code: en\n  - code: es\n    title: Carreras\n";

fn bilingual() -> TestSite {
    TestSite::new()
        .file("site.yaml", LANGUAGES)
        .file("content/hit.md", VALID_PROFILE)
        .file("content/other.md", &VALID_PROFILE.replace("29-2071", "29-2072"))
        .file(
            "content/hit.es.md",
            "---\ntitle: Técnicos\nsummary: Cuidan los expedientes.\n---\n## Tareas\n\nTexto en español, con [otro](other.md).\n",
        )
}

#[test]
fn a_fact_in_a_translation_is_an_error_at_its_line_with_the_fix() {
    let site = bilingual().file(
        "content/hit.es.md",
        "---\ntitle: Técnicos\njob_zone: 3\nwages:\n  areas: []\n---\nTexto.\n",
    );
    let problems = site.problems();
    let zone = find(&problems, "`job_zone` is a fact");
    assert_eq!(location(zone), "content/hit.es.md:3:1");
    assert!(zone.message.contains("`hit.md`"), "{}", zone.message);
    assert!(zone
        .hint
        .as_deref()
        .unwrap()
        .starts_with("remove `job_zone` here"));
    let wages = find(&problems, "`wages` is a fact");
    assert_eq!(location(wages), "content/hit.es.md:4:1");
    assert!(!site.output_exists("es/hit/index.html"));
}

#[test]
fn a_translation_of_nothing_is_an_error_naming_the_closest_page() {
    let site = bilingual().file("content/hti.es.md", "---\ntitle: X\n---\n");
    let problems = site.problems();
    let d = find(&problems, "which does not exist");
    assert_eq!(location(d), "content/hti.es.md:1:1");
    assert_eq!(
        d.hint.as_deref(),
        Some("did you mean to translate `hit.md`? name the file after it")
    );
}

#[test]
fn spanish_pages_take_their_words_from_the_translation_and_their_facts_from_the_source() {
    let site = bilingual();
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    let es = site.output("es/hit/index.html");
    assert!(es.starts_with("<!doctype html>\n<html lang=\"es\">"));
    assert!(es.contains("<h1>Técnicos</h1>"));
    assert!(es.contains("Texto en español"));
    // The figure comes from hit.md.
    assert!(
        es.contains("$43,493"),
        "the yearly median derived from hit.md"
    );
    // Body links lead to the Spanish version of the page.
    assert!(es.contains("<a href=\"/es/other/\">otro</a>"));
    // hreflang both ways, and x-default to the default language.
    let en = site.output("hit/index.html");
    for page in [&en, &es] {
        assert!(page.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"/hit/\">"));
        assert!(page.contains("<link rel=\"alternate\" hreflang=\"es\" href=\"/es/hit/\">"));
        assert!(page.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"/hit/\">"));
        assert!(page.contains("class=\"language-switcher\""));
    }
    assert!(en.contains("<a href=\"/es/hit/\" hreflang=\"es\" lang=\"es\">"));
    assert!(es.contains("<a href=\"/hit/\" hreflang=\"en\" lang=\"en\">"));
    assert!(es.contains("<a class=\"site-title\" href=\"/es/\">Carreras</a>"));
    // Static files and downloads are one set for every language.
    assert!(es.contains("href=\"/static/style.css\""));
    assert!(es.contains("href=\"/occupations.csv\""));
    assert!(!site.output_exists("es/static/style.css"));
    assert!(!site.output_exists("es/occupations.csv"));
}

#[test]
fn an_untranslated_page_shows_its_source_under_spanish_furniture_with_a_notice() {
    let site = bilingual();
    assert!(site.build().succeeded());
    let es = site.output("es/other/index.html");
    assert!(es.contains("<html lang=\"es\">"));
    assert!(es.contains("class=\"fallback-notice\""));
    assert!(es.contains("<a href=\"/other/\" hreflang=\"en\">"));
    // Not offered as a translation to search engines.
    assert!(!es.contains("hreflang=\"x-default\""));
    let en = site.output("other/index.html");
    assert!(!en.contains("<link rel=\"alternate\" hreflang=\"es\""));
    // The Spanish listings hold every profile.
    let home = site.output("es/index.html");
    assert!(
        home.contains("/es/other/") && home.contains("/es/hit/"),
        "{home}"
    );
}

#[test]
fn a_draft_translation_is_not_published_and_the_page_falls_back() {
    let site = bilingual().file(
        "content/hit.es.md",
        "---\ntitle: Técnicos\ndraft: true\n---\nTexto.\n",
    );
    assert!(site.build().succeeded());
    let es = site.output("es/hit/index.html");
    assert!(es.contains("class=\"fallback-notice\""));
    assert!(!es.contains("Técnicos"));
}

#[test]
fn without_languages_a_file_named_like_a_translation_is_a_page_as_before() {
    let site = TestSite::new()
        .file("content/hit.md", VALID_PROFILE)
        .file("content/notes.es.md", "---\ntitle: Notes\n---\nText.\n")
        .file("content/_index.es.md", "---\ntitle: Hidden\n---\n");
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    assert!(site.output_exists("notes.es/index.html"));
    assert!(!site.output_exists("es/index.html"));
    assert!(!site.output("index.html").contains("Hidden"));
    assert!(!site.output("hit/index.html").contains("hreflang"));
}

#[test]
fn the_home_page_is_translated_by_index_es() {
    let site = bilingual()
        .file("content/_index.md", "---\ntitle: Careers\n---\nWelcome.\n")
        .file(
            "content/_index.es.md",
            "---\ntitle: Carreras\n---\nBienvenidos.\n",
        );
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    assert!(site.output("es/index.html").contains("Bienvenidos."));
    assert!(site.output("index.html").contains("Welcome."));
}

fn check(site: &TestSite) -> careers::check::CheckReport {
    careers::check::check(&careers::check::CheckOptions {
        root: site.path().to_path_buf(),
        include_drafts: false,
        external: false,
        limits: careers::check::external::Limits::default(),
        today: jiff::civil::date(2026, 11, 22),
    })
    .expect("check runs")
}

#[test]
fn check_lists_missing_and_outdated_translations_per_language_with_the_hash_to_write() {
    let site = bilingual();
    let report = check(&site);
    assert_eq!(report.translations.len(), 1);
    let es = &report.translations[0];
    assert_eq!(es.language, "es");
    assert_eq!(es.missing, ["other.md"]);
    assert_eq!(es.translated, 1);
    // No source_hash yet: a warning at line 1 with the hash to write.
    let d = find(&report.diagnostics, "does not say which version");
    assert_eq!(location(d), "content/hit.es.md:1:1");
    let current = es.outdated[0].current.clone();
    assert_eq!(
        d.hint.as_deref(),
        Some(
            format!("bring the translation up to date, then write `source_hash: {current}`")
                .as_str()
        )
    );
    // Written: the translation is current, and no longer listed.
    site.write(
        "content/hit.es.md",
        &format!("---\ntitle: Técnicos\nsource_hash: {current}\n---\nTexto.\n"),
    );
    let report = check(&site);
    assert!(
        report.translations[0].outdated.is_empty(),
        "{:?}",
        report.translations
    );
    // A change to the source's facts leaves it current; a change to its
    // prose makes it outdated, at the source_hash line.
    site.write("content/hit.md", &VALID_PROFILE.replace("15.20", "15.10"));
    assert!(check(&site).translations[0].outdated.is_empty());
    site.write(
        "content/hit.md",
        &VALID_PROFILE.replace("Sample text.", "New text."),
    );
    let report = check(&site);
    assert_eq!(report.translations[0].outdated.len(), 1);
    let d = find(&report.diagnostics, "changed since this translation");
    assert_eq!(location(d), "content/hit.es.md:3:14");
    let human = careers::check::report::human(&report);
    assert!(
        human.contains("── Translations into es: 1 of 2 pages"),
        "{human}"
    );
    assert!(human.contains("  other.md"), "{human}");
}
