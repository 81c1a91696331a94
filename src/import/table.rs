//! Reading the published data files as tables of text cells.
//!
//! A spreadsheet (`.xlsx`, `.xls`, `.ods`, read with calamine) or a
//! delimited text file (`.csv`, or O*NET's tab-separated `.txt`, read with
//! the csv crate) becomes a [`Table`]: the header row, found by a test the
//! caller gives (real releases put titles and notes above it), and the rows
//! below it, each with its row or line number so that every problem can be
//! pointed at. Cells are plain text; what a cell means is for the callers
//! (`oews`, `projections`, `onet`). Nothing here knows a release's columns.

use std::fmt;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};

use super::ImportError;

/// How many rows above the header row a release may have (titles, notes).
const MAX_HEADER_ROW: usize = 30;

/// One sheet or text file, from its header row down.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file as the editor named it.
    pub file: PathBuf,
    /// The sheet of a workbook; `None` for text files.
    pub sheet: Option<String>,
    /// The text of the rows above the header row (table titles, unit notes).
    pub above: Vec<String>,
    /// Header cells, as written.
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

/// A data row: its number in the file (1-based row or line) and its cells.
#[derive(Debug, Clone)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<String>,
}

/// Where a cell is, for messages: file, sheet, row and column with its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRef {
    pub file: PathBuf,
    pub sheet: Option<String>,
    pub row: usize,
    /// 0-based column index.
    pub column: usize,
    pub header: String,
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.sheet {
            Some(sheet) => write!(
                f,
                "{} (sheet `{sheet}`), row {}, column {} ({})",
                self.file.display(),
                self.row,
                column_letters(self.column),
                self.header
            ),
            None => write!(
                f,
                "{}, line {}, column {} ({})",
                self.file.display(),
                self.row,
                self.column + 1,
                self.header
            ),
        }
    }
}

/// Spreadsheet column name: 0 → A, 25 → Z, 26 → AA.
fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A header as compared: lower case, dashes made plain, spaces folded.
pub fn normalise_header(text: &str) -> String {
    text.replace(['\u{2013}', '\u{2014}'], "-")
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Table {
    /// The first column whose normalised header is one of `names`.
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|name| {
            self.headers
                .iter()
                .position(|h| normalise_header(h) == *name)
        })
    }

    /// A cell's text, trimmed; empty when the row is short.
    pub fn cell<'a>(&self, row: &'a Row, column: usize) -> &'a str {
        row.cells.get(column).map_or("", |c| c.trim())
    }

    pub fn at(&self, row: &Row, column: usize) -> CellRef {
        CellRef {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row: row.number,
            column,
            header: self.headers.get(column).cloned().unwrap_or_default(),
        }
    }

    /// An error about one cell.
    pub fn cell_error(&self, row: &Row, column: usize, message: String) -> ImportError {
        ImportError::Cell {
            at: self.at(row, column),
            message,
        }
    }

    /// An error about the whole table.
    pub fn error(&self, message: String) -> ImportError {
        let file = match &self.sheet {
            Some(sheet) => PathBuf::from(format!("{} (sheet `{sheet}`)", self.file.display())),
            None => self.file.clone(),
        };
        ImportError::File {
            path: file,
            message,
        }
    }
}

const WORKBOOKS: [&str; 5] = ["xlsx", "xlsm", "xls", "xlsb", "ods"];

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .unwrap_or_default()
}

/// Only spreadsheets and CSV files can be read as tables.
pub fn check_extension(path: &Path) -> Result<(), ImportError> {
    let extension = extension(path);
    if extension == "csv" || WORKBOOKS.contains(&extension.as_str()) {
        return Ok(());
    }
    Err(ImportError::Usage(format!(
        "{}: import reads .xlsx and .csv files (and .xls, .ods); save the table as one of those",
        path.display()
    )))
}

/// Reads a spreadsheet or CSV file. `is_header` tells the header row among
/// the first rows; in a workbook, the preferred sheet is read if it has one,
/// else the first sheet that has one.
pub fn read(
    path: &Path,
    display: &Path,
    is_header: &dyn Fn(&[String]) -> bool,
    prefer_sheet: Option<&str>,
) -> Result<Table, ImportError> {
    check_extension(display)?;
    if extension(path) != "csv" {
        return read_workbook(path, display, is_header, prefer_sheet);
    }
    let rows = read_delimited(path, display, b',', true)?;
    from_rows(display, None, rows, is_header).ok_or_else(|| no_header(display, None))
}

fn no_header(display: &Path, sheet: Option<&str>) -> ImportError {
    let where_ = match sheet {
        Some(sheet) => format!(" of sheet `{sheet}`"),
        None => String::new(),
    };
    ImportError::File {
        path: display.to_path_buf(),
        message: format!(
            "no header row with the expected columns in the first {MAX_HEADER_ROW} rows{where_}; is this the right file?"
        ),
    }
}

fn read_workbook(
    path: &Path,
    display: &Path,
    is_header: &dyn Fn(&[String]) -> bool,
    prefer_sheet: Option<&str>,
) -> Result<Table, ImportError> {
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| ImportError::Read {
        path: display.to_path_buf(),
        message: e.to_string(),
    })?;
    let mut names = workbook.sheet_names();
    if let Some(prefer) = prefer_sheet {
        if let Some(i) = names
            .iter()
            .position(|n| n.trim().eq_ignore_ascii_case(prefer))
        {
            let preferred = names.remove(i);
            names.insert(0, preferred);
        }
    }
    for name in &names {
        let range = workbook
            .worksheet_range(name)
            .map_err(|e| ImportError::Read {
                path: display.to_path_buf(),
                message: format!("sheet `{name}`: {e}"),
            })?;
        if let Some(table) = from_rows(display, Some(name), sheet_rows(&range), is_header) {
            return Ok(table);
        }
    }
    Err(no_header(display, None))
}

