//! Codes and numbers as published data files write them.
//!
//! SOC codes come in every form real files use (`29-2072`, `292072`,
//! `="29-2072"`, `29-2072.00`) and leave here as `29-2072`; O*NET-SOC codes
//! as `29-2072.00`. Figures come with thousands separators, dollar signs and
//! the agencies' marks for values that are not published; they leave here as
//! plain decimal text, ready to be written into front matter as is. What a
//! figure means (hourly, thousands of jobs) is for the callers.

/// A cell with the spreadsheet-formula wrapper (`="29-2072"`) and quotes removed.
fn unwrap(text: &str) -> &str {
    let text = text.trim();
    let text = text.strip_prefix('=').unwrap_or(text).trim();
    text.trim_matches(['"', '\'']).trim()
}

/// A SOC code in the form `NN-NNNN`, from any of the forms files use.
/// An O*NET-SOC code is accepted only with `.00`: `.01` and up are
/// O*NET's own subdivisions, not SOC occupations.
pub fn soc(text: &str) -> Option<String> {
    let text = unwrap(text);
    let text = text.strip_suffix(".00").unwrap_or(text);
    if text.is_empty() {
        return None;
    }
    let digits: String = match text.split_once('-') {
        Some((major, minor)) if major.len() == 2 && minor.len() == 4 => format!("{major}{minor}"),
        Some(_) => return None,
        // A number cell loses leading zeros: 0 is 00-0000, 111011 is 11-1011.
        None if text.len() <= 6 => format!("{text:0>6}"),
        None => return None,
    };
    if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(format!("{}-{}", &digits[..2], &digits[2..]))
}

/// An O*NET-SOC code in the form `NN-NNNN.NN`.
pub fn onet(text: &str) -> Option<String> {
    let text = unwrap(text);
    let (base, suffix) = text.split_once('.')?;
    let base = soc(base)?;
    (suffix.len() == 2 && suffix.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{base}.{suffix}"))
}

/// A detailed occupation, as opposed to a group: SOC codes of detailed
/// occupations never end in 0 (broad groups end in 0, minor groups in 000,
/// major groups in 0000).
pub fn is_detailed(soc: &str) -> bool {
    !soc.ends_with('0')
}

/// An area code as compared: no wrapper, no leading zeros (`"01"` is `1`,
/// as a number cell would give it).
pub fn area_code(text: &str) -> String {
    let text = unwrap(text);
    let trimmed = text.trim_start_matches('0');
    if trimmed.is_empty() && !text.is_empty() {
        "0".to_string()
    } else {
        trimmed.to_string()
    }
}

/// What a published figure cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure {
    /// A plain decimal number, as text without separators: `31610`, `15.2`.
    Number(String),
    /// Not published (`*`, `**`, `(NA)`, an empty cell, ...).
    NotPublished,
    /// OEWS's `#`: at least the top-coding threshold of the release.
    TopCoded,
}

/// Marks that agencies use for figures they do not publish.
const NOT_PUBLISHED: [&str; 10] = [
    "", "*", "**", "***", "(na)", "na", "n/a", "-", "\u{2014}", "(d)",
];

/// Reads a figure cell: a number (with `,`, `$` or `%` allowed), `#`, or a
/// not-published mark. `None` when the cell is none of these.
pub fn figure(text: &str) -> Option<Figure> {
    let text = unwrap(text);
    if NOT_PUBLISHED.contains(&text.to_lowercase().as_str()) {
        return Some(Figure::NotPublished);
    }
    if text == "#" {
        return Some(Figure::TopCoded);
    }
    let plain: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | '$' | '%' | ' '))
        .collect();
    let plain = plain.strip_prefix('+').unwrap_or(&plain).to_string();
    let valid = plain.parse::<f64>().is_ok_and(f64::is_finite)
        && plain
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
    valid.then_some(Figure::Number(plain))
}

/// The most decimals a figure may have: the content parser keeps no more.
const MAX_DECIMALS: usize = 6;

/// Integers from 2^53 on are not all exactly representable as `f64`, the
/// type the content model reads figures into.
const MAX_EXACT: f64 = 9_007_199_254_740_992.0;

/// Why a figure, as it would be written into a profile, would not be read
/// back as the same number: the content model reads figures as `f64` with
/// up to six decimals, so a 300-digit figure would be published as another
/// number. `None` when it reads back exactly.
pub fn inexact(text: &str) -> Option<String> {
    let value: f64 = text.parse().ok().filter(|v: &f64| v.is_finite())?;
    let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
    let shown = format!("{value:.decimals$}");
    if decimals > MAX_DECIMALS {
        return Some(format!(
            "it has {decimals} decimals; a figure can have at most {MAX_DECIMALS}"
        ));
    }
    if value.abs() >= MAX_EXACT || shown != canonical(text) {
        return Some(format!(
            "it has more digits than a figure can hold exactly (it would be published as {})",
            abbreviated(&shown)
        ));
    }
    None
}

/// Decimal text as `format!` writes it: no `+`, no leading zeros, a zero
/// before a leading point, no trailing point.
fn canonical(text: &str) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    match fraction {
        "" => format!("{sign}{whole}"),
        fraction => format!("{sign}{whole}.{fraction}"),
    }
}

