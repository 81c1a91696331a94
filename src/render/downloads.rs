//! The data downloads: `occupations.csv` and `occupations.json`, every
//! profile's facts and figures in files people can open in a spreadsheet or
//! a program. Both are built from the same model values as the pages, and
//! both say which figures the build derived (`docs/content-model.md`
//! describes their columns and fields). A text cell of the CSV that a
//! spreadsheet would run as a formula is defused (see [`spreadsheet_text`]).
//!
//! A site in several languages still has one set of downloads, in no
//! language: the figures and facts are the same in all of them. Only the
//! titles differ, so each other language adds its titles (`title_es`) next
//! to the default language's, empty (CSV) or null (JSON) where a profile
//! has no translation yet. A site of one language gets exactly the files it
//! always had.

use std::io::Write;

use serde::Serialize;

use super::outputs::{single, Failure, Kind};
use crate::content::model::{Number, OutlookRow, Percentiles, Profile, WageRow};
use crate::diagnostics::Diagnostic;
use crate::format::{self, Plain};
use crate::site::{Facts, PageId, View};

/// `occupations.csv`, when the site has profiles.
pub static CSV: Kind = Kind {
    name: "CSV download",
    needs_template: None,
    reserves: &[(CSV_FILE, "the CSV download")],
    streamed: true,
    per_language: false,
    list: |ctx| match super::has_downloads(&ctx.view) {
        true => single(CSV_FILE, None, None),
        false => Vec::new(),
    },
    render: |ctx, _, out, _| write_csv(&ctx.view, out).map_err(|e| data_error(CSV_FILE, &e)),
};

/// `occupations.json`, when the site has profiles.
pub static JSON: Kind = Kind {
    name: "JSON download",
    needs_template: None,
    reserves: &[(JSON_FILE, "the JSON download")],
    streamed: true,
    per_language: false,
    list: |ctx| match super::has_downloads(&ctx.view) {
        true => single(JSON_FILE, None, None),
        false => Vec::new(),
    },
    render: |ctx, _, out, _| write_json(&ctx.view, out).map_err(|e| data_error(JSON_FILE, &e)),
};

fn data_error(name: &str, message: &str) -> Failure {
    Failure::Problem(Diagnostic::error(
        name,
        format!("cannot write {name}: {message}"),
    ))
}

/// File names below the output folder.
pub const CSV_FILE: &str = "occupations.csv";
pub const JSON_FILE: &str = "occupations.json";

const PERIODS: [&str; 3] = ["hourly", "monthly", "yearly"];
const PERCENTILES: [&str; 5] = ["p10", "p25", "median", "p75", "p90"];

/// The page's absolute URL when the site's address is known, otherwise
/// its URL from the site root (`/guide/a/`).
fn page_url(view: &View, facts: &Facts) -> String {
    view.permalink(facts.url_path)
        .unwrap_or_else(|| facts.url.to_string())
}

/// The codes of the site's languages other than the default (`es`): each
/// has a title column, `title_es`.
fn other_languages<'a>(view: &View<'a>) -> impl Iterator<Item = &'a str> + 'a {
    view.languages().iter().skip(1).map(|l| l.code.as_str())
}

/// Profile `id`'s title in each language but the default, in the site's
/// order: `None` where it has no (published) translation, which shows the
/// default language's title.
fn other_titles(view: &View, id: PageId) -> Vec<Option<String>> {
    view.alternates(id)
        .iter()
        .enumerate()
        .skip(1)
        .map(|(lang, version)| {
            let facts = view.in_language(lang).facts(id);
            facts
                .filter(|_| !version.fallback)
                .map(|f| f.meta.title.clone())
        })
        .collect()
}

