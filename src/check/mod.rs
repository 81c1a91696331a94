//! `careers check`: everything `build` would catch, and more, without
//! writing anything.
//!
//! It runs the pipeline up to rendering (so a broken template fails here,
//! not only in `build`), then checks every link and `#anchor` of every
//! rendered page, lists the editor notes with their review dates, flags
//! reviews older than the site's limit, and warns about what a profile
//! should have. With `external`, it also fetches every external link. It
//! owns these checks, not the rules of the content model (see
//! `content::validate`) nor how pages are rendered.

pub mod external;
pub mod html;
pub mod links;
pub mod notes;
pub mod report;

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::civil::Date;
use rayon::prelude::*;
use serde::Serialize;

use crate::build::{BuildError, BuildOptions, Timer};
use crate::config::Layout;
use crate::diagnostics::{closest, Diagnostic, Diagnostics, Position};
use crate::markdown::percent_decode;
use crate::pipeline::Pipeline;
use crate::render;
use crate::render::{Item, Rendering, Templates};
use crate::site::Site;
use crate::site::SitePage;
use crate::yaml_path;
use links::{SiteMap, Target};

/// What `careers check` was asked to do.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    pub include_drafts: bool,
    /// Fetch external links (the only part that touches the network).
    pub external: bool,
    pub limits: external::Limits,
    /// The date reviews are aged against.
    pub today: Date,
}

/// Everything `check` found.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    pub diagnostics: Vec<Diagnostic>,
    pub notes: Vec<NoteEntry>,
    pub pages_checked: usize,
    pub links_checked: usize,
    /// External links with their outcome (empty without `external`).
    pub external: Vec<ExternalLink>,
    /// Per language other than the default: what is not translated and
    /// what is translated from an older version of its source.
    pub translations: Vec<TranslationStatus>,
    pub errors: usize,
    pub warnings: usize,
}

