//! Reading front matter key by key from a YAML tree, so that one run
//! reports every problem in a file, each at its own line.
//!
//! A value of the wrong kind (a list for `title`, `62,000` for a number) is
//! reported where it is written, with a hint drawn from what was written
//! ("write 62000"), and left out; the reader goes on with the next key, so
//! one mistake never hides the others. What is read is exactly what serde
//! would deserialize from the same YAML into [`FrontMatter`]: a document
//! serde_yaml accepts gives the same value and the same unknown keys, and
//! one it refuses gives at least one problem (`tests/yaml_equivalence.rs`).

use super::front_matter::{
    self as raw, parse_number, FrontMatter, Outlook, OutlookArea, Text, WageArea, WageEntry, Wages,
};
use super::model::Number;
use crate::yaml::{self, Node, Resolved, Segment, Style, Value};

/// A problem found while reading: where (a byte offset into the YAML
/// text), what, and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Problem {
    pub offset: usize,
    pub message: String,
    pub hint: Option<String>,
}

/// A key the model does not know: its path and where the key is written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Unknown {
    pub path: Vec<Segment>,
    pub offset: usize,
}

/// What [`read`] found.
#[derive(Debug, Default)]
pub(crate) struct Read {
    pub front: FrontMatter,
    pub problems: Vec<Problem>,
    pub unknown: Vec<Unknown>,
}

/// Reads the front matter `root` (parsed from `text`) key by key.
pub(crate) fn read(root: &Node, text: &str) -> Read {
    let mut reader = Reader {
        text,
        problems: Vec::new(),
        unknown: Vec::new(),
    };
    let front = reader.front_matter(root);
    Read {
        front,
        problems: reader.problems,
        unknown: reader.unknown,
    }
}

struct Reader<'t> {
    text: &'t str,
    problems: Vec<Problem>,
    unknown: Vec<Unknown>,
}

/// What a node is, in the words messages use.
fn kind(node: &Node) -> &'static str {
    match &node.value {
        Value::Scalar { .. } => "text",
        Value::Seq(_) => "a list",
        Value::Map(_) => "keys and values",
    }
}

fn scalar<'n>(node: &'n Node) -> Option<(&'n str, Style)> {
    match &node.value {
        Value::Scalar { text, style } => Some((text, *style)),
        _ => None,
    }
}

/// `~`, `null` or nothing, written plain: what serde reads as `None`.
fn is_null(node: &Node) -> bool {
    matches!(scalar(node), Some((text, Style::Plain)) if matches!(text, "" | "~" | "null" | "Null" | "NULL"))
}

/// `key:` with nothing after it, which serde reads as an empty list or
/// mapping where one is wanted.
fn is_empty(node: &Node) -> bool {
    matches!(scalar(node), Some(("", Style::Plain)))
}

/// Entries of a mapping, each key read once: a key given twice is
/// reported as such by the caller, and only its first value is read.
fn entries<'n, 'a>(entries: &'n [yaml::Entry<'a>]) -> impl Iterator<Item = &'n yaml::Entry<'a>> {
    let mut seen = std::collections::HashSet::new();
    let small = entries.len() <= 16;
    entries
        .iter()
        .enumerate()
        .filter(move |(i, entry)| match small {
            true => !entries.iter().take(*i).any(|e| e.key == entry.key),
            false => seen.insert(entry.key.as_ref()),
        })
        .map(|(_, entry)| entry)
}

