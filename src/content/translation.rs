//! Translations: `NAME.LANG.md` beside `NAME.md` holds a page's words in
//! another language of the site, and nothing else.
//!
//! A translation carries the prose an editor translates (title, other
//! names, summary, at-a-glance, pros, cons and the body) and takes every
//! fact (SOC code, wages, outlook, taxonomy, related careers, codes,
//! review date) from its source, so a figure is entered once and can never
//! disagree between languages. A fact written in a translation is an error
//! at its line. `source_hash` records the source's prose the translation
//! was made from, so `check` can tell a translation that has fallen behind.

use std::sync::Arc;

use super::{reader, split_front_matter, Locator, Page, PageMeta, SourceFile};
use crate::diagnostics::{closest, Diagnostic};
use crate::yaml::{self, Segment, TreeError, Value};

/// A translation after parsing.
#[derive(Debug)]
pub struct Translation {
    /// The language code (`es`).
    pub lang: String,
    /// Its own content path (`a/b.es.md`).
    pub rel_path: String,
    /// The content path of the page it translates (`a/b.md`).
    pub source_rel: String,
    pub display_path: std::path::PathBuf,
    /// The whole file.
    pub text: String,
    pub body_offset: usize,
    pub body_line: usize,
    pub yaml_range: std::ops::Range<usize>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub also_called: Option<Vec<String>>,
    pub at_a_glance: Option<Vec<String>>,
    pub pros: Option<Vec<String>>,
    pub cons: Option<Vec<String>>,
    /// `source_hash:` as written, with its line and column.
    pub source_hash: Option<(String, crate::diagnostics::Position)>,
    /// `draft: true`: not published yet; the page falls back to its source.
    pub draft: bool,
}

/// The keys a translation may hold: the prose of a page.
pub const PROSE_KEYS: [&str; 8] = [
    "title",
    "also_called",
    "summary",
    "at_a_glance",
    "pros",
    "cons",
    "source_hash",
    "draft",
];

/// The keys that are facts, entered once in the source.
const FACT_KEYS: [&str; 13] = [
    "soc",
    "soc_version",
    "cluster",
    "holland",
    "job_zone",
    "education",
    "related",
    "onet",
    "reviewed",
    "wages",
    "outlook",
    "slug",
    "extra",
];

/// `a/b.es.md` → (`es`, `a/b.md`) when `es` is one of `languages` (the
/// site's languages other than the default). Any other name is a page.
pub fn translation_of(rel_path: &str, languages: &[String]) -> Option<(String, String)> {
    let stem = rel_path.strip_suffix(".md")?;
    let (source_stem, lang) = stem.rsplit_once('.')?;
    if source_stem.is_empty() || source_stem.ends_with('/') {
        return None;
    }
    let lang = languages.iter().find(|l| l.as_str() == lang)?;
    Some((lang.clone(), format!("{source_stem}.md")))
}

/// `a/b.fr.md` → (`fr`, `a/b.md`) when `fr` is a language code by the
/// rules `site.yaml`'s codes are checked with ([`crate::config::tags`]:
/// `fr`, `es-MX`, `zh-Hant-TW`, `haw`), or is one of `codes` (the site's)
/// written in another case (`ES`), whether or not the site has that
/// language. `notes.v2.md`, `report.old.md` and `cv.pdf.md` do not look
/// like translations: a name that the site could not be given as a
/// language would make the fix "add it to `languages:`" one that fails.
pub fn named_like_translation(rel_path: &str, codes: &[String]) -> Option<(String, String)> {
    let stem = rel_path.strip_suffix(".md")?;
    let (source_stem, lang) = stem.rsplit_once('.')?;
    if source_stem.is_empty() || source_stem.ends_with('/') {
        return None;
    }
    let is_code = crate::config::tags::check(lang).is_ok()
        || codes.iter().any(|c| c.eq_ignore_ascii_case(lang));
    is_code.then(|| (lang.to_string(), format!("{source_stem}.md")))
}

/// A file named like a translation into a language the site does not
/// translate into (`about.fr.md` on a site of `en` and `es`, or
/// `about.en.md`, `en` being the default): a page of its own on a site
/// without `languages:`, and a mistake on one with them when its source
/// (`about.md`) exists, reported by [`Misnamed::problem`].
#[derive(Debug, Clone)]
pub(crate) struct Misnamed {
    /// The code in the name, as written (`fr`).
    pub code: String,
    /// The page it would translate (`about.md`).
    pub source_rel: String,
    pub display_path: std::path::PathBuf,
    /// The file's first line, quoted under the error.
    pub first_line: String,
}

