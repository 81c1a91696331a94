//! The *render* stage: the resolved site in, the bytes of each output file out.
//!
//! Every output is one row of the table in [`outputs`]; pages go through
//! the theme's Tera [`templates`], data files are written in Rust. Each
//! output is made by a pure function of the site (read through a
//! [`View`], which can record what was read), the templates and the output
//! itself, so outputs render in parallel and any subset can be made again.
//! This module neither decides what is valid content nor where files go.

pub mod charts;
pub mod collisions;
pub mod context;
pub mod derived;
pub mod downloads;
pub mod explore;
pub mod files;
pub mod outputs;
pub mod pager;
pub mod pages;
pub mod rankings;
pub mod search;
pub mod shared;
pub mod sitemap;
pub mod strings;
pub mod structured;
pub mod templates;

use std::sync::Arc;

use serde::Serialize;

pub use outputs::{Failure, Item, Kind, Output};
pub use templates::{SiteData, Templates, Uses, REQUIRED_TEMPLATES};

use crate::config::Layout;
use crate::content::model::Profile;
use crate::site::{Facts, Input, PageId, Recorder, Site, View};
use shared::SummaryValues;

/// Everything rendering needs besides the output itself, made once per
/// resolved site: cheap to clone and to keep (`serve` keeps the version it
/// published, to make large files from when they are asked for).
#[derive(Clone)]
pub struct Rendering {
    pub site: Arc<Site>,
    pub templates: Arc<Templates>,
    pub layout: Arc<Layout>,
    /// `site` and the listing entries, in each language of the site.
    site_data: Arc<Vec<SiteData>>,
    summaries: Arc<Vec<SummaryValues>>,
    derived: Arc<derived::Derived>,
}

impl Rendering {
    pub fn new(site: Arc<Site>, templates: Arc<Templates>, layout: Arc<Layout>) -> Self {
        let languages = 0..site.languages.len();
        Rendering {
            site_data: Arc::new(
                languages
                    .clone()
                    .map(|lang| SiteData::new(&site, &templates, lang))
                    .collect(),
            ),
            summaries: Arc::new(
                site.languages
                    .iter()
                    .map(|l| {
                        let numbers = templates.strings(&l.code).localizer(&l.locale);
                        SummaryValues::new(site.pages.len(), numbers)
                    })
                    .collect(),
            ),
            derived: Arc::default(),
            site,
            templates,
            layout,
        }
    }

    /// A context for rendering, noting what is read in `recorder` if given.
    pub fn ctx<'a>(&'a self, recorder: Option<&'a Recorder>) -> Ctx<'a> {
        Ctx {
            view: match recorder {
                Some(recorder) => View::recording(&self.site, recorder),
                None => View::new(&self.site),
            },
            templates: &self.templates,
            layout: &self.layout,
            all_site_data: &self.site_data,
            all_summaries: &self.summaries,
            derived: &self.derived,
        }
    }
}

/// What rendering an output reads: the site (through a view, which may
/// record the reads), the templates, the layout (for copied files), `site`
/// and the template values of listing entries.
pub struct Ctx<'a> {
    pub view: View<'a>,
    templates: &'a Templates,
    pub layout: &'a Layout,
    /// One per language, in the site's order.
    all_site_data: &'a [SiteData],
    all_summaries: &'a [SummaryValues],
    derived: &'a derived::Derived,
}

impl<'a> Ctx<'a> {
    /// The same context, reading the site in language `lang`.
    pub fn in_language(&self, lang: usize) -> Ctx<'a> {
        Ctx {
            view: self.view.in_language(lang),
            templates: self.templates,
            layout: self.layout,
            all_site_data: self.all_site_data,
            all_summaries: self.all_summaries,
            derived: self.derived,
        }
    }

    /// The values shared by many outputs of this site version.
    pub(crate) fn derived(&self) -> &'a derived::Derived {
        self.derived
    }

    /// `site` in the language read.
    fn site_data(&self) -> Option<&'a SiteData> {
        self.all_site_data.get(self.view.lang())
    }

    /// How figures read in the language read.
    pub fn localizer(&self) -> crate::format::Localizer {
        self.strings().localizer(&self.view.language().locale)
    }

    /// The interface strings of the language read.
    pub fn strings(&self) -> &'a crate::render::strings::Strings {
        self.templates.strings(&self.view.language().code)
    }

    /// Whether the theme (or the site) has the template `name`.
    pub fn has_template(&self, name: &str) -> bool {
        self.view.note(Input::Templates);
        self.templates.has(name)
    }

    pub fn templates(&self) -> &'a Templates {
        self.templates
    }

    /// Renders `template` with `data` for the output file `path`.
    fn render_template<T: Serialize>(
        &self,
        template: &str,
        path: &str,
        data: &T,
    ) -> Result<String, crate::diagnostics::Diagnostic> {
        let path = std::path::Path::new(path);
        let Some(site_data) = self.site_data() else {
            return Err(crate::diagnostics::Diagnostic::error(
                path,
                "no site data for this language (a bug)",
            ));
        };
        self.templates
            .render(&self.view, site_data, template, data, path)
    }

    /// A profile's listing entry, as template data converted once.
    fn summary(&self, id: PageId) -> Option<shared::SummaryValue<'a>> {
        let data = self.view.summary(id)?;
        let summaries = self.all_summaries.get(self.view.lang())?;
        Some(summaries.value(id, data))
    }
}

/// Every output of the site.
pub fn outputs(ctx: &Ctx) -> Vec<Output> {
    outputs::list(ctx)
}

/// Every profile's facts, in the order of the listings (by title): the
/// order of the data downloads and the explore index.
pub fn profiles_by_title<'a>(view: &View<'a>) -> Vec<(Facts<'a>, &'a Profile)> {
    let mut all: Vec<_> = view
        .profile_ids()
        .filter_map(|id| view.facts(id))
        .map(|facts| (facts, facts.profile))
        .collect();
    all.sort_by_cached_key(|(facts, _)| facts.meta.title.to_lowercase());
    all
}

/// The profiles in the order of the listings, made once per site version
/// and language for the pages of the explore table.
pub struct TitleOrder {
    pub ids: Vec<PageId>,
    /// True when any profile's median yearly wage is derived.
    pub has_derived: bool,
}

fn title_order(ctx: &Ctx) -> Arc<TitleOrder> {
    ctx.derived().by_title.get(&ctx.view, &(), |view| {
        let all = profiles_by_title(view);
        TitleOrder {
            has_derived: all
                .iter()
                .any(|(facts, _)| facts.summary.is_some_and(|s| s.median_yearly.derived)),
            ids: all.iter().map(|(facts, _)| facts.id).collect(),
        }
    })
}

/// Every profile's listing entry, sorted by title.
fn profile_summaries<'a>(ctx: &Ctx<'a>) -> Vec<shared::SummaryValue<'a>> {
    let mut all: Vec<_> = ctx
        .view
        .profile_ids()
        .filter_map(|id| ctx.summary(id))
        .collect();
    all.sort_by_cached_key(|summary| summary.title.to_lowercase());
    all
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

/// Whether the data downloads and the pages listing every profile exist:
/// when the site has profiles.
pub fn has_downloads(view: &View) -> bool {
    view.has_profiles()
}

/// FNV-1a (32 bits) of `bytes`: how the search shards and compare's figure
/// files are chosen, a hash the scripts compute the same way in a few
/// lines (`search.js`, `compare.js`).
pub(crate) fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash: u32, &byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}
