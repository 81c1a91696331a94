//! `careers new` and `careers init`: starting files for editors.
//!
//! `new` writes one profile with every front-matter key (the optional ones
//! commented out, each with a one-line hint) and the usual body sections.
//! `init` writes a whole site that builds at once with the built-in theme.
//! These are templates of files; nothing here runs the build pipeline, and
//! nothing is ever overwritten.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::content::validate::{is_soc_code, is_url_part};

#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    #[error(
        "`{0}` cannot be part of a URL: use lower-case letters, digits and hyphens, such as `{1}`"
    )]
    BadSlug(String, String),
    #[error(
        "`{0}` is not a SOC code: write two digits, a hyphen and four digits, such as `29-2071`"
    )]
    BadSoc(String),
    #[error("{0} already exists; careers never overwrites a file")]
    Exists(PathBuf),
    #[error("{0} exists and is not empty; choose a new folder")]
    NotEmpty(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// What `careers new` writes.
#[derive(Debug, Clone, Default)]
pub struct NewProfile {
    pub slug: String,
    pub title: Option<String>,
    pub soc: Option<String>,
}

/// Writes `ROOT/content/SLUG.md`. Returns its path.
pub fn new_profile(root: &Path, spec: &NewProfile) -> Result<PathBuf, ScaffoldError> {
    let slug = spec.slug.trim();
    let suggested = crate::content::validate::slugify(slug);
    if !is_url_part(slug) || slug != slug.to_lowercase() || slug.starts_with(['.', '_']) {
        return Err(ScaffoldError::BadSlug(slug.to_string(), suggested));
    }
    if let Some(soc) = &spec.soc {
        if !is_soc_code(soc) {
            return Err(ScaffoldError::BadSoc(soc.clone()));
        }
    }
    let title = spec.title.clone().unwrap_or_else(|| title_from_slug(slug));
    let path = root.join("content").join(format!("{slug}.md"));
    write_new(&path, &profile_text(&title, spec.soc.as_deref()))?;
    Ok(path)
}

/// `medical-coders` → `Medical Coders`.
fn title_from_slug(slug: &str) -> String {
    slug.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The summary `new` writes for the editor to replace.
const SUMMARY_PLACEHOLDER: &str = "One sentence on what people in this occupation do.";

/// The body `new` writes: the usual sections, each with a note (a `#hint:`
/// line, never published) saying what goes there.
const SECTIONS: [(&str, &str); 5] = [
    (
        "Career summary",
        "#hint: what the work is, in two or three short paragraphs (lines like this one are editor notes and never published)",
    ),
    ("Job duties", "#hint: the main tasks, as a list"),
    (
        "Working conditions",
        "#hint: where and when the work is done, and what it asks of the body",
    ),
    (
        "Education and training",
        "#hint: the usual routes into the occupation: programs, on-the-job training, experience",
    ),
    (
        "Things to know",
        "#hint: licences, certification, costs to workers, how to get a foot in the door",
    ),
];

/// Every piece of text `new` writes for the editor to replace, which
/// `careers check` reports when it is still in a page.
pub(crate) fn placeholders() -> impl Iterator<Item = &'static str> {
    std::iter::once(SUMMARY_PLACEHOLDER).chain(SECTIONS.iter().map(|(_, hint)| *hint))
}

/// The 1-based lines of `source` that still hold text `careers new` wrote
/// as a placeholder.
pub(crate) fn placeholder_lines(source: &str) -> Vec<usize> {
    if !placeholders().any(|p| source.contains(p)) {
        return Vec::new();
    }
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| placeholders().any(|p| line.contains(p)))
        .map(|(i, _)| i + 1)
        .collect()
}

