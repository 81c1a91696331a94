//! The YAML fast path (`yaml::fast`) against serde_yaml, the reference.
//!
//! The rule under test: whenever the fast path answers, serde_yaml answers
//! `Ok` with the same value and the same unknown keys; and the public
//! `from_str_with_unknown_keys` (fast path, then serde_yaml) always gives
//! exactly what serde_yaml alone gives, errors included. Documents come
//! from a grammar of front-matter-like YAML with odd scalars, mutations and
//! inserted characters (proptest), from `content/`, and from hand-written
//! typical profiles, which the fast path must accept, so that it cannot
//! quietly decline everything.
//!
//! The same documents check the positioned tree that front matter is read
//! from (`yaml::parse_tree`): the fast parser's tree and the one serde_yaml
//! gives hold the same keys, items and scalars, resolving alike; and the
//! front matter read key by key from it (`content::read_front_matter`) is
//! what serde deserializes, with at least one problem reported wherever
//! serde_yaml refuses the document.
//!
//! `PROPTEST_CASES=N` raises the number of cases per property. The ignored
//! test `corpus_from_env` checks a generated benchmark corpus:
//! `YAML_CORPUS=/tmp/yc cargo test --test yaml_equivalence -- --ignored`.

use std::fmt::Debug;
use std::path::Path;

use careers::content::FrontMatter;
mod common;

use careers::content::read_front_matter;
use careers::yaml::{
    fast_path_only, from_str_with_unknown_keys, parse_tree, resolves_to_text, serde_yaml_only,
    tree_from_fast_parser, tree_from_serde_yaml, Node, Style, TreeError, Value,
};
use common::proptest_config as config;
use proptest::prelude::*;
use serde::de::DeserializeOwned;

// ------------------------------------------------------------ comparing

/// Checks both rules for `T`; returns whether the fast path answered.
fn same_as_serde_yaml<T: DeserializeOwned + Debug>(text: &str) -> bool {
    let reference = serde_yaml_only::<T>(text);
    let combined = from_str_with_unknown_keys::<T>(text);
    match (&combined, &reference) {
        (Ok((a, ua)), Ok((b, ub))) => {
            assert_eq!(
                format!("{a:?}"),
                format!("{b:?}"),
                "values differ for\n{text}"
            );
            assert_eq!(ua, ub, "unknown keys differ for\n{text}");
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "errors differ for\n{text}"),
        _ => {
            panic!("one path failed for\n{text}\ncombined: {combined:?}\nserde_yaml: {reference:?}")
        }
    }
    let Some((value, unknown)) = fast_path_only::<T>(text) else {
        return false;
    };
    let Ok((expected, expected_unknown)) = reference else {
        panic!("the fast path accepted what serde_yaml refuses:\n{text}");
    };
    assert_eq!(format!("{value:?}"), format!("{expected:?}"), "for\n{text}");
    assert_eq!(unknown, expected_unknown, "for\n{text}");
    true
}

/// Both target types the project cares about: the front matter, and any
/// value (`serde_json::Value` takes every shape through `deserialize_any`);
/// then the tree and the key-by-key reader.
fn check(text: &str) -> (bool, bool) {
    let answered = (
        same_as_serde_yaml::<FrontMatter>(text),
        same_as_serde_yaml::<serde_json::Value>(text),
    );
    same_tree_as_serde_yaml(text);
    reads_as_serde_deserializes(text);
    answered
}

