//! The *render* stage: Tera templates and the pages they produce.
//!
//! Templates are read from the theme, then from the site's own `templates/`,
//! where a file of the same name replaces the theme's. They are compiled once
//! per build. Each output file is rendered by a pure function of the site
//! and its [`Output`], so outputs render in parallel and any subset can be
//! rendered again. This module neither decides what is valid content nor
//! writes files.

pub mod charts;
pub mod context;
pub mod downloads;
pub mod explore;
pub mod rankings;
pub mod shared;
pub mod sitemap;
pub mod structured;

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, Tera};
use walkdir::WalkDir;

use crate::config::Layout;
use crate::content::PageKind;
use crate::diagnostics::{display_path, Diagnostic, Position};
use crate::markdown;
use crate::site::{PageId, Site};
use context::*;

/// The compiled templates, and where each came from (for error messages).
pub struct Templates {
    tera: Tera,
    files: BTreeMap<String, PathBuf>,
    root: PathBuf,
    /// Ids the templates write literally (`id="wages"`): Markdown headings
    /// avoid them so a page never has one id twice.
    reserved_ids: HashSet<String>,
    /// Which costly parts of the profile context the templates use.
    pub uses: Uses,
}

/// Parts of the profile context that cost more to compute than the rest
/// together (chart geometry is about 40% of a profile's context) and that
/// many themes never show. They are computed only when some template names
/// them: `chart` for `wages.chart` and `outlook.chart`, `json_ld` for
/// `profile.json_ld`. A theme that does not name them gets `null` there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Uses {
    pub charts: bool,
    pub json_ld: bool,
}

impl Uses {
    /// Everything: for contexts built without templates at hand.
    pub const ALL: Uses = Uses {
        charts: true,
        json_ld: true,
    };

    /// What the template sources name. A plain text search errs only one
    /// way: a word in a comment costs time, never a missing chart.
    fn of<'a>(sources: impl Iterator<Item = &'a str> + Clone) -> Self {
        let named = |word: &str| sources.clone().any(|text| text.contains(word));
        Uses {
            charts: named("chart"),
            json_ld: named("json_ld"),
        }
    }
}

/// The templates a theme must provide.
pub const REQUIRED_TEMPLATES: [&str; 6] = [
    "home.html",
    "profile.html",
    "page.html",
    "taxonomy.html",
    "term.html",
    "404.html",
];

impl Templates {
    /// Reads and compiles the theme's templates with the site's overrides.
    pub fn load(layout: &Layout, site: &SiteContext) -> Result<Self, Vec<Diagnostic>> {
        // Theme templates first (from disk, or built in), then the site's
        // own, which replace theme templates of the same name.
        let mut files: BTreeMap<String, PathBuf> = BTreeMap::new();
        let mut built_in_text: BTreeMap<String, &'static str> = BTreeMap::new();
        let built_in =
            crate::theme::built_in(&layout.theme_name).filter(|_| !layout.theme.is_dir());
        match built_in {
            Some(theme) => {
                for file in theme {
                    if let Some(name) = file.path.strip_prefix("templates/") {
                        files.insert(name.to_string(), layout.theme.join(file.path));
                        built_in_text.insert(name.to_string(), file.contents);
                    }
                }
            }
            None => collect_templates(&layout.theme.join("templates"), &mut files),
        }
        collect_templates(&layout.templates, &mut files);
        let mut problems = Vec::new();
        let mut sources = Vec::new();
        for (name, path) in &files {
            let text = match built_in_text
                .get(name)
                .filter(|_| !path.starts_with(&layout.templates))
            {
                Some(text) => Ok(text.to_string()),
                None => std::fs::read_to_string(path),
            };
            match text {
                Ok(text) => sources.push((name.clone(), text)),
                Err(err) => problems.push(Diagnostic::error(
                    display_path(&layout.root, path),
                    format!("cannot read this template: {err}"),
                )),
            }
        }
        for name in REQUIRED_TEMPLATES {
            if !files.contains_key(name) {
                problems.push(
                    Diagnostic::error(
                        display_path(&layout.root, &layout.theme.join("templates")),
                        format!("the theme has no `{name}` template"),
                    )
                    .with_hint(format!("add templates/{name} to the site or to the theme")),
                );
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        if let Err(err) =
            tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            problems.extend(template_errors(&err, &files, &layout.root, None));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        tera.global_context().insert("site", site);
        let reserved_ids = sources
            .iter()
            .flat_map(|(_, text)| literal_ids(text))
            .collect();
        Ok(Templates {
            uses: Uses::of(sources.iter().map(|(_, text)| text.as_str())),
            reserved_ids,
            tera,
            files,
            root: layout.root.clone(),
        })
    }

    fn render<T: Serialize>(
        &self,
        name: &str,
        data: &T,
        for_file: &Path,
    ) -> Result<String, Diagnostic> {
        let context = Context::from_serialize(data).map_err(|e| {
            Diagnostic::error(for_file, format!("cannot prepare the template data: {e}"))
        })?;
        self.tera.render(name, &context).map_err(|err| {
            let mut problems = template_errors(&err, &self.files, &self.root, Some(for_file));
            problems.truncate(1);
            problems.remove(0)
        })
    }
}

/// The `id="..."` values written literally in a template.
fn literal_ids(template: &str) -> impl Iterator<Item = String> + '_ {
    template.match_indices("id=\"").filter_map(move |(at, _)| {
        let value = &template[at + 4..];
        let value = &value[..value.find('"')?];
        (!value.is_empty() && !value.contains(['{', '}'])).then(|| value.to_string())
    })
}

fn collect_templates(dir: &Path, files: &mut BTreeMap<String, PathBuf>) {
    for entry in WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
        if entry.file_type().is_file() {
            let name = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let name = name.to_string_lossy().replace('\\', "/");
            if !name.split('/').any(|p| p.starts_with('.')) {
                files.insert(name, entry.into_path());
            }
        }
    }
}

