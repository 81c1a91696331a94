//! Content: finding the files under `content/`, splitting front matter from
//! body, and turning each file into a validated [`Page`].
//!
//! This is the pipeline's *load* and *parse* stages. It knows file names,
//! what a readable text file is (UTF-8, line breaks, no control characters,
//! a size limit; symbolic links are reported, never followed) and the
//! front-matter fence; YAML itself is read by `yaml`, the rules live in
//! `validate`, and the Markdown body is left untouched for `markdown` to
//! render once the whole site is known. Nothing here looks at other pages.

pub(crate) mod front_matter;
pub mod model;
mod reader;
pub mod translation;
pub(crate) mod validate;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

pub use front_matter::FrontMatter;
pub use model::{PageKind, PageMeta};
pub use translation::Translation;

use crate::diagnostics::{closest, Diagnostic, Diagnostics, Position};
use crate::yaml::{self, LineIndex, Outline, Segment, Tree, TreeError, Value};

/// A file read from `content/`.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to `content/`, with `/` separators: `a/b.md`.
    pub rel_path: String,
    /// Path as shown to editors, relative to the site root: `content/a/b.md`.
    pub display_path: PathBuf,
    pub text: String,
}

/// What `load` finds: Markdown pages and everything else, which is copied
/// to the output beside the pages (images, PDFs) rather than dropped.
#[derive(Debug, Default)]
pub struct Loaded {
    pub pages: Vec<SourceFile>,
    pub assets: Vec<Asset>,
}

#[derive(Debug, Clone)]
pub struct Asset {
    pub source: PathBuf,
    pub rel_path: String,
}

/// A page after parsing and validation.
#[derive(Debug)]
pub struct Page {
    pub rel_path: String,
    pub display_path: PathBuf,
    pub kind: PageKind,
    pub meta: PageMeta,
    /// The whole file, kept for rendering the body and for quoting lines in
    /// diagnostics found later.
    pub source: String,
    /// Byte offset of the body in `source`.
    pub body_offset: usize,
    /// 1-based line of `source` where the body starts.
    pub body_line: usize,
    /// Where the YAML is in `source`.
    pub yaml_range: std::ops::Range<usize>,
    /// 1-based line of `source` where the YAML starts.
    pub yaml_line: usize,
    /// Hashes of the whole file and of its front matter, made on first use
    /// (only `serve` needs them, to tell what an edit changed).
    fingerprints: std::sync::OnceLock<(u64, u64)>,
}

impl Page {
    pub fn body(&self) -> &str {
        self.source.get(self.body_offset..).unwrap_or_default()
    }

    /// This page with its wage and outlook areas named as `names` names
    /// them (a language's area names), or `None` when it has no area
    /// `names` lists. The figures stay the source's: only names change.
    pub fn with_area_names(
        &self,
        names: &std::collections::BTreeMap<String, String>,
    ) -> Option<Page> {
        if names.is_empty() || self.meta.profile.is_none() {
            return None;
        }
        let mut meta = self.meta.clone();
        let mut renamed = false;
        let mut rename = |area: &mut String| {
            if let Some(name) = names.get(area.as_str()) {
                area.clone_from(name);
                renamed = true;
            }
        };
        if let Some(profile) = meta.profile.as_mut() {
            let wages = profile.wages.iter_mut().flat_map(|w| &mut w.areas);
            for row in wages {
                rename(&mut row.area);
                row.within.as_mut().map(&mut rename);
            }
            for row in profile.outlook.iter_mut().flat_map(|o| &mut o.areas) {
                rename(&mut row.area);
                row.within.as_mut().map(&mut rename);
            }
        }
        if !renamed {
            return None;
        }
        let fingerprints = {
            use std::hash::{Hash, Hasher};
            let mut h = std::hash::DefaultHasher::new();
            (self.fingerprint(), names).hash(&mut h);
            let whole = h.finish();
            (self.facts_fingerprint(), names).hash(&mut h);
            (whole, h.finish())
        };
        Some(self.with_meta(meta, fingerprints))
    }

    /// This file with other front matter (a translation's words, a
    /// language's area names) and the fingerprints that cover it.
    pub(crate) fn with_meta(&self, meta: PageMeta, fingerprints: (u64, u64)) -> Page {
        Page {
            rel_path: self.rel_path.clone(),
            display_path: self.display_path.clone(),
            kind: self.kind,
            meta,
            source: self.source.clone(),
            body_offset: self.body_offset,
            body_line: self.body_line,
            yaml_range: self.yaml_range.clone(),
            yaml_line: self.yaml_line,
            fingerprints: std::sync::OnceLock::from(fingerprints),
        }
    }

