//! Command-line arguments and dispatch. Nothing here knows how a site is
//! built; it turns flags into options, calls the library and prints the
//! report. `anyhow` is used here only, at the binary's edge.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use careers::build::{self, BuildError, BuildOptions};
use careers::{check, scaffold};

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
    /// Check the site without writing anything.
    ///
    /// Runs every validation, renders every page and template (a broken
    /// template fails here too), checks that every internal link and #anchor
    /// resolves, lists editor notes with the review dates read from them, and
    /// flags reviews older than review_after_months. Nothing touches the
    /// network unless --external is given.
    ///
    /// Exit status: 0 with no errors (warnings allowed), 1 with errors, 2 on
    /// usage errors.
    Check(CheckArgs),
    /// Start a new occupation profile in content/SLUG.md.
    ///
    /// The file has every front-matter key (optional ones commented out) and
    /// the usual sections, each with a one-line hint. It never overwrites a file.
    New(NewArgs),
    /// Create a new site in DIR that builds at once.
    ///
    /// Writes site.yaml, content/_index.md, an about page and one example
    /// profile. DIR must not exist or be empty.
    Init(InitArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Also fetch every external link (HEAD, then GET) and report its status.
    #[arg(long)]
    pub external: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Seconds to wait for each external link.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub timeout: u64,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The file name and URL part: lower-case letters, digits and hyphens.
    pub slug: String,
    /// The occupation's title [default: from the slug].
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// The SOC code, NN-NNNN.
    #[arg(long, value_name = "CODE")]
    pub soc: Option<String>,
    /// The site folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the site in.
    pub dir: PathBuf,
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
        Command::Check(args) => run_check(args),
        Command::New(args) => run_new(args),
        Command::Init(args) => run_init(args),
    }
}

fn run_check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let options = check::CheckOptions {
        root: args.root,
        include_drafts: args.drafts,
        external: args.external,
        limits: check::external::Limits {
            timeout: std::time::Duration::from_secs(args.timeout),
            ..Default::default()
        },
        today: jiff::Zoned::now().date(),
    };
    let report = match check::check(&options) {
        Ok(report) => report,
        Err(err) => {
            eprintln!("error: {err}");
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    match args.format {
        Format::Human => print!("{}", check::report::human(&report)),
        Format::Json => println!("{}", check::report::json(&report)),
    }
    Ok(if report.errors > 0 {
        ExitCode::from(EXIT_CONTENT_ERRORS)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_new(args: NewArgs) -> anyhow::Result<ExitCode> {
    let spec = scaffold::NewProfile {
        slug: args.slug,
        title: args.title,
        soc: args.soc,
    };
    match scaffold::new_profile(&args.root, &spec) {
        Ok(path) => {
            println!("Created {}", shown(&path));
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            eprintln!("error: {err}");
            Ok(ExitCode::from(EXIT_USAGE))
        }
    }
}

fn run_init(args: InitArgs) -> anyhow::Result<ExitCode> {
    match scaffold::init(&args.dir) {
        Ok(files) => {
            for file in files {
                println!("Created {}", shown(&file));
            }
            println!("Build it with: careers build --root {}", shown(&args.dir));
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            eprintln!("error: {err}");
            Ok(ExitCode::from(EXIT_USAGE))
        }
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
