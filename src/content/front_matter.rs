//! The front matter exactly as an editor writes it, before validation.
//!
//! These types mirror `docs/content-model.md` field for field and stay loose
//! where editors are loose (strings for enums, numbers or strings for years)
//! so that `validate` can say precisely what is wrong and suggest the closest
//! valid value. They hold no derived data; see `model` for the validated forms.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

use super::model::Number;
use crate::yaml::Segment;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub soc: Option<Text>,
    pub soc_version: Option<u16>,
    pub also_called: Vec<String>,
    pub summary: Option<String>,
    pub at_a_glance: Vec<String>,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
    pub cluster: Option<String>,
    pub holland: Option<String>,
    pub job_zone: Option<i64>,
    pub education: Option<String>,
    pub related: Vec<String>,
    pub onet: Vec<Text>,
    pub reviewed: Option<Text>,
    pub draft: bool,
    pub slug: Option<String>,
    pub extra: serde_json::Value,
    pub wages: Option<Wages>,
    pub outlook: Option<Outlook>,
    /// Top-level keys whose value was reported as unreadable, so that
    /// validation does not report them again as missing.
    #[serde(skip)]
    pub rejected: Vec<&'static str>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Wages {
    pub source: Option<String>,
    pub as_of: Option<Text>,
    pub areas: Vec<WageArea>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WageArea {
    pub area: String,
    pub within: Option<String>,
    pub hourly: Option<Vec<WageEntry>>,
    pub monthly: Option<Vec<WageEntry>>,
    pub yearly: Option<Vec<WageEntry>>,
    /// Something in this row was reported as unreadable: validation skips
    /// the checks that would repeat it.
    #[serde(skip)]
    pub rejected: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Outlook {
    pub source: Option<String>,
    pub period: Option<Text>,
    pub areas: Vec<OutlookArea>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OutlookArea {
    pub area: String,
    pub within: Option<String>,
    pub employment: Option<Number>,
    pub growth: Option<Number>,
    pub growth_all: Option<Number>,
    pub openings: Option<Number>,
}

/// One percentile as written: a number, `null` (not published) or a
/// top-coded string such as `">=115.00"`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WageEntry {
    Number(Number),
    NotPublished,
    /// The published figure is at least this much.
    TopCoded(Number),
}

/// Scalars are read as the text the editor typed (YAML hands plain scalars
/// over as strings when asked for one), so the number of decimals written
/// survives: `15.0` stays `15.0`, not `15`.
impl<'de> Deserialize<'de> for WageEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(ScalarText(wage_entry))
    }
}

pub(crate) fn wage_entry(text: &str) -> Result<WageEntry, String> {
    if is_null(text) {
        return Ok(WageEntry::NotPublished);
    }
    if let Some(bound) = text
        .trim()
        .strip_prefix(">=")
        .or_else(|| text.trim().strip_prefix('≥'))
    {
        let digits = bound.trim().trim_start_matches('$').replace(',', "");
        return parse_number(&digits)
            .map(WageEntry::TopCoded)
            .ok_or_else(|| format!("`{text}` is not a top-coded wage: write it as \">=115.00\""));
    }
    parse_number(text).map(WageEntry::Number).ok_or_else(|| {
        format!(
            "`{text}` is not a wage: write a number, null, or a top-coded value such as \">=115.00\""
        )
    })
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(ScalarText(|text: &str| {
            parse_number(text).ok_or_else(|| format!("`{text}` is not a number"))
        }))
    }
}

/// `null`, `~` or nothing: the YAML ways of writing "no value".
fn is_null(text: &str) -> bool {
    matches!(text.trim(), "" | "~" | "null" | "Null" | "NULL")
}

/// Reads a plain decimal number (no thousands separators), keeping the
/// count of decimals written. Negative numbers are allowed (growth can fall).
pub fn parse_number(text: &str) -> Option<Number> {
    let text = text.trim();
    let value: f64 = text.parse().ok().filter(|v: &f64| v.is_finite())?;
    let decimals = match (text.find('.'), text.contains(['e', 'E'])) {
        (Some(dot), false) => (text.len() - dot - 1).min(6) as u8,
        _ => 0,
    };
    Some(Number::new(value, decimals))
}

/// Reads any scalar as text and hands it to the parser it holds, without
/// copying it: a profile has hundreds of figures.
struct ScalarText<F>(F);

impl<T, F: FnOnce(&str) -> Result<T, String>> Visitor<'_> for ScalarText<F> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a number, or null")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.0)(v).map_err(E::custom)
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        self.visit_str("")
    }

    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        self.visit_str("")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        self.visit_str(&v.to_string())
    }
}

/// A short piece of text that editors may write with or without quotes:
/// `as_of: 2019` and `as_of: "2019"` mean the same.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub String);