/// The CSV header: one name per column; `other_languages` are the codes
/// of the site's languages but the default, each with a title column.
pub fn csv_header<'a>(other_languages: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut header: Vec<String> = vec!["title".to_string()];
    header.extend(other_languages.map(|code| format!("title_{code}")));
    header.extend(
        [
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
        .map(String::from),
    );
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
/// area for a profile with neither table), written straight to `out` so
/// the whole file is never held in memory.
pub fn write_csv(view: &View, out: impl Write) -> Result<(), String> {
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record(csv_header(other_languages(view)))
        .map_err(|e| e.to_string())?;
    for (facts, profile) in super::profiles_by_title(view) {
        let columns = ProfileColumns::new(view, &facts, profile);
        for (area, within) in areas(profile) {
            write_row(&mut writer, &columns, profile, area, within).map_err(|e| e.to_string())?;
        }
    }
    writer.flush().map_err(|e| e.to_string())
}

/// The areas of a profile's rows: the wage table's, then the outlook
/// table's that the wage table lacks; one empty area when it has neither.
fn areas(profile: &Profile) -> Vec<(&str, Option<&str>)> {
    let wage_rows = profile.wages.iter().flat_map(|w| &w.areas);
    let mut areas: Vec<(&str, Option<&str>)> = wage_rows
        .map(|r| (r.area.as_str(), r.within.as_deref()))
        .collect();
    for row in profile.outlook.iter().flat_map(|o| &o.areas) {
        if !areas.iter().any(|(a, _)| *a == row.area) {
            areas.push((&row.area, row.within.as_deref()));
        }
    }
    if areas.is_empty() {
        areas.push(("", None));
    }
    areas
}

/// The first columns, the same on every row of a profile (computed once:
/// a profile has a row per area).
struct ProfileColumns<'a> {
    fields: [std::borrow::Cow<'a, str>; 8],
    /// The title in each other language (after the first field).
    titles: Vec<Option<String>>,
}

impl<'a> ProfileColumns<'a> {
    fn new(view: &View, facts: &Facts<'a>, profile: &'a Profile) -> Self {
        let text = |value: Option<&'a String>| value.map(|v| v.as_str()).unwrap_or_default().into();
        ProfileColumns {
            fields: [
                facts.meta.title.as_str().into(),
                profile.soc.as_str().into(),
                profile.soc_version.to_string().into(),
                page_url(view, facts).into(),
                text(profile.cluster.as_ref()),
                profile
                    .education
                    .map(|e| e.label())
                    .unwrap_or_default()
                    .into(),
                profile
                    .job_zone
                    .map(|z| z.to_string())
                    .unwrap_or_default()
                    .into(),
                text(profile.holland.as_ref()),
            ],
            titles: other_titles(view, facts.id),
        }
    }
}

/// One CSV row, in the order of [`csv_header`].
fn write_row<W: Write>(
    writer: &mut csv::Writer<W>,
    columns: &ProfileColumns,
    profile: &Profile,
    area: &str,
    within: Option<&str>,
) -> csv::Result<()> {
    let wages = profile
        .wages
        .iter()
        .flat_map(|w| &w.areas)
        .find(|r| r.area == area);
    let outlook = profile
        .outlook
        .iter()
        .flat_map(|o| &o.areas)
        .find(|r| r.area == area);
    // The title, the other languages' titles, then the other fields.
    let [title, rest @ ..] = &columns.fields;
    let other_titles = columns
        .titles
        .iter()
        .map(|t| t.as_deref().unwrap_or_default());
    let texts = std::iter::once(title.as_ref())
        .chain(other_titles)
        .chain(rest.iter().map(AsRef::as_ref));
    for text in texts {
        writer.write_field(spreadsheet_text(text).as_bytes())?;
    }
    writer.write_field(spreadsheet_text(area).as_bytes())?;
    writer.write_field(spreadsheet_text(within.unwrap_or_default()).as_bytes())?;
    let mut derived = String::new();
    let mut top_coded = String::new();
    let mut cell = String::new();
    for (period, figures) in PERIODS.iter().zip(periods(wages)) {
        for (p, wage) in PERCENTILES.iter().zip(figures) {
            cell.clear();
            if let Some(wage) = wage {
                let name = |list: &mut String| {
                    if !list.is_empty() {
                        list.push(' ');
                    }
                    list.push_str(period);
                    list.push('_');
                    list.push_str(p);
                };
                if wage.derived {
                    name(&mut derived);
                }
                if matches!(format::plain_wage(wage), Some((_, true))) {
                    name(&mut top_coded);
                }
                format::push_wage_cell(&mut cell, wage);
            }
            writer.write_field(&cell)?;
        }
    }
    let wage_table = profile.wages.as_ref().filter(|_| wages.is_some());
    let outlook_table = profile.outlook.as_ref().filter(|_| outlook.is_some());
    fn text(value: Option<&String>) -> std::borrow::Cow<'_, str> {
        spreadsheet_text(value.map(|v| v.as_str()).unwrap_or_default())
    }
    writer.write_field(&derived)?;
    writer.write_field(&top_coded)?;
    writer.write_field(text(wage_table.and_then(|t| t.source.as_ref())).as_bytes())?;
    writer.write_field(text(wage_table.and_then(|t| t.as_of.as_ref())).as_bytes())?;
    writer.write_field(text(outlook_table.and_then(|t| t.period.as_ref())).as_bytes())?;
    let numbers: [fn(&OutlookRow) -> Option<Number>; 4] = [
        |r| r.employment,
        |r| r.growth,
        |r| r.growth_all,
        |r| r.openings,
    ];
    for number in numbers {
        writer.write_field(format::number_cell(outlook.and_then(number)))?;
    }
    writer.write_field(text(outlook_table.and_then(|t| t.source.as_ref())).as_bytes())?;
    writer.write_record(None::<&[u8]>)
}

