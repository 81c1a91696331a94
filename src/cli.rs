//! Command-line arguments and dispatch. Nothing here knows how a site is
//! built; it turns flags into options, calls the library and prints the
//! report. `anyhow` is used here only, at the binary's edge.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use careers::build::{self, BuildError, BuildOptions};
use careers::{check, scaffold, serve};

/// `print!` and friends through [`careers::console`]: a closed pipe ends
/// the program quietly instead of panicking, and control characters in
/// names and text are escaped before they reach the terminal.
macro_rules! out {
    ($($arg:tt)*) => { careers::console::out(format_args!($($arg)*)) };
}
macro_rules! outln {
    ($($arg:tt)*) => { careers::console::outln(format_args!($($arg)*)) };
}
macro_rules! err {
    ($($arg:tt)*) => { careers::console::err(format_args!($($arg)*)) };
}
macro_rules! errln {
    ($($arg:tt)*) => { careers::console::errln(format_args!($($arg)*)) };
}
pub(crate) use errln;

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
    /// previous output exactly as it was. The output folder is careers' own:
    /// each build leaves a `.careers-output` file in it, and a folder that is
    /// not empty and lacks that file is refused unless --force is given. Names
    /// starting with `.` and those under `keep:` in site.yaml are kept.
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
    /// Preview the site: build it, serve it over HTTP and rebuild on save.
    ///
    /// Open pages reload themselves after each rebuild. A rebuild with
    /// errors keeps serving the last good version and shows the errors over
    /// every page. The preview is built in a temporary folder; output/ is
    /// never touched. Stop with Ctrl-C.
    Serve(ServeArgs),
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
    /// Import published data into profiles.
    ///
    /// `oews` and `projections` replace the `wages` or `outlook` block of
    /// every profile whose soc is in the files, and nothing else in them;
    /// `onet` writes draft profiles for occupations that have none. Every
    /// change is checked before anything is written, so a run with errors
    /// writes nothing; --dry-run shows the changes as a diff instead.
    ///
    /// Exit status: 0 on success, 1 when the data or profiles have errors,
    /// 2 on usage errors.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Print the JSON Schema of the front matter or of site.yaml, for editors.
    ///
    /// The schemas are made from the types the build reads, with each key's
    /// description, the allowed values and patterns, and examples. With
    /// --output DIR both files (front-matter.schema.json, site.schema.json)
    /// are written there; a file of that name careers did not write is
    /// never replaced.
    Schema(SchemaArgs),
    /// Run the language server for editors, over stdin and stdout.
    ///
    /// For the Markdown files of content/ and for site.yaml: the build's
    /// own errors and warnings as the editor types (also those that need
    /// the whole site, such as a related profile that does not exist),
    /// completion of keys and values, documentation on hover and go to
    /// definition on related profiles. Drafts are read. See docs/editors.md.
    Lsp(LspArgs),
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Wages from BLS OEWS files (.xlsx or .csv) into each profile's `wages` block.
    ///
    /// Without --areas, each profile keeps the areas it has, matched to the
    /// files' areas by name. The release (as_of) is read from the file names,
    /// such as national_M2023_dl.xlsx.
    Oews(OewsArgs),
    /// Outlook from BLS and state employment projections into each profile's `outlook` block.
    ///
    /// Reads the BLS occupation table (occupation.xlsx or its CSV export) and
    /// state long-term projection tables; the period is read from the headers.
    Projections(ProjectionsArgs),
    /// Draft profiles from the O*NET database's text files, for occupations without a profile.
    Onet(OnetArgs),
}

/// Options that `import oews` and `import projections` share.
#[derive(Debug, Args)]
pub struct ImportCommon {
    /// The site folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// A YAML file mapping the files' area codes to the site's area names, in the order shown.
    #[arg(long, value_name = "AREAS.yaml")]
    pub areas: Option<PathBuf>,
    /// Show the changes as a unified diff and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The `source` to write [default: the agency and program of the files].
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
}

#[derive(Debug, Args)]
pub struct OewsArgs {
    /// OEWS files: national, state, metropolitan or all-data tables.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub common: ImportCommon,
    /// The release, such as "May 2023", when the file names do not say it (it also sets the top-coding threshold).
    #[arg(long, value_name = "TEXT")]
    pub as_of: Option<String>,
}

