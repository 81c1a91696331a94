//! Reading the resolved site, with every read recorded.
//!
//! The render stage sees the site only through a [`View`]. Each accessor
//! returns one slice of the site and, when the view records, notes the
//! [`Input`] that names that slice. [`View::fingerprint`] hashes exactly what
//! an input's accessor returns. Together they let `serve` find, after an
//! edit, the outputs that read something that changed: the reads are
//! recorded while rendering happens, never listed by hand, so a new kind of
//! output is tracked as soon as it reads the site. Keep each accessor and its
//! fingerprint side by side when changing either.

use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use super::{ProfileSummary, Site, SitePage, Taxonomy, TaxonomyKind, Term, WordsLang};
use crate::config::SiteConfig;
use crate::content::model::Profile;
use crate::content::PageMeta;

/// Index of a page in the site, valid for one resolved site only.
pub type PageId = usize;

/// The page `id` of `site`. A [`PageId`] is an index into `site.pages`,
/// made by `resolve` for that site and handed out only with it, so it is
/// in bounds by construction.
#[allow(
    clippy::indexing_slicing,
    reason = "a PageId indexes the site it came from"
)]
fn page_of(site: &Site, id: PageId) -> &SitePage {
    &site.pages[id]
}

/// The page `id` of `site` in language `lang`: every language has every
/// page, at the same index.
#[allow(
    clippy::indexing_slicing,
    reason = "a PageId indexes the site it came from, in every language"
)]
fn page_in(site: &Site, lang: usize, id: PageId) -> &SitePage {
    &site.pages_in(lang)[id]
}

/// A slice of the site an output can read. Pages are named by their content
/// path (`a/b.md`), which survives edits that move pages around.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Input {
    /// `site.yaml` as loaded, with command-line overrides: title, base URL,
    /// primary area, language and the other settings.
    Config,
    /// Which pages the site has and their kinds, in site order.
    PageList,
    /// Whether the site has any profile (the downloads and the pages that
    /// list every profile exist only then).
    HasProfiles,
    /// Everything about one page: its file, URL, related careers and
    /// listing entry.
    Page(String),
    /// A profile's front-matter facts with its title and URL: what the
    /// downloads, the explore index and the rankings show. Not its body.
    Facts(String),
    /// A profile's listing entry (headline figures for the primary area).
    Summary(String),
    /// A page's title and URL, and the title's language: what links and
    /// navigation show.
    Address(String),
    /// What search indexes of a page: its title, URL, summary, the
    /// profile's other names, at-a-glance, pros and cons, and its body.
    Text(String),
    /// The content files that exist but could not be parsed.
    Unparsed,
    /// Every taxonomy with its terms and their members.
    Taxonomies,
    /// Which taxonomies have terms, with their URLs (for navigation).
    TaxonomyList,
    /// Whether a term has a page, and where.
    TermUrl(TaxonomyKind, String),
    /// The compiled templates (recorded by the render stage).
    Templates,
    /// A file published as it is (recorded by the render stage).
    File(std::path::PathBuf),
    /// A page's addresses in every language, and which are translations.
    Alternates(String),
    /// `input` as a view in language N (not the default) reads it.
    Lang(u8, Box<Input>),
}

/// Collects the inputs one output reads. Shared by the threads that render
/// one output's parts (the Markdown link resolver must be `Sync`).
#[derive(Debug, Default)]
pub struct Recorder(Mutex<Vec<Input>>);

impl Recorder {
    pub fn new() -> Self {
        Recorder::default()
    }

    pub fn note(&self, input: Input) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(input);
    }

    /// Notes reads another recorder collected.
    pub fn extend(&self, inputs: &[Input]) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(inputs);
    }

    /// Every input read, each once, in a stable order.
    pub fn into_inputs(self) -> Vec<Input> {
        let mut inputs = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        inputs.sort_unstable();
        inputs.dedup();
        inputs
    }
}

/// The site as the render stage may read it. Without a recorder (a full
/// build renders everything anyway) reading costs nothing extra.
#[derive(Clone, Copy)]
pub struct View<'a> {
    site: &'a Site,
    recorder: Option<&'a Recorder>,
    /// The language read: an index into `site.languages`.
    lang: usize,
}

/// One language version of a page, for the language switcher and
/// `hreflang` links.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Alternate {
    pub lang: String,
    pub name: String,
    pub url: String,
    /// The absolute URL, when `base_url` names a host.
    pub permalink: Option<String>,
    /// The version being read.
    pub current: bool,
    /// Not a translation: the source's words under this language's
    /// interface. Left out of `hreflang`.
    pub fallback: bool,
}

