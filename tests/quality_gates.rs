//! Quality gates on whole built sites: the sample site (published under
//! `/guide/`) and a site of 200 profiles from careers-corpus, each profile
//! with a synthetic Spanish translation. Each must have no Nu Html
//! Checker error, no axe-core WCAG 2.1 A/AA violation on its explore,
//! profile, compare, search results, taxonomy and ranking pages, in
//! English and Spanish (in headless chromium), and
//! no broken internal link (`careers check`). A real browser also searches,
//! filters, compares and searches the full text on the sample site (in
//! English and in Spanish, through the language switcher), and
//! records layout shifts while the explore and compare scripts take over on
//! the generated one, whose Spanish explore rows made by the script must
//! be Spanish; on a site of 1,001 profiles it fills compare's
//! chooser from the explore index. The sites are served by Python's
//! `http.server` on a free loopback port, as any static host would.
//!
//! The tools come from `scripts/install-test-tools.sh`; these tests fail,
//! rather than skip, without them.

mod common;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

const INSTALL: &str = "run scripts/install-test-tools.sh";

fn tool(rel: &str) -> PathBuf {
    let path = Path::new(REPO).join(rel);
    assert!(path.exists(), "{rel} is missing: {INSTALL}");
    path
}

/// Errors the Nu Html Checker finds in the HTML files below `dir`.
fn html_errors(dir: &Path) -> String {
    let out = Command::new("java")
        .arg("-jar")
        .arg(tool("tools/node_modules/vnu-jar/build/dist/vnu.jar"))
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .arg(dir)
        .output()
        .unwrap_or_else(|e| panic!("java does not run ({e}): {INSTALL}"));
    String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout)
}

/// A static file server on a free loopback port, stopped on drop.
struct StaticServer {
    child: Child,
    port: u16,
}

impl StaticServer {
    fn start(dir: &Path) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let child = Command::new("python3")
            .args(["-m", "http.server", "--bind", "127.0.0.1"])
            .arg(port.to_string())
            .arg("--directory")
            .arg(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 runs");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the static server did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        StaticServer { child, port }
    }