impl Misnamed {
    /// `file` (`rel_path`) as a misnamed translation, when its name looks
    /// like a translation's (see [`named_like_translation`]; `codes` are
    /// all the site's languages, the default first) and its code is not
    /// one of the languages but the default (which make it a translation).
    pub fn of(
        rel_path: &str,
        display_path: &std::path::Path,
        text: &str,
        codes: &[String],
    ) -> Option<Misnamed> {
        let (code, source_rel) = named_like_translation(rel_path, codes)?;
        // Into a language but the default: a translation, not misnamed.
        if codes.get(1..).unwrap_or_default().contains(&code) {
            return None;
        }
        Some(Misnamed {
            code,
            source_rel,
            display_path: display_path.to_path_buf(),
            first_line: text.lines().next().unwrap_or_default().to_string(),
        })
    }

    /// The error, for a site whose languages are `languages` (the default
    /// first): the file would be published as a page of its own, next to
    /// the page it was meant to translate.
    pub fn problem(&self, languages: &[String]) -> Diagnostic {
        let name = self
            .display_path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let source_name = self
            .source_rel
            .rsplit('/')
            .next()
            .unwrap_or(&self.source_rel)
            .to_string();
        let code = &self.code;
        let default = languages.first().map(String::as_str).unwrap_or_default();
        let (message, hint) = if code == default {
            (
                format!(
                    "`{code}` is the default language, whose words are in `{source_name}` itself: `{name}` would be published as a page of its own"
                ),
                format!("merge what this file says into `{source_name}`, or remove it"),
            )
        } else {
            let listed: Vec<String> = languages.iter().map(|l| format!("`{l}`")).collect();
            let message = format!(
                "`{code}` is not one of the site's languages ({}): `{name}` would be published as a page of its own beside `{source_name}`",
                listed.join(", ")
            );
            let same_but_case = languages
                .iter()
                .skip(1)
                .find(|l| l.eq_ignore_ascii_case(code));
            let hint = match same_but_case {
                // A code site.yaml refuses (`ES`) is never the one to
                // rename to: both are written the canonical way (`es`).
                Some(l) if crate::config::tags::check(l).is_err() => {
                    let canonical = crate::config::tags::canonical(l);
                    let stem = name.strip_suffix(&format!(".{code}.md")).unwrap_or(&name);
                    if *code == canonical {
                        format!("write `- code: {canonical}` in site.yaml's `languages:` (`{l}` is not taken there); this file's name is then right")
                    } else {
                        format!("write `- code: {canonical}` in site.yaml's `languages:` (`{l}` is not taken there) and rename this file `{stem}.{canonical}.md`")
                    }
                }
                Some(l) => {
                    let stem = name.strip_suffix(&format!(".{code}.md")).unwrap_or(&name);
                    format!("rename it `{stem}.{l}.md`: the code is written as in site.yaml")
                }
                None => format!(
                    "to translate `{source_name}` into `{code}`, add `- code: {code}` to `languages:` in site.yaml; if it is a page of its own, rename it so that its name does not end in `.{code}.md`"
                ),
            };
            (message, hint)
        };
        let mut d = Diagnostic::error(&self.display_path, message).with_hint(hint);
        d = d.at(crate::diagnostics::Position::new(1, 1), &self.first_line);
        d
    }
}

