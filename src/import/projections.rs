//! `careers import projections`: employment outlook from BLS Employment
//! Projections and state long-term projections into each profile's
//! `outlook` block.
//!
//! Two kinds of table are read, as `.xlsx` or `.csv`, with columns found by
//! what their headers say rather than by position:
//!
//! - the BLS national occupation table (Table 1.2 of `occupation.xlsx`, or
//!   the CSV export of the same table): headers name the years
//!   ("Employment, 2023", "Employment change, percent, 2023–33",
//!   "Occupational openings, 2023–33 annual average"), employment and
//!   openings are in thousands, codes may be written `="15-1252"`;
//! - state long-term tables (Projections Central and state agencies):
//!   an area column, base and projected employment, change, percent
//!   change and average annual openings, in jobs, with the years in the
//!   headers or in Base Year / Projected Year columns.
//!
//! Each area's all-occupations row (00-0000) gives `growth_all`. The period
//! comes from the headers (or year columns) and must be the same in every
//! file unless the editor gives `--period`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::areas::{FileAreas, Target};
use super::codes::{self, Figure};
use super::profiles::{Block, Profile};
use super::splice::{quoted, scalar};
use super::table::{self, normalise_header, Row, Table};
use super::{BlockImporter, BlockOptions, Found, ImportError, ImportReport, Planned};

/// What `careers import projections` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct ProjectionsOptions {
    pub root: PathBuf,
    pub files: Vec<PathBuf>,
    pub areas: Option<PathBuf>,
    pub dry_run: bool,
    /// The period to write, such as "2023-2033", when the files disagree.
    pub period: Option<String>,
    pub source: Option<String>,
}

pub const NATIONAL_SOURCE: &str = "BLS Employment Projections";
pub const STATE_SOURCE: &str = "State long-term occupational projections";
/// The sheet of BLS's `occupation.xlsx` with every detailed occupation.
const NATIONAL_SHEET: &str = "Table 1.2";
const ALL_OCCUPATIONS: &str = "00-0000";

type Period = (u16, u16);

/// One area's outlook for one occupation.
#[derive(Debug, Clone, PartialEq)]
struct Outlook {
    employment: Figure,
    growth: Figure,
    openings: Figure,
}

#[derive(Debug, Default)]
struct OutlookData {
    areas: FileAreas,
    outlook: HashMap<(String, String), (Outlook, String)>,
    /// Area code → growth of all occupations (the 00-0000 row).
    all: HashMap<String, Figure>,
    codes: BTreeSet<String>,
    /// Detailed occupations → their titles.
    detailed: BTreeMap<String, String>,
    periods: Vec<(PathBuf, Option<Period>)>,
    sources: Vec<&'static str>,
    /// `--period`, when given.
    period: Option<String>,
}

/// Runs the import. `Err` only when the command cannot run at all; data
/// problems are in the report's errors, and then nothing was written.
pub fn import(options: &ProjectionsOptions) -> Result<ImportReport, ImportError> {
    let shared = BlockOptions {
        root: &options.root,
        files: &options.files,
        areas: options.areas.as_deref(),
        dry_run: options.dry_run,
        source: options.source.as_deref(),
    };
    let data = OutlookData {
        period: options.period.clone(),
        ..OutlookData::default()
    };
    super::run_block_import(&shared, data)
}

impl BlockImporter for OutlookData {
    /// The period to write, if the files or the command line tell it.
    type Release = Option<String>;
    const BLOCK: Block = Block::Outlook;

    fn read_file(&mut self, path: &Path) -> Result<(), Vec<ImportError>> {
        read_file(path, self)
    }

    fn release(&self, report: &mut ImportReport) -> Option<Option<String>> {
        period(self, report)
    }

    fn label(period: &Option<String>) -> String {
        period.clone().unwrap_or_else(|| "period not stated".into())
    }

    fn default_source(&self) -> String {
        self.sources.join("; ")
    }

