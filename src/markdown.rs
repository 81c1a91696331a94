//! Markdown: the one pulldown-cmark setup, editor notes, and link rewriting.
//!
//! Every Markdown option the site uses is set in [`options`], so pages,
//! intros and `check` agree on what a body means; whether raw HTML passes
//! through or is shown as text (`raw_html` in `site.yaml`) is decided here
//! too. Editor notes (a line starting with `#` and directly followed by
//! something other than a space or another `#`, outside fenced code) are
//! found and removed here and never reach HTML. Links to other content files by relative path (`other.md`) are
//! rewritten to page URLs through a resolver the caller supplies, so this
//! module knows nothing of the site's URL scheme.

use std::borrow::Cow;
use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diagnostics::Position;

/// The Markdown dialect of the whole tool: CommonMark with tables,
/// footnotes, strikethrough and `{#id}` heading attributes.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// An editor's note found in a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EditorNote {
    /// 1-based line in the file.
    pub line: usize,
    /// The note without its leading `#`.
    pub text: String,
}

/// Finds the editor notes of a body that starts at file line `first_line`.
pub fn editor_notes(body: &str, first_line: usize) -> Vec<EditorNote> {
    let mut fence = FenceTracker::default();
    body.lines()
        .enumerate()
        .filter(|(_, line)| !fence.inside_after(line) && is_note(line))
        .map(|(i, line)| EditorNote {
            line: first_line + i,
            text: line.trim_end_matches('\r')[1..].to_string(),
        })
        .collect()
}

fn is_note(line: &str) -> bool {
    let mut chars = line.chars();
    chars.next() == Some('#')
        && chars
            .next()
            .is_some_and(|c| !matches!(c, ' ' | '\t' | '#' | '\r'))
}

/// Tracks whether a line is inside fenced code (``` or ~~~).
#[derive(Default)]
struct FenceTracker {
    open: Option<(char, usize)>,
}

impl FenceTracker {
    /// Feeds one line; says whether it belongs to fenced code (fence lines
    /// included).
    fn inside_after(&mut self, line: &str) -> bool {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let fence = (indent <= 3)
            .then(|| {
                // Only ASCII fence characters, so `run` is a byte count too.
                let c = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
                let run = trimmed.chars().take_while(|&x| x == c).count();
                (run >= 3).then(|| (c, run, &trimmed[run..]))
            })
            .flatten();
        match (self.open, fence) {
            (None, Some((c, run, info))) if !(c == '`' && info.contains('`')) => {
                self.open = Some((c, run));
                true
            }
            (Some((c, len)), Some((fc, run, rest)))
                if fc == c && run >= len && rest.trim().is_empty() =>
            {
                self.open = None;
                true
            }
            (open, _) => open.is_some(),
        }
    }
}

/// The body without its editor notes, and for each remaining line its
/// 0-based line in the original body (so positions can be reported in the
/// file as the editor sees it).
pub fn strip_notes(body: &str) -> (Cow<'_, str>, Vec<usize>) {
    let mut fence = FenceTracker::default();
    let mut kept = String::new();
    let mut line_map = Vec::new();
    let mut removed_any = false;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        if !fence.inside_after(line) && is_note(line) {
            removed_any = true;
            continue;
        }
        kept.push_str(line);
        line_map.push(i);
    }
    if removed_any {
        (Cow::Owned(kept), line_map)
    } else {
        (Cow::Borrowed(body), line_map)
    }
}

/// One entry of a page's table of contents (its `##` sections).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub title: String,
    pub id: String,
}

/// A body rendered to HTML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderedBody {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Every heading id, for anchor checks.
    pub anchors: Vec<String>,
}

/// A relative link to a content file that could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub position: Position,
    pub target: String,
    pub hint: Option<String>,
}

/// Resolves a content path (`a/b.md`, already made relative to `content/`)
/// to a URL, or explains why it cannot (a hint such as the closest file).
pub type Resolver<'a> = dyn Fn(&str) -> Result<String, Option<String>> + Sync + 'a;

/// Renders a page body that starts at file line `first_line` and belongs to
/// the content file `from` (`a/b.md`). Links to `.md` files are rewritten
/// with `resolve`; those that fail are returned in `broken`.
/// Heading ids avoid `reserved` (ids the page template uses itself).
pub fn render(
    body: &str,
    first_line: usize,
    from: &str,
    raw_html: bool,
    resolve: &Resolver,
    reserved: &HashSet<String>,
    broken: &mut Vec<BrokenLink>,
) -> RenderedBody {
    let (text, line_map) = strip_notes(body);
    let mut events: Vec<Event> = Vec::new();
    for (event, range) in Parser::new_ext(&text, options()).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url =
                    rewrite_link(dest_url, from, resolve).unwrap_or_else(|(target, hint)| {
                        let position = position_in_file(&text, range.start, &line_map, first_line);
                        broken.push(BrokenLink {
                            position,
                            target: target.clone(),
                            hint,
                        });
                        CowStr::from(target)
                    });
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            other => html_policy(other, raw_html),
        };
        events.push(event);
    }
    let (toc, anchors) = assign_heading_ids(&mut events, reserved);
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    RenderedBody { html, toc, anchors }
}

