//! The *resolve* stage: pages in, one immutable [`Site`] out.
//!
//! Here the pages meet each other: URLs and output paths are assigned,
//! `related` entries and Markdown links resolved,
//! taxonomies (cluster, Holland letter, job zone, education) gathered, and
//! each profile's headline figures for the primary area picked. Rules that
//! need more than one file live here; rules about one file live in
//! `content::validate`, and rules about where outputs go (two at one path,
//! reserved folders and names) in `render::collisions`, which sees every
//! output. Nothing here renders or writes.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::SiteConfig;
use crate::content::model::{holland_name, job_zone_name, Education, HOLLAND_LETTERS};
use crate::content::validate::slugify;
use crate::content::{Asset, Page, PageKind, Translation};
use crate::diagnostics::{closest, Diagnostic};
use crate::format::{self, Figure, Period};
use crate::yaml_path;

mod areas;
mod view;
pub use view::{Alternate, Facts, Fingerprint, Input, PageId, Recorder, Text, View};

/// The whole site after resolution. Read-only from here on.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    /// `/` or `/guide/`: prefixed to every URL.
    pub base_path: String,
    /// `https://host/guide/` when `base_url` names a host.
    pub absolute_base: Option<String>,
    pub pages: Vec<SitePage>,
    pub taxonomies: Vec<Taxonomy>,
    /// Files copied as they are from `content/`.
    pub assets: Vec<Asset>,
    /// Content paths of files that exist but could not be parsed; links to
    /// them are not reported again as broken.
    pub unparsed: HashSet<String>,
    /// The languages the site is published in, the default first; one
    /// (with no prefix) when `site.yaml` lists none.
    pub languages: Vec<Language>,
    /// The site in each language but the default (`layers[0]` is
    /// `languages[1]`): every page again, with the same [`PageId`]s.
    pub layers: Vec<Layer>,
    by_content_path: HashMap<String, PageId>,
}

/// One language of the site.
#[derive(Debug, Clone, Hash)]
pub struct Language {
    /// `en`, `es`: the `lang` attribute and `hreflang`.
    pub code: String,
    /// Its name in itself, for the language switcher.
    pub name: String,
    /// The site's title in it.
    pub title: String,
    /// Below the base path: empty for the default language, `es/` otherwise.
    pub prefix: String,
    /// The base path and prefix: `/guide/es/`.
    pub base_path: String,
    /// `https://host/guide/es/`, when `base_url` names a host.
    pub absolute_base: Option<String>,
    /// How numbers are written: `en-US`, `es-US`, `es-ES`.
    pub locale: String,
    /// Area names in this language, by the profiles' names (empty for the
    /// default language: the profiles name areas in it).
    pub areas: std::collections::BTreeMap<String, String>,
}

/// The site in a language other than the default. Pages keep their
/// [`PageId`] and their path below the language's root (`a/b/`); their
/// URLs start with the language's prefix. A page with a translation shows
/// its words over the source's facts; one without is the source itself,
/// marked `fallback`.
#[derive(Debug)]
pub struct Layer {
    pub pages: Vec<SitePage>,
    pub taxonomies: Vec<Taxonomy>,
}

#[derive(Debug)]
pub struct SitePage {
    /// Shared with the pipeline, which keeps parsed pages between edits.
    pub page: Arc<Page>,
    /// Path below the base path, `a/b/` (empty for the home page).
    pub url_path: String,
    /// Full URL path with the base path: `/guide/a/b/`.
    pub url: String,
    pub related: Vec<PageId>,
    /// Headline figures in the primary area, for listings.
    pub summary: Option<ProfileSummary>,
    /// In a language other than the default: the page has no translation
    /// into it and shows its source's words.
    pub fallback: bool,
    /// The translation shown, in a language other than the default.
    pub translation: Option<Arc<Translation>>,
    /// Which of its words are in another language than the page's.
    pub words_lang: WordsLang,
}

/// The language of each part of a page's words when it is not the page's
/// own, so a template can mark it (`lang="en"`, WCAG 3.1.2): in a language
/// other than the default, the default's code on every part shown in the
/// source's words (all of a page with no translation; what a translation
/// leaves out), null otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct WordsLang {
    pub title: Option<String>,
    pub summary: Option<String>,
    pub also_called: Option<String>,
    pub at_a_glance: Option<String>,
    pub pros: Option<String>,
    pub cons: Option<String>,
    pub body: Option<String>,
}

