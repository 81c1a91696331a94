//! The interface strings of a theme, per language: every word a page shows
//! that does not come from the content.
//!
//! A theme keeps them in `i18n/LANG.yaml` (`i18n/en.yaml`, `i18n/es.yaml`),
//! one `key: text` per line. A site overrides any of them, key by key, in
//! its own `i18n/LANG.yaml`: a key it leaves out keeps the theme's text. A
//! language the theme has no file for reads English; a key a language's
//! file lacks reads the English text, so a theme can grow a key without
//! breaking its translations (the tests make sure the default theme's
//! Spanish file has every key).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Layout;
use crate::diagnostics::{closest, display_path, Diagnostic, Position};

/// One language's strings, by key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Strings(BTreeMap<String, String>);

impl Strings {
    /// The text of `key`; empty when no file has it (the tests make sure
    /// the default theme's files have every key the build asks for).
    pub fn get(&self, key: &str) -> &str {
        self.0.get(key).map_or("", String::as_str)
    }

    /// The text of `key`, if a file has it.
    pub fn lookup(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// The text of `key` with `{name}` replaced by `value` for each pair.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(key).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter()
    }

    /// How figures read in this language, written for `locale`.
    pub fn localizer(&self, locale: &str) -> crate::format::Localizer {
        crate::format::Localizer::new(
            self.get("not_published"),
            self.get("no_wage_figures_short"),
            self.get("or_more"),
            locale,
        )
    }

    /// The words a page's script shows, for a `<script
    /// type="application/json">` block of its template: the text of each
    /// of `keys` (placeholders such as `{count}` left for the script to
    /// fill) and how numbers are written in `locale` (`decimal_mark`,
    /// `group_mark`), as one JSON object. `<` is escaped, so no text can
    /// end the script element. A key no strings file has (a theme of its
    /// own, older than the key) is left out: the script shows its English.
    pub fn for_script(&self, keys: &[&str], locale: &str) -> String {
        let mut words: BTreeMap<&str, &str> = keys
            .iter()
            .filter_map(|&k| self.lookup(k).filter(|t| !t.is_empty()).map(|t| (k, t)))
            .collect();
        let comma = self.localizer(locale).decimal_comma;
        words.insert("decimal_mark", if comma { "," } else { "." });
        words.insert("group_mark", if comma { "." } else { "," });
        serde_json::to_string(&words)
            .unwrap_or_default()
            .replace('<', "\\u003c")
    }

    /// The default theme's own strings for `lang` over its English ones,
    /// for outputs and tests made without a theme at hand.
    pub fn built_in(lang: &str) -> Strings {
        let file = |code: &str| -> BTreeMap<String, String> {
            crate::theme::DEFAULT
                .iter()
                .find(|f| f.path == format!("i18n/{code}.yaml"))
                .and_then(|f| serde_yaml::from_str(f.contents).ok())
                .unwrap_or_default()
        };
        let mut strings = file("en");
        strings.extend(file(lang));
        Strings(strings)
    }
}

/// Every language's strings for one theme and site.
#[derive(Debug, Default)]
pub struct StringSets {
    /// By language code as the files name them (`en`, `es`).
    by_code: BTreeMap<String, Strings>,
    english: Strings,
}

impl StringSets {
    /// The strings of language `code` (`es-US` reads `es` when there is no
    /// `es-US` file), English when there is none.
    pub fn get(&self, code: &str) -> &Strings {
        let primary = code.split('-').next().unwrap_or(code);
        self.by_code
            .get(code)
            .or_else(|| self.by_code.get(primary))
            .unwrap_or(&self.english)
    }

    /// A hash of every text, for telling whether the strings changed.
    pub fn fingerprint(&self, h: &mut crate::site::Fingerprint) {
        h.add(&self.by_code);
    }
}

/// One strings file as read: its place (for messages) and its entries.
struct File {
    display: PathBuf,
    text: String,
    entries: BTreeMap<String, String>,
    /// Where each key and its value start, as byte offsets into `text`.
    places: BTreeMap<String, (usize, usize)>,
}