/// Parses the translation `file` into language `lang` of `source_rel`.
/// Problems go to `out`; `None` when the file cannot be read at all.
pub fn parse(
    file: SourceFile,
    lang: &str,
    source_rel: String,
    out: &mut Vec<Diagnostic>,
) -> Option<Translation> {
    let split = match split_front_matter(&file.text, &file.display_path) {
        Ok(split) => split,
        Err(d) => {
            out.push(d);
            return None;
        }
    };
    let yaml_line = split.yaml_line.max(1);
    let yaml_text = file.text.get(split.yaml.clone()).unwrap_or_default();
    let locator = Locator::new(
        &file.display_path,
        &file.text,
        split.yaml.clone(),
        yaml_line,
    );
    let tree = match yaml::parse_tree(yaml_text) {
        Ok(tree) => tree,
        Err(TreeError::Syntax(err)) => {
            let position = err
                .position
                .map(|p| crate::diagnostics::Position::new(p.line + yaml_line - 1, p.column))
                .unwrap_or(crate::diagnostics::Position::new(1, 1));
            let mut d = Diagnostic::error(&file.display_path, err.message).at(position, &file.text);
            d.hint = err.hint;
            out.push(d);
            return None;
        }
        Err(TreeError::Unsupported) => {
            out.push(
                Diagnostic::error(
                    &file.display_path,
                    "this translation's front matter uses YAML tags or complex keys",
                )
                .at(crate::diagnostics::Position::new(1, 1), &file.text)
                .with_hint("write its keys as plain `key: value` lines"),
            );
            return None;
        }
    };
    let read = reader::read(&tree.root, yaml_text);
    let mut source_hash = None;
    let source_name = source_rel.rsplit('/').next().unwrap_or(&source_rel);
    if let Value::Map(entries) = &tree.root.value {
        for entry in entries {
            let key = entry.key.as_ref();
            if key == "title" {
                // An empty title would fall back to the source's without
                // a word, unlike an empty summary, which removes the
                // summary: a title is never meant to be empty.
                if let Value::Scalar { text, style } = &entry.value.value {
                    if text.trim().is_empty() {
                        let plain = matches!(style, yaml::Style::Plain);
                        // `title:` alone has no value to point at.
                        let at = if plain && text.is_empty() {
                            entry.key_offset
                        } else {
                            entry.value.offset
                        };
                        out.push(
                            locator
                                .error_at_offset(
                                    at,
                                    format!("the translated title is empty, so the page would show the title of `{source_name}`"),
                                )
                                .with_hint("write the translated title, or leave `title:` out to show the source's until it is translated"),
                        );
                    }
                }
            } else if key == "source_hash" {
                match &entry.value.value {
                    Value::Scalar { text, .. } => {
                        source_hash =
                            Some((text.to_string(), locator.at_offset(entry.value.offset)));
                    }
                    _ => out.push(
                        locator
                            .error_at_offset(entry.value.offset, "`source_hash` is text".into())
                            .with_hint("copy the hash `careers check` prints"),
                    ),
                }
            } else if FACT_KEYS.contains(&key) {
                out.push(
                    locator
                        .error_at_offset(
                            entry.key_offset,
                            format!(
                                "`{key}` is a fact: a translation takes it from `{source_name}`, where it is entered once"
                            ),
                        )
                        .with_hint(format!(
                            "remove `{key}` here; a translation holds only {}",
                            "title, also_called, summary, at_a_glance, pros, cons, source_hash and draft"
                        )),
                );
            }
        }
    }
    for problem in &read.problems {
        let mut d = locator.error_at_offset(problem.offset, problem.message.clone());
        d.hint = problem.hint.clone();
        out.push(d);
    }
    for duplicate in &tree.duplicates {
        out.push(locator.error_at_offset(
            duplicate.repeat,
            format!("duplicate key `{}`", duplicate.key),
        ));
    }
    for unknown in &read.unknown {
        let Some((Segment::Key(key), parent)) = unknown.path.split_last() else {
            continue;
        };
        if parent.is_empty() && key == "source_hash" {
            continue;
        }
        // Unknown keys inside a fact are covered by the fact's error.
        if parent
            .first()
            .is_some_and(|p| matches!(p, Segment::Key(k) if FACT_KEYS.contains(&k.as_str())))
        {
            continue;
        }
        let hint = closest(key, PROSE_KEYS.iter().copied()).map_or_else(
            || format!("a translation holds only {}", PROSE_KEYS.join(", ")),
            |near| format!("did you mean `{near}`?"),
        );
        out.push(
            locator
                .error_at_offset(unknown.offset, format!("unknown key `{key}`"))
                .with_hint(hint),
        );
    }
    let front = read.front;
    let written: Vec<String> = match &tree.root.value {
        Value::Map(entries) => entries.iter().map(|e| e.key.to_string()).collect(),
        _ => Vec::new(),
    };
    drop(tree);
    drop(locator);
    let list = |key: &str, value: Vec<String>| written.iter().any(|k| k == key).then_some(value);
    let translation = Translation {
        lang: lang.to_string(),
        title: front.title.filter(|t| !t.trim().is_empty()),
        summary: front.summary,
        also_called: list("also_called", front.also_called),
        at_a_glance: list("at_a_glance", front.at_a_glance),
        pros: list("pros", front.pros),
        cons: list("cons", front.cons),
        draft: front.draft,
        source_hash,
        body_offset: split.body_offset,
        body_line: split.body_line,
        yaml_range: split.yaml,
        rel_path: file.rel_path,
        source_rel,
        display_path: file.display_path,
        text: file.text,
    };
    Some(translation)
}

