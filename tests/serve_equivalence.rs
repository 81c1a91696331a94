//! The serve engine against its oracle, a full build: random sequences of
//! edits are applied to a site through [`Engine::apply`], and after every
//! step the served folder must equal, byte for byte, what `careers build`
//! publishes for the same files (a failed build leaves the previous output,
//! and serve keeps showing the last good site, so both stay as they were).
//!
//! The site is generated (synthetic profiles, labelled so) from a small
//! model, so every edit kind the issue lists can be made and undone: prose,
//! wage and outlook figures, title, slug, taxonomy, related careers, draft,
//! new, deleted and renamed files, static files added and removed, a
//! template override added, edited and removed, site.yaml changed (which
//! also turns the Spanish language and its area names on and off), a Spanish translation
//! added, edited (sometimes with a fact, an error, or without its title or
//! summary, which then show in English) and removed, and a file
//! broken and fixed. An edit of a profile's English source must remake its
//! Spanish pages too: they read its facts through the same recorded view.
//!
//! `PROPTEST_CASES=200 cargo test --test serve_equivalence` runs longer.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use careers::build::{build, BuildOptions};
use careers::serve::engine::Engine;
use common::{copy_dir, proptest_config, snapshot, REPO};
use proptest::prelude::*;

const SLOTS: usize = 5;
const TITLES: [&str; 4] = [
    "Synthetic Records Clerk",
    "Synthetic Data Coder",
    "Synthetic Archive Keeper",
    "Synthetic Registry Analyst",
];
/// Theme templates a site overrides by file name in the tests.
const OVERRIDES: [&str; 2] = ["base.html", "404.html"];
const CLUSTERS: [&str; 2] = ["Health Science", "Information Technology"];

/// One synthetic profile, as the model knows it.
#[derive(Debug, Clone)]
struct Profile {
    file: String,
    title: usize,
    slug: Option<usize>,
    cluster: usize,
    median: u32,
    growth: i32,
    related: Vec<usize>,
    draft: bool,
    prose: u32,
    broken: bool,
    /// The version of its Spanish translation (`NAME.es.md`), if it has one.
    translation: Option<u32>,
}

impl Profile {
    fn new(slot: usize, seed: u32) -> Self {
        Profile {
            file: format!("p{slot}.md"),
            title: slot % TITLES.len(),
            slug: None,
            cluster: slot % CLUSTERS.len(),
            median: 40_000 + seed * 10,
            growth: (seed % 30) as i32 - 5,
            related: Vec::new(),
            draft: false,
            prose: seed,
            broken: false,
            translation: None,
        }
    }

    /// The translation's file, beside the profile's.
    fn translation_file(&self) -> String {
        format!("{}.es.md", self.file.trim_end_matches(".md"))
    }

    /// The translation's text: its words only; now and then a fact, which
    /// is an error at its line, and now and then without its title or
    /// summary, which then show the source's English words, marked so.
    fn translation_text(&self, slot: usize) -> Option<String> {
        let v = self.translation?;
        let fact = if v % 7 == 0 { "job_zone: 3\n" } else { "" };
        let title = if v % 4 == 3 {
            String::new()
        } else {
            format!("title: Traducción {slot} v{v}\n")
        };
        let summary = if v % 3 == 1 {
            String::new()
        } else {
            format!("summary: Resumen {v}.\n")
        };
        Some(format!(
            "---\n{title}{summary}{fact}---\n\n## Tareas\n\nTexto, versión {v}.\n"
        ))
    }

