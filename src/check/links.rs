//! Where a URL written in a rendered page leads, and whether it arrives.
//!
//! Every internal link and `#anchor` of every rendered page must resolve to
//! a file the build writes (a page, a static file, a copied asset) and to an
//! id on that page, including links that templates write. External URLs are
//! only sorted out here; `external` fetches them when asked to.

use std::collections::{HashMap, HashSet};

use crate::markdown::percent_decode;

/// What a URL in a page is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A file of this site: its path in the output and the `#fragment`.
    Internal {
        file: String,
        fragment: Option<String>,
    },
    /// Same page, `#fragment` only (empty for `#`).
    SamePage(String),
    /// `http(s)://` elsewhere.
    External(String),
    /// `mailto:`, `tel:` and other schemes a browser hands to other programs.
    Other,
    /// `javascript:`, `data:` and `vbscript:`: code or content hidden in a link.
    Unsafe(String),
    /// A path that leaves the site's base path.
    OutsideBase(String),
}

/// Resolves `href`, written in the output file `from` (`a/b/index.html`), for
/// a site published under `base_path` (`/` or `/guide/`) and, when known, at
/// the absolute address `absolute_base` (`https://host/guide/`).
pub fn resolve(href: &str, from: &str, base_path: &str, absolute_base: Option<&str>) -> Target {
    let href = &as_browser_reads(href);
    if let Some(fragment) = href.strip_prefix('#') {
        return Target::SamePage(percent_decode(fragment));
    }
    let lower = href.to_ascii_lowercase();
    if let Some(scheme) = ["javascript:", "data:", "vbscript:"]
        .iter()
        .find(|s| lower.starts_with(**s))
    {
        return Target::Unsafe(scheme.trim_end_matches(':').to_string());
    }
    let path_part =
        match absolute_base.and_then(|base| href.strip_prefix(base.trim_end_matches('/'))) {
            Some(rest) if rest.is_empty() || rest.starts_with(['/', '?', '#']) => {
                format!(
                    "{}{}",
                    base_path.trim_end_matches('/'),
                    if rest.is_empty() { "/" } else { rest }
                )
            }
            _ if lower.starts_with("http://")
                || lower.starts_with("https://")
                || href.starts_with("//") =>
            {
                return Target::External(href.to_string())
            }
            _ if has_scheme(href) => return Target::Other,
            _ => href.to_string(),
        };
    let (path, fragment) = match path_part.split_once('#') {
        Some((p, f)) => (p.to_string(), Some(percent_decode(f))),
        None => (path_part, None),
    };
    let path = path.split('?').next().unwrap_or("").to_string();
    if path.is_empty() {
        return Target::SamePage(fragment.unwrap_or_default());
    }
    let absolute = if path.starts_with('/') {
        path
    } else {
        let from_dir = from.rsplit_once('/').map_or("", |(dir, _)| dir);
        format!(
            "{base_path}{}{path}",
            if from_dir.is_empty() {
                String::new()
            } else {
                format!("{from_dir}/")
            }
        )
    };
    let normalized = normalize(&percent_decode(&absolute));
    let Some(rel) = normalized.strip_prefix(base_path).or_else(|| {
        (normalized.clone() + "/")
            .strip_prefix(base_path)
            .map(|_| "")
    }) else {
        return Target::OutsideBase(normalized);
    };
    let file = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    Target::Internal { file, fragment }
}

/// A URL as the browser's URL parser sees it (WHATWG URL standard): spaces
/// and control characters at either end removed, and every tab and line
/// break removed wherever it is, so `java\tscript:` is `javascript:`.
pub fn as_browser_reads(url: &str) -> String {
    url.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// Resolves `.` and `..` in an absolute URL path, keeping a trailing slash.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..");
    let mut out = format!("/{}", parts.join("/"));
    if trailing && out != "/" {
        out.push('/');
    }
    out
}

/// The files and anchors of the built site, to check links against.
#[derive(Debug, Default)]
pub struct SiteMap {
    files: HashSet<String>,
    anchors: HashMap<String, HashSet<String>>,
}

impl SiteMap {
    pub fn add_file(&mut self, file: String) {
        self.files.insert(file);
    }

    pub fn add_page(&mut self, file: String, anchors: impl IntoIterator<Item = String>) {
        self.anchors
            .insert(file.clone(), anchors.into_iter().collect());
        self.files.insert(file);
    }

    /// Whether `file` is written, also accepting `a/b` for `a/b/index.html`,
    /// which static hosts redirect.
    pub fn resolve_file(&self, file: &str) -> Option<String> {
        if self.files.contains(file) {
            return Some(file.to_string());
        }
        let as_folder = format!("{file}/index.html");
        self.files.contains(&as_folder).then_some(as_folder)
    }

    /// `None` when the page has the anchor (or is not an HTML page);
    /// otherwise the anchors it has, for a "did you mean" hint.
    pub fn missing_anchor(&self, file: &str, fragment: &str) -> Option<Vec<&str>> {
        let anchors = self.anchors.get(file)?;
        if fragment.is_empty() || anchors.contains(fragment) {
            return None;
        }
        Some(anchors.iter().map(String::as_str).collect())
    }

    /// Known files, for "did you mean" hints.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn internal(file: &str, fragment: Option<&str>) -> Target {
        Target::Internal {
            file: file.into(),
            fragment: fragment.map(str::to_string),
        }
    }

    #[test]
    fn resolves_links_like_a_browser() {
        let r = |href| {
            resolve(
                href,
                "jobs/techs/index.html",
                "/guide/",
                Some("https://ex.org/guide/"),
            )
        };
        assert_eq!(
            r("/guide/jobs/coders/#duties"),
            internal("jobs/coders/index.html", Some("duties"))
        );
        assert_eq!(r("../coders/"), internal("jobs/coders/index.html", None));
        assert_eq!(r("pic.png?v=2"), internal("jobs/techs/pic.png", None));
        assert_eq!(r("#pay"), Target::SamePage("pay".into()));
        assert_eq!(
            r("https://ex.org/guide/static/style.css"),
            internal("static/style.css", None)
        );
        assert_eq!(r("https://ex.org/guide"), internal("index.html", None));
        assert_eq!(
            r("https://other.org/"),
            Target::External("https://other.org/".into())
        );
        assert_eq!(
            r("http://www.ahima.org"),
            Target::External("http://www.ahima.org".into())
        );
        assert_eq!(r("mailto:a@b.org"), Target::Other);
        assert_eq!(
            r("JavaScript:alert(1)"),
            Target::Unsafe("javascript".into())
        );
        for hidden in [
            "java\tscript:x",
            " \u{1}javascript:x",
            "jav\na\rscript:x",
            "\u{0}data:,x",
        ] {
            assert!(matches!(r(hidden), Target::Unsafe(_)), "{hidden:?}");
        }
        assert_eq!(r("/elsewhere/"), Target::OutsideBase("/elsewhere/".into()));
        assert_eq!(r("/guide/a%20b/"), internal("a b/index.html", None));
    }

    #[test]
    fn links_from_the_root_404_page() {
        assert_eq!(
            resolve("static/x.css", "404.html", "/", None),
            internal("static/x.css", None)
        );
    }
}
