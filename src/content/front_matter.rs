//! The front matter exactly as an editor writes it, before validation.
//!
//! These types mirror `docs/content-model.md` field for field and stay loose
//! where editors are loose (strings for enums, numbers or strings for years)
//! so that `validate` can say precisely what is wrong and suggest the closest
//! valid value. They hold no derived data; see `model` for the validated forms.

use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

use super::model::Number;
use crate::yaml::Segment;

// The doc comments of these types are the descriptions in the JSON Schema
// (`careers schema`) and the language server's hovers; the `schemars`
// attributes state the rules of `validate` that a schema can express.
/// The front matter of a page of careers (YAML between two `---` lines).
/// A page whose front matter has `soc` is an occupation profile; without
/// it, a plain page.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default)]
#[schemars(
    title = "careers front matter",
    deny_unknown_fields,
    extend("required" = ["title"])
)]
pub struct FrontMatter {
    /// The page's title (required on every page), such as `Health Information Technicians`.
    #[schemars(
        with = "String",
        regex(pattern = r"\S"),
        example = "Health Information Technicians"
    )]
    pub title: Option<String>,
    /// The occupation's SOC code, `NN-NNNN`: two digits, a hyphen and four
    /// digits; the major group (the first two digits) is an odd number from
    /// 11 to 55. A page with `soc` is an occupation profile.
    #[schemars(schema_with = "crate::schema::soc_code", example = "29-2071")]
    pub soc: Option<Text>,
    /// The SOC edition the code is from: 2010 or 2018 (the default).
    #[schemars(schema_with = "crate::schema::soc_version", example = 2018)]
    pub soc_version: Option<u16>,
    /// Other names of the occupation, searched and shown on the profile.
    #[schemars(example = ["Medical records technicians"])]
    pub also_called: Vec<String>,
    /// One sentence on what people in this occupation do: listings, search
    /// results and the page's meta description show it.
    #[schemars(example = "Collect, code and maintain patients' medical information.")]
    pub summary: Option<String>,
    /// Short points shown at the top of the profile.
    #[schemars(example = ["Maintain patient medical records", "Training usually lasts two years"])]
    pub at_a_glance: Vec<String>,
    /// What people like about the occupation.
    pub pros: Vec<String>,
    /// What people find hard about the occupation.
    pub cons: Vec<String>,
    /// The career cluster (a taxonomy: each cluster has a page at `/clusters/NAME/`).
    #[schemars(example = "Health Science")]
    pub cluster: Option<String>,
    /// The Holland (RIASEC) code: one to three different letters, most
    /// important first: R Realistic, I Investigative, A Artistic, S Social,
    /// E Enterprising, C Conventional.
    #[schemars(schema_with = "crate::schema::holland_code", example = &"CIE")]
    pub holland: Option<String>,
    /// The O*NET job zone, 1 (little or no preparation needed) to 5
    /// (extensive preparation needed).
    #[schemars(range(min = 1, max = 5), example = 3)]
    pub job_zone: Option<i64>,
    /// The typical education needed to enter the occupation.
    #[schemars(schema_with = "crate::schema::education", example = &"associate")]
    pub education: Option<String>,
    /// Other profiles of this site, by file name without `.md`
    /// (`medical-records-specialists`), by path under `content/` or by slug.
    /// Each must exist.
    #[schemars(example = ["medical-records-specialists"])]
    pub related: Vec<String>,
    /// O*NET-SOC codes, `NN-NNNN.NN`.
    #[schemars(schema_with = "crate::schema::onet_codes", example = ["29-2071.00"])]
    pub onet: Vec<Text>,
    /// The date of the last editorial review, `YYYY-MM-DD`. Reviews older
    /// than the site's `review_after_months` are flagged by `careers check`.
    #[schemars(schema_with = "crate::schema::date", example = "2019-02-24")]
    pub reviewed: Option<Text>,
    /// A draft is left out of the site unless drafts are asked for (`--drafts`).
    pub draft: bool,
    /// The last part of the page's URL instead of its file name: letters,
    /// digits and `-._~`, not starting with `.`.
    #[schemars(schema_with = "crate::schema::slug", example = "custom-url-part")]
    pub slug: Option<String>,
    /// Free-form values passed to the templates untouched.
    #[schemars(with = "serde_json::Map<String, serde_json::Value>")]
    pub extra: serde_json::Value,
    /// Wages by area: the 10th, 25th, median, 75th and 90th percentiles.
    pub wages: Option<Wages>,
    /// The employment outlook by area: jobs, growth and openings over a projection period.
    pub outlook: Option<Outlook>,
    /// Top-level keys whose value was reported as unreadable, so that
    /// validation does not report them again as missing.
    #[serde(skip)]
    pub rejected: Vec<&'static str>,
}

