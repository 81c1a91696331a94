//! The explore and compare pages and the data their scripts read.
//!
//! The explore table is paged ([`super::pager`]): each page of the build
//! shows a hundred profiles, sorted by title, so the page works without
//! JavaScript at any size. Its script reads `explore/index.json`, a small
//! list of every profile with what the table shows and filters on (names,
//! classification terms keyed by their page slugs, as in the filter
//! controls and shareable URLs, and the primary area's headline figures as
//! numbers, which the page formats), and searches, filters, sorts and pages
//! the table from it, keeping the build's rows where it shows the same.
//!
//! The compare page fetches only the files of the occupations it compares:
//! small files of about sixteen profiles each (`compare/figures/N.json`,
//! the file chosen by a hash of the profile's id) with the yearly wages and
//! outlook of every area, formatted by [`crate::format`].

use serde::Serialize;

use super::context::PageContext;
use super::outputs::{single, write_text, Failure, Item, Kind, Listed};
use super::pager::{self, Pager, PAGE_SIZE};
use super::strings::Strings;
use super::Ctx;
use crate::content::model::Profile;
use crate::format::{self, Figure, Period};
use crate::site::{Facts, TaxonomyKind, View};

pub static EXPLORE: Kind = Kind {
    name: "explore page",
    needs_template: Some(EXPLORE_TEMPLATE),
    reserves: &[("explore/", "the explore page")],
    streamed: false,
    per_language: true,
    list: |ctx| match super::has_downloads(&ctx.view) {
        true => pager::list(
            Item::Site,
            EXPLORE_URL_PATH,
            ctx.view.profile_ids().count(),
            EXPLORE_TEMPLATE,
        ),
        false => Vec::new(),
    },
    render: |ctx, output, out, _| {
        let (_, page) = pager::split(&output.item);
        let t = ctx.strings();
        let data = ExploreData {
            page: PageContext::generated(
                &ctx.view,
                t.get("explore_careers").into(),
                &pager::url_path(EXPLORE_URL_PATH, page),
                Some(t.get("explore_summary").into()),
            ),
            explore: ExploreContext::new(ctx, page),
        };
        write_text(
            out,
            &ctx.render_template(EXPLORE_TEMPLATE, &output.path, &data)?,
        )
    },
};

/// The index the explore page's script reads: written only when the page
/// is published.
pub static INDEX: Kind = Kind {
    name: "explore index",
    needs_template: Some(EXPLORE_TEMPLATE),
    reserves: &[(INDEX_FILE, "the explore index")],
    streamed: true,
    per_language: true,
    list: |ctx| match super::has_downloads(&ctx.view) {
        true => single(INDEX_FILE, None, None),
        false => Vec::new(),
    },
    render: |ctx, _, out, _| {
        write_index(ctx, out).map_err(|e| {
            Failure::Problem(crate::diagnostics::Diagnostic::error(
                INDEX_FILE,
                format!("cannot write {INDEX_FILE}: {e}"),
            ))
        })
    },
};