impl File {
    fn position(&self, offset: usize) -> Position {
        crate::yaml::LineIndex::new(&self.text).position(offset)
    }

    fn error_at(&self, offset: usize, message: String) -> Diagnostic {
        Diagnostic::error(&self.display, message).at(self.position(offset), &self.text)
    }
}

/// Reads the theme's strings (from `theme_files`, built-in, or the
/// theme's `i18n/` folder) and the site's overrides in `ROOT/i18n/`.
pub fn load(
    layout: &Layout,
    built_in: Option<&[crate::theme::ThemeFile]>,
) -> Result<StringSets, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut theme: BTreeMap<String, File> = BTreeMap::new();
    match built_in {
        Some(files) => {
            for file in files {
                if let Some(code) = file
                    .path
                    .strip_prefix("i18n/")
                    .and_then(|n| n.strip_suffix(".yaml"))
                {
                    let display = display_path(&layout.root, &layout.theme.join(file.path));
                    if let Some(read) = read(display, file.contents.to_string(), &mut problems) {
                        theme.insert(code.to_string(), read);
                    }
                }
            }
        }
        None => read_folder(
            layout,
            &layout.theme.join("i18n"),
            &mut theme,
            &mut problems,
        ),
    }
    let mut site: BTreeMap<String, File> = BTreeMap::new();
    read_folder(layout, &layout.root.join("i18n"), &mut site, &mut problems);
    let english = theme
        .get("en")
        .map(|f| f.entries.clone())
        .unwrap_or_default();
    // Every key a site may override: those of any of the theme's files.
    let known: Vec<&str> = theme
        .values()
        .flat_map(|f| f.entries.keys().map(String::as_str))
        .collect();
    for file in site.values() {
        for key in file.entries.keys() {
            if !known.contains(&key.as_str()) {
                let at = file.places.get(key).map_or(0, |p| p.0);
                let hint = closest(key, known.iter().copied()).map_or_else(
                    || "only keys of the theme's i18n files can be overridden".to_string(),
                    |near| format!("did you mean `{near}`?"),
                );
                problems.push(
                    file.error_at(at, format!("the theme has no string `{key}`"))
                        .with_hint(hint),
                );
            }
        }
    }
    // Every file but the theme's English one against the theme's English
    // text: a placeholder the code does not fill would reach the readers
    // as `{zona}`.
    let others = theme
        .iter()
        .filter(|(code, _)| code.as_str() != "en")
        .chain(&site)
        .map(|(_, file)| file);
    for file in others {
        problems.extend(placeholder_problems(file, &english));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let codes: std::collections::BTreeSet<&String> = theme.keys().chain(site.keys()).collect();
    let mut by_code = BTreeMap::new();
    for code in codes {
        let mut strings = english.clone();
        for layer in [theme.get(code), site.get(code)].into_iter().flatten() {
            strings.extend(layer.entries.clone());
        }
        by_code.insert(code.clone(), Strings(strings));
    }
    let english = by_code.get("en").cloned().unwrap_or(Strings(english));
    Ok(StringSets { by_code, english })
}

/// A brace of a text: part of a `{name}` placeholder (names of ASCII
/// letters, digits and `_`), or one that makes none (the `{` of an
/// unclosed `{language`, a lone `}`, both of `{}`), which readers would
/// see as written.
enum Brace<'t> {
    Placeholder(&'t str),
    /// Its byte index, and which brace.
    Stray(usize, char),
}

/// The braces of a text, in order: one scan serves both the placeholders
/// and the stray braces, so the two can never disagree on what a
/// placeholder is.
fn braces(text: &str) -> Vec<Brace<'_>> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'{' => {
                let name_len = bytes
                    .get(i + 1..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                    .count();
                if name_len > 0 && bytes.get(i + 1 + name_len) == Some(&b'}') {
                    found.push(Brace::Placeholder(
                        text.get(i + 1..i + 1 + name_len).unwrap_or_default(),
                    ));
                    i += name_len + 2;
                    continue;
                }
                found.push(Brace::Stray(i, '{'));
            }
            b'}' => found.push(Brace::Stray(i, '}')),
            _ => {}
        }
        i += 1;
    }
    found
}

