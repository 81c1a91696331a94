//! Build orchestration: load → parse → resolve → render → write.
//!
//! This is the one place that runs the pipeline end to end, in the order
//! `docs/architecture.md` describes. Each stage reports into one
//! [`Diagnostics`] collector and the run goes on, so a single build lists
//! every problem; the output is swapped in only when there were no errors.
//! The stages themselves live in `content`, `site`, `render` and `output`.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{self, Layout, SiteConfig};
use crate::content::{self, Page};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{self, Staging};
use crate::render::{self, context::SiteContext, Templates};
use crate::site::{self, Site};

/// What `careers build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `ROOT/output`.
    pub output: Option<PathBuf>,
    pub include_drafts: bool,
    /// Replaces `base_url` from `site.yaml`.
    pub base_url: Option<String>,
}

/// What a finished build found and did.
#[derive(Debug)]
pub struct BuildReport {
    pub diagnostics: Vec<Diagnostic>,
    /// Files written, or 0 when the build failed and nothing was published.
    pub files_written: usize,
    pub output: PathBuf,
    pub timings: Vec<Lap>,
}

impl BuildReport {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn succeeded(&self) -> bool {
        self.error_count() == 0
    }
}

/// Failures that are not about the content: the build could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("refusing to build: {0}")]
    UnsafeOutput(String),
    #[error("there is no content folder at {0}")]
    NoContent(PathBuf),
    #[error("cannot write the output folder {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A loaded and resolved site with its compiled templates: everything
/// needed to render any page. Shared by `build` and, later, `check` and `serve`.
pub struct Prepared {
    pub layout: Layout,
    pub site: Site,
    pub templates: Option<Templates>,
}

/// Runs load, parse and resolve, and compiles the templates.
pub fn prepare(
    options: &BuildOptions,
    diagnostics: &Diagnostics,
    timer: &mut Timer,
) -> Result<Prepared, BuildError> {
    let (mut config, config_problems) = config::load(&options.root);
    diagnostics.extend(config_problems);
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.clone();
    }
    let layout = Layout::new(&options.root, options.output.as_deref(), &config.theme);
    if !layout.content.is_dir() {
        return Err(BuildError::NoContent(layout.content.clone()));
    }
    if let Some(reason) =
        output::unsafe_output_reason(&layout.output, &layout.root, &layout.content)
    {
        return Err(BuildError::UnsafeOutput(reason));
    }
    let loaded = content::load(&layout.root, &layout.content, diagnostics);
    timer.lap("load");
    let (pages, unparsed) = parse_all(loaded.pages, diagnostics);
    timer.lap("parse");
    let site = resolve(
        config,
        pages,
        loaded.assets,
        unparsed,
        options.include_drafts,
        diagnostics,
    );
    timer.lap("resolve");
    let templates = match Templates::load(&layout, &SiteContext::new(&site)) {
        Ok(t) => Some(t),
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    };
    timer.lap("templates");
    Ok(Prepared {
        layout,
        site,
        templates,
    })
}

