//! Synthetic career profiles for the tests and benchmarks of careers, and
//! the same profiles as Hugo and Zola sites, so the three generators can be
//! timed on one body of content.
//!
//! Every profile is shaped like a real one (docs/content-model.md): about
//! 12 KB of Markdown in the usual sections, wages for 15 areas (hourly,
//! monthly and yearly percentiles), outlook for 14 areas, cluster, Holland
//! code, job zone, education and related careers. The text and figures are
//! random and every profile says so: they describe no real occupation.
//!
//! Output is a pure function of the count and the seed: the generator has
//! its own random number generator ([`SplitMix64`]) rather than one from a
//! crate whose streams may change between versions, so a seed names the
//! same bytes on every machine and every release. Profile `i` is drawn from
//! its own stream (seed and index), so the first 200 profiles of a
//! 10,000-profile corpus are those of a 200-profile corpus, apart from
//! which profiles their `related` lists name.
//!
//! The Hugo and Zola sites get their configuration and templates from
//! `bench/hugo` and `bench/zola`, compiled into the generator, so a
//! generated folder builds as it is.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The seed the benchmarks and tests use unless told otherwise.
pub const DEFAULT_SEED: u64 = 7;

/// The area every profile lists first, which `site.yaml` makes primary.
pub const PRIMARY_AREA: &str = "Washington";

/// The `source` of every wage and outlook table: says the figures are made up.
pub const SOURCE: &str = "Synthetic sample data (random figures)";

/// Which generator the site is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// careers' own front matter, plus `site.yaml` and `content/_index.md`.
    Careers,
    /// The same front matter, plus `hugo.toml` and `layouts/` from `bench/hugo`.
    Hugo,
    /// Custom fields under `extra:` (Zola rejects unknown top-level keys),
    /// plus `config.toml` and `templates/` from `bench/zola`.
    Zola,
}

impl std::str::FromStr for Flavor {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "careers" => Ok(Flavor::Careers),
            "hugo" => Ok(Flavor::Hugo),
            "zola" => Ok(Flavor::Zola),
            other => Err(format!(
                "unknown flavor `{other}`: use careers, hugo or zola"
            )),
        }
    }
}

/// How the figures of the profiles look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    /// Every figure of every area published (the benchmarks' corpus).
    #[default]
    Uniform,
    /// As a state's site built from the published files looks: the same
    /// 15 wage areas and 14 outlook areas, but some metropolitan areas'
    /// wages suppressed (`null`), some 90th percentiles top-coded
    /// (`">=115.00"`), some regions' outlook withheld and one to three
    /// other names per profile. Still synthetic: random text and figures.
    State,
}

impl std::str::FromStr for Shape {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "uniform" => Ok(Shape::Uniform),
            "state" => Ok(Shape::State),
            other => Err(format!("unknown shape `{other}`: use uniform or state")),
        }
    }
}

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub count: usize,
    pub seed: u64,
    pub flavor: Flavor,
    pub shape: Shape,
    /// Language codes (`es`): each profile gets a translation into each,
    /// `SLUG.LANG.md` (careers flavor only), and `site.yaml` lists them.
    pub translations: Vec<String>,
}

