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
}

pub const NOT_PUBLISHED: &str = "not published";

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
    let (text, value, status) = match wage.amount {
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
    if cents {
        let hundredths = (value * 100.0).round() as i64;
        format!(
            "${}.{:02}",
            thousands(hundredths / 100),
            (hundredths % 100).abs()
        )
    } else {
        format!("${}", thousands(value.round() as i64))
    }
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
}

impl std::fmt::Display for Plain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let value = self.rounded();
        // No "-0" for a value that rounds to zero.
        let value = if value == 0.0 { 0.0 } else { value };
        write!(f, "{value:.*}", self.0.decimals as usize)
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
    match wage.amount {
        Amount::Exact(n) => Some((Plain(n), false)),
        Amount::AtLeast(n) => Some((Plain(n), true)),
        Amount::NotPublished => None,
    }
}

/// A wage as a CSV cell: `43500`, `15.20`, `>=115.00` when top-coded (the
/// notation of the content files), empty when not published.
pub fn wage_cell(wage: Wage) -> String {
    match plain_wage(wage) {
        Some((n, false)) => n.to_string(),
        Some((n, true)) => format!(">={n}"),
        None => String::new(),
    }
}

/// A count or percentage as a CSV cell: `5050`, `19.4`; empty when not published.
pub fn number_cell(value: Option<Number>) -> String {
    value.map(|n| Plain(n).to_string()).unwrap_or_default()
}

fn decimal(n: Number) -> String {
    let scale = 10i64.pow(n.decimals as u32);
    let scaled = (n.value.abs() * scale as f64).round() as i64;
    let sign = if n.value < 0.0 && scaled != 0 {
        "\u{2212}"
    } else {
        ""
    };
    let int = thousands(scaled / scale);
    if n.decimals == 0 {
        format!("{sign}{int}")
    } else {
        format!(
            "{sign}{int}.{:0width$}",
            scaled % scale,
            width = n.decimals as usize
        )
    }
}

fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            serde_json::to_string(&Plain(Number::new(43500.0, 0))).unwrap(),
            "43500"
        );
        assert_eq!(
            serde_json::to_string(&Plain(Number::new(15.2, 2))).unwrap(),
            "15.2"
        );
        let top = Wage {
            amount: Amount::AtLeast(Number::new(115.0, 2)),
            derived: false,
        };
        assert_eq!(wage_cell(top), ">=115.00");
        let none = Wage {
            amount: Amount::NotPublished,
            derived: false,
        };
        assert_eq!(wage_cell(none), "");
    }

    #[test]
    fn wages_keep_their_status() {
        let top = wage(
            Wage {
                amount: Amount::AtLeast(Number::new(115.0, 2)),
                derived: false,
            },
            Period::Hourly,
        );
        assert_eq!(top.text, "$115.00 or more");
        assert_eq!(top.status, FigureStatus::TopCoded);
        let derived = wage(
            Wage {
                amount: Amount::Exact(Number::new(26542.0, 0)),
                derived: true,
            },
            Period::Yearly,
        );
        assert_eq!(
            (derived.text.as_str(), derived.status),
            ("$26,542", FigureStatus::Derived)
        );
        let monthly = wage(
            Wage {
                amount: Amount::Exact(Number::new(2634.0, 0)),
                derived: false,
            },
            Period::Monthly,
        );
        assert_eq!(monthly.text, "$2,634");
    }
}
