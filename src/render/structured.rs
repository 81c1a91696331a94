//! schema.org structured data (JSON-LD) for profile pages.
//!
//! Each profile page carries one `Occupation` object in a
//! `<script type="application/ld+json">` block. It is built here from typed
//! structs and handed to the template as a finished string
//! (`profile.json_ld`), so templates never assemble JSON. The wage figures
//! come from the same model values the wage table shows, through
//! [`format::plain_wage`], so both always agree.
//!
//! Choices worth knowing:
//! - `estimatedSalary` has one `MonetaryAmountDistribution` per wage area,
//!   named after the area, from the yearly figures (given or derived).
//!   Figures that are not published are left out, and so are top-coded
//!   ones (`$239,200 or more`): schema.org has no way to say "at least", and
//!   giving the lower bound as the percentile would state a false figure.
//!   An area with no exact yearly figure at all is left out.
//! - `occupationLocation` has one `AdministrativeArea` per area of the wage
//!   and outlook tables, with the area it lies within as `containedInPlace`.

use serde::Serialize;

use crate::content::model::{Profile, WageRow};
use crate::format::{self, Plain};
use crate::site::{SitePage, View};

#[derive(Debug, Serialize)]
struct Occupation<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "alternateName", skip_serializing_if = "Vec::is_empty")]
    alternate_name: &'a Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(rename = "occupationalCategory")]
    occupational_category: CategoryCode,
    #[serde(rename = "estimatedSalary", skip_serializing_if = "Vec::is_empty")]
    estimated_salary: Vec<SalaryDistribution<'a>>,
    #[serde(rename = "occupationLocation", skip_serializing_if = "Vec::is_empty")]
    occupation_location: Vec<AdministrativeArea<'a>>,
    #[serde(
        rename = "educationRequirements",
        skip_serializing_if = "Option::is_none"
    )]
    education_requirements: Option<String>,
    /// The language of the page, on a site of more than one.
    #[serde(rename = "inLanguage", skip_serializing_if = "Option::is_none")]
    in_language: Option<&'a str>,
    #[serde(rename = "mainEntityOfPage")]
    main_entity_of_page: WebPage,
}

#[derive(Debug, Serialize)]
struct CategoryCode {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "codeValue")]
    code_value: String,
    #[serde(rename = "inCodeSet")]
    in_code_set: CategoryCodeSet,
}

#[derive(Debug, Serialize)]
struct CategoryCodeSet {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
}

#[derive(Debug, Serialize)]
struct SalaryDistribution<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    /// The wage area the figures are for.
    name: &'a str,
    currency: &'static str,
    duration: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    percentile10: Option<Plain>,
    #[serde(skip_serializing_if = "Option::is_none")]
    percentile25: Option<Plain>,
    #[serde(skip_serializing_if = "Option::is_none")]
    median: Option<Plain>,
    #[serde(skip_serializing_if = "Option::is_none")]
    percentile75: Option<Plain>,
    #[serde(skip_serializing_if = "Option::is_none")]
    percentile90: Option<Plain>,
}

#[derive(Debug, Serialize)]
struct AdministrativeArea<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "containedInPlace", skip_serializing_if = "Option::is_none")]
    contained_in_place: Option<Box<AdministrativeArea<'a>>>,
}

#[derive(Debug, Serialize)]
struct WebPage {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id", skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(rename = "lastReviewed", skip_serializing_if = "Option::is_none")]
    last_reviewed: Option<String>,
}

/// The JSON-LD of a profile page, ready to print inside
/// `<script type="application/ld+json">`: `<`, `>` and `&` are written as
/// `\u003c`, `\u003e` and `\u0026`, so no text from the content can close
/// the script element. `None` only if serialisation failed.
pub fn occupation_json_ld(
    view: &View,
    page: &SitePage,
    profile: &Profile,
    strings: &crate::render::strings::Strings,
) -> Option<String> {
    let permalink = view.permalink(&page.url_path);
    let languages = view.languages();
    let in_language = (languages.len() > 1).then(|| {
        // An untranslated page is in its source's language.
        let lang = if page.fallback { 0 } else { view.lang() };
        languages.get(lang).map_or("", |l| l.code.as_str())
    });
    let occupation = Occupation {
        context: "https://schema.org",
        kind: "Occupation",
        name: &page.page.meta.title,
        alternate_name: &profile.also_called,
        description: page.page.meta.summary.as_deref(),
        occupational_category: CategoryCode {
            kind: "CategoryCode",
            code_value: profile.soc.clone(),
            in_code_set: CategoryCodeSet {
                kind: "CategoryCodeSet",
                name: format!("SOC {}", profile.soc_version),
            },
        },
        estimated_salary: profile
            .wages
            .iter()
            .flat_map(|w| &w.areas)
            .filter_map(salary)
            .collect(),
        occupation_location: locations(profile),
        education_requirements: profile
            .education
            .map(|e| strings.get(&format!("level_{}", e.key())).to_string()),
        in_language,
        main_entity_of_page: WebPage {
            kind: "WebPage",
            id: permalink.clone(),
            url: permalink,
            last_reviewed: profile.reviewed.map(|d| d.to_string()),
        },
    };
    serde_json::to_string(&occupation)
        .ok()
        .map(|json| escape_for_script(&json))
}

/// Makes JSON safe inside a `<script>` element. The three characters only
/// occur inside JSON strings, where the `\u` escapes mean the same.
pub fn escape_for_script(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn salary(row: &WageRow) -> Option<SalaryDistribution<'_>> {
    // Exact figures only: top-coded ones are lower bounds (see the module docs).
    let exact = |i: usize| match row.yearly.get(i).and_then(|w| format::plain_wage(*w)) {
        Some((n, false)) => Some(n),
        _ => None,
    };
    let distribution = SalaryDistribution {
        kind: "MonetaryAmountDistribution",
        name: &row.area,
        currency: "USD",
        duration: "P1Y",
        percentile10: exact(0),
        percentile25: exact(1),
        median: exact(2),
        percentile75: exact(3),
        percentile90: exact(4),
    };
    (0..5).any(|i| exact(i).is_some()).then_some(distribution)
}

/// Every area of the wage and outlook tables, once, in table order.
fn locations(profile: &Profile) -> Vec<AdministrativeArea<'_>> {
    let wage_areas = profile
        .wages
        .iter()
        .flat_map(|w| &w.areas)
        .map(|r| (&r.area, &r.within));
    let outlook_areas = profile
        .outlook
        .iter()
        .flat_map(|o| &o.areas)
        .map(|r| (&r.area, &r.within));
    let mut seen = std::collections::HashSet::new();
    wage_areas
        .chain(outlook_areas)
        .filter(|(area, _)| seen.insert(area.as_str()))
        .map(|(area, within)| AdministrativeArea {
            kind: "AdministrativeArea",
            name: area,
            contained_in_place: within.as_deref().map(|w| {
                Box::new(AdministrativeArea {
                    kind: "AdministrativeArea",
                    name: w,
                    contained_in_place: None,
                })
            }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_end_cannot_appear() {
        let escaped = escape_for_script(r#"{"a":"</script><b>&"}"#);
        assert!(!escaped.contains('<'));
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back["a"], "</script><b>&");
    }
}