/// What [`write_site`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub profiles: usize,
    pub files: usize,
    pub bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: already exists; the generator writes only new files, so choose an empty folder", path.display())]
    Exists { path: PathBuf },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Writes a site of `options.count` profiles into `out` (created if
/// missing): `content/*.md` and the flavor's configuration files. Existing
/// files are never replaced: a name that is taken is an error, so the
/// generator cannot clobber a real site.
pub fn write_site(out: &Path, options: &Options) -> Result<Written, Error> {
    let content = out.join("content");
    create_dir(&content)?;
    let mut written = Written {
        profiles: 0,
        files: 0,
        bytes: 0,
    };
    let translations: &[String] = match options.flavor {
        Flavor::Careers => &options.translations,
        _ => &[],
    };
    for mut profile in profiles(options.count, options.seed) {
        if options.shape == Shape::State {
            profile.state_shaped(options.seed);
        }
        let text = profile.markdown(options.flavor);
        write_new(&content.join(format!("{}.md", profile.slug)), &text)?;
        written.profiles += 1;
        written.files += 1;
        written.bytes += text.len() as u64;
        for lang in translations {
            let text = profile.translation(lang);
            write_new(&content.join(format!("{}.{lang}.md", profile.slug)), &text)?;
            written.files += 1;
            written.bytes += text.len() as u64;
        }
    }
    let mut files: Vec<(&str, String)> = site_files(options.flavor)
        .into_iter()
        .map(|(rel, text)| (rel, text.to_string()))
        .collect();
    for (rel, text) in &mut files {
        if *rel != "site.yaml" {
            continue;
        }
        if options.shape == Shape::State {
            *text = STATE_SITE_YAML.to_string();
        }
        if !translations.is_empty() {
            text.push_str("# With synthetic translations.\nlanguages:\n  - code: en\n");
            for lang in translations {
                text.push_str(&format!(
                    "  - code: {lang}\n    title: Synthetic career profiles ({lang})\n"
                ));
            }
        }
    }
    for (rel, text) in &files {
        let path = out.join(rel);
        if let Some(parent) = path.parent() {
            create_dir(parent)?;
        }
        write_new(&path, text)?;
        written.files += 1;
        written.bytes += text.len() as u64;
    }
    Ok(written)
}

/// `site.yaml` of a [`Shape::State`] site: its title says what it is.
const STATE_SITE_YAML: &str =
    "# Generated by careers-corpus --shape state: synthetic sample profiles\n\
# shaped like a state's site (suppressed and top-coded figures).\n\
title: Synthetic career profiles (state-shaped)\n\
primary_area: Washington\n";

/// The files besides the profiles, by path under the site folder.
fn site_files(flavor: Flavor) -> Vec<(&'static str, &'static str)> {
    match flavor {
        Flavor::Careers => vec![
            (
                "site.yaml",
                "# Generated by careers-corpus: synthetic sample profiles.\n\
                 title: Synthetic career profiles\n\
                 primary_area: Washington\n",
            ),
            ("content/_index.md", CAREERS_HOME),
        ],
        Flavor::Hugo => vec![
            ("content/_index.md", HUGO_HOME),
            ("hugo.toml", include_str!("../../bench/hugo/hugo.toml")),
            (
                "layouts/_default/baseof.html",
                include_str!("../../bench/hugo/layouts/_default/baseof.html"),
            ),
            (
                "layouts/_default/list.html",
                include_str!("../../bench/hugo/layouts/_default/list.html"),
            ),
            (
                "layouts/_default/single.html",
                include_str!("../../bench/hugo/layouts/_default/single.html"),
            ),
        ],
        Flavor::Zola => vec![
            ("content/_index.md", ZOLA_HOME),
            ("config.toml", include_str!("../../bench/zola/config.toml")),
            (
                "templates/base.html",
                include_str!("../../bench/zola/templates/base.html"),
            ),
            (
                "templates/index.html",
                include_str!("../../bench/zola/templates/index.html"),
            ),
            (
                "templates/page.html",
                include_str!("../../bench/zola/templates/page.html"),
            ),
        ],
    }
}

// The home page: the same title and text in every flavor (Zola also needs
// the order of its listing), assembled at compile time.
macro_rules! home {
    ($extra:literal) => {
        concat!(
            "---\ntitle: \"Career profiles\"\n",
            $extra,
            "---\n\nAll occupations. Synthetic sample data: every profile here was made up \
by careers-corpus for tests and benchmarks.\n"
        )
    };
}
const CAREERS_HOME: &str = home!("");
const HUGO_HOME: &str = home!("");
const ZOLA_HOME: &str = home!("sort_by: \"title\"\n");

fn create_dir(dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })
}

fn write_new(path: &Path, text: &str) -> Result<(), Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Exists {
                path: path.to_path_buf(),
            },
            _ => io(source),
        })?;
    file.write_all(text.as_bytes()).map_err(io)
}

/// The file name (without `.md`) of profile `index`.
pub fn slug(index: usize) -> String {
    format!("sample-occupation-{index:05}")
}

/// The SOC code of profile `index`: an odd major group 11..53, as real
/// codes have, and unique across the first 198,000 profiles.
fn soc(index: usize) -> String {
    format!(
        "{:02}-{:04}",
        11 + 2 * (index % 22),
        1000 + (index / 22) % 9000
    )
}

/// The profiles of a corpus, in order.
pub fn profiles(count: usize, seed: u64) -> impl Iterator<Item = Profile> {
    (0..count).map(move |i| Profile::generate(i, count, seed))
}

