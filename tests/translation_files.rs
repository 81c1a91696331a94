//! What a multilingual site makes of files named like translations, of its
//! language codes and of its interface strings files: a file that would
//! be published by mistake, a code that is not a language, a placeholder
//! the code never fills, and a strings file that is not YAML are errors
//! at their file, line and column, with the fix; a failed build leaves
//! `output/` as it was.

mod common;

use common::{find, location, show, snapshot, TestSite, VALID_PROFILE};

const LANGUAGES: &str =
    "title: Careers\nlanguages:\n  - code: en\n  - code: es\n    title: Carreras\n";

const PAGE: &str = "---\ntitle: About\n---\nAbout this site.\n";

fn bilingual() -> TestSite {
    TestSite::new()
        .file("site.yaml", LANGUAGES)
        .file("content/medical-records-specialists.md", VALID_PROFILE)
        .file("content/about.md", PAGE)
}

// ------------------------------------------------ files named like translations

#[test]
fn a_translation_into_a_language_the_site_lacks_is_an_error_not_a_page() {
    let site = bilingual();
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    let before = snapshot(&site.path().join("output"));
    site.write(
        "content/medical-records-specialists.fr.md",
        "---\ntitle: Spécialistes\n---\nTexte.\n",
    );
    let report = site.build();
    assert!(!report.succeeded());
    let d = find(&report.diagnostics, "is not one of the site's languages");
    assert_eq!(location(d), "content/medical-records-specialists.fr.md:1:1");
    assert!(
        d.message
            .starts_with("`fr` is not one of the site's languages (`en`, `es`)"),
        "{}",
        d.message
    );
    let hint = d.hint.as_deref().unwrap();
    assert!(
        hint.contains("add `- code: fr` to `languages:` in site.yaml"),
        "{hint}"
    );
    assert!(hint.contains("rename it"), "{hint}");
    assert_eq!(d.source_line.as_deref(), Some("---"));
    assert_eq!(
        snapshot(&site.path().join("output")),
        before,
        "output/ was changed"
    );
    assert!(!site.output_exists("medical-records-specialists.fr/index.html"));
}

#[test]
fn a_translation_into_the_default_language_is_an_error_naming_its_source() {
    let site = bilingual().file("content/about.en.md", PAGE);
    let problems = site.problems();
    let d = find(&problems, "is the default language");
    assert_eq!(location(d), "content/about.en.md:1:1");
    assert!(
        d.message
            .starts_with("`en` is the default language, whose words are in `about.md` itself"),
        "{}",
        d.message
    );
    assert_eq!(
        d.hint.as_deref(),
        Some("merge what this file says into `about.md`, or remove it")
    );
    assert!(!site.output_exists("about.en/index.html"));
}

#[test]
fn the_home_page_and_region_codes_are_caught_too() {
    let site = bilingual()
        .file("content/_index.md", "---\ntitle: Home\n---\nWelcome.\n")
        .file("content/_index.fr.md", "---\ntitle: Accueil\n---\n")
        .file("content/about.es-MX.md", PAGE)
        .file("content/about.ES.md", PAGE);
    let problems = site.problems();
    let home = find(&problems, "`fr` is not one of the site's languages");
    assert_eq!(location(home), "content/_index.fr.md:1:1");
    let mx = find(&problems, "`es-MX` is not one of the site's languages");
    assert_eq!(location(mx), "content/about.es-MX.md:1:1");
    let upper = find(&problems, "`ES` is not one of the site's languages");
    assert_eq!(
        upper.hint.as_deref(),
        Some("rename it `about.es.md`: the code is written as in site.yaml")
    );
}

#[test]
fn names_that_are_not_translations_stay_pages() {
    // `v2` is no language code, and `solo.fr.md` has no `solo.md`.
    let site = bilingual()
        .file("content/notes.md", PAGE)
        .file("content/notes.v2.md", "---\ntitle: Notes 2\n---\nText.\n")
        .file("content/solo.fr.md", "---\ntitle: Solo\n---\nText.\n")
        .file("content/_index.fr.md", "---\ntitle: Hidden\n---\n");
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    assert!(site.output_exists("notes.v2/index.html"));
    assert!(site.output_exists("solo.fr/index.html"));
    assert!(!site.output("index.html").contains("Hidden"));
}

