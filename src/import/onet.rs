//! `careers import onet`: draft profiles from the O*NET database.
//!
//! Reads the tab-separated text files of an O*NET database release (the
//! folder `db_NN_N_text` of the download) and writes a draft profile,
//! `draft: true`, for each occupation that has no profile yet: title,
//! summary (O*NET's description), a few other names, SOC and O*NET codes,
//! job zone, Holland code, typical education, related careers that have or
//! get a profile, the core tasks as "## Job duties", and the credit that
//! O*NET's CC BY 4.0 licence asks for. It never changes an existing file.
//!
//! Education is the Required Level of Education (RL) category that most
//! respondents chose, mapped to the content model's keys by
//! [`education_key`]; the Holland code is the three highest RIASEC scores
//! on the Occupational Interests (OI) scale.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::apply::Change;
use super::codes;
use super::profiles::{self, Profile};
use super::splice::{quoted, scalar};
use super::table::{self, Table};
use super::{ImportError, ImportReport};

/// What `careers import onet` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct OnetOptions {
    pub root: PathBuf,
    /// The database folder (holding "Occupation Data.txt" and the rest).
    pub dir: PathBuf,
    /// Only these occupations: SOC codes (every O*NET occupation within
    /// them) or O*NET-SOC codes. Empty means all.
    pub only: Vec<String>,
    pub dry_run: bool,
}

const OCCUPATIONS: &str = "Occupation Data.txt";
const TASKS: &str = "Task Statements.txt";
const JOB_ZONES: &str = "Job Zones.txt";
const INTERESTS: &str = "Interests.txt";
const ALTERNATE_TITLES: &str = "Alternate Titles.txt";
const RELATED: &str = "Related Occupations.txt";
const EDUCATION: &str = "Education, Training, and Experience.txt";

const CODE: &str = "o*net-soc code";
/// How many other names a draft gets.
const ALSO_CALLED: usize = 3;
/// How many related careers a draft lists at most.
const RELATED_MAX: usize = 10;

/// The content model's education key for O*NET's Required Level of
/// Education categories 1–12. Certificates after a degree count as that
/// degree; a first professional degree (law, medicine) and post-doctoral
/// training count as doctoral, as in the BLS categories.
pub fn education_key(category: u8) -> Option<&'static str> {
    Some(match category {
        1 => "none",                // Less than a high school diploma
        2 => "high-school",         // High school diploma or equivalent
        3 => "postsecondary-award", // Post-secondary certificate
        4 => "some-college",        // Some college courses
        5 => "associate",           // Associate's degree
        6 => "bachelor",            // Bachelor's degree
        7 => "bachelor",            // Post-baccalaureate certificate
        8 => "master",              // Master's degree
        9 => "master",              // Post-master's certificate
        10 => "doctoral",           // First professional degree
        11 => "doctoral",           // Doctoral degree
        12 => "doctoral",           // Post-doctoral training
        _ => return None,
    })
}

/// One occupation of the database, with what the draft needs.
#[derive(Debug, Default, Clone)]
struct Occupation {
    code: String,
    title: String,
    description: String,
    tasks: Vec<String>,
    job_zone: Option<u8>,
    /// RIASEC letter → OI score.
    interests: Vec<(char, f64)>,
    /// (title, number of sources), in file order.
    also_called: Vec<(String, usize)>,
    /// (related code, index), in file order.
    related: Vec<(String, u32)>,
    /// (RL category, percent of respondents).
    education: Vec<(u8, f64)>,
}