/// One area's wages: five percentiles per period (10th, 25th, median,
/// 75th, 90th), never decreasing.
#[derive(Debug, Clone, PartialEq)]
pub struct WageArea {
    pub area: &'static str,
    pub within: Option<&'static str>,
    /// Dollars and cents, already rounded to cents.
    pub hourly: [f64; 5],
    pub monthly: [u64; 5],
    pub yearly: [u64; 5],
    /// Every figure written as `null` (not published).
    pub suppressed: bool,
    /// The 90th percentile written as top-coded (`">=115.00"` hourly).
    pub top_coded: bool,
}

/// One area's employment outlook.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlookArea {
    pub area: &'static str,
    pub within: Option<&'static str>,
    pub employment: u64,
    /// Percent over the period, rounded to one decimal.
    pub growth: f64,
    pub growth_all: f64,
    pub openings: u64,
    /// Growth and openings written as `null` (not published).
    pub withheld: bool,
}

/// A synthetic occupation profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub slug: String,
    pub title: String,
    pub soc: String,
    pub summary: String,
    pub also_called: Vec<String>,
    pub cluster: &'static str,
    pub holland: String,
    pub job_zone: u8,
    pub education: &'static str,
    /// Slugs of other profiles of the same corpus.
    pub related: Vec<String>,
    pub at_a_glance: Vec<String>,
    pub wages: Vec<WageArea>,
    pub outlook: Vec<OutlookArea>,
    /// Markdown, starting with the note that the profile is synthetic.
    pub body: String,
}

const WORDS: &[&str] = &[
    "patient",
    "record",
    "system",
    "data",
    "health",
    "code",
    "claim",
    "review",
    "insurance",
    "report",
    "quality",
    "audit",
    "secure",
    "file",
    "storage",
    "retrieve",
    "accurate",
    "complete",
    "clinic",
    "hospital",
    "registry",
    "cancer",
    "transplant",
    "software",
    "network",
    "privacy",
    "compliance",
    "billing",
    "diagnosis",
    "procedure",
    "classify",
    "index",
    "abstract",
    "analyze",
    "verify",
    "document",
    "chart",
    "archive",
    "electronic",
    "digital",
    "paper",
    "schedule",
    "supervise",
    "train",
    "staff",
    "physician",
    "nurse",
    "facility",
    "standard",
    "regulation",
    "federal",
    "state",
    "policy",
];

const CLUSTERS: &[&str] = &[
    "Health Science",
    "Information Technology",
    "Manufacturing",
    "Business Management",
    "Education and Training",
    "Human Services",
    "Finance",
    "Transportation",
    "Agriculture",
    "Architecture and Construction",
];

/// The education levels of docs/content-model.md.
const EDUCATION: &[&str] = &[
    "none",
    "high-school",
    "postsecondary-award",
    "some-college",
    "associate",
    "bachelor",
    "master",
    "doctoral",
];

const METROS: &[&str] = &[
    "Bellingham",
    "Bremerton-Silverdale",
    "Clarkston-Lewiston",
    "Kennewick-Richland",
    "Longview",
    "Mount Vernon-Anacortes",
    "Olympia-Tumwater",
    "Seattle-Tacoma-Bellevue",
    "Spokane-Spokane Valley",
    "Vancouver",
    "Walla Walla",
    "Wenatchee",
    "Yakima",
];

const REGIONS: &[&str] = &[
    "Adams, Chelan, Douglas, Grant, and Okanogan Counties",
    "Benton and Franklin Counties",
    "Clallam, Jefferson, and Kitsap Counties",
    "Clark, Cowlitz, and Wahkiakum Counties",
    "King County",
    "Pierce County",
    "Snohomish County",
    "Spokane County",
    "Island, San Juan, Skagit, and Whatcom Counties",
    "Grays Harbor, Lewis, Mason, Pacific, and Thurston Counties",
    "Kittitas, Klickitat, Skamania, and Yakima Counties",
    "Asotin, Columbia, Ferry, Garfield, Lincoln, Pend Oreille, Stevens, Walla Walla, and Whitman Counties",
];

const NATION: &str = "United States";

/// The first paragraph of every body.
pub const SYNTHETIC_NOTE: &str = "*Synthetic sample profile: the text and figures were made up by \
careers-corpus for tests and benchmarks and describe no real occupation.*";