/// The figures the compare page sets side by side, in small files of about
/// sixteen profiles each (`compare/figures/N.json`, an object by id), so
/// comparing two occupations fetches two files, not the figures of every
/// profile. Grouped rather than one file per profile: at 10,000 profiles
/// the ten thousand files' creation alone was a tenth of the build. Made
/// per language: the names of the terms, the titles, the addresses and how
/// the figures are worded are the language's (`es/compare/figures/N.json`),
/// as on the pages.
pub static FIGURES: Kind = Kind {
    name: "compare figures",
    needs_template: Some(COMPARE_TEMPLATE),
    reserves: &[],
    streamed: false,
    per_language: true,
    list: |ctx| {
        (0..figure_groups(ctx).len())
            .map(|n| Listed {
                item: Item::Figures(n),
                path: format!("{FIGURES_FOLDER}{n}.json"),
                url_path: None,
                template: None,
            })
            .collect()
    },
    render: |ctx, output, out, _| {
        let Item::Figures(n) = &output.item else {
            return Ok(());
        };
        let view = &ctx.view;
        let groups = figure_groups(ctx);
        let words = Words::of(ctx);
        let entries: std::collections::BTreeMap<String, IndexEntry> = groups
            .get(*n)
            .into_iter()
            .flatten()
            .filter_map(|&id| view.facts(id))
            .map(|facts| {
                let entry = IndexEntry {
                    row: row(view, &words, facts, facts.profile),
                    wages: area_wages(&words, facts.profile),
                    outlook: area_outlook(&words, facts.profile),
                };
                (entry.row.id.clone(), entry)
            })
            .collect();
        serde_json::to_writer(out, &entries).map_err(|e| {
            Failure::Problem(crate::diagnostics::Diagnostic::error(
                &output.path,
                format!("cannot write {}: {e}", output.path),
            ))
        })
    },
};

/// How many profiles a figure file holds, on average.
const PER_FIGURE_FILE: usize = 16;

/// The number of figure files for `profiles` profiles.
pub fn figure_file_count(profiles: usize) -> usize {
    profiles.div_ceil(PER_FIGURE_FILE).max(1)
}

/// The figure file of the profile `id` among `files`: FNV-1a of the id's
/// UTF-8 bytes, as `compare.js` computes it.
pub fn figure_file_of(id: &str, files: usize) -> usize {
    super::fnv1a(id.as_bytes()) as usize % files.max(1)
}

/// The profiles of each figure file, made once per site version.
pub(crate) type FigureGroups = Vec<Vec<crate::site::PageId>>;

