//! Numbers as readers see them: the one place figures are formatted.
//!
//! Tables, listings, and later charts and downloads all take their text from
//! here, so every view of a figure agrees: thousands separators, cents for
//! hourly wages, "not published" for `null`, "$115.00 or more" for top-coded
//! values, and a `derived` flag for figures the build computed.

use serde::Serialize;

use crate::content::model::{Amount, Number, Wage};

/// A figure ready for a template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// What the reader sees: `$43,500`, `19.4%`, `not published`.
    pub text: String,
    /// The number behind it, for sorting and charts; `None` if not published.
    pub value: Option<f64>,
    /// Computed by the build from other figures, not given by the editor.
    pub derived: bool,
    pub status: FigureStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FigureStatus {
    Given,
    Derived,
    TopCoded,
    NotPublished,
    /// There is no figure at all yet (a profile without a wages table), as
    /// opposed to one the source withheld (`NotPublished`).
    Missing,
}

pub const NOT_PUBLISHED: &str = "not published";

/// What listings show for a profile that has no wage table yet.
pub const NO_WAGES: &str = "No wage figures yet";

impl Figure {
    fn given(text: String, value: f64) -> Self {
        Figure {
            text,
            value: Some(value),
            derived: false,
            status: FigureStatus::Given,
        }
    }

    pub fn not_published() -> Self {
        Figure {
            text: NOT_PUBLISHED.into(),
            value: None,
            derived: false,
            status: FigureStatus::NotPublished,
        }
    }

    /// No figure yet, saying so in `text` (such as [`NO_WAGES`]).
    pub fn missing(text: &str) -> Self {
        Figure {
            text: text.into(),
            value: None,
            derived: false,
            status: FigureStatus::Missing,
        }
    }
}

/// How figures are worded and numbers written in one language: the words
/// for a figure that is not published or missing and for "or more", and
/// the decimal mark of its locale. Money keeps the US form (`$43,500`), as
/// the US sources print it in every language; counts and percentages
/// follow the locale (`5.050`, `19,4%` where the decimal mark is a comma).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localizer {
    pub not_published: String,
    pub no_wages: String,
    /// `{amount} or more`.
    pub or_more: String,
    pub decimal_comma: bool,
}

impl Localizer {
    pub fn new(not_published: &str, no_wages: &str, or_more: &str, locale: &str) -> Self {
        Localizer {
            not_published: not_published.to_string(),
            no_wages: no_wages.to_string(),
            or_more: or_more.to_string(),
            decimal_comma: decimal_comma(locale),
        }
    }

    /// Whether figures come out as [`wage`], [`count`] and [`percent`] write them.
    pub fn is_identity(&self) -> bool {
        self.not_published == NOT_PUBLISHED
            && self.no_wages == NO_WAGES
            && self.or_more == "{amount} or more"
            && !self.decimal_comma
    }

    /// `figure` in this language.
    pub fn figure(&self, figure: &Figure) -> Figure {
        let mut out = figure.clone();
        if self.is_identity() {
            return out;
        }
        out.text = match figure.status {
            FigureStatus::NotPublished => self.not_published.clone(),
            FigureStatus::Missing if figure.text == NO_WAGES => self.no_wages.clone(),
            FigureStatus::Missing => figure.text.clone(),
            FigureStatus::TopCoded => {
                let amount = figure.text.strip_suffix(" or more").unwrap_or(&figure.text);
                self.or_more.replace("{amount}", &self.number(amount))
            }
            FigureStatus::Given | FigureStatus::Derived => self.number(&figure.text),
        };
        out
    }

    /// A number as written by this module, in the locale: money as it is,
    /// other numbers with the decimal mark and grouping swapped where the
    /// locale writes a decimal comma.
    pub fn number(&self, text: &str) -> String {
        let money = text.trim_start_matches(['-', '\u{2212}']).starts_with('$');
        if !self.decimal_comma || money {
            return text.to_string();
        }
        text.chars()
            .map(|c| match c {
                ',' => '.',
                '.' => ',',
                other => other,
            })
            .collect()
    }
}