    fn found(&self) -> Found<'_> {
        Found {
            areas: &self.areas,
            codes: &self.codes,
            detailed: &self.detailed,
        }
    }

    fn plan(
        &self,
        period: &Option<String>,
        source: &str,
        profile: &Profile,
        targets: &[Target],
    ) -> Planned {
        BlockWriter {
            data: self,
            period: period.as_deref(),
            source,
        }
        .plan(profile, targets)
    }
}

fn read_file(path: &Path, data: &mut OutlookData) -> Result<(), Vec<ImportError>> {
    let is_header = |cells: &[String]| Columns::find(cells).is_some();
    let table = table::read(path, path, &is_header, Some(NATIONAL_SHEET)).map_err(|e| vec![e])?;
    let columns = Columns::find(&table.headers)
        .ok_or_else(|| vec![table.error("no projections columns".into())])?;
    let national = columns.national;
    if !national && columns.area.is_none() && columns.area_code.is_none() {
        return Err(vec![table.error(
            "this table has no area column, and it is not the BLS national table; add an \"Area Name\" column".into(),
        )]);
    }
    let thousands = national
        || table
            .above
            .iter()
            .chain(&table.headers)
            .any(|t| t.to_lowercase().contains("thousands"));
    let mut errors = Vec::new();
    let period = match table_period(&table, &columns) {
        Ok(period) => period,
        Err(e) => {
            errors.push(e);
            None
        }
    };
    data.periods.push((path.to_path_buf(), period));
    let source = if national {
        NATIONAL_SOURCE
    } else {
        STATE_SOURCE
    };
    if !data.sources.contains(&source) {
        data.sources.push(source);
    }
    for row in &table.rows {
        if let Err(e) = read_row(&table, &columns, thousands, row, data) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Where each column is, found by what the headers say.
#[derive(Debug)]
struct Columns {
    code: usize,
    occupation: Option<usize>,
    area: Option<usize>,
    area_code: Option<usize>,
    base: usize,
    projected: Option<usize>,
    percent: usize,
    openings: usize,
    base_year: Option<usize>,
    projected_year: Option<usize>,
    /// "Occupation type" of the national table: "Line item" or "Summary".
    kind: Option<usize>,
    /// The BLS national table (its headers name the National Employment Matrix).
    national: bool,
}

impl Columns {
    fn find(headers: &[String]) -> Option<Columns> {
        let h: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
        let first = |test: &dyn Fn(&str) -> bool| h.iter().position(|x| test(x));
        let is_any = |names: &'static [&'static str]| move |x: &str| names.contains(&x);
        let code = first(&|x| {
            x.contains("code") && !["area", "fips", "state"].iter().any(|w| x.contains(w))
        })?;
        let percent = first(&|x| {
            (x.contains("percent") && x.contains("change"))
                || x == "pchange"
                || x.contains("% change")
        })?;
        let openings =
            first(&|x| x.contains("openings") && (x.contains("annual") || x.contains("average")))
                .or_else(|| first(&|x| x.contains("openings")))?;
        let (base, projected) = employment_columns(&h)?;
        Some(Columns {
            code,
            occupation: first(&|x| {
                (x.contains("title") || x == "occupation name" || x == "occupation")
                    && !["area", "state"].iter().any(|w| x.contains(w))
            }),
            area: first(&is_any(&[
                "area name",
                "areaname",
                "area",
                "area title",
                "areatitle",
                "state",
                "state name",
            ])),
            area_code: first(&is_any(&[
                "stfips",
                "st fips",
                "fips",
                "area code",
                "areacode",
                "area fips",
            ])),
            base,
            projected,
            percent,
            openings,
            base_year: first(&is_any(&["base year", "baseyear"])),
            projected_year: first(&is_any(&[
                "projected year",
                "projyear",
                "projection year",
                "proj year",
            ])),
            kind: first(&is_any(&["occupation type"])),
            national: h.iter().any(|x| x.contains("national employment matrix")),
        })
    }
}

/// Base and projected employment: two "Employment, YEAR" headers (the
/// earlier year is the base), or headers saying base and projected.
fn employment_columns(h: &[String]) -> Option<(usize, Option<usize>)> {
    let mut dated: Vec<(u16, usize)> = h
        .iter()
        .enumerate()
        .filter(|(_, x)| {
            x.contains("employment")
                && !["change", "percent", "self", "year", "matrix"]
                    .iter()
                    .any(|w| x.contains(w))
        })
        .filter_map(|(i, x)| first_year(x).map(|y| (y, i)))
        .collect();
    dated.sort();
    if dated.len() >= 2 {
        return Some((dated[0].1, Some(dated[dated.len() - 1].1)));
    }
    let is_base = |x: &str| {
        !x.contains("year")
            && (x == "base" || x.starts_with("base ") || x.contains("estimated employment"))
    };
    let is_projected = |x: &str| {
        !x.contains("year")
            && (matches!(x, "projected" | "projection" | "proj")
                || x.starts_with("projected ")
                || x.contains("projected employment"))
    };
    let base = h.iter().position(|x| is_base(x))?;
    Some((base, h.iter().position(|x| is_projected(x))))
}

/// The first year (1990–2099) written in a text, standing on its own.
fn first_year(text: &str) -> Option<u16> {
    year_at(text).map(|(year, _)| year)
}

/// The first year in a text and the byte offset after it.
fn year_at(text: &str) -> Option<(u16, usize)> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let bounded = (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        let year: u16 = text.get(i..i + 4)?.parse().ok()?;
        (bounded && (1990..=2099).contains(&year)).then_some((year, i + 4))
    })
}