/// What the search index reads of a page: every text a reader sees on it
/// and nothing of its figures.
#[derive(Clone, Copy)]
pub struct Text<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub summary: Option<&'a str>,
    /// Empty for a page that is not a profile.
    pub also_called: &'a [String],
    pub at_a_glance: &'a [String],
    pub pros: &'a [String],
    pub cons: &'a [String],
    /// The Markdown body.
    pub body: &'a str,
    /// Which of these are in another language than the page's.
    pub words_lang: &'a WordsLang,
}

/// What the downloads, the explore index and the rankings read of a
/// profile: front-matter data, title and URL, nothing of the body.
#[derive(Clone, Copy)]
pub struct Facts<'a> {
    pub id: PageId,
    pub meta: &'a PageMeta,
    pub profile: &'a Profile,
    pub url: &'a str,
    pub url_path: &'a str,
    pub summary: Option<&'a ProfileSummary>,
    /// Which of its words are in another language than the page's.
    pub words_lang: &'a WordsLang,
}

impl<'a> View<'a> {
    /// A view that records nothing.
    pub fn new(site: &'a Site) -> Self {
        View {
            site,
            recorder: None,
            lang: 0,
        }
    }

    /// The same view, reading the site in language `lang` (an index into
    /// the site's languages; out of range reads the default).
    pub fn in_language(self, lang: usize) -> Self {
        View {
            lang: if lang < self.site.languages.len() {
                lang
            } else {
                0
            },
            ..self
        }
    }

    /// The index of the language read.
    pub fn lang(&self) -> usize {
        self.lang
    }

