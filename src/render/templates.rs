//! The theme's templates: where they come from, compiling them, and
//! turning Tera's errors into diagnostics on template files and lines.
//!
//! Templates are read from the theme (a folder under `themes/`, or the
//! theme built into the binary), then from the site's own `templates/`,
//! where a file of the same name replaces the theme's. They are compiled
//! once; site-wide data (`site`, a [`SiteData`]) is made once per resolved
//! site and given to every render.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, Tera};
use walkdir::WalkDir;

use super::context::SiteContext;
use crate::config::Layout;
use crate::diagnostics::{display_path, Diagnostic, Position};
use crate::site::{Fingerprint, Input, Recorder, View};

/// The compiled templates, and where each came from (for error messages).
pub struct Templates {
    tera: Tera,
    files: BTreeMap<String, PathBuf>,
    root: PathBuf,
    /// Ids the templates write literally (`id="wages"`): Markdown headings
    /// avoid them so a page never has one id twice.
    pub(super) reserved_ids: HashSet<String>,
    /// Which costly parts of the profile context the templates use.
    pub uses: Uses,
    /// A hash of every template's name, file and text, and of the
    /// interface strings: what `serve` compares to tell whether templates
    /// changed.
    pub fingerprint: u64,
    /// The interface strings, per language.
    strings: super::strings::StringSets,
}

/// Parts of the profile context that cost more to compute than the rest
/// together (chart geometry is about 40% of a profile's context) and that
/// many themes never show. They are computed only when some template names
/// them: `chart` for `wages.chart` and `outlook.chart`, `json_ld` for
/// `profile.json_ld`. A theme that does not name them gets `null` there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Uses {
    pub charts: bool,
    pub json_ld: bool,
}

impl Uses {
    /// Everything: for contexts built without templates at hand.
    pub const ALL: Uses = Uses {
        charts: true,
        json_ld: true,
    };

    /// What the template sources name. A plain text search errs only one
    /// way: a word in a comment costs time, never a missing chart.
    fn of<'a>(sources: impl Iterator<Item = &'a str> + Clone) -> Self {
        let named = |word: &str| sources.clone().any(|text| text.contains(word));
        Uses {
            charts: named("chart"),
            json_ld: named("json_ld"),
        }
    }
}

/// The templates a theme must provide.
pub const REQUIRED_TEMPLATES: [&str; 6] = [
    "home.html",
    "profile.html",
    "page.html",
    "taxonomy.html",
    "term.html",
    "404.html",
];

impl Templates {
    /// Reads and compiles the theme's templates with the site's overrides.
    /// The site-wide data is set afterwards with [`Templates::set_site`].
    pub fn load(layout: &Layout) -> Result<Self, Vec<Diagnostic>> {
        // Theme templates first (from disk, or built in), then the site's
        // own, which replace theme templates of the same name.
        let mut files: BTreeMap<String, PathBuf> = BTreeMap::new();
        let mut built_in_text: BTreeMap<String, &'static str> = BTreeMap::new();
        let built_in =
            crate::theme::built_in(&layout.theme_name).filter(|_| !layout.theme.is_dir());
        match built_in {
            Some(theme) => {
                for file in theme {
                    if let Some(name) = file.path.strip_prefix("templates/") {
                        files.insert(name.to_string(), layout.theme.join(file.path));
                        built_in_text.insert(name.to_string(), file.contents);
                    }
                }
            }
            None => collect_templates(&layout.theme.join("templates"), &mut files),
        }
        collect_templates(&layout.templates, &mut files);
        let mut problems = Vec::new();
        let mut sources = Vec::new();
        for (name, path) in &files {
            let text = match built_in_text
                .get(name)
                .filter(|_| !path.starts_with(&layout.templates))
            {
                Some(text) => Ok(text.to_string()),
                None => std::fs::read_to_string(path),
            };
            match text {
                Ok(text) => sources.push((name.clone(), text)),
                Err(err) => problems.push(Diagnostic::error(
                    display_path(&layout.root, path),
                    format!("cannot read this template: {err}"),
                )),
            }
        }
        for name in REQUIRED_TEMPLATES {
            if !files.contains_key(name) {
                problems.push(
                    Diagnostic::error(
                        display_path(&layout.root, &layout.theme.join("templates")),
                        format!("the theme has no `{name}` template"),
                    )
                    .with_hint(format!("add templates/{name} to the site or to the theme")),
                );
            }
        }
        let strings = match super::strings::load(layout, built_in) {
            Ok(strings) => strings,
            Err(found) => {
                problems.extend(found);
                super::strings::StringSets::default()
            }
        };
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        if let Err(err) =
            tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            problems.extend(template_errors(&err, &files, &layout.root, None));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut fingerprint = Fingerprint::new();
        for (name, text) in &sources {
            fingerprint.add(&(name, files.get(name), text));
        }
        strings.fingerprint(&mut fingerprint);
        let reserved_ids = sources
            .iter()
            .flat_map(|(_, text)| literal_ids(text))
            .collect();
        Ok(Templates {
            uses: Uses::of(sources.iter().map(|(_, text)| text.as_str())),
            reserved_ids,
            fingerprint: fingerprint.finish(),
            strings,
            tera,
            files,
            root: layout.root.clone(),
        })
    }

    /// The interface strings of language `code`.
    pub fn strings(&self, code: &str) -> &super::strings::Strings {
        self.strings.get(code)
    }

