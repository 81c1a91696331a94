//! The default theme, built into the binary.
//!
//! A site uses `ROOT/themes/NAME/` when that folder exists. A site without
//! one (such as a fresh `careers init`) still builds with the default theme,
//! whose files are compiled in here. This module only supplies the files;
//! `render` compiles the templates and `build` copies the static files.

/// One file of a built-in theme, by its path inside the theme folder.
#[derive(Debug, Clone, Copy)]
pub struct ThemeFile {
    pub path: &'static str,
    pub contents: &'static str,
}

macro_rules! theme_files {
    ($($path:literal),* $(,)?) => {
        &[$(ThemeFile { path: $path, contents: include_str!(concat!("../themes/default/", $path)) }),*]
    };
}

/// Every file of `themes/default/`, sorted by path.
pub const DEFAULT: &[ThemeFile] = theme_files![
    "i18n/en.yaml",
    "i18n/es.yaml",
    "static/compare.js",
    "static/explore.js",
    "static/favicon.svg",
    "static/search.js",
    "static/style.css",
    "templates/404.html",
    "templates/base.html",
    "templates/compare.html",
    "templates/components.html",
    "templates/explore.html",
    "templates/home.html",
    "templates/page.html",
    "templates/profile.html",
    "templates/ranking.html",
    "templates/rankings.html",
    "templates/search.html",
    "templates/taxonomy.html",
    "templates/term.html",
];

/// The built-in files of theme `name`, if it is built in.
pub fn built_in(name: &str) -> Option<&'static [ThemeFile]> {
    (name == "default").then_some(DEFAULT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_theme_is_the_whole_default_theme() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        on_disk.sort();
        let built_in: Vec<&str> = DEFAULT.iter().map(|f| f.path).collect();
        assert_eq!(on_disk, built_in, "add new theme files to theme::DEFAULT");
    }
}
