//! The incremental build behind `careers serve`: the build's own pipeline,
//! kept alive, plus a record of what every output read.
//!
//! When an output is rendered, its [`View`](crate::site::View) records the
//! inputs it read ([`Input`]: a page, a profile's facts or listing entry,
//! a term's address, the templates, a copied file…) and the engine keeps
//! them with their fingerprints. After an edit the pipeline re-runs the
//! stages the changed paths touch, the engine lists the outputs again, and
//! an output is rendered again exactly when it is new or something it read
//! has a new fingerprint; outputs that are gone are removed. No rule here
//! knows what any kind of output shows, so a new kind needs no change.
//!
//! Nothing is published while the site has errors: the served folder stays
//! the last good version and outputs whose inputs changed stay due until a
//! clean version can be published. Files are replaced one by one, each by
//! an atomic rename, so a reader never gets half a file and a page that
//! exists before and after an edit is never missing. The pages of the
//! edited files are published first; the rest of what is due follows in
//! [`Engine::run_deferred`]. Large data files ([`Kind::streamed`]) are made
//! only when asked for ([`Engine::materialize`]), from the published version.
//!
//! The engine neither watches files nor speaks HTTP; `serve` does.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::build::{BuildError, BuildOptions, Timer};
use crate::diagnostics::Diagnostic;
use crate::output::ServedFolder;
use crate::pipeline::Pipeline;
use crate::render::{Failure, Item, Output, Rendering};
use crate::site::{Fingerprint, Input, Recorder};

/// What a rebuild did, for the terminal and the browser.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Every problem in the site now, errors first.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the served site changed (false when errors held it back).
    pub published: bool,
    pub rendered: usize,
    pub elapsed_ms: f64,
    pub kind: &'static str,
    /// URL paths of the pages published, or `None` when the whole site was.
    pub urls: Option<Vec<String>>,
}

impl Outcome {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// What the engine knows of one output.
struct Tracked {
    output: Output,
    /// What it read when the served file was made, each with its
    /// fingerprint then; `None` while the served file is not up to date.
    reads: Option<Vec<(Input, Option<u64>)>>,
    /// The problems of its last render.
    problems: Vec<Diagnostic>,
    /// The hash of the served file, if one was published.
    served: Option<u64>,
}

pub struct Engine {
    pipeline: Pipeline,
    outputs: BTreeMap<String, Tracked>,
    folder: ServedFolder,
    /// The last version published, from which large files are made.
    published: Option<Rendering>,
    /// Outputs due after the edited pages went out.
    deferred: Vec<String>,
    /// Served files of outputs that are gone, removed at the next publish.
    removals: Vec<String>,
    /// Outputs that cannot all be written where they go (the build's own
    /// check): errors, so nothing is published while there are any.
    placement: Vec<Diagnostic>,
}

/// A rendered output, before it is published.
struct Made {
    path: String,
    bytes: Vec<u8>,
    reads: Vec<Input>,
}

impl Engine {
    /// Builds the whole site into `folder` (a folder the caller owns and
    /// removes), from which it is served.
    pub fn new(
        root: &Path,
        include_drafts: bool,
        folder: &Path,
    ) -> Result<(Self, Outcome), BuildError> {
        let started = Instant::now();
        let options = BuildOptions {
            root: root.to_path_buf(),
            include_drafts,
            ..BuildOptions::default()
        };
        let pipeline = Pipeline::new(&options, &mut Timer::start())?;
        let mut engine = Engine {
            pipeline,
            outputs: BTreeMap::new(),
            folder: ServedFolder::new(folder).map_err(|source| BuildError::Write {
                path: folder.to_path_buf(),
                source,
            })?,
            published: None,
            deferred: Vec::new(),
            removals: Vec::new(),
            placement: Vec::new(),
        };
        let outcome = engine.update(&Default::default(), "full build", started);
        Ok((engine, outcome))
    }

    /// The folder being served.
    pub fn served_dir(&self) -> &Path {
        self.folder.path()
    }

