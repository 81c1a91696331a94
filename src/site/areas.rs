//! Area names across the site: a name that one profile spells differently
//! from the others, and a `primary_area` or a language's area name
//! (`languages: … areas:`) for an area that no profile has.
//!
//! Each profile's tables are valid on their own, so these are warnings:
//! `Washingtn` in one profile where every other says `Washington` gives a
//! wage row that listings and comparisons never match, and a misspelt
//! `primary_area` leaves every listing without figures. A name is
//! suggested only when it is a likely typo of the one written (a letter or
//! two apart, or the same but for case), so that an area only one profile
//! covers (`Walla Walla`) is not questioned.

use std::collections::{HashMap, HashSet};

use super::SitePage;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::yaml_path;

/// Warnings for area names that look like typos of the site's areas.
pub(super) fn report(pages: &[SitePage], config: &SiteConfig, out: &mut Vec<Diagnostic>) {
    // How many profiles use each name (each profile counted once).
    let mut users: HashMap<&str, usize> = HashMap::new();
    for page in pages {
        let names: HashSet<&str> = areas_of(page).map(|(_, _, name)| name).collect();
        for name in names {
            *users.entry(name).or_default() += 1;
        }
    }
    let primary = config.primary_area.as_deref();
    let site_areas: Vec<&str> = users
        .iter()
        .filter(|&(name, &count)| count > 1 || Some(*name) == primary)
        .map(|(name, _)| *name)
        .collect();
    for page in pages {
        for (table, index, name) in areas_of(page) {
            if users.get(name) != Some(&1) || Some(name) == primary {
                continue;
            }
            let Some(near) = nearest(name, site_areas.iter().copied()) else {
                continue;
            };
            let at = page.page.locator();
            out.push(
                at.warning_at_value(
                    &yaml_path![table, "areas", index, "area"],
                    format!("the area `{name}` appears in no other profile"),
                )
                .with_hint(format!("did you mean `{near}`?")),
            );
        }
    }
    if let Some(primary) = primary.filter(|p| !users.is_empty() && !users.contains_key(p)) {
        let near = nearest(primary, users.keys().copied())
            .or_else(|| crate::diagnostics::closest(primary, users.keys().copied()));
        let hint = match near {
            Some(near) => format!("did you mean `{near}`?"),
            None => "name the area whose figures listings should show".to_string(),
        };
        let mut d = Diagnostic::warning(
            "site.yaml",
            format!("`primary_area: {primary}` is an area of no profile"),
        )
        .with_hint(hint);
        if let Some((position, line)) = &config.primary_area_at {
            d.position = Some(*position);
            d.source_line = Some(line.clone());
        }
        out.push(d);
    }
    for (i, language) in config.languages.iter().enumerate() {
        for area in language.areas.keys() {
            if users.is_empty() || users.contains_key(area.as_str()) {
                continue;
            }
            let hint = match nearest(area, users.keys().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "name an area as the profiles name it".to_string(),
            };
            let mut d = Diagnostic::warning(
                "site.yaml",
                format!(
                    "`{area}` is an area of no profile, so its name in `{}` is never shown",
                    language.code
                ),
            )
            .with_hint(hint);
            let path = yaml_path!["languages", i, "areas", area.as_str()];
            if let Some(position) = crate::yaml::Outline::parse(&config.text).key(&path) {
                d = d.at(position, &config.text);
            }
            out.push(d);
        }
    }
}

/// The areas of a profile's tables: (table, index, name).
fn areas_of(page: &SitePage) -> impl Iterator<Item = (&'static str, usize, &str)> {
    let profile = page.page.meta.profile.as_ref();
    let wages = profile
        .and_then(|p| p.wages.as_ref())
        .into_iter()
        .flat_map(|w| w.areas.iter().enumerate())
        .map(|(i, row)| ("wages", i, row.area.as_str()));
    let outlook = profile
        .and_then(|p| p.outlook.as_ref())
        .into_iter()
        .flat_map(|o| o.areas.iter().enumerate())
        .map(|(i, row)| ("outlook", i, row.area.as_str()));
    wages.chain(outlook)
}

/// The candidate `name` is most likely a typo of: the same but for case
/// and spaces, or one or two letters apart (one for short names).
fn nearest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let plain = |s: &str| {
        s.to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let written = plain(name);
    let allowed = if written.chars().count() >= 8 { 2 } else { 1 };
    candidates
        .filter(|c| *c != name)
        .map(|c| (strsim::damerau_levenshtein(&written, &plain(c)), c))
        .filter(|(distance, _)| *distance <= allowed)
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_near_and_other_places_are_not() {
        let areas = ["Washington", "King County", "United States", "Walla Walla"];
        let near = |name| nearest(name, areas.iter().copied());
        assert_eq!(near("Washingtn"), Some("Washington"));
        assert_eq!(near("washington"), Some("Washington"));
        assert_eq!(near("King  county"), Some("King County"));
        assert_eq!(near("Pierce County"), None);
        assert_eq!(near("Yakima"), None);
        assert_eq!(near("Washington"), None);
    }
}