fn figure_groups(ctx: &Ctx) -> std::sync::Arc<FigureGroups> {
    ctx.derived().figure_groups.get(&ctx.view, &(), |view| {
        let ids: Vec<_> = view.profile_ids().collect();
        let files = figure_file_count(ids.len());
        let mut groups = vec![Vec::new(); if ids.is_empty() { 0 } else { files }];
        for id in ids {
            let n = figure_file_of(&entry_id(view.url_path(id)), files);
            if let Some(group) = groups.get_mut(n) {
                group.push(id);
            }
        }
        groups
    })
}

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
        let t = ctx.strings();
        let data = CompareData {
            page: PageContext::generated(
                &ctx.view,
                t.get("compare_title").into(),
                "compare/",
                Some(t.get("compare_summary").into()),
            ),
            compare: CompareContext::new(ctx),
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
pub const EXPLORE_URL_PATH: &str = "explore/";
pub const INDEX_FILE: &str = "explore/index.json";
pub const COMPARE_PAGE: &str = "compare/index.html";
/// The folder of the figure files: `compare/figures/N.json`.
pub const FIGURES_FOLDER: &str = "compare/figures/";
/// The optional templates behind the two pages.
pub const EXPLORE_TEMPLATE: &str = "explore.html";
pub const COMPARE_TEMPLATE: &str = "compare.html";

/// The names of the columns of each entry of `explore/index.json`, in order.
pub const INDEX_COLUMNS: [&str; 14] = [
    "id",
    "title",
    "soc",
    "also_called",
    "cluster",
    "education",
    "job_zone",
    "holland",
    "median_yearly",
    "growth",
    "openings",
    "search",
    "lang",
    "also_called_lang",
];

/// `explore/index.json`: what the explore script searches, filters, sorts
/// and shows, for every profile, and nothing else. Each entry is an array
/// in the order of `columns`; a classification is the position of its
/// term in the list of that name (`clusters`, `education`, `job_zones`,
/// `holland`), and a figure is a number with the decimals to show
/// ([`CompactFigure`]), so the file stays small at 10,000 profiles.
#[derive(Serialize)]
pub struct ExploreIndex<'a> {
    /// The area of every entry's headline figures; null when each profile's
    /// first listed area is used.
    pub primary_area: Option<&'a str>,
    /// The base path of every URL (`/`, `/guide/`): a profile's page is at
    /// the base path, its id with each byte but `A-Z a-z 0-9 - . _ ~ /`
    /// percent-encoded, and `/`.
    pub base_path: &'a str,
    pub columns: [&'static str; 14],
    pub clusters: Vec<Choice>,
    pub education: Vec<Choice>,
    pub job_zones: Vec<Choice>,
    pub holland: Vec<Choice>,
    /// Every profile, sorted by title.
    pub occupations: Vec<IndexRow>,
}

/// One profile in `explore/index.json`, written as an array.
#[derive(Debug)]
pub struct IndexRow {
    pub id: String,
    pub title: String,
    pub soc: String,
    pub also_called: Vec<String>,
    pub cluster: Option<usize>,
    pub education: Option<usize>,
    pub job_zone: Option<usize>,
    pub holland: Vec<usize>,
    pub median_yearly: CompactFigure,
    pub growth: CompactFigure,
    pub openings: CompactFigure,
    /// The profile's number in the full-text search index
    /// (`search/doc/N.json`), for searching the full text from explore;
    /// null when the site has no search.
    pub search: Option<u32>,
    /// The language of the title when it is not the index's (`en` for a
    /// profile not translated yet); null otherwise.
    pub lang: Option<String>,
    /// The same for the other names.
    pub also_called_lang: Option<String>,
}

impl Serialize for IndexRow {
    /// The languages are left out when both are null (most rows of most
    /// sites): the script reads a missing column as null.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let langs = [&self.lang, &self.also_called_lang];
        let shown = langs.iter().rposition(|l| l.is_some()).map_or(0, |i| i + 1);
        let mut seq = serializer.serialize_seq(Some(12 + shown))?;
        seq.serialize_element(&self.id)?;
        seq.serialize_element(&self.title)?;
        seq.serialize_element(&self.soc)?;
        seq.serialize_element(&self.also_called)?;
        seq.serialize_element(&self.cluster)?;
        seq.serialize_element(&self.education)?;
        seq.serialize_element(&self.job_zone)?;
        seq.serialize_element(&self.holland)?;
        seq.serialize_element(&self.median_yearly)?;
        seq.serialize_element(&self.growth)?;
        seq.serialize_element(&self.openings)?;
        seq.serialize_element(&self.search)?;
        for lang in langs.iter().take(shown) {
            seq.serialize_element(lang)?;
        }
        seq.end()
    }
}

/// A figure in `explore/index.json`. A given figure is `[value, decimals]`
/// and a derived one `[value, decimals, 1]`: the page formats it as the
/// build does (`$43,500`, `12.5%`, `1,234`; `decimals` is what follows the
/// point: 2 for a wage with cents). Anything else (top-coded, not
/// published, missing) is the [`Figure`] with its text.
#[derive(Debug)]
pub enum CompactFigure {
    Number {
        value: f64,
        decimals: usize,
        derived: bool,
    },
    Full(Figure),
}

impl CompactFigure {
    /// `figure` as written in a language whose locale writes a decimal
    /// comma (`1.234,5`) when `decimal_comma`; money keeps the US form.
    pub fn new(figure: &Figure, decimal_comma: bool) -> Self {
        use crate::format::FigureStatus;
        match (figure.status, figure.value) {
            (FigureStatus::Given | FigureStatus::Derived, Some(value)) => CompactFigure::Number {
                value,
                decimals: decimals_shown(&figure.text, decimal_comma),
                derived: figure.derived,
            },
            _ => CompactFigure::Full(figure.clone()),
        }
    }
}

/// How many digits follow the decimal mark in a figure's text: a point,
/// or in a decimal-comma locale a comma (but money, `$1,234.50`, keeps
/// the point in every language).
fn decimals_shown(text: &str, decimal_comma: bool) -> usize {
    let money = text.trim_start_matches(['-', '\u{2212}']).starts_with('$');
    let mark = if decimal_comma && !money { ',' } else { '.' };
    text.split_once(mark).map_or(0, |(_, after)| {
        after.chars().take_while(char::is_ascii_digit).count()
    })
}

