//! Reading the published data files as tables of text cells.
//!
//! A workbook (`.xlsx`, `.xlsm`, read with calamine) or a delimited text
//! file (`.csv`, or O*NET's tab-separated `.txt`, read with the csv crate)
//! becomes a [`Table`]: the header row, found by a test the caller gives
//! (real releases put titles and notes above it), and the rows below it,
//! each with its row or line number so that every problem can be pointed
//! at. Cells are plain text; what a cell means is for the callers (`oews`,
//! `projections`, `onet`). Nothing here knows a release's columns.
//!
//! Files are not trusted to be small. A workbook is a zip archive: the size
//! its parts unpack to is checked before calamine opens it, first as the
//! archive declares it and then by unpacking it through a limited reader (a
//! small zip can unpack to gigabytes). A sheet is streamed cell by cell
//! rather than read into calamine's dense grid, whose size is rows × columns
//! of the furthest cell (cells A1 and XFD1048576 made it 512 GB); its
//! dimension record, and then the cells themselves, are counted against
//! [`LIMITS`]. `.xls`, `.xlsb` and `.ods` are not read: calamine builds their
//! grids whole when it opens the file, before any of this can be checked.

use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

use calamine::{Data, DataRef, Reader, Xlsx};

use super::ImportError;

/// How many rows above the header row a release may have (titles, notes).
const MAX_HEADER_ROW: usize = 30;

/// How much of a file import reads before it stops with an error.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Cells in a table, counting the empty ones between written cells.
    pub cells: u64,
    /// Bytes of cell text in a table.
    pub text: u64,
    /// Bytes a workbook's parts unpack to, all together.
    pub unpacked: u64,
    /// Bytes any part other than a sheet unpacks to (calamine keeps the
    /// shared strings, styles and workbook parts in memory whole).
    pub part: u64,
}

/// 20 million cells is 625,000 rows of 32 columns, the width of an OEWS
/// table; its text and XML fit well within the byte limits. Together the
/// limits keep an import's memory to a few hundred megabytes, whatever the
/// file.
pub const LIMITS: Limits = Limits {
    cells: 20_000_000,
    text: 512 << 20,
    unpacked: 2 << 30,
    part: 128 << 20,
};

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
/// The cells are kept as one text and where each ends: a table can have
/// millions of cells, and a `String` each would triple its memory.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub number: usize,
    text: String,
    ends: Vec<u32>,
}

impl Row {
    /// A row of the given cells (for tests and header rows).
    #[cfg(test)]
    pub fn new(number: usize, cells: &[&str]) -> Row {
        let mut row = Row {
            number,
            ..Row::default()
        };
        for cell in cells {
            row.text.push_str(cell);
            row.end_cell();
        }
        row
    }

    /// The text of a cell; `None` beyond the last.
    pub fn get(&self, column: usize) -> Option<&str> {
        let end = *self.ends.get(column)? as usize;
        let start = match column {
            0 => 0,
            _ => *self.ends.get(column - 1)? as usize,
        };
        self.text.get(start..end)
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn cells(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).filter_map(|c| self.get(c))
    }