#[test]
fn without_languages_such_names_are_pages_as_before() {
    let site = TestSite::new()
        .file("content/about.md", PAGE)
        .file("content/about.fr.md", "---\ntitle: À propos\n---\nTexte.\n")
        .file("content/about.en.md", "---\ntitle: About 2\n---\nText.\n");
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    assert!(site.output_exists("about.fr/index.html"));
    assert!(site.output_exists("about.en/index.html"));
}

#[test]
fn careers_check_reports_the_same() {
    let site = bilingual().file("content/about.fr.md", PAGE);
    let run = site.run(&["check"]);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert_ne!(run.code, 0, "{all}");
    assert!(
        all.contains("`fr` is not one of the site's languages (`en`, `es`)"),
        "{all}"
    );
    assert!(all.contains("content/about.fr.md:1:1"), "{all}");
}

#[test]
fn serve_and_the_language_server_report_it_when_the_source_appears_and_forget_it_when_it_goes() {
    use careers::build::{BuildOptions, Timer};
    use careers::pipeline::Pipeline;
    let site = TestSite::new()
        .file("site.yaml", LANGUAGES)
        .file("content/about.fr.md", PAGE);
    let options = BuildOptions {
        root: site.path().to_path_buf(),
        ..Default::default()
    };
    let mut pipeline = Pipeline::new(&options, &mut Timer::start()).unwrap();
    let misnamed = |p: &Pipeline| {
        p.problems()
            .filter(|d| d.message.contains("not one of the site's languages"))
            .count()
    };
    assert_eq!(misnamed(&pipeline), 0);
    site.write("content/about.md", PAGE);
    let path = site.path().join("content/about.md");
    pipeline.apply(&std::collections::BTreeSet::from([path.clone()]));
    assert_eq!(misnamed(&pipeline), 1);
    std::fs::remove_file(&path).unwrap();
    pipeline.apply(&std::collections::BTreeSet::from([path.clone()]));
    assert_eq!(misnamed(&pipeline), 0);
    // The language server's unsaved buffer counts as the file.
    pipeline.set_text(&path, Some(PAGE.to_string()));
    assert_eq!(misnamed(&pipeline), 1);
    pipeline.set_text(&path, None);
    assert_eq!(misnamed(&pipeline), 0);
}

// ------------------------------------------------------------ language codes

fn with_codes(codes: &[&str]) -> TestSite {
    let mut yaml = String::from("title: Careers\nlanguages:\n");
    for code in codes {
        yaml.push_str(&format!("  - code: {code}\n"));
    }
    TestSite::new()
        .file("site.yaml", &yaml)
        .file("content/hit.md", VALID_PROFILE)
}

#[test]
fn a_code_that_is_no_language_is_an_error_at_its_place() {
    let site = with_codes(&["en", "sp"]);
    let problems = site.problems();
    let d = find(&problems, "`sp`");
    assert_eq!(location(d), "site.yaml:4:11");
    assert!(
        d.message.contains("ISO 639-1 has no code `sp`"),
        "{}",
        d.message
    );
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .starts_with("did you mean `es` (Spanish)?"),
        "{:?}",
        d.hint
    );
    assert!(!site.output_exists("sp/hit/index.html"));

    let site = with_codes(&["en", "xx-yy-zz"]);
    let problems = site.problems();
    let d = find(&problems, "`xx-yy-zz` is not a language code");
    assert_eq!(location(d), "site.yaml:4:11");
    assert!(d.hint.as_deref().unwrap().contains("`zh-Hant-TW`"));

    let site = with_codes(&["en", "spa"]);
    let problems = site.problems();
    let d = find(&problems, "`spa`");
    assert!(d
        .hint
        .as_deref()
        .unwrap()
        .starts_with("two-letter ISO 639-1 codes are expected"));

    let site = TestSite::new()
        .file("site.yaml", "title: Careers\nlanguage: sp\n")
        .file("content/hit.md", VALID_PROFILE);
    let problems = site.problems();
    let d = find(&problems, "ISO 639-1 has no code `sp`");
    assert_eq!(location(d), "site.yaml:2:11");
}

#[test]
fn real_codes_with_scripts_and_regions_build() {
    let site = with_codes(&["en", "es-MX", "pt-BR", "zh-Hant-TW"])
        .file("i18n/pt.yaml", "home: Início\n")
        .file("i18n/zh.yaml", "home: 首頁\n");
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    assert!(
        report.diagnostics.is_empty(),
        "{}",
        show(&report.diagnostics)
    );
    let mx = site.output("es-MX/hit/index.html");
    assert!(mx.contains("<html lang=\"es-MX\">"));
    // es-MX reads the theme's es.yaml.
    assert!(
        mx.contains("Cifras clave de Washington"),
        "Spanish interface"
    );
    assert!(site.output("pt-BR/hit/index.html").contains("Início"));
}