/// The `{name}` placeholders of a text, in order.
fn placeholders(text: &str) -> Vec<&str> {
    braces(text)
        .into_iter()
        .filter_map(|b| match b {
            Brace::Placeholder(name) => Some(name),
            Brace::Stray(..) => None,
        })
        .collect()
}

/// The braces of a text that are not part of a placeholder, as (byte
/// index, brace).
fn stray_braces(text: &str) -> Vec<(usize, char)> {
    braces(text)
        .into_iter()
        .filter_map(|b| match b {
            Brace::Stray(at, brace) => Some((at, brace)),
            Brace::Placeholder(_) => None,
        })
        .collect()
}

/// Errors for the placeholders of `file` that the English text of the
/// same key does not have: the code fills only those, so any other would
/// be shown as written; and for braces that make no placeholder (an
/// unclosed `{language`, a lone `}`), shown as written too. A key without
/// English text (a cluster's Spanish name) is not checked, nor are the
/// braces of a key whose English text has stray braces itself (none of
/// the default theme's has).
fn placeholder_problems(file: &File, english: &BTreeMap<String, String>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    // The end of each entry: the start of the next key written.
    let mut starts: Vec<usize> = file.places.values().map(|p| p.0).collect();
    starts.sort_unstable();
    for (key, text) in &file.entries {
        let Some(reference) = english.get(key) else {
            continue;
        };
        let takes = placeholders(reference);
        let mut names: Vec<String> = takes.iter().map(|t| format!("`{{{t}}}`")).collect();
        names.dedup();
        // The value as written in the file: from its start to the next key.
        let (key_at, value_at) = file.places.get(key).copied().unwrap_or_default();
        let end = starts
            .iter()
            .copied()
            .find(|&s| s > key_at)
            .unwrap_or(file.text.len());
        let written = file.text.get(value_at..end).unwrap_or_default();
        for name in placeholders(text) {
            if takes.contains(&name) {
                continue;
            }
            let needle = format!("{{{name}}}");
            let at = written.find(&needle).map_or(value_at, |i| value_at + i);
            let hint = match names.as_slice() {
                [] => format!(
                    "`{key}` takes no placeholder (the theme's English: {reference:?}): remove `{needle}`"
                ),
                _ => format!(
                    "`{key}` takes {} (the theme's English: {reference:?}); write the placeholder as it is there, in any language",
                    names.join(", ")
                ),
            };
            problems.push(
                file.error_at(
                    at,
                    format!("`{needle}` is not a placeholder of `{key}`, so readers would see it as written"),
                )
                .with_hint(hint),
            );
        }
        if !stray_braces(reference).is_empty() {
            continue;
        }
        for (index, brace) in stray_braces(text) {
            // The same brace in the file as written: the value's n-th
            // brace of its kind (quotes and escapes move it, not reorder).
            let nth = text.get(..index).unwrap_or_default().matches(brace).count();
            let at = written
                .match_indices(brace)
                .nth(nth)
                .map_or(value_at, |(i, _)| value_at + i);
            let name: String = text
                .get(index + 1..)
                .unwrap_or_default()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let (message, remedy) = match brace {
                '{' if !name.is_empty() => (
                    format!("`{{{name}` in `{key}` is not closed, so readers would see it as written"),
                    format!("close it: `{{{name}}}`, if that is one of them"),
                ),
                '{' => (
                    format!("a `{{` in `{key}` opens no placeholder, so readers would see it as written"),
                    "write the placeholder whole, as it is there, or remove the `{`".to_string(),
                ),
                _ => (
                    format!("a `}}` in `{key}` closes no placeholder, so readers would see it as written"),
                    "write the placeholder whole, as it is there, or remove the `}`".to_string(),
                ),
            };
            let hint = match names.as_slice() {
                [] => format!(
                    "`{key}` takes no placeholder (the theme's English: {reference:?}): remove the `{brace}`"
                ),
                _ => format!(
                    "`{key}` takes {} (the theme's English: {reference:?}); {remedy}",
                    names.join(", ")
                ),
            };
            problems.push(file.error_at(at, message).with_hint(hint));
        }
    }
    problems
}

