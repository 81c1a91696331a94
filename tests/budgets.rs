//! What readers download, held to budgets without timing anything: the
//! bytes each page loads, compressed as a static host compresses them
//! (gzip level 6), on a synthetic site of 800 state-shaped profiles (15
//! wage areas, 14 outlook areas, suppressed and top-coded figures) and, run
//! by hand in release mode, of 10,000 profiles (see README, "Readers at
//! scale"). Explore and compare must transfer at most 150 KB before they
//! are usable at 800 profiles and 400 KB at 10,000 (the page, its
//! stylesheet, favicon and scripts, and what the scripts fetch first: the
//! explore index, or the figures of two compared occupations); no page's
//! HTML may exceed 300 KB compressed. Long lists are paged, each profile on
//! exactly one page.

mod common;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use common::*;

const KB: usize = 1000;

/// The size of `bytes` compressed with gzip at level 6.
fn gzipped(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

/// The values of `attribute="…"` in the tags of `html` named `tag`.
fn attributes<'h>(html: &'h str, tag: &str, attribute: &str) -> Vec<&'h str> {
    html.split(&format!("<{tag} "))
        .skip(1)
        .filter_map(|rest| {
            let tag_text = rest.split('>').next()?;
            let (_, value) = tag_text.split_once(&format!("{attribute}=\""))?;
            value.split('"').next()
        })
        .collect()
}

/// The files a page at `page` (below the output) loads before a reader can
/// use it: the page, its stylesheets, icons and scripts, and `fetched`.
fn transfer(output: &Path, page: &str, fetched: &[String]) -> (usize, Vec<(String, usize)>) {
    let html = std::fs::read_to_string(output.join(page)).unwrap();
    let mut files = vec![page.to_string()];
    let urls = attributes(&html, "link", "href")
        .into_iter()
        .chain(attributes(&html, "script", "src"));
    // The sites are built at the root: a URL is its path below the output.
    files.extend(
        urls.filter(|u| u.starts_with("/static/"))
            .map(|u| u.trim_start_matches('/').to_string()),
    );
    files.extend(fetched.iter().cloned());
    let sizes: Vec<(String, usize)> = files
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(output.join(&f)).unwrap_or_else(|e| panic!("{f}: {e}"));
            let size = gzipped(&bytes);
            (f, size)
        })
        .collect();
    (sizes.iter().map(|(_, s)| s).sum(), sizes)
}

/// The ids of the first two profiles of the explore index, and how many
/// profiles it lists.
fn first_two_ids(output: &Path) -> ([String; 2], usize) {
    let index = std::fs::read_to_string(output.join("explore/index.json")).unwrap();
    let index: serde_json::Value = serde_json::from_str(&index).unwrap();
    let id = |i: usize| index["occupations"][i][0].as_str().unwrap().to_string();
    let count = index["occupations"].as_array().map_or(0, Vec::len);
    ([id(0), id(1)], count)
}

/// Every budget of the issue for the site built into `output`.
fn assert_budgets(output: &Path, usable_budget: usize) {
    let index = "explore/index.json".to_string();
    let (explore, files) = transfer(output, "explore/index.html", &[index]);
    assert!(
        explore <= usable_budget,
        "explore loads {explore} bytes compressed: {files:?}"
    );
    let (ids, count) = first_two_ids(output);
    let files = careers::render::explore::figure_file_count(count);
    let figures = ids.map(|id| {
        let n = careers::render::explore::figure_file_of(&id, files);
        format!("compare/figures/{n}.json")
    });
    let (compare, files) = transfer(output, "compare/index.html", &figures);
    assert!(
        compare <= usable_budget,
        "compare loads {compare} bytes compressed: {files:?}"
    );
    let mut largest = (0, String::new());
    for entry in walkdir::WalkDir::new(output).into_iter().flatten() {
        if entry.path().extension().is_some_and(|e| e == "html") {
            let size = gzipped(&std::fs::read(entry.path()).unwrap());
            largest = largest.max((size, entry.path().display().to_string()));
        }
    }
    assert!(largest.0 <= 300 * KB, "{largest:?}");
    println!("explore {explore} B, compare {compare} B, largest page {largest:?}");
}

fn generated(count: usize, shape: careers_corpus::Shape) -> TestSite {
    let site = TestSite::new();
    let options = careers_corpus::Options {
        count,
        seed: careers_corpus::DEFAULT_SEED,
        flavor: careers_corpus::Flavor::Careers,
        shape,
        translations: Vec::new(),
    };
    careers_corpus::write_site(site.path(), &options).expect("the generator writes the site");
    site
}