    pub fn base_path(&self) -> &str {
        &self.pipeline.site().base_path
    }

    pub fn layout(&self) -> &crate::config::Layout {
        self.pipeline.layout()
    }

    /// Whether a version without errors has been published yet.
    pub fn has_published(&self) -> bool {
        self.published.is_some()
    }

    /// Takes in the paths an edit changed (files or folders, as a watcher
    /// reports them) and brings the served folder up to date with them.
    pub fn apply(&mut self, paths: &BTreeSet<PathBuf>) -> Outcome {
        let started = Instant::now();
        let touched = self.pipeline.apply(paths);
        self.update(&touched.pages, "changes", started)
    }

    /// Whether outputs wait to be rendered after the edited pages went out.
    pub fn has_deferred(&self) -> bool {
        !self.deferred.is_empty()
    }

    /// Renders and publishes what the last edit left for later.
    pub fn run_deferred(&mut self) -> Outcome {
        let started = Instant::now();
        let due = std::mem::take(&mut self.deferred);
        self.render_and_publish(&due, "listings", started)
    }

    /// Paths of the large files that are out of date and are made when
    /// asked for.
    pub fn stale_large_files(&self) -> Vec<String> {
        self.outputs
            .values()
            .filter(|t| t.output.kind.streamed && t.reads.is_none())
            .map(|t| t.output.path.clone())
            .collect()
    }

    /// Makes the large file at `path` if it is out of date, from the
    /// published version. Returns whether it is up to date now.
    pub fn materialize(&mut self, path: &str) -> bool {
        let Some(published) = self.published.clone() else {
            return false;
        };
        let Some(tracked) = self.outputs.get(path) else {
            return false;
        };
        if tracked.reads.is_some() {
            return true;
        }
        let output = tracked.output.clone();
        let (made, problems) = render_one(&published, &output);
        let clean = self.errors().next().is_none();
        let Some(made) = made else {
            return false;
        };
        let hash = Fingerprint::of_bytes(&made.bytes);
        if self.folder.write(path, &made.bytes).is_err() {
            return false;
        }
        let reads = clean.then(|| fingerprints(&published, made.reads, &mut HashMap::new()));
        let Some(tracked) = self.outputs.get_mut(path) else {
            return false;
        };
        tracked.served = Some(hash);
        tracked.problems = problems;
        tracked.reads = reads;
        true
    }

    /// Makes every out-of-date large file (tests compare the whole folder).
    pub fn materialize_all(&mut self) {
        for path in self.stale_large_files() {
            self.materialize(&path);
        }
    }

    /// Lists the outputs, finds those due, and renders and publishes them:
    /// the pages of `edited` files first.
    fn update(
        &mut self,
        edited: &BTreeSet<String>,
        kind: &'static str,
        started: Instant,
    ) -> Outcome {
        let Some(rendering) = self.pipeline.rendering().cloned() else {
            return self.finish(kind, 0, false, None, started);
        };
        let listed = crate::render::outputs(&rendering.ctx(None));
        self.placement = crate::render::collisions::check(&rendering.ctx(None), &listed).problems;
        let removed = self.retire_outputs(&listed);
        let mut memo = HashMap::new();
        let mut due: Vec<String> = Vec::new();
        for output in listed {
            let path = output.path.clone();
            let known = self.outputs.get(&path);
            let current = known.filter(|t| t.output == output);
            let fresh = current.and_then(|t| t.reads.as_ref()).is_some_and(|reads| {
                reads
                    .iter()
                    .all(|(input, fp)| fingerprint(&rendering, input, &mut memo) == *fp)
            });
            if current.is_none() {
                // New, or another output now has this path: its served
                // file (if any) stays until the new one replaces it.
                let served = known.and_then(|t| t.served);
                let tracked = Tracked {
                    output,
                    reads: None,
                    problems: Vec::new(),
                    served,
                };
                self.outputs.insert(path.clone(), tracked);
            }
            if !fresh {
                if let Some(tracked) = self.outputs.get_mut(&path) {
                    tracked.reads = None;
                }
                due.push(path);
            }
        }
        let (first, rest): (Vec<String>, Vec<String>) = due.into_iter().partition(|path| {
            let page = self.outputs.get(path).and_then(|t| t.output.page());
            page.is_some_and(|rel| edited.contains(rel))
        });
        self.deferred = rest;
        self.removals.extend(removed.iter().cloned());
        let first = if first.is_empty() {
            std::mem::take(&mut self.deferred)
        } else {
            first
        };
        let mut outcome = self.render_and_publish(&first, kind, started);
        if !removed.is_empty() && outcome.published {
            outcome.urls = None;
        }
        outcome
    }