#[test]
fn a_language_without_interface_strings_is_a_warning_naming_the_file_to_add() {
    let site = with_codes(&["en", "es", "fr"]);
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    let d = find(&report.diagnostics, "interface strings in `fr`");
    assert!(!d.is_error());
    assert_eq!(location(d), "site.yaml:5:11");
    assert!(
        d.hint.as_deref().unwrap().starts_with("add i18n/fr.yaml"),
        "{:?}",
        d.hint
    );
    // A site file is enough; `fr-CA` reads `fr.yaml` as `es-MX` reads `es.yaml`.
    let site = with_codes(&["en", "es-MX", "fr-CA"]).file("i18n/fr.yaml", "home: Accueil\n");
    let report = site.build();
    assert!(
        report.diagnostics.is_empty(),
        "{}",
        show(&report.diagnostics)
    );
    assert!(site.output("fr-CA/hit/index.html").contains("Accueil"));
}

// ------------------------------------------------------------ strings files

#[test]
fn a_placeholder_the_key_does_not_take_is_an_error_at_it() {
    let site = bilingual().file(
        "i18n/es.yaml",
        "home: Portada\nkey_figures_for: \"Cifras clave de {zona}\"\n",
    );
    let report = site.build();
    assert!(!report.succeeded());
    let d = find(&report.diagnostics, "`{zona}`");
    assert_eq!(location(d), "i18n/es.yaml:2:35");
    assert!(
        d.message
            .starts_with("`{zona}` is not a placeholder of `key_figures_for`"),
        "{}",
        d.message
    );
    assert!(
        d.hint.as_deref().unwrap().starts_with(
            "`key_figures_for` takes `{area}` (the theme's English: \"Key figures for {area}\")"
        ),
        "{:?}",
        d.hint
    );
    assert_eq!(
        d.source_line.as_deref(),
        Some("key_figures_for: \"Cifras clave de {zona}\"")
    );
    // Leaving a placeholder out is allowed, and so is the right one.
    let site = bilingual().file(
        "i18n/es.yaml",
        "key_figures_for: \"Cifras de {area}\"\nhome: \"{Portada}\"\n",
    );
    let report = site.build();
    let d = find(&report.diagnostics, "`{Portada}`");
    assert!(d
        .hint
        .as_deref()
        .unwrap()
        .starts_with("`home` takes no placeholder"));
    assert_eq!(report.diagnostics.len(), 1, "{}", show(&report.diagnostics));
}

#[test]
fn bad_yaml_in_a_strings_file_is_reported_like_front_matter() {
    // The same mistake in front matter and in a strings file.
    let yaml = "home: Portada\nexplore:Explorar\nsearch: Buscar\n";
    let site = bilingual()
        .file("i18n/es.yaml", yaml)
        .file("content/page.md", &format!("---\n{yaml}---\nText.\n"));
    let problems = site.problems();
    let strings = problems
        .iter()
        .find(|d| d.file.ends_with("i18n/es.yaml"))
        .unwrap_or_else(|| panic!("{}", show(&problems)));
    let page = problems
        .iter()
        .find(|d| d.file.ends_with("content/page.md"))
        .unwrap_or_else(|| panic!("{}", show(&problems)));
    assert_eq!(strings.message, page.message);
    assert_eq!(strings.hint, page.hint);
    assert!(strings.hint.is_some(), "{strings}");
    let (s, p) = (strings.position.unwrap(), page.position.unwrap());
    assert_eq!((s.line + 1, s.column), (p.line, p.column));
    assert_eq!(s.line, 2, "{strings}");
    assert_eq!(strings.source_line.as_deref(), Some("explore:Explorar"));
}

#[test]
fn an_unclosed_quote_in_a_strings_file_points_at_it() {
    let site = bilingual().file(
        "i18n/es.yaml",
        "home: Portada\nexplore: \"Explorar\nsearch: Buscar\nabout: Acerca\n",
    );
    let problems = site.problems();
    assert_eq!(problems.len(), 1, "{}", show(&problems));
    let d = &problems[0];
    assert_eq!(d.file, std::path::Path::new("i18n/es.yaml"));
    assert_eq!(d.position.map(|p| p.line), Some(2), "{d}");
    assert_eq!(d.source_line.as_deref(), Some("explore: \"Explorar"));
}

