//! The data downloads: `occupations.csv` and `occupations.json`, every
//! profile's facts and figures in files people can open in a spreadsheet or
//! a program. Both are built from the same model values as the pages, and
//! both say which figures the build derived (`docs/content-model.md`
//! describes their columns and fields).

use serde::Serialize;

use crate::content::model::{Number, OutlookRow, Percentiles, Profile, WageRow};
use crate::format::{self, Plain};
use crate::site::{Site, SitePage};

/// File names below the output folder.
pub const CSV_FILE: &str = "occupations.csv";
pub const JSON_FILE: &str = "occupations.json";

const PERIODS: [&str; 3] = ["hourly", "monthly", "yearly"];
const PERCENTILES: [&str; 5] = ["p10", "p25", "median", "p75", "p90"];

/// The profiles in the order of the home page listing (by title).
fn profiles(site: &Site) -> Vec<(&SitePage, &Profile)> {
    let mut all: Vec<_> = site
        .profiles()
        .filter_map(|(_, page)| page.page.meta.profile.as_ref().map(|p| (page, p)))
        .collect();
    all.sort_by_cached_key(|(page, _)| page.page.meta.title.to_lowercase());
    all
}

/// The page's absolute URL when the site's address is known, otherwise
/// its URL from the site root (`/guide/a/`).
fn page_url(site: &Site, page: &SitePage) -> String {
    site.permalink(&page.url_path)
        .unwrap_or_else(|| page.url.clone())
}

/// The CSV header: one name per column.
pub fn csv_header() -> Vec<String> {
    let mut header: Vec<String> = [
        "title",
        "soc",
        "soc_version",
        "url",
        "cluster",
        "education",
        "job_zone",
        "holland",
        "area",
        "within",
    ]
    .map(String::from)
    .to_vec();
    for period in PERIODS {
        for p in PERCENTILES {
            header.push(format!("{period}_{p}"));
        }
    }
    header.extend(
        [
            "derived",
            "top_coded",
            "wage_source",
            "wage_as_of",
            "outlook_period",
            "employment",
            "growth_pct",
            "growth_all_pct",
            "openings_per_year",
            "outlook_source",
        ]
        .map(String::from),
    );
    header
}

/// `occupations.csv`: one row per profile and area (the wage table's areas
/// in order, then areas only the outlook table has; one row with an empty
/// area for a profile with neither table).
pub fn csv(site: &Site) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(csv_header())
        .map_err(|e| e.to_string())?;
    for (page, profile) in profiles(site) {
        let wage_rows: Vec<&WageRow> = profile.wages.iter().flat_map(|w| &w.areas).collect();
        let outlook_rows: Vec<&OutlookRow> =
            profile.outlook.iter().flat_map(|o| &o.areas).collect();
        let mut areas: Vec<(&str, Option<&str>)> = wage_rows
            .iter()
            .map(|r| (r.area.as_str(), r.within.as_deref()))
            .collect();
        for row in &outlook_rows {
            if !areas.iter().any(|(a, _)| *a == row.area) {
                areas.push((&row.area, row.within.as_deref()));
            }
        }
        if areas.is_empty() {
            areas.push(("", None));
        }
        for (area, within) in areas {
            let wages = wage_rows.iter().find(|r| r.area == area);
            let outlook = outlook_rows.iter().find(|r| r.area == area);
            let mut record: Vec<String> = vec![
                page.page.meta.title.clone(),
                profile.soc.clone(),
                profile.soc_version.to_string(),
                page_url(site, page),
                profile.cluster.clone().unwrap_or_default(),
                profile
                    .education
                    .map(|e| e.label().to_string())
                    .unwrap_or_default(),
                profile.job_zone.map(|z| z.to_string()).unwrap_or_default(),
                profile.holland.clone().unwrap_or_default(),
                area.to_string(),
                within.unwrap_or_default().to_string(),
            ];
            let mut derived = Vec::new();
            let mut top_coded = Vec::new();
            for (period, figures) in PERIODS.iter().zip(periods(wages.copied())) {
                for (p, wage) in PERCENTILES.iter().zip(figures) {
                    match wage {
                        Some(wage) => {
                            let name = format!("{period}_{p}");
                            if wage.derived {
                                derived.push(name.clone());
                            }
                            if matches!(format::plain_wage(wage), Some((_, true))) {
                                top_coded.push(name);
                            }
                            record.push(format::wage_cell(wage));
                        }
                        None => record.push(String::new()),
                    }
                }
            }
            let number = |f: fn(&OutlookRow) -> Option<Number>| {
                format::number_cell(outlook.and_then(|r| f(r)))
            };
            let wage_table = profile.wages.as_ref().filter(|_| wages.is_some());
            let outlook_table = profile.outlook.as_ref().filter(|_| outlook.is_some());
            record.extend([
                derived.join(" "),
                top_coded.join(" "),
                wage_table
                    .and_then(|t| t.source.clone())
                    .unwrap_or_default(),
                wage_table.and_then(|t| t.as_of.clone()).unwrap_or_default(),
                outlook_table
                    .and_then(|t| t.period.clone())
                    .unwrap_or_default(),
                number(|r| r.employment),
                number(|r| r.growth),
                number(|r| r.growth_all),
                number(|r| r.openings),
                outlook_table
                    .and_then(|t| t.source.clone())
                    .unwrap_or_default(),
            ]);
            writer.write_record(&record).map_err(|e| e.to_string())?;
        }
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// The three periods of a wage row, or nothing for an area without wages.
fn periods(row: Option<&WageRow>) -> [[Option<crate::content::model::Wage>; 5]; 3] {
    match row {
        Some(r) => [r.hourly, r.monthly, r.yearly].map(|p| p.map(Some)),
        None => [[None; 5]; 3],
    }
}

/// `occupations.json`.
#[derive(Debug, Serialize)]
pub struct DataFile<'a> {
    pub site: &'a str,
    /// How to read the figures, for people who open the file.
    pub notes: [&'static str; 4],
    pub occupations: Vec<OccupationData<'a>>,
}

#[derive(Debug, Serialize)]
pub struct OccupationData<'a> {
    pub title: &'a str,
    pub url: String,
    pub soc: &'a str,
    pub soc_version: u16,
    pub also_called: &'a [String],
    pub summary: Option<&'a str>,
    pub cluster: Option<&'a str>,
    pub holland: Option<&'a str>,
    pub job_zone: Option<u8>,
    /// `associate`, as in front matter.
    pub education: Option<&'static str>,
    /// `Associate's degree`, as shown.
    pub education_label: Option<&'static str>,
    pub onet: &'a [String],
    pub reviewed: Option<String>,
    pub wages: Option<WagesData<'a>>,
    pub outlook: Option<OutlookData<'a>>,
}