impl WordsLang {
    /// Page `source` shown through `translation` (none: untranslated),
    /// whose missing parts are in language `code`.
    fn of(source: &Page, translation: Option<&Translation>, code: &str) -> Self {
        let Some(t) = translation else {
            let all = Some(code.to_string());
            return WordsLang {
                title: all.clone(),
                summary: all.clone(),
                also_called: all.clone(),
                at_a_glance: all.clone(),
                pros: all.clone(),
                cons: all.clone(),
                body: all,
            };
        };
        let profile = source.meta.profile.as_ref();
        let left_out =
            |missing: bool, present: bool| (missing && present).then(|| code.to_string());
        let list = |given: &Option<Vec<String>>,
                    pick: fn(&crate::content::model::Profile) -> &Vec<String>| {
            left_out(
                given.is_none(),
                profile.is_some_and(|p| !pick(p).is_empty()),
            )
        };
        WordsLang {
            title: left_out(t.title.is_none(), true),
            summary: left_out(t.summary.is_none(), source.meta.summary.is_some()),
            also_called: list(&t.also_called, |p| &p.also_called),
            at_a_glance: list(&t.at_a_glance, |p| &p.at_a_glance),
            pros: list(&t.pros, |p| &p.pros),
            cons: list(&t.cons, |p| &p.cons),
            body: left_out(t.leaves_out_body(source), true),
        }
    }
}

impl SitePage {
    /// File to write, relative to the output folder.
    pub fn output_file(&self) -> String {
        format!("{}index.html", self.url_path)
    }
}

/// What listings show of a profile.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileSummary {
    pub title: String,
    pub url: String,
    pub soc: String,
    pub summary: Option<String>,
    /// The area the figures below are for, if the profile has one.
    pub area: Option<String>,
    pub median_yearly: Figure,
    pub growth: Figure,
    pub openings: Figure,
    /// The language of the title when it is not the listing's: the
    /// default language's code (`en`) for a profile whose title is not
    /// translated into the language listed in, so a page can mark it.
    pub lang: Option<String>,
    /// The same for the summary.
    pub summary_lang: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TaxonomyKind {
    Cluster,
    Holland,
    JobZone,
    Education,
}

impl TaxonomyKind {
    pub const ALL: [TaxonomyKind; 4] = [
        TaxonomyKind::Cluster,
        TaxonomyKind::Holland,
        TaxonomyKind::JobZone,
        TaxonomyKind::Education,
    ];

    /// The key of one of the taxonomy's strings (`name`, `singular`,
    /// `description`) in the theme's i18n files: `cluster_name`.
    pub fn key(self, what: &str) -> &'static str {
        match (self, what) {
            (TaxonomyKind::Cluster, "name") => "clusters_name",
            (TaxonomyKind::Cluster, "singular") => "clusters_singular",
            (TaxonomyKind::Cluster, _) => "clusters_description",
            (TaxonomyKind::Holland, "name") => "interests_name",
            (TaxonomyKind::Holland, "singular") => "interests_singular",
            (TaxonomyKind::Holland, _) => "interests_description",
            (TaxonomyKind::JobZone, "name") => "job_zones_name",
            (TaxonomyKind::JobZone, "singular") => "job_zones_singular",
            (TaxonomyKind::JobZone, _) => "job_zones_description",
            (TaxonomyKind::Education, "name") => "education_name",
            (TaxonomyKind::Education, "singular") => "education_singular",
            (TaxonomyKind::Education, _) => "education_description",
        }
    }

    /// The URL folder of the taxonomy.
    pub fn slug(self) -> &'static str {
        match self {
            TaxonomyKind::Cluster => "clusters",
            TaxonomyKind::Holland => "interests",
            TaxonomyKind::JobZone => "job-zones",
            TaxonomyKind::Education => "education",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            TaxonomyKind::Cluster => "Career clusters",
            TaxonomyKind::Holland => "Interests (Holland codes)",
            TaxonomyKind::JobZone => "Job zones",
            TaxonomyKind::Education => "Education",
        }
    }

    pub fn singular(self) -> &'static str {
        match self {
            TaxonomyKind::Cluster => "Career cluster",
            TaxonomyKind::Holland => "Interest",
            TaxonomyKind::JobZone => "Job zone",
            TaxonomyKind::Education => "Typical entry education",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            TaxonomyKind::Cluster => "Occupations grouped into career clusters: broad families of work that share knowledge and skills.",
            TaxonomyKind::Holland => "Occupations grouped by the Holland (RIASEC) interest areas they suit. A profile appears under each letter of its Holland code.",
            TaxonomyKind::JobZone => "O*NET job zones group occupations by how much education, experience and training they need, from 1 (little) to 5 (extensive).",
            TaxonomyKind::Education => "Occupations grouped by the education typically needed to enter them.",
        }
    }
}

