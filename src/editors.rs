//! Editor settings that `careers init` writes beside a new site: a
//! `frontmatter.json` for Front Matter CMS (a "Profiles" content type with
//! every front-matter field, typed) and `.vscode/settings.json` (the YAML
//! extension's schema for `site.yaml`). Both are made from the JSON Schema
//! of the content model (`crate::schema`), so they list the keys the build
//! reads with the descriptions and values it allows. See docs/editors.md.

use serde_json::{json, Map, Value};

use crate::schema::{self, Which};

/// Where `careers init` puts the schema files, relative to the site.
pub const SCHEMA_FOLDER: &str = "schemas";

/// The Front Matter CMS configuration: the content folder as "Profiles",
/// and one content type whose fields are the front matter's.
pub fn frontmatter_json() -> Value {
    let front = Which::FrontMatter.schema();
    let mut groups = Map::new();
    let fields = fields(&front, &front, "", &mut groups);
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(id, fields)| json!({ "id": id, "fields": fields }))
        .collect();
    json!({
        "$schema": "https://frontmatter.codes/frontmatter.schema.json",
        "frontMatter.framework.id": "other",
        "frontMatter.content.publicFolder": "static",
        "frontMatter.content.pageFolders": [
            { "title": "Profiles", "path": "[[workspace]]/content", "contentTypes": ["profile"] }
        ],
        "frontMatter.taxonomy.fieldGroups": groups,
        "frontMatter.taxonomy.contentTypes": [
            {
                "name": "profile",
                "pageBundle": false,
                "previewPath": null,
                "fields": fields,
            }
        ],
    })
}

/// The fields of the object `node`: each property typed as Front Matter
/// CMS types them; lists of objects become blocks of a field group.
/// `prefix` names the object for the ids of field groups (`wages-`).
fn fields(root: &Value, node: &Value, prefix: &str, groups: &mut Map<String, Value>) -> Vec<Value> {
    let required: Vec<&str> = node
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = node.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    properties
        .iter()
        .map(|(name, property)| {
            let property = resolve(root, property);
            let mut field = Map::new();
            field.insert("title".into(), Value::String(title_of(name)));
            field.insert("name".into(), Value::String(name.clone()));
            if let Some(description) = schema::description(root, property) {
                field.insert("description".into(), Value::String(description));
            }
            if required.contains(&name.as_str()) {
                field.insert("required".into(), Value::Bool(true));
            }
            let id = format!("{prefix}{name}");
            for (key, value) in field_type(root, &id, property, groups) {
                field.insert(key, value);
            }
            Value::Object(field)
        })
        .collect()
}

/// A property through its `$ref`, or the non-null branch of an optional one.
fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    if let Some(pointer) = node
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
    {
        return root
            .pointer(pointer)
            .map_or(node, |target| resolve(root, target));
    }
    let branches = node.get("anyOf").and_then(Value::as_array);
    match branches.map(|b| {
        b.iter()
            .filter(|x| x.get("type") != Some(&json!("null")))
            .collect::<Vec<_>>()
    }) {
        Some(rest) if rest.len() == 1 && node.get("properties").is_none() => {
            rest.first().map_or(node, |only| resolve(root, only))
        }
        _ => node,
    }
}

/// Whether a schema's `type` is (or includes) `name`.
fn has_type(node: &Value, name: &str) -> bool {
    match node.get("type") {
        Some(Value::String(t)) => t == name,
        Some(Value::Array(types)) => types.iter().any(|t| t == name),
        _ => false,
    }
}

/// Front Matter CMS's type of a property; `id` is the property's path
/// (`wages-areas`), which names its field group, if it needs one.
fn field_type(
    root: &Value,
    id: &str,
    node: &Value,
    groups: &mut Map<String, Value>,
) -> Vec<(String, Value)> {
    let t = |name: &str| vec![("type".to_string(), Value::String(name.into()))];
    if let Some(choices) = node.get("enum").and_then(Value::as_array) {
        let choices: Vec<Value> = choices.iter().filter(|c| !c.is_null()).cloned().collect();
        let mut typed = t("choice");
        typed.push(("choices".into(), Value::Array(choices)));
        return typed;
    }
    if node.get("properties").is_some() {
        let mut typed = t("fields");
        let nested = fields(root, node, &format!("{id}-"), groups);
        typed.push(("fields".into(), Value::Array(nested)));
        return typed;
    }
    if has_type(node, "array") {
        let items = node.get("items").map_or(&Value::Null, |i| resolve(root, i));
        if items.get("properties").is_some() {
            let group = id.to_string();
            let group_fields = fields(root, items, &format!("{id}-"), groups);
            groups.insert(group.clone(), Value::Array(group_fields));
            let mut typed = t("block");
            typed.push(("fieldGroup".into(), json!([group])));
            return typed;
        }
        return t("list");
    }
    if has_type(node, "boolean") && !has_type(node, "string") {
        return t("boolean");
    }
    if (has_type(node, "number") || has_type(node, "integer")) && !has_type(node, "string") {
        return t("number");
    }
    if id == "extra" {
        return t("json");
    }
    t("string")
}

/// `also_called` → `Also called`.
fn title_of(name: &str) -> String {
    let words = name.replace('_', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// `.vscode/settings.json`: the YAML extension checks `site.yaml` against
/// its schema, and Markdown files get the front matter's schema for tools
/// that read it.
pub fn vscode_settings() -> Value {
    let folder = SCHEMA_FOLDER;
    json!({
        "yaml.schemas": {
            format!("./{folder}/{}", schema::SITE_FILE): ["site.yaml"],
        },
        "yaml.yamlVersion": "1.2",
        "files.associations": { "frontmatter.json": "jsonc" },
        "frontMatter.taxonomy.frontMatterType": "YAML",
        "[markdown]": { "editor.quickSuggestions": { "other": "on", "comments": "off", "strings": "on" } },
    })
}

/// Pretty JSON with a final line break, as the files are written.
pub fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_front_matter_key_is_a_typed_field() {
        let config = frontmatter_json();
        let fields = config["frontMatter.taxonomy.contentTypes"][0]["fields"]
            .as_array()
            .unwrap();
        let schema = Which::FrontMatter.schema();
        let keys = schema["properties"].as_object().unwrap();
        assert_eq!(fields.len(), keys.len());
        let field = |name: &str| fields.iter().find(|f| f["name"] == name).unwrap();
        assert_eq!(field("title")["required"], true);
        assert_eq!(field("education")["type"], "choice");
        assert_eq!(field("education")["choices"][4], "associate");
        assert_eq!(field("job_zone")["type"], "number");
        assert_eq!(field("draft")["type"], "boolean");
        assert_eq!(field("related")["type"], "list");
        assert_eq!(field("wages")["type"], "fields");
        let areas = field("wages")["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "areas")
            .unwrap();
        assert_eq!(areas["type"], "block");
        let groups = config["frontMatter.taxonomy.fieldGroups"]
            .as_array()
            .unwrap();
        assert!(groups.iter().any(|g| g["id"] == "wages-areas"
            && g["fields"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["name"] == "hourly")));
    }
}
