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

use crate::content::model::{holland_name, job_zone_name, Profile};
use crate::format::{self, Figure, Period};
use crate::site::{Site, SitePage, TaxonomyKind};

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
    pub occupations: super::Streamed<'s, (&'a SitePage, &'a Profile), IndexEntry>,
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
pub fn explore_url(site: &Site) -> String {
    format!("{}explore/", site.base_path)
}

/// The URL of the compare page, `/guide/compare/`.
pub fn compare_url(site: &Site) -> String {
    format!("{}compare/", site.base_path)
}

/// The compare page with one profile chosen: `/guide/compare/?o=ID`.
pub fn compare_url_for(site: &Site, page: &SitePage) -> String {
    let id = crate::site::encode_url_path(&entry_id(page)).replace('/', "%2F");
    format!("{}?o={id}", compare_url(site))
}

fn entry_id(page: &SitePage) -> String {
    page.url_path.trim_end_matches('/').to_string()
}

/// Every profile's row of the explore table, sorted by title.
pub fn rows(site: &Site) -> Vec<ExploreRow> {
    super::profiles_by_title(site)
        .into_iter()
        .map(|(page, profile)| row(site, page, profile))
        .collect()
}

fn row(site: &Site, page: &SitePage, profile: &Profile) -> ExploreRow {
    let summary = page.summary.clone();
    let headline = |pick: fn(&crate::site::ProfileSummary) -> &Figure| {
        summary
            .as_ref()
            .map_or_else(Figure::not_published, |s| pick(s).clone())
    };
    ExploreRow {
        id: entry_id(page),
        title: page.page.meta.title.clone(),
        url: page.url.clone(),
        soc: profile.soc.clone(),
        also_called: profile.also_called.clone(),
        cluster: profile
            .cluster
            .as_ref()
            .and_then(|c| choice(site, TaxonomyKind::Cluster, c, c.trim().to_string())),
        education: profile
            .education
            .and_then(|e| choice(site, TaxonomyKind::Education, e.key(), e.label().into())),
        job_zone: profile.job_zone.and_then(|z| {
            let name = format!("Job zone {z}: {}", job_zone_name(z));
            choice(site, TaxonomyKind::JobZone, &z.to_string(), name)
        }),
        holland: profile
            .holland
            .iter()
            .flat_map(|code| code.chars())
            .filter_map(|l| {
                let name = format!("{} ({l})", holland_name(l).unwrap_or_default());
                choice(site, TaxonomyKind::Holland, &l.to_string(), name)
            })
            .collect(),
        area: summary.as_ref().and_then(|s| s.area.clone()),
        median_yearly: headline(|s| &s.median_yearly),
        growth: headline(|s| &s.growth),
        openings: headline(|s| &s.openings),
    }
}

/// A term as a filter value, keyed by the slug of its page.
fn choice(site: &Site, kind: TaxonomyKind, term: &str, name: String) -> Option<Choice> {
    let term = site.term_url(kind, term)?;
    Some(Choice {
        key: slug_of(&term.url_path),
        name,
    })
}

/// The last folder of a path: `clusters/health-science/` → `health-science`.
fn slug_of(url_path: &str) -> String {
    let path = url_path.trim_end_matches('/');
    path.rsplit('/').next().unwrap_or(path).to_string()
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
pub fn write_index<'a>(site: &'a Site, out: impl std::io::Write) -> Result<(), String> {
    let profiles = super::profiles_by_title(site);
    let make = |&(page, profile): &(&'a SitePage, &'a Profile)| IndexEntry {
        row: row(site, page, profile),
        wages: area_wages(profile),
        outlook: area_outlook(profile),
    };
    let index = ExploreIndex {
        primary_area: site.config.primary_area.as_deref(),
        occupations: super::Streamed::new(&profiles, &make),
    };
    serde_json::to_writer(out, &index).map_err(|e| e.to_string())
}

impl ExploreContext {
    pub fn new(site: &Site) -> Self {
        ExploreContext {
            index_url: format!("{}{INDEX_FILE}", site.base_path),
            compare_url: compare_url(site),
            primary_area: site.config.primary_area.clone(),
            occupations: rows(site),
            clusters: choices(site, TaxonomyKind::Cluster),
            education: choices(site, TaxonomyKind::Education),
            job_zones: choices(site, TaxonomyKind::JobZone),
            holland: choices(site, TaxonomyKind::Holland),
        }
    }
}

impl CompareContext {
    pub fn new(site: &Site) -> Self {
        CompareContext {
            index_url: format!("{}{INDEX_FILE}", site.base_path),
            explore_url: explore_url(site),
            occupations: super::profiles_by_title(site)
                .into_iter()
                .map(|(page, _)| Choice {
                    key: entry_id(page),
                    name: page.page.meta.title.clone(),
                })
                .collect(),
        }
    }
}

/// The terms of one taxonomy as filter choices, named as on their pages.
fn choices(site: &Site, kind: TaxonomyKind) -> Vec<Choice> {
    let Some(taxonomy) = site.taxonomies.iter().find(|t| t.kind == kind) else {
        return Vec::new();
    };
    let named = super::context::TaxonomyContext::new(taxonomy).terms;
    taxonomy
        .terms
        .iter()
        .zip(named)
        .map(|(term, shown)| Choice {
            key: slug_of(&term.url_path),
            name: shown.name,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_the_last_folder() {
        assert_eq!(slug_of("clusters/health-science/"), "health-science");
        assert_eq!(slug_of("a"), "a");
        assert_eq!(slug_of(""), "");
    }
}
