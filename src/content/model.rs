//! The validated, typed content model that the rest of the pipeline uses.
//!
//! `validate` builds these from the raw [`FrontMatter`](super::FrontMatter);
//! after that, every value here is known to be well-formed. Wage tables are
//! complete here: figures the editor left out are derived and marked as
//! derived, so templates never compute a figure themselves. Display
//! formatting lives in `format`, not here.

use serde::Serialize;

/// What a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// `_index.md` at the root of `content/`: the home page's title and intro.
    Home,
    /// A page whose front matter has `soc`.
    Profile,
    /// Any other page (including `_index.md` in a subfolder).
    Plain,
}

/// Front matter after validation: everything a page has, profile or not.
#[derive(Debug, Clone, Default)]
pub struct PageMeta {
    pub title: String,
    pub summary: Option<String>,
    pub draft: bool,
    pub slug: Option<String>,
    pub extra: serde_json::Value,
    pub profile: Option<Profile>,
}

/// The structured facts of an occupation profile.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub soc: String,
    pub soc_version: u16,
    pub also_called: Vec<String>,
    pub at_a_glance: Vec<String>,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
    pub cluster: Option<String>,
    /// RIASEC letters, upper case, most important first.
    pub holland: Option<String>,
    pub job_zone: Option<u8>,
    pub education: Option<Education>,
    /// Other profiles, by slug or content path, as written; resolved later.
    pub related: Vec<String>,
    pub onet: Vec<String>,
    pub reviewed: Option<jiff::civil::Date>,
    pub wages: Option<WageTable>,
    pub outlook: Option<OutlookTable>,
}

/// Typical entry education, in increasing order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Education {
    None,
    HighSchool,
    PostsecondaryAward,
    SomeCollege,
    Associate,
    Bachelor,
    Master,
    Doctoral,
}

impl Education {
    pub const ALL: [Education; 8] = [
        Education::None,
        Education::HighSchool,
        Education::PostsecondaryAward,
        Education::SomeCollege,
        Education::Associate,
        Education::Bachelor,
        Education::Master,
        Education::Doctoral,
    ];

    /// The value editors write in front matter; also the URL part.
    pub fn key(self) -> &'static str {
        match self {
            Education::None => "none",
            Education::HighSchool => "high-school",
            Education::PostsecondaryAward => "postsecondary-award",
            Education::SomeCollege => "some-college",
            Education::Associate => "associate",
            Education::Bachelor => "bachelor",
            Education::Master => "master",
            Education::Doctoral => "doctoral",
        }
    }

    /// The name readers see (the BLS education categories).
    pub fn label(self) -> &'static str {
        match self {
            Education::None => "No formal educational credential",
            Education::HighSchool => "High school diploma or equivalent",
            Education::PostsecondaryAward => "Postsecondary nondegree award",
            Education::SomeCollege => "Some college, no degree",
            Education::Associate => "Associate's degree",
            Education::Bachelor => "Bachelor's degree",
            Education::Master => "Master's degree",
            Education::Doctoral => "Doctoral or professional degree",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.key() == key)
    }
}

/// The six Holland (RIASEC) interest areas.
pub const HOLLAND_LETTERS: [(char, &str); 6] = [
    ('R', "Realistic"),
    ('I', "Investigative"),
    ('A', "Artistic"),
    ('S', "Social"),
    ('E', "Enterprising"),
    ('C', "Conventional"),
];

pub fn holland_name(letter: char) -> Option<&'static str> {
    HOLLAND_LETTERS
        .iter()
        .find(|(l, _)| *l == letter)
        .map(|(_, name)| *name)
}

/// O*NET job zone names, zone 1 to 5.
pub fn job_zone_name(zone: u8) -> &'static str {
    match zone {
        1 => "Little or no preparation needed",
        2 => "Some preparation needed",
        3 => "Medium preparation needed",
        4 => "Considerable preparation needed",
        _ => "Extensive preparation needed",
    }
}

/// Hours in a full-time working year, the factor between hourly and yearly
/// wages that OEWS uses.
pub const HOURS_PER_YEAR: f64 = 2080.0;

/// A number as the editor wrote it: its value and how many decimals were
/// written, so that `15.0` is shown as `15.0` and `15.20` as `15.20`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    pub decimals: u8,
}

impl Number {
    pub fn new(value: f64, decimals: u8) -> Self {
        Number { value, decimals }
    }
}

/// One figure of a wage table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    Exact(Number),
    /// Top-coded: the true figure is at least this much.
    AtLeast(Number),
    NotPublished,
}

impl Amount {
    pub fn value(self) -> Option<f64> {
        match self {
            Amount::Exact(n) | Amount::AtLeast(n) => Some(n.value),
            Amount::NotPublished => None,
        }
    }

    /// A figure computed from this one, rounded to `decimals`.
    fn derive(self, decimals: u8, f: impl Fn(f64) -> f64) -> Amount {
        let scale = 10f64.powi(decimals as i32);
        let compute = |n: Number| Number::new((f(n.value) * scale).round() / scale, decimals);
        match self {
            Amount::Exact(n) => Amount::Exact(compute(n)),
            Amount::AtLeast(n) => Amount::AtLeast(compute(n)),
            Amount::NotPublished => Amount::NotPublished,
        }
    }
}

/// A figure and whether the build computed it rather than the editor.
///
/// Stored in 16 bytes rather than the 32 of an [`Amount`] and a flag: a
/// profile holds 225 of them, so at 10,000 profiles this is 36 MB of the
/// site's memory. Read it as an `Amount` with [`Wage::amount`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Wage {
    value: f64,
    decimals: u8,
    kind: AmountKind,
    /// Computed by the build from other figures, not given by the editor.
    pub derived: bool,
}