/// A tree without positions, each scalar with how it resolves: `N` when
/// plain and not text (null, a boolean, a number: serde_yaml resolves it
/// from its text alone), `T` for text however it was written.
fn shape(node: &Node) -> String {
    match &node.value {
        Value::Scalar { text, style } => {
            let kind = match *style == Style::Plain && !resolves_to_text(text) {
                true => 'N',
                false => 'T',
            };
            format!("{kind}{text:?}")
        }
        Value::Seq(items) => format!(
            "[{}]",
            items.iter().map(shape).collect::<Vec<_>>().join(", ")
        ),
        Value::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|e| format!("{:?}: {}", e.key, shape(&e.value)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn blank(text: &str) -> bool {
    text.lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
}

/// The tree a document reads into is serde_yaml's, whichever parser made it.
fn same_tree_as_serde_yaml(text: &str) {
    if blank(text) {
        return;
    }
    let reference = tree_from_serde_yaml(text);
    if let Some(fast) = tree_from_fast_parser(text) {
        let Ok(expected) = &reference else {
            panic!("the fast parser read what serde_yaml refuses:\n{text}\n{reference:?}");
        };
        assert_eq!(shape(&fast), shape(expected), "trees differ for\n{text}");
    }
    match (parse_tree(text), &reference) {
        (Ok(tree), Ok(expected)) => {
            assert_eq!(
                shape(&tree.root),
                shape(expected),
                "trees differ for\n{text}"
            )
        }
        (Err(TreeError::Unsupported), Err(TreeError::Unsupported)) => {}
        (Err(TreeError::Syntax(_)), Err(TreeError::Syntax(_))) => {}
        // More than MAX_ALIASES aliases: refused before serde_yaml looks.
        (Err(TreeError::Syntax(e)), _) if e.message.contains("aliases") => {}
        (ours, theirs) => panic!("for\n{text}\nparse_tree: {ours:?}\nserde_yaml: {theirs:?}"),
    }
}

/// Reading key by key gives what serde deserializes: the same value and
/// unknown keys when serde_yaml accepts the document (and it has no key
/// twice), and at least one problem when serde_yaml refuses it.
fn reads_as_serde_deserializes(text: &str) {
    let Some((front, unknown, problems, duplicates)) = read_front_matter(text) else {
        return; // not YAML, or read by serde_yaml itself
    };
    match serde_yaml_only::<FrontMatter>(text) {
        Ok((expected, expected_unknown)) => {
            if duplicates > 0 {
                return; // an error of ours; serde_json keeps the last one
            }
            assert_eq!(
                problems, 0,
                "problems reported for what serde reads:\n{text}"
            );
            assert_eq!(format!("{front:?}"), format!("{expected:?}"), "for\n{text}");
            assert_eq!(unknown, expected_unknown, "for\n{text}");
        }
        Err(e) => assert!(
            problems + duplicates > 0,
            "nothing reported where serde_yaml says {e:?}:\n{text}"
        ),
    }
}

fn assert_accepted(text: &str) {
    assert_eq!(check(text), (true, true), "the fast path declined\n{text}");
}

/// The YAML between the first two `---` lines of a Markdown file.
fn front_matter(markdown: &str) -> Option<&str> {
    let rest = markdown.strip_prefix("---\n")?;
    let end = rest.find("\n---\n").map(|i| i + 1).or_else(|| {
        rest.ends_with("\n---")
            .then(|| rest.len() - 3)
            .or_else(|| rest.starts_with("---").then_some(0))
    })?;
    Some(&rest[..end])
}

// ------------------------------------------------------------- typical

/// A typical profile in the style of `content/`: plain scalars, indentless
/// and nested sequences, comments.
const PLAIN_PROFILE: &str = "\
title: Medical Records Specialists
soc: \"29-2072\"
soc_version: 2018
also_called: [Medical coders, Health information clerks]
summary: Compile, process and maintain medical records (no:colon problem), this is fine — it's text.
at_a_glance:
- Keep records complete # an editor note
- Work with C# and SQL sometimes
pros:
  - You help people.
cons: []
cluster: Health Science
holland: CE
job_zone: 3
education: postsecondary-award
related: [health-information-technicians]
onet: [\"29-2072.00\", 29-2072.01]
reviewed: 2019-02-24
draft: false
extra:
  note: 'It''s fine'
  count: 12
  ratio: -2.5
  flag: true
  nothing: ~
  empty:
  list:
    - 1
    - -7
    - 15.0
wages:
  source: BLS
  as_of: 2019
  areas:
  - area: Washington
    hourly:  [15.20, 17.19, null, \">=115.00\", ~]
    monthly: [2634, 2979, 3624, 4575, 5468]
    yearly:
      - 31610
      - 35760
  - area: Bellingham
    within: Washington
    hourly: [12.87, 16.76, 20.60, 24.02, \">= $239,200\"]
outlook:
  source: ESD
  period: 2016-2026
  areas:
    - area: Washington
      employment: 5050
      growth: -19.4
      growth_all: 16.1
      openings: 523
";

/// A profile as the benchmark corpus writes it: everything quoted.
const QUOTED_PROFILE: &str = "\
title: \"Policy Clinic Specialists 665\"
soc: \"11-9885\"
summary: \"Verify hospital \\\"federal\\\" code, chart \\u00e9 patient\\tprocedure.\"
also_called: [\"Document Nurse Technicians\"]
cluster: \"Manufacturing\"
holland: \"ICA\"
job_zone: 4
education: doctoral
related: [sample-occupation-00012, sample-occupation-00131]
at_a_glance:
  - \"Staff patient software **state** train registry chart\"
  - \"Verify *paper* transplant code review\"
wages:
  source: \"Sample data (random figures)\"
  as_of: \"2019\"
  areas:
    - area: \"Washington\"
      hourly: [36.50, 44.80, 50.33, 66.59, 81.95]
      monthly: [6327, 7765, 8724, 11542, 14205]
      yearly: [75920, 93180, 104690, 138510, 170460]
    - area: \"Bellingham\"
      within: \"Washington\"
      hourly: [32.04, 36.42, 43.65, 52.84, 66.88]
outlook:
  source: \"Sample data\"
  period: \"2019-2029\"
  areas:
    - area: \"Washington\"
      employment: 1234
      growth: 12.5
      growth_all: 5.0
      openings: 120
";

/// A page that is not a profile, with keys the model does not know.
const PLAIN_PAGE: &str = "\
# About the site
title: About
slug: about
draft: true
unknown_key: 1
nested_unknown:
  deeper: [a, b]
wages:
  areas: []
  colour: blue
";

#[test]
fn typical_profiles_take_the_fast_path() {
    for text in [
        PLAIN_PROFILE,
        QUOTED_PROFILE,
        PLAIN_PAGE,
        "",
        "# only a note\n",
    ] {
        assert_accepted(text);
    }
    let (_, unknown) = fast_path_only::<FrontMatter>(PLAIN_PAGE).unwrap();
    assert_eq!(unknown.len(), 3, "{unknown:?}");
}

#[test]
fn a_generated_corpus_takes_the_fast_path() {
    for seed in 0..40 {
        assert_accepted(&generated_profile(seed));
    }
}

/// A profile shaped like the benchmark corpus, with figures varied by `seed`.
fn generated_profile(seed: u64) -> String {
    let mut out = format!(
        "title: \"Sample Occupation {seed}\"\nsoc: \"11-{:04}\"\njob_zone: {}\n\
         education: bachelor\nrelated: [sample-occupation-{:05}]\nwages:\n  areas:\n",
        seed * 37 % 10_000,
        seed % 5 + 1,
        seed * 7
    );
    for area in 0..(seed % 15 + 1) {
        let base = 10.0 + (seed * 13 + area * 7) as f64 / 10.0;
        let hourly: Vec<String> = (0..5).map(|i| format!("{:.2}", base + i as f64)).collect();
        out += &format!(
            "    - area: \"Area {area}\"\n      within: Washington\n      hourly: [{}]\n",
            hourly.join(", ")
        );
    }
    out += "outlook:\n  areas:\n    - area: Washington\n      growth: -1.5\n      openings: 3\n";
    out
}

#[test]
fn the_sample_site_takes_the_fast_path() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path).unwrap();
            if let Some(yaml) = front_matter(&text) {
                assert_accepted(yaml);
                seen += 1;
            }
        }
    }
    assert!(seen >= 3, "only {seen} front matters found");
}

/// A generated benchmark corpus (`YAML_CORPUS=dir`, the `content/` of
/// `gen_corpus.py`): every front matter must take the fast path.
#[test]
#[ignore]
fn corpus_from_env() {
    let dir = std::env::var("YAML_CORPUS").expect("set YAML_CORPUS");
    let (mut total, mut accepted) = (0, 0);
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let yaml = front_matter(&text).expect("front matter");
            total += 1;
            if check(yaml) == (true, true) {
                accepted += 1;
            }
        }
    }
    eprintln!("fast path accepted {accepted} of {total} front matters");
    assert_eq!(accepted, total);
}

// ------------------------------------------------------------ generated

/// A YAML value before rendering: the layout (indent, indentless
/// sequences, comments) is chosen when rendering.
#[derive(Debug, Clone)]
enum Gen {
    Scalar(String),
    Map(Vec<(String, Gen)>),
    Seq(Vec<Gen>),
}

/// Keys: the front matter's own (so values reach the typed fields) and
/// unknown ones, including some that resolve to numbers or booleans.
fn key() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "title",
        "soc",
        "soc_version",
        "also_called",
        "summary",
        "pros",
        "cluster",
        "job_zone",
        "related",
        "onet",
        "reviewed",
        "draft",
        "slug",
        "extra",
        "wages",
        "outlook",
        "areas",
        "area",
        "within",
        "hourly",
        "yearly",
        "growth",
        "openings",
        "source",
        "as_of",
        "period",
        "unknown",
        "x-y",
        "_z",
        "123",
        "true",
        "null",
        "A1",
    ])
    .prop_map(String::from)
}