/// Whether `locale` (`es-ES`, `es`, `de`) writes `1.234,5`. US and Mexican
/// Spanish write `1,234.5`, as English does.
fn decimal_comma(locale: &str) -> bool {
    let mut parts = locale.split(['-', '_']);
    let language = parts.next().unwrap_or_default().to_ascii_lowercase();
    let region = parts.next().unwrap_or_default().to_ascii_uppercase();
    let comma_language = matches!(
        language.as_str(),
        "es" | "fr" | "de" | "it" | "pt" | "nl" | "ru" | "vi" | "id" | "tr" | "pl"
    );
    let point_region = matches!(
        region.as_str(),
        "US" | "MX" | "PR" | "GT" | "HN" | "NI" | "PA" | "SV" | "DO" | "PH" | "419"
    ) && language == "es";
    comma_language && !point_region
}

/// Hourly wages always show cents; monthly and yearly ones only when given with cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Hourly,
    Monthly,
    Yearly,
}

pub fn wage(wage: Wage, period: Period) -> Figure {
    let show = |n: Number| {
        let cents = period == Period::Hourly || n.decimals > 0;
        money(n.value, cents)
    };
    let (text, value, status) = match wage.amount() {
        Amount::NotPublished => return Figure::not_published(),
        Amount::Exact(n) => (show(n), n.value, FigureStatus::Given),
        Amount::AtLeast(n) => (
            format!("{} or more", show(n)),
            n.value,
            FigureStatus::TopCoded,
        ),
    };
    let status = if wage.derived && status == FigureStatus::Given {
        FigureStatus::Derived
    } else {
        status
    };
    Figure {
        text,
        value: Some(value),
        derived: wage.derived,
        status,
    }
}

/// `$1,234` or, with cents, `$1,234.50`.
pub fn money(value: f64, cents: bool) -> String {
    let mut out = String::with_capacity(16);
    if value < 0.0 && (value * 100.0).round() != 0.0 {
        out.push('-');
    }
    out.push('$');
    if cents {
        let hundredths = (value.abs() * 100.0).round() as u64;
        push_thousands(&mut out, hundredths / 100);
        out.push('.');
        push_padded(&mut out, hundredths % 100, 2);
    } else {
        push_thousands(&mut out, value.abs().round() as u64);
    }
    out
}

/// A count such as employment or openings, with the decimals written:
/// `5,050`, `1,234.5`.
pub fn count(value: Option<Number>) -> Figure {
    match value {
        None => Figure::not_published(),
        Some(n) => Figure::given(decimal(n), n.value),
    }
}

/// A percentage with the decimals written: `19.4%`, `15.0%`, `−2.1%`
/// (with a true minus sign, which screen readers say as "minus").
pub fn percent(value: Option<Number>) -> Figure {
    match value {
        None => Figure::not_published(),
        Some(n) => Figure::given(format!("{}%", decimal(n)), n.value),
    }
}

/// A range between two figures, `$31,610 to $65,620`; `None` unless both
/// are published.
pub fn range(low: &Figure, high: &Figure) -> Option<String> {
    let published = |f: &Figure| f.status != FigureStatus::NotPublished;
    (published(low) && published(high)).then(|| format!("{} to {}", low.text, high.text))
}

/// A number for machine-readable files (CSV cells, JSON and JSON-LD), with
/// the decimals the editor wrote and no separators or currency sign:
/// `43500`, `15.20`, `-2.1`. Serialised as a JSON number (an integer when
/// written without decimals), printed (`Display`) as plain text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plain(pub Number);

impl Plain {
    /// The value rounded to the decimals written.
    fn rounded(self) -> f64 {
        let scale = 10f64.powi(self.0.decimals as i32);
        (self.0.value * scale).round() / scale
    }

