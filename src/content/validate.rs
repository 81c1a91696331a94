//! The content model's rules: raw front matter in, typed [`PageMeta`] out.
//!
//! Every rule of `docs/content-model.md` that can be checked on one file
//! alone lives here (SOC and O*NET formats, job zone, education, Holland
//! letters, wage rows, `within`). Rules that need the whole site (`related`,
//! links, URL collisions) live in `site`. Problems are reported, never
//! returned early, so one run lists all of them; a value that fails its
//! rule is left out of the typed model rather than guessed at.

use std::collections::HashSet;

use super::front_matter::{self as raw, FrontMatter, WageEntry};
use super::model::*;
use super::Locator;
use crate::diagnostics::{closest, Diagnostic};
use crate::yaml::Segment;
use crate::yaml_path;

pub const SOC_VERSIONS: [u16; 2] = [2010, 2018];

/// Keys that mean something only on a profile (a page with `soc`).
const PROFILE_ONLY_KEYS: [&str; 14] = [
    "soc_version",
    "also_called",
    "at_a_glance",
    "pros",
    "cons",
    "cluster",
    "holland",
    "job_zone",
    "education",
    "related",
    "onet",
    "reviewed",
    "wages",
    "outlook",
];

pub fn validate(mut front: FrontMatter, at: &Locator, out: &mut Vec<Diagnostic>) -> PageMeta {
    let mut v = Validator { at, out };
    for path in front.strip_control_chars() {
        v.warning(
            &path,
            "removed a control character from this text".into(),
            Some("control characters are invisible and not allowed in web pages".into()),
        );
    }
    let title = match front.rejected.contains(&"title") {
        true => String::new(),
        false => v.title(front.title.as_deref()),
    };
    let slug = front.slug.clone().filter(|slug| v.slug(slug));
    let profile = match &front.soc {
        Some(soc) => v.profile(Some(soc.as_str()), &front),
        // Written, but not as text: reported already; still a profile.
        None if front.rejected.contains(&"soc") => v.profile(None, &front),
        None => {
            v.warn_profile_keys_on_plain_page(&front);
            None
        }
    };
    PageMeta {
        title,
        summary: front.summary,
        draft: front.draft,
        slug,
        extra: front.extra,
        profile,
    }
}

struct Validator<'a, 'b, 'l> {
    at: &'a Locator<'l>,
    out: &'b mut Vec<Diagnostic>,
}