/// Wages by area.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default)]
#[schemars(deny_unknown_fields)]
pub struct Wages {
    /// Where the figures come from.
    #[schemars(example = "Employment Security Department, OEWS")]
    pub source: Option<String>,
    /// The release the figures are from, such as `May 2023`.
    #[schemars(example = "May 2023")]
    pub as_of: Option<Text>,
    /// One row per area; an area listed with `within` is shown nested under
    /// that area, listed earlier.
    pub areas: Vec<WageArea>,
}

/// The wages of one area. It needs `hourly` or `yearly`; what is missing is
/// derived (yearly = hourly × 2080, monthly = yearly ÷ 12) and marked as derived.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default)]
#[schemars(
    deny_unknown_fields,
    extend("required" = ["area"], "anyOf" = [{"required": ["hourly"]}, {"required": ["yearly"]}])
)]
pub struct WageArea {
    /// The area's name, such as `Washington` or `United States`.
    #[schemars(regex(pattern = r"\S"), example = &"Washington")]
    pub area: String,
    /// The area this one is shown nested under: an area listed earlier in the same table.
    #[schemars(example = &"Washington")]
    pub within: Option<String>,
    /// Hourly wages: 10th, 25th, median, 75th and 90th percentile.
    #[schemars(length(equal = 5), example = [15.20, 17.19, 20.91, 26.40, 31.55])]
    pub hourly: Option<Vec<WageEntry>>,
    /// Monthly wages: 10th, 25th, median, 75th and 90th percentile.
    #[schemars(length(equal = 5), example = [2634, 2979, 3624, 4575, 5468])]
    pub monthly: Option<Vec<WageEntry>>,
    /// Yearly wages: 10th, 25th, median, 75th and 90th percentile.
    #[schemars(length(equal = 5), example = [31610, 35760, 43500, 54920, 65620])]
    pub yearly: Option<Vec<WageEntry>>,
    /// Something in this row was reported as unreadable: validation skips
    /// the checks that would repeat it.
    #[serde(skip)]
    pub rejected: bool,
}

/// The employment outlook by area.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default)]
#[schemars(deny_unknown_fields)]
pub struct Outlook {
    /// Where the projections come from.
    #[schemars(example = "BLS Employment Projections")]
    pub source: Option<String>,
    /// The projection period, such as `2022-2032`.
    #[schemars(example = "2022-2032")]
    pub period: Option<Text>,
    /// One row per area; an area listed with `within` is shown nested under
    /// that area, listed earlier.
    pub areas: Vec<OutlookArea>,
}

/// The outlook of one area.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(default)]
#[schemars(deny_unknown_fields, extend("required" = ["area"]))]
pub struct OutlookArea {
    /// The area's name, such as `Washington` or `United States`.
    #[schemars(regex(pattern = r"\S"), example = &"Washington")]
    pub area: String,
    /// The area this one is shown nested under: an area listed earlier in the same table.
    pub within: Option<String>,
    /// Jobs in the base year of the period.
    #[schemars(range(min = 0), example = 5050)]
    pub employment: Option<Number>,
    /// Percent change in jobs over the period, this occupation (`12`, not `12 %`).
    #[schemars(example = 19.4)]
    pub growth: Option<Number>,
    /// Percent change over the period, all occupations in the same area.
    #[schemars(example = 16.1)]
    pub growth_all: Option<Number>,
    /// Average annual openings.
    #[schemars(range(min = 0), example = 523)]
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
