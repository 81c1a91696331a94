//! `careers import oews`: wages from BLS Occupational Employment and Wage
//! Statistics (OEWS) files into each profile's `wages` block.
//!
//! Reads the national, state, metropolitan and all-data files as BLS
//! publishes them (`.xlsx`) or as saved to `.csv`, in the layouts of every
//! release: columns are found by name without regard to case, with the
//! names older releases use (`AREA_NAME`, `OCC_GROUP`); a national file
//! without area columns is the United States. Only cross-industry rows for
//! all ownerships are read. `*` and `**` are not published, `#` is
//! top-coded (at least 115.00 an hour or 239,200 a year from the May 2022
//! release, 100.00 and 208,000 before), and rows with ANNUAL or HOURLY set
//! publish only one of the two. The block written has `hourly` and
//! `yearly` rows; `monthly` is left for the build to derive.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::areas::{FileAreas, Target};
use super::codes::{self, Figure};
use super::profiles::{Block, Profile};
use super::splice::scalar;
use super::table::{self, normalise_header, Row, Table};
use super::{BlockImporter, BlockOptions, Found, ImportError, ImportReport, Planned};

/// What `careers import oews` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct OewsOptions {
    pub root: PathBuf,
    pub files: Vec<PathBuf>,
    pub areas: Option<PathBuf>,
    pub dry_run: bool,
    /// The release, such as "May 2023", when the file names do not tell it.
    pub as_of: Option<String>,
    pub source: Option<String>,
}

pub const DEFAULT_SOURCE: &str = "BLS Occupational Employment and Wage Statistics";

const PERCENTILES: [&str; 5] = ["pct10", "pct25", "median", "pct75", "pct90"];

/// Top-coding thresholds: (hourly, yearly), by release.
const TOP_CODE_FROM_2022: (&str, &str) = ("115.00", "239200");
const TOP_CODE_BEFORE_2022: (&str, &str) = ("100.00", "208000");

/// One area's wages for one occupation.
#[derive(Debug, Clone, PartialEq)]
struct Wages {
    hourly: [Figure; 5],
    yearly: [Figure; 5],
}

/// Everything read from the files.
#[derive(Debug, Default)]
struct WageData {
    areas: FileAreas,
    /// (area code, SOC code) → wages, with where the row was.
    wages: HashMap<(String, String), (Wages, String)>,
    codes: BTreeSet<String>,
    /// Detailed occupations → their titles.
    detailed: BTreeMap<String, String>,
    /// The release year each file's name or sheet tells, if any.
    years: Vec<(PathBuf, Option<u16>)>,
    top_coded: bool,
    /// `--as-of`, when given.
    as_of: Option<String>,
}

/// Runs the import. `Err` only when the command cannot run at all; data
/// problems are in the report's errors, and then nothing was written.
pub fn import(options: &OewsOptions) -> Result<ImportReport, ImportError> {
    let shared = BlockOptions {
        root: &options.root,
        files: &options.files,
        areas: options.areas.as_deref(),
        dry_run: options.dry_run,
        source: options.source.as_deref(),
    };
    let data = WageData {
        as_of: options.as_of.clone(),
        ..WageData::default()
    };
    super::run_block_import(&shared, data)
}

impl BlockImporter for WageData {
    type Release = Release;
    const BLOCK: Block = Block::Wages;

    fn read_file(&mut self, path: &Path) -> Result<(), Vec<ImportError>> {
        read_file(path, self)
    }

    fn release(&self, report: &mut ImportReport) -> Option<Release> {
        release(self.as_of.as_deref(), self)
            .map_err(|err| report.errors.push(err))
            .ok()
    }

    fn label(release: &Release) -> String {
        release.label.clone()
    }

    fn default_source(&self) -> String {
        DEFAULT_SOURCE.into()
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
        release: &Release,
        source: &str,
        profile: &Profile,
        targets: &[Target],
    ) -> Planned {
        BlockWriter {
            data: self,
            release,
            source,
        }
        .plan(profile, targets)
    }
}

