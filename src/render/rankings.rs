//! Ranked lists of profiles: highest paying, fastest growing and most
//! annual openings, each in the primary area.
//!
//! The primary area is `site.primary_area`; without it, each profile's first
//! listed area is used (and the pages say so). Profiles without the figure
//! are left out and counted, never ranked as zero. Figures come from
//! `crate::format` through the same rows as the tables, so derived and
//! top-coded figures keep their marks.

use serde::Serialize;

use super::context::PageContext;
use super::outputs::{single, write_text, Item, Kind};
use super::pager::{self, Pager};
use super::strings::Strings;
use super::Ctx;
use crate::content::model::Profile;
use crate::format::{self, Figure, FigureStatus, Period};
use crate::site::View;

/// `rankings/index.html`: one link per list.
pub static INDEX: Kind = Kind {
    name: "rankings index",
    needs_template: Some(INDEX_TEMPLATE),
    reserves: &[(FOLDER, "the ranking pages")],
    streamed: false,
    per_language: true,
    list: |ctx| match super::has_downloads(&ctx.view) {
        true => single(
            &format!("{FOLDER}index.html"),
            Some(FOLDER),
            Some(INDEX_TEMPLATE),
        ),
        false => Vec::new(),
    },
    render: |ctx, _, out, _| {
        let strings = ctx.strings();
        let data = RankingIndexData {
            page: PageContext::generated(
                &ctx.view,
                strings.get("rankings").into(),
                FOLDER,
                Some(strings.get("rankings_summary").into()),
            ),
            rankings: summaries(ctx),
        };
        let path = format!("{FOLDER}index.html");
        write_text(out, &ctx.render_template(INDEX_TEMPLATE, &path, &data)?)
    },
};

/// `rankings/KIND/index.html`: one page per list.
pub static RANKINGS: Kind = Kind {
    name: "ranking",
    needs_template: Some(TEMPLATE),
    reserves: &[(FOLDER, "the ranking pages")],
    streamed: false,
    per_language: true,
    list: |ctx| match super::has_downloads(&ctx.view) {
        true => RankingKind::ALL
            .iter()
            .flat_map(|kind| {
                let rows = ranked(ctx, *kind).entries.len();
                pager::list(Item::Ranking(*kind), &kind.url_path(), rows, TEMPLATE)
            })
            .collect(),
        false => Vec::new(),
    },
    render: |ctx, output, out, _| {
        let (Item::Ranking(kind), page) = pager::split(&output.item) else {
            return Ok(());
        };
        let ranking = ranked(ctx, *kind).page(ctx.view.base_path(), page);
        let data = RankingData {
            page: PageContext::generated(
                &ctx.view,
                ranking.title.clone(),
                &pager::url_path(&kind.url_path(), page),
                Some(ranking.description.clone()),
            ),
            ranking,
        };
        write_text(out, &ctx.render_template(TEMPLATE, &output.path, &data)?)
    },
};

#[derive(Serialize)]
struct RankingData {
    page: PageContext,
    ranking: RankingContext,
}

#[derive(Serialize)]
struct RankingIndexData {
    page: PageContext,
    rankings: Vec<RankingSummary>,
}

/// The folder of the ranking pages, below the base path.
pub const FOLDER: &str = "rankings/";
/// The optional templates of the rankings index and of each ranked list.
pub const INDEX_TEMPLATE: &str = "rankings.html";
pub const TEMPLATE: &str = "ranking.html";

/// One of the ranked lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RankingKind {
    HighestPaying,
    FastestGrowing,
    MostOpenings,
}

impl RankingKind {
    pub const ALL: [RankingKind; 3] = [
        RankingKind::HighestPaying,
        RankingKind::FastestGrowing,
        RankingKind::MostOpenings,
    ];

    /// The key of one of the list's strings (`title`, `figure`,
    /// `description`, `missing`): `ranking_highest-paying_title`.
    pub fn key(self, what: &str) -> String {
        format!("ranking_{}_{what}", self.slug())
    }