#[derive(Debug)]
pub struct Taxonomy {
    pub kind: TaxonomyKind,
    pub url_path: String,
    pub url: String,
    pub terms: Vec<Term>,
}

#[derive(Debug)]
pub struct Term {
    pub name: String,
    pub description: Option<String>,
    pub url_path: String,
    pub url: String,
    pub pages: Vec<PageId>,
}

impl Term {
    /// The last folder of its URL path: `clusters/health-science/` →
    /// `health-science`.
    pub fn slug(&self) -> &str {
        let path = self.url_path.trim_end_matches('/');
        path.rsplit('/').next().unwrap_or(path)
    }
}

/// Resolves parsed pages into a site. Problems go to `out`.
pub fn resolve(
    config: SiteConfig,
    pages: Vec<Arc<Page>>,
    translations: Vec<Arc<Translation>>,
    assets: Vec<Asset>,
    unparsed: HashSet<String>,
    include_drafts: bool,
    out: &mut Vec<Diagnostic>,
) -> Site {
    let base_path = config.base_path();
    let languages = languages_of(&config, &base_path);
    // Every source, drafts included: a translation of a draft is not an
    // orphan, only unpublished with it.
    let all_sources: HashSet<String> = pages.iter().map(|p| p.rel_path.clone()).collect();
    let mut pages: Vec<Arc<Page>> = pages
        .into_iter()
        .filter(|p| include_drafts || !p.meta.draft)
        .collect();
    // A stable order: the home page first, then by content path.
    pages.sort_by(|a, b| {
        (a.kind != PageKind::Home, &a.rel_path).cmp(&(b.kind != PageKind::Home, &b.rel_path))
    });
    let mut site_pages: Vec<SitePage> = pages
        .into_iter()
        .map(|page| {
            let url_path = url_path_of(&page);
            SitePage {
                url: format!("{base_path}{}", encode_url_path(&url_path)),
                url_path,
                page,
                related: Vec::new(),
                summary: None,
                fallback: false,
                translation: None,
                words_lang: WordsLang::default(),
            }
        })
        .collect();
    let by_content_path = site_pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.page.rel_path.clone(), i))
        .collect();
    let taxonomies = gather_taxonomies(&site_pages, &base_path, out);
    let mut site = Site {
        absolute_base: config.absolute_base(),
        config,
        base_path,
        pages: Vec::new(),
        taxonomies,
        assets,
        unparsed,
        languages,
        layers: Vec::new(),
        by_content_path,
    };
    let related: Vec<Vec<PageId>> = site_pages
        .iter()
        .map(|p| site.resolve_related(&site_pages, p, out))
        .collect();
    for (page, related) in site_pages.iter_mut().zip(related) {
        page.related = related;
    }
    areas::report(&site_pages, &site.config, out);
    let primary = site.config.primary_area.clone();
    // Each summary formats a profile's headline figures: independent work,
    // shared by both cores.
    site_pages
        .par_iter_mut()
        .for_each(|page| page.summary = summarize(page, primary.as_deref()));
    site.pages = site_pages;
    site.layers = layers(&site, &translations, &all_sources, out);
    site
}