    /// The language read.
    #[allow(
        clippy::indexing_slicing,
        reason = "a site has at least one language, and `lang` is in range"
    )]
    pub fn language(&self) -> &'a super::Language {
        self.note(Input::Config);
        &self.site.languages[self.lang]
    }

    /// `primary_area` of site.yaml, named in the view's language.
    pub fn primary_area(&self) -> Option<&'a str> {
        let area = self.config().primary_area.as_deref()?;
        Some(self.language().area_name(area))
    }

    /// Every language of the site, the default first.
    pub fn languages(&self) -> &'a [super::Language] {
        self.note(Input::Config);
        &self.site.languages
    }

    /// The site's base path, whatever the language: where the static
    /// files and the downloads are (`/guide/`).
    pub fn root_path(&self) -> &'a str {
        self.note(Input::Config);
        &self.site.base_path
    }

    /// The versions of page `id` in every language.
    pub fn alternates(&self, id: PageId) -> Vec<Alternate> {
        let rel = &page_in(self.site, self.lang, id).page.rel_path;
        self.key(|| Input::Alternates(rel.clone()));
        self.note(Input::Config);
        alternates_of(self.site, self.lang, id)
    }

    /// The versions of a generated page at `url_path` (below each
    /// language's root) in every language: every language has them.
    pub fn generated_alternates(&self, url_path: &str) -> Vec<Alternate> {
        self.note(Input::Config);
        if !self.site.is_multilingual() {
            return Vec::new();
        }
        self.site
            .languages
            .iter()
            .enumerate()
            .map(|(i, l)| Alternate {
                lang: l.code.clone(),
                name: l.name.clone(),
                url: format!("{}{}", l.base_path, super::encode_url_path(url_path)),
                permalink: l
                    .absolute_base
                    .as_ref()
                    .map(|a| format!("{a}{}", super::encode_url_path(url_path))),
                current: i == self.lang,
                fallback: false,
            })
            .collect()
    }

    /// A view that notes every read in `recorder`.
    pub fn recording(site: &'a Site, recorder: &'a Recorder) -> Self {
        View {
            site,
            recorder: Some(recorder),
            lang: 0,
        }
    }

    /// The same view (same language), noting its reads in `recorder`
    /// instead: a value shared by many outputs is made through it, and
    /// its reads are then [`replay`](Self::replay)ed in each.
    pub fn recording_into<'r>(&self, recorder: &'r Recorder) -> View<'r>
    where
        'a: 'r,
    {
        View {
            site: self.site,
            recorder: Some(recorder),
            lang: self.lang,
        }
    }

    /// Notes, as this view's own, reads that another view of the same
    /// language recorded.
    pub fn replay(&self, inputs: &[Input]) {
        if let Some(recorder) = self.recorder {
            recorder.extend(inputs);
        }
    }

    /// Notes a read made outside the site (templates, copied files).
    pub fn note(&self, input: Input) {
        if let Some(recorder) = self.recorder {
            recorder.note(self.in_lang(input));
        }
    }

    fn key(&self, make: impl FnOnce() -> Input) {
        if let Some(recorder) = self.recorder {
            recorder.note(self.in_lang(make()));
        }
    }

    /// `input` as this view reads it: in a language other than the
    /// default, the same slice of that language's site. Templates and
    /// copied files are the same in every language.
    fn in_lang(&self, input: Input) -> Input {
        match input {
            Input::Templates | Input::File(_) | Input::Config | Input::PageList => input,
            _ if self.lang == 0 => input,
            other => Input::Lang(u8::try_from(self.lang).unwrap_or(u8::MAX), Box::new(other)),
        }
    }

    pub fn config(&self) -> &'a SiteConfig {
        self.note(Input::Config);
        &self.site.config
    }

    /// `/` or `/guide/`, and `/guide/es/` in another language: the start
    /// of every URL of the language's pages.
    pub fn base_path(&self) -> &'a str {
        self.language().base_path.as_str()
    }

    /// `https://host/guide/`, when `base_url` names a host (with the
    /// language's folder in a language other than the default).
    pub fn absolute_base(&self) -> Option<&'a str> {
        self.language().absolute_base.as_deref()
    }

    /// The absolute URL of a path below the language's root, when the
    /// address is known.
    pub fn permalink(&self, url_path: &str) -> Option<String> {
        self.language()
            .absolute_base
            .as_ref()
            .map(|base| format!("{base}{}", super::encode_url_path(url_path)))
    }

    /// Every page's id, in site order (the home page first, then by path).
    pub fn page_ids(&self) -> std::ops::Range<PageId> {
        self.note(Input::PageList);
        0..self.site.pages_in(self.lang).len()
    }

    /// The ids of every profile, in site order.
    pub fn profile_ids(&self) -> impl Iterator<Item = PageId> + 'a {
        self.note(Input::PageList);
        let site = self.site;
        let profiles = site.pages_in(self.lang).iter().enumerate();
        profiles
            .filter(|(_, p)| p.page.is_profile())
            .map(|(id, _)| id)
    }

    pub fn has_profiles(&self) -> bool {
        self.note(Input::HasProfiles);
        self.site.profiles().next().is_some()
    }

    /// A page's kind, which the page list covers.
    pub fn kind(&self, id: PageId) -> crate::content::PageKind {
        self.note(Input::PageList);
        page_in(self.site, self.lang, id).page.kind
    }

    /// A page's content path (`a/b.md`), which the page list covers.
    pub fn rel_path(&self, id: PageId) -> &'a str {
        self.note(Input::PageList);
        &page_in(self.site, self.lang, id).page.rel_path
    }

    /// Everything about a page.
    pub fn page(&self, id: PageId) -> &'a SitePage {
        let page = page_in(self.site, self.lang, id);
        self.key(|| Input::Page(page.page.rel_path.clone()));
        page
    }

    /// A page by content path (`a/b.md`), if the site has it.
    pub fn page_id(&self, rel_path: &str) -> Option<PageId> {
        self.note(Input::PageList);
        self.site.page_id(rel_path)
    }

    /// A profile's facts; `None` for a page that is not a profile.
    pub fn facts(&self, id: PageId) -> Option<Facts<'a>> {
        let page = page_in(self.site, self.lang, id);
        self.key(|| Input::Facts(page.page.rel_path.clone()));
        Some(Facts {
            id,
            meta: &page.page.meta,
            profile: page.page.meta.profile.as_ref()?,
            url: &page.url,
            url_path: &page.url_path,
            summary: page.summary.as_ref(),
            words_lang: &page.words_lang,
        })
    }

    /// A profile's listing entry.
    pub fn summary(&self, id: PageId) -> Option<&'a ProfileSummary> {
        let page = page_in(self.site, self.lang, id);
        self.key(|| Input::Summary(page.page.rel_path.clone()));
        page.summary.as_ref()
    }

    /// A page's title and URL.
    pub fn address(&self, id: PageId) -> (&'a str, &'a str) {
        let page = page_in(self.site, self.lang, id);
        self.key(|| Input::Address(page.page.rel_path.clone()));
        (&page.page.meta.title, &page.url)
    }

    /// The language of a page's title when it is not the view's (the
    /// default language's code for a title not translated into the
    /// view's language), so a link to it can say so (`lang="en"`).
    pub fn title_lang(&self, id: PageId) -> Option<&'a str> {
        let page = page_in(self.site, self.lang, id);
        self.key(|| Input::Address(page.page.rel_path.clone()));
        page.words_lang.title.as_deref()
    }

    /// A page's text, for the search index.
    pub fn text(&self, id: PageId) -> Text<'a> {
        let page = page_in(self.site, self.lang, id);
        self.key(|| Input::Text(page.page.rel_path.clone()));
        text_of(page)
    }

    /// A page's path below the base (`a/b/`), which its URL covers.
    pub fn url_path(&self, id: PageId) -> &'a str {
        let page = page_in(self.site, self.lang, id);
        self.key(|| Input::Address(page.page.rel_path.clone()));
        &page.url_path
    }

    /// Resolves a link to a content file (`a/b.md`) for the Markdown
    /// renderer: its URL, or a hint naming the closest file.
    pub fn resolve_link(&self, rel_path: &str) -> Result<String, Option<String>> {
        if let Some(id) = self.site.page_id(rel_path) {
            return Ok(self.address(id).1.to_string());
        }
        if self.lang > 0 {
            // A link to a file that is missing: the default language's
            // answer (a hint), recorded as this language reads it.
            self.note(Input::PageList);
            self.note(Input::Unparsed);
            return self.site.resolve_link(rel_path);
        }
        // Whether the file is missing, and the closest one if so, depends
        // on every page and every file that did not parse.
        self.note(Input::PageList);
        self.note(Input::Unparsed);
        self.site.resolve_link(rel_path)
    }

    /// The files of `content/` copied as they are. Not recorded: only
    /// listing outputs reads it, and `serve` lists outputs after every change.
    pub fn assets(&self) -> &'a [crate::content::Asset] {
        &self.site.assets
    }

    pub fn taxonomies(&self) -> &'a [Taxonomy] {
        self.note(Input::Taxonomies);
        self.site.taxonomies_in(self.lang)
    }

    /// The taxonomies that have terms: `(kind, url)`, for navigation.
    pub fn taxonomy_links(&self) -> impl Iterator<Item = (TaxonomyKind, &'a str)> + 'a {
        self.note(Input::TaxonomyList);
        self.site
            .taxonomies_in(self.lang)
            .iter()
            .filter(|t| !t.terms.is_empty())
            .map(|t| (t.kind, t.url.as_str()))
    }

    /// The URL of the page of the term a profile names (`Health Science`,
    /// `3`, `associate`, a Holland letter) and the slug it has there, if
    /// the term has a page.
    pub fn term_url(&self, kind: TaxonomyKind, name: &str) -> Option<(&'a str, String)> {
        let slug = super::term_slug(kind, name);
        let url = self
            .site
            .term_by_slug_in(self.lang, kind, &slug)
            .map(|(_, t)| t.url.as_str());
        self.key(|| Input::TermUrl(kind, slug.clone()));
        url.map(|url| (url, slug))
    }

    /// The hash of what `input`'s accessor returns now, or `None` when it
    /// names nothing in this site (a page that is gone). Inputs from
    /// outside the site (templates, copied files) are not hashed here.
    pub fn fingerprint(&self, input: &Input) -> Option<u64> {
        let site = self.site;
        let lang = self.lang;
        let page = |rel: &str| site.page_id(rel).map(|id| page_in(site, lang, id));
        let mut h = Fingerprint::new();
        match input {
            Input::Config => h.debug(&site.config),
            Input::PageList => {
                for page in &site.pages {
                    h.add(&page.page.rel_path);
                    h.add(&(page.page.kind as u8));
                }
            }
            Input::HasProfiles => h.add(&site.profiles().next().is_some()),
            Input::Lang(l, inner) => return self.in_language(usize::from(*l)).fingerprint(inner),
            Input::Alternates(rel) => {
                let id = site.page_id(rel)?;
                for alternate in alternates_of(site, lang, id) {
                    h.add(&(alternate.url, alternate.fallback));
                }
            }
            Input::Page(rel) => {
                let page = page(rel)?;
                h.add(&page.page.fingerprint());
                h.add(&page.url_path);
                h.add(&page.url);
                h.add(&page.fallback);
                h.add(&page.words_lang);
                for &id in &page.related {
                    h.add(&page_of(site, id).page.rel_path);
                }
                h.debug(&page.summary);
            }
            Input::Facts(rel) => {
                let page = page(rel)?;
                h.add(&page.page.facts_fingerprint());
                h.add(&page.url_path);
                h.add(&page.url);
                h.add(&page.words_lang);
                h.debug(&page.summary);
            }
            Input::Summary(rel) => h.debug(&page(rel)?.summary),
            Input::Address(rel) => {
                let page = page(rel)?;
                h.add(&page.page.meta.title);
                h.add(&page.url);
                h.add(&page.words_lang.title);
            }
            Input::Text(rel) => {
                let text = text_of(page(rel)?);
                h.add(&(text.title, text.url, text.summary, text.body));
                h.add(&(text.also_called, text.at_a_glance, text.pros, text.cons));
                h.add(text.words_lang);
            }
            Input::Unparsed => {
                let mut unparsed: Vec<&String> = site.unparsed.iter().collect();
                unparsed.sort();
                h.add(&unparsed);
            }
            Input::Taxonomies => {
                for taxonomy in site.taxonomies_in(lang) {
                    h.add(&taxonomy.url);
                    for term in &taxonomy.terms {
                        hash_term(&mut h, site, term);
                    }
                }
            }
            Input::TaxonomyList => {
                for (kind, url) in View::new(site).in_language(lang).taxonomy_links() {
                    h.add(&(kind, url));
                }
            }
            Input::TermUrl(kind, slug) => {
                h.add(&site.term_by_slug_in(lang, *kind, slug).map(|(_, t)| &t.url));
            }
            Input::Templates | Input::File(_) => return None,
        }
        Some(h.finish())
    }
}

