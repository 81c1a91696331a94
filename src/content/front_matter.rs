//! The front matter exactly as an editor writes it, before validation.
//!
//! These types mirror `docs/content-model.md` field for field and stay loose
//! where editors are loose (strings for enums, numbers or strings for years)
//! so that `validate` can say precisely what is wrong and suggest the closest
//! valid value. They hold no derived data; see `model` for the validated forms.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

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
    pub employment: Option<f64>,
    pub growth: Option<f64>,
    pub growth_all: Option<f64>,
    pub openings: Option<f64>,
}

/// One percentile as written: a number, `null` (not published) or a
/// top-coded string such as `">=115.00"`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WageEntry {
    Number(f64),
    NotPublished,
    /// The published figure is at least this much.
    TopCoded(f64),
}

impl<'de> Deserialize<'de> for WageEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(WageEntryVisitor)
    }
}

struct WageEntryVisitor;

impl<'de> Visitor<'de> for WageEntryVisitor {
    type Value = WageEntry;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a number, null (not published) or a top-coded value such as \">=115.00\"")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<WageEntry, E> {
        if v.is_finite() && v >= 0.0 {
            Ok(WageEntry::Number(v))
        } else {
            Err(E::custom(format!("a wage cannot be {v}")))
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<WageEntry, E> {
        self.visit_f64(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<WageEntry, E> {
        self.visit_f64(v as f64)
    }

    fn visit_unit<E: de::Error>(self) -> Result<WageEntry, E> {
        Ok(WageEntry::NotPublished)
    }

    fn visit_none<E: de::Error>(self) -> Result<WageEntry, E> {
        Ok(WageEntry::NotPublished)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<WageEntry, E> {
        parse_top_coded(v).map(WageEntry::TopCoded).ok_or_else(|| {
            E::custom(format!(
                "`{v}` is not a wage: write a number, null, or a top-coded value such as \">=115.00\""
            ))
        })
    }
}

/// Reads `>=115.00`, `>= 239,200` or `≥115` as a lower bound.
fn parse_top_coded(text: &str) -> Option<f64> {
    let rest = text
        .trim()
        .strip_prefix(">=")
        .or_else(|| text.trim().strip_prefix('≥'))?;
    let digits: String = rest.trim().trim_start_matches('$').replace(',', "");
    digits.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0)
}

/// A short piece of text that editors may write with or without quotes:
/// `as_of: 2019` and `as_of: "2019"` mean the same.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text(pub String);

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
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

impl Text {
    pub fn as_str(&self) -> &str {
        &self.0
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
    fn reads_top_coded_values() {
        assert_eq!(parse_top_coded(">=115.00"), Some(115.0));
        assert_eq!(parse_top_coded(">= $239,200"), Some(239200.0));
        assert_eq!(parse_top_coded("≥100"), Some(100.0));
        assert_eq!(parse_top_coded("115"), None);
        assert_eq!(parse_top_coded(">=lots"), None);
    }

    #[test]
    fn knows_the_keys_of_each_level() {
        assert!(known_keys(&[]).contains(&"title"));
        assert!(known_keys(&crate::yaml_path!["wages", "areas", 3]).contains(&"hourly"));
        assert!(known_keys(&crate::yaml_path!["outlook"]).contains(&"period"));
    }
}
