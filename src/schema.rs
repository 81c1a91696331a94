//! JSON Schemas of the content model: the front matter of a page and
//! `site.yaml`, for editors (`careers schema`, `careers init`'s editor
//! settings) and for the language server's completion and hovers.
//!
//! The schemas are generated from the very types the build reads
//! (`content::FrontMatter` and friends, `config::SiteConfig`) with
//! `schemars`, so a key added to the content model is in the schema at
//! once, with its doc comment as its description. Rules of `validate` that
//! a schema can state (the SOC code's form and major groups, the education
//! levels, Holland letters, job zones, five entries in a wage row, slugs)
//! are written here or in attributes beside the fields, generated from the
//! same constants the build checks against where there are some; rules
//! that need more than one value (percentiles that never decrease, `within`
//! naming an earlier area, `related` naming a profile) are left to the
//! build and the language server. `tests/schema.rs` holds the schema to the
//! build: what the build rejects, the schema rejects too.

use std::path::{Path, PathBuf};

use schemars::generate::SchemaSettings;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::Value;

use crate::config::SiteConfig;
use crate::content::front_matter::{Text, WageEntry};
use crate::content::model::{Education, Number, HOLLAND_LETTERS};
use crate::content::FrontMatter;

/// The file names `careers schema --output` writes.
pub const FRONT_MATTER_FILE: &str = "front-matter.schema.json";
pub const SITE_FILE: &str = "site.schema.json";

/// Which schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    FrontMatter,
    Site,
}

impl Which {
    pub const ALL: [Which; 2] = [Which::FrontMatter, Which::Site];

    pub fn file_name(self) -> &'static str {
        match self {
            Which::FrontMatter => FRONT_MATTER_FILE,
            Which::Site => SITE_FILE,
        }
    }

    /// The schema as a JSON value.
    pub fn schema(self) -> Value {
        // Draft 7: the draft the YAML language server and most editors'
        // JSON services read fully.
        let generator = SchemaSettings::draft07().for_deserialize().into_generator();
        let schema = match self {
            Which::FrontMatter => generator.into_root_schema_for::<FrontMatter>(),
            Which::Site => generator.into_root_schema_for::<SiteConfig>(),
        };
        let mut value = schema.to_value();
        tidy(&mut value);
        value
    }

    /// Whether `text` is a schema file careers wrote: its title is this
    /// schema's.
    pub fn is_ours(self, text: &str) -> bool {
        let title = self.schema().get("title").cloned();
        serde_json::from_str::<Value>(text)
            .is_ok_and(|old| old.get("title").is_some_and(|t| Some(t) == title.as_ref()))
    }

    /// The schema as the file `careers schema` writes: pretty JSON and a
    /// final line break.
    pub fn text(self) -> String {
        let mut text = serde_json::to_string_pretty(&self.schema()).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// What can go wrong writing the schema files.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("{0} exists and was not written by `careers schema`; careers never overwrites a file it did not make (remove it, or choose another --output)")]
    NotOurs(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Writes the schemas into `dir` (made if missing). A schema file already
/// there is replaced only when careers wrote it (it has the schema's
/// title), so that a newer careers can refresh it.
pub fn write(dir: &Path, which: &[Which]) -> Result<Vec<PathBuf>, SchemaError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SchemaError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut written = Vec::new();
    for &schema in which {
        let path = dir.join(schema.file_name());
        match std::fs::read_to_string(&path) {
            Ok(old) if !schema.is_ours(&old) => return Err(SchemaError::NotOurs(path)),
            Ok(_) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(io(&path)(err)),
        }
        std::fs::write(&path, schema.text()).map_err(io(&path))?;
        written.push(path);
    }
    Ok(written)
}

/// Leaves out defaults that are no value (`null`, `""`: a key that is not
/// written, not a value to offer) and joins the lines of each paragraph
/// of a description, which editors wrap themselves.
fn tidy(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map
                .get("default")
                .is_some_and(|d| d.is_null() || d.as_str() == Some(""))
            {
                map.remove("default");
            }
            if let Some(Value::String(text)) = map.get_mut("description") {
                *text = text
                    .split("\n\n")
                    .map(|paragraph| paragraph.split('\n').collect::<Vec<_>>().join(" "))
                    .collect::<Vec<_>>()
                    .join("\n\n");
            }
            map.values_mut().for_each(tidy);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// Whitespace the build trims from text values before checking them
/// (`str::trim` trims a little more: the schema is the stricter one).
const SPACE: &str = r"[ \t\r\n]*";

impl JsonSchema for Number {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Number".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "number",
            "description": "A plain number, without thousands separators, currency or percent signs (`62000`, not `62,000`)."
        })
    }
}

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }
    fn inline_schema() -> bool {
        true
    }
    /// Read as written, quoted or not: `as_of: 2019` is the text `2019`.
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number", "boolean"] })
    }
}