/// An editor's note, where it is, and the review date read from it.
#[derive(Debug, Clone, Serialize)]
pub struct NoteEntry {
    pub file: PathBuf,
    pub line: usize,
    pub text: String,
    pub date: Option<String>,
    pub stale: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExternalLink {
    pub url: String,
    /// Where it is written: `file:line` or the template and page.
    pub found_in: Vec<String>,
    #[serde(flatten)]
    pub outcome: external::Outcome,
}

/// The translations of one language.
#[derive(Debug, Clone, Serialize)]
pub struct TranslationStatus {
    pub language: String,
    /// Pages shown in this language with their source's words: their
    /// content paths.
    pub missing: Vec<String>,
    /// Translations whose `source_hash` is not the hash of their
    /// source's prose now (or that have none).
    pub outdated: Vec<Outdated>,
    /// Pages with a published translation.
    pub translated: usize,
}

/// A translation made from another version of its source.
#[derive(Debug, Clone, Serialize)]
pub struct Outdated {
    pub file: PathBuf,
    pub source: String,
    /// `source_hash` as written, if any.
    pub written: Option<String>,
    /// The hash of the source's prose now: what to write after updating.
    pub current: String,
}

/// One rendered page, reduced to what link checks need.
struct PageLinks {
    rendered_path: String,
    template: &'static str,
    page: Option<usize>,
    links: Vec<html::Link>,
}

pub fn check(options: &CheckOptions) -> Result<CheckReport, BuildError> {
    let diagnostics = Diagnostics::new();
    let build_options = BuildOptions {
        root: options.root.clone(),
        include_drafts: options.include_drafts,
        ..Default::default()
    };
    let pipeline = Pipeline::new(&build_options, &mut Timer::start())?;
    diagnostics.extend(pipeline.problems().cloned());
    let prepared = Prepared {
        layout: pipeline.layout(),
        site: pipeline.site(),
        templates: pipeline.templates(),
        rendering: pipeline.rendering(),
    };
    let (site_map, pages) = render_all(&prepared, &diagnostics);
    let links_checked = pages.iter().map(|p| p.links.len()).sum();
    let external_urls = check_links(&prepared, &site_map, &pages, &diagnostics);
    let external = match options.external {
        true => fetch_external(external_urls, &options.limits, &diagnostics),
        false => Vec::new(),
    };
    let notes = review_notes(&prepared, options.today, &diagnostics);
    review_profiles(&prepared, options.today, &diagnostics);
    report_placeholders(&prepared, &diagnostics);
    let translations = review_translations(&prepared, &diagnostics);
    let diagnostics = diagnostics.into_sorted();
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    Ok(CheckReport {
        warnings: diagnostics.len() - errors,
        errors,
        diagnostics,
        notes,
        pages_checked: pages.len(),
        links_checked,
        external,
        translations,
    })
}

/// Lists, per language, the pages without a translation and the
/// translations made from an older version of their source's prose; each
/// outdated translation is also a warning at its `source_hash` line, whose
/// hint is the hash to write once the translation is brought up to date.
fn review_translations(prepared: &Prepared, diagnostics: &Diagnostics) -> Vec<TranslationStatus> {
    let site = prepared.site;
    site.languages
        .iter()
        .skip(1)
        .zip(&site.layers)
        .map(|(language, layer)| {
            let mut status = TranslationStatus {
                language: language.code.clone(),
                missing: Vec::new(),
                outdated: Vec::new(),
                translated: 0,
            };
            for (page, source) in layer.pages.iter().zip(&site.pages) {
                let Some(translation) = &page.translation else {
                    status.missing.push(source.page.rel_path.clone());
                    continue;
                };
                status.translated += 1;
                let current = crate::content::translation::prose_hash(&source.page);
                let written = translation.source_hash.as_ref();
                if written.is_some_and(|(hash, _)| *hash == current) {
                    continue;
                }
                // careers writes 16 hex digits; anything else was typed
                // or cut, and says nothing about which version it was.
                let is_hash = |h: &str| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit());
                let message = match written {
                    Some((hash, _)) if !is_hash(hash) => format!(
                        "`{hash}` is not a hash careers wrote: it does not say which version of `{}` this translation was made from",
                        source.page.rel_path
                    ),
                    Some(_) => format!(
                        "`{}` changed since this translation was made from it",
                        source.page.rel_path
                    ),
                    None => format!(
                        "this translation does not say which version of `{}` it was made from",
                        source.page.rel_path
                    ),
                };
                let hint = format!(
                    "bring the translation up to date, then write `source_hash: {current}`"
                );
                let d = Diagnostic::warning(&translation.display_path, message).with_hint(hint);
                let d = match written {
                    Some((_, at)) => d.at(*at, &translation.text),
                    None => d.at(Position::new(1, 1), &translation.text),
                };
                diagnostics.push(d);
                status.outdated.push(Outdated {
                    file: translation.display_path.clone(),
                    source: source.page.rel_path.clone(),
                    written: written.map(|(hash, _)| hash.clone()),
                    current,
                });
            }
            status
        })
        .collect()
}

/// What `check` reads of the pipeline's results.
struct Prepared<'a> {
    layout: &'a Layout,
    site: &'a Site,
    templates: Option<&'a Templates>,
    rendering: Option<&'a Rendering>,
}

/// Renders every output in memory (nothing is written) and keeps only its
/// links and anchors, so memory stays small on large sites.
fn render_all(prepared: &Prepared, diagnostics: &Diagnostics) -> (SiteMap, Vec<PageLinks>) {
    let mut site_map = SiteMap::default();
    let Some(rendering) = prepared.rendering else {
        return (site_map, Vec::new());
    };
    let ctx = rendering.ctx(None);
    let outputs = render::outputs(&ctx);
    // The same rules on output paths as the build's.
    diagnostics.extend(render::collisions::check(&ctx, &outputs).problems);
    let (copied, rendered): (Vec<_>, Vec<_>) = outputs
        .into_iter()
        .partition(|output| matches!(output.item, Item::File(_)));
    for output in copied {
        site_map.add_file(output.path);
    }
    let scanned: Vec<(PageLinks, Vec<String>)> = rendered
        .into_par_iter()
        .filter_map(|output| {
            let mut problems = Vec::new();
            let mut bytes = Vec::new();
            let result = output.render(&ctx, &mut bytes, &mut problems);
            diagnostics.extend(problems);
            match result {
                Ok(()) => Some(scan_page(prepared, &output, &bytes)),
                Err(render::Failure::Problem(d)) => {
                    diagnostics.push(d);
                    None
                }
                Err(render::Failure::Io(err)) => {
                    diagnostics.push(Diagnostic::error(&output.path, err.to_string()));
                    None
                }
            }
        })
        .collect();
    let mut pages = Vec::with_capacity(scanned.len());
    for (page, anchors) in scanned {
        report_duplicate_ids(prepared, &page, &anchors, diagnostics);
        site_map.add_page(page.rendered_path.clone(), anchors);
        pages.push(page);
    }
    (site_map, pages)
}