/// Warnings for the languages of `languages:` (but the default) that
/// neither the theme nor the site has a strings file for: their pages
/// would show the English interface. `es-MX` reads `es.yaml` when there
/// is no `es-MX.yaml` (see [`StringSets::get`]), so either will do.
/// Codes `config` refuses are left to its error.
pub(crate) fn missing_languages(
    layout: &Layout,
    config: &crate::config::SiteConfig,
) -> Vec<Diagnostic> {
    let built_in = crate::theme::built_in(&layout.theme_name).filter(|_| !layout.theme.is_dir());
    let has = |name: &str| -> bool {
        let file = format!("{name}.yaml");
        let in_theme = match built_in {
            Some(files) => files.iter().any(|f| f.path == format!("i18n/{file}")),
            None => layout.theme.join("i18n").join(&file).is_file(),
        };
        in_theme || layout.root.join("i18n").join(&file).is_file()
    };
    let mut warnings = Vec::new();
    for (i, language) in config.languages.iter().enumerate().skip(1) {
        let code = language.code.as_str();
        if crate::config::tags::check(code).is_err() {
            continue;
        }
        let primary = crate::config::tags::primary(code);
        if has(code) || has(primary) {
            continue;
        }
        // A built-in theme is not on the disk: name the file in the
        // careers repository, where the editor can copy it from.
        let theme_file = match built_in {
            Some(_) => format!(
                "the built-in theme's i18n/en.yaml (themes/{}/i18n/en.yaml in the careers repository)",
                layout.theme_name
            ),
            None => display_path(&layout.root, &layout.theme.join("i18n/en.yaml"))
                .display()
                .to_string(),
        };
        warnings.push(
            config
                .error_at(
                    &crate::yaml_path!["languages", i, "code"],
                    format!(
                        "neither the theme nor the site has interface strings in `{primary}`, so the `{code}` pages' headings, tables and buttons will be in English"
                    ),
                )
                .into_warning()
                .with_hint(format!(
                    "add i18n/{primary}.yaml to the site with the keys of {theme_file} translated (a key left out stays English)"
                )),
        );
    }
    warnings
}

fn read_folder(
    layout: &Layout,
    dir: &Path,
    into: &mut BTreeMap<String, File>,
    problems: &mut Vec<Diagnostic>,
) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let Some(code) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".yaml"))
            .filter(|c| !c.starts_with('.'))
            .map(str::to_string)
        else {
            continue;
        };
        let display = display_path(&layout.root, &path);
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                if let Some(file) = read(display, text, problems) {
                    into.insert(code, file);
                }
            }
            Err(err) => problems.push(Diagnostic::error(
                display,
                format!("cannot read this strings file: {err}"),
            )),
        }
    }
}