/// Turns a Tera error into diagnostics on the template files and lines.
/// Tera hands some problems over as located errors and others (unknown
/// filters, missing includes found when templates are linked) as text
/// reports in the compiler format `error: …` / ` --> name:line:col`; both
/// are mapped back to the template files.
fn template_errors(
    err: &tera::Error,
    files: &BTreeMap<String, PathBuf>,
    root: &Path,
    page: Option<&Path>,
) -> Vec<Diagnostic> {
    let located = error_chain(err).find_map(|e| match e.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            Some(report)
        }
        _ => None,
    });
    let found: Vec<(String, String, Option<Position>)> = match located {
        Some(report) => {
            let span = report.span();
            vec![(
                report.message().to_string(),
                report.filename().to_string(),
                Some(Position::new(span.start_line, span.start_col + 1)),
            )]
        }
        None => {
            let text: Vec<String> = error_chain(err).map(|e| e.kind().to_string()).collect();
            parse_text_reports(&text.join("\n\n"))
        }
    };
    found
        .into_iter()
        .map(|(message, name, position)| {
            let path = files.get(&name).cloned().unwrap_or_else(|| {
                PathBuf::from(if name.is_empty() { "templates" } else { &name })
            });
            let mut d =
                Diagnostic::error(display_path(root, &path), format!("template: {message}"));
            if let Some(p) = position {
                d = d.at(p, &std::fs::read_to_string(&path).unwrap_or_default());
            }
            if let Some(page) = page {
                d = d.with_hint(format!("while rendering {}", page.display()));
            }
            d
        })
        .collect()
}

/// Reads Tera's text reports: `error: MESSAGE` followed by ` --> NAME:LINE:COL`.
/// Text with no such report becomes one message without a place.
fn parse_text_reports(text: &str) -> Vec<(String, String, Option<Position>)> {
    let mut found = Vec::new();
    let mut message: Option<String> = None;
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m.to_string());
        } else if let (Some(m), Some(place)) = (&message, line.trim_start().strip_prefix("--> ")) {
            let mut parts = place.rsplitn(3, ':');
            let column = parts.next().and_then(|c| c.parse().ok());
            let line_no = parts.next().and_then(|l| l.parse().ok());
            let name = parts.next().unwrap_or_default().to_string();
            let position = line_no.zip(column).map(|(l, c)| Position::new(l, c));
            found.push((m.clone(), name, position));
            message = None;
        }
    }
    if found.is_empty() {
        found.push((
            text.lines().next().unwrap_or(text).to_string(),
            String::new(),
            None,
        ));
    }
    found
}