    /// Appends what `Display` prints, without the formatting machinery:
    /// `occupations.csv` holds about 20 numbers per area of every profile.
    pub fn push_to(self, out: &mut String) {
        // Integer arithmetic on the scaled value: exact for every figure a
        // front matter can hold (at most 6 decimals), and much faster than
        // formatting a float with a precision (the slow exact path in `core`).
        let decimals = self.0.decimals as u32;
        let scale = 10u64.pow(decimals);
        let scaled = (self.0.value * scale as f64).round();
        if scaled.abs() >= 9.0e15 {
            use std::fmt::Write;
            let _ = write!(out, "{:.*}", decimals as usize, self.rounded());
            return;
        }
        let scaled = scaled as i64;
        // No "-0" for a value that rounds to zero.
        if scaled < 0 {
            out.push('-');
        }
        let magnitude = scaled.unsigned_abs();
        push_padded(out, magnitude / scale, 1);
        if decimals > 0 {
            out.push('.');
            push_padded(out, magnitude % scale, decimals as usize);
        }
    }
}

impl std::fmt::Display for Plain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut text = String::with_capacity(24);
        self.push_to(&mut text);
        f.write_str(&text)
    }
}

impl Serialize for Plain {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = self.rounded();
        if self.0.decimals == 0 && value.abs() < 9.0e15 {
            serializer.serialize_i64(value as i64)
        } else {
            serializer.serialize_f64(value)
        }
    }
}

/// A wage for machine-readable files: its number (`None` when not
/// published) and whether it is top-coded (the true figure is at least it).
pub fn plain_wage(wage: Wage) -> Option<(Plain, bool)> {
    match wage.amount() {
        Amount::Exact(n) => Some((Plain(n), false)),
        Amount::AtLeast(n) => Some((Plain(n), true)),
        Amount::NotPublished => None,
    }
}

/// A wage as a CSV cell: `43500`, `15.20`, `>=115.00` when top-coded (the
/// notation of the content files), empty when not published.
pub fn wage_cell(wage: Wage) -> String {
    let mut cell = String::new();
    push_wage_cell(&mut cell, wage);
    cell
}

/// [`wage_cell`], appended to `out`.
pub fn push_wage_cell(out: &mut String, wage: Wage) {
    if let Some((n, top_coded)) = plain_wage(wage) {
        if top_coded {
            out.push_str(">=");
        }
        n.push_to(out);
    }
}

/// A count or percentage as a CSV cell: `5050`, `19.4`; empty when not published.
pub fn number_cell(value: Option<Number>) -> String {
    let mut cell = String::new();
    if let Some(n) = value {
        Plain(n).push_to(&mut cell);
    }
    cell
}

fn decimal(n: Number) -> String {
    let scale = 10u64.pow(n.decimals as u32);
    let scaled = (n.value.abs() * scale as f64).round() as u64;
    let mut out = String::with_capacity(16);
    if n.value < 0.0 && scaled != 0 {
        out.push('\u{2212}');
    }
    push_thousands(&mut out, scaled / scale);
    if n.decimals > 0 {
        out.push('.');
        push_padded(&mut out, scaled % scale, n.decimals as usize);
    }
    out
}

/// Appends `n` with a comma between groups of three digits. Written out
/// rather than with `format!`: the build formats hundreds of figures per
/// profile, and this avoids an allocation for each.
fn push_thousands(out: &mut String, n: u64) {
    let mut buf = [0u8; 20];
    let digits = write_digits(&mut buf, n);
    for (i, digit) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(*digit as char);
    }
}

/// Appends `n` with leading zeros to `width` digits: the cents of `$5.05`.
fn push_padded(out: &mut String, n: u64, width: usize) {
    let mut buf = [0u8; 20];
    let digits = write_digits(&mut buf, n);
    for _ in digits.len()..width {
        out.push('0');
    }
    for digit in digits {
        out.push(*digit as char);
    }
}