impl Reader<'_> {
    fn problem(&mut self, node: &Node, message: String, hint: impl Into<Option<String>>) {
        self.problems.push(Problem {
            offset: node.offset,
            message,
            hint: hint.into(),
        });
    }

    fn unknown_key(&mut self, parent: &[Segment], key: &str, offset: usize) {
        let mut path = parent.to_vec();
        path.push(Segment::Key(key.to_string()));
        self.unknown.push(Unknown { path, offset });
    }

    fn front_matter(&mut self, root: &Node) -> FrontMatter {
        let mut front = FrontMatter::default();
        let Value::Map(all) = &root.value else {
            self.problem(
                root,
                format!(
                    "the front matter should be `key: value` lines, not {}",
                    kind(root)
                ),
                Some(
                    "start each line with a key, such as `title: Health Information Technicians`"
                        .to_string(),
                ),
            );
            front.rejected.push("title");
            return front;
        };
        for entry in entries(all) {
            let node = &entry.value;
            let before = self.problems.len();
            let key: &'static str = match entry.key.as_ref() {
                "title" => {
                    front.title = self.opt_text(node, "title");
                    "title"
                }
                "soc" => {
                    front.soc = self.opt_text(node, "soc").map(Text);
                    "soc"
                }
                "soc_version" => {
                    front.soc_version = self.opt_int(node, "soc_version", "use 2010 or 2018");
                    "soc_version"
                }
                "also_called" => {
                    front.also_called = self.list(node, "also_called");
                    "also_called"
                }
                "summary" => {
                    front.summary = self.opt_text(node, "summary");
                    "summary"
                }
                "at_a_glance" => {
                    front.at_a_glance = self.list(node, "at_a_glance");
                    "at_a_glance"
                }
                "pros" => {
                    front.pros = self.list(node, "pros");
                    "pros"
                }
                "cons" => {
                    front.cons = self.list(node, "cons");
                    "cons"
                }
                "cluster" => {
                    front.cluster = self.opt_text(node, "cluster");
                    "cluster"
                }
                "holland" => {
                    front.holland = self.opt_text(node, "holland");
                    "holland"
                }
                "job_zone" => {
                    front.job_zone = self.opt_int(
                        node,
                        "job_zone",
                        "job zones run from 1 (little preparation) to 5 (extensive preparation)",
                    );
                    "job_zone"
                }
                "education" => {
                    front.education = self.opt_text(node, "education");
                    "education"
                }
                "related" => {
                    front.related = self.list(node, "related");
                    "related"
                }
                "onet" => {
                    front.onet = self.list(node, "onet").into_iter().map(Text).collect();
                    "onet"
                }
                "reviewed" => {
                    front.reviewed = self.opt_text(node, "reviewed").map(Text);
                    "reviewed"
                }
                "draft" => {
                    front.draft = self.boolean(node, "draft").unwrap_or(false);
                    "draft"
                }
                "slug" => {
                    front.slug = self.opt_text(node, "slug");
                    "slug"
                }
                "extra" => {
                    front.extra = self.json(node);
                    "extra"
                }
                "wages" => {
                    front.wages = self.wages(node);
                    "wages"
                }
                "outlook" => {
                    front.outlook = self.outlook(node);
                    "outlook"
                }
                other => {
                    self.unknown_key(&[], other, entry.key_offset);
                    continue;
                }
            };
            if self.problems.len() > before {
                front.rejected.push(key);
            }
        }
        front
    }

    /// Text, or `None` for null; a list or mapping is a problem.
    fn opt_text(&mut self, node: &Node, key: &str) -> Option<String> {
        if is_null(node) {
            return None;
        }
        self.text(node, key)
    }

    /// Any scalar's text, as written (`~` and `42` included).
    fn text(&mut self, node: &Node, key: &str) -> Option<String> {
        match scalar(node) {
            Some((text, _)) => Some(text.to_string()),
            None => {
                let hint = match &node.value {
                    Value::Seq(_) => format!("write one value after `{key}:`; only a few keys, such as `also_called`, take a list"),
                    _ => format!("write the value on the line of `{key}:`; keys indented below it belong to it"),
                };
                self.problem(
                    node,
                    format!("`{key}` should be text, not {}", kind(node)),
                    hint,
                );
                None
            }
        }
    }

    /// A list of texts; `key:` alone is an empty list. Items that are not
    /// text are reported and left out.
    fn list(&mut self, node: &Node, key: &str) -> Vec<String> {
        match &node.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(|item| self.text(item, key))
                .collect(),
            _ if is_empty(node) => Vec::new(),
            Value::Scalar { text, .. } => {
                let hint = match is_null(node) {
                    true => format!("write `{key}: []` for none, or leave the key out"),
                    false => format!("write a list, such as `{key}: [{text}]`"),
                };
                self.problem(node, format!("`{key}` should be a list"), hint);
                Vec::new()
            }
            Value::Map(_) => {
                self.problem(
                    node,
                    format!("`{key}` should be a list, not keys and values"),
                    format!(
                        "write each entry on a line of its own starting with `- ` under `{key}:`"
                    ),
                );
                Vec::new()
            }
        }
    }

    /// A whole number written plain, or `None` for null.
    fn opt_int<T>(&mut self, node: &Node, key: &str, range: &str) -> Option<T>
    where
        T: TryFrom<i64> + TryFrom<u64> + serde::de::DeserializeOwned,
    {
        if is_null(node) {
            return None;
        }
        let Some((text, style)) = scalar(node) else {
            self.problem(
                node,
                format!("`{key}` should be a whole number, not {}", kind(node)),
                None,
            );
            return None;
        };
        let value = match (style, yaml::resolve_plain(text)) {
            (Style::Plain, Resolved::U64(v)) => T::try_from(v).ok(),
            (Style::Plain, Resolved::I64(v)) => T::try_from(v).ok(),
            (Style::Plain, Resolved::Unsure) => yaml::plain_as::<T>(text),
            _ => None,
        };
        if value.is_none() {
            let hint = match (style, number_hint(text)) {
                (Style::Plain, Some(fix)) => fix,
                (Style::Plain, None) => range.to_string(),
                _ => format!("write the number without quotes: `{key}: {text}`"),
            };
            self.problem(
                node,
                format!(
                    "`{key}` should be a whole number{}, not `{text}`",
                    limits(key)
                ),
                hint,
            );
        }
        value
    }

    fn boolean(&mut self, node: &Node, key: &str) -> Option<bool> {
        let value = match scalar(node) {
            Some((text, Style::Plain)) => match text {
                "true" | "True" | "TRUE" => Some(true),
                "false" | "False" | "FALSE" => Some(false),
                _ => None,
            },
            _ => None,
        };
        if value.is_none() {
            let written = scalar(node).map_or(kind(node).to_string(), |(t, _)| format!("`{t}`"));
            self.problem(
                node,
                format!("`{key}` is `true` or `false`, not {written}"),
                format!("write `{key}: true` or `{key}: false`"),
            );
        }
        value
    }

    /// Anything, as serde_json reads it from serde_yaml.
    fn json(&mut self, node: &Node) -> serde_json::Value {
        use serde_json::Value as Json;
        match &node.value {
            Value::Scalar { text, style } if *style == Style::Plain => {
                match yaml::resolve_plain(text) {
                    Resolved::Null => Json::Null,
                    Resolved::Bool(b) => Json::Bool(b),
                    Resolved::U64(v) => Json::from(v),
                    Resolved::I64(v) => Json::from(v),
                    Resolved::F64(v) => {
                        serde_json::Number::from_f64(v).map_or(Json::Null, Json::Number)
                    }
                    Resolved::Str => Json::String(text.to_string()),
                    Resolved::Unsure => match yaml::plain_as::<Json>(text) {
                        Some(value) => value,
                        None => {
                            self.problem(
                                node,
                                format!("`{text}` is a number too large to keep exactly"),
                                Some(format!("put it in quotes to keep it as text: \"{text}\"")),
                            );
                            Json::Null
                        }
                    },
                }
            }
            Value::Scalar { text, .. } => Json::String(text.to_string()),
            Value::Seq(items) => Json::Array(items.iter().map(|item| self.json(item)).collect()),
            Value::Map(entries) => {
                let mut map = serde_json::Map::new();
                for entry in entries {
                    let value = self.json(&entry.value);
                    map.insert(entry.key.to_string(), value);
                }
                Json::Object(map)
            }
        }
    }

    /// The entries of a table (`wages`, `outlook`, an area); `key:` with
    /// nothing after it is an empty table, as serde reads it.
    fn table<'n, 'a>(
        &mut self,
        node: &'n Node<'a>,
        key: &str,
        keys: &str,
    ) -> Option<&'n [yaml::Entry<'a>]> {
        match &node.value {
            Value::Map(entries) => Some(entries),
            _ if is_empty(node) => Some(&[]),
            _ => {
                self.problem(
                    node,
                    format!(
                        "`{key}` should hold keys such as {keys}, not {}",
                        kind(node)
                    ),
                    format!("write each key on a line of its own, indented under `{key}:`"),
                );
                None
            }
        }
    }

    fn wages(&mut self, node: &Node) -> Option<Wages> {
        if is_null(node) {
            return None;
        }
        let entries_of = self.table(node, "wages", "`source`, `as_of` and `areas`")?;
        let mut wages = Wages::default();
        for entry in entries(entries_of) {
            let value = &entry.value;
            match entry.key.as_ref() {
                "source" => wages.source = self.opt_text(value, "source"),
                "as_of" => wages.as_of = self.opt_text(value, "as_of").map(Text),
                "areas" => {
                    wages.areas = self.rows(value, "wages", |r, i, node| r.wage_area(i, node))
                }
                other => self.unknown_key(&crate::yaml_path!["wages"], other, entry.key_offset),
            }
        }
        Some(wages)
    }

    fn outlook(&mut self, node: &Node) -> Option<Outlook> {
        if is_null(node) {
            return None;
        }
        let entries_of = self.table(node, "outlook", "`source`, `period` and `areas`")?;
        let mut outlook = Outlook::default();
        for entry in entries(entries_of) {
            let value = &entry.value;
            match entry.key.as_ref() {
                "source" => outlook.source = self.opt_text(value, "source"),
                "period" => outlook.period = self.opt_text(value, "period").map(Text),
                "areas" => {
                    outlook.areas =
                        self.rows(value, "outlook", |r, i, node| r.outlook_area(i, node))
                }
                other => self.unknown_key(&crate::yaml_path!["outlook"], other, entry.key_offset),
            }
        }
        Some(outlook)
    }

    /// The `areas` list of a table, one row per item.
    fn rows<T>(
        &mut self,
        node: &Node,
        table: &str,
        mut row: impl FnMut(&mut Self, usize, &Node) -> Option<T>,
    ) -> Vec<T> {
        match &node.value {
            Value::Seq(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| row(self, i, item))
                .collect(),
            _ if is_empty(node) => Vec::new(),
            _ => {
                self.problem(
                    node,
                    format!(
                        "the `areas` of `{table}` should be a list, not {}",
                        kind(node)
                    ),
                    "start each area with `- area: NAME` on a line of its own".to_string(),
                );
                Vec::new()
            }
        }
    }

    fn wage_area(&mut self, index: usize, node: &Node) -> Option<WageArea> {
        let entries_of = self.table(node, "area", "`area`, `hourly` and `yearly`")?;
        let mut area = WageArea::default();
        let before = self.problems.len();
        for entry in entries(entries_of) {
            let value = &entry.value;
            match entry.key.as_ref() {
                "area" => area.area = self.text(value, "area").unwrap_or_default(),
                "within" => area.within = self.opt_text(value, "within"),
                "hourly" => area.hourly = self.wage_row(value, "hourly"),
                "monthly" => area.monthly = self.wage_row(value, "monthly"),
                "yearly" => area.yearly = self.wage_row(value, "yearly"),
                other => self.unknown_key(
                    &crate::yaml_path!["wages", "areas", index],
                    other,
                    entry.key_offset,
                ),
            }
        }
        area.rejected = self.problems.len() > before;
        Some(area)
    }

    fn outlook_area(&mut self, index: usize, node: &Node) -> Option<OutlookArea> {
        let entries_of = self.table(node, "area", "`area`, `employment` and `growth`")?;
        let mut area = OutlookArea::default();
        for entry in entries(entries_of) {
            let value = &entry.value;
            match entry.key.as_ref() {
                "area" => area.area = self.text(value, "area").unwrap_or_default(),
                "within" => area.within = self.opt_text(value, "within"),
                "employment" => area.employment = self.number(value, "employment"),
                "growth" => area.growth = self.number(value, "growth"),
                "growth_all" => area.growth_all = self.number(value, "growth_all"),
                "openings" => area.openings = self.number(value, "openings"),
                other => self.unknown_key(
                    &crate::yaml_path!["outlook", "areas", index],
                    other,
                    entry.key_offset,
                ),
            }
        }
        Some(area)
    }

    /// A figure as written, or `None` for null.
    fn number(&mut self, node: &Node, key: &str) -> Option<Number> {
        if is_null(node) {
            return None;
        }
        let Some((text, _)) = scalar(node) else {
            self.problem(
                node,
                format!("`{key}` should be a number, not {}", kind(node)),
                None,
            );
            return None;
        };
        let number = parse_number(text);
        if number.is_none() {
            let hint = number_hint(text).unwrap_or_else(|| match not_published(text) {
                true => "write null for a figure that is not published".into(),
                false => "write a number, such as 5050 or 19.4".into(),
            });
            self.problem(
                node,
                format!("`{key}` should be a number, not `{text}`"),
                hint,
            );
        }
        number
    }

    /// A row of five wage figures, or `None` for null. A row whose
    /// thousands separators split its figures is reported once, as such.
    fn wage_row(&mut self, node: &Node, period: &str) -> Option<Vec<WageEntry>> {
        if is_null(node) {
            return None;
        }
        let items = match &node.value {
            Value::Seq(items) => items,
            _ => {
                let written =
                    scalar(node).map_or(kind(node).to_string(), |(t, _)| format!("`{t}`"));
                self.problem(
                    node,
                    format!("{} `{period}` row should be a list of five figures, not {written}", article(period)),
                    format!("write `{period}: [p10, p25, median, p75, p90]`, with null for a figure that is not published"),
                );
                return Some(Vec::new());
            }
        };
        if items.len() != 5 {
            if let Some(joined) = self.split_thousands(items) {
                self.problem(
                    node,
                    format!(
                        "the commas inside the figures split this `{period}` row into {} entries",
                        items.len()
                    ),
                    format!(
                        "write the figures without thousands separators: `[{}]`",
                        joined.join(", ")
                    ),
                );
                return Some(Vec::new());
            }
        }
        let mut row = Vec::with_capacity(items.len());
        for item in items {
            let Some((text, _)) = scalar(item) else {
                self.problem(
                    item,
                    format!("a wage figure should be a number, not {}", kind(item)),
                    None,
                );
                continue;
            };
            match raw::wage_entry(text) {
                Ok(entry) => row.push(entry),
                Err(_) => {
                    let hint = number_hint(text).unwrap_or_else(|| match not_published(text) {
                        true => "write null for a figure that is not published".into(),
                        false => "write a number, null (not published), or a top-coded figure such as \">=115.00\"".into(),
                    });
                    self.problem(item, format!("`{text}` is not a wage figure"), hint);
                }
            }
        }
        Some(row)
    }

    /// For a flow row like `[31,610, 35,760, …]`, which YAML splits at
    /// every comma: the figures as meant, when joining each group of three
    /// digits written straight after a comma gives exactly five numbers.
    fn split_thousands(&self, items: &[Node]) -> Option<Vec<String>> {
        let mut groups: Vec<String> = Vec::new();
        for item in items {
            let (text, Style::Plain) = scalar(item)? else {
                return None;
            };
            let after_comma = item
                .offset
                .checked_sub(1)
                .and_then(|i| self.text.as_bytes().get(i))
                == Some(&b',');
            let digits = text.split('.').next().unwrap_or("");
            let group = digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit());
            match groups.last_mut() {
                Some(last) if after_comma && group => last.push_str(text),
                _ => groups.push(text.trim_start_matches('$').to_string()),
            }
        }
        let all_numbers = groups.iter().all(|g| parse_number(g).is_some());
        (groups.len() == 5 && all_numbers).then_some(groups)
    }
}