/// Plain scalars the fast path reads, some resolving to numbers, null or
/// booleans and some text that looks close to them.
const COMMON_PLAIN: &[&str] = &[
    "Washington",
    "Health Science",
    "15.0",
    "15.20",
    "-2.1",
    "0",
    "42",
    "-0",
    "null",
    "~",
    "true",
    "False",
    "yes",
    "2019-02-24",
    "29-2071",
    "5 years",
    "C# and SQL",
    "a #note",
    "a:b",
    "http://example.org/x",
    "it's",
    "say \"hi\"",
    "back\\slash",
    "a  b",
    "é",
    "≥115",
    "$5",
    "(x)",
    "12.50",
    "-0.0",
    "nan",
    "inf",
    "a,b",
    "x]",
    "-5",
    "Null",
    "no",
];

/// Plain scalars on the edge of the subset or outside it.
const ODD_PLAIN: &[&str] = &[
    "NULL",
    "on",
    "TRUE",
    "007",
    "1e3",
    "0x1F",
    "+1",
    ".5",
    "1.",
    ".inf",
    "-.inf",
    ".nan",
    "1_000",
    "012",
    "0o7",
    "0b11",
    "a: b",
    "ends:",
    "-",
    "-a",
    "--",
    "---",
    "...",
    "18446744073709551615",
    "18446744073709551616",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "1e400",
    "[x",
    "{x}",
    "&a",
    "*a",
    "!t",
    "|",
    ">",
    "%x",
    "@x",
    "`x`",
    "?x",
    ":x",
    "00.5",
];

