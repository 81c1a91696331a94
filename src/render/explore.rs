//! The explore and compare pages and the one JSON index both read.
//!
//! `explore/index.json` holds, for every profile, what the explore table
//! shows and filters on and what the compare page sets side by side: names,
//! classification terms (keyed by their page slugs, as in the filter
//! controls and shareable URLs), the primary area's headline figures and the
//! yearly wages and outlook of every area. Figures come from
//! [`crate::format`] with their display text, number and derived flag, so
//! the scripts never format a number. The explore template renders the same
//! entries, without the per-area figures, as a complete table, so the page
//! works without JavaScript.

use serde::Serialize;

use super::context::PageContext;
use super::outputs::{single, write_text, Failure, Kind};
use crate::content::model::{holland_name, job_zone_name, Profile};
use crate::format::{self, Figure, Period};
use crate::site::{Facts, TaxonomyKind, View};

pub static EXPLORE: Kind = Kind {
    name: "explore page",
    needs_template: Some(EXPLORE_TEMPLATE),
    reserves: &[("explore/", "the explore page")],
    streamed: false,
    per_language: true,
    list: |ctx| match super::has_downloads(&ctx.view) {
        true => single(EXPLORE_PAGE, Some("explore/"), Some(EXPLORE_TEMPLATE)),
        false => Vec::new(),
    },
    render: |ctx, _, out, _| {
        let summary = "Every career profile in one table: search, filter and sort them.";
        let data = ExploreData {
            page: PageContext::generated(
                &ctx.view,
                "Explore careers".into(),
                "explore/",
                Some(summary.into()),
            ),
            explore: ExploreContext::new(&ctx.view),
        };
        write_text(
            out,
            &ctx.render_template(EXPLORE_TEMPLATE, EXPLORE_PAGE, &data)?,
        )
    },
};

/// The index the explore and compare pages' scripts read: written only
/// when one of them is published.
pub static INDEX: Kind = Kind {
    name: "explore index",
    needs_template: None,
    reserves: &[(INDEX_FILE, "the explore index")],
    streamed: true,
    per_language: true,
    list: |ctx| {
        let read = ctx.has_template(EXPLORE_TEMPLATE) || ctx.has_template(COMPARE_TEMPLATE);
        match read && super::has_downloads(&ctx.view) {
            true => single(INDEX_FILE, None, None),
            false => Vec::new(),
        }
    },
    render: |ctx, _, out, _| {
        write_index(&ctx.view, out).map_err(|e| {
            Failure::Problem(crate::diagnostics::Diagnostic::error(
                INDEX_FILE,
                format!("cannot write {INDEX_FILE}: {e}"),
            ))
        })
    },
};

pub static COMPARE: Kind = Kind {
    name: "compare page",
    needs_template: Some(COMPARE_TEMPLATE),
    reserves: &[("compare/", "the compare page")],
    streamed: false,
    per_language: true,
    list: |ctx| match super::has_downloads(&ctx.view) {
        true => single(COMPARE_PAGE, Some("compare/"), Some(COMPARE_TEMPLATE)),
        false => Vec::new(),
    },
    render: |ctx, _, out, _| {
        let summary = "Two to four occupations side by side: wages, outlook and classification.";
        let data = CompareData {
            page: PageContext::generated(
                &ctx.view,
                "Compare careers".into(),
                "compare/",
                Some(summary.into()),
            ),
            compare: CompareContext::new(&ctx.view),
        };
        write_text(
            out,
            &ctx.render_template(COMPARE_TEMPLATE, COMPARE_PAGE, &data)?,
        )
    },
};

#[derive(Serialize)]
struct ExploreData {
    page: PageContext,
    explore: ExploreContext,
}

#[derive(Serialize)]
struct CompareData {
    page: PageContext,
    compare: CompareContext,
}

/// File names below the output folder.
pub const EXPLORE_PAGE: &str = "explore/index.html";
pub const INDEX_FILE: &str = "explore/index.json";
pub const COMPARE_PAGE: &str = "compare/index.html";
/// The optional templates behind the two pages.
pub const EXPLORE_TEMPLATE: &str = "explore.html";
pub const COMPARE_TEMPLATE: &str = "compare.html";

