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
                let line = key_line(&file.text, key);
                let hint = closest(key, known.iter().copied()).map_or_else(
                    || "only keys of the theme's i18n files can be overridden".to_string(),
                    |near| format!("did you mean `{near}`?"),
                );
                problems.push(
                    Diagnostic::error(&file.display, format!("the theme has no string `{key}`"))
                        .at(Position::new(line, 1), &file.text)
                        .with_hint(hint),
                );
            }
        }
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

/// One file: `key: text` entries, every value text.
fn read(display: PathBuf, text: String, problems: &mut Vec<Diagnostic>) -> Option<File> {
    match serde_yaml::from_str::<Option<BTreeMap<String, serde_yaml::Value>>>(&text) {
        Ok(map) => {
            let mut entries = BTreeMap::new();
            for (key, value) in map.unwrap_or_default() {
                match value {
                    serde_yaml::Value::String(s) => {
                        entries.insert(key, s);
                    }
                    serde_yaml::Value::Number(n) => {
                        entries.insert(key, n.to_string());
                    }
                    _ => problems.push(
                        Diagnostic::error(&display, format!("the string `{key}` is not text"))
                            .at(Position::new(key_line(&text, &key), 1), &text)
                            .with_hint("write it on one line, in quotes if it holds `: `"),
                    ),
                }
            }
            Some(File {
                display,
                text,
                entries,
            })
        }
        Err(err) => {
            let mut d = Diagnostic::error(&display, format!("cannot read these strings: {err}"));
            if let Some(at) = err.location() {
                d = d.at(Position::new(at.line(), at.column()), &text);
            }
            problems.push(d);
            None
        }
    }
}

/// The line where `key:` is written (1 when it cannot be found).
fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(1, |i| i + 1)
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