fn read_file(path: &Path, data: &mut WageData) -> Result<(), Vec<ImportError>> {
    // Both names, so that a "Field Descriptions" sheet listing them is not taken.
    let is_header = |cells: &[String]| {
        let names: Vec<String> = cells.iter().map(|c| normalise_header(c)).collect();
        ["occ_code", "a_median"]
            .iter()
            .all(|n| names.iter().any(|c| c == n))
    };
    let table = table::read(path, path, &is_header, None).map_err(|e| vec![e])?;
    let columns = Columns::find(&table).map_err(|e| vec![e])?;
    let year = release_year(path, table.sheet.as_deref());
    data.years.push((path.to_path_buf(), year));
    let mut errors = Vec::new();
    for row in &table.rows {
        if let Err(e) = read_row(&table, &columns, row, data) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Where each column is in one file.
struct Columns {
    code: usize,
    occupation: Option<usize>,
    area: Option<usize>,
    title: Option<usize>,
    group: Option<usize>,
    hourly: [usize; 5],
    yearly: [usize; 5],
    annual_only: Option<usize>,
    hourly_only: Option<usize>,
    naics: Option<usize>,
    i_group: Option<usize>,
    own_code: Option<usize>,
}

impl Columns {
    fn find(table: &Table) -> Result<Columns, ImportError> {
        let mut missing = Vec::new();
        let mut need = |name: String| {
            table.column(&[name.as_str()]).unwrap_or_else(|| {
                missing.push(name.to_uppercase());
                0
            })
        };
        let code = need("occ_code".into());
        let hourly = PERCENTILES.map(|p| need(format!("h_{p}")));
        let yearly = PERCENTILES.map(|p| need(format!("a_{p}")));
        if !missing.is_empty() {
            return Err(table.error(format!(
                "this is not an OEWS table: it has no column {}",
                missing.join(", ")
            )));
        }
        Ok(Columns {
            code,
            occupation: table.column(&["occ_title"]),
            area: table.column(&["area"]),
            title: table.column(&["area_title", "area_name", "state"]),
            group: table.column(&["o_group", "occ_group", "group"]),
            hourly,
            yearly,
            annual_only: table.column(&["annual"]),
            hourly_only: table.column(&["hourly"]),
            naics: table.column(&["naics"]),
            i_group: table.column(&["i_group"]),
            own_code: table.column(&["own_code"]),
        })
    }

    /// Cross-industry rows for all ownerships; industry and ownership
    /// breakdowns of the all-data file are left out.
    fn is_cross_industry(&self, table: &Table, row: &Row) -> bool {
        let is = |column: Option<usize>, wanted: &[&str]| {
            column.is_none_or(|c| {
                let text = table.cell(row, c).to_lowercase();
                wanted.contains(&text.as_str())
            })
        };
        is(self.naics, &["000000", "0", ""])
            && is(self.i_group, &["cross-industry", ""])
            && is(self.own_code, &["1235", ""])
    }
}

fn read_row(
    table: &Table,
    columns: &Columns,
    row: &Row,
    data: &mut WageData,
) -> Result<(), ImportError> {
    let code_text = table.cell(row, columns.code);
    if code_text.is_empty() || !columns.is_cross_industry(table, row) {
        return Ok(());
    }
    let soc = codes::soc(code_text).ok_or_else(|| {
        table.cell_error(
            row,
            columns.code,
            format!("`{code_text}` is not a SOC code"),
        )
    })?;
    let (code, title) = match columns.area {
        Some(c) => {
            let code = table.cell(row, c);
            let title = columns.title.map_or(code, |t| table.cell(row, t));
            (code, title)
        }
        None => ("99", "U.S."),
    };
    let area = data.areas.add(code, title);
    let wages = read_wages(table, columns, row)?;
    data.top_coded |= wages
        .hourly
        .iter()
        .chain(&wages.yearly)
        .any(|f| *f == Figure::TopCoded);
    let place = table.at(row, columns.code).to_string();
    if let Some((earlier, at)) = data.wages.get(&(area.clone(), soc.clone())) {
        if *earlier != wages {
            return Err(table.cell_error(
                row,
                columns.code,
                format!(
                    "a second row for {soc} in area {title} with other figures (the first: {at})"
                ),
            ));
        }
        return Ok(());
    }
    let group = columns.group.map_or("", |c| table.cell(row, c));
    if group.eq_ignore_ascii_case("detailed") || (group.is_empty() && codes::is_detailed(&soc)) {
        let title = columns.occupation.map_or("", |c| table.cell(row, c));
        data.detailed
            .entry(soc.clone())
            .or_insert_with(|| title.to_string());
    }
    data.codes.insert(soc.clone());
    data.wages.insert((area, soc), (wages, place));
    Ok(())
}

fn read_wages(table: &Table, columns: &Columns, row: &Row) -> Result<Wages, ImportError> {
    let flag = |column: Option<usize>| {
        column.is_some_and(|c| table.cell(row, c).eq_ignore_ascii_case("true"))
    };
    // Figures leave here as they will be written: hourly with cents,
    // yearly in whole dollars unless the file gives cents.
    let read = |cols: [usize; 5], hourly: bool| -> Result<[Figure; 5], ImportError> {
        let mut out: [Figure; 5] = std::array::from_fn(|_| Figure::NotPublished);
        for (slot, column) in out.iter_mut().zip(cols) {
            let text = table.cell(row, column);
            let error = |message: String| table.cell_error(row, column, message);
            *slot = match codes::figure(text) {
                None => {
                    return Err(error(format!(
                        "`{}` is not a wage: OEWS files have numbers, `*`, `**` or `#` here",
                        codes::abbreviated(text)
                    )))
                }
                Some(Figure::Number(n)) => {
                    if codes::is_negative(&n) {
                        return Err(error(format!(
                            "`{text}` is negative: a wage cannot be below zero"
                        )));
                    }
                    let n = if hourly {
                        codes::decimals(&n, 2, 2)
                    } else {
                        codes::decimals(&n, 0, 2)
                    };
                    if let Some(why) = codes::inexact(&n) {
                        return Err(error(format!(
                            "`{}` cannot be published as written: {why}",
                            codes::abbreviated(text)
                        )));
                    }
                    Figure::Number(n)
                }
                Some(other) => other,
            };
        }
        Ok(out)
    };
    let none = || std::array::from_fn(|_| Figure::NotPublished);
    let hourly = if flag(columns.annual_only) {
        none()
    } else {
        read(columns.hourly, true)?
    };
    let yearly = if flag(columns.hourly_only) {
        none()
    } else {
        read(columns.yearly, false)?
    };
    Ok(Wages { hourly, yearly })
}

/// The release a file is from, as its name or sheet tells it:
/// `national_M2018_dl.xlsx`, `all_data_M_2023.xlsx`, a sheet "All May 2023 data".
fn release_year(path: &Path, sheet: Option<&str>) -> Option<u16> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    first_year(&name).or_else(|| sheet.and_then(first_year))
}

fn first_year(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let digits = &bytes[i..i + 4];
        let bounded = (i == 0 || !bytes[i - 1].is_ascii_digit())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
        let year: u16 = std::str::from_utf8(digits).ok()?.parse().ok()?;
        (bounded && (1997..=2099).contains(&year)).then_some(year)
    })
}

