//! The incremental build behind `careers serve`.
//!
//! The engine keeps the whole pipeline's state between edits: every parsed
//! page, the resolved site, the compiled templates, and the problems found at
//! each stage, kept per file or per output so an edit replaces exactly what
//! it touched. After an edit to profiles it parses only the changed files,
//! resolves the site again (cheap: no rendering), and re-renders only the
//! outputs that depend on them: their own pages, pages that link to them or
//! list them as related, and, when what listings show of them changed, the
//! home and taxonomy pages they appear on. A template edit re-renders every
//! page without parsing anything. Other edits rebuild from scratch.
//!
//! Nothing is published while any problem is an error: the site being served
//! stays the last good one, and the problems go to the browser overlay.
//! Published files are written atomically into the served folder (or, for a
//! full render, a fresh folder swapped in), so a reader never gets half a page.
//! The engine does not watch files or speak HTTP; `serve` does.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::build::{self, FileSource};
use crate::config::{self, Layout};
use crate::content::{self, Page};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Staging;
use crate::render::shared::Shared;
use crate::render::{self, context::SiteContext, Output, Templates};
use crate::site::{self, Site};

/// What a rebuild did, for the terminal and the browser.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Every problem in the site now, errors first.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the served site changed (false when errors held it back).
    pub published: bool,
    pub rendered: usize,
    pub elapsed_ms: f64,
    pub kind: &'static str,
    /// URL paths of the pages published, or `None` when the whole site was.
    pub urls: Option<Vec<String>>,
}

impl Outcome {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// What changed on disk, sorted by what it costs to redo.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Markdown files under `content/` (relative paths) that were modified.
    pub content: BTreeSet<String>,
    pub templates: bool,
    pub static_files: bool,
    /// site.yaml, the theme, files added or removed: rebuild everything.
    pub everything: bool,
}

pub struct Engine {
    root: PathBuf,
    include_drafts: bool,
    layout: Layout,
    /// Where published files go; replaced whole on full renders.
    served: PathBuf,
    work_dir: PathBuf,
    generation: u32,
    site: Site,
    /// Drafts left out of the site (kept so a later edit can publish one).
    drafts: Vec<Page>,
    templates: Option<Templates>,
    config_problems: Vec<Diagnostic>,
    load_problems: Vec<Diagnostic>,
    parse_problems: HashMap<String, Vec<Diagnostic>>,
    resolve_problems: Vec<Diagnostic>,
    template_problems: Vec<Diagnostic>,
    render_problems: HashMap<String, Vec<Diagnostic>>,
    /// For each page (by content path), the content files its body links to.
    links_from: HashMap<String, Vec<String>>,
    /// Outputs rendered but not yet published because of errors.
    unpublished: HashMap<String, String>,
    /// A full render is waiting to be published.
    needs_full_publish: bool,
    /// Listing pages still to re-render after the edited pages went out.
    deferred: Vec<Output>,
}

impl Engine {
    /// Builds the whole site into `work_dir` (a folder the caller owns and
    /// removes) and serves from a subfolder of it.
    pub fn new(
        root: &Path,
        include_drafts: bool,
        work_dir: &Path,
    ) -> Result<(Self, Outcome), build::BuildError> {
        let started = Instant::now();
        let (config, config_problems) = config::load(root);
        let layout = Layout::new(root, None, &config.theme);
        if !layout.content.is_dir() {
            return Err(build::BuildError::NoContent(layout.content.clone()));
        }
        let mut engine = Engine {
            root: root.to_path_buf(),
            include_drafts,
            served: work_dir.join("empty"),
            work_dir: work_dir.to_path_buf(),
            generation: 0,
            site: site::resolve(
                config,
                Vec::new(),
                Vec::new(),
                HashSet::new(),
                true,
                &mut Vec::new(),
            ),
            layout,
            drafts: Vec::new(),
            templates: None,
            config_problems,
            load_problems: Vec::new(),
            parse_problems: HashMap::new(),
            resolve_problems: Vec::new(),
            template_problems: Vec::new(),
            render_problems: HashMap::new(),
            links_from: HashMap::new(),
            unpublished: HashMap::new(),
            needs_full_publish: false,
            deferred: Vec::new(),
        };
        let _ = std::fs::create_dir_all(&engine.served);
        let outcome = engine.rebuild_everything(started);
        Ok((engine, outcome))
    }