/// The error and every Tera error it was caused by.
fn error_chain(err: &tera::Error) -> impl Iterator<Item = &tera::Error> {
    use std::error::Error as _;
    std::iter::successors(Some(err), |&e: &&tera::Error| {
        e.source().and_then(|s| s.downcast_ref::<tera::Error>())
    })
}

/// One file the render stage produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Output {
    Page(PageId),
    /// The home page when there is no `content/_index.md`.
    DefaultHome,
    TaxonomyIndex(usize),
    Term(usize, usize),
    NotFound,
    /// `sitemap.xml`, only when the site's address is known.
    Sitemap,
    /// `robots.txt`.
    Robots,
    /// `occupations.csv`, when the site has profiles.
    DataCsv,
    /// `occupations.json`, when the site has profiles.
    DataJson,
    /// `rankings/index.html`, when the site has profiles.
    RankingIndex,
    /// `rankings/KIND/index.html`, when the site has profiles.
    Ranking(rankings::RankingKind),
    /// `explore/index.html`, when the site has profiles and the theme has
    /// `explore.html`.
    Explore,
    /// `explore/index.json`, the index the explore and compare pages read.
    ExploreIndex,
    /// `compare/index.html`, when the site has profiles and the theme has
    /// `compare.html`.
    Compare,
}

/// Everything the build writes. Pages of the optional templates (explore,
/// compare, rankings) are left out when the theme lacks the template.
pub fn outputs(site: &Site, templates: &Templates) -> Vec<Output> {
    let mut all: Vec<Output> = (0..site.pages.len()).map(Output::Page).collect();
    if site.home().is_none() {
        all.push(Output::DefaultHome);
    }
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        if taxonomy.terms.is_empty() {
            continue;
        }
        all.push(Output::TaxonomyIndex(t));
        all.extend((0..taxonomy.terms.len()).map(|i| Output::Term(t, i)));
    }
    all.push(Output::NotFound);
    all.push(Output::Robots);
    all.extend(data_outputs(site, templates));
    all
}

/// The outputs built from every page's data (the sitemap, the downloads,
/// the explore index and the pages of optional templates that list every
/// profile): any front-matter edit may change them.
pub fn data_outputs(site: &Site, templates: &Templates) -> Vec<Output> {
    let mut all = Vec::new();
    if site.absolute_base.is_some() {
        all.push(Output::Sitemap);
    }
    if !has_downloads(site) {
        return all;
    }
    all.extend([Output::DataCsv, Output::DataJson]);
    let explore = templates.has(explore::EXPLORE_TEMPLATE);
    let compare = templates.has(explore::COMPARE_TEMPLATE);
    if explore {
        all.push(Output::Explore);
    }
    if explore || compare {
        // Only the explore and compare pages' scripts read the index.
        all.push(Output::ExploreIndex);
    }
    if compare {
        all.push(Output::Compare);
    }
    if templates.has(rankings::INDEX_TEMPLATE) {
        all.push(Output::RankingIndex);
    }
    if templates.has(rankings::TEMPLATE) {
        all.extend(rankings::RankingKind::ALL.map(Output::Ranking));
    }
    all
}

/// Whether the data downloads are written (and linked): when there are profiles.
pub fn has_downloads(site: &Site) -> bool {
    site.profiles().next().is_some()
}

/// A rendered file: its path below the output folder, its contents, and
/// where it came from (for reporting problems found in it later).
pub struct Rendered {
    pub path: String,
    pub html: String,
    pub template: &'static str,
    /// The content page behind it, if any.
    pub page: Option<PageId>,
    /// Content files (`a/b.md`) its Markdown body links to: it must be
    /// rendered again when they change.
    pub links_to: Vec<String>,
}

#[derive(Serialize)]
struct ProfileData<'a> {
    page: &'a PageContext,
    profile: ProfileContext,
}

#[derive(Serialize)]
struct PageData<'a> {
    page: &'a PageContext,
}

#[derive(Serialize)]
struct HomeData<'a> {
    page: &'a PageContext,
    profiles: Vec<shared::Shared<crate::site::ProfileSummary>>,
}

#[derive(Serialize)]
struct TaxonomyData {
    page: PageContext,
    taxonomy: TaxonomyContext,
}

#[derive(Serialize)]
struct TermData {
    page: PageContext,
    taxonomy: TaxonomyContext,
    term: TermContext,
}