fn scan_page(
    prepared: &Prepared,
    output: &render::Output,
    bytes: &[u8],
) -> (PageLinks, Vec<String>) {
    // Only HTML pages hold links; the sitemap, robots.txt and the data
    // downloads are known as files but not scanned.
    let scan = if output.path.ends_with(".html") {
        html::scan(&String::from_utf8_lossy(bytes))
    } else {
        html::Scan::default()
    };
    let page = PageLinks {
        rendered_path: output.path.clone(),
        template: output.template.unwrap_or(output.kind.name),
        page: output.page().and_then(|rel| prepared.site.page_id(rel)),
        links: scan.links,
    };
    (page, scan.anchors)
}

/// Two elements with one id make `#id` links ambiguous (and the HTML invalid).
fn report_duplicate_ids(
    prepared: &Prepared,
    page: &PageLinks,
    anchors: &[String],
    diagnostics: &Diagnostics,
) {
    let mut seen = std::collections::HashSet::new();
    for id in anchors {
        if !seen.insert(id) {
            let d = problem_in(
                prepared,
                page,
                Written::Text(id),
                format!("the id `{id}` is used twice on {}", page.rendered_path),
            )
            .with_hint("give one of the headings another id with `{#other-id}` after its text");
            diagnostics.push(d);
        }
    }
}

/// Checks every internal link; returns the external URLs with where they occur.
fn check_links(
    prepared: &Prepared,
    site_map: &SiteMap,
    pages: &[PageLinks],
    diagnostics: &Diagnostics,
) -> BTreeMap<String, Vec<String>> {
    let site = &prepared.site;
    let absolute_base = site.config.absolute_base();
    let mut external: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // A broken link is reported once, wherever and however often it occurs.
    // Keyed by file, line and column, and message.
    let mut reported: std::collections::HashSet<Reported> = std::collections::HashSet::new();
    for page in pages {
        for link in &page.links {
            let target = links::resolve(
                &link.url,
                &page.rendered_path,
                &site.base_path,
                absolute_base.as_deref(),
            );
            let written = Written::Link(link);
            // A `cite` or a URL inside `srcdoc` leads nowhere to check;
            // only its scheme matters.
            if !link.followed && !matches!(target, Target::Unsafe(_)) {
                continue;
            }
            let problem = match target {
                // A link to a content file that rendering could not turn
                // into a page's address: reported there, with the file.
                Target::Internal { file, .. }
                    if is_content_file(&file)
                        && locate_in_content(prepared, page, written).is_some() =>
                {
                    None
                }
                Target::Internal { file, fragment } => {
                    let fragment = fragment.as_deref().unwrap_or("");
                    internal_problem(prepared, site_map, &link.url, &file, fragment)
                }
                Target::SamePage(fragment) => site_map
                    .missing_anchor(&page.rendered_path, &fragment)
                    .map(|anchors| missing_anchor(&fragment, "this page", &anchors)),
                Target::External(url) => {
                    if url.to_ascii_lowercase().starts_with("http://") {
                        diagnostics.push(
                            problem_in(
                                prepared,
                                page,
                                written,
                                format!("`{url}` is not a secure link"),
                            )
                            .with_hint("use https:// if the site offers it")
                            .into_warning(),
                        );
                    }
                    external
                        .entry(url)
                        .or_default()
                        .push(place_of(prepared, page, written));
                    None
                }
                Target::Other => None,
                Target::Unsafe(scheme) => Some((
                    match (link.tag.as_str(), link.attribute.as_str(), &link.inside) {
                        ("a", "href", None) => {
                            format!("a `{scheme}:` link runs code or hides content in the page")
                        }
                        _ => format!(
                            "a `{scheme}:` URL in {} runs code or hides content in the page",
                            link.place()
                        ),
                    },
                    Some("link to a page or file instead".to_string()),
                )),
                Target::OutsideBase(path) => Some((
                    format!(
                        "the link to `{}` leads outside the site (published under {})",
                        path, site.base_path
                    ),
                    Some(
                        "link to content files by relative path, such as `other-career.md`"
                            .to_string(),
                    ),
                )),
            };
            if let Some((message, hint)) = problem {
                let mut d = problem_in(prepared, page, written, message);
                d.hint = hint;
                let at = d.position.map(|p| (p.line, p.column));
                if reported.insert((d.file.clone(), at, d.message.clone())) {
                    diagnostics.push(d);
                }
            }
        }
    }
    external
}