/// Read as the scalar's text exactly as written (`as_of: 2019.10` stays
/// `2019.10`), whatever it would resolve to.
impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FrontMatter {
    /// Removes control characters (other than tab and line breaks) from
    /// every text that reaches a page, such as `"\\a"` or `"\\x1b"` written
    /// as escapes in quoted YAML, and returns the paths of the values changed.
    /// Right-to-left and other format marks are text and are kept.
    pub fn strip_control_chars(&mut self) -> Vec<Vec<Segment>> {
        let mut changed = Vec::new();
        let mut clean = |path: Vec<Segment>, text: &mut String| {
            if crate::content::find_forbidden_control(text).is_some() {
                text.retain(|c| !crate::content::is_forbidden_control(c));
                changed.push(path);
            }
        };
        for (key, value) in [
            ("title", &mut self.title),
            ("summary", &mut self.summary),
            ("cluster", &mut self.cluster),
            ("holland", &mut self.holland),
            ("education", &mut self.education),
            ("slug", &mut self.slug),
        ] {
            if let Some(text) = value {
                clean(vec![Segment::from(key)], text);
            }
        }
        for (key, list) in [
            ("also_called", &mut self.also_called),
            ("at_a_glance", &mut self.at_a_glance),
            ("pros", &mut self.pros),
            ("cons", &mut self.cons),
            ("related", &mut self.related),
        ] {
            for (i, text) in list.iter_mut().enumerate() {
                clean(vec![Segment::from(key), Segment::Index(i)], text);
            }
        }
        if let Some(wages) = &mut self.wages {
            let areas = wages.areas.iter_mut().map(|a| (&mut a.area, &mut a.within));
            clean_table("wages", &mut wages.source, areas, &mut clean);
        }
        if let Some(outlook) = &mut self.outlook {
            let areas = outlook
                .areas
                .iter_mut()
                .map(|a| (&mut a.area, &mut a.within));
            clean_table("outlook", &mut outlook.source, areas, &mut clean);
        }
        changed
    }
}

type Cleaner<'a> = dyn FnMut(Vec<Segment>, &mut String) + 'a;

fn clean_table<'a>(
    table: &str,
    source: &mut Option<String>,
    areas: impl Iterator<Item = (&'a mut String, &'a mut Option<String>)>,
    clean: &mut Cleaner,
) {
    if let Some(source) = source {
        clean(vec![table.into(), "source".into()], source);
    }
    for (i, (area, within)) in areas.enumerate() {
        let at = |key: &str| vec![table.into(), "areas".into(), i.into(), key.into()];
        clean(at("area"), area);
        if let Some(within) = within {
            clean(at("within"), within);
        }
    }
}

/// The keys accepted at a path of the front matter, for "did you mean" hints.
pub fn known_keys(parent: &[crate::yaml::Segment]) -> &'static [&'static str] {
    use crate::yaml::{struct_fields, Segment::*};
    match parent {
        [] => struct_fields::<FrontMatter>(),
        [Key(k)] if k == "wages" => struct_fields::<Wages>(),
        [Key(k)] if k == "outlook" => struct_fields::<Outlook>(),
        [Key(k), Key(a), Index(_)] if k == "wages" && a == "areas" => struct_fields::<WageArea>(),
        [Key(k), Key(a), Index(_)] if k == "outlook" && a == "areas" => {
            struct_fields::<OutlookArea>()
        }
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_written_decimals() {
        let n = |t: &str| parse_number(t).map(|n| (n.value, n.decimals));
        assert_eq!(n("15.0"), Some((15.0, 1)));
        assert_eq!(n("15.20"), Some((15.2, 2)));
        assert_eq!(n("2634"), Some((2634.0, 0)));
        assert_eq!(n("-2.5"), Some((-2.5, 1)));
        assert_eq!(n("1,234"), None);
    }

    #[test]
    fn reads_wage_entries() {
        let entries: Vec<WageEntry> =
            serde_yaml::from_str("[15.20, null, ~, \">=115.00\", \">= $239,200\"]").unwrap();
        assert_eq!(entries[0], WageEntry::Number(Number::new(15.2, 2)));
        assert_eq!(entries[1], WageEntry::NotPublished);
        assert_eq!(entries[2], WageEntry::NotPublished);
        assert_eq!(entries[3], WageEntry::TopCoded(Number::new(115.0, 2)));
        assert_eq!(entries[4], WageEntry::TopCoded(Number::new(239200.0, 0)));
        assert!(serde_yaml::from_str::<Vec<WageEntry>>("[lots]").is_err());
    }

    #[test]
    fn knows_the_keys_of_each_level() {
        assert!(known_keys(&[]).contains(&"title"));
        assert!(known_keys(&crate::yaml_path!["wages", "areas", 3]).contains(&"hourly"));
        assert!(known_keys(&crate::yaml_path!["outlook"]).contains(&"period"));
    }
}
