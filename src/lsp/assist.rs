//! Completion, hovers and go to definition: what the language server
//! answers about a place in a buffer.
//!
//! Keys, their documentation and the allowed values come from the JSON
//! Schema of the content model (`crate::schema`); names only the site knows
//! (clusters, areas, profiles) come from the site the pipeline resolved.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Value};

use super::text::{self, LspPosition, Spot};
use crate::content::model::{holland_name, job_zone_name};
use crate::schema::{self, Which};
use crate::site::Site;

/// Which kind of file a buffer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A Markdown file of `content/`: its front matter is YAML.
    Page,
    /// `site.yaml`: all YAML.
    SiteYaml,
}

/// A place in a buffer, with what the answers read.
pub(crate) struct Place<'a> {
    pub text: &'a str,
    pub kind: Kind,
    pub position: LspPosition,
    pub site: &'a Site,
    pub root: &'a Path,
    pub content: &'a Path,
}

impl Place<'_> {
    fn schema(&self) -> Value {
        match self.kind {
            Kind::Page => Which::FrontMatter.schema(),
            Kind::SiteYaml => Which::Site.schema(),
        }
    }

    fn lines(&self) -> (Vec<&str>, Option<std::ops::Range<usize>>) {
        // Split at every line break, so that the empty line after the
        // last one, where the cursor may be, is a line too.
        let lines: Vec<&str> = self
            .text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect();
        let yaml = text::yaml_lines(self.text, self.kind == Kind::SiteYaml);
        (lines, yaml)
    }
}

/// One completion: the text offered, a short detail and its documentation.
struct Offer {
    label: String,
    detail: Option<String>,
    documentation: Option<String>,
    insert: String,
    /// LSP's CompletionItemKind: 10 property, 12 value, 17 file, 20 enum member.
    kind: u8,
}

/// `textDocument/completion`: front-matter keys, enum values, Holland
/// codes, the site's cluster and area names and `related` profiles.
pub(crate) fn completion(place: &Place) -> Value {
    let (lines, Some(yaml)) = place.lines() else {
        return Value::Null;
    };
    let index = place.position.line as usize;
    let Some((line, offset)) = text::line_at(place.text, place.position) else {
        return Value::Null;
    };
    let Some(spot) = text::spot(&lines, &yaml, index, offset) else {
        return json!([]);
    };
    let schema = place.schema();
    let (offers, from) = match spot {
        Spot::Key { parents, from } => {
            let at: Vec<&str> = parents.iter().map(String::as_str).collect();
            let keys = schema::keys_at(&schema, &at);
            if keys.is_empty() {
                // A list of values, not of mappings (`related:` then `- `).
                (values(place, &schema, &at), from)
            } else {
                let offers = keys
                    .into_iter()
                    .map(|(key, description)| Offer {
                        insert: format!("{key}: "),
                        label: key,
                        detail: None,
                        documentation: Some(description),
                        kind: 10,
                    })
                    .collect();
                (offers, from)
            }
        }
        Spot::Value { path, from } => {
            let at: Vec<&str> = path.iter().map(String::as_str).collect();
            (values(place, &schema, &at), from)
        }
    };
    let typed = line.get(from..offset).unwrap_or("").to_lowercase();
    let start = text::utf16_column(line, from);
    let end = text::utf16_column(line, offset);
    let items: Vec<Value> = offers
        .into_iter()
        .filter(|o| o.label.to_lowercase().starts_with(&typed))
        .enumerate()
        .map(|(i, offer)| {
            let mut item = json!({
                "label": offer.label,
                "kind": offer.kind,
                // Keep the order offered (education levels rise, say).
                "sortText": format!("{i:04}"),
                "textEdit": {
                    "range": {
                        "start": { "line": place.position.line, "character": start },
                        "end": { "line": place.position.line, "character": end },
                    },
                    "newText": offer.insert,
                },
            });
            if let Some(fields) = item.as_object_mut() {
                if let Some(detail) = offer.detail {
                    fields.insert("detail".into(), Value::String(detail));
                }
                if let Some(doc) = offer.documentation.filter(|d| !d.is_empty()) {
                    let doc = json!({ "kind": "markdown", "value": doc });
                    fields.insert("documentation".into(), doc);
                }
            }
            item
        })
        .collect();
    json!(items)
}