/// A profile with every key of the content model. Without a SOC code the
/// `soc` line is commented out, so the file still builds (as a plain page)
/// until the editor fills it in. It starts as a draft, so that a half-written
/// profile is never published by accident.
fn profile_text(title: &str, soc: Option<&str>) -> String {
    let title = yaml_string(title);
    let soc_line = match soc {
        Some(code) => format!("soc: \"{code}\"                 # SOC code, NN-NNNN: makes this page a profile"),
        None => "# soc: \"NN-NNNN\"             # SOC code: uncomment and fill in to make this page a profile".to_string(),
    };
    let body: String = SECTIONS
        .iter()
        .map(|(heading, hint)| format!("## {heading}\n\n{hint}\n"))
        .collect::<Vec<_>>()
        .join("\n");
    format!(
        r#"---
title: {title}
{soc_line}
draft: true                     # left out of the site; delete this line when the profile is ready
# soc_version: 2018             # 2010 or 2018 (the default)
summary: {SUMMARY_PLACEHOLDER}
# also_called: [Another name, A third name]
# at_a_glance:
#   - A short fact a reader should know first
# pros: [What people like about the work]
# cons: [What people find hard]
# cluster: Health Science       # career cluster
# holland: CIE                  # RIASEC letters, most important first
# job_zone: 3                   # 1 (little preparation) to 5 (extensive)
# education: associate          # none, high-school, postsecondary-award, some-college,
#                               # associate, bachelor, master, doctoral
# related: [other-profile]      # file names of other profiles, without .md
# onet: ["NN-NNNN.00"]          # O*NET-SOC codes
# reviewed: 2026-01-31          # date of the last editorial review
# slug: other-url-part
# wages:
#   source: Where the figures come from
#   as_of: "May 2024"
#   areas:
#     - area: Washington
#       hourly: [null, null, null, null, null]   # 10th, 25th, median, 75th, 90th percentile
#       yearly: [null, null, null, null, null]
# outlook:
#   source: Where the projections come from
#   period: 2024-2034
#   areas:
#     - area: Washington
#       employment: null        # jobs in the base year
#       growth: null            # % change over the period, this occupation
#       growth_all: null        # % change over the period, all occupations
#       openings: null          # average annual openings
---
{body}"#
    )
}

fn yaml_string(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace())
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with([':', ' ']);
    if plain {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// Creates a new site in `dir`: site.yaml, a home page, an about page and
/// one example profile, and the editor settings (the JSON Schemas, a
/// `frontmatter.json` for Front Matter CMS and `.vscode/settings.json`;
/// see docs/editors.md). `dir` must not exist or be empty.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, ScaffoldError> {
    let io_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ScaffoldError::Io { path, source }
    };
    if dir.exists() && fs::read_dir(dir).map_err(io_error(dir))?.next().is_some() {
        return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
    }
    let folder = crate::editors::SCHEMA_FOLDER;
    let mut files = vec![
        ("site.yaml".to_string(), SITE_YAML.to_string()),
        ("content/_index.md".into(), HOME.into()),
        ("content/about.md".into(), ABOUT.into()),
        (
            "content/health-information-technicians.md".into(),
            EXAMPLE_PROFILE.into(),
        ),
    ];
    for which in crate::schema::Which::ALL {
        files.push((format!("{folder}/{}", which.file_name()), which.text()));
    }
    files.push((
        "frontmatter.json".into(),
        crate::editors::pretty(&crate::editors::frontmatter_json()),
    ));
    files.push((
        ".vscode/settings.json".into(),
        crate::editors::pretty(&crate::editors::vscode_settings()),
    ));
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        write_new(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

/// Writes a file that must not exist yet (checked atomically by the OS).
fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    let io_error = |source| ScaffoldError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io_error)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|err| {
            if err.kind() == io::ErrorKind::AlreadyExists {
                ScaffoldError::Exists(path.to_path_buf())
            } else {
                io_error(err)
            }
        })?;
    io::Write::write_all(&mut file, text.as_bytes()).map_err(io_error)
}

const SITE_YAML: &str = "# Site settings. Every key is optional.
title: Career Profiles
base_url: /                     # the published address, e.g. https://careers.example.org/guide/
language: en
theme: default                  # built in; put a copy in themes/default/ to change it
primary_area: Washington        # the area used for headline wages and listings
review_after_months: 24         # `careers check` flags reviews older than this
";