/// A sheet's rows as text, numbered as the spreadsheet numbers them.
fn sheet_rows(range: &calamine::Range<Data>) -> Vec<Row> {
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut text: Vec<String> = vec![String::new(); first_column as usize];
            text.extend(cells.iter().map(cell_text));
            Row {
                number: first_row as usize + i + 1,
                cells: text,
            }
        })
        .collect()
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::Bool(true) => "TRUE".to_string(),
        Data::Bool(false) => "FALSE".to_string(),
        // Display gives the shortest text that reads back as the same number:
        // 15.2, not 15.199999999999999; 292072, not 292072.0.
        other => other.to_string(),
    }
}

/// Splits rows into the header and what follows, if the header is found.
fn from_rows(
    display: &Path,
    sheet: Option<&str>,
    rows: Vec<Row>,
    is_header: &dyn Fn(&[String]) -> bool,
) -> Option<Table> {
    let header_at = rows
        .iter()
        .take(MAX_HEADER_ROW)
        .position(|row| is_header(&row.cells))?;
    let mut rows = rows;
    let data = rows.split_off(header_at + 1);
    let header = rows.pop()?;
    let above = rows
        .into_iter()
        .map(|r| r.cells.join(" ").trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    Some(Table {
        file: display.to_path_buf(),
        sheet: sheet.map(str::to_string),
        above,
        headers: header.cells.iter().map(|c| c.trim().to_string()).collect(),
        rows: data,
    })
}

/// Reads a tab-separated file whose first line is the header (O*NET's text files).
pub fn read_tsv(path: &Path, display: &Path) -> Result<Table, ImportError> {
    let rows = read_delimited(path, display, b'\t', false)?;
    from_rows(display, None, rows, &|cells| !cells.is_empty()).ok_or_else(|| ImportError::File {
        path: display.to_path_buf(),
        message: "the file is empty".into(),
    })
}

/// Reads delimited text. Files saved by spreadsheet programs are often not
/// UTF-8: such rows are read as Windows-1252, the usual alternative.
fn read_delimited(
    path: &Path,
    display: &Path,
    delimiter: u8,
    quoting: bool,
) -> Result<Vec<Row>, ImportError> {
    let read_error = |message: String| ImportError::Read {
        path: display.to_path_buf(),
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .quoting(quoting)
        .from_path(path)
        .map_err(|e| read_error(e.to_string()))?;
    let mut rows = Vec::new();
    for record in reader.byte_records() {
        let record = record.map_err(|e| read_error(e.to_string()))?;
        let number = record
            .position()
            .map_or(rows.len() + 1, |p| p.line() as usize);
        let mut cells: Vec<String> = record.iter().map(decode).collect();
        if rows.is_empty() {
            if let Some(first) = cells.first_mut() {
                *first = first.trim_start_matches('\u{feff}').to_string();
            }
        }
        rows.push(Row { number, cells });
    }
    Ok(rows)
}

fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

/// One byte of Windows-1252. Only the characters that published tables use
/// in the 0x80–0x9F range are mapped; the rest of that range is kept as is.
fn windows_1252(byte: u8) -> char {
    match byte {
        0x85 => '…',
        0x91 => '\u{2018}',
        0x92 => '\u{2019}',
        0x93 => '\u{201c}',
        0x94 => '\u{201d}',
        0x96 => '\u{2013}',
        0x97 => '\u{2014}',
        0xae => '®',
        other => other as char,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_columns_as_spreadsheets_do() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
    }

    #[test]
    fn headers_compare_without_case_dashes_or_line_breaks() {
        assert_eq!(
            normalise_header("Employment change,\n percent, 2023\u{2013}33"),
            "employment change, percent, 2023-33"
        );
    }

    #[test]
    fn finds_the_header_below_title_rows() {
        let rows = vec![
            Row {
                number: 1,
                cells: vec!["Table 1.2".into()],
            },
            Row {
                number: 2,
                cells: vec![],
            },
            Row {
                number: 3,
                cells: vec!["OCC_CODE".into(), "H_MEDIAN".into()],
            },
            Row {
                number: 4,
                cells: vec!["29-2071".into(), "20.91".into()],
            },
        ];
        let table = from_rows(Path::new("x.csv"), None, rows, &|cells: &[String]| {
            cells.iter().any(|c| c == "OCC_CODE")
        })
        .unwrap();
        assert_eq!(table.above, vec!["Table 1.2"]);
        assert_eq!(table.column(&["h_median"]), Some(1));
        assert_eq!(table.rows[0].number, 4);
        assert_eq!(
            table.at(&table.rows[0], 1).to_string(),
            "x.csv, line 4, column 2 (H_MEDIAN)"
        );
    }

    #[test]
    fn reads_windows_1252_text() {
        assert_eq!(decode(b"2018\x9628"), "2018\u{2013}28");
        assert_eq!(decode("2018–28".as_bytes()), "2018–28");
    }
}