/// The languages `site.yaml` lists, with their addresses; the one
/// language `language:` names when it lists none. Codes `config` refuses
/// (no language, or no folder name) are reported there and left out here.
fn languages_of(config: &SiteConfig, base_path: &str) -> Vec<Language> {
    let absolute = config.absolute_base();
    let make = |code: &str,
                title: Option<&str>,
                name: Option<&str>,
                locale: Option<&str>,
                prefix: String| Language {
        name: name.map_or_else(|| language_name(code).to_string(), str::to_string),
        title: title.unwrap_or(&config.title).to_string(),
        base_path: format!("{base_path}{prefix}"),
        absolute_base: absolute.as_ref().map(|a| format!("{a}{prefix}")),
        locale: locale
            .or(config.locale.as_deref())
            .unwrap_or(code)
            .to_string(),
        areas: Default::default(),
        prefix,
        code: code.to_string(),
    };
    let mut languages: Vec<Language> = Vec::new();
    for (i, l) in config.languages.iter().enumerate() {
        // A code site.yaml's check refuses (`sp`) is no language of the
        // site: its error there explains what follows from that.
        let valid = crate::config::tags::check(&l.code).is_ok()
            && crate::config::is_language_code(&l.code)
            && !languages
                .iter()
                .any(|k| k.code.eq_ignore_ascii_case(&l.code));
        if valid {
            let prefix = if i == 0 {
                String::new()
            } else {
                format!("{}/", l.code)
            };
            let mut language = make(
                &l.code,
                l.title.as_deref(),
                l.name.as_deref(),
                l.locale.as_deref(),
                prefix,
            );
            // The default language's names are the profiles' own.
            if i > 0 {
                language.areas.clone_from(&l.areas);
            }
            languages.push(language);
        }
    }
    if languages.is_empty() {
        languages.push(make(&config.language, None, None, None, String::new()));
    }
    languages
}

impl Language {
    /// `area` (as the profiles name it) in this language.
    pub fn area_name<'s>(&'s self, area: &'s str) -> &'s str {
        self.areas.get(area).map_or(area, String::as_str)
    }
}

/// The name of a language in itself, for a `languages:` entry without `name`.
fn language_name(code: &str) -> &str {
    let primary = code.split('-').next().unwrap_or(code);
    match primary {
        "en" => "English",
        "es" => "Español",
        "fr" => "Français",
        "de" => "Deutsch",
        "pt" => "Português",
        "zh" => "中文",
        "vi" => "Tiếng Việt",
        "ko" => "한국어",
        "ru" => "Русский",
        "ar" => "العربية",
        "tl" => "Tagalog",
        _ => code,
    }
}