/// One file: `key: text` entries, every value text. Read by the reader
/// front matter uses ([`crate::yaml::parse_tree`]), so a mistake is
/// reported the same way: at its line and column, with the line quoted
/// and, for the common ones, the fix.
fn read(display: PathBuf, text: String, problems: &mut Vec<Diagnostic>) -> Option<File> {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let mut file = File {
        display,
        text,
        entries: BTreeMap::new(),
        places: BTreeMap::new(),
    };
    let mut found = Vec::new();
    let mut read_entries = Vec::new();
    // Whether nothing of the file can be read (rather than one entry).
    let mut unreadable = false;
    match crate::yaml::parse_tree(&file.text) {
        Ok(tree) => match &tree.root.value {
            crate::yaml::Value::Map(entries) => {
                for entry in entries {
                    let key = entry.key.to_string();
                    let value = match &entry.value.value {
                        crate::yaml::Value::Scalar { text, style } => {
                            let plain = matches!(style, crate::yaml::Style::Plain);
                            let not_text = plain
                                && matches!(
                                    crate::yaml::resolve_plain(text),
                                    crate::yaml::Resolved::Null | crate::yaml::Resolved::Bool(_)
                                );
                            (!not_text).then(|| text.to_string())
                        }
                        _ => None,
                    };
                    match value {
                        Some(value) => read_entries.push((key, value, entry.key_offset, entry.value.offset)),
                        None => found.push((
                            entry.key_offset,
                            format!("the string `{key}` is not text"),
                            Some("write the text after `key: ` on one line, in quotes if it holds `: ` or is `true`, `false`, `null` or empty".to_string()),
                        )),
                    }
                }
                for duplicate in &tree.duplicates {
                    found.push((
                        duplicate.repeat,
                        format!("`{}` is written twice", duplicate.key),
                        Some("keep one of them".to_string()),
                    ));
                }
            }
            _ => {
                unreadable = true;
                found.push((
                    0,
                    "these strings are not `key: text` lines".to_string(),
                    Some(
                        "write one `key: text` per line, as the theme's i18n/en.yaml does"
                            .to_string(),
                    ),
                ));
            }
        },
        Err(crate::yaml::TreeError::Syntax(err)) => {
            let position = err.position.unwrap_or(Position::new(1, 1));
            let mut d = Diagnostic::error(&file.display, err.message).at(position, &file.text);
            d.hint = err.hint;
            problems.push(d);
            return None;
        }
        Err(crate::yaml::TreeError::Unsupported) => {
            unreadable = true;
            found.push((
                0,
                "these strings use YAML tags or complex keys".to_string(),
                Some("write one `key: text` per line".to_string()),
            ));
        }
    }
    for (offset, message, hint) in found {
        let mut d = file.error_at(offset, message);
        d.hint = hint;
        problems.push(d);
    }
    if unreadable {
        return None;
    }
    for (key, value, key_at, value_at) in read_entries {
        file.places.insert(key.clone(), (key_at, value_at));
        file.entries.insert(key, value);
    }
    Some(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme_yaml(lang: &str) -> BTreeMap<String, String> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/i18n")
            .join(format!("{lang}.yaml"));
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn the_default_theme_has_every_string_in_spanish() {
        let en = theme_yaml("en");
        let es = theme_yaml("es");
        let missing: Vec<&String> = en.keys().filter(|k| !es.contains_key(*k)).collect();
        assert!(missing.is_empty(), "es.yaml lacks {missing:?}");
        // Spanish names of the national career clusters have no English
        // key: in English a cluster is shown as the profile writes it.
        let extra: Vec<&String> = es
            .keys()
            .filter(|k| !en.contains_key(*k) && !k.starts_with("cluster_"))
            .collect();
        assert!(
            extra.is_empty(),
            "es.yaml has keys en.yaml lacks: {extra:?}"
        );
        // Every placeholder of the English text is in the Spanish one.
        for (key, text) in &en {
            for part in text.split('{').skip(1) {
                let name = part.split('}').next().unwrap_or_default();
                assert!(
                    es[key].contains(&format!("{{{name}}}")),
                    "{key}: es lacks {{{name}}}"
                );
            }
        }
    }

    #[test]
    fn the_default_themes_spanish_takes_the_placeholders_of_its_english() {
        let en = theme_yaml("en");
        let es = theme_yaml("es");
        for (key, english) in &en {
            let mut want = placeholders(english);
            let mut have = placeholders(&es[key]);
            want.sort_unstable();
            want.dedup();
            have.sort_unstable();
            have.dedup();
            assert_eq!(have, want, "{key}: {:?} against {english:?}", es[key]);
        }
        // And the loader, which checks every file against the English one,
        // takes the built-in theme as it is.
        let dir = std::env::temp_dir().join(format!("careers-placeholders-{}", std::process::id()));
        let layout = Layout::new(&dir, None, "default");
        assert!(load(&layout, crate::theme::built_in("default")).is_ok());
    }

    #[test]
    fn placeholders_are_braced_names() {
        assert_eq!(
            placeholders("a {x} {y_2}{z} {} { w} {é} {{v}}"),
            ["x", "y_2", "z", "v"]
        );
        assert_eq!(placeholders("{"), Vec::<&str>::new());
        assert_eq!(placeholders("ñ{ñ}{a"), Vec::<&str>::new());
    }

    #[test]
    fn stray_braces_are_those_of_no_placeholder() {
        assert_eq!(stray_braces("a {x} {y_2}{z}"), []);
        assert_eq!(stray_braces("en {language"), [(3, '{')]);
        assert_eq!(stray_braces("en language}"), [(11, '}')]);
        assert_eq!(
            stray_braces("{} {{v}} ñ{é}"),
            [(0, '{'), (1, '}'), (3, '{'), (7, '}'), (11, '{'), (14, '}')]
        );
        assert_eq!(stray_braces("{"), [(0, '{')]);
    }

    proptest::proptest! {
        /// Every brace of any text is in a placeholder `placeholders`
        /// finds, or stray, never both and never neither.
        #[test]
        fn every_brace_is_a_placeholders_or_stray(text in "[a{}_ é0]{0,24}|\\PC{0,24}") {
            let braces = text.matches(['{', '}']).count();
            let stray = stray_braces(&text);
            proptest::prop_assert_eq!(braces, 2 * placeholders(&text).len() + stray.len());
            for (i, brace) in stray {
                let written = brace.to_string();
                proptest::prop_assert_eq!(text.get(i..i + 1), Some(written.as_str()));
            }
        }
    }

    #[test]
    fn a_site_overrides_one_key_and_keeps_the_rest() {
        let dir = std::env::temp_dir().join(format!("careers-strings-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("i18n")).unwrap();
        std::fs::write(dir.join("i18n/es.yaml"), "home: Portada\n").unwrap();
        let layout = Layout::new(&dir, None, "default");
        let sets = load(&layout, crate::theme::built_in("default")).unwrap();
        assert_eq!(sets.get("es").get("home"), "Portada");
        assert_eq!(sets.get("es-US").get("home"), "Portada");
        assert_eq!(sets.get("es").get("explore"), theme_yaml("es")["explore"]);
        assert_eq!(sets.get("en").get("home"), "Home");
        assert_eq!(sets.get("fr").get("home"), "Home");
        std::fs::write(dir.join("i18n/es.yaml"), "hme: Portada\n").unwrap();
        let problems = load(&layout, crate::theme::built_in("default")).unwrap_err();
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `home`?"));
        assert_eq!(problems[0].position, Some(Position::new(1, 1)));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_script_gets_the_words_there_are_and_the_locales_marks() {
        let s = Strings(BTreeMap::from([
            ("a".to_string(), "</script> {count}".to_string()),
            ("empty".to_string(), String::new()),
        ]));
        assert_eq!(
            s.for_script(&["a", "empty", "missing"], "es-ES"),
            r#"{"a":"\u003c/script> {count}","decimal_mark":",","group_mark":"."}"#
        );
        assert!(s.for_script(&[], "en-US").contains(r#""decimal_mark":".""#));
    }

    #[test]
    fn fill_replaces_placeholders() {
        let s = Strings(BTreeMap::from([(
            "k".to_string(),
            "a {x} b {y}".to_string(),
        )]));
        assert_eq!(s.fill("k", &[("x", "1"), ("y", "2")]), "a 1 b 2");
        assert_eq!(s.get("missing"), "");
        assert_eq!(s.lookup("missing"), None);
    }
}