impl JsonSchema for WageEntry {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "WageEntry".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A figure: a number, `null` when it is not published, or a top-coded figure such as `\">=115.00\"` (shown as \"$115.00 or more\").",
            "anyOf": [
                { "type": "number" },
                { "type": "null" },
                {
                    "type": "string",
                    "pattern": format!(r"^{SPACE}(>=|≥){SPACE}\$?[0-9][0-9,]*(\.[0-9]+)?{SPACE}$"),
                    "examples": [">=115.00"]
                }
            ]
        })
    }
}

/// `soc`: `NN-NNNN` whose major group is odd, 11 to 55.
pub(crate) fn soc_code(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "pattern": format!(r"^{SPACE}(1[13579]|[234][13579]|5[135])-[0-9]{{4}}{SPACE}$"),
    })
}

/// `soc_version`: one of the editions the build knows (or nothing, for the default).
pub(crate) fn soc_version(_: &mut SchemaGenerator) -> Schema {
    let mut versions: Vec<Value> = crate::content::validate::SOC_VERSIONS
        .iter()
        .map(|&v| Value::from(v))
        .collect();
    versions.push(Value::Null);
    json_schema!({ "type": ["integer", "null"], "enum": versions })
}

/// `onet`: a list of `NN-NNNN.NN`.
pub(crate) fn onet_codes(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "items": {
            "type": "string",
            "pattern": format!(r"^{SPACE}[0-9]{{2}}-[0-9]{{4}}\.[0-9]{{2}}{SPACE}$"),
        }
    })
}

/// `holland`: one to three different RIASEC letters, in either case.
pub(crate) fn holland_code(_: &mut SchemaGenerator) -> Schema {
    let letters: String = HOLLAND_LETTERS.iter().map(|(l, _)| *l).collect();
    let any = format!("{letters}{}", letters.to_lowercase());
    // A letter given twice, in either case, is refused by a look-ahead per letter.
    let twice: String = HOLLAND_LETTERS
        .iter()
        .map(|(l, _)| {
            let class = format!("[{l}{}]", l.to_ascii_lowercase());
            format!("(?!.*{class}.*{class})")
        })
        .collect();
    json_schema!({
        "type": "string",
        "pattern": format!("^{SPACE}{twice}[{any}]{{1,3}}{SPACE}$"),
        "examples": holland_codes(),
    })
}

/// Every Holland code the build accepts, upper case: one to three
/// different letters (for completion in editors).
pub fn holland_codes() -> Vec<String> {
    let letters: Vec<char> = HOLLAND_LETTERS.iter().map(|(l, _)| *l).collect();
    let mut codes: Vec<String> = letters.iter().map(|l| l.to_string()).collect();
    for &a in &letters {
        for &b in letters.iter().filter(|&&b| b != a) {
            codes.push(format!("{a}{b}"));
        }
    }
    for &a in &letters {
        for &b in letters.iter().filter(|&&b| b != a) {
            for &c in letters.iter().filter(|&&c| c != a && c != b) {
                codes.push(format!("{a}{b}{c}"));
            }
        }
    }
    codes
}

/// `education`: one of the levels, with the names readers see.
pub(crate) fn education(_: &mut SchemaGenerator) -> Schema {
    let keys: Vec<&str> = Education::ALL.iter().map(|e| e.key()).collect();
    let labels: Vec<&str> = Education::ALL.iter().map(|e| e.label()).collect();
    json_schema!({
        "type": "string",
        "enum": keys,
        // Shown beside each value by VS Code's JSON and YAML services.
        "enumDescriptions": labels,
    })
}

/// `reviewed`: a date written `YYYY-MM-DD`.
pub(crate) fn date(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "format": "date",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    })
}

/// `slug`: one URL part, not hidden, and not a name the build writes at
/// the top of the output (compared without case, as the build does).
pub(crate) fn slug(_: &mut SchemaGenerator) -> Schema {
    let reserved: Vec<String> = crate::render::collisions::reserved_names()
        .map(|(name, _)| any_case(name))
        .collect();
    json_schema!({
        "type": "string",
        "pattern": "^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$",
        "not": { "pattern": format!("^({})$", reserved.join("|")) },
    })
}