    /// The Markdown file. Related careers are named by content path, so a
    /// rename or delete of the target makes a (reported) broken reference.
    fn text(&self, slot: usize, files: &BTreeMap<usize, String>) -> String {
        let median = self.median;
        let related: Vec<String> = self
            .related
            .iter()
            .filter_map(|r| files.get(r).cloned())
            .collect();
        let mut fm = format!(
            "title: {} {slot}\nsoc: \"29-90{slot}{}\"\nsummary: Synthetic test profile {slot}.\n\
             cluster: {}\nholland: CI\njob_zone: 3\neducation: associate\n",
            TITLES[self.title], self.title, CLUSTERS[self.cluster],
        );
        if let Some(slug) = self.slug {
            fm.push_str(&format!("slug: synthetic-{slug}\n"));
        }
        if !related.is_empty() {
            fm.push_str(&format!("related: [{}]\n", related.join(", ")));
        }
        if self.draft {
            fm.push_str("draft: true\n");
        }
        if self.broken {
            fm.push_str("job_zone_extra: [unclosed\n");
        }
        fm.push_str(&format!(
            "wages:\n  source: Synthetic test data\n  areas:\n    - area: Washington\n      \
             yearly: [{}, {}, {median}, {}, {}]\n",
            median - 9000,
            median - 4000,
            median + 5000,
            median + 11000,
        ));
        fm.push_str(&format!(
            "outlook:\n  source: Synthetic test data\n  areas:\n    - area: Washington\n      \
             employment: {}\n      growth: {}.5\n      openings: {}\n",
            1000 + self.prose,
            self.growth,
            100 + self.prose % 50,
        ));
        format!(
            "---\n{fm}---\n\n## Duties\n\nSynthetic prose, version {}.\n",
            self.prose
        )
    }
}

/// The whole site as the model knows it.
#[derive(Debug, Default)]
struct Model {
    profiles: BTreeMap<usize, Profile>,
    statics: BTreeSet<usize>,
    template: Option<(usize, u32)>,
    site_title: u32,
}

/// An edit, drawn as numbers and read against the model when applied.
#[derive(Debug, Clone)]
struct Edit {
    kind: u8,
    slot: usize,
    value: u32,
}

fn edit() -> impl Strategy<Value = Edit> {
    (0u8..16, 0..SLOTS, 0u32..1000).prop_map(|(kind, slot, value)| Edit { kind, slot, value })
}

struct Harness {
    site: tempfile::TempDir,
    served: tempfile::TempDir,
    engine: Engine,
    model: Model,
    theme_templates: PathBuf,
}