/// `explore/index.json`.
#[derive(Serialize)]
pub struct ExploreIndex<'s, 'a> {
    /// The area of every entry's headline figures; null when each profile's
    /// first listed area is used.
    pub primary_area: Option<&'a str>,
    /// [`IndexEntry`] of every profile, made as it is written.
    pub occupations: super::Streamed<'s, (Facts<'a>, &'a Profile), IndexEntry>,
}

/// One profile in the index: its row of the explore table and the figures
/// of every area, which the compare page sets side by side.
#[derive(Debug, Serialize)]
pub struct IndexEntry {
    #[serde(flatten)]
    pub row: ExploreRow,
    /// Yearly wages of every area of the wage table, in order.
    pub wages: Vec<AreaWages>,
    /// Every area of the outlook table, in order.
    pub outlook: Vec<AreaOutlook>,
}

/// One row of the explore table: what it shows and filters on. The page
/// gets rows without the per-area figures of [`IndexEntry`]: at 10,000
/// profiles those are 760,000 figures the table never shows, and turning
/// them into template values took most of the page's time and memory.
#[derive(Debug, Serialize)]
pub struct ExploreRow {
    /// The profile's path below the base without the final slash
    /// (`health-information-technicians`): its key in `?o=` compare URLs.
    pub id: String,
    pub title: String,
    pub url: String,
    pub soc: String,
    pub also_called: Vec<String>,
    pub cluster: Option<Choice>,
    pub education: Option<Choice>,
    pub job_zone: Option<Choice>,
    /// One entry per letter of the Holland code, in order.
    pub holland: Vec<Choice>,
    /// The area of the three headline figures, if any.
    pub area: Option<String>,
    pub median_yearly: Figure,
    pub growth: Figure,
    pub openings: Figure,
}

/// A filter value: the term's slug (`health-science`, `3`, `associate`,
/// `c`) and its reader-facing name.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub key: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct AreaWages {
    pub area: String,
    pub depth: usize,
    pub p10: Figure,
    pub median: Figure,
    pub p90: Figure,
    /// `$31,610 to $65,620`; null unless both ends are published.
    pub range: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AreaOutlook {
    pub area: String,
    pub depth: usize,
    pub growth: Figure,
    pub openings: Figure,
}

/// `explore`: on `explore.html`.
#[derive(Debug, Serialize)]
pub struct ExploreContext {
    /// URL of `explore/index.json`, with the base path.
    pub index_url: String,
    pub compare_url: String,
    pub primary_area: Option<String>,
    /// Every profile, sorted by title.
    pub occupations: Vec<ExploreRow>,
    /// Filter choices, in the taxonomies' order.
    pub clusters: Vec<Choice>,
    pub education: Vec<Choice>,
    pub job_zones: Vec<Choice>,
    pub holland: Vec<Choice>,
}

/// `compare`: on `compare.html`.
#[derive(Debug, Serialize)]
pub struct CompareContext {
    pub index_url: String,
    pub explore_url: String,
    /// Every profile (`key` is its id, `name` its title), sorted by title.
    pub occupations: Vec<Choice>,
}

/// The URL of the explore page, `/guide/explore/`.
pub fn explore_url(view: &View) -> String {
    format!("{}explore/", view.base_path())
}

/// The URL of the compare page, `/guide/compare/`.
pub fn compare_url(view: &View) -> String {
    format!("{}compare/", view.base_path())
}

/// The compare page with the profile at `url_path` chosen: `/guide/compare/?o=ID`.
pub fn compare_url_for(view: &View, url_path: &str) -> String {
    let id = crate::site::encode_url_path(&entry_id(url_path)).replace('/', "%2F");
    format!("{}?o={id}", compare_url(view))
}

fn entry_id(url_path: &str) -> String {
    url_path.trim_end_matches('/').to_string()
}

/// Every profile's row of the explore table, sorted by title.
pub fn rows(view: &View) -> Vec<ExploreRow> {
    super::profiles_by_title(view)
        .into_iter()
        .map(|(facts, profile)| row(view, facts, profile))
        .collect()
}