/// The site in every language but the default: each page with its
/// translation, or its source marked as a fallback. A translation whose
/// source does not exist is an error at its first line.
fn layers(
    site: &Site,
    translations: &[Arc<Translation>],
    all_sources: &HashSet<String>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Layer> {
    let mut by_source: HashMap<(&str, &str), &Arc<Translation>> = HashMap::new();
    for t in translations {
        if !all_sources.contains(&t.source_rel) {
            let known = all_sources.iter().map(String::as_str);
            let hint = closest(&t.source_rel, known).map_or_else(
                || {
                    format!(
                        "name it after the page it translates: `NAME.{}.md` beside `NAME.md`",
                        t.lang
                    )
                },
                |near| format!("did you mean to translate `{near}`? name the file after it"),
            );
            out.push(
                Diagnostic::error(
                    &t.display_path,
                    format!(
                        "`{}` translates `{}`, which does not exist",
                        t.rel_path, t.source_rel
                    ),
                )
                .at(crate::diagnostics::Position::new(1, 1), &t.text)
                .with_hint(hint),
            );
            continue;
        }
        by_source.insert((t.lang.as_str(), t.source_rel.as_str()), t);
    }
    let primary = site.config.primary_area.as_deref();
    let default_code = site
        .languages
        .first()
        .map(|l| l.code.clone())
        .unwrap_or_default();
    site.languages
        .iter()
        .skip(1)
        .map(|language| {
            let primary = primary.map(|area| language.area_name(area));
            let pages: Vec<SitePage> = site
                .pages
                .par_iter()
                .map(|source| {
                    let translation = by_source
                        .get(&(language.code.as_str(), source.page.rel_path.as_str()))
                        .filter(|t| !t.draft)
                        .map(|t| Arc::clone(t));
                    let page = match &translation {
                        Some(t) => Arc::new(Page::translated(&source.page, t)),
                        None => Arc::clone(&source.page),
                    };
                    // The language's names of the areas (facts stay the
                    // source's; only the names change).
                    let page = page.with_area_names(&language.areas).map_or(page, Arc::new);
                    let mut layered = SitePage {
                        page,
                        url: format!(
                            "{}{}",
                            language.base_path,
                            encode_url_path(&source.url_path)
                        ),
                        url_path: source.url_path.clone(),
                        related: source.related.clone(),
                        summary: None,
                        fallback: translation.is_none(),
                        words_lang: WordsLang::of(
                            &source.page,
                            translation.as_deref(),
                            &default_code,
                        ),
                        translation,
                    };
                    layered.summary = summarize(&layered, primary).map(|summary| ProfileSummary {
                        lang: layered.words_lang.title.clone(),
                        summary_lang: layered.words_lang.summary.clone(),
                        ..summary
                    });
                    layered
                })
                .collect();
            // The same terms as the default language's (the profiles and
            // their facts are the same), at this language's addresses.
            let taxonomies = gather_taxonomies(&pages, &language.base_path, &mut Vec::new());
            Layer { pages, taxonomies }
        })
        .collect()
}

/// `a/b.md` → `a/b/`; `a/_index.md` → `a/`; `slug` replaces the last part.
fn url_path_of(page: &Page) -> String {
    let without_ext = page.rel_path.strip_suffix(".md").unwrap_or(&page.rel_path);
    let mut parts: Vec<&str> = without_ext.split('/').collect();
    if parts.last() == Some(&"_index") {
        parts.pop();
    } else if let Some(slug) = &page.meta.slug {
        parts.pop();
        parts.push(slug);
    }
    parts.iter().map(|p| format!("{p}/")).collect()
}

/// Percent-encodes a path below the base for use in a URL: every byte but
/// ASCII letters, digits, `-._~` and the `/` separators, so that a file named
/// `a b?.md` is published in the folder `a b?/` and linked as `a%20b%3F/`.
pub fn encode_url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

impl Site {
    /// The absolute URL of a path below the base (`a/b/`), when the site's
    /// address is known: for canonical links, sitemaps and structured data.
    pub fn permalink(&self, url_path: &str) -> Option<String> {
        self.absolute_base
            .as_ref()
            .map(|base| format!("{base}{}", encode_url_path(url_path)))
    }

    /// The pages in language `lang` (0, the default, is `pages`).
    pub fn pages_in(&self, lang: usize) -> &[SitePage] {
        match lang.checked_sub(1).and_then(|i| self.layers.get(i)) {
            Some(layer) => &layer.pages,
            None => &self.pages,
        }
    }

    /// The taxonomies in language `lang`.
    pub fn taxonomies_in(&self, lang: usize) -> &[Taxonomy] {
        match lang.checked_sub(1).and_then(|i| self.layers.get(i)) {
            Some(layer) => &layer.taxonomies,
            None => &self.taxonomies,
        }
    }

    /// Whether the site is published in more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    pub fn page_id(&self, rel_path: &str) -> Option<PageId> {
        self.by_content_path.get(rel_path).copied()
    }

    /// Finds a page by content path (`a/b.md`).
    pub fn page_by_content_path(&self, rel_path: &str) -> Option<&SitePage> {
        self.by_content_path
            .get(rel_path)
            .and_then(|&i| self.pages.get(i))
    }

    /// Resolves a link target for the Markdown renderer: a URL, or a hint.
    pub fn resolve_link(&self, rel_path: &str) -> Result<String, Option<String>> {
        if let Some(page) = self.page_by_content_path(rel_path) {
            return Ok(page.url.clone());
        }
        if self.unparsed.contains(rel_path) {
            // The target has errors of its own, reported there.
            return Ok(format!(
                "{}{}",
                self.base_path,
                rel_path.trim_end_matches(".md")
            ));
        }
        let known = self.by_content_path.keys().map(String::as_str);
        Err(closest(rel_path, known).map(|near| format!("did you mean `{near}`?")))
    }

    fn resolve_related(
        &self,
        pages: &[SitePage],
        page: &SitePage,
        out: &mut Vec<Diagnostic>,
    ) -> Vec<PageId> {
        let Some(profile) = &page.page.meta.profile else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for (i, reference) in profile.related.iter().enumerate() {
            match self.find_related(pages, reference) {
                Some(id)
                    if pages
                        .get(id)
                        .is_some_and(|p| p.page.rel_path == page.page.rel_path) => {}
                Some(id) => found.push(id),
                None if self
                    .unparsed
                    .iter()
                    .any(|p| matches_reference(p, reference)) => {}
                None => {
                    let candidates: Vec<&str> = pages
                        .iter()
                        .filter(|p| p.page.is_profile())
                        .map(|p| file_stem(&p.page.rel_path))
                        .collect();
                    let hint = closest(reference, candidates.iter().copied())
                        .map(|near| format!("did you mean `{near}`?"))
                        .unwrap_or_else(|| "name another profile by its file name without `.md`, or by its path under content/".into());
                    let at = page.page.locator();
                    out.push(
                        at.error_at_value(
                            &yaml_path!["related", i],
                            format!("related career `{reference}` is not a profile of this site"),
                        )
                        .with_hint(hint),
                    );
                }
            }
        }
        found
    }

    /// The profile a `related` entry names, found as the build finds it
    /// (the language server's go to definition).
    pub fn related_page(&self, reference: &str) -> Option<&SitePage> {
        self.find_related(&self.pages, reference)
            .and_then(|id| self.pages.get(id))
    }

    fn find_related(&self, pages: &[SitePage], reference: &str) -> Option<PageId> {
        let reference = reference.trim().trim_start_matches('/');
        let with_ext = if reference.ends_with(".md") {
            reference.to_string()
        } else {
            format!("{reference}.md")
        };
        if let Some(&id) = self.by_content_path.get(&with_ext) {
            return Some(id);
        }
        pages.iter().position(|p| {
            p.page.is_profile()
                && (matches_reference(&p.page.rel_path, reference)
                    || p.url_path.trim_end_matches('/').rsplit('/').next() == Some(reference))
        })
    }

    pub fn profiles(&self) -> impl Iterator<Item = (PageId, &SitePage)> {
        self.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.page.is_profile())
    }

    pub fn home(&self) -> Option<&SitePage> {
        self.pages.iter().find(|p| p.page.kind == PageKind::Home)
    }

    /// A term by taxonomy and the slug of its page (`health-science`).
    pub fn term_by_slug(&self, kind: TaxonomyKind, slug: &str) -> Option<(&Taxonomy, &Term)> {
        self.term_by_slug_in(0, kind, slug)
    }

    /// A term by taxonomy and slug, in language `lang`.
    pub fn term_by_slug_in(
        &self,
        lang: usize,
        kind: TaxonomyKind,
        slug: &str,
    ) -> Option<(&Taxonomy, &Term)> {
        let taxonomy = self.taxonomies_in(lang).iter().find(|t| t.kind == kind)?;
        let term = taxonomy.terms.iter().find(|t| t.slug() == slug)?;
        Some((taxonomy, term))
    }
}