impl Harness {
    fn new() -> Self {
        let site = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(REPO).join("themes/default"),
            &site.path().join("themes/default"),
        );
        let mut model = Model::default();
        for slot in 0..3 {
            model.profiles.insert(slot, Profile::new(slot, slot as u32));
        }
        // One profile starts with a Spanish translation.
        if let Some(p) = model.profiles.get_mut(&0) {
            p.translation = Some(1);
        }
        let theme_templates = site.path().join("themes/default/templates");
        write_site_files(site.path(), &model);
        let served = tempfile::tempdir().unwrap();
        let (engine, _) = Engine::new(site.path(), false, served.path()).unwrap();
        let mut h = Harness {
            site,
            served,
            engine,
            model,
            theme_templates,
        };
        h.settle();
        h
    }

    fn root(&self) -> &Path {
        self.site.path()
    }

    fn settle(&mut self) {
        while self.engine.has_deferred() {
            self.engine.run_deferred();
        }
        self.engine.materialize_all();
    }

    /// Applies an edit to the files and returns the paths it changed.
    fn apply(&mut self, edit: &Edit) -> Vec<PathBuf> {
        let slot = edit.slot;
        let v = edit.value;
        let m = &mut self.model;
        let mut changed = vec![];
        let exists = m.profiles.contains_key(&slot);
        match edit.kind {
            0..=8 | 15 if !exists => {
                m.profiles.insert(slot, Profile::new(slot, v));
            }
            0 => m.profiles.get_mut(&slot).unwrap().prose = v,
            1 => m.profiles.get_mut(&slot).unwrap().median = 30_000 + v * 10,
            2 => m.profiles.get_mut(&slot).unwrap().growth = (v % 40) as i32 - 10,
            3 => m.profiles.get_mut(&slot).unwrap().title = v as usize % TITLES.len(),
            4 => {
                let p = m.profiles.get_mut(&slot).unwrap();
                p.slug = if p.slug.is_some() {
                    None
                } else {
                    Some(v as usize % 3)
                };
            }
            5 => m.profiles.get_mut(&slot).unwrap().cluster ^= 1,
            6 => {
                let target = v as usize % SLOTS;
                let p = m.profiles.get_mut(&slot).unwrap();
                if p.related.contains(&target) {
                    p.related.retain(|r| *r != target);
                } else if target != slot {
                    p.related.push(target);
                }
            }
            7 => {
                let p = m.profiles.get_mut(&slot).unwrap();
                p.draft = !p.draft;
            }
            8 => {
                let p = m.profiles.get_mut(&slot).unwrap();
                p.broken = !p.broken;
            }
            9 if exists => {
                let p = m.profiles.remove(&slot).unwrap();
                let path = self.site.path().join("content").join(&p.file);
                fs::remove_file(&path).unwrap();
                changed.push(path);
                if p.translation.is_some() {
                    let path = self.site.path().join("content").join(p.translation_file());
                    fs::remove_file(&path).unwrap();
                    changed.push(path);
                }
            }
            9 | 10 if !exists => {
                m.profiles.insert(slot, Profile::new(slot, v));
            }
            10 => {
                // Rename, into a sub-folder or back.
                let p = m.profiles.get_mut(&slot).unwrap();
                if p.translation.is_some() {
                    // The translation moves with its source.
                    let old = self.site.path().join("content").join(p.translation_file());
                    fs::remove_file(&old).unwrap();
                    changed.push(old);
                }
                let old = self.site.path().join("content").join(&p.file);
                p.file = if p.file.contains('/') {
                    format!("p{slot}.md")
                } else {
                    format!("sub/q{slot}.md")
                };
                let new = self.site.path().join("content").join(&p.file);
                fs::create_dir_all(new.parent().unwrap()).unwrap();
                fs::rename(&old, &new).unwrap();
                changed.push(old);
                changed.push(new);
            }
            11 => {
                let n = v as usize % 3;
                let path = self.site.path().join(format!("static/extra-{n}.txt"));
                if m.statics.remove(&n) {
                    fs::remove_file(&path).unwrap();
                } else {
                    m.statics.insert(n);
                    fs::create_dir_all(path.parent().unwrap()).unwrap();
                    fs::write(&path, format!("synthetic static file {n} {v}\n")).unwrap();
                }
                changed.push(path);
            }
            12 => {
                // A template override: added, edited, or removed.
                let (which, remove) = match m.template {
                    Some((w, _)) => (w, v % 3 == 0),
                    None => (v as usize % 2, false),
                };
                let path = self.site.path().join("templates").join(OVERRIDES[which]);
                if remove {
                    fs::remove_file(&path).unwrap();
                    m.template = None;
                } else {
                    fs::create_dir_all(path.parent().unwrap()).unwrap();
                    fs::write(&path, override_text(&self.theme_templates, which, v)).unwrap();
                    m.template = Some((which, v));
                }
                changed.push(path);
            }
            15 => {
                // The Spanish translation: added, edited or removed.
                let p = m.profiles.get_mut(&slot).unwrap();
                if p.translation.is_some() && v % 3 == 0 {
                    p.translation = None;
                    let path = self.site.path().join("content").join(p.translation_file());
                    fs::remove_file(&path).unwrap();
                    changed.push(path);
                } else {
                    p.translation = Some(v);
                }
            }
            13 => {
                m.site_title = v;
                let path = self.site.path().join("site.yaml");
                fs::write(&path, site_yaml(v)).unwrap();
                changed.push(path);
            }
            _ => {
                // Two profiles edited in one save batch.
                for p in m.profiles.values_mut().take(2) {
                    p.median = 30_000 + v * 7;
                }
                let files: Vec<String> = m
                    .profiles
                    .values()
                    .take(2)
                    .map(|p| p.file.clone())
                    .collect();
                for f in files {
                    changed.push(self.site.path().join("content").join(f));
                }
            }
        }
        changed.extend(write_site_files(self.site.path(), &self.model));
        changed
    }

    /// Builds the site afresh into ROOT/output (left as it was on errors).
    fn build(&self) -> bool {
        let options = BuildOptions {
            root: self.root().to_path_buf(),
            ..BuildOptions::default()
        };
        match build(&options) {
            Ok(report) => !report.diagnostics.iter().any(|d| d.is_error()),
            Err(_) => false,
        }
    }
}