fn row(view: &View, facts: Facts, profile: &Profile) -> ExploreRow {
    let summary = facts.summary;
    let headline = |pick: fn(&crate::site::ProfileSummary) -> &Figure| {
        summary.map_or_else(Figure::not_published, |s| pick(s).clone())
    };
    ExploreRow {
        id: entry_id(facts.url_path),
        title: facts.meta.title.clone(),
        url: facts.url.to_string(),
        soc: profile.soc.clone(),
        also_called: profile.also_called.clone(),
        cluster: profile
            .cluster
            .as_ref()
            .and_then(|c| choice(view, TaxonomyKind::Cluster, c, c.trim().to_string())),
        education: profile
            .education
            .and_then(|e| choice(view, TaxonomyKind::Education, e.key(), e.label().into())),
        job_zone: profile.job_zone.and_then(|z| {
            let name = format!("Job zone {z}: {}", job_zone_name(z));
            choice(view, TaxonomyKind::JobZone, &z.to_string(), name)
        }),
        holland: profile
            .holland
            .iter()
            .flat_map(|code| code.chars())
            .filter_map(|l| {
                let name = format!("{} ({l})", holland_name(l).unwrap_or_default());
                choice(view, TaxonomyKind::Holland, &l.to_string(), name)
            })
            .collect(),
        area: summary.and_then(|s| s.area.clone()),
        median_yearly: headline(|s| &s.median_yearly),
        growth: headline(|s| &s.growth),
        openings: headline(|s| &s.openings),
    }
}

/// A term as a filter value, keyed by the slug of its page.
fn choice(view: &View, kind: TaxonomyKind, term: &str, name: String) -> Option<Choice> {
    let (_, slug) = view.term_url(kind, term)?;
    Some(Choice { key: slug, name })
}

fn area_wages(profile: &Profile) -> Vec<AreaWages> {
    let rows = profile.wages.iter().flat_map(|w| &w.areas);
    rows.map(|row| {
        let [p10, _, median, _, p90] = row.yearly.map(|w| format::wage(w, Period::Yearly));
        AreaWages {
            area: row.area.clone(),
            depth: row.depth,
            range: format::range(&p10, &p90),
            p10,
            median,
            p90,
        }
    })
    .collect()
}

fn area_outlook(profile: &Profile) -> Vec<AreaOutlook> {
    let rows = profile.outlook.iter().flat_map(|o| &o.areas);
    rows.map(|row| AreaOutlook {
        area: row.area.clone(),
        depth: row.depth,
        growth: format::percent(row.growth),
        openings: format::count(row.openings),
    })
    .collect()
}

/// `explore/index.json`, compact (it is read by scripts).
pub fn write_index<'a>(view: &View<'a>, out: impl std::io::Write) -> Result<(), String> {
    let profiles = super::profiles_by_title(view);
    let make = |&(facts, profile): &(Facts<'a>, &'a Profile)| IndexEntry {
        row: row(view, facts, profile),
        wages: area_wages(profile),
        outlook: area_outlook(profile),
    };
    let index = ExploreIndex {
        primary_area: view.config().primary_area.as_deref(),
        occupations: super::Streamed::new(&profiles, &make),
    };
    serde_json::to_writer(out, &index).map_err(|e| e.to_string())
}

impl ExploreContext {
    pub fn new(view: &View) -> Self {
        ExploreContext {
            index_url: format!("{}{INDEX_FILE}", view.base_path()),
            compare_url: compare_url(view),
            primary_area: view.config().primary_area.clone(),
            occupations: rows(view),
            clusters: choices(view, TaxonomyKind::Cluster),
            education: choices(view, TaxonomyKind::Education),
            job_zones: choices(view, TaxonomyKind::JobZone),
            holland: choices(view, TaxonomyKind::Holland),
        }
    }
}

impl CompareContext {
    pub fn new(view: &View) -> Self {
        CompareContext {
            index_url: format!("{}{INDEX_FILE}", view.base_path()),
            explore_url: explore_url(view),
            occupations: super::profiles_by_title(view)
                .into_iter()
                .map(|(facts, _)| Choice {
                    key: entry_id(facts.url_path),
                    name: facts.meta.title.clone(),
                })
                .collect(),
        }
    }
}

/// The terms of one taxonomy as filter choices, named as on their pages.
fn choices(view: &View, kind: TaxonomyKind) -> Vec<Choice> {
    let Some(taxonomy) = view.taxonomies().iter().find(|t| t.kind == kind) else {
        return Vec::new();
    };
    let named = super::context::TaxonomyContext::in_english(taxonomy).terms;
    taxonomy
        .terms
        .iter()
        .zip(named)
        .map(|(term, shown)| Choice {
            key: term.slug().to_string(),
            name: shown.name,
        })
        .collect()
}