impl Profile {
    /// Profile `index` of a corpus of `count` profiles.
    pub fn generate(index: usize, count: usize, seed: u64) -> Profile {
        let mut rng = SplitMix64::for_item(seed, index as u64);
        let words: Vec<&str> = (0..rng.between(2, 3)).map(|_| rng.pick(WORDS)).collect();
        let title = format!("{} Specialists {index}", title_case(&words));
        let soc = soc(index);
        let base = rng.uniform(12.0, 70.0);
        let summary = sentence(&mut rng, 10, 16);
        let also_called = vec![format!("{} Technicians", title_case(&rng.sample(WORDS, 2)))];
        let cluster = rng.pick(CLUSTERS);
        let holland: String = rng.sample(&["R", "I", "A", "S", "E", "C"], 3).concat();
        let job_zone = rng.between(1, 5) as u8;
        let education = rng.pick(EDUCATION);
        let mut others: Vec<usize> = (0..4)
            .map(|_| rng.below(count as u64) as usize)
            .filter(|&j| j != index)
            .collect();
        others.sort_unstable();
        others.dedup();
        let related = others.into_iter().map(slug).collect();
        let at_a_glance = (0..6).map(|_| clause(&mut rng, 4, 9)).collect();

        let mut wages = Vec::new();
        let wage_areas = std::iter::once(PRIMARY_AREA)
            .chain(METROS.iter().copied())
            .chain([NATION]);
        for area in wage_areas {
            let scale = if area == PRIMARY_AREA {
                1.0
            } else {
                rng.uniform(0.85, 1.15)
            };
            let within = METROS.contains(&area).then_some(PRIMARY_AREA);
            wages.push(wage_row(&mut rng, area, within, base * scale));
        }

        let mut outlook = Vec::new();
        let total = rng.between(500, 20_000);
        let outlook_areas = std::iter::once(PRIMARY_AREA)
            .chain(REGIONS.iter().copied())
            .chain([NATION]);
        for area in outlook_areas {
            let employment = match area {
                PRIMARY_AREA => total,
                NATION => total * 40,
                _ => ((total as f64 * rng.uniform(0.02, 0.3)) as u64).max(20),
            };
            outlook.push(OutlookArea {
                area,
                within: REGIONS.contains(&area).then_some(PRIMARY_AREA),
                employment,
                growth: tenths(rng.uniform(-5.0, 30.0)),
                growth_all: tenths(rng.uniform(3.0, 20.0)),
                openings: (employment / 10).max(1),
                withheld: false,
            });
        }

        let body = body(&mut rng, &soc);
        Profile {
            slug: slug(index),
            title,
            soc,
            summary,
            also_called,
            cluster,
            holland,
            job_zone,
            education,
            related,
            at_a_glance,
            wages,
            outlook,
            body,
        }
    }

    /// Gives this profile the gaps of a state's published figures
    /// ([`Shape::State`]), from a stream of its own, so its other figures
    /// and text stay those of the uniform corpus.
    pub fn state_shaped(&mut self, seed: u64) {
        let index = self.index_from_slug();
        let mut rng = SplitMix64::for_item(seed ^ 0x5354_4154_4553_4841, index);
        for _ in 0..rng.below(3) {
            let name = format!("{} Workers", title_case(&rng.sample(WORDS, 2)));
            self.also_called.push(name);
        }
        for w in &mut self.wages {
            if w.within.is_some() && rng.chance(0.12) {
                w.suppressed = true;
            } else if w.hourly[3] < 115.0 && w.hourly[4] > 100.0 && rng.chance(0.5) {
                w.top_coded = true;
            }
        }
        for o in &mut self.outlook {
            if o.within.is_some() && rng.chance(0.1) {
                o.withheld = true;
            }
        }
    }

    /// The index the profile was generated as, from its slug.
    fn index_from_slug(&self) -> u64 {
        self.slug
            .rsplit('-')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    }

    /// A synthetic translation into `lang` (careers flavor): the profile's
    /// words marked with the language, the same length as the source, and
    /// none of its facts, as the content model requires.
    pub fn translation(&self, lang: &str) -> String {
        let list = |items: &[String]| {
            items
                .iter()
                .map(|i| format!("\"[{lang}] {}\"", i.replace('"', "'")))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "---\ntitle: \"[{lang}] {}\"\nsummary: \"[{lang}] {}\"\nalso_called: [{}]\nat_a_glance: [{}]\n---\n{}",
            self.title,
            self.summary.replace('"', "'"),
            list(&self.also_called),
            list(&self.at_a_glance),
            self.body.replacen("\n\n", &format!("\n\n*[{lang}]* "), 1)
        )
    }