/// Writes every profile file whose text differs from what is on disk;
/// returns the paths written.
fn write_site_files(root: &Path, model: &Model) -> Vec<PathBuf> {
    let files: BTreeMap<usize, String> = model
        .profiles
        .iter()
        .map(|(slot, p)| (*slot, p.file.clone()))
        .collect();
    let mut written = Vec::new();
    let config = root.join("site.yaml");
    if !config.exists() {
        fs::write(&config, site_yaml(model.site_title)).unwrap();
    }
    for (slot, p) in &model.profiles {
        let path = root.join("content").join(&p.file);
        let text = p.text(*slot, &files);
        if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, text).unwrap();
            written.push(path);
        }
        if let Some(text) = p.translation_text(*slot) {
            let path = root.join("content").join(p.translation_file());
            if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                fs::write(&path, text).unwrap();
                written.push(path);
            }
        }
    }
    written
}

/// In English and Spanish for even versions, English only for odd ones,
/// so that edits also turn the languages on and off; every fourth names
/// the area in Spanish too.
fn site_yaml(v: u32) -> String {
    let languages = match v % 4 {
        0 => "languages:\n  - code: en\n  - code: es\n    title: Carreras sintéticas\n    areas:\n      Washington: Estado de Washington\n",
        2 => "languages:\n  - code: en\n  - code: es\n    title: Carreras sintéticas\n",
        _ => "",
    };
    format!(
        "title: Synthetic Careers {v}\nbase_url: /\nlanguage: en\ntheme: default\n\
         primary_area: Washington\n{languages}"
    )
}

fn override_text(theme_templates: &Path, which: usize, v: u32) -> String {
    let text = fs::read_to_string(theme_templates.join(OVERRIDES[which])).unwrap();
    match which {
        0 => text.replacen("<body", &format!("<!-- override {v} -->\n<body"), 1),
        _ => text.replacen("Sorry,", &format!("Sorry ({v}),"), 1),
    }
}

/// What was published below `dir`: every file, by its path there, with
/// its bytes, but the build's mark.
fn published(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = snapshot(dir);
    // The mark a build leaves on the folder it owns; serve's folder is
    // its own temporary one.
    files.remove(".careers-output");
    files
}

fn differences(served: &Path, built: &Path) -> Vec<String> {
    let a = published(served);
    let b = published(built);
    let mut diffs = Vec::new();
    for (path, bytes) in &b {
        match a.get(path) {
            None => diffs.push(format!("missing from the preview: {path}")),
            Some(other) if other != bytes => diffs.push(format!("differs: {path}")),
            _ => {}
        }
    }
    for path in a.keys().filter(|p| !b.contains_key(*p)) {
        diffs.push(format!("only in the preview: {path}"));
    }
    diffs
}

proptest! {
    #![proptest_config(proptest_config(8))]

    #[test]
    fn the_preview_equals_a_fresh_build_after_every_edit(edits in prop::collection::vec(edit(), 1..10)) {
        let mut h = Harness::new();
        prop_assert!(h.build(), "the starting site builds");
        let diffs = differences(h.served.path(), &h.root().join("output"));
        prop_assert!(diffs.is_empty(), "at the start: {diffs:#?}");
        for (step, edit) in edits.iter().enumerate() {
            let changed: BTreeSet<PathBuf> = h.apply(edit).into_iter().collect();
            h.engine.apply(&changed);
            h.settle();
            h.build();
            let diffs = differences(h.served.path(), &h.root().join("output"));
            prop_assert!(
                diffs.is_empty(),
                "after step {step} ({edit:?}) of {edits:?}: {diffs:#?}"
            );
        }
    }
}