/// "an" before a vowel sound: an `hourly` row, a `yearly` row, an area.
pub(crate) fn article(word: &str) -> &'static str {
    let word = word.trim_start_matches('`').to_ascii_lowercase();
    let vowel = word.starts_with(['a', 'e', 'i', 'o']) || word.starts_with("hour");
    match vowel {
        true => "an",
        false => "a",
    }
}

fn limits(key: &str) -> &'static str {
    match key {
        "job_zone" => " from 1 to 5",
        "soc_version" => ", 2010 or 2018,",
        _ => "",
    }
}

/// How a figure written with a currency sign, thousands separators, a
/// percent sign or a decimal comma should be written: "write 62000".
pub(crate) fn number_hint(text: &str) -> Option<String> {
    let t = text.trim();
    let t = t.strip_prefix('$').unwrap_or(t).trim();
    let t = t.strip_suffix('%').map_or(t, str::trim_end);
    let (sign, digits) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t),
    };
    let is_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let fixed = if let Some((whole, fraction)) = digits.split_once(',').filter(|(w, f)| {
        is_digits(w)
            && is_digits(f)
            && f.len() <= 2
            && !digits.get(w.len() + 1..).unwrap_or_default().contains(',')
    }) {
        // `9,5`: a decimal comma.
        format!("{sign}{whole}.{fraction}")
    } else {
        // `62,000`, `45 000`, `1,234.50`: thousands separators.
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let groups: Vec<&str> = whole.split([',', ' ']).collect();
        let grouped = groups.len() > 1
            && groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
            && groups.iter().all(|g| is_digits(g))
            && groups.iter().skip(1).all(|g| g.len() == 3);
        let whole = match grouped {
            true => groups.concat(),
            false => whole.to_string(),
        };
        match fraction.is_empty() {
            true => format!("{sign}{whole}"),
            false => format!("{sign}{whole}.{fraction}"),
        }
    };
    (fixed != text.trim() && parse_number(&fixed).is_some()).then(|| format!("write {fixed}"))
}