    /// Whether the theme (or the site) has the template `name`.
    pub fn has(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }

    /// The file a template was read from (the site's override or the theme's).
    pub fn path_of(&self, template: &str) -> Option<&Path> {
        self.files.get(template).map(PathBuf::as_path)
    }

    /// Renders `name` with `data` and `site` for the output file
    /// `for_file`, noting the templates and what `site` was made from as read.
    pub(super) fn render<T: Serialize>(
        &self,
        view: &View,
        site: &SiteData,
        name: &str,
        data: &T,
        for_file: &Path,
    ) -> Result<String, Diagnostic> {
        view.note(Input::Templates);
        for input in &site.reads {
            view.note(input.clone());
        }
        let mut context = Context::from_serialize(data).map_err(|e| {
            Diagnostic::error(for_file, format!("cannot prepare the template data: {e}"))
        })?;
        context.insert("site", &site.value);
        context.insert("t", &site.strings);
        self.tera.render(name, &context).map_err(|err| {
            let mut problems = template_errors(&err, &self.files, &self.root, Some(for_file));
            problems.truncate(1);
            problems.remove(0)
        })
    }
}

/// `site` and `t` (the interface strings), the data every template sees:
/// made once per resolved site and language and converted into template
/// values once, with what they were made from.
pub struct SiteData {
    value: tera::Value,
    strings: tera::Value,
    reads: Vec<Input>,
}

impl SiteData {
    pub fn new(site: &crate::site::Site, templates: &Templates, lang: usize) -> Self {
        let recorder = Recorder::new();
        let view = View::recording(site, &recorder).in_language(lang);
        let strings = templates.strings(&view.language().code);
        let context = SiteContext::new(&view, strings);
        SiteData {
            value: tera::Value::from_serializable(&context),
            strings: tera::Value::from_serializable(strings),
            reads: recorder.into_inputs(),
        }
    }
}

/// The `id="..."` values written literally in a template.
fn literal_ids(template: &str) -> impl Iterator<Item = String> + '_ {
    template.split("id=\"").skip(1).filter_map(move |after| {
        let (value, _) = after.split_once('"')?;
        (!value.is_empty() && !value.contains(['{', '}'])).then(|| value.to_string())
    })
}

fn collect_templates(dir: &Path, files: &mut BTreeMap<String, PathBuf>) {
    for entry in WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
        if entry.file_type().is_file() {
            let name = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let name = name.to_string_lossy().replace('\\', "/");
            if !name.split('/').any(|p| p.starts_with('.')) {
                files.insert(name, entry.into_path());
            }
        }
    }
}

/// Turns a Tera error into diagnostics on the template files and lines.
/// Tera hands some problems over as located errors and others (unknown
/// filters, missing includes found when templates are linked) as text
/// reports in the compiler format `error: …` / ` --> name:line:col`; both
/// are mapped back to the template files.
fn template_errors(
    err: &tera::Error,
    files: &BTreeMap<String, PathBuf>,
    root: &Path,
    page: Option<&Path>,
) -> Vec<Diagnostic> {
    let located = error_chain(err).find_map(|e| match e.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            Some(report)
        }
        _ => None,
    });
    let found: Vec<(String, String, Option<Position>)> = match located {
        Some(report) => {
            let span = report.span();
            vec![(
                report.message().to_string(),
                report.filename().to_string(),
                Some(Position::new(span.start_line, span.start_col + 1)),
            )]
        }
        None => {
            let text: Vec<String> = error_chain(err).map(|e| e.kind().to_string()).collect();
            parse_text_reports(&text.join("\n\n"))
        }
    };
    found
        .into_iter()
        .map(|(message, name, position)| {
            let path = files.get(&name).cloned().unwrap_or_else(|| {
                PathBuf::from(if name.is_empty() { "templates" } else { &name })
            });
            let mut d =
                Diagnostic::error(display_path(root, &path), format!("template: {message}"));
            if let Some(p) = position {
                d = d.at(p, &std::fs::read_to_string(&path).unwrap_or_default());
            }
            if let Some(page) = page {
                d = d.with_hint(format!("while rendering {}", page.display()));
            }
            d
        })
        .collect()
}

/// Reads Tera's text reports: `error: MESSAGE` followed by ` --> NAME:LINE:COL`.
/// Text with no such report becomes one message without a place.
fn parse_text_reports(text: &str) -> Vec<(String, String, Option<Position>)> {
    let mut found = Vec::new();
    let mut message: Option<String> = None;
    for line in text.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m.to_string());
        } else if let (Some(m), Some(place)) = (&message, line.trim_start().strip_prefix("--> ")) {
            let mut parts = place.rsplitn(3, ':');
            let column = parts.next().and_then(|c| c.parse().ok());
            let line_no = parts.next().and_then(|l| l.parse().ok());
            let name = parts.next().unwrap_or_default().to_string();
            let position = line_no.zip(column).map(|(l, c)| Position::new(l, c));
            found.push((m.clone(), name, position));
            message = None;
        }
    }
    if found.is_empty() {
        found.push((
            text.lines().next().unwrap_or(text).to_string(),
            String::new(),
            None,
        ));
    }
    found
}

/// The error and every Tera error it was caused by.
fn error_chain(err: &tera::Error) -> impl Iterator<Item = &tera::Error> {
    use std::error::Error as _;
    std::iter::successors(Some(err), |&e: &&tera::Error| {
        e.source().and_then(|s| s.downcast_ref::<tera::Error>())
    })
}
