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
use crate::yaml_path;

pub(crate) mod tags;

/// `site.yaml` as written: the site's configuration. Every key is optional.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(default)]
#[schemars(title = "careers site.yaml", deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name, shown in every page's header and title.
    pub title: String,
    /// Canonical address of the published site; its path part is honoured.
    pub base_url: String,
    /// The language of the site's pages, such as `en`.
    pub language: String,
    /// The theme: a folder under `themes/`, or the built-in `default`.
    pub theme: String,
    /// The area used for headline wages and listings.
    pub primary_area: Option<String>,
    /// Notes and `reviewed` dates older than this are flagged by `check`.
    pub review_after_months: u32,
    /// Whether raw HTML in Markdown bodies reaches the pages (the default:
    /// editors are trusted). When `false` it is escaped and shown as text.
    pub raw_html: bool,
    /// Names at the top of the output folder that every build carries over
    /// from the previous output, as it does names starting with `.`: files
    /// the build does not make but the host needs (`CNAME`, a verification
    /// file).
    #[schemars(schema_with = "crate::schema::kept_names")]
    pub keep: Vec<String>,
    /// The languages the site is published in, the default first. Empty
    /// (the key left out): one language, `language`, as before.
    pub languages: Vec<LanguageConfig>,
    /// How numbers other than money are written (`en-US`, `es-US`, `es-ES`):
    /// the default for every language that sets no `locale` of its own.
    pub locale: Option<String>,
    /// Whether the build writes the full-text search page and its index
    /// (the default). A site that has a search engine of its own sets
    /// `false`: no index, no results page, no search box in the header.
    pub search: bool,
    /// The text of `site.yaml`, to point problems found later (a kept name
    /// the build also writes) at their line.
    #[serde(skip)]
    pub(crate) text: String,
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
            keep: Vec::new(),
            languages: Vec::new(),
            locale: None,
            search: true,
            text: String::new(),
            primary_area_at: None,
        }
    }
}

impl SiteConfig {
    /// The path part of `base_url`, always starting and ending with `/`:
    /// `https://host/guide` → `/guide/`. Every URL in the output starts
    /// with it, so the site works when served under that path.
    pub fn base_path(&self) -> String {
        let without_scheme = match self.base_url.split_once("://") {
            Some((_, rest)) => rest.find('/').and_then(|j| rest.get(j..)).unwrap_or("/"),
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
        let (scheme, rest) = self.base_url.split_once("://")?;
        let host = rest.split('/').next().unwrap_or(rest);
        Some(format!("{scheme}://{host}{}", self.base_path()))
    }

    /// An error at the value `path` of `site.yaml` (at its first line when
    /// the key is not there).
    pub fn error_at(&self, path: &[Segment], message: impl Into<String>) -> Diagnostic {
        let position = Outline::parse(&self.text)
            .value(path)
            .unwrap_or(Position::new(1, 1));
        Diagnostic::error(CONFIG_FILE, message).at(position, &self.text)
    }
}

/// One entry of `languages:` in `site.yaml`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq, Hash, schemars::JsonSchema)]
#[serde(default)]
#[schemars(deny_unknown_fields)]
pub struct LanguageConfig {
    /// A BCP 47 tag: `en`, `es`, `es-US`. Pages of every language but the
    /// first are published under `/CODE/`.
    pub code: String,
    /// The site's title in this language (the site's `title` when left out).
    pub title: Option<String>,
    /// The language's name in itself, for the language switcher (`Español`).
    pub name: Option<String>,
    /// How numbers are written in this language's pages (`es-US`).
    pub locale: Option<String>,
    /// The names of wage and outlook areas in this language, by the name
    /// the profiles give them (`United States: Estados Unidos`). An area
    /// not listed keeps its name.
    pub areas: std::collections::BTreeMap<String, String>,
}

/// The site's configuration file, in the site folder.
pub const CONFIG_FILE: &str = "site.yaml";

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
    /// The folder of the site's themes: `ROOT/themes`.
    pub themes: PathBuf,
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
            themes: root.join("themes"),
            theme_name: theme.to_string(),
            templates: root.join("templates"),
            static_dir: root.join("static"),
            config_file: root.join(CONFIG_FILE),
            root,
        }
    }
}

