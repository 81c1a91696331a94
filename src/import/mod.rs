//! Data import: `careers import oews | projections | onet`.
//!
//! Reads the files that agencies publish and writes their figures into
//! profiles. [`oews`] (wages) and [`projections`] (outlook) replace one
//! front-matter block of each profile whose `soc` is in the files, editing
//! the file as text so that everything outside that block stays byte for
//! byte as it was; [`onet`] writes new draft profiles and never touches an
//! existing file. Every changed or new file is parsed again with the
//! content parser before anything is written, and files are written
//! atomically, so a run with any error writes nothing.
//!
//! This file owns what the three commands share: errors, the report, and
//! the one run of a block import ([`run_block_import`]: read the files,
//! settle the release, plan each profile's block, apply), which `oews` and
//! `projections` fill in through [`BlockImporter`]. Reading tables is
//! `table`, codes and figures `codes`, choosing areas `areas`, finding
//! profiles `profiles`, text edits `splice`, and checking, diffing and
//! writing `apply`. The content model's rules are not repeated here:
//! `content::parse` is asked.

mod apply;
mod areas;
mod codes;
pub mod oews;
pub mod onet;
mod profiles;
pub mod projections;
mod splice;
mod table;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

use apply::Change;
use areas::{AreaMap, FileAreas, Target};
use profiles::{Block, Profile};

pub use oews::OewsOptions;
pub use onet::OnetOptions;
pub use projections::ProjectionsOptions;
pub use table::CellRef;

/// Why an import could not be done. Data problems are collected in the
/// [`ImportReport`]; an `Err` of this type from a command means it could not
/// run at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The command was asked for something it cannot do (a missing file, an
    /// unknown file type, no content folder).
    #[error("{0}")]
    Usage(String),
    #[error("cannot read {}: {message}", path.display())]
    Read { path: PathBuf, message: String },
    /// A problem with a whole file or sheet (a missing column, no header).
    #[error("{}: {message}", path.display())]
    File { path: PathBuf, message: String },
    /// A problem with one cell of a data file.
    #[error("{at}: {message}")]
    Cell { at: CellRef, message: String },
    /// A problem in a profile or the areas file, with line and column.
    #[error("{}", .0.to_string().trim_end())]
    Content(Diagnostic),
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl ImportError {
    /// Usage errors exit with status 2, the others with 1.
    pub fn is_usage(&self) -> bool {
        matches!(self, ImportError::Usage(_))
    }

    /// The error as shown to the editor: `error: ...`, with the quoted line
    /// and hint for problems located in a file.
    pub fn shown(&self) -> String {
        match self {
            ImportError::Content(d) => d.to_string().trim_end().to_string(),
            other => format!("error: {other}"),
        }
    }
}

/// What a run found and did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// One line on what was read: files, release, occupations, areas.
    pub read: String,
    /// Profiles whose block was replaced (or new drafts, for O*NET).
    pub updated: Vec<PathBuf>,
    /// Profiles whose block came out exactly as it was.
    pub unchanged: Vec<PathBuf>,
    /// Profiles whose `soc` has no figures in the files, with the code.
    pub without_data: Vec<(PathBuf, String)>,
    /// Profiles with figures in the files whose block lists no areas to
    /// fill, in a run without an areas file, with the code.
    pub without_areas: Vec<(PathBuf, String)>,
    /// Detailed occupations in the files that no profile has: code and title.
    pub codes_without_profile: Vec<(String, String)>,
    /// Things worth knowing that do not stop the run.
    pub warnings: Vec<String>,
    /// Problems: any of them means nothing was written.
    pub errors: Vec<ImportError>,
    /// A unified diff of every change (filled in on a dry run).
    pub diff: String,
    pub dry_run: bool,
    /// "wages", "outlook" or "draft profiles": what the run writes.
    pub what: &'static str,
}