#[test]
fn a_state_shaped_site_of_800_profiles_keeps_its_budgets() {
    let site = generated(800, careers_corpus::Shape::State);
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    assert_budgets(&site.path().join("output"), 150 * KB);
}

/// Run by hand: `cargo test --release --test budgets -- --ignored`
/// (a debug build of 10,000 profiles takes minutes).
#[test]
#[ignore]
fn a_site_of_10000_profiles_keeps_its_budgets() {
    let site = generated(10_000, careers_corpus::Shape::Uniform);
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    let output = site.path().join("output");
    assert_budgets(&output, 400 * KB);
    // The home page does not list every profile.
    let home = std::fs::read_to_string(output.join("index.html")).unwrap();
    assert!(!home.contains("sample-occupation-05000"));
}

/// The profile links in the first table of a page.
fn linked_profiles(html: &str) -> Vec<String> {
    let tbody = html.split("<tbody>").nth(1).unwrap_or_default();
    let tbody = tbody.split("</tbody>").next().unwrap_or_default();
    attributes(tbody, "a", "href")
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// Every page of a paged list starting at `first`, in order.
fn pages_of(output: &Path, first: &str) -> Vec<String> {
    let mut pages = vec![format!("{first}index.html")];
    let mut n = 2;
    while output.join(format!("{first}page/{n}/index.html")).exists() {
        pages.push(format!("{first}page/{n}/index.html"));
        n += 1;
    }
    pages
}

#[test]
fn long_lists_are_paged_with_every_profile_on_exactly_one_page() {
    let site = generated(250, careers_corpus::Shape::State);
    let report = site.build();
    assert!(report.succeeded(), "{}", show(&report.diagnostics));
    let output = site.path().join("output");
    let all: BTreeSet<String> = (0..250)
        .map(|i| format!("/{}/", careers_corpus::slug(i)))
        .collect();

    let explore = pages_of(&output, "explore/");
    assert_eq!(explore.len(), 3, "{explore:?}");
    let mut seen = Vec::new();
    for (i, page) in explore.iter().enumerate() {
        let html = std::fs::read_to_string(output.join(page)).unwrap();
        let rows = linked_profiles(&html);
        assert_eq!(rows.len(), if i < 2 { 100 } else { 50 }, "{page}");
        // The pager marks this page and links the next.
        assert!(html.contains(&format!("aria-current=\"page\">{}</a>", i + 1)));
        if i < 2 {
            assert!(html.contains(&format!("href=\"/explore/page/{}/\" rel=\"next\"", i + 2)));
        }
        seen.extend(rows);
    }
    let titles: Vec<String> = seen.clone();
    assert_eq!(seen.len(), 250);
    assert_eq!(seen.into_iter().collect::<BTreeSet<_>>(), all);
    // In title order across pages, as the index and its script have them.
    let index = std::fs::read_to_string(output.join("explore/index.json")).unwrap();
    let index: serde_json::Value = serde_json::from_str(&index).unwrap();
    let urls: Vec<String> = index["occupations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| format!("/{}/", o[0].as_str().unwrap()))
        .collect();
    assert_eq!(titles, urls);

    // A ranking: ranks count on across pages.
    let ranking = pages_of(&output, "rankings/highest-paying/");
    assert_eq!(ranking.len(), 3, "{ranking:?}");
    let second = std::fs::read_to_string(output.join(&ranking[1])).unwrap();
    assert!(
        second.contains("<td class=\"num rank\">101</td>"),
        "{second}"
    );

    // A term with more than a hundred profiles (each has three Holland
    // letters of six, so some letter has at least 125).
    let letters = std::fs::read_dir(output.join("interests")).unwrap();
    let mut paged_terms = 0;
    for letter in letters.flatten().filter(|e| e.path().is_dir()) {
        let first = format!("interests/{}/", letter.file_name().to_string_lossy());
        let pages = pages_of(&output, &first);
        let listed: Vec<String> = pages
            .iter()
            .flat_map(|p| linked_profiles(&std::fs::read_to_string(output.join(p)).unwrap()))
            .collect();
        let unique: BTreeSet<&String> = listed.iter().collect();
        assert_eq!(unique.len(), listed.len(), "{first}");
        let html = std::fs::read_to_string(output.join(&pages[0])).unwrap();
        assert!(
            html.contains(&format!("— {} career profiles", listed.len())),
            "{first}: the caption counts every page"
        );
        paged_terms += usize::from(pages.len() > 1);
    }
    assert!(paged_terms > 0);
    // The home page of a site this size still lists every profile.
    let home = std::fs::read_to_string(output.join("index.html")).unwrap();
    assert_eq!(linked_profiles(&home).len(), 250);
}
