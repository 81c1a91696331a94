//! The typed data every template receives. `docs/themes.md` documents each
//! field; change both together.
//!
//! Contexts are built from the resolved site (through a `View`) and hold display-ready
//! values (formatted figures, URLs with the base path), so templates never
//! compute or format a figure. Site-wide data (`site`) is built once and
//! shared by every render through Tera's global context.

use serde::Serialize;

use super::shared::SummaryValue;
use super::strings::Strings;
use super::Ctx;
use crate::content::model::{OutlookTable, Profile, WageTable};
use crate::format::{self, Figure, Period};
use crate::markdown::TocEntry;
use crate::site::{
    Alternate, PageId, ProfileSummary, SitePage, Taxonomy, TaxonomyKind, Term, View,
};

/// `site`: available in every template.
#[derive(Debug, Serialize)]
pub struct SiteContext {
    pub title: String,
    /// The language of the pages rendered (`en`, `es`).
    pub language: String,
    /// Whether the site is published in more than one language.
    pub multilingual: bool,
    /// `/` or `/guide/`: every URL in the site starts with it.
    pub base_path: String,
    /// Absolute address of the site, when `base_url` has a host.
    pub base_url: Option<String>,
    pub primary_area: Option<String>,
    /// Top-level plain pages (such as About), for navigation.
    pub pages: Vec<Link>,
    pub taxonomies: Vec<Link>,
    /// Path of the theme's stylesheet and other static files.
    pub static_path: String,
    /// The data downloads (`occupations.csv`, `occupations.json`), for
    /// links; empty when the site has no profiles.
    pub downloads: Vec<Link>,
    /// The rankings index (`/rankings/`), for navigation; null when the
    /// site has no profiles.
    pub rankings: Option<Link>,
    /// The explore page (`/guide/explore/`); null when the site has no profiles.
    pub explore_url: Option<String>,
    /// The compare page (`/guide/compare/`); null when the site has no profiles.
    pub compare_url: Option<String>,
    /// The search results page (`/guide/search/`); null when the site has
    /// no profile or plain page. A theme without `search.html` has none.
    pub search_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
    /// The language of `title` when it is not the page's (`en` for a
    /// page not translated yet); null otherwise.
    pub lang: Option<String>,
}

/// `page`: the page being rendered (also set on listing pages).
#[derive(Debug, Serialize)]
pub struct PageContext {
    pub title: String,
    pub url: String,
    /// The absolute URL (`https://host/guide/a/`), when `base_url` has a host.
    pub permalink: Option<String>,
    pub summary: Option<String>,
    /// The Markdown body as HTML, editor notes removed, links rewritten.
    pub content: String,
    /// The page in every language of the site (the language switcher and
    /// `hreflang` links); empty on a site of one language.
    pub alternates: Vec<Alternate>,
    /// Set when the page has no translation into the language rendered
    /// and shows its source's words: the source's language and address.
    pub fallback: Option<Fallback>,
    /// The language of each part of the page's words (`title`, `summary`,
    /// `also_called`, `at_a_glance`, `pros`, `cons`, `body`) when it is
    /// not the page's: `en` on a Spanish page for what is not translated.
    pub words_lang: crate::site::WordsLang,
    pub toc: Vec<TocEntry>,
    /// `profile`, `plain` or `home`; `listing` for generated pages.
    pub kind: &'static str,
    /// The file under the site root it came from, if any.
    pub source_path: Option<String>,
    /// The front matter's `extra`, untouched.
    pub extra: serde_json::Value,
}

/// Where the words of an untranslated page come from.
#[derive(Debug, Serialize)]
pub struct Fallback {
    /// The language the words are in (`en`).
    pub lang: String,
    /// Its name in itself (`English`).
    pub name: String,
    /// The page in that language.
    pub url: String,
}