/// Runs the import. `Err` only when the command cannot run at all.
pub fn import(options: &OnetOptions) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport {
        what: "draft profiles",
        dry_run: options.dry_run,
        ..Default::default()
    };
    if !options.dir.join(OCCUPATIONS).is_file() {
        return Err(ImportError::Usage(format!(
            "{} has no \"{OCCUPATIONS}\": give the folder of the O*NET database's text files",
            options.dir.display()
        )));
    }
    let only = parse_only(&options.only)?;
    let mut occupations = read_database(&options.dir, &mut report);
    if !report.errors.is_empty() {
        return Ok(report);
    }
    let site = profiles::load(&options.root)?;
    report.warnings.extend(site.warnings.iter().cloned());
    occupations.retain(|o| only.as_ref().is_none_or(|only| only.matches(&o.code)));
    if let Some(only) = &only {
        report.warnings.extend(only.unmatched(&occupations));
    }
    let drafts = plan(&site, &occupations, &mut report);
    report.read = format!(
        "Read the O*NET {} database: {} to consider.",
        version(&options.dir).unwrap_or_else(|| "text".into()),
        super::count(occupations.len(), "occupation"),
    );
    let changes: Vec<Change> = drafts
        .iter()
        .map(|d| d.change(&site.content, &occupations, &version(&options.dir)))
        .collect();
    report.updated = changes.iter().map(|c| c.display.clone()).collect();
    super::finish(&changes, &mut report);
    Ok(report)
}

/// The occupations `--only` asks for.
struct Only(Vec<String>);

fn parse_only(codes_given: &[String]) -> Result<Option<Only>, ImportError> {
    let mut wanted = Vec::new();
    for text in codes_given
        .iter()
        .flat_map(|t| t.split(','))
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        match codes::onet(text).or_else(|| codes::soc(text)) {
            Some(code) => wanted.push(code),
            None => {
                return Err(ImportError::Usage(format!(
                    "`{text}` is not a SOC code (29-2072) or an O*NET-SOC code (29-2072.00)"
                )))
            }
        }
    }
    Ok((!wanted.is_empty()).then_some(Only(wanted)))
}

impl Only {
    fn matches(&self, onet: &str) -> bool {
        self.0
            .iter()
            .any(|w| w == onet || onet.get(..7) == Some(w.as_str()))
    }

    fn unmatched(&self, occupations: &[Occupation]) -> Vec<String> {
        self.0
            .iter()
            .filter(|w| {
                !occupations
                    .iter()
                    .any(|o| Only(vec![(*w).clone()]).matches(&o.code))
            })
            .map(|w| format!("{w} is not in the O*NET database"))
            .collect()
    }
}

/// "db_28_3_text" → "28.3".
fn version(dir: &Path) -> Option<String> {
    let name = dir.file_name()?.to_string_lossy().into_owned();
    let parts: Vec<&str> = name.split('_').collect();
    match parts.as_slice() {
        ["db", major, minor, ..]
            if major.parse::<u32>().is_ok() && minor.parse::<u32>().is_ok() =>
        {
            Some(format!("{major}.{minor}"))
        }
        _ => None,
    }
}

/// Reads every file; a missing optional file is a warning.
fn read_database(dir: &Path, report: &mut ImportReport) -> Vec<Occupation> {
    let mut by_code: HashMap<String, Occupation> = HashMap::new();
    let mut order = Vec::new();
    let readers: [(&str, Reader); 7] = [
        (OCCUPATIONS, read_occupation),
        (TASKS, read_task),
        (JOB_ZONES, read_job_zone),
        (INTERESTS, read_interest),
        (ALTERNATE_TITLES, read_alternate_title),
        (RELATED, read_related),
        (EDUCATION, read_education),
    ];
    for (name, reader) in readers {
        let path = dir.join(name);
        if !path.is_file() {
            report.warnings.push(format!(
                "{} is missing: drafts are made without it",
                path.display()
            ));
            continue;
        }
        let errors = read_each(&path, reader, &mut by_code, &mut order);
        report.errors.extend(errors);
    }
    order
        .into_iter()
        .filter_map(|code| by_code.remove(&code))
        .collect()
}

/// Reads one row into the occupation it is about.
type Reader = fn(&Table, &table::Row, &mut Occupation) -> Result<(), ImportError>;