/// A range of years written `2023-33` or `2023-2033`.
fn year_range(text: &str) -> Option<Period> {
    let (start, after) = year_at(text)?;
    let rest = text[after..].strip_prefix('-')?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let end = match digits.len() {
        2 => {
            let short: u16 = digits.parse().ok()?;
            let end = start / 100 * 100 + short;
            if end < start {
                end + 100
            } else {
                end
            }
        }
        4 => digits.parse().ok()?,
        _ => return None,
    };
    (end > start).then_some((start, end))
}

/// The period a table covers: from the employment headers, a range in any
/// header, or the year columns (which must agree on every row).
fn table_period(table: &Table, columns: &Columns) -> Result<Option<Period>, ImportError> {
    let header = |i: usize| normalise_header(&table.headers[i]);
    if let (Some(base), Some(projected)) = (
        first_year(&header(columns.base)),
        columns.projected.and_then(|p| first_year(&header(p))),
    ) {
        if projected > base {
            return Ok(Some((base, projected)));
        }
    }
    if let Some(range) = table
        .headers
        .iter()
        .find_map(|h| year_range(&normalise_header(h)))
    {
        return Ok(Some(range));
    }
    let (Some(by), Some(py)) = (columns.base_year, columns.projected_year) else {
        return Ok(None);
    };
    let mut found: Option<(Period, &Row)> = None;
    for row in &table.rows {
        let (Some(b), Some(p)) = (
            first_year(table.cell(row, by)),
            first_year(table.cell(row, py)),
        ) else {
            continue;
        };
        match found {
            Some((period, _)) if period != (b, p) => {
                return Err(table.cell_error(
                    row,
                    by,
                    format!(
                    "this row covers {b}-{p}, the rows above {}-{}; import one period at a time",
                    period.0, period.1
                ),
                ))
            }
            None => found = Some(((b, p), row)),
            _ => {}
        }
    }
    Ok(found.map(|(period, _)| period))
}

