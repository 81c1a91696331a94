//! Markdown: the one pulldown-cmark setup, editor notes, and link rewriting.
//!
//! Every Markdown option the site uses is set in [`options`], so pages,
//! intros and `check` agree on what a body means; whether raw HTML passes
//! through or is shown as text (`raw_html` in `site.yaml`) is decided here
//! too. Editor notes (a line whose text starts with `#` directly followed
//! by something other than a space or another `#`, outside code) are found
//! with CommonMark's own structure in [`notes`], removed here, and never
//! reach HTML. Links to other content files by relative path (`other.md`)
//! are rewritten to page URLs through a resolver the caller supplies, so
//! this module knows nothing of the site's URL scheme. Headings get unique
//! ids, and headings with nothing under them are left out.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

mod notes;

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

/// Finds the editor notes of a body that starts at file line `first_line`
/// (see [`notes`] for the rule). These are exactly the lines [`render`]
/// leaves out.
pub fn editor_notes(body: &str, first_line: usize) -> Vec<EditorNote> {
    notes::find(body)
        .into_iter()
        .map(|note| EditorNote {
            line: first_line + note.line,
            text: note.text,
        })
        .collect()
}

/// The body without its editor notes, and for each remaining line its
/// 0-based line in the original body (so positions can be reported in the
/// file as the editor sees it); the map is empty when no line was removed.
pub fn strip_notes(body: &str) -> (Cow<'_, str>, Vec<usize>) {
    let stripped = notes::strip(body);
    (stripped.text, stripped.line_map)
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
    let mut events = drop_empty_headings(events);
    let (toc, anchors) = assign_heading_ids(&mut events, reserved);
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    RenderedBody { html, toc, anchors }
}

/// Where each link and image of a body is written: its URL as the page
/// has it (links to content files rewritten as [`render`] does them) and
/// its position in the file. The page's HTML writes a URL escaped (`é` as
/// `%C3%A9`, `&` as `&amp;`), so `check` finds a link's line here when the
/// text of the URL is not in the file as it is.
pub fn link_positions(
    body: &str,
    first_line: usize,
    from: &str,
    resolve: &Resolver,
) -> Vec<(String, Position)> {
    let (text, line_map) = strip_notes(body);
    Parser::new_ext(&text, options())
        .into_offset_iter()
        .filter_map(|(event, range)| {
            let dest = match event {
                Event::Start(Tag::Link { dest_url, .. }) => {
                    match rewrite_link(dest_url, from, resolve) {
                        Ok(url) => url.to_string(),
                        Err((target, _)) => target,
                    }
                }
                Event::Start(Tag::Image { dest_url, .. }) => dest_url.to_string(),
                _ => return None,
            };
            let position = position_in_file(&text, range.start, &line_map, first_line);
            Some((dest, position))
        })
        .collect()
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
    let (path, fragment) = dest
        .find(['#', '?'])
        .and_then(|i| dest.split_at_checked(i))
        .unwrap_or((dest, ""));
    path.to_ascii_lowercase()
        .ends_with(".md")
        .then(|| (percent_decode(path), fragment))
}

fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// Decodes `%20` and the like in a URL path; invalid escapes are kept as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    let hex = |i: usize| bytes.get(i).and_then(|&b| (b as char).to_digit(16));
    while let Some(&byte) = bytes.get(i) {
        // `i + 2 < len` as before: an escape in the last two bytes is kept.
        if byte == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(i + 1), hex(i + 2)) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(byte);
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
    let before = text.as_bytes().get(..offset).unwrap_or(text.as_bytes());
    let line_index = before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let on_line = before.get(line_start..).unwrap_or_default();
    // Characters are the bytes that do not continue one (UTF-8).
    let column = on_line.iter().filter(|&&b| (b & 0xC0) != 0x80).count() + 1;
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
    let mut ids = UniqueIds::new(reserved);
    let mut anchors = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Some(Event::Start(Tag::Heading { level, id, .. })) = events.get(i) {
            let level = *level;
            let given = id.as_ref().map(|s| s.to_string());
            let (title, end) = heading_text(events, i + 1);
            let id = ids.make(given.unwrap_or_else(|| heading_slug(&title)));
            if let Some(Event::Start(Tag::Heading { id: slot, .. })) = events.get_mut(i) {
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

/// Leaves out the top-level headings with nothing under them: no block
/// before the next heading of the same or a higher level, other than
/// subheadings that are themselves empty. A scaffold's section left
/// unwritten (its hint is an editor note) is not published as a bare title.
/// Headings inside block quotes and list items are kept as written.
fn drop_empty_headings(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    // The top-level blocks: where each starts, and its level if a heading.
    let mut blocks: Vec<(usize, Option<HeadingLevel>)> = Vec::new();
    let mut depth = 0usize;
    for (i, event) in events.iter().enumerate() {
        if depth == 0 {
            let level = match event {
                Event::Start(Tag::Heading { level, .. }) => Some(*level),
                _ => None,
            };
            blocks.push((i, level));
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if !blocks.iter().any(|(_, level)| level.is_some()) {
        return events;
    }
    // Open headings, each with whether anything was found under it.
    let mut open: Vec<(usize, HeadingLevel, bool)> = Vec::new();
    let mut dropped = vec![false; blocks.len()];
    let mut close = |open: &mut Vec<(usize, HeadingLevel, bool)>, above: Option<HeadingLevel>| {
        while let Some(&(block, level, filled)) = open.last() {
            if above.is_some_and(|above| level < above) {
                break;
            }
            open.pop();
            if let Some(slot) = dropped.get_mut(block) {
                *slot = !filled;
            }
        }
    };
    for (block, &(_, level)) in blocks.iter().enumerate() {
        match level {
            Some(level) => {
                close(&mut open, Some(level));
                open.push((block, level, false));
            }
            None => open.iter_mut().for_each(|(_, _, filled)| *filled = true),
        }
    }
    close(&mut open, None);
    if !dropped.contains(&true) {
        return events;
    }
    let mut starts = blocks.iter().map(|&(start, _)| start).peekable();
    let mut block = 0;
    let mut keep = true;
    let mut kept = Vec::with_capacity(events.len());
    for (i, event) in events.into_iter().enumerate() {
        if starts.next_if_eq(&i).is_some() {
            keep = !dropped.get(block).copied().unwrap_or(false);
            block += 1;
        }
        if keep {
            kept.push(event);
        }
    }
    kept
}

fn heading_text(events: &[Event], start: usize) -> (String, usize) {
    let mut title = String::new();
    let mut i = start;
    while let Some(event) = events.get(i) {
        match event {
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

/// Heading ids unique within a page: the second `## Pay` becomes `pay-2`.
/// The next number to try is kept per base id, so a page with thousands of
/// equal headings takes linear time (counting up from 2 for each heading
/// took minutes for 40,000 `## a`); the ids are the same as counting up.
struct UniqueIds {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl UniqueIds {
    fn new(reserved: &HashSet<String>) -> Self {
        UniqueIds {
            used: reserved.clone(),
            next: HashMap::new(),
        }
    }

    fn make(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
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
            "## Job duties\n### Tasks\nx\n## Job duties\nx\n## Pay {#pay}\nx\n## Wages\nx\n",
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

    fn rendered(body: &str) -> RenderedBody {
        render(
            body,
            1,
            "a.md",
            true,
            &no_links,
            &HashSet::new(),
            &mut Vec::new(),
        )
    }

    #[test]
    fn headings_with_nothing_under_them_are_left_out() {
        let out = rendered(
            "## Summary\n\n#hint: write here\n\n## Duties\n### Tasks\n## Pay\n### Hourly\nText.\n## Last\n",
        );
        let ids: Vec<_> = out.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["pay"]);
        assert_eq!(out.anchors, ["pay", "hourly"]);
        assert!(!out.html.contains("Summary"), "{}", out.html);
        assert!(!out.html.contains("Tasks"), "{}", out.html);
        assert!(
            out.html.contains("<h3 id=\"hourly\">Hourly</h3>"),
            "{}",
            out.html
        );
        // A rule, a list or a table is something under a heading; a
        // heading in a block quote is kept as written.
        let out = rendered("## A\n---\n## B\n- x\n> ## C\n");
        assert_eq!(out.anchors, ["a", "b", "c"]);
    }

    #[test]
    fn many_equal_headings_get_the_ids_counting_up_would_give() {
        let body = "## a\nx\n## a-3\nx\n## a\nx\n## a\nx\n## a\nx\n".to_string();
        let out = rendered(&body);
        assert_eq!(out.anchors, ["a", "a-3", "a-2", "a-4", "a-5"]);
    }
}