impl Serialize for CompactFigure {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        match self {
            CompactFigure::Number {
                value,
                decimals,
                derived,
            } => {
                let mut seq = serializer.serialize_seq(Some(2 + usize::from(*derived)))?;
                // Whole numbers without `.0`: most wages and counts are.
                if value.fract() == 0.0 && value.abs() < 9.0e15 {
                    seq.serialize_element(&(*value as i64))?;
                } else {
                    seq.serialize_element(value)?;
                }
                seq.serialize_element(decimals)?;
                if *derived {
                    seq.serialize_element(&1)?;
                }
                seq.end()
            }
            CompactFigure::Full(figure) => figure.serialize(serializer),
        }
    }
}

/// One profile's figures for the compare page (in
/// `compare/figures/N.json`, under its id): its row of the explore table and the
/// figures of every area, as the pages format them.
#[derive(Debug, Serialize)]
pub struct IndexEntry {
    #[serde(flatten)]
    pub row: ExploreRow,
    /// Yearly wages of every area of the wage table, in order.
    pub wages: Vec<AreaWages>,
    /// Every area of the outlook table, in order.
    pub outlook: Vec<AreaOutlook>,
}

/// One row of the explore table: what it shows and filters on.
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
    /// The language of the title when it is not the page's (`en` for a
    /// profile not translated yet). Left out when null, here and in the
    /// figure files: most profiles of most sites.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The same for the other names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub also_called_lang: Option<String>,
}

/// A filter value: the term's slug (`health-science`, `3`, `associate`,
/// `c`) and its reader-facing name.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub key: String,
    pub name: String,
    /// The language of `name` when it is not the page's: on compare's
    /// occupations, `en` for a profile not translated yet. Left out of
    /// the JSON files when null (terms are always in the page's language).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
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
    /// URL of the explore page's first page, with the base path.
    pub url: String,
    pub compare_url: String,
    pub primary_area: Option<String>,
    /// The profiles of this page of the table, sorted by title.
    pub occupations: Vec<ExploreRow>,
    /// How many profiles the whole table has.
    pub total: usize,
    /// `total` as the language writes numbers (`1,234`; `1.234` where the
    /// locale has a decimal comma).
    pub total_text: String,
    /// Whether any profile's median wage in the table is derived.
    pub has_derived: bool,
    /// Where this page is among the table's pages.
    pub pager: Pager,
    /// Filter choices, in the taxonomies' order.
    pub clusters: Vec<Choice>,
    pub education: Vec<Choice>,
    pub job_zones: Vec<Choice>,
    pub holland: Vec<Choice>,
    /// The full-text search index the explore script also searches (URL of
    /// its folder, with the base path); null when the site has no search.
    pub search_index_url: Option<String>,
    /// How many shards that index has.
    pub search_shards: u32,
    /// The words that index leaves out, space-separated.
    pub search_stop_words: String,
    /// The words explore.js shows, from the interface strings, as a JSON
    /// object for a `<script type="application/json" id="explore-strings">`
    /// block ([`EXPLORE_SCRIPT_STRINGS`] and how numbers are written).
    pub script_strings: String,
}

/// The interface strings explore.js reads from its page.
pub const EXPLORE_SCRIPT_STRINGS: &[&str] = &[
    "explore_showing_all",
    "explore_showing_only",
    "explore_showing",
    "explore_showing_one",
];

/// The interface strings compare.js reads from its page.
pub const COMPARE_SCRIPT_STRINGS: &[&str] = &[
    "compare_measure",
    "soc_code",
    "clusters_singular",
    "education_singular",
    "job_zones_singular",
    "median_yearly_wage",
    "compare_wage_range",
    "compare_growth",
    "openings_per_year",
    "compare_none_listed",
    "not_published",
    "derived_hidden",
    "compare_remove",
    "compare_choose_more",
    "compare_comparing",
    "compare_comparing_most",
];