/// Raw HTML passes through when `raw_html` is on (editors are trusted);
/// when it is off, block and inline HTML become text, shown as written.
fn html_policy(event: Event<'_>, raw_html: bool) -> Event<'_> {
    match event {
        Event::Html(html) | Event::InlineHtml(html) if !raw_html => Event::Text(html),
        other => other,
    }
}

/// Rewrites `other.md#part` to `URL#part`. Links that are not relative
/// links to `.md` files come back unchanged.
fn rewrite_link<'a>(
    dest: CowStr<'a>,
    from: &str,
    resolve: &Resolver,
) -> Result<CowStr<'a>, (String, Option<String>)> {
    let Some((path, fragment)) = content_link(&dest) else {
        return Ok(dest);
    };
    let target = join_relative(from, &path);
    match resolve(&target) {
        Ok(url) => Ok(CowStr::from(format!("{url}{fragment}"))),
        Err(hint) => Err((dest.to_string(), hint)),
    }
}

/// Splits a relative link to a Markdown file into its path and `#fragment`.
pub fn content_link(dest: &str) -> Option<(String, &str)> {
    if dest.starts_with(['/', '#']) || has_scheme(dest) {
        return None;
    }
    let (path, fragment) = match dest.find(['#', '?']) {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    path.to_ascii_lowercase()
        .ends_with(".md")
        .then(|| (percent_decode(path), fragment))
}

fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) => url[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')),
        None => false,
    }
}

/// Decodes `%20` and the like in a URL path; invalid escapes are kept as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Joins a relative path to the folder of `from`, resolving `.` and `..`.
/// A path that climbs above `content/` keeps a leading `../` so it cannot
/// match any page.
pub fn join_relative(from: &str, path: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return format!("../{path}");
                }
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

fn position_in_file(text: &str, offset: usize, line_map: &[usize], first_line: usize) -> Position {
    let before = &text[..offset];
    let line_index = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    let original = line_map.get(line_index).copied().unwrap_or(line_index);
    Position::new(first_line + original, column)
}

/// Gives every heading an id (kept when the editor set one with `{#id}`),
/// unique within the page, and collects the `##` headings for the table
/// of contents.
fn assign_heading_ids(
    events: &mut [Event],
    reserved: &HashSet<String>,
) -> (Vec<TocEntry>, Vec<String>) {
    let mut toc = Vec::new();
    let mut used = reserved.clone();
    let mut anchors = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let level = *level;
            let given = id.as_ref().map(|s| s.to_string());
            let (title, end) = heading_text(events, i + 1);
            let id = unique_id(given.unwrap_or_else(|| heading_slug(&title)), &mut used);
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(CowStr::from(id.clone()));
            }
            if level == HeadingLevel::H2 {
                toc.push(TocEntry {
                    title,
                    id: id.clone(),
                });
            }
            anchors.push(id);
            i = end;
        }
        i += 1;
    }
    (toc, anchors)
}

fn heading_text(events: &[Event], start: usize) -> (String, usize) {
    let mut title = String::new();
    let mut i = start;
    while i < events.len() {
        match &events[i] {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => title.push_str(t),
            Event::SoftBreak | Event::HardBreak => title.push(' '),
            _ => {}
        }
        i += 1;
    }
    (title.trim().to_string(), i)
}

fn heading_slug(title: &str) -> String {
    let slug = crate::content::validate::slugify(title);
    if slug == "page" && !title.to_lowercase().contains("page") {
        "section".into()
    } else {
        slug
    }
}