    pub(crate) fn locator(&self) -> Locator<'_> {
        Locator::new(
            &self.display_path,
            &self.source,
            self.yaml_range.clone(),
            self.yaml_line,
        )
    }

    pub fn is_profile(&self) -> bool {
        self.kind == PageKind::Profile
    }

    /// A hash of everything the page was made from: its path and its file.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprints().0
    }

    /// A hash of what the page's front matter says, and its path: the
    /// facts a profile shows outside its own page.
    pub fn facts_fingerprint(&self) -> u64 {
        self.fingerprints().1
    }

    fn fingerprints(&self) -> (u64, u64) {
        *self.fingerprints.get_or_init(|| {
            use std::hash::{Hash, Hasher};
            let hash = |text: &str| {
                let mut h = std::hash::DefaultHasher::new();
                (&self.rel_path, self.kind as u8, text).hash(&mut h);
                h.finish()
            };
            let yaml = self.source.get(self.yaml_range.clone()).unwrap_or_default();
            (hash(&self.source), hash(yaml))
        })
    }
}

/// Points diagnostics at keys of one file's front matter. The tree of the
/// YAML is built only when a problem is reported after parsing (most pages
/// have none, and keeping trees for every page would cost memory on large
/// sites); while a page is parsed, the tree just read is lent to it.
pub(crate) struct Locator<'a> {
    pub file: &'a Path,
    pub source: &'a str,
    yaml: std::ops::Range<usize>,
    tree: std::sync::OnceLock<Option<Tree<'a>>>,
    outline: std::sync::OnceLock<Outline>,
    lines: std::sync::OnceLock<LineIndex<'a>>,
    pub yaml_line: usize,
}

impl<'a> Locator<'a> {
    pub fn new(
        file: &'a Path,
        source: &'a str,
        yaml: std::ops::Range<usize>,
        yaml_line: usize,
    ) -> Self {
        Locator {
            file,
            source,
            yaml,
            tree: std::sync::OnceLock::new(),
            outline: std::sync::OnceLock::new(),
            lines: std::sync::OnceLock::new(),
            yaml_line,
        }
    }

    /// A locator that uses `tree`, already parsed from the front matter.
    fn with_tree(mut self, tree: Option<Tree<'a>>) -> Self {
        self.tree = std::sync::OnceLock::from(tree);
        self
    }

    fn tree(&self) -> Option<&Tree<'a>> {
        self.tree
            .get_or_init(|| yaml::parse_tree(self.source.get(self.yaml.clone())?).ok())
            .as_ref()
    }

    fn outline(&self) -> &Outline {
        self.outline
            .get_or_init(|| Outline::parse(self.source.get(self.yaml.clone()).unwrap_or_default()))
    }

    /// The file position of a byte offset into the front matter.
    pub(crate) fn at_offset(&self, offset: usize) -> Position {
        self.lines
            .get_or_init(|| LineIndex::new(self.source))
            .position(self.yaml.start + offset)
    }

    /// The offsets of the key at `path` (when it has one) and of its value.
    fn offsets(&self, path: &[Segment]) -> Option<(Option<usize>, usize)> {
        let (key, node) = self.tree()?.find(path)?;
        let value = match (&node.value, key) {
            // A block written on the lines below its key: point at the key.
            (Value::Map(_) | Value::Seq(_), Some(key))
                if self.at_offset(key).line != self.at_offset(node.offset).line =>
            {
                key
            }
            _ => node.offset,
        };
        Some((key, value))
    }

    /// The file position of the value at `path` (or its key), falling back
    /// to the first line of the front matter.
    pub fn position(&self, path: &[Segment]) -> Position {
        if let Some((_, value)) = self.offsets(path) {
            return self.at_offset(value);
        }
        self.outline()
            .value(path)
            .map(|p| self.in_file(p))
            .unwrap_or(Position::new(self.yaml_line.saturating_sub(1).max(1), 1))
    }

    pub fn key_position(&self, path: &[Segment]) -> Position {
        if let Some((key, value)) = self.offsets(path) {
            return self.at_offset(key.unwrap_or(value));
        }
        self.outline()
            .key(path)
            .map(|p| self.in_file(p))
            .unwrap_or(Position::new(self.yaml_line.saturating_sub(1).max(1), 1))
    }

    fn in_file(&self, p: Position) -> Position {
        Position::new(p.line + self.yaml_line - 1, p.column)
    }

    pub fn error_at_value(&self, path: &[Segment], message: String) -> Diagnostic {
        Diagnostic::error(self.file, message).at(self.position(path), self.source)
    }

    pub fn warning_at_value(&self, path: &[Segment], message: String) -> Diagnostic {
        Diagnostic::warning(self.file, message).at(self.position(path), self.source)
    }

    /// An error at a byte offset into the front matter.
    pub(crate) fn error_at_offset(&self, offset: usize, message: String) -> Diagnostic {
        Diagnostic::error(self.file, message).at(self.at_offset(offset), self.source)
    }
}

