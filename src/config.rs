//! Site configuration: `site.yaml` and the command-line overrides.
//!
//! Every key is optional and the defaults build a working site. An unknown
//! key is an error naming the closest known key, exactly as in front matter.
//! This module also owns where things are on disk (content, themes, output),
//! so no other module joins folder names to the root.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{closest, Diagnostic, Position};
use crate::yaml::{self, Outline, Segment};

/// `site.yaml` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct SiteConfig {
    pub title: String,
    /// Canonical address of the published site; its path part is honoured.
    pub base_url: String,
    pub language: String,
    pub theme: String,
    /// The area used for headline wages and listings.
    pub primary_area: Option<String>,
    /// Notes and `reviewed` dates older than this are flagged by `check`.
    pub review_after_months: u32,
    /// Whether raw HTML in Markdown bodies reaches the pages (the default:
    /// editors are trusted). When `false` it is escaped and shown as text.
    pub raw_html: bool,
    /// Where `primary_area` is written, and that line, for the warning
    /// when no profile has the area.
    #[serde(skip)]
    pub primary_area_at: Option<(Position, String)>,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "Career Profiles".into(),
            base_url: "/".into(),
            language: "en".into(),
            theme: "default".into(),
            primary_area: None,
            review_after_months: 24,
            raw_html: true,
            primary_area_at: None,
        }
    }
}

impl SiteConfig {
    /// The path part of `base_url`, always starting and ending with `/`:
    /// `https://host/guide` → `/guide/`. Every URL in the output starts
    /// with it, so the site works when served under that path.
    pub fn base_path(&self) -> String {
        let without_scheme = match self.base_url.find("://") {
            Some(i) => {
                let rest = &self.base_url[i + 3..];
                rest.find('/').map_or("/", |j| &rest[j..])
            }
            None => self.base_url.as_str(),
        };
        let trimmed = without_scheme.trim_matches('/');
        if trimmed.is_empty() {
            "/".into()
        } else {
            format!("/{trimmed}/")
        }
    }

    /// The absolute origin + path for canonical links, if `base_url` has a host.
    pub fn absolute_base(&self) -> Option<String> {
        self.base_url.contains("://").then(|| {
            let origin_end = self.base_url[self.base_url.find("://").unwrap_or(0) + 3..]
                .find('/')
                .map_or(self.base_url.len(), |j| {
                    self.base_url.find("://").unwrap_or(0) + 3 + j
                });
            format!("{}{}", &self.base_url[..origin_end], self.base_path())
        })
    }
}

/// The folders of a site.
#[derive(Debug, Clone)]
pub struct Layout {
    pub root: PathBuf,
    pub content: PathBuf,
    pub output: PathBuf,
    /// The theme folder: `ROOT/themes/NAME` (when it does not exist, a
    /// built-in theme of that name is used; see `theme`).
    pub theme: PathBuf,
    pub theme_name: String,
    /// The site's own overrides of theme files.
    pub templates: PathBuf,
    pub static_dir: PathBuf,
    pub config_file: PathBuf,
}

impl Layout {
    pub fn new(root: &Path, output: Option<&Path>, theme: &str) -> Self {
        let root = root.to_path_buf();
        Layout {
            content: root.join("content"),
            output: output.map_or_else(|| root.join("output"), Path::to_path_buf),
            theme: root.join("themes").join(theme),
            theme_name: theme.to_string(),
            templates: root.join("templates"),
            static_dir: root.join("static"),
            config_file: root.join("site.yaml"),
            root,
        }
    }
}

/// Reads `site.yaml` if there is one. Problems are returned as diagnostics;
/// the defaults stand in for a file that cannot be read.
pub fn load(root: &Path) -> (SiteConfig, Vec<Diagnostic>) {
    let path = root.join("site.yaml");
    let display = PathBuf::from("site.yaml");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return (SiteConfig::default(), Vec::new())
        }
        Err(err) => {
            return (
                SiteConfig::default(),
                vec![Diagnostic::error(
                    display,
                    format!("cannot read site.yaml: {err}"),
                )],
            )
        }
    };
    parse(&text, display)
}

pub fn parse(text: &str, display: PathBuf) -> (SiteConfig, Vec<Diagnostic>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match yaml::from_str_with_unknown_keys::<SiteConfig>(text) {
        Ok((mut config, unknown)) => {
            let outline = Outline::parse(text);
            config.primary_area_at = outline.value(&[Segment::from("primary_area")]).map(|p| {
                let line = text.lines().nth(p.line - 1).unwrap_or_default();
                (p, line.trim_end_matches('\r').to_string())
            });
            let known = yaml::struct_fields::<SiteConfig>();
            let diagnostics = unknown
                .iter()
                .filter_map(|path| {
                    let Some(Segment::Key(key)) = path.last() else {
                        return None;
                    };
                    let position = outline.key(path).unwrap_or(Position::new(1, 1));
                    let hint = closest(key, known.iter().copied()).map_or_else(
                        || format!("known keys: {}", known.join(", ")),
                        |near| format!("did you mean `{near}`?"),
                    );
                    Some(
                        Diagnostic::error(&display, format!("unknown key `{key}`"))
                            .at(position, text)
                            .with_hint(hint),
                    )
                })
                .collect();
            (config, diagnostics)
        }
        Err(err) => {
            let mut d = Diagnostic::error(&display, err.message);
            if let Some(p) = err.position {
                d = d.at(p, text);
            }
            (SiteConfig::default(), vec![d])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_from_base_url() {
        let mut c = SiteConfig::default();
        assert_eq!(c.base_path(), "/");
        c.base_url = "https://careers.example.org/guide".into();
        assert_eq!(c.base_path(), "/guide/");
        assert_eq!(
            c.absolute_base().as_deref(),
            Some("https://careers.example.org/guide/")
        );
        c.base_url = "https://careers.example.org".into();
        assert_eq!(c.base_path(), "/");
        assert_eq!(
            c.absolute_base().as_deref(),
            Some("https://careers.example.org/")
        );
    }

    #[test]
    fn unknown_keys_name_the_closest() {
        let (_, d) = parse("title: X\nprimary_aera: Washington\n", "site.yaml".into());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].position, Some(Position::new(2, 1)));
        assert_eq!(d[0].hint.as_deref(), Some("did you mean `primary_area`?"));
    }
}