fn read_each(
    path: &Path,
    reader: Reader,
    by_code: &mut HashMap<String, Occupation>,
    order: &mut Vec<String>,
) -> Vec<ImportError> {
    let table = match table::read_tsv(path, path) {
        Ok(table) => table,
        Err(e) => return vec![e],
    };
    let Some(code_column) = table.column(&[CODE]) else {
        return vec![table.error("there is no \"O*NET-SOC Code\" column".into())];
    };
    let is_occupations = path.ends_with(OCCUPATIONS);
    let mut errors = Vec::new();
    for row in &table.rows {
        let text = table.cell(row, code_column);
        if text.is_empty() {
            continue;
        }
        let Some(code) = codes::onet(text) else {
            errors.push(table.cell_error(
                row,
                code_column,
                format!("`{text}` is not an O*NET-SOC code"),
            ));
            continue;
        };
        if is_occupations && !by_code.contains_key(&code) {
            order.push(code.clone());
            by_code.insert(
                code.clone(),
                Occupation {
                    code: code.clone(),
                    ..Default::default()
                },
            );
        }
        if let Some(occupation) = by_code.get_mut(&code) {
            if let Err(e) = reader(&table, row, occupation) {
                errors.push(e);
            }
        }
    }
    errors
}

/// A column's cell, or an error naming the missing column.
fn text<'a>(table: &Table, row: &'a table::Row, name: &str) -> Result<&'a str, ImportError> {
    let column = table
        .column(&[name])
        .ok_or_else(|| table.error(format!("there is no \"{name}\" column")))?;
    Ok(table.cell(row, column))
}

fn number<T: std::str::FromStr>(
    table: &Table,
    row: &table::Row,
    name: &str,
) -> Result<T, ImportError> {
    let value = text(table, row, name)?;
    value.parse().map_err(|_| {
        let column = table.column(&[name]).unwrap_or(0);
        table.cell_error(row, column, format!("`{value}` is not a number"))
    })
}

fn read_occupation(table: &Table, row: &table::Row, o: &mut Occupation) -> Result<(), ImportError> {
    o.title = text(table, row, "title")?.to_string();
    o.description = text(table, row, "description")?.to_string();
    Ok(())
}

fn read_task(table: &Table, row: &table::Row, o: &mut Occupation) -> Result<(), ImportError> {
    if text(table, row, "task type")?.eq_ignore_ascii_case("core") {
        o.tasks.push(text(table, row, "task")?.to_string());
    }
    Ok(())
}

fn read_job_zone(table: &Table, row: &table::Row, o: &mut Occupation) -> Result<(), ImportError> {
    o.job_zone = Some(number(table, row, "job zone")?);
    Ok(())
}

fn read_interest(table: &Table, row: &table::Row, o: &mut Occupation) -> Result<(), ImportError> {
    if !text(table, row, "scale id")?.eq_ignore_ascii_case("oi") {
        return Ok(());
    }
    let name = text(table, row, "element name")?;
    let letter = name.chars().next().map(|c| c.to_ascii_uppercase());
    if let Some(letter) = letter.filter(|l| "RIASEC".contains(*l)) {
        o.interests
            .push((letter, number(table, row, "data value")?));
    }
    Ok(())
}

fn read_alternate_title(
    table: &Table,
    row: &table::Row,
    o: &mut Occupation,
) -> Result<(), ImportError> {
    let title = text(table, row, "alternate title")?.to_string();
    let sources = text(table, row, "source(s)").map_or(1, |s| s.split(',').count());
    o.also_called.push((title, sources));
    Ok(())
}

fn read_related(table: &Table, row: &table::Row, o: &mut Occupation) -> Result<(), ImportError> {
    let code_text = text(table, row, "related o*net-soc code")?;
    let code = codes::onet(code_text).ok_or_else(|| {
        let column = table.column(&["related o*net-soc code"]).unwrap_or(0);
        table.cell_error(
            row,
            column,
            format!("`{code_text}` is not an O*NET-SOC code"),
        )
    })?;
    let index = number(table, row, "index").unwrap_or(u32::MAX);
    o.related.push((code, index));
    Ok(())
}

fn read_education(table: &Table, row: &table::Row, o: &mut Occupation) -> Result<(), ImportError> {
    if !text(table, row, "scale id")?.eq_ignore_ascii_case("rl") {
        return Ok(());
    }
    o.education.push((
        number(table, row, "category")?,
        number(table, row, "data value")?,
    ));
    Ok(())
}

impl Occupation {
    fn soc(&self) -> &str {
        &self.code[..7]
    }