/// The ways sources mark a figure they do not publish.
fn not_published(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    matches!(
        t.as_str(),
        "-" | "—" | "–" | "*" | "**" | "#" | "n/a" | "na" | "(x)" | "x" | "none" | "not published"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_come_from_what_was_written() {
        let hint = |t: &str| number_hint(t);
        assert_eq!(hint("62,000").as_deref(), Some("write 62000"));
        assert_eq!(hint("12 %").as_deref(), Some("write 12"));
        assert_eq!(hint("12%").as_deref(), Some("write 12"));
        assert_eq!(hint("$45,000").as_deref(), Some("write 45000"));
        assert_eq!(hint("$15.20").as_deref(), Some("write 15.20"));
        assert_eq!(hint("9,5").as_deref(), Some("write 9.5"));
        assert_eq!(hint("-2,5").as_deref(), Some("write -2.5"));
        assert_eq!(hint("1,234,567.50").as_deref(), Some("write 1234567.50"));
        assert_eq!(hint("45 000").as_deref(), Some("write 45000"));
        assert_eq!(hint("lots"), None);
        assert_eq!(hint("12,34,567"), None);
        assert_eq!(hint("42"), None);
    }

    #[test]
    fn articles() {
        assert_eq!(article("hourly"), "an");
        assert_eq!(article("yearly"), "a");
        assert_eq!(article("monthly"), "a");
        assert_eq!(article("area"), "an");
    }

    fn read_text(text: &str) -> Read {
        let tree = crate::yaml::parse_tree(text).unwrap();
        read(&tree.root, text)
    }

    #[test]
    fn a_row_split_by_thousands_separators_is_one_problem() {
        let r = read_text(
            "wages:\n  areas:\n    - area: W\n      yearly: [31,610, 35,760, 43,500, 54,920, 65,620]\n",
        );
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert_eq!(
            r.problems[0].hint.as_deref(),
            Some("write the figures without thousands separators: `[31610, 35760, 43500, 54920, 65620]`")
        );
        let r = read_text("wages:\n  areas:\n    - area: W\n      yearly: [$45,000, 1, 2, 3, 4]\n");
        assert!(r.problems[0]
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("[45000, 1, 2, 3, 4]"));
        let r = read_text("wages:\n  areas:\n    - area: W\n      yearly: [$45, 1, 2, 3, 4]\n");
        assert_eq!(r.problems[0].message, "`$45` is not a wage figure");
        assert_eq!(r.problems[0].hint.as_deref(), Some("write 45"));
    }

    #[test]
    fn every_wrong_value_is_a_problem_of_its_own() {
        let r = read_text(
            "title: [a]\ndraft: yes\njob_zone: three\noutlook:\n  areas:\n    - area: W\n      employment: 62,000\n      growth: 12 %\n",
        );
        let messages: Vec<&str> = r.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`title` should be text, not a list",
                "`draft` is `true` or `false`, not `yes`",
                "`job_zone` should be a whole number from 1 to 5, not `three`",
                "`employment` should be a number, not `62,000`",
                "`growth` should be a number, not `12 %`",
            ]
        );
        assert_eq!(r.front.rejected, ["title", "draft", "job_zone", "outlook"]);
    }
}