impl Templates {
    /// Renders `template` with `data` into the output file `path`.
    fn render_output<T: Serialize>(
        &self,
        template: &'static str,
        path: String,
        page: Option<PageId>,
        data: &T,
    ) -> Result<Rendered, Diagnostic> {
        let html = self.render(template, data, Path::new(&path))?;
        Ok(Rendered {
            path,
            html,
            template,
            page,
            links_to: Vec::new(),
        })
    }

    /// Whether the theme (or the site) has the template `name`.
    pub fn has(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }

    /// The file a template was read from (the site's override or the theme's).
    pub fn path_of(&self, template: &str) -> Option<&Path> {
        self.files.get(template).map(PathBuf::as_path)
    }
}

/// Renders one output. Problems (a broken link in a body, a template
/// failure) go to `out`; the output is `None` only when the template failed.
pub fn render(
    site: &Site,
    templates: &Templates,
    output: Output,
    out: &mut Vec<Diagnostic>,
) -> Option<Rendered> {
    let result = match output {
        Output::Page(id) => render_page(site, templates, id, out),
        Output::DefaultHome => {
            let page = PageContext::generated(site, site.config.title.clone(), "", None);
            let data = HomeData {
                page: &page,
                profiles: profile_summaries(site),
            };
            templates.render_output("home.html", "index.html".into(), None, &data)
        }
        Output::TaxonomyIndex(t) => {
            let taxonomy = &site.taxonomies[t];
            let data = TaxonomyData {
                page: PageContext::generated(
                    site,
                    taxonomy.kind.name().into(),
                    &taxonomy.url_path,
                    Some(taxonomy.kind.description().into()),
                ),
                taxonomy: TaxonomyContext::new(taxonomy),
            };
            let path = format!("{}index.html", taxonomy.url_path);
            templates.render_output("taxonomy.html", path, None, &data)
        }
        Output::Term(t, i) => {
            let taxonomy = &site.taxonomies[t];
            let term = &taxonomy.terms[i];
            let term_context = TermContext::new(site, taxonomy.kind, term);
            // Job zone names already say "Job zone 3: …".
            let title = match taxonomy.kind {
                crate::site::TaxonomyKind::JobZone => term_context.name.clone(),
                _ => format!("{}: {}", taxonomy.kind.singular(), term_context.name),
            };
            let data = TermData {
                page: PageContext::generated(site, title, &term.url_path, None),
                taxonomy: TaxonomyContext::new(taxonomy),
                term: term_context,
            };
            let path = format!("{}index.html", term.url_path);
            templates.render_output("term.html", path, None, &data)
        }
        Output::NotFound => {
            let page = PageContext::generated(site, "Page not found".into(), "404.html", None);
            templates.render_output(
                "404.html",
                "404.html".into(),
                None,
                &PageData { page: &page },
            )
        }
        Output::Sitemap => Ok(data_file(
            sitemap::SITEMAP_FILE,
            sitemap::sitemap(site, templates).unwrap_or_default(),
        )),
        Output::Robots => Ok(data_file(sitemap::ROBOTS_FILE, sitemap::robots(site))),
        Output::DataCsv | Output::DataJson | Output::ExploreIndex => {
            let mut bytes = Vec::new();
            let name = large_data_file(output);
            write_large_data(site, output, &mut bytes).and_then(|()| {
                let text =
                    String::from_utf8(bytes).map_err(|e| data_error(name, &e.to_string()))?;
                Ok(data_file(name, text))
            })
        }
        Output::Explore => render_explore(site, templates),
        Output::Compare => render_compare(site, templates),
        Output::RankingIndex => render_ranking_index(site, templates),
        Output::Ranking(kind) => render_ranking(site, templates, kind),
    };
    result.map_err(|d| out.push(d)).ok()
}