/// Reads `site.yaml` if there is one. Problems are returned as diagnostics;
/// the defaults stand in for a file that cannot be read.
pub fn load(root: &Path) -> (SiteConfig, Vec<Diagnostic>) {
    let path = root.join(CONFIG_FILE);
    let display = PathBuf::from(CONFIG_FILE);
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
            config.text = text.to_string();
            let outline = Outline::parse(text);
            config.primary_area_at = outline.value(&[Segment::from("primary_area")]).map(|p| {
                let line = text.lines().nth(p.line - 1).unwrap_or_default();
                (p, line.trim_end_matches('\r').to_string())
            });
            let known = yaml::struct_fields::<SiteConfig>();
            let mut diagnostics: Vec<Diagnostic> = unknown
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
            diagnostics.extend(check_keep(&config));
            diagnostics.extend(check_languages(&config));
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

/// Each `keep` entry must name one entry at the top of the output folder:
/// a path (`../x`, `a/b`) is reported. Such an entry can never match a
/// name in a folder, so it is left in the list, whose positions then stay
/// those of the file.
fn check_keep(config: &SiteConfig) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (i, name) in config.keep.iter().enumerate() {
        let plain =
            !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', '\0']);
        if !plain {
            problems.push(
                config
                    .error_at(
                        &yaml_path!["keep", i],
                        format!("`{name}` is not a name in the output folder"),
                    )
                    .with_hint(
                        "list names at the top of the output folder, such as `CNAME`; \
                         a folder is kept with everything in it",
                    ),
            );
        }
    }
    problems
}

/// A language code as HTML's `lang` and `hreflang` take it: letters, then
/// parts of letters and digits after `-` (`es`, `es-US`, `zh-Hant`). It is
/// also a folder of the output, so nothing else is allowed.
pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// `languages:` names each language once, with a code that names a
/// language (see [`tags`]); `language:` names one too, and may not
/// disagree with the first (the default) of `languages:`.
fn check_languages(config: &SiteConfig) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (i, language) in config.languages.iter().enumerate() {
        if let Err(problem) = tags::check(&language.code) {
            problems.push(
                config
                    .error_at(&yaml_path!["languages", i, "code"], problem.message)
                    .with_hint(problem.hint),
            );
        } else if let Some(first) = config
            .languages
            .iter()
            .take(i)
            .position(|l| l.code.eq_ignore_ascii_case(&language.code))
        {
            problems.push(
                config
                    .error_at(
                        &yaml_path!["languages", i, "code"],
                        format!("language `{}` is listed twice", language.code),
                    )
                    .with_hint(format!("remove this entry or entry {} above", first + 1)),
            );
        }
    }
    let named = config.text.lines().any(|l| l.starts_with("language:"));
    if named && config.languages.is_empty() {
        if let Err(problem) = tags::check(&config.language) {
            problems.push(
                config
                    .error_at(&yaml_path!["language"], problem.message)
                    .with_hint(problem.hint),
            );
        }
    }
    if let Some(first) = config.languages.first() {
        if named && first.code != config.language && !first.code.is_empty() {
            problems.push(
                config
                    .error_at(
                        &yaml_path!["language"],
                        format!(
                            "`language: {}` disagrees with the first of `languages`, `{}`",
                            config.language, first.code
                        ),
                    )
                    .with_hint("the first entry of `languages` is the default language: remove `language:`"),
            );
        }
    }
    problems
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

    #[test]
    fn languages_are_read_and_checked_at_their_line() {
        let (config, d) = parse(
            "title: T\nlanguages:\n  - code: en\n  - code: es\n    title: Perfiles\n    name: Español\n",
            "site.yaml".into(),
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(config.languages.len(), 2);
        assert_eq!(config.languages[1].title.as_deref(), Some("Perfiles"));
        let (_, d) = parse(
            "language: en\nlanguages:\n  - code: es\n  - code: Spanish!\n  - code: es\n",
            "site.yaml".into(),
        );
        let lines: Vec<usize> = d
            .iter()
            .filter_map(|d| d.position)
            .map(|p| p.line)
            .collect();
        assert_eq!(lines, [4, 5, 1], "{d:?}");
        assert!(is_language_code("es-US") && !is_language_code("es/x") && !is_language_code(""));
    }

    #[test]
    fn keep_takes_plain_names_and_reports_paths_at_their_line() {
        let (config, d) = parse(
            "keep:\n  - CNAME\n  - ../up\n  - a/b\n  - google1234.html\n  - \"\"\n",
            "site.yaml".into(),
        );
        assert_eq!(config.keep.len(), 5);
        let lines: Vec<usize> = d
            .iter()
            .filter_map(|d| d.position)
            .map(|p| p.line)
            .collect();
        assert_eq!(lines, [3, 4, 6], "{d:?}");
        assert!(d[0].message.contains("`../up`"));
    }
}