/// Walks `content_dir` and reads every file in parallel. Names starting with
/// `.` or `_` are skipped (except `_index.md`), as the content model says.
pub fn load(root: &Path, content_dir: &Path, diagnostics: &Diagnostics) -> Loaded {
    load_from(root, content_dir, content_dir, diagnostics)
}

/// What [`load`] finds at `start`, a file or folder inside `content_dir`
/// (or `content_dir` itself), by the same rules: `serve` reloads what an
/// edit touched with it, so a preview reads files exactly as a build does.
pub fn load_from(
    root: &Path,
    content_dir: &Path,
    start: &Path,
    diagnostics: &Diagnostics,
) -> Loaded {
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let inside = start.strip_prefix(content_dir).unwrap_or(start);
    let hidden_above = inside.components().any(|c| is_hidden(c.as_os_str()));
    if hidden_above || std::fs::symlink_metadata(start).is_err() {
        return Loaded::default();
    }
    if inside
        .components()
        .any(|c| c.as_os_str().to_str().is_none())
    {
        diagnostics.push(not_utf8_name(root, start));
        return Loaded::default();
    }
    let walker = WalkDir::new(start)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || keep_name(root, e.path(), diagnostics));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(start).to_path_buf();
                diagnostics.push(Diagnostic::error(
                    crate::diagnostics::display_path(root, &path),
                    format!("cannot read this folder entry: {err}"),
                ));
                continue;
            }
        };
        if entry.path() != content_dir && entry.path_is_symlink() {
            diagnostics.push(symlink_warning(root, entry.path()));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel_path = relative_slash_path(content_dir, entry.path());
        if entry.path().extension().is_some_and(|e| e == "md") {
            markdown.push((entry.into_path(), rel_path));
        } else {
            assets.push(Asset {
                source: entry.into_path(),
                rel_path,
            });
        }
    }
    let pages = markdown
        .into_par_iter()
        .filter_map(|(path, rel_path)| {
            let display_path = crate::diagnostics::display_path(root, &path);
            read_text(&path, &display_path, diagnostics).map(|text| SourceFile {
                rel_path,
                display_path,
                text,
            })
        })
        .collect();
    Loaded { pages, assets }
}

/// Names starting with `.` or `_` are not published (`_index.md` is the
/// home page's text). Judged on the bytes, so a name that is not UTF-8 is
/// hidden by the same rule.
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let bytes = name.as_encoded_bytes();
    matches!(bytes.first(), Some(b'.' | b'_'))
        && bytes != b"_index.md"
        && !is_home_translation(bytes)
}

/// `_index.LANG.md`: the home page's text in another language. Loaded
/// like `_index.md`; the parse stage drops it unless LANG is a language of
/// the site, so a site without `languages:` reads what it always read.
pub fn is_home_translation(name: &[u8]) -> bool {
    name.strip_prefix(b"_index.")
        .and_then(|rest| rest.strip_suffix(b".md"))
        .is_some_and(|lang| {
            !lang.is_empty() && lang.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        })
}

/// Whether the walk takes in this entry (and, for a folder, what is in
/// it): not when it is hidden, nor when its name is not UTF-8, which is
/// an error. Such a name cannot become a URL, and reading it as UTF-8
/// would turn its odd bytes into U+FFFD, so two names could become one.
fn keep_name(root: &Path, path: &Path, diagnostics: &Diagnostics) -> bool {
    let Some(name) = path.file_name() else {
        return true;
    };
    if is_hidden(name) {
        return false;
    }
    if name.to_str().is_none() {
        diagnostics.push(not_utf8_name(root, path));
        return false;
    }
    true
}

fn not_utf8_name(root: &Path, path: &Path) -> Diagnostic {
    let display = escaped_path(&crate::diagnostics::display_path(root, path));
    Diagnostic::error(
        display,
        "this name is not UTF-8 text, so it cannot be published (shown with its odd bytes as \\xNN)",
    )
    .with_hint("rename it with letters your system writes as UTF-8; nothing under it was read")
}

/// A path with the bytes of its names that are not UTF-8 written as
/// `\xNN`, so that two such names never look alike.
pub fn escaped_path(path: &Path) -> PathBuf {
    let mut text = String::new();
    for chunk in path.as_os_str().as_encoded_bytes().utf8_chunks() {
        text.push_str(chunk.valid());
        for byte in chunk.invalid() {
            text.push_str(&format!("\\x{byte:02X}"));
        }
    }
    PathBuf::from(text)
}