impl ImportReport {
    pub fn succeeded(&self) -> bool {
        self.errors.is_empty()
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.read.is_empty() {
            writeln!(f, "{}", self.read)?;
        }
        if !self.errors.is_empty() {
            return Ok(());
        }
        let drafts = self.what == "draft profiles";
        let verb = match (drafts, self.dry_run) {
            (true, false) => "Created",
            (true, true) => "Would create",
            (false, false) => "Updated",
            (false, true) => "Would update",
        };
        let noun = if drafts { "draft profile" } else { "profile" };
        let heading = format!("{verb} {}:", count(self.updated.len(), noun));
        list(f, &heading, &paths(&self.updated))?;
        if !drafts {
            let heading = format!("Unchanged: {}:", count(self.unchanged.len(), "profile"));
            list(f, &heading, &paths(&self.unchanged))?;
        }
        let without: Vec<String> = self
            .without_data
            .iter()
            .map(|(path, code)| format!("{} ({code})", path.display()))
            .collect();
        let label = if drafts {
            "Already with a profile"
        } else {
            "Without data in these files"
        };
        list(
            f,
            &format!("{label}: {}:", count(without.len(), "profile")),
            &without,
        )?;
        if !self.without_areas.is_empty() {
            // `what` is the block's key for the imports that fill one.
            let key = self.what;
            let each: Vec<String> = self
                .without_areas
                .iter()
                .map(|(path, code)| format!("{} ({code})", path.display()))
                .collect();
            let heading = format!(
                "Not filled, because their `{key}` block lists no areas and no --areas file was given: {}:",
                count(each.len(), "profile")
            );
            list(f, &heading, &each)?;
            writeln!(
                f,
                "  To fill them, give the areas to show with --areas AREAS.yaml (see \"Areas\" in docs/import.md), or list them in each profile's `{key}` block (`- area: Washington`) and import again."
            )?;
        }
        if !self.codes_without_profile.is_empty() {
            let each: Vec<String> = self
                .codes_without_profile
                .iter()
                .map(|(code, title)| format!("{code} {title}").trim_end().to_string())
                .collect();
            let heading = format!(
                "In the files but without a profile: {}:",
                count(each.len(), "occupation")
            );
            list(f, &heading, &each)?;
        }
        for warning in &self.warnings {
            writeln!(f, "warning: {warning}")?;
        }
        if self.dry_run {
            writeln!(f, "Dry run: nothing was written.")?;
        }
        Ok(())
    }
}

fn paths(paths: &[PathBuf]) -> Vec<String> {
    paths.iter().map(|p| p.display().to_string()).collect()
}

/// A heading and its items, one to a line; the colon is dropped when empty.
fn list(f: &mut fmt::Formatter<'_>, heading: &str, items: &[String]) -> fmt::Result {
    if items.is_empty() {
        return writeln!(f, "{}", heading.trim_end_matches(':'));
    }
    writeln!(f, "{heading}")?;
    for item in items {
        writeln!(f, "  {item}")?;
    }
    Ok(())
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Every data file named on the command line must be there.
fn check_files(files: &[PathBuf]) -> Result<(), ImportError> {
    if files.is_empty() {
        return Err(ImportError::Usage(
            "name at least one file to import".into(),
        ));
    }
    for file in files {
        if !file.is_file() {
            return Err(ImportError::Usage(format!(
                "there is no file {}",
                file.display()
            )));
        }
        table::check_extension(file)?;
    }
    Ok(())
}

/// Reads `--areas` when given; its problems go to the report.
fn load_area_map(
    path: Option<&Path>,
    report: &mut ImportReport,
) -> Result<Option<AreaMap>, ImportError> {
    let Some(path) = path else {
        return Ok(None);
    };
    if !path.is_file() {
        return Err(ImportError::Usage(format!(
            "there is no areas file {}",
            path.display()
        )));
    }
    match areas::load_map(path) {
        Ok(map) => Ok(Some(map)),
        Err(errors) => {
            report.errors.extend(errors);
            Ok(None)
        }
    }
}

/// What one profile gets from the files.
pub(crate) enum Planned {
    /// The new block, as YAML text ending in a line break.
    Block(String),
    /// Its occupation has no figures for any of its areas.
    NoData,
}

/// The first lines of an area's entry in a block.
fn area_lines(target: &Target) -> String {
    let mut text = format!("    - area: {}\n", splice::scalar(&target.name));
    if let Some(within) = &target.within {
        text.push_str(&format!("      within: {}\n", splice::scalar(within)));
    }
    text
}

/// What `oews` and `projections` share on the command line.
pub(crate) struct BlockOptions<'a> {
    pub root: &'a Path,
    pub files: &'a [PathBuf],
    pub areas: Option<&'a Path>,
    pub dry_run: bool,
    pub source: Option<&'a str>,
}

/// What the data files hold, as far as the shared run needs it.
pub(crate) struct Found<'a> {
    pub areas: &'a FileAreas,
    /// Every occupation with figures.
    pub codes: &'a BTreeSet<String>,
    /// The detailed occupations among them (not groups or totals), with
    /// their titles.
    pub detailed: &'a BTreeMap<String, String>,
}

/// One kind of block import: what `oews` (wages) and `projections`
/// (outlook) fill in of [`run_block_import`].
pub(crate) trait BlockImporter {
    /// What is settled for the whole run once every file is read: the
    /// release of OEWS files, the period of projections.
    type Release;
    const BLOCK: Block;

    /// Reads one data file into what this importer holds.
    fn read_file(&mut self, path: &Path) -> Result<(), Vec<ImportError>>;
    /// The release of all the files read (or given on the command line);
    /// `None` after reporting why there is none.
    fn release(&self, report: &mut ImportReport) -> Option<Self::Release>;
    /// The release as the report's first line names it.
    fn label(release: &Self::Release) -> String;
    /// The block's `source` when the command line gives none.
    fn default_source(&self) -> String;
    fn found(&self) -> Found<'_>;
    /// A profile's new block, given the rows its table gets.
    fn plan(
        &self,
        release: &Self::Release,
        source: &str,
        profile: &Profile,
        targets: &[Target],
    ) -> Planned;
}

