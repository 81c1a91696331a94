//! The site's existing profiles, as import sees them.
//!
//! Loads `content/` with the same loader and parser as `build`, and keeps
//! each profile's parsed page (its `soc`, `onet` codes and table areas) with
//! its file's exact text, which is what the block edits start from. Pages
//! that cannot be parsed are reported and left alone. This module does not
//! change anything on disk.

use std::path::{Path, PathBuf};

use crate::config::{self, Layout};
use crate::content::{self, Page};
use crate::diagnostics::Diagnostics;

use super::ImportError;

/// The front-matter block an import replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Wages,
    Outlook,
}

impl Block {
    pub fn key(self) -> &'static str {
        match self {
            Block::Wages => "wages",
            Block::Outlook => "outlook",
        }
    }
}

/// One profile: the parsed page and where its file is.
#[derive(Debug)]
pub struct Profile {
    pub page: Page,
    /// The file's path on disk.
    pub path: PathBuf,
    /// Whether the file starts with a byte-order mark (kept when writing).
    pub bom: bool,
    /// The file's text as it is on disk, without the byte-order mark. It
    /// differs from `page.source` only where the loader turned lone `\r`
    /// line breaks into `\n`, byte for byte, so offsets in one are offsets
    /// in the other.
    pub on_disk: String,
}

impl Profile {
    pub fn soc(&self) -> &str {
        self.page
            .meta
            .profile
            .as_ref()
            .map_or("", |p| p.soc.as_str())
    }

    pub fn onet(&self) -> &[String] {
        self.page
            .meta
            .profile
            .as_ref()
            .map_or(&[], |p| p.onet.as_slice())
    }

    pub fn display(&self) -> &Path {
        &self.page.display_path
    }

    /// The areas of a table, in order, with their `within`.
    pub fn areas(&self, block: Block) -> Vec<(String, Option<String>)> {
        let Some(profile) = &self.page.meta.profile else {
            return Vec::new();
        };
        match block {
            Block::Wages => profile.wages.as_ref().map_or(Vec::new(), |t| {
                t.areas
                    .iter()
                    .map(|r| (r.area.clone(), r.within.clone()))
                    .collect()
            }),
            Block::Outlook => profile.outlook.as_ref().map_or(Vec::new(), |t| {
                t.areas
                    .iter()
                    .map(|r| (r.area.clone(), r.within.clone()))
                    .collect()
            }),
        }
    }

    /// How `related` names this profile: the file name without `.md` at the
    /// top of `content/`, the path under `content/` deeper down.
    pub fn reference(&self) -> String {
        reference(&self.page.rel_path)
    }
}

pub fn reference(rel_path: &str) -> String {
    match rel_path.strip_suffix(".md") {
        Some(stem) if !stem.contains('/') => stem.to_string(),
        _ => rel_path.to_string(),
    }
}

/// The site's profiles, sorted by path.
#[derive(Debug)]
pub struct Site {
    pub content: PathBuf,
    pub profiles: Vec<Profile>,
    /// Pages that could not be parsed, with the first problem.
    pub warnings: Vec<String>,
}

/// Loads and parses every page under the site's content folder.
pub fn load(root: &Path) -> Result<Site, ImportError> {
    let (config, _) = config::load(root);
    let layout = Layout::new(root, None, &config.theme);
    if !layout.content.is_dir() {
        return Err(ImportError::Usage(format!(
            "there is no content folder at {}",
            layout.content.display()
        )));
    }
    let diagnostics = Diagnostics::new();
    let loaded = content::load(&layout.root, &layout.content, &diagnostics);
    let mut warnings: Vec<String> = diagnostics
        .into_sorted()
        .iter()
        .map(|d| format!("{} was not read: {}", d.file.display(), d.message))
        .collect();
    let mut profiles = Vec::new();
    for file in loaded.pages {
        let path = layout.content.join(&file.rel_path);
        let mut problems = Vec::new();
        let display = file.display_path.clone();
        match content::parse(file, &mut problems) {
            Some(page) if page.is_profile() => match as_on_disk(&path, &page.source) {
                Some((on_disk, bom)) => profiles.push(Profile {
                    bom,
                    on_disk,
                    page,
                    path,
                }),
                None => warnings.push(format!(
                    "{} was left alone: it changed on disk while the import read it; run the import again",
                    display.display()
                )),
            },
            Some(_) => {}
            None => warnings.push(format!(
                "{} was left alone: {}",
                display.display(),
                problems
                    .first()
                    .map_or("it cannot be read", |d| d.message.as_str())
            )),
        }
    }
    profiles.sort_by(|a, b| a.page.rel_path.cmp(&b.page.rel_path));
    Ok(Site {
        content: layout.content,
        profiles,
        warnings,
    })
}

/// The file's text as it is on disk now (without a byte-order mark) and
/// whether it has one, if it is still the text the loader gave.
fn as_on_disk(path: &Path, loaded: &str) -> Option<(String, bool)> {
    let bytes = std::fs::read(path).ok()?;
    let mut text = String::from_utf8(bytes).ok()?;
    let bom = text.starts_with('\u{feff}');
    if bom {
        text.drain(..'\u{feff}'.len_utf8());
    }
    (content::normalize_lone_cr(text.clone()) == loaded).then_some((text, bom))
}