    pub fn slug(self) -> &'static str {
        match self {
            RankingKind::HighestPaying => "highest-paying",
            RankingKind::FastestGrowing => "fastest-growing",
            RankingKind::MostOpenings => "most-openings",
        }
    }

    /// The path of the list's page below the base: `rankings/highest-paying/`.
    pub fn url_path(self) -> String {
        format!("{FOLDER}{}/", self.slug())
    }

    /// The figure a profile is ranked by, and its area.
    fn figure(self, profile: &Profile, primary: Option<&str>) -> (Option<String>, Figure) {
        let pick = |area: &str| primary.is_none_or(|p| p == area);
        match self {
            RankingKind::HighestPaying => {
                let row = profile
                    .wages
                    .as_ref()
                    .and_then(|w| w.areas.iter().find(|r| pick(&r.area)));
                let figure = row.map_or_else(Figure::not_published, |r| {
                    format::wage(r.median_yearly(), Period::Yearly)
                });
                (row.map(|r| r.area.clone()), figure)
            }
            RankingKind::FastestGrowing | RankingKind::MostOpenings => {
                let row = profile
                    .outlook
                    .as_ref()
                    .and_then(|o| o.areas.iter().find(|r| pick(&r.area)));
                let value = row.and_then(|r| match self {
                    RankingKind::FastestGrowing => r.growth,
                    _ => r.openings,
                });
                let figure = match self {
                    RankingKind::FastestGrowing => format::percent(value),
                    _ => format::count(value),
                };
                (row.map(|r| r.area.clone()), figure)
            }
        }
    }
}

/// `ranking`: on `ranking.html`.
#[derive(Debug, Serialize)]
pub struct RankingContext {
    /// `highest-paying`, `fastest-growing` or `most-openings`.
    pub kind: RankingKind,
    pub title: String,
    pub description: String,
    pub url: String,
    pub figure_name: String,
    /// `site.primary_area`, or null when each profile's first area is used.
    pub area: Option<String>,
    /// Which area the figures are for, in words.
    pub area_note: String,
    pub entries: Vec<RankingEntry>,
    /// How many profiles are left out for want of the figure.
    pub left_out: usize,
    /// Why, in words; empty when none is left out.
    pub left_out_note: String,
    /// True when any entry's figure is derived (to explain the mark).
    pub has_derived: bool,
    pub has_top_coded: bool,
    /// Where this page is among the list's pages (a hundred entries each);
    /// `entries` are this page's.
    pub pager: Pager,
}

/// One ranked profile.
#[derive(Debug, Clone, Serialize)]
pub struct RankingEntry {
    /// 1 for the first; profiles with equal figures share a rank.
    pub rank: usize,
    pub title: String,
    pub url: String,
    pub soc: String,
    /// The area the figure is for.
    pub area: Option<String>,
    pub figure: Figure,
    /// The language of the title when it is not the page's (`en` for a
    /// profile not translated yet); null otherwise.
    pub lang: Option<String>,
}

/// `rankings`: on `rankings.html`, one link per list.
#[derive(Debug, Serialize)]
pub struct RankingSummary {
    pub title: String,
    pub description: String,
    pub url: String,
    /// How many profiles the list ranks.
    pub count: usize,
}

/// The ranked list of one kind.
pub fn ranking(view: &View, kind: RankingKind, strings: &Strings) -> RankingContext {
    let primary = view.primary_area();
    let numbers = strings.localizer(&view.language().locale);
    let mut found: Vec<(f64, RankingEntry)> = Vec::new();
    let mut left_out = 0;
    for facts in view.profile_ids().filter_map(|id| view.facts(id)) {
        let profile = facts.profile;
        let (area, figure) = kind.figure(profile, primary);
        match figure.value.filter(|v| v.is_finite()) {
            Some(value) => found.push((
                value,
                RankingEntry {
                    rank: 0,
                    title: facts.meta.title.clone(),
                    url: facts.url.to_string(),
                    soc: profile.soc.clone(),
                    area,
                    figure: numbers.figure(&figure),
                    lang: facts.words_lang.title.clone(),
                },
            )),
            None => left_out += 1,
        }
    }
    let entries = rank(found);
    RankingContext {
        kind,
        title: strings.get(&kind.key("title")).into(),
        description: strings.get(&kind.key("description")).into(),
        url: format!("{}{}", view.base_path(), kind.url_path()),
        figure_name: strings.get(&kind.key("figure")).into(),
        area: primary.map(str::to_string),
        area_note: area_note(strings, primary),
        has_derived: entries.iter().any(|e| e.figure.derived),
        has_top_coded: entries
            .iter()
            .any(|e| e.figure.status == FigureStatus::TopCoded),
        pager: Pager::new(view.base_path(), &kind.url_path(), 1, entries.len()),
        entries,
        left_out,
        left_out_note: left_out_note(strings, kind, left_out, primary),
    }
}

/// Sorts by value, highest first (ties by title), and numbers the entries,
/// equal values sharing a rank (1, 2, 2, 4).
pub fn rank(mut found: Vec<(f64, RankingEntry)>) -> Vec<RankingEntry> {
    found.sort_by(|(a, x), (b, y)| {
        b.total_cmp(a)
            .then_with(|| x.title.to_lowercase().cmp(&y.title.to_lowercase()))
    });
    let mut previous: Option<f64> = None;
    let mut rank = 0;
    found
        .into_iter()
        .enumerate()
        .map(|(i, (value, mut entry))| {
            if previous != Some(value) {
                rank = i + 1;
            }
            previous = Some(value);
            entry.rank = rank;
            entry
        })
        .collect()
}