fn render_page(
    site: &Site,
    templates: &Templates,
    id: PageId,
    out: &mut Vec<Diagnostic>,
) -> Result<Rendered, Diagnostic> {
    let page = &site.pages[id];
    let mut broken = Vec::new();
    let links_to = std::sync::Mutex::new(Vec::new());
    let resolve = |target: &str| {
        links_to
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(target.to_string());
        site.resolve_link(target)
    };
    let body = markdown::render(
        page.page.body(),
        page.page.body_line,
        &page.page.rel_path,
        site.config.raw_html,
        &resolve,
        &templates.reserved_ids,
        &mut broken,
    );
    let links_to = links_to.into_inner().unwrap_or_else(|e| e.into_inner());
    for link in broken {
        let message = format!(
            "the link to `{}` leads to no page of this site",
            link.target
        );
        let mut d = Diagnostic::error(&page.page.display_path, message)
            .at(link.position, &page.page.source);
        d.hint = link.hint;
        out.push(d);
    }
    let context = PageContext::new(site, page, body.html, body.toc);
    let path = page.output_file();
    let rendered = match (page.page.kind, &page.page.meta.profile) {
        (PageKind::Profile, Some(profile)) => {
            let profile = ProfileContext::new(site, page, profile, templates.uses);
            let data = ProfileData {
                page: &context,
                profile,
            };
            templates.render_output("profile.html", path, Some(id), &data)
        }
        (PageKind::Home, _) => {
            let data = HomeData {
                page: &context,
                profiles: profile_summaries(site),
            };
            templates.render_output("home.html", path, Some(id), &data)
        }
        _ => templates.render_output("page.html", path, Some(id), &PageData { page: &context }),
    };
    rendered.map(|r| Rendered { links_to, ..r })
}

#[derive(Serialize)]
struct ExploreData {
    page: PageContext,
    explore: explore::ExploreContext,
}

#[derive(Serialize)]
struct CompareData {
    page: PageContext,
    compare: explore::CompareContext,
}

fn render_explore(site: &Site, templates: &Templates) -> Result<Rendered, Diagnostic> {
    let summary = "Every career profile in one table: search, filter and sort them.";
    let data = ExploreData {
        page: PageContext::generated(
            site,
            "Explore careers".into(),
            "explore/",
            Some(summary.into()),
        ),
        explore: explore::ExploreContext::new(site),
    };
    let path = explore::EXPLORE_PAGE.to_string();
    templates.render_output(explore::EXPLORE_TEMPLATE, path, None, &data)
}

fn render_compare(site: &Site, templates: &Templates) -> Result<Rendered, Diagnostic> {
    let summary = "Two to four occupations side by side: wages, outlook and classification.";
    let data = CompareData {
        page: PageContext::generated(
            site,
            "Compare careers".into(),
            "compare/",
            Some(summary.into()),
        ),
        compare: explore::CompareContext::new(site),
    };
    let path = explore::COMPARE_PAGE.to_string();
    templates.render_output(explore::COMPARE_TEMPLATE, path, None, &data)
}

/// The path below the base of an output that is a page readers visit (for
/// the sitemap); `None` for the 404 page and data files.
pub fn page_url_path(site: &Site, output: Output) -> Option<String> {
    Some(match output {
        Output::Page(id) => site.pages[id].url_path.clone(),
        Output::DefaultHome => String::new(),
        Output::TaxonomyIndex(t) => site.taxonomies[t].url_path.clone(),
        Output::Term(t, i) => site.taxonomies[t].terms[i].url_path.clone(),
        Output::RankingIndex => rankings::FOLDER.into(),
        Output::Ranking(kind) => kind.url_path(),
        Output::Explore => "explore/".into(),
        Output::Compare => "compare/".into(),
        Output::NotFound
        | Output::Sitemap
        | Output::Robots
        | Output::DataCsv
        | Output::DataJson
        | Output::ExploreIndex => return None,
    })
}

/// The file an output is written to, without rendering it.
pub fn output_path(site: &Site, output: Output) -> String {
    match output {
        Output::Page(id) => site.pages[id].output_file(),
        Output::DefaultHome => "index.html".into(),
        Output::TaxonomyIndex(t) => format!("{}index.html", site.taxonomies[t].url_path),
        Output::Term(t, i) => format!("{}index.html", site.taxonomies[t].terms[i].url_path),
        Output::NotFound => "404.html".into(),
        Output::Sitemap => sitemap::SITEMAP_FILE.into(),
        Output::Robots => sitemap::ROBOTS_FILE.into(),
        Output::DataCsv => downloads::CSV_FILE.into(),
        Output::DataJson => downloads::JSON_FILE.into(),
        Output::RankingIndex => format!("{}index.html", rankings::FOLDER),
        Output::Ranking(kind) => format!("{}index.html", kind.url_path()),
        Output::Explore => explore::EXPLORE_PAGE.into(),
        Output::ExploreIndex => explore::INDEX_FILE.into(),
        Output::Compare => explore::COMPARE_PAGE.into(),
    }
}