    /// Closes the cell whose text was pushed last. The text of a row is
    /// below [`Limits::text`], so its offsets fit in 32 bits.
    fn end_cell(&mut self) {
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }
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
        row.get(column).map_or("", str::trim)
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

const WORKBOOKS: [&str; 2] = ["xlsx", "xlsm"];

/// Workbook formats calamine reads, but only by building every sheet's
/// grid whole, so that their size cannot be checked first.
const UNCHECKED_WORKBOOKS: [&str; 3] = ["xls", "xlsb", "ods"];

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
    let why = match UNCHECKED_WORKBOOKS.contains(&extension.as_str()) {
        true => format!(" (.{extension} files cannot be checked for size before they are read)"),
        false => String::new(),
    };
    Err(ImportError::Usage(format!(
        "{}: import reads .xlsx and .csv files{why}; save the table as one of those",
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
    read_within(path, display, is_header, prefer_sheet, &LIMITS)
}

fn read_within(
    path: &Path,
    display: &Path,
    is_header: &dyn Fn(&[String]) -> bool,
    prefer_sheet: Option<&str>,
    limits: &Limits,
) -> Result<Table, ImportError> {
    check_extension(display)?;
    if extension(path) != "csv" {
        return read_workbook(path, display, is_header, prefer_sheet, limits);
    }
    let rows = read_delimited(path, display, b',', true, limits)?;
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
    limits: &Limits,
) -> Result<Table, ImportError> {
    let read_error = |message: String| ImportError::Read {
        path: display.to_path_buf(),
        message,
    };
    check_unpacked_size(path, display, limits)?;
    let file = File::open(path).map_err(|e| read_error(e.to_string()))?;
    let mut workbook = Xlsx::new(BufReader::new(file)).map_err(|e| read_error(e.to_string()))?;
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
        let Some(rows) = sheet_rows(&mut workbook, name, display, limits)? else {
            continue;
        };
        if let Some(table) = from_rows(display, Some(name), rows, is_header) {
            return Ok(table);
        }
    }
    Err(no_header(display, None))
}

/// Checks what a workbook's parts unpack to, before anything is unpacked
/// for real: the sizes the archive declares, then the sizes its parts
/// really unpack to, read through a limited reader into nothing (a part can
/// declare a small size and unpack to gigabytes).
fn check_unpacked_size(path: &Path, display: &Path, limits: &Limits) -> Result<(), ImportError> {
    let read_error = |message: String| ImportError::Read {
        path: display.to_path_buf(),
        message,
    };
    let file = File::open(path).map_err(|e| read_error(e.to_string()))?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| {
        read_error(format!(
            "this is not an .xlsx workbook (a zip archive): {e}"
        ))
    })?;
    let refuse = |what: String, size: String| {
        ImportError::File {
        path: display.to_path_buf(),
        message: format!(
            "{what} unpacks to {size}, more than import reads; is this the right file? (A table an agency publishes unpacks to far less.)"
        ),
    }
    };
    let part_name = |name: &str| format!("the workbook's part `{name}`");
    let limit_of = |name: &str| match name.starts_with("xl/worksheets/") {
        true => limits.unpacked,
        false => limits.part,
    };
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        let part = archive
            .by_index_raw(i)
            .map_err(|e| read_error(e.to_string()))?;
        if part.size() > limit_of(part.name()) {
            return Err(refuse(part_name(part.name()), size(part.size())));
        }
        declared = declared.saturating_add(part.size());
    }
    if declared > limits.unpacked {
        return Err(refuse("the workbook".into(), size(declared)));
    }
    // What is measured is cut short at the limit: "more than".
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).map_err(|e| read_error(e.to_string()))?;
        let name = part.name().to_string();
        let left = limits.unpacked.saturating_sub(total);
        let limit = limit_of(&name).min(left);
        let unpacked = io::copy(
            &mut (&mut part).take(limit.saturating_add(1)),
            &mut io::sink(),
        )
        .map_err(|e| read_error(format!("part `{name}`: {e}")))?;
        total = total.saturating_add(unpacked);
        if unpacked > left {
            let more = format!("more than {}", size(limits.unpacked));
            return Err(refuse("the workbook".into(), more));
        }
        if unpacked > limit {
            let more = format!("more than {}", size(limit));
            return Err(refuse(part_name(&name), more));
        }
    }
    Ok(())
}

/// A size for messages, rounded up: "2048 MB", "17 KB".
fn size(bytes: u64) -> String {
    match bytes < 1 << 20 {
        true => format!("{} KB", bytes.div_ceil(1 << 10)),
        false => format!("{} MB", bytes.div_ceil(1 << 20)),
    }
}