/// Which area the figures are for. "The United States" is English
/// grammar: other languages get the name as written.
fn area_note(strings: &Strings, primary: Option<&str>) -> String {
    match primary {
        Some(area) => {
            let phrase = match strings.get("area_phrase_rule") {
                "english" => crate::content::validate::area_phrase(area),
                _ => area.to_string(),
            };
            strings.fill("ranking_area_note", &[("area", &phrase)])
        }
        None => strings.get("ranking_area_note_none").into(),
    }
}

fn left_out_note(
    strings: &Strings,
    kind: RankingKind,
    left_out: usize,
    primary: Option<&str>,
) -> String {
    let area = primary.unwrap_or(strings.get("their_first_area"));
    let why = strings.get(&kind.key("missing"));
    let count = left_out.to_string();
    let values = [("count", count.as_str()), ("why", why), ("area", area)];
    match left_out {
        0 => String::new(),
        1 => strings.fill("ranking_left_out_one", &values),
        _ => strings.fill("ranking_left_out_many", &values),
    }
}

/// The index of the lists.
fn summaries(ctx: &Ctx) -> Vec<RankingSummary> {
    RankingKind::ALL
        .into_iter()
        .map(|kind| {
            let list = ranked(ctx, kind);
            RankingSummary {
                title: list.title.clone(),
                description: list.description.clone(),
                url: list.url.clone(),
                count: list.entries.len(),
            }
        })
        .collect()
}

/// The whole ranking of `kind`, made once per site version and language
/// and shared by its pages (each page's ranks depend on every profile).
fn ranked(ctx: &Ctx, kind: RankingKind) -> std::sync::Arc<RankingContext> {
    let strings = ctx.strings();
    ctx.derived()
        .rankings
        .get(&ctx.view, &kind, |view| ranking(view, kind, strings))
}

impl RankingContext {
    /// Page `page` (from 1) of the list: its hundred entries, and where
    /// it is among the pages.
    fn page(&self, base_path: &str, page: usize) -> RankingContext {
        let pager = Pager::new(base_path, &self.kind.url_path(), page, self.entries.len());
        let start = pager.first_row.max(1) - 1;
        RankingContext {
            kind: self.kind,
            title: self.title.clone(),
            description: self.description.clone(),
            url: self.url.clone(),
            figure_name: self.figure_name.clone(),
            area: self.area.clone(),
            area_note: self.area_note.clone(),
            entries: self
                .entries
                .iter()
                .skip(start)
                .take(pager::PAGE_SIZE)
                .cloned()
                .collect(),
            left_out: self.left_out,
            left_out_note: self.left_out_note.clone(),
            has_derived: self.has_derived,
            has_top_coded: self.has_top_coded,
            pager,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_area_note_gives_a_country_its_article() {
        let en = Strings::built_in("en");
        assert_eq!(
            area_note(&en, Some("United States")),
            "Figures for the United States."
        );
        assert_eq!(
            area_note(&en, Some("Washington")),
            "Figures for Washington."
        );
    }

    fn entry(title: &str) -> RankingEntry {
        RankingEntry {
            rank: 0,
            title: title.into(),
            url: String::new(),
            soc: String::new(),
            area: None,
            figure: Figure::not_published(),
            lang: None,
        }
    }

    #[test]
    fn highest_first_and_ties_share_a_rank() {
        let ranked = rank(vec![
            (1.0, entry("c")),
            (5.0, entry("b")),
            (5.0, entry("a")),
            (-2.0, entry("d")),
        ]);
        let got: Vec<(usize, &str)> = ranked.iter().map(|e| (e.rank, e.title.as_str())).collect();
        assert_eq!(got, [(1, "a"), (1, "b"), (3, "c"), (4, "d")]);
    }

    #[test]
    fn left_out_notes_count_and_explain() {
        let en = Strings::built_in("en");
        let es = Strings::built_in("es");
        assert_eq!(
            left_out_note(&es, RankingKind::HighestPaying, 2, Some("Washington")),
            "Se omiten 2 perfiles porque no se publica un salario anual mediano para Washington."
        );
        assert_eq!(
            area_note(&es, Some("United States")),
            "Cifras de United States."
        );
        assert_eq!(left_out_note(&en, RankingKind::MostOpenings, 0, None), "");
        assert_eq!(
            left_out_note(&en, RankingKind::HighestPaying, 2, Some("Washington")),
            "2 profiles are left out because no median yearly wage is published for Washington."
        );
    }
}