/// Pieces of double-quoted scalars: escapes the fast path reads, then ones
/// it declines (`\x41`, `\N`, a lone surrogate, an escaped space).
const GOOD_ESCAPES: &[&str] = &[
    "a", " ", "#", ":", ",", "'", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\r", "\\0", "\\a", "\\b",
    "\\e", "\\f", "\\v", "\\u00e9", "\\u2028", ">=115.00", "15.0", "null", "é",
];
const ODD_ESCAPES: &[&str] = &["\\uD800", "\\x41", "\\N", "\\ ", "\\u12"];

/// How often odd constructs appear, against a weight of 40 for common ones:
/// documents range from nearly all-typical to mostly odd.
type Oddness = u32;

fn pick(
    common: &'static [&'static str],
    odd: &'static [&'static str],
    oddness: Oddness,
) -> BoxedStrategy<String> {
    let common = prop::sample::select(common).prop_map(String::from);
    match oddness {
        0 => common.boxed(),
        _ => prop_oneof![40 => common, oddness => prop::sample::select(odd).prop_map(String::from)]
            .boxed(),
    }
}

fn plain(oddness: Oddness) -> BoxedStrategy<String> {
    let random = "[a-zA-Z0-9 .,:#'\"\\-\\[\\]{}&*!|>%@`?~_/$é]{0,10}";
    match oddness {
        0 => pick(COMMON_PLAIN, ODD_PLAIN, 0),
        _ => prop_oneof![8 => pick(COMMON_PLAIN, ODD_PLAIN, oddness), 1 => random].boxed(),
    }
}