/// The run of `oews` and `projections`: read every file, settle the
/// release, then, for each profile whose `soc` is in the files, choose its
/// areas, plan the new block and splice it in; finally check every change
/// and write them (or show them, on a dry run). `Err` only when the
/// command cannot run at all; data problems are in the report's errors,
/// and then nothing was written.
pub(crate) fn run_block_import<I: BlockImporter>(
    options: &BlockOptions,
    mut importer: I,
) -> Result<ImportReport, ImportError> {
    check_files(options.files)?;
    let mut report = ImportReport {
        what: I::BLOCK.key(),
        dry_run: options.dry_run,
        ..Default::default()
    };
    let map = load_area_map(options.areas, &mut report)?;
    for file in options.files {
        if let Err(errors) = importer.read_file(file) {
            report.errors.extend(errors);
        }
    }
    let release = importer.release(&mut report);
    let Some(release) = release.filter(|_| report.errors.is_empty()) else {
        return Ok(report);
    };
    let source = options
        .source
        .map_or_else(|| importer.default_source(), str::to_string);
    let found = importer.found();
    report.read = format!(
        "Read {} ({}): {} in {}.",
        count(options.files.len(), "file"),
        I::label(&release),
        count(found.codes.len(), "occupation"),
        count(found.areas.len(), "area"),
    );
    let plan =
        |profile: &Profile, targets: &[Target]| importer.plan(&release, &source, profile, targets);
    apply_plans(
        options.root,
        I::BLOCK,
        map.as_ref(),
        &found,
        &mut report,
        plan,
    )?;
    Ok(report)
}

/// For each profile whose `soc` is in the files, choose its areas, ask
/// `plan` for the new block, splice it in, then check, and write or diff,
/// every change.
fn apply_plans(
    root: &Path,
    block: Block,
    map: Option<&AreaMap>,
    data: &Found,
    report: &mut ImportReport,
    plan: impl Fn(&Profile, &[Target]) -> Planned,
) -> Result<(), ImportError> {
    let (found, codes) = (data.areas, data.codes);
    let site = profiles::load(root)?;
    report.warnings.extend(site.warnings.iter().cloned());
    let mapped = match map.map(|m| areas::from_map(m, found)) {
        Some(Err(errors)) => {
            report.errors.extend(errors);
            return Ok(());
        }
        other => other.and_then(Result::ok),
    };
    let mut changes = Vec::new();
    for profile in &site.profiles {
        let code = || (profile.display().to_path_buf(), profile.soc().to_string());
        if !codes.contains(profile.soc()) {
            report.without_data.push(code());
            continue;
        }
        let targets = match &mapped {
            Some(targets) => targets.clone(),
            None => match areas::from_profile(profile, block, found) {
                Ok(targets) if targets.is_empty() => {
                    report.without_areas.push(code());
                    continue;
                }
                Ok(targets) => targets,
                Err(errors) => {
                    report.errors.extend(errors);
                    continue;
                }
            },
        };
        match plan(profile, &targets) {
            Planned::Block(text) if !targets.is_empty() => {
                edit(profile, block, &text, report, &mut changes)
            }
            _ => report.without_data.push(code()),
        }
    }
    let with_profile: HashSet<&str> = site.profiles.iter().map(Profile::soc).collect();
    report.codes_without_profile = data
        .detailed
        .iter()
        .filter(|(code, _)| !with_profile.contains(code.as_str()))
        .map(|(code, title)| (code.clone(), title.clone()))
        .collect();
    finish(&changes, report);
    Ok(())
}

fn edit(
    profile: &Profile,
    block: Block,
    text: &str,
    report: &mut ImportReport,
    changes: &mut Vec<Change>,
) {
    let source = &profile.on_disk;
    let display = profile.display().to_path_buf();
    match splice::replace_block(source, block.key(), text) {
        None => report.errors.push(ImportError::File {
            path: display,
            message: "the file has no front matter to put the figures in".into(),
        }),
        Some(after) if after == *source => report.unchanged.push(display),
        Some(after) => {
            for (line, comment) in splice::comments_in_block(source, block.key()) {
                report.warnings.push(format!(
                    "{}:{line}: the comment `{comment}` is inside the `{key}` block, which the import replaces, so it is dropped; to keep it, add it again above `{key}:`",
                    display.display(),
                    comment = codes::abbreviated(&comment),
                    key = block.key(),
                ));
            }
            report.updated.push(display.clone());
            changes.push(Change {
                path: profile.path.clone(),
                display,
                rel_path: profile.page.rel_path.clone(),
                before: Some(source.clone()),
                after,
                bom: profile.bom,
            });
        }
    }
}

/// Checks every change, then shows (dry run) or writes them, only when no
/// error was found anywhere in the run.
fn finish(changes: &[Change], report: &mut ImportReport) {
    for change in changes {
        apply::check(change, &mut report.errors, &mut report.warnings);
    }
    if !report.errors.is_empty() {
        return;
    }
    if report.dry_run {
        report.diff = apply::diff(changes);
    } else if let Err(err) = apply::write_all(changes) {
        report.errors.push(err);
    }
}