#[derive(Debug, Args)]
pub struct ProjectionsArgs {
    /// Projection tables: the BLS occupation table and state long-term tables.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub common: ImportCommon,
    /// The period to write, such as 2023-2033, when the files cover different ones.
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
}

#[derive(Debug, Args)]
pub struct OnetArgs {
    /// The folder of the O*NET database's text files (such as db_29_1_text).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The site folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Only these occupations: SOC or O*NET-SOC codes, separated by commas.
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Show the new files as a diff and write nothing.
    #[arg(long)]
    pub dry_run: bool,
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
pub struct ServeArgs {
    /// The site folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// The port to listen on (0 picks a free one).
    #[arg(long, value_name = "N", default_value_t = 4321)]
    pub port: u16,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
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
pub struct SchemaArgs {
    /// Which schema: front-matter or site [default: front-matter; with --output, both].
    #[arg(value_enum)]
    pub which: Option<SchemaKind>,
    /// Write the schema files into this folder instead of printing.
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// The site folder [default: the editor's workspace folder].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Accepted for editors that pass it; the server always talks over stdio.
    #[arg(long, hide = true)]
    pub stdio: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum SchemaKind {
    FrontMatter,
    Site,
}

impl From<SchemaKind> for careers::schema::Which {
    fn from(kind: SchemaKind) -> Self {
        match kind {
            SchemaKind::FrontMatter => careers::schema::Which::FrontMatter,
            SchemaKind::Site => careers::schema::Which::Site,
        }
    }
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
    /// Print how long each stage took and the memory in use after it.
    #[arg(long, short)]
    pub verbose: bool,
    /// Print errors only.
    #[arg(long, short)]
    pub quiet: bool,
    /// Build into an output folder that is not empty and was not written by
    /// careers, replacing its contents (names starting with `.` and those
    /// under `keep:` in site.yaml are kept).
    #[arg(long)]
    pub force: bool,
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build(args) => run_build(args),
        Command::Check(args) => run_check(args),
        Command::Serve(args) => run_serve(args),
        Command::New(args) => run_new(args),
        Command::Init(args) => run_init(args),
        Command::Import(command) => Ok(run_import(command)),
        Command::Schema(args) => run_schema(args),
        Command::Lsp(args) => {
            careers::lsp::run(args.root)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn run_schema(args: SchemaArgs) -> anyhow::Result<ExitCode> {
    use careers::schema::{self, Which};
    let Some(dir) = args.output else {
        let which = args.which.map_or(Which::FrontMatter, Which::from);
        out!("{}", which.text());
        return Ok(ExitCode::SUCCESS);
    };
    let which = args.which.map_or(Which::ALL.to_vec(), |w| vec![w.into()]);
    match schema::write(&dir, &which) {
        Ok(files) => {
            for file in files {
                outln!("Wrote {}", shown(&file));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            errln!("error: {err}");
            Ok(ExitCode::from(EXIT_USAGE))
        }
    }
}

fn run_import(command: ImportCommand) -> ExitCode {
    use careers::import::{self, OewsOptions, OnetOptions, ProjectionsOptions};
    let result = match command {
        ImportCommand::Oews(args) => import::oews::import(&OewsOptions {
            root: args.common.root,
            files: args.files,
            areas: args.common.areas,
            dry_run: args.common.dry_run,
            as_of: args.as_of,
            source: args.common.source,
        }),
        ImportCommand::Projections(args) => import::projections::import(&ProjectionsOptions {
            root: args.common.root,
            files: args.files,
            areas: args.common.areas,
            dry_run: args.common.dry_run,
            period: args.period,
            source: args.common.source,
        }),
        ImportCommand::Onet(args) => import::onet::import(&OnetOptions {
            root: args.root,
            dir: args.dir,
            only: args.only,
            dry_run: args.dry_run,
        }),
    };
    let report = match result {
        Ok(report) => report,
        Err(err) => {
            errln!("{}", err.shown());
            let code = if err.is_usage() {
                EXIT_USAGE
            } else {
                EXIT_CONTENT_ERRORS
            };
            return ExitCode::from(code);
        }
    };
    out!("{}", report.diff);
    for err in &report.errors {
        errln!("{}\n", err.shown());
    }
    err!("{report}");
    if report.succeeded() {
        return ExitCode::SUCCESS;
    }
    errln!(
        "Import failed: {}. Nothing was written.",
        count(report.errors.len(), "error")
    );
    ExitCode::from(EXIT_CONTENT_ERRORS)
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
            errln!("error: {err}");
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    match args.format {
        Format::Human => out!("{}", check::report::human(&report)),
        Format::Json => outln!("{}", check::report::json(&report)),
    }
    Ok(if report.errors > 0 {
        ExitCode::from(EXIT_CONTENT_ERRORS)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let options = serve::ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
        include_drafts: args.drafts,
    };
    let ready = |address: std::net::SocketAddr| {
        outln!("Serving on http://{address}/ (Ctrl-C to stop)");
    };
    match serve::serve(&options, ready) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(err @ serve::ServeError::Build(_)) => {
            errln!("error: {err}");
            Ok(ExitCode::from(EXIT_USAGE))
        }
        Err(err) => Err(err.into()),
    }
}

fn run_new(args: NewArgs) -> anyhow::Result<ExitCode> {
    let spec = scaffold::NewProfile {
        slug: args.slug,
        title: args.title,
        soc: args.soc,
    };
    match scaffold::new_profile(&args.root, &spec) {
        Ok(path) => {
            outln!("Created {}", shown(&path));
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            errln!("error: {err}");
            Ok(ExitCode::from(EXIT_USAGE))
        }
    }
}

fn run_init(args: InitArgs) -> anyhow::Result<ExitCode> {
    match scaffold::init(&args.dir) {
        Ok(files) => {
            for file in files {
                outln!("Created {}", shown(&file));
            }
            outln!("Build it with: careers build --root {}", shown(&args.dir));
            Ok(ExitCode::SUCCESS)
        }
        Err(err) => {
            errln!("error: {err}");
            Ok(ExitCode::from(EXIT_USAGE))
        }
    }
}

/// Exit status of a build stopped by Ctrl-C (128 + SIGINT, as shells do).
const EXIT_INTERRUPTED: u8 = 130;

/// The first Ctrl-C makes the build stop at its next write and remove its
/// staging folder; a second one exits at once (the next build cleans up).
fn stop_on_ctrl_c() {
    let _ = ctrlc::set_handler(|| {
        if careers::output::interrupted() {
            std::process::exit(i32::from(EXIT_INTERRUPTED));
        }
        careers::output::interrupt();
    });
}

fn run_build(args: BuildArgs) -> anyhow::Result<ExitCode> {
    let options = BuildOptions {
        root: args.root.clone(),
        output: args.output.clone(),
        include_drafts: args.drafts,
        base_url: args.base_url.clone(),
        force: args.force,
    };
    stop_on_ctrl_c();
    let report = match build::build(&options) {
        Ok(report) => report,
        Err(_) if careers::output::interrupted() => {
            errln!("interrupted: the output folder was left as it was");
            return Ok(ExitCode::from(EXIT_INTERRUPTED));
        }
        Err(err @ (BuildError::UnsafeOutput(_) | BuildError::NoContent(_))) => {
            errln!("error: {err}");
            return Ok(ExitCode::from(EXIT_USAGE));
        }
        Err(err) => {
            errln!("error: {err}");
            return Ok(ExitCode::from(EXIT_CONTENT_ERRORS));
        }
    };
    for d in &report.diagnostics {
        if d.is_error() || !args.quiet {
            errln!("{d}");
        }
    }
    if args.verbose {
        for lap in &report.timings {
            let memory = lap.memory.map_or(String::new(), |m| {
                let mb = |bytes: u64| bytes as f64 / 1e6;
                format!(
                    "   memory {:>7.1} MB, peak {:>7.1} MB",
                    mb(m.resident),
                    mb(m.peak)
                )
            });
            errln!(
                "  {:<14} {:>8.1} ms{memory}",
                lap.stage,
                lap.time.as_secs_f64() * 1000.0
            );
        }
    }
    let errors = report.error_count();
    let warnings = report.diagnostics.len() - errors;
    if report.succeeded() {
        if !args.quiet {
            errln!(
                "Built {} files into {} ({})",
                report.files_written,
                shown(&report.output),
                count(warnings, "warning")
            );
        }
        Ok(ExitCode::SUCCESS)
    } else {
        errln!(
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