    fn url(&self, base_path: &str) -> String {
        format!("http://127.0.0.1:{}{base_path}", self.port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs a script of tests/browser/ with `args`; fails with its output
/// unless it reports `expected` passes and no failure.
fn run_browser_script(script: &str, args: &[String], expected: usize) {
    tool("tools/node_modules/playwright-core");
    tool("tools/node_modules/axe-core/axe.min.js");
    let out = Command::new("node")
        .arg(Path::new(REPO).join("tests/browser").join(script))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("node does not run ({e}): {INSTALL}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!("{expected} passed, 0 failed")),
        "{stdout}"
    );
}

/// The pages axe checks, below the site's base: explore, the first profile,
/// compare with the first two profiles, a taxonomy and one of its terms,
/// and the rankings when the site has them.
fn audited_pages(output: &Path) -> Vec<String> {
    let index = std::fs::read_to_string(output.join("explore/index.json")).expect("the index");
    let index: serde_json::Value = serde_json::from_str(&index).expect("valid JSON");
    let ids: Vec<&str> = index["occupations"]
        .as_array()
        .expect("occupations")
        .iter()
        .filter_map(|o| o[0].as_str())
        .collect();
    assert!(ids.len() >= 2, "the index lists {} profiles", ids.len());
    let mut pages = vec![
        "explore/".to_string(),
        format!("{}/", ids[0]),
        format!("compare/?o={},{}", ids[0], ids[1]),
        "clusters/".to_string(),
        // The results page with results listed: a word of every profile.
        "search/?q=work".to_string(),
    ];
    pages.extend(first_subfolder(output, "clusters"));
    if output.join("rankings/index.html").exists() {
        pages.push("rankings/".into());
        pages.extend(first_subfolder(output, "rankings"));
    }
    // A site in Spanish too: its home, a translated profile, an
    // untranslated one (English words under Spanish furniture), explore,
    // compare and search with the scripts' Spanish words, and a term page.
    if output.join("es/index.html").exists() {
        pages.push("es/".into());
        pages.push("es/explore/?q=a".into());
        pages.push(format!("es/compare/?o={},{}", ids[0], ids[1]));
        pages.push("es/search/?q=salud".into());
        pages.push("es/clusters/".into());
        // Three profiles: every one of the sample site (translated and
        // not), a few of a large site.
        for id in ids.iter().take(3) {
            let page = format!("es/{id}/");
            if output.join(&page).join("index.html").exists() {
                pages.push(page);
            }
        }
    }
    pages
}

fn first_subfolder(output: &Path, folder: &str) -> Option<String> {
    let mut names: Vec<String> = std::fs::read_dir(output.join(folder))
        .ok()?
        .flatten()
        .filter(|e| e.path().join("index.html").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names.first().map(|name| format!("{folder}/{name}/"))
}

/// `careers check` on the site folder: no errors (warnings allowed).
fn assert_check_passes(root: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_careers"))
        .arg("check")
        .arg("--root")
        .arg(root)
        .output()
        .expect("careers runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "careers check found errors:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A site of `count` synthetic profiles from careers-corpus, translated
/// into `translations`.
fn generated_site(count: usize, translations: &[&str]) -> TestSite {
    let site = TestSite::new();
    let options = careers_corpus::Options {
        count,
        seed: careers_corpus::DEFAULT_SEED,
        flavor: careers_corpus::Flavor::Careers,
        shape: careers_corpus::Shape::Uniform,
        translations: translations.iter().map(|&code| code.to_string()).collect(),
    };
    careers_corpus::write_site(site.path(), &options).expect("the generator writes the site");
    site
}

/// Builds `site` into `www/guide/` below a fresh folder, published under
/// `/guide/`; returns the folder to serve and the output folder.
fn build_under_guide(site: &TestSite) -> (tempfile::TempDir, PathBuf) {
    let www = tempfile::tempdir().unwrap();
    let output = www.path().join("guide");
    let report = site.build_with(|o| {
        o.output = Some(output.clone());
        o.base_url = Some("/guide/".into());
    });
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    (www, output)
}

fn assert_valid_html(output: &Path) {
    let errors = html_errors(output);
    assert!(
        errors.trim().is_empty(),
        "Nu Html Checker errors:\n{errors}"
    );
}

#[test]
fn the_sample_site_under_a_base_path_passes_every_gate() {
    let site = TestSite::sample();
    let (www, output) = build_under_guide(&site);
    assert_valid_html(&output);
    assert_check_passes(site.path());
    let server = StaticServer::start(www.path());
    let pages = audited_pages(&output);
    let mut args = vec![server.url("/guide/")];
    args.extend(pages.iter().cloned());
    run_browser_script("axe_pages.cjs", &args, pages.len());
    run_browser_script("explore_compare.cjs", &[server.url("/guide/")], 13);
    run_browser_script("search.cjs", &[server.url("/guide/")], 9);
    // The Spanish results page searches the Spanish index, Spanish stems.
    let spanish = [
        server.url("/guide/es/"),
        "registro".into(),
        "Técnicos de información de salud".into(),
    ];
    run_browser_script("search.cjs", &spanish, 2);
    // The language switcher, and the Spanish explore and compare pages.
    run_browser_script("languages.cjs", &[server.url("/guide/")], 9);
}

#[test]
fn a_generated_site_of_200_profiles_passes_every_gate() {
    // With a (synthetic) Spanish translation of every profile, so that the
    // gates see Spanish pages at more than one page of explore.
    let site = generated_site(200, &["es"]);
    // Every seventh left untranslated: those profiles show their English
    // words on Spanish pages, marked as English.
    let mut translations: Vec<PathBuf> = walkdir::WalkDir::new(site.path().join("content"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.to_string_lossy().ends_with(".es.md"))
        .collect();
    translations.sort();
    for path in translations.iter().step_by(7) {
        std::fs::remove_file(path).unwrap();
    }
    // A word found only on one page, searched for with its first letter
    // wrong: on this site the two spellings fall in different index
    // shards, which only the typo lists bridge.
    site.write(
        "content/airships.md",
        "---\ntitle: Airships\n---\nZeppelin crews were trained here.\n",
    );
    let shards = careers::render::search::shard_count(201);
    assert_ne!(
        careers::render::search::shard_of("zeppelin", shards),
        careers::render::search::shard_of("xeppelin", shards)
    );
    let (www, output) = build_under_guide(&site);
    let profiles = std::fs::read_to_string(output.join("explore/index.json")).unwrap();
    let profiles: serde_json::Value = serde_json::from_str(&profiles).expect("valid JSON");
    assert_eq!(profiles["occupations"].as_array().map(Vec::len), Some(200));
    assert_valid_html(&output);
    assert_check_passes(site.path());
    let server = StaticServer::start(www.path());
    let pages = audited_pages(&output);
    let mut args = vec![server.url("/guide/")];
    args.extend(pages.iter().cloned());
    run_browser_script("axe_pages.cjs", &args, pages.len());
    let typo = [server.url("/guide/"), "xeppelin".into(), "Airships".into()];
    run_browser_script("search.cjs", &typo, 2);
    // Two pages of explore: the scripts take over without moving anything,
    // and make the build's rows.
    run_browser_script("layout_shift.cjs", &[server.url("/guide/")], 3);
    // The rows the script makes on the Spanish explore page are Spanish.
    let rows = [server.url("/guide/"), "rows".into()];
    run_browser_script("languages.cjs", &rows, 4);
}

/// Above a thousand profiles the compare page leaves its chooser's options
/// out and fills them from the explore index (compare.html): the browser
/// compares from a URL, fills the chooser and adds a third occupation.
#[test]
fn compare_on_a_site_of_over_a_thousand_profiles_fills_its_chooser_from_the_index() {
    let site = generated_site(1001, &[]);
    let (www, output) = build_under_guide(&site);
    let index = std::fs::read_to_string(output.join("explore/index.json")).unwrap();
    let index: serde_json::Value = serde_json::from_str(&index).expect("valid JSON");
    let entry = |i: usize| index["occupations"][i].clone();
    let (first, second, third) = (entry(0), entry(1), entry(500));
    let compare = std::fs::read_to_string(output.join("compare/index.html")).unwrap();
    assert!(compare.contains("data-choices="), "the chooser is not lazy");
    let server = StaticServer::start(www.path());
    let args = [
        server.url("/guide/"),
        first[0].as_str().unwrap().to_string(),
        second[0].as_str().unwrap().to_string(),
        third[1].as_str().unwrap().to_string(),
    ];
    run_browser_script("compare_large.cjs", &args, 4);
}