fn read_row(
    table: &Table,
    columns: &Columns,
    thousands: bool,
    row: &Row,
    data: &mut OutlookData,
) -> Result<(), ImportError> {
    let code_text = table.cell(row, columns.code);
    if code_text.is_empty() {
        return Ok(());
    }
    let soc = codes::soc(code_text).ok_or_else(|| {
        table.cell_error(
            row,
            columns.code,
            format!("`{code_text}` is not a SOC code"),
        )
    })?;
    let (code, title) = area_of(table, columns, row);
    if code.is_empty() {
        return Err(table.cell_error(
            row,
            columns.area.or(columns.area_code).unwrap_or(0),
            "the area is empty".into(),
        ));
    }
    let area = data.areas.add(&code, &title);
    // Figures leave here as they will be written: jobs (not thousands),
    // growth with at least one decimal. Only growth can be negative.
    let number = |column: usize, write: &dyn Fn(&str) -> String, signed: bool| {
        let text = table.cell(row, column);
        let error = |message: String| Err(table.cell_error(row, column, message));
        match codes::figure(text) {
            Some(Figure::Number(n)) if !signed && codes::is_negative(&n) => error(format!(
                "`{text}` is negative: a count of jobs cannot be below zero"
            )),
            Some(Figure::Number(n)) => {
                let n = write(&n);
                match codes::inexact(&n) {
                    Some(why) => error(format!(
                        "`{}` cannot be published as written: {why}",
                        codes::abbreviated(text)
                    )),
                    None => Ok(Figure::Number(n)),
                }
            }
            Some(Figure::TopCoded) | None => {
                error(format!("`{}` is not a number", codes::abbreviated(text)))
            }
            Some(figure) => Ok(figure),
        }
    };
    let jobs = |n: &str| match thousands {
        true => codes::thousands(n),
        false => n.to_string(),
    };
    let outlook = Outlook {
        employment: number(columns.base, &jobs, false)?,
        growth: number(columns.percent, &|n| codes::decimals(n, 1, 6), true)?,
        openings: number(columns.openings, &jobs, false)?,
    };
    if soc == ALL_OCCUPATIONS {
        data.all.insert(area.clone(), outlook.growth.clone());
    }
    let place = table.at(row, columns.code).to_string();
    match data.outlook.get(&(area.clone(), soc.clone())) {
        Some((earlier, at)) if *earlier != outlook => Err(table.cell_error(
            row,
            columns.code,
            format!("a second row for {soc} in area {title} with other figures (the first: {at})"),
        )),
        Some(_) => Ok(()),
        None => {
            let kind = columns.kind.map_or("", |c| table.cell(row, c));
            if kind.eq_ignore_ascii_case("line item")
                || (kind.is_empty() && codes::is_detailed(&soc))
            {
                let title = columns.occupation.map_or("", |c| table.cell(row, c));
                data.detailed
                    .entry(soc.clone())
                    .or_insert_with(|| title.to_string());
            }
            data.codes.insert(soc.clone());
            data.outlook.insert((area, soc), (outlook, place));
            Ok(())
        }
    }
}

/// The area of a row: the United States in the national table, else the
/// area code (if any) and name columns.
fn area_of(table: &Table, columns: &Columns, row: &Row) -> (String, String) {
    if columns.national && columns.area.is_none() && columns.area_code.is_none() {
        return ("US".into(), "United States".into());
    }
    let name = columns.area.map(|c| table.cell(row, c).to_string());
    let code = columns.area_code.map(|c| table.cell(row, c).to_string());
    match (code, name) {
        (Some(code), Some(name)) => (code, name),
        (Some(code), None) => (code.clone(), code),
        (None, Some(name)) => (name.clone(), name),
        (None, None) => (String::new(), String::new()),
    }
}

/// The period of the run: `--period`, or the one period all files cover
/// (`Some(None)` when none says it). `None` after an error.
fn period(data: &OutlookData, report: &mut ImportReport) -> Option<Option<String>> {
    if let Some(period) = &data.period {
        return Some(Some(period.clone()));
    }
    let distinct: BTreeSet<Period> = data.periods.iter().filter_map(|(_, p)| *p).collect();
    match distinct.len() {
        0 => {
            report
                .warnings
                .push("no file names its period; give it with --period 2023-2033".into());
            Some(None)
        }
        1 => Some(distinct.first().map(|(b, p)| format!("{b}-{p}"))),
        _ => {
            let each: Vec<String> = data
                .periods
                .iter()
                .filter_map(|(f, p)| p.map(|(b, e)| format!("{b}-{e} in {}", f.display())))
                .collect();
            report.errors.push(ImportError::Usage(format!(
                "the files cover different periods ({}); say which period to show with --period",
                each.join(", ")
            )));
            None
        }
    }
}