fn double_quoted(oddness: Oddness) -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(pick(GOOD_ESCAPES, ODD_ESCAPES, oddness), 0..4);
    pieces.prop_map(|p| format!("\"{}\"", p.concat()))
}

fn single_quoted() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "a",
        " ",
        "''",
        "#",
        ":",
        "\"",
        "\\",
        ">= $239,200",
        "42",
        "~",
    ]);
    prop::collection::vec(piece, 0..5).prop_map(|p| format!("'{}'", p.concat()))
}

fn scalar(oddness: Oddness) -> impl Strategy<Value = String> {
    prop_oneof![4 => plain(oddness), 2 => double_quoted(oddness), 1 => single_quoted()]
}

/// A one-line flow sequence, sometimes malformed.
fn flow(oddness: Oddness) -> impl Strategy<Value = String> {
    let items = prop::collection::vec(scalar(oddness), 0..4);
    let separator = prop::sample::select(vec![", ", ",", " , "]);
    let shape = prop_oneof![
        40 => Just("[{}]"),
        oddness => prop::sample::select(vec!["[{},]", "[[{}]]", "{{{}}}", "[{}"]),
    ];
    (items, separator, shape).prop_map(|(items, sep, shape)| shape.replace("{}", &items.join(sep)))
}

fn value(oddness: Oddness) -> impl Strategy<Value = Gen> {
    let leaf = prop_oneof![
        3 => scalar(oddness).prop_map(Gen::Scalar),
        1 => flow(oddness).prop_map(Gen::Scalar),
        1 => Just(Gen::Scalar(String::new())),
    ];
    leaf.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            3 => prop::collection::vec((key(), inner.clone()), 1..5)
                .prop_map(|entries| Gen::Map(distinct(entries))),
            2 => prop::collection::vec(inner, 1..4).prop_map(Gen::Seq),
        ]
    })
}

fn document() -> impl Strategy<Value = Vec<(String, Gen)>> {
    prop::sample::select(vec![0, 1, 4, 20]).prop_flat_map(|oddness| {
        prop::collection::vec((key(), value(oddness)), 1..8).prop_map(distinct)
    })
}

/// Keeps the first entry of each key: duplicate keys are declined anyway,
/// and `Mutation::DuplicateLine` still writes some.
fn distinct(mut entries: Vec<(String, Gen)>) -> Vec<(String, Gen)> {
    let mut seen = std::collections::HashSet::new();
    entries.retain(|(key, _)| seen.insert(key.clone()));
    entries
}

/// How a tree is laid out as text.
#[derive(Debug, Clone, Copy)]
struct Layout {
    indent: usize,
    indentless: bool,
    comments: bool,
}

fn layout() -> impl Strategy<Value = Layout> {
    (1..5usize, any::<bool>(), any::<bool>()).prop_map(|(indent, indentless, comments)| Layout {
        indent,
        indentless,
        comments,
    })
}

fn render(entries: &[(String, Gen)], layout: Layout) -> String {
    let mut out = String::new();
    render_map(entries, 0, layout, &mut out);
    out
}

