//! Where outputs go: the one place that decides whether every output of a
//! site can be written where the [table](super::outputs) puts it.
//!
//! Every listed path is checked against every other, whatever its kind:
//! pages, taxonomy and generated pages, data files, the theme's and the
//! site's static files and the files of `content/`. Two outputs collide
//! when they have one path, or when one is a file where the other needs a
//! folder (`robots.txt` and `robots.txt/index.html`); paths are compared
//! without case, since many hosts and the file systems of Windows and
//! macOS treat `A` and `a` as one name. Each collision is one error naming
//! both sources, put on the one an editor can change (a page's `slug`
//! line, then a file of the site, then the theme's).
//!
//! Rules about pages that do not need the other outputs come first: a slug
//! may not start with `.` (a hidden folder, which hosts do not serve and
//! which the output keeps from build to build, such as `.git`), nor be a
//! file name a kind reserves (`index.html`, `robots.txt`), and no page may
//! be published inside a folder a kind reserves (`clusters/`, `explore/`),
//! even where no generated page is at that path yet. Names kept by
//! `keep:` in `site.yaml` must not be written by the build.
//!
//! The build writes none of the outputs involved, and `check` reports the
//! same problems, since both call [`check`].

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;

use super::files::FileSource;
use super::outputs::{Item, Output, KINDS};
use super::Ctx;
use crate::diagnostics::{display_path, Diagnostic};
use crate::site::encode_url_path;
use crate::yaml_path;

/// The outcome of [`check`].
#[derive(Debug, Default)]
pub struct Checked {
    pub problems: Vec<Diagnostic>,
    /// Paths of the outputs involved in a problem: none of them is written.
    pub refused: HashSet<String>,
}

/// Checks where `outputs` (every output of the site, as listed by
/// [`super::outputs`]) would be written.
pub fn check(ctx: &Ctx, outputs: &[Output]) -> Checked {
    let mut checked = Checked::default();
    let mut placed = Vec::with_capacity(outputs.len());
    for output in outputs {
        match page_rule(ctx, output) {
            Some(problem) => {
                checked.problems.push(problem);
                checked.refused.insert(output.path.clone());
            }
            None => placed.push(output),
        }
    }
    collisions(ctx, &placed, &mut checked);
    kept_names(ctx, &placed, &mut checked.problems);
    checked
}

/// Every top-level file name a kind reserves: slugs may not take them.
pub fn reserved_names() -> impl Iterator<Item = (&'static str, &'static str)> {
    reserved().filter(|(path, _)| !path.contains('/'))
}

/// Every folder a kind reserves (ending in `/`): pages may not go inside.
pub fn reserved_folders() -> impl Iterator<Item = (&'static str, &'static str)> {
    reserved().filter(|(path, _)| path.ends_with('/'))
}

fn reserved() -> impl Iterator<Item = (&'static str, &'static str)> {
    KINDS.iter().flat_map(|kind| kind.reserves.iter().copied())
}

/// The rules about a content page that need no other output.
fn page_rule(ctx: &Ctx, output: &Output) -> Option<Diagnostic> {
    let id = ctx.view.page_id(output.page()?)?;
    let site_page = ctx.view.page(id);
    let page = &site_page.page;
    let at = page.locator();
    if let Some(slug) = &page.meta.slug {
        if slug.starts_with('.') {
            return Some(
                at.error_at_value(
                    &yaml_path!["slug"],
                    format!(
                        "the slug `{slug}` starts with `.`: the page would be a hidden folder, which hosts do not serve and which the output folder keeps from earlier builds (such as `.git`)"
                    ),
                )
                .with_hint("remove the leading `.`"),
            );
        }
        let lower = slug.to_lowercase();
        if let Some((name, owner)) = reserved_names().find(|(name, _)| *name == lower) {
            return Some(
                at.error_at_value(
                    &yaml_path!["slug"],
                    format!("the slug `{slug}` is the name of a file the build writes ({owner}, `{name}`)"),
                )
                .with_hint("choose another slug; these names are reserved: ".to_string() + &reserved_list()),
            );
        }
    }
    let url_path = site_page.url_path.to_lowercase();
    let (_, owner) = reserved_folders().find(|(folder, _)| url_path.starts_with(folder))?;
    Some(
        at.error_at_value(
            &yaml_path!["slug"],
            format!(
                "this page would be published at {}, which {owner} already use",
                site_page.url
            ),
        )
        .with_hint("set a different `slug`, or rename the file"),
    )
}