/// The data files that grow with the site (about 5–15 KB per profile):
/// the build streams them to disk with [`write_large_data`] instead of
/// holding them in memory, and starts them first, as they take longest.
pub fn is_large_data(output: Output) -> bool {
    matches!(
        output,
        Output::DataCsv | Output::DataJson | Output::ExploreIndex
    )
}

/// Writes one of the [large data files](is_large_data) to `out`.
pub fn write_large_data(site: &Site, output: Output, out: impl Write) -> Result<(), Diagnostic> {
    let result = match output {
        Output::DataCsv => downloads::write_csv(site, out),
        Output::DataJson => downloads::write_json(site, out),
        Output::ExploreIndex => explore::write_index(site, out),
        _ => Err("not a data file".to_string()),
    };
    result.map_err(|e| data_error(large_data_file(output), &e))
}

fn large_data_file(output: Output) -> &'static str {
    match output {
        Output::DataCsv => downloads::CSV_FILE,
        Output::DataJson => downloads::JSON_FILE,
        _ => explore::INDEX_FILE,
    }
}

/// A list serialized one item at a time: `make` builds each item from its
/// source as it is written. The data files list every profile, and
/// building all their entries first would hold about 8 KB per profile
/// (80 MB at 10,000) only to write it out.
pub struct Streamed<'a, T, U> {
    items: &'a [T],
    make: &'a dyn Fn(&T) -> U,
}

impl<'a, T, U> Streamed<'a, T, U> {
    pub fn new(items: &'a [T], make: &'a dyn Fn(&T) -> U) -> Self {
        Streamed { items, make }
    }
}

impl<T, U: Serialize> Serialize for Streamed<'_, T, U> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.items.iter().map(self.make))
    }
}

/// A file the build writes without a template (sitemap, robots, downloads).
fn data_file(name: &'static str, text: String) -> Rendered {
    Rendered {
        path: name.to_string(),
        html: text,
        template: name,
        page: None,
        links_to: Vec::new(),
    }
}

fn data_error(name: &str, message: &str) -> Diagnostic {
    Diagnostic::error(name, format!("cannot write {name}: {message}"))
}

/// Every profile with its page, in the order of the listings (by title):
/// the order of the data downloads and the explore index.
pub fn profiles_by_title(
    site: &Site,
) -> Vec<(&crate::site::SitePage, &crate::content::model::Profile)> {
    let mut all: Vec<_> = site
        .profiles()
        .filter_map(|(_, page)| Some((page, page.page.meta.profile.as_ref()?)))
        .collect();
    all.sort_by_cached_key(|(page, _)| page.page.meta.title.to_lowercase());
    all
}

/// Every profile's listing entry, sorted by title.
fn profile_summaries(site: &Site) -> Vec<shared::Shared<crate::site::ProfileSummary>> {
    let mut all: Vec<_> = site
        .profiles()
        .filter_map(|(_, p)| p.summary.clone())
        .collect();
    all.sort_by_cached_key(|summary| summary.title.to_lowercase());
    all
}

#[derive(Serialize)]
struct RankingData {
    page: PageContext,
    ranking: rankings::RankingContext,
}

#[derive(Serialize)]
struct RankingIndexData {
    page: PageContext,
    rankings: Vec<rankings::RankingSummary>,
}

fn render_ranking(
    site: &Site,
    templates: &Templates,
    kind: rankings::RankingKind,
) -> Result<Rendered, Diagnostic> {
    let ranking = rankings::ranking(site, kind);
    let path = format!("{}index.html", kind.url_path());
    let data = RankingData {
        page: PageContext::generated(
            site,
            ranking.title.clone(),
            &kind.url_path(),
            Some(ranking.description.clone()),
        ),
        ranking,
    };
    templates.render_output(rankings::TEMPLATE, path, None, &data)
}

fn render_ranking_index(site: &Site, templates: &Templates) -> Result<Rendered, Diagnostic> {
    let summary = "Career profiles ranked by pay, growth and job openings.";
    let data = RankingIndexData {
        page: PageContext::generated(
            site,
            "Rankings".into(),
            rankings::FOLDER,
            Some(summary.into()),
        ),
        rankings: rankings::summaries(site),
    };
    let path = format!("{}index.html", rankings::FOLDER);
    templates.render_output(rankings::INDEX_TEMPLATE, path, None, &data)
}