fn matches_reference(rel_path: &str, reference: &str) -> bool {
    file_stem(rel_path) == reference
}

fn file_stem(rel_path: &str) -> &str {
    let name = rel_path.rsplit('/').next().unwrap_or(rel_path);
    name.strip_suffix(".md").unwrap_or(name)
}

/// The slug of a term's page: `Health Science` → `health-science`.
pub fn term_slug(kind: TaxonomyKind, name: &str) -> String {
    match kind {
        TaxonomyKind::Holland => name.to_lowercase(),
        _ => slugify(name),
    }
}

/// Groups profiles by cluster, Holland letter, job zone and education.
fn gather_taxonomies(
    pages: &[SitePage],
    base_path: &str,
    out: &mut Vec<Diagnostic>,
) -> Vec<Taxonomy> {
    TaxonomyKind::ALL
        .into_iter()
        .map(|kind| {
            let url_path = format!("{}/", kind.slug());
            // Keyed by sort order, then slug: clusters alphabetically, the
            // rest in their natural order (RIASEC, zone, education level).
            let mut terms: BTreeMap<(String, String), Term> = BTreeMap::new();
            // Two spellings whose pages would have one address (`Health
            // Science`, `Health-Science`) are one term; the later spelling
            // is an error at its line, so the editor picks one.
            let mut by_slug: HashMap<String, (String, String)> = HashMap::new();
            for (id, page) in pages.iter().enumerate() {
                let Some(profile) = &page.page.meta.profile else {
                    continue;
                };
                for (order, name, description) in term_names(kind, profile) {
                    let slug = term_slug(kind, &name);
                    let (first_order, first_name) = by_slug
                        .entry(slug.clone())
                        .or_insert_with(|| (order.clone(), name.clone()))
                        .clone();
                    if first_order != order && kind == TaxonomyKind::Cluster {
                        let message = format!(
                            "cluster `{name}` would share its page ({base_path}{url_path}{slug}/) with cluster `{first_name}`"
                        );
                        out.push(
                            page.page
                                .locator()
                                .error_at_value(&yaml_path!["cluster"], message)
                                .with_hint(format!("write `cluster: {first_name}` as the other profiles do")),
                        );
                    }
                    let term_path = format!("{url_path}{slug}/");
                    let term = terms.entry((first_order, slug)).or_insert_with(|| Term {
                        name,
                        description,
                        url: format!("{base_path}{term_path}"),
                        url_path: term_path,
                        pages: Vec::new(),
                    });
                    term.pages.push(id);
                }
            }
            Taxonomy {
                kind,
                url: format!("{base_path}{url_path}"),
                url_path,
                terms: terms.into_values().collect(),
            }
        })
        .collect()
}