#[test]
fn a_strings_value_that_is_not_text_is_an_error_at_its_key() {
    let site = bilingual().file(
        "i18n/es.yaml",
        "home: Portada\nexplore:\n  - a\nor_more: yes\nnot_published: true\n",
    );
    let problems = site.problems();
    let d = find(&problems, "`explore` is not text");
    assert_eq!(location(d), "i18n/es.yaml:2:1");
    let d = find(&problems, "`not_published` is not text");
    assert_eq!(location(d), "i18n/es.yaml:5:1");
    // `yes` is text in YAML 1.2, as serde_yaml reads it.
    assert_eq!(problems.len(), 2, "{}", show(&problems));
}

// ------------------------------------------- what is, and is not, misnamed

#[test]
fn a_middle_part_that_is_no_language_leaves_the_file_a_page() {
    // `old` and `pdf` are no language site.yaml would take, so "add
    // `- code: old`" would be a fix that fails: these are pages.
    let site = bilingual()
        .file("content/report.md", PAGE)
        .file(
            "content/report.old.md",
            "---\ntitle: Old report\n---\nOld.\n",
        )
        .file("content/cv.md", PAGE)
        .file("content/cv.pdf.md", "---\ntitle: CV as PDF\n---\nText.\n")
        .file("content/about.FR.md", "---\ntitle: About FR\n---\nText.\n");
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    assert!(
        report.diagnostics.is_empty(),
        "{}",
        show(&report.diagnostics)
    );
    assert!(site.output_exists("report.old/index.html"));
    assert!(site.output_exists("cv.pdf/index.html"));
    // `FR` is refused by site.yaml too (upper case), unlike `ES` below.
    assert!(site.output_exists("about.FR/index.html"));
    // A real code, or a site's code in another case, still is caught.
    let site = bilingual()
        .file("content/about.haw.md", PAGE)
        .file("content/about.ES.md", PAGE);
    let problems = site.problems();
    find(&problems, "`haw` is not one of the site's languages");
    find(&problems, "`ES` is not one of the site's languages");
}

/// A translation as an editor writes one, with the keys only a
/// translation or a profile takes: parsed as a page, each is a warning.
const SPANISH: &str =
    "---\ntitle: Especialistas\nsource_hash: 0123456789abcdef\npros: [Trabajo estable]\n---\nTexto.\n";

#[test]
fn a_misnamed_file_reports_only_that_it_is_misnamed() {
    let site = bilingual().file("content/about.fr.md", SPANISH);
    let problems = site.problems();
    let of_file: Vec<_> = problems
        .iter()
        .filter(|d| d.file.ends_with("about.fr.md"))
        .cloned()
        .collect();
    assert_eq!(of_file.len(), 1, "{}", show(&of_file));
    assert!(of_file[0]
        .message
        .contains("is not one of the site's languages"));
    // Without its source it is a page, and a page's problems are its own.
    let site = bilingual().file("content/alone.fr.md", SPANISH);
    let problems = site.problems();
    find(&problems, "source_hash");
}

#[test]
fn a_refused_code_in_site_yaml_is_the_one_error_not_one_per_translation() {
    let yaml = "title: Careers\nlanguages:\n  - code: en\n  - code: sp\n    title: Carreras\n";
    let site = TestSite::new()
        .file("site.yaml", yaml)
        .file("content/medical-records-specialists.md", VALID_PROFILE)
        .file("content/medical-records-specialists.es.md", SPANISH)
        .file("content/about.md", PAGE)
        .file("content/about.es.md", "---\ntitle: Acerca\n---\nTexto.\n");
    let report = site.build();
    assert!(!report.succeeded());
    assert_eq!(report.diagnostics.len(), 1, "{}", show(&report.diagnostics));
    let d = &report.diagnostics[0];
    assert_eq!(location(d), "site.yaml:4:11");
    assert!(d.hint.as_deref().unwrap().starts_with("did you mean `es`"));
    assert!(!site.output_exists("index.html"), "nothing published");
    // Fixed, the translations are translations.
    site.write("site.yaml", &yaml.replace("sp", "es"));
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    assert!(site.output_exists("es/about/index.html"));
}