/// `profile`: on `profile.html`.
#[derive(Serialize)]
pub struct ProfileContext<'a> {
    pub soc: String,
    pub soc_version: u16,
    pub also_called: Vec<String>,
    pub at_a_glance: Vec<String>,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
    pub cluster: Option<TermLink>,
    pub holland: Option<HollandContext>,
    pub job_zone: Option<TermLink>,
    pub education: Option<TermLink>,
    pub related: Vec<SummaryValue<'a>>,
    pub onet: Vec<String>,
    /// ISO date (`2019-02-24`) and as words (`February 24, 2019`).
    pub reviewed: Option<String>,
    pub reviewed_text: Option<String>,
    pub wages: Option<WageTableContext>,
    pub outlook: Option<OutlookTableContext>,
    /// Figures for the primary area, as on listings.
    pub headline: Option<ProfileSummary>,
    /// The schema.org `Occupation` as JSON-LD, safe to print inside a
    /// `<script>` element with `| safe`; null only if it could not be built.
    pub json_ld: Option<String>,
    /// The compare page with this profile chosen: `/guide/compare/?o=slug`.
    pub compare_url: String,
}

/// A link to a taxonomy term page, with the term's reader-facing name.
#[derive(Debug, Serialize)]
pub struct TermLink {
    /// `Health Science`, `3`, `associate`.
    pub key: String,
    /// `Health Science`, `Job zone 3: Medium preparation needed`, `Associate's degree`.
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct HollandContext {
    pub code: String,
    pub letters: Vec<TermLink>,
}

#[derive(Debug, Serialize)]
pub struct WageTableContext {
    pub source: Option<String>,
    pub as_of: Option<String>,
    /// True when any figure in the table is derived (to show the legend).
    pub has_derived: bool,
    pub has_top_coded: bool,
    pub rows: Vec<WageRowContext>,
    /// The wage chart's geometry; null when no yearly figure is published.
    pub chart: Option<super::charts::WageChart>,
}

#[derive(Debug, Serialize)]
pub struct WageRowContext {
    pub area: String,
    pub within: Option<String>,
    pub depth: usize,
    /// Three rows, `Hourly`, `Monthly` and `Yearly`, in that order.
    pub periods: Vec<PeriodRow>,
}

#[derive(Debug, Serialize)]
pub struct PeriodRow {
    pub name: String,
    /// Five figures: 10th, 25th, median, 75th, 90th percentile.
    pub figures: Vec<Figure>,
}

#[derive(Debug, Serialize)]
pub struct OutlookTableContext {
    pub source: Option<String>,
    pub period: Option<String>,
    pub rows: Vec<OutlookRowContext>,
    /// The growth chart's geometry; null when no growth is published.
    pub chart: Option<super::charts::OutlookChart>,
}

#[derive(Debug, Serialize)]
pub struct OutlookRowContext {
    pub area: String,
    pub within: Option<String>,
    pub depth: usize,
    pub employment: Figure,
    pub growth: Figure,
    pub growth_all: Figure,
    pub openings: Figure,
}

/// `taxonomy`: on `taxonomy.html` and `term.html`.
#[derive(Debug, Serialize)]
pub struct TaxonomyContext {
    pub kind: TaxonomyKind,
    pub name: String,
    pub singular: String,
    pub description: String,
    pub url: String,
    pub terms: Vec<TermSummary>,
}

#[derive(Debug, Serialize)]
pub struct TermSummary {
    pub key: String,
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// `term`: on `term.html`.
#[derive(Serialize)]
pub struct TermContext<'a> {
    pub key: String,
    pub name: String,
    pub url: String,
    /// The profiles of this page of the term's listing (a hundred a page).
    pub profiles: Vec<SummaryValue<'a>>,
    /// How many profiles the term has, on all its pages.
    pub count: usize,
    pub pager: super::pager::Pager,
}

impl SiteContext {
    /// Made once per site and shared by every render; `view` records what
    /// it read, which every templated output then depends on.
    pub fn new(view: &View, strings: &Strings) -> Self {
        let pages = view
            .page_ids()
            // Profiles are never in the navigation: their addresses are
            // not read, so their edits leave every page's navigation be.
            .filter(|&id| {
                view.kind(id) != crate::content::PageKind::Profile && {
                    let url_path = view.url_path(id);
                    !url_path.is_empty() && url_path.matches('/').count() == 1
                }
            })
            .map(|id| {
                let (title, url) = view.address(id);
                Link {
                    title: title.to_string(),
                    url: url.to_string(),
                    lang: view.title_lang(id).map(str::to_string),
                }
            })
            .collect();
        let taxonomies = view
            .taxonomy_links()
            .map(|(kind, url)| Link {
                title: strings.get(kind.key("name")).into(),
                url: url.to_string(),
                lang: None,
            })
            .collect();
        let language = view.language();
        let base_path = view.base_path();
        // Static files and downloads are one set for every language.
        let root_path = view.root_path();
        let has_downloads = super::has_downloads(view);
        SiteContext {
            title: language.title.clone(),
            language: language.code.clone(),
            multilingual: view.languages().len() > 1,
            base_path: base_path.to_string(),
            base_url: view.absolute_base().map(str::to_string),
            primary_area: view.primary_area().map(str::to_string),
            pages,
            taxonomies,
            static_path: format!("{root_path}static/"),
            downloads: if has_downloads {
                vec![
                    Link {
                        title: strings.get("download_csv").into(),
                        url: format!("{root_path}{}", super::downloads::CSV_FILE),
                        lang: None,
                    },
                    Link {
                        title: strings.get("download_json").into(),
                        url: format!("{root_path}{}", super::downloads::JSON_FILE),
                        lang: None,
                    },
                ]
            } else {
                Vec::new()
            },
            rankings: has_downloads.then(|| Link {
                title: strings.get("rankings").into(),
                url: format!("{base_path}{}", super::rankings::FOLDER),
                lang: None,
            }),
            explore_url: has_downloads.then(|| super::explore::explore_url(view)),
            compare_url: has_downloads.then(|| super::explore::compare_url(view)),
            search_url: super::search::has_search(view)
                .then(|| format!("{base_path}{}", super::search::FOLDER)),
        }
    }
}

impl PageContext {
    pub fn new(
        view: &View,
        id: PageId,
        page: &SitePage,
        content: String,
        toc: Vec<TocEntry>,
    ) -> Self {
        let alternates = view.alternates(id);
        // An untranslated page's canonical address is its source's: the
        // words are the same.
        let fallback = alternates
            .first()
            .filter(|_| page.fallback)
            .map(|source| Fallback {
                lang: source.lang.clone(),
                name: source.name.clone(),
                url: source.url.clone(),
            });
        let permalink = match alternates.first().filter(|_| page.fallback) {
            Some(source) => source.permalink.clone(),
            None => view.permalink(&page.url_path),
        };
        PageContext {
            title: page.page.meta.title.clone(),
            url: page.url.clone(),
            permalink,
            summary: page.page.meta.summary.clone(),
            content,
            alternates,
            fallback,
            words_lang: page.words_lang.clone(),
            toc,
            kind: match page.page.kind {
                crate::content::PageKind::Home => "home",
                crate::content::PageKind::Profile => "profile",
                crate::content::PageKind::Plain => "plain",
            },
            source_path: Some(
                page.page
                    .display_path
                    .display()
                    .to_string()
                    .replace('\\', "/"),
            ),
            extra: page.page.meta.extra.clone(),
        }
    }