    /// The three highest OI scores, highest first; ties in RIASEC order.
    fn holland(&self) -> Option<String> {
        let mut scores = self.interests.clone();
        scores.sort_by(|a, b| b.1.total_cmp(&a.1).then(riasec(a.0).cmp(&riasec(b.0))));
        let letters: String = scores.iter().take(3).map(|(l, _)| *l).collect();
        (!letters.is_empty()).then_some(letters)
    }

    /// The RL category with the most respondents (the lower one on a tie).
    fn education(&self) -> Option<&'static str> {
        let best = self
            .education
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
        education_key(best.0)
    }

    /// A few other names: those most sources give, then in file order.
    fn also_called(&self) -> Vec<String> {
        let mut names: Vec<(usize, &(String, usize))> =
            self.also_called.iter().enumerate().collect();
        names.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(&b.0)));
        // "Medical Transcriptionist" is the title, not another name for it.
        let key = |name: &str| name.to_lowercase().trim_end_matches('s').to_string();
        let mut seen = HashSet::from([key(&self.title)]);
        names
            .into_iter()
            .map(|(_, (name, _))| name.clone())
            .filter(|name| seen.insert(key(name)))
            .take(ALSO_CALLED)
            .collect()
    }
}

fn riasec(letter: char) -> usize {
    "RIASEC".find(letter).unwrap_or(6)
}

/// A draft to write: which occupation, which file.
struct Draft {
    occupation: usize,
    rel_path: String,
    /// What `related` may name: O*NET code → reference.
    references: HashMap<String, String>,
}

/// Decides which occupations get a draft and the file name of each.
fn plan(
    site: &profiles::Site,
    occupations: &[Occupation],
    report: &mut ImportReport,
) -> Vec<Draft> {
    let mut references: HashMap<String, String> = HashMap::new();
    let mut new = Vec::new();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for (i, occupation) in occupations.iter().enumerate() {
        if let Some(profile) = existing(&site.profiles, &occupation.code) {
            references.insert(occupation.code.clone(), profile.reference());
            report
                .without_data
                .push((profile.display().to_path_buf(), occupation.code.clone()));
            continue;
        }
        let rel_path = file_name(&site.content, &occupation.title, &occupation.code, &taken);
        taken.insert(rel_path.clone());
        references.insert(occupation.code.clone(), profiles::reference(&rel_path));
        new.push((i, rel_path));
    }
    for profile in &site.profiles {
        let soc_code = format!("{}.00", profile.soc());
        for code in profile.onet().iter().chain([&soc_code]) {
            references
                .entry(code.clone())
                .or_insert_with(|| profile.reference());
        }
    }
    new.into_iter()
        .map(|(occupation, rel_path)| Draft {
            occupation,
            rel_path,
            references: references.clone(),
        })
        .collect()
}

/// The profile that already covers an O*NET occupation: one that lists
/// its code under `onet`, or, for a `.00` code, one with its SOC code.
fn existing<'a>(profiles: &'a [Profile], code: &str) -> Option<&'a Profile> {
    profiles
        .iter()
        .find(|p| p.onet().iter().any(|c| c == code))
        .or_else(|| {
            code.strip_suffix(".00")
                .and_then(|soc| profiles.iter().find(|p| p.soc() == soc))
        })
}

/// `medical-transcriptionists.md`, or with the code added when that name
/// is taken on disk or in this run.
fn file_name(content: &Path, title: &str, code: &str, taken: &BTreeSet<String>) -> String {
    let slug = slug(title);
    let plain = format!("{slug}.md");
    if !content.join(&plain).exists() && !taken.contains(&plain) {
        return plain;
    }
    format!("{slug}-{}.md", code.replace('.', "-"))
}

/// Lower-case ASCII letters and digits joined by single hyphens.
fn slug(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "occupation".into()
    } else {
        slug
    }
}

impl Draft {
    fn change(
        &self,
        content: &Path,
        occupations: &[Occupation],
        version: &Option<String>,
    ) -> Change {
        let o = &occupations[self.occupation];
        Change {
            path: content.join(&self.rel_path),
            display: PathBuf::from("content").join(&self.rel_path),
            rel_path: self.rel_path.clone(),
            before: None,
            after: format!("{}{}", self.front_matter(o), body(o, version.as_deref())),
            bom: false,
        }
    }