/// The values to offer at `path`.
fn values(place: &Place, schema: &Value, path: &[&str]) -> Vec<Offer> {
    let value = |label: String, detail: Option<String>, kind: u8| Offer {
        insert: label.clone(),
        label,
        detail,
        documentation: None,
        kind,
    };
    let key = path
        .iter()
        .rev()
        .find(|p| **p != "[]")
        .copied()
        .unwrap_or("");
    match (place.kind, key) {
        (Kind::Page, "related") => place
            .site
            .profiles()
            .map(|(_, page)| {
                let rel = &page.page.rel_path;
                let reference = rel.strip_suffix(".md").unwrap_or(rel).to_string();
                value(reference, Some(page.page.meta.title.clone()), 17)
            })
            .collect(),
        (Kind::Page, "cluster") => names(place.site, |p| p.cluster.iter().cloned().collect())
            .into_iter()
            .map(|(name, count)| value(name, Some(profiles_count(count)), 12))
            .collect(),
        (Kind::Page, "area" | "within") | (Kind::SiteYaml, "primary_area") => areas(place.site)
            .into_iter()
            .map(|(name, count)| value(name, Some(profiles_count(count)), 12))
            .collect(),
        (Kind::Page, "holland") => schema::holland_codes()
            .into_iter()
            .map(|code| {
                let names: Vec<&str> = code.chars().filter_map(holland_name).collect();
                value(code, Some(names.join(", ")), 20)
            })
            .collect(),
        (Kind::Page, "job_zone") => (1..=5)
            .map(|zone| value(zone.to_string(), Some(job_zone_name(zone).into()), 20))
            .collect(),
        (Kind::Page, "education") => crate::content::model::Education::ALL
            .iter()
            .map(|e| value(e.key().into(), Some(e.label().into()), 20))
            .collect(),
        (Kind::SiteYaml, "theme") => {
            let mut themes = vec!["default".to_string()];
            if let Ok(entries) = std::fs::read_dir(place.root.join("themes")) {
                themes.extend(
                    entries
                        .flatten()
                        .filter(|e| e.path().is_dir())
                        .filter_map(|e| e.file_name().to_str().map(str::to_string))
                        .filter(|n| n != "default"),
                );
            }
            themes.into_iter().map(|t| value(t, None, 12)).collect()
        }
        _ => {
            let node = schema::lookup(schema, path);
            let is_bool = node.is_some_and(|n| {
                n.get("type") == Some(&json!("boolean"))
                    || n.get("type")
                        .and_then(Value::as_array)
                        .is_some_and(|t| t.contains(&json!("boolean")) && t.len() <= 2)
            });
            let mut offers: Vec<Offer> = schema::values_at(schema, path)
                .into_iter()
                .filter(|v| {
                    !v.is_null() && (v.is_number() || node.is_some_and(|n| n.get("enum").is_some()))
                })
                .map(|v| {
                    value(
                        v.as_str().map_or_else(|| v.to_string(), str::to_string),
                        None,
                        20,
                    )
                })
                .collect();
            if is_bool {
                offers = ["true", "false"].map(|b| value(b.into(), None, 20)).into();
            }
            offers
        }
    }
}

fn profiles_count(count: usize) -> String {
    match count {
        1 => "1 profile".into(),
        n => format!("{n} profiles"),
    }
}

/// Names the profiles give, with how many give each.
fn names(
    site: &Site,
    of: impl Fn(&crate::content::model::Profile) -> Vec<String>,
) -> BTreeMap<String, usize> {
    let mut found = BTreeMap::new();
    for (_, page) in site.profiles() {
        if let Some(profile) = &page.page.meta.profile {
            for name in of(profile) {
                *found.entry(name).or_insert(0) += 1;
            }
        }
    }
    found
}

/// Every area named in a wage or outlook table of the site.
fn areas(site: &Site) -> BTreeMap<String, usize> {
    names(site, |p| {
        let mut names: Vec<String> = p
            .wages
            .iter()
            .flat_map(|w| w.areas.iter().map(|a| a.area.clone()))
            .collect();
        names.extend(
            p.outlook
                .iter()
                .flat_map(|o| o.areas.iter().map(|a| a.area.clone())),
        );
        names.sort();
        names.dedup();
        names
    })
}

/// `textDocument/hover`: the documentation of the key under the cursor,
/// from the content model.
pub(crate) fn hover(place: &Place) -> Value {
    let (lines, Some(yaml)) = place.lines() else {
        return Value::Null;
    };
    let index = place.position.line as usize;
    let Some((line, offset)) = text::line_at(place.text, place.position) else {
        return Value::Null;
    };
    let Some(path) = text::key_at(&lines, &yaml, index, offset) else {
        return Value::Null;
    };
    let schema = place.schema();
    let at: Vec<&str> = path.iter().map(String::as_str).collect();
    let Some(node) = schema::lookup(&schema, &at) else {
        return Value::Null;
    };
    let Some(description) = schema::description(&schema, node) else {
        return Value::Null;
    };
    let key = at.last().copied().unwrap_or("");
    let mut doc = format!("**{key}**\n\n{description}");
    let allowed: Vec<String> = schema::values_at(&schema, &at)
        .into_iter()
        .filter(|v| !v.is_null())
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
        .take(8)
        .collect();
    if node.get("enum").is_some() && !allowed.is_empty() {
        doc.push_str(&format!("\n\nOne of: `{}`", allowed.join("`, `")));
    } else if let Some(example) = allowed.first() {
        doc.push_str(&format!("\n\nFor example: `{example}`"));
    }
    let start = line.find(key).unwrap_or(0);
    json!({
        "contents": { "kind": "markdown", "value": doc },
        "range": {
            "start": { "line": place.position.line, "character": text::utf16_column(line, start) },
            "end": { "line": place.position.line, "character": text::utf16_column(line, start + key.len()) },
        },
    })
}

/// `textDocument/definition`: on an entry of `related`, the profile it names.
pub(crate) fn definition(place: &Place) -> Value {
    if place.kind != Kind::Page {
        return Value::Null;
    }
    let (lines, Some(yaml)) = place.lines() else {
        return Value::Null;
    };
    let index = place.position.line as usize;
    let Some((line, offset)) = text::line_at(place.text, place.position) else {
        return Value::Null;
    };
    let Some((word, start)) = text::word_at(line, offset) else {
        return Value::Null;
    };
    // Where the word is, read as completion reads it at the word's end.
    let end = start + word.len();
    let in_related = match text::spot(&lines, &yaml, index, end) {
        Some(Spot::Value { path, .. }) | Some(Spot::Key { parents: path, .. }) => path
            .iter()
            .rev()
            .find(|p| *p != "[]")
            .is_some_and(|k| k == "related"),
        None => false,
    };
    if !in_related {
        return Value::Null;
    }
    let Some(target) = place.site.related_page(word) else {
        return Value::Null;
    };
    let path = place.content.join(&target.page.rel_path);
    json!({
        "uri": super::uri_of(&path),
        "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
    })
}