/// Errors for names under the site's and the theme's `static/` that are
/// not UTF-8 (those files are not published, see `render::files`). Names
/// starting with `.` are not published there and not looked at.
pub fn static_name_problems(layout: &crate::config::Layout) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for dir in [layout.theme.join("static"), layout.static_dir.clone()] {
        let walker = WalkDir::new(&dir).into_iter().filter_entry(|e| {
            let name = e.file_name();
            if e.depth() == 0 || name.as_encoded_bytes().first() == Some(&b'.') {
                return e.depth() == 0;
            }
            if name.to_str().is_none() {
                problems.push(not_utf8_name(&layout.root, e.path()));
                return false;
            }
            true
        });
        walker.for_each(drop);
    }
    problems
}

fn relative_slash_path(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Symbolic links are never followed: one could lead outside the site or
/// round in a loop. Saying so beats skipping the file silently.
fn symlink_warning(root: &Path, path: &Path) -> Diagnostic {
    symlink_warning_at(crate::diagnostics::display_path(root, path), path)
}

fn symlink_warning_at(display: PathBuf, path: &Path) -> Diagnostic {
    let target = std::fs::read_link(path)
        .map(|t| format!(" (to {})", t.display()))
        .unwrap_or_default();
    Diagnostic::warning(
        display,
        format!("this is a symbolic link{target}, which is not followed"),
    )
    .with_hint("copy the file or folder into content/ instead of linking to it")
}

/// The largest Markdown file read, in bytes. Profiles are a few kilobytes;
/// a file this big is a mistake (a log, a data dump) that would only slow
/// the build down.
pub const MAX_PAGE_BYTES: u64 = 10 * 1024 * 1024;

/// Reads a file as UTF-8 text with `\n` or `\r\n` line breaks, reporting the
/// line of the first bad byte or control character.
fn read_text(path: &Path, display: &Path, diagnostics: &Diagnostics) -> Option<String> {
    read_source_text(path, display)
        .map_err(|d| diagnostics.push(d))
        .ok()
}

/// Reads one content file as [`load`] does (size limit, UTF-8, byte-order
/// mark, line breaks, control characters); `display` names it in the error.
pub fn read_source_text(path: &Path, display: &Path) -> Result<String, Diagnostic> {
    read_bytes(path, display).and_then(|bytes| decode_text(bytes, display))
}

fn read_bytes(path: &Path, display: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let cannot_read =
        |err: std::io::Error| Diagnostic::error(display, format!("cannot read this file: {err}"));
    // Opened without following a symbolic link, and measured and read
    // through that one handle: a link swapped in for the file after the
    // folder was walked (while `serve` runs, say) is refused, not read.
    let mut file = open_no_follow(path).map_err(|err| match is_symlink(path) {
        true => symlink_warning_at(display.to_path_buf(), path),
        false => cannot_read(err),
    })?;
    let size = file.metadata().map_err(cannot_read)?.len();
    if size > MAX_PAGE_BYTES {
        return Err(Diagnostic::error(
            display,
            format!(
                "this file is too large ({:.1} MB); a page may be at most {} MB",
                size as f64 / 1_048_576.0,
                MAX_PAGE_BYTES / 1_048_576
            ),
        )
        .with_hint("split it into several pages, or move data files out of content/"));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.read_to_end(&mut bytes).map_err(cannot_read)?;
    Ok(bytes)
}

fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

#[cfg(target_os = "linux")]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(path)
}

#[cfg(not(target_os = "linux"))]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    if is_symlink(path) {
        return Err(std::io::Error::other("a symbolic link"));
    }
    std::fs::File::open(path)
}

/// Reads the bytes of a content file held in memory (an editor's buffer
/// in the language server) by the rules [`read_source_text`] applies to
/// the file on disk, so both give the same text and the same problems.
pub fn source_text_from(bytes: Vec<u8>, display: &Path) -> Result<String, Diagnostic> {
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Err(Diagnostic::error(
            display,
            format!(
                "this file is too large; a page may be at most {} MB",
                MAX_PAGE_BYTES / 1_048_576
            ),
        ));
    }
    decode_text(bytes, display)
}

/// Whether a path inside `content/` (relative to it) is read as a page by
/// [`load`]: a Markdown file none of whose names is hidden.
pub fn is_page_path(rel: &Path) -> bool {
    rel.extension().is_some_and(|e| e == "md")
        && !rel.components().any(|c| is_hidden(c.as_os_str()))
        && rel.to_str().is_some()
}