/// A problem already reported: its file, line and column, and message.
type Reported = (PathBuf, Option<(usize, usize)>, String);

/// A Markdown file: never published as it is (it becomes a page).
fn is_content_file(file: &str) -> bool {
    file.to_ascii_lowercase().ends_with(".md")
}

/// What is wrong with a link, written `written`, to `file` of this site.
fn internal_problem(
    prepared: &Prepared,
    site_map: &SiteMap,
    written: &str,
    file: &str,
    fragment: &str,
) -> Option<(String, Option<String>)> {
    let Some(found) = site_map.resolve_file(file) else {
        return Some((
            format!("the link to `{written}` leads to no file of this site"),
            nearest_target(prepared, site_map, file),
        ));
    };
    let anchors = site_map.missing_anchor(&found, fragment)?;
    Some(match translation_without_source_id(prepared, site_map, &found, fragment) {
        // A page not translated links into a translation as its source
        // does: the translator can keep the source's id; the source's
        // editor cannot.
        Some(translation) => (
            format!("there is no `#{fragment}` on {found}"),
            Some(format!(
                "{translation} names the heading differently from its source; keep the source's id by writing `{{#{fragment}}}` after that heading's text there"
            )),
        ),
        None => missing_anchor(fragment, &found, &anchors),
    })
}

/// The translation behind output page `found` (`es/hit/index.html`) when
/// its source's page has the anchor `fragment` it lacks.
fn translation_without_source_id(
    prepared: &Prepared,
    site_map: &SiteMap,
    found: &str,
    fragment: &str,
) -> Option<String> {
    let site = &prepared.site;
    let (layer, source_file) =
        site.languages
            .iter()
            .skip(1)
            .zip(&site.layers)
            .find_map(|(language, layer)| {
                let rest = found.strip_prefix(language.prefix.as_str())?;
                (!language.prefix.is_empty()).then_some((layer, rest))
            })?;
    let source_has_it = site_map.resolve_file(source_file).is_some()
        && site_map.missing_anchor(source_file, fragment).is_none();
    if !source_has_it {
        return None;
    }
    let url_path = source_file.strip_suffix("index.html")?;
    let page = layer.pages.iter().find(|p| p.url_path == url_path)?;
    let translation = page.translation.as_ref()?;
    Some(
        translation
            .display_path
            .display()
            .to_string()
            .replace('\\', "/"),
    )
}