    /// The Markdown file of this profile for `flavor`.
    pub fn markdown(&self, flavor: Flavor) -> String {
        let mut out = String::with_capacity(14_000);
        out.push_str("---\n");
        out.push_str(&format!("title: {}\n", quote(&self.title)));
        // Zola has `description` where careers and Hugo have `summary`, and
        // takes custom keys only under `extra`.
        let indent = match flavor {
            Flavor::Zola => {
                out.push_str(&format!("description: {}\nextra:\n", quote(&self.summary)));
                "  "
            }
            Flavor::Careers | Flavor::Hugo => "",
        };
        let mut line = |text: &str| {
            out.push_str(indent);
            out.push_str(text);
            out.push('\n');
        };
        line(&format!("soc: {}", quote(&self.soc)));
        line(&format!("summary: {}", quote(&self.summary)));
        line(&format!("also_called: {}", list(&self.also_called)));
        line(&format!("cluster: {}", quote(self.cluster)));
        line(&format!("holland: {}", quote(&self.holland)));
        line(&format!("job_zone: {}", self.job_zone));
        line(&format!("education: {}", self.education));
        line(&format!("related: [{}]", self.related.join(", ")));
        line("at_a_glance:");
        for item in &self.at_a_glance {
            line(&format!("  - {}", quote(item)));
        }
        line("wages:");
        line(&format!("  source: {}", quote(SOURCE)));
        line("  as_of: \"2019\"");
        line("  areas:");
        for w in &self.wages {
            line(&format!("    - area: {}", quote(w.area)));
            if let Some(parent) = w.within {
                line(&format!("      within: {}", quote(parent)));
            }
            if w.suppressed {
                line("      hourly: [null, null, null, null, null]");
                continue;
            }
            let mut hourly: Vec<String> = w.hourly.iter().map(|h| format!("{h:.2}")).collect();
            let (mut monthly, mut yearly) = (numbers(&w.monthly), numbers(&w.yearly));
            if w.top_coded {
                // The published files' top code: $115.00 an hour, $239,200 a year.
                if let Some(last) = hourly.last_mut() {
                    *last = "\">=115.00\"".into();
                }
                let mut m = w.monthly.map(|v| v.to_string());
                let mut y = w.yearly.map(|v| v.to_string());
                m[4] = "\">=19933\"".into();
                y[4] = "\">=239200\"".into();
                (monthly, yearly) = (format!("[{}]", m.join(", ")), format!("[{}]", y.join(", ")));
            }
            line(&format!("      hourly: [{}]", hourly.join(", ")));
            line(&format!("      monthly: {monthly}"));
            line(&format!("      yearly: {yearly}"));
        }
        line("outlook:");
        line(&format!("  source: {}", quote(SOURCE)));
        line("  period: \"2017-2027\"");
        line("  areas:");
        for o in &self.outlook {
            line(&format!("    - area: {}", quote(o.area)));
            if let Some(parent) = o.within {
                line(&format!("      within: {}", quote(parent)));
            }
            line(&format!("      employment: {}", o.employment));
            if o.withheld {
                line("      growth: null");
            } else {
                line(&format!("      growth: {:.1}", o.growth));
            }
            line(&format!("      growth_all: {:.1}", o.growth_all));
            if o.withheld {
                line("      openings: null");
            } else {
                line(&format!("      openings: {}", o.openings));
            }
        }
        out.push_str("---\n\n");
        out.push_str(&self.body);
        out
    }
}

fn wage_row(
    rng: &mut SplitMix64,
    area: &'static str,
    within: Option<&'static str>,
    base: f64,
) -> WageArea {
    let mut hourly =
        [0.72, 0.84, 1.0, 1.27, 1.55].map(|f| cents(base * f * rng.uniform(0.95, 1.05)));
    hourly.sort_by(f64::total_cmp);
    // Yearly from the rounded hourly figure, to the nearest ten dollars;
    // monthly a twelfth of that: both keep the order of the hourly row.
    let yearly = hourly.map(|h| ((h * 2080.0 / 10.0).round() as u64) * 10);
    let monthly = yearly.map(|y| (y as f64 / 12.0).round() as u64);
    WageArea {
        area,
        within,
        hourly,
        monthly,
        yearly,
        suppressed: false,
        top_coded: false,
    }
}