/// Long text cut down for a message: the first 24 characters and the length.
pub fn abbreviated(text: &str) -> String {
    let count = text.chars().count();
    if count <= 32 {
        return text.to_string();
    }
    let start: String = text.chars().take(24).collect();
    format!("{start}… ({count} characters)")
}

/// Whether decimal text is below zero (`-0` and `-0.0` are not).
pub fn is_negative(text: &str) -> bool {
    text.starts_with('-') && text.parse::<f64>().is_ok_and(|v| v < 0.0)
}

/// Decimal text with at least `min` decimals: `15.2` → `15.20` for `min` 2.
/// Numbers with more decimals are rounded to `max`.
pub fn decimals(text: &str, min: usize, max: usize) -> String {
    let written = text.split_once('.').map_or(0, |(_, d)| d.len());
    if written > max {
        let value: f64 = text.parse().unwrap_or(0.0);
        return format!("{value:.max$}");
    }
    match (written, text.contains('.')) {
        (w, _) if w >= min => text.to_string(),
        (_, true) => format!("{text}{}", "0".repeat(min - written)),
        (_, false) if min > 0 => format!("{text}.{}", "0".repeat(min)),
        _ => text.to_string(),
    }
}

/// A number of thousands as a whole number: `215.5` → `215500`, done on
/// the decimal text so that no rounding error creeps in.
pub fn thousands(text: &str) -> String {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let fraction = format!("{fraction:0<3}");
    let (into_whole, rest) = fraction.split_at(3);
    let digits = format!("{whole}{into_whole}");
    let digits = digits.trim_start_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let rest = rest.trim_end_matches('0');
    let sign = if negative && digits != "0" { "-" } else { "" };
    match rest {
        "" => format!("{sign}{digits}"),
        rest => format!("{sign}{digits}.{rest}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_every_form_of_soc_code() {
        for form in [
            "29-2072",
            "292072",
            "=\"29-2072\"",
            "29-2072.00",
            " 29-2072 ",
        ] {
            assert_eq!(soc(form).as_deref(), Some("29-2072"), "{form}");
        }
        assert_eq!(soc("0").as_deref(), Some("00-0000"));
        assert_eq!(soc("111011").as_deref(), Some("11-1011"));
        assert_eq!(soc("29-1141.01"), None);
        assert_eq!(soc("Footnotes:"), None);
        assert_eq!(soc("29-207"), None);
        assert_eq!(soc(""), None);
    }

    #[test]
    fn normalises_onet_codes() {
        assert_eq!(onet("29-1141.01").as_deref(), Some("29-1141.01"));
        assert_eq!(onet("=\"29-2072.00\"").as_deref(), Some("29-2072.00"));
        assert_eq!(onet("29-2072"), None);
    }

    #[test]
    fn reads_figures_and_marks() {
        assert_eq!(figure("31,610"), Some(Figure::Number("31610".into())));
        assert_eq!(figure("$15.20"), Some(Figure::Number("15.20".into())));
        assert_eq!(figure("-2.5"), Some(Figure::Number("-2.5".into())));
        assert_eq!(figure("*"), Some(Figure::NotPublished));
        assert_eq!(figure("**"), Some(Figure::NotPublished));
        assert_eq!(figure("(NA)"), Some(Figure::NotPublished));
        assert_eq!(figure(""), Some(Figure::NotPublished));
        assert_eq!(figure("#"), Some(Figure::TopCoded));
        assert_eq!(figure("lots"), None);
        assert_eq!(figure("1e5"), None);
    }

    #[test]
    fn pads_and_rounds_decimals() {
        assert_eq!(decimals("15.2", 2, 2), "15.20");
        assert_eq!(decimals("15", 2, 2), "15.00");
        assert_eq!(decimals("15.205", 2, 2), "15.21");
        assert_eq!(decimals("15.0", 1, 6), "15.0");
        assert_eq!(decimals("31610", 0, 0), "31610");
    }

    #[test]
    fn figures_must_read_back_as_written() {
        for exact in [
            "31610",
            "15.20",
            "0.5",
            "-2.5",
            "215500",
            "0.000001",
            "9007199254740991",
        ] {
            assert_eq!(inexact(exact), None, "{exact}");
        }
        let long = format!("1{}", "0".repeat(299));
        let why = inexact(&long).unwrap();
        assert!(why.contains("more digits than a figure can hold"), "{why}");
        assert!(why.contains(" characters)"), "{why}");
        assert!(inexact("123456789012345678").is_some());
        assert!(inexact("9007199254740992").is_some());
        assert!(inexact("0.1234567").unwrap().contains("7 decimals"));
        assert!(is_negative("-0.01"));
        assert!(!is_negative("-0"));
        assert!(!is_negative("12"));
    }

    #[test]
    fn multiplies_thousands_exactly() {
        assert_eq!(thousands("215.5"), "215500");
        assert_eq!(thousands("16.8"), "16800");
        assert_eq!(thousands("0.05"), "50");
        assert_eq!(thousands("161037.7"), "161037700");
        assert_eq!(thousands("0.0001"), "0.1");
        assert_eq!(thousands("-3.2"), "-3200");
    }

    #[test]
    fn area_codes_compare_without_leading_zeros() {
        assert_eq!(area_code("01"), "1");
        assert_eq!(area_code("=\"0013380\""), "13380");
        assert_eq!(area_code("0"), "0");
    }
}