#[test]
fn an_upper_case_code_is_not_advised_for_the_file_names() {
    let yaml = "title: Careers\nlanguages:\n  - code: en\n  - code: ES\n";
    let site = TestSite::new()
        .file("site.yaml", yaml)
        .file("content/about.md", PAGE)
        .file("content/about.es.md", "---\ntitle: Acerca\n---\nTexto.\n");
    let problems = site.problems();
    assert_eq!(problems.len(), 1, "{}", show(&problems));
    let d = &problems[0];
    assert_eq!(location(d), "site.yaml:4:11");
    let hint = d.hint.as_deref().unwrap();
    assert!(hint.starts_with("write `es`"), "{hint}");
    assert!(!show(&problems).contains(".ES.md"), "{}", show(&problems));
}

#[test]
fn site_yaml_problems_are_listed_first() {
    let yaml = "title: Careers\nprimary_aera: Washington\nlanguages:\n  - code: en\n  - code: es\n";
    let site = TestSite::new()
        .file("site.yaml", yaml)
        .file("content/about.md", "---\ntitel: About\n---\nText.\n")
        .file("content/about.es.md", "---\ntitle: Acerca\n---\nTexto.\n");
    let report = site.build();
    assert!(
        report.diagnostics.len() >= 2,
        "{}",
        show(&report.diagnostics)
    );
    assert_eq!(
        report.diagnostics[0].file,
        std::path::Path::new("site.yaml"),
        "{}",
        show(&report.diagnostics)
    );
    for args in [&["build"][..], &["check"][..]] {
        let run = site.run(args);
        let all = format!("{}{}", run.stdout, run.stderr);
        let config = all.find("site.yaml:2:1").unwrap_or_else(|| panic!("{all}"));
        let page = all
            .find("content/about.md")
            .unwrap_or_else(|| panic!("{all}"));
        assert!(config < page, "{all}");
    }
}

#[test]
fn an_unclosed_placeholder_or_a_lone_brace_is_an_error_at_it() {
    let site = bilingual().file(
        "i18n/es.yaml",
        "home: Portada\nin_language: \"Esta página en {language\"\n",
    );
    let report = site.build();
    assert!(!report.succeeded(), "{}", show(&report.diagnostics));
    assert!(!site.output_exists("index.html"), "nothing published");
    let d = find(
        &report.diagnostics,
        "`{language` in `in_language` is not closed",
    );
    assert_eq!(location(d), "i18n/es.yaml:2:30");
    assert_eq!(
        d.hint.as_deref(),
        Some("`in_language` takes `{language}` (the theme's English: \"This page in {language}\"); close it: `{language}`, if that is one of them")
    );
    let site = bilingual().file(
        "i18n/es.yaml",
        "in_language: Esta página en language}\nhome: \"Portada}\"\n",
    );
    let problems = site.problems();
    let d = find(&problems, "a `}` in `in_language` closes no placeholder");
    assert_eq!(location(d), "i18n/es.yaml:1:37");
    assert!(d
        .hint
        .as_deref()
        .unwrap()
        .starts_with("`in_language` takes `{language}`"));
    let d = find(&problems, "a `}` in `home` closes no placeholder");
    assert_eq!(location(d), "i18n/es.yaml:2:15");
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .starts_with("`home` takes no placeholder"),
        "{d}"
    );
    assert_eq!(problems.len(), 2, "{}", show(&problems));
}

// ------------------------------------------------------- translations' words

#[test]
fn an_empty_title_in_a_translation_is_an_error_at_it() {
    let site = bilingual();
    assert!(site.build().succeeded());
    let before = snapshot(&site.path().join("output"));
    site.write(
        "content/about.es.md",
        "---\ntitle: \"\"\nsummary: \"\"\n---\nTexto.\n",
    );
    let report = site.build();
    assert!(!report.succeeded(), "{}", show(&report.diagnostics));
    let d = find(&report.diagnostics, "the translated title is empty");
    assert_eq!(location(d), "content/about.es.md:2:8");
    assert_eq!(
        d.hint.as_deref(),
        Some("write the translated title, or leave `title:` out to show the source's until it is translated")
    );
    // `summary: ""` removes the summary, as before: no problem.
    assert_eq!(report.diagnostics.len(), 1, "{}", show(&report.diagnostics));
    assert_eq!(
        snapshot(&site.path().join("output")),
        before,
        "output/ was changed"
    );
    site.write("content/about.es.md", "---\ntitle:\n---\nTexto.\n");
    let problems = site.problems();
    let d = find(&problems, "the translated title is empty");
    assert_eq!(location(d), "content/about.es.md:2:1");
    // Left out, the source's title is shown.
    site.write("content/about.es.md", "---\nsummary: Acerca\n---\nTexto.\n");
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    assert!(site.output("es/about/index.html").contains("About"));
}