    /// The folder being served now.
    pub fn served_dir(&self) -> &Path {
        &self.served
    }

    pub fn base_path(&self) -> &str {
        &self.site.base_path
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// Whether `rel` (under `content/`) is a file the site copies as it is.
    pub fn knows_asset(&self, rel: &str) -> bool {
        self.site.assets.iter().any(|a| a.rel_path == rel)
    }

    /// Whether `rel` (under `content/`) is a Markdown file the site already has.
    pub fn knows(&self, rel: &str) -> bool {
        self.site.page_by_content_path(rel).is_some()
            || self.site.unparsed.contains(rel)
            || self.drafts.iter().any(|p| p.rel_path == rel)
    }

    /// Applies one batch of changes.
    pub fn apply(&mut self, changes: &Changes) -> Outcome {
        let started = Instant::now();
        if changes.everything {
            return self.rebuild_everything(started);
        }
        let mut outcome = None;
        if !changes.content.is_empty() {
            outcome = Some(self.update_content(&changes.content, started));
        }
        if changes.templates {
            outcome = Some(self.reload_templates(started));
        }
        if changes.static_files {
            let copied = self.copy_static();
            outcome.get_or_insert_with(|| self.finish("static files", copied, true, started));
        }
        outcome.unwrap_or_else(|| self.finish("nothing", 0, true, started))
    }

    fn rebuild_everything(&mut self, started: Instant) -> Outcome {
        let (config, config_problems) = config::load(&self.root);
        self.config_problems = config_problems;
        self.layout = Layout::new(&self.root, None, &config.theme);
        let collector = Diagnostics::new();
        let loaded = content::load(&self.layout.root, &self.layout.content, &collector);
        self.load_problems = collector.into_sorted();
        self.parse_problems.clear();
        let parsed: Vec<(String, Option<Page>, Vec<Diagnostic>)> = loaded
            .pages
            .into_par_iter()
            .map(|file| {
                let rel = file.rel_path.clone();
                let mut problems = Vec::new();
                let page = content::parse(file, &mut problems);
                (rel, page, problems)
            })
            .collect();
        let mut pages = Vec::new();
        let mut unparsed = HashSet::new();
        for (rel, page, problems) in parsed {
            self.parse_problems.insert(rel.clone(), problems);
            match page {
                Some(page) => pages.push(page),
                None => {
                    unparsed.insert(rel);
                }
            }
        }
        self.resolve(config, pages, loaded.assets, unparsed);
        self.load_templates();
        self.render_everything("full build", started)
    }

    /// Splits off unpublished drafts, then resolves the rest.
    fn resolve(
        &mut self,
        config: config::SiteConfig,
        pages: Vec<Page>,
        assets: Vec<content::Asset>,
        unparsed: HashSet<String>,
    ) {
        let (published, drafts): (Vec<Page>, Vec<Page>) = pages
            .into_iter()
            .partition(|p| self.include_drafts || !p.meta.draft);
        self.drafts = drafts;
        self.resolve_problems.clear();
        self.site = site::resolve(
            config,
            published,
            assets,
            unparsed,
            true,
            &mut self.resolve_problems,
        );
    }

    fn load_templates(&mut self) {
        self.template_problems.clear();
        self.templates = match Templates::load(&self.layout, &SiteContext::new(&self.site)) {
            Ok(t) => Some(t),
            Err(problems) => {
                self.template_problems = problems;
                None
            }
        };
    }

    fn reload_templates(&mut self, started: Instant) -> Outcome {
        self.load_templates();
        self.render_everything("templates changed", started)
    }

    /// Re-parses `changed` and re-renders what depends on them.
    fn update_content(&mut self, changed: &BTreeSet<String>, started: Instant) -> Outcome {
        let mut parsed = Vec::new();
        for rel in changed {
            match self.parse_file(rel) {
                Some(page) => parsed.push((rel.clone(), page)),
                // Unreadable or not UTF-8: the full load reports it precisely.
                None => return self.rebuild_everything(started),
            }
        }
        let keeps_place = parsed
            .iter()
            .all(|(rel, page)| page.as_ref().is_some_and(|p| self.keeps_place(rel, p)));
        if keeps_place {
            let pages = parsed
                .into_iter()
                .filter_map(|(rel, page)| Some((rel, page?)))
                .collect();
            self.patch_in_place(changed, pages, started)
        } else {
            self.resolve_again(changed, parsed, started)
        }
    }

    /// Reads and parses one content file, keeping its problems. The outer
    /// `None` means the file could not be read as text.
    fn parse_file(&mut self, rel: &str) -> Option<Option<Page>> {
        let path = self.layout.content.join(rel);
        let display_path = crate::diagnostics::display_path(&self.layout.root, &path);
        let text = content::read_source_text(&path, &display_path).ok()?;
        let file = content::SourceFile {
            rel_path: rel.to_string(),
            display_path,
            text,
        };
        let mut problems = Vec::new();
        let page = content::parse(file, &mut problems);
        self.parse_problems.insert(rel.to_string(), problems);
        Some(page)
    }

    /// Whether an edited page can replace its old version without resolving
    /// the site again: same URL, kind, draft state, title (navigation and
    /// links show it), taxonomy terms and related careers.
    fn keeps_place(&self, rel: &str, new: &Page) -> bool {
        let Some(id) = self.site.page_id(rel) else {
            return false;
        };
        let old = &self.site.pages[id].page;
        let terms = |p: &Page| {
            p.meta.profile.as_ref().map(|pr| {
                (
                    pr.cluster.clone(),
                    pr.holland.clone(),
                    pr.job_zone,
                    pr.education,
                    pr.related.clone(),
                )
            })
        };
        old.kind == new.kind
            && old.meta.slug == new.meta.slug
            && old.meta.draft == new.meta.draft
            && old.meta.title == new.meta.title
            && terms(old) == terms(new)
    }

    /// The common edit: swap the pages in, refresh their listing figures,
    /// and re-render them and what shows them. The site's structure and
    /// its resolve-stage problems are unchanged by construction.
    fn patch_in_place(
        &mut self,
        changed: &BTreeSet<String>,
        pages: Vec<(String, Page)>,
        started: Instant,
    ) -> Outcome {
        let primary = self.site.config.primary_area.clone();
        let mut listing_changed = HashSet::new();
        let mut front_matter_changed = false;
        for (rel, page) in pages {
            let Some(id) = self.site.page_id(&rel) else {
                continue;
            };
            let entry = &mut self.site.pages[id];
            let old_front = &entry.page.source[entry.page.yaml_range.clone()];
            front_matter_changed |= old_front != &page.source[page.yaml_range.clone()];
            entry.page = page;
            let summary = site::summarize(entry, primary.as_deref());
            if summary.as_ref().map(summary_key) != entry.summary.as_ref().map(summary_key) {
                listing_changed.insert(rel);
            }
            entry.summary = summary;
        }
        let term_pages = self.term_pages_listing(&listing_changed);
        let affected =
            self.affected_outputs(changed, &listing_changed, term_pages, front_matter_changed);
        // The edited pages go out first; listings (which can hold thousands
        // of rows) follow in `run_deferred`, so the editor waits only for
        // the page being edited.
        let (edited, rest): (Vec<Output>, Vec<Output>) =
            affected.into_iter().partition(|o| match o {
                Output::Page(id) => changed.contains(&self.site.pages[*id].page.rel_path),
                _ => false,
            });
        let outcome = self.render_some(&edited, started);
        if outcome.published {
            self.deferred.extend(rest);
            self.deferred.sort();
            self.deferred.dedup();
            outcome
        } else {
            self.render_some(&rest, started)
        }
    }

    /// Whether listing pages wait to be re-rendered after an edit.
    pub fn has_deferred(&self) -> bool {
        !self.deferred.is_empty()
    }

    /// Re-renders the listing pages an edit left for later.
    pub fn run_deferred(&mut self) -> Outcome {
        let outputs = std::mem::take(&mut self.deferred);
        self.render_some(&outputs, Instant::now())
    }

    /// Edits that move pages around (new URL, new terms, a parse error that
    /// takes a page out): resolve the whole site again.
    fn resolve_again(
        &mut self,
        changed: &BTreeSet<String>,
        parsed: Vec<(String, Option<Page>)>,
        started: Instant,
    ) -> Outcome {
        // Listings left from an earlier edit name pages by their place in
        // the current site: render them before the site is resolved anew.
        if self.has_deferred() {
            let deferred = std::mem::take(&mut self.deferred);
            self.render_some(&deferred, started);
        }
        let old_outputs = self.output_paths();
        let old_nav = serde_json::to_string(&SiteContext::new(&self.site)).unwrap_or_default();
        let listing_changed: HashSet<String> = changed.iter().cloned().collect();
        let old_term_pages = self.term_pages_listing(&listing_changed);
        let empty = site::resolve(
            config::SiteConfig::default(),
            Vec::new(),
            Vec::new(),
            HashSet::new(),
            true,
            &mut Vec::new(),
        );
        let (config, pages, assets, mut unparsed) =
            std::mem::replace(&mut self.site, empty).into_parts();
        let mut pages: Vec<Page> = pages
            .into_iter()
            .chain(std::mem::take(&mut self.drafts))
            .filter(|p| !changed.contains(&p.rel_path))
            .collect();
        for (rel, page) in parsed {
            unparsed.remove(&rel);
            match page {
                Some(page) => pages.push(page),
                None => {
                    unparsed.insert(rel);
                }
            }
        }
        self.resolve(config, pages, assets, unparsed);
        let new_nav = serde_json::to_string(&SiteContext::new(&self.site)).unwrap_or_default();
        if self.output_paths() != old_outputs || new_nav != old_nav {
            self.load_templates();
            return self.render_everything("site changed", started);
        }
        // The outputs are the same as before (checked above), so the term
        // pages found before the change still name the same pages.
        let mut term_pages = self.term_pages_listing(&listing_changed);
        term_pages.extend(old_term_pages);
        let affected = self.affected_outputs(changed, &listing_changed, term_pages, true);
        self.render_some(&affected, started)
    }

    /// Taxonomy term pages that list any of `pages` (content paths).
    fn term_pages_listing(&self, pages: &HashSet<String>) -> Vec<Output> {
        let mut found = Vec::new();
        if pages.is_empty() {
            return found;
        }
        for (t, taxonomy) in self.site.taxonomies.iter().enumerate() {
            for (i, term) in taxonomy.terms.iter().enumerate() {
                if term
                    .pages
                    .iter()
                    .any(|&id| pages.contains(&self.site.pages[id].page.rel_path))
                {
                    found.push(Output::Term(t, i));
                }
            }
        }
        found
    }

    /// Every output of the site; none while the templates do not compile.
    fn all_outputs(&self) -> Vec<Output> {
        match &self.templates {
            Some(templates) => render::outputs(&self.site, templates),
            None => Vec::new(),
        }
    }

    fn output_paths(&self) -> BTreeSet<String> {
        self.all_outputs()
            .into_iter()
            .map(|o| render::output_path(&self.site, o))
            .collect()
    }

    /// The outputs to re-render after `changed` content files were edited:
    /// their pages, pages whose bodies link to them, and, for pages whose
    /// listing entry changed (`listing_changed`), pages that list them as
    /// related, the home page and `term_pages`.
    fn affected_outputs(
        &self,
        changed: &BTreeSet<String>,
        listing_changed: &HashSet<String>,
        term_pages: Vec<Output>,
        front_matter_changed: bool,
    ) -> Vec<Output> {
        let mut wanted: Vec<Output> = Vec::new();
        for (id, page) in self.site.pages.iter().enumerate() {
            let rel = &page.page.rel_path;
            let links_to_changed = self
                .links_from
                .get(rel)
                .is_some_and(|targets| targets.iter().any(|t| changed.contains(t)));
            let lists_changed = !listing_changed.is_empty()
                && page
                    .related
                    .iter()
                    .any(|&r| listing_changed.contains(&self.site.pages[r].page.rel_path));
            let is_home = page.page.kind == content::PageKind::Home && !listing_changed.is_empty();
            if changed.contains(rel) || links_to_changed || lists_changed || is_home {
                wanted.push(Output::Page(id));
            }
        }
        if front_matter_changed {
            // The sitemap, downloads, explore index and rankings hold every
            // page's front-matter data (not its body).
            if let Some(templates) = &self.templates {
                wanted.extend(render::data_outputs(&self.site, templates));
            }
        }
        if !listing_changed.is_empty() {
            wanted.extend(term_pages);
            if self.site.home().is_none() {
                wanted.push(Output::DefaultHome);
            }
        }
        wanted.sort();
        wanted.dedup();
        wanted
    }

    /// Renders every output into a fresh folder, swapped in if there are no errors.
    fn render_everything(&mut self, kind: &'static str, started: Instant) -> Outcome {
        self.deferred.clear();
        self.render_problems.clear();
        self.links_from.clear();
        self.unpublished.clear();
        let outputs = self.all_outputs();
        let rendered = self.render_outputs(&outputs);
        if self.has_errors() {
            // Keep the rendered pages for when the errors are fixed by an
            // edit that re-renders only a few: publish everything then.
            self.unpublished.extend(rendered);
            self.needs_full_publish = true;
            return self.finish(kind, outputs.len(), false, started);
        }
        let published = self.publish_fresh(rendered).is_ok();
        self.finish(kind, outputs.len(), published, started)
    }

    fn render_some(&mut self, outputs: &[Output], started: Instant) -> Outcome {
        let rendered = self.render_outputs(outputs);
        let count = rendered.len();
        self.unpublished.extend(rendered);
        if self.has_errors() {
            return self.finish("pages changed", count, false, started);
        }
        let full = self.needs_full_publish;
        let urls: Vec<String> = self
            .unpublished
            .keys()
            .map(|path| self.url_of(path))
            .collect();
        let published = if full {
            // An earlier full render was held back: render all again so
            // nothing stale is published.
            let all = self.all_outputs();
            let rendered = self.render_outputs(&all);
            self.publish_fresh(rendered).is_ok()
        } else {
            let pending: Vec<(String, String)> = self.unpublished.drain().collect();
            pending
                .par_iter()
                .all(|(path, html)| write_atomically(&self.served, path, html.as_bytes()).is_ok())
        };
        let mut outcome = self.finish("pages changed", count, published, started);
        outcome.urls = (!full).then_some(urls);
        outcome
    }

    /// The URL path of an output file: `a/b/index.html` → `/base/a/b/`.
    fn url_of(&self, output_path: &str) -> String {
        format!(
            "{}{}",
            self.site.base_path,
            output_path
                .strip_suffix("index.html")
                .unwrap_or(output_path)
        )
    }

    /// Renders outputs in parallel, recording their problems and links.
    fn render_outputs(&mut self, outputs: &[Output]) -> HashMap<String, String> {
        let Some(templates) = &self.templates else {
            return HashMap::new();
        };
        let site = &self.site;
        let results: Vec<(String, Option<render::Rendered>, Vec<Diagnostic>)> = outputs
            .par_iter()
            .map(|&output| {
                let mut problems = Vec::new();
                let rendered = render::render(site, templates, output, &mut problems);
                (render::output_path(site, output), rendered, problems)
            })
            .collect();
        let mut files = HashMap::new();
        for (path, rendered, problems) in results {
            self.render_problems.insert(path.clone(), problems);
            if let Some(r) = rendered {
                if let Some(id) = r.page {
                    self.links_from
                        .insert(self.site.pages[id].page.rel_path.clone(), r.links_to);
                }
                files.insert(path, r.html);
            }
        }
        files
    }

    /// Writes a complete site into a new folder and serves it from then on.
    fn publish_fresh(&mut self, rendered: HashMap<String, String>) -> std::io::Result<()> {
        self.generation += 1;
        let target = self.work_dir.join(format!("site-{}", self.generation));
        let staging = Staging::create(&target)?;
        rendered
            .par_iter()
            .try_for_each(|(path, html)| staging.write(path, html.as_bytes()))?;
        for (source, rel) in build::copied_files(&self.layout, &self.site) {
            match source {
                FileSource::Disk(path) => staging.copy_file(&path, &rel)?,
                FileSource::BuiltIn(text) => staging.write(&rel, text.as_bytes())?,
            }
        }
        staging.commit()?;
        let previous = std::mem::replace(&mut self.served, target);
        self.needs_full_publish = false;
        self.unpublished.clear();
        // Requests that already opened a file keep reading it after removal.
        let _ = std::fs::remove_dir_all(previous);
        Ok(())
    }

    fn copy_static(&self) -> usize {
        let mut copied = 0;
        for (source, rel) in build::copied_files(&self.layout, &self.site) {
            let bytes = match source {
                FileSource::Disk(path) => std::fs::read(path).ok(),
                FileSource::BuiltIn(text) => Some(text.as_bytes().to_vec()),
            };
            if let Some(bytes) = bytes {
                copied += usize::from(write_atomically(&self.served, &rel, &bytes).is_ok());
            }
        }
        copied
    }

    fn all_problems(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .config_problems
            .iter()
            .chain(&self.load_problems)
            .chain(self.parse_problems.values().flatten())
            .chain(&self.resolve_problems)
            .chain(&self.template_problems)
            .chain(self.render_problems.values().flatten())
            .cloned()
            .collect();
        all.sort_by(|a, b| {
            (a.severity, &a.file, a.position).cmp(&(b.severity, &b.file, b.position))
        });
        all.dedup();
        all
    }

    fn has_errors(&self) -> bool {
        self.all_problems().iter().any(Diagnostic::is_error)
    }

    fn finish(
        &self,
        kind: &'static str,
        rendered: usize,
        published: bool,
        started: Instant,
    ) -> Outcome {
        Outcome {
            diagnostics: self.all_problems(),
            published,
            rendered,
            elapsed_ms: started.elapsed().as_secs_f64() * 1000.0,
            kind,
            urls: None,
        }
    }
}

/// What a listing shows of a profile, for telling whether listings change.
fn summary_key(summary: &Shared<site::ProfileSummary>) -> String {
    // The data itself, not its kept template value (a map in no set order).
    serde_json::to_string(&**summary).unwrap_or_default()
}

/// Writes a file next to its final name and renames it into place, so a
/// reader gets the old file or the new one, never a part.
fn write_atomically(root: &Path, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.careers-tmp-{}", std::process::id()));
    std::fs::write(&temp, bytes)?;
    std::fs::rename(&temp, &path)
}
