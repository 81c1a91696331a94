//! The pipeline every command runs: config → load → parse → resolve →
//! templates, after which any output can be rendered.
//!
//! [`Pipeline`] keeps each stage's result and its problems. `build` and
//! `check` make one and render everything; `serve` keeps one alive and
//! hands it the paths an edit touched ([`Pipeline::apply`]), which reloads
//! and re-parses just those files (through the same functions a full load
//! uses), then runs the cheap later stages again. Which *outputs* must be
//! rendered again is not decided here: the engine compares what each output
//! read ([`crate::site::Input`]) before and after.
//!
//! An [`Overlay`] holds texts that stand in for files (the language
//! server's unsaved buffers): the load stage reads them instead of the
//! disk, by the same rules, so the editor sees what a build of those texts
//! would report.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::build::{BuildError, BuildOptions, Timer};
use crate::config::{self, Layout, SiteConfig};
use crate::content::{self, Asset, Page, SourceFile, Translation};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::{Rendering, Templates};
use crate::site::{self, Site};

/// Texts that stand in for files of the site, by absolute path: the
/// buffers an editor holds open. A Markdown file of `content/` or
/// `site.yaml` in it is read from here instead of the disk.
#[derive(Debug, Default, Clone)]
pub struct Overlay {
    texts: BTreeMap<PathBuf, String>,
}

impl Overlay {
    pub fn get(&self, path: &Path) -> Option<&str> {
        self.texts.get(path).map(String::as_str)
    }

    /// Sets the text of `path`, or with `None` goes back to the file on disk.
    fn set(&mut self, path: PathBuf, text: Option<String>) {
        match text {
            Some(text) => self.texts.insert(path, text),
            None => self.texts.remove(&path),
        };
    }
}

/// Every stage's result for one site.
pub struct Pipeline {
    options: BuildOptions,
    overlay: Overlay,
    layout: Arc<Layout>,
    config: SiteConfig,
    config_problems: Vec<Diagnostic>,
    /// The parse stage: every Markdown file under `content/` by content path.
    sources: BTreeMap<String, Source>,
    /// Files of `content/` copied as they are, by content path.
    assets: BTreeMap<String, Asset>,
    /// Problems of the load stage (symbolic links, unreadable files), by
    /// the file they are about.
    load_problems: BTreeMap<PathBuf, Vec<Diagnostic>>,
    site: Arc<Site>,
    resolve_problems: Vec<Diagnostic>,
    /// Content paths of the files the resolve stage found misnamed (see
    /// [`content::translation::Misnamed`]): not published, so their
    /// problems as a page are not reported, only that they are misnamed.
    misnamed: HashSet<String>,
    templates: Option<Arc<Templates>>,
    template_problems: Vec<Diagnostic>,
    /// Names under `static/` that cannot be published (read with the templates).
    static_problems: Vec<Diagnostic>,
    /// Languages no strings file is for (read with the templates).
    string_warnings: Vec<Diagnostic>,
    rendering: Option<Rendering>,
}

/// One Markdown file after parsing: the page, if it became one, and its problems.
struct Source {
    page: Option<Arc<Page>>,
    /// Set instead of `page` for a translation (`NAME.LANG.md`).
    translation: Option<Arc<Translation>>,
    /// Set, beside `page`, for a file named like a translation into a
    /// language the site does not translate into: an error in the resolve
    /// stage when its source exists, else a page as any other.
    misnamed: Option<content::translation::Misnamed>,
    problems: Vec<Diagnostic>,
}

/// What [`Pipeline::apply`] found an edit to touch.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Touched {
    /// Markdown files (content paths) read again: added, changed or removed.
    pub pages: BTreeSet<String>,
    /// Whether anything at all changed that the site is made of.
    pub any: bool,
}