/// `compare`: on `compare.html`.
#[derive(Debug, Serialize)]
pub struct CompareContext {
    /// URL of the folder of the figure files, with the base path: a
    /// profile's figures are in `figures_url` + N + `.json`, under its id,
    /// N being FNV-1a of the id's UTF-8 bytes modulo `figure_files`.
    pub figures_url: String,
    /// How many figure files there are.
    pub figure_files: usize,
    pub explore_url: String,
    /// Every profile (`key` is its id, `name` its title), sorted by title.
    pub occupations: Vec<Choice>,
    /// The words compare.js shows, as a JSON object for a `<script
    /// type="application/json" id="compare-strings">` block
    /// ([`COMPARE_SCRIPT_STRINGS`] and how numbers are written).
    pub script_strings: String,
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

/// The words of one language: its interface strings and how it writes
/// figures.
struct Words<'a> {
    t: &'a Strings,
    numbers: format::Localizer,
}

impl<'a> Words<'a> {
    fn of(ctx: &Ctx<'a>) -> Self {
        Words {
            t: ctx.strings(),
            numbers: ctx.localizer(),
        }
    }
}

/// Every profile's row of the explore table, sorted by title.
fn rows(view: &View, words: &Words) -> Vec<ExploreRow> {
    super::profiles_by_title(view)
        .into_iter()
        .map(|(facts, profile)| row(view, words, facts, profile))
        .collect()
}

fn row(view: &View, words: &Words, facts: Facts, profile: &Profile) -> ExploreRow {
    let summary = facts.summary;
    let t = words.t;
    let headline = |pick: fn(&crate::site::ProfileSummary) -> &Figure| {
        words
            .numbers
            .figure(&summary.map_or_else(Figure::not_published, |s| pick(s).clone()))
    };
    ExploreRow {
        id: entry_id(facts.url_path),
        title: facts.meta.title.clone(),
        url: facts.url.to_string(),
        soc: profile.soc.clone(),
        also_called: profile.also_called.clone(),
        cluster: profile.cluster.as_ref().and_then(|c| {
            let name = super::context::cluster_name(view, t, c.trim());
            choice(view, TaxonomyKind::Cluster, c, name)
        }),
        education: profile.education.and_then(|e| {
            let name = t.get(&format!("level_{}", e.key())).to_string();
            choice(view, TaxonomyKind::Education, e.key(), name)
        }),
        job_zone: profile.job_zone.and_then(|z| {
            let zone = z.to_string();
            let name = t.fill(
                "job_zone_named",
                &[("zone", &zone), ("name", t.get(&format!("job_zone_{z}")))],
            );
            choice(view, TaxonomyKind::JobZone, &zone, name)
        }),
        holland: profile
            .holland
            .iter()
            .flat_map(|code| code.chars())
            .filter_map(|l| {
                let letter = t.get(&format!("holland_{}", l.to_ascii_uppercase()));
                let name = format!("{letter} ({l})");
                choice(view, TaxonomyKind::Holland, &l.to_string(), name)
            })
            .collect(),
        area: summary.and_then(|s| s.area.clone()),
        median_yearly: headline(|s| &s.median_yearly),
        growth: headline(|s| &s.growth),
        openings: headline(|s| &s.openings),
        lang: facts.words_lang.title.clone(),
        also_called_lang: facts.words_lang.also_called.clone(),
    }
}

/// A term as a filter value, keyed by the slug of its page.
fn choice(view: &View, kind: TaxonomyKind, term: &str, name: String) -> Option<Choice> {
    let (_, slug) = view.term_url(kind, term)?;
    Some(Choice {
        key: slug,
        name,
        lang: None,
    })
}