    fn front_matter(&self, o: &Occupation) -> String {
        let mut text = format!(
            "---\ntitle: {}\nsoc: {}\n",
            scalar(&o.title),
            quoted(o.soc())
        );
        let also_called = o.also_called();
        if !also_called.is_empty() {
            text.push_str(&format!("also_called: {}\n", flow_list(&also_called)));
        }
        if !o.description.is_empty() {
            text.push_str(&format!("summary: {}\n", scalar(&o.description)));
        }
        if let Some(holland) = o.holland() {
            text.push_str(&format!("holland: {holland}\n"));
        }
        if let Some(zone) = o.job_zone {
            text.push_str(&format!("job_zone: {zone}\n"));
        }
        if let Some(education) = o.education() {
            text.push_str(&format!("education: {education}\n"));
        }
        let related = self.related(o);
        if !related.is_empty() {
            text.push_str(&format!("related: {}\n", flow_list(&related)));
        }
        text.push_str(&format!("onet: [{}]\ndraft: true\n---\n", quoted(&o.code)));
        text
    }

    /// Related occupations that have or get a profile, best first, each once.
    fn related(&self, o: &Occupation) -> Vec<String> {
        let mut related = o.related.clone();
        related.sort_by_key(|(_, index)| *index);
        let own = self.references.get(&o.code);
        let mut seen = HashSet::new();
        related
            .iter()
            .filter_map(|(code, _)| self.references.get(code))
            .filter(|r| Some(*r) != own && seen.insert((*r).clone()))
            .take(RELATED_MAX)
            .cloned()
            .collect()
    }
}

fn flow_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| scalar(i)).collect();
    format!("[{}]", items.join(", "))
}

fn body(o: &Occupation, version: Option<&str>) -> String {
    let mut text = String::new();
    if !o.tasks.is_empty() {
        text.push_str("\n## Job duties\n\n");
        for task in &o.tasks {
            text.push_str(&format!("- {}\n", markdown_text(task)));
        }
    }
    let database = match version {
        Some(v) => format!("O\\*NET {v} Database"),
        None => "O\\*NET Database".into(),
    };
    text.push_str(&format!(
        "\nThis draft includes information from the [{database}](https://www.onetcenter.org/database.html) \
         by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA). \
         Used under the [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/) license. \
         O\\*NET® is a trademark of USDOL/ETA.\n"
    ));
    text
}

/// Text as Markdown shows it literally: characters that would start
/// emphasis, links, code or HTML are escaped.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#') {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_every_rl_category() {
        let keys: Vec<_> = (1..=12).map(|c| education_key(c).unwrap()).collect();
        assert_eq!(
            keys,
            [
                "none",
                "high-school",
                "postsecondary-award",
                "some-college",
                "associate",
                "bachelor",
                "bachelor",
                "master",
                "master",
                "doctoral",
                "doctoral",
                "doctoral"
            ]
        );
        assert_eq!(education_key(13), None);
    }

    #[test]
    fn holland_code_is_the_top_three_interests() {
        let o = Occupation {
            interests: vec![
                ('R', 1.0),
                ('I', 4.5),
                ('A', 1.0),
                ('S', 3.0),
                ('E', 3.0),
                ('C', 6.9),
            ],
            ..Default::default()
        };
        assert_eq!(o.holland().as_deref(), Some("CIS"));
    }

    #[test]
    fn education_is_the_most_chosen_category() {
        let o = Occupation {
            education: vec![(2, 20.0), (3, 45.5), (5, 45.5), (6, 9.0)],
            ..Default::default()
        };
        assert_eq!(o.education(), Some("postsecondary-award"));
    }

    #[test]
    fn names_files_and_versions() {
        assert_eq!(
            slug("Medical Secretaries and Administrative Assistants"),
            "medical-secretaries-and-administrative-assistants"
        );
        assert_eq!(slug("Nurse Anesthetists (CRNA)"), "nurse-anesthetists-crna");
        assert_eq!(
            version(Path::new("/x/db_28_3_text")).as_deref(),
            Some("28.3")
        );
        assert_eq!(version(Path::new("/x/onet")), None);
        assert_eq!(markdown_text("Use *.docx_files"), "Use \\*.docx\\_files");
    }
}