/// The release of the whole run: `as_of` and the top-coding thresholds.
#[derive(Debug, Clone)]
struct Release {
    label: String,
    top_code: Option<(&'static str, &'static str)>,
}

fn release(as_of: Option<&str>, data: &WageData) -> Result<Release, ImportError> {
    let (label, year) = match as_of {
        Some(as_of) => (as_of.to_string(), first_year(as_of)),
        None => {
            let year = one_year(&data.years)?;
            (format!("May {year}"), Some(year))
        }
    };
    let top_code = year.map(|y| {
        if y >= 2022 {
            TOP_CODE_FROM_2022
        } else {
            TOP_CODE_BEFORE_2022
        }
    });
    if data.top_coded && top_code.is_none() {
        return Err(ImportError::Usage(format!(
            "the files have top-coded wages (#), and `{label}` names no year to tell the threshold by; give the release as --as-of \"May 2023\""
        )));
    }
    Ok(Release { label, top_code })
}

fn one_year(years: &[(PathBuf, Option<u16>)]) -> Result<u16, ImportError> {
    if let Some((file, _)) = years.iter().find(|(_, y)| y.is_none()) {
        return Err(ImportError::Usage(format!(
            "cannot tell which release {} is from (its name has no year); give it as --as-of \"May 2023\"",
            file.display()
        )));
    }
    let distinct: BTreeMap<u16, &PathBuf> = years
        .iter()
        .filter_map(|(f, y)| y.map(|y| (y, f)))
        .collect();
    match distinct.len() {
        1 => Ok(*distinct.keys().next().unwrap_or(&0)),
        0 => Err(ImportError::Usage("no files to import".into())),
        _ => Err(ImportError::Usage(format!(
            "the files are from different releases ({}); import one release at a time, or give --as-of",
            distinct
                .iter()
                .map(|(y, f)| format!("May {y}: {}", f.display()))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Writes a profile's `wages` block from the data.
struct BlockWriter<'a> {
    data: &'a WageData,
    release: &'a Release,
    source: &'a str,
}

impl BlockWriter<'_> {
    fn plan(&self, profile: &Profile, targets: &[Target]) -> Planned {
        let soc = profile.soc();
        let rows: Vec<(&Target, Option<&Wages>)> = targets
            .iter()
            .map(|t| {
                (
                    t,
                    self.data
                        .wages
                        .get(&(t.code.clone(), soc.to_string()))
                        .map(|(w, _)| w),
                )
            })
            .collect();
        if rows.iter().all(|(_, w)| w.is_none()) {
            return Planned::NoData;
        }
        let mut text = format!(
            "wages:\n  source: {}\n  as_of: {}\n  areas:\n",
            scalar(self.source),
            super::splice::quoted(&self.release.label)
        );
        for (target, wages) in rows {
            text.push_str(&super::area_lines(target));
            let (hourly, yearly) = match wages {
                Some(w) => (self.row(&w.hourly, true), self.row(&w.yearly, false)),
                None => (NULL_ROW.to_string(), NULL_ROW.to_string()),
            };
            text.push_str(&format!("      hourly: {hourly}\n      yearly: {yearly}\n"));
        }
        Planned::Block(text)
    }

    fn row(&self, figures: &[Figure; 5], hourly: bool) -> String {
        let entries: Vec<String> = figures
            .iter()
            .map(|figure| match figure {
                Figure::Number(n) => n.clone(),
                Figure::NotPublished => "null".into(),
                Figure::TopCoded => {
                    let (h, y) = self.release.top_code.unwrap_or(TOP_CODE_FROM_2022);
                    format!("\">={}\"", if hourly { h } else { y })
                }
            })
            .collect();
        format!("[{}]", entries.join(", "))
    }
}

const NULL_ROW: &str = "[null, null, null, null, null]";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_release_from_file_and_sheet_names() {
        let year =
            |name: &str, sheet: Option<&str>| release_year(std::path::Path::new(name), sheet);
        assert_eq!(year("national_M2018_dl.xlsx", None), Some(2018));
        assert_eq!(year("all_data_M_2023.xlsx", None), Some(2023));
        assert_eq!(year("data.xlsx", Some("All May 2023 data")), Some(2023));
        assert_eq!(year("oes_12345678.csv", None), None);
    }
}
