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
    assert!(en.contains("<a href=\"/es/hit/\" hreflang=\"es\">"));
    assert!(es.contains("<a href=\"/hit/\" hreflang=\"en\">"));
    // The language's name is in itself; the hidden words before it are
    // the page's ("Esta página en").
    assert!(
        es.contains("</span><span lang=\"en\">English</span></a>"),
        "{es}"
    );
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
    // The source language's name in the notice is marked as what it is.
    let notice = es.split("class=\"fallback-notice\"").nth(1).unwrap();
    let notice = notice.split("</p>").next().unwrap();
    assert!(
        notice.contains("(<span lang=\"en\">English</span>)"),
        "{notice}"
    );
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
    // A value careers did not write is named as such, with the same fix.
    site.write(
        "content/hit.es.md",
        "---\ntitle: Técnicos\nsource_hash: 123\n---\nTexto.\n",
    );
    let report = check(&site);
    let d = find(&report.diagnostics, "`123` is not a hash careers wrote");
    assert_eq!(location(d), "content/hit.es.md:3:14");
    assert!(d.hint.as_deref().unwrap().contains(&current), "{d:?}");
    site.write(
        "content/hit.es.md",
        &format!("---\ntitle: Técnicos\nsource_hash: {current}\n---\nTexto.\n"),
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

/// A site where every page has a Spanish translation, so that everything
/// English left on a Spanish page is interface, not content.
fn all_translated() -> TestSite {
    let profile = common::VALID_PROFILE
        .replace("summary: Keep medical records.", "summary: Keep medical records.\nalso_called: [Records techs]\nat_a_glance: [Organised]\npros: [Helpful]\ncons: [Sitting]\nreviewed: 2019-02-24\noutlook:\n  period: 2017-2027\n  areas:\n    - area: Washington\n      employment: 5050\n      growth: 19.4\n      growth_all: 16.1\n      openings: 523\nwages:\n  source: ESD\n  as_of: \"2019\"\n  areas:\n    - area: Washington\n      hourly: [15.20, 17.19, 20.91, 26.40, \">=115.00\"]\n    - area: Bellingham\n      within: Washington\n      yearly: [26779, 34852, null, 49972, 57889]\nx_remove: 1")
        .replace("wages:\n  source: Sample data\n  as_of: \"2019\"\n  areas:\n    - area: Washington\n      hourly: [15.20, 17.19, 20.91, 26.40, 31.55]\n", "")
        .replace("x_remove: 1\n", "");
    let spanish = "---\ntitle: Técnicos\nsummary: Cuidan expedientes.\nalso_called: [Técnicos]\nat_a_glance: [Ordenados]\npros: [Útil]\ncons: [Sentado]\n---\n## Tareas\n\nTexto.\n\n## Sueldo\n\nMás texto.\n";
    TestSite::new()
        .file(
            "site.yaml",
            "title: Careers\nprimary_area: Washington\nbase_url: https://example.org/\nlanguages:\n  - code: en\n  - code: es\n    title: Carreras\n",
        )
        .file("content/hit.md", &profile)
        .file("content/hit.es.md", spanish)
        .file("content/other.md", &profile.replace("29-2071", "29-2072").replace("Health Information Technicians", "Coders"))
        .file("content/other.es.md", &spanish.replace("Técnicos", "Codificadores"))
        .file("content/_index.md", "---\ntitle: Careers\n---\nWelcome.\n")
        .file("content/_index.es.md", "---\ntitle: Carreras\n---\nBienvenidos.\n")
        .file("content/about.md", "---\ntitle: About\n---\n## One\n\nText.\n\n## Two\n\nText.\n")
        .file("content/about.es.md", "---\ntitle: Acerca\n---\n## Uno\n\nTexto.\n\n## Dos\n\nTexto.\n")
}

/// What a reader (or a screen reader) is given of a page: its text, the
/// attributes that are read out or shown (`aria-label`, `alt`, `title`,
/// `placeholder`, a `<meta>`'s `content`), and the words its scripts show
/// (the texts of its `<script type="application/json">` strings block);
/// not script code, styles, class names, ids or URLs.
fn readable(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push('\n');
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open..open + close + 1];
        rest = &rest[open + close + 1..];
        for attribute in [
            "aria-label=\"",
            "alt=\"",
            "title=\"",
            "placeholder=\"",
            "content=\"",
        ] {
            for (i, _) in tag.match_indices(attribute) {
                let before = tag[..i].chars().next_back();
                if before.is_some_and(|c| !c.is_whitespace()) {
                    continue;
                }
                let value = &tag[i + attribute.len()..];
                out.push_str(value.split('"').next().unwrap_or_default());
                out.push('\n');
            }
        }
        for skipped in ["script", "style"] {
            if tag.starts_with(&format!("<{skipped}")) {
                let end = format!("</{skipped}>");
                let inside = rest.find(&end).map_or(rest, |e| &rest[..e]);
                if tag.contains("type=\"application/json\"") {
                    out.push_str(&json_texts(inside));
                }
                rest = rest.find(&end).map_or("", |e| &rest[e + end.len()..]);
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every string of a JSON document a script may show, a line each.
fn json_texts(json: &str) -> String {
    fn walk(value: &serde_json::Value, out: &mut String) {
        match value {
            serde_json::Value::String(s) => {
                out.push_str(s);
                out.push('\n');
            }
            serde_json::Value::Array(list) => list.iter().for_each(|v| walk(v, out)),
            // Codes the scripts read but never show: column names,
            // figure statuses, term keys.
            serde_json::Value::Object(map) => map
                .iter()
                .filter(|(k, _)| !["columns", "status", "key", "id", "url"].contains(&k.as_str()))
                .for_each(|(_, v)| walk(v, out)),
            _ => {}
        }
    }
    let value: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    let mut out = String::new();
    walk(&value, &mut out);
    out
}

/// Where `word` occurs in `text` as a whole phrase (not inside a longer word).
fn whole_phrase_at(text: &str, phrase: &str) -> Option<usize> {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(phrase).map(|(i, _)| i).find(|&i| {
        boundary(text[..i].chars().next_back()) && boundary(text[i + phrase.len()..].chars().next())
    })
}

#[test]
fn no_english_interface_string_is_left_on_a_spanish_page() {
    let site = all_translated();
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    let strings = |lang: &str| -> std::collections::BTreeMap<String, String> {
        let path =
            std::path::Path::new(common::REPO).join(format!("themes/default/i18n/{lang}.yaml"));
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let (en, es) = (strings("en"), strings("es"));
    // Each English text that the Spanish file words differently, cut at
    // its placeholders; pieces of a few letters ("and") are too common
    // inside names and URLs to judge.
    let mut english: Vec<(String, String)> = Vec::new();
    for (key, text) in &en {
        if es.get(key) == Some(text) {
            continue;
        }
        for piece in text.split(['{', '}']).step_by(2) {
            let piece = piece.trim_matches(|c: char| c.is_whitespace() || ",.:;()".contains(c));
            if piece.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
                english.push((key.clone(), piece.to_string()));
            }
        }
    }
    let output = site.path().join("output/es");
    let mut found = Vec::new();
    let mut pages = 0;
    let mut scripts = 0;
    for entry in walkdir::WalkDir::new(&output).into_iter().flatten() {
        let rel = entry.path().strip_prefix(&output).unwrap();
        // The pages, and what the explore and compare scripts show of
        // their data (term names, figure texts); not the search index,
        // which is the pages' own text.
        let data = rel.starts_with("explore") || rel.starts_with("compare");
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let html = if entry.file_name() == "index.html" {
            pages += 1;
            scripts += usize::from(text.contains("-strings\">"));
            readable(&text)
        } else if data && rel.extension().is_some_and(|e| e == "json") {
            json_texts(&text)
        } else {
            continue;
        };
        for (key, piece) in &english {
            if let Some(at) = whole_phrase_at(&html, piece) {
                let rel = entry
                    .path()
                    .strip_prefix(&output)
                    .unwrap()
                    .display()
                    .to_string();
                let around = &html[html.floor_char_boundary(at.saturating_sub(40))
                    ..html.ceil_char_boundary((at + piece.len() + 40).min(html.len()))];
                found.push(format!("es/{rel}: `{key}` ({piece:?}) in …{around}…"));
            }
        }
    }
    assert!(pages >= 15, "only {pages} Spanish pages");
    assert_eq!(
        scripts, 3,
        "explore, compare and search give their scripts words"
    );
    assert!(site.output_exists("es/explore/index.json"));
    assert!(site.output_exists("es/compare/figures/0.json"));
    assert!(
        found.is_empty(),
        "{} English strings:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn a_site_overrides_one_string_per_language_and_dates_and_numbers_follow_the_language() {
    let site = all_translated().file("i18n/es.yaml", "wages: Sueldos\n");
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    let es = site.output("es/hit/index.html");
    assert!(es.contains("<h2 id=\"wages-heading\">Sueldos</h2>"));
    // The other strings keep the theme's Spanish; English keeps its own.
    assert!(es.contains("<h2 id=\"outlook-heading\">Perspectivas de empleo</h2>"));
    assert!(site
        .output("hit/index.html")
        .contains("<h2 id=\"wages-heading\">Wages</h2>"));
    // Dates the Spanish way; money as the US sources print it.
    assert!(es.contains(">24 de febrero de 2019</time>"), "date");
    assert!(es.contains("$43,493"));
    assert!(es.contains("$239,200 o más"));
    assert!(es.contains(">no publicado<"));
    assert!(es.contains("Grupo de carreras"));
    assert!(es.contains(">Ciencias de la salud</a>"));
    // A key the theme does not have is an error at its line.
    site.write("i18n/es.yaml", "wages: Sueldos\nwagez: x\n");
    let problems = site.problems();
    let d = find(&problems, "the theme has no string `wagez`");
    assert_eq!(location(d), "i18n/es.yaml:2:1");
    assert_eq!(d.hint.as_deref(), Some("did you mean `wages`?"));
}

#[test]
fn numbers_follow_the_locale_but_money_keeps_the_us_form() {
    let site = all_translated().file(
        "site.yaml",
        "title: Careers\nprimary_area: Washington\nlanguages:\n  - code: en\n  - code: es\n    locale: es-ES\n",
    );
    assert!(site.build().succeeded());
    let es = site.output("es/hit/index.html");
    assert!(es.contains(">5.050<"), "employment with a point");
    assert!(es.contains(">19,4%<"), "growth with a decimal comma");
    assert!(es.contains("$43,493"));
    let en = site.output("hit/index.html");
    assert!(en.contains(">5,050<") && en.contains(">19.4%<"));
    // The explore index gives the script each figure's value and the
    // decimals to show, whatever the decimal mark.
    let index: serde_json::Value =
        serde_json::from_str(&site.output("es/explore/index.json")).expect("valid JSON");
    let hit = index["occupations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o[0] == "hit")
        .unwrap();
    assert_eq!(hit[8], serde_json::json!([43493, 0, 1]), "median, derived");
    assert_eq!(hit[9], serde_json::json!([19.4, 1]), "growth");
    assert_eq!(hit[10], serde_json::json!([523, 0]), "openings");
}

/// The `<script type="application/json" id="ID">` block of a page, parsed.
fn strings_block(html: &str, id: &str) -> serde_json::Value {
    let open = format!("<script type=\"application/json\" id=\"{id}\">");
    let start = html.find(&open).expect("the strings block") + open.len();
    let end = start + html[start..].find("</script>").expect("its end");
    serde_json::from_str(&html[start..end]).expect("valid JSON")
}

#[test]
fn the_scripts_words_come_from_the_page_in_its_language_and_a_site_overrides_them() {
    let site = bilingual().file(
        "i18n/es.yaml",
        "explore_showing: \"{shown} de {total} <perfiles>\"\n",
    );
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    let es = strings_block(&site.output("es/explore/index.html"), "explore-strings");
    assert_eq!(es["explore_showing"], "{shown} de {total} <perfiles>");
    assert_eq!(
        es["explore_showing_all"],
        "Se muestran los {total} perfiles de carreras."
    );
    // The locale is `es` (no `locale:`), which writes 1.234,5.
    assert_eq!(
        (&es["decimal_mark"], &es["group_mark"]),
        (&",".into(), &".".into())
    );
    // `<` cannot end the script element.
    assert!(site
        .output("es/explore/index.html")
        .contains("\\u003cperfiles>"));
    let en = strings_block(&site.output("explore/index.html"), "explore-strings");
    assert_eq!(
        en["explore_showing"],
        "Showing {shown} of {total} career profiles."
    );
    let compare = strings_block(&site.output("es/compare/index.html"), "compare-strings");
    assert_eq!(compare["compare_measure"], "Medida");
    let search = strings_block(&site.output("es/search/index.html"), "search-strings");
    assert_eq!(
        search["search_longer_word"],
        "Escriba una palabra más larga."
    );
    // US Spanish writes 1,234.5, as English does.
    site.write(
        "site.yaml",
        &LANGUAGES.replace("title: Carreras\n", "title: Carreras\n    locale: es-US\n"),
    );
    assert!(site.build().succeeded());
    let es = strings_block(&site.output("es/explore/index.html"), "explore-strings");
    assert_eq!(
        (&es["decimal_mark"], &es["group_mark"]),
        (&".".into(), &",".into())
    );
}

#[test]
fn the_spanish_explore_index_and_compare_figures_name_terms_in_spanish() {
    let site = bilingual();
    assert!(site.build().succeeded());
    let json = |path: &str| -> serde_json::Value {
        serde_json::from_str(&site.output(path)).expect("valid JSON")
    };
    let es = json("es/explore/index.json");
    assert_eq!(es["clusters"][0]["name"], "Ciencias de la salud");
    assert_eq!(es["clusters"][0]["key"], "health-science");
    let en = json("explore/index.json");
    assert_eq!(en["clusters"][0]["name"], "Health Science");
    // The compare page fetches its language's figures: Spanish names,
    // title and address; the English ones are unchanged.
    assert!(site
        .output("es/compare/index.html")
        .contains("data-figures=\"/es/compare/figures/\""));
    // The sample's two profiles share one figure file.
    let hit = json("es/compare/figures/0.json")["hit"].clone();
    assert_eq!(hit["title"], "Técnicos");
    assert_eq!(hit["url"], "/es/hit/");
    assert_eq!(hit["cluster"]["name"], "Ciencias de la salud");
    assert!(hit["job_zone"]["name"]
        .as_str()
        .unwrap()
        .starts_with("Zona de empleo"));
    let range = hit["wages"][0]["range"].as_str().unwrap();
    assert!(range.contains(" a $"), "{range}");
    let en = json("compare/figures/0.json")["hit"].clone();
    assert_eq!(en["cluster"]["name"], "Health Science");
    assert!(en["wages"][0]["range"].as_str().unwrap().contains(" to $"));
}

#[test]
fn the_downloads_are_one_set_with_every_languages_titles() {
    let site = bilingual();
    assert!(site.build().succeeded());
    let csv = site.output("occupations.csv");
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("title,title_es,soc,"));
    let rows: Vec<&str> = lines.collect();
    // hit.md is translated; other.md is not: an empty cell.
    assert!(
        rows.iter().any(|r| r.contains(",Técnicos,29-2071,")),
        "{csv}"
    );
    assert!(rows.iter().any(|r| r.contains(",,29-2072,")), "{csv}");
    let json: serde_json::Value =
        serde_json::from_str(&site.output("occupations.json")).expect("valid JSON");
    let occupations = json["occupations"].as_array().unwrap();
    let by_soc = |soc: &str| occupations.iter().find(|o| o["soc"] == soc).unwrap();
    assert_eq!(by_soc("29-2071")["title_es"], "Técnicos");
    assert!(by_soc("29-2072")["title_es"].is_null());
    assert!(!site.output_exists("es/occupations.csv"));
    // Without `languages:` the files have no such column.
    let plain = TestSite::new().file("content/hit.md", VALID_PROFILE);
    assert!(plain.build().succeeded());
    assert!(plain.output("occupations.csv").starts_with("title,soc,"));
    assert!(!plain.output("occupations.json").contains("title_"));
}

/// Where `phrase` is shown as text in `html` (not in scripts, styles or
/// the document's `<title>`, which cannot carry a language of its own),
/// each time with the `lang` of the nearest element that sets one.
fn languages_of(html: &str, phrase: &str) -> Vec<String> {
    const VOID: [&str; 13] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let mut open: Vec<(String, Option<String>)> = Vec::new();
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        let text = &rest[..at];
        let skipped = open
            .last()
            .is_some_and(|(name, _)| ["script", "style", "title"].contains(&name.as_str()));
        if !skipped && text.contains(phrase) {
            let lang = open.iter().rev().find_map(|(_, lang)| lang.clone());
            found.push(lang.unwrap_or_else(|| "(none)".into()));
        }
        let end = rest[at..].find('>').expect("a closed tag") + at;
        let tag = &rest[at + 1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            if let Some(i) = open.iter().rposition(|(n, _)| n == name.trim()) {
                open.truncate(i);
            }
        } else if !tag.starts_with('!') {
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if !VOID.contains(&name.as_str()) {
                let lang = tag
                    .split_once(" lang=\"")
                    .map(|(_, v)| v.split('"').next().unwrap_or_default().to_string());
                open.push((name, lang));
            }
        }
    }
    found
}

#[test]
fn words_not_translated_yet_are_marked_as_english_wherever_a_spanish_page_shows_them() {
    // `other.md` and `about.md` have no Spanish translation: their titles,
    // other names and summaries stay English on every Spanish page, which
    // must say so (WCAG 3.1.2) for a screen reader to pronounce them.
    // `partial.es.md` translates only the title and the body.
    let partial = VALID_PROFILE
        .replace("29-2071", "29-2098")
        .replace("title: Health Information Technicians", "title: Partial Keepers")
        .replace("summary: Keep medical records.", "summary: Partly kept words.\nalso_called: [Folder keepers]\nat_a_glance: [Glance fact]\npros: [A good side]\ncons: [A hard side]");
    let site = bilingual()
        .file(
            "content/about.md",
            "---\ntitle: About this guide\n---\n## How it is made\n\nHow the guide is made.\n",
        )
        .file("content/partial.md", &partial)
        .file(
            "content/partial.es.md",
            "---\ntitle: Guardianes parciales\n---\n## Tareas\n\nTexto.\n",
        );
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(site.path().join("output/es")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        for phrase in [
            "Health Information Technicians",
            "About this guide",
            "How it is made",
            "Keep medical records.",
            "Partly kept words.",
            "Folder keepers",
            "Glance fact",
            "A good side",
            "A hard side",
        ] {
            let langs = languages_of(&html, phrase);
            checked += langs.len();
            assert!(
                langs.iter().all(|l| l == "en"),
                "{phrase} in {} marked {langs:?}",
                entry.path().display()
            );
        }
        // What is translated is not marked: it is the page's language.
        for phrase in ["Técnicos", "Guardianes parciales", "Esta página en"] {
            let langs = languages_of(&html, phrase);
            assert!(
                langs.iter().all(|l| l == "es"),
                "{phrase} in {} marked {langs:?}",
                entry.path().display()
            );
        }
    }
    // The untranslated profile on the home page, its term pages, rankings,
    // explore and the translated profile's related careers; the page in
    // every page's navigation.
    assert!(checked > 30, "only {checked} places");
    let json = |path: &str| -> serde_json::Value {
        serde_json::from_str(&site.output(path)).expect("valid JSON")
    };
    // The scripts' data says the same, for the rows, names and results
    // they make.
    let index = json("es/explore/index.json");
    let column = index["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c == "lang")
        .unwrap();
    let lang_of = |title: &str| {
        let rows = index["occupations"].as_array().unwrap();
        rows.iter().find(|r| r[1] == title).unwrap()[column].clone()
    };
    assert_eq!(lang_of("Health Information Technicians"), "en");
    assert!(lang_of("Técnicos").is_null());
    let figures = json("es/compare/figures/0.json");
    assert_eq!(figures["other"]["lang"], "en");
    assert!(figures["hit"]["lang"].is_null());
    let docs: Vec<serde_json::Value> = (0..4)
        .map(|n| json(&format!("es/search/doc/{n}.json")))
        .collect();
    let doc = |title: &str| docs.iter().find(|d| d["title"] == title).unwrap();
    assert_eq!(doc("About this guide")["lang"], "en");
    // A heading of an untranslated body: its name is English too.
    assert!(doc("About this guide")["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b[0] == "How it is made" && b[2] == "en" && b[3] == "en"));
    // A translation's missing parts are the source's: in English. The
    // section names are the theme's, in Spanish.
    let partial = doc("Guardianes parciales");
    assert!(partial.get("lang").is_none());
    assert_eq!(partial["summary_lang"], "en");
    let glance = partial["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b[1] == "Glance fact")
        .unwrap();
    assert_eq!(glance.as_array().unwrap().len(), 3, "{glance}");
    assert_eq!(glance[2], "en");
    assert_eq!(doc("Health Information Technicians")["lang"], "en");
    assert!(doc("Técnicos").get("lang").is_none());
    // In English nothing is marked: every word is the page's language.
    assert!(!site
        .output("index.html")
        .contains("class=\"occupation\" lang="));
    let english = json("explore/index.json");
    let rows = english["occupations"].as_array().unwrap();
    assert!(rows.iter().all(|r| r[column].is_null()));
}

#[test]
fn a_link_into_a_translation_that_renamed_the_heading_tells_the_translator_to_keep_the_id() {
    // `other.md` is not translated: on its Spanish page its link leads to
    // the Spanish `hit`, whose heading `## Tareas` has another id.
    let site = bilingual().file(
        "content/other.md",
        &VALID_PROFILE
            .replace("29-2071", "29-2072")
            .replace("Sample text.", "See [their duties](hit.md#duties)."),
    );
    assert!(site.build().succeeded());
    let report = check(&site);
    let d = find(
        &report.diagnostics,
        "there is no `#duties` on es/hit/index.html",
    );
    assert_eq!(
        d.hint.as_deref(),
        Some("content/hit.es.md names the heading differently from its source; keep the source's id by writing `{#duties}` after that heading's text there")
    );
    // Done as the hint says, the link works in both languages.
    site.write(
        "content/hit.es.md",
        "---\ntitle: Técnicos\n---\n## Tareas {#duties}\n\nTexto.\n",
    );
    assert!(site.build().succeeded());
    let report = check(&site);
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("#duties")),
        "{}",
        show(&report.diagnostics)
    );
}

#[test]
fn the_notice_of_an_untranslated_page_escapes_a_sites_words_around_the_language_name() {
    let site = bilingual().file(
        "i18n/es.yaml",
        "fallback_read_source: \"Lea <b>{source}</b> & más\"\n",
    );
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    let es = site.output("es/other/index.html");
    assert!(
        es.contains("Lea &lt;b&gt;<span lang=\"en\">English</span>&lt;/b&gt; &amp; más</a>"),
        "{es}"
    );
}

#[test]
fn a_translation_without_a_body_shows_the_sources_body_marked_as_english() {
    // The words translated first, the body later: until then the Spanish
    // page shows the English body, as for any part a translation leaves out.
    let site = bilingual().file(
        "content/hit.es.md",
        "---\ntitle: Técnicos\nsummary: Cuidan los expedientes.\n---\n",
    );
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    let es = site.output("es/hit/index.html");
    assert_eq!(languages_of(&es, "Sample text."), ["en"]);
    // Its heading, in the page and in the table of contents.
    assert_eq!(languages_of(&es, "Duties"), ["en", "en"]);
    assert_eq!(languages_of(&es, "Técnicos"), ["es"]);
    assert!(!es.contains("class=\"fallback-notice\""));
    // A body of its own, even a short one, replaces the source's.
    site.write("content/hit.es.md", "---\ntitle: Técnicos\n---\nTexto.\n");
    assert!(site.build().succeeded());
    let es = site.output("es/hit/index.html");
    assert!(!es.contains("Sample text.") && es.contains("Texto."));
}

#[test]
fn a_language_names_the_areas_in_its_own_words_and_the_facts_stay_one() {
    let site = bilingual().file(
        "site.yaml",
        "title: Careers\nprimary_area: Washington\nlanguages:\n  - code: en\n  - code: es\n    title: Carreras\n    areas:\n      Washington: Estado de Washington\n      Seatle: Seattle\n",
    );
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    // A name for an area no profile has is a warning at its key.
    let d = find(&report.diagnostics, "`Seatle` is an area of no profile");
    assert_eq!(location(d), "site.yaml:9:7");
    // Spanish pages: the wage table, the headline, listings, explore,
    // compare and rankings name the area in Spanish.
    for page in [
        "es/hit/index.html",
        "es/index.html",
        "es/explore/index.html",
        "es/rankings/highest-paying/index.html",
    ] {
        let html = site.output(page);
        assert!(html.contains("Estado de Washington"), "{page}");
        assert!(!html.contains(">Washington<"), "{page}");
    }
    let index: serde_json::Value =
        serde_json::from_str(&site.output("es/explore/index.json")).unwrap();
    assert_eq!(index["primary_area"], "Estado de Washington");
    let figures: serde_json::Value =
        serde_json::from_str(&site.output("es/compare/figures/0.json")).unwrap();
    assert_eq!(figures["hit"]["area"], "Estado de Washington");
    assert_eq!(figures["hit"]["wages"][0]["area"], "Estado de Washington");
    // The figures are the source's; English pages and the downloads keep
    // the profiles' names.
    let en = site.output("hit/index.html");
    assert!(en.contains(">Washington<") && !en.contains("Estado de Washington"));
    assert!(!site.output("occupations.csv").contains("Estado"));
    let es = site.output("es/hit/index.html");
    assert!(es.contains("$20.91") && en.contains("$20.91"));
}

#[test]
fn check_lists_no_translations_into_a_code_site_yaml_refuses() {
    let site = bilingual().file(
        "site.yaml",
        "title: Careers\nlanguages:\n  - code: en\n  - code: sp\n",
    );
    let report = check(&site);
    find(&report.diagnostics, "`sp` is not a language");
    assert!(report.translations.is_empty(), "{:?}", report.translations);
}