fn body(rng: &mut SplitMix64, soc: &str) -> String {
    let mut b = String::with_capacity(9_000);
    let _ = write!(b, "{SYNTHETIC_NOTE}\n\n");
    let _ = write!(
        b,
        "## Career summary\n\n{}\n\n{}\n\n",
        paragraph(rng, None),
        paragraph(rng, None)
    );
    let _ = write!(
        b,
        "## Job duties\n\n{}\n\n{}\n\n",
        paragraph(rng, Some(2)),
        bullets(rng, 9)
    );
    let _ = write!(
        b,
        "## Working conditions\n\n{}\n\n{}\n\n",
        paragraph(rng, None),
        bullets(rng, 5)
    );
    let _ = write!(b, "## Skills and abilities\n\n{}\n\n", bullets(rng, 8));
    let _ = write!(
        b,
        "## Education and training\n\n### Education after high school\n\n{}\n\n\
         ### On-the-job training\n\n{}\n\n### Helpful high school courses\n\n{}\n\n",
        paragraph(rng, None),
        paragraph(rng, None),
        bullets(rng, 6)
    );
    let _ = write!(
        b,
        "## Things to know\n\n{}\n\n{}\n\n",
        paragraph(rng, None),
        paragraph(rng, None)
    );
    let _ = writeln!(
        b,
        "## Job listings\n\nSee [current openings](https://jobs.example.org/search?soc={soc}) \
         and the [professional association](https://association.example.org/)."
    );
    b
}

/// A sentence of `lo..=hi` words, some in bold or italics, capitalised,
/// with a full stop.
fn sentence(rng: &mut SplitMix64, lo: u64, hi: u64) -> String {
    clause(rng, lo, hi) + "."
}

/// A sentence without its full stop (list items).
fn clause(rng: &mut SplitMix64, lo: u64, hi: u64) -> String {
    let mut words: Vec<String> = (0..rng.between(lo, hi))
        .map(|_| rng.pick(WORDS).to_string())
        .collect();
    if rng.chance(0.3) {
        let i = rng.below(words.len() as u64) as usize;
        if let Some(w) = words.get_mut(i) {
            *w = format!("**{w}**");
        }
    }
    if rng.chance(0.2) {
        let i = rng.below(words.len() as u64) as usize;
        if let Some(w) = words.get_mut(i) {
            *w = format!("*{w}*");
        }
    }
    capitalise(&words.join(" "))
}

fn paragraph(rng: &mut SplitMix64, sentences: Option<u64>) -> String {
    let n = sentences.unwrap_or_else(|| rng.between(3, 6));
    (0..n)
        .map(|_| sentence(rng, 8, 20))
        .collect::<Vec<_>>()
        .join(" ")
}