fn decode_text(bytes: Vec<u8>, display: &Path) -> Result<String, Diagnostic> {
    let mut text = String::from_utf8(bytes).map_err(|err| {
        let valid = err.as_bytes().get(..err.utf8_error().valid_up_to());
        let valid = valid.unwrap_or_default();
        Diagnostic::error(display, "this file is not valid UTF-8 text")
            .at(end_position(&String::from_utf8_lossy(valid)), "")
            .with_hint(
                "save the file as UTF-8 (most editors offer it under \"Save as\" or \"Encoding\")",
            )
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    let text = normalize_lone_cr(text);
    if let Some(offset) = find_forbidden_control(&text) {
        let (before, after) = text.split_at_checked(offset).unwrap_or((&text, ""));
        let c = after.chars().next().unwrap_or_default();
        return Err(Diagnostic::error(
            display,
            format!(
                "this file contains a control character (U+{:04X})",
                c as u32
            ),
        )
        .at(end_position(before), &text)
        .with_hint("delete it: control characters other than tab and line breaks are not text"));
    }
    Ok(text)
}

/// The position just after `before`, a prefix of a file.
fn end_position(before: &str) -> Position {
    let last_line = before.rsplit('\n').next().unwrap_or(before);
    Position::new(
        before.matches('\n').count() + 1,
        last_line.chars().count() + 1,
    )
}

/// Control characters are invisible and invalid in HTML; tab and line
/// breaks are the only ones text needs.
pub fn is_forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The offset of the first [forbidden control character](is_forbidden_control).
/// Every control character's UTF-8 starts with a byte below 0x20, 0x7F or
/// 0xC2 (U+0080 to U+009F), so bytes are scanned and only those decoded:
/// this runs over every byte of every page.
pub fn find_forbidden_control(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let suspect =
        |b: &u8| (*b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || matches!(b, 0x7F | 0xC2);
    let mut from = 0;
    while let Some(i) = bytes.get(from..)?.iter().position(suspect) {
        let at = from + i;
        // `at` holds a suspect byte below 0x80 or 0xC2, which always
        // starts a character, so `get` finds the character there.
        let c = text.get(at..).and_then(|rest| rest.chars().next());
        if c.is_some_and(is_forbidden_control) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Lone `\r` line breaks (classic Mac OS) become `\n`, so that every later
/// stage, which counts lines by `\n`, sees the lines the editor sees.
pub(crate) fn normalize_lone_cr(text: String) -> String {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) != Some(&b'\n');
    if !bytes.contains(&b'\r') || !(0..bytes.len()).any(lone) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Where the front matter and the body are in a file.
struct Split {
    yaml: std::ops::Range<usize>,
    /// 1-based line where the YAML starts (0 when there is no front matter).
    yaml_line: usize,
    body_offset: usize,
    body_line: usize,
}

/// The front-matter fences of a file: the byte range of the YAML between
/// a first line of `---` and the next line of `---` (or `...`), and where
/// the body starts. `None` when the file has no front matter; `Err(())`
/// when it opens one and never closes it. Build and import both find
/// front matter with this one function.
pub(crate) fn fences(text: &str) -> Result<Option<Fences>, ()> {
    let mut lines = line_spans(text);
    let Some((_, first_end, first)) = lines.next() else {
        return Ok(None);
    };
    if first.trim_end() != "---" {
        return Ok(None);
    }
    for (number, (start, end, line)) in lines.enumerate() {
        if matches!(line.trim_end(), "---" | "...") {
            return Ok(Some(Fences {
                yaml: first_end..start,
                body_offset: end,
                body_line: number + 3,
            }));
        }
    }
    Err(())
}

/// What [`fences`] finds.
pub(crate) struct Fences {
    pub yaml: std::ops::Range<usize>,
    pub body_offset: usize,
    /// 1-based line where the body starts.
    pub body_line: usize,
}

/// Finds the `---` fences. Returns `Err` with a diagnostic when the front
/// matter is opened but never closed.
fn split_front_matter(text: &str, display: &Path) -> Result<Split, Diagnostic> {
    match fences(text) {
        Ok(None) => Ok(Split {
            yaml: 0..0,
            yaml_line: 0,
            body_offset: 0,
            body_line: 1,
        }),
        Ok(Some(f)) => Ok(Split {
            yaml: f.yaml,
            yaml_line: 2,
            body_offset: f.body_offset,
            body_line: f.body_line,
        }),
        Err(()) => {
            // The fence opens on line 1; what follows is read from line 2.
            let after_fence = text.split_once('\n').map_or("", |(_, rest)| rest);
            let body_starts = body_start_in(after_fence).map(|b| b.line + 1);
            Err(never_closed(text, display, body_starts))
        }
    }
}

/// "The front matter starting at line 1 is never closed", with the line
/// where the page's text seems to begin when one is known.
fn never_closed(text: &str, display: &Path, body_starts: Option<usize>) -> Diagnostic {
    let hint = match body_starts {
        Some(line) => format!(
            "add a line with only `---` after the last front-matter key, before line {line}, where the page's text begins"
        ),
        None => "add a line with only `---` after the last front-matter key".to_string(),
    };
    Diagnostic::error(
        display,
        "the front matter starting at line 1 is never closed with `---`",
    )
    .at(Position::new(1, 1), text)
    .with_hint(hint)
}

/// Where Markdown seems to start in text read as front matter, as a
/// front matter whose closing `---` is missing runs on into the body (up
/// to the next `---`, a thematic break say, or the end of the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct BodyStart {
    /// The line (counted in the YAML, 1-based) where the body begins: a
    /// heading (`## Duties`, which YAML reads as a comment) after a blank
    /// line, or the first line below.
    line: usize,
    /// Whether a line that cannot be front matter follows: prose at the
    /// left margin (no `key:`), or a list item no key above takes, after a
    /// blank line. Without one, a heading may be just a YAML comment.
    certain: bool,
}

fn body_start_in(yaml: &str) -> Option<BodyStart> {
    let mut after_blank = false;
    let mut key_awaits_value = false;
    // The first heading after a blank line, and the last one with no key
    // below it yet (where a body that follows would begin).
    let (mut first_heading, mut heading): (Option<usize>, Option<usize>) = (None, None);
    for (i, line) in yaml.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            after_blank = true;
            continue;
        }
        let is_heading = line.starts_with("# ") || line.starts_with("##");
        let item = line.starts_with("- ") && !key_awaits_value;
        // `cluster:Health Science` is a key missing a space, not prose.
        let before_colon = line.split(':').next().unwrap_or(line);
        let prose = !line.starts_with([' ', '#', '-', '\t'])
            && (!line.contains(':') || before_colon.contains(' '))
            && !line.ends_with(':');
        if after_blank && (item || prose) {
            let begin = heading.unwrap_or(i + 1);
            return Some(BodyStart {
                line: begin,
                certain: true,
            });
        }
        if after_blank && is_heading && heading.is_none() {
            heading = Some(i + 1);
            first_heading = first_heading.or(heading);
        } else if !line.starts_with('#') {
            // A key or value between a heading and the text: the heading
            // was a comment of the front matter.
            heading = None;
            key_awaits_value = !line.starts_with([' ', '-']) && line.ends_with(':');
        }
        after_blank = false;
    }
    first_heading.map(|line| BodyStart {
        line,
        certain: false,
    })
}

/// A top-level key that reads as words of a sentence (`Note`, `In short`)
/// rather than as a key of the content model, which are lower-case words.
fn looks_like_prose(key: &str) -> bool {
    key.contains(' ') || key.starts_with(|c: char| c.is_uppercase())
}

/// Each line's start offset, the offset after its line break, and its text
/// without the line break (`\n`, `\r\n` or a lone `\r`).
fn line_spans(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut offset = 0;
    std::iter::from_fn(move || {
        if offset >= text.len() {
            return None;
        }
        let start = offset;
        let rest = text.get(start..)?;
        let (line, brk) = match memchr::memchr2(b'\n', b'\r', rest.as_bytes()) {
            // Line breaks are ASCII, so `i` is a character boundary.
            Some(i) => {
                let (line, after) = rest.split_at_checked(i)?;
                (line, if after.starts_with("\r\n") { 2 } else { 1 })
            }
            None => (rest, 0),
        };
        offset = start + line.len() + brk;
        Some((start, offset, line))
    })
}

/// Parses and validates one file. Problems go to `out`; `None` when the
/// file cannot become a page at all.
pub fn parse(file: SourceFile, out: &mut Vec<Diagnostic>) -> Option<Page> {
    let split = match split_front_matter(&file.text, &file.display_path) {
        Ok(split) => split,
        Err(d) => {
            out.push(d);
            return None;
        }
    };
    let yaml_range = split.yaml.clone();
    let yaml_line = split.yaml_line.max(1);
    let yaml_text = file.text.get(split.yaml.clone()).unwrap_or_default();
    let locator = Locator::new(
        &file.display_path,
        &file.text,
        yaml_range.clone(),
        yaml_line,
    );
    let body_start = || {
        body_start_in(yaml_text).map(|b| BodyStart {
            line: b.line + yaml_line - 1,
            ..b
        })
    };
    let (front, locator) = match yaml::parse_tree(yaml_text) {
        Ok(tree) => {
            let read = reader::read(&tree.root, yaml_text);
            let locator = locator.with_tree(Some(tree));
            // Markdown read as YAML: keys that are words of the body
            // (`Note: …` below a heading).
            let unknown_in_body = body_start().filter(|start| {
                read.unknown.iter().any(|u| match u.path.as_slice() {
                    [Segment::Key(key)] => {
                        looks_like_prose(key) && locator.at_offset(u.offset).line >= start.line
                    }
                    _ => false,
                })
            });
            if let Some(start) = unknown_in_body {
                out.push(never_closed(
                    &file.text,
                    &file.display_path,
                    Some(start.line),
                ));
                return None;
            }
            report_read(&locator, &read, out);
            (read.front, locator)
        }
        Err(TreeError::Unsupported) => {
            match yaml::from_str_with_unknown_keys::<FrontMatter>(yaml_text) {
                Ok((front, unknown)) => {
                    report_unknown_keys(&locator, &unknown, out);
                    (front, locator)
                }
                Err(err) => {
                    out.push(yaml_error(&file, yaml_line, err));
                    return None;
                }
            }
        }
        Err(TreeError::Syntax(err)) => {
            let error_line = err.position.map_or(usize::MAX, |p| p.line + yaml_line - 1);
            match body_start().filter(|b| b.certain && b.line <= error_line) {
                Some(b) => out.push(never_closed(&file.text, &file.display_path, Some(b.line))),
                None => out.push(yaml_error(&file, yaml_line, err)),
            }
            return None;
        }
    };
    let (body_offset, body_line) = (split.body_offset, split.body_line);
    let kind = if file.rel_path == "_index.md" {
        PageKind::Home
    } else if front.soc.is_some() || front.rejected.contains(&"soc") {
        PageKind::Profile
    } else {
        PageKind::Plain
    };
    let meta = validate::validate(front, &locator, out);
    drop(locator);
    Some(Page {
        rel_path: file.rel_path,
        display_path: file.display_path,
        kind,
        meta,
        source: file.text,
        body_offset,
        body_line,
        yaml_range,
        yaml_line,
        fingerprints: std::sync::OnceLock::new(),
    })
}

/// Test hook: the front matter `yaml` read key by key as a build reads it:
/// the value, the paths of unknown keys, and the number of problems
/// (unreadable values) and of keys given twice. `None` when the text is
/// not YAML or the tree cannot hold it. Not for other uses.
#[doc(hidden)]
pub fn read_front_matter(yaml: &str) -> Option<(FrontMatter, Vec<Vec<Segment>>, usize, usize)> {
    let tree = yaml::parse_tree(yaml).ok()?;
    let read = reader::read(&tree.root, yaml);
    let unknown = read.unknown.into_iter().map(|u| u.path).collect();
    Some((
        read.front,
        unknown,
        read.problems.len(),
        tree.duplicates.len(),
    ))
}

/// A YAML error, located in the file.
fn yaml_error(file: &SourceFile, yaml_line: usize, err: yaml::YamlError) -> Diagnostic {
    let position = err
        .position
        .map(|p| Position::new(p.line + yaml_line - 1, p.column))
        .unwrap_or(Position::new(1, 1));
    let mut d = Diagnostic::error(&file.display_path, err.message).at(position, &file.text);
    d.hint = err.hint;
    d
}

/// The problems the reader found, keys given twice and unknown keys.
fn report_read(at: &Locator, read: &reader::Read, out: &mut Vec<Diagnostic>) {
    for problem in &read.problems {
        let mut d = at.error_at_offset(problem.offset, problem.message.clone());
        d.hint = problem.hint.clone();
        out.push(d);
    }
    if let Some(tree) = at.tree() {
        for duplicate in &tree.duplicates {
            let first = at.at_offset(duplicate.first).line;
            out.push(
                at.error_at_offset(
                    duplicate.repeat,
                    format!("duplicate key `{}`", duplicate.key),
                )
                .with_hint(format!("keep one of the two: the other is on line {first}")),
            );
        }
    }
    for unknown in &read.unknown {
        let Some((Segment::Key(key), parent)) = unknown.path.split_last() else {
            continue;
        };
        out.push(
            at.error_at_offset(unknown.offset, format!("unknown key `{key}`"))
                .with_hint(unknown_key_hint(key, parent)),
        );
    }
}

fn unknown_key_hint(key: &str, parent: &[Segment]) -> String {
    let known = front_matter::known_keys(parent);
    match closest(key, known.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None if known.is_empty() => "remove it".to_string(),
        None => format!("known keys here: {}", known.join(", ")),
    }
}

fn report_unknown_keys(at: &Locator, unknown: &[Vec<Segment>], out: &mut Vec<Diagnostic>) {
    for path in unknown {
        let Some((Segment::Key(key), parent)) = path.split_last() else {
            continue;
        };
        out.push(
            Diagnostic::error(at.file, format!("unknown key `{key}`"))
                .at(at.key_position(path), at.source)
                .with_hint(unknown_key_hint(key, parent)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> (Option<Page>, Vec<Diagnostic>) {
        let mut out = Vec::new();
        let file = SourceFile {
            rel_path: "x.md".into(),
            display_path: "content/x.md".into(),
            text: text.into(),
        };
        (parse(file, &mut out), out)
    }

    #[test]
    fn splits_front_matter_with_crlf_and_counts_body_lines() {
        let (page, diags) = parse_text("---\r\ntitle: A\r\n---\r\nBody\r\n");
        let page = page.unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(page.body(), "Body\r\n");
        assert_eq!(page.body_line, 4);
    }

    #[test]
    fn a_file_that_cannot_be_read_is_an_error_naming_it() {
        let diagnostics = Diagnostics::new();
        let missing = Path::new("content/gone.md");
        assert!(read_text(missing, missing, &diagnostics).is_none());
        let problems = diagnostics.into_sorted();
        assert!(problems[0].message.starts_with("cannot read this file"));
        assert_eq!(problems[0].file, missing);
    }

    #[test]
    fn lone_carriage_returns_become_line_feeds() {
        assert_eq!(normalize_lone_cr("a\rb\r\nc\r".into()), "a\nb\r\nc\n");
        assert_eq!(normalize_lone_cr("a\r\n".into()), "a\r\n");
    }

    #[test]
    fn markdown_read_as_front_matter_is_recognised() {
        let start = |yaml: &str| body_start_in(yaml).map(|b| (b.line, b.certain));
        assert_eq!(
            start("title: A\n\n## Duties\n\nKeep records.\n"),
            Some((3, true))
        );
        assert_eq!(start("title: A\n\nKeep records.\n"), Some((3, true)));
        assert_eq!(start("title: A\n\n- one\n- two\n"), Some((3, true)));
        assert_eq!(
            start("title: A\n\n## Duties\n\nNote: kept.\n"),
            Some((3, false))
        );
        // YAML that only looks like it: a comment above keys, a list under
        // its key, a key missing a space.
        assert_eq!(
            start("title: A\n\n# Wages\nwages:\n  areas: []\n"),
            Some((3, false))
        );
        assert_eq!(start("related:\n\n- a\n"), None);
        assert_eq!(start("title: A\n\ncluster:Health Science\n"), None);
    }

    #[test]
    fn a_comment_above_a_mistake_is_not_taken_for_the_body() {
        let (_, diags) = parse_text("---\ntitle: A\n\n# Wages\nwagess:\n  areas: []\n---\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].message, "unknown key `wagess`");
        let (_, diags) =
            parse_text("---\ntitle: A\n\n# Wages\nwages:\n  source: x\n   as_of: 1\n---\n");
        assert!(diags[0].message.contains("indented more"), "{diags:?}");
    }

    #[test]
    fn one_fence_finder_for_every_line_ending() {
        let yaml = |text: &str| fences(text).map(|f| f.map(|f| text[f.yaml].to_string()));
        assert_eq!(yaml("---\na: 1\n---\nbody"), Ok(Some("a: 1\n".into())));
        assert_eq!(yaml("---\r\na: 1\r\n...\r\n"), Ok(Some("a: 1\r\n".into())));
        assert_eq!(yaml("---\ra: 1\r---\r"), Ok(Some("a: 1\r".into())));
        assert_eq!(yaml("title: no fence\n---\n"), Ok(None));
        assert_eq!(yaml(""), Ok(None));
        assert_eq!(yaml("---\na: 1\n"), Err(()));
        let f = fences("---\na: 1\n---\nbody\n").unwrap().unwrap();
        assert_eq!((f.body_offset, f.body_line), (13, 4));
    }

    #[test]
    fn unclosed_front_matter_is_an_error_on_line_one() {
        let (page, diags) = parse_text("---\ntitle: A\nbody\n");
        assert!(page.is_none());
        assert_eq!(diags[0].position, Some(Position::new(1, 1)));
        assert!(diags[0].message.contains("never closed"));
    }

    #[test]
    fn unknown_keys_are_located_in_the_file_with_a_hint() {
        let (_, diags) = parse_text("---\ntitle: A\nsumary: x\n---\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].position, Some(Position::new(3, 1)));
        assert_eq!(diags[0].hint.as_deref(), Some("did you mean `summary`?"));
    }

    #[test]
    fn yaml_errors_are_located_in_the_file() {
        let (page, diags) = parse_text("---\ntitle: A\njob_zone: [\n---\n");
        assert!(page.is_none());
        assert_eq!(diags[0].position.map(|p| p.line), Some(3));
    }
}