impl Validator<'_, '_, '_> {
    fn error(&mut self, path: &[Segment], message: String, hint: Option<String>) {
        let mut d = self.at.error_at_value(path, message);
        d.hint = hint;
        self.out.push(d);
    }

    fn warning(&mut self, path: &[Segment], message: String, hint: Option<String>) {
        let mut d = self.at.warning_at_value(path, message);
        d.hint = hint;
        self.out.push(d);
    }

    fn title(&mut self, title: Option<&str>) -> String {
        match title.map(str::trim) {
            Some(t) if !t.is_empty() => t.to_string(),
            _ => {
                self.error(
                    &yaml_path!["title"],
                    "every page needs a `title`".into(),
                    Some("add a line such as `title: Health Information Technicians` to the front matter".into()),
                );
                String::new()
            }
        }
    }

    fn slug(&mut self, slug: &str) -> bool {
        if is_url_part(slug) {
            return true;
        }
        self.error(
            &yaml_path!["slug"],
            format!("`{slug}` cannot be part of a URL"),
            Some(format!(
                "use letters, digits and hyphens, such as `{}`",
                slugify(slug)
            )),
        );
        false
    }

    fn profile(&mut self, soc: Option<&str>, front: &FrontMatter) -> Option<Profile> {
        // An invalid code is reported; the rest of the profile is still
        // checked so that one run lists every problem.
        let soc = soc.map_or_else(String::new, |soc| {
            self.soc(soc).unwrap_or_else(|| soc.trim().to_string())
        });
        let soc_version = self.soc_version(front.soc_version);
        Some(Profile {
            soc,
            soc_version,
            also_called: front.also_called.clone(),
            at_a_glance: front.at_a_glance.clone(),
            pros: front.pros.clone(),
            cons: front.cons.clone(),
            cluster: front.cluster.clone().filter(|c| !c.trim().is_empty()),
            holland: front.holland.as_deref().and_then(|h| self.holland(h)),
            job_zone: front.job_zone.and_then(|z| self.job_zone(z)),
            education: front.education.as_deref().and_then(|e| self.education(e)),
            related: front.related.clone(),
            onet: self.onet(&front.onet),
            reviewed: front
                .reviewed
                .as_ref()
                .and_then(|r| self.reviewed(r.as_str())),
            wages: front.wages.as_ref().and_then(|w| self.wages(w)),
            outlook: front.outlook.as_ref().map(|o| self.outlook(o)),
        })
    }

    fn soc(&mut self, soc: &str) -> Option<String> {
        let soc = soc.trim();
        if !is_soc_code(soc) {
            let digits: String = soc.chars().filter(char::is_ascii_digit).collect();
            let hint = if digits.len() == 6 {
                let (major, minor) = digits.split_at(2); // ASCII digits only
                format!("did you mean `{major}-{minor}`?")
            } else {
                "write a SOC code as two digits, a hyphen and four digits, such as `29-2071`".into()
            };
            self.error(
                &yaml_path!["soc"],
                format!("`{soc}` is not a SOC code"),
                Some(hint),
            );
            return None;
        }
        let major: u32 = soc.get(..2).and_then(|m| m.parse().ok()).unwrap_or(0);
        if !(11..=55).contains(&major) || major % 2 == 0 {
            self.error(
                &yaml_path!["soc"],
                format!("`{soc}` has no SOC major group {major:02}"),
                Some("major groups are the odd numbers from 11 to 55 (29 is healthcare practitioners)".into()),
            );
            return None;
        }
        Some(soc.to_string())
    }

    fn soc_version(&mut self, version: Option<u16>) -> u16 {
        match version {
            None => 2018,
            Some(v) if SOC_VERSIONS.contains(&v) => v,
            Some(v) => {
                self.error(
                    &yaml_path!["soc_version"],
                    format!("there is no SOC version {v}"),
                    Some("use 2010 or 2018".into()),
                );
                2018
            }
        }
    }

    fn holland(&mut self, code: &str) -> Option<String> {
        let upper = code.trim().to_uppercase();
        let valid_letters = upper.chars().all(|c| holland_name(c).is_some());
        let unique = upper.chars().collect::<HashSet<_>>().len() == upper.chars().count();
        if !upper.is_empty() && upper.chars().count() <= 3 && valid_letters && unique {
            return Some(upper);
        }
        self.error(
            &yaml_path!["holland"],
            format!("`{code}` is not a Holland code"),
            Some("write one to three different RIASEC letters, most important first: R Realistic, I Investigative, A Artistic, S Social, E Enterprising, C Conventional (such as `CIE`)".into()),
        );
        None
    }

    fn job_zone(&mut self, zone: i64) -> Option<u8> {
        if (1..=5).contains(&zone) {
            return Some(zone as u8);
        }
        self.error(
            &yaml_path!["job_zone"],
            format!("there is no job zone {zone}"),
            Some("job zones run from 1 (little preparation) to 5 (extensive preparation)".into()),
        );
        None
    }

    fn education(&mut self, value: &str) -> Option<Education> {
        if let Some(e) = Education::from_key(value.trim()) {
            return Some(e);
        }
        let keys = Education::ALL.map(Education::key);
        let hint = match closest(value, keys) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("use one of: {}", keys.join(", ")),
        };
        self.error(
            &yaml_path!["education"],
            format!("`{value}` is not an education level"),
            Some(hint),
        );
        None
    }

    fn onet(&mut self, codes: &[raw::Text]) -> Vec<String> {
        let mut valid = Vec::new();
        for (i, code) in codes.iter().enumerate() {
            let code = code.as_str().trim();
            if is_onet_code(code) {
                valid.push(code.to_string());
            } else {
                let hint = if is_soc_code(code) {
                    format!("did you mean `{code}.00`?")
                } else {
                    "write an O*NET-SOC code as NN-NNNN.NN, such as `29-2071.00`".into()
                };
                self.error(
                    &yaml_path!["onet", i],
                    format!("`{code}` is not an O*NET-SOC code"),
                    Some(hint),
                );
            }
        }
        valid
    }

    fn reviewed(&mut self, text: &str) -> Option<jiff::civil::Date> {
        match text.trim().parse::<jiff::civil::Date>() {
            Ok(date) => Some(date),
            Err(_) => {
                // `2/24/19` and `2019/02/24`, as editors write dates in notes.
                let one_word = !text.trim().contains(char::is_whitespace);
                let meant = one_word
                    .then(|| crate::check::notes::date_in(text.trim()))
                    .flatten()
                    .or_else(|| year_month_day(text.trim()));
                let hint = match meant {
                    Some(date) => format!("did you mean {date}?"),
                    None => "write the date as YYYY-MM-DD, such as `2019-02-24`".into(),
                };
                self.error(
                    &yaml_path!["reviewed"],
                    format!("`{text}` is not a date"),
                    Some(hint),
                );
                None
            }
        }
    }

    fn wages(&mut self, wages: &raw::Wages) -> Option<WageTable> {
        let rows = self.rows("wages", &wages.areas, |v, path, area, depth| {
            if area.rejected {
                return None; // reported when read
            }
            let hourly = v.percentiles(path, "hourly", area.hourly.as_deref());
            let monthly = v.percentiles(path, "monthly", area.monthly.as_deref());
            let yearly = v.percentiles(path, "yearly", area.yearly.as_deref());
            if area.hourly.is_none() && area.yearly.is_none() {
                v.error(
                    path,
                    format!(
                        "the wages for {} need an `hourly` or a `yearly` row",
                        area_phrase(&area.area)
                    ),
                    Some("the other periods are derived from these".into()),
                );
                return None;
            }
            if let (Some(h), Some(y)) = (hourly, yearly) {
                v.compare_hourly_yearly(path, &area.area, &h, &y);
            }
            Some(WageRow::derive(
                area.area.clone(),
                area.within.clone(),
                depth,
                hourly,
                monthly,
                yearly,
            ))
        });
        Some(WageTable {
            source: wages.source.clone(),
            as_of: wages.as_of.as_ref().map(|t| t.0.clone()),
            areas: rows,
        })
    }

    fn outlook(&mut self, outlook: &raw::Outlook) -> OutlookTable {
        let rows = self.rows("outlook", &outlook.areas, |v, path, area, depth| {
            for (key, value) in [("employment", area.employment), ("openings", area.openings)] {
                if let Some(n) = value.filter(|v| v.value < 0.0) {
                    let p = [path, &[Segment::Key(key.into())]].concat();
                    v.error(
                        &p,
                        format!("`{key}` cannot be negative ({})", written(n)),
                        None,
                    );
                }
            }
            Some(OutlookRow {
                area: area.area.clone(),
                within: area.within.clone(),
                depth,
                employment: area.employment,
                growth: area.growth,
                growth_all: area.growth_all,
                openings: area.openings,
            })
        });
        OutlookTable {
            source: outlook.source.clone(),
            period: outlook.period.as_ref().map(|t| t.0.clone()),
            areas: rows,
        }
    }

    /// The one loop over the areas of a table (`wages` or `outlook`):
    /// checks each area's name and `within`, then makes its row with
    /// `row(validator, path, area, depth)`. An area whose name is fine
    /// counts as listed for the `within` of later areas even when its row
    /// has problems, so that one mistake is reported once.
    fn rows<A: Area, R>(
        &mut self,
        table: &str,
        areas: &[A],
        mut row: impl FnMut(&mut Self, &[Segment], &A, usize) -> Option<R>,
    ) -> Vec<R> {
        let mut rows = Vec::with_capacity(areas.len());
        let mut depths: Vec<(&str, usize)> = Vec::with_capacity(areas.len());
        let names: Vec<&str> = areas.iter().map(Area::name).collect();
        for (i, area) in areas.iter().enumerate() {
            let path = yaml_path![table, "areas", i];
            let Some(depth) = self.area(
                &path,
                area.name(),
                area.within(),
                names.get(..i).unwrap_or_default(),
                &depths,
            ) else {
                continue;
            };
            depths.push((area.name(), depth));
            rows.extend(row(self, &path, area, depth));
        }
        rows
    }

    /// Checks an area's name and `within`; returns its nesting depth.
    fn area(
        &mut self,
        path: &[Segment],
        name: &str,
        within: Option<&str>,
        earlier: &[&str],
        earlier_depths: &[(&str, usize)],
    ) -> Option<usize> {
        let with = |key: &str| [path, &[Segment::Key(key.into())]].concat();
        if name.trim().is_empty() {
            self.error(&with("area"), "every row needs an `area` name".into(), None);
            return None;
        }
        if earlier.contains(&name) {
            self.error(
                &with("area"),
                format!("the area `{name}` is listed twice"),
                None,
            );
            return None;
        }
        let Some(parent) = within else { return Some(0) };
        match earlier_depths.iter().find(|(n, _)| *n == parent) {
            Some((_, depth)) => Some(depth + 1),
            None => {
                let hint = match closest(parent, earlier.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None if earlier.is_empty() => {
                        "list the parent area before the areas within it".into()
                    }
                    None => format!(
                        "`within` names an area listed above it: {}",
                        earlier.join(", ")
                    ),
                };
                self.error(
                    &with("within"),
                    format!("`within: {parent}` names no area listed earlier in this table"),
                    Some(hint),
                );
                None
            }
        }
    }

    fn percentiles(
        &mut self,
        area_path: &[Segment],
        period: &str,
        entries: Option<&[WageEntry]>,
    ) -> Option<[Amount; 5]> {
        let entries = entries?;
        let path = [area_path, &[Segment::Key(period.into())]].concat();
        let Ok(row) = <[WageEntry; 5]>::try_from(entries) else {
            self.error(
                &path,
                format!(
                    "{} `{period}` row has {} entries; it needs exactly 5",
                    crate::content::reader::article(period),
                    entries.len()
                ),
                Some("list the 10th, 25th, median, 75th and 90th percentiles, with null for one that is not published".into()),
            );
            return None;
        };
        let amounts = row.map(|e| match e {
            WageEntry::Number(v) => Amount::Exact(v),
            WageEntry::TopCoded(v) => Amount::AtLeast(v),
            WageEntry::NotPublished => Amount::NotPublished,
        });
        self.check_order(&path, &amounts).then_some(amounts)
    }

    /// Percentiles must not decrease from p10 to p90 (unpublished ones skipped).
    fn check_order(&mut self, path: &[Segment], amounts: &[Amount; 5]) -> bool {
        let mut ok = true;
        let mut previous: Option<(usize, f64, Amount)> = None;
        for (i, amount) in amounts.iter().enumerate() {
            let Some(value) = amount.value() else {
                continue;
            };
            if let Some((j, before, written_before)) = previous {
                if value < before {
                    let entry_path = [path, &[Segment::Index(i)]].concat();
                    self.error(
                        &entry_path,
                        format!(
                            "the {} ({}) is lower than the {} ({})",
                            percentile_name(i),
                            written_amount(*amount),
                            percentile_name(j),
                            written_amount(written_before)
                        ),
                        Some("percentiles go from the 10th to the 90th and never decrease; check the order of the row".into()),
                    );
                    ok = false;
                }
            }
            previous = Some((i, value, *amount));
        }
        ok
    }

    fn compare_hourly_yearly(
        &mut self,
        path: &[Segment],
        area: &str,
        h: &[Amount; 5],
        y: &[Amount; 5],
    ) {
        for (i, (&h, &y)) in h.iter().zip(y).enumerate() {
            if let (Amount::Exact(hourly), Amount::Exact(yearly_written)) = (h, y) {
                let (hourly, yearly) = (hourly.value, yearly_written.value);
                let expected = hourly * HOURS_PER_YEAR;
                if yearly > 0.0 && ((expected - yearly) / yearly).abs() > 0.01 {
                    let entry =
                        [path, &[Segment::Key("yearly".into()), Segment::Index(i)]].concat();
                    self.warning(
                        &entry,
                        format!(
                            "in {}, the yearly {} ({}) differs by more than 1% from the hourly figure × 2080 ({expected:.0})",
                            area_phrase(area),
                            percentile_name(i),
                            written(yearly_written)
                        ),
                        Some("check both figures against the source".into()),
                    );
                }
            }
        }
    }

    /// Nothing an editor writes is dropped silently: say when a key is unused.
    fn warn_profile_keys_on_plain_page(&mut self, front: &FrontMatter) {
        let present = [
            front.soc_version.is_some(),
            !front.also_called.is_empty(),
            !front.at_a_glance.is_empty(),
            !front.pros.is_empty(),
            !front.cons.is_empty(),
            front.cluster.is_some(),
            front.holland.is_some(),
            front.job_zone.is_some(),
            front.education.is_some(),
            !front.related.is_empty(),
            !front.onet.is_empty(),
            front.reviewed.is_some(),
            front.wages.is_some(),
            front.outlook.is_some(),
        ];
        for (key, _) in PROFILE_ONLY_KEYS.iter().zip(present).filter(|(_, p)| *p) {
            self.warning(
                &yaml_path![*key],
                format!("`{key}` is used only on occupation profiles, and this page has no `soc`"),
                Some("add `soc:` to make this page a profile, or remove the key".into()),
            );
        }
    }
}

