//! Numbers as readers see them: the one place figures are formatted.
//!
//! Tables, listings, and later charts and downloads all take their text from
//! here, so every view of a figure agrees: thousands separators, cents for
//! hourly wages, "not published" for `null`, "$115.00 or more" for top-coded
//! values, and a `derived` flag for figures the build computed.

use serde::Serialize;

use crate::content::model::{Amount, Wage};

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
        Figure { text, value: Some(value), derived: false, status: FigureStatus::Given }
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
    let cents = |v: f64| period == Period::Hourly || v.fract() != 0.0;
    let (text, value, status) = match wage.amount {
        Amount::NotPublished => return Figure::not_published(),
        Amount::Exact(v) => (money(v, cents(v)), v, FigureStatus::Given),
        Amount::AtLeast(v) => (format!("{} or more", money(v, cents(v))), v, FigureStatus::TopCoded),
    };
    let status = if wage.derived && status == FigureStatus::Given {
        FigureStatus::Derived
    } else {
        status
    };
    Figure { text, value: Some(value), derived: wage.derived, status }
}

/// `$1,234` or, with cents, `$1,234.50`.
pub fn money(value: f64, cents: bool) -> String {
    if cents {
        let hundredths = (value * 100.0).round() as i64;
        format!("${}.{:02}", thousands(hundredths / 100), (hundredths % 100).abs())
    } else {
        format!("${}", thousands(value.round() as i64))
    }
}

/// A count such as employment or openings: `5,050`. Fractions (rare, but
/// projections in thousands produce them) are kept as written.
pub fn count(value: Option<f64>) -> Figure {
    match value {
        None => Figure::not_published(),
        Some(v) if v.fract() == 0.0 => Figure::given(thousands(v as i64), v),
        Some(v) => {
            let text = format!("{v}");
            let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
            Figure::given(format!("{}.{frac}", thousands(int.parse().unwrap_or(0))), v)
        }
    }
}

/// A percentage exactly as written: `19.4%`, `−2.1%` (with a true minus sign).
pub fn percent(value: Option<f64>) -> Figure {
    match value {
        None => Figure::not_published(),
        Some(v) if v < 0.0 => Figure::given(format!("\u{2212}{}%", -v), v),
        Some(v) => Figure::given(format!("{v}%"), v),
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
        assert_eq!(count(Some(215500.0)).text, "215,500");
        assert_eq!(count(Some(523.0)).text, "523");
        assert_eq!(count(Some(1234.5)).text, "1,234.5");
        assert_eq!(percent(Some(19.4)).text, "19.4%");
        assert_eq!(percent(Some(-2.0)).text, "\u{2212}2%");
        assert_eq!(count(None).text, "not published");
    }

    #[test]
    fn wages_keep_their_status() {
        let top = wage(Wage { amount: Amount::AtLeast(115.0), derived: false }, Period::Hourly);
        assert_eq!(top.text, "$115.00 or more");
        assert_eq!(top.status, FigureStatus::TopCoded);
        let derived = wage(Wage { amount: Amount::Exact(26542.0), derived: true }, Period::Yearly);
        assert_eq!((derived.text.as_str(), derived.status), ("$26,542", FigureStatus::Derived));
        let monthly = wage(Wage { amount: Amount::Exact(2634.0), derived: false }, Period::Monthly);
        assert_eq!(monthly.text, "$2,634");
    }
}
