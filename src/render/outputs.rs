//! The table of output kinds: every file a build writes is an [`Output`]
//! of one [`Kind`], and each kind is described once, here, by one row.
//!
//! A kind says when it exists (some need a template the theme may lack),
//! which outputs a site has of it (`list`: paths and, for pages readers
//! visit, URLs), and how to make one (`render`). Nothing else in the code
//! matches on kinds: the build writes every output the table lists, `check`
//! reads them, `serve` re-renders the outputs whose recorded reads
//! changed, and [`super::collisions`] checks every listed path against
//! every other, so a new kind is one new row.

use std::io::Write;

use super::{downloads, explore, files, pages, rankings, search, sitemap, Ctx};
use crate::diagnostics::Diagnostic;
use crate::site::TaxonomyKind;

/// Every kind of output, in the order the sitemap lists their pages.
pub static KINDS: &[&Kind] = &[
    &pages::PAGES,
    &pages::DEFAULT_HOME,
    &pages::TAXONOMIES,
    &pages::NOT_FOUND,
    &sitemap::ROBOTS,
    &sitemap::SITEMAP,
    &downloads::CSV,
    &downloads::JSON,
    &explore::EXPLORE,
    &explore::INDEX,
    &explore::COMPARE,
    &explore::FIGURES,
    &rankings::INDEX,
    &rankings::RANKINGS,
    &search::PAGE,
    &search::SHARDS,
    &search::TYPOS,
    &search::DOCS,
    &files::COPIED,
];

/// Writes one output to `out`; problems that do not stop it go to the list.
pub type RenderFn = fn(&Ctx, &Output, &mut dyn Write, &mut Vec<Diagnostic>) -> Result<(), Failure>;

/// One kind of output.
pub struct Kind {
    /// A name for messages and `--verbose`.
    pub name: &'static str,
    /// A template the theme must have for this kind to be published at
    /// all (explore, compare and rankings are optional in a theme).
    pub needs_template: Option<&'static str>,
    /// Large data written in pieces straight to disk, never held whole;
    /// `serve` makes these when they are asked for.
    pub streamed: bool,
    /// Made once per language of the site (pages, listings, explore,
    /// rankings), each below the language's folder (`es/`); otherwise made
    /// once for the whole site (robots.txt, the sitemap, the downloads,
    /// the search index, copied files). `list` gives paths below the
    /// language's root; the table adds the prefix.
    pub per_language: bool,
    /// What the kind may write whatever the content: (path below the
    /// output, who writes it for messages). A path ending in `/` reserves
    /// a folder, where content pages may not be published; a top-level
    /// file name may not be a slug. See [`super::collisions`].
    pub reserves: &'static [(&'static str, &'static str)],
    /// The outputs of this kind in the site.
    pub list: fn(&Ctx) -> Vec<Listed>,
    /// Writes one output to `out`; problems that do not stop it (a broken
    /// link) go to `problems`.
    pub render: RenderFn,
}

/// What an output is about: the page, term, list or file it shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    /// The one output of its kind in the site (robots.txt, the 404 page).
    Site,
    /// A content page, by its content path (`a/b.md`).
    Page(String),
    Taxonomy(TaxonomyKind),
    /// A term of a taxonomy, by the slug of its page.
    Term(TaxonomyKind, String),
    Ranking(rankings::RankingKind),
    /// A shard of the search index, by number.
    SearchShard(u32),
    /// A shard of the search typo list, by number.
    SearchTypos(u32),
    /// The search text of a page, by its content path.
    SearchDoc(String),
    /// A file published as it is.
    File(files::FileSource),
    /// A file of the figures the compare page fetches, by number.
    Figures(usize),
    /// Page `n` (from 2) of a long listing; page 1 is the listing's own item.
    Paged(Box<Item>, usize),
}

/// An output as its kind lists it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub item: Item,
    /// The file below the output folder: `a/b/index.html`.
    pub path: String,
    /// For a page readers visit, its path below the base URL (`a/b/`);
    /// `None` for the 404 page, data files and copied files.
    pub url_path: Option<String>,
    /// The template that renders it, if one does.
    pub template: Option<&'static str>,
}

/// One file of the site.
#[derive(Clone)]
pub struct Output {
    pub kind: &'static Kind,
    /// The language it is made in: an index into the site's languages.
    pub lang: usize,
    pub item: Item,
    pub path: String,
    pub url_path: Option<String>,
    pub template: Option<&'static str>,
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {:?} → {}", self.kind.name, self.item, self.path)?;
        if self.lang > 0 {
            write!(f, " (language {})", self.lang)?;
        }
        Ok(())
    }
}

impl PartialEq for Output {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.kind, other.kind)
            && self.lang == other.lang
            && self.item == other.item
            && self.path == other.path
    }
}

impl Eq for Output {}

/// Why an output could not be written.
#[derive(Debug)]
pub enum Failure {
    /// The content or a template is at fault (reported, nothing written).
    Problem(Diagnostic),
    /// Writing failed.
    Io(std::io::Error),
}

impl From<std::io::Error> for Failure {
    fn from(err: std::io::Error) -> Self {
        Failure::Io(err)
    }
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure::Problem(d)
    }
}

/// Every output of the site, kind by kind in table order, a kind made per
/// language in each language in turn.
pub fn list(ctx: &Ctx) -> Vec<Output> {
    let languages = ctx.view.languages();
    let mut all = Vec::new();
    for &kind in KINDS
        .iter()
        .filter(|kind| kind.needs_template.is_none_or(|t| ctx.has_template(t)))
    {
        let count = if kind.per_language {
            languages.len()
        } else {
            1
        };
        for (lang, language) in languages.iter().enumerate().take(count) {
            let prefix = language.prefix.as_str();
            let listed = (kind.list)(&ctx.in_language(lang));
            all.extend(listed.into_iter().map(|listed| Output {
                kind,
                lang,
                item: listed.item,
                path: format!("{prefix}{}", listed.path),
                url_path: listed.url_path.map(|u| format!("{prefix}{u}")),
                template: listed.template,
            }));
        }
    }
    all
}

impl Output {
    /// Writes this output to `out`.
    pub fn render(
        &self,
        ctx: &Ctx,
        out: &mut dyn Write,
        problems: &mut Vec<Diagnostic>,
    ) -> Result<(), Failure> {
        (self.kind.render)(&ctx.in_language(self.lang), self, out, problems)
    }

    /// The content page behind this output, if any.
    pub fn page(&self) -> Option<&str> {
        match &self.item {
            Item::Page(rel) => Some(rel),
            _ => None,
        }
    }
}

/// A listing of the one output of a kind.
pub fn single(path: &str, url_path: Option<&str>, template: Option<&'static str>) -> Vec<Listed> {
    vec![Listed {
        item: Item::Site,
        path: path.to_string(),
        url_path: url_path.map(str::to_string),
        template,
    }]
}

/// A file written in one piece (a page, robots.txt).
pub fn write_text(out: &mut dyn Write, text: &str) -> Result<(), Failure> {
    out.write_all(text.as_bytes()).map_err(Failure::Io)
}