/// A row of a wage or outlook table, to [`Validator::rows`].
trait Area {
    fn name(&self) -> &str;
    fn within(&self) -> Option<&str>;
}

impl Area for raw::WageArea {
    fn name(&self) -> &str {
        &self.area
    }
    fn within(&self) -> Option<&str> {
        self.within.as_deref()
    }
}

impl Area for raw::OutlookArea {
    fn name(&self) -> &str {
        &self.area
    }
    fn within(&self) -> Option<&str> {
        self.within.as_deref()
    }
}

/// A figure as the editor wrote it: `48.20`, not `48.2`.
pub(crate) fn written(n: Number) -> String {
    format!("{:.*}", n.decimals as usize, n.value)
}

fn written_amount(amount: Amount) -> String {
    match amount {
        Amount::Exact(n) => written(n),
        Amount::AtLeast(n) => format!(">={}", written(n)),
        Amount::NotPublished => "null".into(),
    }
}

/// An area's name as it reads in a sentence: "the United States", "the
/// District of Columbia", but "Washington".
pub(crate) fn area_phrase(name: &str) -> String {
    let takes_the = [
        "United ",
        "Republic ",
        "District of ",
        "State of ",
        "Commonwealth of ",
    ]
    .iter()
    .any(|start| name.starts_with(start))
        || name.ends_with(" Islands")
        || matches!(
            name,
            "Netherlands" | "Philippines" | "Bahamas" | "US" | "U.S."
        );
    match takes_the {
        true => format!("the {name}"),
        false => name.to_string(),
    }
}