impl Pipeline {
    /// Runs every stage up to the templates.
    pub fn new(options: &BuildOptions, timer: &mut Timer) -> Result<Self, BuildError> {
        let overlay = Overlay::default();
        let (config, config_problems) = load_config(options, &overlay);
        let layout = Layout::new(&options.root, options.output.as_deref(), &config.theme);
        if !layout.content.is_dir() {
            return Err(BuildError::NoContent(layout.content.clone()));
        }
        let mut pipeline = Pipeline {
            options: options.clone(),
            overlay,
            layout: Arc::new(layout),
            config,
            config_problems,
            sources: BTreeMap::new(),
            assets: BTreeMap::new(),
            load_problems: BTreeMap::new(),
            site: Arc::new(empty_site()),
            resolve_problems: Vec::new(),
            misnamed: HashSet::new(),
            templates: None,
            template_problems: Vec::new(),
            static_problems: Vec::new(),
            string_warnings: Vec::new(),
            rendering: None,
        };
        let content = pipeline.layout.content.clone();
        let loaded = pipeline.load(&content);
        timer.lap("load");
        pipeline.parse(loaded);
        timer.lap("parse");
        pipeline.resolve();
        timer.lap("resolve");
        pipeline.load_templates();
        timer.lap("templates");
        Ok(pipeline)
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// What rendering needs, or `None` while the templates do not compile.
    pub fn rendering(&self) -> Option<&Rendering> {
        self.rendering.as_ref()
    }

    pub fn templates(&self) -> Option<&Templates> {
        self.templates.as_deref()
    }

    /// Every problem the stages found, in no particular order.
    pub fn problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.config_problems
            .iter()
            .chain(self.load_problems.values().flatten())
            .chain(
                self.sources
                    .iter()
                    .filter(|(rel, _)| !self.misnamed.contains(*rel))
                    .flat_map(|(_, s)| &s.problems),
            )
            .chain(&self.resolve_problems)
            .chain(&self.template_problems)
            .chain(&self.static_problems)
            .chain(&self.string_warnings)
    }

    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }

    /// Reads `path` from `text` instead of the disk from now on (`None`:
    /// from the disk again), and runs again the stages it touches, as
    /// [`Pipeline::apply`] does for a saved file.
    pub fn set_text(&mut self, path: &Path, text: Option<String>) -> Touched {
        self.overlay.set(path.to_path_buf(), text);
        self.apply(&BTreeSet::from([path.to_path_buf()]))
    }

    /// Takes in changed paths (anything under the site folder, as a file
    /// watcher reports them) and runs again the stages they touch.
    pub fn apply(&mut self, paths: &BTreeSet<PathBuf>) -> Touched {
        let mut touched = Touched::default();
        let mut reconfigure = false;
        let mut templates = false;
        for path in paths {
            let layout = &self.layout;
            if path == &layout.config_file {
                reconfigure = true;
            } else if path.starts_with(&layout.content) {
                touched.pages.extend(self.reload(path));
                touched.any = true;
            } else if path.starts_with(&layout.templates)
                || path.starts_with(layout.theme.join("templates"))
                || path.starts_with(layout.root.join("i18n"))
                || path.starts_with(layout.theme.join("i18n"))
            {
                templates = true;
            } else if path.starts_with(&layout.static_dir)
                || path.starts_with(layout.theme.join("static"))
            {
                // Copied files are outputs of their own: the engine finds
                // them changed by their fingerprints.
                touched.any = true;
            } else if path.starts_with(layout.root.join("themes")) || is_site_folder(layout, path) {
                // A theme or a site folder appeared or went.
                reconfigure = true;
            }
        }
        if reconfigure {
            self.reconfigure(&mut touched);
            templates = true;
        }
        if touched.any || reconfigure {
            self.resolve();
        }
        if templates {
            self.load_templates();
            touched.any = true;
        } else if touched.any {
            self.make_rendering();
        }
        touched
    }

    /// Reads `site.yaml` again. A new theme or a new content folder changes
    /// where everything is, so the whole content is loaded again then.
    fn reconfigure(&mut self, touched: &mut Touched) {
        let (config, problems) = load_config(&self.options, &self.overlay);
        self.config_problems = problems;
        let layout = Layout::new(
            &self.options.root,
            self.options.output.as_deref(),
            &config.theme,
        );
        self.config = config;
        self.layout = Arc::new(layout);
        touched.pages.extend(self.sources.keys().cloned());
        let content = self.layout.content.clone();
        touched.pages.extend(self.reload(&content));
        touched.any = true;
    }

    /// Drops what was loaded from `path` (a file or a whole folder) and
    /// loads it again. Returns the Markdown files involved.
    fn reload(&mut self, path: &Path) -> BTreeSet<String> {
        let rel = rel_path(&self.layout.content, path);
        let inside =
            |key: &str| rel.is_empty() || key == rel || key.starts_with(&format!("{rel}/"));
        let mut involved: BTreeSet<String> =
            self.sources.keys().filter(|k| inside(k)).cloned().collect();
        self.sources.retain(|k, _| !inside(k));
        self.assets.retain(|k, _| !inside(k));
        let display = crate::diagnostics::display_path(&self.layout.root, path);
        self.load_problems
            .retain(|file, _| !file.starts_with(&display));
        let loaded = self.load(path);
        involved.extend(loaded.pages.iter().map(|p| p.rel_path.clone()));
        self.parse(loaded);
        involved
    }

    /// The load stage for `start` (the content folder or a part of it).
    fn load(&mut self, start: &Path) -> content::Loaded {
        let diagnostics = Diagnostics::new();
        let mut loaded =
            content::load_from(&self.layout.root, &self.layout.content, start, &diagnostics);
        let (overlaid, problems) = self.read_overlay(start, &mut loaded);
        // Problems of reading the file on disk are not the buffer's.
        let from_disk = diagnostics
            .into_sorted()
            .into_iter()
            .filter(|d| !overlaid.contains(&d.file));
        for d in from_disk.chain(problems) {
            self.load_problems
                .entry(d.file.clone())
                .or_default()
                .push(d);
        }
        for asset in std::mem::take(&mut loaded.assets) {
            self.assets.insert(asset.rel_path.clone(), asset);
        }
        loaded
    }

    /// Puts the overlay's texts of Markdown files under `start` in place of
    /// what was read from the disk, read by the same rules; a page that is
    /// only in the overlay (a buffer not saved yet) is added.
    /// Returns the display paths of the files read from the overlay and
    /// the problems of reading them.
    fn read_overlay(
        &self,
        start: &Path,
        loaded: &mut content::Loaded,
    ) -> (HashSet<PathBuf>, Vec<Diagnostic>) {
        let mut overlaid = HashSet::new();
        let mut problems = Vec::new();
        for (path, text) in &self.overlay.texts {
            let Ok(rel) = path.strip_prefix(&self.layout.content) else {
                continue;
            };
            if !path.starts_with(start) || !content::is_page_path(rel) {
                continue;
            }
            let rel_path = rel_path(&self.layout.content, path);
            loaded.pages.retain(|page| page.rel_path != rel_path);
            let display_path = crate::diagnostics::display_path(&self.layout.root, path);
            overlaid.insert(display_path.clone());
            match content::source_text_from(text.clone().into_bytes(), &display_path) {
                Ok(text) => loaded.pages.push(SourceFile {
                    rel_path,
                    display_path,
                    text,
                }),
                Err(problem) => problems.push(problem),
            }
        }
        (overlaid, problems)
    }

    /// The parse stage, in parallel.
    fn parse(&mut self, loaded: content::Loaded) {
        let codes = self.language_codes();
        // Languages other than the default: `NAME.es.md` is a translation
        // only when `es` is one of them.
        let others = codes.get(1..).unwrap_or_default();
        // Without `languages:` every name is a page, as it always was.
        let multilingual = !codes.is_empty();
        let parsed: Vec<(String, Source)> = loaded
            .pages
            .into_par_iter()
            .filter_map(|file: SourceFile| {
                let rel = file.rel_path.clone();
                let mut problems = Vec::new();
                if let Some((lang, source_rel)) = content::translation::translation_of(&rel, others)
                {
                    let translation =
                        content::translation::parse(file, &lang, source_rel, &mut problems)
                            .map(Arc::new);
                    return Some((
                        rel,
                        Source {
                            page: None,
                            translation,
                            problems,
                            misnamed: None,
                        },
                    ));
                }
                let misnamed = multilingual
                    .then(|| {
                        content::translation::Misnamed::of(
                            &rel,
                            &file.display_path,
                            &file.text,
                            &codes,
                        )
                    })
                    .flatten();
                let name = rel.rsplit('/').next().unwrap_or(&rel);
                if content::is_home_translation(name.as_bytes()) {
                    // The home page's text in a language the site does
                    // not have: hidden, as every `_` name, and kept only
                    // to be reported when it looks like a translation.
                    return misnamed.map(|misnamed| {
                        let source = Source {
                            page: None,
                            translation: None,
                            problems,
                            misnamed: Some(misnamed),
                        };
                        (rel, source)
                    });
                }
                let page = content::parse(file, &mut problems).map(Arc::new);
                Some((
                    rel,
                    Source {
                        page,
                        translation: None,
                        problems,
                        misnamed,
                    },
                ))
            })
            .collect();
        self.sources.extend(parsed);
    }

    /// The codes `languages:` lists, the default first; none without it.
    fn language_codes(&self) -> Vec<String> {
        self.config
            .languages
            .iter()
            .map(|l| l.code.clone())
            .collect()
    }

    /// The resolve stage: every parsed page into one site.
    fn resolve(&mut self) {
        let mut problems = Vec::new();
        // A file named like a translation into a language the site does
        // not have, beside the page it would translate, is not published:
        // it is an error (see `Misnamed`). Decided here, not when parsing,
        // because the source may come and go by itself.
        let codes = self.language_codes();
        // While a code of `languages:` is refused (`sp` for `es`), which
        // names are misnamed is not settled: every `.es.md` of the site
        // would be, and their errors would bury the one in site.yaml that
        // explains them all. They are then held back (not published, the
        // build failing at site.yaml anyway) and reported once it is fixed.
        let settled = codes.iter().all(|c| config::tags::check(c).is_ok());
        let mut misnamed: HashSet<String> = HashSet::new();
        for (rel, source) in &self.sources {
            if let Some(m) = &source.misnamed {
                if self.sources.contains_key(&m.source_rel) {
                    if settled {
                        problems.push(m.problem(&codes));
                    }
                    misnamed.insert(rel.clone());
                }
            }
        }
        let pages: Vec<Arc<Page>> = self
            .sources
            .iter()
            .filter(|(rel, _)| !misnamed.contains(rel.as_str()))
            .filter_map(|(_, s)| s.page.clone())
            .collect();
        let translations: Vec<Arc<Translation>> = self
            .sources
            .values()
            .filter_map(|s| s.translation.clone())
            .collect();
        let unparsed: HashSet<String> = self
            .sources
            .iter()
            .filter(|(rel, s)| {
                s.page.is_none()
                    && s.translation.is_none()
                    && !misnamed.contains(rel.as_str())
                    && !content::is_home_translation(
                        rel.rsplit('/').next().unwrap_or(rel).as_bytes(),
                    )
            })
            .map(|(rel, _)| rel.clone())
            .collect();
        let assets = self.assets.values().cloned().collect();
        let site = site::resolve(
            self.config.clone(),
            pages,
            translations,
            assets,
            unparsed,
            self.options.include_drafts,
            &mut problems,
        );
        self.site = Arc::new(site);
        self.resolve_problems = problems;
        self.misnamed = misnamed;
    }

    /// Compiles the templates.
    fn load_templates(&mut self) {
        self.template_problems.clear();
        self.static_problems = content::static_name_problems(&self.layout);
        self.string_warnings =
            crate::render::strings::missing_languages(&self.layout, &self.config);
        self.templates = match Templates::load(&self.layout) {
            Ok(t) => Some(Arc::new(t)),
            Err(problems) => {
                self.template_problems = problems;
                None
            }
        };
        self.make_rendering();
    }

    fn make_rendering(&mut self) {
        self.rendering = self.templates.as_ref().map(|templates| {
            Rendering::new(
                Arc::clone(&self.site),
                Arc::clone(templates),
                Arc::clone(&self.layout),
            )
        });
    }
}

/// Whether `path` is one of the folders a site is made of (which may
/// appear or go while `serve` runs).
fn is_site_folder(layout: &Layout, path: &Path) -> bool {
    [&layout.content, &layout.templates, &layout.static_dir].contains(&&path.to_path_buf())
}

fn load_config(options: &BuildOptions, overlay: &Overlay) -> (SiteConfig, Vec<Diagnostic>) {
    let path = options.root.join(config::CONFIG_FILE);
    let (mut config, problems) = match overlay.get(&path) {
        Some(text) => config::parse(text, PathBuf::from(config::CONFIG_FILE)),
        None => config::load(&options.root),
    };
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.clone();
    }
    (config, problems)
}

/// `content/a/b.md` → `a/b.md`; the content folder itself → ``.
fn rel_path(content: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(content).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn empty_site() -> Site {
    site::resolve(
        SiteConfig::default(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        HashSet::new(),
        false,
        &mut Vec::new(),
    )
}