/// "did you mean" for a link that leads nowhere: the nearest page of the
/// site (by its address and its content file) when the link is to a page,
/// else the nearest file.
fn nearest_target(prepared: &Prepared, site_map: &SiteMap, file: &str) -> Option<String> {
    let wanted = file.trim_end_matches("index.html");
    let site = &prepared.site;
    let to_page =
        file.ends_with("index.html") || !file.rsplit('/').next().unwrap_or("").contains('.');
    if to_page {
        let paths = site.pages.iter().map(|p| p.url_path.as_str());
        if let Some(near) = closest(wanted, paths) {
            if let Some(page) = site.pages.iter().find(|p| p.url_path == near) {
                return Some(format!(
                    "did you mean `{}`, the page of {}?",
                    page.url,
                    page.page.display_path.display()
                ));
            }
        }
    }
    closest(file, site_map.files()).map(|near| format!("did you mean `{near}`?"))
}

fn missing_anchor(fragment: &str, on: &str, anchors: &[&str]) -> (String, Option<String>) {
    let hint =
        closest(fragment, anchors.iter().copied()).map(|near| format!("did you mean `#{near}`?"));
    (format!("there is no `#{fragment}` on {on}"), hint)
}

/// What a problem is about, to be found again in the content file: a
/// piece of text (an id), or a URL of the page.
#[derive(Clone, Copy)]
enum Written<'a> {
    Text(&'a str),
    Link(&'a html::Link),
}

/// A diagnostic for something written in a rendered page: on the content
/// file where it is written, else on the template that rendered the page.
fn problem_in(
    prepared: &Prepared,
    page: &PageLinks,
    written: Written,
    message: String,
) -> Diagnostic {
    if let Some((site_page, position)) = locate_in_content(prepared, page, written) {
        return Diagnostic::error(&site_page.page.display_path, message)
            .at(position, &site_page.page.source);
    }
    let template = prepared
        .templates
        .as_ref()
        .and_then(|t| t.path_of(page.template))
        .map(|p| crate::diagnostics::display_path(&prepared.layout.root, p))
        .unwrap_or_else(|| PathBuf::from(page.template));
    Diagnostic::error(template, message)
        .with_hint(format!("written by a template, on {}", page.rendered_path))
}

/// Finds where something of the rendered page is written in its Markdown
/// body: the text as written in the page, then decoded; for a URL, the
/// `#fragment` of a rewritten `.md` link, the body's links as the renderer
/// made them (the page escapes a Markdown link's URL), the start of the
/// attribute (raw HTML running over lines in a block quote loses its `>`
/// markers in the page); last, the first line of the body when the URL is
/// among the links the body renders to.
fn locate_in_content<'a>(
    prepared: &'a Prepared,
    page: &PageLinks,
    written: Written,
) -> Option<(&'a SitePage, Position)> {
    let site_page = prepared.site.pages.get(page.page?)?;
    let source = &site_page.page.source;
    let body = site_page.page.body();
    let in_file = |at: usize| {
        Some((
            site_page,
            position_at(source, at + site_page.page.body_offset),
        ))
    };
    let needles: Vec<&str> = match written {
        Written::Text(text) => vec![text],
        Written::Link(link) => vec![link.raw.as_str(), link.url.as_str()],
    };
    let whole = needles
        .iter()
        .filter(|n| !n.is_empty())
        .find_map(|n| body.find(n));
    if let Some(at) = whole {
        return in_file(at);
    }
    let Written::Link(link) = written else {
        return None;
    };
    let fragment = needles.iter().find_map(|url| {
        let (_, fragment) = url.split_once('#')?;
        (!fragment.is_empty())
            .then(|| body.find(&format!("#{fragment})")))
            .flatten()
    });
    if let Some(at) = fragment {
        return in_file(at);
    }
    let page_source = &site_page.page;
    let resolve = |target: &str| prepared.site.resolve_link(target);
    let links = crate::markdown::link_positions(
        page_source.body(),
        page_source.body_line,
        &page_source.rel_path,
        &resolve,
    );
    let decoded: Vec<String> = needles.iter().map(|n| percent_decode(n)).collect();
    if let Some((_, position)) = links
        .iter()
        .find(|(dest, _)| decoded.contains(&percent_decode(dest)))
    {
        return Some((site_page, *position));
    }
    let first_line = link.raw.lines().next().unwrap_or_default();
    let attribute = ["\"", "'", ""]
        .iter()
        .map(|quote| format!("{}={quote}{first_line}", link.attribute))
        .find_map(|start| body.find(&start));
    if let Some(at) = attribute {
        return in_file(at);
    }
    body_renders(prepared, site_page, link)
        .then(|| (site_page, Position::new(page_source.body_line, 1)))
}