    /// Forgets outputs that are no longer listed; returns their paths.
    fn retire_outputs(&mut self, listed: &[Output]) -> Vec<String> {
        let now: std::collections::HashSet<&str> = listed.iter().map(|o| o.path.as_str()).collect();
        let gone: Vec<String> = self
            .outputs
            .keys()
            .filter(|path| !now.contains(path.as_str()))
            .cloned()
            .collect();
        let mut removed = Vec::new();
        for path in gone {
            if let Some(tracked) = self.outputs.remove(&path) {
                if tracked.served.is_some() {
                    removed.push(path);
                }
            }
        }
        removed
    }

    /// Renders the outputs at `paths` that are still due (large files are
    /// left for when they are asked for) and publishes them if the site
    /// has no errors.
    fn render_and_publish(
        &mut self,
        paths: &[String],
        kind: &'static str,
        started: Instant,
    ) -> Outcome {
        let Some(rendering) = self.pipeline.rendering().cloned() else {
            return self.finish(kind, 0, false, None, started);
        };
        // Paths no longer listed are gone: `removals` takes care of them.
        let outputs: Vec<Output> = paths
            .iter()
            .filter_map(|p| self.outputs.get(p.as_str()))
            .filter(|t| t.reads.is_none() && !t.output.kind.streamed)
            .map(|t| t.output.clone())
            .collect();
        let results: Vec<(String, Option<Made>, Vec<Diagnostic>)> = outputs
            .par_iter()
            .map(|output| {
                let (made, problems) = render_one(&rendering, output);
                (output.path.clone(), made, problems)
            })
            .collect();
        let mut made = Vec::new();
        for (path, result, problems) in results {
            if let Some(tracked) = self.outputs.get_mut(&path) {
                tracked.problems = problems;
            }
            made.extend(result);
        }
        let rendered = made.len();
        if self.errors().next().is_some() {
            // Held back: what was rendered stays due (its reads are unset),
            // and so is everything else, so nothing waits in `deferred`.
            self.deferred.clear();
            return self.finish(kind, rendered, false, None, started);
        }
        for path in std::mem::take(&mut self.removals) {
            if !self.outputs.contains_key(&path) {
                let _ = self.folder.remove(&path);
            }
        }
        let urls = self.publish(&rendering, made);
        self.published = Some(rendering);
        self.finish(kind, rendered, true, urls, started)
    }

    /// Writes rendered outputs whose bytes differ from the served ones and
    /// records what they read. Returns the URL paths of the pages changed,
    /// or `None` when every page may have changed.
    fn publish(&mut self, rendering: &Rendering, made: Vec<Made>) -> Option<Vec<String>> {
        let written: Vec<(Made, u64, bool)> = made
            .into_par_iter()
            .map(|m| {
                let hash = Fingerprint::of_bytes(&m.bytes);
                let same = self.outputs.get(&m.path).and_then(|t| t.served) == Some(hash);
                let ok = same || self.folder.write(&m.path, &m.bytes).is_ok();
                (m, hash, ok && !same)
            })
            .collect();
        let mut memo = HashMap::new();
        let mut urls = Some(Vec::new());
        for (made, hash, changed) in written {
            let reads = fingerprints(rendering, made.reads, &mut memo);
            if let Some(tracked) = self.outputs.get_mut(&made.path) {
                match (&tracked.output.url_path, &mut urls) {
                    _ if !changed => {}
                    (Some(url_path), Some(urls)) => {
                        urls.push(format!("{}{url_path}", rendering.site.base_path));
                    }
                    // A stylesheet or script changed: every page may look different.
                    (None, _) if matches!(tracked.output.item, Item::File(_)) => urls = None,
                    _ => {}
                }
                tracked.served = Some(hash);
                tracked.reads = Some(reads);
            }
        }
        urls
    }

    fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.pipeline
            .problems()
            .chain(&self.placement)
            .chain(self.outputs.values().flat_map(|t| &t.problems))
            .filter(|d| d.is_error())
    }

    fn all_problems(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self
            .pipeline
            .problems()
            .chain(&self.placement)
            .chain(self.outputs.values().flat_map(|t| &t.problems))
            .cloned()
            .collect();
        all.sort_by(|a, b| {
            (a.severity, &a.file, a.position).cmp(&(b.severity, &b.file, b.position))
        });
        all.dedup();
        all
    }

    fn finish(
        &self,
        kind: &'static str,
        rendered: usize,
        published: bool,
        urls: Option<Vec<String>>,
        started: Instant,
    ) -> Outcome {
        Outcome {
            diagnostics: self.all_problems(),
            published,
            rendered,
            elapsed_ms: started.elapsed().as_secs_f64() * 1000.0,
            kind,
            urls,
        }
    }
}

/// Renders one output into memory, recording what it read.
fn render_one(rendering: &Rendering, output: &Output) -> (Option<Made>, Vec<Diagnostic>) {
    let recorder = Recorder::new();
    let ctx = rendering.ctx(Some(&recorder));
    let mut bytes = Vec::new();
    let mut problems = Vec::new();
    let made = match output.render(&ctx, &mut bytes, &mut problems) {
        Ok(()) => Some(bytes),
        Err(Failure::Problem(d)) => {
            problems.push(d);
            None
        }
        Err(Failure::Io(err)) => {
            problems.push(Diagnostic::error(&output.path, err.to_string()));
            None
        }
    };
    let made = made.map(|bytes| Made {
        path: output.path.clone(),
        bytes,
        reads: recorder.into_inputs(),
    });
    (made, problems)
}

/// Each read with its fingerprint in `rendering` now.
fn fingerprints(
    rendering: &Rendering,
    reads: Vec<Input>,
    memo: &mut HashMap<Input, Option<u64>>,
) -> Vec<(Input, Option<u64>)> {
    reads
        .into_iter()
        .map(|input| {
            let fp = fingerprint(rendering, &input, memo);
            (input, fp)
        })
        .collect()
}

/// The fingerprint of an input in `rendering`, memoised for one update.
fn fingerprint(
    rendering: &Rendering,
    input: &Input,
    memo: &mut HashMap<Input, Option<u64>>,
) -> Option<u64> {
    if let Some(&fp) = memo.get(input) {
        return fp;
    }
    let fp = match input {
        Input::Templates => Some(rendering.templates.fingerprint),
        Input::File(path) => file_fingerprint(path),
        other => rendering.ctx(None).view.fingerprint(other),
    };
    memo.insert(input.clone(), fp);
    fp
}

/// A copied file's contents, or for a large file (a site may hold big
/// images and PDFs, which are not read again on every edit) its size and
/// modification time. Small files are hashed because file systems stamp
/// times coarsely: two saves within a few milliseconds can share one.
fn file_fingerprint(path: &Path) -> Option<u64> {
    const READ_UP_TO: u64 = 1 << 20;
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() <= READ_UP_TO {
        return std::fs::read(path).ok().map(|b| Fingerprint::of_bytes(&b));
    }
    let mut h = Fingerprint::new();
    h.add(&meta.len());
    h.add(&meta.modified().ok());
    Some(h.finish())
}