#[derive(Debug, Serialize)]
pub struct WagesData<'a> {
    pub source: Option<&'a str>,
    pub as_of: Option<&'a str>,
    pub areas: Vec<WageAreaData<'a>>,
}

#[derive(Debug, Serialize)]
pub struct WageAreaData<'a> {
    pub area: &'a str,
    pub within: Option<&'a str>,
    pub hourly: PercentilesData,
    pub monthly: PercentilesData,
    pub yearly: PercentilesData,
}

/// Five figures; each is null when not published.
#[derive(Debug, Serialize)]
pub struct PercentilesData {
    pub p10: Option<FigureData>,
    pub p25: Option<FigureData>,
    pub median: Option<FigureData>,
    pub p75: Option<FigureData>,
    pub p90: Option<FigureData>,
}

#[derive(Debug, Serialize)]
pub struct FigureData {
    pub value: Plain,
    /// Computed by the build from the editor's other figures.
    pub derived: bool,
    /// The source publishes only a lower bound: the figure is `value` or more.
    pub top_coded: bool,
}

#[derive(Debug, Serialize)]
pub struct OutlookData<'a> {
    pub source: Option<&'a str>,
    pub period: Option<&'a str>,
    pub areas: Vec<OutlookAreaData<'a>>,
}

/// Outlook figures are always as given (never derived); null when not published.
#[derive(Debug, Serialize)]
pub struct OutlookAreaData<'a> {
    pub area: &'a str,
    pub within: Option<&'a str>,
    pub employment: Option<Plain>,
    pub growth_pct: Option<Plain>,
    pub growth_all_pct: Option<Plain>,
    pub openings_per_year: Option<Plain>,
}

impl PercentilesData {
    fn new(wages: &Percentiles) -> Self {
        let [p10, p25, median, p75, p90] = wages.map(|w| {
            format::plain_wage(w).map(|(value, top_coded)| FigureData {
                value,
                derived: w.derived,
                top_coded,
            })
        });
        PercentilesData {
            p10,
            p25,
            median,
            p75,
            p90,
        }
    }
}

/// `occupations.json`, pretty-printed.
pub fn json(site: &Site) -> Result<String, String> {
    let occupations = profiles(site)
        .into_iter()
        .map(|(page, profile)| OccupationData {
            title: &page.page.meta.title,
            url: page_url(site, page),
            soc: &profile.soc,
            soc_version: profile.soc_version,
            also_called: &profile.also_called,
            summary: page.page.meta.summary.as_deref(),
            cluster: profile.cluster.as_deref(),
            holland: profile.holland.as_deref(),
            job_zone: profile.job_zone,
            education: profile.education.map(|e| e.key()),
            education_label: profile.education.map(|e| e.label()),
            onet: &profile.onet,
            reviewed: profile.reviewed.map(|d| d.to_string()),
            wages: profile.wages.as_ref().map(|w| WagesData {
                source: w.source.as_deref(),
                as_of: w.as_of.as_deref(),
                areas: w
                    .areas
                    .iter()
                    .map(|r| WageAreaData {
                        area: &r.area,
                        within: r.within.as_deref(),
                        hourly: PercentilesData::new(&r.hourly),
                        monthly: PercentilesData::new(&r.monthly),
                        yearly: PercentilesData::new(&r.yearly),
                    })
                    .collect(),
            }),
            outlook: profile.outlook.as_ref().map(|o| OutlookData {
                source: o.source.as_deref(),
                period: o.period.as_deref(),
                areas: o
                    .areas
                    .iter()
                    .map(|r| OutlookAreaData {
                        area: &r.area,
                        within: r.within.as_deref(),
                        employment: r.employment.map(Plain),
                        growth_pct: r.growth.map(Plain),
                        growth_all_pct: r.growth_all.map(Plain),
                        openings_per_year: r.openings.map(Plain),
                    })
                    .collect(),
            }),
        })
        .collect();
    let file = DataFile {
        site: &site.config.title,
        notes: [
            "Wage figures are US dollars: hourly, monthly and yearly, at the 10th, 25th, 50th (median), 75th and 90th percentile.",
            "A figure is null when the source does not publish it.",
            "derived: true marks a figure the site computed from the given ones (yearly = hourly x 2080, hourly = yearly / 2080, monthly = yearly / 12).",
            "top_coded: true means the source publishes only a lower bound: the true figure is that value or more.",
        ],
        occupations,
    };
    let mut text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}
