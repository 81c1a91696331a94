//! How long `careers lsp` takes from an edit to the diagnostics of the
//! whole site (issue 17: within 50 ms for a 12 KB profile).
//!
//! ```sh
//! cargo run --release --example lsp_latency                    # sample site, and 1,000 generated profiles
//! cargo run --release --example lsp_latency -- --profiles 10000
//! ```
//!
//! Times `lsp::Server::set_text`, what the server does on each
//! `textDocument/didChange`: the buffer goes into the pipeline's overlay,
//! the file is parsed again, the site resolved again, the output paths
//! checked, the open page rendered, the notes read, and the diagnostics
//! made into LSP notifications. The edited file is the sample profile
//! `content/health-information-technicians.md` (13.9 KB); each edit
//! changes its Washington median hourly wage. The JSON-RPC framing on
//! stdio is not timed (a few microseconds for these messages).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const PROFILE: &str = "content/health-information-technicians.md";
const EDITS: usize = 40;

fn main() {
    let mut profiles = 1000;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--profiles" => {
                profiles = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--profiles N");
            }
            other => panic!("unknown argument {other}; use --profiles N"),
        }
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let profile = std::fs::read_to_string(repo.join(PROFILE)).expect("the sample profile");
    println!(
        "edit to diagnostics, {EDITS} edits of a {:.1} KB profile (careers lsp, release build)",
        profile.len() as f64 / 1024.0
    );
    println!("| site | min | median | p90 | max | diagnostics published |");
    println!("|---|---|---|---|---|---|");

    let sample = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo.join("content"), &sample.path().join("content"));
    std::fs::copy(repo.join("site.yaml"), sample.path().join("site.yaml")).expect("site.yaml");
    measure("sample site (5 pages)", sample.path(), &profile);

    let generated = tempfile::tempdir().expect("temp dir");
    let options = careers_corpus::Options {
        count: profiles,
        seed: 7,
        flavor: careers_corpus::Flavor::Careers,
        shape: careers_corpus::Shape::Uniform,
        translations: Vec::new(),
    };
    careers_corpus::write_site(generated.path(), &options).expect("the corpus");
    std::fs::write(generated.path().join(PROFILE), &profile).expect("the profile");
    measure(
        &format!("{profiles} generated profiles + the sample profile"),
        generated.path(),
        &profile,
    );
}

fn measure(name: &str, root: &Path, profile: &str) {
    let root = std::fs::canonicalize(root).expect("root");
    let path: PathBuf = root.join(PROFILE);
    let today = jiff::civil::date(2026, 12, 3);
    let mut server = careers::lsp::Server::new(root, today);
    let mut published = server.set_text(&path, Some(profile.to_string())).len();
    let mut times = Vec::with_capacity(EDITS);
    for i in 0..EDITS {
        let median = format!("[15.20, 17.19, {}.91, 26.40, 31.55]", 20 + i % 5);
        let text = profile.replacen("[15.20, 17.19, 20.91, 26.40, 31.55]", &median, 1);
        let start = Instant::now();
        published = server.set_text(&path, Some(text)).len();
        times.push(start.elapsed());
    }
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    println!(
        "| {name} | {} | {} | {} | {} | {published} files |",
        ms(at(0.0)),
        ms(at(0.5)),
        ms(at(0.9)),
        ms(at(1.0)),
    );
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
