//! Which areas a table shows, in what order, under what names, nested
//! under what.
//!
//! Either the editor says so in a small YAML file (`--areas`), a mapping
//! from the files' area codes (or titles) to the site's names:
//!
//! ```yaml
//! "53": Washington
//! "13380": { name: Bellingham, within: Washington }
//! "99": United States
//! ```
//!
//! or, without it, each profile keeps the areas its table already has, in
//! its order and nesting, matched to the files' areas by name
//! (`Bellingham` matches `Bellingham, WA`; `United States` matches `U.S.`).
//! This module resolves both to a list of [`Target`]s; it does not read
//! figures.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use crate::diagnostics::{closest, Diagnostic, Position};
use crate::yaml::{self, Outline, Segment};

use super::codes;
use super::profiles::{Block, Profile};
use super::ImportError;

/// One row a profile's table gets: the site's name for it and the file
/// area whose figures fill it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub name: String,
    pub within: Option<String>,
    /// The area's code in the files, as compared (see [`FileAreas::add`]).
    pub code: String,
}

/// An area that a data file has.
#[derive(Debug, Clone)]
pub struct FileArea {
    pub code: String,
    pub title: String,
}

/// Every area the data files have, in the order first seen, indexed by
/// code, title and name: every data row registers its area, so a lookup
/// that walked the list made a large file's import quadratic (1 million
/// rows with 90,000 areas took 149 s).
#[derive(Debug, Default)]
pub struct FileAreas {
    areas: Vec<FileArea>,
    by_code: HashMap<String, usize>,
    /// ASCII-lower-cased title → the first area with it.
    by_title: HashMap<String, usize>,
    /// [`normalise_name`] of the title → every area with it, in order.
    by_normalised: HashMap<String, Vec<usize>>,
}

impl FileAreas {
    /// Registers an area and returns its code as compared: leading zeros
    /// dropped and lower case, so `"01"`, `1` and `01` are one area.
    pub fn add(&mut self, code: &str, title: &str) -> String {
        let code = codes::area_code(code).to_lowercase();
        if self.by_code.contains_key(&code) {
            return code;
        }
        let index = self.areas.len();
        let title = title.trim().to_string();
        self.by_code.insert(code.clone(), index);
        self.by_title
            .entry(title.to_ascii_lowercase())
            .or_insert(index);
        self.by_normalised
            .entry(normalise_name(&title))
            .or_default()
            .push(index);
        self.areas.push(FileArea {
            code: code.clone(),
            title,
        });
        code
    }

    pub fn len(&self) -> usize {
        self.areas.len()
    }

    /// An area by code, or by title (as written or as a name).
    fn by_key(&self, key: &str) -> Option<&FileArea> {
        let code = codes::area_code(key).to_lowercase();
        self.by_code
            .get(&code)
            .and_then(|&i| self.areas.get(i))
            .or_else(|| self.by_name(key).ok().flatten())
    }

    /// An area by the site's name for it. `Err` lists the areas a name
    /// matches when it matches several.
    fn by_name(&self, name: &str) -> Result<Option<&FileArea>, Vec<&FileArea>> {
        if let Some(&exact) = self.by_title.get(&name.trim().to_ascii_lowercase()) {
            return Ok(self.areas.get(exact));
        }
        let found: Vec<&FileArea> = self
            .by_normalised
            .get(&normalise_name(name))
            .map(|all| all.iter().filter_map(|&i| self.areas.get(i)).collect())
            .unwrap_or_default();
        match found.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(*one)),
            _ => Err(found),
        }
    }

    fn titles(&self) -> impl Iterator<Item = &str> {
        self.areas.iter().map(|a| a.title.as_str())
    }
}

/// A name as compared: lower case, spaces folded, the state suffix of
/// metropolitan area titles dropped (`Bellingham, WA`, `Lewiston, ID-WA`),
/// and the ways of writing the nation made one.
fn normalise_name(name: &str) -> String {
    let lower = name
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if matches!(
        lower.as_str(),
        "u.s." | "us" | "u.s" | "national" | "united states of america" | "u.s. total"
    ) {
        return "united states".into();
    }
    match lower.rsplit_once(", ") {
        Some((place, states))
            if states
                .split('-')
                .all(|s| s.len() == 2 && s.chars().all(|c| c.is_ascii_alphabetic())) =>
        {
            place.to_string()
        }
        _ => lower,
    }
}