/// Whether the body of a page, rendered alone, holds `link`: then the
/// link is the editor's, not the template's.
fn body_renders(prepared: &Prepared, site_page: &SitePage, link: &html::Link) -> bool {
    let page = &site_page.page;
    let resolve = |target: &str| prepared.site.resolve_link(target);
    let body = crate::markdown::render(
        page.body(),
        page.body_line,
        &page.rel_path,
        prepared.site.config.raw_html,
        &resolve,
        &Default::default(),
        &mut Vec::new(),
    );
    html::scan(&body.html)
        .links
        .iter()
        .any(|l| l.raw == link.raw && l.attribute == link.attribute)
}

/// The line and column (in characters) of byte `at` of `source`; an
/// offset inside a character counts as that character.
pub(crate) fn position_at(source: &str, at: usize) -> Position {
    let before = source.as_bytes().get(..at).unwrap_or(source.as_bytes());
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let on_line = before.get(line_start..).unwrap_or_default();
    // Count characters as the bytes that do not continue one.
    let column = on_line.iter().filter(|&&b| (b & 0xC0) != 0x80).count() + 1;
    Position::new(line, column)
}

fn place_of(prepared: &Prepared, page: &PageLinks, written: Written) -> String {
    match locate_in_content(prepared, page, written) {
        Some((p, pos)) => format!("{}:{}", p.page.display_path.display(), pos.line),
        None => format!("{} (via {})", page.rendered_path, page.template),
    }
}

fn fetch_external(
    urls: BTreeMap<String, Vec<String>>,
    limits: &external::Limits,
    diagnostics: &Diagnostics,
) -> Vec<ExternalLink> {
    let list: Vec<String> = urls.keys().cloned().collect();
    let outcomes = external::check_all(&list, limits);
    urls.into_iter()
        .zip(outcomes)
        .map(|((url, found_in), outcome)| {
            let where_ = found_in.join(", ");
            match &outcome {
                external::Outcome::Broken { status } => diagnostics.push(
                    Diagnostic::error(first_file(&found_in), format!("`{url}` answers {status}"))
                        .with_hint(format!("found in {where_}")),
                ),
                external::Outcome::Unreachable { reason } => diagnostics.push(
                    Diagnostic::warning(
                        first_file(&found_in),
                        format!("`{url}` could not be reached: {reason}"),
                    )
                    .with_hint(format!("found in {where_}")),
                ),
                external::Outcome::Ok { .. } => {}
            }
            ExternalLink {
                url,
                found_in,
                outcome,
            }
        })
        .collect()
}

fn first_file(found_in: &[String]) -> PathBuf {
    let first = found_in.first().map(String::as_str).unwrap_or("");
    PathBuf::from(first.split([':', ' ']).next().unwrap_or(first))
}

/// Lists every editor note with the review date read from it; flags dated
/// notes older than `review_after_months`.
fn review_notes(prepared: &Prepared, today: Date, diagnostics: &Diagnostics) -> Vec<NoteEntry> {
    let months = prepared.site.config.review_after_months;
    let mut entries = Vec::new();
    for site_page in &prepared.site.pages {
        for (entry, warning) in page_notes(&site_page.page, months, today) {
            diagnostics.extend(warning);
            entries.push(entry);
        }
    }
    entries
}