/// The terms a profile belongs to in one taxonomy: (sort key, name, description).
fn term_names(
    kind: TaxonomyKind,
    profile: &crate::content::model::Profile,
) -> Vec<(String, String, Option<String>)> {
    match kind {
        TaxonomyKind::Cluster => profile
            .cluster
            .iter()
            .map(|c| (c.to_lowercase(), c.trim().to_string(), None))
            .collect(),
        TaxonomyKind::Holland => profile
            .holland
            .iter()
            .flat_map(|code| code.chars())
            .map(|letter| {
                let order = HOLLAND_LETTERS
                    .iter()
                    .position(|(l, _)| *l == letter)
                    .unwrap_or(9);
                (
                    order.to_string(),
                    letter.to_string(),
                    holland_name(letter).map(str::to_string),
                )
            })
            .collect(),
        TaxonomyKind::JobZone => profile
            .job_zone
            .iter()
            .map(|z| {
                (
                    z.to_string(),
                    z.to_string(),
                    Some(job_zone_name(*z).to_string()),
                )
            })
            .collect(),
        TaxonomyKind::Education => profile
            .education
            .iter()
            .map(|e: &Education| {
                (
                    format!("{:02}", *e as u8),
                    e.key().to_string(),
                    Some(e.label().to_string()),
                )
            })
            .collect(),
    }
}

/// The headline figures of a profile: in the primary area, or in the first
/// area of each table when the site names none.
pub fn summarize(page: &SitePage, primary_area: Option<&str>) -> Option<ProfileSummary> {
    let profile = page.page.meta.profile.as_ref()?;
    let wage_row = profile.wages.as_ref().and_then(|w| match primary_area {
        Some(area) => w.areas.iter().find(|r| r.area == area),
        None => w.areas.first(),
    });
    let outlook_row = profile.outlook.as_ref().and_then(|o| match primary_area {
        Some(area) => o.areas.iter().find(|r| r.area == area),
        None => o.areas.first(),
    });
    let area = primary_area
        .map(str::to_string)
        .or_else(|| wage_row.map(|r| r.area.clone()))
        .or_else(|| outlook_row.map(|r| r.area.clone()));
    Some(ProfileSummary {
        title: page.page.meta.title.clone(),
        url: page.url.clone(),
        soc: profile.soc.clone(),
        summary: page.page.meta.summary.clone(),
        area,
        // "not published" is for a figure the source withheld; a profile
        // without a wage table has none yet.
        median_yearly: match (wage_row, &profile.wages) {
            (Some(row), _) => format::wage(row.median_yearly(), Period::Yearly),
            (None, Some(wages)) if !wages.areas.is_empty() => Figure::not_published(),
            (None, _) => Figure::missing(format::NO_WAGES),
        },
        growth: format::percent(outlook_row.and_then(|r| r.growth)),
        openings: format::count(outlook_row.and_then(|r| r.openings)),
        lang: None,
        summary_lang: None,
    })
}