    /// A generated page (listing, taxonomy, 404) at `url_path` below the
    /// base, with no Markdown behind it.
    pub fn generated(view: &View, title: String, url_path: &str, summary: Option<String>) -> Self {
        PageContext {
            title,
            url: format!("{}{url_path}", view.base_path()),
            permalink: view.permalink(url_path),
            summary,
            content: String::new(),
            alternates: view.generated_alternates(url_path),
            fallback: None,
            words_lang: crate::site::WordsLang::default(),
            toc: Vec::new(),
            kind: "listing",
            source_path: None,
            extra: serde_json::Value::Null,
        }
    }
}

impl<'a> ProfileContext<'a> {
    /// The context of `profile`, with the costly parts only if `uses` says
    /// the templates show them.
    pub fn new(ctx: &Ctx<'a>, id: PageId, profile: &'a Profile, uses: super::Uses) -> Self {
        let view = &ctx.view;
        let strings = ctx.strings();
        let numbers = ctx.localizer();
        let page = view.page(id);
        let term = |kind, key: String, name: String| TermLink {
            url: view.term_url(kind, &key).map(|(url, _)| url.to_string()),
            key,
            name,
        };
        ProfileContext {
            soc: profile.soc.clone(),
            soc_version: profile.soc_version,
            also_called: profile.also_called.clone(),
            at_a_glance: profile.at_a_glance.clone(),
            pros: profile.pros.clone(),
            cons: profile.cons.clone(),
            cluster: profile.cluster.as_ref().map(|c| {
                term(
                    TaxonomyKind::Cluster,
                    c.clone(),
                    cluster_name(view, strings, c),
                )
            }),
            holland: profile.holland.as_ref().map(|code| HollandContext {
                code: code.clone(),
                letters: code
                    .chars()
                    .map(|l| {
                        let name = strings.get(&format!("holland_{l}")).to_string();
                        term(TaxonomyKind::Holland, l.to_string(), name)
                    })
                    .collect(),
            }),
            job_zone: profile.job_zone.map(|z| {
                term(
                    TaxonomyKind::JobZone,
                    z.to_string(),
                    strings.fill(
                        "job_zone_named",
                        &[
                            ("zone", &z.to_string()),
                            ("name", strings.get(&format!("job_zone_{z}"))),
                        ],
                    ),
                )
            }),
            education: profile.education.map(|e| {
                term(
                    TaxonomyKind::Education,
                    e.key().to_string(),
                    strings.get(&format!("level_{}", e.key())).to_string(),
                )
            }),
            related: page
                .related
                .iter()
                .filter_map(|&id| ctx.summary(id))
                .collect(),
            onet: profile.onet.clone(),
            reviewed: profile.reviewed.map(|d| d.to_string()),
            reviewed_text: profile.reviewed.map(|d| date_text(strings, d)),
            wages: profile
                .wages
                .as_ref()
                .map(|t| WageTableContext::new(t, uses.charts, strings, &numbers)),
            outlook: profile
                .outlook
                .as_ref()
                .map(|t| OutlookTableContext::new(t, uses.charts, strings, &numbers)),
            headline: page
                .summary
                .as_ref()
                .map(|s| localized_summary(s, &numbers)),
            json_ld: uses
                .json_ld
                .then(|| super::structured::occupation_json_ld(view, page, profile, strings))
                .flatten(),
            compare_url: super::explore::compare_url_for(view, &page.url_path),
        }
    }
}

impl WageTableContext {
    fn new(
        table: &WageTable,
        with_chart: bool,
        strings: &Strings,
        numbers: &format::Localizer,
    ) -> Self {
        let rows: Vec<WageRowContext> = table
            .areas
            .iter()
            .map(|row| {
                let figures = |wages: &[crate::content::model::Wage], period| -> Vec<Figure> {
                    wages
                        .iter()
                        .map(|w| numbers.figure(&format::wage(*w, period)))
                        .collect()
                };
                WageRowContext {
                    area: row.area.clone(),
                    within: row.within.clone(),
                    depth: row.depth,
                    periods: vec![
                        PeriodRow {
                            name: strings.get("hourly").to_string(),
                            figures: figures(&row.hourly, Period::Hourly),
                        },
                        PeriodRow {
                            name: strings.get("monthly").to_string(),
                            figures: figures(&row.monthly, Period::Monthly),
                        },
                        PeriodRow {
                            name: strings.get("yearly").to_string(),
                            figures: figures(&row.yearly, Period::Yearly),
                        },
                    ],
                }
            })
            .collect();
        let all = || {
            rows.iter()
                .flat_map(|r| r.periods.iter().flat_map(|p| &p.figures))
        };
        WageTableContext {
            source: table.source.clone(),
            as_of: table.as_of.clone(),
            has_derived: all().any(|f| f.derived),
            has_top_coded: all().any(|f| f.status == format::FigureStatus::TopCoded),
            rows,
            chart: with_chart
                .then(|| {
                    super::charts::wage_chart(
                        table,
                        &super::charts::Words {
                            t: strings,
                            numbers,
                        },
                    )
                })
                .flatten(),
        }
    }
}

impl OutlookTableContext {
    fn new(
        table: &OutlookTable,
        with_chart: bool,
        strings: &Strings,
        numbers: &format::Localizer,
    ) -> Self {
        OutlookTableContext {
            source: table.source.clone(),
            period: table.period.clone(),
            rows: table
                .areas
                .iter()
                .map(|row| OutlookRowContext {
                    area: row.area.clone(),
                    within: row.within.clone(),
                    depth: row.depth,
                    employment: numbers.figure(&format::count(row.employment)),
                    growth: numbers.figure(&format::percent(row.growth)),
                    growth_all: numbers.figure(&format::percent(row.growth_all)),
                    openings: numbers.figure(&format::count(row.openings)),
                })
                .collect(),
            chart: with_chart
                .then(|| {
                    super::charts::outlook_chart(
                        table,
                        &super::charts::Words {
                            t: strings,
                            numbers,
                        },
                    )
                })
                .flatten(),
        }
    }
}

impl TaxonomyContext {
    pub fn new(view: &View, taxonomy: &Taxonomy, strings: &Strings) -> Self {
        TaxonomyContext {
            kind: taxonomy.kind,
            name: strings.get(taxonomy.kind.key("name")).into(),
            singular: strings.get(taxonomy.kind.key("singular")).into(),
            description: strings.get(taxonomy.kind.key("description")).into(),
            url: taxonomy.url.clone(),
            terms: taxonomy
                .terms
                .iter()
                .map(|t| TermSummary {
                    key: t.name.clone(),
                    name: term_display_name(view, strings, taxonomy.kind, t),
                    url: t.url.clone(),
                    count: t.pages.len(),
                })
                .collect(),
        }
    }
}

impl<'a> TermContext<'a> {
    /// Page `page` (from 1) of the term's listing.
    pub fn new(ctx: &Ctx<'a>, kind: TaxonomyKind, term: &Term, page: usize) -> Self {
        let pager =
            super::pager::Pager::new(ctx.view.base_path(), &term.url_path, page, term.pages.len());
        TermContext {
            key: term.name.clone(),
            name: term_display_name(&ctx.view, ctx.strings(), kind, term),
            url: term.url.clone(),
            profiles: super::pager::rows(&term.pages, pager.page)
                .iter()
                .filter_map(|&id| ctx.summary(id))
                .collect(),
            count: term.pages.len(),
            pager,
        }
    }
}

/// How a term is named to readers: `Health Science`, `C: Conventional`,
/// `Job zone 3: Medium preparation needed`, `Associate's degree`.
fn term_display_name(view: &View, strings: &Strings, kind: TaxonomyKind, term: &Term) -> String {
    match (kind, &term.description) {
        (TaxonomyKind::Holland, Some(_)) => format!(
            "{} ({})",
            strings.get(&format!("holland_{}", term.name)),
            term.name
        ),
        (TaxonomyKind::JobZone, Some(_)) => strings.fill(
            "job_zone_named",
            &[
                ("zone", &term.name),
                ("name", strings.get(&format!("job_zone_{}", term.name))),
            ],
        ),
        (TaxonomyKind::Education, Some(_)) => {
            strings.get(&format!("level_{}", term.name)).to_string()
        }
        (TaxonomyKind::Cluster, _) => cluster_name(view, strings, &term.name),
        _ => term.name.clone(),
    }
}

/// A career cluster's name as readers of the language see it: as written
/// in the default language; elsewhere the strings' `cluster_SLUG` (the
/// default theme has the sixteen national clusters), or as written.
pub fn cluster_name(view: &View, strings: &Strings, name: &str) -> String {
    if view.lang() == 0 {
        return name.to_string();
    }
    let key = format!(
        "cluster_{}",
        crate::site::term_slug(TaxonomyKind::Cluster, name)
    );
    strings
        .lookup(&key)
        .map_or_else(|| name.to_string(), str::to_string)
}

/// A listing entry with its figures in the language's words and locale.
pub fn localized_summary(summary: &ProfileSummary, numbers: &format::Localizer) -> ProfileSummary {
    let mut out = summary.clone();
    if !numbers.is_identity() {
        out.median_yearly = numbers.figure(&summary.median_yearly);
        out.growth = numbers.figure(&summary.growth);
        out.openings = numbers.figure(&summary.openings);
    }
    out
}

/// A date in words, in the strings' language: `February 24, 2019`,
/// `24 de febrero de 2019`.
pub fn date_text(strings: &Strings, date: jiff::civil::Date) -> String {
    let month_key = format!("month_{}", date.month());
    let month = strings.get(&month_key);
    strings.fill(
        "date_format",
        &[
            ("day", &date.day().to_string()),
            ("month", month),
            ("year", &date.year().to_string()),
        ],
    )
}