/// The editor's areas file.
#[derive(Debug, Clone)]
pub struct AreaMap {
    pub file: PathBuf,
    pub entries: Vec<MappedArea>,
}

#[derive(Debug, Clone)]
pub struct MappedArea {
    /// The code or title in the data files.
    pub key: String,
    pub name: String,
    pub within: Option<String>,
    pub position: Option<Position>,
}

/// Reads and checks the areas file: names are given and unique, and
/// `within` names an area listed before.
pub fn load_map(path: &Path) -> Result<AreaMap, Vec<ImportError>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![ImportError::Usage(format!(
            "cannot read the areas file {}: {e}",
            path.display()
        ))]
    })?;
    let (raw, unknown) = yaml::from_str_with_unknown_keys::<RawMap>(&text).map_err(|err| {
        let d = Diagnostic::error(path, format!("areas file: {}", err.message));
        let d = match err.position {
            Some(p) => d.at(p, &text),
            None => d,
        };
        vec![ImportError::Content(d)]
    })?;
    let outline = Outline::parse(&text);
    let mut errors: Vec<ImportError> = unknown
        .iter()
        .map(|key_path| {
            let d = Diagnostic::error(path, "unknown key in the areas file").with_hint(
                "write an area as `CODE: NAME` or `CODE: { name: NAME, within: PARENT }`",
            );
            located(d, outline.key(key_path), &text)
        })
        .collect();
    let mut entries: Vec<MappedArea> = Vec::new();
    for (key, entry) in raw.0 {
        let position = outline.key(&[Segment::Key(key.clone())]);
        let (name, within) = match entry {
            RawEntry::Name(name) => (name, None),
            RawEntry::Full(full) => (full.name, full.within),
        };
        if let Some(message) = entry_problem(&entries, &name, within.as_deref()) {
            errors.push(located(Diagnostic::error(path, message), position, &text));
        }
        entries.push(MappedArea {
            key,
            name,
            within,
            position,
        });
    }
    if entries.is_empty() {
        errors.push(ImportError::Content(Diagnostic::error(
            path,
            "the areas file lists no areas",
        )));
    }
    match errors.is_empty() {
        true => Ok(AreaMap {
            file: path.to_path_buf(),
            entries,
        }),
        false => Err(errors),
    }
}

fn entry_problem(earlier: &[MappedArea], name: &str, within: Option<&str>) -> Option<String> {
    if name.trim().is_empty() {
        return Some("an area needs a name".into());
    }
    if earlier.iter().any(|e| e.name == name) {
        return Some(format!("the area name `{name}` is used twice"));
    }
    match within {
        Some(parent) if !earlier.iter().any(|e| e.name == parent) => Some(format!(
            "`within: {parent}` names no area listed before `{name}`"
        )),
        _ => None,
    }
}

fn located(d: Diagnostic, position: Option<Position>, text: &str) -> ImportError {
    ImportError::Content(match position {
        Some(p) => d.at(p, text),
        None => d,
    })
}

/// The rows every profile gets from an areas file. An area of the file that
/// none of the data files has is an error: a file is probably missing.
pub fn from_map(map: &AreaMap, found: &FileAreas) -> Result<Vec<Target>, Vec<ImportError>> {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    for entry in &map.entries {
        match found.by_key(&entry.key) {
            Some(area) => targets.push(Target {
                name: entry.name.clone(),
                within: entry.within.clone(),
                code: area.code.clone(),
            }),
            None => {
                let d = Diagnostic::error(
                    &map.file,
                    format!(
                        "area `{}` ({}) is in none of the data files",
                        entry.key, entry.name
                    ),
                )
                .with_hint("add the file that has it to the command, or remove the area");
                let text = std::fs::read_to_string(&map.file).unwrap_or_default();
                errors.push(located(d, entry.position, &text));
            }
        }
    }
    if errors.is_empty() {
        Ok(targets)
    } else {
        Err(errors)
    }
}