// The size the comment above promises.
const _: () = assert!(std::mem::size_of::<Wage>() == 16);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AmountKind {
    Exact,
    AtLeast,
    NotPublished,
}

impl Wage {
    pub fn new(amount: Amount, derived: bool) -> Self {
        let (kind, number) = match amount {
            Amount::Exact(n) => (AmountKind::Exact, n),
            Amount::AtLeast(n) => (AmountKind::AtLeast, n),
            Amount::NotPublished => (AmountKind::NotPublished, Number::new(0.0, 0)),
        };
        Wage {
            value: number.value,
            decimals: number.decimals,
            kind,
            derived,
        }
    }

    pub fn amount(self) -> Amount {
        let number = Number::new(self.value, self.decimals);
        match self.kind {
            AmountKind::Exact => Amount::Exact(number),
            AmountKind::AtLeast => Amount::AtLeast(number),
            AmountKind::NotPublished => Amount::NotPublished,
        }
    }
}

/// The five percentiles of one pay period: p10, p25, median, p75, p90.
pub type Percentiles = [Wage; 5];

pub const PERCENTILE_NAMES: [&str; 5] = [
    "10th percentile",
    "25th percentile",
    "median",
    "75th percentile",
    "90th percentile",
];

#[derive(Debug, Clone, PartialEq)]
pub struct WageTable {
    pub source: Option<String>,
    pub as_of: Option<String>,
    pub areas: Vec<WageRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WageRow {
    pub area: String,
    pub within: Option<String>,
    /// 0 for top-level areas, 1 for an area within one of those, and so on.
    pub depth: usize,
    pub hourly: Percentiles,
    pub monthly: Percentiles,
    pub yearly: Percentiles,
}

impl WageRow {
    /// Completes a row from the periods the editor gave. At least one of
    /// `hourly` and `yearly` must be given (validation makes sure of it).
    pub fn derive(
        area: String,
        within: Option<String>,
        depth: usize,
        hourly: Option<[Amount; 5]>,
        monthly: Option<[Amount; 5]>,
        yearly: Option<[Amount; 5]>,
    ) -> Self {
        let given = |row: [Amount; 5]| row.map(|amount| Wage::new(amount, false));
        let derived =
            |row: [Amount; 5]| row.map(|amount| Wage::new(amount, amount != Amount::NotPublished));
        let yearly_amounts = yearly
            .or_else(|| hourly.map(|h| h.map(|a| a.derive(0, |v| v * HOURS_PER_YEAR))))
            .unwrap_or([Amount::NotPublished; 5]);
        let hourly_row = match hourly {
            Some(h) => given(h),
            None => derived(yearly_amounts.map(|a| a.derive(2, |v| v / HOURS_PER_YEAR))),
        };
        let yearly_row = match yearly {
            Some(y) => given(y),
            None => derived(yearly_amounts),
        };
        let monthly_row = match monthly {
            Some(m) => given(m),
            None => derived(yearly_amounts.map(|a| a.derive(0, |v| v / 12.0))),
        };
        WageRow {
            area,
            within,
            depth,
            hourly: hourly_row,
            monthly: monthly_row,
            yearly: yearly_row,
        }
    }

    /// The median yearly wage, given or derived.
    pub fn median_yearly(&self) -> Wage {
        self.yearly[2]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutlookTable {
    pub source: Option<String>,
    pub period: Option<String>,
    pub areas: Vec<OutlookRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutlookRow {
    pub area: String,
    pub within: Option<String>,
    pub depth: usize,
    pub employment: Option<Number>,
    /// Percent change over the period for this occupation.
    pub growth: Option<Number>,
    /// Percent change over the period for all occupations in the same area.
    pub growth_all: Option<Number>,
    /// Average annual openings.
    pub openings: Option<Number>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use Amount::*;

    fn n(value: f64, decimals: u8) -> Number {
        Number::new(value, decimals)
    }

    #[test]
    fn derives_yearly_and_monthly_from_hourly() {
        let hourly = [
            Exact(n(12.76, 2)),
            Exact(n(15.42, 2)),
            Exact(n(19.40, 2)),
            AtLeast(n(100.0, 2)),
            NotPublished,
        ];
        let row = WageRow::derive("US".into(), None, 0, Some(hourly), None, None);
        assert_eq!(row.hourly[0], Wage::new(Exact(n(12.76, 2)), false));
        assert_eq!(row.yearly[0], Wage::new(Exact(n(26541.0, 0)), true));
        assert_eq!(row.monthly[2], Wage::new(Exact(n(3363.0, 0)), true));
        assert_eq!(row.yearly[3].amount(), AtLeast(n(208000.0, 0)));
        assert_eq!(row.yearly[4], Wage::new(NotPublished, false));
    }

    #[test]
    fn derives_hourly_from_yearly_and_keeps_given_figures() {
        let yearly = [26550.0, 32070.0, 40350.0, 52730.0, 66260.0].map(|v| Exact(n(v, 0)));
        let row = WageRow::derive("US".into(), None, 0, None, None, Some(yearly));
        assert_eq!(row.hourly[2], Wage::new(Exact(n(19.40, 2)), true));
        assert_eq!(row.yearly[2], Wage::new(Exact(n(40350.0, 0)), false));
        assert_eq!(row.monthly[2].amount(), Exact(n(3363.0, 0)));
    }

    #[test]
    fn education_keys_round_trip() {
        for e in Education::ALL {
            assert_eq!(Education::from_key(e.key()), Some(e));
        }
    }
}