fn reserved_list() -> String {
    let names: BTreeSet<&str> = reserved_names().map(|(name, _)| name).collect();
    names
        .into_iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every two outputs at one path, and every file where a folder is needed.
fn collisions(ctx: &Ctx, outputs: &[&Output], checked: &mut Checked) {
    let mut by_path: BTreeMap<String, Vec<&Output>> = BTreeMap::new();
    for &output in outputs {
        by_path
            .entry(output.path.to_lowercase())
            .or_default()
            .push(output);
    }
    let mut clash = |a: &Output, b: &Output, message: &dyn Fn(&str, &str) -> String| {
        let (first, second) = (origin(ctx, a), origin(ctx, b));
        // The diagnostic goes to the source an editor is likeliest to
        // change; on a tie, the later one (the earlier keeps its place).
        let owner = if first.rank < second.rank {
            &first
        } else {
            &second
        };
        let text = message(&first.name, &second.name);
        checked.problems.push(owner.error(text));
        checked.refused.insert(a.path.clone());
        checked.refused.insert(b.path.clone());
    };
    for (path, same) in &by_path {
        let Some((&first, rest)) = same.split_first() else {
            continue;
        };
        for &other in rest {
            // Two pages readers visit are named by their address.
            let url = match (&first.url_path, &other.url_path) {
                (Some(url_path), Some(_)) => Some(format!(
                    "{}{}",
                    ctx.view.base_path(),
                    encode_url_path(url_path)
                )),
                _ => None,
            };
            clash(first, other, &|a, b| match &url {
                Some(url) => format!("two pages would be published at {url}: {a} and {b}"),
                None => format!("two outputs would be written to `{path}`: {a} and {b}"),
            });
        }
    }
    // A file where another output needs a folder: reported once per file.
    let mut reported = HashSet::new();
    for &output in outputs {
        let lower = output.path.to_lowercase();
        // Every `/` in the path ends the name of a folder it needs.
        let folders = lower
            .char_indices()
            .filter(|&(_, c)| c == '/')
            .filter_map(|(end, _)| lower.get(..end));
        for folder in folders {
            let Some(&file) = by_path.get(folder).and_then(|files| files.first()) else {
                continue;
            };
            if reported.insert(file.path.clone()) {
                let path = &output.path;
                let name = &file.path;
                clash(file, output, &|a, b| {
                    format!("`{name}` would be both a file, written by {a}, and the folder of `{path}`, written by {b}")
                });
            }
        }
    }
}

/// A name kept from the previous output must not be written by the build:
/// it could not be carried over.
fn kept_names(ctx: &Ctx, outputs: &[&Output], problems: &mut Vec<Diagnostic>) {
    let config = ctx.view.config();
    for (i, name) in config.keep.iter().enumerate() {
        let kept = name.to_lowercase();
        let written = outputs.iter().find(|output| {
            let path = output.path.to_lowercase();
            path == kept
                || path
                    .strip_prefix(&kept)
                    .is_some_and(|rest| rest.starts_with('/'))
        });
        if let Some(output) = written {
            let by = origin(ctx, output).name;
            problems.push(
                config
                    .error_at(
                        &yaml_path!["keep", i],
                        format!(
                            "`{name}` is kept from the previous output, but the build writes `{}` ({by})",
                            output.path
                        ),
                    )
                    .with_hint(format!("remove `{name}` from `keep`, or rename what writes it")),
            );
        }
    }
}

/// Where an output comes from, as a collision message names it.
struct Origin {
    /// 0 a content page, 1 a file of the site, 2 a theme's file, 3 an
    /// output the build generates.
    rank: u8,
    /// `content/about.md:3:7`, `static/style.css`, `the generated 404 page`.
    name: String,
    /// The error at this source, given the message.
    at: Box<dyn Fn(String) -> Diagnostic>,
    hint: String,
}

impl Origin {
    fn error(&self, message: String) -> Diagnostic {
        (self.at)(message).with_hint(self.hint.clone())
    }
}

fn origin(ctx: &Ctx, output: &Output) -> Origin {
    let root = &ctx.layout.root;
    match &output.item {
        Item::Page(rel) => {
            let page = ctx
                .view
                .page_id(rel)
                .map(|id| std::sync::Arc::clone(&ctx.view.page(id).page));
            match page {
                Some(page) => {
                    let position = page.locator().position(&yaml_path!["slug"]);
                    Origin {
                        rank: 0,
                        name: format!(
                            "{}:{}:{}",
                            page.display_path.display(),
                            position.line,
                            position.column
                        ),
                        hint: "set a different `slug`, or rename the file".into(),
                        at: Box::new(move |message| {
                            page.locator().error_at_value(&yaml_path!["slug"], message)
                        }),
                    }
                }
                None => generated(output),
            }
        }
        Item::File(FileSource::Disk(path)) => {
            let shown = display_path(root, path);
            let of_site =
                path.starts_with(&ctx.layout.content) || path.starts_with(&ctx.layout.static_dir);
            let name = shown.display().to_string();
            Origin {
                rank: if of_site { 1 } else { 2 },
                hint: format!("rename or move {name}"),
                name,
                at: Box::new(move |message| Diagnostic::error(shown.clone(), message)),
            }
        }
        Item::File(FileSource::BuiltIn(_)) => {
            let shown = PathBuf::from(&output.path);
            Origin {
                rank: 2,
                name: format!(
                    "the built-in {} theme's `{}`",
                    ctx.layout.theme_name, output.path
                ),
                hint: "rename the other file".into(),
                at: Box::new(move |message| Diagnostic::error(shown.clone(), message)),
            }
        }
        _ => generated(output),
    }
}

/// An output the build makes itself. Two of them colliding is a bug of the
/// build, reported at the template (or the output path) all the same.
fn generated(output: &Output) -> Origin {
    let shown = PathBuf::from(output.template.unwrap_or(&output.path));
    let template = output
        .template
        .map_or(String::new(), |t| format!(" (template {t})"));
    Origin {
        rank: 3,
        name: format!("the generated {}{template}", output.kind.name),
        hint: "rename the other file".into(),
        at: Box::new(move |message| Diagnostic::error(shown.clone(), message)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::TaxonomyKind;

    #[test]
    fn taxonomy_folders_are_reserved_as_the_taxonomies_publish_them() {
        let folders: Vec<&str> = reserved_folders().map(|(f, _)| f).collect();
        for kind in TaxonomyKind::ALL {
            let folder = format!("{}/", kind.slug());
            assert!(folders.contains(&folder.as_str()), "{folder}");
        }
    }

    #[test]
    fn reserved_names_are_the_generated_top_level_files() {
        let names: BTreeSet<&str> = reserved_names().map(|(n, _)| n).collect();
        for name in [
            "index.html",
            "404.html",
            "robots.txt",
            "sitemap.xml",
            "occupations.csv",
            "occupations.json",
        ] {
            assert!(names.contains(name), "{name}");
        }
    }
}