/// Writes the decimal digits of `n` at the end of `buf` (20 digits hold
/// any `u64`); returns them.
fn write_digits(buf: &mut [u8; 20], mut n: u64) -> &[u8] {
    let mut start = buf.len();
    for slot in buf.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        start -= 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.get(start..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_localizer_words_figures_and_writes_numbers_by_locale() {
        let es = |locale| Localizer::new("no publicado", "Sin cifras", "{amount} o más", locale);
        let us = es("es-US");
        assert_eq!(us.figure(&Figure::not_published()).text, "no publicado");
        assert_eq!(us.figure(&Figure::missing(NO_WAGES)).text, "Sin cifras");
        let top = wage(
            Wage::new(Amount::AtLeast(Number::new(115.0, 2)), false),
            Period::Hourly,
        );
        assert_eq!(us.figure(&top).text, "$115.00 o más");
        assert_eq!(us.number("5,050"), "5,050");
        let spain = es("es-ES");
        assert_eq!(spain.number("5,050"), "5.050");
        assert_eq!(spain.number("19.4%"), "19,4%");
        assert_eq!(spain.number("$43,500"), "$43,500");
        let english = Localizer::new(NOT_PUBLISHED, NO_WAGES, "{amount} or more", "en-US");
        assert!(english.is_identity());
        assert_eq!(english.figure(&top), top);
    }

    #[test]
    fn money_and_counts() {
        assert_eq!(money(15.2, true), "$15.20");
        assert_eq!(money(31610.0, false), "$31,610");
        assert_eq!(money(1234567.5, true), "$1,234,567.50");
        assert_eq!(count(Some(Number::new(215500.0, 0))).text, "215,500");
        assert_eq!(count(Some(Number::new(523.0, 0))).text, "523");
        assert_eq!(count(Some(Number::new(1234.5, 1))).text, "1,234.5");
        assert_eq!(percent(Some(Number::new(19.4, 1))).text, "19.4%");
        assert_eq!(percent(Some(Number::new(15.0, 1))).text, "15.0%");
        assert_eq!(percent(Some(Number::new(-2.05, 2))).text, "\u{2212}2.05%");
        assert_eq!(count(None).text, "not published");
    }

    #[test]
    fn plain_numbers() {
        assert_eq!(Plain(Number::new(43500.0, 0)).to_string(), "43500");
        assert_eq!(Plain(Number::new(15.2, 2)).to_string(), "15.20");
        assert_eq!(Plain(Number::new(-2.1, 1)).to_string(), "-2.1");
        assert_eq!(Plain(Number::new(-0.001, 1)).to_string(), "0.0");
        assert_eq!(Plain(Number::new(-0.05, 2)).to_string(), "-0.05");
        assert_eq!(Plain(Number::new(1234.5, 0)).to_string(), "1235");
        assert_eq!(Plain(Number::new(7.0, 3)).to_string(), "7.000");
        assert_eq!(
            serde_json::to_string(&Plain(Number::new(43500.0, 0))).unwrap(),
            "43500"
        );
        assert_eq!(
            serde_json::to_string(&Plain(Number::new(15.2, 2))).unwrap(),
            "15.2"
        );
        let top = Wage::new(Amount::AtLeast(Number::new(115.0, 2)), false);
        assert_eq!(wage_cell(top), ">=115.00");
        let none = Wage::new(Amount::NotPublished, false);
        assert_eq!(wage_cell(none), "");
    }

    #[test]
    fn wages_keep_their_status() {
        let top = wage(
            Wage::new(Amount::AtLeast(Number::new(115.0, 2)), false),
            Period::Hourly,
        );
        assert_eq!(top.text, "$115.00 or more");
        assert_eq!(top.status, FigureStatus::TopCoded);
        let derived = wage(
            Wage::new(Amount::Exact(Number::new(26542.0, 0)), true),
            Period::Yearly,
        );
        assert_eq!(
            (derived.text.as_str(), derived.status),
            ("$26,542", FigureStatus::Derived)
        );
        let monthly = wage(
            Wage::new(Amount::Exact(Number::new(2634.0, 0)), false),
            Period::Monthly,
        );
        assert_eq!(monthly.text, "$2,634");
    }
}