fn render_map(entries: &[(String, Gen)], at: usize, layout: Layout, out: &mut String) {
    for (key, value) in entries {
        out.push_str(&" ".repeat(at));
        out.push_str(key);
        out.push(':');
        render_value(value, at, layout, out);
    }
}

/// Writes what follows `key:` or `-`, with the line's indent `at`.
fn render_value(value: &Gen, at: usize, layout: Layout, out: &mut String) {
    match value {
        Gen::Scalar(text) if text.is_empty() => out.push('\n'),
        Gen::Scalar(text) => {
            out.push(' ');
            out.push_str(text);
            if layout.comments {
                out.push_str(" # note");
            }
            out.push('\n');
        }
        Gen::Map(entries) => {
            out.push('\n');
            if layout.comments {
                out.push_str("  # a comment line\n\n");
            }
            render_map(entries, at + layout.indent, layout, out);
        }
        Gen::Seq(items) => {
            out.push('\n');
            let dash_at = if layout.indentless {
                at
            } else {
                at + layout.indent
            };
            for item in items {
                out.push_str(&" ".repeat(dash_at));
                out.push('-');
                render_item(item, dash_at, layout, out);
            }
        }
    }
}

/// A sequence item: a mapping starts on the `-` line.
fn render_item(item: &Gen, dash_at: usize, layout: Layout, out: &mut String) {
    match item {
        Gen::Map(entries) => {
            let (first_key, first_value) = &entries[0];
            out.push(' ');
            out.push_str(first_key);
            out.push(':');
            render_value(first_value, dash_at + 2, layout, out);
            render_map(&entries[1..], dash_at + 2, layout, out);
        }
        // A null item, and a sequence of scalars as a flow sequence; other
        // nested sequences are written as `-` with a block below (declined).
        Gen::Scalar(text) if text.is_empty() => out.push_str(" ~\n"),
        Gen::Seq(items)
            if items
                .iter()
                .all(|i| matches!(i, Gen::Scalar(t) if !t.is_empty())) =>
        {
            let items: Vec<&str> = items
                .iter()
                .filter_map(|i| match i {
                    Gen::Scalar(text) => Some(text.as_str()),
                    _ => None,
                })
                .collect();
            render_value(
                &Gen::Scalar(format!("[{}]", items.join(", "))),
                dash_at,
                layout,
                out,
            );
        }
        other => render_value(other, dash_at, layout, out),
    }
}

/// A change of one line or character, to reach the edges of the subset.
#[derive(Debug, Clone)]
enum Mutation {
    None,
    Insert { at: usize, text: String },
    DuplicateLine(usize),
    DeleteLine(usize),
    Indent { line: usize, by: isize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let text = prop::sample::select(vec![
        " ",
        "\t",
        "\r",
        "\r\n",
        "#",
        " #",
        ":",
        ": ",
        "-",
        "- ",
        "\"",
        "'",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a ",
        "*a",
        "!t ",
        "|",
        ">",
        "%",
        "@",
        "`",
        "\n",
        "\n  ",
        "\n---\n",
        "\n...\n",
        "? ",
        "\u{85}",
        "\u{2028}",
        "\u{feff}",
        "\u{1}",
        "é",
        "\\",
        "~",
        "\n  continued\n",
    ])
    .prop_map(String::from);
    prop_oneof![
        4 => Just(Mutation::None),
        3 => (any::<usize>(), text).prop_map(|(at, text)| Mutation::Insert { at, text }),
        1 => any::<usize>().prop_map(Mutation::DuplicateLine),
        1 => any::<usize>().prop_map(Mutation::DeleteLine),
        1 => (any::<usize>(), -2..3isize).prop_map(|(line, by)| Mutation::Indent { line, by }),
    ]
}

fn mutate(text: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let pick = |i: usize| i % lines.len().max(1);
    match mutation {
        Mutation::None => return text.to_string(),
        Mutation::Insert { at, text: insert } => {
            let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let at = boundaries
                .get(at % boundaries.len().max(1))
                .copied()
                .unwrap_or(0);
            return format!("{}{insert}{}", &text[..at], &text[at..]);
        }
        Mutation::DuplicateLine(i) if !lines.is_empty() => {
            let i = pick(*i);
            lines.insert(i, lines[i].clone());
        }
        Mutation::DeleteLine(i) if !lines.is_empty() => {
            let i = pick(*i);
            lines.remove(i);
        }
        Mutation::Indent { line, by } if !lines.is_empty() => {
            let i = pick(*line);
            if *by > 0 {
                lines[i].insert_str(0, &" ".repeat(*by as usize));
            } else {
                let spaces = lines[i].len() - lines[i].trim_start_matches(' ').len();
                lines[i].drain(..spaces.min(by.unsigned_abs()));
            }
        }
        _ => {}
    }
    lines.join("\n") + "\n"
}

// A well-formed, typical document: known keys with values of their types.

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{1,8}( [a-z]{1,8}){0,3}",
        "[a-z]{2,8}(-[a-z0-9]{1,6}){0,2}",
        "\"[A-Za-z ,:#-]{0,16}\"",
        "'[A-Za-z ,:#-]{0,16}'",
    ]
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        (0..100_000u32).prop_map(|n| n.to_string()),
        (-500..500i32, 0..100u32).prop_map(|(w, f)| format!("{w}.{f:02}")),
        (1..400u32).prop_map(|n| format!("\">={n}.00\"")),
        Just("null".to_string()),
        Just("~".to_string()),
    ]
}