impl Translation {
    pub fn body(&self) -> &str {
        self.text.get(self.body_offset..).unwrap_or_default()
    }

    /// Whether it has no body of its own where `source` has one: the page
    /// then shows the source's.
    pub fn leaves_out_body(&self, source: &Page) -> bool {
        self.body().trim().is_empty() && !source.body().trim().is_empty()
    }
}

/// The hash of a page's prose (title, other names, summary, at-a-glance,
/// pros, cons and body): what a translation is made from. FNV-1a, written
/// as 16 hex digits, so the value is the same on every machine and every
/// version of Rust; an editor copies it into `source_hash:`.
pub fn prose_hash(page: &Page) -> String {
    let meta = &page.meta;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut add = |text: &str| {
        for byte in text.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(byte);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    add(&meta.title);
    add(meta.summary.as_deref().unwrap_or_default());
    if let Some(profile) = &meta.profile {
        for list in [
            &profile.also_called,
            &profile.at_a_glance,
            &profile.pros,
            &profile.cons,
        ] {
            for item in list {
                add(item);
            }
            add("\u{1}");
        }
    }
    add(page.body());
    format!("{h:016x}")
}

impl Page {
    /// The page `source` as its translation `t` shows it: the translated
    /// words over the source's facts. Its fingerprints cover both files,
    /// so an edit of either makes its outputs again.
    pub fn translated(source: &Page, t: &Arc<Translation>) -> Page {
        let mut meta: PageMeta = source.meta.clone();
        if let Some(title) = &t.title {
            meta.title = title.clone();
        }
        if t.summary.is_some() {
            meta.summary = t.summary.clone();
        }
        if let Some(profile) = &mut meta.profile {
            for (target, value) in [
                (&mut profile.also_called, &t.also_called),
                (&mut profile.at_a_glance, &t.at_a_glance),
                (&mut profile.pros, &t.pros),
                (&mut profile.cons, &t.cons),
            ] {
                if let Some(value) = value {
                    target.clone_from(value);
                }
            }
        }
        let fingerprints = {
            use std::hash::{Hash, Hasher};
            let hash = |a: u64, text: &str| {
                let mut h = std::hash::DefaultHasher::new();
                (a, &t.rel_path, text).hash(&mut h);
                h.finish()
            };
            let yaml = t.text.get(t.yaml_range.clone()).unwrap_or_default();
            (
                hash(source.fingerprint(), &t.text),
                hash(source.facts_fingerprint(), yaml),
            )
        };
        // A translation without a body (its words translated first) shows
        // the source's body, as it shows the source's words for any part
        // it leaves out; the body's problems are then the source file's.
        if t.leaves_out_body(source) {
            source.with_meta(meta, fingerprints)
        } else {
            Page {
                rel_path: source.rel_path.clone(),
                display_path: t.display_path.clone(),
                kind: source.kind,
                meta,
                source: t.text.clone(),
                body_offset: t.body_offset,
                body_line: t.body_line,
                yaml_range: t.yaml_range.clone(),
                yaml_line: 2,
                fingerprints: std::sync::OnceLock::from(fingerprints),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rel: &str, text: &str) -> SourceFile {
        SourceFile {
            rel_path: rel.into(),
            display_path: format!("content/{rel}").into(),
            text: text.into(),
        }
    }

    #[test]
    fn names_of_translations() {
        let langs = vec!["es".to_string()];
        assert_eq!(
            translation_of("a/b.es.md", &langs),
            Some(("es".into(), "a/b.md".into()))
        );
        assert_eq!(
            translation_of("_index.es.md", &langs),
            Some(("es".into(), "_index.md".into()))
        );
        assert_eq!(translation_of("a/b.fr.md", &langs), None);
        assert_eq!(translation_of("a/.es.md", &langs), None);
        assert_eq!(translation_of("b.md", &langs), None);
    }

    #[test]
    fn names_that_look_like_translations() {
        let codes = vec!["en".to_string(), "es".to_string()];
        let like = |rel: &str| named_like_translation(rel, &codes).map(|(c, s)| format!("{c} {s}"));
        assert_eq!(like("a/b.fr.md").as_deref(), Some("fr a/b.md"));
        assert_eq!(like("b.es-MX.md").as_deref(), Some("es-MX b.md"));
        assert_eq!(like("b.zh-Hant-TW.md").as_deref(), Some("zh-Hant-TW b.md"));
        assert_eq!(like("b.haw.md").as_deref(), Some("haw b.md"));
        // Upper case only for one of the site's codes: site.yaml refuses
        // `FR`, so `b.FR.md` is a page of its own.
        assert_eq!(like("b.ES.md").as_deref(), Some("ES b.md"));
        assert_eq!(like("_index.fr.md").as_deref(), Some("fr _index.md"));
        for page in [
            "notes.v2.md",
            "b.md",
            "a/.fr.md",
            "b.draft.md",
            "b.x.md",
            "b.fr-x.md",
            "b.FR.md",
            "report.old.md",
            "cv.pdf.md",
            "b.sp.md",
            "b.yue.md",
        ] {
            assert_eq!(like(page), None, "{page}");
        }
        let text = "---\ntitle: X\n---\n";
        let path = std::path::Path::new("content/b.es.md");
        assert!(Misnamed::of("b.es.md", path, text, &codes).is_none());
        let fr = Misnamed::of("b.fr.md", path, text, &codes).unwrap();
        let d = fr.problem(&["en".into(), "es".into()]);
        assert_eq!(d.position, Some(crate::diagnostics::Position::new(1, 1)));
        assert_eq!(d.source_line.as_deref(), Some("---"));
    }

    #[test]
    fn a_code_site_yaml_refuses_is_not_advised() {
        // site.yaml says `ES`, which it refuses: the hint names `es` for
        // both the code and the file, never `b.ES.md`.
        let codes = vec!["en".to_string(), "ES".to_string()];
        let path = std::path::Path::new("content/b.es.md");
        let m = Misnamed::of("b.es.md", path, "---", &codes).unwrap();
        let hint = m.problem(&codes).hint.unwrap_or_default();
        assert!(
            hint.starts_with("write `- code: es` in site.yaml"),
            "{hint}"
        );
        assert!(hint.contains("this file's name is then right"), "{hint}");
        assert!(!hint.contains(".ES.md"), "{hint}");
        let codes = vec!["en".to_string(), "ES-mx".to_string()];
        let path = std::path::Path::new("content/b.es-mx.md");
        let m = Misnamed::of("b.es-mx.md", path, "---", &codes).unwrap();
        let hint = m.problem(&codes).hint.unwrap_or_default();
        assert!(hint.contains("rename this file `b.es-MX.md`"), "{hint}");
    }

    #[test]
    fn a_fact_in_a_translation_is_an_error_at_its_line() {
        let text = "---\ntitle: Técnicos\nsoc: \"29-2071\"\npros: [a]\nwages:\n  areas: []\nsumary: x\n---\nTexto.\n";
        let mut out = Vec::new();
        let t = parse(file("hit.es.md", text), "es", "hit.md".into(), &mut out).unwrap();
        let at: Vec<(usize, usize)> = out
            .iter()
            .filter_map(|d| d.position)
            .map(|p| (p.line, p.column))
            .collect();
        assert_eq!(at, [(3, 1), (5, 1), (7, 1)], "{out:?}");
        assert!(out[0].message.contains("`soc` is a fact"));
        assert!(out[0].message.contains("`hit.md`"));
        assert_eq!(out[2].hint.as_deref(), Some("did you mean `summary`?"));
        assert_eq!(t.title.as_deref(), Some("Técnicos"));
        assert_eq!(t.pros, Some(vec!["a".to_string()]));
        assert_eq!(t.at_a_glance, None);
        assert_eq!(t.body(), "Texto.\n");
    }

    #[test]
    fn the_source_hash_is_read_with_its_place() {
        let text = "---\ntitle: T\nsource_hash: 00ff\n---\n";
        let mut out = Vec::new();
        let t = parse(file("x.es.md", text), "es", "x.md".into(), &mut out).unwrap();
        assert!(out.is_empty(), "{out:?}");
        let (hash, at) = t.source_hash.unwrap();
        assert_eq!((hash.as_str(), at.line, at.column), ("00ff", 3, 14));
    }
}