/// Page `id` in every language, seen from language `current`; nothing on
/// a site of one language.
fn alternates_of(site: &Site, current: usize, id: PageId) -> Vec<Alternate> {
    if !site.is_multilingual() {
        return Vec::new();
    }
    site.languages
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let page = page_in(site, i, id);
            Alternate {
                lang: l.code.clone(),
                name: l.name.clone(),
                url: page.url.clone(),
                permalink: l
                    .absolute_base
                    .as_ref()
                    .map(|a| format!("{a}{}", super::encode_url_path(&page.url_path))),
                current: i == current,
                fallback: page.fallback,
            }
        })
        .collect()
}

/// The text of a page: [`View::text`] returns it and its fingerprint hashes it.
fn text_of(page: &super::SitePage) -> Text<'_> {
    let meta = &page.page.meta;
    let profile = meta.profile.as_ref();
    let list = |pick: fn(&Profile) -> &Vec<String>| profile.map_or(&[][..], |p| pick(p).as_slice());
    Text {
        title: &meta.title,
        url: &page.url,
        summary: meta.summary.as_deref(),
        also_called: list(|p| &p.also_called),
        at_a_glance: list(|p| &p.at_a_glance),
        pros: list(|p| &p.pros),
        cons: list(|p| &p.cons),
        body: page.page.body(),
        words_lang: &page.words_lang,
    }
}

fn hash_term(h: &mut Fingerprint, site: &Site, term: &Term) {
    h.add(&term.name);
    h.add(&term.description);
    h.add(&term.url);
    for &id in &term.pages {
        h.add(&page_of(site, id).page.rel_path);
    }
}

/// A hash of values, for telling whether what an input names changed.
/// Values without `Hash` (they hold floats) are hashed through their
/// `Debug` text, which shows every field.
pub struct Fingerprint(std::hash::DefaultHasher);

impl Fingerprint {
    pub fn new() -> Self {
        Fingerprint(std::hash::DefaultHasher::new())
    }

    pub fn add<T: Hash + ?Sized>(&mut self, value: &T) {
        value.hash(&mut self.0);
    }

    pub fn debug<T: std::fmt::Debug>(&mut self, value: &T) {
        let _ = write!(self, "{value:?}");
    }

    pub fn finish(&self) -> u64 {
        self.0.finish()
    }

    /// The fingerprint of some bytes.
    pub fn of_bytes(bytes: &[u8]) -> u64 {
        let mut h = Fingerprint::new();
        h.0.write(bytes);
        h.finish()
    }
}

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint::new()
    }
}

impl std::fmt::Write for Fingerprint {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}