const HOME: &str = "---
title: Career Profiles
---
Explore occupations: what the work is like, how to prepare for it, what it
pays and how many jobs are expected. See [about these profiles](about.md).
";

const ABOUT: &str = "---
title: About these profiles
summary: Where the figures come from and how to read them.
---
## Reading the wage tables

Wages are shown at five points: the 10th and 25th percentiles, the median,
and the 75th and 90th percentiles. Half of the workers earn less than the
median and half earn more. A figure marked † is derived by this site from
the published ones; \"not published\" means the source gave no figure.
";

/// The example profile carries real published figures (from the profile
/// of SOC 29-2071 the project started from), never invented ones; its
/// `as_of` and `period` are the ones docs/content-model.md gives for these
/// figures, so that `careers check` finds nothing to report on a new site.
const EXAMPLE_PROFILE: &str = "---
# An example: replace it with your own profiles (`careers new SLUG` starts one).
title: Health Information Technicians
soc: \"29-2071\"
soc_version: 2010
also_called: [Medical records technicians]
summary: Collect, code and look after the medical information of patients.
at_a_glance:
  - Keep patient medical records complete and accurate
  - Training usually takes about two years
cluster: Health Science
holland: CIE
job_zone: 3
education: associate
wages:
  source: Employment Security Department, OEWS
  as_of: \"2019\"
  areas:
    - area: Washington
      hourly:  [15.20, 17.19, 20.91, 26.40, 31.55]
      monthly: [2634, 2979, 3624, 4575, 5468]
      yearly:  [31610, 35760, 43500, 54920, 65620]
    - area: United States
      hourly:  [12.76, 15.42, 19.40, 25.35, 31.86]
      monthly: [2211, 2672, 3362, 4393, 5521]
      yearly:  [26550, 32070, 40350, 52730, 66260]
outlook:
  source: Employment Security Department; BLS Employment Projections
  period: 2017-2027
  areas:
    - area: Washington
      employment: 5050
      growth: 19.4
      growth_all: 16.1
      openings: 523
    - area: United States
      employment: 215500
      growth: 10.7
      growth_all: 5.2
      openings: 16800
---
## Career summary

Health information technicians gather the details of each patient's care
into a record, check that nothing is missing, give each diagnosis and
procedure a code, and keep the records safe and confidential.

## Education and training

Most complete a certificate or an associate degree in health information
technology.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_slugs_and_yaml_quoting() {
        assert_eq!(title_from_slug("medical-coders"), "Medical Coders");
        assert_eq!(yaml_string("Nurses"), "Nurses");
        assert_eq!(yaml_string("Nurses: registered"), "\"Nurses: registered\"");
        assert_eq!(yaml_string("#1 \"job\""), "\"#1 \\\"job\\\"\"");
    }

    #[test]
    fn refuses_bad_slugs_and_existing_files() {
        let dir = tempfile::tempdir().unwrap();
        let spec = |slug: &str| NewProfile {
            slug: slug.into(),
            ..Default::default()
        };
        assert!(
            matches!(new_profile(dir.path(), &spec("Bad Slug")), Err(ScaffoldError::BadSlug(_, s)) if s == "bad-slug")
        );
        assert!(matches!(
            new_profile(dir.path(), &spec("../up")),
            Err(ScaffoldError::BadSlug(..))
        ));
        new_profile(dir.path(), &spec("coders")).unwrap();
        assert!(matches!(
            new_profile(dir.path(), &spec("coders")),
            Err(ScaffoldError::Exists(_))
        ));
        let bad_soc = NewProfile {
            slug: "x".into(),
            soc: Some("292071".into()),
            ..Default::default()
        };
        assert!(matches!(
            new_profile(dir.path(), &bad_soc),
            Err(ScaffoldError::BadSoc(_))
        ));
    }
}
