//! `careers-corpus`: writes a synthetic site for the tests and benchmarks
//! of careers (see the library for what a profile holds). Only argument
//! parsing and the exit status live here.

use std::path::PathBuf;
use std::process::ExitCode;

use careers_corpus::{write_site, Flavor, Options, Shape, DEFAULT_SEED};
use clap::Parser;

/// Write N synthetic career profiles (random sample text and figures) as a
/// careers, Hugo or Zola site. The same count and seed give the same files.
#[derive(Parser)]
#[command(name = "careers-corpus", version)]
struct Args {
    /// How many profiles.
    #[arg(long, default_value_t = 1000)]
    count: usize,
    /// The site folder: profiles go to DIR/content/, the flavor's
    /// configuration and templates beside it. Existing files are never
    /// replaced (a taken name is an error).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// careers, hugo or zola.
    #[arg(long, default_value = "careers", value_parser = parse_flavor)]
    flavor: Flavor,
    /// Seed of the random figures and text.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// uniform (every figure published) or state (the gaps of a state's
    /// published figures: suppressed and top-coded wages, withheld outlook).
    #[arg(long, default_value = "uniform", value_parser = parse_shape)]
    shape: Shape,
    /// Also write a synthetic translation of every profile into these
    /// languages (`--translations es`), as `SLUG.es.md` beside it, and list
    /// them in site.yaml (careers flavor only).
    #[arg(long, value_delimiter = ',', value_name = "LANG,...")]
    translations: Vec<String>,
}

fn parse_shape(s: &str) -> Result<Shape, String> {
    s.parse()
}

fn parse_flavor(s: &str) -> Result<Flavor, String> {
    s.parse()
}

fn main() -> ExitCode {
    let args = Args::parse();
    let options = Options {
        count: args.count,
        seed: args.seed,
        flavor: args.flavor,
        shape: args.shape,
        translations: args.translations,
    };
    match write_site(&args.out, &options) {
        Ok(written) => {
            println!(
                "wrote {} profiles ({} files, {:.1} MB) to {}",
                written.profiles,
                written.files,
                written.bytes as f64 / 1e6,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