/// The rows a profile gets without an areas file: the areas its table has.
pub fn from_profile(
    profile: &Profile,
    block: Block,
    found: &FileAreas,
) -> Result<Vec<Target>, Vec<ImportError>> {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    for (i, (name, within)) in profile.areas(block).into_iter().enumerate() {
        let at = crate::yaml_path![block.key(), "areas", i, "area"];
        match found.by_name(&name) {
            Ok(Some(area)) => targets.push(Target {
                name,
                within,
                code: area.code.clone(),
            }),
            Ok(None) => {
                let hint = match closest(&name, found.titles()) {
                    Some(near) => {
                        format!("the files have `{near}`; say which area it is with --areas")
                    }
                    None => "say which area of the files it is with --areas".into(),
                };
                let message = format!("the area `{name}` matches no area in the data files");
                errors.push(profile_error(profile, &at, message, hint));
            }
            Err(many) => {
                let titles: Vec<&str> = many.iter().map(|a| a.title.as_str()).collect();
                let message = format!(
                    "the area `{name}` matches several areas: {}",
                    titles.join("; ")
                );
                let hint = "say which one it is with --areas".to_string();
                errors.push(profile_error(profile, &at, message, hint));
            }
        }
    }
    if errors.is_empty() {
        Ok(targets)
    } else {
        Err(errors)
    }
}

fn profile_error(profile: &Profile, at: &[Segment], message: String, hint: String) -> ImportError {
    ImportError::Content(
        profile
            .page
            .locator()
            .error_at_value(at, message)
            .with_hint(hint),
    )
}

/// The areas file as written: a mapping whose order is kept.
struct RawMap(Vec<(String, RawEntry)>);

enum RawEntry {
    Name(String),
    Full(FullEntry),
}

#[derive(Deserialize)]
struct FullEntry {
    name: String,
    #[serde(default)]
    within: Option<String>,
}

impl<'de> Deserialize<'de> for RawMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor;
        impl<'de> Visitor<'de> for MapVisitor {
            type Value = RawMap;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping from area codes to names")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawMap, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<KeyText>()? {
                    entries.push((key.0, map.next_value::<RawEntry>()?));
                }
                Ok(RawMap(entries))
            }
        }
        deserializer.deserialize_map(MapVisitor)
    }
}

impl<'de> Deserialize<'de> for RawEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = RawEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an area name, or { name: NAME, within: PARENT }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawEntry, E> {
                Ok(RawEntry::Name(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawEntry, A::Error> {
                FullEntry::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawEntry::Full)
            }
        }
        deserializer.deserialize_any(EntryVisitor)
    }
}

/// A mapping key written as text or as a number (`53:` or `"53":`).
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = KeyText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an area code")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
        }
        deserializer.deserialize_any(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn areas() -> FileAreas {
        let mut found = FileAreas::default();
        found.add("53", "Washington");
        found.add("0013380", "Bellingham, WA");
        found.add("30300", "Lewiston, ID-WA");
        found.add("99", "U.S.");
        found
    }

    #[test]
    fn matches_names_the_way_editors_write_them() {
        let found = areas();
        let code = |name: &str| found.by_name(name).unwrap().map(|a| a.code.clone());
        assert_eq!(code("Washington").as_deref(), Some("53"));
        assert_eq!(code("bellingham").as_deref(), Some("13380"));
        assert_eq!(code("Lewiston").as_deref(), Some("30300"));
        assert_eq!(code("United States").as_deref(), Some("99"));
        assert_eq!(code("Clarkston-Lewiston"), None);
        assert_eq!(
            found.by_key("013380").map(|a| a.title.as_str()),
            Some("Bellingham, WA")
        );
    }

    #[test]
    fn reads_an_areas_file_in_order_and_checks_nesting() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("areas.yaml");
        std::fs::write(
            &path,
            "\"53\": Washington\n13380: { name: Bellingham, within: Washington }\n99: United States\n",
        )
        .unwrap();
        let map = load_map(&path).unwrap();
        let names: Vec<_> = map
            .entries
            .iter()
            .map(|e| (e.key.as_str(), e.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("53", "Washington"),
                ("13380", "Bellingham"),
                ("99", "United States")
            ]
        );
        assert_eq!(map.entries[1].within.as_deref(), Some("Washington"));
        assert_eq!(from_map(&map, &areas()).unwrap()[1].code, "13380");

        std::fs::write(
            &path,
            "\"53\": Washington\n\"1\": { name: X, within: Nowhere, size: 3 }\n",
        )
        .unwrap();
        let errors = load_map(&path).unwrap_err();
        let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errors.len(), 2, "{shown:?}");
        assert!(
            shown.iter().any(|e| e.contains("areas.yaml:2:")),
            "{shown:?}"
        );
    }
}