/// Writes a profile's `outlook` block from the data.
struct BlockWriter<'a> {
    data: &'a OutlookData,
    period: Option<&'a str>,
    source: &'a str,
}

impl BlockWriter<'_> {
    fn plan(&self, profile: &Profile, targets: &[Target]) -> Planned {
        let soc = profile.soc().to_string();
        let rows: Vec<(&Target, Option<&Outlook>)> = targets
            .iter()
            .map(|t| {
                (
                    t,
                    self.data
                        .outlook
                        .get(&(t.code.clone(), soc.clone()))
                        .map(|(o, _)| o),
                )
            })
            .collect();
        if rows.iter().all(|(_, o)| o.is_none()) {
            return Planned::NoData;
        }
        let mut text = format!("outlook:\n  source: {}\n", scalar(self.source));
        if let Some(period) = self.period {
            text.push_str(&format!("  period: {}\n", quoted(period)));
        }
        text.push_str("  areas:\n");
        for (target, outlook) in rows {
            text.push_str(&super::area_lines(target));
            let get =
                |f: fn(&Outlook) -> &Figure| outlook.map_or("null".to_string(), |o| value(f(o)));
            let all = self
                .data
                .all
                .get(&target.code)
                .map_or("null".to_string(), value);
            text.push_str(&format!(
                "      employment: {}\n      growth: {}\n      growth_all: {all}\n      openings: {}\n",
                get(|o| &o.employment),
                get(|o| &o.growth),
                get(|o| &o.openings),
            ));
        }
        Planned::Block(text)
    }
}

fn value(figure: &Figure) -> String {
    match figure {
        Figure::Number(n) => n.clone(),
        _ => "null".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn finds_the_national_table_columns_and_period() {
        let h = headers(&[
            "2023 National Employment Matrix title",
            "2023 National Employment Matrix code",
            "Employment, 2023",
            "Employment, 2033",
            "Employment change, numeric, 2023–33",
            "Employment change, percent, 2023–33",
            "Percent self employed, 2023",
            "Occupational openings, 2023–33 annual average",
        ]);
        let c = Columns::find(&h).unwrap();
        assert_eq!(
            (c.code, c.base, c.projected, c.percent, c.openings),
            (1, 2, Some(3), 5, 7)
        );
        assert!(c.national);
        assert_eq!(
            year_range("employment change, percent, 2023-33"),
            Some((2023, 2033))
        );
        assert_eq!(year_range("2095-05"), Some((2095, 2105)));
    }

    #[test]
    fn finds_state_table_columns() {
        let h = headers(&[
            "Area Name",
            "Occupation Code",
            "Occupation Name",
            "Base Year",
            "Base",
            "Projected Year",
            "Projection",
            "Change",
            "Percent Change",
            "Average Annual Openings",
        ]);
        let c = Columns::find(&h).unwrap();
        assert_eq!(
            (c.area, c.code, c.base, c.projected, c.percent, c.openings),
            (Some(0), 1, 4, Some(6), 8, 9)
        );
        assert_eq!((c.base_year, c.projected_year), (Some(3), Some(5)));
        assert!(!c.national);
        let rest = headers(&[
            "STFIPS",
            "Area",
            "OccCode",
            "Title",
            "BaseYear",
            "Base",
            "ProjYear",
            "Projected",
            "Change",
            "PercentChange",
            "AvgAnnualOpenings",
        ]);
        let c = Columns::find(&rest).unwrap();
        assert_eq!(
            (c.area_code, c.area, c.code, c.percent, c.openings),
            (Some(0), Some(1), 2, 9, 10)
        );
    }
}
