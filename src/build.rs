//! `careers build`: the [pipeline](crate::pipeline) once, then every output
//! rendered and written.
//!
//! Every stage reports its problems and the run goes on, so a single build
//! lists every problem; the output is swapped in only when there were no
//! errors. The stages themselves live in `pipeline`, `content`, `site`,
//! `render` and `output`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::{self, OutputFolder, Staging};
use crate::pipeline::Pipeline;
use crate::render::{self, collisions, Failure, Rendering};

/// What `careers build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `ROOT/output`.
    pub output: Option<PathBuf>,
    pub include_drafts: bool,
    /// Replaces `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Build into an output folder that is not empty and was not written
    /// by careers, replacing what is in it (`--force`).
    pub force: bool,
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
    UnsafeOutput(#[from] output::Refusal),
    #[error("there is no content folder at {0}")]
    NoContent(PathBuf),
    #[error("cannot write the output folder {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Builds the site. Content problems are in the report; `Err` means the
/// build could not run or could not write.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let diagnostics = Diagnostics::new();
    let mut timer = Timer::start();
    let pipeline = Pipeline::new(options, &mut timer)?;
    let layout = pipeline.layout();
    // Judged before anything is written: a refused build touches nothing.
    let folder = OutputFolder::claim(layout, &pipeline.site().config.keep, options.force)?;
    diagnostics.extend(pipeline.problems().cloned());
    let output = layout.output.clone();
    let write_error = |source| BuildError::Write {
        path: output.clone(),
        source,
    };
    let staging = folder.stage().map_err(write_error)?;
    let written = match pipeline.rendering() {
        Some(rendering) => write_site(rendering, &staging, &diagnostics).map_err(write_error)?,
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
    std::thread::spawn(move || drop(pipeline));
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
    rendering: &Rendering,
    staging: &Staging,
    diagnostics: &Diagnostics,
) -> std::io::Result<usize> {
    let ctx = rendering.ctx(None);
    let mut outputs = render::outputs(&ctx);
    // Outputs whose paths collide are rendered (their own problems are
    // reported too) but not written: two writers of one path would
    // overwrite each other, or fail with "File exists".
    let placed = collisions::check(&ctx, &outputs);
    diagnostics.extend(placed.problems);
    // Long single jobs first (the large data files, then the pages that
    // list every profile), content pages last: a long job started last
    // would leave the other cores idle at the end.
    outputs.sort_by_key(|output| match output {
        _ if output.kind.streamed => 0,
        _ if output.page().is_some() => 2,
        _ => 1,
    });
    let written: std::io::Result<Vec<usize>> = outputs
        .into_par_iter()
        .map(|output| {
            let mut writer: std::io::BufWriter<Box<dyn Write>> =
                match placed.refused.contains(&output.path) {
                    true => std::io::BufWriter::new(Box::new(std::io::sink())),
                    false => std::io::BufWriter::with_capacity(
                        1 << 16,
                        Box::new(staging.create_file(&output.path)?),
                    ),
                };
            let mut problems = Vec::new();
            let result = output.render(&ctx, &mut writer, &mut problems);
            diagnostics.extend(problems);
            match result {
                Ok(()) => writer.flush().map(|()| 1),
                Err(Failure::Problem(problem)) => {
                    diagnostics.push(problem);
                    Ok(0)
                }
                Err(Failure::Io(err)) => Err(err),
            }
        })
        .collect();
    Ok(written?.into_iter().sum())
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
            let line = status.lines().find_map(|l| l.strip_prefix(key))?;
            let number = line.trim().trim_end_matches("kB").trim();
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