/// `2019/02/24` → 2019-02-24.
fn year_month_day(text: &str) -> Option<jiff::civil::Date> {
    let mut parts = text.split(['/', '.']);
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    jiff::civil::Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()
}

/// The name of the `i`th percentile of a wage row (`the median`).
fn percentile_name(i: usize) -> &'static str {
    PERCENTILE_NAMES.get(i).copied().unwrap_or("figure")
}

/// `NN-NNNN`.
pub fn is_soc_code(code: &str) -> bool {
    match code.as_bytes() {
        [a, b, b'-', rest @ ..] => {
            rest.len() == 4 && [a, b].into_iter().chain(rest).all(u8::is_ascii_digit)
        }
        _ => false,
    }
}

/// `NN-NNNN.NN`. Split at the dot rather than sliced at byte 7: a code with
/// a non-ASCII character (`29-114é.0`) has no char boundary there.
pub fn is_onet_code(code: &str) -> bool {
    code.split_once('.').is_some_and(|(soc, detail)| {
        is_soc_code(soc) && detail.len() == 2 && detail.bytes().all(|c| c.is_ascii_digit())
    })
}

/// A string that can stand as one part of a URL path without escaping.
pub fn is_url_part(text: &str) -> bool {
    !text.is_empty()
        && text != "."
        && text != ".."
        && text
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~'))
}

/// Lower-case words joined by hyphens: `Health Science` → `health-science`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    // Keep URLs plain ASCII: other letters become hyphens' neighbours.
    let ascii: String = slug.chars().filter(|c| c.is_ascii()).collect();
    if ascii.is_empty() {
        "page".into()
    } else {
        ascii
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soc_and_onet_formats() {
        assert!(is_soc_code("29-2071"));
        assert!(!is_soc_code("292071"));
        assert!(!is_soc_code("29-207"));
        assert!(is_onet_code("29-2071.00"));
        assert!(!is_onet_code("29-2071"));
        assert!(!is_onet_code("29-2071.0a"));
        assert!(!is_onet_code("29-114é.0"));
        assert!(!is_onet_code("é9-2071.00"));
        assert!(!is_onet_code("29-2071.é"));
        assert!(!is_onet_code("29-2071.00.00"));
        assert!(!is_soc_code("29-20é"));
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Health Science"), "health-science");
        assert_eq!(
            slugify("  Arts, A/V & Communications "),
            "arts-a-v-communications"
        );
        assert!(is_url_part("custom-url_part.2"));
        assert!(!is_url_part("a b"));
        assert!(!is_url_part(".."));
    }
}