fn area_wages(words: &Words, profile: &Profile) -> Vec<AreaWages> {
    let rows = profile.wages.iter().flat_map(|w| &w.areas);
    rows.map(|row| {
        let [p10, _, median, _, p90] = row
            .yearly
            .map(|w| words.numbers.figure(&format::wage(w, Period::Yearly)));
        AreaWages {
            area: row.area.clone(),
            depth: row.depth,
            range: format::range(&p10, &p90).map(|_| {
                words
                    .t
                    .fill("wage_range", &[("low", &p10.text), ("high", &p90.text)])
            }),
            p10,
            median,
            p90,
        }
    })
    .collect()
}

fn area_outlook(words: &Words, profile: &Profile) -> Vec<AreaOutlook> {
    let rows = profile.outlook.iter().flat_map(|o| &o.areas);
    rows.map(|row| AreaOutlook {
        area: row.area.clone(),
        depth: row.depth,
        growth: words.numbers.figure(&format::percent(row.growth)),
        openings: words.numbers.figure(&format::count(row.openings)),
    })
    .collect()
}

/// Each profile's number in the search index, by its entry id; empty when
/// the site has no search.
fn search_numbers(view: &View) -> std::collections::HashMap<String, u32> {
    if !super::search::has_search(view) {
        return Default::default();
    }
    (0u32..)
        .zip(super::search::documents(view))
        .filter(|&(_, id)| view.kind(id) == crate::content::PageKind::Profile)
        .map(|(n, id)| (entry_id(view.url_path(id)), n))
        .collect()
}

/// `explore/index.json`, compact (it is read by scripts), in the
/// language of `ctx`: its term names, titles and figure words.
fn write_index(ctx: &Ctx, out: impl std::io::Write) -> Result<(), String> {
    let view = &ctx.view;
    let words = Words::of(ctx);
    let legend = |kind| choices(view, words.t, kind);
    let (clusters, education, job_zones, holland) = (
        legend(TaxonomyKind::Cluster),
        legend(TaxonomyKind::Education),
        legend(TaxonomyKind::JobZone),
        legend(TaxonomyKind::Holland),
    );
    let position = |list: &[Choice], choice: &Choice| list.iter().position(|c| c.key == choice.key);
    let numbers = search_numbers(view);
    // The rows' figures are written as the language writes them.
    let comma = words.numbers.decimal_comma;
    let occupations = rows(view, &words)
        .into_iter()
        .map(|row| IndexRow {
            cluster: row.cluster.as_ref().and_then(|c| position(&clusters, c)),
            education: row.education.as_ref().and_then(|c| position(&education, c)),
            job_zone: row.job_zone.as_ref().and_then(|c| position(&job_zones, c)),
            holland: row
                .holland
                .iter()
                .filter_map(|c| position(&holland, c))
                .collect(),
            median_yearly: CompactFigure::new(&row.median_yearly, comma),
            growth: CompactFigure::new(&row.growth, comma),
            openings: CompactFigure::new(&row.openings, comma),
            search: numbers.get(row.id.as_str()).copied(),
            lang: row.lang,
            also_called_lang: row.also_called_lang,
            id: row.id,
            title: row.title,
            soc: row.soc,
            also_called: row.also_called,
        })
        .collect();
    let index = ExploreIndex {
        primary_area: view.primary_area(),
        base_path: view.base_path(),
        columns: INDEX_COLUMNS,
        clusters,
        education,
        job_zones,
        holland,
        occupations,
    };
    serde_json::to_writer(out, &index).map_err(|e| e.to_string())
}