/// A text cell as a spreadsheet may safely open it: one that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a
/// formula (`=HYPERLINK(…)`, `@SUM(…)`, `-2+3+cmd|…`), so it gets a leading
/// `'`, which spreadsheets show as text and do not display (the OWASP
/// rule for CSV injection). Only text the editor wrote goes through here:
/// the figures are numbers the build writes itself (digits, a decimal
/// point, a leading `-` for a fall in employment, `>=` for a top-coded
/// wage), which a spreadsheet reads as numbers, never as formulas.
pub fn spreadsheet_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The three periods of a wage row, or nothing for an area without wages.
fn periods(row: Option<&WageRow>) -> [[Option<crate::content::model::Wage>; 5]; 3] {
    match row {
        Some(r) => [r.hourly, r.monthly, r.yearly].map(|p| p.map(Some)),
        None => [[None; 5]; 3],
    }
}

/// `occupations.json`.
#[derive(Serialize)]
pub struct DataFile<'s, 'a> {
    pub site: &'a str,
    /// How to read the figures, for people who open the file.
    pub notes: Vec<&'static str>,
    /// [`OccupationData`] of every profile, made as it is written.
    pub occupations: super::Streamed<'s, (Facts<'a>, &'a Profile), OccupationData<'a>>,
}

#[derive(Debug, Serialize)]
pub struct OccupationData<'a> {
    pub title: &'a str,
    /// `title_es`: the title in each other language of the site, null
    /// where the profile has no translation yet; nothing on a site of one
    /// language.
    #[serde(flatten)]
    pub other_titles: OtherTitles,
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

/// `derived` and `top_coded` are written only when true: most figures are
/// neither, and at thousands of profiles the two `false`s would make up
/// most of the file.
#[derive(Debug, Serialize)]
pub struct FigureData {
    pub value: Plain,
    /// Computed by the build from the editor's other figures.
    #[serde(skip_serializing_if = "is_false")]
    pub derived: bool,
    /// The source publishes only a lower bound: the figure is `value` or more.
    #[serde(skip_serializing_if = "is_false")]
    pub top_coded: bool,
}

fn is_false(flag: &bool) -> bool {
    !flag
}

/// The titles of a profile in the site's other languages, written as
/// `title_CODE` fields in the site's order of languages.
#[derive(Debug, Default)]
pub struct OtherTitles(pub Vec<(String, Option<String>)>);

impl Serialize for OtherTitles {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (code, title) in &self.0 {
            map.serialize_entry(&format!("title_{code}"), title)?;
        }
        map.end()
    }
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

/// `occupations.json`, compact (one line), written straight to `out`.
pub fn write_json<'a>(view: &View<'a>, mut out: impl Write) -> Result<(), String> {
    let profiles = super::profiles_by_title(view);
    let make =
        |(facts, profile): &(Facts<'a>, &'a Profile)| OccupationData::new(view, facts, profile);
    let file = DataFile {
        site: &view.config().title,
        notes: notes(view),
        occupations: super::Streamed::new(&profiles, &make),
    };
    serde_json::to_writer(&mut out, &file).map_err(|e| e.to_string())?;
    out.write_all(b"\n").map_err(|e| e.to_string())
}

/// The notes of `occupations.json`: how to read the figures, and on a site
/// in several languages, the titles.
fn notes(view: &View) -> Vec<&'static str> {
    let mut notes = vec![
        "Wage figures are US dollars: hourly, monthly and yearly, at the 10th, 25th, 50th (median), 75th and 90th percentile.",
        "A figure is null when the source does not publish it.",
        "derived: true marks a figure the site computed from the given ones (yearly = hourly x 2080, hourly = yearly / 2080, monthly = yearly / 12); a figure without it was given.",
        "top_coded: true means the source publishes only a lower bound: the true figure is that value or more; a figure without it is exact.",
    ];
    if view.languages().len() > 1 {
        notes.push("title is the title in the site's default language; title_CODE (title_es) the title in that language, null when the profile has no translation into it yet. Everything else is the same in every language.");
    }
    notes
}

impl<'a> OccupationData<'a> {
    fn new(view: &View, facts: &Facts<'a>, profile: &'a Profile) -> Self {
        OccupationData {
            title: &facts.meta.title,
            other_titles: OtherTitles(
                other_languages(view)
                    .map(str::to_string)
                    .zip(other_titles(view, facts.id))
                    .collect(),
            ),
            url: page_url(view, facts),
            soc: &profile.soc,
            soc_version: profile.soc_version,
            also_called: &profile.also_called,
            summary: facts.meta.summary.as_deref(),
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused_and_other_text_is_kept() {
        for (text, cell) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1", "'+1"),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Washington", "Washington"),
            ("", ""),
            ("a=b", "a=b"),
            ("'quoted", "'quoted"),
        ] {
            assert_eq!(spreadsheet_text(text), cell, "{text:?}");
        }
    }
}
