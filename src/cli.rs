//! Command-line arguments and dispatch. Nothing here knows how a site is
//! built; it turns flags into options, calls the library and prints the
//! report. `anyhow` is used here only, at the binary's edge.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use careers::build::{self, BuildError, BuildOptions};

pub const EXIT_CONTENT_ERRORS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// A static site generator for career profiles.
///
/// Editors write one Markdown file per occupation in content/; `careers build`
/// turns them into a static site in output/.
#[derive(Debug, Parser)]
#[command(name = "careers", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site from content/ into output/.
    ///
    /// The build writes into a staging folder and replaces the output folder
    /// only when the whole build succeeded: a build with errors leaves the
    /// previous output exactly as it was.
    ///
    /// Exit status: 0 on success (warnings allowed), 1 when the content has
    /// errors, 2 on usage errors.
    Build(BuildArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder (holding content/, and optionally site.yaml, themes/, templates/, static/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: ROOT/output].
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Publish for this address instead of site.yaml's base_url (its path part is honoured).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Print how long each stage took.
    #[arg(long, short)]
    pub verbose: bool,
    /// Print errors only.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build(args) => run_build(args),
    }
}

fn run_build(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let options = BuildOptions {
        root: args.root.clone(),
        output: args.output.clone(),
        include_drafts: args.drafts,
        base_url: args.base_url.clone(),
    };
    let report = match build::build(&options) {
        Ok(report) => report,
        Err(err @ (BuildError::UnsafeOutput(_) | BuildError::NoContent(_))) => {
            eprintln!("error: {err}");
            return Ok(ExitCode::from(EXIT_USAGE));
        }
        Err(err) => {
            eprintln!("error: {err}");
            return Ok(ExitCode::from(EXIT_CONTENT_ERRORS));
        }
    };
    let mut stderr = std::io::stderr().lock();
    for d in &report.diagnostics {
        if d.is_error() || !args.quiet {
            let _ = writeln!(stderr, "{d}");
        }
    }
    if args.verbose {
        for (stage, time) in &report.timings {
            let _ = writeln!(
                stderr,
                "  {stage:<14} {:>8.1} ms",
                time.as_secs_f64() * 1000.0
            );
        }
    }
    let errors = report.error_count();
    let warnings = report.diagnostics.len() - errors;
    if report.succeeded() {
        if !args.quiet {
            let _ = writeln!(
                stderr,
                "Built {} files into {} ({})",
                report.files_written,
                shown(&report.output),
                count(warnings, "warning")
            );
        }
        Ok(ExitCode::SUCCESS)
    } else {
        let _ = writeln!(
            stderr,
            "Build failed: {}, {}. {} was left unchanged.",
            count(errors, "error"),
            count(warnings, "warning"),
            shown(&report.output)
        );
        Ok(ExitCode::from(EXIT_CONTENT_ERRORS))
    }
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// A path as the user would type it: `output`, not `./output`.
fn shown(path: &std::path::Path) -> String {
    let text = path.display().to_string();
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}