impl ExploreContext {
    /// Page `page` (from 1) of the explore table.
    fn new(ctx: &Ctx, page: usize) -> Self {
        let view = &ctx.view;
        let words = Words::of(ctx);
        // The order is made once for all the pages; rows are made for this
        // page only.
        let order = super::title_order(ctx);
        let total = order.ids.len();
        let pager = Pager::new(view.base_path(), EXPLORE_URL_PATH, page, total);
        let start = (pager.page - 1).saturating_mul(PAGE_SIZE).min(total);
        let occupations: Vec<ExploreRow> = order
            .ids
            .iter()
            .skip(start)
            .take(PAGE_SIZE)
            .filter_map(|&id| view.facts(id))
            .map(|facts| row(view, &words, facts, facts.profile))
            .collect();
        let has_derived = order.has_derived;
        let total_text = words
            .numbers
            .number(&format::count(Some(crate::content::model::Number::new(total as f64, 0))).text);
        ExploreContext {
            index_url: format!("{}{INDEX_FILE}", view.base_path()),
            url: explore_url(view),
            compare_url: compare_url(view),
            primary_area: view.primary_area().map(str::to_string),
            occupations,
            total,
            total_text,
            has_derived,
            pager,
            clusters: choices(view, words.t, TaxonomyKind::Cluster),
            education: choices(view, words.t, TaxonomyKind::Education),
            job_zones: choices(view, words.t, TaxonomyKind::JobZone),
            holland: choices(view, words.t, TaxonomyKind::Holland),
            search_index_url: super::search::has_search(view)
                .then(|| format!("{}{}", view.base_path(), super::search::FOLDER)),
            search_shards: super::search::shard_count(super::search::documents(view).len()),
            search_stop_words: super::search::stop_words(view),
            script_strings: words
                .t
                .for_script(EXPLORE_SCRIPT_STRINGS, &view.language().locale),
        }
    }
}

impl CompareContext {
    fn new(ctx: &Ctx) -> Self {
        let view = &ctx.view;
        let occupations: Vec<Choice> = super::profiles_by_title(view)
            .into_iter()
            .map(|(facts, _)| Choice {
                key: entry_id(facts.url_path),
                name: facts.meta.title.clone(),
                lang: facts.words_lang.title.clone(),
            })
            .collect();
        CompareContext {
            figures_url: format!("{}{FIGURES_FOLDER}", view.base_path()),
            figure_files: figure_file_count(occupations.len()),
            explore_url: explore_url(view),
            occupations,
            script_strings: ctx
                .strings()
                .for_script(COMPARE_SCRIPT_STRINGS, &view.language().locale),
        }
    }
}

/// The terms of one taxonomy as filter choices, named as on their pages.
fn choices(view: &View, t: &Strings, kind: TaxonomyKind) -> Vec<Choice> {
    let Some(taxonomy) = view.taxonomies().iter().find(|t| t.kind == kind) else {
        return Vec::new();
    };
    let named = super::context::TaxonomyContext::new(view, taxonomy, t).terms;
    taxonomy
        .terms
        .iter()
        .zip(named)
        .map(|(term, shown)| Choice {
            key: term.slug().to_string(),
            name: shown.name,
            lang: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_files_are_chosen_by_fnv_1a_of_the_id() {
        // FNV-1a's published value for "a"; compare.js computes the same.
        assert_eq!(figure_file_of("a", usize::MAX), 0xe40c_292c);
        assert_eq!(figure_file_count(0), 1);
        assert_eq!(figure_file_count(16), 1);
        assert_eq!(figure_file_count(17), 2);
        assert_eq!(figure_file_count(10_000), 625);
    }

    #[test]
    fn decimals_are_counted_after_the_languages_decimal_mark() {
        assert_eq!(decimals_shown("1,310", false), 0);
        assert_eq!(decimals_shown("1.310", true), 0);
        assert_eq!(decimals_shown("19.4%", false), 1);
        assert_eq!(decimals_shown("19,4%", true), 1);
        assert_eq!(decimals_shown("\u{2212}2,25%", true), 2);
        // Money keeps the US form in every language.
        assert_eq!(decimals_shown("$1,234.50", true), 2);
        assert_eq!(decimals_shown("$43,500", true), 0);
        assert_eq!(decimals_shown("$43,500", false), 0);
    }
}