fn bullets(rng: &mut SplitMix64, n: usize) -> String {
    (0..n)
        .map(|_| format!("- {}", clause(rng, 4, 10)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Upper-cases the first letter (which may follow `*` markers).
fn capitalise(text: &str) -> String {
    match text.char_indices().find(|(_, c)| c.is_alphabetic()) {
        Some((i, c)) => {
            let rest = &text[i + c.len_utf8()..];
            format!("{}{}{rest}", &text[..i], c.to_uppercase())
        }
        None => text.to_string(),
    }
}

fn title_case<S: AsRef<str>>(words: &[S]) -> String {
    words
        .iter()
        .map(|w| capitalise(w.as_ref()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A YAML double-quoted string.
fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

fn numbers(values: &[u64; 5]) -> String {
    let text: Vec<String> = values.iter().map(u64::to_string).collect();
    format!("[{}]", text.join(", "))
}

fn cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn tenths(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny, well-mixed generator
/// whose output is fixed by its definition, unlike a library's default
/// generator, which may change between versions.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// A stream of its own for item `index` of a corpus seeded `seed`.
    fn for_item(seed: u64, index: u64) -> Self {
        let mut outer = SplitMix64::new(seed);
        let base = outer.next_u64();
        let mut mixer = SplitMix64::new(base ^ index.wrapping_mul(0xD6E8_FEB8_6659_FD93));
        SplitMix64::new(mixer.next_u64())
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0), without modulo bias.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        // Lemire's multiply-and-reject.
        loop {
            let m = u128::from(self.next_u64()) * u128::from(n);
            let low = m as u64;
            if low >= n.wrapping_neg() % n {
                return (m >> 64) as u64;
            }
        }
    }

    /// Uniform in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// Uniform in `[0, 1)` with 53 random bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One of `items` ("" if there are none).
    fn pick(&mut self, items: &[&'static str]) -> &'static str {
        let i = self.below(items.len() as u64) as usize;
        items.get(i).copied().unwrap_or_default()
    }

    /// `k` distinct elements, in the order drawn.
    fn sample<T: Copy>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut pool: Vec<T> = items.to_vec();
        let mut out = Vec::with_capacity(k);
        for _ in 0..k.min(pool.len()) {
            let i = self.below(pool.len() as u64) as usize;
            out.push(pool.swap_remove(i));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_profiles_and_another_seed_others() {
        let a: Vec<Profile> = profiles(30, 7).collect();
        let b: Vec<Profile> = profiles(30, 7).collect();
        let c: Vec<Profile> = profiles(30, 8).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn a_profile_does_not_depend_on_the_corpus_size_except_its_related_list() {
        let mut small = Profile::generate(5, 10, 7);
        let mut large = Profile::generate(5, 10_000, 7);
        small.related.clear();
        large.related.clear();
        assert_eq!(small, large);
    }

    /// The output at seed 7 is pinned (its first lines, and an FNV-1a hash
    /// of 50 profiles in each flavor): a change to the generator that moves
    /// every benchmark corpus must be deliberate, and shows up here.
    #[test]
    fn the_output_is_pinned() {
        let text = Profile::generate(0, 1000, DEFAULT_SEED).markdown(Flavor::Careers);
        let head: Vec<&str> = text.lines().take(3).collect();
        assert_eq!(
            head,
            [
                "---",
                "title: \"Cancer Policy Code Specialists 0\"",
                "soc: \"11-1000\"",
            ]
        );
        let hashes = [Flavor::Careers, Flavor::Hugo, Flavor::Zola].map(|flavor| {
            let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
            for p in profiles(50, DEFAULT_SEED) {
                for byte in p.markdown(flavor).bytes() {
                    hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
                }
            }
            hash
        });
        assert_eq!(
            hashes,
            [
                5078284970322762106,
                5078284970322762106,
                10685859090837828170
            ],
            "the generator's output changed"
        );
    }

    #[test]
    fn wage_rows_never_decrease_and_agree_across_periods() {
        for p in profiles(200, 3) {
            for w in &p.wages {
                for pair in w.hourly.windows(2) {
                    assert!(pair[0] <= pair[1], "{}: {:?}", p.slug, w.hourly);
                }
                for pair in w.yearly.windows(2) {
                    assert!(pair[0] <= pair[1], "{}: {:?}", p.slug, w.yearly);
                }
                for pair in w.monthly.windows(2) {
                    assert!(pair[0] <= pair[1], "{}: {:?}", p.slug, w.monthly);
                }
                for (h, y) in w.hourly.iter().zip(w.yearly) {
                    let derived = h * 2080.0;
                    assert!((derived - y as f64).abs() <= derived * 0.01, "{h} vs {y}");
                }
            }
        }
    }

    #[test]
    fn related_careers_name_other_profiles_of_the_corpus() {
        let count = 50;
        let slugs: std::collections::HashSet<String> = (0..count).map(slug).collect();
        for p in profiles(count, 7) {
            assert!(!p.related.contains(&p.slug), "{} names itself", p.slug);
            for r in &p.related {
                assert!(slugs.contains(r), "{} names {r}", p.slug);
            }
        }
    }

    #[test]
    fn soc_codes_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for code in (0..198_000).map(soc) {
            let (major, detail) = code.split_once('-').expect("NN-NNNN");
            let major: u32 = major.parse().expect("digits");
            assert!((11..=55).contains(&major) && major % 2 == 1, "{code}");
            assert_eq!(detail.len(), 4);
            assert!(seen.insert(code.clone()), "{code} twice");
        }
        assert_eq!(Profile::generate(3, 10, 7).soc, soc(3));
    }

    #[test]
    fn every_profile_says_it_is_synthetic() {
        for p in profiles(20, 7) {
            let text = p.markdown(Flavor::Careers);
            assert!(text.contains(SYNTHETIC_NOTE));
            assert!(text.contains(SOURCE));
        }
    }

    #[test]
    fn zola_profiles_keep_custom_keys_under_extra() {
        let p = Profile::generate(1, 10, 7);
        let text = p.markdown(Flavor::Zola);
        let front = text.split("\n---\n").next().unwrap_or_default();
        for line in front.lines().skip(1) {
            let top = !line.starts_with(' ');
            if top {
                let key = line.split(':').next().unwrap_or_default();
                assert!(
                    ["title", "description", "extra"].contains(&key),
                    "top-level key {key} would be rejected by Zola"
                );
            }
        }
        // Apart from that, the data are the same as careers'.
        assert!(text.contains("  soc: ") && text.contains("    - area: \"Washington\""));
    }

    #[test]
    fn the_random_numbers_stay_in_range_without_bias() {
        let mut rng = SplitMix64::new(1);
        let mut counts = [0u32; 3];
        for _ in 0..30_000 {
            counts[rng.below(3) as usize] += 1;
        }
        for c in counts {
            assert!((9_000..11_000).contains(&c), "{counts:?}");
        }
        assert_eq!(rng.below(0), 0);
        for _ in 0..1000 {
            let x = rng.between(4, 9);
            assert!((4..=9).contains(&x));
            let u = rng.uniform(-5.0, 30.0);
            assert!((-5.0..30.0).contains(&u));
        }
    }

    #[test]
    fn state_shaped_profiles_have_gaps_and_keep_everything_else() {
        let (mut suppressed, mut top_coded, mut withheld) = (0, 0, 0);
        for uniform in profiles(400, DEFAULT_SEED) {
            let mut state = uniform.clone();
            state.state_shaped(DEFAULT_SEED);
            assert_eq!(state.body, uniform.body);
            assert!(state.body.starts_with(SYNTHETIC_NOTE));
            assert!(state.also_called.starts_with(&uniform.also_called));
            suppressed += state.wages.iter().filter(|w| w.suppressed).count();
            top_coded += state.wages.iter().filter(|w| w.top_coded).count();
            withheld += state.outlook.iter().filter(|o| o.withheld).count();
            let text = state.markdown(Flavor::Careers);
            assert_eq!(
                text.matches("[null, null, null, null, null]").count(),
                state.wages.iter().filter(|w| w.suppressed).count()
            );
        }
        assert!(suppressed > 100 && top_coded > 10 && withheld > 100);
        assert!(STATE_SITE_YAML.contains("Synthetic"));
        assert_eq!("state".parse(), Ok(Shape::State));
    }

    #[test]
    fn writing_never_replaces_a_file() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("site");
        let options = Options {
            count: 3,
            seed: 7,
            flavor: Flavor::Careers,
            shape: Shape::Uniform,
            translations: Vec::new(),
        };
        let written = write_site(&dir, &options).expect("first write");
        assert_eq!(written.profiles, 3);
        assert_eq!(written.files, 5);
        let before = std::fs::read(dir.join("site.yaml")).expect("site.yaml");
        let again = write_site(&dir, &options);
        assert!(matches!(again, Err(Error::Exists { .. })), "{again:?}");
        assert_eq!(
            std::fs::read(dir.join("site.yaml")).expect("site.yaml"),
            before
        );
    }

    #[test]
    fn hugo_and_zola_sites_come_with_their_templates() {
        let hugo: Vec<&str> = site_files(Flavor::Hugo).iter().map(|f| f.0).collect();
        assert!(hugo.contains(&"hugo.toml") && hugo.contains(&"layouts/_default/single.html"));
        let zola: Vec<&str> = site_files(Flavor::Zola).iter().map(|f| f.0).collect();
        assert!(zola.contains(&"config.toml") && zola.contains(&"templates/page.html"));
        assert!(ZOLA_HOME.contains("sort_by"));
        assert!(CAREERS_HOME.contains("Synthetic sample data"));
    }

    #[test]
    fn flavors_parse_from_their_names() {
        assert_eq!("zola".parse::<Flavor>(), Ok(Flavor::Zola));
        assert!("jekyll".parse::<Flavor>().is_err());
    }
}