/// A sheet's rows as text, numbered as the spreadsheet numbers them, read
/// cell by cell. `None` for a part that is not a worksheet (a chart sheet).
fn sheet_rows(
    workbook: &mut Xlsx<BufReader<File>>,
    name: &str,
    display: &Path,
    limits: &Limits,
) -> Result<Option<Vec<Row>>, ImportError> {
    let sheet_error = |message: String| ImportError::Read {
        path: display.to_path_buf(),
        message: format!("sheet `{name}`: {message}"),
    };
    let mut cells = match workbook.worksheet_cells_reader(name) {
        Ok(cells) => cells,
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(None),
        Err(e) => return Err(sheet_error(e.to_string())),
    };
    let dimensions = cells.dimensions();
    let (start, end) = (dimensions.start, dimensions.end);
    let declared = u64::from(end.0.saturating_sub(start.0)).saturating_add(1)
        * u64::from(end.1.saturating_sub(start.1)).saturating_add(1);
    let mut rows = RowBuilder::new(display, Some(name), *limits);
    if declared > limits.cells {
        return Err(rows.too_many_cells(declared));
    }
    let mut text = String::new();
    while let Some(cell) = cells.next_cell().map_err(|e| sheet_error(e.to_string()))? {
        let (row, column) = cell.get_position();
        text.clear();
        match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::SharedString(s) => text.push_str(s),
            DataRef::Bool(true) => text.push_str("TRUE"),
            DataRef::Bool(false) => text.push_str("FALSE"),
            // Display gives the shortest text that reads back as the same
            // number: 15.2, not 15.199999999999999; 292072, not 292072.0.
            other => {
                use std::fmt::Write;
                let _ = write!(text, "{}", Data::from(other.clone()));
            }
        }
        rows.push(row as usize + 1, column as usize, &text)?;
    }
    Ok(Some(rows.finish()))
}

/// Builds rows from cells given in reading order, counting them against
/// the limits as it goes.
struct RowBuilder<'a> {
    file: &'a Path,
    sheet: Option<&'a str>,
    limits: Limits,
    rows: Vec<Row>,
    current: Row,
    cells: u64,
    text: u64,
}

impl<'a> RowBuilder<'a> {
    fn new(file: &'a Path, sheet: Option<&'a str>, limits: Limits) -> Self {
        RowBuilder {
            file,
            sheet,
            limits,
            rows: Vec::new(),
            current: Row::default(),
            cells: 0,
            text: 0,
        }
    }

    fn place(&self) -> String {
        match self.sheet {
            Some(sheet) => format!("sheet `{sheet}`"),
            None => "the file".into(),
        }
    }

    fn too_many_cells(&self, cells: u64) -> ImportError {
        // A sheet's dimension record can claim more than it holds (a
        // program that formatted whole columns): saved as CSV, only the
        // cells written remain.
        let hint = match self.sheet {
            Some(_) => "; if the table itself is smaller, save the sheet as .csv and import that",
            None => "",
        };
        ImportError::File {
            path: self.file.to_path_buf(),
            message: format!(
                "{} has {} cells or more, more than import reads ({}); is this the right file?{hint}",
                self.place(),
                thousands(cells),
                thousands(self.limits.cells)
            ),
        }
    }

    /// Adds a cell; `row` is 1-based, `column` 0-based. Cells must come row
    /// by row, left to right, as spreadsheet programs write them.
    fn push(&mut self, row: usize, column: usize, text: &str) -> Result<(), ImportError> {
        if row != self.current.number {
            if row < self.current.number {
                return Err(self.out_of_order(row));
            }
            self.next_line(row);
        }
        let width = self.current.len();
        if column < width {
            return Err(self.out_of_order(row));
        }
        // The empty cells before this one count: they are stored too.
        let added = (column - width + 1) as u64;
        self.cells = self.cells.saturating_add(added);
        self.text = self.text.saturating_add(text.len() as u64);
        if self.cells > self.limits.cells {
            return Err(self.too_many_cells(self.cells));
        }
        if self.text > self.limits.text {
            return Err(ImportError::File {
                path: self.file.to_path_buf(),
                message: format!(
                    "{} has more than {} of text, more than import reads; is this the right file?",
                    self.place(),
                    size(self.limits.text)
                ),
            });
        }
        for _ in width..column {
            self.current.end_cell();
        }
        self.current.text.push_str(text);
        self.current.end_cell();
        Ok(())
    }