/// A regular expression matching `name` in any case (`(?i)` is not in
/// the regular expressions JSON Schema uses).
fn any_case(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            c if c.is_ascii_alphabetic() => {
                format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase())
            }
            c if c.is_ascii_alphanumeric() || c == '-' || c == '_' => c.to_string(),
            c => format!("\\{c}"),
        })
        .collect()
}

/// `keep`: one name at the top of the output folder, not a path.
pub(crate) fn kept_names(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "items": {
            "type": "string",
            "pattern": r"^(?!\.\.?$)[^/\\\u0000]+$",
        },
        "examples": [["CNAME"]],
    })
}

/// The schema of the value at `path` in a schema (keys of objects,
/// `[]` for an item of a list), for hovers: `["wages", "areas", "[]",
/// "hourly"]`.
pub fn lookup<'a>(schema: &'a Value, path: &[&str]) -> Option<&'a Value> {
    lookup_in(schema, schema, path)
}

/// Follows `path` through properties, items, `$ref`s and `anyOf`s (of an
/// optional value) to the schema of the value there.
fn lookup_in<'a>(root: &'a Value, node: &'a Value, path: &[&str]) -> Option<&'a Value> {
    let node = deref(root, node);
    let Some((first, rest)) = path.split_first() else {
        return Some(node);
    };
    let next = if *first == "[]" {
        node.get("items")
    } else {
        node.get("properties").and_then(|p| p.get(*first))
    };
    match next {
        Some(next) => lookup_in(root, next, rest),
        None => node
            .get("anyOf")
            .and_then(Value::as_array)?
            .iter()
            .find_map(|branch| lookup_in(root, branch, path)),
    }
}

/// Resolves a local `$ref` (`#/definitions/Name`).
fn deref<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    let target = node
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|pointer| root.pointer(pointer));
    match target {
        Some(target) => deref(root, target),
        None => node,
    }
}

/// The keys an object at `path` takes, with their descriptions.
pub fn keys_at(schema: &Value, path: &[&str]) -> Vec<(String, String)> {
    let Some(node) = lookup(schema, path) else {
        return Vec::new();
    };
    let mut objects = vec![node];
    if let Some(branches) = node.get("anyOf").and_then(Value::as_array) {
        objects.extend(branches.iter().map(|b| deref(schema, b)));
    }
    objects
        .into_iter()
        .filter_map(|o| o.get("properties").and_then(Value::as_object))
        .flat_map(|props| {
            props.iter().map(|(key, value)| {
                let value = deref(schema, value);
                (key.clone(), description(schema, value).unwrap_or_default())
            })
        })
        .collect()
}

/// A value's description, from the value itself or what it refers to.
pub fn description(root: &Value, node: &Value) -> Option<String> {
    node.get("description")
        .or_else(|| deref(root, node).get("description"))
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// The values listed for the value at `path` (`enum`, then `examples`).
pub fn values_at(schema: &Value, path: &[&str]) -> Vec<Value> {
    let Some(node) = lookup(schema, path) else {
        return Vec::new();
    };
    let branches: Vec<&Value> = std::iter::once(node)
        .chain(
            node.get("anyOf")
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        )
        .map(|n| deref(schema, n))
        .collect();
    let mut values = Vec::new();
    for key in ["enum", "examples"] {
        for branch in &branches {
            if let Some(list) = branch.get(key).and_then(Value::as_array) {
                values.extend(list.iter().filter(|v| !v.is_array()).cloned());
            }
        }
    }
    values.dedup();
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holland_codes_are_every_code_of_one_to_three_letters() {
        let codes = holland_codes();
        assert_eq!(codes.len(), 6 + 30 + 120);
        assert!(codes.contains(&"CIE".to_string()));
    }

    #[test]
    fn descriptions_come_from_doc_comments() {
        let schema = Which::FrontMatter.schema();
        let soc = lookup(&schema, &["soc"]).unwrap();
        assert!(description(&schema, soc).unwrap().contains("NN-NNNN"));
        let hourly = lookup(&schema, &["wages", "areas", "[]", "hourly"]).unwrap();
        assert!(description(&schema, hourly).unwrap().contains("Hourly"));
        let keys = keys_at(&schema, &["outlook", "areas", "[]"]);
        assert!(keys.iter().any(|(k, _)| k == "growth_all"));
        let site = Which::Site.schema();
        assert!(keys_at(&site, &[]).iter().any(|(k, _)| k == "primary_area"));
    }

    #[test]
    fn any_case_matches_every_case() {
        assert_eq!(any_case("a.b"), "[aA]\\.[bB]");
    }
}