/// The editor notes of one page, each with the review date read from it
/// and, when that date is more than `months` old, the warning `check`
/// gives (the language server shows the same warnings as the editor types).
pub(crate) fn page_notes(
    page: &crate::content::Page,
    months: u32,
    today: Date,
) -> Vec<(NoteEntry, Option<Diagnostic>)> {
    crate::markdown::editor_notes(page.body(), page.body_line)
        .into_iter()
        .map(|note| {
            let date = notes::date_in(&note.text);
            let stale = date.is_some_and(|d| notes::is_older_than(d, months, today));
            let warning = stale.then(|| {
                Diagnostic::warning(
                    &page.display_path,
                    format!("this note's review date is more than {months} months old"),
                )
                .at(Position::new(note.line, 1), &page.source)
                .with_hint("check the facts again and update the note's date")
            });
            let entry = NoteEntry {
                file: page.display_path.clone(),
                line: note.line,
                text: note.text,
                date: date.map(|d| d.to_string()),
                stale,
            };
            (entry, warning)
        })
        .collect()
}

/// Text that `careers new` wrote for the editor to replace, still there.
fn report_placeholders(prepared: &Prepared, diagnostics: &Diagnostics) {
    for site_page in &prepared.site.pages {
        let page = &site_page.page;
        for line in crate::scaffold::placeholder_lines(&page.source) {
            diagnostics.push(
                Diagnostic::warning(
                    &page.display_path,
                    "this is placeholder text that `careers new` wrote",
                )
                .at(Position::new(line, 1), &page.source)
                .with_hint("write the profile's own text here, or delete the line"),
            );
        }
    }
}

/// Warnings for stale `reviewed` dates and for what a profile should have.
fn review_profiles(prepared: &Prepared, today: Date, diagnostics: &Diagnostics) {
    let config = &prepared.site.config;
    for (_, site_page) in prepared.site.profiles() {
        let page = &site_page.page;
        let Some(profile) = &page.meta.profile else {
            continue;
        };
        let at = page.locator();
        let warn = |path: &[crate::yaml::Segment], message: String, hint: &str| {
            diagnostics.push(at.warning_at_value(path, message).with_hint(hint));
        };
        if let Some(reviewed) = profile.reviewed {
            if notes::is_older_than(reviewed, config.review_after_months, today) {
                let months = config.review_after_months;
                warn(
                    &yaml_path!["reviewed"],
                    format!("last reviewed {reviewed}, more than {months} months ago"),
                    "review the profile and update `reviewed`",
                );
            }
        }
        if page.meta.summary.is_none() {
            warn(
                &yaml_path!["title"],
                "this profile has no `summary`".into(),
                "add a one-sentence `summary`: listings and search results show it",
            );
        }
        let area = config.primary_area.as_deref();
        match &profile.wages {
            None => warn(
                &yaml_path!["soc"],
                "this profile has no `wages`".into(),
                "add wages for the primary area, or import them with `careers import oews`",
            ),
            Some(w) => {
                if let Some(area) = area.filter(|a| !w.areas.iter().any(|r| r.area == *a)) {
                    warn(
                        &yaml_path!["wages", "areas"],
                        format!("the wages have no row for the primary area, {area}"),
                        "listings show this area's median wage",
                    );
                }
                if w.source.is_none() {
                    warn(
                        &yaml_path!["wages"],
                        "the wages have no `source`".into(),
                        "say where the figures come from",
                    );
                }
                if w.as_of.is_none() {
                    warn(
                        &yaml_path!["wages"],
                        "the wages have no `as_of`".into(),
                        "say which release the figures are from, such as `as_of: \"May 2023\"`",
                    );
                }
            }
        }
        match &profile.outlook {
            None => warn(
                &yaml_path!["soc"],
                "this profile has no `outlook`".into(),
                "add the employment outlook for the primary area",
            ),
            Some(o) => {
                if let Some(area) = area.filter(|a| !o.areas.iter().any(|r| r.area == *a)) {
                    warn(
                        &yaml_path!["outlook", "areas"],
                        format!("the outlook has no row for the primary area, {area}"),
                        "listings show this area's growth",
                    );
                }
                if o.source.is_none() {
                    warn(
                        &yaml_path!["outlook"],
                        "the outlook has no `source`".into(),
                        "say where the projections come from",
                    );
                }
                if o.period.is_none() {
                    warn(
                        &yaml_path!["outlook"],
                        "the outlook has no `period`".into(),
                        "name the projection period, such as `period: 2022-2032`",
                    );
                }
            }
        }
    }
}