fn wage_list() -> impl Strategy<Value = Gen> {
    prop::collection::vec(number(), 5).prop_map(|n| Gen::Scalar(format!("[{}]", n.join(", "))))
}

fn typical_area() -> impl Strategy<Value = Gen> {
    (word(), prop::option::of(word()), wage_list(), wage_list()).prop_map(
        |(area, within, hourly, yearly)| {
            let mut entries = vec![("area".to_string(), Gen::Scalar(area))];
            if let Some(within) = within {
                entries.push(("within".into(), Gen::Scalar(within)));
            }
            entries.push(("hourly".into(), hourly));
            entries.push(("yearly".into(), yearly));
            Gen::Map(entries)
        },
    )
}

fn typical_document() -> impl Strategy<Value = Vec<(String, Gen)>> {
    let list = prop::collection::vec(word(), 0..4);
    (
        word(),
        list,
        1..6u8,
        any::<bool>(),
        prop::collection::vec(typical_area(), 0..4),
        prop::collection::vec((key(), word()), 0..3),
    )
        .prop_map(|(title, pros, zone, draft, areas, unknown)| {
            let mut doc = vec![
                ("title".to_string(), Gen::Scalar(title)),
                ("soc".into(), Gen::Scalar("\"29-2071\"".into())),
                ("job_zone".into(), Gen::Scalar(zone.to_string())),
                ("draft".into(), Gen::Scalar(draft.to_string())),
                ("reviewed".into(), Gen::Scalar("2019-02-24".into())),
                (
                    "pros".into(),
                    Gen::Seq(pros.into_iter().map(Gen::Scalar).collect()),
                ),
                (
                    "wages".into(),
                    Gen::Map(vec![("areas".into(), Gen::Seq(areas))]),
                ),
            ];
            let mut seen = std::collections::HashSet::new();
            let unknown = unknown
                .into_iter()
                .filter(|(k, _)| seen.insert(k.clone()))
                .map(|(k, v)| (format!("unknown_{k}"), Gen::Scalar(v)));
            doc.extend(unknown);
            doc
        })
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn the_fast_path_agrees_with_serde_yaml(
        doc in document(),
        layout in layout(),
        mutation in mutation(),
    ) {
        let text = mutate(&render(&doc, layout), &mutation);
        check(&text);
    }

    #[test]
    fn typical_documents_take_the_fast_path(doc in typical_document(), layout in layout()) {
        // An empty `pros` renders as `pros:` alone, which is null: fine too.
        let text = render(&doc, layout);
        assert_accepted(&text);
    }
}