fn unique_id(base: String, used: &mut HashSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while !used.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Renders Markdown that has no links to resolve and no table of contents
/// (site intros, short texts).
pub fn render_simple(text: &str, raw_html: bool) -> String {
    let (text, _) = strip_notes(text);
    let mut html = String::new();
    let events = Parser::new_ext(&text, options()).map(|e| html_policy(e, raw_html));
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// The text a reader sees in a body, for the search index: one entry per
/// block (paragraph, list item, table cell, heading), each with the `##`
/// heading above it (empty before the first). Editor notes are removed,
/// and raw HTML is dropped whatever `raw_html` says (its tags are not
/// words), so search finds only what the rendered page shows as text.
pub fn plain_blocks(body: &str) -> Vec<(String, String)> {
    let (text, _) = strip_notes(body);
    let mut blocks = Vec::new();
    let (mut heading, mut current, mut in_heading) = (String::new(), String::new(), false);
    let flush = |current: &mut String, heading: &str, blocks: &mut Vec<(String, String)>| {
        let trimmed = current.trim();
        if !trimmed.is_empty() {
            blocks.push((heading.to_string(), trimmed.to_string()));
        }
        current.clear();
    };
    for event in Parser::new_ext(&text, options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut current, &heading, &mut blocks);
                in_heading = true;
            }
            Event::End(TagEnd::Heading(level)) => {
                in_heading = false;
                if level <= HeadingLevel::H2 {
                    heading = current.trim().to_string();
                }
                flush(&mut current, &heading, &mut blocks);
            }
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock,
            ) if !in_heading => flush(&mut current, &heading, &mut blocks),
            _ => {}
        }
    }
    flush(&mut current, &heading, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_links(_: &str) -> Result<String, Option<String>> {
        Err(None)
    }

    #[test]
    fn notes_are_found_outside_fences_only() {
        let body = "Intro\n#note one 2/12/15\n# Heading\n##x\n```\n#code\n```\n#fine. second\n";
        let notes = editor_notes(body, 10);
        assert_eq!(
            notes,
            vec![
                EditorNote {
                    line: 11,
                    text: "note one 2/12/15".into()
                },
                EditorNote {
                    line: 17,
                    text: "fine. second".into()
                },
            ]
        );
    }

    #[test]
    fn notes_never_reach_html() {
        let mut broken = Vec::new();
        let out = render(
            "Text\n#secret note\nmore text\n",
            1,
            "a.md",
            true,
            &no_links,
            &HashSet::new(),
            &mut broken,
        );
        assert!(!out.html.contains("secret"));
        assert!(out.html.contains("Text\nmore text"));
    }

    #[test]
    fn rewrites_content_links_and_reports_broken_ones_in_file_lines() {
        let resolve = |p: &str| {
            if p == "jobs/coders.md" {
                Ok("/jobs/coders/".to_string())
            } else {
                Err(Some("did you mean `jobs/coders.md`?".to_string()))
            }
        };
        let body = "#note\nSee [coders](coders.md#duties).\n\nAnd [x](missing.md).\n";
        let mut broken = Vec::new();
        let out = render(
            body,
            5,
            "jobs/techs.md",
            true,
            &resolve,
            &HashSet::new(),
            &mut broken,
        );
        assert!(
            out.html.contains(r#"href="/jobs/coders/#duties""#),
            "{}",
            out.html
        );
        assert_eq!(broken.len(), 1);
        assert_eq!(broken[0].position, Position::new(8, 5));
        assert_eq!(broken[0].target, "missing.md");
    }

    #[test]
    fn leaves_other_links_alone() {
        for dest in [
            "https://x.org/a.md",
            "/abs.md",
            "#top",
            "mailto:a@b.c",
            "image.png",
        ] {
            assert_eq!(content_link(dest), None, "{dest}");
        }
        assert_eq!(
            content_link("../a%20b.md#x"),
            Some(("../a b.md".into(), "#x"))
        );
    }

    #[test]
    fn raw_html_is_kept_or_shown_as_text() {
        let text = "<div>block</div>\n\nSome <b>bold</b>.\n";
        assert!(render_simple(text, true).contains("<b>bold</b>"));
        let escaped = render_simple(text, false);
        assert!(
            escaped.contains("&lt;div&gt;block&lt;/div&gt;"),
            "{escaped}"
        );
        assert!(escaped.contains("&lt;b&gt;bold&lt;/b&gt;"), "{escaped}");
    }

    #[test]
    fn joins_relative_paths() {
        assert_eq!(join_relative("a/b.md", "c.md"), "a/c.md");
        assert_eq!(join_relative("a/b.md", "../c.md"), "c.md");
        assert_eq!(join_relative("b.md", "../c.md"), "../../c.md");
    }

    #[test]
    fn headings_get_unique_ids_and_h2_feed_the_toc() {
        let mut broken = Vec::new();
        let out = render(
            "## Job duties\n### Tasks\n## Job duties\n## Pay {#pay}\n## Wages\n",
            1,
            "a.md",
            true,
            &no_links,
            &HashSet::from(["wages".to_string()]),
            &mut broken,
        );
        let ids: Vec<_> = out.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["job-duties", "job-duties-2", "pay", "wages-2"]);
        assert!(out.html.contains(r#"<h3 id="tasks">"#));
    }
}