fn parse_all(
    files: Vec<content::SourceFile>,
    diagnostics: &Diagnostics,
) -> (Vec<Page>, HashSet<String>) {
    let results: Vec<(String, Option<Page>)> = files
        .into_par_iter()
        .map(|file| {
            let rel_path = file.rel_path.clone();
            let mut problems = Vec::new();
            let page = content::parse(file, &mut problems);
            diagnostics.extend(problems);
            (rel_path, page)
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut unparsed = HashSet::new();
    for (rel_path, page) in results {
        match page {
            Some(page) => pages.push(page),
            None => {
                unparsed.insert(rel_path);
            }
        }
    }
    (pages, unparsed)
}

fn resolve(
    config: SiteConfig,
    pages: Vec<Page>,
    assets: Vec<content::Asset>,
    unparsed: HashSet<String>,
    drafts: bool,
    diagnostics: &Diagnostics,
) -> Site {
    let mut problems = Vec::new();
    let site = site::resolve(config, pages, assets, unparsed, drafts, &mut problems);
    diagnostics.extend(problems);
    site
}

/// Builds the site. Content problems are in the report; `Err` means the
/// build could not run or could not write.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let diagnostics = Diagnostics::new();
    let mut timer = Timer::start();
    let prepared = prepare(options, &diagnostics, &mut timer)?;
    let output = prepared.layout.output.clone();
    let write_error = |source| BuildError::Write {
        path: output.clone(),
        source,
    };
    let staging = Staging::create(&output).map_err(write_error)?;
    let written = match &prepared.templates {
        Some(templates) => {
            write_site(&prepared, templates, &staging, &diagnostics).map_err(write_error)?
        }
        None => 0,
    };
    timer.lap("render+write");
    let files_written = if diagnostics.has_errors() {
        drop(staging);
        0
    } else {
        staging.commit().map_err(write_error)?;
        written
    };
    timer.lap("swap");
    // Freeing a large site takes a noticeable moment (about 0.3 s at
    // 10,000 profiles) that nobody needs to wait for: free it on another
    // thread, which a finishing `careers build` simply does not wait for.
    std::thread::spawn(move || drop(prepared));
    Ok(BuildReport {
        diagnostics: diagnostics.into_sorted(),
        files_written,
        output,
        timings: timer.laps,
    })
}

/// Renders every output in parallel, writing each as soon as it is ready
/// so the rendered site is never held in memory whole. Returns the number
/// of files written.
fn write_site(
    prepared: &Prepared,
    templates: &Templates,
    staging: &Staging,
    diagnostics: &Diagnostics,
) -> std::io::Result<usize> {
    let site = &prepared.site;
    // Long single jobs first (the large data files, then the pages that
    // list every profile), profile pages last: a long job started last
    // would leave the other cores idle at the end.
    let mut outputs = render::outputs(site, templates);
    outputs.sort_by_key(|&output| match output {
        _ if render::is_large_data(output) => 0,
        render::Output::Page(_) => 2,
        _ => 1,
    });
    let rendered: std::io::Result<Vec<usize>> = outputs
        .into_par_iter()
        .map(|output| {
            if render::is_large_data(output) {
                return stream_data(site, output, staging, diagnostics);
            }
            let mut problems = Vec::new();
            let rendered = render::render(site, templates, output, &mut problems);
            diagnostics.extend(problems);
            match rendered {
                Some(file) => staging.write(&file.path, file.html.as_bytes()).map(|_| 1),
                None => Ok(0),
            }
        })
        .collect();
    let mut written: usize = rendered?.into_iter().sum();
    for (source, rel_path) in copied_files(&prepared.layout, site) {
        match source {
            FileSource::Disk(path) => staging.copy_file(&path, &rel_path)?,
            FileSource::BuiltIn(contents) => staging.write(&rel_path, contents.as_bytes())?,
        }
        written += 1;
    }
    Ok(written)
}

/// Writes a large data file straight into the staging folder.
fn stream_data(
    site: &Site,
    output: render::Output,
    staging: &Staging,
    diagnostics: &Diagnostics,
) -> std::io::Result<usize> {
    let file = staging.create_file(&render::output_path(site, output))?;
    let mut writer = std::io::BufWriter::with_capacity(1 << 16, file);
    if let Err(problem) = render::write_large_data(site, output, &mut writer) {
        diagnostics.push(problem);
        return Ok(0);
    }
    writer.flush()?;
    Ok(1)
}

/// Where a published file comes from.
#[derive(Debug, Clone)]
pub enum FileSource {
    Disk(PathBuf),
    /// A file of a theme built into the binary.
    BuiltIn(&'static str),
}

/// Files published as they are, with their paths in the output: the theme's
/// `static/`, then the site's `static/` (replacing theme files of the same
/// name) under `static/`, and the non-Markdown files of `content/`.
pub fn copied_files(layout: &Layout, site: &Site) -> Vec<(FileSource, String)> {
    let mut files = std::collections::BTreeMap::new();
    if !layout.theme.is_dir() {
        for file in crate::theme::built_in(&layout.theme_name).unwrap_or_default() {
            if file.path.starts_with("static/") {
                files.insert(file.path.to_string(), FileSource::BuiltIn(file.contents));
            }
        }
    }
    for dir in [layout.theme.join("static"), layout.static_dir.clone()] {
        for entry in walkdir::WalkDir::new(&dir).into_iter().flatten() {
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            if entry.file_type().is_file() && !rel.split('/').any(|p| p.starts_with('.')) {
                files.insert(format!("static/{rel}"), FileSource::Disk(entry.into_path()));
            }
        }
    }
    for asset in &site.assets {
        files.insert(
            asset.rel_path.clone(),
            FileSource::Disk(asset.source.clone()),
        );
    }
    files
        .into_iter()
        .map(|(rel, source)| (source, rel))
        .collect()
}

/// Per-stage wall times and memory, printed with `--verbose`.
pub struct Timer {
    last: Instant,
    pub laps: Vec<Lap>,
}

/// One stage of a build: how long it took and the memory in use at its end.
#[derive(Debug, Clone)]
pub struct Lap {
    pub stage: &'static str,
    pub time: Duration,
    pub memory: Option<Memory>,
}

/// The process's resident memory, in bytes: now and the most so far.
#[derive(Debug, Clone, Copy)]
pub struct Memory {
    pub resident: u64,
    pub peak: u64,
}

impl Memory {
    /// Read from `/proc/self/status` (Linux); `None` where there is none.
    /// Printing it per stage shows which stage holds the memory, which a
    /// whole-process peak cannot.
    pub fn now() -> Option<Memory> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let kib = |key: &str| -> Option<u64> {
            let line = status.lines().find(|l| l.starts_with(key))?;
            let number = line[key.len()..].trim().trim_end_matches("kB").trim();
            number.parse::<u64>().ok().map(|n| n * 1024)
        };
        Some(Memory {
            resident: kib("VmRSS:")?,
            peak: kib("VmHWM:")?,
        })
    }
}

impl Timer {
    pub fn start() -> Self {
        Timer {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    pub fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push(Lap {
            stage,
            time: now - self.last,
            memory: Memory::now(),
        });
        self.last = now;
    }
}

/// The root a command runs on: the given folder or the current one.
pub fn root_or_current(root: Option<&Path>) -> PathBuf {
    root.map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}