    fn out_of_order(&self, row: usize) -> ImportError {
        ImportError::File {
            path: self.file.to_path_buf(),
            message: format!(
                "the cells of {} are not stored row by row (row {row} comes after row {}); open the file in a spreadsheet program and save it again",
                self.place(),
                self.current.number
            ),
        }
    }

    /// Starts a new row at the next line (CSV), whatever its number.
    fn next_line(&mut self, number: usize) {
        self.end_row();
        self.current.number = number;
    }

    /// Adds a cell at the end of the current line (CSV).
    fn push_next(&mut self, text: &str) -> Result<(), ImportError> {
        let (row, column) = (self.current.number, self.current.len());
        self.push(row, column, text)
    }

    /// Keeps the current row, if one was started (rows are numbered from 1).
    fn end_row(&mut self) {
        let row = std::mem::take(&mut self.current);
        if row.number != 0 {
            self.rows.push(row);
        }
    }

    fn finish(mut self) -> Vec<Row> {
        self.end_row();
        self.rows
    }
}

/// `20000000` as `20,000,000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Splits rows into the header and what follows, if the header is found.
fn from_rows(
    display: &Path,
    sheet: Option<&str>,
    rows: Vec<Row>,
    is_header: &dyn Fn(&[String]) -> bool,
) -> Option<Table> {
    let header_at = rows.iter().take(MAX_HEADER_ROW).position(|row| {
        let cells: Vec<String> = row.cells().map(str::to_string).collect();
        is_header(&cells)
    })?;
    let mut rows = rows;
    let data = rows.split_off(header_at + 1);
    let header = rows.pop()?;
    let above = rows
        .iter()
        .map(|r| r.cells().collect::<Vec<_>>().join(" ").trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    Some(Table {
        file: display.to_path_buf(),
        sheet: sheet.map(str::to_string),
        above,
        headers: header.cells().map(|c| c.trim().to_string()).collect(),
        rows: data,
    })
}

/// Reads a tab-separated file whose first line is the header (O*NET's text files).
pub fn read_tsv(path: &Path, display: &Path) -> Result<Table, ImportError> {
    let rows = read_delimited(path, display, b'\t', false, &LIMITS)?;
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
    limits: &Limits,
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
    let mut rows = RowBuilder::new(display, None, *limits);
    let mut record = csv::ByteRecord::new();
    let mut count = 0;
    while reader
        .read_byte_record(&mut record)
        .map_err(|e| read_error(e.to_string()))?
    {
        count += 1;
        let number = record.position().map_or(count, |p| p.line() as usize);
        rows.next_line(number);
        for (i, cell) in record.iter().enumerate() {
            let text = decode(cell);
            let text = match count == 1 && i == 0 {
                true => text.trim_start_matches('\u{feff}'),
                false => &text,
            };
            rows.push_next(text)?;
        }
    }
    Ok(rows.finish())
}

fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.into(),
        Err(_) => bytes
            .iter()
            .map(|&b| windows_1252(b))
            .collect::<String>()
            .into(),
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
            Row::new(1, &["Table 1.2"]),
            Row::new(2, &[]),
            Row::new(3, &["OCC_CODE", "H_MEDIAN"]),
            Row::new(4, &["29-2071", "20.91"]),
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

    /// An `.xlsx` workbook with one sheet whose `<sheetData>` is `cells`
    /// (and `<dimension ref>`, when given), at `dir/name`.
    fn workbook(dir: &Path, name: &str, dimension: Option<&str>, cells: &str) -> PathBuf {
        use std::io::Write;
        let path = dir.join(name);
        let mut zip = zip::ZipWriter::new(File::create(&path).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
        let dimension = dimension.map_or(String::new(), |d| format!("<dimension ref=\"{d}\"/>"));
        let parts = [
            ("xl/workbook.xml", format!("<workbook {ns}><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")),
            ("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>".to_string()),
            ("xl/worksheets/sheet1.xml", format!("<worksheet {ns}>{dimension}<sheetData>{cells}</sheetData></worksheet>")),
        ];
        for (part, text) in parts {
            zip.start_file(part, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        path
    }

    fn inline(reference: &str, text: &str) -> String {
        format!("<c r=\"{reference}\" t=\"inlineStr\"><is><t>{text}</t></is></c>")
    }

    fn any_header(cells: &[String]) -> bool {
        cells.iter().any(|c| c == "OCC_CODE")
    }

    fn read_with(path: &Path, limits: Limits) -> Result<Table, String> {
        read_within(path, path, &any_header, None, &limits).map_err(|e| e.to_string())
    }

    const SMALL: Limits = Limits {
        cells: 100,
        text: 1000,
        unpacked: 64 << 10,
        part: 16 << 10,
    };

    #[test]
    fn streams_a_sheet_into_rows_with_their_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let cells = format!(
            "<row r=\"2\">{}{}</row><row r=\"5\">{}<c r=\"D5\"><v>15.2</v></c><c r=\"E5\" t=\"b\"><v>1</v></c></row>",
            inline("B2", "OCC_CODE"),
            inline("D2", "H_MEDIAN"),
            inline("B5", "29-2071"),
        );
        let path = workbook(dir.path(), "x.xlsx", Some("B2:E5"), &cells);
        let table = read_with(&path, SMALL).unwrap();
        assert_eq!(table.headers, ["", "OCC_CODE", "", "H_MEDIAN"]);
        let row = &table.rows[0];
        assert_eq!(row.number, 5);
        assert_eq!(
            row.cells().collect::<Vec<_>>(),
            ["", "29-2071", "", "15.2", "TRUE"]
        );
        assert!(table
            .at(row, 3)
            .to_string()
            .ends_with("x.xlsx (sheet `Data`), row 5, column D (H_MEDIAN)"));
    }

    /// Issue 13: cells A1 and XFD1048576 made calamine allocate a grid of
    /// 17 billion cells (512 GB). The dimension record is checked first,
    /// and without one the cells themselves are counted, gaps included.
    #[test]
    fn a_sheet_larger_than_the_limit_is_refused_before_or_while_reading() {
        let dir = tempfile::tempdir().unwrap();
        let far = format!(
            "<row r=\"1\">{}</row><row r=\"1048576\">{}</row>",
            inline("A1", "OCC_CODE"),
            inline("XFD1048576", "x")
        );
        let declared = workbook(dir.path(), "declared.xlsx", Some("A1:XFD1048576"), &far);
        let err = read_with(&declared, LIMITS).unwrap_err();
        assert!(
            err.contains("sheet `Data` has 17,179,869,184 cells or more, more than import reads (20,000,000)"),
            "{err}"
        );
        // Without the record: 16,385 cells, read as two sparse rows.
        let undeclared = workbook(dir.path(), "undeclared.xlsx", None, &far);
        let table = read_with(&undeclared, LIMITS).unwrap();
        assert_eq!(table.rows[0].number, 1_048_576);
        assert_eq!(table.rows[0].len(), 16_384);
        let err = read_with(&undeclared, SMALL).unwrap_err();
        assert!(
            err.contains("sheet `Data` has 16,385 cells or more"),
            "{err}"
        );
    }

    #[test]
    fn csv_files_are_counted_against_the_same_limits() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        let many = format!("OCC_CODE\n{}", "1,2,3,4,5,6,7,8,9,10\n".repeat(10));
        std::fs::write(&path, many).unwrap();
        let err = read_with(&path, SMALL).unwrap_err();
        assert!(err.contains("the file has 101 cells or more"), "{err}");
        std::fs::write(&path, format!("OCC_CODE\n{}\n", "x".repeat(1001))).unwrap();
        let err = read_with(&path, SMALL).unwrap_err();
        assert!(err.contains("the file has more than 1 KB of text"), "{err}");
    }

    #[test]
    fn cells_out_of_row_order_are_an_error_not_a_wrong_table() {
        let dir = tempfile::tempdir().unwrap();
        let cells = format!(
            "<row r=\"3\">{}</row><row r=\"2\">{}</row>",
            inline("A3", "OCC_CODE"),
            inline("A2", "x")
        );
        let path = workbook(dir.path(), "x.xlsx", None, &cells);
        let err = read_with(&path, SMALL).unwrap_err();
        assert!(
            err.contains("not stored row by row (row 2 comes after row 3)"),
            "{err}"
        );
    }

    /// Sets the uncompressed size that the archive declares for `part`, in
    /// its local header and in the central directory, to `size`.
    fn declare_size(path: &Path, part: &str, size: u32) {
        let mut bytes = std::fs::read(path).unwrap();
        let name = part.as_bytes();
        let mut patched = 0;
        for i in 0..bytes.len().saturating_sub(46) {
            let (signature, name_at, size_at) = match &bytes[i..i + 4] {
                b"PK\x03\x04" => (true, i + 30, i + 22),
                b"PK\x01\x02" => (true, i + 46, i + 24),
                _ => (false, 0, 0),
            };
            if signature && bytes.get(name_at..name_at + name.len()) == Some(name) {
                bytes[size_at..size_at + 4].copy_from_slice(&size.to_le_bytes());
                patched += 1;
            }
        }
        assert_eq!(patched, 2, "local header and central directory");
        std::fs::write(path, bytes).unwrap();
    }

    /// Issue 13: a 2.4 MB zip bomb took 1.9 GB. What the parts unpack to is
    /// checked before calamine opens the file: as declared, then as read.
    #[test]
    fn a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let rows: String = (1..=2000)
            .map(|r| {
                format!(
                    "<row r=\"{r}\">{}</row>",
                    inline(&format!("A{r}"), "OCC_CODE")
                )
            })
            .collect();
        let path = workbook(dir.path(), "bomb.xlsx", None, &rows);
        let err = read_with(&path, SMALL).unwrap_err();
        assert!(
            err.contains("the workbook's part `xl/worksheets/sheet1.xml` unpacks to 145 KB, more than import reads; is this the right file?"),
            "{err}"
        );
        // The same part declaring a small size is unpacked into nothing, and
        // stopped at the limit.
        declare_size(&path, "xl/worksheets/sheet1.xml", 100);
        let err = read_with(&path, SMALL).unwrap_err();
        assert!(
            err.contains("the workbook unpacks to more than 64 KB, more than import reads"),
            "{err}"
        );
        // Within the limits the part is read, whatever it declares: calamine
        // unpacks to the end of the data, which is why the sizes are measured.
        assert!(read_with(&path, LIMITS).is_ok());
    }

    #[test]
    fn other_parts_have_a_smaller_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = workbook(dir.path(), "x.xlsx", None, &inline("A1", "OCC_CODE"));
        let limits = Limits { part: 100, ..SMALL };
        let err = read_with(&path, limits).unwrap_err();
        assert!(err.contains("the workbook's part `xl/"), "{err}");
        assert!(
            err.contains("` unpacks to 1 KB, more than import reads"),
            "{err}"
        );
        // Declared small, measured large.
        declare_size(&path, "xl/workbook.xml", 10);
        declare_size(&path, "xl/_rels/workbook.xml.rels", 10);
        let err = read_with(&path, limits).unwrap_err();
        assert!(
            err.contains("` unpacks to more than 1 KB, more than import reads"),
            "{err}"
        );
    }

    #[test]
    fn sizes_and_counts_are_written_for_people() {
        assert_eq!(thousands(17_179_869_184), "17,179,869,184");
        assert_eq!(thousands(100), "100");
        assert_eq!(size(1), "1 KB");
        assert_eq!(size(3 << 20), "3 MB");
        assert_eq!(size((2 << 30) + 1), "2049 MB");
    }

    #[test]
    fn reads_windows_1252_text() {
        assert_eq!(decode(b"2018\x9628"), "2018\u{2013}28");
        assert_eq!(decode("2018–28".as_bytes()), "2018–28");
    }
}
